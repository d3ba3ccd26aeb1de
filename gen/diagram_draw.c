/* diagram_draw.c — the display list of a diagram (gen/diagram.h): groups,
 * paints, path operations, text runs, the palette and the component
 * shapes.  Every renderer draws exactly these; nothing here knows SVG or
 * PDF. */
#include "diagram.h"
#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define KAPPA 0.5522847498 /* cubic Bézier quarter circle */

const pm_dg_rgb pm_dg_palette[DG_NCOLOURS] = {
        [DG_C_NONE] = {0, 0, 0},
        [DG_C_INK] = {0x1f, 0x23, 0x28},
        [DG_C_MUTED] = {0x4f, 0x59, 0x63},
        [DG_C_FAINT] = {0x8c, 0x95, 0x9f},
        [DG_C_LINE] = {0x34, 0x40, 0x4c},
        [DG_C_ALERT] = {0xc6, 0x28, 0x28},
        [DG_C_GOOD] = {0x2e, 0x6b, 0x33},
        [DG_C_WHITE] = {0xff, 0xff, 0xff},
        [DG_C_NODE_STROKE] = {0x12, 0x32, 0x4f},
        [DG_C_FILL_DEVICE] = {0xd9, 0xe8, 0xf6},
        [DG_C_FILL_SOFTWARE] = {0xff, 0xff, 0xff},
        [DG_C_FILL_CLOUD] = {0xe4, 0xef, 0xfb},
        [DG_C_FILL_EXTERNAL] = {0xe3, 0xe6, 0xea},
        [DG_C_FILL_USER] = {0xff, 0xf6, 0xdc},
        [DG_C_FILL_NETWORK] = {0xec, 0xf0, 0xf4},
        [DG_C_FILL_PLAIN] = {0xff, 0xff, 0xff},
        [DG_C_Z_TRUSTED] = {0xee, 0xf7, 0xef},
        [DG_C_Z_TRUSTED_LINE] = {0x3a, 0x7d, 0x44},
        [DG_C_Z_PARTIAL] = {0xfd, 0xf7, 0xe6},
        [DG_C_Z_PARTIAL_LINE] = {0x9a, 0x70, 0x12},
        [DG_C_Z_UNTRUSTED] = {0xfc, 0xee, 0xed},
        [DG_C_Z_UNTRUSTED_LINE] = {0xb3, 0x26, 0x1e},
        [DG_C_Z_UNKNOWN] = {0xf3, 0xf4, 0xf6},
        [DG_C_Z_UNKNOWN_LINE] = {0x6b, 0x75, 0x80},
        [DG_C_ALERT_FILL] = {0xfd, 0xe7, 0xe7},
        [DG_C_NOTE] = {0xf6, 0xf4, 0xe8},
};

/* name, graphviz shape, pads left/top/right/bottom, growth of round shapes */
const pm_dg_shape_info pm_dg_shapes[DG_NSHAPES] = {
        [DG_S_BOX] = {"other component", "box", 0, 0, 0, 0, 1, 1},
        [DG_S_DEVICE] = {"device", "box", 3, 3, 3, 3, 1, 1},
        [DG_S_SOFTWARE] = {"software", "box", 6, 0, 0, 0, 1, 1},
        [DG_S_APP] = {"app", "box", 3, 1, 3, 1, 1, 1},
        [DG_S_SERVER] = {"server", "box", 0, 9, 0, 0, 1, 1},
        [DG_S_CLOUD] = {"cloud service", "ellipse", 0, 0, 0, 0, 1.32, 1.5},
        [DG_S_WORKSTATION] = {"workstation", "box", 0, 6, 0, 0, 1, 1},
        [DG_S_NETWORK] = {"network", "box", 10, 0, 10, 0, 1, 1},
        [DG_S_EXTERNAL] = {"external system", "box", 5, 0, 5, 0, 1, 1},
        [DG_S_PERIPHERAL] = {"peripheral", "box", 0, 6, 6, 0, 1, 1},
        [DG_S_USER] = {"user", "box", 18, 0, 0, 0, 1, 1},
        [DG_S_TOOL] = {"service tool", "box", 0, 6, 0, 0, 1, 1},
        [DG_S_STORE] = {"data store", "cylinder", 0, 10, 0, 4, 1, 1},
        [DG_S_ZONE] = {"zone", "box", 0, 0, 0, 0, 1, 1},
        [DG_S_STUB] = {"other zone", "box", 0, 0, 0, 0, 1, 1},
};

