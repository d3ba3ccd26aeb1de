#!/bin/sh
# diagram.sh BIN — the architecture diagrams (docs/diagrams.md):
#  1. `premarket diagram`: usage errors and exit codes, --list, --format dot;
#  2. every diagram of every example and of the hostile models is
#     well-formed SVG with a title, a description and a legend, one
#     component group per component and one flow group per flow its caption
#     counts, no element the model's text could have made; the same twice
#     (lab-analyzer);
#  3. `build` writes diagrams/<id>.svg for every diagram, the Markdown links
#     each, the HTML shows each, two builds give the same files;
#  4. the PDF draws them as vectors: each figure is in the contents, its page
#     has path operators and no image, its labels are extractable text;
#  5. a model of 500 components and 700 flows: every view is drawn (the
#     slowest time is printed; make bench measures speed); this part runs
#     in make slow (PM_TEST_GROUP=slow; =all runs every part;
#     tests/lib/group.sh);
#  6. the pictures render (rsvg-convert, pdftoppm) when the tools are there.
# Unit tests of the layout, the SVG (libxml2) and the text are in
# tests/unit/test_diagram.c.
set -u
BIN=${1:?usage: diagram.sh path/to/premarket}
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
checks=0
no() { echo "diagram.sh: FAIL: $*"; fail=$((fail + 1)); }
ok() { checks=$((checks + 1)); }
. "$(dirname "$0")/../lib/group.sh"

# ---- 5. a large model (make slow: PM_TEST_GROUP=slow or all) --------------------
large_model() {
	"$PY" - >"$tmp/big.yaml" <<'PY'
print("device: {name: Big, version: '1', manufacturer: {name: M}, submission_type: 510k, intended_use: x,"
      " use_environment: y, cyber_device: {software: true, internet_connectable: true,"
      " vulnerable_characteristics: true, rationale: z}}")
print("zones:")
for z in range(6):
    print("  - {id: Z%d, name: Zone %d, trust: %s}" % (z, z, "trusted" if z % 2 else "untrusted"))
print("components:")
for c in range(500):
    print("  - {id: C%d, name: Component %d, kind: %s, zone: Z%d}" % (c, c, "cloud_service" if c % 7 == 0 else "server", c % 6))
print("flows:")
for k in range(700):
    print("  - {id: F%d, name: Flow %d, from: C%d, to: C%d, kind: %s, protocol: HTTPS, authentication: mTLS,"
          " encryption: TLS 1.3}" % (k, k, (k * 7) % 500, (k * 13 + 1) % 500, "code" if k % 9 == 0 else "data"))
PY
	"$BIN" diagram --list "$tmp/big.yaml" >"$tmp/big.list" || no "big model: --list"
	grep -q 'summarised by zone' "$tmp/big.list" && ok || no "big model: the global view is not summarised"
	worst=0
	worst_id=
	for id in $(cut -f1 "$tmp/big.list"); do
		t0=$(date +%s%N)
		"$BIN" diagram --view "$id" "$tmp/big.yaml" >"$tmp/big.svg" || no "big model $id"
		ms=$((($(date +%s%N) - t0) / 1000000))
		[ "$ms" -gt "$worst" ] && { worst=$ms; worst_id=$id; }
	done
	# the time is reported, not asserted (a busy machine or the sanitizers would
	# fail a limit; speed belongs to make bench): each view must only finish
	echo "diagram.sh: 500 components, 700 flows: $(wc -l <"$tmp/big.list") diagrams, the slowest $worst_id in $worst ms"
}
finish() {
	echo "diagram.sh: $checks checks passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit
}
if ! in_group check; then
	large_model
	finish
fi

# ---- 1. the command ----------------------------------------------------------
"$BIN" diagram --help >"$tmp/help" 2>&1 && grep -q 'Usage: premarket diagram' "$tmp/help" && ok || no "--help"
"$BIN" diagram >/dev/null 2>"$tmp/err"; [ $? -eq 2 ] && ok || no "no model: exit 2"
"$BIN" diagram --format png examples/minimal.yaml >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "unknown format 'png'" "$tmp/err" && ok || no "--format png: exit 2 with a message"
"$BIN" diagram --view NOPE examples/lab-analyzer.yaml >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q 'no diagram "NOPE"' "$tmp/err" && ok || no "--view NOPE: exit 2 with a message"
"$BIN" diagram "$tmp/missing.yaml" >/dev/null 2>&1; [ $? -eq 2 ] && ok || no "missing model: exit 2"
"$BIN" diagram --list examples/lab-analyzer.yaml >"$tmp/list" || no "--list"
[ "$(cut -f1 "$tmp/list" | head -n 1)" = V-GLOBAL ] && [ "$(wc -l <"$tmp/list")" -eq 14 ] && ok ||
	no "lab-analyzer: 14 diagrams, the global view first"
