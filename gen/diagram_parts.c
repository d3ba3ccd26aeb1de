/* diagram_parts.c — what each part of a diagram shows (gen/diagram.h): a
 * component's node (kind, name, id, unused interfaces), a flow's label (id,
 * kind, protocol, the authentication / encryption / integrity badges), a
 * zone's label, the line of a flow, boundary marks and the text
 * alternative.  The layouts place these; they are built at the origin. */
#include "diagram.h"
#include "xalloc.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAD_X      8.0
#define PAD_Y      6.0
#define NAME_W     132.0 /* names wrap at this width, */
#define NAME_LINES 2     /* in at most this many lines */
#define LABEL_W    128.0
#define HEAD_W     150.0
#define STEP_W     190.0 /* a use case step's text on its arrow or in its note */
#define STEP_LINES 6
#define LEAD       1.24
#define BADGE      10.0
#define BADGE_GAP  3.0
#define MAX_UNUSED 3

/* ---- context -------------------------------------------------------------------------- */

/* "T-1, T-2" for every multi-patient threat that targets each component
 * and flow: the annotations of a multi-patient harm view. */
static void multi_patient_notes(pm_dg_ctx *c)
{
	const pm_model *m = c->m;
	uint8_t *mp = pm_dg_multi_patient_threats(m);
	c->mp_comp = pm_arena_array(c->tmp, m->components.n + 1, sizeof *c->mp_comp);
	c->mp_flow = pm_arena_array(c->tmp, m->flows.n + 1, sizeof *c->mp_flow);
	for (size_t t = 0; t < m->threats.n; t++) {
		const pm_threat *th = &m->threats.v[t];
		if (!mp[t] || !th->id.s)
			continue;
		for (size_t k = 0; k < th->targets.n; k++) {
			const pm_ref *r = &th->targets.v[k];
			const char **slot = NULL;
			if (r->kind == PM_K_COMPONENT && r->idx >= 0 && (size_t)r->idx < m->components.n)
				slot = &c->mp_comp[r->idx];
			else if (r->kind == PM_K_FLOW && r->idx >= 0 && (size_t)r->idx < m->flows.n)
				slot = &c->mp_flow[r->idx];
			else if (r->kind == PM_K_INTERFACE) {
				const pm_interface *itf = pm_model_obj(m, PM_K_INTERFACE, r->idx);
				if (itf && itf->component >= 0 && (size_t)itf->component < m->components.n)
					slot = &c->mp_comp[itf->component];
			}
			if (!slot || (*slot && strstr(*slot, th->id.s)))
				continue;
			char *s = *slot ? pm_xasprintf("%s, %s", *slot, th->id.s) : pm_xstrdup(th->id.s);
			*slot = pm_arena_strdup(c->tmp, s);
			free(s);
		}
	}
	free(mp);
}

void pm_dg_ctx_init(pm_dg_ctx *c, const pm_model *m, const pm_dg_spec *spec)
{
	memset(c, 0, sizeof *c);
	c->m = m;
	c->spec = spec;
	c->dg = pm_dg_new();
	c->tmp = pm_arena_new();
	if (spec->view_kind == PM_VIEW_MULTI_PATIENT)
		multi_patient_notes(c);
}

void pm_dg_ctx_free(pm_dg_ctx *c)
{
	free(c->notes.full);
	pm_arena_free(c->tmp);
	memset(c, 0, sizeof *c);
}

/* ---- protection ----------------------------------------------------------------------------- */

int pm_dg_protection(pm_str s)
{
	static const char *const absent[] = {"none",
	                                     "no",
	                                     "n/a",
	                                     "na",
	                                     "not applicable",
	                                     "not used",
	                                     "-",
	                                     "nothing",
	                                     "unauthenticated",
	                                     "unencrypted",
	                                     "plaintext",
	                                     "plain text",
	                                     "cleartext",
	                                     "clear text",
	                                     "not encrypted",
	                                     "not authenticated",
	                                     "without"};
	if (!s.s)
		return DG_NOT_STATED;
	const char *b = s.s;
	while (isspace((unsigned char)*b))
		b++;
	if (!*b)
		return DG_NOT_STATED;
	for (size_t i = 0; i < sizeof absent / sizeof *absent; i++) {
		size_t n = strlen(absent[i]);
		size_t k = 0;
		while (k < n && b[k] && tolower((unsigned char)b[k]) == absent[i][k])
			k++;
		if (k == n && !isalnum((unsigned char)b[n]) && b[n] != '-')
			return DG_NO;
	}
	return DG_YES;
}

/* ---- text blocks ------------------------------------------------------------------------------ */

typedef struct tline {
	const char *s;
	double size, w;
	int face, colour;
} tline;

typedef struct tblock {
	tline v[24];
	size_t n;
	double w, h;
} tblock;

