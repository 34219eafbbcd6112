/* board.c: the year board, the desk's first screen: every registered unit with its state for a
 * year (summary_units, as xhht-central status says it), the counts, days to the deadline;
 * filtered by state or group, searched by code or name, sorted by any column. The same board
 * of a phase (Ctrl-O) shows the units' phase reviews (year holds the period: PERIOD_KEY). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "central.h"
#include "desk.h"
#include "i18n.h"
#include "merged.h"
#include "phase.h"
#include "remind.h"
#include "report.h"
#include "store.h"
#include "summary.h"
#include "template.h"
#include "text.h"

/* The columns, in the order drawn; each sorts the list. */
enum column {
	C_CODE,
	C_NAME,
	C_STATE,
	C_REVISION,
	C_RECEIVED,
	C_PACKED,
	C_RECEIPT,
	C_GROUP,
	C_COUNT
};

static const struct {
	const char *vi, *en; /* the heading */
	int width;           /* 0: what is left (the name) */
} columns[C_COUNT] = {
    [C_CODE] = {"Mã", "Code", 8},
    [C_NAME] = {"Tên đơn vị", "Unit", 0},
    [C_STATE] = {"Trạng thái", "State", 12},
    [C_REVISION] = {"Lần", "Rev", 3},
    [C_RECEIVED] = {"Bộ nhận lúc", "Received", 16},
    [C_PACKED] = {"Đóng gói lúc", "Packed", 16},
    [C_RECEIPT] = {"Biên nhận", "Receipt", 9},
    [C_GROUP] = {"Nhóm", "Group", 0},
};

/* The state filter beyond the report's states: units with an open key alarm. */
#define FILTER_ALL (-1)
#define FILTER_ALARM US_COUNT

#define GROUP_LABEL(code, vi, en) {#code, vi, en},
static const struct {
	const char *code, *vi, *en;
} groups[] = {UNIT_GROUPS(GROUP_LABEL, )};

struct board {
	int year;
	struct year_units y;
	char **folded; /* each unit's "code name", folded for search */
	size_t *shown; /* the units shown, as indices of y.units, in order */
	size_t nshown;
	size_t sel, top;
	int state;    /* FILTER_ALL, a unit_state, or FILTER_ALARM */
	int group;    /* -1: every group, else an index of groups */
	struct desk_search search;
	enum column sort;
	bool descending;
	long long version; /* the database's data_version when read */
	int list_y;        /* the screen row of the first unit, for clicks */
	/* A phase's board: the phases closing before and after this one (keys; 0: none), read
	 * with the units, shown beside it as the year board shows its neighbours. */
	int phase_before, phase_after;
};

static int phase_near(const struct phase_span *s, size_t n, int year, int dir);

/* The desk's other views (F8) first: at 80 columns the bar keeps what it can from the start,
 * and F1 lists every key. */
static const enum action hints[] = {ACT_ENTER, ACT_VIEWS, ACT_FILTER, ACT_SORT, ACT_FIND,
				    ACT_SAVE,  ACT_LEFT,  ACT_HELP,   ACT_QUIT, ACT_NONE};
static const enum action keys_taken[] = {ACT_ENTER,   ACT_NEXT,      ACT_PREV, ACT_LEFT, ACT_RIGHT,
					 ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END,  ACT_FILTER,
					 ACT_SORT,    ACT_FIND,      ACT_BACK, ACT_SAVE, ACT_VIEWS,
					 ACT_HISTORY, ACT_PHASE,     ACT_NONE};
/* The keys of the list, the same on a year's board and on a phase's. */
/* clang-format off */
#define LIST_OVERRIDES \
	{ACT_HOME, "Đầu danh sách", "First unit", "Đơn vị đầu danh sách", "The list's first unit", \
	 NULL}, \
	{ACT_END, "Cuối danh sách", "Last unit", "Đơn vị cuối danh sách", "The list's last unit", \
	 NULL}, \
	{ACT_FILTER, "Lọc", "Filter", "Lọc theo trạng thái hoặc nhóm đơn vị", \
	 "Filter by state or by group of units", NULL}, \
	{ACT_FIND, "Tìm", "Search", "Tìm đơn vị theo mã hoặc tên (gõ có dấu hay không dấu đều được)", \
	 "Search units by code or name (with or without diacritics)", NULL}
