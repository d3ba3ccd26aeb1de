/**
 * schema_xsd.h — the XML Schema (XSD 1.0) of submission.xml, printed from
 * the loader's own field tables (gen/schema.c), so the schema and the
 * loader cannot disagree about an element.  It ships as models/premarket.xsd
 * and is documented in docs/xml.md.
 */
#ifndef PREMARKET_SCHEMA_XSD_H
#define PREMARKET_SCHEMA_XSD_H

#include "premarket/buf.h"

/**
 * Append the XSD of the submission format (namespace PM_XML_NAMESPACE,
 * include/premarket/xml.h) to out: the model part generated from the field
 * tables, then the fixed types of the computed parts (risk register,
 * traceability, completeness check).  Deterministic.  Returns 0, or -1
 * with a PM_ERR_OUTPUT diagnostic when out reached its size cap (out then
 * holds a truncated schema).
 */
int pm_schema_xsd(pm_buf *out, pm_diags *d);

#endif
