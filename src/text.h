/* text.h: UTF-8 checks, NFC normalisation, character counts and diacritic folding. */
#ifndef XHHT_TEXT_H
#define XHHT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s[0..len) is well-formed UTF-8 (no overlongs, surrogates or NUL bytes). */
bool utf8_valid(const char *s, size_t len);
/* Length of the well-formed sequence at s with at most avail bytes to look at, or 0: no NUL,
 * overlong form, surrogate or code point past U+10FFFF. */
static inline size_t
utf8_seq(const unsigned char *s, size_t avail)
{
	unsigned c = s[0];
	size_t n;
	uint32_t cp, min;
	if (c < 0x80)
		return c != 0;
	if ((c & 0xe0) == 0xc0) {
		n = 2;
		cp = c & 0x1f;
		min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3;
		cp = c & 0x0f;
		min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 4;
		cp = c & 0x07;
		min = 0x10000;
	} else
		return 0;
	if (avail < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) /* a NUL stops the look here too */
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/* Length in bytes of the well-formed UTF-8 sequence starting at s (NUL-terminated text), or 0
 * when it is not one (or is the terminating NUL). Inline: the JSON reader calls it for every
 * letter with a diacritic. */
static inline size_t
utf8_seq_len(const char *s)
{
	/* A NUL-terminated text: the look stops at the NUL, so four is always safe. */
	return utf8_seq((const unsigned char *)s, 4);
}
/* The code point of the well-formed sequence at s (NUL-terminated text), its length in *len;
 * *len is 0 for an ill-formed sequence or the terminating NUL. The programs decode and encode
 * UTF-8 themselves, never through the C library's locale: Windows' C library has no UTF-8
 * locale. */
uint32_t utf8_decode(const char *s, size_t *len);
/* Writes the code point cp as UTF-8 into out and gives its length: 0 for a surrogate or a
 * value past U+10FFFF. out is not NUL-terminated. Both on utf8proc (utf8proc_iterate,
 * utf8proc_encode_char). */
size_t utf8_encode(uint32_t cp, char out[4]);
/* Byte offset of the character before (after) the one at pos in valid UTF-8 of len bytes; 0
 * (len) at the ends. For moving a cursor. */
size_t utf8_prev(const char *s, size_t pos);
size_t utf8_next(const char *s, size_t len, size_t pos);
/* Number of Unicode characters (code points) in a valid UTF-8 string. */
size_t utf8_chars(const char *s);
/* Returns a newly allocated NFC form of a valid UTF-8 string. */
char *text_nfc(const char *s);
/* True for a code point that text made only of such code points needs no NFC work for (see
 * text.c); false means "perhaps". */
bool text_nfc_stable(uint32_t cp);
/* Lower-case, diacritic-free form for search and sorting: "Bạch Mai" -> "bach mai". */
char *text_fold(const char *s);

/* The same text without diacritics, case kept ("Đào Xuân Cơ" -> "Dao Xuan Co"), for terminals
 * that cannot show Vietnamese; characters with no ASCII form become '?'. */
char *text_ascii(const char *s);

/* Upper case of a UTF-8 string, Vietnamese letters included ("Bệnh viện" -> "BỆNH VIỆN"). */
char *text_upper(const char *s);

enum text_kind { TEXT_LINE, TEXT_MULTILINE };

/* Makes a clerk's text storable: valid UTF-8, NFC, CR LF -> LF, leading and trailing blanks of
 * one-line text removed. Refuses control characters (a newline in one-line text) and the
 * bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which make
 * text show in another order than it is stored. Returns NULL and the offending character's
 * description in why when refused (why may point into a buffer the next refusal reuses). */
char *text_clean(const char *s, enum text_kind kind, const char **why);
/* The same for text already known to be valid UTF-8 (read by json_parse from checked text). */
char *text_clean_valid(const char *s, enum text_kind kind, const char **why);

/* ---- outside text, made safe for where it goes ----------------------------------------- */

/* True for a code point that must never reach a terminal or a file name as itself: C0
 * controls, DEL, C1 controls (U+0080-U+009F), the line and paragraph separators, and the
 * bidirectional formatting characters (LRM, RLM, ALM, embeddings, overrides, isolates), which
 * can make a name show as another. The full-screen program and the command lines use this one
 * classification. */
bool text_hostile_cp(uint32_t cp);
/* True for the bidirectional embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069), refused in report text. */
bool text_bidi_override_cp(uint32_t cp);
/* The escaped form of such a code point, pure ASCII: "\t", "\n", "\r", "\x1b" for C0 and
 * DEL, "\u202e" above; returns its length (at most 10). */
size_t text_escape_cp(uint32_t cp, char out[12]);

/* For terminal output (everything the command lines print that came from outside: file names,
 * e-mail parts, unit codes and names, reasons, attachment names): hostile code points escaped as
 * text_escape_cp writes them, each byte of invalid UTF-8 as "\xff". A backslash stays as it
 * is. Appends to b; text_terminal returns a new string. */
struct buf;
void buf_add_terminal(struct buf *b, const char *s);
char *text_terminal(const char *s);

/* For a part of a file name built from outside data (a unit code in a receipt's name): at most
 * size - 1 bytes of ASCII letters, digits, '-' and '_'; any other byte becomes '_', and a
 * leading '-' becomes '_' too. Never empty ("_" for an empty s). */
void text_filename_part(const char *s, char *out, size_t size);

/* The unit code alphabet (docs/bundle-format.md 6.1): 1 to 32 of A-Z a-z 0-9 - _ . with a
 * letter or digit first (so never an option, a hidden file, "." or ".."). */
bool text_unit_code_ok(const char *code);

/* An e-mail address a clerk can type into a mail program: LOCAL@DOMAIN, at most 254 bytes of
 * ASCII; LOCAL of letters, digits and ! # $ % & ' * + - / = ? ^ _ ` { | } ~ . (no dot first, last
 * or doubled); DOMAIN two or more labels of letters, digits and '-' (not first or last). */
bool text_email_ok(const char *address);

/* An attachment's name (docs/bundle-format.md 7.5): 1 to 200 bytes of valid UTF-8, no '/' or
 * '\\', no hostile code point (controls, bidi marks), not starting with '-' or a space, not only
 * dots. When refused, why (if not NULL) says why, in the interface language. */
bool text_attachment_name_ok(const char *name, const char **why);

#endif
