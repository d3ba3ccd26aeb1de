/* html_links.h — the HTML renderer's pass over the cmark-gfm tree of a page
 * (gen/html_links.c, docs/html.md "Anchors and links"): tables in a
 * scrolling wrapper, ids and CVSS vectors kept whole, object ids made
 * anchors and links.  Not a public header. */
#ifndef PM_HTML_LINKS_H
#define PM_HTML_LINKS_H

#include <cmark-gfm.h>

#include "premarket/html.h"

/** The tags of one page that its table cells hold as markers. */
typedef struct pm_html_links pm_html_links;

/** pm_html_links_apply() found the page to be pm_html_xref_scan()'s: it
 *  recorded the page's anchors, and the caller renders nothing. */
#define PM_HTML_LINKS_SCANNED 1

/** Rewrite doc (after the Markdown links are rewritten, before headings
 *  are numbered): every table inside <div class="pm-table">; in text
 *  outside links, images and code, every object id of ctx->xref (ctx may be
 *  NULL) an anchor where this document defines it and a link elsewhere,
 *  every other id-like token (upper-case letters or digits joined by "-")
 *  kept on one line, every CVSS vector breakable only after "/".  Returns
 *  0, or PM_HTML_LINKS_SCANNED; either way *links is set and must be
 *  freed with pm_html_links_free(). */
int pm_html_links_apply(cmark_node *doc, cmark_mem *mem, const pm_html_context *ctx, pm_html_links **links);

/** Append body, the HTML cmark-gfm rendered from the tree, to out with the
 *  tags links holds in place of their markers.  0, or -1 when out is full. */
int pm_html_links_write(const pm_html_links *links, const char *body, pm_buf *out);

void pm_html_links_free(pm_html_links *links);

/** Append text (valid UTF-8 without control characters: a heading's) as
 *  HTML text with its id-like tokens kept on one line.  0, or -1 when out
 *  is full. */
int pm_html_put_text(pm_buf *out, const char *text);

#endif
