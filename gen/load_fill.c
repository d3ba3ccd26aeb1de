/* load_fill.c — stage 1 of loading, parse files: the fill step.  A file's
 * node tree is walked against the field tables of gen/schema.c, which fill
 * the structs of include/premarket/model.h by offset.  Reported here, where
 * each value is filled: unknown keys (with the nearest known one), wrong
 * types, bad enum values, ids, dates, numbers and booleans, CVSS vectors and
 * control effects that do not parse, duplicate keys and sections, missing
 * or empty required fields.  load_read.c calls it once per file.
 */
#include "date.h"
#include "load_internal.h"

#include "premarket/cvss.h"
#include "suggest.h"
#include "utf8.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers ----------------------------------------------------------------- */

static const char *node_type_name(const yt_node *n)
{
	if (n->type == YT_MAP)
		return "a mapping";
	if (n->type == YT_SEQ)
		return "a list";
	return "a scalar";
}

static int is_null(const yt_node *n)
{
	if (n->type != YT_SCALAR || !n->plain)
		return 0;
	return n->n == 0 || strcmp(n->s, "~") == 0 || strcmp(n->s, "null") == 0 || strcmp(n->s, "Null") == 0 ||
	       strcmp(n->s, "NULL") == 0;
}

/* No value at all: null, "", or an empty list or mapping. */
static int is_empty(const yt_node *n)
{
	return is_null(n) || n->n == 0;
}

static pm_mark mark_of(const ld_file *F, const yt_node *n)
{
	pm_mark m = {F->index, n->line, n->col};
	return m;
}

/* Name of the object for messages: `threat "T-1"` or just `threat`. */
static void obj_label(char *buf, size_t len, const pm_schema *s, const char *what, const void *obj)
{
	const pm_field *id = pm_schema_field(s, "id");
	const pm_str *v = id ? (const pm_str *)((const char *)obj + id->offset) : NULL;
	if (v && v->s && id->type == PM_F_ID)
		snprintf(buf, len, "%s \"%s\"", what, v->s);
	else
		snprintf(buf, len, "%s", what);
}

/* ---- scalar checks ----------------------------------------------------------------- */

static int valid_id(const char *s, size_t n)
{
	if (n == 0 || n > 128)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		if (!alnum && (i == 0 || (c != '-' && c != '_' && c != '.' && c != ':')))
			return 0;
	}
	return 1;
}

/* A value's column, `offset` bytes into it (after the quote of a quoted one). */
static pm_mark shift(pm_mark at, int quoted, size_t offset)
{
	at.col += (uint32_t)offset + (quoted ? 1 : 0);
	return at;
}

static int check_cvss(ld_ctx *L, pm_mark at, int quoted, const char *key, const char *vector)
{
	pm_cvss v;
	pm_cvss_error e;
	if (pm_cvss_parse(vector, &v, &e) == 0)
		return 0;
	return ld_error(L, PM_ERR_VALUE, shift(at, quoted, e.offset), "invalid CVSS vector in '%s': %s", key, e.msg);
}

static int check_effect(ld_ctx *L, pm_mark at, int quoted, const char *key, const char *effect)
{
	pm_cvss v;
	pm_cvss_error e31, e40;
	if (pm_cvss_parse_effect(PM_CVSS_V31, effect, &v, &e31) == 0 ||
	    pm_cvss_parse_effect(PM_CVSS_V40, effect, &v, &e40) == 0)
		return 0;
	/* report the reading that got further */
	const pm_cvss_error *e = e40.offset > e31.offset ? &e40 : &e31;
	return ld_error(L, PM_ERR_VALUE, shift(at, quoted, e->offset), "invalid effect in '%s': %s", key, e->msg);
}

/* ---- filling values -------------------------------------------------------------------- */

static void fill_obj(ld_ctx *L, const ld_file *F, const pm_schema *s, const char *what, void *obj, const yt_node *n);

static int want_scalar(ld_ctx *L, const ld_file *F, const pm_field *f, const yt_node *v)
{
	if (v->type == YT_SCALAR)
		return 1;
	ld_error(L, PM_ERR_SCHEMA, mark_of(F, v), "'%s' must be %s, found %s", f->key,
	         f->type == PM_F_NUM    ? "a number"
	         : f->type == PM_F_BOOL ? "true or false"
	                                : "a string",
	         node_type_name(v));
	return 0;
}

