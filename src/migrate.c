/* migrate.c: a year's draft moved to a newer version of its template, nothing lost: what the
 * new version takes is kept (converted only without loss), the rest kept as dropped values. */
#include "migrate.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "validate.h"

static const struct {
	const char *name, *vi, *en;
} kinds[] = {
#define MOVE_KIND_ROW(id, name, vi, en) [id] = {name, vi, en},
	MOVE_KINDS(MOVE_KIND_ROW)
#undef MOVE_KIND_ROW
};

static const struct {
	const char *name, *vi, *en;
} reasons[] = {
#define DROP_REASON_ROW(id, name, vi, en) [id] = {name, vi, en},
	DROP_REASONS(DROP_REASON_ROW)
#undef DROP_REASON_ROW
};

const char *
move_kind_word(enum move_kind k)
{
	return L(kinds[k].vi, kinds[k].en);
}

const char *
drop_reason_name(enum drop_reason r)
{
	return reasons[r].name;
}

const char *
drop_reason_word(enum drop_reason r)
{
	return L(reasons[r].vi, reasons[r].en);
}

static bool
text_like(enum ftype t)
{
	return t == F_TEXT || t == F_LONGTEXT;
}

static bool
figure_like(enum ftype t)
{
	return t == F_INT || t == F_MONEY;
}

/* Whether text is a whole number written the one way a number field writes it back ("12",
 * "-3"; not "012" nor "1.000"), so that the move to a number field loses nothing. */
static bool
canonical_integer(const char *s, int64_t *out)
{
	char back[32];
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0')
		return false;
	snprintf(back, sizeof back, "%lld", v);
	if (strcmp(back, s) != 0)
		return false;
	*out = (int64_t)v;
	return true;
}

/* Value v of the old field of as the new field nf holds it: true with out filled when the new
 * type takes it as it is (a checked value's limits are validate_field's). */
static bool
convert(const struct field *of, const struct value *v, const struct field *nf, struct value *out)
{
	int64_t n;
	*out = (struct value){V_NULL, 0, NULL};
	if (of->type == nf->type || (figure_like(of->type) && figure_like(nf->type)) ||
	    (text_like(of->type) && text_like(nf->type) &&
	     (nf->type == F_LONGTEXT || strchr(v->s, '\n') == NULL)) ||
	    (text_like(of->type) && nf->type == F_CHOICE)) {
		*out = (struct value){ftype_vkind(nf->type), v->i, v->s ? xstrdup(v->s) : NULL};
		return true;
	}
	if (figure_like(of->type) && text_like(nf->type)) {
		*out = (struct value){V_TEXT, 0, xasprintf("%" PRId64, v->i)};
		return true;
	}
	if (text_like(of->type) && figure_like(nf->type) && canonical_integer(v->s, &n)) {
		*out = (struct value){V_INT, n, NULL};
		return true;
	}
	return false;
}

static bool
offers(const struct field *f, const char *value)
{
	for (size_t i = 0; i < f->noptions; i++)
		if (strcmp(f->options[i].value, value) == 0)
			return true;
	return false;
}

/* What changed between a field and its namesake in the new version. */
static unsigned
field_changes(const struct field *a, const struct field *b)
{
	unsigned c = 0;
	if (a->type != b->type)
		c |= MC_TYPE;
	if (strcmp(a->label.vi, b->label.vi) != 0 || strcmp(a->label.en, b->label.en) != 0)
		c |= MC_LABEL;
	if (a->type == b->type &&
	    (a->min != b->min || a->max != b->max || a->max_length != b->max_length ||
	     a->format != b->format || a->not_after_today != b->not_after_today))
		c |= MC_LIMITS;
	for (size_t i = 0; i < a->noptions && b->type == F_CHOICE; i++)
		if (!offers(b, a->options[i].value))
			c |= MC_OPTIONS;
	return c;
}

static size_t
add_item(struct move_plan *p, enum move_kind k, const struct field *from, const struct field *to,
	 const struct field *tf, const struct field *tt)
{
	p->items = xreallocarray(p->items, p->nitems + 1, sizeof *p->items);
	struct move_item *it = &p->items[p->nitems];
	*it = (struct move_item){k, from, to, tf, tt, 0, 0, 0};
	if (from && to && from->type != F_TABLE && to->type != F_TABLE) {
		it->changes = field_changes(from, to);
		if (it->changes & ~(unsigned)MC_LABEL)
			it->kind = MV_CHANGED;
	}
	return p->nitems++;
}

