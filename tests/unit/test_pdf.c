/* test_pdf.c — the PDF renderer (gen/render_pdf.c, gen/pdf_text.c), checked
 * from the outside with poppler-utils and qpdf: the text pdftotext extracts
 * (headings, device name, list ids in order, non-Latin names), the page
 * count and size pdfinfo reports, pdffonts' "emb" column, the bookmarks in
 * qpdf's JSON, link annotations; byte-identical renders; a 10,000-row
 * table (timed, not asserted; `make slow` only) whose header row repeats on
 * every page; wide
 * tables on landscape pages; missing glyphs, invalid UTF-8, missing
 * images, a missing font folder and bad arguments.  Tests that need a tool
 * skip, saying so, when it is missing. */
#include "testutil.h"

#include <time.h>
#include <unistd.h>

#include "premarket/pdf.h"

/* ---- helpers ------------------------------------------------------------- */

static const char *const FILES[] = {"examples/insulin-pump.yaml", "examples/insulin-pump/threats.yaml"};
static const char *const SHA[] = {
        "3f1c2a9e0b7d4c5e6f8a9b0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6",
        "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90",
};

static pm_pdf_meta meta(void)
{
	pm_pdf_meta m = {
	        .device = "AuroraLoop Insulin Pump",
	        .device_version = "1.4.0",
	        .manufacturer = "Müller Medizintechnik GmbH",
	        .importer = "Helixa Medical, Inc.",
	        .submission_type = "510(k)",
	        .date = "2025-11-21",
	        .doc_id = "PM-SET-001",
	        .title = "Premarket Cybersecurity Documentation",
	        .tool_version = "premarket 0.1.0",
	        .revision = "3",
	        .input_files = FILES,
	        .input_sha256 = SHA,
	        .n_inputs = 2,
	};
	return m;
}

static pm_pdf_chapter chapter(const char *id, const char *title, const char *md)
{
	pm_pdf_chapter c = {id, title, md, strlen(md)};
	return c;
}

static int have(const char *tool)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
	return system(cmd) == 0;
}

#define NEED(tool)                                                              \
	do {                                                                    \
		if (!have(tool)) {                                              \
			printf("test_pdf: %s not found, test skipped\n", tool); \
			skip();                                                 \
		}                                                               \
	} while (0)

/* Write the PDF to a fresh temporary file; returns its malloc'd path. */
static char *write_temp(const pm_buf *b)
{
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	size_t n = strlen(dir) + 32;
	char *path = malloc(n);
	assert_non_null(path);
	snprintf(path, n, "%s/pm-pdf-XXXXXX", dir);
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, b->data, b->len), (ssize_t)b->len);
	close(fd);
	return path;
}

/* The standard output of a shell command (stderr discarded). */
static char *run(const char *fmt, const char *path)
{
	char cmd[1024];
	pm_buf out;
	char chunk[4096];
	size_t k;
	snprintf(cmd, sizeof cmd, fmt, path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	pm_buf_init(&out, 0);
	while ((k = fread(chunk, 1, sizeof chunk, p)) > 0)
		pm_buf_put(&out, chunk, k);
	pclose(p);
	pm_buf_putc(&out, '\0');
	return pm_buf_detach(&out, NULL);
}

static size_t count_of(const char *hay, const char *needle)
{
	size_t k = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		k++;
	return k;
}

/* The number after "Pages:" in pdfinfo's report. */
static long pages_of(const char *path)
{
	char *info = run("pdfinfo '%s' 2>/dev/null", path);
	const char *p = strstr(info, "Pages:");
	long n = -1;
	if (p)
		n = strtol(p + 6, NULL, 10);
	free(info);
	return n;
}

static int render(const pm_pdf_meta *m, const pm_pdf_chapter *ch, size_t n, pm_buf *out, pm_diags *d)
{
	int rc = pm_render_pdf(m, ch, n, out, d);
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].sev == PM_ERROR)
			fprintf(stderr, "test_pdf: %s\n", d->v[i].msg);
	return rc;
}

