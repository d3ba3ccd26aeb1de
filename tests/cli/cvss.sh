#!/bin/sh
# tests/cli/cvss.sh — golden tests of 'premarket cvss': output, error text,
# exit codes.  Usage: sh tests/cli/cvss.sh path/to/premarket
# Exits non-zero on the first failure group, printing what differed.
set -u
LC_ALL=C
export LC_ALL

bin=${1:?usage: sh tests/cli/cvss.sh path/to/premarket}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
root=$(cd "$(dirname "$0")/../.." && pwd)
data=$root/tests/data/cvss
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cvss-test.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0

fail() {
	echo "FAIL: $1" >&2
	fails=$((fails + 1))
}

# expect NAME WANT_RC: compare $tmp/out, $tmp/err, $rc with $tmp/want.out,
# $tmp/want.err (each optional) and WANT_RC.
expect() {
	if [ "$rc" != "$2" ]; then
		fail "$1: exit status $rc, expected $2"
		sed 's/^/  stderr: /' "$tmp/err" >&2
	fi
	for s in out err; do
		if [ -f "$tmp/want.$s" ]; then
			if ! cmp -s "$tmp/want.$s" "$tmp/$s"; then
				fail "$1: std$s differs (- expected, + got)"
				diff -u "$tmp/want.$s" "$tmp/$s" | sed -n '3,40p' >&2
			fi
			rm -f "$tmp/want.$s"
		fi
	done
}

run() {
	"$bin" cvss "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

run_in() {
	input=$1
	shift
	"$bin" cvss "$@" <"$input" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# --- golden data: every vector, scored exactly as the independent oracle --
for f in v31_base v31 v40; do
	grep -v '^#' "$data/$f.tsv" >"$tmp/want.out"
	cut -f1 "$tmp/want.out" >"$tmp/in"
	: >"$tmp/want.err"
	run_in "$tmp/in" --tsv
	expect "golden $f.tsv" 0
done

# --- arguments instead of stdin; both versions; empty v3.1 columns --------
cat >"$tmp/want.out" <<'EOF'
CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H	9.8	CRITICAL		
CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X	9.8	CRITICAL		
CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U	9.8	CRITICAL	9.0	9.0
CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N	0.0	NONE		
CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H	10.0	CRITICAL
CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H	8.6	HIGH
CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N	0.0	NONE
EOF
: >"$tmp/want.err"
run --tsv CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H \
	CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X \
	CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U \
	CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N \
	CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H \
	CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H \
	CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N
expect "arguments --tsv" 0

# --- stdin: blank lines skipped, CR stripped, bad lines reported, go on ----
{
	printf 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\r\n'
	printf '\n\r\n'
	printf 'CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n'
	printf 'CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\n'
	printf 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H\n'
	printf 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n'
	printf 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H \n'
	awk 'BEGIN { s = "CVSS:3.1/"; for (i = 0; i < 1100; i++) s = s "A"; print s }'
	printf 'CVSS:3.1/AV:\001/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n'
	printf 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U'
} >"$tmp/in"
cat >"$tmp/want.out" <<'EOF'
CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H	9.8	CRITICAL		
CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U	8.1	HIGH
EOF
cat >"$tmp/want.err" <<'EOF'
premarket: error: CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H: invalid value "Q" for metric AV (allowed: N, A, L, P)
premarket: error: CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N: metric AV must come before AC (CVSS v4.0 requires the specification's order)
premarket: error: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H: missing mandatory metric A
premarket: error: CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H: unsupported CVSS version "3.0" (expected prefix "CVSS:3.1/" or "CVSS:4.0/")
premarket: error: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H : trailing characters after vector
premarket: error: line 9: line longer than 1024 bytes
premarket: error: CVSS:3.1/AV:\x01/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H: invalid value "\x01" for metric AV (allowed: N, A, L, P)
EOF
run_in "$tmp/in" --tsv
expect "stdin with errors" 1

# --- an empty input is not an error ---------------------------------------
: >"$tmp/in"
: >"$tmp/want.out"
: >"$tmp/want.err"
run_in "$tmp/in" --tsv
expect "empty stdin" 0

# --- readable output ---------------------------------------------------------
cat >"$tmp/want.out" <<'EOF'
CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/CR:L
  version        CVSS v3.1
  base            9.8 CRITICAL  impact 5.9, exploitability 3.9, scope unchanged
  temporal        9.0 CRITICAL  E 0.91 x RL 1.00 x RC 1.00
  environmental   8.7 HIGH      modified impact 5.5, modified exploitability 3.9, scope unchanged
CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U/IR:X
  canonical      CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U
  version        CVSS v4.0
  score           8.1 HIGH      (CVSS-BT)
  base            9.3 CRITICAL  (CVSS-B)
  macrovector    000220  (lookup 8.1, mean decrease 0.0000 over 3)
EOF
: >"$tmp/want.err"
run CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/CR:L \
	CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U/IR:X
expect "readable output" 0

# --- help and usage errors ------------------------------------------------
run --help
expect "--help" 0
grep -q '^Usage: premarket cvss' "$tmp/out" || fail "--help: no usage line on stdout"
[ -s "$tmp/err" ] && fail "--help: wrote to stderr"

printf "premarket: error: unknown option '--bogus'\nTry 'premarket cvss --help' for more information.\n" >"$tmp/want.err"
: >"$tmp/want.out"
run --bogus CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H
expect "unknown long option" 2

printf "premarket: error: unknown option '-x'\nTry 'premarket cvss --help' for more information.\n" >"$tmp/want.err"
: >"$tmp/want.out"
run -x
expect "unknown short option" 2

# --- a full stdout is reported with exit 3 -----------------------------------
if [ -w /dev/full ]; then
	"$bin" cvss --tsv CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H >/dev/full 2>"$tmp/err"
	rc=$?
	[ "$rc" = 3 ] || fail "stdout on /dev/full: exit status $rc, expected 3"
fi

if [ "$fails" -ne 0 ]; then
	echo "cvss.sh: $fails failure(s)" >&2
	exit 1
fi
echo "cvss.sh: ok"
