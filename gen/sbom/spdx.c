/* spdx.c — what the SPDX JSON and tag-value readers share: parties,
 * NOASSERTION/NONE, creators, licences, purposes, external references
 * (purl, CPE, SWID, advisories), relationships and annotations.
 */
#include "internal.h"

#include "xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define DIGITS "0123456789"

/* ---- SPDX helpers ---------------------------------------------------------------- */

const char *sb_spdx_value(sb_builder *b, const char *s)
{
	const char *v = sb_str(b, s);
	if (!v || strcmp(v, "NOASSERTION") == 0 || strcmp(v, "NONE") == 0)
		return NULL;
	return v;
}

const char *sb_spdx_party(sb_builder *b, const char *s, const char **kind)
{
	static const char *const kinds[] = {"Organization", "Person", "Tool"};
	if (kind)
		*kind = NULL;
	const char *v = sb_spdx_value(b, s);
	if (!v)
		return NULL;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		size_t n = strlen(kinds[i]);
		if (strncmp(v, kinds[i], n) == 0 && v[n] == ':') {
			if (kind)
				*kind = kinds[i];
			v = sb_spdx_value(b, v + n + 1);
			break;
		}
	}
	/* "Jane Doe (jane@example.com)": the name without the e-mail address */
	size_t len = v ? strlen(v) : 0;
	const char *open = v ? strrchr(v, '(') : NULL;
	if (open && open > v && v[len - 1] == ')' && memchr(open, '@', (size_t)(v + len - open)))
		return sb_str(b, pm_arena_strndup(b->arena, v, (size_t)(open - v)));
	return v;
}

void sb_spdx_creator(sb_builder *b, const char *s)
{
	const char *kind;
	const char *who = sb_spdx_party(b, s, &kind);
	if (!who)
		return;
	if (kind && strcmp(kind, "Tool") == 0)
		sb_join(b, &b->doc->tools, ", ", who);
	else
		sb_join(b, &b->doc->author, ", ", who);
}

const char *sb_spdx_license(sb_builder *b, const char *concluded, const char *declared)
{
	const char *c = sb_spdx_value(b, concluded);
	return c ? c : sb_spdx_value(b, declared);
}

const char *sb_spdx_purpose(sb_builder *b, const char *s)
{
	const char *v = sb_str(b, s);
	if (!v)
		return NULL;
	char *r = pm_arena_strdup(b->arena, v);
	for (char *p = r; *p; p++)
		*p = *p == '_' ? '-' : (char)tolower((unsigned char)*p);
	return r;
}

void sb_spdx_version(sb_builder *b, const char *v, uint32_t line, uint32_t col)
{
	b->doc->spec_version = v;
	if (v && strcmp(v, "SPDX-2.2") != 0 && strcmp(v, "SPDX-2.3") != 0)
		sb_warn(b, line, col,
		        "SPDX version \"%.40s\" is not one this reader was written for (SPDX-2.2, SPDX-2.3)", v);
}

/* "CVE-2021-44228" or "GHSA-xxxx-xxxx-xxxx" inside s, as an arena string. */
static const char *advisory_id(sb_builder *b, const char *s)
{
	for (const char *p = s; *p; p++) {
		if (strncmp(p, "CVE-", 4) == 0 && strspn(p + 4, DIGITS) == 4 && p[8] == '-' &&
		    strspn(p + 9, DIGITS) >= 4)
			return pm_arena_strndup(b->arena, p, 9 + strspn(p + 9, DIGITS));
		if (strncmp(p, "GHSA-", 5) == 0 && strlen(p) >= 19)
			return pm_arena_strndup(b->arena, p, 19);
	}
	return NULL;
}

