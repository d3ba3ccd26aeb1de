/**
 * html.h — standalone HTML5 pages from generated Markdown (cmark-gfm).
 *
 * Module rule: these functions append to a caller-owned pm_buf and never
 * keep a pointer to any argument; on failure they leave the buffer exactly
 * as it was and record why in the pm_diags list.
 *
 * Every page is self-contained: one embedded stylesheet, no script, no
 * external resource, and a Content-Security-Policy that forbids scripts.
 * The Markdown is rendered in cmark-gfm's safe mode (raw HTML is replaced by
 * a comment, javascript:/vbscript:/file:/data: URLs other than data: images
 * are emptied), with the GitHub extensions table, autolink, strikethrough
 * and tagfilter.  Text the caller passes (titles, subtitle, hrefs,
 * descriptions) is HTML-escaped here.  Invalid UTF-8, control characters
 * other than tab and line ends, U+FFFE and U+FFFF become U+FFFD, in the
 * Markdown and in the caller's text alike.  Output is deterministic: the same input gives the
 * same bytes.  See docs/html.md.
 */
#ifndef PREMARKET_HTML_H
#define PREMARKET_HTML_H

#include <stddef.h>

#include "premarket/buf.h"
#include "premarket/diag.h"

/** One link: an href (usually a relative file name such as "sbom.html",
 *  already URL-encoded) and the text shown for it.  Both are borrowed and
 *  must be non-NULL.  An href with a scheme other than http, https or mailto
 *  (javascript:, data: ...) is written as "#"; relative hrefs have none. */
typedef struct pm_html_link {
	const char *href;
	const char *title;
} pm_html_link;

/**
 * Render one Markdown document [markdown, markdown+len) as a complete HTML5
 * page and append it to out.
 *
 * title (required) becomes <title> and the header bar's heading; subtitle
 * (may be NULL), e.g. "Infusion pump 2.1 — DOC-SEC-004", is shown under it
 * and in the footer.  nav[0..n_nav) (may be NULL when n_nav is 0) is the list
 * of sibling documents shown in the navigation bar, in that order.
 *
 * Every heading, at any depth, gets an id: the slug of its text (ASCII
 * letters and digits, lower-cased; every other run becomes one "-"; at most
 * 64 bytes; "section" when nothing is left), de-duplicated in document order
 * with "-2", "-3", ...  The same Markdown always gives the same ids.  A
 * document with three or more headings gets a table of contents of its h2
 * and h3 headings, after the leading h1 if there is one, else first.
 *
 * Returns 0, or -1 with a diagnostic (PM_ERR_USAGE for bad arguments,
 * PM_ERR_RENDER when cmark fails or out reaches its size cap); on failure
 * out is left as it was.
 */
int pm_html_page(const char *markdown, size_t len, const char *title, const char *subtitle, const pm_html_link *nav,
                 size_t n_nav, pm_buf *out, pm_diags *d);

/** A picture the page shows as a figure: an image alone in a paragraph
 *  whose URL is url (borrowed; a relative path of letters, digits and
 *  "._-/") is drawn from that file, width x height (CSS pixels) scaled
 *  to the page, with the image's description as its accessible name and
 *  its caption.  The architecture diagrams (premarket/diagram.h). */
typedef struct pm_html_figure {
	const char *url;
	double width, height;
	const char *alt;  /**< the image's text alternative (NULL: the Markdown image's text) */
	const char *desc; /**< the long description, shown on request under the image (or NULL) */
} pm_html_figure;

/** pm_html_page(), with the figures figs[0..nfigs) (figs may be NULL when
 *  nfigs is 0).  Images that are not figures are rendered as cmark-gfm
 *  renders them. */
int pm_html_page_figures(const char *markdown, size_t len, const char *title, const char *subtitle,
                         const pm_html_link *nav, size_t n_nav, const pm_html_figure *figs, size_t nfigs, pm_buf *out,
                         pm_diags *d);

/* ---- navigation and links between the documents ---------------------------------- */

struct pm_model;

/** Where every object id of a model is defined in the document set, and so
 *  where mentions of it link to (docs/html.md, "Anchors and links").  Made
 *  from the model's ids (pm_model.objs and the controls' requirement ids),
 *  then told each document's Markdown with pm_html_xref_scan(), which finds
 *  the defining mention of each object in its kind's defining document.
 *  Borrows nothing from the model after pm_html_xref_new() returns. */
typedef struct pm_html_xref pm_html_xref;

/** A new, empty cross-reference table for the ids of m (never NULL). */
pm_html_xref *pm_html_xref_new(const struct pm_model *m);

/** Record the anchors document slug (e.g. "threat-model") defines: its
 *  Markdown [markdown, markdown+len), as pm_html_page_ctx() will be given
 *  it.  Call it for every document before rendering any page with x.
 *  Returns 0, or -1 with a diagnostic. */
int pm_html_xref_scan(pm_html_xref *x, const char *slug, const char *markdown, size_t len, pm_diags *d);

/** The anchor (HTML id) of object id and, in *slug when slug is not NULL,
 *  the document that defines it; NULL when id is no object of the model or
 *  its defining document does not mention it (nothing links to it then). */
const char *pm_html_xref_anchor(const pm_html_xref *x, const char *id, const char **slug);

/** The defining document's slug of the objects of kind (enum pm_kind), or
 *  of requirement ids for kind 0; NULL for a kind that has none. */
const char *pm_html_xref_home(int kind);

void pm_html_xref_free(pm_html_xref *x);

/** What a page of a document set knows about its place in the set. */
typedef struct pm_html_context {
	size_t current;           /**< index in nav of this page (marked, with previous/next links); >= n_nav: none */
	const char *slug;         /**< this document's slug, for xref; NULL: none */
	const pm_html_xref *xref; /**< object ids to anchor and link, or NULL */
} pm_html_context;

/** pm_html_page_figures(), with the page's place in its document set (ctx
 *  may be NULL): the current document marked in the navigation
 *  (aria-current="page"), links to the previous and next entries of nav,
 *  and, with ctx->xref, every object id defined in this document an
 *  anchor and every other mention of an object id a link to its anchor. */
int pm_html_page_ctx(const char *markdown, size_t len, const char *title, const char *subtitle, const pm_html_link *nav,
                     size_t n_nav, const pm_html_figure *figs, size_t nfigs, const pm_html_context *ctx, pm_buf *out,
                     pm_diags *d);

/**
 * Append an index page that links every document docs[0..n), in order, with
 * descriptions[i] (descriptions may be NULL, and any entry may be NULL) next
 * to it.  Same page frame, stylesheet and rules as pm_html_page(); title is
 * required, subtitle may be NULL.  Returns 0, or -1 with a diagnostic; on
 * failure out is left as it was.
 */
int pm_html_index(const char *title, const char *subtitle, const pm_html_link *docs, const char *const *descriptions,
                  size_t n, pm_buf *out, pm_diags *d);

#endif
