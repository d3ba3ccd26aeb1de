#!/bin/sh
# check.sh BIN — `premarket check`: exit codes and --fail-on thresholds;
# every output format well-formed (SARIF validated against the SARIF 2.1.0
# schema in ../shared/schemas when present, JSON parsed and consistent,
# Markdown tables with consistent cell counts, text lines compiler-style);
# deterministic output; SOURCE_DATE_EPOCH as the last documentation-date
# fallback; docs/check.md's rule reference up to date.
set -u
BIN=${1:?usage: check.sh path/to/premarket}
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

if ! "$BIN" check --help >/dev/null 2>&1; then
	echo "check.sh: $BIN has no 'check' command yet (not in gen/cli/main.c): skipped"
	exit 0
fi

# expect CODE WHAT COMMAND...: run it (stdout in $tmp/out, stderr in $tmp/err), compare the exit code
expect() {
	want=$1
	what=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "check.sh: FAIL $what: exit $got, want $want"
		head -5 "$tmp/err"
		fail=1
	fi
}

# A complete model of a small cyber device (the BASE of tests/unit/test_check.c).
cat >"$tmp/complete.yaml" <<'YAML'
device:
  name: Test Pump
  version: 1.0.0
  manufacturer: {name: Maker Inc.}
  submission_type: 510k
  intended_use: Insulin delivery.
  use_environment: Home; networks are hostile.
  cyber_device:
    software: true
    internet_connectable: true
    vulnerable_characteristics: true
    connectivity: [Phone app over BLE, Cloud over HTTPS]
    rationale: Software, reaches the internet through the app.
  date: 2026-06-01
risk_management:
  plan_reference: SRMP-1
  methodology: STRIDE per element.
  methodology_rationale: Covers every element and flow.
  assumptions: [The phone is hostile.]
  safety_risk_transfer: Uncontrolled risks become hazards in the RMF.
  residual_risk_conclusion: All residual risks are controlled.
  anomaly_criteria: Anomalies with a security impact are fixed before release.
  risk_transfers:
    - description: Keep the phone OS updated.
      to: Patient
      disclosed_in: User guide 3
assets:
  - id: A-DOSE
    name: Dosing
    kind: function
    harm: {confidentiality: negligible, integrity: critical, availability: serious}
    safety_relevant: true
  - id: A-DATA
    name: History
    kind: data
    harm: {confidentiality: minor, integrity: minor, availability: minor}
zones:
  - {id: Z-BODY, name: Body, trust: partially_trusted}
  - {id: Z-PHONE, name: Phone, trust: untrusted}
  - {id: Z-CLOUD, name: Cloud, trust: partially_trusted}
  - {id: Z-MFR, name: Manufacturer, trust: trusted}
components:
  - id: C-PUMP
    name: Pump
    kind: device
    zone: Z-BODY
    assets: [A-DOSE, A-DATA]
    sbom: [SB-FW]
    interfaces:
      - id: IF-PUMP-BLE
        kind: ble
        direction: both
        status: used
        protocols: [BLE 5.3]
        ports: [2.4 GHz]
        authentication: LE Secure Connections
        encryption: AES-CCM
      - id: IF-PUMP-SWD
        kind: debug
        status: disabled
        rationale: Locked at end of line.
  - id: C-APP
    name: App
    kind: app
    zone: Z-PHONE
    assets: [A-DOSE, A-DATA]
    sbom: [SB-APP]
    interfaces:
      - id: IF-APP-BLE
        kind: ble
        status: used
        authentication: LE Secure Connections
        encryption: AES-CCM
      - id: IF-APP-NET
        kind: api
        status: used
        authentication: OAuth 2.0
        encryption: TLS 1.3
  - id: C-CLOUD
    name: Cloud
    kind: cloud_service
    zone: Z-CLOUD
    assets: [A-DATA]
  - id: C-BUILD
    name: Build pipeline
    kind: server
    zone: Z-MFR
  - id: C-USER
    name: Patient
    kind: user
    zone: Z-PHONE
