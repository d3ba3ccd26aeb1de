/* render_xlsx.c — the risk register, controls, traceability and SBOM as an
 * Excel workbook through libxlsxwriter (include/premarket/xlsx.h).  Reads
 * pm_model.risk (gen/risk.c); computes nothing.
 *
 * libxlsxwriter writes only to a named file: the workbook goes to a
 * temporary file that is read back into the caller's buffer and removed. */
#include "premarket/xlsx.h"

#include "file.h"
#include "xalloc.h"
#include "premarket/cvss.h"
#include "premarket/enums.h"
#include "premarket/risk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

const char *const pm_xlsx_sheets[4] = {"Register", "Controls", "Traceability", "SBOM"};

/* Excel's limits: characters in a cell, rows in a sheet. */
#define CELL_MAX  32767
#define ROWS_MAX  1048576
#define WIDTH_MIN 6
#define WIDTH_MAX 60

typedef struct sheet {
	lxw_worksheet *ws;
	lxw_format *header, *wrap, *score;
	const char *const *cols;
	unsigned n_cols;
	unsigned row;       /* next row to write */
	unsigned width[24]; /* widest text of each column, in characters */
	lxw_error err;      /* the first error libxlsxwriter returned */
} sheet;

/* Characters (UTF-8 code points) of s, up to CELL_MAX bytes. */
static unsigned chars(const char *s)
{
	unsigned n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void note(sheet *s, lxw_error e)
{
	if (e != LXW_NO_ERROR && s->err == LXW_NO_ERROR)
		s->err = e;
}

/* A text cell; NULL or "" leaves it empty.  Longer texts than a cell holds
 * are cut at a character boundary. */
static void text(sheet *s, unsigned col, const char *v, lxw_format *f)
{
	if (!v || !*v)
		return;
	char *cut = NULL;
	if (strlen(v) > CELL_MAX) {
		size_t n = CELL_MAX;
		while (n && ((unsigned char)v[n] & 0xc0) == 0x80)
			n--;
		cut = malloc(n + 1);
		if (!cut)
			abort();
		memcpy(cut, v, n);
		cut[n] = '\0';
		v = cut;
	}
	note(s, worksheet_write_string(s->ws, s->row, (lxw_col_t)col, v, f ? f : s->wrap));
	unsigned w = chars(v);
	if (w > s->width[col])
		s->width[col] = w;
	free(cut);
}

static void number(sheet *s, unsigned col, int tenths)
{
	if (tenths < 0)
		return;
	note(s, worksheet_write_number(s->ws, s->row, (lxw_col_t)col, tenths / 10.0, s->score));
	if (s->width[col] < 4)
		s->width[col] = 4;
}

static void begin(sheet *s, lxw_workbook *wb, const char *name, const char *const *cols, unsigned n, lxw_format *header,
                  lxw_format *wrap, lxw_format *score)
{
	memset(s, 0, sizeof *s);
	s->ws = workbook_add_worksheet(wb, name);
	s->header = header;
	s->wrap = wrap;
	s->score = score;
	s->cols = cols;
	s->n_cols = n;
	for (unsigned c = 0; c < n; c++)
		text(s, c, cols[c], header);
	s->row = 1;
}

/* Frozen header row, autofilter over the rows written, fitted widths. */
static lxw_error end(sheet *s)
{
	if (!s->ws)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	worksheet_freeze_panes(s->ws, 1, 0); /* returns nothing */
	note(s, worksheet_autofilter(s->ws, 0, 0, s->row - 1, (lxw_col_t)(s->n_cols - 1)));
	for (unsigned c = 0; c < s->n_cols; c++) {
		unsigned w = s->width[c] + 2;
		w = w < WIDTH_MIN ? WIDTH_MIN : w > WIDTH_MAX ? WIDTH_MAX : w;
		note(s, worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL));
	}
	return s->err;
}

static const char *level_id(const pm_level *v, size_t n, int i)
{
	return i >= 0 && (size_t)i < n ? v[i].id.s : NULL;
}

/* The policy's lowest risk level green, its highest red, the rest amber. */
static lxw_format *level_format(lxw_format *const fills[3], int i, size_t n)
{
	if (i < 0 || (size_t)i >= n)
		return NULL;
	return i == 0 ? fills[0] : (size_t)i + 1 == n ? fills[2] : fills[1];
}

static const char *harm(int v)
{
	return v >= 0 && v < PM_N_HARM ? pm_enum_names_harm[v] : NULL;
}

