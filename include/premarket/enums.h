/**
 * enums.h — every enumerated value of the model format, defined once.
 *
 * Each list is an X-macro: PM_ENUM_<NAME>(X) expands X(C_NAME, "yaml-spelling")
 * for every value in order.  gen/schema.c turns each list into the string
 * table the loader, docs and JSON Schema use; the C enums below are generated
 * from the same lists, so the two cannot drift.
 */
#ifndef PREMARKET_ENUMS_H
#define PREMARKET_ENUMS_H

/* Severity of patient harm (FDA.md 3.3), lowest first. */
#define PM_ENUM_HARM(X)                     \
	X(PM_HARM_NEGLIGIBLE, "negligible") \
	X(PM_HARM_MINOR, "minor")           \
	X(PM_HARM_SERIOUS, "serious")       \
	X(PM_HARM_CRITICAL, "critical")     \
	X(PM_HARM_CATASTROPHIC, "catastrophic")

#define PM_ENUM_ASSET_KIND(X)                      \
	X(PM_ASSET_DATA, "data")                   \
	X(PM_ASSET_FUNCTION, "function")           \
	X(PM_ASSET_CREDENTIAL, "credential")       \
	X(PM_ASSET_KEY, "key")                     \
	X(PM_ASSET_SOFTWARE, "software")           \
	X(PM_ASSET_CONFIGURATION, "configuration") \
	X(PM_ASSET_LOG, "log")                     \
	X(PM_ASSET_HARDWARE, "hardware")           \
	X(PM_ASSET_SERVICE, "service")

#define PM_ENUM_TRUST(X)                         \
	X(PM_TRUST_UNTRUSTED, "untrusted")       \
	X(PM_TRUST_PARTIAL, "partially_trusted") \
	X(PM_TRUST_TRUSTED, "trusted")

#define PM_ENUM_CONTROLLER(X)                      \
	X(PM_CTRL_BY_MANUFACTURER, "manufacturer") \
	X(PM_CTRL_BY_HDO, "healthcare_facility")   \
	X(PM_CTRL_BY_PATIENT, "patient")           \
	X(PM_CTRL_BY_THIRD_PARTY, "third_party")   \
	X(PM_CTRL_BY_PUBLIC, "public")

#define PM_ENUM_COMPONENT_KIND(X)               \
	X(PM_COMP_DEVICE, "device")             \
	X(PM_COMP_SOFTWARE, "software")         \
	X(PM_COMP_APP, "app")                   \
	X(PM_COMP_SERVER, "server")             \
	X(PM_COMP_CLOUD, "cloud_service")       \
	X(PM_COMP_WORKSTATION, "workstation")   \
	X(PM_COMP_NETWORK, "network")           \
	X(PM_COMP_EXTERNAL, "external_system")  \
	X(PM_COMP_PERIPHERAL, "peripheral")     \
	X(PM_COMP_USER, "user")                 \
	X(PM_COMP_SERVICE_TOOL, "service_tool") \
	X(PM_COMP_DATA_STORE, "data_store")

#define PM_ENUM_IFACE_KIND(X)           \
	X(PM_IF_ETHERNET, "ethernet")   \
	X(PM_IF_WIFI, "wifi")           \
	X(PM_IF_BLE, "ble")             \
	X(PM_IF_BLUETOOTH, "bluetooth") \
	X(PM_IF_USB, "usb")             \
	X(PM_IF_SERIAL, "serial")       \
	X(PM_IF_NFC, "nfc")             \
	X(PM_IF_CELLULAR, "cellular")   \
	X(PM_IF_INDUCTIVE, "inductive") \
	X(PM_IF_RF, "rf")               \
	X(PM_IF_SD_CARD, "sd_card")     \
	X(PM_IF_OPTICAL, "optical")     \
	X(PM_IF_HDMI, "hdmi")           \
	X(PM_IF_JTAG, "jtag")           \
	X(PM_IF_UART, "uart")           \
	X(PM_IF_DEBUG, "debug")         \
	X(PM_IF_API, "api")             \
	X(PM_IF_IPC, "ipc")             \
	X(PM_IF_UI, "user_interface")   \
	X(PM_IF_OTHER, "other")

