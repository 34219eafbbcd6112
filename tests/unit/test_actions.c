/* test_actions.c: the full-screen action table: every action a screen's status bar shows has a
 * key and does something there, the status bar and the help screen take an action's words from
 * one entry (the table's, or the screen's override of both), keys map to their actions, keys
 * named in dialogs come from the table, and the yes/no keys. */
#include "testlib.h"
#include "screenlib.h"

#include "clerk.h"
#include "i18n.h"
#include "ime.h"
#include "migrate.h"
#include "report.h"
#include "template.h"
#include "text.h"
#include "unit.h"
#include "widgets.h"

static const struct screen *const screens[] = {
	&screen_home, &screen_report, &screen_check, &screen_longtext, &screen_table,
	&screen_attachments, &screen_settings, &screen_preview, &screen_help, &screen_move,
	&screen_dropped,
};

static const enum lang langs[] = {LANG_VI, LANG_EN};

static bool
ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);
	return a >= b && strcmp(s + a - b, tail) == 0;
}

static void
test_every_hint_has_a_key(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(screens); i++)
		for (const enum action *a = screens[i]->hints; *a != ACT_NONE; a++) {
			const struct action_info *info = action_info(screens[i], *a);
			if (info == NULL || action_first_key(*a)[0] == '\0')
				fail_msg("%s: hint %d has no key", screens[i]->id, (int)*a);
			assert_non_null(strstr(action_keys(*a), action_first_key(*a)));
			if (!tui_takes(screens[i], *a))
				fail_msg("%s: hint %s is not among the screen's keys", screens[i]->id,
					 action_first_key(*a));
		}
}

/* An override gives both labels, in both languages, of an action the table has. */
static void
test_overrides_are_whole(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(screens); i++)
		for (const struct action_info *o = screens[i]->overrides; o && o->action != ACT_NONE; o++) {
			assert_non_null(action_info(NULL, o->action));
			assert_ptr_equal(action_info(screens[i], o->action), o);
			assert_null(o->keys); /* keys are the table's: one key, one action */
			assert_true(o->short_vi && o->short_vi[0] && o->short_en && o->short_en[0]);
			assert_true(o->label_vi && o->label_vi[0] && o->label_en && o->label_en[0]);
		}
}

/* What the status bar shows of an action and the help screen's line for it, on every screen
 * and in both languages, come from the same entry. */
static void
test_status_bar_and_help_agree(void **state)
{
	struct tui t = {.utf8 = false};
	char hint[200], line[300], want[200];
	(void)state;
	for (size_t l = 0; l < ARRAY_LEN(langs); l++) {
		ui_lang = langs[l];
		for (size_t i = 0; i < ARRAY_LEN(screens); i++)
			for (const enum action *a = screens[i]->hints; *a != ACT_NONE; a++) {
				const struct action_info *info = action_info(screens[i], *a);
				tui_hint(screens[i], *a, hint, sizeof hint);
				snprintf(want, sizeof want, "%s %s", info->keys ? info->keys[0].name
										: action_first_key(*a),
					 L(info->short_vi, info->short_en));
				assert_string_equal(hint, want);
				help_line(&t, screens[i], *a, line, sizeof line);
				assert_true(ends_with(line, L(info->label_vi, info->label_en)));
				assert_int_equal(strncmp(line + 2, action_keys(*a), strlen(action_keys(*a))), 0);
			}
	}
	ui_lang = LANG_VI;
}

/* The disagreement this table ended: Left is "Year" on home, in the status bar and in help. */
static void
test_left_is_year_on_home(void **state)
{
	struct tui t = {.utf8 = false};
	char hint[200], line[300];
	(void)state;
	ui_lang = LANG_EN;
	tui_hint(&screen_home, ACT_LEFT, hint, sizeof hint);
	assert_string_equal(hint, "← Year");
	help_line(&t, &screen_home, ACT_LEFT, line, sizeof line);
	assert_non_null(strstr(line, "Year"));
	help_line(&t, &screen_report, ACT_LEFT, line, sizeof line);
	assert_true(ends_with(line, " Left"));
	ui_lang = LANG_VI;
	tui_hint(&screen_home, ACT_LEFT, hint, sizeof hint);
	assert_string_equal(hint, "← Đổi năm");
}