static const char *const outcome_names[] = {"acceptable before controls", "controlled", "uncontrolled"};

/* "CTL-A, CTL-B (planned)" */
static void control_list(const pm_model *m, const pm_refs *r, pm_buf *b)
{
	pm_buf_clear(b);
	for (size_t i = 0; i < r->n; i++) {
		const pm_control *c = pm_model_obj(m, PM_K_CONTROL, r->v[i].idx);
		if (!c)
			continue;
		pm_buf_printf(b, "%s%s", b->len ? ", " : "", c->id.s);
		if (c->status.v >= 0 && c->status.v != PM_CS_IMPLEMENTED)
			pm_buf_printf(b, " (%s)", pm_enum_names_control_status[c->status.v]);
	}
}

static void ref_list(const pm_refs *r, pm_buf *b)
{
	pm_buf_clear(b);
	for (size_t i = 0; i < r->n; i++)
		pm_buf_printf(b, "%s%s", i ? ", " : "", r->v[i].id.s);
}

static void assessment(sheet *s, unsigned col, const pm_policy *p, const pm_assessment *as, lxw_format *const fills[3])
{
	char vec[PM_CVSS_VECTOR_MAX] = "";
	if (as->has_vector)
		pm_cvss_format(&as->vector, vec, sizeof vec);
	text(s, col, vec, NULL);
	number(s, col + 1, as->env_tenths >= 0 ? as->env_tenths : as->base_tenths);
	text(s, col + 2, level_id(p->exploitability_levels.v, p->exploitability_levels.n, as->exploitability), NULL);
	text(s, col + 3, harm(as->severity), NULL);
	text(s, col + 4, level_id(p->risk_levels.v, p->risk_levels.n, as->risk),
	     level_format(fills, as->risk, p->risk_levels.n));
	text(s, col + 5, as->acceptable ? "yes" : "no", NULL);
}

static lxw_error register_sheet(lxw_workbook *wb, const pm_model *m, lxw_format *const f[6], pm_buf *tmp)
{
	static const char *const cols[] = {
	        "Threat",
	        "Title",
	        "Asset",
	        "Asset name",
	        "Vector",
	        "Score",
	        "Exploitability",
	        "Severity",
	        "Risk",
	        "Acceptable",
	        "Residual vector",
	        "Residual score",
	        "Residual exploitability",
	        "Residual severity",
	        "Residual risk",
	        "Residual acceptable",
	        "Multi-patient",
	        "Outcome",
	        "Controls",
	};
	sheet s;
	begin(&s, wb, pm_xlsx_sheets[0], cols, sizeof cols / sizeof *cols, f[0], f[1], f[2]);
	const pm_policy *p = &m->risk_policy;
	for (size_t k = 0; k < m->risk.n && s.ws; k++, s.row++) {
		const pm_risk *r = &m->risk.v[k];
		const pm_threat *t = &m->threats.v[r->threat];
		const pm_asset *a = &m->assets.v[r->asset];
		text(&s, 0, t->id.s, NULL);
		text(&s, 1, t->title.s, NULL);
		text(&s, 2, a->id.s, NULL);
		text(&s, 3, a->name.s, NULL);
		assessment(&s, 4, p, &r->before, f + 3);
		assessment(&s, 10, p, &r->after, f + 3);
		text(&s, 16, r->multi_patient ? "yes" : "no", NULL);
		text(&s, 17, (unsigned)r->outcome < 3 ? outcome_names[r->outcome] : NULL, NULL);
		control_list(m, &t->controls, tmp);
		text(&s, 18, tmp->data, NULL);
	}
	return end(&s);
}

static lxw_error controls_sheet(lxw_workbook *wb, const pm_model *m, lxw_format *const f[6], pm_buf *tmp)
{
	static const char *const cols[] = {"Control",     "Title",      "Category", "Status", "Requirement ID",
	                                   "Requirement", "Components", "Tests",    "Threats"};
	sheet s;
	begin(&s, wb, pm_xlsx_sheets[1], cols, sizeof cols / sizeof *cols, f[0], f[1], f[2]);
	for (size_t i = 0; i < m->controls.n && s.ws; i++, s.row++) {
		const pm_control *c = &m->controls.v[i];
		text(&s, 0, c->id.s, NULL);
		text(&s, 1, c->title.s, NULL);
		text(&s, 2, c->category.v >= 0 ? pm_enum_names_category[c->category.v] : NULL, NULL);
		text(&s, 3, c->status.v >= 0 ? pm_enum_names_control_status[c->status.v] : NULL, NULL);
		text(&s, 4, c->requirement_id.s, NULL);
		text(&s, 5, c->requirement.s, NULL);
		ref_list(&c->components, tmp);
		text(&s, 6, tmp->data, NULL);
		ref_list(&c->tests, tmp);
		text(&s, 7, tmp->data, NULL);
		pm_buf_clear(tmp);
		for (size_t k = 0; k < m->threats.n; k++) {
			const pm_threat *t = &m->threats.v[k];
			for (size_t j = 0; j < t->controls.n; j++)
				if (t->controls.v[j].idx == (int32_t)i && t->controls.v[j].kind == PM_K_CONTROL) {
					pm_buf_printf(tmp, "%s%s", tmp->len ? ", " : "", t->id.s);
					break;
				}
		}
		text(&s, 8, tmp->data, NULL);
	}
	return end(&s);
}

