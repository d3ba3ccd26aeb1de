/* view.c — model + register -> template data (include/premarket/view.h).
 *
 * Pass 1 creates one empty map per object with an id, so references can
 * point at the target's map; pass 2 fills every object generically from the
 * field tables (gen/schema.c); pass 3 adds derived names.  Nothing here
 * computes a score: scores are formatted from the stored register.
 */
#include "premarket/buf.h"
#include "premarket/documents.h"
#include "premarket/threats.h"
#include "premarket/view.h"
#include "diagram.h"
#include "hash.h"
#include "schema.h"
#include "view_intern.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct vb {
	const pm_model *m;
	pm_value_arena *a;
	pm_value **objs[PM_K_COUNT]; /* map per object, by kind and index */
	size_t next[PM_K_COUNT];     /* pass 2 meets objects in model order */
	pm_view_intern *in;          /* shared constant strings and derived keys */
	pm_value *scores[101];       /* "0.0" .. "10.0", made once */
} vb;

static pm_value *str(vb *b, const char *s)
{
	return s ? pm_value_string_ref(b->a, s, strlen(s)) : pm_value_null(b->a);
}

static pm_value *dup(vb *b, const char *s)
{
	return pm_value_cstr(b->a, s);
}

/* A string that stays unchanged as long as the arena (a literal, a static
 * table's entry, a string of the model): one value shared by every use. */
static pm_value *cs(vb *b, const char *s)
{
	return pm_view_const(b->in, s);
}

/* A text just built: the shared "" when empty, else a copy. */
static pm_value *text_value(vb *b, const pm_buf *t)
{
	return t->len ? pm_value_string(b->a, t->data, t->len) : cs(b, "");
}

/* Append item k of a list joined by sep to t: sep first unless k is 0. */
static void join(pm_buf *t, size_t k, const char *sep, const char *s)
{
	if (k)
		pm_buf_puts(t, sep);
	pm_buf_puts(t, s ? s : "");
}

/* The key `key` with a suffix (x_text, x_label, has_x, n_x), made once. */
static const char *dkey(vb *b, const char *key, pm_view_key_kind kind)
{
	return pm_view_key(b->in, key, kind);
}

/* Keys are string literals or field names of the static tables: not copied. */
static void set(pm_value *map, const char *key, pm_value *v)
{
	pm_value_map_set_static(map, key, v);
}

/* "cloud_service" -> "cloud service"; a few labels are spelled out. */
static const char *label_of(const char *v, char *buf, size_t n)
{
	static const char *const special[][2] = {
	        {"sca", "software composition analysis"},
	        {"closed_box_scan", "closed-box vulnerability scan"},
	        {"ble", "Bluetooth Low Energy"},
	        {"nfc", "NFC"},
	        {"usb", "USB"},
	        {"jtag", "JTAG"},
	        {"uart", "UART"},
	        {"api", "API"},
	        {"ipc", "IPC"},
	        {"hdmi", "HDMI"},
	        {"rf", "RF"},
	        {"wifi", "Wi-Fi"},
	        {"sd_card", "SD card"},
	        {"healthcare_facility", "healthcare facility"},
	        {"sca_scan", "SCA scan"},
	        {"cisa_kev", "CISA KEV catalog"},
	        {"nvd_monitoring", "NVD monitoring"},
	        {"internal_independent", "internal, independent of the developers"},
	        {"third_party", "third party"},
	        {"static_analysis", "static code analysis"},
	        {"dynamic_analysis", "dynamic code analysis"},
	        {"penetration", "penetration testing"},
	        {"fuzz", "fuzz testing"},
	        {"attack_surface", "attack surface analysis"},
	        {"vulnerability_chaining", "vulnerability chaining"},
	        {"security_requirements", "security requirements testing"},
	        {"threat_mitigation", "threat mitigation testing"},
	        {"cyclonedx-json", "CycloneDX JSON"},
	        {"cyclonedx-xml", "CycloneDX XML"},
	        {"spdx-json", "SPDX JSON"},
	        {"spdx-tag-value", "SPDX tag-value"},
	};
	for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
		if (strcmp(v, special[i][0]) == 0)
			return special[i][1];
	for (int i = 0; i < PM_N_SUBMISSION; i++)
		if (strcmp(v, pm_enum_names_submission[i]) == 0)
			return pm_submission_labels[i];
	size_t k = 0;
	for (; v[k] && k + 1 < n; k++)
		buf[k] = v[k] == '_' ? ' ' : v[k];
	buf[k] = '\0';
	return buf;
}

enum { MEMO_LABEL = PM_VK_COUNT + 1, MEMO_VIEW_LABEL };

/* The label of an enum name (a static string): made once per name. */
static pm_value *label(vb *b, const char *v)
{
	pm_value *l = pm_view_memo_get(b->in, v, MEMO_LABEL);
	if (!l) {
		char buf[128];
		l = dup(b, label_of(v, buf, sizeof buf));
		pm_view_memo_set(b->in, v, MEMO_LABEL, l);
	}
	return l;
}

/* The four FDA architecture views have names of their own. */
static pm_value *view_label(vb *b, const char *v)
{
	static const char *const names[PM_N_VIEW_KIND] = {"Global system view", "Multi-patient harm view",
	                                                  "Updatability/patchability view", "Security use case view"};
	for (int k = 0; k < PM_N_VIEW_KIND; k++)
		if (strcmp(v, pm_enum_names_view_kind[k]) == 0)
			return cs(b, names[k]);
	return label(b, v);
}

static const char *obj_name(const pm_schema *s, const void *obj)
{
	const char *keys[] = {"name", "title"};
	for (int i = 0; i < 2; i++) {
		const pm_field *f = pm_schema_field(s, keys[i]);
		if (f) {
			const pm_str *v = (const pm_str *)((const char *)obj + f->offset);
			if (v->s)
				return v->s;
		}
	}
	return NULL;
}

static pm_value *obj_map(vb *b, const pm_schema *s, const void *obj);

static pm_value *ref_value(vb *b, const pm_ref *r)
{
	pm_value *t = r->kind ? b->objs[r->kind][r->idx] : NULL;
	return t ? t : pm_value_null(b->a);
}

/* Keys that derive() and gen/view_diagrams.c add to an object map of a kind
 * (a guess too small costs a regrown map; one too big, 24 bytes a key). */
static const unsigned char derived_keys[PM_K_COUNT] = {
        [PM_K_ASSET] = 9, [PM_K_ZONE] = 5,           [PM_K_COMPONENT] = 5,     [PM_K_INTERFACE] = 2,
        [PM_K_FLOW] = 1,  [PM_K_THREAT] = 20,        [PM_K_CONTROL] = 8,       [PM_K_TEST] = 4,
        [PM_K_VIEW] = 3,  [PM_K_SBOM_COMPONENT] = 8, [PM_K_VULNERABILITY] = 2, [PM_K_USE_CASE] = 1,
};

enum { MEMO_KEYS = PM_VK_COUNT + 3 };

