/* yamltree.c — libyaml events -> flat node tree, with limits (see yamltree.h).
 *
 * Limits enforced here (values in gen/load.c, documented in docs/model.md):
 * collection depth, scalar length, alias count and expanded size.  An alias
 * to a node that is still open (a recursive structure) is refused.
 */
#include "hash.h"
#include "yamltree.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct anchor {
	char *name; /* NULL = empty slot */
	uint32_t node;
} anchor;

typedef struct frame {
	uint32_t node;  /* the collection node */
	size_t pending; /* index in the pending stack where its children start */
} frame;

typedef struct builder {
	yt_doc *doc;
	pm_arena *arena;
	const yt_limits *lim;
	const char *file;
	pm_diags *diags;
	frame *stack;
	size_t depth, cap_stack;
	uint32_t *pending;
	size_t n_pending, cap_pending;
	anchor *anchors; /* open-addressing hash table, power-of-two size */
	size_t n_anchors, cap_anchors;
	uint64_t *size; /* expanded size per node */
	size_t cap_size;
	size_t aliases;
} builder;

static int fail(builder *b, const yaml_mark_t *m, const char *fmt, const char *arg)
{
	return pm_diag_add(b->diags, PM_ERROR, PM_ERR_YAML, b->file, (unsigned)m->line + 1, (unsigned)m->column + 1,
	                   fmt, arg ? arg : "");
}

static uint32_t new_node(builder *b, yt_type type, const yaml_mark_t *m)
{
	yt_doc *d = b->doc;
	d->nodes = pm_xgrow(d->nodes, &d->cap_nodes, d->n_nodes + 1, sizeof *d->nodes);
	b->size = pm_xgrow(b->size, &b->cap_size, d->n_nodes + 1, sizeof *b->size);
	uint32_t id = (uint32_t)d->n_nodes++;
	yt_node *n = &d->nodes[id];
	memset(n, 0, sizeof *n);
	n->type = (uint8_t)type;
	n->line = (uint32_t)m->line + 1;
	n->col = (uint32_t)m->column + 1;
	b->size[id] = 1;
	return id;
}

static void push_pending(builder *b, uint32_t id)
{
	b->pending = pm_xgrow(b->pending, &b->cap_pending, b->n_pending + 1, sizeof *b->pending);
	b->pending[b->n_pending++] = id;
}

static anchor *anchor_slot(const builder *b, const char *name)
{
	size_t mask = b->cap_anchors - 1, i = (size_t)pm_hash_str(name) & mask;
	while (b->anchors[i].name && strcmp(b->anchors[i].name, name) != 0)
		i = (i + 1) & mask;
	return &b->anchors[i];
}

/* A later anchor with the same name replaces the earlier one (YAML 1.2). */
static void add_anchor(builder *b, const char *name, uint32_t node)
{
	if (2 * (b->n_anchors + 1) > b->cap_anchors) {
		anchor *old = b->anchors;
		size_t ocap = b->cap_anchors;
		b->cap_anchors = ocap ? 2 * ocap : 64;
		b->anchors = pm_xcalloc(b->cap_anchors, sizeof *b->anchors);
		for (size_t i = 0; i < ocap; i++)
			if (old[i].name)
				*anchor_slot(b, old[i].name) = old[i];
		free(old);
	}
	anchor *a = anchor_slot(b, name);
	if (a->name) {
		a->node = node;
		return;
	}
	a->name = pm_xstrdup(name);
	a->node = node;
	b->n_anchors++;
}

static const anchor *find_anchor(const builder *b, const char *name)
{
	if (!b->cap_anchors)
		return NULL;
	const anchor *a = anchor_slot(b, name);
	return a->name ? a : NULL;
}

static int node_is_open(const builder *b, uint32_t node)
{
	for (size_t i = 0; i < b->depth; i++)
		if (b->stack[i].node == node)
			return 1;
	return 0;
}

