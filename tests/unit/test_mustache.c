/* test_mustache.c — our own tests of the Mustache engine and the value tree
 * (the spec's examples are in test_mustache_spec.c).
 *
 * Escaping (HTML and Markdown, checked byte for byte and through cmark-gfm
 * in safe mode with the GFM extensions), error locations of malformed
 * templates, the partial recursion cap, deep nesting and cyclic data, large
 * lists in linear time (`make slow`, PM_TEST_GROUP=slow), maps of thousands
 * of keys, number formatting, strict mode, the output cap, and the partial
 * cache.
 */
#include "testutil.h"

#include "hash.h"
#include "premarket/mustache.h"
#include "view_intern.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <time.h>

/* ---- helpers ---- */

/* Render src with data and options; returns the output (caller frees) or
 * NULL on failure, leaving the diagnostics in *d when d is not NULL. */
static char *render_opts(const char *src, const pm_value *data, const pm_mustache_opts *o, pm_diags *d)
{
	pm_diags local;
	pm_diags_init(&local);
	pm_diags *dd = d ? d : &local;
	pm_mustache_env *env = pm_mustache_env_new(o);
	pm_buf out;
	pm_buf_init(&out, 0);
	char *res = NULL;
	pm_mustache_template *t = NULL;
	pm_mustache_compile("t.mustache", src, strlen(src), &t, dd);
	if (t && pm_mustache_render(env, t, data, &out, dd) == 0)
		res = pm_buf_detach(&out, NULL);
	pm_buf_free(&out);
	pm_mustache_free(t);
	pm_mustache_env_free(env);
	pm_diags_free(&local);
	return res;
}

static char *render(const char *src, const pm_value *data)
{
	return render_opts(src, data, NULL, NULL);
}

static char *escape_with(pm_mustache_escape_fn fn, const char *s)
{
	pm_buf b;
	pm_buf_init(&b, 0);
	fn(&b, s, strlen(s), NULL);
	return pm_buf_detach(&b, NULL);
}

static void check_md(const char *in, const char *want)
{
	char *got = escape_with(pm_mustache_escape_markdown, in);
	if (strcmp(got, want) != 0)
		fprintf(stderr, "markdown escape of \"%s\": want \"%s\", got \"%s\"\n", in, want, got);
	int ok = strcmp(got, want) == 0;
	free(got);
	assert_true(ok);
}

/* Markdown -> HTML as the project renders it: cmark-gfm, safe mode, GFM extensions. */
static char *cmark_html(const char *md)
{
	cmark_gfm_core_extensions_ensure_registered();
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	const char *exts[] = {"table", "strikethrough", "autolink", "tagfilter", "tasklist"};
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
		assert_non_null(e);
		cmark_parser_attach_syntax_extension(p, e);
	}
	cmark_parser_feed(p, md, strlen(md));
	cmark_node *doc = cmark_parser_finish(p);
	char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(p));
	cmark_node_free(doc);
	cmark_parser_free(p);
	return html;
}

static size_t count_str(const char *hay, const char *needle)
{
	size_t n = 0, len = strlen(needle);
	for (const char *p = strstr(hay, needle); p; p = strstr(p + len, needle))
		n++;
	return n;
}

/* ---- escaping ---- */

static void test_escape_html(void **state)
{
	(void)state;
	char *s = escape_with(pm_mustache_escape_html, "<script>alert('x' & \"y\")</script>");
	assert_string_equal(s, "&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;");
	free(s);
	s = escape_with(pm_mustache_escape_html, "plain UTF-8: é ✓");
	assert_string_equal(s, "plain UTF-8: é ✓");
	free(s);

	/* through a template: {{x}} escapes, {{{x}}} and {{&x}} do not */
	pm_value_arena *a = pm_value_arena_new();
	pm_value *m = pm_value_map(a);
	pm_value_map_set(m, "x", pm_value_cstr(a, "<b>&</b>"));
	s = render("{{x}}|{{{x}}}|{{&x}}", m);
	assert_string_equal(s, "&lt;b&gt;&amp;&lt;/b&gt;|<b>&</b>|<b>&</b>");
	free(s);
	pm_value_arena_free(a);
}

static void test_escape_markdown_rules(void **state)
{
	(void)state;
	/* the hostile strings of the brief */
	check_md("a|b", "a\\|b");
	check_md("*x*", "\\*x\\*");
	check_md("`c`", "\\`c\\`");
	check_md("<script>", "\\<script\\>");
	check_md("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))");
	check_md("# heading", "\\# heading");
	check_md("line1\nline2", "line1 line2");
	/* line breaks, controls, surrounding whitespace */
	check_md("line1\r\nline2\rline3\n\nline4", "line1 line2 line3  line4");
	check_md("  padded \t\n", "padded");
	check_md("   ", "");
	check_md("", "");
	check_md("tab\there", "tab\there");
	check_md("bell\x07"
	         "and\x7f"
	         "del",
	         "bell and del");
	/* inline syntax everywhere */
	check_md("_u_ ~~s~~ a&b &amp; \\n", "\\_u\\_ \\~\\~s\\~\\~ a\\&b \\&amp; \\\\n");
	check_md("> quote", "\\> quote");
	check_md("<!-- c -->", "\\<!-- c --\\>");
	check_md("![img](x.png)", "!\\[img\\](x.png)");
	check_md("[^1]: note", "\\[^1\\]: note");
	/* # only where it could open a heading or close one */
	check_md("C# and F#", "C# and F#");
	check_md("Issue #12", "Issue \\#12");
	check_md("  ## h2", "\\## h2");
	/* line-start block markers */
	check_md("- item", "\\- item");
	check_md("+ item", "\\+ item");
	check_md("---", "\\---");
	check_md("===", "\\===");
	check_md("1. one", "1\\. one");
	check_md("2024) x", "2024\\) x");
	check_md("1234567890. x", "1234567890. x");
	check_md("3.5 mm", "3.5 mm");
	check_md("1.", "1\\.");
	/* no GFM autolinks */
	check_md("see https://example.com/x or www.example.com", "see https\\://example.com/x or www\\.example.com");
	check_md("WWW.x.org awww.b", "WWW\\.x.org awww.b");
	check_md("mailto user@example.com", "mailto user@example.com");
	check_md("a - b + c = d", "a - b + c = d");
	/* UTF-8 passes through */
	check_md("Gerät — ✓", "Gerät — ✓");
}

