/* rule_eval.c — evaluating a parsed condition on one element, and saying
 * why it holds (rule_cond.h).
 *
 * Semantics, as docs/threats.md states them:
 *  - a path that cannot be followed (a flow without to_interface, say)
 *    makes its test false;
 *  - a test of an attribute the model does not state is false, whatever
 *    the operator, except '!=', which is 'not =' and so true;
 *  - text compares without regard to case; a list of texts (an
 *    interface's protocols) matches when one of its items does;
 *    'contains' looks for a substring, 'mentions' for a whole word or
 *    phrase ("Device PIN" mentions "pin", "pinned" does not);
 *  - numbers are read from the start of a text (rc_number): "2575/tcp" is
 *    2575, "49152-65535" the range, which '=' and 'in' match anywhere
 *    inside; "13.56 MHz" and "GATT 0x1801" are no port numbers;
 *  - any: some neighbour satisfies the condition (without one: there is a
 *    neighbour); all: every neighbour does (true when there is none);
 *    no: none does (without a condition: there is no neighbour).
 * Nothing is allocated; the graph is read only.
 */
#include "rule_cond.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* ---- values -------------------------------------------------------------------------------- */

static size_t n_texts(const rc_val *v)
{
	return v->text ? v->n_text : 2;
}

static const char *text_at(const rc_val *v, size_t i)
{
	return v->text ? v->text[i].s : v->one[i];
}

static int ci_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return n == 0;
}

static int follow(const rc_graph *g, const rc_rel *const *steps, size_t n, int32_t *idx)
{
	for (size_t i = 0; i < n; i++)
		if ((*idx = steps[i]->one(g, *idx)) < 0)
			return 0;
	return 1;
}

static void value_of(const rc_node *n, const rc_graph *g, int32_t idx, rc_val *v)
{
	memset(v, 0, sizeof *v);
	if (follow(g, n->steps, n->n_steps, &idx))
		n->attr->get(g, idx, v);
}

/* '=' (or 'in', 'contains', 'mentions': against any of the values) for one text or number item. */
static int item_eq(const rc_node *n, const char *s, rc_cmp how)
{
	if (!s)
		return 0;
	double lo, hi;
	int num = n->attr->type == RC_NUM && rc_number(s, &lo, &hi);
	for (size_t k = 0; k < n->n_lits; k++) {
		const rc_lit *l = &n->lits[k];
		if (n->attr->type == RC_NUM) {
			if (num && l->lo <= hi && lo <= l->hi)
				return 1;
		} else if (how == RC_CONTAINS   ? ci_contains(s, l->s)
		           : how == RC_MENTIONS ? rc_has_word(s, l->s)
		                                : strcasecmp(s, l->s) == 0) {
			return 1;
		}
	}
	return 0;
}

static int item_order(const rc_node *n, const char *s)
{
	double lo, hi, x = n->lits[0].lo;
	if (!s || !rc_number(s, &lo, &hi))
		return 0;
	switch (n->cmp) {
	case RC_LT:
		return lo < x;
	case RC_LE:
		return lo <= x;
	case RC_GT:
		return hi > x;
	case RC_GE:
		return hi >= x;
	default:
		return 0;
	}
}

static int test_texts(const rc_node *n, const rc_val *v)
{
	for (size_t i = 0; i < n_texts(v); i++) {
		const char *s = text_at(v, i);
		int hit;
		switch (n->cmp) {
		case RC_STATED:
			hit = s && s[0];
			break;
		case RC_EQ:
		case RC_IN:
			hit = item_eq(n, s, RC_EQ);
			break;
		case RC_CONTAINS:
		case RC_MENTIONS:
			hit = item_eq(n, s, n->cmp);
			break;
		default:
			hit = item_order(n, s);
			break;
		}
		if (hit)
			return 1;
	}
	return 0;
}

