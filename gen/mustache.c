/* mustache.c — Mustache templates: compile once, render many times
 * (see include/premarket/mustache.h and docs/mustache.md).
 *
 * The contract is the Mustache spec (github.com/mustache/spec):
 * comments, delimiters, interpolation, inverted, partials, sections and
 * the optional ~inheritance module, whose whitespace rules are summarised
 * in the spec's specs/whitespace.md.  tests/unit/test_mustache_spec.c runs
 * every example of those files.
 *
 * Compilation runs in stages over one token array:
 *
 *   lex        source -> tokens: TEXT (never holding a line break), NL ("\n"
 *              or "\r\n"), and one token per tag.  Set-delimiter tags are
 *              applied here.  Each token keeps its 1-based line:column.
 *   pair       match every section/inverted/parent/block opener with its
 *              closing tag; a block directly inside a parent is an
 *              "argument", any other block a "parameter".
 *   strip      remove the intrinsic indentation of argument blocks and of
 *              standalone parameter blocks whose opening tag ends its line:
 *              the leading whitespace of the line after the opening tag is
 *              removed from the start of every line of the block.
 *   standalone remove the whitespace and line break around standalone tags
 *              (the only tag on their line, other than interpolation), and
 *              around standalone parent and parameter-block pairs (opening
 *              tag first on its line, closing tag last on its line); the
 *              removed leading whitespace becomes the indentation of a
 *              partial, parent or block.
 *   build      tokens -> a flat node array in document order, where a
 *              container (section, inverted, parent, block) is followed by
 *              its children and records in `end` the index one past its
 *              last descendant.  A MARK node starts every template line
 *              (except a template's or a block's first line).
 *
 * Rendering walks the node array with a context stack of values.
 * Indentation of standalone partials, parents and blocks is applied lazily:
 * a MARK node (a line start in the template) makes the current indentation
 * "pending", and it is written just before the next byte of output.  So
 * template lines are indented while line breaks inside interpolated values
 * are not, as the spec requires.  Lines that render as nothing, or as just
 * a line break, are not indented (no trailing whitespace).  Block overrides
 * are looked up in a stack of frames, one per parent being rendered,
 * outermost first, so that the top-level template's arguments take
 * precedence.
 */
#include "hash.h"
#include "premarket/mustache.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)

/* ------------------------------------------------------------------ */
/* Compiled form                                                       */
/* ------------------------------------------------------------------ */

enum node_kind {
	N_TEXT,     /* literal bytes */
	N_MARK,     /* a template line starts here: indentation becomes pending */
	N_VAR,      /* {{x}}: escaped */
	N_RAW,      /* {{{x}}} or {{&x}} */
	N_SECTION,  /* {{#x}} ... {{/x}} */
	N_INVERTED, /* {{^x}} ... {{/x}} */
	N_PARTIAL,  /* {{>x}} */
	N_PARENT,   /* {{<x}} ... {{/x}} */
	N_BLOCK     /* {{$x}} ... {{/x}} */
};

#define NF_STANDALONE 1u /* partial/parent/block: indent by `ind`, starting a line */

struct part {
	const char *s;
	size_t len;
	uint64_t hash; /* pm_hash_bytes(s, len), computed once at compile time */
};

struct mnode {
	unsigned char kind;
	unsigned char flags;
	unsigned line, col;
	size_t end;    /* one past the last descendant; i + 1 for leaves */
	const char *s; /* text bytes, or the tag's name */
	size_t len;
	size_t part0;  /* first dotted-name part in t->parts */
	size_t nparts; /* 0 = the implicit iterator "." */
	const char *ind;
	size_t ind_len;
};

struct pm_mustache_template {
	const char *name; /* borrowed */
	char *src;        /* owned copy of the source: every pointer points here */
	size_t src_len;
	struct mnode *nodes;
	size_t n, cap;
	struct part *parts;
	size_t nparts, capparts;
};

/* ------------------------------------------------------------------ */
/* Tokens                                                              */
/* ------------------------------------------------------------------ */

enum tok_kind {
	T_TEXT,
	T_NL,
	T_VAR,
	T_RAW,
	T_SECTION,
	T_INVERTED,
	T_CLOSE,
	T_PARTIAL,
	T_PARENT,
	T_BLOCK,
	T_COMMENT,
	T_DELIM
};

#define TF_ARG   0x01u /* block: an argument (direct child of a parent) */
#define TF_PAIR  0x02u /* parent/parameter block: standalone pair */
#define TF_EOL   0x04u /* only whitespace follows the tag on its line */
#define TF_BOL   0x08u /* only whitespace precedes the tag on its line */
#define TF_INTR  0x10u /* block: has intrinsic indentation */
#define TF_ALONE 0x20u /* the only tag on its line, which is otherwise blank */

struct tok {
	unsigned char kind;
	unsigned char removed;
	unsigned char flags;
	char sigil;
	unsigned line, col;
	const char *s; /* text, or the tag's name */
	size_t len;
	size_t mate;       /* opener <-> closing tag */
	size_t strip_base; /* block with TF_INTR: strips active outside it */
	const char *ind;
	size_t ind_len;
};

struct compiler {
	pm_mustache_template *t;
	const char *src;
	size_t n;
	size_t pos;
	unsigned line, col; /* of src[pos] */
	pm_diags *d;
	struct tok *tk;
	size_t nt, capt;
};

static int is_ws(char c)
{
	return c == ' ' || c == '\t';
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static int all_ws(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_ws(s[i]))
			return 0;
	return 1;
}

