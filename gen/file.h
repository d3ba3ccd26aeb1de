/* file.h — the one way the library reads an input file: whole, size-capped,
 * regular files only.  Not a public header.
 *
 * The file is opened with O_RDONLY|O_NOCTTY|O_NONBLOCK|O_CLOEXEC (a FIFO or
 * a device cannot block the open), checked with fstat() to be a regular
 * file before any byte is read, and read up to max bytes; a file that grows
 * past max while it is read is refused too. */
#ifndef PM_FILE_H
#define PM_FILE_H

#include <stddef.h>

#include "premarket/buf.h"
#include "premarket/diag.h"

/** Where a failure is reported: the place that named the file (an include:
 *  line, say), or no location when file is NULL. */
typedef struct pm_file_at {
	const char *file;
	unsigned line, col;
} pm_file_at;

enum {
	/** A missing file (ENOENT) is not an error: pm_file_read returns 1 and adds nothing. */
	PM_FILE_MISSING_OK = 1u << 0,
	/** Report a failure at the file itself (file = path, no line) and leave
	 *  the path out of the message: "path: error: cannot open: reason".
	 *  For a file named on the command line; `at` is then not used. */
	PM_FILE_AT_PATH = 1u << 1
};

/**
 * Append the whole content of the regular file `path` (at most max bytes;
 * 0 = 64 MiB) to out, which stays NUL-terminated.  Returns 0; 1 for a
 * missing file with PM_FILE_MISSING_OK; -1 with a PM_ERR_IO diagnostic in d
 * at `at` (may be NULL) naming the path and the reason (cannot open, not a
 * regular file, larger than the limit, grew while read, read error).  On
 * failure out holds what it held before.
 */
int pm_file_read(const char *path, size_t max, unsigned flags, const pm_file_at *at, pm_buf *out, pm_diags *d);

#endif
