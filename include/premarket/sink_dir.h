/**
 * sink_dir.h — writing files: the build's output folder, replaced as a
 * whole (pm_outdir), and a few files written into a folder of the user's
 * (pm_outset).
 *
 * PM_OUTDIR — the output folder of `premarket build` (docs/internals.md,
 * "Output protocol").  The folder DIR is premarket's own: a build writes the
 * whole new set into a staging folder beside it, "PARENT/.<name>.premarket-
 * staging-<pid>-<hex>", then swaps the two with one rename(2)-like step
 * (renameat2 RENAME_EXCHANGE), so that DIR holds, at every instant, either
 * the whole previous set or the whole new one, and files of the previous
 * set that the new one lacks go with it.  Then the previous set, now under
 * the staging name, is removed.  A build that fails or is stopped removes
 * its staging folder; DIR is as it was.
 *
 * What is ours: DIR holds a manifest, ".premarket-manifest", listing every
 * file the build wrote.  A DIR that exists, is not empty and has no manifest,
 * or holds anything its manifest does not list, is refused with a
 * PM_ERR_OUTPUT error naming the first such file: premarket never deletes or
 * moves a file it did not write.
 *
 * A lock (flock(2) on "PARENT/.<name>.premarket-lock", removed when the set
 * ends) serialises builds into one DIR.  Under it, pm_outdir_start() removes
 * what earlier builds that were killed left beside DIR (staging folders of
 * a process that is gone) and, after a kill in the middle of the fallback
 * swap (below), puts the previous set back.
 *
 * Where the file system cannot exchange two names (EINVAL or ENOSYS from
 * renameat2), the swap renames DIR aside to "PARENT/.<name>.premarket-old-
 * <pid>-<hex>", then the staging folder to DIR: DIR is briefly missing, never
 * mixed; a kill between the two renames is repaired by the next build.
 *
 * Signals: pm_outdir_on_signal() is async-signal-safe; a handler of the
 * caller's (the CLI's, for SIGINT/SIGTERM/SIGHUP) calls it to remove the
 * staging folder of every live set, then ends the process.  The library
 * installs no handler.  Every function but it is for one thread.
 *
 * The new folder gets the permission bits of the one it replaces (0777 &
 * ~umask when there was none), not its owner, group or ACLs; files get 0666
 * & ~umask.  It needs to write in PARENT (the lock, the staging folder).
 *
 * PM_OUTSET — a few files (`premarket init`'s model.yaml) written into a
 * folder that is the user's: each goes to a temporary file beside its final
 * name, ".<name>.tmp-<pid>-<n>", renamed into place by pm_outset_commit().
 * Each file is replaced atomically; several are replaced one by one.
 *
 * Every failure of either is a PM_ERR_OUTPUT error naming the path, with
 * strerror(errno), in d (never NULL); the set has then failed for good: later
 * calls return -1 without a new diagnostic, and only the _free() function
 * remains useful.
 */
#ifndef PREMARKET_SINK_DIR_H
#define PREMARKET_SINK_DIR_H

#include <stddef.h>

#include "premarket/build.h"

/* ---- the output folder, replaced as a whole --------------------------------------------- */

typedef struct pm_outdir pm_outdir;

/** The manifest's name in DIR. */
#define PM_OUTDIR_MANIFEST ".premarket-manifest"

/** A new set that will replace the folder dir (which need not exist yet;
 *  nothing is touched here).  Returns NULL when dir is NULL or empty.
 *  Free it with pm_outdir_free(). */
pm_outdir *pm_outdir_new(const char *dir);

/** When on is non-zero, fsync every file, the staging folder and PARENT
 *  before the swap, and PARENT after it.  Off by default. */
void pm_outdir_set_sync(pm_outdir *o, int on);

