/* review.c: the central staff's word on merged reports: recorded with its history and the staff
 * action log, shown as the report's state, and carried back to the unit in a signed receipt. */
#include "review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "armor.h"
#include "i18n.h"
#include "merged.h"
#include "platform.h"
#include "staff.h"
#include "template.h"
#include "text.h"

void
review_entry_free(struct review_entry *r)
{
	for (size_t i = 0; i < r->rv.n; i++)
		free(r->rv.comments[i].text);
	free(r->rv.comments);
	free(r->delivered_in);
	memset(r, 0, sizeof *r);
}

void
review_entries_free(struct review_entry *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		review_entry_free(&a[i]);
	free(a);
}

/* The comments of review id into rv, in the order staff gave them. */
static enum status
comments_read(struct store *db, long long id, struct review *rv, struct err *e)
{
	enum status rc;
	sqlite3_stmt *st = store_stmt_bind(
	    db, "SELECT field, text FROM review_comment WHERE review_id = ?1 ORDER BY position", e,
	    "I", (sqlite3_int64)id);
	while (store_next(db, st, &rc, e)) {
		rv->comments = xreallocarray(rv->comments, rv->n + 1, sizeof *rv->comments);
		struct review_comment *c = &rv->comments[rv->n++];
		snprintf(c->field, sizeof c->field, "%s", sqlite3_column_text(st, 0));
		c->text = xstrdup((const char *)sqlite3_column_text(st, 1));
	}
	return rc;
}

/* A review's columns (its period as year and phase_first: entry_row makes them a key), then
 * whether it is the one shown now: the newest review of the bundle merged for its unit and
 * period. */
#define ENTRY_COLUMNS                                                                              \
	"SELECT r.id, r.unit_code, r.year, r.phase_first, r.revision, r.bundle_hash,"              \
	" r.state, r.at, r.staff, coalesce(r.delivered_at, ''), r.delivered_in,"                   \
	" r.id = (SELECT max(x.id) FROM review x JOIN merged m ON m.unit_code = x.unit_code"       \
	"  AND m.year = x.year AND m.phase_first = x.phase_first"                                  \
	"  AND m.bundle_hash = x.bundle_hash WHERE x.unit_code = r.unit_code"                      \
	"  AND x.year = r.year AND x.phase_first = r.phase_first)"                                 \
	" FROM review r"

static void
entry_row(sqlite3_stmt *st, struct review_entry *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	snprintf(r->unit, sizeof r->unit, "%s", sqlite3_column_text(st, 1));
	r->period = PERIOD_KEY(sqlite3_column_int(st, 2), sqlite3_column_int(st, 3));
	r->revision = sqlite3_column_int(st, 4);
	if (sqlite3_column_bytes(st, 5) == HASH_BYTES)
		memcpy(r->bundle_hash, sqlite3_column_blob(st, 5), HASH_BYTES);
	int k = review_state_parse((const char *)sqlite3_column_text(st, 6));
	r->rv.state = k < 0 ? RV_NEEDS_FIXING : (enum review_state)k;
	snprintf(r->rv.time, sizeof r->rv.time, "%s", sqlite3_column_text(st, 7));
	snprintf(r->staff, sizeof r->staff, "%s", sqlite3_column_text(st, 8));
	snprintf(r->delivered_at, sizeof r->delivered_at, "%s", sqlite3_column_text(st, 9));
	if (sqlite3_column_type(st, 10) != SQLITE_NULL)
		r->delivered_in = xstrdup((const char *)sqlite3_column_text(st, 10));
	r->current = sqlite3_column_int(st, 11) != 0;
}