#define PM_ENUM_DIRECTION(X) \
	X(PM_DIR_IN, "in")   \
	X(PM_DIR_OUT, "out") \
	X(PM_DIR_BOTH, "both")

#define PM_ENUM_IFACE_STATUS(X)    \
	X(PM_IFS_USED, "used")     \
	X(PM_IFS_UNUSED, "unused") \
	X(PM_IFS_DISABLED, "disabled")

#define PM_ENUM_FLOW_KIND(X)                      \
	X(PM_FLOW_DATA, "data")                   \
	X(PM_FLOW_COMMAND, "command")             \
	X(PM_FLOW_CODE, "code")                   \
	X(PM_FLOW_CONFIGURATION, "configuration") \
	X(PM_FLOW_CREDENTIAL, "credential")

#define PM_ENUM_STRIDE(X)                        \
	X(PM_STRIDE_S, "spoofing")               \
	X(PM_STRIDE_T, "tampering")              \
	X(PM_STRIDE_R, "repudiation")            \
	X(PM_STRIDE_I, "information_disclosure") \
	X(PM_STRIDE_D, "denial_of_service")      \
	X(PM_STRIDE_E, "elevation_of_privilege")

#define PM_ENUM_LIFECYCLE(X)                      \
	X(PM_LC_DESIGN, "design")                 \
	X(PM_LC_SUPPLY_CHAIN, "supply_chain")     \
	X(PM_LC_MANUFACTURING, "manufacturing")   \
	X(PM_LC_DEPLOYMENT, "deployment")         \
	X(PM_LC_OPERATION, "operation")           \
	X(PM_LC_INTEROPERATION, "interoperation") \
	X(PM_LC_MAINTENANCE, "maintenance")       \
	X(PM_LC_UPDATE, "update")                 \
	X(PM_LC_DECOMMISSIONING, "decommissioning")

/* The eight FDA control categories (G25 Appendix 1). */
#define PM_ENUM_CATEGORY(X)                          \
	X(PM_CAT_AUTHENTICATION, "authentication")   \
	X(PM_CAT_AUTHORIZATION, "authorization")     \
	X(PM_CAT_CRYPTOGRAPHY, "cryptography")       \
	X(PM_CAT_INTEGRITY, "integrity")             \
	X(PM_CAT_CONFIDENTIALITY, "confidentiality") \
	X(PM_CAT_LOGGING, "logging")                 \
	X(PM_CAT_RESILIENCY, "resiliency")           \
	X(PM_CAT_UPDATABILITY, "updatability")

#define PM_ENUM_CONTROL_STATUS(X)           \
	X(PM_CS_IMPLEMENTED, "implemented") \
	X(PM_CS_PLANNED, "planned")         \
	X(PM_CS_NOT_APPLICABLE, "not_applicable")

/* Test kinds FDA asks to consider (G25 V.C). */
#define PM_ENUM_TEST_KIND(X)                                    \
	X(PM_TK_SECURITY_REQUIREMENTS, "security_requirements") \
	X(PM_TK_THREAT_MITIGATION, "threat_mitigation")         \
	X(PM_TK_FUZZ, "fuzz")                                   \
	X(PM_TK_ATTACK_SURFACE, "attack_surface")               \
	X(PM_TK_VULN_CHAINING, "vulnerability_chaining")        \
	X(PM_TK_CLOSED_BOX_SCAN, "closed_box_scan")             \
	X(PM_TK_SCA, "sca")                                     \
	X(PM_TK_STATIC, "static_analysis")                      \
	X(PM_TK_DYNAMIC, "dynamic_analysis")                    \
	X(PM_TK_PENETRATION, "penetration")

#define PM_ENUM_INDEPENDENCE(X)                                \
	X(PM_IND_INTERNAL, "internal")                         \
	X(PM_IND_INTERNAL_INDEPENDENT, "internal_independent") \
	X(PM_IND_THIRD_PARTY, "third_party")

