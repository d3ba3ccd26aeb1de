/* fuzz_md_pdf.c — Markdown to PDF (cmark-gfm, our layout, libharu): the
 * input as two chapters (split at the first NUL byte, if any).  Images are
 * read from a folder that does not exist, so none is loaded. */
#include "fuzz.h"
#include "premarket/pdf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 16384)
		return 0;
	const char *s = (const char *)data;
	const char *nul = memchr(s, '\0', size);
	size_t n1 = nul ? (size_t)(nul - s) : size;
	pm_pdf_chapter ch[2] = {{"threat-model", NULL, s, n1},
	                        {"sbom", "SBOM", nul ? nul + 1 : "", nul ? size - n1 - 1 : 0}};
	const char *files[] = {"model.yaml"};
	const char *sums[] = {"0000000000000000000000000000000000000000000000000000000000000000"};
	pm_pdf_meta meta = {.device = "Fuzz device",
	                    .device_version = "1.0",
	                    .manufacturer = "Fuzz Inc.",
	                    .date = "2026-01-02",
	                    .doc_id = "PM-FUZZ-1",
	                    .tool_version = "premarket fuzz",
	                    .revision = "1",
	                    .input_files = files,
	                    .input_sha256 = sums,
	                    .n_inputs = 1,
	                    .image_dir = "/nonexistent-premarket-fuzz"};
	pm_diags d;
	pm_diags_init(&d);
	pm_buf out;
	pm_buf_init(&out, 64 << 20);
	pm_render_pdf(&meta, ch, 2, &out, &d);
	pm_buf_free(&out);
	pm_diags_free(&d);
	return 0;
}
