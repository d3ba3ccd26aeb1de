/* html_links.c — the cmark-gfm tree of an HTML page made easier to read
 * and to follow (gen/html_links.h, docs/html.md "Anchors and links"):
 *   - every table goes inside <div class="pm-table">, which scrolls sideways
 *     when the table is wider than the page;
 *   - every object id of the model (pm_model.objs, the controls'
 *     requirement ids) is found in the text as a whole token: where its
 *     kind's defining document defines it, it becomes an anchor
 *     (<span class="pm-def" id="threat_T-1">), everywhere else a link to it
 *     (<a class="pm-ref" href="threat-model.html#threat_T-1">);
 *   - other id-like tokens ("PM-TM", "CWE-787", "2025-11-21") are kept on
 *     one line, and a token with "/" inside (a CVSS vector, a path, a package
 *     URL) may break only after a "/" (<wbr>).
 * Text inside links, images, code and raw HTML is left alone.  The same
 * Markdown and model always give the same tree. */
#include "html_links.h"

#include "md_text.h"
#include "premarket/model.h"
#include "strmap.h"
#include "utf8.h"
#include "xalloc.h"

#include <cmark-gfm-core-extensions.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Requirement ids (pm_control.requirement_id) are kind KIND_REQ here. */
#define KIND_REQ   PM_K_COUNT
#define NOWRAP_MAX 40 /* longest id-like token kept on one line */

/* The anchor prefix and the defining document of each kind. */
static const struct {
	const char *prefix, *home;
} KINDS[PM_K_COUNT + 1] = {
        [PM_K_ASSET] = {"asset", "threat-model"},
        [PM_K_ZONE] = {"zone", "threat-model"},
        [PM_K_COMPONENT] = {"component", "threat-model"},
        [PM_K_INTERFACE] = {"interface", "threat-model"},
        [PM_K_FLOW] = {"flow", "threat-model"},
        [PM_K_THREAT] = {"threat", "threat-model"},
        [PM_K_CONTROL] = {"control", "security-architecture"},
        [PM_K_TEST] = {"test", "cybersecurity-testing"},
        [PM_K_FINDING] = {"finding", "cybersecurity-testing"},
        [PM_K_SBOM_COMPONENT] = {"sbom", "sbom"},
        [PM_K_VULNERABILITY] = {"vulnerability", "vulnerability-assessment"},
        [PM_K_ANOMALY] = {"anomaly", "unresolved-anomalies"},
        [PM_K_VIEW] = {"view", "security-architecture"},
        [PM_K_USE_CASE] = {"usecase", "security-architecture"},
        [KIND_REQ] = {"requirement", "security-architecture"},
};

typedef struct xtarget {
	char *id;     /* owned; the key in ids */
	char *anchor; /* owned: prefix "_" escaped id */
	int kind;     /* index in KINDS */
	size_t def;   /* which mention (1, 2 ...) of the home document defines it; 0: none */
} xtarget;

struct pm_html_links {
	char **snip; /* snippet SNIP_FIXED + i is snip[i] */
	size_t n, cap;
};

struct pm_html_xref {
	xtarget *t;
	size_t n, cap;
	pm_strmap ids;
	size_t lens[129]; /* the distinct id lengths, longest first */
	size_t nlens;
	unsigned char first[256]; /* bytes an id starts with */
	const char *scanning;     /* the slug pm_html_xref_scan() is reading, or NULL */
};

/* ---- the table of ids --------------------------------------------------------- */

static int is_alpha(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Whether an id is looked for in the text: 1 to 128 bytes without space or
 * control character, with a letter and a digit or one of "-_.:".  A word
 * ("pump") or a number ("1") as id would turn ordinary text into links. */
static int linkable(const char *id)
{
	size_t n = id ? strlen(id) : 0;
	int letter = 0, mark = 0;
	if (n == 0 || n > 128)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)id[i];
		if (c <= 0x20 || c == 0x7F)
			return 0;
		letter |= is_alpha(c);
		mark |= is_digit(c) || c == '-' || c == '_' || c == '.' || c == ':';
	}
	return letter && mark;
}

