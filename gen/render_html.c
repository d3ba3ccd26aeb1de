/* render_html.c — one generated Markdown document as a standalone HTML5 page
 * (include/premarket/html.h, docs/html.md).
 *
 * cmark-gfm parses the Markdown and renders the body in its safe mode: raw
 * HTML becomes "<!-- raw HTML omitted -->" and javascript:, vbscript:, file:
 * and non-image data: URLs become empty.  This file only
 *   - gives each heading a unique id, by replacing the heading node with a
 *     custom block that holds "<hN id=...>" + the heading's own rendered
 *     inlines + "</hN>" (cmark-gfm has no attributes on headings);
 *   - hands the tree to gen/html_links.c first (tables in scrolling
 *     wrappers, ids and vectors kept whole, object ids as anchors and links
 *     across the document set);
 *   - writes the page frame around the body: head, stylesheet, header bar,
 *     navigation (the current page marked), table of contents, previous and
 *     next links, footer;
 *   - escapes every string it writes itself (esc()).
 * Nothing here depends on the clock, the environment or addresses. */
#include "hash.h"
#include "html_links.h"
#include "md_text.h"
#include "premarket/html.h"
#include "utf8.h"
#include "xalloc.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Safe mode is cmark-gfm's default (CMARK_OPT_UNSAFE is never set).  Invalid
 * UTF-8 and NUL become U+FFFD; table alignment is written as a style
 * attribute, not the obsolete align attribute. */
#define HTML_OPTS (CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES)

#define TOC_MIN 3 /* headings needed before a table of contents is shown */

static const char *const EXTENSIONS[] = {"table", "autolink", "strikethrough", "tagfilter"};

