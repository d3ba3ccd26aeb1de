/* suggest.h — "did you mean": the nearest candidate by edit distance. */
#ifndef PM_SUGGEST_H
#define PM_SUGGEST_H
#include <stddef.h>
/** Edit distance (Levenshtein, case-insensitive) between a and b, or a value
 *  > max when it exceeds max (computation stops early). */
size_t pm_edit_distance(const char *a, const char *b, size_t max);
/** The candidate nearest to s within a distance that scales with its length,
 *  or NULL.  cands[i] may be NULL (skipped). */
const char *pm_suggest(const char *s, const char *const *cands, size_t n);
/** Threshold used by pm_suggest for a word of this length. */
size_t pm_suggest_threshold(size_t len);
#endif