/* prefix "_" id, with every byte but ASCII letters, digits, "." and "-"
 * written as "_XX" (upper-case hex): a valid HTML id, one per (kind, id),
 * never the id of a heading (heading ids have no "_"). */
static char *make_anchor(const char *prefix, const char *id)
{
	static const char HEX[] = "0123456789ABCDEF";
	size_t np = strlen(prefix), n = strlen(id), k = np + 1;
	char *a = pm_xmalloc(np + 1 + 3 * n + 1);
	memcpy(a, prefix, np);
	a[np] = '_';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)id[i];
		if (is_alpha(c) || is_digit(c) || c == '.' || c == '-') {
			a[k++] = (char)c;
		} else {
			a[k++] = '_';
			a[k++] = HEX[c >> 4];
			a[k++] = HEX[c & 15];
		}
	}
	a[k] = '\0';
	return a;
}

static void add_id(pm_html_xref *x, const char *id, int kind)
{
	if (!linkable(id) || pm_strmap_get(&x->ids, id, NULL))
		return;
	x->t = pm_xgrow(x->t, &x->cap, x->n + 1, sizeof *x->t);
	xtarget *t = &x->t[x->n];
	t->id = pm_xstrdup(id);
	t->anchor = make_anchor(KINDS[kind].prefix, id);
	t->kind = kind;
	t->def = 0;
	pm_strmap_put(&x->ids, t->id, x->n, NULL);
	x->n++;
	x->first[(unsigned char)id[0]] = 1;
	size_t len = strlen(id), i = 0;
	while (i < x->nlens && x->lens[i] > len)
		i++;
	if (i < x->nlens && x->lens[i] == len)
		return;
	memmove(&x->lens[i + 1], &x->lens[i], (x->nlens - i) * sizeof *x->lens);
	x->lens[i] = len;
	x->nlens++;
}

/* The id of object o of kind k. */
static const char *obj_id(pm_kind k, const void *o)
{
	switch (k) {
	case PM_K_ASSET:
		return ((const pm_asset *)o)->id.s;
	case PM_K_ZONE:
		return ((const pm_zone *)o)->id.s;
	case PM_K_COMPONENT:
		return ((const pm_component *)o)->id.s;
	case PM_K_INTERFACE:
		return ((const pm_interface *)o)->id.s;
	case PM_K_FLOW:
		return ((const pm_flow *)o)->id.s;
	case PM_K_THREAT:
		return ((const pm_threat *)o)->id.s;
	case PM_K_CONTROL:
		return ((const pm_control *)o)->id.s;
	case PM_K_TEST:
		return ((const pm_test *)o)->id.s;
	case PM_K_FINDING:
		return ((const pm_finding *)o)->id.s;
	case PM_K_SBOM_COMPONENT:
		return ((const pm_sbom_component *)o)->id.s;
	case PM_K_VULNERABILITY:
		return ((const pm_vulnerability *)o)->id.s;
	case PM_K_ANOMALY:
		return ((const pm_anomaly *)o)->id.s;
	case PM_K_VIEW:
		return ((const pm_view *)o)->id.s;
	case PM_K_USE_CASE:
		return ((const pm_use_case *)o)->id.s;
	default:
		return NULL;
	}
}

pm_html_xref *pm_html_xref_new(const pm_model *m)
{
	pm_html_xref *x = pm_xcalloc(1, sizeof *x);
	pm_strmap_init(&x->ids);
	if (!m)
		return x;
	for (int k = PM_K_NONE + 1; k < PM_K_COUNT; k++)
		for (size_t i = 0; i < m->n_objs[k]; i++)
			add_id(x, obj_id((pm_kind)k, m->objs[k][i]), k);
	for (size_t i = 0; i < m->controls.n; i++)
		add_id(x, m->controls.v[i].requirement_id.s, KIND_REQ);
	return x;
}

void pm_html_xref_free(pm_html_xref *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < x->n; i++) {
		free(x->t[i].id);
		free(x->t[i].anchor);
	}
	free(x->t);
	pm_strmap_free(&x->ids);
	free(x);
}

