/* test_html.c — Markdown to standalone HTML pages (gen/render_html.c): every
 * page parses cleanly with libxml2's HTML parser; hostile Markdown and
 * hostile caller strings put no script, frame, event handler or dangerous URL
 * into the parsed tree; GFM tables; unique, stable heading ids and the table
 * of contents; the index page; byte-identical output; failure leaves the
 * buffer as it was; the current document and previous/next links; object
 * ids as anchors and links (gen/html_links.c): whole tokens only, never in
 * code or links, odd characters, unique ids, determinism; tables in their
 * scrolling wrapper; ids, dates and CVSS vectors kept whole. */
#include "testutil.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <strings.h>

#include "premarket/html.h"
#include "premarket/model.h"

/* ---- parsing with libxml2 ------------------------------------------------ */

#if LIBXML_VERSION >= 21200
typedef const xmlError *err_ptr;
#else
typedef xmlErrorPtr err_ptr;
#endif

static int parse_errors;

/* libxml2's HTML parser knows HTML 4 only: it reports the HTML5 sectioning
 * elements the page frame uses, and <wbr>, as unknown tags.  Those, and only those, are
 * not errors. */
static void on_error(void *ctx, err_ptr e)
{
	static const char *const HTML5[] = {"header", "nav", "main", "footer", "wbr"};
	(void)ctx;
	if (e->code == XML_HTML_UNKNOWN_TAG && e->str1)
		for (size_t i = 0; i < sizeof HTML5 / sizeof *HTML5; i++)
			if (strcmp(e->str1, HTML5[i]) == 0)
				return;
	fprintf(stderr, "libxml2: line %d: %s", e->line, e->message ? e->message : "?\n");
	parse_errors++;
}

/* Parse a page and assert libxml2 reported nothing. */
static xmlDocPtr parse_clean(const pm_buf *b)
{
	parse_errors = 0;
	xmlSetStructuredErrorFunc(NULL, on_error);
	xmlDocPtr doc = htmlReadMemory(b->data, (int)b->len, "page.html", "UTF-8", HTML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	assert_non_null(doc);
	assert_int_equal(parse_errors, 0);
	return doc;
}

static int is_elem(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* Depth-first search for the first element called name (class cls if not NULL). */
static xmlNodePtr find(xmlNodePtr n, const char *name, const char *cls)
{
	for (; n; n = n->next) {
		if (is_elem(n, name)) {
			xmlChar *c = xmlGetProp(n, (const xmlChar *)"class");
			int ok = !cls || (c && strcmp((const char *)c, cls) == 0);
			xmlFree(c);
			if (ok)
				return n;
		}
		xmlNodePtr r = find(n->children, name, cls);
		if (r)
			return r;
	}
	return NULL;
}

static size_t count(xmlNodePtr n, const char *name)
{
	size_t k = 0;
	for (; n; n = n->next)
		k += is_elem(n, name) + count(n->children, name);
	return k;
}

static char *prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = v ? strdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

static char *text_of(xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s = strdup(v ? (const char *)v : "");
	xmlFree(v);
	return s;
}

/* The URL scheme as a browser (WHATWG URL) sees it: leading spaces and
 * controls skipped, tab/LF/CR dropped, lower-cased; "" when there is none
 * (a scheme is a letter then letters, digits, '+', '-', '.', then ':'). */
static void url_scheme(const char *url, char *out, size_t n)
{
	size_t k = 0;
	const char *p = url;
	while (*p && (unsigned char)*p <= 0x20)
		p++;
	for (; *p && k + 1 < n; p++) {
		char c = *p;
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == ':' && k > 0) {
			out[k] = '\0';
			return;
		}
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (!((c >= 'a' && c <= 'z') ||
		      (k > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))))
			break;
		out[k++] = c;
	}
	out[0] = '\0';
}

