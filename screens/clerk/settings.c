/* settings.c: language, typing method and its options, passphrase, backups. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ime.h"
#include "clerk.h"
#include "settings.h"
#include "text.h"
#include "unit.h"

enum item { S_LANG, S_PLACE, S_METHOD, S_STYLE, S_RESTORE, S_PASSPHRASE, S_BACKUP, S_RESTORE_BACKUP, S_COUNT };

struct settings {
	int sel;
};

static const enum action hints[] = {ACT_ENTER, ACT_BACK, ACT_HELP, ACT_QUIT, ACT_NONE};
static const enum action keys_taken[] = {ACT_NEXT, ACT_PREV, ACT_ENTER, ACT_BACK, ACT_NONE};

static void
label(struct tui *t, enum item i, char *out, size_t n)
{
	switch (i) {
	case S_LANG:
		snprintf(out, n, "%s: %s", L("Ngôn ngữ", "Language"), ui_lang == LANG_EN ? "English" : "Tiếng Việt");
		break;
	case S_PLACE: {
		char *place = tui_setting_get(t->db, "unit.place");
		snprintf(out, n, "%s: %s", L("Địa danh ghi ở dòng ngày tháng của báo cáo", "Place name on the report's date line"),
			 place ? place : L("(chưa đặt)", "(not set)"));
		free(place);
		break;
	}
	case S_METHOD:
		snprintf(out, n, "%s: %s", L("Kiểu gõ tiếng Việt", "Vietnamese typing"), tui_ime_name(t));
		break;
	case S_STYLE:
		snprintf(out, n, "%s: %s", L("Cách đặt dấu", "Tone placement"),
			 t->ime->style == IME_TONE_OLD ? L("kiểu cũ (hòa, khỏe, thủy)", "old (hòa, khỏe, thủy)")
						       : L("kiểu mới (hoà, khoẻ, thuỷ)", "new (hoà, khoẻ, thuỷ)"));
		break;
	case S_RESTORE:
		snprintf(out, n, "%s: %s",
			 L("Trả lại phím đã gõ cho từ không phải tiếng Việt", "Give back the keys typed for non-Vietnamese words"),
			 t->ime->restore ? L("bật", "on") : L("tắt", "off"));
		break;
	case S_PASSPHRASE:
		snprintf(out, n, "%s", L("Đổi cụm mật khẩu của khóa đơn vị", "Change the unit key's passphrase"));
		break;
	case S_BACKUP:
		snprintf(out, n, "%s", L("Sao lưu dữ liệu (vào USB hoặc một thư mục)", "Back up the data (to USB or a folder)"));
		break;
	case S_RESTORE_BACKUP:
		snprintf(out, n, "%s", L("Khôi phục từ một bản sao lưu", "Restore from a backup"));
		break;
	default:
		out[0] = '\0';
	}
}

void
settings_open(struct tui *t)
{
	char help[300];
	snprintf(help, sizeof help,
		 L("%s đổi một cài đặt. Kiểu gõ cũng đổi được ở mọi nơi bằng %s.",
		   "%s changes a setting. The typing method also changes anywhere with %s."),
		 action_first_key(ACT_ENTER), action_first_key(ACT_IME));
	tui_set_help(t, L("Cài đặt", "Settings"), help);
	tui_push(t, &screen_settings, xcalloc(1, sizeof(struct settings)));
}

void
settings_open_at(struct tui *t, const char *key)
{
	settings_open(t);
	if (tui_top(t) == &screen_settings && strcmp(key, "unit.place") == 0)
		((struct settings *)tui_state(t))->sel = S_PLACE;
}

static void
settings_draw(struct tui *t)
{
	struct settings *s = tui_state(t);
	char line[300];
	tui_chrome(t, L("Cài đặt", "Settings"));
	curs_set(0);
	for (int i = 0; i < S_COUNT; i++) {
		label(t, (enum item)i, line, sizeof line);
		tui_list_line(t, 3 + i, 1, t->cols - 2, line, i == s->sel);
	}
}

static void
apply_ime(struct tui *t, enum ime_tone_style style, bool restore)
{
	ime_init(t->ime, t->ime->method, style, restore);
	tui_setting_set(t->db, "typing.style", style == IME_TONE_NEW ? "new" : "old");
	tui_setting_set(t->db, "typing.restore", restore ? "on" : "off");
}

/* Changes setting i, asking what it needs. */
static void
change(struct tui *t, enum item i)
{
	struct err e;
	switch (i) {
	case S_LANG:
		ui_lang = ui_lang == LANG_EN ? LANG_VI : LANG_EN;
		tui_setting_set(t->db, "ui.lang", ui_lang == LANG_EN ? "en" : "vi");
		break;
	case S_PLACE: {
		char *old = tui_setting_get(t->db, "unit.place");
		char *place = tui_prompt(t, L("Địa danh (ví dụ: Hà Nội):", "Place name (e.g. Hà Nội):"), old ? old : "", false);
		if (place != NULL) {
			const char *why;
			char *clean = text_clean(place, TEXT_LINE, &why);
			if (clean == NULL)
				tui_message(t, true, L("Địa danh %s.", "The place name %s."), why);
			else if (utf8_chars(clean) > 100)
				tui_message(t, true, "%s", L("Địa danh dài quá (tối đa 100 ký tự).",
							     "The place name is too long (at most 100 characters)."));
			else {
				/* Typed text, not a key press: a save that fails is said. */
				struct err why_not = {0};
				if (setting_set(t->db, "unit.place", clean, &why_not) != ST_OK)
					tui_error(t, &why_not);
			}
			free(clean);
			free(place);
		}
		free(old);
		break;
	}
	case S_METHOD:
		tui_ime_cycle(t);
		break;
	case S_STYLE:
		apply_ime(t, t->ime->style == IME_TONE_OLD ? IME_TONE_NEW : IME_TONE_OLD, t->ime->restore);
		break;
	case S_RESTORE:
		apply_ime(t, t->ime->style, !t->ime->restore);
		break;
	case S_PASSPHRASE: {
		struct secret *old = tui_passphrase(t, L("Cụm mật khẩu hiện tại:", "Current passphrase:"), false);
		struct secret *new_pass = old ? tui_passphrase(t, L("Cụm mật khẩu mới (ít nhất 8 ký tự):",
								     "New passphrase (at least 8 characters):"),
							       true)
					      : NULL;
		if (old && new_pass) {
			if (unit_change_passphrase(t->db, t->dir, old, new_pass, &e) != ST_OK)
				tui_error(t, &e);
			else
				tui_message(t, false, "%s", L("Đã đổi cụm mật khẩu.", "The passphrase was changed."));
		}
		secret_free(old);
		secret_free(new_pass);
		break;
	}
	case S_BACKUP: {
		char *dest = tui_choose_path(t, L("Sao lưu vào đâu?", "Back up where?"), true, NULL), *made = NULL;
		if (dest == NULL)
			break;
		if (unit_backup(t->db, t->dir, dest, &made, &e) != ST_OK)
			tui_error(t, &e);
		else
			tui_message(t, false, L("Đã sao lưu vào %s", "Backed up to %s"), made);
		free(made);
		free(dest);
		break;
	}
	case S_RESTORE_BACKUP: {
		char *from = tui_choose_path(t, L("Chọn thư mục sao lưu (xhht-sao-luu-...)", "Choose the backup folder (xhht-sao-luu-...)"),
					     true, NULL);
		if (from == NULL)
			break;
		if (tui_confirm(t, L("Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu này?",
				     "Replace all the current data with this backup?"))) {
			if (unit_restore(t->db, t->dir, from, &e) != ST_OK)
				tui_error(t, &e);
			else
				tui_message(t, false, "%s", L("Đã khôi phục dữ liệu.", "The data was restored."));
		}
		free(from);
		break;
	}
	default:
		break;
	}
}

static bool
settings_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct settings *s = tui_state(t);
	if (a == ACT_NEXT || a == ACT_PREV)
		s->sel = (s->sel + (a == ACT_NEXT ? 1 : S_COUNT - 1)) % S_COUNT;
	else if (a == ACT_ENTER || (is_text && ch == ' '))
		change(t, (enum item)s->sel);
	else
		return false;
	return true;
}

const struct screen screen_settings = {
	.id = "settings",
	.draw = settings_draw,
	.key = settings_key,
	.hints = hints,
	.keys = keys_taken,
};
