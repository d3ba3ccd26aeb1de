/* rule_cond.c — the parser of the condition language (grammar in
 * rule_cond.h, vocabulary in rule_attr.c, reference in docs/threats.md).
 *
 * Recursive descent over a small lexer.  Every name is resolved while
 * parsing: a path's steps to relations, its last name to an attribute (or,
 * after any/all/no, to a list of neighbours), every value to the
 * attribute's type and allowed words.  The first problem stops the parse
 * and is reported once, at the file:line:col of the offending token, with
 * a hint: the nearest name ("did you mean"), the names allowed there, or
 * how to write it.  The tree lives in the caller's arena.
 */
#include "rule_cond.h"

#include "suggest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64

typedef enum tk_kind { TK_END, TK_WORD, TK_STR, TK_LP, TK_RP, TK_LB, TK_RB, TK_COMMA, TK_DOT, TK_OP, TK_BAD } tk_kind;

typedef struct tok {
	tk_kind k;
	size_t at, len; /* for TK_STR: the text between the quotes */
	size_t end;     /* offset after the token */
} tok;

typedef struct parser {
	const char *s;
	size_t len;
	size_t pos;
	tok t; /* the current token */
	const rc_source *src;
	pm_arena *a;
	pm_diags *d;
	int depth;
} parser;

/* How messages name each kind of element. */
static const char *const elem_label[RC_N_ELEM] = {
        "a component",       "an interface", "a flow",          "a zone",    "an asset",
        "an SBOM component", "the device",   "a vulnerability", "a control",
};

/* ---- errors ------------------------------------------------------------------------------ */

static int fail(parser *p, size_t at, const char *hint, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int fail(parser *p, size_t at, const char *hint, const char *fmt, ...)
{
	unsigned line = 0, col = 0;
	if (p->src && p->src->locate)
		p->src->locate(p->src->ud, at, &line, &col);
	va_list ap;
	va_start(ap, fmt);
	pm_diag_vadd(p->d, PM_ERROR, PM_ERR_SCHEMA, p->src ? p->src->file : NULL, line, col, fmt, ap);
	va_end(ap);
	if (hint)
		pm_diag_hint(p->d, "%s", hint);
	return -1;
}

/* "line:col" of offset `at`, for hints that point back. */
static const char *where(const parser *p, size_t at, char *buf, size_t len)
{
	unsigned line = 0, col = 0;
	if (p->src && p->src->locate)
		p->src->locate(p->src->ud, at, &line, &col);
	snprintf(buf, len, "%u:%u", line, col);
	return buf;
}

/* "did you mean 'x'?" among names[0..n), else "NOUN: a, b, c". */
static void hint_names(char *buf, size_t len, const char *word, size_t wlen, const char *const *names, size_t n,
                       const char *noun)
{
	char w[64];
	snprintf(w, sizeof w, "%.*s", (int)(wlen < 63 ? wlen : 63), word);
	const char *near = pm_suggest(w, names, n);
	if (near) {
		snprintf(buf, len, "did you mean '%s'?", near);
		return;
	}
	size_t used = (size_t)snprintf(buf, len, "%s: ", noun);
	for (size_t i = 0; i < n && used < len; i++)
		if (names[i])
			used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? ", " : "", names[i]);
}

/* ---- lexer ----------------------------------------------------------------------------------- */

static int word_char(char c, int first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       (!first && c == '-');
}

