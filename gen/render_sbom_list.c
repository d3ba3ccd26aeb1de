/* render_sbom_list.c — the listings of `premarket sbom`
 * (include/premarket/sbom_list.h): the components or vulnerabilities of
 * SBOM documents as aligned text, TSV or JSON, and a document's summary.
 *
 * Text pads each column to its widest cell (in characters, capped per
 * column) and indents nested components; TSV writes "-" for an absent
 * value and turns tabs and line breaks in values into spaces; JSON writes
 * every field, null when absent.
 */
#include "json.h"
#include "premarket/cvss.h"
#include "premarket/sbom_list.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>

/* ---- shared ---- */

static const char *dash(const char *s)
{
	return s && *s ? s : "-";
}

static const char *support_name(int s)
{
	return s >= 0 && s < PM_N_SUPPORT ? pm_enum_names_support[s] : NULL;
}

/* The name shown for reference index i of doc (a component, the subject, or the raw ref). */
static const char *ref_name(const pm_sbom_doc *doc, int32_t i, const char *raw)
{
	if (i >= 0 && (size_t)i < doc->n_comps)
		return doc->comps[i].id;
	if (i == PM_SBOM_META && doc->meta)
		return doc->meta->id;
	return raw;
}

/* The rating shown: the first with a score from its vector, else the first with a score. */
static const pm_sbom_rating *best_rating(const pm_sbom_vuln *v)
{
	for (size_t i = 0; i < v->n_ratings; i++)
		if (v->ratings[i].vector_ok)
			return &v->ratings[i];
	for (size_t i = 0; i < v->n_ratings; i++)
		if (v->ratings[i].has_score)
			return &v->ratings[i];
	return NULL;
}

/* "9.8 CRITICAL (CVSS 3.1 base)", "7.0 HIGH (CVSS 3.1 environmental; base 9.8)",
 * "5.0 (as written)" or "-". */
static void score_text(pm_buf *b, const pm_sbom_vuln *v)
{
	const pm_sbom_rating *r = best_rating(v);
	char s[16];
	if (r && r->vector_ok) {
		pm_buf_printf(b, "%s %s (CVSS %s %s", pm_cvss_score_str(r->cvss_tenths, s, sizeof s),
		              pm_cvss_severity_name(pm_cvss_severity_of(r->cvss_tenths)),
		              r->cvss_version == 40 ? "4.0" : "3.1", r->cvss_name);
		if (r->base_tenths >= 0 && r->base_tenths != r->cvss_tenths)
			pm_buf_printf(b, "; base %s", pm_cvss_score_str(r->base_tenths, s, sizeof s));
		pm_buf_putc(b, ')');
	} else if (r) {
		pm_buf_printf(b, "%.1f (as written)", r->score);
	} else {
		pm_buf_putc(b, '-');
	}
}

static void affects_text(pm_buf *b, const pm_sbom_doc *doc, const pm_sbom_vuln *v)
{
	if (!v->n_affects)
		pm_buf_putc(b, '-');
	for (size_t i = 0; i < v->n_affects; i++) {
		if (i)
			pm_buf_putc(b, ',');
		pm_buf_puts(b, ref_name(doc, v->affects[i], v->affect_refs[i]));
	}
}

static void ntia_text(pm_buf *b, unsigned bits)
{
	int first = 1;
	for (unsigned bit = 1; bit < (1u << PM_NTIA_COUNT); bit <<= 1)
		if (bits & bit) {
			if (!first)
				pm_buf_putc(b, ',');
			pm_buf_puts(b, pm_sbom_ntia_name(bit));
			first = 0;
		}
	if (first)
		pm_buf_putc(b, '-');
}

/* ---- text ---- */

static size_t utf8_width(const char *s)
{
	return pm_utf8_chars(s, strlen(s));
}

static void cell(pm_buf *b, const char *s, size_t width, int last)
{
	pm_buf_puts(b, s);
	if (last)
		return;
	size_t w = utf8_width(s);
	for (size_t pad = w < width ? width - w + 2 : 2; pad; pad--)
		pm_buf_putc(b, ' ');
}

static size_t cap_width(size_t w, size_t cap)
{
	return w > cap ? cap : w;
}

/* One row of a text table: the cells of row i of doc in cell[], which may
 * point into the two scratch buffers (cleared before each row). */
typedef void row_fn(const pm_sbom_doc *doc, size_t i, pm_buf scratch[2], const char **cell);

enum { MAX_COLS = 8 };

/* A header line and n rows, each column as wide as its widest cell (at
 * most caps[k] characters), two spaces between columns. */
