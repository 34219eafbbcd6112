/* test_migrate.c: a draft moved to a newer version of its template: the plan of every kind of
 * change, the move in one transaction, and every value the new version cannot take kept. */
#include "testlib.h"

#include <stdio.h>

#include "i18n.h"
#include "migrate.h"
#include "phase.h"
#include "report.h"
#include "store.h"
#include "template.h"
#include "validate.h"

#define SAMPLE "tests/data/bao-cao-mau.json"
#define V2 "tests/templates/bao-cao-nam-2-move.json"

/* A unit in memory with the sample report of 2024 as its draft (version 1), and version 2 of
 * the yearly template stored when with_v2. */
static struct store *
world(bool with_v2)
{
	struct store *db = test_db();
	struct err e = {0};
	struct report *r = NULL;
	size_t len;
	char *text = test_file(SAMPLE, &len);
	if (report_from_json(db, text, len, 2024, &r, &e) != ST_OK)
		fail_msg("%s", e.msg);
	free(text);
	assert_int_equal(store_begin(db, &e), ST_OK);
	assert_int_equal(report_save(db, r, &e), ST_OK);
	assert_int_equal(store_commit(db, &e), ST_OK);
	report_free(r);
	if (with_v2) {
		char *t = test_file(V2, NULL);
		if (template_install(db, t, &e) != ST_OK)
			fail_msg("%s", e.msg);
		free(t);
	}
	return db;
}

static void
set(struct store *db, const char *id, struct value v)
{
	struct report *r = NULL;
	struct err e = {0};
	assert_int_equal(report_read(db, 2024, 0, &r, &e), ST_OK);
	int f = template_field(r->t, id);
	assert_true(f >= 0);
	if (report_set_value(db, r, f, &v, &e) != ST_OK)
		fail_msg("%s", e.msg);
	report_free(r);
}

static const struct move_item *
item(const struct move_plan *p, const char *table, const char *id)
{
	for (size_t i = 0; i < p->nitems; i++) {
		const struct move_item *it = &p->items[i];
		const struct field *f = it->from ? it->from : it->to;
		const struct field *t = it->table_from ? it->table_from : it->table_to;
		if (strcmp(f->id, id) == 0 && (table == NULL) == (t == NULL) &&
		    (table == NULL || strcmp(t->id, table) == 0))
			return it;
	}
	fail_msg("no plan item %s", id);
	return NULL;
}

/* The drops of field or column id, counted, the first one's reason in *why. */
static size_t
drops_of(const struct move_plan *p, const char *id, enum drop_reason *why)
{
	size_t n = 0;
	for (size_t i = 0; i < p->ndrops; i++)
		if (strcmp(p->items[p->drops[i].item].from->id, id) == 0 && n++ == 0)
			*why = p->drops[i].why;
	return n;
}

static const struct value *
cell(const struct report *r, const char *table, size_t row, const char *column)
{
	int f = template_field(r->t, table);
	assert_true(f >= 0);
	assert_true(row < r->tables[f].n);
	int c = field_column(&r->t->fields[f], column);
	assert_true(c >= 0);
	return &r->tables[f].rows[row].cells[c];
}

