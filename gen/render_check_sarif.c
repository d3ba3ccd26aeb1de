/* render_check_sarif.c — the completeness report as SARIF 2.1.0 (OASIS Static
 * Analysis Results Interchange Format), for code-scanning dashboards and CI.
 *
 * One run.  tool.driver lists every rule of the checklist (id, a PascalCase
 * name, descriptions, an absolute help URI <doc_base>check.md#<id>,
 * properties {basis, weight, area}, defaultConfiguration.level from the
 * default weight), then the rule LOAD (the model loads); invocations[0]
 * says whether the check ran; originalUriBaseIds gives %SRCROOT%; one result
 * per finding of every failed rule, with the level of the rule's effective
 * weight and the model file as a URI relative to %SRCROOT% (an absolute
 * file: URI when it lies outside) with line and column.  Order: rule table,
 * then model order.  A model that did not load gets the same log with its
 * diagnostics as results of LOAD (pm_check_render_sarif_load()).  Reads a
 * pm_check_report or a pm_diags; computes nothing, reads no file. */
#include "json.h"
#include "premarket/check.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Where the docs are installed (Makefile: $(PREFIX)/share/doc/premarket). */
#ifndef PM_DOCDIR_DEFAULT
#define PM_DOCDIR_DEFAULT "/usr/local/share/doc/premarket"
#endif

/* The base id of the source root, as GitHub's documentation spells it. */
#define SRCROOT "%SRCROOT%"

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

/* A path as URI characters: unreserved characters and "/" kept, the rest
 * percent-encoded (so "examples/lab-analyzer.yaml" is unchanged). */
static void uri_chars(pm_buf *u, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c) || strchr("-._~/", c))
			pm_buf_putc(u, c);
		else
			pm_buf_printf(u, "%%%02X", c);
	}
}

/* The normal form of a path: "." and empty segments dropped, ".." taking
 * off the segment before it (lexically; a leading ".." of a relative path
 * stays, an absolute path never goes above "/").  "" for ".". */
static char *normalise(const char *path)
{
	size_t n = strlen(path);
	char *out = malloc(n + 2);
	if (!out)
		abort();
	bool abs = path[0] == '/';
	size_t len = 0, floor = 0; /* out[0..floor) is the part ".." cannot remove */
	if (abs)
		out[len++] = '/', floor = 1;
	const char *p = path;
	while (*p) {
		while (*p == '/')
			p++;
		const char *e = p;
		while (*e && *e != '/')
			e++;
		size_t k = (size_t)(e - p);
		if (k == 0 || (k == 1 && p[0] == '.')) {
			/* nothing */
		} else if (k == 2 && p[0] == '.' && p[1] == '.' && len > floor) {
			while (len > floor && out[len - 1] != '/')
				len--;
			if (len > floor)
				len--; /* the slash before the removed segment */
		} else if (k == 2 && p[0] == '.' && p[1] == '.' && abs) {
			/* "/.." is "/" */
		} else {
			if (len > 0 && out[len - 1] != '/')
				out[len++] = '/';
			memcpy(out + len, p, k);
			len += k;
			if (k == 2 && p[0] == '.' && p[1] == '.')
				floor = len; /* a relative path going up stays up */
		}
		p = e;
	}
	out[len] = '\0';
	return out;
}

/* A file name of a diagnostic as an artifactLocation's members: relative to
 * %SRCROOT% when it lies under the source root (a relative name being
 * relative to the working directory), else an absolute file: URI; without
 * a root, a relative name as it is, relative to %SRCROOT%. */
