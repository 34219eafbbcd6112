/* test_report.c: reports between JSON, memory and the database, and values as a clerk reads
 * them. */
#include "testlib.h"

#include <stdio.h>

#include "i18n.h"
#include "report.h"
#include "template.h"
#include "unit.h"
#include "store.h"

#define SAMPLE "tests/data/bao-cao-mau.json"

static struct report *
load(struct store *db, const char *text, int year)
{
	struct report *r = NULL;
	struct err e = {0};
	if (report_from_json(db, text, strlen(text), year, &r, &e) != ST_OK)
		fail_msg("report_from_json: %s", e.msg);
	assert_non_null(r);
	return r;
}

static char *
to_json(const struct report *r)
{
	struct buf b;
	buf_init(&b);
	report_to_json(r, &b);
	return buf_steal(&b);
}

static void
save(struct store *db, const struct report *r)
{
	struct err e = {0};
	assert_int_equal(store_begin(db, &e), ST_OK);
	if (report_save(db, r, &e) != ST_OK)
		fail_msg("report_save: %s", e.msg);
	assert_int_equal(store_commit(db, &e), ST_OK);
}

static struct report *
read_back(struct store *db, int year)
{
	struct report *r = NULL;
	struct err e = {0};
	if (report_read(db, year, 0, &r, &e) != ST_OK)
		fail_msg("report_read: %s", e.msg);
	return r;
}

