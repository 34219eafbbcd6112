/* proposals.c: the desk's nominations of a year (totals_year): every unit's proposals for
 * higher commendation grouped by award and kind, each with its unit, name, position and
 * achievement; those breaking the plan's rules (the template's row rules) marked, with the
 * rule's words under the list; F4 keeps only those; Enter opens the unit's report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"
#include "i18n.h"
#include "merged.h"
#include "report.h"
#include "store.h"
#include "totals.h"
#include "widgets.h"

/* A line of the list: a group's heading (nom < 0: the group of the next nomination) or a
 * nomination. */
struct pline {
	int nom;
	int group; /* the nomination heading it, for a heading */
};

struct proposals_view {
	int year;
	struct year_totals y;
	long long version; /* the database's data_version when read */
	bool breaches_only;
	struct pline *lines;
	int n;
	int sel, top; /* sel: a line holding a nomination */
};

static const enum action hints[] = {ACT_ENTER, ACT_FILTER, ACT_SAVE, ACT_LEFT,
				    ACT_BACK,  ACT_HELP,   ACT_QUIT, ACT_NONE};
static const enum action keys_taken[] = {ACT_ENTER, ACT_NEXT, ACT_PREV, ACT_PAGE_UP, ACT_PAGE_DOWN,
					 ACT_HOME,  ACT_END,  ACT_LEFT, ACT_RIGHT,   ACT_FILTER,
					 ACT_SAVE,  ACT_BACK, ACT_NONE};
static const struct action_info overrides[] = {
    {ACT_ENTER, "Xem báo cáo", "Open report", "Xem báo cáo của đơn vị đề nghị",
     "Open the report of the unit that proposed it", NULL},
    {ACT_FILTER, "Chỉ đề nghị sai", "Breaches only",
     "Chỉ hiện các đề nghị trái quy định của Kế hoạch, hoặc hiện lại tất cả",
     "Show only the nominations breaking the plan's rules, or all again", NULL},
    {ACT_LEFT, "Năm trước", "Year before", "Đề nghị của năm trước", "The year before's nominations",
     NULL},
    {ACT_RIGHT, "Năm sau", "Next year", "Đề nghị của năm sau", "The next year's nominations", NULL},
    {ACT_HOME, "Đầu danh sách", "First", "Đề nghị đầu danh sách", "The list's first nomination",
     NULL},
    {ACT_END, "Cuối danh sách", "Last", "Đề nghị cuối danh sách", "The list's last nomination",
     NULL},
    {ACT_SAVE, "Xuất tệp", "Export",
     "Lưu báo cáo tổng hợp của năm (HTML để in, CSV cho Excel) vào thư mục hoặc USB",
     "Save the year's consolidated report (HTML to print, CSV for Excel) to a folder or USB", NULL},
    {ACT_NONE, NULL, NULL, NULL, NULL, NULL},
};

/* The mark of a breach, without colour as with it: "⚠", or "!" where the terminal cannot
 * show it. */
static const char *
breach_mark(const struct tui *t)
{
	return t->utf8 ? "⚠" : "!";
}

/* The lines shown: each group's heading, then its nominations (only those with a breach when
 * asked). */
static void
arrange(struct proposals_view *v)
{
	const struct nomination *prev = NULL;
	free(v->lines);
	v->lines = xcalloc(2 * v->y.nnoms + 1, sizeof *v->lines);
	v->n = 0;
	for (size_t i = 0; i < v->y.nnoms; i++) {
		const struct nomination *m = &v->y.noms[i];
		if (v->breaches_only && m->nbreaches == 0)
			continue;
		if (prev == NULL || !nomination_same_group(prev, m))
			v->lines[v->n++] = (struct pline){-1, (int)i};
		v->lines[v->n++] = (struct pline){(int)i, (int)i};
		prev = m;
	}
	v->sel = v->n > 1 ? 1 : 0;
	v->top = 0;
}

