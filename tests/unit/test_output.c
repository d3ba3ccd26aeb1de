/* test_output.c — writing files (premarket/sink_dir.h).
 *
 * pm_outset (gen/sink_dir.c), files into a folder of the user's: commit
 * writes every file with the right content and modes; a failure anywhere
 * before the renames (a file where a directory must go, a directory where a
 * file must go, a read-only directory, a write error) leaves the previous
 * outputs untouched and no temporary file behind; bad relpaths are refused;
 * an uncommitted set removes its temporary files.
 *
 * pm_outdir (gen/outdir.c), the output folder replaced as a whole: the new
 * set replaces the old one entirely (a file the new set lacks is gone), with
 * its manifest and the old folder's mode; a folder that is not ours (no
 * manifest, or a file, folder or symbolic link the manifest does not list)
 * is refused and left as it was; a failure (bad path, write error, a failing
 * swap) leaves the previous set and nothing beside it; the fallback swap;
 * the signal cleanup; the lock (busy without waiting, the holder's pid);
 * leftovers of killed builds removed (staging folders with and without a
 * manifest) or kept (files not ours), a set left aside put back; as a
 * pm_sink, failures are PM_ERR_OUTPUT diagnostics.
 *
 * sink_dir.c and outdir.c are compiled into this test, which can then see
 * the temp counter and replace the swap (PM_OUTDIR_EXCHANGE). */
#define _GNU_SOURCE /* as gen/outdir.c, which this test includes */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sink_dir.c"

/* The swap, as the test wants it: real, or failing with fake_errno. */
static int fake_errno;
static int fake_exchange(const char *a, const char *b);
#define PM_OUTDIR_EXCHANGE fake_exchange
#include "outdir.c"

static int fake_exchange(const char *a, const char *b)
{
	if (fake_errno) {
		errno = fake_errno;
		return -1;
	}
	return exchange_names(a, b);
}

/* The diagnostics of the set's calls, emptied by setup(). */
static pm_diags td;

/* The message of the last diagnostic ("" when there is none). */
static const char *last_diag(void)
{
	return td.n ? td.v[td.n - 1].msg : "";
}

static char base[256];

static int setup(void **state)
{
	(void)state;
	pm_diags_free(&td);
	pm_diags_init(&td);
	fake_errno = 0;
	snprintf(base, sizeof base, "/tmp/pm-test-output-XXXXXX");
	umask(022);
	return mkdtemp(base) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	pm_diags_free(&td);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s' && rm -rf '%s'", base, base);
	return system(cmd) == 0 ? 0 : -1;
}

static char *path(const char *rel)
{
	static char p[8][512];
	static int k;
	k = (k + 1) % 8;
	snprintf(p[k], sizeof p[k], "%s/%s", base, rel);
	return p[k];
}

