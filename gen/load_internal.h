/* load_internal.h — shared state of the loader stages (load.c, resolve.c,
 * validate.c, policy.c).  Not a public header. */
#ifndef PM_LOAD_INTERNAL_H
#define PM_LOAD_INTERNAL_H

#include "arena.h"
#include "premarket/buf.h"
#include "premarket/load.h"
#include "schema.h"
#include "yamltree.h"

typedef struct ld_file {
	uint32_t index; /* in pm_model.files */
	yt_doc tree;
	const yt_doc *doc;
} ld_file;

typedef struct ld_ctx {
	pm_model *m;
	pm_diags *diags;
	pm_arena *arena;
	pm_load_options opt;
	size_t cap_files;
	char **loaded; /* real paths of loaded files */
	size_t n_loaded, cap_loaded;
	char **stack; /* real paths of the include chain */
	const char **stack_names;
	size_t n_stack, cap_stack;
	struct ld_ids *ids;               /* id table (resolve.c) */
	uint32_t *refcount[PM_K_COUNT];   /* references per object (resolve.c) */
	size_t cap_objs[PM_K_COUNT];
	size_t rejected_files; /* files whose content could not be read as a model */
	size_t empty_sections; /* required sections given with no value */
	uint32_t first_sbom_file; /* files from here on are imported SBOM files (0: none) */
	size_t errors_at_start;
} ld_ctx;

int ld_error(ld_ctx *L, pm_errkind kind, pm_mark at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int ld_warn(ld_ctx *L, pm_mark at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

int ld_parse_file(ld_ctx *L, const char *path, pm_mark from, ld_file *F, char **data_out);
int ld_load_section(ld_ctx *L, const char *path, const char *key);
/** Path `rel` relative to the folder of the file of `at`.  Caller frees. */
char *ld_resolve_path(const pm_model *m, pm_mark at, const char *rel);

/* validate.c */
int ld_check_cvss(ld_ctx *L, pm_mark at, int quoted, const char *key, const char *vector);
int ld_check_effect(ld_ctx *L, pm_mark at, int quoted, const char *key, const char *effect);
/** Stages 4 and 5: ids, references, default policy, semantic checks. */
void ld_finish(ld_ctx *L);

/* resolve.c */
void ld_index_ids(ld_ctx *L);
void ld_resolve_refs(ld_ctx *L);
/** Number of references that point at object (kind, idx). */
size_t ld_ref_count(const ld_ctx *L, pm_kind kind, int32_t idx);
void ld_resolve_free(ld_ctx *L);

/* sbom_import.c */
void ld_import_sboms(ld_ctx *L);

/* policy.c */
void ld_check_policy(ld_ctx *L);
/** Index of exploitability level `id` in the policy, or -1. */
int pm_policy_exploitability(const pm_policy *p, const char *id);

#endif
