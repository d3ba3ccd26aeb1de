/* check_device.c — PKG, the package: the cyber-device determination, the
 * interface inventory, whether the interfaces agree with the declared
 * internet connectability (G25 VII.B; 524B(c)), and whether the documents
 * the model cites are attached or located.  Checks, then their rows. */
#include "check_internal.h"

#include <stdio.h>

static pm_check_status pkg_01(const pm_model *m, pm_check_ctx *c)
{
	const pm_cyber_device *cd = &m->device.cyber_device;
	if (!cd->at.line) {
		pm_check_add(c, m->device.at, "the device has no cyber-device determination (device.cyber_device)");
		return pm_check_verdict(c);
	}
	if (!ck_has(cd->rationale))
		pm_check_add(c, cd->at, "the cyber-device determination gives no rationale");
	if (cd->internet_connectable.v && cd->connectivity.n == 0)
		pm_check_add(c, ck_at2(cd->internet_connectable.at, cd->at),
		             "the device is internet-connectable but the determination lists no means of connection "
		             "(connectivity)");
	if (!pm_check_count(c))
		pm_check_note(c, "the device %s a cyber device", pm_check_is_cyber_device(m) ? "is" : "is not");
	return pm_check_verdict(c);
}

static pm_check_status pkg_02(const pm_model *m, pm_check_ctx *c)
{
	if (m->n_objs[PM_K_INTERFACE] == 0) {
		pm_check_add(c, ck_at2(m->components.at, m->device.at),
		             "the model lists no interfaces (components[].interfaces)");
		return pm_check_verdict(c);
	}
	for (size_t i = 0; i < m->components.n; i++) {
		const pm_component *k = &m->components.v[i];
		if (k->kind.v == PM_COMP_DEVICE && k->interfaces.n == 0)
			pm_check_add(c, k->at, "device component %s lists no interfaces", ck_id(k->id));
	}
	if (!pm_check_count(c))
		pm_check_note(c, "%zu interfaces listed", m->n_objs[PM_K_INTERFACE]);
	return pm_check_verdict(c);
}

static bool device_side(int kind)
{
	return kind == PM_COMP_DEVICE || kind == PM_COMP_SOFTWARE || kind == PM_COMP_APP ||
	       kind == PM_COMP_WORKSTATION || kind == PM_COMP_PERIPHERAL || kind == PM_COMP_SERVICE_TOOL;
}

static bool can_reach_internet(int kind)
{
	switch (kind) {
	case PM_IF_ETHERNET:
	case PM_IF_WIFI:
	case PM_IF_BLE:
	case PM_IF_BLUETOOTH:
	case PM_IF_USB:
	case PM_IF_SERIAL:
	case PM_IF_CELLULAR:
	case PM_IF_INDUCTIVE:
	case PM_IF_RF:
	case PM_IF_NFC:
		return true;
	default:
		return false;
	}
}

static pm_check_status pkg_03(const pm_model *m, pm_check_ctx *c)
{
	const pm_cyber_device *cd = &m->device.cyber_device;
	if (!cd->at.line || cd->internet_connectable.v)
		return pm_check_na(c, "the device is declared internet-connectable");
	for (size_t i = 0; i < m->n_objs[PM_K_INTERFACE]; i++) {
		const pm_interface *f = ck_iface(m, i);
		const pm_component *k = f->component >= 0 ? &m->components.v[f->component] : NULL;
		if (!k || !device_side(k->kind.v) || !can_reach_internet(f->kind.v) || f->status.v == PM_IFS_DISABLED)
			continue;
		pm_check_add(c, f->at,
		             "interface %s (%s, %s) of %s can connect the device to the internet, but "
		             "cyber_device.internet_connectable is false",
		             ck_id(f->id), pm_enum_names_iface_kind[f->kind.v], pm_enum_names_iface_status[f->status.v],
		             ck_id(k->id));
	}
	return pm_check_verdict(c);
}

/* The attachment that a document reference names: its document equals the
 * reference, or one contains the other as a whole phrase ("SIG-700 rev B" in
 * "Security Implementation Guide SIG-700 rev B"); NULL when none does. */
static const pm_attachment *attachment_for(const pm_model *m, const char *ref)
{
	for (size_t i = 0; i < m->attachments.n; i++) {
		const char *d = m->attachments.v[i].document.s;
		if (ck_has(m->attachments.v[i].document) && (ck_mentions(ref, d) || ck_mentions(d, ref)))
			return &m->attachments.v[i];
	}
	return NULL;
}

