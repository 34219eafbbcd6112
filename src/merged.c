/* merged.c: a unit's merged report of a year as the central holds it (the desk's report view):
 * the report as the importer checked it, when it was observed, its attachments, saved to a
 * folder. */
#include "merged.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "summary.h"
#include "text.h"

void
period_key_text(int key, char *out)
{
	report_period_text(PERIOD_YEAR(key), PERIOD_FIRST(key), out);
}

void
period_key_words(int key, char *out)
{
	char period[REPORT_PERIOD_SIZE];
	period_key_text(key, period);
	snprintf(out, PERIOD_WORDS_SIZE, "%s%s",
		 PERIOD_FIRST(key) ? L("giai đoạn ", "") : L("năm ", ""), period);
}

bool
period_key_parse(const char *s, int *key)
{
	int year, first;
	if (!report_parse_period(s, &year, &first))
		return false;
	*key = PERIOD_KEY(year, first);
	return true;
}

enum status
merged_report_parse(struct store *db, const char *unit, const char *text, size_t len, int year,
		    struct report **out, struct err *e)
{
	/* Import checked this very text; failing now means the database was changed behind the
	 * program's back. */
	if (report_from_json(db, text, len, PERIOD_YEAR(year), out, e) != ST_OK) {
		err_prefix(
		    e, L("báo cáo đã hợp nhất của đơn vị %s: ", "the merged report of unit %s: "),
		    unit);
		return ST_ENV;
	}
	return ST_OK;
}

enum status
merged_reports_each(struct store *db, int period,
		    enum status (*fn)(void *ctx, const char *unit, const char *name,
				      const struct report *r, struct err *e),
		    void *ctx, struct err *e)
{
	enum status rc;
	sqlite3_stmt *st =
	    store_query(db,
			"SELECT m.unit_code, coalesce(u.name, ''), b.report FROM merged m"
			" JOIN bundle b ON b.hash = m.bundle_hash LEFT JOIN unit u ON"
			" u.code = m.unit_code WHERE m.year = ?1 AND m.phase_first = ?2"
			" ORDER BY m.unit_code",
			e, "p", period);
	while (store_next(db, st, &rc, e)) {
		const char *unit = (const char *)sqlite3_column_text(st, 0);
		struct report *r;
		if ((rc = merged_report_parse(db, unit, (const char *)sqlite3_column_text(st, 2),
					      (size_t)sqlite3_column_bytes(st, 2), period, &r,
					      e)) == ST_OK) {
			rc = fn(ctx, unit, (const char *)sqlite3_column_text(st, 1), r, e);
			report_free(r);
		}
		if (rc != ST_OK) {
			store_done(db, st);
			return rc;
		}
	}
	return rc;
}

enum status
merged_report_read(struct store *db, const char *unit, int period, struct report **out,
		   struct merged_info *info, struct err *e)
{
	enum status rc;
	bool found = false;
	*out = NULL;
	memset(info, 0, sizeof *info);
	sqlite3_stmt *st =
	    store_query(db,
			"SELECT b.report, m.revision, coalesce(b.observed_at, b.imported_at),"
			" coalesce(b.observed_by, 'import'), u.name FROM merged m JOIN bundle b ON"
			" b.hash = m.bundle_hash JOIN unit u ON u.code = m.unit_code"
			" WHERE m.unit_code = ?1 AND m.year = ?2 AND m.phase_first = ?3",
			e, "tp", unit, period);
	while (store_next(db, st, &rc, e)) {
		found = true;
		info->revision = sqlite3_column_int(st, 1);
		snprintf(info->observed_at, sizeof info->observed_at, "%s",
			 sqlite3_column_text(st, 2));
		info->by_mail = strcmp((const char *)sqlite3_column_text(st, 3), "mail") == 0;
		info->unit_name = xstrdup((const char *)sqlite3_column_text(st, 4));
		if (merged_report_parse(db, unit, (const char *)sqlite3_column_text(st, 0),
					(size_t)sqlite3_column_bytes(st, 0), period, out,
					e) != ST_OK) {
			store_done(db, st);
			merged_info_free(info);
			return ST_ENV;
		}
	}
	if (rc == ST_OK && !found) {
		char words[PERIOD_WORDS_SIZE];
		period_key_words(period, words);
		err_set(e, L("đơn vị %s chưa có báo cáo %s ở Bộ", "unit %s has no %s report here"),
			unit, words);
		rc = ST_REFUSED;
	}
	if (rc == ST_OK && (rc = summary_deadline_utc(db, period, info->deadline, e)) == ST_OK)
		info->late = summary_late(info->observed_at, info->deadline);
	if (rc != ST_OK) {
		report_free(*out);
		*out = NULL;
		merged_info_free(info);
	}
	return rc;
}

