/* render_sbom_cdx.c — SBOM components -> CycloneDX 1.6 JSON (include/premarket/sbom.h,
 * pm_sbom_export_cdx()).
 *
 * The document is valid against bom-1.6.schema.json (tests/cli/sbom.sh
 * checks it with an independent validator): values the schema would refuse
 * are left out with a warning.  It is deterministic: no clock, no random
 * serial number — the serialNumber is a name-based UUID (version 5 layout)
 * made from the SHA-256 (OpenSSL EVP) of every byte that follows it.
 * Indented with two spaces; members in a fixed order.
 */
#include "json.h"
#include "premarket/sbom.h"
#include "xalloc.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROP_SUPPORT "premarket:fda:levelOfSupport"
#define PROP_EOS     "cdx:lifecycle:milestone:endOfSupport"

typedef struct ex {
	const pm_sbom_comp *comps;
	size_t n;
	const pm_sbom_export_meta *meta;
	const char **refs;   /* bom-ref of each component */
	size_t *child_first; /* children of i: kids[child_first[i] .. child_first[i + 1]) */
	size_t *kids;
	size_t *edge_first; /* edges of slot i (a component, or n: the device): */
	size_t *edges;      /* deps[edges[edge_first[i] .. edge_first[i + 1])] */
	pm_buf *b;
	pm_diags *d;
} ex;

static void ind(pm_buf *b, int level)
{
	for (int i = 0; i < level; i++)
		pm_buf_puts(b, "  ");
}

/* "key": "value" as a member at `level`; *first tracks the comma. */
static void member_str(pm_buf *b, int level, int *first, const char *key, const char *value)
{
	if (!value)
		return;
	pm_buf_puts(b, *first ? "\n" : ",\n");
	*first = 0;
	ind(b, level);
	pm_json_str(b, key);
	pm_buf_puts(b, ": ");
	pm_json_str(b, value);
}

static void member_open(pm_buf *b, int level, int *first, const char *key, const char *open)
{
	pm_buf_puts(b, *first ? "\n" : ",\n");
	*first = 0;
	ind(b, level);
	pm_json_str(b, key);
	pm_buf_puts(b, ": ");
	pm_buf_puts(b, open);
}

static void close_block(pm_buf *b, int level, const char *close)
{
	pm_buf_putc(b, '\n');
	ind(b, level);
	pm_buf_puts(b, close);
}

static void item_sep(pm_buf *b, int level, int *first)
{
	pm_buf_puts(b, *first ? "\n" : ",\n");
	*first = 0;
	ind(b, level);
}

static void warn(ex *x, const pm_sbom_comp *c, const char *fmt, const char *what, const char *value)
{
	if (!x->d)
		return;
	pm_diag_add(x->d, PM_WARNING, PM_ERR_VALUE, NULL, 0, 0, fmt,
	            c->name ? c->name
	            : c->id ? c->id
	                    : "?",
	            what, value);
}

/* ---- value checks ---- */

const char *const pm_sbom_cdx_types[] = {"application",
                                         "framework",
                                         "library",
                                         "container",
                                         "platform",
                                         "operating-system",
                                         "device",
                                         "device-driver",
                                         "firmware",
                                         "file",
                                         "machine-learning-model",
                                         "data",
                                         "cryptographic-asset",
                                         NULL};

static const char *cdx_type(const char *t)
{
	const char *const *types = pm_sbom_cdx_types;
	if (!t)
		return "library";
	char norm[32];
	size_t n = strlen(t);
	if (n >= sizeof norm)
		return "library";
	for (size_t i = 0; i <= n; i++)
		norm[i] = t[i] == '_' ? '-' : t[i];
	for (size_t i = 0; types[i]; i++)
		if (strcmp(norm, types[i]) == 0)
			return types[i];
	if (strcmp(norm, "source") == 0 || strcmp(norm, "archive") == 0 || strcmp(norm, "install") == 0)
		return "file";
	return "library";
}

