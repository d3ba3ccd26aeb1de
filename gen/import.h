/* import.h — what the importers share (gen/import.c): the skeleton of a
 * premarket model they fill from a source model (zones, components, flows,
 * threats, controls, assets, all strings in one arena), unique ids made
 * from names, getters for the source's JSON tree (parsed by libyaml,
 * gen/yamltree.c), and the YAML writer.  Not a public header.
 *
 * An importer (import_threatdragon.c, import_otm.c) reads the tree and
 * adds objects in source order; a NULL text field is written as the TODO
 * placeholder of that field, so the importer only sets what the source
 * says. */
#ifndef PM_IMPORT_INTERNAL_H
#define PM_IMPORT_INTERNAL_H

#include "arena.h"
#include "premarket/import.h"
#include "strmap.h"
#include "yamltree.h"

#include <stdbool.h>

/* A growing list of strings (the arena's). */
typedef struct im_list {
	const char **v;
	size_t n, cap;
} im_list;

/* STRIDE categories as bits, in premarket's order. */
enum {
	IM_SPOOFING = 1u << 0,
	IM_TAMPERING = 1u << 1,
	IM_REPUDIATION = 1u << 2,
	IM_DISCLOSURE = 1u << 3,
	IM_DOS = 1u << 4,
	IM_EOP = 1u << 5
};

typedef struct im_zone {
	const char *id, *name, *description;
	const char *trust;      /* untrusted, partially_trusted, trusted; NULL = untrusted with a TODO */
	const char *trust_note; /* what the source says of its trust, for the TODO comment */
} im_zone;

typedef struct im_component {
	const char *id, *name, *description;
	const char *kind, *kind_note; /* kind_note: the TODO comment when the kind is a guess */
	const char *zone;             /* zone id; NULL = the placeholder zone */
	const char *out_of_scope;     /* reason; "" = out of scope without one (a TODO) */
	im_list assets;
	bool placeholder; /* made for an unconnected end of a flow */
	const char *src;  /* the source's id, for a comment */
} im_component;

typedef struct im_flow {
	const char *id, *name, *description;
	const char *from, *to;
	const char *protocol, *authentication, *encryption; /* NULL = TODO */
	const char *out_of_scope;                           /* as for components */
	bool bidirectional;
	im_list assets;
	const char *src;
} im_flow;

typedef struct im_asset {
	const char *id, *name, *description, *harm_rationale;
	const char *src;
} im_asset;

typedef struct im_control {
	const char *id, *title, *description, *requirement;
	const char *category;         /* from the threats' STRIDE; always with a TODO comment */
	const char *status_rationale; /* NULL = TODO */
	const char *src;
} im_control;

typedef struct im_threat {
	const char *id, *title, *description, *rationale, *source;
	const char *status;           /* open, mitigated, ...; NULL = open */
	const char *status_rationale; /* for accepted, transferred, false_positive */
	unsigned stride;              /* IM_* bits; 0 = none maps (tampering with a TODO) */
	const char *stride_note;      /* the source's category when it maps to no STRIDE category */
	im_list targets, assets, controls;
	const char *src;
} im_threat;

typedef struct im_model {
	pm_arena *a;
	pm_diags *d;
	const char *file;        /* the source file, as named */
	const char *format_name; /* "Threat Dragon v2", "OTM 0.1.0" */
	const char *device_name; /* NULL = TODO */
	const char *methodology; /* NULL = TODO */
	im_list notes;           /* header comment lines: what the source says that has no field */
	im_zone *zones;
	size_t n_zones, cap_zones;
	im_component *components;
	size_t n_components, cap_components;
	im_flow *flows;
	size_t n_flows, cap_flows;
	im_threat *threats;
	size_t n_threats, cap_threats;
	im_control *controls;
	size_t n_controls, cap_controls;
	im_asset *assets;
	size_t n_assets, cap_assets;
	pm_strmap ids; /* every id given out */
	size_t skipped;
} im_model;

void im_init(im_model *m, const char *file, pm_diags *d);
void im_free(im_model *m);

/* Strings in the model's arena. */
const char *im_strdup(im_model *m, const char *s);
const char *im_printf(im_model *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s with every run of white space (newlines included) made one space and
 * the ends trimmed; NULL for NULL, blank or empty. */
const char *im_oneline(im_model *m, const char *s);
/* s trimmed; NULL for NULL or blank. */
const char *im_text(im_model *m, const char *s);
void im_list_add(im_model *m, im_list *l, const char *s);
bool im_list_has(const im_list *l, const char *s);
void im_note(im_model *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A new unique id: prefix, "-", the name in upper case with every run of
 * other characters a "-" (at most 40 characters, cut at a "-"), then "-2",
 * "-3" ... when taken; prefix-N when the name gives nothing. */
const char *im_id(im_model *m, const char *prefix, const char *name);

/* New zeroed objects, appended in order. */
im_zone *im_add_zone(im_model *m);
im_component *im_add_component(im_model *m);
im_flow *im_add_flow(im_model *m);
im_threat *im_add_threat(im_model *m);
im_control *im_add_control(im_model *m);
im_asset *im_add_asset(im_model *m);

/* The STRIDE bit of a category name ("Information disclosure",
 * "elevation_of_privileges", "DoS"; CIA's and LINDDUN's names that have a
 * STRIDE counterpart too), or 0. */
unsigned im_stride(const char *category);

/* A warning at a node of the source (counted as skipped when skip). */
void im_warn(im_model *m, const yt_node *at, bool skip, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* An error at a node of the source; returns -1. */
int im_error(im_model *m, const yt_node *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* ---- the source tree ---------------------------------------------------------- */

/* Value of key in mapping n, or NULL (n NULL or not a mapping). */
const yt_node *im_get(const yt_doc *t, const yt_node *n, const char *key);
/* A scalar's text (numbers included), or NULL for a non-scalar or JSON null. */
const char *im_scalar(const yt_node *n);
/* im_scalar(im_get(...)). */
const char *im_get_str(const yt_doc *t, const yt_node *n, const char *key);
/* true only for the JSON literal true (or the string "true"). */
bool im_get_bool(const yt_doc *t, const yt_node *n, const char *key);
/* The items of a list: n items, or 0 for a missing or non-list value. */
size_t im_len(const yt_node *n);

/* ---- per format --------------------------------------------------------------- */

int im_threatdragon(im_model *m, const yt_doc *t, const yt_node *root);
int im_otm(im_model *m, const yt_doc *t, const yt_node *root);

/* The model as YAML, appended to out; fills counts (not format). */
void im_write(im_model *m, pm_buf *out, pm_import_counts *counts);

#endif
