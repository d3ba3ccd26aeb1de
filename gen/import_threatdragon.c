/* import_threatdragon.c — an OWASP Threat Dragon v2 model (JSON) into the
 * import skeleton (gen/import.h; mapping in docs/import.md).
 *
 * Each diagram's cells, in order: trust boundary boxes become zones, and a
 * component is in the smallest box that holds its centre; processes become
 * software, stores data_store, actors external_system components; flows
 * become flows (an end the source leaves unconnected becomes a placeholder
 * component); each element's threats become threats on it, and each
 * distinct mitigation text a planned control.  Trust boundary lines, which
 * enclose nothing, are listed in the header. */
#include "import.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

typedef struct td_box {
	const im_zone *zone;
	double x, y, w, h;
} td_box;

typedef struct td_state {
	im_model *m;
	const yt_doc *t;
	pm_strmap cells;    /* cell id -> component index */
	pm_strmap controls; /* mitigation text -> control index */
	td_box *boxes;
	size_t n_boxes, cap_boxes;
	const char *diagram; /* title of the diagram being read */
	const char *model_type;
} td_state;

static double num(const yt_doc *t, const yt_node *n, const char *key, bool *ok)
{
	const char *s = im_get_str(t, n, key);
	char *end;
	double v = s ? strtod(s, &end) : 0;
	if (!s || *end)
		*ok = false;
	return v;
}

/* The cell's geometry: position and size; false when it has none. */
static bool rect(const yt_doc *t, const yt_node *cell, double *x, double *y, double *w, double *h)
{
	bool ok = true;
	const yt_node *pos = im_get(t, cell, "position"), *size = im_get(t, cell, "size");
	*x = num(t, pos, "x", &ok);
	*y = num(t, pos, "y", &ok);
	*w = num(t, size, "width", &ok);
	*h = num(t, size, "height", &ok);
	return ok && pos && size;
}

static const char *cell_name(td_state *s, const yt_node *cell, const yt_node *data)
{
	const char *name = im_oneline(s->m, im_get_str(s->t, data, "name"));
	if (!name) /* older files keep the label only in attrs.text.text */
		name = im_oneline(s->m, im_get_str(s->t, im_get(s->t, im_get(s->t, cell, "attrs"), "text"), "text"));
	return name;
}

static const char *out_of_scope(td_state *s, const yt_node *data)
{
	if (!im_get_bool(s->t, data, "outOfScope"))
		return NULL;
	const char *why = im_text(s->m, im_get_str(s->t, data, "reasonOutOfScope"));
	return why ? why : "";
}

/* A planned control for a mitigation text, one per distinct text. */
static const char *control(td_state *s, const char *text)
{
	im_model *m = s->m;
	size_t i;
	if (pm_strmap_get(&s->controls, text, &i))
		return m->controls[i].id;
	im_control *c = im_add_control(m);
	/* the title: the first sentence or line, at most 100 characters */
	size_t n = strcspn(text, "\n");
	const char *dot = strstr(text, ". ");
	if (dot && (size_t)(dot - text) < n)
		n = (size_t)(dot - text);
	if (n > 100)
		n = 100;
	c->title = im_oneline(m, pm_arena_strndup(m->a, text, n));
	c->id = im_id(m, "CTL", c->title);
	c->requirement = text;
	c->status_rationale = NULL;
	pm_strmap_put(&s->controls, text, m->n_controls - 1, NULL);
	return c->id;
}

