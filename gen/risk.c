/* risk.c — the risk register (include/premarket/risk.h; method: docs/risk-method.md).
 *
 * For every (threat, asset it affects), before and after controls:
 *   vector       the threat's CVSS vector, with CR/IR/AR set from the asset's
 *                harm levels (negligible, minor -> L; serious -> M;
 *                critical, catastrophic -> H)
 *   base         CVSS base score (v4.0: CVSS-B) of the base metrics
 *   environmental score of that vector for the asset (v3.1 environmental,
 *                v4.0 CVSS-BE / CVSS-BTE)
 *   exploitability  stated level, else mapped from the (modified)
 *                exploitability metrics: v3.1 sub-score 8.22 x AV x AC x PR x UI
 *                (>= 3.0 very_high, >= 2.0 high, >= 1.2 medium, >= 0.6 low,
 *                else very_low); v4.0 points AV(N0 A1 L1 P3) + AC(L0 H1) +
 *                AT(N0 P1) + PR(N0 L1 H2) + UI(N0 P1 A2): 0 very_high,
 *                1 high, 2 medium, 3 low, 4+ very_low
 *   severity     the threat's stated harm, else the highest harm of the asset
 *                among the properties the threat impacts (C/I/A metrics of the
 *                vector not N; without a vector, from STRIDE: S,T,R -> I;
 *                I -> C; D -> A; E -> C,I,A); nothing impacted: negligible;
 *                raised by the policy's multi_patient_step (default 1, capped
 *                at catastrophic) for a multi-patient threat (stated, or
 *                targeting a cloud_service component, a flow from or to one,
 *                or a flow of kind code)
 *   risk         policy matrix [exploitability][severity]; acceptable or not
 * After controls (the residual changes only for a cause):
 *   explicit     residual.cvss is the residual vector; residual.exploitability
 *                the residual level; either may be worse than before (warned)
 *   effects      else the threat's vector with every implemented control's
 *                effect applied as modified metrics, the most protective value
 *                winning (the vector's own value included, so a control never
 *                makes a threat worse); planned controls do not count
 *   unchanged    nothing credited: the residual is the inherent assessment
 *   A stated exploitability carries into the residual, moved by as many
 *   levels as the vector mapping moved from the inherent to the residual
 *   vector (never up for effects; within very_low..very_high).
 * Outcome: acceptable before controls; controlled (acceptable after, every
 * credited control implemented and verified by a passed, not planned test);
 * else uncontrolled, with the reason.
 */
#include "premarket/risk.h"
#include "premarket/model.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *pm_risk_requirement(int harm)
{
	if (harm >= PM_HARM_CRITICAL)
		return "H";
	if (harm == PM_HARM_SERIOUS)
		return "M";
	return "L";
}

int pm_risk_exploit_v31(double e)
{
	/* compare in thousandths to keep the thresholds exact */
	long t = (long)(e * 1000.0 + 0.5);
	if (t >= 3000)
		return 4;
	if (t >= 2000)
		return 3;
	if (t >= 1200)
		return 2;
	if (t >= 600)
		return 1;
	return 0;
}

/* Effective value of a metric: the modified metric when defined, else the base one. */
static const char *effective(const pm_cvss *v, const char *base)
{
	char mod[8];
	snprintf(mod, sizeof mod, "M%s", base);
	int mi = pm_cvss_metric_find(v->version, mod, strlen(mod));
	if (mi >= 0) {
		const char *mv = pm_cvss_get(v, mi);
		if (mv && strcmp(mv, "X") != 0)
			return mv;
	}
	int bi = pm_cvss_metric_find(v->version, base, strlen(base));
	return bi >= 0 ? pm_cvss_get(v, bi) : NULL;
}