/* Every element and attribute of the tree must be harmless. */
static void assert_safe(xmlNodePtr n)
{
	static const char *const BAD_ELEMS[] = {"script", "iframe", "frame", "frameset", "object",
	                                        "embed",  "applet", "form",  "base",     "link",
	                                        "svg",    "math",   "input", "button",   "textarea"};
	static const char *const URL_ATTRS[] = {"href",       "src",    "action", "formaction",
	                                        "background", "poster", "data",   "cite"};
	for (; n; n = n->next) {
		if (n->type == XML_COMMENT_NODE) {
			/* the only comments are cmark's placeholders */
			assert_string_equal((const char *)n->content, " raw HTML omitted ");
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (size_t i = 0; i < sizeof BAD_ELEMS / sizeof *BAD_ELEMS; i++)
			if (strcmp((const char *)n->name, BAD_ELEMS[i]) == 0)
				fail_msg("element <%s> in output", n->name);
		if (is_elem(n, "meta")) {
			char *he = prop(n, "http-equiv");
			if (he)
				assert_string_equal(he, "Content-Security-Policy");
			free(he);
		}
		for (xmlAttrPtr a = n->properties; a; a = a->next) {
			const char *an = (const char *)a->name;
			char *v = text_of((xmlNodePtr)a), scheme[32];
			if (strncasecmp(an, "on", 2) == 0)
				fail_msg("event handler %s=\"%s\" on <%s>", an, v, n->name);
			if (strcasecmp(an, "style") == 0 && strncmp(v, "text-align: ", 12) != 0)
				fail_msg("style=\"%s\" on <%s>", v, n->name);
			if (strcasecmp(an, "srcdoc") == 0 || strcasecmp(an, "formaction") == 0)
				fail_msg("attribute %s on <%s>", an, n->name);
			for (size_t i = 0; i < sizeof URL_ATTRS / sizeof *URL_ATTRS; i++) {
				if (strcasecmp(an, URL_ATTRS[i]) != 0)
					continue;
				url_scheme(v, scheme, sizeof scheme);
				int ok = !*scheme || !strcmp(scheme, "http") || !strcmp(scheme, "https") ||
				         !strcmp(scheme, "mailto") ||
				         (is_elem(n, "img") && !strcmp(an, "src") && !strcmp(scheme, "data") &&
				          !strncmp(v, "data:image/", 11));
				if (!ok)
					fail_msg("%s=\"%s\" on <%s>", an, v, n->name);
			}
			free(v);
		}
		assert_safe(n->children);
	}
}

/* ---- rendering helpers ---------------------------------------------------- */

static const pm_html_link NAV[] = {
        {"index.html", "Index"},
        {"threat-model.html", "Threat model"},
        {"sbom.html", "SBOM"},
};

static void page(pm_buf *out, const char *md)
{
	pm_diags d;
	pm_diags_init(&d);
	pm_buf_init(out, 0);
	assert_int_equal(pm_html_page(md, strlen(md), "Threat model", "Pump 2.1 - DOC-7", NAV, sizeof NAV / sizeof *NAV,
	                              out, &d),
	                 0);
	assert_int_equal(d.n, 0);
	pm_diags_free(&d);
	assert_non_null(out->data);
}

/* href of every <a> under n, in document order, into v[0..*k). */
static void collect_hrefs(xmlNodePtr n, char **v, size_t *k, size_t max)
{
	for (; n; n = n->next) {
		if (is_elem(n, "a")) {
			assert_true(*k < max);
			v[(*k)++] = prop(n, "href");
		}
		collect_hrefs(n->children, v, k, max);
	}
}

/* ids of every h1..h6, in document order, into ids[0..*n). */
static void heading_ids(xmlNodePtr n, char **ids, size_t *k, size_t max)
{
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && n->name[0] == 'h' && n->name[1] >= '1' && n->name[1] <= '6' &&
		    n->name[2] == '\0') {
			assert_true(*k < max);
			ids[(*k)++] = prop(n, "id");
		}
		heading_ids(n->children, ids, k, max);
	}
}

/* ---- tests ----------------------------------------------------------------- */

