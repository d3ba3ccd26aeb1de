/* cmd_diagram.c — `premarket diagram MODEL... [--view ID] [--format svg|dot]
 * [--list]`: one architecture diagram on stdout (docs/diagrams.md). */
#include "cli.h"
#include "premarket/diagram.h"
#include "premarket/load.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char usage_text[] = "Usage: premarket diagram [--view ID] [--format svg|dot] MODEL...\n"
                                 "       premarket diagram --list MODEL...\n"
                                 "\n"
                                 "Write one architecture diagram of the model to stdout: a view the model\n"
                                 "provides (by its id), a view drawn from the model for a kind it lacks\n"
                                 "(global_system, multi_patient_harm, updatability), a security use case\n"
                                 "(by its id), or one zone of a global view too large to draw at once\n"
                                 "(VIEW-ID.ZONE-ID).  Without --view, the first diagram: the global view.\n"
                                 "These are the diagrams 'premarket build' writes as diagrams/ID.svg.\n"
                                 "The model steers the layout with zones[].within (nested zones) and\n"
                                 "components[].diagram: {rank: N, group: NAME}; see docs/diagrams.md.\n"
                                 "\n"
                                 "Options:\n"
                                 "  -v, --view=ID      the diagram to write (see --list)\n"
                                 "  -f, --format=FMT   svg (default): the drawing, laid out by graphviz;\n"
                                 "                     dot: the graph in graphviz's DOT language, with the\n"
                                 "                     names, zones and line styles, to edit or lay out by hand\n"
                                 "  -l, --list         list the diagrams: id, file and caption, tab-separated\n"
                                 "  -h, --help         show this help\n";

static int list(const pm_diagram_plan *p)
{
	pm_cli_out o;
	pm_cli_out_init(&o);
	for (size_t i = 0; i < pm_diagram_plan_count(p); i++)
		pm_buf_printf(&o.buf, "%s\t%s\t%s\n", pm_diagram_plan_id(p, i), pm_diagram_plan_file(p, i),
		              pm_diagram_plan_caption(p, i));
	return pm_cli_out_finish(&o, 0);
}

static int render(const pm_model *m, const pm_diagram_plan *p, size_t i, int dot, pm_cli_out *o)
{
	if (dot)
		return pm_diagram_dot(m, p, i, &o->buf, &o->diags);
	pm_diagram_engine *e = pm_diagram_engine_new();
	pm_diagram *dg = NULL;
	int rc = pm_diagram_layout(e, m, p, i, &dg, &o->diags);
	if (rc == 0)
		rc = pm_diagram_svg(dg, &o->buf, &o->diags);
	pm_diagram_free(dg);
	pm_diagram_engine_free(e);
	return rc;
}

int pm_cmd_diagram(int argc, char **argv)
{
	static const struct option options[] = {
	        {"format", required_argument, NULL, 'f'},
	        {"help", no_argument, NULL, 'h'},
	        {"list", no_argument, NULL, 'l'},
	        {"view", required_argument, NULL, 'v'},
	        {NULL, 0, NULL, 0},
	};
	const char *view = NULL;
	int dot = 0, want_list = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:hlv:", options, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "svg") == 0)
				dot = 0;
			else if (strcmp(optarg, "dot") == 0)
				dot = 1;
			else
				return pm_msg_usage("diagram", "unknown format '%s' (svg or dot)", optarg);
			break;
		case 'h':
			fputs(usage_text, stdout);
			return PM_EXIT_OK;
		case 'l':
			want_list = 1;
			break;
		case 'v':
			view = optarg;
			break;
		default:
			return pm_cli_bad_option("diagram", c, argv);
		}
	}
	if (optind >= argc)
		return pm_msg_usage("diagram", "no model file given");
	int rc;
	pm_model *m = pm_cli_load(argv + optind, (size_t)(argc - optind), &rc);
	if (!m)
		return rc;
	pm_diagram_plan *p = pm_diagram_plan_new(m);
	if (want_list) {
		rc = list(p);
	} else if (!pm_diagram_plan_count(p)) {
		pm_msg_error("the model has nothing to draw: no components");
		rc = PM_EXIT_PROBLEMS;
	} else {
		long i = view ? pm_diagram_plan_find(p, view) : 0;
		if (i < 0) {
			rc = pm_msg_usage("diagram", "no diagram \"%s\" (premarket diagram --list shows them)", view);
		} else {
			pm_cli_out o;
			pm_cli_out_init(&o);
			rc = pm_cli_out_finish(&o, render(m, p, (size_t)i, dot, &o));
		}
	}
	pm_diagram_plan_free(p);
	pm_model_free(m);
	return rc;
}
