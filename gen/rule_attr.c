/* rule_attr.c — the vocabulary of the condition language (rule_cond.h):
 * per element kind, the attributes a condition can test and the relations
 * it can follow, each mapped to the model fields it reads; and the graph of
 * those relations, built once per model.
 *
 * This table is the single source of the language: the parser accepts
 * exactly these names, and docs/threats.md lists them from here
 * (`premarket threats --list-attributes`).
 *
 * Derived values, stated here once:
 *  - a text field "says none" when it is absent, empty, or its first word
 *    is none, no, not, n/a, off, disabled, unauthenticated, unencrypted,
 *    cleartext or plaintext: `authenticated`, `encrypted` and
 *    `integrity_protected` are the contrary of that;
 *  - a flow without an `integrity` field is integrity protected when it is
 *    encrypted (TLS, DTLS, SSH and AEAD ciphers protect integrity); write
 *    `integrity: none` to say otherwise;
 *  - a flow crosses a boundary when its ends are in different zones; it is
 *    inbound when its destination's zone is more trusted than its source's,
 *    outbound when less; a bidirectional flow is both when the trust levels
 *    differ;
 *  - multi-patient: as the risk method derives it (gen/risk.c): a cloud
 *    service, a flow from or to one, a flow of kind code; and also
 *    anything that stores, processes or carries a multi_patient asset;
 *  - an SBOM component's end of support has passed when its date is before
 *    the documentation date (device.date, else the last revision's date);
 *    without a documentation date it has not.
 * Nothing here reads a clock.
 */
#include "rule_cond.h"

#include "xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "premarket/view.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the graph ------------------------------------------------------------------------ */

enum {
	G_C_IFACES,
	G_C_FLOWS,
	G_C_IN,
	G_C_OUT,
	G_C_ASSETS,
	G_C_SBOM,
	G_C_CONTROLS,
	G_I_FLOWS,
	G_F_ASSETS,
	G_F_ENDS,
	G_Z_COMPS,
	G_A_COMPS,
	G_A_FLOWS,
	G_S_COMPS,
	G_S_VULNS,
	G_S_DEPS,
	G_D_COMPS,
	G_D_IFACES,
	G_D_FLOWS,
	G_D_ZONES,
	G_D_ASSETS,
	G_D_SBOM,
	G_D_VULNS,
	G_D_CONTROLS,
	G_N
};

typedef struct pairs {
	int32_t *row, *col;
	size_t n, cap_r, cap_c;
} pairs;

static void pair_add(pairs *p, int32_t row, int32_t col)
{
	if (row < 0 || col < 0)
		return;
	p->row = pm_xgrow(p->row, &p->cap_r, p->n + 1, sizeof *p->row);
	p->col = pm_xgrow(p->col, &p->cap_c, p->n + 1, sizeof *p->col);
	p->row[p->n] = row;
	p->col[p->n] = col;
	p->n++;
}

/* Counting sort of the pairs into rows, each row in the order of the pairs. */
static void csr_from(rc_csr *c, size_t rows, pairs *p)
{
	c->off = pm_xcalloc(rows + 2, sizeof *c->off);
	c->v = pm_xcalloc(p->n + 1, sizeof *c->v);
	for (size_t i = 0; i < p->n; i++)
		c->off[p->row[i] + 2]++;
	for (size_t r = 2; r < rows + 2; r++)
		c->off[r] += c->off[r - 1];
	for (size_t i = 0; i < p->n; i++)
		c->v[c->off[p->row[i] + 1]++] = p->col[i];
	free(p->row);
	free(p->col);
	memset(p, 0, sizeof *p);
}

static void csr_all(rc_csr *c, size_t n)
{
	pairs p = {0};
	for (size_t i = 0; i < n; i++)
		pair_add(&p, 0, (int32_t)i);
	csr_from(c, 1, &p);
}

static void refs_rows(pairs *p, int32_t row, const pm_refs *r, pm_kind kind)
{
	for (size_t k = 0; k < r->n; k++)
		if (r->v[k].kind == kind)
			pair_add(p, row, r->v[k].idx);
}

static int32_t ref_idx(const pm_ref *r, pm_kind kind)
{
	return r->kind == kind ? r->idx : -1;
}

static const pm_component *comp_at(const rc_graph *g, int32_t i)
{
	return i >= 0 ? g->m->objs[PM_K_COMPONENT][i] : NULL;
}

static int flow_bidirectional(const pm_flow *f)
{
	return f->bidirectional.v;
}

static void build_components(rc_graph *g)
{
	const pm_model *m = g->m;
	size_t nc = g->n[RC_COMPONENT];
	pairs p = {0};
	for (size_t i = 0; i < g->n[RC_INTERFACE]; i++)
		pair_add(&p, ((const pm_interface *)m->objs[PM_K_INTERFACE][i])->component, (int32_t)i);
	csr_from(&g->csr[G_C_IFACES], nc, &p);
	pairs all = {0}, in = {0}, out = {0};
	for (size_t i = 0; i < g->n[RC_FLOW]; i++) {
		const pm_flow *f = m->objs[PM_K_FLOW][i];
		int32_t from = ref_idx(&f->from, PM_K_COMPONENT), to = ref_idx(&f->to, PM_K_COMPONENT);
		pair_add(&all, from, (int32_t)i);
		if (to != from)
			pair_add(&all, to, (int32_t)i);
		pair_add(&out, from, (int32_t)i);
		pair_add(&in, to, (int32_t)i);
		if (flow_bidirectional(f) && to != from) {
			pair_add(&out, to, (int32_t)i);
			pair_add(&in, from, (int32_t)i);
		}
	}
	csr_from(&g->csr[G_C_FLOWS], nc, &all);
	csr_from(&g->csr[G_C_IN], nc, &in);
	csr_from(&g->csr[G_C_OUT], nc, &out);
	pairs as = {0}, sb = {0}, ctl = {0};
	for (size_t i = 0; i < nc; i++) {
		const pm_component *c = m->objs[PM_K_COMPONENT][i];
		refs_rows(&as, (int32_t)i, &c->assets, PM_K_ASSET);
		refs_rows(&sb, (int32_t)i, &c->sbom, PM_K_SBOM_COMPONENT);
	}
	csr_from(&g->csr[G_C_ASSETS], nc, &as);
	csr_from(&g->csr[G_C_SBOM], nc, &sb);
	for (size_t k = 0; k < g->n[RC_CONTROL]; k++) {
		const pm_control *c = m->objs[PM_K_CONTROL][k];
		for (size_t j = 0; j < c->components.n; j++)
			pair_add(&ctl, ref_idx(&c->components.v[j], PM_K_COMPONENT), (int32_t)k);
	}
	csr_from(&g->csr[G_C_CONTROLS], nc, &ctl);
}

