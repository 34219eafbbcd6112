/* fuzz_bundle.c: libFuzzer target: any bytes through bundle_open as the central of tests/vectors,
 * in binary and armored form, and plaintexts sealed and signed here so that mutations reach
 * META, the records, the report inside and the trust decision. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "armor.h"
#include "bundle.h"
#include "central.h"
#include "store.h"

#include "../unit/bundle_craft.h"
#include "fuzz_keys.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *db;
static struct fuzz_keys k;

static void
die(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_bundle: %s: %s\n", what, detail);
	abort();
}

static void
enrollment_row(int who, int used, int superseded)
{
	static const char sql[] =
		"INSERT INTO enrollment(id, unit_code, secret_hash, created_at, used_at,"
		" superseded, coded) VALUES (?1, ?2, xhht_enrollment_hash(?3),"
		" '2024-11-01T02:00:00Z', CASE ?4 WHEN 1 THEN '2024-11-02T02:00:00Z' END, ?5, 1)";
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK)
		die("enrollment", sqlite3_errmsg(db->sql));
	sqlite3_bind_text(st, 1, fk_units[who].enroll_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, fk_units[who].unit, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 3, k.enroll_secret[who], ENROLL_SECRET_BYTES, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, used);
	sqlite3_bind_int(st, 5, superseded);
	if (sqlite3_step(st) != SQLITE_DONE)
		die("enrollment", sqlite3_errmsg(db->sql));
	sqlite3_finalize(st);
}

/* One central for every input, made once: trust only reads it (central_trust never binds),
 * so an input's outcome does not depend on the inputs before it. Each branch of the trust
 * decision has a row: bound keys (A, B), an unused enrollment (A2's), a used one (A's) and a
 * superseded one (B's). */
static void
setup(void)
{
	struct err e = {0};
	if (sodium_init() < 0)
		die("sodium_init", "failed");
	fuzz_keys_load(&k);
	if (store_open_memory(STORE_CENTRAL, &db, &e) != ST_OK)
		die("store_open_memory", e.msg);
	if (central_attach_keys(db, k.box_sk, &e) != ST_OK)
		die("central_attach_keys", e.msg);
	if (central_unit_add(db, "BVDKM", "Bệnh viện Đa khoa Minh Hòa", "", &e) != ST_OK ||
	    central_unit_add(db, "BVB", "Bệnh viện B", "", &e) != ST_OK)
		die("central_unit_add", e.msg);
	static const int bound[] = {FK_A, FK_B};
	for (size_t i = 0; i < ARRAY_LEN(bound); i++) {
		int who = bound[i];
		struct bundle_meta m = {0};
		bool bound_new;
		snprintf(m.unit, sizeof m.unit, "%s", fk_units[who].unit);
		memcpy(m.signer, k.unit_pk[who], SIGN_PK_BYTES);
		if (central_bind(db, &m, &bound_new, &e) != ST_OK)
			die("central_bind", e.msg);
	}
	enrollment_row(FK_A2, 0, 0);
	enrollment_row(FK_A, 1, 0);
	enrollment_row(FK_B, 0, 1);
}

/* The keys this central may accept a bundle from, and their units. */
static bool
trusted_signer(const struct bundle_meta *m)
{
	for (int who = 0; who < FK_NKEYS; who++)
		if (memcmp(m->signer, k.unit_pk[who], SIGN_PK_BYTES) == 0)
			return strcmp(m->unit, fk_units[who].unit) == 0;
	return false;
}

