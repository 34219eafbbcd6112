/* years.c: the desk's figures across years (across_years, what xhht-central export --years
 * writes): every number indicator's national total in each year of a span of four, the units
 * that reported each year, the change from year to year of the chosen one; Enter lists that
 * indicator per year in full and each unit's figures (Enter there opens the unit's newest
 * report of the span); ← → move the span a year; F6 writes the span's HTML, CSV and JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "across.h"
#include "desk.h"
#include "i18n.h"
#include "report.h"
#include "store.h"
#include "widgets.h"

/* Years shown at once: what 80 columns hold beside the indicator's name. */
#define SPAN 4

struct years_view {
	int from, to;
	struct across a;
	long long version; /* the database's data_version when read */
	int sel, top;
};

/* One indicator across the span with each unit's figures: the view's, which reads them again
 * only when on top (idle, resume), never while this screen is above it. */
struct years_drill {
	int from, to;
	size_t item;
	const struct across *a;
	int sel, top;
};

static const enum action hints[] = {ACT_ENTER, ACT_LEFT, ACT_SAVE, ACT_BACK,
				    ACT_HELP,  ACT_QUIT, ACT_NONE};
static const enum action keys_taken[] = {ACT_ENTER,     ACT_NEXT, ACT_PREV, ACT_PAGE_UP,
					 ACT_PAGE_DOWN, ACT_HOME, ACT_END,  ACT_LEFT,
					 ACT_RIGHT,     ACT_SAVE, ACT_BACK, ACT_NONE};
static const struct action_info overrides[] = {
    {ACT_ENTER, "Từng đơn vị", "Units", "Chỉ tiêu đang chọn: từng năm và từng đơn vị",
     "The chosen indicator: each year in full, and each unit", NULL},
    {ACT_LEFT, "Lùi một năm", "Year earlier", "Các năm sớm hơn một năm",
     "The span one year earlier", NULL},
    {ACT_RIGHT, "Tiến một năm", "Year later", "Các năm muộn hơn một năm", "The span one year later",
     NULL},
    {ACT_HOME, "Đầu danh sách", "First", "Dòng đầu danh sách", "The list's first line", NULL},
    {ACT_END, "Cuối danh sách", "Last", "Dòng cuối danh sách", "The list's last line", NULL},
    {ACT_SAVE, "Xuất tệp", "Export",
     "Lưu số liệu các năm đang xem (HTML để in, CSV cho Excel, JSON) vào thư mục hoặc USB",
     "Save the span's figures (HTML to print, CSV for Excel, JSON) to a folder or USB", NULL},
    {ACT_NONE, NULL, NULL, NULL, NULL, NULL},
};

static const enum action drill_hints[] = {ACT_ENTER, ACT_BACK, ACT_HELP, ACT_QUIT, ACT_NONE};
static const enum action drill_keys[] = {ACT_ENTER, ACT_NEXT, ACT_PREV, ACT_PAGE_UP, ACT_PAGE_DOWN,
					 ACT_HOME,  ACT_END,  ACT_BACK, ACT_NONE};
static const struct action_info drill_overrides[] = {
    {ACT_ENTER, "Xem báo cáo", "Open report",
     "Xem báo cáo mới nhất trong các năm đang xem của đơn vị đang chọn",
     "Open the chosen unit's newest report of the span", NULL},
    {ACT_HOME, "Đầu danh sách", "First", "Đơn vị đầu danh sách", "The list's first unit", NULL},
    {ACT_END, "Cuối danh sách", "Last", "Đơn vị cuối danh sách", "The list's last unit", NULL},
    {ACT_NONE, NULL, NULL, NULL, NULL, NULL},
};

/* A figure in a column of width w: as the field formats it, money without " đ" (the label
 * says "đồng"), in millions when it does not fit; "—" when absent. */
