/* threat_suggest.c — the threat suggested for an open match, written as
 * YAML to paste under `threats:` (threats_internal.h).
 *
 * The suggestion is a complete threat of the model format: a fresh id
 * (T-<rule>-<element>, made unique), the rule's title and threat text
 * written for the element, its STRIDE categories and lifecycle phase, the
 * element as target, the assets at stake, the rule's default vector with
 * the reason for each metric, the rule as source, and the suggested
 * controls as comments (controls are model objects of their own: the user
 * defines them and lists their ids).  Which assets: those of the element
 * (a component's, a flow's, an interface's component's, a zone's
 * components', an SBOM component's users', an asset itself; for the whole
 * device, all), keeping those whose harm in the properties the STRIDE
 * categories threaten is the highest found; when there are none, the
 * model's assets of the highest harm.  Which targets: the element; for an
 * asset, the components that store it (else the flows that carry it); for
 * the device, its components of kind device (else its first component).
 * Strings are written as JSON strings, which YAML reads as double-quoted
 * scalars.
 */
#include "threats_internal.h"

#include "arena.h"
#include "json.h"
#include "schema.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ts_init(ts_ctx *x, pm_model *m, const rc_graph *g, const char *catalog)
{
	memset(x, 0, sizeof *x);
	x->m = m;
	x->g = g;
	x->catalog = catalog;
	pm_strmap_init(&x->ids);
	/* a model whose threats are scored in CVSS v4.0 only gets v4.0 defaults where a rule has one */
	size_t n31 = 0, n40 = 0;
	for (size_t t = 0; t < m->threats.n; t++) {
		const char *v = m->threats.v[t].cvss.s;
		n31 += v && strncmp(v, "CVSS:3", 6) == 0;
		n40 += v && strncmp(v, "CVSS:4.0/", 9) == 0;
	}
	x->v4 = n40 > 0 && n31 == 0;
	size_t n;
	const pm_schema **all = pm_schema_all(&pm_schema_model, &n);
	for (size_t s = 0; s < n; s++) {
		const pm_field *idf = pm_schema_field(all[s], "id");
		pm_kind k = all[s]->kind;
		if (k == PM_K_NONE || !idf)
			continue;
		for (size_t i = 0; i < m->n_objs[k]; i++) {
			const pm_str *id = (const pm_str *)((const char *)m->objs[k][i] + idf->offset);
			if (id->s)
				pm_strmap_put(&x->ids, id->s, 0, NULL);
		}
	}
	free(all);
}

void ts_free(ts_ctx *x)
{
	pm_strmap_free(&x->ids);
}

static const char *render(ts_ctx *x, const rc_template *t, int32_t idx)
{
	pm_buf b;
	pm_buf_init(&b, 0);
	if (t)
		rc_template_render(t, x->g, idx, &b);
	while (b.len && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == ' '))
		pm_buf_truncate(&b, b.len - 1); /* a folded scalar's final line break */
	char *s = pm_arena_strdup(x->m->arena, b.data ? b.data : "");
	pm_buf_free(&b);
	return s;
}

const char *ts_title(ts_ctx *x, const pm_rule *r, rc_elem el, int32_t idx)
{
	(void)el;
	return render(x, r->title_t, idx);
}

/* ---- targets and assets ------------------------------------------------------------------- */

/* A list of element indexes; ilist_done() sorts it (model order) and drops repeats. */
typedef struct ilist {
	int32_t *v;
	size_t n, cap;
} ilist;

static void ilist_add(ilist *l, int32_t i)
{
	l->v = pm_xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = i;
}