static void tb_add(tblock *b, const char *s, double size, int face, int colour)
{
	if (b->n == sizeof b->v / sizeof *b->v)
		return;
	tline *l = &b->v[b->n++];
	l->s = s;
	l->size = size;
	l->face = face;
	l->colour = colour;
	l->w = pm_dg_width(s, strlen(s), face, size);
	if (l->w > b->w)
		b->w = l->w;
	b->h += size * LEAD;
}

/* Wrapped text as lines of the block. */
static int tb_wrap(pm_dg_ctx *c, tblock *b, const char *text, double size, int face, int colour, double maxw,
                   size_t maxl)
{
	const char *lines[16];
	int cut = 0;
	char *clean = pm_dg_clean(c->tmp, text);
	size_t n = pm_dg_wrap(c->tmp, clean, face, size, maxw, maxl, lines, &cut);
	for (size_t i = 0; i < n; i++)
		tb_add(b, lines[i], size, face, colour);
	return cut;
}

/* Draw the block centred on x, its top at y. */
static void tb_draw(pm_diagram *dg, const tblock *b, double cx, double y)
{
	for (size_t i = 0; i < b->n; i++) {
		const tline *l = &b->v[i];
		double lh = l->size * LEAD;
		pm_dg_text_add(dg, l->s, cx, y + (lh - l->size) / 2 + l->size * 0.8, l->size, l->face, DG_ANCHOR_MIDDLE,
		               l->colour);
		y += lh;
	}
}

/* A name that needed shortening gets "[n]", the number of its note. */
static void long_name(pm_dg_ctx *c, tblock *b, const char *name, double size, int face, int colour)
{
	size_t before = b->n;
	double bw = b->w, bh = b->h;
	if (!tb_wrap(c, b, name, size, face, colour, NAME_W, NAME_LINES))
		return;
	b->n = before;
	b->w = bw;
	b->h = bh;
	for (size_t i = 0; i < c->notes.n; i++)
		if (strcmp(c->notes.full[i], name) == 0) {
			before = i + 1;
			goto have;
		}
	c->notes.full = pm_xgrow(c->notes.full, &c->notes.cap, c->notes.n + 1, sizeof *c->notes.full);
	c->notes.full[c->notes.n++] = pm_arena_strdup(c->tmp, name);
	before = c->notes.n;
have:;
	char mark[32];
	snprintf(mark, sizeof mark, " [%zu]", before);
	double mw = pm_dg_width(mark, strlen(mark), face, size);
	const char *lines[NAME_LINES];
	char *clean = pm_dg_clean(c->tmp, name);
	size_t n = pm_dg_wrap(c->tmp, clean, face, size, NAME_W - mw, NAME_LINES, lines, NULL);
	for (size_t i = 0; i < n; i++) {
		if (i + 1 == n) {
			char *s = pm_xasprintf("%s%s", lines[i], mark);
			tb_add(b, pm_arena_strdup(c->tmp, s), size, face, colour);
			free(s);
		} else {
			tb_add(b, lines[i], size, face, colour);
		}
	}
}

static const char *kind_label(pm_dg_ctx *c, const char *kind)
{
	char *s = pm_xasprintf("\xC2\xAB%s\xC2\xBB", kind ? kind : "component");
	for (char *q = s; *q; q++)
		if (*q == '_')
			*q = ' ';
	const char *r = pm_arena_strdup(c->tmp, s);
	free(s);
	return r;
}

static const char *enum_name(const char *const *names, int n, pm_enum e)
{
	return e.at.line && e.v >= 0 && e.v < n ? names[e.v] : NULL;
}

const char *pm_dg_component_kind(const pm_component *c)
{
	return enum_name(pm_enum_names_component_kind, PM_N_COMPONENT_KIND, c->kind);
}

const char *pm_dg_flow_kind(const pm_flow *f)
{
	return enum_name(pm_enum_names_flow_kind, PM_N_FLOW_KIND, f->kind);
}

int pm_dg_trust(const pm_zone *z)
{
	return z->trust.at.line && z->trust.v >= 0 && z->trust.v < PM_N_TRUST ? z->trust.v : -1;
}

/* ---- nodes -------------------------------------------------------------------------------------- */

