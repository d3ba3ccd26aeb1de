/**
 * build.h — the build pipeline: a loaded model in, the FDA document set out.
 *
 * pm_build() renders every output of `premarket build` and hands each file
 * to a sink; it writes no file itself.  Stages, in this order:
 *
 *  1. the completeness check (pm_check_run), once, for the appendix
 *     document and the XML alike;
 *  2. templates: each document of pm_documents, then the index, is loaded
 *     (user templates folder, then the shipped one; see docs/templates.md),
 *     compiled and rendered to Markdown; the completeness-check appendix is
 *     the check report itself.  With PM_BUILD_MD each is put as <slug>.md,
 *     the index as index.md;
 *  3. diagrams (premarket/diagram.h, docs/diagrams.md): every diagram of
 *     the model's plan is laid out once; with PM_BUILD_MD or PM_BUILD_HTML
 *     each is put as diagrams/<id>.svg, in plan order; the HTML and PDF
 *     stages draw the same layouts;
 *  4. HTML (PM_BUILD_HTML): <slug>.html per document and index.html, the
 *     diagrams shown as figures;
 *  5. the SBOM export: sbom.cdx.json (CycloneDX 1.6) whenever the model
 *     lists SBOM components, whatever the formats;
 *  6. XML (PM_BUILD_XML): submission.xml; the spreadsheet register
 *     (PM_BUILD_XLSX): risk-register.xlsx;
 *  7. PDF (PM_BUILD_PDF), the diagrams drawn as vector figures:
 *     cybersecurity-submission.pdf, every document but
 *     the completeness check (it joins with with_check); with split one
 *     <slug>.pdf per document (not the index); without split, the check's
 *     own completeness-check.pdf when the combined PDF leaves it out;
 *  8. the commit: sink->commit, once, only when every stage succeeded.
 *
 * The first stage that fails stops the build: the sink's commit is then not
 * called, so the directory sink (pm_outdir, premarket/sink_dir.h) leaves the
 * earlier outputs as they were.  The same
 * model and options give the same files, byte for byte, in the same order.
 */
#ifndef PREMARKET_BUILD_H
#define PREMARKET_BUILD_H

#include <stddef.h>

#include "premarket/diag.h"
#include "premarket/model.h"

/**
 * Where the outputs go.  pm_build() calls put once per output file, in a
 * fixed order, then commit once when every file was put.
 *
 * put: take the file relpath (a plain file name such as "index.md", or
 * "diagrams/<id>.svg" in the one subfolder; never the same name twice in
 * one build) with the content data[0..len).  The data
 * is borrowed for the call only: copy what you keep.  Returns 0, or -1 after
 * adding a PM_ERR_OUTPUT diagnostic to d.
 *
 * commit: publish every file put, e.g. rename temporary files into place.
 * Returns 0, or -1 after adding a PM_ERR_OUTPUT diagnostic to d.
 *
 * When put or commit returns -1 without adding an error, pm_build() adds a
 * PM_ERR_OUTPUT one.  After a failed put, pm_build() calls neither put nor
 * commit again; it never frees or resets the sink, which stays the caller's.
 * The directory sink, which replaces the output folder as a whole, is
 * pm_outdir_sink() in premarket/sink_dir.h.
 */
typedef struct pm_sink {
	int (*put)(void *ud, const char *relpath, const void *data, size_t len, pm_diags *d);
	int (*commit)(void *ud, pm_diags *d);
	void *ud; /**< passed to put and commit */
} pm_sink;

/** Output formats, for pm_build_options.formats. */
enum {
	PM_BUILD_MD = 1u << 0,   /**< <slug>.md and index.md */
	PM_BUILD_HTML = 1u << 1, /**< <slug>.html and index.html */
	PM_BUILD_PDF = 1u << 2,  /**< cybersecurity-submission.pdf (+ <slug>.pdf with split) */
	PM_BUILD_XML = 1u << 3,  /**< submission.xml */
	PM_BUILD_XLSX = 1u << 4  /**< risk-register.xlsx (include/premarket/xlsx.h) */
};

typedef struct pm_build_options {
	unsigned formats; /**< PM_BUILD_* bits; 0 = PM_BUILD_MD | PM_BUILD_HTML */
	int split;        /**< with PM_BUILD_PDF: also one PDF per document */
	int a4;           /**< PDF pages in A4 (default: US Letter) */
	/** With PM_BUILD_PDF: the completeness check as the last chapter of the
	 *  combined PDF.  Off by default: the check is the manufacturer's or
	 *  importer's working report, written as its own file (md, html, and
	 *  with PM_BUILD_PDF completeness-check.pdf), not part of what goes to
	 *  FDA. */
	int with_check;
	const char *templates_dir;     /**< user templates overriding the shipped ones; NULL = none */
	const char *shipped_templates; /**< the shipped templates; NULL = pm_datadir()/templates */
	/** SOURCE_DATE_EPOCH in seconds, the last fallback for the documentation
	 *  date (pm_view_date()); < 0 = unset.  Zero is a date (1970-01-01). */
	long long source_date_epoch;
	/** Called as each stage of the build begins ("completeness check",
	 *  "documents", "diagrams", "html", "sbom", "xml", "pdf", "xlsx",
	 *  "commit"), with progress_ud; NULL = not called.  For progress
	 *  reports: the library itself never prints. */
	void (*progress)(void *progress_ud, const char *stage);
	void *progress_ud;
} pm_build_options;

/**
 * Build the document set of m — loaded and scored by pm_model_load() —
 * into sink.  opt may be NULL: md and html, Letter, shipped templates, no
 * SOURCE_DATE_EPOCH.  The PDF's document control lists the SHA-256 of every
 * file of m->files (files under pm_datadir() by their path relative to it).
 *
 * Returns 0 after a successful commit, or -1 with the errors in d:
 * PM_ERR_RENDER for a template that is missing, refused or broken and for
 * a renderer failure, PM_ERR_IO for a template or input file that cannot be
 * read, PM_ERR_OUTPUT from the sink, PM_ERR_USAGE for a NULL m or sink.
 * Warnings may be added on success.
 */
int pm_build(const pm_model *m, const pm_build_options *opt, const pm_sink *sink, pm_diags *d);

#endif
