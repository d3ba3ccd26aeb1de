/* test_mustache_spec.c — run every example of the Mustache spec.
 *
 * Reads each *.yml file of <shared>/mustache-spec (shared = $PREMARKET_SHARED,
 * default ../shared, see testutil.h) with libyaml and turns every entry of
 * its `tests:` list into one cmocka test: `data` becomes a pm_value tree,
 * `partials` are served by a loader, `template` is compiled and rendered
 * with the HTML escaper, and the output must equal `expected` byte for byte.
 * All of comments, delimiters, interpolation, inverted, partials, sections
 * and ~inheritance must be present and pass.  Without the folder the run
 * is skipped, saying so.
 *
 * YAML scalars are typed as YAML 1.2's core schema does for plain scalars:
 * null/~/empty -> null, true/false -> bool, integers -> numbers that keep
 * their text, decimals -> numbers printed shortest ("1.210" -> "1.21", as
 * the spec expects); quoted scalars are strings.
 */
#include "testutil.h"

#include "premarket/mustache.h"

#include <dirent.h>
#include <yaml.h>

static const char *const required[] = {
        "comments.yml", "delimiters.yml", "interpolation.yml", "inverted.yml",
        "partials.yml", "sections.yml",   "~inheritance.yml",
};
#define NREQUIRED (sizeof required / sizeof required[0])

struct spec_file {
	char *name;
	size_t tests, passed;
	char *error; /* could not be read or parsed */
};

struct spec_case {
	struct spec_file *file;
	char *title; /* "file: name" */
	pm_value_arena *arena;
	const pm_value *data;
	const pm_value *partials;
	const char *template;
	size_t template_len;
	const char *expected;
	size_t expected_len;
};

static struct spec_file *files;
static size_t nfiles, capfiles;
static struct spec_case *cases;
static size_t ncases, capcases;

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	size_t c = *cap ? *cap * 2 : 16;
	while (c < need)
		c *= 2;
	p = realloc(p, c * size);
	if (!p)
		abort();
	*cap = c;
	return p;
}

static char *dupn(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (!p)
		abort();
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static char *dupf(const char *a, const char *b, const char *c)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
	char *p = malloc(n);
	if (!p)
		abort();
	snprintf(p, n, "%s%s%s", a, b, c);
	return p;
}

/* ---- YAML -> pm_value ---- */

static int match_int(const char *s, size_t n)
{
	size_t i = 0;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	if (i == n)
		return 0;
	for (; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int match_float(const char *s, size_t n)
{
	size_t i = 0, digits = 0;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++, digits++;
	}
	if (!digits)
		return 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			i++;
		size_t e = i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == e)
			return 0;
	}
	return i == n;
}

static int is_word(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(s, w, n) == 0;
}

static pm_value *scalar_value(pm_value_arena *a, const yaml_node_t *nd)
{
	const char *s = (const char *)nd->data.scalar.value;
	size_t n = nd->data.scalar.length;
	if (nd->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
		if (n == 0 || is_word(s, n, "~") || is_word(s, n, "null") || is_word(s, n, "Null") ||
		    is_word(s, n, "NULL"))
			return pm_value_null(a);
		if (is_word(s, n, "true") || is_word(s, n, "True") || is_word(s, n, "TRUE"))
			return pm_value_bool(a, 1);
		if (is_word(s, n, "false") || is_word(s, n, "False") || is_word(s, n, "FALSE"))
			return pm_value_bool(a, 0);
		if (match_int(s, n))
			return pm_value_number_text(a, strtod(s, NULL), s, n);
		if (match_float(s, n))
			return pm_value_number(a, strtod(s, NULL));
	}
	return pm_value_string(a, s, n);
}

static pm_value *to_value(pm_value_arena *a, yaml_document_t *doc, yaml_node_t *nd, int raw)
{
	if (!nd)
		return pm_value_null(a);
	switch (nd->type) {
	case YAML_SCALAR_NODE:
		if (raw)
			return pm_value_string(a, (const char *)nd->data.scalar.value, nd->data.scalar.length);
		return scalar_value(a, nd);
	case YAML_SEQUENCE_NODE: {
		pm_value *l = pm_value_list(a);
		for (yaml_node_item_t *it = nd->data.sequence.items.start; it < nd->data.sequence.items.top; it++)
			pm_value_list_append(l, to_value(a, doc, yaml_document_get_node(doc, *it), raw));
		return l;
	}
	case YAML_MAPPING_NODE: {
		pm_value *m = pm_value_map(a);
		for (yaml_node_pair_t *p = nd->data.mapping.pairs.start; p < nd->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yaml_document_get_node(doc, p->key);
			if (!k || k->type != YAML_SCALAR_NODE)
				continue;
			pm_value_map_setn(m, (const char *)k->data.scalar.value, k->data.scalar.length,
			                  to_value(a, doc, yaml_document_get_node(doc, p->value), raw));
		}
		return m;
	}
	default:
		return pm_value_null(a);
	}
}