static void
add_drop(struct move_plan *p, size_t item, int row, enum drop_reason why, const struct value *v)
{
	p->drops = xreallocarray(p->drops, p->ndrops + 1, sizeof *p->drops);
	p->drops[p->ndrops++] = (struct move_drop){item, row, why, v};
	p->items[item].dropped++;
}

/* Puts value v of the draft (field or column it->from, in the old table's row) into it->to's
 * place in the moved report (*slot; checked as in its row new_row there), or among the drops.
 * Returns whether it was kept. */
static bool
place(struct move_plan *p, size_t item, int field, int column, int row, int new_row,
      const struct value *v, struct value *slot, const char *today)
{
	struct move_item *it = &p->items[item];
	struct value nv;
	struct findings fs;
	if (v->k == V_NULL)
		return false;
	it->values++;
	if (it->to == NULL) {
		add_drop(p, item, row, DR_REMOVED, v);
		return false;
	}
	if (!convert(it->from, v, it->to, &nv)) {
		add_drop(p, item, row, DR_TYPE, v);
		return false;
	}
	validate_field(p->moved, field, column, new_row, &nv, today, &fs);
	bool refused = findings_refuse(&fs);
	findings_free(&fs);
	if (refused) {
		value_clear(&nv);
		add_drop(p, item, row, it->to->type == F_CHOICE ? DR_OPTION : DR_CHECK, v);
		return false;
	}
	*slot = nv;
	return true;
}

/* A table of the draft: a plan item for each column, then its rows, each kept in the moved
 * report when one of its values is. nt: the new table's index, or -1. */
static void
plan_table(struct move_plan *p, int old, int nt, const char *today)
{
	const struct field *of = &p->draft->t->fields[old];
	const struct field *nf = nt >= 0 ? &p->moved->t->fields[nt] : NULL;
	size_t first = p->nitems;
	int *to_col = xcalloc(of->ncolumns + 1, sizeof *to_col);
	for (size_t k = 0; k < of->ncolumns; k++) {
		to_col[k] = nf ? field_column(nf, of->columns[k].id) : -1;
		add_item(p, to_col[k] >= 0 ? MV_KEPT : MV_DROPPED, &of->columns[k],
			 to_col[k] >= 0 ? &nf->columns[to_col[k]] : NULL, of, nf);
	}
	for (size_t k = 0; nf && k < nf->ncolumns; k++)
		if (field_column(of, nf->columns[k].id) < 0)
			add_item(p, nf->columns[k].required ? MV_NEW_REQUIRED : MV_NEW, NULL,
				 &nf->columns[k], of, nf);
	const struct rows *src = &p->draft->tables[old];
	struct rows *dst = nf ? &p->moved->tables[nt] : NULL;
	struct value *cells = NULL;
	for (size_t j = 0; j < src->n; j++) {
		bool kept = false;
		if (cells == NULL && nf)
			cells = xcalloc(nf->ncolumns + 1, sizeof *cells);
		for (size_t k = 0; k < of->ncolumns; k++) {
			struct value unused = {V_NULL, 0, NULL};
			struct value *slot = to_col[k] >= 0 ? &cells[to_col[k]] : &unused;
			kept |=
			    place(p, first + k, nt, to_col[k], (int)j + 1,
				  dst ? (int)dst->n + 1 : 0, &src->rows[j].cells[k], slot, today);
		}
		if (kept) {
			dst->rows = xreallocarray(dst->rows, dst->n + 1, sizeof *dst->rows);
			dst->rows[dst->n++].cells = cells;
			cells = NULL;
		} else if (cells) {
			for (size_t k = 0; k < nf->ncolumns; k++)
				value_clear(&cells[k]);
		}
	}
	free(cells);
	free(to_col);
}