flows:
  - id: F-CMD
    name: Dose commands
    from: C-APP
    to: C-PUMP
    from_interface: IF-APP-BLE
    to_interface: IF-PUMP-BLE
    kind: command
    protocol: GATT
    protocol_version: BLE 5.3
    port: 2.4 GHz
    assets: [A-DOSE]
    authentication: Per-command MAC with counter
    encryption: AES-CCM
  - id: F-SYNC
    name: History upload
    from: C-APP
    to: C-CLOUD
    from_interface: IF-APP-NET
    kind: data
    protocol: HTTPS
    protocol_version: TLS 1.3
    port: 443/tcp
    assets: [A-DATA]
    authentication: OAuth 2.0 token
    encryption: TLS 1.3
threats:
  - id: T-SPOOF
    title: Forged dose command
    stride: [spoofing, tampering]
    lifecycle: operation
    targets: [F-CMD]
    assets: [A-DOSE]
    hazards: [{id: HAZ-01, title: Wrong dose delivered, document: RMF-1 rev A}]
    cvss: CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N
    controls: [K-AUTHN, K-CRYPTO]
    residual: {exploitability: very_low, rationale: Commands are authenticated.}
  - id: T-SYNC
    title: History read in transit
    stride: [information_disclosure]
    lifecycle: interoperation
    targets: [F-SYNC]
    assets: [A-DATA]
    hazards: [{id: HAZ-04, title: Therapy history of many patients disclosed, document: RMF-1 rev A}]
    cvss: CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N
    controls: [K-CONF, K-AUTHZ]
  - id: T-SUPPLY
    title: Compromised dependency
    stride: [tampering]
    lifecycle: supply_chain
    targets: [C-BUILD]
    assets: [A-DOSE]
    hazards: [{id: HAZ-02, title: Unsafe firmware runs, document: RMF-1 rev A}]
    cvss: CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:N/I:H/A:N
    controls: [K-INTEG]
    residual: {exploitability: very_low, rationale: Pinned and verified.}
  - id: T-MFG
    title: Keys read through the debug port
    stride: [information_disclosure]
    lifecycle: manufacturing
    targets: [IF-PUMP-SWD]
    assets: [A-DATA]
    exploitability: low
    controls: [K-INTEG]
    residual: {exploitability: very_low, rationale: Port locked.}
  - id: T-DEPLOY
    title: Weak app settings at installation
    stride: [elevation_of_privilege]
    lifecycle: deployment
    targets: [C-APP]
    assets: [A-DATA]
    exploitability: low
    controls: [K-AUTHZ]
    residual: {exploitability: very_low, rationale: Secure defaults.}
  - id: T-UPDATE
    title: Malicious update from the cloud
    stride: [tampering]
    lifecycle: update
    targets: [C-CLOUD]
    assets: [A-DOSE]
    hazards: [{id: HAZ-02, title: Unsafe firmware runs, document: RMF-1 rev A}]
    cvss: CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:N/I:H/A:N
    controls: [K-UPD, K-LOG]
    residual: {exploitability: very_low, rationale: Signed updates.}
  - id: T-DECOM
    title: Data left on a discarded pump
    stride: [information_disclosure]
    lifecycle: decommissioning
    targets: [C-PUMP]
    assets: [A-DATA]
    exploitability: low
    controls: [K-CONF]
    residual: {exploitability: very_low, rationale: Crypto-erase.}
  - id: T-DOS
    title: Radio jamming
    stride: [denial_of_service]
    lifecycle: operation
    targets: [IF-PUMP-BLE]
    assets: [A-DOSE]
    hazards: [{id: HAZ-03, title: Dose delayed, document: RMF-1 rev A}]
    cvss: CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H
    controls: [K-RES]
    residual: {exploitability: very_low, rationale: Pump works alone.}