static void next(parser *p)
{
	const char *s = p->s;
	size_t i = p->pos;
	while (i < p->len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	tok t = {TK_END, i, 0, i};
	if (i >= p->len) {
		t.at = t.end = p->pos; /* the end: right after the last token */
		p->t = t;
		p->pos = i;
		return;
	}
	char c = s[i];
	if (word_char(c, 1)) {
		size_t j = i;
		while (j < p->len && word_char(s[j], j == i))
			j++;
		t.k = TK_WORD;
		t.len = j - i;
	} else if (c == '"' || c == '\'') {
		size_t j = i + 1;
		while (j < p->len && s[j] != c)
			j++;
		t.k = j < p->len ? TK_STR : TK_BAD;
		t.at = i + 1;
		t.len = j - i - 1;
		t.end = j < p->len ? j + 1 : j;
		p->t = t;
		p->pos = t.end;
		if (t.k == TK_BAD)
			p->t.at = i;
		return;
	} else if (strchr("=!<>~&|", c)) {
		size_t j = i;
		while (j < p->len && strchr("=!<>~&|", s[j]))
			j++;
		t.k = TK_OP;
		t.len = j - i;
	} else {
		static const char single[] = "()[],.";
		static const tk_kind kinds[] = {TK_LP, TK_RP, TK_LB, TK_RB, TK_COMMA, TK_DOT};
		const char *q = strchr(single, c);
		t.k = q ? kinds[q - single] : TK_BAD;
		/* one whole UTF-8 character for a bad one */
		t.len = 1;
		while (!q && i + t.len < p->len && ((unsigned char)s[i + t.len] & 0xC0) == 0x80)
			t.len++;
	}
	t.end = i + t.len;
	p->t = t;
	p->pos = t.end;
}

static int is_word(const parser *p, const char *w)
{
	return p->t.k == TK_WORD && p->t.len == strlen(w) && strncmp(p->s + p->t.at, w, p->t.len) == 0;
}

static int is_keyword(const parser *p)
{
	static const char *const kw[] = {"and", "or",       "not",      "any",  "all",  "no",
	                                 "in",  "contains", "mentions", "true", "false"};
	for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++)
		if (is_word(p, kw[i]))
			return 1;
	return 0;
}

/* What the current token is, for messages: "'foo'", "the end of the condition". */
static const char *tok_text(const parser *p, char *buf, size_t len)
{
	if (p->t.k == TK_END)
		return "the end of the condition";
	if (p->t.k == TK_STR)
		snprintf(buf, len, "\"%.*s\"", (int)(p->t.len < 40 ? p->t.len : 40), p->s + p->t.at);
	else
		snprintf(buf, len, "'%.*s'", (int)(p->t.len < 40 ? p->t.len : 40), p->s + p->t.at);
	return buf;
}

/* ---- nodes -------------------------------------------------------------------------------------- */

static rc_node *node(parser *p, rc_op op, rc_elem ctx, size_t start)
{
	rc_node *n = pm_arena_alloc(p->a, sizeof *n);
	n->op = op;
	n->ctx = ctx;
	n->start = (uint32_t)start;
	return n;
}

/* ---- paths ----------------------------------------------------------------------------------------- */

typedef struct path {
	const rc_rel *steps[RC_MAX_PATH];
	uint8_t n;
	rc_elem at;            /* the element kind the last name belongs to */
	size_t last, last_len; /* the last name */
	size_t start;
} path;

static void all_names(rc_elem el, const char **names, size_t *n, int attrs, int ones, int manys)
{
	const rc_elem_def *d = &rc_elems[el];
	*n = 0;
	for (size_t i = 0; attrs && i < d->n_attrs; i++)
		names[(*n)++] = d->attrs[i].name;
	for (size_t i = 0; i < d->n_rels; i++)
		if ((d->rels[i].many && manys) || (!d->rels[i].many && ones))
			names[(*n)++] = d->rels[i].name;
}

