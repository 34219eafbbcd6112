/* preview.c: the report as it will print, scrollable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "i18n.h"
#include "report.h"
#include "tui.h"

struct preview {
	int year;
	char **lines;
	int n, top, width;
};

static const enum action hints[] = {ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_BACK, ACT_HELP, ACT_QUIT, ACT_NONE};

static void
build(struct tui *t, struct preview *p)
{
	struct report *r;
	struct err e;
	struct buf b;
	for (int i = 0; i < p->n; i++)
		free(p->lines[i]);
	free(p->lines);
	p->lines = NULL;
	p->n = 0;
	p->width = t->cols - 4 < 90 ? t->cols - 4 : 90;
	if (report_open_or_new(t->db, p->year, &r, &e) != ST_OK) {
		tui_message(t, true, "%s", e.msg);
		return;
	}
	char *place = tui_setting_get(t->db, "unit.place");
	buf_init(&b);
	document_text(r, place, p->width, &b);
	free(place);
	report_free(r);
	for (char *s = b.data, *nl; s && *s; s = nl ? nl + 1 : NULL) {
		nl = strchr(s, '\n');
		p->lines = xreallocarray(p->lines, (size_t)p->n + 1, sizeof *p->lines);
		p->lines[p->n++] = nl ? xstrndup(s, (size_t)(nl - s)) : xstrdup(s);
	}
	buf_free(&b);
}

static void
preview_enter(struct tui *t, void *arg)
{
	struct preview *p = xcalloc(1, sizeof *p);
	p->year = *(int *)arg;
	tui_set_state(t, p);
	build(t, p);
	tui_set_help(t, L("Xem bản in", "Print preview"),
		     L("Báo cáo như khi in (bản in thật: xhht export NĂM --format html, mở bằng trình duyệt rồi in).",
		       "The report as it prints (for the real print: xhht export YEAR --format html, open it "
		       "in a browser and print)."));
}

static void
preview_draw(struct tui *t)
{
	struct preview *p = tui_state(t);
	char title[100];
	int h = t->rows - 4, x = (t->cols - p->width) / 2;
	snprintf(title, sizeof title, L("Bản in báo cáo năm %d — dòng %d/%d", "Print preview of the %d report — line %d/%d"),
		 p->year, p->top + 1, p->n);
	tui_chrome(t, title);
	curs_set(0);
	for (int i = p->top; i < p->n && i - p->top < h; i++)
		tui_text(t, 2 + i - p->top, x, p->width, p->lines[i]);
}

static void
preview_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct preview *p = tui_state(t);
	int h = t->rows - 4, max = p->n > h ? p->n - h : 0;
	(void)ch;
	(void)is_text;
	if (a == ACT_NEXT)
		p->top++;
	else if (a == ACT_PREV)
		p->top--;
	else if (a == ACT_PAGE_DOWN || (is_text && ch == ' '))
		p->top += h;
	else if (a == ACT_PAGE_UP)
		p->top -= h;
	else if (a == ACT_HOME)
		p->top = 0;
	else if (a == ACT_END)
		p->top = max;
	else if (a == ACT_BACK || a == ACT_PREVIEW) {
		tui_pop(t);
		return; /* p is freed */
	}
	if (p->top > max)
		p->top = max;
	if (p->top < 0)
		p->top = 0;
}

static void
preview_resize(struct tui *t)
{
	build(t, tui_state(t));
}

static void
preview_leave(struct tui *t)
{
	struct preview *p = tui_state(t);
	for (int i = 0; i < p->n; i++)
		free(p->lines[i]);
	free(p->lines);
	free(p);
}

const struct screen screen_preview = {
	.id = "preview",
	.title_vi = "Xem bản in",
	.title_en = "Print preview",
	.enter = preview_enter,
	.draw = preview_draw,
	.key = preview_key,
	.resize = preview_resize,
	.leave = preview_leave,
	.hints = hints,
};
