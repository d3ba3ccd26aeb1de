/* internal.h — the private header of the SBOM readers in gen/sbom/: what
 * the four format readers (cdx_json.c, cdx_xml.c, spdx_json.c, spdx_tag.c)
 * share with the common part — the builder (build.c), FDA's support fields
 * (support.c), the SPDX helpers (spdx.c), the JSON tree helpers
 * (json_tree.c), the end of a load (finish.c) and the entry points
 * (sbom_read.c).  Only gen/sbom/ includes it: include/premarket/sbom.h is
 * the library's interface.
 *
 * A reader walks its syntax tree and calls the builder: sb_comp_new() for
 * each component (a parent before its children), sb_rel_add() for each
 * dependency or relationship (by reference strings), sb_vuln_new() for each
 * vulnerability.  sb_finish() then copies everything into the document's
 * arena, gives every component its id, resolves the references to indices
 * and runs the NTIA checks.  Readers report problems with sb_error() /
 * sb_warn(), keep walking when they can, and return -1 only when the
 * structure cannot be read at all; sb_finish() fails when any error was
 * added during the load.
 */
#ifndef PM_SBOM_INTERNAL_H
#define PM_SBOM_INTERNAL_H

#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "premarket/sbom.h"
#include "yamltree.h"

/* A relationship by reference strings, resolved by sb_finish(). */
typedef struct sb_rel {
	const char *from, *to; /* to == NULL: a CycloneDX dependencies[] record naming only `from` */
	uint32_t line, col;
} sb_rel;

typedef struct sb_builder {
	pm_sbom_doc *doc;
	pm_arena *arena;
	const char *file; /* name used in diagnostics (in the arena) */
	pm_diags *d;
	size_t errors0; /* d->errors when the load started */
	pm_sbom_comp *comps;
	size_t n_comps, cap_comps;
	pm_sbom_comp *meta; /* in the arena, or NULL */
	sb_rel *rels;
	size_t n_rels, cap_rels;
	pm_sbom_vuln *vulns;
	size_t n_vulns, cap_vulns;
	/* references of elements that are not components (CycloneDX services,
	 * SPDX files and the document): relationships to them are not
	 * dependencies between components, and are dropped without a warning */
	const char **other;
	size_t n_other, cap_other;
} sb_builder;