/* One line per string: C11 only promises string literals of 4095 bytes. */
static const char *const STYLESHEET[] = {
        ":root {",
        "\t--fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --zebra: #f6f8fa;",
        "\t--head: #e8edf2; --accent: #0a4b8c; --bar: #12324f; --code: #eff1f3;",
        "}",
        "* { box-sizing: border-box; }",
        "html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }",
        "body {",
        "\tmargin: 0; color: var(--fg); background: #fff;",
        "\tfont: 16px/1.55 system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, "
        "\"WenQuanYi Micro Hei\", \"Noto Sans CJK SC\", \"Microsoft YaHei\", \"PingFang SC\", \"Hiragino Sans\", "
        "\"Yu Gothic\", \"Malgun Gothic\", \"Apple SD Gothic Neo\", sans-serif;",
        "}",
        ".pm-bar { background: var(--bar); color: #fff; }",
        ".pm-bar-inner, .pm-nav ul, main, .pm-footer { max-width: 64rem; margin: 0 auto; padding-left: 1.25rem; "
        "padding-right: 1.25rem; }",
        ".pm-bar-inner { padding-top: .8rem; padding-bottom: .8rem; }",
        ".pm-bar-title { margin: 0; font-size: 1.05rem; font-weight: 600; }",
        ".pm-bar-subtitle { margin: .15rem 0 0; font-size: .9rem; opacity: .85; }",
        ".pm-nav { background: var(--zebra); border-bottom: 1px solid var(--line); }",
        ".pm-nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; padding-top: .5rem; "
        "padding-bottom: .5rem; margin-top: 0; margin-bottom: 0; }",
        ".pm-nav a { font-size: .9rem; }",
        ".pm-nav .pm-current a { color: var(--fg); font-weight: 600; text-decoration: none; border-bottom: 3px solid "
        "var(--accent); }",
        "main { padding-top: 1.5rem; padding-bottom: 2rem; }",
        "h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.6em 0 .6em; }",
        "h1 { font-size: 1.9rem; margin-top: .4rem; }",
        "h2 { font-size: 1.45rem; padding-bottom: .25em; border-bottom: 1px solid var(--line); }",
        "h3 { font-size: 1.2rem; }",
        "h4, h5, h6 { font-size: 1rem; }",
        "p, ul, ol, dl, blockquote, pre, table { margin-top: 0; margin-bottom: 1rem; }",
        "a { color: var(--accent); }",
        "a:hover, a:focus { text-decoration-thickness: 2px; }",
        ".pm-toc { margin: 0 0 1.5rem; padding: .75rem 1.25rem; background: #fbfcfd; border: 1px solid var(--line); "
        "border-radius: 6px; }",
        ".pm-toc-title { margin: 0 0 .35rem; font-weight: 600; }",
        ".pm-toc ul { margin: 0; padding-left: 1.1rem; }",
        "main { overflow-wrap: break-word; }",
        ".pm-table { overflow-x: auto; margin: 0 0 1rem; }",
        "table { width: 100%; border-collapse: collapse; font-size: .92rem; }",
        ".pm-table > table { margin-bottom: 0; }",
        ".pm-wide { width: max(100%, min(100vw - 4rem, 90rem)); margin-left: calc((100% - max(100%, min(100vw - 4rem, "
        "90rem))) / 2); }",
        ".pm-long { display: block; min-width: 12rem; }",
        "th, td { padding: .4rem .6rem; border: 1px solid var(--line); text-align: left; vertical-align: top; "
        "overflow-wrap: normal; word-break: normal; hyphens: manual; }",
        "thead th { background: var(--head); font-weight: 600; }",
        ".pm-ref, .pm-def, .pm-nw, td code, th code { white-space: nowrap; }",
        ".pm-def { scroll-margin-top: 1rem; }",
        ".pm-def:target, tr:has(> td > .pm-def:target) > td, tr:has(> td > strong > .pm-def:target) > td { "
        "background: #fff4c2; }",
        ".pm-pager { display: flex; flex-wrap: wrap; justify-content: space-between; gap: .5rem 1rem; margin: 2.5rem 0 "
        "0; padding-top: 1rem; border-top: 1px solid var(--line); }",
        ".pm-pager a { max-width: 48%; }",
        ".pm-pager .pm-next { margin-left: auto; text-align: right; }",
        ".pm-pager-label { display: block; color: var(--muted); font-size: .85rem; }",
        "tbody tr:nth-child(even) { background: var(--zebra); }",
        "code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, \"Liberation Mono\", monospace; "
        "font-size: .88em; }",
        "code { padding: .1em .3em; background: var(--code); border-radius: 4px; }",
        "pre { padding: .75rem 1rem; overflow-x: auto; line-height: 1.4; background: var(--zebra); border: 1px solid "
        "var(--line); border-radius: 6px; }",
        "pre code { padding: 0; background: none; font-size: 1em; }",
        "blockquote { padding: .1rem 1rem; color: var(--muted); border-left: 4px solid var(--line); margin-left: 0; "
        "margin-right: 0; }",
        "img { max-width: 100%; height: auto; }",
        ".pm-figure { margin: 0 0 1.25rem; }",
        ".pm-figure img { display: block; max-width: 100%; height: auto; margin: 0 auto; background: #fff; border: "
        "1px solid var(--line); border-radius: 4px; }",
        ".pm-figure figcaption { margin: .4rem 0 0; color: var(--muted); font-size: .9rem; font-style: italic; "
        "text-align: center; }",
        ".pm-figure details { margin: .3rem 0 0; font-size: .85rem; color: var(--muted); }",
        ".pm-figure summary { cursor: pointer; }",
        "hr { margin: 2rem 0; border: 0; border-top: 1px solid var(--line); }",
        ".pm-footer { padding-top: 1rem; padding-bottom: 2rem; color: var(--muted); font-size: .85rem; border-top: 1px "
        "solid var(--line); }",
        ".pm-docs td:first-child { width: 35%; }",
        "@media (max-width: 40rem) {",
        "\t.pm-bar-inner, .pm-nav ul, main, .pm-footer { padding-left: .75rem; padding-right: .75rem; }",
        "\t.pm-nav ul { flex-wrap: nowrap; overflow-x: auto; white-space: nowrap; }",
        "\th1 { font-size: 1.55rem; }",
        "\th2 { font-size: 1.25rem; }",
        "\ttable { font-size: .85rem; }",
        "\tth, td { padding: .3rem .45rem; }",
        "\t.pm-pager a { max-width: none; }",
        "}",
        "@media print {",
        "\tbody { font-size: 10.5pt; }",
        "\t.pm-nav, .pm-pager { display: none; }",
        "\t.pm-table { overflow: visible; }",
        "\t.pm-wide { width: auto; margin-left: 0; }",
        "\t.pm-long { min-width: 0; }",
        "\ttable { font-size: 8.5pt; }",
        "\t.pm-bar { color: #000; background: none; border-bottom: 2px solid #000; }",
        "\t.pm-bar-inner, main, .pm-footer { max-width: none; padding-left: 0; padding-right: 0; }",
        "\tthead { display: table-header-group; }",
        "\tthead th { position: static; }",
        "\ttr, img, pre, blockquote { break-inside: avoid; }",
        "\th1, h2, h3, h4, h5, h6 { break-after: avoid; }",
        "\ta { color: inherit; }",
        "\tmain a[href^=\"http\"]::after { content: \" (\" attr(href) \")\"; font-size: .85em; color: #444; }",
        "\tthead th, tbody tr:nth-child(even) { -webkit-print-color-adjust: exact; print-color-adjust: exact; }",
        "}",
};