const char *pm_html_xref_home(int kind)
{
	if (kind == 0)
		return KINDS[KIND_REQ].home;
	return kind > 0 && kind < PM_K_COUNT ? KINDS[kind].home : NULL;
}

const char *pm_html_xref_anchor(const pm_html_xref *x, const char *id, const char **slug)
{
	size_t i;
	if (!x || !id || !pm_strmap_get(&x->ids, id, &i) || !x->t[i].def)
		return NULL;
	if (slug)
		*slug = KINDS[x->t[i].kind].home;
	return x->t[i].anchor;
}

int pm_html_xref_scan(pm_html_xref *x, const char *slug, const char *markdown, size_t len, pm_diags *d)
{
	pm_buf none;
	pm_html_context ctx = {(size_t)-1, slug, x};
	if (!x || !slug)
		return pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0, "HTML cross-references: no table or no slug");
	pm_buf_init(&none, 0);
	x->scanning = slug;
	int rc = pm_html_page_ctx(markdown, len, slug, NULL, NULL, 0, NULL, 0, &ctx, &none, d);
	x->scanning = NULL;
	pm_buf_free(&none);
	return rc;
}

/* ---- token boundaries ------------------------------------------------------------ */

/* Punctuation and spaces outside ASCII: no-break space, guillemets, the
 * middle dot, U+2000..U+2BFF (spaces, dashes, quotes, arrows, symbols), CJK
 * punctuation, full-width punctuation. */
static int punct_cp(uint32_t cp)
{
	return cp == 0xA0 || cp == 0xAB || cp == 0xBB || cp == 0xB7 || cp == 0xD7 || (cp >= 0x2000 && cp <= 0x2BFF) ||
	       (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20);
}

static int word_ascii(unsigned char c)
{
	return is_alpha(c) || is_digit(c) || c == '_' || c == '-';
}

/* Whether the character starting at s[q] (q < n) continues a word. */
static int word_char_at(const unsigned char *s, size_t n, size_t q)
{
	uint32_t cp;
	if (s[q] < 0x80)
		return word_ascii(s[q]);
	if (!pm_utf8_decode(s + q, n - q, &cp))
		return 1;
	return !punct_cp(cp);
}

/* Whether a token may start at s[p]: nothing of a word right before it
 * ("XT-1" holds no "T-1"; nor does "v2.T-1"). */
static int starts_token(const unsigned char *s, size_t n, size_t p)
{
	size_t q;
	if (p == 0)
		return 1;
	if (s[p - 1] < 0x80) {
		if (word_ascii(s[p - 1]))
			return 0;
		return !((s[p - 1] == '.' || s[p - 1] == ':') && p >= 2 && s[p - 2] < 0x80 && word_ascii(s[p - 2]));
	}
	q = p - 1;
	while (q > 0 && (s[q] & 0xC0) == 0x80)
		q--;
	return !word_char_at(s, n, q);
}

/* Whether a token may end before s[q]: no word goes on ("T-1a", "T-1.5"),
 * a "." or ":" followed by a space or the end closes it ("see T-1."). */
static int ends_token(const unsigned char *s, size_t n, size_t q)
{
	if (q >= n)
		return 1;
	if ((s[q] == '.' || s[q] == ':') && q + 1 < n)
		return !word_char_at(s, n, q + 1);
	if (s[q] == '.' || s[q] == ':')
		return 1;
	return !word_char_at(s, n, q);
}

/* The target whose id is at s[p..), the longest first, or -1. */
static long match_id(const pm_html_xref *x, const unsigned char *s, size_t n, size_t p, size_t *len, char *buf)
{
	if (!x || !x->n || !x->first[s[p]])
		return -1;
	size_t avail = n - p;
	for (size_t i = 0; i < x->nlens; i++) {
		size_t l = x->lens[i], idx;
		if (l > avail)
			continue;
		memcpy(buf, s + p, l);
		buf[l] = '\0';
		if (pm_strmap_get(&x->ids, buf, &idx) && ends_token(s, n, p + l)) {
			*len = l;
			return (long)idx;
		}
	}
	return -1;
}

