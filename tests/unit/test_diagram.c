/* test_diagram.c — the architecture diagrams (include/premarket/diagram.h,
 * gen/diagram.h): the plan of each example, the SVG parsed with libxml2
 * (one component group per component and one flow group per flow of the
 * view, every id where it belongs), determinism, hostile names, the split
 * of a large model, the protection words, line breaking, the DOT text,
 * the vector figures of the PDF, nested zones, layout hints, bidirectional
 * flows and use case steps. */
#include "testutil.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <math.h>
#include <time.h>

#include "diagram.h"
#include "premarket/html.h"
#include "premarket/pdf.h"

static pm_model *load(const char *path)
{
	pm_diags d;
	pm_diags_init(&d);
	pm_model *m = NULL;
	assert_int_equal(pm_test_load_scored(&path, 1, NULL, &m, &d), 0);
	assert_int_equal(d.errors, 0);
	pm_diags_free(&d);
	return m;
}

static pm_diagram *layout(pm_diagram_engine *e, const pm_model *m, const pm_diagram_plan *p, size_t i)
{
	pm_diags d;
	pm_diags_init(&d);
	pm_diagram *dg = NULL;
	if (pm_diagram_layout(e, m, p, i, &dg, &d) != 0)
		fail_msg("layout of %s failed: %s", pm_diagram_plan_id(p, i), d.n ? d.v[0].msg : "?");
	assert_int_equal(d.n, 0);
	pm_diags_free(&d);
	return dg;
}

static void svg_of(const pm_diagram *dg, pm_buf *out)
{
	pm_diags d;
	pm_diags_init(&d);
	pm_buf_init(out, 0);
	assert_int_equal(pm_diagram_svg(dg, out, &d), 0);
	pm_diags_free(&d);
}

/* ---- SVG with libxml2 ---------------------------------------------------------------- */

static int parse_errors;

static void count_error(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
	parse_errors++;
}

typedef struct svg {
	xmlDocPtr doc;
	xmlXPathContextPtr xp;
} svg;

static void svg_open(svg *s, const pm_buf *b)
{
	parse_errors = 0;
	xmlSetGenericErrorFunc(NULL, count_error);
	s->doc = xmlReadMemory(b->data, (int)b->len, "diagram.svg", "UTF-8", XML_PARSE_NONET);
	xmlSetGenericErrorFunc(NULL, NULL);
	if (!s->doc || parse_errors)
		fail_msg("the SVG does not parse (%d errors)", parse_errors);
	s->xp = xmlXPathNewContext(s->doc);
	xmlXPathRegisterNs(s->xp, BAD_CAST "s", BAD_CAST "http://www.w3.org/2000/svg");
	xmlXPathRegisterNs(s->xp, BAD_CAST "pm", BAD_CAST "urn:premarket:diagram");
}

static void svg_close(svg *s)
{
	xmlXPathFreeContext(s->xp);
	xmlFreeDoc(s->doc);
}

static size_t count(svg *s, const char *xpath)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST xpath, s->xp);
	assert_non_null(o);
	size_t n = o->nodesetval ? (size_t)o->nodesetval->nodeNr : 0;
	xmlXPathFreeObject(o);
	return n;
}

static int has_id(svg *s, const char *cls, const char *id)
{
	char q[512];
	snprintf(q, sizeof q, "//s:g[@class='%s'][@pm:id='%s']", cls, id);
	return count(s, q) == 1;
}

/* One component group per component, one flow group per flow of the spec,
 * each with its model id; the picture's title and description. */
