/* cdx_xml.c — CycloneDX XML, specification versions 1.2 to 1.6
 * (namespace http://cyclonedx.org/schema/bom/1.x), into the SBOM builder.
 *
 * The same content as the JSON reader (cdx_json.c), in XML shape:
 * <bom serialNumber>, <metadata> (<timestamp>, <authors><author>, <tools>
 * with <tool> up to 1.4 or <components>/<services> from 1.5, <component>,
 * <manufacture>/<manufacturer>/<supplier>), <components><component> nested
 * (type and bom-ref attributes; <supplier><name>, <publisher>,
 * <manufacturer><name>, <author>, <authors><author><name>, <group>, <name>,
 * <version>, <description>, <hashes><hash alg>, <licenses> with
 * <license><id|name> or <expression>, <cpe>, <purl>, <swid tagId>,
 * <properties><property name>), <services><service bom-ref>,
 * <dependencies><dependency ref><dependency ref/></dependency>, and
 * <vulnerabilities><vulnerability bom-ref> (<id>, <source><name>,
 * <ratings><rating>, <cwes><cwe>, <description>, <detail>, <analysis>
 * with <state>, <justification>, <responses><response>, <detail>,
 * <affects><target><ref>).  Elements of other namespaces are ignored.
 *
 * Parsed by libxml2 safely: no network (XML_PARSE_NONET), no DTD loading,
 * no entity substitution, and a document with a DOCTYPE is refused before
 * its internal subset is read (so no entity is ever declared); element
 * depth is limited to PM_SBOM_MAX_DEPTH.
 */
#include "internal.h"
#include "utf8.h"
#include "xalloc.h"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CDX_NS "http://cyclonedx.org/schema/bom/"

typedef struct cx {
	sb_builder *b;
	const char *ns; /* the document's CycloneDX namespace */
	const char *data;
	size_t len;
	size_t *lines; /* byte offset of the start of each line */
	size_t n_lines;
	size_t *chars; /* see index_lines() */
} cx;

/* ---- locations ----
 * While parsing, a SAX hook records in each element's _private the byte
 * offset (+1) of its "<"; loc() turns it into a line (binary search in the
 * line index) and a column in characters (counted from a checkpoint every
 * CHECK bytes), so that even a BOM on one line of many megabytes is located
 * in linear time. */

#define CHECK 512

static void index_lines(cx *x)
{
	size_t cap = 0;
	x->lines = pm_xgrow(NULL, &cap, 1024, sizeof *x->lines);
	x->lines[0] = 0;
	x->n_lines = 1;
	for (const char *p = x->data, *end = x->data + x->len; (p = memchr(p, '\n', (size_t)(end - p))); p++) {
		x->lines = pm_xgrow(x->lines, &cap, x->n_lines + 1, sizeof *x->lines);
		x->lines[x->n_lines++] = (size_t)(p - x->data) + 1;
	}
	/* chars[k]: characters (UTF-8 lead bytes) in data[0 .. k * CHECK) */
	size_t nk = x->len / CHECK + 1;
	x->chars = pm_xcalloc(nk, sizeof *x->chars);
	for (size_t k = 1; k < nk; k++)
		x->chars[k] = x->chars[k - 1] + pm_utf8_chars(x->data + (k - 1) * CHECK, CHECK);
}

/* Characters in data[0 .. off). */
static size_t chars_before(const cx *x, size_t off)
{
	size_t k = off / CHECK;
	return x->chars[k] + pm_utf8_chars(x->data + k * CHECK, off - k * CHECK);
}

