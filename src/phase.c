/* phase.c: a phase review pre-filled from the unit's yearly reports of the phase: sums, counts,
 * rows gathered, the last value and the yearly texts side by side, as the template says. */
#include "phase.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

enum status
phase_template(struct store *db, int first, int last, struct template **out, struct err *e)
{
	sqlite3_stmt *st =
	    store_query(db, "SELECT id, version FROM template ORDER BY version DESC", e, "");
	enum status rc = ST_OK;
	struct buf held;
	*out = NULL;
	if (st == NULL)
		return ST_ENV;
	buf_init(&held);
	while (store_next(db, st, &rc, e)) {
		struct template *t = NULL;
		struct err ignored = {0};
		if (template_get(db, (const char *)sqlite3_column_text(st, 0),
				 sqlite3_column_int(st, 1), &t, &ignored) != ST_OK ||
		    t->phase_first == 0) {
			template_free(t);
			continue;
		}
		if (*out == NULL && (first == 0 || t->phase_first == first) &&
		    t->phase_last == last) {
			*out = t;
			continue;
		}
		char period[REPORT_PERIOD_SIZE];
		report_period_text(t->phase_last, t->phase_first, period);
		buf_printf(&held, "%s%s", held.len ? ", " : "", period);
		template_free(t);
	}
	if (rc == ST_OK && *out == NULL && first == 0)
		err_set(
		    e,
		    L("không có báo cáo sơ kết, tổng kết giai đoạn nào kết thúc năm %d (có: %s)",
		      "no phase review closes in %d (held: %s)"),
		    last, held.len ? held.data : L("không có", "none"));
	else if (rc == ST_OK && *out == NULL) {
		char period[REPORT_PERIOD_SIZE];
		report_period_text(last, first, period);
		err_set(e,
			L("không có mẫu báo cáo giai đoạn %s (có: %s)",
			  "no phase review template for %s (held: %s)"),
			period, held.len ? held.data : L("không có", "none"));
	}
	if (rc == ST_OK && *out == NULL)
		rc = ST_REFUSED;
	buf_free(&held);
	return rc;
}

static int
span_order(const void *a, const void *b)
{
	const struct phase_span *x = a, *y = b;
	return x->last != y->last ? (x->last > y->last) - (x->last < y->last)
				  : (x->first > y->first) - (x->first < y->first);
}

enum status
phase_spans(struct store *db, struct phase_span out[PHASE_SPANS_MAX], size_t *n, struct err *e)
{
	sqlite3_stmt *st = store_query(db, "SELECT id, version FROM template", e, "");
	enum status rc = ST_OK;
	*n = 0;
	if (st == NULL)
		return ST_ENV;
	while (store_next(db, st, &rc, e)) {
		struct template *t = NULL;
		struct err ignored = {0};
		if (template_get(db, (const char *)sqlite3_column_text(st, 0),
				 sqlite3_column_int(st, 1), &t, &ignored) == ST_OK &&
		    t->phase_first != 0 && *n < PHASE_SPANS_MAX) {
			bool known = false;
			for (size_t i = 0; i < *n; i++)
				known |= out[i].first == t->phase_first && out[i].last == t->phase_last;
			if (!known)
				out[(*n)++] = (struct phase_span){t->phase_first, t->phase_last};
		}
		template_free(t);
	}
	qsort(out, *n, sizeof *out, span_order);
	return rc;
}

enum status
phase_no_report(struct store *db, int year, int phase_first, struct err *e)
{
	struct template *t = NULL;
	enum status rc = phase_first ? phase_template(db, phase_first, year, &t, e) : ST_OK;
	template_free(t);
	if (rc != ST_OK)
		return rc;
	report_no_report(year, phase_first, e);
	return ST_REFUSED;
}

/* The rows of table k of y appended to table i of r, column by column id; the year column
 * gets the report's year. */
