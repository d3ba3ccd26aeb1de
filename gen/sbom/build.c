/* build.c — the document builder the format readers fill (internal.h):
 * diagnostics, strings, components, hashes, relationships, vulnerabilities
 * and the CVSS scoring of their ratings.  sb_finish() (finish.c) turns what
 * was added into the document.
 */
#include "internal.h"

#include "premarket/cvss.h"
#include "xalloc.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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

const char *sb_str(sb_builder *b, const char *s)
{
	if (!s)
		return NULL;
	while (sb_blank((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && sb_blank((unsigned char)s[n - 1]))
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

const char *pm_sbom_hash_alg(const char *alg)
{
	static const char *const cdx[] = {"MD5",         "SHA-1",       "SHA-256",     "SHA-384",
	                                  "SHA-512",     "SHA3-256",    "SHA3-384",    "SHA3-512",
	                                  "BLAKE2b-256", "BLAKE2b-384", "BLAKE2b-512", "BLAKE3"};
	if (!alg)
		return NULL;
	/* SPDX spells SHA256, SHA3_256, BLAKE2b-256 */
	char norm[32];
	size_t n = strlen(alg);
	if (n >= sizeof norm - 1)
		return NULL;
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
		if (sb_ieq(norm, cdx[i]))
			return cdx[i];
	return NULL;
}

void sb_comp_hashes(sb_builder *b, pm_sbom_comp *c, const pm_sbom_hash *h, size_t n)
{
	if (!n)
		return;
	pm_sbom_hash *v = pm_arena_array(b->arena, c->n_hashes + n, sizeof *v);
	if (c->n_hashes)
		memcpy(v, c->hashes, c->n_hashes * sizeof *v);
	for (size_t i = 0; i < n; i++) {
		const char *alg = pm_sbom_hash_alg(h[i].alg);
		v[c->n_hashes + i].alg = alg ? alg : sb_str(b, h[i].alg);
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

void sb_tool_add(sb_builder *b, const char *name, const char *version)
{
	if (!name)
		return;
	char *s = version ? pm_xasprintf("%s %s", name, version) : pm_xstrdup(name);
	sb_join(b, &b->doc->tools, ", ", s);
	free(s);
}

void sb_vuln_cwe(sb_builder *b, pm_sbom_vuln *v, const char *cwe)
{
	if (!cwe)
		return;
	char *s = pm_xasprintf("CWE-%s", cwe);
	sb_join(b, &v->cwes, ", ", s);
	free(s);
}

void sb_cdx_version(sb_builder *b, const char *v, uint32_t line, uint32_t col)
{
	static const char *const versions[] = {"1.2", "1.3", "1.4", "1.5", "1.6"};
	b->doc->spec_version = v;
	for (size_t i = 0; i < sizeof versions / sizeof versions[0]; i++)
		if (strcmp(v, versions[i]) == 0)
			return;
	sb_warn(b, line, col, "CycloneDX %.20s is not a version this reader was written for (1.2 to 1.6)", v);
}

/* ---- CVSS ---------------------------------------------------------------------- */

/* A vector without its "CVSS:x.y/" prefix that names a metric only v4.0
 * has (AT, VC, VI, VA, SC, SI, SA): v4.0, whatever the method field says
 * or leaves out. */
static int v40_metrics(const char *v)
{
	static const char *const only40[] = {"AT", "VC", "VI", "VA", "SC", "SI", "SA"};
	for (const char *p = v; *p;) {
		size_t n = strcspn(p, ":/");
		for (size_t i = 0; p[n] == ':' && i < sizeof only40 / sizeof only40[0]; i++)
			if (n == 2 && memcmp(p, only40[i], 2) == 0)
				return 1;
		p += n;
		p += strcspn(p, "/");
		if (*p == '/')
			p++;
	}
	return 0;
}

void sb_rating_score(sb_builder *b, pm_sbom_rating *r, uint32_t line, uint32_t col, int quoted)
{
	r->vector_ok = 0;
	r->cvss_version = 0;
	r->cvss_vector = NULL;
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
	/* The version of a vector without a prefix: the method's (CVSSv4, or
	 * CVSSv3/CVSSv31), else v4.0 when it has a metric only v4.0 has, else
	 * v3.1 (SBOM and VEX files often carry v3.1 vectors bare).  A vector
	 * whose metrics do not fit the version is refused by the parser below
	 * with a located warning: never scored as the other version. */
	const char *prefix = "";
	const char *rest = r->vector;
	if (!prefixed)
		prefix = v4 || (!v3 && v40_metrics(r->vector)) ? "CVSS:4.0/" : "CVSS:3.1/";
	else if (strncmp(r->vector, "CVSS:3.0/", 9) == 0) {
		prefix = "CVSS:3.1/"; /* 3.0 has the metrics of 3.1: scored with the 3.1 equations */
		rest = r->vector + 9;
	}
	size_t skipped = (size_t)(rest - r->vector), plen = strlen(prefix);
	char *s = pm_xasprintf("%s%s", prefix, rest);
	pm_cvss c;
	pm_cvss_error err;
	memset(&err, 0, sizeof err);
	if (pm_cvss_parse(s, &c, &err) < 0) {
		size_t off = err.offset >= plen ? err.offset - plen + skipped : 0;
		sb_warn(b, line, col + (uint32_t)quoted + (uint32_t)off,
		        "invalid CVSS vector \"%.120s\": %s%s; the rating is kept without a score", r->vector,
		        !prefixed ? (prefix[5] == '4' ? "read as CVSS v4.0: " : "read as CVSS v3.1: ") : "", err.msg);
		free(s);
		return;
	}
	r->cvss_vector = sb_str(b, s);
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