static void build_others(rc_graph *g)
{
	const pm_model *m = g->m;
	pairs ifl = {0}, fa = {0}, fe = {0}, af = {0};
	for (size_t i = 0; i < g->n[RC_FLOW]; i++) {
		const pm_flow *f = m->objs[PM_K_FLOW][i];
		int32_t a = ref_idx(&f->from_interface, PM_K_INTERFACE), b = ref_idx(&f->to_interface, PM_K_INTERFACE);
		pair_add(&ifl, a, (int32_t)i);
		if (b != a)
			pair_add(&ifl, b, (int32_t)i);
		refs_rows(&fa, (int32_t)i, &f->assets, PM_K_ASSET);
		int32_t from = ref_idx(&f->from, PM_K_COMPONENT), to = ref_idx(&f->to, PM_K_COMPONENT);
		pair_add(&fe, (int32_t)i, from);
		if (to != from)
			pair_add(&fe, (int32_t)i, to);
		for (size_t k = 0; k < f->assets.n; k++)
			pair_add(&af, ref_idx(&f->assets.v[k], PM_K_ASSET), (int32_t)i);
	}
	csr_from(&g->csr[G_I_FLOWS], g->n[RC_INTERFACE], &ifl);
	csr_from(&g->csr[G_F_ASSETS], g->n[RC_FLOW], &fa);
	csr_from(&g->csr[G_F_ENDS], g->n[RC_FLOW], &fe);
	csr_from(&g->csr[G_A_FLOWS], g->n[RC_ASSET], &af);
	pairs zc = {0}, ac = {0}, sc = {0};
	for (size_t i = 0; i < g->n[RC_COMPONENT]; i++) {
		const pm_component *c = m->objs[PM_K_COMPONENT][i];
		pair_add(&zc, ref_idx(&c->zone, PM_K_ZONE), (int32_t)i);
		for (size_t k = 0; k < c->assets.n; k++)
			pair_add(&ac, ref_idx(&c->assets.v[k], PM_K_ASSET), (int32_t)i);
		for (size_t k = 0; k < c->sbom.n; k++)
			pair_add(&sc, ref_idx(&c->sbom.v[k], PM_K_SBOM_COMPONENT), (int32_t)i);
	}
	csr_from(&g->csr[G_Z_COMPS], g->n[RC_ZONE], &zc);
	csr_from(&g->csr[G_A_COMPS], g->n[RC_ASSET], &ac);
	csr_from(&g->csr[G_S_COMPS], g->n[RC_SBOM], &sc);
	pairs sv = {0}, sd = {0};
	for (size_t i = 0; i < g->n[RC_VULN]; i++) {
		const pm_vulnerability *v = m->objs[PM_K_VULNERABILITY][i];
		for (size_t k = 0; k < v->components.n; k++)
			pair_add(&sv, ref_idx(&v->components.v[k], PM_K_SBOM_COMPONENT), (int32_t)i);
	}
	for (size_t i = 0; i < g->n[RC_SBOM]; i++)
		refs_rows(&sd, (int32_t)i, &((const pm_sbom_component *)m->objs[PM_K_SBOM_COMPONENT][i])->depends_on,
		          PM_K_SBOM_COMPONENT);
	csr_from(&g->csr[G_S_VULNS], g->n[RC_SBOM], &sv);
	csr_from(&g->csr[G_S_DEPS], g->n[RC_SBOM], &sd);
	static const struct {
		int csr;
		rc_elem el;
	} dev[] = {
	        {G_D_COMPS, RC_COMPONENT}, {G_D_IFACES, RC_INTERFACE}, {G_D_FLOWS, RC_FLOW}, {G_D_ZONES, RC_ZONE},
	        {G_D_ASSETS, RC_ASSET},    {G_D_SBOM, RC_SBOM},        {G_D_VULNS, RC_VULN}, {G_D_CONTROLS, RC_CONTROL},
	};
	for (size_t i = 0; i < N(dev); i++)
		csr_all(&g->csr[dev[i].csr], g->n[dev[i].el]);
}

static const pm_kind elem_kind[RC_N_ELEM] = {
        [RC_COMPONENT] = PM_K_COMPONENT, [RC_INTERFACE] = PM_K_INTERFACE, [RC_FLOW] = PM_K_FLOW,
        [RC_ZONE] = PM_K_ZONE,           [RC_ASSET] = PM_K_ASSET,         [RC_SBOM] = PM_K_SBOM_COMPONENT,
        [RC_DEVICE] = PM_K_NONE,         [RC_VULN] = PM_K_VULNERABILITY,  [RC_CONTROL] = PM_K_CONTROL,
};

void rc_graph_build(rc_graph *g, const pm_model *m)
{
	memset(g, 0, sizeof *g);
	g->m = m;
	for (int e = 0; e < RC_N_ELEM; e++)
		g->n[e] = e == RC_DEVICE ? 1 : m->n_objs[elem_kind[e]];
	char buf[11];
	const char *d = pm_view_date(m, -1, buf);
	if (d && strlen(d) == 10)
		memcpy(g->date, d, 11);
	build_components(g);
	build_others(g);
}

void rc_graph_free(rc_graph *g)
{
	for (int i = 0; i < RC_CSR_MAX; i++) {
		free(g->csr[i].off);
		free(g->csr[i].v);
	}
	memset(g, 0, sizeof *g);
}

pm_kind rc_elem_kind(rc_elem el)
{
	return elem_kind[el];
}

const void *rc_object(const rc_graph *g, rc_elem el, int32_t idx)
{
	if (el == RC_DEVICE || idx < 0 || (size_t)idx >= g->n[el])
		return NULL;
	return g->m->objs[elem_kind[el]][idx];
}

const char *rc_id(const rc_graph *g, rc_elem el, int32_t idx)
{
	if (el == RC_DEVICE)
		return "device";
	const void *o = rc_object(g, el, idx);
	if (!o)
		return "?";
	switch (el) {
	case RC_COMPONENT:
		return ((const pm_component *)o)->id.s;
	case RC_INTERFACE:
		return ((const pm_interface *)o)->id.s;
	case RC_FLOW:
		return ((const pm_flow *)o)->id.s;
	case RC_ZONE:
		return ((const pm_zone *)o)->id.s;
	case RC_ASSET:
		return ((const pm_asset *)o)->id.s;
	case RC_SBOM:
		return ((const pm_sbom_component *)o)->id.s;
	case RC_VULN:
		return ((const pm_vulnerability *)o)->id.s;
	case RC_CONTROL:
		return ((const pm_control *)o)->id.s;
	default:
		return "?";
	}
}

