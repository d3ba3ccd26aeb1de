/**
 * check.h — the completeness check: a model against FDA's expectations for a
 * premarket cybersecurity package (../shared/FDA.md section 7; docs/check.md).
 *
 * Module rule: the checklist is a list of rules, written one area per file
 * (gen/check_<area>.c, with gen/check_internal.h: not part of this
 * interface); each rule reads a const model (with its computed risk register)
 * and reports pass, fail or not applicable, and for a failure one finding per
 * object that lacks something, located at that object's file:line:col.
 * pm_check_run() runs the checklist and returns a report that owns all its
 * strings (it does not point into the model, so it may outlive it).  The
 * renderers (text, Markdown, SARIF 2.1.0, JSON) only read a report.  Nothing
 * here reads the clock: the date a check compares with (end of support) is
 * the documentation date.
 *
 * Fallible functions follow the library's convention (diag.h): they return 0
 * on success and -1 on failure, with the output and the diagnostics
 * (pm_diags *, never NULL) as their last two parameters.  A render that
 * reaches its pm_buf's size cap fails with a PM_ERR_RENDER diagnostic and
 * leaves the buffer's content as it was.
 */
#ifndef PREMARKET_CHECK_H
#define PREMARKET_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "premarket/buf.h"
#include "premarket/diag.h"
#include "premarket/model.h"

/** How much a rule matters.  Lower is more severe: a threshold `w` fails on
 *  every failure whose weight is <= w. */
typedef enum pm_check_weight {
	PM_CHECK_REQUIRED =
	        0, /**< for cyber devices: what FD&C Act 524B(b) requires, with the content G25 VII recommends for it */
	PM_CHECK_RECOMMENDED = 1, /**< recommended by FDA's guidance (G25) */
	PM_CHECK_ADVISORY = 2     /**< good practice; worth a look, not a gap by itself */
} pm_check_weight;

#define PM_CHECK_N_WEIGHTS 3

/** A rule's result on one model. */
typedef enum pm_check_status {
	PM_CHECK_PASS = 0, /**< the model has what the rule looks for */
	PM_CHECK_FAIL,     /**< at least one gap, one finding each */
	PM_CHECK_NA        /**< not applicable to this model (the message says why) */
} pm_check_status;

/** Rule flags: how the default weight changes with the submission. */
enum {
	/** Required only because of 524B: recommended for a device that is not a
	 *  cyber device, and for an IDE (524B does not apply to IDEs). */
	PM_CHECK_F_STATUTORY = 1u,
	/** Appendix 4 Table 1 calls the element "helpful" for an IDE: advisory there. */
	PM_CHECK_F_IDE_HELPFUL = 2u
};

/** One rule of the checklist, as the reports and the reference show it. */
typedef struct pm_check_rule {
	const char *id;         /**< stable id, e.g. "SB-03" (docs/check.md#sb-03) */
	const char *title;      /**< one line */
	const char *area;       /**< group for summaries, e.g. "SBOM" */
	const char *basis;      /**< guidance section and statute, e.g. "G25 V.A.4.b; 524B(b)(3)" */
	pm_check_weight weight; /**< default weight */
	unsigned flags;         /**< PM_CHECK_F_* */
	const char *looks_at;   /**< what the rule examines */
	const char *fix;        /**< how to satisfy it */
} pm_check_rule;

/** Number of rules in the checklist (the length of every report). */
size_t pm_check_rule_count(void);
/** Rule i of the checklist (0-based, in report order: a report's result i is
 *  this rule's), or NULL when i >= pm_check_rule_count().  Static storage. */
const pm_check_rule *pm_check_rule_at(size_t i);

/** A location: file as named on the command line (or include-resolved),
 *  1-based line and column.  file NULL = no location. */
typedef struct pm_check_loc {
	const char *file; /**< points into the owning report's files[] */
	uint32_t line, col;
} pm_check_loc;

/** One object that fails a rule. */
typedef struct pm_check_finding {
	char *message; /**< owned: what is missing, naming the object */
	pm_check_loc loc;
} pm_check_finding;

/** The result of one rule on one model. */
typedef struct pm_check_result {
	const pm_check_rule *rule;      /**< the rule (static storage) */
	const char *id, *title, *basis; /**< the rule's, for convenience */
	pm_check_weight weight;         /**< effective weight for this submission */
	pm_check_status status;
	char *message;    /**< owned: summary of the gaps, the reason it does not apply, or a note; never NULL */
	pm_check_loc loc; /**< where to fix: the first finding's location; none when passing */
	pm_check_finding *findings; /**< owned: one per failing object, in model order */
	size_t n_findings;
} pm_check_result;

/** A report: one result per rule, in table order. */
typedef struct pm_check_report {
	pm_check_result *v;
	size_t n;
	char **files; /**< owned copies of the model's file names, in load order */
	size_t n_files;
	size_t n_model_files; /**< files[0..n_model_files) are the model's; the rest is premarket's default risk policy
	                       */
	char *device_name, *device_version; /**< owned copies; NULL when absent */
	char date[11];                      /**< documentation date used, YYYY-MM-DD; "" when none */
	bool cyber_device;                  /**< all three 524B(c) criteria are true */
	bool ide;                           /**< submission_type is ide */
	size_t passed, not_applicable;
	size_t failed[PM_CHECK_N_WEIGHTS];   /**< failed rules by effective weight */
	size_t findings[PM_CHECK_N_WEIGHTS]; /**< findings of failed rules by effective weight */
} pm_check_report;

/** How to run the check. */
typedef struct pm_check_options {
	/** SOURCE_DATE_EPOCH in seconds, the last fallback for the documentation
	 *  date after device.date and the last revision's date; < 0 = unset. */
	long long source_date_epoch;
} pm_check_options;

