/* test_risk.c — the risk register: CR/IR/AR from harm, exploitability
 * mapping, severity, matrix, control effects (most protective wins, planned
 * controls ignored), stated residuals, STRIDE fallback, aggregates; the
 * residual only moves for a cause (stated levels carried, explicit residuals
 * warned when worse), the three outcomes and verified controls, multi-patient
 * harm, stated harm and hazards, and the policy's document (docs/risk-method.md). */
#include "testutil.h"

#include <unistd.h>

#include "premarket/explain.h"
#include "premarket/load.h"
#include "premarket/render.h"
#include "premarket/view.h"

static char dir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/pm-test-risk-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static const char HEAD[] =
        "device:\n"
        "  name: Pump\n"
        "  version: '2'\n"
        "  manufacturer: {name: Maker}\n"
        "  submission_type: pma\n"
        "  intended_use: x\n"
        "  use_environment: home\n"
        "  cyber_device: {software: true, internet_connectable: true, vulnerable_characteristics: true, rationale: r}\n"
        "zones:\n"
        "  - {id: Z-HOME, name: Home, trust: untrusted}\n"
        "  - {id: Z-CLOUD, name: Cloud, trust: partially_trusted}\n"
        "components:\n"
        "  - {id: C-PUMP, name: Pump, kind: device, zone: Z-HOME, interfaces: [{id: IF-BLE, kind: ble, status: "
        "used}]}\n"
        "  - {id: C-APP, name: App, kind: app, zone: Z-HOME}\n"
        "  - {id: C-CLOUD, name: Cloud, kind: cloud_service, zone: Z-CLOUD}\n"
        "flows:\n"
        "  - {id: F-SYNC, name: Sync, from: C-APP, to: C-CLOUD, kind: data, protocol: HTTPS, authentication: OAuth, "
        "encryption: TLS}\n"
        "  - {id: F-FW, name: Firmware, from: C-APP, to: C-PUMP, kind: code, protocol: BLE DFU, authentication: "
        "signature, encryption: none}\n"
        "  - {id: F-CFG, name: Config, from: C-APP, to: C-PUMP, kind: configuration, protocol: BLE, authentication: "
        "pairing, encryption: AES-CCM}\n"
        "assets:\n"
        "  - {id: A-DOSE, name: Dose, kind: function, harm: {confidentiality: negligible, integrity: catastrophic, "
        "availability: serious}}\n"
        "  - {id: A-PHI, name: PHI, kind: data, harm: {confidentiality: minor, integrity: minor, availability: "
        "negligible}}\n"
        "  - {id: A-FW, name: Firmware, kind: software, harm: {confidentiality: negligible, integrity: serious, "
        "availability: minor}}\n"
        "controls:\n"
        "  - {id: K-PAIR, title: Pairing, category: authentication, requirement: r, status: implemented, effect: "
        "MAV:L/MPR:H}\n"
        "  - {id: K-PHYS, title: Physical, category: authorization, requirement: r, status: implemented, effect: "
        "MAV:P}\n"
        "  - {id: K-WORSE, title: No-op, category: logging, requirement: r, status: implemented, effect: MAV:N/MAC:L}\n"
        "  - {id: K-PLAN, title: Planned, category: cryptography, requirement: r, status: planned, effect: "
        "MC:N/MI:N/MA:N}\n"
        "  - {id: K-VER, title: Verified, category: authentication, requirement: r, status: implemented, effect: "
        "MAV:L/MPR:H, tests: [TS-PASS]}\n"
        "  - {id: K-FIND, title: Findings, category: authentication, requirement: r, status: implemented, effect: "
        "MAC:H, tests: [TS-FIND]}\n"
        "  - {id: K-PTEST, title: Test planned, category: authentication, requirement: r, status: implemented, effect: "
        "MAV:L/MPR:H, tests: [TS-PLANNED, TS-FAIL]}\n"
        "  - {id: K-PLANV, title: Planned with a passed test, category: authentication, requirement: r, status: "
        "planned, effect: MAV:L/MPR:H, tests: [TS-PASS]}\n"
        "tests:\n"
        "  - {id: TS-PASS, title: Passed, kind: penetration, performed_by: Lab, independence: third_party, result: "
        "pass}\n"
        "  - {id: TS-FIND, title: Findings, kind: fuzz, performed_by: Lab, independence: third_party, result: "
        "pass_with_findings}\n"
        "  - {id: TS-PLANNED, title: Planned, kind: fuzz, performed_by: Lab, independence: third_party, result: "
        "planned}\n"
        "  - {id: TS-FAIL, title: Failed, kind: fuzz, performed_by: Lab, independence: third_party, result: fail}\n";

/* Load HEAD + body (+ an optional risk_policy text); diagnostics go to *d (caller frees). */
static pm_model *load_with(const char *body, const char *policy, pm_diags *d)
{
	char path[512];
	snprintf(path, sizeof path, "%s/m.yaml", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(HEAD, f);
	fputs(body, f);
	if (policy)
		fputs(policy, f);
	fclose(f);
	const char *p = path;
	pm_diags_init(d);
	pm_model *m = NULL;
	pm_test_load_scored(&p, 1, NULL, &m, d);
	return m;
}

static pm_model *load_text(const char *body)
{
	pm_diags d;
	pm_model *m = load_with(body, NULL, &d);
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].sev == PM_ERROR)
			fprintf(stderr, "%u:%u: %s\n", d.v[i].line, d.v[i].col, d.v[i].msg);
	pm_diags_free(&d);
	assert_non_null(m);
	return m;
}

/* The shipped default policy with its multi_patient_step line replaced (NULL: removed). */
static char *policy_with_step(const char *step_line)
{
	const char *root = getenv("PREMARKET_DATADIR");
	char path[512];
	snprintf(path, sizeof path, "%s/models/default-policy.yaml", root ? root : ".");
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	static char text[16384];
	size_t n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	char *at = strstr(text, "  multi_patient_step:");
	assert_non_null(at);
	char *eol = strchr(at, '\n');
	char *out = malloc(n + 256);
	snprintf(out, n + 256, "%.*s%s%s", (int)(at - text), text, step_line ? step_line : "", eol + 1);
	return out;
}

