/* explain.c — `premarket explain`: the whole derivation of one threat's
 * register entries, step by step, so a reviewer can recompute them by hand.
 *
 * The numbers printed are recomputed from the stored vectors with the same
 * scoring functions gen/risk.c used, and checked against the stored register:
 * an explanation can never disagree with the register it explains.
 */
#include "premarket/explain.h"
#include "suggest.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *harm(int h)
{
	return h >= 0 && h < PM_N_HARM ? pm_enum_names_harm[h] : "?";
}

static const char *lvl(const pm_level *v, size_t n, int i)
{
	return i >= 0 && (size_t)i < n ? v[i].id.s : "?";
}

static void metric_list(pm_buf *b, const pm_cvss *v, pm_cvss_group group)
{
	int n = pm_cvss_metric_count(v->version);
	int first = 1;
	for (int i = 0; i < n; i++) {
		const pm_cvss_metric_info *mi = pm_cvss_metric(v->version, i);
		if (mi->group != group)
			continue;
		const char *val = pm_cvss_get(v, i);
		if (group != PM_CVSS_BASE && strcmp(val, "X") == 0)
			continue;
		pm_buf_printf(b, "%s%s:%s", first ? "" : " ", mi->name, val);
		first = 0;
	}
	if (first)
		pm_buf_puts(b, "(none)");
}

static void explain_v31(pm_buf *b, const pm_cvss *v)
{
	pm_cvss_v31_result r;
	pm_cvss_v31_score(v, &r);
	char s[16];
	pm_buf_puts(b, "      CVSS v3.1 base (specification section 7.1):\n");
	pm_buf_printf(b, "        weights AV %.2f, AC %.2f, PR %.2f%s, UI %.2f, C %.2f, I %.2f, A %.2f\n", r.w_av,
	              r.w_ac, r.w_pr, r.scope_changed ? " (scope changed)" : "", r.w_ui, r.w_c, r.w_i, r.w_a);
	pm_buf_printf(b, "        ISS = 1 - (1 - %.2f) x (1 - %.2f) x (1 - %.2f) = %.6f\n", r.w_c, r.w_i, r.w_a, r.iss);
	if (r.scope_changed)
		pm_buf_printf(b, "        Impact = 7.52 x (ISS - 0.029) - 3.25 x (ISS - 0.02)^15 = %.6f\n", r.impact);
	else
		pm_buf_printf(b, "        Impact = 6.42 x ISS = %.6f\n", r.impact);
	pm_buf_printf(b, "        Exploitability = 8.22 x %.2f x %.2f x %.2f x %.2f = %.6f\n", r.w_av, r.w_ac, r.w_pr,
	              r.w_ui, r.exploitability);
	if (r.impact <= 0)
		pm_buf_puts(b, "        Impact <= 0, so Base = 0.0\n");
	else if (r.scope_changed)
		pm_buf_printf(b, "        Base = Roundup(min(1.08 x (%.6f + %.6f), 10)) = %s\n", r.impact,
		              r.exploitability, pm_cvss_score_str(r.base_tenths, s, sizeof s));
	else
		pm_buf_printf(b, "        Base = Roundup(min(%.6f + %.6f, 10)) = %s\n", r.impact, r.exploitability,
		              pm_cvss_score_str(r.base_tenths, s, sizeof s));
	pm_buf_puts(b, "      Temporal metrics: ");
	metric_list(b, v, PM_CVSS_TEMPORAL);
	pm_buf_printf(b, " (weights E %.2f, RL %.2f, RC %.2f; X weighs 1)\n", r.w_e, r.w_rl, r.w_rc);
	pm_buf_puts(b, "      Environmental (section 7.3), metrics: ");
	metric_list(b, v, PM_CVSS_ENVIRONMENTAL);
	pm_buf_puts(b, "\n");
	pm_buf_printf(b,
	              "        weights CR %.2f, IR %.2f, AR %.2f, MAV %.2f, MAC %.2f, MPR %.2f%s, MUI %.2f, MC %.2f, "
	              "MI %.2f, MA %.2f\n",
	              r.w_cr, r.w_ir, r.w_ar, r.w_mav, r.w_mac, r.w_mpr,
	              r.modified_scope_changed ? " (modified scope changed)" : "", r.w_mui, r.w_mc, r.w_mi, r.w_ma);
	pm_buf_printf(
	        b, "        MISS = min(1 - (1 - %.2f x %.2f) x (1 - %.2f x %.2f) x (1 - %.2f x %.2f), 0.915) = %.6f\n",
	        r.w_cr, r.w_mc, r.w_ir, r.w_mi, r.w_ar, r.w_ma, r.miss);
	if (r.modified_scope_changed)
		pm_buf_printf(
		        b, "        ModifiedImpact = 7.52 x (MISS - 0.029) - 3.25 x (MISS x 0.9731 - 0.02)^13 = %.6f\n",
		        r.modified_impact);
	else
		pm_buf_printf(b, "        ModifiedImpact = 6.42 x MISS = %.6f\n", r.modified_impact);
	pm_buf_printf(b, "        ModifiedExploitability = 8.22 x %.2f x %.2f x %.2f x %.2f = %.6f\n", r.w_mav, r.w_mac,
	              r.w_mpr, r.w_mui, r.modified_exploitability);
	if (r.modified_impact <= 0) {
		pm_buf_puts(b, "        ModifiedImpact <= 0, so Environmental = 0.0\n");
	} else {
		char s2[16];
		pm_buf_printf(b,
		              "        Environmental = Roundup(Roundup(min(%s(%.6f + %.6f), 10)) x %.2f x %.2f x %.2f) "
		              "= Roundup(%s x %.4f) = %s\n",
		              r.modified_scope_changed ? "1.08 x " : "", r.modified_impact, r.modified_exploitability,
		              r.w_e, r.w_rl, r.w_rc, pm_cvss_score_str(r.modified_base_tenths, s, sizeof s),
		              r.w_e * r.w_rl * r.w_rc, pm_cvss_score_str(r.environmental_tenths, s2, sizeof s2));
	}
}

