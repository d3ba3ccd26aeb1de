/**
 * verify.h — every machine-readable output checked by the run that wrote it
 * (gen/build_verify.c), before it is published:
 *
 *   submission.xml  against the submission schema (models/premarket.xsd, as
 *                   pm_schema_xsd() generates it), streamed through libxml2's
 *                   XSD validator (no DOM: the XML of a large model is
 *                   hundreds of MB);
 *   *.cdx.json      against the structure CycloneDX 1.6 requires: bomFormat
 *                   "CycloneDX", specVersion, version, serialNumber, metadata,
 *                   components (type from the schema's list, name, unique
 *                   bom-ref, hashes, licenses, properties, nested
 *                   components), dependencies (ref and dependsOn naming
 *                   bom-refs of the document);
 *   *.sarif         against the structure SARIF 2.1.0 requires: version
 *                   "2.1.0", runs[] each with tool.driver.name, results[]
 *                   each with ruleId and message.text, level from the
 *                   schema's list, locations with a uri and 1-based regions.
 *
 * A failure is a bug in premarket, not in the model: one PM_ERR_RENDER
 * diagnostic (exit status 1) naming the output, the first problem and its
 * line and column in the output, with a hint to report it.  The output is
 * then not written.
 */
#ifndef PREMARKET_VERIFY_H
#define PREMARKET_VERIFY_H

#include <stddef.h>

#include "premarket/diag.h"

/**
 * Check the output called `name` (its file name: "submission.xml",
 * "sbom.cdx.json", "check.sarif"; any other name is not checked) whose
 * bytes are data[0, len).  Returns 0, or -1 with one diagnostic in d.
 */
int pm_verify_output(const char *name, const char *data, size_t len, pm_diags *d);

#endif
