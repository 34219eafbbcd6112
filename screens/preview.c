/* preview.c: the report as it will print, scrollable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clerk.h"
#include "document.h"
#include "i18n.h"
#include "report.h"
#include "widgets.h"

struct preview {
	struct pager page; /* first: pager_leave frees the state */
	int year;
	int width;
};

static const enum action closes[] = {ACT_PREVIEW, ACT_NONE};
static const enum action hints[] = {ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_BACK, ACT_HELP, ACT_QUIT, ACT_NONE};
static const enum action keys_taken[] = {ACT_NEXT, ACT_PREV, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME,
					  ACT_END, ACT_PREVIEW, ACT_BACK, ACT_NONE};

static void
build(struct tui *t, struct preview *p)
{
	struct report *r;
	struct err e;
	struct buf b;
	pager_clear(&p->page);
	p->width = t->cols - 4 < 90 ? t->cols - 4 : 90;
	if (report_open_or_new(t->db, p->year, &r, &e) != ST_OK) {
		tui_error(t, &e);
		return;
	}
	char *place = tui_setting_get(t->db, "unit.place");
	buf_init(&b);
	document_text(r, place, p->width, &b);
	free(place);
	report_free(r);
	pager_add_lines(&p->page, b.data);
	buf_free(&b);
}

void
preview_open(struct tui *t, int year)
{
	struct preview *p = xcalloc(1, sizeof *p);
	p->page.closes = closes;
	p->year = year;
	build(t, p);
	tui_set_help(t, L("Xem bản in", "Print preview"),
		     L("Báo cáo như khi in (bản in thật: xhht export NĂM --format html, mở bằng trình duyệt rồi in).",
		       "The report as it prints (for the real print: xhht export YEAR --format html, open it "
		       "in a browser and print)."));
	tui_push(t, &screen_preview, p);
}

static void
preview_draw(struct tui *t)
{
	struct preview *p = tui_state(t);
	char title[100];
	snprintf(title, sizeof title, L("Bản in báo cáo năm %d — dòng %d/%d", "Print preview of the %d report — line %d/%d"),
		 p->year, p->page.top + 1, p->page.n);
	tui_chrome(t, title);
	curs_set(0);
	pager_draw(t, &p->page, 2, (t->cols - p->width) / 2, p->width, t->rows - 4);
}

static void
preview_resize(struct tui *t)
{
	build(t, tui_state(t));
}

const struct screen screen_preview = {
	.id = "preview",
	.draw = preview_draw,
	.key = pager_screen_key,
	.resize = preview_resize,
	.leave = pager_leave,
	.hints = hints,
	.keys = keys_taken,
};
