/* check_sbom.c — SB, the SBOM (G25 V.A.4; 524B(b)(3)): present, NTIA minimum
 * elements, support levels and end-of-support dates, the upgrade plan,
 * components past end of support, hashes.  Checks, then their rows. */
#include "check_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Whether text mentions word as a whole word (case-insensitive): not
 * preceded or followed by a letter or digit. */
static bool mentions(const char *text, const char *word)
{
	size_t n = word ? strlen(word) : 0;
	if (!text || n == 0)
		return false;
	for (const char *p = text; *p; p++) {
		size_t k = 0;
		while (k < n && p[k] && tolower((unsigned char)p[k]) == tolower((unsigned char)word[k]))
			k++;
		if (k < n)
			continue;
		bool before = p > text && isalnum((unsigned char)p[-1]);
		bool after = isalnum((unsigned char)p[n]);
		if (!before && !after)
			return true;
	}
	return false;
}

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
		if (mentions(m->sbom.upgrade_plan.s, words[w]))
			return true;
		for (size_t i = 0; i < m->controls.n; i++) {
			const pm_control *k = &m->controls.v[i];
			if (k->category.v != PM_CAT_UPDATABILITY || k->status.v == PM_CS_NOT_APPLICABLE)
				continue;
			if (mentions(k->title.s, words[w]) || mentions(k->description.s, words[w]) ||
			    mentions(k->requirement.s, words[w]) || mentions(k->status_rationale.s, words[w]))
				return true;
		}
		for (size_t i = 0; i < m->risk_management.risk_transfers.n; i++)
			if (mentions(m->risk_management.risk_transfers.v[i].description.s, words[w]))
				return true;
	}
	return false;
}

static pm_check_status sb_05(const pm_model *m, pm_check_ctx *c)
{
	const char *date = pm_check_date(c);
	if (!date)
		return pm_check_na(
		        c, "no documentation date to compare with (device.date, a revision date or SOURCE_DATE_EPOCH)");
	const pm_sbom *s = &m->sbom;
	size_t past = 0;
	for (size_t i = 0; i < s->components.n; i++) {
		const pm_sbom_component *k = &s->components.v[i];
		if (!k->end_of_support.s || strcmp(k->end_of_support.s, date) >= 0)
			continue;
		past++;
		if (!eos_planned(m, k->id.s, k->name.s))
			pm_check_add(c, ck_at2(k->end_of_support.at, k->at),
			             "SBOM component %s (%s %s) reached its end of support on %s, before the "
			             "documentation date %s, and no plan names it",
			             ck_id(k->id), ck_id(k->name), ck_id(k->version), k->end_of_support.s, date);
	}
	for (size_t i = 0; i < s->support.n; i++) {
		const pm_support_override *o = &s->support.v[i];
		if (!o->end_of_support.s || strcmp(o->end_of_support.s, date) >= 0)
			continue;
		past++;
		if (!eos_planned(m, o->purl.s, o->name.s))
			pm_check_add(c, ck_at2(o->end_of_support.at, o->at),
			             "imported component %s reached its end of support on %s, before the documentation "
			             "date %s, and no plan names it",
			             o->purl.s ? o->purl.s : ck_id(o->name), o->end_of_support.s, date);
	}
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

static const pm_check_def rules[] = {
        {{"SB-01", "Machine-readable SBOM", "SBOM", "G25 V.A.4; VII.C.3; 524B(b)(3)", REQ, STAT,
          "sbom: inline components or SBOM files.",
          "Add the SBOM: inline components under sbom.components or a CycloneDX/SPDX file under sbom.files."},
         sb_01},
        {{"SB-02", "NTIA minimum elements for every component", "SBOM", "G25 V.A.4.b; VII.C.3 (SBOM content for 524B(b)(3))",
          REQ, STAT,
          "Required (NTIA minimum elements): the author of the SBOM data and its timestamp, dependency relationships, "
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
        {{"SB-04", "Plan to update or replace third-party components", "SBOM", "G25 V.A.4", REQ, STAT | HELP,
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
};

const pm_check_area pm_check_area_sbom = {rules, sizeof rules / sizeof *rules};