static void explain_v40(pm_buf *b, const pm_cvss *v)
{
	pm_cvss_v40_result r;
	pm_cvss_v40_score(v, &r);
	char s[16];
	static const char *const gname[PM_CVSS_V40_NGROUPS] = {"EQ1", "EQ2", "EQ3+EQ6", "EQ4", "EQ5"};
	pm_buf_printf(b, "      CVSS v4.0 (specification section 8.2, FIRST reference calculator), %s:\n",
	              r.nomenclature);
	if (r.no_impact) {
		pm_buf_puts(b, "        no impact on any system (VC VI VA SC SI SA all N): score 0.0\n");
		return;
	}
	pm_buf_printf(b, "        macro vector (EQ1..EQ6) = %s; its score in the lookup table = %s\n", r.macrovector,
	              pm_cvss_score_str(r.lookup_tenths, s, sizeof s));
	pm_buf_printf(b, "        highest-severity vector of the macro vector: %s\n", r.max_vector);
	for (int g = 0; g < PM_CVSS_V40_NGROUPS; g++) {
		if (r.lower_tenths[g] < 0) {
			pm_buf_printf(b, "        %-7s no lower macro vector\n", gname[g]);
			continue;
		}
		char lo[16], msd[16];
		pm_buf_printf(b,
		              "        %-7s lower macro vector scores %s, available distance %s; severity distance %d "
		              "of depth %d: proportion %.4f, decrease %.4f\n",
		              gname[g], pm_cvss_score_str(r.lower_tenths[g], lo, sizeof lo),
		              pm_cvss_score_str(r.msd_tenths[g], msd, sizeof msd), r.distance[g], r.depth[g],
		              r.proportion[g], r.decrease[g]);
	}
	pm_buf_printf(b, "        mean decrease over %d group%s = %.6f\n", r.n_lower, r.n_lower == 1 ? "" : "s",
	              r.mean_decrease);
	char s2[16];
	pm_buf_printf(b, "        score = %s - %.6f = %.6f, rounded to one decimal = %s\n",
	              pm_cvss_score_str(r.lookup_tenths, s, sizeof s), r.mean_decrease, r.raw,
	              pm_cvss_score_str(r.score_tenths, s2, sizeof s2));
}

