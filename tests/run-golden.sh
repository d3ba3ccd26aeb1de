#!/bin/sh
# run-golden.sh BIN — golden and CLI tests (run from the repository root).
#
# 1. tests/bad/NAME.yaml: a broken model.  `premarket validate tests/bad/NAME.yaml`
#    must print exactly tests/bad/NAME.expect after its first line, which is
#    "exit N" (the expected exit code).  Stderr is compared, stdout must be empty.
#    Regenerate an expectation with: tools/bless-bad.sh NAME (then review it!).
# 2. tests/cli/*.sh: each is run as `sh tests/cli/X.sh BIN` and must exit 0.
# 3. every examples/*.yaml validates with exit 0 and no warnings.
set -u
BIN=${1:?usage: run-golden.sh path/to/premarket}
export LC_ALL=C
unset PREMARKET_DATADIR
fail=0
pass=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for model in tests/bad/*.yaml; do
	name=${model%.yaml}
	exp=$name.expect
	if [ ! -f "$exp" ]; then
		echo "FAIL $model: no $exp"
		fail=$((fail + 1))
		continue
	fi
	want_exit=$(head -n 1 "$exp" | sed -n 's/^exit \([0-9]*\)$/\1/p')
	tail -n +2 "$exp" >"$tmp/want"
	timeout 10 "$BIN" validate "$model" >"$tmp/out" 2>"$tmp/err"
	got_exit=$?
	if [ "$got_exit" != "$want_exit" ] || ! cmp -s "$tmp/want" "$tmp/err" || [ -s "$tmp/out" ]; then
		echo "FAIL $model (exit $got_exit, want $want_exit)"
		diff -u "$tmp/want" "$tmp/err" | head -20
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
echo "golden: tests/bad: $pass passed, $fail failed"

for t in tests/cli/*.sh; do
	[ -f "$t" ] || continue
	if sh "$t" "$BIN" >"$tmp/log" 2>&1; then
		echo "golden: $t: ok"
	else
		echo "FAIL $t"
		tail -n 30 "$tmp/log"
		fail=$((fail + 1))
	fi
done

for ex in examples/*.yaml; do
	if ! "$BIN" validate "$ex" >"$tmp/out" 2>"$tmp/err"; then
		echo "FAIL $ex does not validate"
		cat "$tmp/err"
		fail=$((fail + 1))
	elif grep -q 'warning:' "$tmp/err"; then
		echo "FAIL $ex validates with warnings"
		cat "$tmp/err"
		fail=$((fail + 1))
	fi
done

if [ "$fail" -ne 0 ]; then
	echo "golden: $fail failure(s)"
	exit 1
fi
echo "golden: all passed"
