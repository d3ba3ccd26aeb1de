#!/bin/sh
# bench.sh BIN FLOOR — CPU time and peak memory of every stage and format at
# three model sizes, against the floors of the libraries that do the work,
# measured in the same run (docs/performance.md explains the method).
#
# Sizes (BENCH_SIZES, "COMPONENTS:THREATS ..."; default 1k, 10k and 100k
# threats) are synthetic models from tools/gen-model.py.  For each size:
#   floor yaml   libyaml parsing the model file to events (tools/bench/floor.c)
#   validate     premarket validate (load, validate, identify, score)
#   score        the CSV register;  threats  the rule catalog on the model
#   md html pdf xml   premarket build --format FORMAT, each on its own
#   validate xml premarket validate of the submission.xml just written
#   floor pdf    libharu writing as many pages, text runs and glyphs as our
#                PDF holds (counted with qpdf), in the same embedded font
#   floor xml    libxml2's xmlTextWriter writing as many elements and bytes
#                as our submission.xml holds
# CPU is user + system seconds of the process (GNU time); peak is its maximum
# resident set.  Then each target of issue 16 as a ratio with its verdict, and
# the CPU growth from the second size to the third.  Nothing here fails a
# build: the verdicts are for reading.
set -eu
BIN=${1:-build/premarket}
FLOOR=${2:-build/tools/floor}
SIZES=${BENCH_SIZES:-100:1000 1000:10000 10000:100000}
FONT=${BENCH_FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf}
if [ ! -x /usr/bin/time ] || ! /usr/bin/time -f %U true 2>/dev/null; then
	echo "bench: GNU time (/usr/bin/time) is needed: apt-get install time" >&2
	exit 2
