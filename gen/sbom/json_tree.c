/* json_tree.c — what the CycloneDX JSON and SPDX JSON readers share: the
 * JSON is parsed by libyaml (gen/yamltree.c) with the SBOM limits, and read
 * through typed getters that report a wrong type at the node.
 */
#include "internal.h"

#include "xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SCALAR ((size_t)8 << 20)

/* ---- JSON trees ------------------------------------------------------------------ */

static const char *node_kind(const yt_node *n)
{
	return n->type == YT_MAP ? "a mapping" : n->type == YT_SEQ ? "a list" : "a scalar";
}

int sbj_is_null(const yt_node *n)
{
	return n->type == YT_SCALAR && n->plain && (strcmp(n->s, "null") == 0 || n->n == 0 || strcmp(n->s, "~") == 0);
}

/* libyaml reports JSON syntax errors in YAML words: say them in JSON's. */
static void json_words(char **msg)
{
	static const char *const from[] = {"flow mapping", "flow sequence", "flow node", "a scalar", "an alias"};
	static const char *const to[] = {"JSON object", "JSON array", "JSON value", "a value", "an alias (not JSON)"};
	if (!*msg)
		return;
	for (size_t k = 0; k < sizeof from / sizeof from[0]; k++) {
		char *p = strstr(*msg, from[k]);
		if (!p)
			continue;
		char *r = pm_xasprintf("%.*s%s%s", (int)(p - *msg), *msg, to[k], p + strlen(from[k]));
		free(*msg);
		*msg = r;
	}
}

int sbj_parse(sb_builder *b, const char *data, size_t len, yt_doc *t, pm_arena *tmp)
{
	/* JSON has no aliases: refusing them keeps YAML alias tricks out */
	yt_limits lim = {PM_SBOM_MAX_DEPTH, MAX_SCALAR, len + 16, 0};
	size_t n0 = b->d->n;
	if (yt_parse(t, data, len, b->file, tmp, &lim, b->d) < 0) {
		for (size_t i = n0; i < b->d->n; i++) {
			json_words(&b->d->v[i].msg);
			json_words(&b->d->v[i].hint);
		}
		return -1;
	}
	if (!t->has_root) {
		yt_doc_free(t);
		return sb_error(b, PM_ERR_SCHEMA, 1, 1, "the file is empty");
	}
	const yt_node *root = &t->nodes[t->root];
	if (root->type != YT_MAP) {
		sb_error(b, PM_ERR_SCHEMA, root->line, root->col, "the document must be a JSON object, not %s",
		         node_kind(root));
		yt_doc_free(t);
		return -1;
	}
	return 0;
}

const yt_node *sbj_get(const yt_doc *t, const yt_node *m, const char *key)
{
	if (!m || m->type != YT_MAP)
		return NULL;
	for (uint32_t i = 0; i < m->n; i++) {
		const yt_node *k = yt_child(t, m, 2 * i);
		if (k->type == YT_SCALAR && strcmp(k->s, key) == 0)
			return yt_child(t, m, 2 * i + 1);
	}
	return NULL;
}

const char *sbj_strv(sb_builder *b, const yt_node *n, const char *what)
{
	if (!n || sbj_is_null(n))
		return NULL;
	if (n->type != YT_SCALAR) {
		sb_error(b, PM_ERR_SCHEMA, n->line, n->col, "%s must be a string, not %s", what, node_kind(n));
		return NULL;
	}
	return sb_str(b, n->s);
}

const char *sbj_str(sb_builder *b, const yt_doc *t, const yt_node *m, const char *key)
{
	const yt_node *n = sbj_get(t, m, key);
	if (!n)
		return NULL;
	if (n->type != YT_SCALAR && !sbj_is_null(n)) {
		sb_error(b, PM_ERR_SCHEMA, n->line, n->col, "\"%s\" must be a string, not %s", key, node_kind(n));
		return NULL;
	}
	return sbj_strv(b, n, key);
}

static const yt_node *want(sb_builder *b, const yt_doc *t, const yt_node *m, const char *key, int type)
{
	const yt_node *n = sbj_get(t, m, key);
	if (!n || sbj_is_null(n))
		return NULL;
	if (n->type != type) {
		sb_error(b, PM_ERR_SCHEMA, n->line, n->col, "\"%s\" must be %s, not %s", key,
		         type == YT_SEQ ? "a list" : "a mapping", node_kind(n));
		return NULL;
	}
	return n;
}

const yt_node *sbj_seq(sb_builder *b, const yt_doc *t, const yt_node *m, const char *key)
{
	return want(b, t, m, key, YT_SEQ);
}

const yt_node *sbj_map(sb_builder *b, const yt_doc *t, const yt_node *m, const char *key)
{
	return want(b, t, m, key, YT_MAP);
}

int sbj_want_map(sb_builder *b, const yt_node *n, const char *what)
{
	if (n->type == YT_MAP)
		return 1;
	sb_error(b, PM_ERR_SCHEMA, n->line, n->col, "%s must be a mapping, not %s", what, node_kind(n));
	return 0;
}

const yt_node *sbj_item_map(sb_builder *b, const yt_doc *t, const yt_node *seq, uint32_t i, const char *what)
{
	const yt_node *n = yt_child(t, seq, i);
	return sbj_want_map(b, n, what) ? n : NULL;
}

int sbj_num(sb_builder *b, const yt_doc *t, const yt_node *m, const char *key, double *v)
{
	const yt_node *n = sbj_get(t, m, key);
	if (!n || sbj_is_null(n))
		return 0;
	if (n->type == YT_SCALAR && n->n) {
		char *end;
		errno = 0;
		double x = strtod(n->s, &end);
		if (!*end && errno == 0) {
			*v = x;
			return 1;
		}
	}
	sb_error(b, PM_ERR_SCHEMA, n->line, n->col, "\"%s\" must be a number", key);
	return -1;
}
