/* cmd_schema.c — `premarket schema`: print the model format as JSON Schema
 * (models/premarket.schema.json) or as the Markdown reference of docs/model.md. */
#include "cli.h"
#include "premarket/schema_doc.h"
#include "premarket/schema_xsd.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char usage_text[] = "Usage: premarket schema [--format json|markdown|xsd] [--rules]\n"
                                 "\n"
                                 "Print the model format: as a JSON Schema (default; the file shipped as\n"
                                 "models/premarket.schema.json, for editors), as the Markdown field\n"
                                 "reference of docs/model.md, or as the XML Schema of submission.xml\n"
                                 "(models/premarket.xsd, docs/xml.md).  With --rules, print the format of\n"
                                 "threat rule files (models/threats/, docs/threats.md) as Markdown.\n";

int pm_cmd_schema(int argc, char **argv)
{
	static const struct option options[] = {
	        {"format", required_argument, NULL, 'f'},
	        {"help", no_argument, NULL, 'h'},
	        {"rules", no_argument, NULL, 'r'},
	        {NULL, 0, NULL, 0},
	};
	const char *format = "json";
	int rules = 0;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:hr", options, NULL)) != -1) {
		if (c == 'f')
			format = optarg;
		else if (c == 'r')
			rules = 1;
		else if (c == 'h') {
			fputs(usage_text, stdout);
			return PM_EXIT_OK;
		} else
			return pm_cli_bad_option("schema", c, argv);
	}
	if (optind < argc)
		return pm_msg_usage("schema", "unexpected argument '%s'", argv[optind]);
	int (*render)(pm_buf *, pm_diags *);
	if (rules && strcmp(format, "markdown") != 0 && strcmp(format, "md") != 0)
		return pm_msg_usage("schema", "--rules prints Markdown only (--format markdown)");
	if (rules)
		render = pm_schema_markdown_rules;
	else if (strcmp(format, "json") == 0)
		render = pm_schema_json;
	else if (strcmp(format, "markdown") == 0 || strcmp(format, "md") == 0)
		render = pm_schema_markdown;
	else if (strcmp(format, "xsd") == 0)
		render = pm_schema_xsd;
	else
		return pm_msg_usage("schema", "unknown format '%s' (json, markdown or xsd)", format);
	pm_cli_out o;
	pm_cli_out_init(&o);
	return pm_cli_out_finish(&o, render(&o.buf, &o.diags));
}
