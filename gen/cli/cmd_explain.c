/* cmd_explain.c — `premarket explain MODEL... THREAT-ID`. */
#include "cli.h"
#include "premarket/explain.h"
#include "premarket/load.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const char usage_text[] =
	"Usage: premarket explain MODEL... THREAT-ID\n"
	"\n"
	"Show how the risk register entries of one threat were obtained, for every\n"
	"asset it affects, before and after controls: the vector scored, every CVSS\n"
	"weight and intermediate value, each rounding step, the v4.0 macro-vector\n"
	"lookup, the exploitability mapping, the severity of harm and the policy\n"
	"matrix cell — enough to recompute every number by hand.\n"
	"\n"
	"Options:\n"
	"  -h, --help  show this help\n";

int pm_cmd_explain(int argc, char **argv)
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
		return pm_cli_bad_option("explain", c, argv);
	}
	if (argc - optind < 2)
		return pm_msg_usage("explain", "need one or more model files and a threat id");
	const char *id = argv[argc - 1];
	int rc;
	pm_model *m = pm_cli_load(argv + optind, (size_t)(argc - optind - 1), &rc);
	if (!m)
		return rc;
	pm_buf out;
	pm_diags d;
	pm_buf_init(&out, 0);
	pm_diags_init(&d);
	rc = pm_msg_finish(pm_explain_threat(m, id, &out, &d), &out, &d);
	pm_diags_free(&d);
	pm_buf_free(&out);
	pm_model_free(m);
	return rc;
}
