#!/bin/sh
# sarif.sh BIN — `premarket check --format sarif` as code-scanning services
# read it: valid against the OASIS SARIF 2.1.0 schema (../shared/schemas,
# skipped when absent); absolute informationUri and helpUri (--doc-base);
# artifact locations relative to %SRCROOT% (originalUriBaseIds; --src-root),
# absolute file: URIs outside it, never ".."; invocations[0].
# executionSuccessful; rule names in Pascal case; every result located; a
# model that does not load still gives a valid log, each load error a result
# of the rule LOAD at its file:line:col.  When Microsoft's SARIF validator
# (npm install -g @microsoft/sarif-multitool, or SARIF_MULTITOOL=path of its
# Sarif.Multitool binary) is present, every log must pass it with no error
# or warning, GitHub's ingestion rules included; skipped otherwise.
set -u
BIN=${1:?usage: sarif.sh path/to/premarket}
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
root=$(pwd -P)
case "$BIN" in /*) ;; *) BIN="$root/$BIN" ;; esac

schema=$root/../shared/schemas/sarif-schema-2.1.0.json
[ -f "$schema" ] || echo "sarif.sh: ../shared/schemas is absent: SARIF schema validation skipped"

# The SARIF multitool: $SARIF_MULTITOOL, else the binary behind an npm-installed sarif-multitool
mt=${SARIF_MULTITOOL:-}
if [ -z "$mt" ] && command -v sarif-multitool >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then
	js=$(readlink -f "$(command -v sarif-multitool)")
	mt=$(node -e 'process.stdout.write(String(require(process.argv[1])))' "$(dirname "$js")/index.js" 2>/dev/null) || mt=
fi
if [ -n "$mt" ] && [ ! -x "$mt" ]; then
	echo "sarif.sh: $mt is not executable: SARIF multitool validation skipped"
	mt=
fi
[ -n "$mt" ] || echo "sarif.sh: no SARIF multitool (npm install -g @microsoft/sarif-multitool, or SARIF_MULTITOOL=...): validation by Microsoft's validator skipped"

# sarif NAME WANT_RC ARGS...: run check --format sarif ARGS (from the current directory) into $tmp/NAME.sarif
sarif() {
	name=$1
	want=$2
	shift 2
	"$BIN" check --format sarif "$@" >"$tmp/$name.sarif" 2>"$tmp/$name.err"
	rc=$?
	[ $rc -eq "$want" ] || { echo "sarif.sh: FAIL $name: exit $rc, want $want"; head -5 "$tmp/$name.err"; fail=1; }
	"$BIN" check --format sarif "$@" >"$tmp/again" 2>/dev/null
	cmp -s "$tmp/$name.sarif" "$tmp/again" || { echo "sarif.sh: FAIL $name: output differs between runs"; fail=1; }
}

# validate NAME SRCROOT DOCBASE RAN: the log's structure (python), then the multitool
validate() {
	$PY - "$tmp/$1.sarif" "$tmp/$1.err" "$2" "$3" "$4" "$schema" <<'PY' || { echo "sarif.sh: FAIL $1"; fail=1; }
import json, os, re, sys
path, errf, srcroot, docbase, ran, schema = sys.argv[1:]
log = json.load(open(path))
if os.path.exists(schema):
    import jsonschema
    jsonschema.validate(log, json.load(open(schema)))
assert log["version"] == "2.1.0" and len(log["runs"]) == 1
run = log["runs"][0]
drv = run["tool"]["driver"]
absolute = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")
assert drv["informationUri"] == docbase + "check.md", drv["informationUri"]
pascal = re.compile(r"^([A-Z][a-z0-9]+)+$")  # SARIF2012's \p{Lu}[\p{Ll}\p{Nd}]+ for ASCII names
ids = [r["id"] for r in drv["rules"]]
assert len(ids) == len(set(ids)) and ids[-1] == "LOAD", ids[-3:]
for r in drv["rules"]:
    assert r["helpUri"] == docbase + "check.md#" + r["id"].lower(), r["helpUri"]
    assert absolute.match(r["helpUri"])
    assert pascal.match(r["name"]), r["name"]
inv = run["invocations"]
assert len(inv) == 1 and inv[0]["executionSuccessful"] is (ran == "yes"), inv
base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
assert base == "file://" + srcroot.rstrip("/") + "/", (base, srcroot)
assert run["columnKind"] == "unicodeCodePoints"
for x in run["results"]:
    assert drv["rules"][x["ruleIndex"]]["id"] == x["ruleId"]
    assert x["level"] in ("error", "warning", "note")
    assert x["message"]["text"]
    assert len(x["locations"]) == 1, x  # GitHub code scanning requires a location
    a = x["locations"][0]["physicalLocation"]["artifactLocation"]
    assert ".." not in a["uri"].split("/"), a
    if "uriBaseId" in a:
        assert a["uriBaseId"] == "%SRCROOT%" and not a["uri"].startswith("/") and ":" not in a["uri"], a
    else:
        assert a["uri"].startswith("file:///"), a
if ran == "no":
    # every diagnostic on stderr is a result of LOAD, in the same order, at the same place
    diags = [l for l in open(errf).read().splitlines() if not l.startswith("  hint: ")]
    assert diags, "no diagnostics on stderr"
    assert len(run["results"]) == len(diags), (len(run["results"]), diags)
    for x, l in zip(run["results"], diags):
        assert x["ruleId"] == "LOAD", x
        m = re.match(r"^(.*?):(\d+):(\d+): (error|warning|note): (.*)$", l)
        loc = x["locations"][0]["physicalLocation"]
        if m:
            f, line, col, level, msg = m.groups()
            assert loc["region"] == {"startLine": int(line), "startColumn": int(col)}, (loc, l)
            assert x["level"] == level and x["message"]["text"].startswith(msg), (x, l)
            uri = loc["artifactLocation"]["uri"]
            full = os.path.normpath(f if f.startswith("/") else os.path.join(os.getcwd(), f))
            assert uri == "file://" + full or os.path.join(srcroot, uri) == full, (uri, f)
        else:
            m = re.match(r"^(.*?): (error|warning|note): (.*)$", l)
            assert m and x["level"] == m.group(2) and x["message"]["text"].startswith(m.group(3)), (x, l)
            assert loc["region"] == {"startLine": 1}, loc
PY
	[ -n "$mt" ] || return 0
	rm -f "$tmp/mt.sarif"
	"$mt" validate --level "Error;Warning;Note" --rule-kind "Sarif;Ghas" -o "$tmp/mt.sarif" "$tmp/$1.sarif" >"$tmp/mt.log" 2>&1
	$PY - "$tmp/mt.sarif" "$1" <<'PY' || { echo "sarif.sh: FAIL $1: the SARIF multitool rejects it"; grep -E ": (error|warning) " "$tmp/mt.log" | head -5; fail=1; }
import collections, json, sys
res = json.load(open(sys.argv[1]))["runs"][0]["results"]
bad = [r for r in res if r.get("level", "warning") in ("error", "warning")]
notes = collections.Counter(r["ruleId"] for r in res if r not in bad)
print("sarif.sh: %s: multitool: %d errors or warnings; notes %s" % (sys.argv[2], len(bad), dict(sorted(notes.items()))))
sys.exit(1 if bad else 0)
PY
}

installed="file:///usr/local/share/doc/premarket/"
docdir=$("$BIN" check --help | sed -n 's/.*installed docs, \(file:[^)]*\)).*/\1/p')
[ -n "$docdir" ] && installed=$docdir