/* clang-format on */
static const struct action_info overrides[] = {
    {ACT_ENTER, "Xem", "Open", "Xem báo cáo của đơn vị đang chọn", "Open the chosen unit's report",
     NULL},
    {ACT_LEFT, "Năm trước", "Year before", "Bảng của năm trước", "The year before's board", NULL},
    {ACT_RIGHT, "Năm sau", "Next year", "Bảng của năm sau", "The next year's board", NULL},
    LIST_OVERRIDES,
    {ACT_SAVE, "Ghi tệp", "Save",
     "Ghi danh sách đơn vị chưa nộp (CSV) và thư đôn đốc để in (HTML), hoặc xuất số liệu của năm "
     "(báo cáo tổng hợp, CSV, JSON, danh sách trạng thái) vào thư mục hoặc USB",
     "Write the units not heard from (CSV) and reminder letters to print (HTML), or export the "
     "year (consolidated report, CSV, JSON, status list) to a folder or USB",
     NULL},
    {ACT_BACK, "Bỏ lọc", "Clear filter", "Bỏ lọc và tìm; không còn lọc thì rời bàn làm việc",
     "Clear the filter and search; with none, leave the desk", NULL},
    {ACT_PHASE, "Sơ kết", "Phase reviews",
     "Báo cáo sơ kết, tổng kết giai đoạn của các đơn vị: ai đã gửi, ai chưa (lại lần nữa: về "
     "bảng năm)",
     "The units' phase reviews: who filed, who has not (again: back to the year)", NULL},
    {ACT_NONE, NULL, NULL, NULL, NULL, NULL},
};
/* A phase's board: the same keys, which step phases, save the phase's files and go back to the
 * year. */
static const struct action_info phase_overrides[] = {
    {ACT_ENTER, "Xem", "Open", "Xem báo cáo sơ kết, tổng kết của đơn vị đang chọn",
     "Open the chosen unit's phase review", NULL},
    {ACT_LEFT, "Giai đoạn trước", "Phase before", "Bảng của giai đoạn trước",
     "The phase before's board", NULL},
    {ACT_RIGHT, "Giai đoạn sau", "Next phase", "Bảng của giai đoạn sau", "The next phase's board",
     NULL},
    LIST_OVERRIDES,
    {ACT_SAVE, "Ghi tệp", "Save",
     "Ghi báo cáo trình Hội đồng Thi đua - Khen thưởng (HTML, CSV) hoặc số liệu của giai đoạn "
     "(báo cáo tổng hợp, CSV, JSON, danh sách trạng thái) vào thư mục hoặc USB",
     "Write the report for the Emulation and Commendation Council (HTML, CSV) or the phase's "
     "data (consolidated report, CSV, JSON, status list) to a folder or USB",
     NULL},
    {ACT_VIEWS, "Chức năng", "Functions",
     "Đề nghị khen thưởng trong báo cáo sơ kết, tổng kết; ghi tệp của giai đoạn",
     "The phase reviews' proposals; the phase's files", NULL},
    {ACT_BACK, "Bỏ lọc", "Clear filter", "Bỏ lọc và tìm; không còn lọc thì về bảng năm",
     "Clear the filter and search; with none, back to the year's board", NULL},
    {ACT_PHASE, "Bảng năm", "Year board", "Về bảng theo dõi năm", "Back to the year's board", NULL},
    {ACT_NONE, NULL, NULL, NULL, NULL, NULL},
};
static const struct screen screen_phase_board;

static const char *
group_word(const char *code)
{
	for (size_t i = 0; i < ARRAY_LEN(groups); i++)
		if (strcmp(groups[i].code, code) == 0)
			return L(groups[i].vi, groups[i].en);
	return "";
}

static bool
filtered(const struct board *b)
{
	return b->state != FILTER_ALL || b->group >= 0 || b->search.text != NULL;
}

static bool
passes(const struct board *b, size_t i)
{
	const struct unit_status *u = &b->y.units[i];
	if (b->state == FILTER_ALARM ? u->alarms == 0
				     : b->state != FILTER_ALL && (int)u->state != b->state)
		return false;
	if (b->group >= 0 && strcmp(u->group, groups[b->group].code) != 0)
		return false;
	return desk_search_finds(&b->search, b->folded[i]);
}

/* The order of two units by column: the column's value, then the code. */
static int
compare(const void *pa, const void *pb, void *ctx)
{
	const struct board *b = ctx;
	const struct unit_status *u = &b->y.units[*(const size_t *)pa],
				 *v = &b->y.units[*(const size_t *)pb];
	int d = 0;
	switch (b->sort) {
	case C_NAME: {
		const char *x = strchr(b->folded[*(const size_t *)pa], ' ');
		const char *y = strchr(b->folded[*(const size_t *)pb], ' ');
		d = strcmp(x ? x : "", y ? y : "");
		break;
	}
	case C_STATE:
		d = (int)u->state - (int)v->state;
		break;
	case C_REVISION:
		d = u->revision - v->revision;
		break;
	case C_RECEIVED:
		d = strcmp(u->observed_at, v->observed_at);
		break;
	case C_PACKED:
		d = strcmp(u->packed_at, v->packed_at);
		break;
	case C_RECEIPT:
		d = (int)u->receipt_sent - (int)v->receipt_sent;
		break;
	case C_GROUP:
		d = strcmp(u->group, v->group);
		break;
	default:
		break;
	}
	if (d == 0)
		d = strcmp(u->code, v->code);
	return b->descending ? -d : d;
}