static void
gather_rows(struct report *r, size_t i, const struct report *y, int k)
{
	const struct field *f = &r->t->fields[i], *sf = &y->t->fields[k];
	const struct rows *src = &y->tables[k];
	struct rows *dst = &r->tables[i];
	if (src->n == 0)
		return;
	dst->rows = xreallocarray(dst->rows, dst->n + src->n, sizeof *dst->rows);
	for (size_t j = 0; j < src->n; j++) {
		struct value *cells = xcalloc(f->ncolumns, sizeof *cells);
		for (size_t c = 0; c < f->ncolumns; c++) {
			int sc = field_column(sf, f->columns[c].id);
			if ((int)c == f->prefill_year_column)
				cells[c] = (struct value){V_INT, y->year, NULL};
			else if (sc >= 0)
				value_copy(&cells[c], &src->rows[j].cells[sc]);
		}
		dst->rows[dst->n++].cells = cells;
	}
}

/* Field i of r takes what year y's report gives it; its provenance gets that year's part. A
 * year whose template lacks the field (or has it of another type) is said, not read. */
static void
fill_from_year(struct report *r, size_t i, const struct report *y, struct buf *from)
{
	const struct field *f = &r->t->fields[i];
	int k = template_prefill_source(f, y->t);
	if (k < 0) {
		buf_printf(from, "%s%d: ", from->len ? ", " : "", y->year);
		buf_printf(from,
			   k == -1 ? L("mẫu %s phiên bản %d không có mục %s",
				       "template %s version %d has no field %s")
				   : L("mẫu %s phiên bản %d có mục %s khác kiểu",
				       "template %s version %d has field %s of another type"),
			   y->t->id, y->t->version, f->prefill_from);
		return;
	}
	const struct field *sf = &y->t->fields[k];
	const struct value *v = &y->values[k];
	struct value *out = &r->values[i];
	size_t mark = from->len;

	buf_printf(from, "%s%d: ", from->len ? ", " : "", y->year);
	switch (f->prefill) {
	case PF_SUM:
	case PF_COUNT:
		if (v->k == V_NULL)
			break;
		int64_t add = f->prefill == PF_SUM ? v->i : v->i != 0;
		if (out->k == V_NULL)
			*out = (struct value){V_INT, 0, NULL};
		if (__builtin_add_overflow(out->i, add, &out->i))
			out->i = add < 0 ? INT64_MIN : INT64_MAX;
		break;
	case PF_ROWS:
		gather_rows(r, i, y, k);
		buf_printf(from, L("%zu dòng", "%zu rows"), y->tables[k].n);
		return;
	case PF_LAST:
		if (v->k != V_NULL) {
			value_clear(out);
			value_copy(out, v);
			buf_reset(from);
			buf_printf(from, L("từ năm %d", "from %d"), y->year);
			return;
		}
		from->len = mark; /* the last value names only the year it came from */
		from->data[mark] = '\0';
		return;
	case PF_YEARS:
		if (v->k == V_NULL)
			break;
		struct buf b;
		buf_init(&b);
		if (out->k != V_NULL)
			buf_printf(&b, "%s\n", out->s);
		buf_printf(&b, "%d: ", y->year);
		value_format(sf, v, &b);
		value_clear(out);
		*out = (struct value){V_TEXT, 0, b.data};
		break;
	case PF_NONE:
		return;
	}
	if (v->k == V_NULL)
		buf_adds(from, L("(trống)", "(empty)"));
	else if (f->prefill == PF_YEARS)
		buf_adds(from, L("có nội dung", "text"));
	else
		value_format(sf, v, from);
}

/* Year y's report on t's source template, or NULL (a year without one) after saying which
 * report of the year was read in sources. */
