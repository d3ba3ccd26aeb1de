/* test_load.c — unit tests of the loader stages: encoding, tree limits,
 * schema filling, ids and references, includes, policy, diagnostics. */
#include "testutil.h"

#include <unistd.h>

#include "date.h"
#include "load_internal.h"
#include "premarket/load.h"
#include "suggest.h"
#include "yamltree.h"

static char tmpdir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/pm-test-load-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static const char *write_file(const char *name, const char *text)
{
	static char path[8][512];
	static int k;
	char *p = path[k++ % 8];
	snprintf(p, 512, "%s/%s", tmpdir, name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return p;
}

static const char DEVICE[] = "device:\n"
                             "  name: Test Device\n"
                             "  version: '1.0'\n"
                             "  manufacturer: {name: Maker}\n"
                             "  submission_type: 510k\n"
                             "  intended_use: testing\n"
                             "  use_environment: lab\n"
                             "  cyber_device: {software: true, internet_connectable: true, vulnerable_characteristics: "
                             "true, rationale: r}\n";

static const char ARCH[] = "zones:\n"
                           "  - {id: Z1, name: Zone, trust: untrusted}\n"
                           "components:\n"
                           "  - id: C1\n"
                           "    name: Box\n"
                           "    kind: device\n"
                           "    zone: Z1\n"
                           "    interfaces:\n"
                           "      - {id: IF1, kind: usb, status: used}\n"
                           "assets:\n"
                           "  - {id: A1, name: Data, kind: data, harm: {confidentiality: minor, integrity: critical, "
                           "availability: serious}}\n"
                           "threats:\n"
                           "  - id: T1\n"
                           "    title: Tamper\n"
                           "    stride: tampering\n"
                           "    targets: [IF1]\n"
                           "    assets: [A1]\n"
                           "    cvss: CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N\n";

static pm_model *load1(const char *path, pm_diags *d)
{
	pm_model *m = NULL;
	pm_diags_init(d);
	pm_model_load(&path, 1, NULL, &m, d);
	return m;
}

static int has_msg(const pm_diags *d, const char *needle, unsigned line, unsigned col)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].msg, needle) && (!line || d->v[i].line == line) && (!col || d->v[i].col == col))
			return 1;
	for (size_t i = 0; i < d->n; i++)
		fprintf(stderr, "  have: %u:%u: %s\n", d->v[i].line, d->v[i].col, d->v[i].msg);
	return 0;
}

static void test_minimal_model_resolves(void **state)
{
	(void)state;
	char text[4096];
	snprintf(text, sizeof text, "%s%s", DEVICE, ARCH);
	pm_diags d;
	pm_model *m = load1(write_file("ok.yaml", text), &d);
	assert_non_null(m);
	assert_int_equal(d.errors, 0);
	assert_string_equal(m->device.name.s, "Test Device");
	assert_int_equal(m->device.submission_type.v, PM_SUB_510K);
	assert_int_equal(m->threats.n, 1);
	const pm_threat *t = &m->threats.v[0];
	assert_int_equal(t->at.line, 21);
	assert_int_equal(t->at.col, 5);
	assert_int_equal(t->stride.n, 1);
	assert_int_equal(t->stride.v[0], PM_STRIDE_T);
	assert_int_equal(t->targets.v[0].kind, PM_K_INTERFACE);
	const pm_interface *itf = pm_model_obj(m, PM_K_INTERFACE, t->targets.v[0].idx);
	assert_string_equal(itf->id.s, "IF1");
	assert_int_equal(itf->component, 0);
	assert_int_equal(t->assets.v[0].kind, PM_K_ASSET);
	assert_int_equal(m->components.v[0].zone.idx, 0);
	assert_int_equal(m->assets.v[0].harm.integrity.v, PM_HARM_CRITICAL);
	assert_true(m->policy_is_default);
	assert_int_equal(m->risk_policy.exploitability_levels.n, 5);
	assert_int_equal(m->risk_policy.matrix.n, 5);
	assert_int_equal(m->n_objs[PM_K_THREAT], 1);
	/* the loader does not score: the register is empty until pm_risk_compute() */
	assert_null(m->risk.v);
	assert_int_equal(m->risk.n, 0);
	assert_int_equal(pm_risk_compute(m, &d), 0);
	assert_int_equal(m->risk.n, 1);
	pm_model_free(m);
	pm_diags_free(&d);
}

