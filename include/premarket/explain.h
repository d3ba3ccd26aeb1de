/**
 * explain.h — the derivation of one threat's register entries, step by step
 * (every weight, intermediate value, rounding, lookup and matrix cell).
 */
#ifndef PREMARKET_EXPLAIN_H
#define PREMARKET_EXPLAIN_H

#include "premarket/buf.h"
#include "premarket/diag.h"
#include "premarket/model.h"

/** Append the explanation of threat `id` of the scored model m to out.
 *  Returns 0, or -1 with a diagnostic: PM_ERR_USAGE when the model has no
 *  such threat (the hint names the nearest id), PM_ERR_OUTPUT when out
 *  reached its size cap. */
int pm_explain_threat(const pm_model *m, const char *id, pm_buf *out, pm_diags *d);

#endif
