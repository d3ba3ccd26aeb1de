/* load.c — the loading pipeline: model files -> a validated pm_model (see
 * include/premarket/load.h).
 *
 * pm_model_load() below is the one list of the loader's stages; each stage
 * is one call into the file named after it (gen/load_internal.h):
 *   1. parse files     load_read.c, load_fill.c
 *   2. default policy  load_policy.c
 *   3. check policy    load_policy.c
 *   4. import SBOMs    load_sbom.c
 *   5. resolve         load_resolve.c
 *   6. validate        load_validate.c
 * The model comes back unscored: scoring is not a loader stage but the
 * caller's next one, pm_risk_compute() (gen/risk.c).  The accepted format is
 * the one docs/model.md documents.
 */
#include "load_internal.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_MAX_FILE    ((size_t)64 << 20)
#define DEFAULT_MAX_XML     ((size_t)1 << 30)
#define DEFAULT_MAX_DEPTH   64
#define DEFAULT_MAX_SCALAR  ((size_t)1 << 20)
#define DEFAULT_MAX_ALIASES 10000
#define DEFAULT_MAX_FILES   1000

void ld_init(ld_ctx *L, const pm_load_options *opt, pm_diags *diags)
{
	memset(L, 0, sizeof *L);
	if (opt)
		L->opt = *opt;
	if (!L->opt.max_file_size)
		L->opt.max_file_size = DEFAULT_MAX_FILE;
	if (!L->opt.max_xml_file_size)
		L->opt.max_xml_file_size = DEFAULT_MAX_XML;
	if (!L->opt.max_depth)
		L->opt.max_depth = DEFAULT_MAX_DEPTH;
	if (!L->opt.max_scalar)
		L->opt.max_scalar = DEFAULT_MAX_SCALAR;
	if (!L->opt.max_aliases)
		L->opt.max_aliases = DEFAULT_MAX_ALIASES;
	if (!L->opt.max_files)
		L->opt.max_files = DEFAULT_MAX_FILES;
	if (!L->opt.datadir)
		L->opt.datadir = pm_datadir();
	L->diags = diags;
	L->arena = pm_arena_new();
	L->m = pm_xcalloc(1, sizeof *L->m);
	L->m->arena = L->arena;
}

static int load(ld_ctx *L, const char *const *paths, size_t n, pm_model **out, pm_diags *diags)
{
	size_t errors_before = diags->errors;

	if (ld_read_files(L, paths, n) == 0) { /* 1. parse files */
		ld_default_policy(L);          /* 2. default policy */
		ld_check_policy(L);            /* 3. check policy */
		ld_import_sboms(L);            /* 4. import SBOMs */
		ld_resolve(L);                 /* 5. index ids, resolve references */
		ld_validate(L);                /* 6. semantic checks, then warnings */
	}

	ld_resolve_free(L);
	pm_diags_sort(diags, (const char *const *)L->m->files, L->m->n_files);
	if (diags->errors > errors_before) {
		pm_model_free(L->m);
		return -1;
	}
	*out = L->m;
	return 0;
}

int pm_model_load(const char *const *paths, size_t n, const pm_load_options *opt, pm_model **out, pm_diags *diags)
{
	*out = NULL;
	ld_ctx L;
	ld_init(&L, opt, diags);
	return load(&L, paths, n, out, diags);
}

int pm_model_load_mem(const char *name, const char *data, size_t len, const pm_load_options *opt, pm_model **out,
                      pm_diags *diags)
{
	pm_load_source src = {name, data ? data : "", data ? len : 0};
	return pm_model_load_sources(&name, 1, &src, 1, opt, out, diags);
}

int pm_model_load_sources(const char *const *paths, size_t n, const pm_load_source *mem, size_t n_mem,
                          const pm_load_options *opt, pm_model **out, pm_diags *diags)
{
	*out = NULL;
	ld_ctx L;
	ld_init(&L, opt, diags);
	L.mem = mem;
	L.n_mem = n_mem;
	return load(&L, paths, n, out, diags);
}

void pm_model_free(pm_model *m)
{
	if (!m)
		return;
	pm_register_free(&m->risk);
	for (int k = 0; k < PM_K_COUNT; k++)
		free(m->objs[k]);
	free(m->files);
	free(m->files_xml);
	free(m->files_sha256);
	pm_arena_free(m->arena);
	free(m);
}
