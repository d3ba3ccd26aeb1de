/* utf8.h — UTF-8 decoding shared by the loader and the renderers. */
#ifndef PM_UTF8_H
#define PM_UTF8_H
#include <stddef.h>
#include <stdint.h>
/** Length of the well-formed UTF-8 sequence at s[0..n) (RFC 3629: no
 *  overlong forms, no surrogates, at most U+10FFFF) with its code point in
 *  *cp, or 0 when the bytes there start no well-formed sequence.  n > 0. */
size_t pm_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/** Characters in s[0..n) as UTF-8 counts them: the bytes that are not
 *  continuation bytes (10xxxxxx).  Well-formedness is not checked. */
size_t pm_utf8_chars(const char *s, size_t n);
#endif