static struct report *
year_report(struct store *db, const struct template *t, int y, struct buf *sources, struct err *e,
	    enum status *rc)
{
	struct report *r = NULL;
	struct err none = {0};
	*rc = report_read(db, y, 0, &r, &none);
	if (*rc == ST_ENV) {
		*e = none;
		return NULL;
	}
	*rc = ST_OK;
	buf_printf(sources, "%s%d: ", sources->len ? "\n" : "", y);
	if (r != NULL && strcmp(r->t->id, t->phase_source) == 0) {
		/* The unit keeps no readable copy of a packed bundle: its report as last saved is
		 * the last packed revision, plus the clerk's changes since if it was edited after.
		 */
		long long packed = store_int(
		    db, 0, "SELECT max(revision) FROM bundle WHERE year = ?1 AND phase_first = 0",
		    "i", y);
		long long edited = store_int(
		    db, 0,
		    "SELECT r.updated_at > max(b.created_at) FROM report r"
		    " JOIN bundle b ON b.year = r.year AND b.phase_first = r.phase_first"
		    " WHERE r.year = ?1 AND r.phase_first = 0",
		    "i", y);
		if (packed == 0)
			buf_adds(sources, L("bản nháp chưa gửi", "draft, never packed"));
		else if (edited)
			buf_printf(sources,
				   L("đã gửi lần %lld, có sửa sau đó",
				     "packed revision %lld, edited since"),
				   packed);
		else
			buf_printf(sources, L("đã gửi lần %lld", "packed revision %lld"), packed);
		return r;
	}
	buf_adds(sources, L("chưa có báo cáo", "no report"));
	report_free(r);
	return NULL;
}

/* Each year of the phase read in turn and every pre-filled field given its part. */
static enum status
fill_years(struct store *db, struct phase_fill *p, struct buf *from, struct err *e)
{
	struct report *r = p->r;
	struct buf sources;
	enum status rc = ST_OK;
	buf_init(&sources);
	for (int y = r->t->phase_first; rc == ST_OK && y <= r->t->phase_last; y++) {
		struct report *yr = year_report(db, r->t, y, &sources, e, &rc);
		if (yr == NULL) {
			if (rc == ST_OK)
				p->missing[p->nmissing++] = y;
			continue;
		}
		for (size_t i = 0; i < r->t->nfields; i++)
			if (r->t->fields[i].prefill)
				fill_from_year(r, i, yr, &from[i]);
		free(r->unit_code);
		free(r->unit_name);
		r->unit_code = yr->unit_code ? xstrdup(yr->unit_code) : NULL;
		r->unit_name = yr->unit_name ? xstrdup(yr->unit_name) : NULL;
		report_free(yr);
	}
	p->sources = sources.data ? sources.data : xstrdup("");
	return rc;
}

enum status
phase_prefill(struct store *db, struct template *t, struct phase_fill *out, struct err *e)
{
	*out = (struct phase_fill){0};
	if (t->phase_first == 0) {
		err_set(
		    e,
		    L("mẫu %s không phải báo cáo giai đoạn", "template %s is not a phase review"),
		    t->id);
		return ST_REFUSED;
	}
	t->refs++;
	out->r = report_new(t);
	out->r->year = t->phase_last;
	struct buf *from = xcalloc(t->nfields, sizeof *from);
	enum status rc = fill_years(db, out, from, e);
	out->from = xcalloc(t->nfields, sizeof *out->from);
	for (size_t i = 0; i < t->nfields; i++) {
		if (!t->fields[i].prefill) {
			buf_free(&from[i]);
			continue;
		}
		for (size_t m = 0; m < out->nmissing; m++)
			if (m > 0)
				buf_printf(&from[i], ", %d", out->missing[m]);
			else
				buf_printf(&from[i],
					   L("%sthiếu báo cáo năm %d", "%sno report for %d"),
					   from[i].len ? "; " : "", out->missing[m]);
		out->from[i] = from[i].data ? from[i].data : xstrdup("");
	}
	free(from);
	if (rc != ST_OK)
		phase_fill_free(out);
	return rc;
}

void
phase_fill_free(struct phase_fill *p)
{
	if (p->r != NULL)
		for (size_t i = 0; i < p->r->t->nfields; i++)
			free(p->from ? p->from[i] : NULL);
	free(p->from);
	free(p->sources);
	report_free(p->r);
	*p = (struct phase_fill){0};
}

