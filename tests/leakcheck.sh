#!/bin/sh
# leakcheck.sh BIN TEST... — run the unit tests (both groups: the one make
# check runs and, where there is one, the PM_TEST_GROUP=slow group of make
# slow) and the CLI over every example and every broken model under
# valgrind; any leak or memory error fails.
set -u
BIN=$1
shift
# valgrind is some 20 times slower: the tests' time limits (which only stop
# runaways) grow with it
export PM_TIMEOUT_SCALE=${PM_TIMEOUT_SCALE:-20}
VG="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible"
fail=0
runs=0
for t in "$@"; do
	PREMARKET_DATADIR=$(pwd) $VG "$t" >/dev/null 2>/tmp/pm-leak.$$ 
	rc=$?
	runs=$((runs + 1))
	if [ $rc -eq 99 ]; then echo "leakcheck: FAIL $t"; cat /tmp/pm-leak.$$; fail=1; fi
	if grep -q 'pm_test_slow_group()' "tests/unit/$(basename "$t").c" 2>/dev/null; then
		PM_TEST_GROUP=slow PREMARKET_DATADIR=$(pwd) $VG "$t" >/dev/null 2>/tmp/pm-leak.$$
		rc=$?
		runs=$((runs + 1))
		if [ $rc -eq 99 ]; then echo "leakcheck: FAIL PM_TEST_GROUP=slow $t"; cat /tmp/pm-leak.$$; fail=1; fi
	fi
done
for f in examples/*.yaml tests/bad/*.yaml; do
	$VG "$BIN" validate "$f" >/dev/null 2>/tmp/pm-leak.$$
	rc=$?
	runs=$((runs + 1))
	if [ $rc -eq 99 ]; then echo "leakcheck: FAIL validate $f"; cat /tmp/pm-leak.$$; fail=1; fi
done
for f in examples/lab-analyzer.yaml examples/insulin-pump.yaml; do
	for args in "score --format json" "build --format md,html,pdf,xml -o /tmp/pm-leak-out.$$" "data" "check --format sarif"; do
		$VG "$BIN" $args "$f" >/dev/null 2>/tmp/pm-leak.$$
		[ $? -eq 99 ] && { echo "leakcheck: FAIL $args $f"; cat /tmp/pm-leak.$$; fail=1; }
		runs=$((runs + 1))
	done
	$VG "$BIN" validate /tmp/pm-leak-out.$$/submission.xml >/dev/null 2>/tmp/pm-leak.$$
	[ $? -eq 99 ] && { echo "leakcheck: FAIL validate submission.xml of $f"; cat /tmp/pm-leak.$$; fail=1; }
	runs=$((runs + 1))
	rm -rf /tmp/pm-leak-out.$$
done
$VG "$BIN" explain examples/lab-analyzer.yaml T-01 >/dev/null 2>/tmp/pm-leak.$$
[ $? -eq 99 ] && { echo "leakcheck: FAIL explain"; cat /tmp/pm-leak.$$; fail=1; }
runs=$((runs + 1))
for v in CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N bogus; do
	$VG "$BIN" cvss "$v" >/dev/null 2>/tmp/pm-leak.$$
	[ $? -eq 99 ] && { echo "leakcheck: FAIL cvss $v"; cat /tmp/pm-leak.$$; fail=1; }
	runs=$((runs + 1))
done
rm -f /tmp/pm-leak.$$
[ $fail -eq 0 ] && echo "leakcheck: $runs runs under valgrind, no leaks or memory errors"
exit $fail
