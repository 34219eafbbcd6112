/* summary.c: the central's status of a year and its exports (JSON, CSV for Excel, the printable
 * consolidated report). */
#include "summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "i18n.h"
#include "json.h"
#include "merged.h"
#include "phase.h"
#include "report.h"
#include "store.h"
#include "text.h"
#include "template.h"
#include "totals.h"
#include "unit.h"

int
summary_format_parse(const char *s, bool text_ok)
{
	if (s == NULL)
		return text_ok ? SF_TEXT : -1;
	if (strcmp(s, "text") == 0 && text_ok)
		return SF_TEXT;
	if (strcmp(s, "csv") == 0)
		return SF_CSV;
	if (strcmp(s, "json") == 0)
		return SF_JSON;
	if (strcmp(s, "html") == 0 && !text_ok)
		return SF_HTML;
	return -1;
}

/* Excel reads UTF-8 only when the file starts with a byte-order mark. */
static const char bom[] = "\xef\xbb\xbf";

#define UNIT_STATE_NAME(name, id, vi, en) id,
#define UNIT_STATE_VI(name, id, vi, en) vi,
#define UNIT_STATE_EN(name, id, vi, en) en,
static const char *const state_names[US_COUNT] = {UNIT_STATES(UNIT_STATE_NAME)};
static const char *const state_vi[US_COUNT] = {UNIT_STATES(UNIT_STATE_VI)};
static const char *const state_en[US_COUNT] = {UNIT_STATES(UNIT_STATE_EN)};

const char *
unit_state_name(enum unit_state s)
{
	return s < US_COUNT ? state_names[s] : "";
}

const char *
unit_state_word(enum unit_state s)
{
	return s < US_COUNT ? L(state_vi[s], state_en[s]) : "";
}

enum status
summary_deadline_utc(struct store *db, int year, char out[32], struct err *e)
{
	struct template *t;
	enum status rc;
	/* A phase review is due by its own template's day of its closing year. */
	if (PERIOD_FIRST(year) != 0)
		rc = phase_template(db, PERIOD_FIRST(year), PERIOD_YEAR(year), &t, e);
	else {
		int version = (int)store_int(
		    db, 0, "SELECT max(version) FROM template WHERE id = ?1", "t", TEMPLATE_YEARLY);
		rc = template_get(db, TEMPLATE_YEARLY, version, &t, e);
	}
	if (rc != ST_OK)
		return rc;
	/* 24:00 on the due day at UTC+7 is 17:00 UTC that day. */
	snprintf(out, 32, "%04d-%02d-%02dT17:00:00Z", PERIOD_YEAR(year), t->due_month, t->due_day);
	template_free(t);
	return ST_OK;
}

bool
summary_late(const char *observed_at, const char *deadline)
{
	return strcmp(observed_at, deadline) >= 0;
}

/* Every registered unit with its merged report of the period ?1 (year), ?2 (phase_first), if
 * any: code, name, revision, packed_at, imported_at, has a conflict (one not settled:
 * history.c), receipt sent, bundles received, observed_at (when the central, or its mail server,
 * first had the bundle), how ('import' or 'mail'), seconds from observed_at to packed_at (NULL
 * when packed_at is not a real time), group, open key alarms, the state of the newest review of
 * the merged bundle (NULL: not reviewed). */
static const char units_sql[] =
	"SELECT u.code, u.name, m.revision, b.packed_at, b.imported_at,"
	" EXISTS (SELECT 1 FROM bundle c WHERE c.unit_code = u.code AND c.year = ?1"
	"  AND c.phase_first = ?2"
	"  AND c.state = 'conflict' AND NOT EXISTS (SELECT 1 FROM bundle_set_aside s"
	"  WHERE s.bundle_hash = c.hash)),"
	" EXISTS (SELECT 1 FROM receipt_sent r WHERE r.bundle_hash = m.bundle_hash),"
	" (SELECT count(*) FROM bundle h WHERE h.unit_code = u.code AND h.year = ?1"
	"  AND h.phase_first = ?2),"
	" coalesce(b.observed_at, b.imported_at), coalesce(b.observed_by, 'import'),"
	" round((julianday(b.packed_at) - julianday(coalesce(b.observed_at, b.imported_at))) * 86400),"
	" u.grp, (SELECT count(*) FROM key_alarm a WHERE a.unit_code = u.code"
	"  AND a.resolved_at IS NULL),"
	" (SELECT r.state FROM review r WHERE r.bundle_hash = m.bundle_hash"
	"  AND r.unit_code = u.code AND r.year = ?1 AND r.phase_first = ?2"
	"  ORDER BY r.id DESC LIMIT 1)"
	" FROM unit u LEFT JOIN merged m ON m.unit_code = u.code AND m.year = ?1"
	"  AND m.phase_first = ?2"
	" LEFT JOIN bundle b ON b.hash = m.bundle_hash ORDER BY u.code";

/* A row of units_sql: late when the central observed the bundle after the deadline (Vietnam
 * time), whatever the unit's clock wrote in it; staff's review of the revision merged, when
 * there is one (a newer revision is to be reviewed: on time or late again); a conflict
 * whatever else holds, since staff must look at it. */
static enum unit_state
unit_state(sqlite3_stmt *st, const char *deadline)
{
	if (sqlite3_column_int(st, 5))
		return US_CONFLICT;
	if (sqlite3_column_type(st, 2) == SQLITE_NULL)
		return US_NOT_RECEIVED;
	const char *review = (const char *)sqlite3_column_text(st, 13);
	if (review != NULL)
		return strcmp(review, "approved") == 0 ? US_APPROVED : US_NEEDS_FIXING;
	return summary_late((const char *)sqlite3_column_text(st, 8), deadline) ? US_LATE : US_ON_TIME;
}

/* How far the unit's packing time may be after the observed time (clocks a little fast), and
 * before the mail server's time (a bundle packed, then sent a day or two later). */
#define SKEW_AHEAD (15 * 60)
#define SKEW_BEHIND (48 * 3600)

/* A row of units_sql with a merged report: the unit's clock disagrees with what the central
 * observed. Shown to staff, never used for lateness. A packing time after the observation is
 * impossible for a right clock; one long before it says something only when the mail server
 * dated the observation, since a bundle may lie in a folder for weeks before it is imported. */
static bool
clock_skew(sqlite3_stmt *st)
{
	if (sqlite3_column_type(st, 10) == SQLITE_NULL)
		return true;
	double d = sqlite3_column_double(st, 10);
	return d > SKEW_AHEAD ||
	       (d < -SKEW_BEHIND && strcmp((const char *)sqlite3_column_text(st, 9), "mail") == 0);
}

/* Column col as a new string, "" when NULL or when the unit has no merged report. */
static char *
text_or_empty(sqlite3_stmt *st, int col, bool merged)
{
	const char *s = merged ? (const char *)sqlite3_column_text(st, col) : NULL;
	return xstrdup(s ? s : "");
}

