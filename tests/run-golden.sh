#!/bin/sh
# run-golden.sh BIN [PART...] — golden and CLI tests (run from the repository root).
#
# PART is one of the following; without a PART, all of them, in this order:
#   bad        tests/bad/NAME.yaml: a broken model.  `premarket validate
#              tests/bad/NAME.yaml` must print exactly tests/bad/NAME.expect after
#              its first line, which is "exit N" (the expected exit code).  Stderr
#              is compared, stdout must be empty.  Regenerate an expectation with:
#              tools/bless-bad.sh NAME (then review it!).
#   SCRIPT     a test script, e.g. tests/cli/build.sh: run as `sh SCRIPT BIN`, it
#              must exit 0 (all of tests/cli/*.sh when no PART is given).
#   examples   every examples/*.yaml validates with exit 0 and no warnings.
# `make check` runs each part as its own make target (see the Makefile).
#
# Each validate run is killed after 30 s times PM_TIMEOUT_SCALE (default 1):
# that stops a hang, it does not measure speed.
set -u
BIN=${1:?usage: run-golden.sh path/to/premarket [bad|examples|tests/cli/X.sh]...}
shift
[ $# -gt 0 ] || set -- bad tests/cli/*.sh examples
export LC_ALL=C
unset PREMARKET_DATADIR
LIMIT=$((30 * ${PM_TIMEOUT_SCALE:-1}))
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

bad() {
	pass=0
	nfail=0
	for model in tests/bad/*.yaml; do
		name=${model%.yaml}
		exp=$name.expect
		if [ ! -f "$exp" ]; then
			echo "FAIL $model: no $exp"
			nfail=$((nfail + 1))
			continue
		fi
		want_exit=$(head -n 1 "$exp" | sed -n 's/^exit \([0-9]*\)$/\1/p')
		tail -n +2 "$exp" >"$tmp/want"
		timeout "$LIMIT" "$BIN" validate "$model" >"$tmp/out" 2>"$tmp/err"
		got_exit=$?
		if [ "$got_exit" != "$want_exit" ] || ! cmp -s "$tmp/want" "$tmp/err" || [ -s "$tmp/out" ]; then
			echo "FAIL $model (exit $got_exit, want $want_exit)"
			[ "$got_exit" = 124 ] && echo "  (killed after $LIMIT s: a hang?)"
			diff -u "$tmp/want" "$tmp/err" | head -20
			nfail=$((nfail + 1))
		else
			pass=$((pass + 1))
		fi
	done
	echo "golden: tests/bad: $pass passed, $nfail failed"
	fail=$((fail + nfail))
}

script() {
	if sh "$1" "$BIN" >"$tmp/log" 2>&1; then
		echo "golden: $1: ok"
	else
		echo "FAIL $1"
		tail -n 30 "$tmp/log"
		fail=$((fail + 1))
	fi
}

examples() {
	n=0
	for ex in examples/*.yaml; do
		n=$((n + 1))
		if ! timeout "$LIMIT" "$BIN" validate "$ex" >"$tmp/out" 2>"$tmp/err"; then
			echo "FAIL $ex does not validate"
			cat "$tmp/err"
			fail=$((fail + 1))
		elif grep -q 'warning:' "$tmp/err"; then
			echo "FAIL $ex validates with warnings"
			cat "$tmp/err"
			fail=$((fail + 1))
		fi
	done
	echo "golden: examples: $n models checked"
}

for part in "$@"; do
	case $part in
	bad) bad ;;
	examples) examples ;;
	*.sh)
		if [ -f "$part" ]; then
			script "$part"
		else
			echo "FAIL $part: no such test script"
			fail=$((fail + 1))
		fi
		;;
	*)
		echo "run-golden.sh: unknown part '$part' (bad, examples or a tests/.../X.sh script)" >&2
		exit 2
		;;
	esac
done

if [ "$fail" -ne 0 ]; then
	echo "golden: $fail failure(s)"
	exit 1
fi
echo "golden: all passed"
