/* test_sbom.c — the SBOM library (include/premarket/sbom.h): the shared
 * sample files with their exact counts, field mapping per format on the
 * hand-written files of tests/data/sbom/, hostile input, dates and support
 * levels, CycloneDX export (schema-valid, deterministic, round trip), the
 * listings' framing and size limit (sbom_list.h; tests/cli/sbom.sh checks
 * their content); in `make slow` (PM_TEST_GROUP=slow), a 2 MB JSON file and
 * 1.4 MB of XML on one line. */
#include "testutil.h"

#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "premarket/buf.h"
#include "premarket/sbom.h"
#include "premarket/sbom_list.h"

#define DATA "tests/data/sbom/"

static int streq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

#define assert_str(a, b)                                                                                     \
	do {                                                                                                 \
		const char *a_ = (a), *b_ = (b);                                                             \
		if (!streq(a_, b_))                                                                          \
			fail_msg("%s: got \"%s\", want \"%s\"", #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
	} while (0)

static pm_sbom_doc *load_ok(const char *path, pm_diags *d)
{
	pm_sbom_doc *doc = NULL;
	int rc = pm_sbom_load(path, -1, &doc, d);
	if (rc != 0) {
		for (size_t i = 0; i < d->n; i++)
			fprintf(stderr, "%s:%u:%u: %s\n", d->v[i].file ? d->v[i].file : "", d->v[i].line, d->v[i].col,
			        d->v[i].msg);
		fail_msg("%s did not load", path);
	}
	assert_non_null(doc);
	assert_int_equal(d->errors, 0);
	return doc;
}

static const pm_sbom_comp *comp_named(const pm_sbom_doc *doc, const char *name)
{
	for (size_t i = 0; i < doc->n_comps; i++)
		if (streq(doc->comps[i].name, name))
			return &doc->comps[i];
	fail_msg("no component named %s", name);
	return NULL;
}

static int has_warning(const pm_diags *d, const char *needle, unsigned line)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].sev == PM_WARNING && strstr(d->v[i].msg, needle) && (!line || d->v[i].line == line) &&
		    d->v[i].col > 0)
			return 1;
	return 0;
}

/* ---- the shared samples ------------------------------------------------------- */

static const struct sample {
	const char *file;
	int format;
	long top, total; /* -1: not given (SPDX) */
	int meta;
	size_t vulns, deps, packages, files, relationships;
} samples[] = {
        /* ../shared/samples/sbom/README.md */
        {"cdx14-laravel-7.12.0.json", PM_SBF_CDX_JSON, 62, 62, 1, 0, 63, 0, 0, 0},
        {"cdx14-laravel-7.12.0.xml", PM_SBF_CDX_XML, 62, 62, 1, 0, 63, 0, 0, 0},
        {"cdx14-vex-cisa-case2.json", PM_SBF_CDX_JSON, 0, 0, 1, 19, 0, 0, 0, 0},
        {"cdx15-npm-bundled-deps-nested.json", PM_SBF_CDX_JSON, 2, 52, 1, 0, 53, 0, 0, 0},
        {"spdx23-example11-rust.spdx.json", PM_SBF_SPDX_JSON, -1, -1, 0, 0, 0, 4, 1, 4},
        {"spdx22-example6-lib.spdx", PM_SBF_SPDX_TAG, -1, -1, 0, 0, 0, 5, 0, 5},
};

static void test_samples(void **state)
{
	(void)state;
	const char *shared = pm_test_shared_dir();
	if (!shared) {
		printf("sbom samples: ../shared (or $PREMARKET_SHARED) not found, skipping\n");
		skip();
	}
	for (size_t k = 0; k < sizeof samples / sizeof samples[0]; k++) {
		const struct sample *s = &samples[k];
		char path[1024];
		snprintf(path, sizeof path, "%s/samples/sbom/%s", shared, s->file);
		pm_diags d;
		pm_diags_init(&d);
		pm_sbom_doc *doc = load_ok(path, &d);
		assert_int_equal(doc->format, s->format);
		if (s->total >= 0) {
			assert_int_equal(doc->n_top, (size_t)s->top);
			assert_int_equal(doc->n_comps, (size_t)s->total);
			assert_int_equal(doc->n_dep_entries, s->deps);
		} else {
			assert_int_equal(doc->n_comps, s->packages);
			assert_int_equal(doc->n_files, s->files);
			assert_int_equal(doc->n_relationships, s->relationships);
		}
		assert_int_equal(doc->meta != NULL, s->meta);
		assert_int_equal(doc->n_vulns, s->vulns);
		printf("  %-36s %-15s top %3zu total %3zu meta %d vulns %2zu deps %3zu (edges %3zu) "
		       "packages %zu files %zu relationships %zu\n",
		       s->file, pm_sbom_format_name(doc->format), doc->n_top, doc->n_comps, doc->meta != NULL,
		       doc->n_vulns, doc->n_dep_entries, doc->n_deps, s->total < 0 ? doc->n_comps : 0, doc->n_files,
		       doc->n_relationships);
		/* every reference of these files resolves: no warnings except the VEX vector */
		if (strcmp(s->file, "cdx14-vex-cisa-case2.json") == 0) {
			assert_int_equal(d.warnings, 1);
			assert_true(has_warning(&d, "\"AAV:N/", 88));
			assert_int_equal(d.v[0].col, 24);
			assert_non_null(strstr(d.v[0].msg, "AAV"));
			assert_string_equal(d.v[0].file, path);
			/* the bad rating is kept, unscored; the others are scored */
			size_t scored = 0;
			for (size_t i = 0; i < doc->n_vulns; i++) {
				assert_int_equal(doc->vulns[i].n_ratings, 1);
				scored += doc->vulns[i].ratings[0].vector_ok;
				assert_int_equal(doc->vulns[i].n_affects, 1);
				assert_int_equal(doc->vulns[i].affects[0], PM_SBOM_META);
			}
			assert_int_equal(scored, 18);
			const pm_sbom_vuln *v = &doc->vulns[2];
			assert_string_equal(v->id, "CVE-2020-11898");
			assert_false(v->ratings[0].vector_ok);
			assert_int_equal(v->ratings[0].cvss_tenths, -1);
			assert_non_null(v->ratings[0].vector);
			assert_string_equal(doc->vulns[0].state, "not_affected");
			assert_string_equal(doc->vulns[0].justification, "code_not_reachable");
			/* AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H = 10.0 base; MC/MI/MA:N = 0.0 */
			assert_int_equal(doc->vulns[0].ratings[0].base_tenths, 100);
			assert_int_equal(doc->vulns[0].ratings[0].cvss_tenths, 0);
			assert_string_equal(doc->vulns[0].ratings[0].cvss_name, "environmental");
		} else {
			assert_int_equal(d.warnings, 0);
		}
		if (strcmp(s->file, "cdx15-npm-bundled-deps-nested.json") == 0) {
			uint32_t maxdepth = 0;
			for (size_t i = 0; i < doc->n_comps; i++)
				if (doc->comps[i].depth > maxdepth)
					maxdepth = doc->comps[i].depth;
			assert_true(maxdepth >= 1);
			assert_int_equal(doc->n_deps, 65);
		}
		if (strstr(s->file, "laravel"))
			assert_int_equal(doc->n_deps, 113);
		pm_sbom_free(doc);
		pm_diags_free(&d);
	}
}

