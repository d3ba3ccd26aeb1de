/* sink_dir.c — a few files written into a folder of the user's, each one
 * replaced atomically (see premarket/sink_dir.h), and the helpers both
 * directory sinks share (sink_util.h).
 *
 * Each file goes to "<dir>[/sub]/.<name>.tmp-<pid>-<n>", opened with O_EXCL
 * so a stale or foreign file is never reused; rename(2) within one directory
 * then replaces the final name atomically.  A failure removes every temp
 * file the set still owns.  The build's output folder, replaced as a whole,
 * is outdir.c. */
#include "premarket/sink_dir.h"
#include "sink_util.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define TMP_TRIES 100 /* fresh temp names tried when one exists already */

/* ---- shared helpers (sink_util.h) ------------------------------------------------ */

const char *pm_sink_relpath_problem(const char *rel)
{
	size_t levels = 0;
	if (!*rel)
		return "is empty";
	if (*rel == '/')
		return "is absolute";
	for (const char *p = rel; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return "has a control character";
	for (const char *p = rel;; levels++) {
		const char *end = strchr(p, '/');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n == 0)
			return "has an empty component";
		if ((n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return "has a '.' or '..' component";
		if (!end)
			break;
		p = end + 1;
	}
	if (levels > 1)
		return "has more than one directory level";
	return NULL;
}

int pm_sink_mkdirs(const char *path, char **failed_at)
{
	char *p = pm_xstrdup(path);
	int rc = 0;
	for (char *s = p + 1;; s++) {
		int last = *s == '\0';
		struct stat st;
		if (*s != '/' && !last)
			continue;
		if (s[-1] == '/') { /* "a//b" or a trailing '/' */
			if (last)
				break;
			continue;
		}
		*s = '\0';
		if (mkdir(p, 0777) < 0) {
			int e = errno;
			if (e == EEXIST)
				e = stat(p, &st) < 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
			if (e) {
				if (failed_at)
					*failed_at = pm_xstrdup(p);
				errno = e;
				rc = -1;
				break;
			}
		}
		if (last)
			break;
		*s = '/';
	}
	free(p);
	return rc;
}

int pm_sink_write_all(int fd, const void *data, size_t len)
{
	const unsigned char *p = data;
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int pm_sink_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fsync(fd) < 0 && errno != EINVAL) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	close(fd);
	return 0;
}

/* ---- pm_outset ---------------------------------------------------------------------- */

typedef struct outfile {
	char *rel;   /* relpath as given */
	char *final; /* <dir>/<relpath> */
	char *tmp;   /* the temp file, or NULL once renamed or removed */
} outfile;

struct pm_outset {
	char *dir;
	outfile *v;
	size_t n, cap;
	int sync;
	int failed;
};

/* Temp-file counter, shared by every set of the process so that two sets
 * writing one directory never race for the same name. */
static unsigned long tmp_seq;

/* The set fails with a PM_ERR_OUTPUT error about file (NULL: none). */
static int set_failed(pm_outset *o, pm_diags *d, const char *file, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

static int set_failed(pm_outset *o, pm_diags *d, const char *file, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pm_diag_vadd(d, PM_ERROR, PM_ERR_OUTPUT, file, 0, 0, fmt, ap);
	va_end(ap);
	o->failed = 1;
	return -1;
}

/* Remove every temp file still owned and forget the files. */
static void drop_all(pm_outset *o)
{
	for (size_t i = 0; i < o->n; i++) {
		if (o->v[i].tmp)
			unlink(o->v[i].tmp);
		free(o->v[i].tmp);
		free(o->v[i].final);
		free(o->v[i].rel);
	}
	o->n = 0;
}

pm_outset *pm_outset_new(const char *dir)
{
	pm_outset *o;
	if (!dir || !*dir)
		return NULL;
	o = pm_xcalloc(1, sizeof *o);
	o->dir = pm_xstrdup(dir);
	return o;
}

void pm_outset_set_sync(pm_outset *o, int on)
{
	o->sync = on != 0;
}

void pm_outset_free(pm_outset *o)
{
	if (!o)
		return;
	drop_all(o);
	free(o->v);
	free(o->dir);
	free(o);
}

static int make_dirs(pm_outset *o, const char *path, pm_diags *d)
{
	char *at = NULL;
	if (pm_sink_mkdirs(path, &at) == 0)
		return 0;
	int e = errno;
	set_failed(o, d, at, "cannot create the folder: %s", strerror(e));
	free(at);
	return -1;
}

/* Create a fresh temp file for "<where>/<name>"; sets *tmp, returns the fd. */
static int open_temp(pm_outset *o, const char *where, const char *name, const char *final, char **tmp, pm_diags *d)
{
	for (int i = 0; i < TMP_TRIES; i++) {
		char *t = pm_xasprintf("%s/.%s.tmp-%ld-%lu", where, name, (long)getpid(), tmp_seq++);
		int fd = open(t, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd >= 0) {
			*tmp = t;
			return fd;
		}
		if (errno != EEXIST || i + 1 == TMP_TRIES) {
			int e = errno;
			set_failed(o, d, final, "cannot create the temporary file '%s': %s", t, strerror(e));
			free(t);
			return -1;
		}
		free(t);
	}
	return -1;
}

int pm_outset_add(pm_outset *o, const char *relpath, const void *data, size_t len, pm_diags *d)
{
	const char *why, *slash, *name;
	char *where, *final, *tmp = NULL;
	int fd;

	if (o->failed)
		return -1;
	if (!relpath)
		return set_failed(o, d, NULL, "cannot write the outputs: output path is missing");
	if ((why = pm_sink_relpath_problem(relpath)) != NULL)
		return set_failed(o, d, NULL, "cannot write the outputs: output path '%s' %s", relpath, why);
	if (!data && len)
		return set_failed(o, d, NULL, "cannot write the outputs: output '%s': no data", relpath);
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->v[i].rel, relpath) == 0)
			return set_failed(o, d, NULL, "cannot write the outputs: output path '%s' is written twice",
			                  relpath);

	slash = strchr(relpath, '/');
	name = slash ? slash + 1 : relpath;
	where = slash ? pm_xasprintf("%s/%.*s", o->dir, (int)(slash - relpath), relpath) : pm_xstrdup(o->dir);
	final = pm_xasprintf("%s/%s", o->dir, relpath);
	if (make_dirs(o, where, d) < 0 || (fd = open_temp(o, where, name, final, &tmp, d)) < 0) {
		free(where);
		free(final);
		return -1;
	}
	free(where);

	int bad = pm_sink_write_all(fd, data, len) < 0 || (o->sync && fsync(fd) < 0);
	int e = errno;
	if (close(fd) < 0 && !bad) {
		bad = 1;
		e = errno;
	}
	if (bad) {
		unlink(tmp);
		set_failed(o, d, final, "cannot write it (temporary file '%s'): %s", tmp, strerror(e));
		free(tmp);
		free(final);
		return -1;
	}

	o->v = pm_xgrow(o->v, &o->cap, o->n + 1, sizeof *o->v);
	o->v[o->n].rel = pm_xstrdup(relpath);
	o->v[o->n].final = final;
	o->v[o->n].tmp = tmp;
	o->n++;
	return 0;
}

