/* check_testing.c — TST, testing (G25 V.C): each kind of security testing
 * performed, complete penetration test reports, testers and tools recorded,
 * failed tests and open findings resolved.  Checks, then their rows. */
#include "check_internal.h"

#include <stdio.h>

static const pm_test *test_of_kind(const pm_model *m, int kind, bool *planned_only)
{
	*planned_only = false;
	for (size_t i = 0; i < m->tests.n; i++)
		if (m->tests.v[i].kind.v == kind) {
			if (m->tests.v[i].result.v != PM_TR_PLANNED)
				return &m->tests.v[i];
			*planned_only = true;
		}
	return NULL;
}

static void need_kind(const pm_model *m, pm_check_ctx *c, int kind, const char *what)
{
	bool planned;
	if (!test_of_kind(m, kind, &planned))
		pm_check_add(c, ck_at2(m->tests.at, m->device.at),
		             planned ? "%s is only planned (tests[].kind: %s, result: planned)"
		                     : "no %s (tests[].kind: %s)",
		             what, pm_enum_names_test_kind[kind]);
}

static pm_check_status tst_01(const pm_model *m, pm_check_ctx *c)
{
	need_kind(m, c, PM_TK_SECURITY_REQUIREMENTS, "security requirements testing");
	return pm_check_verdict(c);
}

static pm_check_status tst_02(const pm_model *m, pm_check_ctx *c)
{
	need_kind(m, c, PM_TK_THREAT_MITIGATION, "threat mitigation testing");
	return pm_check_verdict(c);
}

static pm_check_status tst_03(const pm_model *m, pm_check_ctx *c)
{
	static const struct {
		int kind;
		const char *what;
	} kinds[] = {
	        {PM_TK_FUZZ, "fuzz testing"},
	        {PM_TK_ATTACK_SURFACE, "attack surface analysis"},
	        {PM_TK_VULN_CHAINING, "vulnerability chaining"},
	        {PM_TK_CLOSED_BOX_SCAN, "closed-box known-vulnerability scanning"},
	        {PM_TK_SCA, "software composition analysis of binaries"},
	        {PM_TK_STATIC, "static code analysis"},
	        {PM_TK_DYNAMIC, "dynamic code analysis"},
	};
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		need_kind(m, c, kinds[i].kind, kinds[i].what);
	return pm_check_verdict(c);
}

static pm_check_status tst_04(const pm_model *m, pm_check_ctx *c)
{
	need_kind(m, c, PM_TK_PENETRATION, "penetration testing");
	return pm_check_verdict(c);
}

static pm_check_status tst_05(const pm_model *m, pm_check_ctx *c)
{
	size_t n = 0;
	for (size_t i = 0; i < m->tests.n; i++) {
		const pm_test *t = &m->tests.v[i];
		if (t->kind.v != PM_TK_PENETRATION || t->result.v == PM_TR_PLANNED)
			continue;
		n++;
		ck_missing l = {{0}, 0};
		ck_miss(&l, t->independence.at.line, "the testers' independence (independence)");
		ck_miss(&l, ck_has(t->expertise), "their technical expertise (expertise)");
		ck_miss(&l, ck_has(t->scope), "the scope (scope)");
		ck_miss(&l, ck_has(t->duration) || (ck_has(t->start) && ck_has(t->end)),
		        "the duration (start and end, or duration)");
		ck_miss(&l, ck_has(t->methods), "the methods (methods)");
		ck_miss(&l, t->result.v == PM_TR_PASS || t->findings.n > 0, "the findings (findings)");
		char prefix[300];
		snprintf(prefix, sizeof prefix, "penetration test %s", ck_id(t->id));
		ck_add_missing(c, t->at, &l, prefix);
	}
	if (!n)
		return pm_check_na(c, "no performed penetration test (see TST-04)");
	return pm_check_verdict(c);
}

static bool tool_driven(int kind)
{
	return kind == PM_TK_FUZZ || kind == PM_TK_CLOSED_BOX_SCAN || kind == PM_TK_SCA || kind == PM_TK_STATIC ||
	       kind == PM_TK_DYNAMIC;
}

static pm_check_status tst_06(const pm_model *m, pm_check_ctx *c)
{
	if (!m->tests.n)
		return pm_check_na(c, "no tests (see TST-01 to TST-04)");
	for (size_t i = 0; i < m->tests.n; i++) {
		const pm_test *t = &m->tests.v[i];
		ck_missing l = {{0}, 0};
		ck_miss(&l, ck_has(t->performed_by), "who performed it (performed_by)");
		ck_miss(&l, t->independence.at.line, "their independence (independence)");
		if (t->tool.at.line) {
			ck_miss(&l, ck_has(t->tool.version), "the tool version (tool.version)");
			ck_miss(&l, ck_has(t->tool.configuration), "the tool configuration (tool.configuration)");
		} else {
			ck_miss(&l, !tool_driven(t->kind.v), "the tool used (tool: name, version, configuration)");
		}
		ck_miss(&l,
		        t->independence.v != PM_IND_THIRD_PARTY || t->result.v == PM_TR_PLANNED || ck_has(t->report),
		        "a reference to the third party's original report (report)");
		char prefix[300];
		snprintf(prefix, sizeof prefix, "test %s", ck_id(t->id));
		ck_add_missing(c, t->at, &l, prefix);
		for (size_t k = 0; k < t->findings.n; k++) {
			const pm_finding *f = &t->findings.v[k];
			int d = f->disposition.v;
			if ((d == PM_DISP_ACCEPTED || d == PM_DISP_FALSE_POSITIVE || d == PM_DISP_MITIGATED) &&
			    !ck_has(f->rationale))
				pm_check_add(
				        c, f->at,
				        "finding %s of test %s is %s without the manufacturer's assessment (rationale)",
				        ck_id(f->id), ck_id(t->id), pm_enum_names_disposition[d]);
		}
	}
	return pm_check_verdict(c);
}

