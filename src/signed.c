/* signed.c: signed documents (enrollment files, receipts): magic, length, JSON body, signature. */
#include "signed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "json.h"
#include "report.h"
#include "text.h"

/* magic(7) version(1) body length(4, LE) body signature(64); the signature covers the domain
 * string with its NUL, then every byte before the signature. */
#define HEAD 12

static const struct {
	const char *name;
	bool accepted;
	const char *vi, *en;
} outcomes[] = {
#define RECEIPT_OUTCOME_TEXT(id, name, accepted, vi, en) {name, accepted, vi, en},
	RECEIPT_OUTCOMES(RECEIPT_OUTCOME_TEXT)
#undef RECEIPT_OUTCOME_TEXT
};

const char *
receipt_outcome_name(enum receipt_outcome o)
{
	return (unsigned)o < ARRAY_LEN(outcomes) ? outcomes[o].name : "?";
}

int
receipt_outcome_parse(const char *name)
{
	for (size_t k = 0; k < ARRAY_LEN(outcomes); k++)
		if (strcmp(name, outcomes[k].name) == 0)
			return (int)k;
	return -1;
}

bool
receipt_outcome_accepted(enum receipt_outcome o)
{
	return (unsigned)o < ARRAY_LEN(outcomes) && outcomes[o].accepted;
}

const char *
receipt_outcome_message(enum receipt_outcome o)
{
	return (unsigned)o < ARRAY_LEN(outcomes) ? L(outcomes[o].vi, outcomes[o].en) : "?";
}

static void
doc_make(const char *magic, int version, const char *domain, const char *body, size_t n,
	 const unsigned char *sk, unsigned char **out, size_t *outlen)
{
	unsigned char *p = xmalloc(HEAD + n + SIG_BYTES);
	crypto_sign_state st;
	memcpy(p, magic, 7);
	p[7] = (unsigned char)version;
	le_put(p + 8, n, 4);
	memcpy(p + HEAD, body, n);
	crypto_sign_init(&st);
	crypto_sign_update(&st, (const unsigned char *)domain, strlen(domain) + 1);
	crypto_sign_update(&st, p, HEAD + n);
	crypto_sign_final_create(&st, p + HEAD + n, NULL, sk);
	*out = p;
	*outlen = HEAD + n + SIG_BYTES;
}

/* Splits a document; the body is returned only if the framing is exact. */
static enum status
doc_split(const unsigned char *p, size_t len, const char *magic, int version, const char *what,
	  char **body, size_t *n, struct err *e)
{
	uint32_t blen;
	if (len < 8 || memcmp(p, magic, 7) != 0) {
		err_set(e, L("không phải %s của xhht", "not an xhht %s"), what);
		return ST_REFUSED;
	}
	if (p[7] != version) {
		err_set(e, L("%s theo định dạng %d, chương trình này đọc định dạng %d",
			     "%s in format %d; this program reads format %d"),
			what, p[7], version);
		/* Enrollment files of format 1 came without a code: anyone holding one could enroll. */
		if (version == ENROLLMENT_FORMAT && p[7] < version)
			err_prefix(e, L("tệp đăng ký cũ, không có mã đăng ký: xin Bộ Y tế gửi tệp mới; ",
					"an old enrollment file, without a code: ask the Ministry for a new one; "));
		return ST_REFUSED;
	}
	if (len < HEAD + SIG_BYTES)
		goto damaged;
	blen = (uint32_t)le_get(p + 8, 4);
	if (blen > SIGNED_MAX_BODY || (size_t)blen != len - HEAD - SIG_BYTES)
		goto damaged;
	*body = xstrndup((const char *)p + HEAD, blen);
	*n = blen;
	if (strlen(*body) != blen || !utf8_valid(*body, blen)) {
		free(*body);
		goto damaged;
	}
	return ST_OK;
damaged:
	err_set(e, L("%s bị hỏng (độ dài không khớp)", "%s is damaged (lengths do not match)"), what);
	return ST_REFUSED;
}

