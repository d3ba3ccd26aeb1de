/* fuzz_mustache.c — the Mustache engine: compile the input, then render it
 * over a small data tree, with every partial and parent being the input
 * itself (recursion is capped by the engine) and with a capped output. */
#include "fuzz.h"
#include "premarket/mustache.h"
#include "premarket/value.h"

static int load_self(void *ud, const char *name, pm_buf *src, const char **file, pm_diags *d)
{
	(void)d;
	const pm_buf *in = ud;
	if (strcmp(name, "missing") == 0)
		return 1;
	*file = "partial.mustache";
	return pm_buf_put(src, in->data, in->len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return 0;
	pm_diags d;
	pm_diags_init(&d);
	pm_mustache_template *t = NULL;
	if (pm_mustache_compile("fuzz.mustache", (const char *)data, size, &t, &d) == 0) {
		pm_value_arena *a = pm_value_arena_new();
		pm_value *root = pm_value_map(a), *list = pm_value_list(a), *sub = pm_value_map(a);
		for (int i = 0; i < 3; i++)
			pm_value_list_append(list, pm_value_number(a, i));
		pm_value_map_set(sub, "a", pm_value_cstr(a, "<b>&\"'"));
		pm_value_map_set(sub, "list", list);
		pm_value_map_set(root, "name", pm_value_cstr(a, "x"));
		pm_value_map_set(root, "list", list);
		pm_value_map_set(root, "map", sub);
		pm_value_map_set(root, "t", pm_value_bool(a, 1));
		pm_value_map_set(root, "f", pm_value_bool(a, 0));
		pm_value_map_set(root, "nil", NULL);
		pm_buf in = {0};
		pm_buf_init(&in, 0);
		pm_buf_put(&in, data, size);
		for (unsigned strict = 0; strict < 2; strict++) {
			pm_mustache_opts o = {
			        .load = load_self, .load_ud = &in, .flags = strict ? PM_MUSTACHE_STRICT : 0};
			if (strict)
				o.escape = pm_mustache_escape_markdown;
			pm_mustache_env *env = pm_mustache_env_new(&o);
			pm_buf out;
			pm_buf_init(&out, 1 << 20);
			pm_mustache_render(env, t, root, &out, &d);
			pm_buf_free(&out);
			pm_mustache_env_free(env);
		}
		pm_buf_free(&in);
		pm_value_arena_free(a);
		pm_mustache_free(t);
	}
	pm_diags_free(&d);
	return 0;
}