/* ---- value helpers ----------------------------------------------------------------------- */

static void v_text(rc_val *v, const pm_str *s)
{
	v->present = s->s && s->s[0];
	v->one[0] = s->s;
}

static void v_list(rc_val *v, const pm_strs *l)
{
	v->present = l->n > 0;
	v->text = l->v;
	v->n_text = l->n;
}

static void v_enum(rc_val *v, const pm_enum *e)
{
	v->present = e->at.line && e->v >= 0;
	v->e = e->v;
}

static void v_bool(rc_val *v, int b, const char *note)
{
	v->present = 1;
	v->b = b != 0;
	v->note = note;
}

int rc_says_none(const char *s)
{
	if (!s)
		return 1;
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (!*s)
		return 1;
	static const char *const words[] = {
	        "none",        "no",        "not",       "n/a",  "off", "disabled", "unauthenticated",
	        "unencrypted", "cleartext", "plaintext", "plain"};
	size_t n = 0;
	while (s[n] && (isalpha((unsigned char)s[n]) || s[n] == '/'))
		n++;
	for (size_t i = 0; i < N(words); i++)
		if (strlen(words[i]) == n && strncasecmp(s, words[i], n) == 0)
			return 1;
	return 0;
}

int rc_number(const char *s, double *lo, double *hi)
{
	while (*s == ' ')
		s++;
	if (!isdigit((unsigned char)*s))
		return 0;
	double a = 0, b;
	for (; isdigit((unsigned char)*s); s++)
		a = a * 10 + (*s - '0');
	b = a;
	if (*s == '-' && isdigit((unsigned char)s[1])) {
		for (b = 0, s++; isdigit((unsigned char)*s); s++)
			b = b * 10 + (*s - '0');
		if (b < a)
			return 0;
	}
	if (*s && !strchr(" \t/,;)", *s))
		return 0;
	*lo = a;
	*hi = b;
	return 1;
}

int rc_has_word(const char *s, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = s; s && *p; p++) {
		if (strncasecmp(p, w, n) != 0)
			continue;
		if ((p == s || !isalnum((unsigned char)p[-1])) && !isalnum((unsigned char)p[n]))
			return 1;
	}
	return 0;
}

static const char *first_word(const char *s, const char *const *words, size_t n)
{
	for (size_t i = 0; s && i < n; i++)
		if (rc_has_word(s, words[i]))
			return words[i];
	return NULL;
}

static void v_stated(rc_val *v, const pm_str *s, const char *absent_note)
{
	v_bool(v, !rc_says_none(s->s), s->s ? s->s : absent_note);
}

static int zone_trust(const rc_graph *g, const pm_ref *zone)
{
	if (zone->kind != PM_K_ZONE)
		return -1;
	const pm_zone *z = g->m->objs[PM_K_ZONE][zone->idx];
	return z->trust.at.line ? z->trust.v : -1;
}

static int comp_trust(const rc_graph *g, int32_t c)
{
	return c >= 0 ? zone_trust(g, &comp_at(g, c)->zone) : -1;
}

static int32_t asset_multi(const rc_graph *g, const pm_refs *assets)
{
	for (size_t k = 0; k < assets->n; k++)
		if (assets->v[k].kind == PM_K_ASSET &&
		    ((const pm_asset *)g->m->objs[PM_K_ASSET][assets->v[k].idx])->multi_patient.v)
			return assets->v[k].idx;
	return -1;
}

static int iface_kind(const rc_graph *g, const pm_ref *r)
{
	return r->kind == PM_K_INTERFACE ? ((const pm_interface *)g->m->objs[PM_K_INTERFACE][r->idx])->kind.v : -1;
}

static int ip_kind(int k)
{
	return k == PM_IF_ETHERNET || k == PM_IF_WIFI || k == PM_IF_CELLULAR || k == PM_IF_API;
}

static int radio_kind(int k)
{
	return k == PM_IF_WIFI || k == PM_IF_BLE || k == PM_IF_BLUETOOTH || k == PM_IF_NFC || k == PM_IF_CELLULAR ||
	       k == PM_IF_INDUCTIVE || k == PM_IF_RF;
}

/* ---- component ----------------------------------------------------------------------------- */

#define OBJ(T, g, i) ((const T *)(g)->m->objs[elem_kind_of_##T][i])
enum {
	elem_kind_of_pm_component = PM_K_COMPONENT,
	elem_kind_of_pm_interface = PM_K_INTERFACE,
	elem_kind_of_pm_flow = PM_K_FLOW,
	elem_kind_of_pm_zone = PM_K_ZONE,
	elem_kind_of_pm_asset = PM_K_ASSET,
	elem_kind_of_pm_sbom_component = PM_K_SBOM_COMPONENT,
	elem_kind_of_pm_vulnerability = PM_K_VULNERABILITY,
	elem_kind_of_pm_control = PM_K_CONTROL
};

/* A getter of a text, enum or list field: one line each. */
#define GET_TEXT(T, f)                                                     \
	static void get_##T##_##f(const rc_graph *g, int32_t i, rc_val *v) \
	{                                                                  \
		v_text(v, &OBJ(T, g, i)->f);                               \
	}
#define GET_ENUM(T, f)                                                     \
	static void get_##T##_##f(const rc_graph *g, int32_t i, rc_val *v) \
	{                                                                  \
		v_enum(v, &OBJ(T, g, i)->f);                               \
	}
#define GET_LIST(T, f)                                                     \
	static void get_##T##_##f(const rc_graph *g, int32_t i, rc_val *v) \
	{                                                                  \
		v_list(v, &OBJ(T, g, i)->f);                               \
	}
#define GET_BOOL(T, f)                                                     \
	static void get_##T##_##f(const rc_graph *g, int32_t i, rc_val *v) \
	{                                                                  \
		const T *o = OBJ(T, g, i);                                 \
		v_bool(v, o->f.v, NULL);                                   \
		v->present = o->f.at.line != 0;                            \
	}

GET_TEXT(pm_component, id)
GET_TEXT(pm_component, name)
GET_TEXT(pm_component, description)
GET_TEXT(pm_component, supplier)
GET_TEXT(pm_component, version)
GET_TEXT(pm_component, os)
GET_ENUM(pm_component, kind)

static void get_comp_trust(const rc_graph *g, int32_t i, rc_val *v)
{
	v->e = comp_trust(g, i);
	v->present = v->e >= 0;
}

static void get_comp_controlled_by(const rc_graph *g, int32_t i, rc_val *v)
{
	const pm_ref *z = &comp_at(g, i)->zone;
	if (z->kind == PM_K_ZONE)
		v_enum(v, &((const pm_zone *)g->m->objs[PM_K_ZONE][z->idx])->controlled_by);
}

