/* test_xml.c — submission.xml (docs/xml.md): the committed XSD is the
 * generator's output; every example's XML validates against it; model ->
 * XML -> model -> XML is byte-identical and gives the same register; the
 * reader builds the tree YAML would and locates its errors; hostile XML is
 * refused with a clear error, reads nothing it names, and libxml2 never
 * prints. */
#include "testutil.h"

#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <math.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "xalloc.h"
#include "premarket/load.h"
#include "premarket/render.h"
#include "premarket/schema_xsd.h"
#include "premarket/xml.h"
#include "yamltree.h"

static char tmpdir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/pm-test-xml-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	xmlCleanupParser();
	return system(cmd) == 0 ? 0 : -1;
}

static const char *const examples[] = {
        "examples/lab-analyzer.yaml",
        "examples/insulin-pump.yaml",
        "examples/minimal.yaml",
        "examples/skeleton.yaml",
};
#define N_EXAMPLES (sizeof examples / sizeof examples[0])

/* ---- helpers --------------------------------------------------------------------- */

static const char *tmp_path(const char *name)
{
	static char path[8][512];
	static int k;
	char *p = path[k++ % 8];
	snprintf(p, 512, "%s/%s", tmpdir, name);
	return p;
}

static const char *write_file(const char *name, const char *text, size_t len)
{
	const char *p = tmp_path(name);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
	return p;
}

static const char *write_str(const char *name, const char *text)
{
	return write_file(name, text, strlen(text));
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	pm_buf b;
	pm_buf_init(&b, 0);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		pm_buf_put(&b, chunk, n);
	fclose(f);
	return pm_buf_detach(&b, len);
}

static pm_model *load1(const char *path, pm_diags *d)
{
	pm_model *m = NULL;
	pm_diags_init(d);
	pm_test_load_scored(&path, 1, NULL, &m, d);
	return m;
}

static void print_diags(const pm_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		fprintf(stderr, "  have: %s:%u:%u: %s%s%s\n", d->v[i].file ? d->v[i].file : "", d->v[i].line,
		        d->v[i].col, d->v[i].msg, d->v[i].hint ? " | hint: " : "", d->v[i].hint ? d->v[i].hint : "");
}

static int has_msg(const pm_diags *d, const char *needle, unsigned line, unsigned col)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].msg, needle) && (!line || d->v[i].line == line) && (!col || d->v[i].col == col))
			return 1;
	fprintf(stderr, "  wanted: %u:%u: %s\n", line, col, needle);
	print_diags(d);
	return 0;
}

static char *render_xml(const pm_model *m)
{
	pm_buf b;
	pm_buf_init(&b, 0);
	pm_diags d;
	pm_diags_init(&d);
	int rc = pm_render_xml(m, &b, &d);
	if (rc != 0)
		print_diags(&d);
	assert_int_equal(rc, 0);
	assert_int_equal(d.n, 0);
	pm_diags_free(&d);
	return pm_buf_detach(&b, NULL);
}

static char *render_csv(const pm_model *m)
{
	pm_buf b;
	pm_diags d;
	pm_buf_init(&b, 0);
	pm_diags_init(&d);
	assert_int_equal(pm_render_register(m, PM_REGISTER_CSV, &b, &d), 0);
	pm_diags_free(&d);
	return pm_buf_detach(&b, NULL);
}

/* A copy of s with the first `from` replaced by `to`. */
static char *replace(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	assert_non_null(at);
	pm_buf b;
	pm_buf_init(&b, 0);
	pm_buf_put(&b, s, (size_t)(at - s));
	pm_buf_puts(&b, to);
	pm_buf_puts(&b, at + strlen(from));
	return pm_buf_detach(&b, NULL);
}

