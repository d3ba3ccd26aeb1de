#!/bin/sh
# tests/slow/xml-large.sh BIN — the submission.xml of a large model reads
# back (issue 15): tools/gen-model.py's model of 25,000 threats gives an XML
# over the 64 MiB cap of a YAML file; the XML cap (1 GiB,
# pm_load_options.max_xml_file_size) covers it, `validate` reads it and its
# register equals the YAML's.  (The 100,000 threats of `make bench`'s
# largest model give 362 MB.)  Part of `make slow`.
set -u
BIN=${1:?usage: xml-large.sh path/to/premarket}
export LC_ALL=C
# Under AddressSanitizer the build of this model takes over 15 minutes of
# CPU on a busy 2-core machine: the size is the point, and the plain build
# of make slow runs it; the sanitizers see the XML reader and writer in
# make check (test_xml, tests/cli/xml.sh, xml-sbom.sh, fuzz/load_xml).
if grep -qa __asan_init "$BIN" 2>/dev/null; then
	echo "xml-large.sh: skipped under AddressSanitizer (the plain build of make slow runs it)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "xml-large.sh: FAIL: $*"; fail=1; }
/usr/bin/python3 tools/gen-model.py 2500 25000 >"$tmp/m.yaml"
s=$(date +%s)
"$BIN" build --format xml -o "$tmp/out" "$tmp/m.yaml" >/dev/null 2>"$tmp/err" || { no "build --format xml failed"; tail -3 "$tmp/err"; exit 1; }
e=$(date +%s)
bytes=$(wc -c <"$tmp/out/submission.xml")
echo "xml-large.sh: submission.xml of 25,000 threats: $((bytes / 1048576)) MiB (built in $((e - s)) s)"
[ "$bytes" -gt $((64 * 1048576)) ] || no "the XML ($bytes bytes) is not over 64 MiB: the test no longer tests the cap"
"$BIN" validate -q "$tmp/out/submission.xml" 2>"$tmp/err" || { no "validate on the large XML failed"; head -3 "$tmp/err"; }
"$BIN" score --format csv "$tmp/m.yaml" >"$tmp/a.csv" 2>/dev/null
"$BIN" score --format csv "$tmp/out/submission.xml" >"$tmp/b.csv" 2>/dev/null
[ -s "$tmp/a.csv" ] && cmp -s "$tmp/a.csv" "$tmp/b.csv" || no "the register of the XML differs from the YAML's"
[ "$fail" -eq 0 ] && echo "xml-large.sh: ok"
exit "$fail"
