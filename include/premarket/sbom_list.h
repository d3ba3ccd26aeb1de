/**
 * sbom_list.h — the listings of `premarket sbom`: the components (or the
 * vulnerabilities) of SBOM documents read with pm_sbom_load(), as aligned
 * text, TSV or JSON, with FDA's support fields and the NTIA gaps; and the
 * one-paragraph summary of a document.  docs/sbom.md describes the columns.
 *
 * One listing covers several documents and is written one document at a
 * time, so that each can be freed before the next file is read:
 *
 *     pm_sbom_list l;
 *     pm_sbom_list_init(&l, PM_SBOM_LIST_JSON, 0);
 *     for each file:
 *         pm_sbom_load(file, -1, &doc, &d);
 *         pm_sbom_list_doc(&l, doc, &out, &d);
 *         pm_sbom_free(doc);
 *     pm_sbom_list_end(&l, &out, &d);
 *
 * The output depends on nothing but the documents (deterministic).
 *
 * Size limit: a call that makes out reach its size cap leaves out as it was
 * (content and overflow flag), adds one PM_ERR_OUTPUT error to d and
 * returns -1.  PM_ERR_OUTPUT, not PM_ERR_RENDER, because nothing is wrong
 * with the document or the listing: the output cannot be held, which the
 * CLI reports as an output it cannot write (exit 3).
 */
#ifndef PREMARKET_SBOM_LIST_H
#define PREMARKET_SBOM_LIST_H

#include <stddef.h>

#include "premarket/buf.h"
#include "premarket/diag.h"
#include "premarket/sbom.h"

/** How a listing is written. */
typedef enum pm_sbom_list_format {
	PM_SBOM_LIST_TEXT, /**< aligned columns for people */
	PM_SBOM_LIST_TSV,  /**< tab-separated, one header line, a column naming the file */
	PM_SBOM_LIST_JSON  /**< one object: {"files": [ one object per document ]} */
} pm_sbom_list_format;

/** Flags of pm_sbom_list_init(). */
enum pm_sbom_list_flag {
	PM_SBOM_LIST_VULNS = 1u << 0,   /**< list the vulnerabilities instead of the components */
	PM_SBOM_LIST_HEADINGS = 1u << 1 /**< text: "FILE:" above each document, a blank line between */
};

/** A listing being written.  Set up with pm_sbom_list_init(); the fields
 *  are read-only for callers. */
typedef struct pm_sbom_list {
	pm_sbom_list_format format;
	unsigned flags; /**< enum pm_sbom_list_flag bits */
	int started;    /**< the header (TSV header line, JSON opening) is written */
	size_t shown;   /**< documents written */
} pm_sbom_list;

/** Start a listing in `format` with `flags` (enum pm_sbom_list_flag). */
void pm_sbom_list_init(pm_sbom_list *l, pm_sbom_list_format format, unsigned flags);

/**
 * Append the listing of doc to out (after the header, on the first call):
 * one row per component (nested ones indented in text) or per
 * vulnerability.  Returns 0, or -1 with a PM_ERR_OUTPUT error in d when
 * out reached its size cap (out is left as it was).
 */
int pm_sbom_list_doc(pm_sbom_list *l, const pm_sbom_doc *doc, pm_buf *out, pm_diags *d);

/**
 * End the listing: append the header if no document was listed, and the
 * end of the JSON object.  Returns 0, or -1 as pm_sbom_list_doc().
 */
int pm_sbom_list_end(pm_sbom_list *l, pm_buf *out, pm_diags *d);

/**
 * Append the summary of doc: a line with its format, version and counts,
 * and, when something is missing, a line saying how many components lack
 * each NTIA minimum element and whether the document has no author or no
 * timestamp.  Each line starts with prefix (NULL for none) and the file
 * name.  Returns 0, or -1 as pm_sbom_list_doc().
 */
int pm_sbom_summary(const pm_sbom_doc *doc, const char *prefix, pm_buf *out, pm_diags *d);

#endif
