/* bundle_craft.h: a second writer of format-1 bundles for tests (test_bundle.c, make-vectors.c),
 * written again from the format rather than calling bundle.c, so tests can make bundles the
 * real writer never would (a bad signature, a lying META) that still decrypt. */
#ifndef XHHT_BUNDLE_CRAFT_H
#define XHHT_BUNDLE_CRAFT_H

#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "util.h"

/* Magic and version 8, recipient key id 8, ephemeral key 32, stream header 24. */
#define CRAFT_HEADER 72
#define CRAFT_CHUNK 65536
#define CRAFT_ABYTES crypto_secretstream_xchacha20poly1305_ABYTES

enum craft_record { CR_META = 1, CR_REPORT = 2, CR_ATTACHMENT = 3, CR_SIGNATURE = 4 };

struct craft {
	/* Tests may alter it after craft_begin: the signature and the first chunk's associated
	 * data then cover the altered bytes, so only the alteration itself is wrong. */
	unsigned char header[CRAFT_HEADER];
	crypto_secretstream_xchacha20poly1305_state ss;
	struct buf pt; /* the plaintext: records, then the signature record */
};

/* The 8-byte key id: BLAKE2b-256("xhht key id v1" || key), first 8 bytes. */
static inline void
craft_key_id(const unsigned char *pk, unsigned char id[8])
{
	crypto_generichash_state st;
	unsigned char h[32];
	crypto_generichash_init(&st, NULL, 0, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)"xhht key id v1", 14);
	crypto_generichash_update(&st, pk, 32);
	crypto_generichash_final(&st, h, sizeof h);
	memcpy(id, h, 8);
}

/* Header for recipient_pk: a fresh ephemeral X25519 key, the stream key derived from the shared
 * secret and both public keys, a fresh secretstream header. */
static inline void
craft_begin(struct craft *c, const unsigned char *recipient_pk)
{
	unsigned char eph_sk[32], shared[32], key[32];
	crypto_generichash_state st;

	memcpy(c->header, "XHHTBDL", 7);
	c->header[7] = 1;
	craft_key_id(recipient_pk, c->header + 8);
	randombytes_buf(eph_sk, sizeof eph_sk);
	crypto_scalarmult_base(c->header + 16, eph_sk);
	if (crypto_scalarmult(shared, eph_sk, recipient_pk) != 0)
		abort();
	crypto_generichash_init(&st, NULL, 0, sizeof key);
	crypto_generichash_update(&st, (const unsigned char *)"xhht bundle key v1", 18);
	crypto_generichash_update(&st, shared, 32);
	crypto_generichash_update(&st, c->header + 16, 32);
	crypto_generichash_update(&st, recipient_pk, 32);
	crypto_generichash_final(&st, key, sizeof key);
	crypto_secretstream_xchacha20poly1305_init_push(&c->ss, c->header + 48, key);
	buf_init(&c->pt);
}

/* A record: type byte, 64-bit little-endian length, the bytes. */
static inline void
craft_record(struct craft *c, enum craft_record type, const void *data, size_t len)
{
	unsigned char head[9];
	head[0] = (unsigned char)type;
	for (int i = 0; i < 8; i++)
		head[1 + i] = (unsigned char)((uint64_t)len >> (8 * i));
	buf_add(&c->pt, head, sizeof head);
	buf_add(&c->pt, data, len);
}

/* The signature: Ed25519ph over "xhht bundle v1" with its NUL, the header, every record so far. */
static inline void
craft_signature(const struct craft *c, const unsigned char *sign_sk,
		unsigned char sig[crypto_sign_BYTES])
{
	crypto_sign_state st;
	crypto_sign_init(&st);
	crypto_sign_update(&st, (const unsigned char *)"xhht bundle v1", 15);
	crypto_sign_update(&st, c->header, CRAFT_HEADER);
	crypto_sign_update(&st, (const unsigned char *)c->pt.data, c->pt.len);
	crypto_sign_final_create(&st, sig, NULL, sign_sk);
}

/* The signature record; flip_bit >= 0 flips that bit of the signature. */
static inline void
craft_sign(struct craft *c, const unsigned char *sign_sk, int flip_bit)
{
	unsigned char sig[crypto_sign_BYTES];
	craft_signature(c, sign_sk, sig);
	if (flip_bit >= 0)
		sig[flip_bit / 8] ^= (unsigned char)(1u << (flip_bit % 8));
	craft_record(c, CR_SIGNATURE, sig, sizeof sig);
}

/* The binary bundle: the header, then the plaintext in 64 KiB chunks, every one full but the
 * last, which carries the final tag (and may be full too); the first has the header as its
 * associated data. empty_final adds an empty final chunk instead (a second encoding of the
 * same plaintext, which writers never make). */
