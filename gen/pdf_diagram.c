/* pdf_diagram.c — a diagram's display list drawn with libharu
 * (gen/pdf_diagram.h): the same paints and text runs the SVG writer
 * (render_svg.c) writes, as PDF path and text operators.  No raster. */
#include "pdf_diagram.h"

#include <string.h>

typedef struct pen {
	HPDF_Page page;
	double x0, top, s;
} pen;

static HPDF_REAL X(const pen *p, double x)
{
	return (HPDF_REAL)(p->x0 + x * p->s);
}

static HPDF_REAL Y(const pen *p, double y)
{
	return (HPDF_REAL)(p->top - y * p->s);
}

static void rgb_fill(HPDF_Page pg, int c)
{
	const pm_dg_rgb *k = &pm_dg_palette[c];
	HPDF_Page_SetRGBFill(pg, k->r / 255.0f, k->g / 255.0f, k->b / 255.0f);
}

static void rgb_stroke(HPDF_Page pg, int c)
{
	const pm_dg_rgb *k = &pm_dg_palette[c];
	HPDF_Page_SetRGBStroke(pg, k->r / 255.0f, k->g / 255.0f, k->b / 255.0f);
}

/* The dash patterns of render_svg.c, scaled. */
static void dash(const pen *p, int d)
{
	HPDF_REAL v[2];
	switch (d) {
	case DG_DASHED:
		v[0] = (HPDF_REAL)(5 * p->s);
		v[1] = (HPDF_REAL)(3 * p->s);
		break;
	case DG_LONGDASH:
		v[0] = (HPDF_REAL)(8 * p->s);
		v[1] = (HPDF_REAL)(4 * p->s);
		break;
	case DG_DOTTED:
		v[0] = (HPDF_REAL)(0.1 * p->s);
		v[1] = (HPDF_REAL)(2.6 * p->s);
		break;
	default:
		HPDF_Page_SetDash(p->page, NULL, 0, 0);
		HPDF_Page_SetLineCap(p->page, HPDF_BUTT_END);
		return;
	}
	/* libharu takes whole-unit dash lengths: at least one point */
	HPDF_UINT16 u[2] = {(HPDF_UINT16)(v[0] < 1 ? 1 : v[0] + 0.5), (HPDF_UINT16)(v[1] < 1 ? 1 : v[1] + 0.5)};
	if (d == DG_DOTTED)
		u[0] = 1;
	HPDF_Page_SetDash(p->page, u, 2, 0);
	HPDF_Page_SetLineCap(p->page, d == DG_DOTTED ? HPDF_ROUND_END : HPDF_BUTT_END);
}

static void paint(const pen *p, const pm_diagram *dg, const pm_dg_paint *pa)
{
	HPDF_Page pg = p->page;
	if (!pa->no || (!pa->fill && !pa->stroke))
		return;
	if (pa->fill)
		rgb_fill(pg, pa->fill);
	if (pa->stroke) {
		rgb_stroke(pg, pa->stroke);
		HPDF_Page_SetLineWidth(pg, (HPDF_REAL)(pa->width * p->s));
		dash(p, pa->dash);
	}
	int open = 0;
	for (size_t k = pa->o0; k < pa->o0 + pa->no; k++) {
		const pm_dg_op *o = &dg->o[k];
		switch (o->op) {
		case 'M':
			HPDF_Page_MoveTo(pg, X(p, o->p[0].x), Y(p, o->p[0].y));
			open = 1;
			break;
		case 'L':
			if (open)
				HPDF_Page_LineTo(pg, X(p, o->p[0].x), Y(p, o->p[0].y));
			break;
		case 'C':
			if (open)
				HPDF_Page_CurveTo(pg, X(p, o->p[0].x), Y(p, o->p[0].y), X(p, o->p[1].x),
				                  Y(p, o->p[1].y), X(p, o->p[2].x), Y(p, o->p[2].y));
			break;
		case 'Z':
			if (open)
				HPDF_Page_ClosePath(pg);
			break;
		default:
			break;
		}
	}
	if (!open)
		return;
	if (pa->fill && pa->stroke)
		HPDF_Page_FillStroke(pg);
	else if (pa->fill)
		HPDF_Page_Fill(pg);
	else
		HPDF_Page_Stroke(pg);
}

static int face_of(int f)
{
	return f == DG_BOLD ? PT_BOLD : f == DG_ITALIC ? PT_ITALIC : PT_REGULAR;
}

static void text(const pen *p, pt_fonts *fonts, pt_pool *pool, pm_buf *tmp, const pm_dg_text *t)
{
	HPDF_Page pg = p->page;
	double size = t->size * p->s;
	pt_pool_clear(pool);
	size_t f0 = pt_begin(pool, 1);
	pt_add(fonts, pool, t->s, strlen(t->s), face_of(t->face), 0, -1);
	double w = 0;
	for (size_t i = f0; i < pool->nfrags; i++)
		w += pool->frags[i].units * size / 1000.0;
	double x = X(p, t->x), y = Y(p, t->y);
	if (t->anchor == DG_ANCHOR_MIDDLE)
		x -= w / 2;
	else if (t->anchor == DG_ANCHOR_END)
		x -= w;
	rgb_fill(pg, t->colour);
	HPDF_Page_BeginText(pg);
	for (size_t i = f0; i < pool->nfrags;) {
		const pt_frag *fr = &pool->frags[i];
		size_t j = i;
		double run = 0;
		pm_buf_clear(tmp);
		while (j < pool->nfrags && pool->frags[j].face == fr->face) {
			pm_buf_put(tmp, pool->text.data + pool->frags[j].off, pool->frags[j].len);
			run += pool->frags[j].units * size / 1000.0;
			j++;
		}
		pm_buf_putc(tmp, 0);
		HPDF_Font font = pt_font(fonts, fr->face);
		if (font && tmp->len > 1) {
			HPDF_Page_SetFontAndSize(pg, font, (HPDF_REAL)size);
			HPDF_Page_TextOut(pg, (HPDF_REAL)x, (HPDF_REAL)y, tmp->data);
		}
		x += run;
		i = j;
	}
	HPDF_Page_EndText(pg);
}

void pdf_draw_diagram(HPDF_Page page, pt_fonts *fonts, pt_pool *scratch, pm_buf *tmp, const pm_diagram *dg, double x,
                      double top, double s)
{
	pen p = {page, x, top, s};
	HPDF_Page_GSave(page);
	HPDF_Page_SetLineJoin(page, HPDF_ROUND_JOIN);
	for (size_t i = 0; i < dg->ng; i++) {
		const pm_dg_group *g = &dg->g[i];
		for (size_t k = g->p0; k < g->p0 + g->np; k++)
			paint(&p, dg, &dg->p[k]);
		for (size_t k = g->t0; k < g->t0 + g->nt; k++)
			text(&p, fonts, scratch, tmp, &dg->t[k]);
	}
	HPDF_Page_SetDash(page, NULL, 0, 0);
	HPDF_Page_GRestore(page);
}
