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
/* what anything stored here needs (pointers, size_t, double, uint64_t), not max_align_t's 16 */
#define ALIGN               \
	_Alignof(union {    \
		void *p;    \
		size_t z;   \
		double d;   \
		uint64_t u; \
	})

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

/* A value is its kind followed by the fields of that kind: each kind has a
 * struct of its own, allocated at its own size (a string takes 24 bytes,
 * not the 64 of the largest kind). */
struct pm_value {
	pm_value_kind kind;
};

struct v_bool {
	pm_value h;
	int b;
};

struct v_num {
	pm_value h;
	double d;
	const char *s;
	size_t len;
};

struct v_str {
	pm_value h;
	const char *s;
	size_t len;
};

struct v_list {
	pm_value h;
	pm_value **v;
	size_t n, cap;
	pm_value_arena *a;
};

struct v_map {
	pm_value h;
	struct map_entry *e;
	size_t n, cap;
	uint32_t *slot;
	size_t nslot;
	pm_value_arena *a;
	uint64_t bloom; /* bit BLOOM_BIT(hash) of every key: most misses end here */
};

#define AS_BOOL(v) ((struct v_bool *)(v))
#define AS_NUM(v)  ((struct v_num *)(v))
#define AS_STR(v)  ((struct v_str *)(v))
#define AS_LIST(v) ((struct v_list *)(v))
#define AS_MAP(v)  ((struct v_map *)(v))

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
	size_t al = ALIGN;
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
	static const size_t size[] = {
	        [PM_VALUE_NULL] = sizeof(pm_value),       [PM_VALUE_BOOL] = sizeof(struct v_bool),
	        [PM_VALUE_NUMBER] = sizeof(struct v_num), [PM_VALUE_STRING] = sizeof(struct v_str),
	        [PM_VALUE_LIST] = sizeof(struct v_list),  [PM_VALUE_MAP] = sizeof(struct v_map),
	};
	pm_value *v = arena_alloc(a, size[kind]);
	memset(v, 0, size[kind]);
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
		AS_BOOL((*cache))->b = b != 0;
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
	AS_NUM(v)->d = d;
	AS_NUM(v)->s = arena_strndup(a, text, len);
	AS_NUM(v)->len = len;
	return v;
}

pm_value *pm_value_string(pm_value_arena *a, const char *s, size_t len)
{
	pm_value *v = new_value(a, PM_VALUE_STRING);
	AS_STR(v)->s = arena_strndup(a, s, len);
	AS_STR(v)->len = len;
	return v;
}

pm_value *pm_value_cstr(pm_value_arena *a, const char *s)
{
	return pm_value_string(a, s, strlen(s));
}

pm_value *pm_value_string_ref(pm_value_arena *a, const char *s, size_t len)
{
	pm_value *v = new_value(a, PM_VALUE_STRING);
	AS_STR(v)->s = len ? s : "";
	AS_STR(v)->len = len;
	return v;
}

pm_value *pm_value_list(pm_value_arena *a)
{
	pm_value *v = new_value(a, PM_VALUE_LIST);
	AS_LIST(v)->a = a;
	return v;
}

pm_value *pm_value_map(pm_value_arena *a)
{
	pm_value *v = new_value(a, PM_VALUE_MAP);
	AS_MAP(v)->a = a;
	return v;
}

/* ---- builders ---- */

int pm_value_list_append(pm_value *list, pm_value *item)
{
	if (!list || list->kind != PM_VALUE_LIST)
		return -1;
	if (!item)
		item = pm_value_null(AS_LIST(list)->a);
	if (AS_LIST(list)->n == AS_LIST(list)->cap) {
		size_t cap = AS_LIST(list)->cap ? AS_LIST(list)->cap * 2 : 4;
		AS_LIST(list)->v =
		        arena_grow(AS_LIST(list)->a, AS_LIST(list)->v, AS_LIST(list)->cap * sizeof *AS_LIST(list)->v,
		                   cap * sizeof *AS_LIST(list)->v);
		AS_LIST(list)->cap = cap;
	}
	AS_LIST(list)->v[AS_LIST(list)->n++] = item;
	return 0;
}