/* Returns text with the only occurrence of from replaced by to. */
static char *
replace(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	if (at == NULL || strstr(at + 1, from) != NULL)
		fail_msg("\"%s\" is not in the text exactly once", from);
	return xasprintf("%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
}

/* Every node of one JSON document that the other lacks (path, type and value), or NULL. */
static char *
json_missing(struct store *db, const char *a, const char *b)
{
	return test_sql_text(db,
			     "SELECT group_concat(fullkey || ' ' || type || ' '"
			     " || coalesce(atom, ''), char(10)) FROM"
			     " (SELECT fullkey, type, atom FROM json_tree(?1)"
			     " EXCEPT SELECT fullkey, type, atom FROM json_tree(?2))",
			     a, b);
}

static void
assert_json_same(struct store *db, const char *a, const char *b)
{
	char *only_a = json_missing(db, a, b), *only_b = json_missing(db, b, a);
	if (only_a || only_b)
		fail_msg("JSON differs.\nonly in the first:\n%s\nonly in the second:\n%s",
			 only_a ? only_a : "", only_b ? only_b : "");
}

static void
test_sample_roundtrip(void **state)
{
	(void)state;
	struct store *db = test_db();
	char *sample = test_file(SAMPLE, NULL);
	struct report *r = load(db, sample, 2024);
	char *out = to_json(r);

	assert_json_same(db, sample, out);
	/* A few values by path, read by SQLite from the output. */
	char *v = test_sql_text(db, "SELECT json_extract(?1, '$.values.\"nguon_luc.kinh_phi\"')",
				out, NULL);
	assert_string_equal(v, "3450000000");
	free(v);
	v = test_sql_text(db,
			  "SELECT json_extract(?1, '$.tables.\"khen_thuong.de_nghi\"[2].chuc_vu')",
			  out, NULL);
	assert_string_equal(v, "Điều dưỡng trưởng khoa Nội tổng hợp");
	free(v);
	v = test_sql_text(db, "SELECT json_type(?1, '$.values.\"tu_danh_gia.tc1\"')", out, NULL);
	assert_string_equal(v, "false");
	free(v);
	v = test_sql_text(db, "SELECT json_extract(?1, '$.unit.name')", out, NULL);
	assert_string_equal(v, "Bệnh viện Đa khoa Minh Hòa");
	free(v);
	assert_int_equal(r->year, 2024);
	assert_int_equal(r->revision, 1);
	assert_string_equal(r->unit_code, "BVDKM");

	/* The output is canonical: reading and writing it again gives the same bytes. */
	struct report *r2 = load(db, out, 0);
	char *out2 = to_json(r2);
	assert_string_equal(out, out2);
	free(out2);
	report_free(r2);
	free(out);
	report_free(r);
	free(sample);
	store_close(db);
}

static void
test_canonical_form(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct report *r = load(
		db, "{\"year\": 2024, \"template_version\": 1, \"template\": \"bao-cao-nam\"}", 0);
	char *out = to_json(r);
	assert_string_equal(out, "{\n"
				 " \"template\": \"bao-cao-nam\",\n"
				 " \"template_version\": 1,\n"
				 " \"year\": 2024,\n"
				 " \"revision\": 0,\n"
				 " \"values\": {},\n"
				 " \"tables\": {\n"
				 "  \"thi_dua.mo_hinh\": [],\n"
				 "  \"khen_thuong.de_nghi\": []\n"
				 " }\n"
				 "}\n");
	free(out);
	report_free(r);

	/* Template order whatever the input order; absent and empty values left out. */
	r = load(db,
		 "{\"tables\": {\"khen_thuong.de_nghi\": [{\"ten\": \"A\", \"chuc_vu\": \"\","
		 " \"doi_tuong\": \"ca_nhan\"}, {}]},"
		 " \"values\": {\"kien_nghi.de_xuat\": null, \"dao_tao.co_ke_hoach\": false,"
		 " \"chung.tong_so_nguoi\": 5, \"chung.email\": \"  \","
		 " \"chung.ngay_bao_cao\": \"\"},"
		 " \"unit\": {\"code\": \" X1 \"}, \"revision\": 3, \"year\": 2024,"
		 " \"template_version\": 1, \"template\": \"bao-cao-nam\"}",
		 2024);
	out = to_json(r);
	assert_string_equal(out, "{\n"
				 " \"template\": \"bao-cao-nam\",\n"
				 " \"template_version\": 1,\n"
				 " \"unit\": {\"code\": \"X1\", \"name\": \"\"},\n"
				 " \"year\": 2024,\n"
				 " \"revision\": 3,\n"
				 " \"values\": {\n"
				 "  \"chung.tong_so_nguoi\": 5,\n"
				 "  \"dao_tao.co_ke_hoach\": false\n"
				 " },\n"
				 " \"tables\": {\n"
				 "  \"thi_dua.mo_hinh\": [],\n"
				 "  \"khen_thuong.de_nghi\": [\n"
				 "   {\n"
				 "    \"doi_tuong\": \"ca_nhan\",\n"
				 "    \"ten\": \"A\"\n"
				 "   },\n"
				 "   {\n"
				 "   }\n"
				 "  ]\n"
				 " }\n"
				 "}\n");
	free(out);
	report_free(r);
	store_close(db);
}

/* Text is stored clean and NFC, and survives JSON escaping both ways. */
static void
test_text_values(void **state)
{
	(void)state;
	struct store *db = test_db();
	const char *in = "{\"template\": \"bao-cao-nam\", \"template_version\": 1, \"year\": 2024,"
			 " \"values\": {\"chi_dao.ket_qua\":"
			 " \"Nguye\xcc\x82\xcc\x83n \\\"A\\\" \\\\ b\\r\\n\\tc/\\u00e0\\n\\n\","
			 " \"chung.nguoi_ky\": \"  Tra\xcc\x82\xcc\x80n\\tVa\xcc\x86n  \"}}";
	struct report *r = load(db, in, 2024);
	int f = template_field(r->t, "chi_dao.ket_qua");
	assert_int_equal(r->values[f].k, V_TEXT);
	assert_string_equal(r->values[f].s, "Nguyễn \"A\" \\ b\n\tc/à");
	f = template_field(r->t, "chung.nguoi_ky");
	assert_string_equal(r->values[f].s, "Trần Văn");
	char *out = to_json(r);
	assert_non_null(strstr(out, "\"Nguyễn \\\"A\\\" \\\\ b\\n\\tc/à\""));
	char *v = test_sql_text(db, "SELECT json_extract(?1, '$.values.\"chi_dao.ket_qua\"')", out,
				NULL);
	assert_string_equal(v, "Nguyễn \"A\" \\ b\n\tc/à");
	free(v);
	free(out);
	report_free(r);
	store_close(db);
}

static void
test_save_read_identical(void **state)
{
	(void)state;
	struct store *db = test_db();
	char *sample = test_file(SAMPLE, NULL);
	struct report *r = load(db, sample, 2024);
	char *out = to_json(r);
	save(db, r);
	struct report *back = read_back(db, 2024);
	char *again = to_json(back);
	assert_string_equal(out, again);
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM report_row WHERE year = 2024"), 5);
	assert_int_equal(test_sql_int(db, "SELECT value FROM report_value WHERE year = 2024 AND"
					  " field_id = 'tu_danh_gia.tc1'"),
			 0);
	/* The check results of an earlier version of the draft are forgotten on save. */
	assert_int_equal(test_sql_int(db, "SELECT checked_at IS NULL FROM report"), 1);
	free(again);
	report_free(back);

	/* Saving a smaller report replaces the draft: nothing of the old one is left. */
	struct report *small = load(db,
				    "{\"template\": \"bao-cao-nam\", \"template_version\": 1,"
				    " \"year\": 2024, \"values\": {\"chung.tong_so_nguoi\": 7},"
				    " \"tables\": {\"thi_dua.mo_hinh\": [{\"ten\": \"M\"}]}}",
				    2024);
	save(db, small);
	back = read_back(db, 2024);
	char *small_out = to_json(small), *back_out = to_json(back);
	/* Only the unit (kept from the earlier draft) and the revision (never lowered) differ. */
	assert_string_equal(back->unit_code, "BVDKM");
	assert_int_equal(back->revision, 1);
	back->revision = 0;
	free(back->unit_code);
	free(back->unit_name);
	back->unit_code = back->unit_name = NULL;
	free(back_out);
	back_out = to_json(back);
	assert_string_equal(small_out, back_out);
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM report_value"), 1);
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM report_row"), 1);
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM report_cell"), 1);
	free(small_out);
	free(back_out);
	report_free(back);
	report_free(small);
	free(out);
	report_free(r);
	free(sample);
	store_close(db);
}

/* Years are kept apart. */
static void
test_two_years(void **state)
{
	(void)state;
	struct store *db = test_db();
	char *sample = test_file(SAMPLE, NULL);
	char *y2025 = replace(sample, "\"year\": 2024", "\"year\": 2025");
	char *y2025b =
		replace(y2025, "\"chung.tong_so_nguoi\": 1260", "\"chung.tong_so_nguoi\": 99");
	struct report *a = load(db, sample, 2024), *b = load(db, y2025b, 2025);
	save(db, a);
	save(db, b);
	struct report *ra = read_back(db, 2024), *rb = read_back(db, 2025);
	int f = template_field(ra->t, "chung.tong_so_nguoi");
	assert_int_equal(ra->values[f].i, 1260);
	assert_int_equal(rb->values[f].i, 99);
	assert_int_equal(rb->year, 2025);
	report_free(ra);
	report_free(rb);
	report_free(a);
	report_free(b);
	free(y2025);
	free(y2025b);
	free(sample);
	store_close(db);
}

static void
test_revision_never_lowered(void **state)
{
	(void)state;
	struct store *db = test_db();
	char *sample = test_file(SAMPLE, NULL);
	char *rev5 = replace(sample, "\"revision\": 1", "\"revision\": 5");
	char *rev2 = replace(sample, "\"revision\": 1", "\"revision\": 2");
	char *rev2b =
		replace(rev2, "\"chung.tong_so_nguoi\": 1260", "\"chung.tong_so_nguoi\": 1300");
	struct report *r5 = load(db, rev5, 2024), *r2 = load(db, rev2b, 2024);
	save(db, r5);
	save(db, r2);
	struct report *back = read_back(db, 2024);
	assert_int_equal(back->revision, 5);
	/* The content is the newer draft's, only the number stays. */
	assert_int_equal(back->values[template_field(back->t, "chung.tong_so_nguoi")].i, 1300);
	assert_int_equal(test_sql_int(db, "SELECT revision FROM report WHERE year = 2024"), 5);
	report_free(back);
	/* A higher one is taken. */
	char *rev9 = replace(sample, "\"revision\": 1", "\"revision\": 9");
	struct report *r9 = load(db, rev9, 2024);
	save(db, r9);
	back = read_back(db, 2024);
	assert_int_equal(back->revision, 9);
	report_free(back);
	report_free(r9);
	report_free(r5);
	report_free(r2);
	free(rev9);
	free(rev5);
	free(rev2);
	free(rev2b);
	free(sample);
	store_close(db);
}

static void
test_draft_unit_kept(void **state)
{
	(void)state;
	struct store *db = test_db();
	char *sample = test_file(SAMPLE, NULL);
	char *no_unit = test_sql_text(db, "SELECT json_remove(?1, '$.unit')", sample, NULL);
	char *other = replace(sample, "\"code\": \"BVDKM\"", "\"code\": \"KHAC\"");
	struct report *a = load(db, sample, 2024), *b = load(db, no_unit, 2024);
	assert_null(b->unit_code);
	save(db, a);
	save(db, b);
	struct report *back = read_back(db, 2024);
	assert_string_equal(back->unit_code, "BVDKM");
	assert_string_equal(back->unit_name, "Bệnh viện Đa khoa Minh Hòa");
	report_free(back);

	/* A later load that names a unit replaces it. */
	struct report *c = load(db, other, 2024);
	save(db, c);
	back = read_back(db, 2024);
	assert_string_equal(back->unit_code, "KHAC");
	report_free(back);

	/* Once enrolled, the enrolled unit is the report's, whatever the draft says. */
	struct err e = {0};
	assert_int_equal(store_exec(db,
				    "INSERT INTO unit(only, code, name, enrolled_at) VALUES"
				    " (1, 'BVBM', 'Bệnh viện Bạch Mai', '2024-01-01T00:00:00Z')",
				    &e),
			 ST_OK);
	back = read_back(db, 2024);
	assert_string_equal(back->unit_code, "BVBM");
	assert_string_equal(back->unit_name, "Bệnh viện Bạch Mai");
	report_free(back);
	report_free(a);
	report_free(b);
	report_free(c);
	free(other);
	free(no_unit);
	free(sample);
	store_close(db);
}

static void
test_read_missing_year(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct report *r = (struct report *)&r;
	struct err e = {0};
	assert_int_equal(report_read(db, 2024, 0, &r, &e), ST_REFUSED);
	assert_null(r);
	assert_non_null(strstr(e.msg, "2024"));
	/* Another year's report does not answer for this one. */
	char *sample = test_file(SAMPLE, NULL);
	struct report *s = load(db, sample, 2024);
	save(db, s);
	r = (struct report *)&r;
	assert_int_equal(report_read(db, 2023, 0, &r, &e), ST_REFUSED);
	assert_null(r);
	assert_non_null(strstr(e.msg, "2023"));
	report_free(s);
	free(sample);
	store_close(db);
}

struct refusal {
	const char *name;
	const char *from, *to; /* replaced in the sample */
	const char *want;      /* in the message */
};

static void
test_refusals(void **state)
{
	(void)state;
	static const struct refusal cases[] = {
		{"unknown top-level key", "\"revision\": 1", "\"revision\": 1, \"extra\": 1",
		 "\"extra\""},
		{"unknown field", "\"chung.email\"", "\"chung.khong_co\"", "chung.khong_co"},
		{"table in values", "\"chung.email\": \"tccb@bvdkminhhoa.vn\"",
		 "\"thi_dua.mo_hinh\": []", "thi_dua.mo_hinh"},
		{"int as text", "\"chung.tong_so_nguoi\": 1260",
		 "\"chung.tong_so_nguoi\": \"1260\"",
		 "chung.tong_so_nguoi: phải là số nguyên, không phải chuỗi"},
		{"decimal number", "\"chung.tong_so_nguoi\": 1260", "\"chung.tong_so_nguoi\": 12.5",
		 "12.5"},
		{"number beyond 64 bits", "\"nguon_luc.kinh_phi\": 3450000000",
		 "\"nguon_luc.kinh_phi\": 99999999999999999999", "số quá lớn"},
		{"yesno as number", "\"chi_dao.co_ke_hoach\": true", "\"chi_dao.co_ke_hoach\": 1",
		 "chi_dao.co_ke_hoach: phải là true hoặc false"},
		{"text as number", "\"chung.nguoi_lap\": \"Võ Thị Minh Thư\"",
		 "\"chung.nguoi_lap\": 5", "chung.nguoi_lap"},
		{"impossible date", "\"2024-11-25\"", "\"2023-02-29\"", "2023-02-29"},
		{"short date", "\"2024-11-25\"", "\"2024-1-25\"", "YYYY-MM-DD"},
		{"date in another form", "\"2024-11-25\"", "\"25/11/2024\"", "25/11/2024"},
		{"date as number", "\"2024-11-25\"", "20241125", "chung.ngay_bao_cao"},
		{"newline in one-line text", "\"Trần Quốc Khánh\"", "\"Trần\\nQuốc Khánh\"",
		 "chung.nguoi_ky: có xuống dòng"},
		{"control character", "\"Giám đốc\"", "\"Giám\\u0007đốc\"", "ký tự điều khiển"},
		{"escaped NUL", "\"Giám đốc\"", "\"Giám\\u0000đốc\"", "NUL"},
		{"table not an array", "\"thi_dua.mo_hinh\": [", "\"thi_dua.mo_hinh\": 5, \"x\": [",
		 "tables.thi_dua.mo_hinh: phải là mảng"},
		{"row not an object", "\"khen_thuong.de_nghi\": [", "\"khen_thuong.de_nghi\": [1, ",
		 "dòng 1"},
		{"unknown column", "\"hinh_thuc\": \"co_thi_dua_byt\"", "\"hinh_thuc_x\": \"a\"",
		 "hinh_thuc_x"},
		{"unknown table", "\"thi_dua.mo_hinh\": [", "\"thi_dua.khac\": [", "thi_dua.khac"},
		{"cell of the wrong type", "\"ten\": \"Nguyễn Hữu Phước\"", "\"ten\": [\"x\"]",
		 "tables.khen_thuong.de_nghi dòng 2, cột ten"},
		{"year mismatch", "\"year\": 2024", "\"year\": 2023", "không phải năm 2024"},
		{"year out of range", "\"year\": 2024", "\"year\": 1999", "\"year\""},
		{"year as text", "\"year\": 2024", "\"year\": \"2024\"", "\"year\""},
		{"negative revision", "\"revision\": 1", "\"revision\": -1", "\"revision\""},
		{"unit without code", "\"code\": \"BVDKM\",", "", "\"unit\""},
		{"unit with extra key", "\"code\": \"BVDKM\",", "\"code\": \"BVDKM\", \"x\": 1,",
		 "\"unit\""},
		{"unit code with newline", "\"code\": \"BVDKM\"", "\"code\": \"BV\\nDKM\"",
		 "\"unit\""},
		{"unknown template", "\"template\": \"bao-cao-nam\"", "\"template\": \"khac\"",
		 "chưa có mẫu báo cáo \"khac\""},
		{"unknown template version", "\"template_version\": 1", "\"template_version\": 2",
		 "phiên bản 2"},
		{"template version as text", "\"template_version\": 1",
		 "\"template_version\": \"1\"", "template_version"},
		{"unknown top-level key before values", "\"values\": {", "\"values\": [], \"x\": {",
		 "khóa không được biết đến ở cấp ngoài cùng: \"x\""},
		{"duplicate key", "\"year\": 2024", "\"year\": 2024, \"year\": 2024",
		 "xuất hiện hai lần"},
		{"not JSON", "\"year\": 2024,", "\"year\": 2024", "không phải JSON hợp lệ"},
		{"invalid UTF-8", "\"Giám đốc\"", "\"Gi\xe1m \xc4\"", "UTF-8"},
	};
	struct store *db = test_db();
	char *sample = test_file(SAMPLE, NULL);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *text = replace(sample, cases[i].from, cases[i].to);
		struct report *r = (struct report *)&r;
		struct err e = {0};
		enum status st = report_from_json(db, text, strlen(text), 2024, &r, &e);
		if (st != ST_REFUSED)
			fail_msg("%s: status %d, wanted refusal", cases[i].name, st);
		assert_null(r);
		if (strstr(e.msg, cases[i].want) == NULL)
			fail_msg("%s: message \"%s\" does not say \"%s\"", cases[i].name, e.msg,
				 cases[i].want);
		free(text);
	}
	/* Whole documents of the wrong shape. */
	static const struct {
		const char *text, *want;
	} shapes[] = {
		{"[]", "phải chứa một đối tượng JSON"},
		{"\"bao-cao-nam\"", "phải chứa một đối tượng JSON"},
		{"", "không phải JSON hợp lệ"},
		{"{}", "thiếu \"template\""},
		{"{\"template\": \"bao-cao-nam\", \"template_version\": 1, \"year\": 2024,"
		 " \"values\": []}",
		 "\"values\" phải là một đối tượng"},
		{"{\"template\": \"bao-cao-nam\", \"template_version\": 1, \"year\": 2024,"
		 " \"tables\": 3}",
		 "\"tables\" phải là một đối tượng"},
		{"{\"template\": \"bao-cao-nam\", \"template_version\": 1}", "\"year\""},
		{"{\"template\": \"bao-cao-nam\", \"template_version\": 99999999999999999999,"
		 " \"year\": 2024}",
		 "template_version"},
	};
	for (size_t i = 0; i < ARRAY_LEN(shapes); i++) {
		struct report *r = (struct report *)&r;
		struct err e = {0};
		const char *text = shapes[i].text;
		assert_int_equal(report_from_json(db, text, strlen(text), 0, &r, &e), ST_REFUSED);
		assert_null(r);
		if (strstr(e.msg, shapes[i].want) == NULL)
			fail_msg("%s: message \"%s\" does not say \"%s\"", shapes[i].text, e.msg,
				 shapes[i].want);
	}
	/* Bytes after a NUL are not ignored. */
	struct report *r = NULL;
	struct err e = {0};
	size_t n = strlen(sample);
	char *padded = xmalloc(n + 4);
	memcpy(padded, sample, n);
	memcpy(padded + n, "\0xx", 4);
	assert_int_equal(report_from_json(db, padded, n + 3, 2024, &r, &e), ST_REFUSED);
	assert_null(r);
	free(padded);
	/* Nor are files above the size limit read at all. */
	assert_int_equal(report_from_json(db, sample, REPORT_MAX_BYTES + 1, 2024, &r, &e),
			 ST_REFUSED);
	free(sample);
	store_close(db);
}

