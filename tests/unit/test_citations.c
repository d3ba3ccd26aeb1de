/* test_citations.c — every citation the documents make is one that was
 * verified against the guidance (issue 12 part 8).
 *
 * The allow-list is the table of docs/citations.md: each row's first cell
 * holds one citation form in backticks ("G25 V.A.4.b", "524B(b)(3)",
 * "G25 Appendix 1 (Authentication)", "AAMI TIR57 6.5"), with the section it
 * maps to and what that section says.  The test extracts every citation
 * form from the shipped templates (templates/NAME.mustache), from the document
 * set's strings (pm_documents: title, guidance, summary) and from every
 * rule of the checklist (pm_check_rule_at: title, basis, looks_at, fix), and
 * fails on any form the table does not list — so an invented section number
 * ("G25 V.A.7", "Appendix 6"), an id Appendix 1 does not have ("AUTHN-1"),
 * the RTA checklist, or the tool's own files ("docs/check.md") cited as a
 * source make `make check` fail.  test_extractor shows that it does.
 *
 * Run from the repository root (or with PREMARKET_DATADIR set to it). */
#include "testutil.h"

#include <ctype.h>
#include <dirent.h>

#include "premarket/check.h"
#include "premarket/documents.h"

/* ---- the extractor -------------------------------------------------------------- */

/* One citation form found in a text, at byte offset `at`. */
typedef void (*emit_fn)(void *ctx, const char *form, size_t at);

/* The titles of Appendix 1's subsections, and the three lists of its Code,
 * Data, and Execution Integrity subsection. */
static const char *const app1_titles[] = {
        "Authentication",
        "Authorization",
        "Cryptography",
        "Code, Data, and Execution Integrity",
        "Code Integrity",
        "Data Integrity",
        "Execution Integrity",
        "Confidentiality",
        "Event Detection and Logging",
        "Resiliency and Recovery",
        "Firmware and Software Updates",
};

/* Prefixes of the invented "Appendix 1 ids" (AUTHN-1 ... UPD-7). */
static const char *const invented_ids[] = {"AUTHN-", "AUTHZ-", "CRYPTO-", "INTEG-", "CONF-", "LOG-", "RES-", "UPD-"};

/* Strings a submission must not cite as a source. */
static const char *const banned[] = {"RTA", "FDA.md", "docs/", "examples/", "../shared"};

