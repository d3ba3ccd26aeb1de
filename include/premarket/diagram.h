/**
 * diagram.h — the architecture diagrams, drawn from the model (docs/diagrams.md).
 *
 * Three steps, each its own call:
 *
 *  1. plan: which diagrams the model gets and what each shows
 *     (pm_diagram_plan_new): one per architecture view the model provides
 *     without a diagram file of its own, one per view kind the model lacks
 *     (drawn from the model: every component and flow; the multi-patient
 *     paths; the update path), one per security use case, and, for a
 *     global view too large to read, a summary by zone and one diagram per
 *     zone.  Planning lays nothing out and cannot fail;
 *  2. layout (pm_diagram_layout): graphviz's dot, run in-process, places
 *     the zones, components and flows of one planned diagram; the result
 *     is a pm_diagram, a list of shapes, paths and text in absolute
 *     coordinates that every format draws the same way (sequence diagrams
 *     of use cases with ordered steps are laid out here, without graphviz);
 *  3. render: pm_diagram_svg() writes SVG; the PDF renderer draws the same
 *     pm_diagram as vector graphics (pm_pdf_meta.diagrams); pm_diagram_dot()
 *     writes the planned graph as graphviz DOT, with its text, to edit or
 *     lay out by hand.
 *
 * Module rule: a plan and a diagram borrow nothing from the model once made
 * (they copy what they show), so the model may be freed first.  Output is
 * deterministic: the same model gives the same plan, the same coordinates
 * and the same bytes; text is measured with the metrics of the DejaVu faces
 * compiled into the library, never with the fonts of the machine.
 */
#ifndef PREMARKET_DIAGRAM_H
#define PREMARKET_DIAGRAM_H

#include <stddef.h>

#include "premarket/buf.h"
#include "premarket/diag.h"
#include "premarket/model.h"

typedef struct pm_diagram_plan pm_diagram_plan;
typedef struct pm_diagram pm_diagram;
/** A graphviz context: make one for many layouts (it loads graphviz's plugins). */
typedef struct pm_diagram_engine pm_diagram_engine;

/** The diagrams of m (loaded and scored), in document order.  Never NULL;
 *  free with pm_diagram_plan_free(). */
pm_diagram_plan *pm_diagram_plan_new(const pm_model *m);
void pm_diagram_plan_free(pm_diagram_plan *p);

size_t pm_diagram_plan_count(const pm_diagram_plan *p);
/** The id of diagram i: its file name without ".svg" (a view's or a use
 *  case's id, "global_system" for a derived view, "<id>.<zone-id>" for one
 *  zone of a split view). */
const char *pm_diagram_plan_id(const pm_diagram_plan *p, size_t i);
/** The path the documents link to, "diagrams/<id>.svg". */
const char *pm_diagram_plan_file(const pm_diagram_plan *p, size_t i);
/** The caption, e.g. "Global system view (V-GLOBAL): 17 components in 7
 *  zones, 20 flows". */
const char *pm_diagram_plan_caption(const pm_diagram_plan *p, size_t i);
/** The index of the diagram with id, or -1. */
long pm_diagram_plan_find(const pm_diagram_plan *p, const char *id);

/** A graphviz context; NULL when graphviz cannot make one. */
pm_diagram_engine *pm_diagram_engine_new(void);
void pm_diagram_engine_free(pm_diagram_engine *e);

/**
 * Lay out diagram i of plan p (made from m).  Returns 0 with *out set (free
 * with pm_diagram_free()), or -1 with a PM_ERR_RENDER diagnostic (graphviz
 * failed) or PM_ERR_USAGE (bad arguments) and *out NULL.
 */
int pm_diagram_layout(pm_diagram_engine *e, const pm_model *m, const pm_diagram_plan *p, size_t i, pm_diagram **out,
                      pm_diags *d);
void pm_diagram_free(pm_diagram *dg);

/** Width and height of a laid-out diagram, in points. */
void pm_diagram_size(const pm_diagram *dg, double *w, double *h);

/** The text alternatives of a laid-out diagram: a short one for an image's
 *  alt (the caption, where the content comes from, its zones and how many
 *  flows cross a boundary or state protection) and the long one, the SVG's
 *  <desc> (every zone, component and flow in words). */
const char *pm_diagram_alt(const pm_diagram *dg);
const char *pm_diagram_desc(const pm_diagram *dg);

/**
 * Append dg as a standalone SVG 1.1 document to out: a <title> and a
 * <desc> (the text alternative: every zone, component and flow in words),
 * one group per zone, flow and component with its id, the legend.
 * Returns 0, or -1 with a PM_ERR_OUTPUT diagnostic when out reaches its
 * size cap (out is then left as it was).
 */
int pm_diagram_svg(const pm_diagram *dg, pm_buf *out, pm_diags *d);

/**
 * Append diagram i of plan p as a graphviz DOT graph to out: zones as
 * clusters, components with their names and shapes, flows with their id
 * and protocol, line styles as in the drawings.  Sequence diagrams are
 * written as the graph of their flows.  Returns 0, or -1 with a diagnostic.
 */
int pm_diagram_dot(const pm_model *m, const pm_diagram_plan *p, size_t i, pm_buf *out, pm_diags *d);

#endif
