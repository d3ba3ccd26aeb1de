/* check_util.c — helpers the rule files (gen/check_<area>.c) share: blank
 * and placeholder strings, whole-word mentions, first present mark, lists of
 * missing fields, the topology of components, interfaces and flows, and the
 * two item checks (labeling items, plan elements).  Declared in
 * check_internal.h. */
#include "check_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "premarket/buf.h"

/* Placeholder phrases: text that stands where the data should be.  The
 * first group also counts as a placeholder when it only begins the text and
 * what follows says where or why the data is missing ("Not specified in the
 * source model", "TBD: supplier to confirm"); the second only as the whole
 * text, since "N/A: the device has no radio" states a reason.  The rule is
 * documented in docs/check.md ("Placeholders are not data"). */
static const char *const placeholder_lead[] = {
        "not specified", "unspecified",
        "not stated",    "none stated",
        "not provided",  "not documented",
        "not known",     "unknown",
        "tbd",           "tbc",
        "tba",           "to be determined",
        "to be defined", "to be confirmed",
        "to be decided", "to be provided",
        "todo",          "pending",
        "placeholder",
};
static const char *const placeholder_whole[] = {"n/a", "na", "not applicable", "not available"};

/* Words after a leading placeholder phrase that still say only that the data is missing. */
static const char *const placeholder_tail[] = {"in", "by", "for", "from", "at", "as", "yet", "until", "pending"};

/* The length of word (case-insensitive) at p when it is followed by a word boundary, else 0. */
static size_t word_at(const char *p, const char *e, const char *word)
{
	size_t n = strlen(word);
	if ((size_t)(e - p) < n)
		return 0;
	for (size_t k = 0; k < n; k++)
		if (tolower((unsigned char)p[k]) != word[k])
			return 0;
	return p + n == e || !isalnum((unsigned char)p[n]) ? n : 0;
}

bool ck_placeholder(const char *s)
{
	if (!s)
		return false;
	const char *b = s, *e = s + strlen(s);
	while (b < e && isspace((unsigned char)*b))
		b++;
	while (e > b && (isspace((unsigned char)e[-1]) || e[-1] == '.' || e[-1] == '!' || e[-1] == '?'))
		e--;
	/* a letter or digit: ASCII, or any other character but the punctuation of
	 * U+2010..U+2027 (dashes, quotes, ellipsis: E2 80 90..A7 in UTF-8) */
	bool word = false;
	for (const unsigned char *p = (const unsigned char *)b; p < (const unsigned char *)e && !word; p++) {
		if (p[0] == 0xE2 && (const char *)p + 2 < e && p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0xA7)
			p += 2;
		else
			word = isalnum(*p) || *p >= 0x80;
	}
	if (!word)
		return true; /* blank, or only punctuation: "-", "?", "..." */
	for (size_t i = 0; i < sizeof placeholder_whole / sizeof *placeholder_whole; i++)
		if (word_at(b, e, placeholder_whole[i]) == (size_t)(e - b))
			return true;
	for (size_t i = 0; i < sizeof placeholder_lead / sizeof *placeholder_lead; i++) {
		size_t n = word_at(b, e, placeholder_lead[i]);
		if (!n)
			continue;
		const char *p = b + n;
		if (p == e)
			return true;
		/* a separator: ':', ',', ';' or '(', or a dash after a space */
		const char *q = p;
		while (q < e && *q == ' ')
			q++;
		if (q < e && (*q == ':' || *q == ',' || *q == ';' || *q == '('))
			return true;
		if (q == p)
			continue;
		if (*q == '-' || (e - q >= 3 && (unsigned char)q[0] == 0xE2 && (unsigned char)q[1] == 0x80 &&
		                  ((unsigned char)q[2] == 0x93 || (unsigned char)q[2] == 0x94)))
			return true; /* "-", en dash, em dash */
		for (size_t k = 0; k < sizeof placeholder_tail / sizeof *placeholder_tail; k++)
			if (word_at(q, e, placeholder_tail[k]))
				return true;
	}
	return false;
}

/* A string that is present, not blank and not a placeholder. */
bool ck_has(pm_str s)
{
	return s.s && !ck_placeholder(s.s);
}

/* Whether text mentions word as a whole word (case-insensitive): not
 * preceded or followed by a letter or digit. */
bool ck_mentions(const char *text, const char *word)
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

/* The first present mark. */
pm_mark ck_at2(pm_mark a, pm_mark b)
{
	return a.line ? a : b;
}

pm_mark ck_at3(pm_mark a, pm_mark b, pm_mark c)
{
	return a.line ? a : b.line ? b : c;
}

