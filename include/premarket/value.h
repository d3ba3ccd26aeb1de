/**
 * value.h — the data tree that templates are rendered from.
 *
 * Module rule: every pm_value lives in a pm_value_arena, is built once
 * (children before or after their parent, in any order) and is read-only
 * after that; one pm_value_arena_free() frees the whole tree, and no value
 * is ever freed on its own.
 *
 * A value is null, a boolean, a number, a UTF-8 string (with a length, so
 * it may hold NUL bytes), a list, or a map.  Map keys keep their insertion
 * order, and lookups by key cost O(1) on average: maps larger than a few
 * entries keep a hash index that grows with them, so building a tree of n
 * values costs O(n).  Numbers keep the text they were read from, or a
 * shortest round-trip formatting of the double, so a template prints
 * "1.5" as "1.5" and "85" as "85".
 *
 * Allocation failure aborts (see xalloc.h); no constructor returns NULL.
 * An arena is not thread-safe while it is being built; a finished tree may
 * be read from any number of threads.
 */
#ifndef PREMARKET_VALUE_H
#define PREMARKET_VALUE_H

#include <stddef.h>
#include <stdint.h>

/** The kind of a value. */
typedef enum pm_value_kind {
	PM_VALUE_NULL = 0,
	PM_VALUE_BOOL,
	PM_VALUE_NUMBER,
	PM_VALUE_STRING,
	PM_VALUE_LIST,
	PM_VALUE_MAP
} pm_value_kind;

/** One node of a data tree (opaque). */
typedef struct pm_value pm_value;

/** The arena that owns every value of one tree (opaque). */
typedef struct pm_value_arena pm_value_arena;

/**
 * Create an empty arena.  An application is responsible for freeing it
 * using pm_value_arena_free().
 */
pm_value_arena *pm_value_arena_new(void);

/** Free the arena and every value, string and key allocated in it.  NULL is a no-op. */
void pm_value_arena_free(pm_value_arena *a);

/** Bytes the arena has obtained from malloc so far (for tests and benchmarks). */
size_t pm_value_arena_bytes(const pm_value_arena *a);

/* ---- Constructors.  Each returns a new value owned by `a`; never NULL. ---- */

/** A null value. */
pm_value *pm_value_null(pm_value_arena *a);

/** A boolean: false when b == 0, true otherwise. */
pm_value *pm_value_bool(pm_value_arena *a, int b);

/**
 * A number, printed with the fewest significant digits that read back as
 * the same double: 85 -> "85", 1.210 -> "1.21", 0.1 -> "0.1", 1e21 -> "1e+21".
 * Integral values below 1e17 in magnitude never use an exponent.
 */
pm_value *pm_value_number(pm_value_arena *a, double d);

/**
 * The text pm_value_number() gives d, written to buf (NUL-terminated); its
 * length, or 0 when it does not fit in size bytes.  Whole numbers take a
 * path of their own, without snprintf.
 */
size_t pm_value_format_number(char *buf, size_t size, double d);

/**
 * A number that prints as `text` (copied), e.g. the scalar as written in the
 * source YAML ("7.50", "12345678901234567890").  `d` is its numeric value.
 */
pm_value *pm_value_number_text(pm_value_arena *a, double d, const char *text, size_t len);

/** A string of `len` bytes copied from `s` (NUL-terminated in the arena). */
pm_value *pm_value_string(pm_value_arena *a, const char *s, size_t len);

/** A string copied from the NUL-terminated `s`. */
pm_value *pm_value_cstr(pm_value_arena *a, const char *s);

/**
 * A string that borrows `len` bytes at `s` without copying them: the caller
 * keeps them alive and unchanged for as long as the arena is used.  For
 * large trees built from a model that outlives them.
 */
pm_value *pm_value_string_ref(pm_value_arena *a, const char *s, size_t len);

/** An empty list; fill it with pm_value_list_append(). */
pm_value *pm_value_list(pm_value_arena *a);

