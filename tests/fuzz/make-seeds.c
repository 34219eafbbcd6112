/* make-seeds.c: writes the seed corpora of the bundle, armor, signed and mail fuzz targets
 * (tests/fuzz/corpus-<name>/) from tests/vectors, tests/fixtures/mail and a few crafted files.
 * Not part of the build; run by hand from the top folder when the vectors or fixtures change:
 *
 *   make build/libxhht.a && cc -std=c11 -D_GNU_SOURCE -Isrc -Ibuild/gen \
 *       tests/fuzz/make-seeds.c build/libxhht.a $(pkg-config --cflags --libs sqlite3 \
 *       libsodium) -lutf8proc -o build/make-seeds && build/make-seeds
 *
 * Seeds have fixed names and are overwritten, the same bytes while the vectors and fixtures stay
 * the same; other files in the folders (inputs kept from findings) are left alone. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "armor.h"
#include "bundle.h"
#include "signed.h"
#include "store.h"

#include "../unit/bundle_craft.h"
#include "fuzz_keys.h"

#define VEC "tests/vectors/"
#define OUT "tests/fuzz/corpus-"

static struct fuzz_keys k;

static void
die(const char *what, const char *detail)
{
	fprintf(stderr, "make-seeds: %s: %s\n", what, detail);
	exit(1);
}

static char *
slurp(const char *path, size_t *len)
{
	char *data;
	struct err e;
	if (file_read(path, 1u << 20, &data, len, &e) != ST_OK)
		die(path, e.msg);
	return data;
}

static void
put(const char *corpus, const char *name, const void *data, size_t len)
{
	char *dir = xasprintf(OUT "%s", corpus), *path = xasprintf("%s/%s", dir, name);
	mkdir(dir, 0755);
	FILE *f = fopen(path, "wb");
	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0)
		die(path, "cannot write");
	free(path);
	free(dir);
}

static void
put_buf(const char *corpus, const char *name, struct buf *b)
{
	put(corpus, name, b->data, b->len);
	buf_free(b);
}

static void
copy_vector(const char *corpus, const char *file)
{
	size_t len;
	char *path = xasprintf(VEC "%s", file), *data = slurp(path, &len);
	put(corpus, file, data, len);
	free(data);
	free(path);
}

/* The plaintext of a bundle sealed for the test central (records and the signature record). */
static unsigned char *
plaintext(const unsigned char *bin, size_t len, size_t *ptlen)
{
	unsigned char shared[32], key[32];
	crypto_generichash_state h;
	crypto_secretstream_xchacha20poly1305_state ss;
	unsigned char *pt = xmalloc(len);
	size_t pos = CRAFT_HEADER, n = 0;

	if (len < CRAFT_HEADER || crypto_scalarmult(shared, k.box_sk, bin + 16) != 0)
		die("plaintext", "not a bundle for the test central");
	crypto_generichash_init(&h, NULL, 0, sizeof key);
	crypto_generichash_update(&h, (const unsigned char *)"xhht bundle key v1", 18);
	crypto_generichash_update(&h, shared, 32);
	crypto_generichash_update(&h, bin + 16, 32);
	crypto_generichash_update(&h, k.box_pk, 32);
	crypto_generichash_final(&h, key, sizeof key);
	crypto_secretstream_xchacha20poly1305_init_pull(&ss, bin + 48, key);
	for (bool first = true; pos < len; first = false) {
		size_t clen = len - pos < CRAFT_CHUNK + CRAFT_ABYTES ? len - pos
								     : CRAFT_CHUNK + CRAFT_ABYTES;
		unsigned long long mlen;
		unsigned char tag;
		if (crypto_secretstream_xchacha20poly1305_pull(&ss, pt + n, &mlen, &tag, bin + pos,
							       clen, first ? bin : NULL,
							       first ? CRAFT_HEADER : 0) != 0)
			die("plaintext", "does not decrypt");
		n += (size_t)mlen;
		pos += clen;
	}
	*ptlen = n;
	return pt;
}