static void artifact(pm_buf *b, const char *file, const pm_check_render_options *opt)
{
	const char *root = opt ? opt->src_root : NULL;
	char cwd_buf[PATH_MAX];
	const char *cwd = root ? getcwd(cwd_buf, sizeof cwd_buf) : NULL;
	char *path;
	if (file[0] != '/' && cwd) {
		size_t n = strlen(cwd) + strlen(file) + 2;
		char *joined = malloc(n);
		if (!joined)
			abort();
		snprintf(joined, n, "%s/%s", cwd, file);
		path = normalise(joined);
		free(joined);
	} else {
		path = normalise(file);
	}
	const char *rel = NULL;
	if (path[0] != '/') {
		rel = path;
	} else if (root) {
		char *r = normalise(root);
		size_t k = strlen(r);
		if (k == 1) /* the root is "/" */
			rel = path + 1;
		else if (strncmp(path, r, k) == 0 && path[k] == '/')
			rel = path + k + 1;
		free(r);
	}
	pm_buf u;
	pm_buf_init(&u, 0);
	if (!rel)
		pm_buf_puts(&u, "file://");
	uri_chars(&u, rel ? rel : path);
	pm_buf_puts(b, "\"uri\": ");
	pm_json_str(b, u.data ? u.data : "");
	if (rel)
		pm_buf_puts(b, ", \"uriBaseId\": \"" SRCROOT "\"");
	pm_buf_free(&u);
	free(path);
}

/* "Support level and end-of-support date" -> "SupportLevelAndEndOfSupportDate":
 * each word capitalised and the rest of it in lower case; a word that starts
 * with a digit or has one letter joins the word before it and the article
 * "a" is left out, so that every part is an upper-case letter followed by
 * lower-case letters and digits ("IDE" -> "Ide", "in the 524B(b)(1) plan" -> "InThe524bb1Plan"),
 * the Pascal-case form SARIF validators expect of a rule's friendly name. */
static void rule_name(pm_buf *b, const char *title)
{
	pm_buf n;
	pm_buf_init(&n, 0);
	const char *p = title;
	while (*p) {
		while (*p && !isalnum((unsigned char)*p))
			p++;
		const char *e = p;
		while (isalnum((unsigned char)*e))
			e++;
		if (e == p)
			break;
		if (e - p == 1 && tolower((unsigned char)*p) == 'a' && n.len > 0) { /* the article */
			p = e;
			continue;
		}
		bool joins = n.len > 0 && (isdigit((unsigned char)*p) || e - p == 1);
		for (const char *q = p; q < e; q++) {
			unsigned char c = (unsigned char)*q;
			pm_buf_putc(&n, q == p && !joins ? toupper(c) : tolower(c));
		}
		p = e;
	}
	if (n.len && !isupper((unsigned char)n.data[0])) { /* a title starting with a digit */
		pm_buf r;
		pm_buf_init(&r, 0);
		pm_buf_printf(&r, "Rule%s", n.data);
		pm_json_str(b, r.data);
		pm_buf_free(&r);
	} else {
		pm_json_str(b, n.data ? n.data : "");
	}
	pm_buf_free(&n);
}

/* The docs folder URI, ending in "/". */
static void doc_base(pm_buf *u, const pm_check_render_options *opt)
{
	if (opt && opt->doc_base) {
		pm_buf_puts(u, opt->doc_base);
		if (!u->len || u->data[u->len - 1] != '/')
			pm_buf_putc(u, '/');
		return;
	}
	pm_buf_puts(u, "file://");
	uri_chars(u, PM_DOCDIR_DEFAULT);
	pm_buf_putc(u, '/');
}

/* "helpUri": "<doc_base>check.md#<id in lower case>" */
static void help_uri(pm_buf *b, const pm_check_render_options *opt, const char *id)
{
	pm_buf u;
	pm_buf_init(&u, 0);
	doc_base(&u, opt);
	pm_buf_puts(&u, "check.md#");
	for (; *id; id++)
		pm_buf_putc(&u, tolower((unsigned char)*id));
	pm_buf_puts(b, "\"helpUri\": ");
	pm_json_str(b, u.data);
	pm_buf_free(&u);
}

