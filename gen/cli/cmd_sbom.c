/* cmd_sbom.c — `premarket sbom [--format text|tsv|json] [--vulns] FILE...`:
 * read CycloneDX / SPDX files and list their components (or, with --vulns,
 * their vulnerabilities), with FDA's support fields and the NTIA gaps.
 * The listing is the library's (include/premarket/sbom_list.h). */
#include "cli.h"
#include "premarket/buf.h"
#include "premarket/sbom.h"
#include "premarket/sbom_list.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char usage_text[] = "Usage: premarket sbom [--format text|tsv|json] [--vulns] FILE...\n"
                                 "\n"
                                 "Read SBOM files -- CycloneDX 1.2-1.6 (JSON or XML) or SPDX 2.2/2.3 (JSON or\n"
                                 "tag-value), the format is detected -- and list their components, nested ones\n"
                                 "included: name, version, supplier, purl, FDA level of support and end of\n"
                                 "support, and (tsv, json) the NTIA minimum elements each one lacks.  With\n"
                                 "--vulns, list the vulnerabilities instead (CycloneDX vulnerabilities/VEX,\n"
                                 "SPDX advisory references): id, affected components, CVSS score computed from\n"
                                 "the vector, analysis state and justification.  In text format a summary of\n"
                                 "each file goes to standard error.  docs/sbom.md describes the mapping.\n"
                                 "\n"
                                 "Options:\n"
                                 "  -f, --format=FMT  text (default), tsv (tab-separated, with a header line)\n"
                                 "                    or json\n"
                                 "  -v, --vulns       list vulnerabilities instead of components\n"
                                 "  -h, --help        show this help\n"
                                 "\n"
                                 "Exit status: 0 every file was read (warnings allowed), 1 a file is not a\n"
                                 "valid SBOM, 2 usage error or a file that cannot be read.\n";

/* Print d (sorted for file), then what the listing wrote to err; returns
 * the exit code d implies. */
static int report(pm_diags *d, const char *file, pm_buf *err)
{
	pm_diags_sort(d, &file, file ? 1 : 0);
	int r = pm_msg_diags(stderr, d);
	pm_diags_free(d);
	if (err->len)
		fputs(err->data, stderr);
	pm_buf_clear(err);
	return r;
}

int pm_cmd_sbom(int argc, char **argv)
{
	static const struct option options[] = {
	        {"format", required_argument, NULL, 'f'},
	        {"help", no_argument, NULL, 'h'},
	        {"vulns", no_argument, NULL, 'v'},
	        {NULL, 0, NULL, 0},
	};
	pm_sbom_list_format fmt = PM_SBOM_LIST_TEXT;
	unsigned flags = 0;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:hv", options, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "text") == 0)
				fmt = PM_SBOM_LIST_TEXT;
			else if (strcmp(optarg, "tsv") == 0)
				fmt = PM_SBOM_LIST_TSV;
			else if (strcmp(optarg, "json") == 0)
				fmt = PM_SBOM_LIST_JSON;
			else
				return pm_msg_usage("sbom", "unknown format '%s' (text, tsv or json)", optarg);
			break;
		case 'v':
			flags |= PM_SBOM_LIST_VULNS;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return PM_EXIT_OK;
		default:
			return pm_cli_bad_option("sbom", c, argv);
		}
	}
	if (optind >= argc)
		return pm_msg_usage("sbom", "no SBOM file given");
	if (argc - optind > 1)
		flags |= PM_SBOM_LIST_HEADINGS;
	pm_sbom_list l;
	pm_sbom_list_init(&l, fmt, flags);
	pm_buf out, err;
	pm_buf_init(&out, 0);
	pm_buf_init(&err, 0);
	int rc = PM_EXIT_OK, full = 0;
	for (int i = optind; i < argc; i++) {
		pm_diags d;
		pm_diags_init(&d);
		pm_sbom_doc *doc = NULL;
		pm_sbom_load(argv[i], -1, &doc, &d);
		if (doc && !full)
			full = pm_sbom_list_doc(&l, doc, &out, &d) < 0;
		if (doc && fmt == PM_SBOM_LIST_TEXT) /* the summary goes to standard error */
			pm_sbom_summary(doc, "premarket: sbom: ", &err, &d);
		int r = report(&d, argv[i], &err);
		if (!doc && !r)
			r = PM_EXIT_PROBLEMS;
		if (r > rc)
			rc = r;
		pm_sbom_free(doc);
	}
	if (!full) {
		pm_diags d;
		pm_diags_init(&d);
		full = pm_sbom_list_end(&l, &out, &d) < 0;
		int r = report(&d, NULL, &err);
		if (r > rc)
			rc = r;
	}
	int w = full ? PM_EXIT_OUTPUT : pm_cli_write_stdout(out.data, out.len);
	pm_buf_free(&out);
	pm_buf_free(&err);
	return w > rc ? w : rc;
}