static void test_errors_are_all_reported_and_located(void **state)
{
	(void)state;
	char text[4096];
	snprintf(text, sizeof text, "%s%s", DEVICE,
	         "assets:\n"
	         "  - {id: A1, name: x, kind: dat, harm: {confidentiality: minor, integrity: minor, availability: "
	         "minor}}\n"
	         "  - {id: A1, name: y, kind: data, harm: {confidentiality: minor, integrity: minor, availability: "
	         "minor}}\n"
	         "threats:\n"
	         "  - {id: T1, titel: x, stride: [tampering], targets: [A1], assets: [A9], exploitability: high}\n");
	pm_diags d;
	pm_model *m = load1(write_file("bad.yaml", text), &d);
	assert_null(m);
	assert_true(has_msg(&d, "invalid value \"dat\" for 'kind'", 10, 29));
	assert_true(has_msg(&d, "duplicate id \"A1\": already defined at", 11, 10));
	assert_true(has_msg(&d, "unknown key 'titel' in threat", 13, 14));
	assert_true(has_msg(
	        &d, "must name a zone, component, interface, flow or sbom component, but \"A1\" is an asset", 13, 55));
	assert_true(has_msg(&d, "unknown asset \"A9\"", 13, 69));
	assert_true(has_msg(&d, "missing required field 'title'", 13, 5));
	assert_true(d.errors >= 6);
	/* sorted by line then column */
	for (size_t i = 1; i < d.n; i++)
		assert_true(d.v[i - 1].line < d.v[i].line ||
		            (d.v[i - 1].line == d.v[i].line && d.v[i - 1].col <= d.v[i].col));
	pm_diags_free(&d);
}

static void test_hints(void **state)
{
	(void)state;
	char text[4096];
	snprintf(text, sizeof text, "%s%s", DEVICE,
	         "assets:\n  - {id: A1, name: x, kind: data, harm: {confidentiality: minr, integrity: minor, "
	         "availability: minor}}\n");
	pm_diags d;
	pm_model *m = load1(write_file("hint.yaml", text), &d);
	assert_null(m);
	assert_int_equal(d.errors, 1);
	size_t e = 0;
	while (e < d.n && d.v[e].sev != PM_ERROR)
		e++;
	assert_true(e < d.n);
	assert_non_null(d.v[e].hint);
	assert_string_equal(d.v[e].hint, "did you mean \"minor\"?");
	pm_diags_free(&d);
}

static void test_include_and_several_files(void **state)
{
	(void)state;
	write_file("arch.yaml", ARCH);
	char text[4096];
	snprintf(text, sizeof text, "%sinclude: [arch.yaml]\n", DEVICE);
	const char *paths[2];
	paths[0] = write_file("main.yaml", text);
	pm_diags d;
	pm_model *m = load1(paths[0], &d);
	assert_non_null(m);
	assert_int_equal(m->threats.n, 1);
	assert_int_equal(m->n_files, 3); /* main, arch, default policy */
	pm_model_free(m);
	pm_diags_free(&d);

	/* the same split, as two arguments */
	paths[0] = write_file("dev.yaml", DEVICE);
	paths[1] = write_file("arch2.yaml", ARCH);
	pm_diags_init(&d);
	m = NULL;
	assert_int_equal(pm_model_load(paths, 2, NULL, &m, &d), 0);
	assert_int_equal(m->components.n, 1);
	pm_model_free(m);
	pm_diags_free(&d);
}

static void test_include_cycle(void **state)
{
	(void)state;
	write_file("b.yaml", "include: [a.yaml]\n");
	char text[4096];
	snprintf(text, sizeof text, "%sinclude: [b.yaml]\n", DEVICE);
	pm_diags d;
	pm_model *m = load1(write_file("a.yaml", text), &d);
	assert_null(m);
	assert_true(has_msg(&d, "include cycle:", 1, 11));
	pm_diags_free(&d);
}

static void test_section_once(void **state)
{
	(void)state;
	const char *paths[2] = {write_file("d1.yaml", DEVICE), write_file("d2.yaml", DEVICE)};
	pm_diags d;
	pm_diags_init(&d);
	pm_model *m = NULL;
	assert_int_equal(pm_model_load(paths, 2, NULL, &m, &d), -1);
	assert_true(has_msg(&d, "section 'device' is already defined at", 1, 1));
	pm_diags_free(&d);
}