#define PM_ENUM_TEST_RESULT(X)                            \
	X(PM_TR_PASS, "pass")                             \
	X(PM_TR_PASS_WITH_FINDINGS, "pass_with_findings") \
	X(PM_TR_FAIL, "fail")                             \
	X(PM_TR_INCONCLUSIVE, "inconclusive")             \
	X(PM_TR_PLANNED, "planned")

#define PM_ENUM_FINDING_SEVERITY(X) \
	X(PM_FS_INFO, "info")       \
	X(PM_FS_LOW, "low")         \
	X(PM_FS_MEDIUM, "medium")   \
	X(PM_FS_HIGH, "high")       \
	X(PM_FS_CRITICAL, "critical")

#define PM_ENUM_DISPOSITION(X)                      \
	X(PM_DISP_FIXED, "fixed")                   \
	X(PM_DISP_MITIGATED, "mitigated")           \
	X(PM_DISP_ACCEPTED, "accepted")             \
	X(PM_DISP_DEFERRED, "deferred")             \
	X(PM_DISP_FALSE_POSITIVE, "false_positive") \
	X(PM_DISP_OPEN, "open")

/* FDA's level of support per SBOM component (G25 V.A.4.b). */
#define PM_ENUM_SUPPORT(X)                          \
	X(PM_SUP_ACTIVE, "actively_maintained")     \
	X(PM_SUP_NO_LONGER, "no_longer_maintained") \
	X(PM_SUP_ABANDONED, "abandoned")            \
	X(PM_SUP_UNKNOWN, "unknown")

#define PM_ENUM_SBOM_KIND(X)                 \
	X(PM_SBK_APPLICATION, "application") \
	X(PM_SBK_FRAMEWORK, "framework")     \
	X(PM_SBK_LIBRARY, "library")         \
	X(PM_SBK_OS, "operating_system")     \
	X(PM_SBK_FIRMWARE, "firmware")       \
	X(PM_SBK_CONTAINER, "container")     \
	X(PM_SBK_FILE, "file")               \
	X(PM_SBK_DEVICE, "device")

#define PM_ENUM_SBOM_FORMAT(X)               \
	X(PM_SBF_CDX_JSON, "cyclonedx-json") \
	X(PM_SBF_CDX_XML, "cyclonedx-xml")   \
	X(PM_SBF_SPDX_JSON, "spdx-json")     \
	X(PM_SBF_SPDX_TAG, "spdx-tag-value")

#define PM_ENUM_DISCOVERY(X)                       \
	X(PM_DISC_SCA, "sca_scan")                 \
	X(PM_DISC_NVD, "nvd_monitoring")           \
	X(PM_DISC_SUPPLIER, "supplier_advisory")   \
	X(PM_DISC_RESEARCHER, "researcher_report") \
	X(PM_DISC_PENTEST, "penetration_test")     \
	X(PM_DISC_INTERNAL, "internal_testing")    \
	X(PM_DISC_KEV, "cisa_kev")                 \
	X(PM_DISC_CUSTOMER, "customer_report")     \
	X(PM_DISC_OTHER, "other")

/* VEX status (CISA minimum requirements for VEX). */
#define PM_ENUM_VEX_STATUS(X)                  \
	X(PM_VEX_NOT_AFFECTED, "not_affected") \
	X(PM_VEX_AFFECTED, "affected")         \
	X(PM_VEX_FIXED, "fixed")               \
	X(PM_VEX_UNDER_INVESTIGATION, "under_investigation")

#define PM_ENUM_VEX_JUSTIFICATION(X)                                                       \
	X(PM_VJ_COMPONENT_NOT_PRESENT, "component_not_present")                            \
	X(PM_VJ_CODE_NOT_PRESENT, "vulnerable_code_not_present")                           \
	X(PM_VJ_NOT_IN_EXECUTE_PATH, "vulnerable_code_not_in_execute_path")                \
	X(PM_VJ_CANNOT_BE_CONTROLLED, "vulnerable_code_cannot_be_controlled_by_adversary") \
	X(PM_VJ_INLINE_MITIGATIONS, "inline_mitigations_already_exist")

