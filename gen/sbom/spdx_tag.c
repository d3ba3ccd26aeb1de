/* spdx_tag.c — SPDX 2.2 / 2.3 tag-value
 * (https://spdx.github.io/spdx-spec/v2.3/conformance/) into the SBOM builder.
 *
 * A document is a sequence of "Tag: value" lines; a value may be a
 * <text>...</text> block spanning lines; blank lines and lines starting
 * with '#' are ignored.  PackageName opens a package, FileName a file,
 * SnippetSPDXID a snippet, LicenseID an extracted licence; the tags that
 * follow describe the element last opened.  Read: SPDXVersion,
 * DocumentName, DocumentNamespace, SPDXID, Creator, Created; per package
 * PackageVersion, PackageSupplier, PackageChecksum, ExternalRef,
 * PackageLicenseConcluded/Declared, PackageDescription/PackageSummary,
 * PrimaryPackagePurpose, ValidUntilDate; Relationship; and annotations
 * (Annotator ... SPDXREF, AnnotationComment).  Unknown tags are ignored; a
 * line that is not "Tag: value" is an error.
 */
#include "internal.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

enum { IN_DOC, IN_PACKAGE, IN_FILE, IN_SNIPPET, IN_LICENSE };

typedef struct extref {
	const char *category, *type, *locator;
	uint32_t line, col;
} extref;

typedef struct st {
	sb_builder *b;
	int in;
	int32_t pkg; /* open package, or -1 */
	const char *concluded, *declared;
	pm_sbom_hash *hashes;
	size_t n_hashes, cap_hashes;
	extref *refs;
	size_t n_refs, cap_refs;
	/* the annotation being read */
	int ann_open;
	const char *ann_target, *ann_comment;
	uint32_t ann_line;
} st;

static int streq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static void close_package(st *s)
{
	sb_builder *b = s->b;
	if (s->pkg >= 0) {
		pm_sbom_comp *c = &b->comps[s->pkg];
		c->licenses = sb_spdx_license(b, s->concluded, s->declared);
		sb_comp_hashes(b, c, s->hashes, s->n_hashes);
		for (size_t i = 0; i < s->n_refs; i++)
			sb_spdx_extref(b, s->pkg, s->refs[i].category, s->refs[i].type, s->refs[i].locator,
			               s->refs[i].line, s->refs[i].col);
		if (!c->ref)
			sb_error(b, PM_ERR_SCHEMA, c->line, c->col, "package \"%.80s\" has no SPDXID",
			         c->name ? c->name : "");
	}
	s->pkg = -1;
	s->concluded = s->declared = NULL;
	s->n_hashes = s->n_refs = 0;
}

static void close_annotation(st *s)
{
	sb_builder *b = s->b;
	if (s->ann_open && s->ann_comment) {
		const char *target = s->ann_target;
		pm_sbom_comp *c = NULL;
		if (s->pkg >= 0 && (!target || streq(b->comps[s->pkg].ref, target)))
			c = &b->comps[s->pkg]; /* the usual case: the package being read */
		for (size_t k = 0; target && !c && k < b->n_comps; k++)
			if (streq(b->comps[k].ref, target))
				c = &b->comps[k];
		if (c)
			sb_spdx_annotation(b, c, s->ann_comment, s->ann_line, 1);
	}
	s->ann_open = 0;
	s->ann_target = s->ann_comment = NULL;
}

/* Split "a b c..." into up to n words (the last keeps the rest). */
static size_t words(sb_builder *b, const char *v, const char **w, size_t n)
{
	size_t k = 0;
	while (*v && k < n) {
		while (*v == ' ' || *v == '\t')
			v++;
		if (!*v)
			break;
		const char *e = v;
		if (k + 1 < n)
			while (*e && *e != ' ' && *e != '\t')
				e++;
		else
			e = v + strlen(v);
		w[k++] = sb_str(b, pm_arena_strndup(b->arena, v, (size_t)(e - v)));
		v = e;
	}
	return k;
}

