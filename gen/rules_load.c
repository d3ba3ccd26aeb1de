/* rules_load.c — the threat rule catalog: rule files -> pm_catalog
 * (include/premarket/threats.h; the format is docs/threats.md).
 *
 * Each file is read, checked and parsed into a node tree, and filled
 * through the field table pm_schema_rule_file (gen/schema.c), with the
 * model loader's own helpers (load_internal.h): the same limits, the same
 * located errors for unknown keys, wrong types, bad enum values and CVSS
 * vectors, missing fields.  Then, while the file's bytes are at hand, each
 * rule is compiled: its condition and its templates (title, threat text,
 * suggested controls) are parsed against the vocabulary of rule_attr.c,
 * with errors located inside the YAML scalar (yt_locate); CAPEC and CWE
 * ids are checked for their form and the default vector for its version.
 * Rule ids are unique over the catalog.  Folders are read in name order,
 * so the catalog is the same on every machine.
 */
#include "load_internal.h"
#include "premarket/threats.h"
#include "rule_cond.h"
#include "strmap.h"
#include "xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct cat_priv {
	pm_model *holder; /* the loader's model: the file names and the arena */
} cat_priv;

char *pm_catalog_shipped_dir(void)
{
	return pm_xasprintf("%s/models/threats", pm_datadir());
}

/* ---- compiling a rule -------------------------------------------------------------------- */

typedef struct locator {
	const ld_file *F;
	pm_mark at;
	const char *value;
} locator;

static void locate(const void *ud, size_t offset, unsigned *line, unsigned *col)
{
	const locator *lo = ud;
	uint32_t l, c;
	yt_locate(lo->F->data.data, lo->F->data.len, lo->at.line, lo->at.col, lo->value, offset, &l, &c);
	*line = l;
	*col = c;
}

static int compile_template(ld_ctx *L, const ld_file *F, const pm_str *s, rc_elem el, const rc_template **out)
{
	if (!s->s)
		return 0;
	locator lo = {F, s->at, s->s};
	rc_source src = {pm_model_file(L->m, s->at), locate, &lo};
	return rc_template_parse(s->s, el, &src, L->arena, out, L->diags);
}

static void check_ids(ld_ctx *L, const pm_strs *ids, const char *prefix, const char *example)
{
	size_t n = strlen(prefix);
	for (size_t i = 0; i < ids->n; i++) {
		const char *s = ids->v[i].s;
		size_t k = n;
		while (s[k] >= '0' && s[k] <= '9')
			k++;
		if (strncmp(s, prefix, n) == 0 && k > n && !s[k] && s[n] != '0')
			continue;
		ld_error(L, PM_ERR_SCHEMA, ids->v[i].at, "invalid %.*s id \"%s\"", (int)(n - 1), prefix, s);
		pm_diag_hint(L->diags, "write %s<number>, e.g. %s", prefix, example);
	}
}

static void compile_rule(ld_ctx *L, const ld_file *F, pm_rule *r)
{
	check_ids(L, &r->capec, "CAPEC-", "CAPEC-94");
	check_ids(L, &r->cwe, "CWE-", "CWE-319");
	if (r->cvss.s && strncmp(r->cvss.s, "CVSS:3.1/", 9) != 0) {
		ld_error(L, PM_ERR_VALUE, r->cvss.at, "rule \"%s\": the default vector must be CVSS v3.1",
		         r->id.s ? r->id.s : "?");
		pm_diag_hint(L->diags, "a CVSS v4.0 default goes in cvss_v4, with its cvss_v4_rationale");
	}
	if (r->cvss_v4.s && strncmp(r->cvss_v4.s, "CVSS:4.0/", 9) != 0) {
		ld_error(L, PM_ERR_VALUE, r->cvss_v4.at, "rule \"%s\": cvss_v4 must be a CVSS v4.0 vector",
		         r->id.s ? r->id.s : "?");
		pm_diag_hint(L->diags, "the v3.1 default goes in cvss");
	}
	if (r->cvss_v4.s && !r->cvss_v4_rationale.at.line)
		ld_error(L, PM_ERR_SCHEMA, r->cvss_v4.at,
		         "rule \"%s\" has a cvss_v4 vector and needs a cvss_v4_rationale", r->id.s ? r->id.s : "?");
	if (!r->cvss_v4.s && r->cvss_v4_rationale.at.line)
		ld_error(L, PM_ERR_SCHEMA, r->cvss_v4_rationale.at,
		         "rule \"%s\" has a cvss_v4_rationale but no cvss_v4 vector", r->id.s ? r->id.s : "?");
	if (!r->applies_to.at.line)
		return; /* reported as missing; nothing to parse the condition against */
	rc_elem el = (rc_elem)r->applies_to.v;
	if (r->condition.s) {
		locator lo = {F, r->condition.at, r->condition.s};
		rc_source src = {pm_model_file(L->m, r->condition.at), locate, &lo};
		rc_parse(r->condition.s, el, &src, L->arena, &r->cond, L->diags);
	}
	compile_template(L, F, &r->title, el, &r->title_t);
	compile_template(L, F, &r->threat, el, &r->threat_t);
	const rc_template **ct = pm_arena_array(L->arena, 2 * r->controls.n + 1, sizeof *ct);
	for (size_t k = 0; k < r->controls.n; k++) {
		compile_template(L, F, &r->controls.v[k].title, el, &ct[2 * k]);
		compile_template(L, F, &r->controls.v[k].requirement, el, &ct[2 * k + 1]);
	}
	r->control_t = ct;
}

