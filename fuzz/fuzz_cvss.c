/* fuzz_cvss.c — CVSS vector parsing (v3.1, v4.0, prefix-less with
 * PM_CVSS_ASSUME_31), scoring, formatting and the control effects. */
#include "fuzz.h"
#include "premarket/cvss.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	pm_cvss c, e;
	pm_cvss_error err;
	for (unsigned flags = 0; flags <= PM_CVSS_ASSUME_31; flags++) {
		if (pm_cvss_parse_len((const char *)data, size, flags, &c, &err) != 0)
			continue;
		pm_cvss_score s;
		pm_cvss_score_of(&c, &s);
		char buf[512];
		pm_cvss_format(&c, buf, sizeof buf);
		pm_cvss back;
		if (pm_cvss_parse(buf, &back, &err) != 0)
			abort(); /* what we format must parse */
	}
	/* the same bytes as an effect "AV:P/PR:H" on a complete vector */
	char *s = fuzz_cstr(data, size);
	static const char *const base[] = {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
	                                   "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"};
	for (int v = 0; v < 2; v++) {
		if (pm_cvss_parse(base[v], &c, &err) != 0)
			abort();
		if (pm_cvss_parse_effect(c.version, s, &e, &err) == 0 && pm_cvss_apply(&c, &e) == 0) {
			pm_cvss_score sc;
			pm_cvss_score_of(&c, &sc);
		}
	}
	free(s);
	return 0;
}
