/* cmd_score.c — `premarket score MODEL... [--format text|csv|json]`:
 * the risk register, one row per (threat, asset), before and after controls. */
#include "cli.h"
#include "premarket/load.h"
#include "premarket/render.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char usage_text[] = "Usage: premarket score [--format text|csv|json] MODEL...\n"
                                 "\n"
                                 "Print the risk register of the model: one row per (threat, asset it affects)\n"
                                 "with the CVSS base score, the environmental score for that asset, the\n"
                                 "exploitability level, the severity of harm, the risk level and its\n"
                                 "acceptability, before and after controls; then the aggregates per device,\n"
                                 "zone, component and asset.  The method is docs/risk-method.md;\n"
                                 "'premarket explain MODEL... THREAT-ID' shows one derivation step by step.\n"
                                 "\n"
                                 "Options:\n"
                                 "  -f, --format=FMT  text (default), csv (RFC 4180, one row per risk) or json\n"
                                 "  -h, --help        show this help\n";

int pm_cmd_score(int argc, char **argv)
{
	static const struct option options[] = {
	        {"format", required_argument, NULL, 'f'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	pm_register_format fmt = PM_REGISTER_TEXT;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:h", options, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "text") == 0)
				fmt = PM_REGISTER_TEXT;
			else if (strcmp(optarg, "csv") == 0)
				fmt = PM_REGISTER_CSV;
			else if (strcmp(optarg, "json") == 0)
				fmt = PM_REGISTER_JSON;
			else
				return pm_msg_usage("score", "unknown format '%s' (text, csv or json)", optarg);
			break;
		case 'h':
			fputs(usage_text, stdout);
			return PM_EXIT_OK;
		default:
			return pm_cli_bad_option("score", c, argv);
		}
	}
	if (optind >= argc)
		return pm_msg_usage("score", "no model file given");
	int rc;
	pm_model *m = pm_cli_load(argv + optind, (size_t)(argc - optind), &rc);
	if (!m)
		return rc;
	pm_cli_out o;
	pm_cli_out_init(&o);
	rc = pm_cli_out_finish(&o, pm_render_register(m, fmt, &o.buf, &o.diags));
	pm_model_free(m);
	return rc;
}