# ---- a model that checks: relative and absolute paths, --doc-base, --src-root ---------------
sarif minimal 1 examples/minimal.yaml
validate minimal "$root" "$installed" yes
$PY - "$tmp/minimal.sarif" <<'PY' || fail=1
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
a = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
assert a == {"uri": "examples/minimal.yaml", "uriBaseId": "%SRCROOT%"}, a
assert len(run["results"]) > 10
PY
sarif lab 0 examples/lab-analyzer.yaml
validate lab "$root" "$installed" yes

cp examples/minimal.yaml "$tmp/my model.yaml"
sarif outside 1 "$tmp/my model.yaml"
validate outside "$root" "$installed" yes
grep -q "\"uri\": \"file://$(cd "$tmp" && pwd -P | sed 's/ /%20/g')/my%20model.yaml\"" "$tmp/outside.sarif" ||
	grep -q "\"uri\": \"file://$tmp/my%20model.yaml\"" "$tmp/outside.sarif" ||
	{ echo "sarif.sh: FAIL a file outside %SRCROOT% is not an absolute, percent-encoded file: URI"; fail=1; }

sarif docbase 1 --doc-base https://example.com/premarket/docs examples/minimal.yaml
validate docbase "$root" "https://example.com/premarket/docs/" yes
for bad in docs/ "https://example.com/a b/" "https://example.com/docs/#x" "https://example.com/?q" "%zz:x" ""; do
	"$BIN" check --format sarif --doc-base "$bad" examples/minimal.yaml >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 2 ] && grep -q "is not an absolute URI" "$tmp/err" ||
		{ echo "sarif.sh: FAIL --doc-base '$bad': exit $rc, want 2 with a message"; cat "$tmp/err"; fail=1; }
