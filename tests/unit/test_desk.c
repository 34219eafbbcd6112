/* test_desk.c: the central's desk on the screen framework: every action the year board's
 * status bar or help shows does something there (as test_actions.c checks the clerk's
 * screens), and its overrides are whole. */
#include "testlib.h"
#include "screenlib.h"

#include "desk.h"
#include "i18n.h"
#include "ime.h"
#include "staff.h"

/* A central with 30 units (more than a page at 80×24), two groups, one report received. */
static void
desk_setup(struct tui *t)
{
	struct err e = {0};
	memset(t, 0, sizeof *t);
	if (store_open_memory(STORE_CENTRAL, &t->db, &e) != ST_OK)
		fail_msg("store_open_memory: %s", e.msg);
	for (int i = 0; i < 30; i++) {
		char code[16], name[64];
		snprintf(code, sizeof code, "DV%02d", i);
		snprintf(name, sizeof name, "Đơn vị số %d", i);
		if (store_do(
			t->db,
			"INSERT INTO unit(code, name, grp, created_at) VALUES (?1, ?2, ?3, 'x')",
			&e, "ttt", code, name, i % 2 ? "benh_vien" : "vien") != ST_OK)
			fail_msg("unit: %s", e.msg);
	}
	if (store_do(t->db,
		     "INSERT INTO bundle(hash, id, unit_code, year, revision, packed_at, "
		     "imported_at, signer_pk,"
		     " template_id, template_version, report, state, source, observed_at) VALUES "
		     "(x'0a', 'a',"
		     " 'DV05', 2024, 1, '2024-12-01T02:00:00Z', '2024-12-01T03:00:00Z', x'00', "
		     "'bao-cao-nam', 1,"
		     " '{}', 'merged', 'f', '2024-12-01T03:00:00Z')",
		     &e, "") != ST_OK ||
	    store_do(t->db,
		     "INSERT INTO merged(unit_code, year, bundle_hash, revision, merged_at) VALUES "
		     "('DV05', 2024, x'0a', 1, 'x')",
		     &e, "") != ST_OK)
		fail_msg("bundle: %s", e.msg);
	t->dir = test_tmpdir("desk");
	t->utf8 = true;
	t->year = 2024;
	getmaxyx(stdscr, t->rows, t->cols);
	t->ime = xcalloc(1, sizeof *t->ime);
	ime_init(t->ime, IME_TELEX, IME_TONE_OLD, true);
}

/* What must come before a so that it has something to do: a step away before a step back, a
 * filter before Esc clears it. */
static void
prepare(struct tui *t, enum action a)
{
	if (a == ACT_PREV || a == ACT_HOME)
		screen_send(t, ACT_END);
	else if (a == ACT_PAGE_UP)
		screen_send(t, ACT_PAGE_DOWN);
}

/* Action a sent on the board changes what staff see: right away (a dialog it opened) or once
 * the screen is drawn again. */
static bool
taken_on_board(enum action a)
{
	struct tui t;
	desk_setup(&t);
	board_open(&t, 2024);
	prepare(&t, a);
	bool taken = action_taken(&t, a);
	desk_teardown(&t);
	return taken;
}

/* Every hint of the status bar and every key the help lists does something on the board. */
static void
test_every_key_is_taken(void **state)
{
	(void)state;
	if (!have_curses)
		skip();
	int tried = 0;
	for (int a = ACT_NONE + 1; a < ACT_PASTE; a++) {
		if (action_info(&screen_board, (enum action)a) == NULL ||
		    !tui_takes(&screen_board, (enum action)a))
			continue;
		if (!taken_on_board((enum action)a))
			fail_msg("board: %s (%s) does nothing", action_keys((enum action)a),
				 action_label(&screen_board, (enum action)a));
		tried++;
	}
	assert_true(tried >= 10);
	for (const enum action *h = screen_board.hints; *h != ACT_NONE; h++) {
		assert_true(tui_takes(&screen_board, *h));
		assert_true(action_first_key(*h)[0] != '\0');
	}
}

/* The board's overrides give both labels in both languages, and keep the table's keys. */
static void
test_overrides_are_whole(void **state)
{
	(void)state;
	for (const struct action_info *o = screen_board.overrides; o && o->action != ACT_NONE;
	     o++) {
		assert_ptr_equal(action_info(&screen_board, o->action), o);
		assert_null(o->keys);
		assert_true(o->short_vi[0] && o->short_en[0] && o->label_vi[0] && o->label_en[0]);
		assert_true(tui_takes(&screen_board, o->action));
	}
}

