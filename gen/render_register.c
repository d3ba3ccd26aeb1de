/* render_register.c — the risk register as text, CSV (RFC 4180) or JSON.
 * Reads pm_model.risk (gen/risk.c); computes nothing. */
#include "json.h"
#include "premarket/render.h"

#include <stdio.h>
#include <string.h>

typedef struct row_view {
	const pm_threat *t;
	const pm_asset *a;
	const pm_risk *r;
} row_view;

static const char *level_id(const pm_level *v, size_t n, int i)
{
	return i >= 0 && (size_t)i < n ? v[i].id.s : "";
}

static const char *score(int tenths, char *buf, size_t n)
{
	if (tenths < 0)
		return "";
	return pm_cvss_score_str(tenths, buf, n);
}

static const char *sev(int tenths)
{
	return tenths < 0 ? "" : pm_cvss_severity_name(pm_cvss_severity_of(tenths));
}

static const char *source_name(pm_exploit_source s)
{
	switch (s) {
	case PM_EXPL_VECTOR:
		return "vector";
	case PM_EXPL_STATED:
		return "stated";
	case PM_EXPL_UNCHANGED:
		return "unchanged";
	case PM_EXPL_CARRIED:
		return "carried";
	default:
		return "";
	}
}

static const char *const severity_sources[] = {"none", "asset", "stated"};
static const char *const bases[] = {"unchanged", "effects", "explicit"};
static const char *const outcomes[] = {"acceptable_before_controls", "controlled", "uncontrolled"};
static const char *const reasons[] = {"", "not_acceptable", "no_control", "unverified"};

static const char *prop_name(unsigned p)
{
	return p == PM_PROP_C   ? "confidentiality"
	       : p == PM_PROP_I ? "integrity"
	       : p == PM_PROP_A ? "availability"
	                        : "none";
}

static void vector_str(const pm_assessment *as, char *buf, size_t n)
{
	if (as->has_vector)
		pm_cvss_format(&as->vector, buf, n);
	else
		buf[0] = '\0';
}

/* Control ids of a threat, with status for those that are not implemented. */
static void controls_str(const pm_model *m, const pm_threat *t, pm_buf *b, const char *sep)
{
	for (size_t i = 0; i < t->controls.n; i++) {
		const pm_control *c = pm_model_obj(m, PM_K_CONTROL, t->controls.v[i].idx);
		if (!c)
			continue;
		pm_buf_printf(b, "%s%s", i ? sep : "", c->id.s);
		if (c->status.v != PM_CS_IMPLEMENTED)
			pm_buf_printf(b, " (%s)", pm_enum_names_control_status[c->status.v]);
	}
}

/* ---- CSV ---------------------------------------------------------------- */

static void csv_field(pm_buf *b, const char *s, int last)
{
	if (strpbrk(s, ",\"\r\n")) {
		pm_buf_putc(b, '"');
		for (; *s; s++) {
			if (*s == '"')
				pm_buf_putc(b, '"');
			pm_buf_putc(b, *s);
		}
		pm_buf_putc(b, '"');
	} else {
		pm_buf_puts(b, s);
	}
	pm_buf_puts(b, last ? "\r\n" : ",");
}

static void csv_assessment(pm_buf *b, const pm_policy *p, const pm_assessment *as)
{
	char vec[PM_CVSS_VECTOR_MAX], s1[16], s2[16];
	vector_str(as, vec, sizeof vec);
	csv_field(b, vec, 0);
	csv_field(b, score(as->base_tenths, s1, sizeof s1), 0);
	csv_field(b, sev(as->base_tenths), 0);
	csv_field(b, score(as->env_tenths, s2, sizeof s2), 0);
	csv_field(b, sev(as->env_tenths), 0);
	csv_field(b, level_id(p->exploitability_levels.v, p->exploitability_levels.n, as->exploitability), 0);
	csv_field(b, source_name(as->exploit_source), 0);
	csv_field(b, pm_enum_names_harm[as->severity], 0);
	csv_field(b, severity_sources[as->severity_source], 0);
	csv_field(b, level_id(p->risk_levels.v, p->risk_levels.n, as->risk), 0);
	csv_field(b, as->acceptable ? "yes" : "no", 0);
}

