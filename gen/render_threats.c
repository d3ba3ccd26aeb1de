/* render_threats.c — the matches of the threat rule catalog
 * (m->identified, include/premarket/threats.h) as text, YAML or JSON, for
 * `premarket threats`.  Prints what gen/threats.c stored; computes nothing.
 *
 * text  each match: rule, element, title; STRIDE, CAPEC, CWE; why it
 *       matched; the threat to paste (open) or its disposition (--all);
 *       then the counts.
 * yaml  the suggested threats as a model file with only `threats:`: add it
 *       to the model with `include:`, or paste its items.
 * json  an array of objects: rule, element, kind, state, title, stride,
 *       capec, cwe, categories, cvss, why, threat, rationale, id, yaml.
 */
#include "premarket/threats.h"

#include "json.h"

#include <string.h>

static const char *kind_name(pm_kind k)
{
	return k == PM_K_NONE ? "device" : pm_kind_name(k);
}

static void put_enums(pm_buf *b, const int *v, size_t n, const char *const *names, int json)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			pm_buf_puts(b, ", ");
		if (json)
			pm_json_str(b, names[v[i]]);
		else
			for (const char *s = names[v[i]]; *s; s++)
				pm_buf_putc(b, *s == '_' ? ' ' : *s);
	}
}

/* "CAPEC-94, CAPEC-157" as a JSON array. */
static void put_id_list(pm_buf *b, const char *list)
{
	pm_buf_putc(b, '[');
	int first = 1;
	for (const char *p = list; p && *p;) {
		const char *e = strstr(p, ", ");
		size_t n = e ? (size_t)(e - p) : strlen(p);
		pm_buf_printf(b, "%s\"%.*s\"", first ? "" : ", ", (int)n, p);
		first = 0;
		p = e ? e + 2 : p + n;
	}
	pm_buf_putc(b, ']');
}

static const char *state_name(pm_match_state s)
{
	return s == PM_MATCH_OPEN ? "open" : s == PM_MATCH_MODELLED ? "modelled" : "dismissed";
}

static const char *rationale_of(const pm_model *m, const pm_match *mt)
{
	return mt->disposition >= 0 ? m->rule_dispositions.v[mt->disposition].rationale.s : NULL;
}

/* ---- text --------------------------------------------------------------------------------------- */

static void indent_block(pm_buf *b, const char *text, const char *pad)
{
	const char *p = text;
	while (p && *p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) + 1 : strlen(p);
		pm_buf_puts(b, pad);
		pm_buf_put(b, p, n);
		p += n;
	}
}

static void text_match(pm_buf *b, const pm_model *m, const pm_identified *id, const pm_match *mt)
{
	const pm_rule_info *r = &id->rules[mt->rule];
	if (mt->kind == PM_K_NONE)
		pm_buf_printf(b, "%s  device  %s\n", r->id, mt->title);
	else
		pm_buf_printf(b, "%s  %s %s  %s\n", r->id, kind_name(mt->kind), mt->element, mt->title);
	pm_buf_puts(b, "  STRIDE: ");
	put_enums(b, r->stride, r->n_stride, pm_enum_names_stride, 0);
	pm_buf_printf(b, "%s%s%s%s\n", *r->capec ? "; " : "", r->capec, *r->cwe ? "; " : "", r->cwe);
	pm_buf_printf(b, "  why: %s\n", mt->why);
	if (mt->state == PM_MATCH_MODELLED)
		pm_buf_printf(b, "  modelled by threat %s\n", m->threats.v[mt->threat].id.s);
	else if (mt->state == PM_MATCH_DISMISSED)
		pm_buf_printf(b, "  dismissed: %s\n", rationale_of(m, mt));
	else if (mt->yaml) {
		pm_buf_puts(b, "  suggested threat (paste under threats:):\n");
		indent_block(b, mt->yaml, "  ");
	}
	pm_buf_putc(b, '\n');
}

