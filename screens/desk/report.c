/* report.c: the desk's report view: a unit's merged report of a year, read-only, section by
 * section as the clerk filled it in, the findings of the one validation engine under their
 * fields and as a list, and the files that came with it, saved to a folder. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"
#include "i18n.h"
#include "merged.h"
#include "report.h"
#include "review.h"
#include "summary.h"
#include "validate.h"

/* What is shown of the report: its pages are the template's sections, then the list of
 * findings, then the attachments; on each page one item (a field, a finding, a file) has the
 * focus. */
struct view {
	char *unit;
	int year;
	struct report *r;
	struct merged_info info;
	struct findings f;
	struct merged_attachment *att;
	size_t natt;
	struct review_entry review; /* staff's review of this revision, when reviewed */
	bool reviewed;
	int page, focus;
	int top; /* the page's first row shown */
};

/* A paragraph of a page: wrapped text belonging to an item (-1: none). */
struct para {
	char *text;
	int item, indent, attr;
	int rows;
};

/* What staff came for first (review, history), then moving about: at 80 columns the bar keeps
 * what it can from the start, and F1 lists every key. */
static const enum action hints[] = {ACT_REVIEW, ACT_HISTORY, ACT_PAGE_DOWN, ACT_BACK, ACT_SAVE,
				    ACT_NEXT,   ACT_PAGE_UP, ACT_HELP,      ACT_QUIT, ACT_NONE};
/* On the list of findings: Enter goes to the finding's field. */
static const enum action hints_findings[] = {ACT_ENTER, ACT_NEXT, ACT_PAGE_DOWN, ACT_REVIEW,
					     ACT_SAVE,  ACT_BACK, ACT_PAGE_UP,   ACT_HELP,
					     ACT_QUIT,  ACT_NONE};
static const enum action keys_taken[] = {ACT_NEXT,      ACT_PREV, ACT_ENTER,   ACT_PAGE_UP,
					 ACT_PAGE_DOWN, ACT_HOME, ACT_END,     ACT_SAVE,
					 ACT_REVIEW,    ACT_BACK, ACT_HISTORY, ACT_NONE};

static const struct action_info overrides[] = {
    {ACT_PAGE_UP, "Phần trước", "Previous section", "Phần trước", "Previous section", NULL},
    {ACT_PAGE_DOWN, "Phần sau", "Next section", "Phần sau", "Next section", NULL},
    {ACT_NEXT, "Mục sau", "Next", "Mục sau (một mục dài: cuộn xuống)",
     "Next item (a long one: scroll down)", NULL},
    {ACT_PREV, "Mục trước", "Previous", "Mục trước (một mục dài: cuộn lên)",
     "Previous item (a long one: scroll up)", NULL},
    {ACT_ENTER, "Đến mục", "Go to field", "Đến mục của lỗi, cảnh báo đang chọn",
     "Go to the field of the chosen finding", NULL},
    {ACT_HOME, "Đầu phần", "Top", "Đầu phần", "Top of the section", NULL},
    {ACT_END, "Cuối phần", "Bottom", "Cuối phần", "Bottom of the section", NULL},
    {ACT_REVIEW, "Duyệt", "Review",
     "Duyệt báo cáo, hoặc yêu cầu sửa kèm ý kiến về cả báo cáo hoặc về mục đang chọn",
     "Approve the report, or ask for fixes with comments on it or on the chosen field", NULL},
    {ACT_SAVE, "Lưu tệp", "Save files",
     "Lưu tệp đính kèm (tệp đang chọn hoặc tất cả) vào thư mục hoặc USB",
     "Save the attachments (the chosen one or all) to a folder or USB", NULL},
    {ACT_NONE, NULL, NULL, NULL, NULL, NULL},
};

static int
pages(const struct view *v)
{
	return (int)v->r->t->nsections + 2;
}

static int
page_findings(const struct view *v)
{
	return (int)v->r->t->nsections;
}

static int
page_files(const struct view *v)
{
	return (int)v->r->t->nsections + 1;
}

static int
items(const struct view *v, int page)
{
	if (page == page_findings(v))
		return (int)v->f.n;
	if (page == page_files(v))
		return (int)v->natt;
	return (int)v->r->t->sections[page].count;
}