static int sync_dirs(pm_outset *o, pm_diags *d)
{
	for (size_t i = 0; i <= o->n; i++) {
		const char *rel = i < o->n ? o->v[i].rel : NULL;
		const char *slash = rel ? strchr(rel, '/') : NULL;
		int seen = 0;
		if (rel && !slash)
			continue;
		for (size_t j = 0; rel && j < i && !seen; j++)
			seen = strncmp(o->v[j].rel, rel, (size_t)(slash - rel) + 1) == 0;
		if (seen)
			continue;
		char *dir = rel ? pm_xasprintf("%s/%.*s", o->dir, (int)(slash - rel), rel) : pm_xstrdup(o->dir);
		int rc = pm_sink_sync_dir(dir);
		if (rc < 0)
			set_failed(o, d, dir, "cannot sync the folder: %s", strerror(errno));
		free(dir);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int pm_outset_commit(pm_outset *o, pm_diags *d)
{
	if (o->failed || make_dirs(o, o->dir, d) < 0) {
		drop_all(o);
		return -1;
	}
	for (size_t i = 0; i < o->n; i++) {
		struct stat st;
		if (lstat(o->v[i].final, &st) == 0 && S_ISDIR(st.st_mode)) {
			set_failed(o, d, o->v[i].final, "cannot replace it: %s", strerror(EISDIR));
			drop_all(o);
			return -1;
		}
	}
	for (size_t i = 0; i < o->n; i++) {
		if (rename(o->v[i].tmp, o->v[i].final) < 0) {
			int e = errno;
			set_failed(o, d, o->v[i].final,
			           "cannot rename '%s' to it: %s (%zu of %zu files already replaced)", o->v[i].tmp,
			           strerror(e), i, o->n);
			drop_all(o);
			return -1;
		}
		free(o->v[i].tmp);
		o->v[i].tmp = NULL;
	}
	if (o->sync && sync_dirs(o, d) < 0) {
		drop_all(o);
		return -1;
	}
	drop_all(o);
	return 0;
}
