/* render_check_json.c — the completeness report as premarket's own JSON
 * (documented in docs/check.md):
 *   {"tool", "version", "files", "device", "device_version", "date",
 *    "cyber_device", "summary": {...}, "results": [{"id", "title", "area",
 *    "basis", "weight", "status", "message", "location", "findings": [...]}]}
 * one result per rule in table order; a location is {"file","line","column"}
 * or null.  Reads a pm_check_report; computes nothing. */
#include "json.h"
#include "premarket/check.h"

static void loc(pm_buf *b, const pm_check_loc *l)
{
	if (!l->file) {
		pm_buf_puts(b, "null");
		return;
	}
	pm_buf_puts(b, "{\"file\": ");
	pm_json_str(b, l->file);
	pm_buf_printf(b, ", \"line\": %u, \"column\": %u}", (unsigned)l->line, (unsigned)l->col);
}

int pm_check_render_json(const pm_check_report *r, const pm_check_render_options *opt, pm_buf *out, pm_diags *d)
{
	size_t before = out->len;
	pm_buf_puts(out, "{\n  \"tool\": \"premarket\",\n  \"version\": ");
	pm_json_str(out, opt ? opt->tool_version : NULL);
	pm_buf_puts(out, ",\n  \"files\": [");
	for (size_t i = 0; i < r->n_model_files; i++) {
		if (i)
			pm_buf_puts(out, ", ");
		pm_json_str(out, r->files[i]);
	}
	pm_buf_puts(out, "],\n  \"device\": ");
	pm_json_str(out, r->device_name);
	pm_buf_puts(out, ",\n  \"device_version\": ");
	pm_json_str(out, r->device_version);
	pm_buf_puts(out, ",\n  \"date\": ");
	pm_json_str(out, r->date[0] ? r->date : NULL);
	pm_buf_printf(out, ",\n  \"cyber_device\": %s,\n  \"ide\": %s,\n", r->cyber_device ? "true" : "false",
	              r->ide ? "true" : "false");
	pm_buf_printf(out,
	              "  \"summary\": {\"checks\": %zu, \"passed\": %zu, \"not_applicable\": %zu, "
	              "\"failed\": {\"required\": %zu, \"recommended\": %zu, \"advisory\": %zu}, "
	              "\"gaps\": {\"required\": %zu, \"recommended\": %zu, \"advisory\": %zu}},\n",
	              r->n, r->passed, r->not_applicable, r->failed[0], r->failed[1], r->failed[2], r->findings[0],
	              r->findings[1], r->findings[2]);
	pm_buf_puts(out, "  \"results\": [");
	for (size_t i = 0; i < r->n; i++) {
		const pm_check_result *x = &r->v[i];
		pm_buf_puts(out, i ? ",\n    {" : "\n    {");
		pm_buf_puts(out, "\"id\": ");
		pm_json_str(out, x->id);
		pm_buf_puts(out, ", \"title\": ");
		pm_json_str(out, x->title);
		pm_buf_puts(out, ", \"area\": ");
		pm_json_str(out, x->rule->area);
		pm_buf_puts(out, ", \"basis\": ");
		pm_json_str(out, x->basis);
		pm_buf_printf(
		        out, ", \"weight\": \"%s\", \"status\": \"%s\", \"message\": ", pm_check_weight_name(x->weight),
		        x->status == PM_CHECK_NA ? "not_applicable" : pm_check_status_name(x->status));
		pm_json_str(out, x->message);
		pm_buf_puts(out, ", \"location\": ");
		loc(out, &x->loc);
		pm_buf_puts(out, ", \"findings\": [");
		for (size_t k = 0; k < x->n_findings; k++) {
			pm_buf_puts(out, k ? ",\n      {\"message\": " : "\n      {\"message\": ");
			pm_json_str(out, x->findings[k].message);
			pm_buf_puts(out, ", \"location\": ");
			loc(out, &x->findings[k].loc);
			pm_buf_putc(out, '}');
		}
		pm_buf_puts(out, x->n_findings ? "\n    ]}" : "]}");
	}
	pm_buf_puts(out, "\n  ]\n}\n");
	return pm_buf_done(out, before, "the check report", d);
}
