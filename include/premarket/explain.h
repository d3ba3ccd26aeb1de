/**
 * explain.h — the derivation of one threat's register entries, step by step
 * (every weight, intermediate value, rounding, lookup and matrix cell).
 */
#ifndef PREMARKET_EXPLAIN_H
#define PREMARKET_EXPLAIN_H

#include "premarket/buf.h"
#include "premarket/model.h"

/** Append the explanation of threat `id` to out.  Returns 0; -1 when the
 *  model has no such threat; -2 when out grew past its cap. */
int pm_explain_threat(const pm_model *m, const char *id, pm_buf *out);

#endif
