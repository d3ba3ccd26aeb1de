/* cmd_threats.c — `premarket threats`: the threats the rule catalog
 * identifies that the model neither models nor dismisses, each with the
 * threat to paste; `--list` prints the catalog, `--language` the reference
 * of the condition language (docs/threats.md). */
#include "cli.h"
#include "premarket/load.h"
#include "premarket/threats.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] = "Usage: premarket threats [OPTIONS] MODEL...\n"
                                 "       premarket threats --list [--format text|md|json] [--rules DIR]\n"
                                 "       premarket threats --language\n"
                                 "\n"
                                 "Run the threat rule catalog (models/threats/, and the rule files of each\n"
                                 "--rules folder) on the model and print the matches that no threat of the\n"
                                 "model answers (threats[].rule) and no rule disposition dismisses\n"
                                 "(rule_dispositions): for each, the rule, the element, why it matched and\n"
                                 "a complete threat to paste under threats:.  The method and the rule\n"
                                 "format are in docs/threats.md.\n"
                                 "\n"
                                 "Options:\n"
                                 "  -a, --all           list every match, with its disposition (modelled by\n"
                                 "                      which threat, or dismissed and why)\n"
                                 "  -f, --format=FMT    text (default), yaml (the suggested threats as a file\n"
                                 "                      to add with include:) or json; with --list: text, md\n"
                                 "                      or json\n"
                                 "  -l, --list          print the catalog, one rule a line: id, STRIDE,\n"
                                 "                      CAPEC, CWE, title\n"
                                 "      --language      print the attributes and neighbours a condition can\n"
                                 "                      test, as Markdown\n"
                                 "  -n, --no-rule=ID    do not run rule ID (repeatable)\n"
                                 "  -r, --rules=DIR     also run the rule files of DIR, or the file DIR\n"
                                 "                      (repeatable)\n"
                                 "  -h, --help          show this help\n";

typedef struct opts {
	pm_threats_format fmt;
	int all, list, language, fmt_given;
	const char **dirs, **skip;
	size_t n_dirs, n_skip;
} opts;

static int parse_format(const char *s, pm_threats_format *out)
{
	static const struct {
		const char *name;
		pm_threats_format f;
	} fmts[] = {
	        {"text", PM_THREATS_TEXT}, {"yaml", PM_THREATS_YAML},   {"json", PM_THREATS_JSON},
	        {"md", PM_THREATS_MD},     {"markdown", PM_THREATS_MD},
	};
	for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++)
		if (strcmp(s, fmts[i].name) == 0) {
			*out = fmts[i].f;
			return 0;
		}
	return -1;
}

static int parse(int argc, char **argv, opts *o)
{
	static const struct option options[] = {
	        {"all", no_argument, NULL, 'a'},         {"format", required_argument, NULL, 'f'},
	        {"help", no_argument, NULL, 'h'},        {"language", no_argument, NULL, 'L'},
	        {"list", no_argument, NULL, 'l'},        {"no-rule", required_argument, NULL, 'n'},
	        {"rules", required_argument, NULL, 'r'}, {NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":af:hln:r:", options, NULL)) != -1) {
		switch (c) {
		case 'a':
			o->all = 1;
			break;
		case 'f':
			if (parse_format(optarg, &o->fmt) < 0)
				return pm_msg_usage("threats", "unknown format '%s' (text, yaml, json; md with --list)",
				                    optarg);
			o->fmt_given = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return PM_EXIT_OK;
		case 'L':
			o->language = 1;
			break;
		case 'l':
			o->list = 1;
			break;
		case 'n':
			o->skip[o->n_skip++] = optarg;
			break;
		case 'r':
			o->dirs[o->n_dirs++] = optarg;
			break;
		default:
			return pm_cli_bad_option("threats", c, argv);
		}
	}
	if (o->list || o->language) {
		if (optind < argc)
			return pm_msg_usage("threats", "--list and --language take no model (found '%s')",
			                    argv[optind]);
		if (o->language && o->fmt_given && o->fmt != PM_THREATS_MD)
			return pm_msg_usage("threats", "--language prints Markdown only");
		if (o->list && o->fmt == PM_THREATS_YAML)
			return pm_msg_usage("threats", "--list prints text, md or json");
		return -1;
	}
	if (o->fmt == PM_THREATS_MD)
		return pm_msg_usage("threats", "md is a format of --list; matches print as text, yaml or json");
	if (optind >= argc)
		return pm_msg_usage("threats", "no model file given");
	return -1;
}

/* --list: the catalog alone. */
static int list_catalog(const opts *o)
{
	pm_cli_rules rules = {o->dirs, o->n_dirs, NULL, 0, 0};
	pm_cli_out out;
	pm_cli_out_init(&out);
	pm_catalog *c = pm_cli_catalog(&rules, NULL, &out.diags);
	int rc = c ? pm_render_catalog(c, o->fmt, &out.buf, &out.diags) : -1;
	pm_catalog_free(c);
	return pm_cli_out_finish(&out, rc);
}

int pm_cmd_threats(int argc, char **argv)
{
	opts o;
	memset(&o, 0, sizeof o);
	/* at most argc options take a value */
	o.dirs = calloc((size_t)argc + 1, sizeof *o.dirs);
	o.skip = calloc((size_t)argc + 1, sizeof *o.skip);
	int rc = parse(argc, argv, &o);
	if (rc < 0 && o.language) {
		pm_cli_out out;
		pm_cli_out_init(&out);
		rc = pm_cli_out_finish(&out, pm_render_rule_language(&out.buf, &out.diags));
	} else if (rc < 0 && o.list) {
		rc = list_catalog(&o);
	} else if (rc < 0) {
		pm_cli_rules rules = {o.dirs, o.n_dirs, o.skip, o.n_skip, 1};
		pm_model *m = pm_cli_load_rules(argv + optind, (size_t)(argc - optind), &rules, &rc);
		if (m) {
			pm_cli_out out;
			pm_cli_out_init(&out);
			rc = pm_cli_out_finish(&out, pm_render_threats(m, o.fmt, o.all, &out.buf, &out.diags));
			pm_model_free(m);
		}
	}
	free(o.dirs);
	free(o.skip);
	return rc;
}
