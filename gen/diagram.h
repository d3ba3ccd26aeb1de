/* diagram.h — the diagrams' insides, shared by the planner, the layouts and
 * the renderers (include/premarket/diagram.h is the public side).
 *
 * A laid-out diagram is a display list: groups (one zone, flow, component,
 * flow label, lifeline or the legend), drawn in layer order; each group is
 * a range of paints (one path filled and/or stroked) and a range of text
 * runs.  Coordinates are points, y down, origin at the top left of the
 * picture.  The SVG writer (render_svg.c) and the PDF renderer
 * (pdf_diagram.c) only walk this list: every shape, arrowhead and label
 * position is decided once, here, so both formats show the same picture.
 *
 * Files: diagram_plan.c (which diagrams, what each shows), diagram_text.c
 * and diagram_metrics.c (text widths, wrapping), diagram_draw.c (the
 * display list and the shapes), diagram_parts.c (what a component, a flow
 * label and a zone label show), diagram_layout.c (graphviz),
 * diagram_sequence.c (use-case call flows), diagram_legend.c. */
#ifndef PM_DIAGRAM_INTERNAL_H
#define PM_DIAGRAM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "premarket/diagram.h"
#include "premarket/model.h"

/* ---- the plan ---------------------------------------------------------------------- */

enum pm_dg_form {
	DG_GRAPH,    /* zones, components and flows, laid out by dot */
	DG_SEQUENCE, /* a use case's flows in step order, as a call flow */
	DG_SUMMARY,  /* one node per zone, flows counted between zones */
	DG_ZONE      /* one zone of a split view: its components, its flows, other zones as stubs */
};

typedef struct pm_dg_spec {
	const char *id;      /* file stem, unique in the plan (case-insensitively) */
	const char *file;    /* "diagrams/<id>.svg" */
	const char *title;   /* view or use-case title, or the derived view's name */
	const char *ref;     /* the model id it draws (view, use case), NULL when derived */
	const char *caption; /* title (ref): counts */
	const char *basis;   /* one sentence: where the content comes from */
	int form;
	int view_kind;                /* enum pm_view_kind_v, -1 for a use case */
	int32_t view, use_case, zone; /* indices, -1 when none */
	int32_t parent;               /* a zone part: its summary's index, else -1 */
	int derived;                  /* drawn for a view kind the model does not provide */
	int steps_on_arrows;          /* a call flow whose steps name its flows: drawn in step order */
	int32_t *comps;               /* component indices, in drawing order */
	size_t ncomps;
	int32_t *flows; /* flow indices, in order (step order for use cases) */
	size_t nflows;
	size_t nzones;                     /* zones the components are in */
	size_t hidden_comps, hidden_flows; /* a zone part: components and flows left out */
} pm_dg_spec;

struct pm_diagram_plan {
	pm_arena *a;
	pm_dg_spec *v;
	size_t n, cap;
};

/** Per threat: it counts as multi-patient (stated so, or so in the
 *  register).  Free with free(). */
uint8_t *pm_dg_multi_patient_threats(const pm_model *m);

/** A view with more components or flows than these is drawn as a summary
 *  by zone plus one diagram per zone, which shows at most PM_DG_ZONE_MAX
 *  components (docs/diagrams.md). */
#define PM_DG_SUMMARY_COMPONENTS 40
#define PM_DG_SUMMARY_FLOWS      80
#define PM_DG_ZONE_MAX           60

/** The diagrams in the template data (view_diagrams.c): figure maps set on
 *  views[i] and use_cases[i] (the view's objects), derived_figure on each
 *  entry of view_kinds (in enum order), global_figure on root. */
#include "premarket/value.h"
void pm_view_diagrams(const pm_model *m, pm_value_arena *a, pm_value *root, pm_value *const *views,
                      pm_value *const *use_cases, pm_value *view_kinds);

/* ---- text ---------------------------------------------------------------------------- */

enum { DG_REGULAR, DG_BOLD, DG_ITALIC, DG_NFACES };

typedef struct pm_dg_metric_range {
	uint32_t lo, hi, base;
} pm_dg_metric_range;

extern const pm_dg_metric_range pm_dg_metric_ranges[];
extern const size_t pm_dg_n_metric_ranges;
extern const uint16_t pm_dg_metrics_regular[];
extern const uint16_t pm_dg_metrics_bold[];

/** Width in points of UTF-8 text s[0..n) (already clean) in face at size. */
double pm_dg_width(const char *s, size_t n, int face, double size);

/** s made drawable: invalid UTF-8 and control characters become U+FFFD or a
 *  space, runs of white space one space, no leading or trailing blank.  In a. */
char *pm_dg_clean(pm_arena *a, const char *s);

