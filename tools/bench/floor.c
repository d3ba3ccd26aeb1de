/* floor.c — the floors `make bench` compares premarket with: the least work
 * the libraries premarket builds on need for the same data (docs/performance.md).
 *
 *   floor yaml FILE                      libyaml parses FILE to events, nothing kept
 *   floor pdf PAGES RUNS GLYPHS FONT OUT libharu writes PAGES pages holding RUNS
 *                                        text runs of GLYPHS glyphs in all, in the
 *                                        TrueType FONT embedded, to the file OUT
 *   floor xml ELEMENTS BYTES OUT         libxml2's xmlTextWriter writes ELEMENTS
 *                                        elements holding BYTES bytes of text to OUT
 *
 * Each does only that work: the time and peak memory of its process are the
 * floor.  Exit 0 on success, 1 with a message on failure. */
#include <hpdf.h>
#include <libxml/xmlwriter.h>
#include <yaml.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const char *what)
{
	fprintf(stderr, "floor: %s\n", what);
	return 1;
}

static int floor_yaml(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return fail("cannot open the YAML file");
	yaml_parser_t p;
	yaml_event_t e;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, f);
	int rc = 0;
	for (int done = 0; !done;) {
		if (!yaml_parser_parse(&p, &e)) {
			rc = fail("libyaml: parse error");
			break;
		}
		done = e.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
	fclose(f);
	return rc;
}

static void haru_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
	(void)data;
	fprintf(stderr, "floor: libharu error 0x%04X (detail %u)\n", (unsigned)error, (unsigned)detail);
	exit(1);
}

/* The text of the runs: printable ASCII, like most of a document's text. */
static void fill_run(char *buf, unsigned long n, unsigned long seed)
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789.,-";
	for (unsigned long i = 0; i < n; i++)
		buf[i] = alphabet[(seed + i * 7) % (sizeof alphabet - 1)];
	buf[n] = '\0';
}

static int floor_pdf(unsigned long pages, unsigned long runs, unsigned long glyphs, const char *font_path,
                     const char *out)
{
	if (pages == 0)
		return fail("pdf: PAGES must be at least 1");
	HPDF_Doc pdf = HPDF_New(haru_error, NULL);
	if (!pdf)
		return fail("libharu: HPDF_New");
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	const char *name = HPDF_LoadTTFontFromFile(pdf, font_path, HPDF_TRUE);
	HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
	unsigned long per_page = runs / pages, extra = runs % pages;
	unsigned long run_len = runs ? glyphs / runs : 0;
	char *buf = malloc(run_len + 1);
	if (!buf)
		return fail("out of memory");
	for (unsigned long pg = 0; pg < pages; pg++) {
		HPDF_Page page = HPDF_AddPage(pdf);
		HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_LETTER, HPDF_PAGE_PORTRAIT);
		unsigned long n = per_page + (pg < extra);
		HPDF_Page_BeginText(page);
		HPDF_Page_SetFontAndSize(page, font, 9);
		for (unsigned long r = 0; r < n; r++) {
			fill_run(buf, run_len, pg * 31 + r);
			float y = 740.0f - (float)(r % 60) * 12.0f;
			HPDF_Page_TextOut(page, 54.0f + (float)(r / 60 % 4) * 120.0f, y, buf);
		}
		HPDF_Page_EndText(page);
	}
	free(buf);
	int rc = HPDF_SaveToFile(pdf, out) == HPDF_OK ? 0 : fail("libharu: HPDF_SaveToFile");
	HPDF_Free(pdf);
	return rc;
}

static int floor_xml(unsigned long elements, unsigned long bytes, const char *out)
{
	xmlTextWriterPtr w = xmlNewTextWriterFilename(out, 0);
	if (!w)
		return fail("libxml2: cannot open the output");
	unsigned long len = elements ? bytes / elements : 0;
	char *buf = malloc(len + 1);
	if (!buf)
		return fail("out of memory");
	int bad = xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0;
	bad |= xmlTextWriterStartElement(w, BAD_CAST "root") < 0;
	for (unsigned long i = 1; i < elements && !bad; i++) {
		fill_run(buf, len, i);
		bad |= xmlTextWriterWriteElement(w, BAD_CAST "item", BAD_CAST buf) < 0;
	}
	bad |= xmlTextWriterEndDocument(w) < 0;
	xmlFreeTextWriter(w);
	free(buf);
	return bad ? fail("libxml2: a write failed") : 0;
}

static unsigned long number(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	if (*s == '\0' || *end != '\0') {
		fprintf(stderr, "floor: not a number: %s\n", s);
		exit(1);
	}
	return v;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "yaml") == 0)
		return floor_yaml(argv[2]);
	if (argc == 7 && strcmp(argv[1], "pdf") == 0)
		return floor_pdf(number(argv[2]), number(argv[3]), number(argv[4]), argv[5], argv[6]);
	if (argc == 5 && strcmp(argv[1], "xml") == 0)
		return floor_xml(number(argv[2]), number(argv[3]), argv[4]);
	fputs("usage: floor yaml FILE | floor pdf PAGES RUNS GLYPHS FONT OUT | floor xml ELEMENTS BYTES OUT\n", stderr);
	return 2;
}