static int by_index(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

static void ilist_done(ilist *l)
{
	if (l->n < 2)
		return;
	qsort(l->v, l->n, sizeof *l->v, by_index);
	size_t k = 1;
	for (size_t i = 1; i < l->n; i++)
		if (l->v[i] != l->v[k - 1])
			l->v[k++] = l->v[i];
	l->n = k;
}

/* The neighbours of (el, idx) through the relation named rel, added to l. */
static void add_neighbours(const rc_graph *g, rc_elem el, int32_t idx, const char *rel, ilist *l)
{
	const rc_rel *r = rc_rel_find(el, rel, strlen(rel));
	if (!r)
		return;
	if (!r->many) {
		int32_t o = r->one(g, idx);
		if (o >= 0)
			ilist_add(l, o);
		return;
	}
	const int32_t *nb;
	size_t n = rc_neighbours(g, r, idx, &nb);
	for (size_t i = 0; i < n; i++)
		ilist_add(l, nb[i]);
}

/* The assets of an element (indexes of assets). */
static void element_assets(const rc_graph *g, rc_elem el, int32_t idx, ilist *out)
{
	ilist via = {0};
	switch (el) {
	case RC_COMPONENT:
	case RC_FLOW:
	case RC_DEVICE:
		add_neighbours(g, el, idx, "assets", out);
		break;
	case RC_ASSET:
		ilist_add(out, idx);
		break;
	case RC_INTERFACE:
		add_neighbours(g, el, idx, "component", &via);
		for (size_t i = 0; i < via.n; i++)
			add_neighbours(g, RC_COMPONENT, via.v[i], "assets", out);
		break;
	default: /* zone, SBOM component: through their components */
		add_neighbours(g, el, idx, "components", &via);
		ilist_done(&via);
		for (size_t i = 0; i < via.n; i++)
			add_neighbours(g, RC_COMPONENT, via.v[i], "assets", out);
		break;
	}
	free(via.v);
}

/* Harm of an asset in the properties a rule's STRIDE categories threaten. */
static int threatened_harm(const pm_asset *a, const pm_rule *r)
{
	int want[3] = {0, 0, 0}; /* confidentiality, integrity, availability */
	for (size_t i = 0; i < r->stride.n; i++)
		switch (r->stride.v[i]) {
		case PM_STRIDE_I:
			want[0] = 1;
			break;
		case PM_STRIDE_D:
			want[2] = 1;
			break;
		case PM_STRIDE_E:
			want[0] = want[1] = want[2] = 1;
			break;
		default:
			want[1] = 1;
			break; /* spoofing, tampering, repudiation */
		}
	const pm_enum *h[3] = {&a->harm.confidentiality, &a->harm.integrity, &a->harm.availability};
	int best = -1;
	for (int k = 0; k < 3; k++)
		if (want[k] && h[k]->at.line && h[k]->v > best)
			best = h[k]->v;
	return best;
}

/* Keep the assets of the highest threatened harm. */
static void keep_worst(const pm_model *m, const pm_rule *r, ilist *l)
{
	int worst = -1;
	for (size_t i = 0; i < l->n; i++) {
		int h = threatened_harm(m->objs[PM_K_ASSET][l->v[i]], r);
		worst = h > worst ? h : worst;
	}
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++)
		if (threatened_harm(m->objs[PM_K_ASSET][l->v[i]], r) == worst)
			l->v[k++] = l->v[i];
	l->n = k;
}

/* The assets the element holds or carries, of the highest threatened harm.
 * Returns 1 when the element has none and the model's first asset of the
 * highest threatened harm stands in (computed once per rule: the matches of
 * a rule are consecutive, and the model's assets are the same for each). */
static int suggested_assets(ts_ctx *x, const pm_rule *r, rc_elem el, int32_t idx, ilist *out)
{
	element_assets(x->g, el, idx, out);
	if (out->n) {
		ilist_done(out);
		keep_worst(x->m, r, out);
		return 0;
	}
	if (x->fallback_rule != r) {
		ilist all = {0};
		element_assets(x->g, RC_DEVICE, 0, &all);
		ilist_done(&all);
		keep_worst(x->m, r, &all);
		x->fallback_rule = r;
		x->fallback_asset = all.n ? all.v[0] : -1;
		free(all.v);
	}
	if (x->fallback_asset >= 0)
		ilist_add(out, x->fallback_asset);
	return 1;
}

static void suggested_targets(ts_ctx *x, rc_elem el, int32_t idx, ilist *out, rc_elem *kind)
{
	const rc_graph *g = x->g;
	*kind = el;
	if (el != RC_ASSET && el != RC_DEVICE) {
		ilist_add(out, idx);
		return;
	}
	*kind = RC_COMPONENT;
	if (el == RC_ASSET) {
		add_neighbours(g, el, idx, "components", out);
		if (!out->n) {
			add_neighbours(g, el, idx, "flows", out);
			*kind = out->n ? RC_FLOW : RC_COMPONENT;
		}
	} else {
		for (size_t i = 0; i < g->n[RC_COMPONENT]; i++)
			if (((const pm_component *)x->m->objs[PM_K_COMPONENT][i])->kind.v == PM_COMP_DEVICE)
				ilist_add(out, (int32_t)i);
	}
	if (!out->n && g->n[RC_COMPONENT]) {
		*kind = RC_COMPONENT;
		ilist_add(out, 0);
	}
	ilist_done(out);
}

/* ---- the YAML ------------------------------------------------------------------------------ */

/* T-<rule>-<element>, within the id length limit, unique in the model. */
static const char *fresh_id(ts_ctx *x, const char *rule, const char *element)
{
	char base[100], id[128]; /* ids have at most 128 characters */
	snprintf(base, sizeof base, element ? "T-%s-%s" : "T-%s", rule, element ? element : "");
	snprintf(id, sizeof id, "%s", base);
	for (int n = 2; pm_strmap_get(&x->ids, id, NULL); n++)
		snprintf(id, sizeof id, "%s-%d", base, n);
	char *s = pm_arena_strdup(x->m->arena, id);
	pm_strmap_put(&x->ids, s, 0, NULL);
	return s;
}

static void put_ids(pm_buf *b, const char *key, const rc_graph *g, rc_elem el, const ilist *l)
{
	pm_buf_printf(b, "    %s: [", key);
	for (size_t i = 0; i < l->n; i++)
		pm_buf_printf(b, "%s%s", i ? ", " : "", rc_id(g, el, l->v[i]));
	pm_buf_puts(b, "]\n");
}

/* One line of text for a comment: line breaks become spaces. */
static void put_line(pm_buf *b, const char *s)
{
	for (; s && *s; s++)
		pm_buf_putc(b, *s == '\n' || *s == '\r' ? ' ' : *s);
}