/* Rebuild the hash index with nslot slots (a power of two). */
static void map_reindex(pm_value *m, size_t nslot)
{
	size_t old = AS_MAP(m)->nslot * sizeof *AS_MAP(m)->slot;
	AS_MAP(m)->slot = arena_grow(AS_MAP(m)->a, AS_MAP(m)->slot, old, nslot * sizeof *AS_MAP(m)->slot);
	AS_MAP(m)->nslot = nslot;
	memset(AS_MAP(m)->slot, 0, nslot * sizeof *AS_MAP(m)->slot);
	size_t mask = nslot - 1;
	for (size_t i = 0; i < AS_MAP(m)->n; i++) {
		size_t s = (size_t)AS_MAP(m)->e[i].hash & mask;
		while (AS_MAP(m)->slot[s])
			s = (s + 1) & mask;
		AS_MAP(m)->slot[s] = (uint32_t)(i + 1);
	}
}

/* Index of `key` in m's entries, or -1; *slot_out gets the probe's end slot. */
static long map_find(const pm_value *m, const char *key, size_t len, uint64_t h, size_t *slot_out)
{
	if (!AS_MAP(m)->slot) {
		for (size_t i = 0; i < AS_MAP(m)->n; i++) {
			const struct map_entry *e = &AS_MAP(m)->e[i];
			if (e->len == len && (len == 0 || memcmp(e->key, key, len) == 0))
				return (long)i;
		}
		return -1;
	}
	size_t mask = AS_MAP(m)->nslot - 1;
	size_t s = (size_t)h & mask;
	for (;;) {
		uint32_t x = AS_MAP(m)->slot[s];
		if (!x)
			break;
		const struct map_entry *e = &AS_MAP(m)->e[x - 1];
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
	pm_value_arena *a = AS_MAP(map)->a;
	if (!value)
		value = pm_value_null(a);
	uint64_t h = pm_hash_bytes(key, keylen);
	size_t slot = 0;
	long at = map_find(map, key, keylen, h, &slot);
	if (at >= 0) {
		AS_MAP(map)->e[at].val = value;
		return 0;
	}
	if (AS_MAP(map)->n == AS_MAP(map)->cap) {
		size_t cap = AS_MAP(map)->cap ? AS_MAP(map)->cap * 2 : 4;
		AS_MAP(map)->e = arena_grow(a, AS_MAP(map)->e, AS_MAP(map)->cap * sizeof *AS_MAP(map)->e,
		                            cap * sizeof *AS_MAP(map)->e);
		AS_MAP(map)->cap = cap;
	}
	size_t i = AS_MAP(map)->n++;
	struct map_entry *e = &AS_MAP(map)->e[i];
	e->key = copy_key ? arena_strndup(a, key ? key : "", keylen) : key;
	e->len = (uint32_t)keylen;
	e->hash = (uint32_t)h;
	AS_MAP(map)->bloom |= BLOOM_BIT(h);
	e->val = value;
	if (AS_MAP(map)->slot && AS_MAP(map)->n * 2 <= AS_MAP(map)->nslot) {
		AS_MAP(map)->slot[slot] = (uint32_t)(i + 1);
	} else if (AS_MAP(map)->n >= INDEX_MIN) {
		size_t nslot = AS_MAP(map)->nslot ? AS_MAP(map)->nslot * 2 : 4 * INDEX_MIN;
		while (AS_MAP(map)->n * 2 > nslot)
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
	if (!map || map->kind != PM_VALUE_MAP || AS_MAP(map)->cap >= n)
		return;
	AS_MAP(map)->e = arena_grow(AS_MAP(map)->a, AS_MAP(map)->e, AS_MAP(map)->cap * sizeof *AS_MAP(map)->e,
	                            n * sizeof *AS_MAP(map)->e);
	AS_MAP(map)->cap = n;
	/* the hash index too, at the size n keys need: it is not regrown on the way */
	if (n >= INDEX_MIN) {
		size_t nslot = 4 * INDEX_MIN;
		while (n * 2 > nslot)
			nslot *= 2;
		if (nslot > AS_MAP(map)->nslot)
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
	return v && v->kind == PM_VALUE_BOOL ? AS_BOOL(v)->b : 0;
}

double pm_value_get_number(const pm_value *v)
{
	return v && v->kind == PM_VALUE_NUMBER ? AS_NUM(v)->d : 0.0;
}

const char *pm_value_get_string(const pm_value *v, size_t *len)
{
	if (!v || v->kind != PM_VALUE_STRING) {
		if (len)
			*len = 0;
		return NULL;
	}
	if (len)
		*len = AS_STR(v)->len;
	return AS_STR(v)->s;
}

const char *pm_value_text(const pm_value *v, size_t *len)
{
	const char *s = "";
	size_t n = 0;
	switch (pm_value_type(v)) {
	case PM_VALUE_STRING:
		s = AS_STR(v)->s;
		n = AS_STR(v)->len;
		break;
	case PM_VALUE_NUMBER:
		s = AS_NUM(v)->s;
		n = AS_NUM(v)->len;
		break;
	case PM_VALUE_BOOL:
		s = AS_BOOL(v)->b ? "true" : "false";
		n = AS_BOOL(v)->b ? 4 : 5;
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
		return AS_LIST(v)->n;
	if (v->kind == PM_VALUE_MAP)
		return AS_MAP(v)->n;
	return 0;
}

const pm_value *pm_value_list_at(const pm_value *v, size_t i)
{
	if (!v || v->kind != PM_VALUE_LIST || i >= AS_LIST(v)->n)
		return NULL;
	return AS_LIST(v)->v[i];
}

const pm_value *pm_value_map_getn(const pm_value *v, const char *key, size_t keylen)
{
	if (!v || v->kind != PM_VALUE_MAP || !AS_MAP(v)->n || (!key && keylen))
		return NULL;
	uint64_t h = AS_MAP(v)->slot ? pm_hash_bytes(key, keylen) : 0;
	if (AS_MAP(v)->slot && !(AS_MAP(v)->bloom & BLOOM_BIT(h)))
		return NULL;
	long at = map_find(v, key, keylen, h, NULL);
	return at >= 0 ? AS_MAP(v)->e[at].val : NULL;
}

const pm_value *pm_value_map_get_hashed(const pm_value *v, const char *key, size_t keylen, uint64_t hash)
{
	if (!v || v->kind != PM_VALUE_MAP || !(AS_MAP(v)->bloom & BLOOM_BIT(hash)) || (!key && keylen))
		return NULL;
	long at = map_find(v, key, keylen, hash, NULL);
	return at >= 0 ? AS_MAP(v)->e[at].val : NULL;
}

const pm_value *pm_value_map_get_hint(const pm_value *v, const char *key, size_t keylen, uint64_t hash, uint32_t *hint)
{
	if (!v || v->kind != PM_VALUE_MAP || !(AS_MAP(v)->bloom & BLOOM_BIT(hash)) || (!key && keylen))
		return NULL;
	if (*hint < AS_MAP(v)->n) {
		const struct map_entry *e = &AS_MAP(v)->e[*hint];
		if (e->hash == (uint32_t)hash && e->len == keylen && (keylen == 0 || memcmp(e->key, key, keylen) == 0))
			return e->val;
	}
	long at = map_find(v, key, keylen, hash, NULL);
	if (at < 0)
		return NULL;
	*hint = (uint32_t)at;
	return AS_MAP(v)->e[at].val;
}

const pm_value *pm_value_map_get(const pm_value *v, const char *key)
{
	if (!key)
		return NULL;
	return pm_value_map_getn(v, key, strlen(key));
}

const char *pm_value_map_key_at(const pm_value *v, size_t i, size_t *len)
{
	if (!v || v->kind != PM_VALUE_MAP || i >= AS_MAP(v)->n) {
		if (len)
			*len = 0;
		return NULL;
	}
	if (len)
		*len = AS_MAP(v)->e[i].len;
	return AS_MAP(v)->e[i].key;
}

const pm_value *pm_value_map_value_at(const pm_value *v, size_t i)
{
	if (!v || v->kind != PM_VALUE_MAP || i >= AS_MAP(v)->n)
		return NULL;
	return AS_MAP(v)->e[i].val;
}