/* Component kinds (by spelling) and their shapes; unlisted kinds get a box. */
static const struct {
	const char *kind;
	int shape;
} KIND_SHAPES[] = {
        {"device", DG_S_DEVICE},   {"software", DG_S_SOFTWARE},        {"app", DG_S_APP},
        {"server", DG_S_SERVER},   {"cloud_service", DG_S_CLOUD},      {"workstation", DG_S_WORKSTATION},
        {"network", DG_S_NETWORK}, {"external_system", DG_S_EXTERNAL}, {"peripheral", DG_S_PERIPHERAL},
        {"user", DG_S_USER},       {"service_tool", DG_S_TOOL},        {"data_store", DG_S_STORE},
        {"datastore", DG_S_STORE}, {"database", DG_S_STORE},
};

int pm_dg_shape_of(const char *kind)
{
	for (size_t i = 0; kind && i < sizeof KIND_SHAPES / sizeof *KIND_SHAPES; i++)
		if (strcmp(kind, KIND_SHAPES[i].kind) == 0)
			return KIND_SHAPES[i].shape;
	return DG_S_BOX;
}

int pm_dg_shape_fill(int s)
{
	switch (s) {
	case DG_S_DEVICE:
		return DG_C_FILL_DEVICE;
	case DG_S_CLOUD:
		return DG_C_FILL_CLOUD;
	case DG_S_EXTERNAL:
		return DG_C_FILL_EXTERNAL;
	case DG_S_USER:
		return DG_C_FILL_USER;
	case DG_S_NETWORK:
	case DG_S_STORE:
		return DG_C_FILL_NETWORK;
	case DG_S_STUB:
		return DG_C_Z_UNKNOWN;
	default:
		return DG_C_FILL_PLAIN;
	}
}

/* ---- the list -------------------------------------------------------------------------- */

pm_diagram *pm_dg_new(void)
{
	pm_diagram *dg = pm_xcalloc(1, sizeof *dg);
	dg->a = pm_arena_new();
	dg->cur = (size_t)-1;
	return dg;
}

void pm_diagram_free(pm_diagram *dg)
{
	if (!dg)
		return;
	free(dg->g);
	free(dg->p);
	free(dg->o);
	free(dg->t);
	pm_arena_free(dg->a);
	free(dg);
}

const char *pm_diagram_alt(const pm_diagram *dg)
{
	return dg && dg->alt ? dg->alt : dg && dg->title ? dg->title : "";
}

const char *pm_diagram_desc(const pm_diagram *dg)
{
	return dg && dg->desc ? dg->desc : "";
}

void pm_diagram_size(const pm_diagram *dg, double *w, double *h)
{
	*w = dg ? dg->w : 0;
	*h = dg ? dg->h : 0;
}

size_t pm_dg_group_begin(pm_diagram *dg, int kind, int layer, const char *id, const char *title, const char *data)
{
	dg->g = pm_xgrow(dg->g, &dg->capg, dg->ng + 1, sizeof *dg->g);
	pm_dg_group *g = &dg->g[dg->ng];
	memset(g, 0, sizeof *g);
	g->kind = (uint8_t)kind;
	g->layer = (uint8_t)layer;
	g->id = id ? pm_arena_strdup(dg->a, id) : NULL;
	g->title = title ? pm_dg_clean(dg->a, title) : NULL;
	g->data = data ? pm_arena_strdup(dg->a, data) : NULL;
	g->p0 = dg->np;
	g->t0 = dg->nt;
	dg->cur = dg->ng;
	return dg->ng++;
}

