/* report.c: the report editor: sections on the left, the section's fields on the right, each
 * value saved as the clerk leaves it, findings shown under their field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clerk.h"
#include "i18n.h"
#include "ime.h"
#include "phase.h"
#include "report.h"
#include "store.h"
#include "unit.h"
#include "validate.h"
#include "widgets.h"

/* The section pane takes a share of the width, between these; names too long wrap on two
 * rows when every section fits so, else take one row and end in "…". */
#define LEFT_SHARE 30 /* percent */
#define LEFT_MIN 24
#define LEFT_MAX 44
#define SECTION_ROWS 2

struct editor {
	struct report *r;
	struct findings f;
	struct form form;
	int section;
	bool in_fields;
	char today[16];
	int jump; /* the field the check screen chose, or -1 */
	struct unit_review rv; /* the Ministry's comments still open (until the next pack) */
	struct phase_fill prov; /* a phase review: where each pre-filled value came from */
};

/* Rows the Ministry's comments on the whole report may take above the fields. */
#define WHOLE_ROWS 4

static const enum action hints_fields[] = {ACT_NEXT, ACT_ENTER, ACT_CHECK, ACT_FIND, ACT_IME,
					   ACT_BACK, ACT_HELP, ACT_QUIT, ACT_NONE};
/* On a yes/no or a choice: Space changes it, Delete empties it. */
static const enum action hints_choice[] = {ACT_TOGGLE, ACT_DELETE, ACT_NEXT, ACT_CHECK, ACT_BACK,
					   ACT_HELP, ACT_QUIT, ACT_NONE};
/* Those of the sections, the form and the line editor. */
static const enum action keys_taken[] = {ACT_NEXT, ACT_PREV, ACT_ENTER, ACT_TOGGLE, ACT_LEFT, ACT_RIGHT,
					  ACT_HOME, ACT_END, ACT_DELETE, ACT_PAGE_UP, ACT_PAGE_DOWN,
					  ACT_CHECK, ACT_PREVIEW, ACT_PACK, ACT_FIND, ACT_BACK, ACT_NONE};

/* PgUp and PgDn go from section to section. */
static const struct action_info overrides[] = {
	{ACT_PAGE_UP, "Phần trước", "Previous section", "Phần trước", "Previous section", NULL},
	{ACT_PAGE_DOWN, "Phần sau", "Next section", "Phần sau", "Next section", NULL},
	{ACT_DELETE, "Xóa", "Clear", "Xóa ký tự; để trống ô có/không, ô lựa chọn",
	 "Delete a character; empty a yes/no or choice field", NULL},
	{ACT_NONE, NULL, NULL, NULL, NULL, NULL},
};

static void
revalidate(struct editor *ed)
{
	findings_free(&ed->f);
	validate_report(ed->r, ed->today, &ed->f);
}

/* A phase review's provenance as stored (phase_stored), read again after a change: a field the
 * clerk set says it was changed. Nothing for a yearly report. */
static void
load_prefill(struct tui *t, struct editor *ed)
{
	struct err e;
	phase_fill_free(&ed->prov);
	if (report_phase_first(ed->r) &&
	    phase_stored(t->db, report_phase_first(ed->r), ed->r->year, &ed->prov, &e) != ST_OK)
		tui_error(t, &e);
}

static const struct value *
get_value(void *ctx, int field)
{
	struct editor *ed = ctx;
	return &ed->r->values[field];
}

static size_t
table_rows(void *ctx, int field)
{
	struct editor *ed = ctx;
	return ed->r->tables[field].n;
}

static bool
save_value(struct tui *t, void *ctx, int field, const struct value *v)
{
	struct editor *ed = ctx;
	struct err e;
	if (report_set_value(t->db, ed->r, field, v, &e) != ST_OK) {
		tui_error(t, &e);
		return false;
	}
	revalidate(ed);
	load_prefill(t, ed);
	return true;
}

