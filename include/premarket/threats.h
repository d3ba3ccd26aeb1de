/**
 * threats.h — threat identification: the rule catalog and its matches.
 *
 * Module rule: a pm_catalog is loaded once from rule files
 * (models/threats/NAME.yaml, docs/threats.md) by pm_catalog_load(), never
 * modified, and freed with pm_catalog_free().  Rules are data: each names
 * the kind of element it applies to, a condition in the language of
 * docs/threats.md, and the threat it suggests (STRIDE, CAPEC, CWE, FDA
 * control categories, a default CVSS v3.1 vector with a rationale per
 * metric and, where v4.0 fits, a v4.0 vector with its rationale, threat
 * text, suggested controls).  Every value keeps its source
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

/** Why the default CVSS v4.0 vector has each of its eleven base metrics. */
typedef struct pm_cvss4_rationale {
	pm_mark at;
	pm_str AV, AC, AT, PR, UI, VC, VI, VA, SC, SI, SA;
} pm_cvss4_rationale;

struct rc_node;
struct rc_template;

typedef struct pm_rule {
	pm_mark at;
	pm_str id, title;
	pm_enums stride;    /**< enum pm_stride_v */
	pm_enum applies_to; /**< enum pm_rule_target_v */
	pm_str condition;
	pm_strs capec, cwe;  /**< "CAPEC-94", "CWE-319" */
	pm_enums categories; /**< FDA control categories, enum pm_category_v */
	pm_enum lifecycle;   /**< enum pm_lifecycle_v; absent: operation */
	pm_str cvss;         /**< default CVSS v3.1 vector */
	pm_cvss_rationale cvss_rationale;
	pm_str cvss_v4; /**< default CVSS v4.0 vector, where v4.0 fits; absent: none */
	pm_cvss4_rationale cvss_v4_rationale;
	pm_str threat; /**< threat text, with placeholders such as {name} */
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
/* ---- identification: the catalog on a model ------------------------------------- */

/** What became of one match. */
typedef enum pm_match_state {
	PM_MATCH_OPEN,     /**< neither modelled nor dismissed */
	PM_MATCH_MODELLED, /**< a threat names the rule and targets the element */
	PM_MATCH_DISMISSED /**< a rule disposition dismisses it, with a rationale */
} pm_match_state;

/** What documents need of a catalog rule, copied into the model's arena. */
typedef struct pm_rule_info {
	const char *id, *family, *title; /**< title: the template, placeholders unfilled */
	int applies_to;                  /**< enum pm_rule_target_v */
	const int *stride, *categories;  /**< enum pm_stride_v, pm_category_v */
	size_t n_stride, n_categories;
	const char *capec, *cwe; /**< "CAPEC-94, CAPEC-157", "" when none */
	const char *cvss;
	size_t n_matches;
	int32_t disposition; /**< a rule-wide disposition (no element), or -1 */
} pm_rule_info;

/** One match: a rule whose condition holds for one element. */
typedef struct pm_match {
	size_t rule;         /**< index in pm_identified.rules */
	pm_kind kind;        /**< of the element; PM_K_NONE for the whole device */
	int32_t idx;         /**< index in pm_model.objs[kind] */
	const char *element; /**< its id, or "device" */
	pm_match_state state;
	int32_t threat;        /**< the first threat that answers it, or -1 */
	int32_t disposition;   /**< the disposition that dismisses it (index in rule_dispositions), or -1 */
	const char *why;       /**< why the condition holds ("kind is ble; authenticated is false (none)") */
	const char *title;     /**< the rule's title, written for the element */
	const char *yaml;      /**< open matches: the suggested threat, ready to paste under threats: */
	const char *threat_id; /**< the id the suggestion uses */
} pm_match;

typedef struct pm_identified {
	const char *catalog; /**< which catalog ran: "premarket 0.1.0 shipped rules (87 rules, 11 families)" */
	pm_rule_info *rules; /**< every rule that ran, in catalog order */
	size_t n_rules;
	size_t n_skipped; /**< rules left out by pm_identify_options.skip */
	pm_match *v;      /**< by rule, then element in model order */
	size_t n;
	size_t n_open, n_modelled, n_dismissed;
	size_t n_out_of_scope; /**< elements the rules skipped because they are out of scope */
} pm_identified;

typedef struct pm_identify_options {
	const char *const *skip; /**< ids of rules not to run (--no-rule) */
	size_t n_skip;
	const char *catalog_name; /**< how documents name the catalog; NULL: "premarket <version> shipped rules" */
	int suggest;              /**< write the suggested threat of each open match (pm_match.yaml) */
} pm_identify_options;

/**
 * Run every rule of catalog c on model m and record the matches in
 * m->identified (in the model's arena): for each, whether a threat of the
 * model answers it (threats[].rule), a rule disposition dismisses it, or it
 * is open; for open matches (with opt->suggest) the suggested threat as
 * YAML.  Without options, suggestions are written.  Elements marked
 * out of scope are skipped.  Inconsistencies become warnings: a threat or
 * disposition naming a rule the catalog does not have, a threat naming a
 * rule that matches none of its targets, a disposition for a match that
 * does not occur.  Linear in rules x elements.  Returns 0 (-1 only for
 * an option naming an unknown rule, with an error in d).
 */
int pm_threats_identify(pm_model *m, const pm_catalog *c, const pm_identify_options *opt, pm_diags *d);

/* ---- output ----------------------------------------------------------------------- */

typedef enum pm_threats_format {
	PM_THREATS_TEXT,
	PM_THREATS_YAML, /**< the suggested threats, as a file that `include:` can add to the model */
	PM_THREATS_JSON,
	PM_THREATS_MD /**< the catalog only (docs/threats.md) */
} pm_threats_format;

/** Append the matches of m->identified to out: the open ones (all of them
 *  with their disposition when `all`), each with its rule, element, why it
 *  matched and, when open, the threat to paste.  Returns 0, or -1 with a
 *  diagnostic (no identification ran; out reached its size cap). */
int pm_render_threats(const pm_model *m, pm_threats_format fmt, int all, pm_buf *out, pm_diags *d);
/** Append the catalog, one rule a line (id, STRIDE, CAPEC, CWE, title);
 *  as Markdown, a table per family.  Same contract. */
int pm_render_catalog(const pm_catalog *c, pm_threats_format fmt, pm_buf *out, pm_diags *d);
/** Append the reference of the condition language as Markdown: per kind of
 *  element, its attributes and relations (from gen/rule_attr.c). */
int pm_render_rule_language(pm_buf *out, pm_diags *d);

/** The file name of a mark of the catalog. */
static inline const char *pm_catalog_file(const pm_catalog *c, pm_mark at)
{
	return at.file < c->n_files ? c->files[at.file] : "";
}

#endif