static int test_enum(const rc_node *n, const rc_val *v)
{
	int e = v->e, x = n->n_lits ? n->lits[0].e : 0;
	switch (n->cmp) {
	case RC_STATED:
		return 1;
	case RC_EQ:
		return e == x;
	case RC_IN:
		for (size_t k = 0; k < n->n_lits; k++)
			if (n->lits[k].e == e)
				return 1;
		return 0;
	case RC_LT:
		return e < x;
	case RC_LE:
		return e <= x;
	case RC_GT:
		return e > x;
	case RC_GE:
		return e >= x;
	default:
		return 0;
	}
}

static int test(const rc_node *n, const rc_graph *g, int32_t idx)
{
	rc_val v;
	value_of(n, g, idx, &v);
	int ne = n->cmp == RC_NE;
	const rc_node *m = n;
	rc_node eq;
	if (ne) { /* '!=' is 'not =' */
		eq = *n;
		eq.cmp = RC_EQ;
		m = &eq;
	}
	int hit = 0;
	if (v.present) {
		switch (n->attr->type) {
		case RC_BOOL:
			hit = m->cmp == RC_STATED ? v.b : v.b == m->lits[0].e;
			break;
		case RC_ENUM:
		case RC_ORD:
			hit = test_enum(m, &v);
			break;
		default:
			hit = test_texts(m, &v);
			break;
		}
	}
	return ne ? !hit : hit;
}

/* ---- evaluation ------------------------------------------------------------------------------------ */

/* The first neighbour of a quantifier for which its condition is `want`, or -1;
 * *count gets the number of neighbours (0 when the path cannot be followed). */
static int32_t witness(const rc_node *n, const rc_graph *g, int32_t idx, int want, size_t *count)
{
	*count = 0;
	if (!follow(g, n->steps, n->n_steps, &idx))
		return -1;
	const int32_t *nb;
	size_t k = rc_neighbours(g, n->many, idx, &nb);
	*count = k;
	for (size_t i = 0; i < k; i++)
		if ((n->a ? rc_eval(n->a, g, nb[i]) : 1) == want)
			return nb[i];
	return -1;
}

int rc_eval(const rc_node *n, const rc_graph *g, int32_t idx)
{
	size_t count;
	switch (n->op) {
	case RC_AND:
		return rc_eval(n->a, g, idx) && rc_eval(n->b, g, idx);
	case RC_OR:
		return rc_eval(n->a, g, idx) || rc_eval(n->b, g, idx);
	case RC_NOT:
		return !rc_eval(n->a, g, idx);
	case RC_ANY:
		return witness(n, g, idx, 1, &count) >= 0;
	case RC_ALL:
		return witness(n, g, idx, 0, &count) < 0;
	case RC_NO:
		return witness(n, g, idx, 1, &count) < 0;
	case RC_TEST:
		return test(n, g, idx);
	}
	return 0;
}

/* ---- explanations ------------------------------------------------------------------------------------ */

static void put_path(pm_buf *out, const rc_rel *const *steps, size_t n, const char *last)
{
	for (size_t i = 0; i < n; i++)
		pm_buf_printf(out, "%s.", steps[i]->name);
	pm_buf_puts(out, last);
}

static void put_value(pm_buf *out, const rc_attr *a, const rc_val *v, int quote)
{
	if (!v->present) {
		pm_buf_puts(out, "not stated");
		return;
	}
	switch (a->type) {
	case RC_BOOL:
		pm_buf_puts(out, quote ? (v->b ? "true" : "false") : (v->b ? "yes" : "no"));
		if (quote && v->note)
			pm_buf_printf(out, " (%s)", v->note);
		return;
	case RC_ENUM:
	case RC_ORD:
		pm_buf_puts(out, a->values[v->e]);
		return;
	default: {
		int first = 1;
		for (size_t i = 0; i < n_texts(v); i++) {
			const char *s = text_at(v, i);
			if (!s || !s[0])
				continue;
			pm_buf_printf(out, quote ? "%s\"%s\"" : "%s%s", first ? "" : ", ", s);
			first = 0;
		}
		return;
	}
	}
}

