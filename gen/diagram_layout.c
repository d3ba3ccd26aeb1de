/* diagram_layout.c — graph diagrams laid out by graphviz's dot, in-process
 * (pm_diagram_layout(), pm_diagram_dot(); include/premarket/diagram.h).
 *
 * dot never measures text here: every node is a fixed-size box of the size
 * its content needs (diagram_parts.c measures it with the compiled-in
 * metrics), and every edge and zone label is an HTML table of a fixed width
 * and height with nothing in it, so the layout does not depend on the fonts
 * or the text-layout plugins of the machine.  Nodes, zones and flows go to
 * dot in the plan's order; dot is deterministic for a given input (no
 * random seed), so the same model gives the same coordinates.  After the
 * layout the positions are read back (ND_coord, ED_spl, ED_label, GD_bb),
 * turned to y-down points, and the groups built at the origin are moved
 * into place; zones, lines, arrowheads and boundary marks are drawn then.
 *
 * graphviz reports errors through a global hook (agseterrf): it is set
 * around each call and collects the text into a diagnostic. */
#include "diagram.h"
#include "strmap.h"
#include "xalloc.h"

#include <gvc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pm_diagram_engine {
	GVC_t *gvc;
};

#define ARROW_ROOM 9.0 /* below a zone's name, for arrowheads */
#define NEST_PAD   5.0 /* a zone around the zones within it: per level, on the sides and below */

/* ---- graphviz's own leaks ------------------------------------------------------------ */

/* graphviz 2.42 keeps memory it never frees: the configuration gvContext()
 * reads, and virtual edges of every dot layout (fixed in later releases).
 * Under LeakSanitizer these would fail every test that draws a diagram, so
 * the library names them as suppressions of the sanitizer's own hook (it
 * asks the program for them at exit; without a sanitizer it is never
 * called).  Valgrind gets the same from tests/valgrind-graphviz.supp
 * through .valgrindrc.  Leaks of ours never pass through these libraries. */
#if defined(__SANITIZE_ADDRESS__)
#define PM_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PM_LSAN 1
#endif
#endif
#ifdef PM_LSAN
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libgvplugin_dot_layout.so\nleak:gvconfig\nleak:libgvc.so\n";
}
#endif

/* ---- graphviz errors ------------------------------------------------------------------ */

static char gv_msg[512];
static size_t gv_len;

static int gv_error(char *msg)
{
	size_t n = strlen(msg);
	if (gv_len + n >= sizeof gv_msg)
		n = sizeof gv_msg - 1 - gv_len;
	memcpy(gv_msg + gv_len, msg, n);
	gv_len += n;
	gv_msg[gv_len] = 0;
	return 0;
}

static agusererrf gv_quiet(void)
{
	gv_len = 0;
	gv_msg[0] = 0;
	agseterr(AGERR);
	return agseterrf(gv_error);
}

static void gv_loud(agusererrf old)
{
	agseterrf(old);
	agseterr(AGWARN);
}

pm_diagram_engine *pm_diagram_engine_new(void)
{
	agusererrf old = gv_quiet();
	GVC_t *gvc = gvContext();
	gv_loud(old);
	if (!gvc)
		return NULL;
	pm_diagram_engine *e = pm_xcalloc(1, sizeof *e);
	e->gvc = gvc;
	return e;
}

void pm_diagram_engine_free(pm_diagram_engine *e)
{
	if (!e)
		return;
	agusererrf old = gv_quiet();
	gvFreeContext(e->gvc);
	gv_loud(old);
	free(e);
}

/* ---- object ids -------------------------------------------------------------------------------- */

/* cgraph's own id discipline makes a named object's id the address of its
 * interned name, and keeps subgraphs ordered by id: clusters would reach
 * dot in an order that depends on the heap.  This one numbers every object
 * in creation order and maps the names itself (cgraph's fallback map for
 * names leaks its entries in this version), so everything is ordered as it
 * was created and nothing depends on addresses. */
typedef struct idstate {
	Agraph_t *g;
	IDTYPE next;
	pm_strmap ids; /* name -> id */
	char **names;  /* id -> name (NULL: anonymous), interned in g: agwrite
	                  asks cgraph whether a name is an HTML string, which only
	                  cgraph's own strings can answer */
	size_t cap;
} idstate;

static void *id_open(Agraph_t *g, Agdisc_t *disc)
{
	(void)disc;
	idstate *st = pm_xcalloc(1, sizeof *st);
	st->g = g;
	st->next = 1;
	return st;
}

static long id_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
	idstate *st = state;
	size_t v;
	(void)objtype;
	if (str && pm_strmap_get(&st->ids, str, &v)) {
		*id = (IDTYPE)v;
		return 1;
	}
	if (!createflag)
		return 0;
	*id = st->next++;
	st->names = pm_xgrow(st->names, &st->cap, (size_t)*id + 1, sizeof *st->names);
	st->names[*id] = NULL;
	if (str) {
		st->names[*id] = agstrdup(st->g, str);
		pm_strmap_put(&st->ids, st->names[*id], (size_t)*id, NULL);
	}
	return 1;
}

static long id_alloc(void *state, int objtype, IDTYPE id)
{
	(void)state;
	(void)objtype;
	(void)id;
	return 0;
}

static void id_free(void *state, int objtype, IDTYPE id)
{
	(void)state;
	(void)objtype;
	(void)id;
}

static char *id_print(void *state, int objtype, IDTYPE id)
{
	idstate *st = state;
	(void)objtype;
	return id < st->next ? st->names[id] : NULL;
}

static void id_close(void *state)
{
	idstate *st = state;
	/* the names go with the graph's strings */
	free(st->names);
	pm_strmap_free(&st->ids);
	free(st);
}

static void id_register(void *state, int objtype, void *obj)
{
	(void)state;
	(void)objtype;
	(void)obj;
}

static Agiddisc_t SEQ_IDS = {id_open, id_map, id_alloc, id_free, id_print, id_close, id_register};

/* ---- the graph ------------------------------------------------------------------------------ */

typedef struct gnode {
	pm_dg_box box;
	int kind;    /* DG_G_COMPONENT, DG_G_ZONE_NODE, DG_G_STUB */
	int32_t ref; /* component or zone index */
	int cl;      /* cluster, -1 = none */
	int shape;
	const char *name; /* graphviz name (the model id) */
	Agnode_t *n;
	double x, y; /* top left, after layout */
} gnode;

typedef struct gedge {
	int from, to;
	int32_t flow;                   /* -1: the flows between two zones (summary) */
	size_t count, auth, enc, integ; /* summary: flows, and those with each protection */
	pm_dg_box label;
	int stroke, dash;
	double width;
	Agedge_t *e;   /* the edge; when split, its first half (tail -> label) */
	Agedge_t *e2;  /* the second half (label -> head), or NULL */
	Agnode_t *lab; /* the node that holds the label, or NULL */
} gedge;

typedef struct gclus {
	int32_t zone;
	int parent; /* the cluster of the zone it lies within, -1 */
	double lw, lh;
	Agraph_t *sg;
	double x, y, w, h;
} gclus;

