/* check_labeling.c — LBL, labeling (G25 VI.A): one check per labeling item
 * L1-L14, each provided (what and where) or not applicable with a reason.
 * Checks, then their rows. */
#include "check_internal.h"

static pm_check_status label_item(const pm_model *m, pm_check_ctx *c, int which)
{
	const pm_labeling *l = &m->labeling;
	ck_item_check(c, l->items.v, l->items.n, which, pm_enum_names_label_item[which], pm_label_item_titles[which],
	              ck_at3(l->items.at, l->at, m->device.at), "labeling");
	if (which == PM_L5 && !pm_check_count(c) && !m->sbom.components.n && !m->sbom.files.n)
		for (size_t i = 0; i < l->items.n; i++)
			if (l->items.v[i].item.at.line && l->items.v[i].item.v == PM_L5 &&
			    !ck_is_na(l->items.v[i].status))
				pm_check_add(c, l->items.v[i].at,
				             "labeling item L5 promises an SBOM, but the model has none (see SB-01)");
	return pm_check_verdict(c);
}

#define LBL_FN(n)                                                          \
	static pm_check_status lbl_##n(const pm_model *m, pm_check_ctx *c) \
	{                                                                  \
		return label_item(m, c, PM_L##n);                          \
	}
LBL_FN(1)
LBL_FN(2)
LBL_FN(3)
LBL_FN(4)
LBL_FN(5)
LBL_FN(6)
LBL_FN(7)
LBL_FN(8)
LBL_FN(9)
LBL_FN(10)
LBL_FN(11)
LBL_FN(12)
LBL_FN(13)
LBL_FN(14)
#undef LBL_FN

#define LBL_RULE(nn, n, title, basis)                                                                           \
	{                                                                                                       \
		"LBL-" #nn, "Labeling item L" #n ": " title, "Labeling", basis, REC, HELP,                      \
		        "labeling.items: item L" #n                                                             \
		        " present, provided with what it says (content) or where (location), or marked "        \
		        "not_applicable with a rationale.",                                                     \
		        "Add item L" #n                                                                         \
		        " to labeling.items with content and location (the labeling document and section), or " \
		        "status: not_applicable with a rationale."                                              \
	}
#define LBL(nn, n, title, basis)                       \
	{                                              \
		LBL_RULE(nn, n, title, basis), lbl_##n \
	}

static const pm_check_def rules[] = {
        LBL(01, 1, "recommended cybersecurity controls for the use environment", "G25 VI.A"),
        LBL(02, 2, "diagrams sufficient for users to implement those controls", "G25 VI.A"),
        LBL(03, 3, "network ports and other interfaces, with function, direction and approved endpoints", "G25 VI.A"),
        LBL(04, 4, "supporting infrastructure, secure deployment and servicing, incident response", "G25 VI.A"),
        LBL(05, 5, "SBOM available to users, machine-readable and kept current", "G25 VI.A; V.A.4"),
        LBL(06, 6, "obtaining authorized, version-identifiable software and learning of updates", "G25 VI.A"),
        LBL(07, 7, "how the device responds to and records security events", "G25 VI.A"),
        LBL(08, 8, "features that protect critical functionality", "G25 VI.A"),
        LBL(09, 9, "backup and restore of authenticated configurations", "G25 VI.A"),
        LBL(10, 10, "retention and recovery of configuration by authorized users", "G25 VI.A"),
        LBL(11, 11, "secure configuration as shipped and risky user changes", "G25 VI.A"),
        LBL(12, 12, "forensic evidence capture (logs)", "G25 VI.A"),
        LBL(13, 13, "end of support and end of life, with the risk-transfer process", "G25 VI.A"),
        LBL(14, 14, "secure decommissioning", "G25 VI.A"),
};

const pm_check_area pm_check_area_labeling = {rules, sizeof rules / sizeof *rules};