static void get_comp_multi(const rc_graph *g, int32_t i, rc_val *v)
{
	const pm_component *c = comp_at(g, i);
	int32_t a = asset_multi(g, &c->assets);
	if (c->kind.v == PM_COMP_CLOUD)
		v_bool(v, 1, "a cloud_service component");
	else
		v_bool(v, a >= 0, a >= 0 ? ((const pm_asset *)g->m->objs[PM_K_ASSET][a])->id.s : NULL);
}

static const rc_attr component_attrs[] = {
        {"id", RC_TEXT, NULL, get_pm_component_id, "The component's `id`."},
        {"name", RC_TEXT, NULL, get_pm_component_name, "Its `name`."},
        {"kind", RC_ENUM, pm_enum_names_component_kind, get_pm_component_kind, "Its `kind`."},
        {"description", RC_TEXT, NULL, get_pm_component_description, "Its `description`."},
        {"supplier", RC_TEXT, NULL, get_pm_component_supplier, "Its `supplier` (third-party components)."},
        {"version", RC_TEXT, NULL, get_pm_component_version, "Its `version`."},
        {"os", RC_TEXT, NULL, get_pm_component_os, "Its operating system, `os`."},
        {"trust", RC_ORD, pm_enum_names_trust, get_comp_trust,
         "The `trust` of its zone (untrusted < partially_trusted < trusted)."},
        {"controlled_by", RC_ENUM, pm_enum_names_controller, get_comp_controlled_by,
         "Who controls its zone, the zone's `controlled_by`."},
        {"multi_patient", RC_BOOL, NULL, get_comp_multi,
         "A cloud_service, or it stores or processes a `multi_patient` asset."},
};

static int32_t one_comp_zone(const rc_graph *g, int32_t i)
{
	return ref_idx(&comp_at(g, i)->zone, PM_K_ZONE);
}

static const rc_rel component_rels[] = {
        {"zone", RC_ZONE, 0, one_comp_zone, 0, "Its zone (`zone`)."},
        {"interfaces", RC_INTERFACE, 1, NULL, G_C_IFACES, "Its `interfaces`."},
        {"flows", RC_FLOW, 1, NULL, G_C_FLOWS, "The flows from or to it."},
        {"flows_in", RC_FLOW, 1, NULL, G_C_IN, "The flows to it (and bidirectional flows from it)."},
        {"flows_out", RC_FLOW, 1, NULL, G_C_OUT, "The flows from it (and bidirectional flows to it)."},
        {"assets", RC_ASSET, 1, NULL, G_C_ASSETS, "The `assets` it stores or processes."},
        {"sbom", RC_SBOM, 1, NULL, G_C_SBOM, "The SBOM components it runs (`sbom`)."},
        {"controls", RC_CONTROL, 1, NULL, G_C_CONTROLS, "The controls that name it in their `components`."},
};

/* ---- interface ------------------------------------------------------------------------------ */

GET_TEXT(pm_interface, id)
GET_TEXT(pm_interface, name)
GET_ENUM(pm_interface, kind)
GET_ENUM(pm_interface, direction)
GET_ENUM(pm_interface, status)
GET_LIST(pm_interface, protocols)
GET_LIST(pm_interface, ports)
GET_LIST(pm_interface, destinations)
GET_TEXT(pm_interface, purpose)
GET_TEXT(pm_interface, authentication)
GET_TEXT(pm_interface, encryption)

static void get_if_enabled(const rc_graph *g, int32_t i, rc_val *v)
{
	const pm_interface *f = OBJ(pm_interface, g, i);
	v_bool(v, f->status.v == PM_IFS_USED, pm_enum_names_iface_status[f->status.v]);
}

static void get_if_wireless(const rc_graph *g, int32_t i, rc_val *v)
{
	int k = OBJ(pm_interface, g, i)->kind.v;
	v_bool(v, radio_kind(k), pm_enum_names_iface_kind[k]);
}

static void get_if_authenticated(const rc_graph *g, int32_t i, rc_val *v)
{
	v_stated(v, &OBJ(pm_interface, g, i)->authentication, "authentication not stated");
}

static void get_if_encrypted(const rc_graph *g, int32_t i, rc_val *v)
{
	v_stated(v, &OBJ(pm_interface, g, i)->encryption, "encryption not stated");
}

static void get_if_trust(const rc_graph *g, int32_t i, rc_val *v)
{
	v->e = comp_trust(g, OBJ(pm_interface, g, i)->component);
	v->present = v->e >= 0;
}

static const rc_attr interface_attrs[] = {
        {"id", RC_TEXT, NULL, get_pm_interface_id, "The interface's `id`."},
        {"name", RC_TEXT, NULL, get_pm_interface_name, "Its `name`."},
        {"kind", RC_ENUM, pm_enum_names_iface_kind, get_pm_interface_kind, "Its `kind`."},
        {"direction", RC_ENUM, pm_enum_names_direction, get_pm_interface_direction, "Its `direction`."},
        {"status", RC_ENUM, pm_enum_names_iface_status, get_pm_interface_status,
         "Its `status`: used, unused or disabled."},
        {"enabled", RC_BOOL, NULL, get_if_enabled, "Its `status` is used."},
        {"wireless", RC_BOOL, NULL, get_if_wireless,
         "Its `kind` is wifi, ble, bluetooth, nfc, cellular, inductive or rf."},
        {"protocol", RC_TEXT, NULL, get_pm_interface_protocols, "Its `protocols` (any one may match)."},
        {"port", RC_NUM, NULL, get_pm_interface_ports, "Its `ports`, as numbers (any one may match)."},
        {"destinations", RC_TEXT, NULL, get_pm_interface_destinations, "Its approved `destinations`."},
        {"purpose", RC_TEXT, NULL, get_pm_interface_purpose, "Its `purpose`."},
        {"authentication", RC_TEXT, NULL, get_pm_interface_authentication, "Its `authentication` text."},
        {"encryption", RC_TEXT, NULL, get_pm_interface_encryption, "Its `encryption` text."},
        {"authenticated", RC_BOOL, NULL, get_if_authenticated, "Its `authentication` is stated and does not say none."},
        {"encrypted", RC_BOOL, NULL, get_if_encrypted, "Its `encryption` is stated and does not say none."},
        {"trust", RC_ORD, pm_enum_names_trust, get_if_trust, "The `trust` of its component's zone."},
};

static int32_t one_if_component(const rc_graph *g, int32_t i)
{
	return OBJ(pm_interface, g, i)->component;
}

