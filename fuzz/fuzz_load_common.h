/* fuzz_load_common.h — the model loader on one in-memory file
 * (pm_model_load_mem), then the risk register, as `premarket score` runs
 * them; a model that loads is then written as submission.xml, which must
 * pass the build's own check (pm_verify_output: the XSD) and load again
 * (issue 15: `validate` on any submission.xml `build` wrote succeeds), and
 * its CycloneDX export must pass its check; otherwise the target aborts.
 * Included by fuzz_load_yaml.c and fuzz_load_xml.c, which differ by the
 * file name (".yaml" or ".xml" decides the parser). */
#include "fuzz.h"
#include "premarket/load.h"
#include "premarket/risk.h"
#include "premarket/sbom_model.h"
#include "premarket/verify.h"
#include "premarket/xml.h"

#include <stdio.h>

/* tight caps keep one input fast; the caps themselves are tested elsewhere */
static const pm_load_options fuzz_opt = {.max_file_size = 1 << 20, .max_xml_file_size = 4 << 20, .max_files = 8};

static void fuzz_bug(const char *what, const pm_diags *d)
{
	fprintf(stderr, "fuzz: %s\n", what);
	for (size_t i = 0; d && i < d->n && i < 10; i++)
		fprintf(stderr, "  %s:%u:%u: %s\n", d->v[i].file ? d->v[i].file : "", d->v[i].line, d->v[i].col,
		        d->v[i].msg);
	abort();
}

/* What the build writes of m must pass its checks, and the XML must load. */
static void fuzz_outputs(const pm_model *m)
{
	pm_diags d;
	pm_diags_init(&d);
	pm_buf xml;
	pm_buf_init(&xml, 4 << 20);
	if (pm_render_xml(m, &xml, &d) == 0) {
		if (pm_verify_output("submission.xml", xml.data, xml.len, &d) != 0)
			fuzz_bug("the submission.xml of a model that loads fails the XSD", &d);
		pm_model *back = NULL;
		pm_diags_free(&d);
		pm_diags_init(&d);
		if (pm_model_load_mem("fuzz-written.xml", xml.data, xml.len, &fuzz_opt, &back, &d) != 0)
			fuzz_bug("the submission.xml of a model that loads does not load", &d);
		pm_model_free(back);
	}
	pm_buf_free(&xml);
	pm_diags_free(&d);
	pm_diags_init(&d);
	pm_buf cdx;
	pm_buf_init(&cdx, 4 << 20);
	if (pm_sbom_export_model(m, "2026-01-01", "fuzz", &cdx, &d) == 0 &&
	    pm_verify_output("sbom.cdx.json", cdx.data, cdx.len, &d) != 0)
		fuzz_bug("the CycloneDX export of a model that loads fails its check", &d);
	pm_buf_free(&cdx);
	pm_diags_free(&d);
}

static int fuzz_load(const char *name, const uint8_t *data, size_t size)
{
	pm_diags d;
	pm_diags_init(&d);
	pm_model *m = NULL;
	if (pm_model_load_mem(name, (const char *)data, size, &fuzz_opt, &m, &d) == 0) {
		pm_risk_compute(m, &d);
		fuzz_outputs(m);
		pm_model_free(m);
	}
	pm_diags_free(&d);
	return 0;
}
