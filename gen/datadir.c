/* datadir.c — where premarket's shipped data (models/, templates/) is. */
#include "premarket/load.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *pm_datadir(void)
{
	static char dir[PATH_MAX + 64];
	const char *env = getenv("PREMARKET_DATADIR");
	if (env && *env)
		return env;
	if (dir[0])
		return dir;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0'; /* folder of the binary */
			char cand[PATH_MAX + 32];
			snprintf(cand, sizeof cand, "%s/../share/premarket", exe);
			if (is_dir(cand) && strlen(cand) < sizeof dir) {
				memcpy(dir, cand, strlen(cand) + 1);
				return dir;
			}
			/* source tree: build/premarket or build/asan/premarket */
			for (int up = 1; up <= 3; up++) {
				size_t len = (size_t)snprintf(cand, sizeof cand, "%s", exe);
				for (int i = 0; i < up; i++)
					len += (size_t)snprintf(cand + len, sizeof cand - len, "/..");
				char models[PATH_MAX + 64];
				snprintf(models, sizeof models, "%s/models", cand);
				if (is_dir(models) && len < sizeof dir) {
					char *real = realpath(cand, NULL);
					snprintf(dir, sizeof dir, "%s", real ? real : cand);
					free(real);
					return dir;
				}
			}
		}
	}
	snprintf(dir, sizeof dir, "%s", PM_DATADIR_DEFAULT);
	return dir;
}