/* One reportingDescriptor; basis NULL leaves the properties out. */
static void rule(pm_buf *b, const pm_check_render_options *opt, const char *id, const char *title, const char *looks_at,
                 const char *fix, pm_check_weight weight, const char *basis, const char *area)
{
	indent(b, 6);
	pm_buf_putc(b, '{');
	kv_str(b, 7, true, "id", id);
	pm_buf_putc(b, ',');
	indent(b, 7);
	pm_buf_puts(b, "\"name\": ");
	rule_name(b, title);
	pm_buf_putc(b, ',');
	indent(b, 7);
	pm_buf_puts(b, "\"shortDescription\": {\"text\": ");
	pm_json_str(b, title);
	pm_buf_puts(b, "},");
	indent(b, 7);
	pm_buf_puts(b, "\"fullDescription\": {\"text\": ");
	pm_json_str(b, looks_at);
	pm_buf_puts(b, "},");
	indent(b, 7);
	pm_buf_puts(b, "\"help\": {\"text\": ");
	pm_json_str(b, fix);
	pm_buf_puts(b, "},");
	indent(b, 7);
	help_uri(b, opt, id);
	pm_buf_putc(b, ',');
	indent(b, 7);
	pm_buf_printf(b, "\"defaultConfiguration\": {\"level\": \"%s\"}", pm_check_level_name(weight));
	if (basis) {
		pm_buf_putc(b, ',');
		indent(b, 7);
		pm_buf_puts(b, "\"properties\": {\"basis\": ");
		pm_json_str(b, basis);
		pm_buf_printf(b, ", \"weight\": \"%s\", \"area\": ", pm_check_weight_name(weight));
		pm_json_str(b, area);
		pm_buf_putc(b, '}');
	}
	indent(b, 6);
	pm_buf_putc(b, '}');
}

/* The rule of a model that does not load, after the checklist. */
#define LOAD_ID "LOAD"

/* {"$schema", "version", "runs": [{"tool": ..., "invocations": ...,
 * "originalUriBaseIds": ..., "columnKind": ..., then "results": [ */
static void log_begin(pm_buf *out, const pm_check_render_options *opt, bool ran)
{
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
	pm_buf u;
	pm_buf_init(&u, 0);
	doc_base(&u, opt);
	pm_buf_puts(&u, "check.md");
	kv_str(out, 5, false, "informationUri", u.data);
	pm_buf_free(&u);
	pm_buf_puts(out, ",");
	indent(out, 5);
	pm_buf_puts(out, "\"rules\": [");
	/* rules[] holds the whole checklist, in checklist order, so ruleIndex is
	 * the checklist index; LOAD comes last */
	for (size_t i = 0; i < pm_check_rule_count(); i++) {
		const pm_check_rule *r = pm_check_rule_at(i);
		rule(out, opt, r->id, r->title, r->looks_at, r->fix, r->weight, r->basis, r->area);
		pm_buf_putc(out, ',');
	}
	rule(out, opt, LOAD_ID, "Model loads",
	     "The model files can be read and hold a valid model: YAML syntax, known keys, types and values, "
	     "resolved references (premarket validate).",
	     "Correct the problem at its location; 'premarket validate MODEL...' lists every problem with a hint.",
	     PM_CHECK_REQUIRED, NULL, NULL);
	indent(out, 5);
	pm_buf_puts(out, "]");
	indent(out, 4);
	pm_buf_puts(out, "}");
	indent(out, 3);
	pm_buf_puts(out, "},");
	indent(out, 3);
	pm_buf_printf(out, "\"invocations\": [{\"executionSuccessful\": %s}],", ran ? "true" : "false");
	if (opt && opt->src_root) {
		pm_buf r;
		pm_buf_init(&r, 0);
		pm_buf_puts(&r, "file://");
		char *root = normalise(opt->src_root);
		uri_chars(&r, root);
		free(root);
		if (r.data[r.len - 1] != '/')
			pm_buf_putc(&r, '/');
		indent(out, 3);
		pm_buf_puts(out, "\"originalUriBaseIds\": {\"" SRCROOT "\": {\"uri\": ");
		pm_json_str(out, r.data);
		pm_buf_puts(out, "}},");
		pm_buf_free(&r);
	}
	indent(out, 3);
	pm_buf_puts(out, "\"columnKind\": \"unicodeCodePoints\",");
	indent(out, 3);
	pm_buf_puts(out, "\"results\": [");
}

