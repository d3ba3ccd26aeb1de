/* cdx_json.c — CycloneDX JSON, specification versions 1.2 to 1.6
 * (https://cyclonedx.org/docs/1.6/json/), into the SBOM builder.
 *
 * Read: bomFormat, specVersion, serialNumber; metadata.timestamp,
 * .authors[], .tools (a list up to 1.4, {components, services} from 1.5),
 * .component, .manufacture/.manufacturer/.supplier (author fallbacks);
 * components[] recursively (bom-ref, type, group, name, version,
 * description, supplier/publisher/manufacturer/author/authors, purl, cpe,
 * swid.tagId, hashes[], licenses[], properties[]); services[] (their
 * bom-refs only); dependencies[] (ref, dependsOn[]); vulnerabilities[] (id,
 * bom-ref, source, description, detail, ratings[], cwes[], analysis,
 * affects[].ref).  Every other member is ignored.  The JSON is parsed by
 * libyaml (gen/yamltree.c) with the limits of docs/sbom.md.
 */
#include "internal.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

typedef struct cj {
	sb_builder *b;
	const yt_doc *t;
} cj;

static const char *name_of(cj *x, const yt_node *m, const char *key)
{
	const yt_node *o = sbj_map(x->b, x->t, m, key);
	return o ? sbj_str(x->b, x->t, o, "name") : NULL;
}

/* authors[]: names (or e-mail addresses) joined with ", " */
static const char *authors(cj *x, const yt_node *m)
{
	const yt_node *s = sbj_seq(x->b, x->t, m, "authors");
	const char *r = NULL;
	for (uint32_t i = 0; s && i < s->n; i++) {
		const yt_node *a = sbj_item_map(x->b, x->t, s, i, "an author");
		if (!a)
			continue;
		const char *nm = sbj_str(x->b, x->t, a, "name");
		if (!nm)
			nm = sbj_str(x->b, x->t, a, "email");
		sb_join(x->b, &r, ", ", nm);
	}
	return r;
}

static const char *licenses(cj *x, const yt_node *m)
{
	const yt_node *s = sbj_seq(x->b, x->t, m, "licenses");
	const char *r = NULL;
	for (uint32_t i = 0; s && i < s->n; i++) {
		const yt_node *l = sbj_item_map(x->b, x->t, s, i, "a licenses[] entry");
		if (!l)
			continue;
		const char *e = sbj_str(x->b, x->t, l, "expression");
		const yt_node *lic = sbj_map(x->b, x->t, l, "license");
		if (!e && lic) {
			e = sbj_str(x->b, x->t, lic, "id");
			if (!e)
				e = sbj_str(x->b, x->t, lic, "name");
		}
		sb_join(x->b, &r, " AND ", e);
	}
	return r;
}

static void hashes(cj *x, const yt_node *m, pm_sbom_comp *c)
{
	const yt_node *s = sbj_seq(x->b, x->t, m, "hashes");
	if (!s || !s->n)
		return;
	pm_sbom_hash *h = pm_xcalloc(s->n, sizeof *h);
	size_t n = 0;
	for (uint32_t i = 0; i < s->n; i++) {
		const yt_node *e = sbj_item_map(x->b, x->t, s, i, "a hashes[] entry");
		if (!e)
			continue;
		h[n].alg = sbj_str(x->b, x->t, e, "alg");
		h[n].value = sbj_str(x->b, x->t, e, "content");
		if (h[n].alg && h[n].value)
			n++;
		else
			sb_warn(x->b, e->line, e->col, "hash without \"alg\" or \"content\" ignored");
	}
	sb_comp_hashes(x->b, c, h, n);
	free(h);
}

static void properties(cj *x, const yt_node *m, pm_sbom_comp *c)
{
	const yt_node *s = sbj_seq(x->b, x->t, m, "properties");
	for (uint32_t i = 0; s && i < s->n; i++) {
		const yt_node *p = sbj_item_map(x->b, x->t, s, i, "a property");
		if (!p)
			continue;
		const char *name = sbj_str(x->b, x->t, p, "name");
		const yt_node *v = sbj_get(x->t, p, "value");
		const char *value = sbj_str(x->b, x->t, p, "value");
		sb_comp_property(x->b, c, name, value, v ? v->line : p->line, v ? v->col : p->col);
	}
}