/* ---- output with one sticky error flag ---------------------------------- */

typedef struct hout {
	pm_buf *b;
	int err;
} hout;

static void putn(hout *h, const char *s, size_t n)
{
	if (!h->err && pm_buf_put(h->b, s, n) < 0)
		h->err = 1;
}

static void put(hout *h, const char *s)
{
	putn(h, s, strlen(s));
}

/* Length of the well-formed UTF-8 sequence at s[0..n), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	uint32_t cp;
	return pm_utf8_decode(s, n, &cp);
}

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* The length of the character at s[0..n) (1 for a byte that starts no
 * well-formed UTF-8 sequence), with *bad set when it has no place in an HTML
 * document: ill-formed UTF-8, C0 controls but tab, LF and CR, DEL, C1
 * controls, U+FFFE and U+FFFF. */
static size_t char_at(const unsigned char *s, size_t n, int *bad)
{
	size_t k = utf8_seq(s, n);
	unsigned char c = s[0];
	if (k == 0) {
		*bad = 1;
		return 1;
	}
	*bad = (k == 1 && ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)) ||
	       (k == 2 && c == 0xC2 && s[1] < 0xA0) || (k == 3 && c == 0xEF && s[1] == 0xBF && s[2] >= 0xBE);
	return k;
}

/* Write s as HTML text or as a quoted attribute value: & < > " ' become
 * references, and what char_at() calls bad becomes U+FFFD. */
static void esc(hout *h, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str), i = 0, run = 0;
	while (i < n) {
		const char *ref = NULL;
		int bad;
		size_t k = char_at(s + i, n - i, &bad);
		unsigned char c = s[i];
		if (bad)
			ref = REPLACEMENT;
		else if (c == '&')
			ref = "&amp;";
		else if (c == '<')
			ref = "&lt;";
		else if (c == '>')
			ref = "&gt;";
		else if (c == '"')
			ref = "&quot;";
		else if (c == '\'')
			ref = "&#39;";
		if (!ref) {
			i += k;
			continue;
		}
		putn(h, (const char *)s + run, i - run);
		put(h, ref);
		i += k;
		run = i;
	}
	putn(h, (const char *)s + run, n - run);
}

/* An href the caller gave us, escaped; one whose scheme is not http, https
 * or mailto becomes "#".  A scheme is what precedes the first ':' when no
 * '/', '?' or '#' comes before it; browsers ignore tab, LF and CR inside a
 * URL and leading spaces and controls, so this does too. */