static void render_csv(const pm_model *m, pm_buf *b)
{
	static const char *const cols[] = {
	        "threat",
	        "threat_title",
	        "asset",
	        "asset_name",
	        "vector",
	        "base",
	        "base_severity",
	        "environmental",
	        "environmental_severity",
	        "exploitability",
	        "exploitability_source",
	        "severity",
	        "severity_source",
	        "risk",
	        "acceptable",
	        "residual_vector",
	        "residual_base",
	        "residual_base_severity",
	        "residual_environmental",
	        "residual_environmental_severity",
	        "residual_exploitability",
	        "residual_exploitability_source",
	        "residual_severity",
	        "residual_severity_source",
	        "residual_risk",
	        "residual_acceptable",
	        "multi_patient",
	        "residual_basis",
	        "outcome",
	        "controlled",
	        "controls",
	};
	size_t nc = sizeof cols / sizeof cols[0];
	for (size_t i = 0; i < nc; i++)
		csv_field(b, cols[i], i + 1 == nc);
	const pm_policy *p = &m->risk_policy;
	pm_buf ctl;
	pm_buf_init(&ctl, 0);
	for (size_t k = 0; k < m->risk.n; k++) {
		const pm_risk *r = &m->risk.v[k];
		const pm_threat *t = &m->threats.v[r->threat];
		const pm_asset *a = &m->assets.v[r->asset];
		csv_field(b, t->id.s, 0);
		csv_field(b, t->title.s, 0);
		csv_field(b, a->id.s, 0);
		csv_field(b, a->name.s, 0);
		csv_assessment(b, p, &r->before);
		csv_assessment(b, p, &r->after);
		csv_field(b, r->multi_patient ? "yes" : "no", 0);
		csv_field(b, bases[r->basis], 0);
		csv_field(b, outcomes[r->outcome], 0);
		csv_field(b, r->controlled ? "yes" : "no", 0);
		pm_buf_clear(&ctl);
		controls_str(m, t, &ctl, ";");
		csv_field(b, ctl.data ? ctl.data : "", 1);
	}
	pm_buf_free(&ctl);
}

/* ---- JSON ----------------------------------------------------------------- */

static void json_assessment(pm_buf *b, const pm_policy *p, const pm_assessment *as)
{
	char vec[PM_CVSS_VECTOR_MAX], s[16];
	vector_str(as, vec, sizeof vec);
	pm_buf_puts(b, "{\"vector\": ");
	pm_json_str(b, as->has_vector ? vec : NULL);
	if (as->base_tenths >= 0)
		pm_buf_printf(b, ", \"base\": %s, \"base_severity\": \"%s\"", score(as->base_tenths, s, sizeof s),
		              sev(as->base_tenths));
	else
		pm_buf_puts(b, ", \"base\": null, \"base_severity\": null");
	if (as->env_tenths >= 0)
		pm_buf_printf(b, ", \"environmental\": %s, \"environmental_severity\": \"%s\"",
		              score(as->env_tenths, s, sizeof s), sev(as->env_tenths));
	else
		pm_buf_puts(b, ", \"environmental\": null, \"environmental_severity\": null");
	pm_buf_puts(b, ", \"exploitability\": ");
	pm_json_str(b, level_id(p->exploitability_levels.v, p->exploitability_levels.n, as->exploitability));
	pm_buf_printf(b, ", \"exploitability_source\": \"%s\", \"impacted\": [", source_name(as->exploit_source));
	int first = 1;
	for (unsigned pr = 1; pr <= 4; pr <<= 1)
		if (as->impacted & pr) {
			pm_buf_printf(b, "%s\"%s\"", first ? "" : ", ", prop_name(pr));
			first = 0;
		}
	pm_buf_printf(b,
	              "], \"impact_from\": \"%s\", \"severity\": \"%s\", \"severity_base\": \"%s\", "
	              "\"severity_source\": \"%s\", \"multi_patient_step\": %d, \"risk\": ",
	              as->impact_from_stride ? "stride" : "vector", pm_enum_names_harm[as->severity],
	              pm_enum_names_harm[as->severity_base], severity_sources[as->severity_source], as->multi_step);
	pm_json_str(b, level_id(p->risk_levels.v, p->risk_levels.n, as->risk));
	pm_buf_printf(b, ", \"acceptable\": %s}", as->acceptable ? "true" : "false");
}