/* The fields of the draft's version, then those new in the newer one. */
static void
plan_fields(struct move_plan *p, const char *today)
{
	const struct template *ot = p->draft->t, *nt = p->moved->t;
	for (size_t i = 0; i < ot->nfields; i++) {
		const struct field *of = &ot->fields[i];
		int n = template_field(nt, of->id);
		if (of->type == F_TABLE) {
			plan_table(p, (int)i, n >= 0 && nt->fields[n].type == F_TABLE ? n : -1,
				   today);
			continue;
		}
		if (n >= 0 && nt->fields[n].type == F_TABLE)
			n = -1; /* a field that became a table: dropped here, new there */
		size_t item = add_item(p, n >= 0 ? MV_KEPT : MV_DROPPED, of,
				       n >= 0 ? &nt->fields[n] : NULL, NULL, NULL);
		struct value unused = {V_NULL, 0, NULL};
		place(p, item, n, -1, 0, 0, &p->draft->values[i],
		      n >= 0 ? &p->moved->values[n] : &unused, today);
	}
	for (size_t i = 0; i < nt->nfields; i++) {
		const struct field *nf = &nt->fields[i];
		int o = template_field(ot, nf->id);
		if (o >= 0 && (nf->type == F_TABLE) == (ot->fields[o].type == F_TABLE))
			continue; /* planned above, with the draft's field */
		if (o >= 0 && ot->fields[o].type == F_TABLE)
			continue; /* a table that became a field: planned above, its value is new */
		bool required = nf->required || nf->required_if || nf->min_rows > 0;
		add_item(p, required ? MV_NEW_REQUIRED : MV_NEW, NULL, nf, NULL, NULL);
	}
}

int
move_newer_version(struct store *db, int year, int phase_first, int *draft_version)
{
	int have = (int)store_int(
	    db, 0, "SELECT template_version FROM report WHERE year = ?1 AND phase_first = ?2", "ii",
	    year, phase_first);
	int newest =
	    (int)store_int(db, 0,
			   "SELECT max(t.version) FROM template t JOIN report r"
			   " ON r.template_id = t.id WHERE r.year = ?1 AND r.phase_first = ?2",
			   "ii", year, phase_first);
	if (draft_version)
		*draft_version = have;
	return have > 0 && newest > have ? newest : 0;
}

enum status
move_plan(struct store *db, int year, int phase_first, struct move_plan *p, struct err *e)
{
	struct template *t = NULL;
	char today[16];
	enum status rc;

	*p = (struct move_plan){.year = year, .phase_first = phase_first};
	if ((rc = report_read(db, year, phase_first, &p->draft, e)) != ST_OK)
		return rc;
	p->from = p->to = p->draft->t->version;
	int newest = move_newer_version(db, year, phase_first, NULL);
	if (newest == 0)
		return ST_OK;
	if ((rc = template_get(db, p->draft->t->id, newest, &t, e)) != ST_OK)
		return rc;
	/* The period is the report's key: a version answering another phase is not this one's. */
	if (t->phase_first != p->draft->t->phase_first ||
	    t->phase_last != p->draft->t->phase_last) {
		char period[REPORT_PERIOD_SIZE];
		report_period_text(year, phase_first, period);
		err_set(
		    e,
		    L("mẫu %s phiên bản %d không còn là báo cáo của kỳ %s: không chuyển được "
		      "bản nháp sang nó",
		      "template %s version %d no longer answers the period %s: the draft cannot "
		      "move to it"),
		    t->id, t->version, period);
		template_free(t);
		return ST_REFUSED;
	}
	p->to = newest;
	p->moved = report_empty(t, year);
	p->moved->revision = p->draft->revision;
	if (p->draft->unit_code)
		p->moved->unit_code = xstrdup(p->draft->unit_code);
	if (p->draft->unit_name)
		p->moved->unit_name = xstrdup(p->draft->unit_name);
	store_today(today);
	plan_fields(p, today);
	return ST_OK;
}

