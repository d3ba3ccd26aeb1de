/* cmd_data.c — `premarket data MODEL...`: the data templates see, as JSON
 * (docs/templates.md), for writing and debugging templates. */
#include "cli.h"
#include "premarket/load.h"
#include "premarket/view.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const char usage_text[] = "Usage: premarket data MODEL...\n"
                                 "\n"
                                 "Print, as JSON, the data the document templates see: the model with every\n"
                                 "key (absent values are null), the risk register and the derived names listed\n"
                                 "in docs/templates.md.  An object inside another object is shown as\n"
                                 "{\"$ref\": \"<id>\"}; in a template it is the full object.\n";

int pm_cmd_data(int argc, char **argv)
{
	int rc = pm_cli_help_only(argc, argv, "data", usage_text);
	if (rc >= 0)
		return rc;
	if (optind >= argc)
		return pm_msg_usage("data", "no model file given");
	pm_model *m = pm_cli_load(argv + optind, (size_t)(argc - optind), &rc);
	if (!m)
		return rc;
	char datebuf[11];
	pm_view_options vo = {pm_view_date(m, pm_cli_source_date_epoch(), datebuf), PM_VERSION};
	pm_value_arena *a = pm_value_arena_new();
	pm_value *root = pm_view_build(m, &vo, a);
	pm_cli_out o;
	pm_cli_out_init(&o);
	rc = pm_cli_out_finish(&o, pm_view_json(root, &o.buf, &o.diags));
	pm_value_arena_free(a);
	pm_model_free(m);
	return rc;
}