/* 1-based line and column (ASCII) of the first `needle` in s. */
static void pos_of(const char *s, const char *needle, unsigned *line, unsigned *col)
{
	const char *at = strstr(s, needle);
	assert_non_null(at);
	*line = 1;
	*col = 1;
	for (const char *p = s; p < at; p++) {
		if (*p == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

/* ---- a small hand-written submission ---------------------------------------------------- */

static const char MINI[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<!-- a hand-written submission -->\n"
        "<submission xmlns=\"urn:premarket:submission:1\" schemaVersion=\"1\">\n"
        "  <model>\n"
        "    <device>\n"
        "      <name>Minimal &amp; Co &#233;</name>\n"
        "      <version>1.0</version>\n"
        "      <manufacturer><name>Example</name></manufacturer>\n"
        "      <submission_type>510k</submission_type>\n"
        "      <intended_use>Measures.</intended_use>\n"
        "      <use_environment>  Home.\n  </use_environment>\n"
        "      <cyber_device>\n"
        "        <software> true </software>\n"
        "        <internet_connectable>false</internet_connectable>\n"
        "        <vulnerable_characteristics>true</vulnerable_characteristics>\n"
        "        <rationale><![CDATA[Firmware <only>]]></rationale>\n"
        "      </cyber_device>\n"
        "    </device>\n"
        "    <assets>\n"
        "      <asset>\n"
        "        <id>A-1</id>\n"
        "        <name>Reading</name>\n"
        "        <kind>data</kind>\n"
        "        <harm><confidentiality>negligible</confidentiality><integrity>minor</integrity>"
        "<availability>negligible</availability></harm>\n"
        "      </asset>\n"
        "    </assets>\n"
        "    <zones><zone><id>Z-1</id><name>Home</name><trust>untrusted</trust></zone></zones>\n"
        "    <components><component><id>C-1</id><name>Thermo</name><kind>device</kind><zone>Z-1</zone>"
        "</component></components>\n"
        "    <threats>\n"
        "      <threat>\n"
        "        <id>T-1</id>\n"
        "        <title>Tamper</title>\n"
        "        <stride>tampering</stride>\n"
        "        <targets><ref>C-1</ref></targets>\n"
        "        <assets>\n"
        "          <ref>A-1</ref>\n"
        "        </assets>\n"
        "        <cvss>CVSS:3.1/AV:P/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:N</cvss>\n"
        "      </threat>\n"
        "    </threats>\n"
        "  </model>\n"
        "  <register><entries><entry><anything>skipped</anything></entry></entries></register>\n"
        "  <check/>\n"
        "</submission>\n";

/* MINI as the XSD wants it: the register is only read by premarket, and
 * the XSD has no one-value shortcut for a list.  Caller frees. */
static char *valid_mini(void)
{
	char *a = replace(MINI, "<stride>tampering</stride>", "<stride><item>tampering</item></stride>");
	char *b = replace(a, "<register><entries><entry><anything>skipped</anything></entry></entries></register>", "");
	free(a);
	return b;
}

/* Load an XML text written to NAME; returns the model or NULL. */
static pm_model *load_xml(const char *name, const char *xml, pm_diags *d)
{
	return load1(write_str(name, xml), d);
}

/* ---- the schema -------------------------------------------------------------------------- */

static void test_xsd_is_current(void **state)
{
	(void)state;
	pm_buf b;
	pm_diags d;
	pm_buf_init(&b, 0);
	pm_diags_init(&d);
	assert_int_equal(pm_schema_xsd(&b, &d), 0);
	pm_diags_free(&d);
	size_t len = 0;
	char *committed = read_all("models/premarket.xsd", &len);
	assert_non_null(committed);
	if (len != b.len || memcmp(committed, b.data, len) != 0) {
		fprintf(stderr, "models/premarket.xsd is stale: regenerate it with "
		                "'premarket schema --format xsd > models/premarket.xsd'\n");
		fail();
	}
	free(committed);
	pm_buf_free(&b);
}

static xmlSchemaPtr load_schema(void)
{
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt("models/premarket.xsd");
	assert_non_null(pc);
	xmlSchemaPtr s = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	assert_non_null(s);
	return s;
}

#if LIBXML_VERSION >= 21200
static void collect_error(void *ctx, const xmlError *e)
#else
static void collect_error(void *ctx, xmlErrorPtr e)
#endif
{
	pm_buf *b = ctx;
	if (b->len < 2000)
		pm_buf_printf(b, "  %d:%d: %s", e->line, e->int2, e->message ? e->message : "?\n");
}

/* 0 when xml is valid against the schema; errors go to *why. */
static int validate(xmlSchemaPtr schema, const char *xml, pm_buf *why)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "submission.xml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	xmlSchemaValidCtxtPtr v = xmlSchemaNewValidCtxt(schema);
	assert_non_null(v);
	xmlSchemaSetValidStructuredErrors(v, collect_error, why);
	int rc = xmlSchemaValidateDoc(v, doc);
	xmlSchemaFreeValidCtxt(v);
	xmlFreeDoc(doc);
	return rc;
}

static void test_examples_validate(void **state)
{
	(void)state;
	xmlSchemaPtr schema = load_schema();
	for (size_t i = 0; i < N_EXAMPLES; i++) {
		pm_diags d;
		pm_model *m = load1(examples[i], &d);
		if (!m)
			print_diags(&d);
		assert_non_null(m);
		char *xml = render_xml(m);
		pm_buf why;
		pm_buf_init(&why, 0);
		int rc = validate(schema, xml, &why);
		if (rc != 0)
			fprintf(stderr, "%s: not valid:\n%s", examples[i], why.data ? why.data : "");
		assert_int_equal(rc, 0);
		pm_buf_free(&why);
		free(xml);
		pm_model_free(m);
		pm_diags_free(&d);
	}
	/* the hand-written one too, and element order inside an object is free (xs:all) */
	pm_buf why;
	pm_buf_init(&why, 0);
	char *mini = valid_mini();
	if (validate(schema, mini, &why) != 0)
		fprintf(stderr, "MINI: not valid:\n%s", why.data ? why.data : "");
	assert_int_equal(validate(schema, mini, &why), 0);
	char *swapped =
	        replace(mini, "<id>T-1</id>\n        <title>Tamper</title>", "<title>Tamper</title><id>T-1</id>");
	assert_int_equal(validate(schema, swapped, &why), 0);
	free(swapped);
	free(mini);
	pm_buf_free(&why);
	xmlSchemaFree(schema);
}

/* The schema refuses what the loader refuses. */
static void test_xsd_is_strict(void **state)
{
	(void)state;
	static const char *const bad[][2] = {
	        {"<title>Tamper</title>", "<title>Tamper</title><colour>red</colour>"}, /* unknown key */
	        {"<trust>untrusted</trust>", "<trust>untrustd</trust>"},                /* enum */
	        {"<id>T-1</id>", "<id>-T1</id>"},                                       /* id pattern */
	        {"<kind>data</kind>", ""},                                              /* required field */
	        {"<targets><ref>C-1</ref></targets>", "<targets/>"},                    /* required list is empty */
	        {"<internet_connectable>false</internet_connectable>",
	         "<internet_connectable>no</internet_connectable>"},
	        {"<cvss>CVSS:3.1/", "<cvss>CVSS:2.0/"},
	        {"<device>", "<device><date>2026-02-30</date>"}, /* not a date */
	        {"schemaVersion=\"1\"", "schemaVersion=\"2\""},
	        {"<model>", "<model><threats/>"}, /* a key twice */
	};
	xmlSchemaPtr schema = load_schema();
	char *mini = valid_mini();
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *xml = replace(mini, bad[i][0], bad[i][1]);
		pm_buf why;
		pm_buf_init(&why, 0);
		if (validate(schema, xml, &why) == 0) {
			fprintf(stderr, "the XSD accepts case %zu (%s)\n", i, bad[i][1]);
			fail();
		}
		pm_buf_free(&why);
		free(xml);
	}
	free(mini);
	xmlSchemaFree(schema);
}

/* ---- round trips -------------------------------------------------------------------------- */

static void test_round_trip_examples(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_EXAMPLES; i++) {
		pm_diags d;
		pm_model *m = load1(examples[i], &d);
		assert_non_null(m);
		char *xml1 = render_xml(m);
		char *csv1 = render_csv(m);
		char name[64];
		snprintf(name, sizeof name, "example-%zu.xml", i);
		pm_diags d2;
		pm_model *m2 = load1(write_str(name, xml1), &d2);
		if (!m2)
			print_diags(&d2);
		assert_non_null(m2);
		assert_int_equal(d2.warnings, d.warnings);
		char *xml2 = render_xml(m2);
		char *csv2 = render_csv(m2);
		if (strcmp(xml1, xml2) != 0)
			fprintf(stderr, "%s: model -> XML -> model -> XML differs\n", examples[i]);
		assert_string_equal(xml1, xml2);
		assert_string_equal(csv1, csv2);
		assert_int_equal(m2->risk.n, m->risk.n);
		assert_int_equal(m2->risk.device.uncontrolled_after, m->risk.device.uncontrolled_after);
		free(xml1);
		free(xml2);
		free(csv1);
		free(csv2);
		pm_model_free(m);
		pm_model_free(m2);
		pm_diags_free(&d);
		pm_diags_free(&d2);
	}
}

/* Strings keep every character; numbers keep their value. */
static void test_round_trip_values(void **state)
{
	(void)state;
	static const char yaml[] =
	        "device:\n"
	        "  name: \"  spaced & <tagged> ]]> \\\"q\\\" 'a' \"\n"
	        "  version: \"1.0\"\n"
	        "  model: \"true\"\n"
	        "  udi_di: \"\"\n"
	        "  manufacturer: {name: \"\xC3\x9Cn\xC3\xAF \xE2\x80\x94 \xE2\x9C\x93 \xF0\x9D\x84\x9E\", address: "
	        "\"a\\r\\nb\\rc\"}\n"
	        "  submission_type: 510k\n"
	        "  intended_use: \"line1\\nline2\\n\\n\\tindented\\n\"\n"
	        "  use_environment: \"null\"\n"
	        "  cyber_device: {software: true, internet_connectable: false, vulnerable_characteristics: true,"
	        " rationale: \"~\", connectivity: [\"\", \" x \", \"#not a comment\"]}\n"
	        "metrics:\n"
	        "  available: false\n"
	        "  vulnerabilities_identified: 1000000000\n"
	        "  percent_patched: 91.7\n"
	        "  mean_days_to_patch: 0.00001\n"
	        "  mean_days_to_deploy: 1e-300\n"
	        "management_plan:\n"
	        "  patch_cycle: {regular_days: 90, critical_days: 0}\n";
	pm_diags d;
	pm_model *m = load1(write_str("values.yaml", yaml), &d);
	if (!m)
		print_diags(&d);
	assert_non_null(m);
	char *xml1 = render_xml(m);
	assert_non_null(strstr(xml1, "<udi_di></udi_di>"));
	assert_non_null(strstr(xml1, "<vulnerabilities_identified>1000000000</vulnerabilities_identified>"));
	assert_non_null(strstr(xml1, "<mean_days_to_patch>0.00001</mean_days_to_patch>"));
	pm_diags d2;
	pm_model *m2 = load1(write_str("values.xml", xml1), &d2);
	if (!m2)
		print_diags(&d2);
	assert_non_null(m2);
	assert_string_equal(m2->device.name.s, m->device.name.s);
	assert_string_equal(m2->device.model.s, "true");
	assert_string_equal(m2->device.udi_di.s, "");
	assert_string_equal(m2->device.manufacturer.name.s, m->device.manufacturer.name.s);
	assert_string_equal(m2->device.manufacturer.address.s, "a\r\nb\rc");
	assert_string_equal(m2->device.intended_use.s, "line1\nline2\n\n\tindented\n");
	assert_string_equal(m2->device.use_environment.s, "null");
	assert_string_equal(m2->device.cyber_device.rationale.s, "~");
	assert_int_equal(m2->device.cyber_device.connectivity.n, 3);
	assert_string_equal(m2->device.cyber_device.connectivity.v[0].s, "");
	assert_string_equal(m2->device.cyber_device.connectivity.v[1].s, " x ");
	assert_true(m2->metrics.available.at.line != 0 && !m2->metrics.available.v);
	assert_true(m2->metrics.vulnerabilities_identified.v == 1e9);
	assert_true(m2->metrics.percent_patched.v == 91.7);
	assert_true(m2->metrics.mean_days_to_patch.v == 0.00001);
	assert_true(m2->metrics.mean_days_to_deploy.v == 1e-300);
	assert_true(m2->management_plan.patch_cycle.critical_days.at.line != 0);
	assert_true(m2->management_plan.patch_cycle.critical_days.v == 0);
	char *xml2 = render_xml(m2);
	assert_string_equal(xml1, xml2);
	free(xml1);
	free(xml2);
	pm_model_free(m);
	pm_model_free(m2);
	pm_diags_free(&d);
	pm_diags_free(&d2);
}

static void test_decimal(void **state)
{
	(void)state;
	static const struct {
		double v;
		const char *want;
	} cases[] = {
	        {0, "0"},
	        {-0.0, "0"},
	        {1, "1"},
	        {-2.5, "-2.5"},
	        {91.7, "91.7"},
	        {0.1, "0.1"},
	        {1e9, "1000000000"},
	        {1e-5, "0.00001"},
	        {123456.789, "123456.789"},
	        {1e21, "1000000000000000000000"},
	        {0.30000000000000004, "0.30000000000000004"},
	};
	char buf[PM_XML_DECIMAL_MAX];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_non_null(pm_xml_decimal(cases[i].v, buf, sizeof buf));
		assert_string_equal(buf, cases[i].want);
	}
	/* extremes read back exactly, without an exponent */
	const double extremes[] = {5e-324, 1.7976931348623157e308, -1e-300, 2.2250738585072014e-308};
	for (size_t i = 0; i < sizeof extremes / sizeof extremes[0]; i++) {
		assert_non_null(pm_xml_decimal(extremes[i], buf, sizeof buf));
		assert_null(strchr(buf, 'e'));
		assert_true(strtod(buf, NULL) == extremes[i]);
	}
	assert_null(pm_xml_decimal(NAN, buf, sizeof buf));
	assert_null(pm_xml_decimal(INFINITY, buf, sizeof buf));
	assert_null(pm_xml_decimal(123456.0, buf, 4));
}

