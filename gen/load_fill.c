/* load.c — YAML model files -> pm_model (see include/premarket/load.h).
 *
 * Stages, one pass each:
 *   1. read a file with a size cap, check its encoding (yamltree.c)
 *   2. parse it into a node tree with depth/alias limits (yamltree.c)
 *   3. walk the tree against the field tables of gen/schema.c, filling the
 *      structs of model.h and reporting unknown keys, wrong types, bad values
 *      and missing required fields; follow `include:` depth-first
 *   4. index every id and resolve every reference (gen/resolve.c)
 *   5. load the default risk policy if the model has none, and validate the
 *      model's semantics (gen/validate.c, gen/policy.c)
 * The accepted format is the one docs/model.md documents.
 */
#include "date.h"
#include "load_internal.h"

#include "premarket/load.h"
#include "suggest.h"
#include "xalloc.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#define DEFAULT_MAX_FILE ((size_t)64 << 20)
#define DEFAULT_MAX_DEPTH 64
#define DEFAULT_MAX_SCALAR ((size_t)1 << 20)
#define DEFAULT_MAX_ALIASES 10000
#define DEFAULT_MAX_FILES 1000
#define MAX_INCLUDE_DEPTH 32

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
	return n->n == 0 || strcmp(n->s, "~") == 0 || strcmp(n->s, "null") == 0 ||
	       strcmp(n->s, "Null") == 0 || strcmp(n->s, "NULL") == 0;
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

int ld_error(ld_ctx *L, pm_errkind kind, pm_mark at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pm_diag_vadd(L->diags, PM_ERROR, kind, pm_model_file(L->m, at), at.line, at.col, fmt, ap);
	va_end(ap);
	return -1;
}

