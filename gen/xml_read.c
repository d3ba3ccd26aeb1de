/* xml_read.c — submission.xml -> node tree (see yamltree.h).  Placeholder
 * until the XML reader lands: reports that XML input is not supported yet. */
#include "yamltree.h"

#include <string.h>

int yt_parse_xml(yt_doc *doc, const char *data, size_t len, const char *file, pm_arena *arena,
		 const yt_limits *lim, pm_diags *diags)
{
	(void)data;
	(void)len;
	(void)arena;
	(void)lim;
	memset(doc, 0, sizeof *doc);
	return pm_diag_add(diags, PM_ERROR, PM_ERR_YAML, file, 1, 1, "XML input is not supported yet");
}