/* Load HEAD + body under the default policy with its step line replaced; the model must load. */
static pm_model *load_policy(const char *body, const char *step_line)
{
	char *pol = policy_with_step(step_line);
	pm_diags d;
	pm_model *m = load_with(body, pol, &d);
	free(pol);
	pm_diags_free(&d);
	assert_non_null(m);
	return m;
}

/* The first diagnostic whose message contains `needle`, or NULL. */
static const pm_diag *find_diag(const pm_diags *d, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].msg, needle))
			return &d->v[i];
	return NULL;
}

/* The explanation of one threat (caller frees). */
static char *explain(const pm_model *m, const char *id)
{
	pm_buf b;
	pm_buf_init(&b, 0);
	pm_diags d;
	pm_diags_init(&d);
	assert_int_equal(pm_explain_threat(m, id, &b, &d), 0);
	pm_diags_free(&d);
	return b.data;
}

/* The explanation of threat `id` contains each of the NULL-terminated needles. */
static void assert_explains(const pm_model *m, const char *id, ...)
{
	char *e = explain(m, id);
	va_list ap;
	va_start(ap, id);
	for (const char *needle; (needle = va_arg(ap, const char *)) != NULL;)
		if (!strstr(e, needle))
			fail_msg("explain %s lacks: %s\n%s", id, needle, e);
	va_end(ap);
	free(e);
}

/* Register entry of (threat id, asset id). */
static const pm_risk *entry(const pm_model *m, const char *threat, const char *asset)
{
	for (size_t k = 0; k < m->risk.n; k++) {
		const pm_risk *r = &m->risk.v[k];
		if (strcmp(m->threats.v[r->threat].id.s, threat) == 0 && strcmp(m->assets.v[r->asset].id.s, asset) == 0)
			return r;
	}
	fail_msg("no register entry (%s, %s)", threat, asset);
	return NULL;
}

static const char *lv(const pm_model *m, int i)
{
	return m->risk_policy.exploitability_levels.v[i].id.s;
}

static const char *rl(const pm_model *m, int i)
{
	return m->risk_policy.risk_levels.v[i].id.s;
}

static void test_requirements_mapping(void **state)
{
	(void)state;
	assert_string_equal(pm_risk_requirement(PM_HARM_NEGLIGIBLE), "L");
	assert_string_equal(pm_risk_requirement(PM_HARM_MINOR), "L");
	assert_string_equal(pm_risk_requirement(PM_HARM_SERIOUS), "M");
	assert_string_equal(pm_risk_requirement(PM_HARM_CRITICAL), "H");
	assert_string_equal(pm_risk_requirement(PM_HARM_CATASTROPHIC), "H");
}

