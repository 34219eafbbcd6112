/* tui.h: the full-screen framework, shared by every program that has screens: a stack of
 * screens, keys read as actions of one table (actions.h), drawing of Vietnamese text (or its
 * no-diacritics form), title and status bars, dialogs. It knows no program's screens: the
 * program passes its first screen's open function to tui_main.
 *
 * A new program on the framework (screens/clerk/: clerk.h and home.c's tui_run are the example):
 * 1. each screen: a const struct screen (draw, key, hints, keys; other hooks as needed) and a
 *    typed open function that builds its state and tui_push()es it;
 * 2. declare the screens and open functions in the program's header (as clerk.h);
 * 3. its start: struct tui t = {.db = db, .dir = dir}; (a first message with tui_message);
 * 4. return tui_main(&t, first_open): it loads the language and typing settings, sets up the
 *    terminal (and the no-diacritics form), opens the first screen, runs the keys, restores;
 * 5. add its screens to tests/unit/test_actions.c, and a tmux test in tests/tui/. */
#ifndef XHHT_TUI_H
#define XHHT_TUI_H

#include <stdbool.h>
#include <stdint.h>

#include "actions.h"
#include "util.h"

struct store; /* the core's connection (store.h): screens pass it on, never open it */
struct tui;

/* One screen, like tmux's window_mode. A screen is opened by a typed function of its own
 * (report_open(t, year)) that builds its state and pushes it with tui_push; the framework
 * calls the hooks. Only draw and key are needed. */
struct screen {
	const char *id;
	void (*draw)(struct tui *t);
	/* A key: an action of the table, or ACT_NONE (is_text for a typed character, Backspace
	 * being 127), or ACT_PASTE (tui_pasted()). Returns false when the screen did not take it:
	 * Esc then closes the screen (never the first). */
	bool (*key)(struct tui *t, enum action a, wint_t ch, bool is_text);
	void (*click)(struct tui *t, int y, int x); /* a mouse click */
	void (*idle)(struct tui *t);                /* no key came for a while */
	void (*resume)(struct tui *t); /* on top again: what the screens above did may change it */
	void (*resize)(struct tui *t);
	void (*leave)(struct tui *t); /* frees the state; without it, free(state) */
	const enum action *hints;     /* actions shown in the status bar, ended by ACT_NONE */
	/* The actions shown when they depend on the screen's state (a table's row being edited);
	 * may be NULL, and may return NULL: hints. */
	const enum action *(*hints_of)(struct tui *t);
	/* Every action the key function takes in one state or another (Esc included when the
	 * framework closes the screen on it), ended by ACT_NONE: the help screen lists these and
	 * the framework's (tui_takes). NULL: the whole table. */
	const enum action *keys;
	/* Actions this screen gives another meaning (both labels), ended by ACT_NONE; may be
	 * NULL. The status bar and the help screen read them. */
	const struct action_info *overrides;
};

#define TUI_DEPTH 8

struct tui {
	struct store *db;
	char *dir; /* data folder */
	int year;  /* the year the command line asked for, or 0 */
	int phase_first; /* and its phase (xhht edit 2023-2025), or 0 */
	bool utf8; /* the terminal shows Vietnamese; else the no-diacritics form */
	bool color;
	int rows, cols;
	bool quit;
	char message[512]; /* status line message (error or confirmation) */
	bool message_error;
	const struct screen *stack[TUI_DEPTH + 1];
	void *state[TUI_DEPTH + 1];
	int depth;
	struct ime *ime;
	const char *start_field; /* the field the command line asked for, or NULL */
	int click_y, click_x;    /* where the last click was */
	char *help_title;        /* what F1 explains first (the focused field's help) */
	char *help_body;
	/* The program's way to take a step the core named (e->next: a menu entry, a key), added
	 * to the message by tui_error; NULL when the program has none. */
	void (*next_step)(struct tui *t, struct err *e);
};

/* Runs the interface: sets up the terminal, loads the settings every program keeps (the
 * interface language "ui.lang", unless the command line chose one, and the typing method),
 * says when the terminal cannot show Vietnamese, calls open (which pushes the first screen),
 * then reads keys until the user leaves or the last screen closes. t holds db and dir (and
 * year, start_field and a message if the program wants them). Returns the exit status. */