/* A string XML cannot carry is a located render error, and out is untouched. */
static void test_render_refuses_control_chars(void **state)
{
	(void)state;
	size_t len = 0;
	char *ex = read_all(examples[2], &len);
	assert_non_null(ex);
	char *yaml = replace(ex, "title: Reading altered through the service port", "title: \"Reading\\x01altered\"");
	free(ex);
	pm_diags d;
	pm_model *m = load1(write_str("ctl.yaml", yaml), &d);
	assert_non_null(m);
	unsigned line, col;
	pos_of(yaml, "\"Reading\\x01", &line, &col);
	pm_buf out;
	pm_buf_init(&out, 0);
	pm_buf_puts(&out, "kept");
	pm_diags rd;
	pm_diags_init(&rd);
	assert_int_equal(pm_render_xml(m, &out, &rd), -1);
	assert_true(pm_diags_has(&rd, PM_ERR_RENDER));
	assert_true(has_msg(&rd, "'title' cannot be written as XML: it contains U+0001", line, col));
	assert_string_equal(out.data, "kept");
	pm_buf_free(&out);
	pm_diags_free(&rd);
	pm_model_free(m);
	pm_diags_free(&d);
	free(yaml);
}

/* ---- reading ---------------------------------------------------------------------------------- */

static const yt_node *map_get(const yt_doc *doc, const yt_node *map, const char *key)
{
	assert_int_equal(map->type, YT_MAP);
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(yt_child(doc, map, 2 * i)->s, key) == 0)
			return yt_child(doc, map, 2 * i + 1);
	return NULL;
}

