/* check.c: every finding of the validation engine with its section and field; Enter jumps to
 * the field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "tui.h"
#include "validate.h"

struct check {
	struct report *r;
	struct findings *f;
	int *jump;
	int sel, top;
};

static const enum action hints[] = {ACT_ENTER, ACT_BACK, ACT_HELP, ACT_QUIT, ACT_NONE};

void check_screen_open(struct tui *t, struct report *r, struct findings *f, int *jump);
void
check_screen_open(struct tui *t, struct report *r, struct findings *f, int *jump)
{
	struct check *c = xcalloc(1, sizeof *c);
	*c = (struct check){r, f, jump, 0, 0};
	tui_push(t, &screen_check, c);
}

static void
check_enter(struct tui *t, void *arg)
{
	tui_set_state(t, arg);
	tui_set_help(t, L("Kiểm tra báo cáo", "Checking the report"),
		     L("Lỗi phải sửa trước khi đóng gói; cảnh báo thì xem lại, nếu đúng như vậy vẫn đóng "
		       "gói được. Chọn một dòng và nhấn Enter để đến mục đó.",
		       "Errors must be fixed before packing; review warnings, and if they are right the "
		       "report can still be packed. Choose a line and press Enter to go to its field."));
}

static void
check_draw(struct tui *t)
{
	struct check *c = tui_state(t);
	char title[200];
	int h = t->rows - 5;
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
	if (c->sel < c->top)
		c->top = c->sel;
	if (c->sel >= c->top + h)
		c->top = c->sel - h + 1;
	for (int i = c->top; i < (int)c->f->n && i - c->top < h; i++) {
		const struct finding *x = &c->f->items[i];
		char line[1400];
		snprintf(line, sizeof line, "%s  [%s] %s",
			 x->level == LV_ERROR ? L("LỖI     ", "ERROR  ") : L("cảnh báo", "warning"),
			 TR(c->r->t->sections[c->r->t->fields[x->field].section].title), x->message);
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
}

static void
check_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct check *c = tui_state(t);
	int n = (int)c->f->n;
	(void)ch;
	(void)is_text;
	switch (a) {
	case ACT_CLICK:
		if (t->click_y >= 2 && c->top + t->click_y - 2 < n) {
			c->sel = c->top + t->click_y - 2;
			*c->jump = c->f->items[c->sel].field;
			tui_pop(t);
		}
		break;
	case ACT_NEXT:
		if (c->sel + 1 < n)
			c->sel++;
		break;
	case ACT_PREV:
		if (c->sel > 0)
			c->sel--;
		break;
	case ACT_PAGE_DOWN:
		c->sel = c->sel + (t->rows - 5) < n ? c->sel + (t->rows - 5) : n - 1;
		break;
	case ACT_PAGE_UP:
		c->sel = c->sel - (t->rows - 5) > 0 ? c->sel - (t->rows - 5) : 0;
		break;
	case ACT_ENTER:
		if (n > 0)
			*c->jump = c->f->items[c->sel].field;
		tui_pop(t);
		break;
	case ACT_BACK:
	case ACT_CHECK:
		tui_pop(t);
		break;
	default:
		break;
	}
}

static void
check_leave(struct tui *t)
{
	free(tui_state(t));
}

const struct screen screen_check = {
	.id = "check",
	.title_vi = "Kiểm tra",
	.title_en = "Check",
	.enter = check_enter,
	.draw = check_draw,
	.key = check_key,
	.leave = check_leave,
	.hints = hints,
};
