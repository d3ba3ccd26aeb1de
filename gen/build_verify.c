/* build_verify.c — each machine-readable output checked before it is
 * published (see include/premarket/verify.h): submission.xml against the
 * XSD with libxml2's streaming validator, the CycloneDX export and the
 * SARIF report against the structure their specifications require, read
 * back with the loader's own JSON reader (yamltree.c). */
#include "premarket/verify.h"
#include "premarket/sbom.h"
#include "premarket/schema_xsd.h"
#include "arena.h"
#include "xalloc.h"
#include "yamltree.h"

#include <libxml/xmlschemas.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define HINT "this is a bug in premarket, not in the model: please report it with the model"

/* The one diagnostic of a failed check. */
static int bug(pm_diags *d, const char *name, unsigned line, unsigned col, const char *fmt, ...)
        __attribute__((format(printf, 5, 6)));

static int bug(pm_diags *d, const char *name, unsigned line, unsigned col, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, name, line, col, "the %s premarket wrote is invalid: %s", name, msg);
	pm_diag_hint(d, HINT);
	return -1;
}

/* ---- submission.xml: the XSD ------------------------------------------------------------ */

typedef struct xml_err {
	int seen;
	int line, col;
	char msg[400];
} xml_err;

#if LIBXML_VERSION >= 21200
static void on_xml_error(void *ctx, const xmlError *e)
#else
static void on_xml_error(void *ctx, xmlErrorPtr e)
#endif
{
	xml_err *x = ctx;
	if (x->seen || !e || e->level < XML_ERR_ERROR)
		return;
	x->seen = 1;
	x->line = e->line;
	x->col = e->int2;
	snprintf(x->msg, sizeof x->msg, "%s", e->message ? e->message : "error");
	size_t n = strlen(x->msg);
	while (n && (x->msg[n - 1] == '\n' || x->msg[n - 1] == ' '))
		x->msg[--n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (x->msg[i] == '\n')
			x->msg[i] = ' ';
}

static int verify_xml(const char *name, const char *data, size_t len, pm_diags *d)
{
	if (len > INT_MAX)
		return bug(d, name, 0, 0, "larger than libxml2 can validate (%zu bytes)", len);
	pm_buf xsd;
	pm_buf_init(&xsd, 0);
	pm_diags xd;
	pm_diags_init(&xd);
	int rc = pm_schema_xsd(&xsd, &xd);
	pm_diags_free(&xd);
	if (rc < 0 || xsd.len > INT_MAX) {
		pm_buf_free(&xsd);
		return bug(d, name, 0, 0, "the submission schema cannot be generated");
	}
	xml_err err = {0};
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt(xsd.data, (int)xsd.len);
	xmlSchemaPtr schema = NULL;
	if (pc) {
		xmlSchemaSetParserStructuredErrors(pc, on_xml_error, &err);
		schema = xmlSchemaParse(pc);
		xmlSchemaFreeParserCtxt(pc);
	}
	pm_buf_free(&xsd);
	if (!schema)
		return bug(d, name, 0, 0, "the submission schema does not parse: %s", err.seen ? err.msg : "?");
	memset(&err, 0, sizeof err);
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
	rc = -1;
	if (vc) {
		xmlSchemaSetValidStructuredErrors(vc, on_xml_error, &err);
		/* streamed (SAX): no DOM of a file of hundreds of MB; the buffer is
		 * not copied, and the validator frees it */
		xmlParserInputBufferPtr in = xmlParserInputBufferCreateMem(data, (int)len, XML_CHAR_ENCODING_NONE);
		if (in)
			rc = xmlSchemaValidateStream(vc, in, XML_CHAR_ENCODING_NONE, NULL, NULL);
		xmlSchemaFreeValidCtxt(vc);
	}
	xmlSchemaFree(schema);
	if (rc == 0 && !err.seen)
		return 0;
	return bug(d, name, err.line > 0 ? (unsigned)err.line : 0, err.col > 0 ? (unsigned)err.col : 0,
	           "not valid against models/premarket.xsd: %s", err.seen ? err.msg : "the validator failed");
}

/* ---- JSON outputs: a small structure checker ------------------------------------------------ */

typedef struct jctx {
	const char *name;
	const yt_doc *t;
	pm_diags *d;
	int failed;
	char path[256]; /* where we are: "components[3].hashes[0]" */
} jctx;

static int jfail(jctx *j, const yt_node *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int jfail(jctx *j, const yt_node *n, const char *fmt, ...)
{
	if (j->failed)
		return -1;
	j->failed = 1;
	char msg[300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return bug(j->d, j->name, n ? n->line : 0, n ? n->col : 0, "%s%s%s", j->path, j->path[0] ? ": " : "", msg);
}

static const yt_node *jget(const jctx *j, const yt_node *m, const char *key)
{
	if (!m || m->type != YT_MAP)
		return NULL;
	for (uint32_t i = 0; i < m->n; i++) {
		const yt_node *k = yt_child(j->t, m, 2 * i);
		if (k->type == YT_SCALAR && strcmp(k->s, key) == 0)
			return yt_child(j->t, m, 2 * i + 1);
	}
	return NULL;
}

/* A JSON string: a quoted scalar (plain scalars are numbers, booleans, null). */
static int is_str(const yt_node *n)
{
	return n && n->type == YT_SCALAR && !n->plain;
}

static int is_int(const yt_node *n)
{
	if (!n || n->type != YT_SCALAR || !n->plain || !n->n)
		return 0;
	for (const char *p = n->s; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return 1;
}

/* The string member key of m (required: an error when absent); NULL if not a string. */
static const char *jstr(jctx *j, const yt_node *m, const char *key, int required)
{
	const yt_node *v = jget(j, m, key);
	if (!v) {
		if (required)
			jfail(j, m, "no \"%s\"", key);
		return NULL;
	}
	if (!is_str(v)) {
		jfail(j, v, "\"%s\" is not a string", key);
		return NULL;
	}
	if (required && !v->n)
		jfail(j, v, "\"%s\" is empty", key);
	return v->s;
}

/* The member key of m of JSON type `type` (YT_SEQ: an array, YT_MAP: an
 * object), or NULL: an error when it is required or of another type. */
static const yt_node *jmember(jctx *j, const yt_node *m, const char *key, int type, int required)
{
	const char *what = type == YT_SEQ ? "an array" : "an object";
	const yt_node *v = jget(j, m, key);
	if (!v) {
		if (required)
			jfail(j, m, "no \"%s\" %s", key, what + 3); /* "array", "object" */
		return NULL;
	}
	if (v->type != type) {
		jfail(j, v, "\"%s\" is not %s", key, what);
		return NULL;
	}
	return v;
}

static const yt_node *jarr(jctx *j, const yt_node *m, const char *key, int required)
{
	return jmember(j, m, key, YT_SEQ, required);
}

static const yt_node *jobj(jctx *j, const yt_node *m, const char *key, int required)
{
	return jmember(j, m, key, YT_MAP, required);
}

static int one_of(const char *s, const char *const *list)
{
	for (; s && *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

/* Push "key[i]" onto j->path; returns the old length for jpop(). */
static size_t jpush(jctx *j, const char *key, size_t i)
{
	size_t n = strlen(j->path);
	snprintf(j->path + n, sizeof j->path - n, "%s%s[%zu]", n ? "." : "", key, i);
	return n;
}

static void jpop(jctx *j, size_t n)
{
	j->path[n] = '\0';
}

static int parse_json(jctx *j, const char *data, size_t len, pm_arena *a, yt_doc *t)
{
	yt_limits lim = {1024, len + 1, len + 16, 0};
	pm_diags pd;
	pm_diags_init(&pd);
	int rc = yt_parse(t, data, len, j->name, a, &lim, &pd);
	if (rc < 0 || !t->has_root || t->nodes[t->root].type != YT_MAP) {
		const pm_diag *e = pd.n ? &pd.v[0] : NULL;
		const yt_node *root = rc == 0 && t->has_root ? &t->nodes[t->root] : NULL;
		bug(j->d, j->name,
		    e      ? e->line
		    : root ? root->line
		           : 1,
		    e      ? e->col
		    : root ? root->col
		           : 1,
		    "not a JSON object: %s",
		    e      ? e->msg
		    : root ? "the document is not an object"
		           : "the document is empty");
		pm_diags_free(&pd);
		if (rc == 0)
			yt_doc_free(t);
		return -1;
	}
	pm_diags_free(&pd);
	return 0;
}

/* ---- CycloneDX 1.6 ------------------------------------------------------------------------ */

/* bom-refs seen, to check uniqueness and the dependency graph */
typedef struct refs {
	const char **v;
	size_t n, cap;
} refs;

static int has_ref(const refs *r, const char *s)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i], s) == 0)
			return 1;
	return 0;
}

static void cdx_component(jctx *j, const yt_node *c, refs *r, int depth);

static void cdx_components(jctx *j, const yt_node *arr, refs *r, int depth)
{
	for (uint32_t i = 0; arr && i < arr->n && !j->failed; i++) {
		size_t back = jpush(j, "components", i);
		cdx_component(j, yt_child(j->t, arr, i), r, depth);
		if (!j->failed)
			jpop(j, back);
	}
}

static void cdx_component(jctx *j, const yt_node *c, refs *r, int depth)
{
	/* the hash algorithms of bom-1.6.schema.json */
	static const char *const algs[] = {"MD5",         "SHA-1",    "SHA-256",  "SHA-384",     "SHA-512",
	                                   "SHA3-256",    "SHA3-384", "SHA3-512", "BLAKE2b-256", "BLAKE2b-384",
	                                   "BLAKE2b-512", "BLAKE3",   NULL};
	if (c->type != YT_MAP) {
		jfail(j, c, "a component is not an object");
		return;
	}
	const char *type = jstr(j, c, "type", 1);
	if (type && !one_of(type, pm_sbom_cdx_types))
		jfail(j, jget(j, c, "type"), "\"%s\" is not a CycloneDX component type", type);
	jstr(j, c, "name", 1);
	jstr(j, c, "version", 0);
	jstr(j, c, "purl", 0);
	jstr(j, c, "cpe", 0);
	const char *ref = jstr(j, c, "bom-ref", 0);
	if (ref) {
		if (has_ref(r, ref))
			jfail(j, jget(j, c, "bom-ref"), "bom-ref \"%s\" is not unique", ref);
		r->v = pm_xgrow(r->v, &r->cap, r->n + 1, sizeof *r->v);
		r->v[r->n++] = ref;
	}
	const yt_node *sup = jobj(j, c, "supplier", 0);
	if (sup)
		jstr(j, sup, "name", 0);
	const yt_node *hashes = jarr(j, c, "hashes", 0);
	for (uint32_t i = 0; hashes && i < hashes->n && !j->failed; i++) {
		const yt_node *h = yt_child(j->t, hashes, i);
		const char *alg = jstr(j, h, "alg", 1);
		const char *content = jstr(j, h, "content", 1);
		if (alg && !one_of(alg, algs))
			jfail(j, h, "\"%s\" is not a CycloneDX hash algorithm", alg);
		for (const char *p = content; p && *p && !j->failed; p++)
			if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F')))
				jfail(j, h, "hash content \"%.80s\" is not hexadecimal", content);
	}
	const yt_node *lic = jarr(j, c, "licenses", 0);
	for (uint32_t i = 0; lic && i < lic->n && !j->failed; i++) {
		const yt_node *l = yt_child(j->t, lic, i);
		const yt_node *one = jobj(j, l, "license", 0);
		if (one && !jget(j, one, "id") && !jget(j, one, "name"))
			jfail(j, one, "a license has neither \"id\" nor \"name\"");
		else if (!one && !jstr(j, l, "expression", 1))
			jfail(j, l, "a licenses entry has neither \"license\" nor \"expression\"");
	}
	const yt_node *props = jarr(j, c, "properties", 0);
	for (uint32_t i = 0; props && i < props->n && !j->failed; i++)
		jstr(j, yt_child(j->t, props, i), "name", 1);
	const yt_node *kids = jarr(j, c, "components", 0);
	if (kids && depth < 500)
		cdx_components(j, kids, r, depth + 1);
}

static void check_cdx(jctx *j, const yt_node *root)
{
	const char *fmt = jstr(j, root, "bomFormat", 1);
	if (fmt && strcmp(fmt, "CycloneDX") != 0)
		jfail(j, jget(j, root, "bomFormat"), "bomFormat is \"%s\", not \"CycloneDX\"", fmt);
	static const char *const specs[] = {"1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", NULL};
	const char *spec = jstr(j, root, "specVersion", 1);
	if (spec && !one_of(spec, specs))
		jfail(j, jget(j, root, "specVersion"), "specVersion \"%s\" is not a CycloneDX version", spec);
	const yt_node *ver = jget(j, root, "version");
	if (ver && (!is_int(ver) || strcmp(ver->s, "0") == 0))
		jfail(j, ver, "\"version\" is not an integer of at least 1");
	const char *serial = jstr(j, root, "serialNumber", 0);
	if (serial && strncmp(serial, "urn:uuid:", 9) != 0)
		jfail(j, jget(j, root, "serialNumber"), "serialNumber \"%.60s\" is not a urn:uuid", serial);
	refs r = {0}, tr = {0};
	const yt_node *meta = jobj(j, root, "metadata", 0);
	const yt_node *tools = meta ? jget(j, meta, "tools") : NULL;
	if (tools && tools->type == YT_MAP && !j->failed) { /* 1.5+: tools.components are components */
		snprintf(j->path, sizeof j->path, "metadata.tools");
		cdx_components(j, jarr(j, tools, "components", 0), &tr, 0);
		if (!j->failed)
			j->path[0] = '\0';
	} else if (tools && tools->type != YT_SEQ) {
		jfail(j, tools, "metadata.tools is neither an object nor an array");
	}
	const yt_node *authors = meta ? jarr(j, meta, "authors", 0) : NULL;
	for (uint32_t i = 0; authors && i < authors->n && !j->failed; i++)
		if (yt_child(j->t, authors, i)->type != YT_MAP)
			jfail(j, yt_child(j->t, authors, i), "metadata.authors[%u] is not an object", i);
	const yt_node *mc = meta ? jobj(j, meta, "component", 0) : NULL;
	if (mc && !j->failed) {
		snprintf(j->path, sizeof j->path, "metadata.component");
		cdx_component(j, mc, &r, 0);
		if (!j->failed)
			j->path[0] = '\0';
	}
	cdx_components(j, jarr(j, root, "components", 0), &r, 0);
	const yt_node *deps = jarr(j, root, "dependencies", 0);
	for (uint32_t i = 0; deps && i < deps->n && !j->failed; i++) {
		size_t back = jpush(j, "dependencies", i);
		const yt_node *dep = yt_child(j->t, deps, i);
		const char *ref = jstr(j, dep, "ref", 1);
		if (ref && !has_ref(&r, ref))
			jfail(j, jget(j, dep, "ref"), "ref \"%s\" names no bom-ref of the document", ref);
		const yt_node *on = jarr(j, dep, "dependsOn", 0);
		for (uint32_t k = 0; on && k < on->n && !j->failed; k++) {
			const yt_node *o = yt_child(j->t, on, k);
			if (!is_str(o))
				jfail(j, o, "a dependsOn entry is not a string");
			else if (!has_ref(&r, o->s))
				jfail(j, o, "dependsOn \"%s\" names no bom-ref of the document", o->s);
		}
		if (!j->failed)
			jpop(j, back);
	}
	free(r.v);
	free(tr.v);
}

/* ---- SARIF 2.1.0 ------------------------------------------------------------------------------ */

static void sarif_location(jctx *j, const yt_node *loc)
{
	const yt_node *pl = jobj(j, loc, "physicalLocation", 0);
	if (!pl)
		return;
	const yt_node *al = jobj(j, pl, "artifactLocation", 0);
	if (al)
		jstr(j, al, "uri", 1);
	const yt_node *reg = jobj(j, pl, "region", 0);
	static const char *const keys[] = {"startLine", "startColumn", "endLine", "endColumn"};
	for (size_t k = 0; reg && k < 4 && !j->failed; k++) {
		const yt_node *v = jget(j, reg, keys[k]);
		if (v && (!is_int(v) || strcmp(v->s, "0") == 0))
			jfail(j, v, "region.%s is not an integer of at least 1", keys[k]);
	}
}

static void check_sarif(jctx *j, const yt_node *root)
{
	const char *ver = jstr(j, root, "version", 1);
	if (ver && strcmp(ver, "2.1.0") != 0)
		jfail(j, jget(j, root, "version"), "version is \"%s\", not \"2.1.0\"", ver);
	jstr(j, root, "$schema", 0);
	const yt_node *runs = jarr(j, root, "runs", 1);
	static const char *const levels[] = {"none", "note", "warning", "error", NULL};
	static const char *const kinds[] = {"notApplicable", "pass", "fail", "review", "open", "informational", NULL};
	for (uint32_t i = 0; runs && i < runs->n && !j->failed; i++) {
		size_t back = jpush(j, "runs", i);
		const yt_node *run = yt_child(j->t, runs, i);
		const yt_node *tool = jobj(j, run, "tool", 1);
		const yt_node *driver = tool ? jobj(j, tool, "driver", 1) : NULL;
		if (driver)
			jstr(j, driver, "name", 1);
		const yt_node *rules = driver ? jarr(j, driver, "rules", 0) : NULL;
		for (uint32_t k = 0; rules && k < rules->n && !j->failed; k++) {
			const yt_node *rule = yt_child(j->t, rules, k);
			jstr(j, rule, "id", 1);
			const yt_node *dc = jobj(j, rule, "defaultConfiguration", 0);
			const char *level = dc ? jstr(j, dc, "level", 0) : NULL;
			if (level && !one_of(level, levels))
				jfail(j, jget(j, dc, "level"), "rules[%u]: level \"%s\" is not a SARIF level", k,
				      level);
		}
		const yt_node *results = jarr(j, run, "results", 0);
		for (uint32_t k = 0; results && k < results->n && !j->failed; k++) {
			size_t rback = jpush(j, "results", k);
			const yt_node *res = yt_child(j->t, results, k);
			jstr(j, res, "ruleId", 1);
			const yt_node *msg = jobj(j, res, "message", 1);
			if (msg)
				jstr(j, msg, "text", 1);
			const char *level = jstr(j, res, "level", 0);
			if (level && !one_of(level, levels))
				jfail(j, jget(j, res, "level"), "level \"%s\" is not a SARIF level", level);
			const char *kind = jstr(j, res, "kind", 0);
			if (kind && !one_of(kind, kinds))
				jfail(j, jget(j, res, "kind"), "kind \"%s\" is not a SARIF result kind", kind);
			const yt_node *locs = jarr(j, res, "locations", 0);
			for (uint32_t l = 0; locs && l < locs->n && !j->failed; l++)
				sarif_location(j, yt_child(j->t, locs, l));
			if (!j->failed)
				jpop(j, rback);
		}
		if (!j->failed)
			jpop(j, back);
	}
}

/* Read the JSON output back and run check on its root object. */
static int verify_json(const char *name, const char *data, size_t len, pm_diags *d,
                       void (*check)(jctx *j, const yt_node *root))
{
	jctx j = {name, NULL, d, 0, ""};
	pm_arena *a = pm_arena_new();
	yt_doc t;
	if (parse_json(&j, data, len, a, &t) < 0) {
		pm_arena_free(a);
		return -1;
	}
	j.t = &t;
	check(&j, &t.nodes[t.root]);
	yt_doc_free(&t);
	pm_arena_free(a);
	return j.failed ? -1 : 0;
}

/* ---- entry point -------------------------------------------------------------------------------- */

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

int pm_verify_output(const char *name, const char *data, size_t len, pm_diags *d)
{
	if (!name || !data)
		return 0;
	if (ends_with(name, "submission.xml"))
		return verify_xml(name, data, len, d);
	if (ends_with(name, ".cdx.json"))
		return verify_json(name, data, len, d, check_cdx);
	if (ends_with(name, ".sarif"))
		return verify_json(name, data, len, d, check_sarif);
	return 0;
}
