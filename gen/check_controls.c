/* check_controls.c — CTL, security controls (G25 V.B.1; Appendix 1): all
 * eight categories with requirements and acceptance criteria, and every
 * implemented control verified by a passed test.  Checks, then their rows. */
#include "check_internal.h"

#include <stdio.h>
#include <stdlib.h>

#include "premarket/buf.h"
#include "xalloc.h"

static pm_check_status ctl_01(const pm_model *m, pm_check_ctx *c)
{
	for (int cat = 0; cat < PM_N_CATEGORY; cat++) {
		bool found = false;
		for (size_t i = 0; i < m->controls.n && !found; i++)
			found = m->controls.v[i].category.v == cat;
		if (!found)
			pm_check_add(c, ck_at2(m->controls.at, m->device.at),
			             "no control in the %s category (add one, or a not_applicable control with a "
			             "status_rationale)",
			             pm_enum_names_category[cat]);
	}
	bool *used = pm_xcalloc(m->controls.n + 1, sizeof *used);
	for (size_t t = 0; t < m->threats.n; t++)
		for (size_t k = 0; k < m->threats.v[t].controls.n; k++)
			if (m->threats.v[t].controls.v[k].kind == PM_K_CONTROL)
				used[m->threats.v[t].controls.v[k].idx] = true;
	for (size_t i = 0; i < m->controls.n; i++) {
		const pm_control *k = &m->controls.v[i];
		if (k->status.v == PM_CS_NOT_APPLICABLE)
			continue;
		ck_missing l = {{0}, 0};
		ck_miss(&l, ck_has(k->requirement), "a requirement");
		ck_miss(&l, ck_has(k->acceptance_criteria), "acceptance criteria (acceptance_criteria)");
		ck_miss(&l, used[i], "a threat it mitigates (threats[].controls)");
		char prefix[300];
		snprintf(prefix, sizeof prefix, "control %s", ck_id(k->id));
		ck_add_missing(c, k->at, &l, prefix);
	}
	free(used);
	return pm_check_verdict(c);
}

/* The tests of control k with their results, "T1 (planned) and T2 (fail)"; the
 * caller frees it.  *planned_only says whether every one is planned. */
static char *test_results(const pm_model *m, const pm_control *k, bool *planned_only)
{
	pm_buf b;
	pm_buf_init(&b, 0);
	*planned_only = true;
	for (size_t t = 0; t < k->tests.n; t++) {
		const pm_test *x = pm_model_obj(m, PM_K_TEST, k->tests.v[t].idx);
		int res = x && x->result.at.line ? x->result.v : -1;
		*planned_only &= res == PM_TR_PLANNED;
		pm_buf_printf(&b, "%s%s (%s)",
		              t == 0                ? ""
		              : t + 1 == k->tests.n ? " and "
		                                    : ", ",
		              ck_id(k->tests.v[t].id), res >= 0 ? pm_enum_names_test_result[res] : "?");
	}
	return pm_buf_detach(&b, NULL);
}

static pm_check_status ctl_02(const pm_model *m, pm_check_ctx *c)
{
	size_t n = 0;
	for (size_t i = 0; i < m->controls.n; i++) {
		const pm_control *k = &m->controls.v[i];
		if (k->status.v != PM_CS_IMPLEMENTED)
			continue;
		n++;
		if (!k->tests.n) {
			pm_check_add(c, k->at, "implemented control %s is verified by no test (tests)", ck_id(k->id));
			continue;
		}
		if (m->risk.control_verified[i])
			continue;
		bool planned_only;
		char *list = test_results(m, k, &planned_only);
		pm_check_add(c, ck_at2(k->tests.at, k->at),
		             planned_only ? "implemented control %s is verified only by planned tests: %s"
		                          : "implemented control %s has no passed test (result pass or "
		                            "pass_with_findings): %s",
		             ck_id(k->id), list);
		free(list);
	}
	if (!pm_check_count(c))
		pm_check_note(c, "%zu implemented controls, each verified by a passed test", n);
	return pm_check_verdict(c);
}

static const pm_check_def rules[] = {
        {{"CTL-01", "Requirements and acceptance criteria in all eight control categories", "Security controls",
          "G25 V.B.1; App. 1", REC, 0,
          "controls: at least one control (or a not_applicable one with its reason) in each Appendix 1 category; every "
          "control that applies has a requirement, acceptance criteria and a threat it mitigates.",
          "Add the missing category's controls (or a not_applicable control explaining why), and give each control its "
          "acceptance_criteria and the threats it mitigates."},
         ctl_01},
        {{"CTL-02", "Every implemented control verified by a test", "Security controls", "G25 V.B.1; V.C", REC, HELP,
          "controls[].tests of every implemented control: at least one test whose result is pass or "
          "pass_with_findings (a planned, failed or inconclusive test is not verification).  Planned controls are "
          "checked by RMR-03.",
          "List the tests that verify the control under tests, run them and record the result (add the test evidence "
          "if there is none)."},
         ctl_02},
};

const pm_check_area pm_check_area_controls = {rules, sizeof rules / sizeof *rules};
