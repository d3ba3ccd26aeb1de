/* diagram_text.c — text for the diagrams (gen/diagram.h): drawable text,
 * widths from the compiled-in DejaVu metrics (diagram_metrics.c), and line
 * breaking.  Nothing here depends on the fonts installed. */
#include "diagram.h"
#include "utf8.h"
#include "xalloc.h"

#include <string.h>

#define ELLIPSIS  "\xE2\x80\xA6"
#define MAX_LINES 16

/* Wide East Asian scripts, which the DejaVu faces lack: a full em. */
static int wide(uint32_t cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	       (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

/* Advance of cp in 1/1000 em. */
static unsigned units(uint32_t cp, int face)
{
	const uint16_t *t = face == DG_BOLD ? pm_dg_metrics_bold : pm_dg_metrics_regular;
	for (size_t i = 0; i < pm_dg_n_metric_ranges; i++) {
		const pm_dg_metric_range *r = &pm_dg_metric_ranges[i];
		if (cp >= r->lo && cp <= r->hi) {
			uint16_t w = t[r->base + (cp - r->lo)];
			if (w != UINT16_MAX)
				return w;
			break;
		}
	}
	/* not in the faces: the PDF draws U+FFFD (a full em), a browser some
	 * other font; an em for wide scripts, a generous average otherwise */
	return wide(cp) ? 1000 : 700;
}

double pm_dg_width(const char *s, size_t n, int face, double size)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned long sum = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = pm_utf8_decode(u + i, n - i, &cp);
		if (k == 0) {
			cp = 0xFFFD;
			k = 1;
		}
		sum += units(cp, face);
		i += k;
	}
	return (double)sum * size / 1000.0;
}

static int is_blank(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xA0 ||
	       (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
	       cp == 0x3000;
}

char *pm_dg_clean(pm_arena *a, const char *s)
{
	if (!s)
		return pm_arena_strdup(a, "");
	size_t n = strlen(s);
	const unsigned char *u = (const unsigned char *)s;
	/* at most 3 bytes (U+FFFD) for every input byte */
	char *out = pm_arena_alloc(a, 3 * n + 1);
	size_t o = 0;
	int space = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = pm_utf8_decode(u + i, n - i, &cp);
		int bad = k == 0 || cp == 0xFFFE || cp == 0xFFFF;
		if (k == 0)
			k = 1;
		if (!bad && (is_blank(cp) || cp < 0x20 || (cp >= 0x7F && cp < 0xA0))) {
			space = o > 0;
			i += k;
			continue;
		}
		if (space) {
			out[o++] = ' ';
			space = 0;
		}
		if (bad) {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
		} else {
			memcpy(out + o, s + i, k);
			o += k;
		}
		i += k;
	}
	out[o] = 0;
	return out;
}

/* The length of the character at s[i] (clean text). */
static size_t char_len(const char *s, size_t i, size_t n)
{
	uint32_t cp;
	size_t k = pm_utf8_decode((const unsigned char *)s + i, n - i, &cp);
	return k ? k : 1;
}

static int break_after(char c)
{
	return c == '/' || c == '-' || c == '_' || c == '.' || c == ',' || c == ':' || c == ';' || c == ')';
}

typedef struct span {
	size_t b, e;
} span;

/* Split the word s[b..e) (wider than maxw) into pieces that fit; returns
 * the end of the first piece. */
static size_t split_word(const char *s, size_t b, size_t e, int face, double size, double maxw)
{
	size_t i = b, last_fit = b, last_break = 0;
	while (i < e) {
		size_t k = char_len(s, i, e);
		if (pm_dg_width(s + b, i + k - b, face, size) > maxw)
			break;
		i += k;
		last_fit = i;
		if (break_after(s[i - 1]) && i < e)
			last_break = i;
	}
	if (last_fit == b) /* not even one character fits: take one */
		return b + char_len(s, b, e);
	if (last_break > b && (last_break - b) * 3 >= (last_fit - b))
		return last_break;
	return last_fit;
}

size_t pm_dg_wrap(pm_arena *a, const char *s, int face, double size, double maxw, size_t maxl, const char **lines,
                  int *cut)
{
	span v[MAX_LINES + 1];
	size_t nv = 0, n = strlen(s);
	int more = 0;
	if (cut)
		*cut = 0;
	if (maxl < 1)
		maxl = 1;
	if (maxl > MAX_LINES)
		maxl = MAX_LINES;
	size_t ls = 0, le = 0; /* the current line, [ls, le) */
	int open = 0;
	for (size_t i = 0; i < n && !more;) {
		size_t we = i;
		while (we < n && s[we] != ' ')
			we++;
		/* the word s[i..we) */
		if (open && pm_dg_width(s + ls, we - ls, face, size) <= maxw) {
			le = we;
		} else {
			if (open) {
				v[nv++] = (span){ls, le};
				open = 0;
				if (nv == maxl) {
					more = 1;
					break;
				}
			}
			size_t b = i;
			while (pm_dg_width(s + b, we - b, face, size) > maxw) {
				size_t k = split_word(s, b, we, face, size, maxw);
				v[nv++] = (span){b, k};
				b = k;
				if (nv == maxl) {
					more = b < n;
					break;
				}
			}
			if (more || nv == maxl)
				break;
			ls = b;
			le = we;
			open = 1;
		}
		i = we < n ? we + 1 : we;
	}
	if (open && !more) {
		if (nv < maxl)
			v[nv++] = (span){ls, le};
		else
			more = 1;
	}
	if (nv == 0)
		v[nv++] = (span){0, 0};
	/* lines left over: the last line takes the rest, cut to fit with "…" */
	if (more || (nv == maxl && v[nv - 1].e < n)) {
		span *last = &v[nv - 1];
		double ew = pm_dg_width(ELLIPSIS, 3, face, size);
		size_t e = n;
		while (e > last->b && pm_dg_width(s + last->b, e - last->b, face, size) + ew > maxw) {
			e--;
			while (e > last->b && ((unsigned char)s[e] & 0xC0) == 0x80)
				e--;
		}
		while (e > last->b && (s[e - 1] == ' ' || break_after(s[e - 1])))
			e--;
		last->e = e;
		char *t = pm_arena_alloc(a, e - last->b + 4);
		memcpy(t, s + last->b, e - last->b);
		memcpy(t + (e - last->b), ELLIPSIS, 4);
		for (size_t k = 0; k + 1 < nv; k++)
			lines[k] = pm_arena_strndup(a, s + v[k].b, v[k].e - v[k].b);
		lines[nv - 1] = t;
		if (cut)
			*cut = 1;
		return nv;
	}
	for (size_t k = 0; k < nv; k++)
		lines[k] = pm_arena_strndup(a, s + v[k].b, v[k].e - v[k].b);
	return nv;
}