static void
figure(const struct field *f, bool present, int64_t v, int w, struct buf *out)
{
	struct value val = {V_INT, v, NULL};
	size_t start = out->len;
	if (!present) {
		buf_adds(out, "—");
		return;
	}
	value_format(f, &val, out);
	if (f->type != F_MONEY)
		return;
	out->len = start + strcspn(out->data + start, " ");
	out->data[out->len] = '\0';
	if ((int)(out->len - start) <= w)
		return;
	out->len = start;
	val.i = (v + (v < 0 ? -500000 : 500000)) / 1000000;
	value_format(f, &val, out);
	out->len = start + strcspn(out->data + start, " ");
	buf_adds(out, L(" tr", " M"));
}

/* The change into year k (k >= 1) of item's national total: "+12 (+5,0%)", or "—". */
static void
change_text(const struct across *a, size_t item, int k, struct buf *out)
{
	int64_t prev, cur, d, tenths;
	size_t n;
	bool has_pct, hp = across_sum(a, item, k - 1, &prev, &n),
		      hc = across_sum(a, item, k, &cur, &n);
	if (across_change(hp, prev, hc, cur, &d, &tenths, &has_pct))
		across_change_format(a->items[item].f, d, tenths, has_pct, out);
	else
		buf_adds(out, "—");
}

/* Column width of a year: what the screen leaves beside a name of about 36 columns (at 80, 9:
 * "12.420", "6.650 tr"). */
static int
year_width(const struct tui *t, int nyears)
{
	int w = (t->cols - 40) / nyears - 1;
	return w < 8 ? 8 : w > 13 ? 13 : w;
}

static void
load(struct tui *t, struct years_view *v)
{
	struct err e = {0};
	across_free(&v->a);
	v->version = store_data_version(t->db);
	if (across_years(t->db, v->from, v->to, &v->a, &e) != ST_OK) {
		across_free(&v->a);
		tui_error(t, &e);
	}
	if (v->sel >= (int)v->a.nitems)
		v->sel = v->a.nitems > 0 ? (int)v->a.nitems - 1 : 0;
}

/* Rows of the list: from row 4 to above the chosen indicator's three rows. */
static int
list_rows(const struct tui *t)
{
	return t->rows - 9 > 1 ? t->rows - 9 : 1;
}

/* The year heads and the units reporting each year, at row y; the names' column is lw wide. */
static void
draw_years_head(struct tui *t, const struct across *a, int y, int lw, int cw, const char *what)
{
	char s[32];
	attron(A_BOLD);
	tui_text(t, y, 2, lw, what);
	for (int k = 0; k < a->nyears; k++) {
		snprintf(s, sizeof s, "%*d", cw, a->from + k);
		tui_text(t, y, lw + 3 + k * (cw + 1), cw, s);
	}
	attroff(A_BOLD);
	tui_text(t, y + 1, 2, lw, L("Số đơn vị có báo cáo", "Units reporting"));
	for (int k = 0; k < a->nyears; k++) {
		snprintf(s, sizeof s, "%*zu", cw, across_reported(a, k));
		tui_text(t, y + 1, lw + 3 + k * (cw + 1), cw, s);
	}
}

/* A row of figures right-aligned in columns of cw from column x. */
static void
draw_figures(struct tui *t, int y, int x, int cw, const struct across *a, size_t item, int unit)
{
	struct buf b;
	buf_init(&b);
	for (int k = 0; k < a->nyears; k++) {
		int64_t v;
		size_t n;
		bool present = unit < 0 ? across_sum(a, item, k, &v, &n)
					: across_unit_value(a, item, k, (size_t)unit, &v);
		buf_reset(&b);
		figure(a->items[item].f, present, v, cw, &b);
		int pad = cw - tui_width(t, b.data);
		tui_text(t, y, x + k * (cw + 1) + (pad > 0 ? pad : 0), cw, b.data);
	}
	buf_free(&b);
}

