/* render_xml.c — the model, its risk register and traceability as
 * submission.xml (include/premarket/xml.h; the format is docs/xml.md, the
 * schema models/premarket.xsd from gen/schema_xsd.c).
 *
 * The model part walks the structs through the field tables of
 * gen/schema.c, so every key the loader reads is written, under the same
 * name, and nothing else; absent values are left out.  The register part
 * prints m->risk as render_register.c does; nothing is computed here.
 * libxml2's xmlTextWriter builds the text and does all escaping.
 */
#include "premarket/check.h"
#include "premarket/xml.h"
#include "schema.h"
#include "xalloc.h"

#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct xw {
	xmlTextWriterPtr w;
	const pm_model *m;
	pm_diags *d;
	int err;     /* a writer call failed */
	int invalid; /* a string cannot be written as XML */
} xw;

/* ---- numbers -------------------------------------------------------------------- */

char *pm_xml_decimal(double v, char *buf, size_t size)
{
	char e[64], digits[32];
	int prec = 0;
	if (!isfinite(v) || !buf || size == 0)
		return NULL;
	/* the shortest %e form that reads back as v */
	for (prec = 0; prec < 17; prec++) {
		snprintf(e, sizeof e, "%.*e", prec, v);
		if (strtod(e, NULL) == v)
			break;
	}
	size_t nd = 0;
	const char *p = e;
	int neg = *p == '-';
	for (; *p && *p != 'e' && *p != 'E'; p++)
		if (*p >= '0' && *p <= '9' && nd + 1 < sizeof digits)
			digits[nd++] = *p;
	long exp = *p ? strtol(p + 1, NULL, 10) : 0;
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	if (nd == 1 && digits[0] == '0')
		neg = 0; /* -0 */
	/* value = 0.d1d2...dn x 10^point */
	long point = exp + 1;
	size_t len = 0;
	size_t need = (size_t)neg + nd + 3 + (size_t)(point < 0 ? -point : point);
	if (need >= size)
		return NULL;
	if (neg)
		buf[len++] = '-';
	if (point <= 0) {
		buf[len++] = '0';
		buf[len++] = '.';
		for (long i = 0; i < -point; i++)
			buf[len++] = '0';
		for (size_t i = 0; i < nd; i++)
			buf[len++] = digits[i];
	} else {
		for (long i = 0; i < point; i++)
			buf[len++] = (size_t)i < nd ? digits[i] : '0';
		if ((size_t)point < nd) {
			buf[len++] = '.';
			for (size_t i = (size_t)point; i < nd; i++)
				buf[len++] = digits[i];
		}
	}
	buf[len] = '\0';
	return buf;
}

/* ---- writing ---------------------------------------------------------------------- */

static void start(xw *x, const char *name)
{
	if (xmlTextWriterStartElement(x->w, BAD_CAST name) < 0)
		x->err = 1;
}

static void end(xw *x)
{
	if (xmlTextWriterEndElement(x->w) < 0)
		x->err = 1;
}

static void text_element(xw *x, const char *name, const char *text)
{
	if (xmlTextWriterWriteElement(x->w, BAD_CAST name, BAD_CAST text) < 0)
		x->err = 1;
}

static void bool_element(xw *x, const char *name, int v)
{
	text_element(x, name, v ? "true" : "false");
}

static void uint_element(xw *x, const char *name, unsigned long v)
{
	char s[32];
	snprintf(s, sizeof s, "%lu", v);
	text_element(x, name, s);
}

/* The first code point XML 1.0 cannot carry (C0 controls other than tab,
 * LF and CR; U+FFFE; U+FFFF), or 0.  The text is valid UTF-8 (the loader
 * checked it). */
static unsigned bad_char(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	for (; *p; p++) {
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			return *p;
		if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
			return p[2] == 0xBE ? 0xFFFEu : 0xFFFFu;
	}
	return 0;
}

/* A model string: checked, then written (the check reports at the value). */
static void str_element(xw *x, const char *name, const char *s, pm_mark at)
{
	unsigned c = bad_char(s);
	if (c) {
		pm_diag_add(x->d, PM_ERROR, PM_ERR_RENDER, at.line ? pm_model_file(x->m, at) : NULL, at.line, at.col,
		            "'%s' cannot be written as XML: it contains U+%04X, which XML 1.0 does not allow", name, c);
		x->invalid = 1;
		return;
	}
	text_element(x, name, s);
}