/**
 * Break clean text s into at most maxl lines no wider than maxw points:
 * at spaces, else after '/', '-', '_', '.', ',', ':' or between characters.
 * Text that does not fit in maxl lines is cut and ends with "…"; *cut is
 * then set (if cut is not NULL).  The lines (in a) go to lines[0..return).
 */
size_t pm_dg_wrap(pm_arena *a, const char *s, int face, double size, double maxw, size_t maxl, const char **lines,
                  int *cut);

/* ---- the display list ------------------------------------------------------------------- */

/* Colours: one table (pm_dg_palette) for every renderer. */
enum pm_dg_colour {
	DG_C_NONE = 0,
	DG_C_INK,
	DG_C_MUTED,
	DG_C_FAINT,
	DG_C_LINE,
	DG_C_ALERT,
	DG_C_GOOD,
	DG_C_WHITE,
	DG_C_NODE_STROKE,
	DG_C_FILL_DEVICE,
	DG_C_FILL_SOFTWARE,
	DG_C_FILL_CLOUD,
	DG_C_FILL_EXTERNAL,
	DG_C_FILL_USER,
	DG_C_FILL_NETWORK,
	DG_C_FILL_PLAIN,
	DG_C_Z_TRUSTED,
	DG_C_Z_TRUSTED_LINE,
	DG_C_Z_PARTIAL,
	DG_C_Z_PARTIAL_LINE,
	DG_C_Z_UNTRUSTED,
	DG_C_Z_UNTRUSTED_LINE,
	DG_C_Z_UNKNOWN,
	DG_C_Z_UNKNOWN_LINE,
	DG_C_ALERT_FILL,
	DG_C_NOTE,
	DG_NCOLOURS
};

typedef struct pm_dg_rgb {
	uint8_t r, g, b;
} pm_dg_rgb;

extern const pm_dg_rgb pm_dg_palette[DG_NCOLOURS];

enum { DG_SOLID, DG_DASHED, DG_DOTTED, DG_LONGDASH };

typedef struct pm_dg_pt {
	double x, y;
} pm_dg_pt;

/* A path operation: 'M' p[0], 'L' p[0], 'C' p[0] p[1] p[2] (cubic), 'Z'. */
typedef struct pm_dg_op {
	char op;
	pm_dg_pt p[3];
} pm_dg_op;

typedef struct pm_dg_paint {
	size_t o0, no;  /* ops [o0, o0+no) */
	uint8_t fill;   /* DG_C_NONE: not filled */
	uint8_t stroke; /* DG_C_NONE: not stroked */
	uint8_t dash;   /* DG_SOLID ... */
	uint8_t round;  /* round joins and caps */
	float width;    /* stroke width */
} pm_dg_paint;

enum { DG_ANCHOR_START, DG_ANCHOR_MIDDLE, DG_ANCHOR_END };

typedef struct pm_dg_text {
	const char *s; /* clean UTF-8, in the diagram's arena */
	double x, y;   /* anchor point on the baseline */
	float size;
	uint8_t face, anchor, colour;
} pm_dg_text;

/* Group kinds: the SVG class of the group, and what the tests count. */
enum pm_dg_group_kind {
	DG_G_ZONE,       /* a zone (cluster) */
	DG_G_FLOW,       /* a flow's line, arrowhead and boundary marks */
	DG_G_COMPONENT,  /* a component */
	DG_G_ZONE_NODE,  /* a zone of a summary */
	DG_G_STUB,       /* another zone, in one zone's diagram */
	DG_G_AGGREGATE,  /* the flows between two zones of a summary */
	DG_G_LABEL,      /* a flow's (or aggregate's) label */
	DG_G_LIFELINE,   /* a participant's lifeline (sequence) */
	DG_G_LEGEND,     /* the legend */
	DG_G_MORE,       /* the components of a zone left out of its diagram */
	DG_G_ZONE_LABEL, /* a zone's name, drawn above the lines that cross it */
	DG_G_NOTE,       /* a use case step that names no flow (sequence) */
	DG_G_NKINDS
};

/* Layers, drawn in this order. */
enum { DG_L_ZONES, DG_L_LIFELINES, DG_L_EDGES, DG_L_NODES, DG_L_LABELS, DG_L_LEGEND, DG_NLAYERS };

typedef struct pm_dg_group {
	uint8_t kind, layer;
	const char *id;    /* model id (or NULL) */
	const char *title; /* tooltip / accessible name (or NULL) */
	const char *data;  /* e.g. the component kind, for SVG data-kind (or NULL) */
	const char *href;  /* a link (another diagram), or NULL */
	const char *zone;  /* a component's zone, a zone's enclosing zone (SVG pm:zone, pm:within), or NULL */
	size_t p0, np;     /* paints */
	size_t t0, nt;     /* texts */
} pm_dg_group;

