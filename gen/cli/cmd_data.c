/* cmd_data.c — `premarket data MODEL...`: the data templates see, as JSON
 * (docs/templates.md), for writing and debugging templates. */
#include "cli.h"
#include "premarket/load.h"
#include "premarket/view.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const char usage_text[] =
	"Usage: premarket data MODEL...\n"
	"\n"
	"Print, as JSON, the data the document templates see: the model with every\n"
	"key (absent values are null), the risk register and the derived names listed\n"
	"in docs/templates.md.  An object inside another object is shown as\n"
	"{\"$ref\": \"<id>\"}; in a template it is the full object.\n";

int pm_cmd_data(int argc, char **argv)
{
	static const struct option options[] = {
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		if (c == 'h') {
			fputs(usage_text, stdout);
			return PM_EXIT_OK;
		}
		return pm_cli_bad_option("data", c, argv);
	}
	if (optind >= argc)
		return pm_msg_usage("data", "no model file given");
	int rc;
	pm_model *m = pm_cli_load(argv + optind, (size_t)(argc - optind), &rc);
	if (!m)
		return rc;
	char datebuf[11];
	pm_view_options vo = {pm_view_date(m, pm_cli_source_date_epoch(), datebuf), PM_VERSION};
	pm_value_arena *a = pm_value_arena_new();
	pm_value *root = pm_view_build(m, &vo, a);
	pm_buf out;
	pm_buf_init(&out, 0);
	pm_diags d;
	pm_diags_init(&d);
	rc = pm_msg_finish(pm_view_json(root, &out, &d), &out, &d);
	pm_diags_free(&d);
	pm_buf_free(&out);
	pm_value_arena_free(a);
	pm_model_free(m);
	return rc;
}
