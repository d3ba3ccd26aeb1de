/* msg.c — the one message helper: every diagnostic the CLI prints goes
 * through here, so they all look the same:
 *     file:line:col: error: message
 *       hint: ...
 *     premarket: error: message           (no location)
 */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int pm_msg_verbosity = PM_NORMAL;

void pm_msg_info(const char *fmt, ...)
{
	if (pm_msg_verbosity == PM_QUIET)
		return;
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Progress lines: "premarket: STAGE ... 0.42 s (1.20 s in all)".  The
 * times are for the reader; they never reach an output file. */
void pm_msg_stage(const char *stage)
{
	static int on = -1, started;
	static double start, begun;
	static const char *current;
	if (on < 0)
		on = pm_msg_verbosity == PM_VERBOSE || (pm_msg_verbosity == PM_NORMAL && isatty(STDERR_FILENO));
	if (!on)
		return;
	double t = now();
	if (!current && !stage)
		return;
	if (current)
		fprintf(stderr, " %.2f s (%.2f s in all)\n", t - begun, t - start);
	else if (!started) {
		start = t;
		started = 1;
	}
	current = stage;
	begun = t;
	if (stage)
		fprintf(stderr, "premarket: %s ...", stage);
	fflush(stderr);
}

void pm_msg_stage_cb(void *unused, const char *stage)
{
	(void)unused;
	pm_msg_stage(stage);
}

static void vmsg(const char *level, const char *fmt, va_list ap)
{
	fprintf(stderr, "premarket: %s: ", level);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void pm_msg_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg("error", fmt, ap);
	va_end(ap);
}

int pm_msg_usage(const char *sub, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg("error", fmt, ap);
	va_end(ap);
	if (sub)
		fprintf(stderr, "Try 'premarket %s --help' for more information.\n", sub);
	else
		fprintf(stderr, "Try 'premarket --help' for more information.\n");
	return PM_EXIT_USAGE;
}

static const char *sev_name(pm_severity s)
{
	return s == PM_ERROR ? "error" : s == PM_WARNING ? "warning" : "note";
}

void pm_msg_diag(FILE *out, const pm_diag *d)
{
	if (d->file && d->line)
		fprintf(out, "%s:%u:%u: %s: %s\n", d->file, d->line, d->col, sev_name(d->sev), d->msg);
	else if (d->file)
		fprintf(out, "%s: %s: %s\n", d->file, sev_name(d->sev), d->msg);
	else
		fprintf(out, "premarket: %s: %s\n", sev_name(d->sev), d->msg);
	if (d->hint)
		fprintf(out, "  hint: %s\n", d->hint);
}

int pm_msg_diags(FILE *out, const pm_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		pm_msg_diag(out, &d->v[i]);
	if (d->dropped)
		fprintf(out, "premarket: note: %zu more error%s not shown (limit %zu errors)\n", d->dropped,
		        d->dropped == 1 ? "" : "s", d->max_errors ? d->max_errors : (size_t)PM_DEFAULT_MAX_ERRORS);
	if (d->dropped_warnings)
		fprintf(out, "premarket: note: %zu more warning%s not shown\n", d->dropped_warnings,
		        d->dropped_warnings == 1 ? "" : "s");
	if (pm_diags_has(d, PM_ERR_USAGE) || pm_diags_has(d, PM_ERR_IO))
		return PM_EXIT_USAGE;
	if (pm_diags_has(d, PM_ERR_OUTPUT))
		return PM_EXIT_OUTPUT;
	return d->errors ? PM_EXIT_PROBLEMS : PM_EXIT_OK;
}

void pm_cli_out_init(pm_cli_out *o)
{
	pm_buf_init(&o->buf, 0);
	pm_diags_init(&o->diags);
}

int pm_cli_out_finish(pm_cli_out *o, int render_rc)
{
	int rc = pm_msg_diags(stderr, &o->diags);
	if (render_rc < 0)
		rc = rc == PM_EXIT_OK ? PM_EXIT_PROBLEMS : rc;
	else
		rc = pm_cli_write_stdout(o->buf.data, o->buf.len);
	pm_buf_free(&o->buf);
	pm_diags_free(&o->diags);
	return rc;
}