int tui_main(struct tui *t, void (*open)(struct tui *t));

/* What a key read by tui_next does on the screen on top (tui_main's loop; tests send actions
 * through it too). */
void tui_dispatch(struct tui *t, enum action a, wint_t ch, bool is_text);
/* Whether action a does something on screen s: one of its keys, or the framework's on every
 * screen (quit, help, the typing method). The help screen lists these. */
bool tui_takes(const struct screen *s, enum action a);
/* Pushes screen s with its state (the screen's leave frees it). A screen too many (more than
 * TUI_DEPTH) is not opened: its state is freed at once, and false returned. */
bool tui_push(struct tui *t, const struct screen *s, void *state);
void tui_pop(struct tui *t);
void *tui_state(struct tui *t);
const struct screen *tui_top(struct tui *t);
void tui_message(struct tui *t, bool error, const char *fmt, ...) PRINTF_LIKE(3, 4);
/* Shows the core's error e on the status line, with the program's way to take the step it
 * names (t->next_step). */
void tui_error(struct tui *t, struct err *e);
/* Draws the current screen (or the "too small" notice); false when the window is too small. */
bool tui_redraw(struct tui *t);
/* Sets what the help screen explains first; copies the texts. */
void tui_set_help(struct tui *t, const char *title, const char *body);
/* The help screen (help.c), opened by F1 over any screen, whose overrides it shows. */
void help_open(struct tui *t, const struct screen *below);
/* The help screen's line for action a (its keys, then its label on screen below). */
void help_line(struct tui *t, const struct screen *below, enum action a, char *out, size_t n);
extern const struct screen screen_help;

/* ---- terminal (terminal.c) ---- */
bool tui_terminal_start(struct tui *t);
void tui_terminal_stop(void);
/* A stop signal came. */
bool tui_stopped(void);
/* What tui_getkey returns once nobody can answer: a stop signal came or the terminal hung up.
 * Every loop that waits for a key must leave on it (a dialog as if cancelled). */
#define TUI_GONE (-2)
/* What tui_getkey returns for a bracketed paste, read whole: its text is tui_pasted()'s. */
#define TUI_PASTE (-3)
/* Reads one key: KEY_CODE_YES with a curses key code, OK with a character, ERR when none came
 * in time, TUI_PASTE or TUI_GONE. Escape sequences it does not know are dropped; a lone Esc is
 * the character 27. */
int tui_getkey(wint_t *out);
/* Waits for the next key and says what it means (action_of): an action of the table, ACT_NONE
 * (with is_text for a typed character; Backspace is 127), ACT_PASTE, ACT_CLICK (at t->click_y,
 * click_x), ACT_RESIZE (t->rows and cols are new), ACT_IDLE or ACT_GONE. Every loop that waits
 * for a key reads it here. */
enum action tui_next(struct tui *t, wint_t *ch, bool *is_text);
/* The text of the last paste, until the next tui_getkey: UTF-8, its line ends made "\n", other
 * control characters left out; *cut (may be NULL) says it was longer than the program keeps
 * (TUI_PASTE_MAX bytes). */
#define TUI_PASTE_MAX (1 << 20)
const char *tui_pasted(size_t *len, bool *cut);
/* Wipes the last paste (it may have been a passphrase). */
void tui_paste_wipe(void);

/* ---- drawing (draw.c) ---- */
/* Draws UTF-8 text at (y, x), at most width columns; folds diacritics on terminals without
 * them. Text too wide is cut visibly: it ends in an ellipsis (tui_abbrev). Returns the columns
 * used. */
int tui_text(struct tui *t, int y, int x, int width, const char *s);
/* The same, cut without a mark: for a line editor, whose cursor shows where the text goes. */
int tui_text_clip(struct tui *t, int y, int x, int width, const char *s);
/* s made to fit width columns, as a new string: whole, or cut and ended by the ellipsis
 * (tui_ellipsis). Every text cut to fit goes through here. */