static void
years_draw(struct tui *t)
{
	struct years_view *v = tui_state(t);
	char line[256];
	struct buf b;
	int h = list_rows(t), cw = year_width(t, v->a.nyears > 0 ? v->a.nyears : SPAN);
	int lw = t->cols - 4 - (v->a.nyears > 0 ? v->a.nyears : SPAN) * (cw + 1);
	snprintf(line, sizeof line,
		 L("xhht-central — Số liệu qua các năm %d-%d", "xhht-central — Figures %d-%d"),
		 v->from, v->to);
	tui_chrome(t, line);
	curs_set(0);
	snprintf(line, sizeof line,
		 L("Các năm (%s %s): %d-%d — tổng cả nước — %s: từng năm, từng đơn vị",
		   "Years (%s %s): %d-%d — national totals — %s: each year, each unit"),
		 action_first_key(ACT_LEFT), action_first_key(ACT_RIGHT), v->from, v->to,
		 action_first_key(ACT_ENTER));
	tui_text(t, 1, 1, t->cols - 2, line);
	if (v->a.nyears == 0)
		return;
	draw_years_head(t, &v->a, 2, lw, cw, L("Chỉ tiêu", "Indicator"));
	list_scroll(v->sel, &v->top, h);
	for (int r = v->top; r < (int)v->a.nitems && r - v->top < h; r++) {
		int y = 4 + r - v->top;
		tui_list_line(t, y, 0, t->cols, "", r == v->sel);
		if (r == v->sel)
			attron(A_REVERSE);
		tui_text(t, y, 2, lw, TR(v->a.items[r].f->label));
		draw_figures(t, y, lw + 3, cw, &v->a, (size_t)r, -1);
		attroff(A_REVERSE);
	}
	if (v->a.nitems == 0)
		return;
	attron(A_BOLD);
	tui_text(t, t->rows - 5, 1, t->cols - 2, TR(v->a.items[v->sel].f->label));
	attroff(A_BOLD);
	buf_init(&b);
	buf_adds(&b, L("Tăng giảm so với năm trước:", "Change from the year before:"));
	for (int k = 1; k < v->a.nyears; k++) {
		buf_printf(&b, "%s %d ", k > 1 ? ";" : "", v->a.from + k);
		change_text(&v->a, (size_t)v->sel, k, &b);
	}
	tui_wrap(t, t->rows - 4, 1, t->cols - 2, 2, b.data, true);
	buf_free(&b);
}

static void drill_open(struct tui *t, const struct years_view *v);

static void
save(struct tui *t, const struct years_view *v)
{
	struct err e = {0};
	size_t files;
	char *dir = tui_choose_path_kept(t,
					 L("Ghi vào thư mục nào? (USB ở đầu danh sách)",
					   "Write into which folder? (USB sticks first)"),
					 true, NULL, "folder.desk_export");
	if (dir == NULL)
		return;
	if (across_save(t->db, v->from, v->to, dir, &files, &e) != ST_OK)
		tui_error(t, &e);
	else {
		/* Said as the year's export screen says what it wrote. */
		char *names = across_save_names(v->from, v->to);
		tui_message(t, false,
			    L("Đã ghi %zu tệp vào %s: %s.", "Wrote %zu files into %s: %s."), files,
			    dir, names);
		free(names);
	}
	free(dir);
}

bool
desk_year_step(struct tui *t, enum action a, int *first, int *last, bool *moved)
{
	*moved = false;
	if (a != ACT_LEFT && a != ACT_RIGHT)
		return false;
	int d = a == ACT_RIGHT ? 1 : -1, from = *first + d, to = *last + d;
	if (from < REPORT_MIN_YEAR || to > REPORT_MAX_YEAR) {
		tui_message(t, false, L("Không có năm %d.", "There is no year %d."),
			    d > 0 ? to : from);
		return true;
	}
	/* Both set from the values read: first and last may be one variable. */
	*first = from;
	*last = to;
	*moved = true;
	return true;
}

bool
desk_data_changed(struct tui *t, long long version)
{
	return store_data_version(t->db) != version;
}

static bool
years_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct years_view *v = tui_state(t);
	bool moved;
	(void)ch;
	(void)is_text;
	if (list_move(&v->sel, (int)v->a.nitems, list_rows(t), a))
		return true;
	if (desk_year_step(t, a, &v->from, &v->to, &moved)) {
		if (moved)
			load(t, v);
		return true;
	}
	if (a == ACT_SAVE) {
		save(t, v);
		return true;
	}
	if (a != ACT_ENTER)
		return false; /* Esc closes the view */
	if (v->a.nitems > 0)
		drill_open(t, v);
	return true;
}

