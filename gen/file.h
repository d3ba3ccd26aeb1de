/* file.h — the one way the library reads an input file: whole, size-capped,
 * regular files only.  Not a public header.
 *
 * The file is opened with O_RDONLY|O_NOCTTY|O_NONBLOCK|O_CLOEXEC (a FIFO or
 * a device cannot block the open), checked with fstat() on the open
 * descriptor to be a regular file before any byte is read (so a FIFO, a
 * device or a directory named as a model, template, image, font or SBOM is
 * refused at once, never waited on), O_NONBLOCK is cleared, and it is read
 * up to max bytes; a file that grows past max while it is read is refused
 * too.  Every input of the library is opened here: pm_file_read() for
 * what is read whole, pm_file_open() for what is streamed (the SHA-256 of
 * the model files) or handed to a library by name after the check (fonts).
 *
 * Symbolic links are followed (no O_NOFOLLOW), deliberately: every input is
 * named by the user (command line, include:, sbom.files, --templates, an
 * image in the model's text) or by the installation (shipped data, the
 * DejaVu fonts), and a link there is the user's or the system's choice — a
 * controls.yaml shared by several models, a font package that links its
 * files.  O_NOFOLLOW protects a program that writes into a directory
 * others can write to; that is the output side (gen/sink_dir.c creates
 * its files with O_EXCL), not reading one's own inputs. */
#ifndef PM_FILE_H
#define PM_FILE_H

#include <stddef.h>
#include <sys/stat.h>

#include "premarket/buf.h"
#include "premarket/diag.h"

/** Where a failure is reported: the place that named the file (an include:
 *  line, say), or no location when file is NULL. */
typedef struct pm_file_at {
	const char *file;
	unsigned line, col;
} pm_file_at;

enum {
	/** A missing file (ENOENT) is not an error: pm_file_read returns 1 and adds nothing. */
	PM_FILE_MISSING_OK = 1u << 0,
	/** Report a failure at the file itself (file = path, no line) and leave
	 *  the path out of the message: "path: error: cannot open: reason".
	 *  For a file named on the command line; `at` is then not used. */
	PM_FILE_AT_PATH = 1u << 1
};

/**
 * Append the whole content of the regular file `path` (at most max bytes;
 * 0 = 64 MiB) to out, which stays NUL-terminated.  Returns 0; 1 for a
 * missing file with PM_FILE_MISSING_OK; -1 with a PM_ERR_IO diagnostic in d
 * at `at` (may be NULL) naming the path and the reason (cannot open, not a
 * regular file, larger than the limit, grew while read, read error).  On
 * failure out holds what it held before.
 */
int pm_file_read(const char *path, size_t max, unsigned flags, const pm_file_at *at, pm_buf *out, pm_diags *d);

/**
 * Append what the open descriptor fd holds until its end (a pipe, standard
 * input), at most max bytes (0 = 64 MiB), to out; a failure is reported at
 * name ("<stdin>: error: larger than the limit of N bytes").  0 or -1; the
 * caller closes fd.  For the inputs the user pipes in on purpose (the CLI's
 * "-"): nothing the model names is read this way.
 */
int pm_file_read_fd(int fd, const char *name, size_t max, pm_buf *out, pm_diags *d);

/**
 * Open `path` for reading as described above and fill *st.  Returns the
 * descriptor (blocking, close-on-exec; the caller closes it); -1 when it
 * cannot be opened (errno says why); -2 when it is not a regular file
 * (FIFO, device, directory, socket).
 */
int pm_file_open(const char *path, struct stat *st);

#endif