static const char *const hostile[] = {
        "a|b",
        "*x*",
        "`c`",
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "# heading",
        "line1\nline2",
        "line1\r\n\r\n| --- | --- |\r\n| injected | row |",
        "<img src=x onerror=alert(1)>",
        "&lt;script&gt;",
        "&#60;b&#62;",
        "~~gone~~",
        "__bold__ and _it_",
        "- list",
        "1. list",
        "> quote",
        "    indented code",
        "```\nfence\n```",
        "~~~",
        "---",
        "===",
        "***",
        "[ref]: http://example.com",
        "<http://example.com>",
        "trailing backslash \\",
        "two spaces  \nbreak",
        "| --- |",
        "- [ ] task",
};
#define NHOSTILE (sizeof hostile / sizeof hostile[0])

static void test_escape_markdown_cmark_table(void **state)
{
	(void)state;
	pm_value_arena *a = pm_value_arena_new();
	pm_value *root = pm_value_map(a);
	pm_value *rows = pm_value_list(a);
	for (size_t i = 0; i < NHOSTILE; i++) {
		pm_value *row = pm_value_map(a);
		pm_value_map_set(row, "id", pm_value_number(a, (double)i));
		pm_value_map_set(row, "v", pm_value_cstr(a, hostile[i]));
		pm_value_list_append(rows, row);
	}
	pm_value_map_set(root, "rows", rows);
	pm_mustache_opts o;
	memset(&o, 0, sizeof o);
	o.escape = pm_mustache_escape_markdown;
	char *md = render_opts("| id | value | again |\n| --- | --- | --- |\n"
	                       "{{#rows}}\n| {{id}} | {{v}} | {{v}} |\n{{/rows}}\n",
	                       root, &o, NULL);
	assert_non_null(md);
	/* one Markdown line per row */
	assert_int_equal(count_str(md, "\n"), 2 + NHOSTILE);
	char *html = cmark_html(md);
	/* the table keeps its shape: one row per value, three cells each */
	assert_int_equal(count_str(html, "<tr>"), 1 + NHOSTILE);
	assert_int_equal(count_str(html, "<td>"), 3 * NHOSTILE);
	/* and nothing became structure, markup or HTML */
	const char *banned[] = {"<script", "<img", "<a ",          "<em>", "<strong>", "<code>", "<del>",
	                        "<h1>",    "<li>", "<blockquote>", "<hr",  "<pre>",    "<input", "raw HTML omitted",
	                        "<br"};
	for (size_t i = 0; i < sizeof banned / sizeof banned[0]; i++) {
		if (strstr(html, banned[i]))
			fprintf(stderr, "found %s in:\n%s\n", banned[i], html);
		assert_null(strstr(html, banned[i]));
	}
	/* the text survives literally (HTML-escaped by cmark) */
	assert_non_null(strstr(html, "<td>a|b</td>"));
	assert_non_null(strstr(html, "<td>*x*</td>"));
	assert_non_null(strstr(html, "<td>`c`</td>"));
	assert_non_null(strstr(html, "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"));
	assert_non_null(strstr(html, "<td>[x](javascript:alert(1))</td>"));
	assert_non_null(strstr(html, "<td># heading</td>"));
	assert_non_null(strstr(html, "<td>line1 line2</td>"));
	assert_non_null(strstr(html, "<td>&amp;lt;script&amp;gt;</td>"));
	assert_non_null(strstr(html, "<td>~~gone~~</td>"));
	free(html);
	free(md);
	pm_value_arena_free(a);
}

/* Each hostile value alone on a line, then inside a list item and a heading:
 * always one paragraph (or the item/heading) holding the literal text. */
static void test_escape_markdown_cmark_blocks(void **state)
{
	(void)state;
	pm_mustache_opts o;
	memset(&o, 0, sizeof o);
	o.escape = pm_mustache_escape_markdown;
	for (size_t i = 0; i < NHOSTILE; i++) {
		pm_value_arena *a = pm_value_arena_new();
		pm_value *m = pm_value_map(a);
		pm_value_map_set(m, "v", pm_value_cstr(a, hostile[i]));
		char *md = render_opts("Before\n\n{{v}}\n\n- {{v}}\n\n## {{v}}\n\nAfter {{v}}\n", m, &o, NULL);
		assert_non_null(md);
		char *html = cmark_html(md);
		int ok = count_str(html, "<p>") == 3 && count_str(html, "<li>") == 1 && count_str(html, "<h2>") == 1 &&
		         count_str(html, "<ul>") == 1 && !strstr(html, "<h1") && !strstr(html, "<script") &&
		         !strstr(html, "<img") && !strstr(html, "<em>") && !strstr(html, "<strong>") &&
		         !strstr(html, "<code>") && !strstr(html, "<del>") && !strstr(html, "<pre>") &&
		         !strstr(html, "<hr") && !strstr(html, "<blockquote>") && !strstr(html, "<ol") &&
		         !strstr(html, "<table>") && !strstr(html, "<a ") && !strstr(html, "<br") &&
		         !strstr(html, "raw HTML omitted") && !strstr(html, "<input");
		if (!ok)
			fprintf(stderr, "value \"%s\" changed the structure:\n%s\n---\n%s\n", hostile[i], md, html);
		free(html);
		free(md);
		pm_value_arena_free(a);
		assert_true(ok);
	}
}

/* ---- errors ---- */

struct bad {
	const char *src;
	unsigned line, col;
	const char *msg; /* substring of the message */
};

