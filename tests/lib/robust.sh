# tests/lib/robust.sh — what the robustness scripts share: tests/cli/robust.sh
# (hostile shapes), tests/cli/mutations.sh (truncations and corruptions of
# examples/minimal.yaml) and tests/slow/robust-many.sh (tens of thousands of
# objects).  Sourced, not run: the script sets ME (its name for messages) and
# passes its arguments on, then calls try and section, and ends with robust_end.
#
# Each run must
#   - finish by itself: it is killed after 30 s times PM_TIMEOUT_SCALE
#     (default 1; make asan sets 4), which only stops a hang, and counts as a
#     failure;
#   - exit 1 or 2 for a broken input (0 only where the input is still a valid
#     model), never 3 or more, never die from a signal, never print a
#     sanitizer report, never write to stdout;
#   - print at least one located error (file:line:col: error: ...) when it
#     does not exit 0.
# How long each section and the slowest run took is printed, for reading: no
# run fails for being slow (make bench measures speed).
# Set PREMARKET_ROBUST_KEEP=DIR to keep the inputs of failed runs in DIR.
BIN=${1:?usage: sh $0 path/to/premarket}
case $BIN in
/*) ;;
*) BIN=$(pwd)/$BIN ;;
esac
[ -x "$BIN" ] || { echo "$ME: $BIN is not an executable" >&2; exit 1; }
[ -f examples/minimal.yaml ] || { echo "$ME: run me from the repository root" >&2; exit 1; }
export LC_ALL=C
KILL_S=$((30 * ${PM_TIMEOUT_SCALE:-1}))
KEEP=${PREMARKET_ROBUST_KEEP:-}
MINIMAL=$(pwd)/examples/minimal.yaml
LOCATED='^[^ ].*:[0-9]+:[0-9]+: error: '
SANITIZER='(ERROR: [A-Za-z]*Sanitizer|SUMMARY: [A-Za-z]*Sanitizer|runtime error: )'

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
start=$(date +%s)

runs=0
failures=0
slowest=0
slowest_what=
have_python=0
command -v python3 >/dev/null 2>&1 && have_python=1

# try WHAT FILE EXPECT — validate FILE and check the run.  EXPECT is
#   broken  the input is not a valid model: exit 1 or 2 with a located error
#   valid   the input is still a valid model: exit 0
#   any     either; exit 0 must come with no error, exit 1 with a located error
try() {
	what=$1
	file=$2
	expect=$3
	t0=$(date +%s%N)
	timeout "$KILL_S" "$BIN" validate "$file" </dev/null >"$tmp/out" 2>"$tmp/err"
	rc=$?
	t1=$(date +%s%N)
	ms=$(((t1 - t0) / 1000000))
	runs=$((runs + 1))
	if [ "$ms" -gt "$slowest" ]; then
		slowest=$ms
		slowest_what=$what
	fi
	problem=
	if [ "$rc" -eq 124 ]; then
		problem="did not finish within $KILL_S s (killed: a hang?)"
	elif [ "$rc" -ge 128 ]; then
		problem="killed by signal $((rc - 128))"
	elif grep -Eq "$SANITIZER" "$tmp/err"; then
		problem="sanitizer report"
	elif [ "$rc" -ge 3 ]; then
		problem="exit status $rc"
	elif [ -s "$tmp/out" ]; then
		problem="wrote to stdout"
	fi
	if [ -z "$problem" ]; then
		case $expect in
		broken)
			if [ "$rc" -eq 0 ]; then
				problem="exit 0 for a broken model"
			elif ! grep -Eq "$LOCATED" "$tmp/err"; then
				problem="exit $rc without a located error line"
			fi
			;;
		valid)
			[ "$rc" -eq 0 ] || problem="exit $rc for a valid model"
			;;
		any)
			if [ "$rc" -eq 2 ]; then
				problem="exit 2 (unreadable input) for a readable file"
			elif [ "$rc" -eq 1 ] && ! grep -Eq "$LOCATED" "$tmp/err"; then
				problem="exit 1 without a located error line"
			elif [ "$rc" -eq 0 ] && grep -q ': error: ' "$tmp/err"; then
				problem="exit 0 but an error was printed"
			fi
			;;
		esac
	fi
	[ -z "$problem" ] && return 0
	failures=$((failures + 1))
	echo "FAIL: $what: $problem (exit $rc, $ms ms)"
	head -n 4 "$tmp/err" | cut -c 1-200 | sed 's/^/    /'
	if [ -n "$KEEP" ]; then
		mkdir -p "$KEEP"
		cp "$file" "$KEEP/$(echo "$what" | tr -c 'A-Za-z0-9._-' '_').yaml" 2>/dev/null
	fi
	return 1
}

# section NAME — start a group of runs; prints how long the previous one took.
section_name=
section_start=0
section() {
	now=$(date +%s%N)
	if [ -n "$section_name" ]; then
		echo "$ME: $section_name: $(((now - section_start) / 1000000)) ms"
	fi
	section_name=$1
	section_start=$now
}

# robust_end — the summary; exits 1 if a run failed.
robust_end() {
	section ""
	end=$(date +%s)
	echo "$ME: $runs runs in $((end - start)) s; slowest $slowest ms ($slowest_what)"
	if [ "$failures" -ne 0 ]; then
		echo "$ME: $failures failure(s)"
		exit 1
	fi
	echo "$ME: all runs passed"
	exit 0
}

# The device section of a valid model, for inputs that need one.
DEVICE='device:
  name: Robust Thermometer
  version: "1.0"
  manufacturer:
    name: Example Devices Inc.
  submission_type: 510k
  intended_use: Measures body temperature.
  use_environment: Home use.
  cyber_device:
    software: true
    internet_connectable: false
    vulnerable_characteristics: true
    rationale: Has firmware but no means of connecting to the internet.'
