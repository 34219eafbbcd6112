/* move.c: the clerk moves a year's draft to a newer version of its form: the plan first (what
 * is kept, what is dropped with its text, what is new), then the move on the clerk's word; the
 * values a move kept, each readable whole and copied into a field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clerk.h"
#include "i18n.h"
#include "migrate.h"
#include "report.h"
#include "validate.h"
#include "widgets.h"

/* ---- the plan ---------------------------------------------------------------------------- */

struct move_view {
	int year, phase_first, from, to;
	char *text; /* the plan, as move_plan_write writes it */
	int skip;   /* wrapped rows scrolled past */
};

static const enum action plan_hints[] = {ACT_ENTER, ACT_BACK, ACT_PAGE_DOWN,
					 ACT_HELP,  ACT_QUIT, ACT_NONE};
static const enum action plan_keys[] = {ACT_ENTER,     ACT_BACK, ACT_NEXT, ACT_PREV, ACT_PAGE_UP,
					ACT_PAGE_DOWN, ACT_HOME, ACT_END,  ACT_NONE};
static const struct action_info plan_overrides[] = {
	{ACT_ENTER, "Chuyển", "Move", "Chuyển bản nháp sang mẫu mới", "Move the draft to the new form",
	 NULL},
	{ACT_BACK, "Để sau", "Later", "Để sau: bản nháp giữ mẫu cũ", "Later: the draft keeps its form",
	 NULL},
	{ACT_NONE, NULL, NULL, NULL, NULL, NULL},
};

/* Rows of the plan's text below the screen's two lines of explanation. */
static int
plan_rows(struct tui *t)
{
	return t->rows - 7 > 1 ? t->rows - 7 : 1;
}

static void
move_draw(struct tui *t)
{
	struct move_view *m = tui_state(t);
	char line[300], what[REPORT_PERIOD_NAME_SIZE];
	report_period_name(m->year, m->phase_first, what);
	snprintf(line, sizeof line,
		 L("Chuyển bản nháp %s sang mẫu mới (phiên bản %d)",
		   "Move the %s draft to the new form (version %d)"),
		 what, m->to);
	tui_chrome(t, line);
	snprintf(line, sizeof line,
		 L("Bản nháp đang theo phiên bản %d. Giá trị bị bỏ được giữ lại để xem và chép "
		   "vào mục khác. %s: chuyển; %s: để sau.",
		   "The draft answers version %d. Dropped values are kept, to read and copy into "
		   "another field. %s: move; %s: later."),
		 m->from, action_first_key(ACT_ENTER), action_first_key(ACT_BACK));
	int y = 2 + tui_wrap(t, 2, 2, t->cols - 4, 2, line, true);
	tui_wrap_from(t, y + 1, 2, t->cols - 4, m->skip, plan_rows(t), m->text, true);
	curs_set(0);
}

/* The move itself: the plan is carried out in one transaction (move_draft), then the kept
 * values are shown when there are any. */
static void
move_now(struct tui *t, struct move_view *m)
{
	struct move_plan p;
	struct err e = {0};
	int year = m->year, phase_first = m->phase_first;
	if (move_draft(t->db, year, phase_first, &p, &e) != ST_OK) {
		tui_error(t, &e);
		return;
	}
	size_t drops = p.ndrops;
	int to = p.to;
	move_plan_free(&p);
	tui_pop(t);
	if (drops)
		dropped_open(t, year, phase_first);
	tui_message(t, false,
		    L("Đã chuyển sang mẫu phiên bản %d; giữ lại %zu giá trị bị bỏ.",
		      "Moved to version %d; %zu dropped values kept."),
		    to, drops);
}