pm_dg_box pm_dg_component_node(pm_dg_ctx *c, int32_t ci)
{
	const pm_component *comp = &c->m->components.v[ci];
	const char *kind = pm_dg_component_kind(comp);
	int shape = pm_dg_shape_of(kind);
	const pm_dg_shape_info *si = &pm_dg_shapes[shape];
	const char *mp = c->mp_comp ? c->mp_comp[ci] : NULL;
	tblock b;
	memset(&b, 0, sizeof b);
	c->shapes_used |= 1u << shape;

	long_name(c, &b, comp->name.s ? comp->name.s : comp->id.s ? comp->id.s : "", DG_FONT_NODE, DG_BOLD, DG_C_INK);
	char *sub = pm_xasprintf("%s %s", kind_label(c, kind), comp->id.s ? comp->id.s : "");
	tb_wrap(c, &b, sub, DG_FONT_SMALL, DG_REGULAR, DG_C_MUTED, NAME_W, 1);
	free(sub);
	size_t unused = 0;
	for (size_t k = 0; k < comp->interfaces.n; k++) {
		const pm_interface *itf = &comp->interfaces.v[k];
		if (!itf->status.at.line || (itf->status.v != PM_IFS_UNUSED && itf->status.v != PM_IFS_DISABLED))
			continue;
		if (unused++ >= MAX_UNUSED)
			continue;
		const char *what = itf->name.s ? itf->name.s : itf->id.s;
		char *s = pm_xasprintf("\xE2\x8A\x98 %s (%s)", what ? what : "interface",
		                       itf->status.v == PM_IFS_UNUSED ? "unused" : "disabled");
		tb_wrap(c, &b, s, 6.5, DG_ITALIC, DG_C_MUTED, NAME_W, 1);
		free(s);
	}
	if (unused > MAX_UNUSED) {
		char *s = pm_xasprintf("+%zu more unused or disabled", unused - MAX_UNUSED);
		tb_add(&b, pm_arena_strdup(c->tmp, s), 6.5, DG_ITALIC, DG_C_MUTED);
		free(s);
	}
	if (unused)
		c->used_unused_if = 1;
	if (mp) {
		char *s = pm_xasprintf("\xE2\x9A\xA0 %s", mp);
		tb_wrap(c, &b, s, DG_FONT_SMALL, DG_BOLD, DG_C_ALERT, NAME_W, 2);
		free(s);
		c->used_mp = 1;
	}

	double w = b.w + 2 * PAD_X, h = b.h + 2 * PAD_Y;
	if (w < 84)
		w = 84;
	w = w * si->grow_w + si->pad_l + si->pad_r;
	h = h * si->grow_h + si->pad_t + si->pad_b;
	w = ceil(w);
	h = ceil(h);

	char *title = pm_xasprintf("%s: %s (%s)", comp->id.s ? comp->id.s : "", comp->name.s ? comp->name.s : "",
	                           kind ? kind : "component");
	pm_dg_box box = {pm_dg_group_begin(c->dg, DG_G_COMPONENT, DG_L_NODES, comp->id.s, title, kind), w, h};
	if (comp->zone.kind == PM_K_ZONE && comp->zone.id.s)
		c->dg->g[box.group].zone = pm_arena_strdup(c->dg->a, comp->zone.id.s);
	free(title);
	pm_dg_draw_shape(c->dg, shape, 0, 0, w, h, pm_dg_shape_fill(shape), mp != NULL);
	double inner_l = si->pad_l, inner_r = w - si->pad_r, inner_t = si->pad_t, inner_b = h - si->pad_b;
	tb_draw(c->dg, &b, (inner_l + inner_r) / 2, inner_t + (inner_b - inner_t - b.h) / 2);
	pm_dg_group_end(c->dg);
	return box;
}

/* ---- flows -------------------------------------------------------------------------------------- */

void pm_dg_badge(pm_diagram *dg, double x, double y, const char *letter, int state)
{
	int fill = state == DG_YES ? DG_C_GOOD : DG_C_WHITE;
	int stroke = state == DG_YES ? DG_C_GOOD : state == DG_NO ? DG_C_ALERT : DG_C_FAINT;
	int ink = state == DG_YES ? DG_C_WHITE : stroke;
	pm_dg_rect(dg, x, y, BADGE, BADGE, 2, fill, stroke, 0.8, state == DG_NOT_STATED ? DG_DOTTED : DG_SOLID);
	pm_dg_text_add(dg, letter, x + BADGE / 2, y + BADGE * 0.76, 7, DG_BOLD, DG_ANCHOR_MIDDLE, ink);
	if (state == DG_NO)
		pm_dg_segment(dg, x + 1, y + BADGE - 1, x + BADGE - 1, y + 1, DG_C_ALERT, 0.9, DG_SOLID);
}

/* The three badges, left edge at x, top at y. */
static void badges(pm_diagram *dg, double x, double y, int a, int e, int i)
{
	pm_dg_badge(dg, x, y, "A", a);
	pm_dg_badge(dg, x + BADGE + BADGE_GAP, y, "E", e);
	pm_dg_badge(dg, x + 2 * (BADGE + BADGE_GAP), y, "I", i);
}

static const char *protocol_text(pm_dg_ctx *c, const pm_flow *f)
{
	const char *p = f->protocol.s ? f->protocol.s : "protocol not stated";
	if (f->protocol_version.s && !strstr(p, f->protocol_version.s)) {
		char *s = pm_xasprintf("%s, %s", p, f->protocol_version.s);
		const char *r = pm_arena_strdup(c->tmp, s);
		free(s);
		return r;
	}
	return p;
}

