/* schema.c — the field tables of the model format (see schema.h).
 *
 * Keys are the struct member names of include/premarket/model.h.  Each field
 * has a one-sentence description and an example; docs/model.md and
 * models/premarket.schema.json are generated from this file
 * (`premarket schema --format markdown|json`), and a test checks that the
 * committed copies are current.
 */
#include "schema.h"
#include "premarket/threats.h"
#include "xalloc.h"

#include <math.h>
#include <string.h>

#define PM_ENUM_S_(c, s)             s,
#define PM_ENUM_TABLE_(lower, UPPER) const char *const pm_enum_names_##lower[] = {PM_ENUM_##UPPER(PM_ENUM_S_) NULL};
PM_ENUM_ALL(PM_ENUM_TABLE_)

/* How documents name each submission type. */
const char *const pm_submission_labels[PM_N_SUBMISSION] = {
        [PM_SUB_510K] = "510(k)",
        [PM_SUB_SPECIAL_510K] = "Special 510(k)",
        [PM_SUB_ABBREVIATED_510K] = "Abbreviated 510(k)",
        [PM_SUB_DE_NOVO] = "De Novo",
        [PM_SUB_PMA] = "PMA",
        [PM_SUB_PMA_SUPPLEMENT] = "PMA supplement",
        [PM_SUB_PDP] = "PDP",
        [PM_SUB_HDE] = "HDE",
        [PM_SUB_IDE] = "IDE",
};

/* What each labeling item (G25 VI.A) and plan element (G25 VI.B) is about. */
const char *const pm_label_item_titles[PM_N_LABEL_ITEM] = {
        "Recommended cybersecurity controls for the use environment",
        "Diagrams sufficient for users to implement those controls",
        "Network ports and other interfaces, with function, direction and approved endpoints",
        "Supporting infrastructure, secure deployment and servicing, and incident response",
        "Software bill of materials, machine-readable and kept current",
        "Obtaining authorized, version-identifiable software and learning of updates",
        "How the device responds to and records security events",
        "Features that protect critical functionality (e.g. backup mode, disabling ports)",
        "Backup and restore, including restoring authenticated configurations",
        "Retention and recovery of configuration by authenticated, authorized users",
        "Secure configuration as shipped, user-configurable changes and their risks",
        "Forensic evidence capture: log files, format, storage, retention",
        "End of support and end of life of the device and its components",
        "Secure decommissioning: sanitizing data and software",
};

const char *const pm_plan_item_titles[PM_N_PLAN_ITEM] = {
        "Personnel responsible",
        "Sources, methods and frequency of vulnerability monitoring",
        "Identifying and addressing vulnerabilities in CISA's KEV catalog",
        "Periodic security testing",
        "Timeline to develop and release patches",
        "Update processes",
        "Patching capability: rate at which updates reach devices",
        "Coordinated vulnerability disclosure process",
        "Communicating forthcoming remediations, patches and updates to customers",
};

#define K(k) (1u << (k))
#define REQ  PM_FF_REQUIRED
#define N(a) (sizeof(a) / sizeof((a)[0]))

#define F(T, m, ty, fl, d, ex)                                         \
	{                                                              \
#m, ty, fl, offsetof(T, m), NULL, 0, NULL, 0, 0, d, ex \
	}
#define FE(T, m, ty, tbl, fl, d, ex)                                                  \
	{                                                                             \
#m, ty, fl, offsetof(T, m), pm_enum_names_##tbl, 0, NULL, 0, 0, d, ex \
	}
#define FR(T, m, ty, kinds, fl, d, ex)                                     \
	{                                                                  \
#m, ty, fl, offsetof(T, m), NULL, kinds, NULL, 0, 0, d, ex \
	}
#define FO(T, m, ty, sub, fl, d, ex)                                   \
	{                                                              \
#m, ty, fl, offsetof(T, m), NULL, 0, &sub, 0, 0, d, ex \
	}
#define FN(T, m, lo, hi, fl, d, ex)                                            \
	{                                                                      \
#m, PM_F_NUM, fl, offsetof(T, m), NULL, 0, NULL, lo, hi, d, ex \
	}
#define SCHEMA(var, nm, ttl, kd, T, flds, d) const pm_schema var = {nm, ttl, kd, sizeof(T), flds, N(flds), d}

/* ---- device ---------------------------------------------------------------- */

static const pm_field party_fields[] = {
        F(pm_party, name, PM_F_STR, REQ, "Legal name of the organisation.", "Müller Medizintechnik GmbH"),
        F(pm_party, address, PM_F_TEXT, 0, "Postal address.", "Industriestraße 4, 72070 Tübingen"),
        F(pm_party, country, PM_F_STR, 0, "Country (ISO 3166 name or code).", "DE"),
        F(pm_party, contact, PM_F_STR, 0, "Responsible person or function.", "Head of Regulatory Affairs"),
        F(pm_party, email, PM_F_STR, 0, "Contact e-mail address.", "regulatory@example.com"),
        F(pm_party, establishment_id, PM_F_STR, 0, "FDA establishment registration or FEI number.", "3012345678"),
};
static SCHEMA(schema_party, "party", "Organisation (manufacturer, importer)", PM_K_NONE, pm_party, party_fields,
              "An organisation named in the submission.");

static const pm_field standard_fields[] = {
        F(pm_standard, id, PM_F_STR, REQ, "Standard designation and edition.", "IEC 81001-5-1:2021"),
        F(pm_standard, title, PM_F_STR, 0, "Title of the standard.",
          "Health software and health IT systems safety, effectiveness and security — Part 5-1"),
        F(pm_standard, use, PM_F_TEXT, 0, "How the standard was applied (full, partial, which clauses).",
          "Secure development lifecycle (SPDF), all clauses"),
};
static SCHEMA(schema_standard, "standard", "Standard followed", PM_K_NONE, pm_standard, standard_fields,
              "A standard or framework the manufacturer follows (e.g. IEC 81001-5-1 or ANSI/ISA 62443-4-1, named in "
              "G25 section V).");

static const pm_field revision_fields[] = {
        F(pm_revision, version, PM_F_STR, REQ, "Revision of the documentation.", "C"),
        F(pm_revision, date, PM_F_DATE, REQ, "Date of the revision.", "2026-10-01"),
        F(pm_revision, author, PM_F_STR, 0, "Who made the revision.", "J. Weber"),
        F(pm_revision, description, PM_F_TEXT, 0, "What changed.", "Added BLE pairing threats"),
};
static SCHEMA(schema_revision, "revision", "Revision", PM_K_NONE, pm_revision, revision_fields,
              "One entry of the documentation's revision history; the last entry is the current revision.");

static const pm_field cyber_fields[] = {
        F(pm_cyber_device, software, PM_F_BOOL, REQ,
          "The device includes software validated, installed or authorized by the sponsor (524B(c)(1)).", "true"),
        F(pm_cyber_device, internet_connectable, PM_F_BOOL, REQ,
          "The device can connect to the internet, intentionally or not, by any means (524B(c)(2)).", "true"),
        F(pm_cyber_device, vulnerable_characteristics, PM_F_BOOL, REQ,
          "The device has technological characteristics that could be vulnerable to cybersecurity threats "
          "(524B(c)(3)).",
          "true"),
        F(pm_cyber_device, connectivity, PM_F_STRS, 0, "Means by which the device can reach the internet.",
          "[hospital LAN (Ethernet), USB service port]"),
        F(pm_cyber_device, rationale, PM_F_TEXT, REQ, "Reasoning behind the determination.",
          "Connects to the LIS over the hospital network"),
};
static SCHEMA(schema_cyber, "cyber_device", "Cyber device determination", PM_K_NONE, pm_cyber_device, cyber_fields,
              "Whether the device is a cyber device under FD&C Act section 524B(c) (G25 VII.B); all three criteria "
              "true means it is.");

static const pm_field clearance_fields[] = {
        F(pm_clearance, number, PM_F_STR, REQ, "Submission number of the previously authorized device.", "K231234"),
        F(pm_clearance, date, PM_F_DATE, 0, "Date of that decision.", "2023-05-17"),
        F(pm_clearance, device_name, PM_F_STR, 0, "Trade name of the previously authorized device.", "Analyzer 3000"),
        FE(pm_clearance, impact, PM_F_ENUM, mod_impact, REQ,
           "Whether the modification may impact cybersecurity (G25 VII.D).", "may_impact"),
        F(pm_clearance, changes, PM_F_TEXT, 0, "Summary of the changes since the last authorization.",
          "New remote-service channel"),
        F(pm_clearance, critical_vulnerabilities, PM_F_TEXT, 0,
          "Statement whether critical vulnerabilities with uncontrolled risk exist.", "None known"),
        F(pm_clearance, remediation_history, PM_F_TEXT, 0,
          "Vulnerabilities remediated since the last authorization and how.", "CVE-2024-1234 fixed in 3.1.2"),
};
static SCHEMA(schema_clearance, "previous_clearance", "Previous clearance (modifications)", PM_K_NONE, pm_clearance,
              clearance_fields,
              "For a modified device: the previous authorization and the cybersecurity impact of the change.");

