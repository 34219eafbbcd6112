/* home.c: the first screen: the unit, each year's report and its state, days to the deadline,
 * and what to do next. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clerk.h"
#include "i18n.h"
#include "report.h"
#include "store.h"
#include "unit.h"
#include "validate.h"

struct year_row {
	int year;
	struct year_status ys; /* as xhht status tells it (unit_year_status) */
	char state[256];
	char next[256];
};

struct home {
	char unit[300];
	bool enrolled;
	struct year_row rows[32];
	int n, sel;
	int item; /* the menu line chosen */
	int menu_y; /* screen row of the first menu line, for clicks */
};

enum menu { M_EDIT, M_CHECK, M_PREVIEW, M_ATTACH, M_PACK, M_RECEIPT, M_ENROLL, M_SETTINGS, M_QUIT, M_COUNT };

static const enum action hints[] = {ACT_ENTER, ACT_LEFT, ACT_CHECK, ACT_PACK, ACT_HELP, ACT_QUIT, ACT_NONE};
/* No Esc: the first screen is never closed. */
static const enum action keys_taken[] = {ACT_ENTER, ACT_NEXT, ACT_PREV, ACT_LEFT, ACT_RIGHT,
					  ACT_CHECK, ACT_PACK, ACT_PREVIEW, ACT_NONE};

/* Left and Right choose the year. */
static const struct action_info overrides[] = {
	{ACT_LEFT, "Đổi năm", "Year", "Đổi năm: năm trước", "Year: the one before", NULL},
	{ACT_RIGHT, "Năm sau", "Next year", "Đổi năm: năm sau", "Year: the next one", NULL},
	{ACT_NONE, NULL, NULL, NULL, NULL, NULL},
};

/* A line's key, when it has one, is named after it: "Kiểm tra báo cáo (F2)". */
static const struct {
	const char *vi, *en;
	enum action key;
} menu_labels[M_COUNT] = {
	[M_EDIT] = {"Soạn báo cáo", "Write the report"},
	[M_CHECK] = {"Kiểm tra báo cáo", "Check the report", ACT_CHECK},
	[M_PREVIEW] = {"Xem bản in", "Print preview", ACT_PREVIEW},
	[M_ATTACH] = {"Tệp đính kèm (bản quét có dấu)", "Attachments (the stamped scan)"},
	[M_PACK] = {"Đóng gói và gửi Bộ Y tế", "Pack and send to the Ministry", ACT_PACK},
	[M_RECEIPT] = {"Mở biên nhận của Bộ Y tế", "Open a receipt from the Ministry"},
	[M_ENROLL] = {"Mở tệp đăng ký của Bộ Y tế", "Open the Ministry's enrollment file"},
	[M_SETTINGS] = {"Cài đặt (ngôn ngữ, kiểu gõ, mật khẩu, sao lưu)",
			"Settings (language, typing, passphrase, backup)"},
	[M_QUIT] = {"Thoát", "Quit"},
};

static void
describe(struct tui *t, struct year_row *row, const char *today)
{
	struct err e;
	struct year_status *ys = &row->ys;
	char when[32];

	if (unit_year_status(t->db, row->year, today, true, ys, &e) != ST_OK) {
		snprintf(row->state, sizeof row->state, "%s", e.msg);
		return;
	}
	snprintf(row->state, sizeof row->state,
		 L("đã điền %zu/%zu mục bắt buộc; %zu lỗi, %zu cảnh báo",
		   "%zu/%zu required fields filled; %zu errors, %zu warnings"),
		 ys->filled, ys->required, ys->errors, ys->warnings);
	if (ys->filled < ys->required)
		snprintf(row->next, sizeof row->next, L("Việc tiếp theo: điền các mục còn thiếu (%s).",
							"Next: fill in the missing fields (%s)."),
			 action_first_key(ACT_ENTER));
	else if (ys->errors)
		snprintf(row->next, sizeof row->next,
			 L("Việc tiếp theo: sửa các lỗi (%s để xem).", "Next: fix the errors (%s)."),
			 action_first_key(ACT_CHECK));
	else
		snprintf(row->next, sizeof row->next, L("Việc tiếp theo: đóng gói và gửi Bộ Y tế (%s).",
							"Next: pack and send to the Ministry (%s)."),
			 action_first_key(ACT_PACK));
	if (!ys->packed)
		return;
	size_t n = strlen(row->state);
	time_vietnam(ys->packed_at, when);
	snprintf(row->state + n, sizeof row->state - n, L("; đã đóng gói lần %d (%s)", "; packed revision %d (%s)"),
		 ys->revision, when);
	if (!ys->answered)
		snprintf(row->next, sizeof row->next, "%s",
			 L("Đã đóng gói: gửi tệp cho Bộ Y tế, rồi mở biên nhận khi nhận được.",
			   "Packed: send the file to the Ministry, then open the receipt."));
	else if (receipt_outcome_accepted(ys->outcome)) {
		time_vietnam(ys->answered_at, when);
		snprintf(row->next, sizeof row->next,
			 L("Bộ Y tế đã nhận báo cáo lúc %s.", "The Ministry received it at %s."), when);
	} else
		snprintf(row->next, sizeof row->next,
			 L("Bộ Y tế KHÔNG nhận lần gửi này (%s): hãy liên hệ Vụ Tổ chức cán bộ.",
			   "The Ministry did NOT accept it (%s): contact the Ministry."),
			 receipt_outcome_message(ys->outcome));
}

