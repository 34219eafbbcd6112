/* test_signed.c: the signed documents: enrollment files, receipts and enrollment codes, in
 * the exact form of the format. */
#include "bundle_fixture.h"
#include "i18n.h"
#include "text.h"
#include "unit.h"

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

/* The Ministry's e-mail address: an optional field of format 2, written by the central when
 * given, refused when it is not an address, kept by the unit at enrollment. */
static void
test_enrollment_email(void **state)
{
	(void)state;
	struct central c;
	struct err e = {0};
	unsigned char *doc;
	size_t len;
	struct enrollment *en = NULL;
	char ecode[ENROLL_CODE_SHOWN + 1], fp[48];
	central_new(&c);

	/* A typo in the address is refused at the central, before any file exists. */
	assert_int_equal(central_enroll(c.db, c.sk, UNIT_A, "baocao moh.gov.vn", &doc, &len, ecode,
					NULL, NULL, &e),
			 ST_ENV);
	assert_non_null(strstr(e.msg, "baocao moh.gov.vn"));

	/* Round trip. */
	assert_int_equal(central_enroll(c.db, c.sk, UNIT_A, "baocao@moh.gov.vn", &doc, &len, ecode,
					NULL, NULL, &e),
			 ST_OK);
	assert_non_null(memmem(doc, len, "\"email\":\"baocao@moh.gov.vn\"", 27));
	if (enrollment_read(doc, len, &en, &e) != ST_OK)
		fail_msg("enrollment_read: %s", e.msg);
	assert_string_equal(en->email, "baocao@moh.gov.vn");
	free(doc);

	/* The unit keeps it and names it after packing; a file without one names none. */
	char *dir = test_tmpdir("email");
	struct store *udb;
	struct secret *pass = passphrase_from_bytes("mật khẩu đơn vị", strlen("mật khẩu đơn vị"));
	assert_int_equal(store_open(dir, STORE_UNIT, &udb, &e), ST_OK);
	assert_null(unit_ministry_email(udb));
	assert_int_equal(enrollment_use_code(en, ecode, &e), ST_OK);
	assert_int_equal(unit_enroll(udb, dir, en, pass, false, fp, &e), ST_OK);
	char *kept = unit_ministry_email(udb);
	assert_string_equal(kept, "baocao@moh.gov.vn");
	free(kept);
	enrollment_free(en);

	/* Without an address the file is format 2 as it was before: no "email" at all. */
	assert_int_equal(
	    central_enroll(c.db, c.sk, UNIT_A, NULL, &doc, &len, ecode, NULL, NULL, &e), ST_OK);
	assert_null(memmem(doc, len, "\"email\":", 8));
	assert_int_equal(enrollment_read(doc, len, &en, &e), ST_OK);
	assert_string_equal(en->email, "");
	assert_int_equal(enrollment_use_code(en, ecode, &e), ST_OK);
	assert_int_equal(unit_enroll(udb, dir, en, pass, false, fp, &e), ST_OK);
	assert_null(unit_ministry_email(udb));
	free(doc);

	/* A signed file whose address is not one is refused whole. */
	snprintf(en->email, sizeof en->email, "baocao@moh");
	enrollment_make(en, c.sk->bytes, &doc, &len);
	struct enrollment *got = NULL;
	assert_int_equal(enrollment_read(doc, len, &got, &e), ST_REFUSED);
	assert_null(got);
	assert_non_null(strstr(e.msg, L("thư điện tử", "e-mail")));
	free(doc);
	enrollment_free(en);

	secret_free(pass);
	store_close(udb);
	test_rmtree(dir);
	free(dir);
	central_done(&c);
}

static void
test_email_form(void **state)
{
	(void)state;
	static const char *const good[] = {"baocao@moh.gov.vn", "vu.tccb@moh.gov.vn", "a+b@x-y.vn",
					   "A_1@sub.domain.example"};
	static const char *const bad[] = {"",
					  "baocao",
					  "@moh.gov.vn",
					  "baocao@",
					  "baocao@moh",
					  "bao cao@moh.gov.vn",
					  "a@@moh.gov.vn",
					  "a@b@moh.gov.vn",
					  ".a@moh.gov.vn",
					  "a.@moh.gov.vn",
					  "a..b@moh.gov.vn",
					  "a@-moh.gov.vn",
					  "a@moh-.gov.vn",
					  "a@moh..vn",
					  "a@moh.gov.vn.",
					  "tên@moh.gov.vn",
					  "a@moh.gov.vn\n",
					  "<a@moh.gov.vn>"};
	for (size_t i = 0; i < ARRAY_LEN(good); i++)
		if (!text_email_ok(good[i]))
			fail_msg("refused %s", good[i]);
	for (size_t i = 0; i < ARRAY_LEN(bad); i++)
		if (text_email_ok(bad[i]))
			fail_msg("accepted \"%s\"", bad[i]);
}