/* JSON and XML of the same BOM read the same */
static void test_laravel_json_equals_xml(void **state)
{
	(void)state;
	const char *shared = pm_test_shared_dir();
	if (!shared) {
		printf("sbom samples: ../shared not found, skipping\n");
		skip();
	}
	char pj[1024], px[1024];
	snprintf(pj, sizeof pj, "%s/samples/sbom/cdx14-laravel-7.12.0.json", shared);
	snprintf(px, sizeof px, "%s/samples/sbom/cdx14-laravel-7.12.0.xml", shared);
	pm_diags d;
	pm_diags_init(&d);
	pm_sbom_doc *j = load_ok(pj, &d), *x = load_ok(px, &d);
	assert_int_equal(j->n_comps, x->n_comps);
	for (size_t i = 0; i < j->n_comps; i++) {
		assert_str(j->comps[i].id, x->comps[i].id);
		assert_str(j->comps[i].name, x->comps[i].name);
		assert_str(j->comps[i].version, x->comps[i].version);
		assert_str(j->comps[i].supplier, x->comps[i].supplier);
		assert_str(j->comps[i].purl, x->comps[i].purl);
		assert_str(j->comps[i].licenses, x->comps[i].licenses);
		assert_int_equal(j->comps[i].n_hashes, x->comps[i].n_hashes);
		assert_int_equal(j->comps[i].ntia_missing, x->comps[i].ntia_missing);
	}
	assert_int_equal(j->n_deps, x->n_deps);
	for (size_t i = 0; i < j->n_deps; i++) {
		assert_int_equal(j->deps[i].from, x->deps[i].from);
		assert_int_equal(j->deps[i].to, x->deps[i].to);
	}
	pm_sbom_free(j);
	pm_sbom_free(x);
	pm_diags_free(&d);
}

/* ---- field mapping: CycloneDX ------------------------------------------------------ */

static void check_cdx_fields(const pm_sbom_doc *doc)
{
	assert_string_equal(doc->spec_version, "1.6");
	assert_string_equal(doc->author, "LabStream GmbH, sbom@labstream.example");
	assert_string_equal(doc->timestamp, "2026-10-28T09:14:00Z");
	assert_string_equal(doc->tools, "syft 1.0.0");
	assert_string_equal(doc->serial, "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79");
	assert_int_equal(doc->ntia_missing, 0);
	assert_non_null(doc->meta);
	assert_string_equal(doc->meta->name, "Lab Analyzer");
	assert_string_equal(doc->meta->id, "analyzer");
	assert_string_equal(doc->meta->supplier, "LabStream GmbH");
	assert_int_equal(doc->n_comps, 8);
	assert_int_equal(doc->n_top, 6);

	const pm_sbom_comp *o = &doc->comps[0];
	assert_string_equal(o->name, "openssl");
	assert_string_equal(o->id, "openssl");
	assert_string_equal(o->supplier, "OpenSSL Software Foundation");
	assert_string_equal(o->purl, "pkg:generic/openssl@3.0.15");
	assert_string_equal(o->licenses, "Apache-2.0");
	assert_string_equal(o->type, "library");
	assert_int_equal(o->n_hashes, 1);
	assert_string_equal(o->hashes[0].alg, "SHA-256");
	assert_string_equal(o->hashes[0].value, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
	/* premarket's own property outranks cdx:cle:supportStatus */
	assert_int_equal(o->support, PM_SUP_ACTIVE);
	assert_string_equal(o->support_source, "premarket:fda:levelOfSupport");
	assert_string_equal(o->end_of_support, "2026-09-07");
	assert_string_equal(o->eos_source, "cdx:lifecycle:milestone:endOfSupport");
	assert_int_equal(o->ntia_missing, 0);

	const pm_sbom_comp *z = comp_named(doc, "zlib");
	assert_string_equal(z->supplier, "Jean-loup Gailly and Mark Adler"); /* publisher */
	assert_string_equal(z->cpe, "cpe:2.3:a:zlib:zlib:1.3.1:*:*:*:*:*:*:*");
	assert_string_equal(z->licenses, "zlib License AND Zlib");
	assert_int_equal(z->support, PM_SUP_NO_LONGER); /* deprecated */
	assert_string_equal(z->support_source, "cdx:cle:supportStatus");
	assert_string_equal(z->end_of_support, "2024-12-31");
	assert_string_equal(z->eos_source, "cdx:cle:endOfSupport");
	assert_int_equal(z->ntia_missing, 0);

	const pm_sbom_comp *q = comp_named(doc, "qt");
	assert_string_equal(q->supplier, "The Qt Company"); /* manufacturer */
	assert_string_equal(q->swid, "swidgen-qt-5.15.2");
	assert_int_equal(q->support, PM_SUP_ABANDONED);
	assert_null(q->end_of_support);
	assert_int_equal(q->ntia_missing, 0);

	const pm_sbom_comp *qc = comp_named(doc, "qtcore");
	assert_string_equal(qc->supplier, "Jane Doe"); /* author */
	assert_int_equal(qc->parent, 2);
	assert_int_equal(qc->depth, 1);
	const pm_sbom_comp *ql = comp_named(doc, "libQt5Core.so");
	assert_string_equal(ql->supplier, "Qt Team"); /* authors[] */
	assert_int_equal(ql->parent, 3);
	assert_int_equal(ql->depth, 2);
	assert_int_equal(ql->ntia_missing, 0); /* nested: a relationship */

	/* ids: sanitised and de-duplicated */
	assert_string_equal(comp_named(doc, "@scope/d")->id, "pkg:npm__scope_d_1.0.0");
	assert_string_equal(comp_named(doc, "_scope/d")->id, "pkg:npm__scope_d_1.0.0-2");
	assert_int_equal(comp_named(doc, "@scope/d")->ntia_missing, PM_NTIA_DEPENDENCY);

	const pm_sbom_comp *m = comp_named(doc, "mystery");
	assert_string_equal(m->id, "mystery");
	assert_null(m->ref);
	assert_int_equal(m->support, -1);
	assert_null(m->end_of_support);
	assert_int_equal(m->ntia_missing, PM_NTIA_SUPPLIER | PM_NTIA_VERSION | PM_NTIA_IDENTIFIER | PM_NTIA_DEPENDENCY);

	/* dependencies: 4 records, 5 edges (the one to "ghost" is dropped) */
	assert_int_equal(doc->n_dep_entries, 4);
	assert_int_equal(doc->n_deps, 5);
	static const int32_t want[5][2] = {{PM_SBOM_META, 0}, {PM_SBOM_META, 1}, {PM_SBOM_META, 2}, {0, 1}, {2, 3}};
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(doc->deps[i].from, want[i][0]);
		assert_int_equal(doc->deps[i].to, want[i][1]);
	}

	/* vulnerabilities */
	assert_int_equal(doc->n_vulns, 2);
	const pm_sbom_vuln *v = &doc->vulns[0];
	assert_string_equal(v->id, "CVE-2024-0001");
	assert_string_equal(v->ref, "v1");
	assert_string_equal(v->source, "NVD");
	assert_string_equal(v->description, "Example flaw.");
	assert_string_equal(v->cwes, "CWE-79, CWE-89");
	assert_string_equal(v->state, "exploitable");
	assert_string_equal(v->justification, "requires_environment");
	assert_string_equal(v->response, "update, workaround_available");
	assert_string_equal(v->detail, "Fixed in 3.0.16.");
	assert_int_equal(v->n_ratings, 1);
	assert_true(v->ratings[0].has_score);
	assert_true(v->ratings[0].score > 9.79 && v->ratings[0].score < 9.81);
	assert_true(v->ratings[0].vector_ok);
	assert_int_equal(v->ratings[0].cvss_version, 31);
	assert_int_equal(v->ratings[0].cvss_tenths, 98);
	assert_int_equal(v->ratings[0].base_tenths, 98);
	assert_string_equal(v->ratings[0].severity, "critical");
	assert_int_equal(v->n_affects, 3);
	assert_int_equal(v->affects[0], 0);
	assert_int_equal(v->affects[1], PM_SBOM_META);
	assert_int_equal(v->affects[2], PM_SBOM_NONE);
	assert_string_equal(v->affect_refs[2], "urn:cdx:other/1#x");
	const pm_sbom_vuln *w = &doc->vulns[1];
	assert_int_equal(w->n_ratings, 2);
	assert_true(w->ratings[0].vector_ok); /* CVSSv4 without its prefix */
	assert_int_equal(w->ratings[0].cvss_version, 40);
	assert_true(strncmp(w->ratings[0].cvss_vector, "CVSS:4.0/AV:", 12) == 0);
	assert_int_equal(w->ratings[0].cvss_tenths, 93);
	assert_false(w->ratings[1].vector_ok); /* CVSSv2: kept as text, no warning */
	assert_int_equal(w->ratings[1].cvss_tenths, -1);
	assert_int_equal(w->affects[0], 4);
}