static void loc(const cx *x, const xmlNode *n, uint32_t *line, uint32_t *col)
{
	uintptr_t at = n ? (uintptr_t)n->_private : 0;
	/* the offset counts the parser's input: a skipped byte order mark, or
	 * another encoding than UTF-8, and it misses the raw text's '<' */
	if (at && at + 2 < x->len && x->data[at - 1] != '<' && x->data[at + 2] == '<')
		at += 3;
	if (at == 0 || at - 1 >= x->len || x->data[at - 1] != '<') {
		long l = n ? xmlGetLineNo(n) : 0;
		*line = l > 0 ? (uint32_t)l : 1;
		*col = 1;
		return;
	}
	size_t off = (size_t)(at - 1), lo = 0, hi = x->n_lines;
	while (hi - lo > 1) { /* the last line starting at or before off */
		size_t mid = lo + (hi - lo) / 2;
		if (x->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (uint32_t)(lo + 1);
	*col = (uint32_t)(chars_before(x, off) - chars_before(x, x->lines[lo]) + 1);
	if (lo == 0 && sb_bom(x->data, x->len))
		--*col; /* a byte order mark is not a character of the line */
}

/* ---- tree access ---- */

static int is(const cx *x, const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && strcmp((const char *)n->ns->href, x->ns) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *child(const cx *x, const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (is(x, c, name))
			return c;
	return NULL;
}

static const char *text(const cx *x, const xmlNode *n)
{
	if (!n)
		return NULL;
	xmlChar *s = xmlNodeGetContent(n);
	const char *r = sb_str(x->b, (const char *)s);
	xmlFree(s);
	return r;
}

static const char *child_text(const cx *x, const xmlNode *n, const char *name)
{
	return text(x, child(x, n, name));
}

static const char *attr(const cx *x, const xmlNode *n, const char *name)
{
	if (!n)
		return NULL;
	xmlChar *s = xmlGetNoNsProp(n, (const xmlChar *)name);
	const char *r = sb_str(x->b, (const char *)s);
	xmlFree(s);
	return r;
}

/* The next sibling element of c named name (in the document's namespace). */
static const xmlNode *next(const cx *x, const xmlNode *c, const char *name)
{
	for (c = c->next; c; c = c->next)
		if (is(x, c, name))
			return c;
	return NULL;
}

/* ---- components ---- */

static const char *authors(cx *x, const xmlNode *n)
{
	const char *r = NULL;
	for (const xmlNode *a = child(x, child(x, n, "authors"), "author"); a; a = next(x, a, "author")) {
		const char *nm = child_text(x, a, "name");
		sb_join(x->b, &r, ", ", nm ? nm : child_text(x, a, "email"));
	}
	return r;
}

static const char *licenses(cx *x, const xmlNode *n)
{
	const char *r = NULL;
	const xmlNode *list = child(x, n, "licenses");
	for (const xmlNode *l = list ? list->children : NULL; l; l = l->next) {
		if (is(x, l, "expression")) {
			sb_join(x->b, &r, " AND ", text(x, l));
		} else if (is(x, l, "license")) {
			const char *s = child_text(x, l, "id");
			sb_join(x->b, &r, " AND ", s ? s : child_text(x, l, "name"));
		}
	}
	return r;
}

static void fields(cx *x, const xmlNode *n, pm_sbom_comp *c)
{
	sb_builder *b = x->b;
	c->ref = attr(x, n, "bom-ref");
	c->type = attr(x, n, "type");
	c->name = child_text(x, n, "name");
	c->group = child_text(x, n, "group");
	c->version = child_text(x, n, "version");
	c->description = child_text(x, n, "description");
	c->supplier = child_text(x, child(x, n, "supplier"), "name");
	if (!c->supplier)
		c->supplier = child_text(x, n, "publisher");
	if (!c->supplier)
		c->supplier = child_text(x, child(x, n, "manufacturer"), "name");
	if (!c->supplier)
		c->supplier = child_text(x, n, "author");
	if (!c->supplier)
		c->supplier = authors(x, n);
	c->purl = child_text(x, n, "purl");
	c->cpe = child_text(x, n, "cpe");
	c->swid = attr(x, child(x, n, "swid"), "tagId");
	c->licenses = licenses(x, n);
	size_t nh = 0, cap = 0;
	pm_sbom_hash *h = NULL;
	for (const xmlNode *e = child(x, child(x, n, "hashes"), "hash"); e; e = next(x, e, "hash")) {
		const char *alg = attr(x, e, "alg"), *value = text(x, e);
		if (!alg || !value) {
			uint32_t line, col;
			loc(x, e, &line, &col);
			sb_warn(b, line, col, "hash without \"alg\" or a value ignored");
			continue;
		}
		h = pm_xgrow(h, &cap, nh + 1, sizeof *h);
		h[nh].alg = alg;
		h[nh++].value = value;
	}
	sb_comp_hashes(b, c, h, nh);
	free(h);
	for (const xmlNode *p = child(x, child(x, n, "properties"), "property"); p; p = next(x, p, "property")) {
		uint32_t line, col;
		loc(x, p, &line, &col);
		sb_comp_property(b, c, attr(x, p, "name"), text(x, p), line, col);
	}
	if (!c->name) {
		uint32_t line, col;
		loc(x, n, &line, &col);
		sb_error(b, PM_ERR_SCHEMA, line, col, "component has no <name>");
	}
}

static void components(cx *x, const xmlNode *list, int32_t parent)
{
	for (const xmlNode *n = child(x, list, "component"); n; n = next(x, n, "component")) {
		uint32_t line, col;
		loc(x, n, &line, &col);
		int32_t i = sb_comp_new(x->b, parent, line, col);
		pm_sbom_comp c = x->b->comps[i];
		fields(x, n, &c);
		x->b->comps[i] = c;
		components(x, child(x, n, "components"), i);
	}
}

static void services(cx *x, const xmlNode *list)
{
	for (const xmlNode *s = child(x, list, "service"); s; s = next(x, s, "service")) {
		sb_other_add(x->b, attr(x, s, "bom-ref"));
		services(x, child(x, s, "services"));
	}
}

static void tool(cx *x, const xmlNode *t)
{
	sb_tool_add(x->b, child_text(x, t, "name"), child_text(x, t, "version"));
}

static void metadata(cx *x, const xmlNode *m)
{
	pm_sbom_doc *doc = x->b->doc;
	doc->timestamp = child_text(x, m, "timestamp");
	doc->author = authors(x, m);
	if (!doc->author)
		doc->author = child_text(x, child(x, m, "manufacturer"), "name");
	if (!doc->author)
		doc->author = child_text(x, child(x, m, "manufacture"), "name");
	if (!doc->author)
		doc->author = child_text(x, child(x, m, "supplier"), "name");
	const xmlNode *tools = child(x, m, "tools");
	for (const xmlNode *t = child(x, tools, "tool"); t; t = next(x, t, "tool"))
		tool(x, t);
	for (const xmlNode *t = child(x, child(x, tools, "components"), "component"); t; t = next(x, t, "component"))
		tool(x, t);
	for (const xmlNode *t = child(x, child(x, tools, "services"), "service"); t; t = next(x, t, "service"))
		tool(x, t);
	const xmlNode *c = child(x, m, "component");
	if (c) {
		uint32_t line, col;
		loc(x, c, &line, &col);
		fields(x, c, sb_meta_new(x->b, line, col));
	}
}

static void dependencies(cx *x, const xmlNode *list)
{
	sb_builder *b = x->b;
	for (const xmlNode *d = child(x, list, "dependency"); d; d = next(x, d, "dependency")) {
		uint32_t line, col;
		loc(x, d, &line, &col);
		b->doc->n_dep_entries++;
		const char *ref = attr(x, d, "ref");
		if (!ref) {
			sb_error(b, PM_ERR_SCHEMA, line, col, "<dependency> has no ref attribute");
			continue;
		}
		sb_rel_add(b, ref, NULL, line, col);
		for (const xmlNode *t = child(x, d, "dependency"); t; t = next(x, t, "dependency")) {
			uint32_t tl, tc;
			loc(x, t, &tl, &tc);
			const char *to = attr(x, t, "ref");
			if (to)
				sb_rel_add(b, ref, to, tl, tc);
			else
				sb_error(b, PM_ERR_SCHEMA, tl, tc, "<dependency> has no ref attribute");
		}
	}
}

static void rating(cx *x, const xmlNode *n, pm_sbom_rating *r)
{
	sb_builder *b = x->b;
	memset(r, 0, sizeof *r);
	r->source = child_text(x, child(x, n, "source"), "name");
	r->method = child_text(x, n, "method");
	r->severity = child_text(x, n, "severity");
	const xmlNode *vn = child(x, n, "vector");
	r->vector = text(x, vn);
	const char *score = child_text(x, n, "score");
	uint32_t line, col;
	if (score) {
		char *end;
		r->score = strtod(score, &end);
		r->has_score = !*end;
		if (*end) {
			loc(x, child(x, n, "score"), &line, &col);
			sb_error(b, PM_ERR_SCHEMA, line, col, "<score> must be a number");
		}
	}
	loc(x, vn ? vn : n, &line, &col);
	sb_rating_score(b, r, line, col, vn ? (int)strlen("<vector>") : 0);
}

static void vulnerability(cx *x, const xmlNode *n)
{
	sb_builder *b = x->b;
	uint32_t line, col;
	loc(x, n, &line, &col);
	int32_t vi = sb_vuln_new(b, line, col);
	pm_sbom_vuln v = b->vulns[vi];
	v.id = child_text(x, n, "id");
	v.ref = attr(x, n, "bom-ref");
	v.source = child_text(x, child(x, n, "source"), "name");
	v.description = child_text(x, n, "description");
	if (!v.description)
		v.description = child_text(x, n, "detail");
	size_t nr = 0;
	for (const xmlNode *r = child(x, child(x, n, "ratings"), "rating"); r; r = next(x, r, "rating"))
		nr++;
	if (nr) {
		v.ratings = pm_arena_array(b->arena, nr, sizeof *v.ratings);
		for (const xmlNode *r = child(x, child(x, n, "ratings"), "rating"); r; r = next(x, r, "rating"))
			rating(x, r, &v.ratings[v.n_ratings++]);
	}
	for (const xmlNode *c = child(x, child(x, n, "cwes"), "cwe"); c; c = next(x, c, "cwe"))
		sb_vuln_cwe(b, &v, text(x, c));
	const xmlNode *an = child(x, n, "analysis");
	if (an) {
		v.state = child_text(x, an, "state");
		v.justification = child_text(x, an, "justification");
		v.detail = child_text(x, an, "detail");
		for (const xmlNode *r = child(x, child(x, an, "responses"), "response"); r; r = next(x, r, "response"))
			sb_join(b, &v.response, ", ", text(x, r));
	}
	size_t na = 0;
	for (const xmlNode *t = child(x, child(x, n, "affects"), "target"); t; t = next(x, t, "target"))
		na++;
	if (na) {
		v.affect_refs = pm_arena_array(b->arena, na, sizeof *v.affect_refs);
		for (const xmlNode *t = child(x, child(x, n, "affects"), "target"); t; t = next(x, t, "target")) {
			const char *ref = child_text(x, t, "ref");
			if (ref) {
				v.affect_refs[v.n_affects++] = ref;
			} else {
				loc(x, t, &line, &col);
				sb_error(b, PM_ERR_SCHEMA, line, col, "<target> has no <ref>");
			}
		}
	}
	b->vulns[vi] = v;
}

/* ---- parsing ---- */

/* SAX internalSubset callback: called as soon as "<!DOCTYPE name ...>" is
 * read, before any declaration inside it; stops the parser. */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	(void)name;
	(void)ext;
	(void)sys;
	xmlParserCtxtPtr p = ctx;
	*(int *)p->_private = 1;
	xmlStopParser(p);
}

/* SAX startElementNs: build the element as libxml2 does, then note where
 * its start tag begins (the parser stands at its end: '>' or "/>"; an
 * attribute value cannot hold '<'). */
static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri, int nb_namespaces,
                     const xmlChar **namespaces, int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr p = ctx;
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes, nb_defaulted,
	                      attributes);
	xmlParserInputPtr in = p->input;
	if (!p->node || !in || !in->cur || !in->base)
		return;
	const xmlChar *q = in->cur;
	while (q > in->base && *q != '<')
		q--;
	if (*q == '<')
		p->node->_private = (void *)(uintptr_t)((size_t)(q - in->base) + in->consumed + 1);
}