static bool word_start(const char *s, size_t i)
{
	return i == 0 || !(isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_');
}

static bool word_end(const char *s, size_t i)
{
	return !(isalnum((unsigned char)s[i]) || s[i] == '_');
}

static bool at(const char *s, size_t i, const char *lit)
{
	return strncmp(s + i, lit, strlen(lit)) == 0;
}

static size_t span(const char *s, size_t i, int (*cls)(int))
{
	size_t j = i;
	while (s[j] && cls((unsigned char)s[j]))
		j++;
	return j - i;
}

static int is_roman(int c)
{
	return c == 'I' || c == 'V' || c == 'X';
}

static void emitf(emit_fn emit, void *ctx, size_t pos, const char *fmt, const char *a, size_t alen)
{
	char form[160];
	snprintf(form, sizeof form, fmt, (int)alen, a);
	emit(ctx, form, pos);
}

/* A dotted G25 section at s+i ("V.A", "V.A.4.b", "V.B.2(a)", "VII.C.3"):
 * its length, or 0. */
static size_t dotted_section(const char *s, size_t i)
{
	size_t r = span(s, i, is_roman), j = i + r;
	if (!r || s[j] != '.' || !isupper((unsigned char)s[j + 1]) || !word_end(s, j + 2))
		return 0;
	j += 2;
	if (s[j] == '.' && isdigit((unsigned char)s[j + 1])) {
		j += 1 + span(s, j + 1, isdigit);
		if (s[j] == '.' && islower((unsigned char)s[j + 1]) && word_end(s, j + 2))
			j += 2;
	}
	if (s[j] == '(' && islower((unsigned char)s[j + 1]) && s[j + 2] == ')')
		j += 3;
	return word_end(s, j) ? j - i : 0;
}

/* A bare roman numeral at s+i ("VII" in "G25 VII;"): its length, or 0. */
static size_t bare_roman(const char *s, size_t i)
{
	size_t r = span(s, i, is_roman);
	if (!r || !word_end(s, i + r))
		return 0;
	if (s[i + r] == '.' && isupper((unsigned char)s[i + r + 1]))
		return 0; /* dotted: found by dotted_section */
	return r;
}

/* "G25 [section[s]] ROMAN [to|and ROMAN]...": the bare sections. */
static void g25_bare(const char *s, size_t i, emit_fn emit, void *ctx)
{
	size_t j = i + 4, r;
	if (at(s, j, "sections "))
		j += 9;
	else if (at(s, j, "section "))
		j += 8;
	while ((r = bare_roman(s, j)) != 0) {
		emitf(emit, ctx, j, "G25 %.*s", s + j, r);
		j += r;
		if (at(s, j, " to ") || at(s, j, ", "))
			j += at(s, j, " to ") ? 4 : 2;
		else if (at(s, j, " and "))
			j += 5;
		else
			break;
	}
}

/* After "Appendix 1" at s+j: "(T; T)", ": T" or ", T" with Appendix 1
 * titles.  Emits one form per title and returns where the list ends; 0
 * when no title list follows.  A parenthesis that opens with a capital but
 * holds no title ("(LOG-4)") is emitted whole, so it fails. */
static size_t app1_titles_at(const char *s, size_t j, size_t pos, emit_fn emit, void *ctx)
{
	bool paren = at(s, j, " (");
	if (!paren && !at(s, j, ": ") && !at(s, j, ", "))
		return 0;
	j += 2;
	if (!isupper((unsigned char)s[j]))
		return 0;
	size_t n = 0;
	for (;;) {
		size_t k, best = 0;
		for (k = 0; k < sizeof app1_titles / sizeof app1_titles[0]; k++) {
			size_t l = strlen(app1_titles[k]);
			if (at(s, j, app1_titles[k]) && word_end(s, j + l) && l > best)
				best = l;
		}
		if (!best)
			break;
		emitf(emit, ctx, pos, "G25 Appendix 1 (%.*s)", s + j, best);
		n++;
		j += best;
		if (at(s, j, "; ") || at(s, j, ", "))
			j += 2;
		else if (at(s, j, " and "))
			j += 5;
		else
			break;
	}
	if (!n && paren) {
		size_t l = strcspn(s + j, ")\n");
		emitf(emit, ctx, pos, "G25 Appendix 1 (%.*s)", s + j, l);
		return j + l;
	}
	return n ? j : 0;
}

/* "Appendix N" or "App. N", with its part: "N B", "N, Table M", a title
 * list for Appendix 1, a range "1-2". */
static size_t appendix(const char *s, size_t i, emit_fn emit, void *ctx)
{
	size_t j = i + (at(s, i, "App. ") ? 5 : 9), d = span(s, j, isdigit);
	char num[16];
	if (!d || d >= sizeof num)
		return 0;
	snprintf(num, sizeof num, "%.*s", (int)d, s + j);
	j += d;
	if (s[j] == '-' && isdigit((unsigned char)s[j + 1])) {
		size_t d2 = span(s, j + 1, isdigit);
		emitf(emit, ctx, i, "G25 Appendix %.*s", num, strlen(num));
		emitf(emit, ctx, i, "G25 Appendix %.*s", s + j + 1, d2);
		return j + 1 + d2 - i;
	}
	if (at(s, j, ", Table ") || at(s, j, " Table ")) {
		size_t k = j + (s[j] == ',' ? 8 : 7), d2 = span(s, k, isdigit);
		char form[64];
		snprintf(form, sizeof form, "G25 Appendix %s Table %.*s", num, (int)d2, s + k);
		emit(ctx, form, i);
		return k + d2 - i;
	}
	if (s[j] == ' ' && isupper((unsigned char)s[j + 1]) && word_end(s, j + 2) && s[j + 2] != '.') {
		char form[64];
		snprintf(form, sizeof form, "G25 Appendix %s %c", num, s[j + 1]);
		emit(ctx, form, i);
		return j + 2 - i;
	}
	size_t end = strcmp(num, "1") ? 0 : app1_titles_at(s, j, i, emit, ctx);
	if (end)
		return end - i;
	emitf(emit, ctx, i, "G25 Appendix %.*s", num, strlen(num));
	return j - i;
}

/* "524B" with its parenthesized parts; "(A),(B)" gives both. */
static size_t section_524b(const char *s, size_t i, emit_fn emit, void *ctx)
{
	size_t j = i + 4, last = j;
	while (s[j] == '(' && span(s, j + 1, isalnum) && s[j + 1 + span(s, j + 1, isalnum)] == ')') {
		last = j;
		j += 2 + span(s, j + 1, isalnum);
	}
	emitf(emit, ctx, i, "%.*s", s + i, j - i);
	while (j > i + 4 && s[j] == ',' && s[j + 1] == '(') {
		size_t l = span(s, j + 2, isalnum);
		char form[96];
		if (!l || s[j + 2 + l] != ')')
			break;
		snprintf(form, sizeof form, "%.*s(%.*s)", (int)(last - i), s + i, (int)l, s + j + 2);
		emit(ctx, form, i);
		j += 3 + l;
	}
	return j - i;
}

/* A standard named at s+i, with the clause that may follow ("section 6.5",
 * "9.4", "(Annex D)"). */
static size_t standard(const char *s, size_t i, emit_fn emit, void *ctx)
{
	static const struct {
		const char *key, *name;
	} stds[] = {
	        {"TIR57", "AAMI TIR57"},        {"SW96", "ANSI/AAMI SW96"},
	        {"SW91", "AAMI SW91"},          {"62443-4-1", "ANSI/ISA 62443-4-1"},
	        {"81001-5-1", "IEC 81001-5-1"}, {"14971", "ISO 14971"},
	};
	for (size_t k = 0; k < sizeof stds / sizeof stds[0]; k++) {
		size_t l = strlen(stds[k].key), j = i + l;
		char form[96];
		if (!at(s, i, stds[k].key) || !word_end(s, j))
			continue;
		if (at(s, j, " section "))
			j += 8;
		if (s[j] == ' ' && isdigit((unsigned char)s[j + 1]) && s[j + 1 + span(s, j + 1, isdigit)] == '.') {
			size_t c = j + 1, e = c + span(s, c, isdigit) + 1;
			e += span(s, e, isdigit);
			snprintf(form, sizeof form, "%s %.*s", stds[k].name, (int)(e - c), s + c);
			emit(ctx, form, i);
			return e - i;
		}
		if (at(s, j, " (Annex ") || at(s, j, " Annex ")) {
			size_t c = j + (s[j + 1] == '(' ? 8 : 7);
			snprintf(form, sizeof form, "%s Annex %c", stds[k].name, s[c]);
			emit(ctx, form, i);
			return c + 1 - i;
		}
		emit(ctx, stds[k].name, i);
		return l;
	}
	return 0;
}

/* "21 CFR 820.100", "21 CFR Part 806"; a template variable is not a citation. */
static size_t cfr(const char *s, size_t i, emit_fn emit, void *ctx)
{
	size_t j = i + 7;
	if (at(s, j, "{{"))
		return 7;
	if (at(s, j, "Part "))
		j += 5;
	j += span(s, j, isdigit);
	if (s[j] == '.' && isdigit((unsigned char)s[j + 1]))
		j += 1 + span(s, j + 1, isdigit);
	while (s[j] == '(' && isalnum((unsigned char)s[j + 1]) && s[j + 2] == ')')
		j += 3;
	emitf(emit, ctx, i, "%.*s", s + i, j - i);
	return j - i;
}

/* Every citation form of the NUL-terminated text s. */
static void extract(const char *s, emit_fn emit, void *ctx)
{
	for (size_t i = 0; s[i];) {
		size_t n = 0;
		if (word_start(s, i)) {
			if (at(s, i, "G25 "))
				g25_bare(s, i, emit, ctx);
			if ((n = dotted_section(s, i)) != 0)
				emitf(emit, ctx, i, "G25 %.*s", s + i, n);
			else if (at(s, i, "Appendix ") || at(s, i, "App. "))
				n = appendix(s, i, emit, ctx);
			else if (at(s, i, "footnote ") && isdigit((unsigned char)s[i + 9])) {
				size_t d = span(s, i + 9, isdigit);
				emitf(emit, ctx, i, "G25 footnote %.*s", s + i + 9, d);
				n = 9 + d;
			} else if (at(s, i, "524B"))
				n = section_524b(s, i, emit, ctx);
			else if (at(s, i, "21 CFR "))
				n = cfr(s, i, emit, ctx);
			else
				n = standard(s, i, emit, ctx);
			for (size_t k = 0; !n && k < sizeof invented_ids / sizeof invented_ids[0]; k++)
				if (at(s, i, invented_ids[k]) &&
				    isalnum((unsigned char)s[i + strlen(invented_ids[k])])) {
					size_t l = strlen(invented_ids[k]);
					n = l + span(s, i + l, isalnum);
					emitf(emit, ctx, i, "%.*s", s + i, n);
				}
		}
		for (size_t k = 0; !n && k < sizeof banned / sizeof banned[0]; k++)
			if (at(s, i, banned[k]) && (isalpha((unsigned char)banned[k][0]) ? word_start(s, i) : true) &&
			    (strcmp(banned[k], "RTA") || word_end(s, i + 3))) {
				n = strlen(banned[k]);
				emit(ctx, banned[k], i);
			}
		i += n ? n : 1;
	}
}

/* ---- the allow-list (docs/citations.md) ---------------------------------------------- */

typedef struct allow {
	char **v;
	size_t n;
} allow;

static char *slurp(const char *rel)
{
	const char *root = getenv("PREMARKET_DATADIR");
	char path[1024];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", root ? root : ".", rel);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s (run the tests from the repository root)", path);
	pm_buf b;
	pm_buf_init(&b, 0);
	char chunk[4096];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		assert_int_equal(pm_buf_put(&b, chunk, got), 0);
	fclose(f);
	return pm_buf_detach(&b, NULL);
}

