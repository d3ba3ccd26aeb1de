/* cmd_sbom.c — `premarket sbom [--format text|tsv|json] [--vulns] FILE...`:
 * read CycloneDX / SPDX files and list their components (or, with --vulns,
 * their vulnerabilities), with FDA's support fields and the NTIA gaps. */
#include "cli.h"
#include "json.h"
#include "premarket/buf.h"
#include "premarket/cvss.h"
#include "premarket/sbom.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#ifndef PM_CLI_HAS_SBOM
int pm_cmd_sbom(int argc, char **argv);
#endif

static const char usage_text[] = "Usage: premarket sbom [--format text|tsv|json] [--vulns] FILE...\n"
                                 "\n"
                                 "Read SBOM files -- CycloneDX 1.2-1.6 (JSON or XML) or SPDX 2.2/2.3 (JSON or\n"
                                 "tag-value), the format is detected -- and list their components, nested ones\n"
                                 "included: name, version, supplier, purl, FDA level of support and end of\n"
                                 "support, and (tsv, json) the NTIA minimum elements each one lacks.  With\n"
                                 "--vulns, list the vulnerabilities instead (CycloneDX vulnerabilities/VEX,\n"
                                 "SPDX advisory references): id, affected components, CVSS score computed from\n"
                                 "the vector, analysis state and justification.  In text format a summary of\n"
                                 "each file goes to standard error.  docs/sbom.md describes the mapping.\n"
                                 "\n"
                                 "Options:\n"
                                 "  -f, --format=FMT  text (default), tsv (tab-separated, with a header line)\n"
                                 "                    or json\n"
                                 "  -v, --vulns       list vulnerabilities instead of components\n"
                                 "  -h, --help        show this help\n"
                                 "\n"
                                 "Exit status: 0 every file was read (warnings allowed), 1 a file is not a\n"
                                 "valid SBOM, 2 usage error or a file that cannot be read.\n";

enum { OUT_TEXT, OUT_TSV, OUT_JSON };

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

/* "9.8 CRITICAL (3.1 base)", "0.0 (as written)" or "-". */
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
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
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

static void text_components(pm_buf *out, const pm_sbom_doc *doc)
{
	enum { NAME, VERSION, SUPPLIER, PURL, SUPPORT, EOS, IDC, NCOL };
	static const char *const head[NCOL] = {"NAME", "VERSION", "SUPPLIER", "PURL", "SUPPORT", "END OF SUPPORT",
					       "ID (in a model)"};
	static const size_t caps[NCOL] = {48, 24, 32, 64, 24, 14, 64};
	size_t w[NCOL];
	for (int k = 0; k < NCOL; k++)
		w[k] = strlen(head[k]);
	pm_buf name;
	pm_buf_init(&name, 0);
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			for (int k = 0; k < NCOL; k++)
				cell(out, head[k], w[k], k == NCOL - 1);
			pm_buf_putc(out, '\n');
		}
		for (size_t i = 0; i < doc->n_comps; i++) {
			const pm_sbom_comp *c = &doc->comps[i];
			pm_buf_clear(&name);
			for (uint32_t d = 0; d < c->depth; d++)
				pm_buf_puts(&name, "  ");
			pm_buf_puts(&name, dash(c->name));
			const char *v[NCOL] = {name.data,
			                       dash(c->version),
			                       dash(c->supplier),
			                       dash(c->purl),
			                       dash(support_name(c->support)),
			                       dash(c->end_of_support),
			                       dash(c->id)};
			for (int k = 0; k < NCOL; k++) {
				if (pass == 0) {
					size_t u = cap_width(utf8_width(v[k]), caps[k]);
					if (u > w[k])
						w[k] = u;
				} else {
					cell(out, v[k], w[k], k == NCOL - 1);
				}
			}
			if (pass == 1)
				pm_buf_putc(out, '\n');
		}
	}
	pm_buf_free(&name);
}