static void test_page_frame(void **state)
{
	(void)state;
	pm_buf b;
	page(&b, "# Title\n\nSome *text* and `code`.\n\n```\nint x = 1 < 2;\n```\n\n- a\n- b\n");
	assert_memory_equal(b.data, "<!DOCTYPE html>\n<html lang=\"en\">\n", 33);
	xmlDocPtr doc = parse_clean(&b);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	assert_true(is_elem(root, "html"));
	char *lang = prop(root, "lang");
	assert_string_equal(lang, "en");
	free(lang);

	xmlNodePtr title = find(root, "title", NULL);
	assert_non_null(title);
	char *t = text_of(title);
	assert_string_equal(t, "Threat model");
	free(t);
	assert_non_null(find(root, "style", NULL));
	assert_non_null(strstr(b.data, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(b.data, "name=\"viewport\""));
	assert_non_null(strstr(b.data, "default-src 'none'"));

	/* header bar with subtitle, navigation in the given order, footer */
	xmlNodePtr sub = find(root, "p", "pm-bar-subtitle");
	assert_non_null(sub);
	t = text_of(sub);
	assert_string_equal(t, "Pump 2.1 - DOC-7");
	free(t);
	xmlNodePtr nav = find(root, "nav", "pm-nav");
	assert_non_null(nav);
	assert_int_equal(count(nav->children, "a"), 3);
	char *hrefs[8];
	size_t nh = 0;
	collect_hrefs(nav->children, hrefs, &nh, 8);
	assert_int_equal(nh, 3);
	for (size_t i = 0; i < nh; i++) {
		assert_string_equal(hrefs[i], NAV[i].href);
		free(hrefs[i]);
	}
	assert_non_null(find(root, "footer", NULL));
	assert_non_null(find(root, "pre", NULL));
	assert_int_equal(count(root, "li"), 5);
	/* no table of contents for a single heading */
	assert_null(find(root, "nav", "pm-toc"));
	assert_safe(root);
	xmlFreeDoc(doc);
	pm_buf_free(&b);
}

static const char HOSTILE[] =
        "# Hostile <script>alert(1)</script>\n\n"
        "<script>alert('block')</script>\n\n"
        "<iframe src=\"https://evil.example\"></iframe>\n\n"
        "<!-- a secret comment -->\n\n"
        "Inline <img src=x onerror=alert(1)> and <a href=\"javascript:alert(2)\">a</a> "
        "<svg onload=alert(3)></svg> <style>body{}</style>\n\n"
        "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](vbscript:msgbox(1)) "
        "[f](file:///etc/passwd) [d](data:text/html;base64,PHNjcmlwdD4=) "
        "[t](java&#x09;script:alert(1)) [e](&#106;avascript:alert(1)) [s]( javascript:alert(1))\n\n"
        "![i](javascript:alert(1)) ![ok](data:image/png;base64,iVBORw0KGgo=)\n\n"
        "[q](http://a.example \"t\\\" onmouseover=\\\"alert(1)\") [ref]\n\n"
        "[ref]: javascript:alert(4)\n\n"
        "<javascript:alert(5)> <https://ok.example/a?b=1&c=2> www.example.com "
        "user@example.com ~~gone~~\n\n"
        "| a <b onclick=x>b</b> | <script>c</script> |\n"
        "|---|---|\n"
        "| <img src=x onerror=alert(6)> | [l](javascript:alert(7)) |\n"
        "| `<script>` | <a href=\"javascript:x\">z</a> |\n\n"
        "<div onclick=\"alert(8)\">\n\n*inside*\n\n</div>\n\n"
        "<textarea><script>alert(9)</script></textarea>\n\n"
        "<plaintext>\n";

static void test_hostile_markdown(void **state)
{
	(void)state;
	pm_buf b;
	page(&b, HOSTILE);
	xmlDocPtr doc = parse_clean(&b);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	assert_safe(root);
	/* the hostile text stays text: code spans are escaped, not dropped */
	assert_non_null(strstr(b.data, "<code>&lt;script&gt;</code>"));
	/* safe links survive; autolinks work */
	assert_non_null(strstr(b.data, "href=\"http://www.example.com\""));
	assert_non_null(strstr(b.data, "href=\"https://ok.example/a?b=1&amp;c=2\""));
	assert_non_null(strstr(b.data, "href=\"mailto:user@example.com\""));
	assert_non_null(strstr(b.data, "<del>gone</del>"));
	assert_non_null(strstr(b.data, "src=\"data:image/png;base64,iVBORw0KGgo=\""));
	assert_null(strstr(b.data, "secret comment"));
	assert_int_equal(count(root, "table"), 1);
	xmlFreeDoc(doc);
	pm_buf_free(&b);
}

static void test_hostile_caller_strings(void **state)
{
	(void)state;
	static const char TITLE[] = "T </title><script>alert(1)</script> & \"q\" 'a'";
	static const char SUB[] = "\"><img src=x onerror=alert(1)> \x01 bad\xff utf8";
	static const pm_html_link nav[] = {
	        {"javascript:alert(1)", "<b>js</b>"}, {" JaVa\tScript:alert(1)", "js2"},
	        {"data:text/html,x", "data"},         {"a.html?x=\"y\"&z=<w>", "ok \"quoted\""},
	        {"https://example.org/", "web"},
	};
	static const pm_html_link docs[] = {
	        {"vbscript:x", "<script>x</script>"},
	        {"sub/b.html#\" onmouseover=\"x", "b"},
	};
	static const char *const desc[] = {"<iframe src=x>", NULL};
	pm_diags d;
	pm_buf b;
	pm_diags_init(&d);
	pm_buf_init(&b, 0);
	assert_int_equal(pm_html_page("text\n", 5, TITLE, SUB, nav, 5, &b, &d), 0);
	xmlDocPtr doc = parse_clean(&b);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	assert_safe(root);
	char *t = text_of(find(root, "title", NULL));
	assert_string_equal(t, TITLE);
	free(t);
	t = text_of(find(root, "p", "pm-bar-subtitle"));
	assert_string_equal(t, "\"><img src=x onerror=alert(1)> \xEF\xBF\xBD bad\xEF\xBF\xBD utf8");
	free(t);
	xmlNodePtr nv = find(root, "nav", "pm-nav");
	assert_int_equal(count(nv->children, "a"), 5);
	assert_int_equal(count(nv->children, "b"), 0);
	assert_non_null(strstr(b.data, "<a href=\"#\">&lt;b&gt;js&lt;/b&gt;</a>"));
	assert_non_null(strstr(b.data, "href=\"a.html?x=&quot;y&quot;&amp;z=&lt;w&gt;\""));
	assert_non_null(strstr(b.data, "href=\"https://example.org/\""));
	xmlFreeDoc(doc);

	pm_buf_clear(&b);
	assert_int_equal(pm_html_index(TITLE, SUB, docs, desc, 2, &b, &d), 0);
	doc = parse_clean(&b);
	root = xmlDocGetRootElement(doc);
	assert_safe(root);
	assert_int_equal(count(root, "a"), 2);
	assert_non_null(strstr(b.data, "href=\"sub/b.html#&quot; onmouseover=&quot;x\""));
	xmlFreeDoc(doc);
	assert_int_equal(d.n, 0);
	pm_buf_free(&b);
	pm_diags_free(&d);
}

static void test_gfm_table(void **state)
{
	(void)state;
	pm_buf b;
	page(&b, "Intro\n\n| Id | Threat | Score |\n|:---|:---:|---:|\n| T1 | Spoofing | 9.8 |\n"
	         "| T2 | Tampering \\| pipes | 5.0 |\n| T3 | <b>HTML</b> cell | 1.0 |\n");
	xmlDocPtr doc = parse_clean(&b);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr table = find(root, "table", NULL);
	assert_non_null(table);
	xmlNodePtr thead = find(table->children, "thead", NULL);
	xmlNodePtr tbody = find(table->children, "tbody", NULL);
	assert_non_null(thead);
	assert_non_null(tbody);
	assert_ptr_equal(thead->parent, table);
	assert_ptr_equal(tbody->parent, table);
	assert_int_equal(count(thead->children, "tr"), 1);
	assert_int_equal(count(thead->children, "th"), 3);
	assert_int_equal(count(tbody->children, "tr"), 3);
	assert_int_equal(count(tbody->children, "td"), 9);
	assert_int_equal(count(tbody->children, "b"), 0);
	assert_non_null(strstr(b.data, "<td style=\"text-align: center\">Tampering | pipes</td>"));
	/* alignment as a style, not the obsolete align attribute */
	assert_non_null(strstr(b.data, "<th style=\"text-align: center\">Threat</th>"));
	assert_null(strstr(b.data, " align="));
	assert_safe(root);
	xmlFreeDoc(doc);
	pm_buf_free(&b);
}

static void test_heading_ids(void **state)
{
	(void)state;
	static const char MD[] = "# Threat Model\n\n"
	                         "## Scope & Assumptions\n\n"
	                         "### Assets\n\n"
	                         "## Assets\n\n"
	                         "## Assets\n\n"
	                         "## Assets 2\n\n"
	                         "### `code` *and* ~~struck~~ text\n\n"
	                         "## 1.2 Risk: CVSS v3.1/4.0!\n\n"
	                         "## Émigré — ünïcode\n\n"
	                         "## !!!\n\n"
	                         "> ### Quoted\n\n"
	                         "- item\n\n  #### In a list\n\n"
	                         "Setext\n------\n";
	static const char *const WANT[] = {
	        "threat-model",
	        "scope-assumptions",
	        "assets",
	        "assets-2",
	        "assets-3",
	        "assets-2-2",
	        "code-and-struck-text",
	        "1-2-risk-cvss-v3-1-4-0",
	        "migr-n-code",
	        "section",
	        "quoted",
	        "in-a-list",
	        "setext",
	};
	enum { N = sizeof WANT / sizeof *WANT };
	pm_buf b, b2;
	page(&b, MD);
	xmlDocPtr doc = parse_clean(&b);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr main_ = find(root, "main", NULL);
	char *ids[32];
	size_t n = 0;
	heading_ids(main_->children, ids, &n, 32);
	assert_int_equal(n, N);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(ids[i]);
		assert_string_equal(ids[i], WANT[i]);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(ids[i], ids[j]);
	}
	/* the table of contents follows the leading h1 */
	assert_non_null(strstr(b.data, "<h1 id=\"threat-model\">Threat Model</h1>\n<nav class=\"pm-toc\""));
	/* inline markup inside headings is kept */
	assert_non_null(strstr(b.data, "<h3 id=\"code-and-struck-text\"><code>code</code> <em>and</em> "
	                               "<del>struck</del> text</h3>"));

	/* table of contents: h2 and h3 only, each linking an existing id */
	xmlNodePtr toc = find(root, "nav", "pm-toc");
	assert_non_null(toc);
	assert_int_equal(count(toc->children, "a"), 11);
	assert_non_null(strstr(b.data, "<a href=\"#scope-assumptions\">Scope &amp; Assumptions</a>"));
	assert_null(strstr(b.data, "href=\"#threat-model\""));
	assert_null(strstr(b.data, "href=\"#in-a-list\""));
	char *hrefs[32];
	size_t nh = 0;
	collect_hrefs(toc->children, hrefs, &nh, 32);
	assert_int_equal(nh, 11);
	for (size_t k = 0; k < nh; k++) {
		int found = 0;
		assert_int_equal(hrefs[k][0], '#');
		for (size_t i = 0; i < n; i++)
			found |= strcmp(hrefs[k] + 1, ids[i]) == 0;
		assert_true(found);
		free(hrefs[k]);
	}
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	assert_safe(root);
	xmlFreeDoc(doc);

	/* stable: the same text gives the same bytes, ids included */
	page(&b2, MD);
	assert_int_equal(b.len, b2.len);
	assert_memory_equal(b.data, b2.data, b.len);
	pm_buf_free(&b);
	pm_buf_free(&b2);
}