/* The forms of the table rows "| `FORM` | ...". */
static allow allow_load(void)
{
	allow a = {NULL, 0};
	char *text = slurp("docs/citations.md");
	for (char *line = text; *line;) {
		char *eol = strchr(line, '\n'), *end;
		if (eol)
			*eol = '\0';
		if (!strncmp(line, "| `", 3) && (end = strchr(line + 3, '`')) != NULL) {
			a.v = realloc(a.v, (a.n + 1) * sizeof *a.v);
			assert_non_null(a.v);
			a.v[a.n] = strndup(line + 3, (size_t)(end - line - 3));
			assert_non_null(a.v[a.n]);
			a.n++;
		}
		line = eol ? eol + 1 : line + strlen(line);
	}
	free(text);
	return a;
}

static bool allowed(const allow *a, const char *form)
{
	for (size_t i = 0; i < a->n; i++)
		if (!strcmp(a->v[i], form))
			return true;
	return false;
}

static void allow_free(allow *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
}

/* ---- checking a text -------------------------------------------------------------- */

typedef struct scan {
	allow allow;
	const char *where; /* file or object the text comes from */
	const char *text;
	pm_buf bad; /* one line per unverified form */
	size_t n_forms, n_bad;
} scan;

static void on_form(void *ctx, const char *form, size_t pos)
{
	scan *sc = ctx;
	sc->n_forms++;
	if (allowed(&sc->allow, form))
		return;
	unsigned line = 1;
	for (size_t i = 0; i < pos; i++)
		line += sc->text[i] == '\n';
	sc->n_bad++;
	pm_buf_printf(&sc->bad, "%s:%u: `%s` is not a verified citation (docs/citations.md)\n", sc->where, line, form);
}