static void check_svg(const pm_model *m, const pm_dg_spec *sp, const pm_buf *b)
{
	svg s;
	svg_open(&s, b);
	assert_int_equal(count(&s, "/s:svg/s:title"), 1);
	assert_int_equal(count(&s, "/s:svg/s:desc"), 1);
	assert_int_equal(count(&s, "//s:g[@class='legend']"), 1);
	assert_int_equal(count(&s, "//s:script | //s:foreignObject | //@*[starts-with(name(), 'on')]"), 0);
	if (sp->form == DG_SUMMARY) {
		assert_int_equal(count(&s, "//s:g[@class='component']"), 0);
		assert_true(count(&s, "//s:g[@class='zone-node']") == sp->nzones);
	} else {
		size_t want = sp->ncomps;
		if (count(&s, "//s:g[@class='component']") != want)
			fail_msg("%s: %zu component groups, %zu components", sp->id,
			         count(&s, "//s:g[@class='component']"), want);
		for (size_t k = 0; k < sp->ncomps; k++)
			assert_true(has_id(&s, "component", m->components.v[sp->comps[k]].id.s));
	}
	if (sp->form != DG_SUMMARY) {
		if (count(&s, "//s:g[@class='flow']") != sp->nflows)
			fail_msg("%s: %zu flow groups, %zu flows", sp->id, count(&s, "//s:g[@class='flow']"),
			         sp->nflows);
		for (size_t k = 0; k < sp->nflows; k++) {
			assert_true(has_id(&s, "flow", m->flows.v[sp->flows[k]].id.s));
			assert_true(has_id(&s, "label", m->flows.v[sp->flows[k]].id.s));
		}
	}
	if (sp->form == DG_GRAPH || sp->form == DG_SEQUENCE) {
		/* the zones of the components, and (nested) the zones those lie within */
		assert_int_equal(count(&s, "//s:g[@class='zone'][@pm:id = //s:g[@class='component']/@pm:zone]"),
		                 sp->nzones);
		assert_int_equal(count(&s, "//s:g[@class='zone'][not(@pm:id = //s:g[@class='component']/@pm:zone)]"
		                           "[not(@pm:id = //s:g[@class='zone']/@pm:within)]"),
		                 0);
	}
	svg_close(&s);
}

/* ---- tests ------------------------------------------------------------------------------ */

static void test_plan_lab_analyzer(void **state)
{
	(void)state;
	pm_model *m = load("examples/lab-analyzer.yaml");
	pm_diagram_plan *p = pm_diagram_plan_new(m);
	/* 7 views (all provided, none with a file) and 7 use cases */
	assert_int_equal(pm_diagram_plan_count(p), 14);
	assert_string_equal(pm_diagram_plan_id(p, 0), "V-GLOBAL");
	assert_string_equal(pm_diagram_plan_file(p, 0), "diagrams/V-GLOBAL.svg");
	assert_string_equal(pm_diagram_plan_caption(p, 0),
	                    "Global system view (V-GLOBAL): 17 components in 7 zones, 20 flows");
	assert_int_equal(pm_diagram_plan_find(p, "UC-UPDATE"), 12);
	assert_int_equal(pm_diagram_plan_find(p, "nothing"), -1);
	const pm_dg_spec *uc = &p->v[pm_diagram_plan_find(p, "UC-UPDATE")];
	assert_int_equal(uc->form, DG_SEQUENCE);
	/* the flows in the use case's order */
	assert_string_equal(m->flows.v[uc->flows[0]].id.s, "F-SIGN-UPD");
	assert_string_equal(m->flows.v[uc->flows[3]].id.s, "F-UPD-USB");
	pm_diagram_plan_free(p);
	pm_model_free(m);
}

/* A model without views gets the views drawn from the model. */
static void test_plan_derived(void **state)
{
	(void)state;
	pm_model *m = load("tests/data/diagram-names.yaml");
	pm_diagram_plan *p = pm_diagram_plan_new(m);
	assert_int_equal(pm_diagram_plan_count(p), 4);
	assert_string_equal(pm_diagram_plan_id(p, 0), "global_system");
	assert_int_equal(p->v[0].ncomps, 4);
	assert_int_equal(p->v[0].nflows, 3);
	assert_true(p->v[0].derived);
	/* multi-patient: the cloud service and the flows from and to it, the
	 * flow of code, and the target of T-1 (derived multi-patient? no: not
	 * a cloud target, so only the cloud paths) */
	assert_string_equal(pm_diagram_plan_id(p, 1), "multi_patient_harm");
	/* updatability: the one flow of code */
	assert_string_equal(pm_diagram_plan_id(p, 2), "updatability");
	assert_int_equal(p->v[2].nflows, 1);
	/* an id that is no file name */
	assert_string_equal(pm_diagram_plan_id(p, 3), "UC_1");
	assert_int_equal(pm_diagram_plan_find(p, "UC:1"), 3);
	pm_diagram_plan_free(p);
	pm_model_free(m);
}

