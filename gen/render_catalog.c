/* render_catalog.c — the threat rule catalog for people: `premarket threats
 * --list` (text, JSON, or the Markdown catalog of docs/threats.md) and the
 * reference of the condition language, printed from the vocabulary table
 * of gen/rule_attr.c so that the documentation cannot drift from the
 * parser.
 */
#include "premarket/threats.h"

#include "json.h"
#include "rule_cond.h"

#include <string.h>

static const char stride_letter[] = "STRIDE";

/* The STRIDE letters of e, in STRIDE order, padded to width. */
static void put_letters(pm_buf *b, const pm_enums *e, int width)
{
	int n = 0;
	for (int k = 0; k < PM_N_STRIDE; k++)
		for (size_t i = 0; i < e->n; i++)
			if (e->v[i] == k) {
				pm_buf_putc(b, stride_letter[k]);
				n++;
			}
	for (; n < width; n++)
		pm_buf_putc(b, ' ');
}

static void put_strs(pm_buf *b, const pm_strs *l, const char *sep, const char *none)
{
	if (!l->n)
		pm_buf_puts(b, none);
	for (size_t i = 0; i < l->n; i++)
		pm_buf_printf(b, "%s%s", i ? sep : "", l->v[i].s);
}

static void put_names(pm_buf *b, const pm_enums *e, const char *const *names, const char *sep)
{
	for (size_t i = 0; i < e->n; i++)
		pm_buf_printf(b, "%s%s", i ? sep : "", names[e->v[i]]);
}

/* ---- text ------------------------------------------------------------------------------------ */

static void render_text(const pm_catalog *c, pm_buf *b)
{
	for (size_t i = 0; i < c->n_rules; i++) {
		const pm_rule *r = c->rules[i];
		pm_buf_printf(b, "%-8s ", r->id.s);
		put_letters(b, &r->stride, 6);
		pm_buf_putc(b, ' ');
		put_strs(b, &r->capec, ",", "-");
		pm_buf_putc(b, ' ');
		put_strs(b, &r->cwe, ",", "-");
		pm_buf_printf(b, "  %s\n", r->title.s);
	}
}

/* ---- json ------------------------------------------------------------------------------------ */

static void json_strs(pm_buf *b, const pm_strs *l)
{
	pm_buf_putc(b, '[');
	for (size_t i = 0; i < l->n; i++) {
		pm_buf_puts(b, i ? ", " : "");
		pm_json_str(b, l->v[i].s);
	}
	pm_buf_putc(b, ']');
}

static void json_enums(pm_buf *b, const pm_enums *e, const char *const *names)
{
	pm_buf_putc(b, '[');
	for (size_t i = 0; i < e->n; i++) {
		pm_buf_puts(b, i ? ", " : "");
		pm_json_str(b, names[e->v[i]]);
	}
	pm_buf_putc(b, ']');
}

static void render_json(const pm_catalog *c, pm_buf *b)
{
	pm_buf_puts(b, "[");
	for (size_t i = 0; i < c->n_rules; i++) {
		const pm_rule *r = c->rules[i];
		pm_buf_puts(b, i ? ",\n  {\"id\": " : "\n  {\"id\": ");
		pm_json_str(b, r->id.s);
		pm_buf_puts(b, ", \"family\": ");
		pm_json_str(b, c->families[r->family].family.s);
		pm_buf_puts(b, ", \"applies_to\": ");
		pm_json_str(b, pm_enum_names_rule_target[r->applies_to.v]);
		pm_buf_puts(b, ", \"title\": ");
		pm_json_str(b, r->title.s);
		pm_buf_puts(b, ",\n   \"stride\": ");
		json_enums(b, &r->stride, pm_enum_names_stride);
		pm_buf_puts(b, ", \"capec\": ");
		json_strs(b, &r->capec);
		pm_buf_puts(b, ", \"cwe\": ");
		json_strs(b, &r->cwe);
		pm_buf_puts(b, ", \"categories\": ");
		json_enums(b, &r->categories, pm_enum_names_category);
		pm_buf_puts(b, ", \"cvss\": ");
		pm_json_str(b, r->cvss.s);
		pm_buf_puts(b, ", \"cvss_v4\": ");
		if (r->cvss_v4.s)
			pm_json_str(b, r->cvss_v4.s);
		else
			pm_buf_puts(b, "null");
		pm_buf_puts(b, ",\n   \"condition\": ");
		pm_json_str(b, r->condition.s);
		pm_buf_puts(b, "}");
	}
	pm_buf_puts(b, c->n_rules ? "\n]\n" : "]\n");
}

/* ---- markdown --------------------------------------------------------------------------------- */

