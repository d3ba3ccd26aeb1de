/* test_check.c — the completeness check (include/premarket/check.h):
 * every rule fails on a model that lacks what it looks for, at the location
 * of the object to fix, and passes on a complete one; rules that do not apply
 * say why; weights follow the submission (cyber device, IDE); the renderers
 * (text, Markdown, SARIF, JSON) are well-formed and deterministic; the
 * shipped examples' gaps are exactly the known ones (reported to the lead),
 * and removing a required part of an example is reported with its location.
 *
 * Models are a shared complete model (BASE) plus per-test text edits,
 * written to a temporary folder, loaded with pm_model_load() and scored. */
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include "check_internal.h" /* pm_check_def_at(): each rule's evaluation */
#include "premarket/check.h"
#include "premarket/load.h"
#include "premarket/threats.h"

static char dir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/pm-test-check-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* A complete model of a small cyber device: every rule passes or does not apply.
 * Split in parts (C11 guarantees string literals up to 4095 bytes only); joined in main(). */
static const char *const BASE_PARTS[] = {
        "device:\n"
        "  name: Test Pump\n"
        "  version: 1.0.0\n"
        "  manufacturer: {name: Maker Inc.}\n"
        "  submission_type: 510k\n"
        "  intended_use: Insulin delivery.\n"
        "  use_environment: Home; networks are hostile.\n"
        "  cyber_device:\n"
        "    software: true\n"
        "    internet_connectable: true\n"
        "    vulnerable_characteristics: true\n"
        "    connectivity: [Phone app over BLE, Cloud over HTTPS]\n"
        "    rationale: Software, reaches the internet through the app.\n"
        "  date: 2026-06-01\n"
        "risk_management:\n"
        "  plan_reference: SRMP-1\n"
        "  methodology: STRIDE per element.\n"
        "  methodology_rationale: Covers every element and flow.\n"
        "  assumptions: [The phone is hostile.]\n"
        "  safety_risk_transfer: Uncontrolled risks become hazards in the RMF.\n"
        "  residual_risk_conclusion: All residual risks are controlled.\n"
        "  anomaly_criteria: Anomalies with a security impact are fixed before release.\n"
        "  risk_transfers:\n"
        "    - description: Keep the phone OS updated.\n"
        "      to: Patient\n"
        "      disclosed_in: User guide 3\n"
        "assets:\n"
        "  - id: A-DOSE\n"
        "    name: Dosing\n"
        "    kind: function\n"
        "    harm: {confidentiality: negligible, integrity: critical, availability: serious}\n"
        "    safety_relevant: true\n"
        "  - id: A-DATA\n"
        "    name: History\n"
        "    kind: data\n"
        "    harm: {confidentiality: minor, integrity: minor, availability: minor}\n"
        "zones:\n"
        "  - {id: Z-BODY, name: Body, trust: partially_trusted}\n"
        "  - {id: Z-PHONE, name: Phone, trust: untrusted}\n"
        "  - {id: Z-CLOUD, name: Cloud, trust: partially_trusted}\n"
        "  - {id: Z-MFR, name: Manufacturer, trust: trusted}\n"
        "components:\n"
        "  - id: C-PUMP\n"
        "    name: Pump\n"
        "    kind: device\n"
        "    zone: Z-BODY\n"
        "    assets: [A-DOSE, A-DATA]\n"
        "    sbom: [SB-FW]\n"
        "    interfaces:\n"
        "      - id: IF-PUMP-BLE\n"
        "        kind: ble\n"
        "        direction: both\n"
        "        status: used\n"
        "        protocols: [BLE 5.3]\n"
        "        ports: [2.4 GHz]\n"
        "        authentication: LE Secure Connections\n"
        "        encryption: AES-CCM\n"
        "      - id: IF-PUMP-SWD\n"
        "        kind: debug\n"
        "        status: disabled\n"
        "        rationale: Locked at end of line.\n"
        "  - id: C-APP\n"
        "    name: App\n"
        "    kind: app\n"
        "    zone: Z-PHONE\n"
        "    assets: [A-DOSE, A-DATA]\n"
        "    sbom: [SB-APP]\n"
        "    interfaces:\n"
        "      - id: IF-APP-BLE\n"
        "        kind: ble\n"
        "        status: used\n"
        "        authentication: LE Secure Connections\n"
        "        encryption: AES-CCM\n"
        "      - id: IF-APP-NET\n"
        "        kind: api\n"
        "        status: used\n"
        "        authentication: OAuth 2.0\n"
        "        encryption: TLS 1.3\n"
        "  - id: C-CLOUD\n"
        "    name: Cloud\n"
        "    kind: cloud_service\n"
        "    zone: Z-CLOUD\n"
        "    assets: [A-DATA]\n"
        "  - id: C-BUILD\n"
        "    name: Build pipeline\n"
        "    kind: server\n"
        "    zone: Z-MFR\n"
        "  - id: C-USER\n"
        "    name: Patient\n"
        "    kind: user\n"
        "    zone: Z-PHONE\n"
        "flows:\n"
        "  - id: F-CMD\n"
        "    name: Dose commands\n"
        "    from: C-APP\n"
        "    to: C-PUMP\n"
        "    from_interface: IF-APP-BLE\n"
        "    to_interface: IF-PUMP-BLE\n"
        "    kind: command\n"
        "    protocol: GATT\n"
        "    protocol_version: BLE 5.3\n"
        "    port: 2.4 GHz\n"
        "    assets: [A-DOSE]\n"
        "    authentication: Per-command MAC with counter\n"
        "    encryption: AES-CCM\n"
        "  - id: F-SYNC\n"
        "    name: History upload\n"
        "    from: C-APP\n"
        "    to: C-CLOUD\n"
        "    from_interface: IF-APP-NET\n"
        "    kind: data\n"
        "    protocol: HTTPS\n"
        "    protocol_version: TLS 1.3\n"
        "    port: 443/tcp\n"
        "    assets: [A-DATA]\n"
        "    authentication: OAuth 2.0 token\n"
        "    encryption: TLS 1.3\n",
        "threats:\n"
        "  - id: T-SPOOF\n"
        "    title: Forged dose command\n"
        "    stride: [spoofing, tampering]\n"
        "    lifecycle: operation\n"
        "    targets: [F-CMD]\n"
        "    assets: [A-DOSE]\n"
        "    hazards: [{id: HAZ-01, title: Wrong dose delivered, document: RMF-1 rev A}]\n"
        "    cvss: CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N\n"
        "    controls: [K-AUTHN, K-CRYPTO]\n"
        "    residual: {exploitability: very_low, rationale: Commands are authenticated.}\n"
        "  - id: T-SYNC\n"
        "    title: History read in transit\n"
        "    stride: [information_disclosure]\n"
        "    lifecycle: interoperation\n"
        "    targets: [F-SYNC]\n"
        "    assets: [A-DATA]\n"
        "    hazards: [{id: HAZ-04, title: Therapy history of many patients disclosed, document: RMF-1 rev A}]\n"
        "    cvss: CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N\n"
        "    controls: [K-CONF, K-AUTHZ]\n"
        "  - id: T-SUPPLY\n"
        "    title: Compromised dependency\n"
        "    stride: [tampering]\n"
        "    lifecycle: supply_chain\n"
        "    targets: [C-BUILD]\n"
        "    assets: [A-DOSE]\n"
        "    hazards: [{id: HAZ-02, title: Unsafe firmware runs, document: RMF-1 rev A}]\n"
        "    cvss: CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:N/I:H/A:N\n"
        "    controls: [K-INTEG]\n"
        "    residual: {exploitability: very_low, rationale: Pinned and verified.}\n"
        "  - id: T-MFG\n"
        "    title: Keys read through the debug port\n"
        "    stride: [information_disclosure]\n"
        "    lifecycle: manufacturing\n"
        "    targets: [IF-PUMP-SWD]\n"
        "    assets: [A-DATA]\n"
        "    exploitability: low\n"
        "    controls: [K-INTEG]\n"
        "    residual: {exploitability: very_low, rationale: Port locked.}\n"
        "  - id: T-DEPLOY\n"
        "    title: Weak app settings at installation\n"
        "    stride: [elevation_of_privilege]\n"
        "    lifecycle: deployment\n"
        "    targets: [C-APP]\n"
        "    assets: [A-DATA]\n"
        "    exploitability: low\n"
        "    controls: [K-AUTHZ]\n"
        "    residual: {exploitability: very_low, rationale: Secure defaults.}\n"
        "  - id: T-UPDATE\n"
        "    title: Malicious update from the cloud\n"
        "    stride: [tampering]\n"
        "    lifecycle: update\n"
        "    targets: [C-CLOUD]\n"
        "    assets: [A-DOSE]\n"
        "    hazards: [{id: HAZ-02, title: Unsafe firmware runs, document: RMF-1 rev A}]\n"
        "    cvss: CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:N/I:H/A:N\n"
        "    controls: [K-UPD, K-LOG]\n"
        "    residual: {exploitability: very_low, rationale: Signed updates.}\n"
        "  - id: T-DECOM\n"
        "    title: Data left on a discarded pump\n"
        "    stride: [information_disclosure]\n"
        "    lifecycle: decommissioning\n"
        "    targets: [C-PUMP]\n"
        "    assets: [A-DATA]\n"
        "    exploitability: low\n"
        "    controls: [K-CONF]\n"
        "    residual: {exploitability: very_low, rationale: Crypto-erase.}\n"
        "  - id: T-DOS\n"
        "    title: Radio jamming\n"
        "    stride: [denial_of_service]\n"
        "    lifecycle: operation\n"
        "    targets: [IF-PUMP-BLE]\n"
        "    assets: [A-DOSE]\n"
        "    hazards: [{id: HAZ-03, title: Dose delayed, document: RMF-1 rev A}]\n"
        "    cvss: CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H\n"
        "    controls: [K-RES]\n"
        "    residual: {exploitability: very_low, rationale: Pump works alone.}\n",
        "controls:\n"
        "  - {id: K-AUTHN, title: Command authentication, category: authentication, requirement: R1, "
        "acceptance_criteria: A1, status: implemented, effect: MAC:H, tests: [TS-REQ, TS-PEN]}\n"
        "  - {id: K-AUTHZ, title: Least privilege, category: authorization, requirement: R2, acceptance_criteria: A2, "
        "status: implemented, effect: MPR:H, tests: [TS-REQ, TS-ASA]}\n"
        "  - {id: K-CRYPTO, title: AES-CCM, category: cryptography, requirement: R3, acceptance_criteria: A3, status: "
        "implemented, tests: [TS-REQ, TS-SCAN]}\n"
        "  - {id: K-INTEG, title: Signed firmware, category: integrity, requirement: R4, acceptance_criteria: A4, "
        "status: implemented, tests: [TS-REQ, TS-SCA, TS-CHAIN]}\n"
        "  - {id: K-CONF, title: Encryption at rest, category: confidentiality, requirement: R5, acceptance_criteria: "
        "A5, status: implemented, tests: [TS-REQ, TS-SAST]}\n"
        "  - {id: K-LOG, title: Event log, category: logging, requirement: R6, acceptance_criteria: A6, status: "
        "implemented, tests: [TS-THREAT]}\n"
        "  - {id: K-RES, title: Autonomous pump, category: resiliency, requirement: R7, acceptance_criteria: A7, "
        "status: implemented, tests: [TS-FUZZ, TS-DAST]}\n"
        "  - {id: K-UPD, title: Signed updates, category: updatability, requirement: R8, acceptance_criteria: A8, "
        "status: implemented, tests: [TS-THREAT]}\n"
        "tests:\n"
        "  - {id: TS-REQ, title: Requirements, kind: security_requirements, performed_by: QA, independence: "
        "internal_independent, result: pass}\n"
        "  - {id: TS-THREAT, title: Threat mitigation, kind: threat_mitigation, performed_by: QA, independence: "
        "internal_independent, result: pass}\n"
        "  - {id: TS-FUZZ, title: BLE fuzzing, kind: fuzz, performed_by: QA, independence: internal_independent, tool: "
        "{name: Defensics, version: '2024.12', configuration: BLE suite}, result: pass}\n"
        "  - {id: TS-ASA, title: Attack surface, kind: attack_surface, performed_by: QA, independence: "
        "internal_independent, result: pass}\n"
        "  - {id: TS-CHAIN, title: Chaining, kind: vulnerability_chaining, performed_by: QA, independence: "
        "internal_independent, result: pass}\n"
        "  - {id: TS-SCAN, title: Scan, kind: closed_box_scan, performed_by: QA, independence: internal_independent, "
        "tool: {name: Nessus, version: '10.8', configuration: Full scan}, result: pass}\n"
        "  - {id: TS-SCA, title: SCA, kind: sca, performed_by: QA, independence: internal_independent, tool: {name: "
        "Black Duck, version: '2025.9', configuration: Binary analysis}, result: pass}\n"
        "  - {id: TS-SAST, title: SAST, kind: static_analysis, performed_by: Dev, independence: internal, tool: {name: "
        "Coverity, version: '2024.12', configuration: MISRA profile}, result: pass}\n"
        "  - {id: TS-DAST, title: DAST, kind: dynamic_analysis, performed_by: QA, independence: internal_independent, "
        "tool: {name: ASan, version: '18', configuration: Unit and fuzz harness}, result: pass}\n"
        "  - id: TS-PEN\n"
        "    title: Penetration test\n"
        "    kind: penetration\n"
        "    performed_by: Acme Labs\n"
        "    independence: third_party\n"
        "    expertise: OSCP\n"
        "    scope: Pump, app and cloud\n"
        "    methods: Grey box\n"
        "    start: 2026-03-02\n"
        "    end: 2026-03-13\n"
        "    result: pass_with_findings\n"
        "    report: PT-2026-01\n"
        "    findings:\n"
        "      - {id: PT-1, title: Verbose errors, severity: low, disposition: fixed, fix_version: 1.0.0}\n"
        "      - {id: PT-2, title: Old TLS cipher on portal, severity: low, disposition: accepted, rationale: Portal "
        "only; removed in 1.1.}\n"
        "      - {id: PT-3, title: Slow lockout, severity: medium, disposition: deferred, rationale: Low "
        "exploitability., deferral_plan: Fixed in 1.1 within 90 days.}\n",
        "sbom:\n"
        "  author: Maker build pipeline\n"
        "  timestamp: 2026-05-30T10:00:00Z\n"
        "  upgrade_plan: Components are reviewed quarterly and replaced before end of support.\n"
        "  availability: Customer portal, CycloneDX JSON.\n"
        "  components:\n"
        "    - id: SB-FW\n"
        "      name: Pump firmware\n"
        "      version: 1.0.0\n"
        "      supplier: Maker Inc.\n"
        "      purl: pkg:generic/maker/pump-fw@1.0.0\n"
        "      support: actively_maintained\n"
        "      end_of_support: 2033-12-31\n"
        "      hashes: [{alg: SHA-256, value: 48276423e1de535d9df897467279e8e6d81697ff8f481c19782ad16e9f700a87}]\n"
        "      depends_on: [SB-LIB]\n"
        "    - id: SB-LIB\n"
        "      name: mbedtls\n"
        "      version: 3.6.4\n"
        "      supplier: Trusted Firmware\n"
        "      purl: pkg:github/Mbed-TLS/mbedtls@v3.6.4\n"
        "      support: actively_maintained\n"
        "      end_of_support: 2027-03-31\n"
        "      hashes: [{alg: SHA-256, value: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08}]\n"
        "    - id: SB-APP\n"
        "      name: Pump app\n"
        "      version: 1.0.0\n"
        "      supplier: Maker Inc.\n"
        "      cpe: cpe:2.3:a:maker:pump_app:1.0.0:*:*:*:*:*:*:*\n"
        "      support: actively_maintained\n"
        "      end_of_support: 2033-12-31\n"
        "      hashes: [{alg: SHA-256, value: 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae}]\n"
        "vulnerabilities:\n"
        "  - id: CVE-2025-0001\n"
        "    title: Library overread\n"
        "    components: [SB-LIB]\n"
        "    kev: false\n"
        "    discovery: sca_scan\n"
        "    status: fixed\n"
        "    assessment: No safety impact after the update.\n"
        "    controls: [K-UPD]\n"
        "anomalies:\n"
        "  - {id: BUG-1, title: Log entry lost on power loss, cwe: [CWE-778], security_impact: low, rationale: Rare; "
        "no dosing impact.}\n"
        "metrics:\n"
        "  available: false\n"
        "  plan: Collected quarterly from release.\n"
        "views:\n"
        "  - {id: V-GLOBAL, kind: global_system, title: Global, description: Everything., components: [C-PUMP, C-APP, "
        "C-CLOUD, C-BUILD]}\n"
        "  - {id: V-MPH, kind: multi_patient_harm, title: Multi-patient, description: Cloud compromise., components: "
        "[C-CLOUD, C-APP]}\n"
        "  - {id: V-UPD, kind: updatability, title: Updates, description: Signed update path., flows: [F-SYNC]}\n"
        "  - {id: V-UC, kind: security_use_case, title: Dosing, use_cases: [UC-DOSE]}\n"
        "use_cases:\n"
        "  - {id: UC-DOSE, title: Delivering a dose, functions: [A-DOSE], states: [therapy], threats: [T-SPOOF], "
        "controls: [K-AUTHN]}\n"
        "labeling:\n"
        "  documents: [User guide]\n"
        "  items:\n"
        "    - {item: L1, content: Keep the phone updated., location: UG 3}\n"
        "    - {item: L2, content: Diagram., location: UG 2}\n"
        "    - {item: L3, content: BLE and HTTPS 443., location: UG 2.2}\n"
        "    - {item: L4, content: Requirements., location: UG 4}\n"
        "    - {item: L5, content: SBOM on the portal., location: Portal}\n"
        "    - {item: L6, content: Updates through the app., location: UG 12}\n"
        "    - {item: L7, content: Events shown in the app., location: UG 10}\n"
        "    - {item: L8, content: Pump works alone., location: UG 8}\n"
        "    - {item: L9, content: Settings backed up., location: UG 11}\n"
        "    - {item: L10, content: Restore settings., location: UG 11.3}\n"
        "    - {item: L11, content: Secure defaults., location: UG 5}\n"
        "    - {item: L12, content: 90-day event log., location: UG 13}\n"
        "    - {item: L13, content: Seven years of support., location: UG 14}\n"
        "    - {item: L14, content: Retire the pump in the app., location: UG 15}\n",
        "management_plan:\n"
        "  reference: CSMP-1\n"
        "  items:\n"
        "    - {item: M1, content: PSIRT., location: CSMP 2}\n"
        "    - {item: M2, content: NVD daily., location: CSMP 4}\n"
        "    - {item: M3, content: KEV within a day., location: CSMP 4.2}\n"
        "    - {item: M4, content: Annual pen test., location: CSMP 6}\n"
        "    - {item: M5, content: 90-day cycle., location: CSMP 5}\n"
        "    - {item: M6, content: Signed releases., location: CSMP 5.2}\n"
        "    - {item: M7, content: 90 percent in 30 days., location: CSMP 5.3}\n"
        "    - {item: M8, content: CVD policy., location: CSMP 7}\n"
        "    - {item: M9, content: In-app notices., location: CSMP 8}\n"
        "  cvd:\n"
        "    policy: https://maker.example/cvd\n"
        "    contact: psirt@maker.example\n"
        "    external: Acknowledged within 2 days.\n"
        "    internal: Advisories for own findings.\n"
        "    disclosure: App notices and letters.\n"
        "  patch_cycle:\n"
        "    regular_days: 90\n"
        "    justification: Matches the release train.\n"
        "    critical_days: 30\n"
        "    out_of_cycle: Critical fixes within 30 days.\n"
        "  related_systems: Cloud, update service, app stores.\n",
        "attachments:\n"
        "  - {document: SRMP-1, title: Security risk management plan and report, location: eSTAR attachment 1}\n"
        "  - {document: CSMP-1, title: Cybersecurity management plan, location: eSTAR attachment 2}\n"
        "  - {document: User guide, location: eSTAR attachment 3}\n"
        "  - {document: PT-2026-01, title: Penetration test report, location: eSTAR attachment 4}\n"
        "risk_policy:\n"
        "  name: Maker security risk policy\n"
        "  document: {id: SRMP-1, title: Security risk management plan}\n"
        "  multi_patient_step: 1\n"
        "  exploitability_levels:\n"
        "    - {id: very_low, name: Very low}\n"
        "    - {id: low, name: Low}\n"
        "    - {id: medium, name: Medium}\n"
        "    - {id: high, name: High}\n"
        "    - {id: very_high, name: Very high}\n"
        "  severity_levels:\n"
        "    - {id: negligible, name: Negligible}\n"
        "    - {id: minor, name: Minor}\n"
        "    - {id: serious, name: Serious}\n"
        "    - {id: critical, name: Critical}\n"
        "    - {id: catastrophic, name: Catastrophic}\n"
        "  risk_levels:\n"
        "    - {id: low, name: Low, acceptable: true}\n"
        "    - {id: medium, name: Medium, acceptable: true}\n"
        "    - {id: high, name: High, acceptable: false}\n"
        "  matrix:\n"
        "    - {exploitability: very_low, cells: [low, low, low, low, medium]}\n"
        "    - {exploitability: low, cells: [low, low, low, medium, medium]}\n"
        "    - {exploitability: medium, cells: [low, low, medium, medium, high]}\n"
        "    - {exploitability: high, cells: [low, medium, medium, high, high]}\n"
        "    - {exploitability: very_high, cells: [low, medium, high, high, high]}\n",
};

