/* totals.c: the desk's totals of a year (totals_year, the figures the export prints): each
 * aggregate with its value, criteria as "đạt x/y đơn vị"; Enter lists the units behind one
 * (what each gave, who did not answer), and Enter there opens that unit's report. F6 here and
 * on the proposals writes the year's export (desk_export). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"
#include "i18n.h"
#include "report.h"
#include "store.h"
#include "summary.h"
#include "totals.h"
#include "widgets.h"

struct totals_view {
	int year;
	struct year_totals y;
	long long version; /* the database's data_version when read */
	int sel, top;
};

/* The units behind one aggregate, copied from it (the totals may be read again meanwhile). */
struct drill_row {
	char *code, *name, *value;
	bool answered;
	int64_t v;
};
struct drill {
	int year;
	char *label, *summary;
	bool yesno;
	struct drill_row *rows;
	int n, sel, top;
};

static const enum action hints[] = {ACT_ENTER, ACT_LEFT, ACT_SAVE, ACT_BACK,
				    ACT_HELP,  ACT_QUIT, ACT_NONE};
static const enum action keys_taken[] = {ACT_ENTER,     ACT_NEXT, ACT_PREV, ACT_PAGE_UP,
					 ACT_PAGE_DOWN, ACT_HOME, ACT_END,  ACT_LEFT,
					 ACT_RIGHT,     ACT_SAVE, ACT_BACK, ACT_NONE};
static const struct action_info overrides[] = {
    {ACT_ENTER, "Đơn vị", "Units", "Các đơn vị góp vào số liệu đang chọn",
     "The units behind the chosen figure", NULL},
    {ACT_LEFT, "Năm trước", "Year before", "Số liệu của năm trước", "The year before's totals",
     NULL},
    {ACT_RIGHT, "Năm sau", "Next year", "Số liệu của năm sau", "The next year's totals", NULL},
    {ACT_HOME, "Đầu danh sách", "First", "Dòng đầu danh sách", "The list's first line", NULL},
    {ACT_END, "Cuối danh sách", "Last", "Dòng cuối danh sách", "The list's last line", NULL},
    {ACT_SAVE, "Xuất tệp", "Export",
     "Lưu báo cáo tổng hợp của năm (HTML để in, CSV cho Excel) vào thư mục hoặc USB",
     "Save the year's consolidated report (HTML to print, CSV for Excel) to a folder or USB", NULL},
    {ACT_NONE, NULL, NULL, NULL, NULL, NULL},
};

static const enum action drill_hints[] = {ACT_ENTER, ACT_BACK, ACT_HELP, ACT_QUIT, ACT_NONE};
static const enum action drill_keys[] = {ACT_ENTER, ACT_NEXT, ACT_PREV, ACT_PAGE_UP, ACT_PAGE_DOWN,
					 ACT_HOME,  ACT_END,  ACT_BACK, ACT_NONE};
static const struct action_info drill_overrides[] = {
    {ACT_ENTER, "Xem báo cáo", "Open report", "Xem báo cáo của đơn vị đang chọn",
     "Open the chosen unit's report", NULL},
    {ACT_HOME, "Đầu danh sách", "First", "Đơn vị đầu danh sách", "The list's first unit", NULL},
    {ACT_END, "Cuối danh sách", "Last", "Đơn vị cuối danh sách", "The list's last unit", NULL},
    {ACT_NONE, NULL, NULL, NULL, NULL, NULL},
};

/* An aggregate's value in a line: the sum, or for a yes/no "Đạt 3/4 đơn vị". */
static void
total_value(const struct total *x, struct buf *out)
{
	if (x->f->type == F_YESNO) {
		buf_printf(out, L("%s %lld/%zu đơn vị", "%s %lld/%zu units"), TR(x->f->yes_label),
			   (long long)x->sum, x->answered);
		return;
	}
	if (x->answered == 0) {
		buf_adds(out, L("(chưa có)", "(none)"));
		return;
	}
	total_format(x, x->sum, out);
}

