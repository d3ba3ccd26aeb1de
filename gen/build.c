/* build.c — the build pipeline (see premarket/build.h): the completeness
 * check, the documents from their templates, the diagrams, HTML, the SBOM
 * export, XML, PDF, then the commit.  Every file goes to the sink; nothing here writes a
 * file.  Each stage is one function, run in pm_build() in output order. */
#include "premarket/build.h"
#include "premarket/check.h"
#include "premarket/diagram.h"
#include "premarket/documents.h"
#include "premarket/html.h"
#include "premarket/load.h"
#include "premarket/mustache.h"
#include "premarket/pdf.h"
#include "premarket/sbom_model.h"
#include "premarket/verify.h"
#include "premarket/view.h"
#include "premarket/xml.h"
#include "premarket/xlsx.h"
#include "sha256.h"
#include "templates.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#ifndef PM_VERSION
#error "PM_VERSION must be defined (the Makefile passes -DPM_VERSION)"
#endif

#define INDEX_SLUG  "index"
#define INDEX_TITLE "Cybersecurity Documentation Package"

typedef struct build {
	const pm_model *m;
	pm_build_options opt;
	const pm_sink *sink;
	pm_diags *d;
	const char *date; /* the documentation date, or NULL */
	char date_buf[11];
	pm_check_report check;
	/* Markdown of each document of pm_documents, then of the index
	 * (md[pm_n_documents]), kept for the HTML and PDF stages */
	pm_buf *md;
	/* the diagrams: what the documents link to, laid out once for the PDF */
	pm_diagram_plan *plan;
	pm_diagram **dgs;
	size_t ndgs;
} build;

/* The slug and title of document i, the index after the last document. */
static const char *doc_slug(size_t i)
{
	return i < pm_n_documents ? pm_documents[i].slug : INDEX_SLUG;
}

static const char *doc_title(size_t i)
{
	return i < pm_n_documents ? pm_documents[i].title : INDEX_TITLE;
}

/* Did the sink call since `errors_before` fail without saying why? */
static int sink_failed(build *b, size_t errors_before, const char *what)
{
	if (b->d->errors == errors_before)
		pm_diag_add(b->d, PM_ERROR, PM_ERR_OUTPUT, NULL, 0, 0, "cannot write the outputs: %s", what);
	return -1;
}

/* Hand the file "<slug>.<ext>" to the sink; 0 or -1. */
static int put(build *b, const char *slug, const char *ext, const pm_buf *data)
{
	char *name = pm_xasprintf("%s.%s", slug, ext);
	size_t before = b->d->errors;
	int rc = pm_verify_output(name, data->data, data->len, b->d) < 0
	                 ? -1
	                 : b->sink->put(b->sink->ud, name, data->data ? data->data : "", data->len, b->d);
	if (rc != 0)
		rc = sink_failed(b, before, name);
	free(name);
	return rc;
}

/* The template data of document i: the model's view plus `doc`. */
static void set_doc(pm_value *root, pm_value_arena *arena, size_t i)
{
	const pm_document *doc = i < pm_n_documents ? &pm_documents[i] : NULL;
	pm_value *dv = pm_value_map(arena);
	pm_value_map_set(dv, "id", pm_value_cstr(arena, doc ? doc->id : "PM-INDEX"));
	pm_value_map_set(dv, "slug", pm_value_cstr(arena, doc_slug(i)));
	pm_value_map_set(dv, "title", pm_value_cstr(arena, doc_title(i)));
	pm_value_map_set(dv, "guidance", doc ? pm_value_cstr(arena, doc->guidance) : pm_value_null(arena));
	pm_value_map_set(dv, "summary", doc ? pm_value_cstr(arena, doc->summary) : pm_value_null(arena));
	pm_value_map_set(root, "doc", dv);
}

static int render_template(pm_templates *tpl, pm_mustache_env *env, const char *name, const pm_value *data, pm_buf *out,
                           pm_diags *d)
{
	pm_mustache_template *t;
	if (pm_templates_compile(tpl, name, &t, d) < 0)
		return -1;
	int rc = pm_mustache_render(env, t, data, out, d);
	pm_mustache_free(t);
	return rc;
}