/* name ('.' name)*: every name but the last is a step through a one-relation. */
static int parse_path(parser *p, rc_elem el, path *out)
{
	memset(out, 0, sizeof *out);
	out->at = el;
	out->start = p->t.at;
	for (;;) {
		if (p->t.k != TK_WORD || is_keyword(p)) {
			char b[64];
			return fail(p, p->t.at, NULL, "expected the name of an attribute of %s, found %s",
			            elem_label[out->at], tok_text(p, b, sizeof b));
		}
		size_t at = p->t.at, len = p->t.len;
		next(p);
		if (p->t.k != TK_DOT) {
			out->last = at;
			out->last_len = len;
			return 0;
		}
		const char *w = p->s + at;
		const rc_rel *r = rc_rel_find(out->at, w, len);
		char hint[512];
		if (!r) {
			const char *names[64];
			size_t n;
			if (rc_attr_find(out->at, w, len))
				return fail(p, p->t.at, NULL,
				            "'%.*s' is an attribute of %s, not a neighbour: nothing follows it",
				            (int)len, w, elem_label[out->at]);
			all_names(out->at, names, &n, 0, 1, 0);
			hint_names(hint, sizeof hint, w, len, names, n, "neighbours");
			return fail(p, at, n ? hint : NULL, "unknown neighbour '%.*s' of %s", (int)len, w,
			            elem_label[out->at]);
		}
		if (r->many) {
			snprintf(hint, sizeof hint, "test them with any, all or no: any %.*s (...)", (int)len, w);
			return fail(p, at, hint, "'%.*s' are several %s, not one", (int)len, w, rc_elems[r->to].plural);
		}
		if (out->n == RC_MAX_PATH)
			return fail(p, at, NULL, "a path has at most %d steps", RC_MAX_PATH);
		out->steps[out->n++] = r;
		out->at = r->to;
		next(p); /* the dot */
	}
}

/* The last name of a path as an attribute (a test). */
static const rc_attr *path_attr(parser *p, const path *pa)
{
	const char *w = p->s + pa->last;
	size_t len = pa->last_len;
	const rc_attr *a = rc_attr_find(pa->at, w, len);
	if (a)
		return a;
	const rc_rel *r = rc_rel_find(pa->at, w, len);
	char hint[512];
	if (r && r->many) {
		snprintf(hint, sizeof hint, "test them with any, all or no: any %.*s (...)", (int)len, w);
		fail(p, pa->last, hint, "'%.*s' are several %s, not a value", (int)len, w, rc_elems[r->to].plural);
		return NULL;
	}
	if (r) {
		const rc_elem_def *d = &rc_elems[r->to];
		snprintf(hint, sizeof hint, "name one of its attributes, e.g. %.*s.%s", (int)len, w,
		         d->n_attrs > 1 ? d->attrs[1].name : d->attrs[0].name);
		fail(p, pa->last, hint, "'%.*s' is %s, not a value", (int)len, w, elem_label[r->to]);
		return NULL;
	}
	const char *names[64];
	size_t n;
	all_names(pa->at, names, &n, 1, 1, 1);
	hint_names(hint, sizeof hint, w, len, names, n, "attributes");
	fail(p, pa->last, hint, "unknown attribute '%.*s' of %s", (int)len, w, elem_label[pa->at]);
	return NULL;
}

/* The last name of a path as a list of neighbours (a quantifier). */
static const rc_rel *path_many(parser *p, const path *pa)
{
	const char *w = p->s + pa->last;
	size_t len = pa->last_len;
	const rc_rel *r = rc_rel_find(pa->at, w, len);
	if (r && r->many)
		return r;
	char hint[512];
	if (r) {
		snprintf(hint, sizeof hint, "test it directly, e.g. %.*s.%s", (int)len, w,
		         rc_elems[r->to].attrs[0].name);
		fail(p, pa->last, hint, "'%.*s' is one %s, not a list", (int)len, w, rc_elems[r->to].name);
		return NULL;
	}
	const char *names[64];
	size_t n;
	all_names(pa->at, names, &n, 0, 0, 1);
	if (rc_attr_find(pa->at, w, len)) {
		fail(p, pa->last, NULL, "'%.*s' is an attribute of %s, not a list to quantify over", (int)len, w,
		     elem_label[pa->at]);
		return NULL;
	}
	hint_names(hint, sizeof hint, w, len, names, n, "lists");
	fail(p, pa->last, n ? hint : NULL, "unknown list '%.*s' of %s", (int)len, w, elem_label[pa->at]);
	return NULL;
}