static void test_encoding_locations(void **state)
{
	(void)state;
	pm_diags d;
	pm_diags_init(&d);
	assert_int_equal(yt_check_encoding("ab\ncd\xffx", 7, "f", &d), -1);
	assert_int_equal(d.v[0].line, 2);
	assert_int_equal(d.v[0].col, 3);
	pm_diags_free(&d);
	pm_diags_init(&d);
	assert_int_equal(yt_check_encoding("a: \xc3\xa9\n\nb\0", 9, "f", &d), -1);
	assert_int_equal(d.v[0].line, 3);
	assert_int_equal(d.v[0].col, 2);
	assert_non_null(strstr(d.v[0].msg, "NUL"));
	pm_diags_free(&d);
	pm_diags_init(&d);
	assert_int_equal(yt_check_encoding("\xed\xa0\x80", 3, "f", &d), -1); /* surrogate */
	assert_int_equal(yt_check_encoding("\xc0\xaf", 2, "f", &d), -1);     /* overlong */
	const char *good = "M\xc3\xbcller \xce\xb1\xce\xb2 \xd0\x96";
	assert_int_equal(yt_check_encoding(good, strlen(good), "f", &d), 0);
	pm_diags_free(&d);
}

static void test_tree_limits(void **state)
{
	(void)state;
	pm_arena *a = pm_arena_new();
	yt_limits lim = {8, 16, 1000, 10};
	yt_doc doc;
	pm_diags d;
	pm_diags_init(&d);
	assert_int_equal(yt_parse(&doc, "[[[[[[[[[1]]]]]]]]]", 19, "f", a, &lim, &d), -1);
	assert_non_null(strstr(d.v[0].msg, "nesting deeper than 8"));
	assert_int_equal(yt_parse(&doc, "a: 01234567890123456789", 23, "f", a, &lim, &d), -1);
	assert_non_null(strstr(d.v[1].msg, "scalar longer"));
	const char *rec = "a: &x [*x]";
	assert_int_equal(yt_parse(&doc, rec, strlen(rec), "f", a, &lim, &d), -1);
	assert_non_null(strstr(d.v[2].msg, "recursive"));
	const char *bomb = "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: "
	                   "[*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n";
	lim.max_aliases = 1000;
	assert_int_equal(yt_parse(&doc, bomb, strlen(bomb), "f", a, &lim, &d), -1);
	assert_non_null(strstr(d.v[3].msg, "alias bomb"));
	const char *ok = "a: &a [x, y]\nb: *a\n";
	assert_int_equal(yt_parse(&doc, ok, strlen(ok), "f", a, &lim, &d), 0);
	assert_int_equal(doc.nodes[doc.root].n, 2);
	/* b's value is the same node as a's */
	const yt_node *root = &doc.nodes[doc.root];
	assert_ptr_equal(yt_child(&doc, root, 1), yt_child(&doc, root, 3));
	yt_doc_free(&doc);
	pm_diags_free(&d);
	pm_arena_free(a);
}

static void test_dates(void **state)
{
	(void)state;
	assert_true(pm_date_valid("2024-02-29"));
	assert_false(pm_date_valid("2023-02-29"));
	assert_true(pm_date_valid("2000-02-29"));
	assert_false(pm_date_valid("1900-02-29"));
	assert_false(pm_date_valid("2024-13-01"));
	assert_false(pm_date_valid("2024-04-31"));
	assert_false(pm_date_valid("2024-4-03"));
	assert_false(pm_date_valid("2024-04-03x"));
	assert_false(pm_date_valid("24-04-2024"));
}

/* The loader keeps per-field state in arrays of PM_SCHEMA_MAX_FIELDS: no
 * object type may outgrow them. */
static void test_schema_field_bound(void **state)
{
	(void)state;
	size_t n;
	const pm_schema **all = pm_schema_all(&pm_schema_model, &n);
	assert_true(n > 10);
	for (size_t i = 0; i < n; i++)
		if (all[i]->n_fields > PM_SCHEMA_MAX_FIELDS)
			fail_msg("%s has %zu fields, more than PM_SCHEMA_MAX_FIELDS", all[i]->name, all[i]->n_fields);
	free(all);
}