/* Under the list, the chosen aggregate in full: its figures besides the sum. */
static void
total_detail(const struct total *x, size_t units, struct buf *out)
{
	if (x->f->type == F_YESNO) {
		buf_printf(out,
			   L("%s: %lld đơn vị, %s: %lld, không trả lời: %zu (trên %zu đơn vị có "
			     "báo cáo)",
			     "%s: %lld units, %s: %lld, no answer: %zu (of %zu units reporting)"),
			   TR(x->f->yes_label), (long long)x->sum, TR(x->f->no_label),
			   (long long)x->answered - (long long)x->sum,
			   x->nunits - x->answered - x->lacking, units);
	} else {
		buf_adds(out, L("Tổng ", "Sum "));
		total_format(x, x->sum, out);
		if (x->answered) {
			buf_adds(out, L(" — thấp nhất ", " — lowest "));
			total_format(x, x->min, out);
			buf_adds(out, L(" — cao nhất ", " — highest "));
			total_format(x, x->max, out);
		}
		buf_printf(out, L(" — %zu/%zu đơn vị trả lời", " — %zu/%zu units answered"),
			   x->answered, units);
	}
	/* Units on a version without the field are absent from it, not silent or 0. */
	if (x->lacking)
		buf_printf(out,
			   L(" — %zu đơn vị: không có trong mẫu phiên bản %d",
			     " — %zu units: not in template version %d"),
			   x->lacking, x->lacking_version);
}

void
totals_view_load(struct tui *t, int year, struct year_totals *y, long long *version)
{
	struct err e = {0};
	totals_free(y);
	*version = store_data_version(t->db);
	if (totals_year(t->db, year, y, &e) != ST_OK) {
		totals_free(y);
		tui_error(t, &e);
	}
}

bool
totals_view_key(struct tui *t, int *year, struct year_totals *y, long long *version, enum action a,
		bool *reloaded)
{
	*reloaded = false;
	if (a == ACT_SAVE) {
		desk_export(t, *year);
		return true;
	}
	if (!desk_year_step(t, a, year, year, reloaded))
		return false;
	if (*reloaded)
		totals_view_load(t, *year, y, version);
	return true;
}

/* Rows of the list: from row 3 to above the two rows of the chosen aggregate's detail. */
static int
list_rows(const struct tui *t)
{
	return t->rows - 7 > 1 ? t->rows - 7 : 1;
}

static void
totals_draw(struct tui *t)
{
	struct totals_view *v = tui_state(t);
	char line[256];
	struct buf b;
	int h = list_rows(t), vw = t->cols / 3 > 14 ? t->cols / 3 : 14, lw = t->cols - vw - 4;
	snprintf(line, sizeof line,
		 L("xhht-central — Số liệu tổng hợp năm %d", "xhht-central — The %d totals"),
		 v->year);
	tui_chrome(t, line);
	curs_set(0);
	snprintf(line, sizeof line,
		 L("Năm (%s %s): %d — %zu đơn vị có báo cáo được tính — %s: các đơn vị",
		   "Year (%s %s): %d — %zu units' reports counted — %s: the units"),
		 action_first_key(ACT_LEFT), action_first_key(ACT_RIGHT), v->year, v->y.units,
		 action_first_key(ACT_ENTER));
	tui_text(t, 1, 1, t->cols - 2, line);
	attron(A_BOLD);
	tui_text(t, 2, 2, lw, L("Nội dung", "Figure"));
	tui_text(t, 2, lw + 3, vw, L("Tổng cộng / đạt", "Sum / yes"));
	attroff(A_BOLD);
	list_scroll(v->sel, &v->top, h);
	buf_init(&b);
	for (int r = v->top; r < (int)v->y.n && r - v->top < h; r++) {
		const struct total *x = &v->y.items[r];
		int y = 3 + r - v->top;
		tui_list_line(t, y, 0, t->cols, "", r == v->sel);
		if (r == v->sel)
			attron(A_REVERSE);
		tui_text(t, y, 2, lw, TR(x->f->label));
		buf_reset(&b);
		total_value(x, &b);
		tui_text(t, y, lw + 3, vw, b.data);
		attroff(A_REVERSE);
	}
	if (v->y.n > 0) {
		const struct total *x = &v->y.items[v->sel];
		attron(A_BOLD);
		tui_text(t, t->rows - 4, 1, t->cols - 2, TR(x->f->label));
		attroff(A_BOLD);
		buf_reset(&b);
		total_detail(x, v->y.units, &b);
		/* Two rows: a field some units' version lacks says so after the figures. */
		tui_wrap(t, t->rows - 3, 1, t->cols - 2, 2, b.data, true);
	}
	buf_free(&b);
}

