/* templates.h — where the document templates come from.  Not a public header.
 *
 * A template or partial NAME (as pm_build() asks for a document, or as
 * written in {{>NAME}} and {{<NAME}}) is the file NAME.mustache in the user
 * folder when there is one and it holds that file, else in the shipped
 * folder.  shipped/NAME is the shipped one only, so that a user template can
 * inherit from the shipped template it replaces.  A name is refused when it
 * is empty, absolute or holds "..".
 *
 * Files are read with pm_file_read() under one cap, PM_TEMPLATE_MAX_BYTES
 * per file.  The set remembers the path of every file it loaded, for as many
 * files as the templates include; the paths are the file names of compiled
 * templates and of their diagnostics, and stay valid until
 * pm_templates_free().
 */
#ifndef PM_TEMPLATES_H
#define PM_TEMPLATES_H

#include "premarket/buf.h"
#include "premarket/diag.h"
#include "premarket/mustache.h"

/** The size cap of one template or partial file: 16 MiB. */
#define PM_TEMPLATE_MAX_BYTES ((size_t)16 << 20)

typedef struct pm_templates pm_templates;

/** A template set looking in user_dir (may be NULL: shipped only), then in
 *  shipped_dir (required).  Both strings are copied.  Free it with
 *  pm_templates_free(), after the environments and templates that use it. */
pm_templates *pm_templates_new(const char *user_dir, const char *shipped_dir);

/** Free the set and the paths it handed out.  t may be NULL. */
void pm_templates_free(pm_templates *t);

/**
 * The partial loader for pm_mustache_opts.load, with the set as load_ud:
 * append the source of `name` to src and set *file to its path.  Returns 0,
 * 1 when no folder has the file, or -1 with a diagnostic (PM_ERR_RENDER for
 * a refused name, PM_ERR_IO for a file that cannot be read).
 */
int pm_templates_load(void *ud, const char *name, pm_buf *src, const char **file, pm_diags *d);

/** Load and compile the template `name` into *out (free it with
 *  pm_mustache_free() before the set).  Returns 0, or -1 with *out NULL and
 *  a diagnostic; a template no folder has is a PM_ERR_RENDER error naming
 *  the folders. */
int pm_templates_compile(pm_templates *t, const char *name, pm_mustache_template **out, pm_diags *d);

#endif