"$BIN" diagram examples/lab-analyzer.yaml >"$tmp/first.svg" && "$BIN" diagram --view V-GLOBAL examples/lab-analyzer.yaml >"$tmp/global.svg" &&
	cmp -s "$tmp/first.svg" "$tmp/global.svg" && ok || no "without --view: the global view"
"$BIN" diagram --format dot examples/lab-analyzer.yaml >"$tmp/g.dot" && head -n 1 "$tmp/g.dot" | grep -q '^digraph' &&
	grep -q 'cluster_Z-HOSP' "$tmp/g.dot" && ok || no "--format dot"
if command -v dot >/dev/null 2>&1; then
	dot -Tsvg "$tmp/g.dot" >/dev/null 2>&1 && ok || no "dot cannot read the DOT output"
fi

# ---- 2. every diagram as SVG ---------------------------------------------------
cat >"$tmp/svg.py" <<'PY'
import re, sys, xml.etree.ElementTree as ET
S = "{http://www.w3.org/2000/svg}"
path, caption = sys.argv[1], sys.argv[2]
root = ET.parse(path).getroot()
bad = []
def groups(cls):
    return [g for g in root.iter(S + "g") if g.get("class") == cls]
if root.find(S + "title") is None or not (root.find(S + "desc").text or "").strip():
    bad.append("no title or description")
if len(groups("legend")) != 1:
    bad.append("no legend")
for el in root.iter():
    tag = el.tag.replace(S, "")
    if tag in ("script", "foreignObject", "iframe", "image", "use"):
        bad.append("<%s> element" % tag)
    for k in el.attrib:
        if k.lower().startswith("on"):
            bad.append("%s attribute" % k)
m = re.search(r"(\d+) components? in (\d+) zones?, (\d+) flows?$", caption)
if m:
    nc, nz, nf = map(int, m.groups())
    if len(groups("component")) != nc:
        bad.append("%d component groups, the caption says %d" % (len(groups("component")), nc))
    if len(groups("flow")) != nf:
        bad.append("%d flow groups, the caption says %d" % (len(groups("flow")), nf))
    if len(groups("zone")) != nz:
        bad.append("%d zone groups, the caption says %d" % (len(groups("zone")), nz))
m = re.search(r"call flow of (\d+) flows? between (\d+) components?", caption)
if m:
    nf, nc = map(int, m.groups())
    if len(groups("flow")) != nf or len(groups("component")) != nc or len(groups("lifeline")) != nc:
        bad.append("call flow: %d flows, %d components, %d lifelines; caption: %d, %d"
                   % (len(groups("flow")), len(groups("component")), len(groups("lifeline")), nf, nc))
if "summarised by zone" in caption and (groups("component") or not groups("zone-node")):
    bad.append("a summary must show zones, not components")
for b in bad:
    print("%s: %s" % (path, b))