/* The list's rows: from row 3 to above the four rows of the chosen nomination. */
static int
list_rows(const struct tui *t)
{
	return t->rows - 9 > 1 ? t->rows - 9 : 1;
}

/* A group's heading with how many nominations it shows. */
static void
heading(const struct proposals_view *v, int line, struct buf *out)
{
	int count = 0;
	const struct nomination *g = &v->y.noms[v->lines[line].group];
	for (int i = line + 1; i < v->n && v->lines[i].nom >= 0; i++)
		count++;
	nomination_group(g, out);
	buf_printf(out, " (%d)", count);
}

/* The chosen nomination in full under the list: unit, the nomination, the breach. */
static void
draw_detail(struct tui *t, const struct proposals_view *v)
{
	struct buf b;
	int y = t->rows - 6;
	if (v->n == 0 || v->lines[v->sel].nom < 0)
		return;
	const struct nomination *m = &v->y.noms[v->lines[v->sel].nom];
	mvhline(y - 1, 0, ACS_HLINE, t->cols);
	buf_init(&b);
	buf_printf(&b, L("%s — %s, dòng %d của bảng đề nghị", "%s — %s, row %d of its nominations"),
		   m->unit_code, m->unit_name, m->row);
	attron(A_BOLD);
	tui_text(t, y, 1, t->cols - 2, b.data);
	attroff(A_BOLD);
	buf_reset(&b);
	nomination_line(m, &b);
	int used = tui_wrap(t, y + 1, 1, t->cols - 2, m->nbreaches ? 1 : 3, b.data, true);
	for (size_t i = 0; i < m->nbreaches && used < 3; i++) {
		int attr = t->color ? COLOR_PAIR(m->breaches[i].level == LV_ERROR ? 1 : 2) : A_BOLD;
		buf_reset(&b);
		buf_printf(&b, "%s %s %s", breach_mark(t), level_heading(m->breaches[i].level),
			   m->breaches[i].message);
		attron(attr);
		used += tui_wrap(t, y + 1 + used, 1, t->cols - 2, 3 - used, b.data, true);
		attroff(attr);
	}
	buf_free(&b);
}

static void
draw_line(struct tui *t, const struct proposals_view *v, int line, int y, struct buf *b)
{
	const struct pline *l = &v->lines[line];
	buf_reset(b);
	if (l->nom < 0) {
		heading(v, line, b);
		attron(A_BOLD | A_UNDERLINE);
		tui_text(t, y, 1, t->cols - 2, b->data);
		attroff(A_BOLD | A_UNDERLINE);
		return;
	}
	const struct nomination *m = &v->y.noms[l->nom];
	tui_list_line(t, y, 0, t->cols, "", line == v->sel);
	if (line == v->sel)
		attron(A_REVERSE);
	if (m->nbreaches) {
		attron(A_BOLD);
		tui_text(t, y, 1, 1, breach_mark(t));
	}
	tui_text(t, y, 3, 8, m->unit_code);
	nomination_line(m, b);
	tui_text(t, y, 12, t->cols - 13, b->data);
	attroff(A_REVERSE | A_BOLD);
}

