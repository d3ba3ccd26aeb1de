/**
 * cvss.h — CVSS v3.1 and v4.0 vectors: parse, set, format and score.
 *
 * Module rule: every object here is a plain value the caller owns (no
 * allocation, no global state, no printing); a function that fails leaves a
 * reason in a caller-supplied pm_cvss_error and returns -1.
 *
 * Specifications implemented (see docs/cvss.md for the details and the
 * decisions taken where the specifications leave room):
 *   - FIRST, "CVSS v3.1 Specification Document", section 6 (vector string),
 *     section 7 (equations) and Appendix A (Roundup).
 *   - FIRST, "CVSS v4.0 Specification Document", section 7 (vector string)
 *     and section 8 (scoring), with the macro-vector lookup table, the
 *     highest-severity vectors and the severity depths of FIRST's reference
 *     calculator (github.com/FIRSTdotorg/cvss-v4-calculator).
 *
 * Scores are exact: they are returned as integers counting tenths (98 is
 * 9.8), so that comparing, sorting and printing them never meets a
 * floating-point surprise.  Intermediate values meant for explanation are
 * also given as doubles.
 */
#ifndef PREMARKET_CVSS_H
#define PREMARKET_CVSS_H

#include <stddef.h>
#include <stdint.h>

/** Which CVSS version a vector follows. */
typedef enum pm_cvss_version {
	PM_CVSS_V31 = 31, /**< CVSS v3.1, prefix "CVSS:3.1/" */
	PM_CVSS_V40 = 40  /**< CVSS v4.0, prefix "CVSS:4.0/" */
} pm_cvss_version;

/** The metric groups.  v3.1 calls its second group Temporal, v4.0 Threat. */
typedef enum pm_cvss_group {
	PM_CVSS_BASE = 0,      /**< mandatory */
	PM_CVSS_TEMPORAL,      /**< v3.1 Temporal (E RL RC) / v4.0 Threat (E) */
	PM_CVSS_ENVIRONMENTAL, /**< security requirements and modified base metrics */
	PM_CVSS_SUPPLEMENTAL   /**< v4.0 only; never changes the score */
} pm_cvss_group;

/** Metric indices of CVSS v3.1, in the order of the specification's Table 15. */
enum pm_cvss_v31_metric {
	PM_CVSS_V31_AV,
	PM_CVSS_V31_AC,
	PM_CVSS_V31_PR,
	PM_CVSS_V31_UI,
	PM_CVSS_V31_S,
	PM_CVSS_V31_C,
	PM_CVSS_V31_I,
	PM_CVSS_V31_A,
	PM_CVSS_V31_E,
	PM_CVSS_V31_RL,
	PM_CVSS_V31_RC,
	PM_CVSS_V31_CR,
	PM_CVSS_V31_IR,
	PM_CVSS_V31_AR,
	PM_CVSS_V31_MAV,
	PM_CVSS_V31_MAC,
	PM_CVSS_V31_MPR,
	PM_CVSS_V31_MUI,
	PM_CVSS_V31_MS,
	PM_CVSS_V31_MC,
	PM_CVSS_V31_MI,
	PM_CVSS_V31_MA,
	PM_CVSS_V31_NMETRICS
};

/** Metric indices of CVSS v4.0, in the order of the specification's Table 23
 *  (the order a v4.0 vector string must follow). */
enum pm_cvss_v40_metric {
	PM_CVSS_V40_AV,
	PM_CVSS_V40_AC,
	PM_CVSS_V40_AT,
	PM_CVSS_V40_PR,
	PM_CVSS_V40_UI,
	PM_CVSS_V40_VC,
	PM_CVSS_V40_VI,
	PM_CVSS_V40_VA,
	PM_CVSS_V40_SC,
	PM_CVSS_V40_SI,
	PM_CVSS_V40_SA,
	PM_CVSS_V40_E,
	PM_CVSS_V40_CR,
	PM_CVSS_V40_IR,
	PM_CVSS_V40_AR,
	PM_CVSS_V40_MAV,
	PM_CVSS_V40_MAC,
	PM_CVSS_V40_MAT,
	PM_CVSS_V40_MPR,
	PM_CVSS_V40_MUI,
	PM_CVSS_V40_MVC,
	PM_CVSS_V40_MVI,
	PM_CVSS_V40_MVA,
	PM_CVSS_V40_MSC,
	PM_CVSS_V40_MSI,
	PM_CVSS_V40_MSA,
	PM_CVSS_V40_S,
	PM_CVSS_V40_AU,
	PM_CVSS_V40_R,
	PM_CVSS_V40_V,
	PM_CVSS_V40_RE,
	PM_CVSS_V40_U,
	PM_CVSS_V40_NMETRICS
};