/* A seed of fuzz_bundle's sealing mode: who + 1, then the records without the signature. */
static void
seal_seed(const char *name, int who, const unsigned char *records, size_t len)
{
	unsigned char *seed = xmalloc(len + 1);
	seed[0] = (unsigned char)(who + 1);
	memcpy(seed + 1, records, len);
	put("bundle", name, seed, len + 1);
	free(seed);
}

static void
seal_seed_from_vector(const char *file, int who)
{
	size_t len, ptlen;
	char *path = xasprintf(VEC "%s", file), *bin = slurp(path, &len);
	unsigned char *pt = plaintext((unsigned char *)bin, len, &ptlen);
	/* The signature record is the last 9 + 64 bytes; the target signs again. */
	if (ptlen < 73 || pt[ptlen - 73] != CR_SIGNATURE)
		die(file, "no signature record at the end");
	char *name = xasprintf("sealed-%.*s", (int)strcspn(file, "."), file);
	seal_seed(name, who, pt, ptlen - 73);
	free(name);
	free(pt);
	free(bin);
	free(path);
}

static void
record(struct buf *b, enum craft_record type, const void *data, size_t len)
{
	unsigned char head[9];
	head[0] = (unsigned char)type;
	for (int i = 0; i < 8; i++)
		head[1 + i] = (unsigned char)((uint64_t)len >> (8 * i));
	buf_add(b, head, sizeof head);
	buf_add(b, data, len);
}

/* The report of valid.xhht for another unit: its code and name replaced. */
static char *
report_for(const char *report, const char *code, const char *name)
{
	struct buf b;
	const char *p = strstr(report, "\"unit\"");
	const char *c = p ? strstr(p, "\"code\": \"") : NULL;
	const char *ce = c ? strchr(c + 9, '"') : NULL;
	const char *nm = ce ? strstr(ce, "\"name\": \"") : NULL;
	const char *ne = nm ? strchr(nm + 9, '"') : NULL;
	if (ne == NULL)
		die("report_for", "no unit code and name in the report");
	buf_init(&b);
	buf_add(&b, report, (size_t)(c + 9 - report));
	buf_adds(&b, code);
	buf_add(&b, ce, (size_t)(nm + 9 - ce));
	buf_adds(&b, name);
	buf_adds(&b, ne);
	return buf_steal(&b);
}