static const char *
page_title(const struct view *v, int page)
{
	static char title[80];
	if (page == page_findings(v))
		snprintf(
		    title, sizeof title,
		    L("Kết quả kiểm tra: %zu lỗi, %zu cảnh báo", "Check: %zu errors, %zu warnings"),
		    v->f.errors, v->f.warnings);
	else if (page == page_files(v))
		snprintf(title, sizeof title, L("Tệp đính kèm: %zu tệp", "Attachments: %zu files"),
			 v->natt);
	else
		return TR(v->r->t->sections[page].title);
	return title;
}

static void
para_add(struct para **p, int *n, int item, int indent, int attr, char *text)
{
	*p = xreallocarray(*p, (size_t)*n + 1, sizeof **p);
	(*p)[(*n)++] = (struct para){text, item, indent, attr, 0};
}

/* A finding as a line: its level's heading and its sentence. */
static char *
finding_text(const struct finding *x)
{
	return xasprintf("%s %s", level_heading(x->level), x->message);
}

/* The value of field i as the clerk's screens show it: money with dots, dates dd/mm/yyyy,
 * yes/no and choices by their labels, a long text whole, a table row by row. */
static void
field_paras(struct view *v, int i, int item, struct para **p, int *n)
{
	const struct field *fl = &v->r->t->fields[i];
	struct buf b;
	buf_init(&b);
	if (fl->type != F_TABLE) {
		value_format(fl, &v->r->values[i], &b);
		para_add(p, n, item, 2, v->r->values[i].k == V_NULL ? A_DIM : A_NORMAL,
			 buf_steal(&b));
		return;
	}
	const struct rows *rs = &v->r->tables[i];
	if (rs->n == 0)
		para_add(p, n, item, 2, A_DIM, xstrdup(L("(không có dòng nào)", "(no rows)")));
	for (size_t j = 0; j < rs->n; j++) {
		buf_reset(&b);
		buf_printf(&b, "%zu. ", j + 1);
		for (size_t k = 0; k < fl->ncolumns; k++) {
			const struct value *c = &rs->rows[j].cells[k];
			if (c->k == V_NULL)
				continue;
			buf_printf(&b, "%s%s: ", b.len > 4 ? " — " : "", TR(fl->columns[k].label));
			value_format(&fl->columns[k], c, &b);
		}
		para_add(p, n, item, 2, A_NORMAL, xstrdup(b.data));
	}
	buf_free(&b);
}

/* Staff's comments on field (its id; "": the whole report), each a paragraph of item. */
static void
comment_paras(struct view *v, const char *field, int item, int indent, struct para **p, int *n)
{
	for (size_t i = 0; v->reviewed && i < v->review.rv.n; i++)
		if (strcmp(v->review.rv.comments[i].field, field) == 0)
			para_add(p, n, item, indent, A_BOLD | A_UNDERLINE,
				 xasprintf(
				     field[0] ? L("Ý kiến của Bộ: %s", "The Ministry's comment: %s")
					      : L("Ý kiến của Bộ về cả báo cáo: %s",
						  "The Ministry's comment on the whole report: %s"),
				     v->review.rv.comments[i].text));
}

