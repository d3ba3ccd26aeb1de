/* test_util.c — the shared small things of the library: the size-capped
 * file reader (gen/file.c), dates (gen/date.c), the string map
 * (gen/strmap.c) and buffer rollback and overflow reporting (gen/buf.c). */
#include "testutil.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "date.h"
#include "file.h"
#include "premarket/buf.h"
#include "premarket/diag.h"
#include "strmap.h"

static char dir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/pm-test-util-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static const char *write_file(const char *name, const char *content, size_t len)
{
	static char p[512];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(content, 1, len, f), len);
	fclose(f);
	return p;
}

static void test_file_read(void **state)
{
	(void)state;
	pm_buf b;
	pm_diags d;
	pm_buf_init(&b, 0);
	pm_diags_init(&d);
	const char *p = write_file("a.txt", "hello\0world", 11);
	pm_buf_puts(&b, "kept:");
	assert_int_equal(pm_file_read(p, 0, 0, NULL, &b, &d), 0);
	assert_int_equal(b.len, 16);
	assert_memory_equal(b.data, "kept:hello\0world", 16);
	assert_int_equal(b.data[b.len], '\0');
	assert_int_equal(d.n, 0);

	/* the cap: a file one byte over it is refused, the buffer is unchanged */
	pm_buf_clear(&b);
	assert_int_equal(pm_file_read(p, 10, 0, NULL, &b, &d), -1);
	assert_int_equal(b.len, 0);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].kind, PM_ERR_IO);
	assert_non_null(strstr(d.v[0].msg, "larger than the limit of 10 bytes"));
	assert_int_equal(pm_file_read(p, 11, 0, NULL, &b, &d), 0);
	assert_int_equal(b.len, 11);

	/* an empty file is an empty, NUL-terminated buffer */
	pm_buf_free(&b);
	assert_int_equal(pm_file_read(write_file("empty", "", 0), 0, 0, NULL, &b, &d), 0);
	assert_non_null(b.data);
	assert_int_equal(b.len, 0);
	pm_buf_free(&b);
	pm_diags_free(&d);
}

static void test_file_refused(void **state)
{
	(void)state;
	pm_buf b;
	pm_diags d;
	pm_buf_init(&b, 0);
	pm_diags_init(&d);
	char missing[300];
	snprintf(missing, sizeof missing, "%s/no-such-file", dir);
	/* missing: an error, or quietly 1 when the caller allows it */
	assert_int_equal(pm_file_read(missing, 0, PM_FILE_MISSING_OK, NULL, &b, &d), 1);
	assert_int_equal(d.n, 0);
	pm_file_at at = {"model.yaml", 3, 5};
	assert_int_equal(pm_file_read(missing, 0, 0, &at, &b, &d), -1);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, "model.yaml");
	assert_int_equal(d.v[0].line, 3);
	assert_int_equal(d.v[0].col, 5);
	assert_non_null(strstr(d.v[0].msg, "cannot open"));
	/* a directory is not a regular file */
	assert_int_equal(pm_file_read(dir, 0, 0, NULL, &b, &d), -1);
	assert_non_null(strstr(d.v[1].msg, "is not a regular file"));
	/* a FIFO with no writer neither blocks the open nor is read */
	char fifo[300];
	snprintf(fifo, sizeof fifo, "%s/fifo", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(pm_file_read(fifo, 0, 0, NULL, &b, &d), -1);
	assert_non_null(strstr(d.v[2].msg, "is not a regular file"));
	assert_int_equal(b.len, 0);
	pm_buf_free(&b);
	pm_diags_free(&d);
}

