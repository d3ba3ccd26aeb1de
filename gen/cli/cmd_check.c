/* cmd_check.c — `premarket check MODEL... [--format text|md|sarif|json]
 * [--fail-on required|recommended|advisory]`: the completeness check
 * (include/premarket/check.h, docs/check.md).  Exit 0 when nothing at or
 * above the threshold fails, 1 when something does (or the model has
 * errors), 2 on usage errors and unreadable input. */
#include "cli.h"
#include "premarket/verify.h"
#include "premarket/check.h"
#include "premarket/load.h"

#include <ctype.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Where `make install` puts the docs (Makefile). */
#ifndef PM_DOCDIR_DEFAULT
#define PM_DOCDIR_DEFAULT "/usr/local/share/doc/premarket"
#endif

#ifndef PM_CMD_CHECK_DECLARED
int pm_cmd_check(int argc, char **argv);
#endif

static const char usage_text[] = "Usage: premarket check [--format text|md|sarif|json] [--fail-on LEVEL]\n"
                                 "                       [--doc-base URL] [--src-root DIR] MODEL...\n"
                                 "       premarket check --rules [--format text|md|json]\n"
                                 "\n"
                                 "Check the model for completeness against FDA's premarket cybersecurity\n"
                                 "guidance (June 2025) and FD&C Act section 524B: every gap is reported with\n"
                                 "the check's id, its basis in the guidance, and the file:line:col of the\n"
                                 "object to complete.  Checks are required (for cyber devices: what 524B(b)\n"
                                 "requires, with the content G25 VII recommends for it), recommended (by the\n"
                                 "guidance) or advisory; docs/check.md lists them all.\n"
                                 "End-of-support dates are compared with the documentation date\n"
                                 "(device.date, else the last revision's date, else SOURCE_DATE_EPOCH).\n"
                                 "\n"
                                 "Options:\n"
                                 "  -f, --format=FMT      text (default: file:line:col: error|warning|note: [ID]\n"
                                 "                        message, then a summary), md (a gap report),\n"
                                 "                        sarif (SARIF 2.1.0) or json\n"
                                 "      --fail-on=LEVEL   exit 1 when a check at or above LEVEL fails:\n"
                                 "                        required, recommended (default) or advisory\n"
                                 "      --doc-base=URL    sarif: absolute URL of the folder holding check.md,\n"
                                 "                        the base of each rule's helpUri (default: the\n"
                                 "                        installed docs, file://" PM_DOCDIR_DEFAULT "/)\n"
                                 "      --src-root=DIR    sarif: locations are relative to DIR (%SRCROOT%;\n"
                                 "                        default: the working directory)\n"
                                 "      --rules           print the checklist instead of checking a model\n"
                                 "  -h, --help            show this help\n"
                                 "\n"
                                 "With --format sarif a model that does not load still gives a SARIF log: its\n"
                                 "errors are results of the rule LOAD.\n"
                                 "\n"
                                 "Exit status: 0 nothing at or above LEVEL fails; 1 something does, or the\n"
                                 "model has errors; 2 usage error or unreadable input; 3 output not written.\n";

/* An absolute URI (scheme ":" then URI characters), without query or
 * fragment, since check.md#<id> is appended to it. */
static int is_base_uri(const char *s)
{
	if (!isalpha((unsigned char)*s))
		return 0;
	const char *p = s;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	if (*p != ':' || !p[1])
		return 0;
	for (p++; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '%') {
			if (!isxdigit((unsigned char)p[1]) || !isxdigit((unsigned char)p[2]))
				return 0;
			p += 2;
		} else if (!isalnum(c) && !strchr("-._~:/@!$&'()*+,;=", c)) {
			return 0;
		}
	}
	return 1;
}