/* A scalar where an object goes: the hint shows the object's keys. */
static void test_mapping_hint(void **state)
{
	(void)state;
	pm_diags d;
	pm_model *m = load1(write_file("scalar-asset.yaml", "assets: [A-1]\n"), &d);
	assert_null(m);
	int found = 0;
	for (size_t i = 0; i < d.n; i++)
		if (strstr(d.v[i].msg, "asset must be a mapping") && d.v[i].hint &&
		    strstr(d.v[i].hint, "write asset as a mapping: {id: ..., name: ..."))
			found = 1;
	assert_true(found);
	pm_diags_free(&d);
}

static void test_suggest(void **state)
{
	(void)state;
	const char *keys[] = {"title", "description", "stride", "targets", "assets"};
	assert_string_equal(pm_suggest("titel", keys, 5), "title");
	assert_string_equal(pm_suggest("Assets", keys, 5), "assets");
	assert_string_equal(pm_suggest("desciption", keys, 5), "description");
	assert_null(pm_suggest("zzzzzz", keys, 5));
	assert_int_equal(pm_edit_distance("kitten", "sitting", 10), 3);
	assert_true(pm_edit_distance("kitten", "sitting", 1) > 1);
}

static void test_error_cap(void **state)
{
	(void)state;
	pm_diags d;
	pm_diags_init(&d);
	d.max_errors = 3;
	for (int i = 0; i < 10; i++)
		pm_diag_add(&d, PM_ERROR, PM_ERR_SCHEMA, "f", (unsigned)i + 1, 1, "e%d", i);
	assert_int_equal(d.n, 3);
	assert_int_equal(d.errors, 10);
	assert_int_equal(d.dropped, 7);
	assert_true(pm_diags_has(&d, PM_ERR_SCHEMA));
	assert_false(pm_diags_has(&d, PM_ERR_IO));
	pm_diags_free(&d);
}

static void test_missing_file_is_io(void **state)
{
	(void)state;
	pm_diags d;
	pm_model *m = load1("/nonexistent/premarket.yaml", &d);
	assert_null(m);
	assert_true(pm_diags_has(&d, PM_ERR_IO));
	pm_diags_free(&d);
	m = load1("/", &d);
	assert_null(m);
	assert_true(has_msg(&d, "not a regular file", 0, 0));
	pm_diags_free(&d);
}

static void test_policy_override_checked(void **state)
{
	(void)state;
	char text[8192];
	snprintf(text, sizeof text, "%s%s", DEVICE,
	         "risk_policy:\n"
	         "  exploitability_levels: [{id: l1, name: a}, {id: l2, name: b}, {id: l3, name: c}, {id: l4, name: "
	         "d}, {id: l5, name: e}]\n"
	         "  severity_levels: [{id: negligible, name: a}, {id: minor, name: b}, {id: serious, name: c}, {id: "
	         "critical, name: d}, {id: catastrophic, name: e}]\n"
	         "  risk_levels: [{id: ok, name: OK, acceptable: true}, {id: bad, name: Bad, acceptable: false}]\n"
	         "  matrix:\n"
	         "    - {exploitability: l1, cells: [ok, ok, ok, ok, ok]}\n"
	         "    - {exploitability: l2, cells: [ok, ok, ok, ok, bad]}\n"
	         "    - {exploitability: l3, cells: [ok, ok, ok, bad, ok]}\n"
	         "    - {exploitability: l4, cells: [ok, ok, bad, bad, bad]}\n"
	         "    - {exploitability: l5, cells: [ok, bad, bad, bad]}\n");
	pm_diags d;
	pm_model *m = load1(write_file("policy.yaml", text), &d);
	assert_null(m);
	assert_true(has_msg(&d, "matrix row \"l5\" has 4 cells", 0, 0));
	pm_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_minimal_model_resolves),
	        cmocka_unit_test(test_errors_are_all_reported_and_located),
	        cmocka_unit_test(test_hints),
	        cmocka_unit_test(test_include_and_several_files),
	        cmocka_unit_test(test_include_cycle),
	        cmocka_unit_test(test_section_once),
	        cmocka_unit_test(test_encoding_locations),
	        cmocka_unit_test(test_tree_limits),
	        cmocka_unit_test(test_dates),
	        cmocka_unit_test(test_schema_field_bound),
	        cmocka_unit_test(test_mapping_hint),
	        cmocka_unit_test(test_suggest),
	        cmocka_unit_test(test_error_cap),
	        cmocka_unit_test(test_missing_file_is_io),
	        cmocka_unit_test(test_policy_override_checked),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
