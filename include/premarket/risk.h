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
struct pm_threat;

/** Where an exploitability level came from. */
typedef enum pm_exploit_source {
	PM_EXPL_NONE = 0,  /**< no vector and no stated level */
	PM_EXPL_VECTOR,    /**< mapped from the vector's exploitability metrics */
	PM_EXPL_STATED,    /**< stated in the model (exploitability / residual.exploitability) */
	PM_EXPL_UNCHANGED, /**< residual only: no vector, no stated level: same as before controls */
	PM_EXPL_CARRIED    /**< residual only: the threat's stated level, carried into the residual and
	                        moved by pm_risk.exploit_shift levels (docs/risk-method.md, step 9) */
} pm_exploit_source;

/** Why the residual assessment is what it is. */
typedef enum pm_residual_basis {
	PM_RES_UNCHANGED = 0, /**< nothing credited: the residual is the inherent assessment */
	PM_RES_EFFECTS,       /**< the effects of credited controls applied to the threat's vector */
	PM_RES_EXPLICIT       /**< stated in the model: residual.cvss and/or residual.exploitability */
} pm_residual_basis;

/** Where the severity of harm came from. */
typedef enum pm_severity_source {
	PM_SEV_NONE = 0, /**< nothing impacted: the lowest level */
	PM_SEV_ASSET,    /**< the asset's highest harm among the impacted properties */
	PM_SEV_STATED    /**< the threat's stated harm (threats[].harm) */
} pm_severity_source;

/** Why a threat counts as multi-patient (docs/risk-method.md, "Multi-patient harm"). */
typedef enum pm_multi_source {
	PM_MULTI_NO = 0,     /**< not multi-patient (nothing stated, no fleet-wide target) */
	PM_MULTI_STATED,     /**< threats[].multi_patient says so (true or false) */
	PM_MULTI_CLOUD,      /**< derived: targets a cloud_service component (or one of its interfaces) */
	PM_MULTI_CLOUD_FLOW, /**< derived: targets a flow from or to a cloud_service component */
	PM_MULTI_CODE_FLOW   /**< derived: targets a flow of kind code (software distribution) */
} pm_multi_source;

/** The outcome of one register entry (docs/risk-method.md, "Outcomes"). */
typedef enum pm_outcome {
	PM_OUTCOME_ACCEPTABLE = 0, /**< acceptable before controls (and after) */
	PM_OUTCOME_CONTROLLED,     /**< made acceptable by implemented, verified controls */
	PM_OUTCOME_UNCONTROLLED    /**< anything else; pm_risk.uncontrolled says why */
} pm_outcome;

/** Why an entry is uncontrolled. */
typedef enum pm_uncontrolled_reason {
	PM_UNC_NONE = 0,       /**< the entry is not uncontrolled */
	PM_UNC_NOT_ACCEPTABLE, /**< the residual risk is not acceptable */
	PM_UNC_NO_CONTROL,     /**< acceptable only by an explicit residual, with no control credited */
	PM_UNC_UNVERIFIED      /**< acceptable, but a credited control is not verified */
} pm_uncontrolled_reason;

/** Security properties, as bits. */
enum { PM_PROP_C = 1, PM_PROP_I = 2, PM_PROP_A = 4 };

/** One assessment (before or after controls) of one (threat, asset). */
typedef struct pm_assessment {
	bool has_vector;
	pm_cvss vector;  /**< the vector scored: threat (+controls) + CR/IR/AR of the asset */
	int base_tenths; /**< CVSS base score (v4.0: CVSS-B) */
	int env_tenths;  /**< environmental score for this asset (v3.1 environmental; v4.0 CVSS-BE/BTE) */
	pm_exploit_source exploit_source;
	int exploitability;        /**< index into the policy's exploitability levels */
	int vector_exploitability; /**< the level mapped from the vector (step 4), -1 without a vector */
	unsigned impacted;         /**< PM_PROP_* bits the threat impacts */
	bool impact_from_stride;   /**< impacted derived from STRIDE (no vector) */
	int severity;              /**< harm level index (enum pm_harm_v): severity_base raised by multi_step */
	int severity_base;         /**< harm level before the multi-patient step: stated harm or the asset's highest */
	pm_severity_source severity_source;
	unsigned severity_prop; /**< the property (PM_PROP_*) that set severity_base from the asset, 0 if none */
	int multi_step;         /**< levels added for multi-patient harm (0 when not multi-patient or capped) */
	int risk;               /**< index into the policy's risk levels */
	bool acceptable;
} pm_assessment;