enum status
summary_units(struct store *db, int period, struct year_units *out, struct err *e)
{
	size_t cap = 0;
	enum status rc;
	memset(out, 0, sizeof *out);
	out->period = period;
	/* A phase no template answers is the caller's mistake (ST_REFUSED), not the database's. */
	if ((rc = summary_deadline_utc(db, period, out->deadline, e)) != ST_OK)
		return rc;
	out->due_day = atoi(out->deadline + 8);
	out->due_month = atoi(out->deadline + 5);
	out->days_left = store_days_until(PERIOD_YEAR(period), out->due_month, out->due_day);
	sqlite3_stmt *st = store_query(db, units_sql, e, "p", period);
	while (store_next(db, st, &rc, e)) {
		if (out->n == cap) {
			cap = cap ? cap * 2 : 64;
			out->units = xreallocarray(out->units, cap, sizeof *out->units);
		}
		struct unit_status *u = &out->units[out->n++];
		bool merged = sqlite3_column_type(st, 2) != SQLITE_NULL;
		const char *group = (const char *)sqlite3_column_text(st, 11);
		*u = (struct unit_status){
			.code = text_or_empty(st, 0, true),
			.name = text_or_empty(st, 1, true),
			.group = xstrdup(group ? group : ""),
			.state = unit_state(st, out->deadline),
			.revision = merged ? sqlite3_column_int(st, 2) : 0,
			.packed_at = text_or_empty(st, 3, merged),
			.imported_at = text_or_empty(st, 4, merged),
			.observed_at = text_or_empty(st, 8, merged),
			.observed_by = text_or_empty(st, 9, merged),
			.receipt_sent = sqlite3_column_int(st, 6),
			.clock_skew = merged && clock_skew(st),
			.late = merged && summary_late((const char *)sqlite3_column_text(st, 8),
						       out->deadline),
			.bundles = sqlite3_column_int(st, 7),
			.alarms = sqlite3_column_int(st, 12),
		};
		out->counts[u->state]++;
		out->skewed += u->clock_skew;
		out->late += u->late;
		out->alarmed += u->alarms > 0;
	}
	return rc;
}

void
summary_units_free(struct year_units *y)
{
	for (size_t i = 0; i < y->n; i++) {
		struct unit_status *u = &y->units[i];
		free(u->code);
		free(u->name);
		free(u->group);
		free(u->packed_at);
		free(u->imported_at);
		free(u->observed_at);
		free(u->observed_by);
	}
	free(y->units);
	memset(y, 0, sizeof *y);
}

size_t
summary_units_received(const struct year_units *y)
{
	return y->n - y->counts[US_NOT_RECEIVED];
}

/* One unit's line of status in CSV. */
static void
status_csv(struct buf *out, const struct unit_status *u)
{
	char rev[16] = "";
	if (u->revision)
		snprintf(rev, sizeof rev, "%d", u->revision);
	buf_csv(out, u->code);
	buf_addc(out, ',');
	buf_csv(out, u->name);
	buf_printf(out, ",%s,%s,%s,%s,%s,%d,%s,%s,%s\r\n", state_names[u->state], rev, u->packed_at,
		   u->imported_at, u->receipt_sent ? "yes" : "no", u->bundles, u->observed_at,
		   u->observed_by, u->revision ? (u->clock_skew ? "yes" : "no") : "");
}

/* One unit's object of status in JSON. */
static void
status_json(struct buf *out, const struct unit_status *u, bool first)
{
	bool merged = u->revision != 0;
	char rev[16] = "null";
	if (merged)
		snprintf(rev, sizeof rev, "%d", u->revision);
	buf_adds(out, first ? "\n {\"code\":" : ",\n {\"code\":");
	json_write_string(out, u->code);
	buf_adds(out, ",\"name\":");
	json_write_string(out, u->name);
	buf_printf(out, ",\"state\":\"%s\",\"revision\":%s,\"packed_at\":%s%s%s,\"imported_at\":%s%s%s,",
		   state_names[u->state], rev, merged ? "\"" : "", merged ? u->packed_at : "null",
		   merged ? "\"" : "", merged ? "\"" : "", merged ? u->imported_at : "null",
		   merged ? "\"" : "");
	if (merged)
		buf_printf(out, "\"observed_at\":\"%s\",\"observed_by\":\"%s\",\"clock_skew\":%s,",
			   u->observed_at, u->observed_by, u->clock_skew ? "true" : "false");
	else
		buf_adds(out, "\"observed_at\":null,\"observed_by\":null,\"clock_skew\":null,");
	buf_printf(out, "\"receipt_sent\":%s,\"bundles\":%d}", u->receipt_sent ? "true" : "false",
		   u->bundles);
}

/* One unit's line of status as text. */
static void
status_text(struct buf *out, const struct unit_status *u)
{
	buf_printf(out, "%-8s %-12s", u->code, unit_state_word(u->state));
	if (u->revision) {
		char p[32], i[32], o[32], rev[16];
		time_vietnam(u->packed_at, p);
		time_vietnam(u->imported_at, i);
		time_vietnam(u->observed_at, o);
		snprintf(rev, sizeof rev, "%d", u->revision);
		buf_printf(out, L(" lần %-3s đóng gói %s, nhận %s", " rev %-3s packed %s, imported %s"),
			   rev, p, i);
		if (strcmp(u->observed_by, "mail") == 0)
			buf_printf(out, L(", máy chủ thư nhận %s", ", mail server received %s"), o);
		buf_printf(out, ", %s%s",
			   u->receipt_sent ? L("đã gửi biên nhận", "receipt sent")
					   : L("chưa gửi biên nhận", "no receipt sent"),
			   u->clock_skew ? L(", LỆCH ĐỒNG HỒ", ", CLOCK SKEW") : "");
	}
	/* Names were checked when units were added, but older ones were not. */
	buf_adds(out, "  ");
	buf_add_terminal(out, u->name);
	buf_addc(out, '\n');
}

/* A JSON document's first members naming its period: {"year":2025, or, for a phase review,
 * {"period":"2023-2025","year":2025,"phase_first":2023, (the closing year stays "year"). */
static void
json_period_head(struct buf *out, int key, const char *period)
{
	if (PERIOD_FIRST(key) != 0)
		buf_printf(out, "{\"period\":\"%s\",\"year\":%d,\"phase_first\":%d,", period,
			   PERIOD_YEAR(key), PERIOD_FIRST(key));
	else
		buf_printf(out, "{\"year\":%d,", key);
}