static size_t warnings_about(const pm_diags *d, const char *what)
{
	size_t k = 0;
	for (size_t i = 0; i < d->n; i++)
		k += d->v[i].sev == PM_WARNING && strstr(d->v[i].msg, what) != NULL;
	return k;
}

static const char *const BASIC = "# Threat Model\n\n"
                                 "Intro paragraph about the **device** with *emphasis* and `code`.\n\n"
                                 "## 1 Purpose and scope\n\nSome text.\n\n"
                                 "## 2 Threats\n\n"
                                 "- T-001 first threat\n- T-002 second threat\n- T-003 third threat\n"
                                 "- T-004 fourth threat\n- T-005 fifth threat\n\n"
                                 "### 2.1 Details\n\n1. one\n2. two\n\n"
                                 "| Id | Name |\n|---|---|\n| A-1 | Asset one |\n| A-2 | Asset two |\n\n"
                                 "See [the SBOM](sbom.md) and [FDA](https://www.fda.gov/).\n";

/* ---- tests ------------------------------------------------------------------ */

static void test_text_in_order(void **state)
{
	(void)state;
	NEED("pdftotext");
	pm_pdf_meta m = meta();
	pm_pdf_chapter ch[] = {chapter("threat-model", "Threat Model", BASIC),
	                       chapter("sbom", "Software Bill of Materials", "# SBOM\n\nComponents.\n")};
	pm_buf b;
	pm_diags d;
	pm_buf_init(&b, 0);
	pm_diags_init(&d);
	assert_int_equal(render(&m, ch, 2, &b, &d), 0);
	assert_int_equal(d.errors, 0);
	assert_true(b.len > 1000);
	assert_memory_equal(b.data, "%PDF-", 5);
	char *path = write_temp(&b);
	char *text = run("pdftotext -enc UTF-8 '%s' - 2>/dev/null", path);
	const char *const WANT[] = {
	        "Threat Model", "1 Purpose and scope", "2 Threats",  "2.1 Details", "AuroraLoop Insulin Pump",
	        "Contents",     "Document control",    "PM-SET-001", SHA[0],        FILES[1]};
	for (size_t i = 0; i < sizeof WANT / sizeof *WANT; i++)
		if (!strstr(text, WANT[i]))
			fail_msg("\"%s\" not in the extracted text", WANT[i]);
	/* the list ids appear in order, after the heading that holds them */
	const char *p = strstr(text, "2 Threats\n\n");
	for (int i = 1; i <= 5; i++) {
		char id[16];
		snprintf(id, sizeof id, "T-%03d", i);
		const char *q = strstr(p ? p : text, id);
		if (!q)
			fail_msg("%s missing or out of order", id);
		p = q;
	}
	/* every page but the title page says "Page N of M" */
	long np = pages_of(path);
	char last[64];
	snprintf(last, sizeof last, "Page %ld of %ld", np, np);
	assert_non_null(strstr(text, last));
	for (long i = 2; i <= np; i++) {
		snprintf(last, sizeof last, "Page %ld of %ld", i, np);
		if (count_of(text, last) != 1)
			fail_msg("\"%s\" is not printed once", last);
	}
	assert_null(strstr(text, "Page 1 of")); /* the title page has no footer */
	free(text);
	unlink(path);
	free(path);
	pm_buf_free(&b);
	pm_diags_free(&d);
}