typedef struct G {
	pm_dg_ctx *c;
	const pm_model *m;
	const pm_dg_spec *s;
	gnode *n;
	size_t nn, capn;
	gedge *e;
	size_t ne, cape;
	gclus *cl;
	size_t ncl;
	int32_t *comp_node; /* component -> node, -1 */
	int32_t *zone_node; /* zone -> zone node or stub, -1 */
	int32_t *zone_cl;   /* zone -> cluster, -1 */
	int export;         /* the DOT text, not a layout */
	int nest;           /* zones inside their 'within' zones' clusters */
	int anchors;        /* rank anchors went to dot: the picture is cropped to what is drawn */
	int lr;             /* ranks from left to right */
} G;

static char *S(const char *s)
{
	return (char *)s;
}

static int32_t zone_of(const pm_model *m, int32_t comp)
{
	const pm_ref *z = &m->components.v[comp].zone;
	return z->kind == PM_K_ZONE && z->idx >= 0 && (size_t)z->idx < m->zones.n ? z->idx : -1;
}

static int add_node(G *g, int kind, int32_t ref, int shape, const char *name)
{
	g->n = pm_xgrow(g->n, &g->capn, g->nn + 1, sizeof *g->n);
	gnode *n = &g->n[g->nn];
	memset(n, 0, sizeof *n);
	n->kind = kind;
	n->ref = ref;
	n->shape = shape;
	n->name = name;
	n->cl = -1;
	return (int)g->nn++;
}

static gedge *add_edge(G *g, int from, int to, int32_t flow)
{
	g->e = pm_xgrow(g->e, &g->cape, g->ne + 1, sizeof *g->e);
	gedge *e = &g->e[g->ne++];
	memset(e, 0, sizeof *e);
	e->from = from;
	e->to = to;
	e->flow = flow;
	return e;
}

/* A zone's cluster, after those of the zones it lies within (so that an
 * enclosing zone comes first, and is drawn below the zones inside it). */
static int add_cluster_at(G *g, int32_t zone, size_t depth)
{
	if (g->zone_cl[zone] >= 0)
		return g->zone_cl[zone];
	int32_t up = g->nest ? pm_dg_zone_within(g->m, zone) : -1;
	int parent = up >= 0 && depth < g->m->zones.n ? add_cluster_at(g, up, depth + 1) : -1;
	if (g->zone_cl[zone] >= 0) /* a cycle came back here */
		return g->zone_cl[zone];
	gclus *k = &g->cl[g->ncl];
	memset(k, 0, sizeof *k);
	k->zone = zone;
	k->parent = parent;
	if (!g->export)
		pm_dg_zone_label(g->c, zone, 0, &k->lw, &k->lh);
	g->zone_cl[zone] = (int32_t)g->ncl;
	return (int)g->ncl++;
}

static int add_cluster(G *g, int32_t zone)
{
	return add_cluster_at(g, zone, 0);
}

/* The innermost cluster that holds both clusters a and b (-1: none). */
static int common_cluster(const G *g, int a, int b)
{
	for (int x = a; x >= 0; x = g->cl[x].parent)
		for (int y = b; y >= 0; y = g->cl[y].parent)
			if (x == y)
				return x;
	return -1;
}

/* A component's layout hints (docs/diagrams.md): rank (-1: none), group (NULL). */
static int hint_rank(const G *g, const gnode *n)
{
	if (n->kind != DG_G_COMPONENT)
		return -1;
	const pm_num *r = &g->m->components.v[n->ref].diagram.rank;
	return r->at.line && r->v >= 0 && r->v <= 1000 ? (int)r->v : -1;
}

static const char *hint_group(const G *g, const gnode *n)
{
	if (n->kind != DG_G_COMPONENT)
		return NULL;
	const char *s = g->m->components.v[n->ref].diagram.group.s;
	return s && *s ? s : NULL;
}

/* Components (and their zones) of a graph or one zone's diagram. */
static void component_nodes(G *g, int32_t only_zone)
{
	for (size_t k = 0; k < g->s->ncomps; k++) {
		int32_t ci = g->s->comps[k], z = zone_of(g->m, ci);
		if (only_zone >= 0 && z != only_zone)
			continue;
		const char *kind = pm_dg_component_kind(&g->m->components.v[ci]);
		int ni = add_node(g, DG_G_COMPONENT, ci, pm_dg_shape_of(kind), g->m->components.v[ci].id.s);
		g->comp_node[ci] = ni;
		if (z >= 0)
			g->n[ni].cl = add_cluster(g, z);
		if (!g->export)
			g->n[ni].box = pm_dg_component_node(g->c, ci);
	}
}

static void flow_edges(G *g, int32_t only_zone)
{
	for (size_t k = 0; k < g->s->nflows; k++) {
		int32_t fi = g->s->flows[k];
		const pm_flow *f = &g->m->flows.v[fi];
		int a = g->comp_node[f->from.idx], b = g->comp_node[f->to.idx];
		if (only_zone >= 0) { /* the other end: its zone's stub */
			int32_t za = zone_of(g->m, f->from.idx), zb = zone_of(g->m, f->to.idx);
			if (a < 0 && za >= 0)
				a = g->zone_node[za];
			if (b < 0 && zb >= 0)
				b = g->zone_node[zb];
		}
		if (a < 0 || b < 0)
			continue;
		gedge *e = add_edge(g, a, b, fi);
		pm_dg_flow_style(g->c, fi, &e->stroke, &e->dash, &e->width);
		if (!g->export)
			e->label = pm_dg_flow_label(g->c, fi, 0, NULL);
	}
}

/* One zone's diagram: its components, a stub for each other zone its flows reach. */
static void zone_graph(G *g)
{
	int32_t z = g->s->zone;
	component_nodes(g, z);
	if (g->s->hidden_comps) {
		int ni = add_node(g, DG_G_MORE, z, DG_S_STUB, "more");
		g->n[ni].cl = add_cluster(g, z);
		if (!g->export)
			g->n[ni].box = pm_dg_more_node(g->c, g->s->hidden_comps, g->s->hidden_flows);
	}
	for (size_t k = 0; k < g->s->nflows; k++) {
		const pm_flow *f = &g->m->flows.v[g->s->flows[k]];
		int32_t ends[2] = {f->from.idx, f->to.idx};
		for (int j = 0; j < 2; j++) {
			int32_t oz = zone_of(g->m, ends[j]);
			if (oz >= 0 && oz != z && g->zone_node[oz] < 0) {
				int ni = add_node(g, DG_G_STUB, oz, DG_S_STUB, g->m->zones.v[oz].id.s);
				g->zone_node[oz] = ni;
				if (!g->export) {
					size_t nc = 0;
					for (size_t q = 0; q < g->m->components.n; q++)
						nc += zone_of(g->m, (int32_t)q) == oz;
					g->n[ni].box = pm_dg_zone_node(g->c, oz, nc, 0, NULL, 1);
				}
			}
		}
	}
	flow_edges(g, z);
}

