/* check_internal.h — writing completeness checks.  Private to gen/check*.c:
 * include/premarket/check.h is the library's interface (run a check, read
 * and render its report, list the checklist).
 *
 * The checklist is split by area, one file each (gen/check_<area>.c): the
 * area's check functions, then its table of rows (pm_check_def: the public
 * description of the rule and its evaluation), exported as one
 * pm_check_area.  gen/check.c walks the areas in report order (PKG, RMR, TM,
 * RA, IO, SB, VA, UA, MET, CTL, AV, TST, LBL, CMP, 524, MOD, IDE; the
 * backbone is ../shared/FDA.md section 7, plus consistency checks in the area
 * they belong to) and docs/check.md is the reader's version of the tables.
 *
 * A check reads a const model (with its computed risk register), adds one
 * finding per object that lacks something with pm_check_add(), at that
 * object's mark (the nearest section's mark, or the device's, when the
 * object itself is missing), and returns pm_check_verdict(c) or
 * pm_check_na(c, why).  The ck_* helpers (gen/check_util.c) are the pieces
 * several areas share. */
#ifndef PM_CHECK_INTERNAL_H
#define PM_CHECK_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "premarket/check.h"
#include "premarket/model.h"

/* ---- the rule tables -------------------------------------------------------- */

/* What a check function sees of the run: the findings so far, the note, the
 * documentation date.  Defined in gen/check.c. */
typedef struct pm_check_ctx pm_check_ctx;

/* A check's evaluation: read m (never modify it), add one finding per gap
 * with pm_check_add(), and return pm_check_verdict(c), or pm_check_na(c, why). */
typedef pm_check_status (*pm_check_fn)(const pm_model *m, pm_check_ctx *c);

/* One row of an area's table: the rule as the reports show it, and the
 * function that evaluates it. */
typedef struct pm_check_def {
	pm_check_rule rule;
	pm_check_fn eval;
} pm_check_def;

/* An area's rows, in report order. */
typedef struct pm_check_area {
	const pm_check_def *v;
	size_t n;
} pm_check_area;

/* The areas, one per file, in the order gen/check.c runs them. */
extern const pm_check_area pm_check_area_device;       /* PKG: check_device.c */
extern const pm_check_area pm_check_area_risk_report;  /* RMR: check_risk_report.c */
extern const pm_check_area pm_check_area_threats;      /* TM: check_threats.c */
extern const pm_check_area pm_check_area_risk;         /* RA: check_risk.c */
extern const pm_check_area pm_check_area_interop;      /* IO: check_interop.c */
extern const pm_check_area pm_check_area_sbom;         /* SB: check_sbom.c */
extern const pm_check_area pm_check_area_vulns;        /* VA, UA, MET: check_vulns.c */
extern const pm_check_area pm_check_area_controls;     /* CTL: check_controls.c */
extern const pm_check_area pm_check_area_architecture; /* AV: check_architecture.c */
extern const pm_check_area pm_check_area_testing;      /* TST: check_testing.c */
extern const pm_check_area pm_check_area_labeling;     /* LBL: check_labeling.c */
extern const pm_check_area pm_check_area_plan;         /* CMP, 524: check_plan.c */
extern const pm_check_area pm_check_area_submission;   /* MOD, IDE: check_submission.c */

/* Row i of the whole checklist (0-based, report order), or NULL when i is
 * past the end: pm_check_rule_at() with the evaluation. */
const pm_check_def *pm_check_def_at(size_t i);

/* Shorthands for the rows' weight and flags. */
#define REQ  PM_CHECK_REQUIRED
#define REC  PM_CHECK_RECOMMENDED
#define ADV  PM_CHECK_ADVISORY
#define STAT PM_CHECK_F_STATUTORY
#define HELP PM_CHECK_F_IDE_HELPFUL

/* ---- the rule-writing API (gen/check.c) ------------------------------------ */

/* Add a finding: the object at `at` lacks something.  When at is absent
 * (line 0) the finding is placed at the device. */
