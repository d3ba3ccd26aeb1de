/* xml_read.c — submission.xml -> the node tree YAML gives (see yamltree.h;
 * the format is docs/xml.md, the schema models/premarket.xsd).
 *
 * libxml2 parses; its SAX events build the tree directly (no DOM), as
 * yamltree.c builds it from libyaml's events.  The field tables of
 * gen/schema.c say what each element is: an object becomes a mapping whose
 * keys are the child element names; a list (<threats>, <stride>) becomes a
 * sequence of its <threat>, <item> or <ref> children; a value becomes a
 * scalar with the element's text.  An element the tables do not know
 * becomes a key with an empty value, so the loader reports "unknown key"
 * at its line and column.  Only <model> is read: <register>,
 * <traceability> and <check> are output only and are skipped.
 *
 * Scalars are marked like YAML: numbers and booleans as plain scalars
 * (their column is the first character of the text), every other value as
 * a quoted one, whose column is the '>' that opens the text (the quote);
 * keys, mappings and lists sit at their element's '<'.
 *
 * Safety: a DOCTYPE stops the parse at once ("DTDs are not allowed"), so
 * no entity is ever declared, no DTD or external entity is loaded and no
 * entity is expanded (only the five predefined entities and character
 * references exist); the parser runs with XML_PARSE_NONET and without
 * NOENT, DTDLOAD, DTDATTR or HUGE; nesting depth and text length are
 * capped by the loader's limits; libxml2's messages go to pm_diags, never
 * to stderr.
 */
#include "premarket/xml.h"
#include "schema.h"
#include "utf8.h"
#include "xalloc.h"
#include "yamltree.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What an element stands for, decided by its parent. */
enum {
	X_SUBMISSION, /* the root: <model>, <register>, <traceability>, <check> */
	X_MAP,        /* an object of `sub` (also <model>) */
	X_ANYMAP,     /* a value that turned out to have child elements: a mapping of unknown keys */
	X_SEQ_OBJ,    /* list of objects of `sub`, items named sub->name */
	X_SEQ_VAL,    /* list of scalars, items named `item` */
	X_SCALAR,     /* one value */
	X_NULL        /* an unknown key's value: content skipped, an empty value */
};

typedef struct xframe {
	uint8_t expect;
	uint8_t plain; /* X_SCALAR: a number or boolean (an unquoted YAML scalar) */
	uint8_t trim;  /* X_SCALAR: leading/trailing white space is not part of the value */
	uint8_t has_kids;
	const pm_schema *sub;
	const char *item;
	const xmlChar *name;  /* local name, in the parser's dictionary */
	size_t pending;       /* first child in xreader.pending */
	size_t text;          /* start of this element's text in xreader.text */
	uint32_t line, col;   /* the '<' of the start tag */
	uint32_t vline, vcol; /* the '>' (or "/>") ending it */
} xframe;

typedef struct xreader {
	xmlParserCtxtPtr ctxt;
	yt_doc *doc;
	pm_arena *arena;
	const yt_limits *lim;
	const char *file;
	pm_diags *diags;
	int failed;
	int stopped;   /* xmlStopParser() called (stop_if_failed) */
	xframe *stack; /* elements being converted */
	size_t depth, cap_stack;
	size_t open; /* every open element, for the depth limit */
	size_t skip; /* open elements inside a skipped part */
	uint32_t *pending;
	size_t n_pending, cap_pending;
	pm_buf text;
	uint32_t model_line; /* line of <model>, 0 before it */
} xreader;

/* ---- errors ---------------------------------------------------------------------- */

/* Record the first error; returns 1 when this call recorded it (so a hint
 * may follow), 0 when an error was already there.  The parser is stopped
 * by stop_if_failed() when the SAX callback returns, not here: stopping
 * (xmlStopParser -> xmlHaltParser) frees the input buffer, and with it the
 * attribute values and the position the callback may still read. */
