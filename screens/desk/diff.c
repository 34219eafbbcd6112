/* diff.c: the desk's comparison of two bundles of a unit's report: each field and table cell
 * that changed, label | older | newer side by side in template order, scrolled; for a conflict's
 * candidates, where staff choose one, give the reason and confirm (history_settle). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"
#include "history.h"
#include "i18n.h"
#include "period.h"

/* The most rows one side of a change takes; a longer text ends in the ellipsis. */
#define CELL_ROWS 6

struct dview {
	char *unit;
	int year;
	bool settle; /* the conflict's candidates: F2 chooses one */
	struct history_diff d;
	char states[2][80]; /* what became of each bundle (history_state_word), older first */
	int top;            /* the body's first row shown */
};

static const enum action hints[] = {ACT_NEXT, ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_BACK,
				    ACT_HELP, ACT_QUIT,      ACT_NONE};
static const enum action hints_settle[] = {ACT_CHECK, ACT_NEXT, ACT_PAGE_DOWN, ACT_BACK,
					   ACT_HELP,  ACT_QUIT, ACT_NONE};
static const enum action keys_taken[] = {ACT_NEXT, ACT_PREV,  ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME,
					 ACT_END,  ACT_CHECK, ACT_BACK,    ACT_NONE};

static const struct action_info overrides[] = {
    {ACT_NEXT, "Xuống", "Down", "Cuộn xuống một dòng", "Scroll down a line", NULL},
    {ACT_PREV, "Lên", "Up", "Cuộn lên một dòng", "Scroll up a line", NULL},
    {ACT_HOME, "Đầu", "Top", "Thay đổi đầu tiên", "The first change", NULL},
    {ACT_END, "Cuối", "Bottom", "Thay đổi cuối cùng", "The last change", NULL},
    {ACT_CHECK, "Chọn bản", "Choose",
     "Chọn một trong hai bản xung đột làm báo cáo của đơn vị (ghi lý do)",
     "Choose one of the conflicting bundles as the unit's report (with the reason)", NULL},
    {ACT_NONE, NULL, NULL, NULL, NULL, NULL},
};

/* The columns: a mark, the label, the older and the newer value, with a rule between. */
struct cols {
	int mark, label, old, new_; /* x of each */
	int wl, wv;                 /* widths of the label and of each value */
};

static struct cols
layout(const struct tui *t)
{
	struct cols c;
	int avail = t->cols - 2 - 2 * 2;
	c.wl = avail * 3 / 10;
	c.wv = (avail - c.wl) / 2;
	c.mark = 0;
	c.label = 2;
	c.old = c.label + c.wl + 2;
	c.new_ = c.old + c.wv + 2;
	return c;
}

static const char *
shown(const char *s)
{
	return *s ? s : "—";
}

/* Rows change i takes (a section's title before it counts when it starts one). */
static int
change_rows(struct tui *t, const struct dview *v, size_t i, const struct cols *c, bool *titled)
{
	const struct history_change *x = &v->d.v[i];
	int r = tui_wrap(t, 0, 0, c->wl - 1, CELL_ROWS, x->label, false);
	int o = tui_wrap(t, 0, 0, c->wv - 1, CELL_ROWS, shown(x->old_text), false);
	int n = tui_wrap(t, 0, 0, c->wv - 1, CELL_ROWS, shown(x->new_text), false);
	r = r > o ? r : o;
	r = r > n ? r : n;
	*titled = i == 0 || x->section != v->d.v[i - 1].section;
	return (r > 0 ? r : 1) + (*titled ? 1 : 0);
}

static int
total_rows(struct tui *t, const struct dview *v)
{
	struct cols c = layout(t);
	int sum = 0;
	bool titled;
	for (size_t i = 0; i < v->d.n; i++)
		sum += change_rows(t, v, i, &c, &titled);
	return sum;
}

static int
body_rows(const struct tui *t)
{
	return t->rows - 8 > 1 ? t->rows - 8 : 1;
}