static void
notes(void *ctx, int field, struct buf *out, bool *error)
{
	struct editor *ed = ctx;
	size_t errors = 0, warnings = 0;
	*error = false;
	for (size_t i = 0; i < ed->f.n; i++) {
		const struct finding *x = &ed->f.items[i];
		if (x->field != field)
			continue;
		if (ed->r->t->fields[field].type == F_TABLE) {
			errors += x->level == LV_ERROR;
			warnings += x->level == LV_WARNING;
			continue;
		}
		if (x->kind == FK_MISSING)
			continue; /* the star already says it is required */
		buf_printf(out, "%s%s", out->len ? " · " : "", x->message);
		*error |= x->level == LV_ERROR;
	}
	if (errors || warnings) {
		buf_printf(out, L("Trong bảng: %zu lỗi, %zu cảnh báo", "In the table: %zu errors, %zu warnings"),
			   errors, warnings);
		*error = errors > 0;
	}
	if (ed->prov.from != NULL && ed->prov.from[field] != NULL)
		buf_printf(out, L("%sĐiền sẵn: %s", "%sPre-filled: %s"), out->len ? " · " : "",
			   ed->prov.from[field]);
}

static void
comments(void *ctx, int field, struct buf *out)
{
	struct editor *ed = ctx;
	review_comments(&ed->rv, field, out);
}

/* The Ministry's open review of the year, read again (a pack answers it). */
static void
load_review(struct tui *t, struct editor *ed)
{
	struct err e;
	unit_review_free(&ed->rv);
	if (unit_review_open(t->db, ed->r->year, report_phase_first(ed->r), &ed->rv, &e) != ST_OK)
		tui_error(t, &e);
}

static void
open_field(struct tui *t, void *ctx, int field)
{
	struct editor *ed = ctx;
	if (ed->r->t->fields[field].type == F_TABLE)
		table_open(t, ed->r, field);
}

/* F1 explains the focused field (or the section), and gives the Ministry's comments on it (on
 * the whole report, for a section) whole: under the field they may be cut to fit. */
static void
set_help(struct tui *t, struct editor *ed)
{
	const struct template *tp = ed->r->t;
	bool field = ed->in_fields && ed->form.n > 0;
	int i = field ? ed->form.index[ed->form.focus] : -1;
	const char *help = field ? TR(tp->fields[i].help) : TR(tp->sections[ed->section].help);
	struct buf b;
	buf_init(&b);
	review_comments(&ed->rv, i, &b);
	char *body =
	    b.len ? xasprintf("%s%s%s", help ? help : "", help && help[0] ? "\n\n" : "", b.data)
		  : NULL;
	tui_set_help(t, field ? TR(tp->fields[i].label) : TR(tp->sections[ed->section].title),
		     body ? body : help);
	free(body);
	buf_free(&b);
}

static void
show_section(struct tui *t, struct editor *ed, int s, int focus)
{
	const struct section *sec = &ed->r->t->sections[s];
	ed->section = s;
	free(ed->form.index);
	ed->form.index = xcalloc(sec->count, sizeof *ed->form.index);
	for (size_t i = 0; i < sec->count; i++)
		ed->form.index[i] = (int)(sec->first + i);
	ed->form.n = (int)sec->count;
	ed->form.top = 0;
	form_focus(t, &ed->form, focus);
	set_help(t, ed);
}

static void
jump_to(struct tui *t, struct editor *ed, int field)
{
	int s = ed->r->t->fields[field].section;
	show_section(t, ed, s, field - (int)ed->r->t->sections[s].first);
	ed->in_fields = true;
	set_help(t, ed);
}