void pm_dg_group_end(pm_diagram *dg)
{
	pm_dg_group *g = &dg->g[dg->cur];
	g->np = dg->np - g->p0;
	g->nt = dg->nt - g->t0;
	dg->cur = (size_t)-1;
}

void pm_dg_translate(pm_diagram *dg, size_t gi, double dx, double dy)
{
	const pm_dg_group *g = &dg->g[gi];
	for (size_t i = g->p0; i < g->p0 + g->np; i++) {
		const pm_dg_paint *p = &dg->p[i];
		for (size_t k = p->o0; k < p->o0 + p->no; k++)
			for (int j = 0; j < 3; j++) {
				dg->o[k].p[j].x += dx;
				dg->o[k].p[j].y += dy;
			}
	}
	for (size_t i = g->t0; i < g->t0 + g->nt; i++) {
		dg->t[i].x += dx;
		dg->t[i].y += dy;
	}
}

void pm_dg_sort_layers(pm_diagram *dg)
{
	pm_dg_group *v = pm_xcalloc(dg->ng + 1, sizeof *v);
	size_t k = 0;
	for (int layer = 0; layer < DG_NLAYERS; layer++)
		for (size_t i = 0; i < dg->ng; i++)
			if (dg->g[i].layer == layer)
				v[k++] = dg->g[i];
	memcpy(dg->g, v, k * sizeof *v);
	free(v);
}

void pm_dg_paint_begin(pm_diagram *dg, int fill, int stroke, double width, int dash)
{
	dg->p = pm_xgrow(dg->p, &dg->capp, dg->np + 1, sizeof *dg->p);
	pm_dg_paint *p = &dg->p[dg->np++];
	memset(p, 0, sizeof *p);
	p->o0 = dg->no;
	p->fill = (uint8_t)fill;
	p->stroke = (uint8_t)stroke;
	p->width = (float)width;
	p->dash = (uint8_t)dash;
}

static void op(pm_diagram *dg, char c, double x0, double y0, double x1, double y1, double x2, double y2)
{
	dg->o = pm_xgrow(dg->o, &dg->capo, dg->no + 1, sizeof *dg->o);
	pm_dg_op *o = &dg->o[dg->no++];
	o->op = c;
	o->p[0] = (pm_dg_pt){x0, y0};
	o->p[1] = (pm_dg_pt){x1, y1};
	o->p[2] = (pm_dg_pt){x2, y2};
}

void pm_dg_move(pm_diagram *dg, double x, double y)
{
	op(dg, 'M', x, y, 0, 0, 0, 0);
}

void pm_dg_line(pm_diagram *dg, double x, double y)
{
	op(dg, 'L', x, y, 0, 0, 0, 0);
}

void pm_dg_curve(pm_diagram *dg, double x1, double y1, double x2, double y2, double x, double y)
{
	op(dg, 'C', x1, y1, x2, y2, x, y);
}

void pm_dg_close(pm_diagram *dg)
{
	op(dg, 'Z', 0, 0, 0, 0, 0, 0);
}

void pm_dg_paint_end(pm_diagram *dg)
{
	pm_dg_paint *p = &dg->p[dg->np - 1];
	p->no = dg->no - p->o0;
}