/* Keeps the plan's drops in the year's dropped values. */
static enum status
keep_drops(struct store *db, const struct move_plan *p, struct err *e)
{
	char now[32];
	store_now(now);
	for (size_t i = 0; i < p->ndrops; i++) {
		const struct move_drop *d = &p->drops[i];
		const struct move_item *it = &p->items[d->item];
		const struct field *f = it->table_from ? it->table_from : it->from;
		char *vi = it->table_from ? xasprintf("%s — %s", f->label.vi, it->from->label.vi)
					  : xstrdup(f->label.vi);
		char *en = it->table_from ? xasprintf("%s — %s", f->label.en, it->from->label.en)
					  : xstrdup(f->label.en);
		char *raw = d->v->k == V_INT || d->v->k == V_BOOL ? NULL : d->v->s;
		enum status rc =
		    store_do(db,
			     "INSERT INTO dropped_value(year, template_id, old_version, "
			     "new_version, field_id,"
			     " column_id, row, label_vi, label_en, value, reason, moved_at,"
			     " phase_first) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
			     " coalesce(?10, ?11), ?12, ?13, ?14)",
			     e, "itiittitttItti", p->year, p->draft->t->id, p->from, p->to, f->id,
			     it->table_from ? it->from->id : NULL, d->row, vi, en, raw,
			     (sqlite3_int64)d->v->i, drop_reason_name(d->why), now, p->phase_first);
		free(vi);
		free(en);
		if (rc != ST_OK)
			return rc;
	}
	return ST_OK;
}

/* A pre-filled field new in a phase review's version gets its empty pre-fill recorded, as
 * nothing the clerk wrote: filling the review again fills it (phase_refill fills only fields
 * whose pre-fill is recorded and unchanged). */
static enum status
keep_new_prefills(struct store *db, const struct move_plan *p, struct err *e)
{
	enum status rc = ST_OK;
	for (size_t i = 0; rc == ST_OK && p->phase_first && i < p->nitems; i++) {
		const struct move_item *it = &p->items[i];
		if ((it->kind != MV_NEW && it->kind != MV_NEW_REQUIRED) || it->table_to ||
		    !it->to->prefill)
			continue;
		rc = store_do(db,
			      "INSERT OR IGNORE INTO prefill(year, phase_first, field_id, value,"
			      " from_vi, from_en, changed) VALUES (?1, ?2, ?3, ?4, '', '', 0)",
			      e, "iitt", p->year, p->phase_first, it->to->id,
			      it->to->type == F_TABLE ? "[]" : NULL);
	}
	return rc;
}

enum status
move_draft(struct store *db, int year, int phase_first, struct move_plan *p, struct err *e)
{
	enum status rc;
	*p = (struct move_plan){.year = year, .phase_first = phase_first};
	if ((rc = store_begin(db, e)) != ST_OK)
		return rc;
	if ((rc = move_plan(db, year, phase_first, p, e)) == ST_OK && p->to != p->from &&
	    (rc = report_save(db, p->moved, e)) == ST_OK && (rc = keep_drops(db, p, e)) == ST_OK)
		rc = keep_new_prefills(db, p, e);
	if (rc != ST_OK) {
		store_rollback(db);
		return rc;
	}
	return store_commit(db, e);
}

void
move_plan_free(struct move_plan *p)
{
	report_free(p->draft);
	report_free(p->moved);
	free(p->items);
	free(p->drops);
	*p = (struct move_plan){0};
}

void
move_item_label(const struct move_item *it, struct buf *b)
{
	const struct field *f = it->to ? it->to : it->from;
	const struct field *table = it->to ? it->table_to : it->table_from;
	if (table)
		buf_printf(b, "%s — ", TR(table->label));
	buf_adds(b, TR(f->label));
}

void
move_item_changes(const struct move_item *it, struct buf *b)
{
	const char *sep = "";
	if (it->changes & MC_TYPE) {
		buf_printf(b, L("kiểu: %s → %s", "type: %s → %s"), ftype_name(it->from->type),
			   ftype_name(it->to->type));
		sep = "; ";
	}
	if (it->changes & MC_OPTIONS) {
		buf_printf(b, "%s%s", sep, L("bỏ lựa chọn:", "choices removed:"));
		for (size_t i = 0, n = 0; i < it->from->noptions; i++)
			if (!offers(it->to, it->from->options[i].value))
				buf_printf(b, "%s “%s”", n++ ? "," : "",
					   TR(it->from->options[i].label));
		sep = "; ";
	}
	if (it->changes & MC_LIMITS) {
		buf_printf(b, "%s%s", sep, L("giới hạn mới", "new limits"));
		sep = "; ";
	}
	if (it->changes & MC_LABEL)
		buf_printf(b, L("%stên cũ “%s”", "%sformerly “%s”"), sep, TR(it->from->label));
}

