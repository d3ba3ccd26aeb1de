/* value.c — arena-allocated data tree (see include/premarket/value.h).
 *
 * Memory: small objects (values, strings, keys) are bump-allocated from
 * chunks that double in size up to 1 MiB.  Growable arrays (list items, map
 * entries, map hash slots) that outgrow SMALL_ARRAY bytes move to "big"
 * blocks: single malloc blocks that the arena tracks by index, so growing
 * one is a realloc and nothing is wasted.  pm_value_arena_free() frees the
 * chunks and the big blocks.
 *
 * Maps: entries in insertion order, plus, from INDEX_MIN entries on, an
 * open-addressing hash index (linear probing, load <= 1/2) of 32-bit slots
 * holding entry index + 1.  The index grows by doubling, so building a map
 * of n keys costs O(n) and a lookup O(1) on average.  Smaller maps are
 * scanned linearly, which is faster for them.
 */
#include "hash.h"
#include "premarket/value.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_MIN    ((size_t)8 * 1024)
#define CHUNK_MAX    ((size_t)1024 * 1024)
#define SMALL_ARRAY  ((size_t)2048)
#define SMALL_INTS   1024 /* numbers 0..SMALL_INTS-1 are made once an arena */
#define INDEX_MIN    8
#define BLOOM_BIT(h) (1ull << ((h) >> 58))

struct chunk {
	struct chunk *next;
	size_t used, size;
	max_align_t data[];
};

struct big {
	size_t idx; /* position in arena->big */
	max_align_t data[];
};

struct pm_value_arena {
	pm_value *null_v, *true_v, *false_v; /* immutable, shared by every use */
	pm_value *ints[SMALL_INTS];          /* the same: small whole numbers */
	struct chunk *head;
	struct big **big;
	size_t nbig, capbig;
	size_t next_chunk;
	size_t bytes;
};

struct map_entry {
	const char *key;
	pm_value *val;
	uint32_t len;
	uint32_t hash; /* the low half of pm_hash_bytes(key): the slot index uses no more */
};

struct pm_value {
	pm_value_kind kind;
	union {
		int b;
		struct {
			double d;
			const char *s;
			size_t len;
		} num;
		struct {
			const char *s;
			size_t len;
		} str;
		struct {
			pm_value **v;
			size_t n, cap;
			pm_value_arena *a;
		} list;
		struct {
			struct map_entry *e;
			size_t n, cap;
			uint32_t *slot;
			size_t nslot;
			pm_value_arena *a;
			uint64_t bloom; /* bit BLOOM_BIT(hash) of every key: most misses end here */
		} map;
	} u;
};

/* ---- arena ---- */

pm_value_arena *pm_value_arena_new(void)
{
	pm_value_arena *a = pm_xcalloc(1, sizeof *a);
	a->next_chunk = CHUNK_MIN;
	a->bytes = sizeof *a;
	return a;
}

void pm_value_arena_free(pm_value_arena *a)
{
	if (!a)
		return;
	struct chunk *c = a->head;
	while (c) {
		struct chunk *next = c->next;
		free(c);
		c = next;
	}
	for (size_t i = 0; i < a->nbig; i++)
		free(a->big[i]);
	free(a->big);
	free(a);
}

size_t pm_value_arena_bytes(const pm_value_arena *a)
{
	return a ? a->bytes : 0;
}

static size_t align_up(size_t n)
{
	size_t al = sizeof(max_align_t);
	return (n + al - 1) / al * al;
}