enum status
summary_status(struct store *db, int year, enum summary_format fmt, struct buf *out, struct err *e)
{
	struct year_units y;
	char period[REPORT_PERIOD_SIZE];
	enum status rc = summary_units(db, year, &y, e);
	if (rc != ST_OK) {
		summary_units_free(&y);
		return rc;
	}
	period_key_text(year, period);
	if (fmt == SF_CSV) {
		buf_adds(out, bom);
		buf_adds(out, "unit_code,unit_name,state,revision,packed_at,imported_at,receipt_sent,bundles,"
			      "observed_at,observed_by,clock_skew\r\n");
	} else if (fmt == SF_JSON) {
		json_period_head(out, year, period);
		buf_printf(out, "\"deadline\":\"%s\",\"units\":[", y.deadline);
	} else if (PERIOD_FIRST(year) != 0)
		buf_printf(out,
			   L("Giai đoạn %s — hạn nộp báo cáo sơ kết, tổng kết %02d/%02d/%d (giờ "
			     "Việt Nam)\n",
			     "%s phase review — due %02d/%02d/%d (Vietnam time)\n"),
			   period, y.due_day, y.due_month, PERIOD_YEAR(year));
	else
		buf_printf(out,
			   L("Năm %d — hạn nộp %02d/%02d/%d (giờ Việt Nam)\n",
			     "%d — due %02d/%02d/%d (Vietnam time)\n"),
			   year, y.due_day, y.due_month, year);
	for (size_t i = 0; i < y.n; i++)
		if (fmt == SF_CSV)
			status_csv(out, &y.units[i]);
		else if (fmt == SF_JSON)
			status_json(out, &y.units[i], i == 0);
		else
			status_text(out, &y.units[i]);
	if (fmt == SF_JSON) {
		buf_adds(out, "\n],\"counts\":{");
		for (int s = 0; s < US_COUNT; s++)
			buf_printf(out, "%s\"%s\":%zu", s ? "," : "", state_names[s], y.counts[s]);
		buf_adds(out, "}}\n");
	} else if (fmt == SF_TEXT) {
		buf_printf(out,
			   L("Chưa nộp %zu, đúng hạn %zu, nộp muộn %zu, xung đột %zu, cần sửa %zu, "
			     "đã duyệt %zu.\n",
			     "Not received %zu, on time %zu, late %zu, conflicts %zu, needs fixing %zu, "
			     "approved %zu.\n"),
			   y.counts[US_NOT_RECEIVED], y.counts[US_ON_TIME], y.counts[US_LATE],
			   y.counts[US_CONFLICT], y.counts[US_NEEDS_FIXING], y.counts[US_APPROVED]);
		if (y.skewed)
			buf_printf(out, L("Lệch đồng hồ ở %zu đơn vị: giờ đóng gói (theo đồng hồ máy của đơn vị) "
					  "sau lúc Bộ nhận gói, hoặc trước lúc máy chủ thư nhận hơn 48 giờ. "
					  "Đúng hạn hay muộn tính theo lúc Bộ nhận, không theo giờ đóng gói.\n",
					  "Clock skew at %zu units: the packing time (the unit's computer clock) is "
					  "after the time the Ministry received the bundle, or more than 48 hours "
					  "before its mail server did. On time or late is judged from the time "
					  "received, not the packing time.\n"),
				   y.skewed);
	}
	summary_units_free(&y);
	return ST_OK;
}

static void
json_sql_value(struct buf *b, sqlite3_stmt *st, int col, enum ftype type)
{
	switch (sqlite3_column_type(st, col)) {
	case SQLITE_INTEGER:
		if (type == F_YESNO)
			buf_adds(b, sqlite3_column_int(st, col) ? "true" : "false");
		else
			buf_printf(b, "%lld", (long long)sqlite3_column_int64(st, col));
		break;
	case SQLITE_NULL:
		buf_adds(b, "null");
		break;
	default:
		json_write_string(b, (const char *)sqlite3_column_text(st, col));
	}
}

static void
csv_sql_value(struct buf *b, sqlite3_stmt *st, int col, enum ftype type)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return;
	if (type == F_YESNO)
		buf_adds(b, sqlite3_column_int(st, col) ? "1" : "0");
	else if (sqlite3_column_type(st, col) == SQLITE_INTEGER) /* a number, not a formula */
		buf_printf(b, "%lld", (long long)sqlite3_column_int64(st, col));
	else
		buf_csv(b, (const char *)sqlite3_column_text(st, col));
}

/* A field's or column's cell: a choice as people read it (its label), with its code in a
 * column of its own after it (what sorting and pivot tables want); anything else as stored. */
static void
csv_cell(struct buf *b, const struct field *f, sqlite3_stmt *st, int col, bool found)
{
	bool have = found && sqlite3_column_type(st, col) != SQLITE_NULL;
	if (f->type != F_CHOICE) {
		if (have)
			csv_sql_value(b, st, col, f->type);
		return;
	}
	const char *code = have ? (const char *)sqlite3_column_text(st, col) : "";
	buf_csv(b, have ? field_option_label(f, code) : "");
	buf_addc(b, ',');
	buf_csv(b, code);
}

/* A field's or column's heading: its id, and for a choice the code's column "ID_code". */
static void
csv_heading(struct buf *b, const struct field *f)
{
	buf_printf(b, ",%s", f->id);
	if (f->type == F_CHOICE)
		buf_printf(b, ",%s_code", f->id);
}

/* ---- the merged values in long form -------------------------------------------------- */

/* Adds a report's values and table cells to the long-form tables, under its period's key
 * (PERIOD_KEY: the year of a yearly report) as their "year". */
static enum status
values_add(sqlite3_stmt *v, sqlite3_stmt *c, const struct report *r, int key, const char *unit)
{
	const struct template *t = r->t;
	for (size_t i = 0; i < t->nfields; i++) {
		const struct field *f = &t->fields[i];
		if (f->type != F_TABLE) {
			if (r->values[i].k == V_NULL)
				continue;
			sqlite3_reset(v);
			sqlite3_bind_int(v, 1, key);
			sqlite3_bind_text(v, 2, unit, -1, SQLITE_STATIC);
			sqlite3_bind_text(v, 3, f->id, -1, SQLITE_STATIC);
			value_bind(v, 4, &r->values[i]);
			if (sqlite3_step(v) != SQLITE_DONE)
				return ST_ENV;
			continue;
		}
		for (size_t j = 0; j < r->tables[i].n; j++)
			for (size_t k = 0; k < f->ncolumns; k++) {
				const struct value *x = &r->tables[i].rows[j].cells[k];
				if (x->k == V_NULL)
					continue;
				sqlite3_reset(c);
				sqlite3_bind_int(c, 1, key);
				sqlite3_bind_text(c, 2, unit, -1, SQLITE_STATIC);
				sqlite3_bind_text(c, 3, f->id, -1, SQLITE_STATIC);
				sqlite3_bind_int64(c, 4, (sqlite3_int64)j + 1);
				sqlite3_bind_text(c, 5, f->columns[k].id, -1, SQLITE_STATIC);
				value_bind(c, 6, x);
				if (sqlite3_step(c) != SQLITE_DONE)
					return ST_ENV;
			}
	}
	return ST_OK;
}

/* The statements merged_values_load adds each report's values with. */
struct values_load {
	struct store *db;
	sqlite3_stmt *v, *c;
	int key;
};

static enum status
values_load_one(void *ctx, const char *unit, const char *name, const struct report *r,
		struct err *e)
{
	struct values_load *l = ctx;
	(void)name;
	return values_add(l->v, l->c, r, l->key, unit) == ST_OK ? ST_OK : store_error(l->db, e);
}

/* Fills this connection's temporary tables merged_value and merged_cell with the values of
 * the year's merged reports, read and checked as import read them (merged_reports_each: the
 * same cleaning, the same template). The database keeps each report once, as signed; the
 * long form is derived here, when an export asks, instead of being written for every bundle
 * imported. About a millisecond per unit. */
