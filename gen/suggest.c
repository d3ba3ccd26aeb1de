/* suggest.c — nearest-match hints for unknown keys, values and ids. */
#include "suggest.h"

#include <ctype.h>
#include <string.h>

#define MAXLEN 128

size_t pm_edit_distance(const char *a, const char *b, size_t max)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > MAXLEN || lb > MAXLEN)
		return max + 1;
	if ((la > lb ? la - lb : lb - la) > max)
		return max + 1;
	size_t prev[MAXLEN + 1], cur[MAXLEN + 1];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		size_t best = cur[0];
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]) ? 0 : 1;
			size_t v = prev[j - 1] + cost;
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > max)
			return max + 1;
		memcpy(prev, cur, (lb + 1) * sizeof *prev);
	}
	return prev[lb];
}

size_t pm_suggest_threshold(size_t len)
{
	return len <= 3 ? 1 : len <= 8 ? 2 : len / 3;
}

const char *pm_suggest(const char *s, const char *const *cands, size_t n)
{
	size_t max = pm_suggest_threshold(strlen(s));
	const char *best = NULL;
	size_t bestd = max + 1;
	for (size_t i = 0; i < n; i++) {
		if (!cands[i])
			continue;
		size_t d = pm_edit_distance(s, cands[i], bestd - 1 < max ? bestd - 1 : max);
		if (d < bestd) {
			bestd = d;
			best = cands[i];
			if (d == 0)
				break;
		}
	}
	return best;
}
