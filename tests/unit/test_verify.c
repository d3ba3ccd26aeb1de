/* test_verify.c — pm_verify_output() (gen/build_verify.c): the outputs of
 * the examples pass (submission.xml, sbom.cdx.json, the SARIF report), and
 * an output broken in one place is refused with one located
 * PM_ERR_RENDER diagnostic that names the problem. */
#include "testutil.h"

#include "premarket/check.h"
#include "premarket/sbom_model.h"
#include "premarket/verify.h"
#include "premarket/xml.h"
#include "xalloc.h"

/* The three outputs of examples/NAME.yaml. */
static void outputs(const char *name, pm_buf *xml, pm_buf *cdx, pm_buf *sarif)
{
	char path[256];
	snprintf(path, sizeof path, "examples/%s.yaml", name);
	const char *p = path;
	pm_diags d;
	pm_diags_init(&d);
	pm_model *m = NULL;
	assert_int_equal(pm_test_load_scored(&p, 1, NULL, &m, &d), 0);
	pm_check_options co = {-1};
	pm_check_report rep;
	assert_int_equal(pm_check_run(m, &co, &rep, &d), 0);
	pm_buf_init(xml, 0);
	pm_buf_init(cdx, 0);
	pm_buf_init(sarif, 0);
	assert_int_equal(pm_render_xml_check(m, &rep, xml, &d), 0);
	assert_int_equal(pm_sbom_export_model(m, "2026-01-01", "test", cdx, &d), 0);
	pm_check_render_options ro = {"0", "https://example.org", "docs/check.md", 1};
	assert_int_equal(pm_check_render(&rep, PM_CHECK_SARIF, &ro, sarif, &d), 0);
	pm_check_report_free(&rep);
	pm_model_free(m);
	pm_diags_free(&d);
}

/* s with the first `from` replaced by `to` (the caller frees it). */
static char *edit(const pm_buf *b, const char *from, const char *to)
{
	const char *at = strstr(b->data, from);
	assert_non_null(at);
	return pm_xasprintf("%.*s%s%s", (int)(at - b->data), b->data, to, at + strlen(from));
}

/* name with data refused, with a message containing want */
static void refused(const char *name, const char *data, const char *want)
{
	pm_diags d;
	pm_diags_init(&d);
	if (pm_verify_output(name, data, strlen(data), &d) != -1)
		fail_msg("%s accepted, wanted \"%s\"", name, want);
	assert_int_equal(d.errors, 1);
	assert_true(pm_diags_has(&d, PM_ERR_RENDER));
	if (!strstr(d.v[0].msg, want))
		fail_msg("%s: \"%s\" does not say \"%s\"", name, d.v[0].msg, want);
	assert_string_equal(d.v[0].file, name);
	if (d.v[0].line == 0)
		fail_msg("%s: \"%s\" has no line", name, d.v[0].msg);
	assert_non_null(d.v[0].hint);
	pm_diags_free(&d);
}

/* b with one edit (edit()) refused as name, saying want */
static void refused_edit(const pm_buf *b, const char *name, const char *from, const char *to, const char *want)
{
	char *s = edit(b, from, to);
	refused(name, s, want);
	free(s);
}

static void accepted(const char *name, const pm_buf *b)
{
	pm_diags d;
	pm_diags_init(&d);
	if (pm_verify_output(name, b->data, b->len, &d) != 0)
		fail_msg("%s refused: %s:%u:%u: %s", name, d.v[0].file, d.v[0].line, d.v[0].col, d.v[0].msg);
	assert_int_equal(d.n, 0);
	pm_diags_free(&d);
}

static void test_examples_pass(void **state)
{
	(void)state;
	static const char *const names[] = {"minimal", "insulin-pump", "lab-analyzer", "skeleton"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		pm_buf xml, cdx, sarif;
		outputs(names[i], &xml, &cdx, &sarif);
		accepted("submission.xml", &xml);
		accepted("sbom.cdx.json", &cdx);
		accepted("check.sarif", &sarif);
		pm_buf_free(&xml);
		pm_buf_free(&cdx);
		pm_buf_free(&sarif);
	}
}

static void test_broken_refused(void **state)
{
	(void)state;
	pm_buf xml, cdx, sarif;
	outputs("insulin-pump", &xml, &cdx, &sarif);
	/* submission.xml: an element the schema does not have, a required one missing */
	refused_edit(&xml, "submission.xml", "<model>", "<model><colour>red</colour>",
	             "not valid against models/premarket.xsd");
	refused_edit(&xml, "submission.xml", "<name>", "<nom>", "premarket.xsd");
	refused("submission.xml", "<submission", "premarket.xsd");

	/* CycloneDX */
	refused_edit(&cdx, "sbom.cdx.json", "\"CycloneDX\"", "\"SPDX\"", "bomFormat is \"SPDX\"");
	refused_edit(&cdx, "sbom.cdx.json", "\"specVersion\"", "\"specVersio\"", "no \"specVersion\"");
	refused_edit(&cdx, "sbom.cdx.json", "\"type\": \"", "\"type\": \"x",
	             "is not a CycloneDX component type"); /* in metadata.tools */
	refused_edit(&cdx, "sbom.cdx.json", "\"type\": \"firmware\"", "\"type\": \"firmwar\"",
	             "components[0]: \"firmwar\" is not a CycloneDX component type");
	refused_edit(&cdx, "sbom.cdx.json", "\"alg\": \"SHA-256\"", "\"alg\": \"SHA256\"",
	             "is not a CycloneDX hash algorithm");
	refused_edit(&cdx, "sbom.cdx.json", "\"name\": ", "\"nam\": ", "no \"name\"");
	refused_edit(&cdx, "sbom.cdx.json", "\"dependsOn\": [ \"", "\"dependsOn\": [ \"nowhere-",
	             "names no bom-ref of the document");
	refused_edit(&cdx, "sbom.cdx.json", "\"version\": 1", "\"version\": \"1\"", "\"version\" is not an integer");
	refused("sbom.cdx.json", "[1, 2]", "not a JSON object");

	pm_buf_free(&xml);
	pm_buf_free(&cdx);
	pm_buf_free(&sarif);
	outputs("minimal", &xml, &cdx, &sarif); /* it has results */

	/* SARIF */
	refused_edit(&sarif, "check.sarif", "\"2.1.0\"", "\"2.0.0\"", "version is \"2.0.0\"");
	refused_edit(&sarif, "check.sarif", "\"ruleId\"", "\"rule\"", "no \"ruleId\"");
	refused_edit(&sarif, "check.sarif", "\"level\": \"warning\",", "\"level\": \"warn\",",
	             "results[0]: level \"warn\" is not a SARIF level");
	refused_edit(&sarif, "check.sarif", "{\"level\": \"error\"}", "{\"level\": \"fatal\"}",
	             "level \"fatal\" is not a SARIF level");
	refused_edit(&sarif, "check.sarif", "\"startLine\": ", "\"startLine\": -",
	             "region.startLine is not an integer of at least 1");
	refused_edit(&sarif, "check.sarif", "\"message\": {\"text\"", "\"message\": {\"txt\"", "no \"text\"");
	refused_edit(&sarif, "check.sarif", "\"driver\"", "\"drive\"", "no \"driver\" object");

	/* other names are not checked */
	pm_diags d;
	pm_diags_init(&d);
	assert_int_equal(pm_verify_output("threat-model.md", "<", 1, &d), 0);
	assert_int_equal(d.n, 0);
	pm_buf_free(&xml);
	pm_buf_free(&cdx);
	pm_buf_free(&sarif);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_examples_pass),
	        cmocka_unit_test(test_broken_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
