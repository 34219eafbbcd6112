/* crypto.c: secure memory, secret-key files (Argon2id + XChaCha20-Poly1305), key ids. */
#include "crypto.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

/* Secret-key file layout (all integers little-endian):
 *   0  magic "XHHTKEY" + format version 1      8
 *   8  kind                                     1
 *   9  reserved (0)                             3
 *  12  Argon2id opslimit                        4
 *  16  Argon2id memlimit in KiB                 4
 *  20  salt                                    16
 *  36  nonce                                   24
 *  60  public key length                        2
 *  62  public key                               n
 *  ..  XChaCha20-Poly1305(secret), AD = every byte before it */
#define KF_MAGIC "XHHTKEY\x01"
#define KF_FIXED 62
/* Stored parameters are capped when read back, so a planted key file cannot make us spend
 * minutes or gigabytes deriving a key. */
#define KF_OPS 3
#define KF_MEM_KIB (64u * 1024)
#define KF_MAX_OPS 10
#define KF_MAX_MEM_KIB (1024u * 1024)

static size_t
kind_secret_len(enum keyfile_kind kind)
{
	return kind == KEYFILE_UNIT ? SIGN_SK_BYTES + ENROLL_SECRET_BYTES
				    : SIGN_SK_BYTES + BOX_SK_BYTES;
}

struct secret *
secret_new(size_t len)
{
	struct secret *s = xcalloc(1, sizeof *s);
	s->bytes = sodium_malloc(len ? len : 1);
	if (s->bytes == NULL) {
		static const char msg[] = "xhht: out of secure memory\n";
		(void)!write(2, msg, sizeof msg - 1);
		abort();
	}
	s->len = len;
	return s;
}

void
secret_free(struct secret *s)
{
	if (s == NULL)
		return;
	sodium_free(s->bytes); /* wipes before releasing */
	free(s);
}

struct secret *
passphrase_from_bytes(const char *p, size_t len)
{
	struct secret *s = secret_new(len);
	memcpy(s->bytes, p, len);
	return s;
}

static enum status
derive(unsigned char key[32], const struct secret *pass, const unsigned char *salt, uint32_t ops,
       uint32_t mem_kib, struct err *e)
{
	if (crypto_pwhash(key, 32, (const char *)pass->bytes, pass->len, salt, ops,
			  (size_t)mem_kib * 1024, crypto_pwhash_ALG_ARGON2ID13) != 0) {
		err_set(e, L("không đủ bộ nhớ để mở khóa bí mật", "not enough memory to open the secret key"));
		return ST_ENV;
	}
	return ST_OK;
}

enum status
keyfile_write(const char *path, enum keyfile_kind kind, const unsigned char *pub, size_t publen,
	      const struct secret *sk, const struct secret *pass, struct err *e)
{
	size_t n = KF_FIXED + publen + sk->len + crypto_aead_xchacha20poly1305_ietf_ABYTES;
	unsigned char *buf = xcalloc(1, n);
	unsigned char *key = sodium_malloc(32);
	enum status st = ST_ENV;

	if (key == NULL)
		abort();
	memcpy(buf, KF_MAGIC, 8);
	buf[8] = (unsigned char)kind;
	le_put(buf + 12, KF_OPS, 4);
	le_put(buf + 16, KF_MEM_KIB, 4);
	randombytes_buf(buf + 20, 16);
	randombytes_buf(buf + 36, 24);
	buf[60] = (unsigned char)publen;
	buf[61] = (unsigned char)(publen >> 8);
	memcpy(buf + KF_FIXED, pub, publen);
	if (derive(key, pass, buf + 20, KF_OPS, KF_MEM_KIB, e) != ST_OK)
		goto done;
	crypto_aead_xchacha20poly1305_ietf_encrypt(buf + KF_FIXED + publen, NULL, sk->bytes, sk->len,
						   buf, KF_FIXED + publen, NULL, buf + 36, key);
	/* 0600 from creation: the file never exists with wider permissions. */
	if (file_write_atomic_mode(path, buf, n, 0600, e) != ST_OK)
		goto done;
	st = ST_OK;
done:
	sodium_free(key);
	free(buf);
	return st;
}

enum status
keyfile_read(const char *path, enum keyfile_kind kind, const struct secret *pass,
	     struct secret **skp, unsigned char *pub, size_t publen, struct err *e)
{
	char *data = NULL;
	size_t len, slen = kind_secret_len(kind);
	const unsigned char *buf;
	unsigned char *key;
	struct secret *sk;
	enum status st;