static void
test_keys_map_to_actions(void **state)
{
	(void)state;
	assert_int_equal(action_of(KEY_CODE_YES, KEY_F(10)), ACT_QUIT);
	assert_int_equal(action_of(OK, TUI_CTRL('q')), ACT_QUIT);
	assert_int_equal(action_of(OK, 27), ACT_BACK);
	assert_int_equal(action_of(OK, '\r'), ACT_ENTER);
	assert_int_equal(action_of(KEY_CODE_YES, KEY_ENTER), ACT_ENTER);
	/* Typed text and Backspace are never actions, whatever their code. */
	assert_int_equal(action_of(OK, 'a'), ACT_NONE);
	assert_int_equal(action_of(OK, 127), ACT_NONE);
	assert_int_equal(action_of(OK, 8), ACT_NONE);
	assert_int_equal(action_of(OK, (wint_t)KEY_F(1)), ACT_NONE);
	assert_int_equal(action_of(ERR, 0), ACT_NONE);
	/* Every key of the table means its own action: none is bound twice. Space stays typed
	 * text (the field focused takes it as its toggle). */
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		const struct action_info *info = action_info(NULL, (enum action)a);
		for (const struct key_name *k = info ? info->keys : NULL; k && k->name; k++)
			assert_int_equal(action_of(k->code >= KEY_MIN ? KEY_CODE_YES : OK, (wint_t)k->code),
					 k->code == ' ' ? ACT_NONE : a);
	}
	assert_null(action_info(NULL, ACT_NONE));
	assert_null(action_info(NULL, ACT_PASTE));
	assert_string_equal(action_keys(ACT_ENTER), "Enter");
	assert_string_equal(action_keys(ACT_QUIT), "F10, Ctrl-Q");
}

/* The keys a dialog or a sentence names come from the table, in both languages. */
static void
test_key_lines_name_the_table(void **state)
{
	char line[200];
	(void)state;
	ui_lang = LANG_VI;
	action_key_line(line, sizeof line, ": ", "   ", ACT_ENTER, "đồng ý", ACT_BACK, "không", ACT_NONE);
	assert_string_equal(line, "Enter: đồng ý   Esc: không");
	assert_string_equal(action_keys_or(ACT_QUIT), "F10 hoặc Ctrl-Q");
	ui_lang = LANG_EN;
	assert_string_equal(action_keys_or(ACT_ADD), "Insert or Ctrl-N");
	ui_lang = LANG_VI;
	action_key_line(line, sizeof line, " ", "  ", ACT_PREV, "x", ACT_NONE);
	assert_string_equal(line, "Shift-Tab x");
	/* A particular key, named when the action has it, else the action's first key. */
	assert_string_equal(action_key_name(ACT_PREV, KEY_UP), "↑");
	assert_string_equal(action_key_name(ACT_NEXT, KEY_UP), "Tab");
	/* Cut at the buffer's end, never past it. */
	action_key_line(line, 8, ": ", "   ", ACT_ENTER, "đồng ý", ACT_BACK, "không", ACT_NONE);
	assert_int_equal(strlen(line), 7);
}


/* ---- every action a status bar shows is taken -------------------------------------------- */

/* A data folder with two years of reports with a long text, and two attachments; the table
 * screen's report. */
struct scene_data {
	struct tui t;
	struct report *r; /* the table screen's report */
};

static int
field_of_type(const struct report *r, enum ftype type)
{
	for (size_t i = 0; i < r->t->nfields; i++)
		if (r->t->fields[i].type == type)
			return (int)i;
	fail_msg("the template has no field of type %d", (int)type);
	return -1;
}

/* A scan to attach: a PDF as the attachments screen takes it. */
static void
attach_scan(struct tui *t, const char *name)
{
	struct err e;
	char *pdf = xasprintf("%s/%s", t->dir, name);
	FILE *f = fopen(pdf, "w");
	assert_non_null(f);
	fprintf(f, "%%PDF-1.4\n%% %s\n1 0 obj << >> endobj\ntrailer << >>\n%%%%EOF\n", name);
	fclose(f);
	if (unit_attach(t->db, 2024, 0, pdf, &e) != ST_OK)
		fail_msg("unit_attach: %s", e.msg);
	free(pdf);
}