static void check_cdx_warnings(const pm_diags *d, unsigned sometimes_line, unsigned soon_line, unsigned ghost_line)
{
	assert_int_equal(d->warnings, 3);
	assert_true(has_warning(d, "\"sometimes\" is not a support status", sometimes_line));
	assert_true(has_warning(d, "\"soon\" is not an ISO 8601 date", soon_line));
	assert_true(has_warning(d, "\"ghost\"", ghost_line));
}

static void test_cdx_json_fields(void **state)
{
	(void)state;
	pm_diags d;
	pm_diags_init(&d);
	pm_sbom_doc *doc = load_ok(DATA "fields.cdx.json", &d);
	assert_int_equal(doc->format, PM_SBF_CDX_JSON);
	check_cdx_fields(doc);
	check_cdx_warnings(&d, 100, 101, 109);
	assert_int_equal(doc->comps[0].line, 21);
	assert_int_equal(doc->comps[0].col, 5);
	pm_sbom_free(doc);
	pm_diags_free(&d);
}

static void test_cdx_xml_fields(void **state)
{
	(void)state;
	pm_diags d;
	pm_diags_init(&d);
	pm_sbom_doc *doc = load_ok(DATA "fields.cdx.xml", &d);
	assert_int_equal(doc->format, PM_SBF_CDX_XML);
	check_cdx_fields(doc);
	check_cdx_warnings(&d, 93, 94, 108);
	assert_int_equal(doc->comps[0].line, 23);
	assert_int_equal(doc->comps[0].col, 5);
	pm_sbom_free(doc);
	pm_diags_free(&d);
}

/* ---- field mapping: SPDX ---------------------------------------------------------------- */