/* Both languages' pre-filling of t: the values are vi's (the documents' language); the
 * provenance is kept in both, so that the stored review reads in whichever the clerk uses. */
static enum status
prefill_both(struct store *db, struct template *t, struct phase_fill *vi, struct phase_fill *en,
	     struct err *e)
{
	enum lang was = ui_lang, other = was == LANG_EN ? LANG_VI : LANG_EN;
	struct phase_fill *first = was == LANG_EN ? en : vi, *second = was == LANG_EN ? vi : en;
	/* The clerk's language first: a refusal reads in it. */
	enum status rc = phase_prefill(db, t, first, e);
	ui_lang = other;
	if (rc == ST_OK && (rc = phase_prefill(db, t, second, e)) != ST_OK)
		phase_fill_free(first);
	ui_lang = was;
	return rc;
}

/* Writes field i's pre-filled value and provenance (changed cleared), and the sources. */
static enum status
prefill_keep(struct store *db, const struct phase_fill *vi, const struct phase_fill *en, size_t i,
	     struct err *e)
{
	const struct report *r = vi->r;
	sqlite3_stmt *st = store_query(
	    db,
	    "INSERT INTO prefill(year, phase_first, field_id, value, from_vi, from_en, changed)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0) ON CONFLICT(year, phase_first, field_id)"
	    " DO UPDATE SET value = ?4, from_vi = ?5, from_en = ?6, changed = 0",
	    e, "iit", r->year, report_phase_first(r), r->t->fields[i].id);
	enum status rc = ST_OK;
	struct buf rows;
	if (st == NULL)
		return ST_ENV;
	buf_init(&rows);
	/* A table keeps its rows' text, so that whoever changed them since (the table editor,
	 * a file loaded) is seen as value are; ?4 stays NULL for an empty value. */
	if (r->t->fields[i].type == F_TABLE) {
		report_table_json(&r->t->fields[i], &r->tables[i], &rows);
		sqlite3_bind_text(st, 4, rows.data, -1, SQLITE_STATIC);
	} else if (r->values[i].k != V_NULL)
		value_bind(st, 4, &r->values[i]);
	sqlite3_bind_text(st, 5, vi->from[i], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, en->from[i], -1, SQLITE_STATIC);
	store_next(db, st, &rc, e);
	buf_free(&rows);
	return rc;
}

static enum status
sources_keep(struct store *db, const struct phase_fill *vi, const struct phase_fill *en,
	     struct err *e)
{
	char now[32];
	store_now(now);
	return store_do(db,
			"INSERT INTO prefill_source(year, phase_first, sources_vi, sources_en,"
			" filled_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(year, phase_first)"
			" DO UPDATE SET sources_vi = ?3, sources_en = ?4, filled_at = ?5",
			e, "iittt", vi->r->year, report_phase_first(vi->r), vi->sources,
			en->sources, now);
}

enum status
phase_start(struct store *db, int first, int last, struct err *e)
{
	struct template *t = NULL;
	struct phase_fill vi = {0}, en = {0};
	char period[REPORT_PERIOD_SIZE];
	enum status rc;

	report_period_text(last, first, period);
	if ((rc = phase_template(db, first, last, &t, e)) != ST_OK)
		return rc;
	if ((rc = store_begin(db, e)) != ST_OK)
		goto out;
	if (store_int(db, 0, "SELECT count(*) FROM report WHERE year = ?1 AND phase_first = ?2",
		      "ii", last, first) != 0) {
		err_set(e,
			L("đã có báo cáo giai đoạn %s (bản nháp): mở nó để sửa, không bắt đầu lại",
			  "there is already a %s phase review (a draft): open it to edit, it is not "
			  "started again"),
			period);
		rc = ST_REFUSED;
	} else if ((rc = prefill_both(db, t, &vi, &en, e)) == ST_OK &&
		   (rc = report_save(db, vi.r, e)) == ST_OK)
		rc = sources_keep(db, &vi, &en, e);
	for (size_t i = 0; rc == ST_OK && i < t->nfields; i++)
		if (t->fields[i].prefill)
			rc = prefill_keep(db, &vi, &en, i, e);
	if (rc == ST_OK)
		rc = store_commit(db, e);
	else
		store_rollback(db);
	phase_fill_free(&vi);
	phase_fill_free(&en);
out:
	template_free(t);
	return rc;
}