/* Every diagram of every example: the SVG parses and holds what the view
 * shows; laid out again, after the others, it is byte-identical. */
static void test_examples_svg(void **state)
{
	(void)state;
	static const char *const files[] = {"examples/lab-analyzer.yaml", "examples/insulin-pump.yaml",
	                                    "examples/minimal.yaml",      "examples/skeleton.yaml",
	                                    "tests/data/hostile.yaml",    "tests/data/diagram-names.yaml"};
	pm_diagram_engine *e = pm_diagram_engine_new();
	assert_non_null(e);
	for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
		pm_model *m = load(files[f]);
		pm_diagram_plan *p = pm_diagram_plan_new(m);
		assert_true(pm_diagram_plan_count(p) > 0);
		pm_buf *first = calloc(pm_diagram_plan_count(p), sizeof *first);
		assert_non_null(first);
		for (size_t i = 0; i < pm_diagram_plan_count(p); i++) {
			pm_diagram *dg = layout(e, m, p, i);
			svg_of(dg, &first[i]);
			check_svg(m, &p->v[i], &first[i]);
			pm_diagram_free(dg);
		}
		/* again, in the other order, after all the others (two examples) */
		for (size_t i = pm_diagram_plan_count(p); f < 2 && i-- > 0;) {
			pm_buf again;
			pm_diagram *dg = layout(e, m, p, i);
			svg_of(dg, &again);
			if (again.len != first[i].len || memcmp(again.data, first[i].data, again.len) != 0)
				fail_msg("%s: %s differs when laid out again", files[f], pm_diagram_plan_id(p, i));
			pm_buf_free(&again);
			pm_diagram_free(dg);
		}
		for (size_t i = 0; i < pm_diagram_plan_count(p); i++)
			pm_buf_free(&first[i]);
		free(first);
		pm_diagram_plan_free(p);
		pm_model_free(m);
	}
	pm_diagram_engine_free(e);
}

/* The bounding box of a group's paths. */
static void group_box(const pm_diagram *dg, const pm_dg_group *g, double *x0, double *x1)
{
	*x0 = 1e9;
	*x1 = -1e9;
	for (size_t i = g->p0; i < g->p0 + g->np; i++)
		for (size_t k = dg->p[i].o0; k < dg->p[i].o0 + dg->p[i].no; k++)
			if (dg->o[k].op != 'Z') {
				if (dg->o[k].p[0].x < *x0)
					*x0 = dg->o[k].p[0].x;
				if (dg->o[k].p[0].x > *x1)
					*x1 = dg->o[k].p[0].x;
			}
}

/* Markup, quotes, very long names and words, non-Latin text: escaped in
 * the SVG, wrapped or shortened in the drawing (with the full name in the
 * legend), never wider than a node may be. */
static void test_hostile_names(void **state)
{
	(void)state;
	pm_model *m = load("tests/data/diagram-names.yaml");
	pm_diagram_plan *p = pm_diagram_plan_new(m);
	pm_diagram_engine *e = pm_diagram_engine_new();
	pm_diagram *dg = layout(e, m, p, 0);
	for (size_t i = 0; i < dg->ng; i++) {
		const pm_dg_group *g = &dg->g[i];
		if (g->kind != DG_G_COMPONENT && g->kind != DG_G_LABEL)
			continue;
		double x0, x1;
		group_box(dg, g, &x0, &x1);
		if (x1 - x0 > 230) /* names wrap at 132 points; a cloud's box is a third wider */
			fail_msg("%s is %.0f points wide", g->id, x1 - x0);
	}
	pm_buf b;
	svg_of(dg, &b);
	svg s;
	svg_open(&s, &b);
	/* the markup of the names is text, not elements */
	assert_int_equal(count(&s, "//s:script | //s:tspan | //s:a[not(@href)] | //s:b | //s:i"), 0);
	assert_int_equal(count(&s, "//s:text[contains(., '<script>alert(1)</script>')]"), 1);
	assert_true(count(&s, "//s:text[contains(., '[2] Very long component name')]") == 1);
	assert_true(count(&s, "//s:text[contains(., '\xE8\xBC\xB8\xE6\xB6\xB2')]") >= 1); /* 輸液 */
	assert_true(count(&s, "//s:g[@class='component'][@pm:id='C:MARKUP'][@id='node-C_MARKUP']") == 1);
	svg_close(&s);
	pm_buf_free(&b);
	pm_diagram_free(dg);
	pm_diagram_engine_free(e);
	pm_diagram_plan_free(p);
	pm_model_free(m);
}

