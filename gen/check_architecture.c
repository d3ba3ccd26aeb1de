/* check_architecture.c — AV, architecture views (G25 V.B.2; Appendix 2): the
 * four views, details of every communication path, trust-boundary flows
 * authenticated and encrypted.  Checks, then their rows. */
#include "check_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* "none" or "no" (case-insensitive, surrounding blanks and a final period
 * ignored), or a placeholder (ck_placeholder: blank, "n/a", "-", "Not
 * specified in the source model" ...): a security property stated as absent,
 * or not stated, without a reason.  "None (the link is inside the sealed
 * housing)" is a justified statement and does not count. */
static bool says_none(pm_str s)
{
	if (!s.s || ck_placeholder(s.s))
		return true;
	const char *b = s.s, *e = s.s + strlen(s.s);
	while (b < e && isspace((unsigned char)*b))
		b++;
	while (e > b && (isspace((unsigned char)e[-1]) || e[-1] == '.'))
		e--;
	size_t n = (size_t)(e - b);
	static const char *const words[] = {"none", "no"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strlen(words[i]) == n) {
			size_t k = 0;
			while (k < n && tolower((unsigned char)b[k]) == words[i][k])
				k++;
			if (k == n)
				return true;
		}
	return false;
}

static bool view_has_content(const pm_view *v)
{
	return ck_has(v->description) || ck_has(v->diagram) || v->components.n || v->flows.n || v->use_cases.n;
}

static void view_kind(const pm_model *m, pm_check_ctx *c, int kind)
{
	const pm_view *empty = NULL;
	for (size_t i = 0; i < m->views.n; i++) {
		const pm_view *v = &m->views.v[i];
		if (v->kind.v != kind)
			continue;
		if (ck_is_na(v->status) ? ck_has(v->rationale) : view_has_content(v))
			return;
		if (!empty)
			empty = v;
	}
	if (empty)
		pm_check_add(c, empty->at,
		             "view %s (%s) has no content: no description, diagram, components, flows or use cases",
		             ck_id(empty->id), pm_enum_names_view_kind[kind]);
	else
		pm_check_add(c, ck_at2(m->views.at, m->device.at),
		             "no %s view (add one, or a view with status: not_applicable and a rationale)",
		             pm_enum_names_view_kind[kind]);
}

static pm_check_status av_01(const pm_model *m, pm_check_ctx *c)
{
	view_kind(m, c, PM_VIEW_GLOBAL);
	return pm_check_verdict(c);
}

static pm_check_status av_02(const pm_model *m, pm_check_ctx *c)
{
	view_kind(m, c, PM_VIEW_MULTI_PATIENT);
	return pm_check_verdict(c);
}

static pm_check_status av_03(const pm_model *m, pm_check_ctx *c)
{
	view_kind(m, c, PM_VIEW_UPDATABILITY);
	return pm_check_verdict(c);
}

static pm_check_status av_04(const pm_model *m, pm_check_ctx *c)
{
	view_kind(m, c, PM_VIEW_USE_CASE);
	bool *covered = pm_xcalloc(m->assets.n + 1, sizeof *covered);
	for (size_t u = 0; u < m->use_cases.n; u++)
		for (size_t k = 0; k < m->use_cases.v[u].functions.n; k++) {
			const pm_ref *r = &m->use_cases.v[u].functions.v[k];
			if (r->kind == PM_K_ASSET && r->idx >= 0 && (size_t)r->idx < m->assets.n)
				covered[r->idx] = true;
		}
	for (size_t a = 0; a < m->assets.n; a++) {
		const pm_asset *as = &m->assets.v[a];
		if (as->safety_relevant.v && !covered[a])
			pm_check_add(c, as->at,
			             "safety-relevant asset %s has no security use case (use_cases[].functions)",
			             ck_id(as->id));
	}
	free(covered);
	return pm_check_verdict(c);
}

static bool iface_detailed(const pm_model *m, const pm_ref *r)
{
	int i = ck_iface_idx(r);
	return i >= 0 && (ck_iface(m, (size_t)i)->ports.n || ck_iface(m, (size_t)i)->protocols.n);
}