/* A template file reads back whole with the central's key; another key, any bit flipped, any
 * truncation, a member added or another format are refused. */
static void
test_template_file(void **state)
{
	(void)state;
	struct central c;
	struct ukey other;
	struct err e = {0};
	struct template_file f;
	unsigned char *doc;
	size_t len;
	const char *src = "{\"id\": \"m\u1eabu\",\n \"t\": \"M\u1eabu \\\"2\\\"\"}";
	central_new(&c);
	ukey_new(&other);
	template_file_make(src, "2025-03-01T03:00:00Z", c.sk->bytes, &doc, &len);
	assert_memory_equal(doc, "XHHTTPL\001", 8);
	assert_true(template_file_detect(doc, len));
	if (template_file_read(doc, len, c.sign_pk, &f, &e) != ST_OK)
		fail_msg("template_file_read: %s", e.msg);
	assert_string_equal(f.source, src);
	assert_string_equal(f.published, "2025-03-01T03:00:00Z");
	free(f.source);
	assert_int_equal(template_file_read(doc, len, other.pk, &f, &e), ST_REFUSED);
	assert_non_null(strstr(e.msg, "không do Bộ Y tế"));
	for (size_t bit = 0; bit < len * 8; bit++) {
		doc[bit / 8] ^= (unsigned char)(1u << (bit % 8));
		if (template_file_read(doc, len, c.sign_pk, &f, &e) != ST_REFUSED)
			fail_msg("template file with bit %zu flipped was accepted", bit);
		doc[bit / 8] ^= (unsigned char)(1u << (bit % 8));
	}
	for (size_t n = 0; n < len; n++)
		assert_int_equal(template_file_read(doc, n, c.sign_pk, &f, &e), ST_REFUSED);
	free(doc);
	/* Bodies the central's key signed, breaking the format: each refused. */
	static const char *const bodies[] = {
	    "{\"format\":1,\"template\":\"{}\",\"published\":\"x\",\"more\":1}",
	    "{\"format\":2,\"template\":\"{}\",\"published\":\"x\"}",
	    "{\"format\":1,\"template\":\"\",\"published\":\"x\"}",
	    "{\"format\":1,\"template\":{},\"published\":\"x\"}",
	    "{\"format\":1,\"template\":\"{}\"}",
	};
	for (size_t i = 0; i < ARRAY_LEN(bodies); i++) {
		size_t n = strlen(bodies[i]);
		crypto_sign_state st;
		doc = xmalloc(12 + n + SIG_BYTES);
		memcpy(doc, "XHHTTPL\001", 8);
		le_put(doc + 8, n, 4);
		memcpy(doc + 12, bodies[i], n);
		crypto_sign_init(&st);
		crypto_sign_update(&st, (const unsigned char *)"xhht template v1", 17);
		crypto_sign_update(&st, doc, 12 + n);
		crypto_sign_final_create(&st, doc + 12 + n, NULL, c.sk->bytes);
		if (template_file_read(doc, 12 + n + SIG_BYTES, c.sign_pk, &f, &e) != ST_REFUSED)
			fail_msg("body %zu accepted", i);
		assert_non_null(strstr(e.msg, "sai định dạng"));
		free(doc);
	}
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

/* A receipt carrying the reviewers' word is format 2 and reads back whole; one without stays
 * format 1, byte for byte what programs before the review loop read. */
static void
test_receipt_review(void **state)
{
	(void)state;
	struct central c;
	struct err e = {0};
	unsigned char *doc;
	size_t len;
	central_new(&c);
	struct review_comment comments[] = {
	    {.field = "", .text = "Báo cáo thiếu chữ ký của thủ trưởng."},
	    {.field = "a1_so_can_bo", .text = "Số \"cán bộ\" không khớp với biểu 2.\nXin sửa."},
	};
	struct review rv = {.state = RV_NEEDS_FIXING, .time = "2024-12-08T02:00:00Z",
			    .comments = comments, .n = 2};
	struct receipt r = {.unit = UNIT_A, .year = 2024, .revision = 3, .outcome = RO_MERGED,
			    .time = "2024-11-28T09:30:00Z", .review = &rv}, got;
	receipt_make(&r, c.sk->bytes, &doc, &len);
	assert_memory_equal(doc, "XHHTRCP\002", 8);
	if (receipt_read(doc, len, c.sign_pk, &got, &e) != ST_OK)
		fail_msg("receipt_read: %s", e.msg);
	assert_non_null(got.review);
	assert_int_equal(got.review->state, RV_NEEDS_FIXING);
	assert_string_equal(got.review->time, rv.time);
	assert_int_equal(got.review->n, 2);
	assert_string_equal(got.review->comments[0].field, "");
	assert_string_equal(got.review->comments[1].field, "a1_so_can_bo");
	assert_string_equal(got.review->comments[1].text, comments[1].text);
	assert_string_equal(review_state_name(got.review->state), "needs_fixing");
	assert_int_equal(review_state_parse("approved"), RV_APPROVED);
	assert_int_equal(review_state_parse("rejected"), -1);
	receipt_free(&got);
	assert_null(got.review);
	/* Any change of the signed bytes, the format byte included, is refused. */
	for (size_t bit = 0; bit < len * 8; bit += 7) {
		doc[bit / 8] ^= (unsigned char)(1u << (bit % 8));
		if (receipt_read(doc, len, c.sign_pk, &got, &e) != ST_REFUSED)
			fail_msg("receipt with bit %zu flipped was accepted", bit);
		doc[bit / 8] ^= (unsigned char)(1u << (bit % 8));
	}
	free(doc);

	/* Approved with no comments. */
	rv.state = RV_APPROVED;
	rv.n = 0;
	receipt_make(&r, c.sk->bytes, &doc, &len);
	assert_int_equal(receipt_read(doc, len, c.sign_pk, &got, &e), ST_OK);
	assert_int_equal(got.review->state, RV_APPROVED);
	assert_int_equal(got.review->n, 0);
	receipt_free(&got);
	free(doc);

	/* A review on a report the Ministry does not hold, or an empty comment, breaks the
	 * format: the reader refuses what a writer should never make. */
	r.outcome = RO_REFUSED;
	receipt_make(&r, c.sk->bytes, &doc, &len);
	assert_int_equal(receipt_read(doc, len, c.sign_pk, &got, &e), ST_REFUSED);
	assert_null(got.review);
	free(doc);
	r.outcome = RO_MERGED;
	struct review_comment empty = {.field = "x", .text = ""};
	rv.comments = &empty;
	rv.n = 1;
	receipt_make(&r, c.sk->bytes, &doc, &len);
	assert_int_equal(receipt_read(doc, len, c.sign_pk, &got, &e), ST_REFUSED);
	free(doc);

	/* Without a review: format 1 as before. */
	r.review = NULL;
	receipt_make(&r, c.sk->bytes, &doc, &len);
	assert_memory_equal(doc, "XHHTRCP\001", 8);
	assert_int_equal(receipt_read(doc, len, c.sign_pk, &got, &e), ST_OK);
	assert_null(got.review);
	free(doc);
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

/* The document made is body signed by hand: Ed25519 is deterministic. Frees doc. */
static void
assert_made_as(unsigned char *doc, size_t len, const char *magic, const char *domain,
	       const char *body, const struct central *c)
{
	size_t mylen;
	unsigned char *mine = sign_doc(magic, domain, body, c->sk->bytes, &mylen);
	assert_int_equal(len, mylen);
	assert_memory_equal(doc, mine, len);
	free(doc);
	free(mine);
}

/* Reads a signed document as the central c would be given it, checking what it read. */
typedef enum status (*doc_reader)(const unsigned char *doc, size_t len, const struct central *c,
				  struct err *e);

/* body, signed as it is, is read; each of the n edits (one at a time, the result signed all the
 * same) is refused. */
static void
assert_edits_refused(const char *body, const char *const (*edits)[2], size_t n, const char *magic,
		     const char *domain, const struct central *c, doc_reader read)
{
	for (size_t i = 0; i <= n; i++) {
		struct buf b;
		struct err e = {0};
		size_t len;
		buf_init(&b);
		buf_adds(&b, body);
		if (i < n)
			buf_replace(&b, edits[i][0], edits[i][1]);
		unsigned char *doc = sign_doc(magic, domain, b.data, c->sk->bytes, &len);
		enum status st = read(doc, len, c, &e);
		if (i == n && st != ST_OK) /* the unaltered body, as a check of the check */
			fail_msg("%s: %s", magic, e.msg);
		else if (i < n && st != ST_REFUSED)
			fail_msg("%s accepted with %s", magic, edits[i][1]);
		free(doc);
		buf_free(&b);
	}
}

static enum status
read_enrollment(const unsigned char *doc, size_t len, const struct central *c, struct err *e)
{
	struct enrollment *got = NULL;
	(void)c;
	enum status st = enrollment_read(doc, len, &got, e);
	if (st == ST_OK) {
		assert_string_equal(got->unit_name, "Tên \"A\"");
		assert_string_equal(got->templates[1], "t\n2");
	}
	enrollment_free(got);
	return st;
}

static enum status
read_receipt(const unsigned char *doc, size_t len, const struct central *c, struct err *e)
{
	struct receipt got;
	enum status st = receipt_read(doc, len, c->sign_pk, &got, e);
	if (st == ST_OK)
		assert_string_equal(got.reason, "revoked-key");
	return st;
}

/* Enrollment files are written in the exact compact form of the format, and read only in it:
 * each member once, none unknown, each of its type. */
static void
test_enrollment_forms(void **state)
{
	(void)state;
	struct central c;
	struct err e = {0};
	unsigned char *doc, secret[ENROLL_SECRET_BYTES];
	size_t len;
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
	enrollment_make(&en, c.sk->bytes, &doc, &len);
	assert_made_as(doc, len, "XHHTENR", "xhht enrollment v1", body, &c);

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
	assert_edits_refused(body, enr_edits, ARRAY_LEN(enr_edits), "XHHTENR", "xhht enrollment v1",
			     &c, read_enrollment);
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
	free(sign);
	free(box);
	free(sec);
	central_done(&c);
}

/* Receipts likewise; and documents of one kind are not read as the other. */
static void
test_receipt_forms(void **state)
{
	(void)state;
	struct central c;
	struct err e = {0};
	unsigned char *doc;
	size_t len;
	central_new(&c);
	struct receipt r = {.unit = UNIT_A, .year = 2024, .revision = 3, .outcome = RO_REFUSED,
			    .reason = "revoked-key", .time = "2024-11-28T09:30:00Z"},
		       got_r;
	memset(r.bundle_id, 0xab, sizeof r.bundle_id);
	memset(r.bundle_hash, 0xcd, sizeof r.bundle_hash);
	char *body =
	    xasprintf("{\"format\":1,\"bundle\":{\"id\":\"%s\",\"hash\":\"%s\"},\"unit\":\"" UNIT_A
		      "\",\"year\":2024,\"revision\":3,\"outcome\":\"refused\",\"reason\":"
		      "\"revoked-key\",\"time\":\"2024-11-28T09:30:00Z\"}",
		      "abababababababababababababababab",
		      "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd");
	receipt_make(&r, c.sk->bytes, &doc, &len);
	assert_made_as(doc, len, "XHHTRCP", "xhht receipt v1", body, &c);
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
	assert_edits_refused(body, rcp_edits, ARRAY_LEN(rcp_edits), "XHHTRCP", "xhht receipt v1",
			     &c, read_receipt);
	/* Documents of one kind are not read as the other, even signed by the right key. */
	doc = sign_doc("XHHTENR", "xhht receipt v1", body, c.sk->bytes, &len);
	assert_int_equal(receipt_read(doc, len, c.sign_pk, &got_r, &e), ST_REFUSED);
	free(doc);
	doc = sign_doc("XHHTRCP", "xhht enrollment v1", body, c.sk->bytes, &len);
	assert_int_equal(receipt_read(doc, len, c.sign_pk, &got_r, &e), ST_REFUSED);
	free(doc);
	free(body);
	central_done(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_enrollment_roundtrip), cmocka_unit_test(test_receipt_roundtrip),
	    cmocka_unit_test(test_receipt_review),       cmocka_unit_test(test_enrollment_code),
	    cmocka_unit_test(test_enrollment_forms),     cmocka_unit_test(test_receipt_forms),
	    cmocka_unit_test(test_enrollment_email),     cmocka_unit_test(test_email_form),
	    cmocka_unit_test(test_template_file),
	};
	return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
