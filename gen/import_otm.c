/* import_otm.c — an Open Threat Model (OTM 0.x, JSON or YAML) into the
 * import skeleton (gen/import.h; mapping in docs/import.md).
 *
 * assets, trustZones, components (in the zone of their parent trust zone
 * or parent component), dataflows, mitigations (planned controls) and
 * threats (on every component and dataflow that lists them, with the
 * mitigations listed there), each in source order.  A threat no element
 * lists has no target and is not imported (a warning says so). */
#include "import.h"

#include "xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct otm_state {
	im_model *m;
	const yt_doc *t;
	pm_strmap assets, zones, components, controls; /* source id -> index */
	const yt_node **parents;                       /* per component: its source node */
	im_list *control_states;                       /* per control: the states the source gives it */
} otm_state;

/* The list under key, also spelt in lower case by older files (trustzones). */
static const yt_node *list_of(const otm_state *s, const yt_node *root, const char *key, const char *alt)
{
	const yt_node *n = im_get(s->t, root, key);
	if (!n && alt)
		n = im_get(s->t, root, alt);
	if (n && n->type != YT_SEQ && im_scalar(n)) {
		im_warn(s->m, n, true, "'%s' must be a list: not imported", key);
		return NULL;
	}
	return n && n->type == YT_SEQ ? n : NULL;
}

/* Each item of a list that is an object with an id (the rest warned about and skipped). */
static const yt_node *item(otm_state *s, const yt_node *list, size_t i, const char *what, const char **id)
{
	const yt_node *x = yt_child(s->t, list, i);
	*id = x->type == YT_MAP ? im_get_str(s->t, x, "id") : NULL;
	if (!*id) {
		im_warn(s->m, x, true, "%s without an id: skipped", what);
		return NULL;
	}
	return x;
}

static const char *kind_of(im_model *m, const char *type, const char **note)
{
	static const struct {
		const char *word, *kind;
	} words[] = {
	        {"database", "data_store"}, {"db", "data_store"},
	        {"sql", "data_store"},      {"storage", "data_store"},
	        {"store", "data_store"},    {"bucket", "data_store"},
	        {"s3", "data_store"},       {"blob", "data_store"},
	        {"user", "user"},           {"actor", "user"},
	        {"person", "user"},         {"browser", "app"},
	        {"client", "app"},          {"mobile", "app"},
	        {"android", "app"},         {"ios", "app"},
	        {"device", "device"},       {"iot", "device"},
	        {"sensor", "device"},       {"cloud", "cloud_service"},
	        {"azure", "cloud_service"}, {"aws", "cloud_service"},
	        {"gcp", "cloud_service"},   {"lambda", "cloud_service"},
	        {"server", "server"},       {"service", "server"},
	        {"api", "server"},          {"web", "server"},
	        {"network", "network"},     {"firewall", "network"},
	};
	if (!type) {
		*note = "what kind of element it is (the source gives no type)";
		return "software";
	}
	/* the type's words, in lower case: "CD-MICROSOFT-AZURE-DB-POSTGRESQL" -> cd microsoft azure db postgresql */
	char buf[256];
	size_t n = 0;
	for (const char *p = type; *p && n < sizeof buf - 2; p++)
		buf[n++] = isalnum((unsigned char)*p) ? (char)tolower((unsigned char)*p) : ' ';
	buf[n] = '\0';
	const char *kind = "software";
	for (size_t i = 0; i < sizeof words / sizeof *words && strcmp(kind, "software") == 0; i++) {
		for (const char *p = buf; (p = strstr(p, words[i].word)) != NULL; p++) {
			/* the start of a word ("storage" in "azure storage"), or "sql" anywhere ("postgresql") */
			if (p == buf || p[-1] == ' ' || strcmp(words[i].word, "sql") == 0) {
				kind = words[i].kind;
				break;
			}
		}
	}
	*note = im_printf(m, "guessed from the source type '%s'", type);
	return kind;
}

/* An asset list of the source (ids) as premarket asset ids into l. */
static void asset_refs(otm_state *s, const yt_node *list, im_list *l)
{
	for (size_t i = 0; i < im_len(list); i++) {
		const yt_node *x = yt_child(s->t, list, i);
		const char *id = im_scalar(x);
		size_t k;
		if (id && pm_strmap_get(&s->assets, id, &k))
			im_list_add(s->m, l, s->m->assets[k].id);
		else
			im_warn(s->m, x, false, "asset '%s' is not in the model's assets: left out", id ? id : "");
	}
}

