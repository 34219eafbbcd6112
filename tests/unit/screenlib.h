/* screenlib.h: what the tests of screens share (test_actions.c, test_desk.c): a curses screen
 * drawn into /dev/null, what it shows, and whether a key changed it. */
#ifndef XHHT_SCREENLIB_H
#define XHHT_SCREENLIB_H

#include <locale.h>
#include <unistd.h>

#include "tui.h"

/* The screens run on a curses screen drawn into /dev/null, reading from a pipe nobody writes:
 * a dialog a key opens is drawn, then finds nobody to answer and returns as cancelled. */
static bool have_curses;

static void
curses_start(const char *lines, const char *columns)
{
	int fds[2];
	/* Vietnamese is drawn only in a UTF-8 locale. */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return;
	setenv("LINES", lines, 1);
	setenv("COLUMNS", columns, 1);
	if (pipe(fds) != 0 || dup2(fds[0], 0) < 0)
		return;
	close(fds[1]);
	FILE *out = fopen("/dev/null", "w"), *in = fdopen(0, "r");
	SCREEN *sc = out && in ? newterm("xterm", out, in) : NULL;
	if (sc == NULL && out && in)
		sc = newterm("vt100", out, in);
	have_curses = sc != NULL;
}

/* What the user sees: every cell, the cursor, the screens open, whether the program ends. */
struct look {
	cchar_t *cells;
	int cy, cx, depth;
	bool quit;
};

static struct look
look_at(struct tui *t)
{
	struct look l = {xcalloc((size_t)(LINES * (COLS + 1)), sizeof(cchar_t)), 0, 0, t->depth, t->quit};
	getyx(stdscr, l.cy, l.cx); /* before reading the cells moves it */
	for (int y = 0; y < LINES; y++)
		mvin_wchnstr(y, 0, l.cells + y * (COLS + 1), COLS);
	move(l.cy, l.cx);
	return l;
}

static bool
looks_differ(const struct look *a, const struct look *b)
{
	return a->cy != b->cy || a->cx != b->cx || a->depth != b->depth || a->quit != b->quit ||
	       memcmp(a->cells, b->cells, (size_t)(LINES * (COLS + 1)) * sizeof(cchar_t)) != 0;
}

/* Action a, sent as a key on the screen on top, changes what the user sees: right away (a
 * dialog it opened) or once the screen is drawn again. */
static bool
action_taken(struct tui *t, enum action a)
{
	t->message[0] = '\0'; /* what a key before it said: every key clears it */
	tui_redraw(t);
	struct look before = look_at(t);
	tui_dispatch(t, a, 0, false);
	struct look during = look_at(t);
	if (!t->quit && t->depth > 0)
		tui_redraw(t);
	struct look after = look_at(t);
	bool taken = looks_differ(&before, &during) || looks_differ(&before, &after);
	free(before.cells);
	free(during.cells);
	free(after.cells);
	return taken;
}

#endif
