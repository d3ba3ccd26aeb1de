/**
 * sbom_model.h — the model's SBOM as CycloneDX 1.6 JSON (labeling item L5).
 */
#ifndef PREMARKET_SBOM_MODEL_H
#define PREMARKET_SBOM_MODEL_H

#include "premarket/buf.h"
#include "premarket/diag.h"
#include "premarket/model.h"

/**
 * Append the model's SBOM components (inline and imported) as a CycloneDX
 * 1.6 JSON document to out, with the device as metadata.component, the
 * sbom.author (else the manufacturer) as author, the FDA support level and
 * end-of-support date as properties, and the components' depends_on as
 * dependencies.  date: YYYY-MM-DD (metadata.timestamp) or NULL;
 * tool_version: premarket's version in metadata.tools, or NULL.
 * Deterministic.  Returns 0, or -1 with an error in d (PM_ERR_OUTPUT when
 * out reached its size cap; out is then left as it was); values the
 * schema would refuse are left out with warnings, as pm_sbom_export_cdx()
 * does.
 */
int pm_sbom_export_model(const pm_model *m, const char *date, const char *tool_version, pm_buf *out, pm_diags *d);

#endif
