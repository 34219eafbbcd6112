/* home.c: the first screen: the unit, each year's report and its state, days to the deadline,
 * and what to do next. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clerk.h"
#include "phase.h"
#include "i18n.h"
#include "migrate.h"
#include "report.h"
#include "store.h"
#include "unit.h"
#include "validate.h"
#include "widgets.h"

struct year_row {
	int year;
	int phase_first;       /* 0: the year's report; else the row of the phase review filed in it */
	int closes;            /* a yearly row: the first year of a phase closing in it, or 0 */
	struct year_status ys; /* as xhht status tells it (unit_year_status) */
	int newer;             /* a newer version of its form is installed (move_newer_version) */
	bool kept;             /* a move kept values of its draft (dropped_count) */
	char state[256];
	char next[256];
};

struct home {
	char unit[300];
	bool enrolled;
	/* Every year of the movement, and any other year with a report, oldest first; after a
	 * phase's closing year, its review. */
	struct year_row rows[2 * (REPORT_MAX_YEAR - REPORT_MIN_YEAR + 1)];
	int n, sel;
	int item; /* the menu line chosen */
	int menu_y; /* screen row of the first menu line, for clicks */
};

enum menu { M_EDIT, M_CHECK, M_PREVIEW, M_ATTACH, M_PACK, M_RECEIPT, M_ENROLL, M_SETTINGS, M_QUIT, M_COUNT };

static const enum action hints[] = {ACT_ENTER, ACT_LEFT, ACT_CHECK, ACT_PACK, ACT_HELP, ACT_QUIT, ACT_NONE};
/* With a newer form, or values a move kept: F8 says where they are. */
static const enum action hints_form[] = {ACT_ENTER, ACT_VIEWS, ACT_LEFT, ACT_CHECK, ACT_PACK,
					 ACT_QUIT, ACT_NONE};
/* No Esc: the first screen is never closed. */
static const enum action keys_taken[] = {ACT_ENTER, ACT_NEXT, ACT_PREV, ACT_LEFT, ACT_RIGHT,
					  ACT_CHECK, ACT_PACK, ACT_PREVIEW, ACT_FIND, ACT_VIEWS,
					  ACT_PHASE, ACT_NONE};

