/* hash.h — the one string hash of the hash tables (ids, anchors, map keys,
 * heading slugs): FNV-1a, 64 bit.  Not for anything security-related. */
#ifndef PM_HASH_H
#define PM_HASH_H
#include <stddef.h>
#include <stdint.h>

static inline uint64_t pm_hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 14695981039346656037ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 1099511628211ull;
	return h;
}

static inline uint64_t pm_hash_str(const char *s)
{
	uint64_t h = 14695981039346656037ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}
#endif
