#!/bin/sh
# xlsx.sh BIN — the spreadsheet register (`score --format xlsx -o FILE`,
# `build --format xlsx`): the workbook's sheets (Register, Controls,
# Traceability, SBOM), read back from the xlsx zip's XML: header rows,
# as many rows as the register, controls and SBOM have, frozen header,
# autofilter over every row, fitted column widths, risk levels coloured
# (lowest green, highest red); the creation date is the documentation date;
# the same bytes on every run and from build; usage errors.
set -u
BIN=${1:?usage: xlsx.sh path/to/premarket}
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
unset SOURCE_DATE_EPOCH

expect() {
	want=$1
	what=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ "$got" -eq "$want" ] || { echo "xlsx.sh: FAIL $what: exit $got, want $want"; head -5 "$tmp/err"; fail=1; }
}

for model in examples/lab-analyzer.yaml examples/insulin-pump.yaml examples/minimal.yaml; do
	name=$(basename "$model" .yaml)
	expect 0 "score --format xlsx $name" "$BIN" score --format xlsx -o "$tmp/$name.xlsx" "$model"
	[ -s "$tmp/out" ] && { echo "xlsx.sh: FAIL -o also wrote to standard output"; fail=1; }
	expect 0 "again" "$BIN" score --format xlsx -o "$tmp/$name.2.xlsx" "$model"
	cmp -s "$tmp/$name.xlsx" "$tmp/$name.2.xlsx" || { echo "xlsx.sh: FAIL $name: two runs differ"; fail=1; }
	expect 0 "build --format xlsx $name" "$BIN" build --format xlsx -o "$tmp/build-$name" "$model"
	cmp -s "$tmp/$name.xlsx" "$tmp/build-$name/risk-register.xlsx" ||
		{ echo "xlsx.sh: FAIL $name: build's risk-register.xlsx differs from score's"; fail=1; }
	"$BIN" score --format csv "$model" >"$tmp/$name.csv" 2>/dev/null
	"$BIN" data "$model" >"$tmp/$name.json" 2>/dev/null
	$PY - "$tmp/$name.xlsx" "$tmp/$name.csv" "$tmp/$name.json" <<'PY' || { echo "xlsx.sh: FAIL $name"; fail=1; }
import csv, json, re, sys, zipfile
import xml.etree.ElementTree as ET
xlsx, csvf, dataf = sys.argv[1:]
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
z = zipfile.ZipFile(xlsx)
assert z.testzip() is None
wb = ET.fromstring(z.read("xl/workbook.xml"))
sheets = [s.get("name") for s in wb.find("m:sheets", ns)]
assert sheets == ["Register", "Controls", "Traceability", "SBOM"], sheets
shared = [("".join(t.text or "" for t in si.iter("{%s}t" % ns["m"]))) for si in ET.fromstring(z.read("xl/sharedStrings.xml"))]
styles = ET.fromstring(z.read("xl/styles.xml"))
fills = [f.find("m:patternFill/m:fgColor", ns) for f in styles.find("m:fills", ns)]
xfs = list(styles.find("m:cellXfs", ns))
def fill_of(style):
    f = fills[int(xfs[int(style)].get("fillId", 0))]
    return f.get("rgb")[-6:] if f is not None and f.get("rgb") else None

def rows(i):
    ws = ET.fromstring(z.read("xl/worksheets/sheet%d.xml" % i))
    out = []
    for row in ws.find("m:sheetData", ns):
        cells = {}
        for c in row:
            col = re.match(r"[A-Z]+", c.get("r")).group(0)
            v = c.find("m:v", ns)
            val = shared[int(v.text)] if c.get("t") == "s" else (v.text if v is not None else "")
            cells[col] = (val, c.get("s"))
        out.append((int(row.get("r")), cells))
    return ws, out

def col_name(n):
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s

data = json.load(open(dataf))
reg = list(csv.reader(open(csvf, newline="")))[1:]
n_sbom = (data.get("sbom") or {}).get("n_components", 0)
want = {"Register": len(reg), "Controls": data["n_controls"], "SBOM": n_sbom}
coloured = 0
headers = {"Register": ["Threat", "Title", "Asset", "Asset name", "Vector", "Score", "Exploitability", "Severity", "Risk",
                        "Acceptable", "Residual vector", "Residual score", "Residual exploitability", "Residual severity",
                        "Residual risk", "Residual acceptable", "Multi-patient", "Outcome", "Controls"],
           "Controls": ["Control", "Title", "Category", "Status", "Requirement ID", "Requirement", "Components", "Tests", "Threats"],
           "Traceability": ["Threat", "Threat title", "Control", "Control status", "Requirement ID", "Test", "Test title", "Test result"],
           "SBOM": ["Component", "Name", "Version", "Supplier", "PURL", "License", "Support", "End of support"]}
