/**
 * sbom_model.h — the model's SBOM as CycloneDX 1.6 JSON (labeling item L5).
 */
#ifndef PREMARKET_SBOM_MODEL_H
#define PREMARKET_SBOM_MODEL_H

#include "premarket/buf.h"
#include "premarket/diag.h"
#include "premarket/model.h"

/** Append the model's SBOM components (inline and imported) as a CycloneDX
 *  1.6 JSON document, with the device as metadata.component and the FDA
 *  support level and end-of-support date as properties.  date: YYYY-MM-DD or
 *  NULL.  Deterministic.  Returns 0, or -1 with diagnostics in d. */
int pm_sbom_export_model(const pm_model *m, const char *date, const char *tool_version, pm_buf *out,
			 pm_diags *d);

#endif
