/* load_sbom.c — stage 4 of loading, import SBOMs: the SBOM files a model
 * lists (sbom.files), read by pm_sbom_load(), become SBOM components and
 * vulnerabilities of the model.
 *
 * Runs before ids are indexed (stage 5), so imported components take
 * part in reference resolution like inline ones (a system component's `sbom`
 * list and `depends_on` name them by id) and their problems are located in
 * the SBOM file.  Rules (docs/sbom.md):
 *   - ids are the importer's (bom-ref or SPDXID made into an id); an id that
 *     an earlier file already imported gets -2, -3 ...;
 *   - support information of the model (sbom.support, by purl, else by
 *     name) wins over the file's;
 *   - a vulnerability the model already lists (same id) is the model's; an
 *     imported one keeps its VEX status and justification, records where it
 *     came from, and has no assessment until the model gives one.
 */
#include "load_internal.h"
#include "premarket/sbom.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pm_str str_at(ld_ctx *L, const char *s, pm_mark at)
{
	pm_str v = {s ? pm_arena_strdup(L->arena, s) : NULL, s ? at : (pm_mark){0, 0, 0}};
	return v;
}

/* CycloneDX component types -> our kinds ("operating-system" -> operating_system). */
static int kind_of(const char *type)
{
	char buf[64];
	size_t i = 0;
	for (; type && type[i] && i + 1 < sizeof buf; i++)
		buf[i] = type[i] == '-' ? '_' : type[i];
	buf[i] = '\0';
	return type ? ld_enum_index(pm_enum_names_sbom_kind, buf) : -1;
}

/* CycloneDX analysis.state / justification -> the VEX vocabulary of the model. */
static int vex_status(const char *state)
{
	static const char *const map[][2] = {
	        {"resolved", "fixed"},
	        {"resolved_with_pedigree", "fixed"},
	        {"exploitable", "affected"},
	        {"in_triage", "under_investigation"},
	        {"false_positive", "not_affected"},
	        {"not_affected", "not_affected"},
	        {"affected", "affected"},
	        {"fixed", "fixed"},
	        {"under_investigation", "under_investigation"},
	};
	for (size_t i = 0; state && i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i][0], state) == 0)
			return ld_enum_index(pm_enum_names_vex_status, map[i][1]);
	return -1;
}

static int vex_justification(const char *j)
{
	static const char *const map[][2] = {
	        {"code_not_present", "vulnerable_code_not_present"},
	        {"code_not_reachable", "vulnerable_code_not_in_execute_path"},
	        {"requires_configuration", "vulnerable_code_cannot_be_controlled_by_adversary"},
	        {"requires_dependency", "vulnerable_code_cannot_be_controlled_by_adversary"},
	        {"requires_environment", "vulnerable_code_cannot_be_controlled_by_adversary"},
	        {"protected_by_compiler", "inline_mitigations_already_exist"},
	        {"protected_at_runtime", "inline_mitigations_already_exist"},
	        {"protected_at_perimeter", "inline_mitigations_already_exist"},
	        {"protected_by_mitigating_control", "inline_mitigations_already_exist"},
	};
	for (size_t i = 0; j && i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i][0], j) == 0)
			return ld_enum_index(pm_enum_names_vex_justification, map[i][1]);
	return ld_enum_index(pm_enum_names_vex_justification, j);
}

static int model_has_id(const pm_model *m, const char *id)
{
	for (size_t i = 0; i < m->vulnerabilities.n; i++)
		if (m->vulnerabilities.v[i].id.s && strcmp(m->vulnerabilities.v[i].id.s, id) == 0)
			return 1;
	return 0;
}

