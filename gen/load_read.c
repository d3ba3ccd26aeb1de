/* load_read.c — stage 1 of loading, parse files: each model file is
 *   - read whole, a regular file under the size cap (pm_file_read(), gen/file.c);
 *   - checked for its encoding: valid UTF-8, no NUL byte (yamltree.c);
 *   - parsed into a node tree with depth, scalar and alias limits
 *     (yamltree.c; a submission.xml by xml_read.c, into the same tree);
 *   - filled into the structs of model.h (load_fill.c);
 * and its `include:` list is followed, depth-first, refusing cycles.
 * Later stages use the file helpers here: the model's file list and paths
 * relative to a model file.
 */
#include "file.h"
#include "load_internal.h"
#include "sha256.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_INCLUDE_DEPTH 32

/* ---- files ------------------------------------------------------------------------------- */

uint32_t ld_add_file(ld_ctx *L, const char *name)
{
	pm_model *m = L->m;
	L->cap_files = L->cap_files < m->n_files + 1 ? (m->n_files + 1) * 2 : L->cap_files;
	m->files = pm_xrealloc(m->files, L->cap_files * sizeof *m->files);
	m->files[m->n_files] = pm_arena_strdup(L->arena, name);
	m->files_xml = pm_xrealloc(m->files_xml, L->cap_files);
	m->files_xml[m->n_files] = 0;
	m->files_sha256 = pm_xrealloc(m->files_sha256, L->cap_files * sizeof *m->files_sha256);
	m->files_sha256[m->n_files] = NULL;
	return (uint32_t)m->n_files++;
}

char *ld_resolve_path(const pm_model *m, pm_mark at, const char *rel)
{
	const char *base = pm_model_file(m, at);
	if (rel[0] == '/')
		return pm_xstrdup(rel);
	const char *slash = strrchr(base, '/');
	/* a model read from a pipe (/dev/stdin, /dev/fd/63, /proc/self/fd/0):
	 * its relative paths are the working directory's, like "<stdin>"'s */
	if (slash && (strstr(base, "/dev/") == base || strstr(base, "/proc/") == base))
		slash = NULL;
	if (!slash)
		return pm_xstrdup(rel);
	return pm_xasprintf("%.*s/%s", (int)(slash - base), base, rel);
}

int ld_regular_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* An XML file: named *.xml, or starting (after a BOM and blanks) with '<'. */
static int is_xml(const char *path, const char *data, size_t len)
{
	size_t pl = strlen(path);
	if (pl > 4 && strcmp(path + pl - 4, ".xml") == 0)
		return 1;
	size_t i = len >= 3 && (unsigned char)data[0] == 0xEF && (unsigned char)data[1] == 0xBB ? 3 : 0;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	return i < len && data[i] == '<';
}

int ld_parse_file(ld_ctx *L, const char *path, pm_mark from, ld_file *F)
{
	memset(F, 0, sizeof *F);
	/* a submission.xml (by its name: the cap applies before the content is
	 * seen) has its own, larger cap */
	size_t pl = strlen(path);
	size_t cap = pl > 4 && strcmp(path + pl - 4, ".xml") == 0 ? L->opt.max_xml_file_size : L->opt.max_file_size;
	pm_buf_init(&F->data, cap < (size_t)-1 ? cap + 1 : 0);
	pm_file_at named = {from.line ? pm_model_file(L->m, from) : NULL, from.line, from.col};
	const pm_load_source *src = NULL;
	for (size_t i = 0; !from.line && i < L->n_mem && !src; i++) /* named on the command line only */
		if (strcmp(path, L->mem[i].name) == 0)
			src = &L->mem[i];
	if (src) { /* pm_model_load_sources() */
		if (src->len > cap || pm_buf_put(&F->data, src->data, src->len) < 0) {
			pm_buf_free(&F->data);
			return pm_diag_add(L->diags, PM_ERROR, PM_ERR_IO, path, 0, 0,
			                   "larger than the limit of %zu bytes", cap);
		}
	} else if (pm_file_read(path, cap, 0, &named, &F->data, L->diags) != 0)
		return -1;
	const char *data = F->data.data;
	size_t len = F->data.len;
	F->index = ld_add_file(L, path);
	char hex[65];
	if (pm_sha256_mem(data, len, hex) == 0)
		L->m->files_sha256[F->index] = pm_arena_strdup(L->arena, hex);
	const char *fname = L->m->files[F->index];
	int xml = is_xml(path, data, len);
	L->m->files_xml[F->index] = (unsigned char)xml;
	yt_limits lim = {L->opt.max_depth, L->opt.max_scalar, 0, L->opt.max_aliases};
	/* aliases may expand a file to at most 4x its own size plus a margin */
	lim.max_expansion = 4 * len + 100000;
	/* A submission.xml written by `premarket build --format xml` reads into the
	 * same node tree as YAML, so every check of the later stages applies to it. */
	if ((!xml && yt_check_encoding(data, len, fname, L->diags) < 0) ||
	    (xml ? yt_parse_xml(&F->tree, data, len, fname, L->arena, &lim, L->diags)
	         : yt_parse(&F->tree, data, len, fname, L->arena, &lim, L->diags)) < 0) {
		pm_buf_free(&F->data);
		return -1;
	}
	if (!F->tree.has_root) {
		L->rejected_files++;
		pm_diag_add(L->diags, PM_ERROR, PM_ERR_SCHEMA, fname, 1, 1,
		            "file is empty: expected a mapping of model sections (device, assets, threats, ...)");
		ld_close_file(F);
		return -1;
	}
	return 0;
}