static void test_page_count_and_size(void **state)
{
	(void)state;
	NEED("pdfinfo");
	pm_pdf_meta m = meta();
	pm_pdf_chapter one = chapter("a", "A", "# A\n\nShort.\n");
	pm_pdf_chapter two[] = {one, chapter("b", "B", "# B\n\nAlso short.\n")};
	pm_buf b;
	pm_diags d;
	char *path, *info;

	/* title, document control, contents, then one page per short chapter */
	pm_buf_init(&b, 0);
	pm_diags_init(&d);
	assert_int_equal(render(&m, &one, 1, &b, &d), 0);
	path = write_temp(&b);
	assert_int_equal(pages_of(path), 4);
	info = run("pdfinfo '%s' 2>/dev/null", path);
	assert_non_null(strstr(info, "612 x 792 pts (letter)"));
	assert_non_null(strstr(info, "Title:           Premarket Cybersecurity Documentation"));
	assert_non_null(strstr(info, "Author:          Müller Medizintechnik GmbH"));
	assert_non_null(strstr(info, "CreationDate:    Fri Nov 21 00:00:00 2025 UTC"));
	free(info);
	unlink(path);
	free(path);

	pm_buf_clear(&b);
	assert_int_equal(render(&m, two, 2, &b, &d), 0);
	path = write_temp(&b);
	assert_int_equal(pages_of(path), 5);
	unlink(path);
	free(path);

	m.a4 = 1;
	pm_buf_clear(&b);
	assert_int_equal(render(&m, two, 2, &b, &d), 0);
	path = write_temp(&b);
	info = run("pdfinfo '%s' 2>/dev/null", path);
	assert_non_null(strstr(info, "(A4)"));
	free(info);
	unlink(path);
	free(path);
	assert_int_equal(d.n, 0);
	pm_buf_free(&b);
	pm_diags_free(&d);
}

static void test_fonts_embedded(void **state)
{
	(void)state;
	NEED("pdffonts");
	pm_pdf_meta m = meta();
	pm_pdf_chapter ch = chapter("t", "T", "# T\n\nplain **bold** *italic* ***both*** `mono`\n");
	pm_buf b;
	pm_diags d;
	pm_buf_init(&b, 0);
	pm_diags_init(&d);
	assert_int_equal(render(&m, &ch, 1, &b, &d), 0);
	char *path = write_temp(&b);
	char *out = run("pdffonts '%s' 2>/dev/null", path);
	size_t fonts = 0;
	/* skip the two header lines; each font line: name type... encoding emb sub uni */
	const char *line = strchr(out, '\n');
	line = line ? strchr(line + 1, '\n') : NULL;
	while (line && line[1]) {
		line++;
		const char *end = strchr(line, '\n');
		char row[512];
		size_t n = end ? (size_t)(end - line) : strlen(line);
		if (n >= sizeof row)
			n = sizeof row - 1;
		memcpy(row, line, n);
		row[n] = '\0';
		if (!strstr(row, "CID TrueType") || !strstr(row, " yes yes yes "))
			fail_msg("font not embedded as a subset with ToUnicode: %s", row);
		fonts++;
		line = end;
	}
	assert_int_equal(fonts, 5); /* regular, bold, italic, bold italic, mono */
	free(out);
	/* the ToUnicode maps are valid: poppler has nothing to say */
	out = run("pdftotext '%s' /dev/null 2>&1", path);
	assert_string_equal(out, "");
	free(out);
	unlink(path);
	free(path);
	pm_buf_free(&b);
	pm_diags_free(&d);
}