#define PM_ENUM_IMPACT(X)          \
	X(PM_IMP_NONE, "none")     \
	X(PM_IMP_LOW, "low")       \
	X(PM_IMP_MEDIUM, "medium") \
	X(PM_IMP_HIGH, "high")

/* How an unresolved anomaly could be exploited, by the access an attacker needs
 * (the CVSS attack vector's values, lowest reach first). */
#define PM_ENUM_EXPLOITABLE(X)             \
	X(PM_EXPLT_NOT, "not_exploitable") \
	X(PM_EXPLT_PHYSICAL, "physical")   \
	X(PM_EXPLT_LOCAL, "local")         \
	X(PM_EXPLT_ADJACENT, "adjacent")   \
	X(PM_EXPLT_NETWORK, "network")

/* The four architecture views FDA asks for (G25 V.B.2). */
#define PM_ENUM_VIEW_KIND(X)                           \
	X(PM_VIEW_GLOBAL, "global_system")             \
	X(PM_VIEW_MULTI_PATIENT, "multi_patient_harm") \
	X(PM_VIEW_UPDATABILITY, "updatability")        \
	X(PM_VIEW_USE_CASE, "security_use_case")

#define PM_ENUM_PROVISION(X)            \
	X(PM_PROV_PROVIDED, "provided") \
	X(PM_PROV_NOT_APPLICABLE, "not_applicable")

#define PM_ENUM_STATE(X)                        \
	X(PM_ST_POWER_ON, "power_on")           \
	X(PM_ST_STANDBY, "standby")             \
	X(PM_ST_TRANSITION, "transition")       \
	X(PM_ST_PROGRAMMING, "programming")     \
	X(PM_ST_ALARMING, "alarming")           \
	X(PM_ST_THERAPY, "therapy")             \
	X(PM_ST_DATA_TRANSFER, "data_transfer") \
	X(PM_ST_REPORTING, "reporting")         \
	X(PM_ST_MAINTENANCE, "maintenance")     \
	X(PM_ST_UPDATE, "update")               \
	X(PM_ST_SHUTDOWN, "shutdown")

/* Labeling items L1-L14 (G25 VI.A; FDA.md 1.12). */
#define PM_ENUM_LABEL_ITEM(X) \
	X(PM_L1, "L1")        \
	X(PM_L2, "L2")        \
	X(PM_L3, "L3")        \
	X(PM_L4, "L4")        \
	X(PM_L5, "L5")        \
	X(PM_L6, "L6")        \
	X(PM_L7, "L7")        \
	X(PM_L8, "L8")        \
	X(PM_L9, "L9")        \
	X(PM_L10, "L10")      \
	X(PM_L11, "L11")      \
	X(PM_L12, "L12")      \
	X(PM_L13, "L13")      \
	X(PM_L14, "L14")

/* Management plan elements M1-M9 (G25 VI.B; FDA.md 1.13). */
#define PM_ENUM_PLAN_ITEM(X) \
	X(PM_M1, "M1")       \
	X(PM_M2, "M2")       \
	X(PM_M3, "M3")       \
	X(PM_M4, "M4")       \
	X(PM_M5, "M5")       \
	X(PM_M6, "M6")       \
	X(PM_M7, "M7")       \
	X(PM_M8, "M8")       \
	X(PM_M9, "M9")

#define PM_ENUM_SUBMISSION(X)                          \
	X(PM_SUB_510K, "510k")                         \
	X(PM_SUB_SPECIAL_510K, "special_510k")         \
	X(PM_SUB_ABBREVIATED_510K, "abbreviated_510k") \
	X(PM_SUB_DE_NOVO, "de_novo")                   \
	X(PM_SUB_PMA, "pma")                           \
	X(PM_SUB_PMA_SUPPLEMENT, "pma_supplement")     \
	X(PM_SUB_PDP, "pdp")                           \
	X(PM_SUB_HDE, "hde")                           \
	X(PM_SUB_IDE, "ide")

#define PM_ENUM_DEVICE_CLASS(X) \
	X(PM_CLASS_I, "I")      \
	X(PM_CLASS_II, "II")    \
	X(PM_CLASS_III, "III")