static void assets(otm_state *s, const yt_node *root)
{
	im_model *m = s->m;
	const yt_doc *t = s->t;
	const yt_node *list = list_of(s, root, "assets", NULL);
	for (size_t i = 0; i < im_len(list); i++) {
		const char *sid;
		const yt_node *x = item(s, list, i, "an asset", &sid);
		if (!x)
			continue;
		im_asset *a = im_add_asset(m);
		a->name = im_oneline(m, im_get_str(t, x, "name"));
		a->id = im_id(m, "A", a->name ? a->name : sid);
		if (!a->name)
			a->name = "TODO: name (the source asset has none)";
		a->description = im_text(m, im_get_str(t, x, "description"));
		const yt_node *risk = im_get(t, x, "risk");
		const char *c = im_get_str(t, risk, "confidentiality"), *in = im_get_str(t, risk, "integrity"),
		           *av = im_get_str(t, risk, "availability"),
		           *why = im_oneline(m, im_get_str(t, risk, "riskComments"));
		if (c || in || av)
			a->harm_rationale =
			        im_printf(m,
			                  "TODO: the harm to the patient; the source rates confidentiality %s, "
			                  "integrity %s, availability %s (0-100)%s%s",
			                  c ? c : "-", in ? in : "-", av ? av : "-", why ? ": " : "", why ? why : "");
		a->src = im_oneline(m, sid);
		if (!pm_strmap_put(&s->assets, sid, m->n_assets - 1, NULL))
			im_warn(m, x, false, "asset id '%s' appears twice: references go to the first", sid);
	}
}

static void zones(otm_state *s, const yt_node *root)
{
	im_model *m = s->m;
	const yt_doc *t = s->t;
	const yt_node *list = list_of(s, root, "trustZones", "trustzones");
	for (size_t i = 0; i < im_len(list); i++) {
		const char *sid;
		const yt_node *x = item(s, list, i, "a trust zone", &sid);
		if (!x)
			continue;
		im_zone *z = im_add_zone(m);
		z->name = im_oneline(m, im_get_str(t, x, "name"));
		z->id = im_id(m, "Z", z->name ? z->name : sid);
		if (!z->name)
			z->name = "TODO: name (the source trust zone has none)";
		z->description = im_text(m, im_get_str(t, x, "description"));
		const char *rating = im_get_str(t, im_get(t, x, "risk"), "trustRating");
		const char *type = im_oneline(m, im_get_str(t, x, "type"));
		z->trust_note = im_printf(m, "how far the zone is trusted%s%s%s%s%s",
		                          rating || type ? "; the source gives" : "", rating ? " trust rating " : "",
		                          rating ? rating : "", type ? " type " : "", type ? type : "");
		if (!pm_strmap_put(&s->zones, sid, m->n_zones - 1, NULL))
			im_warn(m, x, false, "trust zone id '%s' appears twice: references go to the first", sid);
	}
}

/* The zone of component i: its parent trust zone, or its parent component's zone. */
static const char *zone_of(otm_state *s, size_t i, unsigned depth)
{
	const yt_doc *t = s->t;
	const yt_node *parent = im_get(t, s->parents[i], "parent");
	const char *zid = im_get_str(t, parent, "trustZone");
	if (!zid && parent && parent->type == YT_SCALAR) /* older files: parent: ZONE-ID */
		zid = im_scalar(parent);
	size_t k;
	if (zid && pm_strmap_get(&s->zones, zid, &k))
		return s->m->zones[k].id;
	const char *cid = im_get_str(t, parent, "component");
	if (cid && depth < 64 && pm_strmap_get(&s->components, cid, &k) && k != i)
		return zone_of(s, k, depth + 1);
	if (zid || cid)
		im_warn(s->m, parent, false, "parent '%s' is not a trust zone or component of the model",
		        zid ? zid : cid);
	return NULL;
}

