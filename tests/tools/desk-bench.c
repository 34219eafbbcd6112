/* desk-bench.c: bench tool: how long the central's desk takes to answer each kind of key on a
 * loaded central against an almost empty one, drawn into /dev/null at 80×24. */
/*
 * Usage: desk-bench LOADED_DIR EMPTY_DIR YEAR ROUNDS
 *
 * Both folders hold a central's database; in each, every unit has two revisions of YEAR's
 * report (the empty desk: one unit and nothing else). For each, the desk's year board is opened
 * on YEAR and sent, ROUNDS times, each kind of key staff press: a step down the list, a page
 * down, the year after and back (the board reads the year again), one typed letter of a search
 * and Esc, Enter on a unit (its merged report read and laid out) and Esc back, Ctrl-R on a unit
 * (its history), and Enter there on the older revision (the two compared) then Esc twice; then,
 * a few rounds only (each reads four years), the figures across years opened on the four years
 * up to YEAR, and the span moved a year later (four years read again). Every
 * key is followed by the full redraw the program does after it. Prints, per kind, the mean and
 * the slowest answer on the loaded central and the ratio of its mean to the empty one's.
 * Asserts nothing.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "desk.h"
#include "ime.h"
#include "store.h"

enum {
	K_FIRST,
	K_DOWN,
	K_PAGE,
	K_YEAR,
	K_SEARCH,
	K_OPEN,
	K_HISTORY,
	K_DIFF,
	K_YEARS,
	K_SPAN,
	K_COUNT
};
static const char *const kind_names[K_COUNT] = {
    "open the board", "next unit (Down)", "page down", "another year (Right, Left)",
    "search a letter", "open a report (Enter, Esc)", "a report's history (Ctrl-R)",
    "compare two revisions (Enter)", "figures across 4 years (open)",
    "the span a year later (Right)",
};

struct timing {
	double total_ms[K_COUNT], worst_ms[K_COUNT];
	long n[K_COUNT];
};

static double
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void
took(struct timing *tm, int kind, double since)
{
	double ms = now_ms() - since;
	tm->total_ms[kind] += ms;
	tm->n[kind]++;
	if (ms > tm->worst_ms[kind])
		tm->worst_ms[kind] = ms;
}

/* A key as the program's loop takes it: dispatched, then the screen drawn again. */
static void
press(struct tui *t, enum action a, wint_t ch, bool text)
{
	tui_dispatch(t, a, ch, text);
	tui_redraw(t);
}

/* A figure of a key that did nothing would mislead: the bench stops instead. */
static void
on_screen(struct tui *t, const struct screen *s, const char *dir)
{
	if (tui_top(t) != s) {
		endwin();
		fprintf(stderr, "desk-bench: %s: the key did not open the %s screen\n", dir, s->id);
		exit(1);
	}
}

static void
curses_into_null(void)
{
	int fds[2];
	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		fprintf(stderr, "desk-bench: no C.UTF-8 locale\n");
		exit(2);
	}
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	/* Keys come from the bench, never from the terminal: a dialog finds nobody and closes. */
	if (pipe(fds) != 0 || dup2(fds[0], 0) < 0) {
		perror("desk-bench: pipe");
		exit(2);
	}
	close(fds[1]);
	FILE *out = fopen("/dev/null", "w"), *in = fdopen(0, "r");
	if (out == NULL || in == NULL || newterm("xterm", out, in) == NULL) {
		fprintf(stderr, "desk-bench: no curses screen\n");
		exit(2);
	}
}

static void
bench_desk(const char *dir, int year, int rounds, struct timing *tm)
{
	struct tui t = {0};
	struct err e = {0};
	if (store_open_mode(dir, STORE_CENTRAL, STORE_READ, &t.db, &e) != ST_OK) {
		fprintf(stderr, "desk-bench: %s: %s\n", dir, e.msg);
		exit(2);
	}
	t.dir = (char *)dir;
	t.utf8 = true;
	t.year = year;
	getmaxyx(stdscr, t.rows, t.cols);
	struct ime ime;
	ime_init(&ime, IME_TELEX, IME_TONE_OLD, true);
	t.ime = &ime;

	double t0 = now_ms();
	board_open(&t, year);
	tui_redraw(&t);
	took(tm, K_FIRST, t0);
	for (int r = 0; r < rounds; r++) {
		t0 = now_ms();
		press(&t, ACT_NEXT, 0, false);
		took(tm, K_DOWN, t0);
		t0 = now_ms();
		press(&t, ACT_PAGE_DOWN, 0, false);
		took(tm, K_PAGE, t0);
		t0 = now_ms();
		press(&t, ACT_RIGHT, 0, false);
		press(&t, ACT_LEFT, 0, false);
		took(tm, K_YEAR, t0);
		t0 = now_ms();
		press(&t, ACT_NONE, L'9', true);
		press(&t, ACT_BACK, 0, false);
		took(tm, K_SEARCH, t0);
		t0 = now_ms();
		press(&t, ACT_ENTER, 0, false);
		on_screen(&t, &screen_unit_report, dir);
		press(&t, ACT_BACK, 0, false);
		took(tm, K_OPEN, t0);
		t0 = now_ms();
		press(&t, ACT_HISTORY, 0, false);
		took(tm, K_HISTORY, t0);
		on_screen(&t, &screen_history, dir);
		press(&t, ACT_END, 0, false);
		t0 = now_ms();
		press(&t, ACT_ENTER, 0, false);
		took(tm, K_DIFF, t0);
		on_screen(&t, &screen_diff, dir);
		press(&t, ACT_BACK, 0, false);
		press(&t, ACT_BACK, 0, false);
	}
	for (int r = 0; r < (rounds < 3 ? rounds : 3); r++) {
		t0 = now_ms();
		years_open(&t, year);
		tui_redraw(&t);
		took(tm, K_YEARS, t0);
		on_screen(&t, &screen_years, dir);
		t0 = now_ms();
		press(&t, ACT_RIGHT, 0, false);
		took(tm, K_SPAN, t0);
		press(&t, ACT_BACK, 0, false);
	}
	if (t.depth != 1) {
		fprintf(stderr, "desk-bench: %s: the keys did not come back to the board\n", dir);
		exit(1);
	}
	while (t.depth > 0)
		tui_pop(&t);
	tui_set_help(&t, NULL, NULL);
	store_close(t.db);
}

int
main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: desk-bench LOADED_DIR EMPTY_DIR YEAR ROUNDS\n");
		return 2;
	}
	int year = atoi(argv[3]), rounds = atoi(argv[4]);
	struct timing loaded = {0}, empty = {0};
	curses_into_null();
	bench_desk(argv[2], year, rounds, &empty);
	bench_desk(argv[1], year, rounds, &loaded);
	endwin();
	double worst = 0;
	for (int k = 0; k < K_COUNT; k++) {
		/* The year, search and open rows timed two keys each: say each key. */
		int keys = k == K_YEAR || k == K_OPEN || k == K_SEARCH ? 2 : 1;
		double mean = loaded.total_ms[k] / (double)loaded.n[k] / keys;
		double base = empty.total_ms[k] / (double)empty.n[k] / keys;
		double slow = loaded.worst_ms[k] / keys;
		if (slow > worst)
			worst = slow;
		printf("desk %-28s %7.2f ms a key (slowest %6.2f), empty desk %6.2f ms (ratio %.1f)\n",
		       kind_names[k], mean, slow, base, base > 0 ? mean / base : 0);
	}
	printf("desk slowest key on the loaded central: %.2f ms\n", worst);
	return 0;
}
