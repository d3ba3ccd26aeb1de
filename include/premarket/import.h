/**
 * import.h — a premarket model skeleton from another threat-modeling tool's
 * model: OWASP Threat Dragon v2 (JSON) and the Open Threat Model format
 * (OTM 0.x, JSON or YAML).  docs/import.md describes the mapping.
 *
 * The result is YAML text of one model file: the source's trust zones,
 * components, flows, threats (STRIDE), mitigations (as planned controls)
 * and assets with their names and descriptions, and every value premarket
 * needs that the source does not give written as a "TODO: ..." text (which
 * `validate` accepts and `check` reports, docs/check.md "Placeholders are
 * not data") or, for a field with a fixed set of values, the most cautious
 * value with a "# TODO" comment.  The output validates; it is deterministic
 * (source order, ids made from the names).
 */
#ifndef PREMARKET_IMPORT_H
#define PREMARKET_IMPORT_H

#include <stddef.h>

#include "premarket/buf.h"
#include "premarket/diag.h"

/** The source format. */
typedef enum pm_import_format {
	PM_IMPORT_AUTO = 0,      /**< decided from the document: otmVersion = OTM, summary + detail = Threat Dragon */
	PM_IMPORT_THREAT_DRAGON, /**< OWASP Threat Dragon v2 JSON */
	PM_IMPORT_OTM            /**< Open Threat Model (JSON or YAML) */
} pm_import_format;

/** What an import made, for the summary a caller prints. */
typedef struct pm_import_counts {
	pm_import_format format; /**< the format read */
	size_t zones, components, flows, threats, controls, assets;
	size_t placeholders; /**< of the components: the ends of flows the source leaves unconnected */
	size_t todo;         /**< values left for the user ("TODO" in the output) */
	size_t skipped;      /**< source objects not imported (each with a warning) */
} pm_import_counts;

/** "Threat Dragon v2", "OTM", "auto". */
const char *pm_import_format_name(pm_import_format f);
/** Parse "auto", "threat-dragon", "otm"; returns 0 and sets *f, or -1. */
int pm_import_format_parse(const char *s, pm_import_format *f);

/** The largest source file read (32 MiB). */
#define PM_IMPORT_MAX_BYTES ((size_t)32 << 20)

/**
 * Convert data[0..len) (the content of `file`, which names it in
 * diagnostics) in format fmt to a premarket model appended to out; counts
 * may be NULL.  Returns 0 (warnings for what was skipped may be in d), or
 * -1 with located diagnostics in d: PM_ERR_YAML for a syntax or encoding
 * error, PM_ERR_SCHEMA for a document that is not of the format (or of an
 * unsupported version) or lacks what a model needs, PM_ERR_OUTPUT when out
 * reached its cap; out is then left as it was.
 */
int pm_import_parse(const char *data, size_t len, const char *file, pm_import_format fmt, pm_buf *out,
                    pm_import_counts *counts, pm_diags *d);

/** pm_import_parse() of the file at path (a regular file of at most
 *  PM_IMPORT_MAX_BYTES; PM_ERR_IO when it cannot be read). */
int pm_import_file(const char *path, pm_import_format fmt, pm_buf *out, pm_import_counts *counts, pm_diags *d);

#endif