/* The rows of the units behind x: the answers first (the highest, or yes, first), then those
 * that did not answer; by code within. */
static int
drill_order(const void *pa, const void *pb)
{
	const struct drill_row *a = pa, *b = pb;
	if (a->answered != b->answered)
		return a->answered ? -1 : 1;
	if (a->v != b->v)
		return a->v > b->v ? -1 : 1;
	return strcmp(a->code, b->code);
}

static void
drill_open(struct tui *t, int year, const struct total *x, size_t units)
{
	struct drill *d = xcalloc(1, sizeof *d);
	struct buf b;
	buf_init(&b);
	d->year = year;
	d->yesno = x->f->type == F_YESNO;
	d->label = xstrdup(TR(x->f->label));
	total_detail(x, units, &b);
	d->summary = buf_steal(&b);
	d->rows = xcalloc(x->nunits + 1, sizeof *d->rows);
	for (size_t i = 0; i < x->nunits; i++) {
		const struct total_unit *u = &x->units[i];
		buf_init(&b);
		if (u->answered)
			total_format(x, u->value, &b);
		else if (u->lacks)
			buf_printf(&b, L("— (phiên bản %d không có)", "— (not in version %d)"),
				   u->lacks);
		else
			buf_adds(&b, L("(không trả lời)", "(no answer)"));
		d->rows[d->n++] = (struct drill_row){xstrdup(u->code), xstrdup(u->name),
						     buf_steal(&b), u->answered, u->value};
	}
	qsort(d->rows, (size_t)d->n, sizeof *d->rows, drill_order);
	tui_set_help(
	    t, L("Các đơn vị góp vào một số liệu", "The units behind a figure"),
	    L("Mỗi dòng là một đơn vị có báo cáo được tính vào số liệu: mã, tên và giá trị "
	      "đơn vị đã báo cáo (câu trả lời Có/Đạt trước, rồi Không/Chưa đạt, rồi đơn vị "
	      "không trả lời). Enter mở báo cáo của đơn vị đang chọn.",
	      "Each line is a unit whose report is counted in the figure: its code, name and "
	      "the value it reported (yes answers first, then no, then the units that did "
	      "not answer). Enter opens the chosen unit's report."));
	tui_push(t, &screen_total_units, d);
}

static bool
totals_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct totals_view *v = tui_state(t);
	bool reloaded;
	(void)ch;
	(void)is_text;
	if (list_move(&v->sel, (int)v->y.n, list_rows(t), a))
		return true;
	if (totals_view_key(t, &v->year, &v->y, &v->version, a, &reloaded)) {
		if (reloaded)
			v->sel = v->top = 0;
		return true;
	}
	if (a != ACT_ENTER)
		return false; /* Esc closes the totals */
	if (v->y.n > 0)
		drill_open(t, v->year, &v->y.items[v->sel], v->y.units);
	return true;
}

/* Nothing typed for a while: read again when the importer committed meanwhile (as the board). */
static void
totals_idle(struct tui *t)
{
	struct totals_view *v = tui_state(t);
	if (!desk_data_changed(t, v->version))
		return;
	totals_view_load(t, v->year, &v->y, &v->version);
	if (v->sel >= (int)v->y.n)
		v->sel = v->y.n > 0 ? (int)v->y.n - 1 : 0;
}

static void
totals_leave(struct tui *t)
{
	struct totals_view *v = tui_state(t);
	totals_free(&v->y);
	free(v);
}

static void totals_help(struct tui *t);

const struct screen screen_totals = {
    .id = "totals",
    .draw = totals_draw,
    .key = totals_key,
    .idle = totals_idle,
    .resume = totals_help,
    .leave = totals_leave,
    .hints = hints,
    .keys = keys_taken,
    .overrides = overrides,
};

