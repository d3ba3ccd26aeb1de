/* cmd_cvss.c — `premarket cvss [--tsv] [VECTOR...]`: parse and score CVSS
 * v3.1 / v4.0 vectors given as arguments, or one per line on standard
 * input.  Scoring is gen/cvss*.c (include/premarket/cvss.h); this file only
 * reads, prints and picks the exit code.  Reference: docs/cvss.md. */
#include "cli.h"
#include "premarket/cvss.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

/* Longest accepted input line, in bytes, without its newline.  The longest
 * valid vector (v4.0 with every metric) is about 200 bytes. */
#define LINE_MAX_BYTES 1024

/* One table drives getopt_long and the --help text. */
static const struct cvss_opt {
	const char *name;
	int val;
	const char *help;
} opts[] = {
        {"help", 'h', "show this help"},
        {"tsv", 't', "print one tab-separated line per vector (see below)"},
};
#define NOPTS (sizeof opts / sizeof opts[0])

static void usage(FILE *out)
{
	fputs("Usage: premarket cvss [--tsv] [VECTOR...]\n"
	      "\n"
	      "Parse and score CVSS v3.1 and v4.0 vectors exactly as FIRST specifies.\n"
	      "With no VECTOR, read one vector per line from standard input (blank lines\n"
	      "are skipped, a trailing CR is removed, lines over 1024 bytes are refused).\n"
	      "\n"
	      "Options:\n",
	      out);
	for (size_t i = 0; i < NOPTS; i++)
		fprintf(out, "  %s--%-8s %s\n", opts[i].val == 'h' ? "-h, " : "    ", opts[i].name, opts[i].help);
	fputs("\n"
	      "--tsv output, one line per valid vector:\n"
	      "  CVSS:3.1  vector TAB base TAB base-severity TAB temporal TAB environmental\n"
	      "            (temporal and environmental are empty unless the vector defines\n"
	      "            a temporal or environmental metric other than X)\n"
	      "  CVSS:4.0  vector TAB score TAB severity\n"
	      "Scores have one decimal; severities are NONE, LOW, MEDIUM, HIGH, CRITICAL.\n"
	      "An invalid vector is reported on standard error and the others go on.\n"
	      "\n"
	      "Exit status: 0 all vectors valid, 1 some vector invalid, 2 usage error,\n"
	      "3 output could not be written.\n",
	      out);
}

/* Copy the len bytes at s into out for a message: printable ASCII as is,
 * other bytes as \xNN, cut with "..." beyond 120 bytes. */
static void printable(char *out, size_t size, const char *s, size_t len)
{
	size_t o = 0;
	for (size_t i = 0; i < len && o + 8 < size; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (i == 120) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		if (ch >= 0x20 && ch < 0x7f) {
			out[o++] = (char)ch;
		} else {
			int w = snprintf(out + o, size - o, "\\x%02X", ch);
			if (w < 0)
				break;
			o += (size_t)w;
		}
	}
	out[o] = '\0';
}

static void print_tsv(const char *s, size_t len, const pm_cvss *c)
{
	char a[8], b[8], d[8];
	fwrite(s, 1, len, stdout);
	if (c->version == PM_CVSS_V31) {
		pm_cvss_v31_result r;
		pm_cvss_v31_score(c, &r);
		printf("\t%s\t%s", pm_cvss_score_str(r.base_tenths, a, sizeof a),
		       pm_cvss_severity_name(pm_cvss_severity_of(r.base_tenths)));
		if (r.has_temporal || r.has_environmental)
			printf("\t%s\t%s\n", pm_cvss_score_str(r.temporal_tenths, b, sizeof b),
			       pm_cvss_score_str(r.environmental_tenths, d, sizeof d));
		else
			fputs("\t\t\n", stdout);
	} else {
		pm_cvss_v40_result r;
		pm_cvss_v40_score(c, &r);
		printf("\t%s\t%s\n", pm_cvss_score_str(r.score_tenths, a, sizeof a),
		       pm_cvss_severity_name(pm_cvss_severity_of(r.score_tenths)));
	}
}

static void print_line(const char *label, int tenths, const char *extra)
{
	char a[8];
	printf("  %-14s %4s %-8s%s\n", label, pm_cvss_score_str(tenths, a, sizeof a),
	       pm_cvss_severity_name(pm_cvss_severity_of(tenths)), extra);
}

