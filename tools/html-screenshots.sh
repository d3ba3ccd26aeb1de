#!/bin/sh
# html-screenshots.sh [-b BIN] [-o DIR] [MODEL] — build the HTML of a model
# (default examples/insulin-pump.yaml) and screenshot a few pages in headless
# Chromium at a laptop width (1280 px) and a phone width (390 px), into DIR
# (default build/html-screenshots): index, threat model, the risk register
# (cybersecurity-risk-assessment, at its register), traceability matrix.
# Look at them: the HTML is checked in a real browser (docs/html.md).
# Needs chromium (Debian: apt-get install -y chromium); exits 77 without it.
set -eu
BIN=build/premarket
OUT=build/html-screenshots
while getopts b:o: opt; do
	case $opt in
	b) BIN=$OPTARG ;;
	o) OUT=$OPTARG ;;
	*) echo "usage: html-screenshots.sh [-b BIN] [-o DIR] [MODEL]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
MODEL=${1:-examples/insulin-pump.yaml}
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$CHROMIUM" ] || { echo "html-screenshots.sh: no chromium (apt-get install -y chromium)" >&2; exit 77; }
[ -x "$BIN" ] || { echo "html-screenshots.sh: $BIN is not built" >&2; exit 2; }
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
"$BIN" build --format html -o "$OUT/site" "$MODEL" >/dev/null
# page[#fragment] name height
shot() {
	for w in 1280 390; do
		timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
			--user-data-dir="$OUT/.profile" --window-size="$w,$3" --screenshot="$OUT/$2-$w.png" \
			"file://$OUT/site/$1" >/dev/null 2>&1 || { echo "html-screenshots.sh: chromium failed on $1" >&2; exit 1; }
		echo "$OUT/$2-$w.png"
	done
}
shot index.html index 2000
shot threat-model.html threat-model 3000
shot 'cybersecurity-risk-assessment.html#5-risk-register-before-controls' register 2400
shot 'traceability-matrix.html#2-threat-to-test' traceability 2400
rm -rf "$OUT/.profile"
