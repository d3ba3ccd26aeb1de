/* common.c — what several subcommands share: the pipeline's first stages
 * (load, identify threats with the rule catalog, score) with their
 * diagnostics printed, writing a result to standard output. */
#include "cli.h"
#include "premarket/buf.h"
#include "premarket/load.h"
#include "premarket/risk.h"
#include "premarket/threats.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pm_catalog *pm_cli_catalog(const pm_cli_rules *rules, pm_buf *name, pm_diags *diags)
{
	size_t n_dirs = rules ? rules->n_dirs : 0;
	const char **paths = calloc(n_dirs + 1, sizeof *paths);
	char *shipped = pm_catalog_shipped_dir();
	if (name)
		pm_buf_puts(name, "premarket " PM_VERSION " shipped rules");
	paths[0] = shipped;
	for (size_t i = 0; i < n_dirs; i++) {
		paths[i + 1] = rules->dirs[i];
		if (name)
			pm_buf_printf(name, "%s%s", i ? ", " : " and ", rules->dirs[i]);
	}
	pm_catalog *c = NULL;
	pm_catalog_load(paths, n_dirs + 1, 1, &c, diags);
	free(shipped);
	free(paths);
	return c;
}

static int identify(pm_model *m, const pm_cli_rules *rules, pm_diags *diags)
{
	pm_buf name;
	pm_buf_init(&name, 0);
	pm_catalog *c = pm_cli_catalog(rules, &name, diags);
	int rc = -1;
	if (c) {
		pm_identify_options opt = {rules ? rules->skip : NULL, rules ? rules->n_skip : 0, name.data,
		                           rules && rules->suggest};
		rc = pm_threats_identify(m, c, &opt, diags);
	}
	pm_catalog_free(c);
	pm_buf_free(&name);
	return rc;
}

struct pm_model *pm_cli_load_identified(char **files, size_t n, const pm_cli_rules *rules, pm_diags *diags)
{
	pm_model *m = NULL;
	pm_msg_stage("load the model");
	if (pm_model_load((const char *const *)files, n, NULL, &m, diags) < 0) {
		pm_msg_stage(NULL);
		return NULL; /* the loader sorted its diagnostics */
	}
	pm_msg_stage("identify threats by rule");
	int rc = identify(m, rules, diags);
	if (rc == 0) {
		pm_msg_stage("score the risks");
		rc = pm_risk_compute(m, diags);
	}
	pm_msg_stage(NULL);
	pm_diags_sort(diags, (const char *const *)m->files, m->n_files);
	if (rc < 0) {
		pm_model_free(m);
		return NULL;
	}
	return m;
}

struct pm_model *pm_cli_load_scored(char **files, size_t n, pm_diags *diags)
{
	return pm_cli_load_identified(files, n, NULL, diags);
}

struct pm_model *pm_cli_load(char **files, size_t n, int *exit_code)
{
	return pm_cli_load_rules(files, n, NULL, exit_code);
}

struct pm_model *pm_cli_load_rules(char **files, size_t n, const pm_cli_rules *rules, int *exit_code)
{
	pm_diags diags;
	pm_diags_init(&diags);
	pm_model *m = pm_cli_load_identified(files, n, rules, &diags);
	int rc = pm_msg_diags(stderr, &diags);
	pm_diags_free(&diags);
	if (!m) {
		*exit_code = rc ? rc : PM_EXIT_PROBLEMS;
		return NULL;
	}
	*exit_code = PM_EXIT_OK;
	return m;
}

int pm_cli_write_stdout(const char *data, size_t len)
{
	if ((len && fwrite(data, 1, len, stdout) != len) || fflush(stdout) != 0) {
		pm_msg_error("cannot write to standard output");
		return PM_EXIT_OUTPUT;
	}
	return PM_EXIT_OK;
}

long long pm_cli_source_date_epoch(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	if (!e || !*e)
		return -1;
	char *end;
	long long v = strtoll(e, &end, 10);
	return *end || v < 0 ? -1 : v;
}

int pm_cli_bad_option(const char *sub, int c, char **argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "?";
	if (c == ':')
		return pm_msg_usage(sub, "option '%s' needs a value", arg);
	if (optopt)
		return pm_msg_usage(sub, "unknown option '-%c'", optopt);
	return pm_msg_usage(sub, "unknown option '%s'", arg);
}

int pm_cli_help_only(int argc, char **argv, const char *sub, const char *usage)
{
	static const struct option options[] = {
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		if (c == 'h')
			return pm_cli_write_stdout(usage, strlen(usage));
		return pm_cli_bad_option(sub, c, argv);
	}
	return -1;
}
