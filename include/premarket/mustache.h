/**
 * mustache.h — the Mustache template engine that renders our documents.
 *
 * Module rule: a template is compiled once (pm_mustache_compile) and then
 * rendered any number of times against a pm_value tree through a render
 * environment (pm_mustache_env) that holds the options and caches the
 * partials it has loaded and compiled.  Compiled templates are read-only
 * and may be shared; an environment belongs to one thread at a time.
 * Errors go to a pm_diags list; the engine never prints and never exits.
 *
 * Supported: everything the Mustache spec ("comments", "delimiters",
 * "interpolation", "inverted", "partials", "sections" and the optional
 * "~inheritance") tests: variables {{x}}, unescaped {{{x}}} and {{&x}},
 * dotted names {{a.b.c}}, the implicit iterator {{.}}, sections {{#x}}
 * and inverted sections {{^x}}, comments {{! x }}, set delimiters
 * {{=<% %>=}}, partials {{>name}} with standalone indentation, parents
 * {{<name}} and blocks {{$name}}, and the standalone-line rules.  Lambdas
 * and dynamic names are not supported.  docs/mustache.md is the manual.
 *
 * Falsey values: null, false, an empty list, and a missing name.  Every
 * other value, including 0 and the empty string, is truthy.
 */
#ifndef PREMARKET_MUSTACHE_H
#define PREMARKET_MUSTACHE_H

#include <stddef.h>

#include "premarket/buf.h"
#include "premarket/diag.h"
#include "premarket/value.h"

/** A compiled template (opaque). */
typedef struct pm_mustache_template pm_mustache_template;

/** A render environment: options plus a cache of compiled partials (opaque). */
typedef struct pm_mustache_env pm_mustache_env;

/**
 * An escaper: append `s` (`n` bytes) to `out`, escaped for the output
 * format.  Applied to {{name}}, never to {{{name}}} or {{&name}}.  `ud` is
 * pm_mustache_opts.escape_ud.  An append that fails sets out->overflow,
 * which fails the render.
 */
typedef void (*pm_mustache_escape_fn)(pm_buf *out, const char *s, size_t n, void *ud);

/**
 * A partial loader: find the template called `name` (as written in
 * {{>name}} or {{<name}}) and append its source to `src`.
 *
 * Returns 0 when found, 1 when there is no such partial (it then renders
 * as the empty string, as the spec requires, unless PM_MUSTACHE_STRICT is
 * set), or -1 on failure, after adding a diagnostic to `d`.  The loader
 * may set *file to the name of the partial's file, used as the file of
 * diagnostics about the partial; it must stay valid as long as `d` is
 * used.  When *file is left NULL, diagnostics name the partial by a copy
 * of `name` owned by the environment: print them before freeing it.
 * Each name is loaded at most once per environment.
 */
typedef int (*pm_mustache_load_fn)(void *ud, const char *name, pm_buf *src, const char **file, pm_diags *d);

/** Flags for pm_mustache_opts.flags. */
enum {
	/**
	 * Strict mode: interpolating a name that resolves to nothing (a
	 * missing key, as opposed to a null value) and including a partial
	 * the loader cannot find are render errors.  Sections and inverted
	 * sections on missing names stay legal (they are how templates test
	 * for optional data).
	 */
	PM_MUSTACHE_STRICT = 1u << 0
};

/** Default cap on nested partial and parent inclusions (recursion depth). */
#define PM_MUSTACHE_DEFAULT_MAX_PARTIAL_DEPTH 64

/**
 * Hard cap on render nesting: sections being rendered, partials, parents
 * and blocks together.  Deeper templates or data (e.g. a cyclic value
 * tree) fail with a diagnostic instead of exhausting the stack.
 */
#define PM_MUSTACHE_MAX_DEPTH 1000

