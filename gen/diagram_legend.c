/* diagram_legend.c — the legend under every diagram (gen/diagram.h): the
 * shapes, zone colours, line styles, badges and marks the diagram uses,
 * then the full names the diagram had to shorten ("[n] ..."). */
#include "diagram.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROW      19.0
#define SAMPLE_W 30.0
#define SAMPLE_H 14.0
#define TEXT     7.5
#define GAP      14.0

typedef struct flow {
	pm_dg_ctx *c;
	double x, y, left, right;
} flow;

/* Room for an item of sample width sw and text t: the next row if needed.
 * Returns the sample's left edge. */
static double place(flow *f, double sw, const char *t)
{
	double w = sw + 4 + pm_dg_width(t, strlen(t), DG_REGULAR, TEXT);
	if (f->x > f->left && f->x + w > f->right) {
		f->x = f->left;
		f->y += ROW;
	}
	double x = f->x;
	f->x += w + GAP;
	return x;
}

static void text(flow *f, double x, const char *t)
{
	pm_dg_text_add(f->c->dg, t, x, f->y + SAMPLE_H / 2 + TEXT * 0.36, TEXT, DG_REGULAR, DG_ANCHOR_START, DG_C_INK);
}

static void shape_item(flow *f, int s)
{
	const char *name = pm_dg_shapes[s].name;
	double x = place(f, SAMPLE_W, name);
	int fill = pm_dg_shape_fill(s);
	if (s == DG_S_ZONE)
		fill = DG_C_Z_UNKNOWN;
	pm_dg_draw_shape(f->c->dg, s, x + (s == DG_S_SOFTWARE ? 5 : 0), f->y, SAMPLE_W - (s == DG_S_SOFTWARE ? 5 : 0),
	                 SAMPLE_H, fill, 0);
	text(f, x + SAMPLE_W + 4, name);
}

static void zone_item(flow *f, int fill, int line, const char *t)
{
	double x = place(f, SAMPLE_W, t);
	pm_dg_rect(f->c->dg, x, f->y, SAMPLE_W, SAMPLE_H, 3, fill, line, 1.2, DG_LONGDASH);
	text(f, x + SAMPLE_W + 4, t);
}

static void line_item(flow *f, int stroke, int dash, double width, const char *t)
{
	double x = place(f, SAMPLE_W, t), y = f->y + SAMPLE_H / 2;
	pm_dg_segment(f->c->dg, x, y, x + SAMPLE_W - 6, y, stroke, width, dash);
	pm_dg_paint_begin(f->c->dg, stroke, stroke, 0.6, DG_SOLID);
	pm_dg_move(f->c->dg, x + SAMPLE_W, y);
	pm_dg_line(f->c->dg, x + SAMPLE_W - 7, y - 3.6);
	pm_dg_line(f->c->dg, x + SAMPLE_W - 7, y + 3.6);
	pm_dg_close(f->c->dg);
	pm_dg_paint_end(f->c->dg);
	text(f, x + SAMPLE_W + 4, t);
}

static void glyph_item(flow *f, const char *glyph, int colour, const char *t)
{
	double gw = pm_dg_width(glyph, strlen(glyph), DG_BOLD, 9);
	double x = place(f, gw, t);
	pm_dg_text_add(f->c->dg, glyph, x, f->y + SAMPLE_H / 2 + 3.2, 9, DG_BOLD, DG_ANCHOR_START, colour);
	text(f, x + gw + 4, t);
}