static const char *prop_letter(unsigned p)
{
	return p == PM_PROP_C ? "confidentiality" : p == PM_PROP_I ? "integrity" : "availability";
}

/* A stated level carried into the residual, moved by the vector mapping's shift. */
static void explain_carried(pm_buf *b, const pm_model *m, const pm_risk *r, const char *lv)
{
	const pm_policy *p = &m->risk_policy;
	const char *from = lvl(p->exploitability_levels.v, p->exploitability_levels.n, r->before.exploitability);
	int shift = r->vector_shift;
	if (r->basis == PM_RES_UNCHANGED || shift == 0) {
		pm_buf_printf(b, "    Exploitability: \"%s\", the stated level carried into the residual (%s)\n", lv,
		              r->basis == PM_RES_UNCHANGED ? "nothing credited changes it"
		                                           : "the vector mapping did not move");
		return;
	}
	int moved = r->exploit_shift;
	pm_buf_printf(
	        b,
	        "    Exploitability: the stated level \"%s\" carried into the residual and moved %d level%s %s, as the "
	        "vector mapping moved %d level%s %s from the threat's vector to the residual vector%s => \"%s\"\n",
	        from, moved < 0 ? -moved : moved, moved == 1 || moved == -1 ? "" : "s", moved < 0 ? "down" : "up",
	        shift < 0 ? -shift : shift, shift == 1 || shift == -1 ? "" : "s", shift < 0 ? "down" : "up",
	        moved != shift ? " (never beyond the ends of the scale)" : "", lv);
}

/* Severity: stated harm or the asset's, then the multi-patient step. */
static void explain_severity(pm_buf *b, const pm_model *m, const pm_risk *r, const pm_assessment *as)
{
	const pm_threat *t = &m->threats.v[r->threat];
	switch (as->severity_source) {
	case PM_SEV_STATED:
		pm_buf_printf(b,
		              "    Severity of harm: %s, the harm the threat states for its own hazardous situation "
		              "(threats[].harm; wins over the asset's worst harm)\n",
		              harm(as->severity_base));
		break;
	case PM_SEV_ASSET:
		pm_buf_printf(
		        b, "    Severity of harm: %s, the asset's highest harm among the impacted properties (%s)%s\n",
		        harm(as->severity_base), prop_letter(as->severity_prop),
		        t->harm.at.line ? "" : "; the threat states no harm of its own");
		break;
	default:
		pm_buf_printf(b, "    Severity of harm: %s (lowest level: nothing impacted)\n",
		              harm(as->severity_base));
		return;
	}
	if (!r->multi_patient)
		return;
	int step = m->risk.multi_patient_step;
	if (as->multi_step)
		pm_buf_printf(b, "    Multi-patient: %s + %d level%s (the policy's multi_patient_step%s) = %s\n",
		              harm(as->severity_base), as->multi_step, as->multi_step == 1 ? "" : "s",
		              as->multi_step < step ? ", capped at catastrophic" : "", harm(as->severity));
	else
		pm_buf_printf(b, "    Multi-patient: %s\n",
		              step ? "already catastrophic, the top of the scale"
		                   : "the policy's multi_patient_step is 0");
}