/* The paragraphs of the page shown, wrapped in width columns. */
static struct para *
page_build(struct tui *t, struct view *v, int width, int *n)
{
	struct para *p = NULL;
	int attr_err = t->color ? COLOR_PAIR(1) : A_BOLD,
	    attr_warn = t->color ? COLOR_PAIR(2) : A_BOLD;
	*n = 0;
	if (v->page == page_findings(v)) {
		for (size_t i = 0; i < v->f.n; i++) {
			const struct finding *x = &v->f.items[i];
			para_add(&p, n, (int)i, 0, A_BOLD,
				 xasprintf("%s", finding_heading(v->r, x)));
			para_add(&p, n, (int)i, 2, x->level == LV_ERROR ? attr_err : attr_warn,
				 finding_text(x));
		}
		if (v->f.n == 0)
			para_add(&p, n, -1, 0, A_NORMAL,
				 xstrdup(L("Không có lỗi, không có cảnh báo.",
					   "No errors, no warnings.")));
	} else if (v->page == page_files(v)) {
		for (size_t i = 0; i < v->natt; i++)
			para_add(&p, n, (int)i, 0, A_NORMAL,
				 xasprintf("%s — %s — %.1f KB", v->att[i].name, v->att[i].type,
					   (double)v->att[i].size / 1024.0));
		if (v->natt == 0)
			para_add(&p, n, -1, 0, A_NORMAL,
				 xstrdup(L("Báo cáo không kèm tệp nào.",
					   "No files came with the report.")));
	} else {
		const struct section *sec = &v->r->t->sections[v->page];
		if (v->page == 0)
			comment_paras(v, "", -1, 0, &p, n);
		for (size_t k = 0; k < sec->count; k++) {
			int i = (int)(sec->first + k), item = (int)k;
			para_add(&p, n, item, 0, A_BOLD, xstrdup(TR(v->r->t->fields[i].label)));
			field_paras(v, i, item, &p, n);
			for (size_t j = 0; j < v->f.n; j++)
				if (v->f.items[j].field == i)
					para_add(&p, n, item, 2,
						 v->f.items[j].level == LV_ERROR ? attr_err
										 : attr_warn,
						 finding_text(&v->f.items[j]));
			comment_paras(v, v->r->t->fields[i].id, item, 2, &p, n);
			para_add(&p, n, item, 0, A_NORMAL, xstrdup(""));
		}
	}
	for (int i = 0; i < *n; i++) {
		int r = tui_wrap(t, 0, 0, width - p[i].indent, INT_MAX, p[i].text, false);
		p[i].rows = r > 0 ? r : 1;
	}
	return p;
}

static void
paras_free(struct para *p, int n)
{
	for (int i = 0; i < n; i++)
		free(p[i].text);
	free(p);
}

/* The rows the focused item starts and ends at on its page. */
static void
focus_rows(const struct view *v, const struct para *p, int n, int *start, int *end)
{
	int row = 0;
	*start = *end = -1;
	for (int i = 0; i < n; i++) {
		if (p[i].item == v->focus && *start < 0)
			*start = row;
		row += p[i].rows;
		if (p[i].item == v->focus)
			*end = row;
	}
	if (*start < 0)
		*start = *end = 0;
}

/* Below the title: when it was received, staff's review, the page's title. */
static int
body_top(void)
{
	return 4;
}

static int
body_rows(const struct tui *t)
{
	return t->rows - 6 > 1 ? t->rows - 6 : 1;
}

static int
body_width(const struct tui *t)
{
	return t->cols - 4;
}

/* Keeps the focused item in view: one that fits whole; of a longer one (a phase review's text of
 * three years) a screenful, its start when reached from above, Tab and ↓ scrolling through it. */
static void
scroll_to_focus(struct view *v, const struct para *p, int n, int h)
{
	int start, end;
	focus_rows(v, p, n, &start, &end);
	int lo = end - h < start ? end - h : start, hi = end - h < start ? start : end - h;
	if (v->top < lo)
		v->top = lo;
	if (v->top > hi)
		v->top = hi;
}

/* "Xem xét: cần sửa — 2 ý kiến — 01/12/2024 10:00, nguyen — chưa gửi đơn vị", or how to
 * review a revision not reviewed yet. */
static void
review_line(struct tui *t, const struct view *v, int y)
{
	char when[32], sent[32], line[400];
	const struct review_entry *r = &v->review;
	if (!v->reviewed)
		snprintf(line, sizeof line,
			 L("Chưa xem xét lần gửi này (%s: duyệt hoặc yêu cầu sửa)",
			   "This revision is not reviewed yet (%s: approve or ask for fixes)"),
			 action_first_key(ACT_REVIEW));
	else {
		time_vietnam(r->rv.time, when);
		time_vietnam(r->delivered_at, sent);
		char *to_unit = r->delivered_in != NULL
				    ? xasprintf(L("đã gửi đơn vị %s", "sent to the unit %s"), sent)
				    : xstrdup(L("chưa gửi đơn vị", "not sent to the unit yet"));
		snprintf(
		    line, sizeof line,
		    L("Xem xét: %s — %zu ý kiến — %s, %s — %s",
		      "Review: %s — comments: %zu — %s, %s — %s"),
		    unit_state_word(r->rv.state == RV_APPROVED ? US_APPROVED : US_NEEDS_FIXING),
		    r->rv.n, when, r->staff, to_unit);
		free(to_unit);
	}
	bool alert = v->reviewed && r->rv.state == RV_NEEDS_FIXING;
	mvhline(y, 0, ' ', t->cols);
	if (alert)
		attron(A_BOLD);
	tui_text(t, y, 1, t->cols - 2, line);
	if (alert)
		attroff(A_BOLD);
}

