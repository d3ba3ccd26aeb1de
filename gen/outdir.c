/* outdir.c — the build's output folder, replaced as a whole (see
 * premarket/sink_dir.h; docs/internals.md, "Output protocol").
 *
 * Names beside DIR, in PARENT, all "<prefix>..." with prefix
 * ".<tag>.premarket-" (tag: DIR's name, or for a long one its first 64
 * bytes and a hash, so that every name stays under NAME_MAX):
 *   <prefix>lock                 the lock file (flock), removed at the end
 *   <prefix>staging-<pid>-<hex>  a new set being written; after the swap,
 *                                the previous set being removed
 *   <prefix>old-<pid>-<hex>      the fallback swap: the previous set aside
 *   <prefix>kept-<pid>-<hex>     a leftover holding files not ours, kept
 *
 * The signal handler's view of a set is lock-free atomics only: a list of
 * the paths it may remove (each entry filled before it is published), the
 * state saying which list DIR's neighbour holds, and whether the lock file
 * is ours.  The swap runs with every signal blocked, so the handler never
 * sees a list that does not match the folder. */
#define _GNU_SOURCE /* renameat2(), RENAME_EXCHANGE */
#include "premarket/sink_dir.h"
#include "hash.h"
#include "premarket/buf.h"
#include "sink_util.h"
#include "strmap.h"
#include "xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#define MANIFEST_TMP  ".premarket-manifest.tmp"
#define MANIFEST_HEAD "# premarket output set"
#define MANIFEST_MAX  ((size_t)4 << 20)
#define TAG_MAX       100 /* longer DIR names are shortened in the names beside it */
#define NAME_TRIES    100 /* fresh staging names tried when one exists already */
#define LOCK_TRIES    1000

/* The swap.  Tests replace it (test_output.c) to take the fallback. */
#ifndef PM_OUTDIR_EXCHANGE
#define PM_OUTDIR_EXCHANGE exchange_names
#endif

/* Swap two names in one step; -1 with errno EINVAL or ENOSYS when the
 * system or the file system cannot. */
static int exchange_names(const char *a, const char *b)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 28)) && defined(RENAME_EXCHANGE)
	return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#elif defined(__linux__) && defined(SYS_renameat2)
	return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, 1 << 1 /* RENAME_EXCHANGE */);
#else
	(void)a;
	(void)b;
	errno = ENOSYS;
	return -1;
#endif
}

/* ---- what the signal handler may remove ------------------------------------------ */

enum { RM_FILE, RM_SUBDIR, RM_TOP };

typedef struct rment {
	struct rment *next;
	int what; /* RM_* */
	char path[];
} rment;

enum { LIVE_IDLE, LIVE_STAGING, LIVE_PREVIOUS };

struct pm_outdir {
	char *shown;  /* DIR as given, for messages */
	char *out;    /* DIR resolved: absolute, no symbolic link */
	char *parent; /* PARENT */
	char *prefix; /* "<PARENT>/.<tag>.premarket-" */
	char *lock_path;
	int lock_fd;
	long holder;
	char *staging; /* the staging folder, once made */
	char *moved;   /* where the previous set went at the swap */
	/* the files put, in order, and the subfolders made */
	char **rel;
	size_t n, cap;
	pm_strmap seen;
	char **subs;
	size_t n_subs, subs_cap;
	/* the previous set: its manifest, checked */
	char **old;
	size_t n_old, old_cap;
	int out_exists;
	mode_t out_mode;
	int sync, started, failed, committed;
	/* the signal handler's view */
	struct pm_outdir *_Atomic next_live;
	_Atomic int state;
	rment *_Atomic staged;   /* the staging folder's entries */
	rment *_Atomic previous; /* the previous set's, where it goes at the swap */
	_Atomic int lock_held;
};

/* Every set not yet freed. */
static struct pm_outdir *_Atomic live_sets;

static void remove_list(const rment *e)
{
	for (int pass = RM_FILE; pass <= RM_TOP; pass++)
		for (const rment *p = e; p; p = p->next)
			if (p->what == pass)
				(void)(pass == RM_FILE ? unlink(p->path) : rmdir(p->path));
}

void pm_outdir_on_signal(void)
{
	int saved = errno;
	for (struct pm_outdir *o = atomic_load(&live_sets); o; o = atomic_load(&o->next_live)) {
		int st = atomic_load(&o->state);
		if (st == LIVE_STAGING)
			remove_list(atomic_load(&o->staged));
		else if (st == LIVE_PREVIOUS)
			remove_list(atomic_load(&o->previous));
		if (atomic_load(&o->lock_held))
			unlink(o->lock_path);
	}
	errno = saved;
}

