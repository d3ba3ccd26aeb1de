#!/bin/sh
# diagram.sh BIN — the architecture diagrams (docs/diagrams.md):
#  1. `premarket diagram`: usage errors and exit codes, --list, --format dot;
#  2. every diagram of every example and of the hostile models is
#     well-formed SVG with a title, a description and a legend, one
#     component group per component and one flow group per flow its caption
#     counts, no element the model's text could have made; the same twice
#     (lab-analyzer); the insulin pump's and the skeleton's in make slow;
#  3. `build` writes diagrams/<id>.svg for every diagram, the Markdown links
#     each, the HTML shows each as <figure> with an <img> of it, its text
#     alternative, caption and long description; two builds give the same files;
#  4. the PDF draws them as vectors: each figure is in the contents, its page
#     has path operators and no image, its labels are extractable text;
#  5. a model of 500 components and 700 flows: every view is drawn (the
#     slowest time is printed; make bench measures speed), and 12 random
#     models with nested zones and layout hints draw cleanly; this part runs
#     in make slow (PM_TEST_GROUP=slow; =all runs every part;
#     tests/lib/group.sh);
#  6. the pictures render (rsvg-convert, pdftoppm) when the tools are there;
#  7. tests/data/diagram-nested.yaml: zones within zones drawn inside them
#     (SVG pm:within, DOT clusters), a mark on every border a flow crosses,
#     layout hints (rank rows, rank=same, group), arrowheads at both ends
#     of a bidirectional flow, use case steps on the arrows they name and as
#     notes; the PDF has a bookmark per figure under its chapter.
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
	random_models
}
# Random models with nested zones, ranks, groups, loops and both-way flows:
# every diagram draws with nothing on stderr (graphviz 2.42 crashed on some
# such constraints with newrank; tests/cli/diagram.sh under ASan finds that)
random_models() {
	n=0
	for seed in 1 2 3 4 5 6 7 8 9 10 11 12; do
		"$PY" - "$seed" >"$tmp/r.yaml" <<'PY'
import random, sys
seed = int(sys.argv[1]); random.seed(seed)
nz, nc, nf = random.randint(2, 12), random.randint(3, 40), random.randint(2, 60)
print("device: {name: R%d, version: '1', manufacturer: {name: M}, submission_type: 510k, intended_use: x,"
      " use_environment: y, cyber_device: {software: true, internet_connectable: true,"
      " vulnerable_characteristics: true, rationale: z}}" % seed)
print("assets:\n  - {id: A-1, name: a, kind: data, harm: {confidentiality: minor, integrity: minor, availability: minor}}")
print("zones:")
for z in range(nz):
    w = "" if z == 0 or random.random() < 0.3 else ", within: Z%d" % random.randint(0, z - 1)
    print("  - {id: Z%d, name: Zone %d, trust: %s%s}" % (z, z, random.choice(["trusted", "untrusted", "partially_trusted"]), w))
print("components:")
for c in range(nc):
    h = (["rank: %d" % random.randint(0, 5)] if random.random() < 0.5 else []) + \
        (["group: g%d" % random.randint(0, 2)] if random.random() < 0.3 else [])
    print("  - {id: C%d, name: Component %d, kind: %s, zone: Z%d%s}" % (c, c, random.choice(
        ["device", "server", "cloud_service", "app", "user", "network", "data_store"]), random.randint(0, nz - 1),
        ", diagram: {%s}" % ", ".join(h) if h else ""))
print("flows:")
for k in range(nf):
    a = random.randint(0, nc - 1)
    b = random.randint(0, nc - 1) if random.random() < 0.95 else a
    print("  - {id: F%d, name: Flow %d, from: C%d, to: C%d, kind: %s, protocol: HTTPS, authentication: %s,"
          " encryption: %s%s}" % (k, k, a, b, random.choice(["data", "code", "command"]), random.choice(["mTLS", "none"]),
          random.choice(["TLS", "none"]), ", bidirectional: true" if random.random() < 0.3 else ""))
fl = random.sample(range(nf), min(nf, 5))
print("use_cases:\n  - id: UC-1\n    title: t\n    functions: [A-1]\n    steps:")
for i, f in enumerate(fl):
    print("      - step %d uses F%d." % (i, f) if random.random() < 0.6 else "      - step %d does something." % i)
print("    flows: [%s]" % ", ".join("F%d" % f for f in fl))
PY
		for id in $("$BIN" diagram --list "$tmp/r.yaml" 2>/dev/null | cut -f1); do
			n=$((n + 1))
			"$BIN" diagram --view "$id" "$tmp/r.yaml" >"$tmp/r.svg" 2>"$tmp/r.err" || no "random model $seed, $id: exit $?"
			# the model's warnings and LeakSanitizer's list of graphviz suppressions are no diagnostics
			grep -v -E ': warning: |^$|^-+$|^Suppressions used:|^ +count +bytes|^ +[0-9]+ +[0-9]+ ' "$tmp/r.err" >"$tmp/r.diag"
			[ -s "$tmp/r.diag" ] && no "random model $seed, $id: $(head -n 1 "$tmp/r.diag")"
			xmllint --noout --nonet "$tmp/r.svg" 2>/dev/null && ok || no "random model $seed, $id: not well-formed"
		done
	done
	echo "diagram.sh: $n diagrams of 12 random models with nested zones and layout hints"
}
finish() {
	echo "diagram.sh: $checks checks passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit
}
# ---- 2. every diagram as SVG (svg_examples MODEL...: make check the lab
# analyzer, the minimal model and the test models, make slow the insulin
# pump and the skeleton) ------------------------------------------------------
svg_examples() {
cat >"$tmp/svg.py" <<'PY'
import re, sys, xml.etree.ElementTree as ET
S = "{http://www.w3.org/2000/svg}"
P = "{urn:premarket:diagram}"
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
    # the zones the components are in, plus the zones those lie within
    zones = {g.get(P + "id") for g in groups("zone")}
    inner = {g.get(P + "zone") for g in groups("component")}
    if len(inner) != nz or not inner <= zones:
        bad.append("components in %d drawn zones, the caption says %d" % (len(inner & zones), nz))
    for g in groups("zone"):
        if g.get(P + "id") not in inner and g.get(P + "id") not in {z.get(P + "within") for z in groups("zone")}:
            bad.append("zone %s is drawn with neither components nor zones in it" % g.get(P + "id"))
m = re.search(r"call flow of (\d+) flows? between (\d+) components?", caption)
if m:
    nf, nc = map(int, m.groups())
    if len(groups("flow")) != nf or len(groups("component")) != nc or len(groups("lifeline")) != nc:
        bad.append("call flow: %d flows, %d components, %d lifelines; caption: %d, %d"
                   % (len(groups("flow")), len(groups("component")), len(groups("lifeline")), nf, nc))
def box(g):
    """The bounding box of a group's first path (M, L, C coordinates)."""
    nums = [float(v) for v in re.findall(r"-?[0-9.]+", g.find(S + "path").get("d"))]
    xs, ys = nums[0::2], nums[1::2]
    return min(xs), min(ys), max(xs), max(ys)
drawn = {g.get(P + "id"): g for g in groups("zone")}
for g in groups("zone"):  # a zone within another is drawn inside it
    up = g.get(P + "within")
    if up:
        if up not in drawn:
            bad.append("zone %s lies within %s, which is not drawn" % (g.get(P + "id"), up))
            continue
        a, b = box(g), box(drawn[up])
        if not (a[0] > b[0] and a[1] >= b[1] and a[2] < b[2] and a[3] < b[3]):
            bad.append("zone %s is not drawn inside %s: %s, %s" % (g.get(P + "id"), up, a, b))
if "summarised by zone" in caption and (groups("component") or not groups("zone-node")):
    bad.append("a summary must show zones, not components")
for b in bad:
    print("%s: %s" % (path, b))
sys.exit(1 if bad else 0)
PY
for ex in "$@"; do
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
}
if ! in_group check; then
	svg_examples examples/insulin-pump.yaml examples/skeleton.yaml
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