/* Line and column (characters) of the first "<!DOCTYPE" in data. */
static void doctype_at(const char *data, size_t len, uint32_t *line, uint32_t *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i + 9 <= len; i++) {
		if (memcmp(data + i, "<!DOCTYPE", 9) == 0)
			return;
		if (data[i] == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)data[i] & 0xC0) != 0x80) {
			++*col;
		}
	}
}

static int depth_ok(cx *x, const xmlNode *n, int depth)
{
	for (const xmlNode *c = n; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (depth > PM_SBOM_MAX_DEPTH) {
			uint32_t line, col;
			loc(x, c, &line, &col);
			sb_error(x->b, PM_ERR_YAML, line, col, "elements nested deeper than %d levels",
			         PM_SBOM_MAX_DEPTH);
			return 0;
		}
		if (c->children && !depth_ok(x, c->children, depth + 1))
			return 0;
	}
	return 1;
}

int sb_read_cdx_xml(sb_builder *b, const char *data, size_t len)
{
	if (len > (size_t)0x7fffffff)
		return sb_error(b, PM_ERR_IO, 0, 0, "too large for the XML parser");
	xmlParserCtxtPtr p = xmlNewParserCtxt();
	if (!p)
		abort();
	int seen = 0;
	p->_private = &seen;
	p->sax->internalSubset = on_doctype;
	p->sax->startElementNs = on_start;
	p->sax->externalSubset = NULL;
	p->sax->resolveEntity = NULL;
	int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;
	xmlDocPtr doc = xmlCtxtReadMemory(p, data, (int)len, b->file, NULL, opts);
	if (seen) {
		uint32_t line, col;
		doctype_at(data, len, &line, &col);
		sb_error(b, PM_ERR_YAML, line, col,
		         "a document type declaration (<!DOCTYPE>) is not allowed in an SBOM");
		xmlFreeDoc(doc);
		xmlFreeParserCtxt(p);
		return -1;
	}
	if (!doc || !p->wellFormed) {
		const xmlError *e = &p->lastError;
		char msg[256];
		snprintf(msg, sizeof msg, "%s", e->message ? e->message : "malformed XML");
		size_t n = strlen(msg);
		while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
			msg[--n] = '\0';
		sb_error(b, PM_ERR_YAML, e->line > 0 ? (uint32_t)e->line : 1, e->int2 > 0 ? (uint32_t)e->int2 : 1,
		         "XML: %s", msg);
		xmlFreeDoc(doc);
		xmlFreeParserCtxt(p);
		return -1;
	}
	xmlFreeParserCtxt(p);

	cx x = {b, NULL, data, len, NULL, 0, NULL};
	index_lines(&x);
	int rc = 0;
	const xmlNode *root = xmlDocGetRootElement(doc);
	if (!depth_ok(&x, root, 1)) {
		rc = -1;
		goto out;
	}
	if (!root || strcmp((const char *)root->name, "bom") != 0 || !root->ns ||
	    strncmp((const char *)root->ns->href, CDX_NS, strlen(CDX_NS)) != 0) {
		uint32_t line = 1, col = 1;
		if (root)
			loc(&x, root, &line, &col);
		rc = sb_error(b, PM_ERR_SCHEMA, line, col,
		              "not a CycloneDX BOM: the root element must be <bom> in namespace " CDX_NS "1.x");
		goto out;
	}
	x.ns = (const char *)root->ns->href;
	const char *ver = x.ns + strlen(CDX_NS);
	uint32_t line, col;
	loc(&x, root, &line, &col);
	sb_cdx_version(b, pm_arena_strdup(b->arena, ver), line, col);
	b->doc->serial = attr(&x, root, "serialNumber");
	const xmlNode *md = child(&x, root, "metadata");
	if (md)
		metadata(&x, md);
	components(&x, child(&x, root, "components"), -1);
	services(&x, child(&x, root, "services"));
	dependencies(&x, child(&x, root, "dependencies"));
	const xmlNode *vulns = child(&x, root, "vulnerabilities");
	for (const xmlNode *v = vulns ? vulns->children : NULL; v; v = v->next)
		if (is(&x, v, "vulnerability"))
			vulnerability(&x, v);
out:
	free(x.lines);
	free(x.chars);
	xmlFreeDoc(doc);
	return rc;
}