static char *BASE;

/* ---- text editing --------------------------------------------------------------- */

static size_t count(const char *text, const char *s)
{
	size_t n = 0;
	for (const char *p = strstr(text, s); p; p = strstr(p + 1, s))
		n++;
	return n;
}

/* text with [at, at + len) replaced by rep; the caller frees it. */
static char *splice(const char *text, const char *at, size_t len, const char *rep)
{
	size_t head = (size_t)(at - text), rl = strlen(rep), tl = strlen(at + len);
	char *out = malloc(head + rl + tl + 1);
	assert_non_null(out);
	memcpy(out, text, head);
	memcpy(out + head, rep, rl);
	memcpy(out + head + rl, at + len, tl + 1);
	return out;
}

/* One edit: replace `old` (which must occur exactly once) by `rep`; with
 * `until`, replace from `old` up to (not including) the next `until`
 * (NULL: to the end when until_end is set). */
typedef struct edit {
	const char *old, *rep, *until;
	int until_end;
} edit;

static char *apply_one(const char *text, const edit *e)
{
	if (count(text, e->old) != 1) {
		fprintf(stderr, "edit: '%s' occurs %zu times\n", e->old, count(text, e->old));
		fail();
	}
	const char *at = strstr(text, e->old);
	size_t len = strlen(e->old);
	if (e->until) {
		const char *end = strstr(at + 1, e->until);
		assert_non_null(end);
		len = (size_t)(end - at);
	} else if (e->until_end) {
		len = strlen(at);
	}
	return splice(text, at, len, e->rep ? e->rep : "");
}

/* Apply edits (terminated by one whose old is NULL); the caller frees the result. */
static char *apply(const char *text, const edit *e)
{
	char *cur = strdup(text);
	assert_non_null(cur);
	for (; e && e->old; e++) {
		char *next = apply_one(cur, e);
		free(cur);
		cur = next;
	}
	return cur;
}

/* Replace every line that starts with prefix by rep (NULL removes it). */
static char *replace_lines(const char *text, const char *prefix, const char *rep)
{
	size_t pl = strlen(prefix), n = strlen(text);
	char *out = malloc(n * 2 + 1024);
	assert_non_null(out);
	size_t o = 0;
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
		if (strncmp(p, prefix, pl) == 0) {
			if (rep) {
				memcpy(out + o, rep, strlen(rep));
				o += strlen(rep);
			}
		} else {
			memcpy(out + o, p, len);
			o += len;
		}
		p += len;
	}
	out[o] = '\0';
	return out;
}

/* 1-based line of the first occurrence of marker. */
static unsigned line_of(const char *text, const char *marker)
{
	const char *at = strstr(text, marker);
	if (!at) {
		fprintf(stderr, "marker not found: %s\n", marker);
		fail();
	}
	unsigned line = 1;
	for (const char *p = text; p < at; p++)
		line += *p == '\n';
	return line;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* ---- loading and checking ------------------------------------------------------------ */

static pm_model *load_path(const char *path)
{
	pm_diags d;
	pm_diags_init(&d);
	pm_model *m = NULL;
	pm_test_load_scored(&path, 1, NULL, &m, &d);
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].sev == PM_ERROR)
			fprintf(stderr, "%s:%u:%u: %s\n", d.v[i].file ? d.v[i].file : "", d.v[i].line, d.v[i].col,
			        d.v[i].msg);
	pm_diags_free(&d);
	assert_non_null(m);
	return m;
}

static const char *model_path(void)
{
	static char p[512];
	snprintf(p, sizeof p, "%s/m.yaml", dir);
	return p;
}

static pm_model *load_text(const char *text)
{
	write_file(model_path(), text);
	return load_path(model_path());
}

static void run(const pm_model *m, long long epoch, pm_check_report *r)
{
	pm_check_options o = {epoch};
	pm_diags d;
	pm_diags_init(&d);
	assert_int_equal(pm_check_run(m, &o, r, &d), 0);
	assert_int_equal(d.n, 0);
	pm_diags_free(&d);
	assert_int_equal(r->n, pm_check_rule_count());
}

static const pm_check_result *find(const pm_check_report *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i].id, id) == 0)
			return &r->v[i];
	fprintf(stderr, "no rule %s\n", id);
	fail();
	return NULL;
}

static bool has_finding(const pm_check_result *x, const char *msg)
{
	for (size_t k = 0; k < x->n_findings; k++)
		if (strstr(x->findings[k].message, msg))
			return true;
	return false;
}

static void dump(const pm_check_result *x)
{
	fprintf(stderr, "  %s: %s (%s)\n", x->id, pm_check_status_name(x->status), x->message);
	for (size_t k = 0; k < x->n_findings; k++)
		fprintf(stderr, "    %s:%u:%u: %s\n", x->findings[k].loc.file ? x->findings[k].loc.file : "-",
		        (unsigned)x->findings[k].loc.line, (unsigned)x->findings[k].loc.col, x->findings[k].message);
}

/* ---- the rule cases: one model that fails (or passes, or does not apply) per case ---- */

#define E(o, r)               \
	{                     \
		o, r, NULL, 0 \
	}
#define CUT(o, u)           \
	{                   \
		o, "", u, 0 \
	}
#define END                         \
	{                           \
		NULL, NULL, NULL, 0 \
	}

typedef struct rule_case {
	const char *name;
	const char *rule;
	edit edits[6];
	pm_check_status want;
	const char *message; /* substring of a finding (FAIL) or of the message (NA, PASS) */
	const char *marker;  /* the first finding is on the line of this text (FAIL), or NULL */
} rule_case;

/* K-CRYPTO verified only by a planned test (TS-LATER): an edit pair. */
#define K_CRYPTO_PLANNED_TEST                                                                                          \
	E("tests: [TS-REQ, TS-SCAN]}", "tests: [TS-LATER]}"),                                                          \
	        E("tests:\n  - {id: TS-REQ", "tests:\n  - {id: TS-LATER, title: Later, kind: fuzz, performed_by: QA, " \
	                                     "independence: internal, result: planned}\n  - {id: TS-REQ")

#define RM  "  plan_reference: SRMP-1"
#define DEV "  name: Test Pump"