static enum status
merged_values_load(struct store *db, int year, struct err *e)
{
	struct values_load l = {db, NULL, NULL, year};
	enum status rc = ST_ENV;
	if (store_exec(db,
		       "CREATE TEMP TABLE IF NOT EXISTS merged_value (year INTEGER NOT NULL,"
		       " unit_code TEXT NOT NULL, field_id TEXT NOT NULL, value NOT NULL,"
		       " PRIMARY KEY (year, unit_code, field_id)) WITHOUT ROWID;"
		       "CREATE INDEX IF NOT EXISTS temp.merged_value_by_field ON merged_value (year, field_id);"
		       "CREATE TEMP TABLE IF NOT EXISTS merged_cell (year INTEGER NOT NULL,"
		       " unit_code TEXT NOT NULL, table_id TEXT NOT NULL, row INTEGER NOT NULL,"
		       " column_id TEXT NOT NULL, value NOT NULL,"
		       " PRIMARY KEY (year, unit_code, table_id, row, column_id)) WITHOUT ROWID;",
		       e) != ST_OK ||
	    store_exec(db, "BEGIN", e) != ST_OK)
		return ST_ENV;
	/* From here every failure rolls back, leaving no transaction open. */
	if (store_exec(db, "DELETE FROM temp.merged_value; DELETE FROM temp.merged_cell;", e) != ST_OK)
		goto done;
	if (sqlite3_prepare_v2(db->sql,
			       "INSERT INTO temp.merged_value(year, unit_code, field_id, value)"
			       " VALUES (?1,?2,?3,?4)",
			       -1, &l.v, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(
		db->sql,
		"INSERT INTO temp.merged_cell(year, unit_code, table_id, row, column_id,"
		" value) VALUES (?1,?2,?3,?4,?5,?6)",
		-1, &l.c, NULL) != SQLITE_OK) {
		rc = store_error(db, e);
		goto done;
	}
	rc = merged_reports_each(db, year, values_load_one, &l, e);
done:
	sqlite3_finalize(l.v);
	sqlite3_finalize(l.c);
	if (rc == ST_OK)
		rc = store_exec(db, "COMMIT", e);
	else
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

enum status
summary_year_template(struct store *db, int period, struct template **t, struct err *e)
{
	sqlite3_stmt *st;
	char id[128] = TEMPLATE_YEARLY;
	int version = 1;
	if ((st = store_query(
		 db,
		 "SELECT b.template_id, b.template_version FROM merged m JOIN bundle b ON"
		 " b.hash = m.bundle_hash WHERE m.year = ?1"
		 " AND m.phase_first = ?2 GROUP BY 1, 2 ORDER BY count(*)"
		 " DESC, 2 DESC LIMIT 1",
		 e, "p", period)) == NULL)
		return ST_ENV;
	bool any = sqlite3_step(st) == SQLITE_ROW;
	if (any) {
		snprintf(id, sizeof id, "%s", sqlite3_column_text(st, 0));
		version = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	/* A phase no unit has filed yet is laid out by its review's template. */
	if (!any && PERIOD_FIRST(period) != 0)
		return phase_template(db, PERIOD_FIRST(period), PERIOD_YEAR(period), t, e);
	return template_get(db, id, version, t, e);
}

/* The rows of a grouped table (the nominations) of year, in group order (each group column's
 * options in the template's order, as the desk's proposals list them; a value the template
 * does not know after them), then by unit and row: unit code, unit name, row, then each group
 * column's value. */
static sqlite3_stmt *
grouped_rows(struct store *db, int year, const struct field *f, struct err *e)
{
	sqlite3_stmt *st;
	struct buf sql;
	buf_init(&sql);
	buf_adds(&sql, "SELECT r.unit_code, u.name, r.row");
	for (size_t g = 0; g < f->ngroup_by; g++)
		buf_printf(&sql, ", (SELECT value FROM merged_cell c WHERE c.year = r.year AND"
				 " c.unit_code = r.unit_code AND c.table_id = r.table_id AND"
				 " c.row = r.row AND c.column_id = ?%zu) AS g%zu",
			   g + 3, g);
	buf_adds(&sql, " FROM (SELECT DISTINCT year, unit_code, table_id, row FROM merged_cell"
		       " WHERE year = ?1 AND table_id = ?2) r LEFT JOIN unit u ON u.code = r.unit_code"
		       " ORDER BY ");
	int param = 3 + (int)f->ngroup_by;
	for (size_t g = 0; g < f->ngroup_by; g++) {
		const struct field *col = &f->columns[f->group_by[g]];
		buf_printf(&sql, "CASE g%zu", g);
		for (size_t k = 0; k < col->noptions; k++)
			buf_printf(&sql, " WHEN ?%d THEN %zu", param++, k);
		buf_printf(&sql, " ELSE %zu END, g%zu, ", col->noptions, g);
	}
	buf_adds(&sql, "r.unit_code, r.row");
	int rc = sqlite3_prepare_v2(db->sql, sql.data, -1, &st, NULL);
	buf_free(&sql);
	if (rc != SQLITE_OK) {
		store_error(db, e);
		return NULL;
	}
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_text(st, 2, f->id, -1, SQLITE_STATIC);
	for (size_t g = 0; g < f->ngroup_by; g++)
		sqlite3_bind_text(st, (int)g + 3, f->columns[f->group_by[g]].id, -1, SQLITE_STATIC);
	param = 3 + (int)f->ngroup_by;
	for (size_t g = 0; g < f->ngroup_by; g++) {
		const struct field *col = &f->columns[f->group_by[g]];
		for (size_t k = 0; k < col->noptions; k++)
			sqlite3_bind_text(st, param++, col->options[k].value, -1, SQLITE_STATIC);
	}
	return st;
}

/* "units": each report as the unit signed it, with where it came from. */
static enum status
json_units(struct store *db, int period, struct buf *out, struct err *e)
{
	sqlite3_stmt *st = store_query(
	    db,
	    "SELECT u.code, u.name, m.revision, b.packed_at, lower(hex(b.hash)), b.report"
	    " FROM merged m JOIN unit u ON u.code = m.unit_code JOIN bundle b ON"
	    " b.hash = m.bundle_hash WHERE m.year = ?1 AND m.phase_first = ?2 ORDER BY u.code",
	    e, "p", period);
	if (st == NULL)
		return ST_ENV;
	bool first = true;
	while (sqlite3_step(st) == SQLITE_ROW) {
		buf_adds(out, first ? "\n{\"unit\":{\"code\":" : ",\n{\"unit\":{\"code\":");
		json_write_string(out, (const char *)sqlite3_column_text(st, 0));
		buf_adds(out, ",\"name\":");
		json_write_string(out, (const char *)sqlite3_column_text(st, 1));
		buf_printf(out, "},\"revision\":%d,\"packed_at\":\"%s\",\"bundle\":\"%s\",\"report\":",
			   sqlite3_column_int(st, 2), sqlite3_column_text(st, 3),
			   sqlite3_column_text(st, 4));
		buf_adds(out, (const char *)sqlite3_column_text(st, 5));
		buf_adds(out, "}");
		first = false;
	}
	sqlite3_finalize(st);
	return ST_OK;
}

/* "aggregates": numbers with sum, min, max and units answering; yes/no with yes and answered
 * (totals_year: the desk shows the same). */
static void
json_aggregates(const struct year_totals *y, struct buf *out)
{
	for (size_t i = 0; i < y->n; i++) {
		const struct total *x = &y->items[i];
		buf_adds(out, i ? ",\n " : "\n ");
		json_write_string(out, x->f->id);
		if (x->f->type == F_YESNO) {
			buf_printf(out, ":{\"yes\":%lld,\"answered\":%zu", (long long)x->sum,
				   x->answered);
		} else {
			buf_printf(out, ":{\"sum\":%lld,\"min\":", (long long)x->sum);
			if (x->answered)
				buf_printf(out, "%lld,\"max\":%lld", (long long)x->min,
					   (long long)x->max);
			else
				buf_adds(out, "null,\"max\":null");
			buf_printf(out, ",\"units\":%zu", x->answered);
		}
		/* Units on a version without the field: absent, not among those answering. */
		if (x->lacking)
			buf_printf(out, ",\"absent\":%zu", x->lacking);
		buf_adds(out, "}");
	}
}

/* Opens a group of rows: its group_by values (of the row st is on), then its "rows". */
static void
json_group_head(const struct field *f, sqlite3_stmt *st, bool after, struct buf *out)
{
	buf_adds(out, after ? "]},\n  {" : "\n  {");
	for (size_t g = 0; g < f->ngroup_by; g++) {
		const struct field *col = &f->columns[f->group_by[g]];
		const unsigned char *v = sqlite3_column_text(st, 3 + (int)g);
		json_write_string(out, col->id);
		buf_adds(out, ":");
		if (v)
			json_write_string(out, (const char *)v);
		else
			buf_adds(out, "null");
		buf_adds(out, ",");
	}
	buf_adds(out, "\"rows\":[");
}

/* One table with group_by: its rows grouped by those choice columns, each row with its unit. */
static enum status
json_group(struct store *db, int year, const struct field *f, struct buf *out, struct err *e)
{
	sqlite3_stmt *st, *cells;
	struct buf key, prev;
	bool open_group = false;
	if ((st = grouped_rows(db, year, f, e)) == NULL)
		return ST_ENV;
	if (sqlite3_prepare_v2(db->sql,
			       "SELECT column_id, value FROM merged_cell WHERE year = ?1 AND"
			       " unit_code = ?2 AND table_id = ?3 AND row = ?4",
			       -1, &cells, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return store_error(db, e);
	}
	buf_init(&key);
	buf_init(&prev);
	while (sqlite3_step(st) == SQLITE_ROW) {
		buf_reset(&key);
		for (size_t g = 0; g < f->ngroup_by; g++) {
			const unsigned char *v = sqlite3_column_text(st, 3 + (int)g);
			buf_printf(&key, "%s\x1f", v ? (const char *)v : "");
		}
		if (!open_group || strcmp(key.data, prev.data) != 0) {
			json_group_head(f, st, open_group, out);
			buf_reset(&prev);
			buf_adds(&prev, key.data);
			open_group = true;
		} else
			buf_adds(out, ",");
		buf_adds(out, "{\"unit\":");
		json_write_string(out, (const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(cells);
		sqlite3_bind_int(cells, 1, year);
		sqlite3_bind_text(cells, 2, (const char *)sqlite3_column_text(st, 0), -1,
				  SQLITE_TRANSIENT);
		sqlite3_bind_text(cells, 3, f->id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(cells, 4, sqlite3_column_int64(st, 2));
		while (sqlite3_step(cells) == SQLITE_ROW) {
			const char *cid = (const char *)sqlite3_column_text(cells, 0);
			int c = field_column(f, cid);
			buf_adds(out, ",");
			json_write_string(out, cid);
			buf_adds(out, ":");
			json_sql_value(out, cells, 1, c >= 0 ? f->columns[c].type : F_TEXT);
		}
		buf_adds(out, "}");
	}
	if (open_group)
		buf_adds(out, "]}");
	sqlite3_finalize(cells);
	sqlite3_finalize(st);
	buf_free(&key);
	buf_free(&prev);
	return ST_OK;
}

static enum status
export_json(struct store *db, int year, const struct template *t, struct buf *out, struct err *e)
{
	enum status rc;
	char period[REPORT_PERIOD_SIZE];
	period_key_text(year, period);
	json_period_head(out, year, period);
	buf_adds(out, "\"template\":");
	json_write_string(out, t->id);
	buf_printf(out, ",\"template_version\":%d,\"units\":[", t->version);
	if ((rc = json_units(db, year, out, e)) != ST_OK)
		return rc;
	buf_adds(out, "\n],\"aggregates\":{");
	struct year_totals y;
	if ((rc = totals_year(db, year, &y, e)) == ST_OK)
		json_aggregates(&y, out);
	totals_free(&y);
	if (rc != ST_OK)
		return rc;
	buf_adds(out, "\n},\"groups\":{");
	bool firsttable = true;
	for (size_t i = 0; i < t->nfields; i++) {
		const struct field *f = &t->fields[i];
		if (f->type != F_TABLE || f->ngroup_by == 0)
			continue;
		buf_adds(out, firsttable ? "\n " : ",\n ");
		firsttable = false;
		json_write_string(out, f->id);
		buf_adds(out, ":[");
		if ((rc = json_group(db, year, f, out, e)) != ST_OK)
			return rc;
		buf_adds(out, "]");
	}
	buf_adds(out, "\n}}\n");
	return ST_OK;
}

/* The columns of the year's one-line-per-unit CSV: the fields of the year's template t, then
 * those of other versions its units answered that t lacks (a field a newer version dropped, or
 * added), so that no unit's answer is lost; a unit whose version lacks a field leaves it empty. */
struct year_columns {
	const struct field **f;
	size_t n;
	struct template **held; /* the other versions, kept while f points into them */
	size_t nheld;
};

static bool
year_columns_has(const struct year_columns *c, const char *id)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->f[i]->id, id) == 0)
			return true;
	return false;
}

static void
year_columns_add(struct year_columns *c, const struct template *t)
{
	for (size_t i = 0; i < t->nfields; i++)
		if (t->fields[i].type != F_TABLE && !year_columns_has(c, t->fields[i].id)) {
			c->f = xreallocarray(c->f, c->n + 1, sizeof *c->f);
			c->f[c->n++] = &t->fields[i];
		}
}

static void
year_columns_free(struct year_columns *c)
{
	for (size_t i = 0; i < c->nheld; i++)
		template_free(c->held[i]);
	free(c->held);
	free(c->f);
}

enum status
summary_year_versions(struct store *db, int period, const struct template *t,
		      struct template ***out, size_t *n, struct err *e)
{
	enum status rc;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st =
	    store_query(db,
			"SELECT DISTINCT b.template_id, b.template_version FROM merged m"
			" JOIN bundle b ON b.hash = m.bundle_hash WHERE m.year = ?1"
			" AND m.phase_first = ?2 ORDER BY 2 DESC, 1",
			e, "p", period);
	while (store_next(db, st, &rc, e)) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		int version = sqlite3_column_int(st, 1);
		struct template *o;
		struct err ignored = {0};
		/* A version this program cannot read was refused at import: none is merged. */
		if ((strcmp(id, t->id) == 0 && version == t->version) ||
		    template_get(db, id, version, &o, &ignored) != ST_OK)
			continue;
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[(*n)++] = o;
	}
	return rc;
}

static enum status
year_columns(struct store *db, int year, const struct template *t, struct year_columns *c,
	     struct err *e)
{
	memset(c, 0, sizeof *c);
	year_columns_add(c, t);
	enum status rc = summary_year_versions(db, year, t, &c->held, &c->nheld, e);
	for (size_t i = 0; i < c->nheld; i++)
		year_columns_add(c, c->held[i]);
	return rc;
}

/* The CSV export's tables in long form, the unit on each row, one file per table (named by
 * table_path), each row's period as period. */
static enum status
csv_tables(struct store *db, int year, const char *period, const struct template *t,
	   char *(*table_path)(void *ctx, const char *table_id), void *ctx, struct err *e)
{
	enum status rc = ST_OK;
	for (size_t i = 0; i < t->nfields && rc == ST_OK; i++) {
		const struct field *f = &t->fields[i];
		sqlite3_stmt *rows, *cell;
		struct buf b;
		if (f->type != F_TABLE)
			continue;
		buf_init(&b);
		buf_adds(&b, bom);
		buf_adds(&b, "unit_code,unit_name,year,row");
		for (size_t k = 0; k < f->ncolumns; k++)
			csv_heading(&b, &f->columns[k]);
		buf_adds(&b, "\r\n");
		if (sqlite3_prepare_v2(
			db->sql,
			"SELECT DISTINCT c.unit_code, u.name, c.row FROM merged_cell c JOIN unit"
			" u ON u.code = c.unit_code WHERE c.year = ?1 AND c.table_id = ?2"
			" ORDER BY c.unit_code, c.row",
			-1, &rows, NULL) != SQLITE_OK ||
		    sqlite3_prepare_v2(
			db->sql,
			"SELECT value FROM merged_cell WHERE year = ?1 AND unit_code = ?2 AND"
			" table_id = ?3 AND row = ?4 AND column_id = ?5",
			-1, &cell, NULL) != SQLITE_OK) {
			buf_free(&b);
			return store_error(db, e);
		}
		sqlite3_bind_int(rows, 1, year);
		sqlite3_bind_text(rows, 2, f->id, -1, SQLITE_STATIC);
		while (sqlite3_step(rows) == SQLITE_ROW) {
			const char *code = (const char *)sqlite3_column_text(rows, 0);
			buf_csv(&b, code);
			buf_addc(&b, ',');
			buf_csv(&b, (const char *)sqlite3_column_text(rows, 1));
			buf_printf(&b, ",%s,%d", period, sqlite3_column_int(rows, 2));
			for (size_t k = 0; k < f->ncolumns; k++) {
				buf_addc(&b, ',');
				sqlite3_reset(cell);
				sqlite3_bind_int(cell, 1, year);
				sqlite3_bind_text(cell, 2, code, -1, SQLITE_TRANSIENT);
				sqlite3_bind_text(cell, 3, f->id, -1, SQLITE_STATIC);
				sqlite3_bind_int(cell, 4, sqlite3_column_int(rows, 2));
				sqlite3_bind_text(cell, 5, f->columns[k].id, -1, SQLITE_STATIC);
				csv_cell(&b, &f->columns[k], cell, 0, sqlite3_step(cell) == SQLITE_ROW);
			}
			buf_adds(&b, "\r\n");
		}
		sqlite3_finalize(rows);
		sqlite3_finalize(cell);
		char *path = table_path(ctx, f->id);
		rc = file_write_atomic(path, b.data, b.len, e);
		free(path);
		buf_free(&b);
	}
	return rc;
}

static enum status
export_csv(struct store *db, int period, const struct template *t, struct buf *out,
	   char *(*table_path)(void *ctx, const char *table_id), void *ctx, struct err *e)
{
	sqlite3_stmt *units, *val;
	enum status rc = ST_OK;
	struct year_columns cols;
	char text[REPORT_PERIOD_SIZE];
	period_key_text(period, text);
	if ((rc = year_columns(db, period, t, &cols, e)) != ST_OK) {
		year_columns_free(&cols);
		return rc;
	}
	/* One row per unit; one column per field id, in template order. */
	buf_adds(out, bom);
	buf_adds(out, "unit_code,unit_name,year,revision");
	for (size_t i = 0; i < cols.n; i++)
		csv_heading(out, cols.f[i]);
	buf_adds(out, "\r\n");
	if ((units =
		 store_query(db,
			     "SELECT u.code, u.name, m.revision, b.template_id, b.template_version"
			     " FROM merged m JOIN unit u ON u.code = m.unit_code JOIN bundle b ON"
			     " b.hash = m.bundle_hash WHERE m.year = ?1 AND m.phase_first = ?2"
			     " ORDER BY u.code",
			     e, "p", period)) == NULL) {
		year_columns_free(&cols);
		return ST_ENV;
	}
	if (sqlite3_prepare_v2(
		db->sql,
		"SELECT value FROM merged_value WHERE year = ?1 AND unit_code = ?2 AND"
		" field_id = ?3",
		-1, &val, NULL) != SQLITE_OK) {
		sqlite3_finalize(units);
		year_columns_free(&cols);
		return store_error(db, e);
	}
	while (sqlite3_step(units) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(units, 0);
		buf_csv(out, code);
		buf_addc(out, ',');
		buf_csv(out, (const char *)sqlite3_column_text(units, 1));
		buf_printf(out, ",%s,%d", text, sqlite3_column_int(units, 2));
		struct template *ut = NULL;
		struct err ignored = {0};
		template_get(db, (const char *)sqlite3_column_text(units, 3),
			     sqlite3_column_int(units, 4), &ut, &ignored);
		for (size_t i = 0; i < cols.n; i++) {
			buf_addc(out, ',');
			/* The unit's version has no such field: absent, not empty or 0. */
			if (ut != NULL && template_field(ut, cols.f[i]->id) < 0) {
				buf_adds(out, cols.f[i]->type == F_CHOICE ? "—," : "—");
				continue;
			}
			sqlite3_reset(val);
			sqlite3_bind_int(val, 1, period);
			sqlite3_bind_text(val, 2, code, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(val, 3, cols.f[i]->id, -1, SQLITE_STATIC);
			csv_cell(out, cols.f[i], val, 0, sqlite3_step(val) == SQLITE_ROW);
		}
		if (ut != NULL)
			template_free(ut);
		buf_adds(out, "\r\n");
	}
	sqlite3_finalize(val);
	sqlite3_finalize(units);
	year_columns_free(&cols);
	if (table_path == NULL)
		return ST_OK;
	return csv_tables(db, period, text, t, table_path, ctx, e);
}

/* ---- the printable consolidated report ------------------------------------------------ */

static void
html_cell(struct buf *out, const char *s)
{
	buf_adds(out, "<td>");
	document_escape(out, s ? s : "");
	buf_adds(out, "</td>");
}

/* A stored value as the report shows it: dots in numbers, labels of choices, Có/Không. */
static void
format_sql_value(const struct field *f, sqlite3_stmt *st, int col, struct buf *b)
{
	struct value v = {V_NULL, 0, NULL};
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return;
	if (f->type == F_INT || f->type == F_MONEY || f->type == F_YESNO)
		v = (struct value){f->type == F_YESNO ? V_BOOL : V_INT, sqlite3_column_int64(st, col), NULL};
	else
		v = (struct value){f->type == F_DATE ? V_DATE : V_TEXT, 0, (char *)sqlite3_column_text(st, col)};
	value_format(f, &v, b);
}

/* I. Who reported: counts, then the units not heard from and those late or in conflict. */
static enum status
html_reporting(struct store *db, int year, struct buf *out, struct err *e)
{
	struct year_units y;
	size_t counts[US_COUNT] = {0};
	struct buf lists[US_COUNT];
	if (summary_units(db, year, &y, e) != ST_OK) {
		summary_units_free(&y);
		return ST_ENV;
	}
	size_t on_time = 0; /* merged reports observed in time, reviewed or not */
	for (int i = 0; i < US_COUNT; i++)
		buf_init(&lists[i]);
	for (size_t i = 0; i < y.n; i++) {
		const struct unit_status *u = &y.units[i];
		on_time += u->revision > 0 && !u->late;
		/* A late report stays in the late list once reviewed: lateness is what happened. */
		enum unit_state lists_in[] = {u->state, u->late && u->state != US_LATE ? US_LATE : u->state};
		for (size_t k = 0; k < (lists_in[1] != lists_in[0] ? 2u : 1u); k++) {
			struct buf *l = &lists[lists_in[k]];
			buf_printf(l, "<tr><td>%zu</td>", ++counts[lists_in[k]]);
			html_cell(l, u->code);
			html_cell(l, u->name);
			buf_adds(l, "</tr>\n");
		}
	}
	buf_printf(out, "<h2>I. Tình hình gửi báo cáo</h2>\n<p>Hạn gửi báo cáo: ngày %02d tháng %d năm %d. "
			"Đã nhận báo cáo của %zu/%zu đơn vị: %zu đơn vị gửi đúng hạn, %zu đơn vị gửi "
			"muộn (kể cả báo cáo đã xem xét); %zu đơn vị có hai bản báo cáo khác nhau cùng một lần gửi, đang chờ xem "
			"xét; %zu đơn vị có báo cáo đã được duyệt, %zu đơn vị được yêu cầu sửa báo cáo; "
			"%zu đơn vị chưa gửi.</p>\n",
		   y.due_day, y.due_month, PERIOD_YEAR(year), summary_units_received(&y), y.n,
		   on_time, y.late, y.counts[US_CONFLICT], y.counts[US_APPROVED],
		   y.counts[US_NEEDS_FIXING], y.counts[US_NOT_RECEIVED]);
	summary_units_free(&y);
	static const char *const titles[US_COUNT] = {
	    [US_NOT_RECEIVED] = "Các đơn vị chưa gửi báo cáo",
	    [US_LATE] = "Các đơn vị gửi muộn",
	    [US_CONFLICT] = "Các đơn vị có báo cáo xung đột",
	    [US_NEEDS_FIXING] = "Các đơn vị được yêu cầu sửa báo cáo"};
	for (int s = 0; s < US_COUNT; s++) {
		if (titles[s] != NULL && counts[s] > 0) {
			buf_printf(out, "<p>%s:</p>\n<table class=\"data\">\n<thead><tr><th>TT</th>"
					"<th>Mã đơn vị</th><th>Tên đơn vị</th></tr></thead>\n<tbody>\n",
				   titles[s]);
			buf_add(out, lists[s].data, lists[s].len);
			buf_adds(out, "</tbody>\n</table>\n");
		}
		buf_free(&lists[s]);
	}
	return ST_OK;
}

/* II. The figures: sums, lowest and highest, units answering; yes/no answers counted
 * (totals_year: the desk shows the same). */
static enum status
html_figures(struct store *db, int year, struct buf *out, struct err *e)
{
	struct year_totals y;
	struct buf v;
	if (totals_year(db, year, &y, e) != ST_OK) {
		totals_free(&y);
		return ST_ENV;
	}
	buf_init(&v);
	buf_adds(out, "<h2>II. Số liệu tổng hợp</h2>\n<table class=\"data\">\n<thead><tr><th>TT</th>"
		      "<th>Nội dung</th><th>Tổng cộng</th><th>Thấp nhất</th><th>Cao nhất</th>"
		      "<th>Số đơn vị báo cáo</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < y.n; i++) {
		const struct total *x = &y.items[i];
		buf_printf(out, "<tr><td>%zu</td>", i + 1);
		html_cell(out, TR(x->f->label));
		if (x->f->type == F_YESNO) {
			buf_reset(&v);
			buf_printf(&v, "%s: %lld đơn vị", TR(x->f->yes_label), (long long)x->sum);
			buf_adds(out, "<td colspan=\"3\">");
			document_escape(out, v.data);
			buf_adds(out, "</td>");
		} else {
			const int64_t figures[3] = {x->sum, x->min, x->max};
			for (int c = 0; c < 3; c++) {
				buf_reset(&v);
				if (x->answered > 0)
					total_format(x, figures[c], &v);
				/* The label names the unit ("(đồng)"): the figures go without it. */
				if (x->f->type == F_MONEY && v.len > 3 &&
				    strcmp(v.data + v.len - 3, " đ") == 0)
					v.data[v.len -= 3] = '\0';
				html_cell(out, v.data);
			}
		}
		if (x->lacking)
			buf_printf(out,
				   "<td>%zu (— %zu: không có trong mẫu phiên bản %d)</td></tr>\n",
				   x->answered, x->lacking, x->lacking_version);
		else
			buf_printf(out, "<td>%zu</td></tr>\n", x->answered);
	}
	buf_adds(out, "</tbody>\n</table>\n");
	totals_free(&y);
	buf_free(&v);
	return ST_OK;
}

/* III. The rows of grouped tables (the nominations), by group (award, then collective or
 * individual), each row with the unit that proposed it. */
static enum status
html_groups(struct store *db, int year, const struct template *t, struct buf *out, struct err *e)
{
	int sec = 0;
	for (size_t i = 0; i < t->nfields; i++) {
		const struct field *f = &t->fields[i];
		sqlite3_stmt *rows, *cells;
		struct buf key, prev, v;
		if (f->type != F_TABLE || f->ngroup_by == 0)
			continue;
		if ((rows = grouped_rows(db, year, f, e)) == NULL)
			return ST_ENV;
		if (sqlite3_prepare_v2(
			db->sql,
			"SELECT value FROM merged_cell WHERE year = ?1 AND unit_code = ?2 AND"
			" table_id = ?3 AND row = ?4 AND column_id = ?5",
			-1, &cells, NULL) != SQLITE_OK) {
			sqlite3_finalize(rows);
			return store_error(db, e);
		}
		buf_init(&key);
		buf_init(&prev);
		buf_init(&v);
		buf_printf(out, "<h2>%s. ", sec++ == 0 ? "III" : "IV");
		document_escape(out, TR(f->label));
		buf_adds(out, "</h2>\n");
		int groups = 0, in_group = 0;
		bool open = false;
		while (sqlite3_step(rows) == SQLITE_ROW) {
			buf_reset(&key);
			for (size_t g = 0; g < f->ngroup_by; g++) {
				const struct field *col = &f->columns[f->group_by[g]];
				const char *raw = (const char *)sqlite3_column_text(rows, 3 + (int)g);
				const char *label = raw ? field_option_label(col, raw) : NULL;
				buf_printf(&key, "%s%s", g ? " — " : "", label ? label : raw ? raw : "—");
			}
			if (!open || strcmp(key.data, prev.data) != 0) {
				if (open)
					buf_adds(out, "</tbody>\n</table>\n");
				buf_printf(out, "<p><b>%d. ", ++groups);
				document_escape(out, key.data);
				buf_adds(out, "</b></p>\n<table class=\"data\">\n<thead><tr><th>TT</th>");
				for (size_t k = 0; k < f->ncolumns; k++) {
					if (field_grouped_column(f, k))
						continue;
					buf_adds(out, "<th>");
					document_escape(out, TR(f->columns[k].label));
					buf_adds(out, "</th>");
				}
				buf_adds(out, "<th>Đơn vị đề nghị</th></tr></thead>\n<tbody>\n");
				buf_reset(&prev);
				buf_adds(&prev, key.data);
				open = true;
				in_group = 0;
			}
			buf_printf(out, "<tr><td>%d</td>", ++in_group);
			for (size_t k = 0; k < f->ncolumns; k++) {
				if (field_grouped_column(f, k))
					continue;
				sqlite3_reset(cells);
				sqlite3_bind_int(cells, 1, year);
				sqlite3_bind_text(cells, 2, (const char *)sqlite3_column_text(rows, 0), -1,
						  SQLITE_TRANSIENT);
				sqlite3_bind_text(cells, 3, f->id, -1, SQLITE_STATIC);
				sqlite3_bind_int64(cells, 4, sqlite3_column_int64(rows, 2));
				sqlite3_bind_text(cells, 5, f->columns[k].id, -1, SQLITE_STATIC);
				buf_reset(&v);
				if (sqlite3_step(cells) == SQLITE_ROW)
					format_sql_value(&f->columns[k], cells, 0, &v);
				html_cell(out, v.data);
			}
			html_cell(out, (const char *)sqlite3_column_text(rows, 1));
			buf_adds(out, "</tr>\n");
		}
		if (open)
			buf_adds(out, "</tbody>\n</table>\n");
		else
			buf_adds(out, "<p>Không có.</p>\n");
		sqlite3_finalize(rows);
		sqlite3_finalize(cells);
		buf_free(&key);
		buf_free(&prev);
		buf_free(&v);
	}
	return ST_OK;
}

/* The consolidated report of the year as a document of the Ministry's personnel department
 * (Vụ Tổ chức cán bộ), laid out like the units' reports (Decree 30/2020). */
static enum status
export_html(struct store *db, int year, const struct template *t, struct buf *out, struct err *e)
{
	struct buf title, date;
	char today[16];
	enum status rc;
	buf_init(&title);
	buf_init(&date);
	store_today(today);
	/* "năm 2025"; a phase review's "giai đoạn 2023-2025". */
	char period[REPORT_PERIOD_SIZE], *what;
	period_key_text(year, period);
	what = xasprintf("%s %s", PERIOD_FIRST(year) ? "giai đoạn" : "năm", period);
	buf_printf(&title, "Báo cáo tổng hợp %s", what);
	document_date_line("Hà Nội", today, &date);
	document_begin(out, title.data, "Vụ Tổ chức cán bộ", "....../BC-TCCB", date.data);
	buf_free(&title);
	buf_free(&date);
	buf_printf(out, "<h1>BÁO CÁO</h1>\n<div class=\"summary\">Tổng hợp kết quả thực hiện Phong trào "
			"thi đua “Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời” "
			"%s của các đơn vị thuộc Bộ Y tế</div>\n<span class=\"rule\"></span>\n",
		   what);
	free(what);
	if ((rc = html_reporting(db, year, out, e)) != ST_OK ||
	    (rc = html_figures(db, year, out, e)) != ST_OK ||
	    (rc = html_groups(db, year, t, out, e)) != ST_OK)
		return rc;
	buf_adds(out, "<div class=\"foot\">\n<div class=\"recipients\"><b>Nơi nhận:</b><br>\n"
		      "- Lãnh đạo Bộ (để báo cáo);<br>\n- Hội đồng Thi đua - Khen thưởng Bộ Y tế;<br>\n"
		      "- Lưu: VT, TCCB.</div>\n<div class=\"sign\"><b>VỤ TRƯỞNG</b>"
		      "<div class=\"space\"></div><b></b></div>\n</div>\n</body>\n</html>\n");
	return ST_OK;
}

enum status
summary_export(struct store *db, int year, enum summary_format fmt, struct buf *out,
	       char *(*table_path)(void *ctx, const char *table_id), void *ctx, struct err *e)
{
	struct template *t;
	enum status rc = summary_year_template(db, year, &t, e);
	if (rc == ST_OK && (rc = merged_values_load(db, year, e)) != ST_OK)
		template_free(t);
	if (rc != ST_OK)
		return rc;
	rc = fmt == SF_JSON   ? export_json(db, year, t, out, e)
	     : fmt == SF_HTML ? export_html(db, year, t, out, e)
			      : export_csv(db, year, t, out, table_path, ctx, e);
	template_free(t);
	return rc;
}

/* Table files sit beside the main one: tong-hop.csv (or tong-hop) ->
 * tong-hop.khen_thuong.de_nghi.csv; each is noted in the list. */
static char *
table_path(void *ctx, const char *table_id)
{
	struct export_files *x = ctx;
	const char *dot = strrchr(x->main, '.'), *slash = strrchr(x->main, '/');
	char *path = dot == NULL || (slash && dot < slash)
			 ? xasprintf("%s.%s.csv", x->main, table_id)
			 : xasprintf("%.*s.%s.csv", (int)(dot - x->main), x->main, table_id);
	x->tables = xreallocarray(x->tables, x->ntables + 1, sizeof *x->tables);
	x->table_ids = xreallocarray(x->table_ids, x->ntables + 1, sizeof *x->table_ids);
	x->tables[x->ntables] = xstrdup(path);
	x->table_ids[x->ntables++] = xstrdup(table_id);
	return path;
}

char *
export_files_table(void *ctx, const char *table_id)
{
	return table_path(ctx, table_id);
}

void
export_files_free(struct export_files *x)
{
	for (size_t i = 0; i < x->ntables; i++) {
		free(x->tables[i]);
		free(x->table_ids[i]);
	}
	free(x->tables);
	free(x->table_ids);
	free(x->main);
	*x = (struct export_files){0};
}

enum status
summary_export_file(struct store *db, int year, enum summary_format fmt, const char *path,
		    struct export_files *files, struct err *e)
{
	struct buf b;
	*files = (struct export_files){.main = xstrdup(path)};
	buf_init(&b);
	enum status rc = summary_export(db, year, fmt, &b, fmt == SF_CSV ? table_path : NULL,
					files, e);
	if (rc == ST_OK)
		rc = file_write_atomic(path, b.data, b.len, e);
	buf_free(&b);
	return rc;
}

#define SUMMARY_SAVE_FILE(name, file) file,
static const char *const save_names[] = {SUMMARY_SAVES(SUMMARY_SAVE_FILE)};
#undef SUMMARY_SAVE_FILE

char *
summary_save_name(enum summary_save what, int year)
{
	char period[REPORT_PERIOD_SIZE];
	period_key_text(year, period);
	return xasprintf(save_names[what], period);
}

enum status
summary_save(struct store *db, int year, enum summary_save what, const char *dir,
	     struct export_files *files, struct err *e)
{
	static const enum summary_format formats[] = {[SAVE_HTML] = SF_HTML, [SAVE_CSV] = SF_CSV,
						      [SAVE_JSON] = SF_JSON, [SAVE_STATUS] = SF_CSV};
	char *name = summary_save_name(what, year);
	char *path = xasprintf("%s%s%s", dir, dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/", name);
	enum status rc;
	free(name);
	if (what != SAVE_STATUS) {
		rc = summary_export_file(db, year, formats[what], path, files, e);
		free(path);
		return rc;
	}
	struct buf b;
	buf_init(&b);
	*files = (struct export_files){.main = path};
	if ((rc = summary_status(db, year, SF_CSV, &b, e)) == ST_OK)
		rc = file_write_atomic(path, b.data, b.len, e);
	buf_free(&b);
	return rc;
}
