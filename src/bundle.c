/* bundle.c: packing and opening report bundles (docs/bundle-format.md). */
#include "bundle.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "armor.h"
#include "i18n.h"
#include "json.h"
#include "platform.h"
#include "report.h"
#include "store.h"
#include "text.h"

#define MAGIC "XHHTBDL"
#define HEADER_BYTES 72 /* magic+version 8, recipient key id 8, ephemeral key 32, stream header 24 */
#define CHUNK 65536
#define CHUNK_OVERHEAD crypto_secretstream_xchacha20poly1305_ABYTES
#define SIGN_DOMAIN "xhht bundle v1"

enum record { R_META = 1, R_REPORT = 2, R_ATTACHMENT = 3, R_SIGNATURE = 4 };

static const struct {
	const char *name, *vi, *en;
} errors[] = {
#define BUNDLE_ERROR_TEXT(id, name, vi, en) {name, vi, en},
	BUNDLE_ERRORS(BUNDLE_ERROR_TEXT)
#undef BUNDLE_ERROR_TEXT
};

const char *
bundle_error_name(enum bundle_error be)
{
	return (unsigned)be < ARRAY_LEN(errors) ? errors[be].name : "?";
}

const char *
bundle_error_message(enum bundle_error be)
{
	return (unsigned)be < ARRAY_LEN(errors) ? L(errors[be].vi, errors[be].en) : "?";
}

void
key_change_message(const char *unit, const unsigned char *new_pk, unsigned char *msg, size_t *len)
{
	size_t n = strlen(unit);
	memcpy(msg, "xhht key change v1", 19); /* with its NUL, as a separator */
	memcpy(msg + 19, unit, n + 1);
	memcpy(msg + 19 + n + 1, new_pk, SIGN_PK_BYTES);
	*len = 19 + n + 1 + SIGN_PK_BYTES;
}

static void
derive_key(const unsigned char *shared, const unsigned char *eph_pk, const unsigned char *rcpt_pk,
	   unsigned char key[32])
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, (const unsigned char *)"xhht bundle key v1", 18);
	crypto_generichash_update(&st, shared, 32);
	crypto_generichash_update(&st, eph_pk, 32);
	crypto_generichash_update(&st, rcpt_pk, 32);
	crypto_generichash_final(&st, key, 32);
}

/* ---- writing -------------------------------------------------------------------------- */

/* Output of the binary form, either as is or as armor lines, hashing the binary form. */
struct writer {
	int fd;
	bool armor, failed;
	unsigned char group[57]; /* 57 bytes make one 76-column base64 line */
	size_t ngroup;
	crypto_generichash_state hash;
};

static void
w_raw(struct writer *w, const void *p, size_t n)
{
	const char *c = p;
	while (n > 0 && !w->failed) {
		ssize_t k = write(w->fd, c, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			w->failed = true;
			return;
		}
		c += k;
		n -= (size_t)k;
	}
}

static void
w_line(struct writer *w)
{
	char line[ARMOR_LINE + 2];
	sodium_bin2base64(line, sizeof line, w->group, w->ngroup, sodium_base64_VARIANT_ORIGINAL);
	size_t n = strlen(line);
	line[n] = '\n';
	w_raw(w, line, n + 1);
	w->ngroup = 0;
}

/* Moves what fits of the n bytes at *p into a buffer of cap bytes holding *have already. */
static void
fill(unsigned char *buf, size_t cap, size_t *have, const unsigned char **p, size_t *n)
{
	size_t k = cap - *have < *n ? cap - *have : *n;
	memcpy(buf + *have, *p, k);
	*have += k;
	*p += k;
	*n -= k;
}

static void
w_put(struct writer *w, const unsigned char *p, size_t n)
{
	crypto_generichash_update(&w->hash, p, n);
	if (!w->armor) {
		w_raw(w, p, n);
		return;
	}
	while (n > 0) {
		fill(w->group, sizeof w->group, &w->ngroup, &p, &n);
		if (w->ngroup == sizeof w->group)
			w_line(w);
	}
}

/* The plaintext stream: records go in, sealed chunks come out. */
struct sealer {
	crypto_secretstream_xchacha20poly1305_state ss;
	crypto_sign_state sign;
	unsigned char *pt; /* CHUNK bytes of secure memory */
	size_t npt;
	unsigned char header[HEADER_BYTES];
	bool first;
	struct writer *w;
};

