/* cvss40_table.c — CVSS v4.0 specification data: the score of every macro
 * vector, the highest-severity vectors of each equivalence class and their
 * severity depths.
 *
 * Source: FIRST's CVSS v4.0 reference calculator (FIRSTdotorg/cvss-v4-calculator
 * and its parent RedHatProductSecurity/cvss-v4-calculator, files
 * cvss_lookup.js, max_composed.js and max_severity.js), which the v4.0
 * specification (section 8.2) names as the normative source of the lookup
 * values.  Transcribed as data; the 270 entries were checked one by one
 * against an independent copy (ae-cvss-calculator 1.0.13, MV_LOOKUP) and a
 * unit test checks their count and order.  Scores are in tenths.
 */
#include "cvss40_table.h"
#include "premarket/cvss.h"

#include <string.h>

struct macro_score {
	char mv[7];
	signed char tenths;
};

/* Sorted by macro vector (the digits EQ1..EQ6), as in cvss_lookup.js. */
static const struct macro_score lookup[] = {
        {"000000", 100}, {"000001", 99}, {"000010", 98}, {"000011", 95}, {"000020", 95}, {"000021", 92},
        {"000100", 100}, {"000101", 96}, {"000110", 93}, {"000111", 87}, {"000120", 91}, {"000121", 81},
        {"000200", 93},  {"000201", 90}, {"000210", 89}, {"000211", 80}, {"000220", 81}, {"000221", 68},
        {"001000", 98},  {"001001", 95}, {"001010", 95}, {"001011", 92}, {"001020", 90}, {"001021", 84},
        {"001100", 93},  {"001101", 92}, {"001110", 89}, {"001111", 81}, {"001120", 81}, {"001121", 65},
        {"001200", 88},  {"001201", 80}, {"001210", 78}, {"001211", 70}, {"001220", 69}, {"001221", 48},
        {"002001", 92},  {"002011", 82}, {"002021", 72}, {"002101", 79}, {"002111", 69}, {"002121", 50},
        {"002201", 69},  {"002211", 55}, {"002221", 27}, {"010000", 99}, {"010001", 97}, {"010010", 95},
        {"010011", 92},  {"010020", 92}, {"010021", 85}, {"010100", 95}, {"010101", 91}, {"010110", 90},
        {"010111", 83},  {"010120", 84}, {"010121", 71}, {"010200", 92}, {"010201", 81}, {"010210", 82},
        {"010211", 71},  {"010220", 72}, {"010221", 53}, {"011000", 95}, {"011001", 93}, {"011010", 92},
        {"011011", 85},  {"011020", 85}, {"011021", 73}, {"011100", 92}, {"011101", 82}, {"011110", 80},
        {"011111", 72},  {"011120", 70}, {"011121", 59}, {"011200", 84}, {"011201", 70}, {"011210", 71},
        {"011211", 52},  {"011220", 50}, {"011221", 30}, {"012001", 86}, {"012011", 75}, {"012021", 52},
        {"012101", 71},  {"012111", 52}, {"012121", 29}, {"012201", 63}, {"012211", 29}, {"012221", 17},
        {"100000", 98},  {"100001", 95}, {"100010", 94}, {"100011", 87}, {"100020", 91}, {"100021", 81},
        {"100100", 94},  {"100101", 89}, {"100110", 86}, {"100111", 74}, {"100120", 77}, {"100121", 64},
        {"100200", 87},  {"100201", 75}, {"100210", 74}, {"100211", 63}, {"100220", 63}, {"100221", 49},
        {"101000", 94},  {"101001", 89}, {"101010", 88}, {"101011", 77}, {"101020", 76}, {"101021", 67},
        {"101100", 86},  {"101101", 76}, {"101110", 74}, {"101111", 58}, {"101120", 59}, {"101121", 50},
        {"101200", 72},  {"101201", 57}, {"101210", 57}, {"101211", 52}, {"101220", 52}, {"101221", 25},
        {"102001", 83},  {"102011", 70}, {"102021", 54}, {"102101", 65}, {"102111", 58}, {"102121", 26},
        {"102201", 53},  {"102211", 21}, {"102221", 13}, {"110000", 95}, {"110001", 90}, {"110010", 88},
        {"110011", 76},  {"110020", 76}, {"110021", 70}, {"110100", 90}, {"110101", 77}, {"110110", 75},
        {"110111", 62},  {"110120", 61}, {"110121", 53}, {"110200", 77}, {"110201", 66}, {"110210", 68},
        {"110211", 59},  {"110220", 52}, {"110221", 30}, {"111000", 89}, {"111001", 78}, {"111010", 76},
        {"111011", 67},  {"111020", 62}, {"111021", 58}, {"111100", 74}, {"111101", 59}, {"111110", 57},
        {"111111", 57},  {"111120", 47}, {"111121", 23}, {"111200", 61}, {"111201", 52}, {"111210", 57},
        {"111211", 29},  {"111220", 24}, {"111221", 16}, {"112001", 71}, {"112011", 59}, {"112021", 30},
        {"112101", 58},  {"112111", 26}, {"112121", 15}, {"112201", 23}, {"112211", 13}, {"112221", 6},
        {"200000", 93},  {"200001", 87}, {"200010", 86}, {"200011", 72}, {"200020", 75}, {"200021", 58},
        {"200100", 86},  {"200101", 74}, {"200110", 74}, {"200111", 61}, {"200120", 56}, {"200121", 34},
        {"200200", 70},  {"200201", 54}, {"200210", 52}, {"200211", 40}, {"200220", 40}, {"200221", 22},
        {"201000", 85},  {"201001", 75}, {"201010", 74}, {"201011", 55}, {"201020", 62}, {"201021", 51},
        {"201100", 72},  {"201101", 57}, {"201110", 55}, {"201111", 41}, {"201120", 46}, {"201121", 19},
        {"201200", 53},  {"201201", 36}, {"201210", 34}, {"201211", 19}, {"201220", 19}, {"201221", 8},
        {"202001", 64},  {"202011", 51}, {"202021", 20}, {"202101", 47}, {"202111", 21}, {"202121", 11},
        {"202201", 24},  {"202211", 9},  {"202221", 4},  {"210000", 88}, {"210001", 75}, {"210010", 73},
        {"210011", 53},  {"210020", 60}, {"210021", 50}, {"210100", 73}, {"210101", 55}, {"210110", 59},
        {"210111", 40},  {"210120", 41}, {"210121", 20}, {"210200", 54}, {"210201", 43}, {"210210", 45},
        {"210211", 22},  {"210220", 20}, {"210221", 11}, {"211000", 75}, {"211001", 55}, {"211010", 58},
        {"211011", 45},  {"211020", 40}, {"211021", 21}, {"211100", 61}, {"211101", 51}, {"211110", 48},
        {"211111", 18},  {"211120", 20}, {"211121", 9},  {"211200", 46}, {"211201", 18}, {"211210", 17},
        {"211211", 7},   {"211220", 8},  {"211221", 2},  {"212001", 53}, {"212011", 24}, {"212021", 14},
        {"212101", 24},  {"212111", 12}, {"212121", 5},  {"212201", 10}, {"212211", 3},  {"212221", 1},
};

