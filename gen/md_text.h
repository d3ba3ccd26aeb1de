/* md_text.h — helpers on the cmark-gfm tree shared by the HTML and PDF renderers. */
#ifndef PM_MD_TEXT_H
#define PM_MD_TEXT_H
#include <cmark-gfm.h>

#include "strmap.h"
/** The plain text of a node: literal text and code, line breaks as spaces,
 *  a space between paragraphs.  It is the caller's responsibility to free
 *  the returned buffer. */
char *pm_md_plain_text(cmark_node *node);

/** Bytes of a heading id before any "-N" suffix. */
#define PM_SLUG_MAX 64

/** The heading ids of one document (zero-initialise; free with pm_slugset_free()):
 *  each id taken, mapped to the next "-N" suffix to try when it is wanted again. */
typedef struct pm_slugset {
	pm_strmap ids;
	char **owned; /* the id strings, freed with the set */
	size_t n_owned, cap_owned;
} pm_slugset;

/** The id of a heading with this text, as HTML anchors and PDF links use it:
 *  ASCII letters and digits lower-cased, other runs become '-', at most
 *  PM_SLUG_MAX bytes, "section" when nothing is left; then "-2", "-3" ...
 *  for repeats.  The set owns the returned string. */
const char *pm_slug_claim(pm_slugset *set, const char *text);
void pm_slugset_free(pm_slugset *set);
#endif
