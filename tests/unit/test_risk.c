/* test_risk.c — the risk register: CR/IR/AR from harm, exploitability
 * mapping, severity, matrix, control effects (most protective wins, planned
 * controls ignored), stated residuals, STRIDE fallback, aggregates. */
#include "testutil.h"

#include <unistd.h>

#include "premarket/load.h"
#include "premarket/render.h"

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
	"  - {id: C-PUMP, name: Pump, kind: device, zone: Z-HOME, interfaces: [{id: IF-BLE, kind: ble, status: used}]}\n"
	"  - {id: C-APP, name: App, kind: app, zone: Z-HOME}\n"
	"  - {id: C-CLOUD, name: Cloud, kind: cloud_service, zone: Z-CLOUD}\n"
	"flows:\n"
	"  - {id: F-SYNC, name: Sync, from: C-APP, to: C-CLOUD, kind: data, protocol: HTTPS, authentication: OAuth, encryption: TLS}\n"
	"assets:\n"
	"  - {id: A-DOSE, name: Dose, kind: function, harm: {confidentiality: negligible, integrity: catastrophic, availability: serious}}\n"
	"  - {id: A-PHI, name: PHI, kind: data, harm: {confidentiality: minor, integrity: minor, availability: negligible}}\n"
	"controls:\n"
	"  - {id: K-PAIR, title: Pairing, category: authentication, requirement: r, status: implemented, effect: MAV:L/MPR:H}\n"
	"  - {id: K-PHYS, title: Physical, category: authorization, requirement: r, status: implemented, effect: MAV:P}\n"
	"  - {id: K-WORSE, title: No-op, category: logging, requirement: r, status: implemented, effect: MAV:N/MAC:L}\n"
	"  - {id: K-PLAN, title: Planned, category: cryptography, requirement: r, status: planned, effect: MC:N/MI:N/MA:N}\n";

static pm_model *load_text(const char *body)
{
	char path[512];
	snprintf(path, sizeof path, "%s/m.yaml", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(HEAD, f);
	fputs(body, f);
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
	return m;
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
	assert_int_equal(pm_cvss_parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MAV:A", &v, NULL), 0);
	assert_int_equal(pm_risk_exploit_v40_points(&v), 1);
	assert_int_equal(pm_risk_exploit_v40(1), 3);
}

static void test_register_with_effects(void **state)
{
	(void)state;
	pm_model *m = load_text(
		"threats:\n"
		"  - {id: T-BOLUS, title: Forged bolus, stride: [spoofing, tampering], targets: [IF-BLE], assets: [A-DOSE, A-PHI],\n"
		"     cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', controls: [K-PAIR, K-PLAN]}\n"
		"  - {id: T-PHYS, title: Physical, stride: tampering, targets: [C-PUMP], assets: [A-DOSE],\n"
		"     cvss: 'CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', controls: [K-WORSE]}\n"
		"  - {id: T-SYNC, title: Sync, stride: [information_disclosure], targets: [F-SYNC], assets: [A-PHI], exploitability: high,\n"
		"     controls: [K-PAIR]}\n"
		"  - {id: T-BOTH, title: Two controls, stride: tampering, targets: [C-APP], assets: [A-DOSE],\n"
		"     cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', controls: [K-PAIR, K-PHYS]}\n"
		"  - {id: T-RES, title: Stated residual, stride: tampering, targets: [C-APP], assets: [A-DOSE],\n"
		"     cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', residual: {cvss: 'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:N/I:L/A:N', exploitability: very_low}}\n"
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
	assert_true(r->controlled);

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
	assert_int_equal(r->before.severity, PM_HARM_MINOR);
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
		cmocka_unit_test(test_renderers_agree),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
