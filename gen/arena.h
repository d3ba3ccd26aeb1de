/* arena.h — bump allocator: the model's objects and strings live in one
 * arena and are freed with one call.  Memory is zeroed. */
#ifndef PM_ARENA_H
#define PM_ARENA_H
#include <stddef.h>

typedef struct pm_arena pm_arena;

pm_arena *pm_arena_new(void);
/** Free the arena and everything allocated from it.  NULL is allowed. */
void pm_arena_free(pm_arena *a);
/** Zeroed memory aligned for any type; never NULL (aborts on OOM). */
void *pm_arena_alloc(pm_arena *a, size_t n);
/** Allocate an array of n items of size bytes, checking for overflow. */
void *pm_arena_array(pm_arena *a, size_t n, size_t size);
char *pm_arena_strndup(pm_arena *a, const char *s, size_t n);
char *pm_arena_strdup(pm_arena *a, const char *s);
#endif
