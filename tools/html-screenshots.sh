#!/bin/sh
# html-screenshots.sh [-b BIN] [-o DIR] [MODEL] — build the HTML of a model
# (default examples/insulin-pump.yaml) into DIR/site and screenshot a few
# pages in headless Chromium at a laptop width (1280 px) and a phone width
# (390 px) into DIR (default build/html-screenshots): the index, the threat
# model, the risk register (cybersecurity-risk-assessment, from the register)
# and the traceability matrix (from the matrix), as DIR/<page>-<width>.png.
# The same run checks those pages' layout in the browser
# (tools/html-browser.py) and prints every problem.  Look at the pictures.
# Exit status: 0, 1 when the browser found a problem, 2 on an error, 77 when
# chromium is not installed (Debian: apt-get install -y chromium).
set -eu
BIN=build/premarket
OUT=build/html-screenshots
while getopts b:o: opt; do
	case $opt in
	b) BIN=$OPTARG ;;
	o) OUT=$OPTARG ;;
	*)
		echo "usage: html-screenshots.sh [-b BIN] [-o DIR] [MODEL]" >&2
		exit 2
		;;
	esac
done
shift $((OPTIND - 1))
MODEL=${1:-examples/insulin-pump.yaml}
HERE=$(cd "$(dirname "$0")" && pwd)
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$CHROMIUM" ] || { echo "html-screenshots.sh: no chromium (apt-get install -y chromium)" >&2; exit 77; }
[ -x "$BIN" ] || { echo "html-screenshots.sh: $BIN is not built" >&2; exit 2; }
mkdir -p "$OUT"
rm -rf "$OUT/site"
"$BIN" build --format html -o "$OUT/site" "$MODEL" >/dev/null 2>&1 ||
	[ -f "$OUT/site/index.html" ] || { echo "html-screenshots.sh: $MODEL does not build" >&2; exit 2; }
S=$OUT/site
set +e
python3 "$HERE/html-browser.py" --chromium "$CHROMIUM" --widths 1280,390 --height 1600 --shots "$OUT" \
	"$S/index.html" "$S/threat-model.html" "$S/cybersecurity-risk-assessment.html#5-risk-register-before-controls" \
	"$S/traceability-matrix.html#2-matrix"
