/* phase.c: the phase review (mid-term 2023-2025, final 2023-2030) as the clerk opens it in the
 * phase's closing year: every field of the review, the values pre-filled from the yearly
 * reports, each with the years it came from, and the years without a report said. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clerk.h"
#include "i18n.h"
#include "phase.h"
#include "unit.h"
#include "text.h"
#include "widgets.h"

struct phase_view {
	struct pager page; /* first: pager_leave frees the state */
	int year;
	int cols; /* the width the lines were made for */
	char title[160];
};

static const enum action closes[] = {ACT_PHASE, ACT_NONE};
static const enum action hints[] = {ACT_SAVE, ACT_REFILL, ACT_PAGE_DOWN, ACT_PAGE_UP,
				    ACT_BACK, ACT_HELP,   ACT_QUIT,      ACT_NONE};
static const enum action keys_taken[] = {ACT_NEXT, ACT_PREV,  ACT_PAGE_UP, ACT_PAGE_DOWN,
					 ACT_HOME, ACT_END,   ACT_PHASE,   ACT_SAVE,
					 ACT_REFILL, ACT_BACK, ACT_NONE};

/* One field: its label, what was filled in (a table's rows, a long text's size, the value),
 * and the years it came from. The value is what the clerk reads: a label too long for width
 * columns is cut, never the value after it. */
static void
add_field(struct tui *t, struct pager *pg, const struct phase_fill *p, size_t i, struct buf *b,
	  int width)
{
	const struct field *f = &p->r->t->fields[i];
	buf_reset(b);
	if (f->type == F_TABLE)
		buf_printf(b, L("%zu dòng", "%zu rows"), p->r->tables[i].n);
	else if (f->type == F_LONGTEXT && p->r->values[i].k != V_NULL)
		buf_printf(b, L("%zu ký tự", "%zu characters"), utf8_chars(p->r->values[i].s));
	else if (p->r->values[i].k != V_NULL)
		value_format(f, &p->r->values[i], b);
	else
		buf_adds(b,
			 f->prefill ? L("(trống)", "(empty)") : L("(điền khi soạn)", "(to write)"));
	const char *label = TR(f->label);
	int room = width - 4 - tui_width(t, b->data); /* "  " before, ": " after the label */
	char *cut = tui_width(t, label) > room && room >= 12 ? tui_abbrev(t, label, room) : NULL;
	char *line = xasprintf("  %s: %s", cut ? cut : label, b->data);
	pager_add(pg, line);
	free(line);
	free(cut);
	if (f->prefill) {
		buf_reset(b);
		buf_printf(b, "      %s", p->from[i]);
		pager_add(pg, b->data);
	}
}

/* The review closing in year: as stored once started (its provenance kept when it was filled),
 * else pre-filled as it would start; false after saying why there is none. */
static bool
fill(struct tui *t, int year, struct phase_fill *p)
{
	struct template *tp = NULL;
	struct err e = {0};
	int started = unit_phase_started(t->db, year);
	enum status st = started ? phase_stored(t->db, started, year, p, &e)
				 : phase_template(t->db, 0, year, &tp, &e);
	if (st == ST_OK && !started)
		st = phase_prefill(t->db, tp, p, &e);
	template_free(tp);
	if (st != ST_OK)
		tui_error(t, &e);
	return st == ST_OK;
}

static bool
build(struct tui *t, struct phase_view *v)
{
	struct phase_fill p;
	struct buf b;
	if (!fill(t, v->year, &p))
		return false;
	const struct template *tp = p.r->t;
	char period[REPORT_PERIOD_SIZE];
	report_period_text(tp->phase_last, tp->phase_first, period);
	snprintf(v->title, sizeof v->title,
		 unit_phase_started(t->db, v->year)
		     ? L("Báo cáo giai đoạn %s, đã bắt đầu", "The %s phase report, started")
		     : L("Báo cáo giai đoạn %s, điền sẵn (chưa bắt đầu)",
			 "The %s phase report, pre-filled (not started)"),
		 period);
	pager_clear(&v->page);
	v->cols = t->cols;
	buf_init(&b);
	pager_add(&v->page, L("Điền sẵn từ báo cáo năm:", "Pre-filled from the yearly reports:"));
	for (const char *l = p.sources; *l;) {
		size_t n = strcspn(l, "\n");
		buf_reset(&b);
		buf_printf(&b, "  %.*s", (int)n, l);
		pager_add(&v->page, b.data);
		l += n + (l[n] == '\n');
	}
	for (size_t s = 0; s < p.r->t->nsections; s++) {
		const struct section *sec = &p.r->t->sections[s];
		pager_add(&v->page, "");
		pager_add(&v->page, TR(sec->title));
		for (size_t i = sec->first; i < sec->first + sec->count; i++)
			add_field(t, &v->page, &p, i, &b, t->cols - 2);
	}
	buf_free(&b);
	phase_fill_free(&p);
	return true;
}