static const pm_field device_fields[] = {
        F(pm_device, name, PM_F_STR, REQ, "Trade name of the device.", "LabStream Analyzer 5"),
        F(pm_device, model, PM_F_STR, 0, "Model or catalogue number.", "LSA-5"),
        F(pm_device, version, PM_F_STR, REQ, "Software/firmware version under submission.", "5.2.0"),
        F(pm_device, udi_di, PM_F_STR, 0, "UDI device identifier.", "04012345678901"),
        FO(pm_device, manufacturer, PM_F_OBJ, schema_party, REQ, "The manufacturer.", NULL),
        FO(pm_device, importer, PM_F_OBJ, schema_party, 0,
           "The US importer / initial importer, for devices made abroad.", NULL),
        FE(pm_device, submission_type, PM_F_ENUM, submission, REQ, "Type of premarket submission.", "510k"),
        FE(pm_device, device_class, PM_F_ENUM, device_class, 0, "FDA device class.", "II"),
        F(pm_device, product_code, PM_F_STR, 0, "FDA product code.", "JJE"),
        F(pm_device, regulation_number, PM_F_STR, 0, "Classification regulation (21 CFR).", "862.2160"),
        F(pm_device, intended_use, PM_F_TEXT, REQ, "Intended use / indications for use.",
          "Quantitative determination of ..."),
        F(pm_device, use_environment, PM_F_TEXT, REQ,
          "Intended use environment, assumed hostile where networks are involved.",
          "Hospital clinical laboratory, connected to the hospital LAN"),
        FO(pm_device, cyber_device, PM_F_OBJ, schema_cyber, REQ, "Cyber-device determination (524B(c)).", NULL),
        FO(pm_device, standards, PM_F_OBJS, schema_standard, 0, "Standards and frameworks followed.", NULL),
        FO(pm_device, previous_clearance, PM_F_OBJ, schema_clearance, 0, "Previous authorization, for modifications.",
           NULL),
        FO(pm_device, revisions, PM_F_OBJS, schema_revision, 0, "Revision history of this documentation.", NULL),
        F(pm_device, date, PM_F_DATE, 0,
          "Date printed on the documents (else the last revision's date or SOURCE_DATE_EPOCH).", "2026-11-02"),
};
static SCHEMA(schema_device, "device", "device", PM_K_NONE, pm_device, device_fields,
              "The device under submission: identity, parties, regulatory facts, cyber-device determination.");

/* ---- risk management ----------------------------------------------------------- */

static const pm_field transfer_fields[] = {
        F(pm_risk_transfer, description, PM_F_TEXT, REQ, "The risk transferred.",
          "Network segmentation of the analyzer VLAN"),
        F(pm_risk_transfer, to, PM_F_STR, REQ, "Who takes it on.", "Hospital IT"),
        F(pm_risk_transfer, disclosed_in, PM_F_STR, 0, "Where it is disclosed to them.",
          "Security Implementation Guide §4"),
};
static SCHEMA(schema_transfer, "risk_transfer", "Risk transfer", PM_K_NONE, pm_risk_transfer, transfer_fields,
              "A security risk transferred to users, disclosed in labeling (G25 V.A).");

static const pm_field rm_fields[] = {
        F(pm_risk_management, plan_reference, PM_F_STR, 0,
          "Reference of the security risk management plan (AAMI TIR57 / ANSI/AAMI SW96).", "SRMP-0042 rev B"),
        F(pm_risk_management, methodology, PM_F_TEXT, 0, "Threat-modeling methodology used.",
          "STRIDE per element on the data-flow diagram"),
        F(pm_risk_management, methodology_rationale, PM_F_TEXT, 0, "Why that methodology fits the device (G25 V.A.1).",
          "Covers every element and flow"),
        F(pm_risk_management, assumptions, PM_F_STRS, 0, "Assumptions about the system and its environment.",
          "[The hospital network is hostile]"),
        F(pm_risk_management, safety_risk_transfer, PM_F_TEXT, 0,
          "How security risks with safety impact enter the ISO 14971 safety risk management.",
          "Each uncontrolled risk becomes a hazardous situation in RMF-12"),
        F(pm_risk_management, residual_risk_conclusion, PM_F_TEXT, 0,
          "The manufacturer's overall residual-risk conclusion.", "All residual risks are controlled"),
        F(pm_risk_management, benefit_risk, PM_F_TEXT, 0,
          "Benefit-risk rationale for any residual risk outside the acceptance criteria.", NULL),
        F(pm_risk_management, anomaly_criteria, PM_F_TEXT, 0,
          "Criteria and rationale for how security-relevant anomalies are handled (G25 V.A.5).",
          "Anomalies with a CWE in the CWE Top 25 are fixed before release"),
        FO(pm_risk_management, risk_transfers, PM_F_OBJS, schema_transfer, 0, "Risks transferred to users.", NULL),
};
static SCHEMA(schema_rm, "risk_management", "risk_management", PM_K_NONE, pm_risk_management, rm_fields,
              "Report-level statements of the security risk management report (G25 V.A, V.A.1, V.A.2).");

/* ---- architecture ------------------------------------------------------------------ */

static const pm_field harm_fields[] = {
        FE(pm_harm, confidentiality, PM_F_ENUM, harm, REQ, "Severity of patient harm if confidentiality is lost.",
           "minor"),
        FE(pm_harm, integrity, PM_F_ENUM, harm, REQ, "Severity of patient harm if integrity is lost.", "critical"),
        FE(pm_harm, availability, PM_F_ENUM, harm, REQ, "Severity of patient harm if availability is lost.", "serious"),
};
static SCHEMA(schema_harm, "harm", "Harm levels", PM_K_NONE, pm_harm, harm_fields,
              "Severity of patient harm per security property, on the five-level scale of the risk policy.");

static const pm_field asset_fields[] = {
        F(pm_asset, id, PM_F_ID, REQ, "Unique id.", "A-RESULTS"),
        F(pm_asset, name, PM_F_STR, REQ, "Name.", "Patient test results"),
        FE(pm_asset, kind, PM_F_ENUM, asset_kind, REQ, "What kind of asset it is.", "data"),
        F(pm_asset, description, PM_F_TEXT, 0, "Description.", "Quantitative results before release to the LIS"),
        FO(pm_asset, harm, PM_F_OBJ, schema_harm, REQ, "Harm if each security property is lost.",
           "{confidentiality: minor, integrity: critical, availability: serious}"),
        F(pm_asset, harm_rationale, PM_F_TEXT, 0, "Why these harm levels.",
          "A wrong result can lead to a wrong treatment decision"),
        F(pm_asset, multi_patient, PM_F_BOOL, 0, "Compromise can harm several patients at once.", "true"),
        F(pm_asset, safety_relevant, PM_F_BOOL, 0,
          "A function or data whose compromise affects safety or effectiveness (needs a security use case).", "true"),
};
static SCHEMA(schema_asset, "asset", "assets", PM_K_ASSET, pm_asset, asset_fields,
              "What is worth protecting: data, functions, credentials, keys, software.");

static const pm_field zone_fields[] = {
        F(pm_zone, id, PM_F_ID, REQ, "Unique id.", "Z-HOSPITAL"),
        F(pm_zone, name, PM_F_STR, REQ, "Name.", "Hospital network"),
        F(pm_zone, description, PM_F_TEXT, 0, "Description.", NULL),
        FE(pm_zone, trust, PM_F_ENUM, trust, REQ, "How far the zone is trusted.", "untrusted"),
        FE(pm_zone, controlled_by, PM_F_ENUM, controller, 0, "Who controls the zone.", "healthcare_facility"),
        FR(pm_zone, within, PM_F_REF, K(PM_K_ZONE), 0,
           "The zone this zone lies inside (a nested trust boundary, e.g. a clinical VLAN within the hospital "
           "network); a flow between the two still crosses a trust boundary, and the diagrams draw the zone inside "
           "the other.",
           "Z-HOSPITAL"),
        F(pm_zone, out_of_scope, PM_F_TEXT, 0,
          "Why the zone, with its components, is outside the scope of the analysis; threat rules skip it and the "
          "threat model lists it.",
          "The hospital's own network equipment, managed by the hospital under its policies"),
};
static SCHEMA(schema_zone, "zone", "zones", PM_K_ZONE, pm_zone, zone_fields,
              "A trust zone; a flow between components of different zones crosses a trust boundary.");