static void write_file(const char *rel, const char *text)
{
	FILE *f = fopen(path(rel), "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* The whole content of base/rel (NUL-terminated), or NULL when unreadable. */
static char *read_all(const char *rel, size_t *len)
{
	FILE *f = fopen(path(rel), "rb");
	char *s = NULL;
	size_t n = 0;
	int c;
	if (!f)
		return NULL;
	s = malloc(1 << 16);
	assert_non_null(s);
	while ((c = fgetc(f)) != EOF && n + 1 < 1 << 16)
		s[n++] = (char)c;
	s[n] = '\0';
	fclose(f);
	if (len)
		*len = n;
	return s;
}

static void assert_content(const char *rel, const char *want)
{
	char *got = read_all(rel, NULL);
	if (!got)
		fail_msg("cannot read %s", rel);
	assert_string_equal(got, want);
	free(got);
}

/* Temporary files (".*.tmp-*") anywhere under dir. */
static int count_temps(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL) {
		char sub[1024];
		struct stat st;
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (e->d_name[0] == '.' && strstr(e->d_name, ".tmp-"))
			n++;
		snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			n += count_temps(sub);
	}
	closedir(d);
	return n;
}

static mode_t mode_of(const char *rel)
{
	struct stat st;
	assert_int_equal(stat(path(rel), &st), 0);
	return st.st_mode & 07777;
}

/* A previous build: out/index.html, out/a.html, out/html/r.html. */
static void previous_build(void)
{
	assert_int_equal(mkdir(path("out"), 0777), 0);
	assert_int_equal(mkdir(path("out/html"), 0777), 0);
	write_file("out/index.html", "old index");
	write_file("out/a.html", "old a");
	write_file("out/html/r.html", "old r");
}

static void assert_previous_intact(void)
{
	assert_content("out/index.html", "old index");
	assert_content("out/a.html", "old a");
	assert_content("out/html/r.html", "old r");
	assert_int_equal(count_temps(base), 0);
}

/* ---- tests ----------------------------------------------------------------- */

static void test_commit_writes_all(void **state)
{
	(void)state;
	static const char BIN[] = "bin\0ary\xff";
	pm_outset *o = pm_outset_new(path("new/deep/out"));
	assert_non_null(o);
	assert_int_equal(pm_outset_add(o, "index.html", "<p>index</p>", 12, &td), 0);
	assert_int_equal(pm_outset_add(o, "html/a.html", "A", 1, &td), 0);
	assert_int_equal(pm_outset_add(o, "html/b.html", "B", 1, &td), 0);
	assert_int_equal(pm_outset_add(o, "data.bin", BIN, sizeof BIN - 1, &td), 0);
	assert_int_equal(pm_outset_add(o, "empty.txt", NULL, 0, &td), 0);

	/* before commit: only temporary files, beside their final names */
	assert_null(read_all("new/deep/out/index.html", NULL));
	assert_int_equal(count_temps(path("new/deep/out")), 5);
	assert_int_equal(count_temps(path("new/deep/out/html")), 2);

	assert_int_equal(pm_outset_commit(o, &td), 0);
	assert_int_equal(td.n, 0);
	pm_outset_free(o);

	assert_content("new/deep/out/index.html", "<p>index</p>");
	assert_content("new/deep/out/html/a.html", "A");
	assert_content("new/deep/out/html/b.html", "B");
	assert_content("new/deep/out/empty.txt", "");
	size_t n;
	char *bin = read_all("new/deep/out/data.bin", &n);
	assert_int_equal(n, sizeof BIN - 1);
	assert_memory_equal(bin, BIN, n);
	free(bin);
	assert_int_equal(count_temps(base), 0);
	/* 0666 & ~umask and 0777 & ~umask (umask 022 in setup) */
	assert_int_equal(mode_of("new/deep/out/index.html"), 0644);
	assert_int_equal(mode_of("new/deep/out/html/a.html"), 0644);
	assert_int_equal(mode_of("new/deep/out/html"), 0755);
	assert_int_equal(mode_of("new/deep"), 0755);
}

static void test_replace_and_second_batch(void **state)
{
	(void)state;
	previous_build();
	write_file("out/keep.txt", "not part of the set");
	pm_outset *o = pm_outset_new(path("out"));
	pm_outset_set_sync(o, 1);
	assert_int_equal(pm_outset_add(o, "index.html", "new index", 9, &td), 0);
	assert_int_equal(pm_outset_add(o, "html/r.html", "new r", 5, &td), 0);
	assert_content("out/index.html", "old index"); /* nothing replaced before commit */
	assert_int_equal(pm_outset_commit(o, &td), 0);
	assert_content("out/index.html", "new index");
	assert_content("out/html/r.html", "new r");
	assert_content("out/a.html", "old a");
	assert_content("out/keep.txt", "not part of the set");

	/* the set takes a new batch after a commit */
	assert_int_equal(pm_outset_add(o, "a.html", "new a", 5, &td), 0);
	assert_int_equal(pm_outset_add(o, "index.html", "newer index", 11, &td), 0);
	assert_int_equal(pm_outset_commit(o, &td), 0);
	assert_content("out/a.html", "new a");
	assert_content("out/index.html", "newer index");
	assert_int_equal(count_temps(base), 0);
	pm_outset_free(o);
}

static void test_empty_commit_creates_dir(void **state)
{
	(void)state;
	pm_outset *o = pm_outset_new(path("a/b/c/"));
	assert_int_equal(pm_outset_commit(o, &td), 0);
	pm_outset_free(o);
	struct stat st;
	assert_int_equal(stat(path("a/b/c"), &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_null(pm_outset_new(NULL));
	assert_null(pm_outset_new(""));
}

/* A regular file where a subdirectory must be created. */
static void test_failure_file_in_the_way(void **state)
{
	(void)state;
	previous_build();
	write_file("out/sub", "a file, not a directory");
	pm_outset *o = pm_outset_new(path("out"));
	assert_int_equal(pm_outset_add(o, "index.html", "new index", 9, &td), 0);
	assert_int_equal(pm_outset_add(o, "a.html", "new a", 5, &td), 0);
	assert_int_equal(pm_outset_add(o, "sub/x.html", "x", 1, &td), -1);
	assert_int_equal(td.n, 1);
	assert_string_equal(td.v[0].file, path("out/sub"));
	assert_non_null(strstr(last_diag(), "cannot create the folder"));
	assert_non_null(strstr(last_diag(), strerror(ENOTDIR)));
	/* the set has failed: later adds and the commit are refused, quietly */
	assert_int_equal(pm_outset_add(o, "html/r.html", "new r", 5, &td), -1);
	assert_int_equal(pm_outset_commit(o, &td), -1);
	assert_int_equal(td.n, 1);
	assert_previous_intact();
	pm_outset_free(o);
	assert_previous_intact();
}

/* A directory where a file must go: caught before the first rename. */
static void test_failure_directory_in_the_way(void **state)
{
	(void)state;
	previous_build();
	assert_int_equal(mkdir(path("out/b.html"), 0777), 0);
	pm_outset *o = pm_outset_new(path("out"));
	assert_int_equal(pm_outset_add(o, "index.html", "new index", 9, &td), 0);
	assert_int_equal(pm_outset_add(o, "a.html", "new a", 5, &td), 0);
	assert_int_equal(pm_outset_add(o, "b.html", "new b", 5, &td), 0);
	assert_int_equal(pm_outset_commit(o, &td), -1);
	assert_string_equal(td.v[td.n - 1].file, path("out/b.html"));
	assert_non_null(strstr(last_diag(), strerror(EISDIR)));
	assert_true(pm_diags_has(&td, PM_ERR_OUTPUT));
	assert_previous_intact();
	pm_outset_free(o);
	assert_previous_intact();
}

static void test_failure_read_only_dir(void **state)
{
	(void)state;
	if (geteuid() == 0) {
		fprintf(stderr, "test_failure_read_only_dir: skipped (root ignores permissions)\n");
		skip();
	}
	previous_build();
	assert_int_equal(chmod(path("out/html"), 0555), 0);
	pm_outset *o = pm_outset_new(path("out"));
	assert_int_equal(pm_outset_add(o, "index.html", "new index", 9, &td), 0);
	assert_int_equal(pm_outset_add(o, "html/r.html", "new r", 5, &td), -1);
	assert_string_equal(td.v[td.n - 1].file, path("out/html/r.html"));
	assert_non_null(strstr(last_diag(), strerror(EACCES)));
	assert_int_equal(pm_outset_commit(o, &td), -1);
	assert_previous_intact();
	pm_outset_free(o);
	assert_int_equal(chmod(path("out/html"), 0755), 0);
	assert_previous_intact();
}

/* write(2) fails (file size limit): the temp file is removed. */
static void test_failure_write_error(void **state)
{
	(void)state;
	static char big[64 * 1024];
	struct rlimit old, small;
	void (*old_handler)(int);
	previous_build();
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = 4096;
	old_handler = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);

	pm_outset *o = pm_outset_new(path("out"));
	assert_int_equal(pm_outset_add(o, "index.html", "new index", 9, &td), 0);
	int rc = pm_outset_add(o, "a.html", big, sizeof big, &td);

	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, old_handler);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(last_diag(), "cannot write"));
	assert_non_null(strstr(last_diag(), strerror(EFBIG)));
	assert_int_equal(pm_outset_commit(o, &td), -1);
	assert_previous_intact();
	pm_outset_free(o);
}

