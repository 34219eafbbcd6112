/* test_desk_totals.c: the desk's totals, the units behind one, and the nominations, on a
 * central in memory drawn at 80×24: every action their status bars or help show does something
 * (as test_desk.c checks the board), what they show (sums, "Đạt x/y đơn vị", the breach mark,
 * "!" without Vietnamese), and F4 keeping only the breaches. */
#include "testlib.h"
#include "screenlib.h"

#include "desk.h"
#include "i18n.h"
#include "ime.h"

/* Unit code's merged report of 2024 with 10 × n courses, criterion 1 n > 1, and a nomination:
 * the Prime Minister's certificate (a breach in 2024) for A, the Ministry's for B. */
static void
merge(struct store *db, const char *code, int n, const char *award)
{
	char *values = xasprintf("\"dao_tao.so_khoa\":%d,\"tu_danh_gia.tc1\":%s", 10 * n,
				 n > 1 ? "true" : "false");
	char *tables =
	    xasprintf("\"khen_thuong.de_nghi\":[{\"doi_tuong\":\"ca_nhan\",\"ten\":\"Người %s\","
		      "\"chuc_vu\":\"Trưởng khoa\",\"hinh_thuc\":\"%s\",\"thanh_tich\":\"Nhiều "
		      "sáng kiến\"}]",
		      code, award);
	desk_merge(db, code, 2024, values, tables);
	free(values);
	free(tables);
}

static void
desk_setup(struct tui *t)
{
	desk_central(t, "desk-totals", 2024);
	merge(t->db, "A", 1, "bang_khen_ttg");
	merge(t->db, "B", 2, "bang_khen_byt");
}

/* The screen of the test, opened: 0 totals, 1 the units behind the first figure, 2 proposals. */
static void
open_screen(struct tui *t, int which)
{
	if (t->depth == 0)
		board_open(t, 2024); /* below, as F8 opens them: Esc goes back to it */
	if (which == 2) {
		proposals_open(t, 2024);
		return;
	}
	totals_open(t, 2024);
	if (which == 1) {
		/* The courses (the ninth figure): both units answered. */
		for (int i = 0; i < 8; i++)
			screen_send(t, ACT_NEXT);
		screen_send(t, ACT_ENTER);
	}
}

static const struct screen *const screens[] = {&screen_totals, &screen_total_units,
					       &screen_proposals};

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

/* Every hint and every key the help lists does something on each screen; the overrides are
 * whole. */
static void
test_every_key_is_taken(void **state)
{
	(void)state;
	if (!have_curses)
		skip();
	for (int s = 0; s < 3; s++) {
		screen_keys_whole(screens[s], s, taken);
	}
}

/* Back from a unit's report (which sets its own help), the totals and the proposals explain
 * themselves again on F1. */
static void
test_help_after_report(void **state)
{
	(void)state;
	if (!have_curses)
		skip();
	struct tui t;
	desk_setup(&t);
	for (int which = 0; which <= 2; which += 2) {
		open_screen(&t, which);
		const char *own = which == 0 ? "Số liệu tổng hợp" : "Đề nghị khen thưởng";
		assert_string_equal(t.help_title, own);
		unit_report_open(&t, "A", 2024);
		assert_string_not_equal(t.help_title, own);
		tui_pop(&t);
		assert_ptr_equal(tui_top(&t), screens[which]);
		assert_string_equal(t.help_title, own);
		tui_pop(&t);
	}
	desk_teardown(&t);
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
	assert_true(screen_shows("2 đơn vị có báo cáo được tính"));
	/* The last figures are the criteria, the first of them tc1. */
	screen_send(&t, ACT_END);
	for (int i = 0; i < 5; i++)
		screen_send(&t, ACT_PREV);
	tui_redraw(&t);
	assert_true(screen_shows("Đạt 1/2 đơn vị"));
	assert_true(screen_shows("Đạt: 1 đơn vị, Chưa đạt: 1, không trả lời: 0"));
	tui_pop(&t);
	open_screen(&t, 1);
	tui_redraw(&t);
	assert_true(screen_shows("Tổng 30 — thấp nhất 10 — cao nhất 20 — 2/2 đơn vị trả lời"));
	desk_teardown(&t);

	desk_setup(&t);
	open_screen(&t, 2);
	tui_redraw(&t);
	assert_true(screen_shows("2 đề nghị, 1 trái Kế hoạch"));
	assert_true(screen_shows("Bằng khen của Thủ tướng Chính phủ — Cá nhân (1)"));
	assert_true(screen_shows("Bằng khen của Bộ Y tế — Cá nhân (1)"));
	screen_send(&t, ACT_FILTER);
	tui_redraw(&t);
	assert_false(screen_shows("Bằng khen của Bộ Y tế — Cá nhân"));
	desk_teardown(&t);
	/* Without Vietnamese: the mark is "!". */
	desk_setup(&t);
	t.utf8 = false;
	open_screen(&t, 2);
	tui_redraw(&t);
	assert_true(screen_shows("(!)"));
	assert_true(screen_shows("! A"));
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
	    cmocka_unit_test(test_help_after_report),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	if (have_curses)
		endwin();
	return rc;
}