controls:
  - {id: K-AUTHN, title: Command authentication, category: authentication, requirement: R1, acceptance_criteria: A1, status: implemented, effect: MAC:H, tests: [TS-REQ, TS-PEN]}
  - {id: K-AUTHZ, title: Least privilege, category: authorization, requirement: R2, acceptance_criteria: A2, status: implemented, effect: MPR:H, tests: [TS-REQ, TS-ASA]}
  - {id: K-CRYPTO, title: AES-CCM, category: cryptography, requirement: R3, acceptance_criteria: A3, status: implemented, tests: [TS-REQ, TS-SCAN]}
  - {id: K-INTEG, title: Signed firmware, category: integrity, requirement: R4, acceptance_criteria: A4, status: implemented, tests: [TS-REQ, TS-SCA, TS-CHAIN]}
  - {id: K-CONF, title: Encryption at rest, category: confidentiality, requirement: R5, acceptance_criteria: A5, status: implemented, tests: [TS-REQ, TS-SAST]}
  - {id: K-LOG, title: Event log, category: logging, requirement: R6, acceptance_criteria: A6, status: implemented, tests: [TS-THREAT]}
  - {id: K-RES, title: Autonomous pump, category: resiliency, requirement: R7, acceptance_criteria: A7, status: implemented, tests: [TS-FUZZ, TS-DAST]}
  - {id: K-UPD, title: Signed updates, category: updatability, requirement: R8, acceptance_criteria: A8, status: implemented, tests: [TS-THREAT]}
tests:
  - {id: TS-REQ, title: Requirements, kind: security_requirements, performed_by: QA, independence: internal_independent, result: pass}
  - {id: TS-THREAT, title: Threat mitigation, kind: threat_mitigation, performed_by: QA, independence: internal_independent, result: pass}
  - {id: TS-FUZZ, title: BLE fuzzing, kind: fuzz, performed_by: QA, independence: internal_independent, tool: {name: Defensics, version: '2024.12', configuration: BLE suite}, result: pass}
  - {id: TS-ASA, title: Attack surface, kind: attack_surface, performed_by: QA, independence: internal_independent, result: pass}
  - {id: TS-CHAIN, title: Chaining, kind: vulnerability_chaining, performed_by: QA, independence: internal_independent, result: pass}
  - {id: TS-SCAN, title: Scan, kind: closed_box_scan, performed_by: QA, independence: internal_independent, tool: {name: Nessus, version: '10.8', configuration: Full scan}, result: pass}
  - {id: TS-SCA, title: SCA, kind: sca, performed_by: QA, independence: internal_independent, tool: {name: Black Duck, version: '2025.9', configuration: Binary analysis}, result: pass}
  - {id: TS-SAST, title: SAST, kind: static_analysis, performed_by: Dev, independence: internal, tool: {name: Coverity, version: '2024.12', configuration: MISRA profile}, result: pass}
  - {id: TS-DAST, title: DAST, kind: dynamic_analysis, performed_by: QA, independence: internal_independent, tool: {name: ASan, version: '18', configuration: Unit and fuzz harness}, result: pass}
  - id: TS-PEN
    title: Penetration test
    kind: penetration
    performed_by: Acme Labs
    independence: third_party
    expertise: OSCP
    scope: Pump, app and cloud
    methods: Grey box
    start: 2026-03-02
    end: 2026-03-13
    result: pass_with_findings
    report: PT-2026-01
    findings:
      - {id: PT-1, title: Verbose errors, severity: low, disposition: fixed, fix_version: 1.0.0}
      - {id: PT-2, title: Old TLS cipher on portal, severity: low, disposition: accepted, rationale: Portal only; removed in 1.1.}
      - {id: PT-3, title: Slow lockout, severity: medium, disposition: deferred, rationale: Low exploitability., deferral_plan: Fixed in 1.1 within 90 days.}
sbom:
  author: Maker build pipeline
  timestamp: 2026-05-30T10:00:00Z
  upgrade_plan: Components are reviewed quarterly and replaced before end of support.
  availability: Customer portal, CycloneDX JSON.
  components:
    - id: SB-FW
      name: Pump firmware
      version: 1.0.0
      supplier: Maker Inc.
      purl: pkg:generic/maker/pump-fw@1.0.0
      support: actively_maintained
      end_of_support: 2033-12-31
      hashes: [{alg: SHA-256, value: 48276423e1de535d9df897467279e8e6d81697ff8f481c19782ad16e9f700a87}]
      depends_on: [SB-LIB]
    - id: SB-LIB
      name: mbedtls
      version: 3.6.4
      supplier: Trusted Firmware
      purl: pkg:github/Mbed-TLS/mbedtls@v3.6.4
      support: actively_maintained
      end_of_support: 2027-03-31
      hashes: [{alg: SHA-256, value: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08}]
    - id: SB-APP
      name: Pump app
      version: 1.0.0
      supplier: Maker Inc.
      cpe: cpe:2.3:a:maker:pump_app:1.0.0:*:*:*:*:*:*:*
      support: actively_maintained
      end_of_support: 2033-12-31
      hashes: [{alg: SHA-256, value: 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae}]
