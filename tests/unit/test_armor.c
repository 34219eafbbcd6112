/* test_armor.c: the armored (text) form of bundles and container_read of either form. */
#include "bundle_fixture.h"


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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_armor_roundtrip),
		cmocka_unit_test(test_armor_refusals),
		cmocka_unit_test(test_container_read),
	};
	return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
