#!/bin/sh
# sbom-model.sh BIN — SBOM files listed in a model are imported into it
# (components with their ids and locations, dependencies, VEX vulnerabilities,
# support information with the model's overrides winning), and `build` writes
# the model's SBOM as CycloneDX 1.6 that validates against the published schema.
# Uses ../shared (samples, schemas); skips those parts, saying so, when absent.
set -u
BIN=${1:?usage: sbom-model.sh path/to/premarket}
SHARED=${PREMARKET_SHARED:-../shared}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "sbom-model.sh: FAIL: $*"; fail=1; }

validate_cdx() { # file
	[ -f "$SHARED/schemas/bom-1.6.schema.json" ] || { echo "sbom-model.sh: $SHARED/schemas absent: not validating $1"; return 0; }
	/usr/bin/python3 - "$SHARED/schemas" "$1" <<'PY'
import json, os, sys, jsonschema
from jsonschema import RefResolver
d = sys.argv[1]
schema = json.load(open(os.path.join(d, "bom-1.6.schema.json")))
store = {}
for f in ("spdx.schema.json", "jsf-0.82.schema.json", "bom-1.6.schema.json"):
    j = json.load(open(os.path.join(d, f)))
    store[j.get("$id", f)] = j
    store[f] = j
v = jsonschema.Draft7Validator(schema, resolver=RefResolver(base_uri="file://" + d + "/", referrer=schema, store=store))
errs = list(v.iter_errors(json.load(open(sys.argv[2]))))
for e in errs[:5]:
    print("  ", list(e.path), e.message[:200])
sys.exit(1 if errs else 0)
PY
}

# The examples' SBOMs, exported
for ex in lab-analyzer insulin-pump; do
	"$BIN" build "examples/$ex.yaml" -o "$tmp/$ex" --format md 2>/dev/null || no "build $ex"
	[ -f "$tmp/$ex/sbom.cdx.json" ] || { no "$ex: no sbom.cdx.json"; continue; }
	validate_cdx "$tmp/$ex/sbom.cdx.json" || no "$ex: sbom.cdx.json does not validate against CycloneDX 1.6"
	"$BIN" build "examples/$ex.yaml" -o "$tmp/$ex-again" --format md 2>/dev/null
	cmp -s "$tmp/$ex/sbom.cdx.json" "$tmp/$ex-again/sbom.cdx.json" || no "$ex: sbom.cdx.json differs between two builds"
	# every inline component with its FDA fields
	/usr/bin/python3 - "$tmp/$ex/sbom.cdx.json" "examples/$ex.yaml" "$BIN" <<'PY' || fail=1
import json, subprocess, sys
bom = json.load(open(sys.argv[1]))
data = json.loads(subprocess.run([sys.argv[3], "data", sys.argv[2]], capture_output=True, text=True).stdout)
model = data["sbom"]["components"]
by = {c["bom-ref"]: c for c in bom["components"]}
assert len(by) == len(model), (len(by), len(model))
for c in model:
    b = by[c["id"]]
    props = {p["name"]: p["value"] for p in b.get("properties", [])}
    assert b["name"] == c["name"] and b.get("version") == c["version"], c["id"]
    if c["end_of_support"]:
        assert props.get("cdx:lifecycle:milestone:endOfSupport", "").startswith(c["end_of_support"]), (c["id"], props)
    assert any(c["support"] and c["support"] in v for v in props.values()), (c["id"], props)
print("sbom-model.sh: %s: %d components exported with their FDA fields" % (sys.argv[2], len(model)))
PY
done

# Import of real SBOM files into a model
S="$SHARED/samples/sbom"
if [ ! -d "$S" ]; then
	echo "sbom-model.sh: $S absent: skipping the import checks"
else
	cp "$S/cdx14-laravel-7.12.0.json" "$S/cdx14-vex-cisa-case2.json" "$S/spdx23-example11-rust.spdx.json" "$tmp/"
	cat >"$tmp/m.yaml" <<'EOF2'
device:
  name: Web Device
  version: "1"
  manufacturer: {name: Example}
  submission_type: 510k
  intended_use: Test.
  use_environment: Test.
  cyber_device: {software: true, internet_connectable: true, vulnerable_characteristics: true, rationale: Networked.}
sbom:
  files:
    - path: cdx14-laravel-7.12.0.json
    - path: cdx14-vex-cisa-case2.json
    - {path: spdx23-example11-rust.spdx.json, format: spdx-json}
  support:
    - {name: framework, support: no_longer_maintained, end_of_support: 2021-03-03}
zones: [{id: Z, name: Zone, trust: trusted}]
components:
  - {id: C-WEB, name: Web, kind: server, zone: Z, sbom: [laravel_framework-7.30.6.0]}
EOF2
	"$BIN" validate "$tmp/m.yaml" >"$tmp/out" 2>"$tmp/err"
	[ $? -eq 0 ] || { no "a model importing the samples does not validate"; cat "$tmp/err"; }
	grep -q 'cdx14-vex-cisa-case2.json:88:24: warning: invalid CVSS vector "AAV:N' "$tmp/err" || no "the malformed VEX vector is not reported with its location"
	"$BIN" data "$tmp/m.yaml" >"$tmp/data.json" 2>/dev/null
	/usr/bin/python3 - "$tmp/data.json" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
comps = d["sbom"]["components"]
assert len(comps) == 62 + 4, len(comps)           # laravel 62 + rust example 4 packages
fw = [c for c in comps if c["name"] == "framework"][0]
assert fw["support"] == "no_longer_maintained" and fw["end_of_support"] == "2021-03-03", fw
assert "cdx14-laravel-7.12.0.json:" in fw["defined_at"], fw["defined_at"]
web = [c for c in d["components"] if c["id"] == "C-WEB"][0]
assert web["sbom"][0] == {"$ref": "laravel_framework-7.30.6.0"}, web["sbom"]
deps = sum(len(c["depends_on"]) for c in comps)
assert deps >= 113, deps
vulns = d["vulnerabilities"]
assert len(vulns) == 19, len(vulns)
assert all(v["discovery"] == "other" for v in vulns)
print("sbom-model.sh: imported %d components, %d dependency edges, %d vulnerabilities" % (len(comps), deps, len(vulns)))
PY
	"$BIN" check "$tmp/m.yaml" >"$tmp/check" 2>&1
	grep -q 'cdx14-laravel-7.12.0.json:[0-9]*:[0-9]*: error: \[SB-03\]' "$tmp/check" || no "check does not locate missing support data in the imported file"
	"$BIN" build "$tmp/m.yaml" -o "$tmp/mb" --format md 2>/dev/null || no "build of the importing model"
	validate_cdx "$tmp/mb/sbom.cdx.json" || no "exported SBOM of imported components does not validate"
fi
[ $fail -eq 0 ] && echo "sbom-model.sh: ok"
exit $fail
