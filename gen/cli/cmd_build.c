/* cmd_build.c — `premarket build MODEL... -o DIR [--format md,html] [--templates DIR]`:
 * render the FDA document set.  Every output is written through an output
 * set (output.c): all files are written to temporary files first and renamed
 * into place only when everything succeeded, so a failed build leaves the
 * previous outputs intact. */
#include "cli.h"
#include "output.h"
#include "premarket/check.h"
#include "premarket/documents.h"
#include "premarket/html.h"
#include "premarket/pdf.h"
#include "premarket/sbom_model.h"
#include "premarket/xml.h"
#include "premarket/load.h"
#include "premarket/mustache.h"
#include "premarket/view.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage_text[] =
	"Usage: premarket build -o DIR [--format md,html,pdf,xml] [--split] [--a4] [--templates DIR] MODEL...\n"
	"\n"
	"Render the FDA premarket cybersecurity document set of the model into DIR:\n"
	"one Markdown file per document plus index.md; with html an HTML page per\n"
	"document plus index.html; with pdf one combined cybersecurity-submission.pdf\n"
	"(title page, document control with the SHA-256 of every input file, contents,\n"
	"bookmarks, every document as a chapter); with xml submission.xml, the model,\n"
	"register and traceability as data (models/premarket.xsd).  Every build also\n"
	"writes sbom.cdx.json, the SBOM as CycloneDX 1.6 with FDA's support fields.  Outputs are\n"
	"written atomically: a failed build\n"
	"leaves earlier outputs intact.  The same inputs give byte-identical files\n"
	"(the date comes from the model or SOURCE_DATE_EPOCH).\n"
	"\n"
	"Options:\n"
	"  -o, --output=DIR      output folder (created when missing)\n"
	"  -f, --format=LIST     comma-separated: md, html, pdf, xml (default: md,html)\n"
	"  -s, --split           with pdf: also one PDF per document (<slug>.pdf)\n"
	"      --a4              PDF pages in A4 (default: US Letter)\n"
	"  -t, --templates=DIR   templates that override the shipped ones, one by one;\n"
	"                        the shipped ones stay reachable as shipped/NAME\n"
	"  -h, --help            show this help\n"
	"\n"
	"Documents: see docs/templates.md.  Exit status: 0 ok, 1 model problems or a\n"
	"template error, 2 usage or unreadable input, 3 an output could not be written.\n";

enum { FMT_MD = 1, FMT_HTML = 2, FMT_PDF = 4, FMT_XML = 8 };

typedef struct loader_ctx {
	const char *user_dir;
	char shipped_dir[4096];
	char file[4200]; /* name of the last file loaded, for diagnostics */
	char files[64][4200];
	size_t n_files;
} loader_ctx;

static int read_all(const char *path, pm_buf *out)
{
	int fd = open(path, O_RDONLY | O_NOCTTY);
	if (fd < 0)
		return errno == ENOENT ? 1 : -1;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > (16 << 20)) {
		close(fd);
		return -1;
	}
	char buf[65536];
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		pm_buf_put(out, buf, (size_t)n);
	close(fd);
	return n < 0 ? -1 : 0;
}

/* Partials and templates: NAME -> user dir, then shipped dir; shipped/NAME -> shipped only. */
static int load_template(void *ud, const char *name, pm_buf *src, const char **file, pm_diags *d)
{
	loader_ctx *L = ud;
	if (strstr(name, "..") || name[0] == '/' || !name[0])
		return pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, NULL, 0, 0, "invalid template name \"%s\"", name);
	const char *dirs[2] = {L->user_dir, L->shipped_dir};
	const char *base = name;
	int first = 0;
	if (strncmp(name, "shipped/", 8) == 0) {
		base = name + 8;
		first = 1;
	}
	for (int i = first; i < 2; i++) {
		if (!dirs[i])
			continue;
		char path[4200];
		snprintf(path, sizeof path, "%s/%s.mustache", dirs[i], base);
		int rc = read_all(path, src);
		if (rc == 0) {
			size_t k = L->n_files < 64 ? L->n_files++ : 63;
			snprintf(L->files[k], sizeof L->files[k], "%s", path);
			*file = L->files[k];
			return 0;
		}
		if (rc < 0)
			return pm_diag_add(d, PM_ERROR, PM_ERR_IO, path, 0, 0, "cannot read template: %s",
					   strerror(errno ? errno : EIO));
	}
	return 1;
}

