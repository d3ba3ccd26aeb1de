/**
 * schema_doc.h — the model format, printed from the loader's own field tables.
 *
 * pm_schema_json() writes the JSON Schema (draft 2020-12) that ships as
 * models/premarket.schema.json; pm_schema_markdown() writes the field
 * reference of docs/model.md.  Both are deterministic.
 */
#ifndef PREMARKET_SCHEMA_DOC_H
#define PREMARKET_SCHEMA_DOC_H

#include "premarket/buf.h"

/** Append the JSON Schema of the model format to out.  Returns 0, or -1
 *  with a PM_ERR_OUTPUT diagnostic when out reached its size cap. */
int pm_schema_json(pm_buf *out, pm_diags *d);
/** Append the Markdown field reference to out.  Returns 0, or -1 with a
 *  PM_ERR_OUTPUT diagnostic when out reached its size cap. */
int pm_schema_markdown(pm_buf *out, pm_diags *d);
/** Append the Markdown field reference of threat rule files (docs/threats.md).
 *  Same contract. */
int pm_schema_markdown_rules(pm_buf *out, pm_diags *d);

#endif
