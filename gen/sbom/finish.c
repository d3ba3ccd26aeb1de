/* finish.c — sb_finish(): what the readers added becomes the document:
 * components get their ids, references resolve to indices, and the NTIA
 * minimum elements are checked (a component "has a dependency
 * relationship" when it appears in one: as either end of an edge, as the
 * subject of a CycloneDX dependencies[] record even with an empty
 * dependsOn, or nested in / containing another component).
 */
#include "internal.h"

#include "strmap.h"
#include "xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ID 200

const char *pm_sbom_ntia_name(unsigned bit)
{
	switch (bit) {
	case PM_NTIA_SUPPLIER:
		return "supplier";
	case PM_NTIA_NAME:
		return "name";
	case PM_NTIA_VERSION:
		return "version";
	case PM_NTIA_IDENTIFIER:
		return "identifier";
	case PM_NTIA_DEPENDENCY:
		return "dependency";
	case PM_NTIA_AUTHOR:
		return "author";
	case PM_NTIA_TIMESTAMP:
		return "timestamp";
	default:
		return NULL;
	}
}

/* ---- ids ------------------------------------------------------------------------- */

static int id_char(int c)
{
	return isalnum(c) || c == '.' || c == '_' || c == ':' || c == '-';
}

static const char *make_id(sb_builder *b, pm_strmap *ids, const pm_sbom_comp *c)
{
	char *src;
	if (c->ref)
		src = pm_xstrdup(c->ref);
	else if (c->name && c->version)
		src = pm_xasprintf("%s-%s", c->name, c->version);
	else
		src = pm_xstrdup(c->name ? c->name : "component");
	pm_buf id;
	pm_buf_init(&id, 0);
	const unsigned char *s = (const unsigned char *)src;
	while (*s && !isalnum(*s))
		s++; /* the first character must be a letter or digit */
	for (; *s && id.len < MAX_ID; s++) {
		if (*s >= 0x80 && (*s & 0xC0) == 0x80)
			continue; /* one '_' per non-ASCII character */
		pm_buf_putc(&id, *s < 0x80 && id_char(*s) ? *s : '_');
	}
	if (!id.len)
		pm_buf_puts(&id, "component");
	free(src);
	const char *r = pm_arena_strndup(b->arena, id.data, id.len);
	for (unsigned k = 2; !pm_strmap_put(ids, r, 0, NULL); k++) {
		char *t = pm_xasprintf("%s-%u", id.data, k);
		r = pm_arena_strdup(b->arena, t);
		free(t);
	}
	pm_buf_free(&id);
	return r;
}

/* ---- finishing ---------------------------------------------------------------------- */

/* refs maps a reference to its component's index, or to n (one past the
 * components) for the document's subject. */
static int32_t resolve(const pm_strmap *refs, size_t n, const char *ref)
{
	size_t i;
	if (!pm_strmap_get(refs, ref, &i))
		return PM_SBOM_NONE;
	return i == n ? PM_SBOM_META : (int32_t)i;
}

static int is_other(const pm_strmap *other, const char *ref)
{
	return pm_strmap_get(other, ref, NULL) || strncmp(ref, "DocumentRef-", 12) == 0 ||
	       strncmp(ref, "urn:cdx:", 8) == 0;
}

static void mark(uint8_t *in_rel, uint8_t *meta_rel, int32_t i)
{
	if (i >= 0)
		in_rel[i] = 1;
	else if (i == PM_SBOM_META)
		*meta_rel = 1;
}

static unsigned ntia_of(const pm_sbom_comp *c, int in_rel)
{
	unsigned m = 0;
	if (!c->supplier)
		m |= PM_NTIA_SUPPLIER;
	if (!c->name)
		m |= PM_NTIA_NAME;
	if (!c->version)
		m |= PM_NTIA_VERSION;
	if (!c->purl && !c->cpe && !c->swid)
		m |= PM_NTIA_IDENTIFIER;
	if (!in_rel)
		m |= PM_NTIA_DEPENDENCY;
	return m;
}