static const rc_rel interface_rels[] = {
        {"component", RC_COMPONENT, 0, one_if_component, 0, "The component it belongs to."},
        {"flows", RC_FLOW, 1, NULL, G_I_FLOWS, "The flows that name it as `from_interface` or `to_interface`."},
};

/* ---- flow -------------------------------------------------------------------------------------- */

GET_TEXT(pm_flow, id)
GET_TEXT(pm_flow, name)
GET_ENUM(pm_flow, kind)
GET_TEXT(pm_flow, protocol_version)
GET_TEXT(pm_flow, authentication)
GET_TEXT(pm_flow, encryption)
GET_TEXT(pm_flow, integrity)
GET_TEXT(pm_flow, session)
GET_TEXT(pm_flow, port)
GET_BOOL(pm_flow, bidirectional)

static void get_flow_protocol(const rc_graph *g, int32_t i, rc_val *v)
{
	const pm_flow *f = OBJ(pm_flow, g, i);
	v->present = f->protocol.s || f->protocol_version.s;
	v->one[0] = f->protocol.s;
	v->one[1] = f->protocol_version.s;
}

static void get_flow_authenticated(const rc_graph *g, int32_t i, rc_val *v)
{
	v_stated(v, &OBJ(pm_flow, g, i)->authentication, "authentication not stated");
}

static void get_flow_encrypted(const rc_graph *g, int32_t i, rc_val *v)
{
	v_stated(v, &OBJ(pm_flow, g, i)->encryption, "encryption not stated");
}

static void get_flow_integrity(const rc_graph *g, int32_t i, rc_val *v)
{
	const pm_flow *f = OBJ(pm_flow, g, i);
	if (f->integrity.s)
		v_stated(v, &f->integrity, NULL);
	else if (!rc_says_none(f->encryption.s))
		v_bool(v, 1, "integrity not stated; encrypted");
	else
		v_bool(v, 0, "integrity not stated; not encrypted");
}

static void flow_trusts(const rc_graph *g, int32_t i, int *from, int *to)
{
	const pm_flow *f = OBJ(pm_flow, g, i);
	*from = comp_trust(g, ref_idx(&f->from, PM_K_COMPONENT));
	*to = comp_trust(g, ref_idx(&f->to, PM_K_COMPONENT));
}

static void get_flow_crosses(const rc_graph *g, int32_t i, rc_val *v)
{
	const pm_flow *f = OBJ(pm_flow, g, i);
	const pm_component *a = comp_at(g, ref_idx(&f->from, PM_K_COMPONENT)),
	                   *b = comp_at(g, ref_idx(&f->to, PM_K_COMPONENT));
	int cross = a && b && a->zone.kind == PM_K_ZONE && b->zone.kind == PM_K_ZONE && a->zone.idx != b->zone.idx;
	v_bool(v, cross, NULL);
}

static void get_flow_inbound(const rc_graph *g, int32_t i, rc_val *v)
{
	int a, b;
	flow_trusts(g, i, &a, &b);
	int bi = flow_bidirectional(OBJ(pm_flow, g, i));
	v_bool(v, a >= 0 && b >= 0 && (b > a || (bi && a != b)), NULL);
}

static void get_flow_outbound(const rc_graph *g, int32_t i, rc_val *v)
{
	int a, b;
	flow_trusts(g, i, &a, &b);
	int bi = flow_bidirectional(OBJ(pm_flow, g, i));
	v_bool(v, a >= 0 && b >= 0 && (a > b || (bi && a != b)), NULL);
}

static void get_flow_multi(const rc_graph *g, int32_t i, rc_val *v)
{
	const pm_flow *f = OBJ(pm_flow, g, i);
	const pm_component *ends[2] = {comp_at(g, ref_idx(&f->from, PM_K_COMPONENT)),
	                               comp_at(g, ref_idx(&f->to, PM_K_COMPONENT))};
	if (f->kind.v == PM_FLOW_CODE) {
		v_bool(v, 1, "a flow of kind code");
		return;
	}
	for (int e = 0; e < 2; e++)
		if (ends[e] && ends[e]->kind.v == PM_COMP_CLOUD) {
			v_bool(v, 1, "from or to a cloud_service component");
			return;
		}
	int32_t a = asset_multi(g, &f->assets);
	v_bool(v, a >= 0, a >= 0 ? ((const pm_asset *)g->m->objs[PM_K_ASSET][a])->id.s : NULL);
}

/* How a flow travels, from its interfaces, then its port and protocol words. */
static const char *const ip_words[] = {
        "ip",     "tcp",  "udp",  "http",  "https", "tls",      "dtls",   "rest",   "websocket", "mqtt",
        "coap",   "amqp", "mllp", "dicom", "fhir",  "ssh",      "sftp",   "ftp",    "ftps",      "snmp",
        "syslog", "dns",  "ntp",  "dhcp",  "smb",   "rdp",      "vnc",    "telnet", "modbus",    "est",
        "git",    "grpc", "soap", "ldap",  "ldaps", "kerberos", "radius", "vpn",    "ipsec",
};
static const char *const radio_words[] = {
        "ble",    "bluetooth", "gatt", "wi-fi",    "wifi", "802.11",    "nfc", "rfid",
        "zigbee", "lte",       "5g",   "cellular", "mics", "inductive", "ism",
};

/* How a flow travels: its interfaces decide (one of kind `is` at either end:
 * yes; interfaces of other kinds: no); without interfaces, for IP only a
 * port number, then a word of the protocol fields. */
static void flow_medium(const rc_graph *g, int32_t i, rc_val *v, int (*is)(int), int port_counts,
                        const char *const *words, size_t n_words)
{
	const pm_flow *f = OBJ(pm_flow, g, i);
	int k[2] = {iface_kind(g, &f->from_interface), iface_kind(g, &f->to_interface)};
	double lo, hi;
	const char *w;
	for (int e = 0; e < 2; e++)
		if (k[e] >= 0 && is(k[e])) {
			v_bool(v, 1, pm_enum_names_iface_kind[k[e]]);
			return;
		}
	if (k[0] >= 0 || k[1] >= 0)
		v_bool(v, 0, pm_enum_names_iface_kind[k[0] >= 0 ? k[0] : k[1]]);
	else if (port_counts && f->port.s && rc_number(f->port.s, &lo, &hi))
		v_bool(v, 1, f->port.s);
	else if ((w = first_word(f->protocol.s, words, n_words)) ||
	         (w = first_word(f->protocol_version.s, words, n_words)))
		v_bool(v, 1, w);
	else
		v_bool(v, 0, NULL);
}