static void test_long_heading(void **state)
{
	(void)state;
	pm_buf md, b;
	pm_buf_init(&md, 0);
	pm_buf_puts(&md, "# ");
	for (int i = 0; i < 100; i++)
		pm_buf_puts(&md, "Word ");
	pm_buf_puts(&md, "\n\n# ");
	for (int i = 0; i < 100; i++)
		pm_buf_puts(&md, "Word ");
	pm_buf_puts(&md, "\n");
	page(&b, md.data);
	xmlDocPtr doc = parse_clean(&b);
	char *ids[4];
	size_t n = 0;
	heading_ids(find(xmlDocGetRootElement(doc), "main", NULL)->children, ids, &n, 4);
	assert_int_equal(n, 2);
	assert_int_equal(strlen(ids[0]), 64);
	assert_memory_equal(ids[0], "word-word-", 10);
	assert_int_equal(ids[0][63], 'd');
	assert_int_equal(strlen(ids[1]), 66);
	assert_memory_equal(ids[1], ids[0], 64);
	assert_string_equal(ids[1] + 64, "-2");
	free(ids[0]);
	free(ids[1]);
	xmlFreeDoc(doc);
	pm_buf_free(&b);
	pm_buf_free(&md);
}

static void test_toc_threshold(void **state)
{
	(void)state;
	pm_buf b;
	page(&b, "# A\n\n## B\n\ntext\n");
	assert_null(strstr(b.data, "pm-toc\""));
	pm_buf_free(&b);
	page(&b, "# A\n\n#### B\n\n##### C\n");
	assert_null(strstr(b.data, "class=\"pm-toc\"")); /* 3 headings, none h2/h3 */
	pm_buf_free(&b);
	page(&b, "### Early\n\n# A\n\n## B\n\n### C\n");
	assert_non_null(strstr(b.data, "<main>\n<nav class=\"pm-toc\"")); /* no leading h1: first */
	xmlDocPtr doc = parse_clean(&b);
	xmlNodePtr toc = find(xmlDocGetRootElement(doc), "nav", "pm-toc");
	assert_non_null(toc);
	assert_int_equal(count(toc->children, "a"), 3);
	assert_int_equal(count(toc->children, "ul"), 3);
	xmlFreeDoc(doc);
	pm_buf_free(&b);
}

