#!/bin/sh
# bless-golden.sh — regenerate tests/golden/*.register.csv from the current
# build.  Review `git diff tests/golden` before committing: every changed
# number must be explained by a deliberate change of the method or the examples.
set -eu
BIN=${BIN:-build/premarket}
for ex in examples/lab-analyzer.yaml examples/insulin-pump.yaml examples/minimal.yaml; do
	name=$(basename "$ex" .yaml)
	"$BIN" score --format csv "$ex" >"tests/golden/$name.register.csv"
	echo "tests/golden/$name.register.csv"
done