/* One result; file NULL: no location; line 0: the whole file. */
static void result(pm_buf *b, const pm_check_render_options *opt, bool first, const char *id, size_t rule_index,
                   const char *level, const char *message, const char *hint, const char *file, unsigned line,
                   unsigned col)
{
	if (!first)
		pm_buf_putc(b, ',');
	indent(b, 3);
	pm_buf_putc(b, '{');
	kv_str(b, 4, true, "ruleId", id);
	pm_buf_putc(b, ',');
	indent(b, 4);
	pm_buf_printf(b, "\"ruleIndex\": %zu,", rule_index);
	indent(b, 4);
	pm_buf_printf(b, "\"level\": \"%s\",", level);
	indent(b, 4);
	pm_buf_puts(b, "\"message\": {\"text\": ");
	if (hint) {
		pm_buf m;
		pm_buf_init(&m, 0);
		pm_buf_printf(&m, "%s (hint: %s)", message, hint);
		pm_json_str(b, m.data);
		pm_buf_free(&m);
	} else {
		pm_json_str(b, message);
	}
	pm_buf_putc(b, '}');
	if (file) {
		pm_buf_putc(b, ',');
		indent(b, 4);
		pm_buf_puts(b, "\"locations\": [{\"physicalLocation\": {\"artifactLocation\": {");
		artifact(b, file, opt);
		pm_buf_putc(b, '}');
		if (line)
			pm_buf_printf(b, ", \"region\": {\"startLine\": %u, \"startColumn\": %u}", line, col ? col : 1);
		else /* the whole file, in the region validators expect of such a result */
			pm_buf_puts(b, ", \"region\": {\"startLine\": 1}");
		pm_buf_puts(b, "}}]");
	}
	indent(b, 3);
	pm_buf_putc(b, '}');
}

int pm_check_render_sarif(const pm_check_report *r, const pm_check_render_options *opt, pm_buf *out, pm_diags *d)
{
	size_t before = out->len;
	log_begin(out, opt, true);
	bool first = true;
	for (size_t i = 0; i < r->n; i++) {
		const pm_check_result *x = &r->v[i];
		if (x->status != PM_CHECK_FAIL)
			continue;
		for (size_t k = 0; k < x->n_findings; k++) {
			const pm_check_finding *f = &x->findings[k];
			/* result i is rule i's */
			const char *file = f->loc.file ? f->loc.file : r->n_files ? r->files[0] : NULL;
			result(out, opt, first, x->id, i, pm_check_level_name(x->weight), f->message, NULL, file,
			       f->loc.file ? (unsigned)f->loc.line : 0, (unsigned)f->loc.col);
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

int pm_check_render_sarif_load(const pm_diags *load, const char *const *files, size_t n_files,
                               const pm_check_render_options *opt, pm_buf *out, pm_diags *d)
{
	size_t before = out->len;
	const char *model = n_files ? files[0] : NULL;
	static const char *const levels[] = {"error", "warning", "note"};
	log_begin(out, opt, false);
	size_t index = pm_check_rule_count();
	bool first = true;
	for (size_t i = 0; load && i < load->n; i++) {
		const pm_diag *x = &load->v[i];
		result(out, opt, first, LOAD_ID, index, levels[x->sev <= PM_NOTE ? x->sev : PM_NOTE], x->msg, x->hint,
		       x->file ? x->file : model, x->file ? x->line : 0, x->col);
		first = false;
	}
	char msg[128];
	if (load && load->dropped) {
		snprintf(msg, sizeof msg, "%zu more error%s not shown (limit %zu errors)", load->dropped,
		         load->dropped == 1 ? "" : "s",
		         load->max_errors ? load->max_errors : (size_t)PM_DEFAULT_MAX_ERRORS);
		result(out, opt, first, LOAD_ID, index, "note", msg, NULL, model, 0, 0);
		first = false;
	}
	if (load && load->dropped_warnings) {
		snprintf(msg, sizeof msg, "%zu more warning%s not shown", load->dropped_warnings,
		         load->dropped_warnings == 1 ? "" : "s");
		result(out, opt, first, LOAD_ID, index, "note", msg, NULL, model, 0, 0);
		first = false;
	}
	if (!first)
		indent(out, 3);
	pm_buf_puts(out, "]");
	indent(out, 2);
	pm_buf_puts(out, "}");
	indent(out, 1);
	pm_buf_puts(out, "]\n}\n");
	return pm_buf_done(out, before, "the SARIF log", d);
}
