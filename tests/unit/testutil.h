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
#endif