pm_dg_box pm_dg_flow_label(pm_dg_ctx *c, int32_t fi, int number, const char *step)
{
	const pm_flow *f = &c->m->flows.v[fi];
	const char *kind = pm_dg_flow_kind(f);
	const char *mp = c->mp_flow ? c->mp_flow[fi] : NULL;
	const double bw = 3 * BADGE + 2 * BADGE_GAP;
	/* the first line: "[n. ]F-ID" and the three badges; then "kind · protocol" */
	char *head = number > 0 ? pm_xasprintf("%d. %s", number, f->id.s ? f->id.s : "")
	                        : pm_xstrdup(f->id.s ? f->id.s : "");
	const char *hl[1];
	pm_dg_wrap(c->tmp, pm_dg_clean(c->tmp, head), DG_BOLD, DG_FONT_LABEL, HEAD_W - bw - 4, 1, hl, NULL);
	free(head);
	double hw = pm_dg_width(hl[0], strlen(hl[0]), DG_BOLD, DG_FONT_LABEL), line1 = hw + 4 + bw;
	tblock b;
	memset(&b, 0, sizeof b);
	char *proto = pm_xasprintf("%s \xC2\xB7 %s", kind ? kind : "flow", protocol_text(c, f));
	tb_wrap(c, &b, proto, DG_FONT_SMALL, DG_REGULAR, DG_C_INK, LABEL_W, 2);
	free(proto);
	if (c->spec->view_kind == PM_VIEW_UPDATABILITY) {
		char *s = pm_xasprintf("integrity: %s", f->integrity.s ? f->integrity.s : "not stated");
		tb_wrap(c, &b, s, 6.5, DG_ITALIC, DG_C_MUTED, LABEL_W, 2);
		free(s);
	}
	if (mp) {
		char *s = pm_xasprintf("\xE2\x9A\xA0 %s", mp);
		tb_wrap(c, &b, s, DG_FONT_SMALL, DG_BOLD, DG_C_ALERT, LABEL_W, 2);
		free(s);
		c->used_mp = 1;
	}
	if (step)
		tb_wrap(c, &b, step, DG_FONT_STEP, DG_ITALIC, DG_C_INK, STEP_W, STEP_LINES);
	c->used_badges = 1;
	double top = BADGE + 2;
	double w = ceil((b.w > line1 ? b.w : line1) + 6), h = ceil(top + b.h + 4);
	char *title = pm_xasprintf("%s: %s", f->id.s ? f->id.s : "", f->name.s ? f->name.s : "");
	pm_dg_box box = {pm_dg_group_begin(c->dg, DG_G_LABEL, DG_L_LABELS, f->id.s, title, kind), w, h};
	free(title);
	pm_dg_rect(c->dg, 0, 0, w, h, 2.5, DG_C_WHITE, DG_C_NONE, 0, DG_SOLID);
	double x0 = (w - line1) / 2;
	pm_dg_text_add(c->dg, hl[0], x0, 2 + BADGE * 0.8, DG_FONT_LABEL, DG_BOLD, DG_ANCHOR_START, DG_C_INK);
	badges(c->dg, x0 + hw + 4, 2, pm_dg_protection(f->authentication), pm_dg_protection(f->encryption),
	       pm_dg_protection(f->integrity));
	tb_draw(c->dg, &b, w / 2, 2 + top);
	pm_dg_group_end(c->dg);
	return box;
}

pm_dg_box pm_dg_step_note(pm_dg_ctx *c, int number, const char *text, double width)
{
	tblock b;
	memset(&b, 0, sizeof b);
	char *t = pm_xasprintf("%d. %s", number, text);
	tb_wrap(c, &b, t, DG_FONT_STEP, DG_ITALIC, DG_C_INK, width - 12, STEP_LINES);
	free(t);
	double w = ceil(width), h = ceil(b.h + 8);
	char *title = pm_xasprintf("Step %d", number);
	pm_dg_box box = {pm_dg_group_begin(c->dg, DG_G_NOTE, DG_L_LABELS, NULL, title, NULL), w, h};
	free(title);
	pm_dg_rect(c->dg, 0, 0, w, h, 2.5, DG_C_NOTE, DG_C_FAINT, 0.6, DG_SOLID);
	tb_draw(c->dg, &b, w / 2, 4);
	pm_dg_group_end(c->dg);
	c->used_notes = 1;
	return box;
}

void pm_dg_flow_style(pm_dg_ctx *c, int32_t fi, int *stroke, int *dash, double *width)
{
	const pm_model *m = c->m;
	const pm_flow *f = &m->flows.v[fi];
	int a = pm_dg_protection(f->authentication), e = pm_dg_protection(f->encryption);
	const pm_component *from = &m->components.v[f->from.idx], *to = &m->components.v[f->to.idx];
	int cross = from->zone.idx != to->zone.idx;
	*dash = e == DG_YES ? DG_SOLID : e == DG_NO ? DG_DASHED : DG_DOTTED;
	*stroke = cross && (a != DG_YES || e != DG_YES) ? DG_C_ALERT : DG_C_LINE;
	*width = f->kind.at.line && f->kind.v == PM_FLOW_CODE ? 1.7 : 1.1;
	c->used_code |= f->kind.at.line && f->kind.v == PM_FLOW_CODE;
	c->used_dash[*dash] = 1;
	if (*stroke == DG_C_ALERT)
		c->used_alert_line = 1;
}