static rment *rment_new(int what, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static rment *rment_new(int what, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = pm_xvasprintf(fmt, ap);
	va_end(ap);
	size_t n = strlen(p);
	rment *e = pm_xmalloc(sizeof *e + n + 1);
	e->next = NULL;
	e->what = what;
	memcpy(e->path, p, n + 1);
	free(p);
	return e;
}

/* Publish e at the head of *list (e is complete before the handler can see it). */
static void publish(rment *_Atomic *list, rment *e)
{
	e->next = atomic_load(list);
	atomic_store(list, e);
}

static void free_list(rment *e)
{
	while (e) {
		rment *next = e->next;
		free(e);
		e = next;
	}
}

/* The entries of a set of files rel[0..n) under top: the files, the
 * manifest and its temporary name, the subfolders, top itself. */
static rment *list_of(const char *top, char *const *rel, size_t n)
{
	rment *_Atomic head = NULL;
	publish(&head, rment_new(RM_TOP, "%s", top));
	for (size_t i = 0; i < n; i++) {
		const char *slash = strchr(rel[i], '/');
		int first = 1;
		for (size_t j = 0; slash && j < i && first; j++)
			first = strncmp(rel[j], rel[i], (size_t)(slash - rel[i]) + 1) != 0;
		if (slash && first)
			publish(&head, rment_new(RM_SUBDIR, "%s/%.*s", top, (int)(slash - rel[i]), rel[i]));
		publish(&head, rment_new(RM_FILE, "%s/%s", top, rel[i]));
	}
	publish(&head, rment_new(RM_FILE, "%s/%s", top, MANIFEST_TMP));
	publish(&head, rment_new(RM_FILE, "%s/%s", top, PM_OUTDIR_MANIFEST));
	return atomic_load(&head);
}

/* ---- small helpers -------------------------------------------------------------------- */

static int failed(pm_outdir *o)
{
	o->failed = 1;
	return -1;
}

static int out_error(pm_outdir *o, pm_diags *d, const char *file, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

static int out_error(pm_outdir *o, pm_diags *d, const char *file, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pm_diag_vadd(d, PM_ERROR, PM_ERR_OUTPUT, file, 0, 0, fmt, ap);
	va_end(ap);
	return failed(o);
}

static void add_str(char ***v, size_t *n, size_t *cap, const char *s)
{
	*v = pm_xgrow(*v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = pm_xstrdup(s);
}

static void free_strs(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* A fresh 8-digit hex for a name: uniqueness only (O_EXCL / mkdir decide). */
static unsigned long name_hex(void)
{
	static unsigned long seq;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	uint64_t h = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^ ((uint64_t)getpid() << 40) ^ ++seq;
	h = pm_hash_bytes(&h, sizeof h);
	return (unsigned long)(h & 0xffffffffu);
}

static int pid_alive(long pid)
{
	if (pid <= 0 || (long)(pid_t)pid != pid)
		return 0;
	return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

/* "<pid>-<8 hex>" exactly: the pid, or 0. */
static long parse_pid_hex(const char *s)
{
	char *end;
	errno = 0;
	long pid = strtol(s, &end, 10);
	if (errno || end == s || *s < '0' || *s > '9' || *end != '-')
		return 0;
	s = end + 1;
	for (int i = 0; i < 8; i++, s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return 0;
	return *s ? 0 : pid;
}

static int is_dir_entry(const char *name)
{
	return strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
}

/* ---- the manifest ---------------------------------------------------------------------- */

static int bad_manifest(pm_diags *d, const char *file, unsigned line, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

static int bad_manifest(pm_diags *d, const char *file, unsigned line, const char *fmt, ...)
{
	if (d) {
		va_list ap;
		va_start(ap, fmt);
		pm_diag_vadd(d, PM_ERROR, PM_ERR_OUTPUT, file, line, line ? 1 : 0, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* Read the manifest of folder dir into *v (relpaths, in order).  Returns 0,
 * 1 when there is none, or -1 (with an error in d unless d is NULL). */
static int read_manifest(const char *dir, const char *shown, char ***v, size_t *n, size_t *cap, pm_diags *d)
{
	char *path = pm_xasprintf("%s/%s", dir, PM_OUTDIR_MANIFEST);
	char *spath = pm_xasprintf("%s/%s", shown, PM_OUTDIR_MANIFEST);
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	int rc = 0;
	struct stat st;
	char *text = NULL;
	if (fd < 0 && errno == ENOENT) {
		rc = 1;
		goto done;
	}
	if (fd < 0 || fstat(fd, &st) < 0) {
		rc = bad_manifest(d, spath, 0, "cannot read the manifest: %s", strerror(errno));
		goto done;
	}
	if (!S_ISREG(st.st_mode) || (size_t)st.st_size > MANIFEST_MAX) {
		rc = bad_manifest(d, spath, 0, "not a manifest premarket wrote (%s)",
		                  S_ISREG(st.st_mode) ? "too big" : "not a regular file");
		goto done;
	}
	size_t len = (size_t)st.st_size, got = 0;
	text = pm_xmalloc(len + 1);
	while (got < len) {
		ssize_t r = read(fd, text + got, len - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	text[got] = '\0';
	if (got < strlen(MANIFEST_HEAD) || memcmp(text, MANIFEST_HEAD, strlen(MANIFEST_HEAD)) != 0 ||
	    memchr(text, '\0', got)) {
		rc = bad_manifest(d, spath, 1, "not a manifest premarket wrote (it does not start with '%s')",
		                  MANIFEST_HEAD);
		goto done;
	}
	unsigned line = 0;
	for (char *p = text; *p;) {
		char *end = strchr(p, '\n');
		if (end)
			*end = '\0';
		line++;
		if (*p && *p != '#') {
			const char *why = pm_sink_relpath_problem(p);
			if (why) {
				rc = bad_manifest(d, spath, line, "not a manifest premarket wrote: the path '%s' %s", p,
				                  why);
				goto done;
			}
			add_str(v, n, cap, p);
		}
		if (!end)
			break;
		p = end + 1;
	}
done:
	if (fd >= 0)
		close(fd);
	free(text);
	free(path);
	free(spath);
	return rc;
}

static void manifest_text(const pm_outdir *o, pm_buf *b)
{
	pm_buf_puts(b, MANIFEST_HEAD
	            ": the files `premarket build` wrote in this folder, one a line.\n"
	            "# The next build replaces the folder as a whole (docs/internals.md, Output protocol);\n"
	            "# it refuses a folder holding anything not listed here.\n");
	for (size_t i = 0; i < o->n; i++) {
		pm_buf_puts(b, o->rel[i]);
		pm_buf_putc(b, '\n');
	}
}

/* ---- resolving DIR --------------------------------------------------------------------- */

static int resolve(pm_outdir *o, pm_diags *d)
{
	const char *shown = o->shown;
	struct stat st;
	char *real = NULL;
	if (stat(shown, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			return out_error(o, d, shown, "cannot write the outputs there: %s", strerror(ENOTDIR));
		real = realpath(shown, NULL);
	} else if (errno == ENOENT && lstat(shown, &st) == 0) {
		return out_error(o, d, shown, "cannot write the outputs there: a symbolic link to nothing");
	} else if (errno == ENOENT) {
		const char *slash = strrchr(shown, '/');
		const char *base = slash ? slash + 1 : shown;
		char *par = slash ? pm_xstrndup(shown, slash == shown ? 1 : (size_t)(slash - shown)) : pm_xstrdup(".");
		char *at = NULL;
		if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
			free(par);
			par = pm_xstrdup(shown);
			base = NULL;
		}
		if (pm_sink_mkdirs(par, &at) < 0) {
			int e = errno;
			out_error(o, d, at, "cannot create the folder: %s", strerror(e));
			free(at);
			free(par);
			return -1;
		}
		char *rp = realpath(par, NULL);
		if (rp && base)
			real = pm_xasprintf("%s%s%s", rp, strcmp(rp, "/") == 0 ? "" : "/", base);
		else if (rp)
			real = pm_xstrdup(rp);
		free(rp);
		free(par);
	} else {
		return out_error(o, d, shown, "cannot write the outputs there: %s", strerror(errno));
	}
	if (!real)
		return out_error(o, d, shown, "cannot resolve the folder's path: %s", strerror(errno));
	if (strcmp(real, "/") == 0) {
		free(real);
		return out_error(o, d, shown, "cannot replace the root folder with the outputs");
	}
	o->out = real;
	const char *slash = strrchr(real, '/');
	o->parent = slash == real ? pm_xstrdup("/") : pm_xstrndup(real, (size_t)(slash - real));
	const char *base = slash + 1;
	size_t bl = strlen(base);
	char *tag = bl <= TAG_MAX ? pm_xstrdup(base)
	                          : pm_xasprintf("%.64s-%016llx", base, (unsigned long long)pm_hash_str(base));
	o->prefix = pm_xasprintf("%s/.%s.premarket-", slash == real ? "" : o->parent, tag);
	free(tag);
	o->lock_path = pm_xasprintf("%slock", o->prefix);

	struct stat ps;
	if (stat(real, &st) == 0 && stat(o->parent, &ps) == 0 && st.st_dev != ps.st_dev) {
		out_error(o, d, shown, "cannot replace this folder as a whole: it is a mount point");
		pm_diag_hint(d,
		             "premarket swaps the output folder with a new one beside it, in %s; build into a "
		             "folder inside this one instead",
		             o->parent);
		return -1;
	}
	return 0;
}

/* ---- the lock ----------------------------------------------------------------------------- */

static long read_holder(int fd)
{
	char buf[32];
	ssize_t r = pread(fd, buf, sizeof buf - 1, 0);
	if (r <= 0)
		return 0;
	buf[r] = '\0';
	long pid = strtol(buf, NULL, 10);
	return pid > 0 ? pid : 0;
}

static int lock_error(pm_outdir *o, pm_diags *d, const char *what, int e)
{
	out_error(o, d, o->lock_path, "cannot %s the lock file: %s", what, strerror(e));
	pm_diag_hint(d, "premarket locks and replaces %s from the folder above it, %s, which must be writable",
	             o->shown, o->parent);
	return -1;
}

static int take_lock(pm_outdir *o, int wait, pm_diags *d)
{
	for (int tries = 0;; tries++) {
		struct stat a, b;
		int fd = open(o->lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0666);
		if (fd < 0)
			return lock_error(o, d, "create", errno);
		if (fstat(fd, &a) < 0 || !S_ISREG(a.st_mode)) {
			int e = errno;
			close(fd);
			return lock_error(o, d, "use", S_ISREG(a.st_mode) ? e : EINVAL);
		}
		int r;
		while ((r = flock(fd, LOCK_EX | LOCK_NB)) < 0 && errno == EINTR)
			;
		if (r < 0 && errno == EWOULDBLOCK) {
			o->holder = read_holder(fd);
			if (!wait) {
				close(fd);
				return 1;
			}
			while ((r = flock(fd, LOCK_EX)) < 0 && errno == EINTR)
				;
		}
		if (r < 0) {
			int e = errno;
			close(fd);
			return lock_error(o, d, "lock", e);
		}
		/* the holder before us may have removed the file: ours is the lock
		 * only when the name still leads to it */
		if (fstat(fd, &a) == 0 && lstat(o->lock_path, &b) == 0 && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino) {
			char pid[32];
			int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
			if (ftruncate(fd, 0) == 0 && pwrite(fd, pid, (size_t)n, 0) == n) {
				/* the pid is for the message of a build that waits; nothing depends on it */
			}
			o->lock_fd = fd;
			atomic_store(&o->lock_held, 1);
			return 0;
		}
		close(fd);
		if (tries == LOCK_TRIES)
			return lock_error(o, d, "lock", EAGAIN);
	}
}

static void release_lock(pm_outdir *o)
{
	if (!atomic_load(&o->lock_held))
		return;
	unlink(o->lock_path);
	atomic_store(&o->lock_held, 0);
	close(o->lock_fd);
	o->lock_fd = -1;
}

/* ---- what earlier builds left ---------------------------------------------------------- */

/* A name of ours beside DIR: kind "staging-" or "old-", and its pid. */
static long ours(const pm_outdir *o, const char *name, const char *kind)
{
	const char *base = strrchr(o->prefix, '/') + 1;
	size_t bl = strlen(base), kl = strlen(kind);
	if (strncmp(name, base, bl) != 0 || strncmp(name + bl, kind, kl) != 0)
		return 0;
	return parse_pid_hex(name + bl + kl);
}

/* Give a leftover that holds files not ours a name no build removes, and warn. */
static void keep(pm_outdir *o, const char *path, pm_diags *d)
{
	char *kept = pm_xasprintf("%skept-%ld-%08lx", o->prefix, (long)getpid(), name_hex());
	const char *name = path;
	if (rename(path, kept) == 0)
		name = kept;
	pm_diag_add(d, PM_WARNING, PM_ERR_OUTPUT, name, 0, 0,
	            "left in place: a leftover of a build into %s that holds files premarket did not write", o->shown);
	pm_diag_hint(d, "look at what it holds, then remove it");
	free(kept);
}

/* Remove a leftover folder of ours (no live build uses it): the files its
 * manifest lists, or without one (a set that was being written) the
 * regular files in it and in its subfolders; then the folders.  Anything
 * else stays, with a warning. */
static void remove_leftover(pm_outdir *o, const char *path, pm_diags *d)
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	int m = read_manifest(path, path, &v, &n, &cap, NULL);
	if (m < 0) { /* not a manifest of ours: leave the folder alone */
		keep(o, path, d);
		free_strs(v, n);
		return;
	}
	if (m == 1) {
		DIR *dp = opendir(path);
		struct dirent *e;
		while (dp && (e = readdir(dp)) != NULL) {
			if (is_dir_entry(e->d_name))
				continue;
			char *p = pm_xasprintf("%s/%s", path, e->d_name);
			struct stat st;
			int there = lstat(p, &st) == 0;
			if (there && S_ISREG(st.st_mode)) {
				add_str(&v, &n, &cap, e->d_name);
			} else if (there && S_ISDIR(st.st_mode)) {
				DIR *sp = opendir(p);
				struct dirent *f;
				while (sp && (f = readdir(sp)) != NULL) {
					char *q = pm_xasprintf("%s/%s", p, f->d_name);
					if (!is_dir_entry(f->d_name) && lstat(q, &st) == 0 && S_ISREG(st.st_mode)) {
						char *r = pm_xasprintf("%s/%s", e->d_name, f->d_name);
						add_str(&v, &n, &cap, r);
						free(r);
					}
					free(q);
				}
				if (sp)
					closedir(sp);
			}
			free(p);
		}
		if (dp)
			closedir(dp);
	}
	rment *list = list_of(path, v, n);
	remove_list(list);
	free_list(list);
	free_strs(v, n);
	struct stat st;
	if (lstat(path, &st) == 0)
		keep(o, path, d);
}

/* Under the lock: put back a previous set that a killed fallback swap left
 * aside, then remove every staging and old folder of a process that is gone. */
static int recover(pm_outdir *o, pm_diags *d)
{
	DIR *dp = opendir(o->parent);
	if (!dp)
		return out_error(o, d, o->parent, "cannot read the folder: %s", strerror(errno));
	char **olds = NULL, **stagings = NULL;
	size_t n_olds = 0, olds_cap = 0, n_stagings = 0, stagings_cap = 0;
	const char *pre = strrchr(o->prefix, '/') + 1;
	struct dirent *e;
	while ((e = readdir(dp)) != NULL) {
		long pid;
		if (strncmp(e->d_name, pre, strlen(pre)) != 0)
			continue;
		char *p = pm_xasprintf("%s/%s", o->parent, e->d_name);
		struct stat st;
		int dir = lstat(p, &st) == 0 && S_ISDIR(st.st_mode);
		if (dir && (pid = ours(o, e->d_name, "old-")) != 0 && !pid_alive(pid))
			add_str(&olds, &n_olds, &olds_cap, p);
		else if (dir && (pid = ours(o, e->d_name, "staging-")) != 0 && !pid_alive(pid))
			add_str(&stagings, &n_stagings, &stagings_cap, p);
		free(p);
	}
	closedir(dp);

	int rc = 0;
	struct stat st;
	if (n_olds && lstat(o->out, &st) < 0 && errno == ENOENT) {
		/* the newest one aside is the previous set */
		size_t best = 0;
		struct stat bs;
		for (size_t i = 0; i < n_olds; i++)
			if (lstat(olds[i], &st) == 0 &&
			    (i == 0 || st.st_ctim.tv_sec > bs.st_ctim.tv_sec ||
			     (st.st_ctim.tv_sec == bs.st_ctim.tv_sec && st.st_ctim.tv_nsec > bs.st_ctim.tv_nsec))) {
				best = i;
				bs = st;
			}
		if (rename(olds[best], o->out) < 0) {
			rc = out_error(o, d, o->shown, "cannot put back the previous outputs from '%s': %s", olds[best],
			               strerror(errno));
			pm_diag_hint(d, "a build was killed while it replaced the folder; rename '%s' to '%s'",
			             olds[best], o->out);
		} else {
			pm_diag_add(d, PM_WARNING, PM_ERR_OUTPUT, o->shown, 0, 0,
			            "put back the previous outputs, which an earlier build, stopped while it replaced "
			            "the folder, had left in '%s'",
			            olds[best]);
		}
		free(olds[best]);
		olds[best] = NULL;
	}
	for (size_t i = 0; rc == 0 && i < n_olds; i++)
		if (olds[i])
			remove_leftover(o, olds[i], d);
	for (size_t i = 0; rc == 0 && i < n_stagings; i++)
		remove_leftover(o, stagings[i], d);
	free_strs(olds, n_olds);
	free_strs(stagings, n_stagings);
	return rc;
}

/* ---- is DIR ours? ------------------------------------------------------------------------ */

static const char *type_name(mode_t m)
{
	return S_ISDIR(m) ? "a folder" : S_ISLNK(m) ? "a symbolic link" : S_ISREG(m) ? "a file" : "a special file";
}

static int foreign(pm_outdir *o, pm_diags *d, const char *rel, const char *what, int has_manifest)
{
	char *p = pm_xasprintf("%s/%s", o->shown, rel);
	if (has_manifest)
		out_error(o, d, p, "%s that premarket did not write: the folder's %s does not list it", what,
		          PM_OUTDIR_MANIFEST);
	else
		out_error(o, d, o->shown,
		          "not an output folder of premarket (it has no %s) and not empty: it holds '%s'",
		          PM_OUTDIR_MANIFEST, rel);
	pm_diag_hint(d, "premarket replaces its output folder as a whole and never deletes what it did not write: %s",
	             has_manifest ? "move it out of the folder, or build into another one"
	                          : "build into a new or empty folder (one written by premarket 0.1 has no "
	                            "manifest: remove it first)");
	free(p);
	return -1;
}

static int writable(pm_outdir *o, pm_diags *d, const char *path, const char *shown)
{
	if (faccessat(AT_FDCWD, path, W_OK | X_OK, AT_EACCESS) == 0)
		return 0;
	out_error(o, d, shown, "cannot replace the outputs in it: %s", strerror(errno));
	pm_diag_hint(d, "premarket removes the files of the previous build from %s: it must be writable", shown);
	return -1;
}

/* Check DIR: missing, empty, or holding only what its manifest lists (into
 * o->old), writable.  0 or -1. */
static int check_ours(pm_outdir *o, pm_diags *d)
{
	struct stat st;
	free_strs(o->old, o->n_old);
	o->old = NULL;
	o->n_old = o->old_cap = 0;
	o->out_exists = 0;
	if (lstat(o->out, &st) < 0) {
		if (errno == ENOENT)
			return 0;
		return out_error(o, d, o->shown, "cannot write the outputs there: %s", strerror(errno));
	}
	if (!S_ISDIR(st.st_mode))
		return out_error(o, d, o->shown, "cannot write the outputs there: %s", strerror(ENOTDIR));
	o->out_exists = 1;
	o->out_mode = st.st_mode & 07777;
	int m = read_manifest(o->out, o->shown, &o->old, &o->n_old, &o->old_cap, d);
	if (m < 0) {
		pm_diag_hint(d, "premarket replaces its output folder as a whole: build into a new or empty folder");
		return failed(o);
	}
	int has = m == 0;
	pm_strmap listed; /* keys: the strings of o->old */
	pm_strmap_init(&listed);
	for (size_t i = 0; i < o->n_old; i++)
		pm_strmap_put(&listed, o->old[i], 0, NULL);
	int rc = 0;
	DIR *dp = opendir(o->out);
	if (!dp)
		rc = out_error(o, d, o->shown, "cannot read the folder: %s", strerror(errno));
	struct dirent *e;
	while (rc == 0 && dp && (e = readdir(dp)) != NULL) {
		if (is_dir_entry(e->d_name) || (has && strcmp(e->d_name, PM_OUTDIR_MANIFEST) == 0))
			continue;
		char *p = pm_xasprintf("%s/%s", o->out, e->d_name);
		if (lstat(p, &st) < 0) {
			free(p);
			continue;
		}
		if (!has) {
			rc = foreign(o, d, e->d_name, NULL, 0);
		} else if (S_ISREG(st.st_mode)) {
			if (!pm_strmap_get(&listed, e->d_name, NULL))
				rc = foreign(o, d, e->d_name, "a file", 1);
		} else if (S_ISDIR(st.st_mode)) {
			size_t nl = strlen(e->d_name);
			int any = 0;
			for (size_t i = 0; i < o->n_old && !any; i++)
				any = strncmp(o->old[i], e->d_name, nl) == 0 && o->old[i][nl] == '/';
			if (!any)
				rc = foreign(o, d, e->d_name, "a folder", 1);
			char *sh = pm_xasprintf("%s/%s", o->shown, e->d_name);
			if (rc == 0)
				rc = writable(o, d, p, sh);
			free(sh);
			DIR *sp = rc == 0 ? opendir(p) : NULL;
			struct dirent *f;
			if (rc == 0 && !sp)
				rc = out_error(o, d, p, "cannot read the folder: %s", strerror(errno));
			while (rc == 0 && sp && (f = readdir(sp)) != NULL) {
				if (is_dir_entry(f->d_name))
					continue;
				char *rel = pm_xasprintf("%s/%s", e->d_name, f->d_name);
				char *q = pm_xasprintf("%s/%s", p, f->d_name);
				if (lstat(q, &st) == 0 && (!S_ISREG(st.st_mode) || !pm_strmap_get(&listed, rel, NULL)))
					rc = foreign(o, d, rel, type_name(st.st_mode), 1);
				free(q);
				free(rel);
			}
			if (sp)
				closedir(sp);
		} else {
			rc = foreign(o, d, e->d_name, type_name(st.st_mode), 1);
		}
		free(p);
	}
	if (dp)
		closedir(dp);
	pm_strmap_free(&listed);
	if (rc == 0)
		rc = writable(o, d, o->out, o->shown);
	return rc;
}

/* ---- the set -------------------------------------------------------------------------------- */

pm_outdir *pm_outdir_new(const char *dir)
{
	if (!dir || !*dir)
		return NULL;
	pm_outdir *o = pm_xcalloc(1, sizeof *o);
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	o->shown = pm_xstrndup(dir, n);
	o->lock_fd = -1;
	atomic_init(&o->state, LIVE_IDLE);
	atomic_init(&o->staged, NULL);
	atomic_init(&o->previous, NULL);
	atomic_init(&o->lock_held, 0);
	atomic_init(&o->next_live, atomic_load(&live_sets));
	atomic_store(&live_sets, o);
	return o;
}

void pm_outdir_set_sync(pm_outdir *o, int on)
{
	o->sync = on != 0;
}

long pm_outdir_holder(const pm_outdir *o)
{
	return o->holder;
}

static int make_staging(pm_outdir *o, pm_diags *d)
{
	for (int i = 0; i < NAME_TRIES; i++) {
		rment *top = rment_new(RM_TOP, "%sstaging-%ld-%08lx", o->prefix, (long)getpid(), name_hex());
		publish(&o->staged, top);
		atomic_store(&o->state, LIVE_STAGING);
		if (mkdir(top->path, 0777) == 0) {
			o->staging = pm_xstrdup(top->path);
			if (o->out_exists && chmod(o->staging, o->out_mode) < 0)
				return out_error(o, d, o->staging, "cannot set the folder's mode: %s", strerror(errno));
			return 0;
		}
		if (errno != EEXIST || i + 1 == NAME_TRIES) {
			int e = errno;
			out_error(o, d, top->path, "cannot create the staging folder: %s", strerror(e));
			pm_diag_hint(
			        d,
			        "premarket writes a build into a new folder beside %s, then swaps the two; %s must "
			        "be writable",
			        o->shown, o->parent);
			return -1;
		}
		/* the name is taken, by nothing of ours: out of the list again */
		atomic_store(&o->staged, top->next);
		atomic_store(&o->state, top->next ? LIVE_STAGING : LIVE_IDLE);
		free(top);
	}
	return -1;
}

int pm_outdir_start(pm_outdir *o, int wait, pm_diags *d)
{
	if (o->failed || o->committed)
		return -1;
	if (o->started)
		return 0;
	if (!o->out && resolve(o, d) < 0)
		return -1;
	if (!atomic_load(&o->lock_held)) {
		int r = take_lock(o, wait, d);
		if (r != 0)
			return r;
	}
	if (recover(o, d) < 0 || check_ours(o, d) < 0 || make_staging(o, d) < 0)
		return -1;
	o->started = 1;
	return 0;
}

/* Remove the staging folder (the set failed) and say so. */
static int abandon(pm_outdir *o)
{
	if (atomic_load(&o->state) == LIVE_STAGING)
		remove_list(atomic_load(&o->staged));
	atomic_store(&o->state, LIVE_IDLE);
	return failed(o);
}

static int stage_file(pm_outdir *o, const char *rel, const char *shown, const void *data, size_t len, pm_diags *d)
{
	char *path = pm_xasprintf("%s/%s", o->staging, rel);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
	int bad = fd < 0 || pm_sink_write_all(fd, data, len) < 0 || (o->sync && fsync(fd) < 0);
	int e = errno;
	if (fd >= 0 && close(fd) < 0 && !bad) {
		bad = 1;
		e = errno;
	}
	if (bad) {
		pm_diag_add(d, PM_ERROR, PM_ERR_OUTPUT, shown, 0, 0, "cannot write it: %s", strerror(e));
		pm_diag_hint(d, "premarket writes a build into %s first; %s is unchanged", o->staging, o->shown);
	}
	free(path);
	return bad ? -1 : 0;
}

int pm_outdir_add(pm_outdir *o, const char *relpath, const void *data, size_t len, pm_diags *d)
{
	const char *why;
	if (o->failed)
		return -1;
	if (o->committed)
		return pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0, "pm_outdir_add: the set was committed");
	if (!relpath)
		return out_error(o, d, NULL, "cannot write the outputs: output path is missing");
	if ((why = pm_sink_relpath_problem(relpath)) != NULL)
		return out_error(o, d, NULL, "cannot write the outputs: output path '%s' %s", relpath, why);
	if (!data && len)
		return out_error(o, d, NULL, "cannot write the outputs: output '%s': no data", relpath);
	if (strcmp(relpath, PM_OUTDIR_MANIFEST) == 0 || strcmp(relpath, MANIFEST_TMP) == 0)
		return out_error(o, d, NULL, "cannot write the outputs: output path '%s' is the manifest's", relpath);
	if (!o->started && pm_outdir_start(o, 1, d) != 0)
		return failed(o);
	/* keys of seen are the strings of o->rel, which stay until free */
	if (pm_strmap_get(&o->seen, relpath, NULL))
		return out_error(o, d, NULL, "cannot write the outputs: output path '%s' is written twice", relpath);

	char *shown = pm_xasprintf("%s/%s", o->shown, relpath);
	const char *slash = strchr(relpath, '/');
	if (slash) {
		char *sub = pm_xstrndup(relpath, (size_t)(slash - relpath));
		int made = 0;
		for (size_t i = 0; i < o->n_subs && !made; i++)
			made = strcmp(o->subs[i], sub) == 0;
		if (!made) {
			rment *e = rment_new(RM_SUBDIR, "%s/%s", o->staging, sub);
			publish(&o->staged, e);
			if (mkdir(e->path, 0777) < 0) {
				int err = errno;
				char *ss = pm_xasprintf("%s/%s", o->shown, sub);
				pm_diag_add(d, PM_ERROR, PM_ERR_OUTPUT, ss, 0, 0, "cannot create the folder: %s",
				            strerror(err));
				free(ss);
				free(sub);
				free(shown);
				return abandon(o);
			}
			add_str(&o->subs, &o->n_subs, &o->subs_cap, sub);
		}
		free(sub);
	}
	publish(&o->staged, rment_new(RM_FILE, "%s/%s", o->staging, relpath));
	int rc = stage_file(o, relpath, shown, data, len, d);
	free(shown);
	if (rc < 0)
		return abandon(o);
	add_str(&o->rel, &o->n, &o->cap, relpath);
	pm_strmap_put(&o->seen, o->rel[o->n - 1], o->n - 1, NULL);
	return 0;
}

static int sync_all(pm_outdir *o, pm_diags *d)
{
	for (size_t i = 0; i < o->n_subs; i++) {
		char *p = pm_xasprintf("%s/%s", o->staging, o->subs[i]);
		int rc = pm_sink_sync_dir(p);
		if (rc < 0)
			out_error(o, d, p, "cannot sync the folder: %s", strerror(errno));
		free(p);
		if (rc < 0)
			return -1;
	}
	if (pm_sink_sync_dir(o->staging) < 0)
		return out_error(o, d, o->staging, "cannot sync the folder: %s", strerror(errno));
	if (pm_sink_sync_dir(o->parent) < 0)
		return out_error(o, d, o->parent, "cannot sync the folder: %s", strerror(errno));
	return 0;
}

static int write_manifest(pm_outdir *o, pm_diags *d)
{
	pm_buf b;
	pm_buf_init(&b, 0);
	manifest_text(o, &b);
	char *shown = pm_xasprintf("%s/%s", o->shown, PM_OUTDIR_MANIFEST);
	publish(&o->staged, rment_new(RM_FILE, "%s/%s", o->staging, MANIFEST_TMP));
	publish(&o->staged, rment_new(RM_FILE, "%s/%s", o->staging, PM_OUTDIR_MANIFEST));
	int rc = stage_file(o, MANIFEST_TMP, shown, b.data ? b.data : "", b.len, d);
	pm_buf_free(&b);
	char *tmp = pm_xasprintf("%s/%s", o->staging, MANIFEST_TMP);
	char *fin = pm_xasprintf("%s/%s", o->staging, PM_OUTDIR_MANIFEST);
	if (rc == 0 && rename(tmp, fin) < 0)
		rc = out_error(o, d, shown, "cannot write it: %s", strerror(errno));
	free(tmp);
	free(fin);
	free(shown);
	return rc;
}

/* The swap, every signal blocked: DIR becomes the new set, o->moved holds
 * the previous one (NULL when there was none).  0 or -1 (DIR as it was). */
static int swap(pm_outdir *o, pm_diags *d)
{
	sigset_t all, saved;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &saved);
	int rc = 0;
	if (!o->out_exists) {
		if (rename(o->staging, o->out) == 0)
			atomic_store(&o->state, LIVE_IDLE);
		else
			rc = -1;
		if (rc < 0)
			out_error(o, d, o->shown, "cannot move the new outputs from '%s' into place: %s", o->staging,
			          strerror(errno));
	} else {
		rment *prev = list_of(o->staging, o->old, o->n_old);
		if (PM_OUTDIR_EXCHANGE(o->staging, o->out) == 0) {
			atomic_store(&o->previous, prev);
			atomic_store(&o->state, LIVE_PREVIOUS);
			o->moved = pm_xstrdup(o->staging);
		} else if (errno != EINVAL && errno != ENOSYS) {
			free_list(prev);
			rc = out_error(o, d, o->shown, "cannot swap in the new outputs from '%s': %s", o->staging,
			               strerror(errno));
		} else {
			/* fallback: DIR aside, then the new set in its place */
			free_list(prev);
			char *aside = pm_xasprintf("%sold-%ld-%08lx", o->prefix, (long)getpid(), name_hex());
			prev = list_of(aside, o->old, o->n_old);
			if (rename(o->out, aside) < 0) {
				free_list(prev);
				rc = out_error(o, d, o->shown, "cannot move the previous outputs aside to '%s': %s",
				               aside, strerror(errno));
			} else if (rename(o->staging, o->out) < 0) {
				int e = errno;
				free_list(prev);
				if (rename(aside, o->out) == 0) {
					rc = out_error(o, d, o->shown,
					               "cannot move the new outputs from '%s' into place: %s",
					               o->staging, strerror(e));
				} else {
					rc = out_error(
					        o, d, o->shown,
					        "cannot move the new outputs into place (%s), nor the previous ones "
					        "back from '%s' (%s)",
					        strerror(e), aside, strerror(errno));
					pm_diag_hint(d, "the next build into %s puts the previous outputs back",
					             o->shown);
				}
			} else {
				atomic_store(&o->previous, prev);
				atomic_store(&o->state, LIVE_PREVIOUS);
				o->moved = aside;
				aside = NULL;
			}
			free(aside);
		}
	}
	sigprocmask(SIG_SETMASK, &saved, NULL);
	return rc;
}

int pm_outdir_commit(pm_outdir *o, pm_diags *d)
{
	if (o->failed)
		return -1;
	if (o->committed)
		return pm_diag_add(d, PM_ERROR, PM_ERR_USAGE, NULL, 0, 0, "pm_outdir_commit: the set was committed");
	if (!o->started && pm_outdir_start(o, 1, d) != 0)
		return failed(o);
	if (write_manifest(o, d) < 0 || (o->sync && sync_all(o, d) < 0))
		return abandon(o);
	/* a file of the user's may have appeared during the build */
	if (check_ours(o, d) < 0)
		return abandon(o);
	if (swap(o, d) < 0)
		return abandon(o);
	o->committed = 1;
	if (o->sync && pm_sink_sync_dir(o->parent) < 0)
		pm_diag_add(d, PM_WARNING, PM_ERR_OUTPUT, o->parent, 0, 0, "cannot sync the folder: %s",
		            strerror(errno));
	if (o->moved) {
		struct stat st;
		remove_list(atomic_load(&o->previous));
		atomic_store(&o->state, LIVE_IDLE);
		if (lstat(o->moved, &st) == 0)
			keep(o, o->moved, d);
	}
	return 0;
}

void pm_outdir_free(pm_outdir *o)
{
	if (!o)
		return;
	if (atomic_load(&o->state) == LIVE_STAGING)
		remove_list(atomic_load(&o->staged));
	atomic_store(&o->state, LIVE_IDLE);
	release_lock(o);
	/* unlink from the sets the handler sees */
	struct pm_outdir *_Atomic *pp = &live_sets;
	for (struct pm_outdir *p; (p = atomic_load(pp)) != NULL; pp = &p->next_live)
		if (p == o) {
			atomic_store(pp, atomic_load(&o->next_live));
			break;
		}
	free_list(atomic_load(&o->staged));
	free_list(atomic_load(&o->previous));
	free_strs(o->rel, o->n);
	free_strs(o->subs, o->n_subs);
	free_strs(o->old, o->n_old);
	pm_strmap_free(&o->seen);
	free(o->shown);
	free(o->out);
	free(o->parent);
	free(o->prefix);
	free(o->lock_path);
	free(o->staging);
	free(o->moved);
	free(o);
}

static int sink_put(void *ud, const char *relpath, const void *data, size_t len, pm_diags *d)
{
	return pm_outdir_add(ud, relpath, data, len, d);
}

static int sink_commit(void *ud, pm_diags *d)
{
	return pm_outdir_commit(ud, d);
}

pm_sink pm_outdir_sink(pm_outdir *o)
{
	pm_sink s = {sink_put, sink_commit, o};
	return s;
}