static int fail(xreader *r, uint32_t line, uint32_t col, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int fail(xreader *r, uint32_t line, uint32_t col, const char *fmt, ...)
{
	if (r->failed)
		return 0;
	r->failed = 1;
	va_list ap;
	va_start(ap, fmt);
	pm_diag_vadd(r->diags, PM_ERROR, PM_ERR_YAML, r->file, line ? line : 1, col ? col : 1, fmt, ap);
	va_end(ap);
	return 1;
}

/* The last step of every SAX callback (the on_* wrappers below): after an
 * error, stop the parser.  Nothing of the parser (input, attributes,
 * names) is read after this, and every callback returns at once once
 * r->failed is set. */
static void stop_if_failed(xreader *r)
{
	if (r->failed && !r->stopped && r->ctxt) {
		r->stopped = 1;
		xmlStopParser(r->ctxt);
	}
}

/* libxml2's own errors (well-formedness, encoding, namespaces), located. */
#if LIBXML_VERSION >= 21200
static void on_error(void *ctx, const xmlError *e)
#else
static void on_error(void *ctx, xmlErrorPtr e)
#endif
{
	xreader *r = ctx;
	if (!e || e->level < XML_ERR_ERROR || r->failed)
		return;
	char msg[512];
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "error");
	/* one line: libxml2 ends messages with '\n' and continues some on a second line */
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (msg[i] == '\n')
			msg[i] = ' ';
	r->failed = 1;
	pm_diag_add(r->diags, PM_ERROR, PM_ERR_YAML, r->file, e->line > 0 ? (unsigned)e->line : 1,
	            e->int2 > 0 ? (unsigned)e->int2 : 1, "invalid XML: %s", msg);
	if (e->code == XML_ERR_UNDECLARED_ENTITY || e->code == XML_WAR_UNDECLARED_ENTITY)
		pm_diag_hint(r->diags,
		             "only &amp; &lt; &gt; &quot; &apos; and character references such as &#233; are allowed");
}

/* ---- positions ------------------------------------------------------------------ */

static uint32_t utf8_chars(const xmlChar *a, const xmlChar *b)
{
	return (uint32_t)pm_utf8_chars((const char *)a, (size_t)(b - a));
}

/* Called from the start-tag event, when the parser stands on the '>' or
 * "/>" that ends the tag: locate that and the tag's '<'. */
static void tag_position(xreader *r, xframe *f)
{
	xmlParserInputPtr in = r->ctxt->input;
	f->vline = in->line > 0 ? (uint32_t)in->line : 1;
	f->vcol = in->col > 0 ? (uint32_t)in->col : 1;
	f->line = f->vline;
	f->col = 1;
	const xmlChar *p = in->cur;
	uint32_t nl = 0;
	while (p > in->base && *p != '<') {
		p--;
		nl += *p == '\n';
	}
	if (*p != '<')
		return;
	f->line = f->vline > nl ? f->vline - nl : 1;
	if (nl == 0) {
		uint32_t back = utf8_chars(p, in->cur);
		f->col = f->vcol > back ? f->vcol - back : 1;
	} else {
		const xmlChar *s = p;
		while (s > in->base && s[-1] != '\n')
			s--;
		f->col = utf8_chars(s, p) + 1;
	}
}

/* ---- the tree ----------------------------------------------------------------------- */

static uint32_t new_node(xreader *r, yt_type type, uint32_t line, uint32_t col)
{
	yt_doc *d = r->doc;
	d->nodes = pm_xgrow(d->nodes, &d->cap_nodes, d->n_nodes + 1, sizeof *d->nodes);
	uint32_t id = (uint32_t)d->n_nodes++;
	yt_node *n = &d->nodes[id];
	memset(n, 0, sizeof *n);
	n->type = (uint8_t)type;
	n->line = line;
	n->col = col;
	return id;
}

static uint32_t new_scalar(xreader *r, const char *s, size_t len, int plain, uint32_t line, uint32_t col)
{
	uint32_t id = new_node(r, YT_SCALAR, line, col);
	yt_node *n = &r->doc->nodes[id];
	n->s = pm_arena_strndup(r->arena, s, len);
	n->n = (uint32_t)len;
	n->plain = (uint8_t)(plain != 0);
	return id;
}