static void tag(st *s, const char *t, const char *v, uint32_t line, uint32_t col)
{
	sb_builder *b = s->b;
	pm_sbom_doc *doc = b->doc;
	pm_sbom_comp *c = s->pkg >= 0 ? &b->comps[s->pkg] : NULL;
	if (strcmp(t, "PackageName") == 0 || strcmp(t, "FileName") == 0 || strcmp(t, "SnippetSPDXID") == 0 ||
	    strcmp(t, "LicenseID") == 0) {
		close_annotation(s);
		close_package(s);
	}
	if (strcmp(t, "Annotator") == 0) {
		close_annotation(s);
		s->ann_open = 1;
		s->ann_line = line;
		return;
	}
	if (s->ann_open && strcmp(t, "SPDXREF") == 0) {
		s->ann_target = v;
		return;
	}
	if (s->ann_open && strcmp(t, "AnnotationComment") == 0) {
		s->ann_comment = v;
		return;
	}
	if (strcmp(t, "SPDXVersion") == 0) {
		sb_spdx_version(b, v, line, col);
	} else if (strcmp(t, "DocumentName") == 0) {
		doc->name = v;
	} else if (strcmp(t, "DocumentNamespace") == 0) {
		doc->serial = v;
	} else if (strcmp(t, "Creator") == 0) {
		sb_spdx_creator(b, v);
	} else if (strcmp(t, "Created") == 0) {
		doc->timestamp = v;
	} else if (strcmp(t, "PackageName") == 0) {
		s->in = IN_PACKAGE;
		s->pkg = sb_comp_new(b, -1, line, 1);
		b->comps[s->pkg].name = v;
		if (!v)
			sb_error(b, PM_ERR_SCHEMA, line, col, "PackageName is empty");
	} else if (strcmp(t, "FileName") == 0) {
		s->in = IN_FILE;
		doc->n_files++;
	} else if (strcmp(t, "SnippetSPDXID") == 0) {
		s->in = IN_SNIPPET;
		sb_other_add(b, v);
	} else if (strcmp(t, "LicenseID") == 0) {
		s->in = IN_LICENSE;
	} else if (strcmp(t, "SPDXID") == 0) {
		if (c)
			c->ref = v;
		else
			sb_other_add(b, v); /* the document, a file */
	} else if (strcmp(t, "Relationship") == 0) {
		const char *w[3] = {NULL, NULL, NULL};
		if (words(b, v ? v : "", w, 3) != 3) {
			sb_error(b, PM_ERR_SCHEMA, line, col, "Relationship needs \"ELEMENT TYPE ELEMENT\"");
			return;
		}
		/* a trailing comment after the related element is not part of it */
		const char *sp = strpbrk(w[2], " \t");
		if (sp)
			w[2] = pm_arena_strndup(b->arena, w[2], (size_t)(sp - w[2]));
		sb_spdx_relationship(b, w[0], w[1], w[2], line, col);
	} else if (!c || s->in != IN_PACKAGE) {
		return; /* file, snippet and licence tags */
	} else if (strcmp(t, "PackageVersion") == 0) {
		c->version = sb_spdx_value(b, v);
	} else if (strcmp(t, "PackageSupplier") == 0) {
		c->supplier = sb_spdx_party(b, v, NULL);
	} else if (strcmp(t, "PackageLicenseConcluded") == 0) {
		s->concluded = v;
	} else if (strcmp(t, "PackageLicenseDeclared") == 0) {
		s->declared = v;
	} else if (strcmp(t, "PackageDescription") == 0) {
		c->description = v;
	} else if (strcmp(t, "PackageSummary") == 0) {
		if (!c->description)
			c->description = v;
	} else if (strcmp(t, "PrimaryPackagePurpose") == 0) {
		c->type = sb_spdx_purpose(b, v);
	} else if (strcmp(t, "ValidUntilDate") == 0) {
		sb_comp_eos(b, c, "ValidUntilDate", v, 3, line, col);
	} else if (strcmp(t, "PackageChecksum") == 0) {
		const char *colon = v ? strchr(v, ':') : NULL;
		if (!colon) {
			sb_error(b, PM_ERR_SCHEMA, line, col, "PackageChecksum needs \"ALGORITHM: value\"");
			return;
		}
		s->hashes = pm_xgrow(s->hashes, &s->cap_hashes, s->n_hashes + 1, sizeof *s->hashes);
		s->hashes[s->n_hashes].alg = sb_str(b, pm_arena_strndup(b->arena, v, (size_t)(colon - v)));
		s->hashes[s->n_hashes].value = sb_str(b, colon + 1);
		if (s->hashes[s->n_hashes].alg && s->hashes[s->n_hashes].value)
			s->n_hashes++;
	} else if (strcmp(t, "ExternalRef") == 0) {
		const char *w[3] = {NULL, NULL, NULL};
		if (words(b, v ? v : "", w, 3) != 3) {
			sb_error(b, PM_ERR_SCHEMA, line, col, "ExternalRef needs \"CATEGORY TYPE LOCATOR\"");
			return;
		}
		s->refs = pm_xgrow(s->refs, &s->cap_refs, s->n_refs + 1, sizeof *s->refs);
		extref *r = &s->refs[s->n_refs++];
		r->category = w[0];
		r->type = w[1];
		r->locator = w[2];
		r->line = line;
		r->col = col;
	}
}

