/* tui.c: the screen stack and the main loop (what a key does on the screen of the moment),
 * settings storage and the typing method. The terminal is terminal.c's, drawing draw.c's,
 * the action table actions.c's, dialogs dialogs.c's. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ime.h"
#include "settings.h"

#define MIN_ROWS 24
#define MIN_COLS 80

/* ---- typing method ------------------------------------------------------------------- */

char *
tui_setting_get(struct store *db, const char *key)
{
	return setting_get(db, key);
}

void
tui_setting_set(struct store *db, const char *key, const char *value)
{
	struct err e;
	/* A setting that fails to save only costs the clerk a key press. */
	setting_set(db, key, value, &e);
}

/* The settings every program with screens keeps: the interface language (unless the command
 * line chose one), and the typing method with its options. */
static void
settings_load(struct tui *t)
{
	char *lang = ui_lang_fixed ? NULL : tui_setting_get(t->db, "ui.lang");
	if (lang != NULL && lang_parse(lang) >= 0)
		ui_lang = (enum lang)lang_parse(lang);
	free(lang);
	char *method = tui_setting_get(t->db, "typing.method"), *style = tui_setting_get(t->db, "typing.style");
	char *restore = tui_setting_get(t->db, "typing.restore");
	enum ime_method m = IME_TELEX;
	if (method && strcmp(method, "vni") == 0)
		m = IME_VNI;
	else if (method && strcmp(method, "off") == 0)
		m = IME_OFF;
	t->ime = xcalloc(1, sizeof *t->ime);
	ime_init(t->ime, m, style && strcmp(style, "new") == 0 ? IME_TONE_NEW : IME_TONE_OLD,
		 !(restore && strcmp(restore, "off") == 0));
	free(method);
	free(style);
	free(restore);
}

const char *
tui_ime_name(struct tui *t)
{
	if (t->ime == NULL || t->ime->method == IME_OFF)
		return L("tắt", "off");
	return t->ime->method == IME_TELEX ? "Telex" : "VNI";
}

void
tui_ime_cycle(struct tui *t)
{
	static const char *const names[] = {"off", "telex", "vni"};
	enum ime_method next = t->ime->method == IME_TELEX ? IME_VNI
			       : t->ime->method == IME_VNI ? IME_OFF
							   : IME_TELEX;
	ime_init(t->ime, next, t->ime->style, t->ime->restore);
	tui_setting_set(t->db, "typing.method", names[next]);
}

void
tui_ime_switch(struct tui *t)
{
	if (t->ime == NULL)
		return;
	tui_ime_cycle(t);
	tui_message(t, false, L("Kiểu gõ: %s", "Typing: %s"), tui_ime_name(t));
}

/* ---- screens -------------------------------------------------------------------------- */

void
tui_set_help(struct tui *t, const char *title, const char *body)
{
	free(t->help_title);
	free(t->help_body);
	t->help_title = title ? xstrdup(title) : NULL;
	t->help_body = body ? xstrdup(body) : NULL;
}

/* Closes the screen on top: its leave frees its state. */
static void
close_top(struct tui *t)
{
	const struct screen *s = t->stack[t->depth - 1];
	if (s->leave)
		s->leave(t);
	else
		free(t->state[t->depth - 1]);
	t->depth--;
}

bool
tui_push(struct tui *t, const struct screen *s, void *state)
{
	t->stack[t->depth] = s;
	t->state[t->depth] = state;
	t->depth++;
	if (t->depth <= TUI_DEPTH)
		return true;
	close_top(t); /* a loop of screens opening each other: the one too many is not opened */
	return false;
}

void
tui_pop(struct tui *t)
{
	if (t->depth == 0)
		return;
	close_top(t);
	if (t->depth == 0)
		t->quit = true;
	else if (t->stack[t->depth - 1]->resume && !t->quit)
		t->stack[t->depth - 1]->resume(t);
}

void *
tui_state(struct tui *t)
{
	return t->state[t->depth - 1];
}

const struct screen *
tui_top(struct tui *t)
{
	return t->depth > 0 ? t->stack[t->depth - 1] : NULL;
}

