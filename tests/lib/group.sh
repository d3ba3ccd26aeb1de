# tests/lib/group.sh — which part of a tests/cli script this run covers.
# Sourced.  A script whose longer cases belong to `make slow` (Makefile:
# CLI_SPLIT) wraps each part in `if in_group check` or `if in_group slow`:
#   PM_TEST_GROUP unset or "check"  the part make check runs
#   PM_TEST_GROUP=slow              the part make slow runs (plain build)
#   PM_TEST_GROUP=all               both (make asan-slow, or by hand)
# So every case runs in make check or make slow, in both builds.
in_group() {
	case ${PM_TEST_GROUP:-check} in
	all | "$1") return 0 ;;
	check | slow) return 1 ;;
	*)
		echo "PM_TEST_GROUP must be check, slow or all, not '$PM_TEST_GROUP'" >&2
		exit 2
		;;
	esac
}