vulnerabilities:
  - id: CVE-2025-0001
    title: Library overread
    components: [SB-LIB]
    kev: false
    discovery: sca_scan
    status: fixed
    assessment: No safety impact after the update.
    controls: [K-UPD]
anomalies:
  - {id: BUG-1, title: Log entry lost on power loss, cwe: [CWE-778], security_impact: low, rationale: Rare; no dosing impact.}
metrics:
  available: false
  plan: Collected quarterly from release.
views:
  - {id: V-GLOBAL, kind: global_system, title: Global, description: Everything., components: [C-PUMP, C-APP, C-CLOUD, C-BUILD]}
  - {id: V-MPH, kind: multi_patient_harm, title: Multi-patient, description: Cloud compromise., components: [C-CLOUD, C-APP]}
  - {id: V-UPD, kind: updatability, title: Updates, description: Signed update path., flows: [F-SYNC]}
  - {id: V-UC, kind: security_use_case, title: Dosing, use_cases: [UC-DOSE]}
use_cases:
  - {id: UC-DOSE, title: Delivering a dose, functions: [A-DOSE], states: [therapy], threats: [T-SPOOF], controls: [K-AUTHN]}
labeling:
  documents: [User guide]
  items:
    - {item: L1, content: Keep the phone updated., location: UG 3}
    - {item: L2, content: Diagram., location: UG 2}
    - {item: L3, content: BLE and HTTPS 443., location: UG 2.2}
    - {item: L4, content: Requirements., location: UG 4}
    - {item: L5, content: SBOM on the portal., location: Portal}
    - {item: L6, content: Updates through the app., location: UG 12}
    - {item: L7, content: Events shown in the app., location: UG 10}
    - {item: L8, content: Pump works alone., location: UG 8}
    - {item: L9, content: Settings backed up., location: UG 11}
    - {item: L10, content: Restore settings., location: UG 11.3}
    - {item: L11, content: Secure defaults., location: UG 5}
    - {item: L12, content: 90-day event log., location: UG 13}
    - {item: L13, content: Seven years of support., location: UG 14}
    - {item: L14, content: Retire the pump in the app., location: UG 15}
management_plan:
  reference: CSMP-1
  items:
    - {item: M1, content: PSIRT., location: CSMP 2}
    - {item: M2, content: NVD daily., location: CSMP 4}
    - {item: M3, content: KEV within a day., location: CSMP 4.2}
    - {item: M4, content: Annual pen test., location: CSMP 6}
    - {item: M5, content: 90-day cycle., location: CSMP 5}
    - {item: M6, content: Signed releases., location: CSMP 5.2}
    - {item: M7, content: 90 percent in 30 days., location: CSMP 5.3}
    - {item: M8, content: CVD policy., location: CSMP 7}
    - {item: M9, content: In-app notices., location: CSMP 8}
  cvd:
    policy: https://maker.example/cvd
    contact: psirt@maker.example
    external: Acknowledged within 2 days.
    internal: Advisories for own findings.
    disclosure: App notices and letters.
  patch_cycle:
    regular_days: 90
    justification: Matches the release train.
    critical_days: 30
    out_of_cycle: Critical fixes within 30 days.
  related_systems: Cloud, update service, app stores.
attachments:
  - {document: SRMP-1, title: Security risk management plan and report, location: eSTAR attachment 1}
  - {document: CSMP-1, title: Cybersecurity management plan, location: eSTAR attachment 2}
  - {document: User guide, location: eSTAR attachment 3}
  - {document: PT-2026-01, title: Penetration test report, location: eSTAR attachment 4}