int pm_risk_exploit_v40_points(const pm_cvss *v)
{
	static const struct {
		const char *metric;
		const char *values; /* value letters */
		int points[4];
	} table[] = {
	        {"AV", "NALP", {0, 1, 1, 3}}, {"AC", "LH", {0, 1, 0, 0}},  {"AT", "NP", {0, 1, 0, 0}},
	        {"PR", "NLH", {0, 1, 2, 0}},  {"UI", "NPA", {0, 1, 2, 0}},
	};
	int total = 0;
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		const char *val = effective(v, table[i].metric);
		if (!val)
			continue;
		const char *p = strchr(table[i].values, val[0]);
		if (p && val[0])
			total += table[i].points[p - table[i].values];
	}
	return total;
}

int pm_risk_exploit_v40(int points)
{
	return points >= 4 ? 0 : 4 - points;
}

/* Most protective first; X (not defined) counts as the worst value. */
static const char *protect_order(pm_cvss_version ver, const char *metric)
{
	static const struct {
		const char *m, *v31, *v40;
	} t[] = {
	        {"MAV", "PLAN", "PLAN"}, {"MAC", "HL", "HL"},   {"MAT", NULL, "PN"},   {"MPR", "HLN", "HLN"},
	        {"MUI", "RN", "APN"},    {"MS", "UC", NULL},    {"MC", "NLH", NULL},   {"MI", "NLH", NULL},
	        {"MA", "NLH", NULL},     {"MVC", NULL, "NLH"},  {"MVI", NULL, "NLH"},  {"MVA", NULL, "NLH"},
	        {"MSC", NULL, "NLH"},    {"MSI", NULL, "NLHS"}, {"MSA", NULL, "NLHS"}, {"E", "UPFHX", "UPAX"},
	        {"RL", "OTWUX", NULL},   {"RC", "URCX", NULL},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strcmp(t[i].m, metric) == 0)
			return ver == PM_CVSS_V31 ? t[i].v31 : t[i].v40;
	return NULL;
}

static int rank(const char *order, const char *value)
{
	if (!value || !order)
		return 99;
	const char *p = strchr(order, value[0]);
	return p && value[0] && value[1] == '\0' ? (int)(p - order) : 99;
}

/* Apply one control's effect to v: per metric, the most protective value wins. */
static void apply_effect(pm_cvss *v, const pm_cvss *eff)
{
	int n = pm_cvss_metric_count(v->version);
	for (int i = 0; i < n; i++) {
		if (!(eff->present & (1u << i)))
			continue;
		const pm_cvss_metric_info *mi = pm_cvss_metric(v->version, i);
		const char *order = protect_order(v->version, mi->name);
		if (!order)
			continue; /* supplemental or security requirement: no effect on risk */
		const char *want = pm_cvss_get(eff, i);
		const char *cur;
		if (mi->name[0] == 'M')
			cur = effective(v, mi->name + 1);
		else
			cur = pm_cvss_get(v, i);
		if (rank(order, want) < rank(order, cur))
			pm_cvss_set(v, mi->name, want, NULL);
	}
}

static unsigned impacted_props(const pm_cvss *v)
{
	static const char *const v31[3] = {"C", "I", "A"};
	static const char *const v40[2][3] = {{"VC", "VI", "VA"}, {"SC", "SI", "SA"}};
	unsigned props = 0;
	for (int p = 0; p < 3; p++) {
		if (v->version == PM_CVSS_V31) {
			const char *val = effective(v, v31[p]);
			if (val && strcmp(val, "N") != 0)
				props |= 1u << p;
		} else {
			for (int s = 0; s < 2; s++) {
				const char *val = effective(v, v40[s][p]);
				if (val && strcmp(val, "N") != 0)
					props |= 1u << p;
			}
		}
	}
	return props;
}

static unsigned stride_props(const pm_enums *stride)
{
	unsigned props = 0;
	for (size_t i = 0; i < stride->n; i++) {
		switch (stride->v[i]) {
		case PM_STRIDE_S:
		case PM_STRIDE_T:
		case PM_STRIDE_R:
			props |= PM_PROP_I;
			break;
		case PM_STRIDE_I:
			props |= PM_PROP_C;
			break;
		case PM_STRIDE_D:
			props |= PM_PROP_A;
			break;
		case PM_STRIDE_E:
			props |= PM_PROP_C | PM_PROP_I | PM_PROP_A;
			break;
		default:
			break;
		}
	}
	return props;
}

