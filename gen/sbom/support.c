/* support.c — FDA's support fields: the level of support and the
 * end-of-support date, read from the property names of `props` below
 * (docs/sbom.md), and the ISO 8601 dates they are written in.
 */
#include "date.h"
#include "internal.h"

#include <string.h>

/* ---- dates and support ---------------------------------------------------------- */

int pm_sbom_date(const char *s, char out[11])
{
	out[0] = '\0';
	if (!s)
		return -1;
	while (sb_blank((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && sb_blank((unsigned char)s[n - 1]))
		n--;
	if (n < 10 || pm_date_check(s, 10, NULL, NULL, NULL) != PM_DATE_OK)
		return -1;
	if (n > 10) {
		char tail[64];
		if ((s[10] != 'T' && s[10] != 't' && s[10] != ' ') || n - 11 >= sizeof tail)
			return -1;
		memcpy(tail, s + 11, n - 11);
		tail[n - 11] = '\0';
		if (!pm_date_time_valid(tail))
			return -1;
	}
	memcpy(out, s, 10);
	out[10] = '\0';
	return 0;
}

int pm_sbom_support_of(const char *status)
{
	static const struct {
		const char *name;
		int support;
	} map[] = {
	        {"active", PM_SUP_ACTIVE},
	        {"deprecated", PM_SUP_NO_LONGER},
	        {"eol", PM_SUP_NO_LONGER},
	        {"abandoned", PM_SUP_ABANDONED},
	        {"unknown", PM_SUP_UNKNOWN},
	        {"actively_maintained", PM_SUP_ACTIVE},
	        {"no_longer_maintained", PM_SUP_NO_LONGER},
	};
	if (!status)
		return -1;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (sb_ieq(status, map[i].name))
			return map[i].support;
	return -1;
}

/* Property names that carry FDA support information, with their rank: a
 * higher rank replaces a lower one on the same component, an equal rank
 * keeps the first value read. */
enum { P_SUPPORT, P_EOS };
static const struct {
	const char *name;
	int what, rank;
} props[] = {
        {"premarket:fda:levelOfSupport", P_SUPPORT, 3},
        {"cdx:cle:supportStatus", P_SUPPORT, 2},
        {"cle:supportStatus", P_SUPPORT, 2},
        {"cdx:lifecycle:milestone:endOfSupport", P_EOS, 3},
        {"validUntilDate", P_EOS, 3},
        {"ValidUntilDate", P_EOS, 3},
        {"cdx:cle:endOfSupport", P_EOS, 2},
        {"cle:endOfSupport", P_EOS, 2},
};

static int rank_of(const char *source)
{
	if (!source)
		return 0;
	for (size_t i = 0; i < sizeof props / sizeof props[0]; i++)
		if (strcmp(source, props[i].name) == 0)
			return props[i].rank;
	return 1;
}

void sb_comp_eos(sb_builder *b, pm_sbom_comp *c, const char *source, const char *value, int rank, uint32_t line,
                 uint32_t col)
{
	char date[11];
	if (!value)
		return;
	if (pm_sbom_date(value, date) < 0) {
		sb_warn(b, line, col, "%s \"%.60s\" is not an ISO 8601 date; the end of support is not set", source,
		        value);
		return;
	}
	if (c->end_of_support && rank <= rank_of(c->eos_source))
		return;
	c->end_of_support = pm_arena_strdup(b->arena, date);
	c->eos_source = source;
}

int sb_comp_property(sb_builder *b, pm_sbom_comp *c, const char *name, const char *value, uint32_t line, uint32_t col)
{
	if (!name)
		return 0;
	for (size_t i = 0; i < sizeof props / sizeof props[0]; i++) {
		if (strcmp(name, props[i].name) != 0)
			continue;
		if (props[i].what == P_EOS) {
			sb_comp_eos(b, c, props[i].name, value, props[i].rank, line, col);
			return 1;
		}
		int s = pm_sbom_support_of(value);
		if (s < 0) {
			sb_warn(b, line, col,
			        "%s \"%.60s\" is not a support status (active, deprecated, eol, abandoned or unknown)",
			        name, value ? value : "");
			return 1;
		}
		if (c->support >= 0 && props[i].rank <= rank_of(c->support_source))
			return 1;
		c->support = s;
		c->support_source = props[i].name;
		return 1;
	}
	return 0;
}