static void test_index_page(void **state)
{
	(void)state;
	static const pm_html_link docs[] = {
	        {"threat-model.html", "Threat model"},
	        {"sbom.html", "Software bill of materials"},
	        {"html/risk.html", "Risk register"},
	        {"labeling.html", "Labeling & instructions"},
	};
	static const char *const desc[] = {"STRIDE per interface", "CycloneDX components", NULL,
	                                   "For users <and> service"};
	enum { N = sizeof docs / sizeof *docs };
	pm_diags d;
	pm_buf b, b2;
	pm_diags_init(&d);
	pm_buf_init(&b, 0);
	pm_buf_init(&b2, 0);
	assert_int_equal(pm_html_index("Cybersecurity documentation", "Pump 2.1", docs, desc, N, &b, &d), 0);
	assert_int_equal(pm_html_index("Cybersecurity documentation", "Pump 2.1", docs, desc, N, &b2, &d), 0);
	assert_int_equal(b.len, b2.len);
	assert_memory_equal(b.data, b2.data, b.len);

	xmlDocPtr doc = parse_clean(&b);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	assert_safe(root);
	xmlNodePtr tbody = find(root, "tbody", NULL);
	assert_non_null(tbody);
	assert_int_equal(count(tbody->children, "tr"), N);
	assert_int_equal(count(tbody->children, "a"), N);
	/* every document is linked, in order, with its title */
	size_t i = 0;
	for (xmlNodePtr tr = tbody->children; tr; tr = tr->next) {
		if (!is_elem(tr, "tr"))
			continue;
		xmlNodePtr a = find(tr->children, "a", NULL);
		char *h = prop(a, "href"), *t = text_of(a);
		assert_true(i < N);
		assert_string_equal(h, docs[i].href);
		assert_string_equal(t, docs[i].title);
		free(h);
		free(t);
		i++;
	}
	assert_int_equal(i, N);
	assert_non_null(strstr(b.data, "<td>For users &lt;and&gt; service</td>"));
	xmlFreeDoc(doc);

	/* no descriptions, no documents */
	pm_buf_clear(&b);
	assert_int_equal(pm_html_index("Docs", NULL, docs, NULL, N, &b, &d), 0);
	assert_null(strstr(b.data, "Description"));
	doc = parse_clean(&b);
	xmlFreeDoc(doc);
	pm_buf_clear(&b);
	assert_int_equal(pm_html_index("Docs", NULL, NULL, NULL, 0, &b, &d), 0);
	doc = parse_clean(&b);
	xmlFreeDoc(doc);
	assert_int_equal(d.n, 0);
	pm_buf_free(&b);
	pm_buf_free(&b2);
	pm_diags_free(&d);
}

static void test_deterministic(void **state)
{
	(void)state;
	pm_buf a, b;
	page(&a, HOSTILE);
	page(&b, HOSTILE);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	pm_buf_free(&a);
	pm_buf_free(&b);
}

static void test_odd_input(void **state)
{
	(void)state;
	static const char MD[] =
	        "# Nul\0byte and bad \xC3\x28 utf8 \xED\xA0\x80\n\ntext\x01\x7F \xC2\x85 \xEF\xBF\xBF\xF4\x90\x80\x80\n"
	        "|a|b|\n|-|-|\n|\x02|\xC0\xAF|\n\n`\x1B[0m`\n";
	pm_diags d;
	pm_buf b;
	pm_diags_init(&d);
	pm_buf_init(&b, 0);
	assert_int_equal(pm_html_page(MD, sizeof MD - 1, "t", NULL, NULL, 0, &b, &d), 0);
	assert_int_equal(pm_html_page(NULL, 0, "empty", NULL, NULL, 0, &b, &d), 0);
	assert_int_equal(d.n, 0);
	/* two pages back to back: parse each */
	char *second = strstr(b.data + 1, "<!DOCTYPE html>");
	assert_non_null(second);
	pm_buf one;
	pm_buf_init(&one, 0);
	pm_buf_put(&one, b.data, (size_t)(second - b.data));
	xmlFreeDoc(parse_clean(&one));
	pm_buf_free(&one);
	pm_buf_free(&b);
	pm_diags_free(&d);
}

static void test_failure_leaves_buffer(void **state)
{
	(void)state;
	pm_diags d;
	pm_buf b;
	pm_diags_init(&d);
	pm_buf_init(&b, 4096);
	pm_buf_puts(&b, "before");
	/* the stylesheet alone is larger than the cap */
	assert_int_equal(pm_html_page("x", 1, "t", NULL, NULL, 0, &b, &d), -1);
	assert_int_equal(b.len, 6);
	assert_string_equal(b.data, "before");
	assert_int_equal(b.overflow, 0);
	assert_int_equal(pm_html_index("t", NULL, NULL, NULL, 0, &b, &d), -1);
	assert_string_equal(b.data, "before");
	assert_true(pm_diags_has(&d, PM_ERR_RENDER));

	/* usage errors */
	static const pm_html_link bad[] = {{NULL, "x"}};
	assert_int_equal(pm_html_page("x", 1, NULL, NULL, NULL, 0, &b, &d), -1);
	assert_int_equal(pm_html_page(NULL, 3, "t", NULL, NULL, 0, &b, &d), -1);
	assert_int_equal(pm_html_page("x", 1, "t", NULL, bad, 1, &b, &d), -1);
	assert_int_equal(pm_html_page("x", 1, "t", NULL, NULL, 2, &b, &d), -1);
	assert_int_equal(pm_html_index(NULL, NULL, NULL, NULL, 0, &b, &d), -1);
	assert_true(pm_diags_has(&d, PM_ERR_USAGE));
	assert_int_equal(d.errors, 7);
	assert_string_equal(b.data, "before");
	pm_buf_free(&b);
	pm_diags_free(&d);
}

/* ---- navigation, anchors and links ------------------------------------------ */

/* Every element under n with attribute attr equal to val (val NULL: any). */
static size_t count_attr(xmlNodePtr n, const char *attr, const char *val)
{
	size_t k = 0;
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE) {
			char *v = prop(n, attr);
			k += v && (!val || strcmp(v, val) == 0);
			free(v);
		}
		k += count_attr(n->children, attr, val);
	}
	return k;
}