static void test_outline(void **state)
{
	(void)state;
	NEED("qpdf");
	pm_pdf_meta m = meta();
	pm_pdf_chapter ch[] = {chapter("threat-model", "Threat Model", BASIC),
	                       chapter("sbom", NULL, "# Software Bill of Materials\n\n## Components\n\nx\n")};
	pm_buf b;
	pm_diags d;
	pm_buf_init(&b, 0);
	pm_diags_init(&d);
	assert_int_equal(render(&m, ch, 2, &b, &d), 0);
	char *path = write_temp(&b);
	char *json = run("qpdf --json --json-key=outlines '%s' 2>/dev/null", path);
	static const char *const TITLES[] = {"\"title\": \"Title page\"",
	                                     "\"title\": \"Document control\"",
	                                     "\"title\": \"Contents\"",
	                                     "\"title\": \"Threat Model\"",
	                                     "\"title\": \"1 Purpose and scope\"",
	                                     "\"title\": \"2 Threats\"",
	                                     "\"title\": \"2.1 Details\"",
	                                     "\"title\": \"Software Bill of Materials\"",
	                                     "\"title\": \"Components\""};
	for (size_t i = 0; i < sizeof TITLES / sizeof *TITLES; i++)
		if (count_of(json, TITLES[i]) != 1)
			fail_msg("bookmark %s missing or repeated", TITLES[i]);
	/* one bookmark each: 3 front matter + 2 chapters + 4 headings */
	assert_int_equal(count_of(json, "\"title\":"), 9);
	/* nesting: "2.1 Details" is a kid of "2 Threats" */
	const char *threats = strstr(json, "\"title\": \"2 Threats\"");
	const char *details = strstr(json, "\"title\": \"2.1 Details\"");
	assert_true(details < threats); /* qpdf prints kids before the title */
	free(json);
	/* links: the URL one and the jump to the SBOM chapter */
	char *qdf = run("qpdf --qdf --object-streams=disable '%s' - 2>/dev/null", path);
	assert_non_null(strstr(qdf, "/URI (https://www.fda.gov/)"));
	/* 2 in the text, 6 in the table of contents (chapters and their h2, h3) */
	assert_int_equal(count_of(qdf, "/Subtype /Link"), 2 + 6);
	free(qdf);
	unlink(path);
	free(path);
	pm_buf_free(&b);
	pm_diags_free(&d);
}