/* A token with a "/" or "@" inside at s[p..) (a CVSS vector, a path, a
 * package URL, "and/or", an e-mail address): up to the next space or separator, without a trailing
 * "." or ":"; its length, or 0. */
static size_t match_slashed(const unsigned char *s, size_t n, size_t p)
{
	size_t q = p, last = 0;
	int slash = 0;
	while (q < n && s[q] > 0x20 && s[q] != 0x7F && !strchr("|,;()[]\"'<>", s[q])) {
		if ((s[q] == '/' || s[q] == '@') && q > p)
			slash = 1, last = q;
		q++;
	}
	while (q > p && (s[q - 1] == '.' || s[q - 1] == ':'))
		q--;
	return slash && last + 1 < q ? q - p : 0;
}

/* An id-like token at s[p..): letters, digits and "._:-" (and
 * parentheses opened right after one: "524B(b)(1)") with a "-" between two
 * letters or digits or such a "(", and a digit, a "." "_" or ":" inside, or
 * else no lower-case letter ("PM-TM", "CWE-787", "2025-11-21", "32-bit",
 * "us-west-2", "lab-host.example"; not the word "Third-party"); or an option
 * ("-p-", "-sS"); at most NOWRAP_MAX bytes; its length, or 0.  *skip gets
 * the length of the token of those characters, id-like or not. */
static size_t match_idlike(const unsigned char *s, size_t n, size_t p, size_t *skip)
{
	size_t q = p;
	int lower = 0, upper = 0, digit = 0, joined = 0, dotted = 0, depth = 0;
	int option = s[p] == '-' && p + 1 < n && (is_alpha(s[p + 1]) || is_digit(s[p + 1])); /* "-sS", "-p-" */
	for (; q < n; q++) {
		unsigned char c = s[q];
		int after_alnum =
		        q > p && (is_alpha(s[q - 1]) || is_digit(s[q - 1]) || s[q - 1] == ')' || s[q - 1] == ',');
		int before_alnum = q + 1 < n && (is_alpha(s[q + 1]) || is_digit(s[q + 1]));
		if (c == '(' && after_alnum) {
			depth++;
			joined = 1; /* "524B(b)(1)" */
			continue;
		}
		if (c == ')' && depth > 0) {
			depth--;
			continue;
		}
		if (c == ',' && q > p && s[q - 1] == ')' && q + 1 < n && s[q + 1] == '(')
			continue; /* "(A),(B)" */
		if (!is_alpha(c) && !is_digit(c) && c != '.' && c != ':' && c != '_' && c != '-')
			break;
		lower |= c >= 'a' && c <= 'z';
		upper |= c >= 'A' && c <= 'Z';
		digit |= is_digit(c);
		if (c == '-' && after_alnum && before_alnum)
			joined = 1;
		if ((c == '.' || c == ':' || c == '_') && after_alnum && before_alnum)
			dotted = 1; /* "service.example-lab.org", "a_b" */
	}
	*skip = q - p;
	while (q > p && (s[q - 1] == '.' || s[q - 1] == ':' || (s[q - 1] == '-' && !option)))
		q--;
	if (depth > 0 || q - p > NOWRAP_MAX || !ends_token(s, n, q))
		return 0;
	if (option)
		return q - p;
	if (!joined || (lower && !digit && !dotted) || (!upper && !digit && !dotted))
		return 0;
	return q - p;
}

/* s[0..n) as HTML text: & < > " ' as references. */
static int put_escaped(pm_buf *out, const char *s, size_t n)
{
	size_t run = 0;
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		const char *ref = s[i] == '&'    ? "&amp;"
		                  : s[i] == '<'  ? "&lt;"
		                  : s[i] == '>'  ? "&gt;"
		                  : s[i] == '"'  ? "&quot;"
		                  : s[i] == '\'' ? "&#39;"
		                                 : NULL;
		if (!ref)
			continue;
		rc |= pm_buf_put(out, s + run, i - run);
		rc |= pm_buf_puts(out, ref);
		run = i + 1;
	}
	rc |= pm_buf_put(out, s + run, n - run);
	return rc;
}

/* ---- the pass over the tree ------------------------------------------------------ */

