/* threats.c — identification: the rule catalog on a model
 * (include/premarket/threats.h, docs/threats.md).
 *
 * The stage after loading, before scoring ("derive" in the pipeline of
 * docs/internals.md).  It builds the model's relation graph once
 * (rule_attr.c), evaluates every rule on every element of its kind
 * (linear in rules x elements), and decides each match's state:
 *   modelled   a threat lists the rule in `rule` and the element in its
 *              `targets` (its `assets` for asset rules; any threat naming
 *              the rule for device rules; for SBOM-component rules, a
 *              targeted component stands for the SBOM components it runs);
 *   dismissed  a rule disposition names the rule and the element, or the
 *              rule alone (dismissed for the whole model);
 *   open       neither: the suggested threat is written (threat_suggest.c).
 * Elements out of scope are not evaluated.  What the model says about
 * rules that does not fit the matches is warned about, never an error: the
 * catalog can differ between installations and --rules folders.  The result
 * lives in the model's arena; nothing here prints.
 */
#include "threats_internal.h"

#include "arena.h"
#include "premarket/buf.h"
#include "suggest.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A threat's claim to answer (rule, element); claims for the same pair chain. */
typedef struct claim {
	int32_t threat;
	const pm_str *rule; /* the item of the threat's `rule` list */
	int32_t next;       /* next claim for the same pair, or -1 */
	int used;
} claim;

typedef struct idn {
	pm_model *m;
	const pm_catalog *c;
	pm_diags *d;
	rc_graph g;
	pm_strmap claims_by_key; /* "rule\x1felement" -> first claim */
	claim *claims;
	size_t n_claims, cap_claims;
	pm_strmap disp_by_key; /* "rule\x1felement" or "rule\x1f" (whole model) -> disposition */
	unsigned char *disp_used;
	int suggest;
	pm_match *v;
	size_t n, cap;
} idn;