static bool
doc_verify(const char *domain, const unsigned char *p, size_t len, const unsigned char *pk)
{
	crypto_sign_state st;
	crypto_sign_init(&st);
	crypto_sign_update(&st, (const unsigned char *)domain, strlen(domain) + 1);
	crypto_sign_update(&st, p, len - SIG_BYTES);
	return crypto_sign_final_verify(&st, p + len - SIG_BYTES, pk) == 0;
}

/* Names and ids are never empty. */
static bool
get_text(const struct jnode *o, const char *k, char *out, size_t n)
{
	return json_get_text(o, k, out, n) && out[0] != '\0';
}

static bool
get_int(const struct jnode *o, const char *k, int64_t lo, int64_t hi, int *out)
{
	int64_t v;
	if (!json_get_int(o, k, lo, hi, &v))
		return false;
	*out = (int)v;
	return true;
}

void
enrollment_make(const struct enrollment *en, const unsigned char *sk, unsigned char **out,
		size_t *outlen)
{
	struct buf b;
	char *s;
	buf_init(&b);
	buf_printf(&b, "{\"format\":%d,\"unit\":{\"code\":", ENROLLMENT_FORMAT);
	json_write_string(&b, en->unit_code);
	buf_adds(&b, ",\"name\":");
	json_write_string(&b, en->unit_name);
	s = b64_encode(en->central_sign, SIGN_PK_BYTES);
	buf_printf(&b, "},\"central\":{\"sign\":\"%s\",", s);
	free(s);
	s = b64_encode(en->central_box, BOX_PK_BYTES);
	buf_printf(&b, "\"box\":\"%s\"", s);
	free(s);
	if (en->email[0]) {
		buf_adds(&b, ",\"email\":");
		json_write_string(&b, en->email);
	}
	buf_printf(&b, "},\"enrollment\":{\"id\":\"%s\",", en->id);
	s = b64_encode(en->secret, ENROLL_SECRET_BYTES);
	buf_printf(&b, "\"secret\":\"%s\"},\"created\":\"%s\",\"templates\":[", s, en->created);
	sodium_memzero(s, strlen(s));
	free(s);
	for (size_t i = 0; i < en->ntemplates; i++) {
		buf_adds(&b, i ? "," : "");
		json_write_string(&b, en->templates[i]);
	}
	buf_adds(&b, "]}");
	doc_make("XHHTENR", ENROLLMENT_FORMAT, "xhht enrollment v1", b.data, b.len, sk, out, outlen);
	sodium_memzero(b.data, b.len);
	buf_free(&b);
}

void
enrollment_free(struct enrollment *en)
{
	if (en == NULL)
		return;
	free(en->unit_name);
	for (size_t i = 0; i < en->ntemplates; i++)
		free(en->templates[i]);
	free(en->templates);
	sodium_memzero(en, sizeof *en);
	free(en);
}

enum status
enrollment_read(const unsigned char *data, size_t len, struct enrollment **out,
		struct err *e)
{
	const char *what = L("tệp đăng ký", "enrollment file");
	char *body;
	size_t n;
	struct jnode *root = NULL;
	struct enrollment *en = xcalloc(1, sizeof *en);
	const struct jnode *unit, *central, *enr, *tpl;
	char name[512];

