/**
 * sbom.h — reading SBOM files (CycloneDX JSON/XML, SPDX JSON/tag-value)
 * into one in-memory form, checking the NTIA minimum elements, and writing
 * CycloneDX 1.6 JSON.
 *
 * Module rule: a pm_sbom_doc and everything it points to live in the
 * document's arena; one pm_sbom_free() releases all of it.  Objects link by
 * index (a component's parent, a dependency's ends, a vulnerability's
 * affected components), never by pointer.  The library never prints:
 * problems are pm_diag entries located at file:line:col.
 *
 * Formats and versions read, the field mapping, the FDA support fields, the
 * NTIA checks and the limits are documented in docs/sbom.md.  The listings
 * of `premarket sbom` are in premarket/sbom_list.h, the model's SBOM in
 * premarket/sbom_model.h.
 */
#ifndef PREMARKET_SBOM_H
#define PREMARKET_SBOM_H

#include <stddef.h>
#include <stdint.h>

#include "premarket/buf.h"
#include "premarket/diag.h"
#include "premarket/enums.h"

struct pm_arena;

/** Index value of the document's subject (CycloneDX metadata.component)
 *  in pm_sbom_dep and pm_sbom_vuln.affects; see pm_sbom_doc.meta. */
#define PM_SBOM_META (-2)
/** Index value of a reference that names no component of the document. */
#define PM_SBOM_NONE (-1)

/** Largest SBOM file read (bytes). */
#define PM_SBOM_MAX_FILE ((size_t)64 << 20)
/** Deepest nesting of JSON collections or XML elements. */
#define PM_SBOM_MAX_DEPTH 64

/**
 * NTIA minimum elements ("The Minimum Elements For a Software Bill of
 * Materials", July 2021), one bit each.  A component's ntia_missing holds
 * the first five; the document's holds AUTHOR and TIMESTAMP.
 */
enum pm_sbom_ntia {
	PM_NTIA_SUPPLIER = 1u << 0,   /**< supplier name */
	PM_NTIA_NAME = 1u << 1,       /**< component name */
	PM_NTIA_VERSION = 1u << 2,    /**< version of the component */
	PM_NTIA_IDENTIFIER = 1u << 3, /**< other unique identifier: purl, CPE or SWID */
	PM_NTIA_DEPENDENCY = 1u << 4, /**< the component takes part in a dependency relationship */
	PM_NTIA_AUTHOR = 1u << 5,     /**< author of the SBOM data (document) */
	PM_NTIA_TIMESTAMP = 1u << 6   /**< timestamp of the SBOM data (document) */
};
/** Number of NTIA bits. */
#define PM_NTIA_COUNT 7

/** One hash of a component.  alg uses CycloneDX spelling ("SHA-256"). */
typedef struct pm_sbom_hash {
	const char *alg, *value;
} pm_sbom_hash;

/** One component (CycloneDX component, SPDX package).  Absent strings are
 *  NULL; SPDX "NOASSERTION" and "NONE" count as absent. */
typedef struct pm_sbom_comp {
	const char *ref; /**< bom-ref or SPDXID as written, or NULL */
	/** A premarket id derived from ref (else from name and version):
	 *  [A-Za-z0-9][A-Za-z0-9._:-]*, unique in the document (other
	 *  characters become '_', duplicates get -2, -3 ...). */
	const char *id;
	const char *name, *group, *version;
	const char *supplier;          /**< supplier name (see docs/sbom.md for the fallbacks) */
	const char *purl, *cpe, *swid; /**< swid: the SWID tagId */
	const char *type;              /**< CycloneDX type, or SPDX primaryPackagePurpose in lower case */
	const char *licenses;          /**< licence ids, names or expressions, joined with " AND " */
	const char *description;
	pm_sbom_hash *hashes;
	size_t n_hashes;
	int32_t parent;             /**< index of the enclosing component, -1 at the top */
	uint32_t depth;             /**< 0 at the top */
	int support;                /**< enum pm_support_v, or -1 when the file does not say */
	const char *end_of_support; /**< YYYY-MM-DD, or NULL */
	const char *support_source; /**< property or field that gave support, or NULL */
	const char *eos_source;     /**< property or field that gave end_of_support, or NULL */
	unsigned ntia_missing;      /**< enum pm_sbom_ntia bits (the first five) */
	uint32_t line, col;         /**< where the component starts (1-based) */
} pm_sbom_comp;

