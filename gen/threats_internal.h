/* threats_internal.h — what the identification stage (gen/threats.c) and
 * the writer of suggested threats (gen/threat_suggest.c) share.  Not a
 * public header. */
#ifndef PM_THREATS_INTERNAL_H
#define PM_THREATS_INTERNAL_H

#include "premarket/threats.h"
#include "rule_cond.h"
#include "strmap.h"

/** Writing suggestions for one model: its graph, and every id taken so far
 *  (the model's and the suggestions'), so that suggested ids are unique. */
typedef struct ts_ctx {
	pm_model *m;
	const rc_graph *g;
	const char *catalog;          /**< named in each suggestion's `source` */
	pm_strmap ids;                /**< keys in the model's arena */
	int v4;                       /**< the model's threats are scored in CVSS v4.0: suggest v4.0 vectors */
	const pm_rule *fallback_rule; /**< the rule fallback_asset was chosen for, or NULL */
	int32_t fallback_asset;       /**< for an element without assets: the model's asset of the highest
	                                   harm that rule threatens, or -1 */
} ts_ctx;

/** Start: index the ids of m.  Free with ts_free(). */
void ts_init(ts_ctx *x, pm_model *m, const rc_graph *g, const char *catalog);
void ts_free(ts_ctx *x);
/** The title of rule r written for element idx of kind el, in the model's arena. */
const char *ts_title(ts_ctx *x, const pm_rule *r, rc_elem el, int32_t idx);
/** Fill out->yaml and out->threat_id: the threat to paste under `threats:`
 *  (a list item indented by two spaces) for match `out` of rule r. */
void ts_suggest(ts_ctx *x, const pm_rule *r, rc_elem el, pm_match *out);

#endif