static void
proposals_draw(struct tui *t)
{
	struct proposals_view *v = tui_state(t);
	char line[400];
	struct buf b;
	int h = list_rows(t);
	char period[REPORT_PERIOD_SIZE];
	period_key_text(v->year, period);
	if (PERIOD_FIRST(v->year) != 0) {
		snprintf(line, sizeof line,
			 L("xhht-central — Đề nghị khen thưởng sơ kết, tổng kết giai đoạn %s",
			   "xhht-central — The %s phase reviews' proposals"),
			 period);
		tui_chrome(t, line);
		snprintf(line, sizeof line,
			 L("Giai đoạn %s — %zu đề nghị, %zu trái Kế hoạch (%s) — %s: báo cáo trình "
			   "Hội đồng",
			   "Phase %s — %zu proposals, %zu breaking the plan (%s) — %s: the "
			   "Council's report"),
			 period, v->y.nnoms, v->y.breaching, breach_mark(t),
			 action_first_key(ACT_SAVE));
	} else {
		snprintf(line, sizeof line,
			 L("xhht-central — Đề nghị khen thưởng năm %d",
			   "xhht-central — The %d nominations"),
			 v->year);
		tui_chrome(t, line);
		snprintf(line, sizeof line,
			 L("Năm (%s %s): %d — %zu đề nghị, %zu trái Kế hoạch (%s)",
			   "Year (%s %s): %d — %zu nominations, %zu breaking the plan (%s)"),
			 action_first_key(ACT_LEFT), action_first_key(ACT_RIGHT), v->year,
			 v->y.nnoms, v->y.breaching, breach_mark(t));
	}
	curs_set(0);
	if (v->breaches_only)
		snprintf(line + strlen(line), sizeof line - strlen(line),
			 L(" — lọc (%s): chỉ đề nghị sai", " — filter (%s): breaches only"),
			 action_first_key(ACT_FILTER));
	tui_text(t, 1, 1, t->cols - 2, line);
	attron(A_BOLD);
	tui_text(t, 2, 3, 8, L("Đơn vị", "Unit"));
	/* A review's proposal line opens with the year it was proposed for ("nam"). */
	tui_text(t, 2, 12, t->cols - 13,
		 PERIOD_FIRST(v->year) != 0
		     ? L("Năm — tên — chức vụ — thành tích", "Year — name — position — achievement")
		     : L("Tên — chức vụ — thành tích", "Name — position — achievement"));
	attroff(A_BOLD);
	list_scroll(v->sel, &v->top, h);
	/* The heading of the group the first line shown belongs to stays in view. */
	if (v->top > 0 && v->lines[v->top].nom >= 0 && v->lines[v->top - 1].nom < 0 &&
	    v->sel - v->top + 1 < h)
		v->top--;
	buf_init(&b);
	for (int r = v->top; r < v->n && r - v->top < h; r++)
		draw_line(t, v, r, 3 + r - v->top, &b);
	buf_free(&b);
	if (v->n == 0 && PERIOD_FIRST(v->year) != 0 && !v->breaches_only) {
		snprintf(line, sizeof line,
			 L("Chưa báo cáo sơ kết, tổng kết giai đoạn %s nào đề nghị khen thưởng.",
			   "No %s phase review proposes a commendation yet."),
			 period);
		tui_wrap(t, 3, 2, t->cols - 4, h, line, true);
	} else if (v->n == 0)
		tui_wrap(t, 3, 2, t->cols - 4, h,
			 v->breaches_only ? L("Không có đề nghị nào trái quy định của Kế hoạch.",
					      "No nomination breaks the plan's rules.")
					  : L("Chưa đơn vị nào đề nghị khen thưởng trong năm này.",
					      "No unit proposed a commendation this year."),
			 true);
	draw_detail(t, v);
}

/* Moves the choice to the next nomination line in the direction of a (headings skipped). */
static bool
choose_move(struct tui *t, struct proposals_view *v, enum action a)
{
	int sel = v->sel, was = v->sel;
	if (!list_move(&sel, v->n, list_rows(t), a))
		return false;
	int step = sel < was && a != ACT_HOME ? -1 : 1;
	while (sel >= 0 && sel < v->n && v->lines[sel].nom < 0)
		sel += step;
	if (sel < 0) /* above the first heading: the first nomination */
		for (sel = 0; sel < v->n && v->lines[sel].nom < 0; sel++)
			;
	if (sel < v->n)
		v->sel = sel;
	return true;
}