static void
crafted_bundles(struct store *db)
{
	size_t len;
	char *bin = slurp(VEC "valid.xhht", &len);
	struct bundle *b;
	struct err e;
	struct buf pt, meta;
	if (bundle_open((unsigned char *)bin, len, k.box_pk, k.box_sk, NULL, NULL, db, &b, &e) !=
	    ST_OK)
		die("valid.xhht", e.msg);
	struct bundle_meta m = b->meta;

	/* B's own bundle for its unit: accepted by its bound key. */
	char *rb = report_for(b->report, "BVB", "Bệnh viện B");
	m.unit[0] = '\0';
	strcat(m.unit, "BVB");
	memcpy(m.signer, k.unit_pk[FK_B], SIGN_PK_BYTES);
	m.has_enroll = false;
	buf_init(&pt);
	buf_init(&meta);
	craft_meta(&meta, &m, strlen(rb), NULL, 0);
	record(&pt, CR_META, meta.data, meta.len);
	record(&pt, CR_REPORT, rb, strlen(rb));
	seal_seed("sealed-unit-b", FK_B, (unsigned char *)pt.data, pt.len);
	buf_reset(&pt);
	buf_reset(&meta);

	/* B's enrollment is superseded: a new key (A2) proving it is a revoked key. */
	memcpy(m.signer, k.unit_pk[FK_A2], SIGN_PK_BYTES);
	m.has_enroll = true;
	snprintf(m.enroll_id, sizeof m.enroll_id, "%s", fk_units[FK_B].enroll_id);
	memcpy(m.enroll_secret, k.enroll_secret[FK_B], ENROLL_SECRET_BYTES);
	craft_meta(&meta, &m, strlen(rb), NULL, 0);
	record(&pt, CR_META, meta.data, meta.len);
	record(&pt, CR_REPORT, rb, strlen(rb));
	seal_seed("sealed-superseded-enrollment", FK_A2, (unsigned char *)pt.data, pt.len);
	buf_reset(&pt);
	buf_reset(&meta);
	free(rb);

	/* A2 announced by A with a key change (A2's enrollment not used): accepted. */
	m = b->meta;
	unsigned char msg[19 + 64 + SIGN_PK_BYTES];
	size_t mlen;
	memcpy(m.signer, k.unit_pk[FK_A2], SIGN_PK_BYTES);
	m.has_enroll = false;
	m.has_key_change = true;
	memcpy(m.old_signer, k.unit_pk[FK_A], SIGN_PK_BYTES);
	key_change_message(m.unit, m.signer, msg, &mlen);
	crypto_sign_detached(m.key_change_sig, NULL, msg, mlen, k.unit_sk[FK_A]);
	craft_meta(&meta, &m, b->report_len, NULL, 0);
	record(&pt, CR_META, meta.data, meta.len);
	record(&pt, CR_REPORT, b->report, b->report_len);
	seal_seed("sealed-key-change", FK_A2, (unsigned char *)pt.data, pt.len);
	buf_reset(&pt);
	buf_reset(&meta);

	/* A's enrollment was used: A2 proving it, with A's key change too. */
	m.has_enroll = true;
	snprintf(m.enroll_id, sizeof m.enroll_id, "%s", fk_units[FK_A].enroll_id);
	memcpy(m.enroll_secret, k.enroll_secret[FK_A], ENROLL_SECRET_BYTES);
	craft_meta(&meta, &m, b->report_len, NULL, 0);
	record(&pt, CR_META, meta.data, meta.len);
	record(&pt, CR_REPORT, b->report, b->report_len);
	seal_seed("sealed-used-enrollment-key-change", FK_A2, (unsigned char *)pt.data, pt.len);
	buf_reset(&pt);
	buf_reset(&meta);

	/* Three small attachments, one of each type, one empty. */
	static const char pdf[] = "%PDF-1.4\n%%EOF\n", jpg[] = "\xff\xd8\xff\xe0", png[] = "";
	struct bundle_attachment att[] = {
		{.name = "bao-cao.pdf", .type = "application/pdf", .size = sizeof pdf - 1,
		 .data = (unsigned char *)pdf},
		{.name = "ảnh 1.jpg", .type = "image/jpeg", .size = sizeof jpg - 1,
		 .data = (unsigned char *)jpg},
		{.name = "trống.png", .type = "image/png", .size = 0, .data = (unsigned char *)png},
	};
	m = b->meta;
	craft_meta(&meta, &m, b->report_len, att, ARRAY_LEN(att));
	record(&pt, CR_META, meta.data, meta.len);
	record(&pt, CR_REPORT, b->report, b->report_len);
	for (size_t i = 0; i < ARRAY_LEN(att); i++)
		record(&pt, CR_ATTACHMENT, att[i].data, (size_t)att[i].size);
	seal_seed("sealed-three-attachments", FK_A, (unsigned char *)pt.data, pt.len);
	buf_free(&pt);
	buf_free(&meta);
	bundle_free(b);
	free(bin);
}