static void
fill_data(struct tui *t)
{
	struct report *r;
	struct err e;
	struct buf text;
	buf_init(&text);
	for (int i = 0; i < 80; i++)
		buf_printf(&text, "Dòng %d của một đoạn văn dài.\n", i + 1);
	for (int year = 2023; year <= 2024; year++) {
		assert_int_equal(report_open_or_new(t->db, year, 0, &r, &e), ST_OK);
		struct value v = {V_TEXT, 0, text.data};
		if (report_set_value(t->db, r, field_of_type(r, F_LONGTEXT), &v, &e) != ST_OK)
			fail_msg("%s", e.msg);
		report_free(r);
	}
	attach_scan(t, "scan.pdf");
	attach_scan(t, "scan-2.pdf");
	buf_free(&text);
}

static int
scene_setup(void **state)
{
	struct scene_data *d = xcalloc(1, sizeof *d);
	ui_lang = LANG_VI;
	d->t.db = test_db();
	d->t.dir = test_tmpdir("screens");
	d->t.utf8 = true;
	getmaxyx(stdscr, d->t.rows, d->t.cols); /* keys are taken only in a window big enough */
	d->t.ime = xcalloc(1, sizeof *d->t.ime);
	ime_init(d->t.ime, IME_TELEX, IME_TONE_OLD, true);
	fill_data(&d->t);
	*state = d;
	return 0;
}

static int
scene_teardown(void **state)
{
	struct scene_data *d = *state;
	while (d->t.depth > 0)
		tui_pop(&d->t);
	report_free(d->r);
	tui_set_help(&d->t, NULL, NULL);
	free(d->t.ime);
	store_close(d->t.db);
	test_rmtree(d->t.dir);
	free(d->t.dir);
	free(d);
	ui_lang = LANG_VI;
	return 0;
}

static void type(struct tui *t, const char *text);

/* How each screen is reached, the way the clerk reaches it. */
static void
open_home(struct scene_data *d)
{
	home_open(&d->t);
}

static void
open_report(struct scene_data *d)
{
	report_open(&d->t, 2024, 0);
}

static void
open_report_fields(struct scene_data *d)
{
	report_open(&d->t, 2024, 0);
	screen_send(&d->t, ACT_ENTER);
}

/* The fields of the second section, whose first is a yes/no, answered. */
static void
open_report_yes_no(struct scene_data *d)
{
	open_report_fields(d);
	screen_send(&d->t, ACT_PAGE_DOWN);
	type(&d->t, "c");
}

static void
open_check(struct scene_data *d)
{
	report_open(&d->t, 2024, 0);
	screen_send(&d->t, ACT_CHECK);
}

/* The report editor's sections, then the long text's field, and Enter. */
static void
open_longtext(struct scene_data *d)
{
	struct report *r;
	struct err e;
	assert_int_equal(report_open_or_new(d->t.db, 2024, 0, &r, &e), ST_OK);
	int field = field_of_type(r, F_LONGTEXT);
	const struct field *fl = &r->t->fields[field];
	int within = field - (int)r->t->sections[fl->section].first;
	report_free(r);
	report_open(&d->t, 2024, 0);
	for (int i = 0; i < fl->section; i++)
		screen_send(&d->t, ACT_NEXT);
	screen_send(&d->t, ACT_ENTER);
	for (int i = 0; i < within; i++)
		screen_send(&d->t, ACT_NEXT);
	screen_send(&d->t, ACT_ENTER);
}

/* A table with two rows, the second chosen. */
static void
open_table(struct scene_data *d)
{
	struct err e;
	assert_int_equal(report_open_or_new(d->t.db, 2024, 0, &d->r, &e), ST_OK);
	table_open(&d->t, d->r, field_of_type(d->r, F_TABLE));
	for (int i = 0; i < 2; i++) {
		screen_send(&d->t, ACT_ADD);
		screen_send(&d->t, ACT_BACK);
	}
}

static void
open_table_row(struct scene_data *d)
{
	open_table(d);
	screen_send(&d->t, ACT_ENTER);
}