/* Scripts the PDF renderer draws wrongly (docs/pdf.md): libharu lays text
 * out left to right one glyph per character, with no bidirectional
 * reordering and no shaping. */
enum {
	SC_HEBREW,
	SC_ARABIC,
	SC_SYRIAC,
	SC_THAANA,
	SC_NKO,
	SC_RTL,
	SC_DEVANAGARI,
	SC_INDIC,
	SC_THAI,
	SC_LAO,
	SC_TIBETAN,
	SC_MYANMAR,
	SC_KHMER,
	SC_MONGOLIAN
};
static const char *const SCRIPT_NAME[] = {"Hebrew",        "Arabic",     "Syriac", "Thaana",   "N'Ko",
                                          "right-to-left", "Devanagari", "Indic",  "Thai",     "Lao",
                                          "Tibetan",       "Myanmar",    "Khmer",  "Mongolian"};
static const struct {
	uint32_t lo, hi;
	int script;
} SCRIPT_RANGE[] = {
        {0x0590, 0x05FF, SC_HEBREW},    {0x0600, 0x06FF, SC_ARABIC},     {0x0700, 0x074F, SC_SYRIAC},
        {0x0750, 0x077F, SC_ARABIC},    {0x0780, 0x07BF, SC_THAANA},     {0x07C0, 0x07FF, SC_NKO},
        {0x0800, 0x085F, SC_RTL},       {0x0860, 0x08FF, SC_ARABIC},     {0x0900, 0x097F, SC_DEVANAGARI},
        {0x0980, 0x0DFF, SC_INDIC},     {0x0E00, 0x0E7F, SC_THAI},       {0x0E80, 0x0EFF, SC_LAO},
        {0x0F00, 0x0FFF, SC_TIBETAN},   {0x1000, 0x109F, SC_MYANMAR},    {0x1780, 0x17FF, SC_KHMER},
        {0x1800, 0x18AF, SC_MONGOLIAN}, {0xA8E0, 0xA8FF, SC_DEVANAGARI}, {0xFB1D, 0xFB4F, SC_HEBREW},
        {0xFB50, 0xFDFF, SC_ARABIC},    {0xFE70, 0xFEFC, SC_ARABIC},     {0x10800, 0x10FFF, SC_RTL},
        {0x1E800, 0x1EFFF, SC_RTL},
};

/* Warn, once per script and model, at the first string with text the PDF
 * cannot lay out: right-to-left scripts and scripts that need shaping. */
static void check_script(ld_ctx *L, const pm_field *f, const char *s, size_t n, pm_mark at)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = pm_utf8_decode(u + i, n - i, &cp);
		if (k == 0) {
			i++;
			continue;
		}
		i += k;
		if (cp < 0x590)
			continue;
		for (size_t r = 0; r < sizeof SCRIPT_RANGE / sizeof SCRIPT_RANGE[0]; r++) {
			if (cp < SCRIPT_RANGE[r].lo || cp > SCRIPT_RANGE[r].hi)
				continue;
			int sc = SCRIPT_RANGE[r].script;
			if (L->scripts_warned >> sc & 1)
				break;
			L->scripts_warned |= 1u << sc;
			if (sc <= SC_RTL)
				ld_warn(L, at,
				        "'%s' has %s text: right-to-left text is rendered left-to-right in the PDF%s "
				        "(later fields with %s text are not reported)",
				        f->key, SCRIPT_NAME[sc], sc == SC_HEBREW ? "" : ", its letters unjoined",
				        SCRIPT_NAME[sc]);
			else
				ld_warn(L, at,
				        "'%s' has %s text: the PDF does not shape complex scripts, so its letters may "
				        "be "
				        "misplaced, unjoined or missing (later fields with %s text are not reported)",
				        f->key, SCRIPT_NAME[sc], SCRIPT_NAME[sc]);
			pm_diag_hint(L->diags, "HTML and Markdown show the text correctly; see docs/pdf.md, "
			                       "\"International text\"");
			break;
		}
	}
}