struct pm_diagram {
	pm_arena *a;
	const char *id, *title, *desc; /* desc: the text alternative */
	const char *alt;               /* the short text alternative */
	double w, h;
	pm_dg_group *g;
	size_t ng, capg;
	pm_dg_paint *p;
	size_t np, capp;
	pm_dg_op *o;
	size_t no, capo;
	pm_dg_text *t;
	size_t nt, capt;
	size_t cur; /* the group being built */
};

pm_diagram *pm_dg_new(void);
/** Start a group: later paints and texts belong to it.  Returns its index. */
size_t pm_dg_group_begin(pm_diagram *dg, int kind, int layer, const char *id, const char *title, const char *data);
void pm_dg_group_end(pm_diagram *dg);
/** Move group gi (its ops and texts) by (dx, dy). */
void pm_dg_translate(pm_diagram *dg, size_t gi, double dx, double dy);
/** Order the groups by layer, keeping the order within a layer. */
void pm_dg_sort_layers(pm_diagram *dg);

/** Paints: begin, add ops, end.  One path per paint. */
void pm_dg_paint_begin(pm_diagram *dg, int fill, int stroke, double width, int dash);
void pm_dg_move(pm_diagram *dg, double x, double y);
void pm_dg_line(pm_diagram *dg, double x, double y);
void pm_dg_curve(pm_diagram *dg, double x1, double y1, double x2, double y2, double x, double y);
void pm_dg_close(pm_diagram *dg);
void pm_dg_paint_end(pm_diagram *dg);
/** Whole paints. r > 0 rounds the corners. */
void pm_dg_rect(pm_diagram *dg, double x, double y, double w, double h, double r, int fill, int stroke, double width,
                int dash);
void pm_dg_ellipse(pm_diagram *dg, double cx, double cy, double rx, double ry, int fill, int stroke, double width);
void pm_dg_segment(pm_diagram *dg, double x1, double y1, double x2, double y2, int stroke, double width, int dash);
/** A text run (s is copied, cleaned). */
void pm_dg_text_add(pm_diagram *dg, const char *s, double x, double y, double size, int face, int anchor, int colour);

/* ---- component shapes ----------------------------------------------------------------------- */

enum pm_dg_shape {
	DG_S_BOX,      /* default, unknown kinds */
	DG_S_DEVICE,   /* double border */
	DG_S_SOFTWARE, /* UML component */
	DG_S_APP,      /* rounded */
	DG_S_SERVER,   /* rack lines */
	DG_S_CLOUD,
	DG_S_WORKSTATION, /* title bar */
	DG_S_NETWORK,     /* hexagon */
	DG_S_EXTERNAL,    /* grey, side bars */
	DG_S_PERIPHERAL,  /* 3-D box */
	DG_S_USER,        /* person */
	DG_S_TOOL,        /* folder tab */
	DG_S_STORE,       /* cylinder */
	DG_S_ZONE,        /* a zone node of a summary */
	DG_S_STUB,        /* another zone (dashed) */
	DG_NSHAPES
};

typedef struct pm_dg_shape_info {
	const char *name;                  /* for the legend */
	const char *gv_shape;              /* graphviz shape whose outline the edges are clipped to */
	double pad_l, pad_t, pad_r, pad_b; /* room the drawing takes around the text */
	double grow_w, grow_h;             /* factors for round shapes, whose text box is inscribed */
} pm_dg_shape_info;

extern const pm_dg_shape_info pm_dg_shapes[DG_NSHAPES];

/** The shape of a component kind (by its spelling, so kinds added later get
 *  the default box until they are given one). */
int pm_dg_shape_of(const char *kind);
/** Draw shape s in the box (x, y, w, h) into the current group; alert
 *  draws its outline in the alert colour. */
void pm_dg_draw_shape(pm_diagram *dg, int s, double x, double y, double w, double h, int fill, int alert);
/** The fill colour of a shape. */
int pm_dg_shape_fill(int s);

/* ---- parts: what a node and a flow label show (diagram_parts.c) ------------------------------- */

enum { DG_NOT_STATED = 0, DG_YES, DG_NO };

/** The spelling of a component's or a flow's kind, NULL when absent. */
const char *pm_dg_component_kind(const pm_component *c);
const char *pm_dg_flow_kind(const pm_flow *f);
/** Whether text names id as a word ("(F-CMD)", "F-CMD: ...", "... F-CMD."). */
int pm_dg_names(const char *text, const char *id);
/** The zone zone z lies within ('within'), -1 when none. */
int32_t pm_dg_zone_within(const pm_model *m, int32_t z);
/** A zone's trust (enum pm_trust_v), -1 when absent. */
int pm_dg_trust(const pm_zone *z);

/** The protection a flow states: DG_YES, DG_NO ("none", "no", "n/a",
 *  "not applicable", "-" ... with or without a reason) or DG_NOT_STATED. */
int pm_dg_protection(pm_str s);

