/* yamltree.h — a YAML document as a flat node tree, built from libyaml's
 * event stream with hard limits (depth, alias expansion, scalar length), so
 * that hostile input gives a located error instead of a crash or a blow-up.
 *
 * Nodes link by index (as in libyaml's yaml_document_t).  Aliases are not
 * copied: an alias is the index of its anchored node, and the expanded size
 * of every node is tracked so an alias bomb is refused while parsing.
 */
#ifndef PM_YAMLTREE_H
#define PM_YAMLTREE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "premarket/diag.h"

typedef enum { YT_SCALAR, YT_SEQ, YT_MAP } yt_type;

/* Explicit tag of a scalar (!!str, !!bool ...); YT_TAG_OTHER for local tags. */
typedef enum { YT_TAG_NONE, YT_TAG_STR, YT_TAG_BOOL, YT_TAG_INT, YT_TAG_FLOAT, YT_TAG_NULL, YT_TAG_OTHER } yt_tag;

typedef struct yt_node {
	uint8_t type;   /* yt_type */
	uint8_t plain;  /* scalar was plain (unquoted, not a block scalar) and untagged */
	uint8_t tag;    /* yt_tag */
	uint32_t line;  /* 1-based */
	uint32_t col;   /* 1-based */
	uint32_t n;     /* scalar: byte length; seq: items; map: pairs */
	uint32_t first; /* seq/map: index of the first child in yt_doc.kids */
	const char *s;  /* scalar text (NUL-terminated, in the arena) */
} yt_node;

typedef struct yt_doc {
	yt_node *nodes;
	size_t n_nodes, cap_nodes;
	uint32_t *kids; /* seq: item node ids; map: key, value, key, value ... */
	size_t n_kids, cap_kids;
	uint32_t root; /* node id of the root, valid when has_root */
	int has_root;
} yt_doc;

typedef struct yt_limits {
	size_t max_depth;     /* nesting depth of collections */
	size_t max_scalar;    /* bytes in one scalar */
	size_t max_expansion; /* total nodes after expanding aliases */
	size_t max_aliases;   /* alias events */
} yt_limits;

/**
 * Parse `len` bytes (already checked to be UTF-8 without NUL) into `doc`.
 * Scalars are copied into `arena`.  Returns 0, or -1 with one error added to
 * `diags` (file name `file`) and `doc` freed.  Free with yt_doc_free().
 */
int yt_parse(yt_doc *doc, const char *data, size_t len, const char *file, pm_arena *arena, const yt_limits *lim,
             pm_diags *diags);
void yt_doc_free(yt_doc *doc);

static inline const yt_node *yt_child(const yt_doc *d, const yt_node *n, size_t i)
{
	return &d->nodes[d->kids[n->first + i]];
}

/**
 * Parse a premarket submission XML document (models/premarket.xsd) into the
 * same node tree as yt_parse() builds from YAML: elements become mappings or
 * lists following the model format, text becomes scalars, with their line
 * numbers.  Computed parts (the risk register, completeness results) are not
 * part of the tree.  Safe against hostile XML: no network, no DTD or external
 * entity loading, no entity expansion, depth and size limits.  Same contract
 * as yt_parse() (gen/xml_read.c).
 */
int yt_parse_xml(yt_doc *doc, const char *data, size_t len, const char *file, pm_arena *arena, const yt_limits *lim,
                 pm_diags *diags);

/**
 * Where byte `offset` of a scalar's value is in the source: the scalar
 * starts at line:col of src[0..len) (as yt_node marks it) and its value,
 * as the parser returned it (quotes, '' and escapes, folding, block
 * indentation removed), is `value`.  Walks the two together, matching
 * every character that is not white space, and stores the 1-based line
 * and column of that byte in *oline, *ocol.  For error messages inside a
 * scalar: a rule's condition, a placeholder in text.
 */
void yt_locate(const char *src, size_t len, uint32_t line, uint32_t col, const char *value, size_t offset,
               uint32_t *oline, uint32_t *ocol);

/**
 * Check that `data` is valid UTF-8 without NUL bytes; on failure add an
 * error at the offending byte's line:col and return -1.
 */
int yt_check_encoding(const char *data, size_t len, const char *file, pm_diags *diags);

#endif