/** Largest number of metrics of any version (v4.0 has 32). */
#define PM_CVSS_MAX_METRICS 32
/** Largest number of values of any metric, "X" included. */
#define PM_CVSS_MAX_VALUES 5
/** A buffer of this size holds any canonical vector pm_cvss_format() writes. */
#define PM_CVSS_VECTOR_MAX 256

/** Static description of one metric (borrowed, lives for the program). */
typedef struct pm_cvss_metric_info {
	const char *name;    /**< abbreviation, e.g. "AV" */
	const char *title;   /**< e.g. "Attack Vector" */
	pm_cvss_group group; /**< PM_CVSS_BASE metrics are mandatory and have no "X" */
	unsigned nvalues;    /**< number of entries in values[] */
	/** Value abbreviations in the specification's order; for every optional
	 *  metric values[0] is "X" (Not Defined). */
	const char *values[PM_CVSS_MAX_VALUES];
	const char *value_titles[PM_CVSS_MAX_VALUES]; /**< e.g. "Network", "Not Defined" */
} pm_cvss_metric_info;

/**
 * A parsed (or built) vector.  A plain value: copy it with `=`; nothing to
 * free.  value[i] indexes pm_cvss_metric(version, i)->values; for an
 * optional metric 0 means Not Defined (X), which is also what an absent
 * metric means.  Build one with pm_cvss_parse*() or pm_cvss_init() +
 * pm_cvss_set(); a zeroed struct is not a valid vector.
 */
typedef struct pm_cvss {
	pm_cvss_version version;
	uint32_t present; /**< bit i set: metric i was given (in the string, or set) */
	unsigned char value[PM_CVSS_MAX_METRICS];
} pm_cvss;

/** Why a parse or a set failed.  msg is NUL-terminated and names the
 *  offending part; offset/len locate it in the input (bytes, 0-based), so a
 *  caller can point a column or a caret underline at it.  len may be 0 when
 *  the problem is at the end of the input (e.g. a missing metric). */
typedef struct pm_cvss_error {
	char msg[192];
	size_t offset;
	size_t len;
} pm_cvss_error;

/** Qualitative severity rating (both versions use the same bands). */
typedef enum pm_cvss_severity {
	PM_CVSS_SEV_NONE = 0, /**< 0.0 */
	PM_CVSS_SEV_LOW,      /**< 0.1 - 3.9 */
	PM_CVSS_SEV_MEDIUM,   /**< 4.0 - 6.9 */
	PM_CVSS_SEV_HIGH,     /**< 7.0 - 8.9 */
	PM_CVSS_SEV_CRITICAL  /**< 9.0 - 10.0 */
} pm_cvss_severity;

/* ---- Parsing --------------------------------------------------------- */

/** Flags for pm_cvss_parse_flags() / pm_cvss_parse_len(). */
enum pm_cvss_parse_flag {
	/** A vector that does not start with "CVSS:" is read as a v3.1 vector
	 *  without its prefix (as SBOM/VEX files carry them).  Prefixed vectors
	 *  are parsed as usual. */
	PM_CVSS_ASSUME_31 = 1u << 0
};

/**
 * Parse a CVSS vector string "CVSS:3.1/..." or "CVSS:4.0/...".
 *
 * Strict: every mandatory (base) metric exactly once, every other metric at
 * most once, only the values the specification lists, no empty component,
 * nothing after the last value; v4.0 metrics must appear in the
 * specification's order, v3.1 metrics may come in any order.  Names and
 * values are case-sensitive.
 *
 * Returns 0 and fills *out, or -1 and fills *err (when err is not NULL);
 * on failure *out is left unspecified.  Allocates nothing.
 */
int pm_cvss_parse(const char *s, pm_cvss *out, pm_cvss_error *err);
/** pm_cvss_parse() with flags (enum pm_cvss_parse_flag). */
int pm_cvss_parse_flags(const char *s, unsigned flags, pm_cvss *out, pm_cvss_error *err);
/** pm_cvss_parse_flags() on the len bytes at s (need not be NUL-terminated;
 *  a NUL byte inside is an error like any other stray byte). */
