/* sha256.c — SHA-256 of a file or of bytes with OpenSSL EVP (see sha256.h). */
#include "sha256.h"
#include "file.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <unistd.h>

/* The digest of ctx as hex when ok so far; frees ctx.  0 or -1. */
static int finish(EVP_MD_CTX *ctx, int ok, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	ok = ok && EVP_DigestFinal_ex(ctx, md, &len) == 1 && len == 32;
	EVP_MD_CTX_free(ctx);
	if (!ok)
		return -1;
	static const char digits[] = "0123456789abcdef";
	for (unsigned int i = 0; i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
	return 0;
}

int pm_sha256_file(const char *path, char hex[65])
{
	struct stat st;
	int fd = pm_file_open(path, &st); /* a regular file, never a FIFO that blocks */
	if (fd < 0)
		return -1;
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		close(fd);
		return -1;
	}
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;
	unsigned char buf[65536];
	size_t n;
	while (ok && (n = fread(buf, 1, sizeof buf, f)) > 0)
		ok = EVP_DigestUpdate(ctx, buf, n) == 1;
	ok = ok && !ferror(f);
	fclose(f);
	return finish(ctx, ok, hex);
}

int pm_sha256_mem(const void *data, size_t len, char hex[65])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1 && EVP_DigestUpdate(ctx, data, len) == 1;
	return finish(ctx, ok, hex);
}
