/* cvss.c — CVSS vectors: metric tables, parsing, setting, formatting,
 * severity bands and the choice of the reported score (include/premarket/cvss.h).
 *
 * Vector grammar (CVSS v3.1 specification section 6, v4.0 section 7):
 *
 *     vector    = prefix component *( "/" component )
 *     prefix    = "CVSS:3.1/" / "CVSS:4.0/"     (v3.1 prefix optional with PM_CVSS_ASSUME_31)
 *     component = metric ":" value
 *
 * Metrics and values are case-sensitive abbreviations from the tables below
 * (v3.1 Table 15, v4.0 Table 23, values in the specification's order).  Every
 * base metric must be present once; any other metric at most once.  v3.1
 * allows any order (its specification only prefers Table 15's); v4.0
 * requires Table 23's order.  The scoring equations live in gen/cvss31.c and
 * gen/cvss40.c.
 */
#include "premarket/cvss.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define B PM_CVSS_BASE
#define T PM_CVSS_TEMPORAL
#define E PM_CVSS_ENVIRONMENTAL
#define S PM_CVSS_SUPPLEMENTAL

/* The three-level impact scale shared by several metrics. */
#define HLN                           \
	{"H", "L", "N"},              \
	{                             \
		"High", "Low", "None" \
	}
#define XHML                                           \
	{"X", "H", "M", "L"},                          \
	{                                              \
		"Not Defined", "High", "Medium", "Low" \
	}
#define XLMH                                           \
	{"X", "L", "M", "H"},                          \
	{                                              \
		"Not Defined", "Low", "Medium", "High" \
	}
#define XNLH                                         \
	{"X", "N", "L", "H"},                        \
	{                                            \
		"Not Defined", "None", "Low", "High" \
	}

static const pm_cvss_metric_info v31_metrics[PM_CVSS_V31_NMETRICS] = {
        {"AV", "Attack Vector", B, 4, {"N", "A", "L", "P"}, {"Network", "Adjacent", "Local", "Physical"}},
        {"AC", "Attack Complexity", B, 2, {"L", "H"}, {"Low", "High"}},
        {"PR", "Privileges Required", B, 3, {"N", "L", "H"}, {"None", "Low", "High"}},
        {"UI", "User Interaction", B, 2, {"N", "R"}, {"None", "Required"}},
        {"S", "Scope", B, 2, {"U", "C"}, {"Unchanged", "Changed"}},
        {"C", "Confidentiality", B, 3, HLN},
        {"I", "Integrity", B, 3, HLN},
        {"A", "Availability", B, 3, HLN},
        {"E",
         "Exploit Code Maturity",
         T,
         5,
         {"X", "U", "P", "F", "H"},
         {"Not Defined", "Unproven", "Proof-of-Concept", "Functional", "High"}},
        {"RL",
         "Remediation Level",
         T,
         5,
         {"X", "O", "T", "W", "U"},
         {"Not Defined", "Official Fix", "Temporary Fix", "Workaround", "Unavailable"}},
        {"RC", "Report Confidence", T, 4, {"X", "U", "R", "C"}, {"Not Defined", "Unknown", "Reasonable", "Confirmed"}},
        {"CR", "Confidentiality Requirement", E, 4, XLMH},
        {"IR", "Integrity Requirement", E, 4, XLMH},
        {"AR", "Availability Requirement", E, 4, XLMH},
        {"MAV",
         "Modified Attack Vector",
         E,
         5,
         {"X", "N", "A", "L", "P"},
         {"Not Defined", "Network", "Adjacent", "Local", "Physical"}},
        {"MAC", "Modified Attack Complexity", E, 3, {"X", "L", "H"}, {"Not Defined", "Low", "High"}},
        {"MPR", "Modified Privileges Required", E, 4, XNLH},
        {"MUI", "Modified User Interaction", E, 3, {"X", "N", "R"}, {"Not Defined", "None", "Required"}},
        {"MS", "Modified Scope", E, 3, {"X", "U", "C"}, {"Not Defined", "Unchanged", "Changed"}},
        {"MC", "Modified Confidentiality", E, 4, XNLH},
        {"MI", "Modified Integrity", E, 4, XNLH},
        {"MA", "Modified Availability", E, 4, XNLH},
};

