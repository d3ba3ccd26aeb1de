/**
 * pdf.h — the document set as one submission-grade PDF (libharu), laid out
 * from the same Markdown (GFM) the Markdown and HTML outputs use.
 *
 * Module rule: pm_render_pdf() appends to a caller-owned pm_buf and keeps no
 * pointer to any argument; on failure it leaves the buffer exactly as it was
 * and records why in the pm_diags list.  It reads the font files and the
 * images the Markdown references, and writes no file.
 *
 * The PDF has a title page, a document-control page (revision, date, tool
 * version, approval signatures, SHA-256 of every input file), a table of
 * contents with page numbers and links, then one chapter per pm_pdf_chapter,
 * each starting on a new page.  Every page but the title page has a running
 * header (device and chapter title) and a footer (document id, revision,
 * "Page N of M").  Every chapter and heading is a bookmark, nested by level.
 * Text is set in the embedded DejaVu fonts (UTF-8: Latin, Greek, Cyrillic
 * and more); a character the fonts cannot show is printed as U+FFFD and
 * reported once as a warning.  The same arguments give the same bytes: no
 * clock, no random document id.  See docs/pdf.md.
 */
#ifndef PREMARKET_PDF_H
#define PREMARKET_PDF_H

#include <stddef.h>

#include "premarket/buf.h"
#include "premarket/diag.h"

/** One chapter: a document of the set.  All strings are borrowed. */
typedef struct pm_pdf_chapter {
	/** Stable id, the Markdown file's name without ".md", e.g.
	 *  "threat-model": a link to "threat-model.md" or
	 *  "threat-model.md#assets" in any chapter jumps here.  Diagnostics
	 *  about the chapter's text name the file "<id>.md".  Required. */
	const char *id;
	/** Title for the table of contents, the bookmarks and the running
	 *  header, e.g. "Threat Model".  NULL: the text of the chapter's
	 *  leading h1, else the id. */
	const char *title;
	const char *markdown; /**< GFM text [markdown, markdown+len); may hold invalid UTF-8 */
	size_t len;
} pm_pdf_chapter;

/** What the title and document-control pages show, and the layout options.
 *  All strings are borrowed and may be NULL unless stated; NULL text is left
 *  out (or shown as "not stated" in the title page table). */
typedef struct pm_pdf_meta {
	const char *device;         /**< device name: title page, running header (required) */
	const char *device_version; /**< software version */
	const char *manufacturer;
	const char *importer;            /**< US importer, if any */
	const char *submission_type;     /**< e.g. "510(k)", "PMA" */
	const char *date;                /**< YYYY-MM-DD: shown, and the PDF's creation and
	                                      modification dates (00:00 UTC); NULL = no dates */
	const char *doc_id;              /**< document id, e.g. "PM-SET-001": title page, footer */
	const char *title;               /**< e.g. "Premarket Cybersecurity Documentation";
	                                      NULL = that text */
	const char *tool_version;        /**< e.g. "premarket 0.1.0" */
	const char *revision;            /**< e.g. "1.4.0-r2" */
	const char *const *input_files;  /**< [n_inputs] names of the input files */
	const char *const *input_sha256; /**< [n_inputs] their SHA-256, lower-case hex */
	size_t n_inputs;
	int a4;                /**< 0 = US Letter, 1 = A4 */
	const char *font_dir;  /**< folder of the DejaVu TrueType files;
	                            NULL = /usr/share/fonts/truetype/dejavu */
	const char *cjk_font;  /**< TrueType file or collection (its first font)
	                            for Chinese, Japanese and Korean text, read
	                            only when the text has such characters;
	                            NULL = /usr/share/fonts/truetype/wqy/wqy-microhei.ttc */
	const char *image_dir; /**< folder that relative image paths of the Markdown
	                            are read from; NULL = the current directory */
	/** Diagrams drawn as vector graphics (include/premarket/diagram.h): an
	 *  image of the Markdown whose URL is diagram_urls[i] is drawn from
	 *  diagrams[i] instead of being read from a file, with its description
	 *  as the caption "Figure N: ...", and listed under "Figures" in the
	 *  table of contents.  Both arrays have n_diagrams entries. */
	const char *const *diagram_urls;
	const struct pm_diagram *const *diagrams;
	size_t n_diagrams;
} pm_pdf_meta;

/**
 * Lay out the chapters ch[0..n) and append the PDF file's bytes to out.
 *
 * Markdown is parsed with cmark-gfm (tables, autolinks, strikethrough) and
 * laid out as the HTML renderer shows it: headings, paragraphs, emphasis,
 * code, lists, block quotes, code blocks, rules, tables (column widths
 * fitted to the content, header row repeated on every page, rows kept whole
 * unless taller than a page) and PNG or JPEG images.  Raw HTML is left out,
 * as in the HTML pages.  Links with an http, https or mailto URL become
 * link annotations; a link to "<id>.md" or "<id>.md#heading-slug" of a
 * chapter jumps to it; other links are plain text.  An image path must be
 * relative, without "..": it is read from meta->image_dir; a missing or
 * unreadable image is a warning and its description is printed instead.
 *
 * Warnings (PM_WARNING, kind PM_ERR_RENDER): a character no font can show
 * (once per character), invalid UTF-8, an image that cannot be used.
 * Errors: PM_ERR_USAGE for bad arguments (a NULL device, a malformed date,
 * a chapter without id, NULL lists with n_inputs > 0); PM_ERR_RENDER for a
 * missing or unusable font file (naming it), a libharu failure (with the
 * libharu error code), or out reaching its size cap.
 *
 * Returns 0, or -1 with a diagnostic; on failure out is left as it was.
 */
int pm_render_pdf(const pm_pdf_meta *meta, const pm_pdf_chapter *ch, size_t n, pm_buf *out, pm_diags *d);

#endif