/* The fields of component mapping n into *c (not its nested components). */
static void fields(cj *x, const yt_node *n, pm_sbom_comp *c)
{
	sb_builder *b = x->b;
	const yt_doc *t = x->t;
	c->ref = sbj_str(b, t, n, "bom-ref");
	c->type = sbj_str(b, t, n, "type");
	c->name = sbj_str(b, t, n, "name");
	c->group = sbj_str(b, t, n, "group");
	c->version = sbj_str(b, t, n, "version");
	c->description = sbj_str(b, t, n, "description");
	c->supplier = name_of(x, n, "supplier");
	const char *publisher = sbj_str(b, t, n, "publisher");
	const char *manufacturer = name_of(x, n, "manufacturer");
	const char *author = sbj_str(b, t, n, "author");
	const char *auths = authors(x, n);
	if (!c->supplier)
		c->supplier = publisher ? publisher : manufacturer ? manufacturer : author ? author : auths;
	c->purl = sbj_str(b, t, n, "purl");
	c->cpe = sbj_str(b, t, n, "cpe");
	const yt_node *swid = sbj_map(b, t, n, "swid");
	if (swid)
		c->swid = sbj_str(b, t, swid, "tagId");
	c->licenses = licenses(x, n);
	hashes(x, n, c);
	properties(x, n, c);
	if (!c->name)
		sb_error(b, PM_ERR_SCHEMA, n->line, n->col, "component has no \"name\"");
}

static void components(cj *x, const yt_node *seq, int32_t parent);

static void component(cj *x, const yt_node *n, int32_t parent)
{
	if (!sbj_want_map(x->b, n, "a component"))
		return;
	int32_t i = sb_comp_new(x->b, parent, n->line, n->col);
	pm_sbom_comp c = x->b->comps[i];
	fields(x, n, &c);
	x->b->comps[i] = c;
	components(x, sbj_seq(x->b, x->t, n, "components"), i);
}

static void components(cj *x, const yt_node *seq, int32_t parent)
{
	for (uint32_t i = 0; seq && i < seq->n; i++)
		component(x, yt_child(x->t, seq, i), parent);
}

static void services(cj *x, const yt_node *seq)
{
	for (uint32_t i = 0; seq && i < seq->n; i++) {
		const yt_node *s = sbj_item_map(x->b, x->t, seq, i, "a service");
		if (!s)
			continue;
		sb_other_add(x->b, sbj_str(x->b, x->t, s, "bom-ref"));
		services(x, sbj_seq(x->b, x->t, s, "services"));
	}
}

static void tool_list(cj *x, const yt_node *seq)
{
	for (uint32_t i = 0; seq && i < seq->n; i++) {
		const yt_node *tl = sbj_item_map(x->b, x->t, seq, i, "a tool");
		if (tl)
			sb_tool_add(x->b, sbj_str(x->b, x->t, tl, "name"), sbj_str(x->b, x->t, tl, "version"));
	}
}

static void metadata(cj *x, const yt_node *m)
{
	sb_builder *b = x->b;
	pm_sbom_doc *doc = b->doc;
	doc->timestamp = sbj_str(b, x->t, m, "timestamp");
	doc->author = authors(x, m);
	if (!doc->author)
		doc->author = name_of(x, m, "manufacturer");
	if (!doc->author)
		doc->author = name_of(x, m, "manufacture");
	if (!doc->author)
		doc->author = name_of(x, m, "supplier");
	const yt_node *tools = sbj_get(x->t, m, "tools");
	if (tools && tools->type == YT_SEQ) {
		tool_list(x, tools);
	} else if (tools && tools->type == YT_MAP) {
		tool_list(x, sbj_seq(b, x->t, tools, "components"));
		tool_list(x, sbj_seq(b, x->t, tools, "services"));
	} else if (tools && !sbj_is_null(tools)) {
		sb_error(b, PM_ERR_SCHEMA, tools->line, tools->col, "\"tools\" must be a list or a mapping");
	}
	const yt_node *c = sbj_map(b, x->t, m, "component");
	if (c) {
		pm_sbom_comp *meta = sb_meta_new(b, c->line, c->col);
		fields(x, c, meta);
		/* its nested components are part of the document's subject, not listed */
	}
}

static void dependencies(cj *x, const yt_node *seq)
{
	sb_builder *b = x->b;
	for (uint32_t i = 0; seq && i < seq->n; i++) {
		const yt_node *d = sbj_item_map(x->b, x->t, seq, i, "a dependencies[] entry");
		if (!d)
			continue;
		b->doc->n_dep_entries++;
		const char *ref = sbj_str(b, x->t, d, "ref");
		if (!ref) {
			sb_error(b, PM_ERR_SCHEMA, d->line, d->col, "dependency has no \"ref\"");
			continue;
		}
		sb_rel_add(b, ref, NULL, d->line, d->col);
		const yt_node *on = sbj_seq(b, x->t, d, "dependsOn");
		for (uint32_t k = 0; on && k < on->n; k++) {
			const yt_node *r = yt_child(x->t, on, k);
			const char *to = sbj_strv(b, r, "a dependsOn[] entry");
			if (to)
				sb_rel_add(b, ref, to, r->line, r->col);
		}
	}
}

