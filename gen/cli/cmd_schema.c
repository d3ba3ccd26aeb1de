/* cmd_schema.c — `premarket schema`: print the model format as JSON Schema
 * (models/premarket.schema.json) or as the Markdown reference of docs/model.md. */
#include "cli.h"
#include "premarket/schema_doc.h"
#include "premarket/schema_xsd.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char usage_text[] =
	"Usage: premarket schema [--format json|markdown|xsd]\n"
	"\n"
	"Print the model format: as a JSON Schema (default; the file shipped as\n"
	"models/premarket.schema.json, for editors), as the Markdown field\n"
	"reference of docs/model.md, or as the XML Schema of submission.xml\n"
	"(models/premarket.xsd, docs/xml.md).\n";

int pm_cmd_schema(int argc, char **argv)
{
	static const struct option options[] = {
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *format = "json";
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:h", options, NULL)) != -1) {
		if (c == 'f')
			format = optarg;
		else if (c == 'h') {
			fputs(usage_text, stdout);
			return PM_EXIT_OK;
		} else
			return pm_cli_bad_option("schema", c, argv);
	}
	if (optind < argc)
		return pm_msg_usage("schema", "unexpected argument '%s'", argv[optind]);
	pm_buf b;
	pm_buf_init(&b, 0);
	int rc;
	if (strcmp(format, "json") == 0)
		rc = pm_schema_json(&b);
	else if (strcmp(format, "markdown") == 0 || strcmp(format, "md") == 0)
		rc = pm_schema_markdown(&b);
	else if (strcmp(format, "xsd") == 0)
		rc = pm_schema_xsd(&b);
	else {
		pm_buf_free(&b);
		return pm_msg_usage("schema", "unknown format '%s' (json, markdown or xsd)", format);
	}
	if (rc == 0 && (fwrite(b.data, 1, b.len, stdout) != b.len || fflush(stdout) != 0)) {
		pm_msg_error("cannot write to standard output");
		rc = -1;
		pm_buf_free(&b);
		return PM_EXIT_OUTPUT;
	}
	pm_buf_free(&b);
	return rc == 0 ? PM_EXIT_OK : PM_EXIT_OUTPUT;
}
