/* md_text.c — plain text of cmark-gfm nodes (heading ids, outlines, alt text). */
#include "md_text.h"
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

/* The id for a heading whose slug is base: base itself the first time, then
 * base-2, base-3 ... skipping any taken.  The set owns the returned string. */
static const char *claim_base(pm_slugset *set, const char *base)
{
	char *id;
	size_t next;
	if (!pm_strmap_get(&set->ids, base, &next)) {
		id = pm_xstrdup(base);
	} else {
		for (;; next++) {
			id = pm_xasprintf("%s-%zu", base, next);
			if (!pm_strmap_get(&set->ids, id, NULL))
				break;
			free(id);
		}
		pm_strmap_set(&set->ids, base, next + 1);
	}
	set->owned = pm_xgrow(set->owned, &set->cap_owned, set->n_owned + 1, sizeof *set->owned);
	set->owned[set->n_owned++] = id;
	pm_strmap_put(&set->ids, id, 2, NULL);
	return id;
}

void pm_slugset_free(pm_slugset *set)
{
	for (size_t i = 0; i < set->n_owned; i++)
		free(set->owned[i]);
	free(set->owned);
	pm_strmap_free(&set->ids);
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