char *tui_abbrev(struct tui *t, const char *s, int width);
/* The mark of a cut text: "…", or "..." on a terminal without Vietnamese. */
const char *tui_ellipsis(struct tui *t);
/* Columns a UTF-8 string takes. */
int tui_width(struct tui *t, const char *s);
/* Word-wraps text in width columns from row y, at most maxrows rows, breaking at spaces and at
 * newlines; draws it unless draw is false (the last row ends in the ellipsis when text is left
 * over). Returns the rows it takes. */
int tui_wrap(struct tui *t, int y, int x, int width, int maxrows, const char *s, bool draw);
/* The same from the text's row skip on (a text scrolled past its first rows): its rows skip to
 * skip + maxrows - 1 are drawn from row y. Returns the rows drawn (or that would be). */
int tui_wrap_from(struct tui *t, int y, int x, int width, int skip, int maxrows, const char *s,
		  bool draw);
/* The actions the status bar shows on the screen on top, now (its hints_of, else hints). */
const enum action *tui_hints(struct tui *t);
/* Draws a frame title line and the status bar with the screen's hints. */
void tui_chrome(struct tui *t, const char *title);
/* Draws the status line's message (tui_redraw, once the screen is drawn), wrapped upwards over
 * the screen's last rows when it is longer than a line: a message is never cut. */
void tui_draw_message(struct tui *t);
/* One hint of the status bar: action a's first key and short label on screen s ("F2 Kiểm tra"). */
void tui_hint(const struct screen *s, enum action a, char *out, size_t n);
/* Clears an h×w box in the middle of the screen, with a blank column on each side, and frames
 * it; gives its corner. */
void tui_box(struct tui *t, int h, int w, int *y, int *x);
/* Draws line i of a list at row y (reversed when selected), from column x, w wide. */
void tui_list_line(struct tui *t, int y, int x, int w, const char *text, bool selected);

/* ---- dialogs (dialogs.c): each reads keys with tui_next, and returns as cancelled once
 * nobody can answer ---- */
/* Asks a yes/no question (wrapped) in a box; true for yes (Enter or a yes key). */
bool tui_confirm(struct tui *t, const char *question);
/* Lets the clerk pick one of n labels; returns the index or -1. */
int tui_choose(struct tui *t, const char *title, const char *const *labels, int n, int current);
/* Edits one line of text in a box (with the typing method unless secret); a new string, or
 * NULL when the clerk cancels. */
char *tui_prompt(struct tui *t, const char *title, const char *initial, bool secret);
struct secret;
/* Asks a passphrase (twice and at least 8 characters when is_new, asked again in place up to
 * three times when refused); NULL if cancelled or refused three times. */
struct secret *tui_passphrase(struct tui *t, const char *title, bool is_new);
/* Asks an existing passphrase again after a refused try: the title says which try (of three)
 * and why the last was refused. */
struct secret *tui_passphrase_again(struct tui *t, const char *title, int try, const char *why);
#define PASSPHRASE_TRIES 3
/* Lets the clerk pick a file (with one of the suffixes; NULL for any) or a folder; USB sticks
 * are listed first. A new string, or NULL. */
char *tui_choose_path(struct tui *t, const char *title, bool want_dir, const char *const *suffixes);
/* The same, opening on the folder the setting key keeps (the last one chosen with it, when it
 * still exists) and keeping the folder of what is chosen there for next time. */
char *tui_choose_path_kept(struct tui *t, const char *title, bool want_dir,
			   const char *const *suffixes, const char *key);
/* A box of lines that waits for Enter. */
void tui_inform(struct tui *t, const char *title, const char *const *lines, int n);

/* ---- settings and the typing method (tui.c) ---- */
/* Settings kept in the database (typing method, language...). */
char *tui_setting_get(struct store *db, const char *key);
void tui_setting_set(struct store *db, const char *key, const char *value);
/* The typing method's name ("Telex", "VNI", "tắt"), and switching to the next one (kept in
 * the settings). */
const char *tui_ime_name(struct tui *t);
void tui_ime_cycle(struct tui *t);
/* Ctrl-T: switches to the next typing method and says which on the status line. */
void tui_ime_switch(struct tui *t);

#endif