static const struct bad bads[] = {
        {"Hello {{name", 1, 7, "unclosed tag: \"{{\" without \"}}\""},
        {"x\n{{{raw}}", 2, 1, "without \"}}}\""},
        {"a\n{{! never closed", 2, 1, "unclosed tag"},
        {"line1\n  {{#a}}\n  x\n  {{/b}}\n", 4, 3, "\"/b\" does not match section \"#a\" opened at 2:3"},
        {"{{#a}}\n{{#b}}\n{{/b}}\n", 1, 1, "unclosed section \"#a\""},
        {"{{^a}}{{<p}}{{/p}}", 1, 1, "unclosed inverted section \"^a\""},
        {"{{<p}}{{$b}}{{/p}}", 1, 13, "\"/p\" does not match block \"$b\" opened at 1:7"},
        {"a\n\n  {{/a}}", 3, 3, "closing tag \"/a\" has no open section"},
        {"x\n {{=<%%>=}}", 2, 2, "bad set-delimiter tag"},
        {"{{= a = =}}", 1, 1, "bad set-delimiter tag"},
        {"{{=<% %> x=}}", 1, 1, "bad set-delimiter tag"},
        {"{{=<% %>=}}\n\n  <%#x%>\n", 3, 3, "unclosed section \"#x\""},
        {"{{=<% %>=}}<%x", 1, 12, "unclosed tag: \"<%\" without \"%>\""},
        {"{{}}", 1, 1, "empty tag"},
        {"{{# }}", 1, 1, "empty tag"},
        {"{{a b}}", 1, 1, "invalid name \"a b\""},
        {"{{a..b}}", 1, 1, "invalid name \"a..b\""},
        {"{{#.a}}{{/.a}}", 1, 1, "invalid name \".a\""},
        {"héllo wörld {{x", 1, 13, "unclosed tag"},
};

static void test_error_locations(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bads / sizeof bads[0]; i++) {
		pm_diags d;
		pm_diags_init(&d);
		pm_mustache_template *t = NULL;
		int rc = pm_mustache_compile("bad.mustache", bads[i].src, strlen(bads[i].src), &t, &d);
		int ok = rc == -1 && t == NULL && d.n == 1 && d.errors == 1 && d.v[0].kind == PM_ERR_RENDER &&
		         d.v[0].file && strcmp(d.v[0].file, "bad.mustache") == 0 && d.v[0].line == bads[i].line &&
		         d.v[0].col == bads[i].col && strstr(d.v[0].msg, bads[i].msg) != NULL;
		if (!ok)
			fprintf(stderr, "template %zu \"%s\": want %u:%u \"%s\", got %s:%u:%u \"%s\"\n", i, bads[i].src,
			        bads[i].line, bads[i].col, bads[i].msg, d.n ? d.v[0].file : "-", d.n ? d.v[0].line : 0,
			        d.n ? d.v[0].col : 0, d.n ? d.v[0].msg : "(no diagnostic)");
		pm_mustache_free(t);
		pm_diags_free(&d);
		assert_true(ok);
	}
}

/* ---- partials ---- */

struct loader {
	const char *const *names; /* name, source, name, source, ..., NULL */
	unsigned calls;
};

static int load(void *ud, const char *name, pm_buf *src, const char **file, pm_diags *d)
{
	struct loader *l = ud;
	(void)d;
	l->calls++;
	for (size_t i = 0; l->names[i]; i += 2) {
		if (strcmp(l->names[i], name) == 0) {
			*file = l->names[i]; /* static: outlives the diagnostics */
			pm_buf_puts(src, l->names[i + 1]);
			return 0;
		}
	}
	return 1;
}

static void test_partial_recursion_cap(void **state)
{
	(void)state;
	const char *const names[] = {"self", "[{{>self}}]", NULL};
	struct loader l = {names, 0};
	pm_mustache_opts o;
	memset(&o, 0, sizeof o);
	o.load = load;
	o.load_ud = &l;
	pm_diags d;
	pm_diags_init(&d);
	pm_mustache_env *env = pm_mustache_env_new(&o);
	pm_mustache_template *t = NULL;
	pm_mustache_compile("top", "before {{>self}}", 16, &t, &d);
	assert_non_null(t);
	pm_buf out;
	pm_buf_init(&out, 0);
	pm_buf_puts(&out, "kept");
	assert_int_equal(pm_mustache_render(env, t, NULL, &out, &d), -1);
	assert_string_equal(out.data, "kept"); /* restored on failure */
	assert_int_equal(d.n, 1);
	assert_true(pm_diags_has(&d, PM_ERR_RENDER));
	assert_string_equal(d.v[0].file, "self");
	assert_int_equal(d.v[0].line, 1);
	assert_int_equal(d.v[0].col, 2);
	assert_non_null(strstr(d.v[0].msg, "deeper than 64 levels"));
	assert_int_equal(l.calls, 1); /* compiled once, cached */
	pm_diags_free(&d);
	pm_buf_free(&out);
	pm_mustache_free(t);
	pm_mustache_env_free(env);

	/* a smaller cap, and recursion that stops on its own within it */
	const char *const tree[] = {"node", "{{name}}({{#kids}}{{>node}}{{/kids}})", NULL};
	struct loader l2 = {tree, 0};
	o.load_ud = &l2;
	o.max_partial_depth = 3;
	pm_value_arena *a = pm_value_arena_new();
	pm_value *leaf = pm_value_map(a);
	pm_value_map_set(leaf, "name", pm_value_cstr(a, "c"));
	/* without its own (empty) "kids", a leaf would find its parent's on the
	 * context stack and recurse */
	pm_value_map_set(leaf, "kids", pm_value_list(a));
	pm_value *mid = pm_value_map(a);
	pm_value_map_set(mid, "name", pm_value_cstr(a, "b"));
	pm_value *k1 = pm_value_list(a);
	pm_value_list_append(k1, leaf);
	pm_value_map_set(mid, "kids", k1);
	pm_value *root = pm_value_map(a);
	pm_value_map_set(root, "name", pm_value_cstr(a, "a"));
	pm_value *k0 = pm_value_list(a);
	pm_value_list_append(k0, mid);
	pm_value_map_set(root, "kids", k0);
	char *s = render_opts("{{>node}}", root, &o, NULL);
	assert_non_null(s);
	assert_string_equal(s, "a(b(c()))");
	free(s);
	/* one level more than the cap fails */
	pm_value *deeper = pm_value_list(a);
	pm_value_list_append(deeper, root);
	pm_value *top = pm_value_map(a);
	pm_value_map_set(top, "name", pm_value_cstr(a, "z"));
	pm_value_map_set(top, "kids", deeper);
	pm_diags_init(&d);
	s = render_opts("{{>node}}", top, &o, &d);
	assert_null(s);
	assert_non_null(strstr(d.v[0].msg, "deeper than 3 levels"));
	pm_diags_free(&d);
	pm_value_arena_free(a);
}

