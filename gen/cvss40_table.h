/* cvss40_table.h — the CVSS v4.0 specification data (gen/cvss40_table.c):
 * macro-vector scores, highest-severity vectors and severity depths, as
 * FIRST's reference calculator (cvss_lookup.js, max_composed,
 * max_severity) defines them.  Used by the v4.0 scorer (gen/cvss40.c);
 * not a public header. */
#ifndef PM_CVSS40_TABLE_H
#define PM_CVSS40_TABLE_H

#include <stddef.h>

/** Score in tenths of the macro vector given as six digits ("000200"), or
 *  -1 when the specification defines no such macro vector. */
int pm_cvss_v40_macro_score(const char *macrovector);

/** Highest-severity vector parts ("AV:N/PR:N/UI:N/") for EQ group g at
 *  level `level`; for PM_CVSS_V40_EQ3EQ6 `level` is EQ3 and eq6 selects the
 *  EQ6 column (ignored otherwise).  Returns the number of parts and points
 *  *parts at them (static), or 0 for a level that does not exist. */
size_t pm_cvss_v40_max_parts(int g, int level, int eq6, const char *const **parts);

/** Max severity depth (in 0.1 steps) of EQ group g at `level` (EQ3 and eq6
 *  for PM_CVSS_V40_EQ3EQ6), or -1 when it does not exist. */
int pm_cvss_v40_depth(int g, int level, int eq6);

#endif
