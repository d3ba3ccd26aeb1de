/* sbom_read.c — the entry points of the SBOM readers
 * (include/premarket/sbom.h): reading a file, detecting its format, and
 * running the reader of that format (cdx_json.c, cdx_xml.c, spdx_json.c,
 * spdx_tag.c) on a fresh builder (build.c) whose content sb_finish()
 * (finish.c) turns into the document.
 *
 * Contract (docs/sbom.md): every component, dependency and vulnerability of
 * a CycloneDX 1.2-1.6 (JSON, XML) or SPDX 2.2/2.3 (JSON, tag-value) file,
 * with FDA's level of support and end-of-support date (support.c), and the
 * NTIA minimum elements checked per component (finish.c).
 */
#include "internal.h"

#include "file.h"
#include "premarket/sbom.h"

#include <stdlib.h>
#include <string.h>

/* ---- names ------------------------------------------------------------------- */

const char *pm_sbom_format_name(int format)
{
	if (format < 0 || format >= PM_N_SBOM_FORMAT)
		return "?";
	return pm_enum_names_sbom_format[format];
}

/* ---- detection, reading ----------------------------------------------------------------- */

static const char *skip_bom_blanks(const char *p, const char *end)
{
	p += sb_bom(p, (size_t)(end - p));
	while (p < end && sb_blank((unsigned char)*p))
		p++;
	return p;
}

static const char *find(const char *p, const char *end, const char *needle)
{
	size_t n = strlen(needle);
	for (; p + n <= end; p++) {
		p = memchr(p, needle[0], (size_t)(end - p));
		if (!p || p + n > end)
			return NULL;
		if (memcmp(p, needle, n) == 0)
			return p;
	}
	return NULL;
}

int pm_sbom_detect(const char *data, size_t len)
{
	const char *end = data + len;
	const char *p = skip_bom_blanks(data, end);
	if (p == end)
		return -1;
	if (*p == '<')
		return PM_SBF_CDX_XML;
	if (*p == '{') {
		const char *cdx = find(p, end, "\"bomFormat\"");
		const char *spdx = find(p, end, "\"spdxVersion\"");
		if (cdx && (!spdx || cdx < spdx))
			return PM_SBF_CDX_JSON;
		if (spdx)
			return PM_SBF_SPDX_JSON;
		return -1;
	}
	/* tag-value: an "SPDXVersion:" tag at the start of a line */
	for (const char *q = p; q && q < end;) {
		if (end - q >= 12 && memcmp(q, "SPDXVersion:", 12) == 0)
			return PM_SBF_SPDX_TAG;
		q = memchr(q, '\n', (size_t)(end - q));
		if (q)
			q = skip_bom_blanks(q + 1, end);
	}
	return -1;
}

int pm_sbom_parse(const char *data, size_t len, const char *file, int format, pm_sbom_doc **out, pm_diags *d)
{
	*out = NULL;
	if (!file)
		file = "<sbom>";
	if (len > PM_SBOM_MAX_FILE)
		return pm_diag_add(d, PM_ERROR, PM_ERR_IO, file, 0, 0, "larger than the limit of %zu bytes",
		                   PM_SBOM_MAX_FILE);
	if (format < -1 || format >= PM_N_SBOM_FORMAT)
		return pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, file, 0, 0, "unknown SBOM format %d", format);
	if (format < 0) {
		format = pm_sbom_detect(data, len);
		if (format < 0) {
			pm_diag_add(d, PM_ERROR, PM_ERR_SCHEMA, file, 1, 1,
			            "not an SBOM this program reads (CycloneDX JSON or XML, SPDX JSON or tag-value)");
			if (len && skip_bom_blanks(data, data + len) < data + len &&
			    find(data, data + len, "\"@context\"") && find(data, data + len, "spdx"))
				pm_diag_hint(d, "this looks like SPDX 3 (JSON-LD), which is not read yet");
			return -1;
		}
	}
	pm_arena *arena = pm_arena_new();
	pm_sbom_doc *doc = pm_arena_alloc(arena, sizeof *doc);
	doc->arena = arena;
	doc->format = format;
	doc->file = pm_arena_strdup(arena, file);
	sb_builder b;
	memset(&b, 0, sizeof b);
	b.doc = doc;
	b.arena = arena;
	b.file = doc->file;
	b.d = d;
	b.errors0 = d->errors;
	int rc;
	if (format != PM_SBF_CDX_XML && yt_check_encoding(data, len, b.file, d) < 0)
		rc = -1;
	else if (format == PM_SBF_CDX_JSON)
		rc = sb_read_cdx_json(&b, data, len);
	else if (format == PM_SBF_CDX_XML)
		rc = sb_read_cdx_xml(&b, data, len);
	else if (format == PM_SBF_SPDX_JSON)
		rc = sb_read_spdx_json(&b, data, len);
	else
		rc = sb_read_spdx_tag(&b, data, len);
	if (rc == 0)
		rc = sb_finish(&b);
	free(b.comps);
	free(b.rels);
	free(b.vulns);
	free(b.other);
	if (rc < 0 || d->errors > b.errors0) {
		pm_arena_free(arena);
		return -1;
	}
	*out = doc;
	return 0;
}

int pm_sbom_load(const char *path, int format, pm_sbom_doc **out, pm_diags *d)
{
	*out = NULL;
	pm_buf data;
	pm_buf_init(&data, 0);
	int rc = pm_file_read(path, PM_SBOM_MAX_FILE, PM_FILE_AT_PATH, NULL, &data, d);
	if (rc == 0)
		rc = pm_sbom_parse(data.data, data.len, path, format, out, d);
	pm_buf_free(&data);
	return rc;
}

void pm_sbom_free(pm_sbom_doc *doc)
{
	if (doc)
		pm_arena_free(doc->arena);
}