static inline unsigned char *
craft_seal_as(struct craft *c, bool empty_final, size_t *len)
{
	size_t n = c->pt.len, nchunks = n == 0 ? 1 : (n + CRAFT_CHUNK - 1) / CRAFT_CHUNK;
	size_t total = nchunks + (empty_final ? 1 : 0);
	unsigned char *out = xmalloc(CRAFT_HEADER + n + total * CRAFT_ABYTES);
	size_t pos = CRAFT_HEADER;
	memcpy(out, c->header, CRAFT_HEADER);
	for (size_t i = 0; i < total; i++) {
		size_t off = i < nchunks ? i * CRAFT_CHUNK : n;
		size_t k = n - off < CRAFT_CHUNK ? n - off : CRAFT_CHUNK;
		unsigned long long clen;
		bool last = i + 1 == total;
		crypto_secretstream_xchacha20poly1305_push(
			&c->ss, out + pos, &clen, (const unsigned char *)c->pt.data + off, k,
			i == 0 ? c->header : NULL, i == 0 ? CRAFT_HEADER : 0,
			last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
			     : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
		pos += (size_t)clen;
	}
	sodium_memzero(c->pt.data, c->pt.len);
	buf_free(&c->pt);
	*len = pos;
	return out;
}

static inline unsigned char *
craft_seal(struct craft *c, size_t *len)
{
	return craft_seal_as(c, false, len);
}

static inline void
craft_b64(struct buf *b, const unsigned char *p, size_t n)
{
	char out[128];
	sodium_bin2base64(out, sizeof out, p, n, sodium_base64_VARIANT_ORIGINAL);
	buf_adds(b, out);
}

/* META as format 1 writes it. Names and codes are written unescaped: tests use plain ones.
 * report_size and the attachments' sizes are what META declares, true or not. */
static inline void
craft_meta(struct buf *b, const struct bundle_meta *m, uint64_t report_size,
	   const struct bundle_attachment *att, size_t natt)
{
	char hex[2 * BUNDLE_ID_BYTES + 1];
	sodium_bin2hex(hex, sizeof hex, m->id, BUNDLE_ID_BYTES);
	buf_printf(b, "{\"format\":1,\"unit\":\"%s\",\"year\":%d,\"revision\":%d,\"id\":\"%s\",",
		   m->unit, m->year, m->revision, hex);
	buf_printf(b, "\"created\":\"%s\",\"recipient\":\"", m->created);
	craft_b64(b, m->recipient, 32);
	buf_adds(b, "\",\"signer\":\"");
	craft_b64(b, m->signer, 32);
	buf_printf(b, "\",\"template\":\"%s\",\"template_version\":%d,\"report_size\":%llu,",
		   m->template_id, m->template_version, (unsigned long long)report_size);
	buf_adds(b, "\"attachments\":[");
	for (size_t i = 0; i < natt; i++)
		buf_printf(b, "%s{\"name\":\"%s\",\"type\":\"%s\",\"size\":%llu}", i ? "," : "",
			   att[i].name, att[i].type, (unsigned long long)att[i].size);
	buf_adds(b, "]");
	if (m->has_enroll) {
		buf_printf(b, ",\"enrollment\":{\"id\":\"%s\",\"secret\":\"", m->enroll_id);
		craft_b64(b, m->enroll_secret, 32);
		buf_adds(b, "\"}");
	}
	if (m->has_key_change) {
		buf_adds(b, ",\"key_change\":{\"old\":\"");
		craft_b64(b, m->old_signer, 32);
		buf_adds(b, "\",\"signature\":\"");
		craft_b64(b, m->key_change_sig, 64);
		buf_adds(b, "\"}");
	}
	buf_adds(b, "}");
}

/* A whole bundle for recipient_pk: META from m (report_size as declared), the report, the
 * attachments' data, a signature with sign_sk (flip_bit as in craft_sign). */
static inline unsigned char *
craft_bundle(const unsigned char *recipient_pk, const struct bundle_meta *m,
	     uint64_t declared_report_size, const char *report, size_t report_len,
	     const struct bundle_attachment *att, size_t natt, const unsigned char *sign_sk,
	     int flip_bit, size_t *len)
{
	struct craft c;
	struct buf meta;
	craft_begin(&c, recipient_pk);
	buf_init(&meta);
	craft_meta(&meta, m, declared_report_size, att, natt);
	craft_record(&c, CR_META, meta.data, meta.len);
	buf_free(&meta);
	craft_record(&c, CR_REPORT, report, report_len);
	for (size_t i = 0; i < natt; i++)
		craft_record(&c, CR_ATTACHMENT, att[i].data, (size_t)att[i].size);
	craft_sign(&c, sign_sk, flip_bit);
	return craft_seal(&c, len);
}

#endif