static void check_spdx_fields(const pm_sbom_doc *doc, const pm_diags *d)
{
	assert_string_equal(doc->spec_version, "SPDX-2.3");
	assert_string_equal(doc->name, "analyzer-firmware");
	assert_string_equal(doc->serial, "https://labstream.example/spdx/analyzer-2.1");
	assert_string_equal(doc->author, "Ada Lovelace, LabStream GmbH");
	assert_string_equal(doc->tools, "syft-1.0.0");
	assert_string_equal(doc->timestamp, "2026-10-28T09:14:00Z");
	assert_int_equal(doc->ntia_missing, 0);
	assert_null(doc->meta);
	assert_int_equal(doc->n_comps, 4);
	assert_int_equal(doc->n_top, 4);
	assert_int_equal(doc->n_files, 1);
	assert_int_equal(doc->n_relationships, 6);

	const pm_sbom_comp *f = &doc->comps[0];
	assert_string_equal(f->ref, "SPDXRef-Package-firmware");
	assert_string_equal(f->id, "SPDXRef-Package-firmware");
	assert_string_equal(f->supplier, "LabStream GmbH");
	assert_string_equal(f->licenses, "LicenseRef-Proprietary"); /* concluded is NOASSERTION */
	assert_string_equal(f->type, "firmware");
	assert_string_equal(f->purl, "pkg:generic/analyzer-firmware@2.1");
	assert_int_equal(f->ntia_missing, 0);

	const pm_sbom_comp *l = &doc->comps[1];
	assert_string_equal(l->supplier, "Apache Software Foundation");
	assert_string_equal(l->purl, "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
	assert_string_equal(l->cpe, "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*");
	assert_int_equal(l->n_hashes, 2);
	assert_string_equal(l->hashes[0].alg, "SHA-1");
	assert_string_equal(l->hashes[1].alg, "SHA-256");
	assert_string_equal(l->end_of_support, "2026-12-31");
	assert_true(strcmp(l->eos_source, "validUntilDate") == 0 || strcmp(l->eos_source, "ValidUntilDate") == 0);
	assert_int_equal(l->support, PM_SUP_ACTIVE);
	assert_string_equal(l->support_source, "cle:supportStatus");

	const pm_sbom_comp *b = &doc->comps[2];
	assert_string_equal(b->supplier, "Bob Builder"); /* "Person: Bob Builder (bob@example.com)" */
	assert_string_equal(b->cpe, "cpe:/a:busybox:busybox:1.36.1");
	assert_int_equal(b->support, PM_SUP_NO_LONGER); /* eol */
	assert_string_equal(b->end_of_support, "2023-06-30");
	assert_string_equal(b->eos_source, "cle:endOfSupport");
	assert_int_equal(b->ntia_missing, 0); /* DEPENDENCY_OF, and DEPENDS_ON NONE */

	const pm_sbom_comp *v = &doc->comps[3];
	assert_null(v->supplier); /* NOASSERTION */
	assert_null(v->version);
	assert_int_equal(v->support, PM_SUP_UNKNOWN); /* document-level annotation naming it */
	assert_int_equal(v->ntia_missing, PM_NTIA_SUPPLIER | PM_NTIA_VERSION | PM_NTIA_IDENTIFIER | PM_NTIA_DEPENDENCY);

	/* DEPENDS_ON firmware->log4j, DEPENDENCY_OF busybox->firmware reversed */
	assert_int_equal(doc->n_deps, 2);
	assert_int_equal(doc->deps[0].from, 0);
	assert_int_equal(doc->deps[0].to, 1);
	assert_int_equal(doc->deps[1].from, 0);
	assert_int_equal(doc->deps[1].to, 2);

	/* SECURITY advisory reference -> a vulnerability of log4j */
	assert_int_equal(doc->n_vulns, 1);
	assert_string_equal(doc->vulns[0].id, "CVE-2021-44228");
	assert_string_equal(doc->vulns[0].source, "https://nvd.nist.gov/vuln/detail/CVE-2021-44228");
	assert_int_equal(doc->vulns[0].n_affects, 1);
	assert_int_equal(doc->vulns[0].affects[0], 1);

	/* CONTAINS an unknown element: a located warning, nothing else */
	assert_int_equal(d->warnings, 1);
	assert_true(has_warning(d, "SPDXRef-Package-nowhere", 0));
}

static void test_spdx_json_fields(void **state)
{
	(void)state;
	pm_diags d;
	pm_diags_init(&d);
	pm_sbom_doc *doc = load_ok(DATA "fields.spdx.json", &d);
	assert_int_equal(doc->format, PM_SBF_SPDX_JSON);
	check_spdx_fields(doc, &d);
	assert_int_equal(d.v[0].line, 77);
	pm_sbom_free(doc);
	pm_diags_free(&d);
}

static void test_spdx_tag_fields(void **state)
{
	(void)state;
	pm_diags d;
	pm_diags_init(&d);
	pm_sbom_doc *doc = load_ok(DATA "fields.spdx", &d);
	assert_int_equal(doc->format, PM_SBF_SPDX_TAG);
	check_spdx_fields(doc, &d);
	assert_int_equal(d.v[0].line, 70);
	assert_int_equal(doc->comps[1].line, 24);
	pm_sbom_free(doc);
	pm_diags_free(&d);
}

/* ---- hostile and malformed input ----------------------------------------------------- */

typedef struct bad {
	const char *name;
	const char *text;
	int format; /* -1 detect */
	pm_errkind kind;
	unsigned line; /* 0: any line > 0 */
	const char *needle;
} bad;

static const bad bads[] = {
        {"truncated.json",
         "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\",\n \"components\": [ {\"name\": \"a\"", -1,
         PM_ERR_YAML, 0, NULL},
        {"components-map.json", "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\",\n \"components\": {}}", -1,
         PM_ERR_SCHEMA, 2, "\"components\" must be a list"},
        {"name-list.json",
         "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\",\n \"components\": [\n {\"type\": \"library\", "
         "\"name\": [1]}]}",
         -1, PM_ERR_SCHEMA, 3, "\"name\" must be a string"},
        {"component-scalar.json", "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\",\n \"components\": [\n 42]}",
         -1, PM_ERR_SCHEMA, 3, "component must be a mapping"},
        {"no-name.json",
         "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\",\n \"components\": [\n {\"type\": \"library\"}]}", -1,
         PM_ERR_SCHEMA, 3, "no \"name\""},
        {"score-text.json",
         "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.4\", \"vulnerabilities\": [{\"id\": \"X\",\n "
         "\"ratings\": [{\"score\": \"high\"}]}]}",
         -1, PM_ERR_SCHEMA, 2, "\"score\" must be a number"},
        {"no-spec.json", "{\"bomFormat\": \"CycloneDX\"}", -1, PM_ERR_SCHEMA, 1, "specVersion"},
        {"wrong-bomformat.json", "{\"bomFormat\": \"SWID\", \"specVersion\": \"1.5\"}", PM_SBF_CDX_JSON, PM_ERR_SCHEMA,
         1, "bomFormat"},
        {"array.json", "[1, 2]", PM_SBF_CDX_JSON, PM_ERR_SCHEMA, 1, "JSON object"},
        {"alias.json", "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"a\": &x [1], \"b\": *x}", -1,
         PM_ERR_YAML, 1, "aliases"},
        {"nul.json", "{\"bomFormat\": \"CycloneDX\"\n\0}", -1, PM_ERR_YAML, 2, "NUL"},
        {"not-sbom.json", "{\"hello\": \"world\"}", -1, PM_ERR_SCHEMA, 1, "not an SBOM"},
        {"empty.json", "", -1, PM_ERR_SCHEMA, 1, "not an SBOM"},
        {"spdx-no-version.json", "{\"spdxVersion\": null, \"packages\": []}", -1, PM_ERR_SCHEMA, 1, "spdxVersion"},
        {"spdx-pkg-no-id.json", "{\"spdxVersion\": \"SPDX-2.3\",\n \"packages\": [{\"name\": \"x\"}]}", -1,
         PM_ERR_SCHEMA, 2, "SPDXID"},
        {"spdx-rel-types.json", "{\"spdxVersion\": \"SPDX-2.3\",\n \"relationships\": [{\"spdxElementId\": {}}]}", -1,
         PM_ERR_SCHEMA, 2, NULL},
        {"doctype-xxe.xml",
         "<?xml version=\"1.0\"?>\n<!DOCTYPE bom [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
         "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"><components><component "
         "type=\"library\"><name>&xxe;</name></component></components></bom>",
         -1, PM_ERR_YAML, 2, "DOCTYPE"},
        {"billion-laughs.xml",
         "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n <!ENTITY lol2 "
         "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
         " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>\n"
         "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"><metadata><timestamp>&lol3;</timestamp></metadata></bom>",
         -1, PM_ERR_YAML, 2, "DOCTYPE"},
        {"external-dtd.xml",
         "<?xml version=\"1.0\"?>\n\n<!DOCTYPE bom SYSTEM \"http://example.invalid/bom.dtd\">\n<bom "
         "xmlns=\"http://cyclonedx.org/schema/bom/1.5\"/>",
         -1, PM_ERR_YAML, 3, "DOCTYPE"},
        {"undeclared-entity.xml",
         "<?xml version=\"1.0\"?>\n<bom "
         "xmlns=\"http://cyclonedx.org/schema/bom/1.5\">\n<metadata><timestamp>&xxe;</timestamp></metadata></bom>",
         -1, PM_ERR_YAML, 3, "xxe"},
        {"truncated.xml",
         "<?xml version=\"1.0\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\">\n<components>\n<component>", -1,
         PM_ERR_YAML, 0, NULL},
        {"wrong-root.xml", "<?xml version=\"1.0\"?>\n<project xmlns=\"urn:x\"/>", -1, PM_ERR_SCHEMA, 2, "root element"},
        {"no-namespace.xml", "<bom version=\"1\"/>", -1, PM_ERR_SCHEMA, 1, "namespace"},
        {"dependency-no-ref.xml",
         "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\">\n<dependencies>\n  <dependency/>\n</dependencies></bom>",
         -1, PM_ERR_SCHEMA, 3, "ref"},
        {"bad-line.spdx", "SPDXVersion: SPDX-2.2\nDataLicense: CC0-1.0\nthis is not a tag\n", -1, PM_ERR_YAML, 3,
         "Tag: value"},
        {"unclosed-text.spdx",
         "SPDXVersion: SPDX-2.2\nPackageName: x\nSPDXID: SPDXRef-x\nPackageComment: <text>never closed\n", -1,
         PM_ERR_YAML, 4, "</text>"},
        {"no-spdxid.spdx", "SPDXVersion: SPDX-2.2\n\nPackageName: lonely\nPackageVersion: 1\n", -1, PM_ERR_SCHEMA, 3,
         "SPDXID"},
        {"empty-name.spdx", "SPDXVersion: SPDX-2.2\nPackageName:\nSPDXID: SPDXRef-x\n", -1, PM_ERR_SCHEMA, 2,
         "PackageName"},
        {"bad-relationship.spdx", "SPDXVersion: SPDX-2.2\nRelationship: SPDXRef-a DEPENDS_ON\n", -1, PM_ERR_SCHEMA, 2,
         "Relationship"},
};

static void check_bad(const bad *b, const char *data, size_t len)
{
	pm_diags d;
	pm_diags_init(&d);
	pm_sbom_doc *doc = (pm_sbom_doc *)1;
	int rc = pm_sbom_parse(data, len, b->name, b->format, &doc, &d);
	if (rc != -1 || doc != NULL)
		fail_msg("%s: loaded, expected an error", b->name);
	if (d.n == 0 || d.v[0].sev != PM_ERROR)
		fail_msg("%s: no error recorded", b->name);
	const pm_diag *g = NULL;
	for (size_t i = 0; i < d.n && !g; i++)
		if (d.v[i].sev == PM_ERROR)
			g = &d.v[i];
	if (g->kind != b->kind || !g->file || strcmp(g->file, b->name) != 0 || g->line == 0 || g->col == 0 ||
	    (b->line && g->line != b->line) || (b->needle && !strstr(g->msg, b->needle)))
		fail_msg("%s: got %s:%u:%u kind %d: %s", b->name, g->file ? g->file : "(null)", g->line, g->col,
		         (int)g->kind, g->msg);
	pm_diags_free(&d);
}

static void test_hostile(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bads / sizeof bads[0]; i++) {
		const bad *b = &bads[i];
		size_t len = strlen(b->text);
		if (strcmp(b->name, "nul.json") == 0)
			len = sizeof "{\"bomFormat\": \"CycloneDX\"\n\0}" - 1;
		check_bad(b, b->text, len);
	}
}

static void test_deep_nesting(void **state)
{
	(void)state;
	pm_buf b;
	pm_buf_init(&b, 0);
	/* JSON: 200 nested lists inside a BOM */
	pm_buf_puts(&b, "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"x\": ");
	for (int i = 0; i < 200; i++)
		pm_buf_putc(&b, '[');
	for (int i = 0; i < 200; i++)
		pm_buf_putc(&b, ']');
	pm_buf_puts(&b, "}");
	bad j = {"deep.json", NULL, -1, PM_ERR_YAML, 1, "nesting deeper than 64"};
	check_bad(&j, b.data, b.len);
	/* nested components, 40 levels (depth 80 + 2 > 64) */
	pm_buf_clear(&b);
	pm_buf_puts(&b, "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"components\": [");
	for (int i = 0; i < 40; i++)
		pm_buf_puts(&b, "{\"name\": \"n\", \"components\": [");
	for (int i = 0; i < 40; i++)
		pm_buf_puts(&b, "]}");
	pm_buf_puts(&b, "]}");
	bad c = {"deep-components.json", NULL, -1, PM_ERR_YAML, 1, "nesting"};
	check_bad(&c, b.data, b.len);
	/* XML: 100 nested elements */
	pm_buf_clear(&b);
	pm_buf_puts(&b, "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\">\n");
	for (int i = 0; i < 100; i++)
		pm_buf_puts(&b, "<x>");
	for (int i = 0; i < 100; i++)
		pm_buf_puts(&b, "</x>");
	pm_buf_puts(&b, "</bom>");
	bad x = {"deep.xml", NULL, -1, PM_ERR_YAML, 2, "nested deeper than 64"};
	check_bad(&x, b.data, b.len);
	/* XML: 1000 nested elements, beyond libxml2's own limit */
	pm_buf_clear(&b);
	pm_buf_puts(&b, "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\">\n");
	for (int i = 0; i < 1000; i++)
		pm_buf_puts(&b, "<x>");
	for (int i = 0; i < 1000; i++)
		pm_buf_puts(&b, "</x>");
	pm_buf_puts(&b, "</bom>");
	bad x2 = {"deeper.xml", NULL, -1, PM_ERR_YAML, 0, NULL};
	check_bad(&x2, b.data, b.len);
	pm_buf_free(&b);
}