static bool
too_small(struct tui *t)
{
	if (t->rows >= MIN_ROWS && t->cols >= MIN_COLS)
		return false;
	char line[160], quit[200];
	erase();
	snprintf(line, sizeof line, L("Cửa sổ quá nhỏ: cần ít nhất %d×%d, đang là %d×%d.",
				      "Window too small: needs at least %d×%d, it is %d×%d."),
		 MIN_COLS, MIN_ROWS, t->cols, t->rows);
	tui_text(t, t->rows / 2 > 0 ? t->rows / 2 - 1 : 0, 0, t->cols, line);
	snprintf(quit, sizeof quit, L("Hãy phóng to cửa sổ. %s để thoát.", "Enlarge the window. %s quits."),
		 action_keys_or(ACT_QUIT));
	tui_text(t, t->rows / 2, 0, t->cols, quit);
	refresh();
	return true;
}

bool
tui_redraw(struct tui *t)
{
	getmaxyx(stdscr, t->rows, t->cols);
	if (too_small(t))
		return false;
	erase();
	if (t->depth > 0)
		t->stack[t->depth - 1]->draw(t);
	tui_draw_message(t);
	return true;
}

static bool
big_enough(const struct tui *t)
{
	return t->rows >= MIN_ROWS && t->cols >= MIN_COLS;
}

bool
tui_takes(const struct screen *s, enum action a)
{
	if (a == ACT_QUIT || a == ACT_HELP || a == ACT_IME || s->keys == NULL)
		return true;
	for (const enum action *k = s->keys; *k != ACT_NONE; k++)
		if (*k == a)
			return true;
	return false;
}

/* Quit, help and the typing method are everybody's; Esc not taken by the screen closes it. */
void
tui_dispatch(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	const struct screen *s = t->stack[t->depth - 1];
	switch (a) {
	case ACT_IDLE:
		if (s->idle)
			s->idle(t);
		return;
	case ACT_RESIZE:
		if (s->resize)
			s->resize(t);
		return;
	case ACT_CLICK:
		if (s->click && big_enough(t))
			s->click(t, t->click_y, t->click_x);
		return;
	case ACT_PASTE:
		/* Text for the field being edited; elsewhere nothing at all. */
		if (big_enough(t)) {
			t->message[0] = '\0';
			s->key(t, ACT_PASTE, 0, false);
		}
		tui_paste_wipe();
		return;
	case ACT_QUIT:
		t->quit = true;
		return;
	default:
		break;
	}
	if (!big_enough(t))
		return;
	if (a == ACT_HELP && s != &screen_help) {
		help_open(t, s);
		return;
	}
	if (a == ACT_IME) {
		tui_ime_switch(t);
		return;
	}
	t->message[0] = '\0';
	if (!s->key(t, a, ch, is_text) && a == ACT_BACK && t->depth > 1)
		tui_pop(t);
}

int
tui_main(struct tui *t, void (*open)(struct tui *t))
{
	if (!tui_terminal_start(t))
		return ST_ENV;
	settings_load(t);
	/* The terminal's notice goes first, before what the program says. */
	if (!t->utf8)
		tui_message(t, false, "%s",
			    L("Màn hình này không hiện được dấu tiếng Việt: đang hiển thị không dấu; dữ "
			      "liệu vẫn lưu đủ dấu.",
			      "This terminal cannot show Vietnamese letters: shown without diacritics; "
			      "the data keeps them."));
	open(t);
	while (!t->quit && !tui_stopped() && t->depth > 0) {
		wint_t ch;
		bool is_text;
		tui_redraw(t);
		refresh();
		enum action a = tui_next(t, &ch, &is_text);
		if (a == ACT_GONE)
			break;
		tui_dispatch(t, a, ch, is_text);
	}
	/* Leaving from anywhere keeps everything: each screen saves in its leave. */
	t->quit = true;
	while (t->depth > 0)
		tui_pop(t);
	tui_terminal_stop();
	tui_set_help(t, NULL, NULL);
	free(t->ime);
	return 0;
}