	*out = NULL;
	if (doc_split(data, len, "XHHTENR", ENROLLMENT_FORMAT, what, &body, &n, e) != ST_OK) {
		free(en);
		return ST_REFUSED;
	}
	if (json_parse(body, &root, e) != ST_OK || root->type != J_OBJECT)
		goto bad;
	unit = json_get(root, "unit");
	central = json_get(root, "central");
	enr = json_get(root, "enrollment");
	tpl = json_get(root, "templates");
	int fmt;
	unsigned char idbin[16];
	if (!get_int(root, "format", ENROLLMENT_FORMAT, ENROLLMENT_FORMAT, &fmt) ||
	    root->nkids != 6 || !unit || !central || !enr || !tpl || tpl->type != J_ARRAY ||
	    tpl->nkids > ENROLL_MAX_TEMPLATES || unit->nkids != 2 ||
	    central->nkids != 2 + (json_get(central, "email") != NULL) || enr->nkids != 2 ||
	    !get_text(unit, "code", en->unit_code, sizeof en->unit_code) ||
	    !text_unit_code_ok(en->unit_code) || !get_text(unit, "name", name, sizeof name) ||
	    !json_get_b64(central, "sign", en->central_sign, SIGN_PK_BYTES) ||
	    !json_get_b64(central, "box", en->central_box, BOX_PK_BYTES) ||
	    !get_text(enr, "id", en->id, sizeof en->id) ||
	    !hex_decode(en->id, idbin, sizeof idbin) ||
	    !json_get_b64(enr, "secret", en->secret, ENROLL_SECRET_BYTES) ||
	    !get_text(root, "created", en->created, sizeof en->created))
		goto bad;
	/* The Ministry's address is optional (files written before it was carried have none). */
	if (json_get(central, "email") != NULL &&
	    (!get_text(central, "email", en->email, sizeof en->email) ||
	     !text_email_ok(en->email))) {
		err_set(e, L("tệp đăng ký ghi địa chỉ thư điện tử không hợp lệ",
			     "the enrollment file holds an invalid e-mail address"));
		goto fail;
	}
	/* A low-order receiving key could never receive a bundle: say so now, not at pack time. */
	unsigned char probe_sk[BOX_SK_BYTES], probe[BOX_PK_BYTES];
	randombytes_buf(probe_sk, sizeof probe_sk);
	bool usable = crypto_scalarmult(probe, probe_sk, en->central_box) == 0;
	sodium_memzero(probe_sk, sizeof probe_sk);
	if (!usable)
		goto bad;
	/* The file carries the key it is checked with: this proves it is whole and unaltered;
	 * that the key is the Ministry's is what the fingerprint read over the phone proves. */
	if (!doc_verify("xhht enrollment v1", data, len, en->central_sign)) {
		err_set(e, L("chữ ký của tệp đăng ký không hợp lệ (tệp bị sửa)",
			     "the enrollment file's signature is invalid (altered file)"));
		goto fail;
	}
	en->unit_name = xstrdup(name);
	en->templates = xcalloc(tpl->nkids ? tpl->nkids : 1, sizeof *en->templates);
	for (size_t i = 0; i < tpl->nkids; i++) {
		if (tpl->kids[i]->type != J_TEXT)
			goto bad;
		en->templates[en->ntemplates++] = xstrdup(tpl->kids[i]->text);
	}
	json_free(root);
	sodium_memzero(body, n);
	free(body);
	*out = en;
	return ST_OK;
bad:
	err_set(e, L("tệp đăng ký bị hỏng hoặc sai định dạng", "the enrollment file is damaged or malformed"));
fail:
	json_free(root);
	sodium_memzero(body, n);
	free(body);
	enrollment_free(en);
	return ST_REFUSED;
}

void
enrollment_code_new(char code[ENROLL_CODE_SHOWN + 1])
{
	uint64_t n = 0;
	char d[ENROLL_CODE_DIGITS + 1];
	for (int i = 0; i < ENROLL_CODE_DIGITS - 2; i++)
		n = n * 10 + randombytes_uniform(10);
	/* ISO 7064 MOD 97-10: the twelve digits read as a number leave 1 modulo 97. */
	snprintf(d, sizeof d, "%010llu%02llu", (unsigned long long)n,
		 (unsigned long long)(98 - (n * 100) % 97));
	snprintf(code, ENROLL_CODE_SHOWN + 1, "%.4s-%.4s-%.4s", d, d + 4, d + 8);
	sodium_memzero(d, sizeof d);
}

/* The digits of a typed code (spaces, dots, dashes and tabs between them ignored): how many
 * there are, or -1 for any other character. digits receives at most the code's twelve. */
static int
code_digits(const char *typed, char digits[ENROLL_CODE_DIGITS + 1])
{
	int n = 0;
	for (const char *p = typed; *p; p++) {
		if (*p == ' ' || *p == '-' || *p == '.' || *p == '\t')
			continue;
		if (*p < '0' || *p > '9')
			return -1;
		if (n < ENROLL_CODE_DIGITS)
			digits[n] = *p;
		n++;
	}
	digits[n < ENROLL_CODE_DIGITS ? n : ENROLL_CODE_DIGITS] = '\0';
	return n;
}

