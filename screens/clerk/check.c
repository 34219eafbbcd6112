/* check.c: every finding of the validation engine with its section and field, then the
 * Ministry's comments still open; Enter jumps to the field, or opens the settings on a setting
 * the printed report needs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clerk.h"
#include "i18n.h"
#include "unit.h"
#include "validate.h"
#include "widgets.h"

struct check {
	struct report *r;
	struct findings *f;      /* the report's (the editor's) */
	struct findings printed; /* what the printed report needs of the settings */
	int *jump;
	int sel, top;
	struct unit_review rv; /* the Ministry's comments still open, listed last */
};

static const enum action hints[] = {ACT_ENTER, ACT_BACK, ACT_HELP, ACT_QUIT, ACT_NONE};
static const enum action hints_setting[] = {ACT_SETTINGS, ACT_ENTER, ACT_BACK, ACT_HELP, ACT_QUIT, ACT_NONE};
static const enum action keys_taken[] = {ACT_NEXT, ACT_PREV, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME,
					  ACT_END, ACT_ENTER, ACT_CHECK, ACT_SETTINGS, ACT_BACK, ACT_NONE};

/* Below the list, the chosen finding whole: a line of the list is cut at the screen's edge. */
#define DETAIL_ROWS 4

static int
list_rows(const struct tui *t)
{
	int h = t->rows - 5 - DETAIL_ROWS;
	return h > 3 ? h : 3;
}

/* The report's findings, then the settings', then the Ministry's comments. */
static int
count(const struct check *c)
{
	return (int)(c->f->n + c->printed.n + c->rv.n);
}

/* Line i's finding, or NULL when it is a comment (comment()). */
static const struct finding *
item(const struct check *c, int i)
{
	size_t k = (size_t)i;
	if (k < c->f->n)
		return &c->f->items[k];
	return k - c->f->n < c->printed.n ? &c->printed.items[k - c->f->n] : NULL;
}

static const struct review_note *
comment(const struct check *c, int i)
{
	return &c->rv.notes[(size_t)i - c->f->n - c->printed.n];
}

/* The first finding about a setting, or -1. */
static int
first_setting(const struct check *c)
{
	for (int i = 0; i < count(c); i++)
		if (item(c, i) && item(c, i)->kind == FK_SETTING)
			return i;
	return -1;
}

/* The settings are asked again whenever the screen is on top: the clerk may have just set
 * them. */
static void
ask_settings(struct tui *t, struct check *c)
{
	char *place = tui_setting_get(t->db, "unit.place");
	findings_free(&c->printed);
	validate_printed(place, &c->printed);
	free(place);
	if (c->sel >= count(c))
		c->sel = count(c) > 0 ? count(c) - 1 : 0;
}

/* A comment's line of the list (its tag padded as the levels'), or the detail's. */
static void
comment_line(const struct check *c, const struct review_note *x, bool padded, char *out, size_t n)
{
	const struct template *tp = c->r->t;
	const char *label = unit_review_label(&c->rv, x);
	snprintf(out, n, "%s  [%s] %s%s%s",
		 padded ? L("ý kiến  ", "comment")
			: L("Ý kiến của Bộ Y tế:", "The Ministry's comment:"),
		 x->field >= 0 ? TR(tp->sections[tp->fields[x->field].section].title)
			       : L("Cả báo cáo", "The whole report"),
		 label ? label : "", label ? ": " : "", x->text);
}

/* The list's line (levels padded to one width), or the detail's. */
static void
finding_line(const struct check *c, const struct finding *x, bool padded, char *out, size_t n)
{
	const char *level = padded ? level_tag(x->level) : level_heading(x->level);
	int k = snprintf(out, n, "%s  [%s] %s", level, finding_heading(c->r, x), x->message);
	if (!padded && x->kind == FK_SETTING && k > 0 && (size_t)k < n)
		snprintf(out + k, n - (size_t)k, L(" — %s: mở Cài đặt ở mục này.", " — %s: open the settings on it."),
			 action_first_key(ACT_SETTINGS));
}

/* Line i of the list (levels padded to one width), or its detail. */
static void
item_line(const struct check *c, int i, bool padded, char *out, size_t n)
{
	if (item(c, i))
		finding_line(c, item(c, i), padded, out, n);
	else
		comment_line(c, comment(c, i), padded, out, n);
}

void
check_open(struct tui *t, struct report *r, struct findings *f, int *jump)
{
	struct check *c = xcalloc(1, sizeof *c);
	char help[500];
	*c = (struct check){r, f, {0}, jump, 0, 0, {0}};
	struct err e;
	if (unit_review_open(t->db, r->year, report_phase_first(r), &c->rv, &e) != ST_OK)
		tui_error(t, &e);
	ask_settings(t, c);
	snprintf(help, sizeof help,
		 L("Lỗi phải sửa trước khi đóng gói; cảnh báo thì xem lại, nếu đúng như vậy vẫn đóng "
		   "gói được. Chọn một dòng và nhấn %s để đến mục đó; %s mở Cài đặt ở mục bản in cần "
		   "(địa danh).",
		   "Errors must be fixed before packing; review warnings, and if they are right the "
		   "report can still be packed. Choose a line and press %s to go to its field; %s opens "
		   "the settings the printed report needs (the place name)."),
		 action_first_key(ACT_ENTER), action_first_key(ACT_SETTINGS));
	tui_set_help(t, L("Kiểm tra báo cáo", "Checking the report"), help);
	tui_push(t, &screen_check, c);
}