static int level_index(const pm_level *v, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].id.s && id && strcmp(v[i].id.s, id) == 0)
			return (int)i;
	return -1;
}

/* Set CR/IR/AR of v from the asset's harm levels. */
static void set_requirements(pm_cvss *v, const pm_asset *a)
{
	pm_cvss_set(v, "CR", pm_risk_requirement(a->harm.confidentiality.v), NULL);
	pm_cvss_set(v, "IR", pm_risk_requirement(a->harm.integrity.v), NULL);
	pm_cvss_set(v, "AR", pm_risk_requirement(a->harm.availability.v), NULL);
}

static int base_score(const pm_cvss *v)
{
	pm_cvss b = *v;
	int n = pm_cvss_metric_count(v->version);
	for (int i = 0; i < n; i++) {
		if (pm_cvss_metric(v->version, i)->group != PM_CVSS_BASE) {
			b.present &= ~(1u << i);
			b.value[i] = 0;
		}
	}
	pm_cvss_score s;
	return pm_cvss_score_of(&b, &s) == 0 ? s.tenths : -1;
}

/* Exploitability level mapped from a vector's (modified) exploitability metrics. */
static int mapped_level(const pm_cvss *v)
{
	if (v->version == PM_CVSS_V31) {
		pm_cvss_v31_result r;
		pm_cvss_v31_score(v, &r);
		return pm_risk_exploit_v31(r.modified_exploitability);
	}
	return pm_risk_exploit_v40(pm_risk_exploit_v40_points(v));
}

static void score_vector(pm_assessment *as, const pm_cvss *v)
{
	as->has_vector = true;
	as->vector = *v;
	as->base_tenths = base_score(v);
	pm_cvss_score s;
	as->env_tenths = pm_cvss_score_of(v, &s) == 0 ? s.tenths : -1;
	as->exploitability = as->vector_exploitability = mapped_level(v);
	as->exploit_source = PM_EXPL_VECTOR;
	as->impacted = impacted_props(v);
	as->impact_from_stride = false;
}

/* What is the same for every asset of one threat. */
typedef struct threat_in {
	const pm_threat *t;
	pm_cvss tv, rv;
	bool has_tv, has_rv;
	int stated, rstated; /* exploitability / residual.exploitability, -1 when not stated */
	int step;            /* severity levels added: the policy's step when multi-patient, else 0 */
	pm_multi_source multi;
	bool multi_patient;
	int32_t multi_target;
} threat_in;

/* Is a threat multi-patient?  Stated wins; else the first fleet-wide target decides. */
static pm_multi_source multi_patient_of(const pm_model *m, const pm_threat *t, int32_t *target)
{
	*target = -1;
	if (t->multi_patient.at.line)
		return PM_MULTI_STATED;
	return pm_risk_fleet_target(m, t, target);
}

pm_multi_source pm_risk_fleet_target(const struct pm_model *m, const pm_threat *t, int32_t *target)
{
	*target = -1;
	for (size_t g = 0; g < t->targets.n; g++) {
		const pm_ref *ref = &t->targets.v[g];
		pm_multi_source why = PM_MULTI_NO;
		if (ref->kind == PM_K_COMPONENT) {
			why = m->components.v[ref->idx].kind.v == PM_COMP_CLOUD ? PM_MULTI_CLOUD : PM_MULTI_NO;
		} else if (ref->kind == PM_K_INTERFACE) {
			const pm_interface *itf = pm_model_obj(m, PM_K_INTERFACE, ref->idx);
			if (itf && itf->component >= 0 && m->components.v[itf->component].kind.v == PM_COMP_CLOUD)
				why = PM_MULTI_CLOUD;
		} else if (ref->kind == PM_K_FLOW) {
			const pm_flow *f = &m->flows.v[ref->idx];
			const pm_ref *ends[2] = {&f->from, &f->to};
			if (f->kind.at.line && f->kind.v == PM_FLOW_CODE)
				why = PM_MULTI_CODE_FLOW;
			for (int e = 0; e < 2 && why == PM_MULTI_NO; e++)
				if (ends[e]->kind == PM_K_COMPONENT &&
				    m->components.v[ends[e]->idx].kind.v == PM_COMP_CLOUD)
					why = PM_MULTI_CLOUD_FLOW;
		}
		if (why != PM_MULTI_NO) {
			*target = (int32_t)g;
			return why;
		}
	}
	return PM_MULTI_NO;
}

