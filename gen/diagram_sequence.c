/* diagram_sequence.c — a security use case as a call flow (DG_SEQUENCE,
 * gen/diagram.h): one lifeline per component, grouped under its zone,
 * and the use case's flows as numbered messages from top to bottom in the
 * order the use case lists them.  No graphviz: columns and rows are placed
 * here, wide enough for every message's label. */
#include "diagram.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#define COL_GAP   26.0 /* between heads of one zone */
#define ZONE_GAP  40.0 /* between heads of different zones */
#define ZONE_PAD  10.0 /* a zone box around its heads */
#define ZONE_HEAD 28.0 /* room for the zone label (two lines) */
#define MSG_GAP   12.0
#define SELF_W    26.0
#define NEST_PAD  7.0   /* a zone around the zones within it, per level */
#define NOTE_W    200.0 /* a step's note at least */

typedef struct part {
	int32_t comp, zone;
	pm_dg_box box;
	double cx;
} part;

static int32_t zone_of(const pm_model *m, int32_t comp)
{
	const pm_ref *z = &m->components.v[comp].zone;
	return z->kind == PM_K_ZONE && z->idx >= 0 && (size_t)z->idx < m->zones.n ? z->idx : -1;
}

/* The zones around a participant's zone, outermost first, then the zone
 * itself: its chain (at most MAX_NEST long).  Returns the length. */
#define MAX_NEST 8
static size_t chain_of(const pm_model *m, int32_t z, int32_t *ch)
{
	int32_t tmp[MAX_NEST];
	size_t n = 0;
	while (z >= 0 && n < MAX_NEST) {
		tmp[n++] = z;
		z = pm_dg_zone_within(m, z);
	}
	for (size_t i = 0; i < n; i++)
		ch[i] = tmp[n - 1 - i];
	return n;
}

/* Participants grouped by zone, a zone's own before those of the zones
 * within it, zones (at each level) in order of first appearance, and
 * components in order of first appearance: first the flows' ends, then the
 * other listed components.  So every zone's participants are adjacent. */
