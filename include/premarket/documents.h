/**
 * documents.h — the FDA document set premarket renders (FDA.md Appendix 4,
 * Table 1; PRODUCT.md "Documents"), in the order of the package.
 */
#ifndef PREMARKET_DOCUMENTS_H
#define PREMARKET_DOCUMENTS_H

#include <stddef.h>

typedef struct pm_document {
	const char *id;       /**< stable document id, e.g. "PM-TM" */
	const char *slug;     /**< file and template name, e.g. "threat-model" */
	const char *title;    /**< e.g. "Threat Model" */
	const char *guidance; /**< guidance sections it answers, e.g. "G25 V.A.1, V.A.3, V.B.2, App. 2" */
	const char *summary;  /**< one sentence for the index */
} pm_document;

/** Slug of the appendix rendered from `premarket check` rather than from a template. */
#define PM_DOC_CHECK_SLUG "completeness-check"

extern const pm_document pm_documents[];
extern const size_t pm_n_documents;

/** The document with this slug, or NULL. */
const pm_document *pm_document_find(const char *slug);

#endif