static void threat_inputs(const pm_model *m, const pm_threat *t, int step, threat_in *ti)
{
	const pm_policy *p = &m->risk_policy;
	memset(ti, 0, sizeof *ti);
	ti->t = t;
	ti->has_tv = t->cvss.s && pm_cvss_parse(t->cvss.s, &ti->tv, NULL) == 0;
	ti->has_rv = t->residual.cvss.s && pm_cvss_parse(t->residual.cvss.s, &ti->rv, NULL) == 0;
	ti->stated = t->exploitability.s
	                     ? level_index(p->exploitability_levels.v, p->exploitability_levels.n, t->exploitability.s)
	                     : -1;
	ti->rstated = t->residual.exploitability.s ? level_index(p->exploitability_levels.v, p->exploitability_levels.n,
	                                                         t->residual.exploitability.s)
	                                           : -1;
	ti->multi = multi_patient_of(m, t, &ti->multi_target);
	ti->multi_patient = ti->multi == PM_MULTI_STATED ? t->multi_patient.v : ti->multi != PM_MULTI_NO;
	ti->step = ti->multi_patient ? step : 0;
}

/* Severity: the stated harm, else the asset's highest among the impacted properties;
 * nothing impacted: the lowest level; then the multi-patient step, capped. */
static void set_severity(pm_assessment *as, const pm_asset *a, const pm_threat *t, int step)
{
	const pm_enum *harm[3] = {&a->harm.confidentiality, &a->harm.integrity, &a->harm.availability};
	as->severity_base = 0;
	as->severity_prop = 0;
	as->severity_source = PM_SEV_NONE;
	for (int i = 0; i < 3; i++)
		if ((as->impacted >> i) & 1u && (as->severity_prop == 0 || harm[i]->v > as->severity_base)) {
			as->severity_base = harm[i]->v;
			as->severity_prop = 1u << i;
			as->severity_source = PM_SEV_ASSET;
		}
	if (as->impacted && t->harm.at.line) {
		as->severity_base = t->harm.v;
		as->severity_prop = 0;
		as->severity_source = PM_SEV_STATED;
	}
	int room = PM_HARM_CATASTROPHIC - as->severity_base;
	as->multi_step = as->impacted ? (step < room ? step : room) : 0;
	as->severity = as->severity_base + as->multi_step;
}

static void finish(pm_assessment *as, const pm_asset *a, const threat_in *ti, const pm_policy *p)
{
	set_severity(as, a, ti->t, ti->step);
	const pm_matrix_row *row = &p->matrix.v[as->exploitability];
	as->risk = level_index(p->risk_levels.v, p->risk_levels.n, row->cells.v[as->severity].s);
	as->acceptable = as->risk >= 0 && p->risk_levels.v[as->risk].acceptable.v;
}

static void assess_before(pm_risk *r, const threat_in *ti, const pm_asset *a, const pm_policy *p)
{
	if (ti->has_tv) {
		pm_cvss v = ti->tv;
		set_requirements(&v, a);
		score_vector(&r->before, &v);
	} else {
		r->before.impacted = stride_props(&ti->t->stride);
		r->before.impact_from_stride = true;
		r->before.base_tenths = r->before.env_tenths = -1;
		r->before.vector_exploitability = -1;
	}
	if (ti->stated >= 0) {
		r->before.exploitability = ti->stated;
		r->before.exploit_source = PM_EXPL_STATED;
	}
	finish(&r->before, a, ti, p);
}