static void scan_text(scan *sc, const char *where, const char *text)
{
	if (!text)
		return;
	sc->where = where;
	sc->text = text;
	extract(text, on_form, sc);
}

/* The texts of one object (a document, a rule), reported as `where`. */
static void scan_object(scan *sc, const char *where, const char *const *texts, size_t n)
{
	for (size_t i = 0; i < n; i++)
		scan_text(sc, where, texts[i]);
}

/* A scan against the allow-list; scan_finish() reports and frees it. */
static void scan_init(scan *sc)
{
	memset(sc, 0, sizeof *sc);
	sc->allow = allow_load();
	pm_buf_init(&sc->bad, 0);
}

static void scan_finish(scan *sc, const char *what)
{
	char *msg = pm_buf_detach(&sc->bad, NULL);
	allow_free(&sc->allow);
	if (sc->n_bad) {
		fputs(msg, stderr);
		free(msg);
		fail_msg("%zu unverified citation form(s) in %s: fix the citation, or verify it against the guidance "
		         "and add it to docs/citations.md",
		         sc->n_bad, what);
	}
	free(msg);
	assert_true(sc->n_forms > 0);
}

/* ---- tests ----------------------------------------------------------------------- */

typedef struct collect {
	char forms[32][160];
	size_t n;
} collect;

