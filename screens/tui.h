/* tui.h: the full-screen interface's framework: screens, keys mapped to actions, drawing of
 * Vietnamese text (or its no-diacritics form), status bar, dialogs. */
#ifndef XHHT_TUI_H
#define XHHT_TUI_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "util.h"

/* What a key means. One table maps keys to actions; the help screen and the status bar are
 * generated from it. */
enum action {
	ACT_NONE,
	ACT_QUIT,      /* F10, Ctrl-Q: leave, keeping everything */
	ACT_HELP,      /* F1 */
	ACT_CHECK,     /* F2: save and check */
	ACT_BACK,      /* Esc */
	ACT_ENTER,     /* Enter */
	ACT_NEXT,      /* Tab, Down */
	ACT_PREV,      /* Shift-Tab, Up */
	ACT_LEFT,
	ACT_RIGHT,
	ACT_PAGE_UP,
	ACT_PAGE_DOWN,
	ACT_HOME,
	ACT_END,
	ACT_TOGGLE,    /* Space on yes/no */
	ACT_IME,       /* Ctrl-T: switch typing method */
	ACT_ADD,       /* table rows */
	ACT_DELETE,
	ACT_UNDO,
	ACT_MOVE_UP,
	ACT_MOVE_DOWN,
	ACT_PREVIEW,   /* F3 */
	ACT_PACK,      /* F5 */
	ACT_CLICK,     /* a mouse click at tui.click_y, click_x */
	ACT_PASTE,     /* a bracketed paste: its text is tui_pasted()'s */
	ACT_COUNT
};

struct binding {
	int key;           /* curses key code or character */
	enum action action;
	const char *name;  /* "F10", "Ctrl-Q" */
};

struct tui;

/* One screen, like tmux's window_mode: the framework calls these. */
struct screen {
	const char *id;
	const char *title_vi, *title_en;
	void (*enter)(struct tui *t, void *arg);
	void (*draw)(struct tui *t);
	/* A key the framework did not take; text is a typed character (0 for keys). */
	void (*key)(struct tui *t, enum action a, wint_t ch, bool is_text);
	void (*resize)(struct tui *t);
	void (*leave)(struct tui *t);
	const enum action *hints; /* actions shown in the status bar, ended by ACT_NONE */
};

struct tui {
	sqlite3 *db;
	char *dir;        /* data folder */
	int year;
	bool utf8;        /* the terminal shows Vietnamese; else the no-diacritics form */
	bool color;
	int rows, cols;
	bool quit;
	char message[512]; /* status line message (error or confirmation) */
	bool message_error;
	const struct screen *stack[8];
	void *state[8];
	int depth;
	struct ime *ime;
	const char *start_field; /* xhht edit YEAR FIELD */
	int click_y, click_x;    /* where the last click was */
	char *help_title;        /* what F1 explains first (the focused field's help) */
	char *help_body;
};

/* Runs the interface until the clerk leaves (new_folder: the data folder was just started,
 * which the first screen says). Returns the exit status. */
int tui_run(sqlite3 *db, const char *dir, int year, const char *field, bool new_folder);

void tui_push(struct tui *t, const struct screen *s, void *arg);
void tui_pop(struct tui *t);
void *tui_state(struct tui *t);
void tui_set_state(struct tui *t, void *state);
void tui_message(struct tui *t, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Draws UTF-8 text at (y, x), at most width columns; folds diacritics on terminals without
 * them. Returns the columns used. */
int tui_text(struct tui *t, int y, int x, int width, const char *s);
/* Columns a UTF-8 string takes. */
int tui_width(struct tui *t, const char *s);
/* Word-wraps text in width columns from row y, at most maxrows rows, breaking at spaces and at
 * newlines; draws it unless draw is false. Returns the rows it takes. */
int tui_wrap(struct tui *t, int y, int x, int width, int maxrows, const char *s, bool draw);
/* Draws a frame title line and the status bar with the screen's hints. */
void tui_chrome(struct tui *t, const char *title);
/* Clears and frames an h×w box in the middle of the screen; gives its corner. */
void tui_box(struct tui *t, int h, int w, int *y, int *x);
/* Asks a yes/no question (wrapped) in a box; true for yes. */
bool tui_confirm(struct tui *t, const char *question);
/* Lets the clerk pick one of n labels; returns the index or -1. */
int tui_choose(struct tui *t, const char *title, const char *const *labels, int n, int current);

const char *action_label(enum action a);
const char *action_short(enum action a);
/* What tui_getkey returns once nobody can answer: a stop signal came or the terminal hung up.
 * Every loop that waits for a key must leave on it (a dialog as if cancelled). */
#define TUI_GONE (-2)
/* What tui_getkey returns for a bracketed paste, read whole: its text is tui_pasted()'s. */
#define TUI_PASTE (-3)
/* Reads one key (see tui.c): KEY_CODE_YES with a curses key code, OK with a character, ERR
 * when none came in time, TUI_PASTE or TUI_GONE. Escape sequences it does not know are
 * dropped; a lone Esc is the character 27. */
int tui_getkey(wint_t *out);
/* The text of the last paste, until the next tui_getkey: UTF-8, its line ends made "\n", other
 * control characters left out; *cut (may be NULL) says it was longer than the program keeps
 * (TUI_PASTE_MAX bytes). */
#define TUI_PASTE_MAX (1 << 20)
const char *tui_pasted(size_t *len, bool *cut);
/* Wipes the last paste (it may have been a passphrase). */
void tui_paste_wipe(void);
/* Draws the current screen (or the "too small" notice); false when the window is too small. */
bool tui_redraw(struct tui *t);
const char *action_keys(enum action a);

/* Edits one line of text in a box (with the typing method unless secret); a new string, or
 * NULL when the clerk cancels. */
char *tui_prompt(struct tui *t, const char *title, const char *initial, bool secret);
struct secret;
/* Asks a passphrase (twice and at least 8 characters when is_new); NULL if cancelled. */
struct secret *tui_passphrase(struct tui *t, const char *title, bool is_new);
/* Lets the clerk pick a file (with one of the suffixes; NULL for any) or a folder; USB sticks
 * are listed first. A new string, or NULL. */
char *tui_choose_path(struct tui *t, const char *title, bool want_dir, const char *const *suffixes);

/* A box of lines that waits for Enter. */
void tui_inform(struct tui *t, const char *title, const char *const *lines, int n);
/* The clerk's steps done in dialogs (tasks.c). */
void task_enroll(struct tui *t);
void task_pack(struct tui *t, int year);
void task_receipt(struct tui *t);

/* Settings kept in the database (typing method, language...). */
char *tui_setting_get(sqlite3 *db, const char *key);
void tui_setting_set(sqlite3 *db, const char *key, const char *value);

/* The typing method's name ("Telex", "VNI", "tắt"), and switching to the next one (kept in
 * the settings). */
const char *tui_ime_name(struct tui *t);
void tui_ime_cycle(struct tui *t);

/* Sets what the help screen explains first; copies the texts. */
void tui_set_help(struct tui *t, const char *title, const char *body);

extern const struct screen screen_home, screen_report, screen_check, screen_help, screen_longtext,
	screen_table, screen_attachments, screen_settings, screen_preview;

#endif