static void fill_str(ld_ctx *L, const ld_file *F, const pm_field *f, pm_str *out, const yt_node *v)
{
	pm_mark at = mark_of(F, v);
	switch (f->type) {
	case PM_F_ID:
		if (!valid_id(v->s, v->n)) {
			ld_error(L, PM_ERR_SCHEMA, at, "invalid id \"%s\"", v->s);
			pm_diag_hint(L->diags, "ids start with a letter or digit, then letters, digits, '-', '_', '.', "
			                       "':'; at most 128 characters");
			return;
		}
		break;
	case PM_F_DATE:
		if (!pm_date_valid(v->s)) {
			char hint[80];
			ld_error(L, PM_ERR_SCHEMA, at, "'%s' is not a valid date: \"%s\"", f->key, v->s);
			pm_diag_hint(L->diags, "%s", pm_date_hint(v->s, hint, sizeof hint));
			return;
		}
		break;
	case PM_F_CVSS:
		if (check_cvss(L, at, !v->plain, f->key, v->s) < 0) {
			out->at = at; /* present, though invalid: no "needs a vector" error on top */
			return;
		}
		break;
	case PM_F_EFFECT:
		if (check_effect(L, at, !v->plain, f->key, v->s) < 0)
			return;
		break;
	case PM_F_STR:
	case PM_F_TEXT:
		check_script(L, f, v->s, v->n, at);
		break;
	default:
		break;
	}
	out->s = v->s;
	out->at = at;
}