static const pm_field iface_fields[] = {
        F(pm_interface, id, PM_F_ID, REQ, "Unique id.", "IF-ETH0"),
        F(pm_interface, name, PM_F_STR, 0, "Name.", "Rear Ethernet port"),
        FE(pm_interface, kind, PM_F_ENUM, iface_kind, REQ, "Physical or logical kind.", "ethernet"),
        FE(pm_interface, direction, PM_F_ENUM, direction, 0, "Data direction (labeling item L3).", "both"),
        FE(pm_interface, status, PM_F_ENUM, iface_status, REQ, "Used, unused, or disabled before shipping.", "used"),
        F(pm_interface, protocols, PM_F_STRS, 0, "Protocols spoken.", "[HL7 v2.5.1 over MLLP, TLS 1.3]"),
        F(pm_interface, ports, PM_F_STRS, 0, "Ports or channels.", "[2575/tcp]"),
        F(pm_interface, destinations, PM_F_STRS, 0, "Approved destination endpoints (labeling item L3).",
          "[LIS interface engine]"),
        F(pm_interface, purpose, PM_F_TEXT, 0, "Function of the interface.", "Results to the LIS"),
        F(pm_interface, authentication, PM_F_TEXT, 0, "Authentication on this interface, or none.", "Mutual TLS"),
        F(pm_interface, encryption, PM_F_TEXT, 0, "Encryption on this interface, or none.", "TLS 1.3"),
        F(pm_interface, rationale, PM_F_TEXT, 0, "For unused or disabled interfaces: how they cannot be activated.",
          "JTAG fuses blown at end of line"),
        F(pm_interface, out_of_scope, PM_F_TEXT, 0,
          "Why the interface is outside the scope of the analysis; threat rules skip it and the threat model lists it.",
          NULL),
};
static SCHEMA(schema_iface, "interface", "Interface", PM_K_INTERFACE, pm_interface, iface_fields,
              "An electronic interface of a component, including unused ones (G25 App. 2).");

static const pm_field layout_hint_fields[] = {
        FN(pm_layout_hint, rank, 0, 1000, 0,
           "Row of the component in the diagrams (a whole number): lower ranks are drawn above (or left of) higher "
           "ones; components of one zone with the same rank side by side.",
           "1"),
        F(pm_layout_hint, group, PM_F_STR, 0,
          "Name of a column: the diagrams keep the components of one group in line, with straight flows between them.",
          "update-path"),
};
static SCHEMA(schema_layout_hint, "layout_hint", "Diagram layout hints", PM_K_NONE, pm_layout_hint, layout_hint_fields,
              "Optional hints that steer the layout of the architecture diagrams (docs/diagrams.md); they change "
              "where a component is drawn, never what a diagram shows.");

static const pm_field component_fields[] = {
        F(pm_component, id, PM_F_ID, REQ, "Unique id.", "C-ANALYZER"),
        F(pm_component, name, PM_F_STR, REQ, "Name.", "Analyzer controller"),
        FE(pm_component, kind, PM_F_ENUM, component_kind, REQ, "What kind of element it is.", "device"),
        FR(pm_component, zone, PM_F_REF, K(PM_K_ZONE), REQ, "Zone the component is in.", "Z-DEVICE"),
        F(pm_component, description, PM_F_TEXT, 0, "Description.", NULL),
        F(pm_component, supplier, PM_F_STR, 0, "Supplier, for third-party components.", NULL),
        F(pm_component, version, PM_F_STR, 0, "Version.", "5.2.0"),
        F(pm_component, os, PM_F_STR, 0, "Operating system.", "Yocto Linux 4.0 (kirkstone)"),
        FR(pm_component, assets, PM_F_REFS, K(PM_K_ASSET), 0, "Assets it stores or processes.", "[A-RESULTS]"),
        FR(pm_component, sbom, PM_F_REFS, K(PM_K_SBOM_COMPONENT), 0, "SBOM components it runs.", "[SB-OPENSSL]"),
        FO(pm_component, interfaces, PM_F_OBJS, schema_iface, 0, "Its interfaces.", NULL),
        FO(pm_component, diagram, PM_F_OBJ, schema_layout_hint, 0, "Layout hints for the diagrams.",
           "{rank: 2, group: update-path}"),
        F(pm_component, out_of_scope, PM_F_TEXT, 0,
          "Why the component, with its interfaces, is outside the scope of the analysis; threat rules skip it and the "
          "threat model lists it.",
          "Hospital workstation, secured by the hospital"),
};
static SCHEMA(schema_component, "component", "components", PM_K_COMPONENT, pm_component, component_fields,
              "An element of the medical device system: device parts, apps, servers, cloud services, external systems, "
              "users.");

static const pm_field flow_fields[] = {
        F(pm_flow, id, PM_F_ID, REQ, "Unique id.", "F-RESULTS"),
        F(pm_flow, name, PM_F_STR, REQ, "Name.", "Results upload"),
        F(pm_flow, description, PM_F_TEXT, 0, "Description.", NULL),
        FR(pm_flow, from, PM_F_REF, K(PM_K_COMPONENT), REQ, "Source component.", "C-ANALYZER"),
        FR(pm_flow, to, PM_F_REF, K(PM_K_COMPONENT), REQ, "Destination component.", "C-LIS"),
        FR(pm_flow, from_interface, PM_F_REF, K(PM_K_INTERFACE), 0, "Interface it leaves through.", "IF-ETH0"),
        FR(pm_flow, to_interface, PM_F_REF, K(PM_K_INTERFACE), 0, "Interface it arrives at.", NULL),
        FE(pm_flow, kind, PM_F_ENUM, flow_kind, REQ, "What it carries.", "data"),
        F(pm_flow, protocol, PM_F_STR, REQ, "Protocol.", "HL7 v2.5.1 / MLLP"),
        F(pm_flow, protocol_version, PM_F_STR, 0, "Protocol version.", "TLS 1.3"),
        F(pm_flow, port, PM_F_STR, 0, "Port or channel.", "2575/tcp"),
        FR(pm_flow, assets, PM_F_REFS, K(PM_K_ASSET), 0, "Assets it carries.", "[A-RESULTS]"),
        F(pm_flow, authentication, PM_F_TEXT, REQ, "Authentication (mechanism, algorithm, strength), or none.",
          "Mutual TLS, X.509 device certificate, ECDSA P-256"),
        F(pm_flow, encryption, PM_F_TEXT, REQ, "Encryption, or none.", "TLS 1.3, AES-256-GCM"),
        F(pm_flow, integrity, PM_F_TEXT, 0, "Integrity protection, or none.", "TLS record MAC"),
        F(pm_flow, session, PM_F_TEXT, 0, "Session establishment, maintenance and teardown.",
          "Session per batch, 10 min idle timeout"),
        F(pm_flow, bidirectional, PM_F_BOOL, 0,
          "The flow also goes from `to` to `from`, with the same protocol and protection (one flow instead of a pair); "
          "rules see it in both directions.",
          "true"),
        F(pm_flow, out_of_scope, PM_F_TEXT, 0,
          "Why the flow is outside the scope of the analysis; threat rules skip it (and flows between two out-of-scope "
          "components) and the threat model lists it.",
          NULL),
};
static SCHEMA(schema_flow, "flow", "flows", PM_K_FLOW, pm_flow, flow_fields,
              "A data, command or code flow between two components (G25 App. 2: every communication path).");

/* ---- threats, controls, tests ------------------------------------------------------------ */

static const pm_field residual_fields[] = {
        F(pm_residual, cvss, PM_F_CVSS, 0,
          "Explicit residual CVSS vector (instead of deriving it from the controls' effects).",
          "CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:N/I:L/A:N"),
        F(pm_residual, exploitability, PM_F_STR, 0,
          "Explicit residual exploitability level (an id of the risk policy).", "low"),
        F(pm_residual, rationale, PM_F_TEXT, 0, "Why the residual risk is what it is.", NULL),
};
static SCHEMA(schema_residual, "residual", "Residual assessment", PM_K_NONE, pm_residual, residual_fields,
              "The threat after controls, when it is stated rather than derived.");

static const pm_field hazard_fields[] = {
        F(pm_hazard, id, PM_F_STR, REQ,
          "Id of the hazard or hazardous situation in the safety risk management file (ISO 14971).", "HAZ-017"),
        F(pm_hazard, title, PM_F_STR, 0, "Its name in that file.", "Wrong result reported for the patient"),
        F(pm_hazard, document, PM_F_STR, 0, "The safety risk management document that holds it.", "RMF-700 rev F"),
};
static SCHEMA(schema_hazard, "hazard", "Hazard", PM_K_NONE, pm_hazard, hazard_fields,
              "A hazard or hazardous situation of the safety risk file that a threat can lead to: the link from "
              "security to safety risk management (ISO 14971, AAMI TIR57, ANSI/AAMI SW96).");

