/* sha256.h — the SHA-256 of an input file or of bytes in memory, for the PDF's
 * document control.
 * Not a public header. */
#ifndef PM_SHA256_H
#define PM_SHA256_H

#include <stddef.h>

/** SHA-256 of the file at path as 64 lower-case hex digits and a NUL
 *  (OpenSSL EVP).  Returns 0, or -1 when the file cannot be read (hex is
 *  then unspecified). */
int pm_sha256_file(const char *path, char hex[65]);
/** SHA-256 of data[0, len) as 64 lower-case hex digits and a NUL.  Returns
 *  0, or -1 when OpenSSL fails. */
int pm_sha256_mem(const void *data, size_t len, char hex[65]);

#endif