/**
 * Run every rule of the checklist on m (loaded by pm_model_load(), scored
 * by pm_risk_compute()).  opt may be NULL.  Fills *out; the caller frees it
 * with pm_check_report_free() (also after a failure).  Returns 0: the rules
 * themselves cannot fail (out of memory aborts); -1 with a PM_ERR_USAGE
 * diagnostic in d when m or out is NULL.
 */
int pm_check_run(const pm_model *m, const pm_check_options *opt, pm_check_report *out, pm_diags *d);

/** Free everything a report owns and zero it.  NULL is allowed. */
void pm_check_report_free(pm_check_report *r);

/** Whether some rule failed with an effective weight at or above `threshold`
 *  (REQUIRED counts for every threshold; ADVISORY only for ADVISORY). */
bool pm_check_fails(const pm_check_report *r, pm_check_weight threshold);

/** "required", "recommended", "advisory". */
const char *pm_check_weight_name(pm_check_weight w);
/** "error", "warning", "note" (compiler and SARIF level of a weight). */
const char *pm_check_level_name(pm_check_weight w);
/** "pass", "fail", "not applicable". */
const char *pm_check_status_name(pm_check_status s);
/** Parse a weight name; returns 0 and sets *w, or -1. */
int pm_check_weight_parse(const char *s, pm_check_weight *w);

/* ---- renderers (gen/render_check_*.c) ------------------------------------ */

/** An output format of a report (and, but SARIF, of the checklist). */
typedef enum pm_check_format {
	PM_CHECK_TEXT,  /**< one "file:line:col: error|warning|note: [ID] message" line per finding, then a summary */
	PM_CHECK_MD,    /**< a gap report in GitHub-flavoured Markdown */
	PM_CHECK_SARIF, /**< SARIF 2.1.0 JSON */
	PM_CHECK_JSON   /**< premarket's own JSON (docs/check.md) */
} pm_check_format;

/** What the renderers add to a report; all fields may be zero. */
typedef struct pm_check_render_options {
	const char *tool_version; /**< e.g. "0.1.0"; NULL = omitted */
	/** SARIF: absolute URI of the folder holding check.md, ending in "/"
	 *  (informationUri is <doc_base>check.md, each rule's helpUri
	 *  <doc_base>check.md#<id>); NULL = file://PM_DOCDIR_DEFAULT/, the
	 *  installed docs.  Used as given: the caller checks it is a URI. */
	const char *doc_base;
	/** SARIF: absolute path of the source root (%SRCROOT%): files under it
	 *  (relative file names being relative to the working directory) are
	 *  URIs relative to it, others absolute file: URIs, compared lexically;
	 *  NULL = relative file names are relative to %SRCROOT%, whose URI the
	 *  log leaves out. */
	const char *src_root;
	int heading_level; /**< Markdown: level of the top heading (1-4); 0 = 1 */
} pm_check_render_options;

/** Append the report in format fmt to out (an unknown format is text); opt
 *  may be NULL.  Output is deterministic (checklist order, then model order).
 *  Returns 0, or -1 with a PM_ERR_RENDER diagnostic in d when out reached
 *  its size cap (out is left as it was). */
int pm_check_render(const pm_check_report *r, pm_check_format fmt, const pm_check_render_options *opt, pm_buf *out,
                    pm_diags *d);

/** pm_check_render() in PM_CHECK_TEXT: a "file:line:col: level: [ID] message"
 *  line per finding, then a summary line. */
int pm_check_render_text(const pm_check_report *r, const pm_check_render_options *opt, pm_buf *out, pm_diags *d);
/** pm_check_render() in PM_CHECK_MD: a gap report, its top heading at
 *  opt->heading_level (the appendix of the document set). */
int pm_check_render_md(const pm_check_report *r, const pm_check_render_options *opt, pm_buf *out, pm_diags *d);
/** pm_check_render() in PM_CHECK_SARIF: one SARIF 2.1.0 run whose rules[] is
 *  the whole checklist (then the rule LOAD) and whose results are the
 *  findings (docs/check.md, "SARIF"). */
int pm_check_render_sarif(const pm_check_report *r, const pm_check_render_options *opt, pm_buf *out, pm_diags *d);
/** A SARIF 2.1.0 log for a model that did not load: the same tool.driver
 *  (the checklist, then the rule LOAD), invocations[0].executionSuccessful
 *  false, and one result of rule LOAD per diagnostic of `load` (its level
 *  from the severity, its location; a diagnostic without a file, and the
 *  note of each count of dropped diagnostics at the end, are located at
 *  model file files[0] when n_files > 0, since code-scanning services
 *  require a location).  Returns 0, or -1 with a PM_ERR_OUTPUT diagnostic
 *  in d when out reached its size cap (out is left as it was). */
int pm_check_render_sarif_load(const pm_diags *load, const char *const *files, size_t n_files,
                               const pm_check_render_options *opt, pm_buf *out, pm_diags *d);
/** pm_check_render() in PM_CHECK_JSON: premarket's own JSON (docs/check.md). */
int pm_check_render_json(const pm_check_report *r, const pm_check_render_options *opt, pm_buf *out, pm_diags *d);

/** Append the checklist itself, without a model: text (one line per rule),
 *  md (the rule reference of docs/check.md, an anchor per id) or json.
 *  Returns 0, or -1 with a diagnostic in d: PM_ERR_USAGE for SARIF or an
 *  unknown format (not a format for the checklist), PM_ERR_RENDER when out
 *  reached its size cap (out is left as it was). */
int pm_check_render_rules(pm_check_format fmt, const pm_check_render_options *opt, pm_buf *out, pm_diags *d);

#endif