/* Absent is empty: null, empty text and empty dates are all absent values. */
static void
test_empty_values(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct report *r = load(db,
				"{\"template\": \"bao-cao-nam\", \"template_version\": 1,"
				" \"year\": 2024, \"unit\": null,"
				" \"values\": {\"chung.so_van_ban\": \" \","
				" \"chung.ngay_bao_cao\": \"\", \"chung.tong_so_nguoi\": null,"
				" \"chi_dao.co_ke_hoach\": null, \"chi_dao.ket_qua\": \"\\n\\n\"},"
				" \"tables\": {\"thi_dua.mo_hinh\": null}}",
				0);
	for (size_t i = 0; i < r->t->nfields; i++) {
		assert_int_equal(r->values[i].k, V_NULL);
		assert_int_equal(r->tables[i].n, 0);
	}
	assert_null(r->unit_code);
	/* A leap day is a date. */
	report_free(r);
	r = load(db,
		 "{\"template\": \"bao-cao-nam\", \"template_version\": 1, \"year\": 2024,"
		 " \"values\": {\"chung.ngay_bao_cao\": \"2024-02-29\"}}",
		 2024);
	assert_string_equal(r->values[template_field(r->t, "chung.ngay_bao_cao")].s, "2024-02-29");
	report_free(r);
	store_close(db);
}

