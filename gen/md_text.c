/* md_text.c — plain text of cmark-gfm nodes (heading ids, outlines, alt text). */
#include "md_text.h"
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