static yaml_node_t *get_key(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);
		if (k && k->type == YAML_SCALAR_NODE && strcmp((const char *)k->data.scalar.value, key) == 0)
			return yaml_document_get_node(doc, p->value);
	}
	return NULL;
}

static int read_file(const char *path, char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	size_t cap = 0, n = 0;
	char *p = NULL;
	for (;;) {
		p = grow(p, &cap, n + 4096, 1);
		size_t got = fread(p + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	int err = ferror(f);
	fclose(f);
	if (err) {
		free(p);
		return -1;
	}
	*data = p;
	*len = n;
	return 0;
}

static void load_file(const char *dir, const char *name)
{
	files = grow(files, &capfiles, nfiles + 1, sizeof *files);
	struct spec_file *sf = &files[nfiles++];
	memset(sf, 0, sizeof *sf);
	sf->name = dupn(name, strlen(name));

	char *path = dupf(dir, "/", name);
	char *text;
	size_t len;
	if (read_file(path, &text, &len) < 0) {
		sf->error = dupf("cannot read ", path, "");
		free(path);
		return;
	}
	free(path);

	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		sf->error = dupf("YAML error: ", parser.problem ? parser.problem : "?", "");
		yaml_parser_delete(&parser);
		free(text);
		return;
	}
	yaml_node_t *tests = get_key(&doc, yaml_document_get_root_node(&doc), "tests");
	if (!tests || tests->type != YAML_SEQUENCE_NODE) {
		sf->error = dupf("no tests list", "", "");
	} else {
		for (yaml_node_item_t *it = tests->data.sequence.items.start; it < tests->data.sequence.items.top;
		     it++) {
			yaml_node_t *t = yaml_document_get_node(&doc, *it);
			yaml_node_t *tn = get_key(&doc, t, "name");
			yaml_node_t *tt = get_key(&doc, t, "template");
			yaml_node_t *te = get_key(&doc, t, "expected");
			if (!tn || !tt || !te || tn->type != YAML_SCALAR_NODE || tt->type != YAML_SCALAR_NODE ||
			    te->type != YAML_SCALAR_NODE) {
				sf->error = dupf("a test lacks name, template or expected", "", "");
				break;
			}
			cases = grow(cases, &capcases, ncases + 1, sizeof *cases);
			struct spec_case *c = &cases[ncases++];
			memset(c, 0, sizeof *c);
			c->file = sf;
			c->title = dupf(name, ": ", (const char *)tn->data.scalar.value);
			c->arena = pm_value_arena_new();
			c->data = to_value(c->arena, &doc, get_key(&doc, t, "data"), 0);
			c->partials = to_value(c->arena, &doc, get_key(&doc, t, "partials"), 1);
			const pm_value *v =
			        pm_value_string(c->arena, (const char *)tt->data.scalar.value, tt->data.scalar.length);
			c->template = pm_value_get_string(v, &c->template_len);
			v = pm_value_string(c->arena, (const char *)te->data.scalar.value, te->data.scalar.length);
			c->expected = pm_value_get_string(v, &c->expected_len);
			sf->tests++;
		}
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	free(text);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Load every *.yml of dir in name order; -1 when dir cannot be opened. */
static int load_dir(const char *dir)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return -1;
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);
		if (len > 4 && strcmp(de->d_name + len - 4, ".yml") == 0) {
			names = grow(names, &cap, n + 1, sizeof *names);
			names[n++] = dupn(de->d_name, len);
		}
	}
	closedir(dp);
	if (n)
		qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n; i++) {
		load_file(dir, names[i]);
		free(names[i]);
	}
	free(names);
	return 0;
}

/* ---- the tests ---- */

static int load_partial(void *ud, const char *name, pm_buf *src, const char **file, pm_diags *d)
{
	(void)file;
	(void)d;
	const pm_value *v = pm_value_map_get(ud, name);
	if (!v)
		return 1;
	size_t n;
	const char *s = pm_value_text(v, &n);
	pm_buf_put(src, s, n);
	return 0;
}

