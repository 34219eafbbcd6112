/* screenlib.h: what the tests of screens share (test_actions.c, test_desk*.c): a curses screen
 * drawn into /dev/null, what it shows, whether a key changed it, and a desk's teardown. */
#ifndef XHHT_SCREENLIB_H
#define XHHT_SCREENLIB_H

#include <locale.h>
#include <unistd.h>

#include "ime.h"
#include "store.h"
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

/* A key, as tui_main's loop gives it: after the screen is drawn. */
static inline void
screen_send(struct tui *t, enum action a)
{
	tui_redraw(t);
	tui_dispatch(t, a, 0, false);
}

/* Whether the screen shows text somewhere. */
static inline bool
screen_shows(const char *text)
{
	char row[400];
	for (int y = 0; y < LINES; y++) {
		mvinnstr(y, 0, row, sizeof row - 1);
		if (strstr(row, text))
			return true;
	}
	return false;
}

/* Every key screen sc's help lists does something there (taken(which, a) opens the screen
 * afresh and tries a), every hint is a key it takes, and its overrides are whole. */
static inline void
screen_keys_whole(const struct screen *sc, int which, bool (*taken)(int which, enum action a))
{
	for (int a = ACT_NONE + 1; a < ACT_PASTE; a++)
		if (action_info(sc, (enum action)a) && tui_takes(sc, (enum action)a) &&
		    !taken(which, (enum action)a))
			fail_msg("%s: %s (%s) does nothing", sc->id, action_keys((enum action)a),
				 action_label(sc, (enum action)a));
	for (const enum action *h = sc->hints; *h != ACT_NONE; h++)
		assert_true(tui_takes(sc, *h));
	for (const struct action_info *o = sc->overrides; o && o->action != ACT_NONE; o++) {
		assert_true(o->short_vi[0] && o->short_en[0] && o->label_vi[0] && o->label_en[0]);
		assert_true(tui_takes(sc, o->action));
	}
}

/* A desk on a central in memory (test_desk_totals.c, test_desk_years.c): units A (Bệnh viện
 * A), B (Viện B) and C (Trường C), the desk's year, a scratch data folder named after what, the
 * terminal's size, Telex typing. The test then merges its reports (desk_merge). */
static inline void
desk_central(struct tui *t, const char *what, int year)
{
	struct err e = {0};
	memset(t, 0, sizeof *t);
	if (store_open_memory(STORE_CENTRAL, &t->db, &e) != ST_OK)
		fail_msg("store_open_memory: %s", e.msg);
	if (store_exec(t->db,
		       "INSERT INTO unit(code, name, grp, created_at) VALUES"
		       " ('A', 'Bệnh viện A', 'benh_vien', 'x'), ('B', 'Viện B', 'vien', 'x'),"
		       " ('C', 'Trường C', 'truong', 'x')",
		       &e) != ST_OK)
		fail_msg("units: %s", e.msg);
	t->dir = test_tmpdir(what);
	t->utf8 = true;
	t->year = year;
	getmaxyx(stdscr, t->rows, t->cols);
	t->ime = xcalloc(1, sizeof *t->ime);
	ime_init(t->ime, IME_TELEX, IME_TONE_OLD, true);
}

/* Unit code's report of year (revision 1, yearly template version 1) stored as merged: values
 * and tables are the JSON objects' members ("\"dao_tao.so_khoa\":10"). */
static inline void
desk_merge(struct store *db, const char *code, int year, const char *values, const char *tables)
{
	struct err e = {0};
	char *json = xasprintf(
	    "{\"template\":\"bao-cao-nam\",\"template_version\":1,\"unit\":{\"code\":\"%s\"},"
	    "\"year\":%d,\"revision\":1,\"values\":{%s},\"tables\":{%s}}",
	    code, year, values, tables);
	char *id = xasprintf("b-%s-%d", code, year);
	if (store_do(
		db,
		"INSERT INTO bundle(hash, id, unit_code, year, revision, packed_at, imported_at,"
		" signer_pk, template_id, template_version, report, state, source, observed_at)"
		" VALUES (randomblob(8), ?1, ?2, ?4, 1, '2024-12-01T02:00:00Z',"
		" '2024-12-01T03:00:00Z', x'00', 'bao-cao-nam', 1, ?3, 'merged', 'f',"
		" '2024-12-01T03:00:00Z')",
		&e, "ttti", id, code, json, year) != ST_OK ||
	    store_do(
		db,
		"INSERT INTO merged(unit_code, year, bundle_hash, revision, merged_at) SELECT unit_code, year, hash, 1, 'x' FROM bundle WHERE id = ?1",
		&e, "t", id) != ST_OK)
		fail_msg("merge %s: %s", code, e.msg);
	free(id);
	free(json);
}

/* Closes a desk opened on a scratch data folder: its screens, help, typing method, database. */
static inline void
desk_teardown(struct tui *t)
{
	while (t->depth > 0)
		tui_pop(t);
	tui_set_help(t, NULL, NULL);
	free(t->ime);
	store_close(t->db);
	test_rmtree(t->dir);
	free(t->dir);
}

#endif