/* A finished node (scalar, alias, or closed collection) joins its parent. */
static int attach(builder *b, uint32_t id)
{
	if (b->depth == 0) {
		b->doc->root = id;
		b->doc->has_root = 1;
		return 0;
	}
	push_pending(b, id);
	return 0;
}

static int open_collection(builder *b, yt_type type, const yaml_char_t *anchor_name, const yaml_mark_t *m)
{
	if (b->depth >= b->lim->max_depth) {
		char buf[64];
		snprintf(buf, sizeof buf, "%zu", b->lim->max_depth);
		return fail(b, m, "nesting deeper than %s levels", buf);
	}
	uint32_t id = new_node(b, type, m);
	b->stack = pm_xgrow(b->stack, &b->cap_stack, b->depth + 1, sizeof *b->stack);
	b->stack[b->depth].node = id;
	b->stack[b->depth].pending = b->n_pending;
	b->depth++;
	if (anchor_name)
		add_anchor(b, (const char *)anchor_name, id);
	return 0;
}

static int close_collection(builder *b)
{
	frame f = b->stack[--b->depth];
	yt_doc *d = b->doc;
	size_t nk = b->n_pending - f.pending;
	yt_node *n = &d->nodes[f.node];
	uint64_t total = 1;
	for (size_t i = f.pending; i < b->n_pending; i++) {
		total += b->size[b->pending[i]];
		if (total > b->lim->max_expansion)
			break;
	}
	if (total > b->lim->max_expansion) {
		yaml_mark_t at = {0, n->line - 1, n->col - 1};
		char buf[64];
		snprintf(buf, sizeof buf, "%zu", b->lim->max_expansion);
		return fail(b, &at, "aliases expand this document beyond the limit of %s nodes (alias bomb?)", buf);
	}
	b->size[f.node] = total;
	d->kids = pm_xgrow(d->kids, &d->cap_kids, d->n_kids + nk, sizeof *d->kids);
	n->first = (uint32_t)d->n_kids;
	n->n = (uint32_t)(n->type == YT_MAP ? nk / 2 : nk);
	if (nk)
		memcpy(d->kids + d->n_kids, b->pending + f.pending, nk * sizeof *d->kids);
	d->n_kids += nk;
	b->n_pending = f.pending;
	return attach(b, f.node);
}

static uint8_t tag_of(const char *tag)
{
	static const struct {
		const char *name;
		yt_tag tag;
	} known[] = {
	        {YAML_STR_TAG, YT_TAG_STR},     {YAML_BOOL_TAG, YT_TAG_BOOL}, {YAML_INT_TAG, YT_TAG_INT},
	        {YAML_FLOAT_TAG, YT_TAG_FLOAT}, {YAML_NULL_TAG, YT_TAG_NULL},
	};
	if (!tag)
		return YT_TAG_NONE;
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(tag, known[i].name) == 0)
			return (uint8_t)known[i].tag;
	return YT_TAG_OTHER;
}

