#!/bin/sh
# bless-bad.sh NAME... — write tests/bad/NAME.expect from the current output of
# `premarket validate tests/bad/NAME.yaml`.  Review the result before committing:
# the expectation is the specification of the error message.
set -eu
BIN=${BIN:-build/premarket}
export LC_ALL=C
for name in "$@"; do
	name=${name%.yaml}
	name=${name#tests/bad/}
	set +e
	"$BIN" validate "tests/bad/$name.yaml" >/dev/null 2>"tests/bad/$name.err.tmp"
	rc=$?
	set -e
	{ echo "exit $rc"; cat "tests/bad/$name.err.tmp"; } >"tests/bad/$name.expect"
	rm -f "tests/bad/$name.err.tmp"
	echo "tests/bad/$name.expect: exit $rc"
done
