#!/bin/sh
# score.sh BIN — the risk registers of the shipped examples (golden CSV in
# tests/golden/, regenerate with tools/bless-golden.sh and review the diff),
# the JSON and text registers agree with the CSV, and explain works for
# every threat and agrees with the register.
set -u
BIN=${1:?usage: score.sh path/to/premarket}
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for ex in examples/lab-analyzer.yaml examples/insulin-pump.yaml examples/minimal.yaml; do
	name=$(basename "$ex" .yaml)
	if ! "$BIN" score --format csv "$ex" >"$tmp/$name.csv" 2>"$tmp/err"; then
		echo "score.sh: score $ex failed"; cat "$tmp/err"; fail=1; continue
	fi
	if ! cmp -s "$tmp/$name.csv" "tests/golden/$name.register.csv"; then
		echo "score.sh: register of $ex differs from tests/golden/$name.register.csv"
		diff -u "tests/golden/$name.register.csv" "$tmp/$name.csv" | head -20
		fail=1
	fi
	"$BIN" score --format json "$ex" >"$tmp/$name.json" || { echo "score.sh: json $ex failed"; fail=1; }
	"$BIN" score "$ex" >"$tmp/$name.txt" || { echo "score.sh: text $ex failed"; fail=1; }
	# the three formats print the same numbers
	/usr/bin/python3 - "$tmp/$name.csv" "$tmp/$name.json" "$tmp/$name.txt" <<'PY' || fail=1
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
data = json.load(open(sys.argv[2]))
text = open(sys.argv[3]).read()
reg = data["register"]
assert len(rows) == len(reg), (len(rows), len(reg))
for r, j in zip(rows, reg):
    assert r["threat"] == j["threat"] and r["asset"] == j["asset"]
    for pre, key in (("", "before"), ("residual_", "after")):
        a = j[key]
        def s(v): return "" if v is None else str(v)
        assert r[pre + "vector"] == s(a["vector"]), (r[pre + "vector"], a["vector"])
        got = r[pre + "environmental"]
        want = "" if a["environmental"] is None else "%.1f" % a["environmental"]
        assert got == want, (r["threat"], got, want)
        assert r[pre + "risk"] == a["risk"]
        assert (r[pre + "acceptable"] == "yes") == a["acceptable"]
        if a["vector"]:
            assert a["vector"] in text, a["vector"]
    assert (r["controlled"] == "yes") == j["controlled"]
n_unc = sum(1 for r in rows if r["controlled"] != "yes")
assert data["aggregates"]["device"]["uncontrolled_after"] == n_unc
print("score.sh: %s: %d register rows agree across csv, json and text" % (sys.argv[1].split('/')[-1], len(rows)))
PY
	# explain every threat; every number it derives matches the register
	: >"$tmp/explain.all"
	for t in $(cut -d, -f1 "$tmp/$name.csv" | tail -n +2 | sort -u); do
		if ! "$BIN" explain "$ex" "$t" >"$tmp/explain" 2>"$tmp/err"; then
			echo "score.sh: explain $ex $t failed"; cat "$tmp/err"; fail=1
		fi
		cat "$tmp/explain" >>"$tmp/explain.all"
	done
	/usr/bin/python3 - "$tmp/$name.csv" "$tmp/explain.all" <<'PY' || fail=1
import csv, re, sys
rows = {(r["threat"], r["asset"]): r for r in csv.DictReader(open(sys.argv[1], newline=''))}
threat = asset = phase = None
last_final = None
checked = 0
for line in open(sys.argv[2]):
    m = re.match(r"Threat (\S+):", line)
    if m: threat = m.group(1); continue
    m = re.match(r"Asset (\S+) ", line)
    if m: asset = m.group(1); continue
    if line.strip() == "Before controls": phase = ""; continue
    if line.strip() == "After controls": phase = "residual_"; continue
    m = re.search(r"(?:Environmental = .* = |so Environmental = |rounded to one decimal = |: score )([0-9.]+)$", line.strip())
    if m: last_final = m.group(1)
    m = re.search(r"=> base ([0-9.]+) \(\w+\), environmental for this asset ([0-9.]+)", line)
    if m:
        r = rows[(threat, asset)]
        assert r[phase + "base"] == m.group(1), (threat, asset, phase, r[phase + "base"], m.group(1))
        assert r[phase + "environmental"] == m.group(2), (threat, asset, phase)
        assert last_final == m.group(2), ("derivation ends at", last_final, "but the score is", m.group(2), threat, asset)
        checked += 1
    m = re.search(r"Risk: matrix\[(\w+)\]\[(\w+)\] = \"([^\"]+)\"", line)
    if m:
        r = rows[(threat, asset)]
        assert r[phase + "exploitability"] == m.group(1) and r[phase + "severity"] == m.group(2) and r[phase + "risk"] == m.group(3), (threat, asset, phase)
print("score.sh: %s: explain agrees with the register on %d assessments" % (sys.argv[1].split('/')[-1], checked))
PY
done
# a missing threat id is a usage error with a hint
"$BIN" explain examples/minimal.yaml T-TAMPR >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -ne 2 ] || ! grep -q 'did you mean "T-TAMPER"' "$tmp/err"; then
	echo "score.sh: explain with an unknown id: exit $rc"; cat "$tmp/err"; fail=1
fi
[ $fail -eq 0 ] && echo "score.sh: ok"
exit $fail