void
move_drop_text(const struct move_plan *p, const struct move_drop *d, struct buf *b)
{
	value_format(p->items[d->item].from, d->v, b);
}

/* The field (or column) a kept value came from, in its old version, or NULL. */
static const struct field *
dropped_field(const struct template *t, const char *field_id, const char *column_id)
{
	int f = t ? template_field(t, field_id) : -1;
	if (f < 0)
		return NULL;
	if (column_id == NULL)
		return &t->fields[f];
	int c = field_column(&t->fields[f], column_id);
	return c >= 0 ? &t->fields[f].columns[c] : NULL;
}

/* Reads one row of dropped_list's query into d: the value read back as its old field held it,
 * written as the clerk read it and as it would be typed. */
static void
dropped_row(struct store *db, sqlite3_stmt *st, struct dropped *d)
{
	struct template *t = NULL;
	struct err ignored = {0};
	const char *tid = (const char *)sqlite3_column_text(st, 1);
	d->id = sqlite3_column_int64(st, 0);
	d->old_version = sqlite3_column_int(st, 2);
	d->new_version = sqlite3_column_int(st, 3);
	d->field_id = xstrdup((const char *)sqlite3_column_text(st, 4));
	d->column_id = sqlite3_column_type(st, 5) == SQLITE_NULL
			   ? NULL
			   : xstrdup((const char *)sqlite3_column_text(st, 5));
	d->row = sqlite3_column_int(st, 6);
	const char *label = (const char *)sqlite3_column_text(st, ui_lang == LANG_EN ? 8 : 7);
	d->label =
	    d->row ? xasprintf(L("%s, dòng %d", "%s, row %d"), label, d->row) : xstrdup(label);
	const char *why = (const char *)sqlite3_column_text(st, 10);
	d->why = DR_REMOVED;
	for (size_t r = 0; r < ARRAY_LEN(reasons); r++)
		if (strcmp(reasons[r].name, why) == 0)
			d->why = (enum drop_reason)r;
	snprintf(d->moved_at, sizeof d->moved_at, "%s", sqlite3_column_text(st, 11));
	/* A template is never removed, so the old version is there to read the value with. */
	if (template_get(db, tid, d->old_version, &t, &ignored) != ST_OK)
		t = NULL;
	const struct field *f = dropped_field(t, d->field_id, d->column_id);
	struct buf shown, input;
	buf_init(&shown);
	buf_init(&input);
	if (f && f->type != F_TABLE) {
		struct value v = {ftype_vkind(f->type), 0, NULL};
		if (v.k == V_INT || v.k == V_BOOL)
			v.i = sqlite3_column_int64(st, 9);
		else
			v.s = (char *)sqlite3_column_text(st, 9);
		value_format(f, &v, &shown);
		value_input_text(f, &v, &input);
	} else {
		buf_adds(&shown, (const char *)sqlite3_column_text(st, 9));
		buf_adds(&input, (const char *)sqlite3_column_text(st, 9));
	}
	d->text = buf_steal(&shown);
	d->input = buf_steal(&input);
	template_free(t);
}

enum status
dropped_list(struct store *db, int year, int phase_first, struct dropped **out, size_t *n,
	     struct err *e)
{
	enum status rc;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_query(
	    db,
	    "SELECT id, template_id, old_version, new_version, field_id, column_id, row, label_vi,"
	    " label_en, value, reason, moved_at FROM dropped_value WHERE year = ?1"
	    " AND phase_first = ?2 ORDER BY id",
	    e, "ii", year, phase_first);
	while (store_next(db, st, &rc, e)) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		dropped_row(db, st, &(*out)[(*n)++]);
	}
	if (rc != ST_OK) {
		dropped_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

size_t
dropped_count(struct store *db, int year, int phase_first)
{
	return (size_t)store_int(
	    db, 0, "SELECT count(*) FROM dropped_value WHERE year = ?1 AND phase_first = ?2", "ii",
	    year, phase_first);
}

void
dropped_free(struct dropped *d, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(d[i].field_id);
		free(d[i].column_id);
		free(d[i].label);
		free(d[i].text);
		free(d[i].input);
	}
	free(d);
}