enum piece_kind { P_REF, P_DEF, P_NOWRAP, P_SLASHED };

typedef struct piece {
	size_t at, len;
	enum piece_kind kind;
	long target;
} piece;

typedef struct walk {
	const pm_html_xref *x;
	pm_html_xref *scan; /* the table being filled by pm_html_xref_scan(), or NULL */
	const char *slug;   /* this document, or NULL */
	cmark_mem *mem;
	size_t *seen;       /* per target: its mentions so far in this document */
	size_t *lead, *any; /* scan: per target, its first leading and first mention */
	char *buf;          /* room for the longest id and a NUL */
	piece *pieces;
	size_t npieces, cap;
	pm_html_links *links; /* the tags of the pieces in table cells */
} walk;

/* Whether text starts the first cell of a table body row, or a heading
 * (maybe inside emphasis): where an object is usually defined. */
static int leads(cmark_node *text)
{
	cmark_node *n = text;
	for (;;) {
		cmark_node *parent = cmark_node_parent(n);
		if (!parent || cmark_node_previous(n))
			return 0;
		cmark_node_type t = cmark_node_get_type(parent);
		if (t == CMARK_NODE_HEADING)
			return 1;
		if (t == CMARK_NODE_EMPH || t == CMARK_NODE_STRONG) {
			n = parent;
			continue;
		}
		const char *ts = cmark_node_get_type_string(parent);
		if (ts && strcmp(ts, "table_cell") == 0) {
			cmark_node *row = cmark_node_parent(parent);
			const char *rs = row ? cmark_node_get_type_string(row) : NULL;
			return !cmark_node_previous(parent) && rs && strcmp(rs, "table_row") == 0;
		}
		return 0;
	}
}

/* Whether text is inside an image (2: skipped, its text is the alt
 * attribute) or a link (1: kept whole where it should be, no ids), and
 * *heading whether inside a heading (anchors, but no links). */
static int in_link(cmark_node *text, int *heading)
{
	int link = 0;
	*heading = 0;
	for (cmark_node *n = cmark_node_parent(text); n; n = cmark_node_parent(n)) {
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_IMAGE)
			return 2;
		if (t == CMARK_NODE_LINK)
			link = 1;
		if (t == CMARK_NODE_HEADING)
			*heading = 1;
	}
	return link;
}

static void add_piece(walk *w, size_t at, size_t len, enum piece_kind kind, long ti)
{
	w->pieces = pm_xgrow(w->pieces, &w->cap, w->npieces + 1, sizeof *w->pieces);
	w->pieces[w->npieces++] = (piece){at, len, kind, ti};
}

static cmark_node *text_node(walk *w, const char *s, size_t n)
{
	cmark_node *t = cmark_node_new_with_mem(CMARK_NODE_TEXT, w->mem);
	char *lit = pm_xstrndup(s, n);
	cmark_node_set_literal(t, lit);
	free(lit);
	return t;
}

static cmark_node *inline_node(walk *w, const char *enter, const char *exit)
{
	cmark_node *c = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_INLINE, w->mem);
	cmark_node_set_on_enter(c, enter);
	cmark_node_set_on_exit(c, exit);
	return c;
}

/* Snippets 0..2 of every page; the pieces' own tags follow. */
enum { SNIP_END_A, SNIP_END_SPAN, SNIP_WBR, SNIP_NOWRAP, SNIP_LONG, SNIP_FIXED };
static const char *const FIXED[SNIP_FIXED] = {"</a>", "</span>", "<wbr>", "<span class=\"pm-nw\">",
                                              "<span class=\"pm-long\">"};

static size_t add_snip(walk *w, char *html)
{
	pm_html_links *l = w->links;
	l->snip = pm_xgrow(l->snip, &l->cap, l->n + 1, sizeof *l->snip);
	l->snip[l->n] = html;
	return SNIP_FIXED + l->n++;
}

/* The opening tag of piece p (owned by the caller) and the index of its
 * closing one. */