/* ---- values ------------------------------------------------------------------------------------------ */

static int parse_num(const char *s, size_t len, double *lo, double *hi)
{
	size_t i = 0;
	double a = 0, b;
	if (!len || s[0] < '0' || s[0] > '9')
		return -1;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		a = a * 10 + (s[i] - '0');
	b = a;
	if (i < len && s[i] == '-') {
		size_t j = ++i;
		for (b = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			b = b * 10 + (s[i] - '0');
		if (i == j || b < a)
			return -1;
	}
	if (i != len)
		return -1;
	*lo = a;
	*hi = b;
	return 0;
}

/* A token the lexer could not read: an unterminated string or a stray character. */
static int bad_token(parser *p)
{
	char b[64];
	if (p->s[p->t.at] == '"' || p->s[p->t.at] == '\'')
		return fail(p, p->t.at, "close it with the same quote", "unterminated string");
	return fail(p, p->t.at, NULL, "unexpected character %s", tok_text(p, b, sizeof b));
}

static int parse_value(parser *p, const rc_attr *a, rc_lit *lit)
{
	if (p->t.k == TK_BAD)
		return bad_token(p);
	const char *w = p->s + p->t.at;
	size_t len = p->t.len;
	char hint[512], b[64];
	switch (a->type) {
	case RC_BOOL:
		if (is_word(p, "true") || is_word(p, "false")) {
			lit->e = is_word(p, "true");
			break;
		}
		snprintf(hint, sizeof hint, "write '%s' or 'not %s'", a->name, a->name);
		return fail(p, p->t.at, hint, "'%s' is true or false, found %s", a->name, tok_text(p, b, sizeof b));
	case RC_ENUM:
	case RC_ORD: {
		if (p->t.k != TK_WORD && p->t.k != TK_STR)
			return fail(p, p->t.at, NULL, "expected a value of '%s', found %s", a->name,
			            tok_text(p, b, sizeof b));
		size_t n = 0;
		while (a->values[n])
			n++;
		for (size_t i = 0; i < n; i++)
			if (strlen(a->values[i]) == len && strncmp(a->values[i], w, len) == 0) {
				lit->e = (int)i;
				goto done;
			}
		hint_names(hint, sizeof hint, w, len, a->values, n, "allowed");
		return fail(p, p->t.at, hint, "invalid value '%.*s' for '%s'", (int)len, w, a->name);
	}
	case RC_TEXT:
		if (p->t.k != TK_STR) {
			snprintf(hint, sizeof hint, "text is quoted, e.g. %s contains \"%.*s\"", a->name,
			         (int)(len < 40 ? len : 40), w);
			return fail(p, p->t.at, p->t.k == TK_WORD ? hint : NULL,
			            "'%s' is text: expected a quoted string, found %s", a->name,
			            tok_text(p, b, sizeof b));
		}
		lit->s = pm_arena_strndup(p->a, w, len);
		break;
	case RC_NUM:
		if (p->t.k != TK_WORD || parse_num(w, len, &lit->lo, &lit->hi) < 0)
			return fail(p, p->t.at, "a number (104) or a range (49152-65535)", "'%s' is a number, found %s",
			            a->name, tok_text(p, b, sizeof b));
		break;
	}
done:
	next(p);
	return 0;
}

/* value, or '[' value (',' value)* ']' when allowed (in, contains). */
static int parse_values(parser *p, const rc_attr *a, int list, rc_node *n)
{
	rc_lit buf[64];
	size_t k = 0;
	if (p->t.k != TK_LB) {
		if (list == 2) {
			char b[64];
			snprintf(b, sizeof b, "'in' takes a list, e.g. %s in [a, b]", a->name);
			return fail(p, p->t.at, b, "expected '[' after 'in'");
		}
		memset(&buf[0], 0, sizeof buf[0]);
		if (parse_value(p, a, &buf[0]) < 0)
			return -1;
		k = 1;
	} else {
		if (!list)
			return fail(p, p->t.at, "use 'in' to compare with a list",
			            "a list needs 'in', 'contains' or 'mentions'");
		size_t open = p->t.at;
		next(p);
		for (;;) {
			if (k == sizeof buf / sizeof buf[0])
				return fail(p, p->t.at, NULL, "a list has at most %zu values",
				            sizeof buf / sizeof buf[0]);
			memset(&buf[k], 0, sizeof buf[k]);
			if (parse_value(p, a, &buf[k]) < 0)
				return -1;
			k++;
			if (p->t.k == TK_COMMA) {
				next(p);
				continue;
			}
			if (p->t.k == TK_RB)
				break;
			char b[64], h[80];
			snprintf(h, sizeof h, "the list opens at %s", where(p, open, b, sizeof b));
			return fail(p, p->t.at, h, "expected ',' or ']' in a list, found %s", tok_text(p, b, sizeof b));
		}
		next(p);
	}
	rc_lit *lits = pm_arena_array(p->a, k, sizeof *lits);
	memcpy(lits, buf, k * sizeof *lits);
	n->lits = lits;
	n->n_lits = k;
	return 0;
}

/* ---- operators ------------------------------------------------------------------------------------------- */

/* Common mistakes and what to write instead. */
static const char *op_advice(const char *w, size_t len)
{
	static const char *const m[][2] = {
	        {"==", "="},
	        {"is", "="},
	        {"eq", "="},
	        {"equals", "="},
	        {"ne", "!="},
	        {"<>", "!="},
	        {"isnt", "!="},
	        {"=>", ">="},
	        {"=<", "<="},
	        {"&&", "and"},
	        {"&", "and"},
	        {"||", "or"},
	        {"|", "or"},
	        {"!", "not"},
	        {"~", "contains"},
	        {"has", "contains"},
	        {"includes", "contains"},
	        {"like", "contains"},
	        {"matches", "contains"},
	        {"mention", "mentions"},
	        {"word", "mentions"},
	        {"of", "in"},
	};
	for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
		if (strlen(m[i][0]) == len && strncmp(m[i][0], w, len) == 0)
			return m[i][1];
	return NULL;
}

static const char op_list[] = "operators: = != < <= > >= in contains mentions";

/* The operator after a path, or RC_STATED when the test ends there. */
static int parse_cmp(parser *p, rc_cmp *out)
{
	const char *w = p->s + p->t.at;
	size_t len = p->t.len;
	*out = RC_STATED;
	if (p->t.k == TK_OP) {
		static const struct {
			const char *s;
			rc_cmp c;
		} ops[] = {
		        {"=", RC_EQ}, {"!=", RC_NE}, {"<", RC_LT}, {"<=", RC_LE}, {">", RC_GT}, {">=", RC_GE},
		};
		for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
			if (strlen(ops[i].s) == len && strncmp(ops[i].s, w, len) == 0) {
				*out = ops[i].c;
				next(p);
				return 0;
			}
	} else if (is_word(p, "in") || is_word(p, "contains") || is_word(p, "mentions")) {
		*out = is_word(p, "in") ? RC_IN : is_word(p, "contains") ? RC_CONTAINS : RC_MENTIONS;
		next(p);
		return 0;
	} else if (p->t.k != TK_WORD || is_word(p, "and") || is_word(p, "or") || is_keyword(p)) {
		return 0; /* the test ends here */
	}
	const char *adv = op_advice(w, len);
	char hint[128];
	if (adv)
		snprintf(hint, sizeof hint, "write '%s'", adv);
	return fail(p, p->t.at, adv ? hint : op_list, "unknown operator '%.*s'", (int)len, w);
}

static int check_cmp(parser *p, const rc_attr *a, rc_cmp c, size_t at)
{
	static const char *const cmp_names[] = {"", "=", "!=", "<", "<=", ">", ">=", "in", "contains", "mentions"};
	int ok;
	switch (a->type) {
	case RC_BOOL:
		ok = c == RC_STATED || c == RC_EQ || c == RC_NE;
		break;
	case RC_ENUM:
		ok = c == RC_STATED || c == RC_EQ || c == RC_NE || c == RC_IN;
		break;
	case RC_TEXT:
		ok = c == RC_STATED || c == RC_EQ || c == RC_NE || c == RC_IN || c == RC_CONTAINS || c == RC_MENTIONS;
		break;
	default:
		ok = c != RC_CONTAINS && c != RC_MENTIONS;
		break; /* ordered words, numbers */
	}
	if (ok)
		return 0;
	char hint[160];
	const char *what;
	switch (a->type) {
	case RC_BOOL:
		what = "true or false";
		snprintf(hint, sizeof hint, "write '%s' or 'not %s'", a->name, a->name);
		break;
	case RC_ENUM:
		what = "one of a list of words, not ordered";
		snprintf(hint, sizeof hint, "compare it with = != or in [...]");
		break;
	case RC_TEXT:
		what = "text";
		snprintf(hint, sizeof hint, "compare it with = != in contains or mentions");
		break;
	default:
		what = "a value that 'contains' and 'mentions' cannot test";
		snprintf(hint, sizeof hint, "compare it with = != < <= > >= or in [...]");
		break;
	}
	return fail(p, at, hint, "'%s' cannot be used on '%s', which is %s", cmp_names[c], a->name, what);
}

/* A test or quantifier node that starts with the path pa. */
static rc_node *path_node(parser *p, rc_op op, rc_elem el, size_t start, const path *pa)
{
	rc_node *n = node(p, op, el, start);
	memcpy(n->steps, pa->steps, sizeof pa->steps);
	n->n_steps = pa->n;
	return n;
}

/* ---- expressions --------------------------------------------------------------------------------------------- */

static rc_node *parse_or(parser *p, rc_elem el);

static rc_node *parse_test(parser *p, rc_elem el)
{
	size_t start = p->t.at;
	path pa;
	if (parse_path(p, el, &pa) < 0)
		return NULL;
	const rc_attr *a = path_attr(p, &pa);
	if (!a)
		return NULL;
	rc_node *n = path_node(p, RC_TEST, el, start, &pa);
	n->attr = a;
	size_t op_at = p->t.at;
	int negated = 0;
	if (is_word(p, "not")) { /* 'not in': the negation of 'in' */
		parser saved = *p;
		next(p);
		if (is_word(p, "in"))
			negated = 1;
		else
			*p = saved;
	}
	if (parse_cmp(p, &n->cmp) < 0 || check_cmp(p, a, n->cmp, op_at) < 0)
		return NULL;
	if (n->cmp != RC_STATED && parse_values(p, a,
	                                        n->cmp == RC_IN                                  ? 2
	                                        : n->cmp == RC_CONTAINS || n->cmp == RC_MENTIONS ? 1
	                                                                                         : 0,
	                                        n) < 0)
		return NULL;
	n->end = (uint32_t)(n->cmp == RC_STATED ? pa.last + pa.last_len : p->t.at);
	if (n->cmp != RC_STATED) {
		/* end of the last value token consumed */
		size_t e = p->t.at;
		while (e > start &&
		       (p->s[e - 1] == ' ' || p->s[e - 1] == '\t' || p->s[e - 1] == '\n' || p->s[e - 1] == '\r'))
			e--;
		n->end = (uint32_t)e;
	}
	if (negated) {
		rc_node *no = node(p, RC_NOT, el, start);
		no->a = n;
		no->end = n->end;
		return no;
	}
	return n;
}

static rc_node *parse_group(parser *p, rc_elem el, size_t *end)
{
	size_t open = p->t.at;
	next(p);
	rc_node *n = parse_or(p, el);
	if (!n)
		return NULL;
	if (p->t.k != TK_RP) {
		char b[64], h[80];
		snprintf(h, sizeof h, "the '(' at %s is not closed", where(p, open, b, sizeof b));
		fail(p, p->t.at, h, "expected ')' or 'and'/'or', found %s", tok_text(p, b, sizeof b));
		return NULL;
	}
	*end = p->t.end;
	next(p);
	return n;
}

static rc_node *parse_quant(parser *p, rc_elem el)
{
	size_t start = p->t.at;
	rc_op op = is_word(p, "any") ? RC_ANY : is_word(p, "all") ? RC_ALL : RC_NO;
	next(p);
	path pa;
	if (parse_path(p, el, &pa) < 0)
		return NULL;
	const rc_rel *r = path_many(p, &pa);
	if (!r)
		return NULL;
	rc_node *n = path_node(p, op, el, start, &pa);
	n->many = r;
	n->end = (uint32_t)(pa.last + pa.last_len);
	if (p->t.k == TK_LP) {
		size_t end;
		if (!(n->a = parse_group(p, r->to, &end)))
			return NULL;
		n->end = (uint32_t)end;
	}
	return n;
}

static rc_node *parse_unary(parser *p, rc_elem el)
{
	if (++p->depth > MAX_DEPTH) {
		fail(p, p->t.at, NULL, "the condition nests deeper than %d levels", MAX_DEPTH);
		return NULL;
	}
	rc_node *n = NULL;
	char b[64];
	if (is_word(p, "not")) {
		size_t start = p->t.at;
		next(p);
		rc_node *a = parse_unary(p, el);
		if (a) {
			n = node(p, RC_NOT, el, start);
			n->a = a;
			n->end = a->end;
		}
	} else if (p->t.k == TK_LP) {
		size_t start = p->t.at, end;
		n = parse_group(p, el, &end);
		if (n) {
			/* keep the parentheses in the span, for explanations */
			n->start = (uint32_t)start;
			n->end = (uint32_t)end;
		}
	} else if (is_word(p, "any") || is_word(p, "all") || is_word(p, "no")) {
		n = parse_quant(p, el);
	} else if (p->t.k == TK_WORD && !is_keyword(p)) {
		n = parse_test(p, el);
	} else if (p->t.k == TK_BAD) {
		bad_token(p);
	} else {
		fail(p, p->t.at, "a condition is a test (kind = usb), 'not', 'any', 'all', 'no' or '('",
		     "expected a test, found %s", tok_text(p, b, sizeof b));
	}
	p->depth--;
	return n;
}

static rc_node *parse_binary(parser *p, rc_elem el, int is_or)
{
	rc_node *l = is_or ? parse_binary(p, el, 0) : parse_unary(p, el);
	while (l && is_word(p, is_or ? "or" : "and")) {
		next(p);
		rc_node *r = is_or ? parse_binary(p, el, 0) : parse_unary(p, el);
		if (!r)
			return NULL;
		rc_node *n = node(p, is_or ? RC_OR : RC_AND, el, l->start);
		n->a = l;
		n->b = r;
		n->end = r->end;
		l = n;
	}
	return l;
}

static rc_node *parse_or(parser *p, rc_elem el)
{
	return parse_binary(p, el, 1);
}

int rc_parse(const char *text, rc_elem el, const rc_source *src, pm_arena *a, const rc_node **out, pm_diags *d)
{
	parser p = {text, strlen(text), 0, {TK_END, 0, 0, 0}, src, a, d, 0};
	*out = NULL;
	next(&p);
	if (p.t.k == TK_END)
		return fail(&p, 0, "write a test such as kind = usb", "the condition is empty");
	rc_node *n = parse_or(&p, el);
	if (!n)
		return -1;
	if (p.t.k == TK_BAD)
		return bad_token(&p);
	if (p.t.k != TK_END) {
		char b[64];
		const char *adv = p.t.k == TK_OP || p.t.k == TK_WORD ? op_advice(p.s + p.t.at, p.t.len) : NULL;
		char hint[80];
		if (adv)
			snprintf(hint, sizeof hint, "write '%s'", adv);
		return fail(&p, p.t.at, adv ? hint : "join tests with 'and' or 'or'", "unexpected %s",
		            tok_text(&p, b, sizeof b));
	}
	*out = n;
	return 0;
}

int rc_parse_path(const char *text, size_t at, size_t len, rc_elem el, const rc_source *src, const rc_rel **steps,
                  uint8_t *n_steps, const rc_attr **attr, pm_diags *d)
{
	/* a parser over text[at, at + len): offsets stay those of the whole text */
	parser p = {text, at + len, at, {TK_END, 0, 0, 0}, src, NULL, d, 0};
	next(&p);
	path pa;
	if (parse_path(&p, el, &pa) < 0)
		return -1;
	if (p.t.k != TK_END) {
		char b[64];
		return fail(&p, p.t.at, "a placeholder is a path such as {name} or {from.zone.name}",
		            "unexpected %s in a placeholder", tok_text(&p, b, sizeof b));
	}
	const rc_attr *a = path_attr(&p, &pa);
	if (!a)
		return -1;
	memcpy(steps, pa.steps, sizeof pa.steps);
	*n_steps = pa.n;
	*attr = a;
	return 0;
}

int rc_template_parse(const char *text, rc_elem el, const rc_source *src, pm_arena *a, const rc_template **out,
                      pm_diags *d)
{
	*out = NULL;
	size_t n = 0, cap = 8, len = strlen(text), lit = 0;
	rc_piece *v = pm_arena_array(a, cap, sizeof *v);
	char *buf = pm_arena_alloc(a, len + 1); /* literal pieces, unescaped, one after another */
	size_t used = 0, lit_start = 0;
	for (size_t i = 0; i <= len; i++) {
		int brace = i < len && (text[i] == '{' || text[i] == '}');
		if (brace && i + 1 < len && text[i + 1] == text[i]) { /* {{ or }} */
			buf[used++] = text[i++];
			lit = 1;
			continue;
		}
		if (i < len && !brace) {
			buf[used++] = text[i];
			lit = 1;
			continue;
		}
		/* end of a literal: at a brace or at the end */
		if (n + 2 > cap) {
			rc_piece *w = pm_arena_array(a, cap * 2, sizeof *w);
			memcpy(w, v, n * sizeof *v);
			v = w;
			cap *= 2;
		}
		if (lit) {
			buf[used++] = '\0';
			v[n++].lit = buf + lit_start;
			lit_start = used;
			lit = 0;
		}
		if (i == len)
			break;
		parser p = {text, len, i, {TK_END, 0, 0, 0}, src, a, d, 0};
		if (text[i] == '}')
			return fail(&p, i, "write }} for a literal brace", "'}' without a '{'");
		size_t close = i + 1;
		while (close < len && text[close] != '}' && text[close] != '{')
			close++;
		if (close >= len || text[close] != '}')
			return fail(&p, i, "write {{ for a literal brace", "placeholder not closed with '}'");
		rc_piece *pc = &v[n++];
		pc->ctx = el;
		if (rc_parse_path(text, i + 1, close - i - 1, el, src, pc->steps, &pc->n_steps, &pc->attr, d) < 0)
			return -1;
		i = close;
	}
	rc_template *t = pm_arena_alloc(a, sizeof *t);
	t->v = v;
	t->n = n;
	*out = t;
	return 0;
}