bool
enrollment_code_parse(const char *typed, char digits[ENROLL_CODE_DIGITS + 1])
{
	uint64_t v = 0;
	if (code_digits(typed, digits) != ENROLL_CODE_DIGITS)
		return false;
	for (int i = 0; i < ENROLL_CODE_DIGITS; i++)
		v = v * 10 + (uint64_t)(digits[i] - '0');
	return v % 97 == 1;
}

void
enrollment_code_secret(const unsigned char file_secret[ENROLL_SECRET_BYTES],
		       const char digits[ENROLL_CODE_DIGITS], unsigned char out[ENROLL_SECRET_BYTES])
{
	static const char domain[] = "xhht enrollment code v2";
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, ENROLL_SECRET_BYTES);
	crypto_generichash_update(&st, (const unsigned char *)domain, sizeof domain - 1);
	crypto_generichash_update(&st, file_secret, ENROLL_SECRET_BYTES);
	crypto_generichash_update(&st, (const unsigned char *)digits, ENROLL_CODE_DIGITS);
	crypto_generichash_final(&st, out, ENROLL_SECRET_BYTES);
	sodium_memzero(&st, sizeof st);
}

enum status
enrollment_use_code(struct enrollment *en, const char *typed, struct err *e)
{
	char digits[ENROLL_CODE_DIGITS + 1];
	if (!enrollment_code_parse(typed, digits)) {
		int n = code_digits(typed, digits);
		/* Twelve digits that fail the check: a slip of one digit or two swapped. */
		if (n == ENROLL_CODE_DIGITS)
			err_set(e, L("mã đăng ký không đúng: có một chữ số gõ nhầm hoặc hai chữ số đổi chỗ;"
				     " so lại từng chữ số với công văn của Bộ",
				     "the enrollment code is wrong: a digit is mistyped or two are swapped;"
				     " check each digit against the Ministry's letter"));
		else
			err_set(e, n < 0 ? L("mã đăng ký không đúng: mã chỉ gồm 12 chữ số như trong công"
					     " văn của Bộ (ví dụ 1234-5678-9012)",
					     "the enrollment code is wrong: it is only 12 digits as in the"
					     " Ministry's letter (e.g. 1234-5678-9012)")
				       : L("mã đăng ký không đúng: mã gồm 12 chữ số như trong công văn của"
					   " Bộ (ví dụ 1234-5678-9012), đã gõ %d chữ số",
					   "the enrollment code is wrong: it has 12 digits as in the"
					   " Ministry's letter (e.g. 1234-5678-9012); %d digits were typed"),
				n);
		sodium_memzero(digits, sizeof digits);
		return ST_REFUSED;
	}
	enrollment_code_secret(en->secret, digits, en->secret);
	sodium_memzero(digits, sizeof digits);
	return ST_OK;
}

static const struct {
	const char *name, *vi, *en;
} review_states[RV_COUNT] = {
#define REVIEW_STATE_ROW(id, name, vi, en) [id] = {name, vi, en},
    REVIEW_STATES(REVIEW_STATE_ROW)
#undef REVIEW_STATE_ROW
};

const char *
review_state_name(enum review_state s)
{
	return review_states[s].name;
}

const char *
review_state_word(enum review_state s)
{
	return L(review_states[s].vi, review_states[s].en);
}

int
review_state_parse(const char *name)
{
	for (int i = 0; i < RV_COUNT; i++)
		if (strcmp(name, review_states[i].name) == 0)
			return i;
	return -1;
}

void
review_free(struct review *rv)
{
	if (rv == NULL)
		return;
	for (size_t i = 0; i < rv->n; i++)
		free(rv->comments[i].text);
	free(rv->comments);
	free(rv);
}

void
receipt_free(struct receipt *r)
{
	review_free(r->review);
	r->review = NULL;
}

static void
review_write(struct buf *b, const struct review *rv)
{
	buf_printf(b, ",\"review\":{\"state\":\"%s\",\"time\":", review_state_name(rv->state));
	json_write_string(b, rv->time);
	buf_adds(b, ",\"comments\":[");
	for (size_t i = 0; i < rv->n; i++) {
		buf_adds(b, i ? ",{\"field\":" : "{\"field\":");
		json_write_string(b, rv->comments[i].field);
		buf_adds(b, ",\"text\":");
		json_write_string(b, rv->comments[i].text);
		buf_adds(b, "}");
	}
	buf_adds(b, "]}");
}

