/* load_internal.h — what the stages of the loader share.  Not a public header.
 *
 * pm_model_load() (gen/load.c) is the pipeline: it calls one entry point per
 * stage, in this order, and each stage lives in the file named after it:
 *
 *   1. parse files     load_read.c   read, encoding, tree, include:
 *                      load_fill.c   fill the structs through the field tables
 *   2. default policy  load_policy.c
 *   3. check policy    load_policy.c
 *   4. import SBOMs    load_sbom.c
 *   5. resolve         load_resolve.c  index ids, resolve references
 *   6. validate        load_validate.c semantic checks, then warnings
 *
 * Calls go one way: gen/load.c calls the stages, load_read.c calls
 * load_fill.c, a later stage may use a helper of an earlier one (the file
 * list and paths of load_read.c; the section fill, list growth and enum
 * names of load_fill.c; the reference counts of load_resolve.c), and
 * nothing calls back into gen/load.c or into a later stage.  Scoring is not
 * a stage of the loader: the caller scores the loaded model with
 * pm_risk_compute() (gen/risk.c).
 *
 * The threat rule catalog (gen/rules_load.c) is read with the same helpers
 * (ld_init, ld_parse_file, ld_fill_obj): the same limits, the same located
 * errors, another field table (pm_schema_rule_file).  It is not a stage of
 * the model loader and calls none of them.
 */
#ifndef PM_LOAD_INTERNAL_H
#define PM_LOAD_INTERNAL_H

#include "arena.h"
#include "premarket/buf.h"
#include "premarket/load.h"
#include "schema.h"
#include "yamltree.h"

#include <stdarg.h>

/** One model file while it is parsed: its tree and the bytes it came from. */
typedef struct ld_file {
	uint32_t index; /* in pm_model.files */
	yt_doc tree;
	pm_buf data;
} ld_file;

typedef struct ld_ctx {
	pm_model *m;
	pm_diags *diags;
	pm_arena *arena;
	pm_load_options opt;
	size_t cap_files;               /* capacity of m->files (ld_add_file) */
	size_t rejected_files;          /* 1: files whose content could not be read as a model */
	size_t empty_sections;          /* 1: required sections given with no value */
	uint32_t first_sbom_file;       /* 4: files from here on are imported SBOM files (0: none) */
	struct ld_ids *ids;             /* 5: id table */
	uint32_t *refcount[PM_K_COUNT]; /* 5: references per object */
	size_t cap_objs[PM_K_COUNT];    /* 5: capacity of m->objs */
	const pm_load_source *mem;      /* 1: model files given in memory (pm_model_load_sources()) */
	size_t n_mem;
	unsigned scripts_warned; /* 3: scripts the PDF cannot lay out, reported (load_fill.c) */
} ld_ctx;

/** Start a load: options with their defaults, an empty model (whose files
 *  and arena the load fills) in L->m. */
void ld_init(ld_ctx *L, const pm_load_options *opt, pm_diags *diags);

/* ---- diagnostics at a mark of the model's files (every stage) ------------------------ */

static inline int ld_error(ld_ctx *L, pm_errkind kind, pm_mark at, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
static inline int ld_warn(ld_ctx *L, pm_mark at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/** An error at `at`; returns -1. */
static inline int ld_error(ld_ctx *L, pm_errkind kind, pm_mark at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pm_diag_vadd(L->diags, PM_ERROR, kind, pm_model_file(L->m, at), at.line, at.col, fmt, ap);
	va_end(ap);
	return -1;
}

/** A warning (kind PM_ERR_SCHEMA) at `at`; returns 0. */
static inline int ld_warn(ld_ctx *L, pm_mark at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pm_diag_vadd(L->diags, PM_WARNING, PM_ERR_SCHEMA, pm_model_file(L->m, at), at.line, at.col, fmt, ap);
	va_end(ap);
	return 0;
}

/* ---- 1. parse files: load_read.c ---------------------------------------------------- */

/** Stage 1: read, parse and fill every file of `paths` and what they
 *  include.  Returns 0 when the later stages can run (no I/O or YAML error,
 *  at least one file read), else -1. */
int ld_read_files(ld_ctx *L, const char *const *paths, size_t n);
/** Read and parse one file into F (added to the model's files).  from: where
 *  it was named (no location when from.line is 0).  Returns 0, or -1 with the
 *  problem reported and nothing to close. */
int ld_parse_file(ld_ctx *L, const char *path, pm_mark from, ld_file *F);
void ld_close_file(ld_file *F);
/** Add a file to m->files, so that marks can name it; returns its index. */
uint32_t ld_add_file(ld_ctx *L, const char *name);
/** Path `rel` relative to the folder of the file of `at`.  Caller frees. */
char *ld_resolve_path(const pm_model *m, pm_mark at, const char *rel);
/** 1 when `path` names an existing regular file (links followed), else 0. */
int ld_regular_file(const char *path);

/* ---- 1. parse files, fill: load_fill.c ------------------------------------------------ */

/** Fill the model from the root of F through the field tables. */
void ld_fill_model(ld_ctx *L, const ld_file *F);
/** Fill obj, described by s (named `what` in messages), from node n of F. */
void ld_fill_obj(ld_ctx *L, const ld_file *F, const pm_schema *s, const char *what, void *obj, const yt_node *n);
/** The sections the whole model needs, once every file is filled. */
void ld_check_sections(ld_ctx *L);
/** Fill the one top-level section `key` from F (shipped data).  Returns 0
 *  when F has it and it filled without error, else -1 (reported). */
int ld_fill_section(ld_ctx *L, const ld_file *F, const char *key);
/** Room for `add` more zeroed items of `size` bytes, in the arena, at the end
 *  of a model list (items pointer, count, mark: PM_LIST); returns the first
 *  new item.  Raising the count is the caller's. */
void *ld_list_grow(ld_ctx *L, void *list, size_t size, size_t add);
/** Index of s in a NULL-terminated list of enum names, or -1 (s may be NULL). */
int ld_enum_index(const char *const *names, const char *s);

/* ---- 2. default policy, 3. check policy: load_policy.c --------------------------------- */

/** Stage 2: the shipped default risk policy, when the model has none. */
void ld_default_policy(ld_ctx *L);
/** Stage 3: scales, levels and matrix of the risk policy. */
void ld_check_policy(ld_ctx *L);
/** Index of exploitability level `id` in the policy, or -1. */
int ld_policy_exploitability(const pm_policy *p, const char *id);

/* ---- 4. import SBOMs: load_sbom.c ------------------------------------------------------ */

/** Stage 4: the SBOM files of sbom.files become components and vulnerabilities. */
void ld_import_sboms(ld_ctx *L);

/* ---- 5. resolve: load_resolve.c ---------------------------------------------------------- */

/** Stage 5: index every id, resolve every reference to (kind, index). */
void ld_resolve(ld_ctx *L);
/** Number of references that point at object (kind, idx). */
size_t ld_ref_count(const ld_ctx *L, pm_kind kind, int32_t idx);
/** Free the id table and reference counts (safe when stage 5 did not run). */
void ld_resolve_free(ld_ctx *L);

/* ---- 6. validate: load_validate.c -------------------------------------------------------- */

/** Stage 6: semantic checks the field tables cannot express, then warnings. */
void ld_validate(ld_ctx *L);

#endif