static int hex_ok(const char *v)
{
	size_t n = strlen(v);
	if (n != 32 && n != 40 && n != 64 && n != 96 && n != 128)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((v[i] >= '0' && v[i] <= '9') || (v[i] >= 'a' && v[i] <= 'f') || (v[i] >= 'A' && v[i] <= 'F')))
			return 0;
	return 1;
}

/* An RFC 3339 date-time for metadata.timestamp, or -1. */
static int timestamp(const char *s, char *out, size_t size)
{
	char date[11];
	if (!s || pm_sbom_date(s, date) < 0)
		return -1;
	size_t n = strlen(s);
	/* full form: YYYY-MM-DDThh:mm:ss[.f+](Z|+hh:mm|-hh:mm) */
	if (n >= 20 && s[10] == 'T' && s[13] == ':' && s[16] == ':' &&
	    (s[n - 1] == 'Z' || (n >= 25 && (s[n - 6] == '+' || s[n - 6] == '-') && s[n - 3] == ':'))) {
		if (n >= size)
			return -1;
		memcpy(out, s, n + 1);
		return 0;
	}
	snprintf(out, size, "%sT00:00:00Z", date);
	return 0;
}

/* ---- the document ---- */

static void component(ex *x, size_t i, int level);

static void components(ex *x, size_t from, size_t to, int level)
{
	int first = 1;
	for (size_t k = from; k < to; k++) {
		item_sep(x->b, level, &first);
		component(x, x->kids[k], level);
	}
}

static void component(ex *x, size_t i, int level)
{
	const pm_sbom_comp *c = &x->comps[i];
	pm_buf *b = x->b;
	int first = 1;
	pm_buf_putc(b, '{');
	member_str(b, level + 1, &first, "type", cdx_type(c->type));
	member_str(b, level + 1, &first, "bom-ref", x->refs[i]);
	if (c->supplier) {
		member_open(b, level + 1, &first, "supplier", "{ \"name\": ");
		pm_json_str(b, c->supplier);
		pm_buf_puts(b, " }");
	}
	member_str(b, level + 1, &first, "group", c->group);
	member_str(b, level + 1, &first, "name", c->name ? c->name : x->refs[i]);
	member_str(b, level + 1, &first, "version", c->version);
	member_str(b, level + 1, &first, "description", c->description);
	int hfirst = 1;
	for (size_t h = 0; h < c->n_hashes; h++) {
		const char *alg = pm_sbom_hash_alg(c->hashes[h].alg);
		const char *v = c->hashes[h].value;
		if (!alg) {
			warn(x, c, "component \"%s\": %s \"%s\" is not a CycloneDX hash algorithm; hash left out",
			     "algorithm", c->hashes[h].alg ? c->hashes[h].alg : "");
			continue;
		}
		if (!v || !hex_ok(v)) {
			warn(x, c, "component \"%s\": %s \"%s\" is not a hex digest of a known length; hash left out",
			     "value", v ? v : "");
			continue;
		}
		if (hfirst)
			member_open(b, level + 1, &first, "hashes", "[");
		item_sep(b, level + 2, &hfirst);
		pm_buf_puts(b, "{ \"alg\": ");
		pm_json_str(b, alg);
		pm_buf_puts(b, ", \"content\": ");
		pm_json_str(b, v);
		pm_buf_puts(b, " }");
	}
	if (!hfirst)
		close_block(b, level + 1, "]");
	if (c->licenses) {
		member_open(b, level + 1, &first, "licenses", "[ { \"expression\": ");
		pm_json_str(b, c->licenses);
		pm_buf_puts(b, " } ]");
	}
	member_str(b, level + 1, &first, "cpe", c->cpe);
	member_str(b, level + 1, &first, "purl", c->purl);
	if (c->swid) {
		member_open(b, level + 1, &first, "swid", "{ \"tagId\": ");
		pm_json_str(b, c->swid);
		pm_buf_puts(b, ", \"name\": ");
		pm_json_str(b, c->name ? c->name : x->refs[i]);
		pm_buf_puts(b, " }");
	}
	char date[11] = "";
	if (c->end_of_support && pm_sbom_date(c->end_of_support, date) < 0) {
		warn(x, c, "component \"%s\": %s \"%s\" is not a date; left out", "end of support", c->end_of_support);
		date[0] = '\0';
	}
	int has_support = c->support >= 0 && c->support < PM_N_SUPPORT;
	if (has_support || date[0]) {
		int pfirst = 1;
		member_open(b, level + 1, &first, "properties", "[");
		if (has_support) {
			item_sep(b, level + 2, &pfirst);
			pm_buf_puts(b, "{ \"name\": \"" PROP_SUPPORT "\", \"value\": ");
			pm_json_str(b, pm_enum_names_support[c->support]);
			pm_buf_puts(b, " }");
		}
		if (date[0]) {
			item_sep(b, level + 2, &pfirst);
			pm_buf_puts(b, "{ \"name\": \"" PROP_EOS "\", \"value\": ");
			pm_json_str(b, date);
			pm_buf_puts(b, " }");
		}
		close_block(b, level + 1, "]");
	}
	if (x->child_first[i + 1] > x->child_first[i]) {
		member_open(b, level + 1, &first, "components", "[");
		components(x, x->child_first[i], x->child_first[i + 1], level + 2);
		close_block(b, level + 1, "]");
	}
	close_block(b, level, "}");
}

