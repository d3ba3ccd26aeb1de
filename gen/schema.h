/* schema.h — the model format as data: one field table per object type.
 *
 * The loader (gen/load_fill.c) fills the structs of include/premarket/model.h
 * by walking these tables; `premarket schema` prints the JSON Schema and the
 * Markdown reference (docs/model.md) from the same tables, so the loader, the
 * schema and the documentation cannot disagree about a key.
 */
#ifndef PM_SCHEMA_H
#define PM_SCHEMA_H

#include <stddef.h>
#include "premarket/model.h"

typedef enum pm_ftype {
	PM_F_ID,     /* object id: [A-Za-z0-9][A-Za-z0-9._:-]*, unique in the model */
	PM_F_STR,    /* one-line string */
	PM_F_TEXT,   /* free text (may span lines) */
	PM_F_DATE,   /* YYYY-MM-DD */
	PM_F_CVSS,   /* CVSS v3.1 or v4.0 vector string */
	PM_F_EFFECT, /* CVSS metric fragment, e.g. MPR:H/MAV:L */
	PM_F_NUM,    /* number, within [min, max] */
	PM_F_BOOL,   /* true / false */
	PM_F_ENUM,   /* one of `values` */
	PM_F_ENUMS,  /* list of `values` */
	PM_F_STRS,   /* list of strings */
	PM_F_REF,    /* id of an object of one of `kinds` */
	PM_F_REFS,   /* list of such ids */
	PM_F_OBJ,    /* mapping described by `sub` */
	PM_F_OBJS    /* list of mappings described by `sub` */
} pm_ftype;

enum {
	PM_FF_REQUIRED = 1, /* must be present */
	PM_FF_ONCE = 2,     /* top-level section that may be defined in one file only */
	/* with PM_FF_REQUIRED: required of an object written in the model, not of
	 * one imported from an SBOM file (its `imported_from` is set), as the
	 * SBOM may not say; the XSD makes it optional (submission.xml carries
	 * imported components), the JSON Schema of the YAML keeps it required */
	PM_FF_LOCAL = 4
};

struct pm_schema;

typedef struct pm_field {
	const char *key;
	pm_ftype type;
	unsigned flags;
	size_t offset;
	const char *const *values;   /* PM_F_ENUM(S): NULL-terminated */
	unsigned kinds;              /* PM_F_REF(S): bit (1u << pm_kind) per allowed kind */
	const struct pm_schema *sub; /* PM_F_OBJ(S) */
	double min, max;             /* PM_F_NUM */
	const char *doc;             /* one sentence for docs/model.md and the JSON Schema */
	const char *example;         /* a YAML value (may be multi-line flow) */
} pm_field;

/** The most fields an object type has: the loader keeps per-field state in
 *  arrays of this size (tests/unit/test_load.c checks every type). */
#define PM_SCHEMA_MAX_FIELDS 64

typedef struct pm_schema {
	const char *name;  /* "threat" */
	const char *title; /* heading in docs/model.md */
	pm_kind kind;      /* kind registered for its id field, or PM_K_NONE */
	size_t size;       /* sizeof the struct */
	const pm_field *fields;
	size_t n_fields;
	const char *doc;
} pm_schema;

/** The top-level model mapping (fields = sections). */
extern const pm_schema pm_schema_model;
/** The risk policy mapping (also the whole content of models/default-policy.yaml). */
extern const pm_schema pm_schema_policy;

/** A threat rule file (a file of models/threats/, filling a pm_rule_family of premarket/threats.h). */
extern const pm_schema pm_schema_rule_file;

const pm_field *pm_schema_field(const pm_schema *s, const char *key);
/** Every object type reachable from s, each once, in first-use order (depth
 *  first): the order docs/model.md, the JSON Schema and the XSD list them
 *  in.  Stores the count in *n; the caller frees the array. */
const pm_schema **pm_schema_all(const pm_schema *s, size_t *n);
size_t pm_enum_count(const char *const *values);

#endif