static void components(otm_state *s, const yt_node *root)
{
	im_model *m = s->m;
	const yt_doc *t = s->t;
	const yt_node *list = list_of(s, root, "components", NULL);
	s->parents = pm_xcalloc(im_len(list) + 1, sizeof *s->parents);
	for (size_t i = 0; i < im_len(list); i++) {
		const char *sid;
		const yt_node *x = item(s, list, i, "a component", &sid);
		if (!x)
			continue;
		im_component *c = im_add_component(m);
		s->parents[m->n_components - 1] = x;
		c->name = im_oneline(m, im_get_str(t, x, "name"));
		c->id = im_id(m, "C", c->name ? c->name : sid);
		if (!c->name)
			c->name = "TODO: name (the source component has none)";
		c->kind = kind_of(m, im_oneline(m, im_get_str(t, x, "type")), &c->kind_note);
		c->description = im_text(m, im_get_str(t, x, "description"));
		const yt_node *as = im_get(t, x, "assets");
		asset_refs(s, im_get(t, as, "processed"), &c->assets);
		asset_refs(s, im_get(t, as, "stored"), &c->assets);
		c->src = im_oneline(m, sid);
		if (!pm_strmap_put(&s->components, sid, m->n_components - 1, NULL))
			im_warn(m, x, false, "component id '%s' appears twice: references go to the first", sid);
	}
	size_t n = m->n_components;
	for (size_t i = 0; i < n; i++)
		m->components[i].zone = zone_of(s, i, 0);
}

static const char *end(otm_state *s, const yt_node *x, const char *key, const char *alt, const char *flow)
{
	im_model *m = s->m;
	const yt_node *e = im_get(s->t, x, key);
	if (!e)
		e = im_get(s->t, x, alt);
	const char *id = im_scalar(e);
	size_t k;
	if (id && pm_strmap_get(&s->components, id, &k))
		return m->components[k].id;
	bool src = strcmp(key, "source") == 0;
	im_warn(m, e ? e : x, false,
	        "dataflow '%s': its %s '%s' is not a component of the model; a placeholder "
	        "component stands for it",
	        flow, src ? "source" : "destination", id ? id : "");
	im_component *c = im_add_component(m);
	c->name = im_printf(m, "TODO: the %s of flow '%s' (not a component of the source)",
	                    src ? "source" : "destination", flow);
	c->id = im_id(m, "C", im_printf(m, "%s %s", flow, src ? "source" : "destination"));
	c->kind = "external_system";
	c->kind_note = "what the other end is";
	c->placeholder = true;
	return c->id;
}

static void flows(otm_state *s, const yt_node *root)
{
	im_model *m = s->m;
	const yt_doc *t = s->t;
	const yt_node *list = list_of(s, root, "dataflows", NULL);
	for (size_t i = 0; i < im_len(list); i++) {
		const char *sid;
		const yt_node *x = item(s, list, i, "a dataflow", &sid);
		if (!x)
			continue;
		const char *name = im_oneline(m, im_get_str(t, x, "name"));
		const char *from = end(s, x, "source", "from", name ? name : sid);
		const char *to = end(s, x, "destination", "to", name ? name : sid);
		im_flow *f = im_add_flow(m);
		f->name = name ? name : "TODO: name (the source dataflow has none)";
		f->id = im_id(m, "F", name ? name : sid);
		f->from = from;
		f->to = to;
		f->description = im_text(m, im_get_str(t, x, "description"));
		f->bidirectional = im_get_bool(t, x, "bidirectional");
		asset_refs(s, im_get(t, x, "assets"), &f->assets);
		f->src = im_oneline(m, sid);
	}
}

static void controls(otm_state *s, const yt_node *root)
{
	im_model *m = s->m;
	const yt_doc *t = s->t;
	const yt_node *list = list_of(s, root, "mitigations", NULL);
	s->control_states = pm_xcalloc(im_len(list) + 1, sizeof *s->control_states);
	for (size_t i = 0; i < im_len(list); i++) {
		const char *sid;
		const yt_node *x = item(s, list, i, "a mitigation", &sid);
		if (!x)
			continue;
		im_control *c = im_add_control(m);
		c->title = im_oneline(m, im_get_str(t, x, "name"));
		c->id = im_id(m, "CTL", c->title ? c->title : sid);
		if (!c->title)
			c->title = "TODO: title (the source mitigation has none)";
		const char *desc = im_text(m, im_get_str(t, x, "description"));
		const char *rr = im_get_str(t, x, "riskReduction");
		c->description = rr ? im_printf(m, "%s%sThe source rates its risk reduction %s (0-100).",
		                                desc ? desc : "", desc ? " " : "", rr)
		                    : desc;
		c->requirement = im_oneline(m, im_get_str(t, x, "name"));
		c->src = im_oneline(m, sid);
		if (!pm_strmap_put(&s->controls, sid, m->n_controls - 1, NULL))
			im_warn(m, x, false, "mitigation id '%s' appears twice: references go to the first", sid);
	}
}