/* Text for a table cell: one line, '|' escaped. */
static void cell(pm_buf *b, const char *s)
{
	int space = 0;
	for (; s && *s; s++) {
		if (*s == '\n' || *s == ' ' || *s == '\t') {
			space = 1;
			continue;
		}
		if (space)
			pm_buf_putc(b, ' ');
		space = 0;
		if (*s == '|')
			pm_buf_putc(b, '\\');
		pm_buf_putc(b, *s);
	}
}

static void render_md(const pm_catalog *c, pm_buf *b)
{
	pm_buf_printf(b,
	              "%zu rules in %zu families.  STRIDE: **S**poofing, **T**ampering, **R**epudiation, "
	              "**I**nformation disclosure, **D**enial of service, **E**levation of privilege.\n",
	              c->n_rules, c->n_families);
	for (size_t f = 0; f < c->n_families; f++) {
		const pm_rule_family *fam = &c->families[f];
		pm_buf_printf(b, "\n### %s\n\n", fam->title.s);
		if (fam->description.s) {
			cell(b, fam->description.s);
			pm_buf_puts(b, "\n\n");
		}
		pm_buf_puts(b, "| Rule | Applies to | STRIDE | CAPEC | CWE | FDA categories | Title | Condition |\n"
		               "|---|---|---|---|---|---|---|---|\n");
		for (size_t i = 0; i < fam->rules.n; i++) {
			const pm_rule *r = &fam->rules.v[i];
			pm_buf_printf(b, "| %s | %s | ", r->id.s, pm_enum_names_rule_target[r->applies_to.v]);
			put_letters(b, &r->stride, 0);
			pm_buf_puts(b, " | ");
			put_strs(b, &r->capec, ", ", "none fits");
			pm_buf_puts(b, " | ");
			put_strs(b, &r->cwe, ", ", "");
			pm_buf_puts(b, " | ");
			put_names(b, &r->categories, pm_enum_names_category, ", ");
			pm_buf_puts(b, " | ");
			cell(b, r->title.s);
			pm_buf_puts(b, " | `");
			cell(b, r->condition.s);
			pm_buf_puts(b, "` |\n");
		}
	}
}

int pm_render_catalog(const pm_catalog *c, pm_threats_format fmt, pm_buf *out, pm_diags *d)
{
	size_t mark = out->len;
	if (fmt == PM_THREATS_JSON)
		render_json(c, out);
	else if (fmt == PM_THREATS_MD)
		render_md(c, out);
	else
		render_text(c, out);
	return pm_buf_done(out, mark, "the rule catalog", d);
}

/* ---- the condition language ----------------------------------------------------------------------- */

static void attr_type(pm_buf *b, const rc_attr *a)
{
	switch (a->type) {
	case RC_BOOL:
		pm_buf_puts(b, "true or false");
		return;
	case RC_TEXT:
		pm_buf_puts(b, "text");
		return;
	case RC_NUM:
		pm_buf_puts(b, "number");
		return;
	default:
		pm_buf_puts(b, a->type == RC_ORD ? "ordered: " : "one of: ");
		for (size_t i = 0; a->values[i]; i++)
			pm_buf_printf(b, "%s`%s`", i ? (a->type == RC_ORD ? " < " : ", ") : "", a->values[i]);
	}
}

int pm_render_rule_language(pm_buf *out, pm_diags *d)
{
	size_t mark = out->len;
	for (int e = 0; e < RC_N_ELEM; e++) {
		const rc_elem_def *def = &rc_elems[e];
		pm_buf_printf(out, "\n### %s\n\n", def->name);
		if (e == RC_VULN || e == RC_CONTROL)
			pm_buf_printf(out,
			              "Reached through `any`, `all` or `no` only; no rule applies to %s directly.\n\n",
			              def->plural);
		pm_buf_puts(out, "| Attribute | Value | Reads |\n|---|---|---|\n");
		for (size_t i = 0; i < def->n_attrs; i++) {
			pm_buf_printf(out, "| `%s` | ", def->attrs[i].name);
			attr_type(out, &def->attrs[i]);
			pm_buf_puts(out, " | ");
			cell(out, def->attrs[i].doc);
			pm_buf_puts(out, " |\n");
		}
		if (!def->n_rels)
			continue;
		pm_buf_puts(out, "\n| Neighbour | Use | Is |\n|---|---|---|\n");
		for (size_t i = 0; i < def->n_rels; i++) {
			const rc_rel *r = &def->rels[i];
			pm_buf_printf(out, "| `%s` | %s | ", r->name,
			              r->many ? "`any`/`all`/`no` over them" : "a path step, `.`");
			cell(out, r->doc);
			pm_buf_printf(out, " (%s %s) |\n", r->many ? "several" : "one",
			              r->many ? rc_elems[r->to].plural : rc_elems[r->to].name);
		}
	}
	return pm_buf_done(out, mark, "the condition language reference", d);
}
