/* table.c: a table of the report (nominations, models) as a list: add, edit, delete with undo,
 * reorder; a row is edited in a form of its columns, saved as each value is left. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clerk.h"
#include "i18n.h"
#include "report.h"
#include "unit.h"
#include "validate.h"
#include "widgets.h"

struct table {
	struct report *r;
	int field;
	int sel, top;
	bool editing;
	struct form form;
	struct row undo; /* the last deleted row */
	int undo_at;     /* where it was, or -1 */
	struct findings f;
	struct unit_review rv; /* the Ministry's comments still open, those on this table shown */
};

/* Rows the Ministry's comments on the table may take above it. */
#define COMMENT_ROWS 4

static const enum action hints_list[] = {ACT_ENTER, ACT_ADD, ACT_DELETE, ACT_UNDO, ACT_MOVE_UP,
					 ACT_BACK, ACT_HELP, ACT_NONE};
/* Those of the list and of a row's form. */
static const enum action keys_taken[] = {ACT_NEXT, ACT_PREV, ACT_ENTER, ACT_TOGGLE, ACT_LEFT, ACT_RIGHT,
					  ACT_HOME, ACT_END, ACT_ADD, ACT_DELETE, ACT_UNDO,
					  ACT_MOVE_UP, ACT_MOVE_DOWN, ACT_BACK, ACT_NONE};
/* While a row is edited, Delete is the line editor's (the character under the cursor). */
static const enum action hints_row[] = {ACT_ENTER, ACT_ADD, ACT_UNDO, ACT_MOVE_UP, ACT_BACK, ACT_HELP, ACT_NONE};
/* On a yes/no or a choice of the row: Space changes it, Delete empties it. */
static const enum action hints_choice[] = {ACT_TOGGLE, ACT_DELETE, ACT_ADD, ACT_UNDO, ACT_MOVE_UP,
					   ACT_BACK, ACT_HELP, ACT_NONE};

static const struct field *
table_field(struct table *tb)
{
	return &tb->r->t->fields[tb->field];
}

static struct rows *
rows_of(struct table *tb)
{
	return &tb->r->tables[tb->field];
}

static void
revalidate(struct table *tb)
{
	char today[16];
	findings_free(&tb->f);
	snprintf(today, sizeof today, "%d-12-31", tb->r->year);
	validate_report(tb->r, today, &tb->f);
}

static bool
store(struct tui *t, struct table *tb)
{
	struct err e;
	if (report_save_table(t->db, tb->r, tb->field, &e) != ST_OK) {
		tui_error(t, &e);
		return false;
	}
	revalidate(tb);
	return true;
}

static const struct value *
cell_get(void *ctx, int col)
{
	struct table *tb = ctx;
	return &rows_of(tb)->rows[tb->sel].cells[col];
}

static bool
cell_save(struct tui *t, void *ctx, int col, const struct value *v)
{
	struct table *tb = ctx;
	struct value *c = &rows_of(tb)->rows[tb->sel].cells[col];
	value_clear(c);
	*c = (struct value){v->k, v->i, v->s ? xstrdup(v->s) : NULL};
	return store(t, tb);
}

static void
cell_notes(void *ctx, int col, struct buf *out, bool *error)
{
	struct table *tb = ctx;
	*error = false;
	for (size_t i = 0; i < tb->f.n; i++) {
		const struct finding *x = &tb->f.items[i];
		if (x->field == tb->field && x->column == col && x->row == tb->sel + 1 &&
		    x->kind != FK_MISSING) {
			const char *msg = strstr(x->message, ": ");
			buf_printf(out, "%s%s", out->len ? " · " : "", msg ? msg + 2 : x->message);
			*error |= x->level == LV_ERROR;
		}
	}
}

void
table_open(struct tui *t, struct report *r, int field)
{
	struct table *tb = xcalloc(1, sizeof *tb);
	const struct field *f;
	tb->r = r;
	tb->field = field;
	tb->undo_at = -1;
	f = table_field(tb);
	le_init(&tb->form.edit, "");
	tb->form.fields = f->columns;
	tb->form.n = (int)f->ncolumns;
	tb->form.index = xcalloc(f->ncolumns, sizeof *tb->form.index);
	for (size_t i = 0; i < f->ncolumns; i++)
		tb->form.index[i] = (int)i;
	tb->form.get = cell_get;
	tb->form.save = cell_save;
	tb->form.notes = cell_notes;
	tb->form.ctx = tb;
	tb->form.report_year = tb->r->year;
	tb->form.report = tb->r;
	tb->form.table = field;
	revalidate(tb);
	struct err e;
	if (unit_review_open(t->db, r->year, report_phase_first(r), &tb->rv, &e) != ST_OK)
		tui_error(t, &e);
	tui_set_help(t, TR(f->label), TR(f->help));
	tui_push(t, &screen_table, tb);
}

