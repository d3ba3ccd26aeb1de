/* common.c — what several subcommands share: the pipeline's first stages
 * (load, identify threats with the rule catalog, score) with their
 * diagnostics printed, writing a result to standard output. */
#include "cli.h"
#include "file.h"
#include "xalloc.h"
#include "premarket/buf.h"
#include "premarket/load.h"
#include "premarket/risk.h"
#include "premarket/threats.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- models from standard input and pipes ------------------------------------------------ */

/* What stdin and pipes are read up to: the loader's cap for a model file
 * (pm_load_options.max_file_size's default). */
#define STDIN_CAP  ((size_t)64 << 20)
#define STDIN_NAME "<stdin>"

/* The model files of the command line that are not regular files: "-"
 * (standard input, named "<stdin>") and pipes named by path (/dev/stdin
 * when it is one, a shell's <(...), a FIFO), read here, blocking until the
 * writer closes, as cat would: the user named them.  Devices (/dev/null,
 * /dev/zero) stay the loader's to refuse, and it refuses every file that
 * is not a regular one everywhere else (includes, templates, images, SBOM
 * files), so that nothing the model names can hang a build. */
typedef struct piped {
	const char **paths; /* the command line's paths, "-" renamed */
	pm_load_source *src;
	pm_buf *data;
	size_t n_src;
} piped;

static int read_piped(char **files, size_t n, piped *p, pm_diags *diags)
{
	p->paths = pm_xcalloc(n + 1, sizeof *p->paths);
	p->src = pm_xcalloc(n + 1, sizeof *p->src);
	p->data = pm_xcalloc(n + 1, sizeof *p->data);
	p->n_src = 0;
	int rc = 0, stdin_seen = 0;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		int is_stdin = strcmp(files[i], "-") == 0;
		p->paths[i] = is_stdin ? STDIN_NAME : files[i];
		if (!is_stdin && (stat(files[i], &st) != 0 || S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)))
			continue; /* the loader reads it, or says why it cannot */
		if (!is_stdin && !S_ISFIFO(st.st_mode) && !S_ISSOCK(st.st_mode))
			continue; /* a device: the loader refuses it (not a regular file) */
		if (is_stdin && stdin_seen++) {
			rc = pm_diag_add(diags, PM_ERROR, PM_ERR_USAGE, STDIN_NAME, 0, 0,
			                 "standard input ('-') is named twice");
			continue;
		}
		int fd = is_stdin ? STDIN_FILENO : open(files[i], O_RDONLY | O_CLOEXEC | O_NOCTTY);
		pm_buf *b = &p->data[p->n_src];
		pm_buf_init(b, 0);
		if (fd < 0)
			rc = pm_diag_add(diags, PM_ERROR, PM_ERR_IO, p->paths[i], 0, 0, "cannot open: %s",
			                 strerror(errno));
		else if (pm_file_read_fd(fd, p->paths[i], STDIN_CAP, b, diags) < 0) {
			rc = -1;
			pm_diag_hint(diags, "a model on standard input or a pipe has the size limit of a model file");
		}
		if (fd >= 0 && !is_stdin)
			close(fd);
		p->src[p->n_src].name = p->paths[i];
		p->src[p->n_src].data = b->data ? b->data : "";
		p->src[p->n_src].len = b->len;
		p->n_src++;
	}
	return rc;
}

static void piped_free(piped *p)
{
	for (size_t i = 0; i < p->n_src; i++)
		pm_buf_free(&p->data[i]);
	free(p->data);
	free(p->src);
	free(p->paths);
}

struct pm_catalog *pm_cli_catalog(const pm_cli_rules *rules, pm_buf *name, pm_diags *diags)
{
	size_t n_dirs = rules ? rules->n_dirs : 0;
	const char **paths = calloc(n_dirs + 1, sizeof *paths);
	char *shipped = pm_catalog_shipped_dir();
	if (name)
		pm_buf_puts(name, "premarket " PM_VERSION " shipped rules");
	paths[0] = shipped;
	for (size_t i = 0; i < n_dirs; i++) {
		paths[i + 1] = rules->dirs[i];
		if (name)
			pm_buf_printf(name, "%s%s", i ? ", " : " and ", rules->dirs[i]);
	}
	pm_catalog *c = NULL;
	pm_catalog_load(paths, n_dirs + 1, 1, &c, diags);
	free(shipped);
	free(paths);
	return c;
}