static bool
proposals_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct proposals_view *v = tui_state(t);
	bool reloaded;
	(void)ch;
	(void)is_text;
	if (choose_move(t, v, a))
		return true;
	/* A phase's proposals are its reviews': no year to step to (the phase's board steps). */
	if (PERIOD_FIRST(v->year) != 0 && (a == ACT_LEFT || a == ACT_RIGHT)) {
		tui_message(t, false, "%s",
			    L("Đây là đề nghị của một giai đoạn: đổi giai đoạn ở bảng sơ kết.",
			      "These are one phase's proposals: change the phase on its board."));
		return true;
	}
	if (totals_view_key(t, &v->year, &v->y, &v->version, a, &reloaded)) {
		if (reloaded)
			arrange(v);
		return true;
	}
	switch (a) {
	case ACT_ENTER:
		if (v->n > 0 && v->lines[v->sel].nom >= 0)
			unit_report_open(t, v->y.noms[v->lines[v->sel].nom].unit_code, v->year);
		return true;
	case ACT_FILTER:
		v->breaches_only = !v->breaches_only;
		arrange(v);
		tui_message(t, false, "%s",
			    v->breaches_only ? L("Chỉ hiện các đề nghị trái quy định của Kế hoạch.",
						 "Only the nominations breaking the plan's rules.")
					     : L("Hiện mọi đề nghị.", "Every nomination shown."));
		return true;
	default:
		return false; /* Esc closes the list */
	}
}

/* Nothing typed for a while: read again when the importer committed meanwhile (as the board),
 * the same line chosen when it is still a nomination. */
static void
proposals_idle(struct tui *t)
{
	struct proposals_view *v = tui_state(t);
	int sel = v->sel;
	if (store_data_version(t->db) == v->version)
		return;
	totals_view_load(t, v->year, &v->y, &v->version);
	arrange(v);
	if (sel < v->n && v->lines[sel].nom >= 0)
		v->sel = sel;
}

static void
proposals_leave(struct tui *t)
{
	struct proposals_view *v = tui_state(t);
	totals_free(&v->y);
	free(v->lines);
	free(v);
}

static void proposals_help(struct tui *t);

const struct screen screen_proposals = {
    .id = "proposals",
    .resume = proposals_help,
    .draw = proposals_draw,
    .key = proposals_key,
    .idle = proposals_idle,
    .leave = proposals_leave,
    .hints = hints,
    .keys = keys_taken,
    .overrides = overrides,
};

/* What F1 explains on the proposals; set again when a unit's report closes over them. */
static void
proposals_help(struct tui *t)
{
	char help[900];
	snprintf(
	    help, sizeof help,
	    L("Mọi đề nghị khen thưởng cấp trên trong báo cáo đã hợp nhất của các đơn vị, theo "
	      "hình thức (Bằng khen của Thủ tướng, Bằng khen của Bộ, Cờ thi đua) rồi đối tượng "
	      "(tập thể, cá nhân). Dấu %s: đề nghị trái quy định của Kế hoạch, như Cờ thi đua đề "
	      "nghị cho cá nhân, hay Bằng khen của Thủ tướng đề nghị ngoài năm sơ kết (2025), "
	      "tổng kết (2030); lý do ở dưới danh sách. %s: chỉ hiện các đề nghị đó.",
	      "Every nomination for higher commendation in the units' merged reports, by award "
	      "(the Prime Minister's certificate, the Ministry's, the emulation flag) then kind "
	      "(collective, individual). The mark %s: a nomination breaking the plan's rules, such "
	      "as the flag proposed for an individual, or the Prime Minister's certificate outside "
	      "the mid-term (2025) and final (2030) reviews; why is said under the list. %s: only "
	      "those."),
	    breach_mark(t), action_first_key(ACT_FILTER));
	tui_set_help(t, L("Đề nghị khen thưởng", "Nominations"), help);
}

void
proposals_open(struct tui *t, int year)
{
	struct proposals_view *v = xcalloc(1, sizeof *v);
	v->year = year;
	totals_view_load(t, year, &v->y, &v->version);
	arrange(v);
	proposals_help(t);
	tui_push(t, &screen_proposals, v);
}
