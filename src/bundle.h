/* bundle.h: report bundles (format 1): signed by the unit, encrypted for the central, one file
 * in binary or armored form. The byte layout is in docs/bundle-format.md. */
#ifndef XHHT_BUNDLE_H
#define XHHT_BUNDLE_H

#include <sqlite3.h>
#include <stdint.h>

#include "crypto.h"

#define BUNDLE_FORMAT 1
#define BUNDLE_MAX_BYTES (80u * 1024 * 1024)
#define BUNDLE_MAX_REPORT (8u * 1024 * 1024)
#define BUNDLE_MAX_META (64u * 1024)
#define BUNDLE_MAX_ATTACHMENTS 10
#define BUNDLE_MAX_ATTACHMENT (32u * 1024 * 1024)
#define BUNDLE_ID_BYTES 16

/* Why a bundle was refused. The names are part of the format document. */
enum bundle_error {
	BE_OK = 0,
	BE_NOT_BUNDLE,     /* not an xhht bundle */
	BE_FORMAT_TOO_NEW, /* made by a newer program */
	BE_FORMAT_OLD,     /* a format version this program no longer reads */
	BE_TOO_LARGE,      /* file or a declared size over the limits */
	BE_NOT_FOR_US,     /* encrypted for another central key */
	BE_DAMAGED,        /* truncated, altered, trailing bytes, malformed inside */
	BE_BAD_SIGNATURE,  /* the signature does not match the content */
	BE_UNKNOWN_SIGNER, /* signed by a key the central does not know */
	BE_REVOKED,        /* signed by a key the central revoked or replaced */
	BE_WRONG_UNIT,     /* signed by another unit's key */
	BE_TEMPLATE,       /* a template the central does not have */
	BE_INVALID_REPORT, /* the report inside is not a valid report */
	BE_ENROLL_REUSED,  /* a second key proves an enrollment another key has used: an alarm */
};
#define BE_LAST BE_ENROLL_REUSED

const char *bundle_error_name(enum bundle_error be);    /* "damaged" */
const char *bundle_error_message(enum bundle_error be); /* for people, in the UI language */

struct bundle_attachment {
	char *name; /* file name only, no folders */
	char *type; /* "application/pdf", "image/jpeg", "image/png" */
	uint64_t size;
	unsigned char *data; /* opened bundles */
	/* Packing: reads size bytes from offset into buf; returns false on failure. */
	bool (*read)(void *ctx, uint64_t offset, unsigned char *buf, size_t len);
	void *ctx;
};

/* Everything that is signed (the report and attachments come with it). */
struct bundle_meta {
	char unit[64];
	int year, revision;
	unsigned char id[BUNDLE_ID_BYTES];
	char created[32]; /* ISO 8601 UTC */
	unsigned char recipient[BOX_PK_BYTES];
	unsigned char signer[SIGN_PK_BYTES];
	char template_id[64];
	int template_version;
	bool has_enroll;
	char enroll_id[33];
	unsigned char enroll_secret[ENROLL_SECRET_BYTES];
	bool has_key_change;
	unsigned char old_signer[SIGN_PK_BYTES];
	unsigned char key_change_sig[SIG_BYTES];
};

struct bundle {
	struct bundle_meta meta;
	char *report; /* the report's JSON, NUL-terminated */
	size_t report_len;
	struct bundle_attachment *att;
	size_t natt;
	unsigned char hash[HASH_BYTES]; /* BLAKE2b-256 of the binary form: the bundle's identity */
	struct report *parsed; /* the report as checked against its template (when opened with a db) */
};

struct pack_request {
	struct bundle_meta meta; /* id and created are filled by bundle_pack */
	const char *report;
	size_t report_len;
	const struct bundle_attachment *att;
	size_t natt;
	const unsigned char *sign_sk; /* 64 bytes, in secure memory */
	/* When set, called once the bundle is durably written under its temporary name and has
	 * read back intact, before it takes its name; a failure there leaves no file. */
	enum status (*written)(void *ctx, const unsigned char hash[HASH_BYTES], uint64_t size,
			       struct err *e);
	void *written_ctx;
};

/* Writes the bundle under a temporary name in path's folder, syncs it, reads it back and
 * checks its hash, calls req->written, then gives it its name (never replacing a file, or a
 * symlink, already there) and syncs the folder. Fills meta.id, meta.created and the hash. */
enum status bundle_pack(struct pack_request *req, const char *path, bool armor,
			unsigned char hash[HASH_BYTES], struct err *e);

/* The central's decision on the signer, once the signature is known to be good. */
typedef enum bundle_error (*bundle_trust_fn)(void *ctx, const struct bundle_meta *meta,
					       struct err *e);

/* Opens a bundle (binary bytes; decode armor first). Nothing is returned unless the whole file
 * decrypts, parses canonically, its signature verifies, and trust (when given) accepts it.
 * db is required: the template is looked up in it. */
enum bundle_error bundle_open(const unsigned char *data, size_t len, const unsigned char *box_pk,
			      const unsigned char *box_sk, bundle_trust_fn trust, void *trust_ctx,
			      sqlite3 *db, struct bundle **out, struct err *e);
/* Same; when the signature verified and trust accepted the signer but a later check refused
 * the bundle, seen (if given) receives the authentic header so that the refusal can be
 * recorded and answered. An untrusted signer's claims are never given out. */
enum bundle_error bundle_open_seen(const unsigned char *data, size_t len,
				   const unsigned char *box_pk, const unsigned char *box_sk,
				   bundle_trust_fn trust, void *trust_ctx, sqlite3 *db,
				   struct bundle **out, struct bundle_meta *seen, struct err *e);
void bundle_free(struct bundle *b);

/* The message a new key signs with the old one: "xhht key change v1" || unit || new key. */
void key_change_message(const char *unit, const unsigned char *new_pk, unsigned char *msg,
			size_t *len);

#endif