int ld_enum_index(const char *const *names, const char *s)
{
	for (int i = 0; s && names[i]; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

static void enum_error(ld_ctx *L, pm_mark at, const pm_field *f, const char *s)
{
	char allowed[1024];
	size_t len = 0;
	size_t nv = pm_enum_count(f->values);
	allowed[0] = '\0';
	for (size_t i = 0; i < nv && len + 2 < sizeof allowed; i++)
		len += (size_t)snprintf(allowed + len, sizeof allowed - len, "%s%s", i ? ", " : "", f->values[i]);
	ld_error(L, PM_ERR_SCHEMA, at, "invalid value \"%s\" for '%s' (allowed: %s)", s, f->key, allowed);
	const char *near = pm_suggest(s, f->values, nv);
	if (near)
		pm_diag_hint(L->diags, "did you mean \"%s\"?", near);
}

static int fill_enum(ld_ctx *L, const ld_file *F, const pm_field *f, const yt_node *v, int *out)
{
	if (!want_scalar(L, F, f, v))
		return -1;
	int i = ld_enum_index(f->values, v->s);
	if (i < 0) {
		enum_error(L, mark_of(F, v), f, v->s);
		return -1;
	}
	*out = i;
	return 0;
}

/* Lists of scalars accept a single scalar as a one-item list. */
static size_t list_items(const yt_node *v)
{
	return v->type == YT_SEQ ? v->n : 1;
}

static const yt_node *list_item(const ld_file *F, const yt_node *v, size_t i)
{
	return v->type == YT_SEQ ? yt_child(&F->tree, v, i) : v;
}

static void fill_scalar_list(ld_ctx *L, const ld_file *F, const pm_field *f, void *dst, const yt_node *v)
{
	if (v->type == YT_MAP) {
		ld_error(L, PM_ERR_SCHEMA, mark_of(F, v), "'%s' must be a list, found a mapping", f->key);
		return;
	}
	size_t n = list_items(v);
	pm_mark at = mark_of(F, v);
	if (f->type == PM_F_ENUMS) {
		pm_enums *e = dst;
		e->v = pm_arena_array(L->arena, n, sizeof *e->v);
		e->at = at;
		for (size_t i = 0; i < n; i++) {
			const yt_node *it = list_item(F, v, i);
			if (fill_enum(L, F, f, it, &e->v[e->n]) == 0) {
				for (size_t k = 0; k < e->n; k++)
					if (e->v[k] == e->v[e->n])
						goto dup;
				e->n++;
				continue;
			dup:
				ld_error(L, PM_ERR_SCHEMA, mark_of(F, it), "\"%s\" listed twice in '%s'", it->s,
				         f->key);
			}
		}
	} else if (f->type == PM_F_STRS) {
		pm_strs *l = dst;
		l->v = pm_arena_array(L->arena, n, sizeof *l->v);
		l->at = at;
		for (size_t i = 0; i < n; i++) {
			const yt_node *it = list_item(F, v, i);
			if (!want_scalar(L, F, f, it) || is_null(it))
				continue;
			l->v[l->n].s = it->s;
			l->v[l->n].at = mark_of(F, it);
			l->n++;
		}
	} else { /* PM_F_REFS */
		pm_refs *r = dst;
		r->v = pm_arena_array(L->arena, n, sizeof *r->v);
		r->at = at;
		for (size_t i = 0; i < n; i++) {
			const yt_node *it = list_item(F, v, i);
			if (!want_scalar(L, F, f, it) || is_null(it))
				continue;
			r->v[r->n].id.s = it->s;
			r->v[r->n].id.at = mark_of(F, it);
			r->v[r->n].idx = -1;
			r->n++;
		}
	}
}

static void fill_num(ld_ctx *L, const ld_file *F, const pm_field *f, pm_num *out, const yt_node *v)
{
	if (!want_scalar(L, F, f, v))
		return;
	char *end = NULL;
	errno = 0;
	double d = strtod(v->s, &end);
	int plain = v->plain || v->tag == YT_TAG_INT || v->tag == YT_TAG_FLOAT;
	if (!plain || v->n == 0 || *end != '\0' || errno == ERANGE || !isfinite(d)) {
		ld_error(L, PM_ERR_SCHEMA, mark_of(F, v), "'%s' must be a number, found \"%s\"", f->key, v->s);
		if (!plain && v->n && *end == '\0')
			pm_diag_hint(L->diags, "quoted and !!str values are strings; write it unquoted: %s", v->s);
		return;
	}
	if (d < f->min || d > f->max) {
		ld_error(L, PM_ERR_SCHEMA, mark_of(F, v), "'%s' must be between %g and %g, found %s", f->key, f->min,
		         f->max, v->s);
		return;
	}
	out->v = d;
	out->at = mark_of(F, v);
}

static void fill_bool(ld_ctx *L, const ld_file *F, const pm_field *f, pm_bool *out, const yt_node *v)
{
	if (!want_scalar(L, F, f, v))
		return;
	static const char *const t[] = {"true", "True", "TRUE"}, *const fa[] = {"false", "False", "FALSE"};
	int plain = v->plain || v->tag == YT_TAG_BOOL;
	for (int i = 0; i < 3 && plain; i++) {
		if (strcmp(v->s, t[i]) == 0 || strcmp(v->s, fa[i]) == 0) {
			out->v = strcmp(v->s, t[i]) == 0;
			out->at = mark_of(F, v);
			return;
		}
	}
	ld_error(L, PM_ERR_SCHEMA, mark_of(F, v), "'%s' must be true or false, found \"%s\"", f->key, v->s);
	for (int i = 0; i < 3 && !plain; i++)
		if (strcmp(v->s, t[i]) == 0 || strcmp(v->s, fa[i]) == 0)
			pm_diag_hint(L->diags, "quoted and !!str values are strings; write it unquoted: %s", v->s);
}

void *ld_list_grow(ld_ctx *L, void *list, size_t size, size_t add)
{
	char *old;
	size_t n;
	memcpy(&old, list, sizeof old);
	memcpy(&n, (char *)list + sizeof(void *), sizeof n);
	char *arr = pm_arena_array(L->arena, n + add, size);
	if (n)
		memcpy(arr, old, n * size);
	memcpy(list, &arr, sizeof arr);
	return arr + n * size;
}

/* Append the items of a list-of-mappings node to the list at dst. */
static void fill_obj_list(ld_ctx *L, const ld_file *F, const pm_field *f, void *dst, const yt_node *v)
{
	if (v->type != YT_SEQ) {
		ld_error(L, PM_ERR_SCHEMA, mark_of(F, v), "'%s' must be a list of mappings, found %s", f->key,
		         node_type_name(v));
		return;
	}
	size_t n, size = f->sub->size;
	memcpy(&n, (char *)dst + sizeof(void *), sizeof n);
	char *arr = ld_list_grow(L, dst, size, v->n);
	for (size_t i = 0; i < v->n; i++)
		fill_obj(L, F, f->sub, f->sub->name, arr + i * size, yt_child(&F->tree, v, i));
	n += v->n;
	memcpy((char *)dst + sizeof(void *), &n, sizeof n);
	pm_mark *lat = (pm_mark *)((char *)dst + sizeof(void *) + sizeof(size_t));
	if (!lat->line)
		*lat = mark_of(F, v);
}

static void fill_field(ld_ctx *L, const ld_file *F, const pm_field *f, void *obj, const yt_node *k, const yt_node *v)
{
	void *dst = (char *)obj + f->offset;
	switch (f->type) {
	case PM_F_ID:
	case PM_F_STR:
	case PM_F_TEXT:
	case PM_F_DATE:
	case PM_F_CVSS:
	case PM_F_EFFECT:
		if (want_scalar(L, F, f, v))
			fill_str(L, F, f, dst, v);
		else if (f->type == PM_F_CVSS)
			((pm_str *)dst)->at = mark_of(F, v); /* present, though invalid */
		break;
	case PM_F_NUM:
		fill_num(L, F, f, dst, v);
		break;
	case PM_F_BOOL:
		fill_bool(L, F, f, dst, v);
		break;
	case PM_F_ENUM: {
		pm_enum *e = dst;
		if (fill_enum(L, F, f, v, &e->v) == 0)
			e->at = mark_of(F, v);
		break;
	}
	case PM_F_ENUMS:
	case PM_F_STRS:
	case PM_F_REFS:
		fill_scalar_list(L, F, f, dst, v);
		break;
	case PM_F_REF:
		if (want_scalar(L, F, f, v)) {
			pm_ref *r = dst;
			r->id.s = v->s;
			r->id.at = mark_of(F, v);
			r->idx = -1;
		}
		break;
	case PM_F_OBJ: {
		pm_mark *prev = dst;
		if ((f->flags & PM_FF_ONCE) && prev->line) {
			ld_error(L, PM_ERR_SCHEMA, mark_of(F, k), "section '%s' is already defined at %s:%u:%u", f->key,
			         pm_model_file(L->m, *prev), prev->line, prev->col);
			pm_diag_hint(L->diags, "a model has one '%s' section; merge the two", f->key);
			break;
		}
		fill_obj(L, F, f->sub, f->key, dst, v);
		break;
	}
	case PM_F_OBJS:
		fill_obj_list(L, F, f, dst, v);
		break;
	}
}

static void unknown_key(ld_ctx *L, const ld_file *F, const pm_schema *s, const char *what, const yt_node *k)
{
	const char *keys[PM_SCHEMA_MAX_FIELDS];
	size_t n = s->n_fields;
	for (size_t i = 0; i < n; i++)
		keys[i] = s->fields[i].key;
	ld_error(L, PM_ERR_SCHEMA, mark_of(F, k), "unknown key '%s' in %s", k->s, what);
	const char *near = pm_suggest(k->s, keys, n);
	if (near)
		pm_diag_hint(L->diags, "did you mean '%s'?", near);
}

/* Hint for a value that should have been a mapping: the keys it takes,
 * required ones first, e.g. "a hazard is a mapping: {id: ..., title: ...}". */
static void mapping_hint(ld_ctx *L, const pm_schema *s, const char *what)
{
	pm_buf b;
	pm_buf_init(&b, 0);
	size_t shown = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < s->n_fields; i++) {
			int req = (s->fields[i].flags & PM_FF_REQUIRED) != 0;
			if (req != (pass == 0) || (!req && shown >= 4))
				continue;
			pm_buf_printf(&b, "%s%s: ...", shown++ ? ", " : "", s->fields[i].key);
		}
	pm_diag_hint(L->diags, "write %s as a mapping: {%s%s}", what, b.data ? b.data : "",
	             shown < s->n_fields ? ", ..." : "");
	pm_buf_free(&b);
}

static void fill_obj(ld_ctx *L, const ld_file *F, const pm_schema *s, const char *what, void *obj, const yt_node *n)
{
	pm_mark *at = obj; /* every object struct starts with its mark */
	if (n->type != YT_MAP) {
		if (!is_null(n)) {
			ld_error(L, PM_ERR_SCHEMA, mark_of(F, n), "%s must be a mapping, found %s", what,
			         node_type_name(n));
			mapping_hint(L, s, what);
		} else
			ld_error(L, PM_ERR_SCHEMA, mark_of(F, n), "%s is empty", what);
		return;
	}
	*at = mark_of(F, n);
	/* per field: the key and value nodes seen (ids + 1), for duplicates and
	 * empties; tests/unit/test_load.c keeps every schema within the bound */
	uint32_t seen[PM_SCHEMA_MAX_FIELDS], seen_val[PM_SCHEMA_MAX_FIELDS];
	memset(seen, 0, sizeof seen);
	for (size_t i = 0; i < n->n; i++) {
		const yt_node *k = yt_child(&F->tree, n, 2 * i);
		const yt_node *v = yt_child(&F->tree, n, 2 * i + 1);
		if (k->type != YT_SCALAR) {
			ld_error(L, PM_ERR_SCHEMA, mark_of(F, k), "keys must be strings, found %s", node_type_name(k));
			continue;
		}
		const pm_field *f = pm_schema_field(s, k->s);
		if (!f) {
			unknown_key(L, F, s, what, k);
			continue;
		}
		size_t fi = (size_t)(f - s->fields);
		if (seen[fi]) {
			const yt_node *first = &F->tree.nodes[seen[fi] - 1];
			ld_error(L, PM_ERR_SCHEMA, mark_of(F, k), "duplicate key '%s' (first at line %u, column %u)",
			         k->s, first->line, first->col);
			continue;
		}
		seen[fi] = (uint32_t)(k - F->tree.nodes) + 1;
		seen_val[fi] = (uint32_t)(v - F->tree.nodes) + 1;
		if (is_null(v)) {
			if (s == &pm_schema_model && (f->flags & PM_FF_REQUIRED)) {
				ld_error(L, PM_ERR_SCHEMA, mark_of(F, k), "section '%s' is empty", f->key);
				L->empty_sections++;
			}
			continue; /* an empty value is an absent one */
		}
		fill_field(L, F, f, obj, k, v);
	}
	if (s == &pm_schema_model)
		return; /* required sections are checked once for the whole model */
	const pm_field *imp = pm_schema_field(s, "imported_from");
	int imported = imp && seen[imp - s->fields] && !is_empty(&F->tree.nodes[seen_val[imp - s->fields] - 1]);
	for (size_t i = 0; i < s->n_fields; i++) {
		const pm_field *f = &s->fields[i];
		if (!(f->flags & PM_FF_REQUIRED) || (imported && (f->flags & PM_FF_LOCAL)))
			continue;
		char label[200];
		if (!seen[i]) {
			obj_label(label, sizeof label, s, what, obj);
			ld_error(L, PM_ERR_SCHEMA, *at, "%s is missing required field '%s'", label, f->key);
		} else if (is_empty(&F->tree.nodes[seen_val[i] - 1]) &&
		           !(f->type == PM_F_ID && !is_null(&F->tree.nodes[seen_val[i] - 1]))) {
			/* (an empty id is reported as an invalid id) */
			obj_label(label, sizeof label, s, what, obj);
			ld_error(L, PM_ERR_SCHEMA, mark_of(F, &F->tree.nodes[seen[i] - 1]),
			         "%s: required field '%s' has no value", label, f->key);
		}
	}
}

/* ---- entry points ------------------------------------------------------------------------ */

void ld_fill_obj(ld_ctx *L, const ld_file *F, const pm_schema *s, const char *what, void *obj, const yt_node *n)
{
	fill_obj(L, F, s, what, obj, n);
}

void ld_fill_model(ld_ctx *L, const ld_file *F)
{
	const yt_node *root = &F->tree.nodes[F->tree.root];
	if (root->type != YT_MAP)
		L->rejected_files++;
	fill_obj(L, F, &pm_schema_model, "model", L->m, root);
}

void ld_check_sections(ld_ctx *L)
{
	pm_model *m = L->m;
	if (!m->device.at.line && !L->rejected_files && !L->empty_sections)
		pm_diag_add(L->diags, PM_ERROR, PM_ERR_SCHEMA, m->files[0], 1, 1, "the model has no 'device' section");
}

int ld_fill_section(ld_ctx *L, const ld_file *F, const char *key)
{
	const yt_node *root = &F->tree.nodes[F->tree.root];
	const pm_field *f = pm_schema_field(&pm_schema_model, key);
	int rc = -1;
	if (root->type == YT_MAP) {
		for (size_t i = 0; i < root->n; i++) {
			const yt_node *k = yt_child(&F->tree, root, 2 * i);
			if (k->type == YT_SCALAR && strcmp(k->s, key) == 0) {
				size_t before = L->diags->errors;
				fill_field(L, F, f, L->m, k, yt_child(&F->tree, root, 2 * i + 1));
				rc = L->diags->errors == before ? 0 : -1;
			}
		}
	}
	if (rc < 0 && L->diags->errors == 0)
		pm_diag_add(L->diags, PM_ERROR, PM_ERR_SCHEMA, L->m->files[F->index], 1, 1, "expected a '%s' section",
		            key);
	return rc;
}