static int fail_at(struct compiler *c, unsigned line, unsigned col, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

static int fail_at(struct compiler *c, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (c->d)
		pm_diag_vadd(c->d, PM_ERROR, PM_ERR_RENDER, c->t->name, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

/* Move c->pos to `to`, keeping line:column (columns count UTF-8 characters). */
static void advance(struct compiler *c, size_t to)
{
	for (; c->pos < to; c->pos++) {
		unsigned char ch = (unsigned char)c->src[c->pos];
		if (ch == '\n') {
			c->line++;
			c->col = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c->col++;
		}
	}
}

static struct tok *push_tok(struct compiler *c, int kind, size_t at, const char *s, size_t len)
{
	advance(c, at);
	c->tk = pm_xgrow(c->tk, &c->capt, c->nt + 1, sizeof *c->tk);
	struct tok *k = &c->tk[c->nt++];
	memset(k, 0, sizeof *k);
	k->kind = (unsigned char)kind;
	k->line = c->line;
	k->col = c->col;
	k->s = s;
	k->len = len;
	k->mate = NONE;
	return k;
}

/* First occurrence of needle[0..m) in src[from..n), or n. */
static size_t find(const char *src, size_t n, size_t from, const char *needle, size_t m)
{
	if (m == 0 || m > n)
		return n;
	for (size_t i = from; i + m <= n; i++) {
		const char *p = memchr(src + i, needle[0], n - m + 1 - i);
		if (!p)
			return n;
		i = (size_t)(p - src);
		if (memcmp(p, needle, m) == 0)
			return i;
	}
	return n;
}

/* Text tokens for src[from..to): split so that every line break is an NL token. */
static void lex_text(struct compiler *c, size_t from, size_t to)
{
	while (from < to) {
		const char *nl = memchr(c->src + from, '\n', to - from);
		size_t k = nl ? (size_t)(nl - c->src) : to;
		size_t text_end = k;
		if (nl && k > from && c->src[k - 1] == '\r')
			text_end = k - 1;
		if (text_end > from)
			push_tok(c, T_TEXT, from, c->src + from, text_end - from);
		if (!nl)
			break;
		push_tok(c, T_NL, text_end, c->src + text_end, k + 1 - text_end);
		from = k + 1;
	}
	advance(c, to);
}

/* A name of a variable or section: "." or non-empty parts joined by dots. */
static int valid_dotted(const char *s, size_t n)
{
	if (n == 1 && s[0] == '.')
		return 1;
	if (n == 0 || s[0] == '.' || s[n - 1] == '.')
		return 0;
	for (size_t i = 1; i < n; i++)
		if (s[i] == '.' && s[i - 1] == '.')
			return 0;
	return 1;
}

static int lex(struct compiler *c)
{
	const char *otag = "{{", *ctag = "}}";
	size_t olen = 2, clen = 2;
	const char *src = c->src;
	size_t n = c->n;

	while (c->pos < n) {
		size_t q = find(src, n, c->pos, otag, olen);
		lex_text(c, c->pos, q);
		if (q >= n)
			break;
		unsigned tline = c->line, tcol = c->col;
		size_t p = q + olen;
		char sigil = p < n ? src[p] : '\0';
		int kind;
		switch (sigil) {
		case '#':
			kind = T_SECTION;
			break;
		case '^':
			kind = T_INVERTED;
			break;
		case '/':
			kind = T_CLOSE;
			break;
		case '>':
			kind = T_PARTIAL;
			break;
		case '<':
			kind = T_PARENT;
			break;
		case '$':
			kind = T_BLOCK;
			break;
		case '&':
			kind = T_RAW;
			break;
		case '{':
			kind = T_RAW;
			break;
		case '!':
			kind = T_COMMENT;
			break;
		case '=':
			kind = T_DELIM;
			break;
		default:
			kind = T_VAR;
			sigil = '\0';
			break;
		}
		size_t cstart = sigil ? p + 1 : p;
		size_t cend, tend;
		if (sigil == '{' || sigil == '=') {
			/* the content ends at "}" or "=" followed by the closing delimiter */
			char last = sigil == '{' ? '}' : '=';
			size_t from = cstart;
			for (;;) {
				size_t k = find(src, n, from, ctag, clen);
				if (k >= n) {
					cend = n;
					break;
				}
				if (k > cstart && src[k - 1] == last) {
					cend = k - 1;
					break;
				}
				from = k + 1;
			}
		} else {
			cend = find(src, n, cstart, ctag, clen);
		}
		if (cend >= n)
			return fail_at(c, tline, tcol, "unclosed tag: \"%.*s\" without \"%s%.*s\"", (int)olen, otag,
			               sigil == '{'   ? "}"
			               : sigil == '=' ? "="
			                              : "",
			               (int)clen, ctag);
		tend = (sigil == '{' || sigil == '=' ? cend + 1 : cend) + clen;

		/* the content, trimmed */
		size_t a = cstart, b = cend;
		while (a < b && is_space(src[a]))
			a++;
		while (b > a && is_space(src[b - 1]))
			b--;

		if (kind == T_COMMENT) {
			push_tok(c, T_COMMENT, q, src + a, b - a);
		} else if (kind == T_DELIM) {
			size_t o1 = a, o2 = a;
			while (o2 < b && !is_space(src[o2]))
				o2++;
			size_t c1 = o2;
			while (c1 < b && is_space(src[c1]))
				c1++;
			size_t c2 = c1;
			while (c2 < b && !is_space(src[c2]))
				c2++;
			if (o2 == o1 || c2 == c1 || c2 != b || memchr(src + o1, '=', o2 - o1) ||
			    memchr(src + c1, '=', c2 - c1))
				return fail_at(c, tline, tcol,
				               "bad set-delimiter tag: expected two delimiters without "
				               "spaces or '=', as in \"{{=<%% %%>=}}\"");
			push_tok(c, T_DELIM, q, src + a, b - a);
			otag = src + o1;
			olen = o2 - o1;
			ctag = src + c1;
			clen = c2 - c1;
		} else {
			const char *name = src + a;
			size_t len = b - a;
			if (len == 0)
				return fail_at(c, tline, tcol, "empty tag: a name is missing");
			for (size_t i = 0; i < len; i++)
				if (is_space(name[i]))
					return fail_at(c, tline, tcol,
					               "invalid name \"%.*s\": names cannot contain spaces", (int)len,
					               name);
			if ((kind == T_VAR || kind == T_RAW || kind == T_SECTION || kind == T_INVERTED) &&
			    !valid_dotted(name, len))
				return fail_at(c, tline, tcol, "invalid name \"%.*s\": a dotted name has an empty part",
				               (int)len, name);
			struct tok *k = push_tok(c, kind, q, name, len);
			k->sigil = sigil;
		}
		advance(c, tend);
	}
	return 0;
}

static const char *kind_word(int kind)
{
	switch (kind) {
	case T_PARENT:
		return "parent";
	case T_BLOCK:
		return "block";
	case T_INVERTED:
		return "inverted section";
	default:
		return "section";
	}
}

/* Match openers with closing tags; mark argument blocks. */
static int pair(struct compiler *c)
{
	size_t *stack = NULL, depth = 0, cap = 0;
	for (size_t i = 0; i < c->nt; i++) {
		struct tok *k = &c->tk[i];
		switch (k->kind) {
		case T_SECTION:
		case T_INVERTED:
		case T_PARENT:
		case T_BLOCK:
			if (k->kind == T_BLOCK && depth && c->tk[stack[depth - 1]].kind == T_PARENT)
				k->flags |= TF_ARG;
			stack = pm_xgrow(stack, &cap, depth + 1, sizeof *stack);
			stack[depth++] = i;
			break;
		case T_CLOSE: {
			if (!depth) {
				free(stack);
				return fail_at(c, k->line, k->col, "closing tag \"/%.*s\" has no open section",
				               (int)k->len, k->s);
			}
			struct tok *o = &c->tk[stack[depth - 1]];
			if (o->len != k->len || memcmp(o->s, k->s, k->len) != 0) {
				free(stack);
				return fail_at(c, k->line, k->col,
				               "closing tag \"/%.*s\" does not match %s \"%c%.*s\" "
				               "opened at %u:%u",
				               (int)k->len, k->s, kind_word(o->kind), o->sigil, (int)o->len, o->s,
				               o->line, o->col);
			}
			o->mate = i;
			k->mate = stack[--depth];
			break;
		}
		default:
			break;
		}
	}
	if (depth) {
		struct tok *o = &c->tk[stack[depth - 1]];
		int r = fail_at(c, o->line, o->col, "unclosed %s \"%c%.*s\": no closing \"/%.*s\"", kind_word(o->kind),
		                o->sigil, (int)o->len, o->s, (int)o->len, o->s);
		free(stack);
		return r;
	}
	free(stack);
	return 0;
}

static int is_blank_text(const struct tok *k)
{
	return k->kind == T_TEXT && all_ws(k->s, k->len);
}

/* TF_BOL / TF_EOL: whitespace-only text before / after each token on its line. */
static void line_flags(struct compiler *c)
{
	int ok = 1;
	for (size_t i = 0; i < c->nt; i++) {
		struct tok *k = &c->tk[i];
		if (k->kind == T_NL) {
			ok = 1;
			continue;
		}
		if (ok)
			k->flags |= TF_BOL;
		if (!is_blank_text(k))
			ok = 0;
	}
	ok = 1;
	for (size_t i = c->nt; i-- > 0;) {
		struct tok *k = &c->tk[i];
		if (k->kind == T_NL) {
			ok = 1;
			continue;
		}
		if (ok)
			k->flags |= TF_EOL;
		if (!is_blank_text(k))
			ok = 0;
	}
	for (size_t i = 0; i < c->nt; i++) {
		struct tok *k = &c->tk[i];
		if (k->kind != T_PARENT && !(k->kind == T_BLOCK && !(k->flags & TF_ARG)))
			continue;
		if ((k->flags & TF_BOL) && (c->tk[k->mate].flags & TF_EOL))
			k->flags |= TF_PAIR;
	}
}

/* Remove intrinsic indentation from the lines of blocks that have it. */
static void strip(struct compiler *c)
{
	struct part *st = NULL;
	size_t nst = 0, capst = 0;
	size_t pending = NONE;
	int bol = 1;
	for (size_t i = 0; i < c->nt; i++) {
		struct tok *k = &c->tk[i];
		if (bol) {
			bol = 0;
			if (k->kind == T_TEXT) {
				for (size_t j = 0; j < nst; j++) {
					if (st[j].len && k->len >= st[j].len && memcmp(k->s, st[j].s, st[j].len) == 0) {
						k->s += st[j].len;
						k->len -= st[j].len;
					}
				}
			}
			if (pending != NONE) {
				size_t w = 0;
				if (k->kind == T_TEXT)
					while (w < k->len && is_ws(k->s[w]))
						w++;
				st = pm_xgrow(st, &capst, nst + 1, sizeof *st);
				st[nst].s = k->s;
				st[nst].len = w;
				nst++;
				c->tk[pending].ind = k->s;
				c->tk[pending].ind_len = w;
				k->s += w;
				k->len -= w;
				pending = NONE;
			}
		}
		switch (k->kind) {
		case T_NL:
			bol = 1;
			break;
		case T_BLOCK:
			if ((k->flags & TF_EOL) && (k->flags & (TF_ARG | TF_PAIR))) {
				k->flags |= TF_INTR;
				k->strip_base = nst;
				pending = i;
			}
			break;
		case T_CLOSE: {
			struct tok *o = &c->tk[k->mate];
			if (o->kind == T_BLOCK && (o->flags & TF_INTR)) {
				if (pending == k->mate)
					pending = NONE;
				if (nst > o->strip_base)
					nst = o->strip_base;
			}
			break;
		}
		default:
			break;
		}
	}
	free(st);
}

/* Remove the whitespace and line breaks that standalone tags and pairs own. */
static void standalone(struct compiler *c)
{
	size_t a = 0;
	while (a < c->nt) {
		size_t b = a;
		while (b < c->nt && c->tk[b].kind != T_NL)
			b++;
		/* the line is tk[a..b), its break tk[b] when b < nt */
		size_t tags = 0, tag = NONE;
		int blank = 1;
		for (size_t i = a; i < b; i++) {
			struct tok *k = &c->tk[i];
			if (k->kind == T_TEXT) {
				if (!all_ws(k->s, k->len))
					blank = 0;
			} else {
				tags++;
				tag = i;
			}
		}
		struct tok *lead = a < b && c->tk[a].kind == T_TEXT ? &c->tk[a] : NULL;
		if (tags == 1 && blank && c->tk[tag].kind != T_VAR && c->tk[tag].kind != T_RAW) {
			struct tok *k = &c->tk[tag];
			k->flags |= TF_ALONE;
			for (size_t i = a; i < b; i++)
				if (i != tag)
					c->tk[i].removed = 1;
			if (b < c->nt)
				c->tk[b].removed = 1;
			if ((k->kind == T_PARTIAL || k->kind == T_PARENT) && lead) {
				k->ind = lead->s;
				k->ind_len = lead->len;
			}
		}
		for (size_t j = a; j < b; j++) {
			struct tok *k = &c->tk[j];
			int eat_right = 0, eat_left = 0;
			if (k->kind == T_BLOCK && (k->flags & TF_ARG) && (k->flags & TF_EOL))
				eat_right = 1; /* the line break belongs to the opening tag */
			if (k->kind == T_CLOSE && c->tk[k->mate].kind == T_PARENT && (c->tk[k->mate].flags & TF_PAIR))
				eat_right = 1;
			if (k->kind == T_PARENT && (k->flags & TF_PAIR))
				eat_left = 1;
			if (k->kind == T_BLOCK && (k->flags & TF_PAIR) && !(k->flags & TF_INTR))
				eat_left = 1;
			if (eat_right) {
				for (size_t i = j + 1; i < b; i++)
					c->tk[i].removed = 1;
				if (b < c->nt)
					c->tk[b].removed = 1;
			}
			if (eat_left) {
				if (lead && lead != k) {
					k->ind = lead->s;
					k->ind_len = lead->len;
					lead->removed = 1;
				}
			}
		}
		a = b + 1;
	}
}

static size_t add_node(pm_mustache_template *t, int kind, const struct tok *k)
{
	t->nodes = pm_xgrow(t->nodes, &t->cap, t->n + 1, sizeof *t->nodes);
	struct mnode *nd = &t->nodes[t->n];
	memset(nd, 0, sizeof *nd);
	nd->kind = (unsigned char)kind;
	nd->end = t->n + 1;
	if (k) {
		nd->line = k->line;
		nd->col = k->col;
		nd->s = k->s;
		nd->len = k->len;
		nd->ind = k->ind;
		nd->ind_len = k->ind_len;
	}
	return t->n++;
}

static void split_name(pm_mustache_template *t, struct mnode *nd)
{
	nd->part0 = t->nparts;
	nd->nparts = 0;
	if (nd->len == 1 && nd->s[0] == '.')
		return;
	size_t from = 0;
	for (size_t i = 0; i <= nd->len; i++) {
		if (i == nd->len || nd->s[i] == '.') {
			t->parts = pm_xgrow(t->parts, &t->capparts, t->nparts + 1, sizeof *t->parts);
			t->parts[t->nparts].s = nd->s + from;
			t->parts[t->nparts].len = i - from;
			t->parts[t->nparts].hash = pm_hash_bytes(nd->s + from, i - from);
			t->nparts++;
			nd->nparts++;
			from = i + 1;
		}
	}
}

static void build(struct compiler *c)
{
	pm_mustache_template *t = c->t;
	size_t *stack = NULL, depth = 0, cap = 0;
	size_t merge = NONE; /* TEXT node that the next contiguous text may extend */
	int bol = 1;
	for (size_t i = 0; i < c->nt; i++) {
		struct tok *k = &c->tk[i];
		if (k->removed || (k->kind == T_TEXT && k->len == 0)) {
			if (k->kind == T_NL)
				bol = 1;
			continue;
		}
		if (bol) {
			bol = 0;
			/* the template's first line, and a block's, start where their
			 * includer says: no MARK there */
			size_t parent = depth ? stack[depth - 1] : NONE;
			int first = parent == NONE ? t->n == 0 : t->n == parent + 1;
			if (!(first && (parent == NONE || t->nodes[parent].kind == N_BLOCK))) {
				add_node(t, N_MARK, k);
				merge = NONE;
			}
		}
		switch (k->kind) {
		case T_TEXT:
		case T_NL:
			if (merge != NONE && t->nodes[merge].s + t->nodes[merge].len == k->s) {
				t->nodes[merge].len += k->len;
			} else {
				merge = add_node(t, N_TEXT, k);
			}
			if (k->kind == T_NL)
				bol = 1;
			continue;
		case T_VAR:
		case T_RAW: {
			size_t x = add_node(t, k->kind == T_VAR ? N_VAR : N_RAW, k);
			split_name(t, &t->nodes[x]);
			break;
		}
		case T_SECTION:
		case T_INVERTED: {
			size_t x = add_node(t, k->kind == T_SECTION ? N_SECTION : N_INVERTED, k);
			split_name(t, &t->nodes[x]);
			stack = pm_xgrow(stack, &cap, depth + 1, sizeof *stack);
			stack[depth++] = x;
			break;
		}
		case T_PARENT:
		case T_BLOCK: {
			size_t x = add_node(t, k->kind == T_PARENT ? N_PARENT : N_BLOCK, k);
			if (k->kind == T_PARENT && (k->flags & (TF_PAIR | TF_ALONE)))
				t->nodes[x].flags |= NF_STANDALONE;
			if (k->kind == T_BLOCK && (k->flags & TF_PAIR))
				t->nodes[x].flags |= NF_STANDALONE;
			stack = pm_xgrow(stack, &cap, depth + 1, sizeof *stack);
			stack[depth++] = x;
			break;
		}
		case T_CLOSE:
			t->nodes[stack[--depth]].end = t->n;
			break;
		case T_PARTIAL: {
			size_t x = add_node(t, N_PARTIAL, k);
			if (k->flags & TF_ALONE)
				t->nodes[x].flags |= NF_STANDALONE;
			break;
		}
		default: /* comments and set-delimiter tags leave nothing */
			break;
		}
		merge = NONE;
	}
	free(stack);
}

int pm_mustache_compile(const char *name, const char *src, size_t len, pm_mustache_template **out, pm_diags *d)
{
	*out = NULL;
	pm_mustache_template *t = pm_xcalloc(1, sizeof *t);
	t->name = name;
	t->src = pm_xstrndup(src ? src : "", src ? len : 0);
	t->src_len = src ? len : 0;

	struct compiler c;
	memset(&c, 0, sizeof c);
	c.t = t;
	c.src = t->src;
	c.n = t->src_len;
	c.line = 1;
	c.col = 1;
	c.d = d;
	if (lex(&c) < 0 || pair(&c) < 0) {
		free(c.tk);
		pm_mustache_free(t);
		return -1;
	}
	line_flags(&c);
	strip(&c);
	standalone(&c);
	build(&c);
	free(c.tk);
	*out = t;
	return 0;
}

void pm_mustache_free(pm_mustache_template *t)
{
	if (!t)
		return;
	free(t->src);
	free(t->nodes);
	free(t->parts);
	free(t);
}

const char *pm_mustache_name(const pm_mustache_template *t)
{
	return t ? t->name : NULL;
}

/* ------------------------------------------------------------------ */
/* Environment                                                         */
/* ------------------------------------------------------------------ */

struct cached {
	char *name;
	size_t len;
	pm_mustache_template *t; /* NULL: not found, or failed */
	int failed;
};

/* What an environment remembers of a template it rendered (templates
 * themselves stay read-only, so they can be shared between threads):
 * pc[i], 1 + the index in the partial cache of the partial node i names
 * (0: not looked up yet); hint[k], where name part k was found last
 * (pm_value_map_get_hint()).  Keyed by the template's address and checked
 * against its sizes; both are hints that are verified where they are used,
 * so a template compiled at the address of a freed one reads no stale data. */
struct tmemo {
	const pm_mustache_template *t;
	size_t n, nparts;
	size_t *pc;
	uint32_t *hint;
};

struct pm_mustache_env {
	pm_mustache_opts o;
	struct cached *pc;
	size_t npc, cappc;
	struct tmemo **tm;
	size_t ntm, captm;
};

pm_mustache_env *pm_mustache_env_new(const pm_mustache_opts *opts)
{
	pm_mustache_env *env = pm_xcalloc(1, sizeof *env);
	if (opts)
		env->o = *opts;
	if (!env->o.escape)
		env->o.escape = pm_mustache_escape_html;
	if (!env->o.max_partial_depth)
		env->o.max_partial_depth = PM_MUSTACHE_DEFAULT_MAX_PARTIAL_DEPTH;
	return env;
}

void pm_mustache_env_free(pm_mustache_env *env)
{
	if (!env)
		return;
	for (size_t i = 0; i < env->npc; i++) {
		pm_mustache_free(env->pc[i].t);
		free(env->pc[i].name);
	}
	free(env->pc);
	for (size_t i = 0; i < env->ntm; i++) {
		free(env->tm[i]->pc);
		free(env->tm[i]->hint);
		free(env->tm[i]);
	}
	free(env->tm);
	free(env);
}

/* ------------------------------------------------------------------ */
/* Rendering                                                           */
/* ------------------------------------------------------------------ */

/* The environment's memo of t, made on first use. */
static struct tmemo *memo_of(pm_mustache_env *env, const pm_mustache_template *t)
{
	struct tmemo *m = NULL;
	for (size_t i = env->ntm; i-- > 0;)
		if (env->tm[i]->t == t) {
			m = env->tm[i];
			break;
		}
	if (m && m->n == t->n && m->nparts == t->nparts)
		return m;
	if (!m) {
		env->tm = pm_xgrow(env->tm, &env->captm, env->ntm + 1, sizeof *env->tm);
		m = env->tm[env->ntm++] = pm_xcalloc(1, sizeof *m);
		m->t = t;
	}
	free(m->pc);
	free(m->hint);
	m->n = t->n;
	m->nparts = t->nparts;
	m->pc = pm_xcalloc(t->n + 1, sizeof *m->pc);
	m->hint = pm_xcalloc(t->nparts + 1, sizeof *m->hint);
	return m;
}

struct frame {
	const pm_mustache_template *t;
	size_t node; /* the N_PARENT whose arguments apply */
};

struct render {
	pm_mustache_env *env;
	pm_buf *out;
	pm_diags *d;
	const pm_value **ctx;
	size_t nctx, capctx;
	struct frame *fr;
	size_t nfr, capfr;
	pm_buf ind; /* current indentation: ind.data[ind_base..ind.len) */
	size_t ind_base;
	pm_buf pend; /* indentation to write before the next output byte */
	int pending;
	unsigned depth, pdepth;
	int failed;
	int overflow0;
};

static int rfail(struct render *r, const pm_mustache_template *t, const struct mnode *nd, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

static int rfail(struct render *r, const pm_mustache_template *t, const struct mnode *nd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pm_diag_vadd(r->d, PM_ERROR, PM_ERR_RENDER, t->name, nd ? nd->line : 0, nd ? nd->col : 0, fmt, ap);
	va_end(ap);
	r->failed = 1;
	return -1;
}

/* A template line starts: the current indentation is written before the next byte. */
static void mark(struct render *r)
{
	r->pending = r->ind.len > r->ind_base;
	if (r->pending) {
		pm_buf_clear(&r->pend);
		pm_buf_put(&r->pend, r->ind.data + r->ind_base, r->ind.len - r->ind_base);
	}
}

static void flush(struct render *r)
{
	if (r->pending) {
		r->pending = 0;
		pm_buf_put(r->out, r->pend.data, r->pend.len);
	}
}

/* Template text: an empty template line is not indented. */
static void emit(struct render *r, const char *s, size_t n)
{
	if (!n)
		return;
	if (r->pending && (s[0] == '\n' || (s[0] == '\r' && n > 1 && s[1] == '\n')))
		r->pending = 0;
	flush(r);
	pm_buf_put(r->out, s, n);
}

static void push_ctx(struct render *r, const pm_value *v)
{
	r->ctx = pm_xgrow(r->ctx, &r->capctx, r->nctx + 1, sizeof *r->ctx);
	r->ctx[r->nctx++] = v;
}

static int truthy(const pm_value *v)
{
	switch (pm_value_type(v)) {
	case PM_VALUE_NULL:
		return 0;
	case PM_VALUE_BOOL:
		return pm_value_get_bool(v);
	case PM_VALUE_LIST:
		return pm_value_count(v) > 0;
	default:
		return 1;
	}
}

/* Resolve a (dotted) name against the context stack; NULL when missing. */
static const pm_value *lookup(const struct render *r, const pm_mustache_template *t, struct tmemo *tm,
                              const struct mnode *nd, int *found)
{
	*found = 1;
	if (nd->nparts == 0)
		return r->ctx[r->nctx - 1];
	const struct part *p = &t->parts[nd->part0];
	uint32_t *hint = &tm->hint[nd->part0];
	const pm_value *v = NULL;
	size_t k = r->nctx;
	while (k-- > 0) {
		if (pm_value_type(r->ctx[k]) != PM_VALUE_MAP)
			continue;
		v = pm_value_map_get_hint(r->ctx[k], p[0].s, p[0].len, p[0].hash, &hint[0]);
		if (v)
			break;
	}
	for (size_t i = 1; v && i < nd->nparts; i++)
		v = pm_value_map_get_hint(v, p[i].s, p[i].len, p[i].hash, &hint[i]);
	if (!v)
		*found = 0;
	return v;
}

/* The partial called nd's name: 0 with *out (NULL when not found), or -1. */
static int get_partial(struct render *r, const pm_mustache_template *t, struct tmemo *tm, const struct mnode *nd,
                       const pm_mustache_template **out)
{
	pm_mustache_env *env = r->env;
	*out = NULL;
	/* where the partial was found last: tried first */
	size_t ni = (size_t)(nd - t->nodes), first = tm->pc[ni] && tm->pc[ni] <= env->npc ? tm->pc[ni] - 1 : 0;
	for (size_t k = 0; k < env->npc; k++) {
		size_t i = (first + k) % env->npc;
		struct cached *e = &env->pc[i];
		if (e->len == nd->len && memcmp(e->name, nd->s, nd->len) == 0) {
			tm->pc[ni] = i + 1;
			if (e->failed)
				return rfail(r, t, nd, "partial \"%s\" has errors (reported earlier)", e->name);
			*out = e->t;
			return 0;
		}
	}
	char *name = pm_xstrndup(nd->s, nd->len);
	pm_mustache_template *p = NULL;
	int failed = 0;
	if (env->o.load) {
		pm_buf src;
		pm_buf_init(&src, 0);
		const char *file = NULL;
		size_t errors = r->d->errors;
		int rc = env->o.load(env->o.load_ud, name, &src, &file, r->d);
		if (rc < 0) {
			if (r->d->errors == errors)
				rfail(r, t, nd, "cannot load partial \"%s\"", name);
			r->failed = 1;
			pm_buf_free(&src);
			free(name);
			return -1;
		}
		if (rc == 0) {
			if (pm_mustache_compile(file ? file : name, src.data, src.len, &p, r->d) < 0) {
				pm_diag_hint(r->d, "in partial \"%s\" included from %s:%u:%u", name,
				             t->name ? t->name : "<template>", nd->line, nd->col);
				failed = 1;
			}
		}
		pm_buf_free(&src);
	}
	env->pc = pm_xgrow(env->pc, &env->cappc, env->npc + 1, sizeof *env->pc);
	struct cached *e = &env->pc[env->npc++];
	e->name = name; /* kept: diagnostics may point to it */
	e->len = nd->len;
	e->t = p;
	e->failed = failed;
	if (failed) {
		r->failed = 1;
		return -1;
	}
	*out = p;
	return 0;
}

/* Whether the parent at pt->nodes[pi] passes a block called name; its index in *out. */
static int find_arg(const pm_mustache_template *pt, size_t pi, const char *name, size_t len, size_t *out)
{
	const struct mnode *p = &pt->nodes[pi];
	for (size_t j = pi + 1; j < p->end; j = pt->nodes[j].end) {
		const struct mnode *b = &pt->nodes[j];
		if (b->kind == N_BLOCK && b->len == len && memcmp(b->s, name, len) == 0) {
			*out = j;
			return 1;
		}
	}
	return 0;
}

static int enter(struct render *r, const pm_mustache_template *t, const struct mnode *nd)
{
	if (++r->depth > PM_MUSTACHE_MAX_DEPTH) {
		r->depth--;
		return rfail(r, t, nd,
		             "nesting deeper than %d levels (sections, partials and "
		             "blocks); is the data cyclic?",
		             PM_MUSTACHE_MAX_DEPTH);
	}
	return 0;
}

static int render_range(struct render *r, const pm_mustache_template *t, size_t i, size_t end);

/* Render a partial or parent template p for the tag nd of t. */
static void render_include(struct render *r, const pm_mustache_template *t, size_t i, const pm_mustache_template *p)
{
	const struct mnode *nd = &t->nodes[i];
	if (r->pdepth >= r->env->o.max_partial_depth) {
		rfail(r, t, nd, "partials nested deeper than %u levels (recursive partial \"%.*s\"?)",
		      r->env->o.max_partial_depth, (int)nd->len, nd->s);
		return;
	}
	if (enter(r, t, nd) < 0)
		return;
	r->pdepth++;
	if (nd->kind == N_PARENT) {
		r->fr = pm_xgrow(r->fr, &r->capfr, r->nfr + 1, sizeof *r->fr);
		r->fr[r->nfr].t = t;
		r->fr[r->nfr].node = i;
		r->nfr++;
	}
	/* A standalone include indents its lines by the tag's indentation on
	 * top of the current one; an inline include is not part of the
	 * including template's lines, so it is not indented at all. */
	size_t saved = r->ind.len, saved_base = r->ind_base;
	if (nd->flags & NF_STANDALONE) {
		pm_buf_put(&r->ind, nd->ind, nd->ind_len);
		mark(r);
	} else {
		r->ind_base = r->ind.len;
	}
	render_range(r, p, 0, p->n);
	r->ind.len = saved;
	r->ind_base = saved_base;
	if (nd->kind == N_PARENT)
		r->nfr--;
	r->pdepth--;
	r->depth--;
}

static int render_range(struct render *r, const pm_mustache_template *t, size_t i, size_t end)
{
	struct tmemo *tm = memo_of(r->env, t);
	while (i < end && !r->failed) {
		const struct mnode *nd = &t->nodes[i];
		switch (nd->kind) {
		case N_TEXT:
			emit(r, nd->s, nd->len);
			break;
		case N_MARK:
			mark(r);
			break;
		case N_VAR:
		case N_RAW: {
			int found;
			const pm_value *v = lookup(r, t, tm, nd, &found);
			if (!found && (r->env->o.flags & PM_MUSTACHE_STRICT)) {
				rfail(r, t, nd, "unknown name \"%.*s\"", (int)nd->len, nd->s);
				break;
			}
			size_t n;
			const char *s = pm_value_text(v, &n);
			if (!n)
				break;
			flush(r);
			if (nd->kind == N_VAR)
				r->env->o.escape(r->out, s, n, r->env->o.escape_ud);
			else
				pm_buf_put(r->out, s, n);
			break;
		}
		case N_SECTION:
		case N_INVERTED: {
			int found;
			const pm_value *v = lookup(r, t, tm, nd, &found);
			int list = pm_value_type(v) == PM_VALUE_LIST;
			int show = truthy(v);
			if (nd->kind == N_INVERTED) {
				if (!show && enter(r, t, nd) == 0) {
					render_range(r, t, i + 1, nd->end);
					r->depth--;
				}
			} else if (show && enter(r, t, nd) == 0) {
				size_t count = list ? pm_value_count(v) : 1;
				for (size_t k = 0; k < count && !r->failed; k++) {
					push_ctx(r, list ? pm_value_list_at(v, k) : v);
					render_range(r, t, i + 1, nd->end);
					r->nctx--;
				}
				r->depth--;
			}
			break;
		}
		case N_PARTIAL:
		case N_PARENT: {
			const pm_mustache_template *p;
			if (get_partial(r, t, tm, nd, &p) < 0)
				break;
			if (!p) {
				if (r->env->o.flags & PM_MUSTACHE_STRICT)
					rfail(r, t, nd, "unknown partial \"%.*s\"", (int)nd->len, nd->s);
				break;
			}
			render_include(r, t, i, p);
			break;
		}
		case N_BLOCK: {
			const pm_mustache_template *bt = t;
			size_t bi = i;
			for (size_t f = 0; f < r->nfr; f++) {
				size_t j;
				if (find_arg(r->fr[f].t, r->fr[f].node, nd->s, nd->len, &j)) {
					bt = r->fr[f].t;
					bi = j;
					break;
				}
			}
			if (enter(r, t, nd) < 0)
				break;
			size_t saved = r->ind.len;
			if (nd->flags & NF_STANDALONE) {
				pm_buf_put(&r->ind, nd->ind, nd->ind_len);
				mark(r);
			}
			render_range(r, bt, bi + 1, bt->nodes[bi].end);
			r->ind.len = saved;
			r->depth--;
			break;
		}
		}
		if (r->out->overflow && !r->overflow0 && !r->failed)
			rfail(r, t, nd, "output larger than the limit of %zu bytes", r->out->limit);
		i = nd->end;
	}
	return r->failed ? -1 : 0;
}

int pm_mustache_render(pm_mustache_env *env, const pm_mustache_template *t, const pm_value *data, pm_buf *out,
                       pm_diags *d)
{
	if (!env || !t || !out) {
		if (d)
			pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0, "pm_mustache_render: NULL argument");
		return -1;
	}
	pm_diags local;
	pm_diags_init(&local);
	struct render r;
	memset(&r, 0, sizeof r);
	r.env = env;
	r.out = out;
	r.d = d ? d : &local;
	r.overflow0 = out->overflow;
	pm_buf_init(&r.ind, 0);
	pm_buf_init(&r.pend, 0);
	size_t len0 = out->len;
	push_ctx(&r, data);
	int rc = render_range(&r, t, 0, t->n);
	free(r.ctx);
	free(r.fr);
	pm_buf_free(&r.ind);
	pm_buf_free(&r.pend);
	pm_diags_free(&local);
	if (rc < 0) {
		pm_buf_truncate(out, len0);
		out->overflow = r.overflow0;
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Escapers                                                            */
/* ------------------------------------------------------------------ */

void pm_mustache_escape_none(pm_buf *out, const char *s, size_t n, void *ud)
{
	(void)ud;
	pm_buf_put(out, s, n);
}

void pm_mustache_escape_html(pm_buf *out, const char *s, size_t n, void *ud)
{
	(void)ud;
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		pm_buf_put(out, s + run, i - run);
		pm_buf_puts(out, rep);
		run = i + 1;
	}
	pm_buf_put(out, s + run, n - run);
}

static int is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_www(const char *s)
{
	for (int i = 0; i < 3; i++)
		if (s[i] != 'w' && s[i] != 'W')
			return 0;
	return 1;
}

void pm_mustache_escape_markdown(pm_buf *out, const char *s, size_t n, void *ud)
{
	(void)ud;
	size_t b = 0, e = n;
	while (b < e && is_space(s[b]))
		b++;
	while (e > b && is_space(s[e - 1]))
		e--;
	size_t i = b;

	/* block markers that only count at the start of a line */
	if (i < e && (s[i] == '-' || s[i] == '+' || s[i] == '=')) {
		pm_buf_putc(out, '\\');
		pm_buf_putc(out, s[i]);
		i++;
	} else if (i < e && s[i] >= '0' && s[i] <= '9') {
		size_t k = i;
		while (k < e && k - i < 10 && s[k] >= '0' && s[k] <= '9')
			k++;
		if (k - i <= 9 && k < e && (s[k] == '.' || s[k] == ')') && (k + 1 == e || is_space(s[k + 1]))) {
			pm_buf_put(out, s + i, k - i);
			pm_buf_putc(out, '\\');
			pm_buf_putc(out, s[k]);
			i = k + 1;
		}
	}

	int after_ws = i == b;
	size_t run = i;
	for (; i < e; i++) {
		unsigned char c = (unsigned char)s[i];
		int ws = 0;
		switch (c) {
		case '\\':
		case '`':
		case '*':
		case '_':
		case '[':
		case ']':
		case '<':
		case '>':
		case '&':
		case '|':
		case '~':
			pm_buf_put(out, s + run, i - run);
			pm_buf_putc(out, '\\');
			run = i; /* the character itself goes out with the next run */
			break;
		case '#':
			if (after_ws) {
				pm_buf_put(out, s + run, i - run);
				pm_buf_putc(out, '\\');
				run = i;
			}
			break;
		case ':':
			/* "scheme://" and "www." would become GFM autolinks */
			if (i + 2 < e && s[i + 1] == '/' && s[i + 2] == '/') {
				pm_buf_put(out, s + run, i - run);
				pm_buf_putc(out, '\\');
				run = i;
			}
			break;
		case '.':
			if (i >= b + 3 && is_www(s + i - 3) && (i == b + 3 || !is_alnum(s[i - 4]))) {
				pm_buf_put(out, s + run, i - run);
				pm_buf_putc(out, '\\');
				run = i;
			}
			break;
		case ' ':
		case '\t':
			ws = 1;
			break;
		case '\r':
		case '\n':
			pm_buf_put(out, s + run, i - run);
			pm_buf_putc(out, ' ');
			if (c == '\r' && i + 1 < e && s[i + 1] == '\n')
				i++;
			run = i + 1;
			ws = 1;
			break;
		default:
			if (c < 0x20 || c == 0x7f) {
				pm_buf_put(out, s + run, i - run);
				pm_buf_putc(out, ' ');
				run = i + 1;
				ws = 1;
			}
			break;
		}
		after_ws = ws;
	}
	pm_buf_put(out, s + run, e - run);
}