/* The summary: a node per zone, an edge per ordered pair of zones with flows. */
static void summary_graph(G *g)
{
	const pm_model *m = g->m;
	size_t nz = m->zones.n;
	size_t *comps = pm_xcalloc(nz + 1, sizeof *comps), *internal = pm_xcalloc(nz + 1, sizeof *internal);
	for (size_t k = 0; k < g->s->ncomps; k++) {
		int32_t z = zone_of(m, g->s->comps[k]);
		if (z >= 0)
			comps[z]++;
	}
	for (size_t k = 0; k < g->s->nflows; k++) {
		const pm_flow *f = &m->flows.v[g->s->flows[k]];
		int32_t za = zone_of(m, f->from.idx), zb = zone_of(m, f->to.idx);
		if (za >= 0 && za == zb)
			internal[za]++;
	}
	for (size_t z = 0; z < nz; z++) {
		if (!comps[z])
			continue;
		int ni = add_node(g, DG_G_ZONE_NODE, (int32_t)z, DG_S_ZONE, m->zones.v[z].id.s);
		g->zone_node[z] = ni;
		if (!g->export) {
			char *href = pm_xasprintf("%s.%s.svg", g->s->id, m->zones.v[z].id.s ? m->zones.v[z].id.s : "");
			for (char *q = href; *q; q++)
				if (*q == ':')
					*q = '_';
			g->n[ni].box = pm_dg_zone_node(g->c, (int32_t)z, comps[z], internal[z], href, 0);
			free(href);
		}
	}
	/* pairs in order of their first flow */
	for (size_t k = 0; k < g->s->nflows; k++) {
		int32_t fi = g->s->flows[k];
		const pm_flow *f = &m->flows.v[fi];
		int32_t za = zone_of(m, f->from.idx), zb = zone_of(m, f->to.idx);
		if (za < 0 || zb < 0 || za == zb)
			continue;
		int a = g->zone_node[za], b = g->zone_node[zb];
		gedge *e = NULL;
		for (size_t q = 0; q < g->ne && !e; q++)
			if (g->e[q].from == a && g->e[q].to == b)
				e = &g->e[q];
		if (!e)
			e = add_edge(g, a, b, -1);
		e->count++;
		e->auth += pm_dg_protection(f->authentication) == DG_YES;
		e->enc += pm_dg_protection(f->encryption) == DG_YES;
		e->integ += pm_dg_protection(f->integrity) == DG_YES;
	}
	for (size_t q = 0; q < g->ne; q++) {
		gedge *e = &g->e[q];
		e->dash = e->enc == e->count ? DG_SOLID : DG_DASHED;
		e->stroke = e->auth == e->count && e->enc == e->count ? DG_C_LINE : DG_C_ALERT;
		e->width = 1.0 + (e->count > 1 ? log((double)e->count) * 0.6 : 0);
		if (e->width > 3)
			e->width = 3;
		g->c->used_dash[e->dash] = 1;
		g->c->used_alert_line |= e->stroke == DG_C_ALERT;
		if (!g->export) {
			const pm_zone *za = &m->zones.v[g->n[e->from].ref], *zb = &m->zones.v[g->n[e->to].ref];
			char *id = pm_xasprintf("%s->%s", za->id.s ? za->id.s : "", zb->id.s ? zb->id.s : "");
			e->label = pm_dg_aggregate_label(g->c, id, e->count, e->auth, e->enc, e->integ);
			free(id);
		}
	}
	free(comps);
	free(internal);
}

static void build(G *g)
{
	const pm_model *m = g->m;
	g->comp_node = pm_xcalloc(m->components.n + 1, sizeof *g->comp_node);
	g->zone_node = pm_xcalloc(m->zones.n + 1, sizeof *g->zone_node);
	g->zone_cl = pm_xcalloc(m->zones.n + 1, sizeof *g->zone_cl);
	g->cl = pm_xcalloc(m->zones.n + 1, sizeof *g->cl);
	for (size_t i = 0; i < m->components.n; i++)
		g->comp_node[i] = -1;
	for (size_t i = 0; i < m->zones.n; i++)
		g->zone_node[i] = g->zone_cl[i] = -1;
	g->nest = g->s->form == DG_GRAPH;
	if (g->s->form == DG_SUMMARY) {
		summary_graph(g);
	} else if (g->s->form == DG_ZONE) {
		zone_graph(g);
	} else {
		component_nodes(g, -1);
		flow_edges(g, -1);
	}
}

static void free_graph(G *g)
{
	free(g->n);
	free(g->e);
	free(g->cl);
	free(g->comp_node);
	free(g->zone_node);
	free(g->zone_cl);
}

/* ---- to graphviz ------------------------------------------------------------------------------- */

/* An empty HTML table of w x h points: a label dot places without measuring text. */
static char *placeholder(Agraph_t *root, double w, double h)
{
	char buf[256];
	snprintf(buf, sizeof buf,
	         "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\" FIXEDSIZE=\"TRUE\" "
	         "WIDTH=\"%d\" HEIGHT=\"%d\"><TR><TD></TD></TR></TABLE>",
	         (int)ceil(w), (int)ceil(h));
	return agstrdup_html(root, buf);
}

static void set_html(Agraph_t *root, void *obj, Agsym_t *sym, double w, double h)
{
	char *s = placeholder(root, w, h);
	agxset(obj, sym, s);
	agstrfree(root, s);
}

static void setf(void *obj, Agsym_t *sym, double v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%.4f", v);
	agxset(obj, sym, buf);
}

static const char *hex(int colour)
{
	static char buf[4][8];
	static int k;
	const pm_dg_rgb *c = &pm_dg_palette[colour];
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "#%02x%02x%02x", c->r, c->g, c->b);
	return buf[k];
}

/* Text for a DOT label: backslashes doubled (a DOT label reads "\n" and "\N"). */
static char *dot_text(const char *s)
{
	size_t n = 0;
	for (const char *q = s; *q; q++)
		n += *q == '\\' ? 2 : 1;
	char *out = pm_xmalloc(n + 1), *o = out;
	for (const char *q = s; *q; q++) {
		if (*q == '\\')
			*o++ = '\\';
		*o++ = *q;
	}
	*o = 0;
	return out;
}

static void export_node(G *g, gnode *n, Agnode_t *v, Agsym_t *label, Agsym_t *style, Agsym_t *fill)
{
	const pm_model *m = g->m;
	char *text;
	if (n->kind == DG_G_COMPONENT) {
		const pm_component *c = &m->components.v[n->ref];
		text = pm_xasprintf("%s\n%s", c->name.s ? c->name.s : "", c->id.s ? c->id.s : "");
	} else if (n->kind == DG_G_MORE) {
		text = pm_xasprintf("+%zu more components\nnot drawn", g->s->hidden_comps);
	} else {
		const pm_zone *z = &m->zones.v[n->ref];
		text = pm_xasprintf("%s\n%s", z->name.s ? z->name.s : "", z->id.s ? z->id.s : "");
	}
	char *t = dot_text(text);
	char *nl = strchr(t, '\n'); /* the one line break, as DOT's "\n" */
	char *lab = nl ? pm_xasprintf("%.*s\\n%s", (int)(nl - t), t, nl + 1) : pm_xstrdup(t);
	agxset(v, label, lab);
	agxset(v, style, S(n->kind == DG_G_COMPONENT ? "filled" : "filled,dashed"));
	int f = n->kind == DG_G_COMPONENT ? pm_dg_shape_fill(n->shape) : DG_C_Z_UNKNOWN;
	if (n->kind != DG_G_COMPONENT) {
		int line;
		pm_dg_zone_colours(m, n->ref, &f, &line);
	}
	agxset(v, fill, S(hex(f)));
	free(lab);
	free(t);
	free(text);
}

/* Nodes without flows would all sit on the first rank, side by side: chain
 * those of each zone with invisible edges into columns of about sqrt(1.4 n)
 * rows, a block that fits a page. */
