/* test_totals.c: the year's totals (totals_year): the aggregates equal to what the export says,
 * each with the units behind it; criteria counted "đạt x/y đơn vị"; the nominations grouped
 * by award and kind, with the plan's rules they break flagged (an individual proposed for the
 * flag, the Prime Minister's certificate outside the review years), and xhht-central
 * proposals' text, CSV and JSON. */
#include "testlib.h"

#include "i18n.h"
#include "json.h"
#include "summary.h"
#include "totals.h"

/* Unit code's merged report of year: values (JSON members) and nominations (JSON rows). */
static void
merge(struct store *db, const char *code, int year, const char *values, const char *noms)
{
	char *json = xasprintf(
	    "{\"template\":\"bao-cao-nam\",\"template_version\":1,\"unit\":{\"code\":\"%s\"},"
	    "\"year\":%d,\"revision\":1,\"values\":{%s},\"tables\":{\"khen_thuong.de_nghi\":[%s]}}",
	    code, year, values, noms);
	char *id = xasprintf("%s-%d", code, year);
	sqlite3_stmt *st;
	assert_int_equal(
	    sqlite3_prepare_v2(db->sql,
			       "INSERT INTO bundle(hash, id, unit_code, year, revision, packed_at,"
			       " imported_at, signer_pk, template_id, template_version, report,"
			       " state, source) VALUES (randomblob(8), ?3, ?1, ?2, 1,"
			       " '2024-11-01T00:00:00Z', '2024-11-01T00:00:00Z', x'00',"
			       " 'bao-cao-nam', 1, ?4, 'merged', 'f');",
			       -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_text(st, 3, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, json, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	char *sql =
	    xasprintf("INSERT INTO merged(unit_code, year, bundle_hash, revision, merged_at)"
		      " SELECT unit_code, year, hash, 1, 'x' FROM bundle WHERE id = '%s'",
		      id);
	assert_int_equal(sqlite3_exec(db->sql, sql, NULL, NULL, NULL), SQLITE_OK);
	free(sql);
	free(id);
	free(json);
}

#define NOM(kind, name, position, award)                                                           \
	"{\"doi_tuong\":\"" kind "\",\"ten\":\"" name "\"," position "\"hinh_thuc\":\"" award      \
	"\",\"thanh_tich\":\"Thành tích của " name "\"}"

/* Three units registered, A, B and C, and D that never reported. In 2024: A and B answer the
 * figures, C leaves them empty; A proposes its Phòng Đào tạo for the flag (right) and Bác sĩ An
 * for the flag (an individual: breach) and for the Prime Minister's certificate (not a review
 * year: breach); B proposes Chị Bình for the Ministry's certificate. In 2025 (a review year) A
 * proposes the Prime Minister's certificate again. */
static struct store *
world(void)
{
	struct store *db = NULL;
	struct err e = {0};
	if (store_open_memory(STORE_CENTRAL, &db, &e) != ST_OK)
		fail_msg("store_open_memory: %s", e.msg);
	assert_int_equal(sqlite3_exec(db->sql,
				      "INSERT INTO unit(code, name, grp, created_at) VALUES"
				      " ('A', 'Bệnh viện Bạch Mai', 'benh_vien', 'x'),"
				      " ('B', 'Viện Dinh dưỡng', 'vien', 'x'),"
				      " ('C', 'Trường Đại học Y', 'truong', 'x'),"
				      " ('D', 'Cục Quản lý', 'vu_cuc', 'x');",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	merge(db, "A", 2024,
	      "\"dao_tao.so_khoa\":10,\"nguon_luc.kinh_phi\":1250000000,\"tu_danh_gia.tc1\":true,"
	      "\"tu_danh_gia.tc6\":true",
	      NOM("tap_the", "Phòng Đào tạo", "", "co_thi_dua_byt") "," NOM(
		  "ca_nhan", "Bác sĩ An", "\"chuc_vu\":\"Trưởng khoa\",",
		  "co_thi_dua_byt") "," NOM("ca_nhan", "Bác sĩ An", "\"chuc_vu\":\"Trưởng khoa\",",
					    "bang_khen_ttg"));
	merge(db, "B", 2024,
	      "\"dao_tao.so_khoa\":5,\"nguon_luc.kinh_phi\":3000000,\"tu_danh_gia.tc1\":false,"
	      "\"tu_danh_gia.tc6\":true",
	      NOM("ca_nhan", "Chị Bình", "\"chuc_vu\":\"Điều dưỡng\",", "bang_khen_byt"));
	merge(db, "C", 2024, "", "");
	merge(db, "A", 2025, "",
	      NOM("ca_nhan", "Bác sĩ An", "\"chuc_vu\":\"Trưởng khoa\",", "bang_khen_ttg"));
	return db;
}

static const struct total *
total_of(const struct year_totals *y, const char *id)
{
	for (size_t i = 0; i < y->n; i++)
		if (strcmp(y->items[i].f->id, id) == 0)
			return &y->items[i];
	fail_msg("no total of %s", id);
	return NULL;
}

static int64_t
member(const struct jnode *o, const char *key)
{
	int64_t v = -1;
	if (!json_get_int(o, key, INT64_MIN, INT64_MAX, &v))
		v = json_get(o, key) && json_get(o, key)->type == J_NULL ? -2 : -3;
	return v;
}

/* Every aggregate of totals_year is what xhht-central export --format json says. */
static void
test_aggregates_as_exported(void **state)
{
	(void)state;
	struct store *db = world();
	struct err e = {0};
	struct year_totals y;
	struct buf b;
	struct jnode *root;
	buf_init(&b);
	assert_int_equal(summary_export(db, 2024, SF_JSON, &b, NULL, NULL, &e), ST_OK);
	assert_int_equal(json_parse(b.data, &root, &e), ST_OK);
	const struct jnode *aggs = json_get(root, "aggregates");
	assert_non_null(aggs);
	assert_int_equal(totals_year(db, 2024, &y, &e), ST_OK);
	assert_int_equal(y.units, 3);
	assert_true(y.n > 10);
	for (size_t i = 0; i < y.n; i++) {
		const struct total *x = &y.items[i];
		const struct jnode *a = json_get(aggs, x->f->id);
		assert_non_null(a);
		if (x->f->type == F_YESNO) {
			assert_int_equal(member(a, "yes"), x->sum);
			assert_int_equal(member(a, "answered"), (int64_t)x->answered);
			continue;
		}
		assert_int_equal(member(a, "sum"), x->sum);
		assert_int_equal(member(a, "units"), (int64_t)x->answered);
		assert_int_equal(member(a, "min"), x->answered ? x->min : -2);
		assert_int_equal(member(a, "max"), x->answered ? x->max : -2);
	}
	json_free(root);
	buf_free(&b);
	totals_free(&y);
	store_close(db);
}

/* Each aggregate names the units behind it: what each gave, and who did not answer. */
static void
test_drill_down(void **state)
{
	(void)state;
	struct store *db = world();
	struct err e = {0};
	struct year_totals y;
	if (totals_year(db, 2024, &y, &e) != ST_OK)
		fail_msg("%s", e.msg);
	const struct total *k = total_of(&y, "dao_tao.so_khoa");
	assert_int_equal(k->sum, 15);
	assert_int_equal(k->min, 5);
	assert_int_equal(k->max, 10);
	assert_int_equal(k->answered, 2);
	assert_int_equal(k->nunits, 3); /* D sent nothing: not behind any total */
	assert_string_equal(k->units[0].code, "A");
	assert_string_equal(k->units[0].name, "Bệnh viện Bạch Mai");
	assert_true(k->units[0].answered);
	assert_int_equal(k->units[0].value, 10);
	assert_string_equal(k->units[1].code, "B");
	assert_int_equal(k->units[1].value, 5);
	assert_string_equal(k->units[2].code, "C");
	assert_false(k->units[2].answered);
	const struct total *m = total_of(&y, "nguon_luc.kinh_phi");
	assert_int_equal(m->sum, 1253000000);
	struct buf b;
	buf_init(&b);
	total_format(m, m->sum, &b);
	assert_string_equal(b.data, "1.253.000.000 đ");
	buf_free(&b);
	totals_free(&y);
	/* A year nobody reported: every total empty, no unit behind it. */
	assert_int_equal(totals_year(db, 2023, &y, &e), ST_OK);
	assert_int_equal(y.units, 0);
	assert_int_equal(total_of(&y, "dao_tao.so_khoa")->nunits, 0);
	assert_int_equal(y.nnoms, 0);
	totals_free(&y);
	store_close(db);
}

/* A criterion is "đạt x/y đơn vị": x units answered yes of the y that answered; drillable to
 * who did and who did not. */
static void
test_criteria(void **state)
{
	(void)state;
	struct store *db = world();
	struct err e = {0};
	struct year_totals y;
	assert_int_equal(totals_year(db, 2024, &y, &e), ST_OK);
	const struct total *c1 = total_of(&y, "tu_danh_gia.tc1");
	assert_int_equal(c1->sum, 1);
	assert_int_equal(c1->answered, 2);
	assert_true(c1->units[0].answered && c1->units[0].value == 1);
	assert_true(c1->units[1].answered && c1->units[1].value == 0);
	assert_false(c1->units[2].answered);
	const struct total *c6 = total_of(&y, "tu_danh_gia.tc6");
	assert_int_equal(c6->sum, 2);
	assert_int_equal(c6->answered, 2);
	struct buf b;
	buf_init(&b);
	total_format(c1, 1, &b);
	assert_string_equal(b.data, "Đạt");
	buf_free(&b);
	totals_free(&y);
	store_close(db);
}

/* Nominations grouped by award (the template's order of options), then kind; a breach of the
 * plan's rules flagged with the template's rule. */
static void
test_nominations_and_breaches(void **state)
{
	(void)state;
	struct store *db = world();
	struct err e = {0};
	struct year_totals y;
	struct buf b;
	buf_init(&b);
	assert_int_equal(totals_year(db, 2024, &y, &e), ST_OK);
	assert_int_equal(y.nnoms, 4);
	assert_int_equal(y.breaching, 2);
	/* 1: the Prime Minister's certificate, individual: in 2024, not a review year. */
	const struct nomination *n = &y.noms[0];
	assert_string_equal(nomination_cell(n, "hinh_thuc")->s, "bang_khen_ttg");
	assert_string_equal(n->unit_code, "A");
	assert_int_equal(n->row, 3);
	assert_int_equal(n->nbreaches, 1);
	assert_string_equal(n->breaches[0].rule_id,
			    "khen_thuong.de_nghi.bang_khen_ttg_ngoai_nam_xet");
	assert_int_equal(n->breaches[0].level, LV_WARNING);
	assert_non_null(strstr(n->breaches[0].message, "2025"));
	assert_null(strstr(n->breaches[0].message, "Hãy")); /* the advice to clerks left out */
	nomination_group(n, &b);
	assert_string_equal(b.data, "Bằng khen của Thủ tướng Chính phủ — Cá nhân");
	buf_reset(&b);
	nomination_line(n, &b);
	assert_string_equal(b.data, "Bác sĩ An — Trưởng khoa — Thành tích của Bác sĩ An");
	/* 2: the Ministry's certificate, B's. */
	assert_string_equal(y.noms[1].unit_code, "B");
	assert_int_equal(y.noms[1].nbreaches, 0);
	assert_false(nomination_same_group(&y.noms[0], &y.noms[1]));
	/* 3 and 4: the flag, collective first (no breach), then the individual (a breach). */
	assert_string_equal(nomination_cell(&y.noms[2], "doi_tuong")->s, "tap_the");
	assert_int_equal(y.noms[2].nbreaches, 0);
	assert_string_equal(nomination_cell(&y.noms[3], "doi_tuong")->s, "ca_nhan");
	assert_string_equal(nomination_cell(&y.noms[3], "hinh_thuc")->s, "co_thi_dua_byt");
	assert_int_equal(y.noms[3].nbreaches, 1);
	assert_string_equal(y.noms[3].breaches[0].rule_id,
			    "khen_thuong.de_nghi.co_thi_dua_chi_tap_the");
	assert_int_equal(y.noms[3].breaches[0].level, LV_ERROR);
	totals_free(&y);
	/* 2025 is the mid-term review: the Prime Minister's certificate breaks nothing. */
	assert_int_equal(totals_year(db, 2025, &y, &e), ST_OK);
	assert_int_equal(y.nnoms, 1);
	assert_int_equal(y.breaching, 0);
	assert_int_equal(y.noms[0].nbreaches, 0);
	totals_free(&y);
	buf_free(&b);
	store_close(db);
}

/* xhht-central proposals: the groups and the breaches in text, CSV and JSON. */
/* The printed report groups the nominations as the desk does: the template's order of awards
 * (the Prime Minister's certificate, the Ministry's, the flag), collectives before individuals. */
static void
test_export_groups_in_template_order(void **state)
{
	(void)state;
	struct store *db = world();
	struct err e = {0};
	struct buf b;
	buf_init(&b);
	assert_int_equal(summary_export(db, 2024, SF_HTML, &b, NULL, NULL, &e), ST_OK);
	const char *ttg = strstr(b.data, "Bằng khen của Thủ tướng Chính phủ — Cá nhân</b>");
	const char *byt = strstr(b.data, "Bằng khen của Bộ Y tế — Cá nhân</b>");
	const char *flag_group = strstr(b.data, "Cờ thi đua của Bộ Y tế — Tập thể</b>");
	const char *flag_person = strstr(b.data, "Cờ thi đua của Bộ Y tế — Cá nhân</b>");
	assert_non_null(ttg);
	assert_non_null(byt);
	assert_non_null(flag_group);
	assert_non_null(flag_person);
	assert_true(ttg < byt && byt < flag_group && flag_group < flag_person);
	buf_free(&b);
	store_close(db);
}

static void
test_proposals_output(void **state)
{
	(void)state;
	struct store *db = world();
	struct err e = {0};
	struct buf b;
	buf_init(&b);
	assert_int_equal(totals_proposals(db, 2024, SF_TEXT, &b, &e), ST_OK);
	assert_non_null(strstr(b.data, "4 đề nghị, 2 đề nghị trái quy định"));
	assert_non_null(strstr(
	    b.data,
	    "\nCờ thi đua của Bộ Y tế — Cá nhân (1)\n⚠  1. A Bệnh viện Bạch Mai: Bác sĩ An"));
	assert_non_null(strstr(b.data, "   1. B Viện Dinh dưỡng: Chị Bình — Điều dưỡng"));
	assert_non_null(strstr(b.data, "⚠ Lỗi: Cờ thi đua của Bộ Y tế chỉ dành cho tập thể"));
	buf_reset(&b);
	assert_int_equal(totals_proposals(db, 2024, SF_CSV, &b, &e), ST_OK);
	assert_non_null(strstr(b.data, ",breach,breach_rules,breach_messages\r\n"));
	assert_non_null(strstr(
	    b.data, "A,Bệnh viện Bạch Mai,2024,khen_thuong.de_nghi,2,Cá nhân,ca_nhan,Bác sĩ An,"));
	assert_non_null(strstr(b.data, ",1,khen_thuong.de_nghi.co_thi_dua_chi_tap_the,"));
	buf_reset(&b);
	assert_int_equal(totals_proposals(db, 2024, SF_JSON, &b, &e), ST_OK);
	struct jnode *root;
	assert_int_equal(json_parse(b.data, &root, &e), ST_OK);
	int64_t v;
	assert_true(json_get_int(root, "breaching", 0, 100, &v) && v == 2);
	json_free(root);
	assert_non_null(strstr(
	    b.data,
	    "\"rule\":\"khen_thuong.de_nghi.bang_khen_ttg_ngoai_nam_xet\",\"level\":\"warning\""));
	buf_free(&b);
	store_close(db);
}

int
main(void)
{
	ui_lang = LANG_VI;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_aggregates_as_exported),
	    cmocka_unit_test(test_drill_down),
	    cmocka_unit_test(test_criteria),
	    cmocka_unit_test(test_nominations_and_breaches),
	    cmocka_unit_test(test_proposals_output),
	    cmocka_unit_test(test_export_groups_in_template_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