static int id_char(char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' ||
	       ch == '-';
}

/* Whether text names id as a word ("(F-CMD)", "F-CMD: ...", "... F-CMD."). */
int pm_dg_names(const char *text, const char *id)
{
	size_t n = id ? strlen(id) : 0;
	if (!text || !n)
		return 0;
	for (const char *p = strstr(text, id); p; p = strstr(p + 1, id)) {
		char after = p[n];
		int tail_ok = !id_char(after) && !((after == '.' || after == ':') && id_char(p[n + 1]));
		if ((p == text || !id_char(p[-1])) && tail_ok)
			return 1;
	}
	return 0;
}

int32_t pm_dg_zone_within(const pm_model *m, int32_t z)
{
	if (z < 0 || (size_t)z >= m->zones.n)
		return -1;
	const pm_ref *w = &m->zones.v[z].within;
	return w->kind == PM_K_ZONE && w->idx >= 0 && (size_t)w->idx < m->zones.n && w->idx != z ? w->idx : -1;
}

int pm_dg_flow_arrows(const pm_model *m, int32_t fi)
{
	return DG_ARROW_END | (m->flows.v[fi].bidirectional.v ? DG_ARROW_START : 0);
}

void pm_dg_mark(pm_dg_ctx *c, double x, double y)
{
	pm_dg_ellipse(c->dg, x, y, 3.4, 3.4, DG_C_WHITE, DG_C_NODE_STROKE, 1.1);
	pm_dg_ellipse(c->dg, x, y, 1.2, 1.2, DG_C_NODE_STROKE, DG_C_NONE, 0);
	c->used_marks = 1;
}

/* An arrowhead with its point at tip, coming from base (or, when base is on
 * the tip, along the path's tangent there: the point of pts[] other than
 * the tip nearest to it, walking from index k by step). */
static void head(pm_diagram *dg, pm_dg_pt tip, pm_dg_pt base, const pm_dg_pt *pts, size_t n, size_t k, int step,
                 int stroke, double width)
{
	double dx = tip.x - base.x, dy = tip.y - base.y, len = sqrt(dx * dx + dy * dy);
	if (len < 0.5) { /* the path ends at the tip: the head along its last tangent */
		while (k < n && fabs(pts[k].x - tip.x) + fabs(pts[k].y - tip.y) < 0.5)
			k = step > 0 ? k + 1 : k - 1; /* size_t wraps below 0: k >= n stops */
		if (k >= n)
			return;
		dx = tip.x - pts[k].x;
		dy = tip.y - pts[k].y;
		len = sqrt(dx * dx + dy * dy);
		double al = 7 + width;
		base = (pm_dg_pt){tip.x - dx / len * al, tip.y - dy / len * al};
		dx = tip.x - base.x;
		dy = tip.y - base.y;
		len = sqrt(dx * dx + dy * dy);
	}
	double ux = dx / len, uy = dy / len, half = 3.6 + width * 0.6;
	pm_dg_paint_begin(dg, stroke, stroke, 0.6, DG_SOLID);
	pm_dg_move(dg, tip.x, tip.y);
	pm_dg_line(dg, base.x - uy * half, base.y + ux * half);
	pm_dg_line(dg, base.x + uy * half, base.y - ux * half);
	pm_dg_close(dg);
	pm_dg_paint_end(dg);
}

void pm_dg_edge_draw(pm_dg_ctx *c, const pm_dg_pt *pts, size_t n, int arrow, pm_dg_pt tip, int stroke, int dash,
                     double width)
{
	pm_diagram *dg = c->dg;
	if (n < 1)
		return;
	pm_dg_paint_begin(dg, DG_C_NONE, stroke, width, dash);
	pm_dg_move(dg, pts[0].x, pts[0].y);
	size_t i = 1;
	for (; i + 2 < n; i += 3)
		pm_dg_curve(dg, pts[i].x, pts[i].y, pts[i + 1].x, pts[i + 1].y, pts[i + 2].x, pts[i + 2].y);
	for (; i < n; i++)
		pm_dg_line(dg, pts[i].x, pts[i].y);
	pm_dg_paint_end(dg);
	if (arrow & DG_ARROW_END)
		head(dg, tip, pts[n - 1], pts, n, n - 1, -1, stroke, width);
	if ((arrow & DG_ARROW_START) && n > 1) {
		head(dg, pts[0], pts[0], pts, n, 1, 1, stroke, width);
		c->used_bidir = 1;
	}
}

/* ---- zones -------------------------------------------------------------------------------------- */

