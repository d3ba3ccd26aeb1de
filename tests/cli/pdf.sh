#!/bin/sh
# pdf.sh BIN — `premarket build --format pdf`: the combined PDF of each
# example carries every chapter heading, the device name and every threat id
# in order; fonts are embedded; the outline has an entry per chapter; two
# builds are byte-identical; --split and --a4; non-Latin text round-trips.
# make check runs lab-analyzer and the rest; make slow the insulin pump
# (PM_TEST_GROUP=slow; =all runs both; tests/lib/group.sh).
set -u
. "$(dirname "$0")/../lib/group.sh"
BIN=${1:?usage: pdf.sh path/to/premarket}
for tool in pdftotext pdfinfo pdffonts qpdf; do
	command -v $tool >/dev/null 2>&1 || { echo "pdf.sh: $tool not installed (poppler-utils, qpdf): skipping"; exit 0; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "pdf.sh: FAIL: $*"; fail=1; }
examples=
in_group check && examples=examples/lab-analyzer.yaml
in_group slow && examples="$examples examples/insulin-pump.yaml"
for ex in $examples; do
	name=$(basename "$ex" .yaml)
	"$BIN" build "$ex" -o "$tmp/$name" --format pdf 2>"$tmp/err" || { no "build $ex"; cat "$tmp/err"; continue; }
	pdf="$tmp/$name/cybersecurity-submission.pdf"
	pdftotext -layout "$pdf" "$tmp/$name.txt" || no "pdftotext $ex"
	pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
	[ "${pages:-0}" -ge 40 ] || no "$ex: only ${pages:-0} pages"
	pdfinfo "$pdf" | grep -q 'Page size: *612 x 792' || no "$ex: not US Letter"
	device=$("$BIN" data "$ex" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["device"]["name"])')
	grep -qF "$device" "$tmp/$name.txt" || no "$ex: device name missing"
	for title in "Security Risk Management Report" "Threat Model" "Cybersecurity Risk Assessment" \
		"Software Bill of Materials" "Vulnerability Assessment" "Unresolved Anomalies" "TPLC Security" \
		"Security Architecture" "Cybersecurity Testing" "Traceability Matrix" "Labeling" \
		"Cybersecurity Management Plan" "Section 524B Summary" "Document control" "Contents"; do
		grep -qF "$title" "$tmp/$name.txt" || no "$ex: heading '$title' missing"
	done
	# every threat id, in register order, in the risk register chapter
	"$BIN" score --format csv "$ex" | tail -n +2 | cut -d, -f1 | uniq >"$tmp/ids"
	/usr/bin/python3 - "$tmp/$name.txt" "$tmp/ids" <<'PY' || fail=1
import sys
text = open(sys.argv[1]).read()
ids = [l.strip() for l in open(sys.argv[2]) if l.strip()]
start = text.find("Cybersecurity Risk Assessment", text.find("Contents") + 10)
pos = start
for i in ids:
    p = text.find(i, pos)
    if p < 0:
        sys.exit("pdf.sh: FAIL: threat %s not found in order in the risk assessment" % i)
    pos = p
print("pdf.sh: %d threat ids in order" % len(ids))
PY
	pdffonts "$pdf" | tail -n +3 | awk '$(NF-4) != "yes" { bad = 1 } END { exit bad }' || no "$ex: a font is not embedded"
	qpdf --json "$pdf" >"$tmp/q.json" 2>/dev/null
	/usr/bin/python3 - "$tmp/q.json" <<'PY' || fail=1
import json, sys
q = json.load(open(sys.argv[1]))
def walk(items):
    for o in items:
        yield o
        yield from walk(o.get("kids", []))
titles = [o.get("title", "") for o in walk(q.get("outlines", []))]
need = ["Threat Model", "Cybersecurity Risk Assessment", "Traceability Matrix", "Labeling"]
missing = [n for n in need if not any(n in t for t in titles)]
if missing or len(titles) < 50:
    sys.exit("pdf.sh: FAIL: outline has %d entries, missing %s" % (len(titles), missing))
print("pdf.sh: outline with %d entries" % len(titles))
PY
	"$BIN" build "$ex" -o "$tmp/$name-again" --format pdf 2>/dev/null
	cmp -s "$pdf" "$tmp/$name-again/cybersecurity-submission.pdf" || no "$ex: two builds differ"
done
if ! in_group check; then
	[ $fail -eq 0 ] && echo "pdf.sh: ok"
	exit $fail
fi
# --split and --a4
"$BIN" build examples/minimal.yaml -o "$tmp/split" --format pdf --split --a4 2>/dev/null || no "build --split"
n=$(ls "$tmp/split"/*.pdf 2>/dev/null | wc -l)
[ "$n" -eq 15 ] || no "--split wrote $n PDFs, want 15 (14 documents and the combined PDF)"
pdfinfo "$tmp/split/threat-model.pdf" | grep -q 'Page size: *595.* x 841' || no "--a4 page size"
# non-Latin names round-trip
"$BIN" build tests/data/hostile.yaml -o "$tmp/hostile" --format pdf 2>"$tmp/err" || { no "hostile build"; cat "$tmp/err"; }
pdftotext "$tmp/hostile/cybersecurity-submission.pdf" "$tmp/hostile.txt"
for w in Müller αβγ Жж; do
	grep -q "$w" "$tmp/hostile.txt" || no "'$w' does not round-trip"
done
[ $fail -eq 0 ] && echo "pdf.sh: ok"
exit $fail