static void
seal_chunk(struct sealer *s, unsigned char tag)
{
	unsigned char out[CHUNK + CHUNK_OVERHEAD];
	unsigned long long outlen;
	crypto_secretstream_xchacha20poly1305_push(&s->ss, out, &outlen, s->pt, s->npt,
						   s->first ? s->header : NULL,
						   s->first ? HEADER_BYTES : 0, tag);
	s->first = false;
	s->npt = 0;
	w_put(s->w, out, (size_t)outlen);
}

/* Appends plaintext; a full chunk is sealed only once more data follows, so that the last
 * chunk, whatever its size, is the one sealed with the final tag. */
static void
seal_put(struct sealer *s, const unsigned char *p, size_t n, bool signed_part)
{
	if (signed_part)
		crypto_sign_update(&s->sign, p, n);
	while (n > 0) {
		if (s->npt == CHUNK)
			seal_chunk(s, crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
		fill(s->pt, CHUNK, &s->npt, &p, &n);
	}
}

static void
seal_record_head(struct sealer *s, enum record type, uint64_t len, bool signed_part)
{
	unsigned char head[9];
	head[0] = (unsigned char)type;
	le_put(head + 1, len, 8);
	seal_put(s, head, sizeof head, signed_part);
}

/* The one rule of docs/bundle-format.md 7.5, also applied by xhht attach. */
static bool
attachment_name_ok(const char *name)
{
	return text_attachment_name_ok(name, NULL);
}

static bool
attachment_type_ok(const char *type)
{
	return strcmp(type, "application/pdf") == 0 || strcmp(type, "image/jpeg") == 0 ||
	       strcmp(type, "image/png") == 0;
}

/* Appends bytes in base64 through fmt's one %s; the text is wiped (it may be a secret). */
static void
put_b64(struct buf *b, const char *fmt, const unsigned char *p, size_t n)
{
	char *b64 = b64_encode(p, n);
	buf_printf(b, fmt, b64);
	sodium_memzero(b64, strlen(b64));
	free(b64);
}

static void
meta_json(const struct bundle_meta *m, const struct bundle_attachment *att, size_t natt,
	  size_t report_len, struct buf *b)
{
	char hex[65];
	buf_adds(b, "{\"format\":1,\"unit\":");
	json_write_string(b, m->unit);
	buf_printf(b, ",\"year\":%d,\"revision\":%d,\"id\":\"", m->year, m->revision);
	hex_encode(m->id, BUNDLE_ID_BYTES, hex);
	buf_printf(b, "%s\",\"created\":\"%s\",\"recipient\":\"", hex, m->created);
	put_b64(b, "%s\",\"signer\":\"", m->recipient, BOX_PK_BYTES);
	put_b64(b, "%s\",\"template\":", m->signer, SIGN_PK_BYTES);
	json_write_string(b, m->template_id);
	buf_printf(b, ",\"template_version\":%d,\"report_size\":%zu,\"attachments\":[",
		   m->template_version, report_len);
	for (size_t i = 0; i < natt; i++) {
		buf_adds(b, i ? ",{\"name\":" : "{\"name\":");
		json_write_string(b, att[i].name);
		buf_adds(b, ",\"type\":");
		json_write_string(b, att[i].type);
		buf_printf(b, ",\"size\":%llu}", (unsigned long long)att[i].size);
	}
	buf_adds(b, "]");
	if (m->has_enroll) {
		buf_printf(b, ",\"enrollment\":{\"id\":\"%s\",", m->enroll_id);
		put_b64(b, "\"secret\":\"%s\"}", m->enroll_secret, ENROLL_SECRET_BYTES);
	}
	if (m->has_key_change) {
		put_b64(b, ",\"key_change\":{\"old\":\"%s\",", m->old_signer, SIGN_PK_BYTES);
		put_b64(b, "\"signature\":\"%s\"}", m->key_change_sig, SIG_BYTES);
	}
	buf_adds(b, "}");
}

static enum status
verify_written(const char *tmp, const char *path, const unsigned char want[HASH_BYTES],
	       struct err *e)
{
	unsigned char *data;
	size_t len;
	unsigned char got[HASH_BYTES];
	struct err e2;
	if (container_read(tmp, "BUNDLE", BUNDLE_MAX_BYTES, &data, &len, &e2) != ST_OK) {
		err_set(e, L("đọc lại %s không được: %s", "reading %s back failed: %s"), path, e2.msg);
		return ST_ENV;
	}
	hash_bytes(data, len, got);
	free(data);
	if (sodium_memcmp(got, want, HASH_BYTES) != 0) {
		err_set(e, L("tệp %s đọc lại không khớp với dữ liệu đã ghi (thiết bị lưu trữ có lỗi?)",
			     "%s read back differs from what was written (faulty storage?)"),
			path);
		return ST_ENV;
	}
	return ST_OK;
}

/* Refuses, before anything is written, what a reader would refuse: attachments' names, types,
 * sizes and count, the report's size, and the whole bundle's cap. */
static enum status
pack_check(const struct pack_request *req, struct err *e)
{
	if (req->natt > BUNDLE_MAX_ATTACHMENTS) {
		err_set(e, L("quá nhiều tệp đính kèm (tối đa %d)", "too many attachments (at most %d)"),
			BUNDLE_MAX_ATTACHMENTS);
		return ST_REFUSED;
	}
	for (size_t i = 0; i < req->natt; i++)
		if (!attachment_name_ok(req->att[i].name) || !attachment_type_ok(req->att[i].type) ||
		    req->att[i].size > BUNDLE_MAX_ATTACHMENT) {
			err_set(e, L("tệp đính kèm \"%s\" không hợp lệ (tên, loại hoặc cỡ quá 32 MB)",
				     "attachment \"%s\" is not acceptable (name, type, or over 32 MB)"),
				req->att[i].name);
			return ST_REFUSED;
		}
	if (req->report_len > BUNDLE_MAX_REPORT) {
		err_set(e, L("báo cáo quá lớn để đóng gói", "the report is too large to pack"));
		return ST_REFUSED;
	}
	uint64_t plain = 9 + BUNDLE_MAX_META + 9 + req->report_len + 9 + SIG_BYTES;
	for (size_t i = 0; i < req->natt; i++) {
		plain += 9 + req->att[i].size;
		for (size_t j = 0; j < i; j++)
			if (strcmp(req->att[i].name, req->att[j].name) == 0) {
				err_set(e, L("hai tệp đính kèm cùng tên \"%s\"", "two attachments named \"%s\""),
					req->att[i].name);
				return ST_REFUSED;
			}
	}
	if (HEADER_BYTES + plain + (plain / CHUNK + 1) * CHUNK_OVERHEAD > BUNDLE_MAX_BYTES) {
		err_set(e, L("các tệp đính kèm quá lớn: cả gói phải dưới %u MB",
			     "the attachments are too large: the whole bundle must stay under %u MB"),
			BUNDLE_MAX_BYTES / (1024 * 1024));
		return ST_REFUSED;
	}
	return ST_OK;
}

/* The outer header (magic, version, recipient key id, ephemeral key, stream header) and the
 * stream's key, agreed with the recipient through a fresh ephemeral key. */
static enum status
seal_begin(struct sealer *s, const unsigned char *recipient, struct err *e)
{
	unsigned char eph_sk[32], shared[32], key[32];
	memcpy(s->header, MAGIC, 7);
	s->header[7] = BUNDLE_FORMAT;
	key_id(recipient, BOX_PK_BYTES, s->header + 8);
	randombytes_buf(eph_sk, sizeof eph_sk);
	crypto_scalarmult_base(s->header + 16, eph_sk);
	if (crypto_scalarmult(shared, eph_sk, recipient) != 0) {
		sodium_memzero(eph_sk, sizeof eph_sk);
		err_set(e, L("khóa công khai của nơi nhận không hợp lệ", "the recipient's public key is invalid"));
		return ST_REFUSED;
	}
	sodium_memzero(eph_sk, sizeof eph_sk);
	derive_key(shared, s->header + 16, recipient, key);
	sodium_memzero(shared, sizeof shared);
	crypto_secretstream_xchacha20poly1305_init_push(&s->ss, s->header + 48, key);
	sodium_memzero(key, sizeof key);
	return ST_OK;
}

/* The records, signed from META to the last attachment, then the signature and the final
 * chunk. */
static enum status
seal_records(struct sealer *s, const struct pack_request *req, struct err *e)
{
	unsigned char sig[SIG_BYTES];
	struct buf meta;
	crypto_sign_init(&s->sign);
	crypto_sign_update(&s->sign, (const unsigned char *)SIGN_DOMAIN, sizeof SIGN_DOMAIN);
	crypto_sign_update(&s->sign, s->header, HEADER_BYTES);
	buf_init(&meta);
	meta_json(&req->meta, req->att, req->natt, req->report_len, &meta);
	seal_record_head(s, R_META, meta.len, true);
	seal_put(s, (const unsigned char *)meta.data, meta.len, true);
	sodium_memzero(meta.data, meta.len);
	buf_free(&meta);
	seal_record_head(s, R_REPORT, req->report_len, true);
	seal_put(s, (const unsigned char *)req->report, req->report_len, true);
	unsigned char *chunk = xmalloc(CHUNK);
	for (size_t i = 0; i < req->natt; i++) {
		const struct bundle_attachment *a = &req->att[i];
		seal_record_head(s, R_ATTACHMENT, a->size, true);
		/* Streamed: an attachment is never whole in memory while packing. */
		for (uint64_t off = 0; off < a->size;) {
			size_t n = a->size - off < CHUNK ? (size_t)(a->size - off) : CHUNK;
			if (!a->read(a->ctx, off, chunk, n)) {
				err_set(e, L("không đọc được tệp đính kèm \"%s\"", "cannot read attachment \"%s\""),
					a->name);
				free(chunk);
				return ST_ENV;
			}
			seal_put(s, chunk, n, true);
			off += n;
		}
	}
	free(chunk);
	crypto_sign_final_create(&s->sign, sig, NULL, req->sign_sk);
	seal_record_head(s, R_SIGNATURE, SIG_BYTES, false);
	seal_put(s, sig, SIG_BYTES, false);
	seal_chunk(s, crypto_secretstream_xchacha20poly1305_TAG_FINAL);
	return ST_OK;
}

enum status
bundle_pack(struct pack_request *req, const char *path, bool armor, unsigned char hash[HASH_BYTES],
	    struct err *e)
{
	struct bundle_meta *m = &req->meta;
	struct writer w = {.armor = armor};
	struct sealer s = {.first = true, .w = &w};
	struct file_temp out = {.fd = -1};
	struct stat sb;
	enum status st;

	if ((st = pack_check(req, e)) != ST_OK)
		return st;
	randombytes_buf(m->id, BUNDLE_ID_BYTES);
	store_now(m->created);
	if ((st = seal_begin(&s, m->recipient, e)) != ST_OK)
		return st;
	s.pt = sodium_malloc(CHUNK);
	if (s.pt == NULL)
		abort();
	if ((st = file_temp_open(&out, path, 0644, e)) != ST_OK)
		goto done;
	w.fd = out.fd;
	crypto_generichash_init(&w.hash, NULL, 0, HASH_BYTES);
	if (armor)
		w_raw(&w, "-----BEGIN XHHT BUNDLE-----\n", 28);
	w_put(&w, s.header, HEADER_BYTES);
	if ((st = seal_records(&s, req, e)) != ST_OK)
		goto done;
	crypto_generichash_final(&w.hash, hash, HASH_BYTES);
	if (armor) {
		if (w.ngroup)
			w_line(&w);
		w_raw(&w, "-----END XHHT BUNDLE-----\n", 26);
	}
	if (w.failed || plat_sync_file(w.fd) != 0) {
		err_set(e, L("không ghi được %s: %s (đĩa đầy?)", "cannot write %s: %s (disk full?)"), path,
			errno_text(errno ? errno : EIO));
		st = ST_ENV;
		goto done;
	}
	/* USB sticks can acknowledge writes they never made: read the file back before it takes
	 * its name, so that a bundle that did not read back never exists to be sent. */
	if ((st = verify_written(out.tmp, path, hash, e)) != ST_OK)
		goto done;
	if (req->written != NULL &&
	    (st = req->written(req->written_ctx, hash,
			       fstat(w.fd, &sb) == 0 ? (uint64_t)sb.st_size : 0, e)) != ST_OK)
		goto done;
	st = file_temp_commit(&out, true, e);
done:
	if (out.path != NULL)
		file_temp_abort(&out);
	sodium_free(s.pt);
	sodium_memzero(&s.ss, sizeof s.ss);
	return st;
}

/* ---- reading -------------------------------------------------------------------------- */

struct cursor {
	const unsigned char *p;
	size_t left;
};

static bool
take_record(struct cursor *c, enum record type, uint64_t max, const unsigned char **data,
	    size_t *len)
{
	uint64_t n;
	if (c->left < 9 || c->p[0] != type)
		return false;
	n = le_get(c->p + 1, 8);
	if (n > max || n > c->left - 9)
		return false;
	*data = c->p + 9;
	*len = (size_t)n;
	c->p += 9 + n;
	c->left -= 9 + (size_t)n;
	return true;
}

/* "2024-11-28T09:30:00Z" exactly. */
static bool
iso_time_ok(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	if (strlen(s) != sizeof shape - 1)
		return false;
	for (size_t i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return false;
	return true;
}

static bool
only_keys(const struct jnode *obj, const char *const *keys, size_t n)
{
	for (size_t i = 0; i < obj->nkids; i++) {
		size_t k;
		for (k = 0; k < n; k++)
			if (strcmp(obj->kids[i]->key, keys[k]) == 0)
				break;
		if (k == n)
			return false;
	}
	return true;
}

/* Parses META; only the keys of format 1, each of its type, none missing. Sizes declared over
 * the limits set *too_large. */
static bool
parse_meta(const unsigned char *data, size_t len, struct bundle *b, uint64_t *report_size,
	   bool *too_large)
{
	static const char *const keys[] = {"format",   "unit",	   "year",	 "revision",
					   "id",       "created",  "recipient",	 "signer",
					   "template", "template_version", "report_size",
					   "attachments", "enrollment", "key_change"};
	struct bundle_meta *m = &b->meta;
	struct jnode *root = NULL;
	struct err e;
	char *text = xstrndup((const char *)data, len), idhex[40];
	unsigned char idbin[16];
	int64_t v;
	bool ok = false;

	if (strlen(text) != len || json_parse(text, &root, &e) != ST_OK)
		goto done;
	if (root->type != J_OBJECT || !only_keys(root, keys, ARRAY_LEN(keys)))
		goto done;
	if (!json_get_int(root, "format", 1, 1, &v) || !json_get_text(root, "unit", m->unit, sizeof m->unit) ||
	    !text_unit_code_ok(m->unit))
		goto done;
	if (!json_get_int(root, "year", REPORT_MIN_YEAR, REPORT_MAX_YEAR, &v))
		goto done;
	m->year = (int)v;
	if (!json_get_int(root, "revision", 1, 1000000, &v))
		goto done;
	m->revision = (int)v;
	if (!json_get_text(root, "id", idhex, sizeof idhex) || !hex_decode(idhex, m->id, BUNDLE_ID_BYTES))
		goto done;
	if (!json_get_text(root, "created", m->created, sizeof m->created) || !iso_time_ok(m->created))
		goto done;
	if (!json_get_b64(root, "recipient", m->recipient, BOX_PK_BYTES) ||
	    !json_get_b64(root, "signer", m->signer, SIGN_PK_BYTES))
		goto done;
	if (!json_get_text(root, "template", m->template_id, sizeof m->template_id) ||
	    !json_get_int(root, "template_version", 1, 100000, &v))
		goto done;
	m->template_version = (int)v;
	if (!json_get_int(root, "report_size", 2, INT64_MAX, &v))
		goto done;
	if (v > (int64_t)BUNDLE_MAX_REPORT) {
		*too_large = true;
		goto done;
	}
	*report_size = (uint64_t)v;
	const struct jnode *att = json_get(root, "attachments");
	if (att == NULL || att->type != J_ARRAY)
		goto done;
	if (att->nkids > BUNDLE_MAX_ATTACHMENTS) {
		*too_large = true;
		goto done;
	}
	b->att = xcalloc(att->nkids ? att->nkids : 1, sizeof *b->att);
	for (size_t i = 0; i < att->nkids; i++) {
		static const char *const akeys[] = {"name", "type", "size"};
		const struct jnode *a = att->kids[i];
		const struct jnode *name = json_get(a, "name"), *type = json_get(a, "type");
		if (a->type != J_OBJECT || a->nkids != 3 || !only_keys(a, akeys, 3) || name == NULL ||
		    name->type != J_TEXT || type == NULL || type->type != J_TEXT ||
		    !json_get_int(a, "size", 0, INT64_MAX, &v) || !attachment_name_ok(name->text) ||
		    !attachment_type_ok(type->text))
			goto done;
		if (v > (int64_t)BUNDLE_MAX_ATTACHMENT) {
			*too_large = true;
			goto done;
		}
		/* One name per attachment: whoever saves them must not overwrite one with another. */
		for (size_t j = 0; j < i; j++)
			if (strcmp(b->att[j].name, name->text) == 0)
				goto done;
		b->att[i].name = xstrdup(name->text);
		b->att[i].type = xstrdup(type->text);
		b->att[i].size = (uint64_t)v;
		b->natt++;
	}
	const struct jnode *en = json_get(root, "enrollment");
	if (en != NULL) {
		static const char *const ekeys[] = {"id", "secret"};
		if (en->type != J_OBJECT || en->nkids != 2 || !only_keys(en, ekeys, 2) ||
		    !json_get_text(en, "id", m->enroll_id, sizeof m->enroll_id) ||
		    !hex_decode(m->enroll_id, idbin, sizeof idbin) ||
		    !json_get_b64(en, "secret", m->enroll_secret, ENROLL_SECRET_BYTES))
			goto done;
		m->has_enroll = true;
	}
	const struct jnode *kc = json_get(root, "key_change");
	if (kc != NULL) {
		static const char *const kkeys[] = {"old", "signature"};
		if (kc->type != J_OBJECT || kc->nkids != 2 || !only_keys(kc, kkeys, 2) ||
		    !json_get_b64(kc, "old", m->old_signer, SIGN_PK_BYTES) ||
		    !json_get_b64(kc, "signature", m->key_change_sig, SIG_BYTES))
			goto done;
		m->has_key_change = true;
	}
	ok = true;
done:
	json_free(root);
	sodium_memzero(text, len);
	free(text);
	return ok;
}

void
bundle_free(struct bundle *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->natt; i++) {
		free(b->att[i].name);
		free(b->att[i].type);
		free(b->att[i].data);
	}
	free(b->att);
	free(b->report);
	report_free(b->parsed);
	sodium_memzero(&b->meta, sizeof b->meta);
	free(b);
}

/* The outer header: magic, format, size and the recipient's key id, before any cryptography. */
static enum bundle_error
check_header(const unsigned char *data, size_t len, const unsigned char *box_pk)
{
	unsigned char id[KEY_ID_BYTES];
	if (len < 8 || memcmp(data, MAGIC, 7) != 0)
		return BE_NOT_BUNDLE;
	if (data[7] > BUNDLE_FORMAT)
		return BE_FORMAT_TOO_NEW;
	if (data[7] < BUNDLE_FORMAT)
		return BE_FORMAT_OLD;
	if (len > BUNDLE_MAX_BYTES)
		return BE_TOO_LARGE;
	if (len < HEADER_BYTES + CHUNK_OVERHEAD)
		return BE_DAMAGED;
	key_id(box_pk, BOX_PK_BYTES, id);
	if (memcmp(data + 8, id, KEY_ID_BYTES) != 0)
		return BE_NOT_FOR_US;
	return BE_OK;
}

/* Decrypts the whole stream into *pt (len bytes allocated, *npt used). Every chunk but the last
 * is full-sized; the last carries the final tag; nothing follows it. Plaintext is kept until the
 * end, never handed out early. False when anything does not authenticate. */
static bool
decrypt_stream(const unsigned char *data, size_t len, const unsigned char *box_pk,
	       const unsigned char *box_sk, unsigned char **pt, size_t *npt)
{
	crypto_secretstream_xchacha20poly1305_state ss;
	unsigned char shared[32], key[32];
	size_t pos = HEADER_BYTES;

	if (crypto_scalarmult(shared, box_sk, data + 16) != 0)
		return false;
	derive_key(shared, data + 16, box_pk, key);
	sodium_memzero(shared, sizeof shared);
	int bad = crypto_secretstream_xchacha20poly1305_init_pull(&ss, data + 48, key);
	sodium_memzero(key, sizeof key);
	if (bad != 0)
		return false;
	*pt = xmalloc(len);
	for (bool first = true;; first = false) {
		size_t clen = len - pos < CHUNK + CHUNK_OVERHEAD ? len - pos : CHUNK + CHUNK_OVERHEAD;
		unsigned long long mlen;
		unsigned char tag;
		if (clen < CHUNK_OVERHEAD)
			return false;
		if (crypto_secretstream_xchacha20poly1305_pull(
			&ss, *pt + *npt, &mlen, &tag, data + pos, clen, first ? data : NULL,
			first ? HEADER_BYTES : 0) != 0)
			return false;
		*npt += (size_t)mlen;
		pos += clen;
		if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
			/* Trailing bytes, or an empty last chunk the writer never makes (it would
			 * give the same content a second encoding). */
			return pos == len && (mlen != 0 || first);
		if (tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE || pos == len ||
		    mlen != CHUNK)
			return false; /* truncated, or an odd chunk */
	}
}

/* Reads the records of the plaintext into b and checks the unit's signature over the header
 * and them, and the key change's signature by the old key when there is one. */
static enum bundle_error
read_signed(const unsigned char *data, const unsigned char *pt, size_t npt,
	    const unsigned char *box_pk, struct bundle *b)
{
	crypto_sign_state sign;
	struct cursor c = {pt, npt};
	const unsigned char *rec;
	size_t rlen;
	uint64_t report_size = 0;
	bool too_large = false;

	if (!take_record(&c, R_META, BUNDLE_MAX_META, &rec, &rlen) ||
	    !parse_meta(rec, rlen, b, &report_size, &too_large))
		return too_large ? BE_TOO_LARGE : BE_DAMAGED;
	if (!take_record(&c, R_REPORT, BUNDLE_MAX_REPORT, &rec, &rlen) || rlen != report_size)
		return BE_DAMAGED;
	b->report = xstrndup((const char *)rec, rlen);
	b->report_len = rlen;
	for (size_t i = 0; i < b->natt; i++) {
		if (!take_record(&c, R_ATTACHMENT, BUNDLE_MAX_ATTACHMENT, &rec, &rlen) ||
		    rlen != b->att[i].size)
			return BE_DAMAGED;
		b->att[i].data = xmalloc(rlen ? rlen : 1);
		memcpy(b->att[i].data, rec, rlen);
	}
	size_t signed_len = (size_t)(c.p - pt);
	if (!take_record(&c, R_SIGNATURE, SIG_BYTES, &rec, &rlen) || rlen != SIG_BYTES || c.left != 0)
		return BE_DAMAGED;
	crypto_sign_init(&sign);
	crypto_sign_update(&sign, (const unsigned char *)SIGN_DOMAIN, sizeof SIGN_DOMAIN);
	crypto_sign_update(&sign, data, HEADER_BYTES);
	crypto_sign_update(&sign, pt, signed_len);
	if (crypto_sign_final_verify(&sign, rec, b->meta.signer) != 0)
		return BE_BAD_SIGNATURE;
	/* The signed recipient must be us: a signed bundle re-encrypted elsewhere is refused. */
	if (sodium_memcmp(b->meta.recipient, box_pk, BOX_PK_BYTES) != 0)
		return BE_NOT_FOR_US;
	if (b->meta.has_key_change) {
		unsigned char msg[19 + 64 + SIGN_PK_BYTES];
		size_t mlen;
		key_change_message(b->meta.unit, b->meta.signer, msg, &mlen);
		if (crypto_sign_verify_detached(b->meta.key_change_sig, msg, mlen,
						b->meta.old_signer) != 0)
			return BE_BAD_SIGNATURE;
	}
	return BE_OK;
}

/* The report inside, read against its template from db and matched with the signed header;
 * kept in b->parsed so that whoever merges it need not parse it again. */
static enum bundle_error
check_report(struct store *db, struct bundle *b, struct err *e)
{
	struct template *t;
	struct report *r;
	struct err e2;
	if (template_get(db, b->meta.template_id, b->meta.template_version, &t, &e2) != ST_OK) {
		err_set(e, "%s %d", b->meta.template_id, b->meta.template_version);
		return BE_TEMPLATE;
	}
	template_free(t);
	if (report_from_json(db, b->report, b->report_len, b->meta.year, &r, &e2) != ST_OK) {
		err_set(e, "%s", e2.msg);
		return BE_INVALID_REPORT;
	}
	bool same = r->unit_code && strcmp(r->unit_code, b->meta.unit) == 0 &&
		    strcmp(r->t->id, b->meta.template_id) == 0 &&
		    r->t->version == b->meta.template_version && r->revision == b->meta.revision;
	b->parsed = r;
	if (!same) {
		err_set(e,
			L("báo cáo bên trong không khớp với phần đầu đã ký (đơn vị, mẫu, lần gửi)",
			  "the report inside does not match the signed header (unit, template, "
			  "revision)"));
		return BE_INVALID_REPORT;
	}
	return BE_OK;
}

/* The steps of bundle_open_seen; e receives only a refusal's detail. */
static enum bundle_error
open_bundle(const unsigned char *data, size_t len, const unsigned char *box_pk,
	    const unsigned char *box_sk, bundle_trust_fn trust, void *trust_ctx, struct store *db,
	    struct bundle **out, struct bundle_meta *seen, struct err *e)
{
	unsigned char *pt = NULL;
	size_t npt = 0;
	struct bundle *b = NULL;
	enum bundle_error be;

	if ((be = check_header(data, len, box_pk)) != BE_OK)
		return be;
	if (!decrypt_stream(data, len, box_pk, box_sk, &pt, &npt)) {
		be = BE_DAMAGED;
		goto done;
	}
	b = xcalloc(1, sizeof *b);
	if ((be = read_signed(data, pt, npt, box_pk, b)) != BE_OK)
		goto done;
	hash_bytes(data, len, b->hash);
	/* An authentic signature says nothing of who signed: until trust accepts the signer, the
	 * unit, year and revision are the signer's claims and are not given out (no receipt, no
	 * name in any output) — an outsider's bundle stays anonymous. */
	if (trust != NULL && (be = trust(trust_ctx, &b->meta, e)) != BE_OK)
		goto done;
	/* From here the header is authentic and its signer known: a refusal can name the unit,
	 * year and revision. */
	if (seen != NULL)
		*seen = b->meta;
	if (db != NULL && (be = check_report(db, b, e)) != BE_OK)
		goto done;
	*out = b;
	b = NULL;
done:
	if (pt != NULL) {
		sodium_memzero(pt, npt);
		free(pt);
	}
	bundle_free(b);
	return be;
}

enum status
bundle_open(const unsigned char *data, size_t len, const unsigned char *box_pk,
	    const unsigned char *box_sk, bundle_trust_fn trust, void *trust_ctx, struct store *db,
	    struct bundle **out, struct err *e)
{
	return bundle_open_seen(data, len, box_pk, box_sk, trust, trust_ctx, db, out, NULL, e);
}

enum status
bundle_open_seen(const unsigned char *data, size_t len, const unsigned char *box_pk,
		 const unsigned char *box_sk, bundle_trust_fn trust, void *trust_ctx,
		 struct store *db, struct bundle **out, struct bundle_meta *seen, struct err *e)
{
	struct err detail = {0};
	*out = NULL;
	enum bundle_error be =
	    open_bundle(data, len, box_pk, box_sk, trust, trust_ctx, db, out, seen, &detail);
	if (e == NULL)
		return be == BE_OK ? ST_OK : ST_REFUSED;
	e->code = (int)be;
	if (be == BE_OK) {
		e->msg[0] = '\0';
		return ST_OK;
	}
	err_set(e, "%s%s%s", bundle_error_message(be), detail.msg[0] ? ": " : "", detail.msg);
	return ST_REFUSED;
}

const char *
bundle_error_detail(const struct err *e)
{
	const char *head = bundle_error_message((enum bundle_error)e->code);
	size_t n = strlen(head);
	if (strncmp(e->msg, head, n) != 0)
		return e->msg;
	return e->msg[n] == ':' && e->msg[n + 1] == ' ' ? e->msg + n + 2 : e->msg + n;
}