static void
bundle_seeds(struct store *db)
{
	static const char *const raw[] = {
		"valid.xhht",	      "valid-armored.xhht",	 "valid-crlf.xhht",
		"valid-attachment.xhht", "first-bundle.xhht",	 "armor-long-line.xhht",
		"armor-noncanonical.xhht", "header-magic.xhht",	 "header-version0.xhht",
		"header-version2.xhht",  "header-keyid.xhht",	 "header-ephemeral.xhht",
		"header-ephemeral-top-bit.xhht", "header-stream.xhht", "wrong-recipient.xhht",
		"signed-for-other.xhht", "other-unit-key.xhht",	 "bad-signature.xhht",
		"truncated.xhht",	      "truncated-header.xhht", "truncated-tiny.xhht",
		"trailing.xhht",	      "empty.xhht",		 "random.bin",
		"valid-two-chunks.xhht", "meta-oversize.xhht",	 "meta-attachment-oversize.xhht",
		"meta-duplicate-names.xhht", "meta-enrollment-id.xhht", "unknown-template.xhht",
		"invalid-report.xhht",   "report-revision.xhht",
	};
	static const struct {
		const char *file;
		int who;
	} sealed[] = {
		{"valid.xhht", FK_A},
		{"valid-attachment.xhht", FK_A},
		{"first-bundle.xhht", FK_A2},
		{"other-unit-key.xhht", FK_B},
		{"signed-for-other.xhht", FK_A},
		{"meta-oversize.xhht", FK_A},
		{"meta-attachment-oversize.xhht", FK_A},
		{"meta-duplicate-names.xhht", FK_A},
		{"meta-enrollment-id.xhht", FK_A},
		{"unknown-template.xhht", FK_A},
		{"invalid-report.xhht", FK_A},
		{"report-revision.xhht", FK_A},
	};
	for (size_t i = 0; i < ARRAY_LEN(raw); i++)
		copy_vector("bundle", raw[i]);
	for (size_t i = 0; i < ARRAY_LEN(sealed); i++)
		seal_seed_from_vector(sealed[i].file, sealed[i].who);
	crafted_bundles(db);
}

static void
signed_seeds(void)
{
	static const char *const vectors[] = {
		"enrollment.bin",	"enrollment-armored.txt", "enrollment-tampered.bin",
		"enrollment-resigned.bin", "receipt.receipt",	   "receipt-tampered.receipt",
		"receipt-other-key.receipt",
	};
	unsigned char *doc;
	size_t len;
	struct err e;
	for (size_t i = 0; i < ARRAY_LEN(vectors); i++)
		copy_vector("signed", vectors[i]);
	if (container_read(VEC "receipt.receipt", "RECEIPT", 1 << 20, &doc, &len, &e) != ST_OK)
		die("receipt.receipt", e.msg);
	put("signed", "receipt-binary", doc, len);
	free(doc);

	/* One receipt per outcome; the refused one with its class. */
	struct receipt r = {.year = 2024, .revision = 3};
	snprintf(r.unit, sizeof r.unit, "BVDKM");
	snprintf(r.time, sizeof r.time, "2024-11-28T03:30:00Z");
	memset(r.bundle_id, 0x11, sizeof r.bundle_id);
	memset(r.bundle_hash, 0x22, sizeof r.bundle_hash);
	for (int o = RO_MERGED; o <= RO_REFUSED; o++) {
		r.outcome = (enum receipt_outcome)o;
		const char *reason = o == RO_REFUSED ? "unknown-template" : "";
		snprintf(r.reason, sizeof r.reason, "%s", reason);
		receipt_make(&r, k.central_sign_sk, &doc, &len);
		char *name = xasprintf("receipt-%s", receipt_outcome_name(r.outcome));
		put("signed", name, doc, len);
		free(name);
		free(doc);
	}
	/* One carrying a review: comments on the whole report and on a field. */
	struct review_comment comments[] = {{.field = "", .text = "Thiếu chữ ký."},
					    {.field = "a1", .text = "Số \"cán bộ\"\tsai"}};
	struct review rv = {.state = RV_NEEDS_FIXING, .time = "2024-12-08T02:00:00Z",
			    .comments = comments, .n = 2};
	r.outcome = RO_MERGED;
	r.reason[0] = '\0';
	r.review = &rv;
	receipt_make(&r, k.central_sign_sk, &doc, &len);
	put("signed", "receipt-review", doc, len);
	free(doc);
	r.review = NULL;

	/* An enrollment with two short templates, names needing escapes. */
	char *templates[] = {"{\"id\":\"a\"}", "{\"id\":\"b\\\"\\n\"}"};
	struct enrollment en = {.unit_name = "Bệnh viện \"Đa khoa\"\tMinh Hòa",
				.templates = templates,
				.ntemplates = 2};
	snprintf(en.unit_code, sizeof en.unit_code, "BVDKM");
	memcpy(en.central_sign, k.central_sign_pk, SIGN_PK_BYTES);
	memcpy(en.central_box, k.box_pk, BOX_PK_BYTES);
	snprintf(en.id, sizeof en.id, "%s", fk_units[FK_A2].enroll_id);
	memcpy(en.secret, k.enroll_secret[FK_A2], ENROLL_SECRET_BYTES);
	snprintf(en.created, sizeof en.created, "2024-11-01T02:00:00Z");
	enrollment_make(&en, k.central_sign_sk, &doc, &len);
	put("signed", "enrollment-two-templates", doc, len);
	free(doc);

	/* A template file, binary and armored, its template needing escapes. */
	template_file_make("{\"id\":\"b\\\"\\n\",\n \"t\": \"Mẫu\"}", "2025-03-01T03:00:00Z",
			   k.central_sign_sk, &doc, &len);
	put("signed", "template-file", doc, len);
	size_t alen;
	char *armored = armor_encode("TEMPLATE", doc, len, &alen);
	put("signed", "template-file-armored", armored, alen);
	free(armored);
	free(doc);
}

