/* preview.c: the report as it will print, scrollable; from here the clerk saves the printable
 * report (HTML for A4) and the CSV to a folder or USB stick, and opens the HTML in a browser. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clerk.h"
#include "document.h"
#include "i18n.h"
#include "platform.h"
#include "report.h"
#include "widgets.h"

struct preview {
	struct pager page; /* first: pager_leave frees the state */
	int year, phase_first; /* the report's period */
	int width;
};

static const enum action closes[] = {ACT_PREVIEW, ACT_NONE};
static const enum action hints[] = {ACT_SAVE, ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_BACK, ACT_HELP, ACT_QUIT, ACT_NONE};
static const enum action keys_taken[] = {ACT_NEXT, ACT_PREV, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME,
					  ACT_END, ACT_PREVIEW, ACT_SAVE, ACT_BACK, ACT_NONE};

static void
build(struct tui *t, struct preview *p)
{
	struct report *r;
	struct err e;
	struct buf b;
	pager_clear(&p->page);
	p->width = t->cols - 4 < 90 ? t->cols - 4 : 90;
	if (report_open_or_new(t->db, p->year, p->phase_first, &r, &e) != ST_OK) {
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
preview_open(struct tui *t, int year, int phase_first)
{
	struct preview *p = xcalloc(1, sizeof *p);
	char help[600];
	p->page.closes = closes;
	p->year = year;
	p->phase_first = phase_first;
	build(t, p);
	snprintf(help, sizeof help,
		 L("Báo cáo như khi in. %s lưu bản in (tệp HTML, khổ A4) và tệp CSV (mở bằng Excel) vào "
		   "một thư mục hoặc USB; nếu máy có trình duyệt, chương trình mở bản in trong trình "
		   "duyệt để in (Ctrl-P, khổ A4).",
		   "The report as it prints. %s saves the printable report (an HTML file, A4) and the "
		   "CSV (opens in Excel) to a folder or USB stick; where a browser is installed, the "
		   "program opens the printable report in it to print (Ctrl-P, A4)."),
		 action_first_key(ACT_SAVE));
	tui_set_help(t, L("Xem bản in", "Print preview"), help);
	tui_push(t, &screen_preview, p);
}

/* Saves the printable report and the CSV into a folder the clerk chooses, says where, and
 * offers to open the printable report in a browser. */
static void
save(struct tui *t, struct preview *p)
{
	struct report *r;
	struct err e;
	if (report_open_or_new(t->db, p->year, p->phase_first, &r, &e) != ST_OK) {
		tui_error(t, &e);
		return;
	}
	preview_save(t, r);
	report_free(r);
}

void
preview_save(struct tui *t, const struct report *r)
{
	struct err e;
	char *html = NULL, *csv = NULL;
	char *dir = tui_choose_path_kept(t, L("Lưu bản in và tệp CSV vào đâu? (USB ở đầu danh sách)",
					      "Save the printable report and the CSV where? (USB sticks first)"),
					 true, NULL, "folder.save");
	if (dir == NULL)
		return;
	char *place = tui_setting_get(t->db, "unit.place");
	enum status st = document_save(r, place, dir, &html, &csv, &e);
	free(place);
	free(dir);
	if (st != ST_OK) {
		tui_error(t, &e);
		return;
	}
	char l1[1100], l2[1100];
	char *program = plat_browser();
	snprintf(l1, sizeof l1, L("Bản in (mở bằng trình duyệt, in khổ A4): %s", "Printable report (open in a browser, print on A4): %s"), html);
	snprintf(l2, sizeof l2, L("Bảng số liệu (mở bằng Excel): %s", "Figures (open in Excel): %s"), csv);
	const char *lines[] = {l1, l2, "",
			       program ? L("Tiếp theo: mở bản in trong trình duyệt để in.", "Next: open the printable report in the browser to print it.")
				       : L("Để in: mở tệp bản in bằng trình duyệt (Firefox, Chrome…), chọn In, khổ A4.",
					   "To print: open the printable report in a browser (Firefox, Chrome…), choose Print, A4.")};
	tui_inform(t, L("Đã lưu", "Saved"), lines, 4);
	/* The names first: a long folder is what the line may lose at its end. */
	const char *html_name = strrchr(html, '/') + 1, *csv_name = strrchr(csv, '/') + 1;
	tui_message(t, false, L("Đã lưu %s và %s vào %.*s", "Saved %s and %s in %.*s"), html_name,
		    csv_name, (int)(html_name - 1 - html), html);
	if (program && tui_confirm(t, L("Mở bản in trong trình duyệt để in?", "Open the printable report in the browser to print it?"))) {
		if (plat_start_browser(program, html))
			tui_message(t, false, L("Đã mở %s trong trình duyệt.", "Opened %s in the browser."), html_name);
		else
			tui_message(t, true, L("Không mở được trình duyệt; tệp đã lưu ở %s", "The browser did not start; the file is at %s"), html);
	}
	free(program);
	free(html);
	free(csv);
}

static bool
preview_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	if (a == ACT_SAVE) {
		save(t, tui_state(t));
		return true;
	}
	return pager_screen_key(t, a, ch, is_text);
}

static void
preview_draw(struct tui *t)
{
	struct preview *p = tui_state(t);
	char title[140], name[REPORT_PERIOD_NAME_SIZE];
	report_period_name(p->year, p->phase_first, name);
	snprintf(title, sizeof title,
		 L("Bản in báo cáo %s — dòng %d/%d", "Print preview of the %s report — line %d/%d"),
		 name, p->page.top + 1, p->page.n);
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
	.key = preview_key,
	.resize = preview_resize,
	.leave = pager_leave,
	.hints = hints,
	.keys = keys_taken,
};