int pm_cvss_parse_len(const char *s, size_t len, unsigned flags, pm_cvss *out, pm_cvss_error *err);

/**
 * Parse an effect fragment such as "MPR:H/MAV:L" (no prefix) for `version`
 * into *out: out->present holds the metrics the fragment names, the rest
 * of *out is unset.  Each metric must exist in that version, appear once,
 * and carry an allowed value; base metrics are refused (a control changes
 * the environment, not the vulnerability: use the modified metric, e.g.
 * MAV instead of AV).  An empty fragment is an error.  Apply the result
 * with pm_cvss_apply().  Returns 0, or -1 with *err filled.
 */
int pm_cvss_parse_effect(pm_cvss_version version, const char *s, pm_cvss *out, pm_cvss_error *err);

/** Set on *dst every metric present in *effect (same version; returns -1 if
 *  the versions differ).  Later effects override earlier ones. */
int pm_cvss_apply(pm_cvss *dst, const pm_cvss *effect);

/* ---- Building and reading --------------------------------------------- */

/** Start an empty vector of `version`: no metric present, every value 0.
 *  Its base metrics must all be set before it is scored or formatted. */
void pm_cvss_init(pm_cvss *c, pm_cvss_version version);

/** Set metric `name` (e.g. "CR") to `value` (e.g. "H"; "X" clears an
 *  optional metric).  Returns 0, or -1 with *err filled (unknown metric,
 *  value not allowed).  err->offset is 0 for this call. */
int pm_cvss_set(pm_cvss *c, const char *name, const char *value, pm_cvss_error *err);

/** Value abbreviation of metric index i ("X" when not defined), or NULL if
 *  i is out of range for the version. */
const char *pm_cvss_get(const pm_cvss *c, int i);

/** 1 when every base metric is present, else 0. */
int pm_cvss_complete(const pm_cvss *c);

/** Number of metrics of `version` (0 for an unknown version). */
int pm_cvss_metric_count(pm_cvss_version version);
/** Description of metric index i of `version`, or NULL when out of range. */
const pm_cvss_metric_info *pm_cvss_metric(pm_cvss_version version, int i);
/** Index of the metric named by the len bytes at name, or -1. */
int pm_cvss_metric_find(pm_cvss_version version, const char *name, size_t len);

/**
 * Write the canonical vector string of c into buf (size bytes, always
 * NUL-terminated when size > 0): the prefix, then every base metric and
 * every other metric whose value is not X, in the specification's order.
 * Returns the length of the full string (like snprintf); a return value >=
 * size means it was truncated.  PM_CVSS_VECTOR_MAX bytes always suffice.
 */
size_t pm_cvss_format(const pm_cvss *c, char *buf, size_t size);

/* ---- Scoring ------------------------------------------------------------ */

/** Severity band of a score given in tenths (0..100). */
pm_cvss_severity pm_cvss_severity_of(int tenths);
/** "NONE", "LOW", "MEDIUM", "HIGH" or "CRITICAL". */
const char *pm_cvss_severity_name(pm_cvss_severity sev);
/** Write tenths as "9.8" / "10.0" / "0.0" into buf (at least 8 bytes);
 *  returns buf. */
char *pm_cvss_score_str(int tenths, char *buf, size_t size);

/**
 * CVSS v3.1 scores and every intermediate value of section 7, for an
 * explanation.  Weights are the numbers of section 7.4 actually used (PR
 * and MPR already adjusted for the (modified) scope; X counted as its
 * specification value: 1 for E RL RC CR IR AR, the base weight for modified
 * metrics).  *_tenths are final, rounded scores.
 */