static void text_table(pm_buf *out, const pm_sbom_doc *doc, size_t n, int ncol, const char *const *head,
                       const size_t *caps, row_fn *row)
{
	size_t w[MAX_COLS];
	const char *v[MAX_COLS];
	for (int k = 0; k < ncol; k++)
		w[k] = strlen(head[k]);
	pm_buf scratch[2];
	pm_buf_init(&scratch[0], 0);
	pm_buf_init(&scratch[1], 0);
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			for (int k = 0; k < ncol; k++)
				cell(out, head[k], w[k], k == ncol - 1);
			pm_buf_putc(out, '\n');
		}
		for (size_t i = 0; i < n; i++) {
			pm_buf_clear(&scratch[0]);
			pm_buf_clear(&scratch[1]);
			row(doc, i, scratch, v);
			for (int k = 0; k < ncol; k++) {
				if (pass == 0) {
					size_t u = cap_width(utf8_width(v[k]), caps[k]);
					if (u > w[k])
						w[k] = u;
				} else {
					cell(out, v[k], w[k], k == ncol - 1);
				}
			}
			if (pass == 1)
				pm_buf_putc(out, '\n');
		}
	}
	pm_buf_free(&scratch[0]);
	pm_buf_free(&scratch[1]);
}

static void comp_row(const pm_sbom_doc *doc, size_t i, pm_buf scratch[2], const char **v)
{
	const pm_sbom_comp *c = &doc->comps[i];
	for (uint32_t d = 0; d < c->depth; d++)
		pm_buf_puts(&scratch[0], "  ");
	pm_buf_puts(&scratch[0], dash(c->name));
	v[0] = scratch[0].data;
	v[1] = dash(c->version);
	v[2] = dash(c->supplier);
	v[3] = dash(c->purl);
	v[4] = dash(support_name(c->support));
	v[5] = dash(c->end_of_support);
	v[6] = dash(c->id);
}

static void text_components(pm_buf *out, const pm_sbom_doc *doc)
{
	static const char *const head[] = {"NAME",    "VERSION",        "SUPPLIER",       "PURL",
	                                   "SUPPORT", "END OF SUPPORT", "ID (in a model)"};
	static const size_t caps[] = {48, 24, 32, 64, 24, 14, 64};
	text_table(out, doc, doc->n_comps, 7, head, caps, comp_row);
}

static void vuln_row(const pm_sbom_doc *doc, size_t i, pm_buf scratch[2], const char **v)
{
	const pm_sbom_vuln *vu = &doc->vulns[i];
	affects_text(&scratch[0], doc, vu);
	score_text(&scratch[1], vu);
	v[0] = dash(vu->id);
	v[1] = scratch[0].data;
	v[2] = scratch[1].data;
	v[3] = dash(vu->state);
	v[4] = dash(vu->justification);
}

static void text_vulns(pm_buf *out, const pm_sbom_doc *doc)
{
	static const char *const head[] = {"ID", "AFFECTS", "SCORE", "STATE", "JUSTIFICATION"};
	static const size_t caps[] = {48, 48, 48, 48, 48};
	text_table(out, doc, doc->n_vulns, 5, head, caps, vuln_row);
}

