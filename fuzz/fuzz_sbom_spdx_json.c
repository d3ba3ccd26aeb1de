/* fuzz_sbom_spdx_json.c — the SPDX JSON SBOM reader (fuzz_sbom_common.h). */
#include "fuzz_sbom_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_sbom(PM_SBF_SPDX_JSON, data, size);
}