/* ---- the model part: a walk through the field tables -------------------------------- */

static void write_obj(xw *x, const pm_schema *s, const void *obj);

static void write_field(xw *x, const pm_field *f, const char *p)
{
	switch (f->type) {
	case PM_F_ID:
	case PM_F_STR:
	case PM_F_TEXT:
	case PM_F_DATE:
	case PM_F_CVSS:
	case PM_F_EFFECT: {
		const pm_str *v = (const pm_str *)p;
		if (v->s)
			str_element(x, f->key, v->s, v->at);
		break;
	}
	case PM_F_NUM: {
		const pm_num *v = (const pm_num *)p;
		char buf[PM_XML_DECIMAL_MAX];
		if (v->at.line && pm_xml_decimal(v->v, buf, sizeof buf))
			text_element(x, f->key, buf);
		break;
	}
	case PM_F_BOOL: {
		const pm_bool *v = (const pm_bool *)p;
		if (v->at.line)
			bool_element(x, f->key, v->v);
		break;
	}
	case PM_F_ENUM: {
		const pm_enum *v = (const pm_enum *)p;
		if (v->at.line && v->v >= 0)
			text_element(x, f->key, f->values[v->v]);
		break;
	}
	case PM_F_ENUMS: {
		const pm_enums *v = (const pm_enums *)p;
		if (!v->at.line && !v->n)
			break;
		start(x, f->key);
		for (size_t i = 0; i < v->n; i++)
			text_element(x, "item", f->values[v->v[i]]);
		end(x);
		break;
	}
	case PM_F_STRS: {
		const pm_strs *v = (const pm_strs *)p;
		if (!v->at.line && !v->n)
			break;
		start(x, f->key);
		for (size_t i = 0; i < v->n; i++)
			str_element(x, "item", v->v[i].s, v->v[i].at);
		end(x);
		break;
	}
	case PM_F_REF: {
		const pm_ref *v = (const pm_ref *)p;
		if (v->id.s)
			str_element(x, f->key, v->id.s, v->id.at);
		break;
	}
	case PM_F_REFS: {
		const pm_refs *v = (const pm_refs *)p;
		if (!v->at.line && !v->n)
			break;
		start(x, f->key);
		for (size_t i = 0; i < v->n; i++)
			str_element(x, "ref", v->v[i].id.s, v->v[i].id.at);
		end(x);
		break;
	}
	case PM_F_OBJ:
		if (((const pm_mark *)p)->line) {
			start(x, f->key);
			write_obj(x, f->sub, p);
			end(x);
		}
		break;
	case PM_F_OBJS: {
		/* PM_LIST(T): items, count, mark (as gen/load_fill.c fills it) */
		const char *v;
		size_t n;
		pm_mark at;
		memcpy(&v, p, sizeof v);
		memcpy(&n, p + sizeof(void *), sizeof n);
		memcpy(&at, p + sizeof(void *) + sizeof(size_t), sizeof at);
		if (!at.line && !n)
			break;
		start(x, f->key);
		for (size_t i = 0; i < n; i++) {
			start(x, f->sub->name);
			write_obj(x, f->sub, v + i * f->sub->size);
			end(x);
		}
		end(x);
		break;
	}
	}
}

static void write_obj(xw *x, const pm_schema *s, const void *obj)
{
	for (size_t i = 0; i < s->n_fields; i++)
		write_field(x, &s->fields[i], (const char *)obj + s->fields[i].offset);
}

/* ---- the register: m->risk, printed as `premarket score --format csv` does ----------- */

static const char *level_id(const pm_level *v, size_t n, int i)
{
	return i >= 0 && (size_t)i < n && v[i].id.s ? v[i].id.s : NULL;
}

static void opt_element(xw *x, const char *name, const char *text)
{
	if (text && *text)
		text_element(x, name, text);
}

static void score_elements(xw *x, const char *name, const char *sev_name, int tenths)
{
	char s[16];
	if (tenths < 0)
		return;
	text_element(x, name, pm_cvss_score_str(tenths, s, sizeof s));
	text_element(x, sev_name, pm_cvss_severity_name(pm_cvss_severity_of(tenths)));
}