/* The tree is the one YAML gives: mappings, lists, scalars, with positions. */
static void test_reader_tree(void **state)
{
	(void)state;
	yt_doc doc;
	pm_arena *a = pm_arena_new();
	yt_limits lim = {64, 1 << 20, 1 << 20, 100};
	pm_diags d;
	pm_diags_init(&d);
	assert_int_equal(yt_parse_xml(&doc, MINI, strlen(MINI), "mini.xml", a, &lim, &d), 0);
	assert_true(doc.has_root);
	const yt_node *root = &doc.nodes[doc.root];
	assert_int_equal(root->type, YT_MAP);
	assert_int_equal(root->n, 5); /* device assets zones components threats; register and check skipped */
	const yt_node *dev = map_get(&doc, root, "device");
	assert_non_null(dev);
	const yt_node *key = yt_child(&doc, root, 0);
	assert_string_equal(key->s, "device");
	unsigned line, col;
	pos_of(MINI, "<device>", &line, &col);
	assert_int_equal(key->line, line);
	assert_int_equal(key->col, col);
	const yt_node *name = map_get(&doc, dev, "name");
	assert_int_equal(name->type, YT_SCALAR);
	assert_string_equal(name->s, "Minimal & Co \xC3\xA9");
	assert_false(name->plain);
	assert_string_equal(map_get(&doc, dev, "use_environment")->s, "  Home.\n  "); /* strings keep white space */
	const yt_node *cyber = map_get(&doc, dev, "cyber_device");
	const yt_node *sw = map_get(&doc, cyber, "software");
	assert_string_equal(sw->s, "true"); /* booleans and numbers are trimmed */
	assert_true(sw->plain);
	pos_of(MINI, "<software> true", &line, &col);
	assert_int_equal(sw->line, line);
	assert_int_equal(sw->col, col + 10); /* the first character after '>' */
	assert_string_equal(map_get(&doc, cyber, "rationale")->s, "Firmware <only>");
	const yt_node *threats = map_get(&doc, root, "threats");
	assert_int_equal(threats->type, YT_SEQ);
	assert_int_equal(threats->n, 1);
	const yt_node *t = yt_child(&doc, threats, 0);
	assert_int_equal(t->type, YT_MAP);
	const yt_node *stride = map_get(&doc, t, "stride");
	assert_int_equal(stride->type, YT_SCALAR); /* one value for a one-item list, as in YAML */
	assert_string_equal(stride->s, "tampering");
	const yt_node *assets = map_get(&doc, t, "assets");
	assert_int_equal(assets->type, YT_SEQ);
	assert_int_equal(assets->n, 1);
	assert_string_equal(yt_child(&doc, assets, 0)->s, "A-1");
	yt_doc_free(&doc);

	/* empty wrappers are empty lists and mappings; unknown keys have an empty value */
	char *xml =
	        replace(MINI, "<title>Tamper</title>", "<title>Tamper</title><controls/><residual/><x><y>1</y></x>");
	assert_int_equal(yt_parse_xml(&doc, xml, strlen(xml), "mini.xml", a, &lim, &d), 0);
	t = yt_child(&doc, map_get(&doc, &doc.nodes[doc.root], "threats"), 0);
	assert_int_equal(map_get(&doc, t, "controls")->type, YT_SEQ);
	assert_int_equal(map_get(&doc, t, "controls")->n, 0);
	assert_int_equal(map_get(&doc, t, "residual")->type, YT_MAP);
	assert_int_equal(map_get(&doc, t, "residual")->n, 0);
	assert_int_equal(map_get(&doc, t, "x")->type, YT_SCALAR);
	assert_int_equal(map_get(&doc, t, "x")->n, 0);
	yt_doc_free(&doc);
	free(xml);

	/* an empty file is an empty document, as in YAML */
	assert_int_equal(yt_parse_xml(&doc, " \n", 2, "empty.xml", a, &lim, &d), 0);
	assert_false(doc.has_root);
	yt_doc_free(&doc);
	assert_int_equal(d.n, 0);
	pm_diags_free(&d);
	pm_arena_free(a);
}