svg_examples examples/lab-analyzer.yaml examples/minimal.yaml tests/data/hostile.yaml \
	tests/data/diagram-names.yaml tests/data/diagram-nested.yaml
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
# the HTML: <figure> with <img src="diagrams/ID.svg" alt=...>, <figcaption>, the long description
"$PY" - "$tmp/out" "$tmp/list" <<'PY' && ok || no "HTML figures"
import html.parser, os, sys
out, listing = sys.argv[1], sys.argv[2]
files = [line.split("\t")[1] for line in open(listing, encoding="utf-8")]
class Figs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.figs, self.cur, self.where = [], None, None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "figure":
            self.cur = {"img": [], "caption": "", "details": ""}
        elif self.cur is not None and tag == "img":
            self.cur["img"].append(a)
        elif self.cur is not None and tag in ("figcaption", "details"):
            self.where = "caption" if tag == "figcaption" else "details"
    def handle_endtag(self, tag):
        if tag in ("figcaption", "details"):
            self.where = None
        elif tag == "figure" and self.cur is not None:
            self.figs.append(self.cur)
            self.cur = None
    def handle_data(self, d):
        if self.cur is not None and self.where:
            self.cur[self.where] += d
bad = []
def figs(page):
    p = Figs()
    p.feed(open(os.path.join(out, page), encoding="utf-8").read())
    return p.figs