/* The threats of an element's data.threats, on target. */
static void threats(td_state *s, const yt_node *data, const char *target)
{
	im_model *m = s->m;
	const yt_doc *t = s->t;
	const yt_node *list = im_get(t, data, "threats");
	for (size_t i = 0; i < im_len(list); i++) {
		const yt_node *x = yt_child(t, list, i);
		if (x->type != YT_MAP) {
			im_warn(m, x, true, "a threat must be a JSON object: skipped");
			continue;
		}
		im_threat *th = im_add_threat(m);
		th->title = im_oneline(m, im_get_str(t, x, "title"));
		if (!th->title)
			th->title = "TODO: title (the source threat has none)";
		th->id = im_id(m, "T", th->title);
		th->description = im_text(m, im_get_str(t, x, "description"));
		const char *type = im_get_str(t, x, "type");
		th->stride = im_stride(type);
		if (!th->stride && type)
			th->stride_note = im_oneline(m, type);
		im_list_add(m, &th->targets, target);
		const char *status = im_get_str(t, x, "status");
		if (status && strcmp(status, "Mitigated") == 0)
			th->status = "mitigated";
		else if (status && strcmp(status, "NotApplicable") == 0)
			th->status = "false_positive";
		else
			th->status = "open";
		const char *sev = im_oneline(m, im_get_str(t, x, "severity"));
		const char *score = im_oneline(m, im_get_str(t, x, "score"));
		th->rationale =
		        im_printf(m, "TODO: score it%s%s%s%s%s.", sev || score ? "; the source rates it" : "",
		                  sev ? " severity " : "", sev ? sev : "", score ? " score " : "", score ? score : "");
		const char *mt = im_oneline(m, im_get_str(t, x, "modelType"));
		th->source = im_printf(m, "Threat Dragon%s%s%s, diagram '%s'", mt ? " (" : "", mt ? mt : "",
		                       mt ? ")" : "", s->diagram ? s->diagram : "");
		const char *mit = im_text(m, im_get_str(t, x, "mitigation"));
		if (mit)
			im_list_add(m, &th->controls, control(s, mit));
		th->src = im_oneline(m, im_get_str(t, x, "id"));
	}
}

static const char *flags(td_state *s, const yt_node *data)
{
	static const struct {
		const char *key, *text;
	} f[] = {
	        {"storesCredentials", "stores credentials"},
	        {"isALog", "is a log"},
	        {"isEncrypted", "is encrypted"},
	        {"isSigned", "is signed"},
	        {"providesAuthentication", "provides authentication"},
	};
	pm_buf b;
	pm_buf_init(&b, 0);
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		if (im_get_bool(s->t, data, f[i].key))
			pm_buf_printf(&b, "%s%s", b.len ? ", " : "", f[i].text);
	const char *r = b.len ? im_printf(s->m, "The source model marks it: %s.", b.data) : NULL;
	pm_buf_free(&b);
	return r;
}

static const char *join(im_model *m, const char *a, const char *b)
{
	return a && b ? im_printf(m, "%s %s", a, b) : a ? a : b;
}

static void component(td_state *s, const yt_node *cell, const yt_node *data, const char *type)
{
	im_model *m = s->m;
	const yt_doc *t = s->t;
	im_component *c = im_add_component(m);
	size_t index = m->n_components - 1;
	c->name = cell_name(s, cell, data);
	if (!c->name)
		c->name = "TODO: name (the source element has none)";
	c->id = im_id(m, "C", c->name);
	if (strcmp(type, "tm.Store") == 0) {
		c->kind = "data_store";
	} else if (strcmp(type, "tm.Actor") == 0) {
		c->kind = "external_system";
		c->kind_note = "an actor in the source: user, external_system or another kind";
	} else {
		c->kind = "software";
		c->kind_note = "a process in the source: software, server, app, device or another kind";
	}
	c->description = join(m, im_text(m, im_get_str(t, data, "description")), flags(s, data));
	c->out_of_scope = out_of_scope(s, data);
	c->src = im_oneline(m, im_get_str(t, cell, "id"));
	/* the zone: the smallest trust boundary box holding the centre */
	double x, y, w, h;
	if (rect(t, cell, &x, &y, &w, &h)) {
		double cx = x + w / 2, cy = y + h / 2, best = -1;
		for (size_t i = 0; i < s->n_boxes; i++) {
			const td_box *bx = &s->boxes[i];
			if (cx >= bx->x && cx <= bx->x + bx->w && cy >= bx->y && cy <= bx->y + bx->h &&
			    (best < 0 || bx->w * bx->h < best)) {
				best = bx->w * bx->h;
				c->zone = bx->zone->id;
			}
		}
	}
	if (c->src)
		pm_strmap_put(&s->cells, c->src, index, NULL);
	threats(s, data, m->components[index].id);
}