fi
for tool in qpdf pdfinfo; do
	command -v $tool >/dev/null 2>&1 || { echo "bench: $tool is needed (apt-get install qpdf poppler-utils)" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
results=$tmp/results # lines: SIZE STAGE CPU PEAK_KIB

# measure SIZE STAGE CMD... — run CMD, record its CPU seconds and peak KiB
measure() {
	size=$1 stage=$2
	shift 2
	if ! /usr/bin/time -f "%U %S %M" -o "$tmp/t" "$@" >/dev/null 2>"$tmp/err"; then
		echo "bench: $stage failed at $size:" >&2
		tail -3 "$tmp/err" >&2
		echo "$size $stage NA NA" >>"$results"
		return 0
	fi
	read -r u s m <"$tmp/t"
	cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
	printf '  %-14s %8s s %8d MiB\n' "$stage" "$cpu" $((m / 1024))
	echo "$size $stage $cpu $m" >>"$results"
}

# pdf_counts PDF — "PAGES RUNS GLYPHS": text-showing operators and the glyphs
# they show (our text is hex strings of 2-byte glyph ids: 4 digits a glyph)
pdf_counts() {
	pages=$(pdfinfo "$1" | sed -n 's/^Pages: *//p')
	qpdf --qdf --object-streams=disable "$1" "$tmp/qdf.pdf" 2>/dev/null || true
	LC_ALL=C awk -v pages="$pages" '
		/ Tj$/ { runs++; if (match($0, /^<[0-9a-fA-F]*>/)) glyphs += (RLENGTH - 2) / 4; else glyphs += length($0) - 5 }
		END { printf "%d %d %d\n", pages, runs, glyphs }' "$tmp/qdf.pdf"
}

for spec in $SIZES; do
	nc=${spec%%:*} nt=${spec##*:}
	/usr/bin/python3 tools/gen-model.py "$nc" "$nt" >"$tmp/m.yaml"
	bytes=$(wc -c <"$tmp/m.yaml" | tr -d ' ')
	echo "model: $nc components, $nt threats, $((bytes / 1024)) KiB of YAML"
	echo "$nt input $bytes 0" >>"$results"
	measure "$nt" "floor-yaml" "$FLOOR" yaml "$tmp/m.yaml"
	measure "$nt" validate "$BIN" validate -q "$tmp/m.yaml"
	measure "$nt" score "$BIN" score --format csv "$tmp/m.yaml"
	measure "$nt" threats "$BIN" threats --all --format json "$tmp/m.yaml"
	for f in md html pdf xml; do
		rm -rf "$tmp/out-$f"
		measure "$nt" "$f" "$BIN" build -o "$tmp/out-$f" --format "$f" "$tmp/m.yaml"
	done
	xml=$tmp/out-xml/submission.xml
	if [ -f "$xml" ]; then
		measure "$nt" "validate-xml" "$BIN" validate -q "$xml"
		elements=$(LC_ALL=C grep -o '<[A-Za-z]' "$xml" | wc -l | tr -d ' ')
		xbytes=$(wc -c <"$xml" | tr -d ' ')
		# <item>...</item> is 13 bytes of markup an element: the floor's file
		# is as large as ours
		text=$((xbytes > elements * 13 ? xbytes - elements * 13 : 0))
		measure "$nt" "floor-xml" "$FLOOR" xml "$elements" "$text" "$tmp/floor.xml"
	fi
	pdf=$tmp/out-pdf/cybersecurity-submission.pdf
	if [ -f "$pdf" ]; then
		set -- $(pdf_counts "$pdf")
		echo "  (our PDF: $1 pages, $2 text runs, $3 glyphs)"
		measure "$nt" "floor-pdf" "$FLOOR" pdf "$1" "$2" "$3" "$FONT" "$tmp/floor.pdf"
	fi
	rm -rf "$tmp"/out-* "$tmp/floor.pdf" "$tmp/floor.xml" "$tmp/qdf.pdf"
done

echo
echo "targets (issue 16; CPU ratios use the same size's floors; peaks against the input size):"
last=${SIZES##* }
last=${last##*:}
prev=$(echo "$SIZES" | awk '{ if (NF > 1) print $(NF - 1) }')
prev=${prev##*:}
awk -v last="$last" -v prev="$prev" '
	{ cpu[$1, $2] = $3; peak[$1, $2] = $4; if ($2 == "input") input[$1] = $3 }
	function ok(c) { return c ? "ok" : "OVER" }
	function ratio(stage, floor_expr, limit, what,    c, f) {
		c = cpu[last, stage]; f = floor_expr
		if (c == "NA" || c == "" || f <= 0) { printf "  %-34s n/a\n", what; return }
		printf "  %-34s %6.2f  (target <= %s)  %s\n", what, c / f, limit, ok(c / f <= limit + 0)
	}
	END {
		y = cpu[last, "floor-yaml"]; x = cpu[last, "floor-xml"]; p = cpu[last, "floor-pdf"]
		print "  at " last " threats:"
		ratio("validate", y, 2, "validate / yaml parse")
		ratio("md", y, 3, "md / yaml parse")
		ratio("html", y, 4, "html / yaml parse")
		if (x != "NA" && x > 0) ratio("xml", y + 1.5 * x, 1, "xml / (parse + 1.5 x libxml2 writer)")
		if (p != "NA" && p > 0) ratio("pdf", y + 1.3 * p, 1, "pdf / (parse + 1.3 x libharu)")
		mib = input[last] / 1048576
		n = split("md html xml", fm, " ")
		for (i = 1; i <= n; i++) {
			k = peak[last, fm[i]]
			if (k == "NA" || k == "") continue
			printf "  %-34s %6.1f  (target <= 10)  %s\n", "peak " fm[i] " / input size", k / 1024 / mib, ok(k / 1024 / mib <= 10)
		}
		k = peak[last, "pdf"]; fp = peak[last, "floor-pdf"]
		if (k != "NA" && k != "" && fp != "NA" && fp != "")
			printf "  %-34s %6.1f  (target <= 1)  %s\n", "peak pdf / (libharu peak + 10 x input)",
			       k / (fp + 10 * input[last] / 1024), ok(k / (fp + 10 * input[last] / 1024) <= 1)
		printf "  validate of our own submission.xml  %s\n", cpu[last, "validate-xml"] == "NA" ? "FAILED" : "ok"
		if (prev == "" || prev == last) exit
		print "  CPU growth " prev " -> " last " threats (target <= 11.5 for every format):"
		n = split("validate score threats md html pdf xml", st, " ")
		for (i = 1; i <= n; i++) {
			a = cpu[prev, st[i]]; b = cpu[last, st[i]]
			if (a == "NA" || b == "NA" || a == "" || b == "") { printf "    %-10s n/a\n", st[i]; continue }
			if (a < 0.05) { printf "    %-10s %6.2f -> %6.2f s (too short to compare)\n", st[i], a, b; continue }
			printf "    %-10s %6.2f -> %6.2f s  x%5.1f  %s\n", st[i], a, b, b / a, ok(b / a <= 11.5)
		}
	}' "$results"
