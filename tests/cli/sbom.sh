#!/bin/sh
# sbom.sh BIN — `premarket sbom`: the counts it reports for every shared sample
# (../shared/samples/sbom/README.md), its text/tsv/json output for the
# hand-written files of tests/data/sbom/, --vulns on the VEX sample (the
# malformed vector is a located warning), exit codes for malformed,
# unreadable and misused input.  A generated 2 MB CycloneDX file with 1,500
# components is listed by tests/slow/sbom-large.sh, in `make slow`.
set -u
BIN=${1:?usage: sbom.sh path/to/premarket}
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
D=tests/data/sbom

# The command is wired into main.c by the integration; until then, skip.
"$BIN" sbom --help >"$tmp/help" 2>"$tmp/err"
if [ $? -ne 0 ] && grep -q "unknown command" "$tmp/err"; then
	echo "sbom.sh: '$BIN' has no sbom command yet, skipping"
	exit 0
fi
grep -q '^Usage: premarket sbom' "$tmp/help" || { echo "sbom.sh: --help"; fail=1; }

# run EXIT ARGS...: run the command, check its exit status; output in $tmp/out, $tmp/err
run() {
	want=$1
	shift
	"$BIN" sbom "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" != "$want" ]; then
		echo "sbom.sh: 'sbom $*' exited $got, want $want"
		cat "$tmp/err" | head -10
		fail=1
	fi
}

# has FILE TEXT: FILE contains TEXT (fixed string)
has() {
	if ! grep -qF -- "$2" "$1"; then
		echo "sbom.sh: $(basename "$1") lacks: $2"
		head -20 "$1"
		fail=1
	fi
}

lines() {
	wc -l <"$1" | tr -d ' '
}

# ---- the shared samples, with the counts of their README ----
SHARED=${PREMARKET_SHARED:-../shared}
S=$SHARED/samples/sbom
if [ -f "$S/README.md" ]; then
	run 0 "$S/cdx14-laravel-7.12.0.json"
	has "$tmp/err" "cyclonedx-json 1.4: 62 components (62 top-level), 63 dependency records (113 edges), 0 vulnerabilities"
	[ "$(lines "$tmp/out")" = 63 ] || { echo "sbom.sh: laravel json: $(lines "$tmp/out") lines, want 63"; fail=1; }
	cp "$tmp/out" "$tmp/laravel-json.txt"
	run 0 "$S/cdx14-laravel-7.12.0.xml"
	has "$tmp/err" "cyclonedx-xml 1.4: 62 components (62 top-level), 63 dependency records (113 edges), 0 vulnerabilities"
	cmp -s "$tmp/out" "$tmp/laravel-json.txt" || { echo "sbom.sh: laravel xml and json list differently"; fail=1; }
	run 0 "$S/cdx15-npm-bundled-deps-nested.json"
	has "$tmp/err" "cyclonedx-json 1.5: 52 components (2 top-level), 53 dependency records (65 edges), 0 vulnerabilities"
	has "$tmp/out" "  ansi-regex"
	run 0 "$S/cdx14-vex-cisa-case2.json"
	has "$tmp/err" "cyclonedx-json 1.4: 0 components (0 top-level), 0 dependency records (0 edges), 19 vulnerabilities"
	has "$tmp/err" "cdx14-vex-cisa-case2.json:88:24: warning: invalid CVSS vector \"AAV:N/"
	run 0 "$S/spdx23-example11-rust.spdx.json"
	has "$tmp/err" "spdx-json SPDX-2.3: 4 packages, 1 file, 4 relationships (3 dependency edges), 0 vulnerabilities"
	run 0 "$S/spdx22-example6-lib.spdx"
	has "$tmp/err" "spdx-tag-value SPDX-2.2: 5 packages, 0 files, 5 relationships (4 dependency edges), 0 vulnerabilities"

	# --vulns on the VEX document
	run 0 --vulns "$S/cdx14-vex-cisa-case2.json"
	[ "$(lines "$tmp/out")" = 20 ] || { echo "sbom.sh: vex: $(lines "$tmp/out") lines, want 20"; fail=1; }
	has "$tmp/out" "CVE-2020-11896  product-ABC  0.0 NONE (CVSS 3.1 environmental; base 10.0)  not_affected  code_not_reachable"
	has "$tmp/out" "CVE-2020-11898  product-ABC  0.0 (as written)"
	run 0 --vulns --format tsv "$S/cdx14-vex-cisa-case2.json"
	[ "$(lines "$tmp/out")" = 20 ] || { echo "sbom.sh: vex tsv: $(lines "$tmp/out") lines"; fail=1; }

	# every sample in every format; json agrees with the README counts
	for f in "$S"/cdx*.json "$S"/cdx*.xml "$S"/spdx*; do
		run 0 --format tsv "$f"
		run 0 --format json "$f"
	done
	if [ -x /usr/bin/python3 ]; then
		"$BIN" sbom --format json "$S"/cdx*.json "$S"/cdx*.xml "$S"/spdx* >"$tmp/all.json" 2>/dev/null
		/usr/bin/python3 - "$tmp/all.json" <<'PY' || fail=1