/* The component at one end of a flow: the cell it names, else a placeholder. */
static const char *end(td_state *s, const yt_node *cell, const char *key, const char *flow_name)
{
	im_model *m = s->m;
	const yt_node *e = im_get(s->t, cell, key);
	const char *id = im_get_str(s->t, e, "cell");
	size_t i;
	if (id && pm_strmap_get(&s->cells, id, &i))
		return m->components[i].id;
	im_warn(m, e ? e : cell, false, "flow '%s': its %s is %s; a placeholder component stands for it", flow_name,
	        strcmp(key, "source") == 0 ? "source" : "target",
	        id ? "not a process, store or actor of the diagram" : "not connected to an element");
	im_component *c = im_add_component(m);
	c->name = im_printf(m, "TODO: the %s of flow '%s' (not connected in the source)",
	                    strcmp(key, "source") == 0 ? "source" : "target", flow_name);
	c->id = im_id(m, "C", im_printf(m, "%s %s", flow_name, strcmp(key, "source") == 0 ? "source" : "target"));
	c->kind = "external_system";
	c->kind_note = "what the other end is";
	c->placeholder = true;
	return c->id;
}

static void flow(td_state *s, const yt_node *cell, const yt_node *data)
{
	im_model *m = s->m;
	const yt_doc *t = s->t;
	const char *name = cell_name(s, cell, data);
	if (!name)
		name = "TODO: name (the source flow has none)";
	const char *from = end(s, cell, "source", name);
	const char *to = end(s, cell, "target", name);
	im_flow *f = im_add_flow(m);
	f->name = name;
	f->id = im_id(m, "F", name);
	f->from = from;
	f->to = to;
	f->description =
	        join(m, im_text(m, im_get_str(t, data, "description")),
	             im_get_bool(t, data, "isPublicNetwork") ? "The source model marks it: public network." : NULL);
	f->protocol = im_oneline(m, im_get_str(t, data, "protocol"));
	f->encryption =
	        im_get_bool(t, data, "isEncrypted")
	                ? "TODO: the encryption (protocol and cipher); the source model marks the flow encrypted"
	                : NULL;
	f->bidirectional = im_get_bool(t, data, "isBidirectional");
	f->out_of_scope = out_of_scope(s, data);
	f->src = im_oneline(m, im_get_str(t, cell, "id"));
	threats(s, data, f->id);
}

static bool is_box(const yt_doc *t, const yt_node *cell, const char *type)
{
	const char *shape = im_get_str(t, cell, "shape");
	return strcmp(type, "tm.BoundaryBox") == 0 || (shape && strcmp(shape, "trust-boundary-box") == 0);
}

static void diagram(td_state *s, const yt_node *dg, size_t *curves)
{
	im_model *m = s->m;
	const yt_doc *t = s->t;
	s->diagram = im_oneline(m, im_get_str(t, dg, "title"));
	const char *dt = im_oneline(m, im_get_str(t, dg, "diagramType"));
	if (dt && !s->model_type)
		s->model_type = dt;
	const yt_node *cells = im_get(t, dg, "cells");
	if (!cells || cells->type != YT_SEQ) {
		im_warn(m, dg, false, "diagram '%s' has no list of cells: nothing imported from it",
		        s->diagram ? s->diagram : "");
		return;
	}
	s->n_boxes = 0;
	/* zones first, so that each component finds its box */
	for (size_t pass = 0; pass < 3; pass++) {
		for (size_t i = 0; i < cells->n; i++) {
			const yt_node *cell = yt_child(t, cells, i);
			const yt_node *data = im_get(t, cell, "data");
			const char *type = im_get_str(t, data, "type");
			if (!type) {
				if (pass == 0)
					im_warn(m, cell, true, "a cell without data.type: skipped");
				continue;
			}
			bool boundary =
			        strncmp(type, "tm.Boundary", 11) == 0 || im_get_bool(t, data, "isTrustBoundary");
			if (pass == 0 && boundary) {
				double x, y, w, h;
				if (is_box(t, cell, type) && rect(t, cell, &x, &y, &w, &h)) {
					im_zone *z = im_add_zone(m);
					z->name = cell_name(s, cell, data);
					z->id = im_id(m, "Z", z->name ? z->name : "trust boundary");
					if (!z->name)
						z->name = "TODO: name of the trust boundary (unnamed in the source)";
					z->description = im_text(m, im_get_str(t, data, "description"));
					z->trust_note =
					        "how far the zone is trusted (a trust boundary box in the source)";
					s->boxes = pm_xgrow(s->boxes, &s->cap_boxes, s->n_boxes + 1, sizeof *s->boxes);
					s->boxes[s->n_boxes++] = (td_box){z, x, y, w, h};
				} else {
					(*curves)++;
				}
			} else if (pass == 1 && (strcmp(type, "tm.Process") == 0 || strcmp(type, "tm.Store") == 0 ||
			                         strcmp(type, "tm.Actor") == 0)) {
				component(s, cell, data, type);
			} else if (pass == 2 && strcmp(type, "tm.Flow") == 0) {
				flow(s, cell, data);
			} else if (pass == 0 && !boundary && strcmp(type, "tm.Text") != 0 &&
			           strcmp(type, "tm.Process") != 0 && strcmp(type, "tm.Store") != 0 &&
			           strcmp(type, "tm.Actor") != 0 && strcmp(type, "tm.Flow") != 0) {
				im_warn(m, cell, true, "cell of type '%s' is not imported", type);
			}
		}
	}
}