/* Draws what of a wrapped text falls in the window: its rows skip on, from row y. */
static void
side(struct tui *t, int y, int x, int w, int skip, int room, const char *s, int attr)
{
	if (room <= 0)
		return;
	attron(attr);
	tui_wrap_from(t, y, x, w, skip, room < CELL_ROWS - skip ? room : CELL_ROWS - skip, s, true);
	attroff(attr);
}

static void
draw_change(struct tui *t, const struct dview *v, size_t i, const struct cols *c, int y, int skip,
	    int room)
{
	static const char marks[] = {[CH_CHANGED] = '~', [CH_ADDED] = '+', [CH_REMOVED] = '-'};
	const struct history_change *x = &v->d.v[i];
	const char *rule = t->utf8 ? "│" : "|";
	char mark[2] = {marks[x->kind], 0};
	int h = room;
	if (skip == 0)
		tui_text(t, y, c->mark, 1, mark);
	for (int r = 0; r < h; r++) {
		tui_text(t, y + r, c->old - 2, 1, rule);
		tui_text(t, y + r, c->new_ - 2, 1, rule);
	}
	side(t, y, c->label, c->wl - 1, skip, room, x->label, A_NORMAL);
	side(t, y, c->old, c->wv - 1, skip, room, shown(x->old_text),
	     !*x->old_text           ? A_DIM
	     : x->kind == CH_REMOVED ? A_BOLD
				     : A_NORMAL);
	side(t, y, c->new_, c->wv - 1, skip, room, shown(x->new_text),
	     !*x->new_text ? A_DIM : A_BOLD);
}

static void
draw_body(struct tui *t, struct dview *v, int y0)
{
	struct cols c = layout(t);
	int h = body_rows(t), row = 0, most = total_rows(t, v) - h;
	if (v->top > most)
		v->top = most > 0 ? most : 0;
	if (v->d.n == 0)
		tui_wrap(t, y0, 2, t->cols - 4, h,
			 L("Hai bản giống nhau: không có mục nào khác.",
			   "The two are the same: nothing differs."),
			 true);
	for (size_t i = 0; i < v->d.n && row < v->top + h; i++) {
		bool titled;
		int rows = change_rows(t, v, i, &c, &titled), skip = 0;
		if (row + rows <= v->top) {
			row += rows;
			continue;
		}
		if (titled) {
			if (row >= v->top) {
				attron(A_BOLD | A_UNDERLINE);
				tui_text(t, y0 + row - v->top, 0, t->cols - 1,
					 v->d.v[i].section_title);
				attroff(A_BOLD | A_UNDERLINE);
			}
			row++;
			rows--;
		}
		skip = v->top > row ? v->top - row : 0;
		draw_change(t, v, i, &c, y0 + row + skip - v->top, skip,
			    (rows - skip) < (v->top + h - row - skip) ? rows - skip
								      : v->top + h - row - skip);
		row += rows;
	}
}

static void
dview_draw(struct tui *t)
{
	struct dview *v = tui_state(t);
	struct cols c = layout(t);
	char line[400], a[120], period[PERIOD_WORDS_SIZE];
	period_key_words(v->year, period);
	if (v->settle)
		snprintf(line, sizeof line,
			 L("%s — %s — xung đột ở lần gửi %d: chọn một bản",
			   "%s — %s — conflict in revision %d: choose one"),
			 v->unit, period, v->d.new_revision);
	else
		snprintf(line, sizeof line,
			 L("%s — %s — so sánh hai lần gửi", "%s — %s — two revisions compared"),
			 v->unit, period);
	tui_chrome(t, line);
	snprintf(line, sizeof line,
		 v->settle ? L("Hai bản khác nhau ở %zu chỗ. %s: chọn một bản, ghi lý do.",
			       "The two differ in %zu places. %s: choose one, give the reason.")
			   : L("%zu thay đổi (~ đổi, + thêm, - bỏ). %s: cuộn.",
			       "%zu changes (~ changed, + added, - removed). %s: scroll."),
		 v->d.n, v->settle ? action_first_key(ACT_CHECK) : action_first_key(ACT_PAGE_DOWN));
	tui_text(t, 1, 1, t->cols - 2, line);
	attron(A_BOLD);
	tui_text(t, 3, c.label, c.wl, L("Mục", "Field"));
	for (int k = 0; k < 2; k++) {
		snprintf(a, sizeof a, L("Lần gửi %d · %.*s", "Revision %d · %.*s"),
			 k ? v->d.new_revision : v->d.old_revision, HISTORY_HASH_SHOWN,
			 k ? v->d.new_hash : v->d.old_hash);
		tui_text(t, 3, k ? c.new_ : c.old, c.wv, a);
	}
	attroff(A_BOLD);
	tui_text(t, 4, c.old, c.wv, v->states[0]);
	tui_text(t, 4, c.new_, c.wv, v->states[1]);
	for (int x = 0; x < t->cols; x++)
		tui_text(t, 5, x, 1, t->utf8 ? "─" : "-");
	draw_body(t, v, 6);
	curs_set(0);
}