/* The box of a group's first paint (a zone's rectangle, a node's outline). */
static void first_box(const pm_diagram *dg, const char *cls_id, int kind, double b[4])
{
	b[0] = b[1] = 1e9;
	b[2] = b[3] = -1e9;
	for (size_t i = 0; i < dg->ng; i++) {
		const pm_dg_group *g = &dg->g[i];
		if (g->kind != kind || !g->id || strcmp(g->id, cls_id) != 0 || !g->np)
			continue;
		const pm_dg_paint *p = &dg->p[g->p0];
		for (size_t k = p->o0; k < p->o0 + p->no; k++)
			if (dg->o[k].op != 'Z') {
				b[0] = fmin(b[0], dg->o[k].p[0].x);
				b[1] = fmin(b[1], dg->o[k].p[0].y);
				b[2] = fmax(b[2], dg->o[k].p[0].x);
				b[3] = fmax(b[3], dg->o[k].p[0].y);
			}
		return;
	}
	fail_msg("no group %s", cls_id);
}

/* Arrowheads of flow id: filled triangles (M L L Z). */
static size_t heads_of(const pm_diagram *dg, const char *id)
{
	size_t n = 0;
	for (size_t i = 0; i < dg->ng; i++) {
		const pm_dg_group *g = &dg->g[i];
		if (g->kind != DG_G_FLOW || strcmp(g->id, id) != 0)
			continue;
		for (size_t k = g->p0; k < g->p0 + g->np; k++) {
			const pm_dg_paint *p = &dg->p[k];
			n += p->no == 4 && p->fill == p->stroke && p->fill != DG_C_NONE && dg->o[p->o0 + 3].op == 'Z';
		}
	}
	return n;
}

static const char *text_of(const pm_diagram *dg, int kind, const char *id, const char *needle)
{
	for (size_t i = 0; i < dg->ng; i++) {
		const pm_dg_group *g = &dg->g[i];
		if (g->kind != kind || (id && (!g->id || strcmp(g->id, id) != 0)))
			continue;
		for (size_t k = g->t0; k < g->t0 + g->nt; k++)
			if (strstr(dg->t[k].s, needle))
				return dg->t[k].s;
	}
	return NULL;
}

/* The compiled-in advance widths (gen/diagram_metrics.c) are those libharu
 * reads from the DejaVu fonts the PDF embeds, glyph for glyph (within the
 * rounding of 1/1000 em), so that a label measured for the layout is as
 * wide in the PDF.  Skipped when the fonts are not installed. */
static void test_metrics_match_pdf_fonts(void **state)
{
	(void)state;
	static const char *const files[2] = {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
	                                     "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"};
	FILE *f = fopen(files[0], "rb");
	if (!f) {
		print_message("skipped: %s not installed\n", files[0]);
		skip();
	}
	fclose(f);
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	assert_non_null(pdf);
	HPDF_UseUTFEncodings(pdf);
	size_t compared = 0, off = 0;
	for (int k = 0; k < 2; k++) {
		const char *name = HPDF_LoadTTFontFromFile(pdf, files[k], HPDF_FALSE);
		assert_non_null(name);
		HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
		assert_non_null(font);
		for (size_t r = 0; r < pm_dg_n_metric_ranges; r++)
			for (uint32_t cp = pm_dg_metric_ranges[r].lo; cp <= pm_dg_metric_ranges[r].hi; cp++) {
				const uint16_t *t = k ? pm_dg_metrics_bold : pm_dg_metrics_regular;
				uint16_t want = t[pm_dg_metric_ranges[r].base + (cp - pm_dg_metric_ranges[r].lo)];
				if (want == 65535) /* not in the font */
					continue;
				HPDF_INT got = HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cp);
				if (abs((int)got - (int)want) > 1 && off++ < 5)
					print_message("%s U+%04X: table %u, libharu %d\n", files[k], (unsigned)cp, want,
					              (int)got);
				compared++;
			}
	}
	HPDF_Free(pdf);
	assert_true(compared > 1000);
	assert_int_equal(off, 0);
}