static const rule_case cases[] = {
        /* PKG */
        {"PKG-01 internet-connectable without its means",
         "PKG-01",
         {E("    connectivity: [Phone app over BLE, Cloud over HTTPS]\n", ""), END},
         PM_CHECK_FAIL,
         "lists no means of connection",
         "    internet_connectable: true"},
        {"PKG-02 device component without interfaces",
         "PKG-02",
         {E("flows:\n", "  - {id: C-DOCK, name: Dock, kind: device, zone: Z-BODY}\nflows:\n"), END},
         PM_CHECK_FAIL,
         "device component C-DOCK lists no interfaces",
         "  - {id: C-DOCK"},
        {"PKG-03 not internet-connectable with a BLE radio",
         "PKG-03",
         {E("    internet_connectable: true\n", "    internet_connectable: false\n"), END},
         PM_CHECK_FAIL,
         "interface IF-PUMP-BLE (ble, used) of C-PUMP can connect the device to the internet",
         "      - id: IF-PUMP-BLE"},
        {"PKG-03 does not apply to an internet-connectable device",
         "PKG-03",
         {END},
         PM_CHECK_NA,
         "internet-connectable",
         NULL},
        /* RMR */
        {"RMR-01 no methods summary",
         "RMR-01",
         {E("  methodology: STRIDE per element.\n", ""), END},
         PM_CHECK_FAIL,
         "summary of its methods (risk_management.methodology)",
         RM},
        {"RMR-02 no residual-risk conclusion",
         "RMR-02",
         {E("  residual_risk_conclusion: All residual risks are controlled.\n", ""), END},
         PM_CHECK_FAIL,
         "residual-risk conclusion",
         RM},
        {"RMR-03 planned control without a plan",
         "RMR-03",
         {E("tests:\n  - {id: TS-REQ", "  - {id: K-PLAN, title: Later, category: logging, requirement: R9, status: "
                                       "planned}\ntests:\n  - {id: TS-REQ"),
          END},
         PM_CHECK_FAIL,
         "planned control K-PLAN",
         "  - {id: K-PLAN"},
        {"RMR-03 planned control with its target version",
         "RMR-03",
         {E("tests:\n  - {id: TS-REQ", "  - {id: K-PLAN, title: Later, category: logging, requirement: R9, status: "
                                       "planned, target_version: '1.1'}\ntests:\n  - {id: TS-REQ"),
          END},
         PM_CHECK_PASS,
         "",
         NULL},
        {"RMR-04 app not traced to the SBOM",
         "RMR-04",
         {E("    sbom: [SB-APP]\n", ""), END},
         PM_CHECK_FAIL,
         "component C-APP (app) is not traced to the SBOM",
         "  - id: C-APP"},
        {"RMR-04 SBOM component run by nothing",
         "RMR-04",
         {E("      depends_on: [SB-LIB]\n", ""), END},
         PM_CHECK_FAIL,
         "SBOM component SB-LIB is not run by any system component",
         "    - id: SB-LIB"},
        {"RMR-05 transfer without disclosure",
         "RMR-05",
         {E("      disclosed_in: User guide 3\n", ""), END},
         PM_CHECK_FAIL,
         "does not say where it is disclosed",
         "    - description: Keep the phone OS updated."},
        {"RMR-05 transfers not stated",
         "RMR-05",
         {E("  risk_transfers:\n    - description: Keep the phone OS updated.\n      to: Patient\n      disclosed_in: "
            "User guide 3\n",
            ""),
          END},
         PM_CHECK_FAIL,
         "risk_management.risk_transfers",
         RM},
        {"RMR-05 no transfers, stated",
         "RMR-05",
         {E("  risk_transfers:\n    - description: Keep the phone OS updated.\n      to: Patient\n      disclosed_in: "
            "User guide 3\n",
            "  risk_transfers: []\n"),
          END},
         PM_CHECK_PASS,
         "",
         NULL},
        {"RMR-06 no plan reference",
         "RMR-06",
         {E("  plan_reference: SRMP-1\n", ""), END},
         PM_CHECK_FAIL,
         "risk_management.plan_reference",
         "  methodology: STRIDE"},
        /* TM */
        {"TM-01 build pipeline not targeted",
         "TM-01",
         {E("    targets: [C-BUILD]\n", "    targets: [C-APP]\n"), END},
         PM_CHECK_FAIL,
         "no threat targets component C-BUILD (server)",
         "  - id: C-BUILD"},
        {"TM-02 no assumptions",
         "TM-02",
         {E("  assumptions: [The phone is hostile.]\n", ""), END},
         PM_CHECK_FAIL,
         "states no assumptions",
         RM},
        {"TM-03 no decommissioning threat",
         "TM-03",
         {E("    lifecycle: decommissioning\n", "    lifecycle: operation\n"), END},
         PM_CHECK_FAIL,
         "no threat arises in the decommissioning phase",
         "  - id: T-SPOOF"},
        {"TM-04 no methodology rationale",
         "TM-04",
         {E("  methodology_rationale: Covers every element and flow.\n", ""), END},
         PM_CHECK_FAIL,
         "rationale for its threat-modeling methodology",
         RM},
        {"TM-05 boundary flow and interface not targeted",
         "TM-05",
         {E("    targets: [F-SYNC]\n", "    targets: [C-CLOUD]\n"), END},
         PM_CHECK_FAIL,
         "flow F-SYNC (C-APP -> C-CLOUD) crosses the trust boundary Z-PHONE -> Z-CLOUD",
         "      - id: IF-APP-NET"},
        {"TM-01 uncovered component out of scope",
         "TM-01",
         {E("    targets: [C-BUILD]\n", "    targets: [C-APP]\n"),
          E("    zone: Z-MFR\n", "    zone: Z-MFR\n    out_of_scope: The build farm has its own threat model.\n"), END},
         PM_CHECK_PASS,
         "",
         NULL},
        {"TM-01 uncovered component in an out-of-scope zone",
         "TM-01",
         {E("    targets: [C-BUILD]\n", "    targets: [C-APP]\n"),
          E("  - {id: Z-MFR, name: Manufacturer, trust: trusted}\n",
            "  - {id: Z-MFR, name: Manufacturer, trust: trusted, out_of_scope: Analysed separately.}\n"),
          END},
         PM_CHECK_PASS,
         "",
         NULL},
        {"TM-01 component covered through the SBOM component it runs",
         "TM-01",
         {E("    targets: [C-BUILD]\n", "    targets: [SB-FW]\n"),
          E("    zone: Z-MFR\n", "    zone: Z-MFR\n    sbom: [SB-FW]\n"), END},
         PM_CHECK_PASS,
         "",
         NULL},
        {"TM-01 an SBOM component it does not run covers nothing",
         "TM-01",
         {E("    targets: [C-BUILD]\n", "    targets: [SB-FW]\n"), END},
         PM_CHECK_FAIL,
         "no threat targets component C-BUILD (server)",
         "  - id: C-BUILD"},
        {"TM-05 crossing covered by a threat on the boundary's zone",
         "TM-05",
         {E("    targets: [F-SYNC]\n", "    targets: [Z-CLOUD]\n"), END},
         PM_CHECK_PASS,
         "each covered by a threat",
         NULL},
        {"TM-05 a zone on neither side covers nothing",
         "TM-05",
         {E("    targets: [F-SYNC]\n", "    targets: [Z-MFR]\n"), END},
         PM_CHECK_FAIL,
         "flow F-SYNC (C-APP -> C-CLOUD) crosses the trust boundary Z-PHONE -> Z-CLOUD",
         "      - id: IF-APP-NET"},
        {"TM-05 uncovered crossing out of scope",
         "TM-05",
         {E("    targets: [F-SYNC]\n", "    targets: [C-CLOUD]\n"),
          E("    authentication: OAuth 2.0 token\n",
            "    authentication: OAuth 2.0 token\n    out_of_scope: Covered by the cloud provider's assessment.\n"),
          END},
         PM_CHECK_PASS,
         "1 flows cross",
         NULL},
        {"TM-07 mitigated threat with controlled risks",
         "TM-07",
         {E("    controls: [K-AUTHN, K-CRYPTO]\n", "    controls: [K-AUTHN, K-CRYPTO]\n    status: mitigated\n"), END},
         PM_CHECK_PASS,
         "1 threats state a status",
         NULL},
        {"TM-07 mitigated threat without a control",
         "TM-07",
         {E("    controls: [K-AUTHN, K-CRYPTO]\n", "    status: mitigated\n"), END},
         PM_CHECK_FAIL,
         "threat T-SPOOF is mitigated, but its risk to asset A-DOSE is uncontrolled: it is acceptable only by a "
         "stated residual",
         "    status: mitigated"},
        {"TM-07 mitigated threat whose residual risk is not acceptable",
         "TM-07",
         {E("    controls: [K-AUTHN, K-CRYPTO]\n    residual: {exploitability: very_low, rationale: Commands are "
            "authenticated.}\n",
            "    status: mitigated\n"),
          END},
         PM_CHECK_FAIL,
         "uncontrolled: its residual risk is not acceptable",
         "    status: mitigated"},
        {"TM-07 false positive scored as an uncontrolled risk",
         "TM-07",
         {E("    controls: [K-AUTHN, K-CRYPTO]\n",
            "    status: false_positive\n    status_rationale: Commands never reach the radio.\n"),
          END},
         PM_CHECK_FAIL,
         "threat T-SPOOF is a false positive, yet the register scores its risk to asset A-DOSE as uncontrolled",
         "    status: false_positive"},
        {"TM-07 transferred threat without a disclosed transfer",
         "TM-07",
         {E("    controls: [K-AUTHZ]\n", "    controls: [K-AUTHZ]\n    status: transferred\n    status_rationale: The "
                                         "clinic configures the app.\n"),
          E("  risk_transfers:\n    - description: Keep the phone OS updated.\n      to: Patient\n      disclosed_in: "
            "User guide 3\n",
            "  risk_transfers: []\n"),
          END},
         PM_CHECK_FAIL,
         "threat T-DEPLOY is transferred, but the report discloses no risk transfer",
         "    status: transferred"},
        {"TM-07 transferred threat with a disclosed transfer",
         "TM-07",
         {E("    controls: [K-AUTHZ]\n", "    controls: [K-AUTHZ]\n    status: transferred\n    status_rationale: The "
                                         "clinic configures the app.\n"),
          END},
         PM_CHECK_PASS,
         "",
         NULL},
        {"TM-07 no status stated", "TM-07", {END}, PM_CHECK_NA, "no threat states a status", NULL},
        {"TM-06 without the rule catalog", "TM-06", {END}, PM_CHECK_NA, "did not run", NULL},
        /* RA */
        {"RA-02 unacceptable risk without controls",
         "RA-02",
         {E("    controls: [K-AUTHN, K-CRYPTO]\n", ""), END},
         PM_CHECK_FAIL,
         "threat T-SPOOF has a risk that is not acceptable before controls",
         "  - id: T-SPOOF"},
        {"RA-03 controls not credited",
         "RA-03",
         {E("    residual: {exploitability: very_low, rationale: Port locked.}\n", ""), END},
         PM_CHECK_FAIL,
         "threat T-MFG has implemented controls but no score after them",
         "  - id: T-MFG"},
        {"RA-05 no transfer to safety",
         "RA-05",
         {E("  safety_risk_transfer: Uncontrolled risks become hazards in the RMF.\n", ""), END},
         PM_CHECK_FAIL,
         "risk_management.safety_risk_transfer",
         RM},
        {"RA-06 affected KEV entry without control",
         "RA-06",
         {E("    kev: false\n    discovery: sca_scan\n    status: fixed\n",
            "    kev: true\n    discovery: sca_scan\n    status: affected\n"),
          E("    controls: [K-UPD]\n", ""), END},
         PM_CHECK_FAIL,
         "KEV vulnerability CVE-2025-0001 is affected",
         "  - id: CVE-2025-0001"},
        {"RA-06 affected KEV entry with a control",
         "RA-06",
         {E("    kev: false\n    discovery: sca_scan\n    status: fixed\n",
            "    kev: true\n    discovery: sca_scan\n    status: affected\n"),
          END},
         PM_CHECK_PASS,
         "",
         NULL},
        {"RA-07 uncontrolled residual without benefit-risk",
         "RA-07",
         {E("residual: {exploitability: very_low, rationale: Commands are authenticated.}",
            "residual: {exploitability: very_high, rationale: Not credited.}"),
          END},
         PM_CHECK_FAIL,
         "threat T-SPOOF keeps a residual risk outside the acceptance criteria",
         "  - id: T-SPOOF"},
        {"RA-07 uncontrolled residual with the report's benefit-risk",
         "RA-07",
         {E("residual: {exploitability: very_low, rationale: Commands are authenticated.}",
            "residual: {exploitability: very_high, rationale: Not credited.}"),
          E("  anomaly_criteria:", "  benefit_risk: Accepted for the clinical benefit.\n  anomaly_criteria:"), END},
         PM_CHECK_PASS,
         "each with a benefit-risk rationale",
         NULL},
        {"RA-07 uncontrolled residual with the threat's benefit-risk",
         "RA-07",
         {E("residual: {exploitability: very_low, rationale: Commands are authenticated.}",
            "residual: {exploitability: very_high, rationale: Not credited.}\n    benefit_risk: Accepted."),
          END},
         PM_CHECK_PASS,
         "",
         NULL},
        /* IO */
        {"IO-01 used interface without encryption",
         "IO-01",
         {E("      - id: IF-APP-BLE\n        kind: ble\n        status: used\n        authentication: LE Secure "
            "Connections\n        encryption: AES-CCM\n",
            "      - id: IF-APP-BLE\n        kind: ble\n        status: used\n        authentication: LE Secure "
            "Connections\n"),
          END},
         PM_CHECK_FAIL,
         "used interface IF-APP-BLE lacks its encryption",
         "      - id: IF-APP-BLE"},
        /* SB */
        {"SB-01 no SBOM",
         "SB-01",
         {E("    sbom: [SB-FW]\n", ""), E("    sbom: [SB-APP]\n", ""),
          E("    components: [SB-LIB]\n", "    components: [C-PUMP]\n"), CUT("sbom:\n  author", "vulnerabilities:\n"),
          END},
         PM_CHECK_FAIL,
         "the model has no SBOM",
         DEV},
        {"SB-02 without author and identifier",
         "SB-02",
         {E("      purl: pkg:github/Mbed-TLS/mbedtls@v3.6.4\n", ""), E("  author: Maker build pipeline\n", ""), END},
         PM_CHECK_FAIL,
         "SBOM component SB-LIB lacks a unique identifier (purl or cpe)",
         "  timestamp: 2026-05-30"},
        {"SB-02 without dependency relationships",
         "SB-02",
         {E("      depends_on: [SB-LIB]\n", ""), END},
         PM_CHECK_FAIL,
         "the SBOM lacks dependency relationships",
         "  author: Maker"},
        {"SB-02 does not apply without an SBOM",
         "SB-02",
         {E("    sbom: [SB-FW]\n", ""), E("    sbom: [SB-APP]\n", ""),
          E("    components: [SB-LIB]\n", "    components: [C-PUMP]\n"), CUT("sbom:\n  author", "vulnerabilities:\n"),
          END},
         PM_CHECK_NA,
         "no SBOM",
         NULL},
        {"SB-03 no end-of-support date",
         "SB-03",
         {E("      end_of_support: 2027-03-31\n", ""), END},
         PM_CHECK_FAIL,
         "SBOM component SB-LIB (mbedtls 3.6.4) lacks an end-of-support date",
         "    - id: SB-LIB"},
        {"SB-03 support unknown",
         "SB-03",
         {E("      cpe: cpe:2.3:a:maker:pump_app:1.0.0:*:*:*:*:*:*:*\n      support: actively_maintained\n",
            "      cpe: cpe:2.3:a:maker:pump_app:1.0.0:*:*:*:*:*:*:*\n      support: unknown\n"),
          END},
         PM_CHECK_FAIL,
         "SB-APP (Pump app 1.0.0) lacks a level of support (support is unknown)",
         "      support: unknown"},
        {"SB-03 support entry for an imported component without a date",
         "SB-03",
         {E("  components:\n    - id: SB-FW\n",
            "  support:\n    - {purl: pkg:npm/left-pad@1.3.0, support: abandoned}\n  components:\n    - id: SB-FW\n"),
          END},
         PM_CHECK_FAIL,
         "support entry for pkg:npm/left-pad@1.3.0 lacks an end-of-support date",
         "    - {purl: pkg:npm/left-pad"},
        {"SB-04 no upgrade plan",
         "SB-04",
         {E("  upgrade_plan: Components are reviewed quarterly and replaced before end of support.\n", ""), END},
         PM_CHECK_FAIL,
         "sbom.upgrade_plan",
         "  author: Maker"},
        {"SB-05 past end of support without a plan",
         "SB-05",
         {E("      end_of_support: 2027-03-31\n", "      end_of_support: 2026-01-31\n"), END},
         PM_CHECK_FAIL,
         "SB-LIB (mbedtls 3.6.4) reached its end of support on 2026-01-31, before the documentation date 2026-06-01",
         "      end_of_support: 2026-01-31"},
        {"SB-05 past end of support, named in the upgrade plan",
         "SB-05",
         {E("      end_of_support: 2027-03-31\n", "      end_of_support: 2026-01-31\n"),
          E("  upgrade_plan: Components are reviewed quarterly and replaced before end of support.\n",
            "  upgrade_plan: mbedtls 3.6 is replaced by 4.0 in release 1.1.\n"),
          END},
         PM_CHECK_PASS,
         "1 components past end of support on 2026-06-01",
         NULL},
        {"SB-05 past end of support, named by an updatability control",
         "SB-05",
         {E("      end_of_support: 2027-03-31\n", "      end_of_support: 2026-01-31\n"),
          E("{id: K-UPD, title: Signed updates,", "{id: K-UPD, title: Signed updates and replacement of SB-LIB,"), END},
         PM_CHECK_PASS,
         "",
         NULL},
        {"SB-05 without a documentation date",
         "SB-05",
         {E("  date: 2026-06-01\n", ""), END},
         PM_CHECK_NA,
         "no documentation date",
         NULL},
        {"SB-06 component without hash",
         "SB-06",
         {E("      hashes: [{alg: SHA-256, value: 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae}]\n",
            ""),
          END},
         PM_CHECK_FAIL,
         "SBOM component SB-APP has no hash",
         "    - id: SB-APP"},
        /* VA */
        {"VA-01 no vulnerability list",
         "VA-01",
         {CUT("vulnerabilities:\n  - id: CVE", "anomalies:\n"), END},
         PM_CHECK_FAIL,
         "no known-vulnerability list",
         DEV},
        {"VA-01 no known vulnerabilities, stated",
         "VA-01",
         {CUT("vulnerabilities:\n  - id: CVE", "anomalies:\n"), E("anomalies:\n", "vulnerabilities: []\nanomalies:\n"),
          END},
         PM_CHECK_PASS,
         "0 known vulnerabilities",
         NULL},
        {"VA-02 other discovery without detail",
         "VA-02",
         {E("    discovery: sca_scan\n", "    discovery: other\n"), END},
         PM_CHECK_FAIL,
         "discovered by \"other\" means",
         "    discovery: other"},
        {"VA-03 affected without controls",
         "VA-03",
         {E("    status: fixed\n", "    status: affected\n"), E("    controls: [K-UPD]\n", ""), END},
         PM_CHECK_FAIL,
         "CVE-2025-0001 is affected and names no compensating control",
         "  - id: CVE-2025-0001"},
        /* UA, MET */
        {"UA-01 no anomaly criteria",
         "UA-01",
         {E("  anomaly_criteria: Anomalies with a security impact are fixed before release.\n", ""), END},
         PM_CHECK_FAIL,
         "risk_management.anomaly_criteria",
         RM},
        {"UA-01 anomaly without CWE",
         "UA-01",
         {E("cwe: [CWE-778], ", ""), END},
         PM_CHECK_FAIL,
         "anomaly BUG-1 has a low security impact but names no CWE",
         "  - {id: BUG-1"},
        {"UA-01 no anomaly assessment",
         "UA-01",
         {CUT("anomalies:\n", "metrics:\n"), END},
         PM_CHECK_FAIL,
         "no unresolved-anomaly assessment",
         DEV},
        {"MET-01 available without numbers",
         "MET-01",
         {E("  available: false\n  plan: Collected quarterly from release.\n", "  available: true\n"), END},
         PM_CHECK_FAIL,
         "percent_patched, mean_days_to_patch and mean_days_to_deploy",
         "  available: true"},
        {"MET-01 none available and no plan",
         "MET-01",
         {E("  plan: Collected quarterly from release.\n", ""), END},
         PM_CHECK_FAIL,
         "metrics.plan",
         "  available: false"},
        {"MET-01 no metrics", "MET-01", {CUT("metrics:\n", "views:\n"), END}, PM_CHECK_FAIL, "no TPLC metrics", DEV},
        /* CTL */
        {"CTL-01 no logging control",
         "CTL-01",
         {E("category: logging,", "category: integrity,"), END},
         PM_CHECK_FAIL,
         "no control in the logging category",
         "  - {id: K-AUTHN"},
        {"CTL-01 control without acceptance criteria",
         "CTL-01",
         {E("acceptance_criteria: A3, ", ""), END},
         PM_CHECK_FAIL,
         "control K-CRYPTO lacks acceptance criteria",
         "  - {id: K-CRYPTO"},
        {"CTL-02 implemented control without tests",
         "CTL-02",
         {E("tests: [TS-FUZZ, TS-DAST]}", "tests: []}"), END},
         PM_CHECK_FAIL,
         "implemented control K-RES is verified by no test",
         "  - {id: K-RES"},
        /* AV */
        {"AV-01 no global view",
         "AV-01",
         {CUT("  - {id: V-GLOBAL", "  - {id: V-MPH"), END},
         PM_CHECK_FAIL,
         "no global_system view",
         "  - {id: V-MPH"},
        {"AV-01 global view not applicable, with rationale",
         "AV-01",
         {E("title: Global, description: Everything., components: [C-PUMP, C-APP, C-CLOUD, C-BUILD]}",
            "title: Global, status: not_applicable, rationale: One element.}"),
          END},
         PM_CHECK_PASS,
         "",
         NULL},
        {"AV-01 empty global view",
         "AV-01",
         {E("title: Global, description: Everything., components: [C-PUMP, C-APP, C-CLOUD, C-BUILD]}",
            "title: Global}"),
          END},
         PM_CHECK_FAIL,
         "view V-GLOBAL (global_system) has no content",
         "  - {id: V-GLOBAL"},
        {"AV-02 no multi-patient harm view",
         "AV-02",
         {CUT("  - {id: V-MPH", "  - {id: V-UPD"), END},
         PM_CHECK_FAIL,
         "no multi_patient_harm view",
         "  - {id: V-GLOBAL"},
        {"AV-03 no updatability view",
         "AV-03",
         {CUT("  - {id: V-UPD", "  - {id: V-UC"), END},
         PM_CHECK_FAIL,
         "no updatability view",
         "  - {id: V-GLOBAL"},
        {"AV-04 safety-relevant asset without use case",
         "AV-04",
         {E("functions: [A-DOSE]", "functions: [A-DATA]"), END},
         PM_CHECK_FAIL,
         "safety-relevant asset A-DOSE has no security use case",
         "  - id: A-DOSE"},
        {"AV-04 no use case view",
         "AV-04",
         {CUT("  - {id: V-UC", "use_cases:\n"), END},
         PM_CHECK_FAIL,
         "no security_use_case view",
         "  - {id: V-GLOBAL"},
        {"AV-05 path without protocol version or port",
         "AV-05",
         {E("    protocol_version: TLS 1.3\n    port: 443/tcp\n", ""), END},
         PM_CHECK_FAIL,
         "flow F-SYNC lacks a protocol version or port",
         "  - id: F-SYNC"},
        {"AV-05 path without assets",
         "AV-05",
         {E("    assets: [A-DATA]\n    authentication: OAuth", "    authentication: OAuth"), END},
         PM_CHECK_FAIL,
         "flow F-SYNC lacks the assets it carries",
         "  - id: F-SYNC"},
        {"AV-06 boundary flow without encryption",
         "AV-06",
         {E("    authentication: OAuth 2.0 token\n    encryption: TLS 1.3\n",
            "    authentication: OAuth 2.0 token\n    encryption: none\n"),
          END},
         PM_CHECK_FAIL,
         "flow F-SYNC crosses the trust boundary Z-PHONE -> Z-CLOUD without encryption",
         "    encryption: none"},
        {"AV-06 boundary flow without encryption, justified",
         "AV-06",
         {E("    authentication: OAuth 2.0 token\n    encryption: TLS 1.3\n",
            "    authentication: OAuth 2.0 token\n    encryption: 'None: only anonymous statistics'\n"),
          END},
         PM_CHECK_PASS,
         "",
         NULL},
        /* TST */
        {"TST-01 security requirements test only planned",
         "TST-01",
         {E("kind: security_requirements, performed_by: QA, independence: internal_independent, result: pass",
            "kind: security_requirements, performed_by: QA, independence: internal_independent, result: planned"),
          END},
         PM_CHECK_FAIL,
         "security requirements testing is only planned",
         "  - {id: TS-REQ"},
        {"TST-02 no threat mitigation test",
         "TST-02",
         {E("kind: threat_mitigation", "kind: attack_surface"), END},
         PM_CHECK_FAIL,
         "no threat mitigation testing",
         "  - {id: TS-REQ"},
        {"TST-03 no vulnerability chaining",
         "TST-03",
         {E("kind: vulnerability_chaining", "kind: attack_surface"), END},
         PM_CHECK_FAIL,
         "no vulnerability chaining",
         "  - {id: TS-REQ"},
        {"TST-04 penetration test only planned",
         "TST-04",
         {E("    result: pass_with_findings\n", "    result: planned\n"), END},
         PM_CHECK_FAIL,
         "penetration testing is only planned",
         "  - {id: TS-REQ"},
        {"TST-05 does not apply without a performed penetration test",
         "TST-05",
         {E("    result: pass_with_findings\n", "    result: planned\n"), END},
         PM_CHECK_NA,
         "no performed penetration test",
         NULL},
        {"TST-05 report without expertise and methods",
         "TST-05",
         {E("    expertise: OSCP\n", ""), E("    methods: Grey box\n", ""), END},
         PM_CHECK_FAIL,
         "penetration test TS-PEN lacks their technical expertise (expertise) and the methods (methods)",
         "  - id: TS-PEN"},
        {"TST-06 tool without version",
         "TST-06",
         {E("tool: {name: Nessus, version: '10.8', configuration: Full scan}",
            "tool: {name: Nessus, configuration: Full scan}"),
          END},
         PM_CHECK_FAIL,
         "test TS-SCAN lacks the tool version",
         "  - {id: TS-SCAN"},
        {"TST-06 fuzzing without tool",
         "TST-06",
         {E("tool: {name: Defensics, version: '2024.12', configuration: BLE suite}, ", ""), END},
         PM_CHECK_FAIL,
         "test TS-FUZZ lacks the tool used",
         "  - {id: TS-FUZZ"},
        {"TST-06 third party without report",
         "TST-06",
         {E("    report: PT-2026-01\n", ""), END},
         PM_CHECK_FAIL,
         "third party's original report",
         "  - id: TS-PEN"},
        {"TST-06 accepted finding without rationale",
         "TST-06",
         {E(", rationale: Portal only; removed in 1.1.}", "}"), END},
         PM_CHECK_FAIL,
         "finding PT-2 of test TS-PEN is accepted without the manufacturer's assessment",
         "      - {id: PT-2"},
        {"TST-07 failed test with an open finding",
         "TST-07",
         {E("    result: pass_with_findings\n", "    result: fail\n"),
          E("disposition: fixed, fix_version: 1.0.0}", "disposition: open}"), END},
         PM_CHECK_FAIL,
         "finding PT-1 of test TS-PEN is open without an assessment",
         "    result: fail"},
        {"TST-07 deferred finding without plan",
         "TST-07",
         {E(", deferral_plan: Fixed in 1.1 within 90 days.}", "}"), END},
         PM_CHECK_FAIL,
         "deferred finding PT-3 of test TS-PEN lacks a deferral plan",
         "      - {id: PT-3"},
        /* LBL, CMP: also tested item by item below */
        {"LBL-07 item not applicable, with rationale",
         "LBL-07",
         {E("{item: L7, content: Events shown in the app., location: UG 10}",
            "{item: L7, status: not_applicable, rationale: No security events.}"),
          END},
         PM_CHECK_PASS,
         "",
         NULL},
        {"LBL-05 SBOM promised but absent",
         "LBL-05",
         {E("    sbom: [SB-FW]\n", ""), E("    sbom: [SB-APP]\n", ""),
          E("    components: [SB-LIB]\n", "    components: [C-PUMP]\n"), CUT("sbom:\n  author", "vulnerabilities:\n"),
          END},
         PM_CHECK_FAIL,
         "labeling item L5 promises an SBOM, but the model has none",
         "    - {item: L5"},
        {"CMP-08 no labeling of plan elements",
         "CMP-08",
         {CUT("  items:\n    - {item: M1", "  cvd:\n"), END},
         PM_CHECK_FAIL,
         "plan element M8 (Coordinated vulnerability disclosure process) is missing",
         "  reference: CSMP-1"},
        /* 524 */
        {"524-01 CVD without internal disclosure",
         "524-01",
         {E("    internal: Advisories for own findings.\n", ""), END},
         PM_CHECK_FAIL,
         "lacks disclosure of vulnerabilities the manufacturer finds (internal)",
         "    policy: https://maker.example/cvd"},
        {"524-01 no CVD section",
         "524-01",
         {CUT("  cvd:\n", "  patch_cycle:\n"), END},
         PM_CHECK_FAIL,
         "no coordinated vulnerability disclosure section",
         "  reference: CSMP-1"},
        {"524-01 does not apply to a device that is not a cyber device",
         "524-01",
         {E("    vulnerable_characteristics: true\n", "    vulnerable_characteristics: false\n"), END},
         PM_CHECK_NA,
         "not a cyber device",
         NULL},
        {"524-01 does not apply to an IDE",
         "524-01",
         {E("  submission_type: 510k\n", "  submission_type: ide\n"), END},
         PM_CHECK_NA,
         "does not apply to an IDE",
         NULL},
        {"524-02 cycle without justification",
         "524-02",
         {E("    justification: Matches the release train.\n", ""), END},
         PM_CHECK_FAIL,
         "the justification of that cycle (justification)",
         "    regular_days: 90"},
        {"524-02 no out-of-cycle process",
         "524-02",
         {E("    out_of_cycle: Critical fixes within 30 days.\n", ""), END},
         PM_CHECK_FAIL,
         "out-of-cycle process",
         "    regular_days: 90"},
        {"524-02 no patch timeline",
         "524-02",
         {CUT("  patch_cycle:\n", "  related_systems:"), END},
         PM_CHECK_FAIL,
         "no patch timeline",
         "  reference: CSMP-1"},
        {"524-03 no related systems",
         "524-03",
         {E("  related_systems: Cloud, update service, app stores.\n", ""), END},
         PM_CHECK_FAIL,
         "related systems",
         "  reference: CSMP-1"},
        /* MOD */
        {"MOD-01 does not apply without prior versions", "MOD-01", {END}, PM_CHECK_NA, "no prior versions", NULL},
        {"MOD-01 unlikely-to-impact change without its statements",
         "MOD-01",
         {E("  date: 2026-06-01\n",
            "  date: 2026-06-01\n  previous_clearance: {number: K231234, impact: unlikely_to_impact}\n"),
          END},
         PM_CHECK_FAIL,
         "the modification of K231234 lacks a summary of the changes (changes), a statement on critical "
         "vulnerabilities",
         "  previous_clearance: {number: K231234"},
        {"MOD-01 unlikely-to-impact change, complete",
         "MOD-01",
         {E("  date: 2026-06-01\n", "  date: 2026-06-01\n  previous_clearance: {number: K231234, impact: "
                                    "unlikely_to_impact, changes: New sensor., "
                                    "critical_vulnerabilities: None., remediation_history: None since.}\n"),
          END},
         PM_CHECK_PASS,
         "",
         NULL},
        {"MOD-01 may-impact change with its summary",
         "MOD-01",
         {E("  date: 2026-06-01\n",
            "  date: 2026-06-01\n  previous_clearance: {number: K231234, impact: may_impact, changes: New radio.}\n"),
          END},
         PM_CHECK_PASS,
         "",
         NULL},
        /* IDE */
        {"IDE-01 does not apply to a 510(k)", "IDE-01", {END}, PM_CHECK_NA, "not an IDE", NULL},
        {"IDE-01 IDE without update labeling",
         "IDE-01",
         {E("  submission_type: 510k\n", "  submission_type: ide\n"),
          E("    - {item: L6, content: Updates through the app., location: UG 12}\n", ""), END},
         PM_CHECK_FAIL,
         "its update process (item L6)",
         "  documents: [User guide]"},
        {"IDE-01 IDE with general labeling",
         "IDE-01",
         {E("  submission_type: 510k\n", "  submission_type: ide\n"), END},
         PM_CHECK_PASS,
         "informed-consent form",
         NULL},
        /* placeholders are not data (ck_placeholder) */
        {"IO-01 interface authentication not specified",
         "IO-01",
         {E("        authentication: OAuth 2.0\n", "        authentication: Not specified in the source model\n"), END},
         PM_CHECK_FAIL,
         "used interface IF-APP-NET lacks its authentication",
         "      - id: IF-APP-NET"},
        {"IO-01 a text that only starts with a placeholder word",
         "IO-01",
         {E("        authentication: OAuth 2.0\n", "        authentication: Unknown clients are refused; OAuth 2.0\n"),
          END},
         PM_CHECK_PASS,
         "",
         NULL},
        {"AV-06 boundary flow encryption not specified",
         "AV-06",
         {E("    authentication: OAuth 2.0 token\n    encryption: TLS 1.3\n",
            "    authentication: OAuth 2.0 token\n    encryption: Not specified in the source model\n"),
          END},
         PM_CHECK_FAIL,
         "flow F-SYNC crosses the trust boundary Z-PHONE -> Z-CLOUD without encryption",
         "    encryption: Not specified"},
        {"AV-05 protocol version TBD and port unknown",
         "AV-05",
         {E("    protocol_version: TLS 1.3\n    port: 443/tcp\n", "    protocol_version: TBD\n    port: unknown\n"),
          END},
         PM_CHECK_FAIL,
         "flow F-SYNC lacks a protocol version or port",
         "  - id: F-SYNC"},
        {"LBL-03 item that says TBD, located n/a",
         "LBL-03",
         {E("{item: L3, content: BLE and HTTPS 443., location: UG 2.2}", "{item: L3, content: TBD, location: n/a}"),
          END},
         PM_CHECK_FAIL,
         "L3 is provided but says neither what (content) nor where (location)",
         "    - {item: L3"},
        {"RMR-01 methodology not stated",
         "RMR-01",
         {E("  methodology: STRIDE per element.\n", "  methodology: Not stated.\n"), END},
         PM_CHECK_FAIL,
         "summary of its methods",
         RM},
        /* RA: the register's outcomes (docs/risk-method.md, "Outcomes") */
        {"RA-03 vector threat whose implemented controls have no effect",
         "RA-03",
         {E("status: implemented, effect: MPR:H, tests: [TS-REQ, TS-ASA]}",
            "status: implemented, tests: [TS-REQ, TS-ASA]}"),
          END},
         PM_CHECK_FAIL,
         "threat T-SYNC has implemented controls (K-CONF and K-AUTHZ) but none is credited",
         "  - id: T-SYNC"},
        {"RA-07 uncontrolled residual whose controls are only planned",
         "RA-07",
         {E("    controls: [K-AUTHN, K-CRYPTO]\n    residual: {exploitability: very_low, rationale: Commands are "
            "authenticated.}\n",
            "    controls: [K-PLAN]\n"),
          E("tests:\n  - {id: TS-REQ",
            "  - {id: K-PLAN, title: Later, category: authentication, requirement: R9, status: "
            "planned, target_version: '1.1'}\ntests:\n  - {id: TS-REQ"),
          END},
         PM_CHECK_FAIL,
         "threat T-SPOOF keeps a residual risk outside the acceptance criteria without a benefit-risk rationale "
         "(benefit_risk); its controls (K-PLAN) are only planned",
         "  - id: T-SPOOF"},
        {"RA-07 does not report an acceptable residual resting on an unverified control",
         "RA-07",
         {K_CRYPTO_PLANNED_TEST, END},
         PM_CHECK_PASS,
         "every residual risk is within the acceptance criteria",
         NULL},
        {"RA-08 acceptable only if a control with only a planned test works",
         "RA-08",
         {K_CRYPTO_PLANNED_TEST, END},
         PM_CHECK_FAIL,
         "the residual risk of threat T-SPOOF is acceptable only if controls K-CRYPTO work",
         "  - id: T-SPOOF"},
        {"RA-08 every credited control verified", "RA-08", {END}, PM_CHECK_PASS, "rests on verified ones", NULL},
        {"RA-09 acceptable only through an explicit residual, controls planned",
         "RA-09",
         {E("    controls: [K-AUTHN, K-CRYPTO]\n", "    controls: [K-PLAN]\n"),
          E("tests:\n  - {id: TS-REQ",
            "  - {id: K-PLAN, title: Later, category: authentication, requirement: R9, status: "
            "planned, target_version: '1.1'}\ntests:\n  - {id: TS-REQ"),
          END},
         PM_CHECK_FAIL,
         "threat T-SPOOF is acceptable after controls only through its explicit residual (residual.exploitability or "
         "residual.cvss), and no implemented control is credited: its controls (K-PLAN) are only planned",
         "    residual: {exploitability: very_low, rationale: Commands are authenticated.}"},
        {"RA-09 acceptable only through an explicit residual, no control",
         "RA-09",
         {E("    controls: [K-AUTHN, K-CRYPTO]\n", ""), END},
         PM_CHECK_FAIL,
         "it lists no implemented control (controls)",
         "    residual: {exploitability: very_low, rationale: Commands are authenticated.}"},
        {"RA-10 every control planned",
         "RA-10",
         {{"controls:\n  - {id: K-AUTHN",
           "controls:\n"
           "  - {id: K-AUTHN, title: Command authentication, category: authentication, requirement: R1, "
           "acceptance_criteria: A1, status: planned, target_version: '2.0'}\n"
           "  - {id: K-AUTHZ, title: Least privilege, category: authorization, requirement: R2, acceptance_criteria: "
           "A2, status: planned, target_version: '2.0'}\n"
           "  - {id: K-CRYPTO, title: AES-CCM, category: cryptography, requirement: R3, acceptance_criteria: A3, "
           "status: planned, target_version: '2.0'}\n"
           "  - {id: K-INTEG, title: Signed firmware, category: integrity, requirement: R4, acceptance_criteria: A4, "
           "status: planned, target_version: '2.0'}\n"
           "  - {id: K-CONF, title: Encryption at rest, category: confidentiality, requirement: R5, "
           "acceptance_criteria: A5, status: planned, target_version: '2.0'}\n"
           "  - {id: K-LOG, title: Event log, category: logging, requirement: R6, acceptance_criteria: A6, status: "
           "planned, target_version: '2.0'}\n"
           "  - {id: K-RES, title: Autonomous pump, category: resiliency, requirement: R7, acceptance_criteria: A7, "
           "status: planned, target_version: '2.0'}\n"
           "  - {id: K-UPD, title: Signed updates, category: updatability, requirement: R8, acceptance_criteria: A8, "
           "status: planned, target_version: '2.0'}\n",
           "tests:\n", 0},
          END},
         PM_CHECK_FAIL,
         "every control of the model is planned (8 planned, none implemented)",
         "  - {id: K-AUTHN"},
        {"RA-10 implemented controls", "RA-10", {END}, PM_CHECK_PASS, "8 implemented and 0 planned controls", NULL},
        /* RA: the policy (docs/risk-method.md, "The risk policy") */
        {"RA-12 the default policy",
         "RA-12",
         {{"risk_policy:\n", "", NULL, 1}, END},
         PM_CHECK_FAIL,
         "the model relies on premarket's default risk policy",
         DEV},
        {"RA-12 a copy of the default policy under its name",
         "RA-12",
         {E("  name: Maker security risk policy\n", "  name: premarket default security risk policy\n"),
          E("  document: {id: SRMP-1, title: Security risk management plan}\n", ""), END},
         PM_CHECK_FAIL,
         "the model relies on premarket's default risk policy",
         DEV},
        {"RA-12 the model's own policy", "RA-12", {END}, PM_CHECK_PASS, "Maker security risk policy", NULL},
        {"RA-13 own policy without its document",
         "RA-13",
         {E("  document: {id: SRMP-1, title: Security risk management plan}\n", ""), END},
         PM_CHECK_FAIL,
         "the risk policy does not name the manufacturer's document that defines it",
         "  name: Maker security risk policy"},
        {"RA-13 plan reference differs from the policy's document",
         "RA-13",
         {E("  plan_reference: SRMP-1\n", "  plan_reference: SRMP-10 rev A\n"), END},
         PM_CHECK_FAIL,
         "(risk_management.plan_reference: SRMP-10 rev A) is not the document that defines the risk policy "
         "(risk_policy.document.id: SRMP-1)",
         "  plan_reference: SRMP-10 rev A"},
        {"RA-13 plan reference names the policy's document with more words",
         "RA-13",
         {E("  plan_reference: SRMP-1\n", "  plan_reference: SRMP-1 (Security risk management plan)\n"), END},
         PM_CHECK_PASS,
         "the policy is defined in SRMP-1",
         NULL},
        {"RA-13 does not apply to the default policy",
         "RA-13",
         {{"risk_policy:\n", "", NULL, 1}, END},
         PM_CHECK_NA,
         "relies on the default policy",
         NULL},
        {"RA-14 multi-patient step 0",
         "RA-14",
         {E("  multi_patient_step: 1\n", "  multi_patient_step: 0\n"), END},
         PM_CHECK_FAIL,
         "multi_patient_step is 0",
         "  multi_patient_step: 0"},
        {"RA-14 multi-patient step not stated",
         "RA-14",
         {E("  multi_patient_step: 1\n", ""), END},
         PM_CHECK_FAIL,
         "does not state how much multi-patient harm weighs",
         "  name: Maker security risk policy"},
        /* RA: the link to safety risk management, statements that lower a risk */
        {"RA-15 critical-harm threat without hazards",
         "RA-15",
         {E("    hazards: [{id: HAZ-01, title: Wrong dose delivered, document: RMF-1 rev A}]\n", ""), END},
         PM_CHECK_FAIL,
         "threat T-SPOOF can cause critical harm but names no hazard",
         "  - id: T-SPOOF"},
        {"RA-15 hazard without its document",
         "RA-15",
         {E("{id: HAZ-03, title: Dose delayed, document: RMF-1 rev A}", "{id: HAZ-03, title: Dose delayed}"), END},
         PM_CHECK_FAIL,
         "hazard HAZ-03 of threat T-DOS does not say which safety risk management document holds it",
         "    hazards: [{id: HAZ-03"},
        {"RA-16 explicit residual without rationale",
         "RA-16",
         {E("residual: {exploitability: very_low, rationale: Pinned and verified.}",
            "residual: {exploitability: very_low}"),
          END},
         PM_CHECK_FAIL,
         "threat T-SUPPLY states its residual (residual.exploitability) without saying why",
         "    residual: {exploitability: very_low}"},
        {"RA-16 stated harm below the asset's without rationale",
         "RA-16",
         {E("    lifecycle: operation\n    targets: [F-CMD]\n",
            "    lifecycle: operation\n    harm: minor\n    targets: [F-CMD]\n"),
          END},
         PM_CHECK_FAIL,
         "threat T-SPOOF states harm minor, lower than the critical harm of asset A-DOSE",
         "    harm: minor"},
        {"RA-16 stated harm below the asset's, with rationale",
         "RA-16",
         {E("    lifecycle: operation\n    targets: [F-CMD]\n",
            "    lifecycle: operation\n    harm: minor\n    rationale: The pump caps every dose.\n    targets: "
            "[F-CMD]\n"),
          END},
         PM_CHECK_PASS,
         "",
         NULL},
        {"RA-16 not multi-patient on a fleet-wide target without rationale",
         "RA-16",
         {E("    targets: [F-SYNC]\n", "    targets: [F-SYNC]\n    multi_patient: false\n"), END},
         PM_CHECK_FAIL,
         "threat T-SYNC says multi_patient: false, but its target F-SYNC reaches the whole fleet",
         "    multi_patient: false"},
        /* CTL-02: only passed tests verify */
        {"CTL-02 implemented control verified only by planned tests",
         "CTL-02",
         {K_CRYPTO_PLANNED_TEST, END},
         PM_CHECK_FAIL,
         "implemented control K-CRYPTO is verified only by planned tests: TS-LATER (planned)",
         "  - {id: K-CRYPTO"},
        {"CTL-02 implemented control whose only test failed",
         "CTL-02",
         {E("tests: [TS-REQ, TS-SCAN]}", "tests: [TS-SCAN]}"),
          E("configuration: Full scan}, result: pass}", "configuration: Full scan}, result: fail}"), END},
         PM_CHECK_FAIL,
         "implemented control K-CRYPTO has no passed test (result pass or pass_with_findings): TS-SCAN (fail)",
         "  - {id: K-CRYPTO"},
        /* PKG-04: documents attached or located */
        {"PKG-04 test report not attached",
         "PKG-04",
         {E("  - {document: PT-2026-01, title: Penetration test report, location: eSTAR attachment 4}\n", ""), END},
         PM_CHECK_FAIL,
         "the report of test TS-PEN \"PT-2026-01\" is neither attached nor located",
         "    report: PT-2026-01"},
        {"PKG-04 attachment neither file nor location",
         "PKG-04",
         {E("{document: User guide, location: eSTAR attachment 3}", "{document: User guide}"), END},
         PM_CHECK_FAIL,
         "attachment User guide says neither which file it is (file) nor where the reviewer finds it (location)",
         "  - {document: User guide"},
        {"PKG-04 a reference that names the attachment with more words",
         "PKG-04",
         {E("  reference: CSMP-1\n", "  reference: CSMP-1 (Cybersecurity management plan)\n"), END},
         PM_CHECK_PASS,
         "4 document references, each attached or located",
         NULL},
        /* VA, UA, MET: consistency a reviewer checks by hand */
        {"VA-04 affected vulnerability without a threat",
         "VA-04",
         {E("    status: fixed\n", "    status: affected\n"), END},
         PM_CHECK_FAIL,
         "vulnerability CVE-2025-0001 is affected and no threat of the risk assessment covers it",
         "  - id: CVE-2025-0001"},
        {"VA-04 affected vulnerability covered by a threat",
         "VA-04",
         {E("    status: fixed\n", "    status: affected\n    threats: [T-SUPPLY]\n"), END},
         PM_CHECK_PASS,
         "each assessed in the register",
         NULL},
        {"VA-05 affected vulnerability not disclosed",
         "VA-05",
         {E("    status: fixed\n", "    status: affected\n"), END},
         PM_CHECK_FAIL,
         "vulnerability CVE-2025-0001 affects the device, and nothing says where users are told of it",
         "  - id: CVE-2025-0001"},
        {"VA-05 affected vulnerability named in a labeling item",
         "VA-05",
         {E("    status: fixed\n", "    status: affected\n"),
          E("{item: L4, content: Requirements., location: UG 4}",
            "{item: L4, content: Requirements; what to do about CVE-2025-0001., location: UG 4}"),
          END},
         PM_CHECK_PASS,
         "",
         NULL},
        {"VA-05 affected vulnerability with disclosed_in",
         "VA-05",
         {E("    status: fixed\n", "    status: affected\n    disclosed_in: User guide 4.3\n"), END},
         PM_CHECK_PASS,
         "",
         NULL},
        {"UA-02 exploitable anomaly without a threat",
         "UA-02",
         {E("security_impact: low, rationale:", "security_impact: low, exploitable: adjacent, rationale:"), END},
         PM_CHECK_FAIL,
         "anomaly BUG-1 can be exploited (adjacent access) and no threat of the threat model covers it",
         "  - {id: BUG-1"},
        {"UA-02 exploitable anomaly covered by a threat",
         "UA-02",
         {E("security_impact: low, rationale:",
            "security_impact: low, exploitable: adjacent, threats: [T-DOS], rationale:"),
          END},
         PM_CHECK_PASS,
         "",
         NULL},
        {"MET-02 time to patch longer than the plan's cycle",
         "MET-02",
         {E("  available: false\n  plan: Collected quarterly from release.\n",
            "  available: true\n  percent_patched: 90\n  mean_days_to_patch: 120\n  mean_days_to_deploy: 30\n"),
          END},
         PM_CHECK_FAIL,
         "the mean time to patch (120 days) is longer than the management plan's regular patch cycle (90 days)",
         "  mean_days_to_patch: 120"},
        {"MET-02 time to patch longer than the cycle, explained",
         "MET-02",
         {E("  available: false\n  plan: Collected quarterly from release.\n",
            "  available: true\n  percent_patched: 90\n  mean_days_to_patch: 120\n  mean_days_to_deploy: 30\n"
            "  assessment: One library fix waited for its supplier; the cycle holds for our own code.\n"),
          END},
         PM_CHECK_PASS,
         "mean time to patch 120 days, regular cycle 90 days",
         NULL},
        /* SB: support as long as the device, statements that contradict the SBOM */
        {"SB-07 component supported for less time than the device",
         "SB-07",
         {E("  documents: [User guide]\n", "  documents: [User guide]\n  end_of_support: 2033-12-31\n"), END},
         PM_CHECK_FAIL,
         "SBOM component SB-LIB (mbedtls 3.6.4) is supported until 2027-03-31, before the end of the device's labeled "
         "support (2033-12-31",
         "      end_of_support: 2027-03-31"},
        {"SB-07 component supported for less time than the device, planned",
         "SB-07",
         {E("  documents: [User guide]\n", "  documents: [User guide]\n  end_of_support: 2033-12-31\n"),
          E("  upgrade_plan: Components are reviewed quarterly and replaced before end of support.\n",
            "  upgrade_plan: Components are reviewed quarterly; mbedtls moves to its next LTS branch before "
            "2027-03.\n"),
          END},
         PM_CHECK_PASS,
         "1 components end support before the device (2033-12-31), each named in a plan",
         NULL},
        {"SB-08 SBOM item marked not applicable",
         "SB-08",
         {E("{item: L5, content: SBOM on the portal., location: Portal}",
            "{item: L5, status: not_applicable, rationale: None.}"),
          END},
         PM_CHECK_FAIL,
         "labeling item L5 (the SBOM for users) is marked not applicable, but the model has an SBOM: build writes it "
         "as sbom.cdx.json",
         "    - {item: L5"},
        {"SB-08 availability says there is no machine-readable SBOM",
         "SB-08",
         {E("  availability: Customer portal, CycloneDX JSON.\n",
            "  availability: No machine-readable SBOM file is provided.\n"),
          END},
         PM_CHECK_FAIL,
         "sbom.availability says there is no machine-readable SBOM, but the model has one",
         "  availability: No machine-readable"},
};