/* The reason for a choice, asked until one is given; NULL when staff cancel. */
static char *
ask_reason(struct tui *t)
{
	const char *title = L("Lý do chọn bản này (bắt buộc, ghi vào nhật ký của Bộ):",
			      "Why this one (required, kept in the staff log):");
	for (;;) {
		char *r = tui_prompt(t, title, "", false);
		if (r == NULL || r[strspn(r, " \t")] != '\0')
			return r;
		free(r);
		title = L("Cần ghi lý do để sau này còn giải thích được. Lý do chọn bản này:",
			  "A reason is needed, so that the choice can be explained later. Why this "
			  "one:");
	}
}

/* F2 on a conflict's candidates: which one, why, and a last confirmation; then the choice is
 * written (history_settle) and staff are back on the history, which shows it. */
static void
settle(struct tui *t, struct dview *v)
{
	struct history h;
	struct err e;
	int c[8];
	char labels[8][200], when[32], chosen[65], period[PERIOD_WORDS_SIZE];
	const char *lp[8];
	size_t aside;
	period_key_words(v->year, period);
	if (history_read(t->db, v->unit, v->year, &h, &e) != ST_OK) {
		history_free(&h);
		tui_error(t, &e);
		return;
	}
	int n = (int)history_candidates(&h, c, 8);
	if (n < 2) {
		history_free(&h);
		tui_message(t, false, "%s",
			    L("Xung đột này đã được xử lý.", "This conflict was settled already."));
		return;
	}
	for (int i = 0; i < n && i < 8; i++) {
		time_vietnam(h.v[c[i]].observed_at, when);
		snprintf(labels[i], sizeof labels[i],
			 L("Gói %.*s (%s), Bộ nhận %s", "Bundle %.*s (%s), received %s"),
			 HISTORY_HASH_SHOWN, h.v[c[i]].hash, history_state_word(h.v[c[i]].state),
			 when);
		lp[i] = labels[i];
	}
	int k = tui_choose(
	    t, L("Dùng bản nào làm báo cáo của đơn vị?", "Which one becomes the unit's report?"),
	    lp, n < 8 ? n : 8, 0);
	char *reason = k >= 0 ? ask_reason(t) : NULL;
	char *question =
	    reason == NULL
		? NULL
		: xasprintf(L("Dùng gói %.*s làm báo cáo %s của đơn vị %s? Bản còn lại vẫn ở "
			      "trong lịch sử, để riêng. Lý do: %s",
			      "Use bundle %.*s as the %s report of unit %s? The other stays in the "
			      "history, set aside. Reason: %s"),
			    HISTORY_HASH_SHOWN, h.v[c[k]].hash, period, v->unit, reason);
	if (question == NULL || !tui_confirm(t, question))
		tui_message(t, false, "%s", L("Chưa chọn bản nào.", "Nothing chosen."));
	else if (history_settle(t->db, v->unit, v->year, h.v[c[k]].hash, reason, chosen, &aside,
				&e) != ST_OK)
		tui_error(t, &e);
	else {
		tui_message(t, false,
			    L("Đã chọn gói %.*s làm báo cáo của đơn vị %s; %zu bản để riêng. Đã "
			      "ghi vào nhật ký.",
			      "Bundle %.*s is now the report of unit %s; %zu set aside. Logged."),
			    HISTORY_HASH_SHOWN, chosen, v->unit, aside);
		free(question);
		free(reason);
		history_free(&h);
		tui_pop(t); /* the history below reads itself again */
		return;
	}
	free(question);
	free(reason);
	history_free(&h);
}

