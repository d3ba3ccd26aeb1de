/**
 * model.h — the in-memory device security model.
 *
 * Module rule: a pm_model is built once by pm_model_load() (include/premarket/load.h),
 * scored once by pm_risk_compute() (include/premarket/risk.h), never modified
 * by renderers, and freed with one call, pm_model_free().  All
 * objects and strings live in the model's arena; references between objects
 * are resolved once, at load time, to (kind, index) pairs.
 *
 * Every value keeps its source location (pm_mark: file index, 1-based line
 * and column).  A value whose mark has line 0 was absent from the input; use
 * pm_has(x) to test presence.  The format is documented field by field in
 * docs/model.md; the field tables live in gen/schema.c.
 */
#ifndef PREMARKET_MODEL_H
#define PREMARKET_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "premarket/enums.h"
#include "premarket/risk.h"

/** Source location: index into pm_model.files, 1-based line and column. */
typedef struct pm_mark {
	uint32_t file;
	uint32_t line; /**< 0 = absent */
	uint32_t col;
} pm_mark;

#define pm_has(x) ((x).at.line != 0)

typedef struct pm_str {
	const char *s; /**< NUL-terminated UTF-8, NULL when absent */
	pm_mark at;
} pm_str;

typedef struct pm_num {
	double v;
	pm_mark at;
} pm_num;

typedef struct pm_bool {
	bool v;
	pm_mark at;
} pm_bool;

typedef struct pm_enum {
	int v; /**< index into the field's value table; -1 when absent */
	pm_mark at;
} pm_enum;

typedef struct pm_enums {
	int *v;
	size_t n;
	pm_mark at;
} pm_enums;

typedef struct pm_strs {
	pm_str *v;
	size_t n;
	pm_mark at;
} pm_strs;

/** Object kinds that carry a model-wide unique id. */
typedef enum pm_kind {
	PM_K_NONE = 0,
	PM_K_ASSET,
	PM_K_ZONE,
	PM_K_COMPONENT,
	PM_K_INTERFACE,
	PM_K_FLOW,
	PM_K_THREAT,
	PM_K_CONTROL,
	PM_K_TEST,
	PM_K_FINDING,
	PM_K_SBOM_COMPONENT,
	PM_K_VULNERABILITY,
	PM_K_ANOMALY,
	PM_K_VIEW,
	PM_K_USE_CASE,
	PM_K_COUNT
} pm_kind;

/** A reference by id, resolved at load time. */
typedef struct pm_ref {
	pm_str id;
	pm_kind kind; /**< kind of the target once resolved, PM_K_NONE if unresolved */
	int32_t idx;  /**< index of the target in pm_model.objs[kind] */
} pm_ref;

typedef struct pm_refs {
	pm_ref *v;
	size_t n;
	pm_mark at;
} pm_refs;

#define PM_LIST(T)          \
	struct {            \
		T *v;       \
		size_t n;   \
		pm_mark at; \
	}

/* ---- device -------------------------------------------------------------- */

typedef struct pm_party {
	pm_mark at;
	pm_str name, address, country, contact, email, establishment_id;
} pm_party;

typedef struct pm_standard {
	pm_mark at;
	pm_str id, title, use;
} pm_standard;

typedef struct pm_revision {
	pm_mark at;
	pm_str version, date, author, description;
} pm_revision;

typedef struct pm_cyber_device {
	pm_mark at;
	pm_bool software, internet_connectable, vulnerable_characteristics;
	pm_strs connectivity;
	pm_str rationale;
} pm_cyber_device;

typedef struct pm_clearance {
	pm_mark at;
	pm_str number, date, device_name;
	pm_enum impact;
	pm_str changes, critical_vulnerabilities, remediation_history;
} pm_clearance;

typedef struct pm_device {
	pm_mark at;
	pm_str name, model, version, udi_di;
	pm_party manufacturer, importer;
	pm_enum submission_type, device_class;
	pm_str product_code, regulation_number, intended_use, use_environment;
	pm_cyber_device cyber_device;
	PM_LIST(pm_standard) standards;
	pm_clearance previous_clearance;
	PM_LIST(pm_revision) revisions;
	pm_str date; /**< documentation date, YYYY-MM-DD (used for reproducible outputs) */
} pm_device;

/* ---- risk management (report-level statements) -------------------------- */

typedef struct pm_risk_transfer {
	pm_mark at;
	pm_str description, to, disclosed_in;
} pm_risk_transfer;

