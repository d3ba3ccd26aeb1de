/* import.c — `premarket import`: the skeleton the importers fill
 * (gen/import.h), the source's JSON tree, and the YAML model written from
 * the skeleton.  The format readers are import_threatdragon.c and
 * import_otm.c; docs/import.md describes the mapping. */
#include "import.h"

#include "file.h"
#include "xalloc.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Source documents nest shallowly; Threat Dragon's deepest is about 12. */
#define IM_MAX_DEPTH  64
#define IM_MAX_SCALAR ((size_t)4 << 20)

const char *pm_import_format_name(pm_import_format f)
{
	return f == PM_IMPORT_THREAT_DRAGON ? "Threat Dragon v2" : f == PM_IMPORT_OTM ? "OTM" : "auto";
}

int pm_import_format_parse(const char *s, pm_import_format *f)
{
	if (strcmp(s, "auto") == 0)
		*f = PM_IMPORT_AUTO;
	else if (strcmp(s, "threat-dragon") == 0)
		*f = PM_IMPORT_THREAT_DRAGON;
	else if (strcmp(s, "otm") == 0)
		*f = PM_IMPORT_OTM;
	else
		return -1;
	return 0;
}

/* ---- the skeleton ------------------------------------------------------------ */

void im_init(im_model *m, const char *file, pm_diags *d)
{
	memset(m, 0, sizeof *m);
	m->a = pm_arena_new();
	m->d = d;
	m->file = file;
	pm_strmap_init(&m->ids);
}

static void list_free(im_list *l)
{
	free(l->v);
}

void im_free(im_model *m)
{
	for (size_t i = 0; i < m->n_components; i++)
		list_free(&m->components[i].assets);
	for (size_t i = 0; i < m->n_flows; i++)
		list_free(&m->flows[i].assets);
	for (size_t i = 0; i < m->n_threats; i++) {
		list_free(&m->threats[i].targets);
		list_free(&m->threats[i].assets);
		list_free(&m->threats[i].controls);
	}
	list_free(&m->notes);
	free(m->zones);
	free(m->components);
	free(m->flows);
	free(m->threats);
	free(m->controls);
	free(m->assets);
	pm_strmap_free(&m->ids);
	pm_arena_free(m->a);
}

const char *im_strdup(im_model *m, const char *s)
{
	return s ? pm_arena_strdup(m->a, s) : NULL;
}

const char *im_printf(im_model *m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = pm_xvasprintf(fmt, ap);
	va_end(ap);
	const char *r = pm_arena_strdup(m->a, s);
	free(s);
	return r;
}

const char *im_oneline(im_model *m, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	char *o = pm_arena_alloc(m->a, n + 1);
	size_t k = 0;
	bool space = false;
	for (const char *p = s; *p; p++) {
		if (isspace((unsigned char)*p)) {
			space = k > 0;
			continue;
		}
		if (space)
			o[k++] = ' ';
		space = false;
		o[k++] = *p;
	}
	o[k] = '\0';
	return k ? o : NULL;
}

const char *im_text(im_model *m, const char *s)
{
	if (!s)
		return NULL;
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return n ? pm_arena_strndup(m->a, s, n) : NULL;
}

void im_list_add(im_model *m, im_list *l, const char *s)
{
	(void)m;
	if (!s || im_list_has(l, s))
		return;
	l->v = pm_xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = s;
}

