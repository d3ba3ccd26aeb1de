/* documents.c — the document set (include/premarket/documents.h). */
#include "premarket/documents.h"

#include <string.h>

const pm_document pm_documents[] = {
        {"PM-SRMR", "security-risk-management-report", "Security Risk Management Report",
         "G25 V, VI.B; AAMI TIR57; ANSI/AAMI SW96",
         "Summary of the security risk management process, its results and the residual-risk conclusion."},
        {"PM-TM", "threat-model", "Threat Model", "G25 V.A.1, V.A.3, V.B.2, Appendix 1, Appendix 2",
         "System elements, trust boundaries, interfaces and flows, assumptions, and the threats identified."},
        {"PM-CRA", "cybersecurity-risk-assessment", "Cybersecurity Risk Assessment", "G25 V.A.2-V.A.6",
         "Scoring method, acceptance criteria, the risk register before and after controls, and transfer to safety "
         "risk management."},
        {"PM-SBOM", "sbom", "Software Bill of Materials and Software Support",
         "G25 V.A.4, VI.A, VII.C.3; FD&C Act 524B(b)(3)",
         "Software components with NTIA minimum elements, level of support and end-of-support dates."},
        {"PM-VA", "vulnerability-assessment", "Vulnerability Assessment", "G25 V.A.2, V.A.4.b",
         "Known vulnerabilities of the device and its components, how they were found, their assessment and controls."},
        {"PM-UA", "unresolved-anomalies", "Unresolved Anomalies Assessment", "G25 V.A.5",
         "Unresolved software anomalies assessed for security impact, with CWE categories."},
        {"PM-MET", "tplc-metrics", "TPLC Security Risk Management Metrics", "G25 V.A.6",
         "Percentage of vulnerabilities patched, time to patch and time to deploy, or the plan to measure them."},
        {"PM-ARCH", "security-architecture", "Security Architecture", "G25 V.B, V.B.1, V.B.2, Appendix 1, Appendix 2",
         "Security controls by FDA's eight categories with requirements, status and verification; the four "
         "architecture views."},
        {"PM-TEST", "cybersecurity-testing", "Cybersecurity Testing", "G25 V.C",
         "Test evidence: security requirements, threat mitigation, vulnerability and penetration testing, findings and "
         "dispositions."},
        {"PM-TRACE", "traceability-matrix", "Traceability Matrix", "G25 V.A, V.A.1-V.A.6, V.B.1, V.B.2, V.C, VI.A",
         "Threat to risk to control to requirement to test to SBOM component."},
        {"PM-LBL", "labeling", "Labeling: Customer Security Documentation", "G25 VI.A",
         "The customer security information items L1-L14 and the practices expected of users."},
        {"PM-CSMP", "cybersecurity-management-plan", "Cybersecurity Management Plan",
         "G25 VI.B, VII.C.1; FD&C Act 524B(b)(1)",
         "Postmarket plan: monitoring, disclosure, patch timelines and communication (M1-M9)."},
        {"PM-524B", "section-524b-summary", "Section 524B Summary (Cyber Device)", "G25 VII; FD&C Act 524B",
         "How the submission meets each requirement of section 524B for cyber devices."},
        {"PM-GAP", "completeness-check", "Completeness Check (working report)", "G25 Appendix 4, Table 1",
         "The result of premarket check: what is missing or inconsistent, the guidance basis, and where to fix it."},
};

const size_t pm_n_documents = sizeof pm_documents / sizeof pm_documents[0];

const pm_document *pm_document_find(const char *slug)
{
	for (size_t i = 0; i < pm_n_documents; i++)
		if (strcmp(pm_documents[i].slug, slug) == 0)
			return &pm_documents[i];
	return NULL;
}
