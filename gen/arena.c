/* arena.c — bump allocator in chained blocks (see arena.h). */
#include "arena.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_ALIGN 16
#define ARENA_BLOCK ((size_t)64 * 1024)

typedef struct block {
	struct block *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
} block;

struct pm_arena {
	block *head;
};

pm_arena *pm_arena_new(void)
{
	return pm_xcalloc(1, sizeof(pm_arena));
}

void pm_arena_free(pm_arena *a)
{
	if (!a)
		return;
	block *b = a->head;
	while (b) {
		block *n = b->next;
		free(b);
		b = n;
	}
	free(a);
}

void *pm_arena_alloc(pm_arena *a, size_t n)
{
	n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (n == 0)
		n = ARENA_ALIGN;
	block *b = a->head;
	if (!b || b->size - b->used < n) {
		size_t sz = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
		block *nb = pm_xmalloc(sizeof(block) + sz);
		nb->size = sz;
		nb->used = 0;
		if (n > ARENA_BLOCK / 4 && b) {
			/* big allocation: its own block, keep filling the current one */
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			a->head = nb;
		}
		b = nb;
	}
	void *p = b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

void *pm_arena_array(pm_arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		abort();
	return pm_arena_alloc(a, n * size);
}

char *pm_arena_strndup(pm_arena *a, const char *s, size_t n)
{
	char *p = pm_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	return p;
}

char *pm_arena_strdup(pm_arena *a, const char *s)
{
	return pm_arena_strndup(a, s, strlen(s));
}