risk_policy:
  name: Maker security risk policy
  document: {id: SRMP-1, title: Security risk management plan}
  multi_patient_step: 1
  exploitability_levels:
    - {id: very_low, name: Very low}
    - {id: low, name: Low}
    - {id: medium, name: Medium}
    - {id: high, name: High}
    - {id: very_high, name: Very high}
  severity_levels:
    - {id: negligible, name: Negligible}
    - {id: minor, name: Minor}
    - {id: serious, name: Serious}
    - {id: critical, name: Critical}
    - {id: catastrophic, name: Catastrophic}
  risk_levels:
    - {id: low, name: Low, acceptable: true}
    - {id: medium, name: Medium, acceptable: true}
    - {id: high, name: High, acceptable: false}
  matrix:
    - {exploitability: very_low, cells: [low, low, low, low, medium]}
    - {exploitability: low, cells: [low, low, low, medium, medium]}
    - {exploitability: medium, cells: [low, low, medium, medium, high]}
    - {exploitability: high, cells: [low, medium, medium, high, high]}
    - {exploitability: very_high, cells: [low, medium, high, high, high]}
YAML

# The rules of the threat catalog that match it are dismissed for the whole
# model (TM-06), whatever the catalog holds: the catalog itself is tested in
# threats.sh and tests/rules/.
"$BIN" threats --format json "$tmp/complete.yaml" 2>/dev/null | /usr/bin/python3 -c '
import json, sys
rules = sorted({m["rule"] for m in json.load(sys.stdin)})
print("rule_dispositions:")
for r in rules:
    print("  - {rule: %s, rationale: A check fixture; its threats are not the subject.}" % r)
' >>"$tmp/complete.yaml"

m=$tmp/complete.yaml
sed '/^  plan_reference:/d' "$m" >"$tmp/rec.yaml"                 # one recommended gap (RMR-06)
sed '/^  author: Maker build pipeline$/d' "$m" >"$tmp/req.yaml"   # one required gap (SB-02: no SBOM author)
sed 's/^    internet_connectable: true/    internet_connectable: false/' "$m" >"$tmp/adv.yaml" # one advisory gap (PKG-03)
sed -e '/^  date: /d' -e 's/end_of_support: 2027-03-31/end_of_support: 2026-01-31/' "$m" >"$tmp/eos.yaml" # no date; EOS in 2026
printf 'device:\n  name: [unclosed\n' >"$tmp/broken.yaml"

# ---- exit codes and thresholds -----------------------------------------------------
expect 0 "complete model" "$BIN" check "$m"
grep -q '^check: no gaps$' "$tmp/out" || { echo "check.sh: FAIL complete model: no 'check: no gaps'"; fail=1; }
expect 0 "complete model, --fail-on advisory" "$BIN" check --fail-on advisory "$m"
expect 1 "recommended gap" "$BIN" check "$tmp/rec.yaml"
grep -q "warning: \[RMR-06\]" "$tmp/out" || { echo "check.sh: FAIL recommended gap not reported as a warning"; fail=1; }
expect 0 "recommended gap, --fail-on required" "$BIN" check --fail-on required "$tmp/rec.yaml"
expect 1 "recommended gap, --fail-on=recommended" "$BIN" check --fail-on=recommended "$tmp/rec.yaml"
expect 1 "recommended gap, --fail-on advisory" "$BIN" check --fail-on advisory "$tmp/rec.yaml"
expect 1 "required gap, --fail-on required" "$BIN" check --fail-on required "$tmp/req.yaml"
grep -q "error: \[SB-02\]" "$tmp/out" || { echo "check.sh: FAIL required gap not reported as an error"; fail=1; }
expect 0 "advisory gap" "$BIN" check "$tmp/adv.yaml"
grep -q "note: \[PKG-03\]" "$tmp/out" || { echo "check.sh: FAIL advisory gap not reported as a note"; fail=1; }
expect 1 "advisory gap, --fail-on advisory" "$BIN" check --fail-on advisory "$tmp/adv.yaml"
expect 1 "gaps in every format" "$BIN" check --format json "$tmp/rec.yaml"
expect 1 "model with errors" "$BIN" check "$tmp/broken.yaml"
grep -q 'broken.yaml:' "$tmp/err" || { echo "check.sh: FAIL model errors not on stderr"; fail=1; }