static void text_vulns(pm_buf *out, const pm_sbom_doc *doc)
{
	enum { ID, AFFECTS, SCORE, STATE, JUST, NCOL };
	static const char *const head[NCOL] = {"ID", "AFFECTS", "SCORE", "STATE", "JUSTIFICATION"};
	size_t w[NCOL];
	for (int k = 0; k < NCOL; k++)
		w[k] = strlen(head[k]);
	pm_buf aff, score;
	pm_buf_init(&aff, 0);
	pm_buf_init(&score, 0);
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			for (int k = 0; k < NCOL; k++)
				cell(out, head[k], w[k], k == NCOL - 1);
			pm_buf_putc(out, '\n');
		}
		for (size_t i = 0; i < doc->n_vulns; i++) {
			const pm_sbom_vuln *v = &doc->vulns[i];
			pm_buf_clear(&aff);
			pm_buf_clear(&score);
			affects_text(&aff, doc, v);
			score_text(&score, v);
			const char *col[NCOL] = {dash(v->id), aff.data, score.data, dash(v->state),
			                         dash(v->justification)};
			for (int k = 0; k < NCOL; k++) {
				if (pass == 0) {
					size_t u = cap_width(utf8_width(col[k]), 48);
					if (u > w[k])
						w[k] = u;
				} else {
					cell(out, col[k], w[k], k == NCOL - 1);
				}
			}
			if (pass == 1)
				pm_buf_putc(out, '\n');
		}
	}
	pm_buf_free(&aff);
	pm_buf_free(&score);
}

