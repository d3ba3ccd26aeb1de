/* cvss31.c — CVSS v3.1 scoring, exactly as FIRST's CVSS v3.1 Specification
 * Document, section 7 (equations), 7.4 (metric values) and Appendix A
 * (Roundup), and in the same floating-point order as FIRST's calculator, so
 * that every score equals the reference's.
 *
 *   ISS            = 1 - [(1 - C) x (1 - I) x (1 - A)]
 *   Impact         = S:U  6.42 x ISS
 *                    S:C  7.52 x (ISS - 0.029) - 3.25 x (ISS - 0.02)^15
 *   Exploitability = 8.22 x AV x AC x PR x UI        (PR weight depends on S)
 *   Base           = 0 if Impact <= 0, else
 *                    S:U  Roundup(min(Impact + Exploitability, 10))
 *                    S:C  Roundup(min(1.08 x (Impact + Exploitability), 10))
 *   Temporal       = Roundup(Base x E x RL x RC)
 *   MISS           = min(1 - [(1 - CR x MC) x (1 - IR x MI) x (1 - AR x MA)], 0.915)
 *   ModifiedImpact = MS:U 6.42 x MISS
 *                    MS:C 7.52 x (MISS - 0.029) - 3.25 x (MISS x 0.9731 - 0.02)^13
 *   ModifiedExpl.  = 8.22 x MAV x MAC x MPR x MUI   (MPR weight depends on MS)
 *   Environmental  = 0 if ModifiedImpact <= 0, else
 *                    MS:U Roundup(Roundup(min(MI + ME, 10)) x E x RL x RC)
 *                    MS:C Roundup(Roundup(min(1.08 x (MI + ME), 10)) x E x RL x RC)
 *
 * A modified metric that is X takes its base metric's value (MS:X takes S);
 * E, RL, RC, CR, IR and AR that are X weigh 1.  Roundup (Appendix A) works on
 * the input scaled to an integer, which removes the floating-point error:
 *     i = round(x * 100000); i % 10000 == 0 ? i / 100000 : (floor(i / 10000) + 1) / 10
 * Values range: every score is 0.0 .. 10.0 (0 .. 100 tenths).
 */
#include "premarket/cvss.h"

#include <math.h>

/* The value abbreviation's first letter (enough to tell values apart for
 * every v3.1 metric), 'X' for an optional metric not defined. */
static char val(const pm_cvss *c, int metric)
{
	return pm_cvss_get(c, metric)[0];
}

/* A modified metric's value, or its base metric's when X. */
static char eff(const pm_cvss *c, int modified, int base)
{
	char v = val(c, modified);
	return v == 'X' ? val(c, base) : v;
}

static double w_av(char v)
{
	switch (v) {
	case 'N':
		return 0.85;
	case 'A':
		return 0.62;
	case 'L':
		return 0.55;
	default:
		return 0.2; /* P */
	}
}

static double w_ac(char v)
{
	return v == 'L' ? 0.77 : 0.44;
}

static double w_pr(char v, int scope_changed)
{
	switch (v) {
	case 'N':
		return 0.85;
	case 'L':
		return scope_changed ? 0.68 : 0.62;
	default:
		return scope_changed ? 0.5 : 0.27; /* H */
	}
}

static double w_ui(char v)
{
	return v == 'N' ? 0.85 : 0.62;
}

static double w_cia(char v)
{
	switch (v) {
	case 'H':
		return 0.56;
	case 'L':
		return 0.22;
	default:
		return 0; /* N */
	}
}

static double w_e(char v)
{
	switch (v) {
	case 'U':
		return 0.91;
	case 'P':
		return 0.94;
	case 'F':
		return 0.97;
	default:
		return 1; /* H, X */
	}
}

static double w_rl(char v)
{
	switch (v) {
	case 'O':
		return 0.95;
	case 'T':
		return 0.96;
	case 'W':
		return 0.97;
	default:
		return 1; /* U, X */
	}
}

static double w_rc(char v)
{
	switch (v) {
	case 'U':
		return 0.92;
	case 'R':
		return 0.96;
	default:
		return 1; /* C, X */
	}
}

static double w_req(char v)
{
	switch (v) {
	case 'L':
		return 0.5;
	case 'H':
		return 1.5;
	default:
		return 1; /* M, X */
	}
}

/* Appendix A: the smallest number of tenths >= x, computed on x * 100000
 * rounded to an integer so that 4.000000000000001 gives 4.0, not 4.1. */
static int roundup(double x)
{
	long long i = llround(x * 100000.0);
	if (i % 10000 == 0)
		return (int)(i / 10000);
	return (int)(i / 10000 + 1);
}

