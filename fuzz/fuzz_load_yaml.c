/* fuzz_load_yaml.c — the YAML model loader (fuzz_load_common.h). */
#include "fuzz_load_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_load("fuzz.yaml", data, size);
}