void sb_spdx_extref(sb_builder *b, int32_t ci, const char *category, const char *type, const char *locator,
                    uint32_t line, uint32_t col)
{
	const char *loc = sb_str(b, locator);
	if (!type || !loc)
		return;
	pm_sbom_comp *c = &b->comps[ci];
	if (strcmp(type, "purl") == 0) {
		if (!c->purl)
			c->purl = loc;
	} else if (strcmp(type, "cpe23Type") == 0) {
		if (!c->cpe || strncmp(c->cpe, "cpe:/", 5) == 0)
			c->cpe = loc;
	} else if (strcmp(type, "cpe22Type") == 0) {
		if (!c->cpe)
			c->cpe = loc;
	} else if (strcmp(type, "swid") == 0) {
		if (!c->swid)
			c->swid = loc;
	} else if (category &&
	           (strcmp(category, "SECURITY") == 0 || strcmp(category, "PERSISTENT-ID") == 0 ||
	            strcmp(category, "PERSISTENT_ID") == 0) &&
	           (strcmp(type, "advisory") == 0 || strcmp(type, "cve") == 0 || strcmp(type, "vulnerability") == 0)) {
		const char *ref = c->ref;
		int32_t vi = sb_vuln_new(b, line, col);
		pm_sbom_vuln *v = &b->vulns[vi];
		const char *id = advisory_id(b, loc);
		v->id = id ? id : loc;
		v->source = loc;
		if (ref) {
			v->affect_refs = pm_arena_alloc(b->arena, sizeof *v->affect_refs);
			v->affect_refs[0] = ref;
			v->n_affects = 1;
		}
	}
}

void sb_spdx_relationship(sb_builder *b, const char *a, const char *type, const char *bref, uint32_t line, uint32_t col)
{
	/* a TYPE b where a depends on (or contains) b */
	static const char *const forward[] = {"DEPENDS_ON", "CONTAINS", "DYNAMIC_LINK", "STATIC_LINK",
	                                      "HAS_PREREQUISITE"};
	/* a TYPE b where b depends on (or contains) a */
	static const char *const backward[] = {
	        "DEPENDENCY_OF",      "CONTAINED_BY",           "BUILD_DEPENDENCY_OF",
	        "DEV_DEPENDENCY_OF",  "OPTIONAL_DEPENDENCY_OF", "PROVIDED_DEPENDENCY_OF",
	        "TEST_DEPENDENCY_OF", "RUNTIME_DEPENDENCY_OF",  "PREREQUISITE_FOR",
	};
	b->doc->n_relationships++;
	if (!a || !type || !bref)
		return;
	int dir = 0;
	for (size_t i = 0; i < sizeof forward / sizeof forward[0] && !dir; i++)
		if (strcmp(type, forward[i]) == 0)
			dir = 1;
	for (size_t i = 0; i < sizeof backward / sizeof backward[0] && !dir; i++)
		if (strcmp(type, backward[i]) == 0)
			dir = -1;
	if (!dir)
		return;
	const char *from = dir > 0 ? a : bref, *to = dir > 0 ? bref : a;
	/* "X DEPENDS_ON NONE": X is known to have no dependencies */
	int none_to = strcmp(to, "NONE") == 0 || strcmp(to, "NOASSERTION") == 0;
	int none_from = strcmp(from, "NONE") == 0 || strcmp(from, "NOASSERTION") == 0;
	if (none_from && none_to)
		return;
	if (none_from)
		sb_rel_add(b, to, NULL, line, col);
	else
		sb_rel_add(b, from, none_to ? NULL : to, line, col);
}

void sb_spdx_annotation(sb_builder *b, pm_sbom_comp *c, const char *comment, uint32_t line, uint32_t col)
{
	if (!comment)
		return;
	const char *p = comment;
	while (*p) {
		while (*p && (sb_blank((unsigned char)*p) || *p == ',' || *p == ';'))
			p++;
		const char *s = p;
		while (*p && !sb_blank((unsigned char)*p) && *p != ',' && *p != ';')
			p++;
		const char *eq = memchr(s, '=', (size_t)(p - s));
		if (!eq || eq == s)
			continue;
		char *key = pm_xstrndup(s, (size_t)(eq - s));
		const char *value = pm_arena_strndup(b->arena, eq + 1, (size_t)(p - eq - 1));
		sb_comp_property(b, c, key, value, line, col);
		free(key);
	}
}