/** An empty map; fill it with pm_value_map_set(). */
pm_value *pm_value_map(pm_value_arena *a);

/* ---- Builders.  `item`/`value` must come from the same arena. ---- */

/**
 * Append `item` to `list` (amortised O(1)).  A NULL item appends a null
 * value.  Returns 0, or -1 (and changes nothing) when `list` is not a list.
 */
int pm_value_list_append(pm_value *list, pm_value *item);

/**
 * Set `key` (NUL-terminated, copied) to `value` in `map`.  A new key is
 * appended after the existing ones; setting an existing key replaces its
 * value and keeps its position.  A NULL value stores a null value.
 * Amortised O(1).  Returns 0, or -1 (and changes nothing) when `map` is
 * not a map.
 */
int pm_value_map_set(pm_value *map, const char *key, pm_value *value);

/** pm_value_map_set() without copying the key: `key` must stay valid as
 *  long as the arena (a string literal or static table).  Saves memory for
 *  the many fixed keys of a big tree. */
int pm_value_map_set_static(pm_value *map, const char *key, pm_value *value);

/** Make room for n entries in `map` (no effect when it has room already). */
void pm_value_map_reserve(pm_value *map, size_t n);

/** pm_value_map_set() with a key of `keylen` bytes, which may hold any byte. */
int pm_value_map_setn(pm_value *map, const char *key, size_t keylen, pm_value *value);

/* ---- Accessors.  A NULL value reads as null. ---- */

/** The kind of `v`; PM_VALUE_NULL for NULL. */
pm_value_kind pm_value_type(const pm_value *v);

/** The boolean of a PM_VALUE_BOOL; 0 for anything else. */
int pm_value_get_bool(const pm_value *v);

/** The double of a PM_VALUE_NUMBER; 0.0 for anything else. */
double pm_value_get_number(const pm_value *v);

/**
 * The bytes of a PM_VALUE_STRING (NUL-terminated unless made by
 * pm_value_string_ref()) and their count in *len (len may be NULL);
 * NULL for anything else.  The bytes belong to the arena.
 */
const char *pm_value_get_string(const pm_value *v, size_t *len);

/**
 * The text a template prints for `v`: a string's bytes, a number's text,
 * "true" or "false"; "" for null, lists and maps.  Never NULL; the bytes
 * belong to the arena (or are static).
 */
const char *pm_value_text(const pm_value *v, size_t *len);

/** The number of items of a list or entries of a map; 0 for anything else. */
size_t pm_value_count(const pm_value *v);

/** Item `i` of a list, or NULL when `v` is not a list or i is out of range. */
const pm_value *pm_value_list_at(const pm_value *v, size_t i);

/** The value stored under the NUL-terminated `key`, or NULL when absent or `v` is not a map. */
const pm_value *pm_value_map_get(const pm_value *v, const char *key);

/** pm_value_map_get() with a key of `keylen` bytes. */
const pm_value *pm_value_map_getn(const pm_value *v, const char *key, size_t keylen);
/** pm_value_map_getn() with the key's hash already computed (FNV-1a 64 of
 *  the key bytes, gen/hash.h pm_hash_bytes()): for lookups repeated many times. */
const pm_value *pm_value_map_get_hashed(const pm_value *v, const char *key, size_t keylen, uint64_t hash);

/**
 * pm_value_map_get_hashed() that first tries the entry at *hint and, when
 * the key is elsewhere, leaves its position in *hint: maps of the same
 * shape (a template's rows) then find a key without their hash index.
 */
const pm_value *pm_value_map_get_hint(const pm_value *v, const char *key, size_t keylen, uint64_t hash, uint32_t *hint);

/**
 * The key of entry `i` (in insertion order) and its length in *len (len may
 * be NULL); NULL when `v` is not a map or i is out of range.
 */
const char *pm_value_map_key_at(const pm_value *v, size_t i, size_t *len);

/** The value of entry `i` (in insertion order), or NULL. */
const pm_value *pm_value_map_value_at(const pm_value *v, size_t i);

#endif
