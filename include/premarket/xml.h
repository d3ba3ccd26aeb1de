/**
 * xml.h — the machine-readable submission: the model, its risk register and
 * the traceability links as one XML document, valid against the published
 * schema models/premarket.xsd (printed by pm_schema_xsd(),
 * include/premarket/schema_xsd.h).  The format is docs/xml.md.
 *
 * Module rule: the XML is written here and read back by pm_model_load()
 * (a file named *.xml, or starting with '<'), which reads the model part
 * into the same node tree as YAML; pm_risk_compute() recomputes the
 * register, as for YAML.  The register, traceability and check parts are
 * output only.
 */
#ifndef PREMARKET_XML_H
#define PREMARKET_XML_H

#include <stddef.h>

#include "premarket/buf.h"
#include "premarket/diag.h"
#include "premarket/model.h"

/** Namespace of the submission format; its last component is the schema
 *  version, which changes only with an incompatible change of the format. */
#define PM_XML_NAMESPACE "urn:premarket:submission:1"
/** Value of the root element's schemaVersion attribute. */
#define PM_XML_SCHEMA_VERSION "1"
/** A buffer of this size holds any number pm_xml_decimal() writes. */
#define PM_XML_DECIMAL_MAX 400

/**
 * Append m as submission.xml to out: UTF-8, indented, deterministic (model
 * order; no date but the model's own).  The model part is a walk of the
 * structs through the field tables (absent values are left out); the
 * register is m->risk as `premarket score --format csv` prints it; the
 * traceability part links each threat to its risks, controls, tests and
 * SBOM components.  libxml2 does all escaping.
 *
 * Returns 0, or -1 with diagnostics (PM_ERR_RENDER: a string holds a
 * character XML 1.0 cannot carry, such as U+0001, reported at the value's
 * source location; or out reached its size cap).  On failure out is left
 * as it was.
 */
int pm_render_xml(const pm_model *m, pm_buf *out, pm_diags *d);

struct pm_check_report;
/** pm_render_xml() with the completeness check results (`premarket check`)
 *  as the <check> element; check may be NULL (no element). */
int pm_render_xml_check(const pm_model *m, const struct pm_check_report *check, pm_buf *out, pm_diags *d);

/**
 * Write v as an xs:decimal (no exponent, "-" for negatives, shortest
 * digits that read back as v; -0 is written "0") into buf, size bytes.
 * Returns buf, or NULL when v is not finite or size is too small
 * (PM_XML_DECIMAL_MAX always suffices).
 */
char *pm_xml_decimal(double v, char *buf, size_t size);

#endif