/* Add the outline of a rounded rectangle to the current paint. */
static void rect_path(pm_diagram *dg, double x, double y, double w, double h, double r)
{
	if (r > w / 2)
		r = w / 2;
	if (r > h / 2)
		r = h / 2;
	if (r <= 0) {
		pm_dg_move(dg, x, y);
		pm_dg_line(dg, x + w, y);
		pm_dg_line(dg, x + w, y + h);
		pm_dg_line(dg, x, y + h);
		pm_dg_close(dg);
		return;
	}
	double k = r * (1 - KAPPA);
	pm_dg_move(dg, x + r, y);
	pm_dg_line(dg, x + w - r, y);
	pm_dg_curve(dg, x + w - k, y, x + w, y + k, x + w, y + r);
	pm_dg_line(dg, x + w, y + h - r);
	pm_dg_curve(dg, x + w, y + h - k, x + w - k, y + h, x + w - r, y + h);
	pm_dg_line(dg, x + r, y + h);
	pm_dg_curve(dg, x + k, y + h, x, y + h - k, x, y + h - r);
	pm_dg_line(dg, x, y + r);
	pm_dg_curve(dg, x, y + k, x + k, y, x + r, y);
	pm_dg_close(dg);
}

static void ellipse_path(pm_diagram *dg, double cx, double cy, double rx, double ry)
{
	double kx = rx * KAPPA, ky = ry * KAPPA;
	pm_dg_move(dg, cx + rx, cy);
	pm_dg_curve(dg, cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry);
	pm_dg_curve(dg, cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy);
	pm_dg_curve(dg, cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry);
	pm_dg_curve(dg, cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy);
	pm_dg_close(dg);
}

void pm_dg_rect(pm_diagram *dg, double x, double y, double w, double h, double r, int fill, int stroke, double width,
                int dash)
{
	pm_dg_paint_begin(dg, fill, stroke, width, dash);
	rect_path(dg, x, y, w, h, r);
	pm_dg_paint_end(dg);
}

void pm_dg_ellipse(pm_diagram *dg, double cx, double cy, double rx, double ry, int fill, int stroke, double width)
{
	pm_dg_paint_begin(dg, fill, stroke, width, DG_SOLID);
	ellipse_path(dg, cx, cy, rx, ry);
	pm_dg_paint_end(dg);
}

void pm_dg_segment(pm_diagram *dg, double x1, double y1, double x2, double y2, int stroke, double width, int dash)
{
	pm_dg_paint_begin(dg, DG_C_NONE, stroke, width, dash);
	pm_dg_move(dg, x1, y1);
	pm_dg_line(dg, x2, y2);
	pm_dg_paint_end(dg);
}

void pm_dg_text_add(pm_diagram *dg, const char *s, double x, double y, double size, int face, int anchor, int colour)
{
	dg->t = pm_xgrow(dg->t, &dg->capt, dg->nt + 1, sizeof *dg->t);
	pm_dg_text *t = &dg->t[dg->nt++];
	t->s = pm_dg_clean(dg->a, s);
	t->x = x;
	t->y = y;
	t->size = (float)size;
	t->face = (uint8_t)face;
	t->anchor = (uint8_t)anchor;
	t->colour = (uint8_t)colour;
}

/* ---- shapes ------------------------------------------------------------------------------------ */

/* A cloud: bumps whose crests follow the ellipse graphviz clips edges to. */
static void cloud_path(pm_diagram *dg, double x, double y, double w, double h)
{
	double cx = x + w / 2, cy = y + h / 2, rx = w / 2, ry = h / 2;
	int n = (int)(w + h) / 34;
	if (n < 7)
		n = 7;
	if (n > 14)
		n = 14;
	double step = 2 * M_PI / n, in = 0.86, out = 1.1;
	for (int i = 0; i < n; i++) {
		double a0 = -M_PI / 2 + i * step, a1 = a0 + step;
		double p0x = cx + in * rx * cos(a0), p0y = cy + in * ry * sin(a0);
		if (i == 0)
			pm_dg_move(dg, p0x, p0y);
		pm_dg_curve(dg, cx + out * rx * cos(a0 + step / 4), cy + out * ry * sin(a0 + step / 4),
		            cx + out * rx * cos(a1 - step / 4), cy + out * ry * sin(a1 - step / 4),
		            cx + in * rx * cos(a1), cy + in * ry * sin(a1));
	}
	pm_dg_close(dg);
}