#define PM_ENUM_MOD_IMPACT(X)              \
	X(PM_MOD_MAY_IMPACT, "may_impact") \
	X(PM_MOD_UNLIKELY, "unlikely_to_impact")

/* The manufacturer's decision on a threat, distinct from the risk outcome
 * the method computes (gen/risk.c). */
#define PM_ENUM_THREAT_STATUS(X)            \
	X(PM_TS_OPEN, "open")               \
	X(PM_TS_MITIGATED, "mitigated")     \
	X(PM_TS_ACCEPTED, "accepted")       \
	X(PM_TS_TRANSFERRED, "transferred") \
	X(PM_TS_FALSE_POSITIVE, "false_positive")

/* What a threat rule applies to (models/threats/, docs/threats.md). */
#define PM_ENUM_RULE_TARGET(X)          \
	X(PM_RT_COMPONENT, "component") \
	X(PM_RT_INTERFACE, "interface") \
	X(PM_RT_FLOW, "flow")           \
	X(PM_RT_ZONE, "zone")           \
	X(PM_RT_ASSET, "asset")         \
	X(PM_RT_SBOM, "sbom_component") \
	X(PM_RT_DEVICE, "device")

#define PM_ENUM_ALL(X)                          \
	X(harm, HARM)                           \
	X(asset_kind, ASSET_KIND)               \
	X(trust, TRUST)                         \
	X(controller, CONTROLLER)               \
	X(component_kind, COMPONENT_KIND)       \
	X(iface_kind, IFACE_KIND)               \
	X(direction, DIRECTION)                 \
	X(iface_status, IFACE_STATUS)           \
	X(flow_kind, FLOW_KIND)                 \
	X(stride, STRIDE)                       \
	X(lifecycle, LIFECYCLE)                 \
	X(category, CATEGORY)                   \
	X(control_status, CONTROL_STATUS)       \
	X(test_kind, TEST_KIND)                 \
	X(independence, INDEPENDENCE)           \
	X(test_result, TEST_RESULT)             \
	X(finding_severity, FINDING_SEVERITY)   \
	X(disposition, DISPOSITION)             \
	X(support, SUPPORT)                     \
	X(sbom_kind, SBOM_KIND)                 \
	X(sbom_format, SBOM_FORMAT)             \
	X(discovery, DISCOVERY)                 \
	X(vex_status, VEX_STATUS)               \
	X(vex_justification, VEX_JUSTIFICATION) \
	X(impact, IMPACT)                       \
	X(exploitable, EXPLOITABLE)             \
	X(view_kind, VIEW_KIND)                 \
	X(provision, PROVISION)                 \
	X(state, STATE)                         \
	X(label_item, LABEL_ITEM)               \
	X(plan_item, PLAN_ITEM)                 \
	X(submission, SUBMISSION)               \
	X(device_class, DEVICE_CLASS)           \
	X(mod_impact, MOD_IMPACT)               \
	X(rule_target, RULE_TARGET)             \
	X(threat_status, THREAT_STATUS)

#define PM_ENUM_C_(c, s)               c,
#define PM_ENUM_DECLARE_(lower, UPPER) enum pm_##lower##_v{PM_ENUM_##UPPER(PM_ENUM_C_) PM_N_##UPPER};
PM_ENUM_ALL(PM_ENUM_DECLARE_)
#undef PM_ENUM_DECLARE_
#undef PM_ENUM_C_

/** NULL-terminated spelling tables, e.g. pm_enum_names_harm[PM_HARM_MINOR] == "minor". */
#define PM_ENUM_EXTERN_(lower, UPPER) extern const char *const pm_enum_names_##lower[];
PM_ENUM_ALL(PM_ENUM_EXTERN_)
#undef PM_ENUM_EXTERN_

/** How documents name each submission type, e.g. "510(k)" for PM_SUB_510K. */
extern const char *const pm_submission_labels[PM_N_SUBMISSION];

/** One-line description of each labeling item L1-L14 and plan element M1-M9. */
extern const char *const pm_label_item_titles[PM_N_LABEL_ITEM];
extern const char *const pm_plan_item_titles[PM_N_PLAN_ITEM];

#endif