static char *piece_open(const walk *w, const piece *p, const char *s, size_t *close)
{
	if (p->kind == P_REF || p->kind == P_DEF) {
		const xtarget *t = &w->x->t[p->target];
		const char *home = KINDS[t->kind].home;
		int here = w->slug && strcmp(w->slug, home) == 0;
		*close = p->kind == P_DEF ? SNIP_END_SPAN : SNIP_END_A;
		if (p->kind == P_DEF)
			return pm_xasprintf("<span class=\"pm-def\" id=\"%s\">", t->anchor);
		return pm_xasprintf("<a class=\"pm-ref\" href=\"%s%s#%s\">", here ? "" : home, here ? "" : ".html",
		                    t->anchor);
	}
	*close = SNIP_END_SPAN;
	if (p->kind == P_NOWRAP)
		return pm_xstrdup(FIXED[SNIP_NOWRAP]);
	return pm_xstrdup(p->len > 5 && memcmp(s + p->at, "CVSS:", 5) == 0 ? "<span class=\"pm-vector\">"
	                                                                   : "<span class=\"pm-path\">");
}

/* Piece p of s, inserted before node: in a table cell, which cannot hold a
 * custom inline, as text with markers that pm_html_links_write() turns
 * into the tags (\x01 index \x02: no page text has a control character);
 * elsewhere as a custom inline around the text. */
static void put_piece(walk *w, cmark_node *node, const piece *p, const char *s, int in_table)
{
	size_t close, end = p->at + p->len;
	char *open = piece_open(w, p, s, &close);
	if (in_table) {
		pm_buf b;
		pm_buf_init(&b, 0);
		pm_buf_printf(&b, "\x01%zu\x02", add_snip(w, open));
		if (p->kind == P_SLASHED)
			pm_buf_printf(&b, "\x01%d\x02", SNIP_NOWRAP);
		for (size_t i = p->at; i < end; i++) {
			pm_buf_putc(&b, s[i]);
			if (p->kind == P_SLASHED && (s[i] == '/' || s[i] == '@') && i + 1 < end)
				pm_buf_printf(&b, "\x01%d\x02\x01%d\x02\x01%d\x02", SNIP_END_SPAN, SNIP_WBR,
				              SNIP_NOWRAP);
		}
		if (p->kind == P_SLASHED)
			pm_buf_printf(&b, "\x01%d\x02", SNIP_END_SPAN);
		pm_buf_printf(&b, "\x01%zu\x02", close);
		cmark_node_insert_before(node, text_node(w, b.data, b.len));
		pm_buf_free(&b);
		return;
	}
	cmark_node *c = inline_node(w, open, FIXED[close]);
	free(open);
	if (p->kind != P_SLASHED) {
		cmark_node_append_child(c, text_node(w, s + p->at, p->len));
		cmark_node_insert_before(node, c);
		return;
	}
	/* each part up to a "/" on one line, a break allowed after it */
	size_t run = p->at;
	for (size_t i = p->at; i < end; i++) {
		if (i + 1 < end && s[i] != '/' && s[i] != '@')
			continue;
		cmark_node *seg = inline_node(w, FIXED[SNIP_NOWRAP], FIXED[SNIP_END_SPAN]);
		cmark_node_append_child(seg, text_node(w, s + run, i + 1 - run));
		cmark_node_append_child(c, seg);
		if (i + 1 < end)
			cmark_node_append_child(c, inline_node(w, FIXED[SNIP_WBR], ""));
		run = i + 1;
	}
	cmark_node_insert_before(node, c);
}

/* Whether text is in a table cell (maybe inside emphasis or a link). */
static int in_cell(cmark_node *text)
{
	for (cmark_node *n = cmark_node_parent(text); n; n = cmark_node_parent(n)) {
		const char *ts = cmark_node_get_type_string(n);
		if (ts && strcmp(ts, "table_cell") == 0)
			return 1;
		if (cmark_node_get_type(n) != CMARK_NODE_EMPH && cmark_node_get_type(n) != CMARK_NODE_STRONG)
			return 0;
	}
	return 0;
}

/* Find the pieces of one text node; with pieces, replace it by them and the
 * text between them. */