static void on_collect(void *ctx, const char *form, size_t pos)
{
	collect *c = ctx;
	(void)pos;
	if (c->n < 32)
		snprintf(c->forms[c->n++], sizeof c->forms[0], "%s", form);
}

/* The forms of one text, joined with " | ". */
static const char *forms_of(const char *text)
{
	static char out[2048];
	collect c;
	c.n = 0;
	extract(text, on_collect, &c);
	out[0] = '\0';
	for (size_t i = 0; i < c.n; i++)
		snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", i ? " | " : "", c.forms[i]);
	return out;
}

/* The extractor finds each kind of citation, and the allow-list rejects an
 * invented one: the test can fail. */
static void test_extractor(void **state)
{
	(void)state;
	assert_string_equal(forms_of("G25 V.A.2-V.A.6 and V.B.2(a); G25 VII; G25 sections IV to VI."),
	                    "G25 V.A.2 | G25 V.A.6 | G25 V.B.2(a) | G25 VII | G25 IV | G25 VI");
	assert_string_equal(forms_of("(G25 V.A.4.b; VII.C.3; FD&C Act 524B(b)(3))"),
	                    "G25 V.A.4.b | G25 VII.C.3 | 524B(b)(3)");
	assert_string_equal(forms_of("524B(b)(2)(A),(B) and section 524B(c)"),
	                    "524B(b)(2)(A) | 524B(b)(2)(B) | 524B(c)");
	assert_string_equal(forms_of("G25 App. 1 (Authentication; Confidentiality); App. 2 B"),
	                    "G25 Appendix 1 (Authentication) | G25 Appendix 1 (Confidentiality) | G25 Appendix 2 B");
	assert_string_equal(forms_of("Appendix 1: Code, Data, and Execution Integrity) and Appendix 4, Table 1"),
	                    "G25 Appendix 1 (Code, Data, and Execution Integrity) | G25 Appendix 4 Table 1");
	assert_string_equal(forms_of("AAMI TIR57 section 6.5, ANSI/AAMI SW96 7.4, AAMI SW91 (Annex D), ISO 14971"),
	                    "AAMI TIR57 6.5 | ANSI/AAMI SW96 7.4 | AAMI SW91 Annex D | ISO 14971");
	assert_string_equal(forms_of("section 9.4 of 62443-4-1; 21 CFR 820.100, 21 CFR Part 806, 21 CFR {{x}}"),
	                    "ANSI/ISA 62443-4-1 | 21 CFR 820.100 | 21 CFR Part 806");
	assert_string_equal(forms_of("G25 V.C (footnote 46); Appendix: Completeness Check; MAV:L/MPR:H"),
	                    "G25 V.C | G25 footnote 46");
	/* what must fail */
	assert_string_equal(forms_of("G25 App. 1 (AUTHN-1, CONF-1); UPD-7; RTA checklist item I; docs/check.md"),
	                    "G25 Appendix 1 (AUTHN-1, CONF-1) | UPD-7 | RTA | docs/");
	scan sc;
	scan_init(&sc);
	assert_true(sc.allow.n > 50);
	assert_true(allowed(&sc.allow, "G25 V.A.4.b") && allowed(&sc.allow, "524B(b)(3)") &&
	            allowed(&sc.allow, "G25 Appendix 2 B"));
	scan_text(&sc, "invented", "G25 V.A.7 and Appendix 6, IV.A.1's IEC 81001-5-1, AUTHN-1");
	assert_int_equal(sc.n_forms, 5);
	assert_int_equal(sc.n_bad, 3); /* V.A.7, Appendix 6, AUTHN-1: IV.A.1 and 81001-5-1 exist */
	pm_buf_free(&sc.bad);
	allow_free(&sc.allow);
}