static void test_partial_cache_and_errors(void **state)
{
	(void)state;
	const char *const names[] = {
	        "row",  "<{{.}}>",   "broken", "line 1\n  {{#open}}\n",
	        "item", "- {{.}}\n", "list",   "{{#items}}\n{{>item}}\n{{/items}}\n",
	        NULL,
	};
	struct loader l = {names, 0};
	pm_mustache_opts o;
	memset(&o, 0, sizeof o);
	o.load = load;
	o.load_ud = &l;
	pm_mustache_env *env = pm_mustache_env_new(&o);
	pm_value_arena *a = pm_value_arena_new();
	pm_value *m = pm_value_map(a);
	pm_value *items = pm_value_list(a);
	for (int i = 0; i < 100; i++)
		pm_value_list_append(items, pm_value_number(a, i));
	pm_value_map_set(m, "items", items);

	pm_diags d;
	pm_diags_init(&d);
	pm_mustache_template *t = NULL;
	pm_mustache_compile("t", "{{#items}}{{>row}}{{/items}}{{>nope}}", 37, &t, &d);
	assert_non_null(t);
	pm_buf out;
	pm_buf_init(&out, 0);
	for (int round = 0; round < 3; round++) {
		pm_buf_clear(&out);
		assert_int_equal(pm_mustache_render(env, t, m, &out, &d), 0);
		assert_int_equal(out.len, 10 * 3 + 90 * 4);
		assert_memory_equal(out.data, "<0><1><2>", 9);
	}
	assert_int_equal(l.calls, 2); /* "row" and "nope", once each */
	pm_mustache_free(t);

	/* a syntax error in a partial: reported in the partial, with a hint */
	pm_mustache_compile("main.mustache", "x\n {{>broken}}", 14, &t, &d);
	assert_non_null(t);
	for (int round = 0; round < 2; round++) {
		pm_buf_clear(&out);
		assert_int_equal(pm_mustache_render(env, t, m, &out, &d), -1);
	}
	assert_int_equal(d.n, 2);
	assert_string_equal(d.v[0].file, "broken");
	assert_int_equal(d.v[0].line, 2);
	assert_int_equal(d.v[0].col, 3);
	assert_non_null(strstr(d.v[0].msg, "unclosed section \"#open\""));
	assert_string_equal(d.v[0].hint, "in partial \"broken\" included from main.mustache:2:2");
	assert_string_equal(d.v[1].file, "main.mustache");
	assert_non_null(strstr(d.v[1].msg, "reported earlier"));
	pm_mustache_free(t);
	pm_diags_free(&d);

	/* standalone partials inside standalone partials keep their indentation */
	pm_value *root = pm_value_map(a);
	pm_value *few = pm_value_list(a);
	pm_value_list_append(few, pm_value_cstr(a, "a\nb"));
	pm_value_list_append(few, pm_value_cstr(a, "c"));
	pm_value_map_set(root, "items", few);
	pm_diags_init(&d);
	pm_mustache_compile("t", "List:\n  {{>list}}\nEnd\n", 22, &t, &d);
	assert_non_null(t);
	pm_buf_clear(&out);
	assert_int_equal(pm_mustache_render(env, t, root, &out, &d), 0);
	/* line breaks inside values are not indented */
	assert_string_equal(out.data, "List:\n  - a\nb\n  - c\nEnd\n");
	pm_mustache_free(t);

	pm_buf_free(&out);
	pm_diags_free(&d);
	pm_value_arena_free(a);
	pm_mustache_env_free(env);
}

static void test_indentation(void **state)
{
	(void)state;
	const char *const names[] = {
	        "p",      "a\n\n{{x}}\n  {{>inner}}\nx{{>inline}}\n",
	        "inner",  "in\n",
	        "inline", "1\n2\n",
	        "layout", "<ul>\n  {{$items}}\n  <li>none</li>\n  {{/items}}\n</ul>\n",
	        NULL,
	};
	struct loader l = {names, 0};
	pm_mustache_opts o;
	memset(&o, 0, sizeof o);
	o.load = load;
	o.load_ud = &l;
	pm_value_arena *a = pm_value_arena_new();
	pm_value *m = pm_value_map(a);
	pm_value_map_set(m, "x", pm_value_cstr(a, "v1\nv2"));
	/* template lines are indented, empty ones and value line breaks are not;
	 * nested standalone partials add up; an inline partial is not indented */
	char *s = render_opts("-\n  {{>p}}\n-\n", m, &o, NULL);
	assert_non_null(s);
	assert_string_equal(s, "-\n  a\n\n  v1\nv2\n    in\n  x1\n2\n\n-\n");
	free(s);
	/* a layout's block, overridden with the child's own indentation removed */
	s = render_opts("{{<layout}}\n    {{$items}}\n        <li>a</li>\n        <li>b</li>\n"
	                "    {{/items}}\n{{/layout}}\n",
	                m, &o, NULL);
	assert_non_null(s);
	assert_string_equal(s, "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n");
	free(s);
	s = render_opts("{{<layout}}{{/layout}}", m, &o, NULL);
	assert_non_null(s);
	assert_string_equal(s, "<ul>\n  <li>none</li>\n</ul>\n");
	free(s);
	pm_value_arena_free(a);
}

/* ---- nesting ---- */

static char *nested_template(size_t depth)
{
	pm_buf b;
	pm_buf_init(&b, 0);
	for (size_t i = 0; i < depth; i++)
		pm_buf_puts(&b, "{{#a}}");
	pm_buf_puts(&b, "{{x}}");
	for (size_t i = 0; i < depth; i++)
		pm_buf_puts(&b, "{{/a}}");
	return pm_buf_detach(&b, NULL);
}