static void
open_attachments(struct scene_data *d)
{
	attachments_open(&d->t, 2024, 0);
}

static void
open_settings(struct scene_data *d)
{
	settings_open(&d->t);
}

static void
open_preview(struct scene_data *d)
{
	preview_open(&d->t, 2024, 0);
}

/* Version 2 of the yearly form installed over the 2024 draft, two values in fields it drops. */
static void
newer_form(struct scene_data *d)
{
	struct err e = {0};
	struct report *r;
	char *v2 = test_file("tests/templates/bao-cao-nam-2-move.json", NULL);
	if (template_install(d->t.db, v2, &e) != ST_OK)
		fail_msg("%s", e.msg);
	free(v2);
	assert_int_equal(report_read(d->t.db, 2024, 0, &r, &e), ST_OK);
	struct value six = {V_INT, 6, NULL}, more = {V_INT, 500, NULL};
	if (report_set_value(d->t.db, r, template_field(r->t, "thi_dua.hoat_dong_quoc_te"), &six,
			     &e) != ST_OK ||
	    report_set_value(d->t.db, r, template_field(r->t, "dao_tao.hoc_lieu_so"), &more, &e) !=
		ST_OK)
		fail_msg("%s", e.msg);
	report_free(r);
}

static void
open_move(struct scene_data *d)
{
	newer_form(d);
	move_open(&d->t, 2024, 0);
}

static void
open_dropped(struct scene_data *d)
{
	struct move_plan p;
	struct err e = {0};
	newer_form(d);
	if (move_draft(d->t.db, 2024, 0, &p, &e) != ST_OK)
		fail_msg("%s", e.msg);
	move_plan_free(&p);
	dropped_open(&d->t, 2024, 0);
}

static void
open_phase(struct scene_data *d)
{
	phase_open(&d->t, 2025);
}

static void
open_help(struct scene_data *d)
{
	report_open(&d->t, 2024, 0);
	screen_send(&d->t, ACT_HELP);
}

static const struct {
	const char *what;
	void (*open)(struct scene_data *d);
	const struct screen *screen;
} scenes[] = {
	{"home", open_home, &screen_home},
	{"report, sections", open_report, &screen_report},
	{"report, fields", open_report_fields, &screen_report},
	{"report, a yes/no field", open_report_yes_no, &screen_report},
	{"check", open_check, &screen_check},
	{"long text", open_longtext, &screen_longtext},
	{"table", open_table, &screen_table},
	{"table, a row edited", open_table_row, &screen_table},
	{"attachments", open_attachments, &screen_attachments},
	{"settings", open_settings, &screen_settings},
	{"preview", open_preview, &screen_preview},
	{"phase review", open_phase, &screen_phase},
	{"help", open_help, &screen_help},
	{"a new form's plan", open_move, &screen_move},
	{"values a move kept", open_dropped, &screen_dropped},
};

static void
type(struct tui *t, const char *text)
{
	for (const char *c = text; *c; c++) {
		tui_redraw(t);
		tui_dispatch(t, ACT_NONE, (wint_t)*c, true);
	}
}

/* What must come before a so that it has something to do: a row deleted before undo (in the
 * list: a row being edited is left first, and edited again), text typed before moving in it or
 * deleting, a step down before a step up and the other way round. */
static void
prepare(struct scene_data *d, enum action a, bool row_edited)
{
	struct tui *t = &d->t;
	if (a == ACT_UNDO && row_edited) {
		screen_send(t, ACT_BACK);
		screen_send(t, ACT_DELETE);
		screen_send(t, ACT_ENTER);
	} else if (a == ACT_UNDO)
		screen_send(t, ACT_DELETE);
	else if (a == ACT_PAGE_UP)
		screen_send(t, ACT_PAGE_DOWN);
	else if (a == ACT_PAGE_DOWN || a == ACT_NEXT) /* a long text opens at its end */
		for (int i = 0; i < 4; i++)
			screen_send(t, ACT_PAGE_UP);
	else if (a == ACT_PREV)
		screen_send(t, ACT_NEXT);
	else if (a == ACT_HOME)
		screen_send(t, ACT_END);
	else if (a == ACT_MOVE_DOWN)
		screen_send(t, ACT_PREV);
	if (a == ACT_LEFT || a == ACT_RIGHT || a == ACT_HOME || a == ACT_END || a == ACT_DELETE)
		type(t, "ab");
	if (a == ACT_RIGHT || a == ACT_END || a == ACT_DELETE)
		screen_send(t, ACT_HOME);
}

