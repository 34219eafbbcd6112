/* central.h: the central office's side of trust: its keys, units, enrollments, trust checks. */
#ifndef XHHT_CENTRAL_H
#define XHHT_CENTRAL_H

#include <sqlite3.h>

#include "bundle.h"
#include "signed.h"

#define CENTRAL_KEY_FILE "central.key"

/* Creates the central's key pairs (refused when they exist). */
enum status central_init(sqlite3 *db, const char *dir, const struct secret *pass,
			 char sign_fp[48], char box_fp[48], struct err *e);
enum status central_public_keys(sqlite3 *db, unsigned char sign_pk[SIGN_PK_BYTES],
				unsigned char box_pk[BOX_PK_BYTES], struct err *e);
/* Opens the central's secret keys: 64 bytes of signing key, then 32 of receiving key. */
enum status central_open_keys(const char *dir, const struct secret *pass, struct secret **sk,
			      struct err *e);

bool central_unit_code_ok(const char *code);
enum status central_unit_add(sqlite3 *db, const char *code, const char *name, const char *group,
			     struct err *e);
/* Imports "ma,ten,nhom" rows; all or nothing, bad rows named by line number. */
enum status central_unit_import(sqlite3 *db, const char *path, size_t *added, size_t *known,
				struct err *e);
/* Revokes every key bound to the unit: its bundles are refused until it is enrolled again. */
enum status central_unit_revoke(sqlite3 *db, const char *code, size_t *revoked, struct err *e);

/* Writes an enrollment for the unit (a new one-time secret; earlier ones are superseded). */
enum status central_enroll(sqlite3 *db, const struct secret *sk, const char *code,
			   unsigned char **out, size_t *outlen, struct err *e);

/* The trust decision of bundle_open for this central's database (ctx is the sqlite3 *):
 * a bound key of that unit, or a valid enrollment secret, or a key change signed by the
 * bound key. It only decides; binding is the importer's, inside its transaction. */
enum bundle_error central_trust(void *ctx, const struct bundle_meta *m, struct err *e);

/* Binds a new signer to its unit after central_trust accepted it, inside the caller's
 * transaction; a key already known is left as it is. */
enum status central_bind(sqlite3 *db, const struct bundle_meta *m, bool *bound_new, struct err *e);

#endif