static void
open_and_check(const unsigned char *bin, size_t len, bool sealed)
{
	struct bundle *b = NULL;
	struct bundle_meta seen, untouched;
	struct err e = {0};
	unsigned char h[HASH_BYTES];

	memset(&seen, 0xa5, sizeof seen);
	memcpy(&untouched, &seen, sizeof seen);
	enum status st =
	    bundle_open_seen(bin, len, k.box_pk, k.box_sk, central_trust, db, db, &b, &seen, &e);
	enum bundle_error be = e.code;
	if ((st == ST_OK) != (be == BE_OK))
		die(bundle_error_name(be), "a status that disagrees with the refusal class");
	if (be > BE_LAST || bundle_error_name(be) == NULL ||
	    bundle_error_message(be) == NULL)
		die("bundle_open", "a refusal class outside the enum");
	if ((be == BE_OK) != (b != NULL))
		die(bundle_error_name(be), b ? "refused with a bundle" : "accepted without one");
	if (sealed && be <= BE_FORMAT_OLD && be != BE_OK)
		die(bundle_error_name(be), "sealed for this central, refused by its header");
	/* The header is released only once the signature, the recipient and the signer's trust
	 * are good: for the template and report classes, never before. */
	if (be == BE_OK || be == BE_TEMPLATE || be == BE_INVALID_REPORT) {
		if (memchr(seen.unit, '\0', sizeof seen.unit) == NULL || seen.unit[0] == '\0' ||
		    memcmp(seen.recipient, k.box_pk, BOX_PK_BYTES) != 0)
			die(bundle_error_name(be), "refused after the signature, no header");
	} else if (memcmp(&seen, &untouched, sizeof seen) != 0)
		die(bundle_error_name(be), "header released before the signer was trusted");
	if (b == NULL)
		return;

	if (memcmp(b->meta.recipient, k.box_pk, BOX_PK_BYTES) != 0)
		die("accepted", "for another recipient");
	if (!trusted_signer(&b->meta))
		die("accepted", "signed by a key this central does not trust for that unit");
	if (b->meta.year < 2000 || b->meta.year > 2100 || b->meta.revision < 1 ||
	    b->meta.revision > 1000000)
		die("accepted", "year or revision out of range");
	if (b->report == NULL || b->report_len > BUNDLE_MAX_REPORT ||
	    strlen(b->report) != b->report_len)
		die("accepted", "report length");
	if (b->natt > BUNDLE_MAX_ATTACHMENTS)
		die("accepted", "too many attachments");
	for (size_t i = 0; i < b->natt; i++) {
		const struct bundle_attachment *a = &b->att[i];
		if (a->name == NULL || a->name[0] == '\0' || strchr(a->name, '/') ||
		    strchr(a->name, '\\') || strcmp(a->name, "..") == 0 || a->type == NULL ||
		    a->size > BUNDLE_MAX_ATTACHMENT || a->data == NULL)
			die("accepted", "an attachment breaking the format's rules");
		/* Every byte handed out must be there: ASan checks the read. */
		hash_bytes(a->data, (size_t)a->size, h);
	}
	hash_bytes(bin, len, h);
	if (memcmp(h, b->hash, HASH_BYTES) != 0)
		die("accepted", "hash is not the binary form's");
	bundle_free(b);
}

/* The fuzzer's plaintext (records, without the signature record), signed by unit key who and
 * sealed for the central: the signature always matches, so META and everything after it is
 * read for real. */
static void
seal_and_check(int who, const unsigned char *pt, size_t n)
{
	struct craft c;
	size_t len;
	craft_begin(&c, k.box_pk);
	buf_add(&c.pt, pt, n);
	craft_sign(&c, k.unit_sk[who], -1);
	unsigned char *bin = craft_seal(&c, &len);
	open_and_check(bin, len, true);
	free(bin);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (db == NULL)
		setup();
	/* As the importer reads a file: binary, or armor decoded first. */
	open_and_check(data, size, false);
	if (armor_detect((const char *)data, size)) {
		unsigned char *bin;
		size_t blen;
		struct err e = {0};
		if (armor_decode((const char *)data, size, "BUNDLE", &bin, &blen, &e) == ST_OK) {
			open_and_check(bin, blen, false);
			free(bin);
		} else if (bin != NULL || e.msg[0] == '\0')
			die("armor_decode", "refused without a message or with output");
	}
	/* A first byte 1, 2 or 3 (never the start of a bundle or of armor): the rest is a
	 * plaintext to seal, signed by key A, A2 or B. */
	if (size >= 1 && data[0] >= 1 && data[0] <= FK_NKEYS)
		seal_and_check(data[0] - 1, data + 1, size - 1);
	return 0;
}
