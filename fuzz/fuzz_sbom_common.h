/* fuzz_sbom_common.h — one SBOM reader on the input (pm_sbom_parse), then
 * format detection and the CycloneDX export of what it read, as `premarket
 * sbom` and the build do.  Included by fuzz_sbom_*.c, one per format. */
#include "fuzz.h"
#include "premarket/enums.h"
#include "premarket/sbom.h"

static int fuzz_sbom(int format, const uint8_t *data, size_t size)
{
	if (size > (1 << 20))
		return 0;
	pm_diags d;
	pm_diags_init(&d);
	pm_sbom_detect((const char *)data, size);
	pm_sbom_doc *doc = NULL;
	if (pm_sbom_parse((const char *)data, size, "fuzz.sbom", format, &doc, &d) == 0) {
		pm_buf out;
		pm_buf_init(&out, 16 << 20);
		pm_sbom_export_cdx(doc->comps, doc->n_comps, doc->deps, doc->n_deps, NULL, &out, &d);
		pm_buf_free(&out);
		pm_sbom_free(doc);
	}
	pm_diags_free(&d);
	return 0;
}