static void grid_isolated(G *g, Agraph_t *root, Agsym_t *estyle)
{
	uint8_t *linked = pm_xcalloc(g->nn + 1, 1);
	for (size_t k = 0; k < g->ne; k++)
		linked[g->e[k].from] = linked[g->e[k].to] = 1;
	for (size_t k = 0; k < g->nn; k++) /* placed by their hints */
		linked[k] |= hint_rank(g, &g->n[k]) >= 0 || hint_group(g, &g->n[k]) != NULL;
	for (long cl = -1; cl < (long)g->ncl; cl++) {
		size_t n = 0;
		for (size_t k = 0; k < g->nn; k++)
			n += !linked[k] && g->n[k].cl == cl;
		if (n < 4)
			continue;
		size_t rows = (size_t)ceil(sqrt((double)n * 1.4)), in_col = 0;
		int prev = -1;
		for (size_t k = 0; k < g->nn; k++) {
			if (linked[k] || g->n[k].cl != cl)
				continue;
			if (prev >= 0 && in_col < rows) {
				char name[40];
				snprintf(name, sizeof name, "grid%zu", k);
				Agedge_t *e = agedge(root, g->n[prev].n, g->n[k].n, name, 1);
				agxset(e, estyle, S("invis"));
			} else {
				in_col = 0;
			}
			in_col++;
			prev = (int)k;
		}
	}
	free(linked);
}

/* An edge between two nodes goes to dot as two edges through a node of the
 * label's size: dot 2.42 corrupts its rank arrays (a double free in
 * gvFreeLayout) when a labelled edge is flat, i.e. joins two nodes of one
 * rank, inside clusters.  The label node sits in the cluster both ends
 * share, else in no cluster: between the zones, where the flow crosses. */
static void split_edge(G *g, Agraph_t *root, gedge *e, size_t k, Agsym_t *width, Agsym_t *height, Agsym_t *shape)
{
	char name[40];
	int cc = common_cluster(g, g->n[e->from].cl, g->n[e->to].cl);
	Agraph_t *parent = cc >= 0 ? g->cl[cc].sg : root;
	snprintf(name, sizeof name, "label%zu", k);
	e->lab = agnode(parent, name, 1);
	if (parent != root)
		agsubnode(root, e->lab, 1);
	agxset(e->lab, shape, S("box"));
	setf(e->lab, width, e->label.w / 72.0);
	setf(e->lab, height, e->label.h / 72.0);
	/* a flow against the ranks the model asks for goes to dot reversed, so
	 * that the hints win (the line is drawn from its source all the same) */
	int ra = hint_rank(g, &g->n[e->from]), rb = hint_rank(g, &g->n[e->to]), back = ra >= 0 && rb >= 0 && ra > rb;
	snprintf(name, sizeof name, "e%zu", k);
	e->e = back ? agedge(root, e->lab, g->n[e->from].n, name, 1) : agedge(root, g->n[e->from].n, e->lab, name, 1);
	snprintf(name, sizeof name, "e%zub", k);
	e->e2 = back ? agedge(root, g->n[e->to].n, e->lab, name, 1) : agedge(root, e->lab, g->n[e->to].n, name, 1);
}