static void
header(struct tui *t, struct view *v)
{
	char line[400], when[32], period[PERIOD_WORDS_SIZE];
	struct buf b;
	time_vietnam(v->info.observed_at, when);
	period_key_words(v->year, period);
	snprintf(line, sizeof line,
		 L("%s — %s — báo cáo %s, lần gửi %d", "%s — %s — %s report, revision %d"), v->unit,
		 v->info.unit_name, period, v->info.revision);
	tui_chrome(t, line);
	buf_init(&b);
	buf_printf(&b,
		   L("%s %s (giờ Việt Nam) — %s — %zu lỗi, %zu cảnh báo — %zu tệp",
		     "%s %s (Vietnam time) — %s — %zu errors, %zu warnings — %zu files"),
		   v->info.by_mail
		       ? L("Máy chủ thư của Bộ nhận", "The Ministry's mail server received it")
		       : L("Bộ nhận", "Received"),
		   when, v->info.late ? L("NỘP MUỘN", "LATE") : L("đúng hạn", "on time"),
		   v->f.errors, v->f.warnings, v->natt);
	mvhline(1, 0, ' ', t->cols);
	if (v->info.late)
		attron(A_BOLD);
	tui_text(t, 1, 1, t->cols - 2, b.data);
	if (v->info.late)
		attroff(A_BOLD);
	buf_free(&b);
	review_line(t, v, 2);
	snprintf(line, sizeof line, L("[%d/%d] %s", "[%d/%d] %s"), v->page + 1, pages(v),
		 page_title(v, v->page));
	mvhline(3, 0, ' ', t->cols);
	attron(A_BOLD | A_UNDERLINE);
	tui_text(t, 3, 1, t->cols - 2, line);
	attroff(A_BOLD | A_UNDERLINE);
}

static void
view_draw(struct tui *t)
{
	struct view *v = tui_state(t);
	int n, h = body_rows(t), w = body_width(t), y = body_top(), row = 0;
	struct para *p = page_build(t, v, w, &n);
	curs_set(0);
	header(t, v);
	scroll_to_focus(v, p, n, h);
	for (int i = 0; i < n && row < v->top + h; i++) {
		int skip = v->top > row ? v->top - row : 0, at = row + skip - v->top;
		if (skip < p[i].rows) {
			bool focused = p[i].item == v->focus && p[i].item >= 0 &&
				       p[i].indent == 0 && p[i].text[0];
			int attr = p[i].attr | (focused ? A_REVERSE : 0);
			attron(attr);
			tui_text(t, y + at, 0, 2, !focused ? "  " : t->utf8 ? "▸ " : "> ");
			tui_wrap_from(t, y + at, 2 + p[i].indent, w - p[i].indent, skip, h - at,
				      p[i].text, true);
			attroff(attr);
		}
		row += p[i].rows;
	}
	paras_free(p, n);
}

static void
show_page(struct view *v, int page, int focus)
{
	v->page = (page + pages(v)) % pages(v);
	v->focus = focus;
	v->top = 0;
}

/* Tab and ↓: the rest of a long item first, then the next item, then the next page. */
static void
move_next(struct tui *t, struct view *v, bool back)
{
	int n, start, end, h = body_rows(t);
	struct para *p = page_build(t, v, body_width(t), &n);
	focus_rows(v, p, n, &start, &end);
	paras_free(p, n);
	if (!back && end > v->top + h)
		v->top += h - 1;
	else if (back && start < v->top)
		v->top = v->top - (h - 1) > start ? v->top - (h - 1) : start;
	else if (!back && v->focus + 1 < items(v, v->page))
		v->focus++;
	else if (back && v->focus > 0)
		v->focus--;
	else if (!back)
		show_page(v, v->page + 1, 0);
	else {
		show_page(v, v->page - 1, 0);
		v->focus = items(v, v->page) > 0 ? items(v, v->page) - 1 : 0;
	}
}