static char *
formatted(const struct field *f, struct value v)
{
	struct buf b;
	buf_init(&b);
	value_format(f, &v, &b);
	return buf_steal(&b);
}

static void
check_format(const struct field *f, struct value v, const char *vi, const char *en)
{
	char *got;
	ui_lang = LANG_VI;
	got = formatted(f, v);
	if (strcmp(got, vi) != 0)
		fail_msg("%s in Vietnamese: got \"%s\", wanted \"%s\"", f->id, got, vi);
	free(got);
	ui_lang = LANG_EN;
	got = formatted(f, v);
	ui_lang = LANG_VI;
	if (strcmp(got, en) != 0)
		fail_msg("%s in English: got \"%s\", wanted \"%s\"", f->id, got, en);
	free(got);
}

static void
test_value_format(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct template *t = NULL;
	struct err e = {0};
	assert_int_equal(template_get(db, "bao-cao-nam", 1, &t, &e), ST_OK);
	const struct field *money = &t->fields[template_field(t, "nguon_luc.kinh_phi")];
	const struct field *count = &t->fields[template_field(t, "chung.tong_so_nguoi")];
	const struct field *date = &t->fields[template_field(t, "chung.ngay_bao_cao")];
	const struct field *yesno = &t->fields[template_field(t, "chi_dao.co_ke_hoach")];
	const struct field *tc = &t->fields[template_field(t, "tu_danh_gia.tc1")];
	const struct field *text = &t->fields[template_field(t, "chung.nguoi_ky")];
	const struct field *table = &t->fields[template_field(t, "khen_thuong.de_nghi")];
	const struct field *who = &table->columns[field_column(table, "doi_tuong")];
	const struct field *form = &table->columns[field_column(table, "hinh_thuc")];

	check_format(money, (struct value){V_INT, 1250000000, NULL}, "1.250.000.000 đ",
		     "1,250,000,000 VND");
	check_format(money, (struct value){V_INT, 0, NULL}, "0 đ", "0 VND");
	check_format(money, (struct value){V_INT, 999, NULL}, "999 đ", "999 VND");
	check_format(money, (struct value){V_INT, 1000, NULL}, "1.000 đ", "1,000 VND");
	check_format(count, (struct value){V_INT, 1260, NULL}, "1.260", "1,260");
	check_format(count, (struct value){V_INT, 100000, NULL}, "100.000", "100,000");
	check_format(count, (struct value){V_INT, -1234567, NULL}, "-1.234.567", "-1,234,567");
	check_format(count, (struct value){V_INT, INT64_MIN, NULL}, "-9.223.372.036.854.775.808",
		     "-9,223,372,036,854,775,808");
	check_format(count, (struct value){V_INT, -5, NULL}, "-5", "-5");
	check_format(date, (struct value){V_DATE, 0, "2024-11-28"}, "28/11/2024", "28/11/2024");
	check_format(date, (struct value){V_DATE, 0, "2025-01-05"}, "05/01/2025", "05/01/2025");
	check_format(yesno, (struct value){V_BOOL, 1, NULL}, "Có", "Yes");
	check_format(yesno, (struct value){V_BOOL, 0, NULL}, "Không", "No");
	check_format(tc, (struct value){V_BOOL, 1, NULL}, "Đạt", "Achieved");
	check_format(tc, (struct value){V_BOOL, 0, NULL}, "Chưa đạt", "Not achieved");
	check_format(who, (struct value){V_TEXT, 0, "ca_nhan"}, "Cá nhân", "Individual");
	check_format(who, (struct value){V_TEXT, 0, "tap_the"}, "Tập thể", "Collective");
	check_format(form, (struct value){V_TEXT, 0, "co_thi_dua_byt"}, "Cờ thi đua của Bộ Y tế",
		     "Ministry of Health Emulation Flag");
	/* A value that is not an option (an old report, say) is shown as it is. */
	check_format(who, (struct value){V_TEXT, 0, "khac"}, "khac", "khac");
	check_format(text, (struct value){V_TEXT, 0, "Trần Quốc Khánh"}, "Trần Quốc Khánh",
		     "Trần Quốc Khánh");
	check_format(text, (struct value){V_NULL, 0, NULL}, "(trống)", "(empty)");
	check_format(money, (struct value){V_NULL, 0, NULL}, "(trống)", "(empty)");
	template_free(t);
	store_close(db);
}