static void test_reproducible(void **state)
{
	(void)state;
	pm_pdf_meta m = meta();
	pm_pdf_chapter ch[] = {chapter("threat-model", "Threat Model", BASIC),
	                       chapter("x", "Unicode", "# Unicode\n\nMüller αβγ Жж\n")};
	pm_buf a, b;
	pm_diags d;
	pm_buf_init(&a, 0);
	pm_buf_init(&b, 0);
	pm_diags_init(&d);
	assert_int_equal(render(&m, ch, 2, &a, &d), 0);
	assert_int_equal(render(&m, ch, 2, &b, &d), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	/* no document id, no clock: nothing varies */
	assert_null(strstr(a.data, "/ID"));
	pm_buf_free(&a);
	pm_buf_free(&b);
	pm_diags_free(&d);
}

static void test_unicode(void **state)
{
	(void)state;
	NEED("pdftotext");
	pm_pdf_meta m = meta();
	m.device = "Gerät αβγ Жж";
	pm_pdf_chapter ch = chapter("u", "Namen αβγ",
	                            "# Namen αβγ\n\n"
	                            "Hersteller: Müller Medizintechnik GmbH.\n\n"
	                            "Griechisch: αβγ; kyrillisch: Жж; **fett: Größe**.\n\n"
	                            "| Name | Wert |\n|---|---|\n| Ärger | Жж |\n");
	pm_buf b;
	pm_diags d;
	pm_buf_init(&b, 0);
	pm_diags_init(&d);
	assert_int_equal(render(&m, &ch, 1, &b, &d), 0);
	assert_int_equal(d.n, 0); /* the fonts have every one of these */
	char *path = write_temp(&b);
	char *text = run("pdftotext -enc UTF-8 '%s' - 2>/dev/null", path);
	static const char *const WANT[] = {
	        "Müller Medizintechnik GmbH", "αβγ", "Жж", "fett: Größe", "Gerät αβγ Жж", "Ärger"};
	for (size_t i = 0; i < sizeof WANT / sizeof *WANT; i++)
		if (!strstr(text, WANT[i]))
			fail_msg("\"%s\" did not round-trip", WANT[i]);
	free(text);
	unlink(path);
	free(path);
	pm_buf_free(&b);
	pm_diags_free(&d);
}

static void test_big_table(void **state)
{
	(void)state;
	NEED("pdftotext");
	const size_t rows = 10000;
	pm_buf md;
	pm_buf_init(&md, 0);
	pm_buf_puts(&md, "# SBOM\n\n| Identifier | Component name | Version | Supplier | Purpose |\n"
	                 "|---|---|---|---|---|\n");
	for (size_t i = 0; i < rows; i++)
		pm_buf_printf(&md,
		              "| SB-%05zu | component-%zu | %zu.%zu.%zu | Supplier %zu Inc. | Used by the "
		              "device for purpose number %zu, described at some length so that it wraps. |\n",
		              i, i, i % 7, i % 13, i % 5, i % 50, i);
	pm_pdf_meta m = meta();
	pm_pdf_chapter ch = {"sbom", "SBOM", md.data, md.len};
	pm_buf b;
	pm_diags d;
	struct timespec t0, t1;
	pm_buf_init(&b, 0);
	pm_diags_init(&d);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(render(&m, &ch, 1, &b, &d), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	char *path = write_temp(&b);
	long np = pages_of(path);
	printf("test_pdf: %zu-row table: %.2f s, %ld pages, %zu bytes\n", rows,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, np, b.len);
	assert_true(np > 100);
	/* the header row is on every page of the table: look at a few */
	long probe[] = {5, np / 2, np - 1, np};
	for (size_t i = 0; i < sizeof probe / sizeof *probe; i++) {
		char fmt[128];
		snprintf(fmt, sizeof fmt, "pdftotext -f %ld -l %ld '%%s' - 2>/dev/null", probe[i], probe[i]);
		char *text = run(fmt, path);
		if (!strstr(text, "Identifier") || !strstr(text, "Supplier") || !strstr(text, "Purpose"))
			fail_msg("page %ld lacks the header row", probe[i]);
		free(text);
	}
	/* and every row is there, in order */
	char *text = run("pdftotext '%s' - 2>/dev/null", path);
	const char *p = text;
	for (size_t i = 0; i < rows; i += 997) {
		char id[16];
		snprintf(id, sizeof id, "SB-%05zu", i);
		p = strstr(p, id);
		if (!p)
			fail_msg("row %s missing or out of order", id);
	}
	assert_non_null(strstr(text, "SB-09999"));
	free(text);
	unlink(path);
	free(path);
	pm_buf_free(&b);
	pm_buf_free(&md);
	pm_diags_free(&d);
}

static void test_wide_table_landscape(void **state)
{
	(void)state;
	NEED("pdfinfo");
	pm_buf md;
	pm_buf_init(&md, 0);
	pm_buf_puts(&md, "# Register\n\n| # | Threat | Asset | CVSS vector | Base | Environmental | "
	                 "Exploitability | Exploitability from | Impacted | Severity | Risk | Acceptability |\n"
	                 "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
	for (int i = 0; i < 30; i++)
		pm_buf_printf(&md,
		              "| %d | T-P%02d | A-SETTINGS | CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:N/VC:N/VI:H/"
		              "VA:L/SC:N/SI:H/SA:N/CR:L/IR:H/AR:L/S:P | 8.7 | 8.5 | Medium | CVSS vector | "
		              "confidentiality, integrity, availability | Catastrophic | High | not acceptable |\n",
		              i + 1, i);
	pm_buf_puts(&md, "\nAfter the table.\n");
	pm_pdf_meta m = meta();
	pm_pdf_chapter ch = {"r", "Register", md.data, md.len};
	pm_buf b;
	pm_diags d;
	pm_buf_init(&b, 0);
	pm_diags_init(&d);
	assert_int_equal(render(&m, &ch, 1, &b, &d), 0);
	char *path = write_temp(&b);
	long np = pages_of(path);
	char fmt[128];
	snprintf(fmt, sizeof fmt, "pdfinfo -f 1 -l %ld '%%s' 2>/dev/null", np);
	char *info = run(fmt, path);
	assert_true(count_of(info, "size:  792 x 612 pts") >= 1); /* the table, landscape */
	char last[64];
	snprintf(last, sizeof last, "Page %4ld size:  612 x 792 pts", np); /* then portrait again */
	if (!strstr(info, last))
		fail_msg("last page not portrait:\n%s", info);
	free(info);
	unlink(path);
	free(path);
	pm_buf_free(&b);
	pm_buf_free(&md);
	pm_diags_free(&d);
}

static void test_missing_glyph(void **state)
{
	(void)state;
	pm_pdf_meta m = meta();
	m.cjk_font = "/nonexistent/cjk.ttc"; /* without the CJK face, CJK is a missing glyph */
	pm_pdf_chapter ch = chapter("g", "Glyphs",
	                            "# Glyphs\n\nChinese 中文, emoji 😀, again 中, "
	                            "a bell \a and a bad byte \xFF.\n");
	pm_buf b;
	pm_diags d;
	pm_buf_init(&b, 0);
	pm_diags_init(&d);
	assert_int_equal(render(&m, &ch, 1, &b, &d), 0);
	assert_int_equal(d.errors, 0);
	/* the CJK face: once, naming its file and the package */
	assert_int_equal(warnings_about(&d, "Chinese, Japanese and Korean text is not shown"), 1);
	/* once per character, with the chapter file and line */
	assert_int_equal(warnings_about(&d, "U+4E2D"), 1);
	assert_int_equal(warnings_about(&d, "U+6587"), 1);
	assert_int_equal(warnings_about(&d, "U+1F600"), 1);
	assert_int_equal(warnings_about(&d, "U+0007"), 1);
	assert_int_equal(warnings_about(&d, "invalid UTF-8"), 1);
	for (size_t i = 0; i < d.n; i++) {
		if (strstr(d.v[i].msg, "Chinese, Japanese"))
			continue;
		assert_string_equal(d.v[i].file, "g.md");
		assert_int_equal(d.v[i].line, 3);
	}
	if (have("pdftotext")) {
		char *path = write_temp(&b);
		char *text = run("pdftotext -enc UTF-8 '%s' - 2>/dev/null", path);
		assert_non_null(strstr(text, "Chinese \xEF\xBF\xBD\xEF\xBF\xBD, emoji \xEF\xBF\xBD"));
		free(text);
		unlink(path);
		free(path);
	}
	pm_buf_free(&b);
	pm_diags_free(&d);
}

/* Chinese, Japanese and Korean text in the packaged CJK face: drawn, not
 * replaced, and broken between characters where a line is full. */
static void test_cjk(void **state)
{
	(void)state;
	FILE *fp = fopen("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "rb");
	if (!fp) {
		puts("test_cjk: fonts-wqy-microhei not installed: skipping");
		return;
	}
	fclose(fp);
	pm_pdf_meta m = meta();
	pm_pdf_chapter ch =
	        chapter("c", "CJK",
	                "# CJK\n\n深圳市示例医疗器械有限公司 携帯型輸液ポンプ 간호사 태블릿 **太字**\n\n"
	                "| 名前 | 説明 |\n|---|---|\n| 輸液ポンプ | "
	                "病院および在宅で薬液を持続的に投与する携帯型輸液ポンプ。病院および在宅で薬液を持続的に"
	                "投与する携帯型輸液ポンプ。病院および在宅で薬液を持続的に投与する携帯型輸液ポンプ。 |\n");
	pm_buf b;
	pm_diags d;
	pm_buf_init(&b, 0);
	pm_diags_init(&d);
	assert_int_equal(render(&m, &ch, 1, &b, &d), 0);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.warnings, 0);
	if (have("pdftotext")) {
		char *path = write_temp(&b);
		char *text = run("pdftotext -enc UTF-8 '%s' - 2>/dev/null", path);
		assert_non_null(strstr(text, "深圳市示例医疗器械有限公司"));
		assert_non_null(strstr(text, "携帯型輸液ポンプ"));
		assert_non_null(strstr(text, "간호사 태블릿"));
		assert_non_null(strstr(text, "太字"));
		assert_null(strstr(text, "\xEF\xBF\xBD"));
		/* the long cell has no spaces, yet wraps: a line ends inside it */
		assert_non_null(strstr(text, "病院および"));
		assert_null(strstr(text, "輸液ポンプ。病院および在宅で薬液を持続的に投与する携帯型輸液ポンプ。病院"));
		/* no line starts with closing punctuation or a small kana */
		assert_null(strstr(text, "\n。"));
		assert_null(strstr(text, "\nょ"));
		free(text);
		if (have("pdffonts")) {
			char *fonts = run("pdffonts '%s' 2>/dev/null", path);
			assert_non_null(strstr(fonts, "+WenQuanYiMicroHei"));
			free(fonts);
		}
		unlink(path);
		free(path);
	}
	pm_buf_free(&b);
	pm_diags_free(&d);
}

static void test_images(void **state)
{
	(void)state;
	pm_pdf_meta m = meta();
	m.image_dir = "/nonexistent-dir";
	pm_pdf_chapter ch = chapter("i", "Images",
	                            "# Images\n\n![The diagram](diagram.png)\n\n"
	                            "![Outside](../secret.png)\n\n![Absolute](/etc/passwd)\n");
	pm_buf b;
	pm_diags d;
	pm_buf_init(&b, 0);
	pm_diags_init(&d);
	assert_int_equal(render(&m, &ch, 1, &b, &d), 0);
	assert_int_equal(d.errors, 0);
	assert_int_equal(warnings_about(&d, "is left out"), 3);
	assert_int_equal(warnings_about(&d, "cannot be opened"), 1);
	pm_buf_free(&b);
	pm_diags_free(&d);
}

static void test_missing_font(void **state)
{
	(void)state;
	pm_pdf_meta m = meta();
	m.font_dir = "/nonexistent/fonts";
	pm_pdf_chapter ch = chapter("a", "A", "# A\n");
	pm_buf b;
	pm_diags d;
	pm_buf_init(&b, 0);
	pm_diags_init(&d);
	pm_buf_puts(&b, "kept");
	assert_int_equal(pm_render_pdf(&m, &ch, 1, &b, &d), -1);
	assert_string_equal(b.data, "kept"); /* left as it was */
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.v[0].kind, PM_ERR_RENDER);
	assert_string_equal(d.v[0].file, "/nonexistent/fonts/DejaVuSans.ttf");
	assert_non_null(strstr(d.v[0].msg, "cannot read font file"));
	pm_buf_free(&b);
	pm_diags_free(&d);
}

static void test_bad_arguments(void **state)
{
	(void)state;
	pm_pdf_chapter ch = chapter("a", "A", "# A\n");
	pm_pdf_chapter noid = {NULL, "A", "x", 1};
	pm_buf b;
	pm_diags d;
	pm_pdf_meta m = meta();
	pm_buf_init(&b, 0);
	pm_diags_init(&d);
	m.date = "2023-02-29";
	assert_int_equal(pm_render_pdf(&m, &ch, 1, &b, &d), -1);
	m = meta();
	m.date = "21.11.2025";
	assert_int_equal(pm_render_pdf(&m, &ch, 1, &b, &d), -1);
	m = meta();
	m.device = NULL;
	assert_int_equal(pm_render_pdf(&m, &ch, 1, &b, &d), -1);
	m = meta();
	assert_int_equal(pm_render_pdf(&m, &noid, 1, &b, &d), -1);
	m.input_files = NULL;
	assert_int_equal(pm_render_pdf(&m, &ch, 1, &b, &d), -1);
	assert_int_equal(pm_render_pdf(NULL, &ch, 1, &b, &d), -1);
	assert_int_equal(d.errors, 6);
	for (size_t i = 0; i < d.n; i++)
		assert_int_equal(d.v[i].kind, PM_ERR_USAGE);
	assert_int_equal(b.len, 0);
	/* leap day, no date, no inputs, no chapters: fine */
	m = meta();
	m.date = "2024-02-29";
	assert_int_equal(pm_render_pdf(&m, &ch, 1, &b, &d), 0);
	m.date = NULL;
	m.n_inputs = 0;
	m.input_files = m.input_sha256 = NULL;
	pm_buf_clear(&b);
	assert_int_equal(pm_render_pdf(&m, NULL, 0, &b, &d), 0);
	assert_memory_equal(b.data, "%PDF-", 5);
	pm_buf_free(&b);
	pm_diags_free(&d);
}

static void test_hostile_markdown(void **state)
{
	(void)state;
	pm_buf md;
	pm_buf_init(&md, 0);
	pm_buf_puts(&md, "# Deep\n\n");
	for (int i = 0; i < 300; i++)
		pm_buf_puts(&md, "> ");
	pm_buf_puts(&md, "deep quote\n\n");
	for (int i = 0; i < 120; i++) {
		for (int k = 0; k < i; k++)
			pm_buf_puts(&md, "  ");
		pm_buf_puts(&md, "- item\n");
	}
	pm_buf_puts(&md, "\n");
	for (int i = 0; i < 200; i++)
		pm_buf_puts(&md, "*a **b ");
	pm_buf_puts(&md, "\n\n| a |\n|---|\n| ");
	for (int i = 0; i < 3000; i++)
		pm_buf_putc(&md, 'W');
	pm_buf_puts(&md, " |\n\n```\n");
	for (int i = 0; i < 400; i++)
		pm_buf_puts(&md, "code line that goes on\n");
	pm_buf_puts(&md, "```\n\n<script>alert(1)</script>\n\n[js](javascript:alert(1)) [f](file:///etc/passwd)\n");
	pm_pdf_meta m = meta();
	pm_pdf_chapter ch = {"deep", NULL, md.data, md.len};
	pm_buf b;
	pm_diags d;
	pm_buf_init(&b, 0);
	pm_diags_init(&d);
	assert_int_equal(render(&m, &ch, 1, &b, &d), 0);
	assert_int_equal(d.errors, 0);
	assert_null(strstr(b.data, "javascript"));
	assert_null(strstr(b.data, "file:"));
	pm_buf_free(&b);
	pm_buf_free(&md);
	pm_diags_free(&d);
}

static void test_output_cap(void **state)
{
	(void)state;
	pm_pdf_meta m = meta();
	pm_pdf_chapter ch = chapter("a", "A", BASIC);
	pm_buf b;
	pm_diags d;
	pm_buf_init(&b, 4096); /* far too small for a PDF */
	pm_diags_init(&d);
	pm_buf_puts(&b, "kept");
	assert_int_equal(pm_render_pdf(&m, &ch, 1, &b, &d), -1);
	assert_string_equal(b.data, "kept");
	assert_int_equal(b.overflow, 0);
	assert_int_equal(d.v[0].kind, PM_ERR_RENDER);
	pm_buf_free(&b);
	pm_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_text_in_order),
	        cmocka_unit_test(test_page_count_and_size),
	        cmocka_unit_test(test_fonts_embedded),
	        cmocka_unit_test(test_outline),
	        cmocka_unit_test(test_reproducible),
	        cmocka_unit_test(test_unicode),
	        cmocka_unit_test(test_wide_table_landscape),
	        cmocka_unit_test(test_missing_glyph),
	        cmocka_unit_test(test_cjk),
	        cmocka_unit_test(test_images),
	        cmocka_unit_test(test_missing_font),
	        cmocka_unit_test(test_bad_arguments),
	        cmocka_unit_test(test_hostile_markdown),
	        cmocka_unit_test(test_output_cap),
	};
	/* make slow: the 10,000-row table (over 400 pages) */
	const struct CMUnitTest slow[] = {
	        cmocka_unit_test(test_big_table),
	};
	if (pm_test_slow_group())
		return cmocka_run_group_tests_name("pdf (slow)", slow, NULL, NULL);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