static int identify(pm_model *m, const pm_cli_rules *rules, pm_diags *diags)
{
	pm_buf name;
	pm_buf_init(&name, 0);
	pm_catalog *c = pm_cli_catalog(rules, &name, diags);
	int rc = -1;
	if (c) {
		pm_identify_options opt = {rules ? rules->skip : NULL, rules ? rules->n_skip : 0, name.data,
		                           rules && rules->suggest};
		rc = pm_threats_identify(m, c, &opt, diags);
	}
	pm_catalog_free(c);
	pm_buf_free(&name);
	return rc;
}

struct pm_model *pm_cli_load_identified(char **files, size_t n, const pm_cli_rules *rules, pm_diags *diags)
{
	pm_model *m = NULL;
	pm_msg_stage("load the model");
	piped p;
	int loaded = read_piped(files, n, &p, diags);
	if (loaded == 0)
		loaded = pm_model_load_sources(p.paths, n, p.src, p.n_src, NULL, &m, diags);
	piped_free(&p);
	if (loaded < 0) {
		pm_msg_stage(NULL);
		return NULL; /* the loader sorted its diagnostics */
	}
	pm_msg_stage("identify threats by rule");
	int rc = identify(m, rules, diags);
	if (rc == 0) {
		pm_msg_stage("score the risks");
		rc = pm_risk_compute(m, diags);
	}
	pm_msg_stage(NULL);
	pm_diags_sort(diags, (const char *const *)m->files, m->n_files);
	if (rc < 0) {
		pm_model_free(m);
		return NULL;
	}
	return m;
}

struct pm_model *pm_cli_load_scored(char **files, size_t n, pm_diags *diags)
{
	return pm_cli_load_identified(files, n, NULL, diags);
}

struct pm_model *pm_cli_load(char **files, size_t n, int *exit_code)
{
	return pm_cli_load_rules(files, n, NULL, exit_code);
}

struct pm_model *pm_cli_load_rules(char **files, size_t n, const pm_cli_rules *rules, int *exit_code)
{
	pm_diags diags;
	pm_diags_init(&diags);
	pm_model *m = pm_cli_load_identified(files, n, rules, &diags);
	int rc = pm_msg_diags(stderr, &diags);
	pm_diags_free(&diags);
	if (!m) {
		*exit_code = rc ? rc : PM_EXIT_PROBLEMS;
		return NULL;
	}
	*exit_code = PM_EXIT_OK;
	return m;
}

int pm_cli_write_stdout(const char *data, size_t len)
{
	if ((len && fwrite(data, 1, len, stdout) != len) || fflush(stdout) != 0) {
		pm_msg_error("cannot write to standard output");
		return PM_EXIT_OUTPUT;
	}
	return PM_EXIT_OK;
}

long long pm_cli_source_date_epoch(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	if (!e || !*e)
		return -1;
	char *end;
	long long v = strtoll(e, &end, 10);
	return *end || v < 0 ? -1 : v;
}

int pm_cli_bad_option(const char *sub, int c, char **argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "?";
	if (c == ':')
		return pm_msg_usage(sub, "option '%s' needs a value", arg);
	if (optopt)
		return pm_msg_usage(sub, "unknown option '-%c'", optopt);
	return pm_msg_usage(sub, "unknown option '%s'", arg);
}

int pm_cli_help_only(int argc, char **argv, const char *sub, const char *usage)
{
	static const struct option options[] = {
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		if (c == 'h')
			return pm_cli_write_stdout(usage, strlen(usage));
		return pm_cli_bad_option(sub, c, argv);
	}
	return -1;
}