static void get_flow_network(const rc_graph *g, int32_t i, rc_val *v)
{
	flow_medium(g, i, v, ip_kind, 1, ip_words, N(ip_words));
}

static void get_flow_wireless(const rc_graph *g, int32_t i, rc_val *v)
{
	flow_medium(g, i, v, radio_kind, 0, radio_words, N(radio_words));
}

static const rc_attr flow_attrs[] = {
        {"id", RC_TEXT, NULL, get_pm_flow_id, "The flow's `id`."},
        {"name", RC_TEXT, NULL, get_pm_flow_name, "Its `name`."},
        {"kind", RC_ENUM, pm_enum_names_flow_kind, get_pm_flow_kind, "Its `kind`: what it carries."},
        {"protocol", RC_TEXT, NULL, get_flow_protocol, "Its `protocol` or `protocol_version` (either may match)."},
        {"protocol_version", RC_TEXT, NULL, get_pm_flow_protocol_version, "Its `protocol_version`."},
        {"port", RC_NUM, NULL, get_pm_flow_port, "Its `port`, as a number."},
        {"authentication", RC_TEXT, NULL, get_pm_flow_authentication, "Its `authentication` text."},
        {"encryption", RC_TEXT, NULL, get_pm_flow_encryption, "Its `encryption` text."},
        {"integrity", RC_TEXT, NULL, get_pm_flow_integrity, "Its `integrity` text."},
        {"session", RC_TEXT, NULL, get_pm_flow_session, "Its `session` text."},
        {"authenticated", RC_BOOL, NULL, get_flow_authenticated, "Its `authentication` does not say none."},
        {"encrypted", RC_BOOL, NULL, get_flow_encrypted, "Its `encryption` does not say none."},
        {"integrity_protected", RC_BOOL, NULL, get_flow_integrity,
         "Its `integrity` does not say none; when not stated, it is encrypted."},
        {"network", RC_BOOL, NULL, get_flow_network,
         "It travels over an IP network: an ethernet, wifi, cellular or api interface at either end; without "
         "interfaces, a port number or an IP protocol word (HTTP, TLS, TCP, MLLP, DICOM, ...) in its protocol."},
        {"wireless", RC_BOOL, NULL, get_flow_wireless,
         "It travels over radio: a wireless interface at either end; without interfaces, a radio word (BLE, Bluetooth, "
         "Wi-Fi, NFC, LTE, ...) in its protocol."},
        {"crosses_boundary", RC_BOOL, NULL, get_flow_crosses, "Its ends are in different zones."},
        {"inbound", RC_BOOL, NULL, get_flow_inbound, "It enters a more trusted zone than it leaves."},
        {"outbound", RC_BOOL, NULL, get_flow_outbound, "It enters a less trusted zone than it leaves."},
        {"multi_patient", RC_BOOL, NULL, get_flow_multi,
         "Of kind code, from or to a cloud_service, or it carries a `multi_patient` asset."},
        {"bidirectional", RC_BOOL, NULL, get_pm_flow_bidirectional,
         "Its `bidirectional`: it also goes from `to` to `from`."},
};

static int32_t one_flow_from(const rc_graph *g, int32_t i)
{
	return ref_idx(&OBJ(pm_flow, g, i)->from, PM_K_COMPONENT);
}

static int32_t one_flow_to(const rc_graph *g, int32_t i)
{
	return ref_idx(&OBJ(pm_flow, g, i)->to, PM_K_COMPONENT);
}

static int32_t one_flow_from_if(const rc_graph *g, int32_t i)
{
	return ref_idx(&OBJ(pm_flow, g, i)->from_interface, PM_K_INTERFACE);
}

static int32_t one_flow_to_if(const rc_graph *g, int32_t i)
{
	return ref_idx(&OBJ(pm_flow, g, i)->to_interface, PM_K_INTERFACE);
}

static const rc_rel flow_rels[] = {
        {"from", RC_COMPONENT, 0, one_flow_from, 0, "Its source component (`from`)."},
        {"to", RC_COMPONENT, 0, one_flow_to, 0, "Its destination component (`to`)."},
        {"from_interface", RC_INTERFACE, 0, one_flow_from_if, 0, "The interface it leaves through (`from_interface`)."},
        {"to_interface", RC_INTERFACE, 0, one_flow_to_if, 0, "The interface it arrives at (`to_interface`)."},
        {"ends", RC_COMPONENT, 1, NULL, G_F_ENDS, "Its two components, `from` and `to`."},
        {"assets", RC_ASSET, 1, NULL, G_F_ASSETS, "The `assets` it carries."},
};

/* ---- zone ---------------------------------------------------------------------------------------- */

GET_TEXT(pm_zone, id)
GET_TEXT(pm_zone, name)
GET_TEXT(pm_zone, description)
GET_ENUM(pm_zone, trust)
GET_ENUM(pm_zone, controlled_by)

static const rc_attr zone_attrs[] = {
        {"id", RC_TEXT, NULL, get_pm_zone_id, "The zone's `id`."},
        {"name", RC_TEXT, NULL, get_pm_zone_name, "Its `name`."},
        {"description", RC_TEXT, NULL, get_pm_zone_description, "Its `description`."},
        {"trust", RC_ORD, pm_enum_names_trust, get_pm_zone_trust,
         "Its `trust` (untrusted < partially_trusted < trusted)."},
        {"controlled_by", RC_ENUM, pm_enum_names_controller, get_pm_zone_controlled_by, "Its `controlled_by`."},
};

static const rc_rel zone_rels[] = {
        {"components", RC_COMPONENT, 1, NULL, G_Z_COMPS, "The components in it."},
};

/* ---- asset ----------------------------------------------------------------------------------------- */

GET_TEXT(pm_asset, id)
GET_TEXT(pm_asset, name)
GET_TEXT(pm_asset, description)
GET_ENUM(pm_asset, kind)
GET_BOOL(pm_asset, multi_patient)
GET_BOOL(pm_asset, safety_relevant)

static void get_asset_c(const rc_graph *g, int32_t i, rc_val *v)
{
	v_enum(v, &OBJ(pm_asset, g, i)->harm.confidentiality);
}
static void get_asset_i(const rc_graph *g, int32_t i, rc_val *v)
{
	v_enum(v, &OBJ(pm_asset, g, i)->harm.integrity);
}
static void get_asset_a(const rc_graph *g, int32_t i, rc_val *v)
{
	v_enum(v, &OBJ(pm_asset, g, i)->harm.availability);
}

static void get_asset_harm(const rc_graph *g, int32_t i, rc_val *v)
{
	const pm_harm *h = &OBJ(pm_asset, g, i)->harm;
	const pm_enum *e[3] = {&h->confidentiality, &h->integrity, &h->availability};
	for (int k = 0; k < 3; k++)
		if (e[k]->at.line && (!v->present || e[k]->v > v->e)) {
			v->present = 1;
			v->e = e[k]->v;
		}
}

