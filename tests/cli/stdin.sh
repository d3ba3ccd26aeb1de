#!/bin/sh
# stdin.sh BIN — a model from standard input ("-") or a pipe (/dev/stdin, a
# shell's process substitution): it loads like the file, diagnostics name
# it "<stdin>" (a pipe by its path), relative include: paths are the working
# directory's, the PDF's document control hashes the bytes read, the size cap
# still applies, and "-" twice is a usage error.
set -u
BIN=${1:?usage: stdin.sh path/to/premarket}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "stdin.sh: FAIL: $*"; fail=1; }
MIN=examples/minimal.yaml

"$BIN" validate - <"$MIN" 2>"$tmp/err" && grep -q ': valid: 4 objects in 1 file' "$tmp/err" || { no "validate - <minimal.yaml"; cat "$tmp/err"; }
cat "$MIN" | "$BIN" validate /dev/stdin 2>"$tmp/err" || { no "validate /dev/stdin from a pipe"; cat "$tmp/err"; }
if [ -e /dev/fd/0 ] && command -v bash >/dev/null 2>&1; then
	bash -c '"$1" validate <(cat "$2")' sh "$BIN" "$MIN" 2>"$tmp/err" || { no "validate <(cat minimal.yaml)"; cat "$tmp/err"; }
fi
"$BIN" score --format csv "$MIN" >"$tmp/a.csv" && cat "$MIN" | "$BIN" score --format csv - >"$tmp/b.csv" &&
	cmp -s "$tmp/a.csv" "$tmp/b.csv" || no "score of - differs from the file's"

# diagnostics name <stdin>
printf 'device:\n  name: [\n' | "$BIN" validate - 2>"$tmp/err"
[ $? -eq 1 ] && grep -q '^<stdin>:[0-9]*:[0-9]*: error: ' "$tmp/err" || { no "a broken model on stdin: exit 1, located at <stdin>"; cat "$tmp/err"; }

# "-" twice
"$BIN" validate - - </dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "named twice" "$tmp/err" || { no "'-' twice: exit 2"; cat "$tmp/err"; }

# a relative include is the working directory's
mkdir -p "$tmp/w"
sed -n '/^threats:/,$p' "$MIN" >"$tmp/w/threats.yaml"
{ sed '/^threats:/,$d' "$MIN"; echo 'include: [threats.yaml]'; } >"$tmp/w/main.yaml"
(cd "$tmp/w" && "$BIN" validate - <main.yaml) 2>"$tmp/err" || { no "include: from stdin, relative to the working directory"; cat "$tmp/err"; }

# the document control hashes the bytes read
"$BIN" build - -o "$tmp/out" --format pdf <"$MIN" 2>"$tmp/err" || { no "build - --format pdf"; cat "$tmp/err"; }
if command -v pdftotext >/dev/null 2>&1 && command -v sha256sum >/dev/null 2>&1; then
	h=$(sha256sum "$MIN" | cut -d' ' -f1)
	pdftotext "$tmp/out/cybersecurity-submission.pdf" - | tr -d ' \n' | grep -q "$h" || no "the PDF does not list the SHA-256 of the model read from stdin"
	pdftotext "$tmp/out/cybersecurity-submission.pdf" - | grep -q '<stdin>' || no "the PDF does not name <stdin>"
fi

# the size cap applies
head -c 70000000 /dev/zero | tr '\0' '#' | "$BIN" validate - 2>"$tmp/err"
[ $? -eq 2 ] && grep -q 'larger than the limit' "$tmp/err" || { no "70 MB on stdin: exit 2, over the limit"; cat "$tmp/err"; }
[ $fail -eq 0 ] && echo "stdin.sh: ok"
exit $fail