static void rating(cj *x, const yt_node *n, pm_sbom_rating *r)
{
	sb_builder *b = x->b;
	memset(r, 0, sizeof *r);
	r->source = name_of(x, n, "source");
	r->method = sbj_str(b, x->t, n, "method");
	r->severity = sbj_str(b, x->t, n, "severity");
	r->vector = sbj_str(b, x->t, n, "vector");
	r->has_score = sbj_num(b, x->t, n, "score", &r->score) == 1;
	const yt_node *v = sbj_get(x->t, n, "vector");
	sb_rating_score(b, r, v ? v->line : n->line, v ? v->col : n->col, v && !v->plain);
}

static void vulnerability(cj *x, const yt_node *n)
{
	sb_builder *b = x->b;
	const yt_doc *t = x->t;
	int32_t vi = sb_vuln_new(b, n->line, n->col);
	pm_sbom_vuln v = b->vulns[vi];
	v.id = sbj_str(b, t, n, "id");
	v.ref = sbj_str(b, t, n, "bom-ref");
	v.source = name_of(x, n, "source");
	v.description = sbj_str(b, t, n, "description");
	if (!v.description)
		v.description = sbj_str(b, t, n, "detail");
	const yt_node *rs = sbj_seq(b, t, n, "ratings");
	if (rs && rs->n) {
		v.ratings = pm_arena_array(b->arena, rs->n, sizeof *v.ratings);
		for (uint32_t i = 0; i < rs->n; i++) {
			const yt_node *r = sbj_item_map(x->b, x->t, rs, i, "a rating");
			if (r)
				rating(x, r, &v.ratings[v.n_ratings++]);
		}
	}
	const yt_node *cw = sbj_seq(b, t, n, "cwes");
	for (uint32_t i = 0; cw && i < cw->n; i++) {
		const yt_node *c = yt_child(t, cw, i);
		sb_vuln_cwe(b, &v, sbj_strv(b, c, "a cwes[] entry"));
	}
	const yt_node *an = sbj_map(b, t, n, "analysis");
	if (an) {
		v.state = sbj_str(b, t, an, "state");
		v.justification = sbj_str(b, t, an, "justification");
		v.detail = sbj_str(b, t, an, "detail");
		const yt_node *rsp = sbj_seq(b, t, an, "response");
		for (uint32_t i = 0; rsp && i < rsp->n; i++)
			sb_join(b, &v.response, ", ", sbj_strv(b, yt_child(t, rsp, i), "a response[] entry"));
	}
	const yt_node *af = sbj_seq(b, t, n, "affects");
	if (af && af->n) {
		v.affect_refs = pm_arena_array(b->arena, af->n, sizeof *v.affect_refs);
		for (uint32_t i = 0; i < af->n; i++) {
			const yt_node *a = sbj_item_map(x->b, x->t, af, i, "an affects[] entry");
			const char *ref = a ? sbj_str(b, t, a, "ref") : NULL;
			if (ref)
				v.affect_refs[v.n_affects++] = ref;
			else if (a)
				sb_error(b, PM_ERR_SCHEMA, a->line, a->col, "affects[] entry has no \"ref\"");
		}
	}
	b->vulns[vi] = v;
}

int sb_read_cdx_json(sb_builder *b, const char *data, size_t len)
{
	yt_doc t;
	pm_arena *tmp = pm_arena_new();
	if (sbj_parse(b, data, len, &t, tmp) < 0) {
		pm_arena_free(tmp);
		return -1;
	}
	cj x = {b, &t};
	const yt_node *root = &t.nodes[t.root];
	const yt_node *fmt = sbj_get(&t, root, "bomFormat");
	const char *f = sbj_str(b, &t, root, "bomFormat");
	if (!f || strcmp(f, "CycloneDX") != 0) {
		sb_error(b, PM_ERR_SCHEMA, fmt ? fmt->line : root->line, fmt ? fmt->col : root->col,
		         "\"bomFormat\" must be \"CycloneDX\"");
		goto out;
	}
	const yt_node *sv = sbj_get(&t, root, "specVersion");
	const char *version = sbj_str(b, &t, root, "specVersion");
	if (!version) {
		sb_error(b, PM_ERR_SCHEMA, root->line, root->col, "the BOM has no \"specVersion\"");
		goto out;
	}
	sb_cdx_version(b, version, sv->line, sv->col);
	b->doc->serial = sbj_str(b, &t, root, "serialNumber");
	const yt_node *md = sbj_map(b, &t, root, "metadata");
	if (md)
		metadata(&x, md);
	components(&x, sbj_seq(b, &t, root, "components"), -1);
	services(&x, sbj_seq(b, &t, root, "services"));
	dependencies(&x, sbj_seq(b, &t, root, "dependencies"));
	const yt_node *vs = sbj_seq(b, &t, root, "vulnerabilities");
	for (uint32_t i = 0; vs && i < vs->n; i++) {
		const yt_node *v = sbj_item_map(b, &t, vs, i, "a vulnerability");
		if (v)
			vulnerability(&x, v);
	}
out:
	yt_doc_free(&t);
	pm_arena_free(tmp);
	return 0;
}
