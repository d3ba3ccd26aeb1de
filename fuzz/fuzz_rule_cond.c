/* fuzz_rule_cond.c — the threat-rule condition and placeholder parser
 * (gen/rule_cond.c): the first byte picks the element kind, the rest is
 * parsed as a condition and as a template; a condition that parses is
 * evaluated and explained on every element of a small model (the
 * insulin-pump example under $PREMARKET_DATADIR, when it loads). */
#include "fuzz.h"
#include "premarket/load.h"
#include "rule_cond.h"

#include <stdio.h>

static pm_model *model;
static rc_graph graph;
static int have_graph = -1;

static void locate(const void *ud, size_t offset, unsigned *line, unsigned *col)
{
	(void)ud;
	*line = 1;
	*col = (unsigned)offset + 1;
}

static void load_model(void)
{
	have_graph = 0;
	const char *dir = getenv("PREMARKET_DATADIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/examples/insulin-pump.yaml", dir ? dir : ".");
	const char *p = path;
	pm_diags d;
	pm_diags_init(&d);
	if (pm_model_load(&p, 1, NULL, &model, &d) == 0) {
		rc_graph_build(&graph, model);
		have_graph = 1;
	}
	pm_diags_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 4096)
		return 0;
	if (have_graph < 0)
		load_model();
	rc_elem el = (rc_elem)(data[0] % (RC_DEVICE + 1));
	char *text = fuzz_cstr(data + 1, size - 1);
	rc_source src = {"rule.yaml", locate, NULL};
	pm_arena *a = pm_arena_new();
	pm_diags d;
	pm_diags_init(&d);
	const rc_node *n = NULL;
	if (rc_parse(text, el, &src, a, &n, &d) == 0 && have_graph == 1) {
		size_t count = graph.n[el] < 64 ? graph.n[el] : 64;
		pm_buf out;
		pm_buf_init(&out, 1 << 20);
		for (size_t i = 0; i < count; i++)
			if (rc_eval(n, &graph, (int32_t)i))
				rc_explain(n, text, &graph, (int32_t)i, &out);
		pm_buf_free(&out);
	}
	const rc_template *t = NULL;
	if (rc_template_parse(text, el, &src, a, &t, &d) == 0 && have_graph == 1 && graph.n[el]) {
		pm_buf out;
		pm_buf_init(&out, 1 << 20);
		rc_template_render(t, &graph, 0, &out);
		pm_buf_free(&out);
	}
	pm_diags_free(&d);
	pm_arena_free(a);
	free(text);
	return 0;
}