for i, name in enumerate(sheets, 1):
    ws, rs = rows(i)
    hdr = rs[0][1]
    n = len(headers[name])
    assert [hdr[col_name(k + 1)][0] for k in range(n)] == headers[name], (name, hdr)
    body = [r for r in rs if r[0] > 1]
    nrows = max([r[0] for r in rs]) - 1
    if name in want:
        assert nrows == want[name], (name, nrows, want[name])
    pane = ws.find("m:sheetViews/m:sheetView/m:pane", ns)
    assert pane is not None and pane.get("ySplit") == "1" and pane.get("state") == "frozen", name
    af = ws.find("m:autoFilter", ns)
    assert af is not None and af.get("ref") == "A1:%s%d" % (col_name(n), nrows + 1), (name, af.get("ref") if af is not None else None)
    widths = [float(c.get("width")) for c in ws.find("m:cols", ns)]
    assert len(widths) == n and all(6 <= w <= 61 for w in widths), (name, widths)
    if name == "Register":
        # the rows are the register's, in its order; risk levels coloured
        for (r, cells), line in zip(body, reg):
            assert cells["A"][0] == line[0] and cells["C"][0] == line[2], (cells["A"], line[:3])
            assert cells["I"][0] == line[13] and cells["O"][0] == line[24], (cells["I"], line[13])
            colour = {"low": "C6EFCE", "medium": "FFEB9C", "high": "FFC7CE"}
            for col in "IO":
                if cells[col][0] in colour:
                    assert fill_of(cells[col][1]) == colour[cells[col][0]], (col, cells[col])
                    coloured += 1
    if name == "Traceability":
        assert nrows >= data["n_threats"], (nrows, data["n_threats"])
core = ET.fromstring(z.read("docProps/core.xml"))
created = core.find("{http://purl.org/dc/terms/}created").text
date = data["device"].get("date") or (data["device"].get("revisions") or [{}])[-1].get("date")
assert created == ("%sT00:00:00Z" % date if date else "1980-01-01T00:00:00Z"), (created, date)
assert coloured >= len(reg), (coloured, len(reg))  # every risk level of the default policy is coloured
print("xlsx.sh: %s: %d register rows, %d controls, %d SBOM components, %d risk cells coloured; created %s" %
      (xlsx.split("/")[-1], len(reg), data["n_controls"], n_sbom, coloured, created))
PY
done

# a real reader, when installed (Debian python3-openpyxl): the same sheets, panes, filters, fills
if $PY -c 'import openpyxl' 2>/dev/null; then
	$PY - "$tmp/lab-analyzer.xlsx" "$tmp/lab-analyzer.csv" <<'PY' || { echo "xlsx.sh: FAIL openpyxl reads the workbook otherwise"; fail=1; }
import csv, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
reg = list(csv.reader(open(sys.argv[2], newline="")))
assert wb.sheetnames == ["Register", "Controls", "Traceability", "SBOM"], wb.sheetnames
for ws in wb.worksheets:
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:"), (ws.title, ws.freeze_panes)
ws = wb["Register"]
assert ws.max_row == len(reg), (ws.max_row, len(reg))
for row, line in zip(ws.iter_rows(min_row=2, values_only=True), reg[1:]):
    assert row[0] == line[0] and row[8] == line[13] and (row[5] is None or abs(row[5] - float(line[7] or line[5])) < 1e-9), (row, line)
fill = {"low": "FFC6EFCE", "medium": "FFFFEB9C", "high": "FFFFC7CE"}
for c in ws["I"][1:]:
    assert c.fill.fgColor.rgb == fill[c.value], (c.coordinate, c.value, c.fill.fgColor.rgb)
print("xlsx.sh: openpyxl %s reads lab-analyzer.xlsx: %d rows" % (openpyxl.__version__, ws.max_row - 1))
PY
else
	echo "xlsx.sh: python3-openpyxl is absent: the check with a real xlsx reader is skipped"
fi

# without a date in the model, SOURCE_DATE_EPOCH dates the workbook
SOURCE_DATE_EPOCH=1767225600 "$BIN" score --format xlsx -o "$tmp/epoch.xlsx" examples/minimal.yaml 2>/dev/null
$PY -c 'import sys, zipfile; c = zipfile.ZipFile(sys.argv[1]).read("docProps/core.xml").decode(); assert "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-01-01T00:00:00Z<" in c, c' "$tmp/epoch.xlsx" ||
	{ echo "xlsx.sh: FAIL SOURCE_DATE_EPOCH does not date the workbook"; fail=1; }

expect 2 "xlsx without -o" "$BIN" score --format xlsx examples/minimal.yaml
grep -q "give it with -o FILE" "$tmp/err" || { echo "xlsx.sh: FAIL message for xlsx without -o"; fail=1; }
expect 2 "-o a folder" "$BIN" score --format xlsx -o "$tmp/" examples/minimal.yaml
: >"$tmp/file"
expect 3 "-o under a regular file" "$BIN" score --format xlsx -o "$tmp/file/r.xlsx" examples/minimal.yaml
expect 2 "unknown build format" "$BIN" build --format xls -o "$tmp/b" examples/minimal.yaml
expect 0 "score -o with csv" "$BIN" score --format csv -o "$tmp/r.csv" examples/minimal.yaml
"$BIN" score --format csv examples/minimal.yaml 2>/dev/null | cmp -s - "$tmp/r.csv" || { echo "xlsx.sh: FAIL score -o csv"; fail=1; }

[ $fail -eq 0 ] && echo "xlsx.sh: ok"
exit $fail
