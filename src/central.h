/* central.h: the central office's side of trust: its keys, units, enrollments, trust checks. */
#ifndef XHHT_CENTRAL_H
#define XHHT_CENTRAL_H

#include "bundle.h"
#include "signed.h"
#include "store.h"

#define CENTRAL_KEY_FILE "central.key"

/* Creates the central's key pairs (refused when they exist). */
enum status central_init(struct store *db, const char *dir, const struct secret *pass,
			 char sign_fp[48], char box_fp[48], struct err *e);
enum status central_public_keys(struct store *db, unsigned char sign_pk[SIGN_PK_BYTES],
				unsigned char box_pk[BOX_PK_BYTES], struct err *e);
/* Opens the central's secret keys: 64 bytes of signing key, then 32 of receiving key. */
enum status central_open_keys(const char *dir, const struct secret *pass, struct secret **sk,
			      struct err *e);

/* Gives the connection the central's enrollment hash (xhht_enrollment_hash in SQL): enrollment
 * secrets are stored and compared as BLAKE2b-256 keyed by a key derived from the central's
 * receiving secret key, so that a copy of the database and an intercepted enrollment file do
 * not let anyone try codes offline. Every connection that enrolls, decides trust or binds
 * (central_enroll, central_trust, central_key_alarm, central_bind) needs it first. */
#define ENROLL_HASH_KEY_BYTES 32
enum status central_attach_keys(struct store *db, const unsigned char box_sk[BOX_SK_BYTES],
				struct err *e);

bool central_unit_code_ok(const char *code);
/* The groups a unit may belong to: unit add's GROUP and the CSV's "nhom" column take these
 * codes (or none). X(code, words vi, words en); SEP goes between two entries. */
#define UNIT_GROUPS(X, SEP)                                                                        \
	X(benh_vien, "bệnh viện", "hospital") SEP                                                  \
	X(vien, "viện nghiên cứu", "research institute") SEP                                       \
	X(truong, "trường đại học, cao đẳng", "university or college") SEP                         \
	X(trung_tam, "trung tâm", "centre") SEP                                                    \
	X(vu_cuc, "vụ, cục, văn phòng của Bộ", "department or office of the Ministry") SEP         \
	X(khac, "đơn vị khác", "other unit")
#define UNIT_GROUP_CODE(code, vi, en) #code
#define UNIT_GROUP_SEP ", "
/* "benh_vien, vien, …": the codes, for usage lines and messages. */
#define UNIT_GROUP_CODES UNIT_GROUPS(UNIT_GROUP_CODE, UNIT_GROUP_SEP)
/* A group code a unit may have: one of UNIT_GROUPS, or "" (none). */
bool central_group_ok(const char *group);
/* A unit's group (one of UNIT_GROUPS, or "" for none): the group must be one of the list. */
enum status central_unit_add(struct store *db, const char *code, const char *name,
			     const char *group, struct err *e);
/* Imports "ma,ten,nhom" rows; all or nothing, bad rows named by line number. */
enum status central_unit_import(struct store *db, const char *path, size_t *added, size_t *known,
				struct err *e);
/* Revokes every key bound to the unit: its bundles are refused until it is enrolled again. */
enum status central_unit_revoke(struct store *db, const char *code, size_t *revoked, struct err *e);

/* Writes an enrollment for the unit (a new one-time secret; earlier ones are superseded) and
 * the code that must travel apart from it (enrollment_code_new). Only the hash of the secret
 * the two unlock together is kept. email (NULL: none) is the address the unit is told to send
 * its bundles to; one that is not an address (text_email_ok) is refused (ST_ENV). */
typedef enum status (*enroll_deliver_fn)(void *ctx, const unsigned char *doc, size_t len,
					 struct err *e);
/* deliver (if not NULL) receives the file's bytes before the enrollment is committed: it
 * writes and syncs them, and a failure leaves the database as it was. */