static void test_io_errors(void **state)
{
	(void)state;
	pm_diags d;
	pm_diags_init(&d);
	pm_sbom_doc *doc = NULL;
	assert_int_equal(pm_sbom_load(DATA "does-not-exist.json", -1, &doc, &d), -1);
	assert_null(doc);
	assert_true(pm_diags_has(&d, PM_ERR_IO));
	pm_diags_free(&d);
	pm_diags_init(&d);
	assert_int_equal(pm_sbom_load(DATA, -1, &doc, &d), -1); /* a directory */
	assert_true(pm_diags_has(&d, PM_ERR_IO));
	pm_diags_free(&d);
	pm_diags_init(&d);
	assert_int_equal(pm_sbom_parse("{}", 2, "x", 7, &doc, &d), -1); /* unknown format */
	assert_true(pm_diags_has(&d, PM_ERR_USAGE));
	pm_diags_free(&d);
}

static size_t count_of(const char *s, const char *needle)
{
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

/* the listings: framing without and with documents, the size limit, the
 * summary's prefix */
static void test_list(void **state)
{
	(void)state;
	pm_diags d;
	pm_diags_init(&d);
	pm_sbom_doc *doc = load_ok(DATA "fields.cdx.json", &d);
	pm_sbom_list l;
	pm_buf out;

	/* TSV of no document: the header line alone */
	pm_buf_init(&out, 0);
	pm_sbom_list_init(&l, PM_SBOM_LIST_TSV, 0);
	assert_int_equal(pm_sbom_list_end(&l, &out, &d), 0);
	assert_int_equal(strncmp(out.data, "file\tdepth\tid\t", strlen("file\tdepth\tid\t")), 0);
	assert_int_equal(count_of(out.data, "\n"), 1);
	pm_buf_free(&out);

	/* JSON of two documents: one object, two entries */
	pm_buf_init(&out, 0);
	pm_sbom_list_init(&l, PM_SBOM_LIST_JSON, PM_SBOM_LIST_VULNS);
	assert_int_equal(pm_sbom_list_doc(&l, doc, &out, &d), 0);
	assert_int_equal(pm_sbom_list_doc(&l, doc, &out, &d), 0);
	assert_int_equal(pm_sbom_list_end(&l, &out, &d), 0);
	assert_int_equal(l.shown, 2);
	const char *opening = "{\n  \"files\": [\n    {\n";
	assert_int_equal(strncmp(out.data, opening, strlen(opening)), 0);
	assert_string_equal(out.data + out.len - 7, "\n  ]\n}\n");
	assert_int_equal(count_of(out.data, "\"vulnerabilities\": ["), 2);
	assert_int_equal(count_of(out.data, "\"components\": ["), 0);
	pm_buf_free(&out);

	/* larger than the cap: out is left as it was, one PM_ERR_OUTPUT error */
	pm_buf_init(&out, 64);
	pm_buf_puts(&out, "kept");
	pm_sbom_list_init(&l, PM_SBOM_LIST_TEXT, PM_SBOM_LIST_HEADINGS);
	size_t errors = d.errors;
	assert_int_equal(pm_sbom_list_doc(&l, doc, &out, &d), -1);
	assert_string_equal(out.data, "kept");
	assert_int_equal(out.len, 4);
	assert_int_equal(out.overflow, 0);
	assert_int_equal(l.shown, 0);
	assert_int_equal(d.errors, errors + 1);
	assert_true(pm_diags_has(&d, PM_ERR_OUTPUT));
	pm_buf_free(&out);

	/* the summary: each line starts with the prefix and the file */
	pm_buf_init(&out, 0);
	assert_int_equal(pm_sbom_summary(doc, "P: ", &out, &d), 0);
	const char *first = "P: " DATA "fields.cdx.json: cyclonedx-json ";
	assert_int_equal(strncmp(out.data, first, strlen(first)), 0);
	assert_int_equal(count_of(out.data, "\n"), count_of(out.data, "\nP: ") + 1);
	pm_buf_free(&out);

	pm_sbom_free(doc);
	pm_diags_free(&d);
}

/* every truncation of a valid file fails cleanly or loads: never a crash */
static void test_truncations(void **state)
{
	(void)state;
	static const char *const files[] = {DATA "fields.cdx.json", DATA "fields.cdx.xml", DATA "fields.spdx.json",
	                                    DATA "fields.spdx"};
	for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
		FILE *fp = fopen(files[f], "rb");
		assert_non_null(fp);
		char *buf = malloc(1 << 16);
		assert_non_null(buf);
		size_t n = fread(buf, 1, 1 << 16, fp);
		fclose(fp);
		for (size_t cut = 0; cut < n; cut += 97) {
			pm_diags d;
			pm_diags_init(&d);
			pm_sbom_doc *doc = NULL;
			int rc = pm_sbom_parse(buf, cut, files[f], -1, &doc, &d);
			if (rc < 0) {
				assert_null(doc);
				assert_true(d.errors > 0);
			}
			pm_sbom_free(doc);
			pm_diags_free(&d);
		}
		free(buf);
	}
}

/* ---- dates, support, names -------------------------------------------------------------- */

static void test_dates_support(void **state)
{
	(void)state;
	char out[11];
	static const struct {
		const char *in, *out;
	} ok[] = {
	        {"2026-09-07", "2026-09-07"},
	        {"2026-09-07T12:00:00Z", "2026-09-07"},
	        {"2026-09-07T12:00:00.123+02:00", "2026-09-07"},
	        {"2026-09-07T23:59:59-0500", "2026-09-07"},
	        {"2024-02-29", "2024-02-29"},
	        {" 2026-01-31 ", "2026-01-31"},
	        {"2026-09-07 12:00", "2026-09-07"},
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		assert_int_equal(pm_sbom_date(ok[i].in, out), 0);
		assert_string_equal(out, ok[i].out);
	}
	static const char *const no[] = {"",
	                                 "soon",
	                                 "2026-13-01",
	                                 "2023-02-29",
	                                 "2026-04-31",
	                                 "2026-9-7",
	                                 "2026-09-07T25:00:00Z",
	                                 "2026-09-07X",
	                                 "20260907",
	                                 "2026-09-07T12:00:00ZZ"};
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
		if (pm_sbom_date(no[i], out) != -1)
			fail_msg("date \"%s\" accepted", no[i]);
		assert_string_equal(out, "");
	}
	assert_int_equal(pm_sbom_date(NULL, out), -1);

	assert_int_equal(pm_sbom_support_of("active"), PM_SUP_ACTIVE);
	assert_int_equal(pm_sbom_support_of("Deprecated"), PM_SUP_NO_LONGER);
	assert_int_equal(pm_sbom_support_of("EOL"), PM_SUP_NO_LONGER);
	assert_int_equal(pm_sbom_support_of("abandoned"), PM_SUP_ABANDONED);
	assert_int_equal(pm_sbom_support_of("unknown"), PM_SUP_UNKNOWN);
	assert_int_equal(pm_sbom_support_of("actively_maintained"), PM_SUP_ACTIVE);
	assert_int_equal(pm_sbom_support_of("no_longer_maintained"), PM_SUP_NO_LONGER);
	assert_int_equal(pm_sbom_support_of("maybe"), -1);
	assert_int_equal(pm_sbom_support_of(NULL), -1);

	assert_string_equal(pm_sbom_format_name(PM_SBF_CDX_JSON), "cyclonedx-json");
	assert_string_equal(pm_sbom_format_name(PM_SBF_SPDX_TAG), "spdx-tag-value");
	assert_string_equal(pm_sbom_format_name(99), "?");
	assert_string_equal(pm_sbom_ntia_name(PM_NTIA_SUPPLIER), "supplier");
	assert_string_equal(pm_sbom_ntia_name(PM_NTIA_TIMESTAMP), "timestamp");
	assert_null(pm_sbom_ntia_name(3));

	assert_int_equal(pm_sbom_detect("  {\"bomFormat\": 1}", 19), PM_SBF_CDX_JSON);
	assert_int_equal(pm_sbom_detect("{\"spdxVersion\": 1}", 18), PM_SBF_SPDX_JSON);
	assert_int_equal(pm_sbom_detect("<bom/>", 6), PM_SBF_CDX_XML);
	assert_int_equal(pm_sbom_detect("# c\nSPDXVersion: SPDX-2.3\n", 26), PM_SBF_SPDX_TAG);
	assert_int_equal(pm_sbom_detect("hello", 5), -1);
	assert_int_equal(pm_sbom_detect("", 0), -1);
}