static void test_deep_nesting(void **state)
{
	(void)state;
	pm_value_arena *a = pm_value_arena_new();
	pm_value *m = pm_value_map(a);
	pm_value_map_set(m, "a", pm_value_bool(a, 1));
	pm_value_map_set(m, "x", pm_value_cstr(a, "deep"));

	char *src = nested_template(500);
	char *s = render(src, m);
	assert_non_null(s);
	assert_string_equal(s, "deep");
	free(s);
	free(src);

	/* far deeper than the cap: compiles, and fails cleanly only if entered */
	src = nested_template(100000);
	pm_diags d;
	pm_diags_init(&d);
	s = render_opts(src, m, NULL, &d);
	assert_null(s);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "nesting deeper than 1000 levels"));
	assert_int_equal(d.v[0].line, 1);
	assert_int_equal(d.v[0].col, 1 + 6 * 1000);
	pm_diags_free(&d);
	pm_value_map_set(m, "a", pm_value_bool(a, 0));
	s = render(src, m);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
	free(src);

	/* cyclic data is caught by the same cap */
	pm_value *loop = pm_value_list(a);
	pm_value *cell = pm_value_map(a);
	pm_value_map_set(cell, "next", loop);
	pm_value_list_append(loop, cell);
	pm_value_map_set(m, "next", loop);
	const char *const names[] = {"walk", "{{#next}}.{{>walk}}{{/next}}", NULL};
	struct loader l = {names, 0};
	pm_mustache_opts o;
	memset(&o, 0, sizeof o);
	o.load = load;
	o.load_ud = &l;
	o.max_partial_depth = 100000;
	pm_diags_init(&d);
	s = render_opts("{{>walk}}", m, &o, &d);
	assert_null(s);
	assert_non_null(strstr(d.v[0].msg, "is the data cyclic?"));
	pm_diags_free(&d);
	pm_value_arena_free(a);
}

/* ---- scale ---- */

static double render_list_seconds(size_t n, size_t reps)
{
	clock_t t0 = clock();
	for (size_t r = 0; r < reps; r++) {
		pm_value_arena *a = pm_value_arena_new();
		pm_value *root = pm_value_map(a);
		pm_value *items = pm_value_list(a);
		char key[32];
		for (size_t i = 0; i < n; i++) {
			pm_value *it = pm_value_map(a);
			int len = snprintf(key, sizeof key, "T-%zu", i);
			pm_value_map_set(it, "id", pm_value_string(a, key, (size_t)len));
			pm_value_map_set(it, "name", pm_value_cstr(a, "Spoofed | *telemetry*"));
			pm_value_map_set(it, "score", pm_value_number(a, 7.5));
			pm_value_list_append(items, it);
		}
		pm_value_map_set(root, "items", items);
		pm_mustache_opts o;
		memset(&o, 0, sizeof o);
		o.escape = pm_mustache_escape_markdown;
		char *s = render_opts("| id | name | score |\n|---|---|---|\n"
		                      "{{#items}}\n| {{id}} | {{name}} | {{score}} |\n{{/items}}\n",
		                      root, &o, NULL);
		assert_non_null(s);
		assert_non_null(strstr(s, "| T-0 | Spoofed \\| \\*telemetry\\* | 7.5 |\n"));
		free(s);
		pm_value_arena_free(a);
	}
	return (double)(clock() - t0) / CLOCKS_PER_SEC;
}

static void test_large_list_linear(void **state)
{
	(void)state;
	/* the same total work, as 10 lists of 10k items and as one of 100k:
	 * linear costs match, quadratic ones would differ tenfold */
	double small = render_list_seconds(10000, 10);
	double big = render_list_seconds(100000, 1);
	fprintf(stderr, "100k-item list: %.3fs; 10 x 10k items: %.3fs\n", big, small);
	assert_true(big < 3.0 * small + 0.05);
}

static void test_map_many_keys(void **state)
{
	(void)state;
	enum { N = 5000 };
	pm_value_arena *a = pm_value_arena_new();
	pm_value *m = pm_value_map(a);
	char key[32];
	for (int i = 0; i < N; i++) {
		int len = snprintf(key, sizeof key, "id-%d", i);
		assert_int_equal(pm_value_map_setn(m, key, (size_t)len, pm_value_number(a, i)), 0);
	}
	assert_int_equal(pm_value_count(m), N);
	for (int i = 0; i < N; i++) {
		snprintf(key, sizeof key, "id-%d", i);
		const pm_value *v = pm_value_map_get(m, key);
		assert_non_null(v);
		assert_true(pm_value_get_number(v) == i);
		size_t len;
		assert_string_equal(pm_value_map_key_at(m, (size_t)i, &len), key); /* insertion order */
		assert_int_equal(len, strlen(key));
	}
	assert_null(pm_value_map_get(m, "id-5000"));
	assert_null(pm_value_map_get(m, "id-"));
	assert_null(pm_value_map_get(m, ""));
	/* replacing keeps position and count */
	pm_value_map_set(m, "id-42", pm_value_cstr(a, "answer"));
	assert_int_equal(pm_value_count(m), N);
	assert_string_equal(pm_value_map_key_at(m, 42, NULL), "id-42");
	assert_string_equal(pm_value_get_string(pm_value_map_value_at(m, 42), NULL), "answer");
	/* keys with NUL bytes and the empty key */
	pm_value_map_setn(m, "a\0b", 3, pm_value_bool(a, 1));
	pm_value_map_setn(m, "", 0, pm_value_bool(a, 0));
	assert_non_null(pm_value_map_getn(m, "a\0b", 3));
	assert_null(pm_value_map_getn(m, "a", 1));
	assert_int_equal(pm_value_type(pm_value_map_getn(m, "", 0)), PM_VALUE_BOOL);

	/* lookups of thousands of keys from a template */
	pm_value *root = pm_value_map(a);
	pm_value_map_set(root, "byid", m);
	pm_buf src, want;
	pm_buf_init(&src, 0);
	pm_buf_init(&want, 0);
	pm_buf_puts(&src, "{{#byid}}");
	for (int i = N - 1; i >= 0; i -= 7) {
		pm_buf_printf(&src, "{{id-%d}},", i);
		if (i == 42)
			pm_buf_puts(&want, "answer,");
		else
			pm_buf_printf(&want, "%d,", i);
	}
	pm_buf_puts(&src, "{{/byid}}{{byid.id-7}}");
	pm_buf_puts(&want, "7");
	char *s = render(src.data, root);
	assert_non_null(s);
	assert_string_equal(s, want.data);
	free(s);
	pm_buf_free(&src);
	pm_buf_free(&want);

	/* building is linear: 200k keys */
	pm_value *big = pm_value_map(a);
	for (int i = 0; i < 200000; i++) {
		int len = snprintf(key, sizeof key, "k%d", i);
		pm_value_map_setn(big, key, (size_t)len, NULL);
	}
	assert_int_equal(pm_value_count(big), 200000);
	assert_int_equal(pm_value_type(pm_value_map_get(big, "k199999")), PM_VALUE_NULL);
	assert_non_null(pm_value_map_get(big, "k199999"));
	pm_value_arena_free(a);
}

/* ---- values ---- */