int pm_cvss_v31_score(const pm_cvss *c, pm_cvss_v31_result *r)
{
	if (c->version != PM_CVSS_V31 || !pm_cvss_complete(c))
		return -1;

	/* Base */
	r->scope_changed = val(c, PM_CVSS_V31_S) == 'C';
	r->w_av = w_av(val(c, PM_CVSS_V31_AV));
	r->w_ac = w_ac(val(c, PM_CVSS_V31_AC));
	r->w_pr = w_pr(val(c, PM_CVSS_V31_PR), r->scope_changed);
	r->w_ui = w_ui(val(c, PM_CVSS_V31_UI));
	r->w_c = w_cia(val(c, PM_CVSS_V31_C));
	r->w_i = w_cia(val(c, PM_CVSS_V31_I));
	r->w_a = w_cia(val(c, PM_CVSS_V31_A));
	r->iss = 1 - ((1 - r->w_c) * (1 - r->w_i) * (1 - r->w_a));
	if (r->scope_changed)
		r->impact = 7.52 * (r->iss - 0.029) - 3.25 * pow(r->iss - 0.02, 15);
	else
		r->impact = 6.42 * r->iss;
	r->exploitability = 8.22 * r->w_av * r->w_ac * r->w_pr * r->w_ui;
	if (r->impact <= 0)
		r->base_tenths = 0;
	else if (r->scope_changed)
		r->base_tenths = roundup(fmin(1.08 * (r->impact + r->exploitability), 10));
	else
		r->base_tenths = roundup(fmin(r->impact + r->exploitability, 10));

	/* Temporal: the base score as the reference holds it (tenths / 10). */
	r->w_e = w_e(val(c, PM_CVSS_V31_E));
	r->w_rl = w_rl(val(c, PM_CVSS_V31_RL));
	r->w_rc = w_rc(val(c, PM_CVSS_V31_RC));
	r->temporal_tenths = roundup(r->base_tenths / 10.0 * r->w_e * r->w_rl * r->w_rc);

	/* Environmental */
	char ms = eff(c, PM_CVSS_V31_MS, PM_CVSS_V31_S);
	r->modified_scope_changed = ms == 'C';
	r->w_cr = w_req(val(c, PM_CVSS_V31_CR));
	r->w_ir = w_req(val(c, PM_CVSS_V31_IR));
	r->w_ar = w_req(val(c, PM_CVSS_V31_AR));
	r->w_mav = w_av(eff(c, PM_CVSS_V31_MAV, PM_CVSS_V31_AV));
	r->w_mac = w_ac(eff(c, PM_CVSS_V31_MAC, PM_CVSS_V31_AC));
	r->w_mpr = w_pr(eff(c, PM_CVSS_V31_MPR, PM_CVSS_V31_PR), r->modified_scope_changed);
	r->w_mui = w_ui(eff(c, PM_CVSS_V31_MUI, PM_CVSS_V31_UI));
	r->w_mc = w_cia(eff(c, PM_CVSS_V31_MC, PM_CVSS_V31_C));
	r->w_mi = w_cia(eff(c, PM_CVSS_V31_MI, PM_CVSS_V31_I));
	r->w_ma = w_cia(eff(c, PM_CVSS_V31_MA, PM_CVSS_V31_A));
	r->miss = fmin(1 - ((1 - r->w_mc * r->w_cr) * (1 - r->w_mi * r->w_ir) * (1 - r->w_ma * r->w_ar)), 0.915);
	if (r->modified_scope_changed)
		r->modified_impact = 7.52 * (r->miss - 0.029) - 3.25 * pow(r->miss * 0.9731 - 0.02, 13);
	else
		r->modified_impact = 6.42 * r->miss;
	r->modified_exploitability = 8.22 * r->w_mav * r->w_mac * r->w_mpr * r->w_mui;
	if (r->modified_impact <= 0) {
		r->modified_base_tenths = 0;
		r->environmental_tenths = 0;
	} else {
		double sum = r->modified_impact + r->modified_exploitability;
		if (r->modified_scope_changed)
			r->modified_base_tenths = roundup(fmin(1.08 * sum, 10));
		else
			r->modified_base_tenths = roundup(fmin(sum, 10));
		r->environmental_tenths = roundup(r->modified_base_tenths / 10.0 * r->w_e * r->w_rl * r->w_rc);
	}

	r->has_temporal = 0;
	for (int i = PM_CVSS_V31_E; i <= PM_CVSS_V31_RC; i++)
		if (c->value[i] != 0)
			r->has_temporal = 1;
	r->has_environmental = 0;
	for (int i = PM_CVSS_V31_CR; i <= PM_CVSS_V31_MA; i++)
		if (c->value[i] != 0)
			r->has_environmental = 1;
	return 0;
}