static void
test_parse_year(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		int year; /* 0: refused */
	} cases[] = {
		{"2000", 2000}, {"2024", 2024}, {"2100", 2100}, {"1999", 0},   {"2101", 0},
		{"0", 0},       {"24", 0},      {"", 0},        {"abc", 0},    {"2024x", 0},
		{"2024 ", 0},   {" 2024", 0},   {"-2024", 0},   {"+2024", 0},  {"20.24", 0},
		{"99999999999999999999999", 0}, {"0x7e8", 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		int y = -1;
		const char *s = cases[i].s;
		bool ok = report_parse_year(s, &y);
		if (ok != (cases[i].year != 0))
			fail_msg("report_parse_year(\"%s\") gave %s", s, ok ? "true" : "false");
		if (ok && y != cases[i].year)
			fail_msg("report_parse_year(\"%s\") gave %d", s, y);
		if (!ok && y != -1)
			fail_msg("report_parse_year(\"%s\") changed the year when refusing", s);
	}
}

/* A period is a year or a phase FIRST-LAST (first before last); anything else is refused, and
 * its text gives back what was parsed. */
static void
test_parse_period(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		int year, first; /* year 0: refused */
	} cases[] = {
		{"2025", 2025, 0},      {"2023-2025", 2025, 2023}, {"2023-2030", 2030, 2023},
		{"2025-2023", 0, 0},    {"2025-2025", 0, 0},       {"2023-20251", 0, 0},
		{"2023-2025x", 0, 0},   {"2023-", 0, 0},           {"-2025", 0, 0},
		{"1999-2025", 0, 0},    {"2023-2101", 0, 0},       {"2023 - 2025", 0, 0},
		{"2023--2025", 0, 0},   {"", 0, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		int y = -1, f = -1;
		char text[REPORT_PERIOD_SIZE];
		bool ok = report_parse_period(cases[i].s, &y, &f);
		if (ok != (cases[i].year != 0))
			fail_msg("report_parse_period(\"%s\") gave %s", cases[i].s, ok ? "true" : "false");
		if (!ok)
			continue;
		if (y != cases[i].year || f != cases[i].first)
			fail_msg("report_parse_period(\"%s\") gave %d, %d", cases[i].s, y, f);
		report_period_text(y, f, text);
		assert_string_equal(text, cases[i].s);
	}
}

