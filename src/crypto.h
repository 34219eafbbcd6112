/* crypto.h: key pairs, secret-key files under a passphrase, key ids and fingerprints. */
#ifndef XHHT_CRYPTO_H
#define XHHT_CRYPTO_H

#include <sodium.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define SIGN_PK_BYTES crypto_sign_PUBLICKEYBYTES  /* 32 */
#define SIGN_SK_BYTES crypto_sign_SECRETKEYBYTES  /* 64 */
#define SIG_BYTES crypto_sign_BYTES               /* 64 */
#define BOX_PK_BYTES crypto_scalarmult_BYTES      /* 32 */
#define BOX_SK_BYTES crypto_scalarmult_SCALARBYTES /* 32 */
#define KEY_ID_BYTES 8
#define ENROLL_SECRET_BYTES 32
#define HASH_BYTES 32

/* What a secret-key file holds (docs/bundle-format.md, "Secret-key files"). */
enum keyfile_kind {
	KEYFILE_UNIT = 1,    /* Ed25519 signing key (64) + enrollment secret (32) */
	KEYFILE_CENTRAL = 2, /* Ed25519 signing key (64) + X25519 receiving key (32) */
};

/* Secret material lives in sodium_malloc memory (guard pages, locked, wiped on free). */
struct secret {
	unsigned char *bytes;
	size_t len;
};

struct secret *secret_new(size_t len);
void secret_free(struct secret *s);

/* A passphrase, also in sodium_malloc memory. */
struct secret *passphrase_from_bytes(const char *p, size_t len);

/* Writes a secret-key file (0600, durably) sealing secret under the passphrase with Argon2id
 * and XChaCha20-Poly1305; pub is stored in the clear beside it, authenticated. */
enum status keyfile_write(const char *path, enum keyfile_kind kind, const unsigned char *pub,
			  size_t publen, const struct secret *sk, const struct secret *pass,
			  struct err *e);
/* The class keyfile_read gives a wrong passphrase in e->code, so that a front end can ask again
 * (the other failures leave e->code as it was). */
enum keyfile_error { KEYFILE_WRONG_PASSPHRASE = 16 };
/* Opens a secret-key file. A wrong passphrase is ST_ENV with a message saying so (and
 * KEYFILE_WRONG_PASSPHRASE); so is a key file that is a symlink, not a regular file, or open to
 * group or others (file_read_secret). */
enum status keyfile_read(const char *path, enum keyfile_kind kind, const struct secret *pass,
			 struct secret **sk, unsigned char *pub, size_t publen, struct err *e);
/* Re-seals a key file under a new passphrase (write to a temporary name, then rename). */
enum status keyfile_change_passphrase(const char *path, enum keyfile_kind kind,
				      const struct secret *old, const struct secret *new_pass,
				      struct err *e);

/* The 8-byte id of a public key: BLAKE2b-256("xhht key id v1" || key)[0..8]. */
void key_id(const unsigned char *pk, size_t len, unsigned char id[KEY_ID_BYTES]);
/* A fingerprint people read over the phone: eight groups of four digits. */
void key_fingerprint(const unsigned char *pk, size_t len, char out[48]);

/* BLAKE2b-256 of data. */
void hash_bytes(const void *data, size_t len, unsigned char out[HASH_BYTES]);
void hex_encode(const unsigned char *in, size_t len, char *out);
bool hex_decode(const char *in, unsigned char *out, size_t len);
/* Standard base64 with padding, as text; and strict decoding of exactly len bytes. */
char *b64_encode(const unsigned char *in, size_t len);
bool b64_decode_exact(const char *in, unsigned char *out, size_t len);

#endif
