/* templates.c — template lookup: the user folder, then the shipped one (see
 * templates.h). */
#include "templates.h"
#include "file.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#define SHIPPED_PREFIX "shipped/"

struct pm_templates {
	char *user_dir; /* NULL: shipped templates only */
	char *shipped_dir;
	char **files; /* path of every file loaded, in order */
	size_t n_files, cap_files;
};

pm_templates *pm_templates_new(const char *user_dir, const char *shipped_dir)
{
	pm_templates *t = pm_xcalloc(1, sizeof *t);
	t->user_dir = user_dir ? pm_xstrdup(user_dir) : NULL;
	t->shipped_dir = pm_xstrdup(shipped_dir);
	return t;
}

void pm_templates_free(pm_templates *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n_files; i++)
		free(t->files[i]);
	free(t->files);
	free(t->user_dir);
	free(t->shipped_dir);
	free(t);
}

int pm_templates_load(void *ud, const char *name, pm_buf *src, const char **file, pm_diags *d)
{
	pm_templates *t = ud;
	int shipped_only = strncmp(name, SHIPPED_PREFIX, strlen(SHIPPED_PREFIX)) == 0;
	const char *base = shipped_only ? name + strlen(SHIPPED_PREFIX) : name;
	if (!base[0] || base[0] == '/' || strstr(name, ".."))
		return pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, NULL, 0, 0, "invalid template name \"%s\"", name);
	const char *dirs[2] = {shipped_only ? NULL : t->user_dir, t->shipped_dir};
	for (int i = 0; i < 2; i++) {
		if (!dirs[i])
			continue;
		char *path = pm_xasprintf("%s/%s.mustache", dirs[i], base);
		int rc = pm_file_read(path, PM_TEMPLATE_MAX_BYTES, PM_FILE_MISSING_OK, NULL, src, d);
		if (rc == 0) {
			t->files = pm_xgrow(t->files, &t->cap_files, t->n_files + 1, sizeof *t->files);
			t->files[t->n_files++] = path;
			*file = path;
			return 0;
		}
		free(path);
		if (rc < 0)
			return -1;
	}
	return 1;
}

int pm_templates_compile(pm_templates *t, const char *name, pm_mustache_template **out, pm_diags *d)
{
	*out = NULL;
	pm_buf src;
	pm_buf_init(&src, 0);
	const char *file = name;
	int rc = pm_templates_load(t, name, &src, &file, d);
	if (rc > 0)
		pm_diag_add(d, PM_ERROR, PM_ERR_RENDER, NULL, 0, 0, "template \"%s\" not found in %s%s%s", name,
		            t->user_dir ? t->user_dir : "", t->user_dir ? " or " : "", t->shipped_dir);
	if (rc == 0)
		rc = pm_mustache_compile(file, src.data ? src.data : "", src.len, out, d);
	pm_buf_free(&src);
	return rc == 0 ? 0 : -1;
}
