/* rule_cond.h — the condition language of threat rules (docs/threats.md).
 * Not a public header.
 *
 * A rule's condition is a small boolean expression over one element of the
 * model (a component, an interface, a flow, a zone, an asset, an SBOM
 * component or the whole device) and its neighbours:
 *
 *   expr    := and ('or' and)*
 *   and     := unary ('and' unary)*
 *   unary   := 'not' unary | '(' expr ')' | quant | test
 *   quant   := ('any' | 'all' | 'no') path ['(' expr ')']
 *   test    := path [cmp value | ['not'] 'in' list | ('contains' | 'mentions') (value | list)]
 *   path    := name ('.' name)*
 *   cmp     := '=' | '!=' | '<' | '<=' | '>' | '>='
 *   value   := word | number | "text" | 'text' | true | false
 *   list    := '[' value (',' value)* ']'
 *
 * Three files hold it, one concern each:
 *   rule_attr.c  the vocabulary: per element kind its attributes (name,
 *                type, allowed values, the model field it reads) and its
 *                relations to neighbours; the graph of those relations,
 *                built once per model;
 *   rule_cond.c  the parser: text -> tree, every name, operator and value
 *                checked against the vocabulary, errors located at
 *                file:line:col with a hint;
 *   rule_eval.c  the evaluator, and the explanation of why a match matched.
 * There is no eval and no host-language code: a condition can only name
 * what the vocabulary defines.  Evaluating one condition on every element
 * of its kind is linear in the size of the model (each quantifier walks
 * the element's neighbours once; nesting quantifiers multiplies by the
 * neighbours' degree).
 */
#ifndef PM_RULE_COND_H
#define PM_RULE_COND_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "premarket/buf.h"
#include "premarket/diag.h"
#include "premarket/model.h"

/* ---- the vocabulary: rule_attr.c ---------------------------------------------------- */

/** Kinds of element a condition can speak about.  The first seven are the
 *  values of a rule's `applies_to` (enum pm_rule_target_v, same order). */
typedef enum rc_elem {
	RC_COMPONENT,
	RC_INTERFACE,
	RC_FLOW,
	RC_ZONE,
	RC_ASSET,
	RC_SBOM,
	RC_DEVICE,
	RC_VULN,
	RC_CONTROL,
	RC_N_ELEM
} rc_elem;

typedef enum rc_type {
	RC_BOOL, /* true or false */
	RC_ENUM, /* one of a list of words */
	RC_ORD,  /* one of an ordered list of words: also < <= > >= */
	RC_TEXT, /* free text, or several (any one may match) */
	RC_NUM   /* numbers read from text (ports: "2575/tcp", "49152-65535") */
} rc_type;

/** The value of one attribute of one element. */
typedef struct rc_val {
	int present;        /* 0: not stated in the model */
	int b;              /* RC_BOOL */
	int e;              /* RC_ENUM, RC_ORD: index in the attribute's values */
	const pm_str *text; /* RC_TEXT, RC_NUM: n_text strings ... */
	size_t n_text;
	const char *one[2]; /* ... or up to two single strings (used when text is NULL) */
	const char *note;   /* RC_BOOL: what the value was derived from, for explanations */
} rc_val;

struct rc_graph;

typedef struct rc_attr {
	const char *name;
	rc_type type;
	const char *const *values; /* RC_ENUM, RC_ORD: NULL-terminated, lowest first */
	void (*get)(const struct rc_graph *g, int32_t idx, rc_val *out);
	const char *doc; /* one sentence for docs/threats.md, naming the model field */
} rc_attr;

/** A relation from an element to neighbours: one (a path step) or many (a quantifier). */
typedef struct rc_rel {
	const char *name;
	rc_elem to;
	int many;
	int32_t (*one)(const struct rc_graph *g, int32_t idx); /* !many: the neighbour, or -1 */
	int csr;                                               /* many: the graph's adjacency list */
	const char *doc;
} rc_rel;

typedef struct rc_elem_def {
	const char *name;   /* "component" */
	const char *plural; /* "components" */
	const rc_attr *attrs;
	size_t n_attrs;
	const rc_rel *rels;
	size_t n_rels;
} rc_elem_def;

extern const rc_elem_def rc_elems[RC_N_ELEM];

const rc_attr *rc_attr_find(rc_elem el, const char *name, size_t len);
const rc_rel *rc_rel_find(rc_elem el, const char *name, size_t len);

/** Adjacency lists (compressed rows): the neighbours of row r are
 *  v[off[r] .. off[r+1]). */
typedef struct rc_csr {
	uint32_t *off;
	int32_t *v;
} rc_csr;

enum { RC_CSR_MAX = 32 };

/** The relations of one model, built once by rc_graph_build(). */
typedef struct rc_graph {
	const pm_model *m;
	size_t n[RC_N_ELEM]; /* elements of each kind (RC_DEVICE: 1) */
	rc_csr csr[RC_CSR_MAX];
	char date[11]; /* the documentation date (device.date, else the last revision), "" if none */
} rc_graph;

/** Build the relations of m (linear in its size).  Free with rc_graph_free(). */
void rc_graph_build(rc_graph *g, const pm_model *m);
void rc_graph_free(rc_graph *g);
/** The neighbours of element idx through relation r (r->many). */
static inline size_t rc_neighbours(const rc_graph *g, const rc_rel *r, int32_t idx, const int32_t **items)
{
	const rc_csr *c = &g->csr[r->csr];
	*items = c->v + c->off[idx];
	return c->off[idx + 1] - c->off[idx];
}
/** 1 when a text field says none: absent, empty, or its first word is
 *  none, no, not, n/a, off, disabled, unauthenticated, unencrypted,
 *  cleartext, plaintext or plain. */