static void test_exploitability_mapping(void **state)
{
	(void)state;
	assert_int_equal(pm_risk_exploit_v31(3.887), 4);
	assert_int_equal(pm_risk_exploit_v31(3.0), 4);
	assert_int_equal(pm_risk_exploit_v31(2.835), 3);
	assert_int_equal(pm_risk_exploit_v31(2.22), 3);
	assert_int_equal(pm_risk_exploit_v31(1.999), 2);
	assert_int_equal(pm_risk_exploit_v31(1.23), 2);
	assert_int_equal(pm_risk_exploit_v31(0.915), 1);
	assert_int_equal(pm_risk_exploit_v31(0.523), 0);
	pm_cvss v;
	assert_int_equal(pm_cvss_parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", &v, NULL), 0);
	assert_int_equal(pm_risk_exploit_v40_points(&v), 0);
	assert_int_equal(pm_risk_exploit_v40(0), 4);
	assert_int_equal(pm_cvss_parse("CVSS:4.0/AV:P/AC:H/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", &v, NULL), 0);
	assert_int_equal(pm_risk_exploit_v40_points(&v), 5);
	assert_int_equal(pm_risk_exploit_v40(5), 0);
	/* modified metrics count */
	assert_int_equal(
	        pm_cvss_parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MAV:A", &v, NULL), 0);
	assert_int_equal(pm_risk_exploit_v40_points(&v), 1);
	assert_int_equal(pm_risk_exploit_v40(1), 3);
}

static void test_register_with_effects(void **state)
{
	(void)state;
	pm_model *m = load_text(
	        "threats:\n"
	        "  - {id: T-BOLUS, title: Forged bolus, stride: [spoofing, tampering], targets: [IF-BLE], assets: "
	        "[A-DOSE, A-PHI],\n"
	        "     cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', controls: [K-PAIR, K-PLAN]}\n"
	        "  - {id: T-PHYS, title: Physical, stride: tampering, targets: [C-PUMP], assets: [A-DOSE],\n"
	        "     cvss: 'CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', controls: [K-WORSE]}\n"
	        "  - {id: T-SYNC, title: Sync, stride: [information_disclosure], targets: [F-SYNC], assets: [A-PHI], "
	        "exploitability: high,\n"
	        "     controls: [K-PAIR]}\n"
	        "  - {id: T-BOTH, title: Two controls, stride: tampering, targets: [C-APP], assets: [A-DOSE],\n"
	        "     cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', controls: [K-PAIR, K-PHYS]}\n"
	        "  - {id: T-RES, title: Stated residual, stride: tampering, targets: [C-APP], assets: [A-DOSE],\n"
	        "     cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', residual: {cvss: "
	        "'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:N/I:L/A:N', exploitability: very_low}}\n"
	        "  - {id: T-V4, title: v4, stride: tampering, targets: [C-PUMP], assets: [A-DOSE],\n"
	        "     cvss: 'CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N', controls: [K-PAIR]}\n");
	const pm_register *R = &m->risk;
	assert_int_equal(R->n, 7);

	/* T-BOLUS x A-DOSE: CR:L IR:H AR:M */
	const pm_risk *r = &R->v[0];
	assert_int_equal(r->threat, 0);
	assert_int_equal(r->asset, 0);
	char vec[PM_CVSS_VECTOR_MAX];
	pm_cvss_format(&r->before.vector, vec, sizeof vec);
	assert_string_equal(vec, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/CR:L/IR:H/AR:M");
	assert_int_equal(r->before.base_tenths, 98);
	assert_string_equal(lv(m, r->before.exploitability), "very_high");
	assert_int_equal(r->before.severity, PM_HARM_CATASTROPHIC);
	assert_int_equal(r->before.severity_prop, PM_PROP_I);
	assert_string_equal(rl(m, r->before.risk), "high");
	assert_false(r->before.acceptable);
	/* after: K-PAIR MAV:L/MPR:H applied, planned K-PLAN ignored */
	pm_cvss_format(&r->after.vector, vec, sizeof vec);
	assert_string_equal(vec, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/CR:L/IR:H/AR:M/MAV:L/MPR:H");
	assert_int_equal(r->controls_applied, 1);
	assert_int_equal(r->after.base_tenths, 98);
	assert_string_equal(lv(m, r->after.exploitability), "low");
	assert_int_equal(r->after.severity, PM_HARM_CATASTROPHIC);
	assert_string_equal(rl(m, r->after.risk), "medium");
	/* acceptable after, but K-PAIR has no test: not shown controlled */
	assert_int_equal(r->basis, PM_RES_EFFECTS);
	assert_int_equal(r->outcome, PM_OUTCOME_UNCONTROLLED);
	assert_int_equal(r->uncontrolled, PM_UNC_UNVERIFIED);
	assert_false(r->controlled);

	/* T-BOLUS x A-PHI: every property impacted, highest harm minor */
	r = &R->v[1];
	assert_int_equal(r->asset, 1);
	assert_int_equal(r->before.severity, PM_HARM_MINOR);
	assert_string_equal(rl(m, r->before.risk), "medium");
	assert_true(r->before.env_tenths < R->v[0].before.env_tenths);

	/* T-PHYS: an effect cannot make a threat worse (MAV:N on AV:P) */
	r = &R->v[2];
	pm_cvss_format(&r->after.vector, vec, sizeof vec);
	assert_string_equal(vec, "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N/CR:L/IR:H/AR:M");
	assert_int_equal(r->after.env_tenths, r->before.env_tenths);
	assert_int_equal(r->before.severity, PM_HARM_CATASTROPHIC);
	assert_string_equal(lv(m, r->before.exploitability), "low");

	/* T-SYNC: no vector: STRIDE -> confidentiality; stated level; residual unchanged */
	r = &R->v[3];
	assert_false(r->before.has_vector);
	assert_true(r->before.impact_from_stride);
	assert_int_equal(r->before.impacted, PM_PROP_C);
	/* F-SYNC goes to the cloud service: multi-patient, minor one step up */
	assert_int_equal(r->before.severity_base, PM_HARM_MINOR);
	assert_int_equal(r->before.severity, PM_HARM_SERIOUS);
	assert_int_equal(r->before.exploit_source, PM_EXPL_STATED);
	assert_string_equal(lv(m, r->before.exploitability), "high");
	assert_int_equal(r->after.exploit_source, PM_EXPL_UNCHANGED);
	assert_int_equal(r->after.risk, r->before.risk);

	/* T-BOTH: MAV:L (K-PAIR) and MAV:P (K-PHYS): P wins */
	r = &R->v[4];
	pm_cvss_format(&r->after.vector, vec, sizeof vec);
	assert_string_equal(vec, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N/CR:L/IR:H/AR:M/MAV:P/MPR:H");
	assert_int_equal(r->controls_applied, 2);

	/* T-RES: stated residual vector and level */
	r = &R->v[5];
	assert_true(r->residual_stated);
	assert_int_equal(r->after.exploit_source, PM_EXPL_STATED);
	assert_string_equal(lv(m, r->after.exploitability), "very_low");
	assert_int_equal(r->after.severity, PM_HARM_CATASTROPHIC);
	assert_string_equal(rl(m, r->after.risk), "medium");

	/* T-V4: v4.0, adjacent: high; MAV:L MPR:H -> points 1 + 2 = 3: low */
	r = &R->v[6];
	assert_int_equal(r->before.vector.version, PM_CVSS_V40);
	assert_string_equal(lv(m, r->before.exploitability), "high");
	assert_string_equal(lv(m, r->after.exploitability), "low");

	/* aggregates: pump via its interface (T-BOLUS x2) and directly (T-PHYS, T-V4) */
	assert_int_equal(R->by_component[0].risks, 4);
	/* app via the flow F-SYNC (T-SYNC) and directly (T-BOTH, T-RES) */
	assert_int_equal(R->by_component[1].risks, 3);
	assert_int_equal(R->by_component[2].risks, 1);
	assert_int_equal(R->by_zone[0].risks, 7); /* pump and app; each entry once */
	assert_int_equal(R->by_zone[1].risks, 1);
	assert_int_equal(R->device.risks, 7);
	assert_int_equal(R->by_asset[0].risks, 5);
	assert_int_equal(R->device.uncontrolled_before, 4);
	pm_model_free(m);
}

#define V_NET_I "'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N'"

/* Line and column (1-based) of `needle` in the model file HEAD + body. */
static void locate(const char *body, const char *needle, unsigned *line, unsigned *col)
{
	*line = 1;
	for (const char *p = HEAD; *p; p++)
		*line += *p == '\n';
	const char *at = strstr(body, needle);
	assert_non_null(at);
	const char *bol = body;
	for (const char *p = body; p < at; p++)
		if (*p == '\n') {
			(*line)++;
			bol = p + 1;
		}
	*col = (unsigned)(at - bol) + 1;
}

/* Issue 12.1: a stated level carries into the residual; it moves only by credited effects. */

/* A threat on a zone counts for that zone; one on an SBOM component for the
 * components that run it (and their zones); each entry once. */
static void test_aggregate_zone_and_sbom_targets(void **state)
{
	(void)state;
	char path[512];
	snprintf(path, sizeof path, "%s/agg.yaml", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("device:\n"
	      "  name: Pump\n"
	      "  version: '2'\n"
	      "  manufacturer: {name: Maker}\n"
	      "  submission_type: pma\n"
	      "  intended_use: x\n"
	      "  use_environment: home\n"
	      "  cyber_device: {software: true, internet_connectable: true, vulnerable_characteristics: true, "
	      "rationale: r}\n"
	      "zones:\n"
	      "  - {id: Z-HOME, name: Home, trust: untrusted}\n"
	      "  - {id: Z-CLOUD, name: Cloud, trust: partially_trusted}\n"
	      "components:\n"
	      "  - {id: C-PUMP, name: Pump, kind: device, zone: Z-HOME, sbom: [SB-LIB]}\n"
	      "  - {id: C-APP, name: App, kind: app, zone: Z-HOME, sbom: [SB-LIB]}\n"
	      "  - {id: C-CLOUD, name: Cloud, kind: cloud_service, zone: Z-CLOUD}\n"
	      "assets:\n"
	      "  - {id: A-PHI, name: PHI, kind: data, harm: {confidentiality: minor, integrity: minor, availability: "
	      "negligible}}\n"
	      "sbom:\n"
	      "  components:\n"
	      "    - {id: SB-LIB, name: lib, version: '1', supplier: s, support: actively_maintained}\n"
	      "threats:\n"
	      "  - {id: T-ZONE, title: Hostile cloud, stride: tampering, targets: [Z-CLOUD], assets: [A-PHI], "
	      "exploitability: high}\n"
	      "  - {id: T-LIB, title: Library flaw, stride: tampering, targets: [SB-LIB, C-APP], assets: [A-PHI], "
	      "exploitability: high}\n",
	      f);
	fclose(f);
	const char *p = path;
	pm_diags d;
	pm_diags_init(&d);
	pm_model *m = NULL;
	pm_test_load_scored(&p, 1, NULL, &m, &d);
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].sev == PM_ERROR)
			fprintf(stderr, "%u:%u: %s\n", d.v[i].line, d.v[i].col, d.v[i].msg);
	pm_diags_free(&d);
	assert_non_null(m);
	const pm_register *R = &m->risk;
	assert_int_equal(R->by_zone[1].risks, 1);      /* Z-CLOUD: T-ZONE */
	assert_int_equal(R->by_component[2].risks, 0); /* C-CLOUD: a threat on its zone is not its own */
	assert_int_equal(R->by_component[1].risks, 1); /* C-APP: T-LIB once, though it counts twice */
	assert_int_equal(R->by_component[0].risks, 1); /* C-PUMP runs SB-LIB */
	assert_int_equal(R->by_zone[0].risks, 1);      /* Z-HOME: T-LIB once */
	assert_int_equal(R->device.risks, 2);
	/* the view (traceability): T-LIB's SBOM components and components include SB-LIB and its runners */
	pm_value_arena *va = pm_value_arena_new();
	const pm_value *root = pm_view_build(m, NULL, va);
	const pm_value *threats = pm_value_map_get(root, "threats");
	const pm_value *lib = pm_value_list_at(threats, 1);
	size_t len;
	const char *t = pm_value_text(pm_value_map_get(lib, "sbom_text"), &len);
	assert_string_equal(t, "SB-LIB");
	t = pm_value_text(pm_value_map_get(lib, "components_text"), &len);
	assert_string_equal(t, "C-PUMP, C-APP");
	pm_value_arena_free(va);
	pm_model_free(m);
}

static void test_stated_level_carried(void **state)
{
	(void)state;
	pm_model *m = load_text(
	        "threats:\n"
	        "  - {id: T-S1, title: Stated very high nothing credited, stride: tampering, targets: [C-PUMP], "
	        "assets: [A-PHI],\n"
	        "     exploitability: very_high, cvss: 'CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N'}\n"
	        "  - {id: T-S2, title: Stated low planned control, stride: tampering, targets: [C-PUMP], assets: "
	        "[A-PHI],\n"
	        "     exploitability: low, cvss: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:H/A:N', controls: [K-PLAN]}\n"
	        "  - {id: T-S3, title: Stated very high credited, stride: tampering, targets: [C-PUMP], assets: "
	        "[A-PHI],\n"
	        "     exploitability: very_high, cvss: " V_NET_I ", controls: [K-VER]}\n"
	        "  - {id: T-S4, title: Stated medium credited, stride: tampering, targets: [C-PUMP], assets: [A-PHI],\n"
	        "     exploitability: medium, cvss: " V_NET_I ", controls: [K-VER]}\n"
	        "  - {id: T-S5, title: Stated medium no change, stride: tampering, targets: [C-PUMP], assets: "
	        "[A-PHI],\n"
	        "     exploitability: medium, cvss: " V_NET_I ", controls: [K-WORSE]}\n");
	/* the vector maps to low; the stated very_high stays after controls (it became "low" before) */
	const pm_risk *r = entry(m, "T-S1", "A-PHI");
	assert_string_equal(lv(m, r->before.exploitability), "very_high");
	assert_string_equal(lv(m, r->after.exploitability), "very_high");
	assert_int_equal(r->after.exploit_source, PM_EXPL_CARRIED);
	assert_int_equal(r->basis, PM_RES_UNCHANGED);
	assert_int_equal(r->exploit_shift, 0);
	assert_int_equal(r->after.risk, r->before.risk);
	assert_int_equal(r->controls_applied, 0);
	/* the vector maps to medium; a planned control credits nothing: low stays low (it became "medium") */
	r = entry(m, "T-S2", "A-PHI");
	assert_string_equal(lv(m, r->after.exploitability), "low");
	assert_int_equal(r->basis, PM_RES_UNCHANGED);
	/* K-VER moves the mapping very_high -> low (3 down): very_high - 3 = low */
	r = entry(m, "T-S3", "A-PHI");
	assert_int_equal(r->basis, PM_RES_EFFECTS);
	assert_int_equal(r->vector_shift, -3);
	assert_int_equal(r->exploit_shift, -3);
	assert_string_equal(lv(m, r->after.exploitability), "low");
	assert_int_equal(r->after.exploit_source, PM_EXPL_CARRIED);
	/* medium - 3 stops at very_low */
	r = entry(m, "T-S4", "A-PHI");
	assert_int_equal(r->vector_shift, -3);
	assert_int_equal(r->exploit_shift, -2);
	assert_string_equal(lv(m, r->after.exploitability), "very_low");
	/* a credited effect that does not move the mapping leaves the stated level */
	r = entry(m, "T-S5", "A-PHI");
	assert_int_equal(r->basis, PM_RES_EFFECTS);
	assert_int_equal(r->vector_shift, 0);
	assert_string_equal(lv(m, r->after.exploitability), "medium");

	assert_explains(m, "T-S1",
	                "Exploitability: \"very_high\", the stated level carried into the residual (nothing credited "
	                "changes it)",
	                "Why the residual is what it is: unchanged: nothing is credited", NULL);
	assert_explains(m, "T-S3",
	                "the stated level \"very_high\" carried into the residual and moved 3 levels down, as the "
	                "vector mapping moved 3 levels down",
	                "Why the residual is what it is: moved by the effects of the credited controls", NULL);
	assert_explains(m, "T-S4",
	                "moved 2 levels down, as the vector mapping moved 3 levels down from the threat's vector to "
	                "the residual vector (never beyond the ends of the scale) => \"very_low\"",
	                NULL);
	pm_model_free(m);
}

/* Issue 12.1: only an explicit residual may be worse than the inherent risk, and it is warned at the residual. */
static void test_explicit_residual(void **state)
{
	(void)state;
	const char *body =
	        "threats:\n"
	        "  - {id: T-W1, title: Worse vector, stride: tampering, targets: [C-PUMP], assets: [A-DOSE],\n"
	        "     cvss: 'CVSS:3.1/AV:P/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:N',\n"
	        "     residual: {cvss: " V_NET_I ", rationale: r}}\n"
	        "  - {id: T-W2, title: Worse level, stride: tampering, targets: [C-PUMP], assets: [A-PHI],\n"
	        "     exploitability: low, residual: {exploitability: high}}\n"
	        "  - {id: T-W3, title: Stated level with a residual vector, stride: tampering, targets: [C-PUMP], "
	        "assets: [A-PHI],\n"
	        "     exploitability: very_high, cvss: " V_NET_I ",\n"
	        "     residual: {cvss: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:H/A:N'}}\n";
	pm_diags d;
	pm_model *m = load_with(body, NULL, &d);
	assert_non_null(m);
	unsigned line, col;
	const pm_diag *w = find_diag(&d, "threat \"T-W1\": the stated residual risk for asset \"A-DOSE\" (high) is "
	                                 "higher than before controls (medium)");
	assert_non_null(w);
	assert_int_equal(w->sev, PM_WARNING);
	locate(body, "'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', rationale", &line, &col);
	assert_int_equal(w->line, line);
	assert_int_equal(w->col, col);
	assert_null(w->hint); /* its residual.rationale says why */
	w = find_diag(&d, "threat \"T-W2\": the stated residual risk for asset \"A-PHI\" (medium) is higher than "
	                  "before controls (low)");
	assert_non_null(w);
	locate(body, "high}", &line, &col);
	assert_int_equal(w->line, line);
	assert_int_equal(w->col, col);
	assert_non_null(w->hint);
	assert_null(find_diag(&d, "T-W3"));
	pm_diags_free(&d);

	const pm_risk *r = entry(m, "T-W1", "A-DOSE");
	assert_int_equal(r->basis, PM_RES_EXPLICIT);
	assert_true(r->residual_stated);
	assert_string_equal(lv(m, r->after.exploitability), "very_high");
	assert_int_equal(r->after.exploit_source, PM_EXPL_VECTOR);
	assert_int_equal(r->outcome, PM_OUTCOME_UNCONTROLLED);
	assert_int_equal(r->uncontrolled, PM_UNC_NOT_ACCEPTABLE);
	r = entry(m, "T-W2", "A-PHI");
	assert_int_equal(r->after.exploit_source, PM_EXPL_STATED);
	assert_int_equal(r->exploit_shift, 2);
	/* the stated very_high moves by the residual vector's shift (very_high -> medium: 2 down) */
	r = entry(m, "T-W3", "A-PHI");
	assert_int_equal(r->vector_shift, -2);
	assert_string_equal(lv(m, r->after.exploitability), "medium");
	assert_int_equal(r->after.exploit_source, PM_EXPL_CARRIED);
	assert_explains(m, "T-W3", "Why the residual is what it is: an explicit residual stated in the model", NULL);
	pm_model_free(m);
}

/* Issue 12.2: acceptable before controls, controlled (implemented, verified), uncontrolled (and why). */
static void test_outcomes(void **state)
{
	(void)state;
	pm_model *m = load_text(
	        "threats:\n"
	        "  - {id: T-O1, title: Verified, stride: tampering, targets: [C-PUMP], assets: [A-DOSE], cvss: " V_NET_I
	        ", controls: [K-VER]}\n"
	        "  - {id: T-O2, title: Planned and failed tests, stride: tampering, targets: [C-PUMP], assets: "
	        "[A-DOSE], cvss: " V_NET_I ", controls: [K-PTEST]}\n"
	        "  - {id: T-O3, title: Planned control, stride: tampering, targets: [C-PUMP], assets: [A-DOSE], "
	        "cvss: " V_NET_I ", controls: [K-PLANV]}\n"
	        "  - {id: T-O4, title: Explicit no control, stride: tampering, targets: [C-PUMP], assets: [A-DOSE], "
	        "cvss: " V_NET_I ",\n"
	        "     residual: {exploitability: very_low}}\n"
	        "  - {id: T-O5, title: Acceptable, stride: tampering, targets: [C-PUMP], assets: [A-PHI],\n"
	        "     cvss: 'CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', controls: [K-PTEST]}\n"
	        "  - {id: T-O6, title: Two verified, stride: tampering, targets: [C-PUMP], assets: [A-DOSE], "
	        "cvss: " V_NET_I ", controls: [K-VER, K-FIND]}\n"
	        "  - {id: T-O7, title: One of two verified, stride: tampering, targets: [C-PUMP], assets: [A-DOSE], "
	        "cvss: " V_NET_I ", controls: [K-VER, K-PTEST]}\n"
	        "  - {id: T-O8, title: Explicit with a verified control, stride: tampering, targets: [C-PUMP], assets: "
	        "[A-DOSE], cvss: " V_NET_I ",\n"
	        "     controls: [K-VER], residual: {exploitability: very_low}}\n");
	const pm_register *R = &m->risk;
	/* verified: implemented with a test that passed; planned tests and planned controls never count */
	static const char *const ids[] = {"K-VER", "K-FIND", "K-PTEST", "K-PLANV", "K-PAIR"};
	static const bool want[] = {true, true, false, false, false};
	for (size_t i = 0; i < 5; i++)
		for (size_t c = 0; c < m->controls.n; c++)
			if (strcmp(m->controls.v[c].id.s, ids[i]) == 0)
				assert_int_equal(R->control_verified[c], want[i]);

	const pm_risk *r = entry(m, "T-O1", "A-DOSE");
	assert_false(r->before.acceptable);
	assert_true(r->after.acceptable);
	assert_int_equal(r->controls_applied, 1);
	assert_int_equal(r->controls_verified, 1);
	assert_int_equal(r->outcome, PM_OUTCOME_CONTROLLED);
	assert_true(r->controlled);
	r = entry(m, "T-O2", "A-DOSE");
	assert_true(r->after.acceptable);
	assert_int_equal(r->outcome, PM_OUTCOME_UNCONTROLLED);
	assert_int_equal(r->uncontrolled, PM_UNC_UNVERIFIED);
	r = entry(m, "T-O3", "A-DOSE");
	assert_int_equal(r->basis, PM_RES_UNCHANGED);
	assert_int_equal(r->uncontrolled, PM_UNC_NOT_ACCEPTABLE);
	r = entry(m, "T-O4", "A-DOSE");
	assert_true(r->after.acceptable);
	assert_int_equal(r->uncontrolled, PM_UNC_NO_CONTROL);
	r = entry(m, "T-O5", "A-PHI");
	assert_int_equal(r->outcome, PM_OUTCOME_ACCEPTABLE);
	assert_true(r->controlled);
	r = entry(m, "T-O6", "A-DOSE");
	assert_int_equal(r->controls_applied, 2);
	assert_int_equal(r->outcome, PM_OUTCOME_CONTROLLED);
	r = entry(m, "T-O7", "A-DOSE");
	assert_int_equal(r->controls_verified, 1);
	assert_int_equal(r->uncontrolled, PM_UNC_UNVERIFIED);
	r = entry(m, "T-O8", "A-DOSE");
	assert_int_equal(r->basis, PM_RES_EXPLICIT);
	assert_int_equal(r->controls_applied, 1);
	assert_int_equal(r->outcome, PM_OUTCOME_CONTROLLED);

	assert_int_equal(R->device.risks, 8);
	assert_int_equal(R->device.acceptable, 1);
	assert_int_equal(R->device.controlled, 3);
	assert_int_equal(R->device.uncontrolled_after, 4);
	assert_int_equal(R->device.not_acceptable_after, 1);
	assert_int_equal(R->device.uncontrolled_before, 7);
	assert_int_equal(R->controls_credited, 3); /* K-VER, K-PTEST, K-FIND; K-PLANV is planned */
	assert_int_equal(R->controls_verified, 2);
	assert_explains(m, "T-O2", "Control K-PTEST (implemented, NOT verified: no passed test)",
	                "UNCONTROLLED (acceptable only if credited controls without a passed test work)", NULL);
	assert_explains(m, "T-O1", "controlled (made acceptable by implemented, verified controls)", NULL);

	/* no control credited anywhere: every acceptable entry is acceptable before controls */
	pm_model_free(m);
	m = load_text("threats:\n"
	              "  - {id: T-A, title: Acceptable, stride: tampering, targets: [C-PUMP], assets: [A-PHI],\n"
	              "     cvss: 'CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', controls: [K-PLAN]}\n");
	assert_int_equal(m->risk.controls_credited, 0);
	assert_int_equal(m->risk.device.acceptable, 1);
	assert_int_equal(m->risk.device.controlled, 0);
	pm_model_free(m);
}

/* Issue 12.3: multi-patient threats, stated or derived from fleet-wide targets, weigh one step more. */
static void test_multi_patient(void **state)
{
	(void)state;
	const char *body =
	        "threats:\n"
	        "  - {id: T-M1, title: Cloud, stride: tampering, targets: [C-CLOUD], assets: [A-PHI], cvss: " V_NET_I
	        "}\n"
	        "  - {id: T-M2, title: Update, stride: tampering, targets: [F-FW], assets: [A-FW],\n"
	        "     cvss: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:N'}\n"
	        "  - {id: T-M3, title: Cloud flow, stride: tampering, targets: [F-SYNC], assets: [A-PHI], "
	        "cvss: " V_NET_I "}\n"
	        "  - {id: T-M4, title: Stated yes, stride: tampering, targets: [C-PUMP], assets: [A-PHI], "
	        "cvss: " V_NET_I ", multi_patient: true}\n"
	        "  - {id: T-M5, title: Stated no, stride: tampering, targets: [C-CLOUD], assets: [A-PHI], "
	        "cvss: " V_NET_I ", multi_patient: false}\n"
	        "  - {id: T-M6, title: Second target, stride: tampering, targets: [F-CFG, F-FW], assets: [A-PHI], "
	        "cvss: " V_NET_I "}\n"
	        "  - {id: T-M7, title: Capped, stride: tampering, targets: [F-FW], assets: [A-DOSE], cvss: " V_NET_I
	        "}\n"
	        "  - {id: T-M8, title: Single patient, stride: tampering, targets: [C-PUMP, F-CFG], assets: [A-PHI], "
	        "cvss: " V_NET_I "}\n";
	pm_model *m = load_text(body);
	assert_int_equal(m->risk.multi_patient_step, 1);
	const pm_risk *r = entry(m, "T-M1", "A-PHI");
	assert_int_equal(r->multi, PM_MULTI_CLOUD);
	assert_true(r->multi_patient);
	assert_int_equal(r->multi_target, 0);
	assert_int_equal(r->before.severity_base, PM_HARM_MINOR);
	assert_int_equal(r->before.multi_step, 1);
	assert_int_equal(r->before.severity, PM_HARM_SERIOUS);
	assert_int_equal(r->after.severity, PM_HARM_SERIOUS);
	/* a fleet-wide update compromise: high x serious is acceptable (medium), high x critical is not */
	r = entry(m, "T-M2", "A-FW");
	assert_int_equal(r->multi, PM_MULTI_CODE_FLOW);
	assert_string_equal(lv(m, r->before.exploitability), "high");
	assert_int_equal(r->before.severity, PM_HARM_CRITICAL);
	assert_false(r->before.acceptable);
	assert_int_equal(entry(m, "T-M3", "A-PHI")->multi, PM_MULTI_CLOUD_FLOW);
	r = entry(m, "T-M4", "A-PHI");
	assert_int_equal(r->multi, PM_MULTI_STATED);
	assert_int_equal(r->before.severity, PM_HARM_SERIOUS);
	r = entry(m, "T-M5", "A-PHI");
	assert_int_equal(r->multi, PM_MULTI_STATED);
	assert_false(r->multi_patient);
	assert_int_equal(r->before.severity, PM_HARM_MINOR);
	r = entry(m, "T-M6", "A-PHI");
	assert_int_equal(r->multi, PM_MULTI_CODE_FLOW);
	assert_int_equal(r->multi_target, 1);
	r = entry(m, "T-M7", "A-DOSE");
	assert_int_equal(r->before.severity, PM_HARM_CATASTROPHIC);
	assert_int_equal(r->before.multi_step, 0);
	r = entry(m, "T-M8", "A-PHI");
	assert_int_equal(r->multi, PM_MULTI_NO);
	assert_int_equal(r->before.severity, PM_HARM_MINOR);
	assert_explains(m, "T-M2",
	                "multi-patient: yes, derived: it targets flow F-FW, of kind code (software distribution); "
	                "severity raised by the policy's multi_patient_step, 1",
	                "Multi-patient: serious + 1 level (the policy's multi_patient_step) = critical", NULL);
	assert_explains(m, "T-M7", "Multi-patient: already catastrophic, the top of the scale", NULL);
	pm_model_free(m);

	/* the manufacturer's step: 0 weighs nothing, 2 weighs two levels, absent is 1 */
	m = load_policy(body, "  multi_patient_step: 0\n");
	assert_false(m->policy_is_default);
	assert_true(entry(m, "T-M2", "A-FW")->before.acceptable);
	assert_int_equal(entry(m, "T-M1", "A-PHI")->before.severity, PM_HARM_MINOR);
	pm_model_free(m);
	m = load_policy(body, "  multi_patient_step: 2\n");
	assert_int_equal(entry(m, "T-M1", "A-PHI")->before.severity, PM_HARM_CRITICAL);
	assert_int_equal(entry(m, "T-M2", "A-FW")->before.severity, PM_HARM_CATASTROPHIC);
	pm_model_free(m);
	m = load_policy(body, NULL);
	assert_int_equal(m->risk.multi_patient_step, 1);
	assert_explains(m, "T-M1", "multi_patient_step, 1 (not stated in the policy: the default)", NULL);
	pm_model_free(m);
	/* a step is a whole number of levels, within 0..4 */
	pm_diags d;
	char *pol = policy_with_step("  multi_patient_step: 1.5\n");
	m = load_with(body, pol, &d);
	free(pol);
	assert_null(m);
	const pm_diag *x = find_diag(&d, "'multi_patient_step' must be a whole number of severity levels, found 1.5");
	assert_non_null(x);
	assert_true(x->line > 0);
	assert_non_null(x->hint);
	pm_diags_free(&d);
	pol = policy_with_step("  multi_patient_step: 7\n");
	m = load_with(body, pol, &d);
	free(pol);
	assert_null(m);
	assert_non_null(find_diag(&d, "'multi_patient_step' must be between 0 and 4, found 7"));
	pm_diags_free(&d);
}

/* Issue 12.4: a threat's stated harm wins over the asset's; hazards link to the safety risk file. */
static void test_stated_harm_and_hazards(void **state)
{
	(void)state;
	pm_model *m = load_text(
	        "threats:\n"
	        "  - {id: T-H1, title: Stated minor, stride: tampering, targets: [C-PUMP], assets: [A-DOSE, A-PHI], "
	        "cvss: " V_NET_I ",\n"
	        "     harm: minor, hazards: [{id: HAZ-1, title: Overdose, document: RMF-1 rev B}, {id: HAZ-2}]}\n"
	        "  - {id: T-H2, title: Stated serious multi-patient, stride: tampering, targets: [C-PUMP], assets: "
	        "[A-PHI],\n"
	        "     cvss: " V_NET_I ", harm: serious, multi_patient: true}\n");
	const pm_risk *r = entry(m, "T-H1", "A-DOSE");
	assert_int_equal(r->before.severity_source, PM_SEV_STATED);
	assert_int_equal(r->before.severity, PM_HARM_MINOR); /* the asset's integrity harm is catastrophic */
	assert_int_equal(r->before.severity_prop, 0);
	assert_int_equal(entry(m, "T-H1", "A-PHI")->before.severity, PM_HARM_MINOR);
	r = entry(m, "T-H2", "A-PHI");
	assert_int_equal(r->before.severity_base, PM_HARM_SERIOUS);
	assert_int_equal(r->before.severity, PM_HARM_CRITICAL);
	const pm_threat *t = &m->threats.v[0];
	assert_int_equal(t->hazards.n, 2);
	assert_string_equal(t->hazards.v[0].id.s, "HAZ-1");
	assert_string_equal(t->hazards.v[0].document.s, "RMF-1 rev B");
	assert_null(t->hazards.v[1].document.s);
	assert_explains(m, "T-H1", "  stated harm: minor\n  hazard: HAZ-1 Overdose, in RMF-1 rev B\n  hazard: HAZ-2\n",
	                "Severity of harm: minor, the harm the threat states for its own hazardous situation", NULL);
	assert_explains(m, "T-H2", "Multi-patient: serious + 1 level (the policy's multi_patient_step) = critical",
	                NULL);
	pm_model_free(m);

	/* bad input: located errors with a hint */
	pm_diags d;
	const char *bad =
	        "threats:\n"
	        "  - {id: T-B, title: Bad, stride: tampering, targets: [C-PUMP], assets: [A-PHI], cvss: " V_NET_I ",\n"
	        "     harm: serius, hazards: [{id: HAZ-1}, {id: HAZ-1, document: RMF-1}]}\n";
	m = load_with(bad, NULL, &d);
	assert_null(m);
	unsigned line, col;
	const pm_diag *x = find_diag(
	        &d,
	        "invalid value \"serius\" for 'harm' (allowed: negligible, minor, serious, critical, catastrophic)");
	assert_non_null(x);
	locate(bad, "serius", &line, &col);
	assert_int_equal(x->line, line);
	assert_int_equal(x->col, col);
	assert_string_equal(x->hint, "did you mean \"serious\"?");
	x = find_diag(&d, "threat \"T-B\" lists hazard \"HAZ-1\" twice");
	assert_non_null(x);
	locate(bad, "HAZ-1, document", &line, &col);
	assert_int_equal(x->line, line);
	assert_int_equal(x->col, col);
	assert_non_null(x->hint);
	pm_diags_free(&d);
	m = load_with("threats:\n"
	              "  - {id: T-B, title: Bad, stride: tampering, targets: [C-PUMP], assets: [A-PHI], cvss: " V_NET_I
	              ",\n"
	              "     hazards: [{id: HAZ-1, documnet: RMF-1}], multi_patient: maybe}\n",
	              NULL, &d);
	assert_null(m);
	x = find_diag(&d, "unknown key 'documnet' in hazard");
	assert_non_null(x);
	assert_string_equal(x->hint, "did you mean 'document'?");
	assert_non_null(find_diag(&d, "'multi_patient' must be true or false, found \"maybe\""));
	pm_diags_free(&d);
}

/* Issue 12.5: the policy names its document; the default policy says it is the tool's. */
static void test_policy_document(void **state)
{
	(void)state;
	const char *body =
	        "threats:\n"
	        "  - {id: T-P, title: P, stride: tampering, targets: [C-PUMP], assets: [A-PHI], cvss: " V_NET_I "}\n";
	pm_model *m = load_text(body);
	assert_true(m->policy_is_default);
	assert_null(m->risk_policy.document.id.s);
	assert_explains(m, "T-P",
	                "risk policy: premarket default security risk policy (the tool's default policy, not a "
	                "manufacturer's)\n",
	                NULL);
	pm_model_free(m);
	m = load_policy(
	        body,
	        "  multi_patient_step: 1\n  document: {id: SRMP-9 rev A, title: Security Risk Management Plan}\n");
	assert_false(m->policy_is_default);
	assert_string_equal(m->risk_policy.document.id.s, "SRMP-9 rev A");
	assert_explains(m, "T-P",
	                "risk policy: premarket default security risk policy, defined in SRMP-9 rev A (Security Risk "
	                "Management Plan)\n",
	                NULL);
	pm_model_free(m);
}

static void test_renderers_agree(void **state)
{
	(void)state;
	pm_model *m = load_text(
	        "threats:\n"
	        "  - {id: T1, title: 'A, \"quoted\" title', stride: tampering, targets: [C-APP], assets: [A-DOSE],\n"
	        "     cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', controls: [K-PAIR]}\n");
	pm_buf csv, json, text;
	pm_buf_init(&csv, 0);
	pm_buf_init(&json, 0);
	pm_buf_init(&text, 0);
	pm_diags rd;
	pm_diags_init(&rd);
	assert_int_equal(pm_render_register(m, PM_REGISTER_CSV, &csv, &rd), 0);
	assert_int_equal(pm_render_register(m, PM_REGISTER_JSON, &json, &rd), 0);
	assert_int_equal(pm_render_register(m, PM_REGISTER_TEXT, &text, &rd), 0);
	assert_int_equal(rd.n, 0);
	pm_diags_free(&rd);
	assert_non_null(strstr(csv.data, "T1,\"A, \"\"quoted\"\" title\",A-DOSE,Dose,"));
	char s[16];
	pm_cvss_score_str(m->risk.v[0].before.env_tenths, s, sizeof s);
	char needle[64];
	snprintf(needle, sizeof needle, "\"environmental\": %s,", s);
	assert_non_null(strstr(json.data, needle));
	snprintf(needle, sizeof needle, "environmental %s", s);
	assert_non_null(strstr(text.data, needle));
	pm_buf_free(&csv);
	pm_buf_free(&json);
	pm_buf_free(&text);
	pm_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_requirements_mapping),
	        cmocka_unit_test(test_exploitability_mapping),
	        cmocka_unit_test(test_register_with_effects),
	        cmocka_unit_test(test_aggregate_zone_and_sbom_targets),
	        cmocka_unit_test(test_stated_level_carried),
	        cmocka_unit_test(test_explicit_residual),
	        cmocka_unit_test(test_outcomes),
	        cmocka_unit_test(test_multi_patient),
	        cmocka_unit_test(test_stated_harm_and_hazards),
	        cmocka_unit_test(test_policy_document),
	        cmocka_unit_test(test_renderers_agree),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
