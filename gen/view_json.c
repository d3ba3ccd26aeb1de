/* view_json.c — the template data as JSON, for template authors
 * (`premarket data`).  The data is a graph (a threat's controls list the
 * threats they mitigate); an object met inside another object is printed as
 * {"$ref": "<id>"}, so every object appears once, in full, where its list is. */
#include "json.h"
#include "premarket/view.h"

#include <stdio.h>
#include <string.h>

static int is_object(const pm_value *v)
{
	return pm_value_type(v) == PM_VALUE_MAP && pm_value_map_get(v, "defined_at") && pm_value_map_get(v, "id");
}

static void indent(pm_buf *b, int n)
{
	pm_buf_putc(b, '\n');
	for (int i = 0; i < n; i++)
		pm_buf_puts(b, "  ");
}

static void emit(pm_buf *b, const pm_value *v, int depth, int in_object, int owned)
{
	size_t len;
	switch (pm_value_type(v)) {
	case PM_VALUE_NULL:
		pm_buf_puts(b, "null");
		break;
	case PM_VALUE_BOOL:
		pm_buf_puts(b, pm_value_get_bool(v) ? "true" : "false");
		break;
	case PM_VALUE_NUMBER: {
		const char *t = pm_value_text(v, &len);
		pm_buf_put(b, t, len);
		break;
	}
	case PM_VALUE_STRING: {
		const char *s = pm_value_get_string(v, &len);
		pm_buf tmp;
		pm_buf_init(&tmp, 0);
		pm_buf_put(&tmp, s, len);
		pm_json_str(b, tmp.data ? tmp.data : "");
		pm_buf_free(&tmp);
		break;
	}
	case PM_VALUE_LIST: {
		size_t n = pm_value_count(v);
		pm_buf_putc(b, '[');
		for (size_t i = 0; i < n; i++) {
			if (i)
				pm_buf_putc(b, ',');
			indent(b, depth + 1);
			emit(b, pm_value_list_at(v, i), depth + 1, in_object, owned);
		}
		if (n)
			indent(b, depth);
		pm_buf_putc(b, ']');
		break;
	}
	case PM_VALUE_MAP: {
		int obj = is_object(v);
		if (obj && in_object && !owned) {
			pm_buf_puts(b, "{\"$ref\": ");
			emit(b, pm_value_map_get(v, "id"), depth, 1, 0);
			pm_buf_putc(b, '}');
			break;
		}
		size_t n = pm_value_count(v);
		pm_buf_putc(b, '{');
		for (size_t i = 0; i < n; i++) {
			size_t kl;
			const char *k = pm_value_map_key_at(v, i, &kl);
			if (i)
				pm_buf_putc(b, ',');
			indent(b, depth + 1);
			pm_buf tmp;
			pm_buf_init(&tmp, 0);
			pm_buf_put(&tmp, k, kl);
			pm_json_str(b, tmp.data ? tmp.data : "");
			pm_buf_free(&tmp);
			pm_buf_puts(b, ": ");
			/* interfaces and findings are owned by their component / test: print them there */
			int own = obj && ((kl == 10 && memcmp(k, "interfaces", 10) == 0) ||
			                  (kl == 8 && memcmp(k, "findings", 8) == 0));
			emit(b, pm_value_map_value_at(v, i), depth + 1, in_object || obj, own);
		}
		if (n)
			indent(b, depth);
		pm_buf_putc(b, '}');
		break;
	}
	}
}

int pm_view_json(const pm_value *root, pm_buf *out, pm_diags *d)
{
	size_t mark = out->len;
	emit(out, root, 0, 0, 0);
	pm_buf_putc(out, '\n');
	return pm_buf_done(out, mark, "the template data", d);
}