static void explain_assessment(pm_buf *b, const pm_model *m, const pm_risk *r, const pm_assessment *as, int after)
{
	const pm_policy *p = &m->risk_policy;
	const pm_asset *a = &m->assets.v[r->asset];
	char vec[PM_CVSS_VECTOR_MAX], s1[16], s2[16];
	if (as->has_vector) {
		pm_cvss_format(&as->vector, vec, sizeof vec);
		pm_buf_printf(b, "    Scored vector: %s\n", vec);
		if (as->vector.version == PM_CVSS_V31)
			explain_v31(b, &as->vector);
		else
			explain_v40(b, &as->vector);
		pm_buf_printf(b, "    => base %s (%s), environmental for this asset %s (%s)\n",
		              pm_cvss_score_str(as->base_tenths, s1, sizeof s1),
		              pm_cvss_severity_name(pm_cvss_severity_of(as->base_tenths)),
		              pm_cvss_score_str(as->env_tenths, s2, sizeof s2),
		              pm_cvss_severity_name(pm_cvss_severity_of(as->env_tenths)));
	} else {
		pm_buf_puts(b, "    No CVSS vector: no score.\n");
	}
	/* exploitability */
	const char *lv = lvl(p->exploitability_levels.v, p->exploitability_levels.n, as->exploitability);
	switch (as->exploit_source) {
	case PM_EXPL_STATED:
		pm_buf_printf(b, "    Exploitability: \"%s\", stated in the model (%s)\n", lv,
		              after ? "residual.exploitability" : "exploitability");
		break;
	case PM_EXPL_UNCHANGED:
		pm_buf_printf(b,
		              "    Exploitability: \"%s\", unchanged (no vector and no stated residual level; controls "
		              "are not credited)\n",
		              lv);
		break;
	case PM_EXPL_CARRIED:
		explain_carried(b, m, r, lv);
		break;
	case PM_EXPL_VECTOR:
		if (as->vector.version == PM_CVSS_V31) {
			pm_cvss_v31_result rr;
			pm_cvss_v31_score(&as->vector, &rr);
			pm_buf_printf(b,
			              "    Exploitability: (modified) exploitability sub-score %.6f; thresholds 3.0 "
			              "very_high, 2.0 high, 1.2 medium, 0.6 low => level %d of 5 \"%s\"\n",
			              rr.modified_exploitability, as->exploitability + 1, lv);
		} else {
			pm_buf_printf(b,
			              "    Exploitability: points AV+AC+AT+PR+UI = %d (AV N0 A1 L1 P3, AC L0 H1, AT N0 "
			              "P1, PR N0 L1 H2, UI N0 P1 A2); 0 very_high, 1 high, 2 medium, 3 low, 4+ "
			              "very_low => level %d of 5 \"%s\"\n",
			              pm_risk_exploit_v40_points(&as->vector), as->exploitability + 1, lv);
		}
		break;
	default:
		break;
	}
	/* severity */
	pm_buf_puts(b, "    Impacted properties");
	pm_buf_puts(b,
	            as->impact_from_stride
	                    ? " (from STRIDE: spoofing, tampering, repudiation -> integrity; information disclosure -> "
	                      "confidentiality; denial of service -> availability; elevation of privilege -> all): "
	                    : " (impact metrics not N): ");
	int any = 0;
	const int hv[3] = {a->harm.confidentiality.v, a->harm.integrity.v, a->harm.availability.v};
	for (unsigned i = 0; i < 3; i++)
		if ((as->impacted >> i) & 1u) {
			pm_buf_printf(b, "%s%s (harm %s)", any ? ", " : "", prop_letter(1u << i), harm(hv[i]));
			any = 1;
		}
	if (!any)
		pm_buf_puts(b, "none");
	pm_buf_puts(b, "\n");
	explain_severity(b, m, r, as);
	const char *rl = lvl(p->risk_levels.v, p->risk_levels.n, as->risk);
	pm_buf_printf(b, "    Risk: matrix[%s][%s] = \"%s\", which the policy marks %s\n", lv, harm(as->severity), rl,
	              as->acceptable ? "acceptable" : "NOT acceptable");
}

