/* md_text.c — plain text of cmark-gfm nodes (heading ids, outlines, alt text). */
#include "md_text.h"
#include "hash.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include "premarket/buf.h"

char *pm_md_plain_text(cmark_node *node)
{
	pm_buf b;
	cmark_event_type ev;
	cmark_iter *it = cmark_iter_new(node);
	pm_buf_init(&b, 0);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *lit;
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			lit = cmark_node_get_literal(n);
			pm_buf_puts(&b, lit ? lit : "");
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			pm_buf_putc(&b, ' ');
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			if (b.len)
				pm_buf_putc(&b, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	return pm_buf_detach(&b, NULL);
}

/* ---- heading ids: a string set with a next-suffix counter per base ------- */



static pm_slug_slot *slug_slot(pm_slugset *set, const char *key)
{
	size_t i = (size_t)pm_hash_str(key) & (set->cap - 1);
	while (set->v[i].key && strcmp(set->v[i].key, key) != 0)
		i = (i + 1) & (set->cap - 1);
	return &set->v[i];
}

/* Insert key (taking ownership); it must not be present. */
static void slug_add(pm_slugset *set, char *key)
{
	if (2 * (set->n + 1) > set->cap) {
		pm_slugset old = *set;
		set->cap = old.cap ? 2 * old.cap : 64;
		set->v = pm_xcalloc(set->cap, sizeof *set->v);
		for (size_t i = 0; i < old.cap; i++)
			if (old.v[i].key)
				*slug_slot(set, old.v[i].key) = old.v[i];
		free(old.v);
	}
	pm_slug_slot *s = slug_slot(set, key);
	s->key = key;
	s->next = 2;
	set->n++;
}

static int slug_has(pm_slugset *set, const char *key)
{
	return set->cap && slug_slot(set, key)->key != NULL;
}

/* The id for a heading whose slug is base: base itself the first time, then
 * base-2, base-3 ... skipping any taken.  The set owns the returned string. */
static const char *claim_base(pm_slugset *set, const char *base)
{
	char *id;
	if (!slug_has(set, base)) {
		id = pm_xstrdup(base);
	} else {
		unsigned k = slug_slot(set, base)->next;
		for (;; k++) {
			id = pm_xasprintf("%s-%u", base, k);
			if (!slug_has(set, id))
				break;
			free(id);
		}
		slug_slot(set, base)->next = k + 1;
	}
	slug_add(set, id);
	return id;
}

void pm_slugset_free(pm_slugset *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->v[i].key);
	free(set->v);
	memset(set, 0, sizeof *set);
}

/* Runs of anything but ASCII letters and digits become one '-'; letters
 * are lower-cased; "section" when nothing is left. */
static char *slugify(const char *text)
{
	pm_buf b;
	int sep = 0;
	pm_buf_init(&b, 0);
	for (const char *p = text; *p; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			int dash = sep && b.len;
			if (b.len + (size_t)dash + 1 > PM_SLUG_MAX)
				break;
			if (dash)
				pm_buf_putc(&b, '-');
			pm_buf_putc(&b, c);
			sep = 0;
		} else {
			sep = 1;
		}
	}
	if (b.len == 0)
		pm_buf_puts(&b, "section");
	return pm_buf_detach(&b, NULL);
}

const char *pm_slug_claim(pm_slugset *set, const char *text)
{
	char *base = slugify(text);
	const char *id = claim_base(set, base);
	free(base);
	return id;
}