static void put_href(hout *h, const char *href)
{
	static const char *const ALLOWED[] = {"http", "https", "mailto"};
	char scheme[16];
	size_t n = 0;
	const char *p = href;
	while (*p && (unsigned char)*p <= 0x20)
		p++;
	for (; *p; p++) {
		if (*p == '\t' || *p == '\n' || *p == '\r')
			continue;
		if (*p == ':' || *p == '/' || *p == '?' || *p == '#')
			break;
		if (n + 1 < sizeof scheme)
			scheme[n] = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
		n++;
	}
	if (*p == ':') {
		int ok = 0;
		if (n < sizeof scheme) {
			scheme[n] = '\0';
			for (size_t i = 0; i < sizeof ALLOWED / sizeof *ALLOWED; i++)
				ok |= strcmp(scheme, ALLOWED[i]) == 0;
		}
		if (!ok) {
			put(h, "#");
			return;
		}
	}
	esc(h, href);
}

/* ---- headings ------------------------------------------------------------ */

typedef struct heading {
	int level;
	char *text;     /* plain text, owned */
	const char *id; /* owned by the idset */
} heading;

typedef struct headings {
	heading *v;
	size_t n, cap;
} headings;

/* Replace every heading of doc by a custom block holding the same heading
 * with an id, and record the headings in document order.  Returns the block
 * that replaced the document's first node when that was an h1, else NULL. */
static cmark_node *number_headings(cmark_node *doc, cmark_llist *exts, cmark_mem *mem, headings *hs, pm_slugset *ids)
{
	cmark_node *first = cmark_node_first_child(doc), *lead = NULL;
	cmark_node **nodes = NULL;
	size_t n = 0, cap = 0;
	cmark_event_type ev;
	cmark_iter *it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING) {
			nodes = pm_xgrow(nodes, &cap, n + 1, sizeof *nodes);
			nodes[n++] = node;
		}
	}
	cmark_iter_free(it);

	hs->v = pm_xcalloc(n, sizeof *hs->v);
	hs->cap = n;
	for (size_t i = 0; i < n; i++) {
		heading *h = &hs->v[hs->n++];
		pm_buf tag;
		hout o = {&tag, 0};
		h->level = cmark_node_get_heading_level(nodes[i]);
		h->text = pm_md_plain_text(nodes[i]);
		h->id = pm_slug_claim(ids, h->text);

		pm_buf_init(&tag, 0);
		pm_buf_printf(&tag, "<h%d id=\"", h->level);
		esc(&o, h->id);
		put(&o, "\">");
		for (cmark_node *c = cmark_node_first_child(nodes[i]); c; c = cmark_node_next(c)) {
			char *inner = cmark_render_html_with_mem(c, HTML_OPTS, exts, mem);
			put(&o, inner);
			mem->free(inner);
		}
		pm_buf_printf(&tag, "</h%d>", h->level);

		cmark_node *block = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, mem);
		cmark_node_set_on_enter(block, tag.data);
		cmark_node_set_on_exit(block, "");
		cmark_node_replace(nodes[i], block);
		if (nodes[i] == first && h->level == 1)
			lead = block;
		cmark_node_free(nodes[i]);
		pm_buf_free(&tag);
	}
	free(nodes);
	return lead;
}

/* The figure of url, or NULL.  Only URLs of plain path characters are used
 * (the URL goes into an attribute unescaped, and tests/cli/build.sh allows
 * exactly the diagrams' relative paths). */