	*skp = NULL;
	if ((st = file_read_secret(path, 4096, &data, &len, e)) != ST_OK)
		return ST_ENV;
	buf = (const unsigned char *)data;
	if (len != KF_FIXED + publen + slen + crypto_aead_xchacha20poly1305_ietf_ABYTES ||
	    memcmp(buf, KF_MAGIC, 8) != 0 || buf[8] != kind || buf[9] || buf[10] || buf[11] ||
	    (size_t)(buf[60] | buf[61] << 8) != publen) {
		err_set(e, L("%s không phải tệp khóa bí mật hợp lệ của xhht",
			     "%s is not a valid xhht secret-key file"),
			path);
		free(data);
		return ST_ENV;
	}
	uint32_t ops = (uint32_t)le_get(buf + 12, 4), mem = (uint32_t)le_get(buf + 16, 4);
	if (ops < 1 || ops > KF_MAX_OPS || mem < 8 || mem > KF_MAX_MEM_KIB) {
		err_set(e, L("%s: tham số Argon2id vượt giới hạn", "%s: Argon2id parameters out of bounds"),
			path);
		free(data);
		return ST_ENV;
	}
	key = sodium_malloc(32);
	if (key == NULL)
		abort();
	if (derive(key, pass, buf + 20, ops, mem, e) != ST_OK) {
		sodium_free(key);
		free(data);
		return ST_ENV;
	}
	sk = secret_new(slen);
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(
		sk->bytes, NULL, NULL, buf + KF_FIXED + publen,
		slen + crypto_aead_xchacha20poly1305_ietf_ABYTES, buf, KF_FIXED + publen, buf + 36,
		key) != 0) {
		err_set(e, L("sai cụm mật khẩu (hoặc tệp khóa %s đã bị sửa)",
			     "wrong passphrase (or the key file %s was altered)"),
			path);
		if (e)
			e->code = KEYFILE_WRONG_PASSPHRASE;
		secret_free(sk);
		sodium_free(key);
		free(data);
		return ST_ENV;
	}
	sodium_free(key);
	if (pub)
		memcpy(pub, buf + KF_FIXED, publen);
	free(data);
	*skp = sk;
	return ST_OK;
}

enum status
keyfile_change_passphrase(const char *path, enum keyfile_kind kind, const struct secret *old,
			  const struct secret *new_pass, struct err *e)
{
	unsigned char pub[SIGN_PK_BYTES + BOX_PK_BYTES];
	size_t publen = kind == KEYFILE_UNIT ? SIGN_PK_BYTES : SIGN_PK_BYTES + BOX_PK_BYTES;
	struct secret *sk;
	enum status st = keyfile_read(path, kind, old, &sk, pub, publen, e);
	if (st != ST_OK)
		return st;
	st = keyfile_write(path, kind, pub, publen, sk, new_pass, e);
	secret_free(sk);
	return st;
}

void
hash_bytes(const void *data, size_t len, unsigned char out[HASH_BYTES])
{
	crypto_generichash(out, HASH_BYTES, data, len, NULL, 0);
}

void
key_id(const unsigned char *pk, size_t len, unsigned char id[KEY_ID_BYTES])
{
	crypto_generichash_state st;
	unsigned char h[32];
	crypto_generichash_init(&st, NULL, 0, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)"xhht key id v1", 14);
	crypto_generichash_update(&st, pk, len);
	crypto_generichash_final(&st, h, sizeof h);
	memcpy(id, h, KEY_ID_BYTES);
}

void
key_fingerprint(const unsigned char *pk, size_t len, char out[48])
{
	crypto_generichash_state st;
	unsigned char h[32];
	char *p = out;
	crypto_generichash_init(&st, NULL, 0, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)"xhht fingerprint v1", 19);
	crypto_generichash_update(&st, pk, len);
	crypto_generichash_final(&st, h, sizeof h);
	/* Digits survive a phone line in any language; 8 groups of 4 carry about 106 bits. */
	for (int i = 0; i < 8; i++) {
		unsigned v = ((unsigned)h[3 * i] << 16 | (unsigned)h[3 * i + 1] << 8 | h[3 * i + 2]) % 10000;
		p += sprintf(p, "%s%04u", i ? " " : "", v);
	}
}

void
hex_encode(const unsigned char *in, size_t len, char *out)
{
	sodium_bin2hex(out, len * 2 + 1, in, len);
}

bool
hex_decode(const char *in, unsigned char *out, size_t len)
{
	size_t got;
	if (strlen(in) != len * 2)
		return false;
	for (const char *p = in; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return false; /* lower case only: one spelling per value */
	return sodium_hex2bin(out, len, in, len * 2, NULL, &got, NULL) == 0 && got == len;
}

char *
b64_encode(const unsigned char *in, size_t len)
{
	size_t n = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	char *out = xmalloc(n);
	sodium_bin2base64(out, n, in, len, sodium_base64_VARIANT_ORIGINAL);
	return out;
}

bool
b64_decode_exact(const char *in, unsigned char *out, size_t len)
{
	size_t got;
	const char *end;
	return sodium_base642bin(out, len, in, strlen(in), NULL, &got, &end,
				 sodium_base64_VARIANT_ORIGINAL) == 0 &&
	       got == len && *end == '\0';
}