static bool
move_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct move_view *m = tui_state(t);
	(void)ch;
	(void)is_text;
	int total = tui_wrap_from(t, 0, 0, t->cols - 4, 0, 1 << 20, m->text, false);
	int max = total > plan_rows(t) ? total - plan_rows(t) : 0;
	if (a == ACT_ENTER) {
		move_now(t, m);
		return true;
	}
	if (a == ACT_NEXT || a == ACT_PREV)
		m->skip += a == ACT_NEXT ? 1 : -1;
	else if (a == ACT_PAGE_DOWN || a == ACT_PAGE_UP)
		m->skip += a == ACT_PAGE_DOWN ? plan_rows(t) : -plan_rows(t);
	else if (a == ACT_HOME || a == ACT_END)
		m->skip = a == ACT_HOME ? 0 : max;
	else
		return false;
	m->skip = m->skip > max ? max : m->skip < 0 ? 0 : m->skip;
	return true;
}

static void
move_leave(struct tui *t)
{
	struct move_view *m = tui_state(t);
	free(m->text);
	free(m);
}

const struct screen screen_move = {
	.id = "move",
	.draw = move_draw,
	.key = move_key,
	.leave = move_leave,
	.hints = plan_hints,
	.keys = plan_keys,
	.overrides = plan_overrides,
};

void
move_open(struct tui *t, int year, int phase_first)
{
	struct move_plan p;
	struct err e = {0};
	if (move_plan(t->db, year, phase_first, &p, &e) != ST_OK) {
		tui_error(t, &e);
		return;
	}
	if (p.to == p.from) {
		move_plan_free(&p);
		dropped_open(t, year, phase_first);
		return;
	}
	struct move_view *m = xcalloc(1, sizeof *m);
	struct buf b;
	buf_init(&b);
	move_plan_write(&p, &b);
	*m = (struct move_view){year, phase_first, p.from, p.to, buf_steal(&b), 0};
	move_plan_free(&p);
	tui_set_help(
	    t, L("Mẫu báo cáo mới", "A new form"),
	    L("Bộ Y tế đã gửi phiên bản mới của mẫu báo cáo. Màn hình này cho biết mục "
	      "nào giữ nguyên, mục nào đổi, mục nào bị bỏ (với nội dung đã điền) và mục "
	      "nào mới. Khi chuyển, mọi giá trị còn chỗ trong mẫu mới được giữ nguyên; "
	      "giá trị bị bỏ không mất: chúng được giữ lại để xem và chép vào mục khác. "
	      "Lần gửi trước giữ nguyên như đã gửi; lần đóng gói sau theo mẫu mới.",
	      "The Ministry sent a new version of the form. This screen tells which fields "
	      "stay, which changed, which are dropped (with what was filled in) and which "
	      "are new. Moving keeps every value the new form has room for; dropped values "
	      "are not lost: they are kept to read and copy into another field. What was "
	      "sent stays as sent; the next pack follows the new form."));
	tui_push(t, &screen_move, m);
}

/* ---- the kept values ---------------------------------------------------------------------- */

struct dropped_view {
	int year, phase_first;
	struct dropped *d;
	size_t n;
	int sel, top;
};

static const enum action kept_hints[] = {ACT_ENTER, ACT_BACK, ACT_HELP, ACT_QUIT, ACT_NONE};
static const enum action kept_keys[] = {ACT_ENTER, ACT_NEXT, ACT_PREV, ACT_BACK, ACT_NONE};
static const struct action_info kept_overrides[] = {
	{ACT_ENTER, "Chép vào mục", "Copy into", "Chép giá trị vào một mục của báo cáo",
	 "Copy the value into a field of the report", NULL},
	{ACT_NONE, NULL, NULL, NULL, NULL, NULL},
};

static void
kept_load(struct tui *t, struct dropped_view *v)
{
	struct err e = {0};
	dropped_free(v->d, v->n);
	v->d = NULL;
	v->n = 0;
	if (dropped_list(t->db, v->year, v->phase_first, &v->d, &v->n, &e) != ST_OK)
		tui_error(t, &e);
	if (v->sel >= (int)v->n)
		v->sel = v->n ? (int)v->n - 1 : 0;
}

