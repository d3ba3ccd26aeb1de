/* render_check_rules.c — the checklist itself (pm_check_rule_at()), without a
 * model: a text list, the Markdown rule reference of docs/check.md (one
 * anchor per id, which SARIF helpUri points at), or JSON. */
#include "json.h"
#include "premarket/check.h"

#include <ctype.h>
#include <string.h>

static const char *flags_text(unsigned flags)
{
	if ((flags & PM_CHECK_F_STATUTORY) && (flags & PM_CHECK_F_IDE_HELPFUL))
		return "required only for cyber devices (otherwise recommended; advisory for an IDE)";
	if (flags & PM_CHECK_F_STATUTORY)
		return "required only for cyber devices (otherwise, and for an IDE, recommended)";
	if (flags & PM_CHECK_F_IDE_HELPFUL)
		return "advisory for an IDE";
	return NULL;
}

static void md_rule(pm_buf *b, const pm_check_rule *r)
{
	pm_buf_puts(b, "<a id=\"");
	for (const char *p = r->id; *p; p++)
		pm_buf_putc(b, tolower((unsigned char)*p));
	pm_buf_printf(b, "\"></a>\n\n#### %s: %s\n\n", r->id, r->title);
	const char *f = flags_text(r->flags);
	pm_buf_printf(b,
	              "- **Basis:** %s\n- **Weight:** %s (%s)%s%s\n- **Looks at:** %s\n- **How to satisfy it:** %s\n\n",
	              r->basis, pm_check_weight_name(r->weight), pm_check_level_name(r->weight), f ? "; " : "",
	              f ? f : "", r->looks_at, r->fix);
}

int pm_check_render_rules(pm_check_format fmt, const pm_check_render_options *opt, pm_buf *out, pm_diags *d)
{
	(void)opt;
	size_t before = out->len, n = pm_check_rule_count();
	switch (fmt) {
	case PM_CHECK_TEXT:
		for (size_t i = 0; i < n; i++) {
			const pm_check_rule *r = pm_check_rule_at(i);
			pm_buf_printf(out, "%-7s %-11s %s\n", r->id, pm_check_weight_name(r->weight), r->title);
		}
		break;
	case PM_CHECK_MD: {
		const char *area = NULL;
		for (size_t i = 0; i < n; i++) {
			const pm_check_rule *r = pm_check_rule_at(i);
			if (!area || strcmp(area, r->area) != 0) {
				area = r->area;
				pm_buf_printf(out, "### %s\n\n", area);
			}
			md_rule(out, r);
		}
		break;
	}
	case PM_CHECK_JSON:
		pm_buf_puts(out, "[");
		for (size_t i = 0; i < n; i++) {
			const pm_check_rule *r = pm_check_rule_at(i);
			pm_buf_puts(out, i ? ",\n  {\"id\": " : "\n  {\"id\": ");
			pm_json_str(out, r->id);
			pm_buf_puts(out, ", \"title\": ");
			pm_json_str(out, r->title);
			pm_buf_puts(out, ", \"area\": ");
			pm_json_str(out, r->area);
			pm_buf_puts(out, ", \"basis\": ");
			pm_json_str(out, r->basis);
			pm_buf_printf(
			        out, ", \"weight\": \"%s\", \"statutory\": %s, \"ide_helpful\": %s, \"looks_at\": ",
			        pm_check_weight_name(r->weight), (r->flags & PM_CHECK_F_STATUTORY) ? "true" : "false",
			        (r->flags & PM_CHECK_F_IDE_HELPFUL) ? "true" : "false");
			pm_json_str(out, r->looks_at);
			pm_buf_puts(out, ", \"fix\": ");
			pm_json_str(out, r->fix);
			pm_buf_putc(out, '}');
		}
		pm_buf_puts(out, "\n]\n");
		break;
	default:
		return pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0,
		                   "the checklist renders as text, md or json only");
	}
	return pm_buf_done(out, before, "the checklist", d);
}
