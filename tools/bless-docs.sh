#!/bin/sh
# bless-docs.sh — regenerate tests/golden/docs/<example>/<slug>.md, the golden
# Markdown documents that tests/cli/build.sh compares with, from the current
# build and the shipped templates.  Read `git diff tests/golden/docs` before
# committing: every changed line is what an FDA reviewer will read, and must be
# explained by a deliberate change of the templates, the data or the examples.
set -eu
BIN=${BIN:-build/premarket}
[ -x "$BIN" ] || { echo "bless-docs.sh: $BIN is not built (make, or BIN=...)" >&2; exit 1; }
[ -d templates ] || { echo "bless-docs.sh: run me from the repository root" >&2; exit 1; }
unset PREMARKET_DATADIR SOURCE_DATE_EPOCH
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for name in lab-analyzer insulin-pump; do
	"$BIN" build --format md -o "$tmp/$name" "examples/$name.yaml"
	dir=tests/golden/docs/$name
	rm -rf "$dir"
	mkdir -p "$dir"
	cp "$tmp/$name"/*.md "$dir/"
	echo "$dir: $(ls "$dir" | wc -l) documents"
done