static void
armor_seeds(void)
{
	static const char *const vectors[] = {
		"valid-armored.xhht",	  "valid-crlf.xhht", "armor-long-line.xhht",
		"armor-noncanonical.xhht", "enrollment-armored.txt", "receipt.receipt",
	};
	static const char *const labels[] = {"BUNDLE", "ENROLLMENT", "RECEIPT"};
	static const size_t sizes[] = {1, 2, 3, 56, 57, 58, 114};
	unsigned char data[114];
	for (size_t i = 0; i < ARRAY_LEN(vectors); i++)
		copy_vector("armor", vectors[i]);
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (unsigned char)(i * 37 + 11);
	for (size_t l = 0; l < ARRAY_LEN(labels); l++)
		for (size_t s = 0; s < ARRAY_LEN(sizes); s++) {
			size_t alen;
			char *text = armor_encode(labels[l], data, sizes[s], &alen);
			char *name = xasprintf("%s-%zu", labels[l], sizes[s]);
			put("armor", name, text, alen);
			free(name);
			free(text);
		}
	/* Blank space around a block, CR LF line ends, no LF after END. */
	size_t alen;
	char *text = armor_encode("RECEIPT", data, 60, &alen);
	struct buf b;
	buf_init(&b);
	buf_adds(&b, " \t\r\n\n");
	for (size_t i = 0; i < alen; i++) {
		if (text[i] == '\n')
			buf_addc(&b, '\r');
		buf_addc(&b, text[i]);
	}
	buf_adds(&b, "\n \t\n");
	put_buf("armor", "blanks-crlf", &b);
	buf_init(&b);
	buf_add(&b, text, alen - 1);
	put_buf("armor", "no-final-lf", &b);
	free(text);
}

/* The fixtures' placeholders "@@XHHT <encoding> <unit>@@" filled with a vector bundle. */
static void
fill(struct buf *out, const char *enc, bool crlf)
{
	const char *nl = crlf ? "\r\n" : "\n";
	size_t blen, alen;
	char *bin = slurp(VEC "valid.xhht", &blen);
	char *armored = slurp(VEC "valid-armored.xhht", &alen);
	if (strcmp(enc, "armor") == 0) {
		buf_add(out, armored, alen);
	} else if (strcmp(enc, "qp-armor") == 0) {
		for (size_t i = 0; i < alen; i++)
			if (armored[i] == '=')
				buf_adds(out, "=3D");
			else
				buf_addc(out, armored[i]);
	} else {
		/* base64 as mail programs write attachments: 76 columns */
		bool cut = strcmp(enc, "base64-cut") == 0;
		if (strcmp(enc, "huge-base64") == 0)
			blen = 200; /* the start of a bundle: the real fixture is over 80 MiB */
		char *b64 = b64_encode((unsigned char *)bin, blen);
		size_t n = strlen(b64), lines = (n + 75) / 76;
		for (size_t i = 0; i < lines; i++) {
			if (cut && i >= lines / 3 && i < lines / 2)
				continue;
			buf_add(out, b64 + i * 76, n - i * 76 < 76 ? n - i * 76 : 76);
			buf_adds(out, nl);
		}
		free(b64);
	}
	free(bin);
	free(armored);
}

