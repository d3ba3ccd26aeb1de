/* fuzz_load_common.h — the model loader on one in-memory file
 * (pm_model_load_mem), then the risk register, as `premarket score` runs
 * them.  Included by fuzz_load_yaml.c and fuzz_load_xml.c, which differ by
 * the file name (".yaml" or ".xml" decides the parser). */
#include "fuzz.h"
#include "premarket/load.h"
#include "premarket/risk.h"

static int fuzz_load(const char *name, const uint8_t *data, size_t size)
{
	/* tight caps keep one input fast; the caps themselves are tested elsewhere */
	pm_load_options opt = {.max_file_size = 1 << 20, .max_xml_file_size = 1 << 20, .max_files = 8};
	pm_diags d;
	pm_diags_init(&d);
	pm_model *m = NULL;
	if (pm_model_load_mem(name, (const char *)data, size, &opt, &m, &d) == 0) {
		pm_risk_compute(m, &d);
		pm_model_free(m);
	}
	pm_diags_free(&d);
	return 0;
}