/* The units shown, from the filter, the search and the order; the chosen unit stays chosen. */
static void
arrange(struct board *b)
{
	const char *chosen = b->nshown ? b->y.units[b->shown[b->sel]].code : NULL;
	char *keep = chosen ? xstrdup(chosen) : NULL;
	b->nshown = 0;
	for (size_t i = 0; i < b->y.n; i++)
		if (passes(b, i))
			b->shown[b->nshown++] = i;
	sort_with(b->shown, b->nshown, sizeof *b->shown, compare, b);
	b->sel = 0;
	for (size_t i = 0; keep && i < b->nshown; i++)
		if (strcmp(b->y.units[b->shown[i]].code, keep) == 0)
			b->sel = i;
	free(keep);
}

static void
forget(struct board *b)
{
	for (size_t i = 0; i < b->y.n; i++)
		free(b->folded[i]);
	free(b->folded);
	free(b->shown);
	b->folded = NULL;
	b->shown = NULL;
	summary_units_free(&b->y);
}

/* Reads the year's units again (another year, or the importer committed). */
static void
load(struct tui *t, struct board *b)
{
	struct err e = {0};
	char *chosen = b->nshown ? xstrdup(b->y.units[b->shown[b->sel]].code) : NULL;
	forget(b);
	b->version = store_data_version(t->db);
	if (summary_units(t->db, b->year, &b->y, &e) != ST_OK) {
		summary_units_free(&b->y);
		tui_error(t, &e);
	}
	b->folded = xcalloc(b->y.n + 1, sizeof *b->folded);
	b->shown = xcalloc(b->y.n + 1, sizeof *b->shown);
	for (size_t i = 0; i < b->y.n; i++) {
		char *both = xasprintf("%s %s", b->y.units[i].code, b->y.units[i].name);
		b->folded[i] = text_fold(both);
		free(both);
	}
	b->nshown = 0;
	if (PERIOD_FIRST(b->year) != 0) {
		struct phase_span spans[PHASE_SPANS_MAX];
		size_t n = 0;
		if (phase_spans(t->db, spans, &n, &e) != ST_OK)
			tui_error(t, &e);
		b->phase_before = phase_near(spans, n, PERIOD_YEAR(b->year) - 1, -1);
		b->phase_after = phase_near(spans, n, PERIOD_YEAR(b->year) + 1, 1);
	}
	arrange(b);
	for (size_t i = 0; chosen && i < b->nshown; i++)
		if (strcmp(b->y.units[b->shown[i]].code, chosen) == 0)
			b->sel = i;
	free(chosen);
}

/* What F1 explains first on the board. */
static void
board_help(struct tui *t)
{
	char text[2000];
	snprintf(
	    text, sizeof text,
	    L("Mỗi dòng là một đơn vị đã đăng ký với Bộ: trạng thái báo cáo của năm (chưa nộp, "
	      "đúng hạn, nộp muộn, xung đột, cần sửa, đã duyệt), lần gửi mới nhất, lúc Bộ nhận "
	      "và lúc đơn vị đóng gói (giờ Việt Nam), biên nhận đã gửi chưa. Dấu ! ở đầu dòng: "
	      "có cảnh báo khóa (một khóa lạ đã dùng lại tệp đăng ký của đơn vị): gọi điện cho "
	      "đơn vị. Đúng hạn hay muộn tính theo lúc Bộ nhận gói, không theo đồng hồ máy của "
	      "đơn vị. Bảng tự cập nhật khi có gói mới được nhận. Gõ mã hay tên đơn vị (không "
	      "dấu cũng được) là bắt đầu tìm. %s: các lần gửi của đơn vị đang chọn; %s: nhận "
	      "gói, số liệu tổng hợp, đề nghị khen thưởng, đơn vị và khóa; %s: báo cáo sơ kết, "
	      "tổng kết giai đoạn của các đơn vị.",
	      "Each line is a unit registered with the Ministry: its report's state for the "
	      "year (not received, on time, late, conflict, needs fixing, approved), the latest "
	      "revision, when the Ministry received it and when the unit packed it (Vietnam "
	      "time), whether a receipt was sent. A ! at the start of a line: a key alarm (a "
	      "strange key presented the unit's enrollment): call the unit. On time or late is "
	      "judged from when the Ministry received the bundle, not the unit's clock. The "
	      "board updates itself when bundles are imported. Typing a unit's code or name "
	      "(with or without diacritics) starts a search. %s: the chosen unit's revisions; "
	      "%s: import, the totals, the nominations, units and keys; %s: the units' phase "
	      "reviews."),
	    action_first_key(ACT_HISTORY), action_first_key(ACT_VIEWS),
	    action_first_key(ACT_PHASE));
	tui_set_help(t, L("Bảng theo dõi năm", "The year board"), text);
}