static void
load(struct tui *t, struct home *h)
{
	char today[16], code[64], name[512];
	int years[ARRAY_LEN(h->rows)];

	store_today(today);
	h->n = 0;
	h->enrolled = unit_identity(t->db, code, name);
	if (h->enrolled)
		snprintf(h->unit, sizeof h->unit, L("Đơn vị: %s — %s", "Unit: %s — %s"), code, name);
	else
		snprintf(h->unit, sizeof h->unit, "%s",
			 L("Đơn vị: chưa đăng ký với Bộ Y tế", "Unit: not enrolled with the Ministry"));
	/* This year first (the one being written), then the stored ones. */
	h->rows[h->n++].year = t->year ? t->year : atoi(today);
	size_t n = unit_report_years(t->db, years, ARRAY_LEN(years));
	for (size_t i = 0; i < n && h->n < (int)ARRAY_LEN(h->rows); i++)
		if (years[i] != h->rows[0].year)
			h->rows[h->n++].year = years[i];
	for (int i = 0; i < h->n; i++)
		describe(t, &h->rows[i], today);
}

void
home_open(struct tui *t)
{
	struct home *h = xcalloc(1, sizeof *h);
	load(t, h);
	if (!h->enrolled)
		h->item = M_ENROLL; /* first start: the enrollment file is the first step */
	if (tui_push(t, &screen_home, h) && (t->start_field != NULL || t->year != 0))
		report_open(t, h->rows[0].year);
}

static void
home_draw(struct tui *t)
{
	struct home *h = tui_state(t);
	char line[512];
	int y = 2;

	tui_chrome(t, L("xhht — Báo cáo xã hội học tập của đơn vị", "xhht — the unit's learning-society report"));
	tui_text(t, y++, 2, t->cols - 4, h->unit);
	if (!h->enrolled) {
		/* Wrapped: at 80 columns the sentence is longer than the line. */
		y += tui_wrap(t, y, 2, t->cols - 4, 2,
			      L("Cần tệp đăng ký của Vụ Tổ chức cán bộ để gửi báo cáo; trong lúc chờ, vẫn soạn được báo cáo.",
				"An enrollment file from the Ministry is needed to send the report; meanwhile you can write it."),
			      true);
		snprintf(line, sizeof line,
			 L("Khi nhận được tệp (qua thư điện tử hoặc USB), chọn mục %d để mở nó.",
			   "When it arrives (by e-mail or on a USB stick), choose item %d to open it."),
			 M_ENROLL + 1);
		tui_text(t, y++, 2, t->cols - 4, line);
	}
	/* The deadline is the template's, as xhht status says it. */
	const struct year_status *ys = &h->rows[0].ys;
	y++;
	if (ys->days_left >= 0)
		snprintf(line, sizeof line, L("Hạn nộp báo cáo năm %d: %02d/%02d/%d — còn %ld ngày.",
					      "The %d report is due %02d/%02d/%d — %ld days left."),
			 ys->year, ys->due_day, ys->due_month, ys->year, ys->days_left);
	else
		snprintf(line, sizeof line, L("Hạn nộp báo cáo năm %d (%02d/%02d/%d) đã qua %ld ngày.",
					      "The %d report was due %02d/%02d/%d, %ld days ago."),
			 ys->year, ys->due_day, ys->due_month, ys->year, -ys->days_left);
	tui_text(t, y++, 2, t->cols - 4, line);
	y++;
	snprintf(line, sizeof line, L("Báo cáo năm %d: %s", "%d report: %s"), h->rows[h->sel].year,
		 h->rows[h->sel].state);
	attron(A_BOLD);
	y += tui_wrap(t, y, 2, t->cols - 4, 2, line, true);
	attroff(A_BOLD);
	if (h->rows[h->sel].next[0])
		y += tui_wrap(t, y, 4, t->cols - 6, 2, h->rows[h->sel].next, true);
	if (h->n > 1) {
		char years[200] = "";
		for (int i = 0; i < h->n; i++) {
			size_t l = strlen(years);
			snprintf(years + l, sizeof years - l, i == h->sel ? " [%d]" : " %d", h->rows[i].year);
		}
		snprintf(line, sizeof line, L("Các năm (%s %s để chọn):%s", "Years (%s %s to choose):%s"),
			 action_first_key(ACT_LEFT), action_first_key(ACT_RIGHT), years);
		tui_text(t, y++, 4, t->cols - 6, line);
	}
	y++;
	h->menu_y = y;
	for (int m = 0; m < M_COUNT && y < t->rows - 3; m++) {
		int n = snprintf(line, sizeof line, "%d. %s", m + 1, L(menu_labels[m].vi, menu_labels[m].en));
		if (menu_labels[m].key != ACT_NONE && n > 0 && (size_t)n < sizeof line)
			snprintf(line + n, sizeof line - (size_t)n, " (%s)", action_first_key(menu_labels[m].key));
		tui_list_line(t, y++, 2, t->cols - 4, line, m == h->item);
	}
	curs_set(0);
}

