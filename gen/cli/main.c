/* main.c — premarket's entry point: dispatch to a subcommand.
 * The subcommand table drives both dispatch and the --help text. */
#include "cli.h"
#include "suggest.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

typedef struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} subcommand;

/* Sorted by name. */
static const subcommand commands[] = {
        {"build", pm_cmd_build, "render the FDA document set (Markdown, HTML, PDF, XML) into a folder"},
        {"check", pm_cmd_check, "check completeness against FDA's expectations (text, md, sarif, json)"},
        {"cvss", pm_cmd_cvss, "score CVSS v3.1 / v4.0 vectors"},
        {"data", pm_cmd_data, "print the data document templates see, as JSON"},
        {"diagram", pm_cmd_diagram, "draw one architecture diagram of the model (SVG or graphviz DOT)"},
        {"explain", pm_cmd_explain, "show how one threat's scores were derived, step by step"},
        {"import", pm_cmd_import, "convert a Threat Dragon or OTM threat model into a premarket model"},
        {"init", pm_cmd_init, "start a new model from a commented skeleton"},
        {"schema", pm_cmd_schema, "print the model format as JSON Schema, Markdown or XML Schema"},
        {"sbom", pm_cmd_sbom, "list the components or vulnerabilities of CycloneDX/SPDX SBOM files"},
        {"score", pm_cmd_score, "print the risk register (text, csv or json)"},
        {"threats", pm_cmd_threats, "threats the rule catalog finds that the model neither models nor dismisses"},
        {"validate", pm_cmd_validate, "check model files; report every problem as file:line:col"},
};

static void usage(FILE *out)
{
	fputs("Usage: premarket COMMAND [OPTIONS] [ARGS...]\n"
	      "\n"
	      "Turn a medical device's security model (YAML) into the cybersecurity\n"
	      "documentation of an FDA premarket submission, and check it.\n"
	      "\n"
	      "Commands:\n",
	      out);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	      "Options:\n"
	      "  -h, --help     show this help (or 'premarket COMMAND --help', 'premarket help COMMAND')\n"
	      "  -V, --version  show the version\n"
	      "  -q, --quiet    (with any command) print problems only: no summary line, no progress\n"
	      "  -v, --verbose  (with any command; --verbose only for sbom and diagram) report the\n"
	      "                 stages of loading and building with their times, also when stderr\n"
	      "                 is not a terminal (on a terminal they are reported anyway)\n"
	      "\n"
	      "Exit status:\n"
	      "  0  success\n"
	      "  1  the model has problems (YAML syntax, schema, references), a\n"
	      "     template has an error, a CVSS vector is invalid, or check\n"
	      "     found gaps at or above its threshold\n"
	      "  2  usage error, or an input file that cannot be read (missing,\n"
	      "     unreadable, not a regular file, over the size limit)\n"
	      "  3  an output could not be written\n"
	      "\n"
	      "Documentation: README.md, docs/model.md, man premarket.\n",
	      out);
}

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static const subcommand *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(name, commands[i].name) == 0)
			return &commands[i];
	return NULL;
}

/* "unknown command", with the nearest command name when one is close. */
static int unknown_command(const char *name)
{
	const char *names[N_COMMANDS];
	for (size_t i = 0; i < N_COMMANDS; i++)
		names[i] = commands[i].name;
	const char *near = pm_suggest(name, names, N_COMMANDS);
	if (near)
		return pm_msg_usage(NULL, "unknown command '%s' (did you mean '%s'?)", name, near);
	return pm_msg_usage(NULL, "unknown command '%s'", name);
}

/* -q/--quiet and -v/--verbose belong to every command: take them out of
 * argv (up to a "--") into pm_msg_verbosity before the command parses the
 * rest.  Two commands had -v before it was global: sbom (--vulns) and
 * diagram (--view) keep it, and take --verbose only.  Returns the new argc. */
static int take_verbosity(const char *cmd, int argc, char **argv)
{
	int v_is_ours = strcmp(cmd, "sbom") != 0 && strcmp(cmd, "diagram") != 0;
	int k = 2;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			while (i < argc)
				argv[k++] = argv[i++];
			break;
		}
		if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
			pm_msg_verbosity = PM_QUIET;
		else if (strcmp(a, "--verbose") == 0 || (v_is_ours && strcmp(a, "-v") == 0))
			pm_msg_verbosity = PM_VERBOSE;
		else
			argv[k++] = argv[i];
	}
	argv[k] = NULL;
	return k;
}

#include <getopt.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

/* Every command's exit: what it wrote to stdout must have reached it (a
 * full disk, /dev/full, a closed pipe's EPIPE show only here, at the last
 * flush or the close).  A failure is exit status 3 with a message, unless
 * the command already reported its own write error (status 3). */
static int close_stdout(int rc)
{
	int bad = fflush(stdout) != 0;
	int e = errno;
	if (!bad && ferror(stdout)) {
		bad = 1;
		e = EIO;
	}
	if (fclose(stdout) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	if (!bad)
		return rc;
	if (rc != PM_EXIT_OUTPUT)
		pm_msg_error("cannot write to standard output: %s", strerror(e));
	return PM_EXIT_OUTPUT;
}

static int run(int argc, char **argv)
{
#ifdef __GLIBC__
	/* Large documents grow and free big buffers (rendered Markdown, cmark
	 * trees) many times; keeping freed memory in the heap instead of
	 * returning it to the kernel avoids re-faulting and re-zeroing the same
	 * pages (measured: a third of the time of a 100k-threat build). */
	mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
	mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
#endif
	opterr = 0; /* every command reports bad options itself (pm_cli_bad_option) */
	if (argc < 2)
		return pm_msg_usage(NULL, "no command given");
	const char *cmd = argv[1];
	char help_opt[] = "--help";
	if (strcmp(cmd, "help") == 0 && argc > 2) {
		/* premarket help COMMAND = premarket COMMAND --help */
		const subcommand *sc = find_command(argv[2]);
		if (!sc)
			return unknown_command(argv[2]);
		char *help_argv[] = {argv[2], help_opt, NULL};
		return sc->run(2, help_argv);
	}
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
		usage(stdout);
		return PM_EXIT_OK;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		printf("premarket %s\n", PM_VERSION);
		return PM_EXIT_OK;
	}
	const subcommand *sc = find_command(cmd);
	if (sc) {
		argc = take_verbosity(sc->name, argc, argv);
		return sc->run(argc - 1, argv + 1);
	}
	if (cmd[0] == '-')
		return pm_msg_usage(NULL, "unknown option '%s'", cmd);
	return unknown_command(cmd);
}

int main(int argc, char **argv)
{
	return close_stdout(run(argc, argv));
}
