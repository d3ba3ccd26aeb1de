/**
 * check.h — the completeness check: a model against FDA's expectations for a
 * premarket cybersecurity package (../shared/FDA.md section 7; docs/check.md).
 *
 * Module rule: the checklist is one table of rules (gen/check_rules.c); each
 * rule reads a const model (with its computed risk register) and reports pass,
 * fail or not applicable, and for a failure one finding per object that lacks
 * something, located at that object's file:line:col.  pm_check_run() runs the
 * table and returns a report that owns all its strings (it does not point
 * into the model, so it may outlive it).  The renderers (text, Markdown,
 * SARIF 2.1.0, JSON) only read a report.  Nothing here reads the clock: the
 * date a check compares with (end of support) is the documentation date.
 */
#ifndef PREMARKET_CHECK_H
#define PREMARKET_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "premarket/buf.h"
#include "premarket/model.h"

/** How much a rule matters.  Lower is more severe: a threshold `w` fails on
 *  every failure whose weight is <= w. */
typedef enum pm_check_weight {
	PM_CHECK_REQUIRED = 0,    /**< required by statute for cyber devices (FD&C Act 524B) */
	PM_CHECK_RECOMMENDED = 1, /**< recommended by FDA's guidance (G25) */
	PM_CHECK_ADVISORY = 2     /**< good practice; worth a look, not a gap by itself */
} pm_check_weight;

#define PM_CHECK_N_WEIGHTS 3

typedef enum pm_check_status {
	PM_CHECK_PASS = 0,
	PM_CHECK_FAIL,
	PM_CHECK_NA /**< not applicable to this model (the message says why) */
} pm_check_status;

/** Rule flags: how the default weight changes with the submission. */
enum {
	/** Required only because of 524B: recommended for a device that is not a
	 *  cyber device, and for an IDE (524B does not apply to IDEs). */
	PM_CHECK_F_STATUTORY = 1u,
	/** Appendix 4 Table 1 calls the element "helpful" for an IDE: advisory there. */
	PM_CHECK_F_IDE_HELPFUL = 2u
};

typedef struct pm_check_ctx pm_check_ctx;

/** A rule's evaluation: read m (never modify it), add one finding per gap
 *  with pm_check_add(), and return pm_check_verdict(c), or pm_check_na(c, why). */
typedef pm_check_status (*pm_check_fn)(const pm_model *m, pm_check_ctx *c);

/** One rule of the checklist. */
typedef struct pm_check_rule {
	const char *id;         /**< stable id, e.g. "SB-03" (docs/check.md#sb-03) */
	const char *title;      /**< one line */
	const char *area;       /**< group for summaries, e.g. "SBOM" */
	const char *basis;      /**< guidance section and statute, e.g. "G25 V.A.4.b; 524B(b)(3)" */
	pm_check_weight weight; /**< default weight */
	unsigned flags;         /**< PM_CHECK_F_* */
	const char *looks_at;   /**< what the rule examines */
	const char *fix;        /**< how to satisfy it */
	pm_check_fn eval;
} pm_check_rule;

/** The checklist, in report order. */
extern const pm_check_rule pm_check_rules[];
extern const size_t pm_check_n_rules;

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

typedef struct pm_check_options {
	/** SOURCE_DATE_EPOCH in seconds, the last fallback for the documentation
	 *  date after device.date and the last revision's date; < 0 = unset. */
	long long source_date_epoch;
} pm_check_options;

/**
 * Run every rule of pm_check_rules on m (loaded by pm_model_load(), scored
 * by pm_risk_compute()).
 * opt may be NULL.  Fills *out; the caller frees it with pm_check_report_free().
 * Returns 0 (checks cannot fail; out of memory aborts).
 */
int pm_check_run(const pm_model *m, const pm_check_options *opt, pm_check_report *out);

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

typedef enum pm_check_format {
	PM_CHECK_TEXT,  /**< one "file:line:col: error|warning|note: [ID] message" line per finding, then a summary */
	PM_CHECK_MD,    /**< a gap report in GitHub-flavoured Markdown */
	PM_CHECK_SARIF, /**< SARIF 2.1.0 JSON */
	PM_CHECK_JSON   /**< premarket's own JSON (docs/check.md) */
} pm_check_format;

typedef struct pm_check_render_options {
	const char *tool_version;    /**< e.g. "0.1.0"; NULL = omitted */
	const char *information_uri; /**< SARIF tool.driver.informationUri; NULL = "docs/check.md" */
	const char *help_base;       /**< prefix of each rule's help URI; NULL = "docs/check.md" */
	int heading_level;           /**< Markdown: level of the top heading (1-4); 0 = 1 */
} pm_check_render_options;

/** Append the report in format fmt to out.  opt may be NULL.  Output is
 *  deterministic (rule table order, then model order).  Returns 0, or -1
 *  when out grew past its cap. */
int pm_check_render(const pm_check_report *r, pm_check_format fmt, const pm_check_render_options *opt, pm_buf *out);

int pm_check_render_text(const pm_check_report *r, const pm_check_render_options *opt, pm_buf *out);
int pm_check_render_md(const pm_check_report *r, const pm_check_render_options *opt, pm_buf *out);
int pm_check_render_sarif(const pm_check_report *r, const pm_check_render_options *opt, pm_buf *out);
int pm_check_render_json(const pm_check_report *r, const pm_check_render_options *opt, pm_buf *out);

/** The checklist itself, without a model: text (one line per rule), md (the
 *  rule reference of docs/check.md, an anchor per id) or json; SARIF is not a
 *  format for it (returns -1).  Returns 0, or -1 when out grew past its cap. */
int pm_check_render_rules(pm_check_format fmt, const pm_check_render_options *opt, pm_buf *out);

/* ---- writing rules (used by gen/check_rules.c) ------------------------------ */

/** Add a finding: the object at `at` lacks something.  When at is absent
 *  (line 0) the finding is placed at the device. */
void pm_check_add(pm_check_ctx *c, pm_mark at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/** Set the result's message: a summary for a failure, a note for a pass. */
void pm_check_note(pm_check_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** The rule does not apply; the reason becomes the message.  Returns PM_CHECK_NA. */
pm_check_status pm_check_na(pm_check_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** PM_CHECK_FAIL when findings were added, else PM_CHECK_PASS. */
pm_check_status pm_check_verdict(const pm_check_ctx *c);
/** Number of findings added so far. */
size_t pm_check_count(const pm_check_ctx *c);
/** The documentation date (YYYY-MM-DD), or NULL when there is none. */
const char *pm_check_date(const pm_check_ctx *c);
/** Whether the model declares a cyber device (all three 524B(c) criteria). */
bool pm_check_is_cyber_device(const pm_model *m);

#endif
