/**
 * diag.h — diagnostics: the one error type of the premarket library, and
 * the one API convention every public function follows.
 *
 * THE CONVENTION
 *
 *  1. A function that can fail returns int: 0 on success, -1 on failure.
 *     (A few also return 1 for a documented non-error outcome, e.g. "not
 *     found" where that is an answer, not a problem.)
 *  2. Its outputs come last but one, its diagnostics (pm_diags *) last:
 *         int pm_render_register(const pm_model *m, pm_register_format fmt,
 *                                pm_buf *out, pm_diags *d);
 *     On failure the reason is in the diagnostics, never only in the
 *     return value; out-parameters are left empty (or, for a pm_buf, as
 *     they were).
 *  3. A render into a pm_buf that reaches the buffer's size cap fails with
 *     a PM_ERR_OUTPUT diagnostic (pm_buf_done()), never silently truncated.
 *  4. Functions that cannot fail (constructors of empty objects, getters,
 *     name tables) return their value directly; allocation failure aborts
 *     (see below), so it is not a failure mode.  Builders of in-memory
 *     data (pm_value_*) return -1 only for a programming error (a value of
 *     the wrong kind) and take no diagnostics; formatting helpers that
 *     write into a caller's fixed array (pm_cvss_format, pm_cvss_score_str,
 *     pm_xml_decimal, pm_view_date) return the array or a length, as
 *     snprintf does.
 *  5. The CVSS module is a leaf that knows nothing of files: its parser
 *     reports through a pm_cvss_error (offset and message, last parameter),
 *     which its callers turn into a located pm_diag.
 *
 * Library code never prints and never exits.  Every problem it finds is
 * appended to a pm_diags list as a pm_diag carrying a severity, a kind, a
 * location (file:line:col, 1-based) and a message, plus an optional hint.
 * Only the CLI prints them (gen/cli/msg.c), always as
 *     file:line:col: error: message
 * and the kinds recorded decide its exit status.
 *
 * Out-of-memory policy: allocation failure aborts the process (as cmark and
 * jq do); see docs/internals.md.
 */
#ifndef PREMARKET_DIAG_H
#define PREMARKET_DIAG_H

#include <stdarg.h>
#include <stddef.h>

/** What kind of problem a diagnostic reports; drives the CLI's exit code. */
typedef enum pm_errkind {
	PM_ERR_NONE = 0,
	PM_ERR_IO,     /**< input cannot be read: missing, unreadable, too big (exit 2) */
	PM_ERR_OUTPUT, /**< an output cannot be written (exit 3) */
	PM_ERR_YAML,   /**< YAML syntax, encoding, or a parser limit (exit 1) */
	PM_ERR_SCHEMA, /**< unknown key, wrong type, bad value, missing field (exit 1) */
	PM_ERR_REF,    /**< duplicate id or dangling reference (exit 1) */
	PM_ERR_VALUE,  /**< a semantically invalid value, e.g. a CVSS vector (exit 1) */
	PM_ERR_RENDER, /**< a template or renderer problem (exit 1) */
	PM_ERR_USAGE   /**< bad arguments to a library call (exit 2) */
} pm_errkind;

typedef enum pm_severity { PM_ERROR = 0, PM_WARNING, PM_NOTE } pm_severity;

/** One diagnostic.  file may be NULL (no location); line/col 0 = unknown. */
typedef struct pm_diag {
	pm_severity sev;
	pm_errkind kind;
	char *file; /**< owned copy of the file name, or NULL */
	unsigned line, col;
	char *msg;  /**< owned */
	char *hint; /**< owned, may be NULL */
} pm_diag;

/** A growing list of diagnostics with a cap on recorded errors. */
typedef struct pm_diags {
	pm_diag *v;
	size_t n, cap;
	size_t errors;           /**< errors counted, recorded or not */
	size_t warnings;         /**< warnings counted, recorded or not */
	size_t dropped;          /**< errors not recorded because of max_errors */
	size_t dropped_warnings; /**< warnings and notes not recorded (cap: 4 x max_errors) */
	size_t max_errors;       /**< 0 = default (100) */
	unsigned kinds;          /**< bit (1u << kind) set for every error kind seen */
	int last_dropped;        /**< the last pm_diag_add() was not recorded (a hint would go nowhere) */
} pm_diags;

#define PM_DEFAULT_MAX_ERRORS 100

/** Initialise an empty list.  Free it with pm_diags_free(). */
void pm_diags_init(pm_diags *d);
/** Free every diagnostic and the list storage; the list is left empty. */
void pm_diags_free(pm_diags *d);

/**
 * Record a diagnostic.  Returns -1 so that failure sites read
 * `return pm_diag_add(...);`.  Formats with printf rules.
 */
int pm_diag_add(pm_diags *d, pm_severity sev, pm_errkind kind, const char *file, unsigned line, unsigned col,
                const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/** pm_diag_add() with a va_list. */
int pm_diag_vadd(pm_diags *d, pm_severity sev, pm_errkind kind, const char *file, unsigned line, unsigned col,
                 const char *fmt, va_list ap) __attribute__((format(printf, 7, 0)));
/** Attach a hint to the most recently recorded diagnostic (no-op if it was dropped). */
void pm_diag_hint(pm_diags *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** Non-zero when an error of this kind was recorded. */
int pm_diags_has(const pm_diags *d, pm_errkind kind);

/** Sort diagnostics by file order, line, column (stable), for reproducible output. */
void pm_diags_sort(pm_diags *d, const char *const *files, size_t nfiles);

#endif