static pm_check_status tst_07(const pm_model *m, pm_check_ctx *c)
{
	for (size_t i = 0; i < m->tests.n; i++) {
		const pm_test *t = &m->tests.v[i];
		if (t->result.v == PM_TR_FAIL) {
			bool justified = t->findings.n > 0;
			for (size_t k = 0; k < t->findings.n; k++) {
				const pm_finding *f = &t->findings.v[k];
				justified &= f->disposition.v != PM_DISP_OPEN && ck_has(f->rationale);
			}
			if (!justified)
				pm_check_add(c, ck_at2(t->result.at, t->at),
				             "test %s failed and its findings do not all carry a disposition with a "
				             "rationale: fix and retest, or assess each finding",
				             ck_id(t->id));
		}
		for (size_t k = 0; k < t->findings.n; k++) {
			const pm_finding *f = &t->findings.v[k];
			int d = f->disposition.v;
			if (d == PM_DISP_OPEN && !ck_has(f->rationale))
				pm_check_add(c, f->at,
				             "finding %s of test %s is open without an assessment (rationale)",
				             ck_id(f->id), ck_id(t->id));
			if (d == PM_DISP_DEFERRED) {
				ck_missing l = {{0}, 0};
				ck_miss(&l, ck_has(f->rationale), "a rationale for deferring (rationale)");
				ck_miss(&l, ck_has(f->deferral_plan),
				        "a deferral plan: timeline and how fielded devices get the fix "
				        "(deferral_plan)");
				char prefix[300];
				snprintf(prefix, sizeof prefix, "deferred finding %s of test %s", ck_id(f->id),
				         ck_id(t->id));
				ck_add_missing(c, f->at, &l, prefix);
			}
		}
	}
	return pm_check_verdict(c);
}

static const pm_check_def rules[] = {
        {{"TST-01", "Security requirements testing", "Testing", "G25 V.C", REC, HELP,
          "A performed test (result other than planned) of kind security_requirements.",
          "Add the security requirements test evidence (tests[].kind: security_requirements)."},
         tst_01},
        {{"TST-02", "Threat mitigation testing", "Testing", "G25 V.C", REC, HELP,
          "A performed test of kind threat_mitigation.", "Add the threat mitigation test evidence."},
         tst_02},
        {{"TST-03", "Vulnerability testing", "Testing", "G25 V.C", REC, HELP,
          "A performed test of each kind fuzz, attack_surface, vulnerability_chaining, closed_box_scan, sca, "
          "static_analysis and dynamic_analysis.",
          "Add the missing kind of vulnerability testing (or explain in the test report why it does not apply)."},
         tst_03},
        {{"TST-04", "Penetration testing", "Testing", "G25 V.C", REC, HELP, "A performed test of kind penetration.",
          "Add the penetration test evidence."},
         tst_04},
        {{"TST-05", "Penetration test report complete", "Testing", "G25 V.C", REC, HELP,
          "Every performed penetration test: independence, expertise, scope, duration (start and end, or duration), "
          "methods, and findings when the result has findings.",
          "Complete the penetration test's record."},
         tst_05},
        {{"TST-06", "Testers, tools and finding assessments recorded", "Testing", "G25 V.C; footnote 46", REC, HELP,
          "Every test: who performed it and their independence; the tool's version and configuration (a tool is "
          "required for fuzz, closed_box_scan, sca, static_analysis and dynamic_analysis); the original report for "
          "third-party tests; a rationale for every accepted, mitigated or false_positive finding.",
          "Complete the test record: performed_by, independence, tool (name, version, configuration), report, and each "
          "finding's rationale."},
         tst_06},
        {{"TST-07", "Failed tests and open or deferred findings resolved or justified", "Testing", "G25 V.C", REC, HELP,
          "Tests with result fail (each of their findings needs a disposition other than open and a rationale); open "
          "findings (need a rationale); deferred findings (need a rationale and a deferral plan).",
          "Fix and retest, or record the assessment (rationale) and, for deferred fixes, the deferral plan: timeline "
          "and how fielded devices get the fix."},
         tst_07},
};

const pm_check_area pm_check_area_testing = {rules, sizeof rules / sizeof *rules};
