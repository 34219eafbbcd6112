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
	if (c->sel < c->top)
		c->top = c->sel;
	if (c->sel >= c->top + h)
		c->top = c->sel - h + 1;
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
check_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct check *c = tui_state(t);
	int n = (int)c->f->n;
	(void)ch;
	(void)is_text;
	switch (a) {
	case ACT_CLICK:
		if (t->click_y >= 2 && t->click_y < 2 + list_rows(t) && c->top + t->click_y - 2 < n) {
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
	case ACT_HOME:
		c->sel = 0;
		break;
	case ACT_END:
		c->sel = n > 0 ? n - 1 : 0;
		break;
	case ACT_PAGE_DOWN:
		c->sel = c->sel + list_rows(t) < n ? c->sel + list_rows(t) : n - 1;
		break;
	case ACT_PAGE_UP:
		c->sel = c->sel - list_rows(t) > 0 ? c->sel - list_rows(t) : 0;
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
