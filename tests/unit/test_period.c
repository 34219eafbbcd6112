/* test_period.c: reports keyed by their period (year, phase_first): a database written before
 * (schema 6) opens and keeps every report, value, row, attachment, bundle, receipt, review and
 * dropped value as yearly ones, its foreign keys whole; a phase review then lives beside its
 * closing year's report. */
#include "testlib.h"

#include <stdio.h>
#include <sys/stat.h>

#include "embedded.h"
#include "migrate.h"
#include "phase.h"
#include "report.h"
#include "store.h"
#include "template.h"
#include "unit.h"

#define APPID_UNIT 0x58484854 /* 'XHHT' */
#define OLD_SCHEMA 6

/* Runs SQL on a database file with plain SQLite, as an older program would have. */
static void
raw_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%.80s: %s", sql, msg);
}

/* A unit's database as schema 6 left it: the migrations up to 0006, the yearly template, and
 * a 2024 report with every kind of row that hangs on a year. */
static char *
old_database(void **state)
{
	char *dir = xasprintf("%s/d", (const char *)*state), *file = xasprintf("%s/xhht.db", dir);
	sqlite3 *db = NULL;
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
	raw_exec(db, "PRAGMA foreign_keys = ON; BEGIN");
	for (const struct embedded_file *f = embedded_files; f->name; f++)
		if (strncmp(f->name, "migrations/unit/", 16) == 0 && atoi(f->name + 16) <= OLD_SCHEMA)
			raw_exec(db, f->data);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db,
					    "INSERT INTO template VALUES ('bao-cao-nam', 1, ?1,"
					    " '2024-01-01T00:00:00Z')",
					    -1, &st, NULL),
			 SQLITE_OK);
	for (size_t i = 0; i < template_builtin_count(); i++)
		if (strstr(template_builtin_source(i), "\"id\": \"bao-cao-nam\"") != NULL)
			sqlite3_bind_text(st, 1, template_builtin_source(i), -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	raw_exec(db,
		 "INSERT INTO report VALUES (2024, 'bao-cao-nam', 1, NULL, NULL, 2,"
		 " '2024-11-01T00:00:00Z', '2024-11-20T00:00:00Z', '2024-11-20T00:00:00Z', 0, 1);"
		 "INSERT INTO report VALUES (2025, 'bao-cao-nam', 1, 'BVDKM', 'Bệnh viện', 0,"
		 " '2025-11-01T00:00:00Z', '2025-11-01T00:00:00Z', NULL, NULL, NULL);"
		 "INSERT INTO report_value VALUES (2024, 'chung.tong_so_nguoi', 120);"
		 "INSERT INTO report_value VALUES (2025, 'chung.tong_so_nguoi', 130);"
		 "INSERT INTO report_row VALUES (7, 2024, 'thi_dua.mo_hinh', 1);"
		 "INSERT INTO report_cell VALUES (7, 'ten', 'Mô hình học tập suốt đời');"
		 "INSERT INTO attachment VALUES (1, 2024, 'scan.pdf', 'application/pdf', 4,"
		 " x'25504446', '2024-11-20T00:00:00Z');"
		 "INSERT INTO bundle VALUES ('b1', 2024, 1, 'out/XHHT-2024-BVDKM-r1.xhht', 90, 'h1',"
		 " 0, '2024-11-10T00:00:00Z');"
		 "INSERT INTO bundle VALUES ('b2', 2024, 2, 'out/XHHT-2024-BVDKM-r2.xhht', 100, 'h2',"
		 " 1, '2024-11-20T00:00:00Z');"
		 "INSERT INTO receipt VALUES (1, 'b2', 2024, 2, 'merged', '',"
		 " '2024-11-21T00:00:00Z', x'00', '2024-11-22T00:00:00Z');"
		 "INSERT INTO review VALUES (1, 1, 2024, 2, 'needs_fixing', '2024-11-21T00:00:00Z',"
		 " '2024-11-22T00:00:00Z', NULL);"
		 "INSERT INTO review_comment VALUES (1, 0, 'chung.tong_so_nguoi', 'Sai tổng số.');"
		 "INSERT INTO dropped_value (id, year, template_id, old_version, new_version,"
		 " field_id, label_vi, label_en, value, reason, moved_at) VALUES (1, 2024,"
		 " 'bao-cao-nam', 1, 2, 'cu.muc', 'Mục cũ', 'Old field', 5, 'removed',"
		 " '2024-11-15T00:00:00Z');");
	char *pragmas = xasprintf("COMMIT; PRAGMA user_version = %d; PRAGMA application_id = %d",
				  OLD_SCHEMA, APPID_UNIT);
	raw_exec(db, pragmas);
	free(pragmas);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
	free(file);
	return dir;
}