static void fact(const rc_node *n, const rc_graph *g, int32_t idx, pm_buf *out)
{
	rc_val v;
	value_of(n, g, idx, &v);
	put_path(out, n->steps, n->n_steps, n->attr->name);
	pm_buf_puts(out, " is ");
	put_value(out, n->attr, &v, 1);
}

static void source(const rc_node *n, const char *text, pm_buf *out)
{
	pm_buf_put(out, text + n->start, n->end - n->start);
}

static void explain(const rc_node *n, const char *text, const rc_graph *g, int32_t idx, int holds, pm_buf *out);

static void quant_head(const rc_node *n, pm_buf *out)
{
	put_path(out, n->steps, n->n_steps, n->many->name);
}

static void explain_quant(const rc_node *n, const char *text, const rc_graph *g, int32_t idx, int holds, pm_buf *out)
{
	size_t count;
	/* any true / no false: a neighbour that satisfies it; all false: one that does not */
	int show_witness = (n->op == RC_ANY && holds) || (n->op == RC_NO && !holds) || (n->op == RC_ALL && !holds);
	if (show_witness) {
		int want = n->op != RC_ALL;
		int32_t w = witness(n, g, idx, want, &count);
		quant_head(n, out);
		pm_buf_printf(out, " %s", rc_id(g, n->many->to, w));
		if (n->a) {
			pm_buf_puts(out, ": ");
			explain(n->a, text, g, w, want, out);
		}
		return;
	}
	witness(n, g, idx, 1, &count);
	if (n->op == RC_ALL) { /* all true */
		pm_buf_printf(out, "all %zu ", count);
		quant_head(n, out);
		if (n->a) {
			pm_buf_puts(out, ": ");
			source(n->a, text, out);
		}
		return;
	}
	/* any false, no true */
	pm_buf_puts(out, "no ");
	quant_head(n, out);
	if (n->a) {
		pm_buf_puts(out, " with ");
		source(n->a, text, out);
	}
}

/* Why n evaluates to `holds` on element idx. */
static void explain(const rc_node *n, const char *text, const rc_graph *g, int32_t idx, int holds, pm_buf *out)
{
	switch (n->op) {
	case RC_AND:
	case RC_OR:
		/* and true / or false: both sides; and false / or true: the first side that decides */
		if ((n->op == RC_AND) == holds) {
			explain(n->a, text, g, idx, holds, out);
			pm_buf_puts(out, "; ");
			explain(n->b, text, g, idx, holds, out);
		} else {
			const rc_node *d = rc_eval(n->a, g, idx) == holds ? n->a : n->b;
			explain(d, text, g, idx, holds, out);
		}
		return;
	case RC_NOT:
		explain(n->a, text, g, idx, !holds, out);
		return;
	case RC_ANY:
	case RC_ALL:
	case RC_NO:
		explain_quant(n, text, g, idx, holds, out);
		return;
	case RC_TEST:
		fact(n, g, idx, out);
		return;
	}
}

void rc_explain(const rc_node *n, const char *text, const rc_graph *g, int32_t idx, pm_buf *out)
{
	explain(n, text, g, idx, rc_eval(n, g, idx), out);
}

void rc_template_render(const rc_template *t, const rc_graph *g, int32_t idx, pm_buf *out)
{
	for (size_t i = 0; i < t->n; i++) {
		const rc_piece *pc = &t->v[i];
		if (pc->lit) {
			pm_buf_puts(out, pc->lit);
			continue;
		}
		rc_val v;
		memset(&v, 0, sizeof v);
		int32_t at = idx;
		int reached = follow(g, pc->steps, pc->n_steps, &at);
		if (reached)
			pc->attr->get(g, at, &v);
		size_t before = out->len;
		if (v.present)
			put_value(out, pc->attr, &v, 0);
		if (out->len == before && reached && strcmp(pc->attr->name, "name") == 0) {
			/* an element without a name is called by its id */
			rc_elem el = pc->n_steps ? pc->steps[pc->n_steps - 1]->to : pc->ctx;
			pm_buf_puts(out, rc_id(g, el, at));
		}
		if (out->len == before)
			pm_buf_printf(out, "(%s not stated)", pc->attr->name);
	}
}
