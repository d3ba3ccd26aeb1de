/**
 * xlsx.h — the risk register as an Excel workbook (Office Open XML,
 * written by libxlsxwriter), for consultants and reviewers who work in a
 * spreadsheet (docs/documents.md, "The spreadsheet register").
 *
 * Four sheets, each with a bold header row frozen in place, an autofilter
 * over its rows and column widths fitted to the text (at most 60):
 *   Register      one row per (threat, asset) of pm_model.risk, before and
 *                 after controls, the risk levels coloured (the policy's
 *                 lowest level green, its highest red, the others amber);
 *   Controls      one row per control, with the threats it answers;
 *   Traceability  threat -> control -> requirement -> test, one row per
 *                 link (a threat without controls, a control without tests
 *                 get one row with the rest empty);
 *   SBOM          one row per SBOM component, with FDA's support fields.
 * Deterministic: the workbook's creation date is the documentation date
 * (opt->date) at 00:00 UTC, else 1980-01-01, so the same model gives the
 * same bytes.
 */
#ifndef PREMARKET_XLSX_H
#define PREMARKET_XLSX_H

#include "premarket/buf.h"
#include "premarket/diag.h"
#include "premarket/model.h"

typedef struct pm_xlsx_options {
	const char *date;         /**< documentation date YYYY-MM-DD (pm_view_date()); NULL = 1980-01-01 */
	const char *tool_version; /**< premarket's version, in the workbook's comments; NULL = left out */
} pm_xlsx_options;

/** The sheet names, in order (for tests and docs). */
extern const char *const pm_xlsx_sheets[4];

/**
 * Append the workbook of m (loaded and scored) to out; opt may be NULL.
 * libxlsxwriter writes a file, so the workbook is made in a temporary file
 * under $TMPDIR (else /tmp) that is removed before returning.  Returns 0, or
 * -1 with a diagnostic in d: PM_ERR_OUTPUT when the temporary file cannot
 * be made or read, libxlsxwriter fails, or out reached its cap; PM_ERR_RENDER
 * when the register has more rows than a sheet holds (1,048,575).
 */
int pm_render_xlsx(const pm_model *m, const pm_xlsx_options *opt, pm_buf *out, pm_diags *d);

#endif