static void json_summary(pm_buf *b, const pm_policy *p, const pm_risk_summary *s)
{
	pm_buf_printf(b, "\"risks\": %u, \"max_risk_before\": ", s->risks);
	pm_json_str(b, s->max_before >= 0 ? level_id(p->risk_levels.v, p->risk_levels.n, s->max_before) : NULL);
	pm_buf_puts(b, ", \"max_risk_after\": ");
	pm_json_str(b, s->max_after >= 0 ? level_id(p->risk_levels.v, p->risk_levels.n, s->max_after) : NULL);
	pm_buf_printf(b,
	              ", \"uncontrolled_before\": %u, \"uncontrolled_after\": %u, \"not_acceptable_after\": %u, "
	              "\"acceptable_before_controls\": %u, \"controlled\": %u",
	              s->uncontrolled_before, s->uncontrolled_after, s->not_acceptable_after, s->acceptable,
	              s->controlled);
}

static void json_group(pm_buf *b, const pm_model *m, const char *name, size_t n, const pm_risk_summary *s,
                       const pm_str *(*id_of)(const pm_model *, size_t))
{
	pm_buf_printf(b, "    \"%s\": [", name);
	for (size_t i = 0; i < n; i++) {
		pm_buf_puts(b, i ? ",\n      {\"id\": " : "\n      {\"id\": ");
		pm_json_str(b, id_of(m, i)->s);
		pm_buf_puts(b, ", ");
		json_summary(b, &m->risk_policy, &s[i]);
		pm_buf_puts(b, "}");
	}
	pm_buf_puts(b, n ? "\n    ]" : "]");
}

static const pm_str *asset_id(const pm_model *m, size_t i)
{
	return &m->assets.v[i].id;
}
static const pm_str *component_id(const pm_model *m, size_t i)
{
	return &m->components.v[i].id;
}
static const pm_str *zone_id(const pm_model *m, size_t i)
{
	return &m->zones.v[i].id;
}

static void render_json(const pm_model *m, pm_buf *b)
{
	const pm_policy *p = &m->risk_policy;
	pm_buf_puts(b, "{\n  \"device\": ");
	pm_json_str(b, m->device.name.s);
	pm_buf_puts(b, ",\n  \"version\": ");
	pm_json_str(b, m->device.version.s);
	pm_buf_puts(b, ",\n  \"policy\": ");
	pm_json_str(b, p->name.s);
	pm_buf_puts(b, ",\n  \"policy_document\": ");
	pm_json_str(b, p->document.id.s);
	pm_buf_printf(b, ",\n  \"policy_is_default\": %s,\n  \"multi_patient_step\": %d,\n  \"register\": [",
	              m->policy_is_default ? "true" : "false", m->risk.multi_patient_step);
	for (size_t k = 0; k < m->risk.n; k++) {
		const pm_risk *r = &m->risk.v[k];
		const pm_threat *t = &m->threats.v[r->threat];
		const pm_asset *a = &m->assets.v[r->asset];
		pm_buf_puts(b, k ? ",\n    {\"threat\": " : "\n    {\"threat\": ");
		pm_json_str(b, t->id.s);
		pm_buf_puts(b, ", \"threat_title\": ");
		pm_json_str(b, t->title.s);
		pm_buf_puts(b, ", \"asset\": ");
		pm_json_str(b, a->id.s);
		pm_buf_puts(b, ", \"asset_name\": ");
		pm_json_str(b, a->name.s);
		pm_buf_puts(b, ",\n     \"before\": ");
		json_assessment(b, p, &r->before);
		pm_buf_puts(b, ",\n     \"after\": ");
		json_assessment(b, p, &r->after);
		pm_buf_printf(b,
		              ",\n     \"multi_patient\": %s, \"residual_basis\": \"%s\", \"residual_stated\": %s, "
		              "\"controls_applied\": %u, \"controls_verified\": %u, \"outcome\": \"%s\", ",
		              r->multi_patient ? "true" : "false", bases[r->basis],
		              r->residual_stated ? "true" : "false", r->controls_applied, r->controls_verified,
		              outcomes[r->outcome]);
		pm_buf_puts(b, "\"uncontrolled_reason\": ");
		pm_json_str(b, r->uncontrolled ? reasons[r->uncontrolled] : NULL);
		pm_buf_printf(b, ", \"controlled\": %s, \"controls\": [", r->controlled ? "true" : "false");
		for (size_t i = 0; i < t->controls.n; i++) {
			const pm_control *c = pm_model_obj(m, PM_K_CONTROL, t->controls.v[i].idx);
			pm_buf_puts(b, i ? ", {\"id\": " : "{\"id\": ");
			pm_json_str(b, c ? c->id.s : NULL);
			pm_buf_puts(b, ", \"status\": ");
			pm_json_str(b, c ? pm_enum_names_control_status[c->status.v] : NULL);
			pm_buf_puts(b, "}");
		}
		pm_buf_puts(b, "]}");
	}
	pm_buf_puts(b, m->risk.n ? "\n  ],\n  \"aggregates\": {\n    \"device\": {"
	                         : "],\n  \"aggregates\": {\n    \"device\": {");
	json_summary(b, p, &m->risk.device);
	pm_buf_puts(b, "},\n");
	json_group(b, m, "assets", m->assets.n, m->risk.by_asset, asset_id);
	pm_buf_puts(b, ",\n");
	json_group(b, m, "components", m->components.n, m->risk.by_component, component_id);
	pm_buf_puts(b, ",\n");
	json_group(b, m, "zones", m->zones.n, m->risk.by_zone, zone_id);
	pm_buf_puts(b, "\n  }\n}\n");
}