static void render_text(const pm_model *m, const pm_identified *id, int all, pm_buf *b)
{
	pm_buf_printf(b, "Threat rules: %s\n\n", id->catalog);
	for (size_t i = 0; i < id->n; i++)
		if (all || id->v[i].state == PM_MATCH_OPEN)
			text_match(b, m, id, &id->v[i]);
	pm_buf_printf(b, "%zu match%s: %zu open, %zu modelled, %zu dismissed; %zu rules ran", id->n,
	              id->n == 1 ? "" : "es", id->n_open, id->n_modelled, id->n_dismissed, id->n_rules);
	if (id->n_skipped)
		pm_buf_printf(b, ", %zu left out", id->n_skipped);
	if (id->n_out_of_scope)
		pm_buf_printf(b, "; %zu element%s out of scope", id->n_out_of_scope,
		              id->n_out_of_scope == 1 ? "" : "s");
	pm_buf_puts(b, ".\n");
	if (id->n_open && !all)
		pm_buf_puts(b, "Model each open match (a threat with `rule:`) or dismiss it (rule_dispositions); --all "
		               "lists every match.\n");
}

/* ---- yaml --------------------------------------------------------------------------------------- */

static void render_yaml(const pm_identified *id, pm_buf *b)
{
	pm_buf_printf(b, "# Threats suggested by premarket's threat rules (%s)\n", id->catalog);
	pm_buf_printf(b, "# for the %zu of %zu matches the model neither models nor dismisses.\n", id->n_open, id->n);
	pm_buf_puts(b, "# Add this file to the model with include:, or paste the items under threats:,\n"
	               "# then review each: targets, assets, vector, and the controls that answer it.\n");
	if (!id->n_open) {
		pm_buf_puts(b, "threats: []\n");
		return;
	}
	pm_buf_puts(b, "threats:\n");
	for (size_t i = 0; i < id->n; i++)
		if (id->v[i].state == PM_MATCH_OPEN && id->v[i].yaml)
			pm_buf_puts(b, id->v[i].yaml);
}

/* ---- json --------------------------------------------------------------------------------------- */

static void json_match(pm_buf *b, const pm_model *m, const pm_identified *id, const pm_match *mt)
{
	const pm_rule_info *r = &id->rules[mt->rule];
	pm_buf_puts(b, "  {\"rule\": ");
	pm_json_str(b, r->id);
	pm_buf_puts(b, ", \"element\": ");
	pm_json_str(b, mt->element);
	pm_buf_puts(b, ", \"kind\": ");
	pm_json_str(b, kind_name(mt->kind));
	pm_buf_printf(b, ", \"state\": \"%s\", \"title\": ", state_name(mt->state));
	pm_json_str(b, mt->title);
	pm_buf_puts(b, ",\n   \"stride\": [");
	put_enums(b, r->stride, r->n_stride, pm_enum_names_stride, 1);
	pm_buf_puts(b, "], \"capec\": ");
	put_id_list(b, r->capec);
	pm_buf_puts(b, ", \"cwe\": ");
	put_id_list(b, r->cwe);
	pm_buf_puts(b, ", \"categories\": [");
	put_enums(b, r->categories, r->n_categories, pm_enum_names_category, 1);
	pm_buf_puts(b, "], \"cvss\": ");
	pm_json_str(b, r->cvss);
	pm_buf_puts(b, ",\n   \"why\": ");
	pm_json_str(b, mt->why);
	pm_buf_puts(b, ", \"threat\": ");
	pm_json_str(b, mt->threat >= 0 ? m->threats.v[mt->threat].id.s : NULL);
	pm_buf_puts(b, ", \"rationale\": ");
	pm_json_str(b, rationale_of(m, mt));
	pm_buf_puts(b, ",\n   \"id\": ");
	pm_json_str(b, mt->threat_id);
	pm_buf_puts(b, ", \"yaml\": ");
	pm_json_str(b, mt->yaml);
	pm_buf_puts(b, "}");
}

static void render_json(const pm_model *m, const pm_identified *id, int all, pm_buf *b)
{
	pm_buf_puts(b, "[");
	int first = 1;
	for (size_t i = 0; i < id->n; i++) {
		if (!all && id->v[i].state != PM_MATCH_OPEN)
			continue;
		pm_buf_puts(b, first ? "\n" : ",\n");
		json_match(b, m, id, &id->v[i]);
		first = 0;
	}
	pm_buf_puts(b, first ? "]\n" : "\n]\n");
}

int pm_render_threats(const pm_model *m, pm_threats_format fmt, int all, pm_buf *out, pm_diags *d)
{
	const pm_identified *id = m->identified;
	if (!id)
		return pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0,
		                   "threat identification did not run on this model");
	size_t mark = out->len;
	if (fmt == PM_THREATS_YAML)
		render_yaml(id, out);
	else if (fmt == PM_THREATS_JSON)
		render_json(m, id, all, out);
	else
		render_text(m, id, all, out);
	return pm_buf_done(out, mark, "the list of threats", d);
}