/* The layout's rule for the wide East Asian scripts (a full em) is the
 * width of the PDF's CJK face for every ideograph, kana, Hangul syllable and
 * fullwidth form it has (docs/pdf.md).  Skipped without the font. */
static void test_metrics_match_cjk_font(void **state)
{
	(void)state;
	static const char file[] = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
	static const uint32_t ranges[][2] = {
	        {0x3041, 0x30FF}, {0x3131, 0x318E}, {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3}, {0xFF01, 0xFF5E}};
	FILE *f = fopen(file, "rb");
	if (!f) {
		print_message("skipped: %s not installed\n", file);
		skip();
	}
	fclose(f);
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	assert_non_null(pdf);
	HPDF_UseUTFEncodings(pdf);
	const char *name = HPDF_LoadTTFontFromFile2(pdf, file, 0, HPDF_FALSE);
	assert_non_null(name);
	HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
	assert_non_null(font);
	HPDF_FontDef def = HPDF_Doc_FindFontDef(pdf, name);
	assert_non_null(def);
	size_t compared = 0, off = 0;
	for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
		for (uint32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
			char u[4] = {(char)(0xE0 | cp >> 12), (char)(0x80 | (cp >> 6 & 0x3F)),
			             (char)(0x80 | (cp & 0x3F)), 0};
			HPDF_INT got = HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cp);
			if (HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp) == 0) /* not in the font */
				continue;
			double want = pm_dg_width(u, 3, DG_REGULAR, 1000);
			if (fabs(want - got) > 1 && off++ < 5)
				print_message("U+%04X: layout %.0f, font %d\n", (unsigned)cp, want, (int)got);
			compared++;
		}
	HPDF_Free(pdf);
	assert_true(compared > 30000);
	assert_int_equal(off, 0);
}

/* The HTML of a figure: a <figure> with exactly one <img> of the caller's
 * URL, the short alternative (escaped) as alt, the caption, the long
 * description; an image the caller did not name stays cmark-gfm's, and a
 * figure URL with other characters is not taken. */
static void test_html_figure(void **state)
{
	(void)state;
	static const char md[] = "# T\n\n![Figure: Global view](diagrams/V-GLOBAL.svg)\n\n"
	                         "![other](diagrams/OTHER.svg)\n\n![odd](diagrams/a%20b.svg)\n";
	pm_html_figure figs[2] = {
	        {"diagrams/V-GLOBAL.svg", 600, 400, "Three zones \"and\" <two> flows", "Zone Z-A: every word"},
	        {"diagrams/a%20b.svg", 10, 10, "x", NULL},
	};
	pm_diags d;
	pm_diags_init(&d);
	pm_buf b;
	pm_buf_init(&b, 0);
	assert_int_equal(pm_html_page_figures(md, sizeof md - 1, "T", NULL, NULL, 0, figs, 2, &b, &d), 0);
	const char *html = b.data;
	assert_non_null(strstr(html,
	                       "<figure class=\"pm-figure\" id=\"pm-figure-1\">\n<img src=\"diagrams/V-GLOBAL.svg\" "
	                       "alt=\"Three zones &quot;and&quot; &lt;two&gt; flows\" width=\"600\" height=\"400\">\n"
	                       "<figcaption>Figure: Global view</figcaption>\n"
	                       "<details><summary>Text description of the figure</summary><p>Zone <span "
	                       "class=\"pm-nw\">Z-A</span>: every "
	                       "word</p></details>\n</figure>"));
	assert_null(strstr(html, "pm-figure-2")); /* the odd URL is no figure */
	size_t imgs = 0;
	for (const char *q = strstr(html, "<img"); q; q = strstr(q + 1, "<img"))
		imgs++;
	assert_int_equal(imgs, 3); /* the figure's, and cmark-gfm's two others */
	pm_buf_free(&b);
	pm_diags_free(&d);
}

/* Zones within zones, the layout hints, a bidirectional flow, steps that
 * name their flows (tests/data/diagram-nested.yaml). */