typedef struct pm_risk_management {
	pm_mark at;
	pm_str plan_reference, methodology, methodology_rationale;
	pm_strs assumptions;
	pm_str safety_risk_transfer, residual_risk_conclusion, benefit_risk, anomaly_criteria;
	PM_LIST(pm_risk_transfer) risk_transfers;
} pm_risk_management;

/* ---- architecture --------------------------------------------------------- */

typedef struct pm_harm {
	pm_mark at;
	pm_enum confidentiality, integrity, availability; /**< enum pm_harm_v */
} pm_harm;

typedef struct pm_asset {
	pm_mark at;
	pm_str id, name, description;
	pm_enum kind;
	pm_harm harm;
	pm_str harm_rationale;
	pm_bool multi_patient, safety_relevant;
} pm_asset;

typedef struct pm_zone {
	pm_mark at;
	pm_str id, name, description;
	pm_enum trust, controlled_by;
	pm_ref within;       /**< the zone this zone lies inside (nested trust boundary), or absent */
	pm_str out_of_scope; /**< why the zone is out of the analysis' scope; absent: in scope */
} pm_zone;

typedef struct pm_interface {
	pm_mark at;
	pm_str id, name;
	pm_enum kind, direction, status;
	pm_strs protocols, ports, destinations;
	pm_str purpose, authentication, encryption, rationale;
	pm_str out_of_scope; /**< why the interface is out of scope; absent: in scope */
	int32_t component;   /**< index of the owning component (set at load) */
} pm_interface;

/** Layout hints of a component for the diagrams (docs/diagrams.md). */
typedef struct pm_layout_hint {
	pm_mark at;
	pm_num rank;  /**< row: lower ranks above higher ones, equal ranks of one zone side by side */
	pm_str group; /**< components of one group are kept in one column */
} pm_layout_hint;

typedef struct pm_component {
	pm_mark at;
	pm_str id, name, description, supplier, version, os;
	pm_enum kind;
	pm_ref zone;
	pm_refs assets, sbom;
	PM_LIST(pm_interface) interfaces;
	pm_layout_hint diagram; /**< layout hints for the diagrams */
	pm_str out_of_scope;    /**< why the component is out of scope; absent: in scope */
} pm_component;

typedef struct pm_flow {
	pm_mark at;
	pm_str id, name, description;
	pm_ref from, to, from_interface, to_interface;
	pm_enum kind;
	pm_str protocol, protocol_version, port;
	pm_refs assets;
	pm_str authentication, encryption, integrity, session;
	pm_bool bidirectional; /**< the flow also goes from `to` to `from` (same protocol and protection) */
	pm_str out_of_scope;   /**< why the flow is out of scope; absent: in scope */
} pm_flow;

/* ---- threats, controls, tests --------------------------------------------- */

typedef struct pm_residual {
	pm_mark at;
	pm_str cvss, exploitability, rationale;
} pm_residual;

/** A hazard (or hazardous situation) of the safety risk management file (ISO 14971)
 *  that a threat can lead to: the link AAMI TIR57 and ANSI/AAMI SW96 ask for. */
typedef struct pm_hazard {
	pm_mark at;
	pm_str id, title, document;
} pm_hazard;

typedef struct pm_threat {
	pm_mark at;
	pm_str id, title, description;
	pm_enums stride;
	pm_enum lifecycle;
	pm_refs targets, assets, controls;
	pm_enum harm; /**< stated harm of the threat's own scenario (enum pm_harm_v) */
	PM_LIST(pm_hazard) hazards;
	pm_bool multi_patient; /**< stated: the threat can harm several patients at once */
	pm_str cvss, exploitability, rationale, source, benefit_risk;
	pm_residual residual;
	pm_strs rule;   /**< ids of the threat rules (models/threats/) this threat answers */
	pm_enum status; /**< enum pm_threat_status_v: the manufacturer's decision, not the computed outcome */
	pm_str status_rationale;
} pm_threat;

/** A rule of the threat catalog dismissed for one element (or, without an
 *  element, for every element), with the reason (docs/threats.md). */
typedef struct pm_rule_disposition {
	pm_mark at;
	pm_str rule;
	pm_ref element;
	pm_str rationale;
} pm_rule_disposition;

typedef struct pm_control {
	pm_mark at;
	pm_str id, title, description;
	pm_enum category, status;
	pm_str requirement_id, requirement, acceptance_criteria, status_rationale, effect;
	pm_strs recommendations;
	pm_refs components, tests;
	pm_str target_version;
} pm_control;

