/* make-vectors.c: writes the committed test vectors of tests/vectors (bundles, enrollment files,
 * receipts, MANIFEST.tsv, keys.txt), so that readers of the format, this one included, can be
 * checked against files with known outcomes. Not part of the build; run by hand from the top
 * folder when the format changes:
 *
 *   make build/libxhht.a && cc -std=c11 -D_GNU_SOURCE -Isrc -Itests/unit -Ibuild/gen \
 *       tests/vectors/make-vectors.c build/libxhht.a $(pkg-config --cflags --libs sqlite3 \
 *       libsodium) -lutf8proc -o build/make-vectors && build/make-vectors tests/vectors
 *
 * The keys come from fixed seeds and stay the same; every run makes fresh ephemeral keys, ids
 * and creation times, so the bundles' bytes change but never their expected outcomes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "armor.h"
#include "bundle.h"
#include "bundle_craft.h"
#include "crypto.h"
#include "signed.h"

#define CHUNK CRAFT_CHUNK
#define SEALED (CRAFT_CHUNK + CRAFT_ABYTES)
#define YEAR 2024

static const char *outdir;
static FILE *manifest;

struct unitkey {
	const char *name, *code, *unit_name;
	unsigned char seed[32], pk[SIGN_PK_BYTES], sk[SIGN_SK_BYTES];
	char enroll_id[33];
	/* The enrollment file's secret and the code sent apart from it; the secret a bundle
	 * proves is derived from the two (enrollment_code_secret). */
	unsigned char enroll_file_secret[ENROLL_SECRET_BYTES];
	char enroll_code[ENROLL_CODE_SHOWN + 1];
	unsigned char enroll_secret[ENROLL_SECRET_BYTES];
};

/* A and A2 are two keys of one unit: A2 is new and proves the enrollment secret. */
static struct unitkey keys[] = {
	{.name = "A", .code = "BVDKM", .unit_name = "Bệnh viện Đa khoa Minh Hòa"},
	{.name = "A2", .code = "BVDKM", .unit_name = "Bệnh viện Đa khoa Minh Hòa"},
	{.name = "B", .code = "BVB", .unit_name = "Bệnh viện B"},
	{.name = "O", .code = "BVDKM", .unit_name = "Bệnh viện Đa khoa Minh Hòa"},
};
#define KEY_A (&keys[0])
#define KEY_A2 (&keys[1])
#define KEY_B (&keys[2])
#define KEY_O (&keys[3]) /* an outsider's key: never bound, its enrollment never issued */

static unsigned char central_seed[32], central_sign_pk[32], central_sign_sk[64];
static unsigned char central_box_sk[32], central_box_pk[32];
static unsigned char other_box_sk[32], other_box_pk[32];

/* 32 bytes named by purpose: BLAKE2b-256("xhht test vectors v1: " || what). */
static void
derive(const char *what, unsigned char out[32])
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, (const unsigned char *)"xhht test vectors v1: ", 22);
	crypto_generichash_update(&st, (const unsigned char *)what, strlen(what));
	crypto_generichash_final(&st, out, 32);
}

static void
make_keys(void)
{
	unsigned char id[32]; /* derive gives 32; the id is the first 16 */
	derive("central sign", central_seed);
	crypto_sign_seed_keypair(central_sign_pk, central_sign_sk, central_seed);
	derive("central box", central_box_sk);
	crypto_scalarmult_base(central_box_pk, central_box_sk);
	derive("other central box", other_box_sk);
	crypto_scalarmult_base(other_box_pk, other_box_sk);
	for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
		char what[64];
		snprintf(what, sizeof what, "unit key %s", keys[i].name);
		derive(what, keys[i].seed);
		crypto_sign_seed_keypair(keys[i].pk, keys[i].sk, keys[i].seed);
		snprintf(what, sizeof what, "enrollment id %s", keys[i].name);
		derive(what, id);
		hex_encode(id, 16, keys[i].enroll_id);
		snprintf(what, sizeof what, "enrollment secret %s", keys[i].name);
		derive(what, keys[i].enroll_file_secret);
		/* Ten digits from fixed bytes, then the MOD 97-10 check digits. */
		unsigned char cb[32];
		uint64_t n = 0;
		char digits[ENROLL_CODE_DIGITS + 1];
		snprintf(what, sizeof what, "enrollment code %s", keys[i].name);
		derive(what, cb);
		for (int d = 0; d < ENROLL_CODE_DIGITS - 2; d++)
			n = n * 10 + cb[d] % 10;
		snprintf(digits, sizeof digits, "%010llu%02llu", (unsigned long long)n,
			 (unsigned long long)(98 - (n * 100) % 97));
		snprintf(keys[i].enroll_code, sizeof keys[i].enroll_code, "%.4s-%.4s-%.4s", digits,
			 digits + 4, digits + 8);
		if (!enrollment_code_parse(keys[i].enroll_code, digits)) {
			fprintf(stderr, "bad code %s\n", keys[i].enroll_code);
			exit(2);
		}
		enrollment_code_secret(keys[i].enroll_file_secret, digits, keys[i].enroll_secret);
	}
}

