/* test_actions.c: the full-screen action table: every action a screen's status bar shows has a
 * key, the status bar and the help screen take an action's words from one entry (the table's,
 * or the screen's override of both), keys map to their actions, and the yes/no keys. */
#include "testlib.h"

#include "clerk.h"
#include "i18n.h"
#include "widgets.h"

static const struct screen *const screens[] = {
	&screen_home, &screen_report, &screen_check, &screen_longtext, &screen_table,
	&screen_attachments, &screen_settings, &screen_preview, &screen_help,
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
	/* Every key of the table means its own action: none is bound twice. */
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		const struct action_info *info = action_info(NULL, (enum action)a);
		for (const struct key_name *k = info ? info->keys : NULL; k && k->name; k++)
			assert_int_equal(action_of(k->code >= KEY_MIN ? KEY_CODE_YES : OK, (wint_t)k->code), a);
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