static bool
value_same(const struct value *a, const struct value *b)
{
	if (a->k != b->k)
		return false;
	if (a->k == V_TEXT || a->k == V_DATE)
		return strcmp(a->s, b->s) == 0;
	return a->k == V_NULL || a->i == b->i;
}

/* Whether field i of r is as it was pre-filled (*changed 0), the clerk's since (1: marked when
 * they set it, or a value or rows that differ, as from a file loaded), or never pre-filled (-1:
 * no prefill row, a review loaded and never started here: the clerk's too). *was: the value
 * pre-filled (V_NULL for a table or an empty one). A failed query is an error, never -1. */
static enum status
prefill_state(struct store *db, const struct report *r, size_t i, struct value *was, int *changed,
	      struct err *e)
{
	const struct field *f = &r->t->fields[i];
	sqlite3_stmt *st = store_query(db,
				       "SELECT changed, value FROM prefill WHERE year = ?1 AND"
				       " phase_first = ?2 AND field_id = ?3",
				       e, "iit", r->year, report_phase_first(r), f->id);
	enum status rc = ST_OK;
	*changed = -1;
	*was = (struct value){V_NULL, 0, NULL};
	if (st == NULL)
		return ST_ENV;
	if (!store_next(db, st, &rc, e))
		return rc;
	*changed = sqlite3_column_int(st, 0) != 0;
	if (f->type == F_TABLE) {
		/* Rows kept as text before the rows were: not known to be as pre-filled. */
		struct buf now;
		buf_init(&now);
		report_table_json(f, &r->tables[i], &now);
		if (sqlite3_column_type(st, 1) != SQLITE_TEXT ||
		    strcmp((const char *)sqlite3_column_text(st, 1), now.data) != 0)
			*changed = 1;
		buf_free(&now);
	} else {
		if (sqlite3_column_type(st, 1) == SQLITE_INTEGER)
			*was = (struct value){ftype_vkind(f->type), sqlite3_column_int64(st, 1), NULL};
		else if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			*was = (struct value){ftype_vkind(f->type), 0,
					      xstrdup((const char *)sqlite3_column_text(st, 1))};
		if (!value_same(was, &r->values[i]))
			*changed = 1;
	}
	sqlite3_finalize(st);
	return ST_OK;
}

/* Field i of fill into the stored review r: its value or its rows. */
static void
take_field(struct report *r, struct phase_fill *fill, size_t i)
{
	struct rows tmp;
	if (r->t->fields[i].type != F_TABLE) {
		value_clear(&r->values[i]);
		r->values[i] = fill->r->values[i];
		fill->r->values[i] = (struct value){V_NULL, 0, NULL};
		return;
	}
	/* Swapped: the old rows are freed with the fill. */
	tmp = r->tables[i];
	r->tables[i] = fill->r->tables[i];
	fill->r->tables[i] = tmp;
}