/* The rationale of the vector the suggestion uses (v4.0: cvss_v4), metric by metric. */
static void put_rationale(pm_buf *b, const pm_rule *r, int v4)
{
	static const char *const names31[] = {"AV", "AC", "PR", "UI", "S", "C", "I", "A"};
	static const char *const names40[] = {"AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"};
	const pm_cvss_rationale *w3 = &r->cvss_rationale;
	const pm_cvss4_rationale *w4 = &r->cvss_v4_rationale;
	const pm_str *why31[] = {&w3->AV, &w3->AC, &w3->PR, &w3->UI, &w3->S, &w3->C, &w3->I, &w3->A};
	const pm_str *why40[] = {&w4->AV, &w4->AC, &w4->AT, &w4->PR, &w4->UI, &w4->VC,
	                         &w4->VI, &w4->VA, &w4->SC, &w4->SI, &w4->SA};
	const char *const *names = v4 ? names40 : names31;
	const pm_str *const *why = v4 ? why40 : why31;
	const char *vector = v4 ? r->cvss_v4.s : r->cvss.s;
	int n = v4 ? 11 : 8;
	pm_buf t;
	pm_buf_init(&t, 0);
	pm_buf_printf(&t, "Default %svector of threat rule %s, to be reviewed for this element.",
	              v4 ? "CVSS v4.0 " : "", r->id.s);
	for (int k = 0; k < n; k++) {
		/* the metric's value, read from the vector */
		char want[16], val = '?';
		snprintf(want, sizeof want, "/%s:", names[k]);
		const char *p = vector ? strstr(vector, want) : NULL;
		if (p)
			val = p[strlen(want)];
		pm_buf_printf(&t, " %s:%c: ", names[k], val);
		put_line(&t, why[k]->s);
	}
	pm_buf_puts(b, "    rationale: ");
	pm_json_str(b, t.data);
	pm_buf_putc(b, '\n');
	pm_buf_free(&t);
}

void ts_suggest(ts_ctx *x, const pm_rule *r, rc_elem el, pm_match *out)
{
	int32_t idx = out->idx;
	ilist targets = {0}, assets = {0};
	rc_elem tkind;
	suggested_targets(x, el, idx, &targets, &tkind);
	int stand_in = suggested_assets(x, r, el, idx, &assets);
	const char *id = fresh_id(x, r->id.s, el == RC_DEVICE ? NULL : out->element);
	pm_buf b;
	pm_buf_init(&b, 0);
	pm_buf_printf(&b, "  - id: %s\n    title: ", id);
	pm_json_str(&b, out->title);
	pm_buf_puts(&b, "\n    description: ");
	pm_json_str(&b, render(x, r->threat_t, idx));
	pm_buf_puts(&b, "\n    stride: [");
	for (size_t i = 0; i < r->stride.n; i++)
		pm_buf_printf(&b, "%s%s", i ? ", " : "", pm_enum_names_stride[r->stride.v[i]]);
	pm_buf_printf(&b, "]\n    lifecycle: %s\n",
	              pm_enum_names_lifecycle[r->lifecycle.at.line ? r->lifecycle.v : PM_LC_OPERATION]);
	put_ids(&b, "targets", x->g, tkind, &targets);
	if (assets.n) {
		put_ids(&b, "assets", x->g, RC_ASSET, &assets);
		if (stand_in) { /* a comment after the list, on its line */
			pm_buf_truncate(&b, b.len - 1);
			pm_buf_puts(&b, "  # the element holds no asset: the model's asset of the highest threatened "
			                "harm stands in; name those this threat affects\n");
		}
	} else
		pm_buf_puts(&b, "    assets: []  # the model has no assets: name the ones this threat affects\n");
	int v4 = x->v4 && r->cvss_v4.s;
	pm_buf_printf(&b, "    cvss: %s\n", v4 ? r->cvss_v4.s : r->cvss.s);
	put_rationale(&b, r, v4);
	pm_buf_puts(&b, "    source: ");
	char src[300];
	snprintf(src, sizeof src, "premarket threat rule %s, %s", r->id.s, x->catalog);
	pm_json_str(&b, src);
	pm_buf_printf(&b, "\n    rule: [%s]\n", r->id.s);
	pm_buf_puts(&b, "    # Suggested controls: define them under controls: and list their ids here in controls:\n");
	for (size_t k = 0; k < r->controls.n; k++) {
		const pm_rule_control *c = &r->controls.v[k];
		pm_buf_printf(&b, "    #   %s: ", pm_enum_names_category[c->category.v]);
		put_line(&b, render(x, r->control_t[2 * k], idx));
		pm_buf_putc(&b, '\n');
		if (c->requirement.s) {
			pm_buf_puts(&b, "    #     requirement: ");
			put_line(&b, render(x, r->control_t[2 * k + 1], idx));
			pm_buf_putc(&b, '\n');
		}
	}
	out->threat_id = id;
	out->yaml = pm_arena_strdup(x->m->arena, b.data);
	pm_buf_free(&b);
	free(targets.v);
	free(assets.v);
}
