/* cvss40.c — CVSS v4.0 scoring: FIRST's CVSS v4.0 Specification Document,
 * section 8.2 ("CVSS v4.0 Scoring"), as implemented by FIRST's reference
 * calculator (cvss_score.js).  Data: gen/cvss40_table.c.
 *
 * 1. Effective metrics: a modified metric other than X replaces its base
 *    metric; E:X counts as E:A, CR/IR/AR:X as H (the worst case).
 * 2. Six equivalence classes give the macro vector "EQ1..EQ6":
 *      EQ1 0: AV:N and PR:N and UI:N
 *          1: (AV:N or PR:N or UI:N) and not all three, and not AV:P
 *          2: AV:P or not (AV:N or PR:N or UI:N)
 *      EQ2 0: AC:L and AT:N              1: otherwise
 *      EQ3 0: VC:H and VI:H              1: not EQ3 0 but VC:H or VI:H or VA:H
 *          2: none of VC VI VA is H
 *      EQ4 0: MSI:S or MSA:S             1: not EQ4 0 but SC:H or SI:H or SA:H
 *          2: otherwise
 *      EQ5 0: E:A   1: E:P   2: E:U
 *      EQ6 0: (CR:H and VC:H) or (IR:H and VI:H) or (AR:H and VA:H)   1: otherwise
 * 3. If VC VI VA SC SI SA are all N the score is 0.0.  Otherwise the macro
 *    vector's score L is looked up, and for each group (EQ1, EQ2, EQ3+EQ6,
 *    EQ4, EQ5) whose next lower macro vector exists:
 *      MSD        = L - score(next lower macro vector)
 *      proportion = severity distance / max severity depth (0 for EQ5)
 *      decrease   = MSD x proportion
 *    where the severity distance is summed over the group's metrics
 *    between the vector and the first highest-severity vector of its macro
 *    vector that it does not exceed.  The score is L minus the mean of the
 *    decreases, clamped to 0..10 and rounded half up to one decimal.
 *
 * Exactness.  Every input of step 3 is a whole number of tenths or of 0.1
 * steps, so the score is a rational number: it is computed here with
 * integers (common denominator 840 x number of groups) and rounded exactly.
 * The reference computes in binary floating point and lifts the value by
 * 1e-6 before Math.round so that ties such as 5.65, which the float
 * arithmetic can land one ULP below, round up; exact arithmetic gives the
 * same result for every vector (the rational values are at least
 * 1/42000 apart from a tie unless they are one), without the epsilon.
 */
#include "cvss40_table.h"
#include "premarket/cvss.h"

#include <string.h>

/* Metrics whose severity levels enter the distance (v4.0 indices). */
enum { NLEV = 15 };
static const int lev_metric[NLEV] = {
        PM_CVSS_V40_AV, PM_CVSS_V40_PR, PM_CVSS_V40_UI,                                                 /* EQ1 */
        PM_CVSS_V40_AC, PM_CVSS_V40_AT,                                                                 /* EQ2 */
        PM_CVSS_V40_VC, PM_CVSS_V40_VI, PM_CVSS_V40_VA,                                                 /* EQ3+EQ6 */
        PM_CVSS_V40_CR, PM_CVSS_V40_IR, PM_CVSS_V40_AR, PM_CVSS_V40_SC, PM_CVSS_V40_SI, PM_CVSS_V40_SA, /* EQ4 */
        PM_CVSS_V40_E,                                                                                  /* EQ5 */
};

/* Severity level of value v of metric m in steps of 0.1, 0 = most severe
 * (the *_levels tables of cvss_score.js), -1 for a value without one. */