static const pm_cvss_metric_info v40_metrics[PM_CVSS_V40_NMETRICS] = {
        {"AV", "Attack Vector", B, 4, {"N", "A", "L", "P"}, {"Network", "Adjacent", "Local", "Physical"}},
        {"AC", "Attack Complexity", B, 2, {"L", "H"}, {"Low", "High"}},
        {"AT", "Attack Requirements", B, 2, {"N", "P"}, {"None", "Present"}},
        {"PR", "Privileges Required", B, 3, {"N", "L", "H"}, {"None", "Low", "High"}},
        {"UI", "User Interaction", B, 3, {"N", "P", "A"}, {"None", "Passive", "Active"}},
        {"VC", "Vulnerable System Confidentiality Impact", B, 3, HLN},
        {"VI", "Vulnerable System Integrity Impact", B, 3, HLN},
        {"VA", "Vulnerable System Availability Impact", B, 3, HLN},
        {"SC", "Subsequent System Confidentiality Impact", B, 3, HLN},
        {"SI", "Subsequent System Integrity Impact", B, 3, HLN},
        {"SA", "Subsequent System Availability Impact", B, 3, HLN},
        {"E", "Exploit Maturity", T, 4, {"X", "A", "P", "U"}, {"Not Defined", "Attacked", "POC", "Unreported"}},
        {"CR", "Confidentiality Requirement", E, 4, XHML},
        {"IR", "Integrity Requirement", E, 4, XHML},
        {"AR", "Availability Requirement", E, 4, XHML},
        {"MAV",
         "Modified Attack Vector",
         E,
         5,
         {"X", "N", "A", "L", "P"},
         {"Not Defined", "Network", "Adjacent", "Local", "Physical"}},
        {"MAC", "Modified Attack Complexity", E, 3, {"X", "L", "H"}, {"Not Defined", "Low", "High"}},
        {"MAT", "Modified Attack Requirements", E, 3, {"X", "N", "P"}, {"Not Defined", "None", "Present"}},
        {"MPR", "Modified Privileges Required", E, 4, XNLH},
        {"MUI", "Modified User Interaction", E, 4, {"X", "N", "P", "A"}, {"Not Defined", "None", "Passive", "Active"}},
        {"MVC", "Modified Vulnerable System Confidentiality", E, 4, XNLH},
        {"MVI", "Modified Vulnerable System Integrity", E, 4, XNLH},
        {"MVA", "Modified Vulnerable System Availability", E, 4, XNLH},
        {"MSC", "Modified Subsequent System Confidentiality", E, 4, XNLH},
        {"MSI",
         "Modified Subsequent System Integrity",
         E,
         5,
         {"X", "N", "L", "H", "S"},
         {"Not Defined", "None", "Low", "High", "Safety"}},
        {"MSA",
         "Modified Subsequent System Availability",
         E,
         5,
         {"X", "N", "L", "H", "S"},
         {"Not Defined", "None", "Low", "High", "Safety"}},
        {"S", "Safety", S, 3, {"X", "N", "P"}, {"Not Defined", "Negligible", "Present"}},
        {"AU", "Automatable", S, 3, {"X", "N", "Y"}, {"Not Defined", "No", "Yes"}},
        {"R", "Recovery", S, 4, {"X", "A", "U", "I"}, {"Not Defined", "Automatic", "User", "Irrecoverable"}},
        {"V", "Value Density", S, 3, {"X", "D", "C"}, {"Not Defined", "Diffuse", "Concentrated"}},
        {"RE", "Vulnerability Response Effort", S, 4, {"X", "L", "M", "H"}, {"Not Defined", "Low", "Moderate", "High"}},
        {"U",
         "Provider Urgency",
         S,
         5,
         {"X", "Clear", "Green", "Amber", "Red"},
         {"Not Defined", "Clear", "Green", "Amber", "Red"}},
};

