/* spdx_json.c — SPDX 2.2 / 2.3 JSON (https://spdx.github.io/spdx-spec/v2.3/)
 * into the SBOM builder.
 *
 * Read: spdxVersion, SPDXID, name, documentNamespace; creationInfo.created
 * and .creators[] ("Person:"/"Organization:" -> author, "Tool:" -> tools);
 * packages[] (SPDXID, name, versionInfo, supplier, checksums[],
 * externalRefs[], licenseConcluded/licenseDeclared, description/summary,
 * primaryPackagePurpose, validUntilDate, annotations[].comment); files[]
 * and snippets[] (counted, their SPDXIDs known); relationships[]; and
 * top-level annotations[] that name a package in spdxElementId.  Every
 * other member is ignored.  Packages are components; SPDX has no nesting,
 * so every package is top-level and CONTAINS becomes a dependency edge.
 */
#include "internal.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

typedef struct sj {
	sb_builder *b;
	const yt_doc *t;
} sj;

static void annotations(sj *x, const yt_node *p, int32_t ci)
{
	const yt_node *s = sbj_seq(x->b, x->t, p, "annotations");
	for (uint32_t i = 0; s && i < s->n; i++) {
		const yt_node *a = sbj_item_map(x->b, x->t, s, i, "an annotation");
		if (a)
			sb_spdx_annotation(x->b, &x->b->comps[ci], sbj_str(x->b, x->t, a, "comment"), a->line, a->col);
	}
}

static void package(sj *x, const yt_node *p)
{
	sb_builder *b = x->b;
	const yt_doc *t = x->t;
	int32_t ci = sb_comp_new(b, -1, p->line, p->col);
	pm_sbom_comp *c = &b->comps[ci];
	c->ref = sbj_str(b, t, p, "SPDXID");
	c->name = sbj_str(b, t, p, "name");
	c->version = sb_spdx_value(b, sbj_str(b, t, p, "versionInfo"));
	c->supplier = sb_spdx_party(b, sbj_str(b, t, p, "supplier"), NULL);
	c->licenses = sb_spdx_license(b, sbj_str(b, t, p, "licenseConcluded"), sbj_str(b, t, p, "licenseDeclared"));
	c->description = sbj_str(b, t, p, "description");
	if (!c->description)
		c->description = sbj_str(b, t, p, "summary");
	c->type = sb_spdx_purpose(b, sbj_str(b, t, p, "primaryPackagePurpose"));
	if (!c->ref)
		sb_error(b, PM_ERR_SCHEMA, p->line, p->col, "package has no \"SPDXID\"");
	if (!c->name)
		sb_error(b, PM_ERR_SCHEMA, p->line, p->col, "package has no \"name\"");
	const yt_node *vu = sbj_get(t, p, "validUntilDate");
	if (vu)
		sb_comp_eos(b, c, "validUntilDate", sbj_str(b, t, p, "validUntilDate"), 3, vu->line, vu->col);

	const yt_node *cs = sbj_seq(b, t, p, "checksums");
	if (cs && cs->n) {
		pm_sbom_hash *h = pm_xcalloc(cs->n, sizeof *h);
		size_t n = 0;
		for (uint32_t i = 0; i < cs->n; i++) {
			const yt_node *e = sbj_item_map(x->b, x->t, cs, i, "a checksum");
			if (!e)
				continue;
			h[n].alg = sbj_str(b, t, e, "algorithm");
			h[n].value = sbj_str(b, t, e, "checksumValue");
			if (h[n].alg && h[n].value)
				n++;
			else
				sb_warn(b, e->line, e->col,
				        "checksum without \"algorithm\" or \"checksumValue\" ignored");
		}
		sb_comp_hashes(b, c, h, n);
		free(h);
	}
	const yt_node *er = sbj_seq(b, t, p, "externalRefs");
	for (uint32_t i = 0; er && i < er->n; i++) {
		const yt_node *e = sbj_item_map(x->b, x->t, er, i, "an external reference");
		if (!e)
			continue;
		sb_spdx_extref(b, ci, sbj_str(b, t, e, "referenceCategory"), sbj_str(b, t, e, "referenceType"),
		               sbj_str(b, t, e, "referenceLocator"), e->line, e->col);
	}
	annotations(x, p, ci);
}

