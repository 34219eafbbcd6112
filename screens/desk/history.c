/* history.c: the desk's history of a unit's report of a year: every bundle received (the one in
 * use, older ones, conflicting ones, those set aside), two of them chosen to compare, and a
 * conflict's candidates opened side by side to settle it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"
#include "history.h"
#include "i18n.h"
#include "merged.h"
#include "store.h"

struct hview {
	char *unit;
	int year;
	struct history h;
	size_t sel, top;
	int mark;          /* the bundle chosen first for a comparison; -1: none */
	long long version; /* the database's data_version when read */
};

static const enum action hints[] = {ACT_ENTER, ACT_TOGGLE, ACT_BACK, ACT_HELP, ACT_QUIT, ACT_NONE};
/* A conflict not settled: settling it comes first. */
static const enum action hints_conflict[] = {ACT_CHECK, ACT_ENTER, ACT_TOGGLE, ACT_BACK,
					     ACT_HELP,  ACT_QUIT,  ACT_NONE};
static const enum action keys_taken[] = {ACT_ENTER, ACT_TOGGLE,    ACT_CHECK, ACT_NEXT,
					 ACT_PREV,  ACT_PAGE_UP,   ACT_HOME,  ACT_END,
					 ACT_BACK,  ACT_PAGE_DOWN, ACT_NONE};

static const struct action_info overrides[] = {
    {ACT_ENTER, "So sánh", "Compare", "So sánh lần gửi đang chọn với bản đang dùng",
     "Compare the chosen revision with the one in use", NULL},
    {ACT_TOGGLE, "Chọn hai bản", "Pick two", "Chọn hai lần gửi bất kỳ để so sánh",
     "Pick any two revisions to compare", NULL},
    {ACT_CHECK, "Xử lý xung đột", "Settle",
     "Xử lý xung đột: xem hai bản cạnh nhau, chọn một bản, ghi lý do",
     "Settle the conflict: the two side by side, choose one, give the reason", NULL},
    {ACT_HOME, "Đầu danh sách", "First", "Lần gửi mới nhất", "The newest revision", NULL},
    {ACT_END, "Cuối danh sách", "Last", "Lần gửi cũ nhất", "The oldest revision", NULL},
    {ACT_NONE, NULL, NULL, NULL, NULL, NULL},
};

static bool
load(struct tui *t, struct hview *v)
{
	struct err e;
	struct history h;
	v->version = store_data_version(t->db);
	if (history_read(t->db, v->unit, v->year, &h, &e) != ST_OK) {
		history_free(&h);
		tui_error(t, &e);
		return false;
	}
	history_free(&v->h);
	v->h = h;
	if (v->sel >= v->h.n)
		v->sel = v->h.n ? v->h.n - 1 : 0;
	if (v->mark >= (int)v->h.n)
		v->mark = -1;
	return true;
}

/* The line above the list: how many, and the one in use. */
static void
summary_line(struct hview *v, char *out, size_t size)
{
	const struct history *h = &v->h;
	if (h->merged >= 0)
		snprintf(out, size,
			 L("%zu lần gửi; đang dùng: lần gửi %d (gói %.*s)",
			   "%zu bundles; in use: revision %d (bundle %.*s)"),
			 h->n, h->v[h->merged].revision, HISTORY_HASH_SHOWN, h->v[h->merged].hash);
	else
		snprintf(out, size,
			 L("%zu lần gửi; chưa có bản nào được dùng", "%zu bundles; none in use"),
			 h->n);
}

/* The line below it: a first pick, else a conflict to settle, else what the keys do. */
static void
doing_line(struct hview *v, char *out, size_t size)
{
	if (v->mark >= 0)
		snprintf(out, size,
			 L("Đã chọn lần gửi %d (gói %.*s): chọn bản thứ hai rồi nhấn %s.",
			   "Revision %d (bundle %.*s) picked: go to the second one and press %s."),
			 v->h.v[v->mark].revision, HISTORY_HASH_SHOWN, v->h.v[v->mark].hash,
			 action_first_key(ACT_TOGGLE));
	else if (v->h.conflict_revision > 0)
		snprintf(out, size,
			 L("XUNG ĐỘT ở lần gửi %d: %s xem hai bản cạnh nhau và chọn một bản.",
			   "CONFLICT in revision %d: %s shows the two side by side to choose one."),
			 v->h.conflict_revision, action_first_key(ACT_CHECK));
	else
		action_key_line(out, size, ": ", "   ", ACT_ENTER,
				L("so sánh với bản đang dùng", "compare with the one in use"),
				ACT_TOGGLE, L("chọn hai bản để so sánh", "pick two to compare"),
				ACT_NONE);
}