static void import_doc(ld_ctx *L, const pm_sbom_doc *doc, uint32_t file, const pm_str *listed)
{
	pm_model *m = L->m;
	pm_sbom *sb = &m->sbom;
	size_t first = sb->components.n;
	/* ids: unique among all imported and inline components */
	char **ids = pm_xcalloc(doc->n_comps + 1, sizeof *ids);
	for (size_t k = 0; k < doc->n_comps; k++) {
		const char *base = doc->comps[k].id;
		char *id = pm_xstrdup(base);
		for (int suffix = 2;; suffix++) {
			int taken = 0;
			for (size_t i = 0; i < sb->components.n && !taken; i++)
				taken = sb->components.v[i].id.s && strcmp(sb->components.v[i].id.s, id) == 0;
			for (size_t i = 0; i < k && !taken; i++)
				taken = strcmp(ids[i], id) == 0;
			if (!taken)
				break;
			free(id);
			id = pm_xasprintf("%s-%d", base, suffix);
		}
		ids[k] = id;
	}
	pm_sbom_component *out = doc->n_comps ? ld_list_grow(L, &sb->components, sizeof *out, doc->n_comps) : NULL;
	for (size_t k = 0; k < doc->n_comps; k++) {
		const pm_sbom_comp *c = &doc->comps[k];
		pm_sbom_component *o = &out[k];
		pm_mark at = {file, c->line ? c->line : 1, c->col ? c->col : 1};
		o->at = at;
		o->id = str_at(L, ids[k], at);
		o->name = str_at(L, c->name, at);
		o->version = str_at(L, c->version, at);
		o->supplier = str_at(L, c->supplier, at);
		o->purl = str_at(L, c->purl, at);
		o->cpe = str_at(L, c->cpe, at);
		o->license = str_at(L, c->licenses, at);
		o->description = str_at(L, c->description, at);
		o->kind.v = kind_of(c->type);
		o->kind.at = o->kind.v >= 0 ? at : (pm_mark){0, 0, 0};
		o->support.v = c->support;
		o->support.at = c->support >= 0 ? at : (pm_mark){0, 0, 0};
		o->end_of_support = str_at(L, c->end_of_support, at);
		o->imported_from = str_at(L, listed->s, at);
		if (c->n_hashes) {
			o->hashes.v = pm_arena_array(L->arena, c->n_hashes, sizeof *o->hashes.v);
			o->hashes.n = c->n_hashes;
			o->hashes.at = at;
			for (size_t h = 0; h < c->n_hashes; h++) {
				o->hashes.v[h].at = at;
				o->hashes.v[h].alg = str_at(L, c->hashes[h].alg, at);
				o->hashes.v[h].value = str_at(L, c->hashes[h].value, at);
			}
		}
		size_t nd = 0;
		for (size_t e = 0; e < doc->n_deps; e++)
			nd += doc->deps[e].from == (int32_t)k && doc->deps[e].to >= 0;
		if (nd) {
			o->depends_on.v = pm_arena_array(L->arena, nd, sizeof *o->depends_on.v);
			o->depends_on.at = at;
			for (size_t e = 0; e < doc->n_deps; e++) {
				const pm_sbom_dep *dp = &doc->deps[e];
				if (dp->from != (int32_t)k || dp->to < 0)
					continue;
				pm_ref *r = &o->depends_on.v[o->depends_on.n++];
				r->id = str_at(L, ids[dp->to], at);
				r->idx = -1;
			}
		}
	}
	/* the model's support information wins */
	for (size_t s = 0; s < sb->support.n; s++) {
		const pm_support_override *ov = &sb->support.v[s];
		for (size_t k = 0; k < doc->n_comps; k++) {
			pm_sbom_component *o = &sb->components.v[first + k];
			int match = ov->purl.s ? o->purl.s && strcmp(ov->purl.s, o->purl.s) == 0
			                       : ov->name.s && o->name.s && strcmp(ov->name.s, o->name.s) == 0;
			if (!match)
				continue;
			o->support = ov->support;
			if (ov->end_of_support.s)
				o->end_of_support = ov->end_of_support;
		}
	}
	/* vulnerabilities (VEX) */
	for (size_t v = 0; v < doc->n_vulns; v++) {
		const pm_sbom_vuln *x = &doc->vulns[v];
		if (!x->id || model_has_id(m, x->id))
			continue;
		pm_vulnerability *o = ld_list_grow(L, &m->vulnerabilities, sizeof *o, 1);
		m->vulnerabilities.n++;
		pm_mark at = {file, x->line ? x->line : 1, x->col ? x->col : 1};
		/* the VEX data is the model's known-vulnerability list when the model
		 * has none: as it is once written to submission.xml and read back */
		if (!m->vulnerabilities.at.line)
			m->vulnerabilities.at = at;
		o->at = at;
		o->id = str_at(L, x->id, at);
		o->title = str_at(L, x->description ? x->description : x->id, at);
		o->description = str_at(L, x->detail, at);
		for (size_t r = 0; r < x->n_ratings; r++) {
			const pm_sbom_rating *rt = &x->ratings[r];
			if (!rt->vector_ok || !rt->cvss_vector)
				continue;
			/* with the prefix of the version it was scored as (gen/sbom/build.c) */
			o->cvss = str_at(L, rt->cvss_vector, at);
			break;
		}
		o->discovery.v = PM_DISC_OTHER;
		o->discovery.at = at;
		char *detail = pm_xasprintf("imported from the SBOM/VEX file %s%s%s", pm_model_file(m, at),
		                            x->source ? ", source " : "", x->source ? x->source : "");
		o->discovery_detail = str_at(L, detail, at);
		free(detail);
		o->status.v = vex_status(x->state);
		o->status.at = o->status.v >= 0 ? at : (pm_mark){0, 0, 0};
		o->justification.v = vex_justification(x->justification);
		o->justification.at = o->justification.v >= 0 ? at : (pm_mark){0, 0, 0};
		o->response = str_at(L, x->response, at);
		o->imported_from = str_at(L, listed->s, at);
		size_t na = 0;
		for (size_t a = 0; a < x->n_affects; a++)
			na += x->affects[a] >= 0;
		if (na) {
			o->components.v = pm_arena_array(L->arena, na, sizeof *o->components.v);
			o->components.at = at;
			for (size_t a = 0; a < x->n_affects; a++)
				if (x->affects[a] >= 0) {
					pm_ref *r = &o->components.v[o->components.n++];
					r->id = str_at(L, ids[x->affects[a]], at);
					r->idx = -1;
				}
		}
	}
	sb->components.n = first + doc->n_comps;
	for (size_t k = 0; k < doc->n_comps; k++)
		free(ids[k]);
	free(ids);
}

void ld_import_sboms(ld_ctx *L)
{
	pm_model *m = L->m;
	L->first_sbom_file = (uint32_t)m->n_files;
	for (size_t i = 0; i < m->sbom.files.n; i++) {
		const pm_sbom_file *f = &m->sbom.files.v[i];
		if (!f->path.s)
			continue;
		/* a submission.xml carries what its SBOM files held (imported_from):
		 * the files are named, not read again, and need not be there */
		if (pm_model_file_xml(m, f->path.at))
			continue;
		char *path = ld_resolve_path(m, f->path.at, f->path.s);
		if (!ld_regular_file(path)) {
			free(path); /* reported by the semantic checks (stage 6), as a model problem */
			continue;
		}
		/* the SBOM file joins the model's files, so locations can name it */
		uint32_t idx = ld_add_file(L, path);
		pm_sbom_doc *doc = NULL;
		if (pm_sbom_load(m->files[idx], f->format.at.line ? f->format.v : -1, &doc, L->diags) == 0 && doc)
			import_doc(L, doc, idx, &f->path);
		pm_sbom_free(doc);
		free(path);
	}
}