static void
check_draw(struct tui *t)
{
	struct check *c = tui_state(t);
	char title[200], name[REPORT_PERIOD_NAME_SIZE];
	report_period_name(c->r->year, report_phase_first(c->r), name);
	snprintf(title, sizeof title,
		 L("Kiểm tra báo cáo %s — %zu lỗi, %zu cảnh báo",
		   "Check of the %s report — %zu errors, %zu warnings"),
		 name, c->f->errors + c->printed.errors, c->f->warnings + c->printed.warnings);
	if (c->rv.n) {
		size_t k = strlen(title);
		snprintf(title + k, sizeof title - k,
			 L(" — %zu ý kiến của Bộ", " — %zu comments of the Ministry"), c->rv.n);
	}
	tui_chrome(t, title);
	curs_set(0);
	if (count(c) == 0) {
		tui_text(t, 3, 2, t->cols - 4,
			 L("Không có lỗi, không có cảnh báo. Báo cáo sẵn sàng để đóng gói.",
			   "No errors, no warnings. The report is ready to pack."));
		return;
	}
	int h = list_rows(t);
	list_scroll(c->sel, &c->top, h);
	for (int i = c->top; i < count(c) && i - c->top < h; i++) {
		const struct finding *x = item(c, i);
		char line[3000]; /* a comment holds up to REVIEW_MAX_TEXT bytes */
		/* A finding in its level's colour; a comment of the Ministry's plain. */
		int attr = A_NORMAL;
		if (i == c->sel)
			attr = A_REVERSE;
		else if (t->color && x != NULL)
			attr = COLOR_PAIR(x->level == LV_ERROR ? 1 : 2);
		item_line(c, i, true, line, sizeof line);
		attron(attr);
		mvhline(2 + i - c->top, 0, ' ', t->cols);
		tui_text(t, 2 + i - c->top, 1, t->cols - 2, line);
		attroff(attr);
	}
	char line[3000]; /* a comment holds up to REVIEW_MAX_TEXT bytes */
	item_line(c, c->sel, false, line, sizeof line);
	mvhline(2 + h, 1, t->utf8 ? ACS_HLINE : '-', t->cols - 2);
	tui_wrap(t, 3 + h, 2, t->cols - 4, DETAIL_ROWS - 1, line, true);
}

/* Finding i chosen: the settings on its setting, or back to the editor on its field. */
static void
choose(struct tui *t, struct check *c, int i)
{
	const struct finding *x = item(c, i);
	c->sel = i;
	if (x && x->kind == FK_SETTING) {
		settings_open_at(t, x->path);
		return;
	}
	*c->jump = x ? x->field : comment(c, i)->field; /* the whole report's: -1, no move */
	tui_pop(t);
}

static void
check_click(struct tui *t, int y, int x)
{
	struct check *c = tui_state(t);
	(void)x;
	if (y >= 2 && y < 2 + list_rows(t) && c->top + y - 2 < count(c))
		choose(t, c, c->top + y - 2);
}

static bool
check_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct check *c = tui_state(t);
	(void)ch;
	(void)is_text;
	if (list_move(&c->sel, count(c), list_rows(t), a))
		return true;
	if (a == ACT_SETTINGS) {
		const struct finding *x = count(c) > 0 ? item(c, c->sel) : NULL;
		int i = x && x->kind == FK_SETTING ? c->sel : first_setting(c);
		if (i >= 0)
			choose(t, c, i);
		return i >= 0;
	}
	if (a == ACT_ENTER && count(c) > 0) {
		choose(t, c, c->sel);
		return true;
	}
	if (a == ACT_ENTER || a == ACT_CHECK) {
		tui_pop(t);
		return true;
	}
	return false;
}

/* F9 is shown while a setting is missing. */
static const enum action *
check_hints(struct tui *t)
{
	struct check *c = tui_state(t);
	return first_setting(c) >= 0 ? hints_setting : hints;
}

static void
check_resume(struct tui *t)
{
	ask_settings(t, tui_state(t));
}

static void
check_leave(struct tui *t)
{
	struct check *c = tui_state(t);
	findings_free(&c->printed);
	unit_review_free(&c->rv);
	free(c);
}

const struct screen screen_check = {
	.id = "check",
	.draw = check_draw,
	.key = check_key,
	.click = check_click,
	.resume = check_resume,
	.leave = check_leave,
	.hints = hints,
	.hints_of = check_hints,
	.keys = keys_taken,
};
