/* load_resolve.c — stage 5 of loading, resolve: index every id, resolve
 * every reference to (kind, index).
 *
 * Both passes walk the filled structs through the same field tables that
 * filled them (gen/schema.c), so a new reference field needs no code here.
 * Ids are unique across the whole model; a duplicate points at the first
 * definition, a dangling reference names the nearest existing id.
 */
#include "load_internal.h"
#include "strmap.h"
#include "suggest.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ld_id {
	const char *id;
	pm_kind kind;
	int32_t idx;
	pm_mark at;
} ld_id;

struct ld_ids {
	pm_strmap index; /* id -> its entry in all */
	ld_id *all;      /* in definition order, for suggestions */
	size_t n_all, cap_all;
};

static const ld_id *ids_find(const struct ld_ids *t, const char *id)
{
	size_t i;
	return pm_strmap_get(&t->index, id, &i) ? &t->all[i] : NULL;
}

/* ---- generic walk over filled structs --------------------------------------------- */

typedef void (*ref_fn)(ld_ctx *L, const pm_field *f, pm_ref *r, const char *owner);
typedef void (*obj_fn)(ld_ctx *L, const pm_schema *s, void *obj);

static void walk(ld_ctx *L, const pm_schema *s, void *obj, obj_fn on_obj, ref_fn on_ref)
{
	const pm_mark *at = obj;
	if (!at->line && s != &pm_schema_model)
		return;
	if (on_obj)
		on_obj(L, s, obj);
	char owner[200];
	owner[0] = '\0';
	if (on_ref) {
		const pm_field *idf = pm_schema_field(s, "id");
		const pm_str *id = idf && idf->type == PM_F_ID ? (const pm_str *)((char *)obj + idf->offset) : NULL;
		if (id && id->s)
			snprintf(owner, sizeof owner, "%s \"%s\"", s->name, id->s);
		else
			snprintf(owner, sizeof owner, "%s", s->name);
	}
	for (size_t i = 0; i < s->n_fields; i++) {
		const pm_field *f = &s->fields[i];
		char *p = (char *)obj + f->offset;
		if (f->type == PM_F_REF && on_ref) {
			pm_ref *r = (pm_ref *)p;
			if (r->id.s)
				on_ref(L, f, r, owner);
		} else if (f->type == PM_F_REFS && on_ref) {
			pm_refs *rs = (pm_refs *)p;
			for (size_t k = 0; k < rs->n; k++)
				on_ref(L, f, &rs->v[k], owner);
		} else if (f->type == PM_F_OBJ) {
			walk(L, f->sub, p, on_obj, on_ref);
		} else if (f->type == PM_F_OBJS) {
			char *v;
			size_t n;
			memcpy(&v, p, sizeof v);
			memcpy(&n, p + sizeof(void *), sizeof n);
			for (size_t k = 0; k < n; k++)
				walk(L, f->sub, v + k * f->sub->size, on_obj, on_ref);
		}
	}
}

/* ---- pass 1: ids --------------------------------------------------------------------- */

static void register_obj(ld_ctx *L, const pm_schema *s, void *obj)
{
	if (s->kind == PM_K_NONE)
		return;
	const pm_field *idf = pm_schema_field(s, "id");
	const pm_str *id = (const pm_str *)((char *)obj + idf->offset);
	if (!id->s)
		return; /* reported as a missing field already */
	pm_model *m = L->m;
	pm_kind k = s->kind;
	struct ld_ids *t = L->ids;
	size_t first;
	if (!pm_strmap_put(&t->index, id->s, t->n_all, &first)) {
		const ld_id *prev = &t->all[first];
		ld_error(L, PM_ERR_REF, id->at, "duplicate id \"%s\": already defined at %s:%u:%u (%s)", id->s,
		         pm_model_file(m, prev->at), prev->at.line, prev->at.col, pm_kind_name(prev->kind));
		return;
	}
	size_t cap = L->cap_objs[k];
	m->objs[k] = pm_xgrow(m->objs[k], &cap, m->n_objs[k] + 1, sizeof *m->objs[k]);
	L->cap_objs[k] = cap;
	ld_id e = {id->s, k, (int32_t)m->n_objs[k], id->at};
	m->objs[k][m->n_objs[k]++] = obj;
	t->all = pm_xgrow(t->all, &t->cap_all, t->n_all + 1, sizeof *t->all);
	t->all[t->n_all++] = e;
}