static void summary(pm_buf *b, const pm_sbom_doc *doc, const char *prefix)
{
	pm_buf_printf(b, "%s%s: %s %s: ", prefix, doc->file, pm_sbom_format_name(doc->format), dash(doc->spec_version));
	if (doc->format == PM_SBF_SPDX_JSON || doc->format == PM_SBF_SPDX_TAG)
		pm_buf_printf(b, "%zu package%s, %zu file%s, %zu relationship%s (%zu dependency edge%s), ",
		              doc->n_comps, doc->n_comps == 1 ? "" : "s", doc->n_files, doc->n_files == 1 ? "" : "s",
		              doc->n_relationships, doc->n_relationships == 1 ? "" : "s", doc->n_deps,
		              doc->n_deps == 1 ? "" : "s");
	else
		pm_buf_printf(b, "%zu component%s (%zu top-level), %zu dependency record%s (%zu edge%s), ",
		              doc->n_comps, doc->n_comps == 1 ? "" : "s", doc->n_top, doc->n_dep_entries,
		              doc->n_dep_entries == 1 ? "" : "s", doc->n_deps, doc->n_deps == 1 ? "" : "s");
	pm_buf_printf(b, "%zu vulnerabilit%s\n", doc->n_vulns, doc->n_vulns == 1 ? "y" : "ies");
	/* NTIA gaps: how many components lack each element */
	size_t count[PM_NTIA_COUNT] = {0}, lacking = 0;
	for (size_t i = 0; i < doc->n_comps; i++) {
		unsigned m = doc->comps[i].ntia_missing;
		lacking += m != 0;
		for (int k = 0; k < PM_NTIA_COUNT; k++)
			count[k] += (m >> k) & 1u;
	}
	if (lacking || doc->ntia_missing) {
		pm_buf_printf(b, "%s%s: NTIA minimum elements:", prefix, doc->file);
		if (lacking) {
			pm_buf_printf(b, " %zu of %zu component%s lack some (", lacking, doc->n_comps,
			              doc->n_comps == 1 ? "" : "s");
			int first = 1;
			for (int k = 0; k < PM_NTIA_COUNT; k++)
				if (count[k]) {
					pm_buf_printf(b, "%s%s %zu", first ? "" : ", ", pm_sbom_ntia_name(1u << k),
					              count[k]);
					first = 0;
				}
			pm_buf_puts(b, ")");
		}
		if (doc->ntia_missing) {
			pm_buf_printf(b, "%sthe document has no ", lacking ? "; " : " ");
			pm_buf_puts(b, (doc->ntia_missing & PM_NTIA_AUTHOR) && (doc->ntia_missing & PM_NTIA_TIMESTAMP)
			                       ? "author and no timestamp"
			               : (doc->ntia_missing & PM_NTIA_AUTHOR) ? "author"
			                                                      : "timestamp");
		}
		pm_buf_putc(b, '\n');
	}
}

/* ---- tsv ---- */

