/* test_query.c: the query layer: store.c's bound-parameter helpers, the settings, attachments
 * and the central's deadline as the screens and commands ask for them. */
#include "testlib.h"

#include <stdbool.h>

#include "i18n.h"
#include "report.h"
#include "settings.h"
#include "store.h"
#include "summary.h"
#include "template.h"
#include "unit.h"

/* A unit database holding a draft report of year (the built-in template). */
static struct store *
db_with_report(int year)
{
	struct store *db = test_db();
	struct err e = {0};
	if (store_do(db,
		     "INSERT INTO report(year, template_id, template_version, created_at, updated_at)"
		     " VALUES (?1, 'bao-cao-nam', 1, '2024-11-01T00:00:00Z', '2024-11-01T00:00:00Z')",
		     &e, "i", year) != ST_OK)
		fail_msg("report: %s", e.msg);
	return db;
}

static void
test_store_do_text_int(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct err e = {0};
	static const unsigned char blob[3] = {0, 1, 2};
	assert_int_equal(store_do(db, "CREATE TEMP TABLE t(a, b, c, d)", &e, ""), ST_OK);
	assert_int_equal(store_do(db, "INSERT INTO t VALUES (?1, ?2, ?3, ?4)", &e, "iItb", 7,
				  (sqlite3_int64)1 << 40, "bảy", blob, (int)sizeof blob),
			 ST_OK);
	assert_int_equal(store_do(db, "INSERT INTO t VALUES (?1, ?2, ?3, NULL)", &e, "iIt", 8,
				  (sqlite3_int64)0, NULL),
			 ST_OK);
	assert_int_equal(store_int(db, -1, "SELECT count(*) FROM t", ""), 2);
	assert_int_equal(store_int(db, -1, "SELECT b FROM t WHERE a = ?1", "i", 7),
			 (long long)1 << 40);
	assert_int_equal(store_int(db, -1, "SELECT length(d) FROM t WHERE a = ?1", "i", 7), 3);
	char *v = store_text(db, "SELECT c FROM t WHERE a = ?1", "i", 7);
	assert_string_equal(v, "bảy");
	free(v);
	/* A NULL value, no row and a statement SQLite refuses all read as "not set". */
	assert_null(store_text(db, "SELECT c FROM t WHERE a = ?1", "i", 8));
	assert_null(store_text(db, "SELECT c FROM t WHERE a = ?1", "i", 9));
	assert_null(store_text(db, "SELECT nothing FROM nowhere", ""));
	assert_int_equal(store_int(db, 42, "SELECT a FROM t WHERE a = ?1", "i", 9), 42);
	assert_int_equal(store_int(db, 42, "SELECT nothing FROM nowhere", ""), 42);
	/* A failed write says so, naming SQLite's reason. */
	assert_int_equal(store_do(db, "INSERT INTO nowhere VALUES (1)", &e, ""), ST_ENV);
	assert_non_null(strstr(e.msg, "nowhere"));
	store_close(db);
}

static void
test_store_next_loop(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct err e = {0};
	sqlite3_stmt *st;
	enum status rc = ST_ENV;
	long long sum = 0;
	int rows = 0;
	st = store_query(db, "SELECT value FROM generate_series(1, ?1)", &e, "i", 4);
	if (st == NULL) /* SQLite built without generate_series: a recursive query instead */
		st = store_query(db,
				 "WITH RECURSIVE s(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM s"
				 " WHERE value < ?1) SELECT value FROM s",
				 &e, "i", 4);
	assert_non_null(st);
	while (store_next(db, st, &rc, &e)) {
		sum += sqlite3_column_int(st, 0);
		rows++;
	}
	assert_int_equal(rc, ST_OK);
	assert_int_equal(rows, 4);
	assert_int_equal(sum, 10);
	/* An error on the way ends the loop with ST_ENV and the reason. */
	st = store_query(db, "SELECT 1 UNION ALL SELECT abs(-9223372036854775807 - 1)", &e, "");
	assert_non_null(st);
	rows = 0;
	while (store_next(db, st, &rc, &e))
		rows++;
	assert_int_equal(rc, ST_ENV);
	assert_true(rows <= 1);
	assert_non_null(strstr(e.msg, "overflow"));
	/* A kept statement comes back bound afresh each time. */
	static const char sql[] = "SELECT ?1 + ?2";
	for (int i = 0; i < 3; i++) {
		st = store_stmt_bind(db, sql, &e, "ii", i, 10);
		assert_non_null(st);
		assert_true(store_next(db, st, &rc, &e));
		assert_int_equal(sqlite3_column_int(st, 0), i + 10);
		assert_false(store_next(db, st, &rc, &e));
		assert_int_equal(rc, ST_OK);
	}
	/* A statement SQLite cannot prepare: NULL, and a loop over it ends at once. */
	st = store_query(db, "SELECT FROM", &e, "");
	assert_null(st);
	assert_false(store_next(db, st, &rc, &e));
	assert_int_equal(rc, ST_ENV);
	store_close(db);
}

