#!/bin/sh
# html-browser.sh BIN — the HTML read in a real browser (headless Chromium):
# every page of the two full examples, at 1280 px and at 390 px, laid out
# without a page that scrolls sideways, a word, id, number, level or date
# broken across lines, or a table cell's content wider than its cell
# (tools/html-browser.py says exactly what counts); then
# tools/html-screenshots.sh writes its screenshots (to look at) into
# BUILD/html-screenshots.  The checker must fail on a page with the old
# stylesheet's "overflow-wrap: anywhere" ("Th/re/at").  Skips, saying so,
# when chromium is not installed (apt-get install -y chromium).  Part of
# `make slow`.
set -u
BIN=${1:?usage: html-browser.sh path/to/premarket}
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
	echo "html-browser.sh: skipped: chromium is not installed (apt-get install -y chromium)"
	exit 0
fi
PY=$(command -v python3) || { echo "html-browser.sh: python3 is needed" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
LIMIT=$((300 * ${PM_TIMEOUT_SCALE:-1}))

for name in insulin-pump lab-analyzer; do
	"$BIN" build --format html -o "$tmp/$name" "examples/$name.yaml" >/dev/null 2>&1 ||
		{ echo "html-browser.sh: FAIL $name does not build"; fail=1; continue; }
	if ! timeout "$LIMIT" "$PY" tools/html-browser.py --chromium "$CHROMIUM" "$tmp/$name"/*.html >"$tmp/out" 2>&1; then
		echo "html-browser.sh: FAIL $name reads badly in the browser:"
		head -30 "$tmp/out"
		fail=1
	fi
done

# The checker finds the mid-word breaks of the old stylesheet.
page=$tmp/insulin-pump/threat-model.html
if [ -f "$page" ]; then
	sed 's|^</style>|td, th { overflow-wrap: anywhere; } .pm-table { overflow-x: visible; } table { table-layout: fixed; }\n</style>|' \
		"$page" >"$tmp/insulin-pump/old-style.html"
	timeout "$LIMIT" "$PY" tools/html-browser.py --chromium "$CHROMIUM" --widths 390 "$tmp/insulin-pump/old-style.html" \
		>"$tmp/out" 2>&1
	rc=$?
	if [ $rc != 1 ] || ! grep -q "broken across lines in a table cell" "$tmp/out"; then
		echo "html-browser.sh: FAIL the browser check does not see words broken by overflow-wrap: anywhere (exit $rc)"
		head -5 "$tmp/out"
		fail=1
	fi
fi

# The screenshots, to look at.
out=$(dirname "$BIN")/html-screenshots
if timeout "$LIMIT" sh tools/html-screenshots.sh -b "$BIN" -o "$out" >"$tmp/out" 2>&1; then
	for f in index threat-model cybersecurity-risk-assessment traceability-matrix; do
		for w in 1280 390; do
			[ -s "$out/$f-$w.png" ] || { echo "html-browser.sh: FAIL no screenshot $out/$f-$w.png"; fail=1; }
		done
	done
else
	echo "html-browser.sh: FAIL tools/html-screenshots.sh:"
	head -10 "$tmp/out"
	fail=1
fi

[ $fail = 0 ] && echo "html-browser.sh: ok (screenshots in $out)"
exit $fail