static const char *trust_text(const pm_model *m, int32_t z)
{
	static const char *const trust[] = {"untrusted", "partially trusted", "trusted"};
	int t = pm_dg_trust(&m->zones.v[z]);
	return t >= 0 && t < 3 ? trust[t] : "trust not stated";
}

void pm_dg_zone_colours(const pm_model *m, int32_t z, int *fill, int *line)
{
	int t = z >= 0 ? pm_dg_trust(&m->zones.v[z]) : -1;
	*fill = t == PM_TRUST_TRUSTED     ? DG_C_Z_TRUSTED
	        : t == PM_TRUST_PARTIAL   ? DG_C_Z_PARTIAL
	        : t == PM_TRUST_UNTRUSTED ? DG_C_Z_UNTRUSTED
	                                  : DG_C_Z_UNKNOWN;
	*line = *fill + 1;
}

#define ZONE_NAME_W 240.0
#define ZONE_GAP    6.0

static const char *zone_name(pm_dg_ctx *c, int32_t z)
{
	const pm_zone *zn = &c->m->zones.v[z];
	const char *lines[1];
	char *clean = pm_dg_clean(c->tmp, zn->name.s ? zn->name.s : zn->id.s ? zn->id.s : "");
	pm_dg_wrap(c->tmp, clean, DG_BOLD, 8, ZONE_NAME_W, 1, lines, NULL);
	return lines[0];
}

static const char *zone_detail(pm_dg_ctx *c, int32_t z)
{
	const pm_zone *zn = &c->m->zones.v[z];
	const char *by = enum_name(pm_enum_names_controller, PM_N_CONTROLLER, zn->controlled_by);
	char *s = pm_xasprintf("%s \xC2\xB7 %s%s%s", zn->id.s ? zn->id.s : "", trust_text(c->m, z),
	                       by ? ", controlled by " : "", by ? by : "");
	for (char *q = s; *q; q++)
		if (*q == '_')
			*q = ' ';
	const char *r = pm_arena_strdup(c->tmp, s);
	free(s);
	return r;
}

void pm_dg_zone_label(pm_dg_ctx *c, int32_t z, int stacked, double *w, double *h)
{
	const char *name = zone_name(c, z), *detail = zone_detail(c, z);
	double nw = pm_dg_width(name, strlen(name), DG_BOLD, 8),
	       dw = pm_dg_width(detail, strlen(detail), DG_REGULAR, 7);
	*w = ceil(stacked ? (nw > dw ? nw : dw) + 4 : nw + ZONE_GAP + dw + 4);
	*h = stacked ? 22 : 13;
	int t = pm_dg_trust(&c->m->zones.v[z]);
	c->zones_used |= 1u << (t >= 0 && t < 3 ? t : 3);
}

void pm_dg_zone_label_draw(pm_dg_ctx *c, int32_t z, int stacked, double x, double y)
{
	const char *name = zone_name(c, z), *detail = zone_detail(c, z);
	int fill, line;
	pm_dg_zone_colours(c->m, z, &fill, &line);
	pm_dg_text_add(c->dg, name, x, y + 9.5, 8, DG_BOLD, DG_ANCHOR_START, line);
	if (stacked)
		pm_dg_text_add(c->dg, detail, x, y + 19, 7, DG_REGULAR, DG_ANCHOR_START, DG_C_MUTED);
	else
		pm_dg_text_add(c->dg, detail, x + pm_dg_width(name, strlen(name), DG_BOLD, 8) + ZONE_GAP, y + 9.5, 7,
		               DG_REGULAR, DG_ANCHOR_START, DG_C_MUTED);
}

/* ---- the text alternative ------------------------------------------------------------------------ */

static const char *state_word(int s)
{
	return s == DG_YES ? "stated" : s == DG_NO ? "none" : "not stated";
}