#undef B
#undef T
#undef E
#undef S

static const char PREFIX_HINT[] = "expected prefix \"CVSS:3.1/\" or \"CVSS:4.0/\"";

/* ---- metric tables -------------------------------------------------------- */

int pm_cvss_metric_count(pm_cvss_version version)
{
	switch (version) {
	case PM_CVSS_V31:
		return PM_CVSS_V31_NMETRICS;
	case PM_CVSS_V40:
		return PM_CVSS_V40_NMETRICS;
	}
	return 0;
}

const pm_cvss_metric_info *pm_cvss_metric(pm_cvss_version version, int i)
{
	if (i < 0 || i >= pm_cvss_metric_count(version))
		return NULL;
	return version == PM_CVSS_V31 ? &v31_metrics[i] : &v40_metrics[i];
}

/* Index of the metric named by name[0, len), searching from index `from`
 * onwards and wrapping around: parsing starts after the previous metric, so
 * a vector in the specification's order costs one comparison per metric. */
static int metric_find_from(pm_cvss_version version, const char *name, size_t len, int from)
{
	int n = pm_cvss_metric_count(version);
	for (int k = 0; k < n; k++) {
		int i = (from + k) % n;
		const char *m = pm_cvss_metric(version, i)->name;
		if (m[0] == name[0] && strlen(m) == len && memcmp(m, name, len) == 0)
			return i;
	}
	return -1;
}

int pm_cvss_metric_find(pm_cvss_version version, const char *name, size_t len)
{
	if (len == 0)
		return -1;
	return metric_find_from(version, name, len, 0);
}

static int value_find(const pm_cvss_metric_info *m, const char *v, size_t len)
{
	for (unsigned k = 0; k < m->nvalues; k++)
		if (m->values[k][0] == v[0] && strlen(m->values[k]) == len && memcmp(m->values[k], v, len) == 0)
			return (int)k;
	return -1;
}

static const char *version_name(pm_cvss_version v)
{
	return v == PM_CVSS_V31 ? "CVSS v3.1" : "CVSS v4.0";
}

/* ---- errors ---------------------------------------------------------------- */

/* Copy n bytes of p into out as a double-quoted string, escaping bytes that
 * are not printable ASCII and shortening long input with "...". */
static void quote(char *out, size_t size, const char *p, size_t n)
{
	enum { SHOWN = 32 };
	size_t o = 0;
	if (size < 8) {
		if (size)
			out[0] = '\0';
		return;
	}
	out[o++] = '"';
	for (size_t i = 0; i < n && i < SHOWN && o + 6 < size; i++) {
		unsigned char ch = (unsigned char)p[i];
		if (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\') {
			out[o++] = (char)ch;
		} else {
			int w = snprintf(out + o, size - o, "\\x%02X", ch);
			if (w < 0)
				break;
			o += (size_t)w;
		}
	}
	if (n > SHOWN && o + 5 < size) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o++] = '"';
	out[o] = '\0';
}

static int fail(pm_cvss_error *err, size_t offset, size_t len, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

static int fail(pm_cvss_error *err, size_t offset, size_t len, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
		err->offset = offset;
		err->len = len;
	}
	return -1;
}

/* ---- parsing ----------------------------------------------------------------- */

/* A list of the allowed values of m: "N, A, L, P". */
static void allowed_list(const pm_cvss_metric_info *m, char *out, size_t size)
{
	size_t o = 0;
	out[0] = '\0';
	for (unsigned k = 0; k < m->nvalues; k++) {
		int w = snprintf(out + o, size - o, "%s%s", k ? ", " : "", m->values[k]);
		if (w < 0 || (size_t)w >= size - o)
			return;
		o += (size_t)w;
	}
}

enum { MODE_VECTOR, MODE_EFFECT };