const char *ck_id(pm_str s)
{
	return s.s ? s.s : "?";
}

void ck_miss(ck_missing *l, bool present, const char *what)
{
	if (!present && l->n < sizeof l->v / sizeof *l->v)
		l->v[l->n++] = what;
}

char *ck_joined(const ck_missing *l)
{
	pm_buf b;
	pm_buf_init(&b, 0);
	for (size_t i = 0; i < l->n; i++)
		pm_buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == l->n ? " and " : ", ", l->v[i]);
	return pm_buf_detach(&b, NULL);
}

/* Add "PREFIX lacks a, b and c" when anything is missing. */
void ck_add_missing(pm_check_ctx *c, pm_mark at, const ck_missing *l, const char *prefix)
{
	if (!l->n)
		return;
	char *j = ck_joined(l);
	pm_check_add(c, at, "%s lacks %s", prefix, j);
	free(j);
}

const pm_component *ck_component_at(const pm_model *m, const pm_ref *r)
{
	return r->kind == PM_K_COMPONENT ? pm_model_obj(m, PM_K_COMPONENT, r->idx) : NULL;
}

static int zone_of(const pm_component *c)
{
	return c && c->zone.kind == PM_K_ZONE ? c->zone.idx : -1;
}

/* Both ends known, in different zones. */
bool ck_flow_crosses(const pm_model *m, const pm_flow *f)
{
	int a = zone_of(ck_component_at(m, &f->from)), b = zone_of(ck_component_at(m, &f->to));
	return a >= 0 && b >= 0 && a != b;
}

bool ck_flow_has_user(const pm_model *m, const pm_flow *f)
{
	const pm_component *a = ck_component_at(m, &f->from), *b = ck_component_at(m, &f->to);
	return (a && a->kind.v == PM_COMP_USER) || (b && b->kind.v == PM_COMP_USER);
}

const char *ck_zone_id(const pm_model *m, const pm_component *c)
{
	int z = zone_of(c);
	return z >= 0 ? ck_id(m->zones.v[z].id) : "?";
}

const pm_interface *ck_iface(const pm_model *m, size_t i)
{
	return m->objs[PM_K_INTERFACE][i];
}

int ck_iface_idx(const pm_ref *r)
{
	return r->kind == PM_K_INTERFACE ? r->idx : -1;
}

bool ck_control_counts(const pm_model *m, const pm_ref *r)
{
	const pm_control *k = r->kind == PM_K_CONTROL ? pm_model_obj(m, PM_K_CONTROL, r->idx) : NULL;
	return k && k->status.v != PM_CS_NOT_APPLICABLE;
}

bool ck_is_na(pm_enum status)
{
	return status.at.line && status.v == PM_PROV_NOT_APPLICABLE;
}

bool ck_default_policy(const pm_model *m)
{
	const pm_policy *p = &m->risk_policy;
	return m->policy_is_default ||
	       (p->name.s && strcmp(p->name.s, CK_DEFAULT_POLICY_NAME) == 0 && !ck_has(p->document.id));
}

bool ck_ide(const pm_model *m)
{
	return m->device.submission_type.at.line && m->device.submission_type.v == PM_SUB_IDE;
}

pm_check_status ck_rm_text(const pm_model *m, pm_check_ctx *c, pm_str v, const char *key, const char *what)
{
	const pm_risk_management *rm = &m->risk_management;
	if (!ck_has(v))
		pm_check_add(c, ck_at2(rm->at, m->device.at),
		             "the risk management report states no %s (risk_management.%s)", what, key);
	return pm_check_verdict(c);
}

void ck_item_check(pm_check_ctx *c, const pm_item *items, size_t n, int which, const char *name, const char *title,
                   pm_mark where, const char *section)
{
	const pm_item *it = NULL;
	for (size_t i = 0; i < n && !it; i++)
		if (items[i].item.at.line && items[i].item.v == which)
			it = &items[i];
	if (!it)
		pm_check_add(
		        c, where,
		        "%s %s (%s) is missing from %s.items (provide it, or mark it not_applicable with a rationale)",
		        strcmp(section, "labeling") == 0 ? "labeling item" : "plan element", name, title, section);
	else if (ck_is_na(it->status) ? !ck_has(it->rationale) : !ck_has(it->content) && !ck_has(it->location))
		pm_check_add(c, it->at,
		             ck_is_na(it->status)
		                     ? "%s is marked not applicable without a rationale"
		                     : "%s is provided but says neither what (content) nor where (location)",
		             name);
}
