#!/bin/sh
# cjk.sh BIN — Chinese, Japanese and Korean text (docs/pdf.md, "International
# text"): tests/data/cjk.yaml builds without a missing-glyph warning; the PDF
# embeds a subset of WenQuanYi Micro Hei; the manufacturer's name and address,
# the device name and Korean free text round-trip through pdftotext with no
# U+FFFD, and every embedded composite glyph is whole; the SVG diagrams and
# the HTML carry the names and list the CJK font; and a Chinese manufacturer
# name adds at most 128,000 bytes to a PDF.
set -u
BIN=${1:?usage: cjk.sh path/to/premarket}
font=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
[ -f "$font" ] || { echo "cjk.sh: $font not installed (fonts-wqy-microhei; make deps): skipping"; exit 0; }
for tool in pdftotext pdffonts; do
	command -v $tool >/dev/null 2>&1 || { echo "cjk.sh: $tool not installed (poppler-utils): skipping"; exit 0; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "cjk.sh: FAIL: $*"; fail=1; }
model=tests/data/cjk.yaml
"$BIN" build "$model" -o "$tmp/out" --format md,html,pdf 2>"$tmp/err" || { no "build"; cat "$tmp/err"; }
grep -E "U\+[0-9A-F]{4}|not shown" "$tmp/err" && no "build reports characters it cannot show"
pdf="$tmp/out/cybersecurity-submission.pdf"

# the CJK face is embedded, as a subset (libharu's "ABCDEF+" name prefix)
pdffonts "$pdf" >"$tmp/fonts" 2>/dev/null || no "pdffonts"
grep -E '^[A-Z]{6}\+WenQuanYiMicroHei +CID TrueType +Identity-H +yes +yes +yes' "$tmp/fonts" >/dev/null ||
	{ no "WenQuanYi Micro Hei not embedded as a subset with a ToUnicode map"; cat "$tmp/fonts"; }

# every composite glyph embedded has all its parts (libharu alone drops the
# parts above glyph 32767 and those of nested composites: ideographs print
# blank or in pieces, though pdftotext still finds the text)
if command -v python3 >/dev/null 2>&1; then
	python3 - "$pdf" >"$tmp/glyphs" <<'PY' || { no "embedded glyphs lack parts"; cat "$tmp/glyphs"; }
import re, struct, sys, zlib
# every composite glyph embedded in the PDF's TrueType fonts has all its parts
d = open(sys.argv[1], 'rb').read()
bad = fonts = composites = 0
for m in re.finditer(rb'/Length1 (\d+)[^>]*>>\s*stream\r?\n', d):
    try:
        f = zlib.decompressobj().decompress(d[m.end():m.end() + 4 * int(m.group(1)) + 65536])
    except zlib.error:
        continue
    n = struct.unpack('>H', f[4:6])[0]
    t = {}
    for i in range(n):
        tag, _, o, l = struct.unpack('>4sIII', f[12 + 16 * i:28 + 16 * i])
        t[tag] = (o, l)
    if b'glyf' not in t:
        continue
    fonts += 1
    head, maxp, loca, glyf = (t[k][0] for k in (b'head', b'maxp', b'loca', b'glyf'))
    long_loca = struct.unpack('>h', f[head + 50:head + 52])[0]
    ng = struct.unpack('>H', f[maxp + 4:maxp + 6])[0]
    if long_loca:
        off = struct.unpack('>%dI' % (ng + 1), f[loca:loca + 4 * (ng + 1)])
    else:
        off = [2 * x for x in struct.unpack('>%dH' % (ng + 1), f[loca:loca + 2 * (ng + 1)])]
    for g in range(ng):
        a, b = off[g], off[g + 1]
        if b - a < 10 or struct.unpack('>h', f[glyf + a:glyf + a + 2])[0] >= 0:
            continue
        composites += 1
        q = glyf + a + 10
        while True:
            flags, part = struct.unpack('>HH', f[q:q + 4])
            q += 4 + (4 if flags & 1 else 2) + (2 if flags & 8 else 4 if flags & 64 else 8 if flags & 128 else 0)
            if part >= ng or off[part + 1] == off[part]:
                bad += 1
            if not flags & 32:
                break
print('%d fonts, %d composite glyphs, %d missing parts' % (fonts, composites, bad))
sys.exit(1 if bad or not fonts else 0)
PY
fi

# the names round-trip (whitespace dropped: lines wrap between CJK characters)
pdftotext -enc UTF-8 "$pdf" "$tmp/pdf.txt" 2>/dev/null || no "pdftotext"
tr -d ' \n\f' <"$tmp/pdf.txt" >"$tmp/pdf.flat"
for w in 深圳市示例医疗器械有限公司 中国广东省深圳市南山区科技南路示例大厦十二楼 携帯型輸液ポンプ「ミライ」 \
	병원병동및환자가정에서사용합니다. 輸液ポンプ本体 간호사태블릿 病棟; do
	grep -qF "$w" "$tmp/pdf.flat" || no "PDF: '$w' does not round-trip"
done
grep -q "$(printf '\357\277\275')" "$tmp/pdf.txt" && no "PDF text has U+FFFD"

# SVG diagrams: the names, and the CJK font after DejaVu in font-family
svg="$tmp/out/diagrams/global_system.svg"
for w in 輸液ポンプ本体 "간호사 태블릿" 病棟; do
	grep -qF "$w" "$svg" || no "SVG: '$w' missing"
done
grep -qE "font-family=\"'DejaVu Sans'[^\"]*'WenQuanYi Micro Hei'" "$svg" || no "SVG font-family lacks the CJK font"

# HTML: the names, and the CJK fonts in the stylesheet's font list
html="$tmp/out/security-risk-management-report.html"
for w in 深圳市示例医疗器械有限公司 携帯型輸液ポンプ「ミライ」; do
	grep -qF "$w" "$html" || no "HTML: '$w' missing"
done
grep -q 'font: 16px/1.55 system-ui.*"WenQuanYi Micro Hei".*"Malgun Gothic"' "$html" ||
	no "HTML stylesheet lacks the CJK fonts"

# the cost of CJK in a PDF: the minimal example with a Chinese manufacturer name
sed 's/name: Example Devices Inc\./name: 深圳市示例医疗器械有限公司/' examples/minimal.yaml >"$tmp/min-zh.yaml"
grep -q 深圳 "$tmp/min-zh.yaml" || no "sed: the manufacturer name was not replaced"
"$BIN" build examples/minimal.yaml -o "$tmp/latin" --format pdf 2>/dev/null || no "build minimal"
"$BIN" build "$tmp/min-zh.yaml" -o "$tmp/zh" --format pdf 2>/dev/null || no "build minimal, Chinese name"
a=$(wc -c <"$tmp/latin/cybersecurity-submission.pdf")
b=$(wc -c <"$tmp/zh/cybersecurity-submission.pdf")
added=$((b - a))
[ "$added" -gt 0 ] && [ "$added" -le 128000 ] || no "a Chinese manufacturer name adds $added bytes (want 1..128000)"
pdftotext -enc UTF-8 "$tmp/zh/cybersecurity-submission.pdf" - 2>/dev/null | grep -q 深圳市示例医疗器械有限公司 ||
	no "minimal, Chinese name: does not round-trip"

# deterministic: a second build is byte-identical
"$BIN" build "$model" -o "$tmp/again" --format pdf 2>/dev/null || no "second build"
cmp -s "$pdf" "$tmp/again/cybersecurity-submission.pdf" || no "two builds differ"

[ $fail -eq 0 ] && echo "cjk.sh: ok (a Chinese manufacturer name adds $added bytes to the PDF)"
exit $fail
