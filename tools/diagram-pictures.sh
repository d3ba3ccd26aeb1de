#!/bin/sh
# diagram-pictures.sh — render the reference pictures of docs/images/ from
# the example lab analyzer: its global system view and the call flow of its
# result reporting use case (SVG -> PNG with rsvg-convert) and the PDF page
# of its multi-patient harm view (pdftoppm); and the global view of
# tests/data/diagram-nested.yaml (nested zones, layout hints).
# Look at them after a change of the drawing, then commit them.
set -eu
BIN=${BIN:-build/premarket}
[ -x "$BIN" ] || { echo "diagram-pictures.sh: $BIN is not built (make, or BIN=...)" >&2; exit 1; }
for tool in rsvg-convert pdftoppm pdftotext; do
	command -v $tool >/dev/null 2>&1 || { echo "diagram-pictures.sh: $tool is not installed (librsvg2-bin, poppler-utils)" >&2; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p docs/images
"$BIN" diagram --view V-GLOBAL examples/lab-analyzer.yaml >"$tmp/global.svg"
rsvg-convert -z 1.0 "$tmp/global.svg" -o docs/images/lab-analyzer-global.png
"$BIN" diagram --view UC-RESULT examples/lab-analyzer.yaml >"$tmp/uc.svg"
rsvg-convert -z 1.0 "$tmp/uc.svg" -o docs/images/lab-analyzer-call-flow.png
"$BIN" diagram --view global_system tests/data/diagram-nested.yaml >"$tmp/nested.svg"
rsvg-convert -z 1.0 "$tmp/nested.svg" -o docs/images/nested-zones.png
"$BIN" build --format pdf -o "$tmp/out" examples/lab-analyzer.yaml >/dev/null
pdf="$tmp/out/cybersecurity-submission.pdf"
page=$(pdftotext -layout "$pdf" - | awk -v RS='\f' '/Figure [0-9]+: Multi-patient harm view \(V-MPH\)/ && !/Figures/ { print NR; exit }')
pdftoppm -png -r 110 -f "$page" -l "$page" -singlefile "$pdf" docs/images/lab-analyzer-pdf-figure
ls -l docs/images/lab-analyzer-global.png docs/images/lab-analyzer-call-flow.png docs/images/nested-zones.png \
	docs/images/lab-analyzer-pdf-figure.png