static void test_dates(void **state)
{
	(void)state;
	int y = 0, mo = 0, dd = 0;
	assert_int_equal(pm_date_check("2024-02-29", 10, &y, &mo, &dd), PM_DATE_OK);
	assert_int_equal(y, 2024);
	assert_int_equal(mo, 2);
	assert_int_equal(dd, 29);
	assert_int_equal(pm_date_check("2023-02-29", 10, NULL, NULL, NULL), PM_DATE_DAY);
	assert_int_equal(pm_date_check("2000-02-29", 10, NULL, NULL, NULL), PM_DATE_OK);
	assert_int_equal(pm_date_check("2100-02-29", 10, NULL, NULL, NULL), PM_DATE_DAY);
	assert_int_equal(pm_date_check("1899-12-31", 10, NULL, NULL, NULL), PM_DATE_YEAR);
	assert_int_equal(pm_date_check("2024-00-10", 10, NULL, NULL, NULL), PM_DATE_MONTH);
	assert_int_equal(pm_date_check("2024-1-10", 9, NULL, NULL, NULL), PM_DATE_SHAPE);
	assert_int_equal(pm_date_check("2024-01-1x", 10, NULL, NULL, NULL), PM_DATE_SHAPE);
	/* only n bytes are looked at: a timestamp's date part */
	assert_int_equal(pm_date_check("2024-01-10T10:00:00Z", 10, NULL, NULL, NULL), PM_DATE_OK);
	char buf[64];
	assert_string_equal(pm_date_hint("2023-02-29", buf, sizeof buf), "2023-02 has days 01 to 28");
	assert_string_equal(pm_date_hint("2024-13-01", buf, sizeof buf), "months are 01 to 12");
	assert_string_equal(pm_date_hint("1800-01-01", buf, sizeof buf), "years before 1900 are not accepted");
	assert_string_equal(pm_date_hint("31.03.2026", buf, sizeof buf), "write dates as YYYY-MM-DD, e.g. 2026-03-31");
	assert_string_equal(pm_date_from_epoch(0, buf), "1970-01-01");
	assert_string_equal(pm_date_from_epoch(1709164800, buf), "2024-02-29");
	assert_null(pm_date_from_epoch(-1, buf));
}

static void test_strmap(void **state)
{
	(void)state;
	pm_strmap m;
	pm_strmap_init(&m);
	size_t v = 99;
	assert_int_equal(pm_strmap_get(&m, "a", &v), 0);
	assert_int_equal(pm_strmap_get(&m, NULL, &v), 0);
	assert_int_equal(pm_strmap_set(&m, "a", 1), -1);
	/* enough keys to grow the table several times */
	enum { N = 5000 };
	static char keys[N][16];
	for (size_t i = 0; i < N; i++) {
		snprintf(keys[i], sizeof keys[i], "k%zu", i);
		assert_int_equal(pm_strmap_put(&m, keys[i], i, NULL), 1);
	}
	assert_int_equal(m.n, N);
	assert_true(m.cap >= 2 * N);
	for (size_t i = 0; i < N; i++) {
		assert_int_equal(pm_strmap_get(&m, keys[i], &v), 1);
		assert_int_equal(v, i);
	}
	/* a second put keeps the first value and reports it */
	char again[] = "k42";
	assert_int_equal(pm_strmap_put(&m, again, 7, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(pm_strmap_set(&m, "k42", 7), 0);
	assert_int_equal(pm_strmap_get(&m, "k42", &v), 1);
	assert_int_equal(v, 7);
	assert_int_equal(pm_strmap_get(&m, "k5000", NULL), 0);
	pm_strmap_free(&m);
	assert_int_equal(m.n, 0);
}

static void test_buf_rollback(void **state)
{
	(void)state;
	pm_buf b;
	pm_diags d;
	pm_buf_init(&b, 8);
	pm_diags_init(&d);
	pm_buf_puts(&b, "abcd");
	size_t mark = b.len;
	pm_buf_puts(&b, "ef");
	pm_buf_truncate(&b, mark);
	assert_string_equal(b.data, "abcd");
	pm_buf_truncate(&b, 100); /* longer than the content: ignored */
	assert_int_equal(b.len, 4);
	assert_int_equal(pm_buf_done(&b, 0, "the thing", &d), 0);
	assert_int_equal(pm_buf_puts(&b, "too long"), -1);
	assert_string_equal(b.data, "abcd");
	assert_int_equal(pm_buf_done(&b, 2, "the thing", &d), -1);
	assert_string_equal(b.data, "ab"); /* rolled back to the mark */
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].kind, PM_ERR_OUTPUT);
	assert_string_equal(d.v[0].msg, "the thing is larger than the output limit of 8 bytes");
	pm_buf_free(&b);
	pm_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_file_read, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_file_refused, setup, teardown),
	        cmocka_unit_test(test_dates),
	        cmocka_unit_test(test_strmap),
	        cmocka_unit_test(test_buf_rollback),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