/* Nothing typed for a while: read again when the importer committed meanwhile (as the board). */
static void
years_idle(struct tui *t)
{
	struct years_view *v = tui_state(t);
	if (desk_data_changed(t, v->version))
		load(t, v);
}

/* The help of the view: set again when it is on top again (the screens above set theirs). */
static void
years_help(struct tui *t)
{
	tui_set_help(
	    t, L("Số liệu qua các năm", "Figures across years"),
	    L("Mỗi dòng là một chỉ tiêu số của mẫu báo cáo hằng năm; mỗi cột là tổng cả nước của "
	      "một năm, cộng từ báo cáo đã hợp nhất (bản gửi sau cùng) của các đơn vị, như tệp "
	      "xuất xhht-central export --years. \"—\": mẫu báo cáo năm đó không có chỉ tiêu, "
	      "hoặc chưa đơn vị nào trả lời (không phải số 0). Dòng đầu: số đơn vị có báo cáo "
	      "từng năm. Dưới danh sách: tăng giảm so với năm trước. Kinh phí ghi theo đồng, "
	      "\"tr\": triệu đồng khi cột hẹp.",
	      "Each line is a number indicator of the yearly report; each column a year's "
	      "national total, summed from the units' merged reports (the last one each sent), "
	      "as xhht-central export --years writes it. \"—\": that year's template has no such "
	      "indicator, or no unit answered it (not a zero). The first line: the units that "
	      "reported each year. Under the list: the change from the year before. Money is "
	      "in dong, \"M\": millions where the column is narrow."));
}

static void
years_resume(struct tui *t)
{
	years_help(t);
	years_idle(t);
}

static void
years_leave(struct tui *t)
{
	struct years_view *v = tui_state(t);
	across_free(&v->a);
	free(v);
}

const struct screen screen_years = {
    .id = "years",
    .draw = years_draw,
    .key = years_key,
    .idle = years_idle,
    .resume = years_resume,
    .leave = years_leave,
    .hints = hints,
    .keys = keys_taken,
    .overrides = overrides,
};

void
years_open(struct tui *t, int year)
{
	struct years_view *v = xcalloc(1, sizeof *v);
	if (year == 0)
		year = t->year;
	v->to = year < REPORT_MIN_YEAR + SPAN - 1 ? REPORT_MIN_YEAR + SPAN - 1 : year;
	v->from = v->to - SPAN + 1;
	load(t, v);
	years_help(t);
	tui_push(t, &screen_years, v);
}

/* ---- one indicator: each year in full, each unit -------------------------------------------- */

/* The per-year table's rows: a head and a row a year; the units' list below. */
static int
drill_top(const struct years_drill *d)
{
	return 3 + d->a->nyears + 1;
}

static int
drill_rows(const struct tui *t, const struct years_drill *d)
{
	int h = t->rows - 3 - drill_top(d) - 1;
	return h > 1 ? h : 1;
}