static int level(int m, char v)
{
	switch (m) {
	case PM_CVSS_V40_AV:
		return v == 'N' ? 0 : v == 'A' ? 1 : v == 'L' ? 2 : v == 'P' ? 3 : -1;
	case PM_CVSS_V40_PR:
		return v == 'N' ? 0 : v == 'L' ? 1 : v == 'H' ? 2 : -1;
	case PM_CVSS_V40_UI:
		return v == 'N' ? 0 : v == 'P' ? 1 : v == 'A' ? 2 : -1;
	case PM_CVSS_V40_AC:
		return v == 'L' ? 0 : v == 'H' ? 1 : -1;
	case PM_CVSS_V40_AT:
		return v == 'N' ? 0 : v == 'P' ? 1 : -1;
	case PM_CVSS_V40_VC:
	case PM_CVSS_V40_VI:
	case PM_CVSS_V40_VA:
		return v == 'H' ? 0 : v == 'L' ? 1 : v == 'N' ? 2 : -1;
	case PM_CVSS_V40_SC:
		return v == 'H' ? 1 : v == 'L' ? 2 : v == 'N' ? 3 : -1;
	case PM_CVSS_V40_SI:
	case PM_CVSS_V40_SA:
		return v == 'S' ? 0 : v == 'H' ? 1 : v == 'L' ? 2 : v == 'N' ? 3 : -1;
	case PM_CVSS_V40_CR:
	case PM_CVSS_V40_IR:
	case PM_CVSS_V40_AR:
		return v == 'H' ? 0 : v == 'M' ? 1 : v == 'L' ? 2 : -1;
	case PM_CVSS_V40_E:
		return v == 'A' ? 0 : v == 'P' ? 1 : v == 'U' ? 2 : -1;
	}
	return -1;
}

/* Effective value (first letter; every scored v4.0 value is one letter). */
static char eff(const pm_cvss *c, int m)
{
	char v = pm_cvss_get(c, m)[0];
	switch (m) {
	case PM_CVSS_V40_E:
		return v == 'X' ? 'A' : v;
	case PM_CVSS_V40_CR:
	case PM_CVSS_V40_IR:
	case PM_CVSS_V40_AR:
		return v == 'X' ? 'H' : v;
	}
	if (m <= PM_CVSS_V40_SA) {
		/* MAV..MSA follow AV..SA in the same order. */
		char mv = pm_cvss_get(c, PM_CVSS_V40_MAV + m)[0];
		if (mv != 'X')
			return mv;
	}
	return v;
}

/* Index of a metric named in a highest-severity part (one of lev_metric). */
static int part_metric(const char *name, size_t len)
{
	for (int i = 0; i < NLEV; i++) {
		const char *m = pm_cvss_metric(PM_CVSS_V40, lev_metric[i])->name;
		if (m[0] == name[0] && m[1] == (len > 1 ? name[1] : '\0') && strlen(m) == len)
			return lev_metric[i];
	}
	return PM_CVSS_V40_E; /* not reached: the parts name only these metrics */
}

/* Distances of one highest-severity part ("AV:N/PR:N/UI:N/") from the
 * vector: *sum gets their total; returns 0 when none is negative, -1 when
 * the vector is more severe than the part in some metric. */
static int part_distance(const char *part, const int *lev_of, int *sum)
{
	int ok = 0;
	*sum = 0;
	while (*part) {
		const char *colon = strchr(part, ':');
		const char *end = strchr(part, '/');
		int m = part_metric(part, (size_t)(colon - part));
		int d = lev_of[m] - level(m, colon[1]);
		if (d < 0)
			ok = -1;
		*sum += d;
		part = end + 1;
	}
	return ok;
}

static void macro_str(const int eq[6], char mv[7])
{
	for (int i = 0; i < 6; i++)
		mv[i] = (char)('0' + eq[i]);
	mv[6] = '\0';
}

static int lower_score(const int eq[6])
{
	char mv[7];
	macro_str(eq, mv);
	return pm_cvss_v40_macro_score(mv);
}