void
receipt_make(const struct receipt *r, const unsigned char *sk, unsigned char **out, size_t *outlen)
{
	struct buf b;
	char id[33], hash[65];
	int format = r->review != NULL ? RECEIPT_FORMAT_REVIEW : RECEIPT_FORMAT;
	hex_encode(r->bundle_id, 16, id);
	hex_encode(r->bundle_hash, HASH_BYTES, hash);
	buf_init(&b);
	buf_printf(&b, "{\"format\":%d,\"bundle\":{\"id\":\"%s\",\"hash\":\"%s\"},\"unit\":",
		   format, id, hash);
	json_write_string(&b, r->unit);
	buf_printf(&b, ",\"year\":%d,\"revision\":%d,\"outcome\":\"%s\",\"reason\":", r->year,
		   r->revision, receipt_outcome_name(r->outcome));
	json_write_string(&b, r->reason);
	buf_printf(&b, ",\"time\":\"%s\"", r->time);
	if (r->review != NULL)
		review_write(&b, r->review);
	buf_adds(&b, "}");
	doc_make("XHHTRCP", format, "xhht receipt v1", b.data, b.len, sk, out, outlen);
	buf_free(&b);
}

/* The review member of a format-2 receipt: a known state, a time, and comments each with a
 * field id (possibly empty: the whole report) and a non-empty text within the limits. */
static bool
review_parse(const struct jnode *o, struct review **out)
{
	const struct jnode *list = o != NULL ? json_get(o, "comments") : NULL;
	char state[32];
	int k;
	if (o == NULL || o->type != J_OBJECT || o->nkids != 3 || list == NULL ||
	    list->type != J_ARRAY || list->nkids > REVIEW_MAX_COMMENTS ||
	    !get_text(o, "state", state, sizeof state) || (k = review_state_parse(state)) < 0)
		return false;
	struct review *rv = xcalloc(1, sizeof *rv);
	rv->state = (enum review_state)k;
	if (!get_text(o, "time", rv->time, sizeof rv->time))
		goto bad;
	rv->comments = list->nkids ? xcalloc(list->nkids, sizeof *rv->comments) : NULL;
	for (size_t i = 0; i < list->nkids; i++) {
		const struct jnode *c = list->kids[i], *text = json_get(c, "text");
		struct review_comment *rc = &rv->comments[rv->n];
		if (c->type != J_OBJECT || c->nkids != 2 ||
		    !json_get_text(c, "field", rc->field, sizeof rc->field) || text == NULL ||
		    text->type != J_TEXT || text->text[0] == '\0' ||
		    strlen(text->text) > REVIEW_MAX_TEXT)
			goto bad;
		rc->text = xstrdup(text->text);
		rv->n++;
	}
	*out = rv;
	return true;
bad:
	review_free(rv);
	return false;
}

enum status
receipt_read(const unsigned char *data, size_t len, const unsigned char *pk,
	     struct receipt *r, struct err *e)
{
	const char *what = L("biên nhận", "receipt");
	char *body, id[40], hash[80], outcome[32];
	size_t n;
	struct jnode *root = NULL;
	const struct jnode *bundle, *reason;