static const pm_html_figure *find_figure(const pm_html_figure *figs, size_t n, const char *url)
{
	if (!url || !*url ||
	    strspn(url, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/") != strlen(url))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (figs[i].url && strcmp(figs[i].url, url) == 0 && figs[i].width > 0 && figs[i].height > 0)
			return &figs[i];
	return NULL;
}

/* A paragraph that is one image of a figure the caller names (the diagrams,
 * docs/diagrams.md) becomes a <figure>: an <img> of the SVG file at its own
 * size (never wider than the page), the figure's short text alternative as
 * its alt, the Markdown image's text as the caption, and the long
 * description (every zone, component and flow in words) in a <details>
 * under it.  Only the caller's figures become <img>, and only with their
 * own URLs (find_figure): no image URL of the Markdown reaches the page. */
static void make_figures(cmark_node *doc, const pm_html_figure *figs, size_t nfigs, cmark_mem *mem)
{
	cmark_node **paras = NULL;
	size_t n = 0, cap = 0;
	cmark_event_type ev;
	if (!nfigs)
		return;
	cmark_iter *it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node *only = cmark_node_first_child(node);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH && only &&
		    !cmark_node_next(only) && cmark_node_get_type(only) == CMARK_NODE_IMAGE &&
		    find_figure(figs, nfigs, cmark_node_get_url(only))) {
			paras = pm_xgrow(paras, &cap, n + 1, sizeof *paras);
			paras[n++] = node;
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < n; i++) {
		cmark_node *img = cmark_node_first_child(paras[i]);
		const pm_html_figure *f = find_figure(figs, nfigs, cmark_node_get_url(img));
		pm_buf tag;
		hout o = {&tag, 0};
		pm_buf_init(&tag, 0);
		char *caption = pm_md_plain_text(img);
		pm_buf_printf(&tag, "<figure class=\"pm-figure\" id=\"pm-figure-%zu\">\n<img src=\"%s\" alt=\"", i + 1,
		              f->url);
		esc(&o, f->alt && *f->alt ? f->alt : caption && *caption ? caption : "Figure");
		pm_buf_printf(&tag, "\" width=\"%.0f\" height=\"%.0f\">\n<figcaption>", f->width, f->height);
		/* the caption and the description name components and flows: their
		 * ids stay whole on a line, like everywhere else on the page */
		pm_html_put_text(&tag, caption ? caption : "");
		put(&o, "</figcaption>\n");
		if (f->desc && *f->desc) {
			put(&o, "<details><summary>Text description of the figure</summary><p>");
			pm_html_put_text(&tag, f->desc);
			put(&o, "</p></details>\n");
		}
		put(&o, "</figure>\n");
		free(caption);
		cmark_node *block = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, mem);
		cmark_node_set_on_enter(block, tag.data ? tag.data : "");
		cmark_node_set_on_exit(block, "");
		cmark_node_replace(paras[i], block);
		cmark_node_free(paras[i]);
		pm_buf_free(&tag);
	}
	free(paras);
}

static void headings_free(headings *hs)
{
	for (size_t i = 0; i < hs->n; i++)
		free(hs->v[i].text);
	free(hs->v);
	memset(hs, 0, sizeof *hs);
}

/* A nested list of the h2 and h3 headings, when there are TOC_MIN headings
 * and at least one of them is an h2 or h3. */
static void put_toc(hout *o, const headings *hs)
{
	int item_open = 0, sub_open = 0, any = 0;
	if (hs->n < TOC_MIN)
		return;
	for (size_t i = 0; i < hs->n; i++)
		any |= hs->v[i].level == 2 || hs->v[i].level == 3;
	if (!any)
		return;
	put(o, "<nav class=\"pm-toc\" aria-label=\"Contents\">\n<p class=\"pm-toc-title\">Contents</p>\n<ul>\n");
	for (size_t i = 0; i < hs->n; i++) {
		const heading *h = &hs->v[i];
		if (h->level == 2) {
			if (sub_open)
				put(o, "</ul>\n");
			if (item_open)
				put(o, "</li>\n");
			sub_open = 0;
			put(o, "<li>");
			item_open = 1;
		} else if (h->level == 3) {
			if (!item_open)
				put(o, "<li>");
			if (!sub_open)
				put(o, "\n<ul>\n");
			item_open = sub_open = 1;
			put(o, "<li>");
		} else {
			continue;
		}
		put(o, "<a href=\"#");
		esc(o, h->id);
		put(o, "\">");
		if (!o->err && pm_html_put_text(o->b, h->text) < 0)
			o->err = 1;
		put(o, "</a>");
		if (h->level == 3)
			put(o, "</li>\n");
	}
	if (sub_open)
		put(o, "</ul>\n");
	if (item_open)
		put(o, "</li>\n");
	put(o, "</ul>\n</nav>\n");
}