typedef struct pm_risk {
	int32_t threat, asset; /**< indices in pm_model.threats / .assets */
	pm_assessment before, after;
	pm_residual_basis basis; /**< why the residual is what it is */
	bool residual_stated;    /**< after comes from residual.cvss */
	int exploit_shift;       /**< levels the residual exploitability moved from the inherent one (negative: down) */
	int vector_shift;        /**< levels the vector mapping moved from the inherent to the residual vector
	                              (0 without both vectors) */
	uint32_t controls_applied;  /**< credited controls: implemented ones whose effects were applied, or, for an
	                                 explicit residual, every implemented control the threat lists */
	uint32_t controls_verified; /**< credited controls that are verified (pm_register.control_verified) */
	pm_multi_source multi;      /**< multi-patient: stated or derived (PM_MULTI_NO: not) */
	bool multi_patient;         /**< the threat counts as multi-patient */
	int32_t multi_target;       /**< derived: index in the threat's targets of the fleet-wide target, else -1 */
	pm_outcome outcome;
	pm_uncontrolled_reason uncontrolled; /**< why, when outcome is PM_OUTCOME_UNCONTROLLED */
	bool controlled; /**< not uncontrolled: G25's "controlled risk" (an acceptable residual risk),
	                      here also shown so: outcome acceptable or controlled */
} pm_risk;

/** Worst risk of a group of risks (asset, component, zone, device). */
typedef struct pm_risk_summary {
	uint32_t risks;               /**< register entries in the group */
	int max_before, max_after;    /**< highest risk level index, -1 when no risks */
	uint32_t uncontrolled_before; /**< entries not acceptable before controls */
	uint32_t uncontrolled_after;  /**< entries whose outcome is uncontrolled */
	uint32_t
	        not_acceptable_after; /**< entries whose residual risk is not acceptable (some of uncontrolled_after) */
	uint32_t acceptable, controlled; /**< entries whose outcome is acceptable before controls / controlled */
} pm_risk_summary;

typedef struct pm_register {
	pm_risk *v; /**< in threat order, then the threat's asset order */
	size_t n;
	pm_risk_summary *by_asset, *by_component, *by_zone; /**< indexed like the model lists */
	pm_risk_summary device;
	int *vuln_base_tenths;  /**< base score of each vulnerability's vector, -1 when it has none */
	bool *control_verified; /**< per control: implemented, with at least one test whose result is pass or
	                             pass_with_findings (a planned test never counts) */
	bool *control_credited; /**< per control: credited by at least one register entry */
	uint32_t controls_credited, controls_verified; /**< distinct controls credited / credited and verified */
	int multi_patient_step; /**< the policy's step, or its default (1) when the policy states none */
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

/** The derivation of multi-patient harm, whatever the threat states: the
 *  first of t's targets that reaches the whole fleet (a cloud_service
 *  component or one of its interfaces, a flow from or to one, a flow of kind
 *  code) and why, with *target its index in t->targets; PM_MULTI_NO and -1
 *  when none does.  t is a threat of m. */
pm_multi_source pm_risk_fleet_target(const struct pm_model *m, const struct pm_threat *t, int32_t *target);

/** Compute the register of m (a model pm_model_load() returned) into m->risk.
 *  Problems (a control effect that does not apply to a vector's version; an
 *  explicit residual worse than the risk before controls, at the residual
 *  field) are added to diags as warnings, unsorted.
 *  Returns 0, or -1 on an internal inconsistency (reported as an error). */
int pm_risk_compute(struct pm_model *m, pm_diags *diags);

/** Free the register's storage (pm_model_free() calls it). */
void pm_register_free(pm_register *r);

#endif