/* The status bar always shows help and quit, then the screen's hints of the moment. */
static bool
shown(struct tui *t, enum action a)
{
	if (a == ACT_HELP || a == ACT_QUIT)
		return true;
	for (const enum action *h = tui_hints(t); *h != ACT_NONE; h++)
		if (*h == a)
			return true;
	return false;
}

/* In a fresh data folder, scene i open over the first screen and a prepared: whether a then
 * changes what the clerk sees; *hinted: whether the status bar showed it. */
static bool
taken_in_scene(size_t i, enum action a, bool *hinted)
{
	void *fixture;
	scene_setup(&fixture);
	struct scene_data *d = fixture;
	if (scenes[i].open != open_home)
		home_open(&d->t); /* the first screen, below every other */
	scenes[i].open(d);
	if (tui_top(&d->t) != scenes[i].screen)
		fail_msg("%s: not opened", scenes[i].what);
	*hinted = shown(&d->t, a);
	prepare(d, a, scenes[i].open == open_table_row);
	bool taken = action_taken(&d->t, a);
	scene_teardown(&fixture);
	return taken;
}

/* Every action a screen's status bar shows, sent as a key on that screen, changes what the
 * clerk sees (the screen's key function or the framework took it). */
static void
test_every_hint_is_taken(void **state)
{
	(void)state;
	if (!have_curses)
		skip();
	for (size_t i = 0; i < ARRAY_LEN(scenes); i++) {
		int tried = 0;
		for (int a = ACT_NONE + 1; a < ACT_PASTE; a++) {
			bool hinted, taken = taken_in_scene(i, (enum action)a, &hinted);
			if (hinted && !taken)
				fail_msg("%s: %s (%s) is shown but does nothing", scenes[i].what,
					 action_first_key((enum action)a),
					 action_short(scenes[i].screen, (enum action)a));
			tried += hinted;
		}
		assert_true(tried >= 3); /* help, quit and one of the screen's own at least */
	}
}

/* Every action the help screen lists for a screen (tui_takes) does something there, in one of
 * the states the scenes open it in: F5 in the report editor, Insert in a table row's form. */
static void
test_every_help_line_is_taken(void **state)
{
	(void)state;
	if (!have_curses)
		skip();
	for (size_t i = 0; i < ARRAY_LEN(scenes); i++) {
		const struct screen *s = scenes[i].screen;
		if (i > 0 && scenes[i - 1].screen == s)
			continue; /* the screen's scenes come together */
		for (int a = ACT_NONE + 1; a < ACT_PASTE; a++) {
			bool hinted, taken = false;
			if (action_info(s, (enum action)a) == NULL || !tui_takes(s, (enum action)a))
				continue;
			for (size_t j = i; j < ARRAY_LEN(scenes) && scenes[j].screen == s && !taken; j++)
				taken = taken_in_scene(j, (enum action)a, &hinted);
			if (!taken)
				fail_msg("%s: the help lists %s (%s), which does nothing", s->id,
					 action_keys((enum action)a), action_label(s, (enum action)a));
		}
	}
}

/* The stored value of field id in 2024's report. */
static enum vkind
stored_kind(struct scene_data *d, const char *id, int64_t *i)
{
	struct report *r;
	struct err e;
	assert_int_equal(report_read(d->t.db, 2024, 0, &r, &e), ST_OK);
	int f = template_field(r->t, id);
	assert_true(f >= 0);
	enum vkind k = r->values[f].k;
	*i = r->values[f].i;
	report_free(r);
	return k;
}

/* On a yes/no field the status bar names Space and Delete; Space answers, Delete and Backspace
 * empty it again (NULL stored). */
