/* sink_dir.c — the directory sink: atomic output of a set of files (see
 * premarket/sink_dir.h).
 *
 * Each file goes to "<dir>[/sub]/.<name>.tmp-<pid>-<n>", opened with O_EXCL
 * so a stale or foreign file is never reused; rename(2) within one directory
 * then replaces the final name atomically.  A failure removes every temp
 * file the set still owns. */
#include "premarket/sink_dir.h"
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
	char err[1024];
};

/* Temp-file counter, shared by every set of the process so that two sets
 * writing one directory never race for the same name. */
static unsigned long tmp_seq;

static int set_error(pm_outset *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int set_error(pm_outset *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(o->err, sizeof o->err, fmt, ap);
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

const char *pm_outset_error(const pm_outset *o)
{
	return o->failed ? o->err : "";
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

/* NULL when relpath is acceptable, else why not. */
static const char *relpath_problem(const char *rel)
{
	size_t levels = 0;
	if (!*rel)
		return "is empty";
	if (*rel == '/')
		return "is absolute";
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

/* mkdir -p path (mode 0777 & ~umask); an existing non-directory fails with
 * ENOTDIR. */
static int make_dirs(pm_outset *o, const char *path)
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
				rc = set_error(o, "cannot create directory '%s': %s", p, strerror(e));
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

static int write_all(int fd, const unsigned char *p, size_t len)
{
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

/* Create a fresh temp file for "<where>/<name>"; sets *tmp, returns the fd. */
static int open_temp(pm_outset *o, const char *where, const char *name, const char *final, char **tmp)
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
			set_error(o, "cannot create '%s' (temporary file '%s'): %s", final, t, strerror(e));
			free(t);
			return -1;
		}
		free(t);
	}
	return -1;
}

int pm_outset_add(pm_outset *o, const char *relpath, const void *data, size_t len)
{
	const char *why, *slash, *name;
	char *where, *final, *tmp = NULL;
	int fd;

	if (o->failed)
		return -1;
	if (!relpath)
		return set_error(o, "output path is missing");
	if ((why = relpath_problem(relpath)) != NULL)
		return set_error(o, "output path '%s' %s", relpath, why);
	if (!data && len)
		return set_error(o, "output '%s': no data", relpath);
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->v[i].rel, relpath) == 0)
			return set_error(o, "output path '%s' is written twice", relpath);

	slash = strchr(relpath, '/');
	name = slash ? slash + 1 : relpath;
	where = slash ? pm_xasprintf("%s/%.*s", o->dir, (int)(slash - relpath), relpath) : pm_xstrdup(o->dir);
	final = pm_xasprintf("%s/%s", o->dir, relpath);
	if (make_dirs(o, where) < 0 || (fd = open_temp(o, where, name, final, &tmp)) < 0) {
		free(where);
		free(final);
		return -1;
	}
	free(where);

	if (write_all(fd, data, len) < 0 || (o->sync && fsync(fd) < 0)) {
		int e = errno;
		close(fd);
		unlink(tmp);
		set_error(o, "cannot write '%s' (temporary file '%s'): %s", final, tmp, strerror(e));
		free(tmp);
		free(final);
		return -1;
	}
	if (close(fd) < 0) {
		int e = errno;
		unlink(tmp);
		set_error(o, "cannot write '%s' (temporary file '%s'): %s", final, tmp, strerror(e));
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

/* fsync a directory; file systems that cannot (EINVAL) are not an error. */
static int sync_dir(pm_outset *o, const char *dir)
{
	int fd = open(dir, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || (fsync(fd) < 0 && errno != EINVAL)) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return set_error(o, "cannot sync directory '%s': %s", dir, strerror(e));
	}
	close(fd);
	return 0;
}

static int sync_dirs(pm_outset *o)
{
	if (sync_dir(o, o->dir) < 0)
		return -1;
	for (size_t i = 0; i < o->n; i++) {
		const char *slash = strchr(o->v[i].rel, '/');
		int seen = 0;
		char *sub;
		if (!slash)
			continue;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strncmp(o->v[j].rel, o->v[i].rel, (size_t)(slash - o->v[i].rel) + 1) == 0;
		if (seen)
			continue;
		sub = pm_xasprintf("%s/%.*s", o->dir, (int)(slash - o->v[i].rel), o->v[i].rel);
		if (sync_dir(o, sub) < 0) {
			free(sub);
			return -1;
		}
		free(sub);
	}
	return 0;
}

static int commit_failed(pm_outset *o, char *err, size_t errlen)
{
	drop_all(o);
	if (err && errlen)
		snprintf(err, errlen, "%s", o->err);
	return -1;
}

int pm_outset_commit(pm_outset *o, char *err, size_t errlen)
{
	if (o->failed || make_dirs(o, o->dir) < 0)
		return commit_failed(o, err, errlen);
	for (size_t i = 0; i < o->n; i++) {
		struct stat st;
		if (lstat(o->v[i].final, &st) == 0 && S_ISDIR(st.st_mode)) {
			set_error(o, "cannot replace '%s': %s", o->v[i].final, strerror(EISDIR));
			return commit_failed(o, err, errlen);
		}
	}
	for (size_t i = 0; i < o->n; i++) {
		if (rename(o->v[i].tmp, o->v[i].final) < 0) {
			int e = errno;
			set_error(o, "cannot rename '%s' to '%s': %s (%zu of %zu files already replaced)", o->v[i].tmp,
			          o->v[i].final, strerror(e), i, o->n);
			return commit_failed(o, err, errlen);
		}
		free(o->v[i].tmp);
		o->v[i].tmp = NULL;
	}
	if (o->sync && sync_dirs(o) < 0)
		return commit_failed(o, err, errlen);
	drop_all(o);
	return 0;
}

static int sink_put(void *ud, const char *relpath, const void *data, size_t len, pm_diags *d)
{
	pm_outset *o = ud;
	if (pm_outset_add(o, relpath, data, len) < 0)
		return pm_diag_add(d, PM_ERROR, PM_ERR_OUTPUT, NULL, 0, 0, "cannot write the outputs: %s",
		                   pm_outset_error(o));
	return 0;
}

static int sink_commit(void *ud, pm_diags *d)
{
	pm_outset *o = ud;
	char err[sizeof o->err];
	if (pm_outset_commit(o, err, sizeof err) < 0)
		return pm_diag_add(d, PM_ERROR, PM_ERR_OUTPUT, NULL, 0, 0, "cannot write the outputs: %s", err);
	return 0;
}

pm_sink pm_outset_sink(pm_outset *o)
{
	pm_sink s = {sink_put, sink_commit, o};
	return s;
}
