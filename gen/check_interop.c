/* check_interop.c — IO, interoperability (G25 V.A.3): the authentication and
 * encryption of every used interface.  The check, then its row. */
#include "check_internal.h"

#include <stdio.h>

static pm_check_status io_01(const pm_model *m, pm_check_ctx *c)
{
	for (size_t i = 0; i < m->n_objs[PM_K_INTERFACE]; i++) {
		const pm_interface *f = ck_iface(m, i);
		if (f->status.v != PM_IFS_USED || f->kind.v == PM_IF_UI)
			continue;
		ck_missing l = {{0}, 0};
		ck_miss(&l, ck_has(f->authentication), "its authentication (authentication, or none with the reason)");
		ck_miss(&l, ck_has(f->encryption), "its encryption (encryption, or none with the reason)");
		char prefix[300];
		snprintf(prefix, sizeof prefix, "used interface %s", ck_id(f->id));
		ck_add_missing(c, f->at, &l, prefix);
	}
	return pm_check_verdict(c);
}

static const pm_check_def rules[] = {
        {{"IO-01", "Interoperability interfaces and their controls documented", "Interoperability", "G25 V.A.3", REC,
          HELP,
          "Every used interface other than a user interface states its authentication and encryption (or none, with "
          "the reason).",
          "State authentication and encryption on the interface."},
         io_01},
};

const pm_check_area pm_check_area_interop = {rules, sizeof rules / sizeof *rules};