# ---- usage ------------------------------------------------------------------------------
expect 0 "--help" "$BIN" check --help
grep -q '^Usage: premarket check' "$tmp/out" || { echo "check.sh: FAIL --help"; fail=1; }
expect 2 "no model" "$BIN" check
expect 2 "unknown option" "$BIN" check --bogus "$m"
grep -q "unknown option '--bogus'" "$tmp/err" || { echo "check.sh: FAIL unknown option message"; cat "$tmp/err"; fail=1; }
expect 2 "option without value" "$BIN" check "$m" --fail-on
grep -q "needs a value" "$tmp/err" || { echo "check.sh: FAIL missing value message"; cat "$tmp/err"; fail=1; }
expect 2 "unknown format" "$BIN" check --format xml "$m"
expect 2 "unknown level" "$BIN" check --fail-on warning "$m"
expect 2 "unreadable model" "$BIN" check "$tmp/missing.yaml"
expect 2 "--rules with a model" "$BIN" check --rules "$m"
expect 2 "--rules as SARIF" "$BIN" check --rules --format sarif
if [ -w /dev/full ]; then
	"$BIN" check "$m" >/dev/full 2>"$tmp/err"
	rc=$?
	[ $rc -eq 3 ] || { echo "check.sh: FAIL output to /dev/full: exit $rc, want 3"; fail=1; }
fi

# ---- formats ------------------------------------------------------------------------------
schema=../shared/schemas/sarif-schema-2.1.0.json
[ -f "$schema" ] || echo "check.sh: ../shared/schemas is absent: SARIF schema validation skipped"
for model in "$m" "$tmp/rec.yaml" "$tmp/req.yaml" examples/lab-analyzer.yaml examples/insulin-pump.yaml examples/minimal.yaml; do
	name=$(basename "$model" .yaml)
	for f in text md sarif json; do
		"$BIN" check --format $f "$model" >"$tmp/$name.$f" 2>"$tmp/err"
		rc=$?
		if [ $rc -gt 1 ] || [ -s "$tmp/err" ]; then
			echo "check.sh: FAIL $model --format $f: exit $rc"; cat "$tmp/err"; fail=1
		fi
		"$BIN" check --format $f "$model" >"$tmp/again" 2>/dev/null
		cmp -s "$tmp/$name.$f" "$tmp/again" || { echo "check.sh: FAIL $model --format $f differs between runs"; fail=1; }
	done
	$PY - "$tmp/$name" "$model" "$schema" <<'PY' || fail=1
import json, os, re, sys
base, model, schema = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(base + ".text").read().splitlines()
md = open(base + ".md").read()
sarif = json.load(open(base + ".sarif"))
data = json.load(open(base + ".json"))

# json: counts agree with the results
s = data["summary"]
res = data["results"]
assert s["checks"] == len(res)
assert s["passed"] == sum(r["status"] == "pass" for r in res)
assert s["not_applicable"] == sum(r["status"] == "not_applicable" for r in res)
for w in ("required", "recommended", "advisory"):
    failed = [r for r in res if r["status"] == "fail" and r["weight"] == w]
    assert s["failed"][w] == len(failed), w
    assert s["gaps"][w] == sum(len(r["findings"]) for r in failed), w
for r in res:
    assert r["message"], r["id"]
    assert (r["status"] == "fail") == bool(r["findings"]), r["id"]
    for f in r["findings"]:
        assert f["location"]["line"] >= 1 and f["location"]["column"] >= 1
gaps = [(r, f) for r in res if r["status"] == "fail" for f in r["findings"]]

# text: one compiler-style line per gap, then the summary
level = {"required": "error", "recommended": "warning", "advisory": "note"}
lines = [l for l in text if not l.startswith("check: ")]
assert len(lines) == len(gaps), (len(lines), len(gaps))
for l, (r, f) in zip(lines, gaps):
    want = "%s:%d:%d: %s: [%s] %s" % (f["location"]["file"], f["location"]["line"], f["location"]["column"],
                                      level[r["weight"]], r["id"], f["message"])
    assert l == want, (l, want)
assert text[-1].startswith("check: ") and text[-2].startswith("check: ")

# sarif: structure, rules, one result per gap in the same order, locations
if os.path.exists(schema):
    import jsonschema
    jsonschema.validate(sarif, json.load(open(schema)))