static void index_ids(ld_ctx *L)
{
	L->ids = pm_xcalloc(1, sizeof *L->ids);
	memset(L->cap_objs, 0, sizeof L->cap_objs);
	walk(L, &pm_schema_model, L->m, register_obj, NULL);
	for (int k = 0; k < PM_K_COUNT; k++)
		L->refcount[k] = pm_xcalloc(L->m->n_objs[k] + 1, sizeof *L->refcount[k]);
	/* owners of nested objects */
	for (size_t c = 0; c < L->m->components.n; c++) {
		pm_component *comp = &L->m->components.v[c];
		for (size_t i = 0; i < comp->interfaces.n; i++)
			comp->interfaces.v[i].component = (int32_t)c;
	}
	for (size_t t = 0; t < L->m->tests.n; t++) {
		pm_test *test = &L->m->tests.v[t];
		for (size_t i = 0; i < test->findings.n; i++)
			test->findings.v[i].test = (int32_t)t;
	}
}

/* ---- pass 2: references ----------------------------------------------------------------- */

static void kinds_text(char *buf, size_t len, unsigned kinds)
{
	size_t used = 0;
	int count = 0, total = 0;
	for (int k = 1; k < PM_K_COUNT; k++)
		total += (kinds >> k) & 1;
	buf[0] = '\0';
	for (int k = 1; k < PM_K_COUNT && used < len; k++) {
		if (!((kinds >> k) & 1))
			continue;
		count++;
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
		                         count == 1       ? ""
		                         : count == total ? " or "
		                                          : ", ",
		                         pm_kind_name((pm_kind)k));
	}
}

static const char *article(const char *word)
{
	return strchr("aeiouAEIOU", word[0]) && word[0] ? "an" : "a";
}

static void resolve_one(ld_ctx *L, const pm_field *f, pm_ref *r, const char *owner)
{
	char want[160];
	kinds_text(want, sizeof want, f->kinds);
	const ld_id *e = ids_find(L->ids, r->id.s);
	if (!e) {
		ld_error(L, PM_ERR_REF, r->id.at, "%s references unknown %s \"%s\" in '%s'", owner, want, r->id.s,
		         f->key);
		if (L->diags->last_dropped)
			return; /* over the error cap: no hint to compute */
		/* nearest id among the allowed kinds */
		const char *best = NULL;
		size_t max = pm_suggest_threshold(strlen(r->id.s)), bestd = max + 1;
		for (size_t i = 0; i < L->ids->n_all && bestd > 0; i++) {
			const ld_id *c = &L->ids->all[i];
			if (!((f->kinds >> c->kind) & 1))
				continue;
			size_t d = pm_edit_distance(r->id.s, c->id, bestd - 1);
			if (d < bestd) {
				bestd = d;
				best = c->id;
			}
		}
		if (best)
			pm_diag_hint(L->diags, "did you mean \"%s\"?", best);
		return;
	}
	if (!((f->kinds >> e->kind) & 1)) {
		ld_error(L, PM_ERR_REF, r->id.at, "%s: '%s' must name %s %s, but \"%s\" is %s %s (defined at %s:%u:%u)",
		         owner, f->key, article(want), want, r->id.s, article(pm_kind_name(e->kind)),
		         pm_kind_name(e->kind), pm_model_file(L->m, e->at), e->at.line, e->at.col);
		return;
	}
	r->kind = e->kind;
	r->idx = e->idx;
	L->refcount[e->kind][e->idx]++;
}

void ld_resolve(ld_ctx *L)
{
	index_ids(L);
	walk(L, &pm_schema_model, L->m, NULL, resolve_one);
}

size_t ld_ref_count(const ld_ctx *L, pm_kind kind, int32_t idx)
{
	return L->refcount[kind] ? L->refcount[kind][idx] : 0;
}

void ld_resolve_free(ld_ctx *L)
{
	if (L->ids) {
		pm_strmap_free(&L->ids->index);
		free(L->ids->all);
		free(L->ids);
		L->ids = NULL;
	}
	for (int k = 0; k < PM_K_COUNT; k++) {
		free(L->refcount[k]);
		L->refcount[k] = NULL;
	}
}
