#!/bin/sh
# verbosity.sh BIN — -q/--quiet and -v/--verbose on every command: quiet
# prints problems only; verbose reports the stages of loading and building
# with their times; without either, a command prints its summary line and,
# only when stderr is a terminal, the stages.  sbom and diagram keep -v for
# --vulns and --view and take --verbose.  A "--" ends the options.
set -u
BIN=${1:?usage: verbosity.sh path/to/premarket}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "verbosity.sh: FAIL: $*"; fail=1; }
EX=examples/lab-analyzer.yaml
STAGE='^premarket: [a-z][a-z ]* [.][.][.] [0-9.]* s [(][0-9.]* s in all[)]$'

# build: summary only / stages and summary / nothing
"$BIN" build "$EX" -o "$tmp/a" 2>"$tmp/err" || no "build"
[ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q ': wrote the document set to ' "$tmp/err" || { no "build without -v: one summary line"; cat "$tmp/err"; }
"$BIN" build -v "$EX" -o "$tmp/a" 2>"$tmp/err" || no "build -v"
for s in "load the model" "identify threats by rule" "score the risks" "completeness check" documents diagrams html commit; do
	grep -q "^premarket: $s \.\.\. " "$tmp/err" || no "build -v: no stage '$s'"
done
grep -v ': wrote the document set to ' "$tmp/err" | grep -vqE "$STAGE" && { no "build -v: a line that is neither a stage nor the summary"; cat "$tmp/err"; }
"$BIN" build "$EX" --verbose -o "$tmp/a" --format xml 2>"$tmp/err" || no "build --verbose"
grep -q '^premarket: xml \.\.\. ' "$tmp/err" && ! grep -q '^premarket: documents ' "$tmp/err" || no "build --format xml --verbose: the xml stage, no documents stage"
"$BIN" build -q "$EX" -o "$tmp/a" 2>"$tmp/err" || no "build -q"
[ -s "$tmp/err" ] && { no "build -q printed something"; cat "$tmp/err"; }
"$BIN" build --quiet "$EX" -o "$tmp/a" -v 2>"$tmp/err" || no "build --quiet -v"
[ "$(grep -cE "$STAGE" "$tmp/err")" -gt 0 ] || no "the last of -q and -v wins: -v after --quiet"

# validate, check, init, import
"$BIN" validate -q "$EX" 2>"$tmp/err" && [ ! -s "$tmp/err" ] || no "validate -q"
"$BIN" validate --quiet "$EX" 2>"$tmp/err" && [ ! -s "$tmp/err" ] || no "validate --quiet"
"$BIN" validate -v "$EX" 2>"$tmp/err"
grep -q '^premarket: load the model \.\.\. ' "$tmp/err" && grep -q ': valid: ' "$tmp/err" || no "validate -v: stages and summary"
"$BIN" check -v "$EX" >/dev/null 2>"$tmp/err"
grep -q '^premarket: check completeness \.\.\. ' "$tmp/err" || no "check -v: no check stage"
"$BIN" check -q "$EX" >"$tmp/out" 2>"$tmp/err"
[ -s "$tmp/out" ] && ! grep -q '\.\.\. ' "$tmp/err" || no "check -q: the report on stdout, no stages"
"$BIN" init -q "$tmp/new" 2>"$tmp/err" && [ ! -s "$tmp/err" ] && [ -f "$tmp/new/model.yaml" ] || no "init -q"
"$BIN" init "$tmp/new2" 2>"$tmp/err" && grep -q '^wrote ' "$tmp/err" || no "init: the summary line"
"$BIN" score -q "$EX" >/dev/null 2>"$tmp/err" && [ ! -s "$tmp/err" ] || no "score -q"
"$BIN" cvss -v 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' >/dev/null 2>&1 || no "cvss -v is accepted"

# sbom -v is still --vulns; diagram -v is still --view
sb=tests/data/sbom
f=$(ls $sb/*.json 2>/dev/null | head -n 1)
if [ -n "$f" ]; then
	"$BIN" sbom -v "$f" >"$tmp/v1" 2>/dev/null
	"$BIN" sbom --vulns "$f" >"$tmp/v2" 2>/dev/null
	cmp -s "$tmp/v1" "$tmp/v2" || no "sbom -v is not --vulns any more"
fi
"$BIN" diagram -v V-GLOBAL "$EX" >"$tmp/d1" 2>/dev/null && "$BIN" diagram --view V-GLOBAL "$EX" >"$tmp/d2" 2>/dev/null &&
	cmp -s "$tmp/d1" "$tmp/d2" || no "diagram -v is not --view any more"
"$BIN" diagram --verbose "$EX" >/dev/null 2>"$tmp/err"
grep -q '^premarket: load the model ' "$tmp/err" || no "diagram --verbose: no stages"

# "--" ends the options: -q after it is a file name
"$BIN" validate "$EX" -- -q 2>"$tmp/err"
[ $? -eq 2 ] && grep -q -- '-q' "$tmp/err" || no "validate MODEL -- -q: -q is a file that does not exist (exit 2)"

# on a terminal the stages show without -v (script gives the command a pty)
if command -v script >/dev/null 2>&1 && script -qc true /dev/null >/dev/null 2>&1; then
	script -qc "\"$BIN\" build \"$EX\" -o \"$tmp/t\"" /dev/null >"$tmp/tty" 2>&1 </dev/null
	grep -q 'premarket: documents \.\.\. ' "$tmp/tty" || { no "build on a terminal: no stages"; cat "$tmp/tty"; }
	script -qc "\"$BIN\" build -q \"$EX\" -o \"$tmp/t\"" /dev/null >"$tmp/tty" 2>&1 </dev/null
	grep -q '\.\.\. ' "$tmp/tty" && no "build -q on a terminal: stages printed"
else
	echo "verbosity.sh: script(1) not available: the terminal cases are skipped"
fi
[ $fail -eq 0 ] && echo "verbosity.sh: ok"
exit $fail