static void do_text(walk *w, cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node);
	int heading, lead, link;
	if (!lit || !*lit || (link = in_link(node, &heading)) == 2)
		return;
	const unsigned char *s = (const unsigned char *)lit;
	size_t n = strlen(lit), lead_at = 0;
	lead = leads(node);
	while (lead_at < n && (s[lead_at] == ' ' || s[lead_at] == '\t'))
		lead_at++;
	w->npieces = 0;
	for (size_t p = 0; p < n;) {
		size_t len, skip = 1;
		long ti;
		if (!starts_token(s, n, p)) {
			p++;
			continue;
		}
		if (!link && (ti = match_id(w->x, s, n, p, &len, w->buf)) >= 0) {
			const xtarget *t = &w->x->t[ti];
			size_t ord = ++w->seen[ti];
			int home = w->slug && strcmp(w->slug, KINDS[t->kind].home) == 0;
			if (w->scan) {
				if (home && !w->any[ti])
					w->any[ti] = ord;
				if (home && lead && p == lead_at && !w->lead[ti])
					w->lead[ti] = ord;
			} else if (home && t->def == ord) {
				add_piece(w, p, len, P_DEF, ti);
			} else {
				add_piece(w, p, len, t->def && !heading ? P_REF : P_NOWRAP, ti);
			}
			p += len;
			continue;
		}
		if (w->scan) {
			p += link ? n - p : 1; /* a link's text holds no mention */
			continue;
		}
		if ((len = match_slashed(s, n, p)) > 0) {
			add_piece(w, p, len, P_SLASHED, -1);
			p += len;
			continue;
		}
		if ((len = match_idlike(s, n, p, &skip)) > 0) {
			add_piece(w, p, len, P_NOWRAP, -1);
			p += len;
			continue;
		}
		p += skip ? skip : 1;
	}
	if (!w->npieces)
		return;
	char *copy = pm_xstrdup(lit);
	size_t run = 0;
	int table = in_cell(node);
	for (size_t i = 0; i < w->npieces; i++) {
		const piece *pc = &w->pieces[i];
		if (pc->at > run)
			cmark_node_insert_before(node, text_node(w, copy + run, pc->at - run));
		put_piece(w, node, pc, copy, table);
		run = pc->at + pc->len;
	}
	if (run < n) {
		cmark_node_set_literal(node, copy + run);
	} else {
		cmark_node_unlink(node);
		cmark_node_free(node);
	}
	free(copy);
}

/* The cells of a table whose text is longer than LONG_CELL bytes get their
 * content inside <span class="pm-long">, which keeps their column from
 * becoming narrower than a few words. */
#define LONG_CELL  48
#define WIDE_TABLE 6 /* columns from which a table may be wider than the text column */

static void mark_long_cells(walk *w, cmark_node *table)
{
	for (cmark_node *row = cmark_node_first_child(table); row; row = cmark_node_next(row))
		for (cmark_node *cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell)) {
			char *text = pm_md_plain_text(cell);
			size_t len = strlen(text);
			free(text);
			if (len <= LONG_CELL || !cmark_node_first_child(cell))
				continue;
			char open[16], close[16];
			snprintf(open, sizeof open, "\x01%d\x02", SNIP_LONG);
			snprintf(close, sizeof close, "\x01%d\x02", SNIP_END_SPAN);
			cmark_node_prepend_child(cell, text_node(w, open, strlen(open)));
			cmark_node_append_child(cell, text_node(w, close, strlen(close)));
		}
}

static void wrap_table(walk *w, cmark_node *table)
{
	cmark_node *open = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, w->mem);
	cmark_node *close = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, w->mem);
	int wide = cmark_gfm_extensions_get_table_columns(table) >= WIDE_TABLE;
	cmark_node_set_on_enter(open, wide ? "<div class=\"pm-table pm-wide\">" : "<div class=\"pm-table\">");
	cmark_node_set_on_exit(open, "");
	cmark_node_set_on_enter(close, "</div>");
	cmark_node_set_on_exit(close, "");
	cmark_node_insert_before(table, open);
	cmark_node_insert_after(table, close);
	mark_long_cells(w, table);
}