static size_t participants(pm_dg_ctx *c, part *p, int32_t *col)
{
	const pm_model *m = c->m;
	const pm_dg_spec *s = c->spec;
	int32_t *seen = pm_xcalloc(s->ncomps * 2 + 1, sizeof *seen);
	size_t ns = 0;
	for (size_t k = 0; k < s->nflows; k++) {
		const pm_flow *f = &m->flows.v[s->flows[k]];
		int32_t e[2] = {f->from.idx, f->to.idx};
		for (int j = 0; j < 2; j++) {
			size_t q = 0;
			while (q < ns && seen[q] != e[j])
				q++;
			if (q == ns)
				seen[ns++] = e[j];
		}
	}
	for (size_t k = 0; k < s->ncomps; k++) {
		size_t q = 0;
		while (q < ns && seen[q] != s->comps[k])
			q++;
		if (q == ns)
			seen[ns++] = s->comps[k];
	}
	/* first appearance of every zone on a chain; sort keys */
	size_t nz = m->zones.n;
	size_t *first = pm_xcalloc(nz + 1, sizeof *first);
	for (size_t z = 0; z < nz; z++)
		first[z] = (size_t)-1;
	long *key = pm_xcalloc((ns + 1) * (MAX_NEST + 2), sizeof *key);
	size_t first_none = (size_t)-1;
	for (size_t i = 0; i < ns; i++) {
		int32_t ch[MAX_NEST];
		size_t n = chain_of(m, zone_of(m, seen[i]), ch);
		for (size_t k = 0; k < n; k++)
			if (first[ch[k]] == (size_t)-1)
				first[ch[k]] = i;
		long *kk = key + i * (MAX_NEST + 2);
		for (size_t k = 0; k < n; k++)
			kk[k] = (long)first[ch[k]];
		if (n == 0) { /* no zone: where the first of them appears */
			if (first_none == (size_t)-1)
				first_none = i;
			kk[n++] = (long)first_none;
		}
		kk[n] = -1; /* a zone's own participants before its inner zones' */
		for (size_t k = n + 1; k < MAX_NEST + 2; k++)
			kk[k] = -2;
		kk[MAX_NEST + 1] = (long)i;
	}
	size_t *order = pm_xcalloc(ns + 1, sizeof *order);
	for (size_t i = 0; i < ns; i++) { /* insertion sort: stable, few participants */
		size_t j = i;
		while (j > 0) {
			const long *a = key + order[j - 1] * (MAX_NEST + 2), *b = key + i * (MAX_NEST + 2);
			size_t q = 0;
			while (q < MAX_NEST + 2 && a[q] == b[q])
				q++;
			if (q == MAX_NEST + 2 || a[q] < b[q])
				break;
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
	for (size_t i = 0; i < ns; i++) {
		p[i].comp = seen[order[i]];
		p[i].zone = zone_of(m, seen[order[i]]);
		col[p[i].comp] = (int32_t)i;
	}
	free(order);
	free(key);
	free(first);
	free(seen);
	return ns;
}

/* A zone's box in the call flow: the columns lo..hi of its participants
 * (and of the zones within it), depth of nesting, levels of zones within. */
typedef struct zbox {
	int32_t zone;
	size_t lo, hi;
	int depth, below;
	double l, r, lw, lh;
} zbox;

/* The room a zone's box takes beside its heads: more for each level of zones within it. */
static double zpad(const zbox *zb, size_t n, int32_t zone)
{
	for (size_t q = 0; q < n; q++)
		if (zb[q].zone == zone)
			return ZONE_PAD + NEST_PAD * zb[q].below;
	return ZONE_PAD;
}

/* The boxes' left and right edges from the columns, the inner zones first. */
static void zone_boxes(const part *p, zbox *zb, size_t n)
{
	int maxd = 0;
	for (size_t q = 0; q < n; q++)
		if (zb[q].depth > maxd)
			maxd = zb[q].depth;
	for (int d = maxd; d >= 0; d--)
		for (size_t q = 0; q < n; q++) {
			zbox *z = &zb[q];
			if (z->depth != d)
				continue;
			double pad = ZONE_PAD + NEST_PAD * z->below;
			z->l = p[z->lo].cx - p[z->lo].box.w / 2 - pad;
			z->r = p[z->hi].cx + p[z->hi].box.w / 2 + pad;
			for (size_t k = 0; k < n; k++) /* the zones just within it */
				if (zb[k].depth == d + 1 && zb[k].lo >= z->lo && zb[k].hi <= z->hi &&
				    zb[k].r + NEST_PAD > z->r)
					z->r = zb[k].r + NEST_PAD;
			if (z->r < z->l + z->lw + 12)
				z->r = z->l + z->lw + 12;
		}
}

/* The rows of the call flow, top to bottom: a flow's arrow (with the step
 * that names it, if any) or a step that names no flow (a note). */
typedef struct row {
	int32_t flow; /* index into the flows, -1: a note */
	int step;     /* 1-based step number, 0: none */
	const char *text;
	pm_dg_box box;
} row;

/* Rows from the use case's steps when a step names one of its flows: each
 * step in order, on the arrow of every flow it names first (its text on the
 * first of them), or as a note when it names none; a flow no step names
 * follows the flow listed before it (or opens the arrows).  Else the flows
 * in the order listed, numbered 1, 2, 3.  Returns the number of rows. */
static size_t plan_rows(pm_dg_ctx *c, row *r)
{
	const pm_model *m = c->m;
	const pm_dg_spec *s = c->spec;
	const pm_use_case *u = s->use_case >= 0 ? &m->use_cases.v[s->use_case] : NULL;
	size_t nsteps = u ? u->steps.n : 0, n = 0;
	if (!s->steps_on_arrows) {
		for (size_t k = 0; k < s->nflows; k++)
			r[n++] = (row){(int32_t)k, (int)k + 1, NULL, {0, 0, 0}};
		return n;
	}
	uint8_t *placed = pm_xcalloc(s->nflows + 1, 1);
	for (size_t i = 0; i < nsteps; i++) {
		const char *t = u->steps.v[i].s;
		int got = 0;
		for (size_t k = 0; k < s->nflows; k++)
			if (!placed[k] && pm_dg_names(t, m->flows.v[s->flows[k]].id.s)) {
				r[n++] = (row){(int32_t)k, (int)i + 1, got ? NULL : t, {0, 0, 0}};
				placed[k] = 1;
				got = 1;
			}
		if (!got)
			r[n++] = (row){-1, (int)i + 1, t, {0, 0, 0}};
	}
	for (size_t k = 0; k < s->nflows; k++) {
		if (placed[k])
			continue;
		size_t at = n; /* after the row of the nearest flow listed before it */
		for (size_t j = k; j-- > 0 && at == n;)
			if (placed[j])
				for (size_t q = 0; q < n; q++)
					if (r[q].flow == (int32_t)j)
						at = q + 1;
		if (at == n) { /* none before it: before the first arrow */
			at = 0;
			while (at < n && r[at].flow < 0)
				at++;
		}
		memmove(r + at + 1, r + at, (n - at) * sizeof *r);
		r[at] = (row){(int32_t)k, 0, NULL, {0, 0, 0}};
		n++;
		placed[k] = 1;
	}
	free(placed);
	return n;
}

int pm_dg_layout_sequence(pm_dg_ctx *c, pm_diags *d)
{
	(void)d;
	const pm_model *m = c->m;
	const pm_dg_spec *s = c->spec;
	pm_diagram *dg = c->dg;
	part *p = pm_xcalloc(s->ncomps + 1, sizeof *p);
	int32_t *col = pm_xcalloc(m->components.n + 1, sizeof *col);
	size_t np = participants(c, p, col);
	const pm_use_case *uc = s->use_case >= 0 ? &m->use_cases.v[s->use_case] : NULL;
	row *rows = pm_xcalloc(s->nflows + (uc ? uc->steps.n : 0) + 1, sizeof *rows);
	size_t nr = plan_rows(c, rows);
	double head_h = 0;
	for (size_t i = 0; i < np; i++) {
		p[i].box = pm_dg_component_node(c, p[i].comp);
		if (p[i].box.h > head_h)
			head_h = p[i].box.h;
	}
	for (size_t k = 0; k < nr; k++)
		if (rows[k].flow >= 0)
			rows[k].box = pm_dg_flow_label(c, s->flows[rows[k].flow], rows[k].step, rows[k].text);

	/* zones: one box per zone on a participant's chain */
	zbox *zb = pm_xcalloc(m->zones.n + 1, sizeof *zb);
	size_t nzb = 0;
	int maxdepth = -1;
	for (size_t i = 0; i < np; i++) {
		int32_t ch[MAX_NEST];
		size_t n = chain_of(m, p[i].zone, ch);
		for (size_t k = 0; k < n; k++) {
			size_t q = 0;
			while (q < nzb && zb[q].zone != ch[k])
				q++;
			if (q == nzb) {
				zb[nzb] = (zbox){ch[k], i, i, (int)k, 0, 0, 0, 0, 0};
				pm_dg_zone_label(c, ch[k], 1, &zb[nzb].lw, &zb[nzb].lh);
				nzb++;
			}
			zb[q].hi = i;
			if (zb[q].below < (int)(n - 1 - k))
				zb[q].below = (int)(n - 1 - k);
			if ((int)k > maxdepth)
				maxdepth = (int)k;
		}
	}

	/* columns: room for the heads and the zones between them, then for every message's label */
	double *gap = pm_xcalloc(np + 1, sizeof *gap); /* gap[i]: between centres i-1 and i */
	for (size_t i = 1; i < np; i++) {
		int32_t ca[MAX_NEST], cb[MAX_NEST];
		size_t na = chain_of(m, p[i - 1].zone, ca), nb = chain_of(m, p[i].zone, cb), L = 0;
		while (L < na && L < nb && ca[L] == cb[L])
			L++;
		double need = COL_GAP;
		if (L < na || L < nb) {
			double pc = L < na ? zpad(zb, nzb, ca[L]) : 0, po = L < nb ? zpad(zb, nzb, cb[L]) : 0;
			need = pc + po + 20 > ZONE_GAP ? pc + po + 20 : ZONE_GAP;
		}
		gap[i] = p[i - 1].box.w / 2 + p[i].box.w / 2 + need;
	}
	double tail = 0; /* room right of the last lifeline for a self-message */
	for (size_t k = 0; k < nr; k++) {
		if (rows[k].flow < 0)
			continue;
		const pm_dg_box *lab = &rows[k].box;
		const pm_flow *f = &m->flows.v[s->flows[rows[k].flow]];
		size_t a = (size_t)col[f->from.idx], b = (size_t)col[f->to.idx];
		if (a == b) {
			double need = SELF_W + 6 + lab->w + 8;
			if (a + 1 < np) {
				double have = gap[a + 1] - p[a + 1].box.w / 2;
				if (have < need)
					gap[a + 1] += need - have;
			} else if (need > tail) {
				tail = need;
			}
			continue;
		}
		size_t lo = a < b ? a : b, hi = a < b ? b : a;
		double span = 0;
		for (size_t i = lo + 1; i <= hi; i++)
			span += gap[i];
		if (span < lab->w + 24)
			gap[hi] += lab->w + 24 - span;
	}
	double x = DG_MARGIN + (np ? p[0].box.w / 2 : 0);
	if (np) {
		int32_t ch[MAX_NEST];
		if (chain_of(m, p[0].zone, ch))
			x += zpad(zb, nzb, ch[0]);
	}
	for (size_t i = 0; i < np; i++) {
		x += gap[i];
		p[i].cx = x;
	}
	/* each zone's box holds its label and the zones within it; push the
	 * columns after a box that would reach the next box or head */
	for (size_t pass = 0; pass <= 2 * nzb + np; pass++) {
		zone_boxes(p, zb, nzb);
		int moved = 0;
		for (size_t i = 1; i < np && !moved; i++) {
			double maxr = p[i - 1].cx + p[i - 1].box.w / 2, minl = p[i].cx - p[i].box.w / 2;
			for (size_t q = 0; q < nzb; q++) {
				if (zb[q].hi == i - 1 && zb[q].r > maxr)
					maxr = zb[q].r;
				if (zb[q].lo == i && zb[q].l < minl)
					minl = zb[q].l;
			}
			if (minl < maxr + 8) {
				for (size_t k = i; k < np; k++)
					p[k].cx += maxr + 8 - minl;
				moved = 1;
			}
		}
		if (!moved)
			break;
	}
	double right = np ? p[np - 1].cx + p[np - 1].box.w / 2 : DG_MARGIN;
	for (size_t q = 0; q < nzb; q++)
		if (zb[q].r > right)
			right = zb[q].r;
	if (np && p[np - 1].cx + tail > right)
		right = p[np - 1].cx + tail;

	/* notes span the lifelines (at least NOTE_W): the picture grows if need be */
	double note_l = np ? p[0].cx - p[0].box.w / 2 : DG_MARGIN, note_w = np ? p[np - 1].cx - p[0].cx : 0;
	if (np)
		note_w += p[0].box.w / 2 + p[np - 1].box.w / 2;
	if (note_w < NOTE_W)
		note_w = NOTE_W;
	for (size_t k = 0; k < nr; k++)
		if (rows[k].flow < 0) {
			rows[k].box = pm_dg_step_note(c, rows[k].step, rows[k].text, note_w);
			if (note_l + note_w > right)
				right = note_l + note_w;
		}

	/* rows */
	double top = DG_MARGIN + (maxdepth + 1) * ZONE_HEAD;
	double y = top + head_h + 14;
	double *row_y = pm_xcalloc(nr + 1, sizeof *row_y);
	for (size_t k = 0; k < nr; k++) {
		row_y[k] = y;
		if (rows[k].flow < 0) {
			y += rows[k].box.h + MSG_GAP;
			continue;
		}
		const pm_flow *f = &m->flows.v[s->flows[rows[k].flow]];
		y += rows[k].box.h + 6 + (col[f->from.idx] == col[f->to.idx] ? 16 : 0) + MSG_GAP;
	}
	double bottom = y + 4;

	/* zones, the outer ones first (below the zones within them) */
	double lowest = bottom;
	for (int depth = 0; depth <= maxdepth; depth++)
		for (size_t q = 0; q < nzb; q++) {
			if (zb[q].depth != depth)
				continue;
			const pm_zone *z = &m->zones.v[zb[q].zone];
			double zt = DG_MARGIN + depth * ZONE_HEAD, zbot = bottom + zb[q].below * NEST_PAD;
			if (zbot > lowest)
				lowest = zbot;
			int fill, line;
			pm_dg_zone_colours(m, zb[q].zone, &fill, &line);
			char *title = pm_xasprintf("Zone %s: %s", z->id.s ? z->id.s : "", z->name.s ? z->name.s : "");
			size_t gi = pm_dg_group_begin(dg, DG_G_ZONE, DG_L_ZONES, z->id.s, title, NULL);
			free(title);
			int32_t up = depth > 0 ? pm_dg_zone_within(m, zb[q].zone) : -1;
			if (up >= 0 && m->zones.v[up].id.s)
				dg->g[gi].zone = pm_arena_strdup(dg->a, m->zones.v[up].id.s);
			pm_dg_rect(dg, zb[q].l, zt, zb[q].r - zb[q].l, zbot - zt, 6, fill, line, 1.3, DG_LONGDASH);
			pm_dg_zone_label_draw(c, zb[q].zone, 1, zb[q].l + 6, zt + 3);
			pm_dg_group_end(dg);
			c->used_nested |= depth > 0;
		}
	/* heads and lifelines */
	for (size_t i = 0; i < np; i++) {
		pm_dg_translate(dg, p[i].box.group, p[i].cx - p[i].box.w / 2, top + (head_h - p[i].box.h) / 2);
		const pm_component *comp = &m->components.v[p[i].comp];
		pm_dg_group_begin(dg, DG_G_LIFELINE, DG_L_LIFELINES, comp->id.s, NULL, NULL);
		pm_dg_segment(dg, p[i].cx, top + head_h, p[i].cx, bottom, DG_C_FAINT, 1.0, DG_DASHED);
		pm_dg_group_end(dg);
	}
	/* messages and notes */
	for (size_t k = 0; k < nr; k++) {
		if (rows[k].flow < 0) {
			pm_dg_translate(dg, rows[k].box.group, note_l, row_y[k]);
			continue;
		}
		const pm_dg_box *lab = &rows[k].box;
		int32_t fi = s->flows[rows[k].flow];
		int step = rows[k].step;
		const pm_flow *f = &m->flows.v[fi];
		size_t a = (size_t)col[f->from.idx], b = (size_t)col[f->to.idx];
		int stroke, dash;
		double width;
		pm_dg_flow_style(c, fi, &stroke, &dash, &width);
		char *title =
		        step ? pm_xasprintf("Step %d, %s: %s, from %s to %s", step, f->id.s ? f->id.s : "",
		                            f->name.s ? f->name.s : "", f->from.id.s ? f->from.id.s : "",
		                            f->to.id.s ? f->to.id.s : "")
		             : pm_xasprintf("%s: %s, from %s to %s", f->id.s ? f->id.s : "", f->name.s ? f->name.s : "",
		                            f->from.id.s ? f->from.id.s : "", f->to.id.s ? f->to.id.s : "");
		const char *kind = pm_dg_flow_kind(f);
		pm_dg_group_begin(dg, DG_G_FLOW, DG_L_EDGES, f->id.s, title, kind);
		free(title);
		double ay = row_y[k] + lab->h + 4;
		if (a == b) {
			double x0 = p[a].cx;
			pm_dg_pt pts[4] = {{x0, ay}, {x0 + SELF_W, ay}, {x0 + SELF_W, ay + 14}, {x0 + 7, ay + 14}};
			pm_dg_edge_draw(c, pts, 4, pm_dg_flow_arrows(m, fi), (pm_dg_pt){x0, ay + 14}, stroke, dash,
			                width);
			pm_dg_group_end(dg);
			pm_dg_translate(dg, lab->group, x0 + SELF_W + 6, row_y[k] + 8);
			continue;
		}
		double x0 = p[a].cx, x1 = p[b].cx, dir = x1 > x0 ? 1 : -1;
		pm_dg_pt pts[2] = {{x0, ay}, {x1 - dir * 7, ay}};
		pm_dg_edge_draw(c, pts, 2, pm_dg_flow_arrows(m, fi), (pm_dg_pt){x1, ay}, stroke, dash, width);
		/* a mark on the border of every zone the message leaves and enters */
		for (size_t q = 0; q < nzb; q++) {
			int ina = zb[q].lo <= a && a <= zb[q].hi, inb = zb[q].lo <= b && b <= zb[q].hi;
			if (ina && !inb)
				pm_dg_mark(c, dir > 0 ? zb[q].r : zb[q].l, ay);
			else if (inb && !ina)
				pm_dg_mark(c, dir > 0 ? zb[q].l : zb[q].r, ay);
		}
		pm_dg_group_end(dg);
		pm_dg_translate(dg, lab->group, (x0 + x1) / 2 - lab->w / 2, row_y[k]);
	}
	dg->w = right + DG_MARGIN;
	dg->h = lowest + DG_MARGIN;
	free(zb);
	free(row_y);
	free(gap);
	free(rows);
	free(col);
	free(p);
	return 0;
}
