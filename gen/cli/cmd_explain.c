/* cmd_explain.c — `premarket explain MODEL... THREAT-ID`. */
#include "cli.h"
#include "premarket/explain.h"
#include "premarket/load.h"
#include "../suggest.h"

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
	pm_buf_init(&out, 0);
	int r = pm_explain_threat(m, id, &out);
	if (r == -1) {
		const char **ids = calloc(m->threats.n + 1, sizeof *ids);
		for (size_t i = 0; ids && i < m->threats.n; i++)
			ids[i] = m->threats.v[i].id.s;
		const char *near = ids ? pm_suggest(id, ids, m->threats.n) : NULL;
		if (near)
			rc = pm_msg_usage("explain", "no threat \"%s\" in the model (did you mean \"%s\"?)", id, near);
		else
			rc = pm_msg_usage("explain", "no threat \"%s\" in the model", id);
		free(ids);
	} else if (r < 0) {
		pm_msg_error("the explanation is too large to render");
		rc = PM_EXIT_OUTPUT;
	} else {
		rc = pm_cli_write_stdout(out.data, out.len);
	}
	pm_buf_free(&out);
	pm_model_free(m);
	return rc;
}