static void page_ctx(pm_buf *out, const char *md, const pm_html_context *ctx)
{
	pm_diags d;
	pm_diags_init(&d);
	pm_buf_init(out, 0);
	assert_int_equal(
	        pm_html_page_ctx(md, strlen(md), "Doc", NULL, NAV, sizeof NAV / sizeof *NAV, NULL, 0, ctx, out, &d), 0);
	assert_int_equal(d.n, 0);
	pm_diags_free(&d);
}

static void test_nav_current(void **state)
{
	(void)state;
	for (size_t cur = 0; cur <= 3; cur++) {
		pm_html_context ctx = {cur, NULL, NULL};
		pm_buf b;
		page_ctx(&b, "# Doc\n\ntext\n", &ctx);
		xmlDocPtr doc = parse_clean(&b);
		xmlNodePtr root = xmlDocGetRootElement(doc);
		xmlNodePtr nav = find(root, "nav", "pm-nav");
		assert_non_null(nav);
		/* exactly one current entry, the page's own (none for 3: out of range) */
		assert_int_equal(count_attr(root, "aria-current", NULL), cur < 3);
		assert_int_equal(count_attr(nav, "aria-current", "page"), cur < 3);
		if (cur < 3) {
			xmlNodePtr li = find(nav, "li", "pm-current");
			assert_non_null(li);
			char *href = prop(find(li, "a", NULL), "href");
			assert_string_equal(href, NAV[cur].href);
			free(href);
		}
		xmlNodePtr pager = find(root, "nav", "pm-pager");
		if (cur >= 3) {
			assert_null(pager);
		} else {
			xmlNodePtr prev = find(pager, "a", "pm-prev"), next = find(pager, "a", "pm-next");
			assert_true((prev != NULL) == (cur > 0));
			assert_true((next != NULL) == (cur < 2));
			if (prev) {
				char *h = prop(prev, "href");
				assert_string_equal(h, NAV[cur - 1].href);
				free(h);
			}
			if (next) {
				char *h = prop(next, "href");
				assert_string_equal(h, NAV[cur + 1].href);
				free(h);
			}
		}
		xmlFreeDoc(doc);
		pm_buf_free(&b);
	}
	/* without a context: no current entry, no pager */
	pm_buf b;
	page(&b, "text\n");
	assert_null(strstr(b.data, "aria-current"));
	assert_null(strstr(b.data, "pm-pager\""));
	pm_buf_free(&b);
}

/* A model with only what pm_html_xref_new() reads: ids by kind and the
 * controls' requirement ids. */
typedef struct mini {
	pm_model m;
	pm_threat t[5];
	pm_component c[2];
	pm_control ctl[1];
	void *tp[5], *cp[2], *ctlp[1];
} mini;

static void mini_init(mini *x)
{
	static const char *const TIDS[] = {"T-1", "T-10", "T.2:x_y", "42", "pump"};
	memset(x, 0, sizeof *x);
	for (size_t i = 0; i < 5; i++) {
		x->t[i].id.s = TIDS[i];
		x->tp[i] = &x->t[i];
	}
	x->c[0].id.s = "c-pump";   /* never mentioned in the threat model: no anchor */
	x->c[1].id.s = "C-HUB.v2"; /* ends in a "." and a digit */
	x->cp[0] = &x->c[0];
	x->cp[1] = &x->c[1];
	x->ctl[0].id.s = "C-AUTH";
	x->ctl[0].requirement_id.s = "SR-1";
	x->ctlp[0] = &x->ctl[0];
	x->m.objs[PM_K_THREAT] = x->tp;
	x->m.n_objs[PM_K_THREAT] = 5;
	x->m.objs[PM_K_COMPONENT] = x->cp;
	x->m.n_objs[PM_K_COMPONENT] = 2;
	x->m.objs[PM_K_CONTROL] = x->ctlp;
	x->m.n_objs[PM_K_CONTROL] = 1;
	x->m.controls.v = x->ctl;
	x->m.controls.n = 1;
}

static const char TM_MD[] = "# Threat model\n\n"
                            "Threats T-1 and T-10 are below; XT-1, T-1a, T-1.5 and T-10x are none of them.\n\n"
                            "| Threat | Title |\n|---|---|\n"
                            "| T-1 | one, see T-10 |\n| T-10 | ten |\n| T.2:x_y | odd |\n| 42 | number |\n"
                            "| C-HUB.v2 | hub |\n\n"
                            "`T-1` in code, [T-1](other.md) as a link, T-1.\n\n"
                            "```\nT-1 in a code block\n```\n";
static const char ARCH_MD[] = "# Architecture\n\n| Control | Requirement |\n|---|---|\n"
                              "| **C-AUTH** Authentication | SR-1: the requirement |\n";
static const char TRACE_MD[] = "# Trace\n\n"
                               "## About T-1\n\n"
                               "T-1, T-10 and T.2:x_y (pump 42, c-pump); C-AUTH/SR-1. C-HUB.v2.\n\n"
                               "| Threat | Control | Requirement |\n|---|---|---|\n| T-1 | C-AUTH | SR-1 |\n\n"
                               "```\nT-1\n```\n";

static pm_html_xref *mini_xref(mini *x)
{
	pm_diags d;
	pm_diags_init(&d);
	mini_init(x);
	pm_html_xref *xr = pm_html_xref_new(&x->m);
	assert_int_equal(pm_html_xref_scan(xr, "threat-model", TM_MD, strlen(TM_MD), &d), 0);
	assert_int_equal(pm_html_xref_scan(xr, "security-architecture", ARCH_MD, strlen(ARCH_MD), &d), 0);
	assert_int_equal(pm_html_xref_scan(xr, "traceability-matrix", TRACE_MD, strlen(TRACE_MD), &d), 0);
	assert_int_equal(d.n, 0);
	pm_diags_free(&d);
	return xr;
}