/* Every kind of change is planned, and nothing is written. */
static void
test_plan(void **state)
{
	(void)state;
	struct store *db = world(true);
	struct move_plan p;
	struct err e = {0};
	enum drop_reason why = DR_TYPE;

	assert_int_equal(move_newer_version(db, 2024, 0, NULL), 2);
	assert_int_equal(move_plan(db, 2024, 0, &p, &e), ST_OK);
	assert_int_equal(p.from, 1);
	assert_int_equal(p.to, 2);
	assert_int_equal(item(&p, NULL, "chi_dao.ket_qua")->kind, MV_KEPT);
	assert_int_equal(item(&p, NULL, "thi_dua.hoat_dong_quoc_te")->kind, MV_DROPPED);
	const struct move_item *t = item(&p, NULL, "chung.tong_so_nguoi");
	assert_int_equal(t->kind, MV_CHANGED);
	assert_true(t->changes & MC_TYPE);
	assert_int_equal(t->dropped, 0);
	assert_true(item(&p, NULL, "kien_nghi.de_xuat")->changes & MC_LABEL);
	assert_int_equal(item(&p, NULL, "kien_nghi.de_xuat")->kind, MV_KEPT);
	assert_int_equal(item(&p, NULL, "dao_tao.luot_truc_tuyen")->kind, MV_NEW_REQUIRED);
	assert_int_equal(item(&p, NULL, "kien_nghi.y_kien_khac")->kind, MV_NEW);
	assert_int_equal(item(&p, "thi_dua.mo_hinh", "hieu_qua")->kind, MV_DROPPED);
	assert_int_equal(item(&p, "thi_dua.mo_hinh", "nam_bat_dau")->kind, MV_NEW);
	const struct move_item *h = item(&p, "khen_thuong.de_nghi", "hinh_thuc");
	assert_int_equal(h->kind, MV_CHANGED);
	assert_true(h->changes & MC_OPTIONS);
	assert_int_equal(h->values, 3);
	assert_int_equal(h->dropped, 1);
	struct buf b;
	buf_init(&b);
	move_item_changes(h, &b);
	assert_non_null(strstr(b.data, "Cờ thi đua của Bộ Y tế"));
	buf_free(&b);

	assert_int_equal(drops_of(&p, "thi_dua.hoat_dong_quoc_te", &why), 1);
	assert_int_equal(why, DR_REMOVED);
	assert_int_equal(drops_of(&p, "hieu_qua", &why), 2);
	assert_int_equal(drops_of(&p, "hinh_thuc", &why), 1);
	assert_int_equal(why, DR_OPTION);
	assert_int_equal(p.ndrops, 4);
	move_plan_free(&p);
	/* A plan writes nothing. */
	assert_int_equal(
	    store_int(db, 0, "SELECT template_version FROM report WHERE year = 2024", ""), 1);
	assert_int_equal(store_int(db, -1, "SELECT count(*) FROM dropped_value", ""), 0);
	store_close(db);
}

/* The move: version 2, surviving values as they were (text byte for byte), rows kept, every
 * dropped value stored and listed; a second move does nothing. */
static void
test_move(void **state)
{
	(void)state;
	struct store *db = world(true);
	struct move_plan p;
	struct err e = {0};
	struct report *before = NULL, *after = NULL;

	assert_int_equal(report_read(db, 2024, 0, &before, &e), ST_OK);
	assert_int_equal(move_draft(db, 2024, 0, &p, &e), ST_OK);
	assert_int_equal(p.to, 2);
	move_plan_free(&p);
	assert_int_equal(report_read(db, 2024, 0, &after, &e), ST_OK);
	assert_int_equal(after->t->version, 2);
	assert_int_equal(after->revision, before->revision);
	assert_string_equal(value_of(after, "chi_dao.ket_qua")->s,
			    value_of(before, "chi_dao.ket_qua")->s);
	assert_string_equal(value_of(after, "nguon_luc.co_so_vat_chat")->s,
			    value_of(before, "nguon_luc.co_so_vat_chat")->s);
	assert_int_equal(value_of(after, "chung.tong_so_nguoi")->k, V_TEXT);
	assert_string_equal(value_of(after, "chung.tong_so_nguoi")->s, "1260");
	assert_int_equal(value_of(after, "nguon_luc.kinh_phi")->i, 3450000000);
	assert_int_equal(value_of(after, "dao_tao.luot_truc_tuyen")->k, V_NULL);
	/* Rows whose columns survive are kept, cell by cell. */
	assert_int_equal(after->tables[template_field(after->t, "thi_dua.mo_hinh")].n, 2);
	assert_string_equal(cell(after, "thi_dua.mo_hinh", 1, "mo_ta")->s,
			    cell(before, "thi_dua.mo_hinh", 1, "mo_ta")->s);
	assert_int_equal(after->tables[template_field(after->t, "khen_thuong.de_nghi")].n, 3);
	assert_int_equal(cell(after, "khen_thuong.de_nghi", 0, "hinh_thuc")->k, V_NULL);
	assert_string_equal(cell(after, "khen_thuong.de_nghi", 0, "ten")->s,
			    "Phòng Chỉ đạo tuyến và Đào tạo");
	assert_string_equal(cell(after, "khen_thuong.de_nghi", 1, "hinh_thuc")->s, "bang_khen_byt");

	/* The required new field is what the check now asks for. */
	struct findings fs;
	validate_report(after, "2024-11-30", &fs);
	bool missing = false;
	for (size_t i = 0; i < fs.n; i++)
		missing |=
		    fs.items[i].kind == FK_MISSING &&
		    strcmp(after->t->fields[fs.items[i].field].id, "dao_tao.luot_truc_tuyen") == 0;
	assert_true(missing);
	findings_free(&fs);

	struct dropped *d;
	size_t n;
	assert_int_equal(dropped_list(db, 2024, 0, &d, &n, &e), ST_OK);
	assert_int_equal(n, 4);
	assert_string_equal(d[0].field_id, "thi_dua.hoat_dong_quoc_te");
	assert_null(d[0].column_id);
	assert_string_equal(d[0].text, "6");
	assert_int_equal(d[0].old_version, 1);
	assert_int_equal(d[0].new_version, 2);
	assert_int_equal(d[0].why, DR_REMOVED);
	assert_string_equal(d[1].column_id, "hieu_qua");
	assert_int_equal(d[1].row, 1);
	assert_string_equal(d[1].text, cell(before, "thi_dua.mo_hinh", 0, "hieu_qua")->s);
	assert_non_null(strstr(d[1].label, "dòng 1"));
	assert_int_equal(d[2].row, 2);
	assert_string_equal(d[3].text, "Cờ thi đua của Bộ Y tế");
	assert_string_equal(d[3].input, "Cờ thi đua của Bộ Y tế");
	assert_int_equal(d[3].why, DR_OPTION);
	dropped_free(d, n);

	/* Again: nothing newer, nothing done, nothing added. */
	assert_int_equal(move_newer_version(db, 2024, 0, NULL), 0);
	assert_int_equal(move_draft(db, 2024, 0, &p, &e), ST_OK);
	assert_int_equal(p.from, 2);
	assert_int_equal(p.to, 2);
	move_plan_free(&p);
	assert_int_equal(store_int(db, -1, "SELECT count(*) FROM dropped_value", ""), 4);
	report_free(before);
	report_free(after);
	store_close(db);
}