static const char *device_ref(const pm_sbom_export_meta *m)
{
	return m && m->device_ref ? m->device_ref : "device";
}

static int has_device(const pm_sbom_export_meta *m)
{
	return m && m->device_name;
}

static void metadata(ex *x)
{
	const pm_sbom_export_meta *m = x->meta;
	pm_buf *b = x->b;
	int first = 1;
	pm_buf_puts(b, ",\n  \"metadata\": {");
	char ts[64];
	if (m && m->date) {
		if (timestamp(m->date, ts, sizeof ts) == 0)
			member_str(b, 2, &first, "timestamp", ts);
		else if (x->d)
			pm_diag_add(x->d, PM_WARNING, PM_ERR_VALUE, NULL, 0, 0,
			            "SBOM date \"%.40s\" is not an ISO 8601 date; metadata.timestamp left out",
			            m->date);
	}
	member_open(b, 2, &first, "tools", "{\n");
	ind(b, 3);
	pm_buf_puts(b, "\"components\": [\n");
	ind(b, 4);
	pm_buf_puts(b, "{ \"type\": \"application\", \"name\": \"premarket\"");
	if (m && m->tool_version) {
		pm_buf_puts(b, ", \"version\": ");
		pm_json_str(b, m->tool_version);
	}
	pm_buf_puts(b, " }");
	close_block(b, 3, "]");
	close_block(b, 2, "}");
	if (m && m->author) {
		member_open(b, 2, &first, "authors", "[ { \"name\": ");
		pm_json_str(b, m->author);
		pm_buf_puts(b, " } ]");
	}
	if (has_device(m)) {
		int cfirst = 1;
		member_open(b, 2, &first, "component", "{");
		member_str(b, 3, &cfirst, "type", cdx_type(m->device_type ? m->device_type : "device"));
		member_str(b, 3, &cfirst, "bom-ref", device_ref(m));
		if (m->device_supplier) {
			member_open(b, 3, &cfirst, "supplier", "{ \"name\": ");
			pm_json_str(b, m->device_supplier);
			pm_buf_puts(b, " }");
		}
		member_str(b, 3, &cfirst, "name", m->device_name);
		member_str(b, 3, &cfirst, "version", m->device_version);
		close_block(b, 2, "}");
	}
	close_block(b, 1, "}");
}

/* The dependencies record of `from` (an index, or PM_SBOM_META as slot n):
 * its targets in edge order, without repeats. */