/* Print s with line breaks and tabs visible. */
static void show(const char *label, const char *s, size_t n)
{
	fprintf(stderr, "  %s: \"", label);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			fputs("\\n", stderr);
		else if (s[i] == '\r')
			fputs("\\r", stderr);
		else if (s[i] == '\t')
			fputs("\\t", stderr);
		else
			fputc(s[i], stderr);
	}
	fputs("\"\n", stderr);
}

static void run_case(void **state)
{
	struct spec_case *c = *state;
	pm_diags d;
	pm_diags_init(&d);
	pm_mustache_opts o;
	memset(&o, 0, sizeof o);
	o.load = load_partial;
	o.load_ud = (void *)c->partials;
	pm_mustache_env *env = pm_mustache_env_new(&o);
	pm_buf out;
	pm_buf_init(&out, 0);
	int ok = 0;
	pm_mustache_template *t = NULL;
	pm_mustache_compile(c->title, c->template, c->template_len, &t, &d);
	if (t && pm_mustache_render(env, t, c->data, &out, &d) == 0) {
		ok = out.len == c->expected_len && (out.len == 0 || memcmp(out.data, c->expected, out.len) == 0);
		if (!ok) {
			fprintf(stderr, "mustache spec: FAILED %s\n", c->title);
			show("template", c->template, c->template_len);
			show("expected", c->expected, c->expected_len);
			show("actual  ", out.data ? out.data : "", out.len);
		}
	} else {
		fprintf(stderr, "mustache spec: FAILED %s\n", c->title);
		for (size_t i = 0; i < d.n; i++)
			fprintf(stderr, "  %s:%u:%u: error: %s\n", d.v[i].file ? d.v[i].file : "-", d.v[i].line,
			        d.v[i].col, d.v[i].msg);
	}
	if (ok)
		c->file->passed++;
	pm_mustache_free(t);
	pm_mustache_env_free(env);
	pm_buf_free(&out);
	pm_diags_free(&d);
	assert_true(ok);
}

static void files_present(void **state)
{
	(void)state;
	int ok = 1;
	for (size_t i = 0; i < NREQUIRED; i++) {
		size_t j;
		for (j = 0; j < nfiles; j++)
			if (strcmp(files[j].name, required[i]) == 0)
				break;
		if (j == nfiles) {
			fprintf(stderr, "mustache spec: %s is missing\n", required[i]);
			ok = 0;
		} else if (files[j].error || files[j].tests == 0) {
			fprintf(stderr, "mustache spec: %s: %s\n", required[i],
			        files[j].error ? files[j].error : "no tests");
			ok = 0;
		}
	}
	assert_true(ok);
}

static void not_found(void **state)
{
	(void)state;
	skip();
}

int main(void)
{
	const char *shared = pm_test_shared_dir();
	const char *shown = getenv("PREMARKET_SHARED") ? getenv("PREMARKET_SHARED") : "../shared";
	char *dir = dupf(shared ? shared : shown, "/mustache-spec", "");
	if (!shared || load_dir(dir) < 0) {
		printf("mustache spec: %s not found, skipping\n", dir);
		free(dir);
		const struct CMUnitTest skipped[] = {cmocka_unit_test(not_found)};
		return cmocka_run_group_tests_name("mustache spec", skipped, NULL, NULL);
	}

	size_t ntests = ncases + 1;
	struct CMUnitTest *tests = calloc(ntests, sizeof *tests);
	if (!tests)
		abort();
	tests[0].name = "spec files present";
	tests[0].test_func = files_present;
	for (size_t i = 0; i < ncases; i++) {
		tests[i + 1].name = cases[i].title;
		tests[i + 1].test_func = run_case;
		tests[i + 1].initial_state = &cases[i];
	}
	int failed = _cmocka_run_group_tests("mustache spec", tests, ntests, NULL, NULL);

	size_t total = 0, passed = 0;
	for (size_t i = 0; i < nfiles; i++) {
		printf("mustache spec: %-20s %3zu/%-3zu passed%s%s\n", files[i].name, files[i].passed, files[i].tests,
		       files[i].error ? "  ERROR: " : "", files[i].error ? files[i].error : "");
		total += files[i].tests;
		passed += files[i].passed;
	}
	printf("mustache spec: %zu/%zu examples passed in %s\n", passed, total, dir);

	for (size_t i = 0; i < ncases; i++) {
		pm_value_arena_free(cases[i].arena);
		free(cases[i].title);
	}
	for (size_t i = 0; i < nfiles; i++) {
		free(files[i].name);
		free(files[i].error);
	}
	free(cases);
	free(files);
	free(tests);
	free(dir);
	return failed;
}