static int on_event(builder *b, const yaml_event_t *ev)
{
	const yaml_mark_t *m = &ev->start_mark;
	switch (ev->type) {
	case YAML_STREAM_START_EVENT:
	case YAML_STREAM_END_EVENT:
	case YAML_DOCUMENT_END_EVENT:
		return 0;
	case YAML_DOCUMENT_START_EVENT:
		if (b->doc->has_root)
			return fail(b, m, "a model file holds one YAML document; found a second one%s", "");
		return 0;
	case YAML_SCALAR_EVENT: {
		size_t len = ev->data.scalar.length;
		if (len > b->lim->max_scalar) {
			char buf[64];
			snprintf(buf, sizeof buf, "%zu bytes", b->lim->max_scalar);
			return fail(b, m, "scalar longer than the limit of %s", buf);
		}
		uint32_t id = new_node(b, YT_SCALAR, m);
		yt_node *n = &b->doc->nodes[id];
		n->n = (uint32_t)len;
		n->s = pm_arena_strndup(b->arena, (const char *)ev->data.scalar.value, len);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !ev->data.scalar.tag;
		n->tag = tag_of((const char *)ev->data.scalar.tag);
		if (ev->data.scalar.anchor)
			add_anchor(b, (const char *)ev->data.scalar.anchor, id);
		return attach(b, id);
	}
	case YAML_SEQUENCE_START_EVENT:
		return open_collection(b, YT_SEQ, ev->data.sequence_start.anchor, m);
	case YAML_MAPPING_START_EVENT:
		return open_collection(b, YT_MAP, ev->data.mapping_start.anchor, m);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return close_collection(b);
	case YAML_ALIAS_EVENT: {
		const char *name = (const char *)ev->data.alias.anchor;
		if (++b->aliases > b->lim->max_aliases) {
			char buf[64];
			snprintf(buf, sizeof buf, "%zu", b->lim->max_aliases);
			return fail(b, m, "more than %s aliases in one file", buf);
		}
		const anchor *an = find_anchor(b, name);
		if (an) {
			if (node_is_open(b, an->node))
				return fail(b, m, "alias *%s refers to a node that contains it (recursive structure)",
				            name);
			return attach(b, an->node);
		}
		return fail(b, m, "alias *%s refers to an undefined anchor", name);
	}
	default:
		return 0;
	}
}

int yt_parse(yt_doc *doc, const char *data, size_t len, const char *file, pm_arena *arena, const yt_limits *lim,
             pm_diags *diags)
{
	memset(doc, 0, sizeof *doc);
	builder b;
	memset(&b, 0, sizeof b);
	b.doc = doc;
	b.arena = arena;
	b.lim = lim;
	b.file = file;
	b.diags = diags;

	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		abort();
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	int rc = 0;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			const yaml_mark_t *m = &p.problem_mark;
			const char *problem = p.problem ? p.problem : "YAML syntax error";
			if (p.context) {
				pm_diag_add(diags, PM_ERROR, PM_ERR_YAML, file, (unsigned)m->line + 1,
				            (unsigned)m->column + 1, "%s %s", problem, p.context);
				/* "while scanning a quoted scalar" -> "the quoted scalar started at ..." */
				const char *what = p.context;
				const char *prefixes[] = {"while scanning an ", "while scanning a ",
				                          "while parsing an ", "while parsing a "};
				for (size_t k = 0; k < sizeof prefixes / sizeof prefixes[0]; k++)
					if (strncmp(what, prefixes[k], strlen(prefixes[k])) == 0) {
						what += strlen(prefixes[k]);
						break;
					}
				pm_diag_hint(diags, "the %s started at line %u, column %u", what,
				             (unsigned)p.context_mark.line + 1, (unsigned)p.context_mark.column + 1);
			} else
				pm_diag_add(diags, PM_ERROR, PM_ERR_YAML, file, (unsigned)m->line + 1,
				            (unsigned)m->column + 1, "%s", problem);
			rc = -1;
			break;
		}
		int done = ev.type == YAML_STREAM_END_EVENT;
		if (on_event(&b, &ev) < 0)
			rc = -1;
		yaml_event_delete(&ev);
		if (done || rc < 0)
			break;
	}
	yaml_parser_delete(&p);
	for (size_t i = 0; i < b.cap_anchors; i++)
		free(b.anchors[i].name);
	free(b.anchors);
	free(b.stack);
	free(b.pending);
	free(b.size);
	if (rc < 0)
		yt_doc_free(doc);
	return rc;
}

void yt_doc_free(yt_doc *doc)
{
	free(doc->nodes);
	free(doc->kids);
	memset(doc, 0, sizeof *doc);
}

