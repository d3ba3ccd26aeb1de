/* render_check_sarif.c — the completeness report as SARIF 2.1.0 (OASIS Static
 * Analysis Results Interchange Format), for code-scanning dashboards and CI.
 *
 * One run; tool.driver lists every rule of the checklist (id, name,
 * descriptions, help URI docs/check.md#<id>, properties {basis, weight, area},
 * defaultConfiguration.level from the default weight); one result per
 * finding of every failed rule, with the level of the rule's effective weight
 * and the model file (as given) with line and column.  Order: rule table,
 * then model order.  Reads a pm_check_report; computes nothing. */
#include "json.h"
#include "premarket/check.h"

#include <ctype.h>
#include <string.h>

static void indent(pm_buf *b, int n)
{
	pm_buf_putc(b, '\n');
	for (int i = 0; i < n; i++)
		pm_buf_puts(b, "  ");
}

/* "key": "value" on its own line, with a leading comma unless first. */
static void kv_str(pm_buf *b, int n, bool first, const char *key, const char *value)
{
	if (!first)
		pm_buf_putc(b, ',');
	indent(b, n);
	pm_json_str(b, key);
	pm_buf_puts(b, ": ");
	pm_json_str(b, value);
}

/* A path as a URI reference: unreserved characters and "/" kept, the rest
 * percent-encoded (so "examples/lab-analyzer.yaml" is unchanged). */
static void uri_path(pm_buf *b, const char *s)
{
	pm_buf u;
	pm_buf_init(&u, 0);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c) || strchr("-._~/", c))
			pm_buf_putc(&u, c);
		else
			pm_buf_printf(&u, "%%%02X", c);
	}
	pm_json_str(b, u.data ? u.data : "");
	pm_buf_free(&u);
}

/* "Support level and end-of-support date" -> "SupportLevelAndEndOfSupportDate". */
static void rule_name(pm_buf *b, const char *title)
{
	pm_buf n;
	pm_buf_init(&n, 0);
	bool up = true;
	for (const char *p = title; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (isalnum(c)) {
			pm_buf_putc(&n, up ? toupper(c) : c);
			up = false;
		} else {
			up = true;
		}
	}
	pm_json_str(b, n.data ? n.data : "");
	pm_buf_free(&n);
}

static void lower_id(pm_buf *b, const char *id)
{
	for (; *id; id++)
		pm_buf_putc(b, tolower((unsigned char)*id));
}

static void rule(pm_buf *b, const pm_check_rule *r, const char *help_base)
{
	indent(b, 6);
	pm_buf_putc(b, '{');
	kv_str(b, 7, true, "id", r->id);
	pm_buf_putc(b, ',');
	indent(b, 7);
	pm_buf_puts(b, "\"name\": ");
	rule_name(b, r->title);
	pm_buf_putc(b, ',');
	indent(b, 7);
	pm_buf_puts(b, "\"shortDescription\": {\"text\": ");
	pm_json_str(b, r->title);
	pm_buf_puts(b, "},");
	indent(b, 7);
	pm_buf_puts(b, "\"fullDescription\": {\"text\": ");
	pm_json_str(b, r->looks_at);
	pm_buf_puts(b, "},");
	indent(b, 7);
	pm_buf_puts(b, "\"help\": {\"text\": ");
	pm_json_str(b, r->fix);
	pm_buf_puts(b, "},");
	indent(b, 7);
	pm_buf_puts(b, "\"helpUri\": ");
	pm_buf u;
	pm_buf_init(&u, 0);
	pm_buf_printf(&u, "%s#", help_base);
	lower_id(&u, r->id);
	pm_json_str(b, u.data);
	pm_buf_free(&u);
	pm_buf_putc(b, ',');
	indent(b, 7);
	pm_buf_printf(b, "\"defaultConfiguration\": {\"level\": \"%s\"},", pm_check_level_name(r->weight));
	indent(b, 7);
	pm_buf_puts(b, "\"properties\": {\"basis\": ");
	pm_json_str(b, r->basis);
	pm_buf_printf(b, ", \"weight\": \"%s\", \"area\": ", pm_check_weight_name(r->weight));
	pm_json_str(b, r->area);
	pm_buf_putc(b, '}');
	indent(b, 6);
	pm_buf_putc(b, '}');
}