void ld_close_file(ld_file *F)
{
	yt_doc_free(&F->tree);
	pm_buf_free(&F->data);
}

/* ---- files and their includes -------------------------------------------------------------- */

/* What reading the model's files keeps track of. */
typedef struct reader {
	ld_ctx *L;
	char **loaded; /* real paths of the files read */
	size_t n_loaded, cap_loaded;
	char **stack; /* real paths of the include chain */
	const char **stack_names;
	size_t n_stack, cap_stack;
} reader;

static int listed(char *const *list, size_t n, const char *real)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], real) == 0)
			return 1;
	return 0;
}

static void read_file(reader *R, const char *path, pm_mark from);

static void read_includes(reader *R, pm_strs inc)
{
	for (size_t i = 0; i < inc.n; i++) {
		char *p = ld_resolve_path(R->L->m, inc.v[i].at, inc.v[i].s);
		read_file(R, p, inc.v[i].at);
		free(p);
	}
}

/* Read, parse and fill one file, then the files it includes.  from: where
 * it was named (an include: item; no location for a command-line file). */
static void read_file(reader *R, const char *path, pm_mark from)
{
	ld_ctx *L = R->L;
	if (L->m->n_files >= L->opt.max_files) {
		if (from.line)
			ld_error(L, PM_ERR_IO, from, "too many model files (limit %zu)", L->opt.max_files);
		else
			pm_diag_add(L->diags, PM_ERROR, PM_ERR_IO, NULL, 0, 0, "too many model files (limit %zu)",
			            L->opt.max_files);
		return;
	}
	char *real = realpath(path, NULL);
	if (real && listed(R->stack, R->n_stack, real)) {
		pm_buf chain;
		pm_buf_init(&chain, 0);
		for (size_t i = 0; i < R->n_stack; i++)
			pm_buf_printf(&chain, "%s -> ", R->stack_names[i]);
		pm_buf_puts(&chain, path);
		ld_error(L, PM_ERR_REF, from, "include cycle: %s", chain.data);
		pm_buf_free(&chain);
		free(real);
		return;
	}
	if (real && listed(R->loaded, R->n_loaded, real)) {
		if (from.line)
			ld_warn(L, from, "%s is already loaded; not loading it twice", path);
		else
			pm_diag_add(L->diags, PM_WARNING, PM_ERR_IO, path, 0, 0, "file given twice; loaded once");
		free(real);
		return;
	}
	if (R->n_stack >= MAX_INCLUDE_DEPTH) {
		ld_error(L, PM_ERR_REF, from, "includes nested deeper than %d files", MAX_INCLUDE_DEPTH);
		free(real);
		return;
	}
	ld_file F;
	if (ld_parse_file(L, path, from, &F) < 0) {
		free(real);
		return;
	}
	if (real) {
		R->loaded = pm_xgrow(R->loaded, &R->cap_loaded, R->n_loaded + 1, sizeof *R->loaded);
		R->loaded[R->n_loaded++] = pm_xstrdup(real);
	}
	/* this file's include: list, apart from the lists of the files before it */
	pm_strs saved = L->m->include;
	memset(&L->m->include, 0, sizeof L->m->include);
	ld_fill_model(L, &F);
	pm_strs inc = L->m->include;
	L->m->include = saved;
	ld_close_file(&F);

	R->stack = pm_xgrow(R->stack, &R->cap_stack, R->n_stack + 1, sizeof *R->stack);
	R->stack_names = pm_xrealloc(R->stack_names, R->cap_stack * sizeof *R->stack_names);
	R->stack[R->n_stack] = real ? real : pm_xstrdup(path);
	R->stack_names[R->n_stack] = L->m->files[F.index];
	R->n_stack++;
	read_includes(R, inc);
	R->n_stack--;
	free(R->stack[R->n_stack]);
}

int ld_read_files(ld_ctx *L, const char *const *paths, size_t n)
{
	if (n == 0)
		pm_diag_add(L->diags, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0, "no model file given");
	reader R = {.L = L};
	pm_mark none = {0, 0, 0};
	for (size_t i = 0; i < n; i++)
		read_file(&R, paths[i], none);
	for (size_t i = 0; i < R.n_loaded; i++)
		free(R.loaded[i]);
	free(R.loaded);
	free(R.stack);
	free(R.stack_names);

	if (pm_diags_has(L->diags, PM_ERR_IO) || pm_diags_has(L->diags, PM_ERR_YAML) || L->m->n_files == 0)
		return -1;
	ld_check_sections(L);
	return 0;
}