/* What the elements say of one threat. */
typedef struct otm_ref {
	im_list targets, controls, assets;
	bool any, all_mitigated;
} otm_ref;

/* Every threat reference of one element (a component or a dataflow). */
static void refs(otm_state *s, const yt_node *x, const char *target, const im_list *assets, pm_strmap *threat_ids,
                 otm_ref *r)
{
	im_model *m = s->m;
	const yt_doc *t = s->t;
	const yt_node *list = im_get(t, x, "threats");
	for (size_t i = 0; i < im_len(list); i++) {
		const yt_node *ref = yt_child(t, list, i);
		const char *tid = im_get_str(t, ref, "threat");
		size_t k;
		if (!tid || !pm_strmap_get(threat_ids, tid, &k)) {
			im_warn(m, ref, false, "threat '%s' is not in the model's threats: left out", tid ? tid : "");
			continue;
		}
		otm_ref *o = &r[k];
		const char *state = im_get_str(t, ref, "state");
		bool mitigated = state && strcmp(state, "mitigated") == 0;
		o->all_mitigated = o->any ? o->all_mitigated && mitigated : mitigated;
		o->any = true;
		im_list_add(m, &o->targets, target);
		for (size_t a = 0; a < assets->n; a++)
			im_list_add(m, &o->assets, assets->v[a]);
		const yt_node *mits = im_get(t, ref, "mitigations");
		for (size_t j = 0; j < im_len(mits); j++) {
			const yt_node *mr = yt_child(t, mits, j);
			const char *mid = im_get_str(t, mr, "mitigation");
			size_t c;
			if (!mid || !pm_strmap_get(&s->controls, mid, &c)) {
				im_warn(m, mr, false, "mitigation '%s' is not in the model's mitigations: left out",
				        mid ? mid : "");
				continue;
			}
			im_list_add(m, &o->controls, m->controls[c].id);
			const char *ms = im_oneline(m, im_get_str(t, mr, "state"));
			if (ms)
				im_list_add(m, &s->control_states[c], ms);
		}
	}
}

static void threats(otm_state *s, const yt_node *root)
{
	im_model *m = s->m;
	const yt_doc *t = s->t;
	const yt_node *list = list_of(s, root, "threats", NULL);
	size_t n = im_len(list);
	pm_strmap ids;
	pm_strmap_init(&ids);
	for (size_t i = 0; i < n; i++) {
		const char *sid = im_get_str(t, yt_child(t, list, i), "id");
		if (sid)
			pm_strmap_put(&ids, sid, i, NULL);
	}
	otm_ref *r = pm_xcalloc(n + 1, sizeof *r);
	/* components, then dataflows, in source order: the targets' order */
	const yt_node *cl = list_of(s, root, "components", NULL);
	for (size_t i = 0; i < im_len(cl); i++) {
		const char *cid = im_get_str(t, yt_child(t, cl, i), "id");
		size_t k;
		if (cid && pm_strmap_get(&s->components, cid, &k))
			refs(s, yt_child(t, cl, i), m->components[k].id, &m->components[k].assets, &ids, r);
	}
	const yt_node *fl = list_of(s, root, "dataflows", NULL);
	for (size_t i = 0, f = 0; i < im_len(fl); i++) {
		if (!im_get_str(t, yt_child(t, fl, i), "id"))
			continue; /* skipped by flows() */
		refs(s, yt_child(t, fl, i), m->flows[f].id, &m->flows[f].assets, &ids, r);
		f++;
	}
	for (size_t i = 0; i < n; i++) {
		const char *sid;
		const yt_node *x = item(s, list, i, "a threat", &sid);
		if (!x)
			continue;
		const char *name = im_oneline(m, im_get_str(t, x, "name"));
		if (!r[i].any) {
			im_warn(m, x, true,
			        "threat '%s' is listed by no component or dataflow, so it has no target: not imported",
			        name ? name : sid);
			continue;
		}
		im_threat *th = im_add_threat(m);
		th->title = name ? name : "TODO: title (the source threat has none)";
		th->id = im_id(m, "T", name ? name : sid);
		const char *desc = im_text(m, im_get_str(t, x, "description"));
		pm_buf cwe;
		pm_buf_init(&cwe, 0);
		const yt_node *cwes = im_get(t, x, "cwes");
		for (size_t k = 0; k < im_len(cwes); k++) {
			const char *c = im_scalar(yt_child(t, cwes, k));
			if (c)
				pm_buf_printf(&cwe, "%s%s", cwe.len ? ", " : "", c);
		}
		th->description = cwe.len ? im_printf(m, "%s%sWeaknesses (the source's CWEs): %s.", desc ? desc : "",
		                                      desc ? " " : "", cwe.data)
		                          : desc;
		pm_buf_free(&cwe);
		const yt_node *cats = im_get(t, x, "categories");
		for (size_t k = 0; k < im_len(cats); k++) {
			const char *c = im_scalar(yt_child(t, cats, k));
			unsigned bit = im_stride(c);
			th->stride |= bit;
			if (!bit && c && !th->stride_note)
				th->stride_note = im_oneline(m, c);
		}
		const yt_node *risk = im_get(t, x, "risk");
		const char *l = im_get_str(t, risk, "likelihood"), *imp = im_get_str(t, risk, "impact");
		const char *lc = im_oneline(m, im_get_str(t, risk, "likelihoodComment"));
		const char *ic = im_oneline(m, im_get_str(t, risk, "impactComment"));
		th->rationale = l || imp ? im_printf(m,
		                                     "TODO: score it; the source rates likelihood %s%s%s%s and impact "
		                                     "%s%s%s%s (0-100).",
		                                     l ? l : "-", lc ? " (" : "", lc ? lc : "", lc ? ")" : "",
		                                     imp ? imp : "-", ic ? " (" : "", ic ? ic : "", ic ? ")" : "")
		                         : NULL;
		th->source = "Open Threat Model";
		th->status = r[i].all_mitigated ? "mitigated" : "open";
		th->targets = r[i].targets;
		th->controls = r[i].controls;
		th->assets = r[i].assets;
		memset(&r[i], 0, sizeof r[i]); /* the threat owns the lists now */
		th->src = im_oneline(m, sid);
	}
	for (size_t i = 0; i < n; i++) {
		free(r[i].targets.v);
		free(r[i].controls.v);
		free(r[i].assets.v);
	}
	free(r);
	pm_strmap_free(&ids);
	for (size_t i = 0; i < m->n_controls; i++) {
		im_list *st = &s->control_states[i];
		if (!st->n)
			continue;
		pm_buf b;
		pm_buf_init(&b, 0);
		for (size_t k = 0; k < st->n; k++)
			pm_buf_printf(&b, "%s%s", k ? ", " : "", st->v[k]);
		m->controls[i].status_rationale =
		        im_printf(m, "TODO: the plan: release and timeline (the source's state: %s)", b.data);
		pm_buf_free(&b);
	}
}