/* ---- characters ---- */
/* The blanks trimmed from values: space, tab, CR, LF. */
static inline int sb_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
/* ASCII case-insensitive equality of two strings. */
static inline int sb_ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
	return *a == *b;
}
/* Length of the UTF-8 byte order mark at p[0..n), or 0. */
static inline size_t sb_bom(const char *p, size_t n)
{
	return n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* ---- diagnostics (build.c) ---- */
int sb_error(sb_builder *b, pm_errkind kind, uint32_t line, uint32_t col, const char *fmt, ...)
        __attribute__((format(printf, 5, 6)));
void sb_warn(sb_builder *b, uint32_t line, uint32_t col, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* ---- strings (build.c) ---- */
/* Arena copy of s with leading and trailing blanks removed; NULL when s is
 * NULL or nothing is left. */
const char *sb_str(sb_builder *b, const char *s);
/* Append s to a ", "-joined (or sep-joined) list held in *acc (arena). */
void sb_join(sb_builder *b, const char **acc, const char *sep, const char *s);

/* ---- components (build.c; properties and end of support: support.c) ---- */
/* A new component at (line, col) nested in parent (-1 for none); returns
 * its index.  Pointers into b->comps are invalidated by the next call. */
int32_t sb_comp_new(sb_builder *b, int32_t parent, uint32_t line, uint32_t col);
/* A new metadata component (the document's subject); returns it. */
pm_sbom_comp *sb_meta_new(sb_builder *b, uint32_t line, uint32_t col);
/* Give c the hashes h[0..n) (copied into the arena); alg is spelled the
 * CycloneDX way when it is a CycloneDX algorithm (pm_sbom_hash_alg()),
 * else kept as written. */
void sb_comp_hashes(sb_builder *b, pm_sbom_comp *c, const pm_sbom_hash *h, size_t n);
/* A CycloneDX property (or an equivalent key=value token): reads the FDA
 * support fields from the names docs/sbom.md lists; returns 1 when the
 * name is one of them. */
int sb_comp_property(sb_builder *b, pm_sbom_comp *c, const char *name, const char *value, uint32_t line, uint32_t col);
/* End of support from `source` (a field or property name). */
void sb_comp_eos(sb_builder *b, pm_sbom_comp *c, const char *source, const char *value, int rank, uint32_t line,
                 uint32_t col);

/* ---- the document (build.c) ---- */
/* Add "name version" (or the name alone) to the document's tools; nothing
 * when name is NULL. */
void sb_tool_add(sb_builder *b, const char *name, const char *version);
/* Set the CycloneDX specification version (specVersion, or the version of
 * the XML namespace); warns at (line, col) for one this reader was not
 * written for. */
void sb_cdx_version(sb_builder *b, const char *v, uint32_t line, uint32_t col);

/* ---- relationships (build.c) ---- */
void sb_rel_add(sb_builder *b, const char *from, const char *to, uint32_t line, uint32_t col);
void sb_other_add(sb_builder *b, const char *ref);

/* ---- vulnerabilities (build.c) ---- */
/* A new vulnerability; returns its index (pointers invalidated as above). */
int32_t sb_vuln_new(sb_builder *b, uint32_t line, uint32_t col);
/* Add "CWE-<cwe>" to v->cwes (a CycloneDX cwes[] number); nothing when cwe
 * is NULL. */
void sb_vuln_cwe(sb_builder *b, pm_sbom_vuln *v, const char *cwe);
/* Score r->vector with the CVSS engine (method decides the version when the
 * vector has no prefix); a vector it cannot read gives a warning at
 * (line, col + offset in the vector + `quoted`), and r keeps no score. */
void sb_rating_score(sb_builder *b, pm_sbom_rating *r, uint32_t line, uint32_t col, int quoted);

/* ---- SPDX, shared by the JSON and tag-value readers (spdx.c) ---- */
/* "Organization: X" / "Person: Y" / "Tool: Z" -> "X"; NOASSERTION/NONE -> NULL. */
const char *sb_spdx_party(sb_builder *b, const char *s, const char **kind);
/* SPDX value, NULL for NOASSERTION / NONE / empty. */
const char *sb_spdx_value(sb_builder *b, const char *s);
/* A creator line of creationInfo: goes to the author or the tools. */
void sb_spdx_creator(sb_builder *b, const char *s);
/* An external reference of package c (category, type, locator). */
void sb_spdx_extref(sb_builder *b, int32_t c, const char *category, const char *type, const char *locator,
                    uint32_t line, uint32_t col);
/* A relationship "a TYPE b": counted; dependency types become edges. */
void sb_spdx_relationship(sb_builder *b, const char *a, const char *type, const char *bref, uint32_t line,
                          uint32_t col);
/* An annotation comment on package c: cle:supportStatus=..., cle:endOfSupport=... */
void sb_spdx_annotation(sb_builder *b, pm_sbom_comp *c, const char *comment, uint32_t line, uint32_t col);
/* Licence: concluded unless NOASSERTION/NONE, else declared. */
const char *sb_spdx_license(sb_builder *b, const char *concluded, const char *declared);
/* SPDX primaryPackagePurpose -> lower case with '-' ("OPERATING-SYSTEM" ->
 * "operating-system"). */
const char *sb_spdx_purpose(sb_builder *b, const char *s);
/* Check the SPDX version string ("SPDX-2.3"); warns for versions not read. */
void sb_spdx_version(sb_builder *b, const char *v, uint32_t line, uint32_t col);

/* ---- JSON trees, for CycloneDX JSON and SPDX JSON (json_tree.c) ---- */
/* Parse JSON (libyaml, with the SBOM limits) into t, its scalars in tmp;
 * the root must be a mapping.  Free t with yt_doc_free() when this
 * returns 0 (nothing to free otherwise). */
int sbj_parse(sb_builder *b, const char *data, size_t len, yt_doc *t, pm_arena *tmp);
/* The value of key in map m, or NULL. */
const yt_node *sbj_get(const yt_doc *t, const yt_node *m, const char *key);
/* A JSON null. */
int sbj_is_null(const yt_node *n);
/* String value of key (numbers and booleans as written); NULL when absent,
 * null or empty; an error when it is a list or a mapping. */
const char *sbj_str(sb_builder *b, const yt_doc *t, const yt_node *m, const char *key);
/* String value of node n itself (same rules); `what` names it in errors. */
const char *sbj_strv(sb_builder *b, const yt_node *n, const char *what);
/* The list (or mapping) value of key; NULL when absent or null; an error
 * when it has another type. */
const yt_node *sbj_seq(sb_builder *b, const yt_doc *t, const yt_node *m, const char *key);
const yt_node *sbj_map(sb_builder *b, const yt_doc *t, const yt_node *m, const char *key);
/* Node n must be a mapping (an error otherwise): returns 1 when it is. */
int sbj_want_map(sb_builder *b, const yt_node *n, const char *what);
/* Item i of list seq, which must be a mapping: returns it, or NULL after
 * an error naming it `what`. */
const yt_node *sbj_item_map(sb_builder *b, const yt_doc *t, const yt_node *seq, uint32_t i, const char *what);
/* A number (score); returns 1 and sets *v, 0 when absent, -1 on error. */
int sbj_num(sb_builder *b, const yt_doc *t, const yt_node *m, const char *key, double *v);

/* ---- the end of a load (finish.c) ---- */
/* Copy what the reader added into the document: ids, references resolved
 * to indices, NTIA checks.  Returns -1 when any error was added during the
 * load (b->errors0), else 0. */
int sb_finish(sb_builder *b);

/* ---- the readers ---- */
int sb_read_cdx_json(sb_builder *b, const char *data, size_t len);
int sb_read_cdx_xml(sb_builder *b, const char *data, size_t len);
int sb_read_spdx_json(sb_builder *b, const char *data, size_t len);
int sb_read_spdx_tag(sb_builder *b, const char *data, size_t len);

#endif