static void warn(idn *x, pm_mark at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void warn(idn *x, pm_mark at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pm_diag_vadd(x->d, PM_WARNING, PM_ERR_SCHEMA, pm_model_file(x->m, at), at.line, at.col, fmt, ap);
	va_end(ap);
}

/* The key of (rule, element) in the model's arena: "rule\x1felement". */
static const char *key(idn *x, const char *rule, const char *element)
{
	size_t a = strlen(rule), b = element ? strlen(element) : 0;
	char *k = pm_arena_alloc(x->m->arena, a + b + 2);
	memcpy(k, rule, a);
	k[a] = '\x1f';
	memcpy(k + a + 1, element ? element : "", b);
	return k;
}

/* "did you mean" among the catalog's rule ids. */
static void hint_rule(idn *x, const char *id)
{
	const char **ids = pm_xcalloc(x->c->n_rules + 1, sizeof *ids);
	for (size_t i = 0; i < x->c->n_rules; i++)
		ids[i] = x->c->rules[i]->id.s;
	const char *near = pm_suggest(id, ids, x->c->n_rules);
	if (near)
		pm_diag_hint(x->d, "did you mean \"%s\"? ('premarket threats --list' lists the rules)", near);
	else
		pm_diag_hint(x->d, "'premarket threats --list' lists the rules");
	free(ids);
}

/* ---- what the model says about rules -------------------------------------------------- */

static void add_claim(idn *x, const pm_str *rule, const char *element, int32_t threat)
{
	x->claims = pm_xgrow(x->claims, &x->cap_claims, x->n_claims + 1, sizeof *x->claims);
	claim *cl = &x->claims[x->n_claims];
	cl->threat = threat;
	cl->rule = rule;
	cl->next = -1;
	cl->used = 0;
	const char *k = key(x, rule->s, element);
	size_t first;
	if (!pm_strmap_put(&x->claims_by_key, k, x->n_claims, &first)) {
		while (x->claims[first].next >= 0)
			first = (size_t)x->claims[first].next;
		x->claims[first].next = (int32_t)x->n_claims;
	}
	x->n_claims++;
}

/* Each item of each threat's `rule`: one claim per target (per asset for
 * asset rules, one without element for device rules). */
static void index_threats(idn *x)
{
	const pm_model *m = x->m;
	for (size_t t = 0; t < m->threats.n; t++) {
		const pm_threat *th = &m->threats.v[t];
		for (size_t k = 0; k < th->rule.n; k++) {
			const pm_str *r = &th->rule.v[k];
			const pm_rule *rule = pm_catalog_rule(x->c, r->s);
			if (!rule) {
				warn(x, r->at,
				     "threat \"%s\" names rule \"%s\", which the threat rule catalog does not have",
				     th->id.s, r->s);
				hint_rule(x, r->s);
				continue;
			}
			if (rule->applies_to.v == PM_RT_DEVICE) {
				add_claim(x, r, NULL, (int32_t)t);
				continue;
			}
			const pm_refs *on = rule->applies_to.v == PM_RT_ASSET ? &th->assets : &th->targets;
			for (size_t g = 0; g < on->n; g++) {
				add_claim(x, r, on->v[g].id.s, (int32_t)t);
				/* a rule on SBOM components: a targeted component stands for what it runs */
				if (rule->applies_to.v == PM_RT_SBOM && on->v[g].kind == PM_K_COMPONENT) {
					const pm_refs *sb = &x->m->components.v[on->v[g].idx].sbom;
					for (size_t s = 0; s < sb->n; s++)
						add_claim(x, r, sb->v[s].id.s, (int32_t)t);
				}
			}
		}
	}
}

static void index_dispositions(idn *x)
{
	const pm_model *m = x->m;
	x->disp_used = pm_xcalloc(m->rule_dispositions.n + 1, 1);
	for (size_t i = 0; i < m->rule_dispositions.n; i++) {
		const pm_rule_disposition *dp = &m->rule_dispositions.v[i];
		if (!pm_catalog_rule(x->c, dp->rule.s)) {
			warn(x, dp->rule.at,
			     "rule disposition names rule \"%s\", which the threat rule catalog does not have",
			     dp->rule.s);
			hint_rule(x, dp->rule.s);
			x->disp_used[i] = 1; /* no second warning */
			continue;
		}
		const char *k = key(x, dp->rule.s, dp->element.id.s);
		size_t first;
		if (!pm_strmap_put(&x->disp_by_key, k, i, &first)) {
			const pm_rule_disposition *f = &m->rule_dispositions.v[first];
			warn(x, dp->at, "rule \"%s\" is dismissed twice for %s (first at %s:%u:%u)", dp->rule.s,
			     dp->element.id.s ? dp->element.id.s : "the whole model", pm_model_file(m, f->at),
			     f->at.line, f->at.col);
			x->disp_used[i] = 1;
		}
	}
}

/* ---- matching ------------------------------------------------------------------------------- */

/* The first claim for (rule, element), every claim of the chain marked used; or -1. */
static int32_t answered(idn *x, const char *rule, const char *element)
{
	size_t i;
	if (!pm_strmap_get(&x->claims_by_key, key(x, rule, element), &i))
		return -1;
	int32_t first = x->claims[i].threat;
	for (int32_t c = (int32_t)i; c >= 0; c = x->claims[c].next)
		x->claims[c].used = 1;
	return first;
}

static int32_t dismissed(idn *x, const char *rule, const char *element)
{
	size_t i;
	if ((element && pm_strmap_get(&x->disp_by_key, key(x, rule, element), &i)) ||
	    pm_strmap_get(&x->disp_by_key, key(x, rule, NULL), &i))
		return (int32_t)i;
	return -1;
}

/* An element the rules skip: out of scope itself or inside an out-of-scope
 * container (an interface in its component, a component in its zone); a
 * flow when it is, or when both its ends are. */
static int comp_out(const idn *x, int32_t c)
{
	if (c < 0)
		return 0;
	const pm_component *comp = x->m->objs[PM_K_COMPONENT][c];
	if (comp->out_of_scope.s)
		return 1;
	return comp->zone.kind == PM_K_ZONE && ((const pm_zone *)x->m->objs[PM_K_ZONE][comp->zone.idx])->out_of_scope.s;
}

static int out_of_scope(const idn *x, rc_elem el, int32_t idx)
{
	const void *o = rc_object(&x->g, el, idx);
	switch (el) {
	case RC_ZONE:
		return ((const pm_zone *)o)->out_of_scope.s != NULL;
	case RC_COMPONENT:
		return comp_out(x, idx);
	case RC_INTERFACE:
		return ((const pm_interface *)o)->out_of_scope.s || comp_out(x, ((const pm_interface *)o)->component);
	case RC_FLOW: {
		const pm_flow *f = o;
		if (f->out_of_scope.s)
			return 1;
		int32_t a = f->from.kind == PM_K_COMPONENT ? f->from.idx : -1,
		        b = f->to.kind == PM_K_COMPONENT ? f->to.idx : -1;
		return a >= 0 && b >= 0 && comp_out(x, a) && comp_out(x, b);
	}
	default:
		return 0;
	}
}

static size_t count_out_of_scope(const idn *x)
{
	static const rc_elem kinds[] = {RC_ZONE, RC_COMPONENT, RC_INTERFACE, RC_FLOW};
	size_t n = 0;
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		for (size_t i = 0; i < x->g.n[kinds[k]]; i++)
			n += (size_t)out_of_scope(x, kinds[k], (int32_t)i);
	return n;
}

static int skipped(const pm_identify_options *opt, const char *id)
{
	for (size_t i = 0; opt && i < opt->n_skip; i++)
		if (strcmp(opt->skip[i], id) == 0)
			return 1;
	return 0;
}

static void add_match(idn *x, ts_ctx *ts, const pm_rule *r, size_t rule_index, rc_elem el, int32_t idx)
{
	x->v = pm_xgrow(x->v, &x->cap, x->n + 1, sizeof *x->v);
	pm_match *mt = &x->v[x->n++];
	memset(mt, 0, sizeof *mt);
	mt->rule = rule_index;
	mt->kind = rc_elem_kind(el);
	mt->idx = el == RC_DEVICE ? 0 : idx;
	mt->element = pm_arena_strdup(x->m->arena, rc_id(&x->g, el, idx));
	const char *elem_id = el == RC_DEVICE ? NULL : mt->element;
	mt->threat = answered(x, r->id.s, elem_id);
	mt->disposition = dismissed(x, r->id.s, elem_id);
	pm_buf why;
	pm_buf_init(&why, 0);
	rc_explain(r->cond, r->condition.s, &x->g, idx, &why);
	mt->why = pm_arena_strdup(x->m->arena, why.data ? why.data : "");
	pm_buf_free(&why);
	mt->title = ts_title(ts, r, el, idx);
	if (mt->threat >= 0) {
		mt->state = PM_MATCH_MODELLED;
		if (mt->disposition >= 0) {
			const pm_rule_disposition *dp = &x->m->rule_dispositions.v[mt->disposition];
			if (dp->element.id.s)
				warn(x, dp->at,
				     "rule \"%s\" is dismissed for \"%s\", but threat \"%s\" answers it; the dismissal "
				     "is ignored",
				     r->id.s, mt->element, x->m->threats.v[mt->threat].id.s);
			x->disp_used[mt->disposition] = 1;
			mt->disposition = -1;
		}
	} else if (mt->disposition >= 0) {
		mt->state = PM_MATCH_DISMISSED;
		x->disp_used[mt->disposition] = 1;
	} else {
		mt->state = PM_MATCH_OPEN;
		if (x->suggest)
			ts_suggest(ts, r, el, mt);
	}
}

/* ---- what did not fit ------------------------------------------------------------------------ */

/* The claims of one item of a threat's `rule` list are consecutive (index_threats). */
static void unused_claims(idn *x)
{
	for (size_t i = 0; i < x->n_claims;) {
		const pm_str *item = x->claims[i].rule;
		size_t j = i;
		int used = 0;
		for (; j < x->n_claims && x->claims[j].rule == item; j++)
			used |= x->claims[j].used;
		if (!used) {
			const claim *cl = &x->claims[i];
			const pm_rule *r = pm_catalog_rule(x->c, item->s);
			warn(x, item->at, "threat \"%s\" names rule \"%s\", but the rule matches none of its %s",
			     x->m->threats.v[cl->threat].id.s, item->s,
			     r && r->applies_to.v == PM_RT_ASSET ? "assets" : "targets");
			pm_diag_hint(x->d, "'premarket threats --all MODEL' lists where rule \"%s\" matches", item->s);
		}
		i = j;
	}
}

static void unused_dispositions(idn *x)
{
	const pm_model *m = x->m;
	for (size_t i = 0; i < m->rule_dispositions.n; i++) {
		if (x->disp_used[i])
			continue;
		const pm_rule_disposition *dp = &m->rule_dispositions.v[i];
		if (dp->element.id.s)
			warn(x, dp->at, "rule \"%s\" does not match \"%s\": there is nothing to dismiss", dp->rule.s,
			     dp->element.id.s);
		else
			warn(x, dp->at, "rule \"%s\" matches nothing in the model: there is nothing to dismiss",
			     dp->rule.s);
	}
}

/* ---- the result ----------------------------------------------------------------------------- */

static const char *joined(pm_arena *a, const pm_strs *l)
{
	pm_buf b;
	pm_buf_init(&b, 0);
	for (size_t i = 0; i < l->n; i++)
		pm_buf_printf(&b, "%s%s", i ? ", " : "", l->v[i].s);
	char *s = pm_arena_strdup(a, b.data ? b.data : "");
	pm_buf_free(&b);
	return s;
}

static const int *copy_enums(pm_arena *a, const pm_enums *e)
{
	int *v = pm_arena_array(a, e->n + 1, sizeof *v);
	if (e->n)
		memcpy(v, e->v, e->n * sizeof *v);
	return v;
}

static void rule_info(idn *x, const pm_rule *r, pm_rule_info *ri)
{
	pm_arena *a = x->m->arena;
	ri->id = pm_arena_strdup(a, r->id.s);
	ri->family = pm_arena_strdup(a, x->c->families[r->family].title.s);
	ri->title = pm_arena_strdup(a, r->title.s);
	ri->applies_to = r->applies_to.v;
	ri->stride = copy_enums(a, &r->stride);
	ri->n_stride = r->stride.n;
	ri->categories = copy_enums(a, &r->categories);
	ri->n_categories = r->categories.n;
	ri->capec = joined(a, &r->capec);
	ri->cwe = joined(a, &r->cwe);
	ri->cvss = pm_arena_strdup(a, r->cvss.s);
	size_t i;
	ri->disposition = pm_strmap_get(&x->disp_by_key, key(x, r->id.s, NULL), &i) ? (int32_t)i : -1;
}

static int check_skip(idn *x, const pm_identify_options *opt)
{
	int rc = 0;
	for (size_t i = 0; opt && i < opt->n_skip; i++)
		if (!pm_catalog_rule(x->c, opt->skip[i])) {
			rc = pm_diag_add(x->d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0,
			                 "--no-rule: the catalog has no rule \"%s\"", opt->skip[i]);
			hint_rule(x, opt->skip[i]);
		}
	return rc;
}

int pm_threats_identify(pm_model *m, const pm_catalog *c, const pm_identify_options *opt, pm_diags *d)
{
	idn x;
	memset(&x, 0, sizeof x);
	x.m = m;
	x.c = c;
	x.d = d;
	x.suggest = !opt || opt->suggest;
	if (check_skip(&x, opt) < 0)
		return -1;
	rc_graph_build(&x.g, m);
	pm_strmap_init(&x.claims_by_key);
	pm_strmap_init(&x.disp_by_key);
	index_threats(&x);
	index_dispositions(&x);

	pm_identified *res = pm_arena_alloc(m->arena, sizeof *res);
	char name[160];
	snprintf(name, sizeof name, "%s (%zu rules, %zu families)",
	         opt && opt->catalog_name ? opt->catalog_name : "premarket " PM_VERSION " shipped rules", c->n_rules,
	         c->n_families);
	res->catalog = pm_arena_strdup(m->arena, name);
	ts_ctx ts;
	ts_init(&ts, m, &x.g, res->catalog);
	res->rules = pm_arena_array(m->arena, c->n_rules + 1, sizeof *res->rules);
	for (size_t k = 0; k < c->n_rules; k++) {
		const pm_rule *r = c->rules[k];
		if (skipped(opt, r->id.s)) {
			res->n_skipped++;
			continue;
		}
		pm_rule_info *ri = &res->rules[res->n_rules];
		rule_info(&x, r, ri);
		rc_elem el = (rc_elem)r->applies_to.v;
		size_t before = x.n;
		for (size_t i = 0; i < x.g.n[el]; i++) {
			if (out_of_scope(&x, el, (int32_t)i))
				continue;
			if (rc_eval(r->cond, &x.g, (int32_t)i))
				add_match(&x, &ts, r, res->n_rules, el, (int32_t)i);
		}
		ri->n_matches = x.n - before;
		res->n_rules++;
	}
	unused_claims(&x);
	unused_dispositions(&x);

	res->v = pm_arena_array(m->arena, x.n + 1, sizeof *res->v);
	if (x.n)
		memcpy(res->v, x.v, x.n * sizeof *x.v);
	res->n = x.n;
	res->n_out_of_scope = count_out_of_scope(&x);
	for (size_t i = 0; i < x.n; i++) {
		res->n_open += x.v[i].state == PM_MATCH_OPEN;
		res->n_modelled += x.v[i].state == PM_MATCH_MODELLED;
		res->n_dismissed += x.v[i].state == PM_MATCH_DISMISSED;
	}
	m->identified = res;

	ts_free(&ts);
	free(x.v);
	free(x.claims);
	free(x.disp_used);
	pm_strmap_free(&x.claims_by_key);
	pm_strmap_free(&x.disp_by_key);
	rc_graph_free(&x.g);
	return 0;
}
