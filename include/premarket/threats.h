/**
 * threats.h — threat identification: the rule catalog and its matches.
 *
 * Module rule: a pm_catalog is loaded once from rule files
 * (models/threats/NAME.yaml, docs/threats.md) by pm_catalog_load(), never
 * modified, and freed with pm_catalog_free().  Rules are data: each names
 * the kind of element it applies to, a condition in the language of
 * docs/threats.md, and the threat it suggests (STRIDE, CAPEC, CWE, FDA
 * control categories, a default CVSS v3.1 vector with a rationale per
 * metric, threat text, suggested controls).  Every value keeps its source
 * location; marks index pm_catalog.files.
 */
#ifndef PREMARKET_THREATS_H
#define PREMARKET_THREATS_H

#include "premarket/buf.h"
#include "premarket/diag.h"
#include "premarket/model.h"

/** A control a rule suggests. */
typedef struct pm_rule_control {
	pm_mark at;
	pm_enum category; /**< enum pm_category_v */
	pm_str title, requirement;
} pm_rule_control;

/** Why the default vector has each of its eight base metrics. */
typedef struct pm_cvss_rationale {
	pm_mark at;
	pm_str AV, AC, PR, UI, S, C, I, A;
} pm_cvss_rationale;

struct rc_node;
struct rc_template;

typedef struct pm_rule {
	pm_mark at;
	pm_str id, title;
	pm_enums stride;    /**< enum pm_stride_v */
	pm_enum applies_to; /**< enum pm_rule_target_v */
	pm_str condition;
	pm_strs capec, cwe; /**< "CAPEC-94", "CWE-319" */
	pm_enums categories; /**< FDA control categories, enum pm_category_v */
	pm_enum lifecycle;  /**< enum pm_lifecycle_v; absent: operation */
	pm_str cvss;        /**< default CVSS v3.1 vector */
	pm_cvss_rationale cvss_rationale;
	pm_str threat;      /**< threat text, with placeholders such as {name} */
	PM_LIST(pm_rule_control) controls;
	pm_str false_positives;
	pm_strs references;
	/* Set by the catalog loader. */
	const struct rc_node *cond;
	const struct rc_template *title_t, *threat_t, **control_t;
	size_t family; /**< index in pm_catalog.families */
} pm_rule;

/** One rule file: a family of rules. */
typedef struct pm_rule_family {
	pm_mark at;
	pm_str family, title, description;
	PM_LIST(pm_rule) rules;
} pm_rule_family;

typedef struct pm_catalog {
	pm_rule_family *families; /**< one per file, in load order */
	size_t n_families;
	const pm_rule **rules; /**< every rule, in load order */
	size_t n_rules;
	const char **files; /**< the rule files, in load order */
	size_t n_files;
	size_t n_shipped_files; /**< the first n files came from the shipped folder */
	void *priv;
} pm_catalog;

/** The shipped rule folder, <datadir>/models/threats.  It is the caller's
 *  responsibility to free the returned string. */
char *pm_catalog_shipped_dir(void);

/**
 * Load the rule files of paths[0..n): each path is a folder (its *.yaml
 * files, in name order) or a file.  The first n_shipped paths are counted
 * as shipped (pm_catalog.n_shipped_files).  Rule ids must be unique over
 * the whole catalog.  Returns 0 with *out set, or -1 with every problem in
 * d, located at file:line:col, and *out NULL.  Free with pm_catalog_free().
 */
int pm_catalog_load(const char *const *paths, size_t n, size_t n_shipped, pm_catalog **out, pm_diags *d);
/** Free the catalog.  NULL is allowed. */
void pm_catalog_free(pm_catalog *c);
/** The rule with this id, or NULL. */
const pm_rule *pm_catalog_rule(const pm_catalog *c, const char *id);
/** The file name of a mark of the catalog. */
static inline const char *pm_catalog_file(const pm_catalog *c, pm_mark at)
{
	return at.file < c->n_files ? c->files[at.file] : "";
}

#endif