static void
test_old_database_keeps_everything(void **state)
{
	char *dir = old_database(state);
	struct store *db;
	struct err e = {0};
	struct report *r = NULL;
	assert_int_equal(store_open(dir, STORE_UNIT, &db, &e), ST_OK);
	assert_int_equal(test_sql_int(db, "PRAGMA user_version"), store_schema_version(STORE_UNIT));
	/* Every row kept, each a yearly one. */
	static const char *const counts[][2] = {
	    {"report", "2"},         {"report_value", "2"}, {"report_row", "1"},
	    {"report_cell", "1"},    {"attachment", "1"},   {"bundle", "2"},
	    {"receipt", "1"},        {"review", "1"},       {"review_comment", "1"},
	    {"dropped_value", "1"},
	};
	for (size_t i = 0; i < ARRAY_LEN(counts); i++) {
		char *sql = xasprintf("SELECT count(*) FROM %s", counts[i][0]);
		assert_int_equal(test_sql_int(db, sql), atoi(counts[i][1]));
		free(sql);
		if (strncmp(counts[i][0], "report_cell", 11) == 0 ||
		    strcmp(counts[i][0], "review_comment") == 0)
			continue;
		sql = xasprintf("SELECT count(*) FROM %s WHERE phase_first != 0", counts[i][0]);
		assert_int_equal(test_sql_int(db, sql), 0);
		free(sql);
	}
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	/* The bundles keep their row order (a key change is dated by it). */
	assert_int_equal(test_sql_int(db, "SELECT rowid FROM bundle WHERE id = 'b2'"), 2);
	/* Read as before, through the period's functions. */
	assert_int_equal(report_read(db, 2024, 0, &r, &e), ST_OK);
	assert_int_equal(r->revision, 2);
	int f = template_field(r->t, "chung.tong_so_nguoi"), m = template_field(r->t, "thi_dua.mo_hinh");
	assert_int_equal(r->values[f].i, 120);
	assert_int_equal(r->tables[m].n, 1);
	assert_string_equal(r->tables[m].rows[0].cells[0].s, "Mô hình học tập suốt đời");
	report_free(r);
	assert_int_equal(report_read(db, 2024, 2023, &r, &e), ST_REFUSED);
	assert_int_equal(unit_attachment_count(db, 2024, 0), 1);
	assert_int_equal(dropped_count(db, 2024, 0), 1);
	struct unit_review rv;
	assert_int_equal(unit_review_open(db, 2024, 0, &rv, &e), ST_OK);
	assert_true(rv.any);
	assert_int_equal(rv.revision, 2);
	assert_int_equal(rv.n, 1);
	unit_review_free(&rv);
	struct year_status ys;
	assert_int_equal(unit_year_status(db, 2024, 0, "2024-12-01", false, &ys, &e), ST_OK);
	assert_true(ys.packed);
	assert_int_equal(ys.revision, 2);
	assert_true(ys.answered);
	/* The rebuilt tables still hang on their report: removing it removes them. */
	assert_int_equal(store_exec(db, "DELETE FROM report WHERE year = 2024", &e), ST_OK);
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM report_value"), 1);
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM report_row"), 0);
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM report_cell"), 0);
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM attachment"), 0);
	store_close(db);
	free(dir);
}

/* The 2023-2025 review is stored beside the 2025 yearly report: each read, written and counted
 * apart, a second start refused naming the draft. */
static void
test_review_beside_its_year(void **state)
{
	char *dir = old_database(state);
	struct store *db;
	struct err e = {0};
	struct report *year = NULL, *review = NULL;
	assert_int_equal(store_open(dir, STORE_UNIT, &db, &e), ST_OK);
	assert_int_equal(phase_start(db, 2023, 2025, &e), ST_OK);
	assert_int_equal(phase_start(db, 2023, 2025, &e), ST_REFUSED);
	assert_non_null(strstr(e.msg, "đã có báo cáo giai đoạn 2023-2025 (bản nháp)"));
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM report WHERE year = 2025"), 2);
	assert_int_equal(report_read(db, 2025, 0, &year, &e), ST_OK);
	assert_int_equal(report_read(db, 2025, 2023, &review, &e), ST_OK);
	assert_string_equal(year->t->id, "bao-cao-nam");
	assert_string_equal(review->t->id, "so-ket-2023-2025");
	assert_int_equal(report_phase_first(review), 2023);
	/* Pre-filled: the people counted in the last year. */
	int f = template_field(review->t, "chung.tong_so_nguoi");
	assert_int_equal(review->values[f].i, 130);
	/* A value set on the review stays off the year's report, and marks the field changed. */
	struct value v = {V_INT, 131, NULL};
	assert_int_equal(report_set_value(db, review, f, &v, &e), ST_OK);
	report_free(year);
	assert_int_equal(report_read(db, 2025, 0, &year, &e), ST_OK);
	assert_int_equal(year->values[template_field(year->t, "chung.tong_so_nguoi")].i, 130);
	assert_int_equal(test_sql_int(db, "SELECT changed FROM prefill WHERE phase_first = 2023 AND"
					  " field_id = 'chung.tong_so_nguoi'"),
			 1);
	/* The year's own lists know nothing of it: status, the year before, a move. */
	assert_int_equal(report_year_before(db, 2026), 2025);
	assert_int_equal(unit_phase_started(db, 2025), 2023);
	assert_int_equal(unit_phase_started(db, 2024), 0);
	assert_int_equal(unit_attachment_count(db, 2025, 2023), 0);
	report_free(year);
	report_free(review);
	store_close(db);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_old_database_keeps_everything, test_setup_tmp,
					    test_teardown_tmp),
	    cmocka_unit_test_setup_teardown(test_review_beside_its_year, test_setup_tmp,
					    test_teardown_tmp),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
