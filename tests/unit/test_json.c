/* test_json.c: the JSON reader: what RFC 8259 allows is read exactly, anything else refused. */
#include "testlib.h"

#include "i18n.h"
#include "json.h"

static struct jnode *
parse_ok(const char *text)
{
	struct jnode *n = NULL;
	struct err e = {0};
	if (json_parse(text, &n, &e) != ST_OK)
		fail_msg("json_parse(%s): %s", text, e.msg);
	return n;
}

static void
test_values(void **state)
{
	(void)state;
	struct jnode *n = parse_ok(" {\"a\": [1, -0, 2.5, -1e3, true, false, null, \"x\"], \"b\": {}} \n");
	assert_int_equal(n->type, J_OBJECT);
	assert_int_equal(n->nkids, 2);
	const struct jnode *a = json_get(n, "a"), *b = json_get(n, "b");
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(b->type, J_OBJECT);
	assert_int_equal(b->nkids, 0);
	assert_int_equal(a->nkids, 8);
	static const enum jtype types[] = {J_INT, J_INT, J_REAL, J_REAL, J_TRUE, J_FALSE, J_NULL, J_TEXT};
	for (size_t i = 0; i < 8; i++)
		assert_int_equal(a->kids[i]->type, types[i]);
	assert_int_equal(a->kids[0]->i, 1);
	assert_int_equal(a->kids[1]->i, 0);
	/* Numbers keep the text they were written with, for messages. */
	assert_string_equal(a->kids[2]->text, "2.5");
	assert_string_equal(a->kids[3]->text, "-1e3");
	assert_string_equal(a->kids[7]->text, "x");
	/* Members keep their order. */
	assert_string_equal(n->kids[0]->key, "a");
	assert_string_equal(n->kids[1]->key, "b");
	json_free(n);
}

static void
test_integers_at_the_edges(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		bool big;
		int64_t i;
	} cases[] = {
		{"9223372036854775807", false, INT64_MAX},
		{"-9223372036854775808", false, INT64_MIN},
		{"9223372036854775808", true, 0},
		{"-9223372036854775809", true, 0},
		{"99999999999999999999999", true, 0},
		{"0", false, 0},
		{"-7", false, -7},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct jnode *n = parse_ok(cases[i].text);
		assert_int_equal(n->type, J_INT);
		if (n->big != cases[i].big)
			fail_msg("%s: big is %d", cases[i].text, n->big);
		if (!cases[i].big)
			assert_true(n->i == cases[i].i);
		assert_string_equal(n->text, cases[i].text);
		json_free(n);
	}
}

static void
test_strings(void **state)
{
	(void)state;
	static const struct {
		const char *json, *text;
	} cases[] = {
		{"\"\"", ""},
		{"\"Bệnh viện\"", "Bệnh viện"},
		{"\"a\\\"b\\\\c\\/d\"", "a\"b\\c/d"},
		{"\"\\b\\f\\n\\r\\t\"", "\b\f\n\r\t"},
		{"\"\\u0041\\u00e9\\u1ec7\"", "Aé\xe1\xbb\x87"},
		{"\"\\uD83D\\uDE00\"", "\xf0\x9f\x98\x80"}, /* a surrogate pair */
		{"\"\\ud83d\\ude00x\"", "\xf0\x9f\x98\x80x"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct jnode *n = parse_ok(cases[i].json);
		assert_int_equal(n->type, J_TEXT);
		assert_string_equal(n->text, cases[i].text);
		json_free(n);
	}
}

/* What other readers take (JSON5, JavaScript) and RFC 8259 does not. */
static void
test_refused(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"",
		"   ",
		"{",
		"[1, 2",
		"[1, 2,]",
		"{\"a\": 1,}",
		"{a: 1}",
		"{'a': 1}",
		"['a']",
		"// comment\n{}",
		"{} /* comment */",
		"{}{}",
		"{} x",
		"01",
		"-",
		"+1",
		".5",
		"1.",
		"1e",
		"1e+",
		"0x10",
		"NaN",
		"Infinity",
		"tru",
		"nul",
		"True",
		"\"tab\there\"",
		"\"line\nbreak\"",
		"\"\\x41\"",
		"\"\\u00g1\"",
		"\"\\u12\"",
		"\"\\ud800\"",
		"\"\\udc00\"",
		"\"\\ud800\\u0041\"",
		"\"a\\u0000b\"",
		"\"unclosed",
		"{\"a\" 1}",
		"{\"a\": 1 \"b\": 2}",
		"{\"k\": 1, \"k\": 2}",
		"[1 2]",
		/* Not UTF-8: in a string, a name, or outside strings; and an escape cut short. */
		"\"\xff\"",
		"\"a\xc0\x80\"",
		"\"\xed\xa0\x80\"",
		"\"\xe1\xbb\"",
		"{\"\xe1\": 1}",
		"[1, \xc3\xa9]",
		"\"\xe1\xbb\x87\\n\xff\"",
		"\xef\xbb\xbf{}",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct jnode *n = NULL;
		struct err e = {0};
		if (json_parse(bad[i], &n, &e) != ST_REFUSED)
			fail_msg("accepted: %s", bad[i]);
		assert_null(n);
		assert_true(e.msg[0] != '\0');
	}
}

/* Refusals say where: line and column, in characters. */
static void
test_where(void **state)
{
	(void)state;
	struct jnode *n = NULL;
	struct err e = {0};
	ui_lang = LANG_EN;
	assert_int_equal(json_parse("{\n  \"tên\": 1,\n  \"b\": 2,\n}", &n, &e), ST_REFUSED);
	assert_non_null(strstr(e.msg, "line 4, column 1"));
	assert_int_equal(json_parse("{\"ở\": 1 x}", &n, &e), ST_REFUSED);
	assert_non_null(strstr(e.msg, "line 1, column 9"));
	assert_non_null(strstr(e.msg, "expected ',' or '}'"));
	assert_int_equal(json_parse("{\"k\": 1, \"k\": 2}", &n, &e), ST_REFUSED);
	assert_non_null(strstr(e.msg, "\"k\" appears twice"));
	ui_lang = LANG_VI;
}

/* Deep nesting is refused, not followed into a stack overflow; 512 levels are read. */
static void
test_depth(void **state)
{
	(void)state;
	size_t depth = 100000;
	char *s = xmalloc(2 * depth + 1);
	memset(s, '[', depth);
	memset(s + depth, ']', depth);
	s[2 * depth] = '\0';
	struct jnode *n = NULL;
	struct err e = {0};
	assert_int_equal(json_parse(s, &n, &e), ST_REFUSED);
	memmove(s + 512, s + depth, 512);
	s[1024] = '\0';
	n = parse_ok(s);
	json_free(n);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_integers_at_the_edges),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_where),
		cmocka_unit_test(test_depth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