int pm_cvss_v40_macro_score(const char *macrovector)
{
	size_t lo = 0, hi = sizeof lookup / sizeof lookup[0];
	if (!macrovector || strlen(macrovector) != 6)
		return -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = memcmp(lookup[mid].mv, macrovector, 6);
		if (cmp == 0)
			return lookup[mid].tenths;
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Highest-severity vector parts per EQ level (max_composed.js).  EQ3 and EQ6
 * are scored together: eq3eq6[EQ3][EQ6]. */
static const char *const eq1_0[] = {"AV:N/PR:N/UI:N/"};
static const char *const eq1_1[] = {"AV:A/PR:N/UI:N/", "AV:N/PR:L/UI:N/", "AV:N/PR:N/UI:P/"};
static const char *const eq1_2[] = {"AV:P/PR:N/UI:N/", "AV:A/PR:L/UI:P/"};
static const char *const eq2_0[] = {"AC:L/AT:N/"};
static const char *const eq2_1[] = {"AC:H/AT:N/", "AC:L/AT:P/"};
static const char *const eq36_00[] = {"VC:H/VI:H/VA:H/CR:H/IR:H/AR:H/"};
static const char *const eq36_01[] = {"VC:H/VI:H/VA:L/CR:M/IR:M/AR:H/", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M/"};
static const char *const eq36_10[] = {"VC:L/VI:H/VA:H/CR:H/IR:H/AR:H/", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H/"};
static const char *const eq36_11[] = {"VC:L/VI:H/VA:L/CR:H/IR:M/AR:H/", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M/",
                                      "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M/", "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H/",
                                      "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M/"};
static const char *const eq36_21[] = {"VC:L/VI:L/VA:L/CR:H/IR:H/AR:H/"};
static const char *const eq4_0[] = {"SC:H/SI:S/SA:S/"};
static const char *const eq4_1[] = {"SC:H/SI:H/SA:H/"};
static const char *const eq4_2[] = {"SC:L/SI:L/SA:L/"};
static const char *const eq5_0[] = {"E:A/"};
static const char *const eq5_1[] = {"E:P/"};
static const char *const eq5_2[] = {"E:U/"};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	int g, level, eq6;
	const char *const *parts;
	size_t n;
} max_parts[] = {
        {PM_CVSS_V40_EQ1, 0, 0, eq1_0, N(eq1_0)},        {PM_CVSS_V40_EQ1, 1, 0, eq1_1, N(eq1_1)},
        {PM_CVSS_V40_EQ1, 2, 0, eq1_2, N(eq1_2)},        {PM_CVSS_V40_EQ2, 0, 0, eq2_0, N(eq2_0)},
        {PM_CVSS_V40_EQ2, 1, 0, eq2_1, N(eq2_1)},        {PM_CVSS_V40_EQ3EQ6, 0, 0, eq36_00, N(eq36_00)},
        {PM_CVSS_V40_EQ3EQ6, 0, 1, eq36_01, N(eq36_01)}, {PM_CVSS_V40_EQ3EQ6, 1, 0, eq36_10, N(eq36_10)},
        {PM_CVSS_V40_EQ3EQ6, 1, 1, eq36_11, N(eq36_11)}, {PM_CVSS_V40_EQ3EQ6, 2, 1, eq36_21, N(eq36_21)},
        {PM_CVSS_V40_EQ4, 0, 0, eq4_0, N(eq4_0)},        {PM_CVSS_V40_EQ4, 1, 0, eq4_1, N(eq4_1)},
        {PM_CVSS_V40_EQ4, 2, 0, eq4_2, N(eq4_2)},        {PM_CVSS_V40_EQ5, 0, 0, eq5_0, N(eq5_0)},
        {PM_CVSS_V40_EQ5, 1, 0, eq5_1, N(eq5_1)},        {PM_CVSS_V40_EQ5, 2, 0, eq5_2, N(eq5_2)},
};

size_t pm_cvss_v40_max_parts(int g, int level, int eq6, const char *const **parts)
{
	if (g != PM_CVSS_V40_EQ3EQ6)
		eq6 = 0;
	for (size_t i = 0; i < N(max_parts); i++) {
		if (max_parts[i].g == g && max_parts[i].level == level && max_parts[i].eq6 == eq6) {
			*parts = max_parts[i].parts;
			return max_parts[i].n;
		}
	}
	*parts = NULL;
	return 0;
}

/* Max severity depths, "max severity distances in EQs MacroVectors (+1)"
 * (max_severity.js), in steps of 0.1. */
int pm_cvss_v40_depth(int g, int level, int eq6)
{
	static const signed char eq1[3] = {1, 4, 5};
	static const signed char eq2[2] = {1, 2};
	static const signed char eq36[3][2] = {{7, 6}, {8, 8}, {-1, 10}};
	static const signed char eq4[3] = {6, 5, 4};
	static const signed char eq5[3] = {1, 1, 1};

	if (level < 0 || eq6 < 0 || eq6 > 1)
		return -1;
	switch (g) {
	case PM_CVSS_V40_EQ1:
		return level < 3 ? eq1[level] : -1;
	case PM_CVSS_V40_EQ2:
		return level < 2 ? eq2[level] : -1;
	case PM_CVSS_V40_EQ3EQ6:
		return level < 3 ? eq36[level][eq6] : -1;
	case PM_CVSS_V40_EQ4:
		return level < 3 ? eq4[level] : -1;
	case PM_CVSS_V40_EQ5:
		return level < 3 ? eq5[level] : -1;
	}
	return -1;
}