/* The columns: revision, bundle, state, when received, and where from while there is room. */
enum { HC_REV, HC_HASH, HC_STATE, HC_SEEN, HC_SOURCE, HC_COUNT };
static const struct {
	const char *vi, *en;
	int width;
} columns[HC_COUNT] = {
    [HC_REV] = {"Lần", "Rev", 5},
    [HC_HASH] = {"Gói", "Bundle", 14},
    [HC_STATE] = {"Trạng thái", "State", 25},
    [HC_SEEN] = {"Bộ nhận (giờ VN)", "Received (VN time)", 23},
    [HC_SOURCE] = {"Nguồn", "Source", 0},
};

static void
cell(const struct history_entry *x, int c, char *out, size_t size)
{
	char when[32];
	switch (c) {
	case HC_REV:
		snprintf(out, size, "%d", x->revision);
		break;
	case HC_HASH:
		snprintf(out, size, "%.*s", HISTORY_HASH_SHOWN, x->hash);
		break;
	case HC_STATE:
		snprintf(out, size, "%s", history_state_word(x->state));
		break;
	case HC_SEEN:
		time_vietnam(x->observed_at, when);
		snprintf(out, size, "%s%s", when, x->late ? L(" MUỘN", " LATE") : "");
		break;
	default: /* the file's name: its folder is the importer's business */
		snprintf(out, size, "%s",
			 strrchr(x->source, '/') ? strrchr(x->source, '/') + 1 : x->source);
	}
}

static void
draw_list(struct tui *t, struct hview *v, int y)
{
	char text[600];
	int x = 2, rows = t->rows - 2 - (y + 1);
	attron(A_BOLD);
	for (int c = 0, cx = x; c < HC_COUNT && cx < t->cols - 1; c++) {
		int w = columns[c].width ? columns[c].width : t->cols - 1 - cx;
		tui_text(t, y, cx, w - 1, L(columns[c].vi, columns[c].en));
		cx += w;
	}
	attroff(A_BOLD);
	y++;
	if (rows < 1)
		return;
	if (v->h.n == 0)
		tui_wrap(
		    t, y, 2, t->cols - 4, rows,
		    L("Đơn vị chưa gửi báo cáo năm này.", "The unit sent no report this year."),
		    true);
	if (v->sel < v->top)
		v->top = v->sel;
	if (v->sel >= v->top + (size_t)rows)
		v->top = v->sel - (size_t)rows + 1;
	for (size_t r = v->top; r < v->h.n && (int)(r - v->top) < rows; r++, y++) {
		const struct history_entry *e = &v->h.v[r];
		bool chosen = r == v->sel;
		tui_list_line(t, y, 0, t->cols, "", chosen);
		int attr = (chosen ? A_REVERSE : 0) |
			   (e->state == HS_CONFLICT || e->state == HS_MERGED ? A_BOLD : 0);
		attron(attr);
		if ((int)r == v->mark)
			tui_text(t, y, 0, 2, "*");
		for (int c = 0, cx = x; c < HC_COUNT && cx < t->cols - 1; c++) {
			int w = columns[c].width ? columns[c].width : t->cols - 1 - cx;
			cell(e, c, text, sizeof text);
			tui_text(t, y, cx, w - 1, text);
			cx += w;
		}
		attroff(attr);
	}
}

static void
hview_draw(struct tui *t)
{
	struct hview *v = tui_state(t);
	char line[600], period[PERIOD_WORDS_SIZE];
	period_key_words(v->year, period);
	snprintf(line, sizeof line,
		 L("%s — %s — lịch sử báo cáo %s", "%s — %s — history of the %s report"), v->unit,
		 v->h.unit_name ? v->h.unit_name : "", period);
	tui_chrome(t, line);
	summary_line(v, line, sizeof line);
	tui_text(t, 1, 1, t->cols - 2, line);
	doing_line(v, line, sizeof line);
	if (v->mark < 0 && v->h.conflict_revision > 0)
		attron(A_BOLD);
	tui_text(t, 2, 1, t->cols - 2, line);
	attroff(A_BOLD);
	draw_list(t, v, 3);
	curs_set(0);
}

/* Opens the comparison of entries a and b, the older one (lower in the list) first. */
static void
compare(struct tui *t, struct hview *v, int a, int b)
{
	int older = a > b ? a : b, newer = a > b ? b : a;
	desk_diff_open(t, v->unit, v->year, v->h.v[older].hash, v->h.v[newer].hash, false);
}

/* Enter: the chosen one against the one in use; on the one in use, the pair diff would show
 * (the conflict's candidates, or the one before it). */
static void
compare_with_merged(struct tui *t, struct hview *v)
{
	struct err e;
	int a, b;
	if (v->h.n == 0)
		return;
	if (v->h.merged >= 0 && (size_t)v->h.merged != v->sel) {
		compare(t, v, (int)v->sel, v->h.merged);
		return;
	}
	if (history_default_pair(&v->h, &a, &b, &e) != ST_OK) {
		tui_error(t, &e);
		return;
	}
	desk_diff_open(t, v->unit, v->year, v->h.v[a].hash, v->h.v[b].hash, false);
}