/* The list above (a third of the rows at most), the chosen value whole below it. */
static void
dropped_draw(struct tui *t)
{
	struct dropped_view *v = tui_state(t);
	char line[600], what[REPORT_PERIOD_NAME_SIZE];
	report_period_name(v->year, v->phase_first, what);
	snprintf(line, sizeof line,
		 L("Giá trị đã bỏ khi chuyển mẫu — báo cáo %s",
		   "Values dropped by a move — the %s report"),
		 what);
	tui_chrome(t, line);
	curs_set(0);
	if (v->n == 0) {
		snprintf(
		    line, sizeof line,
		    L("Báo cáo %s theo mẫu mới nhất; chưa có giá trị nào bị bỏ khi chuyển mẫu.",
		      "The %s report answers the newest form; no value was dropped by a move."),
		    what);
		tui_wrap(t, 2, 2, t->cols - 4, 3, line, true);
		return;
	}
	int h = (t->rows - 4) / 3 > 1 ? (t->rows - 4) / 3 : 1;
	list_scroll(v->sel, &v->top, h);
	for (int i = v->top; i < (int)v->n && i - v->top < h; i++) {
		char first[200];
		snprintf(first, sizeof first, "%s", v->d[i].text);
		char *nl = strchr(first, '\n');
		if (nl)
			*nl = '\0';
		snprintf(line, sizeof line, "%s: %s", v->d[i].label, first);
		tui_list_line(t, 2 + i - v->top, 0, t->cols, line, i == v->sel);
	}
	const struct dropped *d = &v->d[v->sel];
	int y = 3 + h;
	char when[32];
	time_vietnam(d->moved_at, when);
	char path[200];
	if (d->column_id)
		snprintf(path, sizeof path, "%s[%d].%s", d->field_id, d->row, d->column_id);
	else
		snprintf(path, sizeof path, "%s", d->field_id);
	snprintf(line, sizeof line,
		 L("%s [%s] — phiên bản %d → %d, %s: %s", "%s [%s] — version %d → %d, %s: %s"),
		 d->label, path, d->old_version, d->new_version, when, drop_reason_word(d->why));
	attron(A_BOLD);
	y += tui_wrap(t, y, 2, t->cols - 4, 3, line, true);
	attroff(A_BOLD);
	tui_wrap(t, y, 4, t->cols - 6, t->rows - 3 - y, d->text, true);
}

/* The kept text joined to what the field holds, or instead of it, as the clerk says; NULL when
 * the clerk cancels. */
static char *
joined(struct tui *t, const struct field *f, const struct value *now, const char *input)
{
	if (now->k == V_NULL)
		return xstrdup(input);
	struct buf b;
	buf_init(&b);
	value_input_text(f, now, &b);
	const char *const choices[] = {
	    L("Thêm vào cuối nội dung đang có", "Add it after what is there"),
	    L("Thay nội dung đang có", "Replace what is there")};
	int c;
	if (f->type == F_TEXT || f->type == F_LONGTEXT)
		c = tui_choose(t, L("Mục này đã có nội dung.", "The field is not empty."), choices,
			       2, 0);
	else
		c = tui_confirm(t, L("Mục này đã có giá trị. Thay nó?",
				     "The field has a value. Replace it?"))
			? 1
			: -1;
	char *out = NULL;
	if (c == 0)
		out = xasprintf("%s%s%s", b.data, f->type == F_LONGTEXT ? "\n" : " ", input);
	else if (c == 1)
		out = xstrdup(input);
	buf_free(&b);
	return out;
}

/* What goes into field f for dropped value d (a new string): into a text, the value with the
 * label it had ("Số hoạt động …: 6": a bare 6 would mean nothing in the printed report); into
 * a number or a date, the value alone. */