static int parse_formats(const char *s, unsigned *out)
{
	*out = 0;
	char buf[64];
	snprintf(buf, sizeof buf, "%s", s);
	for (char *p = buf, *tok; p; p = tok) {
		tok = strchr(p, ',');
		if (tok)
			*tok++ = '\0';
		if (strcmp(p, "md") == 0 || strcmp(p, "markdown") == 0)
			*out |= FMT_MD;
		else if (strcmp(p, "html") == 0)
			*out |= FMT_HTML;
		else if (strcmp(p, "pdf") == 0)
			*out |= FMT_PDF;
		else if (strcmp(p, "xml") == 0)
			*out |= FMT_XML;
		else
			return -1;
	}
	return *out ? 0 : -1;
}

/* Render template `name` into md; 0 or -1 (diagnostics in d). */
static int render(pm_mustache_env *env, loader_ctx *L, const char *name, const pm_value *data, pm_buf *md, pm_diags *d)
{
	pm_buf src;
	pm_buf_init(&src, 0);
	const char *file = name;
	int rc = load_template(L, name, &src, &file, d);
	if (rc != 0) {
		if (rc > 0)
			pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, NULL, 0, 0, "template \"%s\" not found in %s%s%s", name,
				    L->user_dir ? L->user_dir : "", L->user_dir ? " or " : "", L->shipped_dir);
		pm_buf_free(&src);
		return -1;
	}
	pm_mustache_template *t = pm_mustache_compile(file, src.data ? src.data : "", src.len, d);
	pm_buf_free(&src);
	if (!t)
		return -1;
	rc = pm_mustache_render(env, t, data, md, d);
	pm_mustache_free(t);
	return rc;
}

static const char *submission_label(const pm_model *m)
{
	static const char *const labels[PM_N_SUBMISSION] = {"510(k)", "Special 510(k)", "Abbreviated 510(k)", "De Novo",
							    "PMA", "PMA supplement", "PDP", "HDE", "IDE"};
	int v = m->device.submission_type.v;
	return m->device.submission_type.at.line && v >= 0 && v < PM_N_SUBMISSION ? labels[v] : NULL;
}

/* The combined PDF (and with --split one per document): 0, 1 (render) or 3 (write). */
static int write_pdf(const pm_model *m, pm_buf *md, size_t n, int a4, int split, pm_outset *out, pm_diags *d)
{
	char **hex = calloc(m->n_files + 1, sizeof *hex);
	const char **names = calloc(m->n_files + 1, sizeof *names);
	int rc = 0;
	if (!hex || !names) {
		free(hex);
		free(names);
		return 3;
	}
	for (size_t i = 0; i < m->n_files; i++) {
		hex[i] = calloc(1, 65);
		/* shipped data (the default policy) is named relative to the data folder,
		 * so the PDF does not depend on where premarket is installed */
		const char *dd = pm_datadir();
		size_t dl = strlen(dd);
		names[i] = strncmp(m->files[i], dd, dl) == 0 && m->files[i][dl] == '/' ? m->files[i] + dl + 1 : m->files[i];
		if (!hex[i] || pm_cli_sha256_file(m->files[i], hex[i]) < 0) {
			pm_diag_add(d, PM_ERROR, PM_ERR_IO, m->files[i], 0, 0, "cannot read the file to hash it");
			rc = 1;
		}
	}
	char date[11];
	const char *revision = m->device.revisions.n ? m->device.revisions.v[m->device.revisions.n - 1].version.s : NULL;
	char tool[64];
	snprintf(tool, sizeof tool, "premarket %s", PM_VERSION);
	pm_pdf_meta meta;
	memset(&meta, 0, sizeof meta);
	meta.device = m->device.name.s;
	meta.device_version = m->device.version.s;
	meta.manufacturer = m->device.manufacturer.name.s;
	meta.importer = m->device.importer.name.s;
	meta.submission_type = submission_label(m);
	meta.date = pm_view_date(m, pm_cli_source_date_epoch(), date);
	meta.doc_id = "PM-SET";
	meta.title = "Premarket Cybersecurity Documentation";
	meta.tool_version = tool;
	meta.revision = revision;
	meta.input_files = names;
	meta.input_sha256 = (const char *const *)hex;
	meta.n_inputs = m->n_files;
	meta.a4 = a4;
	pm_pdf_chapter ch[64];
	for (size_t i = 0; i < n; i++) {
		ch[i].id = pm_documents[i].slug;
		ch[i].title = pm_documents[i].title;
		ch[i].markdown = md[i].data ? md[i].data : "";
		ch[i].len = md[i].len;
	}
	pm_buf pdf;
	pm_buf_init(&pdf, 0);
	if (rc == 0 && pm_render_pdf(&meta, ch, n, &pdf, d) < 0)
		rc = 1;
	if (rc == 0 && pm_outset_add(out, "cybersecurity-submission.pdf", pdf.data, pdf.len) < 0)
		rc = 3;
	for (size_t i = 0; split && rc == 0 && i < n; i++) {
		pm_buf_clear(&pdf);
		meta.doc_id = pm_documents[i].id;
		meta.title = pm_documents[i].title;
		char name[200];
		snprintf(name, sizeof name, "%s.pdf", pm_documents[i].slug);
		if (pm_render_pdf(&meta, &ch[i], 1, &pdf, d) < 0)
			rc = 1;
		else if (pm_outset_add(out, name, pdf.data, pdf.len) < 0)
			rc = 3;
	}
	pm_buf_free(&pdf);
	for (size_t i = 0; i < m->n_files; i++)
		free(hex[i]);
	free(hex);
	free(names);
	return rc;
}

