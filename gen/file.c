/* file.c — read a whole regular input file under a size cap (see file.h). */
#include "file.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif

#define PM_FILE_DEFAULT_MAX ((size_t)64 << 20)

/* Why a read failed: the message naming the path (path, then why), and the
 * one for PM_FILE_AT_PATH, located at the path (why only). */
enum { F_OPEN, F_TYPE, F_SIZE, F_BUF, F_GREW, F_READ };
static const struct {
	const char *named, *at_path;
} msgs[] = {
        [F_OPEN] = {"cannot open %s: %s", "cannot open: %s"},
        [F_TYPE] = {"%s is not a regular file", "not a regular file"},
        [F_SIZE] = {"%s is larger than the limit of %s", "larger than the limit of %s"},
        [F_BUF] = {"%s is larger than the output buffer's limit", "larger than the output buffer's limit"},
        [F_GREW] = {"%s grew beyond the size limit while reading", "grew beyond the size limit while reading"},
        [F_READ] = {"cannot read %s: %s", "cannot read: %s"},
};

static int fail(const pm_file_at *at, unsigned flags, pm_diags *d, int why_k, const char *path, const char *why)
{
	if (flags & PM_FILE_AT_PATH)
		return pm_diag_add(d, PM_ERROR, PM_ERR_IO, path, 0, 0, msgs[why_k].at_path, why);
	if (at && at->file)
		return pm_diag_add(d, PM_ERROR, PM_ERR_IO, at->file, at->line, at->col, msgs[why_k].named, path, why);
	return pm_diag_add(d, PM_ERROR, PM_ERR_IO, NULL, 0, 0, msgs[why_k].named, path, why);
}

int pm_file_open(const char *path, struct stat *st)
{
	/* O_NONBLOCK: opening a FIFO without a writer, or a device, returns at
	 * once instead of waiting; the type is checked on what was opened (no
	 * stat-then-open race); then the descriptor blocks again, as a regular
	 * file's reads do anyway.  Symbolic links are followed: see file.h. */
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int fl;
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
		close(fd);
		return -2;
	}
	if ((fl = fcntl(fd, F_GETFL)) == -1 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == -1) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

/* Append what fd holds, up to max bytes, to out; size is what fstat()
 * said (0 for a pipe).  0, or -1 with the reason at `at`/path. */
static int read_fd(int fd, const char *path, size_t size, size_t max, unsigned flags, const pm_file_at *at, pm_buf *out,
                   pm_diags *d)
{
	size_t start = out->len;
	/* past max: a regular file grew while read; a pipe is simply too large */
	char lim[64];
	snprintf(lim, sizeof lim, "%zu bytes", max);
	int over = size ? F_GREW : F_SIZE;
	/* room for the size fstat() gave, plus one byte to see the end of file */
	if (pm_buf_put(out, "", 0) < 0 || out->limit - out->len < size + 1)
		return fail(at, flags, d, F_BUF, path, "");
	out->data = pm_xgrow(out->data, &out->cap, out->len + size + 2, 1);
	for (;;) {
		if (out->cap - out->len < 2) {
			if (out->len - start >= max) {
				pm_buf_truncate(out, start);
				return fail(at, flags, d, over, path, lim);
			}
			out->data = pm_xgrow(out->data, &out->cap, out->len + 65536, 1);
		}
		ssize_t r = read(fd, out->data + out->len, out->cap - out->len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			pm_buf_truncate(out, start);
			return fail(at, flags, d, F_READ, path, strerror(e));
		}
		if (r == 0)
			break;
		out->len += (size_t)r;
		if (out->len - start > max || out->len > out->limit) {
			pm_buf_truncate(out, start);
			return fail(at, flags, d, over, path, lim);
		}
	}
	out->data[out->len] = '\0';
	return 0;
}

int pm_file_read_fd(int fd, const char *name, size_t max, pm_buf *out, pm_diags *d)
{
	return read_fd(fd, name, 0, max ? max : PM_FILE_DEFAULT_MAX, PM_FILE_AT_PATH, NULL, out, d);
}

int pm_file_read(const char *path, size_t max, unsigned flags, const pm_file_at *at, pm_buf *out, pm_diags *d)
{
	if (!max)
		max = PM_FILE_DEFAULT_MAX;
	struct stat st;
	int fd = pm_file_open(path, &st);
	if (fd < 0) {
		if (fd == -2)
			return fail(at, flags, d, F_TYPE, path, "");
		if (errno == ENOENT && (flags & PM_FILE_MISSING_OK))
			return 1;
		return fail(at, flags, d, F_OPEN, path, strerror(errno));
	}
	char lim[64];
	snprintf(lim, sizeof lim, "%zu bytes", max);
	if ((unsigned long long)st.st_size > max) {
		close(fd);
		return fail(at, flags, d, F_SIZE, path, lim);
	}
	int rc = read_fd(fd, path, (size_t)st.st_size, max, flags, at, out, d);
	close(fd);
	return rc;
}