/* A year's status, told once for the home screen and xhht status: filled and required fields,
 * findings, and the deadline from the report's own template (not a fixed 05/12). */
static void
test_year_status(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct err e = {0};
	struct report *r;
	struct year_status ys;
	size_t len;
	char *t = test_file("tests/templates/khao-sat-thu-1.json", NULL);
	if (template_install(db, t, &e) != ST_OK)
		fail_msg("%s", e.msg);
	free(t);
	char *text = test_file("tests/data/khao-sat-thu.json", &len);
	if (report_from_json(db, text, len, 2024, &r, &e) != ST_OK)
		fail_msg("%s", e.msg);
	free(text);
	assert_int_equal(store_begin(db, &e), ST_OK);
	assert_int_equal(report_save(db, r, &e), ST_OK);
	assert_int_equal(store_commit(db, &e), ST_OK);
	report_free(r);
	assert_int_equal(unit_year_status(db, 2024, 0, "2024-06-20", false, &ys, &e), ST_OK);
	assert_int_equal(ys.year, 2024);
	assert_int_equal(ys.due_day, 30);
	assert_int_equal(ys.due_month, 6);
	assert_int_equal(ys.days_left, store_days_until(2024, 6, 30));
	assert_true(ys.required > 0);
	assert_int_equal(ys.filled, ys.required);
	assert_int_equal(ys.errors, 0);
	assert_false(ys.packed);
	assert_false(ys.answered);
	/* A year with no report: an error, unless told as a new one (the yearly template's). */
	assert_int_equal(unit_year_status(db, 2023, 0, "2024-06-20", false, &ys, &e), ST_REFUSED);
	assert_int_equal(unit_year_status(db, 2023, 0, "2024-06-20", true, &ys, &e), ST_OK);
	assert_int_equal(ys.due_day, 5);
	assert_int_equal(ys.due_month, 12);
	assert_int_equal(ys.filled, 0);
	assert_true(ys.errors >= ys.required);
	int years[4];
	assert_int_equal(unit_report_years(db, years, 4), 1);
	assert_int_equal(years[0], 2024);
	char code[64], name[512];
	assert_false(unit_identity(db, code, name));
	store_close(db);
}