int pm_cmd_build(int argc, char **argv)
{
	static const struct option options[] = {
		{"output", required_argument, NULL, 'o'},
		{"format", required_argument, NULL, 'f'},
		{"templates", required_argument, NULL, 't'},
		{"split", no_argument, NULL, 's'},
		{"a4", no_argument, NULL, 'A'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *outdir = NULL, *tdir = NULL;
	unsigned formats = FMT_MD | FMT_HTML;
	int split = 0, a4 = 0;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":o:f:t:sh", options, NULL)) != -1) {
		switch (c) {
		case 'o':
			outdir = optarg;
			break;
		case 'f':
			if (parse_formats(optarg, &formats) < 0)
				return pm_msg_usage("build", "unknown format in '%s' (md, html, pdf, xml)", optarg);
			break;
		case 't':
			tdir = optarg;
			break;
		case 's':
			split = 1;
			break;
		case 'A':
			a4 = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return PM_EXIT_OK;
		default:
			return pm_cli_bad_option("build", c, argv);
		}
	}
	if (!outdir)
		return pm_msg_usage("build", "no output folder given (-o DIR)");
	if (optind >= argc)
		return pm_msg_usage("build", "no model file given");
	if (tdir) {
		struct stat st;
		if (stat(tdir, &st) != 0 || !S_ISDIR(st.st_mode)) {
			pm_msg_error("template folder %s: %s", tdir, errno ? strerror(errno) : "not a folder");
			return PM_EXIT_USAGE;
		}
	}
	int rc;
	pm_model *m = pm_cli_load(argv + optind, (size_t)(argc - optind), &rc);
	if (!m)
		return rc;

	loader_ctx L;
	memset(&L, 0, sizeof L);
	L.user_dir = tdir;
	snprintf(L.shipped_dir, sizeof L.shipped_dir, "%s/templates", pm_datadir());
	pm_mustache_opts mo;
	memset(&mo, 0, sizeof mo);
	mo.escape = pm_mustache_escape_markdown;
	mo.load = load_template;
	mo.load_ud = &L;
	pm_mustache_env *env = pm_mustache_env_new(&mo);

	char datebuf[11];
	pm_view_options vo = {pm_view_date(m, pm_cli_source_date_epoch(), datebuf), PM_VERSION};
	pm_value_arena *arena = pm_value_arena_new();
	pm_value *root = pm_view_build(m, &vo, arena);

	pm_diags d;
	pm_diags_init(&d);
	pm_outset *out = pm_outset_new(outdir);
	char subtitle[512];
	snprintf(subtitle, sizeof subtitle, "%s %s", m->device.name.s, m->device.version.s);
	pm_html_link nav[64];
	size_t n_nav = 0;
	nav[n_nav].href = "index.html";
	nav[n_nav++].title = "Index";
	char hrefs[64][160];
	for (size_t i = 0; i < pm_n_documents && n_nav < 64; i++) {
		snprintf(hrefs[i], sizeof hrefs[i], "%s.html", pm_documents[i].slug);
		nav[n_nav].href = hrefs[i];
		nav[n_nav++].title = pm_documents[i].title;
	}

	int failed = 0;
	/* the completeness check: the appendix of the documents and part of the XML */
	pm_check_report check;
	pm_check_options co = {pm_cli_source_date_epoch()};
	if (pm_check_run(m, &co, &check, &d) < 0)
		failed = 1;
	/* Markdown of each document (the index last), for the HTML and PDF steps */
	enum { MAX_DOCS = 64 };
	pm_buf chapters[MAX_DOCS + 1];
	for (size_t i = 0; i <= MAX_DOCS; i++)
		pm_buf_init(&chapters[i], 0);
	pm_buf md, html;
	pm_buf_init(&md, 0);
	pm_buf_init(&html, 0);
	for (size_t i = 0; i <= pm_n_documents && !failed; i++) {
		const pm_document *doc = i < pm_n_documents ? &pm_documents[i] : NULL;
		const char *slug = doc ? doc->slug : "index";
		const char *title = doc ? doc->title : "Cybersecurity Documentation Package";
		pm_value *dv = pm_value_map(arena);
		pm_value_map_set(dv, "id", pm_value_cstr(arena, doc ? doc->id : "PM-INDEX"));
		pm_value_map_set(dv, "slug", pm_value_cstr(arena, slug));
		pm_value_map_set(dv, "title", pm_value_cstr(arena, title));
		pm_value_map_set(dv, "guidance", doc ? pm_value_cstr(arena, doc->guidance) : pm_value_null(arena));
		pm_value_map_set(dv, "summary", doc ? pm_value_cstr(arena, doc->summary) : pm_value_null(arena));
		pm_value_map_set(root, "doc", dv);
		pm_buf_clear(&md);
		if (doc && strcmp(doc->slug, PM_DOC_CHECK_SLUG) == 0) {
			/* the appendix is the completeness report itself */
			pm_check_render_options ro = {PM_VERSION, NULL, NULL, 1};
			if (pm_check_render_md(&check, &ro, &md, &d) < 0) {
				failed = 1;
				break;
			}
		} else if (render(env, &L, slug, root, &md, &d) < 0) {
			failed = 1;
			break;
		}
		char name[200];
		pm_buf_put(&chapters[doc ? (i < MAX_DOCS ? i : MAX_DOCS - 1) : MAX_DOCS], md.data ? md.data : "", md.len);
		if (formats & FMT_MD) {
			snprintf(name, sizeof name, "%s.md", slug);
			if (pm_outset_add(out, name, md.data ? md.data : "", md.len) < 0)
				failed = 3;
		}
	}
	/* The template data is done with: free it before HTML and PDF, which need
	 * room of their own for big documents (cmark-gfm trees). */
	pm_value_arena_free(arena);
	arena = NULL;
	pm_mustache_env_free(env);
	env = NULL;
	for (size_t i = 0; i <= pm_n_documents && i < MAX_DOCS && !failed && (formats & FMT_HTML); i++) {
		const pm_document *doc = i < pm_n_documents ? &pm_documents[i] : NULL;
		const pm_buf *src = &chapters[doc ? i : MAX_DOCS];
		char name[200];
		pm_buf_clear(&html);
		if (pm_html_page(&html, src->data ? src->data : "", src->len,
				 doc ? doc->title : "Cybersecurity Documentation Package", subtitle, nav, n_nav, &d) < 0) {
			failed = 1;
			break;
		}
		snprintf(name, sizeof name, "%s.html", doc ? doc->slug : "index");
		if (pm_outset_add(out, name, html.data, html.len) < 0)
			failed = 3;
	}
	if (!failed && m->sbom.components.n) {
		/* the machine-readable SBOM (labeling item L5) goes with every build */
		pm_buf cdx;
		pm_buf_init(&cdx, 0);
		if (pm_sbom_export_model(m, vo.date, PM_VERSION, &cdx, &d) < 0)
			failed = 1;
		else if (pm_outset_add(out, "sbom.cdx.json", cdx.data, cdx.len) < 0)
			failed = 3;
		pm_buf_free(&cdx);
	}
	if (!failed && (formats & FMT_XML)) {
		pm_buf xml;
		pm_buf_init(&xml, 0);
		if (pm_render_xml_check(m, &check, &xml, &d) < 0)
			failed = 1;
		else if (pm_outset_add(out, "submission.xml", xml.data, xml.len) < 0)
			failed = 3;
		pm_buf_free(&xml);
	}
	if (!failed && (formats & FMT_PDF))
		failed = write_pdf(m, chapters, pm_n_documents < MAX_DOCS ? pm_n_documents : MAX_DOCS, a4, split, out, &d);
	for (size_t i = 0; i <= MAX_DOCS; i++)
		pm_buf_free(&chapters[i]);
	pm_check_report_free(&check);
	char err[512] = "";
	if (!failed && pm_outset_commit(out, err, sizeof err) < 0)
		failed = 3;
	if (failed == 3)
		pm_msg_error("cannot write the outputs: %s", err[0] ? err : pm_outset_error(out));
	rc = pm_msg_diags(stderr, &d);
	if (failed == 3)
		rc = PM_EXIT_OUTPUT;
	else if (failed && rc == PM_EXIT_OK)
		rc = PM_EXIT_PROBLEMS;
	else if (!failed)
	{
		char list[64] = "";
		static const char *const names[] = {"md", "html", "pdf", "xml"};
		for (int k = 0; k < 4; k++)
			if (formats & (1u << k))
				snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", list[0] ? ", " : "", names[k]);
		fprintf(stderr, "%s: wrote %s to %s (%s)\n", m->device.name.s,
			formats & (FMT_MD | FMT_HTML | FMT_PDF) ? "the document set" : "the submission data", outdir, list);
	}
	pm_buf_free(&md);
	pm_buf_free(&html);
	pm_outset_free(out);
	pm_diags_free(&d);
	pm_mustache_env_free(env);
	pm_value_arena_free(arena);
	pm_model_free(m);
	return rc;
}