/* Parse the components of s[start, len) into out (already initialised). */
static int parse_components(const char *s, size_t len, size_t start, int mode, pm_cvss *out, pm_cvss_error *err)
{
	pm_cvss_version v = out->version;
	char q[96], allowed[64];
	size_t pos = start;
	int last = -1;

	if (pos >= len) {
		if (mode == MODE_EFFECT)
			return fail(err, pos, 0, "empty effect: expected METRIC:VALUE[/METRIC:VALUE...]");
		return fail(err, pos, 0, "no metrics after the prefix");
	}
	for (;;) {
		size_t cs = pos, ce = pos, colon;
		const pm_cvss_metric_info *m;
		int idx, val;

		while (ce < len && s[ce] != '/')
			ce++;
		if (ce == cs) {
			if (cs == len)
				return fail(err, cs - 1, 1, "empty component after the final \"/\"");
			return fail(err, cs, 1, "empty component (\"//\")");
		}
		for (colon = cs; colon < ce && s[colon] != ':'; colon++)
			;
		if (colon == ce) {
			quote(q, sizeof q, s + cs, ce - cs);
			return fail(err, cs, ce - cs, "component %s is not METRIC:VALUE", q);
		}
		if (colon == cs) {
			quote(q, sizeof q, s + cs, ce - cs);
			return fail(err, cs, ce - cs, "missing metric name in component %s", q);
		}
		idx = metric_find_from(v, s + cs, colon - cs, last + 1);
		if (idx < 0) {
			quote(q, sizeof q, s + cs, colon - cs);
			return fail(err, cs, colon - cs, "unknown metric %s for %s", q, version_name(v));
		}
		m = pm_cvss_metric(v, idx);
		if (out->present & (UINT32_C(1) << idx))
			return fail(err, cs, ce - cs, "duplicate metric %s", m->name);
		if (mode == MODE_EFFECT && m->group == PM_CVSS_BASE)
			return fail(err, cs, ce - cs,
			            "%s is a base metric: an effect sets environmental metrics (use M%s)", m->name,
			            m->name);
		if (mode == MODE_VECTOR && v == PM_CVSS_V40 && idx < last)
			return fail(err, cs, colon - cs,
			            "metric %s must come before %s (CVSS v4.0 requires the specification's order)",
			            m->name, pm_cvss_metric(v, last)->name);
		if (colon + 1 == ce)
			return fail(err, cs, ce - cs, "missing value for metric %s", m->name);
		val = value_find(m, s + colon + 1, ce - colon - 1);
		if (val < 0) {
			/* "A:H " at the very end: a valid vector followed by junk. */
			if (ce == len) {
				for (unsigned k = 0; k < m->nvalues; k++) {
					size_t vl = strlen(m->values[k]);
					size_t at = colon + 1 + vl;
					if (at < ce && memcmp(s + colon + 1, m->values[k], vl) == 0 &&
					    !(s[at] >= 'A' && s[at] <= 'Z') && !(s[at] >= 'a' && s[at] <= 'z') &&
					    !(s[at] >= '0' && s[at] <= '9'))
						return fail(err, at, ce - at, "trailing characters after vector");
				}
			}
			quote(q, sizeof q, s + colon + 1, ce - colon - 1);
			allowed_list(m, allowed, sizeof allowed);
			return fail(err, colon + 1, ce - colon - 1, "invalid value %s for metric %s (allowed: %s)", q,
			            m->name, allowed);
		}
		out->value[idx] = (unsigned char)val;
		out->present |= UINT32_C(1) << idx;
		last = idx;
		if (ce == len)
			break;
		pos = ce + 1;
	}
	if (mode == MODE_VECTOR && !pm_cvss_complete(out)) {
		char names[96];
		size_t o = 0;
		int missing = 0, n = pm_cvss_metric_count(v);
		names[0] = '\0';
		for (int i = 0; i < n; i++) {
			const pm_cvss_metric_info *m = pm_cvss_metric(v, i);
			if (m->group != PM_CVSS_BASE || (out->present & (UINT32_C(1) << i)))
				continue;
			int w = snprintf(names + o, sizeof names - o, "%s%s", missing ? ", " : "", m->name);
			if (w > 0 && (size_t)w < sizeof names - o)
				o += (size_t)w;
			missing++;
		}
		return fail(err, len, 0, "missing mandatory metric%s %s", missing > 1 ? "s" : "", names);
	}
	return 0;
}