/* Score of the next lower macro vector of group g, -1 when there is none. */
static int next_lower(const int eq[6], int g)
{
	int e[6];
	memcpy(e, eq, sizeof e);
	switch (g) {
	case PM_CVSS_V40_EQ1:
		e[0]++;
		break;
	case PM_CVSS_V40_EQ2:
		e[1]++;
		break;
	case PM_CVSS_V40_EQ4:
		e[3]++;
		break;
	case PM_CVSS_V40_EQ5:
		e[4]++;
		break;
	case PM_CVSS_V40_EQ3EQ6:
		if (eq[2] == 0 && eq[5] == 0) {
			/* 00 -> 01 or 10: the higher of the two. */
			int a, b;
			e[5] = 1;
			a = lower_score(e);
			e[5] = 0;
			e[2] = 1;
			b = lower_score(e);
			return a > b ? a : b;
		}
		if (eq[2] == 1 && eq[5] == 0)
			e[5]++; /* 10 -> 11 */
		else if (eq[2] == 2)
			return -1; /* 21 -> 32 does not exist */
		else
			e[2]++; /* 01 -> 11, 11 -> 21 */
		break;
	}
	return lower_score(e);
}

int pm_cvss_v40_score(const pm_cvss *c, pm_cvss_v40_result *r)
{
	char v[PM_CVSS_V40_NMETRICS];
	int lev_of[PM_CVSS_V40_NMETRICS];
	const char *const *parts[PM_CVSS_V40_NGROUPS];
	size_t nparts[PM_CVSS_V40_NGROUPS], chosen[PM_CVSS_V40_NGROUPS];
	int *eq = r->eq;

	if (c->version != PM_CVSS_V40 || !pm_cvss_complete(c))
		return -1;
	memset(r, 0, sizeof *r);
	for (int m = 0; m <= PM_CVSS_V40_AR; m++)
		v[m] = eff(c, m);
	for (int i = 0; i < NLEV; i++)
		lev_of[lev_metric[i]] = level(lev_metric[i], v[lev_metric[i]]);

	/* Equivalence classes. */
	char av = v[PM_CVSS_V40_AV], pr = v[PM_CVSS_V40_PR], ui = v[PM_CVSS_V40_UI];
	char vc = v[PM_CVSS_V40_VC], vi = v[PM_CVSS_V40_VI], va = v[PM_CVSS_V40_VA];
	char sc = v[PM_CVSS_V40_SC], si = v[PM_CVSS_V40_SI], sa = v[PM_CVSS_V40_SA];
	if (av == 'N' && pr == 'N' && ui == 'N')
		eq[0] = 0;
	else if ((av == 'N' || pr == 'N' || ui == 'N') && av != 'P')
		eq[0] = 1;
	else
		eq[0] = 2;
	eq[1] = v[PM_CVSS_V40_AC] == 'L' && v[PM_CVSS_V40_AT] == 'N' ? 0 : 1;
	if (vc == 'H' && vi == 'H')
		eq[2] = 0;
	else if (vc == 'H' || vi == 'H' || va == 'H')
		eq[2] = 1;
	else
		eq[2] = 2;
	if (si == 'S' || sa == 'S')
		eq[3] = 0;
	else if (sc == 'H' || si == 'H' || sa == 'H')
		eq[3] = 1;
	else
		eq[3] = 2;
	eq[4] = lev_of[PM_CVSS_V40_E];
	eq[5] = (v[PM_CVSS_V40_CR] == 'H' && vc == 'H') || (v[PM_CVSS_V40_IR] == 'H' && vi == 'H') ||
	                        (v[PM_CVSS_V40_AR] == 'H' && va == 'H')
	                ? 0
	                : 1;
	macro_str(eq, r->macrovector);

	r->has_threat = c->value[PM_CVSS_V40_E] != 0;
	r->has_environmental = 0;
	for (int m = PM_CVSS_V40_CR; m <= PM_CVSS_V40_MSA; m++)
		if (c->value[m] != 0)
			r->has_environmental = 1;
	r->nomenclature = r->has_threat ? (r->has_environmental ? "CVSS-BTE" : "CVSS-BT")
	                                : (r->has_environmental ? "CVSS-BE" : "CVSS-B");

	r->lookup_tenths = pm_cvss_v40_macro_score(r->macrovector);
	for (int g = 0; g < PM_CVSS_V40_NGROUPS; g++)
		r->lower_tenths[g] = -1;
	r->no_impact = vc == 'N' && vi == 'N' && va == 'N' && sc == 'N' && si == 'N' && sa == 'N';
	if (r->no_impact) {
		r->score_tenths = 0;
		r->max_found = 1;
		return 0;
	}

	/* The highest-severity vector: per group, the first part the vector
	 * does not exceed (the reference's first match in its nested loops);
	 * if some group has none, the reference keeps the distances of the last
	 * candidate it tried, i.e. the last part of every group. */
	int level_of_group[PM_CVSS_V40_NGROUPS] = {eq[0], eq[1], eq[2], eq[3], eq[4]};
	size_t o = 0;
	r->max_found = 1;
	for (int g = 0; g < PM_CVSS_V40_NGROUPS; g++) {
		nparts[g] = pm_cvss_v40_max_parts(g, level_of_group[g], eq[5], &parts[g]);
		chosen[g] = nparts[g] - 1;
		for (size_t k = 0; k < nparts[g]; k++) {
			if (part_distance(parts[g][k], lev_of, &r->distance[g]) == 0) {
				chosen[g] = k;
				break;
			}
			if (k + 1 == nparts[g])
				r->max_found = 0;
		}
	}
	for (int g = 0; g < PM_CVSS_V40_NGROUPS; g++) {
		const char *p;
		size_t n;
		if (!r->max_found) {
			chosen[g] = nparts[g] - 1;
			part_distance(parts[g][chosen[g]], lev_of, &r->distance[g]);
		}
		p = parts[g][chosen[g]];
		n = strlen(p);
		if (o + n < sizeof r->max_vector) {
			memcpy(r->max_vector + o, p, n);
			o += n;
		}
	}
	r->max_vector[o > 0 ? o - 1 : 0] = '\0'; /* drop the final "/" */
	r->distance[PM_CVSS_V40_EQ5] = 0;        /* the reference does not use EQ5's distance */

	/* Exact mean of the proportional decreases: each decrease is
	 * msd x distance / depth tenths; over the common denominator 840
	 * (= lcm of every depth) it is msd x distance x (840 / depth). */
	long long num = 0;
	for (int g = 0; g < PM_CVSS_V40_NGROUPS; g++) {
		r->depth[g] = pm_cvss_v40_depth(g, level_of_group[g], eq[5]);
		r->lower_tenths[g] = next_lower(eq, g);
		if (r->lower_tenths[g] < 0)
			continue;
		r->n_lower++;
		r->msd_tenths[g] = r->lookup_tenths - r->lower_tenths[g];
		if (g == PM_CVSS_V40_EQ5)
			continue; /* proportion 0 */
		r->proportion[g] = (double)r->distance[g] / r->depth[g];
		r->decrease[g] = r->msd_tenths[g] / 10.0 * r->proportion[g];
		num += (long long)r->msd_tenths[g] * r->distance[g] * (840 / r->depth[g]);
	}
	if (r->n_lower == 0) {
		r->mean_decrease = 0;
		r->raw = r->lookup_tenths / 10.0;
		r->score_tenths = r->lookup_tenths;
		return 0;
	}
	long long den = 840LL * r->n_lower;
	long long x = (long long)r->lookup_tenths * den - num; /* score x 10 x den */
	r->mean_decrease = (double)num / (double)den / 10.0;
	if (x < 0)
		x = 0;
	if (x > 100 * den)
		x = 100 * den;
	r->raw = (double)x / (double)den / 10.0;
	r->score_tenths = (int)((2 * x + den) / (2 * den)); /* round half up */
	return 0;
}
