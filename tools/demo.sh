#!/bin/sh
# demo.sh BIN — what `make demo` shows.  Until the document renderers land,
# it validates the shipped example devices and prints a short summary of each.
set -eu
BIN=${1:-build/premarket}
echo "premarket demo: validating the example devices"
echo
for ex in examples/lab-analyzer.yaml examples/insulin-pump.yaml examples/minimal.yaml; do
	[ -f "$ex" ] || continue
	echo "\$ premarket validate $ex"
	"$BIN" validate "$ex"
	echo
done
echo "Score a CVSS vector:"
echo "\$ premarket cvss CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N"
"$BIN" cvss CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N