static void test_nested(void **state)
{
	(void)state;
	pm_model *m = load("tests/data/diagram-nested.yaml");
	pm_diagram_plan *p = pm_diagram_plan_new(m);
	pm_diagram_engine *e = pm_diagram_engine_new();
	for (size_t i = 0; i < pm_diagram_plan_count(p); i++) {
		pm_diagram *dg = layout(e, m, p, i), *again = layout(e, m, p, i);
		pm_buf b, b2;
		svg_of(dg, &b);
		svg_of(again, &b2);
		check_svg(m, &p->v[i], &b);
		assert_true(b.len == b2.len && memcmp(b.data, b2.data, b.len) == 0);
		pm_buf_free(&b);
		pm_buf_free(&b2);
		pm_diagram_free(again);
		pm_diagram_free(dg);
	}
	long gi = pm_diagram_plan_find(p, "global_system"), ui = pm_diagram_plan_find(p, "UC-1");
	assert_true(gi >= 0 && ui >= 0);
	pm_diagram *dg = layout(e, m, p, (size_t)gi);
	double hosp[4], vlan[4], bed[4];
	first_box(dg, "Z-HOSP", DG_G_ZONE, hosp);
	first_box(dg, "Z-VLAN", DG_G_ZONE, vlan);
	first_box(dg, "Z-BED", DG_G_ZONE, bed);
	assert_true(hosp[0] < vlan[0] && vlan[0] < bed[0] && bed[2] < vlan[2] && vlan[2] < hosp[2]);
	assert_true(hosp[1] < vlan[1] && vlan[1] < bed[1] && bed[3] < vlan[3] && vlan[3] < hosp[3]);
	double c[4][4];
	const char *ranked[4] = {"C-CLOUD", "C-FW", "C-GW", "C-PUMP"};
	for (int k = 0; k < 4; k++)
		first_box(dg, ranked[k], DG_G_COMPONENT, c[k]);
	for (int k = 1; k < 4; k++)
		assert_true(c[k - 1][3] < c[k][1]); /* rank k - 1 ends above rank k */
	double mon[4];
	first_box(dg, "C-MON", DG_G_COMPONENT, mon);
	assert_true(fabs(mon[1] - c[3][1]) < 0.5);
	assert_int_equal(heads_of(dg, "F-1"), 2);
	assert_int_equal(heads_of(dg, "F-2"), 1);
	assert_non_null(strstr(pm_diagram_alt(dg), "Of its 7 flows, "));
	assert_non_null(strstr(pm_diagram_desc(dg), "from C-PUMP to C-GW and back"));
	pm_diagram_free(dg);
	dg = layout(e, m, p, (size_t)ui);
	assert_non_null(text_of(dg, DG_G_LABEL, "F-1", "The pump sends telemetry"));
	assert_non_null(text_of(dg, DG_G_LABEL, "F-5", "3. F-5"));
	assert_non_null(text_of(dg, DG_G_NOTE, NULL, "2. The gateway checks the message."));
	assert_int_equal(heads_of(dg, "F-1"), 2);
	first_box(dg, "Z-HOSP", DG_G_ZONE, hosp);
	first_box(dg, "Z-BED", DG_G_ZONE, bed);
	assert_true(hosp[0] < bed[0] && bed[2] < hosp[2] && hosp[1] < bed[1]);
	pm_diagram_free(dg);
	pm_diagram_engine_free(e);
	pm_diagram_plan_free(p);
	pm_model_free(m);
}

/* A model of the size `make bench` starts with, with flows: the global
 * view becomes a summary by zone and one diagram per zone, each laid out
 * quickly. */