static void test_rule_case(void **state)
{
	const rule_case *c = *state;
	char *text = apply(BASE, c->edits);
	pm_model *m = load_text(text);
	pm_check_report r;
	run(m, -1, &r);
	const pm_check_result *x = find(&r, c->rule);
	if (x->status != c->want)
		dump(x);
	assert_int_equal(x->status, c->want);
	if (c->want == PM_CHECK_FAIL) {
		if (!has_finding(x, c->message))
			dump(x);
		assert_true(has_finding(x, c->message));
		assert_true(x->n_findings > 0);
		assert_string_equal(x->message[0] ? "ok" : "", "ok");
		for (size_t k = 0; k < x->n_findings; k++) {
			assert_non_null(x->findings[k].loc.file);
			assert_true(x->findings[k].loc.line > 0 && x->findings[k].loc.col > 0);
		}
		/* the result is located at its first finding, in the model file */
		assert_int_equal(x->loc.line, x->findings[0].loc.line);
		assert_string_equal(x->findings[0].loc.file, model_path());
		if (c->marker) {
			if (x->findings[0].loc.line != line_of(text, c->marker))
				dump(x);
			assert_int_equal(x->findings[0].loc.line, line_of(text, c->marker));
		}
	} else {
		assert_int_equal(x->n_findings, 0);
		if (!strstr(x->message, c->message))
			dump(x);
		assert_non_null(strstr(x->message, c->message));
	}
	pm_check_report_free(&r);
	pm_model_free(m);
	free(text);
}