static pm_check_status av_05(const pm_model *m, pm_check_ctx *c)
{
	size_t n = 0;
	for (size_t f = 0; f < m->flows.n; f++) {
		const pm_flow *fl = &m->flows.v[f];
		if (ck_flow_has_user(m, fl))
			continue;
		n++;
		ck_missing l = {{0}, 0};
		ck_miss(&l, fl->assets.n > 0, "the assets it carries (assets)");
		ck_miss(&l,
		        ck_has(fl->protocol_version) || ck_has(fl->port) || iface_detailed(m, &fl->from_interface) ||
		                iface_detailed(m, &fl->to_interface),
		        "a protocol version or port/channel (protocol_version, port, or its interfaces' protocols and "
		        "ports)");
		char prefix[300];
		snprintf(prefix, sizeof prefix, "flow %s", ck_id(fl->id));
		ck_add_missing(c, fl->at, &l, prefix);
	}
	if (!pm_check_count(c))
		pm_check_note(c, "%zu communication paths described", n);
	return pm_check_verdict(c);
}

static pm_check_status av_06(const pm_model *m, pm_check_ctx *c)
{
	size_t n = 0;
	for (size_t f = 0; f < m->flows.n; f++) {
		const pm_flow *fl = &m->flows.v[f];
		if (!ck_flow_crosses(m, fl) || ck_flow_has_user(m, fl))
			continue;
		n++;
		ck_missing l = {{0}, 0};
		ck_miss(&l, !says_none(fl->authentication), "authentication");
		ck_miss(&l, !says_none(fl->encryption), "encryption");
		if (!l.n)
			continue;
		char *j = ck_joined(&l);
		pm_check_add(c,
		             says_none(fl->authentication) ? ck_at2(fl->authentication.at, fl->at)
		                                           : ck_at2(fl->encryption.at, fl->at),
		             "flow %s crosses the trust boundary %s -> %s without %s, and gives no reason",
		             ck_id(fl->id), ck_zone_id(m, ck_component_at(m, &fl->from)),
		             ck_zone_id(m, ck_component_at(m, &fl->to)), j);
		free(j);
	}
	if (!pm_check_count(c))
		pm_check_note(c, "%zu trust-boundary flows, each authenticated and encrypted or justified", n);
	return pm_check_verdict(c);
}

static const pm_check_def rules[] = {
        {{"AV-01", "Global system view", "Architecture views", "G25 V.B.2(a)", REC, 0,
          "views: a global_system view with content, or one marked not_applicable with a rationale.",
          "Add the view (description, components, flows, diagram), or explain why it does not apply."},
         av_01},
        {{"AV-02", "Multi-patient harm view", "Architecture views", "G25 V.B.2(b)", REC, 0,
          "views: a multi_patient_harm view with content, or one marked not_applicable with a rationale.",
          "Add the view, or explain why it does not apply."},
         av_02},
        {{"AV-03", "Updatability and patchability view", "Architecture views", "G25 V.B.2(c)", REC, 0,
          "views: an updatability view with content, or one marked not_applicable with a rationale.",
          "Add the view showing the end-to-end update path, or explain why it does not apply."},
         av_03},
        {{"AV-04", "Security use cases for every safety-relevant function", "Architecture views", "G25 V.B.2(d)", REC,
          0,
          "views: a security_use_case view (or not_applicable with a rationale); every asset with safety_relevant: "
          "true is among the functions of a use case.",
          "Add a security use case (use_cases) covering the asset in its functions, and present it in a "
          "security_use_case view."},
         av_04},
        {{"AV-05", "Details for every communication path", "Architecture views", "G25 App. 2 B", REC, 0,
          "Every flow between two components that are not users: the assets it carries, and a protocol version or port "
          "(on the flow, or protocols/ports on the interfaces it uses).  Authentication and encryption are required by "
          "the model format; AV-06 checks them on trust boundaries.",
          "Add assets, protocol_version and port to the flow (or protocols and ports to its interfaces)."},
         av_05},
        {{"AV-06", "Trust-boundary flows authenticated and encrypted", "Architecture views",
          "G25 App. 1 (Authentication; Confidentiality); App. 2 B", REC, 0,
          "Flows between components in different zones (users excepted): authentication and encryption are not "
          "\"none\", \"no\", \"n/a\", \"-\" or blank.  A statement with its reason (\"None: the link carries no "
          "secrets\") counts.",
          "Protect the flow, or state why no authentication or encryption is needed (\"None: ...\")."},
         av_06},
};

const pm_check_area pm_check_area_architecture = {rules, sizeof rules / sizeof *rules};