/* A reference `what` (e.g. "the test report of TST-PEN") to document s: a
 * finding when no attachment includes or locates it. */
static void need_attached(const pm_model *m, pm_check_ctx *c, const pm_str *s, const char *what, size_t *n)
{
	if (!ck_has(*s))
		return;
	(*n)++;
	if (!attachment_for(m, s->s))
		pm_check_add(c, s->at,
		             "%s \"%s\" is neither attached nor located: no entry of attachments names it (document, "
		             "with file or location)",
		             what, s->s);
}

static pm_check_status pkg_04(const pm_model *m, pm_check_ctx *c)
{
	size_t n = 0;
	char what[300];
	need_attached(m, c, &m->risk_management.plan_reference, "the security risk management plan", &n);
	need_attached(m, c, &m->management_plan.reference, "the cybersecurity management plan", &n);
	for (size_t i = 0; i < m->labeling.documents.n; i++)
		need_attached(m, c, &m->labeling.documents.v[i], "the labeling document", &n);
	for (size_t i = 0; i < m->tests.n; i++) {
		const pm_test *t = &m->tests.v[i];
		if (t->result.at.line && t->result.v == PM_TR_PLANNED)
			continue;
		snprintf(what, sizeof what, "the report of test %s", ck_id(t->id));
		need_attached(m, c, &t->report, what, &n);
	}
	for (size_t i = 0; i < m->attachments.n; i++) {
		const pm_attachment *a = &m->attachments.v[i];
		if (!ck_has(a->file) && !ck_has(a->location))
			pm_check_add(
			        c, a->at,
			        "attachment %s says neither which file it is (file) nor where the reviewer finds it "
			        "(location)",
			        ck_id(a->document));
	}
	if (!n && !m->attachments.n)
		return pm_check_na(c, "the model references no plan, report or labeling document");
	if (!pm_check_count(c))
		pm_check_note(c, "%zu document references, each attached or located", n);
	return pm_check_verdict(c);
}

static const pm_check_def rules[] = {
        {{"PKG-01", "Cyber-device determination recorded", "Package", "G25 VII.B; 524B(c)", REQ, 0,
          "device.cyber_device: the three 524B(c) criteria (software, internet-connectable by any means, vulnerable "
          "characteristics), the rationale, and when the device is internet-connectable the means (connectivity).",
          "State software, internet_connectable and vulnerable_characteristics, explain the determination in "
          "rationale, and list every means of reaching the internet under connectivity (network, cloud, Wi-Fi, "
          "cellular, Bluetooth, inductive, USB/Ethernet/serial service connectors)."},
         pkg_01},
        {{"PKG-02", "Interface inventory present", "Package", "G25 VII.B; App. 2 B; VI.A", REC, HELP,
          "components[].interfaces: the model lists interfaces, and every component of kind device lists its own.",
          "List every electronic interface of the device under its component (wired, wireless, inductive, cloud, "
          "debug), including unused and disabled ones with the reason they cannot be activated."},
         pkg_02},
        {{"PKG-03", "Internet connectability consistent with the interfaces", "Package", "G25 VII.B; 524B(c)(2)", ADV,
          0,
          "When cyber_device.internet_connectable is false: interfaces of the device's own components (device, "
          "software, app, workstation, peripheral, service tool) that G25 VII.B counts as able to reach the internet "
          "(Ethernet, Wi-Fi, cellular, Bluetooth, BLE, RF, NFC, inductive, USB, serial) and are not disabled.",
          "Review the determination: set internet_connectable to true, or mark the interface disabled with a rationale "
          "showing it cannot be activated.  G25 counts even brief service use of a USB, Ethernet or serial connector."},
         pkg_03},
        {{"PKG-04", "Referenced documents attached or located", "Package", "G25 V.A; V.C; VI.A; VI.B", REC, 0,
          "The documents the model cites: risk_management.plan_reference, management_plan.reference, every "
          "labeling.documents entry (security implementation guide, MDS2, manuals) and the report of every performed "
          "test; each is named by an entry of attachments (its document equals the reference, or one contains the "
          "other as a whole phrase), and every attachment gives its file or its location.",
          "List the document under attachments with its id and revision (document) and the attached file (file) or "
          "where the reviewer finds it in the submission (location)."},
         pkg_04},
};

const pm_check_area pm_check_area_device = {rules, sizeof rules / sizeof *rules};