/* ---- the complete model ----------------------------------------------------------------- */

static void test_base_passes_everything(void **state)
{
	(void)state;
	/* what BASE does not have: a modification, an IDE, a device declared not
	 * internet-connectable, affected vulnerabilities, exploitable anomalies,
	 * measured metrics, a labeled end of support, a threat status; and it is
	 * loaded without the threat rule catalog (TM-06: test_tm06_rule_matches) */
	static const char *const not_applicable[] = {"MOD-01", "IDE-01", "PKG-03", "VA-04", "VA-05",
	                                             "UA-02",  "MET-02", "SB-07",  "TM-06", "TM-07"};
	const size_t n_na = sizeof not_applicable / sizeof *not_applicable;
	pm_model *m = load_text(BASE);
	pm_check_report r;
	run(m, -1, &r);
	for (size_t i = 0; i < r.n; i++) {
		const pm_check_result *x = &r.v[i];
		bool na = false;
		for (size_t k = 0; k < n_na; k++)
			na |= strcmp(x->id, not_applicable[k]) == 0;
		if (x->status != (na ? PM_CHECK_NA : PM_CHECK_PASS))
			dump(x);
		assert_int_equal(x->status, na ? PM_CHECK_NA : PM_CHECK_PASS);
		assert_int_equal(x->n_findings, 0);
		assert_null(x->loc.file);
		assert_non_null(x->message);
	}
	assert_int_equal(r.passed, pm_check_rule_count() - n_na);
	assert_int_equal(r.not_applicable, n_na);
	assert_false(pm_check_fails(&r, PM_CHECK_ADVISORY));
	assert_true(r.cyber_device);
	assert_string_equal(r.date, "2026-06-01");
	assert_string_equal(r.device_name, "Test Pump");
	assert_int_equal(r.n_model_files, 1);
	pm_check_report_free(&r);
	pm_model_free(m);
}