int im_otm(im_model *m, const yt_doc *t, const yt_node *root)
{
	const char *version = im_get_str(t, root, "otmVersion");
	if (!version)
		return im_error(m, root, "not an OTM model: no 'otmVersion'");
	if (strncmp(version, "0.", 2) != 0)
		return im_error(m, im_get(t, root, "otmVersion"),
		                "OTM version %s is not supported (premarket reads OTM 0.x)", version);
	m->format_name = im_printf(m, "OTM %s", version);
	const yt_node *project = im_get(t, root, "project");
	m->device_name = im_oneline(m, im_get_str(t, project, "name"));
	const char *v;
	if ((v = im_oneline(m, im_get_str(t, project, "id"))))
		im_note(m, "project id: %s", v);
	if ((v = im_oneline(m, im_get_str(t, project, "description"))))
		im_note(m, "description: %s", v);
	if ((v = im_oneline(m, im_get_str(t, project, "owner"))))
		im_note(m, "owner: %s%s%s", v, im_get_str(t, project, "ownerContact") ? ", " : "",
		        im_get_str(t, project, "ownerContact") ? im_oneline(m, im_get_str(t, project, "ownerContact"))
		                                               : "");
	otm_state s = {.m = m, .t = t};
	pm_strmap_init(&s.assets);
	pm_strmap_init(&s.zones);
	pm_strmap_init(&s.components);
	pm_strmap_init(&s.controls);
	assets(&s, root);
	zones(&s, root);
	components(&s, root);
	flows(&s, root);
	controls(&s, root);
	threats(&s, root);
	for (size_t i = 0; s.control_states && i < m->n_controls; i++)
		free(s.control_states[i].v);
	free(s.control_states);
	free(s.parents);
	pm_strmap_free(&s.assets);
	pm_strmap_free(&s.zones);
	pm_strmap_free(&s.components);
	pm_strmap_free(&s.controls);
	if (!m->n_components)
		return im_error(m, root, "the OTM model has no component to import");
	return 0;
}