static void
put_hex(FILE *f, const char *name, const unsigned char *p, size_t n)
{
	char *hex = xmalloc(2 * n + 1);
	hex_encode(p, n, hex);
	fprintf(f, "%s %s\n", name, hex);
	free(hex);
}

static void
write_keys(void)
{
	char *path = xasprintf("%s/keys.txt", outdir);
	FILE *f = fopen(path, "w");
	if (f == NULL) {
		perror(path);
		exit(2);
	}
	fprintf(f, "# keys.txt: TEST-ONLY keys of tests/vectors, made by make-vectors.c from fixed\n"
		   "# seeds. They are public: nothing real may ever be signed or encrypted with them.\n"
		   "# Lines are \"name value\"; binary values in lower-case hex.\n");
	put_hex(f, "central.sign_seed", central_seed, 32);
	put_hex(f, "central.sign_pk", central_sign_pk, 32);
	put_hex(f, "central.box_sk", central_box_sk, 32);
	put_hex(f, "central.box_pk", central_box_pk, 32);
	put_hex(f, "other_central.box_sk", other_box_sk, 32);
	put_hex(f, "other_central.box_pk", other_box_pk, 32);
	for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
		char name[64];
		fprintf(f, "key.%s.unit %s\n", keys[i].name, keys[i].code);
		snprintf(name, sizeof name, "key.%s.sign_seed", keys[i].name);
		put_hex(f, name, keys[i].seed, 32);
		snprintf(name, sizeof name, "key.%s.sign_pk", keys[i].name);
		put_hex(f, name, keys[i].pk, 32);
		fprintf(f, "key.%s.enroll_id %s\n", keys[i].name, keys[i].enroll_id);
		snprintf(name, sizeof name, "key.%s.enroll_file_secret", keys[i].name);
		put_hex(f, name, keys[i].enroll_file_secret, 32);
		fprintf(f, "key.%s.enroll_code %s\n", keys[i].name, keys[i].enroll_code);
		snprintf(name, sizeof name, "key.%s.enroll_secret", keys[i].name);
		put_hex(f, name, keys[i].enroll_secret, 32);
	}
	fclose(f);
	free(path);
}

static void
write_file(const char *name, const void *data, size_t len)
{
	char *path = xasprintf("%s/%s", outdir, name);
	FILE *f = fopen(path, "wb");
	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
	free(path);
}

static void
entry(const char *file, const char *kind, const char *expected, const char *setup, const char *why)
{
	fprintf(manifest, "%s\t%s\t%s\t%s\t%s\n", file, kind, expected, setup, why);
}

static char *
report_for(const struct unitkey *k, int year)
{
	return xasprintf("{\"template\": \"bao-cao-nam\", \"template_version\": 1, \"unit\":"
			 " {\"code\": \"%s\", \"name\": \"%s\"}, \"year\": %d, \"revision\": 1}",
			 k->code, k->unit_name, year);
}

static void
request(struct pack_request *req, const struct unitkey *signer, const char *unit,
	const unsigned char *recipient, const char *report)
{
	memset(req, 0, sizeof *req);
	snprintf(req->meta.unit, sizeof req->meta.unit, "%s", unit);
	req->meta.year = YEAR;
	req->meta.revision = 1;
	memcpy(req->meta.recipient, recipient, BOX_PK_BYTES);
	memcpy(req->meta.signer, signer->pk, SIGN_PK_BYTES);
	snprintf(req->meta.template_id, sizeof req->meta.template_id, "bao-cao-nam");
	req->meta.template_version = 1;
	req->report = report;
	req->report_len = strlen(report);
	req->sign_sk = signer->sk;
}

/* Packs with the real writer into name; returns the binary form. */
static unsigned char *
pack(struct pack_request *req, const char *name, bool armor, size_t *len)
{
	char *path = xasprintf("%s/%s", outdir, name);
	unsigned char hash[HASH_BYTES], *data;
	struct err e;
	unlink(path); /* bundle_pack never replaces a file: the last run's goes first */
	if (bundle_pack(req, path, armor, hash, &e) != ST_OK ||
	    container_read(path, "BUNDLE", BUNDLE_MAX_BYTES, &data, len, &e) != ST_OK) {
		fprintf(stderr, "%s: %s\n", path, e.msg);
		exit(2);
	}
	free(path);
	return data;
}