/* Feed the Markdown to cmark with every bad character (char_at()) replaced
 * by U+FFFD, so none reaches the page; cmark joins the pieces into lines. */
static void feed_clean(cmark_parser *parser, const char *md, size_t len)
{
	const unsigned char *s = (const unsigned char *)md;
	size_t i = 0, run = 0;
	while (i < len) {
		int bad;
		size_t k = char_at(s + i, len - i, &bad);
		if (bad) {
			if (i > run)
				cmark_parser_feed(parser, md + run, i - run);
			cmark_parser_feed(parser, REPLACEMENT, sizeof REPLACEMENT - 1);
			run = i + k;
		}
		i += k;
	}
	if (len > run)
		cmark_parser_feed(parser, md + run, len - run);
}

/* Put the table of contents, if any, right after the leading h1 (lead), or
 * first when the document does not start with one. */
static void insert_toc(cmark_node *doc, cmark_node *lead, cmark_mem *mem, const headings *hs)
{
	pm_buf toc;
	hout o = {&toc, 0};
	pm_buf_init(&toc, 0);
	put_toc(&o, hs);
	if (toc.len) {
		cmark_node *block = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, mem);
		cmark_node_set_on_enter(block, toc.data);
		cmark_node_set_on_exit(block, "");
		if (lead)
			cmark_node_insert_after(lead, block);
		else
			cmark_node_prepend_child(doc, block);
	}
	pm_buf_free(&toc);
}

/* ---- page frame ------------------------------------------------------------ */

static void put_head(hout *o, const char *title, const char *subtitle, const pm_html_link *nav, size_t n_nav,
                     size_t current)
{
	put(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	       "img-src * data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"
	       "<meta name=\"generator\" content=\"premarket\">\n<title>");
	esc(o, title);
	put(o, "</title>\n<style>\n");
	for (size_t i = 0; i < sizeof STYLESHEET / sizeof *STYLESHEET; i++) {
		put(o, STYLESHEET[i]);
		put(o, "\n");
	}
	put(o, "</style>\n</head>\n<body>\n<header class=\"pm-bar\">\n<div class=\"pm-bar-inner\">\n"
	       "<p class=\"pm-bar-title\">");
	esc(o, title);
	put(o, "</p>\n");
	if (subtitle) {
		put(o, "<p class=\"pm-bar-subtitle\">");
		esc(o, subtitle);
		put(o, "</p>\n");
	}
	put(o, "</div>\n</header>\n");
	if (n_nav) {
		put(o, "<nav class=\"pm-nav\" aria-label=\"Documents\">\n<ul>\n");
		for (size_t i = 0; i < n_nav; i++) {
			put(o, i == current ? "<li class=\"pm-current\"><a aria-current=\"page\" href=\""
			                    : "<li><a href=\"");
			put_href(o, nav[i].href);
			put(o, "\">");
			esc(o, nav[i].title);
			put(o, "</a></li>\n");
		}
		put(o, "</ul>\n</nav>\n");
	}
	put(o, "<main>\n");
}

/* Links to the entries before and after nav[current], if any. */
static void put_pager(hout *o, const pm_html_link *nav, size_t n_nav, size_t current)
{
	if (current >= n_nav || n_nav < 2)
		return;
	put(o, "<nav class=\"pm-pager\" aria-label=\"Previous and next document\">\n");
	for (int k = 0; k < 2; k++) {
		const pm_html_link *l = k == 0 ? (current > 0 ? &nav[current - 1] : NULL)
		                               : (current + 1 < n_nav ? &nav[current + 1] : NULL);
		if (!l)
			continue;
		put(o,
		    k == 0 ? "<a class=\"pm-prev\" rel=\"prev\" href=\"" : "<a class=\"pm-next\" rel=\"next\" href=\"");
		put_href(o, l->href);
		put(o, k == 0 ? "\"><span class=\"pm-pager-label\">&#8592; Previous</span> "
		              : "\"><span class=\"pm-pager-label\">Next &#8594;</span> ");
		esc(o, l->title);
		put(o, "</a>\n");
	}
	put(o, "</nav>\n");
}

