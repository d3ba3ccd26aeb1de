/* md_text.h — helpers on the cmark-gfm tree shared by the HTML and PDF renderers. */
#ifndef PM_MD_TEXT_H
#define PM_MD_TEXT_H
#include <cmark-gfm.h>
/** The plain text of a node: literal text and code, line breaks as spaces,
 *  a space between paragraphs.  It is the caller's responsibility to free
 *  the returned buffer. */
char *pm_md_plain_text(cmark_node *node);
#endif
