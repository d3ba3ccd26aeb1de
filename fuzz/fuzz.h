/* fuzz.h — what every fuzz target shares (docs/internals.md, "Fuzzing").
 *
 * Each fuzz/fuzz_NAME.c defines LLVMFuzzerTestOneInput() for one parser or
 * renderer of the library.  It is linked with libFuzzer by `make fuzz`
 * (clang -fsanitize=fuzzer,address,undefined) and with fuzz/replay.c by
 * `make check`, which feeds it every file of fuzz/corpus/NAME/ and
 * fuzz/regress/NAME/.  A target must not leak, must not depend on earlier
 * inputs, and returns 0. */
#ifndef PM_FUZZ_H
#define PM_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of the input (the caller frees it). */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = pm_xmalloc(size + 1);
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
