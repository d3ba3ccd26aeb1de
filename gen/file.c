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

static int fail(const pm_file_at *at, pm_diags *d, const char *fmt, const char *path, const char *why)
{
	if (at && at->file)
		return pm_diag_add(d, PM_ERROR, PM_ERR_IO, at->file, at->line, at->col, fmt, path, why);
	return pm_diag_add(d, PM_ERROR, PM_ERR_IO, NULL, 0, 0, fmt, path, why);
}

int pm_file_read(const char *path, size_t max, unsigned flags, const pm_file_at *at, pm_buf *out,
		 pm_diags *d)
{
	if (!max)
		max = PM_FILE_DEFAULT_MAX;
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT && (flags & PM_FILE_MISSING_OK))
			return 1;
		return fail(at, d, "cannot open %s: %s", path, strerror(errno));
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return fail(at, d, "%s is not a regular file%s", path, "");
	}
	char lim[64];
	snprintf(lim, sizeof lim, "%zu bytes", max);
	if ((unsigned long long)st.st_size > max) {
		close(fd);
		return fail(at, d, "%s is larger than the limit of %s", path, lim);
	}
	size_t start = out->len;
	/* room for the size fstat() gave, plus one byte to see the end of file */
	if (pm_buf_put(out, "", 0) < 0 || out->limit - out->len < (size_t)st.st_size + 1) {
		close(fd);
		return fail(at, d, "%s is larger than the output buffer's limit%s", path, "");
	}
	out->data = pm_xgrow(out->data, &out->cap, out->len + (size_t)st.st_size + 2, 1);
	for (;;) {
		if (out->cap - out->len < 2) {
			if (out->len - start >= max) {
				close(fd);
				pm_buf_truncate(out, start);
				return fail(at, d, "%s grew beyond the size limit while reading%s", path, "");
			}
			out->data = pm_xgrow(out->data, &out->cap, out->len + 65536, 1);
		}
		ssize_t r = read(fd, out->data + out->len, out->cap - out->len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			close(fd);
			pm_buf_truncate(out, start);
			return fail(at, d, "cannot read %s: %s", path, strerror(e));
		}
		if (r == 0)
			break;
		out->len += (size_t)r;
		if (out->len - start > max || out->len > out->limit) {
			close(fd);
			pm_buf_truncate(out, start);
			return fail(at, d, "%s grew beyond the size limit while reading%s", path, "");
		}
	}
	out->data[out->len] = '\0';
	close(fd);
	return 0;
}