/* Left and Right choose the year. */
static const struct action_info overrides[] = {
	{ACT_LEFT, "Đổi năm", "Year", "Đổi năm: năm trước", "Year: the one before", NULL},
	{ACT_RIGHT, "Năm sau", "Next year", "Đổi năm: năm sau", "Year: the next one", NULL},
	{ACT_VIEWS, "Mẫu mới", "New form",
	 "Mẫu báo cáo mới: chuyển bản nháp sang mẫu mới; giá trị đã bỏ khi chuyển",
	 "A new form: move the draft to it; values dropped by a move", NULL},
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

	row->next[0] = '\0';
	enum status st =
	    unit_year_status(t->db, row->year, row->phase_first, today, !row->phase_first, ys, &e);
	if (st == ST_REFUSED && row->phase_first) {
		snprintf(row->state, sizeof row->state, "%s", L("chưa bắt đầu", "not started"));
		snprintf(row->next, sizeof row->next,
			 L("Việc tiếp theo: bắt đầu báo cáo giai đoạn (mục %d), điền sẵn từ các báo "
			   "cáo năm.",
			   "Next: start the phase review (item %d), pre-filled from the yearly "
			   "reports."),
			 M_EDIT + 1);
		return;
	}
	if (st != ST_OK) {
		snprintf(row->state, sizeof row->state, "%s", e.msg);
		return;
	}
	if (!ys->stored) {
		snprintf(row->state, sizeof row->state, "%s",
			 L("chưa có báo cáo", "no report yet"));
		snprintf(row->next, sizeof row->next,
			 L("Việc tiếp theo: bắt đầu báo cáo năm %d (mục %d).",
			   "Next: start the %d report (item %d)."),
			 row->year, M_EDIT + 1);
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
	/* The Ministry's word, until the next pack answers it. */
	char word[128];
	review_word(ys, word, sizeof word);
	if (ys->reviewed && ys->review == RV_NEEDS_FIXING)
		snprintf(row->next, sizeof row->next,
			 L("%s: xem các mục đánh dấu %s khi soạn báo cáo (mục %d), sửa rồi đóng "
			   "gói gửi lại (%s).",
			   "%s: see the fields marked %s in the report (item %d), fix them, then "
			   "pack and send it again (%s)."),
			 word, form_mark(t), M_EDIT + 1, action_first_key(ACT_PACK));
	else if (ys->reviewed)
		snprintf(row->next, sizeof row->next, "%s%s", word,
			 ys->review_comments ? L(" (có ý kiến: xem khi soạn báo cáo).",
						 " (with comments: see the report).")
					     : ".");
}

/* describe, then whether a newer form waits for the draft (or a move kept values): that is the
 * next step, before anything else; what was packed and received stays on the state line. */
static void
describe_form(struct tui *t, struct year_row *row, const char *today)
{
	describe(t, row, today);
	row->newer = 0;
	row->kept = false;
	if (!row->ys.stored)
		return;
	row->newer = move_newer_version(t->db, row->year, row->phase_first, NULL);
	row->kept = dropped_count(t->db, row->year, row->phase_first) > 0;
	if (row->newer)
		snprintf(row->next, sizeof row->next,
			 L("Có mẫu báo cáo mới (phiên bản %d): chuyển bản nháp sang mẫu mới (%s).",
			   "A new form is here (version %d): move the draft to it (%s)."),
			 row->newer, action_first_key(ACT_VIEWS));
}

/* Adds the period's row once, keeping them sorted: by year, a phase review after its year. */
static void
add_row(struct home *h, int year, int phase_first)
{
	int i = 0;
	while (i < h->n && (h->rows[i].year < year ||
			    (h->rows[i].year == year && h->rows[i].phase_first < phase_first)))
		i++;
	if ((i < h->n && h->rows[i].year == year && h->rows[i].phase_first == phase_first) ||
	    h->n >= (int)ARRAY_LEN(h->rows))
		return;
	memmove(&h->rows[i + 1], &h->rows[i], (size_t)(h->n - i) * sizeof h->rows[0]);
	memset(&h->rows[i], 0, sizeof h->rows[0]);
	h->rows[i].year = year;
	h->rows[i].phase_first = phase_first;
	h->n++;
}

static void
add_year(struct home *h, int year)
{
	add_row(h, year, 0);
}

/* After each year in which a phase closes (a review template held, or a review stored), the
 * review's row; the year's row keeps which phase closes in it. Asked here, not at each draw. */
static void
add_phases(struct tui *t, struct home *h)
{
	struct phase_span spans[PHASE_SPANS_MAX];
	size_t nspans = 0;
	struct err e = {0};
	if (phase_spans(t->db, spans, &nspans, &e) != ST_OK)
		nspans = 0; /* the stored reviews still get their rows */
	for (int i = 0; i < h->n; i++) {
		if (h->rows[i].phase_first)
			continue;
		int first = unit_phase_started(t->db, h->rows[i].year);
		for (size_t k = 0; !first && k < nspans; k++)
			if (spans[k].last == h->rows[i].year)
				first = spans[k].first;
		h->rows[i].closes = first;
		if (first)
			add_row(h, h->rows[i].year, first);
	}
}

/* The years offered: the movement's, with or without a report (MOVEMENT_* in report.h), the
 * stored ones outside it, and this year; the selected year stays selected. */
static void
load(struct tui *t, struct home *h)
{
	char today[16], code[64], name[512];
	int years[ARRAY_LEN(h->rows)];

	store_today(today);
	int selected = h->n ? h->rows[h->sel].year : t->year ? t->year : atoi(today);
	int selected_phase = h->n ? h->rows[h->sel].phase_first : t->phase_first;
	h->n = 0;
	h->enrolled = unit_identity(t->db, code, name);
	if (h->enrolled)
		snprintf(h->unit, sizeof h->unit, L("Đơn vị: %s — %s", "Unit: %s — %s"), code, name);
	else
		snprintf(h->unit, sizeof h->unit, "%s",
			 L("Đơn vị: chưa đăng ký với Bộ Y tế", "Unit: not enrolled with the Ministry"));
	for (int y = MOVEMENT_FIRST_YEAR; y <= MOVEMENT_LAST_YEAR; y++)
		add_year(h, y);
	size_t n = unit_report_years(t->db, years, ARRAY_LEN(years));
	for (size_t i = 0; i < n; i++)
		add_year(h, years[i]);
	add_year(h, selected);
	add_phases(t, h);
	for (int i = 0; i < h->n; i++) {
		describe_form(t, &h->rows[i], today);
		if (h->rows[i].year == selected && h->rows[i].phase_first == selected_phase)
			h->sel = i;
	}
}

void
home_open(struct tui *t)
{
	struct home *h = xcalloc(1, sizeof *h);
	load(t, h);
	if (!h->enrolled)
		h->item = M_ENROLL; /* first start: the enrollment file is the first step */
	if (tui_push(t, &screen_home, h) && (t->start_field != NULL || t->year != 0))
		report_open(t, h->rows[h->sel].year, h->rows[h->sel].phase_first);
}

/* The selected year's deadline (the template's, as xhht status says it) and how the year
 * stands against it: days left, days past, or packed in time or late. */
static void
deadline_line(const struct year_status *ys, char *line, size_t size)
{
	char name[REPORT_PERIOD_NAME_SIZE];
	report_period_name(ys->year, ys->phase_first, name);
	if (ys->packed)
		snprintf(line, size,
			 ys->packed_late
			     ? L("Hạn nộp báo cáo %s: %02d/%02d/%d — đã đóng gói sau hạn.",
				 "The %s report was due %02d/%02d/%d — packed after the deadline.")
			     : L("Hạn nộp báo cáo %s: %02d/%02d/%d — đã đóng gói đúng hạn.",
				 "The %s report was due %02d/%02d/%d — packed in time."),
			 name, ys->due_day, ys->due_month, ys->year);
	else if (ys->days_left >= 0)
		snprintf(line, size,
			 L("Hạn nộp báo cáo %s: %02d/%02d/%d — còn %ld ngày.",
			   "The %s report is due %02d/%02d/%d — %ld days left."),
			 name, ys->due_day, ys->due_month, ys->year, ys->days_left);
	else
		snprintf(line, size,
			 L("Hạn nộp báo cáo %s (%02d/%02d/%d) đã qua %ld ngày.",
			   "The %s report was due %02d/%02d/%d, %ld days ago."),
			 name, ys->due_day, ys->due_month, ys->year, -ys->days_left);
}

/* A row's label on the years line: " 2024", " [2024]", " 2023-2025". */
static int
row_label_width(const struct year_row *row)
{
	return row->phase_first ? 10 : 5;
}

/* "Năm (← →): 2023 [2024] 2025 2023-2025 …": as many rows around the selected one as width
 * holds (a phase review's row is the phase, after its closing year). */
static void
years_line(const struct home *h, char *line, size_t size, int width)
{
	int n = snprintf(line, size, L("Năm (%s %s):", "Year (%s %s):"), action_first_key(ACT_LEFT),
			 action_first_key(ACT_RIGHT));
	int room = width - n - 4 - row_label_width(&h->rows[h->sel]) - 2; /* the ellipses, [] */
	int first = h->sel, last = h->sel + 1;
	/* Grown on both sides in turn while the labels fit. */
	for (bool grew = true; grew;) {
		grew = false;
		if (last < h->n && room >= row_label_width(&h->rows[last])) {
			room -= row_label_width(&h->rows[last++]);
			grew = true;
		}
		if (first > 0 && room >= row_label_width(&h->rows[first - 1])) {
			room -= row_label_width(&h->rows[--first]);
			grew = true;
		}
	}
	if (first > 0 && n > 0 && (size_t)n < size)
		n += snprintf(line + n, size - (size_t)n, " …");
	for (int i = first; i < last && n > 0 && (size_t)n < size; i++) {
		char period[REPORT_PERIOD_SIZE];
		report_period_text(h->rows[i].year, h->rows[i].phase_first, period);
		n += snprintf(line + n, size - (size_t)n, i == h->sel ? " [%s]" : " %s", period);
	}
	if (last < h->n && n > 0 && (size_t)n < size)
		snprintf(line + n, size - (size_t)n, " …");
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
	y++;
	years_line(h, line, sizeof line, t->cols - 6);
	tui_text(t, y++, 2, t->cols - 4, line);
	const struct year_row *row = &h->rows[h->sel];
	char name[REPORT_PERIOD_NAME_SIZE];
	report_period_name(row->year, row->phase_first, name);
	snprintf(line, sizeof line, L("Báo cáo %s: %s", "%s report: %s"), name, row->state);
	attron(A_BOLD);
	y += tui_wrap(t, y, 2, t->cols - 4, 2, line, true);
	attroff(A_BOLD);
	if (row->ys.stored || !row->phase_first) {
		deadline_line(&row->ys, line, sizeof line);
		tui_text(t, y++, 4, t->cols - 6, line);
	}
	if (row->next[0])
		y += tui_wrap(t, y, 4, t->cols - 6, 2, row->next, true);
	/* In a phase's closing year, its review (in place of the blank line when rows are few). */
	int closes = row->phase_first ? row->phase_first : row->closes;
	if (y + M_COUNT < t->rows - 3 && closes) {
		char period[REPORT_PERIOD_SIZE];
		report_period_text(row->year, closes, period);
		snprintf(line, sizeof line,
			 L("Báo cáo giai đoạn %s: %s xem nguồn điền sẵn, điền lại.",
			   "%s phase report: %s shows its sources and fills it again."),
			 period, action_first_key(ACT_PHASE));
		tui_text(t, y++, 4, t->cols - 6, line);
	}
	if (y + M_COUNT < t->rows - 3)
		y++; /* a blank line before the menu when every line of it still fits */
	h->menu_y = y;
	for (int m = 0; m < M_COUNT && y < t->rows - 3; m++) {
		int n = snprintf(line, sizeof line, "%d. %s", m + 1, L(menu_labels[m].vi, menu_labels[m].en));
		if (menu_labels[m].key != ACT_NONE && n > 0 && (size_t)n < sizeof line)
			snprintf(line + n, sizeof line - (size_t)n, " (%s)", action_first_key(menu_labels[m].key));
		tui_list_line(t, y++, 2, t->cols - 4, line, m == h->item);
	}
	curs_set(0);
}

/* A year without a report: the clerk chooses how it starts, empty or from the nearest earlier
 * year's report with its figures kept or cleared (report_start_year); false when the clerk
 * cancels or the start fails (the status line says which). */
static bool
start_year(struct tui *t, int year)
{
	struct err e = {0};
	char title[200], keep[200], clear[200];
	int from = report_year_before(t->db, year);
	if (from == 0)
		return true; /* nothing to copy: the editor starts it with the first value */
	snprintf(title, sizeof title,
		 L("Năm %d chưa có báo cáo. Bắt đầu thế nào?",
		   "There is no %d report yet. How should it start?"),
		 year);
	snprintf(
	    keep, sizeof keep,
	    L("Chép báo cáo năm %d, giữ các số liệu", "Copy the %d report, keeping its figures"),
	    from);
	snprintf(
	    clear, sizeof clear,
	    L("Chép báo cáo năm %d, xóa các số liệu", "Copy the %d report, clearing its figures"),
	    from);
	const char *const labels[] = {L("Báo cáo trống", "An empty report"), keep, clear};
	int c = tui_choose(t, title, labels, (int)ARRAY_LEN(labels), 0);
	if (c < 0) {
		tui_message(t, false,
			    L("Chưa bắt đầu báo cáo năm %d.", "The %d report was not started."),
			    year);
		return false;
	}
	if (report_start_year(t->db, year, c == 0 ? 0 : from, c == 1, &e) != ST_OK) {
		tui_error(t, &e);
		return false;
	}
	char told[200];
	report_start_told(year, c == 0 ? 0 : from, c == 1, told, sizeof told);
	tui_message(t, false, "%s", told);
	return true;
}

/* A phase review not started: started pre-filled from the yearly reports (phase_start); false
 * when that fails (the status line says why). */
static bool
start_phase(struct tui *t, int year, int phase_first)
{
	struct err e = {0};
	char name[REPORT_PERIOD_NAME_SIZE];
	if (phase_start(t->db, phase_first, year, &e) != ST_OK) {
		tui_error(t, &e);
		return false;
	}
	report_period_name(year, phase_first, name);
	tui_message(t, false,
		    L("Đã bắt đầu báo cáo %s, điền sẵn từ các báo cáo năm (nguồn ghi dưới mỗi mục).",
		      "Started the %s review, pre-filled from the yearly reports (where from: under "
		      "each field)."),
		    name);
	return true;
}

static void
run(struct tui *t, struct home *h, enum menu m)
{
	int year = h->rows[h->sel].year, pf = h->rows[h->sel].phase_first;
	bool needed = m == M_EDIT || m == M_CHECK || (pf && m == M_ATTACH);
	/* A review not started prints as it would start: the pre-filled view (F6 saves it). */
	if (pf && m == M_PREVIEW && !h->rows[h->sel].ys.stored) {
		phase_open(t, year);
		return;
	}
	if (needed && !h->rows[h->sel].ys.stored &&
	    !(pf ? start_phase(t, year, pf) : start_year(t, year)))
		return;
	switch (m) {
	case M_EDIT:
		report_open(t, year, pf);
		return;
	case M_CHECK:
		report_open(t, year, pf);
		if (tui_top(t) == &screen_report)
			screen_report.key(t, ACT_CHECK, 0, false);
		return;
	case M_PREVIEW:
		preview_open(t, year, pf);
		return;
	case M_ATTACH:
		attachments_open(t, year, pf);
		return;
	case M_PACK:
		task_pack(t, year, pf);
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
	else if (a == ACT_RIGHT || a == ACT_LEFT) {
		/* The first and last years are ends, not a ring: the clerk sees where the list
		 * stops. */
		int to = h->sel + (a == ACT_RIGHT ? 1 : -1);
		if (to >= 0 && to < h->n)
			h->sel = to;
		else
			tui_message(t, false,
				    a == ACT_RIGHT ? L("%d là năm cuối của phong trào (%d–%d).",
						       "%d is the movement's last year (%d–%d).")
						   : L("%d là năm đầu của phong trào (%d–%d).",
						       "%d is the movement's first year (%d–%d)."),
				    h->rows[h->sel].year, MOVEMENT_FIRST_YEAR, MOVEMENT_LAST_YEAR);
	} else if (a == ACT_VIEWS) {
		const struct year_row *row = &h->rows[h->sel];
		char name[REPORT_PERIOD_NAME_SIZE];
		report_period_name(row->year, row->phase_first, name);
		if (row->newer || row->kept)
			move_open(t, row->year, row->phase_first);
		else
			tui_message(t, false,
				    L("Báo cáo %s theo mẫu mới nhất; không có giá trị nào bị "
				      "bỏ khi chuyển mẫu.",
				      "The %s report answers the newest form; no value was dropped "
				      "by a move."),
				    name);
	} else if (a == ACT_PHASE) {
		phase_open(t, h->rows[h->sel].year);
	} else if (a == ACT_FIND) { /* the editor of the year, finding a field there */
		report_open(t, h->rows[h->sel].year, h->rows[h->sel].phase_first);
		if (tui_top(t) == &screen_report)
			screen_report.key(t, ACT_FIND, 0, false);
	} else if (a == ACT_ENTER || a == ACT_CHECK || a == ACT_PACK || a == ACT_PREVIEW)
		run(t, h, a == ACT_ENTER ? (enum menu)h->item : a == ACT_CHECK ? M_CHECK
			  : a == ACT_PACK ? M_PACK : M_PREVIEW);
	return true;
}

static const enum action *
home_hints(struct tui *t)
{
	const struct home *h = tui_state(t);
	return h->rows[h->sel].newer || h->rows[h->sel].kept ? hints_form : hints;
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
	.hints_of = home_hints,
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
tui_run(struct store *db, const char *dir, int year, int phase_first, const char *field,
	bool new_folder)
{
	struct tui t = {.db = db, .dir = (char *)dir, .year = year, .phase_first = phase_first,
			.start_field = field,
			.next_step = clerk_next_step};
	/* Said on the first screen unless the terminal has something to say (it goes first);
	 * the stderr line says it too, seen after leaving. */
	if (new_folder)
		tui_message(&t, false, L("Đã tạo thư mục dữ liệu mới: %s", "Started a new data folder: %s"), dir);
	return tui_main(&t, home_open);
}