/* Enter on a finding: its field's section, the field focused. */
static void
go_to_finding(struct view *v)
{
	if (v->page != page_findings(v) || v->focus >= (int)v->f.n)
		return;
	int field = v->f.items[v->focus].field;
	if (field < 0)
		return;
	int s = v->r->t->fields[field].section;
	show_page(v, s, field - (int)v->r->t->sections[s].first);
}

/* The field under the cursor: the focused field of a section, the field of the focused finding;
 * -1 on the attachments or a finding of no field. */
static int
focused_field(const struct view *v)
{
	if (v->page == page_findings(v))
		return v->focus < (int)v->f.n ? v->f.items[v->focus].field : -1;
	if (v->page == page_files(v))
		return -1;
	return (int)v->r->t->sections[v->page].first + v->focus;
}

/* Staff's review of the revision shown, read again after Ctrl-E saved one. */
static void
review_load(struct tui *t, struct view *v)
{
	struct err e = {0};
	review_entry_free(&v->review);
	if (review_current(t->db, v->unit, v->year, &v->review, &v->reviewed, &e) != ST_OK)
		tui_error(t, &e);
}

/* Saves the attachment focused (on the attachments page, when staff choose it) or all of them
 * into a folder staff choose, and says what was written. */
static void
save_files(struct tui *t, struct view *v)
{
	struct err e;
	size_t first = 0, last = v->natt;
	if (v->natt == 0) {
		tui_message(t, true,
			    L("Báo cáo này không kèm tệp nào.", "No files came with this report."));
		return;
	}
	if (v->page == page_files(v) && v->natt > 1) {
		char *one = xasprintf(L("Chỉ tệp đang chọn: %s", "The chosen file only: %s"),
				      v->att[v->focus].name);
		char *all = xasprintf(L("Tất cả %zu tệp", "All %zu files"), v->natt);
		const char *labels[] = {one, all};
		int k = tui_choose(t, L("Lưu tệp nào?", "Save which files?"), labels, 2, 0);
		free(one);
		free(all);
		if (k < 0)
			return;
		if (k == 0) {
			first = (size_t)v->focus;
			last = first + 1;
		}
	}
	char *dir = tui_choose_path_kept(t,
					 L("Lưu tệp đính kèm vào đâu? (USB ở đầu danh sách)",
					   "Save the attachments where? (USB sticks first)"),
					 true, NULL, "folder.desk_attachments");
	if (dir == NULL)
		return;
	char *path = NULL;
	size_t saved = 0;
	for (size_t i = first; i < last; i++) {
		free(path);
		if (merged_attachment_save(t->db, v->unit, v->year, v->att[i].position, dir, &path,
					   &e) != ST_OK) {
			tui_error(t, &e);
			free(dir);
			return;
		}
		saved++;
	}
	if (saved == 1)
		tui_message(t, false, L("Đã lưu %s", "Saved %s"), path);
	else
		tui_message(t, false, L("Đã lưu %zu tệp vào %s", "Saved %zu files in %s"), saved,
			    dir);
	free(path);
	free(dir);
}

static bool
view_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct view *v = tui_state(t);
	(void)ch;
	(void)is_text;
	switch (a) {
	case ACT_NEXT:
	case ACT_PREV:
		move_next(t, v, a == ACT_PREV);
		return true;
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
		show_page(v, v->page + (a == ACT_PAGE_DOWN ? 1 : -1), 0);
		return true;
	case ACT_HOME:
		show_page(v, v->page, 0);
		return true;
	case ACT_END:
		v->focus = items(v, v->page) > 0 ? items(v, v->page) - 1 : 0;
		return true;
	case ACT_ENTER:
		go_to_finding(v);
		return true;
	case ACT_SAVE:
		save_files(t, v);
		return true;
	case ACT_REVIEW:
		if (desk_review(t, v->unit, v->year, v->info.revision, v->r->t, focused_field(v)))
			review_load(t, v);
		return true;
	case ACT_HISTORY:
		desk_history_open(t, v->unit, v->year);
		return true;
	default:
		return false; /* Esc closes the view */
	}
}