static void
test_settings_round_trip(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct err e = {0};
	char *v;
	assert_null(setting_get(db, "typing.method"));
	assert_int_equal(setting_set(db, "typing.method", "vni", &e), ST_OK);
	v = setting_get(db, "typing.method");
	assert_string_equal(v, "vni");
	free(v);
	assert_int_equal(setting_set(db, "typing.method", "off", &e), ST_OK);
	v = setting_get(db, "typing.method");
	assert_string_equal(v, "off");
	free(v);
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM setting"), 1);
	/* Free text is kept as given. */
	assert_int_equal(setting_set(db, "unit.place", "Hà Nội", &e), ST_OK);
	v = setting_get(db, "unit.place");
	assert_string_equal(v, "Hà Nội");
	free(v);
	/* Every value the list names for a key is taken. */
	static const char *const taken[][2] = {
		{"ui.lang", "vi"},        {"ui.lang", "en"},        {"typing.method", "telex"},
		{"typing.style", "old"},  {"typing.style", "new"},  {"typing.restore", "on"},
		{"typing.restore", "off"},
	};
	for (size_t i = 0; i < ARRAY_LEN(taken); i++) {
		assert_int_equal(setting_set(db, taken[i][0], taken[i][1], &e), ST_OK);
		v = setting_get(db, taken[i][0]);
		assert_string_equal(v, taken[i][1]);
		free(v);
	}
	store_close(db);
}

static void
test_settings_refused(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct err e = {0};
	/* A key not in the list is neither written nor read. */
	assert_int_equal(setting_set(db, "typing.speed", "fast", &e), ST_REFUSED);
	assert_non_null(strstr(e.msg, "typing.speed"));
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM setting"), 0);
	assert_int_equal(
		store_do(db, "INSERT INTO setting VALUES ('typing.speed', 'fast')", &e, ""), ST_OK);
	assert_null(setting_get(db, "typing.speed"));
	/* A value the key does not take is refused, naming both; the old value stays. */
	assert_int_equal(setting_set(db, "ui.lang", "en", &e), ST_OK);
	assert_int_equal(setting_set(db, "ui.lang", "fr", &e), ST_REFUSED);
	assert_non_null(strstr(e.msg, "ui.lang"));
	assert_non_null(strstr(e.msg, "fr"));
	assert_int_equal(setting_set(db, "ui.lang", "", &e), ST_REFUSED);
	assert_int_equal(setting_set(db, "ui.lang", "e", &e), ST_REFUSED);
	assert_int_equal(setting_set(db, "ui.lang", "vi|en", &e), ST_REFUSED);
	assert_int_equal(setting_set(db, "unit.place", NULL, &e), ST_REFUSED);
	char *v = setting_get(db, "ui.lang");
	assert_string_equal(v, "en");
	free(v);
	store_close(db);
}

static void
write_file(const char *path, const char *data, size_t len)
{
	struct err e = {0};
	if (file_write_atomic(path, data, len, &e) != ST_OK)
		fail_msg("%s", e.msg);
}

static void
test_attachments_listed(void **state)
{
	struct store *db = db_with_report(2024);
	struct err e = {0};
	struct attachment_row *rows;
	size_t n;
	char *pdf = xasprintf("%s/bao-cao.pdf", (const char *)*state);
	char *png = xasprintf("%s/dau.png", (const char *)*state);
	write_file(pdf, "%PDF-1.4 scanned", 16);
	write_file(png, "\x89PNG\r\n\x1a\n....", 12);

	assert_int_equal(unit_attachments(db, 2024, 0, &rows, &n, &e), ST_OK);
	assert_int_equal(n, 0);
	assert_null(rows);
	assert_int_equal(unit_attachment_count(db, 2024, 0), 0);

	setenv("XHHT_NOW", "2024-11-28T02:30:00Z", 1);
	assert_int_equal(unit_attach(db, 2024, 0, pdf, &e), ST_OK);
	assert_int_equal(unit_attach(db, 2024, 0, png, &e), ST_OK);
	unsetenv("XHHT_NOW");
	assert_int_equal(unit_attachment_count(db, 2024, 0), 2);
	assert_int_equal(unit_attachment_count(db, 2023, 0), 0);
	assert_int_equal(unit_attachments(db, 2024, 0, &rows, &n, &e), ST_OK);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].name, "bao-cao.pdf");
	assert_string_equal(rows[0].type, "application/pdf");
	assert_int_equal(rows[0].size, 16);
	assert_string_equal(rows[0].added_at, "2024-11-28T02:30:00Z");
	assert_string_equal(rows[1].name, "dau.png");
	assert_string_equal(rows[1].type, "image/png");
	assert_int_equal(rows[1].size, 12);
	unit_attachments_free(rows, n);

	/* No report of that year: nothing attached, and the reason. */
	assert_int_equal(unit_attach(db, 2023, 0, pdf, &e), ST_REFUSED);
	assert_non_null(strstr(e.msg, "2023"));

	assert_int_equal(unit_detach(db, 2024, 0, "bao-cao.pdf", &e), ST_OK);
	assert_int_equal(unit_detach(db, 2024, 0, "bao-cao.pdf", &e), ST_REFUSED);
	assert_non_null(strstr(e.msg, "bao-cao.pdf"));
	assert_int_equal(unit_attachments(db, 2024, 0, &rows, &n, &e), ST_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].name, "dau.png");
	unit_attachments_free(rows, n);
	assert_int_equal(unit_attachment_count(db, 2024, 0), 1);
	free(pdf);
	free(png);
	store_close(db);
}