/* Stage 2: the Markdown of every document and the index (+ the .md files). */
static int stage_documents(build *b)
{
	char *shipped = b->opt.shipped_templates ? NULL : pm_xasprintf("%s/templates", pm_datadir());
	pm_templates *tpl = pm_templates_new(b->opt.templates_dir, shipped ? shipped : b->opt.shipped_templates);
	free(shipped);
	pm_mustache_opts mo;
	memset(&mo, 0, sizeof mo);
	mo.escape = pm_mustache_escape_markdown;
	mo.load = pm_templates_load;
	mo.load_ud = tpl;
	pm_mustache_env *env = pm_mustache_env_new(&mo);
	pm_view_options vo = {b->date, PM_VERSION};
	pm_value_arena *arena = pm_value_arena_new();
	pm_value *root = pm_view_build(b->m, &vo, arena);

	int rc = 0;
	for (size_t i = 0; i <= pm_n_documents && rc == 0; i++) {
		set_doc(root, arena, i);
		if (i < pm_n_documents && strcmp(pm_documents[i].slug, PM_DOC_CHECK_SLUG) == 0) {
			/* the appendix is the completeness report itself */
			pm_check_render_options ro = {PM_VERSION, NULL, NULL, 1};
			rc = pm_check_render_md(&b->check, &ro, &b->md[i], b->d);
		} else {
			rc = render_template(tpl, env, doc_slug(i), root, &b->md[i], b->d);
		}
		if (rc == 0 && (b->opt.formats & PM_BUILD_MD))
			rc = put(b, doc_slug(i), "md", &b->md[i]);
		if (!(b->opt.formats & (PM_BUILD_HTML | PM_BUILD_PDF)))
			pm_buf_free(&b->md[i]); /* written: nothing else reads it */
	}
	/* The template data is done with: free it before HTML and PDF, which need
	 * room of their own for big documents (cmark-gfm trees). */
	pm_value_arena_free(arena);
	pm_mustache_env_free(env);
	pm_templates_free(tpl);
	return rc;
}

/* Stage 3: every diagram of the plan laid out once; as diagrams/<id>.svg
 * beside the Markdown and HTML that link to it. */
static int stage_diagrams(build *b)
{
	b->plan = pm_diagram_plan_new(b->m);
	b->ndgs = pm_diagram_plan_count(b->plan);
	if (!b->ndgs || !(b->opt.formats & (PM_BUILD_MD | PM_BUILD_HTML | PM_BUILD_PDF)))
		return 0;
	b->dgs = pm_xcalloc(b->ndgs, sizeof *b->dgs);
	pm_diagram_engine *e = pm_diagram_engine_new();
	pm_buf svg;
	pm_buf_init(&svg, 0);
	int rc = 0;
	for (size_t i = 0; i < b->ndgs && rc == 0; i++) {
		rc = pm_diagram_layout(e, b->m, b->plan, i, &b->dgs[i], b->d);
		if (rc == 0 && (b->opt.formats & (PM_BUILD_MD | PM_BUILD_HTML))) {
			pm_buf_clear(&svg);
			rc = pm_diagram_svg(b->dgs[i], &svg, b->d);
			if (rc == 0) {
				const char *file = pm_diagram_plan_file(b->plan, i);
				size_t n = strlen(file);
				char *stem = pm_xstrndup(file, n > 4 ? n - 4 : n); /* without ".svg" */
				rc = put(b, stem, "svg", &svg);
				free(stem);
			}
		}
	}
	pm_buf_free(&svg);
	pm_diagram_engine_free(e);
	return rc;
}

/* Stage 4: an HTML page per document and the index, each with the set as
 * its navigation bar. */