/* A value's text, each of its lines indented under its heading. */
static void
write_indented(struct buf *b, const char *text)
{
	buf_adds(b, "    ");
	for (const char *s = text; *s; s++) {
		buf_addc(b, *s);
		if (*s == '\n')
			buf_adds(b, "    ");
	}
	buf_addc(b, '\n');
}

/* The plan's items of one kind, one a line, with what changed and how their values fit. */
static void
write_items(const struct move_plan *p, enum move_kind kind, struct buf *b)
{
	size_t n = 0;
	for (size_t i = 0; i < p->nitems; i++) {
		const struct move_item *it = &p->items[i];
		if (it->kind != kind)
			continue;
		if (n++ == 0)
			buf_printf(b, "%s:\n", move_kind_word(kind));
		buf_adds(b, "  ");
		move_item_label(it, b);
		if ((kind == MV_KEPT || kind == MV_CHANGED) && it->changes) {
			buf_adds(b, " (");
			move_item_changes(it, b);
			buf_adds(b, ")");
		}
		if (it->dropped)
			buf_printf(b,
				   L(": %zu/%zu giá trị không giữ được trong mục",
				     ": %zu of %zu values cannot stay"),
				   it->dropped, it->values);
		else if (kind == MV_DROPPED && it->values == 0)
			buf_adds(b, L(": trống", ": empty"));
		buf_addc(b, '\n');
	}
}

void
move_plan_write(const struct move_plan *p, struct buf *b)
{
	for (enum move_kind k = MV_KEPT; k <= MV_NEW_REQUIRED; k++)
		write_items(p, k, b);
	if (p->ndrops == 0) {
		buf_adds(b, L("Không có giá trị nào phải bỏ ra khỏi bản nháp.\n",
			      "No value of the draft has to leave it.\n"));
		return;
	}
	buf_printf(b,
		   L("Giá trị không còn chỗ trong mẫu mới (%zu), được giữ lại trong danh sách giá "
		     "trị đã bỏ:\n",
		     "Values with no place in the new version (%zu), kept in the list of dropped "
		     "values:\n"),
		   p->ndrops);
	for (size_t i = 0; i < p->ndrops; i++) {
		const struct move_drop *d = &p->drops[i];
		const struct move_item *it = &p->items[d->item];
		buf_adds(b, "  ");
		if (it->table_from)
			buf_printf(b, "%s — %s", TR(it->table_from->label), TR(it->from->label));
		else
			buf_adds(b, TR(it->from->label));
		if (d->row)
			buf_printf(b, L(", dòng %d", ", row %d"), d->row);
		if (it->table_from)
			buf_printf(b, " [%s[%d].%s]", it->table_from->id, d->row, it->from->id);
		else
			buf_printf(b, " [%s]", it->from->id);
		buf_printf(b, " (%s):\n", drop_reason_word(d->why));
		struct buf text;
		buf_init(&text);
		move_drop_text(p, d, &text);
		write_indented(b, text.data);
		buf_free(&text);
	}
}

void
dropped_write(const struct dropped *d, size_t n, struct buf *b)
{
	if (n == 0)
		return;
	buf_printf(b,
		   L("Giá trị đã bỏ khi chuyển mẫu, vẫn giữ lại (%zu):\n",
		     "Values dropped when the draft was moved, still kept (%zu):\n"),
		   n);
	for (size_t i = 0; i < n; i++) {
		char when[32];
		time_vietnam(d[i].moved_at, when);
		buf_printf(b, "  %s [%s", d[i].label, d[i].field_id);
		if (d[i].column_id)
			buf_printf(b, "[%d].%s", d[i].row, d[i].column_id);
		buf_printf(b, L("] (phiên bản %d → %d, %s; %s):\n", "] (version %d → %d, %s; %s):\n"),
			   d[i].old_version, d[i].new_version, when, drop_reason_word(d[i].why));
		write_indented(b, d[i].text);
	}
}