/* Packs with the real writer and keeps only the binary form in memory. */
static unsigned char *
pack_mem(struct pack_request *req, size_t *len)
{
	unsigned char *data = pack(req, "tmp.xhht", false, len);
	char *path = xasprintf("%s/tmp.xhht", outdir);
	unlink(path);
	free(path);
	return data;
}

static void
write_altered(const char *name, const unsigned char *data, size_t len, size_t at,
	      unsigned char xor_mask)
{
	unsigned char *copy = xmalloc(len);
	memcpy(copy, data, len);
	copy[at] ^= xor_mask;
	write_file(name, copy, len);
	free(copy);
}

static char *
to_crlf(const char *text, size_t len, size_t *outlen)
{
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			buf_addc(&b, '\r');
		buf_addc(&b, text[i]);
	}
	*outlen = b.len;
	return buf_steal(&b);
}

static bool
mem_read(void *ctx, uint64_t offset, unsigned char *buf, size_t len)
{
	memcpy(buf, (const unsigned char *)ctx + offset, len);
	return true;
}

static void
bundles(unsigned char bundle_id[BUNDLE_ID_BYTES], unsigned char bundle_hash[HASH_BYTES])
{
	struct pack_request req;
	size_t len, n, vlen;
	unsigned char *valid, *data;
	char *report_a = report_for(KEY_A, YEAR), *text;

	/* Valid, in both forms, and the armor with CRLF line ends. */
	request(&req, KEY_A, KEY_A->code, central_box_pk, report_a);
	valid = pack(&req, "valid.xhht", false, &vlen);
	memcpy(bundle_id, req.meta.id, BUNDLE_ID_BYTES);
	hash_bytes(valid, vlen, bundle_hash);
	entry("valid.xhht", "bundle", "ok", "bound:A", "valid, binary");
	entry("valid.xhht", "bundle", "unknown-signer", "-", "the signer's key is not bound");
	entry("valid.xhht", "bundle", "revoked-key", "revoked:A", "the signer's key was revoked");
	entry("valid.xhht", "bundle", "revoked-key", "bound:A bound:A2",
	      "the signer's key was replaced by a newer key of the unit");
	request(&req, KEY_A, KEY_A->code, central_box_pk, report_a);
	free(pack(&req, "valid-armored.xhht", true, &n));
	entry("valid-armored.xhht", "bundle", "ok", "bound:A", "valid, armored");
	char *path = xasprintf("%s/valid-armored.xhht", outdir);
	struct err e;
	size_t tlen;
	if (file_read(path, 1 << 20, &text, &tlen, &e) != ST_OK) {
		fprintf(stderr, "%s\n", e.msg);
		exit(2);
	}
	free(path);
	char *crlf = to_crlf(text, tlen, &n);
	write_file("valid-crlf.xhht", crlf, n);
	free(crlf);
	entry("valid-crlf.xhht", "bundle", "ok", "bound:A", "valid, armored with CRLF line ends");

	/* Armor: a 77-column line, and the same content with its padding bits set. */
	{
		char *bad = xstrdup(text);
		char *l1 = strchr(bad, '\n') + 1, *l2 = l1 + ARMOR_LINE + 1;
		/* Move line 2's first character to the end of line 1. */
		char c = *l2;
		memmove(l1 + ARMOR_LINE + 1, l1 + ARMOR_LINE, 1);
		l1[ARMOR_LINE] = c;
		write_file("armor-long-line.xhht", bad, tlen);
		entry("armor-long-line.xhht", "bundle", "not-a-bundle", "bound:A",
		      "valid-armored.xhht with a 77-column line, then a 75-column one");
		free(bad);
	}
	free(text);

	/* An attachment; its size puts padding into the armor below. */
	struct bundle_attachment att = {.name = "Quyết định.pdf", .type = "application/pdf",
					.read = mem_read};
	static const char pdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n"
				  "%%EOF\n%%EOF\n";
	att.ctx = (void *)pdf;
	for (att.size = sizeof pdf - 3;; att.size++) {
		request(&req, KEY_A, KEY_A->code, central_box_pk, report_a);
		req.att = &att;
		req.natt = 1;
		data = pack_mem(&req, &len);
		if (len % 3 == 1)
			break;
		free(data);
	}
	write_file("valid-attachment.xhht", data, len);
	entry("valid-attachment.xhht", "bundle", "ok", "bound:A", "valid, with a PDF attachment");
	{
		/* 1 byte left over: its last base64 character has 4 padding bits, set one. */
		text = armor_encode("BUNDLE", data, len, &tlen);
		char *pad = strstr(text, "==\n") - 1;
		*pad = (char)(*pad + 1);
		write_file("armor-noncanonical.xhht", text, tlen);
		entry("armor-noncanonical.xhht", "bundle", "not-a-bundle", "bound:A",
		      "valid-attachment.xhht armored with a padding bit set (non-canonical base64)");
		free(text);
	}
	free(data);

	/* A first bundle: a new key proving the unit's enrollment secret. */
	request(&req, KEY_A2, KEY_A2->code, central_box_pk, report_a);
	req.meta.has_enroll = true;
	memcpy(req.meta.enroll_id, KEY_A2->enroll_id, sizeof req.meta.enroll_id);
	memcpy(req.meta.enroll_secret, KEY_A2->enroll_secret, ENROLL_SECRET_BYTES);
	free(pack(&req, "first-bundle.xhht", false, &n));
	entry("first-bundle.xhht", "bundle", "ok", "enrolled:A2",
	      "a new key proving the unit's one-time enrollment secret");
	entry("first-bundle.xhht", "bundle", "unknown-signer", "bound:A",
	      "a new key, and the central holds no such enrollment");
	entry("first-bundle.xhht", "bundle", "enrollment-reused", "used:A2",
	      "a new key proving an enrollment that already bound another key (an alarm)");

	/* An outsider holding the enrollment file but not its code: the file's secret proves
	 * nothing; trust is decided before the template, so nothing else is said. */
	request(&req, KEY_O, KEY_O->code, central_box_pk, report_a);
	snprintf(req.meta.template_id, sizeof req.meta.template_id, "khong-co");
	req.meta.has_enroll = true;
	memcpy(req.meta.enroll_id, KEY_A2->enroll_id, sizeof req.meta.enroll_id);
	memcpy(req.meta.enroll_secret, KEY_A2->enroll_file_secret, ENROLL_SECRET_BYTES);
	free(pack(&req, "outsider.xhht", false, &n));
	entry("outsider.xhht", "bundle", "unknown-signer", "enrolled:A2",
	      "key O with unit A's enrollment file but not its code, and an unknown template");

	/* A key change: A2 announced by A's signature over the key-change message. */
	request(&req, KEY_A2, KEY_A2->code, central_box_pk, report_a);
	req.meta.has_key_change = true;
	memcpy(req.meta.old_signer, KEY_A->pk, SIGN_PK_BYTES);
	{
		unsigned char msg[19 + 64 + SIGN_PK_BYTES];
		size_t mlen;
		key_change_message(KEY_A2->code, KEY_A2->pk, msg, &mlen);
		crypto_sign_detached(req.meta.key_change_sig, NULL, msg, mlen, KEY_A->sk);
		free(pack(&req, "key-change.xhht", false, &n));
		entry("key-change.xhht", "bundle", "ok", "bound:A",
		      "key A2 announced by the bound key A (key change)");
		entry("key-change.xhht", "bundle", "revoked-key", "revoked:A",
		      "a key change signed by a revoked key");
		entry("key-change.xhht", "bundle", "unknown-signer", "-",
		      "a key change signed by a key the central does not know");
		/* The same message signed by B's key while naming A as the old one. */
		crypto_sign_detached(req.meta.key_change_sig, NULL, msg, mlen, KEY_B->sk);
		free(pack(&req, "key-change-forged.xhht", false, &n));
		entry("key-change-forged.xhht", "bundle", "bad-signature", "bound:A",
		      "key_change names A as the old key but is signed by B");
	}

	/* The header's fields, one at a time. */
	write_altered("header-magic.xhht", valid, vlen, 0, 'X' ^ 'Y');
	entry("header-magic.xhht", "bundle", "not-a-bundle", "bound:A", "magic YHHTBDL");
	write_altered("header-version0.xhht", valid, vlen, 7, 1);
	entry("header-version0.xhht", "bundle", "format-too-old", "bound:A", "format version 0");
	write_altered("header-version2.xhht", valid, vlen, 7, 3);
	entry("header-version2.xhht", "bundle", "format-too-new", "bound:A", "format version 2");
	write_altered("header-keyid.xhht", valid, vlen, 8, 0x01);
	entry("header-keyid.xhht", "bundle", "not-for-us", "bound:A", "recipient key id altered");
	write_altered("header-ephemeral.xhht", valid, vlen, 16 + 5, 0x20);
	entry("header-ephemeral.xhht", "bundle", "damaged", "bound:A", "ephemeral key altered");
	write_altered("header-ephemeral-top-bit.xhht", valid, vlen, 16 + 31, 0x80);
	entry("header-ephemeral-top-bit.xhht", "bundle", "damaged", "bound:A",
	      "ephemeral key's top bit (ignored by X25519 itself) flipped");
	write_altered("header-stream.xhht", valid, vlen, 48 + 3, 0x04);
	entry("header-stream.xhht", "bundle", "damaged", "bound:A", "stream header altered");

	/* Recipients. */
	request(&req, KEY_A, KEY_A->code, other_box_pk, report_a);
	free(pack(&req, "wrong-recipient.xhht", false, &n));
	entry("wrong-recipient.xhht", "bundle", "not-for-us", "bound:A",
	      "encrypted for other_central");
	struct bundle_meta m = req.meta;
	memcpy(m.created, "2024-11-28T09:30:00Z", 21);
	data = craft_bundle(central_box_pk, &m, strlen(report_a), report_a, strlen(report_a), NULL, 0,
			    KEY_A->sk, -1, &n);
	write_file("signed-for-other.xhht", data, n);
	entry("signed-for-other.xhht", "bundle", "not-for-us", "bound:A",
	      "encrypted for this central, but META (signed) names other_central");
	free(data);

	/* Keys. */
	request(&req, KEY_B, KEY_A->code, central_box_pk, report_a);
	free(pack(&req, "other-unit-key.xhht", false, &n));
	entry("other-unit-key.xhht", "bundle", "wrong-unit", "bound:A bound:B",
	      "unit B's bound key signing a bundle for unit A");
	memcpy(m.recipient, central_box_pk, BOX_PK_BYTES);
	data = craft_bundle(central_box_pk, &m, strlen(report_a), report_a, strlen(report_a), NULL, 0,
			    KEY_A->sk, 17, &n);
	write_file("bad-signature.xhht", data, n);
	entry("bad-signature.xhht", "bundle", "bad-signature", "bound:A",
	      "decrypts and parses; one bit of the signature flipped");
	free(data);

	/* Lengths. */
	write_file("truncated.xhht", valid, vlen - 1);
	entry("truncated.xhht", "bundle", "damaged", "bound:A", "valid.xhht without its last byte");
	write_file("truncated-header.xhht", valid, 40);
	entry("truncated-header.xhht", "bundle", "damaged", "bound:A", "the first 40 bytes");
	write_file("truncated-tiny.xhht", valid, 5);
	entry("truncated-tiny.xhht", "bundle", "not-a-bundle", "bound:A", "the first 5 bytes");
	data = xmalloc(vlen + 1);
	memcpy(data, valid, vlen);
	data[vlen] = '\n';
	write_file("trailing.xhht", data, vlen + 1);
	entry("trailing.xhht", "bundle", "damaged", "bound:A", "valid.xhht and a newline");
	free(data);
	write_file("empty.xhht", "", 0);
	entry("empty.xhht", "bundle", "not-a-bundle", "-", "an empty file");
	unsigned char noise[300];
	derive("noise", noise);
	for (size_t i = 32; i < sizeof noise; i++)
		noise[i] = (unsigned char)(noise[i % 32] * 31 + i);
	write_file("random.bin", noise, sizeof noise);
	entry("random.bin", "bundle", "not-a-bundle", "-", "random bytes");

	/* Two chunks, valid and swapped. */
	{
		unsigned char *big = xmalloc(CHUNK);
		for (size_t i = 0; i < CHUNK; i++)
			big[i] = (unsigned char)(i * 7 + (i >> 8));
		struct bundle_attachment img = {
			.name = "scan.jpg", .type = "image/jpeg", .size = CHUNK - 100, .read = mem_read,
			.ctx = big};
		request(&req, KEY_A, KEY_A->code, central_box_pk, report_a);
		req.att = &img;
		req.natt = 1;
		data = pack_mem(&req, &len);
		size_t last = len - CRAFT_HEADER - SEALED;
		if (len <= CRAFT_HEADER + SEALED || last >= SEALED) {
			fprintf(stderr, "two-chunk bundle has %zu bytes\n", len);
			exit(2);
		}
		write_file("valid-two-chunks.xhht", data, len);
		entry("valid-two-chunks.xhht", "bundle", "ok", "bound:A",
		      "a full chunk, then a short final one");
		unsigned char *swapped = xmalloc(len);
		memcpy(swapped, data, CRAFT_HEADER);
		memcpy(swapped + CRAFT_HEADER, data + CRAFT_HEADER + SEALED, last);
		memcpy(swapped + CRAFT_HEADER + last, data + CRAFT_HEADER, SEALED);
		write_file("swapped-chunks.xhht", swapped, len);
		entry("swapped-chunks.xhht", "bundle", "damaged", "bound:A",
		      "valid-two-chunks.xhht with its two chunks in the other order");
		free(swapped);
		free(data);
		free(big);
	}

	/* META that says too much, or says it twice. */
	data = craft_bundle(central_box_pk, &m, BUNDLE_MAX_REPORT + 1, report_a, strlen(report_a),
			    NULL, 0, KEY_A->sk, -1, &n);
	write_file("meta-oversize.xhht", data, n);
	entry("meta-oversize.xhht", "bundle", "too-large", "bound:A",
	      "signed META declares report_size 8 MiB + 1 (the report is small)");
	free(data);
	{
		struct craft cr;
		struct buf meta;
		struct bundle_attachment big = {
			.name = "a.pdf", .type = "application/pdf", .size = BUNDLE_MAX_ATTACHMENT + 1};
		craft_begin(&cr, central_box_pk);
		buf_init(&meta);
		craft_meta(&meta, &m, strlen(report_a), &big, 1);
		craft_record(&cr, CR_META, meta.data, meta.len);
		buf_free(&meta);
		craft_record(&cr, CR_REPORT, report_a, strlen(report_a));
		craft_record(&cr, CR_ATTACHMENT, "%PDF", 4);
		craft_sign(&cr, KEY_A->sk, -1);
		data = craft_seal(&cr, &n);
		write_file("meta-attachment-oversize.xhht", data, n);
		entry("meta-attachment-oversize.xhht", "bundle", "too-large", "bound:A",
		      "signed META declares an attachment of 32 MiB + 1 (4 bytes are there)");
		free(data);
	}
	{
		struct bundle_attachment two[2] = {
			{.name = "a.pdf", .type = "application/pdf", .size = 4,
			 .data = (unsigned char *)"%PDF"},
			{.name = "a.pdf", .type = "application/pdf", .size = 4,
			 .data = (unsigned char *)"%PDF"},
		};
		data = craft_bundle(central_box_pk, &m, strlen(report_a), report_a, strlen(report_a),
				    two, 2, KEY_A->sk, -1, &n);
		write_file("meta-duplicate-names.xhht", data, n);
		entry("meta-duplicate-names.xhht", "bundle", "damaged", "bound:A",
		      "signed META lists two attachments named a.pdf");
		free(data);
	}
	{
		static const struct {
			const char *file, *name, *type, *why;
		} bad_att[] = {
			{"meta-attachment-slash.xhht", "a/b.pdf", "application/pdf",
			 "signed META names an attachment a/b.pdf (a folder)"},
			{"meta-attachment-dotdot.xhht", "..", "application/pdf",
			 "signed META names an attachment .."},
			{"meta-attachment-control.xhht", "a\033[2Jb.pdf", "application/pdf",
			 "signed META names an attachment with an ESC control character"},
			{"meta-attachment-type.xhht", "a.html", "text/html",
			 "signed META gives an attachment the type text/html"},
			{"meta-attachment-dash.xhht", "-rf.pdf", "application/pdf",
			 "signed META names an attachment -rf.pdf (taken for an option)"},
			{"meta-attachment-bidi.xhht", "scan\342\200\256fdp.exe", "application/pdf",
			 "signed META names an attachment with U+202E (shown reversed)"},
		};
		for (size_t i = 0; i < ARRAY_LEN(bad_att); i++) {
			struct bundle_attachment one = {.name = (char *)bad_att[i].name,
							.type = (char *)bad_att[i].type, .size = 4,
							.data = (unsigned char *)"%PDF"};
			data = craft_bundle(central_box_pk, &m, strlen(report_a), report_a,
					    strlen(report_a), &one, 1, KEY_A->sk, -1, &n);
			write_file(bad_att[i].file, data, n);
			entry(bad_att[i].file, "bundle", "damaged", "bound:A", bad_att[i].why);
			free(data);
		}
	}
	{
		/* A unit code outside the alphabet (6.1), in META and in the report alike. */
		struct bundle_meta mx = m;
		snprintf(mx.unit, sizeof mx.unit, "../BVDKM");
		char *report_x = xasprintf("{\"template\": \"bao-cao-nam\", \"template_version\": 1,"
					   " \"unit\": {\"code\": \"../BVDKM\", \"name\": \"X\"},"
					   " \"year\": %d, \"revision\": 1}", YEAR);
		data = craft_bundle(central_box_pk, &mx, strlen(report_x), report_x, strlen(report_x),
				    NULL, 0, KEY_A->sk, -1, &n);
		write_file("meta-unit-code.xhht", data, n);
		entry("meta-unit-code.xhht", "bundle", "damaged", "bound:A",
		      "signed META names the unit ../BVDKM, outside the unit code alphabet");
		free(data);
		free(report_x);
	}
	{
		struct bundle_meta mx = m;
		mx.has_enroll = true;
		memcpy(mx.enroll_id, "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", 33);
		memcpy(mx.enroll_secret, KEY_A->enroll_secret, ENROLL_SECRET_BYTES);
		data = craft_bundle(central_box_pk, &mx, strlen(report_a), report_a,
				    strlen(report_a), NULL, 0, KEY_A->sk, -1, &n);
		write_file("meta-enrollment-id.xhht", data, n);
		entry("meta-enrollment-id.xhht", "bundle", "damaged", "bound:A",
		      "signed META's enrollment id is 32 characters but not hex");
		free(data);
	}

	/* The content. */
	request(&req, KEY_A, KEY_A->code, central_box_pk, report_a);
	snprintf(req.meta.template_id, sizeof req.meta.template_id, "khong-co");
	free(pack(&req, "unknown-template.xhht", false, &n));
	entry("unknown-template.xhht", "bundle", "unknown-template", "bound:A",
	      "template khong-co version 1");
	char *report_2023 = report_for(KEY_A, 2023);
	request(&req, KEY_A, KEY_A->code, central_box_pk, report_2023);
	free(pack(&req, "invalid-report.xhht", false, &n));
	entry("invalid-report.xhht", "bundle", "invalid-report", "bound:A",
	      "META says 2024, the report inside is for 2023");
	free(report_2023);
	request(&req, KEY_A, KEY_A->code, central_box_pk, report_a);
	req.meta.revision = 2;
	free(pack(&req, "report-revision.xhht", false, &n));
	entry("report-revision.xhht", "bundle", "invalid-report", "bound:A",
	      "META says revision 2, the report inside says 1");
	free(valid);
	free(report_a);
}