/* The history's and the comparison's hints and overrides name keys they take, with both labels
 * in both languages. */
static void
test_history_screens_whole(void **state)
{
	(void)state;
	const struct screen *screens[] = {&screen_history, &screen_diff};
	for (size_t i = 0; i < ARRAY_LEN(screens); i++) {
		const struct screen *s = screens[i];
		for (const struct action_info *o = s->overrides; o && o->action != ACT_NONE; o++) {
			assert_ptr_equal(action_info(s, o->action), o);
			assert_null(o->keys);
			assert_true(o->short_vi[0] && o->short_en[0] && o->label_vi[0] &&
				    o->label_en[0]);
			assert_true(tui_takes(s, o->action));
		}
		for (const enum action *h = s->hints; *h != ACT_NONE; h++)
			assert_true(tui_takes(s, *h));
	}
	assert_true(tui_takes(&screen_board, ACT_HISTORY));
	assert_true(tui_takes(&screen_unit_report, ACT_HISTORY));
}

/* The board opens on every unit; Esc with nothing to clear asks before leaving, and leaves
 * nothing when the question is not answered yes. */
static void
test_counts_and_esc(void **state)
{
	(void)state;
	if (!have_curses)
		skip();
	struct tui t;
	desk_setup(&t);
	board_open(&t, 2024);
	assert_ptr_equal(tui_top(&t), &screen_board);
	tui_redraw(&t);
	char row[200];
	mvinnstr(3, 0, row, sizeof row - 1);
	assert_non_null(strstr(row, "30/30"));
	screen_send(&t, ACT_BACK); /* nothing to clear: the question, cancelled by nobody answering */
	assert_false(t.quit);
	assert_int_equal(t.depth, 1);
	desk_teardown(&t);
}

/* Action a sent on the units screen (page: on the first unit's page) changes what staff see. */
static bool
taken_on_units(enum action a, bool page)
{
	struct tui t;
	desk_setup(&t);
	board_open(&t, 2024); /* below, as the menu opens it: Esc goes back there */
	units_open(&t, 2024);
	/* A page longer than the screen, for the keys that scroll it: the unit's log. */
	for (int i = 0; page && i < 30; i++) {
		struct err e = {0};
		assert_int_equal(staff_log(t.db, SA_REVIEW, "DV00", 2024, "xem lại", &e), ST_OK);
	}
	if (page)
		screen_send(&t, ACT_ENTER);
	prepare(&t, a);
	bool taken = action_taken(&t, a);
	desk_teardown(&t);
	return taken;
}

/* Every key the units screen and a unit's page show or list does something there; their
 * overrides are whole. */
static void
test_units_every_key_is_taken(void **state)
{
	(void)state;
	if (!have_curses)
		skip();
	const struct screen *screens[] = {&screen_units, &screen_unit_page};
	for (int i = 0; i < 2; i++) {
		int tried = 0;
		for (int a = ACT_NONE + 1; a < ACT_PASTE; a++) {
			if (action_info(screens[i], (enum action)a) == NULL ||
			    !tui_takes(screens[i], (enum action)a))
				continue;
			if (!taken_on_units((enum action)a, i == 1))
				fail_msg("%s: %s (%s) does nothing", screens[i]->id,
					 action_keys((enum action)a),
					 action_label(screens[i], (enum action)a));
			tried++;
		}
		assert_true(tried >= 8);
		for (const struct action_info *o = screens[i]->overrides; o->action != ACT_NONE; o++) {
			assert_true(o->short_vi[0] && o->short_en[0] && o->label_vi[0] && o->label_en[0]);
			assert_true(tui_takes(screens[i], o->action));
		}
	}
}

int
main(void)
{
	curses_start("24", "80");
	ui_lang = LANG_VI;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_key_is_taken),
	    cmocka_unit_test(test_overrides_are_whole),
	    cmocka_unit_test(test_history_screens_whole),
	    cmocka_unit_test(test_counts_and_esc),
	    cmocka_unit_test(test_units_every_key_is_taken),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	if (have_curses)
		endwin();
	return rc;
}
