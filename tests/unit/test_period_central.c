/* test_period_central.c: the central's reports keyed by period (migration 0011): a database written
 * before it opens keeping every bundle, merged report, receipt, review, audit and log row, each
 * now a yearly report's (phase_first 0), read as before; a phase review then merges beside the
 * yearly report of its closing year. */
#include "testlib.h"

#include <string.h>

#include "embedded.h"
#include "i18n.h"
#include "merged.h"
#include "review.h"
#include "store.h"
#include "summary.h"

#define OLD_SCHEMA 10
#define APPID_CENTRAL 0x58484843 /* 'XHHC' */

/* A central database as the program before migration 0011 left it: migrations 1 to 10, one
 * unit with two revisions of its 2024 report (the second merged, receipted and reviewed with a
 * comment), the audit lines and the staff log's line. */
static void
old_central(const char *file)
{
	static const char rows[] =
	    "INSERT INTO unit(code, name, grp, created_at) VALUES ('BVDKM', 'Bệnh viện Đa khoa Minh"
	    " Hòa', 'benh_vien', '2024-01-01T00:00:00Z');"
	    "INSERT INTO bundle(hash, id, unit_code, year, revision, packed_at, imported_at,"
	    " signer_pk, template_id, template_version, report, state, source, observed_at,"
	    " observed_by) VALUES"
	    " (x'01', 'aa', 'BVDKM', 2024, 1, '2024-11-30T01:00:00Z', '2024-11-30T02:00:00Z', "
	    "x'00',"
	    "  'bao-cao-nam', 1, '{}', 'superseded', 'a.xhht', '2024-11-30T02:00:00Z', 'import'),"
	    " (x'02', 'bb', 'BVDKM', 2024, 2, '2024-12-01T01:00:00Z', '2024-12-01T02:00:00Z', "
	    "x'00',"
	    "  'bao-cao-nam', 1, '{}', 'merged', 'b.xhht', '2024-12-01T02:00:00Z', 'import');"
	    "INSERT INTO merged VALUES ('BVDKM', 2024, x'02', 2, '2024-12-01T02:00:00Z');"
	    "INSERT INTO receipt_sent(bundle_hash, unit_code, year, revision, outcome, path,"
	    " written_at) VALUES (x'02', 'BVDKM', 2024, 2, 'merged', "
	    "'r/XHHT-2024-BVDKM-r2.receipt',"
	    " '2024-12-01T02:00:01Z');"
	    "INSERT INTO audit(at, source, message_id, file_hash, unit_code, year, revision, "
	    "outcome,"
	    " reason) VALUES ('2024-11-30T02:00:00Z', 'a.xhht', NULL, x'01', 'BVDKM', 2024, 1,"
	    " 'merged', ''), ('2024-12-01T02:00:00Z', 'b.xhht', NULL, x'02', 'BVDKM', 2024, 2,"
	    " 'merged', ''), ('2024-12-01T02:00:00Z', 'c.xhht', NULL, x'03', NULL, NULL, NULL,"
	    " 'refused', 'damaged');"
	    "INSERT INTO review(unit_code, year, revision, bundle_hash, state, at, staff) VALUES"
	    " ('BVDKM', 2024, 2, x'02', 'needs_fixing', '2024-12-02T01:00:00Z', 'lan');"
	    "INSERT INTO review_comment VALUES (1, 0, 'chung.nguoi_ky', 'Ghi rõ họ tên.');"
	    "INSERT INTO staff_action(at, staff, action, unit_code, year, detail) VALUES"
	    " ('2024-12-02T01:00:00Z', 'lan', 'review', 'BVDKM', 2024, 'cần sửa');";
	const char *dir = "migrations/central/";
	sqlite3 *db = NULL;
	char *msg = NULL, *version;
	assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	for (const struct embedded_file *f = embedded_files; f->name; f++)
		if (strncmp(f->name, dir, strlen(dir)) == 0 &&
		    atoi(f->name + strlen(dir)) <= OLD_SCHEMA &&
		    sqlite3_exec(db, f->data, NULL, NULL, &msg) != SQLITE_OK)
			fail_msg("%s: %s", f->name, msg);
	version = xasprintf("PRAGMA user_version = %d; PRAGMA application_id = %d; COMMIT",
			    OLD_SCHEMA, APPID_CENTRAL);
	if (sqlite3_exec(db, rows, NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(db, version, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("old rows: %s", msg);
	free(version);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static char *
text_of(struct store *db, const char *sql)
{
	char *s = store_text(db, sql, "");
	return s ? s : xstrdup("(none)");
}

static void
same_text(struct store *db, const char *sql, const char *want)
{
	char *got = text_of(db, sql);
	if (strcmp(got, want) != 0)
		fail_msg("%s: got \"%s\", wanted \"%s\"", sql, got, want);
	free(got);
}

static void
test_old_central_keeps_everything(void **state)
{
	(void)state;
	char *dir = test_tmpdir("period"), *file = xasprintf("%s/xhht-central.db", dir);
	struct store *db;
	struct err e = {0};
	old_central(file);
	if (store_open(dir, STORE_CENTRAL, &db, &e) != ST_OK)
		fail_msg("store_open: %s", e.msg);
	assert_true(store_schema_version(STORE_CENTRAL) > OLD_SCHEMA);
	assert_int_equal(test_sql_int(db, "PRAGMA user_version"),
			 store_schema_version(STORE_CENTRAL));
	/* Every row kept, each a yearly report's. */
	same_text(db,
		  "SELECT group_concat(hex(hash) || ':' || revision || ':' || state || ':' ||"
		  " phase_first, ' ') FROM (SELECT * FROM bundle ORDER BY hash)",
		  "01:1:superseded:0 02:2:merged:0");
	same_text(db,
		  "SELECT unit_code || ' ' || year || ' ' || phase_first || ' ' || hex(bundle_hash)"
		  " || ' ' || revision || ' ' || merged_at FROM merged",
		  "BVDKM 2024 0 02 2 2024-12-01T02:00:00Z");
	same_text(db, "SELECT path || ' ' || phase_first FROM receipt_sent",
		  "r/XHHT-2024-BVDKM-r2.receipt 0");
	same_text(
	    db,
	    "SELECT group_concat(coalesce(year, '-') || '/' || coalesce(phase_first, '-'), ' ')"
	    " FROM (SELECT * FROM audit ORDER BY id)",
	    "2024/0 2024/0 -/-");
	same_text(db, "SELECT year || ' ' || phase_first || ' ' || detail FROM staff_action",
		  "2024 0 cần sửa");
	/* Read as before: the review of the revision merged, with its comment, in the year's
	 * status. */
	struct review_entry r;
	bool found;
	assert_int_equal(review_current(db, "BVDKM", 2024, &r, &found, &e), ST_OK);
	assert_true(found);
	assert_int_equal(r.revision, 2);
	assert_int_equal(r.period, 2024);
	assert_int_equal(r.rv.n, 1);
	assert_string_equal(r.rv.comments[0].text, "Ghi rõ họ tên.");
	review_entry_free(&r);
	struct year_units y;
	assert_int_equal(summary_units(db, 2024, &y, &e), ST_OK);
	assert_int_equal(y.n, 1);
	assert_int_equal(y.units[0].revision, 2);
	assert_int_equal(y.units[0].state, US_NEEDS_FIXING);
	assert_int_equal(y.units[0].bundles, 2);
	summary_units_free(&y);
	/* A phase review of a phase closing in 2024 merges beside the yearly report, and is not
	 * the year's. */
	assert_int_equal(
	    store_do(db,
		     "INSERT INTO bundle(hash, id, unit_code, year, revision, packed_at,"
		     " imported_at, signer_pk, template_id, template_version, report,"
		     " state, source, phase_first) VALUES (x'04', 'cc', 'BVDKM', 2024, 1,"
		     " 't', 't', x'00', 'x', 1, '{}', 'merged', 'd.xhht', 2022)",
		     &e, ""),
	    ST_OK);
	assert_int_equal(
	    store_do(db,
		     "INSERT INTO merged(unit_code, year, phase_first, bundle_hash,"
		     " revision, merged_at) VALUES ('BVDKM', 2024, 2022, x'04', 1, 't')",
		     &e, ""),
	    ST_OK);
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM merged"), 2);
	assert_int_equal(summary_units(db, 2024, &y, &e), ST_OK);
	assert_int_equal(y.units[0].revision, 2);
	assert_int_equal(y.units[0].bundles, 2);
	summary_units_free(&y);
	assert_int_equal(review_current(db, "BVDKM", PERIOD_KEY(2024, 2022), &r, &found, &e),
			 ST_OK);
	assert_false(found);
	store_close(db);
	/* Opened again: nothing to migrate, nothing changed. */
	if (store_open(dir, STORE_CENTRAL, &db, &e) != ST_OK)
		fail_msg("store_open again: %s", e.msg);
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM merged"), 2);
	store_close(db);
	test_rmtree(dir);
	free(file);
	free(dir);
}

/* The period as the central's readers take it: a year stays itself, a phase is its first year
 * and its closing year in one key; written and parsed back through report.c's one form. */
static void
test_period_key(void **state)
{
	(void)state;
	char s[REPORT_PERIOD_SIZE], w[PERIOD_WORDS_SIZE];
	int key;
	assert_int_equal(PERIOD_KEY(2025, 0), 2025);
	assert_int_equal(PERIOD_YEAR(PERIOD_KEY(2025, 2023)), 2025);
	assert_int_equal(PERIOD_FIRST(PERIOD_KEY(2025, 2023)), 2023);
	assert_int_equal(PERIOD_FIRST(2025), 0);
	period_key_text(PERIOD_KEY(2025, 2023), s);
	assert_string_equal(s, "2023-2025");
	period_key_text(2025, s);
	assert_string_equal(s, "2025");
	assert_true(period_key_parse("2023-2030", &key));
	assert_int_equal(key, PERIOD_KEY(2030, 2023));
	assert_true(period_key_parse("2024", &key));
	assert_int_equal(key, 2024);
	assert_false(period_key_parse("2025-2023", &key));
	ui_lang = LANG_VI;
	period_key_words(PERIOD_KEY(2025, 2023), w);
	assert_string_equal(w, "giai đoạn 2023-2025");
	period_key_words(2025, w);
	assert_string_equal(w, "năm 2025");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_old_central_keeps_everything),
	    cmocka_unit_test(test_period_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