/* A value the new type cannot hold as it is (two lines into one-line text) and one outside a
 * field's new limits are kept as dropped, with their reason. */
static void
test_conversions(void **state)
{
	(void)state;
	struct store *db = world(true);
	struct move_plan p;
	struct err e = {0};
	enum drop_reason why = DR_REMOVED;
	set(db, "nguon_luc.co_so_vat_chat", (struct value){V_TEXT, 0, "Phòng đọc\nTủ sách"});
	set(db, "dao_tao.hoc_lieu_so", (struct value){V_INT, 500, NULL});
	if (move_draft(db, 2024, 0, &p, &e) != ST_OK)
		fail_msg("%s", e.msg);
	assert_int_equal(drops_of(&p, "nguon_luc.co_so_vat_chat", &why), 1);
	assert_int_equal(why, DR_TYPE);
	assert_int_equal(drops_of(&p, "dao_tao.hoc_lieu_so", &why), 1);
	assert_int_equal(why, DR_CHECK);
	assert_int_equal(value_of(p.moved, "dao_tao.hoc_lieu_so")->k, V_NULL);
	move_plan_free(&p);
	struct dropped *d;
	size_t n;
	assert_int_equal(dropped_list(db, 2024, 0, &d, &n, &e), ST_OK);
	assert_int_equal(n, 6);
	bool two_lines = false, five_hundred = false;
	for (size_t i = 0; i < n; i++) {
		two_lines |= strcmp(d[i].text, "Phòng đọc\nTủ sách") == 0;
		five_hundred |= strcmp(d[i].input, "500") == 0 && d[i].why == DR_CHECK;
	}
	assert_true(two_lines);
	assert_true(five_hundred);
	dropped_free(d, n);
	store_close(db);
}

/* No newer version: the plan says so and the move does nothing; no report: refused. */
static void
test_nothing_newer(void **state)
{
	(void)state;
	struct store *db = world(false);
	struct move_plan p;
	struct err e = {0};
	int have = 0;
	assert_int_equal(move_newer_version(db, 2024, 0, &have), 0);
	assert_int_equal(have, 1);
	assert_int_equal(move_draft(db, 2024, 0, &p, &e), ST_OK);
	assert_int_equal(p.from, 1);
	assert_int_equal(p.to, 1);
	assert_null(p.moved);
	move_plan_free(&p);
	assert_int_equal(move_plan(db, 2025, 0, &p, &e), ST_REFUSED);
	move_plan_free(&p);
	assert_int_equal(move_newer_version(db, 2025, 0, NULL), 0);
	store_close(db);
}