void pm_dg_legend(pm_dg_ctx *c)
{
	pm_diagram *dg = c->dg;
	double W = dg->w < 440 ? 440 : dg->w;
	flow f = {c, DG_MARGIN, dg->h + 4, DG_MARGIN, W - DG_MARGIN};
	pm_dg_group_begin(dg, DG_G_LEGEND, DG_L_LEGEND, NULL, "Legend", NULL);
	pm_dg_segment(dg, DG_MARGIN, f.y, W - DG_MARGIN, f.y, DG_C_FAINT, 0.5, DG_SOLID);
	f.y += 6;
	pm_dg_text_add(dg, "Legend", DG_MARGIN, f.y + 8, 8, DG_BOLD, DG_ANCHOR_START, DG_C_INK);
	f.y += 13;

	for (int s = 0; s < DG_NSHAPES; s++)
		if (c->shapes_used & (1u << s))
			shape_item(&f, s);
	static const char *const trust[] = {"untrusted zone", "partially trusted zone", "trusted zone",
	                                    "zone, trust not stated"};
	static const int fills[] = {DG_C_Z_UNTRUSTED, DG_C_Z_PARTIAL, DG_C_Z_TRUSTED, DG_C_Z_UNKNOWN};
	for (int t = 2; t >= 0; t--)
		if (c->zones_used & (1u << t))
			zone_item(&f, fills[t], fills[t] + 1, trust[t]);
	if (c->zones_used & (1u << 3))
		zone_item(&f, fills[3], fills[3] + 1, trust[3]);
	if (c->zones_used && c->spec->form != DG_SUMMARY)
		glyph_item(&f, "", DG_C_INK, "a zone's dashed border is a trust boundary");
	if (c->used_nested)
		glyph_item(&f, "", DG_C_INK,
		           "a zone drawn inside another lies within it (its border is a boundary too)");

	f.x = f.left;
	f.y += ROW;
	if (c->used_dash[DG_SOLID])
		line_item(&f, DG_C_LINE, DG_SOLID, 1.1, c->used_counts ? "every flow encrypted" : "encrypted");
	if (c->used_dash[DG_DASHED])
		line_item(&f, DG_C_LINE, DG_DASHED, 1.1, c->used_counts ? "some flows not encrypted" : "not encrypted");
	if (c->used_dash[DG_DOTTED])
		line_item(&f, DG_C_LINE, DG_DOTTED, 1.1, "encryption not stated");
	if (c->used_alert_line)
		line_item(&f, DG_C_ALERT, DG_SOLID, 1.1,
		          "red: crosses a trust boundary without authentication or encryption stated");
	if (c->used_code)
		line_item(&f, DG_C_LINE, DG_SOLID, 1.7, "thick: code (software, updates)");
	if (c->used_bidir) {
		const char *t = "arrowheads at both ends: the flow goes both ways (bidirectional)";
		double x = place(&f, SAMPLE_W, t), y = f.y + SAMPLE_H / 2;
		pm_dg_pt pts[2] = {{x, y}, {x + SAMPLE_W - 6, y}};
		pm_dg_edge_draw(c, pts, 2, DG_ARROW_START | DG_ARROW_END, (pm_dg_pt){x + SAMPLE_W, y}, DG_C_LINE,
		                DG_SOLID, 1.1);
		text(&f, x + SAMPLE_W + 4, t);
	}
	if (c->used_marks) {
		double x = place(&f, 10, "crosses a trust boundary (zone border)");
		pm_dg_mark(c, x + 5, f.y + SAMPLE_H / 2);
		text(&f, x + 14, "crosses a trust boundary (zone border)");
	}
	if (c->used_badges) {
		f.x = f.left;
		f.y += ROW;
		static const char *const what[] = {"authentication", "encryption", "integrity protection"};
		static const char *const letters[] = {"A", "E", "I"};
		for (int k = 0; k < 3; k++) {
			char *t = pm_xasprintf("%s stated", what[k]);
			double x = place(&f, 10, t);
			pm_dg_badge(dg, x, f.y + 2, letters[k], DG_YES);
			text(&f, x + 14, t);
			free(t);
		}
		double x = place(&f, 10, "stated as none");
		pm_dg_badge(dg, x, f.y + 2, "A", DG_NO);
		text(&f, x + 14, "stated as none");
		x = place(&f, 10, "not stated");
		pm_dg_badge(dg, x, f.y + 2, "A", DG_NOT_STATED);
		text(&f, x + 14, "not stated");
	}
	if (c->used_counts)
		glyph_item(&f, "A n/m", DG_C_INK,
		           "flows with authentication (E encryption, I integrity) stated, of all");
	if (c->used_unused_if)
		glyph_item(&f, "\xE2\x8A\x98", DG_C_MUTED, "unused or disabled interface");
	if (c->used_notes) {
		const char *t = "a step of the use case that names no flow (a step names a flow by its id)";
		double x = place(&f, SAMPLE_W, t);
		pm_dg_rect(dg, x, f.y + 1, SAMPLE_W, SAMPLE_H - 2, 2.5, DG_C_NOTE, DG_C_FAINT, 0.6, DG_SOLID);
		text(&f, x + SAMPLE_W + 4, t);
	}
	if (c->used_mp)
		glyph_item(&f, "\xE2\x9A\xA0", DG_C_ALERT, "multi-patient threats that target it");
	f.y += ROW;
	for (size_t i = 0; i < c->notes.n; i++) {
		char *t = pm_xasprintf("[%zu] %s", i + 1, c->notes.full[i]);
		const char *lines[4];
		char *clean = pm_dg_clean(c->tmp, t);
		size_t n = pm_dg_wrap(c->tmp, clean, DG_REGULAR, TEXT, W - 2 * DG_MARGIN, 4, lines, NULL);
		for (size_t k = 0; k < n; k++) {
			pm_dg_text_add(dg, lines[k], DG_MARGIN, f.y + TEXT, TEXT, DG_REGULAR, DG_ANCHOR_START,
			               DG_C_INK);
			f.y += TEXT * 1.3;
		}
		free(t);
	}
	pm_dg_group_end(dg);
	dg->w = W;
	dg->h = f.y + DG_MARGIN - 4;
}
