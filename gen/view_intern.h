/* view_intern.h — shared values and derived keys of the template view
 * (gen/view_intern.c), so that a row of the register or a threat does not
 * carry its own copy of a constant string.
 *
 * Module rule: everything returned lives in the arena given to
 * pm_view_intern_new() and is shared by every caller: read-only. */
#ifndef PM_VIEW_INTERN_H
#define PM_VIEW_INTERN_H
#include "premarket/value.h"

typedef struct pm_view_intern pm_view_intern;

/* The suffixed keys of a field: "x_text", "x_label", "has_x", "n_x". */
typedef enum { PM_VK_TEXT, PM_VK_LABEL, PM_VK_HAS, PM_VK_N, PM_VK_COUNT } pm_view_key_kind;

pm_view_intern *pm_view_intern_new(pm_value_arena *a);
void pm_view_intern_free(pm_view_intern *in);

/* The key `key` with the suffix `kind`, made once per key pointer: key must
 * stay unchanged for as long as the arena is used (a literal or a field name
 * of the static tables). */
const char *pm_view_key(pm_view_intern *in, const char *key, pm_view_key_kind kind);

/* One string value per string s that stays unchanged as long as the arena is
 * used (a literal, a static table's entry, a string of the model). */
pm_value *pm_view_const(pm_view_intern *in, const char *s);

/* A value memoised under (p, tag), tag > PM_VK_COUNT: NULL until set. */
pm_value *pm_view_memo_get(pm_view_intern *in, const void *p, unsigned tag);
void pm_view_memo_set(pm_view_intern *in, const void *p, unsigned tag, pm_value *v);
#endif
