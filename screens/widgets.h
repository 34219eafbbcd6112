/* widgets.h: shared widgets of the full-screen interface: the text editor (one line, or many
 * for the long-text screen), lists and pages that scroll, the form of fields. */
#ifndef XHHT_WIDGETS_H
#define XHHT_WIDGETS_H

#include "report.h"
#include "tui.h"
#include "validate.h"

/* A text editor over UTF-8 text; the cursor is a byte offset on a character boundary. One
 * line (le_draw) unless multiline (the long-text screen draws it, and pastes keep their line
 * ends). */
struct lineedit {
	struct buf text;
	size_t cursor;
	int scroll; /* first column shown */
	bool secret;
	bool digits_only;
	bool multiline;
	bool changed;
	char *placeholder; /* shown dim while the text is empty (what the field expects); owned */
};

void le_init(struct lineedit *le, const char *initial);
void le_free(struct lineedit *le);
void le_set(struct lineedit *le, const char *text);
/* Takes editing keys and typed text (through the typing method); false if not for it. */
bool le_key(struct tui *t, struct lineedit *le, enum action a, wint_t ch, bool is_text);
void le_draw(struct tui *t, struct lineedit *le, int y, int x, int width, bool focused);
/* Inserts text as is (a paste, or what the typing method produced). */
void le_insert(struct lineedit *le, const char *s);
/* Deletes n characters before the cursor. */
void le_erase(struct lineedit *le, size_t n);
/* Inserts the last paste (tui_pasted) at the cursor as one block, without the typing method:
 * tabs, and line ends unless multiline, become spaces, and at most max characters in the whole
 * text are kept (a notice on the status line says when some were cut). */
void le_paste(struct tui *t, struct lineedit *le, size_t max);
/* Pasted text (len bytes of UTF-8) made fit for a field, as a new string: tabs, and unless
 * multiline line ends, become spaces; only what a number takes when digits_only; cut after
 * max characters (*cut says so). */
char *paste_fit(const char *s, size_t len, bool multiline, bool digits_only, size_t max, bool *cut);
/* Says on the status line that a paste was cut at max characters. */
void paste_notice(struct tui *t, size_t max);
/* Ends the word being composed (a non-Vietnamese word gets its keys back). */
void le_finish_word(struct tui *t, struct lineedit *le);

/* A form: a list of fields with values, edited in place, each value saved when the clerk
 * leaves it. The report editor and the table row editor are both forms. */
struct form {
	const struct field *fields; /* an array */
	int *index;                 /* which fields are shown, in order */
	int n;
	int focus;
	int top; /* first shown */
	struct lineedit edit;      /* the focused field's text */
	bool editing;              /* edit holds the focused field */
	/* Reads and stores values; save returns false (with a message set) to keep focus. */
	const struct value *(*get)(void *ctx, int field);
	bool (*save)(struct tui *t, void *ctx, int field, const struct value *v);
	/* Opens what cannot be edited in place (a table); may be NULL. Long texts open the
	 * long-text editor on any form. */
	void (*open)(struct tui *t, void *ctx, int field);
	/* Rows of a table field (shown as a count); may be NULL. */
	size_t (*rows)(void *ctx, int field);
	/* Findings to show under a field. */
	void (*notes)(void *ctx, int field, struct buf *out, bool *error);
	/* Comments from outside on a field (the Ministry's review), one a line, shown under its
	 * notes behind a bar (form_quote), the field marked in the column left of the form
	 * (form_mark), which its screen leaves blank; may be NULL. */
	void (*comments)(void *ctx, int field, struct buf *out);
	void *ctx;
	int report_year;
	/* The report whose fields these are, and the table field whose columns they are (-1: the
	 * report's own fields), in its row table_row: values are checked there before storing. */
	const struct report *report;
	int table, table_row;
	int shown_y[64]; /* screen row of each shown field (index - top), for clicks; -1 past */
};

void form_focus(struct tui *t, struct form *f, int i);
/* Saves the focused field if it was edited; false when its text is not acceptable. */
bool form_commit(struct tui *t, struct form *f);
bool form_key(struct tui *t, struct form *f, enum action a, wint_t ch, bool is_text);
/* Whether the focused field is a yes/no or a choice: Space changes it, Delete or Backspace
 * empties it (the status bar says so). */
bool form_toggles(const struct form *f);
void form_draw(struct tui *t, struct form *f, int y, int x, int h, int w);
/* Text from outside drawn as a quote: wrapped in w columns from (y, x), each row behind a bar,
 * at most max rows (the last ends in the ellipsis when text is left over); draws only when
 * draw. Returns the rows it takes. */
int form_quote(struct tui *t, int y, int x, int w, int max, const char *text, bool draw);
/* The mark in the margin of a commented field: "→", or ">" without Vietnamese. */
const char *form_mark(struct tui *t);
/* Focuses the field drawn at screen row y, if any (after saving the focused one). */
bool form_click(struct tui *t, struct form *f, int y);

/* The long-text editor (longtext.c), on the text of field key of form f: read with its get,
 * stored with its save as it goes. Enter opens it on a form's long text. */
void longtext_open(struct tui *t, struct form *f, int key);
extern const struct screen screen_longtext;

/* Moves the selection *sel of a list of n lines by the action (a line, a page of page lines,
 * first, last); false if a is not a move. */
bool list_move(int *sel, int n, int page, enum action a);
/* Keeps the selection on a list of h rows shown from *top. */
void list_scroll(int sel, int *top, int h);

/* Lines of text that scroll (help, print preview). */
struct pager {
	char **lines;
	int n, top;
	const enum action *closes; /* actions that close a pager screen (with Esc), ended by ACT_NONE */
};

void pager_add(struct pager *p, const char *line);
/* Adds each line of text. */
void pager_add_lines(struct pager *p, const char *text);
void pager_clear(struct pager *p);
/* Draws the lines from p->top, h rows from (y, x), w wide. */
void pager_draw(struct tui *t, struct pager *p, int y, int x, int w, int h);
/* The key and leave hooks of a screen whose state is a malloc'd struct starting with its pager:
 * it scrolls (pager_key), and closes on p->closes. */
bool pager_screen_key(struct tui *t, enum action a, wint_t ch, bool is_text);
void pager_leave(struct tui *t);
/* Scrolls by the action (also Space, a page); false if a does not scroll. */
bool pager_key(struct pager *p, enum action a, wint_t ch, bool is_text, int page);

#endif