static void test_bad_relpaths(void **state)
{
	(void)state;
	static const char *const BAD[] = {
	        "",   "/etc/passwd", "../x.html", "a/../b.html", "html/..", "./a.html", "a/./b",     ".",
	        "..", "a//b.html",   "html/",     "a/b/c.html",  "/",       "//x",      "a\nb.html",
	};
	for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
		pm_outset *o = pm_outset_new(path("bad"));
		assert_int_equal(pm_outset_add(o, BAD[i], "x", 1, &td), -1);
		assert_non_null(strstr(last_diag(), "output path"));
		assert_int_equal(pm_outset_commit(o, &td), -1);
		pm_outset_free(o);
	}
	pm_outset *o = pm_outset_new(path("bad"));
	assert_int_equal(pm_outset_add(o, NULL, "x", 1, &td), -1);
	pm_outset_free(o);
	o = pm_outset_new(path("bad"));
	assert_int_equal(pm_outset_add(o, "x", NULL, 1, &td), -1);
	pm_outset_free(o);

	/* the same path twice */
	o = pm_outset_new(path("bad"));
	assert_int_equal(pm_outset_add(o, "html/a.html", "1", 1, &td), 0);
	assert_int_equal(pm_outset_add(o, "html/a.html", "2", 1, &td), -1);
	assert_non_null(strstr(last_diag(), "twice"));
	assert_int_equal(pm_outset_commit(o, &td), -1);
	pm_outset_free(o);
	/* nothing was written; only directories made on the way may remain */
	assert_null(read_all("bad/html/a.html", NULL));
	assert_null(read_all("bad/x", NULL));
	assert_int_equal(count_temps(base), 0);
}