int
field_choose(struct tui *t, const struct template *tp, const char *prompt)
{
	char *q = tui_prompt(t, prompt, "", false);
	if (q == NULL)
		return -1;
	/* As many as the chooser shows at once: more words narrow a longer list. */
	size_t max = t->rows > 10 ? (size_t)t->rows - 8 : 2;
	int *idx = xcalloc(max + 1, sizeof *idx);
	size_t n = template_find(tp, q, idx, max + 1);
	int chosen = -1;
	if (n == 0) {
		tui_message(t, true, L("Không có mục nào khớp với \"%s\"", "No field matches \"%s\""), q);
		free(idx);
		free(q);
		return -1;
	}
	char *title =
	    n > max ? xasprintf(L("%zu mục đầu khớp với \"%s\" (gõ thêm chữ để thu hẹp)",
				  "The first %zu fields matching \"%s\" (more words narrow it)"),
				max, q)
		    : xasprintf(L("Các mục khớp với \"%s\"", "Fields matching \"%s\""), q);
	n = n > max ? max : n;
	char **labels = xcalloc(n, sizeof *labels);
	for (size_t i = 0; i < n; i++) {
		const struct field *f = &tp->fields[idx[i]];
		labels[i] = xasprintf("%s · %s", TR(f->label), TR(tp->sections[f->section].title));
	}
	int sel = tui_choose(t, title, (const char *const *)labels, (int)n, 0);
	if (sel >= 0)
		chosen = idx[sel];
	for (size_t i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	free(title);
	free(idx);
	free(q);
	return chosen;
}

/* Ctrl-F: the fields whose label or id hold the words typed (with or without diacritics), in
 * a chooser of label and section; the editor goes to the one chosen. */
static void
find_field(struct tui *t, struct editor *ed)
{
	int f = field_choose(t, ed->r->t,
			     L("Tìm mục: gõ vài chữ của tên mục (có dấu hoặc không) hoặc mã mục",
			       "Find a field: words of its label (accents optional) or its id"));
	if (f >= 0)
		jump_to(t, ed, f);
}

void
report_open(struct tui *t, int year, int phase_first)
{
	struct editor *ed = xcalloc(1, sizeof *ed);
	struct err e;
	store_today(ed->today);
	ed->jump = -1;
	if (report_open_or_new(t->db, year, phase_first, &ed->r, &e) != ST_OK) {
		tui_error(t, &e);
		free(ed);
		return;
	}
	le_init(&ed->form.edit, "");
	ed->form.fields = ed->r->t->fields;
	ed->form.get = get_value;
	ed->form.save = save_value;
	ed->form.open = open_field;
	ed->form.notes = notes;
	ed->form.comments = comments;
	ed->form.rows = table_rows;
	ed->form.ctx = ed;
	ed->form.report_year = year;
	ed->form.report = ed->r;
	ed->form.table = -1;
	revalidate(ed);
	load_review(t, ed);
	load_prefill(t, ed);
	show_section(t, ed, 0, 0);
	if (t->start_field != NULL) {
		int f = template_field(ed->r->t, t->start_field);
		if (f >= 0)
			jump_to(t, ed, f);
		else
			tui_message(t, true, L("không có mục \"%s\" trong mẫu báo cáo", "no field \"%s\" in the template"),
				    t->start_field);
		t->start_field = NULL;
	}
	tui_push(t, &screen_report, ed);
}

static int
left_width(const struct tui *t)
{
	int w = t->cols * LEFT_SHARE / 100;
	return w < LEFT_MIN ? LEFT_MIN : w > LEFT_MAX ? LEFT_MAX : w;
}

/* Rows each section's name may take in a pane lw wide: SECTION_ROWS when all of them fit so
 * between the title bar and the message line, else 0 (one row each, abbreviated). */
static int
section_rows(struct tui *t, const struct template *tp, int lw)
{
	int rows = 0;
	for (size_t s = 0; s < tp->nsections; s++)
		rows += tui_wrap(t, 0, 0, lw - 5, SECTION_ROWS, TR(tp->sections[s].title), false);
	return rows <= t->rows - 4 ? SECTION_ROWS : 0;
}

/* The section drawn at screen row y, or -1. */
static int
section_at(struct tui *t, const struct template *tp, int y)
{
	int lw = left_width(t), per = section_rows(t, tp, lw), row = 2;
	for (size_t s = 0; s < tp->nsections; s++) {
		int n = per ? tui_wrap(t, 0, 0, lw - 5, per, TR(tp->sections[s].title), false) : 1;
		if (y >= row && y < row + n)
			return (int)s;
		row += n;
	}
	return -1;
}

static void
report_draw(struct tui *t)
{
	struct editor *ed = tui_state(t);
	const struct template *tp = ed->r->t;
	char title[400], name[REPORT_PERIOD_NAME_SIZE], period[REPORT_PERIOD_SIZE];
	size_t required = 0, filled = 0;

	for (size_t i = 0; i < tp->nfields; i++)
		if (tp->fields[i].required && tp->fields[i].type != F_TABLE) {
			required++;
			filled += ed->r->values[i].k != V_NULL;
		}
	report_period_name(ed->r->year, report_phase_first(ed->r), name);
	report_period_text(ed->r->year, report_phase_first(ed->r), period);
	snprintf(title, sizeof title,
		 L("Báo cáo %s — đã điền %zu/%zu mục bắt buộc — %zu lỗi, %zu cảnh báo — gõ: %s",
		   "%s report — %zu/%zu required fields filled — %zu errors, %zu warnings — typing: %s"),
		 name, filled, required, ed->f.errors, ed->f.warnings,
		 t->ime ? tui_ime_name(t) : "—");
	if (tui_width(t, title) > t->cols - 2) /* narrow: the same, in fewer words */
		snprintf(title, sizeof title,
			 report_phase_first(ed->r)
			     ? L("Giai đoạn %s — bắt buộc %zu/%zu — %zu lỗi, %zu cảnh báo — gõ: %s",
				 "%s phase — required %zu/%zu — %zu errors, %zu warnings — typing: %s")
			     : L("Năm %s — bắt buộc %zu/%zu — %zu lỗi, %zu cảnh báo — gõ: %s",
				 "%s — required %zu/%zu — %zu errors, %zu warnings — typing: %s"),
			 period, filled, required, ed->f.errors, ed->f.warnings,
			 t->ime ? tui_ime_name(t) : "—");
	tui_chrome(t, title);
	int lw = left_width(t), per = section_rows(t, tp, lw), y = 2;
	/* Sections, each with what is left to fill. */
	for (size_t s = 0; s < tp->nsections && y < t->rows - 2; s++) {
		const struct section *sec = &tp->sections[s];
		size_t req = 0, done = 0, errs = 0;
		int n = per ? tui_wrap(t, 0, 0, lw - 5, per, TR(sec->title), false) : 1;
		for (size_t i = sec->first; i < sec->first + sec->count; i++)
			if (tp->fields[i].required && tp->fields[i].type != F_TABLE) {
				req++;
				done += ed->r->values[i].k != V_NULL;
			}
		for (size_t i = 0; i < ed->f.n; i++)
			errs += ed->f.items[i].level == LV_ERROR &&
				tp->fields[ed->f.items[i].field].section == (int)s;
		size_t commented = 0;
		for (size_t i = sec->first; i < sec->first + sec->count; i++)
			commented += unit_review_count(&ed->rv, (int)i);
		bool sel = (int)s == ed->section;
		if (sel)
			attron(ed->in_fields ? A_BOLD : A_REVERSE);
		for (int r = 0; r < n && y + r < t->rows - 2; r++)
			mvhline(y + r, 0, ' ', lw - 1);
		/* Errors first, then the Ministry's comments, then done. */
		const char *mark = done == req ? "✓ " : "  ";
		if (errs || commented)
			mark = errs ? "! " : form_mark(t);
		tui_text(t, y, 1, 2, mark);
		if (per)
			tui_wrap(t, y, 3, lw - 5, n < t->rows - 2 - y ? n : t->rows - 2 - y,
				 TR(sec->title), true);
		else
			tui_text(t, y, 3, lw - 5, TR(sec->title));
		if (sel)
			attroff(ed->in_fields ? A_BOLD : A_REVERSE);
		y += n;
	}
	mvvline(1, lw - 1, t->utf8 ? ACS_VLINE : '|', t->rows - 3);
	/* The Ministry's comments on the whole report, on top of every section. */
	int top = review_block(t, &ed->rv, -1, 2, lw + 1, t->cols - lw - 2, WHOLE_ROWS, true);
	top = top ? 2 + top + 1 : 2;
	if (ed->in_fields)
		form_draw(t, &ed->form, top, lw + 1, t->rows - 3 - top, t->cols - lw - 2);
	else {
		curs_set(0);
		tui_text(t, top, lw + 1, t->cols - lw - 2, TR(tp->sections[ed->section].title));
		/* The section's help, wrapped. */
		tui_wrap(t, top + 2, lw + 1, t->cols - lw - 3, t->rows - 6 - top,
			 TR(tp->sections[ed->section].help), true);
	}
}

static void
report_click(struct tui *t, int y, int x)
{
	struct editor *ed = tui_state(t);
	int s = section_at(t, ed->r->t, y), lw = left_width(t);
	if (x < lw - 1 && s >= 0) {
		if (!ed->in_fields || form_commit(t, &ed->form)) {
			show_section(t, ed, s, 0);
			ed->in_fields = false;
			set_help(t, ed);
		}
		return;
	}
	if (x > lw && ed->in_fields)
		form_click(t, &ed->form, y);
	else if (x > lw)
		ed->in_fields = true;
	if (x > lw)
		set_help(t, ed);
}

/* Keys on the list of sections. */
static bool
sections_key(struct tui *t, struct editor *ed, enum action a)
{
	int nsec = (int)ed->r->t->nsections;
	if (a == ACT_NEXT || a == ACT_PREV)
		show_section(t, ed, (ed->section + (a == ACT_NEXT ? 1 : nsec - 1)) % nsec, 0);
	else if (a == ACT_ENTER || a == ACT_RIGHT) {
		ed->in_fields = true;
		set_help(t, ed);
	}
	return a != ACT_BACK;
}

/* Keys on the fields of a section: past its first or last field, the section before or after. */
static void
fields_key(struct tui *t, struct editor *ed, enum action a, wint_t ch, bool is_text)
{
	int nsec = (int)ed->r->t->nsections;
	if (a == ACT_BACK && form_commit(t, &ed->form)) {
		ed->in_fields = false;
		set_help(t, ed);
		return;
	}
	if (a == ACT_BACK)
		return;
	if ((a == ACT_PAGE_DOWN || a == ACT_PAGE_UP) && form_commit(t, &ed->form))
		show_section(t, ed, (ed->section + (a == ACT_PAGE_DOWN ? 1 : nsec - 1)) % nsec, 0);
	else if (a == ACT_NEXT && ed->form.focus == ed->form.n - 1 && form_commit(t, &ed->form))
		show_section(t, ed, (ed->section + 1) % nsec, 0);
	else if (a == ACT_PREV && ed->form.focus == 0 && form_commit(t, &ed->form)) {
		int s = (ed->section + nsec - 1) % nsec;
		show_section(t, ed, s, (int)ed->r->t->sections[s].count - 1);
	} else if (a != ACT_PAGE_DOWN && a != ACT_PAGE_UP) {
		int before = ed->form.focus;
		form_key(t, &ed->form, a, ch, is_text);
		if (ed->form.focus != before)
			set_help(t, ed);
	}
}

static bool
report_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct editor *ed = tui_state(t);
	/* F3, F2 and F5 as on the first screen, the field being edited saved first. */
	if ((a == ACT_PREVIEW || a == ACT_CHECK || a == ACT_PACK || a == ACT_FIND) && ed->in_fields &&
	    !form_commit(t, &ed->form))
		return true;
	if (a == ACT_FIND) {
		find_field(t, ed);
		return true;
	}
	if (a == ACT_PACK) {
		task_pack(t, ed->r->year, report_phase_first(ed->r));
		load_review(t, ed); /* packed: the comments are answered */
		set_help(t, ed);
		return true;
	}
	if (a == ACT_PREVIEW) {
		preview_open(t, ed->r->year, report_phase_first(ed->r));
		return true;
	}
	if (a == ACT_CHECK) {
		revalidate(ed);
		check_open(t, ed->r, &ed->f, &ed->jump);
		return true;
	}
	if (!ed->in_fields)
		return sections_key(t, ed, a);
	fields_key(t, ed, a, ch, is_text);
	return true;
}