/* How many keys fill() and derive() give an object of schema s: made once a schema. */
static size_t map_keys(vb *b, const pm_schema *s)
{
	pm_value *memo = pm_view_memo_get(b->in, s, MEMO_KEYS);
	if (memo)
		return (size_t)pm_value_get_number(memo);
	size_t n = 2; /* defined_at, name */
	for (size_t i = 0; i < s->n_fields; i++) {
		switch (s->fields[i].type) {
		case PM_F_BOOL:
		case PM_F_ENUM:
		case PM_F_OBJ:
			n += 2;
			break;
		case PM_F_ENUMS:
		case PM_F_STRS:
		case PM_F_REFS:
		case PM_F_OBJS:
			n += 3;
			break;
		default:
			n += 1;
			break;
		}
	}
	n += s->kind > PM_K_NONE && s->kind < PM_K_COUNT ? derived_keys[s->kind] : 0;
	pm_view_memo_set(b->in, s, MEMO_KEYS, pm_value_number(b->a, (double)n));
	return n;
}

/* Fill `map` with every field of obj. */
static void fill(vb *b, const pm_schema *s, const void *obj, pm_value *map)
{
	const pm_mark *at = obj;
	pm_value_map_reserve(map, map_keys(b, s)); /* fields, their helpers, derived names */
	for (size_t i = 0; i < s->n_fields; i++) {
		const pm_field *f = &s->fields[i];
		const char *p = (const char *)obj + f->offset;
		switch (f->type) {
		case PM_F_NUM: {
			const pm_num *n = (const pm_num *)p;
			set(map, f->key, n->at.line ? pm_value_number(b->a, n->v) : pm_value_null(b->a));
			break;
		}
		case PM_F_BOOL: {
			const pm_bool *v = (const pm_bool *)p;
			set(map, f->key, v->at.line ? pm_value_bool(b->a, v->v) : pm_value_null(b->a));
			set(map, dkey(b, f->key, PM_VK_TEXT), cs(b, v->at.line ? (v->v ? "yes" : "no") : "not stated"));
			break;
		}
		case PM_F_ENUM: {
			const pm_enum *e = (const pm_enum *)p;
			int present = e->at.line != 0;
			set(map, f->key, present ? cs(b, f->values[e->v]) : pm_value_null(b->a));
			set(map, dkey(b, f->key, PM_VK_LABEL),
			    !present                               ? pm_value_null(b->a)
			    : f->values == pm_enum_names_view_kind ? view_label(b, f->values[e->v])
			                                           : label(b, f->values[e->v]));
			break;
		}
		case PM_F_ENUMS: {
			const pm_enums *e = (const pm_enums *)p;
			pm_value *l = pm_value_list(b->a);
			pm_buf text;
			pm_buf_init(&text, 0);
			for (size_t k = 0; k < e->n; k++) {
				char buf[128];
				pm_value_list_append(l, cs(b, f->values[e->v[k]]));
				join(&text, k, ", ", label_of(f->values[e->v[k]], buf, sizeof buf));
			}
			set(map, f->key, l);
			set(map, dkey(b, f->key, PM_VK_TEXT), text_value(b, &text));
			pm_buf_free(&text);
			set(map, dkey(b, f->key, PM_VK_HAS), pm_value_bool(b->a, e->n > 0));
			break;
		}
		case PM_F_STRS: {
			const pm_strs *l = (const pm_strs *)p;
			pm_value *lv = pm_value_list(b->a);
			pm_buf text;
			pm_buf_init(&text, 0);
			for (size_t k = 0; k < l->n; k++) {
				pm_value_list_append(lv, str(b, l->v[k].s));
				join(&text, k, "; ", l->v[k].s);
			}
			set(map, f->key, lv);
			set(map, dkey(b, f->key, PM_VK_TEXT), text_value(b, &text));
			pm_buf_free(&text);
			set(map, dkey(b, f->key, PM_VK_HAS), pm_value_bool(b->a, l->n > 0));
			break;
		}
		case PM_F_REF: {
			const pm_ref *r = (const pm_ref *)p;
			set(map, f->key, r->id.s ? ref_value(b, r) : pm_value_null(b->a));
			break;
		}
		case PM_F_REFS: {
			const pm_refs *r = (const pm_refs *)p;
			pm_value *lv = pm_value_list(b->a);
			pm_buf text;
			pm_buf_init(&text, 0);
			for (size_t k = 0; k < r->n; k++) {
				pm_value_list_append(lv, ref_value(b, &r->v[k]));
				join(&text, k, ", ", r->v[k].id.s);
			}
			set(map, f->key, lv);
			set(map, dkey(b, f->key, PM_VK_TEXT), text_value(b, &text));
			pm_buf_free(&text);
			set(map, dkey(b, f->key, PM_VK_HAS), pm_value_bool(b->a, r->n > 0));
			break;
		}
		case PM_F_OBJ: {
			const pm_mark *sub = (const pm_mark *)p;
			set(map, f->key, sub->line ? obj_map(b, f->sub, p) : pm_value_null(b->a));
			set(map, dkey(b, f->key, PM_VK_HAS), pm_value_bool(b->a, sub->line != 0));
			break;
		}
		case PM_F_OBJS: {
			const char *v;
			size_t n;
			memcpy(&v, p, sizeof v);
			memcpy(&n, p + sizeof(void *), sizeof n);
			pm_value *lv = pm_value_list(b->a);
			for (size_t k = 0; k < n; k++)
				pm_value_list_append(lv, obj_map(b, f->sub, v + k * f->sub->size));
			set(map, f->key, lv);
			set(map, dkey(b, f->key, PM_VK_HAS), pm_value_bool(b->a, n > 0));
			set(map, dkey(b, f->key, PM_VK_N), pm_value_number(b->a, (double)n));
			break;
		}
		default: {
			const pm_str *v = (const pm_str *)p;
			set(map, f->key, str(b, v->s));
			break;
		}
		}
	}
	if (at->line) {
		/* FILE:LINE:COL */
		const char *file = pm_model_file(b->m, *at);
		char num[2][24];
		size_t nf = strlen(file), nl = pm_value_format_number(num[0], sizeof num[0], at->line),
		       nc = pm_value_format_number(num[1], sizeof num[1], at->col);
		pm_buf src;
		pm_buf_init(&src, nf + nl + nc + 3);
		pm_buf_put(&src, file, nf);
		pm_buf_put(&src, ":", 1);
		pm_buf_put(&src, num[0], nl);
		pm_buf_put(&src, ":", 1);
		pm_buf_put(&src, num[1], nc);
		set(map, "defined_at", text_value(b, &src));
		pm_buf_free(&src);
	}
	const char *nm = obj_name(s, obj);
	if (nm && !pm_schema_field(s, "name"))
		set(map, "name", str(b, nm)); /* every object answers to {{name}} */
}

/* The map of an object: the one made in pass 1 when it has an id. */
static pm_value *obj_map(vb *b, const pm_schema *s, const void *obj)
{
	pm_value *map = NULL;
	if (s->kind != PM_K_NONE) {
		/* the loader indexed objects in the same walk order, so the next one is it */
		size_t i = b->next[s->kind];
		if (i < b->m->n_objs[s->kind] && b->m->objs[s->kind][i] == obj) {
			map = b->objs[s->kind][i];
			b->next[s->kind]++;
		}
	}
	if (!map)
		map = pm_value_map(b->a);
	fill(b, s, obj, map);
	return map;
}

/* ---- derived names ------------------------------------------------------------ */

static const char *score_text(int tenths, char *buf, size_t n)
{
	return tenths < 0 ? "" : pm_cvss_score_str(tenths, buf, n);
}

static const char *level_id(const pm_level *v, size_t n, int i)
{
	return i >= 0 && (size_t)i < n ? v[i].id.s : NULL;
}