int pm_cvss_parse_len(const char *s, size_t len, unsigned flags, pm_cvss *out, pm_cvss_error *err)
{
	static const char cvss[] = "CVSS:";
	size_t start;
	char q[96];

	if (len == 0)
		return fail(err, 0, 0, "empty vector");
	if (len >= 5 && memcmp(s, cvss, 5) == 0) {
		size_t slash = 5;
		while (slash < len && s[slash] != '/')
			slash++;
		if (slash - 5 == 3 && memcmp(s + 5, "3.1", 3) == 0 && slash < len) {
			pm_cvss_init(out, PM_CVSS_V31);
		} else if (slash - 5 == 3 && memcmp(s + 5, "4.0", 3) == 0 && slash < len) {
			pm_cvss_init(out, PM_CVSS_V40);
		} else if (slash < len) {
			quote(q, sizeof q, s + 5, slash - 5);
			return fail(err, 5, slash - 5, "unsupported CVSS version %s (%s)", q, PREFIX_HINT);
		} else {
			return fail(err, 0, len, "%s", PREFIX_HINT);
		}
		start = slash + 1;
	} else if (flags & PM_CVSS_ASSUME_31) {
		pm_cvss_init(out, PM_CVSS_V31);
		start = 0;
	} else {
		size_t n = 0;
		while (n < len && s[n] != '/')
			n++;
		return fail(err, 0, n, "%s", PREFIX_HINT);
	}
	return parse_components(s, len, start, MODE_VECTOR, out, err);
}

int pm_cvss_parse_flags(const char *s, unsigned flags, pm_cvss *out, pm_cvss_error *err)
{
	return pm_cvss_parse_len(s, strlen(s), flags, out, err);
}

int pm_cvss_parse(const char *s, pm_cvss *out, pm_cvss_error *err)
{
	return pm_cvss_parse_len(s, strlen(s), 0, out, err);
}

int pm_cvss_parse_effect(pm_cvss_version version, const char *s, pm_cvss *out, pm_cvss_error *err)
{
	if (pm_cvss_metric_count(version) == 0)
		return fail(err, 0, 0, "unknown CVSS version %d", (int)version);
	pm_cvss_init(out, version);
	return parse_components(s, strlen(s), 0, MODE_EFFECT, out, err);
}

int pm_cvss_apply(pm_cvss *dst, const pm_cvss *effect)
{
	if (dst->version != effect->version)
		return -1;
	for (int i = 0; i < pm_cvss_metric_count(dst->version); i++) {
		if (effect->present & (UINT32_C(1) << i)) {
			dst->value[i] = effect->value[i];
			dst->present |= UINT32_C(1) << i;
		}
	}
	return 0;
}

/* ---- building and reading ---------------------------------------------------------- */

void pm_cvss_init(pm_cvss *c, pm_cvss_version version)
{
	memset(c, 0, sizeof *c);
	c->version = version;
}

int pm_cvss_set(pm_cvss *c, const char *name, const char *value, pm_cvss_error *err)
{
	char q[96], allowed[64];
	int idx = pm_cvss_metric_find(c->version, name, strlen(name));
	const pm_cvss_metric_info *m;
	int val;

	if (idx < 0) {
		quote(q, sizeof q, name, strlen(name));
		return fail(err, 0, 0, "unknown metric %s for %s", q, version_name(c->version));
	}
	m = pm_cvss_metric(c->version, idx);
	val = value_find(m, value, strlen(value));
	if (val < 0) {
		quote(q, sizeof q, value, strlen(value));
		allowed_list(m, allowed, sizeof allowed);
		return fail(err, 0, 0, "invalid value %s for metric %s (allowed: %s)", q, m->name, allowed);
	}
	c->value[idx] = (unsigned char)val;
	c->present |= UINT32_C(1) << idx;
	return 0;
}

