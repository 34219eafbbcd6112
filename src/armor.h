/* armor.h: ASCII armor for bundles, enrollment files and receipts (strict base64 lines). */
#ifndef XHHT_ARMOR_H
#define XHHT_ARMOR_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

#define ARMOR_LINE 76

/* label is "BUNDLE", "ENROLLMENT" or "RECEIPT". */
char *armor_encode(const char *label, const unsigned char *data, size_t len, size_t *outlen);
/* Decodes one armored block (blank space around it allowed, nothing else). Refuses lines of
 * the wrong length, non-canonical base64, a label other than the one asked for. */
enum status armor_decode(const char *text, size_t len, const char *label, unsigned char **out,
			 size_t *outlen, struct err *e);
/* True when text starts (after blank space) with an armor BEGIN line. */
bool armor_detect(const char *text, size_t len);
/* Reads a file that holds a container in binary or armored form; returns the binary form.
 * max is the largest binary size accepted. */
enum status container_read(const char *path, const char *label, size_t max, unsigned char **out,
			   size_t *outlen, struct err *e);

#endif