static int stage_html(build *b)
{
	size_t n_nav = pm_n_documents + 1;
	pm_html_link *nav = pm_xcalloc(n_nav, sizeof *nav);
	char **hrefs = pm_xcalloc(n_nav, sizeof *hrefs);
	for (size_t k = 0; k < n_nav; k++) {
		/* the index first, then the documents */
		size_t i = k == 0 ? pm_n_documents : k - 1;
		hrefs[k] = pm_xasprintf("%s.html", doc_slug(i));
		nav[k].href = hrefs[k];
		nav[k].title = k == 0 ? "Index" : doc_title(i);
	}
	char *subtitle = pm_xasprintf("%s %s", b->m->device.name.s, b->m->device.version.s);
	pm_html_figure *figs = pm_xcalloc(b->ndgs + 1, sizeof *figs);
	size_t nfigs = 0;
	for (size_t i = 0; b->dgs && i < b->ndgs; i++) {
		figs[nfigs].url = pm_diagram_plan_file(b->plan, i);
		pm_diagram_size(b->dgs[i], &figs[nfigs].width, &figs[nfigs].height);
		figs[nfigs].alt = pm_diagram_alt(b->dgs[i]);
		figs[nfigs].desc = pm_diagram_desc(b->dgs[i]);
		nfigs++;
	}
	pm_buf html;
	pm_buf_init(&html, 0);
	int rc = 0;
	/* where each object id is defined, so that every page links to it */
	pm_html_xref *xref = pm_html_xref_new(b->m);
	for (size_t i = 0; i <= pm_n_documents && rc == 0; i++)
		rc = pm_html_xref_scan(xref, doc_slug(i), b->md[i].data ? b->md[i].data : "", b->md[i].len, b->d);
	for (size_t i = 0; i <= pm_n_documents && rc == 0; i++) {
		const pm_buf *src = &b->md[i];
		pm_html_context ctx = {i < pm_n_documents ? i + 1 : 0, doc_slug(i), xref};
		pm_buf_clear(&html);
		rc = pm_html_page_ctx(src->data ? src->data : "", src->len, doc_title(i), subtitle, nav, n_nav, figs,
		                      nfigs, &ctx, &html, b->d);
		if (rc == 0)
			rc = put(b, doc_slug(i), "html", &html);
	}
	pm_html_xref_free(xref);
	pm_buf_free(&html);
	free(figs);
	free(subtitle);
	for (size_t k = 0; k < n_nav; k++)
		free(hrefs[k]);
	free(hrefs);
	free(nav);
	return rc;
}

/* Stage 5: the machine-readable SBOM (labeling item L5) goes with every build. */
static int stage_sbom(build *b)
{
	if (!b->m->sbom.components.n)
		return 0;
	pm_buf cdx;
	pm_buf_init(&cdx, 0);
	int rc = pm_sbom_export_model(b->m, b->date, PM_VERSION, &cdx, b->d);
	if (rc == 0)
		rc = put(b, "sbom.cdx", "json", &cdx);
	pm_buf_free(&cdx);
	return rc;
}

/* Stage 6: submission.xml, with the completeness check. */
static int stage_xml(build *b)
{
	pm_buf xml;
	pm_buf_init(&xml, 0);
	int rc = pm_render_xml_check(b->m, &b->check, &xml, b->d);
	if (rc == 0)
		rc = put(b, "submission", "xml", &xml);
	pm_buf_free(&xml);
	return rc;
}

/* Stage 6b: the spreadsheet register. */
static int stage_xlsx(build *b)
{
	pm_buf x;
	pm_buf_init(&x, 0);
	pm_xlsx_options xo = {b->date, PM_VERSION};
	int rc = pm_render_xlsx(b->m, &xo, &x, b->d);
	if (rc == 0)
		rc = put(b, "risk-register", "xlsx", &x);
	pm_buf_free(&x);
	return rc;
}

static const char *submission_label(const pm_model *m)
{
	int v = m->device.submission_type.v;
	return m->device.submission_type.at.line && v >= 0 && v < PM_N_SUBMISSION ? pm_submission_labels[v] : NULL;
}

/* The input files and their SHA-256 for the document control page; -1 with
 * a PM_ERR_IO error for every file that cannot be hashed. */