/* ---- export ---------------------------------------------------------------------------- */

static const pm_sbom_export_meta META = {
        .date = "2026-10-28",
        .tool_version = "0.1.0",
        .author = "LabStream GmbH",
        .device_name = "Lab Analyzer",
        .device_version = "2.1",
        .device_supplier = "LabStream GmbH",
        .device_ref = "analyzer",
        .deps_complete = 1,
};

static char *export_doc(const pm_sbom_doc *doc, pm_diags *d, size_t *len)
{
	pm_buf out;
	pm_buf_init(&out, 0);
	assert_int_equal(pm_sbom_export_cdx(doc->comps, doc->n_comps, doc->deps, doc->n_deps, &META, &out, d), 0);
	return pm_buf_detach(&out, len);
}

/* 0 valid, 1 invalid, 77 validator or schema unavailable */
static int validate_cdx(const char *json, size_t len, const char *name)
{
	const char *shared = pm_test_shared_dir();
	if (!shared || access("/usr/bin/python3", X_OK) != 0)
		return 77;
	char schemas[1024];
	snprintf(schemas, sizeof schemas, "%s/schemas", shared);
	char sp[1100];
	snprintf(sp, sizeof sp, "%s/bom-1.6.schema.json", schemas);
	if (access(sp, R_OK) != 0)
		return 77;
	char jf[] = "/tmp/pm-test-sbom-XXXXXX";
	int fd = mkstemp(jf);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, json, len), (ssize_t)len);
	close(fd);
	char script[] = "/tmp/pm-test-sbom-py-XXXXXX";
	fd = mkstemp(script);
	assert_true(fd >= 0);
	static const char py[] =
	        "import json, os, sys\n"
	        "try:\n"
	        "    import jsonschema\n"
	        "except ImportError:\n"
	        "    sys.exit(77)\n"
	        "d = sys.argv[1]\n"
	        "store = {}\n"
	        "for n in ('bom-1.6.schema.json', 'spdx.schema.json', 'jsf-0.82.schema.json'):\n"
	        "    with open(os.path.join(d, n)) as f:\n"
	        "        s = json.load(f)\n"
	        "    store[s['$id']] = s\n"
	        "schema = store['http://cyclonedx.org/schema/bom-1.6.schema.json']\n"
	        "resolver = jsonschema.RefResolver(schema['$id'], schema, store=store)\n"
	        "v = jsonschema.Draft7Validator(schema, resolver=resolver, format_checker=jsonschema.FormatChecker())\n"
	        "with open(sys.argv[2]) as f:\n"
	        "    doc = json.load(f)\n"
	        "errs = list(v.iter_errors(doc))\n"
	        "for e in errs[:5]:\n"
	        "    print('schema:', e.message, list(e.absolute_path), file=sys.stderr)\n"
	        "sys.exit(1 if errs else 0)\n";
	assert_int_equal(write(fd, py, sizeof py - 1), (ssize_t)(sizeof py - 1));
	close(fd);
	char cmd[3000];
	snprintf(cmd, sizeof cmd, "/usr/bin/python3 '%s' '%s' '%s'", script, schemas, jf);
	int st = system(cmd);
	unlink(jf);
	unlink(script);
	int rc = st == -1 ? 77 : WEXITSTATUS(st);
	if (rc == 77)
		printf("sbom export %s: python3 jsonschema not available, schema check skipped\n", name);
	return rc;
}

static void test_export(void **state)
{
	(void)state;
	static const char *const files[] = {DATA "fields.cdx.json", DATA "fields.cdx.xml", DATA "fields.spdx.json",
	                                    DATA "fields.spdx"};
	int validated = 0;
	for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
		pm_diags d;
		pm_diags_init(&d);
		pm_sbom_doc *doc = NULL;
		assert_int_equal(pm_sbom_load(files[f], -1, &doc, &d), 0);
		pm_diags_free(&d);
		pm_diags_init(&d);
		size_t l1, l2;
		char *a = export_doc(doc, &d, &l1);
		char *b = export_doc(doc, &d, &l2);
		/* deterministic: byte-identical */
		assert_int_equal(l1, l2);
		assert_memory_equal(a, b, l1);
		assert_non_null(strstr(a, "\"specVersion\": \"1.6\""));
		assert_non_null(strstr(a, "\"serialNumber\": \"urn:uuid:"));
		assert_non_null(strstr(a, "\"timestamp\": \"2026-10-28T00:00:00Z\""));
		int v = validate_cdx(a, l1, files[f]);
		if (v != 77) {
			if (v != 0)
				fail_msg("export of %s does not validate against bom-1.6.schema.json:\n%s", files[f],
				         a);
			validated++;
		}
		/* round trip: what was written reads back the same */
		pm_sbom_doc *back = NULL;
		pm_diags_free(&d);
		pm_diags_init(&d);
		if (pm_sbom_parse(a, l1, "export.cdx.json", -1, &back, &d) != 0)
			fail_msg("export of %s does not read back: %s", files[f], d.n ? d.v[0].msg : "");
		assert_int_equal(back->n_comps, doc->n_comps);
		assert_int_equal(back->n_top, doc->n_top);
		for (size_t i = 0; i < doc->n_comps; i++) {
			const pm_sbom_comp *x = &doc->comps[i], *y = &back->comps[i];
			assert_str(y->id, x->id);
			assert_str(y->name, x->name);
			assert_str(y->version, x->version);
			assert_str(y->supplier, x->supplier);
			assert_str(y->purl, x->purl);
			assert_str(y->cpe, x->cpe);
			assert_str(y->swid, x->swid);
			assert_str(y->licenses, x->licenses);
			assert_int_equal(y->parent, x->parent);
			assert_int_equal(y->support, x->support);
			assert_str(y->end_of_support, x->end_of_support);
			assert_int_equal(y->n_hashes, x->n_hashes);
			for (size_t h = 0; h < x->n_hashes; h++) {
				assert_str(y->hashes[h].alg, x->hashes[h].alg);
				assert_str(y->hashes[h].value, x->hashes[h].value);
			}
		}
		assert_int_equal(back->n_deps, doc->n_deps);
		assert_int_equal(back->n_dep_entries,
		                 doc->n_comps + 1); /* deps_complete: every component and the device */
		assert_non_null(back->meta);
		assert_string_equal(back->meta->name, "Lab Analyzer");
		assert_string_equal(back->author, "LabStream GmbH");
		assert_string_equal(back->tools, "premarket 0.1.0");
		assert_int_equal(back->ntia_missing, 0);
		pm_sbom_free(back);
		free(a);
		free(b);
		pm_sbom_free(doc);
		pm_diags_free(&d);
	}
	printf("sbom export: %d of 4 exports validated against bom-1.6.schema.json\n", validated);
}