static void print_readable(const char *s, size_t len, const pm_cvss *c)
{
	char extra[160], canon[PM_CVSS_VECTOR_MAX];
	fwrite(s, 1, len, stdout);
	putchar('\n');
	pm_cvss_format(c, canon, sizeof canon);
	if (strlen(canon) != len || memcmp(canon, s, len) != 0)
		printf("  %-14s %s\n", "canonical", canon);
	if (c->version == PM_CVSS_V31) {
		pm_cvss_v31_result r;
		pm_cvss_v31_score(c, &r);
		printf("  %-14s %s\n", "version", "CVSS v3.1");
		snprintf(extra, sizeof extra, "  impact %.1f, exploitability %.1f, scope %s", r.impact,
		         r.exploitability, r.scope_changed ? "changed" : "unchanged");
		print_line("base", r.base_tenths, extra);
		if (r.has_temporal || r.has_environmental) {
			snprintf(extra, sizeof extra, "  E %.2f x RL %.2f x RC %.2f", r.w_e, r.w_rl, r.w_rc);
			print_line("temporal", r.temporal_tenths, extra);
			snprintf(extra, sizeof extra, "  modified impact %.1f, modified exploitability %.1f, scope %s",
			         r.modified_impact, r.modified_exploitability,
			         r.modified_scope_changed ? "changed" : "unchanged");
			print_line("environmental", r.environmental_tenths, extra);
		}
	} else {
		pm_cvss_v40_result r;
		pm_cvss_v40_score(c, &r);
		printf("  %-14s %s\n", "version", "CVSS v4.0");
		snprintf(extra, sizeof extra, "  (%s)", r.nomenclature);
		print_line("score", r.score_tenths, extra);
		if (r.has_threat || r.has_environmental) {
			/* The same vector with its base metrics only. */
			pm_cvss base;
			pm_cvss_v40_result rb;
			pm_cvss_init(&base, PM_CVSS_V40);
			for (int i = PM_CVSS_V40_AV; i <= PM_CVSS_V40_SA; i++)
				base.value[i] = c->value[i];
			base.present = (UINT32_C(1) << (PM_CVSS_V40_SA + 1)) - 1;
			pm_cvss_v40_score(&base, &rb);
			print_line("base", rb.score_tenths, "  (CVSS-B)");
		}
		if (r.no_impact)
			printf("  %-14s %s  (no impact on any system: 0.0)\n", "macrovector", r.macrovector);
		else
			printf("  %-14s %s  (lookup %d.%d, mean decrease %.4f over %d)\n", "macrovector", r.macrovector,
			       r.lookup_tenths / 10, r.lookup_tenths % 10, r.mean_decrease, r.n_lower);
	}
}

/* Parse and print one vector; returns 0 if valid, 1 if not. */
static int one(const char *s, size_t len, int tsv)
{
	pm_cvss c;
	pm_cvss_error err;
	if (pm_cvss_parse_len(s, len, 0, &c, &err) != 0) {
		char shown[600];
		printable(shown, sizeof shown, s, len);
		pm_msg_error("%s: %s", shown, err.msg);
		return 1;
	}
	if (tsv)
		print_tsv(s, len, &c);
	else
		print_readable(s, len, &c);
	return 0;
}

/* Read stdin line by line; returns the number of invalid lines. */
static int from_stdin(int tsv)
{
	char line[LINE_MAX_BYTES + 1];
	int bad = 0;
	unsigned long lineno = 0;
	for (;;) {
		size_t n = 0;
		int ch, over = 0;
		while ((ch = getchar()) != EOF && ch != '\n') {
			if (n < LINE_MAX_BYTES)
				line[n++] = (char)ch;
			else
				over = 1;
		}
		if (ch == EOF && n == 0 && !over)
			break;
		lineno++;
		if (over) {
			pm_msg_error("line %lu: line longer than %d bytes", lineno, LINE_MAX_BYTES);
			bad = 1;
		} else {
			if (n > 0 && line[n - 1] == '\r')
				n--;
			if (n > 0)
				bad |= one(line, n, tsv);
		}
		if (ch == EOF)
			break;
	}
	if (ferror(stdin)) {
		pm_msg_error("standard input: read error");
		return -1;
	}
	return bad;
}

int pm_cmd_cvss(int argc, char **argv)
{
	struct option lopts[NOPTS + 1];
	int tsv = 0, bad = 0, c;

	for (size_t i = 0; i < NOPTS; i++) {
		lopts[i].name = opts[i].name;
		lopts[i].has_arg = no_argument;
		lopts[i].flag = NULL;
		lopts[i].val = opts[i].val;
	}
	memset(&lopts[NOPTS], 0, sizeof lopts[NOPTS]);

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", lopts, NULL)) != -1) {
		switch (c) {
		case 't':
			tsv = 1;
			break;
		case 'h':
			usage(stdout);
			return PM_EXIT_OK; /* a failed write: main()'s close_stdout() */
		default:
			return pm_cli_bad_option("cvss", c, argv);
		}
	}

	if (optind < argc) {
		for (int i = optind; i < argc; i++)
			bad |= one(argv[i], strlen(argv[i]), tsv);
	} else {
		int r = from_stdin(tsv);
		if (r < 0)
			return PM_EXIT_USAGE;
		bad = r;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		pm_msg_error("standard output: write error");
		return PM_EXIT_OUTPUT;
	}
	return bad ? PM_EXIT_PROBLEMS : PM_EXIT_OK;
}
