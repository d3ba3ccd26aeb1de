/* render_sbom_model.c — the model's SBOM (inline and imported components)
 * as a CycloneDX 1.6 document, with FDA's support fields as properties: the
 * machine-readable SBOM of labeling item L5 (`build` writes sbom.cdx.json).
 * Maps the model's components to pm_sbom_comp and hands them to
 * pm_sbom_export_cdx() (render_sbom_cdx.c). */
#include "premarket/sbom.h"
#include "premarket/sbom_model.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

int pm_sbom_export_model(const pm_model *m, const char *date, const char *tool_version, pm_buf *out, pm_diags *d)
{
	size_t n = m->sbom.components.n;
	pm_sbom_comp *c = pm_xcalloc(n + 1, sizeof *c);
	size_t nd = 0;
	for (size_t i = 0; i < n; i++)
		nd += m->sbom.components.v[i].depends_on.n;
	pm_sbom_dep *deps = pm_xcalloc(nd + 1, sizeof *deps);
	char **types = pm_xcalloc(n + 1, sizeof *types);
	pm_sbom_hash **hashes = pm_xcalloc(n + 1, sizeof *hashes);
	nd = 0;
	for (size_t i = 0; i < n; i++) {
		const pm_sbom_component *s = &m->sbom.components.v[i];
		pm_sbom_comp *o = &c[i];
		o->ref = o->id = s->id.s;
		o->name = s->name.s;
		o->version = s->version.s;
		o->supplier = s->supplier.s;
		o->purl = s->purl.s;
		o->cpe = s->cpe.s;
		o->licenses = s->license.s;
		o->description = s->description.s;
		o->parent = -1;
		o->support = s->support.at.line ? s->support.v : -1;
		o->end_of_support = s->end_of_support.s;
		if (s->kind.at.line) {
			/* our operating_system is CycloneDX's operating-system */
			types[i] = pm_xstrdup(pm_enum_names_sbom_kind[s->kind.v]);
			for (char *p = types[i]; *p; p++)
				if (*p == '_')
					*p = '-';
			o->type = types[i];
		}
		if (s->hashes.n) {
			hashes[i] = pm_xcalloc(s->hashes.n, sizeof *hashes[i]);
			for (size_t h = 0; h < s->hashes.n; h++) {
				hashes[i][h].alg = s->hashes.v[h].alg.s;
				hashes[i][h].value = s->hashes.v[h].value.s;
			}
			o->hashes = hashes[i];
			o->n_hashes = s->hashes.n;
		}
		for (size_t k = 0; k < s->depends_on.n; k++) {
			const pm_ref *r = &s->depends_on.v[k];
			if (r->kind != PM_K_SBOM_COMPONENT)
				continue;
			/* objs[] holds the components in list order: the index is the same */
			deps[nd].from = (int32_t)i;
			deps[nd].to = r->idx;
			nd++;
		}
	}
	pm_sbom_export_meta meta;
	memset(&meta, 0, sizeof meta);
	meta.date = date;
	meta.tool_version = tool_version;
	meta.author = m->sbom.author.s ? m->sbom.author.s : m->device.manufacturer.name.s;
	meta.device_name = m->device.name.s;
	meta.device_version = m->device.version.s;
	meta.device_supplier = m->device.manufacturer.name.s;
	meta.deps_complete = 0;
	int rc = pm_sbom_export_cdx(c, n, deps, nd, &meta, out, d);
	for (size_t i = 0; i < n; i++) {
		free(types[i]);
		free(hashes[i]);
	}
	free(types);
	free(hashes);
	free(deps);
	free(c);
	return rc;
}