static void put_foot(hout *o, const char *subtitle)
{
	put(o, "</main>\n<footer class=\"pm-footer\">\n<p>");
	if (subtitle) {
		esc(o, subtitle);
		put(o, " &#183; ");
	}
	put(o, "Generated by premarket.</p>\n</footer>\n</body>\n</html>\n");
}

/* ---- entry points ------------------------------------------------------------ */

static int check_links(const pm_html_link *v, size_t n, const char *what, pm_diags *d)
{
	if (n && !v)
		return pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0, "%s: no links given", what);
	for (size_t i = 0; i < n; i++)
		if (!v[i].href || !v[i].title)
			return pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0,
			                   "%s: link %zu has no href or no title", what, i + 1);
	return 0;
}

/* Undo a failed render: out gets back its length and overflow flag. */
static int fail_output(pm_buf *out, size_t len, int overflow, const char *title, pm_diags *d)
{
	pm_buf_truncate(out, len);
	out->overflow = overflow;
	return pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, NULL, 0, 0, "HTML page \"%s\" exceeds the output size limit",
	                   title);
}

/* Links between the generated documents are written to the Markdown files
 * ("threat-model.md#threats"); in HTML they point at the pages. Only relative
 * links without a scheme are rewritten. */
static void md_links_to_html(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_LINK)
			continue;
		const char *url = cmark_node_get_url(n);
		if (!url || !*url || url[0] == '/' || url[0] == '#' || strchr(url, ':'))
			continue;
		const char *hash = strchr(url, '#');
		size_t base = hash ? (size_t)(hash - url) : strlen(url);
		if (base < 4 || memcmp(url + base - 3, ".md", 3) != 0)
			continue;
		size_t len = strlen(url);
		char *nu = malloc(len + 3);
		if (!nu)
			continue;
		memcpy(nu, url, base - 3);
		memcpy(nu + base - 3, ".html", 5);
		memcpy(nu + base + 2, url + base, len - base + 1);
		cmark_node_set_url(n, nu);
		free(nu);
	}
	cmark_iter_free(it);
}

int pm_html_page(const char *markdown, size_t len, const char *title, const char *subtitle, const pm_html_link *nav,
                 size_t n_nav, pm_buf *out, pm_diags *d)
{
	return pm_html_page_figures(markdown, len, title, subtitle, nav, n_nav, NULL, 0, out, d);
}

int pm_html_page_figures(const char *markdown, size_t len, const char *title, const char *subtitle,
                         const pm_html_link *nav, size_t n_nav, const pm_html_figure *figs, size_t nfigs, pm_buf *out,
                         pm_diags *d)
{
	return pm_html_page_ctx(markdown, len, title, subtitle, nav, n_nav, figs, nfigs, NULL, out, d);
}

