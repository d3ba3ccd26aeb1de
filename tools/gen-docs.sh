#!/bin/sh
# gen-docs.sh BIN — regenerate the files derived from gen/schema.c:
# models/premarket.schema.json, models/premarket.xsd and the reference
# section of docs/model.md; and the generated sections of docs/threats.md
# (condition language, rule file format, catalog) from gen/rule_attr.c,
# gen/schema.c and models/threats/.
set -eu
BIN=${1:-build/premarket}
"$BIN" schema --format json >models/premarket.schema.json.tmp
mv models/premarket.schema.json.tmp models/premarket.schema.json
"$BIN" schema --format xsd >models/premarket.xsd.tmp
mv models/premarket.xsd.tmp models/premarket.xsd
"$BIN" schema --format markdown >docs/model.ref.tmp
awk -v ref=docs/model.ref.tmp '
	/^<!-- BEGIN REFERENCE -->$/ { print; while ((getline l < ref) > 0) print l; skip = 1; next }
	/^<!-- END REFERENCE -->$/ { skip = 0 }
	!skip { print }
' docs/model.md >docs/model.md.tmp
mv docs/model.md.tmp docs/model.md
rm -f docs/model.ref.tmp

# docs/threats.md: each block between <!-- BEGIN X --> and <!-- END X -->
fill() { # marker file-with-content
	awk -v m="$1" -v ref="$2" '
		$0 == "<!-- BEGIN " m " -->" { print; while ((getline l < ref) > 0) print l; skip = 1; next }
		$0 == "<!-- END " m " -->" { skip = 0 }
		!skip { print }
	' docs/threats.md >docs/threats.md.tmp
	mv docs/threats.md.tmp docs/threats.md
}
"$BIN" threats --language >docs/threats.part.tmp
fill LANGUAGE docs/threats.part.tmp
"$BIN" schema --format markdown --rules >docs/threats.part.tmp
fill "RULE FORMAT" docs/threats.part.tmp
"$BIN" threats --list --format md >docs/threats.part.tmp
fill CATALOG docs/threats.part.tmp
rm -f docs/threats.part.tmp
echo "gen-docs: models/premarket.schema.json, models/premarket.xsd, docs/model.md and docs/threats.md updated"