static const char *level_name(const pm_level *v, size_t n, int i)
{
	return i >= 0 && (size_t)i < n ? v[i].name.s : NULL;
}

/* "7.5" for 75 tenths: one shared value per score. */
static pm_value *score_value(vb *b, int tenths)
{
	if (tenths < 0)
		return pm_value_null(b->a);
	char s[16];
	if (tenths > 100)
		return dup(b, score_text(tenths, s, sizeof s));
	if (!b->scores[tenths]) {
		b->scores[tenths] = dup(b, score_text(tenths, s, sizeof s));
	}
	return b->scores[tenths];
}

static pm_value *assessment(vb *b, const pm_assessment *as)
{
	const pm_policy *p = &b->m->risk_policy;
	pm_value *m = pm_value_map(b->a);
	pm_value_map_reserve(m, 26);
	char vec[PM_CVSS_VECTOR_MAX];
	if (as->has_vector)
		pm_cvss_format(&as->vector, vec, sizeof vec);
	set(m, "has_vector", pm_value_bool(b->a, as->has_vector));
	set(m, "vector", as->has_vector ? dup(b, vec) : pm_value_null(b->a));
	set(m, "base", score_value(b, as->base_tenths));
	set(m, "base_severity",
	    as->base_tenths >= 0 ? cs(b, pm_cvss_severity_name(pm_cvss_severity_of(as->base_tenths)))
	                         : pm_value_null(b->a));
	set(m, "environmental", score_value(b, as->env_tenths));
	set(m, "environmental_severity",
	    as->env_tenths >= 0 ? cs(b, pm_cvss_severity_name(pm_cvss_severity_of(as->env_tenths)))
	                        : pm_value_null(b->a));
	set(m, "exploitability",
	    cs(b, level_id(p->exploitability_levels.v, p->exploitability_levels.n, as->exploitability)));
	set(m, "exploitability_name",
	    cs(b, level_name(p->exploitability_levels.v, p->exploitability_levels.n, as->exploitability)));
	static const char *const src[] = {"none", "CVSS vector", "stated", "unchanged", "stated, carried"};
	set(m, "exploitability_source", cs(b, src[as->exploit_source]));
	set(m, "severity", cs(b, pm_enum_names_harm[as->severity]));
	set(m, "severity_name",
	    cs(b, p->severity_levels.n == PM_N_HARM ? p->severity_levels.v[as->severity].name.s
	                                            : pm_enum_names_harm[as->severity]));
	set(m, "severity_base", cs(b, pm_enum_names_harm[as->severity_base]));
	set(m, "severity_base_name",
	    cs(b, p->severity_levels.n == PM_N_HARM ? p->severity_levels.v[as->severity_base].name.s
	                                            : pm_enum_names_harm[as->severity_base]));
	static const char *const sev_src[] = {"nothing impacted", "asset", "threat's stated harm"};
	set(m, "severity_source", cs(b, sev_src[as->severity_source]));
	set(m, "severity_stated", pm_value_bool(b->a, as->severity_source == PM_SEV_STATED));
	set(m, "multi_step", pm_value_number(b->a, as->multi_step));
	set(m, "has_multi_step", pm_value_bool(b->a, as->multi_step > 0));
	set(m, "risk", cs(b, level_id(p->risk_levels.v, p->risk_levels.n, as->risk)));
	set(m, "risk_name", cs(b, level_name(p->risk_levels.v, p->risk_levels.n, as->risk)));
	set(m, "acceptable", pm_value_bool(b->a, as->acceptable));
	set(m, "acceptable_text", cs(b, as->acceptable ? "acceptable" : "not acceptable"));
	/* the impacted properties, by the mask's three bits (C, I, A) */
	static const char *const impacted[8] = {"none",
	                                        "confidentiality",
	                                        "integrity",
	                                        "confidentiality, integrity",
	                                        "availability",
	                                        "confidentiality, availability",
	                                        "integrity, availability",
	                                        "confidentiality, integrity, availability"};
	set(m, "impacted", cs(b, impacted[as->impacted & 7u]));
	set(m, "impact_from", cs(b, as->impact_from_stride ? "STRIDE" : "CVSS vector"));
	return m;
}

static pm_value *summary(vb *b, const pm_risk_summary *s)
{
	const pm_policy *p = &b->m->risk_policy;
	pm_value *m = pm_value_map(b->a);
	set(m, "risks", pm_value_number(b->a, s->risks));
	set(m, "has_risks", pm_value_bool(b->a, s->risks > 0));
	set(m, "max_before", str(b, level_id(p->risk_levels.v, p->risk_levels.n, s->max_before)));
	set(m, "max_after", str(b, level_id(p->risk_levels.v, p->risk_levels.n, s->max_after)));
	set(m, "max_before_name", str(b, level_name(p->risk_levels.v, p->risk_levels.n, s->max_before)));
	set(m, "max_after_name", str(b, level_name(p->risk_levels.v, p->risk_levels.n, s->max_after)));
	set(m, "uncontrolled_before", pm_value_number(b->a, s->uncontrolled_before));
	set(m, "uncontrolled_after", pm_value_number(b->a, s->uncontrolled_after));
	set(m, "not_acceptable_after", pm_value_number(b->a, s->not_acceptable_after));
	set(m, "acceptable_before", pm_value_number(b->a, s->acceptable));
	set(m, "controlled", pm_value_number(b->a, s->controlled));
	set(m, "all_controlled", pm_value_bool(b->a, s->uncontrolled_after == 0));
	set(m, "has_uncontrolled", pm_value_bool(b->a, s->uncontrolled_after > 0));
	set(m, "has_not_acceptable_after", pm_value_bool(b->a, s->not_acceptable_after > 0));
	set(m, "has_controlled", pm_value_bool(b->a, s->controlled > 0));
	set(m, "has_acceptable_before", pm_value_bool(b->a, s->acceptable > 0));
	set(m, "none_controlled", pm_value_bool(b->a, s->risks > 0 && s->controlled == 0));
	set(m, "all_acceptable_before", pm_value_bool(b->a, s->risks > 0 && s->acceptable == s->risks));
	return m;
}

static void append_unique(pm_value *list, pm_value *v)
{
	for (size_t i = 0; i < pm_value_count(list); i++)
		if (pm_value_list_at(list, i) == v)
			return;
	pm_value_list_append(list, v);
}

static void finish_list(vb *b, pm_value *map, const char *key, pm_value *list)
{
	set(map, key, list);
	pm_buf text;
	pm_buf_init(&text, 0);
	uint64_t id_hash = pm_hash_bytes("id", 2);
	uint32_t hint = 0; /* a list's items have the same shape: "id" at the same place */
	for (size_t i = 0; i < pm_value_count(list); i++) {
		const pm_value *id = pm_value_map_get_hint(pm_value_list_at(list, i), "id", 2, id_hash, &hint);
		size_t len;
		const char *t = id ? pm_value_text(id, &len) : NULL;
		if (t) {
			if (text.len)
				pm_buf_puts(&text, ", ");
			pm_buf_put(&text, t, len);
		}
	}
	set(map, dkey(b, key, PM_VK_TEXT), text_value(b, &text));
	pm_buf_free(&text);
	set(map, dkey(b, key, PM_VK_HAS), pm_value_bool(b->a, pm_value_count(list) > 0));
	set(map, dkey(b, key, PM_VK_N), pm_value_number(b->a, (double)pm_value_count(list)));
}