static void
signed_docs(const unsigned char bundle_id[BUNDLE_ID_BYTES],
	    const unsigned char bundle_hash[HASH_BYTES])
{
	struct enrollment en = {.unit_name = (char *)KEY_A->unit_name,
				.created = "2024-11-01T02:00:00Z"};
	unsigned char *doc, other_seed[32], other_pk[32], other_sk[64];
	size_t len, alen;
	char *text;

	derive("another signing key", other_seed);
	crypto_sign_seed_keypair(other_pk, other_sk, other_seed);

	snprintf(en.unit_code, sizeof en.unit_code, "%s", KEY_A->code);
	memcpy(en.central_sign, central_sign_pk, SIGN_PK_BYTES);
	memcpy(en.central_box, central_box_pk, BOX_PK_BYTES);
	memcpy(en.id, KEY_A2->enroll_id, sizeof en.id);
	memcpy(en.secret, KEY_A2->enroll_file_secret, ENROLL_SECRET_BYTES);
	enrollment_make(&en, central_sign_sk, &doc, &len);
	write_file("enrollment.bin", doc, len);
	entry("enrollment.bin", "enrollment", "ok", "-",
	      "unit A's enrollment: key A2's file secret; with key A2's code it gives its secret");
	text = armor_encode("ENROLLMENT", doc, len, &alen);
	write_file("enrollment-armored.txt", text, alen);
	entry("enrollment-armored.txt", "enrollment", "ok", "-", "the same, armored");
	free(text);
	char *at = memmem(doc, len, "Minh", 4);
	at[0] = 'N';
	write_file("enrollment-tampered.bin", doc, len);
	entry("enrollment-tampered.bin", "enrollment", "refused", "-", "the unit's name altered");
	free(doc);
	enrollment_make(&en, other_sk, &doc, &len);
	write_file("enrollment-resigned.bin", doc, len);
	entry("enrollment-resigned.bin", "enrollment", "refused", "-",
	      "names the central's key but is signed by another");
	free(doc);
	/* A receiving key of low order (all zero): no bundle could ever reach the central. */
	struct enrollment low = en;
	memset(low.central_box, 0, BOX_PK_BYTES);
	enrollment_make(&low, central_sign_sk, &doc, &len);
	write_file("enrollment-low-order-box.bin", doc, len);
	entry("enrollment-low-order-box.bin", "enrollment", "refused", "-",
	      "central.box is the all-zero (low-order) X25519 key; signature valid");
	free(doc);
	/* Format 1 (before codes): the same body with format 1, version byte 1, signed. */
	{
		enrollment_make(&en, central_sign_sk, &doc, &len);
		char *fmt = memmem(doc, len, "\"format\":2", 10);
		fmt[9] = '1';
		doc[7] = 1;
		crypto_sign_state st;
		crypto_sign_init(&st);
		crypto_sign_update(&st, (const unsigned char *)"xhht enrollment v1", 19);
		crypto_sign_update(&st, doc, len - SIG_BYTES);
		crypto_sign_final_create(&st, doc + len - SIG_BYTES, NULL, central_sign_sk);
		write_file("enrollment-format1.bin", doc, len);
		entry("enrollment-format1.bin", "enrollment", "refused", "-",
		      "format 1 (no code), otherwise valid and signed: made before codes existed");
		free(doc);
	}
	/* The Ministry's e-mail address, an optional field of format 2 (files without it, like
	 * enrollment.bin, are read as before). */
	snprintf(en.email, sizeof en.email, "baocao@moh.gov.vn");
	enrollment_make(&en, central_sign_sk, &doc, &len);
	write_file("enrollment-email.bin", doc, len);
	entry("enrollment-email.bin", "enrollment", "ok", "-",
	      "enrollment.bin with central.email baocao@moh.gov.vn");
	free(doc);
	snprintf(en.email, sizeof en.email, "baocao moh.gov.vn");
	enrollment_make(&en, central_sign_sk, &doc, &len);
	write_file("enrollment-email-bad.bin", doc, len);
	entry("enrollment-email-bad.bin", "enrollment", "refused", "-",
	      "central.email is not an address (\"baocao moh.gov.vn\"); signature valid");
	free(doc);
	en.email[0] = '\0';

	struct receipt r = {.year = YEAR, .revision = 1, .outcome = RO_MERGED,
			    .time = "2024-11-28T09:30:00Z"};
	snprintf(r.unit, sizeof r.unit, "%s", KEY_A->code);
	memcpy(r.bundle_id, bundle_id, sizeof r.bundle_id);
	memcpy(r.bundle_hash, bundle_hash, HASH_BYTES);
	receipt_make(&r, central_sign_sk, &doc, &len);
	text = armor_encode("RECEIPT", doc, len, &alen);
	write_file("receipt.receipt", text, alen);
	entry("receipt.receipt", "receipt", "ok", "-", "merged, for valid.xhht");
	free(text);
	at = memmem(doc, len, "merged", 6);
	memcpy(at, "older\"", 6);
	at = memmem(doc, len, "\",\"reason", 9);
	at[0] = ' '; /* "older" followed by a space, the same length */
	text = armor_encode("RECEIPT", doc, len, &alen);
	write_file("receipt-tampered.receipt", text, alen);
	entry("receipt-tampered.receipt", "receipt", "refused", "-",
	      "outcome changed (armor itself valid)");
	free(text);
	free(doc);
	receipt_make(&r, other_sk, &doc, &len);
	text = armor_encode("RECEIPT", doc, len, &alen);
	write_file("receipt-other-key.receipt", text, alen);
	entry("receipt-other-key.receipt", "receipt", "refused", "-", "signed by another key");
	free(text);
	free(doc);
}

