/**
 * load.h — load, resolve and validate a device model.
 *
 * pm_model_load() reads one or more YAML model files (and everything they
 * `include:`), checks them against the model format (docs/model.md), resolves
 * every reference to an index, validates the risk policy, and reports every
 * problem found — up to a cap — in `diags`.
 *
 * The model comes back unscored (m->risk is empty): the loader does not
 * compute the risk register.  Score it with pm_risk_compute()
 * (include/premarket/risk.h) before rendering or checking it, then sort the
 * diagnostics again with pm_diags_sort(), as scoring may add warnings.
 *
 * Hostile input is bounded: file size, nesting depth, scalar length, alias
 * count and alias expansion are capped (pm_load_limits), and invalid UTF-8
 * and NUL bytes are reported with their location.
 */
#ifndef PREMARKET_LOAD_H
#define PREMARKET_LOAD_H

#include <stddef.h>

#include "premarket/diag.h"
#include "premarket/model.h"

typedef struct pm_load_options {
	const char *datadir;  /**< folder holding models/; NULL = pm_datadir() */
	size_t max_file_size; /**< bytes per file; 0 = 64 MiB */
	/** bytes per file named *.xml (a submission.xml); 0 = 1 GiB.  Our own
	 *  writer makes some 3.6 KB per threat (the register repeats every
	 *  assessment): 362 MB for the 100,000 threats of `make bench`'s
	 *  largest model, far above the YAML cap. */
	size_t max_xml_file_size;
	size_t max_depth;   /**< YAML nesting depth; 0 = 64 */
	size_t max_scalar;  /**< bytes per scalar; 0 = 1 MiB */
	size_t max_aliases; /**< aliases per file; 0 = 10,000 */
	size_t max_files;   /**< files per model, includes counted; 0 = 1,000 */
} pm_load_options;

/**
 * Load the model made of `paths` (n > 0).  Returns 0 when the model has no
 * errors (warnings may have been added to `diags`) and stores it in *out,
 * unscored (see above); the caller frees it with pm_model_free().  Returns
 * -1 when there were errors: they are in `diags` and *out is NULL
 * (everything half built has been freed).  Either way `diags` comes back
 * sorted by file, line and column.  `opt` may be NULL for defaults.
 */
int pm_model_load(const char *const *paths, size_t n, const pm_load_options *opt, pm_model **out, pm_diags *diags);

/**
 * pm_model_load() of one model file whose content is in memory: name is its
 * file name (for diagnostics, for the XML test — a name ending in ".xml" —
 * and as the base of its relative include: and sbom paths, which are read
 * from disk), data[0, len) its bytes (not kept).  Same contract otherwise.
 */
int pm_model_load_mem(const char *name, const char *data, size_t len, const pm_load_options *opt, pm_model **out,
                      pm_diags *diags);

/** A model file whose content is in memory (standard input, a pipe): name
 *  is how paths and diagnostics name it ("<stdin>", "/dev/fd/63"). */
typedef struct pm_load_source {
	const char *name;
	const char *data;
	size_t len;
} pm_load_source;

/**
 * pm_model_load() where the paths equal to one of mem[0, n_mem)'s names are
 * not read from disk but taken from memory (the bytes are not kept; the
 * size cap still applies).  A model given so resolves its relative
 * include: and sbom paths against the working directory when its name has
 * no folder or is a device path (/dev/..., /proc/...).  Same contract as
 * pm_model_load() otherwise.
 */
int pm_model_load_sources(const char *const *paths, size_t n, const pm_load_source *mem, size_t n_mem,
                          const pm_load_options *opt, pm_model **out, pm_diags *diags);

/**
 * The folder holding premarket's shipped data (models/, templates/):
 * $PREMARKET_DATADIR if set; else <exe>/../share/premarket when it exists;
 * else the source tree (<exe>/..).  Never NULL; the string is static.
 */
const char *pm_datadir(void);

#endif