/* Credit control `idx` to entry r: count it, and whether it is verified. */
static void credit(pm_register *R, pm_risk *r, int32_t idx)
{
	R->control_credited[idx] = true;
	r->controls_applied++;
	r->controls_verified += R->control_verified[idx];
}

/* Apply the effects of the threat's implemented controls to w, crediting each one applied. */
static void apply_controls(const pm_model *m, pm_register *R, pm_risk *r, const pm_threat *t, pm_cvss *w,
                           pm_diags *diags, int warn)
{
	for (size_t ci = 0; ci < t->controls.n; ci++) {
		const pm_control *c = pm_model_obj(m, PM_K_CONTROL, t->controls.v[ci].idx);
		if (!c || c->status.v != PM_CS_IMPLEMENTED || !c->effect.s)
			continue;
		pm_cvss eff;
		pm_cvss_error e;
		if (pm_cvss_parse_effect(w->version, c->effect.s, &eff, &e) < 0) {
			if (warn)
				pm_diag_add(diags, PM_WARNING, PM_ERR_VALUE, pm_model_file(m, c->effect.at),
				            c->effect.at.line, c->effect.at.col,
				            "effect of control \"%s\" does not apply to the CVSS v%s vector of threat "
				            "\"%s\": %s",
				            c->id.s, w->version == PM_CVSS_V31 ? "3.1" : "4.0", t->id.s, e.msg);
			continue;
		}
		apply_effect(w, &eff);
		credit(R, r, t->controls.v[ci].idx);
	}
}

/* An explicit residual states what every implemented control of the threat achieves. */
static void credit_implemented(const pm_model *m, pm_register *R, pm_risk *r, const pm_threat *t)
{
	r->controls_applied = r->controls_verified = 0;
	for (size_t ci = 0; ci < t->controls.n; ci++) {
		const pm_control *c = pm_model_obj(m, PM_K_CONTROL, t->controls.v[ci].idx);
		if (c && c->status.v == PM_CS_IMPLEMENTED)
			credit(R, r, t->controls.v[ci].idx);
	}
}

static int clamp_level(int level, int n)
{
	return level < 0 ? 0 : level >= n ? n - 1 : level;
}

/* The residual vector: explicit, the inherent one with the credited effects, or unchanged. */
static void residual_vector(const pm_model *m, pm_register *R, pm_risk *r, const threat_in *ti, const pm_asset *a,
                            pm_diags *diags, int warn)
{
	if (ti->has_rv) {
		pm_cvss w = ti->rv;
		set_requirements(&w, a);
		score_vector(&r->after, &w);
		r->residual_stated = true;
		return;
	}
	if (ti->has_tv) {
		pm_cvss w = r->before.vector;
		apply_controls(m, R, r, ti->t, &w, diags, warn);
		if (r->controls_applied) {
			score_vector(&r->after, &w);
			return;
		}
	}
	r->after = r->before;
}

/* The residual exploitability: stated, mapped from the residual vector, the stated level
 * carried (moved by the vector mapping's shift, upwards only for an explicit residual),
 * or unchanged (no vector at all). */
static void residual_exploitability(const pm_model *m, pm_risk *r, const threat_in *ti)
{
	int n_levels = (int)m->risk_policy.exploitability_levels.n;
	if (r->before.has_vector && r->after.has_vector)
		r->vector_shift = r->after.vector_exploitability - r->before.vector_exploitability;
	if (ti->rstated >= 0) {
		r->after.exploitability = ti->rstated;
		r->after.exploit_source = PM_EXPL_STATED;
	} else if (!r->after.has_vector) {
		r->after.exploit_source = PM_EXPL_UNCHANGED;
	} else if (ti->stated >= 0 && r->before.has_vector) {
		int shift = ti->has_rv || r->vector_shift < 0 ? r->vector_shift : 0;
		r->after.exploitability = clamp_level(ti->stated + shift, n_levels);
		r->after.exploit_source = PM_EXPL_CARRIED;
	}
	r->exploit_shift = r->after.exploitability - r->before.exploitability;
}