static const pm_field threat_fields[] = {
        F(pm_threat, id, PM_F_ID, REQ, "Unique id.", "T-HL7-TAMPER"),
        F(pm_threat, title, PM_F_STR, REQ, "Title.", "Results altered in transit to the LIS"),
        F(pm_threat, description, PM_F_TEXT, 0, "Description of the attack.", NULL),
        FE(pm_threat, stride, PM_F_ENUMS, stride, REQ, "STRIDE categories.", "[tampering]"),
        FE(pm_threat, lifecycle, PM_F_ENUM, lifecycle, 0, "Lifecycle phase the threat arises in (G25 V.A.1).",
           "operation"),
        FR(pm_threat, targets, PM_F_REFS,
           K(PM_K_COMPONENT) | K(PM_K_FLOW) | K(PM_K_INTERFACE) | K(PM_K_ZONE) | K(PM_K_SBOM_COMPONENT), REQ,
           "Components, flows, interfaces, zones (the trust boundary as a whole) or SBOM components it targets.",
           "[F-RESULTS]"),
        FR(pm_threat, assets, PM_F_REFS, K(PM_K_ASSET), REQ, "Assets it affects (one risk is scored per asset).",
           "[A-RESULTS]"),
        FE(pm_threat, harm, PM_F_ENUM, harm, 0,
           "Severity of patient harm of this threat's own hazardous situation; wins over the asset's worst harm.",
           "critical"),
        FO(pm_threat, hazards, PM_F_OBJS, schema_hazard, 0, "Hazards of the safety risk file this threat can lead to.",
           "[{id: HAZ-017, document: RMF-700 rev F}]"),
        F(pm_threat, multi_patient, PM_F_BOOL, 0,
          "The threat can harm several patients at once (its severity is raised by the policy's multi_patient_step); "
          "when absent, derived: it targets a cloud_service component or its interface, a flow from or to one, or a "
          "flow of kind code.",
          "true"),
        F(pm_threat, cvss, PM_F_CVSS, 0, "CVSS v3.1 or v4.0 vector before controls.",
          "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N"),
        F(pm_threat, exploitability, PM_F_STR, 0,
          "Explicit exploitability level (an id of the risk policy), instead of deriving it from the vector.", "high"),
        FR(pm_threat, controls, PM_F_REFS, K(PM_K_CONTROL), 0, "Controls that mitigate it.", "[CTL-TLS]"),
        FO(pm_threat, residual, PM_F_OBJ, schema_residual, 0, "Stated residual assessment.", NULL),
        F(pm_threat, rationale, PM_F_TEXT, 0, "Rationale for the scoring.", NULL),
        F(pm_threat, source, PM_F_STR, 0, "Where the threat came from (method, catalog rule, test finding).",
          "STRIDE per element"),
        F(pm_threat, benefit_risk, PM_F_TEXT, 0, "Benefit-risk rationale when the residual risk is not acceptable.",
          NULL),
        FE(pm_threat, status, PM_F_ENUM, threat_status, 0,
           "The manufacturer's decision on the threat: open, mitigated, accepted, transferred or false_positive; "
           "distinct from the risk outcome the method computes.",
           "mitigated"),
        F(pm_threat, status_rationale, PM_F_TEXT, 0,
          "Why the threat is accepted, transferred or a false positive (required then).", NULL),
        F(pm_threat, rule, PM_F_STRS, 0,
          "Ids of the threat rules of the catalog this threat answers (docs/threats.md); it answers a rule's match on "
          "each of its targets (assets for asset rules).",
          "[NET-03, CLN-02]"),
};
static SCHEMA(schema_threat, "threat", "threats", PM_K_THREAT, pm_threat, threat_fields,
              "A threat from the threat model, scored per affected asset before and after controls.");

static const pm_field disposition_fields[] = {
        F(pm_rule_disposition, rule, PM_F_STR, REQ, "Id of the catalog rule dismissed (`premarket threats --list`).",
          "WL-12"),
        FR(pm_rule_disposition, element, PM_F_REF,
           K(PM_K_COMPONENT) | K(PM_K_INTERFACE) | K(PM_K_FLOW) | K(PM_K_ZONE) | K(PM_K_ASSET) | K(PM_K_SBOM_COMPONENT),
           0, "The element the rule matched; without one the rule is dismissed for the whole model.", "IF-BLE"),
        F(pm_rule_disposition, rationale, PM_F_TEXT, REQ,
          "Why the suggested threat does not apply (it is listed with the match in the threat model).",
          "The analyzer is a bench instrument; no patient carries it"),
};
static SCHEMA(schema_disposition, "rule_disposition", "rule_dispositions", PM_K_NONE, pm_rule_disposition,
              disposition_fields,
              "A match of the threat rule catalog dismissed with a reason, for one element or for the whole model "
              "(docs/threats.md).");

static const pm_field control_fields[] = {
        F(pm_control, id, PM_F_ID, REQ, "Unique id.", "CTL-TLS"),
        F(pm_control, title, PM_F_STR, REQ, "Title.", "Mutually authenticated TLS 1.3 to the LIS"),
        F(pm_control, description, PM_F_TEXT, 0, "Description.", NULL),
        FE(pm_control, category, PM_F_ENUM, category, REQ, "FDA control category (G25 Appendix 1).", "cryptography"),
        F(pm_control, requirement_id, PM_F_STR, 0, "Id of the security requirement in the manufacturer's requirements.",
          "SRS-SEC-014"),
        F(pm_control, requirement, PM_F_TEXT, REQ, "The security requirement the control implements.",
          "The analyzer shall send results only over mutually authenticated TLS 1.3"),
        F(pm_control, acceptance_criteria, PM_F_TEXT, 0, "Acceptance criteria of the requirement.",
          "Connections without a valid client certificate are refused"),
        FE(pm_control, status, PM_F_ENUM, control_status, REQ,
           "Implementation status; planned controls do not reduce risk.", "implemented"),
        F(pm_control, status_rationale, PM_F_TEXT, 0,
          "Why a control is not applicable (required then), or the plan for a planned one.", NULL),
        F(pm_control, target_version, PM_F_STR, 0, "Release that will implement a planned control.", NULL),
        F(pm_control, effect, PM_F_EFFECT, 0, "Effect on CVSS metrics, as modified metrics.", "MAV:L/MPR:H"),
        F(pm_control, recommendations, PM_F_STRS, 0,
          "G25 Appendix 1 recommendations it answers, each named by its subsection with a short paraphrase (Appendix 1 "
          "does not number them).",
          "[Cryptography (industry-standard algorithms and key management)]"),
        FR(pm_control, components, PM_F_REFS, K(PM_K_COMPONENT), 0, "Components that implement it.", "[C-ANALYZER]"),
        FR(pm_control, tests, PM_F_REFS, K(PM_K_TEST), 0, "Tests that verify it.", "[TST-TLS]"),
};
static SCHEMA(schema_control, "control", "controls", PM_K_CONTROL, pm_control, control_fields,
              "A security control, its requirement, status, effect on CVSS metrics and verifying tests.");

static const pm_field tool_fields[] = {
        F(pm_tool, name, PM_F_STR, REQ, "Tool name.", "AFL++"),
        F(pm_tool, version, PM_F_STR, 0, "Tool version.", "4.21c"),
        F(pm_tool, configuration, PM_F_TEXT, 0, "Settings and configuration (G25 footnote 46).",
          "persistent mode, 72 h, HL7 dictionary"),
};
static SCHEMA(schema_tool, "tool", "Tool", PM_K_NONE, pm_tool, tool_fields, "A test tool.");

static const pm_field finding_fields[] = {
        F(pm_finding, id, PM_F_ID, REQ, "Unique id.", "PT-07"),
        F(pm_finding, title, PM_F_STR, REQ, "Title.", "Verbose error messages on service web UI"),
        FE(pm_finding, severity, PM_F_ENUM, finding_severity, REQ, "Severity as reported.", "low"),
        F(pm_finding, cvss, PM_F_CVSS, 0, "CVSS vector as reported.", NULL),
        FE(pm_finding, disposition, PM_F_ENUM, disposition, REQ, "What the manufacturer decided.", "fixed"),
        F(pm_finding, rationale, PM_F_TEXT, 0,
          "Assessment and rationale, especially for accepted or deferred findings.", NULL),
        F(pm_finding, fix_version, PM_F_STR, 0, "Release with the fix.", "5.2.0"),
        F(pm_finding, deferral_plan, PM_F_TEXT, 0, "For deferred fixes: timeline and how fielded devices get it.",
          NULL),
};
static SCHEMA(schema_finding, "finding", "Finding", PM_K_FINDING, pm_finding, finding_fields,
              "A test finding and its disposition.");

static const pm_field test_fields[] = {
        F(pm_test, id, PM_F_ID, REQ, "Unique id.", "TST-FUZZ-HL7"),
        F(pm_test, title, PM_F_STR, REQ, "Title.", "HL7 parser fuzzing"),
        F(pm_test, description, PM_F_TEXT, 0, "Description.", NULL),
        FE(pm_test, kind, PM_F_ENUM, test_kind, REQ, "Kind of test (G25 V.C).", "fuzz"),
        F(pm_test, performed_by, PM_F_STR, REQ, "Who performed it.", "Acme Security Labs"),
        FE(pm_test, independence, PM_F_ENUM, independence, REQ, "Independence of the testers from the developers.",
           "third_party"),
        F(pm_test, expertise, PM_F_TEXT, 0, "Technical expertise of the testers.", "OSCP-certified testers"),
        FO(pm_test, tool, PM_F_OBJ, schema_tool, 0, "Tool used.", NULL),
        F(pm_test, scope, PM_F_TEXT, 0, "Scope.", NULL),
        F(pm_test, methods, PM_F_TEXT, 0, "Methods.", NULL),
        F(pm_test, start, PM_F_DATE, 0, "First day of testing.", "2026-08-03"),
        F(pm_test, end, PM_F_DATE, 0, "Last day of testing.", "2026-08-14"),
        F(pm_test, duration, PM_F_STR, 0, "Duration, when dates do not say it.", "72 hours of fuzzing"),
        FE(pm_test, result, PM_F_ENUM, test_result, REQ, "Overall result.", "pass"),
        F(pm_test, report, PM_F_STR, 0, "Reference of the test report.", "TR-2026-031"),
        FO(pm_test, findings, PM_F_OBJS, schema_finding, 0, "Findings.", NULL),
};
static SCHEMA(schema_test, "test", "tests", PM_K_TEST, pm_test, test_fields,
              "Test evidence: who tested, how independent, with which tools, and what was found.");