int
main(int argc, char **argv)
{
	unsigned char id[BUNDLE_ID_BYTES], hash[HASH_BYTES];
	if (argc != 2) {
		fprintf(stderr, "usage: make-vectors FOLDER\n");
		return 2;
	}
	if (sodium_init() < 0)
		return 2;
	outdir = argv[1];
	make_keys();
	write_keys();
	char *path = xasprintf("%s/MANIFEST.tsv", outdir);
	manifest = fopen(path, "w");
	if (manifest == NULL) {
		perror(path);
		return 2;
	}
	fprintf(manifest,
		"# MANIFEST.tsv: the vectors of this folder and what reading each must give; made by\n"
		"# make-vectors.c, checked by tests/unit/test_vectors.c. Columns: file, kind, expected,\n"
		"# setup, why. kind bundle: read in either form, then opened as the central of keys.txt;\n"
		"# expected is a refusal class (docs/bundle-format.md 7.9), or ok; an armor block that\n"
		"# breaks the rules of section 9 is not-a-bundle, as the importer reports it.\n"
		"# enrollment, receipt: read and verified (receipts with central.sign_pk): ok or\n"
		"# refused. setup: the central's keys before opening, space-separated: bound:K binds\n"
		"# key K (keys.txt key.K) to its unit, revoked:K binds it then revokes the unit's keys,\n"
		"# enrolled:K records an enrollment with key.K's id and secret, used:K records it\n"
		"# as already used (it bound another key); - for none.\n");
	bundles(id, hash);
	signed_docs(id, hash);
	fclose(manifest);
	free(path);
	return 0;
}