/* ---- text ------------------------------------------------------------------ */

static void text_assessment(pm_buf *b, const pm_model *m, const char *label, const pm_assessment *as)
{
	const pm_policy *p = &m->risk_policy;
	char vec[PM_CVSS_VECTOR_MAX], s1[16], s2[16];
	vector_str(as, vec, sizeof vec);
	if (as->has_vector)
		pm_buf_printf(b, "    %-7s %s\n            base %s %s, environmental %s %s\n", label, vec,
		              score(as->base_tenths, s1, sizeof s1), sev(as->base_tenths),
		              score(as->env_tenths, s2, sizeof s2), sev(as->env_tenths));
	else
		pm_buf_printf(b, "    %-7s no CVSS vector (impact from STRIDE)\n", label);
	char sv[64];
	if (as->severity_source == PM_SEV_STATED)
		snprintf(sv, sizeof sv, "stated");
	else
		snprintf(sv, sizeof sv, "%s", prop_name(as->severity_prop));
	if (as->multi_step)
		snprintf(sv + strlen(sv), sizeof sv - strlen(sv), ", multi-patient +%d", as->multi_step);
	pm_buf_printf(b, "            exploitability %s (%s), severity %s (%s), risk %s: %s\n",
	              level_id(p->exploitability_levels.v, p->exploitability_levels.n, as->exploitability),
	              source_name(as->exploit_source), pm_enum_names_harm[as->severity], sv,
	              level_id(p->risk_levels.v, p->risk_levels.n, as->risk),
	              as->acceptable ? "acceptable" : "NOT ACCEPTABLE");
}

static void text_summary_line(pm_buf *b, const pm_policy *p, const char *id, const pm_risk_summary *s)
{
	pm_buf_printf(b, "  %-24s %5u   %-10s %-10s %5u %5u\n", id, s->risks,
	              s->max_before >= 0 ? level_id(p->risk_levels.v, p->risk_levels.n, s->max_before) : "-",
	              s->max_after >= 0 ? level_id(p->risk_levels.v, p->risk_levels.n, s->max_after) : "-",
	              s->uncontrolled_before, s->uncontrolled_after);
}

/* The conclusion, by outcome: never "controlled" for what no verified control made acceptable. */
static void text_conclusion(pm_buf *b, const pm_model *m)
{
	const pm_risk_summary *d = &m->risk.device;
	if (!d->risks) {
		pm_buf_puts(b, "\nConclusion: the register is empty; no risk has been evaluated.\n");
		return;
	}
	if (d->uncontrolled_after)
		pm_buf_printf(b,
		              "\nConclusion: %u risk%s uncontrolled (%u with a residual risk that is not acceptable); "
		              "each needs further or verified controls, or a benefit-risk rationale.\n",
		              d->uncontrolled_after, d->uncontrolled_after == 1 ? " is" : "s are",
		              d->not_acceptable_after);
	else if (!d->controlled)
		pm_buf_puts(b, "\nConclusion: every risk is acceptable before controls; the acceptability rests on no "
		               "credited control.\n");
	else
		pm_buf_printf(b,
		              "\nConclusion: every residual risk is acceptable: %u acceptable before controls, %u "
		              "controlled by implemented, verified controls.\n",
		              d->acceptable, d->controlled);
}