static void summary(const pm_sbom_doc *doc)
{
	pm_buf b;
	pm_buf_init(&b, 0);
	pm_buf_printf(&b, "premarket: sbom: %s: %s %s: ", doc->file, pm_sbom_format_name(doc->format),
	              dash(doc->spec_version));
	if (doc->format == PM_SBF_SPDX_JSON || doc->format == PM_SBF_SPDX_TAG)
		pm_buf_printf(&b, "%zu package%s, %zu file%s, %zu relationship%s (%zu dependency edge%s), ",
		              doc->n_comps, doc->n_comps == 1 ? "" : "s", doc->n_files, doc->n_files == 1 ? "" : "s",
		              doc->n_relationships, doc->n_relationships == 1 ? "" : "s", doc->n_deps,
		              doc->n_deps == 1 ? "" : "s");
	else
		pm_buf_printf(&b, "%zu component%s (%zu top-level), %zu dependency record%s (%zu edge%s), ",
		              doc->n_comps, doc->n_comps == 1 ? "" : "s", doc->n_top, doc->n_dep_entries,
		              doc->n_dep_entries == 1 ? "" : "s", doc->n_deps, doc->n_deps == 1 ? "" : "s");
	pm_buf_printf(&b, "%zu vulnerabilit%s\n", doc->n_vulns, doc->n_vulns == 1 ? "y" : "ies");
	/* NTIA gaps: how many components lack each element */
	size_t count[PM_NTIA_COUNT] = {0}, lacking = 0;
	for (size_t i = 0; i < doc->n_comps; i++) {
		unsigned m = doc->comps[i].ntia_missing;
		lacking += m != 0;
		for (int k = 0; k < PM_NTIA_COUNT; k++)
			count[k] += (m >> k) & 1u;
	}
	if (lacking || doc->ntia_missing) {
		pm_buf_printf(&b, "premarket: sbom: %s: NTIA minimum elements:", doc->file);
		if (lacking) {
			pm_buf_printf(&b, " %zu of %zu component%s lack some (", lacking, doc->n_comps,
			              doc->n_comps == 1 ? "" : "s");
			int first = 1;
			for (int k = 0; k < PM_NTIA_COUNT; k++)
				if (count[k]) {
					pm_buf_printf(&b, "%s%s %zu", first ? "" : ", ", pm_sbom_ntia_name(1u << k),
					              count[k]);
					first = 0;
				}
			pm_buf_puts(&b, ")");
		}
		if (doc->ntia_missing) {
			pm_buf_printf(&b, "%sthe document has no ", lacking ? "; " : " ");
			pm_buf_puts(&b, (doc->ntia_missing & PM_NTIA_AUTHOR) && (doc->ntia_missing & PM_NTIA_TIMESTAMP)
			                        ? "author and no timestamp"
			                : (doc->ntia_missing & PM_NTIA_AUTHOR) ? "author"
			                                                       : "timestamp");
		}
		pm_buf_putc(&b, '\n');
	}
	fputs(b.data, stderr);
	pm_buf_free(&b);
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
	pm_buf aff, score;
	pm_buf_init(&aff, 0);
	pm_buf_init(&score, 0);
	for (size_t i = 0; i < doc->n_vulns; i++) {
		const pm_sbom_vuln *v = &doc->vulns[i];
		const pm_sbom_rating *r = best_rating(v);
		pm_buf_clear(&aff);
		pm_buf_clear(&score);
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
	pm_buf_free(&score);
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
	const char *it = "          ";
	if (!vulns) {
		pm_buf_printf(b, "%s\"components\": [", in);
		for (size_t i = 0; i < doc->n_comps; i++) {
			const pm_sbom_comp *c = &doc->comps[i];
			pm_buf_puts(b, i ? ",\n        {\n" : "\n        {\n");
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
			pm_buf_puts(b, "\n        }");
		}
		pm_buf_puts(b, doc->n_comps ? "\n      ]\n" : "]\n");
	} else {
		pm_buf_printf(b, "%s\"vulnerabilities\": [", in);
		for (size_t i = 0; i < doc->n_vulns; i++) {
			const pm_sbom_vuln *v = &doc->vulns[i];
			pm_buf_puts(b, i ? ",\n        {\n" : "\n        {\n");
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
				pm_json_str(b, r->vector_ok ? pm_cvss_severity_name(pm_cvss_severity_of(r->cvss_tenths))
				                            : NULL);
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
			pm_buf_puts(b, "        }");
		}
		pm_buf_puts(b, doc->n_vulns ? "\n      ]\n" : "]\n");
	}
	pm_buf_puts(b, "    }");
}

int pm_cmd_sbom(int argc, char **argv)
{
	static const struct option options[] = {
	        {"format", required_argument, NULL, 'f'},
	        {"help", no_argument, NULL, 'h'},
	        {"vulns", no_argument, NULL, 'v'},
	        {NULL, 0, NULL, 0},
	};
	int fmt = OUT_TEXT, vulns = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:hv", options, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "text") == 0)
				fmt = OUT_TEXT;
			else if (strcmp(optarg, "tsv") == 0)
				fmt = OUT_TSV;
			else if (strcmp(optarg, "json") == 0)
				fmt = OUT_JSON;
			else
				return pm_msg_usage("sbom", "unknown format '%s' (text, tsv or json)", optarg);
			break;
		case 'v':
			vulns = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return PM_EXIT_OK;
		default:
			return pm_cli_bad_option("sbom", c, argv);
		}
	}
	if (optind >= argc)
		return pm_msg_usage("sbom", "no SBOM file given");
	int nfiles = argc - optind, rc = PM_EXIT_OK, shown = 0;
	pm_buf out;
	pm_buf_init(&out, 0);
	if (fmt == OUT_TSV)
		pm_buf_puts(&out, vulns ? "file\tid\taffects\tscore\tseverity\tvector\tstate\tjustification\tresponse\n"
		                        : "file\tdepth\tid\tname\tversion\tsupplier\tpurl\tcpe\tsupport\tend_of_"
		                          "support\tntia_missing\n");
	if (fmt == OUT_JSON)
		pm_buf_puts(&out, "{\n  \"files\": [\n");
	for (int i = optind; i < argc; i++) {
		const char *file = argv[i];
		pm_diags d;
		pm_diags_init(&d);
		pm_sbom_doc *doc = NULL;
		pm_sbom_load(file, -1, &doc, &d);
		pm_diags_sort(&d, &file, 1);
		int r = pm_msg_diags(stderr, &d);
		pm_diags_free(&d);
		if (!doc) {
			if (!r)
				r = PM_EXIT_PROBLEMS;
			if (r > rc)
				rc = r;
			continue;
		}
		if (fmt == OUT_TEXT) {
			if (nfiles > 1)
				pm_buf_printf(&out, "%s%s:\n", shown ? "\n" : "", file);
			if (vulns)
				text_vulns(&out, doc);
			else
				text_components(&out, doc);
			summary(doc);
		} else if (fmt == OUT_TSV) {
			if (vulns)
				tsv_vulns(&out, doc);
			else
				tsv_components(&out, doc);
		} else {
			json_doc(&out, doc, vulns, shown == 0);
		}
		shown++;
		pm_sbom_free(doc);
	}
	if (fmt == OUT_JSON)
		pm_buf_puts(&out, shown ? "\n  ]\n}\n" : "  ]\n}\n");
	int w = out.overflow ? (pm_msg_error("the listing is too large"), PM_EXIT_OUTPUT)
	                     : pm_cli_write_stdout(out.data, out.len);
	pm_buf_free(&out);
	return w > rc ? w : rc;
}
