#!/bin/sh
# commands.sh BIN — every command answers --help on stdout with exit 0 and
# reports a bad option with exit 2; init and data work end to end.
set -u
BIN=${1:?usage: commands.sh path/to/premarket}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # description expected-exit actual-exit
	if [ "$2" != "$3" ]; then echo "commands.sh: FAIL: $1: exit $3, want $2"; fail=1; fi
}
for cmd in init validate score explain build check cvss sbom data schema; do
	"$BIN" $cmd --help >"$tmp/out" 2>"$tmp/err"
	check "$cmd --help" 0 $?
	grep -q "^Usage: premarket $cmd" "$tmp/out" || { echo "commands.sh: FAIL: $cmd --help has no usage line"; fail=1; }
	[ -s "$tmp/err" ] && { echo "commands.sh: FAIL: $cmd --help wrote to stderr"; fail=1; }
	"$BIN" $cmd --no-such-option >/dev/null 2>"$tmp/err"
	check "$cmd --no-such-option" 2 $?
	grep -q "unknown option '--no-such-option'" "$tmp/err" || { echo "commands.sh: FAIL: $cmd: option not named"; cat "$tmp/err"; fail=1; }
	# every command is listed in the main help
	"$BIN" --help | grep -q "^  $cmd " || { echo "commands.sh: FAIL: $cmd missing from premarket --help"; fail=1; }
done
"$BIN" --version | grep -q '^premarket [0-9]' || { echo "commands.sh: FAIL: --version"; fail=1; }
# premarket help CMD is CMD --help; a mistyped command gets the nearest name
"$BIN" help build >"$tmp/h1" && "$BIN" build --help >"$tmp/h2" && cmp -s "$tmp/h1" "$tmp/h2" ||
	{ echo "commands.sh: FAIL: 'premarket help build' differs from 'premarket build --help'"; fail=1; }
"$BIN" biuld x 2>"$tmp/err"
check "mistyped command" 2 $?
grep -q "unknown command 'biuld' (did you mean 'build'?)" "$tmp/err" || { echo "commands.sh: FAIL: no 'did you mean' for biuld"; fail=1; }
"$BIN" help frobnicate 2>"$tmp/err"
check "help of an unknown command" 2 $?
grep -q "did you mean" "$tmp/err" && { echo "commands.sh: FAIL: a suggestion for a word near no command"; fail=1; }

# init: a model that validates; no silent overwrite; --force
"$BIN" init "$tmp/new" 2>/dev/null
check "init" 0 $?
"$BIN" validate "$tmp/new/model.yaml" 2>"$tmp/err"
check "validate the skeleton" 0 $?
grep -q "warning:" "$tmp/err" && { echo "commands.sh: FAIL: skeleton validates with warnings"; fail=1; }
# editors: the new model and every example name the JSON Schema on their first
# line (yaml-language-server), as a path that exists
schema_of() { sed -n '1s/^# yaml-language-server: \$schema=//p' "$1"; }
s=$(schema_of "$tmp/new/model.yaml")
case $s in
/*) [ -f "$s" ] || { echo "commands.sh: FAIL: init's schema line names a missing file: $s"; fail=1; } ;;
*) echo "commands.sh: FAIL: init's first line does not name the schema by an absolute path: '$s'"; fail=1 ;;
esac
for ex in examples/*.yaml; do
	s=$(schema_of "$ex")
	[ -n "$s" ] && [ -f "examples/$s" ] || { echo "commands.sh: FAIL: $ex: no yaml-language-server schema line naming an existing file"; fail=1; }
done
echo "# edited" >>"$tmp/new/model.yaml"
"$BIN" init "$tmp/new" 2>/dev/null
check "init over an existing model" 3 $?
tail -n 1 "$tmp/new/model.yaml" | grep -q '^# edited$' || { echo "commands.sh: FAIL: init overwrote a model"; fail=1; }
"$BIN" init --force "$tmp/new" 2>/dev/null
check "init --force" 0 $?
"$BIN" init 2>/dev/null
check "init without a folder" 2 $?

# data: valid JSON with the documented top-level names
"$BIN" data examples/minimal.yaml >"$tmp/data.json"
check "data" 0 $?
/usr/bin/python3 - "$tmp/data.json" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
for k in ("device", "threats", "register", "summary", "control_categories", "view_kinds",
          "labeling", "management_plan", "risk_policy", "documents", "generated", "counts"):
    assert k in d, k
assert d["register"][0]["threat"]["id"] == "T-TAMPER"
PY
[ $fail -eq 0 ] && echo "commands.sh: ok"
exit $fail
