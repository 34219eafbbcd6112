/* test_desk_years.c: the desk's figures across years and one indicator's units, on a central in
 * memory drawn at 80×24: every action their status bars or help show does something (as
 * test_desk_totals.c checks the totals), what they show (the units reporting each year, the
 * national totals, "—" for a year nobody reported, the change), in both languages. */
#include "testlib.h"
#include "screenlib.h"

#include "desk.h"
#include "i18n.h"
#include "ime.h"
#include "report.h"

/* Unit code's merged report of year with so_khoa courses. */
static void
merge(struct store *db, const char *code, int year, int so_khoa)
{
	char *values = xasprintf("\"dao_tao.so_khoa\":%d", so_khoa);
	desk_merge(db, code, year, values, "");
	free(values);
}

/* 2023: A 10, B 20. 2024: A 12, B 24, C 4. 2025: A 20. The desk's year 2025: 2022-2025. The
 * central of test_desk_totals.c (desk_central), other reports. */
static void
desk_setup(struct tui *t)
{
	desk_central(t, "desk-years", 2025);
	merge(t->db, "A", 2023, 10);
	merge(t->db, "B", 2023, 20);
	merge(t->db, "A", 2024, 12);
	merge(t->db, "B", 2024, 24);
	merge(t->db, "C", 2024, 4);
	merge(t->db, "A", 2025, 20);
}

/* The screen of the test, opened: 0 the years, 1 the courses (the seventh indicator) by unit. */
static void
open_screen(struct tui *t, int which)
{
	if (t->depth == 0)
		board_open(t, 2025);
	years_open(t, 2025);
	if (which == 1) {
		for (int i = 0; i < 6; i++)
			screen_send(t, ACT_NEXT);
		screen_send(t, ACT_ENTER);
	}
}

static const struct screen *const screens[] = {&screen_years, &screen_years_units};

static bool
taken(int which, enum action a)
{
	struct tui t;
	desk_setup(&t);
	open_screen(&t, which);
	assert_ptr_equal(tui_top(&t), screens[which]);
	if (a == ACT_PREV || a == ACT_HOME)
		screen_send(&t, ACT_END);
	else if (a == ACT_PAGE_UP)
		screen_send(&t, ACT_PAGE_DOWN);
	bool done = action_taken(&t, a);
	desk_teardown(&t);
	return done;
}

static void
test_every_key_is_taken(void **state)
{
	(void)state;
	if (!have_curses)
		skip();
	for (int s = 0; s < 2; s++) {
		screen_keys_whole(screens[s], s, taken);
	}
}

static void
test_what_they_show(void **state)
{
	(void)state;
	if (!have_curses)
		skip();
	struct tui t;
	desk_setup(&t);
	open_screen(&t, 0);
	tui_redraw(&t);
	assert_true(screen_shows("Số liệu qua các năm 2022-2025"));
	assert_true(screen_shows(
	    "Số đơn vị có báo cáo                         0         2         3         1"));
	for (int i = 0; i < 6; i++)
		screen_send(&t, ACT_NEXT);
	tui_redraw(&t);
	assert_true(screen_shows("—        30        40        20"));
	assert_true(screen_shows("2023 —; 2024 +10 (+33,3%); 2025 -20 (-50,0%)"));
	screen_send(&t, ACT_ENTER);
	tui_redraw(&t);
	assert_true(screen_shows("2024  40                   3/3            +10 (+33,3%)"));
	assert_true(screen_shows("2022  —                    0/0"));
	assert_true(screen_shows("C        Trường C"));
	/* A year a unit did not report: absent, never 0. */
	char row[400];
	for (int y = 0; y < LINES; y++) {
		mvinnstr(y, 0, row, sizeof row - 1);
		if (strncmp(row, "  C ", 4) == 0)
			assert_non_null(strstr(row, "—         —         4         —"));
	}
	tui_pop(&t);
	screen_send(&t, ACT_RIGHT);
	tui_redraw(&t);
	assert_true(screen_shows("Số liệu qua các năm 2023-2026"));
	desk_teardown(&t);

	ui_lang = LANG_EN;
	desk_setup(&t);
	open_screen(&t, 0);
	tui_redraw(&t);
	assert_true(screen_shows("Figures 2022-2025"));
	assert_true(screen_shows("Units reporting"));
	desk_teardown(&t);
	ui_lang = LANG_VI;
}

/* The desk's year step (the board, the totals, the years view): ← → move a span, or one year
 * (first and last one variable), a year; beyond the years a report may have it is said and
 * kept; any other key is not a step. */
static void
test_year_step(void **state)
{
	(void)state;
	if (!have_curses)
		skip();
	struct tui t;
	bool moved;
	char says[64];
	desk_setup(&t);
	open_screen(&t, 0);
	int y = REPORT_MAX_YEAR - 1;
	assert_true(desk_year_step(&t, ACT_RIGHT, &y, &y, &moved));
	assert_true(moved);
	assert_int_equal(y, REPORT_MAX_YEAR);
	assert_true(desk_year_step(&t, ACT_RIGHT, &y, &y, &moved));
	assert_false(moved);
	assert_int_equal(y, REPORT_MAX_YEAR);
	tui_redraw(&t);
	snprintf(says, sizeof says, "Không có năm %d.", REPORT_MAX_YEAR + 1);
	assert_true(screen_shows(says));
	int from = REPORT_MIN_YEAR, to = REPORT_MIN_YEAR + 3;
	assert_true(desk_year_step(&t, ACT_LEFT, &from, &to, &moved));
	assert_false(moved);
	assert_int_equal(from, REPORT_MIN_YEAR);
	assert_true(desk_year_step(&t, ACT_RIGHT, &from, &to, &moved));
	assert_true(moved);
	assert_int_equal(from, REPORT_MIN_YEAR + 1);
	assert_int_equal(to, REPORT_MIN_YEAR + 4);
	assert_false(desk_year_step(&t, ACT_ENTER, &from, &to, &moved));
	assert_false(moved);
	desk_teardown(&t);
}

int
main(void)
{
	curses_start("24", "80");
	ui_lang = LANG_VI;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_key_is_taken),
	    cmocka_unit_test(test_what_they_show),
	    cmocka_unit_test(test_year_step),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	if (have_curses)
		endwin();
	return rc;
}