/* What F1 explains first on a phase's board. */
static void
phase_help(struct tui *t)
{
	char text[1200];
	snprintf(
	    text, sizeof text,
	    L("Mỗi dòng là một đơn vị: báo cáo sơ kết, tổng kết giai đoạn của đơn vị (chưa nộp, "
	      "đúng hạn, nộp muộn, cần sửa, đã duyệt), giữ riêng với báo cáo năm cùng năm: một "
	      "đơn vị chỉ gửi báo cáo giai đoạn vẫn là chưa nộp báo cáo năm. Enter: xem báo cáo, "
	      "%s trong đó để duyệt hoặc yêu cầu sửa. %s: đề nghị khen thưởng của giai đoạn và "
	      "báo cáo trình Hội đồng Thi đua - Khen thưởng. %s hoặc Esc: về bảng năm.",
	      "Each line is a unit: its review of the phase (not received, on time, late, needs "
	      "fixing, approved), kept apart from the yearly report of the same year: a unit "
	      "that sent only its phase review has still not reported for the year. Enter: "
	      "open the review, %s there to approve it or ask for fixes. %s: the phase's "
	      "proposals and the report for the Emulation and Commendation Council. %s or Esc: "
	      "back to the year."),
	    action_first_key(ACT_REVIEW), action_first_key(ACT_VIEWS), action_first_key(ACT_PHASE));
	tui_set_help(t, L("Bảng báo cáo sơ kết, tổng kết", "The phase reviews' board"), text);
}

void
board_open(struct tui *t, int year)
{
	struct board *b = xcalloc(1, sizeof *b);
	char today[16];
	store_today(today);
	b->year = year ? year : atoi(today);
	b->state = FILTER_ALL;
	b->group = -1;
	load(t, b);
	if (PERIOD_FIRST(b->year) != 0)
		phase_help(t);
	else
		board_help(t);
	tui_push(t, PERIOD_FIRST(b->year) != 0 ? &screen_phase_board : &screen_board, b);
}

static void
board_leave(struct tui *t)
{
	struct board *b = tui_state(t);
	forget(b);
	desk_search_clear(&b->search);
	free(b);
}

/* "38/50 đơn vị đã nộp, 3 nộp muộn, 1 xung đột, 12 chưa nộp, 2 cần sửa, 5 đã duyệt": what
 * staff look at first. Late counts every report that came late, reviewed since or not. */
static void
counts_line(const struct board *b, char *line, size_t size)
{
	const struct year_units *y = &b->y;
	int n = snprintf(line, size,
			 L("%zu/%zu đơn vị đã nộp, %zu nộp muộn, %zu xung đột, %zu chưa nộp",
			   "%zu/%zu units reported, %zu late, %zu in conflict, %zu not received"),
			 summary_units_received(y), y->n, y->late,
			 y->counts[US_CONFLICT], y->counts[US_NOT_RECEIVED]);
	if (y->alarmed && n > 0 && (size_t)n < size)
		n += snprintf(line + n, size - (size_t)n,
			      L(", %zu cảnh báo khóa (!)", ", %zu key alarms (!)"), y->alarmed);
	/* The review loop's counts once staff have reviewed a report of the year: after the
	 * alarms, which a narrow screen must not cut. */
	if ((y->counts[US_NEEDS_FIXING] || y->counts[US_APPROVED]) && n > 0 && (size_t)n < size)
		snprintf(line + n, size - (size_t)n,
			 L(", %zu cần sửa, %zu đã duyệt", ", %zu needs fixing, %zu approved"),
			 y->counts[US_NEEDS_FIXING], y->counts[US_APPROVED]);
}

/* "Năm (← →): 2023 [2024] 2025 — hạn nộp 05/12/2024: còn 15 ngày". */
static void
year_line(const struct board *b, char *line, size_t size)
{
	const struct year_units *y = &b->y;
	char left[64], before[16] = "", after[16] = "";
	if (b->year > REPORT_MIN_YEAR)
		snprintf(before, sizeof before, "%d ", b->year - 1);
	if (b->year < REPORT_MAX_YEAR)
		snprintf(after, sizeof after, " %d", b->year + 1);
	if (y->days_left > 0)
		snprintf(left, sizeof left, L("còn %ld ngày", "%ld days left"), y->days_left);
	else if (y->days_left == 0)
		snprintf(left, sizeof left, "%s", L("hôm nay là hạn cuối", "due today"));
	else
		snprintf(left, sizeof left, L("đã quá hạn %ld ngày", "%ld days past"),
			 -y->days_left);
	if (PERIOD_FIRST(b->year) != 0) {
		char period[REPORT_PERIOD_SIZE], prev[REPORT_PERIOD_SIZE + 1] = "",
						 next[REPORT_PERIOD_SIZE + 1] = "";
		period_key_text(b->year, period);
		if (b->phase_before != 0) {
			period_key_text(b->phase_before, prev);
			strcat(prev, " ");
		}
		if (b->phase_after != 0) {
			next[0] = ' ';
			period_key_text(b->phase_after, next + 1);
		}
		snprintf(line, size,
			 L("Giai đoạn (%s %s): %s[%s]%s — hạn nộp %02d/%02d/%d: %s — %s: về bảng năm",
			   "Phase (%s %s): %s[%s]%s — due %02d/%02d/%d: %s — %s: back to the year"),
			 action_first_key(ACT_LEFT), action_first_key(ACT_RIGHT), prev, period, next,
			 y->due_day, y->due_month, PERIOD_YEAR(b->year), left,
			 action_first_key(ACT_PHASE));
		return;
	}
	snprintf(line, size,
		 L("Năm (%s %s): %s[%d]%s — hạn nộp %02d/%02d/%d: %s",
		   "Year (%s %s): %s[%d]%s — due %02d/%02d/%d: %s"),
		 action_first_key(ACT_LEFT), action_first_key(ACT_RIGHT), before, b->year, after,
		 y->due_day, y->due_month, b->year, left);
}

