/* check_sbom.c — SB, the SBOM (G25 V.A.4; 524B(b)(3)): present, NTIA minimum
 * elements, support levels and end-of-support dates, the upgrade plan,
 * components past end of support or ending it before the device, hashes,
 * statements that contradict the SBOM.  Checks, then their rows. */
#include "check_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static pm_check_status sb_01(const pm_model *m, pm_check_ctx *c)
{
	const pm_sbom *s = &m->sbom;
	if (!s->components.n && !s->files.n)
		pm_check_add(c, ck_at2(s->at, m->device.at), "the model has no SBOM (sbom.components or sbom.files)");
	else
		pm_check_note(c, "%zu inline components, %zu SBOM files", s->components.n, s->files.n);
	return pm_check_verdict(c);
}

static pm_check_status sb_inline(const pm_model *m, pm_check_ctx *c)
{
	if (!m->sbom.components.n && !m->sbom.files.n)
		return pm_check_na(c, "the model has no SBOM (see SB-01)");
	if (!m->sbom.components.n)
		return pm_check_na(c, "the SBOM is only in files (sbom.files), which premarket does not read yet");
	return PM_CHECK_PASS;
}

static pm_check_status sb_02(const pm_model *m, pm_check_ctx *c)
{
	if (sb_inline(m, c) == PM_CHECK_NA)
		return PM_CHECK_NA;
	const pm_sbom *s = &m->sbom;
	ck_missing l = {{0}, 0};
	ck_miss(&l, ck_has(s->author), "the author of the SBOM data (sbom.author)");
	ck_miss(&l, ck_has(s->timestamp), "its timestamp (sbom.timestamp)");
	bool deps = false;
	for (size_t i = 0; i < s->components.n; i++)
		deps |= s->components.v[i].depends_on.n > 0;
	ck_miss(&l, deps || s->components.n < 2, "dependency relationships (depends_on)");
	ck_add_missing(c, ck_at2(s->at, m->device.at), &l, "the SBOM");
	for (size_t i = 0; i < s->components.n; i++) {
		const pm_sbom_component *k = &s->components.v[i];
		ck_missing e = {{0}, 0};
		ck_miss(&e, ck_has(k->supplier), "a supplier");
		ck_miss(&e, ck_has(k->name), "a name");
		ck_miss(&e, ck_has(k->version), "a version");
		ck_miss(&e, ck_has(k->purl) || ck_has(k->cpe), "a unique identifier (purl or cpe)");
		char prefix[300];
		snprintf(prefix, sizeof prefix, "SBOM component %s", ck_id(k->id));
		ck_add_missing(c, k->at, &e, prefix);
	}
	return pm_check_verdict(c);
}

static pm_check_status sb_03(const pm_model *m, pm_check_ctx *c)
{
	const pm_sbom *s = &m->sbom;
	if (!s->components.n && !s->support.n)
		return s->files.n
		               ? pm_check_na(
		                         c, "the SBOM is only in files (sbom.files), which premarket does not read yet")
		               : pm_check_na(c, "the model has no SBOM (see SB-01)");
	size_t bad = 0;
	for (size_t i = 0; i < s->components.n; i++) {
		const pm_sbom_component *k = &s->components.v[i];
		ck_missing e = {{0}, 0};
		ck_miss(&e, k->support.at.line && k->support.v != PM_SUP_UNKNOWN,
		        "a level of support (support is unknown)");
		ck_miss(&e, ck_has(k->end_of_support), "an end-of-support date (end_of_support)");
		char prefix[300];
		snprintf(prefix, sizeof prefix, "SBOM component %s (%s %s)", ck_id(k->id), ck_id(k->name),
		         ck_id(k->version));
		bad += e.n > 0;
		ck_add_missing(c, k->support.v == PM_SUP_UNKNOWN ? ck_at2(k->support.at, k->at) : k->at, &e, prefix);
	}
	for (size_t i = 0; i < s->support.n; i++) {
		const pm_support_override *o = &s->support.v[i];
		ck_missing e = {{0}, 0};
		ck_miss(&e, o->support.at.line && o->support.v != PM_SUP_UNKNOWN,
		        "a level of support (support is unknown)");
		ck_miss(&e, ck_has(o->end_of_support), "an end-of-support date (end_of_support)");
		char prefix[600];
		snprintf(prefix, sizeof prefix, "support entry for %s", o->purl.s ? o->purl.s : ck_id(o->name));
		bad += e.n > 0;
		ck_add_missing(c, o->at, &e, prefix);
	}
	if (bad)
		pm_check_note(c, "%zu of %zu SBOM components lack a level of support or an end-of-support date", bad,
		              s->components.n + s->support.n);
	return pm_check_verdict(c);
}