static void push_pending(xreader *r, uint32_t id)
{
	r->pending = pm_xgrow(r->pending, &r->cap_pending, r->n_pending + 1, sizeof *r->pending);
	r->pending[r->n_pending++] = id;
}

static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

/* A collection node holding the pending children of f. */
static uint32_t collection(xreader *r, const xframe *f, yt_type type)
{
	yt_doc *d = r->doc;
	uint32_t id = new_node(r, type, f->line, f->col);
	size_t nk = r->n_pending - f->pending;
	d->kids = pm_xgrow(d->kids, &d->cap_kids, d->n_kids + nk, sizeof *d->kids);
	d->nodes[id].first = (uint32_t)d->n_kids;
	d->nodes[id].n = (uint32_t)(type == YT_MAP ? nk / 2 : nk);
	if (nk)
		memcpy(d->kids + d->n_kids, r->pending + f->pending, nk * sizeof *d->kids);
	d->n_kids += nk;
	r->n_pending = f->pending;
	return id;
}

/* The node of a closed element. */
static uint32_t close_frame(xreader *r, const xframe *f)
{
	const char *t = r->text.data ? r->text.data + f->text : "";
	size_t tn = r->text.len - f->text;
	if (f->has_kids && !is_blank(t, tn)) {
		fail(r, f->line, f->col, "<%s> mixes text with elements", (const char *)f->name);
		return 0;
	}
	switch (f->expect) {
	case X_NULL:
		return new_scalar(r, "", 0, 1, f->vline, f->vcol);
	case X_SCALAR:
		if (f->trim) {
			while (tn && is_blank(t, 1)) {
				t++;
				tn--;
			}
			while (tn && is_blank(t + tn - 1, 1))
				tn--;
		}
		return new_scalar(r, t, tn, f->plain, f->vline, f->plain ? f->vcol + 1 : f->vcol);
	case X_MAP:
	case X_ANYMAP:
	case X_SUBMISSION:
		if (f->has_kids || is_blank(t, tn))
			return collection(r, f, YT_MAP);
		return new_scalar(r, t, tn, 0, f->vline, f->vcol); /* "must be a mapping, found a scalar" */
	default:                                                   /* X_SEQ_OBJ, X_SEQ_VAL */
		if (f->has_kids || is_blank(t, tn))
			return collection(r, f, YT_SEQ);
		return new_scalar(r, t, tn, 0, f->vline, f->vcol); /* a single value stands for a one-item list */
	}
}

static xframe *push_frame(xreader *r, int expect, const xmlChar *name, const xframe *pos)
{
	r->stack = pm_xgrow(r->stack, &r->cap_stack, r->depth + 1, sizeof *r->stack);
	xframe *f = &r->stack[r->depth++];
	*f = *pos;
	f->expect = (uint8_t)expect;
	f->name = name;
	f->pending = r->n_pending;
	f->text = r->text.len;
	return f;
}

/* The frame of a key's value, from the key's field (NULL: unknown key). */
static void push_value(xreader *r, const pm_field *f, const xmlChar *name, const xframe *pos)
{
	if (!f) {
		push_frame(r, X_NULL, name, pos);
		return;
	}
	switch (f->type) {
	case PM_F_OBJ:
		push_frame(r, X_MAP, name, pos)->sub = f->sub;
		break;
	case PM_F_OBJS: {
		xframe *x = push_frame(r, X_SEQ_OBJ, name, pos);
		x->sub = f->sub;
		x->item = f->sub->name;
		break;
	}
	case PM_F_ENUMS:
	case PM_F_STRS:
		push_frame(r, X_SEQ_VAL, name, pos)->item = "item";
		break;
	case PM_F_REFS:
		push_frame(r, X_SEQ_VAL, name, pos)->item = "ref";
		break;
	default: {
		xframe *x = push_frame(r, X_SCALAR, name, pos);
		x->plain = f->type == PM_F_NUM || f->type == PM_F_BOOL;
		x->trim = x->plain || f->type == PM_F_DATE;
		break;
	}
	}
}