static void test_free_uncommitted(void **state)
{
	(void)state;
	previous_build();
	pm_outset *o = pm_outset_new(path("out"));
	assert_int_equal(pm_outset_add(o, "index.html", "new index", 9, &td), 0);
	assert_int_equal(pm_outset_add(o, "html/new.html", "n", 1, &td), 0);
	assert_int_equal(count_temps(base), 2);
	pm_outset_free(o);
	pm_outset_free(NULL);
	assert_previous_intact();
	assert_null(read_all("out/html/new.html", NULL));
}

/* A leftover temp file with the next name is never reused (O_EXCL). */
static void test_temp_name_taken(void **state)
{
	(void)state;
	char name[128];
	assert_int_equal(mkdir(path("out"), 0777), 0);
	for (unsigned long k = 0; k < 3; k++) {
		snprintf(name, sizeof name, "out/.a.html.tmp-%ld-%lu", (long)getpid(), tmp_seq + k);
		write_file(name, "stale");
	}
	pm_outset *o = pm_outset_new(path("out"));
	assert_int_equal(pm_outset_add(o, "a.html", "fresh", 5, &td), 0);
	assert_int_equal(pm_outset_commit(o, &td), 0);
	pm_outset_free(o);
	assert_content("out/a.html", "fresh");
	assert_content(name, "stale");
	assert_int_equal(count_temps(base), 3);
}

/* ---- pm_outdir ----------------------------------------------------------------------- */

/* Entries of base whose name has "premarket-" (lock, staging, old, kept). */
static int count_ours_beside(void)
{
	DIR *d = opendir(base);
	struct dirent *e;
	int n = 0;
	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strstr(e->d_name, "premarket-"))
			n++;
	closedir(d);
	return n;
}

/* A set of files written into base/out and committed; 0 or -1. */
static int outdir_build(const char *const *files, size_t n)
{
	pm_outdir *o = pm_outdir_new(path("out"));
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = pm_outdir_add(o, files[i], files[i], strlen(files[i]), &td);
	if (rc == 0)
		rc = pm_outdir_commit(o, &td);
	pm_outdir_free(o);
	return rc;
}

static void assert_old_set(void)
{
	assert_content("out/index.html", "index.html");
	assert_content("out/old-only.html", "old-only.html");
	assert_content("out/diagrams/a.svg", "diagrams/a.svg");
	assert_int_equal(count_ours_beside(), 0);
}

static const char *const OLD_SET[] = {"index.html", "old-only.html", "diagrams/a.svg"};

static void test_outdir_replaces_whole_set(void **state)
{
	(void)state;
	assert_int_equal(outdir_build(OLD_SET, 3), 0);
	assert_int_equal(td.n, 0);
	assert_old_set();
	assert_content("out/.premarket-manifest",
	               MANIFEST_HEAD ": the files `premarket build` wrote in this folder, one a line.\n"
	                             "# The next build replaces the folder as a whole (docs/internals.md, Output "
	                             "protocol);\n"
	                             "# it refuses a folder holding anything not listed here.\n"
	                             "index.html\nold-only.html\ndiagrams/a.svg\n");
	assert_int_equal(mode_of("out"), 0755);
	/* the folder keeps its mode */
	assert_int_equal(chmod(path("out"), 0750), 0);
	static const char *const NEW_SET[] = {"index.html", "diagrams/b.svg", "new.html"};
	assert_int_equal(outdir_build(NEW_SET, 3), 0);
	assert_int_equal(td.n, 0);
	assert_content("out/index.html", "index.html");
	assert_content("out/new.html", "new.html");
	assert_content("out/diagrams/b.svg", "diagrams/b.svg");
	/* what the new set lacks is gone with the old one */
	assert_null(read_all("out/old-only.html", NULL));
	assert_null(read_all("out/diagrams/a.svg", NULL));
	assert_int_equal(mode_of("out"), 0750);
	assert_int_equal(mode_of("out/new.html"), 0644);
	assert_int_equal(count_ours_beside(), 0);
	/* an empty set; a missing parent is made; an empty existing folder is taken */
	pm_outdir *o = pm_outdir_new(path("a/b/c/"));
	assert_int_equal(pm_outdir_commit(o, &td), 0);
	pm_outdir_free(o);
	char *manifest = read_all("a/b/c/.premarket-manifest", NULL);
	assert_non_null(manifest);
	free(manifest);
	assert_int_equal(mkdir(path("empty"), 0700), 0);
	o = pm_outdir_new(path("empty"));
	pm_outdir_set_sync(o, 1);
	assert_int_equal(pm_outdir_add(o, "x", "x", 1, &td), 0);
	assert_int_equal(pm_outdir_commit(o, &td), 0);
	pm_outdir_free(o);
	assert_content("empty/x", "x");
	assert_int_equal(mode_of("empty"), 0700);
	assert_null(pm_outdir_new(NULL));
	assert_null(pm_outdir_new(""));
	/* the root folder is never replaced */
	o = pm_outdir_new("/");
	assert_int_equal(pm_outdir_start(o, 0, &td), -1);
	assert_non_null(strstr(last_diag(), "root folder"));
	pm_outdir_free(o);
}

