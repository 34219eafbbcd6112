/* test_bundle.c: report bundles through the public API (packing, opening, every reason for a
 * refusal, truncation, chunk surgery, bit flips), armor, and the signed enrollment files and
 * receipts. */
#include "testlib.h"

#include <ftw.h>
#include <stdio.h>
#include <sys/mman.h>
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
	sqlite3 *db;
	struct secret *sk; /* signing key (64 bytes), then receiving key (32) */
	unsigned char sign_pk[SIGN_PK_BYTES], box_pk[BOX_PK_BYTES];
};
#define BOX_SK(c) ((c)->sk->bytes + SIGN_SK_BYTES)

/* A unit's signing key. */
struct ukey {
	unsigned char pk[SIGN_PK_BYTES], sk[SIGN_SK_BYTES];
};

static void
ukey_new(struct ukey *k)
{
	crypto_sign_keypair(k->pk, k->sk);
}

static void
central_new(struct central *c)
{
	struct err e = {0};
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_open(":memory:", &c->db), SQLITE_OK);
	if (store_prepare(c->db, STORE_CENTRAL, &e) != ST_OK)
		fail_msg("store_prepare: %s", e.msg);
	c->sk = secret_new(SIGN_SK_BYTES + BOX_SK_BYTES);
	crypto_sign_keypair(c->sign_pk, c->sk->bytes);
	randombytes_buf(BOX_SK(c), BOX_SK_BYTES);
	crypto_scalarmult_base(c->box_pk, BOX_SK(c));
	if (central_attach_keys(c->db, BOX_SK(c), &e) != ST_OK)
		fail_msg("central_attach_keys: %s", e.msg);
	/* central_init would also seal the keys in a file under a passphrase (Argon2id, slow);
	 * the row is all central_enroll reads. */
	assert_int_equal(sqlite3_prepare_v2(c->db,
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

static void
central_done(struct central *c)
{
	secret_free(c->sk);
	store_close(c->db);
}

/* Binds key to unit as the importer does once a bundle was accepted. */
static void
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

static void
revoke_unit(struct central *c, const char *unit, size_t want)
{
	struct err e = {0};
	size_t n = 0;
	if (central_unit_revoke(c->db, unit, &n, &e) != ST_OK)
		fail_msg("central_unit_revoke: %s", e.msg);
	assert_int_equal(n, want);
}

/* Returns b's text with the first from replaced by to (from must be there). */
static void
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
static char *
report_json(const char *unit, int year)
{
	return xasprintf("{\"template\": \"bao-cao-nam\", \"template_version\": 1,"
			 " \"unit\": {\"code\": \"%s\", \"name\": \"Đơn vị %s\"}, \"year\": %d,"
			 " \"revision\": 1}",
			 unit, unit, year);
}

static void
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

static char *
tmp_path(const char *ext)
{
	return xasprintf("%s/b%u%s", tmpdir, tmpcount++, ext);
}

/* Packs to a file, reads it back (either form) and removes it; returns the binary form. */
static unsigned char *
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
static enum bundle_error
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
static enum bundle_error
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
static enum bundle_error
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

static void
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
static bool
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

static unsigned char
pattern_byte(uint64_t i)
{
	return (unsigned char)((i * 2654435761u) >> 11 ^ i);
}

static bool
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

static const char pdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

static void
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
static void
key_change(struct pack_request *req, const struct ukey *old)
{
	unsigned char msg[19 + 64 + SIGN_PK_BYTES];
	size_t n;
	key_change_message(req->meta.unit, req->meta.signer, msg, &n);
	req->meta.has_key_change = true;
	memcpy(req->meta.old_signer, old->pk, SIGN_PK_BYTES);
	crypto_sign_detached(req->meta.key_change_sig, NULL, msg, n, old->sk);
}

/* ---- round trips ------------------------------------------------------------------------ */

static void
test_error_names(void **state)
{
	(void)state;
	static const char *const names[] = {
		"ok",	      "not-a-bundle", "format-too-new",   "format-too-old", "too-large",
		"not-for-us", "damaged",      "bad-signature",	  "unknown-signer", "revoked-key",
		"wrong-unit", "unknown-template", "invalid-report", "enrollment-reused",
	};
	assert_int_equal(ARRAY_LEN(names), BE_LAST + 1);
	for (int be = BE_OK; be <= BE_LAST; be++) {
		assert_string_equal(bundle_error_name((enum bundle_error)be), names[be]);
		assert_true(strlen(bundle_error_message((enum bundle_error)be)) > 0);
	}
}

static void
test_roundtrip(void **state)
{
	(void)state;
	struct central c;
	struct ukey k, old;
	size_t report_len;
	struct buf sample;
	buf_init(&sample);
	char *text = test_file(SAMPLE, NULL);
	buf_adds(&sample, text);
	free(text);
	/* The report's revision is META's: the reader checks they agree. */
	buf_replace(&sample, "\"revision\": 1", "\"revision\": 7");
	char *report = sample.data;
	struct bundle_attachment att[2] = {
		{.name = "Quyết định khen thưởng.pdf",
		 .type = "application/pdf",
		 .size = sizeof pdf - 1,
		 .read = mem_read,
		 .ctx = (void *)pdf},
		{.name = "trống.png", .type = "image/png", .size = 0, .read = mem_read, .ctx = ""},
	};
	report_len = strlen(report);
	central_new(&c);
	ukey_new(&k);
	ukey_new(&old);
	bind(&c, UNIT_A, k.pk);

	for (int armor = 0; armor < 2; armor++) {
		struct pack_request req;
		unsigned char hash[HASH_BYTES], again[HASH_BYTES];
		size_t len;
		struct bundle *b;
		request(&req, &c, &k, UNIT_A, report);
		req.meta.revision = 7;
		req.att = att;
		req.natt = 2;
		/* Every optional part of META, so that each is seen to come back. */
		req.meta.has_enroll = true;
		snprintf(req.meta.enroll_id, sizeof req.meta.enroll_id, "%032x", 0xabc);
		randombytes_buf(req.meta.enroll_secret, ENROLL_SECRET_BYTES);
		key_change(&req, &old);

		unsigned char *data = pack(&req, armor, &len, hash);
		assert_memory_equal(data, "XHHTBDL\001", 8);
		hash_bytes(data, len, again);
		assert_memory_equal(hash, again, HASH_BYTES); /* the hash is of the binary form */
		assert_int_equal(strlen(req.meta.created), 20);
		assert_int_equal(open_as(&c, data, len, &b), BE_OK);
		assert_int_equal(b->report_len, report_len);
		assert_memory_equal(b->report, report, report_len);
		assert_int_equal(b->report[report_len], '\0');
		assert_meta_equal(&b->meta, &req.meta);
		assert_int_equal(b->natt, 2);
		for (size_t i = 0; i < 2; i++) {
			assert_string_equal(b->att[i].name, att[i].name);
			assert_string_equal(b->att[i].type, att[i].type);
			assert_int_equal(b->att[i].size, att[i].size);
			assert_non_null(b->att[i].data);
			assert_memory_equal(b->att[i].data, att[i].ctx, att[i].size);
		}
		assert_memory_equal(b->hash, hash, HASH_BYTES);
		bundle_free(b);
		free(data);
	}
	buf_free(&sample);
	central_done(&c);
}

/* The armored file is the armor of the binary form, in 76-column lines. */
static void
test_armored_file(void **state)
{
	(void)state;
	struct central c;
	struct ukey k;
	struct pack_request req;
	char *report = report_json(UNIT_A, 2024), *path = tmp_path(".xhht");
	unsigned char hash[HASH_BYTES], *bin = NULL;
	size_t len, binlen;
	struct err e = {0};
	central_new(&c);
	ukey_new(&k);
	bind(&c, UNIT_A, k.pk);
	request(&req, &c, &k, UNIT_A, report);
	if (bundle_pack(&req, path, true, hash, &e) != ST_OK)
		fail_msg("bundle_pack: %s", e.msg);
	char *text = test_file(path, &len);
	assert_true(armor_detect(text, len));
	assert_int_equal(armor_decode(text, len, "BUNDLE", &bin, &binlen, &e), ST_OK);
	size_t alen;
	char *again = armor_encode("BUNDLE", bin, binlen, &alen);
	assert_int_equal(alen, len);
	assert_memory_equal(again, text, len);
	expect(&c, bin, binlen, BE_OK, "armored");
	/* The armor handed to bundle_open undecoded is not a bundle. */
	expect(&c, (const unsigned char *)text, len, BE_NOT_BUNDLE, "armor text");
	free(again);
	free(bin);
	free(text);
	unlink(path);
	free(path);
	free(report);
	central_done(&c);
}

static void
test_large_streamed_attachment(void **state)
{
	(void)state;
	struct central c;
	struct ukey k;
	struct pack_request req;
	struct pattern p = {0};
	const uint64_t size = 3u * 1024 * 1024;
	struct bundle_attachment att = {
		.name = "scan.pdf", .type = "application/pdf", .size = size, .read = pattern_read,
		.ctx = &p};
	char *report = report_json(UNIT_A, 2024);
	size_t len;
	struct bundle *b;
	central_new(&c);
	ukey_new(&k);
	bind(&c, UNIT_A, k.pk);
	request(&req, &c, &k, UNIT_A, report);
	req.att = &att;
	req.natt = 1;
	unsigned char *data = pack(&req, false, &len, NULL);
	/* Read in order, whole, and never more than a chunk at a time. */
	assert_int_equal(p.next, size);
	assert_true(p.max_len <= CHUNK);
	assert_true(p.calls >= size / CHUNK);
	assert_true(len > size);
	assert_int_equal(open_as(&c, data, len, &b), BE_OK);
	assert_int_equal(b->natt, 1);
	assert_int_equal(b->att[0].size, size);
	for (uint64_t i = 0; i < size; i++)
		if (b->att[0].data[i] != pattern_byte(i))
			fail_msg("attachment byte %llu differs", (unsigned long long)i);
	bundle_free(b);
	free(data);
	free(report);
	central_done(&c);
}

/* The plaintext (records) length of req with an attachment of size bytes. */
static size_t
plaintext_len(const struct pack_request *req, const struct bundle_attachment *att)
{
	struct bundle_meta m = req->meta;
	struct buf meta;
	size_t n;
	memcpy(m.created, "2024-01-01T00:00:00Z", 21); /* the writer's are the same length */
	buf_init(&meta);
	craft_meta(&meta, &m, req->report_len, att, 1);
	n = 9 + meta.len + 9 + req->report_len + 9 + (size_t)att->size + 9 + SIG_BYTES;
	buf_free(&meta);
	return n;
}

/* Plaintexts of exactly one and two chunks, and one byte either side: the last chunk is the
 * final one even when full, and no empty chunk follows it. */
static void
test_chunk_boundaries(void **state)
{
	(void)state;
	struct central c;
	struct ukey k;
	char *report = report_json(UNIT_A, 2024);
	central_new(&c);
	ukey_new(&k);
	bind(&c, UNIT_A, k.pk);
	for (size_t chunks = 1; chunks <= 2; chunks++)
		for (int d = -1; d <= 1; d++) {
			struct pack_request req;
			struct bundle_attachment att = {.name = "a.png", .type = "image/png"};
			size_t target = chunks * CHUNK + (size_t)(long)d, len;
			struct bundle *b;
			request(&req, &c, &k, UNIT_A, report);
			/* The size's digits are in META: settle the size in a few rounds. */
			att.size = target - 1000;
			for (int round = 0; round < 4; round++)
				att.size += target - plaintext_len(&req, &att);
			assert_int_equal(plaintext_len(&req, &att), target);
			unsigned char *bytes = xmalloc((size_t)att.size + 1);
			for (size_t i = 0; i < att.size; i++)
				bytes[i] = pattern_byte(i);
			att.ctx = bytes;
			att.read = mem_read;
			req.att = &att;
			req.natt = 1;
			unsigned char *data = pack(&req, false, &len, NULL);
			size_t sealed = (target + CHUNK - 1) / CHUNK;
			assert_int_equal(len, CRAFT_HEADER + target + sealed * ABYTES);
			assert_int_equal(open_as(&c, data, len, &b), BE_OK);
			assert_int_equal(b->att[0].size, att.size);
			assert_memory_equal(b->att[0].data, bytes, att.size);
			bundle_free(b);
			if (d == 0) {
				/* Exact multiples: a byte after the final chunk, or the final chunk
				 * cut off at a chunk boundary, are both damage. */
				unsigned char *more = xmalloc(len + 1);
				memcpy(more, data, len);
				more[len] = 0;
				expect(&c, more, len + 1, BE_DAMAGED, "trailing byte after a full final chunk");
				free(more);
				if (chunks == 2)
					expect(&c, data, len - SEALED, BE_DAMAGED, "final chunk missing");
			}
			free(data);
			free(bytes);
		}
	free(report);
	central_done(&c);
}

/* ---- what is refused, and why ---------------------------------------------------------- */

struct fixture {
	struct central c;
	struct ukey k; /* bound to UNIT_A */
	char *report;  /* UNIT_A's for 2024 */
	unsigned char *valid;
	size_t len;
};

static void
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

static void
fixture_done(struct fixture *f)
{
	free(f->valid);
	free(f->report);
	central_done(&f->c);
}

/* META for f's unit and key, as bundle_pack would write it. */
static void
fixture_meta(const struct fixture *f, struct bundle_meta *m)
{
	struct pack_request req;
	request(&req, &f->c, &f->k, UNIT_A, f->report);
	*m = req.meta;
	randombytes_buf(m->id, BUNDLE_ID_BYTES);
	memcpy(m->created, "2024-11-28T09:30:00Z", 21);
}

/* The crafting writer agrees with the reader; otherwise its refusals below would prove nothing. */
static void
test_crafted_valid(void **state)
{
	(void)state;
	struct fixture f;
	struct bundle_meta m;
	struct bundle_attachment att = {
		.name = "a.pdf", .type = "application/pdf", .size = sizeof pdf - 1,
		.data = (unsigned char *)pdf};
	size_t len;
	struct bundle *b;
	fixture_new(&f);
	fixture_meta(&f, &m);
	unsigned char *data = craft_bundle(f.c.box_pk, &m, strlen(f.report), f.report,
					   strlen(f.report), &att, 1, f.k.sk, -1, &len);
	assert_int_equal(open_as(&f.c, data, len, &b), BE_OK);
	assert_meta_equal(&b->meta, &m);
	assert_memory_equal(b->att[0].data, pdf, sizeof pdf - 1);
	bundle_free(b);
	free(data);
	fixture_done(&f);
}

/* Bundles that decrypt and carry a good signature over what they hold, but do not follow the
 * format inside: every one is damage, and none reaches the signature check's verdict. */
static void
test_malformed_inside(void **state)
{
	(void)state;
	static const char *const meta_edits[][2] = {
		{"{\"format\":1,", "{\"format\":2,"},
		{"{\"format\":1,", "{\"format\":1,\"extra\":1,"},
		{"{\"format\":1,", "{\"format\":1,\"format\":1,"},
		{"{\"format\":1,", "{"},
		{"\"revision\":1", "\"revision\":0"},
		{"\"revision\":1", "\"revision\":\"1\""},
		{"\"revision\":1", "\"revision\":1.0"},
		{"\"year\":2024", "\"year\":1999"},
		{"\"unit\":\"" UNIT_A "\"", "\"unit\":\"\""},
		{"\"template_version\":1", "\"template_version\":0"},
		{"\"created\":\"2024-11-28T09:30:00Z\"", "\"created\":\"2024-11-28\""},
		{"\"created\":\"2024-11-28T09:30:00Z\"", "\"created\":\"2024-11-28 09:30:00Z\""},
		{"\"id\":\"abab", "\"id\":\"ABAB"},
		{"\"id\":\"abab", "\"id\":\"ab"},
		{"\"signer\":\"", "\"signer\":\"AAAA"},
		{"\"attachments\":[]", "\"attachments\":{}"},
		{"\"attachments\":[]", "\"attachments\":[{\"name\":\"a/b.pdf\",\"type\":"
				       "\"application/pdf\",\"size\":0}]"},
		{"\"attachments\":[]", "\"attachments\":[{\"name\":\"a.txt\",\"type\":"
				       "\"text/plain\",\"size\":0}]"},
		{"\"attachments\":[]", "\"attachments\":[{\"name\":\"a.pdf\",\"type\":"
				       "\"application/pdf\",\"size\":0,\"x\":1}]"},
		{"\"attachments\":[]", "\"attachments\":[],\"enrollment\":{\"id\":\"ab\","
				       "\"secret\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"}"},
		{"\"attachments\":[]", "\"attachments\":[],\"enrollment\":{\"id\":"
				       "\"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\",\"secret\":"
				       "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"}"},
		{"\"attachments\":[]", "\"attachments\":[],\"key_change\":{}"},
		{"}", "}}"},
		{"\"unit\":\"", "\"unit\":\"\xff"},
		{"\"unit\":\"", "\"unit\":\"\\u0000"},
	};
	struct fixture f;
	struct bundle_meta m;
	size_t rlen, len;
	fixture_new(&f);
	fixture_meta(&f, &m);
	memset(m.id, 0xab, BUNDLE_ID_BYTES);
	rlen = strlen(f.report);

	for (size_t i = 0; i < ARRAY_LEN(meta_edits); i++) {
		struct craft cr;
		struct buf meta;
		craft_begin(&cr, f.c.box_pk);
		buf_init(&meta);
		craft_meta(&meta, &m, rlen, NULL, 0);
		buf_replace(&meta, meta_edits[i][0], meta_edits[i][1]);
		craft_record(&cr, CR_META, meta.data, meta.len);
		buf_free(&meta);
		craft_record(&cr, CR_REPORT, f.report, rlen);
		craft_sign(&cr, f.k.sk, -1);
		unsigned char *data = craft_seal(&cr, &len);
		expect(&f.c, data, len, BE_DAMAGED, meta_edits[i][1]);
		free(data);
	}

	/* The records themselves. */
	enum {
		NUL_IN_META,
		BYTE_AFTER_SIGNATURE,
		RECORD_AFTER_SIGNATURE,
		NO_SIGNATURE,
		SHORT_SIGNATURE,
		REPORT_FIRST,
		META_TWICE,
		UNKNOWN_RECORD,
		UNDECLARED_ATTACHMENT,
		MISSING_ATTACHMENT,
		REPORT_SHORTER,
		ATTACHMENT_SHORTER,
		LENGTH_PAST_END,
		LENGTH_HUGE,
		NCASES
	};
	struct bundle_attachment att = {
		.name = "a.pdf", .type = "application/pdf", .size = 4, .data = (unsigned char *)"%PDF"};
	for (int k = 0; k < NCASES; k++) {
		struct craft cr;
		struct buf meta;
		unsigned char sig[SIG_BYTES];
		bool declare = k == MISSING_ATTACHMENT || k == ATTACHMENT_SHORTER;
		craft_begin(&cr, f.c.box_pk);
		buf_init(&meta);
		craft_meta(&meta, &m, k == REPORT_SHORTER ? rlen + 1 : rlen, &att, declare);
		if (k == NUL_IN_META)
			buf_addc(&meta, '\0');
		if (k == REPORT_FIRST)
			craft_record(&cr, CR_REPORT, f.report, rlen);
		craft_record(&cr, CR_META, meta.data, meta.len);
		if (k == META_TWICE)
			craft_record(&cr, CR_META, meta.data, meta.len);
		buf_free(&meta);
		if (k != REPORT_FIRST)
			craft_record(&cr, CR_REPORT, f.report, rlen);
		if (k == UNKNOWN_RECORD)
			craft_record(&cr, (enum craft_record)5, "x", 1);
		if (k == UNDECLARED_ATTACHMENT)
			craft_record(&cr, CR_ATTACHMENT, att.data, 4);
		if (k == ATTACHMENT_SHORTER)
			craft_record(&cr, CR_ATTACHMENT, att.data, 3);
		if (k == LENGTH_PAST_END || k == LENGTH_HUGE) {
			/* An attachment record whose length runs past the plaintext. */
			unsigned char head[9] = {CR_ATTACHMENT};
			uint64_t n = k == LENGTH_HUGE ? UINT64_MAX : 9 + SIG_BYTES + 1;
			for (int i = 0; i < 8; i++)
				head[1 + i] = (unsigned char)(n >> (8 * i));
			buf_add(&cr.pt, head, sizeof head);
		}
		craft_signature(&cr, f.k.sk, sig);
		if (k == SHORT_SIGNATURE)
			craft_record(&cr, CR_SIGNATURE, sig, SIG_BYTES - 1);
		else if (k != NO_SIGNATURE)
			craft_record(&cr, CR_SIGNATURE, sig, SIG_BYTES);
		if (k == BYTE_AFTER_SIGNATURE)
			buf_addc(&cr.pt, '\0');
		if (k == RECORD_AFTER_SIGNATURE)
			craft_record(&cr, CR_ATTACHMENT, att.data, 4);
		unsigned char *data = craft_seal(&cr, &len);
		char what[32];
		snprintf(what, sizeof what, "record case %d", k);
		expect(&f.c, data, len, BE_DAMAGED, what);
		free(data);
	}
	fixture_done(&f);
}

/* The same plaintext with an empty final chunk after a full one: a second encoding. */
static void
test_empty_final_chunk(void **state)
{
	(void)state;
	struct fixture f;
	struct bundle_meta m;
	struct pack_request req;
	struct bundle_attachment att = {.name = "a.png", .type = "image/png"};
	size_t rlen, len;
	fixture_new(&f);
	fixture_meta(&f, &m);
	rlen = strlen(f.report);
	request(&req, &f.c, &f.k, UNIT_A, f.report);
	att.size = CHUNK - 1000;
	for (int round = 0; round < 4; round++)
		att.size += CHUNK - plaintext_len(&req, &att);
	unsigned char *bytes = xcalloc((size_t)att.size, 1);
	att.data = bytes;
	for (int empty = 0; empty <= 1; empty++) {
		struct craft cr;
		struct buf meta;
		craft_begin(&cr, f.c.box_pk);
		buf_init(&meta);
		craft_meta(&meta, &m, rlen, &att, 1);
		craft_record(&cr, CR_META, meta.data, meta.len);
		buf_free(&meta);
		craft_record(&cr, CR_REPORT, f.report, rlen);
		craft_record(&cr, CR_ATTACHMENT, bytes, (size_t)att.size);
		craft_sign(&cr, f.k.sk, -1);
		assert_int_equal(cr.pt.len, CHUNK);
		unsigned char *data = craft_seal_as(&cr, empty, &len);
		expect(&f.c, data, len, empty ? BE_DAMAGED : BE_OK,
		       empty ? "an empty final chunk" : "one full final chunk");
		free(data);
	}
	free(bytes);
	fixture_done(&f);
}

/* Two attachments of one name would overwrite each other when saved. */
static void
test_duplicate_names(void **state)
{
	(void)state;
	struct fixture f;
	struct pack_request req;
	struct bundle_meta m;
	struct err e = {0};
	unsigned char hash[HASH_BYTES];
	size_t len;
	char *path = tmp_path(".xhht");
	struct bundle_attachment att[2] = {
		{.name = "a.pdf", .type = "application/pdf", .size = 4, .read = mem_read,
		 .ctx = "%PDF", .data = (unsigned char *)"%PDF"},
		{.name = "a.pdf", .type = "image/png", .size = 4, .read = mem_read, .ctx = "\x89PNG",
		 .data = (unsigned char *)"\x89PNG"},
	};
	fixture_new(&f);
	request(&req, &f.c, &f.k, UNIT_A, f.report);
	req.att = att;
	req.natt = 2;
	assert_int_equal(bundle_pack(&req, path, false, hash, &e), ST_REFUSED);
	assert_int_not_equal(access(path, F_OK), 0);
	fixture_meta(&f, &m);
	unsigned char *data = craft_bundle(f.c.box_pk, &m, strlen(f.report), f.report,
					   strlen(f.report), att, 2, f.k.sk, -1, &len);
	expect(&f.c, data, len, BE_DAMAGED, "two attachments of one name");
	free(data);
	att[1].name = "b.png";
	data = craft_bundle(f.c.box_pk, &m, strlen(f.report), f.report, strlen(f.report), att, 2,
			    f.k.sk, -1, &len);
	expect(&f.c, data, len, BE_OK, "two names");
	free(data);
	free(path);
	fixture_done(&f);
}

/* Names a unit chose reach the central's terminal and file system: an attachment name with a
 * control, a bidi mark, a leading '-' or space, or only dots, and a unit code outside the
 * alphabet, are damage (7.5), refused before anything is shown; packing refuses such names. */
static void
test_hostile_names(void **state)
{
	(void)state;
	static const char *const bad_names[] = {
		"scan\x1b[31m.pdf",	      /* ESC */
		"scan\x7f.pdf",	      /* DEL */
		"scan\xc2\x9b.pdf",	      /* C1 CSI */
		"evil\xe2\x80\xae" "fdp.pdf", /* U+202E right-to-left override */
		"a\xe2\x81\xa6" "b.pdf",      /* U+2066 left-to-right isolate */
		"a\xe2\x80\x8f" "b.pdf",      /* U+200F right-to-left mark */
		"a\xd8\x9c" "b.pdf",	      /* U+061C Arabic letter mark */
		"-rf.pdf",
		" scan.pdf",
		".",
		"..",
		"...",
		"a\\b.pdf",
	};
	static const char *const bad_codes[] = {
		"-BV", ".BV", "_BV", "...", "B V", "BV/1", "B\xc3\x80", "BV\x1b", "A23456789012345678901234567890123",
	};
	struct fixture f;
	struct bundle_meta m;
	struct pack_request req;
	struct err e = {0};
	unsigned char hash[HASH_BYTES];
	size_t len;
	char *path = tmp_path(".xhht");
	struct bundle_attachment att = {.type = "application/pdf", .size = 4, .read = mem_read,
					.ctx = "%PDF", .data = (unsigned char *)"%PDF"};
	fixture_new(&f);
	fixture_meta(&f, &m);
	for (size_t i = 0; i < ARRAY_LEN(bad_names); i++) {
		att.name = (char *)bad_names[i];
		unsigned char *data = craft_bundle(f.c.box_pk, &m, strlen(f.report), f.report,
						   strlen(f.report), &att, 1, f.k.sk, -1, &len);
		expect(&f.c, data, len, BE_DAMAGED, bad_names[i]);
		free(data);
		request(&req, &f.c, &f.k, UNIT_A, f.report);
		req.att = &att;
		req.natt = 1;
		if (bundle_pack(&req, path, false, hash, &e) != ST_REFUSED)
			fail_msg("packed an attachment named \"%s\"", bad_names[i]);
		assert_int_not_equal(access(path, F_OK), 0);
	}
	/* Names a clerk really has stay acceptable: letters with diacritics, inner spaces and
	 * dots, a leading dot. */
	static const char *const good_names[] = {"Quyết định khen thưởng 2024.pdf", ".scan.pdf",
						 "a-b_c.d.pdf"};
	for (size_t i = 0; i < ARRAY_LEN(good_names); i++) {
		att.name = (char *)good_names[i];
		unsigned char *data = craft_bundle(f.c.box_pk, &m, strlen(f.report), f.report,
						   strlen(f.report), &att, 1, f.k.sk, -1, &len);
		expect(&f.c, data, len, BE_OK, good_names[i]);
		free(data);
	}
	for (size_t i = 0; i < ARRAY_LEN(bad_codes); i++) {
		struct bundle_meta bm = m;
		snprintf(bm.unit, sizeof bm.unit, "%s", bad_codes[i]);
		unsigned char *data = craft_bundle(f.c.box_pk, &bm, strlen(f.report), f.report,
						   strlen(f.report), NULL, 0, f.k.sk, -1, &len);
		expect(&f.c, data, len, BE_DAMAGED, bad_codes[i]);
		free(data);
	}
	/* An enrollment file naming a code outside the alphabet is refused by the unit, though
	 * its signature is good: the code goes into the unit's file names and output. */
	for (size_t i = 0; i < ARRAY_LEN(bad_codes) + 1; i++) {
		struct enrollment en = {.unit_name = "Đơn vị", .created = "2024-11-28T09:30:00Z"},
				  *got = NULL;
		unsigned char *doc;
		snprintf(en.unit_code, sizeof en.unit_code, "%s", i < ARRAY_LEN(bad_codes) ? bad_codes[i] : UNIT_A);
		memcpy(en.central_sign, f.c.sign_pk, SIGN_PK_BYTES);
		memcpy(en.central_box, f.c.box_pk, BOX_PK_BYTES);
		snprintf(en.id, sizeof en.id, "%032x", 0x1234);
		enrollment_make(&en, f.c.sk->bytes, &doc, &len);
		enum status st = enrollment_read(doc, len, &got, &e);
		if (i < ARRAY_LEN(bad_codes) ? st != ST_REFUSED : st != ST_OK)
			fail_msg("enrollment for \"%s\": status %d", en.unit_code, (int)st);
		enrollment_free(got);
		free(doc);
	}
	free(path);
	fixture_done(&f);
}

/* bundle_open_seen hands out the header once it is authentic, and only then. */
static void
test_open_seen(void **state)
{
	(void)state;
	struct fixture f;
	struct pack_request req;
	struct bundle_meta seen, untouched;
	struct bundle *b;
	struct err e = {0};
	size_t len;
	fixture_new(&f);
	memset(&untouched, 0xa5, sizeof untouched);

	request(&req, &f.c, &f.k, UNIT_A, f.report);
	snprintf(req.meta.template_id, sizeof req.meta.template_id, "khac");
	req.meta.revision = 1;
	unsigned char *data = pack(&req, false, &len, NULL);
	seen = untouched;
	assert_int_equal(refusal(bundle_open_seen(data, len, f.c.box_pk, BOX_SK(&f.c),
						  central_trust, f.c.db, f.c.db, &b, &seen, &e),
				 &e),
			 BE_TEMPLATE);
	assert_null(b);
	assert_meta_equal(&seen, &req.meta);

	/* Damaged, or a bad signature: nothing in it is authentic, nothing is handed out. */
	data[len - 1] ^= 1;
	seen = untouched;
	assert_int_equal(refusal(bundle_open_seen(data, len, f.c.box_pk, BOX_SK(&f.c),
						  central_trust, f.c.db, f.c.db, &b, &seen, &e),
				 &e),
			 BE_DAMAGED);
	assert_memory_equal(&seen, &untouched, sizeof seen);
	free(data);
	struct bundle_meta m;
	fixture_meta(&f, &m);
	data = craft_bundle(f.c.box_pk, &m, strlen(f.report), f.report, strlen(f.report), NULL, 0,
			    f.k.sk, 9, &len);
	assert_int_equal(refusal(bundle_open_seen(data, len, f.c.box_pk, BOX_SK(&f.c),
						  central_trust, f.c.db, f.c.db, &b, &seen, &e),
				 &e),
			 BE_BAD_SIGNATURE);
	assert_memory_equal(&seen, &untouched, sizeof seen);
	free(data);
	/* An outsider's bundle (a good signature by a key the central does not trust) is
	 * anonymous: nothing it claims is handed out, even with a template it lacks. */
	struct ukey outsider;
	ukey_new(&outsider);
	request(&req, &f.c, &outsider, UNIT_A, f.report);
	snprintf(req.meta.template_id, sizeof req.meta.template_id, "khac");
	data = pack(&req, false, &len, NULL);
	seen = untouched;
	assert_int_equal(refusal(bundle_open_seen(data, len, f.c.box_pk, BOX_SK(&f.c),
						  central_trust, f.c.db, f.c.db, &b, &seen, &e),
				 &e),
			 BE_UNKNOWN_SIGNER);
	assert_memory_equal(&seen, &untouched, sizeof seen);
	free(data);
	/* The same as bundle_open when accepted. */
	assert_int_equal(refusal(bundle_open_seen(f.valid, f.len, f.c.box_pk, BOX_SK(&f.c),
						  central_trust, f.c.db, f.c.db, &b, NULL, &e),
				 &e),
			 BE_OK);
	bundle_free(b);
	fixture_done(&f);
}

static void
test_not_a_bundle(void **state)
{
	(void)state;
	struct fixture f;
	unsigned char noise[1000];
	size_t len;
	unsigned char *doc;
	fixture_new(&f);
	expect(&f.c, (const unsigned char *)"", 0, BE_NOT_BUNDLE, "empty");
	for (size_t n = 1; n <= sizeof noise; n = n * 3 + 1) {
		randombytes_buf(noise, n);
		noise[0] = 'x'; /* not 'X': never the magic by chance */
		expect(&f.c, noise, n, BE_NOT_BUNDLE, "random bytes");
	}
	expect(&f.c, (const unsigned char *)"XHHTBDL", 7, BE_NOT_BUNDLE, "magic alone");
	expect(&f.c, (const unsigned char *)"XHHTBD", 6, BE_NOT_BUNDLE, "short magic");
	expect(&f.c, (const unsigned char *)pdf, sizeof pdf - 1, BE_NOT_BUNDLE, "a PDF");
	memcpy(noise, f.valid, 100);
	noise[0] = 'x';
	expect(&f.c, noise, 100, BE_NOT_BUNDLE, "magic altered");
	/* The central's other documents are not bundles either. */
	struct receipt r = {.unit = UNIT_A, .year = 2024, .revision = 1, .time = "2024-11-28T09:30:00Z"};
	receipt_make(&r, f.c.sk->bytes, &doc, &len);
	expect(&f.c, doc, len, BE_NOT_BUNDLE, "a receipt");
	free(doc);
	fixture_done(&f);
}

static void
test_format_versions(void **state)
{
	(void)state;
	struct fixture f;
	struct bundle_meta m;
	struct craft cr;
	struct buf meta;
	size_t len;
	fixture_new(&f);
	unsigned char *data = xmalloc(f.len);
	memcpy(data, f.valid, f.len);
	data[7] = 2;
	expect(&f.c, data, f.len, BE_FORMAT_TOO_NEW, "version 2");
	expect(&f.c, data, 8, BE_FORMAT_TOO_NEW, "version 2, header cut short");
	data[7] = 255;
	expect(&f.c, data, f.len, BE_FORMAT_TOO_NEW, "version 255");
	data[7] = 0;
	expect(&f.c, data, f.len, BE_FORMAT_OLD, "version 0");
	expect(&f.c, data, 8, BE_FORMAT_OLD, "version 0, header cut short");
	free(data);

	/* A version-2 bundle whose encryption and signature are whole is still too new. */
	fixture_meta(&f, &m);
	craft_begin(&cr, f.c.box_pk);
	cr.header[7] = 2;
	buf_init(&meta);
	craft_meta(&meta, &m, strlen(f.report), NULL, 0);
	craft_record(&cr, CR_META, meta.data, meta.len);
	buf_free(&meta);
	craft_record(&cr, CR_REPORT, f.report, strlen(f.report));
	craft_sign(&cr, f.k.sk, -1);
	data = craft_seal(&cr, &len);
	expect(&f.c, data, len, BE_FORMAT_TOO_NEW, "crafted version 2");
	free(data);
	fixture_done(&f);
}

static void
test_too_large(void **state)
{
	(void)state;
	struct fixture f;
	struct bundle_meta m;
	size_t len;
	unsigned char *data;
	fixture_new(&f);

	/* A file over the limit is refused by its length, before anything past the header is
	 * read: reserved (never touched) memory stands for the 80 MB. */
	size_t big = (size_t)BUNDLE_MAX_BYTES + 1;
	unsigned char *map =
		mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (map == MAP_FAILED) {
		fixture_done(&f);
		skip();
	}
	memcpy(map, f.valid, CRAFT_HEADER);
	assert_int_equal(open_in_place(&f.c, map, big), BE_TOO_LARGE);
	/* The format version is decided first: a newer program may allow more. */
	map[7] = 2;
	assert_int_equal(open_in_place(&f.c, map, big), BE_FORMAT_TOO_NEW);
	/* Exactly the limit is not too large (another recipient, so nothing is decrypted). */
	map[7] = 1;
	map[8] ^= 1;
	assert_int_equal(open_in_place(&f.c, map, big - 1), BE_NOT_FOR_US);
	munmap(map, big);

	/* Sizes declared in META over the limits, in bundles that decrypt and are signed. */
	static char *const names[] = {"a0.pdf", "a1.pdf", "a2.pdf", "a3.pdf", "a4.pdf", "a5.pdf",
				      "a6.pdf", "a7.pdf", "a8.pdf", "a9.pdf", "a10.pdf"};
	struct bundle_attachment att[BUNDLE_MAX_ATTACHMENTS + 1];
	for (size_t i = 0; i < ARRAY_LEN(att); i++)
		att[i] = (struct bundle_attachment){.name = names[i],
						    .type = "application/pdf",
						    .size = 1,
						    .data = (unsigned char *)"x"};
	fixture_meta(&f, &m);
	data = craft_bundle(f.c.box_pk, &m, BUNDLE_MAX_REPORT + 1, f.report, strlen(f.report), NULL,
			    0, f.k.sk, -1, &len);
	expect(&f.c, data, len, BE_TOO_LARGE, "report size over the limit");
	free(data);
	data = craft_bundle(f.c.box_pk, &m, strlen(f.report), f.report, strlen(f.report), att,
			    ARRAY_LEN(att), f.k.sk, -1, &len);
	expect(&f.c, data, len, BE_TOO_LARGE, "too many attachments");
	free(data);
	/* Declared over the limit, but only 1 byte is there. */
	att[0].size = BUNDLE_MAX_ATTACHMENT + 1;
	struct craft cr;
	struct buf meta;
	craft_begin(&cr, f.c.box_pk);
	buf_init(&meta);
	craft_meta(&meta, &m, strlen(f.report), att, 1);
	craft_record(&cr, CR_META, meta.data, meta.len);
	buf_free(&meta);
	craft_record(&cr, CR_REPORT, f.report, strlen(f.report));
	craft_record(&cr, CR_ATTACHMENT, "x", 1);
	craft_sign(&cr, f.k.sk, -1);
	data = craft_seal(&cr, &len);
	expect(&f.c, data, len, BE_TOO_LARGE, "attachment size over the limit");
	free(data);
	fixture_done(&f);
}

static void
test_not_for_us(void **state)
{
	(void)state;
	struct fixture f;
	struct central other;
	struct pack_request req;
	struct bundle_meta m;
	size_t len;
	fixture_new(&f);
	central_new(&other);

	/* Packed for another central. */
	request(&req, &other, &f.k, UNIT_A, f.report);
	unsigned char *data = pack(&req, false, &len, NULL);
	expect(&f.c, data, len, BE_NOT_FOR_US, "another central's key");
	expect(&other, data, len, BE_UNKNOWN_SIGNER, "the other central (key not bound there)");
	free(data);

	/* The header names another key. */
	data = xmalloc(f.len);
	memcpy(data, f.valid, f.len);
	craft_key_id(other.box_pk, data + 8);
	expect(&f.c, data, f.len, BE_NOT_FOR_US, "key id of another central");
	free(data);

	/* Encrypted for us, but signed for another central (re-encrypted by someone): the
	 * signed recipient decides. */
	fixture_meta(&f, &m);
	memcpy(m.recipient, other.box_pk, BOX_PK_BYTES);
	data = craft_bundle(f.c.box_pk, &m, strlen(f.report), f.report, strlen(f.report), NULL, 0,
			    f.k.sk, -1, &len);
	expect(&f.c, data, len, BE_NOT_FOR_US, "signed for another central");
	free(data);
	central_done(&other);
	fixture_done(&f);
}

/* Every length short of the whole is refused, and nothing is returned. */
static void
test_truncation(void **state)
{
	(void)state;
	struct fixture f;
	fixture_new(&f);
	for (size_t n = 0; n < f.len; n++) {
		char what[64];
		snprintf(what, sizeof what, "truncated to %zu of %zu bytes", n, f.len);
		expect(&f.c, f.valid, n, n < 8 ? BE_NOT_BUNDLE : BE_DAMAGED, what);
	}
	fixture_done(&f);
}

/* A bundle of a few chunks with its chunks moved, dropped, repeated, or more bytes after it. */
static void
test_chunk_surgery(void **state)
{
	(void)state;
	struct fixture f;
	struct pack_request req;
	struct pattern p = {0};
	struct bundle_attachment att = {
		.name = "a.jpg", .type = "image/jpeg", .size = 3 * CHUNK + 1000, .read = pattern_read,
		.ctx = &p};
	size_t len;
	fixture_new(&f);
	request(&req, &f.c, &f.k, UNIT_A, f.report);
	req.att = &att;
	req.natt = 1;
	unsigned char *data = pack(&req, false, &len, NULL);
	size_t nchunks = (len - CRAFT_HEADER + SEALED - 1) / SEALED;
	assert_int_equal(nchunks, 4);
	unsigned char *work = xmalloc(len + SEALED);
	unsigned char *chunk[4];
	for (size_t i = 0; i < 4; i++)
		chunk[i] = data + CRAFT_HEADER + i * SEALED;
	size_t last = len - CRAFT_HEADER - 3 * SEALED;

	static const struct {
		const char *what;
		int order[5]; /* chunks in their new order, -1 ends */
	} cases[] = {
		{"chunks 1 and 2 swapped", {0, 2, 1, 3, -1}},
		{"chunks 0 and 1 swapped", {1, 0, 2, 3, -1}},
		{"final chunk moved before the one it follows", {0, 1, 3, 2, -1}},
		{"chunk 1 dropped", {0, 2, 3, -1}},
		{"chunk 1 twice", {0, 1, 1, 2, 3}},
		{"final chunk dropped", {0, 1, 2, -1}},
		{"first chunk only", {0, -1}},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		size_t n = CRAFT_HEADER;
		memcpy(work, data, CRAFT_HEADER);
		for (int j = 0; j < 5 && cases[i].order[j] >= 0; j++) {
			int c = cases[i].order[j];
			size_t sz = c == 3 ? last : SEALED;
			memcpy(work + n, chunk[c], sz);
			n += sz;
		}
		expect(&f.c, work, n, BE_DAMAGED, cases[i].what);
	}
	/* Trailing bytes: one, a tag's worth, a whole copy of the final chunk. */
	static const size_t extra[] = {1, ABYTES, 0};
	for (size_t i = 0; i < ARRAY_LEN(extra); i++) {
		size_t more = extra[i] ? extra[i] : last;
		memcpy(work, data, len);
		if (extra[i])
			memset(work + len, 0, more);
		else
			memcpy(work + len, chunk[3], last);
		expect(&f.c, work, len + more, BE_DAMAGED, "trailing bytes");
	}
	/* Cut at and around the chunk boundaries. */
	for (size_t i = 0; i < 4; i++)
		for (int d = -1; d <= 1; d++) {
			size_t n = CRAFT_HEADER + i * SEALED + (size_t)(long)d;
			expect(&f.c, data, n, BE_DAMAGED, "cut near a chunk boundary");
		}
	expect(&f.c, data, len, BE_OK, "the bundle itself");
	free(work);
	free(data);
	fixture_done(&f);
}

static void
test_bad_signature(void **state)
{
	(void)state;
	struct fixture f;
	struct bundle_meta m;
	struct ukey k2;
	struct pack_request req;
	size_t len;
	unsigned char *data;
	fixture_new(&f);
	fixture_meta(&f, &m);
	ukey_new(&k2);

	static const int bits[] = {0, 7, 100, 255, 256, 500, 511};
	for (size_t i = 0; i < ARRAY_LEN(bits); i++) {
		data = craft_bundle(f.c.box_pk, &m, strlen(f.report), f.report, strlen(f.report), NULL,
				    0, f.k.sk, bits[i], &len);
		expect(&f.c, data, len, BE_BAD_SIGNATURE, "signature bit flipped");
		free(data);
	}
	/* Signed by a key other than the one META names, known or not. */
	data = craft_bundle(f.c.box_pk, &m, strlen(f.report), f.report, strlen(f.report), NULL, 0,
			    k2.sk, -1, &len);
	expect(&f.c, data, len, BE_BAD_SIGNATURE, "signed by another key");
	free(data);
	bind(&f.c, UNIT_B, k2.pk);
	memcpy(m.signer, k2.pk, SIGN_PK_BYTES);
	data = craft_bundle(f.c.box_pk, &m, strlen(f.report), f.report, strlen(f.report), NULL, 0,
			    f.k.sk, -1, &len);
	expect(&f.c, data, len, BE_BAD_SIGNATURE, "META names a bound key that did not sign");
	free(data);

	/* A key change whose signature is not the old key's. */
	request(&req, &f.c, &f.k, UNIT_A, f.report);
	key_change(&req, &k2);
	req.meta.key_change_sig[3] ^= 0x10;
	data = pack(&req, false, &len, NULL);
	expect(&f.c, data, len, BE_BAD_SIGNATURE, "key change signature altered");
	free(data);
	fixture_done(&f);
}

static void
test_trust(void **state)
{
	(void)state;
	struct fixture f;
	struct ukey k2, k3, stranger;
	struct pack_request req;
	size_t len;
	unsigned char *data;
	char *report_b = report_json(UNIT_B, 2024);
	fixture_new(&f);
	ukey_new(&k2);
	ukey_new(&k3);
	ukey_new(&stranger);

	request(&req, &f.c, &stranger, UNIT_A, f.report);
	data = pack(&req, false, &len, NULL);
	expect(&f.c, data, len, BE_UNKNOWN_SIGNER, "a key never bound");
	free(data);

	/* Unit A's bound key signing a bundle that says it is unit B's. */
	request(&req, &f.c, &f.k, UNIT_B, report_b);
	data = pack(&req, false, &len, NULL);
	expect(&f.c, data, len, BE_WRONG_UNIT, "another unit's key");
	free(data);

	/* A new key replaces the bound one; the replaced key is refused from then on. */
	bind(&f.c, UNIT_A, k2.pk);
	expect(&f.c, f.valid, f.len, BE_REVOKED, "a replaced key");
	request(&req, &f.c, &k2, UNIT_A, f.report);
	size_t k2_len;
	unsigned char *by_k2 = pack(&req, false, &k2_len, NULL);
	expect(&f.c, by_k2, k2_len, BE_OK, "the replacing key");

	/* A key change announced by the bound key is trusted before it is bound. */
	request(&req, &f.c, &k3, UNIT_A, f.report);
	key_change(&req, &k2);
	data = pack(&req, false, &len, NULL);
	size_t kc_len = len;
	expect(&f.c, data, len, BE_OK, "key change from the bound key");
	/* Announced by unit B's key for unit A. */
	bind(&f.c, UNIT_B, stranger.pk);
	request(&req, &f.c, &k3, UNIT_A, f.report);
	key_change(&req, &stranger);
	unsigned char *kc_b = pack(&req, false, &len, NULL);
	expect(&f.c, kc_b, len, BE_WRONG_UNIT, "key change from another unit's key");
	free(kc_b);

	/* Revoked: every bound key of the unit, and key changes they announced. */
	revoke_unit(&f.c, UNIT_A, 1);
	expect(&f.c, by_k2, k2_len, BE_REVOKED, "a revoked key");
	expect(&f.c, data, kc_len, BE_REVOKED, "key change from a revoked key");
	revoke_unit(&f.c, UNIT_A, 0);
	free(data);
	free(by_k2);
	free(report_b);
	fixture_done(&f);
}

/* Enrollment files made by the central prove a unit's first key, once. */
static void
test_enrollment_trust(void **state)
{
	(void)state;
	struct central c;
	struct ukey k1, k2, k3;
	struct enrollment *en = NULL, *en2 = NULL;
	struct pack_request req;
	struct err e = {0};
	unsigned char *doc, *data;
	size_t len, doclen;
	bool bound_new;
	char *report = report_json(UNIT_A, 2024), *report_b = report_json(UNIT_B, 2024);
	struct bundle *b;
	central_new(&c);
	ukey_new(&k1);
	ukey_new(&k2);
	ukey_new(&k3);

	char ecode[ENROLL_CODE_SHOWN + 1];
	if (central_enroll(c.db, c.sk, UNIT_A, &doc, &doclen, ecode, NULL, NULL, &e) != ST_OK)
		fail_msg("central_enroll: %s", e.msg);
	if (enrollment_read(doc, doclen, &en, &e) != ST_OK)
		fail_msg("enrollment_read: %s", e.msg);
	/* The file's secret alone proves nothing: the code turns it into the one bundles prove. */
	unsigned char file_secret[ENROLL_SECRET_BYTES];
	memcpy(file_secret, en->secret, sizeof file_secret);
	if (enrollment_use_code(en, ecode, &e) != ST_OK)
		fail_msg("enrollment_use_code: %s", e.msg);
	assert_memory_not_equal(file_secret, en->secret, sizeof file_secret);
	/* The central keeps a hash keyed by its own secret key: a copy of its database and an
	 * intercepted file are not enough to try codes offline. */
	{
		unsigned char plain[HASH_BYTES], key[ENROLL_HASH_KEY_BYTES], keyed[HASH_BYTES];
		static const char what[] = "xhht enrollment hash key v1";
		sqlite3_stmt *q;
		hash_bytes(en->secret, ENROLL_SECRET_BYTES, plain);
		crypto_generichash(key, sizeof key, (const unsigned char *)what, sizeof what - 1,
				   BOX_SK(&c), BOX_SK_BYTES);
		crypto_generichash(keyed, sizeof keyed, en->secret, ENROLL_SECRET_BYTES, key,
				   sizeof key);
		assert_int_equal(sqlite3_prepare_v2(c.db, "SELECT secret_hash FROM enrollment WHERE id = ?1",
						    -1, &q, NULL),
				 SQLITE_OK);
		sqlite3_bind_text(q, 1, en->id, -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(q), SQLITE_ROW);
		assert_int_equal(sqlite3_column_bytes(q, 0), HASH_BYTES);
		assert_memory_not_equal(sqlite3_column_blob(q, 0), plain, HASH_BYTES);
		assert_memory_equal(sqlite3_column_blob(q, 0), keyed, HASH_BYTES);
		sqlite3_finalize(q);
	}
	free(doc);
	assert_string_equal(en->unit_code, UNIT_A);
	assert_memory_equal(en->central_sign, c.sign_pk, SIGN_PK_BYTES);
	assert_memory_equal(en->central_box, c.box_pk, BOX_PK_BYTES);
	assert_int_equal(en->ntemplates, 1);

	request(&req, &c, &k1, UNIT_A, report);
	req.meta.has_enroll = true;
	memcpy(req.meta.enroll_id, en->id, sizeof en->id);
	memcpy(req.meta.enroll_secret, en->secret, ENROLL_SECRET_BYTES);
	data = pack(&req, false, &len, NULL);
	assert_int_equal(open_as(&c, data, len, &b), BE_OK);
	/* The secret claimed for unit B. */
	struct pack_request rb;
	request(&rb, &c, &k2, UNIT_B, report_b);
	rb.meta.has_enroll = true;
	memcpy(rb.meta.enroll_id, en->id, sizeof en->id);
	memcpy(rb.meta.enroll_secret, en->secret, ENROLL_SECRET_BYTES);
	unsigned char *for_b = pack(&rb, false, &len, NULL);
	expect(&c, for_b, len, BE_WRONG_UNIT, "unit A's enrollment claimed for unit B");
	free(for_b);
	/* A wrong secret for the right enrollment. */
	req.meta.enroll_secret[0] ^= 1;
	unsigned char *wrong = pack(&req, false, &len, NULL);
	expect(&c, wrong, len, BE_UNKNOWN_SIGNER, "wrong enrollment secret");
	free(wrong);
	req.meta.enroll_secret[0] ^= 1;
	/* The file's secret without the code proves nothing (an intercepted file). */
	struct pack_request rf;
	request(&rf, &c, &k2, UNIT_A, report);
	rf.meta.has_enroll = true;
	memcpy(rf.meta.enroll_id, en->id, sizeof en->id);
	memcpy(rf.meta.enroll_secret, file_secret, ENROLL_SECRET_BYTES);
	unsigned char *no_code = pack(&rf, false, &len, NULL);
	expect(&c, no_code, len, BE_UNKNOWN_SIGNER, "the file's secret without the code");
	free(no_code);

	if (central_bind(c.db, &b->meta, &bound_new, &e) != ST_OK)
		fail_msg("central_bind: %s", e.msg);
	assert_true(bound_new);
	bundle_free(b);
	free(data);

	/* The secret is used up: another new key cannot prove it again. */
	request(&req, &c, &k2, UNIT_A, report);
	req.meta.has_enroll = true;
	memcpy(req.meta.enroll_id, en->id, sizeof en->id);
	memcpy(req.meta.enroll_secret, en->secret, ENROLL_SECRET_BYTES);
	data = pack(&req, false, &len, NULL);
	expect(&c, data, len, BE_ENROLL_REUSED, "a used enrollment secret");
	/* An enrollment of format 1 (no code) is proven by its file alone: a second key on it is
	 * anyone's, not an alarm in the unit's name. */
	char *sql = sqlite3_mprintf("UPDATE enrollment SET coded = 0 WHERE id = '%q'", en->id);
	assert_int_equal(sqlite3_exec(c.db, sql, NULL, NULL, NULL), SQLITE_OK);
	expect(&c, data, len, BE_UNKNOWN_SIGNER, "a used enrollment of format 1");
	sqlite3_free(sql);
	sql = sqlite3_mprintf("UPDATE enrollment SET coded = 1 WHERE id = '%q'", en->id);
	assert_int_equal(sqlite3_exec(c.db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_free(sql);
	free(data);

	/* A new enrollment supersedes the old one (which was never used by k3). */
	if (central_enroll(c.db, c.sk, UNIT_A, &doc, &doclen, ecode, NULL, NULL, &e) != ST_OK ||
	    enrollment_read(doc, doclen, &en2, &e) != ST_OK || enrollment_use_code(en2, ecode, &e) != ST_OK)
		fail_msg("enrolling again: %s", e.msg);
	free(doc);
	assert_string_not_equal(en2->id, en->id);
	if (central_enroll(c.db, c.sk, UNIT_A, &doc, &doclen, ecode, NULL, NULL, &e) != ST_OK)
		fail_msg("enrolling a third time: %s", e.msg);
	free(doc);
	request(&req, &c, &k3, UNIT_A, report);
	req.meta.has_enroll = true;
	memcpy(req.meta.enroll_id, en2->id, sizeof en2->id);
	memcpy(req.meta.enroll_secret, en2->secret, ENROLL_SECRET_BYTES);
	data = pack(&req, false, &len, NULL);
	expect(&c, data, len, BE_REVOKED, "a superseded enrollment");
	free(data);
	enrollment_free(en);
	enrollment_free(en2);
	en = en2 = NULL;

	/* Revoking the unit supersedes its unused enrollment too: its holder cannot bind a key
	 * after the revocation. */
	size_t n;
	if (central_enroll(c.db, c.sk, UNIT_A, &doc, &doclen, ecode, NULL, NULL, &e) != ST_OK ||
	    enrollment_read(doc, doclen, &en, &e) != ST_OK || enrollment_use_code(en, ecode, &e) != ST_OK)
		fail_msg("enrolling a fourth time: %s", e.msg);
	free(doc);
	assert_int_equal(central_unit_revoke(c.db, UNIT_A, &n, &e), ST_OK);
	assert_int_equal(n, 1); /* k1 */
	request(&req, &c, &k3, UNIT_A, report);
	req.meta.has_enroll = true;
	memcpy(req.meta.enroll_id, en->id, sizeof en->id);
	memcpy(req.meta.enroll_secret, en->secret, ENROLL_SECRET_BYTES);
	data = pack(&req, false, &len, NULL);
	expect(&c, data, len, BE_REVOKED, "an enrollment issued before the revocation");
	free(data);
	enrollment_free(en);
	assert_int_equal(central_unit_revoke(c.db, "KHONG-CO", &n, &e), ST_REFUSED);
	assert_int_equal(n, 0);

	/* A key accepted through a key change burns no enrollment, even one it names. */
	struct ukey k4, k5;
	ukey_new(&k4);
	ukey_new(&k5);
	bind(&c, UNIT_B, k4.pk);
	if (central_enroll(c.db, c.sk, UNIT_B, &doc, &doclen, ecode, NULL, NULL, &e) != ST_OK ||
	    enrollment_read(doc, doclen, &en, &e) != ST_OK || enrollment_use_code(en, ecode, &e) != ST_OK)
		fail_msg("enrolling unit B: %s", e.msg);
	free(doc);
	request(&req, &c, &k5, UNIT_B, report_b);
	key_change(&req, &k4);
	req.meta.has_enroll = true;
	memcpy(req.meta.enroll_id, en->id, sizeof en->id);
	randombytes_buf(req.meta.enroll_secret, ENROLL_SECRET_BYTES); /* not the secret */
	data = pack(&req, false, &len, NULL);
	assert_int_equal(open_as(&c, data, len, &b), BE_OK);
	if (central_bind(c.db, &b->meta, &bound_new, &e) != ST_OK)
		fail_msg("central_bind: %s", e.msg);
	bundle_free(b);
	free(data);
	struct ukey k6;
	ukey_new(&k6);
	request(&req, &c, &k6, UNIT_B, report_b);
	req.meta.has_enroll = true;
	memcpy(req.meta.enroll_id, en->id, sizeof en->id);
	memcpy(req.meta.enroll_secret, en->secret, ENROLL_SECRET_BYTES);
	data = pack(&req, false, &len, NULL);
	expect(&c, data, len, BE_OK, "the enrollment named by a key change is still unused");
	free(data);
	enrollment_free(en);
	free(report);
	free(report_b);
	central_done(&c);
}

static void
test_template_and_report(void **state)
{
	(void)state;
	struct fixture f;
	struct pack_request req;
	size_t len;
	unsigned char *data;
	fixture_new(&f);

	static const struct {
		const char *what, *template_id;
		int version, year, revision;
		const char *report_unit;
		int report_year;
		enum bundle_error want;
	} cases[] = {
		{"unknown template", "khac", 1, 2024, 1, UNIT_A, 2024, BE_TEMPLATE},
		{"unknown template version", "bao-cao-nam", 2, 2024, 1, UNIT_A, 2024, BE_TEMPLATE},
		{"report of another unit", "bao-cao-nam", 1, 2024, 1, UNIT_B, 2024, BE_INVALID_REPORT},
		{"report of another year", "bao-cao-nam", 1, 2024, 1, UNIT_A, 2023, BE_INVALID_REPORT},
		{"report of another revision", "bao-cao-nam", 1, 2024, 2, UNIT_A, 2024,
		 BE_INVALID_REPORT},
		{"report and META of another year", "bao-cao-nam", 1, 2023, 1, UNIT_A, 2023, BE_OK},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *report = report_json(cases[i].report_unit, cases[i].report_year);
		request(&req, &f.c, &f.k, UNIT_A, report);
		snprintf(req.meta.template_id, sizeof req.meta.template_id, "%s", cases[i].template_id);
		req.meta.template_version = cases[i].version;
		req.meta.year = cases[i].year;
		req.meta.revision = cases[i].revision;
		data = pack(&req, false, &len, NULL);
		expect(&f.c, data, len, cases[i].want, cases[i].what);
		free(data);
		free(report);
	}
	static const char *const bad[] = {
		"not JSON",
		"{\"template\": \"bao-cao-nam\", \"template_version\": 1, \"year\": 2024,"
		" \"unit\": {\"code\": \"" UNIT_A "\", \"name\": \"A\"}, \"values\": {\"khong_co\": 1}}",
		/* No unit: the report must say whose it is. */
		"{\"template\": \"bao-cao-nam\", \"template_version\": 1, \"year\": 2024}",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		request(&req, &f.c, &f.k, UNIT_A, bad[i]);
		data = pack(&req, false, &len, NULL);
		expect(&f.c, data, len, BE_INVALID_REPORT, bad[i]);
		free(data);
	}
	fixture_done(&f);
}

/* The class a single flipped bit must give: the header's fields are checked in order, the rest
 * is authenticated. */
static enum bundle_error
flip_class(const unsigned char *valid, size_t bit)
{
	size_t byte = bit / 8;
	if (byte < 7)
		return BE_NOT_BUNDLE;
	if (byte == 7) {
		unsigned v = valid[7] ^ (1u << (bit % 8));
		return v > BUNDLE_FORMAT ? BE_FORMAT_TOO_NEW : BE_FORMAT_OLD;
	}
	if (byte < 16)
		return BE_NOT_FOR_US;
	return BE_DAMAGED;
}

static void
flip_every_bit(const struct central *c, const unsigned char *valid, size_t len, const char *what)
{
	unsigned char *work = xmalloc(len);
	struct err e = {0};
	memcpy(work, valid, len);
	for (size_t bit = 0; bit < len * 8; bit++) {
		unsigned char mask = (unsigned char)(1u << (bit % 8));
		struct bundle *b = (struct bundle *)work;
		work[bit / 8] ^= mask;
		enum bundle_error be = refusal(bundle_open(work, len, c->box_pk, BOX_SK(c),
							   central_trust, c->db, c->db, &b, &e),
					       &e);
		if (be == BE_OK || b != NULL)
			fail_msg("%s: opened with bit %zu flipped", what, bit);
		if (be != flip_class(valid, bit))
			fail_msg("%s: bit %zu flipped gave %s, wanted %s", what, bit, bundle_error_name(be),
				 bundle_error_name(flip_class(valid, bit)));
		work[bit / 8] ^= mask;
	}
	free(work);
}

/* Every single bit of a real-sized bundle, without and with an attachment. */
static void
test_bit_flips(void **state)
{
	(void)state;
	struct central c;
	struct ukey k;
	struct pack_request req;
	size_t len, report_len;
	char *report = test_file(SAMPLE, &report_len);
	static const unsigned char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\b\6\0\0\0";
	struct bundle_attachment att = {
		.name = "a.png", .type = "image/png", .size = sizeof png - 1, .read = mem_read,
		.ctx = (void *)png};
	central_new(&c);
	ukey_new(&k);
	bind(&c, UNIT_A, k.pk);
	for (size_t natt = 0; natt <= 1; natt++) {
		request(&req, &c, &k, UNIT_A, report);
		req.att = &att;
		req.natt = natt;
		unsigned char *data = pack(&req, false, &len, NULL);
		expect(&c, data, len, BE_OK, "unflipped");
		flip_every_bit(&c, data, len, natt ? "with an attachment" : "without attachments");
		free(data);
	}
	free(report);
	central_done(&c);
}

static void
test_pack_refusals(void **state)
{
	(void)state;
	struct fixture f;
	struct pack_request req;
	struct pattern p = {0};
	unsigned char hash[HASH_BYTES];
	struct err e = {0};
	char *path = tmp_path(".xhht");
	fixture_new(&f);

	static const struct {
		const char *name, *type;
		uint64_t size;
	} bad[] = {
		{"a/b.pdf", "application/pdf", 1},
		{"a\\b.pdf", "application/pdf", 1},
		{"..", "application/pdf", 1},
		{"", "application/pdf", 1},
		{"a\nb.pdf", "application/pdf", 1},
		{"\xff.pdf", "application/pdf", 1},
		{"a.txt", "text/plain", 1},
		{"big.pdf", "application/pdf", BUNDLE_MAX_ATTACHMENT + 1},
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct bundle_attachment att = {.name = (char *)bad[i].name,
						.type = (char *)bad[i].type,
						.size = bad[i].size,
						.read = pattern_read,
						.ctx = &p};
		request(&req, &f.c, &f.k, UNIT_A, f.report);
		req.att = &att;
		req.natt = 1;
		assert_int_equal(bundle_pack(&req, path, false, hash, &e), ST_REFUSED);
	}
	assert_int_equal(p.calls, 0);

	struct bundle_attachment many[BUNDLE_MAX_ATTACHMENTS + 1];
	for (size_t i = 0; i < ARRAY_LEN(many); i++)
		many[i] = (struct bundle_attachment){.name = "a.pdf", .type = "application/pdf", .size = 1,
						     .read = mem_read, .ctx = "x"};
	request(&req, &f.c, &f.k, UNIT_A, f.report);
	req.att = many;
	req.natt = ARRAY_LEN(many);
	assert_int_equal(bundle_pack(&req, path, false, hash, &e), ST_REFUSED);

	/* Each attachment within its limit, the whole over 80 MiB: refused before any is read. */
	struct bundle_attachment big[3];
	for (size_t i = 0; i < ARRAY_LEN(big); i++)
		big[i] = (struct bundle_attachment){.name = (char *)(const char *[]){"a.pdf", "b.pdf",
										"c.pdf"}[i],
						    .type = "application/pdf",
						    .size = BUNDLE_MAX_ATTACHMENT,
						    .read = pattern_read,
						    .ctx = &p};
	request(&req, &f.c, &f.k, UNIT_A, f.report);
	req.att = big;
	req.natt = ARRAY_LEN(big);
	assert_int_equal(bundle_pack(&req, path, false, hash, &e), ST_REFUSED);
	assert_int_equal(p.calls, 0);

	char *huge = xcalloc(BUNDLE_MAX_REPORT + 2, 1);
	request(&req, &f.c, &f.k, UNIT_A, huge);
	req.report_len = BUNDLE_MAX_REPORT + 1;
	assert_int_equal(bundle_pack(&req, path, false, hash, &e), ST_REFUSED);
	free(huge);

	/* A recipient key of small order gives no shared secret. */
	request(&req, &f.c, &f.k, UNIT_A, f.report);
	memset(req.meta.recipient, 0, BOX_PK_BYTES);
	assert_int_equal(bundle_pack(&req, path, false, hash, &e), ST_REFUSED);

	/* An attachment that cannot be read: no file is left behind, not even a temporary one. */
	struct bundle_attachment gone = {
		.name = "a.pdf", .type = "application/pdf", .size = 5 * CHUNK, .read = pattern_read,
		.ctx = &p};
	p.fail = true;
	request(&req, &f.c, &f.k, UNIT_A, f.report);
	req.att = &gone;
	req.natt = 1;
	assert_int_equal(bundle_pack(&req, path, false, hash, &e), ST_ENV);
	assert_non_null(strstr(e.msg, "a.pdf"));

	struct stat st;
	assert_int_not_equal(stat(path, &st), 0);
	char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	assert_int_not_equal(stat(tmp, &st), 0);
	free(tmp);
	free(path);
	fixture_done(&f);
}

/* ---- armor ---------------------------------------------------------------------------- */

static char *
armored(const unsigned char *data, size_t len, size_t *outlen)
{
	return armor_encode("BUNDLE", data, len, outlen);
}

static void
assert_armor_refused(const char *text, size_t len, const char *label, const char *what)
{
	unsigned char *out = (unsigned char *)&out;
	size_t n;
	struct err e = {0};
	if (armor_decode(text, len, label, &out, &n, &e) != ST_REFUSED)
		fail_msg("armor accepted: %s", what);
	assert_null(out);
}

static void
assert_armor_gives(const char *text, size_t len, const unsigned char *want, size_t wantlen,
		   const char *what)
{
	unsigned char *out;
	size_t n;
	struct err e = {0};
	if (armor_decode(text, len, "BUNDLE", &out, &n, &e) != ST_OK)
		fail_msg("armor refused: %s: %s", what, e.msg);
	assert_int_equal(n, wantlen);
	assert_memory_equal(out, want, n);
	free(out);
}

/* Returns text with the n bytes at pos replaced by with. */
static char *
splice(const char *text, size_t len, size_t pos, size_t n, const char *with, size_t *outlen)
{
	size_t w = strlen(with);
	char *out = xmalloc(len - n + w + 1);
	memcpy(out, text, pos);
	memcpy(out + pos, with, w);
	memcpy(out + pos + w, text + pos + n, len - pos - n);
	*outlen = len - n + w;
	out[*outlen] = '\0';
	return out;
}

static void
test_armor_roundtrip(void **state)
{
	(void)state;
	unsigned char data[57 * 4 + 3];
	randombytes_buf(data, sizeof data);
	for (size_t n = 1; n <= sizeof data; n++) {
		size_t len;
		char *text = armored(data, n, &len);
		assert_true(armor_detect(text, len));
		/* BEGIN, lines of 76 columns but the last, END. */
		const char *line = strchr(text, '\n') + 1;
		size_t lines = 0;
		while (strncmp(line, "-----END", 8) != 0) {
			const char *nl = strchr(line, '\n');
			size_t cols = (size_t)(nl - line);
			assert_true(cols > 0 && cols <= ARMOR_LINE);
			if (strncmp(nl + 1, "-----END", 8) != 0)
				assert_int_equal(cols, ARMOR_LINE);
			lines++;
			line = nl + 1;
		}
		assert_int_equal(lines, (n + 56) / 57);
		assert_string_equal(line, "-----END XHHT BUNDLE-----\n");
		assert_armor_gives(text, len, data, n, "as written");

		/* CRLF line ends, blank space around the block. */
		struct buf b;
		buf_init(&b);
		buf_adds(&b, "\n \r\n\t\r\n");
		for (size_t i = 0; i < len; i++)
			buf_adds(&b, text[i] == '\n' ? "\r\n" : (char[]){text[i], 0});
		buf_adds(&b, "\r\n  \n");
		assert_armor_gives(b.data, b.len, data, n, "CRLF");
		buf_free(&b);
		free(text);
	}
	/* Other labels. */
	size_t len, n;
	unsigned char *out;
	struct err e = {0};
	char *text = armor_encode("RECEIPT", data, 10, &len);
	assert_int_equal(strncmp(text, "-----BEGIN XHHT RECEIPT-----\n", 29), 0);
	assert_int_equal(armor_decode(text, len, "RECEIPT", &out, &n, &e), ST_OK);
	assert_int_equal(n, 10);
	free(out);
	free(text);
	assert_false(armor_detect("XHHTBDL\001", 8));
	assert_false(armor_detect("x -----BEGIN XHHT BUNDLE-----", 29));
}

static void
test_armor_refusals(void **state)
{
	(void)state;
	unsigned char data[57 * 3 + 1], one = 0x41;
	size_t len, n;
	char *bad;
	randombytes_buf(data, sizeof data);
	char *text = armored(data, sizeof data, &len);
	const char *line2 = strchr(text, '\n') + 1 + ARMOR_LINE + 1; /* the second base64 line */
	size_t at = (size_t)(line2 - text);
	assert_armor_gives(text, len, data, sizeof data, "the unaltered block");

	bad = splice(text, len, at + 10, 1, "", &n);
	assert_armor_refused(bad, n, "BUNDLE", "a 75-column line in the middle");
	free(bad);
	bad = splice(text, len, at + 10, 0, "A", &n);
	assert_armor_refused(bad, n, "BUNDLE", "a 77-column line in the middle");
	free(bad);
	/* The same base64 in 64-column lines (as PEM wraps): one encoding per content. */
	char b64[sizeof data * 2];
	struct buf pem;
	sodium_bin2base64(b64, sizeof b64, data, sizeof data, sodium_base64_VARIANT_ORIGINAL);
	buf_init(&pem);
	buf_adds(&pem, "-----BEGIN XHHT BUNDLE-----\n");
	for (size_t i = 0; i < strlen(b64); i += 64)
		buf_printf(&pem, "%.64s\n", b64 + i);
	buf_adds(&pem, "-----END XHHT BUNDLE-----\n");
	assert_armor_refused(pem.data, pem.len, "BUNDLE", "64-column lines");
	buf_free(&pem);
	bad = splice(text, len, at, 0, "\n", &n);
	assert_armor_refused(bad, n, "BUNDLE", "a blank line inside");
	free(bad);
	bad = splice(text, len, at + 4, 1, " ", &n);
	assert_armor_refused(bad, n, "BUNDLE", "a space inside a line");
	free(bad);

	const char *end = strstr(text, "-----END");
	assert_armor_refused(text, (size_t)(end - text), "BUNDLE", "no END line");
	assert_armor_refused(text, len - 2, "BUNDLE", "END line cut");
	assert_armor_refused(text, len, "RECEIPT", "a BUNDLE block read as a RECEIPT");
	bad = splice(text, len, (size_t)(end - text) + 14, 6, "RECEIPT", &n);
	assert_armor_refused(bad, n, "BUNDLE", "END names another label");
	free(bad);
	bad = splice(text, len, len, 0, "x\n", &n);
	assert_armor_refused(bad, n, "BUNDLE", "text after END");
	free(bad);
	bad = splice(text, len, len, 0, text, &n);
	assert_armor_refused(bad, n, "BUNDLE", "two blocks");
	free(bad);
	bad = splice(text, len, 0, 0, "Dear Ministry,\n", &n);
	assert_armor_refused(bad, n, "BUNDLE", "text before BEGIN");
	free(bad);
	bad = splice(text, len, 0, 0, "  ", &n);
	assert_armor_refused(bad, n, "BUNDLE", "BEGIN line indented");
	free(bad);
	bad = splice(text, len, 11, 4, "xhht", &n);
	assert_armor_refused(bad, n, "BUNDLE", "label in lower case");
	free(bad);
	free(text);

	/* Non-canonical base64: the padding bits of the last character set, so that a lenient
	 * decoder gives the same bytes for a second spelling. 1 byte: 4 padding bits; 2: 2. */
	for (size_t k = 1; k <= 2; k++) {
		unsigned char v[2] = {one, one};
		char *t = armored(v, k, &len);
		char *last = strstr(t, "=\n") - (k == 1 ? 2 : 1);
		static const char alphabet[] =
			"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
		size_t idx = (size_t)(strchr(alphabet, *last) - alphabet);
		assert_int_equal(idx & (k == 1 ? 15 : 3), 0); /* canonical: padding bits clear */
		assert_armor_gives(t, len, v, k, "canonical");
		(*last)++;
		assert_armor_refused(t, len, "BUNDLE", "padding bits set");
		(*last)--;
		/* Without its padding. */
		bad = splice(t, len, (size_t)(strchr(last, '=') - t), 3 - k, "", &n);
		assert_armor_refused(bad, n, "BUNDLE", "padding left out");
		free(bad);
		free(t);
	}
	/* An empty block holds nothing to open. */
	text = armored(data, 0, &len);
	assert_armor_refused(text, len, "BUNDLE", "empty");
	free(text);
}

/* container_read takes either form, and CRLF armor. */
static void
test_container_read(void **state)
{
	(void)state;
	unsigned char data[300], *out;
	size_t len, n;
	struct err e = {0};
	char *path = tmp_path(".xhht");
	randombytes_buf(data, sizeof data);
	char *text = armored(data, sizeof data, &len);
	struct buf crlf;
	buf_init(&crlf);
	for (size_t i = 0; i < len; i++)
		buf_adds(&crlf, text[i] == '\n' ? "\r\n" : (char[]){text[i], 0});
	const struct {
		const void *bytes;
		size_t len;
	} forms[] = {{data, sizeof data}, {text, len}, {crlf.data, crlf.len}};
	for (size_t i = 0; i < ARRAY_LEN(forms); i++) {
		assert_int_equal(file_write_atomic(path, forms[i].bytes, forms[i].len, &e), ST_OK);
		if (container_read(path, "BUNDLE", BUNDLE_MAX_BYTES, &out, &n, &e) != ST_OK)
			fail_msg("form %zu: %s", i, e.msg);
		assert_int_equal(n, sizeof data);
		assert_memory_equal(out, data, n);
		free(out);
	}
	/* The binary limit applies to either form. */
	assert_int_equal(file_write_atomic(path, data, sizeof data, &e), ST_OK);
	assert_int_equal(container_read(path, "BUNDLE", sizeof data - 1, &out, &n, &e), ST_REFUSED);
	assert_int_equal(file_write_atomic(path, text, len, &e), ST_OK);
	assert_int_equal(container_read(path, "BUNDLE", sizeof data - 1, &out, &n, &e), ST_REFUSED);
	assert_null(out);
	assert_int_equal(container_read(path, "RECEIPT", BUNDLE_MAX_BYTES, &out, &n, &e), ST_REFUSED);
	unlink(path);
	buf_free(&crlf);
	free(text);
	free(path);
}

/* ---- signed documents ------------------------------------------------------------------ */

static void
test_enrollment_roundtrip(void **state)
{
	(void)state;
	struct central c;
	char *templates[] = {"{\"id\": \"x\"}", "dòng 1\n\"trích dẫn\" \\ \t"};
	struct enrollment en = {
		.unit_code = UNIT_A,
		.unit_name = "Bệnh viện Đa khoa \"Minh Hòa\"",
		.created = "2024-11-28T09:30:00Z",
		.templates = templates,
		.ntemplates = 2,
	}, *got = NULL;
	struct err e = {0};
	unsigned char *doc;
	size_t len;
	central_new(&c);
	memcpy(en.central_sign, c.sign_pk, SIGN_PK_BYTES);
	memcpy(en.central_box, c.box_pk, BOX_PK_BYTES);
	snprintf(en.id, sizeof en.id, "%032x", 0x1234);
	randombytes_buf(en.secret, ENROLL_SECRET_BYTES);
	enrollment_make(&en, c.sk->bytes, &doc, &len);
	assert_memory_equal(doc, "XHHTENR\002", 8);
	if (enrollment_read(doc, len, &got, &e) != ST_OK)
		fail_msg("enrollment_read: %s", e.msg);
	assert_string_equal(got->unit_code, en.unit_code);
	assert_string_equal(got->unit_name, en.unit_name);
	assert_memory_equal(got->central_sign, en.central_sign, SIGN_PK_BYTES);
	assert_memory_equal(got->central_box, en.central_box, BOX_PK_BYTES);
	assert_string_equal(got->id, en.id);
	assert_memory_equal(got->secret, en.secret, ENROLL_SECRET_BYTES);
	assert_string_equal(got->created, en.created);
	assert_int_equal(got->ntemplates, 2);
	for (size_t i = 0; i < 2; i++)
		assert_string_equal(got->templates[i], templates[i]);
	enrollment_free(got);

	/* Every bit, every shorter length, a byte more. */
	for (size_t bit = 0; bit < len * 8; bit++) {
		doc[bit / 8] ^= (unsigned char)(1u << (bit % 8));
		got = (struct enrollment *)&got;
		if (enrollment_read(doc, len, &got, &e) != ST_REFUSED)
			fail_msg("enrollment with bit %zu flipped was accepted", bit);
		assert_null(got);
		doc[bit / 8] ^= (unsigned char)(1u << (bit % 8));
	}
	for (size_t n = 0; n < len; n++) {
		unsigned char *cut = xmalloc(n ? n : 1);
		memcpy(cut, doc, n);
		assert_int_equal(enrollment_read(cut, n, &got, &e), ST_REFUSED);
		free(cut);
	}
	unsigned char *more = xmalloc(len + 1);
	memcpy(more, doc, len);
	more[len] = '\n';
	assert_int_equal(enrollment_read(more, len + 1, &got, &e), ST_REFUSED);
	free(more);
	free(doc);

	/* Signed by a key other than the one it names. */
	struct ukey other;
	ukey_new(&other);
	enrollment_make(&en, other.sk, &doc, &len);
	assert_int_equal(enrollment_read(doc, len, &got, &e), ST_REFUSED);
	assert_null(got);
	free(doc);
	central_done(&c);
}

static void
test_receipt_roundtrip(void **state)
{
	(void)state;
	struct central c;
	struct ukey other;
	struct err e = {0};
	unsigned char *doc;
	size_t len;
	central_new(&c);
	ukey_new(&other);
	for (int o = RO_MERGED; o <= RO_REFUSED; o++) {
		struct receipt r = {.unit = UNIT_A, .year = 2024, .revision = 3, .outcome = o,
				    .time = "2024-11-28T09:30:00Z"}, got;
		randombytes_buf(r.bundle_id, sizeof r.bundle_id);
		randombytes_buf(r.bundle_hash, sizeof r.bundle_hash);
		if (o == RO_REFUSED)
			snprintf(r.reason, sizeof r.reason, "%s", bundle_error_name(BE_REVOKED));
		receipt_make(&r, c.sk->bytes, &doc, &len);
		assert_memory_equal(doc, "XHHTRCP\001", 8);
		if (receipt_read(doc, len, c.sign_pk, &got, &e) != ST_OK)
			fail_msg("receipt_read: %s", e.msg);
		assert_memory_equal(got.bundle_id, r.bundle_id, sizeof r.bundle_id);
		assert_memory_equal(got.bundle_hash, r.bundle_hash, sizeof r.bundle_hash);
		assert_string_equal(got.unit, r.unit);
		assert_int_equal(got.year, r.year);
		assert_int_equal(got.revision, r.revision);
		assert_int_equal(got.outcome, r.outcome);
		assert_string_equal(got.reason, r.reason);
		assert_string_equal(got.time, r.time);
		static const char *const outcomes[] = {"merged", "duplicate", "older", "conflict",
						       "refused"};
		assert_string_equal(receipt_outcome_name(got.outcome), outcomes[o]);

		/* Checked with another key, or signed by another key. */
		assert_int_equal(receipt_read(doc, len, other.pk, &got, &e), ST_REFUSED);
		if (o == RO_REFUSED) {
			for (size_t bit = 0; bit < len * 8; bit++) {
				doc[bit / 8] ^= (unsigned char)(1u << (bit % 8));
				if (receipt_read(doc, len, c.sign_pk, &got, &e) != ST_REFUSED)
					fail_msg("receipt with bit %zu flipped was accepted", bit);
				doc[bit / 8] ^= (unsigned char)(1u << (bit % 8));
			}
			for (size_t n = 0; n < len; n++)
				assert_int_equal(receipt_read(doc, n, c.sign_pk, &got, &e),
						 ST_REFUSED);
		}
		free(doc);
		receipt_make(&r, other.sk, &doc, &len);
		assert_int_equal(receipt_read(doc, len, c.sign_pk, &got, &e), ST_REFUSED);
		free(doc);
	}
	central_done(&c);
}

/* A signed document as section 6 of the format describes it: magic, version 1, body length,
 * body, then Ed25519ph over the domain string with its NUL and every byte before. */
static unsigned char *
sign_doc(const char *magic, const char *domain, const char *body, const unsigned char *sk,
	 size_t *len)
{
	size_t n = strlen(body);
	unsigned char *p = xmalloc(12 + n + SIG_BYTES);
	crypto_sign_state st;
	memcpy(p, magic, 7);
	p[7] = strcmp(magic, "XHHTENR") == 0 ? ENROLLMENT_FORMAT : RECEIPT_FORMAT;
	for (int i = 0; i < 4; i++)
		p[8 + i] = (unsigned char)(n >> (8 * i));
	memcpy(p + 12, body, n);
	crypto_sign_init(&st);
	crypto_sign_update(&st, (const unsigned char *)domain, strlen(domain) + 1);
	crypto_sign_update(&st, p, 12 + n);
	crypto_sign_final_create(&st, p + 12 + n, NULL, sk);
	*len = 12 + n + SIG_BYTES;
	return p;
}

static char *
b64(const unsigned char *p, size_t n)
{
	struct buf b;
	buf_init(&b);
	craft_b64(&b, p, n);
	return buf_steal(&b);
}

/* The enrollment code: what the central prints reads back, and a typing slip is caught. */
static void
test_enrollment_code(void **state)
{
	(void)state;
	char code[ENROLL_CODE_SHOWN + 1], digits[ENROLL_CODE_DIGITS + 1];
	for (int i = 0; i < 200; i++) {
		enrollment_code_new(code);
		assert_int_equal(strlen(code), ENROLL_CODE_SHOWN);
		assert_true(code[4] == '-' && code[9] == '-');
		assert_true(enrollment_code_parse(code, digits));
		assert_int_equal(strlen(digits), ENROLL_CODE_DIGITS);
		/* Every single wrong digit, and every two neighbours swapped, is refused. */
		char typed[ENROLL_CODE_DIGITS + 1];
		for (int k = 0; k < ENROLL_CODE_DIGITS; k++) {
			for (char d = '0'; d <= '9'; d++) {
				if (d == digits[k])
					continue;
				memcpy(typed, digits, sizeof typed);
				typed[k] = d;
				assert_false(enrollment_code_parse(typed, code));
			}
			if (k + 1 < ENROLL_CODE_DIGITS && digits[k] != digits[k + 1]) {
				memcpy(typed, digits, sizeof typed);
				typed[k] = digits[k + 1];
				typed[k + 1] = digits[k];
				assert_false(enrollment_code_parse(typed, code));
			}
		}
	}
	/* 1234567890 with its check digits (98 - 123456789000 mod 97 = 92). */
	assert_true(enrollment_code_parse("1234 5678 9092", digits));
	assert_string_equal(digits, "123456789092");
	assert_true(enrollment_code_parse(" 1234-5678-90.92 ", digits));
	assert_false(enrollment_code_parse("1234-5678-9093", digits));
	assert_false(enrollment_code_parse("1234-5678-909", digits));
	assert_false(enrollment_code_parse("1234-5678-90920", digits));
	assert_false(enrollment_code_parse("1234-5678-909a", digits));
	assert_false(enrollment_code_parse("", digits));
	/* The secret a bundle proves depends on both halves. */
	unsigned char fs[ENROLL_SECRET_BYTES] = {1}, a[ENROLL_SECRET_BYTES], b[ENROLL_SECRET_BYTES];
	enrollment_code_secret(fs, "123456789092", a);
	enrollment_code_secret(fs, "012345678936", b);
	assert_memory_not_equal(a, b, sizeof a);
	fs[0] = 2;
	enrollment_code_secret(fs, "123456789092", b);
	assert_memory_not_equal(a, b, sizeof a);
}

/* Written in the exact compact form of the format, and read only in it: each member once, none
 * unknown, each of its type. */
static void
test_signed_doc_forms(void **state)
{
	(void)state;
	struct central c;
	struct err e = {0};
	unsigned char *doc, *mine, secret[ENROLL_SECRET_BYTES];
	size_t len, mylen;
	central_new(&c);
	randombytes_buf(secret, sizeof secret);
	char *sign = b64(c.sign_pk, 32), *box = b64(c.box_pk, 32), *sec = b64(secret, 32);
	char *body = xasprintf("{\"format\":2,\"unit\":{\"code\":\"" UNIT_A "\","
			       "\"name\":\"Tên \\\"A\\\"\"},"
			       "\"central\":{\"sign\":\"%s\",\"box\":\"%s\"},\"enrollment\":{\"id\":"
			       "\"00112233445566778899aabbccddeeff\",\"secret\":\"%s\"},\"created\":"
			       "\"2024-11-28T09:30:00Z\",\"templates\":[\"t1\",\"t\\n2\"]}",
			       sign, box, sec);
	char *templates[] = {"t1", "t\n2"};
	struct enrollment en = {.unit_code = UNIT_A, .unit_name = "Tên \"A\"",
				.id = "00112233445566778899aabbccddeeff",
				.created = "2024-11-28T09:30:00Z", .templates = templates,
				.ntemplates = 2},
			  *got = NULL;
	memcpy(en.central_sign, c.sign_pk, 32);
	memcpy(en.central_box, c.box_pk, 32);
	memcpy(en.secret, secret, 32);
	/* Ed25519 is deterministic: the same body gives the same file. */
	enrollment_make(&en, c.sk->bytes, &doc, &len);
	mine = sign_doc("XHHTENR", "xhht enrollment v1", body, c.sk->bytes, &mylen);
	assert_int_equal(len, mylen);
	assert_memory_equal(doc, mine, len);
	free(doc);
	free(mine);

	static const char *const enr_edits[][2] = {
		{"\"name\":", "\"x\":1,\"name\":"},
		{"\"box\":", "\"x\":1,\"box\":"},
		{"\"secret\":", "\"x\":1,\"secret\":"},
		{"\"created\":", "\"x\":1,\"created\":"},
		{"00112233445566778899aabbccddeeff", "00112233445566778899AABBCCDDEEFF"},
		{"00112233445566778899aabbccddeeff", "00112233445566778899aabbccddeef"},
		{"00112233445566778899aabbccddeeff", "0011223344556677889zaabbccddeeff"},
		{"{\"format\":2,", "{\"format\":1,"},
		{"{\"format\":2,", "{\"format\":3,"},
		{"\"created\":\"2024-11-28T09:30:00Z\",", ""},
		{"\"templates\":[", "\"templates\":[1,"},
		{"\"templates\":[", "\"templates\":{\"a\":"},
		{"\"code\":\"" UNIT_A "\",", "\"code\":\"" UNIT_A "\",\"code\":\"X\","},
		{"\"code\":\"" UNIT_A "\"", "\"code\":\"\""},
	};
	for (size_t i = 0; i < ARRAY_LEN(enr_edits) + 1; i++) {
		struct buf b;
		buf_init(&b);
		buf_adds(&b, body);
		if (i < ARRAY_LEN(enr_edits))
			buf_replace(&b, enr_edits[i][0], enr_edits[i][1]);
		doc = sign_doc("XHHTENR", "xhht enrollment v1", b.data, c.sk->bytes, &len);
		enum status st = enrollment_read(doc, len, &got, &e);
		if (i == ARRAY_LEN(enr_edits)) {
			if (st != ST_OK) /* the unaltered body, as a check of the check */
				fail_msg("enrollment_read: %s", e.msg);
			assert_string_equal(got->unit_name, "Tên \"A\"");
			assert_string_equal(got->templates[1], "t\n2");
		} else if (st != ST_REFUSED)
			fail_msg("enrollment accepted with %s", enr_edits[i][1]);
		enrollment_free(got);
		free(doc);
		buf_free(&b);
	}
	/* Templates: at most 16. */
	struct buf b;
	buf_init(&b);
	buf_adds(&b, body);
	buf_replace(&b, "\"templates\":[", "\"templates\":[\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\","
					   "\"\",\"\",\"\",\"\",\"\",");
	doc = sign_doc("XHHTENR", "xhht enrollment v1", b.data, c.sk->bytes, &len);
	assert_int_equal(enrollment_read(doc, len, &got, &e), ST_OK); /* 14 + 2 */
	assert_int_equal(got->ntemplates, 16);
	enrollment_free(got);
	free(doc);
	buf_replace(&b, "\"templates\":[", "\"templates\":[\"\",");
	doc = sign_doc("XHHTENR", "xhht enrollment v1", b.data, c.sk->bytes, &len);
	assert_int_equal(enrollment_read(doc, len, &got, &e), ST_REFUSED);
	free(doc);
	buf_free(&b);
	free(body);

	/* Receipts. */
	struct receipt r = {.unit = UNIT_A, .year = 2024, .revision = 3, .outcome = RO_REFUSED,
			    .reason = "revoked-key", .time = "2024-11-28T09:30:00Z"},
		       got_r;
	memset(r.bundle_id, 0xab, sizeof r.bundle_id);
	memset(r.bundle_hash, 0xcd, sizeof r.bundle_hash);
	body = xasprintf("{\"format\":1,\"bundle\":{\"id\":\"%s\",\"hash\":\"%s\"},\"unit\":\"" UNIT_A
			 "\",\"year\":2024,\"revision\":3,\"outcome\":\"refused\",\"reason\":"
			 "\"revoked-key\",\"time\":\"2024-11-28T09:30:00Z\"}",
			 "abababababababababababababababab",
			 "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd");
	receipt_make(&r, c.sk->bytes, &doc, &len);
	mine = sign_doc("XHHTRCP", "xhht receipt v1", body, c.sk->bytes, &mylen);
	assert_int_equal(len, mylen);
	assert_memory_equal(doc, mine, len);
	free(doc);
	free(mine);
	static const char *const rcp_edits[][2] = {
		{"\"hash\":", "\"x\":1,\"hash\":"},
		{"\"time\":", "\"x\":1,\"time\":"},
		{"\"outcome\":\"refused\"", "\"outcome\":\"accepted\""},
		{"\"year\":2024", "\"year\":1999"},
		{"\"year\":2024", "\"year\":2024.0"},
		{"\"revision\":3", "\"revision\":0"},
		{"\"id\":\"abab", "\"id\":\"ABAB"},
		{"\"reason\":\"revoked-key\"", "\"reason\":null"},
		{"\"unit\":\"" UNIT_A "\",", ""},
		{"{\"format\":1,", "{\"format\":1,\"format\":1,"},
	};
	for (size_t i = 0; i < ARRAY_LEN(rcp_edits) + 1; i++) {
		buf_init(&b);
		buf_adds(&b, body);
		if (i < ARRAY_LEN(rcp_edits))
			buf_replace(&b, rcp_edits[i][0], rcp_edits[i][1]);
		doc = sign_doc("XHHTRCP", "xhht receipt v1", b.data, c.sk->bytes, &len);
		enum status st = receipt_read(doc, len, c.sign_pk, &got_r, &e);
		if (i == ARRAY_LEN(rcp_edits)) {
			if (st != ST_OK)
				fail_msg("receipt_read: %s", e.msg);
			assert_string_equal(got_r.reason, "revoked-key");
		} else if (st != ST_REFUSED)
			fail_msg("receipt accepted with %s", rcp_edits[i][1]);
		free(doc);
		buf_free(&b);
	}
	/* Documents of one kind are not read as the other, even signed by the right key. */
	doc = sign_doc("XHHTENR", "xhht receipt v1", body, c.sk->bytes, &len);
	assert_int_equal(receipt_read(doc, len, c.sign_pk, &got_r, &e), ST_REFUSED);
	free(doc);
	doc = sign_doc("XHHTRCP", "xhht enrollment v1", body, c.sk->bytes, &len);
	assert_int_equal(receipt_read(doc, len, c.sign_pk, &got_r, &e), ST_REFUSED);
	free(doc);
	free(body);
	free(sign);
	free(box);
	free(sec);
	central_done(&c);
}

static int
setup_all(void **state)
{
	(void)state;
	if (sodium_init() < 0)
		return -1;
	return (tmpdir = test_tmpdir("bundle")) == NULL ? -1 : 0;
}

static int
teardown_all(void **state)
{
	(void)state;
	int rc = test_rmtree(tmpdir);
	free(tmpdir);
	return rc;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_names),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_armored_file),
		cmocka_unit_test(test_large_streamed_attachment),
		cmocka_unit_test(test_chunk_boundaries),
		cmocka_unit_test(test_crafted_valid),
		cmocka_unit_test(test_malformed_inside),
		cmocka_unit_test(test_empty_final_chunk),
		cmocka_unit_test(test_duplicate_names),
		cmocka_unit_test(test_hostile_names),
		cmocka_unit_test(test_open_seen),
		cmocka_unit_test(test_not_a_bundle),
		cmocka_unit_test(test_format_versions),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_not_for_us),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_chunk_surgery),
		cmocka_unit_test(test_bad_signature),
		cmocka_unit_test(test_trust),
		cmocka_unit_test(test_enrollment_trust),
		cmocka_unit_test(test_template_and_report),
		cmocka_unit_test(test_bit_flips),
		cmocka_unit_test(test_pack_refusals),
		cmocka_unit_test(test_armor_roundtrip),
		cmocka_unit_test(test_armor_refusals),
		cmocka_unit_test(test_container_read),
		cmocka_unit_test(test_enrollment_roundtrip),
		cmocka_unit_test(test_receipt_roundtrip),
		cmocka_unit_test(test_enrollment_code),
		cmocka_unit_test(test_signed_doc_forms),
	};
	return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
