/* unit_review.c: the Ministry's review of the unit's reports, kept from the receipts that carry
 * it, placed on the report's fields, and answered by the next pack. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "report.h"
#include "store.h"
#include "template.h"
#include "unit.h"

enum status
unit_review_keep(struct store *db, const struct receipt *r, struct err *e)
{
	const struct review *rv = r->review;
	char id[33], now[32];
	enum status rc;

	if (rv == NULL)
		return ST_OK;
	hex_encode(r->bundle_id, 16, id);
	store_now(now);
	/* The receipt row is there (kept just before, or the same receipt opened again). */
	rc = store_do(
	    db,
	    "INSERT INTO review(receipt_id, year, phase_first, revision, state, decided_at,"
	    " received_at) SELECT id, ?4, phase_first, ?5, ?6, ?7, ?8 FROM receipt WHERE bundle_id = ?1 AND"
	    " outcome = ?2 AND signed_at = ?3 ON CONFLICT DO NOTHING",
	    e, "tttiittt", id, receipt_outcome_name(r->outcome), r->time, r->year, r->revision,
	    review_state_name(rv->state), rv->time, now);
	if (rc != ST_OK || sqlite3_changes(db->sql) == 0)
		return rc; /* kept before: its comments too, answered or not */
	sqlite3_int64 review_id = sqlite3_last_insert_rowid(db->sql);
	for (size_t i = 0; i < rv->n && rc == ST_OK; i++)
		rc = store_do(db,
			      "INSERT INTO review_comment(review_id, position, field_id, text)"
			      " VALUES (?1, ?2, ?3, ?4)",
			      e, "Iitt", review_id, (int)i, rv->comments[i].field,
			      rv->comments[i].text);
	return rc;
}

enum status
unit_review_answer(struct store *db, int year, int phase_first, int revision, struct err *e)
{
	return store_do(db,
			"UPDATE review SET answered_by = ?2 WHERE year = ?1 AND phase_first = ?3"
			" AND answered_by IS NULL",
			e, "iii", year, revision, phase_first);
}

enum status
unit_review_unanswer(struct store *db, int year, int phase_first, int revision, struct err *e)
{
	return store_do(db,
			"UPDATE review SET answered_by = NULL WHERE year = ?1 AND phase_first = ?3"
			" AND answered_by = ?2",
			e, "iii", year, revision, phase_first);
}

/* The newest review of the period received since its last pack, as its row id; 0 when none. */
static sqlite3_int64
open_review(struct store *db, int year, int phase_first)
{
	return store_int(db, 0,
			 "SELECT id FROM review WHERE year = ?1 AND phase_first = ?2 AND"
			 " answered_by IS NULL ORDER BY revision DESC, decided_at DESC, id DESC"
			 " LIMIT 1",
			 "ii", year, phase_first);
}

enum status
unit_review_status(struct store *db, struct year_status *ys, struct err *e)
{
	sqlite3_int64 id = open_review(db, ys->year, ys->phase_first);
	enum status rc;
	ys->reviewed = false;
	ys->review_comments = 0;
	if (id == 0)
		return ST_OK;
	sqlite3_stmt *st = store_query(db,
				       "SELECT state, (SELECT count(*) FROM review_comment WHERE"
				       " review_id = ?1) FROM review WHERE id = ?1",
				       e, "I", id);
	while (store_next(db, st, &rc, e)) {
		int s = review_state_parse((const char *)sqlite3_column_text(st, 0));
		ys->reviewed = s >= 0;
		ys->review = s >= 0 ? (enum review_state)s : RV_NEEDS_FIXING;
		ys->review_comments = (size_t)sqlite3_column_int64(st, 1);
	}
	return rc;
}

/* The template of the period's report, which places the comments; NULL when no report is
 * stored or its template is missing (the comments then all go on the whole report). */
static enum status
year_template(struct store *db, int year, int phase_first, const struct template **out,
	      struct err *e)
{
	struct template *t = NULL;
	enum status rc = ST_OK;
	*out = NULL;
	sqlite3_stmt *st = store_query(db,
				       "SELECT template_id, template_version FROM report"
				       " WHERE year = ?1 AND phase_first = ?2",
				       e, "ii", year, phase_first);
	while (store_next(db, st, &rc, e))
		if (t == NULL && (rc = template_get(db, (const char *)sqlite3_column_text(st, 0),
						    sqlite3_column_int(st, 1), &t, e)) == ST_ENV) {
			store_done(db, st);
			return rc;
		}
	*out = t;
	return rc;
}

static int
by_place(const void *a, const void *b)
{
	const struct review_note *x = a, *y = b;
	return x->field < y->field ? -1 : x->field > y->field;
}

/* Places each comment: on its field when the template knows it, else on the whole report
 * (a comment is never dropped); the whole report's first, then the fields' in the template's
 * order, each keeping the order staff wrote them in. */