static void test_export_checks(void **state)
{
	(void)state;
	pm_sbom_hash hashes[] = {
	        {"SHA256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	        {"FOO-1", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	        {"SHA-1", "not hex"},
	};
	pm_sbom_comp comps[3];
	memset(comps, 0, sizeof comps);
	comps[0].id = "A";
	comps[0].name = "a \"quoted\"\n";
	comps[0].type = "operating_system";
	comps[0].hashes = hashes;
	comps[0].n_hashes = 3;
	comps[0].support = PM_SUP_NO_LONGER;
	comps[0].end_of_support = "never";
	comps[0].parent = -1;
	comps[1].id = "B";
	comps[1].name = "b";
	comps[1].parent = 0;
	comps[1].support = -1;
	comps[2].name = "c";
	comps[2].parent = -1;
	comps[2].support = -1;
	pm_sbom_dep deps[] = {{0, 2}, {0, 2}, {PM_SBOM_META, 0}};
	pm_sbom_export_meta meta = {.date = "2026-10-28T09:14:00+01:00", .device_name = "Dev"};
	pm_diags d;
	pm_diags_init(&d);
	pm_buf out;
	pm_buf_init(&out, 0);
	assert_int_equal(pm_sbom_export_cdx(comps, 3, deps, 3, &meta, &out, &d), 0);
	assert_int_equal(d.warnings, 3); /* unknown algorithm, bad digest, bad date */
	assert_non_null(strstr(out.data, "\"alg\": \"SHA-256\""));
	assert_null(strstr(out.data, "FOO-1"));
	assert_non_null(strstr(out.data, "\"type\": \"operating-system\""));
	assert_non_null(strstr(out.data, "\"bom-ref\": \"component-3\""));
	assert_non_null(strstr(out.data, "\"timestamp\": \"2026-10-28T09:14:00+01:00\""));
	assert_non_null(strstr(out.data, "{ \"ref\": \"A\", \"dependsOn\": [ \"component-3\" ] }"));
	assert_non_null(strstr(out.data, "{ \"ref\": \"device\", \"dependsOn\": [ \"A\" ] }"));
	assert_null(strstr(out.data, "{ \"ref\": \"B\"")); /* deps_complete 0 */
	assert_non_null(
	        strstr(out.data, "\"name\": \"premarket:fda:levelOfSupport\", \"value\": \"no_longer_maintained\""));
	int v = validate_cdx(out.data, out.len, "checks");
	if (v != 77 && v != 0)
		fail_msg("export does not validate:\n%s", out.data);
	pm_sbom_doc *back = NULL;
	pm_diags_free(&d);
	pm_diags_init(&d);
	assert_int_equal(pm_sbom_parse(out.data, out.len, "x.json", -1, &back, &d), 0);
	assert_string_equal(back->comps[0].name, "a \"quoted\"");
	assert_int_equal(back->comps[1].parent, 0);
	assert_int_equal(back->comps[0].support, PM_SUP_NO_LONGER);
	pm_sbom_free(back);
	pm_diags_free(&d);

	/* bad indices and duplicate ids are refused, out left as it was */
	size_t before = out.len;
	pm_diags_init(&d);
	pm_sbom_dep baddep[] = {{0, 7}};
	assert_int_equal(pm_sbom_export_cdx(comps, 3, baddep, 1, &meta, &out, &d), -1);
	assert_true(pm_diags_has(&d, PM_ERR_USAGE));
	comps[1].id = "A";
	assert_int_equal(pm_sbom_export_cdx(comps, 3, NULL, 0, &meta, &out, &d), -1);
	comps[1].id = "B";
	comps[1].parent = 2;
	assert_int_equal(pm_sbom_export_cdx(comps, 3, NULL, 0, &meta, &out, &d), -1);
	pm_sbom_dep metadep[] = {{PM_SBOM_META, 0}};
	comps[1].parent = 0;
	assert_int_equal(pm_sbom_export_cdx(comps, 3, metadep, 1, NULL, &out, &d), -1); /* no device */
	assert_int_equal(out.len, before);
	pm_diags_free(&d);
	/* the size cap */
	pm_buf small;
	pm_buf_init(&small, 100);
	pm_diags_init(&d);
	assert_int_equal(pm_sbom_export_cdx(comps, 3, NULL, 0, &meta, &small, &d), -1);
	assert_int_equal(small.len, 0);
	assert_true(pm_diags_has(&d, PM_ERR_OUTPUT));
	pm_buf_free(&small);
	pm_diags_free(&d);
	/* no components at all */
	pm_buf_clear(&out);
	pm_diags_init(&d);
	assert_int_equal(pm_sbom_export_cdx(NULL, 0, NULL, 0, NULL, &out, &d), 0);
	v = validate_cdx(out.data, out.len, "empty");
	if (v != 77 && v != 0)
		fail_msg("empty export does not validate:\n%s", out.data);
	pm_diags_free(&d);
	pm_buf_free(&out);
}

/* ---- size (make slow) -------------------------------------------------------------------- */

/* CPU seconds used so far: the limits below stop a runaway parse, they do not
 * measure speed, so neither a busy machine nor a sanitizer may trip them
 * (see pm_test_timeout_scale). */
static double now(void)
{
	return (double)clock() / CLOCKS_PER_SEC;
}

static void test_large(void **state)
{
	(void)state;
	pm_buf b;
	pm_buf_init(&b, 0);
	pm_buf_puts(&b,
	            "{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.5\",\n  \"metadata\": {\"timestamp\": "
	            "\"2026-01-01T00:00:00Z\"},\n  \"components\": [\n");
	const int n = 1500;
	for (int i = 0; i < n; i++)
		pm_buf_printf(
		        &b,
		        "    {\"type\": \"library\", \"bom-ref\": \"pkg:npm/lib-%d@1.%d.0\", \"name\": \"lib-%d\", "
		        "\"version\": \"1.%d.0\", \"supplier\": {\"name\": \"Supplier %d\"}, \"purl\": "
		        "\"pkg:npm/lib-%d@1.%d.0\", \"description\": \"A library used for the benchmark of "
		        "the SBOM reader; it is padded so that the file reaches two megabytes, as a large "
		        "real SBOM would with its descriptions, licences, hashes and external references "
		        "(number %d)\", \"hashes\": [{\"alg\": \"SHA-256\", \"content\": "
		        "\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"}], "
		        "\"licenses\": [{\"license\": {\"id\": \"MIT\"}}], \"properties\": [{\"name\": "
		        "\"cdx:lifecycle:milestone:endOfSupport\", \"value\": \"2030-01-01\"}, {\"name\": "
		        "\"cdx:cle:supportStatus\", \"value\": \"active\"}, {\"name\": \"x:pad\", \"value\": "
		        "\"%0600d\"}]}%s\n",
		        i, i, i, i, i % 50, i, i, i, i, i + 1 < n ? "," : "");
	pm_buf_puts(&b, "  ],\n  \"dependencies\": [\n");
	for (int i = 0; i < n; i++)
		pm_buf_printf(
		        &b, "    {\"ref\": \"pkg:npm/lib-%d@1.%d.0\", \"dependsOn\": [\"pkg:npm/lib-%d@1.%d.0\"]}%s\n",
		        i, i, (i + 1) % n, (i + 1) % n, i + 1 < n ? "," : "");
	pm_buf_puts(&b, "  ]\n}\n");
	printf("sbom: generated %zu bytes\n", b.len);
	assert_true(b.len >= 2000000);
	pm_diags d;
	pm_diags_init(&d);
	pm_sbom_doc *doc = NULL;
	double t0 = now();
	assert_int_equal(pm_sbom_parse(b.data, b.len, "large.json", -1, &doc, &d), 0);
	double t = now() - t0;
	assert_int_equal(doc->n_comps, (size_t)n);
	assert_int_equal(doc->n_deps, (size_t)n);
	assert_int_equal(doc->comps[n - 1].support, PM_SUP_ACTIVE);
	printf("sbom: %zu bytes, %d components loaded in %.3f s of CPU\n", b.len, n, t);
	assert_true(t < 30.0 * pm_test_timeout_scale());
	pm_buf out;
	pm_buf_init(&out, 0);
	t0 = now();
	assert_int_equal(pm_sbom_export_cdx(doc->comps, doc->n_comps, doc->deps, doc->n_deps, NULL, &out, &d), 0);
	printf("sbom: exported %zu bytes in %.3f s of CPU\n", out.len, now() - t0);
	pm_buf_free(&out);
	pm_sbom_free(doc);
	pm_diags_free(&d);
	pm_buf_free(&b);
}