void
phase_open(struct tui *t, int year)
{
	struct phase_view *v = xcalloc(1, sizeof *v);
	v->page.closes = closes;
	v->year = year;
	if (!build(t, v)) {
		pager_clear(&v->page);
		free(v);
		return;
	}
	char help[1200];
	snprintf(
	    help, sizeof help,
	    L("Báo cáo sơ kết, tổng kết giai đoạn, điền sẵn từ các báo cáo năm của đơn vị: "
	      "các số cộng lại, các mô hình và đề nghị khen thưởng gom lại, giá trị của năm "
	      "gần nhất, nội dung từng năm đặt cạnh nhau. Dưới mỗi mục là số của từng năm "
	      "và năm còn thiếu báo cáo. Mỗi năm đọc báo cáo đã lưu (lần gửi gần nhất và các "
	      "chỗ sửa sau đó). %s lưu bản in (HTML, khổ A4) và tệp CSV vào một thư mục hoặc USB. "
	      "Khi đã bắt đầu, %s điền lại từ các báo cáo năm như hiện nay, giữ nguyên mọi mục "
	      "đã sửa tay.",
	      "The phase review pre-filled from the unit's yearly reports: figures added up, "
	      "models and nominations gathered, the latest year's values, each year's text "
	      "side by side. Under each field, each year's figure and any year without a "
	      "report. Each year's report is read as last saved (the last packed revision "
	      "and any change since). %s saves the printable review (HTML, A4) and the CSV to "
	      "a folder or USB stick. Once started, %s fills it again from the yearly reports "
	      "as they are now, leaving every field changed by hand."),
	    action_first_key(ACT_SAVE), action_first_key(ACT_REFILL));
	tui_set_help(t, v->title, help);
	tui_push(t, &screen_phase, v);
}

/* Fills the started review again (phase_refill) and shows it; says what was filled and kept. */
static void
refill(struct tui *t, struct phase_view *v)
{
	struct err e = {0};
	size_t filled, kept;
	int first = unit_phase_started(t->db, v->year);
	if (first == 0) {
		tui_message(t, true,
			    L("Báo cáo giai đoạn chưa bắt đầu: bắt đầu ở mục 1 của màn hình chính.",
			      "The phase review is not started: start it with item 1 of the first "
			      "screen."));
		return;
	}
	if (phase_refill(t->db, first, v->year, &filled, &kept, &e) != ST_OK) {
		tui_error(t, &e);
		return;
	}
	build(t, v);
	tui_message(t, false,
		    L("Đã điền lại %zu mục từ các báo cáo năm; giữ nguyên %zu mục đã sửa tay.",
		      "Filled %zu fields again from the yearly reports; kept %zu changed by hand."),
		    filled, kept);
}

static bool
phase_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct phase_fill p;
	struct phase_view *v = tui_state(t);
	if (a == ACT_REFILL) {
		refill(t, v);
		return true;
	}
	if (a != ACT_SAVE)
		return pager_screen_key(t, a, ch, is_text);
	if (fill(t, ((struct phase_view *)tui_state(t))->year, &p)) {
		preview_save(t, p.r);
		phase_fill_free(&p);
	}
	return true;
}

static void
phase_draw(struct tui *t)
{
	struct phase_view *v = tui_state(t);
	char title[220];
	if (v->cols != t->cols) { /* resized: the labels cut again for the new width */
		v->cols = t->cols;
		build(t, v);
	}
	snprintf(title, sizeof title, L("%s — dòng %d/%d", "%s — line %d/%d"), v->title,
		 v->page.top + 1, v->page.n);
	tui_chrome(t, title);
	curs_set(0);
	pager_draw(t, &v->page, 2, 1, t->cols - 2, t->rows - 4);
}

const struct screen screen_phase = {
    .id = "phase",
    .draw = phase_draw,
    .key = phase_key,
    .leave = pager_leave,
    .hints = hints,
    .keys = keys_taken,
};
