/* check.c: every finding of the validation engine with its section and field; Enter jumps to
 * the field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clerk.h"
#include "i18n.h"
#include "validate.h"
#include "widgets.h"

struct check {
	struct report *r;
	struct findings *f;
	int *jump;
	int sel, top;
};

static const enum action hints[] = {ACT_ENTER, ACT_BACK, ACT_HELP, ACT_QUIT, ACT_NONE};
static const enum action keys_taken[] = {ACT_NEXT, ACT_PREV, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME,
					  ACT_END, ACT_ENTER, ACT_CHECK, ACT_BACK, ACT_NONE};

/* Below the list, the chosen finding whole: a line of the list is cut at the screen's edge. */
#define DETAIL_ROWS 4

static int
list_rows(const struct tui *t)
{
	int h = t->rows - 5 - DETAIL_ROWS;
	return h > 3 ? h : 3;
}

/* The list's line (levels padded to one width), or the detail's. */
static void
finding_line(const struct check *c, const struct finding *x, bool padded, char *out, size_t n)
{
	const char *level = padded ? level_tag(x->level) : level_heading(x->level);
	snprintf(out, n, "%s  [%s] %s", level,
		 TR(c->r->t->sections[c->r->t->fields[x->field].section].title), x->message);
}

void
check_open(struct tui *t, struct report *r, struct findings *f, int *jump)
{
	struct check *c = xcalloc(1, sizeof *c);
	char help[400];
	*c = (struct check){r, f, jump, 0, 0};
	snprintf(help, sizeof help,
		 L("Lỗi phải sửa trước khi đóng gói; cảnh báo thì xem lại, nếu đúng như vậy vẫn đóng "
		   "gói được. Chọn một dòng và nhấn %s để đến mục đó.",
		   "Errors must be fixed before packing; review warnings, and if they are right the "
		   "report can still be packed. Choose a line and press %s to go to its field."),
		 action_first_key(ACT_ENTER));
	tui_set_help(t, L("Kiểm tra báo cáo", "Checking the report"), help);
	tui_push(t, &screen_check, c);
}

static void
check_draw(struct tui *t)
{
	struct check *c = tui_state(t);
	char title[200];
	snprintf(title, sizeof title, L("Kiểm tra báo cáo năm %d — %zu lỗi, %zu cảnh báo", "Check of the %d report — %zu errors, %zu warnings"),
		 c->r->year, c->f->errors, c->f->warnings);
	tui_chrome(t, title);
	curs_set(0);
	if (c->f->n == 0) {
		tui_text(t, 3, 2, t->cols - 4,
			 L("Không có lỗi, không có cảnh báo. Báo cáo sẵn sàng để đóng gói.",
			   "No errors, no warnings. The report is ready to pack."));
		return;
	}
	int h = list_rows(t);
	list_scroll(c->sel, &c->top, h);
	for (int i = c->top; i < (int)c->f->n && i - c->top < h; i++) {
		const struct finding *x = &c->f->items[i];
		char line[1400];
		finding_line(c, x, true, line, sizeof line);
		if (i == c->sel)
			attron(A_REVERSE);
		else if (t->color)
			attron(COLOR_PAIR(x->level == LV_ERROR ? 1 : 2));
		mvhline(2 + i - c->top, 0, ' ', t->cols);
		tui_text(t, 2 + i - c->top, 1, t->cols - 2, line);
		if (i == c->sel)
			attroff(A_REVERSE);
		else if (t->color)
			attroff(COLOR_PAIR(x->level == LV_ERROR ? 1 : 2));
	}
	char line[1400];
	finding_line(c, &c->f->items[c->sel], false, line, sizeof line);
	mvhline(2 + h, 1, t->utf8 ? ACS_HLINE : '-', t->cols - 2);
	tui_wrap(t, 3 + h, 2, t->cols - 4, DETAIL_ROWS - 1, line, true);
}

static void
check_click(struct tui *t, int y, int x)
{
	struct check *c = tui_state(t);
	(void)x;
	if (y >= 2 && y < 2 + list_rows(t) && c->top + y - 2 < (int)c->f->n) {
		c->sel = c->top + y - 2;
		*c->jump = c->f->items[c->sel].field;
		tui_pop(t);
	}
}

static bool
check_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct check *c = tui_state(t);
	(void)ch;
	(void)is_text;
	if (list_move(&c->sel, (int)c->f->n, list_rows(t), a))
		return true;
	if (a == ACT_ENTER && c->f->n > 0)
		*c->jump = c->f->items[c->sel].field;
	if (a == ACT_ENTER || a == ACT_CHECK) {
		tui_pop(t);
		return true;
	}
	return false;
}

const struct screen screen_check = {
	.id = "check",
	.draw = check_draw,
	.key = check_key,
	.click = check_click,
	.hints = hints,
	.keys = keys_taken,
};
