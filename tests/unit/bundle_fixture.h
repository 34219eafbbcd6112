/* bundle_fixture.h: what the bundle, trust, armor and signed-document tests share: a central
 * in memory with its keys, unit keys, pack requests, packing to a file and opening as the
 * central, and the per-program temporary folder. */
#ifndef XHHT_BUNDLE_FIXTURE_H
#define XHHT_BUNDLE_FIXTURE_H

#include "testlib.h"

#include <ftw.h>
#include <stdio.h>
#ifndef _WIN32
#include <sys/mman.h>
#endif
#include <sys/stat.h>
#include <unistd.h>

#include "armor.h"
#include "bundle.h"
#include "bundle_craft.h"
#include "central.h"
#include "signed.h"

#define SAMPLE "tests/data/bao-cao-mau.json"
#define UNIT_A "BVDKM" /* the sample report's unit */
#define UNIT_B "BVB"
#define CHUNK CRAFT_CHUNK
#define ABYTES CRAFT_ABYTES
#define SEALED (CHUNK + ABYTES) /* a full chunk in the file */

static char *tmpdir;
static unsigned tmpcount;

/* A central office: its database (in memory) and its keys, as central_open_keys gives them. */
struct central {
	struct store *db;
	struct secret *sk; /* signing key (64 bytes), then receiving key (32) */
	unsigned char sign_pk[SIGN_PK_BYTES], box_pk[BOX_PK_BYTES];
};
#define BOX_SK(c) ((c)->sk->bytes + SIGN_SK_BYTES)

/* A unit's signing key. */
struct ukey {
	unsigned char pk[SIGN_PK_BYTES], sk[SIGN_SK_BYTES];
};

static inline void
ukey_new(struct ukey *k)
{
	crypto_sign_keypair(k->pk, k->sk);
}

