/* fuzz_md_html.c — Markdown to an HTML page (cmark-gfm, our heading ids,
 * table of contents, figures and sanitising). */
#include "fuzz.h"
#include "premarket/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return 0;
	pm_diags d;
	pm_diags_init(&d);
	pm_buf out;
	pm_buf_init(&out, 16 << 20);
	static const pm_html_link nav[] = {{"a.html", "A"}, {"javascript:x", "B"}};
	static const pm_html_figure figs[] = {{"diagrams/a.svg", 640, 480, "a <diagram>", "long & description"},
	                                      {"x.png", 0, 0, NULL, NULL}};
	pm_html_page_figures((const char *)data, size, "Fuzz", "sub <title>", nav, 2, figs, 2, &out, &d);
	pm_buf_free(&out);
	pm_diags_free(&d);
	return 0;
}