static void check_number(double d, const char *want)
{
	pm_value_arena *a = pm_value_arena_new();
	size_t n;
	const char *s = pm_value_text(pm_value_number(a, d), &n);
	if (strcmp(s, want) != 0)
		fprintf(stderr, "number %.17g: want \"%s\", got \"%s\"\n", d, want, s);
	int ok = strcmp(s, want) == 0 && n == strlen(want);
	pm_value_arena_free(a);
	assert_true(ok);
}

/* The text the number formatter gave before its whole-number path: snprintf. */
static size_t old_format(char *buf, size_t size, double d)
{
	int n;
	if (d != d) {
		n = snprintf(buf, size, "%s", "nan");
	} else if (d > -1e17 && d < 1e17 && (double)(long long)d == d) {
		n = snprintf(buf, size, "%lld", (long long)d);
	} else {
		n = 0;
		for (int prec = 1; prec <= 17; prec++) {
			n = snprintf(buf, size, "%.*g", prec, d);
			if (strtod(buf, NULL) == d)
				break;
		}
	}
	return n > 0 ? (size_t)n : 0;
}

static void check_same_as_snprintf(double d)
{
	char a[48], b[48];
	size_t na = pm_value_format_number(a, sizeof a, d), nb = old_format(b, sizeof b, d);
	assert_int_equal(na, nb);
	assert_string_equal(a, b);
}

static void test_number_formatter(void **state)
{
	(void)state;
	static const double edge[] = {0.0,
	                              -0.0,
	                              1,
	                              -1,
	                              9,
	                              10,
	                              99,
	                              100,
	                              1023,
	                              1024,
	                              -1024,
	                              65535,
	                              1e16,
	                              -1e16,
	                              99999999999999984.0,
	                              -99999999999999984.0,
	                              1e17,
	                              -1e17,
	                              1e21,
	                              0.1,
	                              1.21,
	                              7.5,
	                              -2.5,
	                              1e-7,
	                              123456789012.5};
	for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++)
		check_same_as_snprintf(edge[i]);
	/* every power of ten and its neighbours, and a spread of pseudo-random values */
	for (double p = 1; p < 1e17; p *= 10) {
		check_same_as_snprintf(p - 1);
		check_same_as_snprintf(p);
		check_same_as_snprintf(p + 1);
		check_same_as_snprintf(-p);
	}
	unsigned long long x = 88172645463325252ull;
	for (int i = 0; i < 200000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		long long v = (long long)(x % 200000000000000000ull) - 100000000000000000ll;
		check_same_as_snprintf((double)(v >> (i % 57)));
		check_same_as_snprintf((double)(x % 100000) / 100.0);
	}
	/* too small a buffer: 0, like snprintf's truncation would be refused */
	char tiny[3];
	assert_int_equal(pm_value_format_number(tiny, sizeof tiny, 123), 0);
	assert_int_equal(pm_value_format_number(tiny, sizeof tiny, 12), 2);
	assert_string_equal(tiny, "12");

	/* small whole numbers are one shared value; their text is the same */
	pm_value_arena *a = pm_value_arena_new();
	assert_ptr_equal(pm_value_number(a, 7), pm_value_number(a, 7));
	assert_ptr_not_equal(pm_value_number(a, 7), pm_value_number(a, 8));
	size_t n;
	assert_string_equal(pm_value_text(pm_value_number(a, 1023), &n), "1023");
	assert_string_equal(pm_value_text(pm_value_number(a, 1024), &n), "1024");
	assert_string_equal(pm_value_text(pm_value_number(a, -0.0), &n), "0");
	assert_true(pm_value_get_number(pm_value_number(a, 0.5)) == 0.5);
	pm_value_arena_free(a);
}

static void test_view_intern(void **state)
{
	(void)state;
	pm_value_arena *a = pm_value_arena_new();
	pm_view_intern *in = pm_view_intern_new(a);
	static const char key[] = "controls";
	assert_string_equal(pm_view_key(in, key, PM_VK_TEXT), "controls_text");
	assert_string_equal(pm_view_key(in, key, PM_VK_LABEL), "controls_label");
	assert_string_equal(pm_view_key(in, key, PM_VK_HAS), "has_controls");
	assert_string_equal(pm_view_key(in, key, PM_VK_N), "n_controls");
	assert_ptr_equal(pm_view_key(in, key, PM_VK_HAS), pm_view_key(in, key, PM_VK_HAS));
	/* one value per string, giving its text */
	static const char yes[] = "yes";
	pm_value *v = pm_view_const(in, yes);
	assert_ptr_equal(v, pm_view_const(in, yes));
	size_t n;
	assert_string_equal(pm_value_text(v, &n), "yes");
	assert_int_equal(pm_value_type(pm_view_const(in, NULL)), PM_VALUE_NULL);
	/* many entries: the table grows and keeps every one */
	static char strs[3000][8];
	for (int i = 0; i < 3000; i++) {
		snprintf(strs[i], sizeof strs[i], "s%d", i);
		pm_view_memo_set(in, strs[i], PM_VK_COUNT + 1, pm_view_const(in, strs[i]));
	}
	for (int i = 0; i < 3000; i++) {
		pm_value *m = pm_view_memo_get(in, strs[i], PM_VK_COUNT + 1);
		assert_ptr_equal(m, pm_view_const(in, strs[i]));
		assert_string_equal(pm_value_text(m, &n), strs[i]);
		assert_null(pm_view_memo_get(in, strs[i], PM_VK_COUNT + 2));
	}
	assert_string_equal(pm_view_key(in, key, PM_VK_N), "n_controls");
	pm_view_intern_free(in);
	pm_value_arena_free(a);
}

/* A template's memo of its partials, across environments: each one renders
 * its own partials, also when an environment is freed and another made. */