static void dep_entry(ex *x, const char *ref, int32_t from, const pm_sbom_dep *deps, int *first)
{
	size_t slot = from == PM_SBOM_META ? x->n : (size_t)from;
	size_t nt = 0, lo = x->edge_first[slot], hi = x->edge_first[slot + 1];
	int32_t *t = pm_xcalloc(hi > lo ? hi - lo : 1, sizeof *t);
	for (size_t e = lo; e < hi; e++) {
		int32_t to = deps[x->edges[e]].to;
		size_t j = 0;
		while (j < nt && t[j] != to)
			j++;
		if (j == nt)
			t[nt++] = to;
	}
	const pm_sbom_export_meta *m = x->meta;
	if (nt || (m && m->deps_complete)) {
		item_sep(x->b, 2, first);
		pm_buf_puts(x->b, "{ \"ref\": ");
		pm_json_str(x->b, ref);
		pm_buf_puts(x->b, ", \"dependsOn\": [");
		for (size_t j = 0; j < nt; j++) {
			pm_buf_puts(x->b, j ? ", " : " ");
			pm_json_str(x->b, t[j] == PM_SBOM_META ? device_ref(m) : x->refs[t[j]]);
		}
		pm_buf_puts(x->b, nt ? " ] }" : "] }");
	}
	free(t);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int check(const pm_sbom_comp *comps, size_t n, const pm_sbom_dep *deps, size_t n_deps,
                 const pm_sbom_export_meta *meta, const char **refs, pm_diags *d)
{
	for (size_t i = 0; i < n; i++)
		if (comps[i].parent != -1 && (comps[i].parent < 0 || (size_t)comps[i].parent >= i)) {
			if (d)
				pm_diag_add(
				        d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0,
				        "SBOM export: component %zu has parent %ld (must be -1 or an earlier index)", i,
				        (long)comps[i].parent);
			return -1;
		}
	for (size_t k = 0; k < n_deps; k++) {
		int32_t e[2] = {deps[k].from, deps[k].to};
		for (int j = 0; j < 2; j++)
			if (!(e[j] >= 0 && (size_t)e[j] < n) && !(e[j] == PM_SBOM_META && has_device(meta))) {
				if (d)
					pm_diag_add(
					        d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0,
					        "SBOM export: dependency %zu names component %ld, which does not exist",
					        k, (long)e[j]);
				return -1;
			}
	}
	size_t nr = n + (has_device(meta) ? 1 : 0);
	const char **sorted = pm_xcalloc(nr ? nr : 1, sizeof *sorted);
	memcpy(sorted, refs, n * sizeof *refs);
	if (has_device(meta))
		sorted[n] = device_ref(meta);
	qsort(sorted, nr, sizeof *sorted, cmp_str);
	for (size_t i = 1; i < nr; i++)
		if (strcmp(sorted[i - 1], sorted[i]) == 0) {
			if (d)
				pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0,
				            "SBOM export: two components have the id \"%s\"", sorted[i]);
			free(sorted);
			return -1;
		}
	free(sorted);
	return 0;
}