/* DIR is not ours: start fails, nothing changes. */
static void assert_refused(const char *want)
{
	pm_diags_free(&td);
	pm_diags_init(&td);
	pm_outdir *o = pm_outdir_new(path("out"));
	assert_int_equal(pm_outdir_start(o, 0, &td), -1);
	assert_int_equal(td.n, 1);
	assert_true(pm_diags_has(&td, PM_ERR_OUTPUT));
	if (!strstr(last_diag(), want))
		fail_msg("'%s' does not say '%s'", last_diag(), want);
	assert_non_null(td.v[0].hint);
	assert_int_equal(pm_outdir_add(o, "x", "x", 1, &td), -1);
	assert_int_equal(pm_outdir_commit(o, &td), -1);
	assert_int_equal(td.n, 1);
	pm_outdir_free(o);
	assert_int_equal(count_ours_beside(), 0);
}

static void test_outdir_refuses_foreign(void **state)
{
	(void)state;
	/* not empty, no manifest */
	previous_build();
	assert_refused("not an output folder of premarket");
	assert_previous_intact();
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", path("out"));
	assert_int_equal(system(cmd), 0);

	/* ours, plus a file, a folder, a symbolic link the manifest does not list */
	assert_int_equal(outdir_build(OLD_SET, 3), 0);
	write_file("out/notes.txt", "mine");
	assert_refused("a file that premarket did not write");
	assert_content("out/notes.txt", "mine");
	assert_int_equal(unlink(path("out/notes.txt")), 0);
	assert_int_equal(mkdir(path("out/mine"), 0777), 0);
	assert_refused("a folder that premarket did not write");
	assert_int_equal(rmdir(path("out/mine")), 0);
	write_file("out/diagrams/mine.svg", "mine");
	assert_refused("a file that premarket did not write");
	assert_string_equal(td.v[0].file, path("out/diagrams/mine.svg"));
	assert_int_equal(unlink(path("out/diagrams/mine.svg")), 0);
	/* an output name that is now a symbolic link or a folder */
	assert_int_equal(rename(path("out/index.html"), path("index.keep")), 0);
	assert_int_equal(symlink("../index.keep", path("out/index.html")), 0);
	assert_refused("a symbolic link that premarket did not write");
	assert_int_equal(unlink(path("out/index.html")), 0);
	assert_int_equal(mkdir(path("out/index.html"), 0777), 0);
	assert_refused("a folder that premarket did not write");
	assert_int_equal(rmdir(path("out/index.html")), 0);
	assert_int_equal(rename(path("index.keep"), path("out/index.html")), 0);
	/* a manifest that is not ours */
	write_file("out/.premarket-manifest", "index.html\n");
	assert_refused("not a manifest premarket wrote");
	write_file("out/.premarket-manifest", MANIFEST_HEAD "\n../../etc/passwd\n");
	assert_refused("not a manifest premarket wrote");
	assert_int_equal(td.v[0].line, 2);
	write_file("out/.premarket-manifest", MANIFEST_HEAD "\nindex.html\nold-only.html\ndiagrams/a.svg\n");
	assert_old_set();
	/* DIR is a file */
	write_file("file", "x");
	pm_outdir *o = pm_outdir_new(path("file"));
	assert_int_equal(pm_outdir_add(o, "x", "x", 1, &td), -1);
	assert_non_null(strstr(last_diag(), strerror(ENOTDIR)));
	pm_outdir_free(o);
	assert_content("file", "x");
	/* a file appears during the build: the commit refuses */
	o = pm_outdir_new(path("out"));
	assert_int_equal(pm_outdir_add(o, "index.html", "new", 3, &td), 0);
	write_file("out/late.txt", "mine");
	assert_int_equal(pm_outdir_commit(o, &td), -1);
	assert_non_null(strstr(last_diag(), "did not write"));
	assert_int_equal(count_ours_beside(), 1); /* the lock, until free */
	pm_outdir_free(o);
	assert_content("out/late.txt", "mine");
	assert_int_equal(unlink(path("out/late.txt")), 0);
	assert_old_set();
	/* a read-only output folder or subfolder */
	if (geteuid() != 0) {
		assert_int_equal(chmod(path("out/diagrams"), 0555), 0);
		assert_refused(strerror(EACCES));
		assert_int_equal(chmod(path("out/diagrams"), 0755), 0);
		assert_int_equal(chmod(path("out"), 0555), 0);
		assert_refused(strerror(EACCES));
		assert_int_equal(chmod(path("out"), 0755), 0);
		assert_old_set();
	}
}

