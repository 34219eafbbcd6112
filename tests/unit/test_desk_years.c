/* test_desk_years.c: the desk's figures across years and one indicator's units, on a central in
 * memory drawn at 80×24: every action their status bars or help show does something (as
 * test_desk_totals.c checks the totals), what they show (the units reporting each year, the
 * national totals, "—" for a year nobody reported, the change), in both languages. */
#include "testlib.h"
#include "screenlib.h"

#include "desk.h"
#include "i18n.h"
#include "ime.h"

/* Unit code's merged report of year with so_khoa courses. */
static void
merge(struct store *db, const char *code, int year, int so_khoa)
{
	struct err e = {0};
	char *json = xasprintf(
	    "{\"template\":\"bao-cao-nam\",\"template_version\":1,\"unit\":{\"code\":\"%s\"},"
	    "\"year\":%d,\"revision\":1,\"values\":{\"dao_tao.so_khoa\":%d},\"tables\":{}}",
	    code, year, so_khoa);
	char *id = xasprintf("b-%s-%d", code, year);
	if (store_do(
		db,
		"INSERT INTO bundle(hash, id, unit_code, year, revision, packed_at, imported_at,"
		" signer_pk, template_id, template_version, report, state, source, observed_at)"
		" VALUES (randomblob(8), ?1, ?2, ?4, 1, '2024-12-01T02:00:00Z',"
		" '2024-12-01T03:00:00Z', x'00', 'bao-cao-nam', 1, ?3, 'merged', 'f',"
		" '2024-12-01T03:00:00Z')",
		&e, "ttti", id, code, json, year) != ST_OK ||
	    store_do(db,
		     "INSERT INTO merged(unit_code, year, bundle_hash, revision, merged_at) SELECT "
		     "unit_code, year, hash, 1, 'x' FROM bundle WHERE id = ?1",
		     &e, "t", id) != ST_OK)
		fail_msg("merge %s: %s", code, e.msg);
	free(id);
	free(json);
}

/* 2023: A 10, B 20. 2024: A 12, B 24, C 4. 2025: A 20. The desk's year 2025: 2022-2025. */
static void
desk_setup(struct tui *t)
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
	merge(t->db, "A", 2023, 10);
	merge(t->db, "B", 2023, 20);
	merge(t->db, "A", 2024, 12);
	merge(t->db, "B", 2024, 24);
	merge(t->db, "C", 2024, 4);
	merge(t->db, "A", 2025, 20);
	t->dir = test_tmpdir("desk-years");
	t->utf8 = true;
	t->year = 2025;
	getmaxyx(stdscr, t->rows, t->cols);
	t->ime = xcalloc(1, sizeof *t->ime);
	ime_init(t->ime, IME_TELEX, IME_TONE_OLD, true);
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

int
main(void)
{
	curses_start("24", "80");
	ui_lang = LANG_VI;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_key_is_taken),
	    cmocka_unit_test(test_what_they_show),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	if (have_curses)
		endwin();
	return rc;
}