/* ---- SAX events ------------------------------------------------------------------------ */

static int in_namespace(const xmlChar *uri)
{
	return uri && strcmp((const char *)uri, PM_XML_NAMESPACE) == 0;
}

static void check_root(xreader *r, const xmlChar *local, const xmlChar *uri, int nb_attr, const xmlChar **attrs,
                       const xframe *pos)
{
	static const char prefix[] = "urn:premarket:submission:";
	if (strcmp((const char *)local, "submission") != 0) {
		fail(r, pos->line, pos->col,
		     "the root element is <%s>; a premarket submission starts with "
		     "<submission xmlns=\"%s\">",
		     (const char *)local, PM_XML_NAMESPACE);
		return;
	}
	if (!in_namespace(uri)) {
		if (!fail(r, pos->line, pos->col, "wrong XML namespace: expected \"%s\", found %s%s%s",
		          PM_XML_NAMESPACE, uri ? "\"" : "", uri ? (const char *)uri : "none", uri ? "\"" : ""))
			return;
		if (uri && strncmp((const char *)uri, prefix, sizeof prefix - 1) == 0)
			pm_diag_hint(r->diags, "the file is for schema version %s; this premarket reads version %s",
			             (const char *)uri + sizeof prefix - 1, PM_XML_SCHEMA_VERSION);
		else
			pm_diag_hint(r->diags,
			             "write the root element as <submission xmlns=\"%s\" schemaVersion=\"%s\">",
			             PM_XML_NAMESPACE, PM_XML_SCHEMA_VERSION);
		return;
	}
	for (int i = 0; i < nb_attr; i++) {
		const xmlChar **a = attrs + 5 * i; /* local name, prefix, URI, value, end */
		if (a[2])
			continue; /* xsi:schemaLocation, xml:lang ... */
		if (strcmp((const char *)a[0], "schemaVersion") == 0) {
			size_t n = (size_t)(a[4] - a[3]);
			if (n != strlen(PM_XML_SCHEMA_VERSION) || memcmp(a[3], PM_XML_SCHEMA_VERSION, n) != 0) {
				fail(r, pos->line, pos->col,
				     "schemaVersion \"%.*s\" is not supported; this premarket "
				     "reads version %s",
				     (int)(n < 64 ? n : 64), (const char *)a[3], PM_XML_SCHEMA_VERSION);
				return;
			}
		} else {
			fail(r, pos->line, pos->col, "unexpected attribute '%s' on <submission>", (const char *)a[0]);
			return;
		}
	}
}

