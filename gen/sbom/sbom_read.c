/* sbom_read.c — the in-memory SBOM (include/premarket/sbom.h): reading a file,
 * detecting its format, the builder the format readers fill
 * (internal.h), resolving references, ids, and the NTIA checks.
 *
 * Contract (docs/sbom.md): every component, dependency and vulnerability of
 * a CycloneDX 1.2-1.6 (JSON, XML) or SPDX 2.2/2.3 (JSON, tag-value) file,
 * with FDA's level of support and end-of-support date read from the
 * property names listed in `props` below, and the NTIA minimum elements
 * checked per component (a component "has a dependency relationship" when
 * it appears in one: as either end of an edge, as the subject of a
 * CycloneDX dependencies[] record even with an empty dependsOn, or nested
 * in / containing another component).
 */
#include "date.h"
#include "hash.h"
#include "internal.h"

#include "premarket/cvss.h"
#include "premarket/sbom.h"
#include "xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_SCALAR ((size_t)8 << 20)
#define MAX_ID     200

/* ---- diagnostics ------------------------------------------------------------- */

int sb_error(sb_builder *b, pm_errkind kind, uint32_t line, uint32_t col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pm_diag_vadd(b->d, PM_ERROR, kind, b->file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

void sb_warn(sb_builder *b, uint32_t line, uint32_t col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pm_diag_vadd(b->d, PM_WARNING, PM_ERR_VALUE, b->file, line, col, fmt, ap);
	va_end(ap);
}

/* ---- strings ----------------------------------------------------------------- */

static int is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

const char *sb_str(sb_builder *b, const char *s)
{
	if (!s)
		return NULL;
	while (is_blank((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && is_blank((unsigned char)s[n - 1]))
		n--;
	return n ? pm_arena_strndup(b->arena, s, n) : NULL;
}

void sb_join(sb_builder *b, const char **acc, const char *sep, const char *s)
{
	if (!s || !*s)
		return;
	if (!*acc) {
		*acc = pm_arena_strdup(b->arena, s);
		return;
	}
	size_t a = strlen(*acc), l = strlen(sep), n = strlen(s);
	char *r = pm_arena_alloc(b->arena, a + l + n + 1);
	memcpy(r, *acc, a);
	memcpy(r + a, sep, l);
	memcpy(r + a + l, s, n + 1);
	*acc = r;
}

static int ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
	return *a == *b;
}

/* ---- names ------------------------------------------------------------------- */

const char *pm_sbom_format_name(int format)
{
	if (format < 0 || format >= PM_N_SBOM_FORMAT)
		return "?";
	return pm_enum_names_sbom_format[format];
}

const char *pm_sbom_ntia_name(unsigned bit)
{
	switch (bit) {
	case PM_NTIA_SUPPLIER:
		return "supplier";
	case PM_NTIA_NAME:
		return "name";
	case PM_NTIA_VERSION:
		return "version";
	case PM_NTIA_IDENTIFIER:
		return "identifier";
	case PM_NTIA_DEPENDENCY:
		return "dependency";
	case PM_NTIA_AUTHOR:
		return "author";
	case PM_NTIA_TIMESTAMP:
		return "timestamp";
	default:
		return NULL;
	}
}

/* ---- dates and support ---------------------------------------------------------- */

static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int num(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = 10 * v + (s[i] - '0');
	return v;
}

/* The time part after "T": hh:mm[:ss[.fff]][Z|+hh:mm|-hh:mm|+hhmm]. */
static int time_ok(const char *t)
{
	if (!digits(t, 2) || t[2] != ':' || !digits(t + 3, 2) || num(t, 2) > 23 || num(t + 3, 2) > 59)
		return 0;
	t += 5;
	if (*t == ':') {
		if (!digits(t + 1, 2) || num(t + 1, 2) > 60)
			return 0;
		t += 3;
		if (*t == '.' || *t == ',') {
			t++;
			if (!isdigit((unsigned char)*t))
				return 0;
			while (isdigit((unsigned char)*t))
				t++;
		}
	}
	if (*t == 'Z' || *t == 'z')
		return t[1] == '\0';
	if (*t == '+' || *t == '-') {
		t++;
		if (!digits(t, 2))
			return 0;
		t += 2;
		if (*t == ':')
			t++;
		if (*t && (!digits(t, 2) || t[2]))
			return 0;
		return 1;
	}
	return *t == '\0';
}

int pm_sbom_date(const char *s, char out[11])
{
	out[0] = '\0';
	if (!s)
		return -1;
	while (is_blank((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && is_blank((unsigned char)s[n - 1]))
		n--;
	if (n < 10 || pm_date_check(s, 10, NULL, NULL, NULL) != PM_DATE_OK)
		return -1;
	if (n > 10) {
		char tail[64];
		if ((s[10] != 'T' && s[10] != 't' && s[10] != ' ') || n - 11 >= sizeof tail)
			return -1;
		memcpy(tail, s + 11, n - 11);
		tail[n - 11] = '\0';
		if (!time_ok(tail))
			return -1;
	}
	memcpy(out, s, 10);
	out[10] = '\0';
	return 0;
}

int pm_sbom_support_of(const char *status)
{
	static const struct {
		const char *name;
		int support;
	} map[] = {
	        {"active", PM_SUP_ACTIVE},
	        {"deprecated", PM_SUP_NO_LONGER},
	        {"eol", PM_SUP_NO_LONGER},
	        {"abandoned", PM_SUP_ABANDONED},
	        {"unknown", PM_SUP_UNKNOWN},
	        {"actively_maintained", PM_SUP_ACTIVE},
	        {"no_longer_maintained", PM_SUP_NO_LONGER},
	};
	if (!status)
		return -1;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (ieq(status, map[i].name))
			return map[i].support;
	return -1;
}

/* Property names that carry FDA support information, with their rank: a
 * higher rank replaces a lower one on the same component, an equal rank
 * keeps the first value read. */
enum { P_SUPPORT, P_EOS };
static const struct {
	const char *name;
	int what, rank;
} props[] = {
        {"premarket:fda:levelOfSupport", P_SUPPORT, 3},
        {"cdx:cle:supportStatus", P_SUPPORT, 2},
        {"cle:supportStatus", P_SUPPORT, 2},
        {"cdx:lifecycle:milestone:endOfSupport", P_EOS, 3},
        {"validUntilDate", P_EOS, 3},
        {"ValidUntilDate", P_EOS, 3},
        {"cdx:cle:endOfSupport", P_EOS, 2},
        {"cle:endOfSupport", P_EOS, 2},
};

static int rank_of(const char *source)
{
	if (!source)
		return 0;
	for (size_t i = 0; i < sizeof props / sizeof props[0]; i++)
		if (strcmp(source, props[i].name) == 0)
			return props[i].rank;
	return 1;
}

void sb_comp_eos(sb_builder *b, pm_sbom_comp *c, const char *source, const char *value, int rank, uint32_t line,
                 uint32_t col)
{
	char date[11];
	if (!value)
		return;
	if (pm_sbom_date(value, date) < 0) {
		sb_warn(b, line, col, "%s \"%.60s\" is not an ISO 8601 date; the end of support is not set", source,
		        value);
		return;
	}
	if (c->end_of_support && rank <= rank_of(c->eos_source))
		return;
	c->end_of_support = pm_arena_strdup(b->arena, date);
	c->eos_source = source;
}

int sb_comp_property(sb_builder *b, pm_sbom_comp *c, const char *name, const char *value, uint32_t line, uint32_t col)
{
	if (!name)
		return 0;
	for (size_t i = 0; i < sizeof props / sizeof props[0]; i++) {
		if (strcmp(name, props[i].name) != 0)
			continue;
		if (props[i].what == P_EOS) {
			sb_comp_eos(b, c, props[i].name, value, props[i].rank, line, col);
			return 1;
		}
		int s = pm_sbom_support_of(value);
		if (s < 0) {
			sb_warn(b, line, col,
			        "%s \"%.60s\" is not a support status (active, deprecated, eol, abandoned or unknown)",
			        name, value ? value : "");
			return 1;
		}
		if (c->support >= 0 && props[i].rank <= rank_of(c->support_source))
			return 1;
		c->support = s;
		c->support_source = props[i].name;
		return 1;
	}
	return 0;
}

/* ---- the builder --------------------------------------------------------------- */

static void comp_init(pm_sbom_comp *c, int32_t parent, uint32_t line, uint32_t col)
{
	memset(c, 0, sizeof *c);
	c->parent = parent;
	c->support = -1;
	c->line = line;
	c->col = col;
}

int32_t sb_comp_new(sb_builder *b, int32_t parent, uint32_t line, uint32_t col)
{
	b->comps = pm_xgrow(b->comps, &b->cap_comps, b->n_comps + 1, sizeof *b->comps);
	comp_init(&b->comps[b->n_comps], parent, line, col);
	return (int32_t)b->n_comps++;
}

pm_sbom_comp *sb_meta_new(sb_builder *b, uint32_t line, uint32_t col)
{
	pm_sbom_comp *c = pm_arena_alloc(b->arena, sizeof *c);
	comp_init(c, -1, line, col);
	b->meta = c;
	return c;
}

const char *sb_hash_alg(sb_builder *b, const char *alg)
{
	static const char *const cdx[] = {"MD5",         "SHA-1",    "SHA-256",  "SHA-384",     "SHA-512",
	                                  "SHA3-256",    "SHA3-384", "SHA3-512", "BLAKE2b-256", "BLAKE2b-384",
	                                  "BLAKE2b-512", "BLAKE3",   "SHA-224"};
	if (!alg)
		return NULL;
	/* SPDX spells SHA256, SHA3_256, BLAKE2b-256 */
	char norm[32];
	size_t n = strlen(alg);
	if (n >= sizeof norm - 1)
		return sb_str(b, alg);
	if (n > 3 && strncmp(alg, "SHA", 3) == 0 && isdigit((unsigned char)alg[3]) && strcmp(alg, "SHA3") != 0 &&
	    alg[4] != '-' && alg[4] != '_') {
		norm[0] = 'S', norm[1] = 'H', norm[2] = 'A', norm[3] = '-';
		memcpy(norm + 4, alg + 3, n - 2);
	} else {
		memcpy(norm, alg, n + 1);
		for (char *p = norm; *p; p++)
			if (*p == '_')
				*p = '-';
	}
	for (size_t i = 0; i < sizeof cdx / sizeof cdx[0]; i++)
		if (ieq(norm, cdx[i]))
			return cdx[i];
	return sb_str(b, alg);
}

void sb_comp_hashes(sb_builder *b, pm_sbom_comp *c, const pm_sbom_hash *h, size_t n)
{
	if (!n)
		return;
	pm_sbom_hash *v = pm_arena_array(b->arena, c->n_hashes + n, sizeof *v);
	if (c->n_hashes)
		memcpy(v, c->hashes, c->n_hashes * sizeof *v);
	for (size_t i = 0; i < n; i++) {
		v[c->n_hashes + i].alg = sb_hash_alg(b, h[i].alg);
		v[c->n_hashes + i].value = h[i].value;
	}
	c->hashes = v;
	c->n_hashes += n;
}

void sb_rel_add(sb_builder *b, const char *from, const char *to, uint32_t line, uint32_t col)
{
	if (!from)
		return;
	b->rels = pm_xgrow(b->rels, &b->cap_rels, b->n_rels + 1, sizeof *b->rels);
	sb_rel *r = &b->rels[b->n_rels++];
	r->from = from;
	r->to = to;
	r->line = line;
	r->col = col;
}

void sb_other_add(sb_builder *b, const char *ref)
{
	if (!ref)
		return;
	b->other = pm_xgrow(b->other, &b->cap_other, b->n_other + 1, sizeof *b->other);
	b->other[b->n_other++] = ref;
}

int32_t sb_vuln_new(sb_builder *b, uint32_t line, uint32_t col)
{
	b->vulns = pm_xgrow(b->vulns, &b->cap_vulns, b->n_vulns + 1, sizeof *b->vulns);
	pm_sbom_vuln *v = &b->vulns[b->n_vulns];
	memset(v, 0, sizeof *v);
	v->line = line;
	v->col = col;
	return (int32_t)b->n_vulns++;
}

/* ---- CVSS ---------------------------------------------------------------------- */

void sb_rating_score(sb_builder *b, pm_sbom_rating *r, uint32_t line, uint32_t col, int quoted)
{
	r->vector_ok = 0;
	r->cvss_version = 0;
	r->cvss_tenths = -1;
	r->base_tenths = -1;
	r->cvss_name = NULL;
	if (!r->vector)
		return;
	const char *m = r->method;
	int v4 = m && strcmp(m, "CVSSv4") == 0;
	int v3 = m && (strcmp(m, "CVSSv3") == 0 || strcmp(m, "CVSSv31") == 0);
	int prefixed = strncmp(r->vector, "CVSS:", 5) == 0;
	/* CVSSv2, OWASP, SSVC, other: not a vector our engine reads; kept as text */
	if (!prefixed && !v3 && !v4 && m)
		return;
	const char *prefix = "";
	const char *rest = r->vector;
	if (!prefixed && v4)
		prefix = "CVSS:4.0/";
	else if (strncmp(r->vector, "CVSS:3.0/", 9) == 0) {
		prefix = "CVSS:3.1/"; /* 3.0 has the metrics of 3.1: scored with the 3.1 equations */
		rest = r->vector + 9;
	}
	size_t skipped = (size_t)(rest - r->vector), plen = strlen(prefix);
	char *s = pm_xasprintf("%s%s", prefix, rest);
	pm_cvss c;
	pm_cvss_error err;
	memset(&err, 0, sizeof err);
	if (pm_cvss_parse_flags(s, PM_CVSS_ASSUME_31, &c, &err) < 0) {
		size_t off = err.offset >= plen ? err.offset - plen + skipped : 0;
		sb_warn(b, line, col + (uint32_t)quoted + (uint32_t)off,
		        "invalid CVSS vector \"%.120s\": %s; the rating is kept without a score", r->vector, err.msg);
		free(s);
		return;
	}
	free(s);
	pm_cvss_score sc;
	if (pm_cvss_score_of(&c, &sc) < 0)
		return;
	r->vector_ok = 1;
	r->cvss_version = c.version == PM_CVSS_V40 ? 40 : 31;
	r->cvss_tenths = sc.tenths;
	r->cvss_name = sc.name;
	if (c.version == PM_CVSS_V31) {
		pm_cvss_v31_result res;
		if (pm_cvss_v31_score(&c, &res) == 0)
			r->base_tenths = res.base_tenths;
	} else if (strcmp(sc.name, "CVSS-B") == 0) {
		r->base_tenths = sc.tenths;
	}
}

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
		if (strncmp(p, "CVE-", 4) == 0 && digits(p + 4, 4) && p[8] == '-' && digits(p + 9, 4)) {
			size_t n = 9;
			while (isdigit((unsigned char)p[n]))
				n++;
			return pm_arena_strndup(b->arena, p, n);
		}
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
		while (*p && (is_blank((unsigned char)*p) || *p == ',' || *p == ';'))
			p++;
		const char *s = p;
		while (*p && !is_blank((unsigned char)*p) && *p != ',' && *p != ';')
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

/* ---- JSON trees ------------------------------------------------------------------ */

static const char *node_kind(const yt_node *n)
{
	return n->type == YT_MAP ? "a mapping" : n->type == YT_SEQ ? "a list" : "a scalar";
}

int sbj_is_null(const yt_node *n)
{
	return n->type == YT_SCALAR && n->plain && (strcmp(n->s, "null") == 0 || n->n == 0 || strcmp(n->s, "~") == 0);
}

/* libyaml reports JSON syntax errors in YAML words: say them in JSON's. */
static void json_words(char **msg)
{
	static const char *const from[] = {"flow mapping", "flow sequence", "flow node", "a scalar", "an alias"};
	static const char *const to[] = {"JSON object", "JSON array", "JSON value", "a value", "an alias (not JSON)"};
	if (!*msg)
		return;
	for (size_t k = 0; k < sizeof from / sizeof from[0]; k++) {
		char *p = strstr(*msg, from[k]);
		if (!p)
			continue;
		char *r = pm_xasprintf("%.*s%s%s", (int)(p - *msg), *msg, to[k], p + strlen(from[k]));
		free(*msg);
		*msg = r;
	}
}

int sbj_parse(sb_builder *b, const char *data, size_t len, yt_doc *t, pm_arena *tmp)
{
	/* JSON has no aliases: refusing them keeps YAML alias tricks out */
	yt_limits lim = {PM_SBOM_MAX_DEPTH, MAX_SCALAR, len + 16, 0};
	size_t n0 = b->d->n;
	if (yt_parse(t, data, len, b->file, tmp, &lim, b->d) < 0) {
		for (size_t i = n0; i < b->d->n; i++) {
			json_words(&b->d->v[i].msg);
			json_words(&b->d->v[i].hint);
		}
		return -1;
	}
	if (!t->has_root) {
		yt_doc_free(t);
		return sb_error(b, PM_ERR_SCHEMA, 1, 1, "the file is empty");
	}
	const yt_node *root = &t->nodes[t->root];
	if (root->type != YT_MAP) {
		sb_error(b, PM_ERR_SCHEMA, root->line, root->col, "the document must be a JSON object, not %s",
		         node_kind(root));
		yt_doc_free(t);
		return -1;
	}
	return 0;
}

const yt_node *sbj_get(const yt_doc *t, const yt_node *m, const char *key)
{
	if (!m || m->type != YT_MAP)
		return NULL;
	for (uint32_t i = 0; i < m->n; i++) {
		const yt_node *k = yt_child(t, m, 2 * i);
		if (k->type == YT_SCALAR && strcmp(k->s, key) == 0)
			return yt_child(t, m, 2 * i + 1);
	}
	return NULL;
}

const char *sbj_strv(sb_builder *b, const yt_node *n, const char *what)
{
	if (!n || sbj_is_null(n))
		return NULL;
	if (n->type != YT_SCALAR) {
		sb_error(b, PM_ERR_SCHEMA, n->line, n->col, "%s must be a string, not %s", what, node_kind(n));
		return NULL;
	}
	return sb_str(b, n->s);
}

const char *sbj_str(sb_builder *b, const yt_doc *t, const yt_node *m, const char *key)
{
	const yt_node *n = sbj_get(t, m, key);
	if (!n)
		return NULL;
	if (n->type != YT_SCALAR && !sbj_is_null(n)) {
		sb_error(b, PM_ERR_SCHEMA, n->line, n->col, "\"%s\" must be a string, not %s", key, node_kind(n));
		return NULL;
	}
	return sbj_strv(b, n, key);
}

static const yt_node *want(sb_builder *b, const yt_doc *t, const yt_node *m, const char *key, int type)
{
	const yt_node *n = sbj_get(t, m, key);
	if (!n || sbj_is_null(n))
		return NULL;
	if (n->type != type) {
		sb_error(b, PM_ERR_SCHEMA, n->line, n->col, "\"%s\" must be %s, not %s", key,
		         type == YT_SEQ ? "a list" : "a mapping", node_kind(n));
		return NULL;
	}
	return n;
}

const yt_node *sbj_seq(sb_builder *b, const yt_doc *t, const yt_node *m, const char *key)
{
	return want(b, t, m, key, YT_SEQ);
}

const yt_node *sbj_map(sb_builder *b, const yt_doc *t, const yt_node *m, const char *key)
{
	return want(b, t, m, key, YT_MAP);
}

int sbj_want_map(sb_builder *b, const yt_node *n, const char *what)
{
	if (n->type == YT_MAP)
		return 1;
	sb_error(b, PM_ERR_SCHEMA, n->line, n->col, "%s must be a mapping, not %s", what, node_kind(n));
	return 0;
}

int sbj_num(sb_builder *b, const yt_doc *t, const yt_node *m, const char *key, double *v)
{
	const yt_node *n = sbj_get(t, m, key);
	if (!n || sbj_is_null(n))
		return 0;
	if (n->type == YT_SCALAR && n->n) {
		char *end;
		errno = 0;
		double x = strtod(n->s, &end);
		if (!*end && errno == 0) {
			*v = x;
			return 1;
		}
	}
	sb_error(b, PM_ERR_SCHEMA, n->line, n->col, "\"%s\" must be a number", key);
	return -1;
}

/* ---- string maps (ids, references) ------------------------------------------------ */

typedef struct smap {
	const char **keys;
	int32_t *vals;
	size_t n, cap; /* cap: power of two */
} smap;

static size_t shash(const char *s)
{
	return (size_t)pm_hash_str(s);
}

static size_t smap_slot(const smap *m, const char *k)
{
	size_t mask = m->cap - 1, i = shash(k) & mask;
	while (m->keys[i] && strcmp(m->keys[i], k) != 0)
		i = (i + 1) & mask;
	return i;
}

static int32_t smap_get(const smap *m, const char *k, int32_t dflt)
{
	if (!m->cap || !k)
		return dflt;
	size_t i = smap_slot(m, k);
	return m->keys[i] ? m->vals[i] : dflt;
}

/* Insert k -> v unless k is present; returns 1 when inserted. */
static int smap_put(smap *m, const char *k, int32_t v)
{
	if (2 * (m->n + 1) > m->cap) {
		smap old = *m;
		m->cap = old.cap ? 2 * old.cap : 64;
		m->keys = pm_xcalloc(m->cap, sizeof *m->keys);
		m->vals = pm_xcalloc(m->cap, sizeof *m->vals);
		for (size_t i = 0; i < old.cap; i++)
			if (old.keys[i]) {
				size_t j = smap_slot(m, old.keys[i]);
				m->keys[j] = old.keys[i];
				m->vals[j] = old.vals[i];
			}
		free(old.keys);
		free(old.vals);
	}
	size_t i = smap_slot(m, k);
	if (m->keys[i])
		return 0;
	m->keys[i] = k;
	m->vals[i] = v;
	m->n++;
	return 1;
}

static void smap_free(smap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

/* ---- ids ------------------------------------------------------------------------- */

static int id_char(int c)
{
	return isalnum(c) || c == '.' || c == '_' || c == ':' || c == '-';
}

static const char *make_id(sb_builder *b, smap *ids, const pm_sbom_comp *c)
{
	char *src;
	if (c->ref)
		src = pm_xstrdup(c->ref);
	else if (c->name && c->version)
		src = pm_xasprintf("%s-%s", c->name, c->version);
	else
		src = pm_xstrdup(c->name ? c->name : "component");
	pm_buf id;
	pm_buf_init(&id, 0);
	const unsigned char *s = (const unsigned char *)src;
	while (*s && !isalnum(*s))
		s++; /* the first character must be a letter or digit */
	for (; *s && id.len < MAX_ID; s++) {
		if (*s >= 0x80 && (*s & 0xC0) == 0x80)
			continue; /* one '_' per non-ASCII character */
		pm_buf_putc(&id, *s < 0x80 && id_char(*s) ? *s : '_');
	}
	if (!id.len)
		pm_buf_puts(&id, "component");
	free(src);
	const char *r = pm_arena_strndup(b->arena, id.data, id.len);
	for (unsigned k = 2; !smap_put(ids, r, 0); k++) {
		char *t = pm_xasprintf("%s-%u", id.data, k);
		r = pm_arena_strdup(b->arena, t);
		free(t);
	}
	pm_buf_free(&id);
	return r;
}

/* ---- finishing ---------------------------------------------------------------------- */

static int32_t resolve(const smap *refs, const char *ref)
{
	return smap_get(refs, ref, PM_SBOM_NONE);
}

static int is_other(const smap *other, const char *ref)
{
	return smap_get(other, ref, 0) != 0 || strncmp(ref, "DocumentRef-", 12) == 0 ||
	       strncmp(ref, "urn:cdx:", 8) == 0;
}

static void mark(uint8_t *in_rel, uint8_t *meta_rel, int32_t i)
{
	if (i >= 0)
		in_rel[i] = 1;
	else if (i == PM_SBOM_META)
		*meta_rel = 1;
}

static unsigned ntia_of(const pm_sbom_comp *c, int in_rel)
{
	unsigned m = 0;
	if (!c->supplier)
		m |= PM_NTIA_SUPPLIER;
	if (!c->name)
		m |= PM_NTIA_NAME;
	if (!c->version)
		m |= PM_NTIA_VERSION;
	if (!c->purl && !c->cpe && !c->swid)
		m |= PM_NTIA_IDENTIFIER;
	if (!in_rel)
		m |= PM_NTIA_DEPENDENCY;
	return m;
}

static int sb_finish(sb_builder *b)
{
	pm_sbom_doc *doc = b->doc;
	size_t n = b->n_comps;
	doc->comps = pm_arena_array(b->arena, n ? n : 1, sizeof *doc->comps);
	if (n)
		memcpy(doc->comps, b->comps, n * sizeof *doc->comps);
	doc->n_comps = n;
	doc->meta = b->meta;
	uint8_t *in_rel = pm_xcalloc(n ? n : 1, 1);
	uint8_t meta_rel = 0;

	/* depth, top-level count, nesting as a relationship */
	for (size_t i = 0; i < n; i++) {
		pm_sbom_comp *c = &doc->comps[i];
		if (c->parent < 0) {
			doc->n_top++;
			continue;
		}
		c->depth = doc->comps[c->parent].depth + 1;
		in_rel[i] = 1;
		in_rel[c->parent] = 1;
	}

	/* ids */
	smap ids = {0};
	for (size_t i = 0; i < n; i++)
		doc->comps[i].id = make_id(b, &ids, &doc->comps[i]);
	if (doc->meta)
		doc->meta->id = make_id(b, &ids, doc->meta);
	smap_free(&ids);

	/* references */
	smap refs = {0}, other = {0};
	for (size_t i = 0; i < n; i++) {
		const pm_sbom_comp *c = &doc->comps[i];
		if (!c->ref)
			continue;
		if (!smap_put(&refs, c->ref, (int32_t)i)) {
			const pm_sbom_comp *first = &doc->comps[smap_get(&refs, c->ref, 0)];
			sb_warn(b, c->line, c->col,
			        "duplicate reference \"%.80s\" (first at line %u); references to it mean the first",
			        c->ref, (unsigned)first->line);
		}
	}
	if (doc->meta && doc->meta->ref)
		smap_put(&refs, doc->meta->ref, PM_SBOM_META);
	for (size_t i = 0; i < b->n_other; i++)
		smap_put(&other, b->other[i], 1);

	/* dependencies */
	doc->deps = pm_arena_array(b->arena, b->n_rels ? b->n_rels : 1, sizeof *doc->deps);
	for (size_t i = 0; i < b->n_rels; i++) {
		const sb_rel *r = &b->rels[i];
		int32_t f = resolve(&refs, r->from);
		int32_t t = r->to ? resolve(&refs, r->to) : PM_SBOM_NONE;
		if (f == PM_SBOM_NONE && !is_other(&other, r->from)) {
			sb_warn(b, r->line, r->col,
			        "dependency names \"%.80s\", which is no component of this document", r->from);
			continue;
		}
		if (r->to && t == PM_SBOM_NONE && !is_other(&other, r->to)) {
			sb_warn(b, r->line, r->col,
			        "dependency names \"%.80s\", which is no component of this document", r->to);
			continue;
		}
		if (f == PM_SBOM_NONE)
			continue; /* a service, a file, another document */
		if (!r->to) {
			mark(in_rel, &meta_rel, f); /* declared: no (further) dependencies */
			continue;
		}
		if (t == PM_SBOM_NONE)
			continue;
		mark(in_rel, &meta_rel, f);
		mark(in_rel, &meta_rel, t);
		doc->deps[doc->n_deps].from = f;
		doc->deps[doc->n_deps].to = t;
		doc->n_deps++;
	}

	/* vulnerabilities */
	doc->vulns = pm_arena_array(b->arena, b->n_vulns ? b->n_vulns : 1, sizeof *doc->vulns);
	if (b->n_vulns)
		memcpy(doc->vulns, b->vulns, b->n_vulns * sizeof *doc->vulns);
	doc->n_vulns = b->n_vulns;
	for (size_t i = 0; i < doc->n_vulns; i++) {
		pm_sbom_vuln *v = &doc->vulns[i];
		v->affects = pm_arena_array(b->arena, v->n_affects ? v->n_affects : 1, sizeof *v->affects);
		for (size_t k = 0; k < v->n_affects; k++)
			v->affects[k] = resolve(&refs, v->affect_refs[k]);
	}
	smap_free(&refs);
	smap_free(&other);

	/* NTIA */
	for (size_t i = 0; i < n; i++)
		doc->comps[i].ntia_missing = ntia_of(&doc->comps[i], in_rel[i]);
	if (doc->meta)
		doc->meta->ntia_missing = ntia_of(doc->meta, meta_rel);
	if (!doc->author)
		doc->ntia_missing |= PM_NTIA_AUTHOR;
	if (!doc->timestamp)
		doc->ntia_missing |= PM_NTIA_TIMESTAMP;
	free(in_rel);
	return b->d->errors > b->errors0 ? -1 : 0;
}

/* ---- detection, reading ----------------------------------------------------------------- */

static const char *skip_bom_blanks(const char *p, const char *end)
{
	if (end - p >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
		p += 3;
	while (p < end && is_blank((unsigned char)*p))
		p++;
	return p;
}

static const char *find(const char *p, const char *end, const char *needle)
{
	size_t n = strlen(needle);
	for (; p + n <= end; p++) {
		p = memchr(p, needle[0], (size_t)(end - p));
		if (!p || p + n > end)
			return NULL;
		if (memcmp(p, needle, n) == 0)
			return p;
	}
	return NULL;
}

int pm_sbom_detect(const char *data, size_t len)
{
	const char *end = data + len;
	const char *p = skip_bom_blanks(data, end);
	if (p == end)
		return -1;
	if (*p == '<')
		return PM_SBF_CDX_XML;
	if (*p == '{') {
		const char *cdx = find(p, end, "\"bomFormat\"");
		const char *spdx = find(p, end, "\"spdxVersion\"");
		if (cdx && (!spdx || cdx < spdx))
			return PM_SBF_CDX_JSON;
		if (spdx)
			return PM_SBF_SPDX_JSON;
		return -1;
	}
	/* tag-value: an "SPDXVersion:" tag at the start of a line */
	for (const char *q = p; q && q < end;) {
		if (end - q >= 12 && memcmp(q, "SPDXVersion:", 12) == 0)
			return PM_SBF_SPDX_TAG;
		q = memchr(q, '\n', (size_t)(end - q));
		if (q)
			q = skip_bom_blanks(q + 1, end);
	}
	return -1;
}

static int read_whole(const char *path, char **data, size_t *len, pm_diags *d)
{
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return pm_diag_add(d, PM_ERROR, PM_ERR_IO, path, 0, 0, "cannot open: %s", strerror(errno));
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return pm_diag_add(d, PM_ERROR, PM_ERR_IO, path, 0, 0, "not a regular file");
	}
	if ((unsigned long long)st.st_size > PM_SBOM_MAX_FILE) {
		close(fd);
		return pm_diag_add(d, PM_ERROR, PM_ERR_IO, path, 0, 0, "larger than the limit of %zu bytes",
		                   PM_SBOM_MAX_FILE);
	}
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *buf = pm_xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap) {
			if (cap > PM_SBOM_MAX_FILE) {
				free(buf);
				close(fd);
				return pm_diag_add(d, PM_ERROR, PM_ERR_IO, path, 0, 0,
				                   "grew beyond the limit of %zu bytes while reading",
				                   PM_SBOM_MAX_FILE);
			}
			cap *= 2;
			buf = pm_xrealloc(buf, cap);
		}
		ssize_t r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(buf);
			close(fd);
			return pm_diag_add(d, PM_ERROR, PM_ERR_IO, path, 0, 0, "cannot read: %s", strerror(e));
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

int pm_sbom_parse(const char *data, size_t len, const char *file, int format, pm_sbom_doc **out, pm_diags *d)
{
	*out = NULL;
	if (!file)
		file = "<sbom>";
	if (len > PM_SBOM_MAX_FILE)
		return pm_diag_add(d, PM_ERROR, PM_ERR_IO, file, 0, 0, "larger than the limit of %zu bytes",
		                   PM_SBOM_MAX_FILE);
	if (format < -1 || format >= PM_N_SBOM_FORMAT)
		return pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, file, 0, 0, "unknown SBOM format %d", format);
	if (format < 0) {
		format = pm_sbom_detect(data, len);
		if (format < 0) {
			pm_diag_add(d, PM_ERROR, PM_ERR_SCHEMA, file, 1, 1,
			            "not an SBOM this program reads (CycloneDX JSON or XML, SPDX JSON or tag-value)");
			if (len && skip_bom_blanks(data, data + len) < data + len &&
			    find(data, data + len, "\"@context\"") && find(data, data + len, "spdx"))
				pm_diag_hint(d, "this looks like SPDX 3 (JSON-LD), which is not read yet");
			return -1;
		}
	}
	pm_arena *arena = pm_arena_new();
	pm_sbom_doc *doc = pm_arena_alloc(arena, sizeof *doc);
	doc->arena = arena;
	doc->format = format;
	doc->file = pm_arena_strdup(arena, file);
	sb_builder b;
	memset(&b, 0, sizeof b);
	b.doc = doc;
	b.arena = arena;
	b.file = doc->file;
	b.d = d;
	b.errors0 = d->errors;
	int rc;
	if (format != PM_SBF_CDX_XML && yt_check_encoding(data, len, b.file, d) < 0)
		rc = -1;
	else if (format == PM_SBF_CDX_JSON)
		rc = sb_read_cdx_json(&b, data, len);
	else if (format == PM_SBF_CDX_XML)
		rc = sb_read_cdx_xml(&b, data, len);
	else if (format == PM_SBF_SPDX_JSON)
		rc = sb_read_spdx_json(&b, data, len);
	else
		rc = sb_read_spdx_tag(&b, data, len);
	if (rc == 0)
		rc = sb_finish(&b);
	free(b.comps);
	free(b.rels);
	free(b.vulns);
	free(b.other);
	if (rc < 0 || d->errors > b.errors0) {
		pm_arena_free(arena);
		return -1;
	}
	*out = doc;
	return 0;
}

int pm_sbom_load(const char *path, int format, pm_sbom_doc **out, pm_diags *d)
{
	*out = NULL;
	char *data = NULL;
	size_t len = 0;
	if (read_whole(path, &data, &len, d) < 0)
		return -1;
	int rc = pm_sbom_parse(data, len, path, format, out, d);
	free(data);
	return rc;
}

void pm_sbom_free(pm_sbom_doc *doc)
{
	if (doc)
		pm_arena_free(doc->arena);
}