static char *
copied_text(const struct template *tpl, int f, const struct dropped *d)
{
	enum ftype type = tpl->fields[f].type;
	if (type != F_TEXT && type != F_LONGTEXT)
		return xstrdup(d->input);
	return xasprintf("%s: %s", d->label, d->input);
}

/* Enter: the chosen value into a field the clerk finds, checked as the form checks a value
 * typed there. */
static void
copy_into_field(struct tui *t, struct dropped_view *v)
{
	struct report *r = NULL;
	struct err e = {0};
	const struct dropped *d = &v->d[v->sel];
	if (report_read(t->db, v->year, v->phase_first, &r, &e) != ST_OK) {
		tui_error(t, &e);
		return;
	}
	int f = field_choose(t, r->t,
			     L("Chép vào mục nào? Gõ vài chữ của tên mục (có dấu hoặc không)",
			       "Copy into which field? Words of its label (accents optional)"));
	char *text = NULL, *copied = NULL;
	const char *why = NULL;
	struct value val = {V_NULL, 0, NULL};
	if (f >= 0 && r->t->fields[f].type == F_TABLE)
		tui_message(t, true,
			    L("“%s” là một bảng: chép vào từng ô trong bảng.",
			      "“%s” is a table: copy into its cells there."),
			    TR(r->t->fields[f].label));
	else if (f >= 0 && (copied = copied_text(r->t, f, d)) != NULL &&
		 (text = joined(t, &r->t->fields[f], &r->values[f], copied)) != NULL) {
		struct findings fs = {0};
		char today[16];
		store_today(today);
		if (value_parse(&r->t->fields[f], text, v->year, &val, &why))
			validate_field(r, f, -1, 0, &val, today, &fs);
		if (why != NULL || findings_refuse(&fs))
			tui_message(t, true, "%s", why ? why : findings_refusal(&fs));
		else if (report_set_value(t->db, r, f, &val, &e) != ST_OK)
			tui_error(t, &e);
		else
			tui_message(t, false, L("Đã chép vào “%s”.", "Copied into “%s”."),
				    TR(r->t->fields[f].label));
		findings_free(&fs);
		value_clear(&val);
	}
	free(text);
	free(copied);
	report_free(r);
}

static bool
dropped_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct dropped_view *v = tui_state(t);
	(void)ch;
	(void)is_text;
	if (a == ACT_NEXT || a == ACT_PREV)
		return list_move(&v->sel, (int)v->n, 1, a);
	if (a == ACT_ENTER && v->n > 0)
		copy_into_field(t, v);
	return a == ACT_ENTER;
}

static void
dropped_leave(struct tui *t)
{
	struct dropped_view *v = tui_state(t);
	dropped_free(v->d, v->n);
	free(v);
}

const struct screen screen_dropped = {
	.id = "dropped",
	.draw = dropped_draw,
	.key = dropped_key,
	.leave = dropped_leave,
	.hints = kept_hints,
	.keys = kept_keys,
	.overrides = kept_overrides,
};

void
dropped_open(struct tui *t, int year, int phase_first)
{
	struct dropped_view *v = xcalloc(1, sizeof *v);
	v->year = year;
	v->phase_first = phase_first;
	kept_load(t, v);
	char *help = xasprintf(
	    L("Khi bản nháp được chuyển sang mẫu mới, giá trị mà mẫu mới không còn chỗ (mục bị "
	      "bỏ, lựa chọn không còn, kiểu mới không giữ được) được giữ lại ở đây. Chọn một giá "
	      "trị và nhấn %s để chép nó vào một mục của báo cáo.",
	      "When the draft moved to a new form, the values the new form had no room for (a "
	      "field dropped, a choice no longer offered, a type that cannot hold it) were kept "
	      "here. Choose one and press %s to copy it into a field."),
	    action_first_key(ACT_ENTER));
	tui_set_help(t, L("Giá trị đã bỏ khi chuyển mẫu", "Values dropped by a move"), help);
	free(help);
	tui_push(t, &screen_dropped, v);
}