static int hash_inputs(build *b, const char **names, char (*hex)[65])
{
	const pm_model *m = b->m;
	/* shipped data (the default policy) is named relative to the data folder,
	 * so the PDF does not depend on where premarket is installed */
	const char *dd = pm_datadir();
	size_t dl = strlen(dd);
	int rc = 0;
	for (size_t i = 0; i < m->n_files; i++) {
		names[i] = strncmp(m->files[i], dd, dl) == 0 && m->files[i][dl] == '/' ? m->files[i] + dl + 1
		                                                                       : m->files[i];
		/* the hash of the bytes loaded (the only copy of a model read from
		 * standard input); an SBOM file, read elsewhere, from disk */
		if (m->files_sha256 && m->files_sha256[i])
			memcpy(hex[i], m->files_sha256[i], 65);
		else if (pm_sha256_file(m->files[i], hex[i]) < 0)
			rc = pm_diag_add(b->d, PM_ERROR, PM_ERR_IO, m->files[i], 0, 0,
			                 "cannot read the file to hash it");
	}
	return rc;
}

/* Stage 7: the combined PDF, and with split one per document. */
static int stage_pdf(build *b)
{
	const pm_model *m = b->m;
	const char **names = pm_xcalloc(m->n_files + 1, sizeof *names);
	char(*hex)[65] = pm_xcalloc(m->n_files + 1, sizeof *hex);
	const char **hexp = pm_xcalloc(m->n_files + 1, sizeof *hexp);
	for (size_t i = 0; i < m->n_files; i++)
		hexp[i] = hex[i];
	int rc = hash_inputs(b, names, hex);
	char *tool = pm_xasprintf("premarket %s", PM_VERSION);
	pm_pdf_meta meta;
	memset(&meta, 0, sizeof meta);
	meta.device = m->device.name.s;
	meta.device_version = m->device.version.s;
	meta.manufacturer = m->device.manufacturer.name.s;
	meta.importer = m->device.importer.name.s;
	meta.submission_type = submission_label(m);
	meta.date = b->date;
	meta.doc_id = "PM-SET";
	meta.title = "Premarket Cybersecurity Documentation";
	meta.tool_version = tool;
	meta.revision = m->device.revisions.n ? m->device.revisions.v[m->device.revisions.n - 1].version.s : NULL;
	meta.input_files = names;
	meta.input_sha256 = hexp;
	meta.n_inputs = m->n_files;
	meta.a4 = b->opt.a4;
	const char **urls = pm_xcalloc(b->ndgs + 1, sizeof *urls);
	for (size_t i = 0; i < b->ndgs; i++)
		urls[i] = pm_diagram_plan_file(b->plan, i);
	meta.diagram_urls = urls;
	meta.diagrams = (const pm_diagram *const *)b->dgs;
	meta.n_diagrams = b->dgs ? b->ndgs : 0;
	pm_pdf_chapter *ch = pm_xcalloc(pm_n_documents + 1, sizeof *ch);
	for (size_t i = 0; i < pm_n_documents; i++) {
		ch[i].id = pm_documents[i].slug;
		ch[i].title = pm_documents[i].title;
		ch[i].markdown = b->md[i].data ? b->md[i].data : "";
		ch[i].len = b->md[i].len;
	}
	/* the combined PDF is the submission: the working report joins it only
	 * when asked (chapters in document order, so it stays last) */
	pm_pdf_chapter *sub = pm_xcalloc(pm_n_documents + 1, sizeof *sub);
	size_t n_sub = 0;
	for (size_t i = 0; i < pm_n_documents; i++)
		if (b->opt.with_check || strcmp(pm_documents[i].slug, PM_DOC_CHECK_SLUG) != 0)
			sub[n_sub++] = ch[i];
	pm_buf pdf;
	pm_buf_init(&pdf, 0);
	if (rc == 0)
		rc = pm_render_pdf(&meta, sub, n_sub, &pdf, b->d);
	free(sub);
	if (rc == 0)
		rc = put(b, "cybersecurity-submission", "pdf", &pdf);
	/* with split every document gets its own PDF; without it the working
	 * report still does when the combined PDF leaves it out */
	for (size_t i = 0; rc == 0 && i < pm_n_documents; i++) {
		int own = b->opt.split || (!b->opt.with_check && strcmp(pm_documents[i].slug, PM_DOC_CHECK_SLUG) == 0);
		if (!own)
			continue;
		pm_buf_clear(&pdf);
		meta.doc_id = pm_documents[i].id;
		meta.title = pm_documents[i].title;
		rc = pm_render_pdf(&meta, &ch[i], 1, &pdf, b->d);
		if (rc == 0)
			rc = put(b, pm_documents[i].slug, "pdf", &pdf);
	}
	pm_buf_free(&pdf);
	free(urls);
	free(ch);
	free(tool);
	free(hexp);
	free(hex);
	free(names);
	return rc;
}

