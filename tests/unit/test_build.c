/* test_build.c — the build pipeline (gen/build.c) into an in-memory sink:
 * the files each format combination produces, in their documented order;
 * two builds give the same bytes; a template error or a failing put or
 * commit is a diagnostic and nothing is committed; a document including
 * more than 64 partials is rendered whole, and a diagnostic about a late
 * partial names its own file. */
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

#include "premarket/build.h"
#include "premarket/diagram.h"
#include "premarket/documents.h"
#include "premarket/load.h"

/* ---- an in-memory sink ------------------------------------------------------ */

typedef struct mem_file {
	char *name;
	char *data;
	size_t len;
} mem_file;

typedef struct mem_sink {
	mem_file *v;
	size_t n, cap;
	size_t puts;      /* put calls, failed ones included */
	size_t commits;   /* successful commit calls */
	size_t fail_put;  /* 1-based put call that fails; 0 = none */
	int fail_quietly; /* the failing put adds no diagnostic */
	int fail_commit;
} mem_sink;

static int mem_put(void *ud, const char *relpath, const void *data, size_t len, pm_diags *d)
{
	mem_sink *s = ud;
	if (++s->puts == s->fail_put) {
		if (s->fail_quietly)
			return -1;
		return pm_diag_add(d, PM_ERROR, PM_ERR_OUTPUT, NULL, 0, 0, "disk full writing %s", relpath);
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->v = realloc(s->v, s->cap * sizeof *s->v);
		assert_non_null(s->v);
	}
	mem_file *f = &s->v[s->n++];
	f->name = strdup(relpath);
	f->data = malloc(len + 1);
	assert_non_null(f->name);
	assert_non_null(f->data);
	memcpy(f->data, data, len);
	f->data[len] = '\0';
	f->len = len;
	return 0;
}

static int mem_commit(void *ud, pm_diags *d)
{
	mem_sink *s = ud;
	if (s->fail_commit)
		return pm_diag_add(d, PM_ERROR, PM_ERR_OUTPUT, NULL, 0, 0, "cannot publish");
	s->commits++;
	return 0;
}

static void mem_free(mem_sink *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].name);
		free(s->v[i].data);
	}
	free(s->v);
	memset(s, 0, sizeof *s);
}

static const mem_file *mem_find(const mem_sink *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].name, name) == 0)
			return &s->v[i];
	return NULL;
}

/* ---- helpers ---------------------------------------------------------------- */

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

/* pm_build(m) with these options into s; returns pm_build()'s result. */
static int run(const pm_model *m, const pm_build_options *o, mem_sink *s, pm_diags *d)
{
	pm_sink sink = {mem_put, mem_commit, s};
	return pm_build(m, o, &sink, d);
}

static pm_build_options options(unsigned formats, int split)
{
	pm_build_options o;
	memset(&o, 0, sizeof o);
	o.formats = formats;
	o.split = split;
	o.source_date_epoch = 1700000000;
	return o;
}

static void add_name(char ***v, size_t *n, const char *slug, const char *ext)
{
	*v = realloc(*v, (*n + 1) * sizeof **v);
	assert_non_null(*v);
	size_t len = strlen(slug) + strlen(ext) + 2;
	(*v)[*n] = malloc(len);
	assert_non_null((*v)[*n]);
	snprintf((*v)[(*n)++], len, "%s.%s", slug, ext);
}

/* The names build.h promises, in its order: the diagrams of m's plan
 * after the Markdown, before the HTML. */
static char **expected_names(const pm_model *m, unsigned formats, int split, int sbom, size_t *n)
{
	char **v = NULL;
	*n = 0;
	static const char *const exts[] = {"md", "html"};
	for (unsigned f = 0; f < 2; f++) {
		if (f == 1 && (formats & (PM_BUILD_MD | PM_BUILD_HTML))) {
			pm_diagram_plan *p = pm_diagram_plan_new(m);
			for (size_t i = 0; i < pm_diagram_plan_count(p); i++) {
				char *stem = strdup(pm_diagram_plan_file(p, i));
				assert_non_null(stem);
				stem[strlen(stem) - 4] = 0;
				add_name(&v, n, stem, "svg");
				free(stem);
			}
			pm_diagram_plan_free(p);
		}
		if (!(formats & (1u << f)))
			continue;
		for (size_t i = 0; i < pm_n_documents; i++)
			add_name(&v, n, pm_documents[i].slug, exts[f]);
		add_name(&v, n, "index", exts[f]);
	}
	if (sbom)
		add_name(&v, n, "sbom.cdx", "json");
	if (formats & PM_BUILD_XML)
		add_name(&v, n, "submission", "xml");
	if (formats & PM_BUILD_PDF) {
		/* the working report is left out of the combined PDF and written
		 * as its own (with_check is off here) */
		add_name(&v, n, "cybersecurity-submission", "pdf");
		for (size_t i = 0; i < pm_n_documents; i++)
			if (split || strcmp(pm_documents[i].slug, PM_DOC_CHECK_SLUG) == 0)
				add_name(&v, n, pm_documents[i].slug, "pdf");
	}
	return v;
}

