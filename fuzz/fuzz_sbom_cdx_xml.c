/* fuzz_sbom_cdx_xml.c — the CycloneDX XML SBOM reader (fuzz_sbom_common.h). */
#include "fuzz_sbom_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_sbom(PM_SBF_CDX_XML, data, size);
}
