/* test_summary.c: summary_units, the one rule of a unit's state in a year that xhht-central
 * status and the desk's board both print: each state, the counts, alarms, the deadline. */
#include "testlib.h"

#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "remind.h"
#include "summary.h"

/* A central in memory with five units of 2024 (due 05/12/2024, the end of that day in Vietnam
 * being 17:00 UTC): A received before the deadline with a receipt, B after it, C never, D in
 * conflict, E on time with an open key alarm. */
static struct store *
central_world(void)
{
	struct store *db = NULL;
	struct err e = {0};
	if (store_open_memory(STORE_CENTRAL, &db, &e) != ST_OK)
		fail_msg("store_open_memory: %s", e.msg);
	static const char sql[] =
	    "INSERT INTO unit(code, name, grp, created_at) VALUES"
	    " ('A', 'Bệnh viện Bạch Mai', 'benh_vien', '2024-01-01T00:00:00Z'),"
	    " ('B', 'Viện Dinh dưỡng', 'vien', '2024-01-01T00:00:00Z'),"
	    " ('C', 'Trường Đại học Y', 'truong', '2024-01-01T00:00:00Z'),"
	    " ('D', 'Trung tâm Y tế', 'trung_tam', '2024-01-01T00:00:00Z'),"
	    " ('E', 'Cục Quản lý', 'vu_cuc', '2024-01-01T00:00:00Z');"
	    "INSERT INTO bundle(hash, id, unit_code, year, revision, packed_at, imported_at, "
	    "signer_pk,"
	    " template_id, template_version, report, state, source, observed_at, observed_by) "
	    "VALUES"
	    " (x'0a', 'a', 'A', 2024, 2, '2024-12-01T02:00:00Z', '2024-12-01T03:00:00Z', x'00',"
	    "  'bao-cao-nam', 1, '{}', 'merged', 'f', '2024-12-01T03:00:00Z', 'import'),"
	    " (x'0b', 'b', 'B', 2024, 1, '2024-12-05T16:00:00Z', '2024-12-05T17:00:00Z', x'00',"
	    "  'bao-cao-nam', 1, '{}', 'merged', 'f', '2024-12-05T17:00:00Z', 'import'),"
	    " (x'0d', 'd', 'D', 2024, 1, '2024-11-01T02:00:00Z', '2024-11-01T03:00:00Z', x'00',"
	    "  'bao-cao-nam', 1, '{}', 'merged', 'f', '2024-11-01T03:00:00Z', 'import'),"
	    " (x'1d', 'd2', 'D', 2024, 1, '2024-11-01T02:30:00Z', '2024-11-02T03:00:00Z', x'00',"
	    "  'bao-cao-nam', 1, '{}', 'conflict', 'f', '2024-11-02T03:00:00Z', 'import'),"
	    " (x'0e', 'e', 'E', 2024, 3, '2024-12-02T02:00:00Z', '2024-12-02T03:00:00Z', x'00',"
	    "  'bao-cao-nam', 1, '{}', 'merged', 'f', '2024-12-02T03:00:00Z', 'import');"
	    "INSERT INTO merged(unit_code, year, bundle_hash, revision, merged_at) VALUES"
	    " ('A', 2024, x'0a', 2, 'x'), ('B', 2024, x'0b', 1, 'x'), ('D', 2024, x'0d', 1, 'x'),"
	    " ('E', 2024, x'0e', 3, 'x');"
	    "INSERT INTO receipt_sent(bundle_hash, unit_code, year, revision, outcome, path, "
	    "written_at)"
	    " VALUES (x'0a', 'A', 2024, 2, 'merged', 'r', 'x');"
	    "INSERT INTO enrollment(id, unit_code, secret_hash, created_at) VALUES ('en', 'E', "
	    "x'00', 'x');"
	    "INSERT INTO key_alarm(enrollment_id, new_pk, unit_code, tries, first_seen, last_seen, "
	    "source)"
	    " VALUES ('en', x'01', 'E', 1, 'x', 'x', 's'), ('en', x'02', 'E', 2, 'x', 'x', 's');";
	char *msg = NULL;
	if (sqlite3_exec(db->sql, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("fixture: %s", msg);
	return db;
}

static void
test_states_and_counts(void **state)
{
	(void)state;
	struct store *db = central_world();
	struct year_units y;
	struct err e = {0};
	setenv("XHHT_TODAY", "2024-11-20", 1);
	assert_int_equal(summary_units(db, 2024, &y, &e), ST_OK);
	assert_int_equal(y.n, 5);
	assert_int_equal(y.due_day, 5);
	assert_int_equal(y.due_month, 12);
	assert_string_equal(y.deadline, "2024-12-05T17:00:00Z");
	assert_int_equal(y.days_left, 15);
	static const enum unit_state want[] = {US_ON_TIME, US_LATE, US_NOT_RECEIVED, US_CONFLICT,
					       US_ON_TIME};
	for (size_t i = 0; i < y.n; i++)
		assert_int_equal(y.units[i].state, want[i]);
	/* Received at the very end of the due day in Vietnam (17:00 UTC) is late. */
	assert_string_equal(y.units[1].observed_at, "2024-12-05T17:00:00Z");
	assert_int_equal(y.counts[US_ON_TIME], 2);
	assert_int_equal(y.counts[US_LATE], 1);
	assert_int_equal(y.counts[US_NOT_RECEIVED], 1);
	assert_int_equal(y.counts[US_CONFLICT], 1);
	assert_int_equal(summary_units_received(&y), 4);
	/* The rest of a row: revision, receipt, group, alarms; nothing for a unit not heard from.
	 */
	assert_int_equal(y.units[0].revision, 2);
	assert_true(y.units[0].receipt_sent);
	assert_false(y.units[1].receipt_sent);
	assert_string_equal(y.units[0].group, "benh_vien");
	assert_string_equal(y.units[0].name, "Bệnh viện Bạch Mai");
	assert_int_equal(y.units[2].revision, 0);
	assert_string_equal(y.units[2].packed_at, "");
	assert_int_equal(y.units[3].bundles, 2);
	assert_int_equal(y.units[4].alarms, 2);
	assert_int_equal(y.units[0].alarms, 0);
	assert_int_equal(y.alarmed, 1);
	assert_false(y.units[0].clock_skew);
	summary_units_free(&y);

	/* Another year: every unit, none received; the deadline past. */
	assert_int_equal(summary_units(db, 2023, &y, &e), ST_OK);
	assert_int_equal(y.n, 5);
	assert_int_equal(y.counts[US_NOT_RECEIVED], 5);
	assert_true(y.days_left < 0);
	summary_units_free(&y);
	store_close(db);
}

/* status prints each unit with the state summary_units gives it: one rule for both. */
static void
test_status_says_the_same(void **state)
{
	(void)state;
	struct store *db = central_world();
	struct year_units y;
	struct err e = {0};
	struct buf b;
	for (int l = 0; l < 2; l++) {
		ui_lang = l ? LANG_EN : LANG_VI;
		assert_int_equal(summary_units(db, 2024, &y, &e), ST_OK);
		buf_init(&b);
		assert_int_equal(summary_status(db, 2024, SF_TEXT, &b, &e), ST_OK);
		for (size_t i = 0; i < y.n; i++) {
			char line[128];
			snprintf(line, sizeof line, "%-8s %-12s", y.units[i].code,
				 unit_state_word(y.units[i].state));
			assert_non_null(strstr(b.data, line));
		}
		buf_reset(&b);
		assert_int_equal(summary_status(db, 2024, SF_JSON, &b, &e), ST_OK);
		for (size_t i = 0; i < y.n; i++) {
			char obj[128];
			snprintf(obj, sizeof obj, "{\"code\":\"%s\",\"name\":", y.units[i].code);
			const char *at = strstr(b.data, obj);
			assert_non_null(at);
			snprintf(obj, sizeof obj, "\"state\":\"%s\"",
				 unit_state_name(y.units[i].state));
			const char *st = strstr(at, obj);
			assert_non_null(st);
			assert_true(st < strchr(at, '}'));
		}
		buf_free(&b);
		summary_units_free(&y);
	}
	ui_lang = LANG_VI;
	store_close(db);
}

/* A merged report of unit C for year naming its signer and phone (and, in 2022, its e-mail). */
static void
merge_report_of_c(struct store *db, int year, const char *signer, const char *phone)
{
	char *json = xasprintf(
	    "{\"template\":\"bao-cao-nam\",\"template_version\":1,\"unit\":{\"code\":\"C\","
	    "\"name\":\"Trường Đại học Y\"},\"year\":%d,\"revision\":1,\"values\":{"
	    "\"chung.nguoi_ky\":\"%s\",\"chung.chuc_vu_nguoi_ky\":\"Hiệu trưởng\","
	    "\"chung.nguoi_lap\":\"Lê Thị Lan\",\"chung.dien_thoai\":\"%s\"%s}}",
	    year, signer, phone, year == 2022 ? ",\"chung.email\":\"tccb@dhy.edu.vn\"" : "");
	sqlite3_stmt *st;
	assert_int_equal(
	    sqlite3_prepare_v2(db->sql,
			       "INSERT INTO bundle(hash, id, unit_code, year, revision, packed_at,"
			       " imported_at, signer_pk, template_id, template_version, report,"
			       " state, source) VALUES (randomblob(8), 'c' || ?1, 'C', ?1, 1,"
			       " '2023-01-01T00:00:00Z', '2023-01-01T00:00:00Z', x'00',"
			       " 'bao-cao-nam', 1, ?2, 'merged', 'f');",
			       -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_text(st, 2, json, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	free(json);
	char *sql =
	    xasprintf("INSERT INTO merged(unit_code, year, bundle_hash, revision, merged_at)"
		      " SELECT 'C', %d, hash, 1, 'x' FROM bundle WHERE id = 'c%d'",
		      year, year);
	assert_int_equal(sqlite3_exec(db->sql, sql, NULL, NULL, NULL), SQLITE_OK);
	free(sql);
}

/* The reminders list the units summary_units says were not received, each with the contact of
 * its latest earlier report (not a later one); none when every unit reported. */
static void
test_reminders(void **state)
{
	(void)state;
	struct store *db = central_world();
	struct remind_list l;
	struct err e = {0};
	struct buf b;
	setenv("XHHT_TODAY", "2024-12-15", 1);
	merge_report_of_c(db, 2022, "Nguyễn Văn Cũ", "0243 111 2222");
	merge_report_of_c(db, 2023, "Phạm Minh Đức", "0243 852 3798");
	merge_report_of_c(db, 2025, "Người Năm Sau", "0243 999 9999");
	assert_int_equal(remind_list(db, 2024, &l, &e), ST_OK);
	assert_int_equal(l.units, 5);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.days_past, 10);
	assert_string_equal(l.rows[0].code, "C");
	assert_int_equal(l.rows[0].last_year, 2023);
	assert_string_equal(l.rows[0].signer, "Phạm Minh Đức");
	assert_string_equal(l.rows[0].signer_title, "Hiệu trưởng");
	assert_string_equal(l.rows[0].preparer, "Lê Thị Lan");
	assert_string_equal(l.rows[0].phone, "0243 852 3798");
	assert_string_equal(l.rows[0].email, ""); /* the 2023 report gave none: not 2022's */
	buf_init(&b);
	remind_csv(&l, &b);
	assert_memory_equal(b.data, "\xef\xbb\xbfunit_code,", 13);
	assert_non_null(strstr(b.data, "\r\nC,Trường Đại học Y,truong,2024,2024-12-05,10,2023,"
				       "Phạm Minh Đức,Hiệu trưởng,Lê Thị Lan,0243 852 3798,\r\n"));
	buf_reset(&b);
	remind_html(&l, "2024-12-15", &b);
	assert_non_null(strstr(b.data, "Kính gửi: <b>Trường Đại học Y</b>"));
	assert_non_null(strstr(b.data, "quá hạn 10 ngày"));
	assert_null(strstr(strstr(b.data, "class=\"letter\"") + 1, "class=\"letter\""));
	buf_free(&b);
	remind_list_free(&l);

	/* 2023: every unit but C, none with an earlier report. */
	assert_int_equal(remind_list(db, 2023, &l, &e), ST_OK);
	assert_int_equal(l.n, 4);
	for (size_t i = 0; i < l.n; i++) {
		assert_string_not_equal(l.rows[i].code, "C");
		assert_int_equal(l.rows[i].last_year, 0);
		assert_string_equal(l.rows[i].signer, "");
		assert_string_equal(l.rows[i].phone, "");
	}
	remind_list_free(&l);

	/* Both files into a folder, as the desk's key writes them. */
	char *dir = test_tmpdir("remind"), *csv, *html, *text;
	size_t n, len;
	assert_int_equal(remind_save(db, 2024, dir, &csv, &html, &n, &e), ST_OK);
	assert_int_equal(n, 1);
	assert_non_null(strstr(csv, "/nhac-nop-2024.csv"));
	assert_int_equal(file_read(csv, 1 << 20, &text, &len, &e), ST_OK);
	assert_non_null(strstr(text, "\r\nC,Trường Đại học Y,"));
	free(text);
	assert_int_equal(file_read(html, 1 << 20, &text, &len, &e), ST_OK);
	assert_non_null(strstr(text, "Kính gửi: <b>Trường Đại học Y</b>"));
	free(text);
	free(csv);
	free(html);
	test_rmtree(dir);
	free(dir);

	/* C's 2024 report arrives: nobody is left to remind. */
	merge_report_of_c(db, 2024, "Phạm Minh Đức", "0243 852 3798");
	assert_int_equal(remind_list(db, 2024, &l, &e), ST_OK);
	assert_int_equal(l.n, 0);
	buf_init(&b);
	remind_html(&l, "2024-12-15", &b);
	assert_null(strstr(b.data, "class=\"letter\""));
	buf_free(&b);
	remind_list_free(&l);
	store_close(db);
}

/* The files the desk saves of a year are, under the core's names, the bytes of the exports the
 * command line writes (summary_export, summary_status), and a CSV's tables sit beside its main
 * file, named from it, also when the main file has no suffix or its folder has a dot. */
static void
test_saves_and_export_files(void **state)
{
	(void)state;
	struct store *db = central_world();
	struct err e = {0};
	struct export_files x;
	char *dir = test_tmpdir("saves"), *text, *path;
	size_t len;
	setenv("XHHT_TODAY", "2024-12-15", 1);
	merge_report_of_c(db, 2023, "Phạm Minh Đức", "0243 852 3798");
	static const enum summary_format formats[SAVE_COUNT] = {
	    [SAVE_HTML] = SF_HTML, [SAVE_CSV] = SF_CSV, [SAVE_JSON] = SF_JSON, [SAVE_STATUS] = SF_CSV};
	static const char *const names[SAVE_COUNT] = {
	    [SAVE_HTML] = "tong-hop-2023.html", [SAVE_CSV] = "tong-hop-2023.csv",
	    [SAVE_JSON] = "tong-hop-2023.json", [SAVE_STATUS] = "trang-thai-2023.csv"};
	for (int k = 0; k < SAVE_COUNT; k++) {
		struct buf b;
		char *name = summary_save_name((enum summary_save)k, 2023);
		assert_string_equal(name, names[k]);
		free(name);
		assert_int_equal(summary_save(db, 2023, (enum summary_save)k, dir, &x, &e), ST_OK);
		path = xasprintf("%s/%s", dir, names[k]);
		assert_string_equal(x.main, path);
		assert_int_equal(file_read(path, 1 << 22, &text, &len, &e), ST_OK);
		buf_init(&b);
		if (k == SAVE_STATUS)
			assert_int_equal(summary_status(db, 2023, SF_CSV, &b, &e), ST_OK);
		else
			assert_int_equal(summary_export(db, 2023, formats[k], &b, NULL, NULL, &e), ST_OK);
		assert_int_equal(len, b.len);
		assert_memory_equal(text, b.data, len);
		/* CSV: a file per table of the template, beside the main one. */
		assert_true(k == SAVE_CSV ? x.ntables >= 1 : x.ntables == 0);
		for (size_t i = 0; i < x.ntables; i++) {
			char *want = xasprintf("%s/tong-hop-2023.%s.csv", dir, x.table_ids[i]);
			assert_string_equal(x.tables[i], want);
			assert_int_equal(access(want, F_OK), 0);
			free(want);
		}
		buf_free(&b);
		free(text);
		free(path);
		export_files_free(&x);
	}
	/* Named by -o: without a suffix, and in a folder whose name has a dot. */
	path = xasprintf("%s/tong.hop", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	free(path);
	path = xasprintf("%s/tong.hop/bang", dir);
	assert_int_equal(summary_export_file(db, 2023, SF_CSV, path, &x, &e), ST_OK);
	assert_true(x.ntables >= 1);
	char *want = xasprintf("%s.%s.csv", path, x.table_ids[0]);
	assert_string_equal(x.tables[0], want);
	assert_int_equal(access(want, F_OK), 0);
	free(want);
	free(path);
	export_files_free(&x);
	path = xasprintf("%s/a.csv", dir);
	assert_int_equal(summary_export_file(db, 2023, SF_CSV, path, &x, &e), ST_OK);
	want = xasprintf("%s/a.%s.csv", dir, x.table_ids[0]);
	assert_string_equal(x.tables[0], want);
	free(want);
	free(path);
	export_files_free(&x);
	/* A folder that is not there: the error names it, nothing is listed as written. */
	path = xasprintf("%s/missing", dir);
	assert_int_equal(summary_save(db, 2023, SAVE_HTML, path, &x, &e), ST_ENV);
	assert_non_null(strstr(e.msg, "missing"));
	export_files_free(&x);
	free(path);
	unsetenv("XHHT_TODAY");
	test_rmtree(dir);
	free(dir);
	store_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_states_and_counts),
	    cmocka_unit_test(test_status_says_the_same),
	    cmocka_unit_test(test_reminders),
	    cmocka_unit_test(test_saves_and_export_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
