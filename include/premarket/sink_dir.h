/**
 * sink_dir.h — the directory sink: write a set of output files all at once,
 * or not at all.
 *
 * An output set (pm_outset) writes each file it is given to a temporary file
 * beside its final name (same directory, so same file system);
 * pm_outset_commit() renames them onto their final names in the order they
 * were added.  Until commit, the files of an earlier build are untouched,
 * and a set that fails or is freed uncommitted removes its temporary files,
 * so a failed build leaves the previous outputs intact.  pm_outset_sink()
 * makes a set the pm_sink of pm_build().
 *
 * Directories are created on demand (mkdir -p, mode 0777 & ~umask) when a
 * file first needs them, or at commit for an empty set; files get mode
 * 0666 & ~umask.  Any failure makes the set fail for good: later adds and
 * the commit return -1, and only pm_outset_free() remains useful.
 * Error messages name the path and carry strerror(errno).
 */
#ifndef PREMARKET_SINK_DIR_H
#define PREMARKET_SINK_DIR_H

#include <stddef.h>

#include "premarket/build.h"

typedef struct pm_outset pm_outset;

/** A new, empty set writing under dir (which need not exist yet; nothing is
 *  created here).  Returns NULL when dir is NULL or empty.  An application
 *  is responsible for freeing the set using pm_outset_free(). */
pm_outset *pm_outset_new(const char *dir);

/** When on is non-zero, fsync every file before it is renamed and every
 *  directory after the renames.  Off by default. */
void pm_outset_set_sync(pm_outset *o, int on);

/**
 * Write data[0..len) to a temporary file "<dir>[/sub]/.<name>.tmp-<pid>-<n>"
 * (created with O_EXCL) that pm_outset_commit() will rename to
 * "<dir>/<relpath>".  relpath is "name" or "sub/name": no empty, "." or
 * ".." component, not absolute, at most one directory level, not already in
 * the set.  The data is copied to the file; nothing is kept.  Returns 0, or
 * -1 with a PM_ERR_OUTPUT diagnostic "cannot write the outputs: <why>" in d
 * (d may be NULL; the message is also pm_outset_error()); the set then has
 * failed.
 */
int pm_outset_add(pm_outset *o, const char *relpath, const void *data, size_t len, pm_diags *d);

/**
 * Rename every temporary file onto its final name, in the order added, and
 * empty the set (it can take a new batch).  Before the first rename, each
 * final name is checked not to be a directory.  Returns 0, or -1 with a
 * PM_ERR_OUTPUT diagnostic in d (as pm_outset_add()) and every temporary
 * file not yet renamed removed.  A rename can only fail after earlier ones
 * succeeded on an I/O error or a race; the message then says how many files
 * were already replaced.
 */
int pm_outset_commit(pm_outset *o, pm_diags *d);

/** The message of the set's failure, or "" when it has not failed.  The
 *  string belongs to the set. */
const char *pm_outset_error(const pm_outset *o);

/** Remove every temporary file not yet committed and free the set.
 *  o may be NULL. */
void pm_outset_free(pm_outset *o);

/**
 * The set as a pm_sink: put is pm_outset_add(), commit is
 * pm_outset_commit(); a failure of either adds the PM_ERR_OUTPUT error
 * "cannot write the outputs: MESSAGE" (no location).  The sink borrows o,
 * which the caller still frees (after the build) with pm_outset_free().
 */
pm_sink pm_outset_sink(pm_outset *o);

#endif