static void
drill_draw(struct tui *t)
{
	struct years_drill *d = tui_state(t);
	const struct across *a = d->a;
	const struct field *f = a->items[d->item].f;
	char line[256];
	struct buf b;
	int cw = year_width(t, a->nyears), lw = t->cols - 4 - a->nyears * (cw + 1);
	snprintf(line, sizeof line, L("Qua các năm %d-%d — %s", "%d-%d — %s"), d->from, d->to,
		 TR(f->label));
	tui_chrome(t, line);
	curs_set(0);
	attron(A_BOLD);
	tui_text(t, 1, 2, 6, L("Năm", "Year"));
	tui_text(t, 1, 8, 20, L("Tổng cả nước", "National total"));
	tui_text(t, 1, 29, 14, L("Đơn vị trả lời", "Units answered"));
	tui_text(t, 1, 44, t->cols - 45,
		 L("Tăng giảm so với năm trước", "Change from the year before"));
	attroff(A_BOLD);
	buf_init(&b);
	for (int k = 0; k < a->nyears; k++) {
		int64_t sum;
		size_t n;
		bool present = across_sum(a, d->item, k, &sum, &n);
		snprintf(line, sizeof line, "%d", a->from + k);
		tui_text(t, 2 + k, 2, 6, line);
		buf_reset(&b);
		if (present) {
			struct value val = {V_INT, sum, NULL};
			value_format(f, &val, &b);
		} else
			buf_adds(&b, "—");
		tui_text(t, 2 + k, 8, 20, b.data);
		snprintf(line, sizeof line, "%zu/%zu", n, across_reported(a, k));
		tui_text(t, 2 + k, 29, 14, line);
		buf_reset(&b);
		if (k > 0)
			change_text(a, d->item, k, &b);
		tui_text(t, 2 + k, 44, t->cols - 45, b.data);
	}
	buf_free(&b);
	int y0 = drill_top(d), h = drill_rows(t, d);
	attron(A_BOLD);
	tui_text(t, y0 - 1, 2, 8, L("Mã", "Code"));
	tui_text(t, y0 - 1, 11, lw - 9, L("Tên đơn vị", "Unit"));
	for (int k = 0; k < a->nyears; k++) {
		snprintf(line, sizeof line, "%*d", cw, a->from + k);
		tui_text(t, y0 - 1, lw + 3 + k * (cw + 1), cw, line);
	}
	attroff(A_BOLD);
	list_scroll(d->sel, &d->top, h);
	for (int r = d->top; r < (int)a->nunits && r - d->top < h; r++) {
		int y = y0 + r - d->top;
		tui_list_line(t, y, 0, t->cols, "", r == d->sel);
		if (r == d->sel)
			attron(A_REVERSE);
		tui_text(t, y, 2, 8, a->units[r].code);
		tui_text(t, y, 11, lw - 9, a->units[r].name);
		draw_figures(t, y, lw + 3, cw, a, d->item, r);
		attroff(A_REVERSE);
	}
	if (a->nunits == 0)
		tui_wrap(t, y0, 2, t->cols - 4, h,
			 L("Chưa đơn vị nào có báo cáo trong các năm này.",
			   "No unit has a report of these years."),
			 true);
}

static bool
drill_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct years_drill *d = tui_state(t);
	(void)ch;
	(void)is_text;
	if (list_move(&d->sel, (int)d->a->nunits, drill_rows(t, d), a))
		return true;
	if (a != ACT_ENTER)
		return false; /* Esc: back to the years */
	if (d->a->nunits == 0)
		return true;
	const struct across_unit *u = &d->a->units[d->sel];
	for (int k = d->a->nyears - 1; k >= 0; k--)
		if (u->at[k] >= 0) {
			unit_report_open(t, u->code, d->a->from + k);
			break;
		}
	return true;
}

static void
drill_help(struct tui *t)
{
	tui_set_help(
	    t, L("Một chỉ tiêu qua các năm", "One indicator across years"),
	    L("Trên: tổng cả nước từng năm, số đơn vị trả lời trên số đơn vị có báo cáo, tăng "
	      "giảm so với năm trước. Dưới: mỗi đơn vị có báo cáo trong các năm này với số liệu "
	      "từng năm (\"—\": năm đó đơn vị không có báo cáo hoặc không trả lời).",
	      "Above: the national total of each year, the units that answered of those "
	      "reporting, the change from the year before. Below: each unit with a report in the "
	      "span, with its figure of each year (\"—\": no report that year, or no answer)."));
}

const struct screen screen_years_units = {
    .id = "years-units",
    .draw = drill_draw,
    .key = drill_key,
    .resume = drill_help,
    .hints = drill_hints,
    .keys = drill_keys,
    .overrides = drill_overrides,
};

static void
drill_open(struct tui *t, const struct years_view *v)
{
	struct years_drill *d = xcalloc(1, sizeof *d);
	d->from = v->from;
	d->to = v->to;
	d->a = &v->a;
	d->item = (size_t)v->sel;
	drill_help(t);
	tui_push(t, &screen_years_units, d);
}