static void
mail_fixture(const char *path, const char *name)
{
	size_t len;
	char *text = slurp(path, &len), *p = text;
	struct buf b;
	buf_init(&b);
	for (char *at; (at = strstr(p, "@@XHHT ")) != NULL;) {
		char enc[32];
		char *close = strstr(at + 7, "@@");
		if (close == NULL || sscanf(at + 7, "%31s", enc) != 1)
			die(path, "a placeholder without its end");
		bool crlf = close[2] == '\r';
		buf_add(&b, p, (size_t)(at - p));
		fill(&b, enc, crlf);
		p = close + 2 + (crlf ? 2 : close[2] == '\n');
	}
	buf_adds(&b, p);
	put_buf("mail", name, &b);
	free(text);
}

static void
mail_seeds(void)
{
	static const char *const fixtures[] = {
		"attached.mbox",	 "forwarded.eml",	"hostile-base64.eml",
		"hostile-huge.eml",	 "hostile-names.eml",	"hostile-nested.mbox",
		"hostile-unclosed.eml", "pasted.eml",		"same-three-times.mbox",
	};
	static const char *const maildir[] = {"cur", "new"};
	for (size_t i = 0; i < ARRAY_LEN(fixtures); i++) {
		char *path = xasprintf("tests/fixtures/mail/%s", fixtures[i]);
		mail_fixture(path, fixtures[i]);
		free(path);
	}
	for (size_t i = 0; i < ARRAY_LEN(maildir); i++) {
		char *dir = xasprintf("tests/fixtures/mail/maildir/%s", maildir[i]);
		DIR *d = opendir(dir);
		struct dirent *de;
		if (d == NULL)
			die(dir, "cannot list");
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			char *path = xasprintf("%s/%s", dir, de->d_name);
			char *name = xasprintf("maildir-%s.eml", maildir[i]);
			mail_fixture(path, name);
			free(name);
			free(path);
		}
		closedir(d);
		free(dir);
	}

	/* Plain text with two armored blocks, the second cut short. */
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "Gửi Vụ,\n\n");
	fill(&b, "armor", false);
	buf_adds(&b, "\nvà lần nữa:\n");
	fill(&b, "armor", false);
	b.len -= 40;
	b.data[b.len] = '\0';
	put_buf("mail", "text-two-blocks", &b);

	/* A message with a binary bundle in 8bit, a base64 bundle inside message/rfc822 in a
	 * multipart/alternative, and a quoted-printable armor block; CR LF throughout and no
	 * closing delimiter. */
	struct buf m;
	size_t blen;
	char *bin = slurp(VEC "valid.xhht", &blen);
	buf_init(&m);
	buf_adds(&m, "From: a@b.vn\r\nMessage-ID: <crafted-1@xhht.test>\r\n"
		     "Content-Type: multipart/mixed; boundary=outer\r\n\r\n"
		     "preamble\r\n--outer\r\nContent-Type: application/octet-stream\r\n"
		     "Content-Transfer-Encoding: 8bit\r\n\r\n");
	buf_add(&m, bin, blen);
	buf_adds(&m, "\r\n--outer\r\n"
		     "Content-Type: multipart/alternative; boundary=\"in ner\"\r\n\r\n"
		     "--in ner\r\nContent-Type: message/rfc822\r\n\r\n"
		     "Subject: x\r\nContent-Type: application/octet-stream\r\n"
		     "Content-Transfer-Encoding: base64\r\n\r\n");
	fill(&m, "base64", true);
	buf_adds(&m, "--in ner--\r\n--outer\r\nContent-Type: text/plain\r\n"
		     "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
	fill(&m, "qp-armor", true);
	put_buf("mail", "crafted-crlf.eml", &m);
	free(bin);
}

int
main(void)
{
	struct store *db;
	struct err e;
	if (sodium_init() < 0)
		die("sodium_init", "failed");
	fuzz_keys_load(&k);
	if (store_open_memory(STORE_CENTRAL, &db, &e) != ST_OK)
		die("central database", e.msg);
	bundle_seeds(db);
	signed_seeds();
	armor_seeds();
	mail_seeds();
	store_close(db);
	return 0;
}