static void start_element(xreader *r, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri, int nb_ns,
                          const xmlChar **ns, int nb_attr, int nb_defaulted, const xmlChar **attrs)
{
	(void)prefix;
	(void)nb_ns;
	(void)ns;
	(void)nb_defaulted;
	if (r->failed)
		return;
	xframe pos;
	memset(&pos, 0, sizeof pos);
	tag_position(r, &pos);
	if (++r->open > r->lim->max_depth + 2) {
		fail(r, pos.line, pos.col, "nesting deeper than %zu levels", r->lim->max_depth);
		return;
	}
	if (r->skip) {
		r->skip++;
		return;
	}
	if (r->depth == 0) {
		check_root(r, local, uri, nb_attr, attrs, &pos);
		push_frame(r, X_SUBMISSION, local, &pos);
		return;
	}
	xframe *parent = &r->stack[r->depth - 1];
	if (parent->expect == X_NULL) {
		r->skip = 1;
		return;
	}
	const char *name = (const char *)local;
	if (!in_namespace(uri)) {
		fail(r, pos.line, pos.col, "<%s> is not in the submission namespace (expected \"%s\", found %s%s%s)",
		     name, PM_XML_NAMESPACE, uri ? "\"" : "", uri ? (const char *)uri : "none", uri ? "\"" : "");
		return;
	}
	for (int i = 0; i < nb_attr; i++)
		if (!attrs[5 * i + 2]) {
			fail(r, pos.line, pos.col,
			     "unexpected attribute '%s' on <%s>: values are elements in this format",
			     (const char *)attrs[5 * i], name);
			return;
		}
	if (!is_blank(r->text.data ? r->text.data + parent->text : "", r->text.len - parent->text)) {
		fail(r, parent->line, parent->col, "<%s> mixes text with elements", (const char *)parent->name);
		return;
	}
	r->text.len = parent->text; /* white space between elements */
	if (r->text.data)
		r->text.data[r->text.len] = '\0';
	parent->has_kids = 1;
	if (parent->expect == X_SCALAR)
		parent->expect = X_ANYMAP; /* the loader says "'x' must be a string, found a mapping" */

	switch (parent->expect) {
	case X_SUBMISSION:
		if (strcmp(name, "model") == 0) {
			if (r->model_line) {
				fail(r, pos.line, pos.col, "a second <model> element (the first is at line %u)",
				     r->model_line);
				return;
			}
			r->model_line = pos.line;
			push_frame(r, X_MAP, local, &pos)->sub = &pm_schema_model;
		} else if (strcmp(name, "register") == 0 || strcmp(name, "traceability") == 0 ||
		           strcmp(name, "check") == 0) {
			r->skip = 1; /* output only: recomputed from the model */
		} else {
			fail(r, pos.line, pos.col,
			     "unexpected element <%s> in <submission> (expected model, register, "
			     "traceability, check)",
			     name);
		}
		break;
	case X_MAP:
	case X_ANYMAP:
		push_pending(r, new_scalar(r, name, strlen(name), 1, pos.line, pos.col));
		push_value(r, parent->expect == X_MAP ? pm_schema_field(parent->sub, name) : NULL, local, &pos);
		break;
	case X_SEQ_OBJ:
	case X_SEQ_VAL:
		if (strcmp(name, parent->item) != 0) {
			fail(r, pos.line, pos.col, "<%s> holds <%s> elements, found <%s>", (const char *)parent->name,
			     parent->item, name);
			return;
		}
		if (parent->expect == X_SEQ_OBJ)
			push_frame(r, X_MAP, local, &pos)->sub = parent->sub;
		else
			push_frame(r, X_SCALAR, local, &pos);
		break;
	default:
		break;
	}
}

static void end_element(xreader *r, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	(void)local;
	(void)prefix;
	(void)uri;
	if (r->failed)
		return;
	r->open--;
	if (r->skip) {
		r->skip--;
		return;
	}
	if (r->depth == 0)
		return;
	xframe f = r->stack[--r->depth];
	if (f.expect == X_SUBMISSION) {
		if (!r->model_line)
			fail(r, f.line, f.col, "<submission> has no <model> element");
		return;
	}
	uint32_t id = close_frame(r, &f);
	r->text.len = f.text;
	if (r->text.data)
		r->text.data[r->text.len] = '\0';
	if (r->failed)
		return;
	if (r->stack[r->depth - 1].expect == X_SUBMISSION) {
		r->doc->root = id;
		r->doc->has_root = 1;
	} else {
		push_pending(r, id);
	}
}

static void text(xreader *r, const xmlChar *ch, int len)
{
	if (r->failed || r->skip || r->depth == 0 || len <= 0)
		return;
	xframe *f = &r->stack[r->depth - 1];
	if (f->expect == X_NULL)
		return;
	if (r->text.len - f->text + (size_t)len > r->lim->max_scalar) {
		fail(r, f->line, f->col, "text of <%s> longer than the limit of %zu bytes", (const char *)f->name,
		     r->lim->max_scalar);
		return;
	}
	pm_buf_put(&r->text, ch, (size_t)len);
}

static void doctype(xreader *r, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
	(void)name;
	(void)external_id;
	(void)system_id;
	if (r->failed)
		return;
	xmlParserInputPtr in = r->ctxt->input;
	if (fail(r, in->line > 0 ? (uint32_t)in->line : 1, 1, "DTDs are not allowed (<!DOCTYPE ...>)"))
		pm_diag_hint(r->diags, "a submission needs no DTD; entities are not expanded and nothing is loaded");
}