static void test_load_mini(void **state)
{
	(void)state;
	pm_diags d;
	pm_model *m = load_xml("mini.xml", MINI, &d);
	if (!m)
		print_diags(&d);
	assert_non_null(m);
	assert_string_equal(m->device.name.s, "Minimal & Co \xC3\xA9");
	assert_int_equal(m->threats.n, 1);
	assert_int_equal(m->threats.v[0].stride.n, 1);
	assert_int_equal(m->risk.n, 1);
	assert_true(m->policy_is_default);
	unsigned line, col;
	pos_of(MINI, "<threat>", &line, &col);
	assert_int_equal(m->threats.v[0].at.line, line);
	pm_model_free(m);
	pm_diags_free(&d);
}

/* Model errors in XML are the loader's, at the element's line and column. */
static void test_located_errors(void **state)
{
	(void)state;
	char *a = replace(MINI, "<title>Tamper</title>", "<title>Tamper</title><colour>red</colour>");
	char *b = replace(a, "<trust>untrusted</trust>", "<trust>untrustd</trust>");
	char *c = replace(b, "I:L/A:N</cvss>", "I:L/A:X</cvss>");
	char *xml = replace(c, "<software> true </software>", "<software>yes</software>");
	free(a);
	free(b);
	free(c);
	pm_diags d;
	pm_model *m = load_xml("located.xml", xml, &d);
	assert_null(m);
	unsigned line, col;
	pos_of(xml, "<colour>", &line, &col);
	assert_true(has_msg(&d, "unknown key 'colour' in threat", line, col));
	pos_of(xml, "<trust>untrustd", &line, &col);
	assert_true(has_msg(&d, "invalid value \"untrustd\" for 'trust'", line, col + 6));
	pos_of(xml, "A:X</cvss>", &line, &col);
	assert_true(has_msg(&d, "invalid CVSS vector in 'cvss'", line, col + 2));
	pos_of(xml, "<software>yes", &line, &col);
	assert_true(has_msg(&d, "'software' must be true or false, found \"yes\"", line, col + 10));
	assert_int_equal(d.errors, 4);
	pm_diags_free(&d);
	free(xml);

	/* structure the format does not have, or broken XML: one error, located */
	static const struct {
		const char *from, *to, *want, *at;
		int check_col;
	} cases[] = {
	        {"<stride>tampering</stride>", "<stride><value>tampering</value></stride>",
	         "<stride> holds <item> elements, found <value>", "<value>", 1},
	        {"<zones><zone>", "<zones><zon>", "<zones> holds <zone> elements, found <zon>", "<zon>", 1},
	        {"<assets>\n          <ref>", "<assets>\n          x<ref>", "<assets> mixes text with elements",
	         "<assets>\n          x", 1},
	        {"<kind>data</kind>", "<kind id=\"1\">data</kind>", "unexpected attribute 'id' on <kind>", "<kind id",
	         1},
	        {"<kind>data</kind>", "<kind xmlns=\"urn:other\">data</kind>",
	         "<kind> is not in the submission namespace", "<kind xmlns", 1},
	        {"<check/>", "<model/>", "a second <model> element (the first is at line 4)", "<model/>", 1},
	        {"<check/>", "<extra/>", "unexpected element <extra> in <submission>", "<extra/>", 1},
	        {"schemaVersion=\"1\"", "schemaVersion=\"2\"", "schemaVersion \"2\" is not supported", "<submission",
	         1},
	        /* issue 15: attributes after a refused one were read after the parser
	         * had been stopped (and its input freed): a use after free under ASan */
	        {"schemaVersion=\"1\"", "foo=\"1\" bar=\"2\" schemaVersion=\"1\"",
	         "unexpected attribute 'foo' on <submission>", "<submission", 1},
	        {"schemaVersion=\"1\"", "schemaVersion=\"2\" foo=\"1\"", "schemaVersion \"2\" is not supported",
	         "<submission", 1},
	        {"<kind>data</kind>", "<kind a=\"1\" b=\"2\">data</kind>", "unexpected attribute 'a' on <kind>",
	         "<kind a", 1},
	        {"<threats>\n      <threat>", "<threats>\n      <thraet>",
	         "<threats> holds <threat> elements, found <thraet>", "<thraet>", 1},
	        {"<title>Tamper</title>", "<title>Tamper</titel>",
	         "invalid XML: Opening and ending tag mismatch: title", "</titel>", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		xml = replace(MINI, cases[i].from, cases[i].to);
		m = load_xml("structure.xml", xml, &d);
		assert_null(m);
		assert_int_equal(d.errors, 1);
		assert_true(pm_diags_has(&d, PM_ERR_YAML));
		pos_of(xml, cases[i].at, &line, &col);
		assert_true(has_msg(&d, cases[i].want, line, cases[i].check_col ? col : 0));
		pm_diags_free(&d);
		free(xml);
	}

	/* a missing <model> */
	m = load_xml("nomodel.xml", "<submission xmlns=\"urn:premarket:submission:1\"/>", &d);
	assert_null(m);
	assert_true(has_msg(&d, "<submission> has no <model> element", 1, 1));
	pm_diags_free(&d);
}

static void test_limits(void **state)
{
	(void)state;
	pm_load_options opt;
	memset(&opt, 0, sizeof opt);
	opt.max_scalar = 12;
	pm_diags d;
	pm_diags_init(&d);
	pm_model *m = NULL;
	const char *p = write_str("long.xml", MINI);
	assert_int_equal(pm_model_load(&p, 1, &opt, &m, &d), -1);
	unsigned line, col;
	pos_of(MINI, "<name>Minimal", &line, &col);
	assert_true(has_msg(&d, "text of <name> longer than the limit of 12 bytes", line, col));
	pm_diags_free(&d);

	/* a submission.xml has its own size cap (issue 15: the XML of a large
	 * model is far above a YAML file's 64 MiB): a cap of 4000 bytes (the
	 * shipped policy, read through it, has 3.3 KB) and files of 8 KB */
	char pad[8192];
	memset(pad, ' ', sizeof pad - 1);
	pad[sizeof pad - 1] = '\0';
	char *big = pm_xasprintf("%s<!--%s-->\n", MINI, pad);
	const char *bp = write_str("cap.xml", big);
	char *bigy = pm_xasprintf("device: {name: x}\n#%s\n", pad);
	const char *y = write_str("cap.yaml", bigy);
	memset(&opt, 0, sizeof opt);
	opt.max_file_size = 4000;
	pm_diags_init(&d);
	assert_int_equal(pm_model_load(&bp, 1, &opt, &m, &d), 0);
	pm_model_free(m);
	pm_diags_free(&d);
	pm_diags_init(&d);
	assert_int_equal(pm_model_load(&y, 1, &opt, &m, &d), -1);
	assert_non_null(strstr(d.v[0].msg, "larger than the limit of 4000 bytes"));
	pm_diags_free(&d);
	opt.max_xml_file_size = 4000;
	pm_diags_init(&d);
	assert_int_equal(pm_model_load(&bp, 1, &opt, &m, &d), -1);
	assert_true(pm_diags_has(&d, PM_ERR_IO));
	assert_non_null(strstr(d.v[0].msg, "larger than the limit of 4000 bytes"));
	pm_diags_free(&d);
	free(big);
	free(bigy);

	memset(&opt, 0, sizeof opt);
	opt.max_depth = 3;
	pm_diags_init(&d);
	assert_int_equal(pm_model_load(&p, 1, &opt, &m, &d), -1);
	pos_of(MINI, "<confidentiality>", &line, &col); /* submission model assets asset harm: 5 */
	assert_true(has_msg(&d, "nesting deeper than 3 levels", line, col));
	pm_diags_free(&d);
}

/* ---- hostile input ------------------------------------------------------------------------------ */

static int contains(const char *hay, const char *needle)
{
	return hay && strstr(hay, needle) != NULL;
}

static void test_hostile(void **state)
{
	(void)state;
	/* a file an external entity would read: its content must appear nowhere */
	const char *marker_path = write_str("secret.txt", "PM-MARKER-7f3a9c\n");
	char xxe_file[1024], xxe_param[1024], xinclude[1024];
	snprintf(xxe_file, sizeof xxe_file,
	         "<?xml version=\"1.0\"?>\n<!DOCTYPE submission [<!ENTITY x SYSTEM \"file://%s\">]>\n"
	         "<submission "
	         "xmlns=\"urn:premarket:submission:1\"><model><device><name>&x;</name></device></model></submission>\n",
	         marker_path);
	snprintf(xxe_param, sizeof xxe_param,
	         "<!DOCTYPE submission [<!ENTITY %% p SYSTEM \"%s\"> %%p;]>\n"
	         "<submission xmlns=\"urn:premarket:submission:1\"><model/></submission>\n",
	         marker_path);
	snprintf(xinclude, sizeof xinclude,
	         "<submission xmlns=\"urn:premarket:submission:1\" xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
	         "<model><xi:include href=\"%s\" parse=\"text\"/></model></submission>\n",
	         marker_path);
	static const char laughs[] =
	        "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
	        " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
	        " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
	        " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
	        " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
	        " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
	        " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
	        " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
	        " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
	        " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
	        "]>\n<submission "
	        "xmlns=\"urn:premarket:submission:1\"><model><device><name>&lol9;</name></device></model></"
	        "submission>\n";
	static const char dtd_http[] = "<!DOCTYPE submission SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n"
	                               "<submission xmlns=\"urn:premarket:submission:1\"><model/></submission>\n";
	static const char undeclared[] = "<submission "
	                                 "xmlns=\"urn:premarket:submission:1\"><model><device><name>&xxe;</name></"
	                                 "device></model></submission>\n";
	static const char wrong_ns[] = "<submission xmlns=\"urn:premarket:submission:2\"><model/></submission>\n";
	static const char no_ns[] = "<submission><model/></submission>\n";
	static const char wrong_root[] = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n";
	static const char bad_utf8[] =
	        "<submission xmlns=\"urn:premarket:submission:1\"><model>\xE4</model></submission>\n";
	static const char pi[] = "<?xml-stylesheet href=\"http://127.0.0.1:9/x.xsl\"?>\n"
	                         "<submission xmlns=\"urn:premarket:submission:1\"><model/></submission>\n";

	/* 100,000 nested elements */
	pm_buf deep;
	pm_buf_init(&deep, 0);
	pm_buf_puts(&deep, "<submission xmlns=\"urn:premarket:submission:1\"><model>");
	for (int i = 0; i < 100000; i++)
		pm_buf_puts(&deep, "<a>");
	for (int i = 0; i < 100000; i++)
		pm_buf_puts(&deep, "</a>");
	pm_buf_puts(&deep, "</model></submission>\n");

	const struct {
		const char *name, *xml, *want, *hint;
		unsigned line;
	} cases[] = {
	        {"xxe-file.xml", xxe_file, "DTDs are not allowed", "nothing is loaded", 2},
	        {"xxe-param.xml", xxe_param, "DTDs are not allowed", NULL, 1},
	        {"laughs.xml", laughs, "DTDs are not allowed", NULL, 2},
	        {"dtd-http.xml", dtd_http, "DTDs are not allowed", NULL, 1},
	        {"xinclude.xml", xinclude, "<include> is not in the submission namespace", NULL, 1},
	        {"undeclared.xml", undeclared, "invalid XML: Entity 'xxe' not defined", "only &amp; &lt;", 1},
	        {"wrong-ns.xml", wrong_ns,
	         "wrong XML namespace: expected \"urn:premarket:submission:1\", found "
	         "\"urn:premarket:submission:2\"",
	         "schema version 2; this premarket reads version 1", 1},
	        {"no-ns.xml", no_ns, "wrong XML namespace: expected \"urn:premarket:submission:1\", found none",
	         "<submission xmlns=", 1},
	        {"wrong-root.xml", wrong_root, "the root element is <svg>", NULL, 1},
	        {"bad-utf8.xml", bad_utf8, "invalid XML: Input is not proper UTF-8", NULL, 1},
	        {"deep.xml", deep.data, "nesting deeper than 64 levels", NULL, 1},
	        {"pi.xml", pi, "device", NULL, 0}, /* harmless: read, nothing fetched; the model lacks a device */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		pm_diags d;
		clock_t t0 = clock();
		pm_model *m = load_xml(cases[i].name, cases[i].xml, &d);
		double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
		/* CPU time, and only a bound on a runaway expansion: see pm_test_timeout_scale */
		if (secs > 5 * pm_test_timeout_scale())
			fprintf(stderr, "%s took %.1f s of CPU\n", cases[i].name, secs);
		assert_true(secs < 5 * pm_test_timeout_scale());
		assert_null(m);
		assert_true(has_msg(&d, cases[i].want, cases[i].line, 0));
		for (size_t k = 0; k < d.n; k++) {
			assert_false(contains(d.v[k].msg, "PM-MARKER"));
			assert_false(contains(d.v[k].hint, "PM-MARKER"));
			if (cases[i].hint && strstr(d.v[k].msg, cases[i].want)) {
				if (!contains(d.v[k].hint, cases[i].hint))
					print_diags(&d);
				assert_true(contains(d.v[k].hint, cases[i].hint));
			}
		}
		pm_diags_free(&d);
	}
	pm_buf_free(&deep);
}

/* libxml2 never writes to stderr: every message becomes a diagnostic. */
static void test_no_stderr(void **state)
{
	(void)state;
	static const char *const inputs[] = {
	        "<submission xmlns=\"urn:premarket:submission:1\"><model></modl></submission>",
	        "<?xml version=\"1.0\" encoding=\"no-such-encoding\"?><submission/>",
	        "<submission xmlns=\"urn:premarket:submission:1\"><p:model/></submission>",
	        "<submission xmlns=\"urn:premarket:submission:1\"><model>\xFF\xFE</model></submission>",
	        "<submission xmlns=\"urn:premarket:submission:1\" xmlns:a=\"relative\"><model/></submission>",
	        "<submission xmlns=\"urn:premarket:submission:1\"><model>&#0;</model></submission>",
	};
	const char *errpath = tmp_path("stderr.txt");
	fflush(stderr);
	int saved = dup(2);
	int fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, 2);
	close(fd);
	size_t errors = 0;
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		yt_doc doc;
		pm_arena *a = pm_arena_new();
		yt_limits lim = {64, 1 << 20, 1 << 20, 100};
		pm_diags d;
		pm_diags_init(&d);
		if (yt_parse_xml(&doc, inputs[i], strlen(inputs[i]), "x.xml", a, &lim, &d) < 0)
			errors++;
		else
			yt_doc_free(&doc);
		pm_diags_free(&d);
		pm_arena_free(a);
	}
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	struct stat st;
	assert_int_equal(stat(errpath, &st), 0);
	if (st.st_size) {
		size_t n;
		char *text = read_all(errpath, &n);
		fprintf(stderr, "libxml2 printed:\n%s\n", text);
		free(text);
	}
	assert_int_equal(st.st_size, 0);
	assert_true(errors >= 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_xsd_is_current),
	        cmocka_unit_test(test_examples_validate),
	        cmocka_unit_test(test_xsd_is_strict),
	        cmocka_unit_test(test_round_trip_examples),
	        cmocka_unit_test(test_round_trip_values),
	        cmocka_unit_test(test_decimal),
	        cmocka_unit_test(test_render_refuses_control_chars),
	        cmocka_unit_test(test_reader_tree),
	        cmocka_unit_test(test_load_mini),
	        cmocka_unit_test(test_located_errors),
	        cmocka_unit_test(test_limits),
	        cmocka_unit_test(test_hostile),
	        cmocka_unit_test(test_no_stderr),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