static void
run(struct tui *t, struct home *h, enum menu m)
{
	int year = h->rows[h->sel].year;
	switch (m) {
	case M_EDIT:
		report_open(t, year);
		return;
	case M_CHECK:
		report_open(t, year);
		if (tui_top(t) == &screen_report)
			screen_report.key(t, ACT_CHECK, 0, false);
		return;
	case M_PREVIEW:
		preview_open(t, year);
		return;
	case M_ATTACH:
		attachments_open(t, year);
		return;
	case M_PACK:
		task_pack(t, year);
		break;
	case M_RECEIPT:
		task_receipt(t);
		break;
	case M_ENROLL:
		task_enroll(t);
		load(t, h);
		if (h->enrolled)
			h->item = M_EDIT; /* enrolled: writing the report is next, as the screen says */
		return;
	case M_SETTINGS:
		settings_open(t);
		return;
	default:
		t->quit = true;
		return;
	}
	load(t, h);
}

static void
home_click(struct tui *t, int y, int x)
{
	struct home *h = tui_state(t);
	(void)x;
	if (y >= h->menu_y && y < h->menu_y + M_COUNT) {
		h->item = y - h->menu_y;
		run(t, h, (enum menu)h->item);
	}
}

static bool
home_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct home *h = tui_state(t);
	if (is_text && ch >= '1' && ch < '1' + M_COUNT) {
		h->item = (int)(ch - '1');
		run(t, h, (enum menu)h->item);
		return true;
	}
	if (a == ACT_NEXT || a == ACT_PREV)
		h->item = (h->item + (a == ACT_NEXT ? 1 : M_COUNT - 1)) % M_COUNT;
	else if (a == ACT_RIGHT || a == ACT_LEFT)
		h->sel = (h->sel + (a == ACT_RIGHT ? 1 : h->n - 1)) % h->n;
	else if (a == ACT_ENTER || a == ACT_CHECK || a == ACT_PACK || a == ACT_PREVIEW)
		run(t, h, a == ACT_ENTER ? (enum menu)h->item : a == ACT_CHECK ? M_CHECK
			  : a == ACT_PACK ? M_PACK : M_PREVIEW);
	return true;
}

/* Back from the screens above: what the clerk did may change the years' states. */
static void
home_resume(struct tui *t)
{
	load(t, tui_state(t));
}

const struct screen screen_home = {
	.id = "home",
	.draw = home_draw,
	.key = home_key,
	.click = home_click,
	.resume = home_resume,
	.hints = hints,
	.overrides = overrides,
	.keys = keys_taken,
};

void
clerk_next_step(struct tui *t, struct err *e)
{
	(void)t;
	int item = e->next == ERR_NEXT_ENROLL ? M_ENROLL : e->next == ERR_NEXT_OPEN_RECEIPT ? M_RECEIPT : -1;
	if (item < 0)
		return; /* the others are the command line's (a folder, the central's steps) */
	err_append(e, L(" (màn hình chính, mục %d: %s)", " (first screen, item %d: %s)"), item + 1,
		   L(menu_labels[item].vi, menu_labels[item].en));
	e->next = ERR_NEXT_NONE;
}

int
tui_run(struct store *db, const char *dir, int year, const char *field, bool new_folder)
{
	struct tui t = {.db = db, .dir = (char *)dir, .year = year, .start_field = field,
			.next_step = clerk_next_step};
	/* Said on the first screen unless the terminal has something to say (it goes first);
	 * the stderr line says it too, seen after leaving. */
	if (new_folder)
		tui_message(&t, false, L("Đã tạo thư mục dữ liệu mới: %s", "Started a new data folder: %s"), dir);
	return tui_main(&t, home_open);
}