static void test_partial_memo_envs(void **state)
{
	(void)state;
	const char *const one[] = {"p", "1", "q", "A", NULL};
	const char *const two[] = {"q", "B", "p", "2", NULL};
	struct loader l1 = {one, 0}, l2 = {two, 0};
	pm_mustache_opts o;
	memset(&o, 0, sizeof o);
	o.load = load;
	pm_value_arena *a = pm_value_arena_new();
	pm_value *m = pm_value_map(a);
	pm_diags d;
	pm_diags_init(&d);
	pm_mustache_template *t = NULL;
	pm_mustache_compile("t", "{{>p}}{{>q}}{{>p}}", 18, &t, &d);
	assert_non_null(t);
	pm_buf out;
	pm_buf_init(&out, 0);
	for (int round = 0; round < 4; round++) {
		o.load_ud = round % 2 ? &l2 : &l1;
		pm_mustache_env *env = pm_mustache_env_new(&o);
		for (int k = 0; k < 2; k++) {
			pm_buf_clear(&out);
			assert_int_equal(pm_mustache_render(env, t, m, &out, &d), 0);
			assert_string_equal(out.data, round % 2 ? "2B2" : "1A1");
		}
		pm_mustache_env_free(env);
	}
	assert_int_equal(l1.calls, 4); /* p and q, once per environment */
	assert_int_equal(l2.calls, 4);
	/* templates freed and others compiled, maybe at the same address, in one
	 * environment: its memos of the old ones mislead nothing */
	pm_mustache_free(t);
	o.load_ud = &l1;
	pm_mustache_env *env = pm_mustache_env_new(&o);
	pm_value *data = pm_value_map(a);
	pm_value *row = pm_value_map(a);
	pm_value_map_set(row, "x", pm_value_cstr(a, "X"));
	pm_value_map_set(row, "y", pm_value_cstr(a, "Y"));
	pm_value_map_set(data, "row", row);
	static const char *const srcs[][2] = {
	        {"{{row.x}}{{>p}}{{row.y}}", "X1Y"},
	        {"{{>q}}{{row.y}}", "AY"},
	        {"{{row.y}}{{row.x}}{{>q}}{{>p}}", "YXA1"},
	        {"{{#row}}{{y}}{{x}}{{/row}}", "YX"},
	};
	for (int round = 0; round < 8; round++) {
		const char *src = srcs[round % 4][0];
		pm_mustache_compile("t", src, strlen(src), &t, &d);
		assert_non_null(t);
		pm_buf_clear(&out);
		assert_int_equal(pm_mustache_render(env, t, data, &out, &d), 0);
		assert_string_equal(out.data, srcs[round % 4][1]);
		pm_mustache_free(t);
	}
	t = NULL;
	pm_mustache_env_free(env);
	pm_buf_free(&out);
	pm_mustache_free(t);
	pm_diags_free(&d);
	pm_value_arena_free(a);
}

/* A hint shared by maps of different shapes, and the per-map key filter:
 * the same answers as pm_value_map_get() for present and absent keys. */
static void test_map_hint(void **state)
{
	(void)state;
	pm_value_arena *a = pm_value_arena_new();
	enum { MAPS = 40, KEYS = 70 };
	pm_value *maps[MAPS];
	char keys[KEYS][8];
	for (int k = 0; k < KEYS; k++)
		snprintf(keys[k], sizeof keys[k], "k%d", k);
	for (int m = 0; m < MAPS; m++) {
		maps[m] = pm_value_map(a);
		if (m % 3 == 0)
			pm_value_map_reserve(maps[m], (size_t)m + 1);
		for (int i = 0; i < m + 1 && i < KEYS; i++) {
			int k = (i * 7 + m) % KEYS; /* another order, another size, each map */
			pm_value_map_set(maps[m], keys[k], pm_value_number(a, m * 100 + k));
		}
	}
	uint32_t hint[KEYS] = {0};
	for (int round = 0; round < 3; round++)
		for (int m = 0; m < MAPS; m++)
			for (int k = 0; k < KEYS + 5; k++) {
				char key[8];
				snprintf(key, sizeof key, "k%d", k);
				uint32_t spare = 0, *h = k < KEYS ? &hint[k] : &spare;
				const pm_value *got = pm_value_map_get_hint(maps[m], key, strlen(key),
				                                            pm_hash_bytes(key, strlen(key)), h);
				assert_ptr_equal(got, pm_value_map_get(maps[m], key));
				assert_ptr_equal(got, pm_value_map_get_hashed(maps[m], key, strlen(key),
				                                              pm_hash_bytes(key, strlen(key))));
			}
	assert_null(pm_value_map_get_hint(pm_value_list(a), "k1", 2, pm_hash_bytes("k1", 2), &hint[1]));
	pm_value_arena_free(a);
}

static void test_values(void **state)
{
	(void)state;
	check_number(85, "85");
	check_number(1.210, "1.21");
	check_number(1.5, "1.5");
	check_number(0.1, "0.1");
	check_number(0.1 + 0.2, "0.30000000000000004");
	check_number(100, "100");
	check_number(-3, "-3");
	check_number(7.5, "7.5");
	check_number(1e21, "1e+21");
	check_number(1e-7, "1e-07");
	check_number(123456789012.5, "123456789012.5");

	pm_value_arena *a = pm_value_arena_new();
	size_t n;
	assert_string_equal(pm_value_text(pm_value_number_text(a, 7.5, "7.50", 4), &n), "7.50");
	assert_string_equal(pm_value_text(pm_value_bool(a, 1), &n), "true");
	assert_string_equal(pm_value_text(pm_value_bool(a, 0), &n), "false");
	assert_string_equal(pm_value_text(pm_value_null(a), &n), "");
	assert_string_equal(pm_value_text(NULL, &n), "");
	assert_int_equal(pm_value_type(NULL), PM_VALUE_NULL);
	const char ref[] = "borrowed bytes";
	pm_value *r = pm_value_string_ref(a, ref, 8);
	assert_ptr_equal(pm_value_get_string(r, &n), ref);
	assert_int_equal(n, 8);
	/* builders refuse the wrong kind */
	pm_value *s = pm_value_cstr(a, "x");
	assert_int_equal(pm_value_list_append(s, NULL), -1);
	assert_int_equal(pm_value_map_set(s, "k", NULL), -1);
	pm_value *l = pm_value_list(a);
	for (int i = 0; i < 1000; i++)
		pm_value_list_append(l, i % 2 ? pm_value_number(a, i) : NULL);
	assert_int_equal(pm_value_count(l), 1000);
	assert_int_equal(pm_value_type(pm_value_list_at(l, 0)), PM_VALUE_NULL);
	assert_true(pm_value_get_number(pm_value_list_at(l, 999)) == 999);
	assert_null(pm_value_list_at(l, 1000));
	assert_true(pm_value_arena_bytes(a) > 0);

	/* falsey: null, false, [], missing; truthy: 0, "", {} */
	pm_value *m = pm_value_map(a);
	pm_value_map_set(m, "null", NULL);
	pm_value_map_set(m, "false", pm_value_bool(a, 0));
	pm_value_map_set(m, "empty", pm_value_list(a));
	pm_value_map_set(m, "zero", pm_value_number(a, 0));
	pm_value_map_set(m, "blank", pm_value_cstr(a, ""));
	pm_value_map_set(m, "map", pm_value_map(a));
	char *out = render("{{#null}}N{{/null}}{{#false}}F{{/false}}{{#empty}}E{{/empty}}"
	                   "{{#missing}}M{{/missing}}{{#zero}}0{{/zero}}{{#blank}}B{{/blank}}"
	                   "{{#map}}{{/map}}{{^map}}!{{/map}}{{^missing}}m{{/missing}}",
	                   m);
	assert_string_equal(out, "0Bm");
	free(out);
	pm_value_arena_free(a);
}