static inline void
central_new(struct central *c)
{
	struct err e = {0};
	sqlite3_stmt *st;

	if (store_open_memory(STORE_CENTRAL, &c->db, &e) != ST_OK)
		fail_msg("store_open_memory: %s", e.msg);
	c->sk = secret_new(SIGN_SK_BYTES + BOX_SK_BYTES);
	crypto_sign_keypair(c->sign_pk, c->sk->bytes);
	randombytes_buf(BOX_SK(c), BOX_SK_BYTES);
	crypto_scalarmult_base(c->box_pk, BOX_SK(c));
	if (central_attach_keys(c->db, BOX_SK(c), &e) != ST_OK)
		fail_msg("central_attach_keys: %s", e.msg);
	/* central_init would also seal the keys in a file under a passphrase (Argon2id, slow);
	 * the row is all central_enroll reads. */
	assert_int_equal(
	    sqlite3_prepare_v2(c->db->sql,
			       "INSERT INTO central_key(only, sign_pk, box_pk, created_at)"
			       " VALUES (1, ?1, ?2, '2024-01-01T00:00:00Z')",
			       -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_blob(st, 1, c->sign_pk, SIGN_PK_BYTES, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, c->box_pk, BOX_PK_BYTES, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	if (central_unit_add(c->db, UNIT_A, "Bệnh viện Đa khoa Minh Hòa", "", &e) != ST_OK ||
	    central_unit_add(c->db, UNIT_B, "Bệnh viện B", "", &e) != ST_OK)
		fail_msg("central_unit_add: %s", e.msg);
}

static inline void
central_done(struct central *c)
{
	secret_free(c->sk);
	store_close(c->db);
}

/* Binds key to unit as the importer does once a bundle was accepted. */
static inline void
bind(struct central *c, const char *unit, const unsigned char *pk)
{
	struct bundle_meta m = {0};
	struct err e = {0};
	bool bound_new = false;
	snprintf(m.unit, sizeof m.unit, "%s", unit);
	memcpy(m.signer, pk, SIGN_PK_BYTES);
	if (central_bind(c->db, &m, &bound_new, &e) != ST_OK)
		fail_msg("central_bind: %s", e.msg);
	assert_true(bound_new);
}

static inline void
revoke_unit(struct central *c, const char *unit, size_t want)
{
	struct err e = {0};
	size_t n = 0;
	if (central_unit_revoke(c->db, unit, &n, &e) != ST_OK)
		fail_msg("central_unit_revoke: %s", e.msg);
	assert_int_equal(n, want);
}

/* Returns b's text with the first from replaced by to (from must be there). */
static inline void
buf_replace(struct buf *b, const char *from, const char *to)
{
	char *at = strstr(b->data, from);
	if (at == NULL)
		fail_msg("\"%s\" is not in \"%s\"", from, b->data);
	char *s = xasprintf("%.*s%s%s", (int)(at - b->data), b->data, to, at + strlen(from));
	buf_reset(b);
	buf_adds(b, s);
	free(s);
}

/* The smallest report the central accepts for unit and year. */
static inline char *
report_json(const char *unit, int year)
{
	return xasprintf("{\"template\": \"bao-cao-nam\", \"template_version\": 1,"
			 " \"unit\": {\"code\": \"%s\", \"name\": \"Đơn vị %s\"}, \"year\": %d,"
			 " \"revision\": 1}",
			 unit, unit, year);
}

static inline void
request(struct pack_request *req, const struct central *c, const struct ukey *k, const char *unit,
	const char *report)
{
	memset(req, 0, sizeof *req);
	snprintf(req->meta.unit, sizeof req->meta.unit, "%s", unit);
	req->meta.year = 2024;
	req->meta.revision = 1;
	memcpy(req->meta.recipient, c->box_pk, BOX_PK_BYTES);
	memcpy(req->meta.signer, k->pk, SIGN_PK_BYTES);
	snprintf(req->meta.template_id, sizeof req->meta.template_id, "bao-cao-nam");
	req->meta.template_version = 1;
	req->report = report;
	req->report_len = strlen(report);
	req->sign_sk = k->sk;
}

static inline char *
tmp_path(const char *ext)
{
	return xasprintf("%s/b%u%s", tmpdir, tmpcount++, ext);
}

/* Packs to a file, reads it back (either form) and removes it; returns the binary form. */
static inline unsigned char *
pack(struct pack_request *req, bool armor, size_t *len, unsigned char hash[HASH_BYTES])
{
	char *path = tmp_path(".xhht");
	unsigned char h[HASH_BYTES], *data = NULL;
	struct err e = {0};
	if (bundle_pack(req, path, armor, hash ? hash : h, &e) != ST_OK)
		fail_msg("bundle_pack: %s", e.msg);
	if (container_read(path, "BUNDLE", BUNDLE_MAX_BYTES, &data, len, &e) != ST_OK)
		fail_msg("container_read: %s", e.msg);
	assert_int_equal(unlink(path), 0);
	free(path);
	return data;
}

/* The refusal class bundle_open put in e, once its status and message agree with it: ST_OK
 * with BE_OK, else ST_REFUSED with a message that starts with the class's own. */
static inline enum bundle_error
refusal(enum status st, const struct err *e)
{
	if ((st == ST_OK) != (e->code == BE_OK))
		fail_msg("status %d with class %s", st, bundle_error_name(e->code));
	if (st != ST_OK) {
		assert_int_equal(st, ST_REFUSED);
		const char *head = bundle_error_message(e->code);
		if (strncmp(e->msg, head, strlen(head)) != 0)
			fail_msg("message \"%s\" does not start with \"%s\"", e->msg, head);
	}
	return e->code;
}

/* Opens a copy of exactly len bytes (so ASan sees a read past the end) as the central c, with
 * its database and trust; a refusal must hand out nothing. */
static inline enum bundle_error
open_as(const struct central *c, const unsigned char *data, size_t len, struct bundle **out)
{
	unsigned char *copy = xmalloc(len ? len : 1);
	struct err e = {0};
	enum bundle_error be;
	if (len)
		memcpy(copy, data, len);
	*out = (struct bundle *)&e; /* bundle_open must overwrite it */
	be = refusal(
	    bundle_open(copy, len, c->box_pk, BOX_SK(c), central_trust, c->db, c->db, out, &e), &e);
	free(copy);
	if (be == BE_OK)
		assert_non_null(*out);
	else if (*out != NULL)
		fail_msg("refused as %s but a bundle was returned", bundle_error_name(be));
	return be;
}

/* Opens data where it is, for buffers too large to copy. */
static inline enum bundle_error
open_in_place(const struct central *c, const unsigned char *data, size_t len)
{
	struct bundle *b = (struct bundle *)&b;
	struct err e = {0};
	enum bundle_error be = refusal(
	    bundle_open(data, len, c->box_pk, BOX_SK(c), central_trust, c->db, c->db, &b, &e), &e);
	if (be != BE_OK)
		assert_null(b);
	bundle_free(b);
	return be;
}

static inline void
expect(const struct central *c, const unsigned char *data, size_t len, enum bundle_error want,
       const char *what)
{
	struct bundle *b;
	enum bundle_error be = open_as(c, data, len, &b);
	if (be != want)
		fail_msg("%s: %s, wanted %s", what, bundle_error_name(be), bundle_error_name(want));
	bundle_free(b);
}

/* Attachments in memory: ctx is the bytes. */
static inline bool
mem_read(void *ctx, uint64_t offset, unsigned char *buf, size_t len)
{
	memcpy(buf, (const unsigned char *)ctx + offset, len);
	return true;
}

/* A large attachment that never exists in memory: bytes made from their offset, asked for in
 * order and in pieces. */
struct pattern {
	uint64_t next;
	size_t calls, max_len;
	bool fail; /* the reader fails (a file that went away) */
};

static inline unsigned char
pattern_byte(uint64_t i)
{
	return (unsigned char)((i * 2654435761u) >> 11 ^ i);
}

static inline bool
pattern_read(void *ctx, uint64_t offset, unsigned char *buf, size_t len)
{
	struct pattern *p = ctx;
	if (p->fail)
		return false;
	assert_int_equal(offset, p->next);
	for (size_t i = 0; i < len; i++)
		buf[i] = pattern_byte(offset + i);
	p->next += len;
	p->calls++;
	if (len > p->max_len)
		p->max_len = len;
	return true;
}

__attribute__((unused)) static const char pdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

static inline void
assert_meta_equal(const struct bundle_meta *got, const struct bundle_meta *want)
{
	assert_string_equal(got->unit, want->unit);
	assert_int_equal(got->year, want->year);
	assert_int_equal(got->revision, want->revision);
	assert_memory_equal(got->id, want->id, BUNDLE_ID_BYTES);
	assert_string_equal(got->created, want->created);
	assert_memory_equal(got->recipient, want->recipient, BOX_PK_BYTES);
	assert_memory_equal(got->signer, want->signer, SIGN_PK_BYTES);
	assert_string_equal(got->template_id, want->template_id);
	assert_int_equal(got->template_version, want->template_version);
	assert_int_equal(got->has_enroll, want->has_enroll);
	if (want->has_enroll) {
		assert_string_equal(got->enroll_id, want->enroll_id);
		assert_memory_equal(got->enroll_secret, want->enroll_secret, ENROLL_SECRET_BYTES);
	}
	assert_int_equal(got->has_key_change, want->has_key_change);
	if (want->has_key_change) {
		assert_memory_equal(got->old_signer, want->old_signer, SIGN_PK_BYTES);
		assert_memory_equal(got->key_change_sig, want->key_change_sig, SIG_BYTES);
	}
}

/* Fills the key change of req: old signs the new key for the unit. */
static inline void
key_change(struct pack_request *req, const struct ukey *old)
{
	unsigned char msg[19 + 64 + SIGN_PK_BYTES];
	size_t n;
	key_change_message(req->meta.unit, req->meta.signer, msg, &n);
	req->meta.has_key_change = true;
	memcpy(req->meta.old_signer, old->pk, SIGN_PK_BYTES);
	crypto_sign_detached(req->meta.key_change_sig, NULL, msg, n, old->sk);
}

struct fixture {
	struct central c;
	struct ukey k; /* bound to UNIT_A */
	char *report;  /* UNIT_A's for 2024 */
	unsigned char *valid;
	size_t len;
};

static inline void
fixture_new(struct fixture *f)
{
	struct pack_request req;
	central_new(&f->c);
	ukey_new(&f->k);
	bind(&f->c, UNIT_A, f->k.pk);
	f->report = report_json(UNIT_A, 2024);
	request(&req, &f->c, &f->k, UNIT_A, f->report);
	f->valid = pack(&req, false, &f->len, NULL);
	expect(&f->c, f->valid, f->len, BE_OK, "the valid bundle");
}

static inline void
fixture_done(struct fixture *f)
{
	free(f->valid);
	free(f->report);
	central_done(&f->c);
}

/* META for f's unit and key, as bundle_pack would write it. */
static inline void
fixture_meta(const struct fixture *f, struct bundle_meta *m)
{
	struct pack_request req;
	request(&req, &f->c, &f->k, UNIT_A, f->report);
	*m = req.meta;
	randombytes_buf(m->id, BUNDLE_ID_BYTES);
	memcpy(m->created, "2024-11-28T09:30:00Z", 21);
}

static inline char *
armored(const unsigned char *data, size_t len, size_t *outlen)
{
	return armor_encode("BUNDLE", data, len, outlen);
}

static inline char *
b64(const unsigned char *p, size_t n)
{
	struct buf b;
	buf_init(&b);
	craft_b64(&b, p, n);
	return buf_steal(&b);
}

/* Each program's folder for the files it packs (tmp_path). */
static inline int
setup_all(void **state)
{
	(void)state;
	if (sodium_init() < 0)
		return -1;
	return (tmpdir = test_tmpdir("bundle")) == NULL ? -1 : 0;
}

static inline int
teardown_all(void **state)
{
	(void)state;
	int rc = test_rmtree(tmpdir);
	free(tmpdir);
	return rc;
}

#endif
