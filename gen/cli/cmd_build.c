/* cmd_build.c — `premarket build MODEL... -o DIR [--format md,html] [--templates DIR]`:
 * render the FDA document set with pm_build() (premarket/build.h) into an
 * output folder replaced as a whole (pm_outdir, premarket/sink_dir.h): the
 * lock (waiting, or --no-wait), then the build into a staging folder, swapped
 * in only when everything succeeded.  SIGINT, SIGTERM and SIGHUP remove the
 * staging folder (pm_outdir_on_signal()) and end the process by the signal. */
#include "cli.h"
#include "premarket/build.h"
#include "premarket/load.h"
#include "premarket/sink_dir.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage_text[] =
        "Usage: premarket build -o DIR [--format md,html,pdf,xml,xlsx] [--split] [--a4] [--with-check]\n"
        "                       [--templates DIR] [--no-wait] MODEL...\n"
        "\n"
        "Render the FDA premarket cybersecurity document set of the model into DIR:\n"
        "one Markdown file per document plus index.md; with html an HTML page per\n"
        "document plus index.html; with pdf one combined cybersecurity-submission.pdf\n"
        "(title page, document control with the SHA-256 of every input file, contents,\n"
        "bookmarks, every document as a chapter); with xml submission.xml, the model,\n"
        "register and traceability as data (models/premarket.xsd); with xlsx\n"
        "risk-register.xlsx, the register, controls, traceability and SBOM as\n"
        "spreadsheet sheets.  Every build also writes sbom.cdx.json, the SBOM as\n"
        "CycloneDX 1.6 with FDA's support fields.\n"
        "\n"
        "DIR is replaced as a whole: the new set is written beside it, then swapped in\n"
        "with one rename, so DIR holds the whole previous set or the whole new one,\n"
        "never a mix; a failed or interrupted build (Ctrl-C, SIGTERM) leaves it as it\n"
        "was.  DIR/.premarket-manifest lists what the build wrote: a DIR that is not\n"
        "empty and has none, or holds other files, is refused, never cleared.  Builds\n"
        "into one DIR take turns: a second one waits (saying so) unless --no-wait.\n"
        "The same inputs give byte-identical files (the date comes from the model or\n"
        "SOURCE_DATE_EPOCH).  The completeness check\n"
        "(completeness-check.md/.html) is a working report for the manufacturer or\n"
        "importer, not part of the submission: the combined PDF leaves it out unless\n"
        "--with-check is given.\n"
        "\n"
        "Options:\n"
        "  -o, --output=DIR      output folder (created when missing)\n"
        "  -f, --format=LIST     comma-separated: md, html, pdf, xml, xlsx (default: md,html)\n"
        "  -s, --split           with pdf: also one PDF per document (<slug>.pdf)\n"
        "      --a4              PDF pages in A4 (default: US Letter)\n"
        "      --with-check      with pdf: the completeness check as the combined PDF's last chapter\n"
        "  -t, --templates=DIR   templates that override the shipped ones, one by one;\n"
        "                        the shipped ones stay reachable as shipped/NAME\n"
        "      --no-wait         fail (exit 3) instead of waiting when another build\n"
        "                        is writing DIR\n"
        "  -h, --help            show this help\n"
        "\n"
        "Documents: see docs/templates.md.  Exit status: 0 ok, 1 model problems or a\n"
        "template error, 2 usage or unreadable input, 3 an output could not be written\n"
        "(or DIR is refused, or busy with --no-wait), 128+N killed by signal N.\n";

/* Format names, in the order of the PM_BUILD_* bits. */
static const char *const format_names[] = {"md", "html", "pdf", "xml", "xlsx"};
#define N_FORMATS (sizeof format_names / sizeof *format_names)

static int parse_formats(const char *s, unsigned *out)
{
	*out = 0;
	for (const char *p = s;; p++) {
		size_t n = strcspn(p, ",");
		unsigned bit = n == 8 && strncmp(p, "markdown", 8) == 0 ? PM_BUILD_MD : 0;
		for (unsigned k = 0; k < N_FORMATS; k++)
			if (strlen(format_names[k]) == n && strncmp(p, format_names[k], n) == 0)
				bit = 1u << k;
		if (!bit)
			return -1;
		*out |= bit;
		p += n;
		if (!*p)
			return 0;
	}
}

/* SIGINT, SIGTERM, SIGHUP: remove the staging folder, then die of the
 * signal (SA_RESETHAND: the raised one takes the default action once this
 * handler returns), so the shell sees 128+N. */
static void on_signal(int sig)
{
	static const char intr[] = "premarket: build stopped by SIGINT\n";
	static const char term[] = "premarket: build stopped by SIGTERM\n";
	static const char hup[] = "premarket: build stopped by SIGHUP\n";
	const char *m = sig == SIGINT ? intr : sig == SIGTERM ? term : hup;
	size_t n = sig == SIGINT ? sizeof intr : sig == SIGTERM ? sizeof term : sizeof hup;
	pm_outdir_on_signal();
	if (write(2, m, n - 1) < 0) {
		/* nothing to do: the process ends either way */
	}
	raise(sig);
}