static void tsv(pm_buf *b, const char *s, int last)
{
	for (s = dash(s); *s; s++)
		pm_buf_putc(b, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
	pm_buf_putc(b, last ? '\n' : '\t');
}

static void tsv_components(pm_buf *out, const pm_sbom_doc *doc)
{
	pm_buf t;
	pm_buf_init(&t, 0);
	char depth[16];
	for (size_t i = 0; i < doc->n_comps; i++) {
		const pm_sbom_comp *c = &doc->comps[i];
		snprintf(depth, sizeof depth, "%u", (unsigned)c->depth);
		pm_buf_clear(&t);
		ntia_text(&t, c->ntia_missing);
		const char *v[] = {doc->file,         depth,      c->id,
		                   c->name,           c->version, c->supplier,
		                   c->purl,           c->cpe,     support_name(c->support),
		                   c->end_of_support, t.data};
		for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
			tsv(out, v[k], k + 1 == sizeof v / sizeof v[0]);
	}
	pm_buf_free(&t);
}

static void tsv_vulns(pm_buf *out, const pm_sbom_doc *doc)
{
	pm_buf aff;
	pm_buf_init(&aff, 0);
	for (size_t i = 0; i < doc->n_vulns; i++) {
		const pm_sbom_vuln *v = &doc->vulns[i];
		const pm_sbom_rating *r = best_rating(v);
		pm_buf_clear(&aff);
		affects_text(&aff, doc, v);
		char s[16] = "";
		const char *sev = NULL;
		if (r && r->vector_ok) {
			pm_cvss_score_str(r->cvss_tenths, s, sizeof s);
			sev = pm_cvss_severity_name(pm_cvss_severity_of(r->cvss_tenths));
		}
		const char *vec = NULL;
		for (size_t k = 0; k < v->n_ratings && !vec; k++)
			vec = v->ratings[k].vector;
		const char *col[] = {doc->file, v->id, aff.data, s, sev, vec, v->state, v->justification, v->response};
		for (size_t k = 0; k < sizeof col / sizeof col[0]; k++)
			tsv(out, col[k], k + 1 == sizeof col / sizeof col[0]);
	}
	pm_buf_free(&aff);
}

/* ---- json ---- */

static void jkey(pm_buf *b, const char *indent, const char *key, const char *value, int comma)
{
	pm_buf_printf(b, "%s\"%s\": ", indent, key);
	pm_json_str(b, value);
	pm_buf_puts(b, comma ? ",\n" : "\n");
}

static void jntia(pm_buf *b, unsigned bits)
{
	pm_buf_putc(b, '[');
	int first = 1;
	for (unsigned bit = 1; bit < (1u << PM_NTIA_COUNT); bit <<= 1)
		if (bits & bit) {
			pm_buf_puts(b, first ? "" : ", ");
			pm_json_str(b, pm_sbom_ntia_name(bit));
			first = 0;
		}
	pm_buf_putc(b, ']');
}

/* Indentation of the members of a listed component or vulnerability. */
static const char it[] = "          ";

static void json_comp(pm_buf *b, const pm_sbom_doc *doc, size_t i)
{
	const pm_sbom_comp *c = &doc->comps[i];
	jkey(b, it, "id", c->id, 1);
	jkey(b, it, "ref", c->ref, 1);
	pm_buf_printf(b, "%s\"depth\": %u,\n", it, (unsigned)c->depth);
	jkey(b, it, "parent", c->parent >= 0 ? doc->comps[c->parent].id : NULL, 1);
	jkey(b, it, "type", c->type, 1);
	jkey(b, it, "group", c->group, 1);
	jkey(b, it, "name", c->name, 1);
	jkey(b, it, "version", c->version, 1);
	jkey(b, it, "supplier", c->supplier, 1);
	jkey(b, it, "purl", c->purl, 1);
	jkey(b, it, "cpe", c->cpe, 1);
	jkey(b, it, "swid", c->swid, 1);
	jkey(b, it, "licenses", c->licenses, 1);
	pm_buf_printf(b, "%s\"hashes\": [", it);
	for (size_t h = 0; h < c->n_hashes; h++) {
		pm_buf_puts(b, h ? ", { \"alg\": " : "{ \"alg\": ");
		pm_json_str(b, c->hashes[h].alg);
		pm_buf_puts(b, ", \"value\": ");
		pm_json_str(b, c->hashes[h].value);
		pm_buf_puts(b, " }");
	}
	pm_buf_puts(b, "],\n");
	jkey(b, it, "support", support_name(c->support), 1);
	jkey(b, it, "end_of_support", c->end_of_support, 1);
	jkey(b, it, "support_source", c->support_source, 1);
	jkey(b, it, "end_of_support_source", c->eos_source, 1);
	pm_buf_printf(b, "%s\"ntia_missing\": ", it);
	jntia(b, c->ntia_missing);
	pm_buf_putc(b, '\n');
}

static void json_vuln(pm_buf *b, const pm_sbom_doc *doc, size_t i)
{
	const pm_sbom_vuln *v = &doc->vulns[i];
	jkey(b, it, "id", v->id, 1);
	jkey(b, it, "source", v->source, 1);
	pm_buf_printf(b, "%s\"affects\": [", it);
	for (size_t k = 0; k < v->n_affects; k++) {
		pm_buf_puts(b, k ? ", " : "");
		pm_json_str(b, ref_name(doc, v->affects[k], v->affect_refs[k]));
	}
	pm_buf_puts(b, "],\n");
	pm_buf_printf(b, "%s\"ratings\": [", it);
	for (size_t k = 0; k < v->n_ratings; k++) {
		const pm_sbom_rating *r = &v->ratings[k];
		char s[16];
		pm_buf_puts(b, k ? ", { \"method\": " : "{ \"method\": ");
		pm_json_str(b, r->method);
		pm_buf_puts(b, ", \"vector\": ");
		pm_json_str(b, r->vector);
		pm_buf_puts(b, ", \"score\": ");
		if (r->vector_ok)
			pm_buf_puts(b, pm_cvss_score_str(r->cvss_tenths, s, sizeof s));
		else
			pm_buf_puts(b, "null");
		pm_buf_puts(b, ", \"severity\": ");
		pm_json_str(b, r->vector_ok ? pm_cvss_severity_name(pm_cvss_severity_of(r->cvss_tenths)) : NULL);
		pm_buf_puts(b, ", \"score_kind\": ");
		pm_json_str(b, r->vector_ok ? r->cvss_name : NULL);
		pm_buf_puts(b, " }");
	}
	pm_buf_puts(b, "],\n");
	jkey(b, it, "state", v->state, 1);
	jkey(b, it, "justification", v->justification, 1);
	jkey(b, it, "response", v->response, 1);
	jkey(b, it, "detail", v->detail, 1);
	jkey(b, it, "cwes", v->cwes, 0);
}

/* "key": [ one object per item ] in a document's object. */
static void json_list(pm_buf *b, const pm_sbom_doc *doc, const char *key, size_t n,
                      void (*item)(pm_buf *, const pm_sbom_doc *, size_t))
{
	pm_buf_printf(b, "      \"%s\": [", key);
	for (size_t i = 0; i < n; i++) {
		pm_buf_puts(b, i ? ",\n        {\n" : "\n        {\n");
		item(b, doc, i);
		pm_buf_puts(b, "        }");
	}
	pm_buf_puts(b, n ? "\n      ]\n" : "]\n");
}

static void json_doc(pm_buf *b, const pm_sbom_doc *doc, int vulns, int first)
{
	pm_buf_puts(b, first ? "    {\n" : ",\n    {\n");
	const char *in = "      ";
	jkey(b, in, "file", doc->file, 1);
	jkey(b, in, "format", pm_sbom_format_name(doc->format), 1);
	jkey(b, in, "spec_version", doc->spec_version, 1);
	jkey(b, in, "author", doc->author, 1);
	jkey(b, in, "timestamp", doc->timestamp, 1);
	jkey(b, in, "tools", doc->tools, 1);
	jkey(b, in, "subject", doc->meta ? doc->meta->name : NULL, 1);
	pm_buf_printf(b,
	              "%s\"counts\": { \"components\": %zu, \"top_level\": %zu, \"dependency_records\": %zu, "
	              "\"dependencies\": %zu, \"vulnerabilities\": %zu, \"files\": %zu, \"relationships\": %zu },\n",
	              in, doc->n_comps, doc->n_top, doc->n_dep_entries, doc->n_deps, doc->n_vulns, doc->n_files,
	              doc->n_relationships);
	pm_buf_printf(b, "%s\"ntia_missing\": ", in);
	jntia(b, doc->ntia_missing);
	pm_buf_puts(b, ",\n");
	if (vulns)
		json_list(b, doc, "vulnerabilities", doc->n_vulns, json_vuln);
	else
		json_list(b, doc, "components", doc->n_comps, json_comp);
	pm_buf_puts(b, "    }");
}

/* ---- the listing ---- */

/* A call that writes to out: remembers where out stood, so that a call
 * that made it reach its cap can be undone. */
typedef struct mark {
	size_t len;
	int overflow;
} mark;

static mark begin(pm_buf *out)
{
	mark m = {out->len, out->overflow};
	out->overflow = 0;
	return m;
}

static int end(pm_buf *out, mark m, pm_diags *d)
{
	int full = out->overflow;
	if (full)
		pm_buf_truncate(out, m.len);
	out->overflow = m.overflow;
	if (!full)
		return 0;
	if (d)
		pm_diag_add(d, PM_ERROR, PM_ERR_OUTPUT, NULL, 0, 0,
		            "the SBOM listing is larger than the output's size limit");
	return -1;
}

static void header(pm_sbom_list *l, pm_buf *out)
{
	if (l->started)
		return;
	int vulns = (l->flags & PM_SBOM_LIST_VULNS) != 0;
	if (l->format == PM_SBOM_LIST_TSV)
		pm_buf_puts(out, vulns ? "file\tid\taffects\tscore\tseverity\tvector\tstate\tjustification\tresponse\n"
		                       : "file\tdepth\tid\tname\tversion\tsupplier\tpurl\tcpe\tsupport\tend_of_"
		                         "support\tntia_missing\n");
	else if (l->format == PM_SBOM_LIST_JSON)
		pm_buf_puts(out, "{\n  \"files\": [\n");
}

void pm_sbom_list_init(pm_sbom_list *l, pm_sbom_list_format format, unsigned flags)
{
	memset(l, 0, sizeof *l);
	l->format = format;
	l->flags = flags;
}

int pm_sbom_list_doc(pm_sbom_list *l, const pm_sbom_doc *doc, pm_buf *out, pm_diags *d)
{
	mark m = begin(out);
	int vulns = (l->flags & PM_SBOM_LIST_VULNS) != 0;
	header(l, out);
	if (l->format == PM_SBOM_LIST_TEXT) {
		if (l->flags & PM_SBOM_LIST_HEADINGS)
			pm_buf_printf(out, "%s%s:\n", l->shown ? "\n" : "", doc->file);
		if (vulns)
			text_vulns(out, doc);
		else
			text_components(out, doc);
	} else if (l->format == PM_SBOM_LIST_TSV) {
		if (vulns)
			tsv_vulns(out, doc);
		else
			tsv_components(out, doc);
	} else {
		json_doc(out, doc, vulns, l->shown == 0);
	}
	if (end(out, m, d) < 0)
		return -1;
	l->started = 1;
	l->shown++;
	return 0;
}

int pm_sbom_list_end(pm_sbom_list *l, pm_buf *out, pm_diags *d)
{
	mark m = begin(out);
	header(l, out);
	if (l->format == PM_SBOM_LIST_JSON)
		pm_buf_puts(out, l->shown ? "\n  ]\n}\n" : "  ]\n}\n");
	if (end(out, m, d) < 0)
		return -1;
	l->started = 1;
	return 0;
}

int pm_sbom_summary(const pm_sbom_doc *doc, const char *prefix, pm_buf *out, pm_diags *d)
{
	mark m = begin(out);
	summary(out, doc, prefix ? prefix : "");
	return end(out, m, d);
}