/** Render options.  Zero-initialise, then set what you need. */
typedef struct pm_mustache_opts {
	pm_mustache_escape_fn escape; /**< NULL = pm_mustache_escape_html */
	void *escape_ud;              /**< passed to escape */
	pm_mustache_load_fn load;     /**< NULL = no partials (every partial is "not found") */
	void *load_ud;                /**< passed to load */
	unsigned max_partial_depth;   /**< 0 = PM_MUSTACHE_DEFAULT_MAX_PARTIAL_DEPTH */
	unsigned flags;               /**< PM_MUSTACHE_STRICT */
} pm_mustache_opts;

/**
 * Compile `len` bytes of template source.  `name` (e.g. the file name) is
 * used as the file of diagnostics; it is not copied and must stay valid as
 * long as the template and `d` are used.  The source is copied.
 *
 * Syntax errors (an unclosed tag, a closing tag that matches no open
 * section, an unclosed section, a bad set-delimiter tag, an empty or
 * malformed name) add one PM_ERR_RENDER diagnostic at the 1-based
 * line:column of the offending tag (columns count UTF-8 characters) and
 * return -1 with *out NULL; nothing is left allocated.  On success returns
 * 0 and stores the template in *out.
 *
 * `d` may be NULL, to compile without diagnostics.
 *
 * It is the caller's responsibility to free the template using
 * pm_mustache_free().
 */
int pm_mustache_compile(const char *name, const char *src, size_t len, pm_mustache_template **out, pm_diags *d);

/** Free a template.  NULL is a no-op. */
void pm_mustache_free(pm_mustache_template *t);

/** The name given to pm_mustache_compile(). */
const char *pm_mustache_name(const pm_mustache_template *t);

/**
 * Create a render environment with a copy of `opts` (NULL = defaults:
 * HTML escaping, no partials).  It is the caller's responsibility to free
 * the returned environment using pm_mustache_env_free().
 */
pm_mustache_env *pm_mustache_env_new(const pm_mustache_opts *opts);

/** Free an environment and every partial it compiled.  NULL is a no-op. */
void pm_mustache_env_free(pm_mustache_env *env);

/**
 * Render `t` with `data` as the root context (NULL = null) and append the
 * result to `out`.  Partials and parents are loaded through the
 * environment's loader on first use and cached there.
 *
 * Returns 0, or -1 after adding a diagnostic to `d` (PM_ERR_RENDER:
 * recursion or nesting too deep, a syntax error in a partial, strict-mode
 * misses, output over out->limit, or a NULL env, t or out: PM_ERR_USAGE);
 * on failure `out` is restored to the length it had on entry.  `d` may be
 * NULL, to render without diagnostics.
 */
int pm_mustache_render(pm_mustache_env *env, const pm_mustache_template *t, const pm_value *data, pm_buf *out,
                       pm_diags *d);

/**
 * The HTML escaper (the default): & < > " ' become &amp; &lt; &gt; &quot;
 * &#39;; every other byte is copied.  `ud` is unused.
 */
void pm_mustache_escape_html(pm_buf *out, const char *s, size_t n, void *ud);

/**
 * The Markdown escaper, for values placed in GitHub-flavoured Markdown,
 * table cells included: the result renders as the literal text of the
 * value on one line, never as Markdown structure or HTML.  Rules (see
 * docs/mustache.md):
 *  - leading and trailing whitespace (space, tab, CR, LF, FF, VT) is dropped;
 *  - each line break inside (CR LF, LF or CR) becomes one space, and every
 *    other ASCII control character (except tab) becomes a space;
 *  - \ ` * _ [ ] < > & | ~ are backslash-escaped everywhere;
 *  - # is backslash-escaped at the start of the value and after a space
 *    or tab;
 *  - a leading - + or = is backslash-escaped, and so is the . or ) after a
 *    leading run of 1-9 digits ("1. x" -> "1\. x").
 * `ud` is unused.
 */
void pm_mustache_escape_markdown(pm_buf *out, const char *s, size_t n, void *ud);

/** An escaper that copies its input unchanged (for plain-text output). */
void pm_mustache_escape_none(pm_buf *out, const char *s, size_t n, void *ud);

#endif
