/* strmap.h — the one string-keyed hash map of the library: NUL-terminated
 * keys (borrowed: they must outlive the map) to size_t values, open
 * addressing with linear probing, load factor at most 1/2, FNV-1a
 * (hash.h).  Used for ids, SBOM references and heading ids.  Not a public
 * header.  Zero-initialise (or pm_strmap_init) and free with pm_strmap_free. */
#ifndef PM_STRMAP_H
#define PM_STRMAP_H

#include <stddef.h>

typedef struct pm_strmap {
	const char **keys; /* NULL = empty slot */
	size_t *vals;
	size_t n, cap; /* cap: 0 or a power of two */
} pm_strmap;

void pm_strmap_init(pm_strmap *m);
void pm_strmap_free(pm_strmap *m);

/** Map key to val unless key is present.  Returns 1 when inserted; 0 when
 *  key was present (its value is left as it was and stored in *old when old
 *  is not NULL). */
int pm_strmap_put(pm_strmap *m, const char *key, size_t val, size_t *old);

/** Store key's value in *val (may be NULL) and return 1, or return 0 when
 *  key is absent (or NULL). */
int pm_strmap_get(const pm_strmap *m, const char *key, size_t *val);

/** Replace the value of a present key; returns 0, or -1 when key is absent. */
int pm_strmap_set(pm_strmap *m, const char *key, size_t val);

#endif
