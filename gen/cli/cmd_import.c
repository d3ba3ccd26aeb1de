/* cmd_import.c — `premarket import [--format auto|threat-dragon|otm]
 * [-o DIR] [--force] FILE`: a model skeleton from an OWASP Threat Dragon v2
 * or an Open Threat Model file (include/premarket/import.h,
 * docs/import.md), on standard output or as DIR/model.yaml. */
#include "cli.h"
#include "premarket/import.h"
#include "premarket/sink_dir.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char usage_text[] = "Usage: premarket import [--format auto|threat-dragon|otm] [-o DIR] [--force] FILE\n"
                                 "\n"
                                 "Convert an OWASP Threat Dragon v2 model (JSON) or an Open Threat Model file\n"
                                 "(OTM 0.x, JSON or YAML) into a premarket model: its trust zones, components,\n"
                                 "flows, threats (STRIDE) and mitigations (as planned controls), with the\n"
                                 "source's names and descriptions.  Every value premarket needs that the\n"
                                 "source does not give is a \"TODO:\" text, which 'premarket validate' accepts\n"
                                 "and 'premarket check' reports until it is replaced; docs/import.md lists the\n"
                                 "mapping.  The model goes to standard output, or to DIR/model.yaml with -o.\n"
                                 "\n"
                                 "Options:\n"
                                 "  -f, --format=FMT   the source format: auto (default: from the document),\n"
                                 "                     threat-dragon or otm\n"
                                 "  -o, --output=DIR   write DIR/model.yaml (DIR is created if needed)\n"
                                 "      --force        replace an existing DIR/model.yaml\n"
                                 "  -h, --help         show this help\n"
                                 "\n"
                                 "Exit status: 0 imported; 1 the file is not a model of the format (or has\n"
                                 "errors); 2 usage error or unreadable input; 3 output not written.\n";

int pm_cmd_import(int argc, char **argv)
{
	enum { OPT_FORCE = 256 };
	static const struct option options[] = {
	        {"force", no_argument, NULL, OPT_FORCE},
	        {"format", required_argument, NULL, 'f'},
	        {"help", no_argument, NULL, 'h'},
	        {"output", required_argument, NULL, 'o'},
	        {NULL, 0, NULL, 0},
	};
	pm_import_format fmt = PM_IMPORT_AUTO;
	const char *dir = NULL;
	int force = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:ho:", options, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (pm_import_format_parse(optarg, &fmt) < 0)
				return pm_msg_usage("import", "unknown format '%s' (auto, threat-dragon or otm)",
				                    optarg);
			break;
		case 'o':
			dir = optarg;
			break;
		case OPT_FORCE:
			force = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return PM_EXIT_OK;
		default:
			return pm_cli_bad_option("import", c, argv);
		}
	}
	if (argc - optind != 1)
		return pm_msg_usage("import", argc == optind ? "no file given" : "give exactly one file");
	if (dir && !*dir)
		return pm_msg_usage("import", "-o needs a folder");
	const char *file = argv[optind];
	char target[4200];
	if (dir) {
		snprintf(target, sizeof target, "%s/model.yaml", dir);
		struct stat st;
		if (!force && stat(target, &st) == 0) {
			pm_msg_error("%s already exists (use --force to replace it)", target);
			return PM_EXIT_OUTPUT;
		}
	}
	pm_buf out;
	pm_buf_init(&out, 0);
	pm_diags d;
	pm_diags_init(&d);
	pm_import_counts n;
	int rc = PM_EXIT_OK;
	if (pm_import_file(file, fmt, &out, &n, &d) == 0) {
		if (!dir) {
			rc = pm_cli_write_stdout(out.data, out.len);
		} else {
			pm_outset *o = pm_outset_new(dir);
			if (!o)
				pm_diag_add(&d, PM_ERROR, PM_ERR_OUTPUT, NULL, 0, 0, "cannot write into '%s'", dir);
			else if (pm_outset_add(o, "model.yaml", out.data, out.len, &d) == 0)
				pm_outset_commit(o, &d);
			pm_outset_free(o);
		}
	}
	int drc = pm_msg_diags(stderr, &d);
	if (rc == PM_EXIT_OK)
		rc = drc;
	if (rc == PM_EXIT_OK && pm_msg_verbosity != PM_QUIET) {
		fprintf(stderr,
		        "import: %s (%s): %zu zone%s, %zu component%s (%zu placeholder%s), %zu flow%s, %zu threat%s, "
		        "%zu control%s, %zu asset%s; %zu TODO value%s to fill in",
		        file, pm_import_format_name(n.format), n.zones, n.zones == 1 ? "" : "s", n.components,
		        n.components == 1 ? "" : "s", n.placeholders, n.placeholders == 1 ? "" : "s", n.flows,
		        n.flows == 1 ? "" : "s", n.threats, n.threats == 1 ? "" : "s", n.controls,
		        n.controls == 1 ? "" : "s", n.assets, n.assets == 1 ? "" : "s", n.todo, n.todo == 1 ? "" : "s");
		if (n.skipped)
			fprintf(stderr, "; %zu source object%s not imported", n.skipped, n.skipped == 1 ? "" : "s");
		fputc('\n', stderr);
		if (dir)
			fprintf(stderr, "wrote %s: next, 'premarket check %s' lists what to complete\n", target,
			        target);
	}
	pm_diags_free(&d);
	pm_buf_free(&out);
	return rc;
}
