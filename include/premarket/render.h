/**
 * render.h — renderers: each takes a const model (with its computed risk
 * register) and appends its output to a pm_buf.  Renderers never compute
 * scores; they print what gen/risk.c stored.
 */
#ifndef PREMARKET_RENDER_H
#define PREMARKET_RENDER_H

#include "premarket/buf.h"
#include "premarket/model.h"

typedef enum pm_register_format { PM_REGISTER_TEXT, PM_REGISTER_CSV, PM_REGISTER_JSON } pm_register_format;

/** Append the risk register of the scored model m (one row per threat x
 *  asset, before and after controls) and its aggregates to out.  Returns 0,
 *  or -1 with a PM_ERR_OUTPUT diagnostic when out reached its size cap. */
int pm_render_register(const pm_model *m, pm_register_format fmt, pm_buf *out, pm_diags *d);

#endif