static void
summary(struct tui *t, struct table *tb, int i, struct buf *b)
{
	const struct field *f = table_field(tb);
	const struct row *row = &rows_of(tb)->rows[i];
	buf_printf(b, "%2d. ", i + 1);
	for (size_t k = 0; k < f->ncolumns; k++) {
		const struct value *v = &row->cells[k];
		if (v->k == V_NULL || f->columns[k].type == F_LONGTEXT)
			continue;
		if (b->len > 4)
			buf_adds(b, " — ");
		value_format(&f->columns[k], v, b);
	}
	(void)t;
}

static void
table_draw(struct tui *t)
{
	struct table *tb = tui_state(t);
	const struct field *f = table_field(tb);
	struct rows *rs = rows_of(tb);
	char title[400];
	snprintf(title, sizeof title, L("%s — %zu dòng (tối đa %zu)", "%s — %zu rows (at most %zu)"), TR(f->label),
		 rs->n, f->max_rows);
	tui_chrome(t, title);
	/* The Ministry's comments on the table, above its rows. */
	int top = review_block(t, &tb->rv, tb->field, 2, 2, t->cols - 4, COMMENT_ROWS, true);
	top = top ? top + 1 : 0;
	if (tb->editing) {
		char head[100];
		snprintf(head, sizeof head, L("Dòng %d", "Row %d"), tb->sel + 1);
		attron(A_BOLD);
		tui_text(t, 2 + top, 2, t->cols - 4, head);
		attroff(A_BOLD);
		form_draw(t, &tb->form, 4 + top, 2, t->rows - 7 - top, t->cols - 4);
		return;
	}
	curs_set(0);
	if (rs->n == 0) {
		char line[200];
		snprintf(line, sizeof line, L("Chưa có dòng nào. Nhấn %s để thêm.", "No rows yet. Press %s to add one."),
			 action_keys_or(ACT_ADD));
		tui_text(t, 3 + top, 2, t->cols - 4, line);
		return;
	}
	int h = t->rows - 5 - top;
	list_scroll(tb->sel, &tb->top, h);
	for (int i = tb->top; i < (int)rs->n && i - tb->top < h; i++) {
		struct buf b;
		size_t errs = 0;
		buf_init(&b);
		summary(t, tb, i, &b);
		for (size_t k = 0; k < tb->f.n; k++)
			errs += tb->f.items[k].field == tb->field && tb->f.items[k].row == i + 1 &&
				tb->f.items[k].level == LV_ERROR;
		if (errs)
			buf_printf(&b, L("  [%zu lỗi]", "  [%zu errors]"), errs);
		tui_list_line(t, 2 + top + i - tb->top, 0, t->cols, b.data, i == tb->sel);
		buf_free(&b);
	}
}

static void
free_undo(struct table *tb)
{
	if (tb->undo_at < 0)
		return;
	for (size_t k = 0; k < table_field(tb)->ncolumns; k++)
		value_clear(&tb->undo.cells[k]);
	free(tb->undo.cells);
	tb->undo_at = -1;
}

static void
row_add(struct tui *t, struct table *tb)
{
	const struct field *f = table_field(tb);
	struct rows *rs = rows_of(tb);
	if (rs->n >= f->max_rows) {
		tui_message(t, true, L("Bảng đã đủ %zu dòng", "The table already has %zu rows"), f->max_rows);
		return;
	}
	rs->rows = xreallocarray(rs->rows, rs->n + 1, sizeof *rs->rows);
	rs->rows[rs->n].cells = xcalloc(f->ncolumns, sizeof(struct value));
	tb->sel = (int)rs->n++;
	store(t, tb);
	tb->editing = true;
	tb->form.table_row = tb->sel + 1;
	form_focus(t, &tb->form, 0);
}