import json, os, sys
want = {  # file: (top, total, vulns, dependency records, packages, files, relationships)
    "cdx14-laravel-7.12.0.json": (62, 62, 0, 63, None, None, None),
    "cdx14-laravel-7.12.0.xml": (62, 62, 0, 63, None, None, None),
    "cdx14-vex-cisa-case2.json": (0, 0, 19, 0, None, None, None),
    "cdx15-npm-bundled-deps-nested.json": (2, 52, 0, 53, None, None, None),
    "spdx23-example11-rust.spdx.json": (None, None, 0, None, 4, 1, 4),
    "spdx22-example6-lib.spdx": (None, None, 0, None, 5, 0, 5),
}
files = json.load(open(sys.argv[1]))["files"]
assert len(files) == 6, len(files)
for f in files:
    name = os.path.basename(f["file"])
    top, total, vulns, deps, pkgs, nfiles, rels = want[name]
    c = f["counts"]
    got = (c["top_level"], c["components"], c["vulnerabilities"], c["dependency_records"])
    if pkgs is None:
        assert got == (top, total, vulns, deps), (name, got)
        assert len(f["components"]) == total, name
        assert sum(1 for x in f["components"] if x["depth"] == 0) == top, name
    else:
        assert (c["components"], c["files"], c["relationships"], c["vulnerabilities"]) == (pkgs, nfiles, rels, vulns), (name, c)
print("sbom.sh: json counts of the 6 samples match their README")
PY
	fi
else
	echo "sbom.sh: $S not found, sample checks skipped"
fi

# ---- hand-written files: the exact text listing ----
run 0 "$D/fields.cdx.json"
cat >"$tmp/want" <<'EOF'
NAME               VERSION  SUPPLIER                         PURL                           SUPPORT               END OF SUPPORT  ID (in a model)
openssl            3.0.15   OpenSSL Software Foundation      pkg:generic/openssl@3.0.15     actively_maintained   2026-09-07      openssl
zlib               1.3.1    Jean-loup Gailly and Mark Adler  -                              no_longer_maintained  2024-12-31      zlib
qt                 5.15.2   The Qt Company                   -                              abandoned             -               qt
  qtcore           5.15.2   Jane Doe                         pkg:generic/qtcore@5.15.2      -                     -               qt-core
    libQt5Core.so  5.15.2   Qt Team                          pkg:generic/libQt5Core@5.15.2  -                     -               qt-core-lib
@scope/d           1.0.0    Scope                            pkg:npm/%40scope/d@1.0.0       -                     -               pkg:npm__scope_d_1.0.0
_scope/d           1.0.0    Scope                            pkg:npm/_scope/d@1.0.0         -                     -               pkg:npm__scope_d_1.0.0-2
mystery            -        -                                -                              -                     -               mystery
EOF
cmp -s "$tmp/want" "$tmp/out" || { echo "sbom.sh: fields.cdx.json listing differs"; diff -u "$tmp/want" "$tmp/out"; fail=1; }
cat >"$tmp/want" <<'EOF'
tests/data/sbom/fields.cdx.json:100:53: warning: cdx:cle:supportStatus "sometimes" is not a support status (active, deprecated, eol, abandoned or unknown)
tests/data/sbom/fields.cdx.json:101:68: warning: cdx:lifecycle:milestone:endOfSupport "soon" is not an ISO 8601 date; the end of support is not set
tests/data/sbom/fields.cdx.json:109:45: warning: dependency names "ghost", which is no component of this document
premarket: sbom: tests/data/sbom/fields.cdx.json: cyclonedx-json 1.6: 8 components (6 top-level), 4 dependency records (5 edges), 2 vulnerabilities
premarket: sbom: tests/data/sbom/fields.cdx.json: NTIA minimum elements: 3 of 8 components lack some (supplier 1, version 1, identifier 1, dependency 3)
EOF
cmp -s "$tmp/want" "$tmp/err" || { echo "sbom.sh: fields.cdx.json stderr differs"; diff -u "$tmp/want" "$tmp/err"; fail=1; }
# the XML twin lists the same
cp "$tmp/out" "$tmp/json.txt"
run 0 "$D/fields.cdx.xml"
cmp -s "$tmp/json.txt" "$tmp/out" || { echo "sbom.sh: fields.cdx.xml lists differently"; diff -u "$tmp/json.txt" "$tmp/out"; fail=1; }
run 0 --vulns "$D/fields.cdx.json"
cat >"$tmp/want" <<'EOF'
ID             AFFECTS                             SCORE                           STATE        JUSTIFICATION
CVE-2024-0001  openssl,analyzer,urn:cdx:other/1#x  9.8 CRITICAL (CVSS 3.1 base)    exploitable  requires_environment
CVE-2024-0002  qt-core-lib                         9.3 CRITICAL (CVSS 4.0 CVSS-B)  -            -
EOF
cmp -s "$tmp/want" "$tmp/out" || { echo "sbom.sh: fields.cdx.json --vulns differs"; diff -u "$tmp/want" "$tmp/out"; fail=1; }