static const char *
state_filter_word(int state)
{
	return state == FILTER_ALARM ? L("cảnh báo khóa", "key alarm")
				     : unit_state_word((enum unit_state)state);
}

/* What is shown, the part cut first last: "1/50 đơn vị — sắp xếp (F7): Tên ↑ — lọc (F4): nộp
 * muộn, nhóm bệnh viện, tìm "bach mai"". */
static void
filter_line(const struct board *b, char *line, size_t size)
{
	size_t n = 0;
	int w;
	const char *sep = "";
#define ADD(...) ((w = snprintf(line + n, size - n, __VA_ARGS__)) > 0 && (n += (size_t)w) < size)
	if (!ADD(L("%zu/%zu đơn vị — sắp xếp (%s): %s %s — lọc (%s): ",
		   "%zu/%zu units — sort (%s): %s %s — filter (%s): "),
		 b->nshown, b->y.n, action_first_key(ACT_SORT),
		 L(columns[b->sort].vi, columns[b->sort].en), b->descending ? "↓" : "↑",
		 action_first_key(ACT_FILTER)))
		return;
	if (!filtered(b) && !ADD("%s", L("mọi đơn vị", "every unit")))
		return;
	if (b->state != FILTER_ALL && !ADD("%s", state_filter_word(b->state)))
		return;
	sep = b->state != FILTER_ALL ? ", " : "";
	if (b->group >= 0 &&
	    !ADD(L("%snhóm %s", "%sgroup %s"), sep, L(groups[b->group].vi, groups[b->group].en)))
		return;
	sep = b->state != FILTER_ALL || b->group >= 0 ? ", " : "";
	if (b->search.text &&
	    !ADD(L("%stìm \"%s\"", "%ssearch \"%s\""), sep, b->search.text))
		return;
#undef ADD
}

/* The columns drawn at this width and where: the packing time and group only when there is
 * room beside a name of 20 columns. Returns how many; x and w per drawn column. */
static int
layout(const struct tui *t, enum column *cols, int *x, int *w)
{
	static const enum column order[] = {C_CODE,     C_NAME,   C_STATE,  C_REVISION,
					    C_RECEIVED, C_PACKED, C_RECEIPT};
	int fixed = 2, n = 0; /* the alarm mark and its gap */
	for (size_t i = 0; i < ARRAY_LEN(order); i++)
		fixed += columns[order[i]].width + 1;
	bool packed = t->cols - 2 - fixed >= 20;
	int name_w = t->cols - 2 - fixed + (packed ? 0 : columns[C_PACKED].width + 1);
	int at = 3;
	for (size_t i = 0; i < ARRAY_LEN(order); i++) {
		if (order[i] == C_PACKED && !packed)
			continue;
		cols[n] = order[i];
		x[n] = at;
		w[n] = order[i] == C_NAME ? name_w : columns[order[i]].width;
		at += w[n] + 1;
		n++;
	}
	return n;
}

/* The text of one cell. */
static void
cell(struct tui *t, const struct unit_status *u, enum column c, char *out, size_t size)
{
	(void)t;
	out[0] = '\0';
	switch (c) {
	case C_CODE:
		snprintf(out, size, "%s", u->code);
		break;
	case C_NAME:
		snprintf(out, size, "%s", u->name);
		break;
	case C_STATE:
		snprintf(out, size, "%s", unit_state_word(u->state));
		break;
	case C_REVISION:
		if (u->revision)
			snprintf(out, size, "%d", u->revision);
		break;
	case C_RECEIVED:
	case C_PACKED:
		if (u->revision && size >= 32)
			time_vietnam(c == C_RECEIVED ? u->observed_at : u->packed_at, out);
		break;
	case C_RECEIPT:
		if (u->revision)
			snprintf(out, size, "%s",
				 u->receipt_sent ? L("đã gửi", "sent") : L("chưa gửi", "not sent"));
		break;
	case C_GROUP:
		snprintf(out, size, "%s", group_word(u->group));
		break;
	default:
		break;
	}
}