/* An attribute, declared with default dflt unless it is already. */
static Agsym_t *sym(Agraph_t *root, int kind, const char *name, const char *dflt)
{
	Agsym_t *a = agattr(root, kind, S(name), NULL);
	return a ? a : agattr(root, kind, S(name), S(dflt));
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* The model's layout hints (docs/diagrams.md), after the nodes and edges:
 * - group: graphviz's group attribute on the component and on the label
 *   node of a flow between two components of the group (dot keeps the
 *   chain straight and in one column);
 * - rank: the components of one cluster (or of none) with one rank, and the
 *   label nodes of the flows between them, in one rank=same subgraph of
 *   that cluster (dot ignores rank=same across clusters); across clusters
 *   an invisible chain of anchor points, one per rank used, holds every
 *   ranked component at or below its rank's anchor and above the next. */
static void layout_hints(G *g, Agraph_t *root, Agsym_t *estyle)
{
	int *ranks = pm_xcalloc(g->nn + 1, sizeof *ranks);
	size_t nr = 0;
	int any_group = 0;
	for (size_t k = 0; k < g->nn; k++) {
		int r = hint_rank(g, &g->n[k]);
		if (r >= 0)
			ranks[nr++] = r;
		any_group |= hint_group(g, &g->n[k]) != NULL;
	}
	if (any_group) {
		Agsym_t *group = sym(root, AGNODE, "group", "");
		for (size_t k = 0; k < g->nn; k++) {
			const char *gr = hint_group(g, &g->n[k]);
			if (gr)
				agxset(g->n[k].n, group, S(gr));
		}
		for (size_t k = 0; k < g->ne; k++) {
			const gedge *e = &g->e[k];
			const char *a = hint_group(g, &g->n[e->from]), *b = hint_group(g, &g->n[e->to]);
			if (e->lab && a && b && strcmp(a, b) == 0)
				agxset(e->lab, group, S(a));
		}
	}
	if (!nr) {
		free(ranks);
		return;
	}
	qsort(ranks, nr, sizeof *ranks, cmp_int);
	size_t nd = 0; /* distinct ranks */
	for (size_t k = 0; k < nr; k++)
		if (!nd || ranks[nd - 1] != ranks[k])
			ranks[nd++] = ranks[k];
	Agsym_t *grank = sym(root, AGRAPH, "rank", "");
	/* rank=same within a cluster (or the root), and each rank of a cluster
	 * below its previous one: an invisible edge from one component of that
	 * rank to every component of this one (dot ranks a cluster's nodes by
	 * the edges inside it; the anchors below order the clusters) */
	Agsym_t *eweight = nd > 1 ? sym(root, AGEDGE, "weight", "1") : NULL;
	for (long cl = -1; cl < (long)g->ncl; cl++) {
		long prev = -1; /* a node of the cluster's previous rank */
		for (size_t r = 0; r < nd; r++) {
			Agraph_t *sg = NULL;
			long first = -1;
			for (size_t k = 0; k < g->nn; k++) {
				if (g->n[k].cl != cl || hint_rank(g, &g->n[k]) != ranks[r])
					continue;
				if (!sg) {
					char name[64];
					snprintf(name, sizeof name, "rank_%ld_%d", cl, ranks[r]);
					sg = agsubg(cl >= 0 ? g->cl[cl].sg : root, name, 1);
					agxset(sg, grank, S("same"));
					first = (long)k;
				}
				agsubnode(sg, g->n[k].n, 1);
				if (prev >= 0) {
					char name[64];
					snprintf(name, sizeof name, "rank_step_%zu", k);
					Agedge_t *e = agedge(root, g->n[prev].n, g->n[k].n, name, 1);
					agxset(e, estyle, S("invis"));
					agxset(e, eweight, S("0"));
				}
			}
			if (first >= 0)
				prev = first;
		}
	}
	if (nd > 1) {
		Agsym_t *minlen = sym(root, AGEDGE, "minlen", "1"), *weight = sym(root, AGEDGE, "weight", "1");
		Agsym_t *nshape = sym(root, AGNODE, "shape", "box"), *nstyle = sym(root, AGNODE, "style", "");
		Agsym_t *nw = sym(root, AGNODE, "width", "1"), *nh = sym(root, AGNODE, "height", "0.5");
		Agnode_t **anchor = pm_xcalloc(nd, sizeof *anchor);
		g->anchors = 1;
		char name[48];
		for (size_t r = 0; r < nd; r++) {
			snprintf(name, sizeof name, "rank_anchor_%d", ranks[r]);
			anchor[r] = agnode(root, name, 1);
			agxset(anchor[r], nshape, S("point"));
			agxset(anchor[r], nstyle, S("invis"));
			agxset(anchor[r], nw, S("0.01"));
			agxset(anchor[r], nh, S("0.01"));
			if (r) {
				snprintf(name, sizeof name, "rank_chain_%zu", r);
				Agedge_t *e = agedge(root, anchor[r - 1], anchor[r], name, 1);
				agxset(e, estyle, S("invis"));
			}
		}
		for (size_t k = 0; k < g->nn; k++) {
			int rk = hint_rank(g, &g->n[k]);
			if (rk < 0)
				continue;
			size_t r = 0;
			while (ranks[r] != rk)
				r++;
			snprintf(name, sizeof name, "rank_in_%zu", k);
			Agedge_t *e = agedge(root, anchor[r], g->n[k].n, name, 1);
			agxset(e, estyle, S("invis"));
			agxset(e, minlen, S("0"));
			agxset(e, weight, S("0"));
			if (r + 1 < nd) {
				snprintf(name, sizeof name, "rank_out_%zu", k);
				e = agedge(root, g->n[k].n, anchor[r + 1], name, 1);
				agxset(e, estyle, S("invis"));
				agxset(e, weight, S("0"));
			}
		}
		free(anchor);
	}
	free(ranks);
}

static Agraph_t *to_graphviz(G *g, Agdisc_t *disc)
{
	const pm_model *m = g->m;
	Agraph_t *root = agopen(S("diagram"), Agdirected, disc);
	agattr(root, AGRAPH, S("rankdir"), S(g->lr ? "LR" : "TB"));
	agattr(root, AGRAPH, S("nodesep"), S("0.25"));
	agattr(root, AGRAPH, S("ranksep"), S("0.34"));
	agattr(root, AGRAPH, S("labeljust"), S("l"));
	agattr(root, AGRAPH, S("labelloc"), S("t"));
	if (!g->export) {
		agattr(root, AGRAPH, S("margin"), S("0"));
		/* as compact as dot can make it, aiming at a landscape page */
		agattr(root, AGRAPH, S("ratio"), S("compress"));
		agattr(root, AGRAPH, S("size"), S("9.3,6.4"));
		if (g->nn > 60)
			agattr(root, AGRAPH, S("mclimit"), S("0.5"));
	}
	Agsym_t *glabel = agattr(root, AGRAPH, S("label"), S(""));
	Agsym_t *gstyle = g->export ? agattr(root, AGRAPH, S("style"), S("")) : NULL;
	Agsym_t *gcolor = g->export ? agattr(root, AGRAPH, S("color"), S("")) : NULL;
	Agsym_t *gfill = g->export ? agattr(root, AGRAPH, S("fillcolor"), S("")) : NULL;
	Agsym_t *shape = agattr(root, AGNODE, S("shape"), S("box"));
	Agsym_t *nlabel = agattr(root, AGNODE, S("label"), S(""));
	Agsym_t *width = NULL, *height = NULL, *nstyle = NULL, *nfill = NULL;
	if (g->export) {
		agattr(root, AGNODE, S("fontname"), S("DejaVu Sans"));
		agattr(root, AGNODE, S("fontsize"), S("10"));
		agattr(root, AGEDGE, S("fontname"), S("DejaVu Sans"));
		agattr(root, AGEDGE, S("fontsize"), S("8"));
		agattr(root, AGRAPH, S("fontname"), S("DejaVu Sans"));
		nstyle = agattr(root, AGNODE, S("style"), S("filled"));
		nfill = agattr(root, AGNODE, S("fillcolor"), S("#ffffff"));
	} else {
		agattr(root, AGNODE, S("fixedsize"), S("true"));
		width = agattr(root, AGNODE, S("width"), S("1"));
		height = agattr(root, AGNODE, S("height"), S("0.5"));
	}
	Agsym_t *elabel = agattr(root, AGEDGE, S("label"), S(""));
	Agsym_t *estyle = agattr(root, AGEDGE, S("style"), S("solid"));
	Agsym_t *ecolor = agattr(root, AGEDGE, S("color"), S("#34404c"));
	Agsym_t *epen = agattr(root, AGEDGE, S("penwidth"), S("1"));

	for (size_t k = 0; k < g->ncl; k++) { /* an enclosing zone before the zones within it */
		gclus *cl = &g->cl[k];
		const pm_zone *z = &m->zones.v[cl->zone];
		char *name = pm_xasprintf("cluster_%s", z->id.s ? z->id.s : "zone");
		cl->sg = agsubg(cl->parent >= 0 ? g->cl[cl->parent].sg : root, name, 1);
		free(name);
		if (g->export) {
			char *t = dot_text(z->name.s ? z->name.s : z->id.s ? z->id.s : "");
			agxset(cl->sg, glabel, t);
			free(t);
			int fill, line;
			pm_dg_zone_colours(m, cl->zone, &fill, &line);
			agxset(cl->sg, gstyle, S("dashed,filled"));
			agxset(cl->sg, gcolor, S(hex(line)));
			agxset(cl->sg, gfill, S(hex(fill)));
		} else {
			/* room below the name for the arrowheads that reach the
			 * nodes under it: the name is drawn above the lines */
			set_html(root, cl->sg, glabel, cl->lw, cl->lh + ARROW_ROOM);
		}
	}
	for (size_t k = 0; k < g->nn; k++) {
		gnode *n = &g->n[k];
		Agraph_t *parent = n->cl >= 0 ? g->cl[n->cl].sg : root;
		char fallback[32];
		snprintf(fallback, sizeof fallback, "n%zu", k);
		n->n = agnode(parent, S(n->name ? n->name : fallback), 1);
		if (n->cl >= 0)
			agsubnode(root, n->n, 1);
		agxset(n->n, shape, S(pm_dg_shapes[n->shape].gv_shape));
		if (g->export) {
			export_node(g, n, n->n, nlabel, nstyle, nfill);
		} else {
			setf(n->n, width, n->box.w / 72.0);
			setf(n->n, height, n->box.h / 72.0);
		}
	}
	if (!g->export)
		grid_isolated(g, root, estyle);
	Agsym_t *dir = g->export ? NULL : agattr(root, AGEDGE, S("dir"), S("none"));
	for (size_t k = 0; k < g->ne; k++) {
		gedge *e = &g->e[k];
		char name[32];
		snprintf(name, sizeof name, "e%zu", k);
		if (!g->export && e->from != e->to) {
			split_edge(g, root, e, k, width, height, shape);
		} else {
			e->e = agedge(root, g->n[e->from].n, g->n[e->to].n, name, 1);
			if (dir)
				agxset(e->e, dir, S("forward"));
		}
		if (g->export) {
			char *text;
			if (e->flow >= 0) {
				const pm_flow *f = &m->flows.v[e->flow];
				text = pm_xasprintf("%s\n%s", f->id.s ? f->id.s : "",
				                    f->protocol.s ? f->protocol.s : "");
			} else {
				text = pm_xasprintf("%zu flow%s", e->count, e->count == 1 ? "" : "s");
			}
			char *t = dot_text(text), *nl = strchr(t, '\n');
			char *lab = nl ? pm_xasprintf("%.*s\\n%s", (int)(nl - t), t, nl + 1) : pm_xstrdup(t);
			agxset(e->e, elabel, lab);
			free(lab);
			free(t);
			free(text);
		} else if (!e->lab) {
			set_html(root, e->e, elabel, e->label.w, e->label.h);
		}
		if (g->export && e->flow >= 0 && m->flows.v[e->flow].bidirectional.v)
			agxset(e->e, sym(root, AGEDGE, "dir", "forward"), S("both"));
		agxset(e->e, estyle, S(e->dash == DG_DASHED ? "dashed" : e->dash == DG_DOTTED ? "dotted" : "solid"));
		agxset(e->e, ecolor, S(hex(e->stroke)));
		setf(e->e, epen, e->width);
	}
	layout_hints(g, root, estyle);
	return root;
}

/* ---- back from graphviz -------------------------------------------------------------------------- */

typedef struct frame {
	double x0, top; /* graphviz x of the left edge, y of the top */
} frame;

static pm_dg_pt P(const frame *f, pointf p)
{
	return (pm_dg_pt){p.x - f->x0 + DG_MARGIN, f->top - p.y + DG_MARGIN};
}

static int inside(const gclus *k, pm_dg_pt p)
{
	return p.x >= k->x && p.x <= k->x + k->w && p.y >= k->y && p.y <= k->y + k->h;
}

static pm_dg_pt bez(const pm_dg_pt *q, double t)
{
	double u = 1 - t;
	return (pm_dg_pt){u * u * u * q[0].x + 3 * u * u * t * q[1].x + 3 * u * t * t * q[2].x + t * t * t * q[3].x,
	                  u * u * u * q[0].y + 3 * u * u * t * q[1].y + 3 * u * t * t * q[2].y + t * t * t * q[3].y};
}

/* Where the path pts (cubic) crosses the border of zone k: the first exit
 * when from_inside, else the last entry. */
static int crossing(const pm_dg_pt *pts, size_t n, const gclus *k, int from_inside, pm_dg_pt *at)
{
	int found = 0;
	for (size_t i = 0; i + 3 < n; i += 3) {
		pm_dg_pt prev = pts[i];
		for (int s = 1; s <= 24; s++) {
			double t1 = s / 24.0, t0 = (s - 1) / 24.0;
			pm_dg_pt cur = bez(pts + i, t1);
			if (inside(k, prev) != inside(k, cur)) {
				/* bisect the parameter for the border point */
				double lo = t0, hi = t1;
				int lo_in = inside(k, prev);
				for (int it = 0; it < 24; it++) {
					double mid = (lo + hi) / 2;
					if (inside(k, bez(pts + i, mid)) == lo_in)
						lo = mid;
					else
						hi = mid;
				}
				pm_dg_pt p = bez(pts + i, (lo + hi) / 2);
				if (from_inside && lo_in) {
					*at = p;
					return 1;
				}
				if (!from_inside && !lo_in) {
					*at = p;
					found = 1;
				}
			}
			prev = cur;
		}
	}
	return found;
}

/* Append the splines of edge ge to the cubic chain v, oriented away from
 * the node at `from` (dot may store a reversed edge's spline either way);
 * a gap between pieces becomes a straight cubic. */
typedef struct chain {
	pm_dg_pt *v;
	size_t n, cap;
} chain;

static void chain_add(chain *ch, pm_dg_pt p)
{
	ch->v = pm_xgrow(ch->v, &ch->cap, ch->n + 1, sizeof *ch->v);
	ch->v[ch->n++] = p;
}

static void chain_line(chain *ch, pm_dg_pt q)
{
	pm_dg_pt p = ch->v[ch->n - 1];
	chain_add(ch, (pm_dg_pt){p.x + (q.x - p.x) / 3, p.y + (q.y - p.y) / 3});
	chain_add(ch, (pm_dg_pt){p.x + 2 * (q.x - p.x) / 3, p.y + 2 * (q.y - p.y) / 3});
	chain_add(ch, q);
}

static double dist2(pm_dg_pt a, pm_dg_pt b)
{
	return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y);
}