static char *
report_json(const struct report *r)
{
	struct buf b;
	buf_init(&b);
	report_to_json(r, &b);
	return buf_steal(&b);
}

static struct report *
report_back(struct store *db, int year)
{
	struct report *r = NULL;
	struct err e = {0};
	if (report_read(db, year, 0, &r, &e) != ST_OK)
		fail_msg("report_read: %s", e.msg);
	return r;
}

/* A report's tables go to the database and back whole, saved with the report or one table
 * alone (report_save and report_save_table share the rows' writing). */
static void
test_report_tables_saved(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct err e = {0};
	size_t len;
	char *text = test_file("tests/data/bao-cao-mau.json", &len), *want, *got;
	struct report *r = NULL, *back;
	if (report_from_json(db, text, len, 2024, &r, &e) != ST_OK)
		fail_msg("report_from_json: %s", e.msg);
	free(text);
	assert_int_equal(store_begin(db, &e), ST_OK);
	if (report_save(db, r, &e) != ST_OK)
		fail_msg("report_save: %s", e.msg);
	assert_int_equal(store_commit(db, &e), ST_OK);
	want = report_json(r);
	back = report_back(db, 2024);
	got = report_json(back);
	assert_string_equal(got, want);
	free(got);
	report_free(back);
	free(want);

	/* The table with the most rows, one row shorter, saved alone. */
	int field = -1;
	for (size_t i = 0; i < r->t->nfields; i++)
		if (r->t->fields[i].type == F_TABLE &&
		    (field < 0 || r->tables[i].n > r->tables[field].n))
			field = (int)i;
	assert_true(field >= 0);
	size_t n = r->tables[field].n;
	assert_true(n >= 2);
	long long stored = store_int(db, -1, "SELECT count(*) FROM report_row", "");
	r->tables[field].n = n - 1;
	if (report_save_table(db, r, field, &e) != ST_OK)
		fail_msg("report_save_table: %s", e.msg);
	want = report_json(r);
	r->tables[field].n = n; /* the row is freed with the report */
	assert_int_equal(store_int(db, -1, "SELECT count(*) FROM report_row", ""), stored - 1);
	assert_int_equal(store_int(db, -1, "SELECT count(*) FROM report_row WHERE table_id = ?1", "t",
				   r->t->fields[field].id),
			 (long long)n - 1);
	back = report_back(db, 2024);
	got = report_json(back);
	assert_string_equal(got, want);
	free(got);
	free(want);
	report_free(back);
	report_free(r);
	store_close(db);
}

/* The central's status reads the deadline from the yearly template's newest version. */
static void
test_central_deadline_from_template(void **state)
{
	(void)state;
	struct store *db = NULL;
	struct err e = {0};
	struct buf b;
	char *src, *json;
	if (store_open_memory(STORE_CENTRAL, &db, &e) != ST_OK)
		fail_msg("store_open_memory: %s", e.msg);
	ui_lang = LANG_EN;

	buf_init(&b);
	assert_int_equal(summary_status(db, 2024, SF_JSON, &b, &e), ST_OK);
	assert_non_null(strstr(b.data, "\"deadline\":\"2024-12-05T17:00:00Z\""));
	buf_free(&b);

	/* Version 2, due on 30 November. */
	src = test_file("db/templates/bao-cao-nam-1.json", NULL);
	json = store_text(db,
			  "SELECT replace(replace(?1, '\"version\": 1,', '\"version\": 2,'),"
			  " '\"due\": \"12-05\"', '\"due\": \"11-30\"')",
			  "t", src);
	free(src);
	assert_non_null(strstr(json, "\"due\": \"11-30\""));
	assert_non_null(strstr(json, "\"version\": 2,"));
	if (template_install(db, json, &e) != ST_OK)
		fail_msg("template_install: %s", e.msg);
	free(json);

	buf_init(&b);
	assert_int_equal(summary_status(db, 2024, SF_JSON, &b, &e), ST_OK);
	assert_non_null(strstr(b.data, "\"deadline\":\"2024-11-30T17:00:00Z\""));
	buf_free(&b);
	buf_init(&b);
	assert_int_equal(summary_status(db, 2024, SF_TEXT, &b, &e), ST_OK);
	assert_non_null(strstr(b.data, "due 30/11/2024"));
	buf_free(&b);
	store_close(db);
}

#define TMP_TEST(f) cmocka_unit_test_setup_teardown(f, test_setup_tmp, test_teardown_tmp)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store_do_text_int),
		cmocka_unit_test(test_store_next_loop),
		cmocka_unit_test(test_settings_round_trip),
		cmocka_unit_test(test_settings_refused),
		TMP_TEST(test_attachments_listed),
		cmocka_unit_test(test_report_tables_saved),
		cmocka_unit_test(test_central_deadline_from_template),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