static pm_check_status sb_04(const pm_model *m, pm_check_ctx *c)
{
	if (!ck_has(m->sbom.upgrade_plan))
		pm_check_add(c, ck_at2(m->sbom.at, m->device.at),
		             "no plan to update or replace third-party components when their support ends "
		             "(sbom.upgrade_plan)");
	return pm_check_verdict(c);
}

/* A plan names the component: sbom.upgrade_plan, or an updatability control,
 * or a risk transfer mentions its id or name. */
static bool eos_planned(const pm_model *m, const char *id, const char *name)
{
	const char *words[2] = {id, name};
	for (int w = 0; w < 2; w++) {
		if (!words[w])
			continue;
		if (ck_mentions(m->sbom.upgrade_plan.s, words[w]))
			return true;
		for (size_t i = 0; i < m->controls.n; i++) {
			const pm_control *k = &m->controls.v[i];
			if (k->category.v != PM_CAT_UPDATABILITY || k->status.v == PM_CS_NOT_APPLICABLE)
				continue;
			if (ck_mentions(k->title.s, words[w]) || ck_mentions(k->description.s, words[w]) ||
			    ck_mentions(k->requirement.s, words[w]) || ck_mentions(k->status_rationale.s, words[w]))
				return true;
		}
		for (size_t i = 0; i < m->risk_management.risk_transfers.n; i++)
			if (ck_mentions(m->risk_management.risk_transfers.v[i].description.s, words[w]))
				return true;
	}
	return false;
}

/* Components (inline, then imported support entries) whose end of support is
 * before `date` and that no plan names: one finding each, worded by `comp`
 * (arguments: id, name, version, end of support, date) and `imported`
 * (purl or name, end of support, date).  Returns the number of components
 * whose support ends before `date`, planned or not. */
static size_t unplanned_before(const pm_model *m, pm_check_ctx *c, const char *date, const char *comp,
                               const char *imported)
{
	const pm_sbom *s = &m->sbom;
	size_t n = 0;
	for (size_t i = 0; i < s->components.n; i++) {
		const pm_sbom_component *k = &s->components.v[i];
		if (!k->end_of_support.s || strcmp(k->end_of_support.s, date) >= 0)
			continue;
		n++;
		if (!eos_planned(m, k->id.s, k->name.s))
			pm_check_add(c, ck_at2(k->end_of_support.at, k->at), comp, ck_id(k->id), ck_id(k->name),
			             ck_id(k->version), k->end_of_support.s, date);
	}
	for (size_t i = 0; i < s->support.n; i++) {
		const pm_support_override *o = &s->support.v[i];
		if (!o->end_of_support.s || strcmp(o->end_of_support.s, date) >= 0)
			continue;
		n++;
		if (!eos_planned(m, o->purl.s, o->name.s))
			pm_check_add(c, ck_at2(o->end_of_support.at, o->at), imported,
			             o->purl.s ? o->purl.s : ck_id(o->name), o->end_of_support.s, date);
	}
	return n;
}