static void
pick(struct tui *t, struct hview *v)
{
	if (v->h.n == 0)
		return;
	if (v->mark < 0)
		v->mark = (int)v->sel;
	else if ((size_t)v->mark == v->sel)
		v->mark = -1;
	else {
		int first = v->mark;
		v->mark = -1;
		compare(t, v, first, (int)v->sel);
	}
}

/* F2: the conflict's candidates side by side, where one is chosen. */
static void
settle(struct tui *t, struct hview *v)
{
	int c[2];
	if (history_candidates(&v->h, c, 2) < 2) {
		tui_message(t, false, "%s",
			    L("Báo cáo này không có xung đột nào cần xử lý.",
			      "This report has no conflict to settle."));
		return;
	}
	desk_diff_open(t, v->unit, v->year, v->h.v[c[0]].hash, v->h.v[c[1]].hash, true);
}

static void
move_to(struct hview *v, long to)
{
	if (v->h.n == 0)
		return;
	v->sel = to < 0 ? 0 : (size_t)to >= v->h.n ? v->h.n - 1 : (size_t)to;
}

static bool
hview_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct hview *v = tui_state(t);
	long page = t->rows - 7 > 1 ? t->rows - 7 : 1;
	if (is_text && ch == ' ')
		a = ACT_TOGGLE; /* Space reaches screens as typed text */
	switch (a) {
	case ACT_NEXT:
	case ACT_PREV:
		move_to(v, (long)v->sel + (a == ACT_NEXT ? 1 : -1));
		return true;
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
		move_to(v, (long)v->sel + (a == ACT_PAGE_DOWN ? page : -page));
		return true;
	case ACT_HOME:
	case ACT_END:
		move_to(v, a == ACT_HOME ? 0 : (long)v->h.n - 1);
		return true;
	case ACT_ENTER:
		compare_with_merged(t, v);
		return true;
	case ACT_TOGGLE:
		pick(t, v);
		return true;
	case ACT_CHECK:
		settle(t, v);
		return true;
	case ACT_BACK:
		/* Esc drops a first pick before it leaves. */
		if (v->mark < 0)
			return false;
		v->mark = -1;
		return true;
	default:
		return false;
	}
}

static const enum action *
hview_hints(struct tui *t)
{
	struct hview *v = tui_state(t);
	return v->h.conflict_revision > 0 ? hints_conflict : NULL;
}

/* What F1 explains here, set again when a comparison above it closes. */
static void
history_help(struct tui *t)
{
	char help[900];
	snprintf(
	    help, sizeof help,
	    L("Mọi lần gửi báo cáo năm này của đơn vị, mới nhất trước: bản đang dùng, bản cũ, "
	      "bản xung đột (cùng lần gửi mà nội dung khác) và bản đã để riêng khi xử lý xung "
	      "đột. %s so sánh lần gửi đang chọn với bản đang dùng; %s chọn hai lần gửi bất kỳ "
	      "để so sánh. Khi có xung đột, %s mở hai bản cạnh nhau để chọn một bản và ghi lý "
	      "do.",
	      "Every bundle of the unit's report of this year, newest first: the one in use, "
	      "older ones, conflicting ones (the same revision with other content) and those "
	      "set aside when a conflict was settled. %s compares the chosen one with the one "
	      "in use; %s picks any two to compare. In a conflict, %s opens the two side by "
	      "side to choose one and give the reason."),
	    action_first_key(ACT_ENTER), action_first_key(ACT_TOGGLE), action_first_key(ACT_CHECK));
	tui_set_help(t, L("Lịch sử báo cáo", "The report's history"), help);
}

/* Back from a comparison (a conflict settled there). */
static void
hview_resume(struct tui *t)
{
	history_help(t);
	load(t, tui_state(t));
}

static void
hview_idle(struct tui *t)
{
	struct hview *v = tui_state(t);
	if (store_data_version(t->db) != v->version)
		load(t, v);
}

static void
hview_leave(struct tui *t)
{
	struct hview *v = tui_state(t);
	history_free(&v->h);
	free(v->unit);
	free(v);
}

const struct screen screen_history = {
    .id = "history",
    .draw = hview_draw,
    .key = hview_key,
    .idle = hview_idle,
    .resume = hview_resume,
    .leave = hview_leave,
    .hints = hints,
    .hints_of = hview_hints,
    .keys = keys_taken,
    .overrides = overrides,
};

void
desk_history_open(struct tui *t, const char *unit, int year)
{
	struct hview *v = xcalloc(1, sizeof *v);
	v->unit = xstrdup(unit);
	v->year = year;
	v->mark = -1;
	v->h.merged = -1;
	if (!load(t, v)) {
		history_free(&v->h);
		free(v->unit);
		free(v);
		return;
	}
	history_help(t);
	tui_push(t, &screen_history, v);
}