/* a minified (one-line) XML BOM: located warnings stay exact and the load
 * stays linear */
static void test_large_xml_one_line(void **state)
{
	(void)state;
	pm_buf b;
	pm_buf_init(&b, 0);
	pm_buf_puts(&b, "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"><components>");
	const int n = 1500;
	for (int i = 0; i < n; i++)
		pm_buf_printf(
		        &b,
		        "<component type=\"library\" bom-ref=\"c%d\"><supplier><name>S\xc3\xa9</name></supplier>"
		        "<name>lib-%d</name><version>1.0</version><description>%0800d</description>"
		        "<purl>pkg:generic/lib-%d@1.0</purl><properties><property name=\"cdx:cle:supportStatus\">%s"
		        "</property></properties></component>",
		        i, i, i, i, i == n - 1 ? "bogus" : "active");
	pm_buf_puts(&b, "</components><dependencies>");
	for (int i = 0; i < n; i++)
		pm_buf_printf(&b, "<dependency ref=\"c%d\"><dependency ref=\"c%d\"/></dependency>", i, (i + 1) % n);
	pm_buf_puts(&b, "</dependencies></bom>");
	/* the column of the last <property: characters before it, plus one */
	const char *last = NULL;
	for (const char *p = b.data; (p = strstr(p, "<property ")); p++)
		last = p;
	size_t col = 1;
	for (const char *p = b.data; p < last; p++)
		col += ((unsigned char)*p & 0xC0) != 0x80;
	pm_diags d;
	pm_diags_init(&d);
	pm_sbom_doc *doc = NULL;
	double t0 = now();
	assert_int_equal(pm_sbom_parse(b.data, b.len, "one-line.xml", -1, &doc, &d), 0);
	double t = now() - t0;
	printf("sbom: %zu bytes of XML on one line, %d components loaded in %.3f s of CPU\n", b.len, n, t);
	assert_true(t < 30.0 * pm_test_timeout_scale());
	assert_int_equal(doc->n_comps, (size_t)n);
	assert_int_equal(doc->n_deps, (size_t)n);
	assert_string_equal(doc->comps[0].supplier, "S\xc3\xa9");
	assert_int_equal(d.warnings, 1);
	assert_int_equal(d.v[0].line, 1);
	assert_int_equal(d.v[0].col, col);
	assert_int_equal(doc->comps[1].line, 1);
	pm_sbom_free(doc);
	pm_diags_free(&d);
	pm_buf_free(&b);
}

/* a byte order mark is not a column */
static void test_bom_column(void **state)
{
	(void)state;
	pm_diags d;
	pm_sbom_doc *doc = NULL;
	static const char bom[] = "\xEF\xBB\xBF<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"><components>"
	                          "<component type=\"library\"><name>x</name></component>\n"
	                          "  <component><name>y</name><properties><property name=\"cdx:cle:endOfSupport\">"
	                          "later</property></properties></component></components></bom>";
	pm_diags_init(&d);
	assert_int_equal(pm_sbom_parse(bom, sizeof bom - 1, "bom.xml", -1, &doc, &d), 0);
	assert_int_equal(doc->comps[0].line, 1);
	assert_int_equal(doc->comps[0].col, 62);
	assert_int_equal(doc->comps[1].line, 2);
	assert_int_equal(doc->comps[1].col, 3);
	assert_int_equal(d.warnings, 1);
	assert_int_equal(d.v[0].line, 2);
	assert_int_equal(d.v[0].col, 40);
	pm_sbom_free(doc);
	pm_diags_free(&d);
}

/* Issue 15: a CVSS v4.0 vector without its "CVSS:4.0/" prefix is v4.0 by
 * its method or, without one, by its metrics; its normalised vector keeps
 * that version (the model import used to prefix every bare vector
 * "CVSS:3.1/"); a vector that is neither version is a located warning. */
static void test_rating_versions(void **state)
{
	(void)state;
	static const struct {
		const char *method, *vector, *want; /* want NULL: not scored, a warning */
		int version;
	} cases[] = {
	        {"CVSSv4", "AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "CVSS:4.0/", 40},
	        {NULL, "AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "CVSS:4.0/", 40},
	        {NULL, "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/", 31},
	        {"CVSSv31", "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/", 31},
	        {"CVSSv3", "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/", 31},
	        {"other", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "CVSS:4.0/", 40},
	        {"CVSSv31", "AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", NULL, 0},
	        {"CVSSv4", "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", NULL, 0},
	        {NULL, "AV:N/AC:L/AT:N/PR:N/UI:N/S:U/C:H/I:H/A:H", NULL, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char bom[1024];
		snprintf(bom, sizeof bom,
		         "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\",\n"
		         " \"components\": [{\"type\": \"library\", \"name\": \"x\", \"bom-ref\": \"x\"}],\n"
		         " \"vulnerabilities\": [{\"id\": \"CVE-2024-0001\", \"ratings\": [\n"
		         "  {%s%s%s\"vector\": \"%s\"}]}]}\n",
		         cases[i].method ? "\"method\": \"" : "", cases[i].method ? cases[i].method : "",
		         cases[i].method ? "\", " : "", cases[i].vector);
		pm_diags d;
		pm_diags_init(&d);
		pm_sbom_doc *doc = NULL;
		assert_int_equal(pm_sbom_parse(bom, strlen(bom), "r.json", -1, &doc, &d), 0);
		const pm_sbom_rating *r = &doc->vulns[0].ratings[0];
		if (cases[i].want) {
			assert_true(r->vector_ok);
			assert_int_equal(r->cvss_version, cases[i].version);
			assert_true(strncmp(r->cvss_vector, cases[i].want, 9) == 0);
			const char *bare =
			        strncmp(cases[i].vector, "CVSS:", 5) == 0 ? cases[i].vector + 9 : cases[i].vector;
			assert_string_equal(r->cvss_vector + 9, bare);
			assert_int_equal(d.warnings, 0);
		} else {
			assert_false(r->vector_ok);
			assert_null(r->cvss_vector);
			assert_int_equal(d.warnings, 1);
			assert_true(strstr(d.v[0].msg, "invalid CVSS vector") != NULL);
			assert_int_equal(d.v[0].line, 4);
			assert_true(d.v[0].col > 3);
		}
		pm_sbom_free(doc);
		pm_diags_free(&d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_samples),          cmocka_unit_test(test_laravel_json_equals_xml),
	        cmocka_unit_test(test_cdx_json_fields),  cmocka_unit_test(test_cdx_xml_fields),
	        cmocka_unit_test(test_spdx_json_fields), cmocka_unit_test(test_spdx_tag_fields),
	        cmocka_unit_test(test_hostile),          cmocka_unit_test(test_deep_nesting),
	        cmocka_unit_test(test_io_errors),        cmocka_unit_test(test_truncations),
	        cmocka_unit_test(test_dates_support),    cmocka_unit_test(test_export),
	        cmocka_unit_test(test_export_checks),    cmocka_unit_test(test_list),
	        cmocka_unit_test(test_bom_column),       cmocka_unit_test(test_rating_versions),
	};
	/* make slow: 2 MB of JSON, 1.4 MB of XML on one line */
	const struct CMUnitTest slow[] = {
	        cmocka_unit_test(test_large),
	        cmocka_unit_test(test_large_xml_one_line),
	};
	if (pm_test_slow_group())
		return cmocka_run_group_tests_name("sbom (slow)", slow, NULL, NULL);
	return cmocka_run_group_tests_name("sbom", tests, NULL, NULL);
}