static void render_text(const pm_model *m, pm_buf *b)
{
	const pm_policy *p = &m->risk_policy;
	pm_buf_printf(b, "Risk register: %s %s\nRisk policy: %s%s\n\n", m->device.name.s, m->device.version.s,
	              p->name.s ? p->name.s : "(unnamed)", m->policy_is_default ? " (default)" : "");
	int32_t last = -1;
	pm_buf ctl;
	pm_buf_init(&ctl, 0);
	for (size_t k = 0; k < m->risk.n; k++) {
		const pm_risk *r = &m->risk.v[k];
		const pm_threat *t = &m->threats.v[r->threat];
		const pm_asset *a = &m->assets.v[r->asset];
		if (r->threat != last) {
			pm_buf_printf(b, "%s%s  %s\n", last >= 0 ? "\n" : "", t->id.s, t->title.s);
			pm_buf_clear(&ctl);
			controls_str(m, t, &ctl, ", ");
			pm_buf_printf(b, "  controls: %s\n", ctl.data && ctl.len ? ctl.data : "none");
			last = r->threat;
		}
		pm_buf_printf(b, "  asset %s (%s): harm C %s, I %s, A %s\n", a->id.s, a->name.s,
		              pm_enum_names_harm[a->harm.confidentiality.v], pm_enum_names_harm[a->harm.integrity.v],
		              pm_enum_names_harm[a->harm.availability.v]);
		text_assessment(b, m, "before:", &r->before);
		text_assessment(b, m, r->residual_stated ? "after*:" : "after:", &r->after);
		static const char *const shown[] = {"acceptable before controls", "controlled", "UNCONTROLLED"};
		static const char *const why[] = {"", " (residual not acceptable)",
		                                  " (explicit residual, no implemented control credited)",
		                                  " (a credited control is not verified)"};
		pm_buf_printf(b, "    => %s%s\n", shown[r->outcome], why[r->uncontrolled]);
	}
	pm_buf_free(&ctl);
	const pm_risk_summary *d = &m->risk.device;
	pm_buf_printf(b, "\nSummary: %u risk%s; not acceptable before controls: %u; after controls: %u\n", d->risks,
	              d->risks == 1 ? "" : "s", d->uncontrolled_before, d->not_acceptable_after);
	pm_buf_printf(b,
	              "Outcomes: acceptable before controls %u, controlled %u, uncontrolled %u; controls credited %u, "
	              "of which verified %u\n",
	              d->acceptable, d->controlled, d->uncontrolled_after, m->risk.controls_credited,
	              m->risk.controls_verified);
	pm_buf_puts(b, "\n  group                    risks   max before max after  unacc. before/uncontrolled after\n");
	text_summary_line(b, p, "device", d);
	for (size_t i = 0; i < m->zones.n; i++) {
		char id[160];
		snprintf(id, sizeof id, "zone %s", m->zones.v[i].id.s);
		text_summary_line(b, p, id, &m->risk.by_zone[i]);
	}
	for (size_t i = 0; i < m->components.n; i++) {
		char id[160];
		snprintf(id, sizeof id, "component %s", m->components.v[i].id.s);
		text_summary_line(b, p, id, &m->risk.by_component[i]);
	}
	for (size_t i = 0; i < m->assets.n; i++) {
		char id[160];
		snprintf(id, sizeof id, "asset %s", m->assets.v[i].id.s);
		text_summary_line(b, p, id, &m->risk.by_asset[i]);
	}
	text_conclusion(b, m);
}

int pm_render_register(const pm_model *m, pm_register_format fmt, pm_buf *out, pm_diags *d)
{
	size_t mark = out->len;
	switch (fmt) {
	case PM_REGISTER_CSV:
		render_csv(m, out);
		break;
	case PM_REGISTER_JSON:
		render_json(m, out);
		break;
	default:
		render_text(m, out);
		break;
	}
	return pm_buf_done(out, mark, "the register", d);
}