static pm_check_status sb_05(const pm_model *m, pm_check_ctx *c)
{
	const char *date = pm_check_date(c);
	if (!date)
		return pm_check_na(
		        c, "no documentation date to compare with (device.date, a revision date or SOURCE_DATE_EPOCH)");
	size_t past =
	        unplanned_before(m, c, date,
	                         "SBOM component %s (%s %s) reached its end of support on %s, before the "
	                         "documentation date %s, and no plan names it",
	                         "imported component %s reached its end of support on %s, before the documentation "
	                         "date %s, and no plan names it");
	if (!pm_check_count(c) && past)
		pm_check_note(c, "%zu components past end of support on %s, each named in a plan", past, date);
	else if (!pm_check_count(c))
		pm_check_note(c, "no component past end of support on %s", date);
	return pm_check_verdict(c);
}

static pm_check_status sb_06(const pm_model *m, pm_check_ctx *c)
{
	if (sb_inline(m, c) == PM_CHECK_NA)
		return PM_CHECK_NA;
	for (size_t i = 0; i < m->sbom.components.n; i++) {
		const pm_sbom_component *k = &m->sbom.components.v[i];
		if (!k->hashes.n)
			pm_check_add(c, k->at, "SBOM component %s has no hash (hashes)", ck_id(k->id));
	}
	return pm_check_verdict(c);
}

static pm_check_status sb_07(const pm_model *m, pm_check_ctx *c)
{
	const char *dev = m->labeling.end_of_support.s;
	if (!dev)
		return pm_check_na(c, "the labeling states no end of support for the device (labeling.end_of_support)");
	size_t early =
	        unplanned_before(m, c, dev,
	                         "SBOM component %s (%s %s) is supported until %s, before the end of the device's "
	                         "labeled support (%s, labeling.end_of_support), and no plan names it",
	                         "imported component %s is supported until %s, before the end of the device's "
	                         "labeled support (%s, labeling.end_of_support), and no plan names it");
	if (!pm_check_count(c))
		pm_check_note(c, "%zu components end support before the device (%s), each named in a plan", early, dev);
	return pm_check_verdict(c);
}

/* Text that says the device has no machine-readable SBOM (lower-case phrases, found anywhere in the text). */
static const char *const no_sbom_phrases[] = {
        "no machine-readable sbom",
        "no machine readable sbom",
        "not machine-readable",
        "not machine readable",
        "no sbom file",
        "no sbom is",
        "sbom is not available",
        "sbom is not provided",
        "sbom cannot be provided",
        "sbom will not be provided",
};