/**
 * Start the set: create PARENT when missing (mkdir -p), take the lock,
 * repair and remove what killed builds left (see above), check that DIR is
 * ours (or missing, or empty) and writable, and create the staging folder.
 * When another process holds the lock: with wait, block until it is free;
 * without, return 1 and change nothing (pm_outdir_holder() then tells who
 * holds it).  Returns 0 when started (also when it was already), 1 (busy,
 * only without wait), or -1 with the errors in d.  Warnings (a leftover kept
 * because it holds files premarket did not write) may be added on success.
 * pm_outdir_add() and pm_outdir_commit() start a set that was not, waiting.
 */
int pm_outdir_start(pm_outdir *o, int wait, pm_diags *d);

/** The process id written in the lock file by the build that holds it, as
 *  pm_outdir_start() last saw it, or 0 when unknown. */
long pm_outdir_holder(const pm_outdir *o);

/**
 * Write data[0..len) to "<staging>/<relpath>".  relpath is "name" or
 * "sub/name": no empty, "." or ".." component, not absolute, at most one
 * folder level, no control character, not the manifest, not already in the
 * set.  The data is copied; nothing is kept.  Returns 0 or -1.
 */
int pm_outdir_add(pm_outdir *o, const char *relpath, const void *data, size_t len, pm_diags *d);

/**
 * Write the manifest, check DIR again (a file of the user's may have
 * appeared in it during the build), swap the staging folder with DIR and
 * remove the previous set.  Once, after the last pm_outdir_add(); an empty
 * set makes DIR an empty folder with its manifest.  Returns 0, or -1 with
 * the staging folder removed and DIR as it was.  A previous set that cannot
 * be removed entirely after a successful swap is a warning, not an error:
 * what remains keeps a name of its own (".<name>.premarket-kept-...").
 */
int pm_outdir_commit(pm_outdir *o, pm_diags *d);

/** Remove the staging folder of a set not committed, release and remove
 *  the lock, free the set.  o may be NULL. */
void pm_outdir_free(pm_outdir *o);

/**
 * Async-signal-safe: for every set not yet freed, remove the files and
 * folders it created that are not yet DIR (its staging folder; after the
 * swap, the previous set being removed) and its lock file.  Only unlink(2)
 * and rmdir(2) of names the set created or checked; errno is preserved.
 * Meant for a signal handler that then ends the process; the sets are no
 * use afterwards.
 */
void pm_outdir_on_signal(void);

/**
 * The set as a pm_sink: put is pm_outdir_add(), commit is
 * pm_outdir_commit().  The sink borrows o, which the caller still frees
 * (after the build) with pm_outdir_free().
 */
pm_sink pm_outdir_sink(pm_outdir *o);

/* ---- files into a folder of the user's ------------------------------------------------------ */

typedef struct pm_outset pm_outset;

/** A new, empty set writing under dir (which need not exist yet; nothing is
 *  created here).  Returns NULL when dir is NULL or empty.  Free it with
 *  pm_outset_free(). */
pm_outset *pm_outset_new(const char *dir);

/** When on is non-zero, fsync every file before it is renamed and every
 *  folder after the renames.  Off by default. */
void pm_outset_set_sync(pm_outset *o, int on);

/**
 * Write data[0..len) to a temporary file "<dir>[/sub]/.<name>.tmp-<pid>-<n>"
 * (created with O_EXCL; folders are made on the way, mkdir -p) that
 * pm_outset_commit() will rename to "<dir>/<relpath>".  relpath as for
 * pm_outdir_add().  Returns 0 or -1.
 */
int pm_outset_add(pm_outset *o, const char *relpath, const void *data, size_t len, pm_diags *d);

/**
 * Rename every temporary file onto its final name, in the order added, and
 * empty the set (it can take a new batch).  Before the first rename, each
 * final name is checked not to be a folder.  Returns 0, or -1 with every
 * temporary file not yet renamed removed; a rename that fails after others
 * succeeded (an I/O error or a race) says how many files were replaced.
 */
int pm_outset_commit(pm_outset *o, pm_diags *d);

/** Remove every temporary file not yet committed and free the set.
 *  o may be NULL. */
void pm_outset_free(pm_outset *o);

#endif