static void chain_edge(chain *ch, Agedge_t *ge, const frame *fr, pm_dg_pt from)
{
	splines *spl = ED_spl(ge);
	for (int b = 0; spl && b < spl->size; b++) {
		bezier *bz = &spl->list[b];
		if (bz->size < 4)
			continue;
		size_t n = (size_t)bz->size - (size_t)(bz->size - 1) % 3; /* whole cubics */
		pm_dg_pt first = P(fr, bz->list[0]), last = P(fr, bz->list[n - 1]);
		int rev = dist2(last, from) < dist2(first, from);
		for (size_t i = 0; i < n; i++) {
			pm_dg_pt p = P(fr, bz->list[rev ? n - 1 - i : i]);
			if (i == 0) {
				if (ch->n == 0)
					chain_add(ch, p);
				else if (dist2(ch->v[ch->n - 1], p) > 0.01)
					chain_line(ch, p);
			} else {
				chain_add(ch, p);
			}
		}
		from = ch->v[ch->n - 1];
	}
}

static pm_dg_pt centre(const frame *fr, Agnode_t *n)
{
	return P(fr, ND_coord(n));
}

static void draw_edge(G *g, gedge *e, const frame *fr)
{
	pm_dg_ctx *c = g->c;
	const pm_model *m = g->m;
	const char *id = NULL;
	char *title = NULL;
	int kind = DG_G_FLOW;
	if (e->flow >= 0) {
		const pm_flow *f = &m->flows.v[e->flow];
		id = f->id.s;
		title = pm_xasprintf("%s: %s, from %s to %s", f->id.s ? f->id.s : "", f->name.s ? f->name.s : "",
		                     f->from.id.s ? f->from.id.s : "", f->to.id.s ? f->to.id.s : "");
	} else {
		kind = DG_G_AGGREGATE;
		const pm_zone *za = &m->zones.v[g->n[e->from].ref], *zb = &m->zones.v[g->n[e->to].ref];
		title = pm_xasprintf("%zu flow%s from %s to %s", e->count, e->count == 1 ? "" : "s",
		                     za->id.s ? za->id.s : "", zb->id.s ? zb->id.s : "");
	}
	const char *kind_name = e->flow >= 0 ? pm_dg_flow_kind(&m->flows.v[e->flow]) : NULL;
	pm_dg_group_begin(c->dg, kind, DG_L_EDGES, id, title, kind_name);
	free(title);

	chain ch = {NULL, 0, 0};
	pm_dg_pt tip = {0, 0};
	int arrow = 0;
	if (e->lab) { /* tail -> label node -> head, the arrow where it meets the head */
		chain_edge(&ch, e->e, fr, centre(fr, g->n[e->from].n));
		chain_edge(&ch, e->e2, fr, centre(fr, e->lab));
		if (ch.n)
			tip = ch.v[ch.n - 1];
		arrow = ch.n > 1 ? e->flow >= 0 ? pm_dg_flow_arrows(m, e->flow) : DG_ARROW_END : 0;
	} else { /* a loop: dot's own spline, its arrow point */
		splines *spl = ED_spl(e->e);
		if (spl && spl->size > 0 && spl->list[0].size >= 4) {
			bezier *bz = &spl->list[0];
			for (int i = 0; i < bz->size; i++)
				chain_add(&ch, P(fr, bz->list[i]));
			arrow = bz->eflag ? e->flow >= 0 ? pm_dg_flow_arrows(m, e->flow) : DG_ARROW_END : 0;
			tip = P(fr, bz->ep);
		}
	}
	if (ch.n) {
		pm_dg_edge_draw(c, ch.v, ch.n, arrow, tip, e->stroke, e->dash, e->width);
		/* boundary marks where the flow leaves its zone and enters the other */
		const gnode *a = &g->n[e->from], *z = &g->n[e->to];
		int32_t za = a->kind == DG_G_COMPONENT ? zone_of(m, a->ref) : -1;
		int32_t zb = z->kind == DG_G_COMPONENT ? zone_of(m, z->ref) : -1;
		pm_dg_pt at;
		if (e->flow >= 0 && za != zb) {
			/* every zone it leaves, up to the one holding both ends, and every zone it enters */
			int ca = za >= 0 ? g->zone_cl[za] : -1, cb = zb >= 0 ? g->zone_cl[zb] : -1;
			int top = common_cluster(g, ca, cb);
			for (int x = ca; x >= 0 && x != top; x = g->cl[x].parent)
				if (crossing(ch.v, ch.n, &g->cl[x], 1, &at))
					pm_dg_mark(c, at.x, at.y);
			for (int x = cb; x >= 0 && x != top; x = g->cl[x].parent)
				if (crossing(ch.v, ch.n, &g->cl[x], 0, &at))
					pm_dg_mark(c, at.x, at.y);
		}
	}
	free(ch.v);
	pm_dg_group_end(c->dg);
	if (e->lab) {
		pm_dg_pt p = centre(fr, e->lab);
		pm_dg_translate(c->dg, e->label.group, p.x - e->label.w / 2, p.y - e->label.h / 2);
	} else if (ED_label(e->e)) {
		pm_dg_pt p = P(fr, ED_label(e->e)->pos);
		pm_dg_translate(c->dg, e->label.group, p.x - e->label.w / 2, p.y - e->label.h / 2);
	}
}