static void
draw_list(struct tui *t, struct board *b, int y)
{
	enum column cols[C_COUNT];
	int x[C_COUNT], w[C_COUNT], n = layout(t, cols, x, w);
	char text[512];
	attron(A_BOLD);
	for (int i = 0; i < n; i++) {
		snprintf(text, sizeof text, "%s%s", L(columns[cols[i]].vi, columns[cols[i]].en),
			 cols[i] == b->sort ? (b->descending ? "↓" : "↑") : "");
		tui_text(t, y, x[i], w[i], text);
	}
	attroff(A_BOLD);
	y++;
	b->list_y = y;
	int rows = t->rows - 2 - y;
	if (rows < 1)
		return;
	if (b->sel < b->top)
		b->top = b->sel;
	if (b->sel >= b->top + (size_t)rows)
		b->top = b->sel - (size_t)rows + 1;
	if (b->nshown == 0 && b->y.n == 0) {
		char none[400];
		snprintf(none, sizeof none,
			 L("Chưa có đơn vị nào đăng ký với Bộ. Thêm đơn vị: %s, \"Đơn vị và khóa\", "
			   "rồi %s (hoặc từ dòng lệnh: xhht-central unit add MÃ TÊN, hay unit import "
			   "TỆP.csv).",
			   "No unit is registered yet. Add units: %s, \"Units and keys\", then %s "
			   "(or on the command line: xhht-central unit add CODE NAME, or unit import "
			   "FILE.csv)."),
			 action_first_key(ACT_VIEWS), action_first_key(ACT_ADD));
		tui_wrap(t, y, 2, t->cols - 4, rows, none, true);
	} else if (b->nshown == 0)
		tui_wrap(t, y, 2, t->cols - 4, rows,
			 L("Không có đơn vị nào khớp với bộ lọc (Esc: bỏ lọc).",
			   "No unit matches the filter (Esc: clear it)."),
			 true);
	for (size_t r = b->top; r < b->nshown && (int)(r - b->top) < rows; r++, y++) {
		const struct unit_status *u = &b->y.units[b->shown[r]];
		bool chosen = r == b->sel;
		tui_list_line(t, y, 0, t->cols, "", chosen);
		if (chosen)
			attron(A_REVERSE);
		if (u->state == US_LATE || u->state == US_CONFLICT || u->state == US_NOT_RECEIVED ||
		    u->state == US_NEEDS_FIXING)
			attron(A_BOLD);
		if (u->alarms)
			tui_text(t, y, 1, 1, "!");
		for (int i = 0; i < n; i++) {
			cell(t, u, cols[i], text, sizeof text);
			tui_text(t, y, x[i], w[i], text);
		}
		attroff(A_BOLD | A_REVERSE);
	}
}

static void
board_draw(struct tui *t)
{
	struct board *b = tui_state(t);
	char line[512], title[160], period[REPORT_PERIOD_SIZE];
	period_key_text(b->year, period);
	if (PERIOD_FIRST(b->year) != 0)
		snprintf(title, sizeof title,
			 L("xhht-central — Bàn làm việc: báo cáo sơ kết, tổng kết giai đoạn %s",
			   "xhht-central — The desk: the %s phase reviews"),
			 period);
	else
		snprintf(title, sizeof title,
			 L("xhht-central — Bàn làm việc: bảng theo dõi năm %d",
			   "xhht-central — The desk: the %d board"),
			 b->year);
	tui_chrome(t, title);
	year_line(b, line, sizeof line);
	tui_text(t, 1, 1, t->cols - 2, line);
	counts_line(b, line, sizeof line);
	attron(A_BOLD);
	tui_text(t, 2, 1, t->cols - 2, line);
	attroff(A_BOLD);
	filter_line(b, line, sizeof line);
	tui_text(t, 3, 1, t->cols - 2, line);
	draw_list(t, b, 4);
	curs_set(0);
}

/* F4: one list of every filter, each with how many units it keeps; the one in force marked. */
static void
choose_filter(struct tui *t, struct board *b)
{
	enum { N = 1 + US_COUNT + 1 + ARRAY_LEN(groups) };
	char texts[N][160];
	const char *labels[N];
	int n = 0, current = 0;
	snprintf(texts[n++], sizeof texts[0], "%s",
		 L("Mọi đơn vị (bỏ lọc)", "Every unit (no filter)"));
	for (int s = 0; s <= FILTER_ALARM; s++) {
		size_t count = s == FILTER_ALARM ? b->y.alarmed : b->y.counts[s];
		if (b->state == s)
			current = n;
		snprintf(texts[n++], sizeof texts[0], L("Trạng thái: %s (%zu)", "State: %s (%zu)"),
			 state_filter_word(s), count);
	}
	for (size_t g = 0; g < ARRAY_LEN(groups); g++) {
		size_t count = 0;
		for (size_t i = 0; i < b->y.n; i++)
			count += strcmp(b->y.units[i].group, groups[g].code) == 0;
		snprintf(texts[n++], sizeof texts[0], L("Nhóm: %s (%zu)", "Group: %s (%zu)"),
			 L(groups[g].vi, groups[g].en), count);
	}
	for (int i = 0; i < n; i++)
		labels[i] = texts[i];
	if (current == 0 && b->group >= 0)
		current = 2 + US_COUNT + b->group;
	int c = tui_choose(t,
			   L("Lọc danh sách đơn vị (trạng thái và nhóm cùng áp dụng)",
			     "Filter the units (a state and a group apply together)"),
			   labels, n, current);
	if (c < 0)
		return;
	if (c == 0) {
		b->state = FILTER_ALL;
		b->group = -1;
	} else if (c <= FILTER_ALARM + 1)
		b->state = c - 1;
	else
		b->group = c - 2 - US_COUNT;
	arrange(b);
}