static void assess_after(const pm_model *m, pm_register *R, pm_risk *r, const threat_in *ti, const pm_asset *a,
                         pm_diags *diags, int warn)
{
	residual_vector(m, R, r, ti, a, diags, warn);
	residual_exploitability(m, r, ti);
	if (ti->has_rv || ti->rstated >= 0) {
		r->basis = PM_RES_EXPLICIT;
		credit_implemented(m, R, r, ti->t);
	} else {
		r->basis = r->controls_applied ? PM_RES_EFFECTS : PM_RES_UNCHANGED;
	}
	finish(&r->after, a, ti, &m->risk_policy);
}

static void set_outcome(pm_risk *r)
{
	r->uncontrolled = PM_UNC_NONE;
	if (!r->after.acceptable)
		r->uncontrolled = PM_UNC_NOT_ACCEPTABLE;
	else if (r->before.acceptable)
		r->outcome = PM_OUTCOME_ACCEPTABLE;
	else if (r->controls_applied == 0)
		r->uncontrolled = PM_UNC_NO_CONTROL;
	else if (r->controls_verified < r->controls_applied)
		r->uncontrolled = PM_UNC_UNVERIFIED;
	else
		r->outcome = PM_OUTCOME_CONTROLLED;
	if (r->uncontrolled != PM_UNC_NONE)
		r->outcome = PM_OUTCOME_UNCONTROLLED;
	r->controlled = r->outcome != PM_OUTCOME_UNCONTROLLED;
}

/* An explicit residual worse than the inherent risk is allowed, and said. */
static int warn_worse(const pm_model *m, const pm_risk *r, const threat_in *ti, pm_diags *diags)
{
	const pm_threat *t = ti->t;
	const pm_policy *p = &m->risk_policy;
	const char *what;
	const char *from, *to;
	pm_mark at;
	if (r->after.risk > r->before.risk) {
		what = "risk";
		from = p->risk_levels.v[r->before.risk].id.s;
		to = p->risk_levels.v[r->after.risk].id.s;
	} else if (r->after.exploitability > r->before.exploitability) {
		what = "exploitability";
		from = p->exploitability_levels.v[r->before.exploitability].id.s;
		to = p->exploitability_levels.v[r->after.exploitability].id.s;
	} else {
		return 0;
	}
	at = ti->rstated >= 0 && r->after.exploitability > r->before.exploitability ? t->residual.exploitability.at
	     : t->residual.cvss.at.line                                             ? t->residual.cvss.at
	                                                                            : t->residual.at;
	pm_diag_add(diags, PM_WARNING, PM_ERR_VALUE, pm_model_file(m, at), at.line, at.col,
	            "threat \"%s\": the stated residual %s for asset \"%s\" (%s) is higher than before controls (%s)",
	            t->id.s, what, m->assets.v[r->asset].id.s, to, from);
	if (!t->residual.rationale.s)
		pm_diag_hint(diags,
		             "say in residual.rationale why the residual is worse (e.g. a control adds an exposure), "
		             "or correct residual.cvss / residual.exploitability");
	return 1;
}

/* Verified controls: implemented, with a test that passed (a planned test never counts). */
static void verify_controls(const pm_model *m, pm_register *R)
{
	R->control_verified = pm_xcalloc(m->controls.n + 1, sizeof *R->control_verified);
	R->control_credited = pm_xcalloc(m->controls.n + 1, sizeof *R->control_credited);
	for (size_t i = 0; i < m->controls.n; i++) {
		const pm_control *c = &m->controls.v[i];
		if (c->status.v != PM_CS_IMPLEMENTED)
			continue;
		for (size_t k = 0; k < c->tests.n; k++) {
			const pm_test *t = pm_model_obj(m, PM_K_TEST, c->tests.v[k].idx);
			if (t && (t->result.v == PM_TR_PASS || t->result.v == PM_TR_PASS_WITH_FINDINGS))
				R->control_verified[i] = true;
		}
	}
}