sys.exit(1 if bad else 0)
PY
for ex in examples/*.yaml tests/data/hostile.yaml tests/data/diagram-names.yaml; do
	name=$(basename "$ex" .yaml)
	"$BIN" diagram --list "$ex" >"$tmp/$name.list" 2>"$tmp/err" || { no "$ex: --list"; continue; }
	n=0
	while IFS="$(printf '\t')" read -r id file caption; do
		n=$((n + 1))
		"$BIN" diagram --view "$id" "$ex" >"$tmp/a.svg" 2>"$tmp/err" || { no "$ex $id: exit $?"; cat "$tmp/err"; continue; }
		if [ "$name" = lab-analyzer ]; then
			"$BIN" diagram --view "$id" "$ex" >"$tmp/b.svg" 2>/dev/null
			cmp -s "$tmp/a.svg" "$tmp/b.svg" && ok || no "$ex $id: two runs differ"
		fi
		xmllint --noout --nonet "$tmp/a.svg" 2>"$tmp/err" && ok || { no "$ex $id: not well-formed"; head -n 5 "$tmp/err"; }
		"$PY" "$tmp/svg.py" "$tmp/a.svg" "$caption" && ok || no "$ex $id: content"
		[ -s "$tmp/err" ] && no "$ex $id: diagnostics: $(head -n 1 "$tmp/err")"
	done <"$tmp/$name.list"
	[ "$n" -gt 0 ] && ok || no "$ex: no diagram"
done
# the hostile text is text: escaped, and shown
"$BIN" diagram --view global_system tests/data/diagram-names.yaml >"$tmp/names.svg"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/names.svg" && ok || no "markup in a name is not shown as text"
grep -q '<script' "$tmp/names.svg" && no "a <script> element in the SVG" || ok

# ---- 3. build --------------------------------------------------------------------
"$BIN" build -o "$tmp/out" --format md,html,pdf examples/lab-analyzer.yaml >/dev/null 2>"$tmp/err" || { no "build"; cat "$tmp/err"; }
"$BIN" build -o "$tmp/out2" --format md,html,pdf examples/lab-analyzer.yaml >/dev/null 2>&1
diff -r "$tmp/out/diagrams" "$tmp/out2/diagrams" >/dev/null && ok || no "two builds give different diagrams"
cmp -s "$tmp/out/cybersecurity-submission.pdf" "$tmp/out2/cybersecurity-submission.pdf" && ok || no "two builds give different PDFs"
cut -f2 "$tmp/list" | while read -r file; do
	[ -s "$tmp/out/$file" ] || echo "$file"
done >"$tmp/missing"
[ -s "$tmp/missing" ] && no "build did not write: $(tr '\n' ' ' <"$tmp/missing")" || ok
cmp -s "$tmp/out/diagrams/V-GLOBAL.svg" "$tmp/global.svg" && ok || no "build and 'diagram' draw V-GLOBAL differently"
# every image of the Markdown is a diagram that exists; every diagram is shown
grep -oh '](diagrams/[^)]*\.svg)' "$tmp/out"/*.md | sed 's/^](//; s/)$//' | sort -u >"$tmp/linked"
while read -r f; do [ -s "$tmp/out/$f" ] || no "the Markdown links a missing $f"; done <"$tmp/linked"
cut -f2 "$tmp/list" | sort -u | cmp -s - "$tmp/linked" && ok || no "the Markdown does not show every diagram"
grep -c 'class="pm-diagram"' "$tmp/out/security-architecture.html" | grep -qx 14 && ok || no "security-architecture.html: 14 figures"
grep -q "url('diagrams/V-GLOBAL.svg')" "$tmp/out/threat-model.html" && ok || no "threat-model.html: no data-flow diagram"

# ---- 4. the PDF: vectors, captions in the contents, labels as text ---------------
if command -v pdftotext >/dev/null 2>&1 && command -v qpdf >/dev/null 2>&1; then
	pdf="$tmp/out/cybersecurity-submission.pdf"
	qpdf --qdf --object-streams=disable "$pdf" "$tmp/qdf.pdf" 2>/dev/null
	"$PY" - "$pdf" "$tmp/qdf.pdf" <<'PY' || fail=$((fail + 1))
import re, subprocess, sys
pdf, qdf = sys.argv[1], sys.argv[2]
pages = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout.split("\f")
data = open(qdf, "rb").read()
# qpdf's QDF output marks each page's content stream
contents = re.split(rb"%% Contents for page (\d+)", data)
streams = {int(contents[i]): contents[i + 1] for i in range(1, len(contents), 2)}
bad = []
toc = next(i for i, p in enumerate(pages) if "Contents" in p and "Figures" in p)
figs = re.findall(r"Figure (\d+): ", pages[toc] + pages[toc + 1])
if len(set(figs)) != 15:  # 7 views and 7 use cases, and the data-flow diagram of the threat model
    bad.append("the contents list %d figures" % len(set(figs)))
checked = 0
for i, p in enumerate(pages):
    m = re.search(r"^\s*Figure (\d+): (.*)$", p, re.M)
    if not m or i == toc or i == toc + 1:
        continue
    s = streams.get(i + 1, b"")
    curves = len(re.findall(rb" c\n", s))
    lines = len(re.findall(rb" l\n", s))
    if curves < 10 or lines < 10 or b" Do\n" in s:
        bad.append("page %d (figure %s): %d curves, %d lines%s" % (i + 1, m.group(1), curves, lines,
                   ", an image" if b" Do\n" in s else ""))
    checked += 1
glob = next((p for i, p in enumerate(pages) if i > toc + 1 and "Figure 1: Global system view (V-GLOBAL)" in p), "")
for label in ("Operator workstation", "Analyzer controller", "F-RESULT", "F-UPD-CTRL", "C-LIS", "Legend"):
    if label not in glob:
        bad.append("the global view's page lacks the text %r" % label)
for b in bad:
    print("diagram.sh: FAIL: PDF: " + b)
print("diagram.sh: PDF: %d figure pages drawn with paths and text" % checked)
sys.exit(1 if bad or checked < 14 else 0)
PY
	ok
else
	echo "diagram.sh: pdftotext or qpdf not installed: PDF checks skipped"
fi

in_group slow && large_model

# ---- 6. pictures -------------------------------------------------------------------
if command -v rsvg-convert >/dev/null 2>&1; then
	rsvg-convert "$tmp/global.svg" -o "$tmp/global.png" && [ -s "$tmp/global.png" ] && ok || no "rsvg-convert cannot render the SVG"
fi
if command -v pdftoppm >/dev/null 2>&1; then
	pdftoppm -png -r 50 -f 40 -l 42 "$tmp/out/cybersecurity-submission.pdf" "$tmp/page" && ok || no "pdftoppm"
fi

finish