/* "text -> href" of every pm-ref link under n, joined by newlines. */
static void refs(xmlNodePtr n, pm_buf *out)
{
	for (; n; n = n->next) {
		if (is_elem(n, "a")) {
			char *c = prop(n, "class"), *h = prop(n, "href"), *t = text_of(n);
			if (c && strcmp(c, "pm-ref") == 0)
				pm_buf_printf(out, "%s -> %s\n", t, h ? h : "");
			free(c);
			free(h);
			free(t);
		}
		refs(n->children, out);
	}
}

/* No element with an id attribute twice. */
static void assert_unique_ids(xmlNodePtr root)
{
	char *ids[256];
	size_t n = 0;
	xmlNodePtr stack[512];
	size_t sp = 0;
	stack[sp++] = root;
	while (sp) {
		xmlNodePtr e = stack[--sp];
		for (; e; e = e->next) {
			if (e->type != XML_ELEMENT_NODE)
				continue;
			char *id = prop(e, "id");
			if (id) {
				for (size_t i = 0; i < n; i++)
					assert_string_not_equal(ids[i], id);
				assert_true(n < 256);
				ids[n++] = id;
			}
			if (e->children) {
				assert_true(sp < 512);
				stack[sp++] = e->children;
			}
		}
	}
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
}

static void test_xref_anchors(void **state)
{
	(void)state;
	mini x;
	pm_html_xref *xr = mini_xref(&x);
	const char *slug = NULL;
	assert_string_equal(pm_html_xref_anchor(xr, "T-1", &slug), "threat_T-1");
	assert_string_equal(slug, "threat-model");
	/* odd characters: "_" and ":" escaped as _XX, "." kept */
	assert_string_equal(pm_html_xref_anchor(xr, "T.2:x_y", NULL), "threat_T.2_3Ax_5Fy");
	assert_string_equal(pm_html_xref_anchor(xr, "C-HUB.v2", NULL), "component_C-HUB.v2");
	assert_string_equal(pm_html_xref_anchor(xr, "C-AUTH", &slug), "control_C-AUTH");
	assert_string_equal(slug, "security-architecture");
	assert_string_equal(pm_html_xref_anchor(xr, "SR-1", &slug), "requirement_SR-1");
	assert_string_equal(slug, "security-architecture");
	/* a number or a word is no link target; nor is an id its document never mentions */
	assert_null(pm_html_xref_anchor(xr, "42", NULL));
	assert_null(pm_html_xref_anchor(xr, "pump", NULL));
	assert_null(pm_html_xref_anchor(xr, "c-pump", NULL));
	assert_null(pm_html_xref_anchor(xr, "T-", NULL));
	assert_string_equal(pm_html_xref_home(PM_K_THREAT), "threat-model");
	assert_string_equal(pm_html_xref_home(0), "security-architecture");
	assert_string_equal(pm_html_xref_home(PM_K_SBOM_COMPONENT), "sbom");
	pm_html_xref_free(xr);
	pm_html_xref_free(NULL);
}

static void test_xref_links(void **state)
{
	(void)state;
	mini x;
	pm_html_xref *xr = mini_xref(&x);

	/* the defining document: the first cell of each row is the anchor, even
	 * though the prose above mentions T-1 first; other mentions link to it */
	pm_html_context tm = {1, "threat-model", xr};
	pm_buf b, got;
	page_ctx(&b, TM_MD, &tm);
	xmlDocPtr doc = parse_clean(&b);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	assert_unique_ids(root);
	xmlNodePtr def = find(root, "span", "pm-def");
	assert_non_null(def);
	assert_true(is_elem(def->parent, "td"));
	char *id = prop(def, "id");
	assert_string_equal(id, "threat_T-1");
	free(id);
	assert_int_equal(count_attr(root, "id", "threat_T-1"), 1);
	assert_int_equal(count_attr(root, "id", "threat_T.2_3Ax_5Fy"), 1);
	assert_int_equal(count_attr(root, "id", "component_C-HUB.v2"), 1);
	pm_buf_init(&got, 0);
	refs(root, &got);
	/* whole tokens only: not XT-1, T-1a, T-1.5, T-10x; not the code or the link */
	assert_string_equal(got.data,
	                    "T-1 -> #threat_T-1\nT-10 -> #threat_T-10\nT-10 -> #threat_T-10\nT-1 -> #threat_T-1\n");
	assert_non_null(strstr(b.data, "<span class=\"pm-nw\">XT-1</span>, <span class=\"pm-nw\">T-1a</span>, "
	                               "<span class=\"pm-nw\">T-1.5</span> and <span class=\"pm-nw\">T-10x</span>"));
	assert_non_null(strstr(b.data, "<code>T-1</code>"));
	assert_non_null(strstr(b.data, "<a href=\"other.html\"><span class=\"pm-nw\">T-1</span></a>"));
	assert_non_null(strstr(b.data, "<code>T-1 in a code block\n</code>"));
	pm_buf_free(&got);
	xmlFreeDoc(doc);

	/* another document: links to the defining ones, none for unanchored ids */
	pm_html_context tr = {2, "traceability-matrix", xr};
	pm_buf c;
	page_ctx(&c, TRACE_MD, &tr);
	doc = parse_clean(&c);
	root = xmlDocGetRootElement(doc);
	assert_unique_ids(root);
	assert_null(find(root, "span", "pm-def"));
	pm_buf_init(&got, 0);
	refs(root, &got);
	assert_string_equal(got.data, "T-1 -> threat-model.html#threat_T-1\n"
	                              "T-10 -> threat-model.html#threat_T-10\n"
	                              "T.2:x_y -> threat-model.html#threat_T.2_3Ax_5Fy\n"
	                              "C-AUTH -> security-architecture.html#control_C-AUTH\n"
	                              "SR-1 -> security-architecture.html#requirement_SR-1\n"
	                              "C-HUB.v2 -> threat-model.html#component_C-HUB.v2\n"
	                              "T-1 -> threat-model.html#threat_T-1\n"
	                              "C-AUTH -> security-architecture.html#control_C-AUTH\n"
	                              "SR-1 -> security-architecture.html#requirement_SR-1\n");
	pm_buf_free(&got);
	/* no link in a heading (kept whole), nor in code */
	xmlNodePtr h2 = find(root, "h2", NULL);
	assert_int_equal(count(h2->children, "a"), 0);
	assert_non_null(find(h2->children, "span", "pm-nw"));
	assert_int_equal(count(find(root, "pre", NULL)->children, "a"), 0);
	xmlFreeDoc(doc);

	/* deterministic: the same table and Markdown give the same bytes */
	mini y;
	pm_html_xref *xr2 = mini_xref(&y);
	pm_html_context tr2 = {2, "traceability-matrix", xr2};
	pm_buf c2;
	page_ctx(&c2, TRACE_MD, &tr2);
	assert_int_equal(c.len, c2.len);
	assert_memory_equal(c.data, c2.data, c.len);
	pm_buf_free(&c2);
	pm_html_xref_free(xr2);

	/* without the table: no anchors, no links, same text */
	pm_html_context none = {2, "traceability-matrix", NULL};
	page_ctx(&c2, TRACE_MD, &none);
	assert_null(strstr(c2.data, "pm-ref\""));
	assert_null(strstr(c2.data, "pm-def\""));
	pm_buf_free(&c2);
	pm_buf_free(&c);
	pm_buf_free(&b);
	pm_html_xref_free(xr);
}