static void test_outdir_failures_keep_previous(void **state)
{
	(void)state;
	assert_int_equal(outdir_build(OLD_SET, 3), 0);
	static const char *const BAD[] = {"", "../x", "a/b/c", ".premarket-manifest", "a\tb", "/x"};
	for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
		pm_outdir *o = pm_outdir_new(path("out"));
		assert_int_equal(pm_outdir_add(o, "index.html", "new", 3, &td), 0);
		assert_int_equal(pm_outdir_add(o, BAD[i], "x", 1, &td), -1);
		assert_non_null(strstr(last_diag(), "output path"));
		assert_int_equal(pm_outdir_commit(o, &td), -1);
		pm_outdir_free(o);
		assert_old_set();
	}
	pm_outdir *o = pm_outdir_new(path("out"));
	assert_int_equal(pm_outdir_add(o, "twice", "1", 1, &td), 0);
	assert_int_equal(pm_outdir_add(o, "twice", "2", 1, &td), -1);
	assert_non_null(strstr(last_diag(), "twice"));
	pm_outdir_free(o);
	assert_old_set();

	/* write(2) fails (file size limit) */
	static char big[64 * 1024];
	struct rlimit old, small;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = 4096;
	void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
	o = pm_outdir_new(path("out"));
	assert_int_equal(pm_outdir_add(o, "index.html", "new", 3, &td), 0);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	int rc = pm_outdir_add(o, "big.html", big, sizeof big, &td);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, old_handler);
	assert_int_equal(rc, -1);
	assert_string_equal(td.v[td.n - 1].file, path("out/big.html"));
	assert_non_null(strstr(last_diag(), strerror(EFBIG)));
	assert_int_equal(count_ours_beside(), 1); /* the staging folder is gone, the lock stays until free */
	assert_int_equal(pm_outdir_commit(o, &td), -1);
	pm_outdir_free(o);
	assert_old_set();

	/* the swap fails */
	fake_errno = EIO;
	static const char *const NEW_SET[] = {"index.html", "new.html"};
	assert_int_equal(outdir_build(NEW_SET, 2), -1);
	assert_non_null(strstr(last_diag(), strerror(EIO)));
	assert_old_set();
	assert_null(read_all("out/new.html", NULL));
}

static void test_outdir_fallback_swap(void **state)
{
	(void)state;
	assert_int_equal(outdir_build(OLD_SET, 3), 0);
	static const char *const NEW_SET[] = {"index.html", "new.html"};
	for (int k = 0; k < 2; k++) {
		fake_errno = k ? ENOSYS : EINVAL;
		assert_int_equal(outdir_build(NEW_SET, 2), 0);
		assert_int_equal(td.n, 0);
		assert_content("out/new.html", "new.html");
		assert_null(read_all("out/old-only.html", NULL));
		assert_int_equal(count_ours_beside(), 0);
	}
	/* the first build into a folder that does not exist needs no swap */

	pm_outdir *o = pm_outdir_new(path("fresh"));
	assert_int_equal(pm_outdir_add(o, "x", "x", 1, &td), 0);
	assert_int_equal(pm_outdir_commit(o, &td), 0);
	pm_outdir_free(o);
	assert_content("fresh/x", "x");
}

