/* cmd_validate.c — `premarket validate MODEL...`: load, check and score a
 * model, print every problem as file:line:col: error: message, and a
 * summary. */
#include "cli.h"
#include "premarket/load.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const char usage_text[] = "Usage: premarket validate [OPTIONS] MODEL...\n"
                                 "\n"
                                 "Load the device model made of the MODEL files (and the files they include),\n"
                                 "check it against the model format (docs/model.md), resolve every reference,\n"
                                 "and report every problem as 'file:line:col: error: message'.\n"
                                 "\n"
                                 "Options:\n"
                                 "  -q, --quiet           print problems only, no summary\n"
                                 "  -W, --no-warnings     do not print warnings\n"
                                 "      --max-errors=N    stop reporting after N errors (default 100)\n"
                                 "  -h, --help            show this help\n"
                                 "\n"
                                 "Exit status: 0 valid (warnings allowed), 1 the model has problems,\n"
                                 "2 usage error or unreadable input file.\n";

static const struct option options[] = {
        {"quiet", no_argument, NULL, 'q'},
        {"no-warnings", no_argument, NULL, 'W'},
        {"max-errors", required_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
};

static size_t count_model(const pm_model *m)
{
	return m->assets.n + m->zones.n + m->components.n + m->flows.n + m->threats.n + m->controls.n + m->tests.n +
	       m->sbom.components.n + m->vulnerabilities.n + m->anomalies.n + m->views.n + m->use_cases.n;
}

int pm_cmd_validate(int argc, char **argv)
{
	int no_warn = 0;
	size_t max_errors = 0;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":qWh", options, NULL)) != -1) {
		switch (c) {
		case 'q':
			pm_msg_verbosity = PM_QUIET;
			break;
		case 'W':
			no_warn = 1;
			break;
		case 'm': {
			char *end;
			unsigned long v = strtoul(optarg, &end, 10);
			if (*end || v == 0 || v > 100000)
				return pm_msg_usage("validate", "--max-errors needs a number from 1 to 100000");
			max_errors = v;
			break;
		}
		case 'h':
			fputs(usage_text, stdout);
			return PM_EXIT_OK;
		default:
			return pm_cli_bad_option("validate", c, argv);
		}
	}
	if (optind >= argc)
		return pm_msg_usage("validate", "no model file given");

	pm_diags diags;
	pm_diags_init(&diags);
	diags.max_errors = max_errors;
	/* scoring can add warnings (an effect that does not apply to a vector): validate reports them too */
	pm_model *m = pm_cli_load_scored(argv + optind, (size_t)(argc - optind), &diags);
	if (no_warn) {
		size_t k = 0;
		for (size_t i = 0; i < diags.n; i++) {
			if (diags.v[i].sev == PM_ERROR) {
				diags.v[k++] = diags.v[i];
			} else {
				free(diags.v[i].msg);
				free(diags.v[i].hint);
				free(diags.v[i].file);
			}
		}
		diags.n = k;
		diags.dropped_warnings = 0;
	}
	int rc = pm_msg_diags(stderr, &diags);
	if (pm_msg_verbosity != PM_QUIET) {
		if (m)
			fprintf(stderr, "%s: valid: %zu objects in %zu file%s, %zu warning%s\n", m->device.name.s,
			        count_model(m), m->n_files - (m->policy_is_default ? 1 : 0),
			        m->n_files - (m->policy_is_default ? 1 : 0) == 1 ? "" : "s", diags.warnings,
			        diags.warnings == 1 ? "" : "s");
		else
			fprintf(stderr, "premarket: %zu error%s, %zu warning%s\n", diags.errors,
			        diags.errors == 1 ? "" : "s", diags.warnings, diags.warnings == 1 ? "" : "s");
	}
	pm_model_free(m);
	pm_diags_free(&diags);
	return rc;
}