static void others(sj *x, const yt_node *root, const char *key, size_t *count)
{
	const yt_node *s = sbj_seq(x->b, x->t, root, key);
	for (uint32_t i = 0; s && i < s->n; i++) {
		const yt_node *f = sbj_item_map(x->b, x->t, s, i, key);
		if (!f)
			continue;
		if (count)
			++*count;
		sb_other_add(x->b, sbj_str(x->b, x->t, f, "SPDXID"));
	}
}

int sb_read_spdx_json(sb_builder *b, const char *data, size_t len)
{
	yt_doc t;
	pm_arena *tmp = pm_arena_new();
	if (sbj_parse(b, data, len, &t, tmp) < 0) {
		pm_arena_free(tmp);
		return -1;
	}
	sj x = {b, &t};
	pm_sbom_doc *doc = b->doc;
	const yt_node *root = &t.nodes[t.root];
	const yt_node *vn = sbj_get(&t, root, "spdxVersion");
	const char *v = sbj_str(b, &t, root, "spdxVersion");
	if (!v) {
		sb_error(b, PM_ERR_SCHEMA, root->line, root->col, "the document has no \"spdxVersion\"");
		goto out;
	}
	sb_spdx_version(b, v, vn->line, vn->col);
	doc->name = sbj_str(b, &t, root, "name");
	doc->serial = sbj_str(b, &t, root, "documentNamespace");
	sb_other_add(b, sbj_str(b, &t, root, "SPDXID"));
	const yt_node *ci = sbj_map(b, &t, root, "creationInfo");
	if (ci) {
		doc->timestamp = sbj_str(b, &t, ci, "created");
		const yt_node *cr = sbj_seq(b, &t, ci, "creators");
		for (uint32_t i = 0; cr && i < cr->n; i++)
			sb_spdx_creator(b, sbj_strv(b, yt_child(&t, cr, i), "a creator"));
	}
	const yt_node *ps = sbj_seq(b, &t, root, "packages");
	for (uint32_t i = 0; ps && i < ps->n; i++) {
		const yt_node *p = sbj_item_map(b, &t, ps, i, "a package");
		if (p)
			package(&x, p);
	}
	others(&x, root, "files", &doc->n_files);
	others(&x, root, "snippets", NULL);
	const yt_node *rs = sbj_seq(b, &t, root, "relationships");
	for (uint32_t i = 0; rs && i < rs->n; i++) {
		const yt_node *r = sbj_item_map(b, &t, rs, i, "a relationship");
		if (!r)
			continue;
		const char *a = sbj_str(b, &t, r, "spdxElementId");
		const char *type = sbj_str(b, &t, r, "relationshipType");
		const char *to = sbj_str(b, &t, r, "relatedSpdxElement");
		if (!a || !type || !to)
			sb_error(b, PM_ERR_SCHEMA, r->line, r->col,
			         "relationship needs \"spdxElementId\", \"relationshipType\" and "
			         "\"relatedSpdxElement\"");
		sb_spdx_relationship(b, a, type, to, r->line, r->col);
	}
	/* document-level annotations naming a package */
	const yt_node *an = sbj_seq(b, &t, root, "annotations");
	for (uint32_t i = 0; an && i < an->n; i++) {
		const yt_node *a = sbj_item_map(b, &t, an, i, "an annotation");
		const char *id = a ? sbj_str(b, &t, a, "spdxElementId") : NULL;
		for (size_t k = 0; id && k < b->n_comps; k++)
			if (b->comps[k].ref && strcmp(b->comps[k].ref, id) == 0) {
				sb_spdx_annotation(b, &b->comps[k], sbj_str(b, &t, a, "comment"), a->line, a->col);
				break;
			}
	}
out:
	yt_doc_free(&t);
	pm_arena_free(tmp);
	return 0;
}
