#!/bin/sh
# run-test.sh LOGDIR NAME COMMAND... — run one test for the Makefile (make check,
# make slow; many of these run side by side under make -j).
#
# The command's output goes to LOGDIR/NAME.log, which is kept.  One line is
# printed when it ends:
#   ok    NAME  (LOGDIR, 12 s)
#   FAIL  NAME  (LOGDIR, exit N, log LOGDIR/NAME.log)
# and, for a failure, the log's lines that say FAIL and its last 30 lines.  A
# failure also leaves LOGDIR/NAME.failed, which the Makefile lists at the end.
# The exit status is the command's.
#
# The command is killed after PM_TEST_TIMEOUT seconds (default 600) times
# PM_TIMEOUT_SCALE (default 1; make asan sets 4).  The limit is there to stop
# a hang, not to measure speed: the seconds printed are for reading only.
#
# run-test.sh --summary WHAT STATUS LOGDIR... — after make (STATUS is its exit
# status): name every test that failed, or say that all passed; exits 1 if
# a test failed or make did not succeed.
set -u
if [ "${1:-}" = --summary ]; then
	what=$2
	rc=$3
	shift 3
	bad=0
	counts=
	for d in "$@"; do
		[ -d "$d" ] || continue
		n=$(find "$d" -name '*.log' | wc -l | tr -d ' ')
		counts="$counts${counts:+, }$n in ${d%/*}"
		for f in $(find "$d" -name '*.failed' | sort); do
			[ "$bad" -eq 0 ] && echo "$what: FAILED:"
			bad=$((bad + 1))
			name=${f#"$d"/}
			echo "  ${name%.failed} (${d%/*}): $(cat "$f"); log ${f%.failed}.log"
		done
	done
	if [ "$bad" -ne 0 ]; then
		exit 1
	elif [ "$rc" -ne 0 ]; then
		echo "$what: FAILED: make stopped (exit $rc) before every test ran: see the errors above"
		exit 1
	fi
	echo "$what: all tests passed (${counts:-none})"
	exit 0
fi
dir=${1:?usage: run-test.sh LOGDIR NAME COMMAND...}
name=${2:?usage: run-test.sh LOGDIR NAME COMMAND...}
shift 2
scale=${PM_TIMEOUT_SCALE:-1}
case $scale in
'' | *[!0-9]* | 0) echo "run-test.sh: PM_TIMEOUT_SCALE must be a positive integer, not '$scale'" >&2; exit 2 ;;
esac
limit=$((${PM_TEST_TIMEOUT:-600} * scale))
log=$dir/$name.log
mkdir -p "$(dirname "$log")"
rm -f "$dir/$name.failed"
start=$(date +%s)
timeout "$limit" "$@" >"$log" 2>&1 </dev/null
rc=$?
secs=$(($(date +%s) - start))
if [ "$rc" -eq 0 ]; then
	echo "ok    $name  ($dir, $secs s)"
	exit 0
fi
why="exit $rc"
[ "$rc" -eq 124 ] && why="killed after $limit s (PM_TEST_TIMEOUT x PM_TIMEOUT_SCALE): a hang?"
echo "$why" >"$dir/$name.failed"
{
	echo "FAIL  $name  ($dir, $why, log $log)"
	if grep -q 'FAIL' "$log"; then
		echo "  -- lines that say FAIL:"
		grep 'FAIL' "$log" | head -n 40 | sed 's/^/  /'
	fi
	echo "  -- last 30 lines:"
	tail -n 30 "$log" | sed 's/^/  /'
}
exit "$rc"