int pm_html_links_apply(cmark_node *doc, cmark_mem *mem, const pm_html_context *ctx, pm_html_links **links)
{
	walk w;
	memset(&w, 0, sizeof w);
	w.links = *links = pm_xcalloc(1, sizeof **links);
	w.x = ctx ? ctx->xref : NULL;
	w.slug = ctx ? ctx->slug : NULL;
	w.mem = mem;
	if (w.x && w.x->scanning && w.slug && strcmp(w.x->scanning, w.slug) == 0)
		w.scan = (pm_html_xref *)(uintptr_t)w.x; /* pm_html_xref_scan()'s own table */
	size_t nt = w.x ? w.x->n : 0;
	w.seen = pm_xcalloc(nt + 1, sizeof *w.seen);
	if (w.scan) {
		w.lead = pm_xcalloc(nt + 1, sizeof *w.lead);
		w.any = pm_xcalloc(nt + 1, sizeof *w.any);
	}
	w.buf = pm_xmalloc(130);

	cmark_consolidate_text_nodes(doc);
	cmark_node **texts = NULL, **tables = NULL;
	size_t ntexts = 0, captexts = 0, ntables = 0, captables = 0;
	cmark_event_type ev;
	cmark_iter *it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (cmark_node_get_type(node) == CMARK_NODE_TEXT) {
			texts = pm_xgrow(texts, &captexts, ntexts + 1, sizeof *texts);
			texts[ntexts++] = node;
		} else if (!w.scan) {
			const char *ts = cmark_node_get_type_string(node);
			if (ts && strcmp(ts, "table") == 0) {
				tables = pm_xgrow(tables, &captables, ntables + 1, sizeof *tables);
				tables[ntables++] = node;
			}
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < ntexts; i++)
		do_text(&w, texts[i]);
	for (size_t i = 0; i < ntables; i++)
		wrap_table(&w, tables[i]);
	if (w.scan)
		for (size_t i = 0; i < nt; i++)
			if (strcmp(KINDS[w.scan->t[i].kind].home, w.slug) == 0)
				w.scan->t[i].def = w.lead[i] ? w.lead[i] : w.any[i];
	free(texts);
	free(tables);
	free(w.pieces);
	free(w.buf);
	free(w.seen);
	free(w.lead);
	free(w.any);
	return w.scan ? PM_HTML_LINKS_SCANNED : 0;
}

int pm_html_links_write(const pm_html_links *l, const char *body, pm_buf *out)
{
	const char *p = body, *m;
	while ((m = strchr(p, '\x01')) != NULL) {
		char *e;
		size_t k = (size_t)strtoul(m + 1, &e, 10);
		if (pm_buf_put(out, p, (size_t)(m - p)) < 0)
			return -1;
		p = m + 1;
		if (*e != '\x02' || !l || (k >= SNIP_FIXED && k - SNIP_FIXED >= l->n))
			continue; /* not ours: dropped (no page text has a \x01) */
		const char *snip = k < SNIP_FIXED ? FIXED[k] : l->snip[k - SNIP_FIXED];
		if (pm_buf_puts(out, snip) < 0)
			return -1;
		p = e + 1;
	}
	return pm_buf_puts(out, p);
}

void pm_html_links_free(pm_html_links *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		free(l->snip[i]);
	free(l->snip);
	free(l);
}

/* ---- plain text ------------------------------------------------------------------- */

int pm_html_put_text(pm_buf *out, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n = strlen(text), run = 0;
	int rc = 0;
	for (size_t p = 0; p < n;) {
		size_t len = 0, skip = 1;
		if (starts_token(s, n, p) && (len = match_idlike(s, n, p, &skip)) == 0) {
			p += skip ? skip : 1;
			continue;
		}
		if (!len) {
			p++;
			continue;
		}
		rc |= put_escaped(out, text + run, p - run);
		rc |= pm_buf_puts(out, FIXED[SNIP_NOWRAP]);
		rc |= put_escaped(out, text + p, len);
		rc |= pm_buf_puts(out, FIXED[SNIP_END_SPAN]);
		p += len;
		run = p;
	}
	rc |= put_escaped(out, text + run, n - run);
	return rc ? -1 : 0;
}
