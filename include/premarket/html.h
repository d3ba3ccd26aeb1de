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