/* Components a threat target stands for (a component; an interface's owner; a flow's ends). */
static int target_components(const pm_model *m, const pm_ref *r, int32_t out[2])
{
	out[0] = out[1] = -1;
	if (r->kind == PM_K_COMPONENT)
		out[0] = r->idx;
	else if (r->kind == PM_K_INTERFACE)
		out[0] = ((const pm_interface *)pm_model_obj(m, PM_K_INTERFACE, r->idx))->component;
	else if (r->kind == PM_K_FLOW) {
		const pm_flow *f = &m->flows.v[r->idx];
		out[0] = f->from.kind ? f->from.idx : -1;
		out[1] = f->to.kind ? f->to.idx : -1;
	}
	return out[0] >= 0 || out[1] >= 0;
}

static pm_value *all_items(vb *b, const pm_item *items, size_t n, size_t count, const char *const *names,
                           const char *const *titles, pm_value *parent)
{
	pm_value *list = pm_value_list(b->a);
	size_t missing = 0;
	for (size_t k = 0; k < count; k++) {
		pm_value *m = pm_value_map(b->a);
		const pm_item *it = NULL;
		for (size_t i = 0; i < n; i++)
			if (items[i].item.at.line && (size_t)items[i].item.v == k)
				it = &items[i];
		int na = it && it->status.at.line && it->status.v == PM_PROV_NOT_APPLICABLE;
		set(m, "item", str(b, names[k]));
		set(m, "title", str(b, titles[k]));
		set(m, "present", pm_value_bool(b->a, it != NULL));
		set(m, "missing", pm_value_bool(b->a, it == NULL));
		set(m, "provided", pm_value_bool(b->a, it && !na));
		set(m, "not_applicable", pm_value_bool(b->a, na));
		set(m, "content", str(b, it ? it->content.s : NULL));
		set(m, "location", str(b, it ? it->location.s : NULL));
		set(m, "rationale", str(b, it ? it->rationale.s : NULL));
		set(m, "status_text", dup(b, !it ? "missing" : na ? "not applicable" : "provided"));
		missing += it == NULL;
		pm_value_list_append(list, m);
	}
	set(parent, "n_missing", pm_value_number(b->a, (double)missing));
	set(parent, "has_missing", pm_value_bool(b->a, missing > 0));
	set(parent, "complete", pm_value_bool(b->a, missing == 0));
	return list;
}

/* ---- outcomes ------------------------------------------------------------------ */

static const char *const outcome_names[] = {"acceptable_before_controls", "controlled", "uncontrolled"};
static const char *const outcome_label[] = {"acceptable before controls", "controlled", "uncontrolled"};
static const char *const uncontrolled_text[] = {
        [PM_UNC_NONE] = "",
        [PM_UNC_NOT_ACCEPTABLE] = "residual risk not acceptable",
        [PM_UNC_NO_CONTROL] = "acceptable only through an explicit residual that credits no implemented control",
        [PM_UNC_UNVERIFIED] = "acceptable only if credited controls without a passed test work",
};
static const char *const basis_names[] = {"unchanged", "effects", "explicit"};
static const char *const basis_text[] = {
        [PM_RES_UNCHANGED] = "unchanged: nothing credited",
        [PM_RES_EFFECTS] = "moved by the effects of credited controls",
        [PM_RES_EXPLICIT] = "explicit residual stated in the model",
};

/* outcome, outcome_text and one flag per outcome, on a register row or a threat. */
static void outcome_keys(vb *b, pm_value *map, pm_outcome o)
{
	set(map, "outcome", cs(b, outcome_names[o]));
	set(map, "outcome_text", cs(b, outcome_label[o]));
	set(map, "controlled_text", cs(b, outcome_label[o]));
	set(map, "is_acceptable_before", pm_value_bool(b->a, o == PM_OUTCOME_ACCEPTABLE));
	set(map, "is_controlled", pm_value_bool(b->a, o == PM_OUTCOME_CONTROLLED));
	set(map, "is_uncontrolled", pm_value_bool(b->a, o == PM_OUTCOME_UNCONTROLLED));
}

/* "yes (stated)", "yes (targets F-UPD, a code flow)", "no". */
static pm_value *multi_text(vb *b, const pm_model *m, const pm_risk *r)
{
	const pm_threat *t = &m->threats.v[r->threat];
	const char *id = r->multi_target >= 0 ? t->targets.v[r->multi_target].id.s : "";
	char buf[300];
	switch (r->multi) {
	case PM_MULTI_STATED:
		return cs(b, r->multi_patient ? "yes (stated)" : "no (stated)");
	case PM_MULTI_CLOUD:
		snprintf(buf, sizeof buf, "yes (targets %s, a cloud service)", id);
		break;
	case PM_MULTI_CLOUD_FLOW:
		snprintf(buf, sizeof buf, "yes (targets %s, a flow of a cloud service)", id);
		break;
	case PM_MULTI_CODE_FLOW:
		snprintf(buf, sizeof buf, "yes (targets %s, a software distribution flow)", id);
		break;
	default:
		return cs(b, "no");
	}
	return dup(b, buf);
}

/* "HAZ-17 Wrong result (RMF-700 rev F); HAZ-18" */
static pm_value *hazards_text(vb *b, const pm_threat *t)
{
	pm_buf h;
	pm_buf_init(&h, 0);
	for (size_t i = 0; i < t->hazards.n; i++) {
		const pm_hazard *z = &t->hazards.v[i];
		join(&h, i, "; ", z->id.s);
		if (z->title.s) {
			pm_buf_puts(&h, " ");
			pm_buf_puts(&h, z->title.s);
		}
		if (z->document.s) {
			pm_buf_puts(&h, " (");
			pm_buf_puts(&h, z->document.s);
			pm_buf_puts(&h, ")");
		}
	}
	pm_value *v = text_value(b, &h);
	pm_buf_free(&h);
	return v;
}

static const char *verification_text(const pm_control *c, bool verified)
{
	if (c->status.v == PM_CS_NOT_APPLICABLE)
		return "not applicable";
	if (c->status.v == PM_CS_PLANNED)
		return "not verified: planned control";
	return verified ? "verified" : "not verified: no passed test";
}

