/* view_intern.c — shared values and derived keys of the template view
 * (gen/view_intern.h): an open-addressing table keyed on (pointer, tag). */
#include "view_intern.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { TAG_CONST = PM_VK_COUNT };

struct slot {
	const void *p; /* NULL: empty */
	unsigned tag;
	void *v;
};

struct pm_view_intern {
	pm_value_arena *a;
	struct slot *s;
	size_t n, cap; /* cap a power of two; load <= 1/2 */
};

pm_view_intern *pm_view_intern_new(pm_value_arena *a)
{
	pm_view_intern *in = pm_xcalloc(1, sizeof *in);
	in->a = a;
	in->cap = 256;
	in->s = pm_xcalloc(in->cap, sizeof *in->s);
	return in;
}

void pm_view_intern_free(pm_view_intern *in)
{
	if (!in)
		return;
	free(in->s);
	free(in);
}

static size_t slot_of(const pm_view_intern *in, const void *p, unsigned tag)
{
	uint64_t h = (uint64_t)(uintptr_t)p * 0x9e3779b97f4a7c15ull ^ (uint64_t)tag * 0xc2b2ae3d27d4eb4full;
	size_t mask = in->cap - 1, i = (size_t)(h >> 17) & mask;
	while (in->s[i].p && (in->s[i].p != p || in->s[i].tag != tag))
		i = (i + 1) & mask;
	return i;
}

static void *get(pm_view_intern *in, const void *p, unsigned tag)
{
	return in->s[slot_of(in, p, tag)].v;
}

static void put(pm_view_intern *in, const void *p, unsigned tag, void *v)
{
	if ((in->n + 1) * 2 > in->cap) {
		struct slot *old = in->s;
		size_t oldcap = in->cap;
		in->cap *= 2;
		in->s = pm_xcalloc(in->cap, sizeof *in->s);
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].p)
				in->s[slot_of(in, old[i].p, old[i].tag)] = old[i];
		free(old);
	}
	size_t i = slot_of(in, p, tag);
	if (!in->s[i].p)
		in->n++;
	in->s[i].p = p;
	in->s[i].tag = tag;
	in->s[i].v = v;
}

const char *pm_view_key(pm_view_intern *in, const char *key, pm_view_key_kind kind)
{
	char *k = get(in, key, (unsigned)kind);
	if (k)
		return k;
	static const char *const pre[] = {"", "", "has_", "n_"};
	static const char *const post[] = {"_text", "_label", "", ""};
	size_t a = strlen(pre[kind]), n = strlen(key), z = strlen(post[kind]);
	char *buf = pm_xmalloc(a + n + z + 1);
	memcpy(buf, pre[kind], a);
	memcpy(buf + a, key, n);
	memcpy(buf + a + n, post[kind], z + 1);
	pm_value *s = pm_value_string(in->a, buf, a + n + z); /* the arena keeps the bytes */
	free(buf);
	k = (char *)pm_value_get_string(s, NULL);
	put(in, key, (unsigned)kind, k);
	return k;
}

pm_value *pm_view_const(pm_view_intern *in, const char *s)
{
	if (!s)
		return pm_value_null(in->a);
	pm_value *v = get(in, s, TAG_CONST);
	if (!v) {
		v = pm_value_string_ref(in->a, s, strlen(s));
		put(in, s, TAG_CONST, v);
	}
	return v;
}

pm_value *pm_view_memo_get(pm_view_intern *in, const void *p, unsigned tag)
{
	return get(in, p, tag);
}

void pm_view_memo_set(pm_view_intern *in, const void *p, unsigned tag, pm_value *v)
{
	put(in, p, tag, v);
}
