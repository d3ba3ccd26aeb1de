/* cmd_explain.c — `premarket explain MODEL... THREAT-ID`. */
#include "cli.h"
#include "premarket/explain.h"
#include "premarket/load.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const char usage_text[] = "Usage: premarket explain MODEL... THREAT-ID\n"
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
	int rc = pm_cli_help_only(argc, argv, "explain", usage_text);
	if (rc >= 0)
		return rc;
	if (argc - optind < 2)
		return pm_msg_usage("explain", "need one or more model files and a threat id");
	const char *id = argv[argc - 1];
	pm_model *m = pm_cli_load(argv + optind, (size_t)(argc - optind - 1), &rc);
	if (!m)
		return rc;
	pm_cli_out o;
	pm_cli_out_init(&o);
	rc = pm_cli_out_finish(&o, pm_explain_threat(m, id, &o.buf, &o.diags));
	pm_model_free(m);
	return rc;
}