/* F7: the columns; the one in force again turns the order round. */
static void
choose_sort(struct tui *t, struct board *b)
{
	char texts[C_COUNT][160];
	const char *labels[C_COUNT];
	for (int c = 0; c < C_COUNT; c++) {
		snprintf(texts[c], sizeof texts[c], "%s%s", L(columns[c].vi, columns[c].en),
			 c == (int)b->sort
			     ? (b->descending ? L(" (đang dùng, giảm dần: chọn để đảo)",
						  " (in use, descending: choose to turn)")
					      : L(" (đang dùng, tăng dần: chọn để đảo)",
						  " (in use, ascending: choose to turn)"))
			     : "");
		labels[c] = texts[c];
	}
	int c = tui_choose(t, L("Sắp xếp theo cột", "Sort by the column"), labels, C_COUNT,
			   (int)b->sort);
	if (c < 0)
		return;
	b->descending = c == (int)b->sort ? !b->descending : false;
	b->sort = (enum column)c;
	arrange(b);
}

/* Ctrl-F, or a letter typed on the board: the search, started with what was typed. */
static void
search(struct tui *t, struct board *b, const char *initial)
{
	if (desk_search_ask(t, &b->search, initial))
		arrange(b);
}

/* The year's reminders, list and letters, into a folder staff choose (USB sticks first). */
void
desk_save_reminders(struct tui *t, int year)
{
	struct err e = {0};
	struct year_units y;
	char *csv, *html;
	size_t n;
	if (summary_units(t->db, year, &y, &e) != ST_OK) {
		summary_units_free(&y);
		tui_error(t, &e);
		return;
	}
	n = y.counts[US_NOT_RECEIVED];
	summary_units_free(&y);
	if (n == 0) {
		tui_message(t, false,
			    L("Mọi đơn vị đã gửi báo cáo năm %d: không có ai để nhắc.",
			      "Every unit sent its %d report: nobody to remind."),
			    year);
		return;
	}
	char *dir = tui_choose_path_kept(t,
					 L("Ghi thư đôn đốc vào đâu? (USB ở đầu danh sách)",
					   "Write the reminders where? (USB sticks first)"),
					 true, NULL, "folder.desk_reminders");
	if (dir == NULL)
		return;
	if (remind_save(t->db, year, dir, &csv, &html, &n, &e) != ST_OK)
		tui_error(t, &e);
	else
		tui_message(t, false,
			    L("Đã ghi %s và %s: %zu đơn vị chưa gửi báo cáo năm %d.",
			      "Wrote %s and %s: %zu units with no %d report."),
			    csv, html, n, year);
	free(csv);
	free(html);
	free(dir);
}

/* Of the phases held (phase_spans, in order of closing year), the one whose review closes in
 * year, else the nearest one closing in the direction dir (+1 later, -1 earlier): its key
 * (PERIOD_KEY); 0 when there is none. */
static int
phase_near(const struct phase_span *s, size_t n, int year, int dir)
{
	for (size_t i = 0; i < n; i++) {
		const struct phase_span *p = &s[dir > 0 ? i : n - 1 - i];
		if (dir > 0 ? p->last >= year : p->last <= year)
			return PERIOD_KEY(p->last, p->first);
	}
	return 0;
}

/* Ctrl-O on the year board: the board of the phase closing in its year (or the next one, or
 * the last one before), pushed over it; Esc or Ctrl-O again comes back. */
static void
open_phase(struct tui *t, const struct board *b)
{
	struct phase_span spans[PHASE_SPANS_MAX];
	size_t n = 0;
	struct err e = {0};
	if (phase_spans(t->db, spans, &n, &e) != ST_OK) {
		tui_error(t, &e);
		return;
	}
	int key = phase_near(spans, n, b->year, 1);
	if (key == 0)
		key = phase_near(spans, n, b->year, -1);
	if (key == 0)
		tui_message(t, false, "%s",
			    L("Bộ chưa có mẫu báo cáo sơ kết, tổng kết giai đoạn nào.",
			      "The Ministry holds no phase review template."));
	else
		board_open(t, key);
}

/* ← → on a phase's board: the phase closing before or after this one. */
static void
step_phase(struct tui *t, struct board *b, int dir)
{
	int key = dir > 0 ? b->phase_after : b->phase_before;
	if (key == 0) {
		tui_message(t, false, "%s",
			    dir > 0 ? L("Không có giai đoạn sau.", "There is no later phase.")
				    : L("Không có giai đoạn trước.", "There is no earlier phase."));
		return;
	}
	b->year = key;
	load(t, b);
}