/* Every labeling item and every plan element is its own check. */
static void test_each_label_and_plan_item(void **state)
{
	(void)state;
	for (int pass = 0; pass < 2; pass++) {
		int n = pass == 0 ? 14 : 9;
		for (int i = 1; i <= n; i++) {
			char item[32], id[16], cut_from[32], first[32];
			snprintf(item, sizeof item, "    - {item: %s%d,", pass == 0 ? "L" : "M", i);
			snprintf(id, sizeof id, "%s-%02d", pass == 0 ? "LBL" : "CMP", i);
			snprintf(cut_from, sizeof cut_from, "%s", item);
			/* cut the item's line */
			const char *at = strstr(BASE, cut_from);
			assert_non_null(at);
			const char *nl = strchr(at, '\n');
			char *text = splice(BASE, at, (size_t)(nl - at) + 1, "");
			/* the list's mark is its first remaining item */
			snprintf(first, sizeof first, "    - {item: %s%d,", pass == 0 ? "L" : "M", i == 1 ? 2 : 1);
			pm_model *m = load_text(text);
			pm_check_report r;
			run(m, -1, &r);
			for (size_t k = 0; k < r.n; k++) {
				const pm_check_result *x = &r.v[k];
				bool want_fail = strcmp(x->id, id) == 0;
				if (strncmp(x->id, pass == 0 ? "LBL-" : "CMP-", 4) != 0)
					continue;
				assert_int_equal(x->status, want_fail ? PM_CHECK_FAIL : PM_CHECK_PASS);
				if (want_fail) {
					assert_int_equal(x->n_findings, 1);
					assert_non_null(strstr(x->findings[0].message, "is missing"));
					assert_int_equal(x->findings[0].loc.line, line_of(text, first));
				}
			}
			pm_check_report_free(&r);
			pm_model_free(m);
			free(text);
		}
	}
}

/* Placeholders are not data (docs/check.md): the rule, case by case. */
static void test_placeholders(void **state)
{
	(void)state;
	static const char *const placeholders[] = {
	        "",
	        "  ",
	        "-",
	        "?",
	        "...",
	        "TBD",
	        "tbd.",
	        "N/A",
	        "na",
	        "Not applicable",
	        "Unknown",
	        "UNKNOWN ",
	        "not specified",
	        "Not Specified.",
	        "Not specified in the source model",
	        "Not stated",
	        "None stated",
	        "none stated in the source",
	        "To be determined",
	        "TBD: supplier to confirm",
	        "Unknown (supplier publishes none)",
	        "TBD - waiting for the supplier",
	        "Not provided by the supplier",
	        "unspecified yet",
	        "to be confirmed by QA",
	        "Pending",
	        "\xE2\x80\x94", /* an em dash */
	        "\xE2\x80\xA6", /* an ellipsis */
	};
	static const char *const data[] = {
	        "None", /* a statement of absence: AV-06 judges it on boundaries */
	        "None: the link carries no secrets",
	        "N/A: the device has no radio",
	        "Not applicable (local interface)",
	        "Unknown devices are rejected by the allow list",
	        "Unknown-length frames are dropped",
	        "TLS 1.3",
	        "Pending commands expire after 30 s",
	        "TBDX",
	        "Notspecified",
	        "\xE6\x97\xA5\xE6\x9C\xAC", /* a text in another script */
	};
	for (size_t i = 0; i < sizeof placeholders / sizeof *placeholders; i++) {
		if (!ck_placeholder(placeholders[i]))
			fprintf(stderr, "not a placeholder: \"%s\"\n", placeholders[i]);
		assert_true(ck_placeholder(placeholders[i]));
		assert_false(ck_has((pm_str){placeholders[i], {0, 1, 1}}));
	}
	for (size_t i = 0; i < sizeof data / sizeof *data; i++) {
		if (ck_placeholder(data[i]))
			fprintf(stderr, "a placeholder: \"%s\"\n", data[i]);
		assert_false(ck_placeholder(data[i]));
		assert_true(ck_has((pm_str){data[i], {0, 1, 1}}));
	}
	assert_false(ck_placeholder(NULL));
	assert_false(ck_has((pm_str){NULL, {0, 0, 0}}));
	assert_true(ck_mentions("SRMP-1 rev A (plan)", "srmp-1"));
	assert_false(ck_mentions("SRMP-10 rev A", "SRMP-1"));
}

/* RA-11: a register whose acceptability rests on no credited control (the
 * minimal example: one threat, acceptable before controls, no control), and
 * RA-12 on a model that relies on the default policy. */
static void test_register_without_controls(void **state)
{
	(void)state;
	pm_model *m = load_path("examples/minimal.yaml");
	pm_check_report r;
	run(m, -1, &r);
	const pm_check_result *x = find(&r, "RA-11");
	assert_int_equal(x->status, PM_CHECK_FAIL);
	assert_int_equal(x->weight, PM_CHECK_ADVISORY);
	assert_int_equal(x->n_findings, 1);
	assert_non_null(strstr(x->findings[0].message, "no register entry rests on a credited control: of the 1 "
	                                               "entries, 1 are acceptable before controls"));
	assert_string_equal(x->findings[0].loc.file, "examples/minimal.yaml");
	x = find(&r, "RA-12");
	assert_int_equal(x->status, PM_CHECK_FAIL);
	assert_int_equal(x->weight, PM_CHECK_RECOMMENDED);
	assert_int_equal(x->findings[0].loc.line, m->device.at.line);
	/* the shipped default carries the name the check recognises in copies of it */
	assert_true(m->policy_is_default);
	assert_string_equal(m->risk_policy.name.s, CK_DEFAULT_POLICY_NAME);
	assert_int_equal(find(&r, "RA-10")->status, PM_CHECK_NA);
	pm_check_report_free(&r);
	pm_model_free(m);

	/* BASE credits its controls */
	m = load_text(BASE);
	run(m, -1, &r);
	x = find(&r, "RA-11");
	assert_int_equal(x->status, PM_CHECK_PASS);
	assert_non_null(strstr(x->message, "controls credited"));
	pm_check_report_free(&r);
	pm_model_free(m);
}

/* PKG-04 accepts an attached file; the loader refuses one that does not exist. */
static void test_attachment_file(void **state)
{
	(void)state;
	static const edit with_file[] = {
	        E("{document: PT-2026-01, title: Penetration test report, location: eSTAR attachment 4}",
	          "{document: PT-2026-01, title: Penetration test report, file: pt-2026-01.pdf}"),
	        END};
	char *text = apply(BASE, with_file);
	char path[600];
	snprintf(path, sizeof path, "%s/pt-2026-01.pdf", dir);
	write_file(path, "%PDF-1.4\n");
	pm_model *m = load_text(text);
	pm_check_report r;
	run(m, -1, &r);
	assert_int_equal(find(&r, "PKG-04")->status, PM_CHECK_PASS);
	pm_check_report_free(&r);
	pm_model_free(m);
	unlink(path);

	write_file(model_path(), text);
	const char *paths[1] = {model_path()};
	pm_diags d;
	pm_diags_init(&d);
	m = NULL;
	pm_test_load_scored(paths, 1, NULL, &m, &d);
	bool found = false;
	for (size_t i = 0; i < d.n; i++)
		found |= d.v[i].sev == PM_ERROR &&
		         strstr(d.v[i].msg, "attached file \"pt-2026-01.pdf\" not found") != NULL;
	assert_true(found);
	pm_diags_free(&d);
	pm_model_free(m);
	free(text);
}

/* RA-01 and RA-04 cannot fail on a model the loader accepts (it requires a
 * vector or a level; the policy needs an acceptable level to be monotone and
 * useful): fail them on a changed register and policy. */
static void test_ra01_ra04_on_changed_model(void **state)
{
	(void)state;
	pm_model *m = load_text(BASE);
	for (size_t k = 0; k < m->risk.n; k++)
		if (m->risk.v[k].threat == 0)
			m->risk.v[k].before.exploit_source = PM_EXPL_NONE;
	for (size_t i = 0; i < m->risk_policy.risk_levels.n; i++)
		m->risk_policy.risk_levels.v[i].acceptable.v = false;
	pm_check_report r;
	run(m, -1, &r);
	const pm_check_result *x = find(&r, "RA-01");
	assert_int_equal(x->status, PM_CHECK_FAIL);
	assert_true(has_finding(x, "threat T-SPOOF has no score before controls"));
	assert_int_equal(x->findings[0].loc.line, line_of(BASE, "  - id: T-SPOOF"));
	x = find(&r, "RA-04");
	assert_int_equal(x->status, PM_CHECK_FAIL);
	assert_true(has_finding(x, "marks no risk level acceptable"));
	pm_check_report_free(&r);
	pm_model_free(m);
}

/* The documentation date: device.date, else the last revision, else SOURCE_DATE_EPOCH; never the clock. */
static void test_documentation_date(void **state)
{
	(void)state;
	static const edit no_date[] = {E("  date: 2026-06-01\n", ""),
	                               E("      end_of_support: 2027-03-31\n", "      end_of_support: 2026-01-31\n"),
	                               END};
	char *text = apply(BASE, no_date);
	pm_model *m = load_text(text);
	pm_check_report r;
	run(m, -1, &r);
	assert_string_equal(r.date, "");
	assert_int_equal(find(&r, "SB-05")->status, PM_CHECK_NA);
	pm_check_report_free(&r);
	run(m, 1780272000LL, &r); /* 2026-06-01T00:00:00Z */
	assert_string_equal(r.date, "2026-06-01");
	assert_int_equal(find(&r, "SB-05")->status, PM_CHECK_FAIL);
	pm_check_report_free(&r);
	run(m, 1767225600LL, &r); /* 2026-01-01: not past yet */
	assert_string_equal(r.date, "2026-01-01");
	assert_int_equal(find(&r, "SB-05")->status, PM_CHECK_PASS);
	pm_check_report_free(&r);
	pm_model_free(m);
	free(text);

	static const edit revisions[] = {
	        E("  date: 2026-06-01\n",
	          "  revisions:\n    - {version: A, date: 2025-01-01}\n    - {version: B, date: 2026-02-01}\n"),
	        E("      end_of_support: 2027-03-31\n", "      end_of_support: 2026-01-31\n"), END};
	text = apply(BASE, revisions);
	m = load_text(text);
	run(m, 1780272000LL, &r); /* the revision wins over the epoch */
	assert_string_equal(r.date, "2026-02-01");
	assert_int_equal(find(&r, "SB-05")->status, PM_CHECK_FAIL);
	pm_check_report_free(&r);
	pm_model_free(m);
	free(text);
}

/* Weights: statutory checks are required only for cyber devices; for an IDE,
 * 524B does not apply and Table 1's "helpful" elements are advisory. */
static void test_weights(void **state)
{
	(void)state;
	pm_model *m = load_text(BASE);
	pm_check_report r;
	run(m, -1, &r);
	assert_int_equal(find(&r, "SB-01")->weight, PM_CHECK_REQUIRED);
	assert_int_equal(find(&r, "524-01")->weight, PM_CHECK_REQUIRED);
	assert_int_equal(find(&r, "PKG-01")->weight, PM_CHECK_REQUIRED);
	assert_int_equal(find(&r, "RMR-01")->weight, PM_CHECK_RECOMMENDED);
	assert_int_equal(find(&r, "PKG-03")->weight, PM_CHECK_ADVISORY);
	pm_check_report_free(&r);
	pm_model_free(m);

	static const edit not_cyber[] = {
	        E("    vulnerable_characteristics: true\n", "    vulnerable_characteristics: false\n"), END};
	char *text = apply(BASE, not_cyber);
	m = load_text(text);
	run(m, -1, &r);
	assert_false(r.cyber_device);
	assert_int_equal(find(&r, "SB-01")->weight, PM_CHECK_RECOMMENDED);
	assert_int_equal(find(&r, "SB-03")->weight, PM_CHECK_RECOMMENDED);
	assert_int_equal(find(&r, "PKG-01")->weight, PM_CHECK_REQUIRED);
	assert_int_equal(find(&r, "524-02")->status, PM_CHECK_NA);
	pm_check_report_free(&r);
	pm_model_free(m);
	free(text);

	static const edit ide[] = {E("  submission_type: 510k\n", "  submission_type: ide\n"), END};
	text = apply(BASE, ide);
	m = load_text(text);
	run(m, -1, &r);
	assert_true(r.ide);
	assert_int_equal(find(&r, "SB-01")->weight, PM_CHECK_RECOMMENDED);
	assert_int_equal(find(&r, "SB-03")->weight, PM_CHECK_ADVISORY);
	assert_int_equal(find(&r, "RMR-01")->weight, PM_CHECK_ADVISORY);
	assert_int_equal(find(&r, "LBL-01")->weight, PM_CHECK_ADVISORY);
	assert_int_equal(find(&r, "AV-01")->weight, PM_CHECK_RECOMMENDED);
	assert_int_equal(find(&r, "CTL-01")->weight, PM_CHECK_RECOMMENDED);
	assert_int_equal(find(&r, "524-03")->status, PM_CHECK_NA);
	pm_check_report_free(&r);
	pm_model_free(m);
	free(text);
}