static void
place(struct unit_review *rv, const char *field, const char *text)
{
	int f = field[0] && rv->t ? template_field(rv->t, field) : -1;
	rv->notes = xreallocarray(rv->notes, rv->n + 1, sizeof *rv->notes);
	rv->notes[rv->n].field = f;
	rv->notes[rv->n].text =
	    f < 0 && field[0] ? xasprintf("[%s] %s", field, text) : xstrdup(text);
	rv->n++;
}

static void
sort_notes(struct unit_review *rv)
{
	/* A stable sort: the position breaks ties. */
	for (size_t i = 1; i < rv->n; i++)
		for (size_t j = i; j > 0 && by_place(&rv->notes[j - 1], &rv->notes[j]) > 0; j--) {
			struct review_note tmp = rv->notes[j];
			rv->notes[j] = rv->notes[j - 1];
			rv->notes[j - 1] = tmp;
		}
}

enum status
unit_review_open(struct store *db, int year, int phase_first, struct unit_review *out,
		 struct err *e)
{
	enum status rc;
	memset(out, 0, sizeof *out);
	sqlite3_int64 id = open_review(db, year, phase_first);
	if (id == 0)
		return ST_OK;
	if ((rc = year_template(db, year, phase_first, &out->t, e)) != ST_OK)
		return rc;
	sqlite3_stmt *st = store_query(
	    db, "SELECT state, revision, decided_at FROM review WHERE id = ?1", e, "I", id);
	while (store_next(db, st, &rc, e)) {
		int s = review_state_parse((const char *)sqlite3_column_text(st, 0));
		out->any = true;
		out->state = s >= 0 ? (enum review_state)s : RV_NEEDS_FIXING;
		out->year = year;
		out->phase_first = phase_first;
		out->revision = sqlite3_column_int(st, 1);
		snprintf(out->decided_at, sizeof out->decided_at, "%s",
			 (const char *)sqlite3_column_text(st, 2));
	}
	if (rc != ST_OK) {
		unit_review_free(out);
		return rc;
	}
	st = store_query(
	    db, "SELECT field_id, text FROM review_comment WHERE review_id = ?1 ORDER BY position",
	    e, "I", id);
	while (store_next(db, st, &rc, e))
		place(out, (const char *)sqlite3_column_text(st, 0),
		      (const char *)sqlite3_column_text(st, 1));
	if (rc != ST_OK) {
		unit_review_free(out);
		return rc;
	}
	sort_notes(out);
	return ST_OK;
}

enum status
unit_review_of_receipt(struct store *db, const struct receipt *r, struct unit_review *out,
		       struct err *e)
{
	enum status rc;
	memset(out, 0, sizeof *out);
	if (r->review == NULL)
		return ST_OK;
	int phase_first = unit_receipt_phase_first(db, r);
	if ((rc = year_template(db, r->year, phase_first, &out->t, e)) != ST_OK)
		return rc;
	out->any = true;
	out->state = r->review->state;
	out->year = r->year;
	out->phase_first = phase_first;
	out->revision = r->revision;
	snprintf(out->decided_at, sizeof out->decided_at, "%s", r->review->time);
	for (size_t i = 0; i < r->review->n; i++)
		place(out, r->review->comments[i].field, r->review->comments[i].text);
	sort_notes(out);
	return ST_OK;
}

void
unit_review_free(struct unit_review *rv)
{
	for (size_t i = 0; i < rv->n; i++)
		free(rv->notes[i].text);
	free(rv->notes);
	if (rv->t)
		template_free((struct template *)rv->t);
	memset(rv, 0, sizeof *rv);
}

size_t
unit_review_count(const struct unit_review *rv, int field)
{
	size_t n = 0;
	for (size_t i = 0; i < rv->n; i++)
		n += rv->notes[i].field == field;
	return n;
}

const char *
unit_review_label(const struct unit_review *rv, const struct review_note *n)
{
	return n->field >= 0 && rv->t ? TR(rv->t->fields[n->field].label) : NULL;
}

void
unit_review_heading(const struct unit_review *rv, char *out, size_t n)
{
	char when[32], name[REPORT_PERIOD_NAME_SIZE];
	int k;
	time_vietnam(rv->decided_at, when);
	report_period_name(rv->year, rv->phase_first, name);
	if (rv->state == RV_APPROVED)
		k = snprintf(out, n,
			     L("Bộ Y tế đã duyệt báo cáo %s, lần gửi %d (lúc %s)",
			       "The Ministry approved the %s report, revision %d (at %s)"),
			     name, rv->revision, when);
	else
		k = snprintf(
		    out, n,
		    L("Bộ Y tế yêu cầu sửa báo cáo %s, lần gửi %d (lúc %s)",
		      "The Ministry asks for the %s report, revision %d, to be fixed (at %s)"),
		    name, rv->revision, when);
	if (k < 0 || (size_t)k >= n)
		return;
	if (rv->n)
		snprintf(out + k, n - (size_t)k, L(", %zu ý kiến:", ", %zu comments:"), rv->n);
	else
		snprintf(out + k, n - (size_t)k, ".");
}
