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

#include "premarket/load.h"
#include "premarket/risk.h"

/* Load the model made of paths[0..n), then score it: the loader returns
 * the model unscored, and the CLI's pipeline (pm_cli_load_scored) scores
 * it next; tests that read m->risk, render or check do the same.  Returns
 * what pm_model_load() returns; d comes back sorted. */
static inline int pm_test_load_scored(const char *const *paths, size_t n, const pm_load_options *opt, pm_model **out,
                                      pm_diags *d)
{
	if (pm_model_load(paths, n, opt, out, d) < 0)
		return -1;
	assert_int_equal(pm_risk_compute(*out, d), 0);
	pm_diags_sort(d, (const char *const *)(*out)->files, (*out)->n_files);
	return 0;
}

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