const char *pm_cvss_get(const pm_cvss *c, int i)
{
	const pm_cvss_metric_info *m = pm_cvss_metric(c->version, i);
	if (!m || c->value[i] >= m->nvalues)
		return NULL;
	return m->values[c->value[i]];
}

int pm_cvss_complete(const pm_cvss *c)
{
	int n = pm_cvss_metric_count(c->version);
	if (n == 0)
		return 0;
	for (int i = 0; i < n; i++) {
		const pm_cvss_metric_info *m = pm_cvss_metric(c->version, i);
		if (c->value[i] >= m->nvalues)
			return 0;
		if (m->group == PM_CVSS_BASE && !(c->present & (UINT32_C(1) << i)))
			return 0;
	}
	return 1;
}

size_t pm_cvss_format(const pm_cvss *c, char *buf, size_t size)
{
	const char *prefix = c->version == PM_CVSS_V31 ? "CVSS:3.1" : "CVSS:4.0";
	size_t o = strlen(prefix);
	int n = pm_cvss_metric_count(c->version);

	if (size)
		snprintf(buf, size, "%s", prefix);
	for (int i = 0; i < n; i++) {
		const pm_cvss_metric_info *m = pm_cvss_metric(c->version, i);
		const char *v = pm_cvss_get(c, i);
		if (!v || (m->group != PM_CVSS_BASE && c->value[i] == 0))
			continue;
		size_t need = 1 + strlen(m->name) + 1 + strlen(v);
		if (o < size)
			snprintf(buf + o, size - o, "/%s:%s", m->name, v);
		o += need;
	}
	return o;
}

/* ---- severity and the reported score ------------------------------------------------- */

pm_cvss_severity pm_cvss_severity_of(int tenths)
{
	if (tenths <= 0)
		return PM_CVSS_SEV_NONE;
	if (tenths < 40)
		return PM_CVSS_SEV_LOW;
	if (tenths < 70)
		return PM_CVSS_SEV_MEDIUM;
	if (tenths < 90)
		return PM_CVSS_SEV_HIGH;
	return PM_CVSS_SEV_CRITICAL;
}

const char *pm_cvss_severity_name(pm_cvss_severity sev)
{
	switch (sev) {
	case PM_CVSS_SEV_NONE:
		return "NONE";
	case PM_CVSS_SEV_LOW:
		return "LOW";
	case PM_CVSS_SEV_MEDIUM:
		return "MEDIUM";
	case PM_CVSS_SEV_HIGH:
		return "HIGH";
	case PM_CVSS_SEV_CRITICAL:
		return "CRITICAL";
	}
	return "?";
}

char *pm_cvss_score_str(int tenths, char *buf, size_t size)
{
	if (tenths < 0)
		tenths = 0;
	snprintf(buf, size, "%d.%d", tenths / 10, tenths % 10);
	return buf;
}

int pm_cvss_score_of(const pm_cvss *c, pm_cvss_score *out)
{
	if (c->version == PM_CVSS_V31) {
		pm_cvss_v31_result r;
		if (pm_cvss_v31_score(c, &r) != 0)
			return -1;
		if (r.has_environmental) {
			out->tenths = r.environmental_tenths;
			out->name = "environmental";
		} else if (r.has_temporal) {
			out->tenths = r.temporal_tenths;
			out->name = "temporal";
		} else {
			out->tenths = r.base_tenths;
			out->name = "base";
		}
	} else if (c->version == PM_CVSS_V40) {
		pm_cvss_v40_result r;
		if (pm_cvss_v40_score(c, &r) != 0)
			return -1;
		out->tenths = r.score_tenths;
		out->name = r.nomenclature;
	} else {
		return -1;
	}
	out->severity = pm_cvss_severity_of(out->tenths);
	return 0;
}