arch = figs("security-architecture.html")
if len(arch) != 14:
    bad.append("security-architecture.html: %d figures, not 14" % len(arch))
for f in arch + figs("threat-model.html"):
    if len(f["img"]) != 1:
        bad.append("a figure with %d images" % len(f["img"]))
        continue
    img = f["img"][0]
    if img.get("src") not in files or not os.path.getsize(os.path.join(out, img["src"])):
        bad.append("an image of no diagram: %s" % img.get("src"))
    if len((img.get("alt") or "").split()) < 10 or "flows" not in img.get("alt", ""):
        bad.append("%s: no real text alternative: %r" % (img.get("src"), img.get("alt")))
    if not f["caption"].startswith("Figure: "):
        bad.append("%s: no caption" % img.get("src"))
    if "Text description" not in f["details"] or len(f["details"]) < len(img.get("alt", "")):
        bad.append("%s: no long description" % img.get("src"))
if [f["img"][0].get("src") for f in figs("threat-model.html")] != ["diagrams/V-GLOBAL.svg"]:
    bad.append("threat-model.html: the data-flow diagram is not the one figure")
for b in bad:
    print("diagram.sh: FAIL: " + b)
sys.exit(1 if bad else 0)
PY

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

# every figure is a bookmark under its chapter (qpdf --json outlines)
if command -v qpdf >/dev/null 2>&1; then
	qpdf --json --json-key=outlines "$tmp/out/cybersecurity-submission.pdf" >"$tmp/outlines.json" 2>/dev/null
	"$PY" - "$tmp/outlines.json" <<'PY' && ok || no "PDF bookmarks of the figures"
import json, re, sys
tops = json.load(open(sys.argv[1]))["outlines"]
found = {}
def walk(items, chapter, depth):
    for o in items:
        m = re.match(r"Figure (\d+): ", o["title"])
        if m:
            found[int(m.group(1))] = (chapter, depth, o.get("destpageposfrom1"))
        walk(o["kids"], chapter or o["title"], depth + 1)
for t in tops:
    walk(t["kids"], t["title"], 1)
bad = []
if sorted(found) != list(range(1, 16)):
    bad.append("figure bookmarks %s, not 1..15" % sorted(found))
if found.get(1, ("",))[0] != "Threat Model":
    bad.append("figure 1 is not under the Threat Model: %s" % (found.get(1),))
if any(v[0] != "Security Architecture" for k, v in found.items() if k > 1):
    bad.append("figures 2..15 are not all under the Security Architecture")
if any(not v[2] for v in found.values()):
    bad.append("a figure bookmark without a destination page")
for b in bad:
    print("diagram.sh: FAIL: PDF: " + b)
sys.exit(1 if bad else 0)
PY
fi

# ---- 7. nested zones, layout hints, both directions, use case steps ---------------
nested=tests/data/diagram-nested.yaml
"$BIN" diagram --view global_system "$nested" >"$tmp/n.svg" 2>/dev/null || no "$nested: global view"
"$BIN" diagram --view UC-1 "$nested" >"$tmp/uc.svg" 2>/dev/null || no "$nested: UC-1"
"$BIN" diagram --format dot "$nested" >"$tmp/n.dot" 2>/dev/null || no "$nested: dot"
"$PY" - "$tmp/n.svg" "$tmp/uc.svg" "$tmp/n.dot" <<'PY' && ok || no "nested zones, hints, bidirectional flows, steps"
import re, sys, xml.etree.ElementTree as ET
S, P = "{http://www.w3.org/2000/svg}", "{urn:premarket:diagram}"
bad = []
def load(p):
    return ET.parse(p).getroot()
def groups(root, cls):
    return [g for g in root.iter(S + "g") if g.get("class") == cls]
def centre(g):
    nums = [float(v) for v in re.findall(r"-?[0-9.]+", g.find(S + "path").get("d"))]
    return (min(nums[0::2]) + max(nums[0::2])) / 2, (min(nums[1::2]) + max(nums[1::2])) / 2
def heads(g):  # arrowheads: filled triangles
    return [p for p in g.findall(S + "path") if re.match(r"^M[-0-9. ]+ L[-0-9. ]+ L[-0-9. ]+ Z$", p.get("d"))]