/* Move the drawing to the margins and size the picture to it: the
 * invisible rank anchors take room in dot's bounding box. */
static void crop(pm_diagram *dg)
{
	double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
	for (size_t i = 0; i < dg->no; i++) {
		const pm_dg_op *o = &dg->o[i];
		int n = o->op == 'C' ? 3 : o->op == 'Z' ? 0 : 1;
		for (int j = 0; j < n; j++) {
			x0 = fmin(x0, o->p[j].x);
			y0 = fmin(y0, o->p[j].y);
			x1 = fmax(x1, o->p[j].x);
			y1 = fmax(y1, o->p[j].y);
		}
	}
	if (x0 > x1)
		return;
	double dx = DG_MARGIN - x0, dy = DG_MARGIN - y0;
	for (size_t gi = 0; gi < dg->ng; gi++)
		pm_dg_translate(dg, gi, dx, dy);
	dg->w = x1 - x0 + 2 * DG_MARGIN;
	dg->h = y1 - y0 + 2 * DG_MARGIN;
}

static void read_back(G *g, Agraph_t *root)
{
	pm_dg_ctx *c = g->c;
	boxf bb = GD_bb(root);
	frame fr = {bb.LL.x, bb.UR.y};
	c->dg->w = bb.UR.x - bb.LL.x + 2 * DG_MARGIN;
	c->dg->h = bb.UR.y - bb.LL.y + 2 * DG_MARGIN;
	/* dot lets a cluster share borders with the clusters inside it: each
	 * zone is drawn NEST_PAD wider on the sides and below per level of
	 * zones inside it, so that nesting shows (into the picture's margin) */
	int *below = pm_xcalloc(g->ncl + 1, sizeof *below);
	for (size_t k = 0; k < g->ncl; k++)
		c->used_nested |= g->cl[k].parent >= 0;
	for (size_t k = g->ncl; k-- > 0;)
		if (g->cl[k].parent >= 0 && below[g->cl[k].parent] < below[k] + 1)
			below[g->cl[k].parent] = below[k] + 1;
	for (size_t k = 0; k < g->ncl; k++) {
		gclus *cl = &g->cl[k];
		boxf cb = GD_bb(cl->sg);
		pm_dg_pt tl = P(&fr, (pointf){cb.LL.x, cb.UR.y});
		double pad = fmin(NEST_PAD * below[k], DG_MARGIN - 2);
		cl->x = tl.x - pad;
		cl->y = tl.y;
		cl->w = cb.UR.x - cb.LL.x + 2 * pad;
		cl->h = cb.UR.y - cb.LL.y + pad;
	}
	free(below);
	for (size_t k = 0; k < g->ncl; k++) {
		gclus *cl = &g->cl[k];
		const pm_zone *z = &g->m->zones.v[cl->zone];
		char *title = pm_xasprintf("Zone %s: %s", z->id.s ? z->id.s : "", z->name.s ? z->name.s : "");
		int fill, line;
		pm_dg_zone_colours(g->m, cl->zone, &fill, &line);
		size_t gi = pm_dg_group_begin(c->dg, DG_G_ZONE, DG_L_ZONES, z->id.s, title, NULL);
		free(title);
		if (cl->parent >= 0 && g->m->zones.v[g->cl[cl->parent].zone].id.s)
			c->dg->g[gi].zone = pm_arena_strdup(c->dg->a, g->m->zones.v[g->cl[cl->parent].zone].id.s);
		pm_dg_rect(c->dg, cl->x, cl->y, cl->w, cl->h, 6, fill, line, 1.3, DG_LONGDASH);
		textlabel_t *lab = GD_label(cl->sg);
		double lx = cl->x + 6, ly = cl->y + 3;
		if (lab) {
			pm_dg_pt p = P(&fr, lab->pos);
			lx = p.x - lab->dimen.x / 2;
			ly = p.y - lab->dimen.y / 2;
		}
		pm_dg_group_end(c->dg);
		/* the label above the lines that cross it, on the zone's colour */
		pm_dg_group_begin(c->dg, DG_G_ZONE_LABEL, DG_L_LABELS, z->id.s, NULL, NULL);
		pm_dg_rect(c->dg, lx - 2, ly, cl->lw + 2, cl->lh, 2, fill, DG_C_NONE, 0, DG_SOLID);
		pm_dg_zone_label_draw(c, cl->zone, 0, lx, ly);
		pm_dg_group_end(c->dg);
	}
	for (size_t k = 0; k < g->nn; k++) {
		gnode *n = &g->n[k];
		pm_dg_pt p = P(&fr, ND_coord(n->n));
		n->x = p.x - n->box.w / 2;
		n->y = p.y - n->box.h / 2;
		pm_dg_translate(c->dg, n->box.group, n->x, n->y);
	}
	for (size_t k = 0; k < g->ne; k++)
		draw_edge(g, &g->e[k], &fr);
	if (g->anchors)
		crop(c->dg);
}

/* ---- entry points --------------------------------------------------------------------------------- */

/* How large a w x h picture can be drawn on a page: the larger scale of a
 * portrait and a landscape Letter body (below 1: shrunk). */
