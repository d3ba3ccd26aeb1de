/* cmd_score.c — `premarket score MODEL... [--format text|csv|json|xlsx]
 * [-o FILE]`: the risk register, one row per (threat, asset), before and
 * after controls; as a workbook (include/premarket/xlsx.h) with xlsx. */
#include "cli.h"
#include "premarket/load.h"
#include "premarket/render.h"
#include "premarket/sink_dir.h"
#include "premarket/view.h"
#include "premarket/xlsx.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] = "Usage: premarket score [--format text|csv|json|xlsx] [-o FILE] MODEL...\n"
                                 "\n"
                                 "Print the risk register of the model: one row per (threat, asset it affects)\n"
                                 "with the CVSS base score, the environmental score for that asset, the\n"
                                 "exploitability level, the severity of harm, the risk level and its\n"
                                 "acceptability, before and after controls; then the aggregates per device,\n"
                                 "zone, component and asset.  The method is docs/risk-method.md;\n"
                                 "'premarket explain MODEL... THREAT-ID' shows one derivation step by step.\n"
                                 "\n"
                                 "Options:\n"
                                 "  -f, --format=FMT  text (default), csv (RFC 4180, one row per risk), json,\n"
                                 "                    or xlsx (a workbook: register, controls, traceability,\n"
                                 "                    SBOM; needs -o)\n"
                                 "  -o, --output=FILE write FILE instead of standard output\n"
                                 "  -h, --help        show this help\n";

int pm_cmd_score(int argc, char **argv)
{
	static const struct option options[] = {
	        {"format", required_argument, NULL, 'f'},
	        {"help", no_argument, NULL, 'h'},
	        {"output", required_argument, NULL, 'o'},
	        {NULL, 0, NULL, 0},
	};
	pm_register_format fmt = PM_REGISTER_TEXT;
	int xlsx = 0, c;
	const char *output = NULL;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:ho:", options, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "text") == 0)
				fmt = PM_REGISTER_TEXT;
			else if (strcmp(optarg, "csv") == 0)
				fmt = PM_REGISTER_CSV;
			else if (strcmp(optarg, "json") == 0)
				fmt = PM_REGISTER_JSON;
			else if (strcmp(optarg, "xlsx") == 0)
				xlsx = 1;
			else
				return pm_msg_usage("score", "unknown format '%s' (text, csv, json or xlsx)", optarg);
			if (strcmp(optarg, "xlsx") != 0)
				xlsx = 0;
			break;
		case 'o':
			if (!*optarg)
				return pm_msg_usage("score", "-o needs a file name");
			output = optarg;
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
	if (xlsx && !output)
		return pm_msg_usage("score", "--format xlsx writes a file: give it with -o FILE");
	int rc;
	pm_model *m = pm_cli_load(argv + optind, (size_t)(argc - optind), &rc);
	if (!m)
		return rc;
	pm_cli_out o;
	pm_cli_out_init(&o);
	int rendered;
	if (xlsx) {
		char date[11];
		pm_xlsx_options xo = {pm_view_date(m, pm_cli_source_date_epoch(), date), PM_VERSION};
		rendered = pm_render_xlsx(m, &xo, &o.buf, &o.diags);
	} else {
		rendered = pm_render_register(m, fmt, &o.buf, &o.diags);
	}
	pm_model_free(m);
	if (!output || rendered < 0)
		return pm_cli_out_finish(&o, rendered);
	/* -o FILE: written atomically into FILE's folder */
	char *dir = strdup(output);
	if (!dir)
		abort();
	char *slash = strrchr(dir, '/');
	const char *name = slash ? slash + 1 : output;
	if (slash)
		*slash = '\0';
	pm_outset *set = pm_outset_new(slash ? (*dir ? dir : "/") : ".");
	if (!*name)
		pm_diag_add(&o.diags, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0, "-o '%s' names a folder, not a file", output);
	else if (!set)
		pm_diag_add(&o.diags, PM_ERROR, PM_ERR_OUTPUT, NULL, 0, 0, "cannot write '%s'", output);
	else if (pm_outset_add(set, name, o.buf.data, o.buf.len, &o.diags) == 0)
		pm_outset_commit(set, &o.diags);
	pm_outset_free(set);
	free(dir);
	rc = pm_msg_diags(stderr, &o.diags);
	pm_buf_free(&o.buf);
	pm_diags_free(&o.diags);
	return rc;
}