enum status
review_list(struct store *db, const char *unit, int period, struct review_entry **out, size_t *n,
	    struct err *e)
{
	enum status rc;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st =
	    store_query(db,
			ENTRY_COLUMNS " WHERE (?1 IS NULL OR r.unit_code = ?1) AND r.year = ?2"
				      " AND r.phase_first = ?3 ORDER BY r.id DESC",
			e, "tp", unit, period);
	while (store_next(db, st, &rc, e)) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		entry_row(st, &(*out)[(*n)++]);
	}
	for (size_t i = 0; i < *n && rc == ST_OK; i++)
		rc = comments_read(db, (*out)[i].id, &(*out)[i].rv, e);
	if (rc != ST_OK) {
		review_entries_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

enum status
review_current(struct store *db, const char *unit, int period, struct review_entry *out,
	       bool *found, struct err *e)
{
	enum status rc;
	*found = false;
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = store_query(
	    db,
	    ENTRY_COLUMNS " JOIN merged m ON m.unit_code = r.unit_code AND m.year = r.year"
			  " AND m.phase_first = r.phase_first AND m.bundle_hash = r.bundle_hash"
			  " WHERE r.unit_code = ?1 AND r.year = ?2"
			  " AND r.phase_first = ?3 ORDER BY r.id DESC LIMIT 1",
	    e, "tp", unit, period);
	while (store_next(db, st, &rc, e)) {
		entry_row(st, out);
		*found = true;
	}
	if (rc == ST_OK && *found)
		rc = comments_read(db, out->id, &out->rv, e);
	if (rc != ST_OK) {
		review_entry_free(out);
		*found = false;
	}
	return rc;
}

/* The report a review is of: the unit's merged bundle of year, its revision and template. */
struct reviewed {
	int revision;
	unsigned char hash[HASH_BYTES];
	struct template *t;
};

static enum status
reviewed_find(struct store *db, const char *unit, int period, struct reviewed *r, struct err *e)
{
	enum status rc;
	char tid[64] = "";
	int version = 0;
	bool found = false;
	sqlite3_stmt *st =
	    store_query(db,
			"SELECT m.revision, m.bundle_hash, b.template_id,"
			" b.template_version FROM merged m JOIN bundle b"
			" ON b.hash = m.bundle_hash WHERE m.unit_code = ?1 AND m.year = ?2"
			" AND m.phase_first = ?3",
			e, "tp", unit, period);
	while (store_next(db, st, &rc, e)) {
		found = sqlite3_column_bytes(st, 1) == HASH_BYTES;
		r->revision = sqlite3_column_int(st, 0);
		if (found)
			memcpy(r->hash, sqlite3_column_blob(st, 1), HASH_BYTES);
		snprintf(tid, sizeof tid, "%s", sqlite3_column_text(st, 2));
		version = sqlite3_column_int(st, 3);
	}
	if (rc != ST_OK)
		return rc;
	if (!found) {
		if (store_int(db, 0, "SELECT count(*) FROM unit WHERE code = ?1", "t", unit) == 0) {
			err_set(e, L("không có đơn vị %s", "no unit %s"), unit);
			e->next = ERR_NEXT_ADD_UNIT;
		} else {
			char words[PERIOD_WORDS_SIZE];
			period_key_words(period, words);
			err_set(e,
				L("đơn vị %s chưa có báo cáo %s ở Bộ: chưa có gì để xem xét",
				  "unit %s has no %s report here: there is nothing to review"),
				unit, words);
		}
		return ST_REFUSED;
	}
	return template_get(db, tid, version, &r->t, e);
}

/* The comments as they are stored: each checked against the template and the limits, its
 * text cleaned (controls and bidi overrides refused, NFC). */
static enum status
comments_check(const struct reviewed *r, enum review_state state, const struct review_comment *in,
	       size_t n, char **texts, struct err *e)
{
	if (n > REVIEW_MAX_COMMENTS) {
		err_set(
		    e,
		    L("quá nhiều ý kiến: %zu (tối đa %d)", "too many comments: %zu (at most %d)"),
		    n, REVIEW_MAX_COMMENTS);
		return ST_REFUSED;
	}
	if (state == RV_NEEDS_FIXING && n == 0) {
		err_set(e, L("yêu cầu sửa cần ít nhất một ý kiến nói cần sửa gì",
			     "needs fixing needs at least one comment saying what to fix"));
		return ST_REFUSED;
	}
	for (size_t i = 0; i < n; i++) {
		const char *why = NULL;
		if (in[i].field[0] != '\0' && template_field(r->t, in[i].field) < 0) {
			err_set(e,
				L("ý kiến %zu: mẫu báo cáo %s không có mục \"%s\"",
				  "comment %zu: the report template %s has no field \"%s\""),
				i + 1, r->t->id, in[i].field);
			return ST_REFUSED;
		}
		if (in[i].text == NULL ||
		    (texts[i] = text_clean(in[i].text, TEXT_MULTILINE, &why)) == NULL) {
			err_set(e, L("ý kiến %zu: %s", "comment %zu: %s"), i + 1,
				why ? why : L("trống", "empty"));
			return ST_REFUSED;
		}
		if (texts[i][strspn(texts[i], " \t\n")] == '\0') {
			err_set(e, L("ý kiến %zu trống", "comment %zu is empty"), i + 1);
			return ST_REFUSED;
		}
		if (strlen(texts[i]) > REVIEW_MAX_TEXT) {
			err_set(e,
				L("ý kiến %zu dài quá: %zu byte (tối đa %d)",
				  "comment %zu is too long: %zu bytes (at most %d)"),
				i + 1, strlen(texts[i]), REVIEW_MAX_TEXT);
			return ST_REFUSED;
		}
	}
	return ST_OK;
}

/* The review, its comments and the staff log's line, in one transaction. */
static enum status
review_insert(struct store *db, const char *unit, int period, const struct reviewed *r,
	      enum review_state state, const struct review_comment *in, char **texts, size_t n,
	      long long *id, struct err *e)
{
	char now[32];
	store_now(now);
	enum status rc = store_begin(db, e);
	if (rc != ST_OK)
		return rc;
	rc = store_do(
	    db,
	    "INSERT INTO review(unit_code, year, phase_first, revision, bundle_hash, state,"
	    " at, staff) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	    e, "tpibttt", unit, period, r->revision, r->hash, HASH_BYTES, review_state_name(state),
	    now, staff_name());
	long long rid = sqlite3_last_insert_rowid(db->sql);
	for (size_t i = 0; i < n && rc == ST_OK; i++)
		rc = store_do(db,
			      "INSERT INTO review_comment(review_id, position, field, text)"
			      " VALUES (?1, ?2, ?3, ?4)",
			      e, "Iitt", (sqlite3_int64)rid, (int)i, in[i].field, texts[i]);
	if (rc == ST_OK) {
		char *detail =
		    xasprintf(L("%s, lần gửi %d, %zu ý kiến", "%s, revision %d, %zu comments"),
			      review_state_word(state), r->revision, n);
		rc = staff_log(db, SA_REVIEW, unit, period, detail, e);
		free(detail);
	}
	if (rc == ST_OK)
		rc = store_commit(db, e);
	else
		store_rollback(db);
	if (rc == ST_OK && id != NULL)
		*id = rid;
	return rc;
}

enum status
review_set(struct store *db, const char *unit, int year, int revision, enum review_state state,
	   const struct review_comment *comments, size_t n, long long *id, struct err *e)
{
	struct reviewed r = {0};
	char **texts = xcalloc(n ? n : 1, sizeof *texts);
	enum status rc = reviewed_find(db, unit, year, &r, e);
	if (rc == ST_OK && revision != 0 && revision != r.revision) {
		char period[PERIOD_WORDS_SIZE];
		period_key_words(year, period);
		err_set(
		    e,
		    L("đơn vị %s vừa gửi lần %d của báo cáo %s, sau lần %d đang xem: "
		      "hãy mở lại báo cáo để xem lần mới",
		      "unit %s has just sent revision %d of its %s report, after the revision %d "
		      "shown: open the report again to read the new one"),
		    unit, r.revision, period, revision);
		rc = ST_REFUSED;
	}
	if (rc == ST_OK)
		rc = comments_check(&r, state, comments, n, texts, e);
	if (rc == ST_OK)
		rc = review_insert(db, unit, year, &r, state, comments, texts, n, id, e);
	for (size_t i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
	template_free(r.t);
	return rc;
}

enum status
review_for_bundle(struct store *db, const unsigned char hash[HASH_BYTES], struct review **out,
		  long long *id, bool *pending, struct err *e)
{
	enum status rc;
	*out = NULL;
	*pending = false;
	*id = 0;
	sqlite3_stmt *st = store_stmt_bind(
	    db,
	    "SELECT r.id, r.state, r.at, r.delivered_at IS NULL FROM review r JOIN merged m"
	    " ON m.unit_code = r.unit_code AND m.year = r.year AND m.phase_first = r.phase_first"
	    " AND m.bundle_hash = r.bundle_hash"
	    " WHERE r.bundle_hash = ?1 ORDER BY r.id DESC LIMIT 1",
	    e, "b", hash, HASH_BYTES);
	while (store_next(db, st, &rc, e)) {
		int k = review_state_parse((const char *)sqlite3_column_text(st, 1));
		*out = xcalloc(1, sizeof **out);
		(*out)->state = k < 0 ? RV_NEEDS_FIXING : (enum review_state)k;
		snprintf((*out)->time, sizeof(*out)->time, "%s", sqlite3_column_text(st, 2));
		*id = sqlite3_column_int64(st, 0);
		*pending = sqlite3_column_int(st, 3) != 0;
	}
	if (rc == ST_OK && *out != NULL)
		rc = comments_read(db, *id, *out, e);
	if (rc != ST_OK) {
		review_free(*out);
		*out = NULL;
	}
	return rc;
}

bool
review_waiting(struct store *db, const unsigned char hash[HASH_BYTES])
{
	struct review *rv;
	long long id;
	bool pending;
	struct err ignored;
	if (review_for_bundle(db, hash, &rv, &id, &pending, &ignored) != ST_OK)
		return false;
	review_free(rv);
	return pending;
}

enum status
review_delivered(struct store *db, long long id, const char *path, struct err *e)
{
	char now[32];
	store_now(now);
	return store_run(db,
			 "UPDATE review SET delivered_at = ?2, delivered_in = ?3"
			 " WHERE id = ?1 AND delivered_at IS NULL",
			 e, "Itt", (sqlite3_int64)id, now, path);
}

/* The receipt a review file is: of the merged bundle, outcome merged, carrying the review. */
static enum status
review_receipt(struct store *db, const struct review_entry *r, struct receipt *rc, struct err *e)
{
	char *id = store_text(db, "SELECT id FROM bundle WHERE hash = ?1", "b", r->bundle_hash,
			      HASH_BYTES);
	bool ok = id != NULL && hex_decode(id, rc->bundle_id, sizeof rc->bundle_id);
	free(id);
	if (!ok) {
		char period[PERIOD_WORDS_SIZE];
		period_key_words(r->period, period);
		err_set(e,
			L("không đọc được gói đã hợp nhất của đơn vị %s, %s",
			  "cannot read the merged bundle of unit %s, %s"),
			r->unit, period);
		return ST_ENV;
	}
	memcpy(rc->bundle_hash, r->bundle_hash, HASH_BYTES);
	snprintf(rc->unit, sizeof rc->unit, "%s", r->unit);
	/* A receipt names the year (META's, the phase's closing year for a review): the unit finds
	 * the report by the bundle's id. */
	rc->year = PERIOD_YEAR(r->period);
	rc->revision = r->revision;
	rc->outcome = RO_MERGED;
	store_now(rc->time);
	return ST_OK;
}

enum status
review_file_write(struct store *db, const char *unit, int year, const unsigned char *sign_sk,
		  const char *path, char **written, struct err *e)
{
	struct review_entry r;
	struct receipt rc = {0};
	struct stat sb;
	bool found;
	enum status st = review_current(db, unit, year, &r, &found, e);
	if (st != ST_OK)
		return st;
	char period[REPORT_PERIOD_SIZE], words[PERIOD_WORDS_SIZE];
	period_key_text(year, period);
	period_key_words(year, words);
	if (!found) {
		err_set(e,
			L("báo cáo %s của đơn vị %s (lần gửi đang giữ) chưa được xem xét",
			  "the %s report of unit %s (the revision held) has not been reviewed"),
			words, unit);
		return ST_REFUSED;
	}
	if ((st = review_receipt(db, &r, &rc, e)) == ST_OK) {
		unsigned char *doc;
		size_t len, alen;
		char code[64];
		rc.review = &r.rv; /* lent: the entry frees it */
		receipt_make(&rc, sign_sk, &doc, &len);
		char *text = armor_encode("RECEIPT", doc, len, &alen);
		free(doc);
		text_filename_part(unit, code, sizeof code);
		char *file = plat_stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)
				 ? xasprintf("%s/XHHT-%s-%s-r%d-review.receipt", path, period, code,
					     r.revision)
				 : xstrdup(path);
		st = file_write_atomic(file, text, alen, e);
		free(text);
		if (st == ST_OK)
			st = review_delivered(db, r.id, file, e);
		if (st == ST_OK && written != NULL)
			*written = file;
		else
			free(file);
	}
	review_entry_free(&r);
	return st;
}