g = load(sys.argv[1])
within = {z.get(P + "id"): z.get(P + "within") for z in groups(g, "zone")}
if within != {"Z-HOSP": None, "Z-VLAN": "Z-HOSP", "Z-BED": "Z-VLAN", "Z-CLOUD": None}:
    bad.append("zones and what they lie within: %s" % within)
at = {c.get(P + "id"): centre(c) for c in groups(g, "component")}
order = ["C-CLOUD", "C-FW", "C-GW", "C-PUMP"]  # ranks 0, 1, 2, 3
if not all(at[a][1] < at[b][1] for a, b in zip(order, order[1:])):
    bad.append("ranks not kept top to bottom: %s" % [(k, round(at[k][1])) for k in order])
if abs(at["C-PUMP"][1] - at["C-MON"][1]) > 0.5:
    bad.append("C-PUMP and C-MON (rank 3, one zone) are not on one row")
if not at["C-FW"][1] < at["C-EMR"][1] < at["C-GW"][1] + 1:
    bad.append("C-EMR (rank 2) not below C-FW (rank 1)")
flows = {f.get(P + "id"): f for f in groups(g, "flow")}
if len(heads(flows["F-1"])) != 2 or any(len(heads(f)) != 1 for k, f in flows.items() if k != "F-1"):
    bad.append("arrowheads: F-1 (bidirectional) %d, the others %s" % (len(heads(flows["F-1"])), sorted({len(heads(f)) for k, f in flows.items() if k != "F-1"})))
legend = " ".join(t.text or "" for t in groups(g, "legend")[0].iter(S + "text"))
for words in ("both ways", "inside another"):
    if words not in legend:
        bad.append("the legend does not explain %r" % words)
# the marks of F-6 (cloud to pump): it leaves Z-CLOUD and enters Z-HOSP, Z-VLAN and Z-BED
marks = [p for p in flows["F-6"].findall(S + "path") if p.get("fill") == "#ffffff"]
if len(marks) != 4:
    bad.append("F-6 crosses 4 zone borders, %d marks" % len(marks))
u = load(sys.argv[2])
labels = {l.get(P + "id"): " ".join(t.text or "" for t in l.iter(S + "text")) for l in groups(u, "label")}
if not labels.get("F-1", "").startswith("1. F-1") or "The pump sends telemetry" not in labels.get("F-1", ""):
    bad.append("UC-1: step 1 is not on F-1's arrow: %r" % labels.get("F-1"))
if not labels.get("F-4", "").startswith("3. F-4") or not labels.get("F-5", "").startswith("3. F-5"):
    bad.append("UC-1: step 3 names F-4 and F-5: %r %r" % (labels.get("F-4"), labels.get("F-5")))
notes = [" ".join(t.text or "" for t in n.iter(S + "text")) for n in groups(u, "note")]
if notes != ["2. The gateway checks the message."]:
    bad.append("UC-1: the step naming no flow as a note: %s" % notes)
uf = {f.get(P + "id"): f for f in groups(u, "flow")}
if len(heads(uf["F-1"])) != 2 or len(heads(uf["F-4"])) != 1:
    bad.append("UC-1: arrowheads of F-1 (both ways) and F-4")
uw = {z.get(P + "id"): z.get(P + "within") for z in groups(u, "zone")}
if uw.get("Z-BED") != "Z-VLAN" or uw.get("Z-VLAN") != "Z-HOSP":
    bad.append("UC-1: nested zones %s" % uw)
dot = open(sys.argv[3]).read()
if not re.search(r'subgraph "cluster_Z-HOSP" \{[^}]*subgraph "cluster_Z-VLAN"', dot):
    bad.append("DOT: Z-VLAN is not a cluster inside Z-HOSP")
if "rank=same" not in dot or "group=main" not in dot or "dir=both" not in dot:
    bad.append("DOT: rank=same, group=main or dir=both missing")
for b in bad:
    print("diagram.sh: FAIL: " + b)
sys.exit(1 if bad else 0)
PY

if in_group slow; then
	svg_examples examples/insulin-pump.yaml examples/skeleton.yaml
	large_model
fi

# ---- 6. pictures -------------------------------------------------------------------
if command -v rsvg-convert >/dev/null 2>&1; then
	rsvg-convert "$tmp/global.svg" -o "$tmp/global.png" && [ -s "$tmp/global.png" ] && ok || no "rsvg-convert cannot render the SVG"
fi
if command -v pdftoppm >/dev/null 2>&1; then
	pdftoppm -png -r 50 -f 40 -l 42 "$tmp/out/cybersecurity-submission.pdf" "$tmp/page" && ok || no "pdftoppm"
fi

finish