static void summarize(pm_risk_summary *s, const pm_risk *r)
{
	s->risks++;
	if (r->before.risk > s->max_before)
		s->max_before = r->before.risk;
	if (r->after.risk > s->max_after)
		s->max_after = r->after.risk;
	s->uncontrolled_before += !r->before.acceptable;
	s->uncontrolled_after += r->outcome == PM_OUTCOME_UNCONTROLLED;
	s->not_acceptable_after += !r->after.acceptable;
	s->acceptable += r->outcome == PM_OUTCOME_ACCEPTABLE;
	s->controlled += r->outcome == PM_OUTCOME_CONTROLLED;
}

static pm_risk_summary *new_summaries(size_t n)
{
	pm_risk_summary *s = pm_xcalloc(n + 1, sizeof *s);
	for (size_t i = 0; i <= n; i++)
		s[i].max_before = s[i].max_after = -1;
	return s;
}

static void aggregate(pm_model *m)
{
	pm_register *R = &m->risk;
	R->by_asset = new_summaries(m->assets.n);
	R->by_component = new_summaries(m->components.n);
	R->by_zone = new_summaries(m->zones.n);
	R->device.max_before = R->device.max_after = -1;
	/* last register entry counted per component / zone, to count each once */
	int64_t *seen_c = pm_xcalloc(m->components.n + 1, sizeof *seen_c);
	int64_t *seen_z = pm_xcalloc(m->zones.n + 1, sizeof *seen_z);
	for (size_t i = 0; i <= m->components.n; i++)
		seen_c[i] = -1;
	for (size_t i = 0; i <= m->zones.n; i++)
		seen_z[i] = -1;
	/* the components that run each SBOM component (a threat on an SBOM
	 * component counts for them), as index ranges into runs[] */
	size_t ns = m->n_objs[PM_K_SBOM_COMPONENT], nr = 0;
	size_t *first = pm_xcalloc(ns + 2, sizeof *first);
	for (size_t i = 0; i < m->components.n; i++)
		for (size_t k = 0; k < m->components.v[i].sbom.n; k++) {
			const pm_ref *s = &m->components.v[i].sbom.v[k];
			if (s->kind == PM_K_SBOM_COMPONENT && s->idx >= 0 && (size_t)s->idx < ns)
				first[s->idx + 1]++, nr++;
		}
	for (size_t i = 0; i < ns; i++)
		first[i + 1] += first[i];
	int32_t *runs = pm_xcalloc(nr + 1, sizeof *runs);
	size_t *fill = pm_xcalloc(ns + 1, sizeof *fill);
	for (size_t i = 0; i < m->components.n; i++)
		for (size_t k = 0; k < m->components.v[i].sbom.n; k++) {
			const pm_ref *s = &m->components.v[i].sbom.v[k];
			if (s->kind == PM_K_SBOM_COMPONENT && s->idx >= 0 && (size_t)s->idx < ns)
				runs[first[s->idx] + fill[s->idx]++] = (int32_t)i;
		}
	for (size_t k = 0; k < R->n; k++) {
		const pm_risk *r = &R->v[k];
		summarize(&R->device, r);
		summarize(&R->by_asset[r->asset], r);
		const pm_threat *t = &m->threats.v[r->threat];
		for (size_t g = 0; g < t->targets.n; g++) {
			const pm_ref *ref = &t->targets.v[g];
			if (ref->kind == PM_K_ZONE && ref->idx >= 0 && seen_z[ref->idx] != (int64_t)k) {
				/* a threat on the trust boundary as a whole */
				seen_z[ref->idx] = (int64_t)k;
				summarize(&R->by_zone[ref->idx], r);
				continue;
			}
			if (ref->kind == PM_K_SBOM_COMPONENT && ref->idx >= 0 && (size_t)ref->idx < ns) {
				for (size_t j = first[ref->idx]; j < first[ref->idx + 1]; j++) {
					int32_t c = runs[j];
					if (seen_c[c] == (int64_t)k)
						continue;
					seen_c[c] = (int64_t)k;
					summarize(&R->by_component[c], r);
					const pm_ref *z = &m->components.v[c].zone;
					if (z->kind == PM_K_ZONE && seen_z[z->idx] != (int64_t)k) {
						seen_z[z->idx] = (int64_t)k;
						summarize(&R->by_zone[z->idx], r);
					}
				}
				continue;
			}
			int32_t comps[2] = {-1, -1};
			if (ref->kind == PM_K_COMPONENT) {
				comps[0] = ref->idx;
			} else if (ref->kind == PM_K_INTERFACE) {
				comps[0] = ((const pm_interface *)pm_model_obj(m, PM_K_INTERFACE, ref->idx))->component;
			} else if (ref->kind == PM_K_FLOW) {
				const pm_flow *f = &m->flows.v[ref->idx];
				comps[0] = f->from.kind == PM_K_COMPONENT ? f->from.idx : -1;
				comps[1] = f->to.kind == PM_K_COMPONENT ? f->to.idx : -1;
			}
			for (int c = 0; c < 2; c++) {
				if (comps[c] < 0 || seen_c[comps[c]] == (int64_t)k)
					continue;
				seen_c[comps[c]] = (int64_t)k;
				summarize(&R->by_component[comps[c]], r);
				const pm_ref *z = &m->components.v[comps[c]].zone;
				if (z->kind == PM_K_ZONE && seen_z[z->idx] != (int64_t)k) {
					seen_z[z->idx] = (int64_t)k;
					summarize(&R->by_zone[z->idx], r);
				}
			}
		}
	}
	free(seen_c);
	free(seen_z);
	free(first);
	free(runs);
	free(fill);
}