static void test_templates(void **state)
{
	(void)state;
	const char *root = getenv("PREMARKET_DATADIR");
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/templates", root ? root : ".");
	DIR *dp = opendir(dir);
	if (!dp)
		fail_msg("cannot open %s (run the tests from the repository root)", dir);
	scan sc;
	scan_init(&sc);
	size_t n_files = 0;
	for (struct dirent *e; (e = readdir(dp)) != NULL;) {
		size_t l = strlen(e->d_name);
		char rel[600];
		if (l < 10 || strcmp(e->d_name + l - 9, ".mustache"))
			continue;
		snprintf(rel, sizeof rel, "templates/%s", e->d_name);
		char *text = slurp(rel);
		scan_text(&sc, rel, text);
		free(text);
		n_files++;
	}
	closedir(dp);
	assert_true(n_files >= 14);
	scan_finish(&sc, "templates/*.mustache");
}

static void test_documents(void **state)
{
	(void)state;
	scan sc;
	scan_init(&sc);
	for (size_t i = 0; i < pm_n_documents; i++) {
		const pm_document *doc = &pm_documents[i];
		const char *texts[] = {doc->title, doc->guidance, doc->summary};
		char where[128];
		snprintf(where, sizeof where, "gen/documents.c %s", doc->id);
		scan_object(&sc, where, texts, 3);
	}
	scan_finish(&sc, "gen/documents.c");
}

static void test_check_rules(void **state)
{
	(void)state;
	size_t n = pm_check_rule_count();
	assert_true(n > 0);
	scan sc;
	scan_init(&sc);
	for (size_t i = 0; i < n; i++) {
		const pm_check_rule *r = pm_check_rule_at(i);
		const char *texts[] = {r->title, r->basis, r->looks_at, r->fix};
		char where[128];
		snprintf(where, sizeof where, "check rule %s", r->id);
		scan_object(&sc, where, texts, 4);
	}
	scan_finish(&sc, "the check rules (gen/check_*.c)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_extractor),
	        cmocka_unit_test(test_templates),
	        cmocka_unit_test(test_documents),
	        cmocka_unit_test(test_check_rules),
	};
	return cmocka_run_group_tests_name("citations", tests, NULL, NULL);
}