static const char *prop_name(unsigned p)
{
	return p == PM_PROP_C   ? "confidentiality"
	       : p == PM_PROP_I ? "integrity"
	       : p == PM_PROP_A ? "availability"
	                        : NULL;
}

static const char *const residual_bases[] = {"unchanged", "effects", "explicit"};
static const char *const outcomes[] = {"acceptable_before_controls", "controlled", "uncontrolled"};
static const char *const reasons[] = {"", "not_acceptable", "no_control", "unverified"};

static void write_assessment(xw *x, const char *name, const pm_assessment *as)
{
	static const char *const sources[] = {"none", "vector", "stated", "unchanged", "carried"};
	static const char *const sev_sources[] = {"none", "asset", "stated"};
	const pm_policy *p = &x->m->risk_policy;
	char vec[PM_CVSS_VECTOR_MAX];
	start(x, name);
	if (as->has_vector) {
		pm_cvss_format(&as->vector, vec, sizeof vec);
		text_element(x, "vector", vec);
	}
	score_elements(x, "base", "base_severity", as->base_tenths);
	score_elements(x, "environmental", "environmental_severity", as->env_tenths);
	opt_element(x, "exploitability",
	            level_id(p->exploitability_levels.v, p->exploitability_levels.n, as->exploitability));
	text_element(x, "exploitability_source",
	             (unsigned)as->exploit_source < 5 ? sources[as->exploit_source] : "none");
	start(x, "impacted");
	for (unsigned pr = PM_PROP_C; pr <= PM_PROP_A; pr <<= 1)
		if (as->impacted & pr)
			text_element(x, "item", prop_name(pr));
	end(x);
	text_element(x, "impact_from", as->impact_from_stride ? "stride" : "vector");
	text_element(x, "severity",
	             as->severity >= 0 && as->severity < PM_N_HARM ? pm_enum_names_harm[as->severity] : "negligible");
	opt_element(x, "severity_property", prop_name(as->severity_prop));
	text_element(x, "severity_base", pm_enum_names_harm[as->severity_base]);
	text_element(x, "severity_source", sev_sources[as->severity_source]);
	uint_element(x, "multi_patient_step", (unsigned)as->multi_step);
	opt_element(x, "risk", level_id(p->risk_levels.v, p->risk_levels.n, as->risk));
	bool_element(x, "acceptable", as->acceptable);
	end(x);
}

static void write_summary_fields(xw *x, const pm_risk_summary *s)
{
	const pm_policy *p = &x->m->risk_policy;
	uint_element(x, "risks", s->risks);
	opt_element(x, "max_risk_before", level_id(p->risk_levels.v, p->risk_levels.n, s->max_before));
	opt_element(x, "max_risk_after", level_id(p->risk_levels.v, p->risk_levels.n, s->max_after));
	uint_element(x, "uncontrolled_before", s->uncontrolled_before);
	uint_element(x, "uncontrolled_after", s->uncontrolled_after);
	uint_element(x, "not_acceptable_after", s->not_acceptable_after);
	uint_element(x, "acceptable_before_controls", s->acceptable);
	uint_element(x, "controlled", s->controlled);
}

static void write_group(xw *x, const char *list, const char *item, const pm_risk_summary *s, size_t n,
                        const char *(*id_of)(const pm_model *, size_t))
{
	start(x, list);
	for (size_t i = 0; s && i < n; i++) {
		start(x, item);
		str_element(x, "id", id_of(x->m, i), (pm_mark){0, 0, 0});
		write_summary_fields(x, &s[i]);
		end(x);
	}
	end(x);
}

static const char *zone_id(const pm_model *m, size_t i)
{
	return m->zones.v[i].id.s;
}
static const char *component_id(const pm_model *m, size_t i)
{
	return m->components.v[i].id.s;
}
static const char *asset_id(const pm_model *m, size_t i)
{
	return m->assets.v[i].id.s;
}

