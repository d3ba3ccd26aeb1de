/**
 * view.h — the data templates see: the model and its risk register as a
 * pm_value tree (docs/templates.md lists every name).
 *
 * Every model object becomes a map holding every key of its type (absent
 * values are null, so a template never picks up an outer object's value by
 * accident); a reference becomes the referenced object's own map, so
 * templates can follow threat -> controls -> tests directly.  Derived names
 * (register rows, summaries, has_* flags, *_text joins, labels) are added on
 * top.  Strings are borrowed from the model: the model must outlive the view.
 */
#ifndef PREMARKET_VIEW_H
#define PREMARKET_VIEW_H

#include "premarket/buf.h"
#include "premarket/model.h"
#include "premarket/value.h"

typedef struct pm_view_options {
	const char *date; /**< documentation date YYYY-MM-DD (see pm_view_date()) */
	const char *tool_version;
} pm_view_options;

/** Build the view of m in arena a.  Never NULL; the arena owns everything. */
pm_value *pm_view_build(const pm_model *m, const pm_view_options *opt, pm_value_arena *a);

/**
 * The documentation date: device.date, else the date of the last revision,
 * else `epoch` (SOURCE_DATE_EPOCH, seconds; < 0 = unset) as UTC, else NULL.
 * buf must hold 11 bytes.
 */
const char *pm_view_date(const pm_model *m, long long epoch, char *buf);

/** Append the view as JSON (objects nested in objects as {"$ref": id}).
 *  Returns 0, or -1 with a PM_ERR_OUTPUT diagnostic when out reached its
 *  size cap. */
int pm_view_json(const pm_value *root, pm_buf *out, pm_diags *d);

#endif
