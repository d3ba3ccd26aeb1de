/* test_output.c — atomic output sets, the directory sink (gen/sink_dir.c):
 * commit writes every file with the right content and modes; a failure
 * anywhere before the renames (a file where a directory must go, a directory
 * where a file must go, a read-only directory, a write error) leaves the
 * previous outputs untouched and no temporary file behind; bad relpaths are
 * refused; an uncommitted set removes its temporary files; as a pm_sink,
 * failures are PM_ERR_OUTPUT diagnostics.
 *
 * sink_dir.c is compiled into this test, which can then see its temp
 * counter. */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sink_dir.c"

static char base[256];

static int setup(void **state)
{
	(void)state;
	snprintf(base, sizeof base, "/tmp/pm-test-output-XXXXXX");
	umask(022);
	return mkdtemp(base) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
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
	char err[256] = "unchanged";
	pm_outset *o = pm_outset_new(path("new/deep/out"));
	assert_non_null(o);
	assert_int_equal(pm_outset_add(o, "index.html", "<p>index</p>", 12), 0);
	assert_int_equal(pm_outset_add(o, "html/a.html", "A", 1), 0);
	assert_int_equal(pm_outset_add(o, "html/b.html", "B", 1), 0);
	assert_int_equal(pm_outset_add(o, "data.bin", BIN, sizeof BIN - 1), 0);
	assert_int_equal(pm_outset_add(o, "empty.txt", NULL, 0), 0);

	/* before commit: only temporary files, beside their final names */
	assert_null(read_all("new/deep/out/index.html", NULL));
	assert_int_equal(count_temps(path("new/deep/out")), 5);
	assert_int_equal(count_temps(path("new/deep/out/html")), 2);

	assert_int_equal(pm_outset_commit(o, err, sizeof err), 0);
	assert_string_equal(err, "unchanged");
	assert_string_equal(pm_outset_error(o), "");
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
	assert_int_equal(pm_outset_add(o, "index.html", "new index", 9), 0);
	assert_int_equal(pm_outset_add(o, "html/r.html", "new r", 5), 0);
	assert_content("out/index.html", "old index"); /* nothing replaced before commit */
	assert_int_equal(pm_outset_commit(o, NULL, 0), 0);
	assert_content("out/index.html", "new index");
	assert_content("out/html/r.html", "new r");
	assert_content("out/a.html", "old a");
	assert_content("out/keep.txt", "not part of the set");

	/* the set takes a new batch after a commit */
	assert_int_equal(pm_outset_add(o, "a.html", "new a", 5), 0);
	assert_int_equal(pm_outset_add(o, "index.html", "newer index", 11), 0);
	assert_int_equal(pm_outset_commit(o, NULL, 0), 0);
	assert_content("out/a.html", "new a");
	assert_content("out/index.html", "newer index");
	assert_int_equal(count_temps(base), 0);
	pm_outset_free(o);
}

static void test_empty_commit_creates_dir(void **state)
{
	(void)state;
	pm_outset *o = pm_outset_new(path("a/b/c/"));
	assert_int_equal(pm_outset_commit(o, NULL, 0), 0);
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
	char err[512];
	previous_build();
	write_file("out/sub", "a file, not a directory");
	pm_outset *o = pm_outset_new(path("out"));
	assert_int_equal(pm_outset_add(o, "index.html", "new index", 9), 0);
	assert_int_equal(pm_outset_add(o, "a.html", "new a", 5), 0);
	assert_int_equal(pm_outset_add(o, "sub/x.html", "x", 1), -1);
	assert_non_null(strstr(pm_outset_error(o), path("out/sub")));
	assert_non_null(strstr(pm_outset_error(o), strerror(ENOTDIR)));
	/* the set has failed: later adds and the commit are refused */
	assert_int_equal(pm_outset_add(o, "html/r.html", "new r", 5), -1);
	assert_int_equal(pm_outset_commit(o, err, sizeof err), -1);
	assert_non_null(strstr(err, "cannot create directory"));
	assert_non_null(strstr(err, strerror(ENOTDIR)));
	assert_previous_intact();
	pm_outset_free(o);
	assert_previous_intact();
}

/* A directory where a file must go: caught before the first rename. */
static void test_failure_directory_in_the_way(void **state)
{
	(void)state;
	char err[512];
	previous_build();
	assert_int_equal(mkdir(path("out/b.html"), 0777), 0);
	pm_outset *o = pm_outset_new(path("out"));
	assert_int_equal(pm_outset_add(o, "index.html", "new index", 9), 0);
	assert_int_equal(pm_outset_add(o, "a.html", "new a", 5), 0);
	assert_int_equal(pm_outset_add(o, "b.html", "new b", 5), 0);
	assert_int_equal(pm_outset_commit(o, err, sizeof err), -1);
	assert_non_null(strstr(err, path("out/b.html")));
	assert_non_null(strstr(err, strerror(EISDIR)));
	assert_string_equal(pm_outset_error(o), err);
	assert_previous_intact();
	pm_outset_free(o);
	assert_previous_intact();
}

