/* sink_util.h — what the two directory sinks share (sink_dir.c: files into
 * a folder of the user's, outdir.c: an output folder replaced as a whole).
 * Not a public header.  Each returns 0, or -1 with errno set; the callers
 * turn that into a diagnostic. */
#ifndef PM_SINK_UTIL_H
#define PM_SINK_UTIL_H

#include <stddef.h>

/** NULL when relpath is acceptable ("name" or "sub/name": no empty, "." or
 *  ".." component, not absolute, at most one folder level, no control
 *  character), else why not ("is absolute", ...). */
const char *pm_sink_relpath_problem(const char *rel);

/** mkdir -p path (mode 0777 & ~umask).  An existing non-folder fails with
 *  ENOTDIR.  On failure *failed_at (when failed_at is not NULL) is the
 *  allocated path of the component that could not be made. */
int pm_sink_mkdirs(const char *path, char **failed_at);

/** write(2) all of p[0..len), going on after EINTR. */
int pm_sink_write_all(int fd, const void *p, size_t len);

/** fsync a folder; file systems that cannot (EINVAL) are no error. */
int pm_sink_sync_dir(const char *dir);

#endif