/* ---- options ---- */

static void test_strict_and_limits(void **state)
{
	(void)state;
	pm_value_arena *a = pm_value_arena_new();
	pm_value *m = pm_value_map(a);
	pm_value_map_set(m, "here", pm_value_cstr(a, "yes"));
	pm_value_map_set(m, "nothing", NULL);
	pm_mustache_opts o;
	memset(&o, 0, sizeof o);
	o.flags = PM_MUSTACHE_STRICT;

	char *s = render_opts("{{here}}{{nothing}}{{#absent}}x{{/absent}}{{^absent}}ok{{/absent}}", m, &o, NULL);
	assert_string_equal(s, "yesok");
	free(s);

	pm_diags d;
	pm_diags_init(&d);
	s = render_opts("ok\n  {{here.deeper}}", m, &o, &d);
	assert_null(s);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].line, 2);
	assert_int_equal(d.v[0].col, 3);
	assert_string_equal(d.v[0].msg, "unknown name \"here.deeper\"");
	pm_diags_free(&d);

	pm_diags_init(&d);
	s = render_opts("{{>nowhere}}", m, &o, &d);
	assert_null(s);
	assert_string_equal(d.v[0].msg, "unknown partial \"nowhere\"");
	pm_diags_free(&d);

	/* without STRICT the same render quietly prints nothing */
	s = render("[{{here.deeper}}{{>nowhere}}]", m);
	assert_string_equal(s, "[]");
	free(s);

	/* the output cap */
	pm_diags_init(&d);
	pm_mustache_env *env = pm_mustache_env_new(NULL);
	pm_mustache_template *t = NULL;
	pm_mustache_compile("t", "{{#l}}0123456789{{/l}}", 22, &t, &d);
	pm_value *l = pm_value_list(a);
	for (int i = 0; i < 100; i++)
		pm_value_list_append(l, pm_value_bool(a, 1));
	pm_value_map_set(m, "l", l);
	pm_buf out;
	pm_buf_init(&out, 500);
	pm_buf_puts(&out, "head");
	assert_int_equal(pm_mustache_render(env, t, m, &out, &d), -1);
	assert_string_equal(out.data, "head");
	assert_int_equal(out.overflow, 0);
	assert_non_null(strstr(d.v[0].msg, "output larger than the limit of 500 bytes"));
	pm_buf_free(&out);
	pm_mustache_free(t);
	pm_mustache_env_free(env);
	pm_diags_free(&d);
	pm_value_arena_free(a);
}

static void test_compile_once_render_many(void **state)
{
	(void)state;
	pm_diags d;
	pm_diags_init(&d);
	const char *src = "{{=<% %>=}}\r\n<%#people%>\r\n  * <%name%> (<%age%>)\r\n<%/people%>\r\n";
	pm_mustache_template *t = NULL;
	pm_mustache_compile("people", src, strlen(src), &t, &d);
	assert_non_null(t);
	assert_string_equal(pm_mustache_name(t), "people");
	pm_mustache_env *env = pm_mustache_env_new(NULL);
	pm_buf out;
	pm_buf_init(&out, 0);
	for (int n = 0; n < 3; n++) {
		pm_value_arena *a = pm_value_arena_new();
		pm_value *root = pm_value_map(a);
		pm_value *people = pm_value_list(a);
		for (int i = 0; i <= n; i++) {
			pm_value *p = pm_value_map(a);
			pm_value_map_set(p, "name", pm_value_cstr(a, i ? "Bob" : "Ann"));
			pm_value_map_set(p, "age", pm_value_number(a, 30 + i));
			pm_value_list_append(people, p);
		}
		pm_value_map_set(root, "people", people);
		pm_buf_clear(&out);
		assert_int_equal(pm_mustache_render(env, t, root, &out, &d), 0);
		if (n == 2)
			assert_string_equal(out.data, "  * Ann (30)\r\n  * Bob (31)\r\n  * Bob (32)\r\n");
		pm_value_arena_free(a);
	}
	assert_int_equal(d.n, 0);
	pm_buf_free(&out);
	pm_mustache_env_free(env);
	pm_mustache_free(t);
	pm_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_escape_html),
	        cmocka_unit_test(test_escape_markdown_rules),
	        cmocka_unit_test(test_escape_markdown_cmark_table),
	        cmocka_unit_test(test_escape_markdown_cmark_blocks),
	        cmocka_unit_test(test_error_locations),
	        cmocka_unit_test(test_partial_recursion_cap),
	        cmocka_unit_test(test_partial_cache_and_errors),
	        cmocka_unit_test(test_indentation),
	        cmocka_unit_test(test_deep_nesting),
	        cmocka_unit_test(test_map_many_keys),
	        cmocka_unit_test(test_values),
	        cmocka_unit_test(test_number_formatter),
	        cmocka_unit_test(test_map_hint),
	        cmocka_unit_test(test_view_intern),
	        cmocka_unit_test(test_partial_memo_envs),
	        cmocka_unit_test(test_strict_and_limits),
	        cmocka_unit_test(test_compile_once_render_many),
	};
	/* make slow: 1.1 million list items rendered */
	const struct CMUnitTest slow[] = {
	        cmocka_unit_test(test_large_list_linear),
	};
	if (pm_test_slow_group())
		return cmocka_run_group_tests_name("mustache (slow)", slow, NULL, NULL);
	return cmocka_run_group_tests_name("mustache", tests, NULL, NULL);
}