int rc_says_none(const char *s);
/** The port number (or range) a text starts with: digits, optionally
 *  "-digits", then the end, white space, '/', ',', ';' or ')'.  Returns 1
 *  with the range in *lo, *hi, or 0 ("13.56 MHz", "GATT 0x1801"). */
int rc_number(const char *s, double *lo, double *hi);
/** 1 when s contains the word (or phrase) w, in any case, not inside a
 *  longer word: "Device PIN" mentions "pin", "pinned certificate" does not. */
int rc_has_word(const char *s, const char *w);
/** The model kind of elements of kind el (PM_K_NONE for the device). */
pm_kind rc_elem_kind(rc_elem el);
/** The model object of element (el, idx); NULL for the device. */
const void *rc_object(const rc_graph *g, rc_elem el, int32_t idx);
/** Its id ("device" for the device). */
const char *rc_id(const rc_graph *g, rc_elem el, int32_t idx);

/* ---- the parser: rule_cond.c ---------------------------------------------------------- */

typedef enum rc_op { RC_AND, RC_OR, RC_NOT, RC_ANY, RC_ALL, RC_NO, RC_TEST } rc_op;
typedef enum rc_cmp { RC_STATED, RC_EQ, RC_NE, RC_LT, RC_LE, RC_GT, RC_GE, RC_IN, RC_CONTAINS, RC_MENTIONS } rc_cmp;

enum { RC_MAX_PATH = 4 };

typedef struct rc_lit {
	int e;         /* enum index; RC_BOOL: 0 or 1 */
	double lo, hi; /* RC_NUM */
	const char *s; /* RC_TEXT */
} rc_lit;

typedef struct rc_node {
	rc_op op;
	rc_elem ctx;                      /* the element kind it is evaluated on */
	uint32_t start, end;              /* its source text: bytes [start, end) of the condition */
	struct rc_node *a, *b;            /* and/or: both; not: a; quantifiers: a (NULL: none) */
	const rc_rel *steps[RC_MAX_PATH]; /* path steps through one-relations */
	uint8_t n_steps;
	const rc_rel *many;  /* quantifiers: the relation they range over */
	const rc_attr *attr; /* test: the attribute */
	rc_cmp cmp;
	const rc_lit *lits; /* test: the value(s) compared with */
	size_t n_lits;
} rc_node;

/** Where a condition's text came from, to report errors at file:line:col:
 *  locate() turns a byte offset of the text into a line and column. */
typedef struct rc_source {
	const char *file;
	void (*locate)(const void *ud, size_t offset, unsigned *line, unsigned *col);
	const void *ud;
} rc_source;

/**
 * Parse `text` as a condition on elements of kind `el`.  The tree is
 * allocated in `a` and points into `text`, which must outlive it.  Returns
 * 0 with *out set, or -1 with one located error (PM_ERR_SCHEMA, a hint
 * where one helps) added to d.
 */
int rc_parse(const char *text, rc_elem el, const rc_source *src, pm_arena *a, const rc_node **out, pm_diags *d);

/**
 * Resolve the placeholder path text[at, at + len), such as "from.zone.name",
 * on elements of kind el: its one-relation steps into steps[RC_MAX_PATH]
 * (*n_steps) and its attribute.  Returns 0, or -1 with one located error.
 */
int rc_parse_path(const char *text, size_t at, size_t len, rc_elem el, const rc_source *src, const rc_rel **steps,
                  uint8_t *n_steps, const rc_attr **attr, pm_diags *d);

/** A text with placeholders, "{name} accepts {protocol}": literal pieces and
 *  paths to attributes of the element (and its neighbours, {from.name}).
 *  "{{" and "}}" stand for a brace. */
typedef struct rc_piece {
	const char *lit; /* literal text (NUL-terminated), or NULL for a placeholder */
	rc_elem ctx;     /* the element kind the template is written for */
	const rc_rel *steps[RC_MAX_PATH];
	uint8_t n_steps;
	const rc_attr *attr;
} rc_piece;

typedef struct rc_template {
	const rc_piece *v;
	size_t n;
} rc_template;

/** Parse `text` as a template on elements of kind el (every placeholder
 *  checked like a path of a condition).  Same contract as rc_parse(). */
int rc_template_parse(const char *text, rc_elem el, const rc_source *src, pm_arena *a, const rc_template **out,
                      pm_diags *d);

/* ---- the evaluator: rule_eval.c -------------------------------------------------------- */

/** 1 when the condition holds for element idx of its kind, else 0. */
int rc_eval(const rc_node *n, const rc_graph *g, int32_t idx);
/** Append why the condition holds for element idx ("kind is ble;
 *  authenticated is false (authentication: none)"), for a match. */
void rc_explain(const rc_node *n, const char *text, const rc_graph *g, int32_t idx, pm_buf *out);
/** Append the template, its placeholders filled from element idx (an
 *  absent name reads as the element's id, another absent value as
 *  "(<attribute> not stated)"). */
void rc_template_render(const rc_template *t, const rc_graph *g, int32_t idx, pm_buf *out);

#endif
