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

/* Participants grouped by zone (zones in order of first appearance), in
 * order of first appearance within a zone: first the flows' ends, then the
 * other listed components. */
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
	size_t n = 0;
	uint8_t *done = pm_xcalloc(ns + 1, 1);
	for (size_t i = 0; i < ns; i++) {
		if (done[i])
			continue;
		int32_t z = zone_of(m, seen[i]);
		for (size_t j = i; j < ns; j++)
			if (!done[j] && zone_of(m, seen[j]) == z) {
				done[j] = 1;
				p[n].comp = seen[j];
				p[n].zone = z;
				col[seen[j]] = (int32_t)n;
				n++;
			}
	}
	free(done);
	free(seen);
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
	pm_dg_box *lab = pm_xcalloc(s->nflows + 1, sizeof *lab);
	double head_h = 0;
	int any_zone = 0;
	for (size_t i = 0; i < np; i++) {
		p[i].box = pm_dg_component_node(c, p[i].comp);
		if (p[i].box.h > head_h)
			head_h = p[i].box.h;
		any_zone |= p[i].zone >= 0;
	}
	for (size_t k = 0; k < s->nflows; k++)
		lab[k] = pm_dg_flow_label(c, s->flows[k], (int)k + 1);

	/* columns: room for the heads, then for every message's label */
	double *gap = pm_xcalloc(np + 1, sizeof *gap); /* gap[i]: between centres i-1 and i */
	for (size_t i = 1; i < np; i++)
		gap[i] = p[i - 1].box.w / 2 + p[i].box.w / 2 + (p[i].zone == p[i - 1].zone ? COL_GAP : ZONE_GAP);
	double tail = 0; /* room right of the last lifeline for a self-message */
	for (size_t k = 0; k < s->nflows; k++) {
		const pm_flow *f = &m->flows.v[s->flows[k]];
		size_t a = (size_t)col[f->from.idx], b = (size_t)col[f->to.idx];
		if (a == b) {
			double need = SELF_W + 6 + lab[k].w + 8;
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
		if (span < lab[k].w + 24)
			gap[hi] += lab[k].w + 24 - span;
	}
	double x = DG_MARGIN + (any_zone ? ZONE_PAD : 0) + (np ? p[0].box.w / 2 : 0);
	for (size_t i = 0; i < np; i++) {
		x += gap[i];
		p[i].cx = x;
	}
	/* each zone's box holds its label: push the zones after a narrow one */
	double prev_right = -1e9;
	for (size_t i = 0; i < np;) {
		size_t j = i;
		while (j + 1 < np && p[j + 1].zone == p[i].zone)
			j++;
		double left = p[i].cx - p[i].box.w / 2 - ZONE_PAD;
		if (left < prev_right + 8) {
			double shift = prev_right + 8 - left;
			for (size_t k = i; k < np; k++)
				p[k].cx += shift;
			left += shift;
		}
		double right = p[j].cx + p[j].box.w / 2 + ZONE_PAD;
		if (p[i].zone >= 0) {
			double lw, lh;
			pm_dg_zone_label(c, p[i].zone, 1, &lw, &lh);
			if (right < left + lw + 12)
				right = left + lw + 12;
		}
		prev_right = right;
		i = j + 1;
	}
	double right = np ? p[np - 1].cx + p[np - 1].box.w / 2 : DG_MARGIN;
	if (any_zone && prev_right - ZONE_PAD > right)
		right = prev_right - ZONE_PAD;
	if (np && p[np - 1].cx + tail > right)
		right = p[np - 1].cx + tail;

	/* rows */
	double top = DG_MARGIN + (any_zone ? ZONE_HEAD : 0);
	double y = top + head_h + 14;
	double *row = pm_xcalloc(s->nflows + 1, sizeof *row);
	for (size_t k = 0; k < s->nflows; k++) {
		const pm_flow *f = &m->flows.v[s->flows[k]];
		row[k] = y;
		y += lab[k].h + 6 + (col[f->from.idx] == col[f->to.idx] ? 16 : 0) + MSG_GAP;
	}
	double bottom = y + 4;

	/* zones: one box per run of heads of one zone */
	for (size_t i = 0; i < np;) {
		size_t j = i;
		while (j + 1 < np && p[j + 1].zone == p[i].zone)
			j++;
		if (p[i].zone >= 0) {
			const pm_zone *z = &m->zones.v[p[i].zone];
			double zx = p[i].cx - p[i].box.w / 2 - ZONE_PAD, zr = p[j].cx + p[j].box.w / 2 + ZONE_PAD;
			double lw, lh;
			pm_dg_zone_label(c, p[i].zone, 1, &lw, &lh);
			if (zr - zx < lw + 12)
				zr = zx + lw + 12;
			int fill, line;
			pm_dg_zone_colours(m, p[i].zone, &fill, &line);
			char *title = pm_xasprintf("Zone %s: %s", z->id.s ? z->id.s : "", z->name.s ? z->name.s : "");
			pm_dg_group_begin(dg, DG_G_ZONE, DG_L_ZONES, z->id.s, title, NULL);
			free(title);
			pm_dg_rect(dg, zx, DG_MARGIN, zr - zx, bottom - DG_MARGIN, 6, fill, line, 1.3, DG_LONGDASH);
			pm_dg_zone_label_draw(c, p[i].zone, 1, zx + 6, DG_MARGIN + 3);
			pm_dg_group_end(dg);
			if (zr > right)
				right = zr - ZONE_PAD;
		}
		i = j + 1;
	}
	/* heads and lifelines */
	for (size_t i = 0; i < np; i++) {
		pm_dg_translate(dg, p[i].box.group, p[i].cx - p[i].box.w / 2, top + (head_h - p[i].box.h) / 2);
		const pm_component *comp = &m->components.v[p[i].comp];
		pm_dg_group_begin(dg, DG_G_LIFELINE, DG_L_LIFELINES, comp->id.s, NULL, NULL);
		pm_dg_segment(dg, p[i].cx, top + head_h, p[i].cx, bottom, DG_C_FAINT, 1.0, DG_DASHED);
		pm_dg_group_end(dg);
	}
	/* messages */
	for (size_t k = 0; k < s->nflows; k++) {
		int32_t fi = s->flows[k];
		const pm_flow *f = &m->flows.v[fi];
		size_t a = (size_t)col[f->from.idx], b = (size_t)col[f->to.idx];
		int stroke, dash;
		double width;
		pm_dg_flow_style(c, fi, &stroke, &dash, &width);
		char *title = pm_xasprintf("Step %zu, %s: %s, from %s to %s", k + 1, f->id.s ? f->id.s : "",
		                           f->name.s ? f->name.s : "", f->from.id.s ? f->from.id.s : "",
		                           f->to.id.s ? f->to.id.s : "");
		const char *kind = pm_dg_flow_kind(f);
		pm_dg_group_begin(dg, DG_G_FLOW, DG_L_EDGES, f->id.s, title, kind);
		free(title);
		double ay = row[k] + lab[k].h + 4;
		if (a == b) {
			double x0 = p[a].cx;
			pm_dg_pt pts[4] = {{x0, ay}, {x0 + SELF_W, ay}, {x0 + SELF_W, ay + 14}, {x0 + 7, ay + 14}};
			pm_dg_edge_draw(c, pts, 4, 1, (pm_dg_pt){x0, ay + 14}, stroke, dash, width);
			pm_dg_group_end(dg);
			pm_dg_translate(dg, lab[k].group, x0 + SELF_W + 6, row[k] + 8);
			continue;
		}
		double x0 = p[a].cx, x1 = p[b].cx, dir = x1 > x0 ? 1 : -1;
		pm_dg_pt pts[2] = {{x0, ay}, {x1 - dir * 7, ay}};
		pm_dg_edge_draw(c, pts, 2, 1, (pm_dg_pt){x1, ay}, stroke, dash, width);
		/* a mark where the message leaves its zone and where it enters the other */
		if (p[a].zone != p[b].zone) {
			if (p[a].zone >= 0) {
				/* the source zone's border on the message's side */
				size_t e = a;
				while (dir > 0 ? e + 1 < np && p[e + 1].zone == p[a].zone
				               : e > 0 && p[e - 1].zone == p[a].zone)
					e = dir > 0 ? e + 1 : e - 1;
				pm_dg_mark(c, p[e].cx + dir * (p[e].box.w / 2 + ZONE_PAD), ay);
			}
			if (p[b].zone >= 0) {
				size_t e = b;
				while (dir > 0 ? e > 0 && p[e - 1].zone == p[b].zone
				               : e + 1 < np && p[e + 1].zone == p[b].zone)
					e = dir > 0 ? e - 1 : e + 1;
				pm_dg_mark(c, p[e].cx - dir * (p[e].box.w / 2 + ZONE_PAD), ay);
			}
		}
		pm_dg_group_end(dg);
		pm_dg_translate(dg, lab[k].group, (x0 + x1) / 2 - lab[k].w / 2, row[k]);
	}
	dg->w = right + (any_zone ? ZONE_PAD : 0) + DG_MARGIN;
	dg->h = bottom + DG_MARGIN;
	free(row);
	free(gap);
	free(lab);
	free(col);
	free(p);
	return 0;
}