	memset(r, 0, sizeof *r);
	/* Format 2 differs only by its review member. */
	int format = len > 7 && data[7] == RECEIPT_FORMAT_REVIEW ? RECEIPT_FORMAT_REVIEW
								 : RECEIPT_FORMAT;
	if (doc_split(data, len, "XHHTRCP", format, what, &body, &n, e) != ST_OK)
		return ST_REFUSED;
	if (!doc_verify("xhht receipt v1", data, len, pk)) {
		free(body);
		err_set(e, L("chữ ký của biên nhận không phải của Bộ Y tế (hoặc biên nhận bị sửa)",
			     "the receipt is not signed by the Ministry (or was altered)"));
		return ST_REFUSED;
	}
	if (json_parse(body, &root, e) != ST_OK || root->type != J_OBJECT)
		goto bad;
	bundle = json_get(root, "bundle");
	reason = json_get(root, "reason");
	int fmt;
	if (!get_int(root, "format", format, format, &fmt) ||
	    root->nkids != (format == RECEIPT_FORMAT_REVIEW ? 9u : 8u) || bundle == NULL ||
	    bundle->nkids != 2 ||
	    !get_text(bundle, "id", id, sizeof id) || !hex_decode(id, r->bundle_id, 16) ||
	    !get_text(bundle, "hash", hash, sizeof hash) ||
	    !hex_decode(hash, r->bundle_hash, HASH_BYTES) ||
	    !get_text(root, "unit", r->unit, sizeof r->unit) ||
	    !get_int(root, "year", REPORT_MIN_YEAR, REPORT_MAX_YEAR, &r->year) ||
	    !get_int(root, "revision", 1, 1000000, &r->revision) ||
	    !get_text(root, "outcome", outcome, sizeof outcome) || reason == NULL ||
	    reason->type != J_TEXT || strlen(reason->text) >= sizeof r->reason ||
	    !get_text(root, "time", r->time, sizeof r->time))
		goto bad;
	strcpy(r->reason, reason->text);
	int k = receipt_outcome_parse(outcome);
	if (k < 0)
		goto bad;
	r->outcome = (enum receipt_outcome)k;
	/* Only a report the Ministry holds is reviewed. */
	if (format == RECEIPT_FORMAT_REVIEW &&
	    (!receipt_outcome_accepted(r->outcome) || !review_parse(json_get(root, "review"), &r->review)))
		goto bad;
	json_free(root);
	free(body);
	return ST_OK;
bad:
	err_set(e, L("biên nhận sai định dạng", "the receipt is malformed"));
	json_free(root);
	free(body);
	return ST_REFUSED;
}

void
template_file_make(const char *source, const char *published, const unsigned char *sk,
		   unsigned char **out, size_t *outlen)
{
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "{\"format\":%d,\"template\":", TEMPLATE_FILE_FORMAT);
	json_write_string(&b, source);
	buf_adds(&b, ",\"published\":");
	json_write_string(&b, published);
	buf_adds(&b, "}");
	doc_make("XHHTTPL", TEMPLATE_FILE_FORMAT, "xhht template v1", b.data, b.len, sk, out,
		 outlen);
	buf_free(&b);
}

bool
template_file_detect(const unsigned char *data, size_t len)
{
	return len >= 7 && memcmp(data, "XHHTTPL", 7) == 0;
}

enum status
template_file_read(const unsigned char *data, size_t len, const unsigned char *central_sign_pk,
		   struct template_file *out, struct err *e)
{
	const char *what = L("tệp mẫu báo cáo", "template file");
	char *body;
	size_t n;
	struct jnode *root = NULL;
	const struct jnode *src;
	int fmt;

	memset(out, 0, sizeof *out);
	if (doc_split(data, len, "XHHTTPL", TEMPLATE_FILE_FORMAT, what, &body, &n, e) != ST_OK)
		return ST_REFUSED;
	/* Only the central the unit is enrolled with publishes the forms its units fill. */
	if (!doc_verify("xhht template v1", data, len, central_sign_pk)) {
		free(body);
		err_set(
		    e,
		    L("tệp mẫu báo cáo không do Bộ Y tế (nơi đơn vị đã đăng ký) ký, hoặc đã bị sửa",
		      "the template file is not signed by the Ministry this unit is enrolled"
		      " with, or was altered"));
		return ST_REFUSED;
	}
	if (json_parse(body, &root, e) != ST_OK || root->type != J_OBJECT || root->nkids != 3 ||
	    !get_int(root, "format", TEMPLATE_FILE_FORMAT, TEMPLATE_FILE_FORMAT, &fmt) ||
	    (src = json_get(root, "template")) == NULL || src->type != J_TEXT ||
	    src->text[0] == '\0' ||
	    !get_text(root, "published", out->published, sizeof out->published)) {
		err_set(e, L("tệp mẫu báo cáo sai định dạng", "the template file is malformed"));
		json_free(root);
		free(body);
		return ST_REFUSED;
	}
	out->source = xstrdup(src->text);
	json_free(root);
	free(body);
	return ST_OK;
}
