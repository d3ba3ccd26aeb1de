#!/bin/sh
# gen-docs.sh BIN — regenerate the files derived from gen/schema.c:
# models/premarket.schema.json, models/premarket.xsd and the reference
# section of docs/model.md.
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
echo "gen-docs: models/premarket.schema.json, models/premarket.xsd and docs/model.md updated"