/** A dependency: component `from` depends on (or contains) component `to`.
 *  Both are indices into pm_sbom_doc.comps, or PM_SBOM_META. */
typedef struct pm_sbom_dep {
	int32_t from, to;
} pm_sbom_dep;

/** One rating of a vulnerability. */
typedef struct pm_sbom_rating {
	const char *source, *method, *vector, *severity; /**< as written, or NULL */
	double score;                                    /**< the score written in the file ... */
	int has_score;                                   /**< ... when this is 1 */
	int vector_ok;                                   /**< vector parsed and scored by premarket's CVSS engine */
	int cvss_version;                                /**< 31 or 40 when vector_ok, else 0 */
	const char *cvss_vector; /**< when vector_ok: the vector with its "CVSS:3.1/" or "CVSS:4.0/"
	                              prefix (a bare one gets the version of the method field or of its
	                              metrics; "CVSS:3.0/" becomes "CVSS:3.1/"), else NULL */
	int cvss_tenths;         /**< pm_cvss_score_of() of the vector in tenths, -1 when not scored */
	int base_tenths;         /**< base score in tenths, -1 when not scored */
	const char *cvss_name;   /**< "base", "environmental", "CVSS-BE" ... (static), or NULL */
} pm_sbom_rating;

/** One vulnerability (CycloneDX vulnerabilities[]/VEX, SPDX advisory reference). */
typedef struct pm_sbom_vuln {
	const char *id, *ref, *source, *description;
	const char *state, *justification; /**< CycloneDX analysis, as written */
	const char *response;              /**< analysis.response[], joined with ", " */
	const char *detail;                /**< analysis.detail */
	const char *cwes;                  /**< "CWE-79, CWE-89", or NULL */
	pm_sbom_rating *ratings;
	size_t n_ratings;
	/** affects[i]: index into comps, PM_SBOM_META, or PM_SBOM_NONE when
	 *  affect_refs[i] names nothing in this document. */
	int32_t *affects;
	const char **affect_refs;
	size_t n_affects;
	uint32_t line, col;
} pm_sbom_vuln;

/** An SBOM file in memory.  Free with pm_sbom_free(). */
typedef struct pm_sbom_doc {
	const char *file;
	int format;               /**< enum pm_sbom_format_v */
	const char *spec_version; /**< "1.4", "SPDX-2.3" ... */
	const char *name;         /**< SPDX document name, or NULL */
	const char *serial;       /**< CycloneDX serialNumber, SPDX documentNamespace */
	const char *author;       /**< SBOM author(s), joined with ", " */
	const char *timestamp;    /**< as written */
	const char *tools;        /**< "name version" joined with ", " */
	/** Components in document order, a parent before its nested components. */
	pm_sbom_comp *comps;
	size_t n_comps;
	size_t n_top;       /**< components with parent -1 */
	pm_sbom_comp *meta; /**< CycloneDX metadata.component, or NULL */
	pm_sbom_dep *deps;  /**< resolved dependency edges */
	size_t n_deps;
	size_t n_dep_entries; /**< CycloneDX dependencies[] records (the file's own count) */
	pm_sbom_vuln *vulns;
	size_t n_vulns;
	size_t n_files;         /**< SPDX files */
	size_t n_relationships; /**< SPDX relationships, of every type */
	unsigned ntia_missing;  /**< PM_NTIA_AUTHOR and PM_NTIA_TIMESTAMP bits */
	struct pm_arena *arena;
} pm_sbom_doc;

/**
 * Read the SBOM file at path.  format is an enum pm_sbom_format_v, or -1 to
 * detect it from the content (pm_sbom_detect()).  The file must be a
 * regular file of at most PM_SBOM_MAX_FILE bytes, in UTF-8.
 *
 * Returns 0 and sets *out (warnings may have been added to d), or -1 with
 * located errors in d and *out set to NULL: PM_ERR_IO when the file cannot
 * be read, PM_ERR_YAML for bad JSON/XML/tag-value syntax or a limit,
 * PM_ERR_SCHEMA for a wrong type or missing required structure.  Nothing is
 * left allocated on failure.  An application is responsible for freeing
 * *out using pm_sbom_free().
 */
int pm_sbom_load(const char *path, int format, pm_sbom_doc **out, pm_diags *d);

/** pm_sbom_load() on the len bytes at data (not necessarily NUL-terminated);
 *  `file` names them in diagnostics (NULL: "<sbom>").  A format outside
 *  enum pm_sbom_format_v is a PM_ERR_USAGE error. */