/* A phase review moves to a newer version of its template as a year's draft does, apart from
 * the yearly report of its closing year: its dropped values are its own, and a pre-filled
 * field new in the version is filled by the next refill, never the fields the clerk wrote. */
static void
test_phase_review_moves(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct move_plan p;
	struct report *r = NULL;
	struct dropped *d = NULL;
	struct err e = {0};
	size_t n, filled, kept;
	ui_lang = LANG_VI;
	for (int y = 2023; y <= 2025; y++) {
		size_t len;
		char *text = test_file(SAMPLE, &len);
		assert_int_equal(report_from_json(db, text, len, 0, &r, &e), ST_OK);
		r->year = y;
		assert_int_equal(store_begin(db, &e), ST_OK);
		assert_int_equal(report_save(db, r, &e), ST_OK);
		assert_int_equal(store_commit(db, &e), ST_OK);
		report_free(r);
		free(text);
	}
	assert_int_equal(phase_start(db, 2023, 2025, &e), ST_OK);
	assert_int_equal(report_read(db, 2025, 2023, &r, &e), ST_OK);
	int note = template_field(r->t, "mo_hinh.sang_kien");
	int64_t sum = r->values[template_field(r->t, "chi_tieu.luot_hoc")].i;
	struct value v = {V_TEXT, 0, "Sáng kiến của đơn vị"};
	assert_int_equal(report_set_value(db, r, note, &v, &e), ST_OK);
	report_free(r);
	assert_int_equal(move_newer_version(db, 2025, 2023, NULL), 0);

	char *t = test_file("tests/templates/so-ket-2023-2025-2-move.json", NULL);
	if (template_install(db, t, &e) != ST_OK)
		fail_msg("%s", e.msg);
	free(t);
	assert_int_equal(move_newer_version(db, 2025, 2023, NULL), 2);
	assert_int_equal(move_newer_version(db, 2025, 0, NULL), 0);
	assert_int_equal(move_draft(db, 2025, 2023, &p, &e), ST_OK);
	assert_int_equal(p.from, 1);
	assert_int_equal(p.to, 2);
	move_plan_free(&p);

	assert_int_equal(report_read(db, 2025, 2023, &r, &e), ST_OK);
	assert_int_equal(r->t->version, 2);
	assert_int_equal(r->values[template_field(r->t, "chi_tieu.luot_hoc")].i, sum);
	assert_int_equal(r->values[template_field(r->t, "chi_tieu.luot_hoc_moi")].k, V_NULL);
	report_free(r);
	assert_int_equal(report_read(db, 2025, 0, &r, &e), ST_OK);
	assert_int_equal(r->t->version, 1);
	report_free(r);
	assert_int_equal(dropped_count(db, 2025, 0), 0);
	assert_true(dropped_count(db, 2025, 2023) >= 1);
	assert_int_equal(dropped_list(db, 2025, 2023, &d, &n, &e), ST_OK);
	bool found = false;
	for (size_t i = 0; i < n; i++)
		found |= strcmp(d[i].field_id, "mo_hinh.sang_kien") == 0 &&
			 strcmp(d[i].text, "Sáng kiến của đơn vị") == 0;
	assert_true(found);
	dropped_free(d, n);
	assert_int_equal(move_newer_version(db, 2025, 2023, NULL), 0);

	assert_int_equal(phase_refill(db, 2023, 2025, &filled, &kept, &e), ST_OK);
	assert_int_equal(kept, 0);
	assert_int_equal(report_read(db, 2025, 2023, &r, &e), ST_OK);
	assert_int_equal(r->values[template_field(r->t, "chi_tieu.luot_hoc_moi")].i, sum);
	assert_int_equal(r->values[template_field(r->t, "chi_tieu.luot_hoc")].i, sum);
	report_free(r);
	store_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plan),
	    cmocka_unit_test(test_move),
	    cmocka_unit_test(test_conversions),
	    cmocka_unit_test(test_nothing_newer),
	    cmocka_unit_test(test_phase_review_moves),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