void pm_dg_describe(pm_dg_ctx *c)
{
	const pm_model *m = c->m;
	const pm_dg_spec *s = c->spec;
	pm_buf b;
	pm_buf_init(&b, 0);
	pm_buf_printf(&b, "%s. %s", s->caption, s->basis ? s->basis : "");
	for (size_t z = 0; z < m->zones.n; z++) {
		size_t n = 0;
		for (size_t k = 0; k < s->ncomps; k++) {
			const pm_component *comp = &m->components.v[s->comps[k]];
			if (comp->zone.kind != PM_K_ZONE || comp->zone.idx != (int32_t)z)
				continue;
			const char *kind = pm_dg_component_kind(comp);
			if (!n++) {
				const pm_ref *w = &m->zones.v[z].within;
				pm_buf_printf(&b,
				              " Zone %s, %s (%s%s%s):", m->zones.v[z].id.s ? m->zones.v[z].id.s : "",
				              m->zones.v[z].name.s ? m->zones.v[z].name.s : "",
				              trust_text(m, (int32_t)z), w->kind == PM_K_ZONE ? ", within " : "",
				              w->kind == PM_K_ZONE && w->id.s ? w->id.s : "");
			}
			pm_buf_printf(&b, " %s %s (%s);", comp->id.s ? comp->id.s : "",
			              comp->name.s ? comp->name.s : "", kind ? kind : "component");
		}
	}
	for (size_t k = 0; k < s->nflows; k++) {
		const pm_flow *f = &m->flows.v[s->flows[k]];
		const pm_component *from = &m->components.v[f->from.idx], *to = &m->components.v[f->to.idx];
		pm_buf_printf(
		        &b, " Flow %s%s%s from %s to %s%s over %s; authentication %s, encryption %s, integrity %s%s.",
		        f->id.s ? f->id.s : "", f->name.s ? ", " : "", f->name.s ? f->name.s : "",
		        from->id.s ? from->id.s : "", to->id.s ? to->id.s : "", f->bidirectional.v ? " and back" : "",
		        f->protocol.s ? f->protocol.s : "a protocol not stated",
		        state_word(pm_dg_protection(f->authentication)), state_word(pm_dg_protection(f->encryption)),
		        state_word(pm_dg_protection(f->integrity)),
		        from->zone.idx != to->zone.idx ? "; it crosses a trust boundary" : "");
	}
	c->dg->desc = pm_dg_clean(c->dg->a, b.data ? b.data : "");
	/* the short one: caption, basis, zones, and the flows in numbers */
	pm_buf_clear(&b);
	pm_buf_printf(&b, "%s. %s", s->caption, s->basis ? s->basis : "");
	size_t nz = 0;
	for (size_t z = 0; z < m->zones.n; z++) {
		int in = 0;
		for (size_t k = 0; k < s->ncomps && !in; k++)
			in = m->components.v[s->comps[k]].zone.kind == PM_K_ZONE &&
			     m->components.v[s->comps[k]].zone.idx == (int32_t)z;
		if (in)
			pm_buf_printf(&b, "%s%s (%s)", nz++ ? ", " : " Zones: ",
			              m->zones.v[z].name.s ? m->zones.v[z].name.s
			              : m->zones.v[z].id.s ? m->zones.v[z].id.s
			                                   : "",
			              trust_text(m, (int32_t)z));
	}
	if (nz)
		pm_buf_puts(&b, ".");
	size_t cross = 0, auth = 0, enc = 0, integ = 0;
	for (size_t k = 0; k < s->nflows; k++) {
		const pm_flow *f = &m->flows.v[s->flows[k]];
		cross += m->components.v[f->from.idx].zone.idx != m->components.v[f->to.idx].zone.idx;
		auth += pm_dg_protection(f->authentication) == DG_YES;
		enc += pm_dg_protection(f->encryption) == DG_YES;
		integ += pm_dg_protection(f->integrity) == DG_YES;
	}
	if (s->nflows)
		pm_buf_printf(&b,
		              " Of its %zu flow%s, %zu cross%s a trust boundary; authentication is stated for %zu, "
		              "encryption for %zu, integrity protection for %zu.",
		              s->nflows, s->nflows == 1 ? "" : "s", cross, cross == 1 ? "es" : "", auth, enc, integ);
	c->dg->alt = pm_dg_clean(c->dg->a, b.data ? b.data : "");
	pm_buf_free(&b);
}

/* ---- summaries ---------------------------------------------------------------------------------- */