/* Thresholds: a recommended gap fails --fail-on recommended and advisory, not required. */
static void test_thresholds(void **state)
{
	(void)state;
	static const edit rec[] = {E("  plan_reference: SRMP-1\n", ""), END};
	char *text = apply(BASE, rec);
	pm_model *m = load_text(text);
	pm_check_report r;
	run(m, -1, &r);
	assert_int_equal(r.failed[PM_CHECK_RECOMMENDED], 1);
	assert_false(pm_check_fails(&r, PM_CHECK_REQUIRED));
	assert_true(pm_check_fails(&r, PM_CHECK_RECOMMENDED));
	assert_true(pm_check_fails(&r, PM_CHECK_ADVISORY));
	pm_check_report_free(&r);
	pm_model_free(m);
	free(text);

	static const edit adv[] = {E("    internet_connectable: true\n", "    internet_connectable: false\n"), END};
	text = apply(BASE, adv);
	m = load_text(text);
	run(m, -1, &r);
	assert_int_equal(r.failed[PM_CHECK_REQUIRED] + r.failed[PM_CHECK_RECOMMENDED], 0);
	assert_int_equal(r.failed[PM_CHECK_ADVISORY], 1);
	assert_false(pm_check_fails(&r, PM_CHECK_RECOMMENDED));
	assert_true(pm_check_fails(&r, PM_CHECK_ADVISORY));
	pm_check_report_free(&r);
	pm_model_free(m);
	free(text);

	/* one required gap: SB-02, the SBOM has no author */
	static const edit req[] = {E("  author: Maker build pipeline\n", ""), END};
	text = apply(BASE, req);
	m = load_text(text);
	run(m, -1, &r);
	assert_int_equal(r.failed[PM_CHECK_REQUIRED], 1);
	assert_true(pm_check_fails(&r, PM_CHECK_REQUIRED));
	pm_check_report_free(&r);
	pm_model_free(m);
	free(text);

	pm_check_weight w;
	assert_int_equal(pm_check_weight_parse("required", &w), 0);
	assert_int_equal(w, PM_CHECK_REQUIRED);
	assert_int_equal(pm_check_weight_parse("advisory", &w), 0);
	assert_int_equal(w, PM_CHECK_ADVISORY);
	assert_int_equal(pm_check_weight_parse("warning", &w), -1);
	assert_string_equal(pm_check_level_name(PM_CHECK_RECOMMENDED), "warning");
}

/* ---- the checklist itself ------------------------------------------------------------------ */

static void test_rule_table(void **state)
{
	(void)state;
	/* every item of FDA.md section 7 has its rule */
	static const char *const section7[] = {
	        "PKG-01", "PKG-02", "RMR-01", "RMR-02", "RMR-03", "RMR-04", "RMR-05", "RMR-06", "TM-01", "TM-02",
	        "TM-03", "TM-04", "RA-01", "RA-02", "RA-03", "RA-04", "RA-05", "RA-06", "IO-01", "SB-01", "SB-02",
	        "SB-03", "SB-04", "VA-01", "VA-02", "VA-03", "UA-01", "MET-01", "CTL-01", "AV-01", "AV-02", "AV-03",
	        "AV-04", "AV-05", "TST-01", "TST-02", "TST-03", "TST-04", "TST-05", "TST-06", "LBL-01", "LBL-02",
	        "LBL-03", "LBL-04", "LBL-05", "LBL-06", "LBL-07", "LBL-08", "LBL-09", "LBL-10", "LBL-11", "LBL-12",
	        "LBL-13", "LBL-14", "CMP-01", "CMP-02", "CMP-03", "CMP-04", "CMP-05", "CMP-06", "CMP-07", "CMP-08",
	        "CMP-09", "524-01", "524-02", "524-03", "MOD-01", "IDE-01",
	        /* consistency checks */
	        "PKG-03", "TM-05", "RA-07", "SB-05", "SB-06", "CTL-02", "AV-06", "TST-07",
	        /* the risk method: outcomes, the policy, the link to safety risk management (issue 12) */
	        "RA-08", "RA-09", "RA-10", "RA-11", "RA-12", "RA-13", "RA-14", "RA-15", "RA-16",
	        /* consistency a reviewer checks by hand (issue 12) */
	        "PKG-04", "VA-04", "VA-05", "UA-02", "MET-02", "SB-07", "SB-08",
	        /* the threat rule catalog and threat status (issue 13) */
	        "TM-06", "TM-07"};
	for (size_t i = 0; i < sizeof section7 / sizeof *section7; i++) {
		size_t n = 0;
		for (size_t k = 0; k < pm_check_rule_count(); k++)
			n += strcmp(pm_check_rule_at(k)->id, section7[i]) == 0;
		if (n != 1)
			fprintf(stderr, "rule %s: %zu\n", section7[i], n);
		assert_int_equal(n, 1);
	}
	assert_int_equal(pm_check_rule_count(), sizeof section7 / sizeof *section7);
	assert_null(pm_check_rule_at(pm_check_rule_count()));
	for (size_t k = 0; k < pm_check_rule_count(); k++) {
		const pm_check_rule *r = pm_check_rule_at(k);
		assert_ptr_equal(r, &pm_check_def_at(k)->rule);
		assert_true(r->title && *r->title && r->area && *r->area && r->basis && *r->basis);
		assert_true(r->looks_at && *r->looks_at && r->fix && *r->fix && pm_check_def_at(k)->eval);
		assert_true(strstr(r->basis, "G25") || strstr(r->basis, "524B"));
	}
	/* every rule is exercised by a failing case above or the item loop */
	for (size_t k = 0; k < pm_check_rule_count(); k++) {
		const char *id = pm_check_rule_at(k)->id;
		bool failing = strncmp(id, "LBL-", 4) == 0 || strncmp(id, "CMP-", 4) == 0 || strcmp(id, "RA-01") == 0 ||
		               strcmp(id, "RA-04") == 0 ||
		               strcmp(id, "RA-11") == 0 || /* test_register_without_controls */
		               strcmp(id, "TM-06") == 0;   /* test_tm06_rule_matches */
		for (size_t c = 0; c < sizeof cases / sizeof *cases && !failing; c++)
			failing = strcmp(cases[c].rule, id) == 0 && cases[c].want == PM_CHECK_FAIL;
		if (!failing)
			fprintf(stderr, "rule %s has no failing case\n", id);
		assert_true(failing);
	}
}

/* ---- renderers ---------------------------------------------------------------------------- */

/* A model with one required (SB-03), one recommended (SB-06) gap. */
static const edit two_gaps[] = {
        E("      end_of_support: 2027-03-31\n", ""),
        E("      hashes: [{alg: SHA-256, value: 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae}]\n",
          ""),
        END};

static char *render(const pm_check_report *r, pm_check_format fmt, int heading)
{
	pm_check_render_options o = {"9.9.9", NULL, NULL, heading};
	pm_buf b;
	pm_buf_init(&b, 0);
	pm_diags d;
	pm_diags_init(&d);
	assert_int_equal(pm_check_render(r, fmt, &o, &b, &d), 0);
	assert_int_equal(d.n, 0);
	pm_diags_free(&d);
	assert_non_null(b.data);
	return pm_buf_detach(&b, NULL);
}

static void test_render_text(void **state)
{
	(void)state;
	char *text = apply(BASE, two_gaps);
	pm_model *m = load_text(text);
	pm_check_report r;
	run(m, -1, &r);
	char *out = render(&r, PM_CHECK_TEXT, 0);
	char want[4096];
	snprintf(want, sizeof want,
	         "%s:%u:7: error: [SB-03] SBOM component SB-LIB (mbedtls 3.6.4) lacks an end-of-support date "
	         "(end_of_support)\n"
	         "%s:%u:7: warning: [SB-06] SBOM component SB-APP has no hash (hashes)\n"
	         "check: %s: 94 checks: 82 passed, 2 failed, 10 not applicable (documentation date 2026-06-01)\n"
	         "check: failed: 1 required (1 gap), 1 recommended (1 gap), 0 advisory (0 gaps)\n",
	         model_path(), line_of(text, "    - id: SB-LIB"), model_path(), line_of(text, "    - id: SB-APP"),
	         model_path());
	assert_string_equal(out, want);
	free(out);
	pm_check_report_free(&r);
	pm_model_free(m);
	free(text);

	/* advisory gaps are notes */
	static const edit adv[] = {E("    internet_connectable: true\n", "    internet_connectable: false\n"), END};
	text = apply(BASE, adv);
	m = load_text(text);
	run(m, -1, &r);
	out = render(&r, PM_CHECK_TEXT, 0);
	assert_non_null(strstr(out, ": note: [PKG-03] interface IF-PUMP-BLE"));
	free(out);
	pm_check_report_free(&r);
	pm_model_free(m);
	free(text);
}

/* Count the cells of a GFM table row: pipes not escaped by a backslash, minus one. */
static int cells(const char *line, size_t len)
{
	int n = 0;
	for (size_t i = 0; i < len; i++)
		if (line[i] == '|' && (i == 0 || line[i - 1] != '\\'))
			n++;
	return n - 1;
}

/* Every table: the delimiter row and every body row have the header's cell count. */
static void assert_tables_consistent(const char *md, size_t *n_tables)
{
	int header = -1;
	*n_tables = 0;
	for (const char *p = md; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len && p[0] == '|') {
			int n = cells(p, len);
			if (header < 0) {
				header = n;
				(*n_tables)++;
			} else if (n != header) {
				fprintf(stderr, "table row with %d cells, header has %d: %.*s\n", n, header, (int)len,
				        p);
				fail();
			}
		} else {
			header = -1;
		}
		p += len + (nl ? 1 : 0);
	}
}

/* Parse md with cmark-gfm (as the HTML and PDF renderers do): the number of
 * table nodes, and every row of every table with the header's cell count. */
static size_t gfm_tables(const char *md)
{
	cmark_gfm_core_extensions_ensure_registered();
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_syntax_extension *table = cmark_find_syntax_extension("table");
	assert_non_null(table);
	cmark_parser_attach_syntax_extension(p, table);
	cmark_parser_feed(p, md, strlen(md));
	cmark_node *doc = cmark_parser_finish(p);
	size_t tables = 0;
	int header = -1;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		const char *type = cmark_node_get_type_string(n);
		if (strcmp(type, "table") == 0) {
			tables++;
			header = -1;
		} else if (strcmp(type, "table_row") == 0 || strcmp(type, "table_header") == 0) {
			int cellsn = 0;
			for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c))
				cellsn++;
			if (header < 0)
				header = cellsn;
			assert_int_equal(cellsn, header);
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	cmark_parser_free(p);
	return tables;
}

static void test_render_md(void **state)
{
	(void)state;
	char *text = apply(BASE, two_gaps);
	static const edit hostile[] = {E("  name: Test Pump\n", "  name: \"Pump | <b>*x*</b> `y`\"\n"), END};
	char *text2 = apply(text, hostile);
	pm_model *m = load_text(text2);
	pm_check_report r;
	run(m, -1, &r);
	char *out = render(&r, PM_CHECK_MD, 0);
	size_t n;
	assert_tables_consistent(out, &n);
	assert_int_equal(n, 8);               /* device, summary, 2 x (weight, gaps), not applicable, all checks */
	assert_int_equal(gfm_tables(out), 8); /* and cmark-gfm sees the same 8 tables */
	assert_true(strncmp(out, "# Completeness check\n", 21) == 0);
	assert_non_null(strstr(out, "\n## Summary by area\n"));
	assert_non_null(strstr(out, "\n### SB-03: Support level and end-of-support date for every component\n"));
	assert_non_null(strstr(out, "**How to fix:**"));
	assert_non_null(strstr(out, "| SB-06 | Component hashes | G25 V.A.4.b (NTIA Framing baseline attributes) | "
	                            "recommended | **fail** (1) |"));
	assert_non_null(strstr(out, "Pump \\| \\<b\\>\\*x\\*\\</b\\> \\`y\\`"));
	assert_null(strstr(out, "<b>"));
	/* the required gap comes before the recommended one */
	assert_true(strstr(out, "### SB-03") < strstr(out, "### SB-06"));
	free(out);
	out = render(&r, PM_CHECK_MD, 2);
	assert_true(strncmp(out, "## Completeness check\n", 22) == 0);
	assert_non_null(strstr(out, "\n#### SB-03: "));
	free(out);
	pm_check_report_free(&r);
	pm_model_free(m);
	free(text2);

	/* a complete model */
	m = load_text(BASE);
	run(m, -1, &r);
	out = render(&r, PM_CHECK_MD, 0);
	assert_tables_consistent(out, &n);
	assert_non_null(strstr(out, "No gaps: every applicable check passes."));
	free(out);
	out = render(&r, PM_CHECK_TEXT, 0);
	assert_non_null(strstr(out, "\ncheck: no gaps\n"));
	assert_true(strncmp(out, "check: ", 7) == 0);
	free(out);
	pm_check_report_free(&r);
	pm_model_free(m);
	free(text);
}

static void test_render_sarif_and_json(void **state)
{
	(void)state;
	char *text = apply(BASE, two_gaps);
	pm_model *m = load_text(text);
	pm_check_report r;
	run(m, -1, &r);
	char *out = render(&r, PM_CHECK_SARIF, 0);
	assert_non_null(strstr(out, "\"version\": \"2.1.0\""));
	assert_non_null(strstr(out, "\"name\": \"premarket\""));
	assert_non_null(strstr(out, "\"version\": \"9.9.9\""));
	assert_non_null(strstr(out, "\"helpUri\": \"file://" PM_DOCDIR_DEFAULT "/check.md#sb-03\""));
	assert_non_null(strstr(out, "\"defaultConfiguration\": {\"level\": \"error\"}"));
	assert_non_null(strstr(out, "\"properties\": {\"basis\": \"G25 V.A.4.b; VII.C.3 (SBOM content for "
	                            "524B(b)(3))\", \"weight\": \"required\""));
	assert_int_equal(count(out, "\"ruleId\""), 2);
	assert_int_equal(count(out, "\"id\": \""), pm_check_rule_count() + 1); /* and LOAD */
	char want[4096];
	snprintf(want, sizeof want, "\"region\": {\"startLine\": %u, \"startColumn\": 7}",
	         line_of(text, "    - id: SB-APP"));
	assert_non_null(strstr(out, want));
	/* ruleIndex points into rules[] */
	size_t idx = 0;
	while (strcmp(pm_check_rule_at(idx)->id, "SB-06") != 0)
		idx++;
	snprintf(want, sizeof want,
	         "\"ruleId\": \"SB-06\",\n        \"ruleIndex\": %zu,\n        \"level\": \"warning\"", idx);
	assert_non_null(strstr(out, want));
	free(out);

	out = render(&r, PM_CHECK_JSON, 0);
	assert_non_null(strstr(out, "\"summary\": {\"checks\": 94, \"passed\": 82, \"not_applicable\": 10, \"failed\": "
	                            "{\"required\": 1, \"recommended\": 1, \"advisory\": 0}"));
	assert_non_null(strstr(out, "{\"id\": \"SB-06\", \"title\": \"Component hashes\""));
	assert_non_null(strstr(out, "\"status\": \"not_applicable\""));
	free(out);
	pm_check_report_free(&r);
	pm_model_free(m);
	free(text);
}

/* Same model, same bytes; a report does not depend on the model after the run. */
static void test_deterministic(void **state)
{
	(void)state;
	char *text = apply(BASE, two_gaps);
	char *outs[2][4];
	for (int k = 0; k < 2; k++) {
		pm_model *m = load_text(text);
		pm_check_report r;
		run(m, -1, &r);
		pm_model_free(m); /* the report owns its strings */
		for (int f = 0; f < 4; f++)
			outs[k][f] = render(&r, (pm_check_format)f, 0);
		pm_check_report_free(&r);
	}
	for (int f = 0; f < 4; f++) {
		assert_string_equal(outs[0][f], outs[1][f]);
		free(outs[0][f]);
		free(outs[1][f]);
	}
	free(text);
}

/* Output past the buffer's cap: -1, a diagnostic, and the buffer as it was. */
static void test_render_cap(void **state)
{
	(void)state;
	pm_model *m = load_text(BASE);
	pm_check_report r;
	run(m, -1, &r);
	for (int f = 0; f < 4; f++) {
		pm_buf b;
		pm_buf_init(&b, 64);
		pm_buf_puts(&b, "keep");
		pm_diags d;
		pm_diags_init(&d);
		assert_int_equal(pm_check_render(&r, (pm_check_format)f, NULL, &b, &d), -1);
		assert_true(pm_diags_has(&d, PM_ERR_OUTPUT));
		assert_non_null(strstr(d.v[0].msg, "the check report is larger than the output limit of"));
		assert_int_equal(b.len, 4);
		assert_string_equal(b.data, "keep");
		pm_diags_free(&d);
		pm_buf_free(&b);
	}
	pm_check_report_free(&r);
	pm_model_free(m);
}