# SPDX JSON and tag-value of the same document: same tsv apart from the file column
run 0 --format tsv "$D/fields.spdx.json"
cut -f 2- "$tmp/out" >"$tmp/spdx-json.tsv"
run 0 --format tsv "$D/fields.spdx"
cut -f 2- "$tmp/out" >"$tmp/spdx-tag.tsv"
cmp -s "$tmp/spdx-json.tsv" "$tmp/spdx-tag.tsv" || { echo "sbom.sh: SPDX json and tag-value differ"; diff -u "$tmp/spdx-json.tsv" "$tmp/spdx-tag.tsv"; fail=1; }
cat >"$tmp/want" <<'EOF'
depth	id	name	version	supplier	purl	cpe	support	end_of_support	ntia_missing
0	SPDXRef-Package-firmware	analyzer-firmware	2.1	LabStream GmbH	pkg:generic/analyzer-firmware@2.1	-	-	-	-
0	SPDXRef-Package-log4j	log4j-core	2.14.1	Apache Software Foundation	pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1	cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*	actively_maintained	2026-12-31	-
0	SPDXRef-Package-busybox	busybox	1.36.1	Bob Builder	-	cpe:/a:busybox:busybox:1.36.1	no_longer_maintained	2023-06-30	-
0	SPDXRef-Package-blob	vendor-blob	-	-	-	-	unknown	-	supplier,version,identifier,dependency
EOF
cmp -s "$tmp/want" "$tmp/spdx-tag.tsv" || { echo "sbom.sh: SPDX tsv differs"; diff -u "$tmp/want" "$tmp/spdx-tag.tsv"; fail=1; }
run 0 --vulns "$D/fields.spdx"
has "$tmp/out" "CVE-2021-44228  SPDXRef-Package-log4j"

# ---- malformed, unreadable, misuse ----
printf '{"bomFormat": "CycloneDX", "specVersion": "1.5",\n "components": [ {"name": "a"' >"$tmp/trunc.json"
run 1 "$tmp/trunc.json"
has "$tmp/err" "trunc.json:3:1: error: did not find expected ',' or '}' while parsing a JSON object"
[ -s "$tmp/out" ] && { echo "sbom.sh: malformed file printed a listing"; fail=1; }
printf '{"bomFormat": "CycloneDX", "specVersion": "1.5",\n "components": {}}' >"$tmp/type.json"
run 1 "$tmp/type.json"
has "$tmp/err" "type.json:2:16: error: \"components\" must be a list, not a mapping"
printf '<?xml version="1.0"?>\n<!DOCTYPE bom [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.5"><metadata><timestamp>&x;</timestamp></metadata></bom>\n' >"$tmp/xxe.xml"
run 1 "$tmp/xxe.xml"
has "$tmp/err" "xxe.xml:2:1: error: a document type declaration (<!DOCTYPE>) is not allowed in an SBOM"
printf 'SPDXVersion: SPDX-2.3\nnot a tag line\n' >"$tmp/bad.spdx"
run 1 "$tmp/bad.spdx"
has "$tmp/err" "bad.spdx:2:1: error: expected \"Tag: value\""
printf 'just text\n' >"$tmp/text.txt"
run 1 "$tmp/text.txt"
has "$tmp/err" "text.txt:1:1: error: not an SBOM this program reads"
# one bad file among good ones: the good ones are listed, exit 1
run 1 "$D/fields.cdx.json" "$tmp/trunc.json" "$D/fields.spdx"
has "$tmp/out" "tests/data/sbom/fields.spdx:"
has "$tmp/out" "log4j-core"
run 2 "$tmp/does-not-exist.json"
has "$tmp/err" "does-not-exist.json: error: cannot open: No such file or directory"
run 2 "$D"
run 2
has "$tmp/err" "no SBOM file given"
run 2 --bogus "$D/fields.cdx.json"
has "$tmp/err" "unknown option '--bogus'"
run 2 --format xml "$D/fields.cdx.json"
has "$tmp/err" "unknown format 'xml'"
run 2 --format
has "$tmp/err" "needs a value"

[ $fail -eq 0 ] && echo "sbom.sh: all passed"
exit $fail