static void derive(vb *b, pm_value *root)
{
	const pm_model *m = b->m;
	const pm_register *R = &m->risk;
	const pm_policy *p = &m->risk_policy;

	/* register rows, attached to the root and to each threat and asset */
	pm_value *reg = pm_value_list(b->a);
	pm_value **t_risks = pm_xcalloc(m->threats.n + 1, sizeof *t_risks);
	pm_value **a_threats = pm_xcalloc(m->assets.n + 1, sizeof *a_threats);
	pm_value **c_threats = pm_xcalloc(m->components.n + 1, sizeof *c_threats);
	pm_value **k_threats = pm_xcalloc(m->controls.n + 1, sizeof *k_threats);
	pm_value **t_comps = pm_xcalloc(m->threats.n + 1, sizeof *t_comps);
	pm_value **t_sbom = pm_xcalloc(m->threats.n + 1, sizeof *t_sbom);
	for (size_t i = 0; i < m->threats.n; i++) {
		t_risks[i] = pm_value_list(b->a);
		t_comps[i] = pm_value_list(b->a);
		t_sbom[i] = pm_value_list(b->a);
	}
	for (size_t i = 0; i < m->assets.n; i++)
		a_threats[i] = pm_value_list(b->a);
	for (size_t i = 0; i < m->components.n; i++)
		c_threats[i] = pm_value_list(b->a);
	for (size_t i = 0; i < m->controls.n; i++)
		k_threats[i] = pm_value_list(b->a);

	/* per threat: its worst outcome (acceptable < controlled < uncontrolled) */
	unsigned char *t_outcome = pm_xcalloc(m->threats.n + 1, 1);
	for (size_t k = 0; k < R->n; k++) {
		const pm_risk *r = &R->v[k];
		if (r->outcome > t_outcome[r->threat])
			t_outcome[r->threat] = (unsigned char)r->outcome;
		pm_value *row = pm_value_map(b->a);
		pm_value_map_reserve(row, 20);
		set(row, "number", pm_value_number(b->a, (double)(k + 1)));
		set(row, "threat", b->objs[PM_K_THREAT][r->threat]);
		set(row, "asset", b->objs[PM_K_ASSET][r->asset]);
		set(row, "before", assessment(b, &r->before));
		set(row, "after", assessment(b, &r->after));
		set(row, "controlled", pm_value_bool(b->a, r->controlled));
		outcome_keys(b, row, r->outcome);
		set(row, "uncontrolled_reason",
		    r->uncontrolled ? cs(b, uncontrolled_text[r->uncontrolled]) : pm_value_null(b->a));
		set(row, "residual_stated", pm_value_bool(b->a, r->residual_stated));
		set(row, "residual_basis", cs(b, basis_names[r->basis]));
		set(row, "residual_basis_text", cs(b, basis_text[r->basis]));
		set(row, "controls_applied", pm_value_number(b->a, r->controls_applied));
		set(row, "controls_credited", pm_value_number(b->a, r->controls_applied));
		set(row, "controls_verified", pm_value_number(b->a, r->controls_verified));
		set(row, "multi_patient", pm_value_bool(b->a, r->multi_patient));
		set(row, "multi_patient_text", multi_text(b, m, r));
		pm_value_list_append(reg, row);
		pm_value_list_append(t_risks[r->threat], row);
		append_unique(a_threats[r->asset], b->objs[PM_K_THREAT][r->threat]);
	}
	finish_list(b, root, "register", reg);
	set(root, "summary", summary(b, &R->device));

	for (size_t ti = 0; ti < m->threats.n; ti++) {
		const pm_threat *t = &m->threats.v[ti];
		pm_value *tm = b->objs[PM_K_THREAT][ti];
		finish_list(b, tm, "risks", t_risks[ti]);
		set(tm, "controlled", pm_value_bool(b->a, t_outcome[ti] != PM_OUTCOME_UNCONTROLLED));
		outcome_keys(b, tm, (pm_outcome)t_outcome[ti]);
		set(tm, "hazards_text", hazards_text(b, t));
		for (size_t g = 0; g < t->targets.n; g++) {
			int32_t cs[2];
			const pm_ref *tg = &t->targets.v[g];
			if (tg->kind == PM_K_SBOM_COMPONENT) {
				/* an SBOM component: itself, and the components that run it */
				append_unique(t_sbom[ti], ref_value(b, tg));
				for (size_t c = 0; c < m->components.n; c++)
					for (size_t s = 0; s < m->components.v[c].sbom.n; s++)
						if (m->components.v[c].sbom.v[s].kind == PM_K_SBOM_COMPONENT &&
						    m->components.v[c].sbom.v[s].idx == tg->idx) {
							append_unique(t_comps[ti], b->objs[PM_K_COMPONENT][c]);
							append_unique(c_threats[c], tm);
						}
				continue;
			}
			if (!target_components(m, tg, cs))
				continue;
			for (int c = 0; c < 2; c++) {
				if (cs[c] < 0)
					continue;
				append_unique(t_comps[ti], b->objs[PM_K_COMPONENT][cs[c]]);
				append_unique(c_threats[cs[c]], tm);
				const pm_component *comp = &m->components.v[cs[c]];
				for (size_t s = 0; s < comp->sbom.n; s++)
					if (comp->sbom.v[s].kind)
						append_unique(t_sbom[ti], ref_value(b, &comp->sbom.v[s]));
			}
		}
		finish_list(b, tm, "components", t_comps[ti]);
		finish_list(b, tm, "sbom", t_sbom[ti]);
		for (size_t c = 0; c < t->controls.n; c++)
			if (t->controls.v[c].kind == PM_K_CONTROL)
				append_unique(k_threats[t->controls.v[c].idx], tm);
	}
	for (size_t i = 0; i < m->assets.n; i++) {
		finish_list(b, b->objs[PM_K_ASSET][i], "threats", a_threats[i]);
		set(b->objs[PM_K_ASSET][i], "risk", summary(b, &R->by_asset[i]));
	}
	for (size_t i = 0; i < m->components.n; i++) {
		finish_list(b, b->objs[PM_K_COMPONENT][i], "threats", c_threats[i]);
		set(b->objs[PM_K_COMPONENT][i], "risk", summary(b, &R->by_component[i]));
	}
	pm_value *unverified = pm_value_list(b->a);
	for (size_t i = 0; i < m->controls.n; i++) {
		const pm_control *c = &m->controls.v[i];
		pm_value *cm = b->objs[PM_K_CONTROL][i];
		finish_list(b, cm, "threats", k_threats[i]);
		set(cm, "implemented", pm_value_bool(b->a, c->status.v == PM_CS_IMPLEMENTED));
		set(cm, "verified", pm_value_bool(b->a, R->control_verified[i]));
		set(cm, "credited", pm_value_bool(b->a, R->control_credited[i]));
		set(cm, "verification_text", cs(b, verification_text(c, R->control_verified[i])));
		if (!R->control_verified[i] && c->status.v != PM_CS_NOT_APPLICABLE)
			pm_value_list_append(unverified, cm);
	}
	finish_list(b, root, "controls_unverified", unverified);
	set(root, "controls_credited", pm_value_number(b->a, R->controls_credited));
	set(root, "controls_verified", pm_value_number(b->a, R->controls_verified));
	set(root, "no_credited_controls", pm_value_bool(b->a, R->controls_credited == 0));
	set(root, "multi_patient_step", pm_value_number(b->a, R->multi_patient_step));
	/* zones: their components and risk */
	for (size_t z = 0; z < m->zones.n; z++) {
		pm_value *l = pm_value_list(b->a);
		for (size_t c = 0; c < m->components.n; c++)
			if (m->components.v[c].zone.kind == PM_K_ZONE && m->components.v[c].zone.idx == (int32_t)z)
				pm_value_list_append(l, b->objs[PM_K_COMPONENT][c]);
		finish_list(b, b->objs[PM_K_ZONE][z], "components", l);
		set(b->objs[PM_K_ZONE][z], "risk", summary(b, &R->by_zone[z]));
	}
	/* flows: trust boundaries */
	pm_value *crossing = pm_value_list(b->a);
	for (size_t f = 0; f < m->flows.n; f++) {
		const pm_flow *fl = &m->flows.v[f];
		const pm_component *from = fl->from.kind ? &m->components.v[fl->from.idx] : NULL;
		const pm_component *to = fl->to.kind ? &m->components.v[fl->to.idx] : NULL;
		int cross = from && to && from->zone.idx != to->zone.idx;
		set(b->objs[PM_K_FLOW][f], "crosses_boundary", pm_value_bool(b->a, cross));
		if (cross)
			pm_value_list_append(crossing, b->objs[PM_K_FLOW][f]);
	}
	finish_list(b, root, "boundary_flows", crossing);
	/* tests: the controls they verify */
	for (size_t t = 0; t < m->tests.n; t++) {
		pm_value *l = pm_value_list(b->a);
		for (size_t c = 0; c < m->controls.n; c++)
			for (size_t k = 0; k < m->controls.v[c].tests.n; k++)
				if (m->controls.v[c].tests.v[k].kind == PM_K_TEST &&
				    m->controls.v[c].tests.v[k].idx == (int32_t)t)
					append_unique(l, b->objs[PM_K_CONTROL][c]);
		finish_list(b, b->objs[PM_K_TEST][t], "controls", l);
	}
	/* sbom components: system components that run them, vulnerabilities */
	for (size_t s = 0; s < m->n_objs[PM_K_SBOM_COMPONENT]; s++) {
		pm_value *runs = pm_value_list(b->a), *vulns = pm_value_list(b->a);
		for (size_t c = 0; c < m->components.n; c++)
			for (size_t k = 0; k < m->components.v[c].sbom.n; k++)
				if (m->components.v[c].sbom.v[k].kind == PM_K_SBOM_COMPONENT &&
				    m->components.v[c].sbom.v[k].idx == (int32_t)s)
					append_unique(runs, b->objs[PM_K_COMPONENT][c]);
		for (size_t v = 0; v < m->vulnerabilities.n; v++)
			for (size_t k = 0; k < m->vulnerabilities.v[v].components.n; k++)
				if (m->vulnerabilities.v[v].components.v[k].kind == PM_K_SBOM_COMPONENT &&
				    m->vulnerabilities.v[v].components.v[k].idx == (int32_t)s)
					append_unique(vulns, b->objs[PM_K_VULNERABILITY][v]);
		finish_list(b, b->objs[PM_K_SBOM_COMPONENT][s], "run_by", runs);
		finish_list(b, b->objs[PM_K_SBOM_COMPONENT][s], "vulnerabilities", vulns);
	}

	/* interfaces: their component, and all of them in one list */
	pm_value *ifs = pm_value_list(b->a);
	for (size_t i = 0; i < m->n_objs[PM_K_INTERFACE]; i++) {
		const pm_interface *itf = m->objs[PM_K_INTERFACE][i];
		pm_value *im = b->objs[PM_K_INTERFACE][i];
		set(im, "component",
		    itf->component >= 0 ? b->objs[PM_K_COMPONENT][itf->component] : pm_value_null(b->a));
		set(im, "used", pm_value_bool(b->a, itf->status.v == PM_IFS_USED));
		pm_value_list_append(ifs, im);
	}
	finish_list(b, root, "interfaces", ifs);
	/* views: provided or not */
	for (size_t i = 0; i < m->views.n; i++) {
		int na = m->views.v[i].status.at.line && m->views.v[i].status.v == PM_PROV_NOT_APPLICABLE;
		set(b->objs[PM_K_VIEW][i], "not_applicable", pm_value_bool(b->a, na));
		set(b->objs[PM_K_VIEW][i], "provided", pm_value_bool(b->a, !na));
	}
	/* assets: the use cases covering them */
	for (size_t a = 0; a < m->assets.n; a++) {
		pm_value *l = pm_value_list(b->a);
		for (size_t u = 0; u < m->use_cases.n; u++)
			for (size_t k = 0; k < m->use_cases.v[u].functions.n; k++)
				if (m->use_cases.v[u].functions.v[k].kind == PM_K_ASSET &&
				    m->use_cases.v[u].functions.v[k].idx == (int32_t)a)
					append_unique(l, b->objs[PM_K_USE_CASE][u]);
		finish_list(b, b->objs[PM_K_ASSET][a], "use_cases", l);
	}
	/* vulnerabilities: base score; KEV list */
	pm_value *kev = pm_value_list(b->a);
	for (size_t i = 0; i < m->vulnerabilities.n; i++) {
		pm_value *vm = b->objs[PM_K_VULNERABILITY][i];
		int t = R->vuln_base_tenths ? R->vuln_base_tenths[i] : -1;
		set(vm, "base", score_value(b, t));
		set(vm, "base_severity",
		    t >= 0 ? cs(b, pm_cvss_severity_name(pm_cvss_severity_of(t))) : pm_value_null(b->a));
		if (m->vulnerabilities.v[i].kev.v)
			pm_value_list_append(kev, vm);
	}
	finish_list(b, root, "kev_vulnerabilities", kev);
	/* coverage gaps */
	pm_value *tw = pm_value_list(b->a), *cw = pm_value_list(b->a);
	for (size_t i = 0; i < m->threats.n; i++)
		if (!m->threats.v[i].controls.n)
			pm_value_list_append(tw, b->objs[PM_K_THREAT][i]);
	for (size_t i = 0; i < m->controls.n; i++)
		if (!m->controls.v[i].tests.n && m->controls.v[i].status.v != PM_CS_NOT_APPLICABLE)
			pm_value_list_append(cw, b->objs[PM_K_CONTROL][i]);
	finish_list(b, root, "threats_without_controls", tw);
	pm_value *th = pm_value_list(b->a), *tn = pm_value_list(b->a);
	for (size_t i = 0; i < m->threats.n; i++)
		pm_value_list_append(m->threats.v[i].hazards.n ? th : tn, b->objs[PM_K_THREAT][i]);
	finish_list(b, root, "threats_with_hazards", th);
	finish_list(b, root, "threats_without_hazards", tn);
	finish_list(b, root, "controls_without_tests", cw);
	/* control counts by status */
	pm_value *cs = pm_value_map(b->a);
	for (int st = 0; st < PM_N_CONTROL_STATUS; st++) {
		size_t n = 0;
		for (size_t i = 0; i < m->controls.n; i++)
			n += m->controls.v[i].status.v == st;
		set(cs, pm_enum_names_control_status[st], pm_value_number(b->a, (double)n));
	}
	set(root, "control_status_counts", cs);
	/* register entries per risk level, before and after */
	pm_value *rc = pm_value_list(b->a);
	for (size_t lvl = 0; lvl < p->risk_levels.n; lvl++) {
		size_t nb = 0, na = 0;
		for (size_t k = 0; k < R->n; k++) {
			nb += R->v[k].before.risk == (int)lvl;
			na += R->v[k].after.risk == (int)lvl;
		}
		pm_value *e = pm_value_map(b->a);
		set(e, "risk", str(b, p->risk_levels.v[lvl].id.s));
		set(e, "risk_name", str(b, p->risk_levels.v[lvl].name.s));
		set(e, "acceptable", pm_value_bool(b->a, p->risk_levels.v[lvl].acceptable.v));
		set(e, "before", pm_value_number(b->a, (double)nb));
		set(e, "after", pm_value_number(b->a, (double)na));
		pm_value_list_append(rc, e);
	}
	set(root, "risk_level_counts", rc);
	/* the ten test kinds of G25 V.C, with their evidence */
	pm_value *tk = pm_value_list(b->a);
	for (int k = 0; k < PM_N_TEST_KIND; k++) {
		pm_value *km = pm_value_map(b->a), *l = pm_value_list(b->a);
		set(km, "kind", str(b, pm_enum_names_test_kind[k]));
		set(km, "label", label(b, pm_enum_names_test_kind[k]));
		for (size_t i = 0; i < m->tests.n; i++)
			if (m->tests.v[i].kind.v == k)
				pm_value_list_append(l, b->objs[PM_K_TEST][i]);
		finish_list(b, km, "tests", l);
		set(km, "missing", pm_value_bool(b->a, pm_value_count(l) == 0));
		pm_value_list_append(tk, km);
	}
	finish_list(b, root, "test_kinds", tk);
	/* lifecycle phases with their threats (G25 V.A.1) */
	pm_value *lp = pm_value_list(b->a);
	for (int ph = 0; ph < PM_N_LIFECYCLE; ph++) {
		pm_value *pmv = pm_value_map(b->a), *l = pm_value_list(b->a);
		set(pmv, "phase", str(b, pm_enum_names_lifecycle[ph]));
		set(pmv, "label", label(b, pm_enum_names_lifecycle[ph]));
		for (size_t i = 0; i < m->threats.n; i++)
			if (m->threats.v[i].lifecycle.at.line && m->threats.v[i].lifecycle.v == ph)
				pm_value_list_append(l, b->objs[PM_K_THREAT][i]);
		finish_list(b, pmv, "threats", l);
		pm_value_list_append(lp, pmv);
	}
	finish_list(b, root, "lifecycle_phases", lp);
	/* the current revision */
	pm_value *dev = (pm_value *)pm_value_map_get(root, "device");
	if (dev && pm_value_type(dev) == PM_VALUE_MAP) {
		const pm_value *revs = pm_value_map_get(dev, "revisions");
		size_t nr = revs ? pm_value_count(revs) : 0;
		set(dev, "current_revision", nr ? (pm_value *)pm_value_list_at(revs, nr - 1) : pm_value_null(b->a));
	}

	/* controls by the eight FDA categories */
	pm_value *cats = pm_value_list(b->a);
	for (int c = 0; c < PM_N_CATEGORY; c++) {
		pm_value *cm = pm_value_map(b->a), *l = pm_value_list(b->a);
		char buf[64];
		snprintf(buf, sizeof buf, "%s", pm_enum_names_category[c]);
		buf[0] = (char)(buf[0] - 'a' + 'A');
		set(cm, "category", str(b, pm_enum_names_category[c]));
		set(cm, "label", dup(b, buf));
		for (size_t i = 0; i < m->controls.n; i++)
			if (m->controls.v[i].category.v == c)
				pm_value_list_append(l, b->objs[PM_K_CONTROL][i]);
		finish_list(b, cm, "controls", l);
		pm_value_list_append(cats, cm);
	}
	set(root, "control_categories", cats);

	/* the four views, by kind */
	pm_value *vk = pm_value_list(b->a);
	for (int k = 0; k < PM_N_VIEW_KIND; k++) {
		pm_value *km = pm_value_map(b->a), *l = pm_value_list(b->a);
		set(km, "kind", str(b, pm_enum_names_view_kind[k]));
		set(km, "label", view_label(b, pm_enum_names_view_kind[k]));
		for (size_t i = 0; i < m->views.n; i++)
			if (m->views.v[i].kind.v == k)
				pm_value_list_append(l, b->objs[PM_K_VIEW][i]);
		finish_list(b, km, "views", l);
		set(km, "missing", pm_value_bool(b->a, pm_value_count(l) == 0));
		pm_value_list_append(vk, km);
	}
	set(root, "view_kinds", vk);
	pm_view_diagrams(m, b->a, root, b->objs[PM_K_VIEW], b->objs[PM_K_USE_CASE], vk);

	/* labeling and plan items, all of them in order, missing ones flagged */
	pm_value *lab = (pm_value *)pm_value_map_get(root, "labeling");
	if (!lab || pm_value_type(lab) != PM_VALUE_MAP) {
		lab = pm_value_map(b->a);
		set(root, "labeling", lab);
	}
	set(lab, "all_items",
	    all_items(b, m->labeling.items.v, m->labeling.items.n, PM_N_LABEL_ITEM, pm_enum_names_label_item,
	              pm_label_item_titles, lab));
	pm_value *plan = (pm_value *)pm_value_map_get(root, "management_plan");
	if (!plan || pm_value_type(plan) != PM_VALUE_MAP) {
		plan = pm_value_map(b->a);
		set(root, "management_plan", plan);
	}
	set(plan, "all_items",
	    all_items(b, m->management_plan.items.v, m->management_plan.items.n, PM_N_PLAN_ITEM,
	              pm_enum_names_plan_item, pm_plan_item_titles, plan));

	/* the policy matrix, ready for a table */
	pm_value *pol = (pm_value *)pm_value_map_get(root, "risk_policy");
	pm_value *rows = pm_value_list(b->a);
	for (size_t e = p->exploitability_levels.n; e-- > 0;) {
		pm_value *row = pm_value_map(b->a), *cells = pm_value_list(b->a);
		set(row, "exploitability", str(b, p->exploitability_levels.v[e].id.s));
		set(row, "exploitability_name", str(b, p->exploitability_levels.v[e].name.s));
		for (size_t s = 0; e < p->matrix.n && s < p->matrix.v[e].cells.n; s++) {
			pm_value *cell = pm_value_map(b->a);
			const char *id = p->matrix.v[e].cells.v[s].s;
			for (size_t r = 0; r < p->risk_levels.n; r++)
				if (strcmp(p->risk_levels.v[r].id.s, id) == 0) {
					set(cell, "risk", str(b, id));
					set(cell, "risk_name", str(b, p->risk_levels.v[r].name.s));
					set(cell, "acceptable", pm_value_bool(b->a, p->risk_levels.v[r].acceptable.v));
				}
			pm_value_list_append(cells, cell);
		}
		set(row, "cells", cells);
		pm_value_list_append(rows, row);
	}
	if (pol && pm_value_type(pol) == PM_VALUE_MAP) {
		set(pol, "matrix_rows", rows);
		set(pol, "is_default", pm_value_bool(b->a, m->policy_is_default));
		set(pol, "states_multi_patient_step", pm_value_bool(b->a, p->multi_patient_step.at.line != 0));
	}

	free(t_risks);
	free(t_outcome);
	free(a_threats);
	free(c_threats);
	free(k_threats);
	free(t_comps);
	free(t_sbom);
}

