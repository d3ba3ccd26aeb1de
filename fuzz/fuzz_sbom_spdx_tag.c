/* fuzz_sbom_spdx_tag.c — the SPDX tag-value SBOM reader (fuzz_sbom_common.h). */
#include "fuzz_sbom_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_sbom(PM_SBF_SPDX_TAG, data, size);
}