static void result(pm_buf *b, bool first, const pm_check_result *x, size_t rule_index, const pm_check_finding *f)
{
	if (!first)
		pm_buf_putc(b, ',');
	indent(b, 3);
	pm_buf_putc(b, '{');
	kv_str(b, 4, true, "ruleId", x->id);
	pm_buf_putc(b, ',');
	indent(b, 4);
	pm_buf_printf(b, "\"ruleIndex\": %zu,", rule_index);
	indent(b, 4);
	pm_buf_printf(b, "\"level\": \"%s\",", pm_check_level_name(x->weight));
	indent(b, 4);
	pm_buf_puts(b, "\"message\": {\"text\": ");
	pm_json_str(b, f->message);
	pm_buf_putc(b, '}');
	if (f->loc.file) {
		pm_buf_putc(b, ',');
		indent(b, 4);
		pm_buf_puts(b, "\"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
		uri_path(b, f->loc.file);
		pm_buf_printf(b, "}, \"region\": {\"startLine\": %u, \"startColumn\": %u}}}]", (unsigned)f->loc.line,
		              (unsigned)(f->loc.col ? f->loc.col : 1));
	}
	indent(b, 3);
	pm_buf_putc(b, '}');
}

int pm_check_render_sarif(const pm_check_report *r, const pm_check_render_options *opt, pm_buf *out, pm_diags *d)
{
	size_t before = out->len;
	const char *info = opt && opt->information_uri ? opt->information_uri : "docs/check.md";
	const char *help = opt && opt->help_base ? opt->help_base : "docs/check.md";
	pm_buf_puts(out, "{");
	kv_str(out, 1, true, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	kv_str(out, 1, false, "version", "2.1.0");
	pm_buf_puts(out, ",");
	indent(out, 1);
	pm_buf_puts(out, "\"runs\": [");
	indent(out, 2);
	pm_buf_puts(out, "{");
	indent(out, 3);
	pm_buf_puts(out, "\"tool\": {");
	indent(out, 4);
	pm_buf_puts(out, "\"driver\": {");
	kv_str(out, 5, true, "name", "premarket");
	if (opt && opt->tool_version)
		kv_str(out, 5, false, "version", opt->tool_version);
	kv_str(out, 5, false, "informationUri", info);
	pm_buf_puts(out, ",");
	indent(out, 5);
	pm_buf_puts(out, "\"rules\": [");
	/* rules[] holds the whole checklist, in checklist order, so ruleIndex is the checklist index */
	for (size_t i = 0; i < pm_check_rule_count(); i++) {
		if (i)
			pm_buf_putc(out, ',');
		rule(out, pm_check_rule_at(i), help);
	}
	indent(out, 5);
	pm_buf_puts(out, "]");
	indent(out, 4);
	pm_buf_puts(out, "}");
	indent(out, 3);
	pm_buf_puts(out, "},");
	indent(out, 3);
	pm_buf_puts(out, "\"results\": [");
	bool first = true;
	for (size_t i = 0; i < r->n; i++) {
		const pm_check_result *x = &r->v[i];
		if (x->status != PM_CHECK_FAIL)
			continue;
		for (size_t k = 0; k < x->n_findings; k++) {
			result(out, first, x, i, &x->findings[k]); /* result i is rule i's */
			first = false;
		}
	}
	if (!first)
		indent(out, 3);
	pm_buf_puts(out, "],");
	indent(out, 3);
	pm_buf_puts(out, "\"properties\": {");
	kv_str(out, 4, true, "device", r->device_name ? r->device_name : "");
	kv_str(out, 4, false, "deviceVersion", r->device_version ? r->device_version : "");
	kv_str(out, 4, false, "documentationDate", r->date);
	pm_buf_printf(out, ",");
	indent(out, 4);
	pm_buf_printf(out, "\"cyberDevice\": %s", r->cyber_device ? "true" : "false");
	indent(out, 3);
	pm_buf_puts(out, "}");
	indent(out, 2);
	pm_buf_puts(out, "}");
	indent(out, 1);
	pm_buf_puts(out, "]\n}\n");
	return pm_buf_done(out, before, "the check report", d);
}