static bool says_no_sbom(const char *text)
{
	if (!text)
		return false;
	char *low = pm_xstrdup(text);
	for (char *p = low; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	bool hit = false;
	for (size_t i = 0; i < sizeof no_sbom_phrases / sizeof *no_sbom_phrases && !hit; i++)
		hit = strstr(low, no_sbom_phrases[i]) != NULL;
	free(low);
	return hit;
}

static pm_check_status sb_08(const pm_model *m, pm_check_ctx *c)
{
	const pm_sbom *s = &m->sbom;
	if (!s->components.n && !s->files.n)
		return pm_check_na(c, "the model has no SBOM (see SB-01)");
	const char *what =
	        s->components.n ? "build writes it as sbom.cdx.json (CycloneDX)" : "it is given in sbom.files";
	if (says_no_sbom(s->availability.s))
		pm_check_add(c, s->availability.at,
		             "sbom.availability says there is no machine-readable SBOM, but the model has one: %s",
		             what);
	for (size_t i = 0; i < m->labeling.items.n; i++) {
		const pm_item *it = &m->labeling.items.v[i];
		const char *name = it->item.at.line ? pm_enum_names_label_item[it->item.v] : "?";
		if (it->item.at.line && it->item.v == PM_L5 && ck_is_na(it->status))
			pm_check_add(
			        c, it->status.at,
			        "labeling item L5 (the SBOM for users) is marked not applicable, but the model has an "
			        "SBOM: %s",
			        what);
		else if (says_no_sbom(it->content.s) || says_no_sbom(it->rationale.s))
			pm_check_add(
			        c, it->at,
			        "labeling item %s says there is no machine-readable SBOM, but the model has one: %s",
			        name, what);
	}
	return pm_check_verdict(c);
}

static const pm_check_def rules[] = {
        {{"SB-01", "Machine-readable SBOM", "SBOM", "G25 V.A.4; VII.C.3; 524B(b)(3)", REQ, STAT,
          "sbom: inline components or SBOM files.",
          "Add the SBOM: inline components under sbom.components or a CycloneDX/SPDX file under sbom.files."},
         sb_01},
        {{"SB-02", "NTIA minimum elements for every component", "SBOM",
          "G25 V.A.4.b; VII.C.3 (SBOM content for 524B(b)(3))", REQ, STAT,
          "The NTIA minimum elements: the author of the SBOM data and its timestamp, dependency relationships, "
          "and for every inline component a supplier, name, version and a unique identifier (purl or cpe).  Hashes are "
          "checked separately (SB-06).",
          "Fill sbom.author and sbom.timestamp, depends_on of the components that have dependencies, and a purl or cpe "
          "for each component."},
         sb_02},
        {{"SB-03", "Support level and end-of-support date for every component", "SBOM",
          "G25 V.A.4.b; VII.C.3 (SBOM content for 524B(b)(3))", REQ, STAT | HELP,
          "Every inline component and every support entry for an imported component: a level of support other than "
          "unknown, and an end-of-support date.",
          "Find the supplier's support status and end-of-support date (or the date the manufacturer commits to support "
          "the component until) and record support and end_of_support."},
         sb_03},
        {{"SB-04", "Plan to update or replace third-party components", "SBOM", "G25 V.A.4", REC, HELP,
          "sbom.upgrade_plan.",
          "Describe how third-party components are updated or replaced when their support ends in sbom.upgrade_plan."},
         sb_04},
        {{"SB-05", "No component past end of support without a plan", "SBOM", "G25 V.A.4; V.A.4.b", REC, HELP,
          "SBOM components whose end-of-support date is before the documentation date (device.date, else the last "
          "revision's date, else SOURCE_DATE_EPOCH): each is named (by id or name) in sbom.upgrade_plan, in an "
          "updatability control, or in a risk transfer.",
          "Replace the component, or name it in the upgrade plan or an updatability control that replaces it (and "
          "disclose the remaining risk)."},
         sb_05},
        {{"SB-06", "Component hashes", "SBOM", "G25 V.A.4.b (NTIA Framing baseline attributes)", REC, 0,
          "Every inline SBOM component has at least one hash.",
          "Add the component's hash (alg and value) under hashes."},
         sb_06},
        {{"SB-07", "Components supported as long as the device", "SBOM", "G25 V.A.4; VI.A", REC, HELP,
          "When the labeling states the end of the device's support (labeling.end_of_support): every SBOM component "
          "whose end of support comes earlier is named (by id or name) in sbom.upgrade_plan, in an updatability "
          "control, or in a risk transfer.",
          "Plan the component's update or replacement before its support ends (sbom.upgrade_plan or an updatability "
          "control naming it), or correct the device's labeled end of support."},
         sb_07},
        {{"SB-08", "SBOM statements agree with the SBOM", "SBOM", "G25 V.A.4.b; VI.A", REC, 0,
          "When the model has an SBOM: labeling item L5 is not marked not_applicable, and neither sbom.availability "
          "nor a labeling item's content or rationale says there is no machine-readable SBOM (\"no machine-readable "
          "SBOM\", \"not machine-readable\", \"no SBOM file\", \"SBOM is not available\" ...).",
          "Correct the statement: say where users obtain the machine-readable SBOM (build writes sbom.cdx.json), and "
          "provide labeling item L5."},
         sb_08},
};

const pm_check_area pm_check_area_sbom = {rules, sizeof rules / sizeof *rules};