/* What a signal handler does, at each point of a set's life. */
static void test_outdir_on_signal(void **state)
{
	(void)state;
	assert_int_equal(outdir_build(OLD_SET, 3), 0);
	pm_outdir_on_signal(); /* no live set: nothing */
	assert_old_set();
	pm_outdir *o = pm_outdir_new(path("out"));
	pm_outdir_on_signal(); /* not started */
	assert_int_equal(pm_outdir_start(o, 0, &td), 0);
	assert_int_equal(count_ours_beside(), 2); /* the lock, the staging folder */
	assert_int_equal(pm_outdir_add(o, "index.html", "new", 3, &td), 0);
	assert_int_equal(pm_outdir_add(o, "diagrams/new.svg", "new", 3, &td), 0);
	errno = EDOM;
	pm_outdir_on_signal();
	assert_int_equal(errno, EDOM);
	assert_old_set(); /* the staging folder and the lock are gone */
	pm_outdir_free(o);
	assert_old_set();
	/* after the swap, the previous set (under the staging name) goes */
	o = pm_outdir_new(path("out"));
	assert_int_equal(pm_outdir_add(o, "index.html", "new", 3, &td), 0);
	assert_int_equal(write_manifest(o, &td), 0);
	assert_int_equal(check_ours(o, &td), 0);
	assert_int_equal(swap(o, &td), 0);
	assert_int_equal(count_ours_beside(), 2);
	pm_outdir_on_signal();
	assert_int_equal(count_ours_beside(), 0);
	assert_content("out/index.html", "new");
	assert_null(read_all("out/old-only.html", NULL));
	pm_outdir_free(o);
}

static void test_outdir_lock_busy(void **state)
{
	(void)state;
	assert_int_equal(outdir_build(OLD_SET, 3), 0);
	pm_outdir *a = pm_outdir_new(path("out"));
	assert_int_equal(pm_outdir_start(a, 0, &td), 0);
	pm_outdir *b = pm_outdir_new(path("out/"));
	assert_int_equal(pm_outdir_start(b, 0, &td), 1);
	assert_int_equal(pm_outdir_holder(b), (long)getpid());
	assert_int_equal(td.n, 0);
	assert_int_equal(pm_outdir_add(a, "index.html", "a", 1, &td), 0);
	assert_int_equal(pm_outdir_commit(a, &td), 0);
	pm_outdir_free(a);
	/* the lock file went with a; b takes a new one */
	assert_int_equal(count_ours_beside(), 0);
	assert_int_equal(pm_outdir_start(b, 0, &td), 0);
	assert_int_equal(pm_outdir_add(b, "index.html", "b", 1, &td), 0);
	assert_int_equal(pm_outdir_commit(b, &td), 0);
	pm_outdir_free(b);
	assert_content("out/index.html", "b");
	assert_int_equal(count_ours_beside(), 0);
	/* a lock file that is a symbolic link is refused */
	assert_int_equal(symlink("elsewhere", path(".out.premarket-lock")), 0);
	a = pm_outdir_new(path("out"));
	assert_int_equal(pm_outdir_start(a, 1, &td), -1);
	assert_non_null(strstr(last_diag(), "lock file"));
	pm_outdir_free(a);
	assert_int_equal(unlink(path(".out.premarket-lock")), 0);
}

#define DEAD "999999999"

static void test_outdir_leftovers(void **state)
{
	(void)state;
	assert_int_equal(outdir_build(OLD_SET, 3), 0);
	/* killed while writing: no manifest */
	assert_int_equal(mkdir(path(".out.premarket-staging-" DEAD "-0000abcd"), 0777), 0);
	assert_int_equal(mkdir(path(".out.premarket-staging-" DEAD "-0000abcd/diagrams"), 0777), 0);
	write_file(".out.premarket-staging-" DEAD "-0000abcd/a.html", "x");
	write_file(".out.premarket-staging-" DEAD "-0000abcd/diagrams/a.svg", "x");
	/* killed while removing a previous set: a manifest, and a file not ours */
	assert_int_equal(mkdir(path(".out.premarket-staging-" DEAD "-0000abce"), 0777), 0);
	write_file(".out.premarket-staging-" DEAD "-0000abce/.premarket-manifest", MANIFEST_HEAD "\nb.html\n");
	write_file(".out.premarket-staging-" DEAD "-0000abce/b.html", "x");
	write_file(".out.premarket-staging-" DEAD "-0000abce/mine.txt", "mine");
	/* a live process's, a name not quite ours, another folder's */
	char live[128];
	snprintf(live, sizeof live, ".out.premarket-staging-%ld-0000abcd", (long)getpid());
	assert_int_equal(mkdir(path(live), 0777), 0);
	assert_int_equal(mkdir(path(".out.premarket-staging-" DEAD "-xyz"), 0777), 0);
	assert_int_equal(mkdir(path(".other.premarket-staging-" DEAD "-0000abcd"), 0777), 0);

	static const char *const NEW_SET[] = {"index.html"};
	assert_int_equal(outdir_build(NEW_SET, 1), 0);
	assert_int_equal(td.n, 1);
	assert_int_equal(td.v[0].sev, PM_WARNING);
	assert_non_null(strstr(td.v[0].msg, "files premarket did not write"));
	assert_non_null(strstr(td.v[0].file, ".out.premarket-kept-"));
	char kept[600];
	snprintf(kept, sizeof kept, "%s/mine.txt", td.v[0].file);
	FILE *f = fopen(kept, "r");
	assert_non_null(f);
	fclose(f);
	struct stat st;
	assert_int_equal(lstat(path(".out.premarket-staging-" DEAD "-0000abcd"), &st), -1);
	assert_int_equal(lstat(path(live), &st), 0);
	assert_int_equal(lstat(path(".out.premarket-staging-" DEAD "-xyz"), &st), 0);
	assert_int_equal(lstat(path(".other.premarket-staging-" DEAD "-0000abcd"), &st), 0);
	assert_content("out/index.html", "index.html");
}