done

# from a subfolder: paths relative to --src-root (the repository), or to the working directory
(cd examples && "$BIN" check --format sarif --src-root .. minimal.yaml >"$tmp/sub.sarif" 2>"$tmp/sub.err")
validate sub "$root" "$installed" yes
grep -q '"uri": "examples/minimal.yaml", "uriBaseId": "%SRCROOT%"' "$tmp/sub.sarif" ||
	{ echo "sarif.sh: FAIL --src-root ..: locations not relative to it"; fail=1; }
(cd examples && "$BIN" check --format sarif minimal.yaml >"$tmp/cwd.sarif" 2>"$tmp/cwd.err")
validate cwd "$root/examples" "$installed" yes
grep -q '"uri": "minimal.yaml", "uriBaseId": "%SRCROOT%"' "$tmp/cwd.sarif" ||
	{ echo "sarif.sh: FAIL default %SRCROOT% is not the working directory"; fail=1; }
"$BIN" check --format sarif --src-root "" examples/minimal.yaml >/dev/null 2>&1
[ $? -eq 2 ] || { echo "sarif.sh: FAIL --src-root '' accepted"; fail=1; }

# ---- models that do not load: a log all the same, each diagnostic a result of LOAD ----------
printf 'device:\n  name: [\n' >"$tmp/syntax.yaml"
sarif syntax 1 "$tmp/syntax.yaml"
validate syntax "$root" "$installed" no

mkdir -p "$tmp/proj"
cp examples/minimal.yaml "$tmp/proj/model.yaml"
printf 'bogus_key: 1\nthreats:\n  - id: T-X\n    title: x\n' >>"$tmp/proj/model.yaml"
(cd "$tmp/proj" && "$BIN" check --format sarif model.yaml >"$tmp/schema.sarif" 2>"$tmp/schema.err")
(cd "$tmp/proj" && validate schema "$(pwd -P)" "$installed" no)
grep -q '"uri": "model.yaml", "uriBaseId": "%SRCROOT%"' "$tmp/schema.sarif" ||
	{ echo "sarif.sh: FAIL a load error is not located relative to %SRCROOT%"; fail=1; }
n=$(grep -c '"ruleId": "LOAD"' "$tmp/schema.sarif")
[ "$n" -ge 2 ] || { echo "sarif.sh: FAIL schema errors: $n results, want every error"; cat "$tmp/schema.err"; fail=1; }

sarif missing 2 "$tmp/missing.yaml"
validate missing "$root" "$installed" no

# more errors than the cap: the dropped ones are a note, located at the model
{
	cat examples/minimal.yaml
	i=0
	while [ $i -lt 120 ]; do
		printf 'unknown_%d: 1\n' $i
		i=$((i + 1))
	done
} >"$tmp/many.yaml"
"$BIN" check --format sarif "$tmp/many.yaml" >"$tmp/many.sarif" 2>"$tmp/many.err"
$PY - "$tmp/many.sarif" <<'PY' || { echo "sarif.sh: FAIL dropped errors"; fail=1; }
import json, sys
res = json.load(open(sys.argv[1]))["runs"][0]["results"]
assert res[-1]["level"] == "note" and "more errors not shown" in res[-1]["message"]["text"], res[-1]
assert res[-1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("many.yaml")
assert res[-1]["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
PY

[ $fail -eq 0 ] && echo "sarif.sh: ok"
exit $fail
