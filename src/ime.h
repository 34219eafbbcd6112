/* ime.h: the built-in Vietnamese input method (Telex and VNI, as Unikey types them) for editors. */
#ifndef XHHT_IME_H
#define XHHT_IME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ime_method { IME_OFF, IME_TELEX, IME_VNI };

/* Where the tone goes in an open oa, oe, uy: hòa, khỏe, thủy (old, Unikey's default) or hoà,
 * khoẻ, thuỷ (new). */
enum ime_tone_style { IME_TONE_OLD, IME_TONE_NEW };

/* Longer words are no longer composed: keys are typed as they come until the next boundary. */
#define IME_WORD_MAX 40
#define IME_KEYS_MAX 96
/* Room for the longest insertion: the typed keys of a word and the boundary character, or the
 * composed word (at most three bytes a letter). */
#define IME_EDIT_MAX 160

/* One letter of the word being composed; only ime.c looks inside. */
struct ime_letter {
	char base;     /* 'a'..'z', or a VNI digit typed as itself */
	uint8_t mark;  /* circumflex, breve, horn or the bar of đ */
	uint8_t flags; /* upper case, ư from a lone w, đ from adjacent keys */
};

/* The settings and the word under the cursor. Plain data: copy it, keep one per text field or
 * one per program; no allocation, no global state. */
struct ime {
	enum ime_method method;
	enum ime_tone_style style;
	bool restore; /* non-Vietnamese words get their typed keys back at a word boundary */

	uint8_t len;      /* letters in word */
	uint8_t tone;     /* 0, or 1..5: sắc, huyền, hỏi, ngã, nặng (the VNI digits) */
	uint8_t tone_at;  /* where the tone was last placed, kept once the word stops parsing */
	bool stuck;       /* word too long: keys pass through until the next boundary */
	uint8_t keys_len; /* bytes in keys */
	struct ime_letter word[IME_WORD_MAX];
	char keys[IME_KEYS_MAX]; /* what was typed for this word, for restoring it */
};

/* What the editor does after a key: delete del characters (code points) before the cursor, then
 * insert text (UTF-8, NFC, NUL-terminated) there. Works on any buffer that knows its cursor. */
struct ime_edit {
	size_t del;
	size_t len; /* bytes in text */
	char text[IME_EDIT_MAX];
};

/* Sets the method and its options and starts with no word. Call ime_commit first when switching
 * in the middle of a text. */
void ime_init(struct ime *m, enum ime_method method, enum ime_tone_style style, bool restore);

/* Forgets the current word, leaving its text as it is: the cursor moved, text was pasted (pasted
 * text goes into the buffer directly, never through ime_key), the field changed. */
void ime_reset(struct ime *m);

/* Ends the current word as a space would, without inserting anything: a non-Vietnamese word gets
 * its keys back. Call it before Enter, Tab or leaving the field if those bypass ime_key. */
void ime_commit(struct ime *m, struct ime_edit *out);

/* One typed character. Letters (and VNI digits) compose the word; anything else (space,
 * punctuation, a newline, an already composed character) ends it and is inserted as is.
 * Returns false, with an empty edit, for a value that is not a Unicode scalar value or is NUL. */
bool ime_key(struct ime *m, uint32_t cp, struct ime_edit *out);

/* Backspace inside the word being composed: removes the last character shown, with the tone if
 * that character carried it, and goes on composing. Returns false when there is no word: the
 * editor then deletes as it would without the input method. */
bool ime_backspace(struct ime *m, struct ime_edit *out);

/* Types a whole UTF-8 string of keys and returns the text it produces (to free), as an editor
 * starting empty would hold it; the end of the string ends the last word. A '\b' in keys is a
 * Backspace. For tests and for tools that convert typed text. */
char *ime_compose(enum ime_method method, enum ime_tone_style style, bool restore,
		  const char *keys);

#endif