static void test_render_rules(void **state)
{
	(void)state;
	pm_buf b;
	pm_buf_init(&b, 0);
	pm_diags d;
	pm_diags_init(&d);
	assert_int_equal(pm_check_render_rules(PM_CHECK_MD, NULL, &b, &d), 0);
	for (size_t k = 0; k < pm_check_rule_count(); k++) {
		char anchor[64];
		snprintf(anchor, sizeof anchor, "<a id=\"%s\"></a>", pm_check_rule_at(k)->id);
		for (char *p = anchor; *p; p++)
			*p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
		assert_int_equal(count(b.data, anchor), 1);
	}
	pm_buf_clear(&b);
	assert_int_equal(pm_check_render_rules(PM_CHECK_TEXT, NULL, &b, &d), 0);
	assert_int_equal(count(b.data, "\n"), pm_check_rule_count());
	assert_int_equal(d.n, 0);
	pm_buf_clear(&b);
	assert_int_equal(pm_check_render_rules(PM_CHECK_SARIF, NULL, &b, &d), -1);
	assert_true(pm_diags_has(&d, PM_ERR_USAGE));
	assert_int_equal(b.len, 0);
	pm_diags_free(&d);
	pm_buf_free(&b);
	/* past the cap: -1, a diagnostic, and the buffer as it was */
	pm_buf_init(&b, 64);
	pm_buf_puts(&b, "keep");
	pm_diags_init(&d);
	assert_int_equal(pm_check_render_rules(PM_CHECK_TEXT, NULL, &b, &d), -1);
	assert_true(pm_diags_has(&d, PM_ERR_OUTPUT));
	assert_string_equal(b.data, "keep");
	pm_diags_free(&d);
	pm_buf_free(&b);
}

/* Bad arguments are a usage error in the diagnostics, and leave a report
 * that can be freed. */
static void test_run_usage(void **state)
{
	(void)state;
	pm_diags d;
	pm_diags_init(&d);
	pm_check_report r;
	assert_int_equal(pm_check_run(NULL, NULL, &r, &d), -1);
	assert_true(pm_diags_has(&d, PM_ERR_USAGE));
	assert_int_equal(r.n, 0);
	pm_check_report_free(&r);
	pm_model *m = load_text(BASE);
	assert_int_equal(pm_check_run(m, NULL, NULL, &d), -1);
	assert_int_equal(d.errors, 2);
	pm_model_free(m);
	pm_diags_free(&d);
}

/* ---- the shipped examples ---------------------------------------------------------------------- */

/* Gaps the shipped examples are allowed to have: (example, rule, number of
 * gaps), ended by a null entry.  The examples are meant to be complete models,
 * so the list is empty: every check of both examples passes or does not apply,
 * at every weight.  The test fails when the list and the examples disagree, in
 * either direction; a gap the examples must keep for a while goes here, with
 * the reason. */
static const struct known_gap {
	const char *example, *rule;
	size_t n;
} known_gaps[] = {
        {NULL, NULL, 0},
};

static void test_examples_known_gaps(void **state)
{
	(void)state;
	static const char *const examples[] = {"examples/lab-analyzer.yaml", "examples/insulin-pump.yaml"};
	for (size_t e = 0; e < 2; e++) {
		pm_model *m = load_path(examples[e]);
		pm_check_report r;
		run(m, -1, &r);
		size_t known_rules = 0; /* rules allowed to fail for this example */
		for (size_t k = 0; known_gaps[k].example; k++)
			if (strcmp(known_gaps[k].example, examples[e]) == 0)
				known_rules++;
		for (size_t i = 0; i < r.n; i++) {
			const pm_check_result *x = &r.v[i];
			size_t want = 0;
			for (size_t k = 0; known_gaps[k].example; k++)
				if (strcmp(known_gaps[k].example, examples[e]) == 0 &&
				    strcmp(known_gaps[k].rule, x->id) == 0)
					want = known_gaps[k].n;
			size_t got = x->status == PM_CHECK_FAIL && x->weight != PM_CHECK_ADVISORY ? x->n_findings : 0;
			if (got != want) {
				fprintf(stderr,
				        "%s: %s: %zu gaps, known %zu (update known_gaps in tests/unit/test_check.c)\n",
				        examples[e], x->id, got, want);
				dump(x);
			}
			assert_int_equal(got, want);
			/* and nothing advisory either */
			assert_false(x->status == PM_CHECK_FAIL && x->weight == PM_CHECK_ADVISORY);
		}
		/* the summary agrees: only the known rules fail, everything else passes or does not apply */
		size_t failed = 0;
		for (int w = 0; w < PM_CHECK_N_WEIGHTS; w++)
			failed += r.failed[w];
		assert_int_equal(failed, known_rules);
		assert_int_equal(r.passed + r.not_applicable + failed, r.n);
		if (!known_rules)
			for (int w = 0; w < PM_CHECK_N_WEIGHTS; w++)
				assert_int_equal(r.findings[w], 0);
		assert_true(r.passed > r.not_applicable);
		assert_true(r.cyber_device);
		pm_check_report_free(&r);
		pm_model_free(m);
	}
}

/* TM-06 with the shipped rule catalog: BASE leaves rule matches open; each
 * finding names the rule and the element, at the element; dismissing every
 * open rule for the whole model makes the check pass. */
static pm_model *load_identified(const char *text, const pm_catalog *c)
{
	pm_model *m = NULL;
	pm_diags d;
	pm_diags_init(&d);
	const char *path = model_path();
	write_file(path, text);
	assert_int_equal(pm_model_load(&path, 1, NULL, &m, &d), 0);
	assert_int_equal(pm_threats_identify(m, c, NULL, &d), 0);
	assert_int_equal(pm_risk_compute(m, &d), 0);
	pm_diags_free(&d);
	return m;
}

static void test_tm06_rule_matches(void **state)
{
	(void)state;
	const char *dir_rules = "models/threats";
	pm_catalog *c = NULL;
	pm_diags d;
	pm_diags_init(&d);
	assert_int_equal(pm_catalog_load(&dir_rules, 1, 1, &c, &d), 0);
	pm_model *m = load_identified(BASE, c);
	assert_non_null(m->identified);
	assert_true(m->identified->n_open > 0);
	pm_check_report r;
	run(m, -1, &r);
	const pm_check_result *x = find(&r, "TM-06");
	assert_int_equal(x->status, PM_CHECK_FAIL);
	assert_int_equal(x->n_findings, m->identified->n_open);
	/* the first open match: its finding names the rule and the element, at the element's line */
	const pm_identified *id = m->identified;
	size_t first = 0;
	while (id->v[first].state != PM_MATCH_OPEN)
		first++;
	char want[256];
	snprintf(want, sizeof want, "rule %s matches ", id->rules[id->v[first].rule].id);
	const pm_check_finding *f = NULL;
	for (size_t k = 0; k < x->n_findings && !f; k++)
		if (strstr(x->findings[k].message, want) && strstr(x->findings[k].message, id->v[first].element))
			f = &x->findings[k];
	assert_non_null(f);
	assert_non_null(strstr(f->message, "rule_dispositions"));
	if (id->v[first].kind != PM_K_NONE) {
		const pm_mark *at = pm_model_obj(m, id->v[first].kind, id->v[first].idx);
		assert_int_equal(f->loc.line, at->line);
	}
	/* dismiss every open rule for the whole model */
	pm_buf b;
	pm_buf_init(&b, 0);
	pm_buf_puts(&b, BASE);
	pm_buf_puts(&b, "rule_dispositions:\n");
	for (size_t i = 0; i < id->n; i++) {
		const char *rule = id->rules[id->v[i].rule].id;
		if (id->v[i].state != PM_MATCH_OPEN || strstr(b.data, rule))
			continue;
		pm_buf_printf(&b, "  - {rule: %s, rationale: Not applicable to the test pump.}\n", rule);
	}
	pm_check_report_free(&r);
	pm_model_free(m);
	m = load_identified(b.data, c);
	assert_int_equal(m->identified->n_open, 0);
	run(m, -1, &r);
	x = find(&r, "TM-06");
	assert_int_equal(x->status, PM_CHECK_PASS);
	assert_non_null(strstr(x->message, "dismissed with a rationale"));
	pm_check_report_free(&r);
	pm_model_free(m);
	pm_buf_free(&b);
	pm_diags_free(&d);
	pm_catalog_free(c);
}

/* Removing a required part of an example is reported at the place to fix. */
static void test_example_removals(void **state)
{
	(void)state;
	char *lab = read_all("examples/lab-analyzer.yaml");
	char path[600];
	snprintf(path, sizeof path, "%s/lab.yaml", dir);
	pm_check_report r;

	/* its SBOM (and the references to it) */
	char *a = replace_lines(lab, "    sbom: [", NULL);
	char *b = replace_lines(a, "    components: [SB-", "    components: [C-WS]\n");
	static const edit cut_sbom[] = {CUT("\nsbom:\n", "\nvulnerabilities:\n"), END};
	char *text = apply(b, cut_sbom);
	write_file(path, text);
	pm_model *m = load_path(path);
	run(m, -1, &r);
	const pm_check_result *x = find(&r, "SB-01");
	assert_int_equal(x->status, PM_CHECK_FAIL);
	assert_int_equal(x->weight, PM_CHECK_REQUIRED);
	assert_int_equal(x->n_findings, 1);
	assert_non_null(strstr(x->findings[0].message, "no SBOM"));
	assert_string_equal(x->findings[0].loc.file, path);
	assert_int_equal(x->findings[0].loc.line, m->device.at.line);
	assert_int_equal(x->findings[0].loc.col, m->device.at.col);
	pm_check_report_free(&r);
	pm_model_free(m);
	free(text);
	free(b);
	free(a);

	/* its management plan */
	static const edit cut_plan[] = {{"\nmanagement_plan:\n", "\n", NULL, 1}, END};
	text = apply(lab, cut_plan);
	write_file(path, text);
	m = load_path(path);
	run(m, -1, &r);
	static const char *const plan_rules[] = {"524-01", "524-02", "524-03", "CMP-01", "CMP-09"};
	for (size_t i = 0; i < 5; i++) {
		x = find(&r, plan_rules[i]);
		assert_int_equal(x->status, PM_CHECK_FAIL);
		assert_int_equal(x->findings[0].loc.line, m->device.at.line);
	}
	assert_int_equal(find(&r, "524-01")->weight, PM_CHECK_REQUIRED);
	assert_non_null(strstr(find(&r, "524-01")->message, "coordinated vulnerability disclosure"));
	pm_check_report_free(&r);
	pm_model_free(m);
	free(text);

	/* a view: the only updatability view */
	static const edit cut_view[] = {CUT("  - id: V-UPD\n", "  - id: V-UC-REPORT\n"), END};
	text = apply(lab, cut_view);
	write_file(path, text);
	m = load_path(path);
	run(m, -1, &r);
	x = find(&r, "AV-03");
	assert_int_equal(x->status, PM_CHECK_FAIL);
	assert_int_equal(x->n_findings, 1);
	assert_non_null(strstr(x->findings[0].message, "no updatability view"));
	assert_int_equal(x->findings[0].loc.line, line_of(text, "views:\n") + 1);
	assert_int_equal(find(&r, "AV-01")->status, PM_CHECK_PASS);
	pm_check_report_free(&r);
	pm_model_free(m);
	free(text);

	/* a control's tests */
	const char *anchor = strstr(lab, "  - id: CTL-SESSION\n");
	assert_non_null(anchor);
	const char *t = strstr(anchor, "    tests: [TST-SECREQ]\n");
	assert_non_null(t);
	text = splice(lab, t, strlen("    tests: [TST-SECREQ]\n"), "");
	write_file(path, text);
	m = load_path(path);
	run(m, -1, &r);
	x = find(&r, "CTL-02");
	assert_int_equal(x->status, PM_CHECK_FAIL);
	assert_int_equal(x->n_findings, 1);
	assert_string_equal(x->findings[0].message, "implemented control CTL-SESSION is verified by no test (tests)");
	assert_int_equal(x->findings[0].loc.line, line_of(text, "  - id: CTL-SESSION\n"));
	pm_check_report_free(&r);
	pm_model_free(m);
	free(text);
	free(lab);

	/* a multi-file example: a control's tests in an included file */
	char sub[600], inc[700];
	snprintf(sub, sizeof sub, "%s/insulin-pump", dir);
	mkdir(sub, 0700);
	static const char *const parts[] = {"threats.yaml", "controls.yaml", "sbom.yaml"};
	for (int i = 0; i < 3; i++) {
		char src[300];
		snprintf(src, sizeof src, "examples/insulin-pump/%s", parts[i]);
		snprintf(inc, sizeof inc, "%s/%s", sub, parts[i]);
		char *s = read_all(src);
		if (i == 1) {
			const char *at = strstr(s, "  - id: CTL-UPDATE-PROCESS\n");
			assert_non_null(at);
			const char *tl = strstr(at, "    tests: [TST-P-SECREQ]\n");
			assert_non_null(tl);
			char *s2 = splice(s, tl, strlen("    tests: [TST-P-SECREQ]\n"), "");
			write_file(inc, s2);
			free(s2);
		} else {
			write_file(inc, s);
		}
		free(s);
	}
	char *pump = read_all("examples/insulin-pump.yaml");
	snprintf(path, sizeof path, "%s/pump.yaml", dir);
	write_file(path, pump);
	free(pump);
	m = load_path(path);
	run(m, -1, &r);
	x = find(&r, "CTL-02");
	assert_int_equal(x->status, PM_CHECK_FAIL);
	assert_int_equal(x->n_findings, 1);
	assert_non_null(strstr(x->findings[0].message, "CTL-UPDATE-PROCESS"));
	snprintf(inc, sizeof inc, "%s/controls.yaml", sub);
	assert_non_null(strstr(x->findings[0].loc.file, "insulin-pump/controls.yaml"));
	char *ctl = read_all(inc);
	assert_int_equal(x->findings[0].loc.line, line_of(ctl, "  - id: CTL-UPDATE-PROCESS\n"));
	free(ctl);
	assert_int_equal(r.n_model_files, 4);
	pm_check_report_free(&r);
	pm_model_free(m);
}

int main(void)
{
	size_t len = 0;
	for (size_t i = 0; i < sizeof BASE_PARTS / sizeof *BASE_PARTS; i++)
		len += strlen(BASE_PARTS[i]);
	BASE = malloc(len + 1);
	if (!BASE)
		return 1;
	BASE[0] = '\0';
	for (size_t i = 0, o = 0; i < sizeof BASE_PARTS / sizeof *BASE_PARTS; i++) {
		memcpy(BASE + o, BASE_PARTS[i], strlen(BASE_PARTS[i]) + 1);
		o += strlen(BASE_PARTS[i]);
	}
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_base_passes_everything),
	        cmocka_unit_test(test_each_label_and_plan_item),
	        cmocka_unit_test(test_ra01_ra04_on_changed_model),
	        cmocka_unit_test(test_placeholders),
	        cmocka_unit_test(test_register_without_controls),
	        cmocka_unit_test(test_attachment_file),
	        cmocka_unit_test(test_documentation_date),
	        cmocka_unit_test(test_weights),
	        cmocka_unit_test(test_thresholds),
	        cmocka_unit_test(test_rule_table),
	        cmocka_unit_test(test_render_text),
	        cmocka_unit_test(test_render_md),
	        cmocka_unit_test(test_render_sarif_and_json),
	        cmocka_unit_test(test_deterministic),
	        cmocka_unit_test(test_render_cap),
	        cmocka_unit_test(test_render_rules),
	        cmocka_unit_test(test_run_usage),
	        cmocka_unit_test(test_examples_known_gaps),
	        cmocka_unit_test(test_example_removals),
	        cmocka_unit_test(test_tm06_rule_matches),
	};
	size_t n = sizeof cases / sizeof *cases;
	struct CMUnitTest *rule_tests = calloc(n, sizeof *rule_tests);
	if (!rule_tests)
		return 1;
	for (size_t i = 0; i < n; i++) {
		rule_tests[i].name = cases[i].name;
		rule_tests[i].test_func = test_rule_case;
		rule_tests[i].initial_state = (void *)&cases[i];
	}
	int rc = cmocka_run_group_tests_name("check", tests, setup, teardown);
	rc += _cmocka_run_group_tests("check rules", rule_tests, n, setup, teardown);
	free(rule_tests);
	free(BASE);
	return rc ? 1 : 0;
}