int pm_sbom_parse(const char *data, size_t len, const char *file, int format, pm_sbom_doc **out, pm_diags *d);

/** Free a document and everything in it.  NULL is allowed. */
void pm_sbom_free(pm_sbom_doc *doc);

/** The format of len bytes (enum pm_sbom_format_v), or -1 when it is not
 *  one this library reads. */
int pm_sbom_detect(const char *data, size_t len);

/** "cyclonedx-json", "cyclonedx-xml", "spdx-json", "spdx-tag-value", or "?". */
const char *pm_sbom_format_name(int format);

/** Short name of one NTIA bit ("supplier", "name", "version", "identifier",
 *  "dependency", "author", "timestamp"), or NULL for anything else. */
const char *pm_sbom_ntia_name(unsigned bit);

/**
 * The FDA level of support (enum pm_support_v) a support status value
 * means, or -1 when it means none.  Case-insensitive.  Reads the sbomify
 * convention (active -> actively_maintained; deprecated, eol ->
 * no_longer_maintained; abandoned -> abandoned; unknown -> unknown) and
 * premarket's own spellings (actively_maintained ...).
 */
int pm_sbom_support_of(const char *status);

/**
 * Normalise an ISO 8601 date or timestamp ("2026-09-07",
 * "2026-09-07T12:00:00Z", "2026-09-07T12:00:00.5+02:00") to "YYYY-MM-DD"
 * in out (11 bytes): the calendar date as written, without converting the
 * time zone.  Returns 0, or -1 when s is not such a date (out is then "").
 */
int pm_sbom_date(const char *s, char out[11]);

/**
 * The CycloneDX 1.6 name of hash algorithm alg (a static string: "MD5",
 * "SHA-1", "SHA-256", "SHA-384", "SHA-512", "SHA3-256", "SHA3-384",
 * "SHA3-512", "BLAKE2b-256", "BLAKE2b-384", "BLAKE2b-512", "BLAKE3"), read
 * case-insensitively and in SPDX spelling too ("SHA256", "SHA3_256"); NULL
 * when alg is NULL or none of these.
 */
const char *pm_sbom_hash_alg(const char *alg);

/* ---- Export ------------------------------------------------------------- */

/** What pm_sbom_export_cdx() writes in metadata.  Every field may be NULL. */
typedef struct pm_sbom_export_meta {
	/** metadata.timestamp: YYYY-MM-DD (written as T00:00:00Z) or an
	 *  ISO 8601 timestamp; NULL leaves the timestamp out. */
	const char *date;
	const char *tool_version; /**< premarket's version in metadata.tools */
	const char *author;       /**< metadata.authors[0].name */
	/** metadata.component, written when device_name is set. */
	const char *device_name, *device_version, *device_supplier;
	const char *device_type; /**< CycloneDX type; default "device" */
	const char *device_ref;  /**< its bom-ref; default "device" */
	/** 1: write a dependencies[] record for every component (one without
	 *  edges is declared to have no dependencies); 0: only for components
	 *  (and the device) that have outgoing edges. */
	int deps_complete;
} pm_sbom_export_meta;

/** The component types of CycloneDX 1.6 (bom-1.6.schema.json), NULL-terminated. */
extern const char *const pm_sbom_cdx_types[];

/**
 * Append a CycloneDX 1.6 JSON document to out: bomFormat, specVersion,
 * serialNumber (urn:uuid made from the SHA-256 of the rest of the
 * document, so equal input gives an equal serial), version 1, metadata,
 * components (nested by parent, bom-ref = id), dependencies.  Each
 * component carries the FDA fields as properties
 * "premarket:fda:levelOfSupport" (enum pm_support_v spelling) and
 * "cdx:lifecycle:milestone:endOfSupport" (YYYY-MM-DD).  comps[i].parent
 * must be -1 or an index < i; deps[] ends are indices into comps or
 * PM_SBOM_META (the device).  Output is deterministic.
 *
 * Values the CycloneDX 1.6 schema would reject are left out with a warning
 * in d (which may be NULL): a hash with an unknown algorithm or a
 * malformed value, an end-of-support date that is not a date.  Returns 0,
 * or -1 when out reached its size cap or an index is out of range (an
 * error in d; out is left as it was).
 */
int pm_sbom_export_cdx(const pm_sbom_comp *comps, size_t n, const pm_sbom_dep *deps, size_t n_deps,
                       const pm_sbom_export_meta *meta, pm_buf *out, pm_diags *d);

#endif