static void test_large_model(void **state)
{
	(void)state;
	char path[] = "/tmp/pm-diagram-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_non_null(f);
	fputs("device: {name: Big, version: '1', manufacturer: {name: M}, submission_type: 510k, intended_use: x,"
	      " use_environment: y, cyber_device: {software: true, internet_connectable: true,"
	      " vulnerable_characteristics: true, rationale: z}}\nzones:\n",
	      f);
	for (int z = 0; z < 6; z++)
		fprintf(f, "  - {id: Z%d, name: Zone %d, trust: %s}\n", z, z, z % 2 ? "trusted" : "untrusted");
	fputs("components:\n", f);
	for (int c = 0; c < 500; c++)
		fprintf(f, "  - {id: C%d, name: Component %d, kind: %s, zone: Z%d}\n", c, c,
		        c % 7 == 0 ? "cloud_service" : "server", c % 6);
	fputs("flows:\n", f);
	for (int k = 0; k < 700; k++)
		fprintf(f,
		        "  - {id: F%d, name: Flow %d, from: C%d, to: C%d, kind: %s, protocol: HTTPS,"
		        " authentication: mTLS, encryption: TLS 1.3}\n",
		        k, k, (k * 7) % 500, (k * 13 + 1) % 500, k % 9 ? "data" : "code");
	fclose(f);
	pm_model *m = load(path);
	remove(path);
	pm_diagram_plan *p = pm_diagram_plan_new(m);
	assert_int_equal(p->v[0].form, DG_SUMMARY);
	assert_int_equal(p->v[0].ncomps, 500);
	size_t parts = 0;
	for (size_t i = 1; i < p->n && p->v[i].parent == 0; i++) {
		parts++;
		assert_int_equal(p->v[i].form, DG_ZONE);
		assert_true(p->v[i].ncomps <= PM_DG_ZONE_MAX);
		assert_true(p->v[i].hidden_comps > 0);
	}
	assert_int_equal(parts, 6);
	pm_diagram_engine *e = pm_diagram_engine_new();
	/* the summary and one zone (tests/cli/diagram.sh times every view) */
	for (size_t i = 0; i < 2; i++) {
		clock_t t0 = clock();
		pm_diagram *dg = layout(e, m, p, i);
		double s = (double)(clock() - t0) / CLOCKS_PER_SEC;
		pm_buf b;
		svg_of(dg, &b);
		check_svg(m, &p->v[i], &b);
		pm_buf_free(&b);
		pm_diagram_free(dg);
		if (s > 2.0) /* measured: well under a second each on a 2-core machine */
			fail_msg("%s took %.2f s", pm_diagram_plan_id(p, i), s);
	}
	pm_diagram_engine_free(e);
	pm_diagram_plan_free(p);
	pm_model_free(m);
}

static void test_protection(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		int want;
	} cases[] = {
	        {NULL, DG_NOT_STATED},
	        {"  ", DG_NOT_STATED},
	        {"None", DG_NO},
	        {"none (internal link)", DG_NO},
	        {"No", DG_NO},
	        {"N/A", DG_NO},
	        {"Not applicable (local interface)", DG_NO},
	        {"-", DG_NO},
	        {"None on the link; exported logs are encrypted", DG_NO},
	        {"Nonce-based challenge", DG_YES},
	        {"Node certificate", DG_YES},
	        {"TLS 1.3", DG_YES},
	        {"Mutual TLS", DG_YES},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		pm_str s = {cases[i].s, {0, 1, 1}};
		if (pm_dg_protection(s) != cases[i].want)
			fail_msg("\"%s\": %d, want %d", cases[i].s ? cases[i].s : "(null)", pm_dg_protection(s),
			         cases[i].want);
	}
}

static void test_wrap(void **state)
{
	(void)state;
	pm_arena *a = pm_arena_new();
	const char *lines[8];
	int cut;
	size_t n = pm_dg_wrap(a, "Analyzer controller", DG_BOLD, 9, 200, 2, lines, &cut);
	assert_int_equal(n, 1);
	assert_false(cut);
	assert_string_equal(lines[0], "Analyzer controller");
	n = pm_dg_wrap(a, "Laboratory information system and interface engine", DG_BOLD, 9, 132, 2, lines, &cut);
	assert_int_equal(n, 2);
	assert_true(cut);
	assert_non_null(strstr(lines[1], "\xE2\x80\xA6"));
	for (size_t i = 0; i < n; i++)
		assert_true(pm_dg_width(lines[i], strlen(lines[i]), DG_BOLD, 9) <= 132);
	/* a word longer than a line is split, after a '/' or '.' where it can be */
	n = pm_dg_wrap(a, "https://updates.example.com/firmware/images/latest", DG_REGULAR, 7, 90, 4, lines, &cut);
	assert_true(n >= 2);
	assert_false(cut);
	assert_non_null(strchr("/.", lines[0][strlen(lines[0]) - 1]));
	/* cleaning: control characters and runs of blanks become one space */
	assert_string_equal(pm_dg_clean(a, "  a\tb\n\x01 c  "), "a b c");
	/* invalid UTF-8 becomes U+FFFD */
	assert_string_equal(pm_dg_clean(a, "x\xFFy"), "x\xEF\xBF\xBDy");
	/* widths: DejaVu Sans, 1/1000 em */
	assert_true(pm_dg_width("A", 1, DG_REGULAR, 10) > 6.8 && pm_dg_width("A", 1, DG_REGULAR, 10) < 6.9);
	pm_arena_free(a);
}

