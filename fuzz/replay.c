/* replay.c — feed files to a fuzz target without libFuzzer: `replay DIR...`
 * or `replay FILE...` calls LLVMFuzzerTestOneInput() once per file (the
 * files of a directory in name order), so `make check` replays every
 * committed corpus file and every past crash input in the plain and the
 * ASan+UBSan builds with gcc.  A crash is the sanitizer's report and a
 * non-zero exit; "replay: N inputs" is printed at the end. */
#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

#define REPLAY_MAX ((size_t)16 << 20)

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "replay: cannot open %s: %s\n", path, strerror(errno));
		return -1;
	}
	uint8_t *buf = pm_xmalloc(REPLAY_MAX);
	size_t n = fread(buf, 1, REPLAY_MAX, f);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		free(buf);
		return -1;
	}
	/* an exact-size copy, so that ASan sees a read past the input's end */
	uint8_t *in = pm_xmalloc(n ? n : 1);
	memcpy(in, buf, n);
	free(buf);
	LLVMFuzzerTestOneInput(in, n);
	free(in);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int failed = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			failed = 1;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			failed |= run_file(argv[i]) < 0;
			count++;
			continue;
		}
		DIR *dir = opendir(argv[i]);
		if (!dir) {
			fprintf(stderr, "replay: cannot open %s: %s\n", argv[i], strerror(errno));
			failed = 1;
			continue;
		}
		char **names = NULL;
		size_t n = 0, cap = 0;
		struct dirent *e;
		while ((e = readdir(dir)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			names = pm_xgrow(names, &cap, n + 1, sizeof *names);
			names[n++] = pm_xasprintf("%s/%s", argv[i], e->d_name);
		}
		closedir(dir);
		qsort(names, n, sizeof *names, by_name);
		for (size_t k = 0; k < n; k++) {
			failed |= run_file(names[k]) < 0;
			count++;
			free(names[k]);
		}
		free(names);
	}
	printf("replay: %zu inputs\n", count);
	return failed;
}