static void
test_yes_no_field_keys(void **state)
{
	void *fixture;
	int64_t i;
	(void)state;
	if (!have_curses)
		skip();
	scene_setup(&fixture);
	struct scene_data *d = fixture;
	home_open(&d->t);
	open_report_yes_no(d);
	assert_true(shown(&d->t, ACT_TOGGLE));
	assert_true(shown(&d->t, ACT_DELETE));
	assert_int_equal(stored_kind(d, "chi_dao.co_ke_hoach", &i), V_BOOL);
	assert_int_equal(i, 1);
	screen_send(&d->t, ACT_DELETE);
	assert_int_equal(stored_kind(d, "chi_dao.co_ke_hoach", &i), V_NULL);
	type(&d->t, " ");
	assert_int_equal(stored_kind(d, "chi_dao.co_ke_hoach", &i), V_BOOL);
	type(&d->t, "\x7f");
	assert_int_equal(stored_kind(d, "chi_dao.co_ke_hoach", &i), V_NULL);
	/* A text field shows neither: Delete is its line editor's there. */
	screen_send(&d->t, ACT_NEXT);
	assert_false(shown(&d->t, ACT_TOGGLE));
	scene_teardown(&fixture);
}

static void
test_yes_no_keys(void **state)
{
	(void)state;
	for (const char *y = "cCyYdD"; *y; y++)
		assert_int_equal(key_yes_no((wint_t)*y), 1);
	for (const char *n = "kKnN"; *n; n++)
		assert_int_equal(key_yes_no((wint_t)*n), 0);
	for (const char *o = "x 1\r"; *o; o++)
		assert_int_equal(key_yes_no((wint_t)*o), -1);
}

/* A step the core names reaches the clerk as the first screen's menu entry, never as a command;
 * the steps that are the command line's add nothing. */
static void
test_next_step_on_screen(void **state)
{
	(void)state;
	struct tui t = {.next_step = clerk_next_step};
	struct err e = {0};

	ui_lang = LANG_EN;
	err_set(&e, "the unit is not enrolled: open the Ministry's enrollment file");
	err_next(&e, ERR_NEXT_ENROLL);
	tui_error(&t, &e);
	assert_true(t.message_error);
	assert_string_equal(t.message, "the unit is not enrolled: open the Ministry's enrollment "
					"file (first screen, item 7: Open the Ministry's enrollment file)");
	ui_lang = LANG_VI;
	err_set(&e, "x");
	err_next(&e, ERR_NEXT_OPEN_RECEIPT);
	tui_error(&t, &e);
	assert_string_equal(t.message, "x (màn hình chính, mục 6: Mở biên nhận của Bộ Y tế)");
	err_set(&e, "y");
	err_next(&e, ERR_NEXT_START_CENTRAL_FOLDER);
	tui_error(&t, &e);
	assert_string_equal(t.message, "y");
	assert_null(strstr(t.message, "xhht"));
}

/* A message longer than the line keeps is cut after a whole character, with the mark. */
static void
test_long_message_cut_on_a_character(void **state)
{
	(void)state;
	struct tui t = {0};
	char long_text[2000] = "";
	for (int i = 0; i < 300; i++)
		strcat(long_text, "ệ"); /* three bytes each: 900, past the 512 kept */
	tui_message(&t, true, "%s", long_text);
	size_t len = strlen(t.message);
	assert_true(len < sizeof t.message);
	assert_true(utf8_valid(t.message, len));
	assert_string_equal(t.message + len - strlen("…"), "…");
	assert_memory_equal(t.message, long_text, len - strlen("…"));
	tui_message(&t, false, "%s", "ngắn");
	assert_string_equal(t.message, "ngắn");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_hint_has_a_key),
		cmocka_unit_test(test_overrides_are_whole),
		cmocka_unit_test(test_status_bar_and_help_agree),
		cmocka_unit_test(test_left_is_year_on_home),
		cmocka_unit_test(test_keys_map_to_actions),
		cmocka_unit_test(test_yes_no_keys),
		cmocka_unit_test(test_key_lines_name_the_table),
		cmocka_unit_test(test_every_hint_is_taken),
		cmocka_unit_test(test_every_help_line_is_taken),
		cmocka_unit_test(test_yes_no_field_keys),
		cmocka_unit_test(test_next_step_on_screen),
		cmocka_unit_test(test_long_message_cut_on_a_character),
	};
	setenv("XHHT_TODAY", "2024-11-20", 1);
	curses_start("30", "100");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