int sb_read_spdx_tag(sb_builder *b, const char *data, size_t len)
{
	st s;
	memset(&s, 0, sizeof s);
	s.b = b;
	s.pkg = -1;
	const char *p = data + sb_bom(data, len), *end = data + len;
	uint32_t line = 0;
	int have_version = 0;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		line++;
		const char *q = p;
		while (q < eol && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		if (q == eol || *q == '#') {
			p = eol + (eol < end);
			continue;
		}
		const char *colon = memchr(q, ':', (size_t)(eol - q));
		const char *te = colon;
		while (te && te > q && (te[-1] == ' ' || te[-1] == '\t'))
			te--;
		if (!colon || te == q || memchr(q, ' ', (size_t)(te - q))) {
			sb_error(b, PM_ERR_YAML, line, (uint32_t)(q - p) + 1, "expected \"Tag: value\"");
			p = eol + (eol < end);
			continue;
		}
		char *t = pm_xstrndup(q, (size_t)(te - q));
		const char *v = colon + 1;
		while (v < eol && (*v == ' ' || *v == '\t'))
			v++;
		uint32_t vcol = (uint32_t)(v - p) + 1, tline = line;
		const char *value;
		if (eol - v >= 6 && memcmp(v, "<text>", 6) == 0) {
			const char *close = NULL;
			for (const char *k = v + 6; k + 7 <= end; k++) {
				k = memchr(k, '<', (size_t)(end - k));
				if (!k || k + 7 > end)
					break;
				if (memcmp(k, "</text>", 7) == 0) {
					close = k;
					break;
				}
			}
			if (!close) {
				sb_error(b, PM_ERR_YAML, line, vcol, "<text> is not closed by </text>");
				free(t);
				break;
			}
			value = sb_str(b, pm_arena_strndup(b->arena, v + 6, (size_t)(close - v - 6)));
			for (const char *k = v; k < close; k++)
				line += *k == '\n';
			eol = memchr(close, '\n', (size_t)(end - close));
			if (!eol)
				eol = end;
		} else {
			value = sb_str(b, pm_arena_strndup(b->arena, v, (size_t)(eol - v)));
		}
		if (strcmp(t, "SPDXVersion") == 0)
			have_version = 1;
		tag(&s, t, value, tline, vcol);
		free(t);
		p = eol + (eol < end);
	}
	close_annotation(&s);
	close_package(&s);
	free(s.hashes);
	free(s.refs);
	if (!have_version)
		sb_error(b, PM_ERR_SCHEMA, 1, 1, "the document has no SPDXVersion");
	return 0;
}
