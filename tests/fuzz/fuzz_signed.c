/* fuzz_signed.c: libFuzzer target: any bytes through enrollment_read, receipt_read and
 * template_file_read (receipts and template files with the test central's key), as sent and
 * re-signed here, so that mutated bodies are read
 * past the signature; what is accepted must be written back and read again unchanged. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "armor.h"
#include "signed.h"

#include "fuzz_keys.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sqlite3 *db;
static struct fuzz_keys k;

static void
die(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_signed: %s: %s\n", what, detail);
	abort();
}

/* JSON is parsed with SQLite's functions: any database does, nothing is stored. */
static void
setup(void)
{
	if (sodium_init() < 0)
		die("sodium_init", "failed");
	fuzz_keys_load(&k);
	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		die("sqlite3_open", sqlite3_errmsg(db));
}

static bool
terminated(const char *s, size_t size)
{
	return memchr(s, '\0', size) != NULL;
}

/* The writers put times and ids in JSON unescaped: they only ever get store_now's times and
 * hex ids. A reader may accept more (docs/bundle-format.md, section 12), which they need not
 * write back. */
static bool
plain(const char *s)
{
	for (; *s; s++)
		if (*s == '"' || *s == '\\' || (unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

static bool
enrollment_equal(const struct enrollment *a, const struct enrollment *b)
{
	if (strcmp(a->unit_code, b->unit_code) != 0 || strcmp(a->unit_name, b->unit_name) != 0 ||
	    memcmp(a->central_sign, b->central_sign, SIGN_PK_BYTES) != 0 ||
	    memcmp(a->central_box, b->central_box, BOX_PK_BYTES) != 0 ||
	    strcmp(a->id, b->id) != 0 || memcmp(a->secret, b->secret, ENROLL_SECRET_BYTES) != 0 ||
	    strcmp(a->created, b->created) != 0 || a->ntemplates != b->ntemplates)
		return false;
	for (size_t i = 0; i < a->ntemplates; i++)
		if (strcmp(a->templates[i], b->templates[i]) != 0)
			return false;
	return true;
}

static void
check_enrollment(const unsigned char *doc, size_t len)
{
	static struct enrollment unset; /* a refusal must still set the output to NULL */
	struct enrollment *en = &unset, *again = NULL;
	struct err e = {0};
	unsigned char *out;
	size_t outlen;

	if (enrollment_read(doc, len, &en, &e) != ST_OK) {
		if (en != NULL || e.msg[0] == '\0')
			die("enrollment_read", "refused without a message or with output");
		return;
	}
	if (en == NULL || !terminated(en->unit_code, sizeof en->unit_code) ||
	    en->unit_code[0] == '\0' || en->unit_name == NULL || en->unit_name[0] == '\0' ||
	    strlen(en->unit_name) > 511 || !terminated(en->id, sizeof en->id) ||
	    strlen(en->id) != 32 || !terminated(en->created, sizeof en->created) ||
	    en->created[0] == '\0' || en->ntemplates > 16)
		die("enrollment_read", "accepted a file breaking the format's rules");
	for (size_t i = 0; i < en->ntemplates; i++)
		if (en->templates[i] == NULL)
			die("enrollment_read", "a missing template");
	/* Written again with the key it names (when that is the test central's), it reads back
	 * the same. */
	if (memcmp(en->central_sign, k.central_sign_pk, SIGN_PK_BYTES) == 0 && plain(en->created)) {
		enrollment_make(en, k.central_sign_sk, &out, &outlen);
		if (enrollment_read(out, outlen, &again, &e) != ST_OK)
			die("enrollment_make", e.msg);
		if (!enrollment_equal(en, again))
			die("enrollment_make", "read back differently");
		enrollment_free(again);
		free(out);
	}
	enrollment_free(en);
}

/* Two reviews (or none) say the same. */
static bool
same_review(const struct review *a, const struct review *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	if (a->state != b->state || strcmp(a->time, b->time) != 0 || a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->comments[i].field, b->comments[i].field) != 0 ||
		    strcmp(a->comments[i].text, b->comments[i].text) != 0)
			return false;
	return true;
}

static void
check_receipt(const unsigned char *doc, size_t len)
{
	struct receipt r, again;
	struct err e = {0};
	unsigned char *out;
	size_t outlen;

	if (receipt_read(doc, len, k.central_sign_pk, &r, &e) != ST_OK) {
		if (e.msg[0] == '\0')
			die("receipt_read", "refused without a message");
		return;
	}
	if (!terminated(r.unit, sizeof r.unit) || r.unit[0] == '\0' || r.year < 2000 ||
	    r.year > 2100 || r.revision < 1 || r.revision > 1000000 || r.outcome > RO_REFUSED ||
	    receipt_outcome_name(r.outcome) == NULL || receipt_outcome_message(r.outcome) == NULL ||
	    !terminated(r.reason, sizeof r.reason) || !terminated(r.time, sizeof r.time) ||
	    r.time[0] == '\0')
		die("receipt_read", "accepted a receipt breaking the format's rules");
	if (plain(r.time)) {
		receipt_make(&r, k.central_sign_sk, &out, &outlen);
		if (receipt_read(out, outlen, k.central_sign_pk, &again, &e) != ST_OK)
			die("receipt_make", e.msg);
		if (memcmp(r.bundle_id, again.bundle_id, sizeof r.bundle_id) != 0 ||
		    memcmp(r.bundle_hash, again.bundle_hash, sizeof r.bundle_hash) != 0 ||
		    strcmp(r.unit, again.unit) != 0 || r.year != again.year ||
		    r.revision != again.revision || r.outcome != again.outcome ||
		    strcmp(r.reason, again.reason) != 0 || strcmp(r.time, again.time) != 0 ||
		    !same_review(r.review, again.review))
			die("receipt_make", "read back differently");
		receipt_free(&again);
		free(out);
	}
	receipt_free(&r);
}

static void
check_template(const unsigned char *doc, size_t len)
{
	struct template_file f, again;
	struct err e = {0};
	unsigned char *out;
	size_t outlen;

	if (template_file_read(doc, len, k.central_sign_pk, &f, &e) != ST_OK) {
		if (e.msg[0] == '\0')
			die("template_file_read", "refused without a message");
		return;
	}
	if (f.source == NULL || f.source[0] == '\0' ||
	    !terminated(f.published, sizeof f.published) || f.published[0] == '\0')
		die("template_file_read", "accepted a file breaking the format's rules");
	if (plain(f.published)) {
		template_file_make(f.source, f.published, k.central_sign_sk, &out, &outlen);
		if (template_file_read(out, outlen, k.central_sign_pk, &again, &e) != ST_OK)
			die("template_file_make", e.msg);
		if (strcmp(f.source, again.source) != 0 ||
		    strcmp(f.published, again.published) != 0)
			die("template_file_make", "read back differently");
		free(again.source);
		free(out);
	}
	free(f.source);
}

/* The document with its length field and signature made right by the test central: the
 * framing and signature checks pass, so the body is what gets tested. */
static void
resigned(const unsigned char *data, size_t size, const char *magic, const char *domain,
	 void (*check)(const unsigned char *, size_t))
{
	crypto_sign_state st;
	if (size < 12 + SIG_BYTES || memcmp(data, magic, 7) != 0)
		return;
	size_t n = size - 12 - SIG_BYTES;
	unsigned char *doc = xmalloc(size);
	memcpy(doc, data, size);
	doc[7] = 1;
	for (int i = 0; i < 4; i++)
		doc[8 + i] = (unsigned char)(n >> (8 * i));
	crypto_sign_init(&st);
	crypto_sign_update(&st, (const unsigned char *)domain, strlen(domain) + 1);
	crypto_sign_update(&st, doc, 12 + n);
	crypto_sign_final_create(&st, doc + 12 + n, NULL, k.central_sign_sk);
	check(doc, size);
	free(doc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (db == NULL)
		setup();
	check_enrollment(data, size);
	check_receipt(data, size);
	resigned(data, size, "XHHTENR", "xhht enrollment v1", check_enrollment);
	resigned(data, size, "XHHTRCP", "xhht receipt v1", check_receipt);
	check_template(data, size);
	resigned(data, size, "XHHTTPL", "xhht template v1", check_template);
	/* All three travel armored too. */
	if (armor_detect((const char *)data, size)) {
		const char *text = (const char *)data;
		unsigned char *bin;
		size_t blen;
		struct err e = {0};
		if (armor_decode(text, size, "ENROLLMENT", &bin, &blen, &e) == ST_OK) {
			check_enrollment(bin, blen);
			free(bin);
		}
		if (armor_decode(text, size, "RECEIPT", &bin, &blen, &e) == ST_OK) {
			check_receipt(bin, blen);
			free(bin);
		}
		if (armor_decode(text, size, "TEMPLATE", &bin, &blen, &e) == ST_OK) {
			check_template(bin, blen);
			free(bin);
		}
	}
	return 0;
}