static const rc_attr asset_attrs[] = {
        {"id", RC_TEXT, NULL, get_pm_asset_id, "The asset's `id`."},
        {"name", RC_TEXT, NULL, get_pm_asset_name, "Its `name`."},
        {"description", RC_TEXT, NULL, get_pm_asset_description, "Its `description`."},
        {"kind", RC_ENUM, pm_enum_names_asset_kind, get_pm_asset_kind, "Its `kind`."},
        {"confidentiality", RC_ORD, pm_enum_names_harm, get_asset_c,
         "Its `harm.confidentiality` (negligible < minor < serious < critical < catastrophic)."},
        {"integrity", RC_ORD, pm_enum_names_harm, get_asset_i, "Its `harm.integrity`."},
        {"availability", RC_ORD, pm_enum_names_harm, get_asset_a, "Its `harm.availability`."},
        {"harm", RC_ORD, pm_enum_names_harm, get_asset_harm, "The highest of its three harm levels."},
        {"multi_patient", RC_BOOL, NULL, get_pm_asset_multi_patient, "Its `multi_patient`."},
        {"safety_relevant", RC_BOOL, NULL, get_pm_asset_safety_relevant, "Its `safety_relevant`."},
};

static const rc_rel asset_rels[] = {
        {"components", RC_COMPONENT, 1, NULL, G_A_COMPS, "The components that store or process it."},
        {"flows", RC_FLOW, 1, NULL, G_A_FLOWS, "The flows that carry it."},
};

/* ---- SBOM component ----------------------------------------------------------------------------------- */

GET_TEXT(pm_sbom_component, id)
GET_TEXT(pm_sbom_component, name)
GET_TEXT(pm_sbom_component, version)
GET_TEXT(pm_sbom_component, supplier)
GET_TEXT(pm_sbom_component, purl)
GET_TEXT(pm_sbom_component, cpe)
GET_TEXT(pm_sbom_component, license)
GET_TEXT(pm_sbom_component, end_of_support)
GET_ENUM(pm_sbom_component, kind)
GET_ENUM(pm_sbom_component, support)

static int eos_passed(const rc_graph *g, const pm_sbom_component *s)
{
	return s->end_of_support.s && g->date[0] && strcmp(s->end_of_support.s, g->date) < 0;
}

static void get_sbom_eos_passed(const rc_graph *g, int32_t i, rc_val *v)
{
	const pm_sbom_component *s = OBJ(pm_sbom_component, g, i);
	v_bool(v, eos_passed(g, s), s->end_of_support.s ? s->end_of_support.s : "no end_of_support date");
}

static void get_sbom_unsupported(const rc_graph *g, int32_t i, rc_val *v)
{
	const pm_sbom_component *s = OBJ(pm_sbom_component, g, i);
	int lvl = s->support.at.line && (s->support.v == PM_SUP_NO_LONGER || s->support.v == PM_SUP_ABANDONED);
	v_bool(v, lvl || eos_passed(g, s), lvl ? pm_enum_names_support[s->support.v] : s->end_of_support.s);
}

/* Vulnerabilities of an SBOM component that are not fixed and not not_affected. */
static int32_t open_vuln(const rc_graph *g, int32_t i, int kev_only)
{
	const rc_csr *c = &g->csr[G_S_VULNS];
	for (uint32_t k = c->off[i]; k < c->off[i + 1]; k++) {
		const pm_vulnerability *v = g->m->objs[PM_K_VULNERABILITY][c->v[k]];
		int open = !v->status.at.line || (v->status.v != PM_VEX_FIXED && v->status.v != PM_VEX_NOT_AFFECTED);
		if (open && (!kev_only || v->kev.v))
			return c->v[k];
	}
	return -1;
}

static void get_sbom_known_vulns(const rc_graph *g, int32_t i, rc_val *v)
{
	int32_t k = open_vuln(g, i, 0);
	v_bool(v, k >= 0, k >= 0 ? rc_id(g, RC_VULN, k) : NULL);
}

static void get_sbom_kev(const rc_graph *g, int32_t i, rc_val *v)
{
	int32_t k = open_vuln(g, i, 1);
	v_bool(v, k >= 0, k >= 0 ? rc_id(g, RC_VULN, k) : NULL);
}

static const rc_attr sbom_attrs[] = {
        {"id", RC_TEXT, NULL, get_pm_sbom_component_id, "The SBOM component's `id`."},
        {"name", RC_TEXT, NULL, get_pm_sbom_component_name, "Its `name`."},
        {"version", RC_TEXT, NULL, get_pm_sbom_component_version, "Its `version`."},
        {"supplier", RC_TEXT, NULL, get_pm_sbom_component_supplier, "Its `supplier`."},
        {"purl", RC_TEXT, NULL, get_pm_sbom_component_purl, "Its package URL, `purl`."},
        {"cpe", RC_TEXT, NULL, get_pm_sbom_component_cpe, "Its `cpe`."},
        {"license", RC_TEXT, NULL, get_pm_sbom_component_license, "Its `license`."},
        {"kind", RC_ENUM, pm_enum_names_sbom_kind, get_pm_sbom_component_kind, "Its `kind`."},
        {"support", RC_ENUM, pm_enum_names_support, get_pm_sbom_component_support, "Its FDA level of `support`."},
        {"end_of_support", RC_TEXT, NULL, get_pm_sbom_component_end_of_support, "Its `end_of_support` date."},
        {"end_of_support_passed", RC_BOOL, NULL, get_sbom_eos_passed,
         "Its `end_of_support` is before the documentation date."},
        {"unsupported", RC_BOOL, NULL, get_sbom_unsupported,
         "Its `support` is no_longer_maintained or abandoned, or its end of support has passed."},
        {"known_vulnerabilities", RC_BOOL, NULL, get_sbom_known_vulns,
         "A vulnerability names it and is neither fixed nor not_affected."},
        {"kev", RC_BOOL, NULL, get_sbom_kev, "Such a vulnerability is in CISA's KEV catalog (`kev`)."},
};

static const rc_rel sbom_rels[] = {
        {"components", RC_COMPONENT, 1, NULL, G_S_COMPS, "The components that run it."},
        {"vulnerabilities", RC_VULN, 1, NULL, G_S_VULNS, "The vulnerabilities that name it."},
        {"depends_on", RC_SBOM, 1, NULL, G_S_DEPS, "Its direct dependencies (`depends_on`)."},
};

/* ---- device ---------------------------------------------------------------------------------------------- */