static void trace_test(sheet *s, const pm_model *m, const pm_ref *tr)
{
	const pm_test *t = pm_model_obj(m, PM_K_TEST, tr->idx);
	text(s, 5, tr->id.s, NULL);
	if (t) {
		text(s, 6, t->title.s, NULL);
		text(s, 7, t->result.v >= 0 ? pm_enum_names_test_result[t->result.v] : NULL, NULL);
	}
}

static lxw_error trace_sheet(lxw_workbook *wb, const pm_model *m, lxw_format *const f[6])
{
	static const char *const cols[] = {"Threat",         "Threat title", "Control",    "Control status",
	                                   "Requirement ID", "Test",         "Test title", "Test result"};
	sheet s;
	begin(&s, wb, pm_xlsx_sheets[2], cols, sizeof cols / sizeof *cols, f[0], f[1], f[2]);
	for (size_t i = 0; i < m->threats.n && s.ws; i++) {
		const pm_threat *t = &m->threats.v[i];
		size_t rows = 0;
		for (size_t j = 0; j < t->controls.n; j++) {
			const pm_control *c = pm_model_obj(m, PM_K_CONTROL, t->controls.v[j].idx);
			if (!c)
				continue;
			for (size_t k = 0; k < (c->tests.n ? c->tests.n : 1); k++, rows++, s.row++) {
				text(&s, 0, t->id.s, NULL);
				text(&s, 1, t->title.s, NULL);
				text(&s, 2, c->id.s, NULL);
				text(&s, 3, c->status.v >= 0 ? pm_enum_names_control_status[c->status.v] : NULL, NULL);
				text(&s, 4, c->requirement_id.s, NULL);
				if (c->tests.n)
					trace_test(&s, m, &c->tests.v[k]);
			}
		}
		if (!rows) { /* a threat without controls: a row of its own, the gap visible */
			text(&s, 0, t->id.s, NULL);
			text(&s, 1, t->title.s, NULL);
			s.row++;
		}
	}
	return end(&s);
}

static lxw_error sbom_sheet(lxw_workbook *wb, const pm_model *m, lxw_format *const f[6])
{
	static const char *const cols[] = {"Component", "Name",    "Version", "Supplier",
	                                   "PURL",      "License", "Support", "End of support"};
	sheet s;
	begin(&s, wb, pm_xlsx_sheets[3], cols, sizeof cols / sizeof *cols, f[0], f[1], f[2]);
	for (size_t i = 0; i < m->sbom.components.n && s.ws; i++, s.row++) {
		const pm_sbom_component *c = &m->sbom.components.v[i];
		text(&s, 0, c->id.s, NULL);
		text(&s, 1, c->name.s, NULL);
		text(&s, 2, c->version.s, NULL);
		text(&s, 3, c->supplier.s, NULL);
		text(&s, 4, c->purl.s, NULL);
		text(&s, 5, c->license.s, NULL);
		text(&s, 6, c->support.v >= 0 ? pm_enum_names_support[c->support.v] : NULL, NULL);
		text(&s, 7, c->end_of_support.s, NULL);
	}
	return end(&s);
}

/* YYYY-MM-DD at 00:00 UTC as seconds since the epoch; 1980-01-01 (the
 * earliest date a zip file holds) when absent or not such a date. */
