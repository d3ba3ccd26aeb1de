/* cmd_init.c — `premarket init DIR`: start a new model from the commented
 * skeleton (examples/skeleton.yaml, installed as share/premarket/examples/). */
#include "cli.h"
#include "file.h"
#include "premarket/buf.h"
#include "premarket/load.h"
#include "premarket/sink_dir.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The skeleton's first line tells YAML language servers (VS Code's YAML
 * extension and others) which JSON Schema the file follows; in the shipped
 * copy it is relative to examples/.  The new model gets the absolute path of
 * the installed schema instead, so completion and hover work wherever the
 * model is.  Returns the skeleton with that line rewritten in out (0), or -1
 * when the skeleton has no such first line or the path cannot be resolved
 * (the skeleton is then written as it is). */
static const char modeline[] = "# yaml-language-server: $schema=";

static int point_at_schema(const pm_buf *skeleton, pm_buf *out)
{
	char schema[PATH_MAX + 64], abs[PATH_MAX];
	if (skeleton->len < sizeof modeline - 1 || memcmp(skeleton->data, modeline, sizeof modeline - 1) != 0)
		return -1;
	const char *eol = memchr(skeleton->data, '\n', skeleton->len);
	snprintf(schema, sizeof schema, "%s/models/premarket.schema.json", pm_datadir());
	if (!eol || !realpath(schema, abs))
		return -1;
	size_t rest = skeleton->len - (size_t)(eol - skeleton->data);
	if (pm_buf_puts(out, modeline) || pm_buf_puts(out, abs) || pm_buf_put(out, eol, rest))
		return -1;
	return 0;
}

static const char usage_text[] = "Usage: premarket init [--force] DIR\n"
                                 "\n"
                                 "Start a new device model: write DIR/model.yaml, a commented skeleton of\n"
                                 "every section and key of the model format (docs/model.md) that already\n"
                                 "validates.  Replace the example values, then run\n"
                                 "'premarket validate DIR/model.yaml'.  Its first line points YAML\n"
                                 "language servers (editors) at the installed JSON Schema of the format.\n"
                                 "\n"
                                 "Options:\n"
                                 "  -f, --force  replace an existing DIR/model.yaml\n"
                                 "  -h, --help   show this help\n";

int pm_cmd_init(int argc, char **argv)
{
	static const struct option options[] = {
	        {"force", no_argument, NULL, 'f'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	int force = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":fh", options, NULL)) != -1) {
		if (c == 'f')
			force = 1;
		else if (c == 'h') {
			fputs(usage_text, stdout);
			return PM_EXIT_OK;
		} else
			return pm_cli_bad_option("init", c, argv);
	}
	if (argc - optind != 1)
		return pm_msg_usage("init", "give exactly one folder");
	const char *dir = argv[optind];
	char target[4200];
	snprintf(target, sizeof target, "%s/model.yaml", dir);
	struct stat st;
	if (!force && stat(target, &st) == 0) {
		pm_msg_error("%s already exists (use --force to replace it)", target);
		return PM_EXIT_OUTPUT;
	}
	char src[4200];
	snprintf(src, sizeof src, "%s/examples/skeleton.yaml", pm_datadir());
	pm_buf b;
	pm_diags d;
	pm_buf_init(&b, 0);
	pm_diags_init(&d);
	pm_outset *o = NULL;
	pm_buf model;
	pm_buf_init(&model, 0);
	if (pm_file_read(src, (size_t)1 << 20, 0, NULL, &b, &d) == 0) {
		const pm_buf *text = point_at_schema(&b, &model) == 0 ? &model : &b;
		o = pm_outset_new(dir);
		if (!o)
			pm_diag_add(&d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0, "no folder given");
		else if (pm_outset_add(o, "model.yaml", text->data, text->len, &d) == 0)
			pm_outset_commit(o, &d);
	}
	pm_buf_free(&model);
	int rc = pm_msg_diags(stderr, &d);
	if (rc == PM_EXIT_OK)
		pm_msg_info("wrote %s: edit it, then run 'premarket validate %s'\n", target, target);
	pm_diags_free(&d);
	pm_outset_free(o);
	pm_buf_free(&b);
	return rc;
}