static void write_register(xw *x)
{
	const pm_model *m = x->m;
	const pm_register *r = &m->risk;
	start(x, "register");
	if (m->risk_policy.name.s)
		str_element(x, "policy", m->risk_policy.name.s, m->risk_policy.name.at);
	if (m->risk_policy.document.id.s)
		str_element(x, "policy_document", m->risk_policy.document.id.s, m->risk_policy.document.id.at);
	uint_element(x, "multi_patient_step", (unsigned)r->multi_patient_step);
	start(x, "entries");
	for (size_t k = 0; k < r->n; k++) {
		const pm_risk *e = &r->v[k];
		const pm_threat *t = &m->threats.v[e->threat];
		start(x, "entry");
		str_element(x, "threat", t->id.s, t->id.at);
		str_element(x, "asset", m->assets.v[e->asset].id.s, m->assets.v[e->asset].id.at);
		write_assessment(x, "before", &e->before);
		write_assessment(x, "after", &e->after);
		bool_element(x, "residual_stated", e->residual_stated);
		uint_element(x, "controls_applied", e->controls_applied);
		uint_element(x, "controls_verified", e->controls_verified);
		bool_element(x, "multi_patient", e->multi_patient);
		text_element(x, "residual_basis", residual_bases[e->basis]);
		text_element(x, "outcome", outcomes[e->outcome]);
		if (e->uncontrolled)
			text_element(x, "uncontrolled_reason", reasons[e->uncontrolled]);
		bool_element(x, "controlled", e->controlled);
		start(x, "controls");
		for (size_t i = 0; i < t->controls.n; i++)
			str_element(x, "ref", t->controls.v[i].id.s, t->controls.v[i].id.at);
		end(x);
		end(x);
	}
	end(x);
	start(x, "aggregates");
	start(x, "device");
	write_summary_fields(x, &r->device);
	end(x);
	write_group(x, "zones", "zone", r->by_zone, m->zones.n, zone_id);
	write_group(x, "components", "component", r->by_component, m->components.n, component_id);
	write_group(x, "assets", "asset", r->by_asset, m->assets.n, asset_id);
	end(x);
	start(x, "vulnerabilities");
	for (size_t i = 0; i < m->vulnerabilities.n; i++) {
		start(x, "vulnerability");
		str_element(x, "id", m->vulnerabilities.v[i].id.s, m->vulnerabilities.v[i].id.at);
		if (r->vuln_base_tenths)
			score_elements(x, "base", "base_severity", r->vuln_base_tenths[i]);
		end(x);
	}
	end(x);
	end(x);
}

/* ---- traceability: threat -> risks -> controls -> tests, SBOM components ---------------- */

static void write_trace_control(xw *x, const pm_control *c, int32_t idx)
{
	const pm_model *m = x->m;
	start(x, "control");
	str_element(x, "id", c->id.s, c->id.at);
	text_element(x, "status", pm_enum_names_control_status[c->status.v]);
	bool_element(x, "verified", m->risk.control_verified && m->risk.control_verified[idx]);
	start(x, "tests");
	for (size_t i = 0; i < c->tests.n; i++) {
		const pm_test *t = pm_model_obj(m, PM_K_TEST, c->tests.v[i].idx);
		if (!t)
			continue;
		start(x, "test");
		str_element(x, "id", t->id.s, t->id.at);
		text_element(x, "result", pm_enum_names_test_result[t->result.v]);
		end(x);
	}
	end(x);
	start(x, "components");
	for (size_t i = 0; i < c->components.n; i++)
		str_element(x, "ref", c->components.v[i].id.s, c->components.v[i].id.at);
	end(x);
	/* the SBOM components the implementing components run, each once, in order */
	start(x, "sbom_components");
	for (size_t i = 0; i < c->components.n; i++) {
		const pm_component *comp = pm_model_obj(m, PM_K_COMPONENT, c->components.v[i].idx);
		for (size_t j = 0; comp && j < comp->sbom.n; j++) {
			const pm_ref *s = &comp->sbom.v[j];
			int seen = 0;
			for (size_t a = 0; a <= i && !seen; a++) {
				const pm_component *prev = pm_model_obj(m, PM_K_COMPONENT, c->components.v[a].idx);
				size_t upto = a < i ? (prev ? prev->sbom.n : 0) : j;
				for (size_t b = 0; prev && b < upto && !seen; b++)
					seen = prev->sbom.v[b].kind == s->kind && prev->sbom.v[b].idx == s->idx;
			}
			if (!seen)
				str_element(x, "ref", s->id.s, s->id.at);
		}
	}
	end(x);
	end(x);
}