int pm_html_page_ctx(const char *markdown, size_t len, const char *title, const char *subtitle, const pm_html_link *nav,
                     size_t n_nav, const pm_html_figure *figs, size_t nfigs, const pm_html_context *ctx, pm_buf *out,
                     pm_diags *d)
{
	size_t current = ctx ? ctx->current : (size_t)-1;
	pm_html_links *links = NULL;
	size_t mark = out->len;
	int overflow = out->overflow;
	hout o = {out, 0};
	headings hs = {0};
	pm_slugset ids;
	memset(&ids, 0, sizeof ids);
	cmark_mem *mem;
	cmark_parser *parser;
	cmark_node *doc, *lead;
	char *body;

	if (!title)
		return pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0, "HTML page: no title");
	if (!markdown && len)
		return pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0, "HTML page \"%s\": no Markdown text", title);
	if (check_links(nav, n_nav, "HTML page navigation", d) < 0)
		return -1;

	cmark_gfm_core_extensions_ensure_registered();
	mem = cmark_get_default_mem_allocator();
	parser = cmark_parser_new_with_mem(HTML_OPTS, mem);
	for (size_t i = 0; i < sizeof EXTENSIONS / sizeof *EXTENSIONS; i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(EXTENSIONS[i]);
		if (!ext || !cmark_parser_attach_syntax_extension(parser, ext)) {
			cmark_parser_free(parser);
			return pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, NULL, 0, 0,
			                   "cmark-gfm extension \"%s\" is not available", EXTENSIONS[i]);
		}
	}
	feed_clean(parser, markdown, len);
	doc = cmark_parser_finish(parser);
	if (!doc) {
		cmark_parser_free(parser);
		return pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, NULL, 0, 0,
		                   "HTML page \"%s\": cmark-gfm could not parse the Markdown", title);
	}
	md_links_to_html(doc);
	if (pm_html_links_apply(doc, mem, ctx, &links) == PM_HTML_LINKS_SCANNED) { /* pm_html_xref_scan(): no page */
		pm_html_links_free(links);
		cmark_node_free(doc);
		cmark_parser_free(parser);
		return 0;
	}
	make_figures(doc, figs, nfigs, mem);
	lead = number_headings(doc, cmark_parser_get_syntax_extensions(parser), mem, &hs, &ids);
	insert_toc(doc, lead, mem, &hs);
	body = cmark_render_html_with_mem(doc, HTML_OPTS, cmark_parser_get_syntax_extensions(parser), mem);
	cmark_node_free(doc);
	cmark_parser_free(parser);

	put_head(&o, title, subtitle, nav, n_nav, current);
	if (!o.err && pm_html_links_write(links, body, out) < 0)
		o.err = 1;
	pm_html_links_free(links);
	put_pager(&o, nav, n_nav, current);
	put_foot(&o, subtitle);
	mem->free(body);
	headings_free(&hs);
	pm_slugset_free(&ids);
	if (o.err)
		return fail_output(out, mark, overflow, title, d);
	return 0;
}

int pm_html_index(const char *title, const char *subtitle, const pm_html_link *docs, const char *const *descriptions,
                  size_t n, pm_buf *out, pm_diags *d)
{
	size_t mark = out->len;
	int overflow = out->overflow;
	hout o = {out, 0};

	if (!title)
		return pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0, "HTML index: no title");
	if (check_links(docs, n, "HTML index", d) < 0)
		return -1;

	put_head(&o, title, subtitle, NULL, 0, 0);
	put(&o, "<h1>");
	esc(&o, title);
	put(&o, "</h1>\n");
	if (n == 0) {
		put(&o, "<p>No documents.</p>\n");
	} else {
		put(&o, "<div class=\"pm-table\">\n<table class=\"pm-docs\">\n<thead>\n<tr>\n<th>Document</th>\n");
		if (descriptions)
			put(&o, "<th>Description</th>\n");
		put(&o, "</tr>\n</thead>\n<tbody>\n");
		for (size_t i = 0; i < n; i++) {
			put(&o, "<tr>\n<td><a href=\"");
			put_href(&o, docs[i].href);
			put(&o, "\">");
			esc(&o, docs[i].title);
			put(&o, "</a></td>\n");
			if (descriptions) {
				put(&o, "<td>");
				esc(&o, descriptions[i] ? descriptions[i] : "");
				put(&o, "</td>\n");
			}
			put(&o, "</tr>\n");
		}
		put(&o, "</tbody>\n</table>\n</div>\n");
	}
	put_foot(&o, subtitle);
	if (o.err)
		return fail_output(out, mark, overflow, title, d);
	return 0;
}