static void test_dot(void **state)
{
	(void)state;
	pm_model *m = load("examples/lab-analyzer.yaml");
	pm_diagram_plan *p = pm_diagram_plan_new(m);
	pm_buf b;
	pm_buf_init(&b, 0);
	pm_diags d;
	pm_diags_init(&d);
	assert_int_equal(pm_diagram_dot(m, p, 0, &b, &d), 0);
	pm_buf_putc(&b, 0);
	assert_non_null(strstr(b.data, "digraph"));
	assert_non_null(strstr(b.data, "subgraph \"cluster_Z-HOSP\""));
	assert_non_null(strstr(b.data, "label=\"Analyzer controller\\nC-CTRL\""));
	assert_non_null(strstr(b.data, "\"C-WS\" -> \"C-LIS\""));
	pm_buf_free(&b);
	pm_diags_free(&d);
	pm_diagram_plan_free(p);
	pm_model_free(m);
}

/* The PDF draws a diagram it is handed as vectors (tests/cli/diagram.sh
 * looks at the operators and the text); an image it is not handed is a
 * file to read, here missing and reported. */
static void test_pdf_figure(void **state)
{
	(void)state;
	pm_model *m = load("examples/lab-analyzer.yaml");
	pm_diagram_plan *p = pm_diagram_plan_new(m);
	pm_diagram_engine *e = pm_diagram_engine_new();
	pm_diagram *dg = layout(e, m, p, 0);
	static const char md[] = "# Views\n\n![Figure: the global view](diagrams/V-GLOBAL.svg)\n\nText.\n";
	pm_pdf_chapter ch = {"views", "Views", md, sizeof md - 1};
	const char *url = "diagrams/V-GLOBAL.svg";
	const pm_diagram *dgs[1] = {dg};
	pm_pdf_meta meta;
	memset(&meta, 0, sizeof meta);
	meta.device = "Device";
	meta.date = "2026-01-01";
	meta.diagram_urls = &url;
	meta.diagrams = dgs;
	meta.n_diagrams = 1;
	pm_buf out;
	pm_buf_init(&out, 0);
	pm_diags d;
	pm_diags_init(&d);
	assert_int_equal(pm_render_pdf(&meta, &ch, 1, &out, &d), 0);
	assert_int_equal(d.n, 0); /* no "image left out" warning */
	/* without the diagram the image is a file that is not there */
	pm_buf plain;
	pm_buf_init(&plain, 0);
	meta.n_diagrams = 0;
	assert_int_equal(pm_render_pdf(&meta, &ch, 1, &plain, &d), 0);
	assert_int_equal(d.warnings, 1);
	assert_non_null(strstr(d.v[0].msg, "is left out"));
	/* the drawing: paths and the text of 17 components and 20 flows */
	assert_true(out.len > plain.len + 20000);
	pm_buf_free(&plain);
	pm_buf_free(&out);
	pm_diags_free(&d);
	pm_diagram_free(dg);
	pm_diagram_engine_free(e);
	pm_diagram_plan_free(p);
	pm_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_plan_lab_analyzer),
	        cmocka_unit_test(test_plan_derived),
	        cmocka_unit_test(test_examples_svg),
	        cmocka_unit_test(test_metrics_match_cjk_font),
	        cmocka_unit_test(test_hostile_names),
	        cmocka_unit_test(test_nested),
	        cmocka_unit_test(test_html_figure),
	        cmocka_unit_test(test_metrics_match_pdf_fonts),
	        cmocka_unit_test(test_large_model),
	        cmocka_unit_test(test_protection),
	        cmocka_unit_test(test_wrap),
	        cmocka_unit_test(test_dot),
	        cmocka_unit_test(test_pdf_figure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