enum status central_enroll(struct store *db, const struct secret *sk, const char *code,
			   const char *email, unsigned char **out, size_t *outlen,
			   char enroll_code[ENROLL_CODE_SHOWN + 1], enroll_deliver_fn deliver,
			   void *deliver_ctx, struct err *e);
/* The same, the staff action log saying where the file went (where: a path, or NULL). Every
 * unit and key change (unit add and import, enroll, confirm, revoke) is logged in the staff
 * action log (staff.h) in the transaction of the change, so both front ends log alike. */
enum status central_enroll_to(struct store *db, const struct secret *sk, const char *code,
			      const char *email, const char *where, unsigned char **out,
			      size_t *outlen, char enroll_code[ENROLL_CODE_SHOWN + 1],
			      enroll_deliver_fn deliver, void *deliver_ctx, struct err *e);

/* The trust decision of bundle_open for this central's database (ctx is the struct store *):
 * a bound key of that unit, or a valid enrollment secret, or a key change signed by the
 * bound key. It only decides; binding is the importer's, inside its transaction. */
enum bundle_error central_trust(void *ctx, const struct bundle_meta *m, struct err *e);

/* Records the alarm of a second key proving a used enrollment (central_trust said
 * BE_ENROLL_REUSED) inside the caller's transaction; unit receives the enrollment's unit. */
#define UNIT_CODE_MAX 63
enum status central_key_alarm(struct store *db, const struct bundle_meta *m, const char *source,
			      char unit[UNIT_CODE_MAX + 1], struct err *e);

/* Binds a new signer to its unit after central_trust accepted it, inside the caller's
 * transaction; a key already known is left as it is. */
enum status central_bind(struct store *db, const struct bundle_meta *m, bool *bound_new,
			 struct err *e);

/* What staff see of units (`unit list`, `unit show`): one row per unit, with the fingerprint
 * of its bound key ("" when none), when it was confirmed by phone, the state of its latest
 * enrollment ("open", "used", "superseded", or NULL) and its alarms. code NULL: every unit. */
struct unit_row {
	const char *code, *name, *group;
	char fingerprint[48];
	const char *confirmed_at;
	const char *enrollment;
	int alarms, revoked;
};
enum status central_units(struct store *db, const char *code,
			  void (*fn)(void *ctx, const struct unit_row *u), void *ctx,
			  struct err *e);

/* A unit's keys, oldest first: the history of its bindings. */
struct key_row {
	char fingerprint[48];
	const char *state, *bound_at, *ended_at, *confirmed_at, *enrollment_id;
};
enum status central_unit_keys(struct store *db, const char *code,
			      void (*fn)(void *ctx, const struct key_row *k), void *ctx,
			      struct err *e);

/* A unit's enrollments, oldest first. coded: issued with a code (format 2). */
struct enrollment_row {
	const char *id, *created_at, *used_at;
	bool superseded, coded;
};
enum status central_unit_enrollments(struct store *db, const char *code,
				     void (*fn)(void *ctx, const struct enrollment_row *en),
				     void *ctx, struct err *e);

/* Other keys that proved a used enrollment, one row per key, the latest first: code NULL gives
 * every unit's alarms not resolved yet, a code all of that unit's (resolved ones after). At
 * most per_unit rows of a unit (of its open ones, and of its resolved ones) are given; keys is
 * how many there are. An alarm is resolved by revoking the unit or enrolling it again. */
struct alarm_row {
	const char *unit, *first_seen, *last_seen, *source, *resolved_at;
	int tries, keys;
	char bound_fingerprint[48], new_fingerprint[48];
};
enum status central_key_alarms(struct store *db, const char *code, int per_unit,
			       void (*fn)(void *ctx, const struct alarm_row *a), void *ctx,
			       struct err *e);

/* Records that staff and the unit read the bound key's fingerprint to each other: heard is
 * what the clerk read out (digits, spaces and dashes); refused unless it is the bound key's.
 * fingerprint receives the bound key's. */
enum status central_unit_confirm(struct store *db, const char *code, const char *heard,
				 char fingerprint[48], struct err *e);

#endif