/* F8 on a phase's board: what the desk does with the phase's reviews. */
static void
phase_menu(struct tui *t, int key)
{
	const char *labels[] = {
	    L("Đề nghị khen thưởng trong báo cáo sơ kết, tổng kết, theo hình thức",
	      "The phase reviews' proposals, by award"),
	    L("Ghi tệp: báo cáo trình Hội đồng Thi đua - Khen thưởng, số liệu của giai đoạn",
	      "Save: the report for the Emulation and Commendation Council, the phase's data"),
	};
	int i = tui_choose(t, L("Báo cáo sơ kết, tổng kết giai đoạn", "The phase reviews"), labels,
			   2, 0);
	if (i == 0)
		proposals_open(t, key);
	else if (i == 1)
		desk_export(t, key);
}

static void
move_to(struct board *b, long to)
{
	if (b->nshown == 0)
		return;
	b->sel = to < 0 ? 0 : (size_t)to >= b->nshown ? b->nshown - 1 : (size_t)to;
}

static bool
board_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct board *b = tui_state(t);
	long page = t->rows - 8 > 1 ? t->rows - 8 : 1;
	char typed[8];
	bool moved;
	if (desk_search_typed(ch, is_text, typed)) {
		search(t, b, typed);
		return true;
	}
	switch (a) {
	case ACT_NEXT:
	case ACT_PREV:
		move_to(b, (long)b->sel + (a == ACT_NEXT ? 1 : -1));
		break;
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
		move_to(b, (long)b->sel + (a == ACT_PAGE_DOWN ? page : -page));
		break;
	case ACT_HOME:
	case ACT_END:
		move_to(b, a == ACT_HOME ? 0 : (long)b->nshown - 1);
		break;
	case ACT_LEFT:
	case ACT_RIGHT:
		if (PERIOD_FIRST(b->year) != 0)
			step_phase(t, b, a == ACT_RIGHT ? 1 : -1);
		else if (desk_year_step(t, a, &b->year, &b->year, &moved) && moved)
			load(t, b);
		break;
	case ACT_PHASE:
		if (PERIOD_FIRST(b->year) != 0)
			tui_pop(t);
		else
			open_phase(t, b);
		break;
	case ACT_FILTER:
		choose_filter(t, b);
		break;
	case ACT_SORT:
		choose_sort(t, b);
		break;
	case ACT_SAVE:
		desk_export(t, b->year);
		break;
	case ACT_VIEWS:
		if (PERIOD_FIRST(b->year) != 0)
			phase_menu(t, b->year);
		else
			desk_menu(t, b->year);
		break;
	case ACT_FIND:
		search(t, b, b->search.text);
		break;
	case ACT_ENTER:
		if (b->nshown)
			unit_report_open(t, b->y.units[b->shown[b->sel]].code, b->year);
		break;
	case ACT_HISTORY:
		if (b->nshown)
			desk_history_open(t, b->y.units[b->shown[b->sel]].code, b->year);
		break;
	case ACT_BACK:
		/* Esc clears what narrows the list first; on the whole list it leaves, once asked.
		 */
		if (filtered(b)) {
			b->state = FILTER_ALL;
			b->group = -1;
			desk_search_clear(&b->search);
			arrange(b);
			tui_message(
			    t, false, "%s",
			    L("Đã bỏ lọc: hiện mọi đơn vị.", "Filter cleared: every unit shown."));
		} else if (PERIOD_FIRST(b->year) != 0)
			tui_pop(t); /* the phase's board goes back to the year's */
		else if (tui_confirm(t, L("Rời bàn làm việc?", "Leave the desk?")))
			t->quit = true;
		break;
	default:
		return false;
	}
	return true;
}

static void
board_click(struct tui *t, int y, int x)
{
	struct board *b = tui_state(t);
	(void)x;
	if (y >= b->list_y && y < t->rows - 2 && b->top + (size_t)(y - b->list_y) < b->nshown)
		b->sel = b->top + (size_t)(y - b->list_y);
}

/* Nothing typed for a while: read again when another program (the importer) committed
 * meanwhile, so that the board shows bundles as they arrive. */
static void
board_idle(struct tui *t)
{
	struct board *b = tui_state(t);
	if (desk_data_changed(t, b->version))
		load(t, b);
}

/* Back from a unit's screens, which may have changed the unit through this connection. */
/* Back from a unit's screens, which may have changed the unit through this connection and set
 * their own help. */
static void
board_resume(struct tui *t)
{
	struct board *b = tui_state(t);
	if (PERIOD_FIRST(b->year) != 0)
		phase_help(t);
	else
		board_help(t);
	load(t, b);
}

/* A year's board and a phase's: one screen but for the words of their keys. */
#define BOARD_HOOKS                                                                                \
	.draw = board_draw, .key = board_key, .click = board_click, .idle = board_idle,            \
	.resume = board_resume, .leave = board_leave, .hints = hints, .keys = keys_taken
const struct screen screen_board = {.id = "board", BOARD_HOOKS, .overrides = overrides};
static const struct screen screen_phase_board = {
    .id = "phase-board", BOARD_HOOKS, .overrides = phase_overrides};