typedef struct pm_cvss_v31_result {
	/* Base (7.1) */
	double w_av, w_ac, w_pr, w_ui, w_c, w_i, w_a;
	int scope_changed;
	double iss;            /**< 1 - [(1-C) x (1-I) x (1-A)] */
	double impact;         /**< 6.42 x ISS, or 7.52 x (ISS-0.029) - 3.25 x (ISS-0.02)^15 */
	double exploitability; /**< 8.22 x AV x AC x PR x UI */
	int base_tenths;       /**< 0 when impact <= 0, else Roundup(min(...,10)) */
	/* Temporal (7.2) */
	double w_e, w_rl, w_rc;
	int temporal_tenths; /**< Roundup(Base x E x RL x RC) */
	/* Environmental (7.3) */
	double w_cr, w_ir, w_ar, w_mav, w_mac, w_mpr, w_mui, w_mc, w_mi, w_ma;
	int modified_scope_changed;
	double miss; /**< min(1 - [(1-CRxMC) x (1-IRxMI) x (1-ARxMA)], 0.915) */
	double modified_impact;
	double modified_exploitability; /**< 8.22 x MAV x MAC x MPR x MUI */
	int modified_base_tenths;       /**< inner Roundup(min(...,10)); 0 when modified impact <= 0 */
	int environmental_tenths;
	int has_temporal;      /**< the vector defines E, RL or RC with a value other than X */
	int has_environmental; /**< the vector defines a CR..MA metric with a value other than X */
} pm_cvss_v31_result;

/** EQ groups of v4.0 scoring, in the reference's order. */
enum pm_cvss_v40_eqgroup {
	PM_CVSS_V40_EQ1,
	PM_CVSS_V40_EQ2,
	PM_CVSS_V40_EQ3EQ6,
	PM_CVSS_V40_EQ4,
	PM_CVSS_V40_EQ5,
	PM_CVSS_V40_NGROUPS
};

/**
 * CVSS v4.0 score and the intermediate values of its derivation (spec
 * section 8.2, reference calculator cvss_score.js), indexed by enum
 * pm_cvss_v40_eqgroup where per group.  Distances and depths count steps of
 * 0.1; scores count tenths.
 */
typedef struct pm_cvss_v40_result {
	char macrovector[7];                    /**< "EQ1..EQ6" digits, e.g. "000200" */
	int eq[6];                              /**< the six equivalence classes */
	int no_impact;                          /**< all of VC VI VA SC SI SA are N: the score is 0.0 */
	int lookup_tenths;                      /**< score of the macro vector */
	int lower_tenths[PM_CVSS_V40_NGROUPS];  /**< next lower macro vector's score, -1 if none */
	int msd_tenths[PM_CVSS_V40_NGROUPS];    /**< maximal scoring difference (lookup - lower) */
	int distance[PM_CVSS_V40_NGROUPS];      /**< severity distance to the highest vector */
	int depth[PM_CVSS_V40_NGROUPS];         /**< max severity depth of the macro vector */
	double proportion[PM_CVSS_V40_NGROUPS]; /**< distance / depth (0 for EQ5 and absent lowers) */
	double decrease[PM_CVSS_V40_NGROUPS];   /**< msd x proportion, in score units */
	int n_lower;                            /**< groups with a lower macro vector (the mean's divisor) */
	double mean_decrease;                   /**< mean of decrease[] over those groups, score units */
	double raw;                             /**< lookup - mean_decrease, clamped to 0..10, before rounding */
	char max_vector[96];                    /**< the highest severity vector used, e.g. "AV:N/PR:N/UI:N/AC:L/..." */
	int max_found;                          /**< 1 when a highest vector dominating this one was found */
	int score_tenths;                       /**< final score, rounded half up to one decimal */
	int has_threat;                         /**< E is defined (not X) */
	int has_environmental;                  /**< a CR..MSA metric is defined (not X) */
	const char *nomenclature;               /**< "CVSS-B", "CVSS-BT", "CVSS-BE" or "CVSS-BTE" */
} pm_cvss_v40_result;

/** Score a complete v3.1 vector (c->version must be PM_CVSS_V31 and
 *  pm_cvss_complete(c) true; returns -1 otherwise, else 0). */
int pm_cvss_v31_score(const pm_cvss *c, pm_cvss_v31_result *r);
/** Score a complete v4.0 vector (same contract as pm_cvss_v31_score()). */
int pm_cvss_v40_score(const pm_cvss *c, pm_cvss_v40_result *r);

/** The one score a vector is reported with, and its name. */
typedef struct pm_cvss_score {
	int tenths; /**< 0..100 */
	pm_cvss_severity severity;
	/** v3.1: "base", "temporal" or "environmental" (the most specific group
	 *  the vector defines); v4.0: the nomenclature "CVSS-B", "CVSS-BT",
	 *  "CVSS-BE" or "CVSS-BTE".  Static string. */
	const char *name;
} pm_cvss_score;

/** Score c (either version) into *out.  Returns -1 if c is incomplete. */
int pm_cvss_score_of(const pm_cvss *c, pm_cvss_score *out);

#endif