void
merged_info_free(struct merged_info *info)
{
	free(info->unit_name);
	info->unit_name = NULL;
}

enum status
merged_attachments(struct store *db, const char *unit, int period, struct merged_attachment **out,
		   size_t *n, struct err *e)
{
	enum status rc;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st =
	    store_query(db,
			"SELECT a.position, a.name, a.type, a.size FROM merged m"
			" JOIN bundle_attachment a ON a.bundle_hash = m.bundle_hash"
			" WHERE m.unit_code = ?1 AND m.year = ?2 AND m.phase_first = ?3"
			" ORDER BY a.position",
			e, "tp", unit, period);
	while (store_next(db, st, &rc, e)) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		struct merged_attachment *a = &(*out)[(*n)++];
		a->position = sqlite3_column_int(st, 0);
		a->name = xstrdup((const char *)sqlite3_column_text(st, 1));
		a->type = xstrdup((const char *)sqlite3_column_text(st, 2));
		a->size = sqlite3_column_int64(st, 3);
	}
	if (rc != ST_OK) {
		merged_attachments_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
merged_attachments_free(struct merged_attachment *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(a[i].name);
		free(a[i].type);
	}
	free(a);
}

char *
merged_attachment_filename(const char *unit, int year, const char *name)
{
	char code[64], stem[256], ext[32] = "";
	const char *dot = strrchr(name, '.');
	text_filename_part(unit, code, sizeof code);
	if (dot != NULL && dot != name && dot[1] != '\0') {
		char *s = xstrndup(name, (size_t)(dot - name));
		text_filename_part(s, stem, sizeof stem);
		text_filename_part(dot + 1, ext, sizeof ext);
		free(s);
	} else
		text_filename_part(name, stem, sizeof stem);
	char period[REPORT_PERIOD_SIZE];
	period_key_text(year, period);
	return xasprintf("%s-%s-%s%s%s", code, period, stem, ext[0] ? "." : "", ext);
}

enum status
merged_attachment_save(struct store *db, const char *unit, int period, int position,
		       const char *dir, char **path, struct err *e)
{
	struct file_temp out = {.fd = -1};
	enum status rc, wr = ST_OK;
	bool found = false;
	*path = NULL;
	sqlite3_stmt *st =
	    store_query(db,
			"SELECT a.name, a.data FROM merged m JOIN bundle_attachment a"
			" ON a.bundle_hash = m.bundle_hash WHERE m.unit_code = ?1"
			" AND m.year = ?2 AND m.phase_first = ?3 AND a.position = ?4",
			e, "tpi", unit, period, position);
	while (store_next(db, st, &rc, e)) {
		char *name = merged_attachment_filename(unit, period,
							(const char *)sqlite3_column_text(st, 0));
		found = true;
		*path = xasprintf("%s/%s", dir, name);
		free(name);
		if ((wr = file_temp_open(&out, *path, 0644, e)) == ST_OK &&
		    (wr = file_temp_write(&out, sqlite3_column_blob(st, 1),
					  (size_t)sqlite3_column_bytes(st, 1), e)) == ST_OK)
			wr = file_temp_commit(&out, false, e);
		else if (out.tmp != NULL)
			file_temp_abort(&out);
	}
	if (rc == ST_OK && !found) {
		char words[PERIOD_WORDS_SIZE];
		period_key_words(period, words);
		err_set(e,
			L("báo cáo %s của đơn vị %s không có tệp đính kèm thứ %d",
			  "the %s report of unit %s has no attachment %d"),
			words, unit, position);
		rc = ST_REFUSED;
	}
	if (rc == ST_OK)
		rc = wr;
	if (rc != ST_OK) {
		free(*path);
		*path = NULL;
	}
	return rc;
}
