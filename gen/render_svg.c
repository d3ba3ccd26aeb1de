/* render_svg.c — a laid-out diagram as a standalone SVG 1.1 file
 * (pm_diagram_svg(), include/premarket/diagram.h; docs/diagrams.md).
 *
 * A walk over the display list (gen/diagram.h): one <g> per group, with
 * its class (zone, flow, component, label, legend ...), an id, the model
 * id and kind in the premarket namespace (pm:id, pm:kind) and a <title>;
 * one <path> per paint; one <text> per text run.  The picture's <title> is
 * the caption and its <desc> the text alternative.  Every string is escaped
 * here; numbers have at most two decimals and no locale; the same diagram
 * gives the same bytes. */
#include "diagram.h"
#include "xalloc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const CLASS[DG_G_NKINDS] = {
        [DG_G_ZONE] = "zone",
        [DG_G_FLOW] = "flow",
        [DG_G_COMPONENT] = "component",
        [DG_G_ZONE_NODE] = "zone-node",
        [DG_G_STUB] = "zone-stub",
        [DG_G_AGGREGATE] = "aggregate",
        [DG_G_LABEL] = "label",
        [DG_G_LIFELINE] = "lifeline",
        [DG_G_LEGEND] = "legend",
        [DG_G_MORE] = "more",
        [DG_G_ZONE_LABEL] = "zone-label",
        [DG_G_NOTE] = "note",
};

/* Prefixes that keep element ids unique when a flow and its label, or a
 * zone and its summary node, share the model id. */
static const char *const PREFIX[DG_G_NKINDS] = {
        [DG_G_ZONE] = "zone-",
        [DG_G_FLOW] = "flow-",
        [DG_G_COMPONENT] = "node-",
        [DG_G_ZONE_NODE] = "zonenode-",
        [DG_G_STUB] = "stub-",
        [DG_G_AGGREGATE] = "aggregate-",
        [DG_G_LABEL] = "label-",
        [DG_G_LIFELINE] = "lifeline-",
        [DG_G_LEGEND] = "legend-",
        [DG_G_MORE] = "more-",
        [DG_G_ZONE_LABEL] = "zonelabel-",
        [DG_G_NOTE] = "note-",
};

static void esc(pm_buf *b, const char *s)
{
	const char *run = s;
	for (; *s; s++) {
		const char *r = NULL;
		switch (*s) {
		case '&':
			r = "&amp;";
			break;
		case '<':
			r = "&lt;";
			break;
		case '>':
			r = "&gt;";
			break;
		case '"':
			r = "&quot;";
			break;
		case '\'':
			r = "&apos;";
			break;
		default:
			/* control characters cannot appear in XML 1.0 */
			if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n' && *s != '\r')
				r = " ";
			break;
		}
		if (r) {
			pm_buf_put(b, run, (size_t)(s - run));
			pm_buf_puts(b, r);
			run = s + 1;
		}
	}
	pm_buf_put(b, run, (size_t)(s - run));
}

/* An XML name from a model id: ':' and anything else unusual become '_'. */
static void esc_id(pm_buf *b, const char *s)
{
	for (; *s; s++) {
		char c = *s;
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
		         c == '_' || c == '.';
		pm_buf_putc(b, ok ? c : '_');
	}
}

static void num(pm_buf *b, double v)
{
	char t[40];
	if (!isfinite(v))
		v = 0;
	snprintf(t, sizeof t, "%.2f", v);
	char *e = t + strlen(t);
	while (e > t && e[-1] == '0')
		*--e = 0;
	if (e > t && e[-1] == '.')
		*--e = 0;
	if (strcmp(t, "-0") == 0)
		t[0] = '0', t[1] = 0;
	pm_buf_puts(b, t);
}

static void colour(pm_buf *b, int c)
{
	const pm_dg_rgb *k = &pm_dg_palette[c];
	pm_buf_printf(b, "#%02x%02x%02x", k->r, k->g, k->b);
}

static void pt(pm_buf *b, pm_dg_pt p)
{
	num(b, p.x);
	pm_buf_putc(b, ' ');
	num(b, p.y);
}

static void paint(pm_buf *b, const pm_diagram *dg, const pm_dg_paint *p)
{
	pm_buf_puts(b, "<path d=\"");
	for (size_t k = p->o0; k < p->o0 + p->no; k++) {
		const pm_dg_op *o = &dg->o[k];
		if (k > p->o0)
			pm_buf_putc(b, ' ');
		pm_buf_putc(b, o->op);
		if (o->op == 'M' || o->op == 'L') {
			pt(b, o->p[0]);
		} else if (o->op == 'C') {
			pt(b, o->p[0]);
			pm_buf_putc(b, ' ');
			pt(b, o->p[1]);
			pm_buf_putc(b, ' ');
			pt(b, o->p[2]);
		}
	}
	pm_buf_puts(b, "\" fill=\"");
	if (p->fill)
		colour(b, p->fill);
	else
		pm_buf_puts(b, "none");
	pm_buf_putc(b, '"');
	if (p->stroke) {
		pm_buf_puts(b, " stroke=\"");
		colour(b, p->stroke);
		pm_buf_puts(b, "\" stroke-width=\"");
		num(b, p->width);
		pm_buf_putc(b, '"');
		if (p->dash == DG_DASHED)
			pm_buf_puts(b, " stroke-dasharray=\"5 3\"");
		else if (p->dash == DG_LONGDASH)
			pm_buf_puts(b, " stroke-dasharray=\"8 4\"");
		else if (p->dash == DG_DOTTED)
			pm_buf_puts(b, " stroke-dasharray=\"0.1 2.6\" stroke-linecap=\"round\"");
		pm_buf_puts(b, " stroke-linejoin=\"round\"");
	}
	pm_buf_puts(b, "/>\n");
}

