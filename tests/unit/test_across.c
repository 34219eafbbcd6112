/* test_across.c: the figures across years (across_years): every national total and every unit's
 * figure equal to what the test sums itself from the merged reports stored in the database (the
 * last merged revision of each unit-year only); an indicator a year's template version lacks,
 * and a year nobody reported, absent and never zero; the change from year to year; the span
 * refused with its reason; the exports and the Council's report carrying the same numbers. */
#include "testlib.h"

#include "across.h"
#include "i18n.h"
#include "json.h"
#include "summary.h"

/* A bundle of code's report of year at revision rev (template version tv), merged when merged. */
static void
bundle(struct store *db, const char *code, int year, int rev, int tv, const char *values,
       bool merged)
{
	char *json = xasprintf(
	    "{\"template\":\"bao-cao-nam\",\"template_version\":%d,\"unit\":{\"code\":\"%s\"},"
	    "\"year\":%d,\"revision\":%d,\"values\":{%s},\"tables\":{\"khen_thuong.de_nghi\":["
	    "{\"doi_tuong\":\"tap_the\",\"ten\":\"Khoa %s\",\"hinh_thuc\":\"bang_khen_byt\","
	    "\"thanh_tich\":\"Tốt\"}]}}",
	    tv, code, year, rev, values, code);
	char *id = xasprintf("%s-%d-%d", code, year, rev);
	sqlite3_stmt *st;
	assert_int_equal(
	    sqlite3_prepare_v2(db->sql,
			       "INSERT INTO bundle(hash, id, unit_code, year, revision, packed_at,"
			       " imported_at, signer_pk, template_id, template_version, report,"
			       " state, source) VALUES (randomblob(8), ?3, ?1, ?2, ?5,"
			       " '2024-11-01T00:00:00Z', '2024-11-01T00:00:00Z', x'00',"
			       " 'bao-cao-nam', ?6, ?4, ?7, 'f');",
			       -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_text(st, 3, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, json, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, rev);
	sqlite3_bind_int(st, 6, tv);
	sqlite3_bind_text(st, 7, merged ? "merged" : "superseded", -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	if (merged) {
		char *sql = xasprintf(
		    "INSERT INTO merged(unit_code, year, bundle_hash, revision, merged_at)"
		    " SELECT unit_code, year, hash, revision, 'x' FROM bundle WHERE id = '%s'",
		    id);
		assert_int_equal(sqlite3_exec(db->sql, sql, NULL, NULL, NULL), SQLITE_OK);
		free(sql);
	}
	free(id);
	free(json);
}

/* A central in memory: units A, B, C, and version 2 of the yearly template, which renames
 * thi_dua.hoat_dong_quoc_te to thi_dua.hoat_dong_moi; no report yet. */
static struct store *
central(void)
{
	struct store *db = NULL;
	struct err e = {0};
	if (store_open_memory(STORE_CENTRAL, &db, &e) != ST_OK)
		fail_msg("store_open_memory: %s", e.msg);
	assert_int_equal(
	    sqlite3_exec(db->sql,
			 "INSERT INTO unit(code, name, grp, created_at) VALUES"
			 " ('A', 'Bệnh viện Bạch Mai', 'benh_vien', 'x'),"
			 " ('B', 'Viện Dinh dưỡng', 'vien', 'x'),"
			 " ('C', 'Trường Đại học Y', 'truong', 'x');"
			 "INSERT INTO template(id, version, source, installed_at) SELECT id, 2,"
			 " replace(replace(source, '\"version\": 1', '\"version\": 2'),"
			 " 'thi_dua.hoat_dong_quoc_te', 'thi_dua.hoat_dong_moi'), 'x' FROM template"
			 " WHERE id = 'bao-cao-nam' AND version = 1;",
			 NULL, NULL, NULL),
	    SQLITE_OK);
	return db;
}

/* The central's reports. 2023: A, B. 2024: A, B (revision 1 superseded by 2), C (leaves
 * so_khoa empty). 2025: A and C on template version 2 (thi_dua.hoat_dong_quoc_te absent in
 * 2025, thi_dua.hoat_dong_moi before). 2026: nobody. */
static struct store *
world(void)
{
	struct store *db = central();
	bundle(db, "A", 2023, 1, 1,
	       "\"dao_tao.so_khoa\":10,\"nguon_luc.kinh_phi\":1250000000,"
	       "\"thi_dua.hoat_dong_quoc_te\":2",
	       true);
	bundle(db, "B", 2023, 1, 1, "\"dao_tao.so_khoa\":5,\"thi_dua.hoat_dong_quoc_te\":1", true);
	bundle(db, "A", 2024, 1, 1, "\"dao_tao.so_khoa\":12,\"nguon_luc.kinh_phi\":1000000000",
	       true);
	bundle(db, "B", 2024, 1, 1, "\"dao_tao.so_khoa\":900", false);
	bundle(db, "B", 2024, 2, 1, "\"dao_tao.so_khoa\":7,\"thi_dua.hoat_dong_quoc_te\":4", true);
	bundle(db, "C", 2024, 1, 1, "\"nguon_luc.kinh_phi\":500000000", true);
	bundle(db, "A", 2025, 1, 2, "\"dao_tao.so_khoa\":20,\"thi_dua.hoat_dong_moi\":3", true);
	bundle(db, "C", 2025, 1, 2, "\"dao_tao.so_khoa\":0,\"thi_dua.hoat_dong_moi\":5", true);
	return db;
}

static size_t
item_of(const struct across *a, const char *id)
{
	for (size_t i = 0; i < a->nitems; i++)
		if (strcmp(a->items[i].f->id, id) == 0)
			return i;
	fail_msg("no indicator %s", id);
	return 0;
}

/* What the test sums itself: id over the merged reports of year as stored (bundle.report of the
 * bundle each merged row names); *n the reports giving it. */
static int64_t
stored_sum(struct store *db, int year, const char *id, size_t *n, const char *unit)
{
	sqlite3_stmt *st;
	int64_t sum = 0;
	*n = 0;
	assert_int_equal(
	    sqlite3_prepare_v2(db->sql,
			       "SELECT b.report FROM merged m JOIN bundle b ON b.hash ="
			       " m.bundle_hash WHERE m.year = ?1 AND (?2 IS NULL OR"
			       " m.unit_code = ?2)",
			       -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_text(st, 2, unit, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct jnode *root;
		struct err e = {0};
		int64_t v;
		assert_int_equal(json_parse((const char *)sqlite3_column_text(st, 0), &root, &e),
				 ST_OK);
		if (json_get_int(json_get(root, "values"), id, INT64_MIN, INT64_MAX, &v)) {
			sum += v;
			(*n)++;
		}
		json_free(root);
	}
	sqlite3_finalize(st);
	return sum;
}

/* Every national total and every unit's figure of every indicator and year is the sum the test
 * makes of the stored merged reports; absent exactly where no stored report gives it. */
static void
test_sums_as_stored(void **state)
{
	(void)state;
	struct store *db = world();
	struct err e = {0};
	struct across a;
	assert_int_equal(across_years(db, 2023, 2026, &a, &e), ST_OK);
	assert_int_equal(a.nyears, 4);
	assert_int_equal(a.nunits, 3);
	assert_true(a.nitems >= 18);
	const size_t reported[] = {2, 3, 2, 0};
	for (int k = 0; k < 4; k++)
		assert_int_equal(across_reported(&a, k), reported[k]);
	for (size_t i = 0; i < a.nitems; i++)
		for (int k = 0; k < a.nyears; k++) {
			size_t n, answered;
			int64_t sum, want = stored_sum(db, 2023 + k, a.items[i].f->id, &n, NULL);
			bool present = across_sum(&a, i, k, &sum, &answered);
			if (present != (n > 0))
				fail_msg("%s %d: present %d, stored reports giving it %zu",
					 a.items[i].f->id, 2023 + k, present, n);
			if (present) {
				assert_int_equal(sum, want);
				assert_int_equal(answered, n);
			}
			for (size_t u = 0; u < a.nunits; u++) {
				int64_t v, w = stored_sum(db, 2023 + k, a.items[i].f->id, &n,
							  a.units[u].code);
				bool has = across_unit_value(&a, i, k, u, &v);
				assert_int_equal(has, n > 0);
				if (has)
					assert_int_equal(v, w);
			}
		}
	/* The superseded revision is not counted: 12 + 7, never 900. */
	int64_t sum;
	size_t n;
	assert_true(across_sum(&a, item_of(&a, "dao_tao.so_khoa"), 1, &sum, &n));
	assert_int_equal(sum, 19);
	assert_int_equal(n, 2);
	/* A zero given is a zero, not an absence. */
	int64_t v;
	assert_string_equal(a.units[2].code, "C");
	assert_true(across_unit_value(&a, item_of(&a, "dao_tao.so_khoa"), 2, 2, &v));
	assert_int_equal(v, 0);
	across_free(&a);
	store_close(db);
}

/* An indicator the year's template version lacks is absent that year, however the units
 * answered the others; the year nobody reported has every indicator absent. */
static void
test_versions_and_empty_year(void **state)
{
	(void)state;
	struct store *db = world();
	struct err e = {0};
	struct across a;
	int64_t sum, v;
	size_t n;
	assert_int_equal(across_years(db, 2023, 2026, &a, &e), ST_OK);
	size_t old = item_of(&a, "thi_dua.hoat_dong_quoc_te"),
	       neu = item_of(&a, "thi_dua.hoat_dong_moi");
	/* The newest template's indicators first, the dropped one after them. */
	assert_true(neu < old);
	assert_true(across_sum(&a, old, 1, &sum, &n));
	assert_int_equal(sum, 4);
	assert_false(across_sum(&a, old, 2, &sum, &n));
	assert_int_equal(a.items[old].at[2], -1);
	assert_false(across_sum(&a, neu, 1, &sum, &n));
	assert_true(across_sum(&a, neu, 2, &sum, &n));
	assert_int_equal(sum, 8);
	assert_false(across_unit_value(&a, neu, 0, 0, &v));
	for (size_t i = 0; i < a.nitems; i++)
		assert_false(across_sum(&a, i, 3, &sum, &n));
	/* JSON: null where absent, never 0. */
	struct buf b;
	buf_init(&b);
	assert_int_equal(across_export(db, 2023, 2026, SF_JSON, &b, NULL, NULL, &e), ST_OK);
	struct jnode *root;
	assert_int_equal(json_parse(b.data, &root, &e), ST_OK);
	const struct jnode *items = json_get(root, "indicators");
	bool seen = false;
	for (size_t i = 0; items && i < items->nkids; i++) {
		const struct jnode *it = items->kids[i];
		char id[64];
		if (!json_get_text(it, "id", id, sizeof id) ||
		    strcmp(id, "thi_dua.hoat_dong_quoc_te") != 0)
			continue;
		const struct jnode *years = json_get(it, "years");
		assert_int_equal(json_get(years, "2025")->type, J_NULL);
		assert_int_equal(json_get(years, "2026")->type, J_NULL);
		int64_t s;
		assert_true(json_get_int(json_get(years, "2024"), "sum", 0, 100, &s) && s == 4);
		seen = true;
	}
	assert_true(seen);
	json_free(root);
	buf_free(&b);
	across_free(&a);
	store_close(db);
}

/* The change from year to year: absolute and in tenths of a percent, rounded half away from
 * zero; none from or to an absent year, no percent from a zero. */
static void
test_change(void **state)
{
	(void)state;
	int64_t d, t;
	bool pct;
	struct buf b;
	assert_true(across_change(true, 163, true, 159, &d, &t, &pct));
	assert_int_equal(d, -4);
	assert_int_equal(t, -25);
	assert_true(pct);
	assert_true(across_change(true, 3, true, 4, &d, &t, &pct));
	assert_int_equal(t, 333);
	assert_true(across_change(true, 0, true, 5, &d, &t, &pct));
	assert_int_equal(d, 5);
	assert_false(pct);
	assert_false(across_change(false, 0, true, 5, &d, &t, &pct));
	assert_false(across_change(true, 5, false, 0, &d, &t, &pct));
	assert_true(
	    across_change(true, 2000000000000000LL, true, 4000000000000000LL, &d, &t, &pct));
	assert_int_equal(t, 1000);
	buf_init(&b);
	struct field f = {.type = F_INT};
	across_change_format(&f, -1250, -25, true, &b);
	assert_string_equal(b.data, "-1.250 (-2,5%)");
	buf_reset(&b);
	across_change_format(&f, 7, 0, false, &b);
	assert_string_equal(b.data, "+7");
	buf_reset(&b);
	across_percent(-25, true, &b);
	assert_string_equal(b.data, "-2.5");
	buf_free(&b);
}

/* Absurd figures (a merged report nobody checked) never overflow: the change saturates at the
 * int64 extremes, the percentage is clamped to ACROSS_PCT_MAX; the three exports of a span
 * from 1 to INT64_MIN to INT64_MAX say so, written once for all three by across_save. */
static void
test_extremes(void **state)
{
	(void)state;
	int64_t d, t;
	bool pct;
	assert_true(across_change(true, INT64_MIN, true, INT64_MAX, &d, &t, &pct));
	assert_true(d == INT64_MAX);
	assert_int_equal(t, 2000);
	assert_true(across_change(true, INT64_MAX, true, INT64_MIN, &d, &t, &pct));
	assert_true(d == INT64_MIN);
	assert_int_equal(t, -2000);
	assert_true(across_change(true, 1, true, INT64_MAX, &d, &t, &pct));
	assert_true(d == INT64_MAX - 1);
	assert_true(t == ACROSS_PCT_MAX);
	assert_true(across_change(true, INT64_MIN, true, 0, &d, &t, &pct));
	assert_true(d == INT64_MAX);
	assert_int_equal(t, 1000);
	assert_true(across_change(true, -1, true, INT64_MIN, &d, &t, &pct));
	assert_true(d == INT64_MIN + 1);
	assert_true(t == -ACROSS_PCT_MAX);

	struct store *db = central();
	struct err e = {0};
	bundle(db, "A", 2023, 1, 1, "\"dao_tao.so_khoa\":1", true);
	bundle(db, "A", 2024, 1, 1, "\"dao_tao.so_khoa\":-9223372036854775808", true);
	bundle(db, "A", 2025, 1, 1, "\"dao_tao.so_khoa\":9223372036854775807", true);
	struct buf b;
	buf_init(&b);
	assert_int_equal(across_export(db, 2023, 2025, SF_JSON, &b, NULL, NULL, &e), ST_OK);
	assert_non_null(strstr(b.data, "\"change\":-9223372036854775808,\"percent\":"
				       "-100000000000000.0"));
	assert_non_null(strstr(b.data, "\"change\":9223372036854775807,\"percent\":"
				       "200.0"));
	buf_reset(&b);
	assert_int_equal(across_export(db, 2023, 2025, SF_CSV, &b, NULL, NULL, &e), ST_OK);
	assert_non_null(strstr(b.data, ",int,2024,1,-9223372036854775808,1,"
				       "-9223372036854775808,-100000000000000.0\r\n"));
	assert_non_null(strstr(b.data, ",int,2025,1,9223372036854775807,1,"
				       "9223372036854775807,200.0\r\n"));
	buf_reset(&b);
	assert_int_equal(across_export(db, 2023, 2025, SF_HTML, &b, NULL, NULL, &e), ST_OK);
	assert_non_null(strstr(b.data, "(-100000000000000,0%)"));
	buf_free(&b);

	char *dir = test_tmpdir("across");
	size_t files;
	assert_int_equal(across_save(db, 2023, 2025, dir, &files, &e), ST_OK);
	assert_int_equal(files, 5);
	test_rmtree(dir);
	free(dir);
	store_close(db);
}

/* A span is two years in order within the report years, at most ACROSS_MAX_YEARS long. */
static void
test_span(void **state)
{
	(void)state;
	struct err e = {0};
	int from, to;
	assert_int_equal(across_span_parse("2023-2026", &from, &to, &e), ST_OK);
	assert_int_equal(from, 2023);
	assert_int_equal(to, 2026);
	assert_int_equal(across_span_parse("2025", &from, &to, &e), ST_OK);
	assert_int_equal(to, 2025);
	const char *bad[] = {"",          "2023-",      "-2026",      "2026-2023", "1999-2003",
			     "2023-2040", "2023..2026", "2023-2026x", "abc"};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		e = (struct err){0};
		if (across_span_parse(bad[i], &from, &to, &e) != ST_ENV)
			fail_msg("span \"%s\" taken", bad[i]);
		assert_non_null(strstr(e.msg, "--years"));
		assert_null(strchr(e.msg, '\n'));
	}
}

/* CSV: the national totals' rows and each unit's row carry the same numbers, absent cells
 * empty; the Council's report puts each proposed unit's figures beside its nomination. */
static void
test_csv_and_council(void **state)
{
	(void)state;
	struct store *db = world();
	struct err e = {0};
	struct buf b;
	buf_init(&b);
	assert_int_equal(across_export(db, 2023, 2026, SF_CSV, &b, NULL, NULL, &e), ST_OK);
	assert_non_null(strstr(b.data, "\r\ndao_tao.so_khoa,\"Số khóa, lớp đào tạo, bồi dưỡng đã "
				       "tổ chức\",int,2024,3,19,2,4,26.7\r\n"));
	assert_non_null(strstr(b.data,
			       "\r\ndao_tao.so_khoa,\"Số khóa, lớp đào tạo, bồi dưỡng đã tổ chức\","
			       "int,2026,0,,,,\r\n"));
	buf_reset(&b);
	assert_int_equal(across_proposals(db, 2023, 2025, SF_CSV, &b, &e), ST_OK);
	/* A's nomination of 2024, its so_khoa of 2023, 2024, 2025 beside it. */
	const char *row = strstr(b.data, "\r\nA,Bệnh viện Bạch Mai,2024,khen_thuong.de_nghi,1,");
	assert_non_null(row);
	const char *end = strstr(row + 2, "\r\n");
	char *line = xasprintf("%.*s", (int)(end - row), row);
	assert_non_null(strstr(line, ",10,12,20,"));
	free(line);
	assert_non_null(strstr(b.data, ",dao_tao.so_khoa:2023,dao_tao.so_khoa:2024,"));
	buf_reset(&b);
	assert_int_equal(across_proposals(db, 2023, 2025, SF_HTML, &b, &e), ST_OK);
	assert_non_null(strstr(b.data, "có 7 đề nghị khen thưởng"));
	assert_non_null(strstr(b.data, "Bằng khen của Bộ Y tế — Tập thể (7)"));
	buf_free(&b);
	store_close(db);
}

int
main(void)
{
	ui_lang = LANG_VI;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sums_as_stored),  cmocka_unit_test(test_versions_and_empty_year),
	    cmocka_unit_test(test_change),          cmocka_unit_test(test_span),
	    cmocka_unit_test(test_csv_and_council), cmocka_unit_test(test_extremes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