static double page_fit(double w, double h)
{
	double p = fmin(492 / w, 640 / h), l = fmin(672 / w, 450 / h);
	return fmin(1, fmax(p, l));
}

/* One dot run in direction lr: the laid-out root graph, or NULL (the
 * graphviz error is in gv_msg).  *w, *h: the size it gives. */
static Agraph_t *run_dot(pm_diagram_engine *eng, G *g, int lr, Agdisc_t *disc, double *w, double *h)
{
	g->lr = lr;
	Agraph_t *root = to_graphviz(g, disc);
	if (gvLayout(eng->gvc, root, "dot") != 0) {
		agclose(root);
		return NULL;
	}
	boxf bb = GD_bb(root);
	*w = bb.UR.x - bb.LL.x + 2 * DG_MARGIN;
	*h = bb.UR.y - bb.LL.y + 2 * DG_MARGIN;
	return root;
}

static void done_dot(pm_diagram_engine *eng, Agraph_t *root)
{
	if (root) {
		gvFreeLayout(eng->gvc, root);
		agclose(root);
	}
}

/* The graphviz objects of a run, kept while another run is tried. */
typedef struct objs {
	Agnode_t **n, **lab;
	Agedge_t **e, **e2;
	Agraph_t **sg;
} objs;

static void objs_save(const G *g, objs *o)
{
	o->n = pm_xcalloc(g->nn + 1, sizeof *o->n);
	o->lab = pm_xcalloc(g->ne + 1, sizeof *o->lab);
	o->e = pm_xcalloc(g->ne + 1, sizeof *o->e);
	o->e2 = pm_xcalloc(g->ne + 1, sizeof *o->e2);
	o->sg = pm_xcalloc(g->ncl + 1, sizeof *o->sg);
	for (size_t k = 0; k < g->nn; k++)
		o->n[k] = g->n[k].n;
	for (size_t k = 0; k < g->ne; k++) {
		o->lab[k] = g->e[k].lab;
		o->e[k] = g->e[k].e;
		o->e2[k] = g->e[k].e2;
	}
	for (size_t k = 0; k < g->ncl; k++)
		o->sg[k] = g->cl[k].sg;
}

static void objs_restore(G *g, objs *o)
{
	for (size_t k = 0; k < g->nn; k++)
		g->n[k].n = o->n[k];
	for (size_t k = 0; k < g->ne; k++) {
		g->e[k].lab = o->lab[k];
		g->e[k].e = o->e[k];
		g->e[k].e2 = o->e2[k];
	}
	for (size_t k = 0; k < g->ncl; k++)
		g->cl[k].sg = o->sg[k];
}

static void objs_free(objs *o)
{
	free(o->n);
	free(o->lab);
	free(o->e);
	free(o->e2);
	free(o->sg);
}

/* Ranks top to bottom, unless left to right fits a page markedly better
 * (a wide graph of many zones): both are tried, the same way every time. */
static int layout_graph(pm_diagram_engine *eng, pm_dg_ctx *c, pm_diags *d)
{
	G g;
	memset(&g, 0, sizeof g);
	g.c = c;
	g.m = c->m;
	g.s = c->spec;
	build(&g);
	agusererrf old = gv_quiet();
	Agdisc_t disc = {&AgMemDisc, &SEQ_IDS, &AgIoDisc};
	double tw = 0, th = 0, lw = 0, lh = 0;
	Agraph_t *tb = run_dot(eng, &g, 0, &disc, &tw, &th), *lr = NULL;
	int rc = tb ? 0 : -1;
	if (tb && g.ne && g.s->form != DG_SUMMARY) {
		objs o;
		objs_save(&g, &o);
		lr = run_dot(eng, &g, 1, &disc, &lw, &lh);
		if (!lr || page_fit(lw, lh) <= 1.15 * page_fit(tw, th)) {
			objs_restore(&g, &o);
			done_dot(eng, lr);
			lr = NULL;
		}
		objs_free(&o);
	}
	if (rc == 0) {
		g.lr = lr != NULL;
		read_back(&g, lr ? lr : tb);
	}
	done_dot(eng, lr);
	done_dot(eng, tb);
	gv_loud(old);
	if (rc != 0) {
		size_t n = gv_len;
		while (n && (gv_msg[n - 1] == '\n' || gv_msg[n - 1] == ' '))
			gv_msg[--n] = 0;
		pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, NULL, 0, 0, "graphviz cannot lay out diagram %s: %s",
		            c->spec->id, n ? gv_msg : "no reason given");
	}
	free_graph(&g);
	return rc;
}

int pm_diagram_layout(pm_diagram_engine *e, const pm_model *m, const pm_diagram_plan *p, size_t i, pm_diagram **out,
                      pm_diags *d)
{
	if (out)
		*out = NULL;
	if (!m || !p || i >= p->n || !out)
		return pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0, "pm_diagram_layout: bad arguments");
	const pm_dg_spec *s = &p->v[i];
	pm_dg_ctx c;
	pm_dg_ctx_init(&c, m, s);
	int rc;
	if (s->form == DG_SEQUENCE)
		rc = pm_dg_layout_sequence(&c, d);
	else if (!e)
		rc = pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, NULL, 0, 0,
		                 "graphviz could not start, so diagram %s cannot be laid out", s->id);
	else
		rc = layout_graph(e, &c, d);
	if (rc == 0) {
		c.dg->id = pm_arena_strdup(c.dg->a, s->id);
		c.dg->title = pm_dg_clean(c.dg->a, s->caption);
		pm_dg_describe(&c);
		pm_dg_legend(&c);
		pm_dg_sort_layers(c.dg);
		*out = c.dg;
	} else {
		pm_diagram_free(c.dg);
	}
	pm_dg_ctx_free(&c);
	return rc;
}

/* ---- DOT ---------------------------------------------------------------------------------------------- */

static int dot_put(void *chan, const char *s)
{
	return pm_buf_puts(chan, s) < 0 ? EOF : 0;
}

static int dot_flush(void *chan)
{
	(void)chan;
	return 0;
}

int pm_diagram_dot(const pm_model *m, const pm_diagram_plan *p, size_t i, pm_buf *out, pm_diags *d)
{
	if (!m || !p || i >= p->n || !out)
		return pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0, "pm_diagram_dot: bad arguments");
	pm_dg_ctx c;
	pm_dg_ctx_init(&c, m, &p->v[i]);
	G g;
	memset(&g, 0, sizeof g);
	g.c = &c;
	g.m = m;
	g.s = &p->v[i];
	g.export = 1;
	build(&g);
	Agiodisc_t io = {AgIoDisc.afread, dot_put, dot_flush};
	Agdisc_t disc = {&AgMemDisc, &SEQ_IDS, &io};
	size_t mark = out->len;
	agusererrf old = gv_quiet();
	Agraph_t *root = to_graphviz(&g, &disc);
	char *comment = pm_xasprintf("%s", p->v[i].caption);
	agattr(root, AGRAPH, S("comment"), comment);
	free(comment);
	int rc = agwrite(root, out);
	agclose(root);
	gv_loud(old);
	free_graph(&g);
	pm_diagram_free(c.dg);
	pm_dg_ctx_free(&c);
	if (rc != 0)
		return pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, NULL, 0, 0, "graphviz cannot write diagram %s",
		                   p->v[i].id);
	return pm_buf_done(out, mark, "the DOT graph", d);
}