static void text(pm_buf *b, const pm_dg_text *t)
{
	static const char *const anchor[] = {"start", "middle", "end"};
	pm_buf_puts(b, "<text x=\"");
	num(b, t->x);
	pm_buf_puts(b, "\" y=\"");
	num(b, t->y);
	pm_buf_puts(b, "\" font-size=\"");
	num(b, t->size);
	pm_buf_putc(b, '"');
	if (t->face == DG_BOLD)
		pm_buf_puts(b, " font-weight=\"bold\"");
	else if (t->face == DG_ITALIC)
		pm_buf_puts(b, " font-style=\"italic\"");
	if (t->anchor != DG_ANCHOR_START)
		pm_buf_printf(b, " text-anchor=\"%s\"", anchor[t->anchor < 3 ? t->anchor : 0]);
	pm_buf_puts(b, " fill=\"");
	colour(b, t->colour);
	pm_buf_puts(b, "\">");
	esc(b, t->s);
	pm_buf_puts(b, "</text>\n");
}

static void group(pm_buf *b, const pm_diagram *dg, const pm_dg_group *g)
{
	if (g->href) {
		pm_buf_puts(b, "<a href=\"");
		esc(b, g->href);
		pm_buf_puts(b, "\" xlink:href=\"");
		esc(b, g->href);
		pm_buf_puts(b, "\">\n");
	}
	pm_buf_printf(b, "<g class=\"%s\"", CLASS[g->kind]);
	if (g->id) {
		pm_buf_printf(b, " id=\"%s", PREFIX[g->kind]);
		esc_id(b, g->id);
		pm_buf_puts(b, "\" pm:id=\"");
		esc(b, g->id);
		pm_buf_putc(b, '"');
	}
	if (g->data) {
		pm_buf_puts(b, " pm:kind=\"");
		esc(b, g->data);
		pm_buf_putc(b, '"');
	}
	if (g->zone) {
		pm_buf_puts(b, g->kind == DG_G_ZONE ? " pm:within=\"" : " pm:zone=\"");
		esc(b, g->zone);
		pm_buf_putc(b, '"');
	}
	pm_buf_puts(b, ">\n");
	if (g->title) {
		pm_buf_puts(b, "<title>");
		esc(b, g->title);
		pm_buf_puts(b, "</title>\n");
	}
	for (size_t i = g->p0; i < g->p0 + g->np; i++)
		paint(b, dg, &dg->p[i]);
	for (size_t i = g->t0; i < g->t0 + g->nt; i++)
		text(b, &dg->t[i]);
	pm_buf_puts(b, "</g>\n");
	if (g->href)
		pm_buf_puts(b, "</a>\n");
}

int pm_diagram_svg(const pm_diagram *dg, pm_buf *out, pm_diags *d)
{
	if (!dg || !out)
		return pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0, "pm_diagram_svg: no diagram or no buffer");
	size_t mark = out->len;
	pm_buf *b = out;
	pm_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	pm_buf_puts(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
	               "xmlns:pm=\"urn:premarket:diagram\" version=\"1.1\" width=\"");
	num(b, ceil(dg->w));
	pm_buf_puts(b, "\" height=\"");
	num(b, ceil(dg->h));
	pm_buf_puts(b, "\" viewBox=\"0 0 ");
	num(b, ceil(dg->w));
	pm_buf_putc(b, ' ');
	num(b, ceil(dg->h));
	pm_buf_puts(b, "\" role=\"img\" aria-labelledby=\"");
	esc_id(b, dg->id ? dg->id : "diagram");
	pm_buf_puts(b, "-title\" aria-describedby=\"");
	esc_id(b, dg->id ? dg->id : "diagram");
	pm_buf_puts(b, "-desc\" pm:diagram=\"");
	esc(b, dg->id ? dg->id : "");
	/* the layout measures DejaVu Sans; CJK characters, which it lacks, are
	 * measured a full em and drawn by the first CJK face the viewer has
	 * (WenQuanYi Micro Hei is the one the PDF embeds; docs/pdf.md) */
	pm_buf_puts(b, "\" font-family=\"'DejaVu Sans', Verdana, 'Bitstream Vera Sans', 'WenQuanYi Micro Hei', "
	               "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans', 'Yu Gothic', "
	               "'Malgun Gothic', 'Apple SD Gothic Neo', sans-serif\">\n");
	pm_buf_puts(b, "<title id=\"");
	esc_id(b, dg->id ? dg->id : "diagram");
	pm_buf_puts(b, "-title\">");
	esc(b, dg->title ? dg->title : "");
	pm_buf_puts(b, "</title>\n<desc id=\"");
	esc_id(b, dg->id ? dg->id : "diagram");
	pm_buf_puts(b, "-desc\">");
	esc(b, dg->desc ? dg->desc : "");
	pm_buf_puts(b, "</desc>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
	for (size_t i = 0; i < dg->ng; i++)
		group(b, dg, &dg->g[i]);
	pm_buf_puts(b, "</svg>\n");
	return pm_buf_done(out, mark, "the SVG diagram", d);
}