/* ---- threats identified by rule (gen/threats.c) ------------------------------------------ */

static pm_value *num(vb *b, size_t n)
{
	return pm_value_number(b->a, (double)n);
}

/* Text for a table cell: line breaks become spaces, trailing ones go. */
static pm_value *cell(vb *b, const char *s)
{
	if (!s)
		return pm_value_null(b->a);
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		n--;
	pm_buf t;
	pm_buf_init(&t, 0);
	for (size_t i = 0; i < n; i++)
		pm_buf_putc(&t, s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
	pm_value *v = dup(b, t.data ? t.data : "");
	pm_buf_free(&t);
	return v;
}

static pm_value *match_row(vb *b, const pm_identified *id, const pm_match *mt)
{
	const pm_model *m = b->m;
	const pm_rule_info *r = &id->rules[mt->rule];
	pm_value *row = pm_value_map(b->a);
	pm_buf st;
	pm_buf_init(&st, 0);
	for (size_t i = 0; i < r->n_stride; i++) {
		if (i)
			pm_buf_puts(&st, ", ");
		for (const char *c = pm_enum_names_stride[r->stride[i]]; *c; c++)
			pm_buf_putc(&st, *c == '_' ? ' ' : *c);
	}
	set(row, "rule", str(b, r->id));
	set(row, "family", str(b, r->family));
	set(row, "title", str(b, mt->title));
	set(row, "element", str(b, mt->element));
	set(row, "element_kind", str(b, mt->kind == PM_K_NONE ? "device" : pm_kind_name(mt->kind)));
	set(row, "why", str(b, mt->why));
	set(row, "stride", dup(b, st.data ? st.data : ""));
	set(row, "capec", str(b, r->capec));
	set(row, "cwe", str(b, r->cwe));
	set(row, "threat", mt->threat >= 0 ? str(b, m->threats.v[mt->threat].id.s) : pm_value_null(b->a));
	set(row, "rationale",
	    mt->disposition >= 0 ? cell(b, m->rule_dispositions.v[mt->disposition].rationale.s) : pm_value_null(b->a));
	set(row, "whole_model",
	    pm_value_bool(b->a, mt->disposition >= 0 && !m->rule_dispositions.v[mt->disposition].element.id.s));
	pm_buf_free(&st);
	return row;
}

static void out_of_scope_row(vb *b, pm_value *list, const char *kind, const pm_str *id, const pm_str *name,
                             const pm_str *why)
{
	if (!why->s)
		return;
	pm_value *row = pm_value_map(b->a);
	set(row, "id", str(b, id->s));
	set(row, "kind", str(b, kind));
	set(row, "name", str(b, name->s));
	set(row, "justification", cell(b, why->s));
	pm_value_list_append(list, row);
}

static void rule_identification(vb *b, pm_value *root)
{
	const pm_model *m = b->m;
	const pm_identified *id = m->identified;
	pm_value *ri = pm_value_map(b->a);
	set(root, "rule_identification", ri);
	set(ri, "ran", pm_value_bool(b->a, id != NULL));
	pm_value *oos = pm_value_list(b->a);
	for (size_t i = 0; i < m->zones.n; i++)
		out_of_scope_row(b, oos, "zone", &m->zones.v[i].id, &m->zones.v[i].name, &m->zones.v[i].out_of_scope);
	for (size_t i = 0; i < m->components.n; i++) {
		const pm_component *c = &m->components.v[i];
		out_of_scope_row(b, oos, "component", &c->id, &c->name, &c->out_of_scope);
		for (size_t k = 0; k < c->interfaces.n; k++)
			out_of_scope_row(b, oos, "interface", &c->interfaces.v[k].id, &c->interfaces.v[k].name,
			                 &c->interfaces.v[k].out_of_scope);
	}
	for (size_t i = 0; i < m->flows.n; i++)
		out_of_scope_row(b, oos, "flow", &m->flows.v[i].id, &m->flows.v[i].name, &m->flows.v[i].out_of_scope);
	finish_list(b, ri, "out_of_scope", oos);
	if (!id)
		return;
	set(ri, "catalog", str(b, id->catalog));
	set(ri, "n_rules", num(b, id->n_rules));
	set(ri, "n_skipped", num(b, id->n_skipped));
	set(ri, "has_skipped", pm_value_bool(b->a, id->n_skipped > 0));
	set(ri, "n_matches", num(b, id->n));
	set(ri, "n_open", num(b, id->n_open));
	set(ri, "n_modelled", num(b, id->n_modelled));
	set(ri, "n_dismissed", num(b, id->n_dismissed));
	set(ri, "n_out_of_scope", num(b, id->n_out_of_scope));
	pm_value *lists[3] = {pm_value_list(b->a), pm_value_list(b->a), pm_value_list(b->a)};
	for (size_t i = 0; i < id->n; i++) {
		const pm_match *mt = &id->v[i];
		if (mt->state == PM_MATCH_DISMISSED && m->rule_dispositions.v[mt->disposition].element.id.s == NULL)
			continue; /* listed once with its rule, below */
		pm_value_list_append(lists[mt->state], match_row(b, id, mt));
	}
	finish_list(b, ri, "open", lists[PM_MATCH_OPEN]);
	finish_list(b, ri, "modelled", lists[PM_MATCH_MODELLED]);
	finish_list(b, ri, "dismissed", lists[PM_MATCH_DISMISSED]);
	pm_value *off = pm_value_list(b->a);
	for (size_t k = 0; k < id->n_rules; k++) {
		const pm_rule_info *r = &id->rules[k];
		if (r->disposition < 0)
			continue;
		pm_value *row = pm_value_map(b->a);
		set(row, "rule", str(b, r->id));
		set(row, "title", str(b, r->title));
		set(row, "rationale", cell(b, m->rule_dispositions.v[r->disposition].rationale.s));
		set(row, "n_matches", num(b, r->n_matches));
		pm_value_list_append(off, row);
	}
	finish_list(b, ri, "rules_dismissed", off);
}

pm_value *pm_view_build(const pm_model *m, const pm_view_options *opt, pm_value_arena *a)
{
	vb b;
	memset(&b, 0, sizeof b);
	b.m = m;
	b.a = a;
	b.in = pm_view_intern_new(a);
	for (int k = 1; k < PM_K_COUNT; k++) {
		b.objs[k] = pm_xcalloc(m->n_objs[k] + 1, sizeof *b.objs[k]);
		for (size_t i = 0; i < m->n_objs[k]; i++)
			b.objs[k][i] = pm_value_map(a);
	}
	pm_value *root = pm_value_map(a);
	fill(&b, &pm_schema_model, m, root);
	derive(&b, root);
	rule_identification(&b, root);

	pm_value *gen = pm_value_map(a);
	set(gen, "tool", str(&b, "premarket"));
	set(gen, "version", str(&b, opt && opt->tool_version ? opt->tool_version : NULL));
	set(gen, "date", str(&b, opt && opt->date ? opt->date : NULL));
	set(root, "generated", gen);
	const pm_cyber_device *cd = &m->device.cyber_device;
	set(root, "is_cyber_device",
	    pm_value_bool(a, cd->at.line && cd->software.v && cd->internet_connectable.v &&
	                             cd->vulnerable_characteristics.v));
	pm_value *counts = pm_value_map(a);
	static const char *const names[PM_K_COUNT] = {NULL,         "assets",   "zones",           "components",
	                                              "interfaces", "flows",    "threats",         "controls",
	                                              "tests",      "findings", "sbom_components", "vulnerabilities",
	                                              "anomalies",  "views",    "use_cases"};
	for (int k = 1; k < PM_K_COUNT; k++)
		set(counts, names[k], pm_value_number(a, (double)m->n_objs[k]));
	set(root, "counts", counts);
	pm_value *docs = pm_value_list(a);
	for (size_t i = 0; i < pm_n_documents; i++) {
		pm_value *d = pm_value_map(a);
		set(d, "id", str(&b, pm_documents[i].id));
		set(d, "slug", str(&b, pm_documents[i].slug));
		set(d, "title", str(&b, pm_documents[i].title));
		set(d, "guidance", str(&b, pm_documents[i].guidance));
		set(d, "summary", str(&b, pm_documents[i].summary));
		set(d, "working_report", pm_value_bool(a, strcmp(pm_documents[i].slug, PM_DOC_CHECK_SLUG) == 0));
		pm_value_list_append(docs, d);
	}
	set(root, "documents", docs);
	set(root, "doc", pm_value_null(a));
	for (int k = 1; k < PM_K_COUNT; k++)
		free(b.objs[k]);
	pm_view_intern_free(b.in);
	return root;
}