static void test_failure_read_only_dir(void **state)
{
	(void)state;
	char err[512];
	if (geteuid() == 0) {
		fprintf(stderr, "test_failure_read_only_dir: skipped (root ignores permissions)\n");
		skip();
	}
	previous_build();
	assert_int_equal(chmod(path("out/html"), 0555), 0);
	pm_outset *o = pm_outset_new(path("out"));
	assert_int_equal(pm_outset_add(o, "index.html", "new index", 9), 0);
	assert_int_equal(pm_outset_add(o, "html/r.html", "new r", 5), -1);
	assert_non_null(strstr(pm_outset_error(o), path("out/html/r.html")));
	assert_non_null(strstr(pm_outset_error(o), strerror(EACCES)));
	assert_int_equal(pm_outset_commit(o, err, sizeof err), -1);
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
	assert_int_equal(pm_outset_add(o, "index.html", "new index", 9), 0);
	int rc = pm_outset_add(o, "a.html", big, sizeof big);

	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, old_handler);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(pm_outset_error(o), "cannot write"));
	assert_non_null(strstr(pm_outset_error(o), strerror(EFBIG)));
	assert_int_equal(pm_outset_commit(o, NULL, 0), -1);
	assert_previous_intact();
	pm_outset_free(o);
}

static void test_bad_relpaths(void **state)
{
	(void)state;
	static const char *const BAD[] = {
	        "",  "/etc/passwd", "../x.html", "a/../b.html", "html/..",    "./a.html", "a/./b",
	        ".", "..",          "a//b.html", "html/",       "a/b/c.html", "/",        "//x",
	};
	for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
		pm_outset *o = pm_outset_new(path("bad"));
		assert_int_equal(pm_outset_add(o, BAD[i], "x", 1), -1);
		assert_non_null(strstr(pm_outset_error(o), "output path"));
		assert_int_equal(pm_outset_commit(o, NULL, 0), -1);
		pm_outset_free(o);
	}
	pm_outset *o = pm_outset_new(path("bad"));
	assert_int_equal(pm_outset_add(o, NULL, "x", 1), -1);
	pm_outset_free(o);
	o = pm_outset_new(path("bad"));
	assert_int_equal(pm_outset_add(o, "x", NULL, 1), -1);
	pm_outset_free(o);

	/* the same path twice */
	o = pm_outset_new(path("bad"));
	assert_int_equal(pm_outset_add(o, "html/a.html", "1", 1), 0);
	assert_int_equal(pm_outset_add(o, "html/a.html", "2", 1), -1);
	assert_non_null(strstr(pm_outset_error(o), "twice"));
	assert_int_equal(pm_outset_commit(o, NULL, 0), -1);
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
	assert_int_equal(pm_outset_add(o, "index.html", "new index", 9), 0);
	assert_int_equal(pm_outset_add(o, "html/new.html", "n", 1), 0);
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
	assert_int_equal(pm_outset_add(o, "a.html", "fresh", 5), 0);
	assert_int_equal(pm_outset_commit(o, NULL, 0), 0);
	pm_outset_free(o);
	assert_content("out/a.html", "fresh");
	assert_content(name, "stale");
	assert_int_equal(count_temps(base), 3);
}

/* The set as a pm_sink: files through put, published by commit; a failing
 * put or commit is a PM_ERR_OUTPUT error naming the cause. */
static void test_sink(void **state)
{
	(void)state;
	pm_diags d;
	pm_diags_init(&d);
	previous_build();
	pm_outset *o = pm_outset_new(path("out"));
	pm_sink s = pm_outset_sink(o);
	assert_ptr_equal(s.ud, o);
	assert_int_equal(s.put(s.ud, "index.html", "new index", 9, &d), 0);
	assert_int_equal(s.commit(s.ud, &d), 0);
	assert_int_equal(d.n, 0);
	assert_content("out/index.html", "new index");

	assert_int_equal(s.put(s.ud, "../x.html", "x", 1, &d), -1);
	assert_int_equal(d.n, 1);
	assert_true(pm_diags_has(&d, PM_ERR_OUTPUT));
	assert_null(d.v[0].file);
	assert_non_null(strstr(d.v[0].msg, "cannot write the outputs: output path '../x.html'"));
	assert_int_equal(s.commit(s.ud, &d), -1);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.v[1].kind, PM_ERR_OUTPUT);
	pm_outset_free(o);
	pm_diags_free(&d);

	/* a commit that cannot create the folder */
	pm_diags_init(&d);
	o = pm_outset_new(path("out/index.html/sub"));
	s = pm_outset_sink(o);
	assert_int_equal(s.commit(s.ud, &d), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].kind, PM_ERR_OUTPUT);
	assert_non_null(strstr(d.v[0].msg, strerror(ENOTDIR)));
	pm_outset_free(o);
	pm_diags_free(&d);
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
	        cmocka_unit_test_setup_teardown(test_sink, setup, teardown),
	};
	return cmocka_run_group_tests_name("output", tests, NULL, NULL);
}