void pm_check_add(pm_check_ctx *c, pm_mark at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Set the result's message: a summary for a failure, a note for a pass. */
void pm_check_note(pm_check_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The rule does not apply; the reason becomes the message.  Returns PM_CHECK_NA. */
pm_check_status pm_check_na(pm_check_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* PM_CHECK_FAIL when findings were added, else PM_CHECK_PASS. */
pm_check_status pm_check_verdict(const pm_check_ctx *c);
/* Number of findings added so far. */
size_t pm_check_count(const pm_check_ctx *c);
/* The documentation date (YYYY-MM-DD), or NULL when there is none. */
const char *pm_check_date(const pm_check_ctx *c);
/* Whether the model declares a cyber device (all three 524B(c) criteria). */
bool pm_check_is_cyber_device(const pm_model *m);

/* ---- helpers shared by the areas (gen/check_util.c) --------------------------- */

/* A string that is present, not blank and not a placeholder (ck_placeholder):
 * every check that asks for a text asks with this. */
bool ck_has(pm_str s);
/* Text that stands where data should be (docs/check.md, "Placeholders are not
 * data"): blank or only punctuation; "n/a", "na", "not applicable" or "not
 * available" as the whole text; or "not specified", "not stated", "none
 * stated", "unknown", "TBD", "to be determined" and the like, as the whole
 * text or followed by a separator (":", ",", ";", "(", " -") or by "in",
 * "by", "for", "from", "at", "as", "yet", "until" or "pending" ("Not
 * specified in the source model").  Case-insensitive, surrounding blanks and
 * final ".", "!", "?" ignored.  NULL is not a placeholder (it is absent). */
bool ck_placeholder(const char *s);
/* Whether text mentions word as a whole word (case-insensitive): not
 * preceded or followed by a letter or digit.  NULL text or word: false. */
bool ck_mentions(const char *text, const char *word);
/* The first present mark. */
pm_mark ck_at2(pm_mark a, pm_mark b);
pm_mark ck_at3(pm_mark a, pm_mark b, pm_mark c);
/* An object's id for a message: "?" when it has none. */
const char *ck_id(pm_str s);

/* A list of missing field names, "a, b and c": fill it with ck_miss(), then
 * report it with ck_add_missing(). */
typedef struct ck_missing {
	const char *v[12];
	size_t n;
} ck_missing;

/* Note `what` as missing unless present (the list keeps at most 12). */
void ck_miss(ck_missing *l, bool present, const char *what);
/* The names joined as "a, b and c"; the caller frees it. */
char *ck_joined(const ck_missing *l);
/* Add "PREFIX lacks a, b and c" at `at` when anything is missing. */
void ck_add_missing(pm_check_ctx *c, pm_mark at, const ck_missing *l, const char *prefix);

/* The component a reference names, or NULL (another kind, or unresolved). */
const pm_component *ck_component_at(const pm_model *m, const pm_ref *r);
/* A flow whose ends are both known and in different zones. */
bool ck_flow_crosses(const pm_model *m, const pm_flow *f);
/* A flow from or to a user. */
bool ck_flow_has_user(const pm_model *m, const pm_flow *f);
/* The id of c's zone, or "?". */
const char *ck_zone_id(const pm_model *m, const pm_component *c);
/* Interface i of the model (all components' interfaces, in model order). */
const pm_interface *ck_iface(const pm_model *m, size_t i);
/* The interface index a reference names, or -1. */
int ck_iface_idx(const pm_ref *r);
/* A reference to a control that is implemented or planned (not not_applicable). */
bool ck_control_counts(const pm_model *m, const pm_ref *r);
/* A provision status that says not_applicable. */
bool ck_is_na(pm_enum status);
/* The submission is an IDE. */
bool ck_ide(const pm_model *m);
/* The name of premarket's default risk policy (models/default-policy.yaml). */
#define CK_DEFAULT_POLICY_NAME "premarket default security risk policy"
/* The policy in force is premarket's default: loaded from models/ because the
 * model has none, or a copy that still carries the default's name and names
 * no document of the manufacturer (a submission.xml written from a model that
 * relied on the default holds such a copy). */
bool ck_default_policy(const pm_model *m);

/* A risk_management text field `key` (what: how a message names it): a
 * finding at the report when it is blank.  Returns pm_check_verdict(c). */
pm_check_status ck_rm_text(const pm_model *m, pm_check_ctx *c, pm_str v, const char *key, const char *what);
/* Item `which` (name, title) of items[0..n) in `section` ("labeling" or
 * "management_plan"): a finding at `where` when it is missing, at the item
 * when it says neither what nor where, or is not applicable without a
 * rationale. */
void ck_item_check(pm_check_ctx *c, const pm_item *items, size_t n, int which, const char *name, const char *title,
                   pm_mark where, const char *section);

#endif
