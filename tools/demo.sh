#!/bin/sh
# demo.sh BIN — what `make demo` shows: the example lab analyzer's full
# document package rendered into demo-out/lab-analyzer/ (Markdown, HTML, PDF),
# its risk register, and a validation of every shipped example.
set -eu
BIN=${1:-build/premarket}
OUT=demo-out/lab-analyzer
echo "premarket demo"
echo
for ex in examples/lab-analyzer.yaml examples/insulin-pump.yaml examples/minimal.yaml; do
	echo "\$ premarket validate $ex"
	"$BIN" validate "$ex"
done
echo
echo "\$ premarket score examples/lab-analyzer.yaml   (summary)"
"$BIN" score examples/lab-analyzer.yaml | sed -n '/^Summary:/,$p' | head -8
echo
# demo-out/ is the demo's own: a folder left by premarket 0.1 (no manifest,
# which build refuses to replace) is removed first
if [ -d "$OUT" ] && [ ! -e "$OUT/.premarket-manifest" ]; then
	rm -rf "$OUT"
fi
echo "\$ premarket build examples/lab-analyzer.yaml -o $OUT --format md,html,pdf"
"$BIN" build examples/lab-analyzer.yaml -o "$OUT" --format md,html,pdf
echo
echo "Open $OUT/index.html in a browser, $OUT/cybersecurity-submission.pdf, or read $OUT/index.md."