assert sarif["version"] == "2.1.0"
run = sarif["runs"][0]
drv = run["tool"]["driver"]
assert drv["name"] == "premarket" and drv["version"] and drv["informationUri"]
rules = drv["rules"]
assert [x["id"] for x in rules] == sorted(set(x["id"] for x in rules), key=[x["id"] for x in rules].index)
for x in rules:
    assert x["name"] and x["shortDescription"]["text"] and x["fullDescription"]["text"]
    assert re.match(r"^file:///.*/check\.md#" + x["id"].lower() + "$", x["helpUri"]), x["helpUri"]
    if x["id"] == "LOAD":  # the model loads (tests/cli/sarif.sh)
        continue
    assert x["properties"]["basis"] and x["properties"]["weight"] in level
    assert x["defaultConfiguration"]["level"] == level[x["properties"]["weight"]]
results = run["results"]
assert len(results) == len(gaps)
for x, (r, f) in zip(results, gaps):
    assert x["ruleId"] == r["id"] and rules[x["ruleIndex"]]["id"] == r["id"]
    assert x["level"] == level[r["weight"]]
    assert x["message"]["text"] == f["message"]
    loc = x["locations"][0]["physicalLocation"]
    want = f["location"]["file"]
    if want.startswith("/"):
        assert loc["artifactLocation"] == {"uri": "file://" + want}, loc
    else:
        assert loc["artifactLocation"] == {"uri": want, "uriBaseId": "%SRCROOT%"}, loc
    assert loc["region"]["startLine"] == f["location"]["line"]
    assert loc["region"]["startColumn"] == f["location"]["column"]
if model in ("examples/lab-analyzer.yaml", "examples/insulin-pump.yaml"):
    assert not results, "a complete shipped example has gaps"

# md: every table has the same number of cells in every row
def cells(line):
    return len(re.findall(r"(?<!\\)\|", line)) - 1
tables, header = 0, None
for l in md.splitlines():
    if l.startswith("|"):
        if header is None:
            header, tables = cells(l), tables + 1
        else:
            assert cells(l) == header, ("table row", l)
    else:
        header = None
assert tables >= 4 and md.startswith("# Completeness check\n")
for r in res:
    if r["status"] == "fail":
        assert ("### %s: " % r["id"]) in md, r["id"]
print("check.sh: %s: %d gaps agree across text, md, sarif and json" % (model.split("/")[-1], len(gaps)))
PY
done

# the shipped examples are complete: no gap at any weight
expect 0 "lab-analyzer" "$BIN" check --fail-on advisory examples/lab-analyzer.yaml
expect 0 "insulin-pump" "$BIN" check --fail-on advisory examples/insulin-pump.yaml

# ---- the documentation date: SOURCE_DATE_EPOCH is the last fallback ------------------------
unset SOURCE_DATE_EPOCH
"$BIN" check --format json "$tmp/eos.yaml" >"$tmp/eos1.json" 2>/dev/null
SOURCE_DATE_EPOCH=1780272000 "$BIN" check --format json "$tmp/eos.yaml" >"$tmp/eos2.json" 2>/dev/null
$PY - "$tmp/eos1.json" "$tmp/eos2.json" <<'PY' || fail=1
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
sb05 = lambda d: [r for r in d["results"] if r["id"] == "SB-05"][0]
assert a["date"] is None and sb05(a)["status"] == "not_applicable", sb05(a)
assert b["date"] == "2026-06-01" and sb05(b)["status"] == "fail", sb05(b)
PY

# ---- the checklist and its documentation -----------------------------------------------------
expect 0 "--rules" "$BIN" check --rules
n=$(wc -l <"$tmp/out")
[ "$n" -ge 76 ] || { echo "check.sh: FAIL --rules lists $n checks"; fail=1; }
"$BIN" check --rules --format md >"$tmp/rules.md"
sed -n '/^<!-- BEGIN RULES -->$/,/^<!-- END RULES -->$/p' docs/check.md | sed '1,3d;$d' >"$tmp/doc-rules.md"
if ! cmp -s "$tmp/rules.md" "$tmp/doc-rules.md"; then
	echo "check.sh: FAIL docs/check.md's rule reference is stale: regenerate it with 'premarket check --rules --format md'"
	diff -u "$tmp/doc-rules.md" "$tmp/rules.md" | head -20
	fail=1
fi
"$BIN" check --rules --format json | $PY -c 'import json,sys; r=json.load(sys.stdin); assert len(r) >= 76 and all(x["id"] and x["fix"] for x in r)' || fail=1

[ $fail -eq 0 ] && echo "check.sh: all passed"
exit $fail
