/* strmap.c — string-keyed hash map (see strmap.h). */
#include "strmap.h"
#include "hash.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

void pm_strmap_init(pm_strmap *m)
{
	memset(m, 0, sizeof *m);
}

void pm_strmap_free(pm_strmap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

static size_t slot(const pm_strmap *m, const char *key)
{
	size_t mask = m->cap - 1, i = (size_t)pm_hash_str(key) & mask;
	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & mask;
	return i;
}

static void grow(pm_strmap *m)
{
	pm_strmap old = *m;
	m->cap = old.cap ? 2 * old.cap : 64;
	m->keys = pm_xcalloc(m->cap, sizeof *m->keys);
	m->vals = pm_xcalloc(m->cap, sizeof *m->vals);
	for (size_t i = 0; i < old.cap; i++)
		if (old.keys[i]) {
			size_t j = slot(m, old.keys[i]);
			m->keys[j] = old.keys[i];
			m->vals[j] = old.vals[i];
		}
	free(old.keys);
	free(old.vals);
}

int pm_strmap_put(pm_strmap *m, const char *key, size_t val, size_t *old)
{
	if (2 * (m->n + 1) > m->cap)
		grow(m);
	size_t i = slot(m, key);
	if (m->keys[i]) {
		if (old)
			*old = m->vals[i];
		return 0;
	}
	m->keys[i] = key;
	m->vals[i] = val;
	m->n++;
	return 1;
}

int pm_strmap_get(const pm_strmap *m, const char *key, size_t *val)
{
	if (!m->cap || !key)
		return 0;
	size_t i = slot(m, key);
	if (!m->keys[i])
		return 0;
	if (val)
		*val = m->vals[i];
	return 1;
}

int pm_strmap_set(pm_strmap *m, const char *key, size_t val)
{
	if (!m->cap || !key)
		return -1;
	size_t i = slot(m, key);
	if (!m->keys[i])
		return -1;
	m->vals[i] = val;
	return 0;
}