int ld_warn(ld_ctx *L, pm_mark at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pm_diag_vadd(L->diags, PM_WARNING, PM_ERR_SCHEMA, pm_model_file(L->m, at), at.line, at.col, fmt, ap);
	va_end(ap);
	return 0;
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

/* ---- filling values -------------------------------------------------------------------- */

static void fill_obj(ld_ctx *L, const ld_file *F, const pm_schema *s, const char *what, void *obj, const yt_node *n);

static int want_scalar(ld_ctx *L, const ld_file *F, const pm_field *f, const yt_node *v)
{
	if (v->type == YT_SCALAR)
		return 1;
	ld_error(L, PM_ERR_SCHEMA, mark_of(F, v), "'%s' must be %s, found %s", f->key,
		 f->type == PM_F_NUM ? "a number" : f->type == PM_F_BOOL ? "true or false" : "a string",
		 node_type_name(v));
	return 0;
}

static void fill_str(ld_ctx *L, const ld_file *F, const pm_field *f, pm_str *out, const yt_node *v)
{
	pm_mark at = mark_of(F, v);
	switch (f->type) {
	case PM_F_ID:
		if (!valid_id(v->s, v->n)) {
			ld_error(L, PM_ERR_SCHEMA, at, "invalid id \"%s\"", v->s);
			pm_diag_hint(L->diags, "ids start with a letter or digit, then letters, digits, '-', '_', '.', ':'; at most 128 characters");
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
		if (ld_check_cvss(L, at, !v->plain, f->key, v->s) < 0) {
			out->at = at; /* present, though invalid: no "needs a vector" error on top */
			return;
		}
		break;
	case PM_F_EFFECT:
		if (ld_check_effect(L, at, !v->plain, f->key, v->s) < 0)
			return;
		break;
	default:
		break;
	}
	out->s = v->s;
	out->at = at;
}

static int enum_index(const char *const *values, const char *s)
{
	for (int i = 0; values[i]; i++)
		if (strcmp(values[i], s) == 0)
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
	int i = enum_index(f->values, v->s);
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
	return v->type == YT_SEQ ? yt_child(F->doc, v, i) : v;
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
				ld_error(L, PM_ERR_SCHEMA, mark_of(F, it), "\"%s\" listed twice in '%s'", it->s, f->key);
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
		ld_error(L, PM_ERR_SCHEMA, mark_of(F, v), "'%s' must be between %g and %g, found %s", f->key,
			 f->min, f->max, v->s);
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

/* Append the items of a list-of-mappings node to the list at dst. */
static void fill_obj_list(ld_ctx *L, const ld_file *F, const pm_field *f, void *dst, const yt_node *v)
{
	if (v->type != YT_SEQ) {
		ld_error(L, PM_ERR_SCHEMA, mark_of(F, v), "'%s' must be a list of mappings, found %s", f->key,
			 node_type_name(v));
		return;
	}
	char *old;
	size_t old_n;
	memcpy(&old, dst, sizeof old);
	memcpy(&old_n, (char *)dst + sizeof(void *), sizeof old_n);
	size_t size = f->sub->size;
	char *arr = pm_arena_array(L->arena, old_n + v->n, size);
	if (old_n)
		memcpy(arr, old, old_n * size);
	for (size_t i = 0; i < v->n; i++)
		fill_obj(L, F, f->sub, f->sub->name, arr + (old_n + i) * size, yt_child(F->doc, v, i));
	size_t n = old_n + v->n;
	memcpy(dst, &arr, sizeof arr);
	memcpy((char *)dst + sizeof(void *), &n, sizeof n);
	pm_mark *lat = (pm_mark *)((char *)dst + sizeof(void *) + sizeof(size_t));
	if (!lat->line)
		*lat = mark_of(F, v);
}

static void fill_field(ld_ctx *L, const ld_file *F, const pm_field *f, void *obj, const yt_node *k,
		       const yt_node *v)
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
			ld_error(L, PM_ERR_SCHEMA, mark_of(F, k), "section '%s' is already defined at %s:%u:%u",
				 f->key, pm_model_file(L->m, *prev), prev->line, prev->col);
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
	const char *keys[64];
	size_t n = s->n_fields < 64 ? s->n_fields : 64;
	for (size_t i = 0; i < n; i++)
		keys[i] = s->fields[i].key;
	ld_error(L, PM_ERR_SCHEMA, mark_of(F, k), "unknown key '%s' in %s", k->s, what);
	const char *near = pm_suggest(k->s, keys, n);
	if (near)
		pm_diag_hint(L->diags, "did you mean '%s'?", near);
}

static void fill_obj(ld_ctx *L, const ld_file *F, const pm_schema *s, const char *what, void *obj, const yt_node *n)
{
	pm_mark *at = obj; /* every object struct starts with its mark */
	if (n->type != YT_MAP) {
		if (!is_null(n))
			ld_error(L, PM_ERR_SCHEMA, mark_of(F, n), "%s must be a mapping, found %s", what,
				 node_type_name(n));
		else
			ld_error(L, PM_ERR_SCHEMA, mark_of(F, n), "%s is empty", what);
		return;
	}
	*at = mark_of(F, n);
	/* per field: the key and value nodes seen (ids + 1), for duplicates and empties */
	uint32_t seen[64], seen_val[64];
	memset(seen, 0, sizeof seen);
	for (size_t i = 0; i < n->n; i++) {
		const yt_node *k = yt_child(F->doc, n, 2 * i);
		const yt_node *v = yt_child(F->doc, n, 2 * i + 1);
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
			const yt_node *first = &F->doc->nodes[seen[fi] - 1];
			ld_error(L, PM_ERR_SCHEMA, mark_of(F, k), "duplicate key '%s' (first at line %u, column %u)", k->s, first->line, first->col);
			continue;
		}
		seen[fi] = (uint32_t)(k - F->doc->nodes) + 1;
		seen_val[fi] = (uint32_t)(v - F->doc->nodes) + 1;
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
	for (size_t i = 0; i < s->n_fields; i++) {
		const pm_field *f = &s->fields[i];
		if (!(f->flags & PM_FF_REQUIRED))
			continue;
		char label[200];
		if (!seen[i]) {
			obj_label(label, sizeof label, s, what, obj);
			ld_error(L, PM_ERR_SCHEMA, *at, "%s is missing required field '%s'", label, f->key);
		} else if (is_empty(&F->doc->nodes[seen_val[i] - 1]) &&
			   !(f->type == PM_F_ID && !is_null(&F->doc->nodes[seen_val[i] - 1]))) {
			/* (an empty id is reported as an invalid id) */
			obj_label(label, sizeof label, s, what, obj);
			ld_error(L, PM_ERR_SCHEMA, mark_of(F, &F->doc->nodes[seen[i] - 1]),
				 "%s: required field '%s' has no value", label, f->key);
		}
	}
}

/* ---- files ------------------------------------------------------------------------------- */

static uint32_t add_file(ld_ctx *L, const char *name)
{
	pm_model *m = L->m;
	L->cap_files = L->cap_files < m->n_files + 1 ? (m->n_files + 1) * 2 : L->cap_files;
	m->files = pm_xrealloc(m->files, L->cap_files * sizeof *m->files);
	m->files[m->n_files] = pm_arena_strdup(L->arena, name);
	return (uint32_t)m->n_files++;
}

static int io_error(ld_ctx *L, const char *file, pm_mark from, const char *fmt, const char *arg)
{
	if (from.line)
		return ld_error(L, PM_ERR_IO, from, fmt, file, arg);
	pm_diag_add(L->diags, PM_ERROR, PM_ERR_IO, NULL, 0, 0, fmt, file, arg);
	return -1;
}

/* Read a whole regular file under the size cap.  from: where it was named. */
static char *read_file(ld_ctx *L, const char *path, pm_mark from, size_t *len)
{
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		io_error(L, path, from, "cannot open %s: %s", strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		io_error(L, path, from, "%s is not a regular file%s", "");
		return NULL;
	}
	if ((unsigned long long)st.st_size > L->opt.max_file_size) {
		close(fd);
		char lim[64];
		snprintf(lim, sizeof lim, "%zu bytes", L->opt.max_file_size);
		io_error(L, path, from, "%s is larger than the limit of %s", lim);
		return NULL;
	}
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *buf = pm_xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap) {
			if (cap > L->opt.max_file_size) {
				free(buf);
				close(fd);
				io_error(L, path, from, "%s grew beyond the size limit while reading%s", "");
				return NULL;
			}
			cap *= 2;
			buf = pm_xrealloc(buf, cap);
		}
		ssize_t r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(buf);
			close(fd);
			io_error(L, path, from, "cannot read %s: %s", strerror(e));
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static char *dir_join(const char *base_file, const char *rel)
{
	if (rel[0] == '/')
		return pm_xstrdup(rel);
	const char *slash = strrchr(base_file, '/');
	if (!slash)
		return pm_xstrdup(rel);
	return pm_xasprintf("%.*s/%s", (int)(slash - base_file), base_file, rel);
}

char *ld_resolve_path(const pm_model *m, pm_mark at, const char *rel)
{
	return dir_join(pm_model_file(m, at), rel);
}

/* An XML file: named *.xml, or starting (after a BOM and blanks) with '<'. */
static int ld_is_xml(const char *path, const char *data, size_t len)
{
	size_t pl = strlen(path);
	if (pl > 4 && strcmp(path + pl - 4, ".xml") == 0)
		return 1;
	size_t i = len >= 3 && (unsigned char)data[0] == 0xEF && (unsigned char)data[1] == 0xBB ? 3 : 0;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	return i < len && data[i] == '<';
}

/* Parse one file into a tree; returns 0 and fills *F. */
int ld_parse_file(ld_ctx *L, const char *path, pm_mark from, ld_file *F, char **data_out)
{
	size_t len = 0;
	char *data = read_file(L, path, from, &len);
	if (!data)
		return -1;
	uint32_t idx = add_file(L, path);
	const char *fname = L->m->files[idx];
	memset(F, 0, sizeof *F);
	F->index = idx;
	yt_limits lim = {L->opt.max_depth, L->opt.max_scalar, 0, L->opt.max_aliases};
	/* aliases may expand a file to at most 4x its own size plus a margin */
	lim.max_expansion = 4 * len + 100000;
	/* A submission.xml written by `premarket build --format xml` reads into the
	 * same node tree as YAML, so every check below applies to it unchanged. */
	int is_xml = ld_is_xml(path, data, len);
	if ((!is_xml && yt_check_encoding(data, len, fname, L->diags) < 0) ||
	    (is_xml ? yt_parse_xml(&F->tree, data, len, fname, L->arena, &lim, L->diags)
		    : yt_parse(&F->tree, data, len, fname, L->arena, &lim, L->diags)) < 0) {
		free(data);
		return -1;
	}
	F->doc = &F->tree;
	*data_out = data;
	if (!F->tree.has_root) {
		L->rejected_files++;
		pm_diag_add(L->diags, PM_ERROR, PM_ERR_SCHEMA, fname, 1, 1,
			    "file is empty: expected a mapping of model sections (device, assets, threats, ...)");
		yt_doc_free(&F->tree);
		free(data);
		return -1;
	}
	return 0;
}

static int on_stack(ld_ctx *L, const char *real)
{
	for (size_t i = 0; i < L->n_stack; i++)
		if (strcmp(L->stack[i], real) == 0)
			return 1;
	return 0;
}

static int already_loaded(ld_ctx *L, const char *real)
{
	for (size_t i = 0; i < L->n_loaded; i++)
		if (strcmp(L->loaded[i], real) == 0)
			return 1;
	return 0;
}

static void load_file(ld_ctx *L, const char *path, pm_mark from);

static void load_includes(ld_ctx *L, pm_strs inc)
{
	for (size_t i = 0; i < inc.n; i++) {
		char *p = ld_resolve_path(L->m, inc.v[i].at, inc.v[i].s);
		load_file(L, p, inc.v[i].at);
		free(p);
	}
}

static void load_file(ld_ctx *L, const char *path, pm_mark from)
{
	if (L->m->n_files >= L->opt.max_files) {
		if (from.line)
			ld_error(L, PM_ERR_IO, from, "too many model files (limit %zu)", L->opt.max_files);
		else
			pm_diag_add(L->diags, PM_ERROR, PM_ERR_IO, NULL, 0, 0, "too many model files (limit %zu)",
				    L->opt.max_files);
		return;
	}
	char *real = realpath(path, NULL);
	if (real && on_stack(L, real)) {
		pm_buf chain;
		pm_buf_init(&chain, 0);
		for (size_t i = 0; i < L->n_stack; i++)
			pm_buf_printf(&chain, "%s -> ", L->stack_names[i]);
		pm_buf_puts(&chain, path);
		ld_error(L, PM_ERR_REF, from, "include cycle: %s", chain.data);
		pm_buf_free(&chain);
		free(real);
		return;
	}
	if (real && already_loaded(L, real)) {
		if (from.line)
			ld_warn(L, from, "%s is already loaded; not loading it twice", path);
		else
			pm_diag_add(L->diags, PM_WARNING, PM_ERR_IO, path, 0, 0, "file given twice; loaded once");
		free(real);
		return;
	}
	if (L->n_stack >= MAX_INCLUDE_DEPTH) {
		ld_error(L, PM_ERR_REF, from, "includes nested deeper than %d files", MAX_INCLUDE_DEPTH);
		free(real);
		return;
	}
	ld_file F;
	char *data = NULL;
	if (ld_parse_file(L, path, from, &F, &data) < 0) {
		free(real);
		return;
	}
	if (real) {
		L->loaded = pm_xgrow(L->loaded, &L->cap_loaded, L->n_loaded + 1, sizeof *L->loaded);
		L->loaded[L->n_loaded++] = pm_xstrdup(real);
	}
	const yt_node *root = &F.tree.nodes[F.tree.root];
	pm_strs saved = L->m->include;
	memset(&L->m->include, 0, sizeof L->m->include);
	if (root->type != YT_MAP)
		L->rejected_files++;
	fill_obj(L, &F, &pm_schema_model, "model", L->m, root);
	pm_strs inc = L->m->include;
	L->m->include = saved;
	yt_doc_free(&F.tree);
	free(data);

	L->stack = pm_xgrow(L->stack, &L->cap_stack, L->n_stack + 1, sizeof *L->stack);
	L->stack_names = pm_xrealloc(L->stack_names, L->cap_stack * sizeof *L->stack_names);
	L->stack[L->n_stack] = real ? real : pm_xstrdup(path);
	L->stack_names[L->n_stack] = L->m->files[F.index];
	L->n_stack++;
	load_includes(L, inc);
	L->n_stack--;
	free(L->stack[L->n_stack]);
}

/* Fill one top-level section from a file of shipped data (the default policy). */
int ld_load_section(ld_ctx *L, const char *path, const char *key)
{
	ld_file F;
	char *data = NULL;
	pm_mark none = {0, 0, 0};
	if (ld_parse_file(L, path, none, &F, &data) < 0)
		return -1;
	const yt_node *root = &F.tree.nodes[F.tree.root];
	const pm_field *f = pm_schema_field(&pm_schema_model, key);
	int rc = -1;
	if (root->type == YT_MAP) {
		for (size_t i = 0; i < root->n; i++) {
			const yt_node *k = yt_child(F.doc, root, 2 * i);
			if (k->type == YT_SCALAR && strcmp(k->s, key) == 0) {
				size_t before = L->diags->errors;
				fill_field(L, &F, f, L->m, k, yt_child(F.doc, root, 2 * i + 1));
				rc = L->diags->errors == before ? 0 : -1;
			}
		}
	}
	if (rc < 0 && L->diags->errors == 0)
		pm_diag_add(L->diags, PM_ERROR, PM_ERR_SCHEMA, L->m->files[F.index], 1, 1,
			    "expected a '%s' section", key);
	yt_doc_free(&F.tree);
	free(data);
	return rc;
}

/* ---- entry point -------------------------------------------------------------------------- */

int pm_model_load(const char *const *paths, size_t n, const pm_load_options *opt, pm_model **out,
		  pm_diags *diags)
{
	*out = NULL;
	ld_ctx L;
	memset(&L, 0, sizeof L);
	if (opt)
		L.opt = *opt;
	if (!L.opt.max_file_size)
		L.opt.max_file_size = DEFAULT_MAX_FILE;
	if (!L.opt.max_depth)
		L.opt.max_depth = DEFAULT_MAX_DEPTH;
	if (!L.opt.max_scalar)
		L.opt.max_scalar = DEFAULT_MAX_SCALAR;
	if (!L.opt.max_aliases)
		L.opt.max_aliases = DEFAULT_MAX_ALIASES;
	if (!L.opt.max_files)
		L.opt.max_files = DEFAULT_MAX_FILES;
	if (!L.opt.datadir)
		L.opt.datadir = pm_datadir();
	L.diags = diags;
	L.arena = pm_arena_new();
	L.m = pm_xcalloc(1, sizeof *L.m);
	L.m->arena = L.arena;
	size_t errors_before = diags->errors;

	if (n == 0)
		pm_diag_add(diags, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0, "no model file given");
	pm_mark none = {0, 0, 0};
	for (size_t i = 0; i < n; i++)
		load_file(&L, paths[i], none);

	int io_failed = pm_diags_has(diags, PM_ERR_IO) || pm_diags_has(diags, PM_ERR_YAML);
	if (!io_failed && L.m->n_files > 0)
		ld_finish(&L);

	for (size_t i = 0; i < L.n_loaded; i++)
		free(L.loaded[i]);
	free(L.loaded);
	free(L.stack);
	free(L.stack_names);
	if (diags->errors == errors_before)
		pm_risk_compute(L.m, diags);
	pm_diags_sort(diags, (const char *const *)L.m->files, L.m->n_files);
	if (diags->errors > errors_before) {
		pm_model_free(L.m);
		return -1;
	}
	*out = L.m;
	return 0;
}

void pm_model_free(pm_model *m)
{
	if (!m)
		return;
	pm_register_free(&m->risk);
	for (int k = 0; k < PM_K_COUNT; k++)
		free(m->objs[k]);
	free(m->files);
	pm_arena_free(m->arena);
	free(m);
}