static void explain_controls(pm_buf *b, const pm_model *m, const pm_threat *t, const pm_risk *r)
{
	if (r->residual_stated) {
		pm_buf_printf(b, "    Residual vector stated in the model (residual.cvss): %s\n", t->residual.cvss.s);
		pm_buf_puts(b, "    CR/IR/AR set from the asset as before.\n");
	}
	if (!t->controls.n)
		pm_buf_puts(b, "    No controls mitigate this threat.\n");
	for (size_t i = 0; i < t->controls.n; i++) {
		const pm_control *c = pm_model_obj(m, PM_K_CONTROL, t->controls.v[i].idx);
		if (!c)
			continue;
		const char *st = pm_enum_names_control_status[c->status.v];
		const char *ver = m->risk.control_verified[t->controls.v[i].idx] ? "verified by a passed test"
		                                                                 : "NOT verified: no passed test";
		if (c->status.v != PM_CS_IMPLEMENTED)
			pm_buf_printf(b, "    Control %s (%s): not credited (only implemented controls reduce risk)\n",
			              c->id.s, st);
		else if (r->basis == PM_RES_EXPLICIT)
			pm_buf_printf(b, "    Control %s (implemented, %s): credited through the explicit residual\n",
			              c->id.s, ver);
		else if (!c->effect.s)
			pm_buf_printf(
			        b,
			        "    Control %s (implemented, %s): declares no effect on CVSS metrics, not credited\n",
			        c->id.s, ver);
		else if (!r->before.has_vector)
			pm_buf_printf(
			        b,
			        "    Control %s (implemented, %s): effect %s not credited: the threat has no vector\n",
			        c->id.s, ver, c->effect.s);
		else
			pm_buf_printf(b,
			              "    Control %s (implemented, %s): effect %s (the most protective value of each "
			              "metric wins)\n",
			              c->id.s, ver, c->effect.s);
	}
	static const char *const why[] = {
	        [PM_RES_UNCHANGED] =
	                "unchanged: nothing is credited, so the residual assessment is the one before controls",
	        [PM_RES_EFFECTS] = "moved by the effects of the credited controls",
	        [PM_RES_EXPLICIT] =
	                "an explicit residual stated in the model (residual.cvss / residual.exploitability)",
	};
	pm_buf_printf(b, "    Why the residual is what it is: %s\n", why[r->basis]);
}

/* The outcome, and the reason when uncontrolled. */
static const char *outcome_text(const pm_risk *r)
{
	switch (r->outcome) {
	case PM_OUTCOME_ACCEPTABLE:
		return "acceptable before controls (no control is needed to make it acceptable)";
	case PM_OUTCOME_CONTROLLED:
		return "controlled (made acceptable by implemented, verified controls)";
	default:
		break;
	}
	switch (r->uncontrolled) {
	case PM_UNC_NO_CONTROL:
		return "UNCONTROLLED (acceptable only through an explicit residual that credits no implemented "
		       "control)";
	case PM_UNC_UNVERIFIED:
		return "UNCONTROLLED (acceptable only if credited controls without a passed test work)";
	default:
		return "UNCONTROLLED (residual risk not acceptable)";
	}
}

/* Whether the threat counts as multi-patient, and why. */
static void explain_multi(pm_buf *b, const pm_model *m, const pm_threat *t, const pm_risk *r)
{
	const pm_ref *g = r->multi_target >= 0 ? &t->targets.v[r->multi_target] : NULL;
	pm_buf_printf(b, "  multi-patient: %s", r->multi_patient ? "yes" : "no");
	switch (r->multi) {
	case PM_MULTI_STATED:
		pm_buf_puts(b, ", stated (multi_patient)");
		break;
	case PM_MULTI_CLOUD:
		pm_buf_printf(b, ", derived: it targets %s, %s cloud_service component", g->id.s,
		              g->kind == PM_K_INTERFACE ? "an interface of a" : "a");
		break;
	case PM_MULTI_CLOUD_FLOW:
		pm_buf_printf(b, ", derived: it targets flow %s, from or to a cloud_service component", g->id.s);
		break;
	case PM_MULTI_CODE_FLOW:
		pm_buf_printf(b, ", derived: it targets flow %s, of kind code (software distribution)", g->id.s);
		break;
	default:
		pm_buf_puts(
		        b,
		        " (not stated; no target is a cloud_service component, a flow from or to one, or a code flow)");
		break;
	}
	if (r->multi_patient)
		pm_buf_printf(
		        b, "; severity raised by the policy's multi_patient_step, %d%s", m->risk.multi_patient_step,
		        m->risk_policy.multi_patient_step.at.line ? "" : " (not stated in the policy: the default)");
	pm_buf_puts(b, "\n");
}