typedef struct pm_dg_box {
	size_t group;
	double w, h;
} pm_dg_box;

/* Notes for the long names shortened in a diagram: "[n] full name". */
typedef struct pm_dg_notes {
	const char **full;
	size_t n, cap;
} pm_dg_notes;

typedef struct pm_dg_ctx {
	const pm_model *m;
	const pm_dg_spec *spec;
	pm_diagram *dg;
	pm_dg_notes notes;
	unsigned shapes_used; /* bit per shape */
	unsigned zones_used;  /* bit per trust level (+ 1 << 3: none) */
	int used_dash[4], used_alert_line, used_marks, used_badges, used_unused_if, used_mp, used_counts, used_code,
	        used_bidir, used_nested, used_notes;
	const char **mp_comp, **mp_flow; /* multi-patient threats targeting each (multi-patient views), or NULL */
	pm_arena *tmp;                   /* scratch text */
} pm_dg_ctx;

void pm_dg_ctx_init(pm_dg_ctx *c, const pm_model *m, const pm_dg_spec *spec);
void pm_dg_ctx_free(pm_dg_ctx *c);

/** A component's node, drawn at the origin in its own group. */
pm_dg_box pm_dg_component_node(pm_dg_ctx *c, int32_t comp);
/** A flow's label ("F-ID · kind", protocol, A/E/I badges, notes) at the
 *  origin in its own group; number > 0 prefixes the step number, step
 *  (or NULL) is the use case step's text, drawn under the rest. */
pm_dg_box pm_dg_flow_label(pm_dg_ctx *c, int32_t flow, int number, const char *step);
/** A use case step that names no flow: "n. text" in a note width wide. */
pm_dg_box pm_dg_step_note(pm_dg_ctx *c, int number, const char *text, double width);
/** A zone as one node (summary, href: its own diagram) or as a stub (the
 *  other end of flows in one zone's diagram), at the origin in its group. */
pm_dg_box pm_dg_zone_node(pm_dg_ctx *c, int32_t zone, size_t ncomps, size_t ninternal, const char *href, int stub);
/** The box that stands for the components a zone's diagram leaves out. */
pm_dg_box pm_dg_more_node(pm_dg_ctx *c, size_t comps, size_t flows);
/** The label of the flows between two zones of a summary. */
pm_dg_box pm_dg_aggregate_label(pm_dg_ctx *c, const char *id, size_t n, size_t auth, size_t enc, size_t integ);
/** The label of a zone: name and trust, on one line or (stacked) two,
 *  with its size (not drawn). */
void pm_dg_zone_label(pm_dg_ctx *c, int32_t zone, int stacked, double *w, double *h);
/** Draw the zone label with its top left corner at (x, y) (current group). */
void pm_dg_zone_label_draw(pm_dg_ctx *c, int32_t zone, int stacked, double x, double y);
/** The fill and line colours of a zone's trust level. */
void pm_dg_zone_colours(const pm_model *m, int32_t zone, int *fill, int *line);
/** A flow's line: style, colour and what the legend must explain. */
void pm_dg_flow_style(pm_dg_ctx *c, int32_t flow, int *stroke, int *dash, double *width);
/** Draw the path pts[0..n) (cubic: 1 + 3k points) into the current group,
 *  with an arrowhead at tip (from the last point) when arrow has
 *  DG_ARROW_END, and one at pts[0] (along the path) when DG_ARROW_START. */
enum { DG_ARROW_END = 1, DG_ARROW_START = 2 };
/** The arrowheads of flow fi: DG_ARROW_END, and DG_ARROW_START when it is bidirectional. */
int pm_dg_flow_arrows(const pm_model *m, int32_t fi);
void pm_dg_edge_draw(pm_dg_ctx *c, const pm_dg_pt *pts, size_t n, int arrow, pm_dg_pt tip, int stroke, int dash,
                     double width);
/** An authentication / encryption / integrity badge (10 x 10) at (x, y). */
void pm_dg_badge(pm_diagram *dg, double x, double y, const char *letter, int state);
/** A boundary-crossing mark at (x, y). */
void pm_dg_mark(pm_dg_ctx *c, double x, double y);
/** The text alternative of the diagram (pm_diagram.desc). */
void pm_dg_describe(pm_dg_ctx *c);

/* ---- layouts ------------------------------------------------------------------------------------ */

/** The legend below the picture: grows dg->h; width at least dg->w. */
void pm_dg_legend(pm_dg_ctx *c);

/** A use case's call flow (DG_SEQUENCE). */
int pm_dg_layout_sequence(pm_dg_ctx *c, pm_diags *d);

#define DG_FONT_NODE  9.0
#define DG_FONT_SMALL 7.0
#define DG_FONT_LABEL 7.5
#define DG_FONT_STEP  7.0
#define DG_MARGIN     12.0

#endif