static time_t created(const char *date)
{
	int y, mo, d;
	if (!date || sscanf(date, "%4d-%2d-%2d", &y, &mo, &d) != 3 || y < 1980 || mo < 1 || mo > 12 || d < 1 || d > 31)
		y = 1980, mo = 1, d = 1;
	/* days from 1970-01-01 (H. Hinnant's days_from_civil) */
	y -= mo <= 2;
	long era = y / 400, yoe = y - era * 400;
	long doy = (153L * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (time_t)((era * 146097 + doe - 719468) * 86400L);
}

static int fail(pm_diags *d, const char *what, lxw_error e)
{
	return pm_diag_add(d, PM_ERROR, PM_ERR_OUTPUT, NULL, 0, 0, "cannot write the spreadsheet register: %s%s%s",
	                   what, e != LXW_NO_ERROR ? ": " : "", e != LXW_NO_ERROR ? lxw_strerror(e) : "");
}

int pm_render_xlsx(const pm_model *m, const pm_xlsx_options *opt, pm_buf *out, pm_diags *d)
{
	if (m->risk.n >= ROWS_MAX || m->controls.n >= ROWS_MAX || m->sbom.components.n >= ROWS_MAX)
		return pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, NULL, 0, 0,
		                   "the register has more rows than a spreadsheet holds (%d)", ROWS_MAX - 1);
	const char *tmpdir = getenv("TMPDIR");
	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	char *path = pm_xasprintf("%s/premarket-xlsx-XXXXXX", tmpdir);
	int fd = mkstemp(path);
	if (fd < 0) {
		free(path);
		return fail(d, "cannot make a temporary file in $TMPDIR", LXW_NO_ERROR);
	}
	close(fd);
	lxw_workbook_options wo = {0, (char *)tmpdir, 0};
	lxw_workbook *wb = workbook_new_opt(path, &wo);
	if (!wb) {
		unlink(path);
		free(path);
		return fail(d, "libxlsxwriter could not start the workbook", LXW_NO_ERROR);
	}
	/* formats: header, wrapped text, score, then the three risk fills */
	lxw_format *f[6];
	for (int i = 0; i < 6; i++)
		f[i] = workbook_add_format(wb);
	format_set_bold(f[0]);
	format_set_bg_color(f[0], 0xD9E1F2);
	format_set_border(f[0], LXW_BORDER_THIN);
	format_set_text_wrap(f[0]);
	format_set_align(f[1], LXW_ALIGN_VERTICAL_TOP);
	format_set_text_wrap(f[1]);
	format_set_num_format(f[2], "0.0");
	format_set_align(f[2], LXW_ALIGN_VERTICAL_TOP);
	static const lxw_color_t fills[3] = {0xC6EFCE, 0xFFEB9C, 0xFFC7CE}, fonts[3] = {0x006100, 0x9C5700, 0x9C0006};
	for (int i = 0; i < 3; i++) {
		format_set_bg_color(f[3 + i], fills[i]);
		format_set_font_color(f[3 + i], fonts[i]);
		format_set_align(f[3 + i], LXW_ALIGN_VERTICAL_TOP);
	}
	char title[512];
	snprintf(title, sizeof title, "Risk register: %s%s%s", m->device.name.s ? m->device.name.s : "",
	         m->device.version.s ? " " : "", m->device.version.s ? m->device.version.s : "");
	char comments[128];
	snprintf(comments, sizeof comments, "Generated by premarket%s%s", opt && opt->tool_version ? " " : "",
	         opt && opt->tool_version ? opt->tool_version : "");
	lxw_doc_properties props = {0};
	props.title = title;
	props.author = (char *)(m->device.manufacturer.name.s ? m->device.manufacturer.name.s : "");
	props.comments = comments;
	props.created = created(opt ? opt->date : NULL);
	lxw_error e = workbook_set_properties(wb, &props);
	pm_buf tmp;
	pm_buf_init(&tmp, 0);
	if (e == LXW_NO_ERROR)
		e = register_sheet(wb, m, f, &tmp);
	if (e == LXW_NO_ERROR)
		e = controls_sheet(wb, m, f, &tmp);
	if (e == LXW_NO_ERROR)
		e = trace_sheet(wb, m, f);
	if (e == LXW_NO_ERROR)
		e = sbom_sheet(wb, m, f);
	pm_buf_free(&tmp);
	lxw_error closed = workbook_close(wb); /* frees wb, writes the file */
	int rc = 0;
	if (e != LXW_NO_ERROR || closed != LXW_NO_ERROR) {
		rc = fail(d, "libxlsxwriter failed", e != LXW_NO_ERROR ? e : closed);
	} else {
		size_t before = out->len;
		rc = pm_file_read(path, 0, 0, NULL, out, d);
		if (rc == 0)
			rc = pm_buf_done(out, before, "the spreadsheet register", d);
	}
	unlink(path);
	free(path);
	return rc;
}
