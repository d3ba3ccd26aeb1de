/* faultshim.c — an LD_PRELOAD library that injects faults into the file
 * system calls of `premarket build`, the way jq's and git's tests do, for
 * tests/cli/outset.sh.  Compiled by that script:
 *     cc -shared -fPIC -o faultshim.so tests/lib/faultshim.c -ldl
 * Not part of premarket.  Each fault is an environment variable:
 *
 *   FAULTSHIM_ENOSPC_AFTER=N    writes to files in a premarket staging folder
 *                               fail with ENOSPC once N bytes went to them
 *   FAULTSHIM_EXCHANGE=ERR      renameat2(..., RENAME_EXCHANGE) fails with
 *                               ERR (EINVAL: the fallback swap is taken)
 *   FAULTSHIM_RENAME_FAIL=N:ERR[,N:ERR]  the Nth rename(2) (1-based, counting
 *                               every rename of the process) fails with ERR
 *   FAULTSHIM_UNLINK_FAIL=N:ERR the Nth unlink(2) of a path with
 *                               "premarket-" in it fails with ERR
 *   FAULTSHIM_PAUSE=POINT:N and FAULTSHIM_PAUSE_DIR=DIR — at the Nth call of
 *                               POINT, create DIR/paused (holding the pid),
 *                               then wait until DIR/go exists (at most 120 s)
 *                               and go on.  POINT: write (a write to a staging
 *                               file, before it), exchange (before
 *                               renameat2), exchange-done (after it), rename,
 *                               rename-done (the Nth rename(2), before or
 *                               after), unlink (the Nth unlink as above,
 *                               before it).
 * ERR is a name (EIO, EINVAL, ENOSYS, EXDEV, EACCES, ENOSPC, EPERM, EBUSY,
 * EROFS) or a number. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

static int err_of(const char *s)
{
	static const struct {
		const char *name;
		int e;
	} names[] = {{"EIO", EIO},       {"EINVAL", EINVAL}, {"ENOSYS", ENOSYS}, {"EXDEV", EXDEV}, {"EACCES", EACCES},
	             {"ENOSPC", ENOSPC}, {"EPERM", EPERM},   {"EBUSY", EBUSY},   {"EROFS", EROFS}};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strncmp(s, names[i].name, strlen(names[i].name)) == 0)
			return names[i].e;
	return atoi(s) > 0 ? atoi(s) : EIO;
}

/* The errno for call n of a "N:ERR[,N:ERR]" list in variable var, or 0. */
static int nth_fails(const char *var, long n)
{
	const char *s = getenv(var);
	while (s && *s) {
		char *end;
		long k = strtol(s, &end, 10);
		if (*end != ':')
			return 0;
		if (k == n)
			return err_of(end + 1);
		s = strchr(end, ',');
		if (s)
			s++;
	}
	return 0;
}

static void pause_at(const char *point, long n)
{
	const char *p = getenv("FAULTSHIM_PAUSE"), *dir = getenv("FAULTSHIM_PAUSE_DIR");
	size_t pl = strlen(point);
	if (!p || !dir || strncmp(p, point, pl) != 0 || p[pl] != ':' || atol(p + pl + 1) != n)
		return;
	char path[4096];
	snprintf(path, sizeof path, "%s/paused", dir);
	FILE *f = fopen(path, "w");
	if (f) {
		fprintf(f, "%ld\n", (long)getpid());
		fclose(f);
	}
	snprintf(path, sizeof path, "%s/go", dir);
	struct timespec ts = {0, 10 * 1000 * 1000};
	for (int i = 0; i < 12000 && access(path, F_OK) != 0; i++)
		nanosleep(&ts, NULL);
}

static int in_staging(int fd)
{
	char link[64], target[4096];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, target, sizeof target - 1);
	if (n <= 0)
		return 0;
	target[n] = '\0';
	return strstr(target, "premarket-staging-") != NULL;
}

ssize_t write(int fd, const void *buf, size_t len)
{
	static ssize_t (*real)(int, const void *, size_t);
	static long long written;
	static long calls;
	if (!real)
		real = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	const char *limit = getenv("FAULTSHIM_ENOSPC_AFTER");
	int staged = fd > 2 && (limit || getenv("FAULTSHIM_PAUSE")) && in_staging(fd);
	if (staged)
		pause_at("write", ++calls);
	if (staged && limit) {
		long long max = atoll(limit);
		if (written >= max) {
			errno = ENOSPC;
			return -1;
		}
		if ((long long)len > max - written)
			len = (size_t)(max - written);
		ssize_t w = real(fd, buf, len);
		if (w > 0)
			written += w;
		return w;
	}
	return real(fd, buf, len);
}

int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags)
{
	static int (*real)(int, const char *, int, const char *, unsigned int);
	static long calls;
	if (!real)
		real = (int (*)(int, const char *, int, const char *, unsigned int))dlsym(RTLD_NEXT, "renameat2");
	const char *fail = getenv("FAULTSHIM_EXCHANGE");
	if (flags & RENAME_EXCHANGE) {
		long n = ++calls;
		pause_at("exchange", n);
		if (fail) {
			errno = err_of(fail);
			return -1;
		}
		int rc = real(olddirfd, oldpath, newdirfd, newpath, flags);
		int e = errno;
		pause_at("exchange-done", n);
		errno = e;
		return rc;
	}
	return real(olddirfd, oldpath, newdirfd, newpath, flags);
}

int rename(const char *oldpath, const char *newpath)
{
	static int (*real)(const char *, const char *);
	static long calls;
	if (!real)
		real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
	long n = ++calls;
	pause_at("rename", n);
	int e = nth_fails("FAULTSHIM_RENAME_FAIL", n);
	if (e) {
		errno = e;
		return -1;
	}
	int rc = real(oldpath, newpath);
	e = errno;
	pause_at("rename-done", n);
	errno = e;
	return rc;
}

int unlink(const char *path)
{
	static int (*real)(const char *);
	static long calls;
	if (!real)
		real = (int (*)(const char *))dlsym(RTLD_NEXT, "unlink");
	if (strstr(path, "premarket-")) {
		long n = ++calls;
		pause_at("unlink", n);
		int e = nth_fails("FAULTSHIM_UNLINK_FAIL", n);
		if (e) {
			errno = e;
			return -1;
		}
	}
	return real(path);
}