static const struct rows *
table_of(const struct report *r, const char *id)
{
	int f = template_field(r->t, id);
	if (f < 0)
		fail_msg("no table %s", id);
	return &r->tables[f];
}

/* The 2024 sample on a newer yearly template whose table of models has a figure column
 * (so_nguoi, an int), 12 in the first row: what a start from last year does with figures in
 * tables is told by the column's type. */
static struct store *
db_with_figure_column(void)
{
	struct store *db = test_db();
	struct err e = {0};
	char *v1 = xstrdup(template_builtin_source(0));
	char *v2a = replace(v1, "\"version\": 1,", "\"version\": 2,");
	char *v2 = replace(
	    v2a,
	    "\"columns\": [\n      {\n       \"id\": \"ten\",\n       \"type\": \"text\",\n"
	    "       \"label\": {\n        \"vi\": \"Tên mô hình\"",
	    "\"columns\": [\n {\"id\": \"so_nguoi\", \"type\": \"int\", \"label\": {\"vi\": "
	    "\"Số người áp dụng\", \"en\": \"People\"}},\n      {\n       \"id\": \"ten\",\n"
	    "       \"type\": \"text\",\n       \"label\": {\n        \"vi\": \"Tên mô hình\"");
	if (template_install(db, v2, &e) != ST_OK)
		fail_msg("template_install: %s", e.msg);
	char *sample = test_file(SAMPLE, NULL);
	char *s2 = replace(sample, "\"template_version\": 1,", "\"template_version\": 2,");
	char *s3 = replace(s2, "\"ten\": \"Mười lăm phút học mỗi sáng\",",
			   "\"so_nguoi\": 12, \"ten\": \"Mười lăm phút học mỗi sáng\",");
	struct report *r = load(db, s3, 2024);
	save(db, r);
	report_free(r);
	free(v1);
	free(v2a);
	free(v2);
	free(sample);
	free(s2);
	free(s3);
	return db;
}

/* Starting a year from last year's report: texts, choices, yes/no and table rows copied;
 * figures (int, money, and int columns of tables) cleared or kept as asked; dates cleared;
 * the unit kept, revision 0, no bundle. */
static void
test_start_year_from_last(void **state)
{
	(void)state;
	struct store *db = db_with_figure_column();
	struct err e = {0};
	struct report *last = read_back(db, 2024);
	assert_int_equal(last->revision, 1);

	assert_int_equal(report_start_year(db, 2025, 2024, false, &e), ST_OK);
	struct report *r = read_back(db, 2025);
	assert_int_equal(r->year, 2025);
	assert_int_equal(r->revision, 0);
	assert_int_equal(r->t->version, 2);
	assert_string_equal(r->unit_code, "BVDKM");
	assert_string_equal(r->unit_name, "Bệnh viện Đa khoa Minh Hòa");
	assert_string_equal(value_of(r, "chung.nguoi_ky")->s, "Trần Quốc Khánh");
	assert_string_equal(value_of(r, "chi_dao.ket_qua")->s,
			    value_of(last, "chi_dao.ket_qua")->s);
	assert_int_equal(value_of(r, "chi_dao.co_ke_hoach")->k, V_BOOL);
	assert_int_equal(value_of(r, "chi_dao.co_ke_hoach")->i, 1);
	assert_int_equal(value_of(r, "tu_danh_gia.tc1")->k, V_BOOL);
	assert_int_equal(value_of(r, "tu_danh_gia.tc1")->i, 0);
	/* Figures and dates cleared. */
	assert_int_equal(value_of(r, "chung.tong_so_nguoi")->k, V_NULL);
	assert_int_equal(value_of(r, "nguon_luc.kinh_phi")->k, V_NULL);
	assert_int_equal(value_of(r, "chung.ngay_bao_cao")->k, V_NULL);
	/* Tables: every row, texts and choices copied, the figure column cleared. */
	const struct rows *mh = table_of(r, "thi_dua.mo_hinh"),
			  *mh0 = table_of(last, "thi_dua.mo_hinh");
	assert_int_equal(mh->n, mh0->n);
	int so = field_column(&r->t->fields[template_field(r->t, "thi_dua.mo_hinh")], "so_nguoi");
	int ten = field_column(&r->t->fields[template_field(r->t, "thi_dua.mo_hinh")], "ten");
	assert_int_equal(mh0->rows[0].cells[so].i, 12);
	assert_int_equal(mh->rows[0].cells[so].k, V_NULL);
	assert_string_equal(mh->rows[0].cells[ten].s, "Mười lăm phút học mỗi sáng");
	const struct rows *dn = table_of(r, "khen_thuong.de_nghi");
	assert_int_equal(dn->n, table_of(last, "khen_thuong.de_nghi")->n);
	assert_string_equal(dn->rows[0].cells[0].s, "tap_the");
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM bundle WHERE year = 2025"), 0);
	assert_int_equal(
	    test_sql_int(db,
			 "SELECT count(*) FROM report WHERE year = 2025 AND checked_at IS NULL"),
	    1);
	assert_int_equal(unit_attachment_count(db, 2025, 0), 0);
	report_free(r);

	/* Keeping the figures: the numbers come along too, dates still do not. */
	assert_int_equal(report_start_year(db, 2026, 2024, true, &e), ST_OK);
	r = read_back(db, 2026);
	assert_int_equal(value_of(r, "chung.tong_so_nguoi")->i, 1260);
	assert_int_equal(value_of(r, "nguon_luc.kinh_phi")->i, 3450000000LL);
	assert_int_equal(value_of(r, "chung.ngay_bao_cao")->k, V_NULL);
	assert_int_equal(table_of(r, "thi_dua.mo_hinh")->rows[0].cells[so].i, 12);
	assert_int_equal(r->revision, 0);
	report_free(r);

	/* The nearest earlier year with a report. */
	assert_int_equal(report_year_before(db, 2026), 2025);
	assert_int_equal(report_year_before(db, 2025), 2024);
	assert_int_equal(report_year_before(db, 2024), 0);
	report_free(last);
	store_close(db);
}