static void get_dev_name(const rc_graph *g, int32_t i, rc_val *v)
{
	(void)i;
	v_text(v, &g->m->device.name);
}

static void get_dev_cyber(const rc_graph *g, int32_t i, rc_val *v)
{
	(void)i;
	const pm_cyber_device *c = &g->m->device.cyber_device;
	v_bool(v, c->at.line && c->software.v && c->internet_connectable.v && c->vulnerable_characteristics.v, NULL);
}

static void get_dev_internet(const rc_graph *g, int32_t i, rc_val *v)
{
	(void)i;
	v_bool(v, g->m->device.cyber_device.internet_connectable.v, NULL);
}

static void get_dev_submission(const rc_graph *g, int32_t i, rc_val *v)
{
	(void)i;
	v_enum(v, &g->m->device.submission_type);
}

static void get_dev_class(const rc_graph *g, int32_t i, rc_val *v)
{
	(void)i;
	v_enum(v, &g->m->device.device_class);
}

static const rc_attr device_attrs[] = {
        {"name", RC_TEXT, NULL, get_dev_name, "The device's `name`."},
        {"cyber_device", RC_BOOL, NULL, get_dev_cyber, "All three criteria of `cyber_device` are true (524B(c))."},
        {"internet_connectable", RC_BOOL, NULL, get_dev_internet, "`cyber_device.internet_connectable`."},
        {"submission_type", RC_ENUM, pm_enum_names_submission, get_dev_submission, "`submission_type`."},
        {"device_class", RC_ORD, pm_enum_names_device_class, get_dev_class, "`device_class` (I < II < III)."},
};

static const rc_rel device_rels[] = {
        {"components", RC_COMPONENT, 1, NULL, G_D_COMPS, "Every component."},
        {"interfaces", RC_INTERFACE, 1, NULL, G_D_IFACES, "Every interface."},
        {"flows", RC_FLOW, 1, NULL, G_D_FLOWS, "Every flow."},
        {"zones", RC_ZONE, 1, NULL, G_D_ZONES, "Every zone."},
        {"assets", RC_ASSET, 1, NULL, G_D_ASSETS, "Every asset."},
        {"sbom", RC_SBOM, 1, NULL, G_D_SBOM, "Every SBOM component."},
        {"vulnerabilities", RC_VULN, 1, NULL, G_D_VULNS, "Every vulnerability."},
        {"controls", RC_CONTROL, 1, NULL, G_D_CONTROLS, "Every control."},
};

/* ---- vulnerability, control (reached through quantifiers) ---------------------------------------------- */

GET_TEXT(pm_vulnerability, id)
GET_TEXT(pm_vulnerability, cve)
GET_TEXT(pm_vulnerability, title)
GET_ENUM(pm_vulnerability, status)
GET_ENUM(pm_vulnerability, discovery)
GET_BOOL(pm_vulnerability, kev)

static const rc_attr vuln_attrs[] = {
        {"id", RC_TEXT, NULL, get_pm_vulnerability_id, "The vulnerability's `id`."},
        {"cve", RC_TEXT, NULL, get_pm_vulnerability_cve, "Its `cve`."},
        {"title", RC_TEXT, NULL, get_pm_vulnerability_title, "Its `title`."},
        {"status", RC_ENUM, pm_enum_names_vex_status, get_pm_vulnerability_status, "Its VEX `status`."},
        {"discovery", RC_ENUM, pm_enum_names_discovery, get_pm_vulnerability_discovery,
         "How it was discovered (`discovery`)."},
        {"kev", RC_BOOL, NULL, get_pm_vulnerability_kev, "Its `kev`."},
};

GET_TEXT(pm_control, id)
GET_TEXT(pm_control, title)
GET_ENUM(pm_control, category)
GET_ENUM(pm_control, status)

static void get_ctl_implemented(const rc_graph *g, int32_t i, rc_val *v)
{
	const pm_control *c = OBJ(pm_control, g, i);
	v_bool(v, c->status.v == PM_CS_IMPLEMENTED, pm_enum_names_control_status[c->status.v]);
}

static const rc_attr control_attrs[] = {
        {"id", RC_TEXT, NULL, get_pm_control_id, "The control's `id`."},
        {"title", RC_TEXT, NULL, get_pm_control_title, "Its `title`."},
        {"category", RC_ENUM, pm_enum_names_category, get_pm_control_category, "Its FDA `category`."},
        {"status", RC_ENUM, pm_enum_names_control_status, get_pm_control_status, "Its `status`."},
        {"implemented", RC_BOOL, NULL, get_ctl_implemented, "Its `status` is implemented."},
};

/* ---- the table ------------------------------------------------------------------------------------------- */

const rc_elem_def rc_elems[RC_N_ELEM] = {
        [RC_COMPONENT] = {"component", "components", component_attrs, N(component_attrs), component_rels,
                          N(component_rels)},
        [RC_INTERFACE] = {"interface", "interfaces", interface_attrs, N(interface_attrs), interface_rels,
                          N(interface_rels)},
        [RC_FLOW] = {"flow", "flows", flow_attrs, N(flow_attrs), flow_rels, N(flow_rels)},
        [RC_ZONE] = {"zone", "zones", zone_attrs, N(zone_attrs), zone_rels, N(zone_rels)},
        [RC_ASSET] = {"asset", "assets", asset_attrs, N(asset_attrs), asset_rels, N(asset_rels)},
        [RC_SBOM] = {"sbom_component", "SBOM components", sbom_attrs, N(sbom_attrs), sbom_rels, N(sbom_rels)},
        [RC_DEVICE] = {"device", "devices", device_attrs, N(device_attrs), device_rels, N(device_rels)},
        [RC_VULN] = {"vulnerability", "vulnerabilities", vuln_attrs, N(vuln_attrs), NULL, 0},
        [RC_CONTROL] = {"control", "controls", control_attrs, N(control_attrs), NULL, 0},
};

const rc_attr *rc_attr_find(rc_elem el, const char *name, size_t len)
{
	const rc_elem_def *d = &rc_elems[el];
	for (size_t i = 0; i < d->n_attrs; i++)
		if (strlen(d->attrs[i].name) == len && strncmp(d->attrs[i].name, name, len) == 0)
			return &d->attrs[i];
	return NULL;
}

const rc_rel *rc_rel_find(rc_elem el, const char *name, size_t len)
{
	const rc_elem_def *d = &rc_elems[el];
	for (size_t i = 0; i < d->n_rels; i++)
		if (strlen(d->rels[i].name) == len && strncmp(d->rels[i].name, name, len) == 0)
			return &d->rels[i];
	return NULL;
}
