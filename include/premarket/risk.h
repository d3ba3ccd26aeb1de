/**
 * risk.h — the risk register: one entry per (threat, asset it affects),
 * before and after controls, computed once after loading (the caller of
 * pm_model_load() calls pm_risk_compute(): scoring is a stage of its own)
 * and stored on the model so that every renderer prints the same numbers.
 * The method is docs/risk-method.md.
 *
 * Module rule: renderers read pm_model.risk; only gen/risk.c writes it.
 */
#ifndef PREMARKET_RISK_H
#define PREMARKET_RISK_H

#include <stdbool.h>
#include <stdint.h>

#include "premarket/cvss.h"
#include "premarket/diag.h"

struct pm_model;

/** Where an exploitability level came from. */
typedef enum pm_exploit_source {
	PM_EXPL_NONE = 0,   /**< no vector and no stated level */
	PM_EXPL_VECTOR,     /**< mapped from the vector's exploitability metrics */
	PM_EXPL_STATED,     /**< stated in the model (exploitability / residual.exploitability) */
	PM_EXPL_UNCHANGED   /**< residual only: no vector, no stated level: same as before controls */
} pm_exploit_source;

/** Security properties, as bits. */
enum { PM_PROP_C = 1, PM_PROP_I = 2, PM_PROP_A = 4 };

/** One assessment (before or after controls) of one (threat, asset). */
typedef struct pm_assessment {
	bool has_vector;
	pm_cvss vector;        /**< the vector scored: threat (+controls) + CR/IR/AR of the asset */
	int base_tenths;       /**< CVSS base score (v4.0: CVSS-B) */
	int env_tenths;        /**< environmental score for this asset (v3.1 environmental; v4.0 CVSS-BE/BTE) */
	pm_exploit_source exploit_source;
	int exploitability;    /**< index into the policy's exploitability levels */
	unsigned impacted;     /**< PM_PROP_* bits the threat impacts */
	bool impact_from_stride; /**< impacted derived from STRIDE (no vector) */
	int severity;          /**< harm level index (enum pm_harm_v), the highest among impacted properties */
	unsigned severity_prop; /**< the property (PM_PROP_*) that set the severity, 0 if none impacted */
	int risk;              /**< index into the policy's risk levels */
	bool acceptable;
} pm_assessment;

typedef struct pm_risk {
	int32_t threat, asset;  /**< indices in pm_model.threats / .assets */
	pm_assessment before, after;
	bool residual_stated;   /**< after comes from residual.cvss */
	uint32_t controls_applied; /**< implemented controls whose effects were applied */
	bool controlled;        /**< after.acceptable */
} pm_risk;

/** Worst risk of a group of risks (asset, component, zone, device). */
typedef struct pm_risk_summary {
	uint32_t risks;         /**< register entries in the group */
	int max_before, max_after; /**< highest risk level index, -1 when no risks */
	uint32_t uncontrolled_before, uncontrolled_after; /**< entries not acceptable */
} pm_risk_summary;

typedef struct pm_register {
	pm_risk *v;             /**< in threat order, then the threat's asset order */
	size_t n;
	pm_risk_summary *by_asset, *by_component, *by_zone; /**< indexed like the model lists */
	pm_risk_summary device;
	int *vuln_base_tenths;  /**< base score of each vulnerability's vector, -1 when it has none */
} pm_register;

/** Map a harm level (enum pm_harm_v) to the CVSS security requirement value
 *  ("L", "M" or "H") set as CR/IR/AR for an asset (docs/risk-method.md). */
const char *pm_risk_requirement(int harm);

/** Exploitability level index (0..4) from a v3.1 exploitability sub-score. */
int pm_risk_exploit_v31(double subscore);
/** Exploitability points of a v4.0 vector (from the effective AV, AC, AT, PR, UI). */
int pm_risk_exploit_v40_points(const pm_cvss *v);
/** Exploitability level index (0..4) from v4.0 exploitability points. */
int pm_risk_exploit_v40(int points);

/** Compute the register of m (a model pm_model_load() returned) into m->risk.
 *  Problems (a control effect that does not apply to a vector's version)
 *  are added to diags as warnings, unsorted.
 *  Returns 0, or -1 on an internal inconsistency (reported as an error). */
int pm_risk_compute(struct pm_model *m, pm_diags *diags);

/** Free the register's storage (pm_model_free() calls it). */
void pm_register_free(pm_register *r);

#endif