/* ---- SBOM ------------------------------------------------------------------------------ */

static const pm_field hash_fields[] = {
        F(pm_hash, alg, PM_F_STR, REQ, "Algorithm.", "SHA-256"),
        F(pm_hash, value, PM_F_STR, REQ, "Hex digest.",
          "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
};
static SCHEMA(schema_hash, "hash", "Hash", PM_K_NONE, pm_hash, hash_fields, "A component hash.");

static const pm_field sbomc_fields[] = {
        F(pm_sbom_component, id, PM_F_ID, REQ, "Unique id.", "SB-OPENSSL"),
        F(pm_sbom_component, name, PM_F_STR, REQ, "Component name.", "openssl"),
        F(pm_sbom_component, version, PM_F_STR, REQ | PM_FF_LOCAL, "Version.", "3.0.15"),
        F(pm_sbom_component, supplier, PM_F_STR, REQ | PM_FF_LOCAL, "Supplier.", "OpenSSL Software Foundation"),
        FE(pm_sbom_component, kind, PM_F_ENUM, sbom_kind, 0, "Kind of component.", "library"),
        F(pm_sbom_component, purl, PM_F_STR, 0, "Package URL.", "pkg:generic/openssl@3.0.15"),
        F(pm_sbom_component, cpe, PM_F_STR, 0, "CPE 2.3 name.", "cpe:2.3:a:openssl:openssl:3.0.15:*:*:*:*:*:*:*"),
        F(pm_sbom_component, license, PM_F_STR, 0, "SPDX licence expression.", "Apache-2.0"),
        F(pm_sbom_component, description, PM_F_TEXT, 0, "Description.", NULL),
        FE(pm_sbom_component, support, PM_F_ENUM, support, REQ | PM_FF_LOCAL, "FDA level of support (G25 V.A.4.b).",
           "actively_maintained"),
        F(pm_sbom_component, end_of_support, PM_F_DATE, 0, "FDA end-of-support date.", "2026-09-07"),
        FO(pm_sbom_component, hashes, PM_F_OBJS, schema_hash, 0, "Hashes.", NULL),
        FR(pm_sbom_component, depends_on, PM_F_REFS, K(PM_K_SBOM_COMPONENT), 0, "Direct dependencies.", "[SB-ZLIB]"),
        F(pm_sbom_component, imported_from, PM_F_STR, 0,
          "The SBOM file (a path of sbom.files) the component was imported from: written by premarket in "
          "submission.xml, which carries the imported components; such a component need not state version, "
          "supplier or support.",
          NULL),
};
static SCHEMA(schema_sbomc, "sbom_component", "SBOM component", PM_K_SBOM_COMPONENT, pm_sbom_component, sbomc_fields,
              "A software component listed inline, with the NTIA minimum elements and FDA's support information.");

static const pm_field override_fields[] = {
        F(pm_support_override, purl, PM_F_STR, 0, "Package URL of the imported component.",
          "pkg:composer/laravel/framework@7.12.0"),
        F(pm_support_override, name, PM_F_STR, 0, "Name of the imported component (when it has no purl).", NULL),
        FE(pm_support_override, support, PM_F_ENUM, support, REQ, "FDA level of support.", "no_longer_maintained"),
        F(pm_support_override, end_of_support, PM_F_DATE, 0, "FDA end-of-support date.", "2021-03-03"),
};
static SCHEMA(schema_override, "support_override", "Support information for imported components", PM_K_NONE,
              pm_support_override, override_fields,
              "Support level and end of support for components of an imported SBOM file, by purl or name (the model "
              "wins over the file).");

static const pm_field sbomfile_fields[] = {
        F(pm_sbom_file, path, PM_F_STR, REQ, "Path of the SBOM file, relative to the model file.",
          "sbom/analyzer.cdx.json"),
        FE(pm_sbom_file, format, PM_F_ENUM, sbom_format, 0, "Format (detected when omitted).", "cyclonedx-json"),
};
static SCHEMA(schema_sbomfile, "sbom_file", "SBOM file", PM_K_NONE, pm_sbom_file, sbomfile_fields,
              "A CycloneDX (JSON, XML) or SPDX (JSON, tag-value) file whose components and vulnerabilities are "
              "imported into the model (docs/sbom.md).");

static const pm_field sbom_fields[] = {
        FO(pm_sbom, files, PM_F_OBJS, schema_sbomfile, 0, "SBOM files.", NULL),
        F(pm_sbom, author, PM_F_STR, 0, "Author of the SBOM data (NTIA).", "LabStream GmbH build pipeline"),
        F(pm_sbom, timestamp, PM_F_STR, 0, "When the SBOM data was assembled (ISO 8601).", "2026-10-28T09:14:00Z"),
        F(pm_sbom, upgrade_plan, PM_F_TEXT, 0,
          "Plan to update or replace third-party components when support ends (G25 V.A.4).", NULL),
        F(pm_sbom, availability, PM_F_TEXT, 0, "How users obtain the machine-readable SBOM (labeling item L5).",
          "Customer portal, CycloneDX 1.6 JSON"),
        FO(pm_sbom, components, PM_F_OBJS, schema_sbomc, 0, "Inline components.", NULL),
        FO(pm_sbom, support, PM_F_OBJS, schema_override, 0, "Support information for imported components.", NULL),
};
static SCHEMA(schema_sbom, "sbom", "sbom", PM_K_NONE, pm_sbom, sbom_fields,
              "Software bill of materials: inline components and/or SBOM files, plus FDA's per-component support "
              "information.");

/* ---- vulnerabilities, anomalies, metrics ---------------------------------------------------- */

static const pm_field vuln_fields[] = {
        F(pm_vulnerability, id, PM_F_ID, REQ, "Unique id (a CVE id is fine).", "CVE-2024-5535"),
        F(pm_vulnerability, cve, PM_F_STR, 0, "CVE identifier, when the id is not one.", NULL),
        F(pm_vulnerability, title, PM_F_STR, REQ, "Title.", "OpenSSL SSL_select_next_proto buffer overread"),
        F(pm_vulnerability, description, PM_F_TEXT, 0, "Description.", NULL),
        F(pm_vulnerability, cvss, PM_F_CVSS, 0, "CVSS vector (as published or re-scored for the device).",
          "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N"),
        F(pm_vulnerability, published, PM_F_DATE, 0, "Publication date.", "2024-06-27"),
        FR(pm_vulnerability, components, PM_F_REFS, K(PM_K_SBOM_COMPONENT) | K(PM_K_COMPONENT), REQ | PM_FF_LOCAL,
           "Affected SBOM components or system components.", "[SB-OPENSSL]"),
        F(pm_vulnerability, kev, PM_F_BOOL, 0, "Listed in the CISA Known Exploited Vulnerabilities catalog.", "false"),
        FE(pm_vulnerability, discovery, PM_F_ENUM, discovery, REQ, "How it was discovered.", "sca_scan"),
        F(pm_vulnerability, discovery_detail, PM_F_TEXT, 0, "Details of the discovery method.", NULL),
        FE(pm_vulnerability, status, PM_F_ENUM, vex_status, REQ | PM_FF_LOCAL, "VEX status for this device.",
           "not_affected"),
        FE(pm_vulnerability, justification, PM_F_ENUM, vex_justification, 0,
           "VEX justification (required when not_affected).", "vulnerable_code_not_in_execute_path"),
        F(pm_vulnerability, response, PM_F_TEXT, 0, "Response: fix, update, workaround.", NULL),
        F(pm_vulnerability, assessment, PM_F_TEXT, REQ | PM_FF_LOCAL,
          "Safety and security risk assessment of its impact on the device and system.", NULL),
        FR(pm_vulnerability, threats, PM_F_REFS, K(PM_K_THREAT), 0, "Threats that cover it.", NULL),
        FR(pm_vulnerability, controls, PM_F_REFS, K(PM_K_CONTROL), 0, "Controls that compensate for it.", NULL),
        F(pm_vulnerability, disclosed_in, PM_F_STR, 0,
          "Where users are told of it and of what to do (labeling document and section, or customer portal).",
          "Security Implementation Guide §6.1"),
        F(pm_vulnerability, imported_from, PM_F_STR, 0,
          "The SBOM or VEX file (a path of sbom.files) it was imported from: written by premarket in "
          "submission.xml; such a vulnerability need not state components, status or assessment.",
          NULL),
};
static SCHEMA(schema_vuln, "vulnerability", "vulnerabilities", PM_K_VULNERABILITY, pm_vulnerability, vuln_fields,
              "A known vulnerability of the device or a component (G25 V.A.4.b), with VEX-style status.");

static const pm_field anomaly_fields[] = {
        F(pm_anomaly, id, PM_F_ID, REQ, "Unique id.", "BUG-1187"),
        F(pm_anomaly, title, PM_F_STR, REQ, "Title.", "Log rotation may drop the last entry on power loss"),
        F(pm_anomaly, description, PM_F_TEXT, 0, "Description.", NULL),
        F(pm_anomaly, cwe, PM_F_STRS, 0, "Applicable CWE categories.", "[CWE-778]"),
        FE(pm_anomaly, security_impact, PM_F_ENUM, impact, REQ, "Security impact.", "low"),
        F(pm_anomaly, rationale, PM_F_TEXT, REQ, "Rationale for the assessment.", NULL),
        F(pm_anomaly, plan, PM_F_TEXT, 0, "Plan to resolve it.", NULL),
        FR(pm_anomaly, components, PM_F_REFS, K(PM_K_COMPONENT), 0, "Components affected.", NULL),
        FE(pm_anomaly, exploitable, PM_F_ENUM, exploitable, 0,
           "Whether a threat could exploit it, by the access it needs (CVSS attack vector), or not_exploitable.",
           "adjacent"),
        FR(pm_anomaly, threats, PM_F_REFS, K(PM_K_THREAT), 0,
           "Threats of the threat model that cover its exploitation.", "[T-BLE-DOS]"),
};
static SCHEMA(schema_anomaly, "anomaly", "anomalies", PM_K_ANOMALY, pm_anomaly, anomaly_fields,
              "An unresolved software anomaly assessed for security impact (G25 V.A.5).");

static const pm_field metrics_fields[] = {
        F(pm_metrics, available, PM_F_BOOL, REQ,
          "Whether metrics from marketed versions exist (otherwise give a plan).", "true"),
        F(pm_metrics, period_start, PM_F_DATE, 0, "Start of the period measured.", "2025-01-01"),
        F(pm_metrics, period_end, PM_F_DATE, 0, "End of the period measured.", "2025-12-31"),
        FN(pm_metrics, vulnerabilities_identified, 0, 1e9, 0, "Vulnerabilities identified in the period.", "12"),
        FN(pm_metrics, percent_patched, 0, 100, 0, "Percentage of identified vulnerabilities updated or patched.",
           "91.7"),
        FN(pm_metrics, mean_days_to_patch, 0, 1e6, 0, "Mean days from identification to patch.", "38"),
        FN(pm_metrics, mean_days_to_deploy, 0, 1e6, 0, "Mean days from patch availability to full field deployment.",
           "54"),
        F(pm_metrics, basis, PM_F_TEXT, 0, "What the numbers cover (versions, sources).", NULL),
        F(pm_metrics, plan, PM_F_TEXT, 0, "How the metrics will be collected when none are available yet.", NULL),
        F(pm_metrics, assessment, PM_F_TEXT, 0,
          "How the metrics compare with the management plan's targets (patch_cycle), and what is done where they miss "
          "them.",
          NULL),
};
static SCHEMA(schema_metrics, "metrics", "metrics", PM_K_NONE, pm_metrics, metrics_fields,
              "The three TPLC security metrics FDA asks for (G25 V.A.6), or a plan to collect them.");

/* ---- views, use cases, labeling, plan ------------------------------------------------------------ */

static const pm_field view_fields[] = {
        F(pm_view, id, PM_F_ID, REQ, "Unique id.", "V-GLOBAL"),
        FE(pm_view, kind, PM_F_ENUM, view_kind, REQ, "Which of FDA's views it is.", "global_system"),
        F(pm_view, title, PM_F_STR, REQ, "Title.", "Global system view"),
        FE(pm_view, status, PM_F_ENUM, provision, 0, "provided (default) or not_applicable.", "provided"),
        F(pm_view, description, PM_F_TEXT, 0, "Explanatory text.", NULL),
        F(pm_view, rationale, PM_F_TEXT, 0, "Why the view does not apply (required when not_applicable).", NULL),
        F(pm_view, diagram, PM_F_STR, 0,
          "Diagram image file (PNG, relative to the model file); the documents name it with the view.", NULL),
        FR(pm_view, components, PM_F_REFS, K(PM_K_COMPONENT), 0, "Components it shows.", "[C-ANALYZER, C-LIS]"),
        FR(pm_view, flows, PM_F_REFS, K(PM_K_FLOW), 0, "Flows it shows.", "[F-RESULTS]"),
        FR(pm_view, use_cases, PM_F_REFS, K(PM_K_USE_CASE), 0, "Security use cases it presents.", NULL),
};
static SCHEMA(schema_view, "view", "views", PM_K_VIEW, pm_view, view_fields,
              "An architecture view (G25 V.B.2): global system, multi-patient harm, updatability/patchability, "
              "security use case.");

static const pm_field usecase_fields[] = {
        F(pm_use_case, id, PM_F_ID, REQ, "Unique id.", "UC-RESULT"),
        F(pm_use_case, title, PM_F_STR, REQ, "Title.", "Reporting a result to the LIS"),
        F(pm_use_case, description, PM_F_TEXT, 0, "Description.", NULL),
        FR(pm_use_case, functions, PM_F_REFS, K(PM_K_ASSET), REQ,
           "Safety-relevant functions or data (assets) it covers.", "[A-RESULTS]"),
        FE(pm_use_case, states, PM_F_ENUMS, state, 0, "Operational and clinical states covered.",
           "[reporting, data_transfer]"),
        F(pm_use_case, steps, PM_F_STRS, 0, "Step-by-step sequence, with its protection.",
          "[Analyzer opens TLS session, LIS verifies certificate]"),
        FR(pm_use_case, components, PM_F_REFS, K(PM_K_COMPONENT), 0, "Components involved.", NULL),
        FR(pm_use_case, flows, PM_F_REFS, K(PM_K_FLOW), 0, "Flows involved.", NULL),
        FR(pm_use_case, threats, PM_F_REFS, K(PM_K_THREAT), 0, "Threats considered.", NULL),
        FR(pm_use_case, controls, PM_F_REFS, K(PM_K_CONTROL), 0, "Controls relied on.", NULL),
};
static SCHEMA(
        schema_usecase, "use_case", "use_cases", PM_K_USE_CASE, pm_use_case, usecase_fields,
        "A security use case: a function whose compromise could affect safety or effectiveness, through its states.");

static const pm_field label_item_fields[] = {
        FE(pm_item, item, PM_F_ENUM, label_item, REQ,
           "Labeling item: the 14 examples of G25 VI.A, numbered L1-L14 in their order.", "L3"),
        FE(pm_item, status, PM_F_ENUM, provision, 0, "provided (default) or not_applicable.", "provided"),
        F(pm_item, content, PM_F_TEXT, 0, "What the labeling says (summary).", NULL),
        F(pm_item, location, PM_F_STR, 0, "Where it is in the labeling.", "Security Implementation Guide §2"),
        F(pm_item, rationale, PM_F_TEXT, 0, "Why it does not apply (required when not_applicable).", NULL),
};
static SCHEMA(schema_label_item, "label_item", "Labeling item", PM_K_NONE, pm_item, label_item_fields,
              "One customer security documentation item.");

static const pm_field practices_fields[] = {
        F(pm_practices, training, PM_F_TEXT, 0, "Staff training the user organisation should provide.", NULL),
        F(pm_practices, data_management, PM_F_TEXT, 0, "Secure data management expected of the user.", NULL),
        F(pm_practices, incident_response, PM_F_TEXT, 0, "Incident response planning expected of the user.", NULL),
        F(pm_practices, collaboration, PM_F_TEXT, 0, "How the user collaborates with the manufacturer.", NULL),
};
static SCHEMA(schema_practices, "practices", "User-side practices", PM_K_NONE, pm_practices, practices_fields,
              "Practices expected of the user (laboratories, hospitals, patients).");

static const pm_field labeling_fields[] = {
        F(pm_labeling, documents, PM_F_STRS, 0, "Labeling documents that carry the items.",
          "[Operator Manual rev F, Security Implementation Guide SIG-01]"),
        FO(pm_labeling, items, PM_F_OBJS, schema_label_item, 0, "Items L1-L14.", NULL),
        FO(pm_labeling, practices, PM_F_OBJ, schema_practices, 0, "User-side practices.", NULL),
        F(pm_labeling, end_of_support, PM_F_DATE, 0,
          "End of the device's cybersecurity support as the labeling states it (item L13).", "2033-12-31"),
};
static SCHEMA(schema_labeling, "labeling", "labeling", PM_K_NONE, pm_labeling, labeling_fields,
              "Customer security documentation (G25 VI.A): items L1-L14 and user-side practices.");

static const pm_field plan_item_fields[] = {
        FE(pm_item, item, PM_F_ENUM, plan_item, REQ,
           "Management plan element: the 9 elements of G25 VI.B, numbered M1-M9 in their order.", "M2"),
        FE(pm_item, status, PM_F_ENUM, provision, 0, "provided (default) or not_applicable.", "provided"),
        F(pm_item, content, PM_F_TEXT, 0, "What the plan says (summary).", NULL),
        F(pm_item, location, PM_F_STR, 0, "Where it is in the plan.", "CSMP-01 §3"),
        F(pm_item, rationale, PM_F_TEXT, 0, "Why it does not apply (required when not_applicable).", NULL),
};
static SCHEMA(schema_plan_item, "plan_item", "Management plan element", PM_K_NONE, pm_item, plan_item_fields,
              "One element of the postmarket cybersecurity management plan.");

static const pm_field cvd_fields[] = {
        F(pm_cvd, policy, PM_F_STR, 0, "Published CVD policy.", "https://example.com/security/cvd"),
        F(pm_cvd, contact, PM_F_STR, 0, "Where to report.", "psirt@example.com"),
        F(pm_cvd, external, PM_F_TEXT, 0, "Handling of vulnerabilities reported by external parties.", NULL),
        F(pm_cvd, internal, PM_F_TEXT, 0, "Disclosure of vulnerabilities the manufacturer finds.", NULL),
        F(pm_cvd, disclosure, PM_F_TEXT, 0, "Procedures to inform users, patients and healthcare facilities.", NULL),
};
static SCHEMA(schema_cvd, "cvd", "Coordinated vulnerability disclosure", PM_K_NONE, pm_cvd, cvd_fields,
              "Coordinated vulnerability disclosure (G25 VII.C.1).");

static const pm_field patch_fields[] = {
        FN(pm_patch_cycle, regular_days, 1, 3650, 0, "Regular update cycle, in days (524B(b)(2)(A)).", "90"),
        F(pm_patch_cycle, justification, PM_F_TEXT, 0, "Justification of the regular cycle.", NULL),
        FN(pm_patch_cycle, critical_days, 0, 3650, 0,
           "Target days to an out-of-cycle patch for critical vulnerabilities (524B(b)(2)(B)).", "30"),
        F(pm_patch_cycle, out_of_cycle, PM_F_TEXT, 0,
          "Out-of-cycle process for critical vulnerabilities with uncontrolled risk.", NULL),
};
static SCHEMA(schema_patch, "patch_cycle", "Patch timeline", PM_K_NONE, pm_patch_cycle, patch_fields,
              "Timeline for updates and patches, with justification (524B(b)(2)).");

static const pm_field mgmt_fields[] = {
        F(pm_management_plan, reference, PM_F_STR, 0, "Reference of the plan document.", "CSMP-01 rev A"),
        FO(pm_management_plan, items, PM_F_OBJS, schema_plan_item, 0, "Elements M1-M9.", NULL),
        FO(pm_management_plan, cvd, PM_F_OBJ, schema_cvd, 0, "Coordinated vulnerability disclosure.", NULL),
        FO(pm_management_plan, patch_cycle, PM_F_OBJ, schema_patch, 0, "Patch timeline.", NULL),
        F(pm_management_plan, related_systems, PM_F_TEXT, 0,
          "Related systems covered: update servers, other functions, healthcare facility connections (G25 VII.C.2).",
          NULL),
};
static SCHEMA(schema_mgmt, "management_plan", "management_plan", PM_K_NONE, pm_management_plan, mgmt_fields,
              "The postmarket cybersecurity management plan (G25 VI.B; 524B(b)(1)).");

static const pm_field attachment_fields[] = {
        F(pm_attachment, document, PM_F_STR, REQ, "The document's id with its revision, as the model cites it.",
          "SIG-700 rev B"),
        F(pm_attachment, title, PM_F_STR, 0, "Title.", "Security Implementation Guide"),
        F(pm_attachment, file, PM_F_STR, 0, "The attached file, relative to the model file.",
          "attachments/SIG-700-revB.pdf"),
        F(pm_attachment, location, PM_F_STR, 0,
          "Where the reviewer finds it when it is not a file here (submission section, portal).",
          "eSTAR attachment 14"),
};
static SCHEMA(schema_attachment, "attachment", "attachments", PM_K_NONE, pm_attachment, attachment_fields,
              "A document the submission includes (a file) or locates (where the reviewer finds it): plans, reports, "
              "labeling documents.");

/* ---- risk policy ------------------------------------------------------------------------------------ */

static const pm_field level_fields[] = {
        F(pm_level, id, PM_F_STR, REQ, "Level id, unique within its list.", "high"),
        F(pm_level, name, PM_F_STR, REQ, "Display name.", "High"),
        F(pm_level, description, PM_F_TEXT, 0, "What the level means.", NULL),
        F(pm_level, acceptable, PM_F_BOOL, 0,
          "Risk levels only: whether a risk at this level is acceptable (controlled).", "false"),
};
static SCHEMA(schema_level, "level", "Level", PM_K_NONE, pm_level, level_fields, "A level of a risk-policy scale.");

static const pm_field row_fields[] = {
        F(pm_matrix_row, exploitability, PM_F_STR, REQ, "Exploitability level id of this row.", "high"),
        F(pm_matrix_row, cells, PM_F_STRS, REQ, "Risk level id per severity level, lowest severity first.",
          "[low, medium, high, high, high]"),
};
static SCHEMA(schema_row, "matrix_row", "Matrix row", PM_K_NONE, pm_matrix_row, row_fields,
              "One row of the acceptability matrix.");

static const pm_field policy_doc_fields[] = {
        F(pm_policy_document, id, PM_F_STR, REQ, "Document id, with its revision.", "SRMP-700 rev C"),
        F(pm_policy_document, title, PM_F_STR, 0, "Document title.", "Security Risk Management Plan"),
};
static SCHEMA(schema_policy_doc, "policy_document", "Policy document", PM_K_NONE, pm_policy_document, policy_doc_fields,
              "The manufacturer's document that defines the risk policy (its security risk management plan); the "
              "documents cite it.");

static const pm_field policy_fields[] = {
        F(pm_policy, name, PM_F_STR, 0, "Name of the policy.", "premarket default policy"),
        F(pm_policy, description, PM_F_TEXT, 0, "Description.", NULL),
        FO(pm_policy, document, PM_F_OBJ, schema_policy_doc, 0, "The manufacturer's document that defines this policy.",
           NULL),
        FN(pm_policy, multi_patient_step, 0, 4, 0,
           "Severity levels added to the harm of a threat that can harm several patients at once (default 1).", "1"),
        FO(pm_policy, exploitability_levels, PM_F_OBJS, schema_level, REQ, "Exploitability levels, lowest first.",
           NULL),
        FO(pm_policy, severity_levels, PM_F_OBJS, schema_level, REQ,
           "Severity-of-harm levels, lowest first (ids are the harm levels).", NULL),
        FO(pm_policy, risk_levels, PM_F_OBJS, schema_level, REQ, "Risk levels, lowest first, with acceptability.",
           NULL),
        FO(pm_policy, matrix, PM_F_OBJS, schema_row, REQ, "Acceptability matrix: one row per exploitability level.",
           NULL),
};
SCHEMA(pm_schema_policy, "risk_policy", "risk_policy", PM_K_NONE, pm_policy, policy_fields,
       "Risk policy: scales and acceptability matrix (default: models/default-policy.yaml).");

/* ---- the model ------------------------------------------------------------------------------------ */

#define ONCE PM_FF_ONCE
static const pm_field model_fields[] = {
        F(pm_model, include, PM_F_STRS, 0, "Further model files to load, relative to this file.",
          "[threats.yaml, sbom.yaml]"),
        FO(pm_model, device, PM_F_OBJ, schema_device, REQ | ONCE, "The device.", NULL),
        FO(pm_model, risk_management, PM_F_OBJ, schema_rm, ONCE, "Risk management statements.", NULL),
        FO(pm_model, assets, PM_F_OBJS, schema_asset, 0, "Assets.", NULL),
        FO(pm_model, zones, PM_F_OBJS, schema_zone, 0, "Trust zones.", NULL),
        FO(pm_model, components, PM_F_OBJS, schema_component, 0, "System components.", NULL),
        FO(pm_model, flows, PM_F_OBJS, schema_flow, 0, "Flows between components.", NULL),
        FO(pm_model, threats, PM_F_OBJS, schema_threat, 0, "Threats.", NULL),
        FO(pm_model, rule_dispositions, PM_F_OBJS, schema_disposition, 0,
           "Matches of the threat rule catalog dismissed with a reason.", NULL),
        FO(pm_model, controls, PM_F_OBJS, schema_control, 0, "Security controls.", NULL),
        FO(pm_model, tests, PM_F_OBJS, schema_test, 0, "Test evidence.", NULL),
        FO(pm_model, sbom, PM_F_OBJ, schema_sbom, ONCE, "Software bill of materials.", NULL),
        FO(pm_model, vulnerabilities, PM_F_OBJS, schema_vuln, 0, "Known vulnerabilities.", NULL),
        FO(pm_model, anomalies, PM_F_OBJS, schema_anomaly, 0, "Unresolved anomalies.", NULL),
        FO(pm_model, metrics, PM_F_OBJ, schema_metrics, ONCE, "TPLC metrics.", NULL),
        FO(pm_model, views, PM_F_OBJS, schema_view, 0, "Architecture views.", NULL),
        FO(pm_model, use_cases, PM_F_OBJS, schema_usecase, 0, "Security use cases.", NULL),
        FO(pm_model, labeling, PM_F_OBJ, schema_labeling, ONCE, "Customer security documentation.", NULL),
        FO(pm_model, management_plan, PM_F_OBJ, schema_mgmt, ONCE, "Cybersecurity management plan.", NULL),
        FO(pm_model, attachments, PM_F_OBJS, schema_attachment, 0, "Documents the submission attaches or locates.",
           NULL),
        FO(pm_model, risk_policy, PM_F_OBJ, pm_schema_policy, ONCE, "Risk policy (overrides the default).", NULL),
};
SCHEMA(pm_schema_model, "model", "premarket device security model", PM_K_NONE, pm_model, model_fields,
       "A premarket model: one device, split over one or more YAML files.");

/* ---- threat rule files (models/threats/NAME.yaml, docs/threats.md) ------------------------------------ */

static const pm_field rule_control_fields[] = {
        FE(pm_rule_control, category, PM_F_ENUM, category, REQ, "FDA control category of the control (G25 Appendix 1).",
           "authentication"),
        F(pm_rule_control, title, PM_F_STR, REQ, "What the control is; placeholders allowed.",
          "Require LE Secure Connections pairing on {name}"),
        F(pm_rule_control, requirement, PM_F_TEXT, 0,
          "The security requirement it would implement; placeholders allowed.", NULL),
};
static SCHEMA(schema_rule_control, "rule_control", "Suggested control", PM_K_NONE, pm_rule_control, rule_control_fields,
              "A control the rule suggests against its threat.");

static const pm_field cvss_why_fields[] = {
        F(pm_cvss_rationale, AV, PM_F_TEXT, REQ, "Why the attack vector.", "Adjacent: BLE range, about 10 m"),
        F(pm_cvss_rationale, AC, PM_F_TEXT, REQ, "Why the attack complexity.", "Low: off-the-shelf sniffers"),
        F(pm_cvss_rationale, PR, PM_F_TEXT, REQ, "Why the privileges required.", "None: no pairing needed"),
        F(pm_cvss_rationale, UI, PM_F_TEXT, REQ, "Why the user interaction.", "None"),
        F(pm_cvss_rationale, S, PM_F_TEXT, REQ, "Why the scope.", "Unchanged: the device itself"),
        F(pm_cvss_rationale, C, PM_F_TEXT, REQ, "Why the confidentiality impact.", "High: all data on the link"),
        F(pm_cvss_rationale, I, PM_F_TEXT, REQ, "Why the integrity impact.", "None: reading only"),
        F(pm_cvss_rationale, A, PM_F_TEXT, REQ, "Why the availability impact.", "None"),
};
static SCHEMA(schema_cvss_why, "cvss_rationale", "CVSS rationale", PM_K_NONE, pm_cvss_rationale, cvss_why_fields,
              "The reason for each base metric of the rule's default vector.");

static const pm_field cvss4_why_fields[] = {
        F(pm_cvss4_rationale, AV, PM_F_TEXT, REQ, "Why the attack vector.", "Adjacent: BLE range, about 10 m"),
        F(pm_cvss4_rationale, AC, PM_F_TEXT, REQ, "Why the attack complexity.", "Low: no protection to evade"),
        F(pm_cvss4_rationale, AT, PM_F_TEXT, REQ, "Why the attack requirements.",
          "Present: pairing must happen while the attacker is in range"),
        F(pm_cvss4_rationale, PR, PM_F_TEXT, REQ, "Why the privileges required.", "None: no pairing needed"),
        F(pm_cvss4_rationale, UI, PM_F_TEXT, REQ, "Why the user interaction.", "None"),
        F(pm_cvss4_rationale, VC, PM_F_TEXT, REQ, "Why the confidentiality impact on the vulnerable system.",
          "High: all data on the link"),
        F(pm_cvss4_rationale, VI, PM_F_TEXT, REQ, "Why the integrity impact on the vulnerable system.", "High"),
        F(pm_cvss4_rationale, VA, PM_F_TEXT, REQ, "Why the availability impact on the vulnerable system.", "Low"),
        F(pm_cvss4_rationale, SC, PM_F_TEXT, REQ, "Why the confidentiality impact on subsequent systems.", "None"),
        F(pm_cvss4_rationale, SI, PM_F_TEXT, REQ, "Why the integrity impact on subsequent systems.", "None"),
        F(pm_cvss4_rationale, SA, PM_F_TEXT, REQ, "Why the availability impact on subsequent systems.", "None"),
};
static SCHEMA(schema_cvss4_why, "cvss_v4_rationale", "CVSS v4.0 rationale", PM_K_NONE, pm_cvss4_rationale,
              cvss4_why_fields, "The reason for each base metric of the rule's default CVSS v4.0 vector.");

static const pm_field rule_fields[] = {
        F(pm_rule, id, PM_F_ID, REQ, "Rule id, unique in the catalog.", "WL-03"),
        F(pm_rule, title, PM_F_STR, REQ, "Title of the threat it suggests; placeholders allowed.",
          "BLE pairing without authentication on {name}"),
        FE(pm_rule, stride, PM_F_ENUMS, stride, REQ, "STRIDE categories.", "[spoofing, tampering]"),
        FE(pm_rule, applies_to, PM_F_ENUM, rule_target, REQ, "The kind of element it is evaluated on.", "interface"),
        F(pm_rule, condition, PM_F_TEXT, REQ, "When it matches, in the condition language of docs/threats.md.",
          "kind = ble and enabled and not authenticated"),
        F(pm_rule, capec, PM_F_STRS, 0,
          "CAPEC attack patterns (MITRE), as CAPEC-<n>; leave it out rather than give one that does not fit.",
          "[CAPEC-94]"),
        F(pm_rule, cwe, PM_F_STRS, REQ, "CWE weaknesses (MITRE), as CWE-<n>.", "[CWE-306]"),
        FE(pm_rule, categories, PM_F_ENUMS, category, REQ, "FDA control categories that answer it (G25 Appendix 1).",
           "[authentication, cryptography]"),
        FE(pm_rule, lifecycle, PM_F_ENUM, lifecycle, 0, "Lifecycle phase of the threat (default operation).",
           "operation"),
        F(pm_rule, cvss, PM_F_CVSS, REQ, "Default CVSS v3.1 vector of the suggested threat.",
          "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N"),
        FO(pm_rule, cvss_rationale, PM_F_OBJ, schema_cvss_why, REQ, "The reason for each base metric.", NULL),
        F(pm_rule, cvss_v4, PM_F_CVSS, 0,
          "Default CVSS v4.0 vector, where v4.0 fits (attack requirements, impact on subsequent systems); "
          "suggestions use it in a model whose threats are scored in v4.0.",
          "CVSS:4.0/AV:A/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:L/SC:N/SI:N/SA:N"),
        FO(pm_rule, cvss_v4_rationale, PM_F_OBJ, schema_cvss4_why, 0,
           "The reason for each base metric of cvss_v4 (required with it).", NULL),
        F(pm_rule, threat, PM_F_TEXT, REQ, "The threat, written for the element; placeholders allowed.",
          "An attacker within radio range of {name} ..."),
        FO(pm_rule, controls, PM_F_OBJS, schema_rule_control, REQ, "Suggested controls.", NULL),
        F(pm_rule, false_positives, PM_F_TEXT, REQ, "When a match is not a threat, and how to dismiss it.", NULL),
        F(pm_rule, references, PM_F_STRS, 0, "Published sources for the threat (no invented clause numbers).",
          "[Bluetooth Core Specification 5.4, Vol 3, Part H]"),
};
static SCHEMA(schema_rule, "rule", "rules", PM_K_NONE, pm_rule, rule_fields,
              "A threat rule: when its condition holds for an element, it suggests a threat for that element.");

static const pm_field rule_file_fields[] = {
        F(pm_rule_family, family, PM_F_STR, REQ, "Short name of the family.", "wireless"),
        F(pm_rule_family, title, PM_F_STR, REQ, "Title of the family.",
          "Wireless: BLE, Wi-Fi, NFC, cellular, inductive"),
        F(pm_rule_family, description, PM_F_TEXT, 0, "What the family covers.", NULL),
        FO(pm_rule_family, rules, PM_F_OBJS, schema_rule, REQ, "Its rules.", NULL),
};
SCHEMA(pm_schema_rule_file, "rule_file", "threat rule file", PM_K_NONE, pm_rule_family, rule_file_fields,
       "A file of threat rules: one family (docs/threats.md).");

static void collect(const pm_schema *s, const pm_schema ***out, size_t *n, size_t *cap)
{
	for (size_t i = 0; i < *n; i++)
		if ((*out)[i] == s)
			return;
	*out = pm_xgrow(*out, cap, *n + 1, sizeof **out);
	(*out)[(*n)++] = s;
	for (size_t i = 0; i < s->n_fields; i++)
		if (s->fields[i].sub)
			collect(s->fields[i].sub, out, n, cap);
}

const pm_schema **pm_schema_all(const pm_schema *s, size_t *n)
{
	const pm_schema **all = NULL;
	size_t cap = 0;
	*n = 0;
	collect(s, &all, n, &cap);
	return all;
}

const pm_field *pm_schema_field(const pm_schema *s, const char *key)
{
	for (size_t i = 0; i < s->n_fields; i++)
		if (strcmp(s->fields[i].key, key) == 0)
			return &s->fields[i];
	return NULL;
}

size_t pm_enum_count(const char *const *values)
{
	size_t n = 0;
	while (values && values[n])
		n++;
	return n;
}

const char *pm_kind_name(pm_kind k)
{
	static const char *const names[PM_K_COUNT] = {
	        "object", "asset",   "zone",           "component",     "interface", "flow", "threat",   "control",
	        "test",   "finding", "sbom component", "vulnerability", "anomaly",   "view", "use case",
	};
	return (unsigned)k < PM_K_COUNT ? names[k] : "object";
}
