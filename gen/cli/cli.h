/* cli.h — the premarket command-line tool: subcommands, exit codes, messages.
 * Only files under gen/cli/ print, and they choose where files are written (the
 * library writes them only through a sink it is given); the library returns
 * diagnostics. */
#ifndef PM_CLI_H
#define PM_CLI_H

#include <stdio.h>
#include "premarket/buf.h"
#include "premarket/diag.h"

/** Exit codes (documented in --help, README.md and premarket(1)). */
enum pm_exit {
	PM_EXIT_OK = 0,       /**< success */
	PM_EXIT_PROBLEMS = 1, /**< the model has problems / invalid vectors / check found gaps */
	PM_EXIT_USAGE = 2,    /**< usage error, or an input file that cannot be read */
	PM_EXIT_OUTPUT = 3    /**< an output could not be written */
};

/** Subcommand entry points: argv[0] is the subcommand name. */
int pm_cmd_validate(int argc, char **argv);
int pm_cmd_cvss(int argc, char **argv);
int pm_cmd_schema(int argc, char **argv);
int pm_cmd_score(int argc, char **argv);
int pm_cmd_explain(int argc, char **argv);
int pm_cmd_data(int argc, char **argv);
int pm_cmd_build(int argc, char **argv);
int pm_cmd_init(int argc, char **argv);
int pm_cmd_check(int argc, char **argv);
int pm_cmd_sbom(int argc, char **argv);
int pm_cmd_diagram(int argc, char **argv);
int pm_cmd_threats(int argc, char **argv);
int pm_cmd_import(int argc, char **argv);
#define PM_CMD_CHECK_DECLARED 1
/** Usage error for getopt_long's result c ('?' or ':'), naming the option. */
int pm_cli_bad_option(const char *sub, int c, char **argv);
/** SOURCE_DATE_EPOCH as seconds, or -1 when unset or invalid. */
long long pm_cli_source_date_epoch(void);

struct pm_model;
/** The threat rules a command runs: the shipped catalog, plus the rule files
 *  of dirs (--rules), without the rules of skip (--no-rule). */
typedef struct pm_cli_rules {
	const char *const *dirs;
	size_t n_dirs;
	const char *const *skip;
	size_t n_skip;
	int suggest; /**< write the threat to paste for each open match (premarket threats) */
} pm_cli_rules;
/** The pipeline's first stages: load the model made of files[0..n)
 *  (pm_model_load()), identify threats with the rule catalog
 *  (pm_threats_identify(); rules NULL: the shipped catalog only), then
 *  score it (pm_risk_compute()).  The diagnostics of all are added to
 *  diags, sorted; returns the scored model, or NULL when there were errors. */
struct pm_model *pm_cli_load_identified(char **files, size_t n, const pm_cli_rules *rules, pm_diags *diags);
struct pm_catalog;
/** The catalog of rules: the shipped rule folder and rules->dirs.  When name
 *  is given, how documents name that catalog is appended to it.  Returns
 *  NULL with the problems in diags. */
struct pm_catalog *pm_cli_catalog(const pm_cli_rules *rules, pm_buf *name, pm_diags *diags);
/** pm_cli_load_identified() with the shipped catalog. */
struct pm_model *pm_cli_load_scored(char **files, size_t n, pm_diags *diags);
/** pm_cli_load_scored(), with the diagnostics printed on stderr; on errors
 *  return NULL and set *exit_code (1 or 2). */
struct pm_model *pm_cli_load(char **files, size_t n, int *exit_code);
/** pm_cli_load() with these threat rules. */
struct pm_model *pm_cli_load_rules(char **files, size_t n, const pm_cli_rules *rules, int *exit_code);
/** What a command renders for stdout, and the diagnostics of rendering it. */
typedef struct pm_cli_out {
	pm_buf buf;
	pm_diags diags;
} pm_cli_out;
/** An empty output (unlimited buffer, no diagnostics). */
void pm_cli_out_init(pm_cli_out *o);
/** The end of a command that rendered into o->buf (render_rc is what the
 *  renderer returned): print the diagnostics; when render_rc < 0 return
 *  the exit code they imply, else write the buffer to stdout.  Frees o. */
int pm_cli_out_finish(pm_cli_out *o, int render_rc);
/** Parse the options of a command that has only --help: returns -1 to go
 *  on (optind is at the first operand), or the exit code to return. */
int pm_cli_help_only(int argc, char **argv, const char *sub, const char *usage);
/** Write all of buf to stdout; returns PM_EXIT_OK or PM_EXIT_OUTPUT. */
int pm_cli_write_stdout(const char *data, size_t len);

/** How much a command says on stderr besides its diagnostics (-q, -v):
 *  PM_QUIET nothing but problems; PM_NORMAL its summary line, and the
 *  progress of its stages when stderr is a terminal; PM_VERBOSE the
 *  progress always.  Set by main() from -q/--quiet and -v/--verbose. */
enum pm_verbosity { PM_QUIET = 0, PM_NORMAL = 1, PM_VERBOSE = 2 };
extern int pm_msg_verbosity;
/** A summary or informational line on stderr ("wrote ..."), unless quiet. */
void pm_msg_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** Progress: a stage begins.  Ends the previous stage's line with its
 *  elapsed time; NULL ends the last one.  Prints only when progress is on
 *  (PM_VERBOSE, or PM_NORMAL with stderr a terminal). */
void pm_msg_stage(const char *stage);
/** pm_msg_stage() in the shape of pm_build_options.progress. */
void pm_msg_stage_cb(void *unused, const char *stage);

/** The one message helper: "premarket: error: ..." on stderr. */
void pm_msg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** Usage error: message plus "try 'premarket SUB --help'"; returns PM_EXIT_USAGE. */
int pm_msg_usage(const char *sub, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** Print one diagnostic as "file:line:col: error: message" (+ hint line). */
void pm_msg_diag(FILE *out, const pm_diag *d);
/** Print all diagnostics; returns the exit code they imply (0, 1, 2 or 3). */
int pm_msg_diags(FILE *out, const pm_diags *d);

#endif
