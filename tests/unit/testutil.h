/* testutil.h — common includes for the cmocka unit tests. */
#ifndef PM_TESTUTIL_H
#define PM_TESTUTIL_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* Path of the shared data folder (../shared), or NULL when it is absent:
 * tests that need it skip, saying so. */
static inline const char *pm_test_shared_dir(void)
{
	const char *e = getenv("PREMARKET_SHARED");
	const char *d = e ? e : "../shared";
	FILE *f;
	char p[4096];
	snprintf(p, sizeof p, "%s/PRODUCT.md", d);
	f = fopen(p, "r");
	if (!f)
		return NULL;
	fclose(f);
	return d;
}

/* PM_TIMEOUT_SCALE (a positive integer, default 1; make asan sets 4): the
 * factor for every time limit in the tests.  A limit only stops a runaway
 * (a hang, an expansion bomb); it never measures speed. */
static inline double pm_test_timeout_scale(void)
{
	const char *e = getenv("PM_TIMEOUT_SCALE");
	long k = e ? strtol(e, NULL, 10) : 1;
	return k >= 1 ? (double)k : 1.0;
}

/* The scale cases (a 10,000-row PDF table, megabytes of SBOM, 100,000-item
 * lists) are a second group of tests in the same program, which runs
 * instead of the first when PM_TEST_GROUP=slow: `make slow` runs them, `make
 * check` the rest.  Use it as
 *	if (pm_test_slow_group())
 *		return cmocka_run_group_tests_name("x (slow)", slow, NULL, NULL);
 *	return cmocka_run_group_tests_name("x", tests, NULL, NULL); */
static inline int pm_test_slow_group(void)
{
	const char *g = getenv("PM_TEST_GROUP");
	return g && strcmp(g, "slow") == 0;
}
#endif