/* Ids and dates on one line, CVSS vectors breakable after "/" only, every
 * table in its scrolling wrapper (wide ones marked), long cells marked. */
static void test_whole_tokens(void **state)
{
	(void)state;
	pm_buf b;
	page(&b, "| A | B | C | D | E | F |\n|---|---|---|---|---|---|\n"
	         "| CVSS:3.1/AV:N/AC:L/PR:N | 2025-11-21 | PM-TM | Third-party | 524B(b)(1) | 6.5 |\n"
	         "| x | y | z | a | b | This cell holds more than forty-eight bytes of text, so it is long. |\n\n"
	         "| K | V |\n|---|---|\n| k | v |\n\nProse with CVSS:4.0/AV:N/AC:L and PM-TM.\n\n"
	         "Write to <sec@lab-host.example>.\n");
	xmlDocPtr doc = parse_clean(&b);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	assert_int_equal(count(root, "table"), 2);
	xmlNodePtr wide = find(root, "div", "pm-table pm-wide");
	assert_non_null(wide);
	assert_true(is_elem(wide->children, "table") || is_elem(wide->children->next, "table"));
	assert_non_null(find(root, "div", "pm-table"));
	/* vectors: one nowrap part per "/", a <wbr> after each "/" */
	xmlNodePtr v = find(root, "span", "pm-vector");
	assert_non_null(v);
	assert_int_equal(count(v->children, "wbr"), 3);
	assert_int_equal(count(v->children, "span"), 4);
	char *t = text_of(v);
	assert_string_equal(t, "CVSS:3.1/AV:N/AC:L/PR:N");
	free(t);
	assert_non_null(
	        strstr(b.data, "<span class=\"pm-nw\">CVSS:3.1/</span><wbr><span class=\"pm-nw\">AV:N/</span>"));
	assert_non_null(strstr(b.data, "<span class=\"pm-nw\">2025-11-21</span>"));
	assert_non_null(strstr(b.data, "<span class=\"pm-nw\">PM-TM</span>"));
	assert_non_null(strstr(b.data, "<span class=\"pm-nw\">524B(b)(1)</span>"));
	assert_non_null(strstr(b.data, "<td>Third-party</td>"));
	assert_non_null(strstr(b.data, "<td>6.5</td>"));
	assert_non_null(strstr(b.data, "<td><span class=\"pm-long\">This cell"));
	/* the same outside tables (custom inlines rather than markers) */
	assert_non_null(strstr(b.data, "<span class=\"pm-vector\"><span class=\"pm-nw\">CVSS:4.0/</span><wbr>"));
	assert_non_null(strstr(b.data, "and <span class=\"pm-nw\">PM-TM</span>."));
	/* an address breaks after its "@" only, inside its link */
	assert_non_null(strstr(b.data, "<a href=\"mailto:sec@lab-host.example\"><span class=\"pm-path\"><span "
	                               "class=\"pm-nw\">sec@</span><wbr><span class=\"pm-nw\">lab-host.example</span>"
	                               "</span></a>"));
	assert_null(memchr(b.data, '\x01', b.len));
	assert_null(memchr(b.data, '\x02', b.len));
	xmlFreeDoc(doc);
	pm_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_page_frame),
	        cmocka_unit_test(test_hostile_markdown),
	        cmocka_unit_test(test_hostile_caller_strings),
	        cmocka_unit_test(test_gfm_table),
	        cmocka_unit_test(test_heading_ids),
	        cmocka_unit_test(test_long_heading),
	        cmocka_unit_test(test_toc_threshold),
	        cmocka_unit_test(test_index_page),
	        cmocka_unit_test(test_deterministic),
	        cmocka_unit_test(test_odd_input),
	        cmocka_unit_test(test_failure_leaves_buffer),
	        cmocka_unit_test(test_nav_current),
	        cmocka_unit_test(test_xref_anchors),
	        cmocka_unit_test(test_xref_links),
	        cmocka_unit_test(test_whole_tokens),
	};
	int rc = cmocka_run_group_tests_name("html", tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
