#!/bin/sh
# xml-sbom.sh BIN — a model that imports SBOM files (sbom.files) round-trips
# through submission.xml (issue 15, docs/xml.md "Imported SBOM data"):
#  - `build --format xml` writes a submission.xml that xmllint validates
#    against models/premarket.xsd (the build checks it too: gen/build_verify.c);
#  - the XML, moved where the SBOM files are not, loads with `validate`
#    (the imported components and vulnerabilities travel inside it, marked
#    imported_from, and the files are not looked for) and gives the same
#    register, the same check results and the same threats as the YAML;
#  - building from that XML writes the same XML again;
#  - CVSS v4.0 ratings without their prefix come in as CVSS:4.0 vectors (by
#    the method, or by their metrics when there is no method).
set -u
BIN=${1:?usage: xml-sbom.sh path/to/premarket}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
export LC_ALL=C
export PREMARKET_DATADIR=${PREMARKET_DATADIR:-$(pwd)}
src=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "xml-sbom.sh: FAIL: $*"; fail=1; }
if ! command -v xmllint >/dev/null 2>&1; then
	echo "xml-sbom.sh: xmllint missing (libxml2-utils); run 'make deps'"
	exit 1
fi
mkdir "$tmp/model" "$tmp/elsewhere"
cp examples/minimal.yaml tests/data/sbom/fields.cdx.json tests/data/sbom/fields.spdx.json "$tmp/model/"
cat >"$tmp/model/bare.cdx.json" <<'EOF2'
{"bomFormat": "CycloneDX", "specVersion": "1.5",
 "components": [{"type": "library", "name": "bare", "version": "1", "bom-ref": "bare"}],
 "vulnerabilities": [{"id": "CVE-2024-0100", "affects": [{"ref": "bare"}],
   "ratings": [{"vector": "AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N"}]}]}
EOF2
{
	cat "$tmp/model/minimal.yaml"
	printf 'sbom:\n  files:\n    - path: fields.cdx.json\n    - path: fields.spdx.json\n    - path: bare.cdx.json\n'
} >"$tmp/model/m.yaml"
cd "$tmp/model" || exit 1
"$BIN" validate m.yaml >/dev/null 2>"$tmp/err" || { no "the YAML model does not validate"; cat "$tmp/err"; }
"$BIN" build --format xml -o out m.yaml >/dev/null 2>"$tmp/err" || { no "build --format xml failed"; cat "$tmp/err"; }
X=out/submission.xml
[ -f "$X" ] || { no "no $X"; exit 1; }
xmllint --noout --schema "$src/models/premarket.xsd" "$X" 2>"$tmp/xsd" || { no "$X fails the XSD"; head -5 "$tmp/xsd"; }
grep -q '<imported_from>fields.cdx.json</imported_from>' "$X" || no "imported components are not marked imported_from"
grep -q '<imported_from>fields.spdx.json</imported_from>' "$X" || no "SPDX components are not marked imported_from"
# both bare v4.0 vectors: with method CVSSv4 (fields.cdx.json), and without one (bare.cdx.json)
grep -q '<cvss>CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H' "$X" || no "the CVSSv4 rating without prefix is not a CVSS:4.0 vector"
grep -q '<cvss>CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:L/VA:N' "$X" || no "the bare v4.0 vector without a method is not a CVSS:4.0 vector"
grep -q 'CVSS:3.1/AV:N/AC:L/AT:' "$X" && no "a v4.0 vector was imported as CVSS:3.1"

# the XML alone, away from the SBOM files
cp "$X" "$tmp/elsewhere/submission.xml"
cd "$tmp/elsewhere" || exit 1
"$BIN" validate submission.xml >/dev/null 2>"$tmp/err" || { no "validate on the XML alone fails"; head -5 "$tmp/err"; }
grep -q 'not found' "$tmp/err" && no "validate on the XML looks for the SBOM files"
for cmd in "score --format csv" "threats --format json" "check --format json"; do
	(cd "$tmp/model" && "$BIN" $cmd m.yaml >"$tmp/yaml.out" 2>/dev/null)
	"$BIN" $cmd submission.xml >"$tmp/xml.out" 2>/dev/null
	# locations differ (m.yaml:3:5 against submission.xml:7:7): compare without them
	sed -E 's/(m\.yaml|fields\.[a-z.]+|bare\.cdx\.json|submission\.xml)(:[0-9]+)+//g' "$tmp/yaml.out" >"$tmp/a"
	sed -E 's/(m\.yaml|fields\.[a-z.]+|bare\.cdx\.json|submission\.xml)(:[0-9]+)+//g' "$tmp/xml.out" >"$tmp/b"
	case $cmd in check*) # the input file names differ
		sed -i -E '/"(file|model|files|inputs)"/d' "$tmp/a" "$tmp/b" ;;
	esac
	[ -s "$tmp/a" ] || no "$cmd printed nothing"
	cmp -s "$tmp/a" "$tmp/b" || { no "$cmd differs between the YAML and its XML"; diff "$tmp/a" "$tmp/b" | head -10; }
done
"$BIN" build --format xml -o again submission.xml >/dev/null 2>"$tmp/err" || { no "build from the XML failed"; head -5 "$tmp/err"; }
cmp -s submission.xml again/submission.xml || { no "the XML built from the XML differs"; diff submission.xml again/submission.xml | head; }
[ "$fail" -eq 0 ] && echo "xml-sbom.sh: ok"
exit "$fail"