static const enum action *
view_hints(struct tui *t)
{
	struct view *v = tui_state(t);
	return v->page == page_findings(v) && v->f.n > 0 ? hints_findings : NULL;
}

/* Back from the history: a conflict settled there may have put another bundle in use. */
static void
view_resume(struct tui *t)
{
	struct view *v = tui_state(t);
	struct report *r;
	struct merged_info info;
	struct merged_attachment *att;
	size_t natt;
	struct err e;
	char today[16];
	if (merged_report_read(t->db, v->unit, v->year, &r, &info, &e) != ST_OK ||
	    merged_attachments(t->db, v->unit, v->year, &att, &natt, &e) != ST_OK) {
		report_free(r);
		merged_info_free(&info);
		tui_error(t, &e);
		return;
	}
	findings_free(&v->f);
	report_free(v->r);
	merged_info_free(&v->info);
	merged_attachments_free(v->att, v->natt);
	v->r = r;
	v->info = info;
	v->att = att;
	v->natt = natt;
	store_today(today);
	validate_report(v->r, today, &v->f);
	review_load(t, v); /* the review is of the bundle in use, which may have changed */
	if (v->page >= pages(v) || v->focus >= items(v, v->page))
		show_page(v, 0, 0);
}

static void
view_leave(struct tui *t)
{
	struct view *v = tui_state(t);
	findings_free(&v->f);
	review_entry_free(&v->review);
	report_free(v->r);
	merged_info_free(&v->info);
	merged_attachments_free(v->att, v->natt);
	free(v->unit);
	free(v);
}

const struct screen screen_unit_report = {
    .id = "unit-report",
    .draw = view_draw,
    .key = view_key,
    .resume = view_resume,
    .leave = view_leave,
    .hints = hints,
    .hints_of = view_hints,
    .keys = keys_taken,
    .overrides = overrides,
};

void
unit_report_open(struct tui *t, const char *unit, int year)
{
	struct view *v = xcalloc(1, sizeof *v);
	struct err e;
	char today[16], help[1600];
	v->unit = xstrdup(unit);
	v->year = year;
	if (merged_report_read(t->db, unit, year, &v->r, &v->info, &e) != ST_OK ||
	    merged_attachments(t->db, unit, year, &v->att, &v->natt, &e) != ST_OK) {
		tui_error(t, &e);
		report_free(v->r);
		merged_info_free(&v->info);
		free(v->unit);
		free(v);
		return;
	}
	/* The findings as the one engine sees the report today, at the central. */
	store_today(today);
	validate_report(v->r, today, &v->f);
	review_load(t, v);
	snprintf(
	    help, sizeof help,
	    L("Báo cáo đơn vị đã gửi, chỉ để xem: các phần theo thứ tự đơn vị đã điền (%s, %s), "
	      "lỗi và cảnh báo dưới mục của chúng và trong danh sách kết quả kiểm tra, rồi các tệp "
	      "đính kèm. %s lưu tệp đính kèm vào một thư mục hoặc USB. %s: duyệt báo cáo hoặc yêu "
	      "cầu sửa, kèm ý kiến về cả báo cáo hoặc về mục đang chọn; ý kiến hiện dưới mục của "
	      "nó và về tới đơn vị trong biên nhận tiếp theo, hoặc trong tệp ý kiến có chữ ký.",
	      "The report the unit sent, to read only: the sections in the order the unit filled "
	      "them in (%s, %s), errors and warnings under their fields and in the list of "
	      "findings, then the attachments. %s saves the attachments to a folder or USB stick. "
	      "%s: approve the report or ask for fixes, with comments on it or on the chosen "
	      "field; each comment shows under its field and reaches the unit in the next "
	      "receipt, or in a signed review file."),
	    action_first_key(ACT_PAGE_DOWN), action_first_key(ACT_PAGE_UP),
	    action_first_key(ACT_SAVE), action_first_key(ACT_REVIEW));
	tui_set_help(t, L("Báo cáo của đơn vị", "The unit's report"), help);
	tui_push(t, &screen_unit_report, v);
}