/* Kept for Ctrl-Z: deleting never asks, and is never final at once. */
static void
row_delete(struct tui *t, struct table *tb)
{
	struct rows *rs = rows_of(tb);
	free_undo(tb);
	tb->undo = rs->rows[tb->sel];
	tb->undo_at = tb->sel;
	memmove(&rs->rows[tb->sel], &rs->rows[tb->sel + 1], (rs->n - (size_t)tb->sel - 1) * sizeof *rs->rows);
	rs->n--;
	if (tb->sel >= (int)rs->n && tb->sel > 0)
		tb->sel--;
	store(t, tb);
	tui_message(t, false, L("Đã xóa dòng %d. %s để lấy lại.", "Deleted row %d. %s brings it back."),
		    tb->undo_at + 1, action_first_key(ACT_UNDO));
}

static void
row_undo(struct tui *t, struct table *tb)
{
	struct rows *rs = rows_of(tb);
	rs->rows = xreallocarray(rs->rows, rs->n + 1, sizeof *rs->rows);
	memmove(&rs->rows[tb->undo_at + 1], &rs->rows[tb->undo_at], (rs->n - (size_t)tb->undo_at) * sizeof *rs->rows);
	rs->rows[tb->undo_at] = tb->undo;
	rs->n++;
	tb->sel = tb->undo_at;
	tb->undo_at = -1;
	store(t, tb);
}

/* Moves the selected row by one (up: -1), if it can. */
static void
row_move(struct tui *t, struct table *tb, int by)
{
	struct rows *rs = rows_of(tb);
	int to = tb->sel + by;
	if (to < 0 || to >= (int)rs->n)
		return;
	struct row tmp = rs->rows[tb->sel];
	rs->rows[tb->sel] = rs->rows[to];
	rs->rows[to] = tmp;
	tb->sel = to;
	store(t, tb);
}

/* Keys on the list of rows. */
static bool
rows_key(struct tui *t, struct table *tb, enum action a)
{
	int n = (int)rows_of(tb)->n;
	if (a == ACT_NEXT || a == ACT_PREV)
		return list_move(&tb->sel, n, 1, a);
	if (a == ACT_ENTER && n > 0) {
		tb->editing = true;
		tb->form.table_row = tb->sel + 1;
		form_focus(t, &tb->form, 0);
	} else if (a == ACT_ADD)
		row_add(t, tb);
	else if (a == ACT_DELETE && n > 0)
		row_delete(t, tb);
	else if (a == ACT_UNDO && tb->undo_at >= 0)
		row_undo(t, tb);
	else if (a == ACT_MOVE_UP || a == ACT_MOVE_DOWN)
		row_move(t, tb, a == ACT_MOVE_UP ? -1 : 1);
	return a != ACT_BACK;
}

/* Keys while a row is edited in its form. Adding, undoing and moving, shown in the status bar
 * here too, are the list's: the row is saved and left first. */
static bool
edit_key(struct tui *t, struct table *tb, enum action a, wint_t ch, bool is_text)
{
	bool list_action = a == ACT_ADD || a == ACT_UNDO || a == ACT_MOVE_UP || a == ACT_MOVE_DOWN;
	if (a == ACT_BACK || list_action || (a == ACT_NEXT && tb->form.focus == tb->form.n - 1)) {
		if (!form_commit(t, &tb->form))
			return true;
		tb->editing = false;
		return list_action ? rows_key(t, tb, a) : true;
	}
	form_key(t, &tb->form, a, ch, is_text);
	return true;
}

static const enum action *
table_hints(struct tui *t)
{
	const struct table *tb = tui_state(t);
	if (!tb->editing)
		return hints_list;
	return form_toggles(&tb->form) ? hints_choice : hints_row;
}

static bool
table_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct table *tb = tui_state(t);
	return tb->editing ? edit_key(t, tb, a, ch, is_text) : rows_key(t, tb, a);
}

static void
table_leave(struct tui *t)
{
	struct table *tb = tui_state(t);
	if (tb->editing)
		form_commit(t, &tb->form);
	free_undo(tb);
	le_free(&tb->form.edit);
	free(tb->form.index);
	findings_free(&tb->f);
	unit_review_free(&tb->rv);
	free(tb);
}

const struct screen screen_table = {
	.id = "table",
	.draw = table_draw,
	.key = table_key,
	.leave = table_leave,
	.hints = hints_list,
	.hints_of = table_hints,
	.keys = keys_taken,
};