int pm_risk_compute(pm_model *m, pm_diags *diags)
{
	const pm_policy *p = &m->risk_policy;
	pm_register *R = &m->risk;
	size_t n = 0;
	for (size_t t = 0; t < m->threats.n; t++)
		n += m->threats.v[t].assets.n;
	R->v = pm_xcalloc(n ? n : 1, sizeof *R->v);
	R->n = 0;
	R->multi_patient_step = p->multi_patient_step.at.line ? (int)p->multi_patient_step.v : 1;
	verify_controls(m, R);
	for (size_t ti = 0; ti < m->threats.n; ti++) {
		const pm_threat *t = &m->threats.v[ti];
		threat_in in;
		threat_inputs(m, t, R->multi_patient_step, &in);
		int warned = 0;
		for (size_t ai = 0; ai < t->assets.n; ai++) {
			if (t->assets.v[ai].kind != PM_K_ASSET)
				continue;
			const pm_asset *a = &m->assets.v[t->assets.v[ai].idx];
			pm_risk *r = &R->v[R->n++];
			memset(r, 0, sizeof *r);
			r->threat = (int32_t)ti;
			r->asset = t->assets.v[ai].idx;
			r->multi = in.multi;
			r->multi_patient = in.multi_patient;
			r->multi_target = in.multi_target;
			assess_before(r, &in, a, p);
			assess_after(m, R, r, &in, a, diags, ai == 0);
			set_outcome(r);
			if (!warned && r->basis == PM_RES_EXPLICIT)
				warned = warn_worse(m, r, &in, diags);
		}
	}
	for (size_t i = 0; i < m->controls.n; i++) {
		R->controls_credited += R->control_credited[i];
		R->controls_verified += R->control_credited[i] && R->control_verified[i];
	}
	aggregate(m);
	R->vuln_base_tenths = pm_xcalloc(m->vulnerabilities.n + 1, sizeof *R->vuln_base_tenths);
	for (size_t i = 0; i < m->vulnerabilities.n; i++) {
		pm_cvss v;
		const char *s = m->vulnerabilities.v[i].cvss.s;
		R->vuln_base_tenths[i] = s && pm_cvss_parse(s, &v, NULL) == 0 ? base_score(&v) : -1;
	}
	return 0;
}

void pm_register_free(pm_register *r)
{
	free(r->v);
	free(r->by_asset);
	free(r->by_component);
	free(r->by_zone);
	free(r->vuln_base_tenths);
	free(r->control_verified);
	free(r->control_credited);
	memset(r, 0, sizeof *r);
}