/* An empty start, and the refusals: a year that has a report is never started again (and
 * stays as it was), a year with no report gives nothing to copy, a year is not its own source. */
static void
test_start_year_refusals(void **state)
{
	(void)state;
	struct store *db = db_with_figure_column();
	struct err e = {0};
	struct year_status ys;

	assert_int_equal(unit_year_status(db, 2023, 0, "2024-11-20", true, &ys, &e), ST_OK);
	assert_false(ys.stored);
	assert_int_equal(report_start_year(db, 2023, 0, false, &e), ST_OK);
	assert_int_equal(unit_year_status(db, 2023, 0, "2024-11-20", true, &ys, &e), ST_OK);
	assert_true(ys.stored);
	assert_int_equal(ys.filled, 0);
	assert_int_equal(ys.due_day, 5);
	assert_int_equal(ys.due_month, 12);
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM report_value WHERE year = 2023"),
			 0);
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM report_row WHERE year = 2023"), 0);

	assert_int_equal(report_start_year(db, 2024, 2023, false, &e), ST_REFUSED);
	assert_non_null(strstr(e.msg, "đã có báo cáo năm 2024"));
	struct report *r = read_back(db, 2024);
	assert_int_equal(r->revision, 1);
	assert_int_equal(value_of(r, "chung.tong_so_nguoi")->i, 1260);
	report_free(r);
	assert_int_equal(report_start_year(db, 2023, 2024, true, &e), ST_REFUSED);
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM report_value WHERE year = 2023"),
			 0);

	assert_int_equal(report_start_year(db, 2027, 2020, false, &e), ST_REFUSED);
	assert_non_null(strstr(e.msg, "2020"));
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM report WHERE year = 2027"), 0);
	assert_int_equal(report_start_year(db, 2027, 2027, false, &e), ST_ENV);
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM report WHERE year = 2027"), 0);
	store_close(db);
}

/* Packed in time or late is judged on the Vietnam date of the last bundle: 23:30 on 5 December
 * in Hanoi is in time, 00:30 on the 6th is late, whatever the UTC date says. */
static void
test_year_status_packed_late(void **state)
{
	(void)state;
	struct store *db = db_with_figure_column();
	struct err e = {0};
	struct year_status ys;
	assert_int_equal(unit_year_status(db, 2024, 0, "2024-12-10", false, &ys, &e), ST_OK);
	assert_false(ys.packed);
	assert_int_equal(sqlite3_exec(db->sql,
				      "INSERT INTO bundle VALUES ('a1', 2024, 0, 1, 'a.xhht', 1, 'h1', 0,"
				      " '2024-12-05T16:30:00Z')",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(unit_year_status(db, 2024, 0, "2024-12-10", false, &ys, &e), ST_OK);
	assert_true(ys.packed);
	assert_false(ys.packed_late);
	assert_int_equal(sqlite3_exec(db->sql,
				      "INSERT INTO bundle VALUES ('a2', 2024, 0, 2, 'b.xhht', 1, 'h2', 0,"
				      " '2024-12-05T17:30:00Z')",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(unit_year_status(db, 2024, 0, "2024-12-10", false, &ys, &e), ST_OK);
	assert_int_equal(ys.revision, 2);
	assert_true(ys.packed_late);
	store_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample_roundtrip),
		cmocka_unit_test(test_canonical_form),
		cmocka_unit_test(test_text_values),
		cmocka_unit_test(test_save_read_identical),
		cmocka_unit_test(test_two_years),
		cmocka_unit_test(test_revision_never_lowered),
		cmocka_unit_test(test_draft_unit_kept),
		cmocka_unit_test(test_read_missing_year),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_empty_values),
		cmocka_unit_test(test_value_format),
		cmocka_unit_test(test_parse_year),
		cmocka_unit_test(test_parse_period),
		cmocka_unit_test(test_year_status),
		cmocka_unit_test(test_start_year_from_last),
		cmocka_unit_test(test_start_year_refusals),
		cmocka_unit_test(test_year_status_packed_late),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