static void reference(xreader *r, const xmlChar *name)
{
	if (r->failed)
		return;
	xmlParserInputPtr in = r->ctxt->input;
	fail(r, in->line > 0 ? (uint32_t)in->line : 1, in->col > 0 ? (uint32_t)in->col : 1,
	     "entity references are not allowed (&%s;)", (const char *)name);
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id, const xmlChar *system_id,
                           xmlChar *content)
{
	(void)name;
	(void)type;
	(void)public_id;
	(void)system_id;
	(void)content;
	doctype(ctx, NULL, NULL, NULL); /* not reached: the DOCTYPE already stopped the parse */
	stop_if_failed(ctx);
}

/* The SAX callbacks: each event, then stop_if_failed() as its last step. */
static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri, int nb_ns,
                     const xmlChar **ns, int nb_attr, int nb_defaulted, const xmlChar **attrs)
{
	start_element(ctx, local, prefix, uri, nb_ns, ns, nb_attr, nb_defaulted, attrs);
	stop_if_failed(ctx);
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	end_element(ctx, local, prefix, uri);
	stop_if_failed(ctx);
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
	text(ctx, ch, len);
	stop_if_failed(ctx);
}

static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
	doctype(ctx, name, external_id, system_id);
	stop_if_failed(ctx);
}

static void on_reference(void *ctx, const xmlChar *name)
{
	reference(ctx, name);
	stop_if_failed(ctx);
}

/* ---- entry point --------------------------------------------------------------------------- */

int yt_parse_xml(yt_doc *doc, const char *data, size_t len, const char *file, pm_arena *arena, const yt_limits *lim,
                 pm_diags *diags)
{
	memset(doc, 0, sizeof *doc);
	if (is_blank(data, len))
		return 0; /* empty: no root, as for an empty YAML file */
	if (len > INT_MAX)
		return pm_diag_add(diags, PM_ERROR, PM_ERR_YAML, file, 1, 1, "XML input larger than %d bytes", INT_MAX);

	xreader r;
	memset(&r, 0, sizeof r);
	r.doc = doc;
	r.arena = arena;
	r.lim = lim;
	r.file = file;
	r.diags = diags;
	pm_buf_init(&r.text, 0);

	xmlSAXHandler sax;
	memset(&sax, 0, sizeof sax);
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.characters = on_text;
	sax.ignorableWhitespace = on_text;
	sax.cdataBlock = on_text; /* CDATA is text */
	sax.internalSubset = on_doctype;
	sax.externalSubset = NULL; /* never loaded */
	sax.entityDecl = on_entity_decl;
	sax.reference = on_reference;
	sax.serror = on_error;

	xmlInitParser();
	r.ctxt = xmlCreateMemoryParserCtxt(data, (int)len);
	if (!r.ctxt) {
		pm_buf_free(&r.text);
		return pm_diag_add(diags, PM_ERROR, PM_ERR_YAML, file, 1, 1, "cannot create the XML parser");
	}
	memcpy(r.ctxt->sax, &sax, sizeof sax);
	r.ctxt->userData = &r;
	xmlCtxtUseOptions(r.ctxt, XML_PARSE_NONET);

	/* errors raised outside the parser context (encodings) reach us too */
	xmlStructuredErrorFunc old_handler = xmlStructuredError;
	void *old_ctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(&r, on_error);
	int rc = xmlParseDocument(r.ctxt);
	xmlSetStructuredErrorFunc(old_ctx, old_handler);

	if (!r.failed && (rc != 0 || !r.ctxt->wellFormed))
		fail(&r, 1, 1, "invalid XML");
	if (r.ctxt->myDoc)
		xmlFreeDoc(r.ctxt->myDoc);
	xmlFreeParserCtxt(r.ctxt);
	free(r.stack);
	free(r.pending);
	pm_buf_free(&r.text);
	if (r.failed) {
		yt_doc_free(doc);
		return -1;
	}
	return 0;
}