static void catch_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND;
	sigfillset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		struct sigaction old;
		/* a signal ignored by whoever started us stays ignored */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	}
}

/* Lock DIR and start the set: 0, or the exit code. */
static int start_output(pm_outdir *out, const char *outdir, int no_wait, pm_diags *d)
{
	int r = pm_outdir_start(out, 0, d);
	if (r == 1 && no_wait) {
		long pid = pm_outdir_holder(out);
		if (pid)
			pm_diag_add(d, PM_ERROR, PM_ERR_OUTPUT, outdir, 0, 0,
			            "another build is writing this folder (process %ld)", pid);
		else
			pm_diag_add(d, PM_ERROR, PM_ERR_OUTPUT, outdir, 0, 0, "another build is writing this folder");
		pm_diag_hint(d, "wait for it to finish, or build without --no-wait to wait for it");
		return -1;
	}
	if (r == 1) {
		long pid = pm_outdir_holder(out);
		if (pid)
			pm_msg_info("premarket: waiting for another build into %s to finish (process %ld)...\n", outdir,
			            pid);
		else
			pm_msg_info("premarket: waiting for another build into %s to finish...\n", outdir);
		r = pm_outdir_start(out, 1, d);
	}
	return r;
}

int pm_cmd_build(int argc, char **argv)
{
	static const struct option options[] = {
	        {"output", required_argument, NULL, 'o'},
	        {"format", required_argument, NULL, 'f'},
	        {"templates", required_argument, NULL, 't'},
	        {"split", no_argument, NULL, 's'},
	        {"a4", no_argument, NULL, 'A'},
	        {"with-check", no_argument, NULL, 'C'},
	        {"no-wait", no_argument, NULL, 'W'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	pm_build_options bo;
	memset(&bo, 0, sizeof bo);
	bo.formats = PM_BUILD_MD | PM_BUILD_HTML;
	bo.source_date_epoch = pm_cli_source_date_epoch();
	const char *outdir = NULL;
	struct stat st;
	int c, no_wait = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":o:f:t:sh", options, NULL)) != -1) {
		switch (c) {
		case 'o':
			outdir = optarg;
			break;
		case 'f':
			if (parse_formats(optarg, &bo.formats) < 0)
				return pm_msg_usage("build", "unknown format in '%s' (md, html, pdf, xml, xlsx)",
				                    optarg);
			break;
		case 't':
			bo.templates_dir = optarg;
			break;
		case 's':
			bo.split = 1;
			break;
		case 'A':
			bo.a4 = 1;
			break;
		case 'C':
			bo.with_check = 1;
			break;
		case 'W':
			no_wait = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return PM_EXIT_OK;
		default:
			return pm_cli_bad_option("build", c, argv);
		}
	}
	if (!outdir)
		return pm_msg_usage("build", "no output folder given (-o DIR)");
	if (optind >= argc)
		return pm_msg_usage("build", "no model file given");
	if (bo.templates_dir && (stat(bo.templates_dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
		pm_msg_error("template folder %s: %s", bo.templates_dir, errno ? strerror(errno) : "not a folder");
		return PM_EXIT_USAGE;
	}
	/* from here on a signal ends the build with its message, also while the
	 * model loads (nothing is written yet then) */
	catch_signals();
	int rc;
	pm_model *m = pm_cli_load(argv + optind, (size_t)(argc - optind), &rc);
	if (!m)
		return rc;

	pm_diags d;
	pm_diags_init(&d);
	pm_outdir *out = pm_outdir_new(outdir);
	pm_sink sink = pm_outdir_sink(out);
	bo.progress = pm_msg_stage_cb;
	int built = start_output(out, outdir, no_wait, &d);
	if (built == 0)
		built = pm_build(m, &bo, &sink, &d);
	pm_msg_stage(NULL);
	rc = pm_msg_diags(stderr, &d);
	if (built < 0 && rc == PM_EXIT_OK)
		rc = PM_EXIT_PROBLEMS; /* cannot happen: pm_build() says why it failed */
	if (built == 0) {
		char list[64] = "";
		for (unsigned k = 0; k < N_FORMATS; k++)
			if (bo.formats & (1u << k))
				snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", list[0] ? ", " : "",
				         format_names[k]);
		pm_msg_info("%s: wrote %s to %s (%s)\n", m->device.name.s,
		            bo.formats & (PM_BUILD_MD | PM_BUILD_HTML | PM_BUILD_PDF) ? "the document set"
		                                                                      : "the submission data",
		            outdir, list);
	}
	pm_outdir_free(out);
	pm_diags_free(&d);
	pm_model_free(m);
	return rc;
}