int pm_sbom_export_cdx(const pm_sbom_comp *comps, size_t n, const pm_sbom_dep *deps, size_t n_deps,
                       const pm_sbom_export_meta *meta, pm_buf *out, pm_diags *d)
{
	ex x;
	memset(&x, 0, sizeof x);
	x.comps = comps;
	x.n = n;
	x.meta = meta;
	x.d = d;
	x.refs = pm_xcalloc(n ? n : 1, sizeof *x.refs);
	char **made = pm_xcalloc(n ? n : 1, sizeof *made);
	for (size_t i = 0; i < n; i++) {
		x.refs[i] = comps[i].id ? comps[i].id : comps[i].ref;
		if (!x.refs[i])
			x.refs[i] = made[i] = pm_xasprintf("component-%zu", i + 1);
	}
	int rc = -1;
	pm_buf body;
	pm_buf_init(&body, out->limit);
	if (check(comps, n, deps, n_deps, meta, x.refs, d) < 0)
		goto out;

	/* children lists (counting sort by parent; index n is the top level) */
	x.child_first = pm_xcalloc(n + 2, sizeof *x.child_first);
	x.kids = pm_xcalloc(n ? n : 1, sizeof *x.kids);
	size_t *fill = pm_xcalloc(n + 2, sizeof *fill);
	for (size_t i = 0; i < n; i++)
		x.child_first[(comps[i].parent < 0 ? n : (size_t)comps[i].parent) + 1]++;
	for (size_t i = 0; i <= n; i++)
		x.child_first[i + 1] += x.child_first[i];
	for (size_t i = 0; i < n; i++) {
		size_t p = comps[i].parent < 0 ? n : (size_t)comps[i].parent;
		x.kids[x.child_first[p] + fill[p]++] = i;
	}
	free(fill);

	x.b = &body;
	pm_buf_puts(&body, ",\n  \"version\": 1");
	metadata(&x);
	if (n) {
		pm_buf_puts(&body, ",\n  \"components\": [");
		components(&x, x.child_first[n], x.child_first[n + 1], 2);
		close_block(&body, 1, "]");
	}
	pm_buf dep;
	pm_buf_init(&dep, out->limit);
	x.b = &dep;
	int first = 1;
	/* edges grouped by their source, in edge order (counting sort) */
	x.edge_first = pm_xcalloc(n + 2, sizeof *x.edge_first);
	x.edges = pm_xcalloc(n_deps ? n_deps : 1, sizeof *x.edges);
	fill = pm_xcalloc(n + 2, sizeof *fill);
	for (size_t k = 0; k < n_deps; k++)
		x.edge_first[(deps[k].from == PM_SBOM_META ? n : (size_t)deps[k].from) + 1]++;
	for (size_t i = 0; i <= n; i++)
		x.edge_first[i + 1] += x.edge_first[i];
	for (size_t k = 0; k < n_deps; k++) {
		size_t f = deps[k].from == PM_SBOM_META ? n : (size_t)deps[k].from;
		x.edges[x.edge_first[f] + fill[f]++] = k;
	}
	free(fill);
	if (has_device(meta))
		dep_entry(&x, device_ref(meta), PM_SBOM_META, deps, &first);
	for (size_t i = 0; i < n; i++)
		dep_entry(&x, x.refs[i], (int32_t)i, deps, &first);
	if (!first) {
		pm_buf_puts(&body, ",\n  \"dependencies\": [");
		pm_buf_put(&body, dep.data, dep.len);
		close_block(&body, 1, "]");
	}
	int dep_overflow = dep.overflow;
	pm_buf_free(&dep);
	pm_buf_puts(&body, "\n}\n");
	if (body.overflow || dep_overflow)
		goto overflow;

	/* serialNumber: SHA-256 of the body, as a version-5-style UUID */
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	if (!EVP_Digest(body.data, body.len, md, &mdlen, EVP_sha256(), NULL) || mdlen < 16) {
		if (d)
			pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, NULL, 0, 0, "SBOM export: SHA-256 failed");
		goto out;
	}
	md[6] = (unsigned char)((md[6] & 0x0F) | 0x50);
	md[8] = (unsigned char)((md[8] & 0x3F) | 0x80);
	char uuid[64];
	snprintf(uuid, sizeof uuid, "urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
	         md[0], md[1], md[2], md[3], md[4], md[5], md[6], md[7], md[8], md[9], md[10], md[11], md[12], md[13],
	         md[14], md[15]);
	size_t keep = out->len;
	int keep_overflow = out->overflow;
	pm_buf_puts(out, "{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.6\",\n  \"serialNumber\": ");
	pm_json_str(out, uuid);
	pm_buf_put(out, body.data, body.len);
	if (out->overflow) {
		pm_buf_truncate(out, keep);
		out->overflow = keep_overflow;
		goto overflow;
	}
	rc = 0;
	goto out;
overflow:
	if (d)
		pm_diag_add(d, PM_ERROR, PM_ERR_OUTPUT, NULL, 0, 0,
		            "SBOM export: the output is larger than its size limit");
out:
	pm_buf_free(&body);
	for (size_t i = 0; i < n; i++)
		free(made[i]);
	free(made);
	free(x.refs);
	free(x.child_first);
	free(x.kids);
	free(x.edge_first);
	free(x.edges);
	return rc;
}