int yt_check_encoding(const char *data, size_t len, const char *file, pm_diags *diags)
{
	const unsigned char *s = (const unsigned char *)data;
	unsigned line = 1, col = 1;
	if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
		return pm_diag_add(diags, PM_ERROR, PM_ERR_YAML, file, 1, 1,
		                   "file is UTF-16 encoded; save it as UTF-8");
	size_t i = 0;
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		i = 3; /* UTF-8 byte order mark */
	while (i < len) {
		unsigned c = s[i];
		size_t n;
		unsigned cp;
		if (c == 0)
			return pm_diag_add(diags, PM_ERROR, PM_ERR_YAML, file, line, col,
			                   "NUL byte in input (is this a binary file?)");
		if (c < 0x80) {
			n = 1;
			cp = c;
		} else if (c >= 0xC2 && c <= 0xDF) {
			n = 2;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 3;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 4;
			cp = c & 0x07;
		} else {
			return pm_diag_add(diags, PM_ERROR, PM_ERR_YAML, file, line, col, "invalid UTF-8 byte 0x%02X",
			                   c);
		}
		if (i + n > len)
			return pm_diag_add(diags, PM_ERROR, PM_ERR_YAML, file, line, col,
			                   "truncated UTF-8 sequence at end of file");
		for (size_t k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return pm_diag_add(diags, PM_ERROR, PM_ERR_YAML, file, line, col,
				                   "invalid UTF-8 sequence (byte 0x%02X is not a continuation byte)",
				                   s[i + k]);
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
			return pm_diag_add(diags, PM_ERROR, PM_ERR_YAML, file, line, col,
			                   "invalid UTF-8 sequence (overlong or surrogate code point)");
		if (c == '\n' || (c == '\r' && (i + 1 >= len || s[i + 1] != '\n'))) {
			line++; /* LF, CR LF, or a lone CR (libyaml counts all three) */
			col = 1;
		} else if (c == '\r') {
			/* the CR of CR LF: the LF ends the line */
		} else {
			col++;
		}
		i += n;
	}
	return 0;
}

/* ---- positions inside a scalar ---------------------------------------------------------- */

static int space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void yt_locate(const char *src, size_t len, uint32_t line, uint32_t col, const char *value, size_t offset,
               uint32_t *oline, uint32_t *ocol)
{
	/* the scalar's first byte: `line` lines down, `col` characters in */
	size_t j = 0;
	uint32_t l = 1, c = 1;
	while (j < len && l < line)
		if (src[j++] == '\n')
			l++;
	while (j < len && c < col && src[j] != '\n') {
		j++;
		while (j < len && ((unsigned char)src[j] & 0xC0) == 0x80)
			j++;
		c++;
	}
	char style = j < len ? src[j] : 0;
	int quoted = style == '"' || style == '\'';
	/* a block scalar's value starts on the line after its indicator; a quoted one after the quote */
	if (style == '|' || style == '>') {
		while (j < len && src[j] != '\n')
			j++, c++;
	} else if (quoted) {
		j++, c++;
	}
	size_t n = strlen(value);
	if (offset > n)
		offset = n;
	/* advance over the source for value[0..offset), then to the character at offset */
	for (size_t i = 0; i <= offset && j < len; i++) {
		if (i < n && space(value[i]) && i < offset)
			continue;
		if (i == offset && (i == n || space(value[i])))
			break; /* white space or the end: right after the last character */
		while (j < len && space(src[j])) {
			if (src[j] == '\n')
				l++, c = 1;
			else
				c++;
			j++;
		}
		if (i == offset)
			break;
		/* one value byte: '' in single quotes, an escape in double quotes, or itself */
		size_t w = 1;
		if (style == '\'' && src[j] == '\'' && j + 1 < len && src[j + 1] == '\'')
			w = 2;
		else if (style == '"' && src[j] == '\\')
			w = 2;
		j += w;
		if (((unsigned char)value[i] & 0xC0) != 0x80)
			c += (uint32_t)w;
	}
	*oline = l;
	*ocol = c;
}