void pm_dg_draw_shape(pm_diagram *dg, int s, double x, double y, double w, double h, int fill, int alert)
{
	int line = alert ? DG_C_ALERT : DG_C_NODE_STROKE;
	double lw = alert ? 2.0 : 1.0;
	switch (s) {
	case DG_S_DEVICE:
		pm_dg_rect(dg, x, y, w, h, 0, fill, line, lw + 0.6, DG_SOLID);
		pm_dg_rect(dg, x + 3, y + 3, w - 6, h - 6, 0, DG_C_NONE, line, 0.6, DG_SOLID);
		break;
	case DG_S_SOFTWARE:
		pm_dg_rect(dg, x, y, w, h, 2, fill, line, lw, DG_SOLID);
		for (int i = 0; i < 2; i++) {
			double ty = y + h * (i ? 0.58 : 0.26);
			pm_dg_rect(dg, x - 5, ty, 10, 6, 0, DG_C_WHITE, line, 0.8, DG_SOLID);
		}
		break;
	case DG_S_APP:
		pm_dg_rect(dg, x, y, w, h, 10, fill, line, lw, DG_SOLID);
		break;
	case DG_S_SERVER:
		pm_dg_rect(dg, x, y, w, h, 0, fill, line, lw, DG_SOLID);
		pm_dg_segment(dg, x, y + 4, x + w, y + 4, line, 0.6, DG_SOLID);
		pm_dg_segment(dg, x, y + 8, x + w, y + 8, line, 0.6, DG_SOLID);
		pm_dg_ellipse(dg, x + w - 5, y + 2, 1.1, 1.1, DG_C_GOOD, DG_C_NONE, 0);
		pm_dg_ellipse(dg, x + w - 5, y + 6, 1.1, 1.1, DG_C_GOOD, DG_C_NONE, 0);
		break;
	case DG_S_CLOUD:
		pm_dg_paint_begin(dg, fill, line, lw, DG_SOLID);
		cloud_path(dg, x, y, w, h);
		pm_dg_paint_end(dg);
		break;
	case DG_S_WORKSTATION:
		pm_dg_rect(dg, x, y, w, h, 1.5, fill, line, lw, DG_SOLID);
		pm_dg_rect(dg, x, y, w, 5, 0, line, DG_C_NONE, 0, DG_SOLID);
		break;
	case DG_S_NETWORK: { /* a hexagon with short points, inside the box dot clips to */
		double k = h * 0.35 < 12 ? h * 0.35 : 12;
		pm_dg_paint_begin(dg, fill, line, lw, DG_SOLID);
		pm_dg_move(dg, x, y + h / 2);
		pm_dg_line(dg, x + k, y);
		pm_dg_line(dg, x + w - k, y);
		pm_dg_line(dg, x + w, y + h / 2);
		pm_dg_line(dg, x + w - k, y + h);
		pm_dg_line(dg, x + k, y + h);
		pm_dg_close(dg);
		pm_dg_paint_end(dg);
		break;
	}
	case DG_S_EXTERNAL:
		pm_dg_rect(dg, x, y, w, h, 0, fill, line, lw, DG_SOLID);
		pm_dg_segment(dg, x + 4, y, x + 4, y + h, line, 0.7, DG_SOLID);
		pm_dg_segment(dg, x + w - 4, y, x + w - 4, y + h, line, 0.7, DG_SOLID);
		break;
	case DG_S_PERIPHERAL: {
		double dd = 6;
		pm_dg_paint_begin(dg, DG_C_FILL_NETWORK, line, 0.8, DG_SOLID);
		pm_dg_move(dg, x, y + dd);
		pm_dg_line(dg, x + dd, y);
		pm_dg_line(dg, x + w, y);
		pm_dg_line(dg, x + w, y + h - dd);
		pm_dg_line(dg, x + w - dd, y + h);
		pm_dg_line(dg, x + w - dd, y + dd);
		pm_dg_close(dg);
		pm_dg_paint_end(dg);
		pm_dg_segment(dg, x + w - dd, y + dd, x + w, y, line, 0.8, DG_SOLID);
		pm_dg_rect(dg, x, y + dd, w - dd, h - dd, 0, fill, line, lw, DG_SOLID);
		break;
	}
	case DG_S_USER: {
		pm_dg_rect(dg, x, y, w, h, h / 2 < 12 ? h / 2 : 12, fill, line, lw, DG_SOLID);
		double px = x + 12, py = y + h / 2;
		pm_dg_ellipse(dg, px, py - 5.5, 3.2, 3.2, DG_C_NODE_STROKE, DG_C_NONE, 0);
		pm_dg_paint_begin(dg, DG_C_NODE_STROKE, DG_C_NONE, 0, DG_SOLID);
		pm_dg_move(dg, px - 6, py + 7);
		pm_dg_curve(dg, px - 6, py - 2, px + 6, py - 2, px + 6, py + 7);
		pm_dg_close(dg);
		pm_dg_paint_end(dg);
		break;
	}
	case DG_S_TOOL:
		pm_dg_paint_begin(dg, fill, line, lw, DG_SOLID);
		pm_dg_move(dg, x, y);
		pm_dg_line(dg, x + w * 0.32, y);
		pm_dg_line(dg, x + w * 0.32 + 5, y + 5);
		pm_dg_line(dg, x + w, y + 5);
		pm_dg_line(dg, x + w, y + h);
		pm_dg_line(dg, x, y + h);
		pm_dg_close(dg);
		pm_dg_paint_end(dg);
		pm_dg_segment(dg, x, y + 5, x + w * 0.32 + 5, y + 5, line, 0.6, DG_SOLID);
		break;
	case DG_S_STORE: {
		double ry = 5, k = KAPPA;
		pm_dg_paint_begin(dg, fill, line, lw, DG_SOLID);
		pm_dg_move(dg, x, y + ry);
		pm_dg_curve(dg, x, y + ry - k * ry, x + w / 2 - k * w / 2, y, x + w / 2, y);
		pm_dg_curve(dg, x + w / 2 + k * w / 2, y, x + w, y + ry - k * ry, x + w, y + ry);
		pm_dg_line(dg, x + w, y + h - ry);
		pm_dg_curve(dg, x + w, y + h - ry + k * ry, x + w / 2 + k * w / 2, y + h, x + w / 2, y + h);
		pm_dg_curve(dg, x + w / 2 - k * w / 2, y + h, x, y + h - ry + k * ry, x, y + h - ry);
		pm_dg_close(dg);
		pm_dg_paint_end(dg);
		pm_dg_paint_begin(dg, DG_C_NONE, line, 0.8, DG_SOLID);
		pm_dg_move(dg, x, y + ry);
		pm_dg_curve(dg, x, y + ry + k * ry, x + w / 2 - k * w / 2, y + 2 * ry, x + w / 2, y + 2 * ry);
		pm_dg_curve(dg, x + w / 2 + k * w / 2, y + 2 * ry, x + w, y + ry + k * ry, x + w, y + ry);
		pm_dg_paint_end(dg);
		break;
	}
	case DG_S_ZONE:
		pm_dg_rect(dg, x, y, w, h, 4, fill, alert ? DG_C_ALERT : DG_C_NODE_STROKE, 1.4, DG_DASHED);
		break;
	case DG_S_STUB:
		pm_dg_rect(dg, x, y, w, h, 4, fill, DG_C_FAINT, 1.0, DG_DASHED);
		break;
	default:
		pm_dg_rect(dg, x, y, w, h, 0, fill, line, lw, DG_SOLID);
		break;
	}
}
