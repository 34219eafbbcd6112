/* signed.h: documents the central signs: enrollment files and receipts (format 1). */
#ifndef XHHT_SIGNED_H
#define XHHT_SIGNED_H

#include <sqlite3.h>

#include "crypto.h"

#define SIGNED_MAX_BODY (4u * 1024 * 1024)

/* An enrollment file: who the unit is, the central's keys, a one-time secret, templates. */
struct enrollment {
	char unit_code[64];
	char *unit_name;
	unsigned char central_sign[SIGN_PK_BYTES];
	unsigned char central_box[BOX_PK_BYTES];
	char id[33]; /* 16 random bytes, hex */
	unsigned char secret[ENROLL_SECRET_BYTES];
	char created[32];
	char **templates; /* template JSON texts */
	size_t ntemplates;
};

enum receipt_outcome { RO_MERGED, RO_DUPLICATE, RO_OLDER, RO_CONFLICT, RO_REFUSED };

struct receipt {
	unsigned char bundle_id[16];
	unsigned char bundle_hash[HASH_BYTES];
	char unit[64];
	int year, revision;
	enum receipt_outcome outcome;
	char reason[256]; /* a bundle_error name when refused, else empty */
	char time[32];    /* ISO 8601 UTC */
};

const char *receipt_outcome_name(enum receipt_outcome o); /* "merged" */
const char *receipt_outcome_message(enum receipt_outcome o);

/* Writes an enrollment file's bytes (signed with the central's key). */
void enrollment_make(const struct enrollment *en, const unsigned char *central_sign_sk,
		     unsigned char **out, size_t *outlen);
/* Reads and verifies an enrollment file (binary form). */
enum status enrollment_read(const unsigned char *data, size_t len,
			    struct enrollment **out, struct err *e);
void enrollment_free(struct enrollment *en);

void receipt_make(const struct receipt *r, const unsigned char *central_sign_sk,
		  unsigned char **out, size_t *outlen);
/* Verifies a receipt against the central's signing key. */
enum status receipt_read(const unsigned char *data, size_t len,
			 const unsigned char *central_sign_pk, struct receipt *out, struct err *e);

#endif