pm_dg_box pm_dg_zone_node(pm_dg_ctx *c, int32_t z, size_t ncomps, size_t ninternal, const char *href, int stub)
{
	const pm_model *m = c->m;
	const pm_zone *zn = &m->zones.v[z];
	int fill, line;
	pm_dg_zone_colours(m, z, &fill, &line);
	tblock b;
	memset(&b, 0, sizeof b);
	char *s = stub ? pm_xasprintf("zone \xC2\xB7 %s", trust_text(m, z))
	               : pm_xasprintf("\xC2\xABzone\xC2\xBB \xC2\xB7 %s", trust_text(m, z));
	tb_add(&b, pm_arena_strdup(c->tmp, s), DG_FONT_SMALL, DG_ITALIC, DG_C_MUTED);
	free(s);
	long_name(c, &b, zn->name.s ? zn->name.s : zn->id.s ? zn->id.s : "", DG_FONT_NODE, DG_BOLD, line);
	tb_add(&b, pm_dg_clean(c->tmp, zn->id.s ? zn->id.s : ""), DG_FONT_SMALL, DG_REGULAR, DG_C_MUTED);
	s = stub ? pm_xasprintf("%zu component%s", ncomps, ncomps == 1 ? "" : "s")
	         : pm_xasprintf("%zu component%s, %zu flow%s within", ncomps, ncomps == 1 ? "" : "s", ninternal,
	                        ninternal == 1 ? "" : "s");
	tb_add(&b, pm_arena_strdup(c->tmp, s), DG_FONT_SMALL, DG_REGULAR, DG_C_INK);
	free(s);
	if (!stub) {
		size_t shown = 0, more = 0;
		const pm_dg_spec *sp = c->spec;
		for (size_t k = 0; k < sp->ncomps; k++) {
			const pm_component *comp = &m->components.v[sp->comps[k]];
			if (comp->zone.kind != PM_K_ZONE || comp->zone.idx != z)
				continue;
			if (shown < 4) {
				tb_wrap(c, &b,
				        comp->name.s ? comp->name.s
				        : comp->id.s ? comp->id.s
				                     : "",
				        6.5, DG_REGULAR, DG_C_MUTED, NAME_W, 1);
				shown++;
			} else {
				more++;
			}
		}
		if (more) {
			s = pm_xasprintf("+%zu more (see its diagram)", more);
			tb_add(&b, pm_arena_strdup(c->tmp, s), 6.5, DG_ITALIC, DG_C_MUTED);
			free(s);
		}
	}
	double w = ceil(b.w + 2 * PAD_X), h = ceil(b.h + 2 * PAD_Y);
	if (w < 100)
		w = 100;
	char *title = pm_xasprintf("Zone %s: %s (%s)", zn->id.s ? zn->id.s : "", zn->name.s ? zn->name.s : "",
	                           trust_text(m, z));
	pm_dg_box box = {pm_dg_group_begin(c->dg, stub ? DG_G_STUB : DG_G_ZONE_NODE, DG_L_NODES, zn->id.s, title, NULL),
	                 w, h};
	free(title);
	if (href)
		c->dg->g[box.group].href = pm_arena_strdup(c->dg->a, href);
	pm_dg_draw_shape(c->dg, stub ? DG_S_STUB : DG_S_ZONE, 0, 0, w, h, fill, 0);
	tb_draw(c->dg, &b, w / 2, (h - b.h) / 2);
	pm_dg_group_end(c->dg);
	c->shapes_used |= 1u << (stub ? DG_S_STUB : DG_S_ZONE);
	int t = pm_dg_trust(zn);
	c->zones_used |= 1u << (t >= 0 && t < 3 ? t : 3);
	return box;
}

pm_dg_box pm_dg_aggregate_label(pm_dg_ctx *c, const char *id, size_t n, size_t auth, size_t enc, size_t integ)
{
	tblock b;
	memset(&b, 0, sizeof b);
	char *s = pm_xasprintf("%zu flow%s", n, n == 1 ? "" : "s");
	tb_add(&b, pm_arena_strdup(c->tmp, s), DG_FONT_LABEL, DG_BOLD, DG_C_INK);
	free(s);
	s = pm_xasprintf("A %zu/%zu \xC2\xB7 E %zu/%zu \xC2\xB7 I %zu/%zu", auth, n, enc, n, integ, n);
	tb_add(&b, pm_arena_strdup(c->tmp, s), DG_FONT_SMALL, DG_REGULAR,
	       auth == n && enc == n ? DG_C_INK : DG_C_ALERT);
	free(s);
	double w = ceil(b.w + 6), h = ceil(b.h + 4);
	pm_dg_box box = {pm_dg_group_begin(c->dg, DG_G_LABEL, DG_L_LABELS, id, NULL, NULL), w, h};
	pm_dg_rect(c->dg, 0, 0, w, h, 2.5, DG_C_WHITE, DG_C_NONE, 0, DG_SOLID);
	tb_draw(c->dg, &b, w / 2, 2);
	pm_dg_group_end(c->dg);
	c->used_counts = 1;
	return box;
}

pm_dg_box pm_dg_more_node(pm_dg_ctx *c, size_t comps, size_t flows)
{
	tblock b;
	memset(&b, 0, sizeof b);
	char *s = pm_xasprintf("+%zu more component%s", comps, comps == 1 ? "" : "s");
	tb_add(&b, pm_arena_strdup(c->tmp, s), DG_FONT_NODE, DG_BOLD, DG_C_MUTED);
	free(s);
	s = flows ? pm_xasprintf("with %zu flow%s not drawn", flows, flows == 1 ? "" : "s")
	          : pm_xstrdup("without flows");
	tb_add(&b, pm_arena_strdup(c->tmp, s), DG_FONT_SMALL, DG_REGULAR, DG_C_MUTED);
	free(s);
	tb_add(&b, "listed in the Threat Model", DG_FONT_SMALL, DG_ITALIC, DG_C_MUTED);
	double w = ceil(b.w + 2 * PAD_X), h = ceil(b.h + 2 * PAD_Y);
	char *title = pm_xasprintf("%zu more components of the zone, not drawn", comps);
	pm_dg_box box = {pm_dg_group_begin(c->dg, DG_G_MORE, DG_L_NODES, NULL, title, NULL), w, h};
	free(title);
	pm_dg_draw_shape(c->dg, DG_S_STUB, 0, 0, w, h, DG_C_WHITE, 0);
	tb_draw(c->dg, &b, w / 2, (h - b.h) / 2);
	pm_dg_group_end(c->dg);
	return box;
}