typedef struct pm_tool {
	pm_mark at;
	pm_str name, version, configuration;
} pm_tool;

typedef struct pm_finding {
	pm_mark at;
	pm_str id, title, cvss, rationale, fix_version, deferral_plan;
	pm_enum severity, disposition;
	int32_t test; /**< index of the owning test (set at load) */
} pm_finding;

typedef struct pm_test {
	pm_mark at;
	pm_str id, title, description;
	pm_enum kind, independence, result;
	pm_str performed_by, expertise, scope, methods, start, end, duration, report;
	pm_tool tool;
	PM_LIST(pm_finding) findings;
} pm_test;

/* ---- SBOM, vulnerabilities, anomalies, metrics ----------------------------- */

typedef struct pm_hash {
	pm_mark at;
	pm_str alg, value;
} pm_hash;

typedef struct pm_sbom_component {
	pm_mark at;
	pm_str id, name, version, supplier, purl, cpe, license, description;
	pm_enum kind, support;
	pm_str end_of_support;
	PM_LIST(pm_hash) hashes;
	pm_refs depends_on;
	pm_str imported_from; /**< the SBOM file (sbom.files path) it was imported from, or NULL */
} pm_sbom_component;

typedef struct pm_support_override {
	pm_mark at;
	pm_str purl, name;
	pm_enum support;
	pm_str end_of_support;
} pm_support_override;

typedef struct pm_sbom_file {
	pm_mark at;
	pm_str path;
	pm_enum format;
} pm_sbom_file;

typedef struct pm_sbom {
	pm_mark at;
	PM_LIST(pm_sbom_file) files;
	pm_str author, timestamp, upgrade_plan, availability;
	PM_LIST(pm_sbom_component) components;
	PM_LIST(pm_support_override) support;
} pm_sbom;

typedef struct pm_vulnerability {
	pm_mark at;
	pm_str id, cve, title, description, cvss, published;
	pm_refs components, threats, controls;
	pm_bool kev;
	pm_enum discovery, status, justification;
	pm_str discovery_detail, assessment, response;
	pm_str disclosed_in;  /**< where users are told of it (labeling document and section, portal) */
	pm_str imported_from; /**< the SBOM/VEX file (sbom.files path) it was imported from, or NULL */
} pm_vulnerability;

typedef struct pm_anomaly {
	pm_mark at;
	pm_str id, title, description, rationale, plan;
	pm_strs cwe;
	pm_enum security_impact;
	pm_refs components;
	pm_enum exploitable; /**< enum pm_exploitable_v: the access an attacker needs, or not_exploitable */
	pm_refs threats;     /**< threats of the threat model that cover its exploitation */
} pm_anomaly;

typedef struct pm_metrics {
	pm_mark at;
	pm_bool available;
	pm_str period_start, period_end;
	pm_num vulnerabilities_identified, percent_patched, mean_days_to_patch, mean_days_to_deploy;
	pm_str basis, plan;
	pm_str assessment; /**< how the metrics compare with the management plan's targets */
} pm_metrics;

/* ---- views, use cases, labeling, plan ---------------------------------------- */

typedef struct pm_view {
	pm_mark at;
	pm_str id, title, description, diagram, rationale;
	pm_enum kind, status;
	pm_refs components, flows, use_cases;
} pm_view;

typedef struct pm_use_case {
	pm_mark at;
	pm_str id, title, description;
	pm_refs functions, components, flows, threats, controls;
	pm_enums states;
	pm_strs steps;
} pm_use_case;

typedef struct pm_item {
	pm_mark at;
	pm_enum item, status;
	pm_str content, location, rationale;
} pm_item;

typedef struct pm_practices {
	pm_mark at;
	pm_str training, data_management, incident_response, collaboration;
} pm_practices;

typedef struct pm_labeling {
	pm_mark at;
	pm_strs documents;
	PM_LIST(pm_item) items;
	pm_practices practices;
	pm_str end_of_support; /**< end of the device's cybersecurity support as labeled (item L13), YYYY-MM-DD */
} pm_labeling;

typedef struct pm_cvd {
	pm_mark at;
	pm_str policy, contact, external, internal, disclosure;
} pm_cvd;

typedef struct pm_patch_cycle {
	pm_mark at;
	pm_num regular_days, critical_days;
	pm_str justification, out_of_cycle;
} pm_patch_cycle;