/* Back from the check screen: on the field it chose. */
static void
report_resume(struct tui *t)
{
	struct editor *ed = tui_state(t);
	load_prefill(t, ed); /* a table edited, or the review filled again */
	if (ed->jump >= 0)
		jump_to(t, ed, ed->jump);
	ed->jump = -1;
}

static void
report_leave(struct tui *t)
{
	struct editor *ed = tui_state(t);
	if (ed == NULL)
		return;
	/* Leaving keeps what was typed: the field being edited is saved first. */
	if (ed->in_fields)
		form_commit(t, &ed->form);
	le_free(&ed->form.edit);
	free(ed->form.index);
	findings_free(&ed->f);
	unit_review_free(&ed->rv);
	phase_fill_free(&ed->prov);
	report_free(ed->r);
	free(ed);
}

static const enum action *
report_hints(struct tui *t)
{
	struct editor *ed = tui_state(t);
	return ed->in_fields && form_toggles(&ed->form) ? hints_choice : NULL;
}

const struct screen screen_report = {
	.id = "report",
	.draw = report_draw,
	.key = report_key,
	.click = report_click,
	.resume = report_resume,
	.leave = report_leave,
	.hints = hints_fields,
	.hints_of = report_hints,
	.overrides = overrides,
	.keys = keys_taken,
};