enum status
phase_refill(struct store *db, int first, int last, size_t *filled, size_t *kept, struct err *e)
{
	struct report *r = NULL;
	struct phase_fill vi = {0}, en = {0};
	enum status rc;

	*filled = *kept = 0;
	if ((rc = store_begin(db, e)) != ST_OK)
		return rc;
	if ((rc = report_read(db, last, first, &r, e)) != ST_OK ||
	    (rc = prefill_both(db, r->t, &vi, &en, e)) != ST_OK)
		goto done;
	size_t recorded = 0;
	for (size_t i = 0; rc == ST_OK && i < r->t->nfields; i++) {
		struct value was;
		int changed;
		if (!r->t->fields[i].prefill)
			continue;
		rc = prefill_state(db, r, i, &was, &changed, e);
		value_clear(&was);
		recorded += changed >= 0;
		if (rc != ST_OK)
			break;
		if (changed != 0) {
			++*kept;
			continue;
		}
		/* Kept before it is taken: the fill gives its value up to r. */
		if ((rc = prefill_keep(db, &vi, &en, i, e)) != ST_OK)
			break;
		take_field(r, &vi, i);
		++*filled;
	}
	if (rc == ST_OK && recorded == 0) {
		char period[REPORT_PERIOD_SIZE];
		report_period_text(last, first, period);
		err_set(e,
			L("báo cáo giai đoạn %s chưa từng được điền sẵn ở đây (nạp từ tệp): không "
			  "có mục nào để điền lại, mọi giá trị là của người nhập, giữ nguyên",
			  "the %s phase review was never pre-filled here (loaded from a file): "
			  "nothing to fill again, every value is the clerk's and stays"),
			period);
		rc = ST_REFUSED;
	}
	if (rc == ST_OK && (rc = sources_keep(db, &vi, &en, e)) == ST_OK)
		rc = report_save(db, r, e);
done:
	if (rc == ST_OK)
		rc = store_commit(db, e);
	else
		store_rollback(db);
	phase_fill_free(&vi);
	phase_fill_free(&en);
	report_free(r);
	return rc;
}

enum status
phase_stored(struct store *db, int first, int last, struct phase_fill *out, struct err *e)
{
	enum status rc;
	const bool en = ui_lang == LANG_EN;
	*out = (struct phase_fill){0};
	if ((rc = report_read(db, last, first, &out->r, e)) != ST_OK)
		return rc;
	const struct template *t = out->r->t;
	out->from = xcalloc(t->nfields, sizeof *out->from);
	out->sources = store_text(db,
				  en ? "SELECT sources_en FROM prefill_source WHERE year = ?1 AND"
				       " phase_first = ?2"
				     : "SELECT sources_vi FROM prefill_source WHERE year = ?1 AND"
				       " phase_first = ?2",
				  "ii", last, first);
	if (out->sources == NULL)
		out->sources = xstrdup("");
	for (size_t i = 0; i < t->nfields; i++) {
		struct value was;
		int changed;
		if ((rc = prefill_state(db, out->r, i, &was, &changed, e)) != ST_OK) {
			phase_fill_free(out);
			return rc;
		}
		if (changed < 0)
			continue;
		char *from = store_text(db,
					en ? "SELECT from_en FROM prefill WHERE year = ?1 AND"
					     " phase_first = ?2 AND field_id = ?3"
					   : "SELECT from_vi FROM prefill WHERE year = ?1 AND"
					     " phase_first = ?2 AND field_id = ?3",
					"iit", last, first, t->fields[i].id);
		struct buf b;
		buf_init(&b);
		enum ftype type = t->fields[i].type;
		/* A figure, a date, a choice says what it was; a text or rows, where from. */
		if (changed && type != F_TABLE && type != F_TEXT && type != F_LONGTEXT) {
			buf_adds(&b, L("đã sửa, điền sẵn là ", "changed, pre-filled as "));
			value_format(&t->fields[i], &was, &b);
			buf_printf(&b, " (%s)", from ? from : "");
		} else if (changed && (from == NULL || *from == '\0'))
			buf_adds(&b, L("đã sửa", "changed"));
		else if (changed && t->fields[i].prefill == PF_LAST)
			/* Its provenance already says "from 2025". */
			buf_printf(&b, L("đã sửa, điền sẵn %s", "changed, pre-filled %s"),
				   from ? from : "");
		else if (changed)
			buf_printf(&b, L("đã sửa, điền sẵn từ %s", "changed, pre-filled from %s"),
				   from ? from : "");
		else
			buf_adds(&b, from ? from : "");
		out->from[i] = b.data ? b.data : xstrdup("");
		free(from);
		value_clear(&was);
	}
	return ST_OK;
}