int sb_finish(sb_builder *b)
{
	pm_sbom_doc *doc = b->doc;
	size_t n = b->n_comps;
	doc->comps = pm_arena_array(b->arena, n ? n : 1, sizeof *doc->comps);
	if (n)
		memcpy(doc->comps, b->comps, n * sizeof *doc->comps);
	doc->n_comps = n;
	doc->meta = b->meta;
	uint8_t *in_rel = pm_xcalloc(n ? n : 1, 1);
	uint8_t meta_rel = 0;

	/* depth, top-level count, nesting as a relationship */
	for (size_t i = 0; i < n; i++) {
		pm_sbom_comp *c = &doc->comps[i];
		if (c->parent < 0) {
			doc->n_top++;
			continue;
		}
		c->depth = doc->comps[c->parent].depth + 1;
		in_rel[i] = 1;
		in_rel[c->parent] = 1;
	}

	/* ids */
	pm_strmap ids = {0};
	for (size_t i = 0; i < n; i++)
		doc->comps[i].id = make_id(b, &ids, &doc->comps[i]);
	if (doc->meta)
		doc->meta->id = make_id(b, &ids, doc->meta);
	pm_strmap_free(&ids);

	/* references */
	pm_strmap refs = {0}, other = {0};
	for (size_t i = 0; i < n; i++) {
		const pm_sbom_comp *c = &doc->comps[i];
		size_t f;
		if (!c->ref)
			continue;
		if (!pm_strmap_put(&refs, c->ref, i, &f)) {
			const pm_sbom_comp *first = &doc->comps[f];
			sb_warn(b, c->line, c->col,
			        "duplicate reference \"%.80s\" (first at line %u); references to it mean the first",
			        c->ref, (unsigned)first->line);
		}
	}
	if (doc->meta && doc->meta->ref)
		pm_strmap_put(&refs, doc->meta->ref, n, NULL);
	for (size_t i = 0; i < b->n_other; i++)
		pm_strmap_put(&other, b->other[i], 1, NULL);

	/* dependencies */
	doc->deps = pm_arena_array(b->arena, b->n_rels ? b->n_rels : 1, sizeof *doc->deps);
	for (size_t i = 0; i < b->n_rels; i++) {
		const sb_rel *r = &b->rels[i];
		int32_t f = resolve(&refs, n, r->from);
		int32_t t = r->to ? resolve(&refs, n, r->to) : PM_SBOM_NONE;
		if (f == PM_SBOM_NONE && !is_other(&other, r->from)) {
			sb_warn(b, r->line, r->col,
			        "dependency names \"%.80s\", which is no component of this document", r->from);
			continue;
		}
		if (r->to && t == PM_SBOM_NONE && !is_other(&other, r->to)) {
			sb_warn(b, r->line, r->col,
			        "dependency names \"%.80s\", which is no component of this document", r->to);
			continue;
		}
		if (f == PM_SBOM_NONE)
			continue; /* a service, a file, another document */
		if (!r->to) {
			mark(in_rel, &meta_rel, f); /* declared: no (further) dependencies */
			continue;
		}
		if (t == PM_SBOM_NONE)
			continue;
		mark(in_rel, &meta_rel, f);
		mark(in_rel, &meta_rel, t);
		doc->deps[doc->n_deps].from = f;
		doc->deps[doc->n_deps].to = t;
		doc->n_deps++;
	}

	/* vulnerabilities */
	doc->vulns = pm_arena_array(b->arena, b->n_vulns ? b->n_vulns : 1, sizeof *doc->vulns);
	if (b->n_vulns)
		memcpy(doc->vulns, b->vulns, b->n_vulns * sizeof *doc->vulns);
	doc->n_vulns = b->n_vulns;
	for (size_t i = 0; i < doc->n_vulns; i++) {
		pm_sbom_vuln *v = &doc->vulns[i];
		v->affects = pm_arena_array(b->arena, v->n_affects ? v->n_affects : 1, sizeof *v->affects);
		for (size_t k = 0; k < v->n_affects; k++)
			v->affects[k] = resolve(&refs, n, v->affect_refs[k]);
	}
	pm_strmap_free(&refs);
	pm_strmap_free(&other);

	/* NTIA */
	for (size_t i = 0; i < n; i++)
		doc->comps[i].ntia_missing = ntia_of(&doc->comps[i], in_rel[i]);
	if (doc->meta)
		doc->meta->ntia_missing = ntia_of(doc->meta, meta_rel);
	if (!doc->author)
		doc->ntia_missing |= PM_NTIA_AUTHOR;
	if (!doc->timestamp)
		doc->ntia_missing |= PM_NTIA_TIMESTAMP;
	free(in_rel);
	return b->d->errors > b->errors0 ? -1 : 0;
}