typedef struct pm_management_plan {
	pm_mark at;
	pm_str reference;
	PM_LIST(pm_item) items;
	pm_cvd cvd;
	pm_patch_cycle patch_cycle;
	pm_str related_systems;
} pm_management_plan;

/** A document the submission attaches (a file) or locates (where the reviewer finds it). */
typedef struct pm_attachment {
	pm_mark at;
	pm_str document, title, file, location;
} pm_attachment;

/* ---- risk policy ---------------------------------------------------------------- */

typedef struct pm_level {
	pm_mark at;
	pm_str id, name, description;
	pm_bool acceptable; /**< risk levels only */
} pm_level;

typedef struct pm_matrix_row {
	pm_mark at;
	pm_str exploitability;
	pm_strs cells; /**< one risk-level id per severity level, lowest severity first */
} pm_matrix_row;

/** The manufacturer's document that defines a risk policy. */
typedef struct pm_policy_document {
	pm_mark at;
	pm_str id, title;
} pm_policy_document;

typedef struct pm_policy {
	pm_mark at;
	pm_str name, description;
	pm_policy_document document;
	pm_num multi_patient_step;               /**< severity levels added for multi-patient threats (absent: 1) */
	PM_LIST(pm_level) exploitability_levels; /**< lowest first */
	PM_LIST(pm_level) severity_levels;       /**< lowest first */
	PM_LIST(pm_level) risk_levels;           /**< lowest first */
	PM_LIST(pm_matrix_row) matrix;
} pm_policy;

/* ---- the model ------------------------------------------------------------------- */

typedef struct pm_arena pm_arena;

typedef struct pm_model {
	pm_mark at;
	pm_strs include;
	pm_device device;
	pm_risk_management risk_management;
	PM_LIST(pm_asset) assets;
	PM_LIST(pm_zone) zones;
	PM_LIST(pm_component) components;
	PM_LIST(pm_flow) flows;
	PM_LIST(pm_threat) threats;
	PM_LIST(pm_rule_disposition) rule_dispositions;
	PM_LIST(pm_control) controls;
	PM_LIST(pm_test) tests;
	pm_sbom sbom;
	PM_LIST(pm_vulnerability) vulnerabilities;
	PM_LIST(pm_anomaly) anomalies;
	pm_metrics metrics;
	PM_LIST(pm_view) views;
	PM_LIST(pm_use_case) use_cases;
	pm_labeling labeling;
	pm_management_plan management_plan;
	PM_LIST(pm_attachment) attachments;
	pm_policy risk_policy; /**< the model's own, or the default from models/ */

	/* Computed once after validation (gen/risk.c); renderers only read it. */
	pm_register risk;
	/* The matches of the threat rule catalog, set by pm_threats_identify()
	 * (include/premarket/threats.h); NULL when identification did not run.
	 * In the model's arena. */
	const struct pm_identified *identified;

	/* Set by the loader. */
	const char **files; /**< input file names, in load order */
	size_t n_files;
	unsigned char *files_xml; /**< files_xml[i]: files[i] was read as a submission.xml */
	/** files_sha256[i]: the SHA-256 (hex) of the bytes of files[i] as the
	 *  loader read them, or NULL for a file read elsewhere (an SBOM file) */
	const char **files_sha256;
	bool policy_is_default;
	void **objs[PM_K_COUNT]; /**< every object with an id, by kind, in model order */
	size_t n_objs[PM_K_COUNT];
	pm_arena *arena;
} pm_model;

/** Object of `kind` at index `idx` (as in a resolved pm_ref). */
static inline void *pm_model_obj(const pm_model *m, pm_kind kind, int32_t idx)
{
	return (kind > PM_K_NONE && kind < PM_K_COUNT && idx >= 0 && (size_t)idx < m->n_objs[kind]) ? m->objs[kind][idx]
	                                                                                            : NULL;
}

/** 1 when the file of `at` was read as a submission.xml. */
static inline int pm_model_file_xml(const pm_model *m, pm_mark at)
{
	return m->files_xml && at.line && at.file < m->n_files && m->files_xml[at.file];
}

/** The file name of a mark. */
static inline const char *pm_model_file(const pm_model *m, pm_mark at)
{
	return at.file < m->n_files ? m->files[at.file] : "";
}

/** Name of an object kind as used in messages ("asset", "sbom component"). */
const char *pm_kind_name(pm_kind k);

/** Free the model and everything it owns.  NULL is allowed. */
void pm_model_free(pm_model *m);

#endif