/* What F1 explains on the totals; set again when a unit's report closes over them (it set its
 * own). */
static void
totals_help(struct tui *t)
{
	tui_set_help(
	    t, L("Số liệu tổng hợp", "The totals"),
	    L("Số liệu tổng hợp từ báo cáo đã hợp nhất của các đơn vị trong năm, như báo cáo "
	      "tổng hợp (xuất HTML, CSV) in ra: số liệu thì cộng, kèm thấp nhất, cao nhất và số "
	      "đơn vị trả lời; câu hỏi Có/Không và tiêu chí tự đánh giá thì đếm \"đạt x/y đơn "
	      "vị\". Enter liệt kê các đơn vị góp vào số liệu đang chọn.",
	      "The totals of the units' merged reports of the year, as the consolidated report "
	      "(the HTML and CSV export) prints them: figures summed, with the lowest, the highest "
	      "and the units answering; yes/no questions and the self-assessed criteria counted "
	      "\"yes x/y units\". Enter lists the units behind the chosen figure."));
}

void
totals_open(struct tui *t, int year)
{
	struct totals_view *v = xcalloc(1, sizeof *v);
	v->year = year;
	totals_view_load(t, year, &v->y, &v->version);
	totals_help(t);
	tui_push(t, &screen_totals, v);
}

/* ---- the units behind one aggregate ------------------------------------------------------ */

static void
drill_draw(struct tui *t)
{
	struct drill *d = tui_state(t);
	char line[256];
	int h = t->rows - 6 > 1 ? t->rows - 6 : 1, vw = t->cols / 3 > 16 ? t->cols / 3 : 16;
	int nw = t->cols - 13 - vw;
	snprintf(line, sizeof line, L("Số liệu năm %d — %s", "The %d totals — %s"), d->year,
		 d->label);
	tui_chrome(t, line);
	curs_set(0);
	tui_text(t, 1, 1, t->cols - 2, d->summary);
	attron(A_BOLD);
	tui_text(t, 2, 2, 8, L("Mã", "Code"));
	tui_text(t, 2, 11, nw, L("Tên đơn vị", "Unit"));
	tui_text(t, 2, 12 + nw, vw, L("Giá trị", "Value"));
	attroff(A_BOLD);
	list_scroll(d->sel, &d->top, h);
	for (int r = d->top; r < d->n && r - d->top < h; r++) {
		const struct drill_row *x = &d->rows[r];
		int y = 3 + r - d->top;
		tui_list_line(t, y, 0, t->cols, "", r == d->sel);
		attron((r == d->sel ? A_REVERSE : 0) | (x->answered ? 0 : A_DIM));
		tui_text(t, y, 2, 8, x->code);
		tui_text(t, y, 11, nw, x->name);
		tui_text(t, y, 12 + nw, vw, x->value);
		attroff(A_REVERSE | A_DIM);
	}
	if (d->n == 0)
		tui_wrap(
		    t, 3, 2, t->cols - 4, h,
		    L("Chưa đơn vị nào có báo cáo năm này.", "No unit has a report of this year."),
		    true);
}

static bool
drill_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct drill *d = tui_state(t);
	(void)ch;
	(void)is_text;
	if (list_move(&d->sel, d->n, t->rows - 6, a))
		return true;
	if (a != ACT_ENTER)
		return false; /* Esc: back to the totals */
	if (d->n > 0)
		unit_report_open(t, d->rows[d->sel].code, d->year);
	return true;
}

static void
drill_leave(struct tui *t)
{
	struct drill *d = tui_state(t);
	for (int i = 0; i < d->n; i++) {
		free(d->rows[i].code);
		free(d->rows[i].name);
		free(d->rows[i].value);
	}
	free(d->rows);
	free(d->label);
	free(d->summary);
	free(d);
}

const struct screen screen_total_units = {
    .id = "total-units",
    .draw = drill_draw,
    .key = drill_key,
    .leave = drill_leave,
    .hints = drill_hints,
    .keys = drill_keys,
    .overrides = drill_overrides,
};