/* Bump-allocate n bytes aligned for any type. */
static void *arena_alloc(pm_value_arena *a, size_t n)
{
	n = align_up(n ? n : 1);
	struct chunk *c = a->head;
	if (!c || c->size - c->used < n) {
		size_t size = a->next_chunk;
		while (size < n)
			size *= 2;
		c = pm_xmalloc(sizeof *c + size);
		c->used = 0;
		c->size = size;
		c->next = a->head;
		a->head = c;
		a->bytes += sizeof *c + size;
		if (a->next_chunk < CHUNK_MAX)
			a->next_chunk *= 2;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

static struct big *big_of(void *p)
{
	return (struct big *)(void *)((char *)p - offsetof(struct big, data));
}

/*
 * Resize an array from oldsz to newsz bytes (newsz > oldsz), keeping its
 * content.  Arrays up to SMALL_ARRAY bytes live in chunks; larger ones in
 * big blocks, which are realloc'ed in place of being copied.
 */
static void *arena_grow(pm_value_arena *a, void *old, size_t oldsz, size_t newsz)
{
	if (newsz <= SMALL_ARRAY) {
		void *p = arena_alloc(a, newsz);
		if (oldsz)
			memcpy(p, old, oldsz);
		return p;
	}
	if (oldsz > SMALL_ARRAY) {
		struct big *b = big_of(old);
		size_t idx = b->idx;
		b = pm_xrealloc(b, sizeof *b + newsz);
		a->big[idx] = b;
		a->bytes += newsz - oldsz;
		return b->data;
	}
	struct big *b = pm_xmalloc(sizeof *b + newsz);
	a->big = pm_xgrow(a->big, &a->capbig, a->nbig + 1, sizeof *a->big);
	b->idx = a->nbig;
	a->big[a->nbig++] = b;
	a->bytes += sizeof *b + newsz;
	if (oldsz)
		memcpy(b->data, old, oldsz);
	return b->data;
}

static char *arena_strndup(pm_value_arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static pm_value *new_value(pm_value_arena *a, pm_value_kind kind)
{
	pm_value *v = arena_alloc(a, sizeof *v);
	memset(v, 0, sizeof *v);
	v->kind = kind;
	return v;
}

/* ---- constructors ---- */

pm_value *pm_value_null(pm_value_arena *a)
{
	if (!a->null_v)
		a->null_v = new_value(a, PM_VALUE_NULL);
	return a->null_v;
}

pm_value *pm_value_bool(pm_value_arena *a, int b)
{
	pm_value **cache = b ? &a->true_v : &a->false_v;
	if (!*cache) {
		*cache = new_value(a, PM_VALUE_BOOL);
		(*cache)->u.b = b != 0;
	}
	return *cache;
}

/* The decimal digits of a whole number |d| < 1e17, without snprintf. */
static size_t format_int(char *buf, size_t size, long long v)
{
	char tmp[24];
	size_t n = 0;
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		tmp[n++] = '-';
	if (n + 1 > size)
		return 0;
	for (size_t i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
	return n;
}

size_t pm_value_format_number(char *buf, size_t size, double d)
{
	int n;
	if (d != d) {
		n = snprintf(buf, size, "%s", "nan");
	} else if (d > -1e17 && d < 1e17 && (double)(long long)d == d) {
		/* "-0" like %lld of (long long)-0.0: "0" */
		return format_int(buf, size, (long long)d);
	} else {
		n = 0;
		for (int prec = 1; prec <= 17; prec++) {
			n = snprintf(buf, size, "%.*g", prec, d);
			if (strtod(buf, NULL) == d)
				break;
		}
	}
	return n > 0 ? (size_t)n : 0;
}

pm_value *pm_value_number(pm_value_arena *a, double d)
{
	int small = d >= 0 && d < SMALL_INTS && (double)(int)d == d && !(d == 0 && 1 / d < 0);
	if (small && a->ints[(int)d])
		return a->ints[(int)d];
	char buf[40];
	size_t n = pm_value_format_number(buf, sizeof buf, d);
	pm_value *v = pm_value_number_text(a, d, buf, n);
	if (small)
		a->ints[(int)d] = v;
	return v;
}

pm_value *pm_value_number_text(pm_value_arena *a, double d, const char *text, size_t len)
{
	pm_value *v = new_value(a, PM_VALUE_NUMBER);
	v->u.num.d = d;
	v->u.num.s = arena_strndup(a, text, len);
	v->u.num.len = len;
	return v;
}

pm_value *pm_value_string(pm_value_arena *a, const char *s, size_t len)
{
	pm_value *v = new_value(a, PM_VALUE_STRING);
	v->u.str.s = arena_strndup(a, s, len);
	v->u.str.len = len;
	return v;
}

pm_value *pm_value_cstr(pm_value_arena *a, const char *s)
{
	return pm_value_string(a, s, strlen(s));
}

pm_value *pm_value_string_ref(pm_value_arena *a, const char *s, size_t len)
{
	pm_value *v = new_value(a, PM_VALUE_STRING);
	v->u.str.s = len ? s : "";
	v->u.str.len = len;
	return v;
}

pm_value *pm_value_list(pm_value_arena *a)
{
	pm_value *v = new_value(a, PM_VALUE_LIST);
	v->u.list.a = a;
	return v;
}

pm_value *pm_value_map(pm_value_arena *a)
{
	pm_value *v = new_value(a, PM_VALUE_MAP);
	v->u.map.a = a;
	return v;
}

/* ---- builders ---- */

int pm_value_list_append(pm_value *list, pm_value *item)
{
	if (!list || list->kind != PM_VALUE_LIST)
		return -1;
	if (!item)
		item = pm_value_null(list->u.list.a);
	if (list->u.list.n == list->u.list.cap) {
		size_t cap = list->u.list.cap ? list->u.list.cap * 2 : 4;
		list->u.list.v = arena_grow(list->u.list.a, list->u.list.v, list->u.list.cap * sizeof *list->u.list.v,
		                            cap * sizeof *list->u.list.v);
		list->u.list.cap = cap;
	}
	list->u.list.v[list->u.list.n++] = item;
	return 0;
}

/* Rebuild the hash index with nslot slots (a power of two). */
static void map_reindex(pm_value *m, size_t nslot)
{
	size_t old = m->u.map.nslot * sizeof *m->u.map.slot;
	m->u.map.slot = arena_grow(m->u.map.a, m->u.map.slot, old, nslot * sizeof *m->u.map.slot);
	m->u.map.nslot = nslot;
	memset(m->u.map.slot, 0, nslot * sizeof *m->u.map.slot);
	size_t mask = nslot - 1;
	for (size_t i = 0; i < m->u.map.n; i++) {
		size_t s = (size_t)m->u.map.e[i].hash & mask;
		while (m->u.map.slot[s])
			s = (s + 1) & mask;
		m->u.map.slot[s] = (uint32_t)(i + 1);
	}
}

/* Index of `key` in m's entries, or -1; *slot_out gets the probe's end slot. */
static long map_find(const pm_value *m, const char *key, size_t len, uint64_t h, size_t *slot_out)
{
	if (!m->u.map.slot) {
		for (size_t i = 0; i < m->u.map.n; i++) {
			const struct map_entry *e = &m->u.map.e[i];
			if (e->len == len && (len == 0 || memcmp(e->key, key, len) == 0))
				return (long)i;
		}
		return -1;
	}
	size_t mask = m->u.map.nslot - 1;
	size_t s = (size_t)h & mask;
	for (;;) {
		uint32_t x = m->u.map.slot[s];
		if (!x)
			break;
		const struct map_entry *e = &m->u.map.e[x - 1];
		if (e->hash == (uint32_t)h && e->len == len && (len == 0 || memcmp(e->key, key, len) == 0))
			return (long)(x - 1);
		s = (s + 1) & mask;
	}
	if (slot_out)
		*slot_out = s;
	return -1;
}

static int map_set(pm_value *map, const char *key, size_t keylen, pm_value *value, int copy_key)
{
	if (!map || map->kind != PM_VALUE_MAP || (!key && keylen) || keylen > UINT32_MAX)
		return -1;
	pm_value_arena *a = map->u.map.a;
	if (!value)
		value = pm_value_null(a);
	uint64_t h = pm_hash_bytes(key, keylen);
	size_t slot = 0;
	long at = map_find(map, key, keylen, h, &slot);
	if (at >= 0) {
		map->u.map.e[at].val = value;
		return 0;
	}
	if (map->u.map.n == map->u.map.cap) {
		size_t cap = map->u.map.cap ? map->u.map.cap * 2 : 4;
		map->u.map.e =
		        arena_grow(a, map->u.map.e, map->u.map.cap * sizeof *map->u.map.e, cap * sizeof *map->u.map.e);
		map->u.map.cap = cap;
	}
	size_t i = map->u.map.n++;
	struct map_entry *e = &map->u.map.e[i];
	e->key = copy_key ? arena_strndup(a, key ? key : "", keylen) : key;
	e->len = (uint32_t)keylen;
	e->hash = (uint32_t)h;
	map->u.map.bloom |= BLOOM_BIT(h);
	e->val = value;
	if (map->u.map.slot && map->u.map.n * 2 <= map->u.map.nslot) {
		map->u.map.slot[slot] = (uint32_t)(i + 1);
	} else if (map->u.map.n >= INDEX_MIN) {
		size_t nslot = map->u.map.nslot ? map->u.map.nslot * 2 : 4 * INDEX_MIN;
		while (map->u.map.n * 2 > nslot)
			nslot *= 2;
		map_reindex(map, nslot);
	}
	return 0;
}

int pm_value_map_setn(pm_value *map, const char *key, size_t keylen, pm_value *value)
{
	return map_set(map, key, keylen, value, 1);
}

int pm_value_map_set_static(pm_value *map, const char *key, pm_value *value)
{
	return key ? map_set(map, key, strlen(key), value, 0) : -1;
}

void pm_value_map_reserve(pm_value *map, size_t n)
{
	if (!map || map->kind != PM_VALUE_MAP || map->u.map.cap >= n)
		return;
	map->u.map.e =
	        arena_grow(map->u.map.a, map->u.map.e, map->u.map.cap * sizeof *map->u.map.e, n * sizeof *map->u.map.e);
	map->u.map.cap = n;
	/* the hash index too, at the size n keys need: it is not regrown on the way */
	if (n >= INDEX_MIN) {
		size_t nslot = 4 * INDEX_MIN;
		while (n * 2 > nslot)
			nslot *= 2;
		if (nslot > map->u.map.nslot)
			map_reindex(map, nslot);
	}
}

int pm_value_map_set(pm_value *map, const char *key, pm_value *value)
{
	if (!key)
		return -1;
	return pm_value_map_setn(map, key, strlen(key), value);
}

/* ---- accessors ---- */

pm_value_kind pm_value_type(const pm_value *v)
{
	return v ? v->kind : PM_VALUE_NULL;
}

int pm_value_get_bool(const pm_value *v)
{
	return v && v->kind == PM_VALUE_BOOL ? v->u.b : 0;
}

double pm_value_get_number(const pm_value *v)
{
	return v && v->kind == PM_VALUE_NUMBER ? v->u.num.d : 0.0;
}

const char *pm_value_get_string(const pm_value *v, size_t *len)
{
	if (!v || v->kind != PM_VALUE_STRING) {
		if (len)
			*len = 0;
		return NULL;
	}
	if (len)
		*len = v->u.str.len;
	return v->u.str.s;
}

const char *pm_value_text(const pm_value *v, size_t *len)
{
	const char *s = "";
	size_t n = 0;
	switch (pm_value_type(v)) {
	case PM_VALUE_STRING:
		s = v->u.str.s;
		n = v->u.str.len;
		break;
	case PM_VALUE_NUMBER:
		s = v->u.num.s;
		n = v->u.num.len;
		break;
	case PM_VALUE_BOOL:
		s = v->u.b ? "true" : "false";
		n = v->u.b ? 4 : 5;
		break;
	case PM_VALUE_NULL:
	case PM_VALUE_LIST:
	case PM_VALUE_MAP:
		break;
	}
	if (len)
		*len = n;
	return s;
}

size_t pm_value_count(const pm_value *v)
{
	if (!v)
		return 0;
	if (v->kind == PM_VALUE_LIST)
		return v->u.list.n;
	if (v->kind == PM_VALUE_MAP)
		return v->u.map.n;
	return 0;
}

const pm_value *pm_value_list_at(const pm_value *v, size_t i)
{
	if (!v || v->kind != PM_VALUE_LIST || i >= v->u.list.n)
		return NULL;
	return v->u.list.v[i];
}

const pm_value *pm_value_map_getn(const pm_value *v, const char *key, size_t keylen)
{
	if (!v || v->kind != PM_VALUE_MAP || !v->u.map.n || (!key && keylen))
		return NULL;
	uint64_t h = v->u.map.slot ? pm_hash_bytes(key, keylen) : 0;
	if (v->u.map.slot && !(v->u.map.bloom & BLOOM_BIT(h)))
		return NULL;
	long at = map_find(v, key, keylen, h, NULL);
	return at >= 0 ? v->u.map.e[at].val : NULL;
}

const pm_value *pm_value_map_get_hashed(const pm_value *v, const char *key, size_t keylen, uint64_t hash)
{
	if (!v || v->kind != PM_VALUE_MAP || !(v->u.map.bloom & BLOOM_BIT(hash)) || (!key && keylen))
		return NULL;
	long at = map_find(v, key, keylen, hash, NULL);
	return at >= 0 ? v->u.map.e[at].val : NULL;
}

const pm_value *pm_value_map_get_hint(const pm_value *v, const char *key, size_t keylen, uint64_t hash, uint32_t *hint)
{
	if (!v || v->kind != PM_VALUE_MAP || !(v->u.map.bloom & BLOOM_BIT(hash)) || (!key && keylen))
		return NULL;
	if (*hint < v->u.map.n) {
		const struct map_entry *e = &v->u.map.e[*hint];
		if (e->hash == (uint32_t)hash && e->len == keylen && (keylen == 0 || memcmp(e->key, key, keylen) == 0))
			return e->val;
	}
	long at = map_find(v, key, keylen, hash, NULL);
	if (at < 0)
		return NULL;
	*hint = (uint32_t)at;
	return v->u.map.e[at].val;
}

const pm_value *pm_value_map_get(const pm_value *v, const char *key)
{
	if (!key)
		return NULL;
	return pm_value_map_getn(v, key, strlen(key));
}

const char *pm_value_map_key_at(const pm_value *v, size_t i, size_t *len)
{
	if (!v || v->kind != PM_VALUE_MAP || i >= v->u.map.n) {
		if (len)
			*len = 0;
		return NULL;
	}
	if (len)
		*len = v->u.map.e[i].len;
	return v->u.map.e[i].key;
}

const pm_value *pm_value_map_value_at(const pm_value *v, size_t i)
{
	if (!v || v->kind != PM_VALUE_MAP || i >= v->u.map.n)
		return NULL;
	return v->u.map.e[i].val;
}