bool im_list_has(const im_list *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

void im_note(im_model *m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = pm_xvasprintf(fmt, ap);
	va_end(ap);
	const char *line = im_oneline(m, s);
	free(s);
	if (line) {
		m->notes.v = pm_xgrow(m->notes.v, &m->notes.cap, m->notes.n + 1, sizeof *m->notes.v);
		m->notes.v[m->notes.n++] = line;
	}
}

const char *im_id(im_model *m, const char *prefix, const char *name)
{
	char slug[48];
	size_t k = 0;
	bool dash = false;
	for (const char *p = name ? name : ""; *p && k < 40; p++) {
		unsigned char c = (unsigned char)*p;
		if (isalnum(c) && c < 0x80) {
			if (dash && k)
				slug[k++] = '-';
			dash = false;
			if (k < 40)
				slug[k++] = (char)toupper(c);
		} else {
			dash = true;
		}
	}
	if (k == 40) /* cut at the last dash, so no word is cut */
		while (k > 20 && slug[k - 1] != '-')
			k--;
	while (k && slug[k - 1] == '-')
		k--;
	slug[k] = '\0';
	for (unsigned n = 1;; n++) {
		const char *id;
		if (!k)
			id = im_printf(m, "%s-%u", prefix, n);
		else if (n == 1)
			id = im_printf(m, "%s-%s", prefix, slug);
		else
			id = im_printf(m, "%s-%s-%u", prefix, slug, n);
		if (pm_strmap_put(&m->ids, id, 0, NULL))
			return id;
	}
}

#define ADD(m, field)                                                                               \
	do {                                                                                        \
		m->field = pm_xgrow(m->field, &m->cap_##field, m->n_##field + 1, sizeof *m->field); \
		memset(&m->field[m->n_##field], 0, sizeof *m->field);                               \
		return &m->field[m->n_##field++];                                                   \
	} while (0)

im_zone *im_add_zone(im_model *m)
{
	ADD(m, zones);
}
im_component *im_add_component(im_model *m)
{
	ADD(m, components);
}
im_flow *im_add_flow(im_model *m)
{
	ADD(m, flows);
}
im_threat *im_add_threat(im_model *m)
{
	ADD(m, threats);
}
im_control *im_add_control(im_model *m)
{
	ADD(m, controls);
}
im_asset *im_add_asset(im_model *m)
{
	ADD(m, assets);
}

unsigned im_stride(const char *category)
{
	if (!category)
		return 0;
	/* lower case, letters only: "Information Disclosure" -> "informationdisclosure" */
	char k[64];
	size_t n = 0;
	for (const char *p = category; *p && n < sizeof k - 1; p++)
		if (isalpha((unsigned char)*p))
			k[n++] = (char)tolower((unsigned char)*p);
	k[n] = '\0';
	static const struct {
		const char *name;
		unsigned bit;
	} names[] = {
	        {"spoofing", IM_SPOOFING},
	        {"tampering", IM_TAMPERING},
	        {"repudiation", IM_REPUDIATION},
	        {"informationdisclosure", IM_DISCLOSURE},
	        {"denialofservice", IM_DOS},
	        {"dos", IM_DOS},
	        {"elevationofprivilege", IM_EOP},
	        {"elevationofprivileges", IM_EOP},
	        /* CIA (Threat Dragon's CIA diagrams) */
	        {"confidentiality", IM_DISCLOSURE},
	        {"integrity", IM_TAMPERING},
	        {"availability", IM_DOS},
	        /* LINDDUN categories with a STRIDE counterpart */
	        {"disclosureofinformation", IM_DISCLOSURE},
	        {"nonrepudiation", IM_REPUDIATION},
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(k, names[i].name) == 0)
			return names[i].bit;
	return 0;
}

static void vdiag(im_model *m, pm_severity sev, const yt_node *at, const char *fmt, va_list ap)
{
	char *s = pm_xvasprintf(fmt, ap);
	pm_diag_add(m->d, sev, sev == PM_ERROR ? PM_ERR_SCHEMA : PM_ERR_NONE, m->file, at ? at->line : 0,
	            at ? at->col : 0, "%s", s);
	free(s);
}

void im_warn(im_model *m, const yt_node *at, bool skip, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vdiag(m, PM_WARNING, at, fmt, ap);
	va_end(ap);
	if (skip)
		m->skipped++;
}

int im_error(im_model *m, const yt_node *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vdiag(m, PM_ERROR, at, fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- the source tree ------------------------------------------------------------ */

const yt_node *im_get(const yt_doc *t, const yt_node *n, const char *key)
{
	if (!n || n->type != YT_MAP)
		return NULL;
	for (uint32_t i = 0; i < n->n; i++) {
		const yt_node *k = yt_child(t, n, 2 * i);
		if (k->type == YT_SCALAR && strcmp(k->s, key) == 0)
			return yt_child(t, n, 2 * i + 1);
	}
	return NULL;
}

const char *im_scalar(const yt_node *n)
{
	if (!n || n->type != YT_SCALAR)
		return NULL;
	if (n->plain && (strcmp(n->s, "null") == 0 || strcmp(n->s, "~") == 0 || n->n == 0))
		return NULL;
	return n->s;
}

const char *im_get_str(const yt_doc *t, const yt_node *n, const char *key)
{
	return im_scalar(im_get(t, n, key));
}

bool im_get_bool(const yt_doc *t, const yt_node *n, const char *key)
{
	const char *s = im_get_str(t, n, key);
	return s && strcmp(s, "true") == 0;
}

size_t im_len(const yt_node *n)
{
	return n && n->type == YT_SEQ ? n->n : 0;
}

/* ---- the YAML writer ---------------------------------------------------------- */

/* s as a YAML double-quoted scalar: JSON's escapes, and every character
 * YAML does not allow or reads as a line break escaped (the input is valid
 * UTF-8, checked when it was read). */
static void q(pm_buf *b, const char *s)
{
	pm_buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned c = *p;
		if (c == '"' || c == '\\') {
			pm_buf_putc(b, '\\');
			pm_buf_putc(b, (int)c);
		} else if (c == '\n') {
			pm_buf_puts(b, "\\n");
		} else if (c == '\t') {
			pm_buf_puts(b, "\\t");
		} else if (c < 0x20 || c == 0x7f) {
			pm_buf_printf(b, "\\x%02x", c);
		} else if (c == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) { /* C1 controls, NEL */
			pm_buf_printf(b, "\\x%02x", p[1]);
			p++;
		} else if (c == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) { /* LS, PS */
			pm_buf_printf(b, "\\u%04x", 0x2000u + (p[2] - 0x80u));
			p += 2;
		} else if (c == 0xef && p[1] == 0xbb && p[2] == 0xbf) { /* BOM */
			pm_buf_puts(b, "\\ufeff");
			p += 2;
		} else if (c == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf)) { /* non-characters */
			pm_buf_printf(b, "\\u%04x", 0xffc0u + (p[2] - 0x80u));
			p += 2;
		} else {
			pm_buf_putc(b, (int)c);
		}
	}
	pm_buf_putc(b, '"');
}

/* "  key: value" (value quoted; NULL = the placeholder todo) and a newline. */
static void kv(pm_buf *b, int indent, const char *key, const char *value, const char *todo)
{
	pm_buf_printf(b, "%*s%s: ", indent, "", key);
	if (value) {
		q(b, value);
	} else {
		pm_buf_puts(b, "\"TODO: ");
		pm_buf_puts(b, todo); /* premarket's own text: nothing to escape */
		pm_buf_putc(b, '"');
	}
	pm_buf_putc(b, '\n');
}

/* "  key: value" only when value is set. */
static void kv_opt(pm_buf *b, int indent, const char *key, const char *value)
{
	if (value)
		kv(b, indent, key, value, NULL);
}

/* "  key: word  # TODO: note" */
static void kv_enum(pm_buf *b, int indent, const char *key, const char *word, const char *note)
{
	pm_buf_printf(b, "%*s%s: %s", indent, "", key, word);
	if (note)
		pm_buf_printf(b, "  # TODO: %s", note);
	pm_buf_putc(b, '\n');
}

static void kv_list(pm_buf *b, int indent, const char *key, const im_list *l)
{
	if (!l->n)
		return;
	pm_buf_printf(b, "%*s%s: [", indent, "", key);
	for (size_t i = 0; i < l->n; i++)
		pm_buf_printf(b, "%s%s", i ? ", " : "", l->v[i]); /* ids: no quoting needed */
	pm_buf_puts(b, "]\n");
}

static void src_comment(pm_buf *b, int indent, const char *what, const char *src)
{
	if (src)
		pm_buf_printf(b, "%*s# %s %s\n", indent, "", what, src);
}

static const char *const stride_names[] = {"spoofing",          "tampering",
                                           "repudiation",       "information_disclosure",
                                           "denial_of_service", "elevation_of_privilege"};

/* The control category a STRIDE category calls for first. */
static const char *category_of(unsigned stride)
{
	static const char *const cat[] = {"authentication",  "integrity",  "logging",
	                                  "confidentiality", "resiliency", "authorization"};
	for (int i = 0; i < 6; i++)
		if (stride & (1u << i))
			return cat[i];
	return "integrity";
}

/* The placeholders the skeleton needs: a zone for components the source
 * puts in none, an asset for threats that name none. */
static void finish(im_model *m)
{
	const char *zone = NULL;
	for (size_t i = 0; i < m->n_components; i++) {
		if (m->components[i].zone)
			continue;
		if (!zone) {
			im_zone *z = im_add_zone(m);
			z->id = zone = im_id(m, "Z", "unassigned");
			z->name = "TODO: the zone of these components (the source puts them in no trust zone)";
		}
		m->components[i].zone = zone;
	}
	const char *asset = NULL;
	for (size_t i = 0; i < m->n_threats; i++) {
		im_threat *t = &m->threats[i];
		if (t->assets.n)
			continue;
		if (!asset) {
			im_asset *a = im_add_asset(m);
			a->id = asset = im_id(m, "A", "todo");
			a->name = "TODO: the asset the threats affect (the source names none)";
		}
		im_list_add(m, &t->assets, asset);
	}
	for (size_t i = 0; i < m->n_controls; i++) {
		im_control *c = &m->controls[i];
		for (size_t k = 0; k < m->n_threats && !c->category; k++)
			if (im_list_has(&m->threats[k].controls, c->id))
				c->category = category_of(m->threats[k].stride);
		if (!c->category)
			c->category = "integrity";
	}
}

static void write_device(const im_model *m, pm_buf *b)
{
	pm_buf_puts(b, "device:\n");
	kv(b, 2, "name", m->device_name, "trade name of the device");
	kv(b, 2, "version", NULL, "software/firmware version under submission");
	pm_buf_puts(b, "  manufacturer:\n");
	kv(b, 4, "name", NULL, "legal name of the manufacturer");
	kv_enum(b, 2, "submission_type", "510k", "the type of submission");
	kv(b, 2, "intended_use", NULL, "intended use and indications for use");
	kv(b, 2, "use_environment", NULL, "where and by whom the device is used, and what it connects to");
	pm_buf_puts(b, "  cyber_device:\n");
	kv_enum(b, 4, "software", "true", "confirm (524B(c)(1))");
	kv_enum(b, 4, "internet_connectable", "true", "confirm (524B(c)(2))");
	kv_enum(b, 4, "vulnerable_characteristics", "true", "confirm (524B(c)(3))");
	kv(b, 4, "rationale", NULL, "why each criterion is or is not met");
	pm_buf_puts(b, "risk_management:\n");
	kv(b, 2, "methodology", m->methodology, "the threat-modeling method");
	kv(b, 2, "methodology_rationale", NULL, "why the method suits the device (G25 V.A.1)");
	kv(b, 2, "residual_risk_conclusion", NULL, "overall conclusion on residual security risk");
}

static void write_assets(const im_model *m, pm_buf *b)
{
	if (!m->n_assets)
		return;
	pm_buf_puts(b, "assets:\n");
	for (size_t i = 0; i < m->n_assets; i++) {
		const im_asset *a = &m->assets[i];
		src_comment(b, 2, "source asset", a->src);
		pm_buf_printf(b, "  - id: %s\n", a->id);
		kv(b, 4, "name", a->name, NULL);
		kv_enum(b, 4, "kind", "data", "what kind of asset it is");
		kv_opt(b, 4, "description", a->description);
		pm_buf_puts(
		        b,
		        "    harm:  # TODO: the harm to the patient if each property is lost (the worst until then)\n");
		pm_buf_puts(b, "      confidentiality: catastrophic\n      integrity: catastrophic\n"
		               "      availability: catastrophic\n");
		kv(b, 4, "harm_rationale", a->harm_rationale, "why these harm levels");
	}
}

static void write_zones(const im_model *m, pm_buf *b)
{
	pm_buf_puts(b, "zones:\n");
	for (size_t i = 0; i < m->n_zones; i++) {
		const im_zone *z = &m->zones[i];
		pm_buf_printf(b, "  - id: %s\n", z->id);
		kv(b, 4, "name", z->name, NULL);
		kv_opt(b, 4, "description", z->description);
		if (z->trust)
			kv_enum(b, 4, "trust", z->trust, NULL);
		else
			kv_enum(b, 4, "trust", "untrusted",
			        z->trust_note ? z->trust_note : "how far the zone is trusted");
	}
}

static void write_components(const im_model *m, pm_buf *b)
{
	pm_buf_puts(b, "components:\n");
	for (size_t i = 0; i < m->n_components; i++) {
		const im_component *c = &m->components[i];
		src_comment(b, 2, "source element", c->src);
		pm_buf_printf(b, "  - id: %s\n", c->id);
		kv(b, 4, "name", c->name, NULL);
		kv_enum(b, 4, "kind", c->kind, c->kind_note);
		pm_buf_printf(b, "    zone: %s\n", c->zone);
		kv_opt(b, 4, "description", c->description);
		kv_list(b, 4, "assets", &c->assets);
		if (c->out_of_scope)
			kv(b, 4, "out_of_scope", *c->out_of_scope ? c->out_of_scope : NULL,
			   "why it is out of scope (the source marks it so)");
	}
}

static void write_flows(const im_model *m, pm_buf *b)
{
	if (!m->n_flows)
		return;
	pm_buf_puts(b, "flows:\n");
	for (size_t i = 0; i < m->n_flows; i++) {
		const im_flow *f = &m->flows[i];
		src_comment(b, 2, "source flow", f->src);
		pm_buf_printf(b, "  - id: %s\n", f->id);
		kv(b, 4, "name", f->name, NULL);
		kv_opt(b, 4, "description", f->description);
		pm_buf_printf(b, "    from: %s\n    to: %s\n", f->from, f->to);
		if (f->bidirectional)
			pm_buf_puts(b, "    bidirectional: true\n");
		kv_enum(b, 4, "kind", "data", "what it carries: data, command, code, configuration or credential");
		kv(b, 4, "protocol", f->protocol, "protocol");
		kv(b, 4, "authentication", f->authentication,
		   "authentication (mechanism, algorithm, strength), or none");
		kv(b, 4, "encryption", f->encryption, "encryption (protocol and cipher), or none");
		kv_list(b, 4, "assets", &f->assets);
		if (f->out_of_scope)
			kv(b, 4, "out_of_scope", *f->out_of_scope ? f->out_of_scope : NULL,
			   "why it is out of scope (the source marks it so)");
	}
}

static void write_threats(const im_model *m, pm_buf *b)
{
	if (!m->n_threats)
		return;
	pm_buf_puts(b, "threats:\n");
	for (size_t i = 0; i < m->n_threats; i++) {
		const im_threat *t = &m->threats[i];
		src_comment(b, 2, "source threat", t->src);
		pm_buf_printf(b, "  - id: %s\n", t->id);
		kv(b, 4, "title", t->title, NULL);
		kv_opt(b, 4, "description", t->description);
		pm_buf_puts(b, "    stride: [");
		if (t->stride) {
			bool first = true;
			for (int k = 0; k < 6; k++)
				if (t->stride & (1u << k)) {
					pm_buf_printf(b, "%s%s", first ? "" : ", ", stride_names[k]);
					first = false;
				}
			pm_buf_puts(b, "]\n");
		} else {
			pm_buf_puts(b, "tampering]  # TODO: the STRIDE categories");
			if (t->stride_note)
				pm_buf_printf(b, " (the source's category '%s' has none)", t->stride_note);
			pm_buf_putc(b, '\n');
		}
		kv_list(b, 4, "targets", &t->targets);
		kv_list(b, 4, "assets", &t->assets);
		kv_enum(b, 4, "exploitability", "very_high",
		        "score it: a CVSS vector (cvss:) or a level of the policy");
		kv(b, 4, "rationale", t->rationale, "why this score");
		kv_list(b, 4, "controls", &t->controls);
		kv_opt(b, 4, "source", t->source);
		if (t->status)
			kv_enum(b, 4, "status", t->status, NULL);
		if (t->status_rationale ||
		    (t->status && strcmp(t->status, "open") != 0 && strcmp(t->status, "mitigated") != 0))
			kv(b, 4, "status_rationale", t->status_rationale, "why (the source's status)");
	}
}

static void write_controls(const im_model *m, pm_buf *b)
{
	if (!m->n_controls)
		return;
	pm_buf_puts(b, "controls:\n");
	for (size_t i = 0; i < m->n_controls; i++) {
		const im_control *c = &m->controls[i];
		src_comment(b, 2, "source mitigation", c->src);
		pm_buf_printf(b, "  - id: %s\n", c->id);
		kv(b, 4, "title", c->title, NULL);
		kv_opt(b, 4, "description", c->description);
		kv_enum(b, 4, "category", c->category,
		        "the control category (G25 Appendix 1), from the threats' STRIDE");
		kv(b, 4, "requirement", c->requirement, "the security requirement");
		kv_enum(b, 4, "status", "planned",
		        "implemented once tests show it works (planned controls get no risk credit)");
		kv(b, 4, "status_rationale", c->status_rationale, "the plan: release and timeline");
	}
}

void im_write(im_model *m, pm_buf *out, pm_import_counts *counts)
{
	finish(m);
	size_t start = out->len;
	pm_buf_printf(out, "# premarket model imported by 'premarket import' from the %s model\n# ", m->format_name);
	pm_buf_puts(out, im_oneline(m, m->file) ? im_oneline(m, m->file) : "(unnamed)");
	pm_buf_puts(out, ".\n"
	                 "#\n"
	                 "# Each \"TODO:\" text is a value the source does not give: 'premarket validate'\n"
	                 "# accepts it, 'premarket check' reports it until it is replaced.  A value\n"
	                 "# with a \"# TODO\" comment is the most cautious choice for a field the source\n"
	                 "# does not fill: confirm or change it.  docs/import.md describes the mapping.\n");
	if (m->notes.n) {
		pm_buf_puts(out, "#\n# From the source:\n");
		for (size_t i = 0; i < m->notes.n; i++) {
			pm_buf_puts(out, "#   ");
			pm_buf_puts(out, m->notes.v[i]);
			pm_buf_putc(out, '\n');
		}
	}
	write_device(m, out);
	write_assets(m, out);
	write_zones(m, out);
	write_components(m, out);
	write_flows(m, out);
	write_threats(m, out);
	write_controls(m, out);
	if (counts) {
		counts->zones = m->n_zones;
		counts->components = m->n_components;
		counts->flows = m->n_flows;
		counts->threats = m->n_threats;
		counts->controls = m->n_controls;
		counts->assets = m->n_assets;
		counts->skipped = m->skipped;
		counts->placeholders = 0;
		for (size_t i = 0; i < m->n_components; i++)
			counts->placeholders += m->components[i].placeholder;
		counts->todo = 0;
		if (out->data)
			for (const char *p = out->data + start; (p = strstr(p, "TODO")) != NULL; p += 4)
				counts->todo++;
	}
}

/* ---- entry points ------------------------------------------------------------- */

int pm_import_parse(const char *data, size_t len, const char *file, pm_import_format fmt, pm_buf *out,
                    pm_import_counts *counts, pm_diags *d)
{
	if (counts)
		memset(counts, 0, sizeof *counts);
	if (!file)
		file = "<input>";
	if (yt_check_encoding(data, len, file, d) < 0)
		return -1;
	pm_arena *tmp = pm_arena_new();
	yt_doc t;
	yt_limits lim = {IM_MAX_DEPTH, IM_MAX_SCALAR, len + 16, 0}; /* no aliases: JSON has none */
	if (yt_parse(&t, data, len, file, tmp, &lim, d) < 0) {
		pm_arena_free(tmp);
		return -1;
	}
	int rc = 0;
	const yt_node *root = t.has_root ? &t.nodes[t.root] : NULL;
	im_model m;
	im_init(&m, file, d);
	if (!root || root->type != YT_MAP) {
		rc = im_error(&m, root, "not a Threat Dragon or OTM model: the document must be a JSON object");
	} else {
		if (fmt == PM_IMPORT_AUTO) {
			if (im_get(&t, root, "otmVersion"))
				fmt = PM_IMPORT_OTM;
			else if (im_get(&t, root, "summary") || im_get(&t, root, "detail"))
				fmt = PM_IMPORT_THREAT_DRAGON;
			else
				rc = im_error(
				        &m, root,
				        "not a Threat Dragon or OTM model: no 'otmVersion' (OTM), no 'summary' and "
				        "'detail' (Threat Dragon)");
		}
		if (rc == 0)
			rc = fmt == PM_IMPORT_OTM ? im_otm(&m, &t, root) : im_threatdragon(&m, &t, root);
	}
	if (rc == 0) {
		size_t before = out->len;
		im_write(&m, out, counts);
		if (counts)
			counts->format = fmt;
		rc = pm_buf_done(out, before, "the imported model", d);
	}
	im_free(&m);
	yt_doc_free(&t);
	pm_arena_free(tmp);
	return rc;
}

int pm_import_file(const char *path, pm_import_format fmt, pm_buf *out, pm_import_counts *counts, pm_diags *d)
{
	pm_buf in;
	pm_buf_init(&in, 0);
	if (pm_file_read(path, PM_IMPORT_MAX_BYTES, PM_FILE_AT_PATH, NULL, &in, d) != 0) {
		pm_buf_free(&in);
		if (counts)
			memset(counts, 0, sizeof *counts);
		return -1;
	}
	int rc = pm_import_parse(in.data ? in.data : "", in.len, path, fmt, out, counts, d);
	pm_buf_free(&in);
	return rc;
}