/* Group `n` items by threat: items of threat t are order[first[t] .. first[t + 1]).
 * threat_of(i) is the threat of item i, or -1 to leave it out.  Caller frees both. */
static void group_by_threat(size_t n_threats, size_t n, int32_t (*threat_of)(const pm_model *, size_t, size_t *),
                            const pm_model *m, size_t **first_out, size_t **order_out, size_t *n_order)
{
	size_t *first = pm_xcalloc(n_threats + 2, sizeof *first);
	size_t total = 0;
	for (size_t i = 0; i < n; i++) {
		size_t j = 0;
		for (int32_t t; (t = threat_of(m, i, &j)) >= 0;) {
			if ((size_t)t < n_threats) {
				first[(size_t)t + 2]++;
				total++;
			}
		}
	}
	for (size_t t = 2; t < n_threats + 2; t++)
		first[t] += first[t - 1];
	size_t *order = pm_xmalloc((total ? total : 1) * sizeof *order);
	for (size_t i = 0; i < n; i++) {
		size_t j = 0;
		for (int32_t t; (t = threat_of(m, i, &j)) >= 0;)
			if ((size_t)t < n_threats)
				order[first[(size_t)t + 1]++] = i;
	}
	*first_out = first; /* first[t] .. first[t + 1] now delimit threat t */
	*order_out = order;
	*n_order = total;
}

/* The threat of register entry i (once), then -1. */
static int32_t entry_threat(const pm_model *m, size_t i, size_t *j)
{
	return (*j)++ == 0 ? m->risk.v[i].threat : -1;
}

/* The threats vulnerability i covers, one per call, then -1. */
static int32_t vuln_threat(const pm_model *m, size_t i, size_t *j)
{
	const pm_refs *r = &m->vulnerabilities.v[i].threats;
	while (*j < r->n) {
		const pm_ref *ref = &r->v[(*j)++];
		if (ref->kind == PM_K_THREAT && ref->idx >= 0)
			return ref->idx;
	}
	return -1;
}

static void write_traceability(xw *x)
{
	const pm_model *m = x->m;
	const pm_policy *p = &m->risk_policy;
	size_t *rfirst, *rorder, *vfirst, *vorder, nr, nv;
	group_by_threat(m->threats.n, m->risk.n, entry_threat, m, &rfirst, &rorder, &nr);
	group_by_threat(m->threats.n, m->vulnerabilities.n, vuln_threat, m, &vfirst, &vorder, &nv);
	start(x, "traceability");
	for (size_t ti = 0; ti < m->threats.n; ti++) {
		const pm_threat *t = &m->threats.v[ti];
		start(x, "threat");
		str_element(x, "id", t->id.s, t->id.at);
		start(x, "risks");
		for (size_t k = rfirst[ti]; k < rfirst[ti + 1]; k++) {
			const pm_risk *e = &m->risk.v[rorder[k]];
			start(x, "risk");
			str_element(x, "asset", m->assets.v[e->asset].id.s, m->assets.v[e->asset].id.at);
			opt_element(x, "risk_before", level_id(p->risk_levels.v, p->risk_levels.n, e->before.risk));
			opt_element(x, "risk_after", level_id(p->risk_levels.v, p->risk_levels.n, e->after.risk));
			bool_element(x, "controlled", e->controlled);
			text_element(x, "outcome", outcomes[e->outcome]);
			end(x);
		}
		end(x);
		start(x, "controls");
		for (size_t i = 0; i < t->controls.n; i++) {
			const pm_control *c = pm_model_obj(m, PM_K_CONTROL, t->controls.v[i].idx);
			if (c)
				write_trace_control(x, c, t->controls.v[i].idx);
		}
		end(x);
		start(x, "vulnerabilities");
		for (size_t k = vfirst[ti]; k < vfirst[ti + 1]; k++) {
			if (k > vfirst[ti] && vorder[k] == vorder[k - 1])
				continue; /* a vulnerability that lists the threat twice */
			const pm_vulnerability *v = &m->vulnerabilities.v[vorder[k]];
			str_element(x, "ref", v->id.s, v->id.at);
		}
		end(x);
		end(x);
	}
	end(x);
	free(rfirst);
	free(rorder);
	free(vfirst);
	free(vorder);
}