/* Stage 8: publish everything. */
static int commit(build *b)
{
	size_t before = b->d->errors;
	if (b->sink->commit(b->sink->ud, b->d) == 0)
		return 0;
	return sink_failed(b, before, "the commit failed");
}

/* Whether a stage runs (it does when `runs`); if so, tell the caller's
 * progress callback first.  Returns runs, for the `if` that starts it. */
static int begin(build *b, const char *stage, unsigned runs)
{
	if (runs && b->opt.progress)
		b->opt.progress(b->opt.progress_ud, stage);
	return runs != 0;
}

int pm_build(const pm_model *m, const pm_build_options *opt, const pm_sink *sink, pm_diags *d)
{
	if (!m || !sink || !sink->put || !sink->commit)
		return pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0, "pm_build: no model or no sink");
	build b;
	memset(&b, 0, sizeof b);
	b.m = m;
	b.sink = sink;
	b.d = d;
	b.opt.source_date_epoch = -1;
	if (opt)
		b.opt = *opt;
	if (!b.opt.formats)
		b.opt.formats = PM_BUILD_MD | PM_BUILD_HTML;
	b.date = pm_view_date(m, b.opt.source_date_epoch, b.date_buf);
	b.md = pm_xcalloc(pm_n_documents + 1, sizeof *b.md);
	for (size_t i = 0; i <= pm_n_documents; i++)
		pm_buf_init(&b.md[i], 0);

	/* Stage 1: the completeness check, for the appendix and the XML alike. */
	const unsigned from_md = PM_BUILD_MD | PM_BUILD_HTML | PM_BUILD_PDF;
	pm_check_options co = {b.opt.source_date_epoch};
	begin(&b, "completeness check", 1);
	int rc = pm_check_run(m, &co, &b.check, b.d);
	/* Stage 2 only for the formats made from the Markdown (XML and the SBOM
	 * export are written from the model and the register). */
	if (rc == 0 && begin(&b, "documents", b.opt.formats & from_md))
		rc = stage_documents(&b);
	if (rc == 0 && begin(&b, "diagrams", b.opt.formats & from_md))
		rc = stage_diagrams(&b);
	if (rc == 0 && begin(&b, "html", b.opt.formats & PM_BUILD_HTML))
		rc = stage_html(&b);
	if (rc == 0 && begin(&b, "sbom", 1))
		rc = stage_sbom(&b);
	if (rc == 0 && begin(&b, "xml", b.opt.formats & PM_BUILD_XML))
		rc = stage_xml(&b);
	if (rc == 0 && begin(&b, "xlsx", b.opt.formats & PM_BUILD_XLSX))
		rc = stage_xlsx(&b);
	if (rc == 0 && begin(&b, "pdf", b.opt.formats & PM_BUILD_PDF))
		rc = stage_pdf(&b);
	if (rc == 0 && begin(&b, "commit", 1))
		rc = commit(&b);

	for (size_t i = 0; i <= pm_n_documents; i++)
		pm_buf_free(&b.md[i]);
	free(b.md);
	for (size_t i = 0; b.dgs && i < b.ndgs; i++)
		pm_diagram_free(b.dgs[i]);
	free(b.dgs);
	pm_diagram_plan_free(b.plan);
	pm_check_report_free(&b.check);
	return rc;
}