int im_threatdragon(im_model *m, const yt_doc *t, const yt_node *root)
{
	const yt_node *detail = im_get(t, root, "detail");
	const yt_node *diagrams = im_get(t, detail, "diagrams");
	if (!diagrams || diagrams->type != YT_SEQ)
		return im_error(m, detail ? detail : root, "not a Threat Dragon v2 model: no list 'detail.diagrams'");
	for (size_t i = 0; i < diagrams->n; i++)
		if (im_get(t, yt_child(t, diagrams, i), "diagramJson"))
			return im_error(
			        m, yt_child(t, diagrams, i),
			        "a Threat Dragon 1.x model (diagramJson): open it in Threat Dragon 2 and save it, "
			        "then import the saved file");
	const char *version = im_get_str(t, root, "version");
	m->format_name = version ? im_printf(m, "Threat Dragon v2 (%s)", version) : "Threat Dragon v2";
	const yt_node *summary = im_get(t, root, "summary");
	m->device_name = im_oneline(m, im_get_str(t, summary, "title"));
	const char *v;
	if ((v = im_oneline(m, im_get_str(t, summary, "description"))))
		im_note(m, "description: %s", v);
	if ((v = im_oneline(m, im_get_str(t, summary, "owner"))))
		im_note(m, "owner: %s", v);
	if ((v = im_oneline(m, im_get_str(t, detail, "reviewer"))))
		im_note(m, "reviewer: %s", v);
	const yt_node *contributors = im_get(t, detail, "contributors");
	for (size_t i = 0; i < im_len(contributors); i++)
		if ((v = im_oneline(m, im_get_str(t, yt_child(t, contributors, i), "name"))))
			im_note(m, "contributor: %s", v);
	td_state s = {.m = m, .t = t};
	pm_strmap_init(&s.cells);
	pm_strmap_init(&s.controls);
	size_t curves = 0;
	for (size_t i = 0; i < diagrams->n; i++) {
		const yt_node *dg = yt_child(t, diagrams, i);
		if (dg->type != YT_MAP) {
			im_warn(m, dg, true, "a diagram must be a JSON object: skipped");
			continue;
		}
		const char *title = im_oneline(m, im_get_str(t, dg, "title"));
		const char *desc = im_oneline(m, im_get_str(t, dg, "description"));
		im_note(m, "diagram '%s'%s%s", title ? title : "", desc ? ": " : "", desc ? desc : "");
		diagram(&s, dg, &curves);
	}
	if (curves)
		im_note(m,
		        "%zu trust boundary line%s: a line encloses no area, so premarket cannot tell which zone a "
		        "component is in; the components no trust boundary box holds are in one placeholder zone, "
		        "split it by the lines",
		        curves, curves == 1 ? "" : "s");
	m->methodology = s.model_type
	                         ? im_printf(m, "%s per element and flow, as modeled in Threat Dragon.", s.model_type)
	                         : NULL;
	pm_strmap_free(&s.cells);
	pm_strmap_free(&s.controls);
	free(s.boxes);
	if (!m->n_components)
		return im_error(m, diagrams, "the Threat Dragon model has no process, store or actor to import");
	return 0;
}
