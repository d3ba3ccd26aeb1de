/* cmd_init.c — `premarket init DIR`: start a new model from the commented
 * skeleton (examples/skeleton.yaml, installed as share/premarket/examples/). */
#include "cli.h"
#include "premarket/buf.h"
#include "premarket/load.h"
#include "premarket/sink_dir.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage_text[] = "Usage: premarket init [--force] DIR\n"
                                 "\n"
                                 "Start a new device model: write DIR/model.yaml, a commented skeleton of\n"
                                 "every section and key of the model format (docs/model.md) that already\n"
                                 "validates.  Replace the example values, then run\n"
                                 "'premarket validate DIR/model.yaml'.\n"
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
	FILE *f = fopen(src, "rb");
	if (!f) {
		pm_msg_error("cannot open the skeleton %s: %s", src, strerror(errno));
		return PM_EXIT_USAGE;
	}
	pm_buf b;
	pm_buf_init(&b, (size_t)1 << 20);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		pm_buf_put(&b, chunk, n);
	int rerr = ferror(f);
	fclose(f);
	if (rerr || b.overflow) {
		pm_msg_error("cannot read the skeleton %s", src);
		pm_buf_free(&b);
		return PM_EXIT_USAGE;
	}
	pm_outset *o = pm_outset_new(dir);
	char err[512] = "";
	int rc = PM_EXIT_OK;
	if (!o || pm_outset_add(o, "model.yaml", b.data, b.len) < 0 || pm_outset_commit(o, err, sizeof err) < 0) {
		pm_msg_error("cannot write %s: %s", target, err[0] ? err : o ? pm_outset_error(o) : "no folder");
		rc = PM_EXIT_OUTPUT;
	} else {
		fprintf(stderr, "wrote %s: edit it, then run 'premarket validate %s'\n", target, target);
	}
	pm_outset_free(o);
	pm_buf_free(&b);
	return rc;
}