int pm_cmd_check(int argc, char **argv)
{
	enum { OPT_FAIL_ON = 256, OPT_RULES, OPT_DOC_BASE, OPT_SRC_ROOT };
	static const struct option options[] = {
	        {"doc-base", required_argument, NULL, OPT_DOC_BASE},
	        {"fail-on", required_argument, NULL, OPT_FAIL_ON},
	        {"src-root", required_argument, NULL, OPT_SRC_ROOT},
	        {"format", required_argument, NULL, 'f'},
	        {"help", no_argument, NULL, 'h'},
	        {"rules", no_argument, NULL, OPT_RULES},
	        {NULL, 0, NULL, 0},
	};
	static const struct {
		const char *name;
		pm_check_format fmt;
	} formats[] = {
	        {"text", PM_CHECK_TEXT},
	        {"md", PM_CHECK_MD},
	        {"sarif", PM_CHECK_SARIF},
	        {"json", PM_CHECK_JSON},
	};
	pm_check_format fmt = PM_CHECK_TEXT;
	pm_check_weight threshold = PM_CHECK_RECOMMENDED;
	int rules = 0, c;
	const char *doc_base = NULL, *src_root = NULL;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:h", options, NULL)) != -1) {
		switch (c) {
		case 'f': {
			size_t i;
			for (i = 0; i < sizeof formats / sizeof *formats; i++)
				if (strcmp(optarg, formats[i].name) == 0)
					break;
			if (i == sizeof formats / sizeof *formats)
				return pm_msg_usage("check", "unknown format '%s' (text, md, sarif or json)", optarg);
			fmt = formats[i].fmt;
			break;
		}
		case OPT_FAIL_ON:
			if (pm_check_weight_parse(optarg, &threshold) < 0)
				return pm_msg_usage(
				        "check", "unknown level '%s' for --fail-on (required, recommended or advisory)",
				        optarg);
			break;
		case OPT_DOC_BASE:
			if (!is_base_uri(optarg))
				return pm_msg_usage(
				        "check",
				        "--doc-base '%s' is not an absolute URI without '?' or '#' (e.g. "
				        "https://example.com/premarket/docs/ or file:///usr/share/doc/premarket/)",
				        optarg);
			doc_base = optarg;
			break;
		case OPT_SRC_ROOT:
			if (!*optarg)
				return pm_msg_usage("check", "--src-root needs a directory");
			src_root = optarg;
			break;
		case OPT_RULES:
			rules = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return PM_EXIT_OK;
		default:
			return pm_cli_bad_option("check", c, argv);
		}
	}
	/* SARIF locations are relative to the source root */
	char cwd[PATH_MAX], root[2 * PATH_MAX + 2];
	if (!getcwd(cwd, sizeof cwd)) {
		pm_msg_error("cannot determine the working directory");
		return PM_EXIT_USAGE;
	}
	if (!src_root)
		snprintf(root, sizeof root, "%s", cwd);
	else if (src_root[0] == '/')
		snprintf(root, sizeof root, "%s", src_root);
	else
		snprintf(root, sizeof root, "%s/%s", cwd, src_root);
	pm_check_render_options ropt = {PM_VERSION, doc_base, root, 1};
	pm_buf out;
	pm_buf_init(&out, 0);
	pm_diags d;
	pm_diags_init(&d);
	int rc;
	if (rules) {
		if (optind < argc)
			return pm_msg_usage("check", "--rules takes no model file");
		if (fmt == PM_CHECK_SARIF)
			return pm_msg_usage("check", "--rules prints text, md or json");
		if (pm_check_render_rules(fmt, &ropt, &out, &d) < 0) {
			pm_msg_diags(stderr, &d);
			rc = PM_EXIT_OUTPUT;
		} else {
			rc = pm_cli_write_stdout(out.data, out.len);
		}
		pm_diags_free(&d);
		pm_buf_free(&out);
		return rc;
	}
	if (optind >= argc)
		return pm_msg_usage("check", "no model file given");
	pm_model *m;
	if (fmt == PM_CHECK_SARIF) {
		/* a model that does not load still gives a SARIF log, of its errors */
		pm_diags load;
		pm_diags_init(&load);
		m = pm_cli_load_identified(argv + optind, (size_t)(argc - optind), NULL, &load);
		rc = pm_msg_diags(stderr, &load);
		if (!m) {
			rc = rc ? rc : PM_EXIT_PROBLEMS;
			if (pm_check_render_sarif_load(&load, (const char *const *)(argv + optind),
			                               (size_t)(argc - optind), &ropt, &out, &d) < 0) {
				pm_msg_diags(stderr, &d);
				rc = PM_EXIT_OUTPUT;
			} else if (pm_cli_write_stdout(out.data, out.len) != PM_EXIT_OK) {
				rc = PM_EXIT_OUTPUT;
			}
			pm_diags_free(&load);
			pm_diags_free(&d);
			pm_buf_free(&out);
			return rc;
		}
		pm_diags_free(&load);
	} else {
		m = pm_cli_load(argv + optind, (size_t)(argc - optind), &rc);
		if (!m)
			return rc;
	}
	pm_check_options copt = {pm_cli_source_date_epoch()};
	pm_check_report report;
	pm_msg_stage("check completeness");
	int failed = pm_check_run(m, &copt, &report, &d) < 0;
	pm_msg_stage("render the report");
	failed = failed || pm_check_render(&report, fmt, &ropt, &out, &d) < 0;
	pm_msg_stage(NULL);
	pm_model_free(m);
	if (failed) {
		pm_msg_diags(stderr, &d);
		rc = PM_EXIT_OUTPUT;
	} else if (fmt == PM_CHECK_SARIF && pm_verify_output("check.sarif", out.data, out.len, &d) < 0) {
		pm_msg_diags(stderr, &d); /* a bug: exit 1 (premarket/verify.h) */
		rc = PM_EXIT_PROBLEMS;
	} else {
		rc = pm_cli_write_stdout(out.data, out.len);
		if (rc == PM_EXIT_OK && pm_check_fails(&report, threshold))
			rc = PM_EXIT_PROBLEMS;
	}
	pm_check_report_free(&report);
	pm_diags_free(&d);
	pm_buf_free(&out);
	return rc;
}
