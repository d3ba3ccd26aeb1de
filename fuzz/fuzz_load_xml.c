/* fuzz_load_xml.c — the submission.xml reader and the loader behind it
 * (fuzz_load_common.h). */
#include "fuzz_load_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_load("fuzz.xml", data, size);
}