/* ---- files and folders ------------------------------------------------------------------------ */

typedef struct loader {
	ld_ctx L;
	pm_catalog *c;
	size_t cap_families;
} loader;

static void load_file(loader *ld, const char *path)
{
	ld_ctx *L = &ld->L;
	ld_file F;
	pm_mark none = {0, 0, 0};
	if (ld_parse_file(L, path, none, &F) < 0)
		return;
	pm_catalog *c = ld->c;
	c->families = pm_xgrow(c->families, &ld->cap_families, c->n_families + 1, sizeof *c->families);
	pm_rule_family *fam = &c->families[c->n_families];
	memset(fam, 0, sizeof *fam);
	ld_fill_obj(L, &F, &pm_schema_rule_file, "rule file", fam, &F.tree.nodes[F.tree.root]);
	for (size_t i = 0; i < fam->rules.n; i++) {
		fam->rules.v[i].family = c->n_families;
		compile_rule(L, &F, &fam->rules.v[i]);
	}
	c->n_families++;
	ld_close_file(&F);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int rule_file_name(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' &&
	       ((n > 5 && strcmp(name + n - 5, ".yaml") == 0) || (n > 4 && strcmp(name + n - 4, ".yml") == 0));
}

static void load_dir(loader *ld, const char *dir)
{
	DIR *dp = opendir(dir);
	if (!dp) {
		pm_diag_add(ld->L.diags, PM_ERROR, PM_ERR_IO, dir, 0, 0, "cannot read the rule folder: %s",
		            strerror(errno));
		return;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(dp)) != NULL) {
		if (!rule_file_name(e->d_name))
			continue;
		names = pm_xgrow(names, &cap, n + 1, sizeof *names);
		names[n++] = pm_xasprintf("%s/%s", dir, e->d_name);
	}
	closedir(dp);
	if (n)
		qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		load_file(ld, names[i]);
		free(names[i]);
	}
	free(names);
}

static void unique_ids(loader *ld)
{
	pm_catalog *c = ld->c;
	pm_strmap ids;
	pm_strmap_init(&ids);
	for (size_t i = 0; i < c->n_rules; i++) {
		const pm_rule *r = c->rules[i];
		size_t first;
		if (r->id.s && !pm_strmap_put(&ids, r->id.s, i, &first)) {
			pm_mark at = c->rules[first]->id.at;
			ld_error(&ld->L, PM_ERR_REF, r->id.at, "duplicate rule id \"%s\": already defined at %s:%u:%u",
			         r->id.s, pm_model_file(ld->L.m, at), at.line, at.col);
		}
	}
	pm_strmap_free(&ids);
}

int pm_catalog_load(const char *const *paths, size_t n, size_t n_shipped, pm_catalog **out, pm_diags *d)
{
	*out = NULL;
	loader ld;
	memset(&ld, 0, sizeof ld);
	ld_init(&ld.L, NULL, d);
	ld.c = pm_xcalloc(1, sizeof *ld.c);
	size_t errors_before = d->errors;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode))
			load_dir(&ld, paths[i]);
		else
			load_file(&ld, paths[i]);
		if (i + 1 == n_shipped)
			ld.c->n_shipped_files = ld.L.m->n_files;
	}
	pm_catalog *c = ld.c;
	for (size_t f = 0; f < c->n_families; f++)
		c->n_rules += c->families[f].rules.n;
	c->rules = pm_xcalloc(c->n_rules + 1, sizeof *c->rules);
	size_t k = 0;
	for (size_t f = 0; f < c->n_families; f++)
		for (size_t i = 0; i < c->families[f].rules.n; i++)
			c->rules[k++] = &c->families[f].rules.v[i];
	unique_ids(&ld);
	c->files = (const char **)ld.L.m->files;
	c->n_files = ld.L.m->n_files;
	cat_priv *p = pm_xcalloc(1, sizeof *p);
	p->holder = ld.L.m;
	c->priv = p;
	pm_diags_sort(d, c->files, c->n_files);
	if (d->errors > errors_before) {
		pm_catalog_free(c);
		return -1;
	}
	*out = c;
	return 0;
}

void pm_catalog_free(pm_catalog *c)
{
	if (!c)
		return;
	cat_priv *p = c->priv;
	if (p)
		pm_model_free(p->holder);
	free(p);
	free(c->families);
	free(c->rules);
	free(c);
}

const pm_rule *pm_catalog_rule(const pm_catalog *c, const char *id)
{
	for (size_t i = 0; id && i < c->n_rules; i++)
		if (c->rules[i]->id.s && strcmp(c->rules[i]->id.s, id) == 0)
			return c->rules[i];
	return NULL;
}
