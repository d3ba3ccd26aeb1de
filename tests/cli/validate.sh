#!/bin/sh
# tests/cli/validate.sh BIN — command-line tests of `premarket` and
# `premarket validate`: help and version output, usage errors, unreadable
# inputs, models split over several files, includes, and the -q/-W/--max-errors
# options.  Run from the repository root:  sh tests/cli/validate.sh build/premarket
#
# Exit codes under test (premarket --help): 0 ok, 1 the model has problems,
# 2 usage error or an input file that cannot be read.
# Prints one FAIL line per failed check and exits 1 if any check failed.
set -u
BIN=${1:?usage: sh tests/cli/validate.sh path/to/premarket}
case $BIN in
/*) ;;
*) BIN=$(pwd)/$BIN ;;
esac
[ -x "$BIN" ] || { echo "validate.sh: $BIN is not an executable" >&2; exit 1; }
[ -f examples/minimal.yaml ] || { echo "validate.sh: run me from the repository root" >&2; exit 1; }
export LC_ALL=C
unset PREMARKET_DATADIR
ROOT=$(pwd)
LIMIT=$((30 * ${PM_TIMEOUT_SCALE:-1}))

tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

checks=0
failures=0
rc=0
what=

# run DESCRIPTION ARG... — run premarket with ARGs; stdout goes to $tmp/out,
# stderr to $tmp/err, the exit status to $rc.  A run that is killed as a hang
# (after $LIMIT s: 30 s times PM_TIMEOUT_SCALE), dies from a signal or prints
# a sanitizer report fails at once.
run() {
	what=$1
	shift
	timeout "$LIMIT" "$BIN" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
	rc=$?
	sane
}

# sane — the last run finished by itself and printed no sanitizer report.
sane() {
	checks=$((checks + 1))
	if [ "$rc" -eq 124 ]; then
		fail "did not finish within $LIMIT s (killed: a hang?)"
	elif [ "$rc" -gt 128 ]; then
		fail "killed by signal $((rc - 128))"
	elif grep -Eq '(ERROR: [A-Za-z]*Sanitizer|SUMMARY: [A-Za-z]*Sanitizer|runtime error: )' "$tmp/err"; then
		fail "sanitizer report"
	fi
}

fail() {
	failures=$((failures + 1))
	echo "FAIL: $what: $*"
	echo "  exit status: $rc"
	if [ -s "$tmp/out" ]; then
		echo "  stdout:"
		head -n 8 "$tmp/out" | sed 's/^/    /'
	fi
	if [ -s "$tmp/err" ]; then
		echo "  stderr:"
		head -n 8 "$tmp/err" | sed 's/^/    /'
	fi
}

# exit_is N — the last run exited with status N.
exit_is() {
	checks=$((checks + 1))
	[ "$rc" = "$1" ] || fail "exit status $rc, want $1"
}

# empty out|err — the stream of the last run is empty.
empty() {
	checks=$((checks + 1))
	[ ! -s "$tmp/$1" ] || fail "std$1 should be empty"
}

# has out|err REGEX — some line of the stream matches the extended regex.
has() {
	checks=$((checks + 1))
	grep -Eq -- "$2" "$tmp/$1" || fail "std$1 has no line matching /$2/"
}

# hasnt out|err REGEX — no line of the stream matches the extended regex.
hasnt() {
	checks=$((checks + 1))
	! grep -Eq -- "$2" "$tmp/$1" || fail "std$1 has a line matching /$2/"
}

# lines out|err N — the stream has exactly N lines.
lines() {
	checks=$((checks + 1))
	n=$(wc -l <"$tmp/$1" | tr -d ' ')
	[ "$n" = "$2" ] || fail "std$1 has $n lines, want $2"
}

# ---- help and version --------------------------------------------------------------

for opt in --help -h help; do
	run "premarket $opt" "$opt"
	exit_is 0
	has out '^Usage: premarket COMMAND'
	has out '^  validate '
	has out '^Exit status:'
	empty err
done

for opt in --help -h; do
	run "premarket validate $opt" validate "$opt"
	exit_is 0
	has out '^Usage: premarket validate \[OPTIONS\] MODEL\.\.\.'
	has out -- '--max-errors'
	has out -- '--no-warnings'
	has out -- '--quiet'
	empty err
done

for opt in --version -V; do
	run "premarket $opt" "$opt"
	exit_is 0
	has out '^premarket [0-9]+\.[0-9]+\.[0-9]+'
	lines out 1
	empty err
done

# ---- usage errors: exit 2, one message line plus a pointer to --help on stderr ------

run "premarket (no arguments)"
exit_is 2
empty out
has err '^premarket: error: '
has err "Try 'premarket --help'"
lines err 2

run "premarket frobnicate (unknown command)" frobnicate
exit_is 2
empty out
has err "^premarket: error: .*frobnicate"
has err "Try 'premarket --help'"
lines err 2

run "premarket --bogus (unknown option)" --bogus
exit_is 2
empty out
has err "^premarket: error: .*--bogus"
lines err 2

run "premarket validate --bogus (unknown option)" validate --bogus examples/minimal.yaml
exit_is 2
empty out
has err "^premarket: error: .*--bogus"
has err "Try 'premarket validate --help'"
lines err 2

run "premarket validate (no model file)" validate
exit_is 2
empty out
has err '^premarket: error: '
has err "Try 'premarket validate --help'"

for n in 0 -1 abc 5x 100001; do
	run "premarket validate --max-errors=$n" validate "--max-errors=$n" examples/minimal.yaml
	exit_is 2
	empty out
	has err -- '--max-errors'
done

# ---- unreadable input files: exit 2 ------------------------------------------------

run "validate a missing file" validate "$tmp/no-such-model.yaml"
exit_is 2
empty out
has err "cannot open .*no-such-model\.yaml"

run "validate a directory" validate examples
exit_is 2
empty out
has err 'examples.* is not a regular file'

run "validate /dev/null (not a regular file)" validate /dev/null
exit_is 2
empty out
has err 'not a regular file'

if command -v mkfifo >/dev/null 2>&1 && mkfifo "$tmp/fifo.yaml" 2>/dev/null; then
	# A FIFO named on the command line is a pipe the user chose: read, like
	# standard input (tests/cli/stdin.sh); one named by a model is refused
	# (tests/cli/inputs.sh).
	(cat examples/minimal.yaml >"$tmp/fifo.yaml" &)
	run "validate a FIFO with a writer" validate "$tmp/fifo.yaml"
	exit_is 0
fi

if [ "$(id -u)" != 0 ]; then
	cp examples/minimal.yaml "$tmp/unreadable.yaml"
	chmod 000 "$tmp/unreadable.yaml"
	run "validate an unreadable file" validate "$tmp/unreadable.yaml"
	exit_is 2
	empty out
	has err "cannot open .*unreadable\.yaml"
	chmod 644 "$tmp/unreadable.yaml"
else
	echo "validate.sh: skipping the unreadable-file check (running as root)"
fi

# A sparse file just over the 64 MiB limit: refused before it is read.
if truncate -s 65M "$tmp/huge.yaml" 2>/dev/null ||
	dd if=/dev/zero of="$tmp/huge.yaml" bs=1 count=1 seek=68157439 2>/dev/null; then
	run "validate a file over the size limit" validate "$tmp/huge.yaml"
	exit_is 2
	empty out
	has err 'huge\.yaml is larger than the limit'
	rm -f "$tmp/huge.yaml"
fi

# One unreadable file among good ones still gives exit 2.
run "validate a good file and a missing one" validate examples/minimal.yaml "$tmp/no-such-model.yaml"
exit_is 2
has err "cannot open .*no-such-model\.yaml"

# ---- a valid model: exit 0 and the summary line ------------------------------------

run "validate examples/minimal.yaml" validate examples/minimal.yaml
exit_is 0
empty out
has err '^[^:]+: valid: [0-9]+ objects in 1 file, 0 warnings$'
lines err 1

# A broken model: exit 1, located errors, the error summary.
run "validate a model with a YAML error" validate tests/bad/yaml-syntax-tab.yaml
exit_is 1
empty out
has err '^tests/bad/yaml-syntax-tab\.yaml:[0-9]+:[0-9]+: error: '
has err '^premarket: 1 error, 0 warnings$'

# ---- several files on the command line form one model ------------------------------

mkdir -p "$tmp/split"
cat >"$tmp/split/device.yaml" <<'EOF'
# The device part of a two-file model.
device:
  name: Split Thermometer
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
    rationale: Has firmware but no means of connecting to the internet.
EOF
cat >"$tmp/split/threats.yaml" <<'EOF'
# The threat-model part of a two-file model.
assets:
  - id: A-READING
    name: Temperature reading
    kind: data
    harm: {confidentiality: negligible, integrity: minor, availability: negligible}
threats:
  - id: T-TAMPER
    title: Reading altered through the service port
    stride: [tampering]
    targets: [C-THERMO]
    assets: [A-READING]
    cvss: CVSS:3.1/AV:P/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:N
zones:
  - id: Z-HOME
    name: Patient home
    trust: untrusted
components:
  - id: C-THERMO
    name: Thermometer
    kind: device
    zone: Z-HOME
EOF
run "validate device.yaml threats.yaml" validate "$tmp/split/device.yaml" "$tmp/split/threats.yaml"
exit_is 0
empty out
has err '^Split Thermometer: valid: 4 objects in 2 files, 0 warnings$'

run "validate threats.yaml device.yaml (order does not matter)" validate "$tmp/split/threats.yaml" "$tmp/split/device.yaml"
exit_is 0
has err '^Split Thermometer: valid: 4 objects in 2 files, 0 warnings$'

run "validate threats.yaml alone (no device)" validate "$tmp/split/threats.yaml"
exit_is 1
has err "threats\.yaml:1:1: error: the model has no 'device' section"

# An error in the second file is reported with that file's name.
sed 's/kind: data/kind: datum/' "$tmp/split/threats.yaml" >"$tmp/split/threats-bad.yaml"
run "validate device.yaml threats-bad.yaml" validate "$tmp/split/device.yaml" "$tmp/split/threats-bad.yaml"
exit_is 1
has err '/split/threats-bad\.yaml:[0-9]+:[0-9]+: error: invalid value "datum"'

# ---- includes are relative to the including file -----------------------------------

mkdir -p "$tmp/inc/parts/more" "$tmp/elsewhere"
{
	echo "include: [parts/threats.yaml]"
	cat "$tmp/split/device.yaml"
} >"$tmp/inc/main.yaml"
{
	echo "include: [more/zones.yaml]"
	sed -n '/^assets:/,/^zones:/p' "$tmp/split/threats.yaml" | sed '$d'
} >"$tmp/inc/parts/threats.yaml"
sed -n '/^zones:/,$p' "$tmp/split/threats.yaml" >"$tmp/inc/parts/more/zones.yaml"
(cd "$tmp/elsewhere" && timeout "$LIMIT" "$BIN" validate ../inc/main.yaml </dev/null >"$tmp/out" 2>"$tmp/err")
rc=$?
what="include chain main.yaml -> parts/threats.yaml -> more/zones.yaml, run from another folder"
sane
exit_is 0
empty out
has err '^Split Thermometer: valid: 4 objects in 3 files, 0 warnings$'

# The same chain given by absolute path.
run "include chain by absolute path" validate "$tmp/inc/main.yaml"
exit_is 0
has err '^Split Thermometer: valid: 4 objects in 3 files, 0 warnings$'

# An include that is not relative to the including file is not found.
mkdir -p "$tmp/inc2/parts"
{
	echo "include: [parts/threats.yaml]"
	cat "$tmp/split/device.yaml"
} >"$tmp/inc2/main.yaml"
{
	echo "include: [parts/zones.yaml]"
	sed -n '/^assets:/,/^zones:/p' "$tmp/split/threats.yaml" | sed '$d'
} >"$tmp/inc2/parts/threats.yaml"
sed -n '/^zones:/,$p' "$tmp/split/threats.yaml" >"$tmp/inc2/parts/zones.yaml"
run "include resolved against the includer's folder, not the first file's" validate "$tmp/inc2/main.yaml"
exit_is 2
has err 'inc2/parts/threats\.yaml:1:11: error: cannot open .*inc2/parts/parts/zones\.yaml'

# ---- the same file twice: a warning, loaded once, still exit 0 ---------------------

run "validate the same file twice" validate examples/minimal.yaml examples/minimal.yaml
exit_is 0
empty out
has err 'minimal\.yaml.*warning: .*twice'
has err ': valid: [0-9]+ objects in 1 file, 1 warning$'

run "validate the same file under two spellings" validate examples/minimal.yaml ./examples/../examples/minimal.yaml
exit_is 0
has err 'warning: .*twice'
has err ': valid: [0-9]+ objects in 1 file, 1 warning$'

# ---- --max-errors ------------------------------------------------------------------

for form in --max-errors=3 "--max-errors 3"; do
	# shellcheck disable=SC2086  # split "--max-errors 3" on purpose
	run "validate $form tests/bad/many-errors.yaml" validate $form tests/bad/many-errors.yaml
	exit_is 1
	empty out
	checks=$((checks + 1))
	n=$(grep -c ': error: ' "$tmp/err")
	[ "$n" = 3 ] || fail "$n error lines, want 3"
	has err '^premarket: note: 117 more errors not shown \(limit 3 errors\)$'
	has err '^premarket: 120 errors, 0 warnings$'
done

run "validate --max-errors=100000 tests/bad/many-errors.yaml" validate --max-errors=100000 tests/bad/many-errors.yaml
exit_is 1
checks=$((checks + 1))
n=$(grep -c ': error: ' "$tmp/err")
[ "$n" = 120 ] || fail "$n error lines, want 120"
hasnt err 'note: .*not shown'

# ---- --no-warnings -----------------------------------------------------------------

for opt in --no-warnings -W; do
	run "validate $opt tests/bad/warnings-only.yaml" validate "$opt" tests/bad/warnings-only.yaml
	exit_is 0
	empty out
	hasnt err 'warning:'
	has err ': valid: '
done

run "validate tests/bad/warnings-only.yaml (warnings shown by default)" validate tests/bad/warnings-only.yaml
exit_is 0
has err '^tests/bad/warnings-only\.yaml:[0-9]+:[0-9]+: warning: '

# Many warnings (more than the list keeps) and -W: nothing about hidden problems.
awk '{ print } /^zones:/ { for (i = 1; i <= 500; i++) printf "  - {id: Z-UNUSED-%d, name: Unused %d, trust: trusted}\n", i, i }' \
	"$tmp/split/device.yaml" "$tmp/split/threats.yaml" >"$tmp/many-warnings.yaml"
run "validate -W on a model with 500 warnings" validate -W "$tmp/many-warnings.yaml"
exit_is 0
hasnt err 'warning:'
hasnt err 'not shown'

# Without -W, the warnings that do not fit are counted as warnings, not errors.
run "validate on a model with 500 warnings" validate "$tmp/many-warnings.yaml"
exit_is 0
has err '^premarket: note: [0-9]+ more warnings? not shown'
hasnt err 'more (errors|problems) not shown'
has err ': valid: 504 objects in 1 file, 500 warnings$'

# -W keeps errors.
run "validate -W on a broken model" validate -W tests/bad/dangling-ref.yaml
exit_is 1
hasnt err 'warning:'
has err ': error: '

# ---- --quiet -----------------------------------------------------------------------

for opt in --quiet -q; do
	run "validate $opt examples/minimal.yaml" validate "$opt" examples/minimal.yaml
	exit_is 0
	empty out
	empty err

	run "validate $opt on a broken model" validate "$opt" tests/bad/unknown-key.yaml
	exit_is 1
	empty out
	has err '^tests/bad/unknown-key\.yaml:[0-9]+:[0-9]+: error: '
	hasnt err '^premarket: [0-9]+ errors?, '
done

run "validate -q -W on a model with warnings only" validate -q -W tests/bad/warnings-only.yaml
exit_is 0
empty err

# ---- summary -------------------------------------------------------------------------

if [ "$failures" -ne 0 ]; then
	echo "validate.sh: $failures of $checks checks failed"
	exit 1
fi
echo "validate.sh: all $checks checks passed"
