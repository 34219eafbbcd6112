/* text.h: UTF-8 checks, NFC normalisation, character counts and diacritic folding. */
#ifndef XHHT_TEXT_H
#define XHHT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s[0..len) is well-formed UTF-8 (no overlongs, surrogates or NUL bytes). */
bool utf8_valid(const char *s, size_t len);
/* Length in bytes of the well-formed UTF-8 sequence starting at s (NUL-terminated text), or 0
 * when it is not one (or is the terminating NUL). */
size_t utf8_seq_len(const char *s);
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
 * one-line text removed. Refuses control characters (a newline in one-line text). Returns NULL
 * and the offending character's description in why when refused. */
char *text_clean(const char *s, enum text_kind kind, const char **why);
/* The same for text already known to be valid UTF-8 (read by json_parse from checked text). */
char *text_clean_valid(const char *s, enum text_kind kind, const char **why);

#endif