/* A kill between the two renames of the fallback swap: the next build puts
 * the previous set back before anything else. */
static void test_outdir_put_back(void **state)
{
	(void)state;
	assert_int_equal(outdir_build(OLD_SET, 3), 0);
	assert_int_equal(rename(path("out"), path(".out.premarket-old-" DEAD "-0000abcd")), 0);
	assert_int_equal(mkdir(path(".out.premarket-staging-" DEAD "-0000abcd"), 0777), 0);
	write_file(".out.premarket-staging-" DEAD "-0000abcd/index.html", "half");
	pm_outdir *o = pm_outdir_new(path("out"));
	assert_int_equal(pm_outdir_start(o, 0, &td), 0);
	assert_int_equal(td.n, 1);
	assert_int_equal(td.v[0].sev, PM_WARNING);
	assert_non_null(strstr(td.v[0].msg, "put back the previous outputs"));
	pm_outdir_free(o);
	assert_old_set();
}

/* The set as a pm_sink: files through put, published by commit; a failing
 * put or commit is a PM_ERR_OUTPUT error naming the cause. */
static void test_outdir_sink(void **state)
{
	(void)state;
	pm_diags d;
	pm_diags_init(&d);
	pm_outdir *o = pm_outdir_new(path("out"));
	pm_sink s = pm_outdir_sink(o);
	assert_ptr_equal(s.ud, o);
	assert_int_equal(s.put(s.ud, "index.html", "new index", 9, &d), 0);
	assert_int_equal(s.commit(s.ud, &d), 0);
	assert_int_equal(d.n, 0);
	assert_content("out/index.html", "new index");
	/* once only */
	assert_int_equal(s.commit(s.ud, &d), -1);
	assert_true(pm_diags_has(&d, PM_ERR_USAGE));
	pm_outdir_free(o);
	pm_diags_free(&d);

	pm_diags_init(&d);
	o = pm_outdir_new(path("out"));
	s = pm_outdir_sink(o);
	assert_int_equal(s.put(s.ud, "../x.html", "x", 1, &d), -1);
	assert_int_equal(d.n, 1);
	assert_true(pm_diags_has(&d, PM_ERR_OUTPUT));
	assert_null(d.v[0].file);
	assert_non_null(strstr(d.v[0].msg, "cannot write the outputs: output path '../x.html'"));
	assert_int_equal(s.commit(s.ud, &d), -1);
	assert_int_equal(d.n, 1);
	pm_outdir_free(o);
	pm_diags_free(&d);

	/* a commit that cannot create the folder */
	pm_diags_init(&d);
	o = pm_outdir_new(path("out/index.html/sub"));
	s = pm_outdir_sink(o);
	assert_int_equal(s.commit(s.ud, &d), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].kind, PM_ERR_OUTPUT);
	assert_non_null(strstr(d.v[0].msg, strerror(ENOTDIR)));
	pm_outdir_free(o);
	pm_diags_free(&d);
	assert_content("out/index.html", "new index");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_commit_writes_all, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_replace_and_second_batch, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_empty_commit_creates_dir, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_failure_file_in_the_way, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_failure_directory_in_the_way, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_failure_read_only_dir, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_failure_write_error, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_bad_relpaths, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_free_uncommitted, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_temp_name_taken, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_outdir_replaces_whole_set, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_outdir_refuses_foreign, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_outdir_failures_keep_previous, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_outdir_fallback_swap, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_outdir_on_signal, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_outdir_lock_busy, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_outdir_leftovers, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_outdir_put_back, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_outdir_sink, setup, teardown),
	};
	return cmocka_run_group_tests_name("output", tests, NULL, NULL);
}