static bool
dview_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct dview *v = tui_state(t);
	int h = body_rows(t), most = total_rows(t, v) - h;
	(void)ch;
	(void)is_text;
	switch (a) {
	case ACT_NEXT:
	case ACT_PREV:
		v->top += a == ACT_NEXT ? 1 : -1;
		break;
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
		v->top += a == ACT_PAGE_DOWN ? h - 1 : -(h - 1);
		break;
	case ACT_HOME:
	case ACT_END:
		v->top = a == ACT_HOME ? 0 : most;
		break;
	case ACT_CHECK:
		if (v->settle)
			settle(t, v);
		else
			tui_message(t, false, "%s",
				    L("Chỉ chọn bản khi có xung đột (mở từ lịch sử).",
				      "A bundle is chosen only in a conflict (from the history)."));
		return true;
	default:
		return false; /* Esc goes back to the history */
	}
	if (v->top > most)
		v->top = most;
	if (v->top < 0)
		v->top = 0;
	return true;
}

static const enum action *
dview_hints(struct tui *t)
{
	struct dview *v = tui_state(t);
	return v->settle ? hints_settle : NULL;
}

static void
dview_leave(struct tui *t)
{
	struct dview *v = tui_state(t);
	history_diff_free(&v->d);
	free(v->unit);
	free(v);
}

const struct screen screen_diff = {
    .id = "diff",
    .draw = dview_draw,
    .key = dview_key,
    .leave = dview_leave,
    .hints = hints,
    .hints_of = dview_hints,
    .keys = keys_taken,
    .overrides = overrides,
};

/* What became of the bundle hash, in words, from the unit's history. */
static void
state_of(const struct history *h, const char *hash, char *out, size_t size)
{
	out[0] = '\0';
	for (size_t i = 0; i < h->n; i++)
		if (strcmp(h->v[i].hash, hash) == 0)
			snprintf(out, size, "%s", history_state_word(h->v[i].state));
}

void
desk_diff_open(struct tui *t, const char *unit, int year, const char *old_hash,
	       const char *new_hash, bool settle)
{
	struct dview *v = xcalloc(1, sizeof *v);
	struct history h;
	struct err e;
	char help[900];
	if (history_diff(t->db, unit, year, old_hash, new_hash, &v->d, &e) != ST_OK ||
	    history_read(t->db, unit, year, &h, &e) != ST_OK) {
		tui_error(t, &e);
		history_diff_free(&v->d);
		free(v);
		return;
	}
	state_of(&h, old_hash, v->states[0], sizeof v->states[0]);
	state_of(&h, new_hash, v->states[1], sizeof v->states[1]);
	history_free(&h);
	v->unit = xstrdup(unit);
	v->year = year;
	v->settle = settle;
	snprintf(help, sizeof help,
		 L("Các mục và các ô của bảng khác nhau giữa hai lần gửi, theo thứ tự của mẫu báo "
		   "cáo: tên mục, giá trị ở bản cũ và ở bản mới. ~ là giá trị đổi, + là giá trị "
		   "hoặc dòng thêm, - là giá trị hoặc dòng bỏ. %s, %s cuộn. Khi xem hai bản xung "
		   "đột, %s chọn một bản làm báo cáo của đơn vị; cần ghi lý do, việc này được ghi "
		   "vào nhật ký cùng tên người làm và thời gian.",
		   "The fields and table cells that differ between the two, in the template's "
		   "order: the field, its value in the older and in the newer one. ~ a value "
		   "changed, + a value or row added, - a value or row removed. %s, %s scroll. On a "
		   "conflict's two bundles, %s chooses one as the unit's report; a reason is "
		   "needed, and the choice is logged with who made it and when."),
		 action_first_key(ACT_PAGE_DOWN), action_first_key(ACT_PAGE_UP),
		 action_first_key(ACT_CHECK));
	tui_set_help(t, L("So sánh hai lần gửi", "Two revisions compared"), help);
	tui_push(t, &screen_diff, v);
}
