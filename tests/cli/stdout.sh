#!/bin/sh
# stdout.sh BIN — a write to standard output that fails is exit status 3
# with a message on stderr, for every command, --help and --version
# included (issue 15): stdout is /dev/full, where every write fails with
# ENOSPC at the flush.  A command that writes nothing to stdout (validate)
# keeps its status.  Skipped without /dev/full.
set -u
BIN=${1:?usage: stdout.sh path/to/premarket}
export LC_ALL=C
if ! [ -c /dev/full ] || printf x 2>/dev/null >/dev/full; then
	echo "stdout.sh: skipped: no /dev/full that fails writes"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
M=examples/minimal.yaml
full() { # description command...: stdout to /dev/full must give exit 3 and a message
	what=$1
	shift
	"$@" >/dev/full 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne 3 ]; then
		echo "stdout.sh: FAIL: $what >/dev/full: exit $rc, want 3"
		fail=1
	elif ! grep -q "standard output" "$tmp/err"; then
		echo "stdout.sh: FAIL: $what >/dev/full: no message"
		cat "$tmp/err"
		fail=1
	elif [ "$(grep -c 'standard output' "$tmp/err")" -ne 1 ]; then
		echo "stdout.sh: FAIL: $what >/dev/full: the message is repeated"
		cat "$tmp/err"
		fail=1
	fi
}
full "--help" "$BIN" --help
full "-h" "$BIN" -h
full "--version" "$BIN" --version
for cmd in build check cvss data diagram explain init schema sbom score threats validate; do
	full "$cmd --help" "$BIN" "$cmd" --help
done
full "score" "$BIN" score "$M"
full "score --format csv" "$BIN" score --format csv "$M"
full "check" "$BIN" check "$M"
full "check --format sarif" "$BIN" check --format sarif "$M"
full "data" "$BIN" data "$M"
full "diagram" "$BIN" diagram "$M"
full "explain" "$BIN" explain "$M" T-TAMPER
full "schema" "$BIN" schema
full "schema --format xsd" "$BIN" schema --format xsd
full "cvss" "$BIN" cvss CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H
full "threats" "$BIN" threats "$M"
full "sbom" "$BIN" sbom tests/data/sbom/fields.cdx.json

# validate writes its summary to stderr: nothing is lost, the status stays
"$BIN" validate "$M" >/dev/full 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] || { echo "stdout.sh: FAIL: validate >/dev/full: exit $rc, want 0"; cat "$tmp/err"; fail=1; }
# the same commands to a working stdout exit 0
"$BIN" --help >/dev/null 2>&1 || { echo "stdout.sh: FAIL: --help >/dev/null"; fail=1; }
"$BIN" score "$M" >/dev/null 2>&1 || { echo "stdout.sh: FAIL: score >/dev/null"; fail=1; }
[ "$fail" -eq 0 ] && echo "stdout.sh: ok"
exit "$fail"