/* ---- entry point ------------------------------------------------------------------------- */

/* libxml2 reports writer errors through the structured handler; keep them
 * off stderr (the library never prints). */
#if LIBXML_VERSION >= 21200
static void on_xml_error(void *ctx, const xmlError *e)
#else
static void on_xml_error(void *ctx, xmlErrorPtr e)
#endif
{
	xw *x = ctx;
	if (e && e->level >= XML_ERR_ERROR)
		x->err = 1;
}

/* ---- completeness check results (output only) --------------------------------------- */

static void write_check(xw *x, const pm_check_report *r)
{
	pm_mark none = {0, 0, 0};
	start(x, "check");
	for (size_t i = 0; i < r->n; i++) {
		const pm_check_result *c = &r->v[i];
		start(x, "item");
		text_element(x, "id", c->id);
		text_element(x, "title", c->title);
		if (c->rule && c->rule->area)
			text_element(x, "area", c->rule->area);
		text_element(x, "basis", c->basis);
		text_element(x, "weight", pm_check_weight_name(c->weight));
		text_element(x, "result",
		             c->status == PM_CHECK_PASS   ? "pass"
		             : c->status == PM_CHECK_FAIL ? "fail"
		                                          : "not_applicable");
		if (c->message && c->message[0])
			str_element(x, "message", c->message, none);
		if (c->n_findings) {
			start(x, "findings");
			for (size_t k = 0; k < c->n_findings; k++) {
				const pm_check_finding *f = &c->findings[k];
				/* no file:line here: locations belong to the files the check read,
				 * and a model read back from this XML has other ones (run
				 * `premarket check submission.xml` for locations in the XML) */
				start(x, "finding");
				str_element(x, "message", f->message, none);
				end(x);
			}
			end(x);
		}
		end(x);
	}
	end(x);
}

int pm_render_xml(const pm_model *m, pm_buf *out, pm_diags *d)
{
	return pm_render_xml_check(m, NULL, out, d);
}

int pm_render_xml_check(const pm_model *m, const pm_check_report *check, pm_buf *out, pm_diags *d)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xw x = {NULL, m, d, 0, 0};
	if (buf)
		x.w = xmlNewTextWriterMemory(buf, 0);
	if (!x.w) {
		xmlBufferFree(buf);
		return pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, NULL, 0, 0, "cannot create the XML writer");
	}
	xmlStructuredErrorFunc old_handler = xmlStructuredError;
	void *old_ctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(&x, on_xml_error);

	xmlTextWriterSetIndent(x.w, 1);
	xmlTextWriterSetIndentString(x.w, BAD_CAST "  ");
	if (xmlTextWriterStartDocument(x.w, "1.0", "UTF-8", NULL) < 0)
		x.err = 1;
	start(&x, "submission");
	if (xmlTextWriterWriteAttribute(x.w, BAD_CAST "xmlns", BAD_CAST PM_XML_NAMESPACE) < 0 ||
	    xmlTextWriterWriteAttribute(x.w, BAD_CAST "schemaVersion", BAD_CAST PM_XML_SCHEMA_VERSION) < 0)
		x.err = 1;
	start(&x, "model");
	write_obj(&x, &pm_schema_model, m);
	end(&x);
	write_register(&x);
	write_traceability(&x);
	if (check)
		write_check(&x, check);
	end(&x);
	if (xmlTextWriterEndDocument(x.w) < 0)
		x.err = 1;
	xmlFreeTextWriter(x.w); /* flushes into buf */
	xmlSetStructuredErrorFunc(old_ctx, old_handler);

	int rc = 0;
	if (x.invalid) {
		rc = -1;
	} else if (x.err) {
		rc = pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, NULL, 0, 0, "the XML writer failed");
	} else {
		/* a refused append leaves out as it was (buf.h) */
		if (pm_buf_put(out, xmlBufferContent(buf), (size_t)xmlBufferLength(buf)) < 0) {
			rc = pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, NULL, 0, 0,
			                 "the XML output is larger than the output limit");
		}
	}
	xmlBufferFree(buf);
	return rc;
}