/* No threat `id`: the error names it, the hint the nearest id. */
static int no_such_threat(const pm_model *m, const char *id, pm_diags *d)
{
	const char **ids = pm_xcalloc(m->threats.n + 1, sizeof *ids);
	for (size_t i = 0; i < m->threats.n; i++)
		ids[i] = m->threats.v[i].id.s;
	const char *near = pm_suggest(id, ids, m->threats.n);
	pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0, "no threat \"%s\" in the model", id);
	if (near)
		pm_diag_hint(d, "did you mean \"%s\"?", near);
	free(ids);
	return -1;
}

int pm_explain_threat(const pm_model *m, const char *id, pm_buf *b, pm_diags *d)
{
	size_t mark = b->len;
	const pm_threat *t = NULL;
	size_t ti = 0;
	for (; ti < m->threats.n; ti++)
		if (strcmp(m->threats.v[ti].id.s, id) == 0) {
			t = &m->threats.v[ti];
			break;
		}
	if (!t)
		return no_such_threat(m, id, d);
	const pm_policy *p = &m->risk_policy;
	pm_buf_printf(b, "Threat %s: %s\n", t->id.s, t->title.s);
	pm_buf_printf(b, "  defined at %s:%u:%u\n", pm_model_file(m, t->at), t->at.line, t->at.col);
	pm_buf_printf(b, "  CVSS vector: %s\n", t->cvss.s ? t->cvss.s : "(none)");
	if (t->exploitability.s)
		pm_buf_printf(b, "  stated exploitability: %s\n", t->exploitability.s);
	if (t->harm.at.line)
		pm_buf_printf(b, "  stated harm: %s\n", harm(t->harm.v));
	for (size_t h = 0; h < t->hazards.n; h++)
		pm_buf_printf(b, "  hazard: %s%s%s%s%s\n", t->hazards.v[h].id.s, t->hazards.v[h].title.s ? " " : "",
		              t->hazards.v[h].title.s ? t->hazards.v[h].title.s : "",
		              t->hazards.v[h].document.s ? ", in " : "",
		              t->hazards.v[h].document.s ? t->hazards.v[h].document.s : "");
	pm_buf_printf(b, "  risk policy: %s%s", p->name.s ? p->name.s : "(unnamed)",
	              m->policy_is_default ? " (the tool's default policy, not a manufacturer's)" : "");
	if (p->document.id.s)
		pm_buf_printf(b, ", defined in %s%s%s%s", p->document.id.s, p->document.title.s ? " (" : "",
		              p->document.title.s ? p->document.title.s : "", p->document.title.s ? ")" : "");
	pm_buf_puts(b, "\n");
	for (size_t k = 0; k < m->risk.n; k++)
		if (m->risk.v[k].threat == (int32_t)ti) {
			explain_multi(b, m, t, &m->risk.v[k]);
			break;
		}
	for (size_t k = 0; k < m->risk.n; k++) {
		const pm_risk *r = &m->risk.v[k];
		if (r->threat != (int32_t)ti)
			continue;
		const pm_asset *a = &m->assets.v[r->asset];
		pm_buf_printf(b, "\nAsset %s (%s)\n", a->id.s, a->name.s);
		pm_buf_printf(b, "  harm if lost: confidentiality %s, integrity %s, availability %s\n",
		              harm(a->harm.confidentiality.v), harm(a->harm.integrity.v), harm(a->harm.availability.v));
		pm_buf_printf(b,
		              "  security requirements (negligible, minor -> L; serious -> M; critical, catastrophic "
		              "-> H): CR:%s IR:%s AR:%s\n",
		              pm_risk_requirement(a->harm.confidentiality.v), pm_risk_requirement(a->harm.integrity.v),
		              pm_risk_requirement(a->harm.availability.v));
		pm_buf_puts(b, "\n  Before controls\n");
		explain_assessment(b, m, r, &r->before, 0);
		pm_buf_puts(b, "\n  After controls\n");
		explain_controls(b, m, t, r);
		explain_assessment(b, m, r, &r->after, 1);
		pm_buf_printf(b, "\n  Result: risk \"%s\" before, \"%s\" after controls: %s\n",
		              lvl(p->risk_levels.v, p->risk_levels.n, r->before.risk),
		              lvl(p->risk_levels.v, p->risk_levels.n, r->after.risk), outcome_text(r));
	}
	return pm_buf_done(b, mark, "the explanation", d);
}