static void free_names(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void write_text(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void remove_tree(const char *dir)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* ---- tests ------------------------------------------------------------------ */

/* Build m with o into s (emptied first): it succeeds with one commit and no
 * diagnostic, and puts exactly the files build.h promises for these
 * formats, in order, none empty. */
static void assert_file_set(const pm_model *m, const pm_build_options *o, unsigned formats, int split, int sbom,
                            mem_sink *s)
{
	pm_diags d;
	pm_diags_init(&d);
	mem_free(s);
	assert_int_equal(run(m, o, s, &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(s->commits, 1);
	size_t n;
	char **want = expected_names(m, formats, split, sbom, &n);
	if (s->n != n)
		fail_msg("formats %u split %d: %zu files, expected %zu", formats, split, s->n, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(s->v[i].name, want[i]);
		assert_true(s->v[i].len > 0);
	}
	free_names(want, n);
	pm_diags_free(&d);
}

/* Whether a set of formats is one of those make check builds: each format
 * alone and all four (the other combinations are the slow group's). */
static int quick_formats(unsigned formats)
{
	return (formats & (formats - 1)) == 0 || formats == 15;
}

/* Every format combination, and PDF with split (slow: 14 PDFs, so once):
 * each format alone and all four in make check, every other combination in
 * make slow. */
static void file_sets(int slow)
{
	pm_model *m = load("examples/minimal.yaml");
	mem_sink s = {0};
	assert_int_equal(m->sbom.components.n, 0);
	for (unsigned formats = 1; formats < 16; formats++) {
		if (quick_formats(formats) == slow)
			continue;
		for (int split = 0; split <= (formats == PM_BUILD_PDF); split++) {
			pm_build_options o = options(formats, split);
			assert_file_set(m, &o, formats, split, 0, &s);
		}
	}
	if (!slow) {
		/* formats 0 is md and html; NULL options are the defaults too */
		pm_build_options o = options(0, 0);
		assert_file_set(m, &o, PM_BUILD_MD | PM_BUILD_HTML, 0, 0, &s);
		assert_file_set(m, NULL, PM_BUILD_MD | PM_BUILD_HTML, 0, 0, &s);
	}
	mem_free(&s);
	pm_model_free(m);
}

static void test_file_sets(void **state)
{
	(void)state;
	file_sets(0);
}

static void test_file_sets_combined(void **state)
{
	(void)state;
	file_sets(1);
}

/* Whether the PDF has a bookmark titled t (libharu writes outline titles
 * as UTF-16BE hex strings with a byte-order mark). */
static int pdf_has_bookmark(const mem_file *f, const char *t)
{
	char want[512] = "/Title <FEFF";
	size_t k = strlen(want);
	for (; *t && k + 5 < sizeof want; t++, k += 4)
		snprintf(want + k, sizeof want - k, "00%02X", (unsigned char)*t);
	size_t wl = strlen(want);
	for (size_t i = 0; i + wl <= f->len; i++)
		if (memcmp(f->data + i, want, wl) == 0)
			return 1;
	return 0;
}

/* The completeness check is a working report: out of the combined PDF and
 * in its own, unless with_check asks for it as the last chapter. */
static void test_with_check(void **state)
{
	(void)state;
	pm_model *m = load("examples/minimal.yaml");
	const pm_document *check = pm_document_find(PM_DOC_CHECK_SLUG);
	const pm_document *first = &pm_documents[0];
	assert_non_null(check);
	mem_sink s = {0};
	pm_build_options o = options(PM_BUILD_PDF, 0);
	assert_file_set(m, &o, PM_BUILD_PDF, 0, 0, &s);
	const mem_file *sub = mem_find(&s, "cybersecurity-submission.pdf");
	assert_true(pdf_has_bookmark(sub, first->title));
	assert_false(pdf_has_bookmark(sub, check->title));
	assert_true(pdf_has_bookmark(mem_find(&s, "completeness-check.pdf"), check->title));

	o.with_check = 1;
	pm_diags d;
	pm_diags_init(&d);
	mem_free(&s);
	assert_int_equal(run(m, &o, &s, &d), 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.v[0].name, "cybersecurity-submission.pdf");
	assert_true(pdf_has_bookmark(&s.v[0], first->title));
	assert_true(pdf_has_bookmark(&s.v[0], check->title));
	pm_diags_free(&d);
	mem_free(&s);
	pm_model_free(m);
}

/* A model with SBOM components gets sbom.cdx.json whatever the formats. */
static void test_sbom_export(void **state)
{
	(void)state;
	pm_model *m = load("examples/lab-analyzer.yaml");
	mem_sink s = {0};
	assert_true(m->sbom.components.n > 0);
	pm_build_options o = options(PM_BUILD_XML, 0);
	assert_file_set(m, &o, PM_BUILD_XML, 0, 1, &s);
	assert_non_null(strstr(mem_find(&s, "sbom.cdx.json")->data, "\"bomFormat\""));
	mem_free(&s);
	pm_model_free(m);
}

/* Two builds of the same model give the same files, byte for byte. */
static void test_deterministic(void **state)
{
	(void)state;
	pm_model *m = load("examples/minimal.yaml");
	pm_build_options o = options(PM_BUILD_MD | PM_BUILD_HTML | PM_BUILD_PDF | PM_BUILD_XML, 0);
	mem_sink a = {0}, b = {0};
	pm_diags d;
	pm_diags_init(&d);
	assert_int_equal(run(m, &o, &a, &d), 0);
	assert_int_equal(run(m, &o, &b, &d), 0);
	assert_int_equal(a.n, b.n);
	for (size_t i = 0; i < a.n; i++) {
		assert_string_equal(a.v[i].name, b.v[i].name);
		assert_int_equal(a.v[i].len, b.v[i].len);
		assert_memory_equal(a.v[i].data, b.v[i].data, a.v[i].len);
	}
	/* the documentation date of a model without one is SOURCE_DATE_EPOCH's */
	assert_non_null(strstr(mem_find(&a, "index.md")->data, "2023-11-14"));
	mem_free(&a);
	mem_free(&b);
	pm_diags_free(&d);
	pm_model_free(m);
}

/* A broken user template: a located PM_ERR_RENDER error, no commit, and the
 * build stopped at that document.  A template no folder has: an error naming
 * the folders. */
static void test_template_error(void **state)
{
	(void)state;
	char dir[] = "/tmp/pm-test-build-XXXXXX";
	assert_non_null(mkdtemp(dir));
	write_text(dir, "sbom.mustache", "Line one.\n\n{{#x}} is never closed.\n");
	pm_model *m = load("examples/minimal.yaml");
	pm_build_options o = options(PM_BUILD_MD | PM_BUILD_HTML, 0);
	o.templates_dir = dir;
	pm_diags d;
	pm_diags_init(&d);
	mem_sink s = {0};
	assert_int_equal(run(m, &o, &s, &d), -1);
	assert_int_equal(s.commits, 0);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.v[0].kind, PM_ERR_RENDER);
	assert_int_equal(d.v[0].line, 3);
	char want[600];
	snprintf(want, sizeof want, "%s/sbom.mustache", dir);
	assert_string_equal(d.v[0].file, want);
	assert_null(mem_find(&s, "sbom.md"));
	assert_null(mem_find(&s, "index.html"));
	mem_free(&s);
	pm_diags_free(&d);

	/* an empty shipped folder: the first document is not found */
	o.templates_dir = NULL;
	o.shipped_templates = dir;
	pm_diags_init(&d);
	assert_int_equal(run(m, &o, &s, &d), -1);
	assert_int_equal(s.commits, 0);
	assert_int_equal(s.n, 0);
	assert_true(pm_diags_has(&d, PM_ERR_RENDER));
	snprintf(want, sizeof want, "template \"%s\" not found in %s", pm_documents[0].slug, dir);
	assert_string_equal(d.v[0].msg, want);
	mem_free(&s);
	pm_diags_free(&d);
	pm_model_free(m);
	remove_tree(dir);
}

/* A put that fails: PM_ERR_OUTPUT, no later put, no commit.  A sink that
 * fails without a diagnostic still gets one; so does a failing commit. */
static void test_sink_failure(void **state)
{
	(void)state;
	pm_model *m = load("examples/minimal.yaml");
	pm_build_options o = options(PM_BUILD_MD | PM_BUILD_HTML | PM_BUILD_XML, 0);
	for (int quiet = 0; quiet <= 1; quiet++) {
		pm_diags d;
		pm_diags_init(&d);
		mem_sink s = {0};
		s.fail_put = 3;
		s.fail_quietly = quiet;
		assert_int_equal(run(m, &o, &s, &d), -1);
		assert_int_equal(s.puts, 3);
		assert_int_equal(s.n, 2);
		assert_int_equal(s.commits, 0);
		assert_int_equal(d.errors, 1);
		assert_int_equal(d.v[0].kind, PM_ERR_OUTPUT);
		mem_free(&s);
		pm_diags_free(&d);
	}
	pm_diags d;
	pm_diags_init(&d);
	mem_sink s = {0};
	s.fail_commit = 1;
	assert_int_equal(run(m, &o, &s, &d), -1);
	assert_true(pm_diags_has(&d, PM_ERR_OUTPUT));
	assert_int_equal(d.errors, 1);
	mem_free(&s);
	pm_diags_free(&d);

	/* no sink, a sink without functions, no model */
	pm_diags_init(&d);
	pm_sink empty = {NULL, NULL, NULL};
	assert_int_equal(pm_build(m, &o, NULL, &d), -1);
	assert_int_equal(pm_build(m, &o, &empty, &d), -1);
	pm_sink sink = {mem_put, mem_commit, &s};
	assert_int_equal(pm_build(NULL, &o, &sink, &d), -1);
	assert_int_equal(s.puts, 0);
	assert_int_equal(d.errors, 3);
	assert_true(pm_diags_has(&d, PM_ERR_USAGE));
	pm_diags_free(&d);
	pm_model_free(m);
}

/* More templates than the old fixed tables held (64): a document including
 * 100 partials renders all of them in order; when the 70th partial fails
 * later (recursing only in the index), the error names the 70th file. */
#define N_PARTIALS 100
static void test_many_partials(void **state)
{
	(void)state;
	char dir[] = "/tmp/pm-test-build-XXXXXX";
	assert_non_null(mkdtemp(dir));
	const char *doc = pm_documents[0].slug;
	char name[64], text[128];
	size_t cap = N_PARTIALS * 16 + 1;
	char *main_tpl = calloc(1, cap), *want = calloc(1, cap);
	assert_non_null(main_tpl);
	assert_non_null(want);
	for (int i = 1; i <= N_PARTIALS; i++) {
		snprintf(name, sizeof name, "p%d.mustache", i);
		snprintf(text, sizeof text, "[%d]", i);
		write_text(dir, name, text);
		snprintf(main_tpl + strlen(main_tpl), cap - strlen(main_tpl), "{{>p%d}}", i);
		snprintf(want + strlen(want), cap - strlen(want), "[%d]", i);
	}
	snprintf(name, sizeof name, "%s.mustache", doc);
	write_text(dir, name, main_tpl);

	pm_model *m = load("examples/minimal.yaml");
	pm_build_options o = options(PM_BUILD_MD, 0);
	o.templates_dir = dir;
	pm_diags d;
	pm_diags_init(&d);
	mem_sink s = {0};
	assert_int_equal(run(m, &o, &s, &d), 0);
	snprintf(name, sizeof name, "%s.md", doc);
	assert_string_equal(mem_find(&s, name)->data, want);
	mem_free(&s);
	pm_diags_free(&d);

	write_text(dir, "p70.mustache", "{{^doc.guidance}}{{>p70}}{{/doc.guidance}}[70]");
	write_text(dir, "index.mustache", "{{>p70}}");
	pm_diags_init(&d);
	assert_int_equal(run(m, &o, &s, &d), -1);
	assert_int_equal(s.commits, 0);
	assert_non_null(mem_find(&s, name)); /* the first document was fine */
	assert_true(d.errors >= 1);
	assert_int_equal(d.v[0].kind, PM_ERR_RENDER);
	char path[600];
	snprintf(path, sizeof path, "%s/p70.mustache", dir);
	assert_string_equal(d.v[0].file, path);
	assert_non_null(strstr(d.v[0].msg, "nested deeper"));
	mem_free(&s);
	pm_diags_free(&d);

	free(main_tpl);
	free(want);
	pm_model_free(m);
	remove_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_file_sets),      cmocka_unit_test(test_with_check),
	        cmocka_unit_test(test_sbom_export),    cmocka_unit_test(test_deterministic),
	        cmocka_unit_test(test_template_error), cmocka_unit_test(test_sink_failure),
	        cmocka_unit_test(test_many_partials),
	};
	const struct CMUnitTest slow[] = {
	        cmocka_unit_test(test_file_sets_combined),
	};
	if (pm_test_slow_group())
		return cmocka_run_group_tests_name("test_build (slow)", slow, NULL, NULL);
	return cmocka_run_group_tests_name("test_build", tests, NULL, NULL);
}
