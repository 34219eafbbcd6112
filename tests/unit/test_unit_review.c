/* test_unit_review.c: the unit's half of the review loop: the review a receipt carries kept
 * once, the open review of a year with its comments placed on the template's fields, and the
 * next pack answering them. */
#include "bundle_fixture.h"
#include "i18n.h"
#include "phase.h"
#include "report.h"
#include "template.h"
#include "unit.h"

#include <sys/stat.h>

/* A unit enrolled with a central in memory, its 2024 report (the sample) packed once. */
struct world {
	struct central c;
	struct store *udb;
	char *dir, *out;
	struct secret *pass;
};

static void
world_pack(struct world *w, int want_revision)
{
	struct pack_result res;
	struct err e = {0};
	if (unit_pack(w->udb, w->dir, 2024, 0, w->pass, w->out, false, true, "2024-11-28", &res, &e) !=
	    ST_OK)
		fail_msg("unit_pack: %s", e.msg);
	assert_int_equal(res.revision, want_revision);
	free(res.path);
}

static void
world_new(struct world *w)
{
	struct err e = {0};
	struct enrollment *en;
	struct report *r;
	unsigned char *doc;
	size_t len;
	char code[ENROLL_CODE_SHOWN + 1], fp[48];

	central_new(&w->c);
	w->dir = test_tmpdir("review");
	w->out = xasprintf("%s/out", w->dir);
	assert_int_equal(mkdir(w->out, 0700), 0);
	w->pass = passphrase_from_bytes("mật khẩu đơn vị", strlen("mật khẩu đơn vị"));
	assert_int_equal(
	    central_enroll(w->c.db, w->c.sk, UNIT_A, NULL, &doc, &len, code, NULL, NULL, &e),
	    ST_OK);
	assert_int_equal(store_open(w->dir, STORE_UNIT, &w->udb, &e), ST_OK);
	assert_int_equal(enrollment_read(doc, len, &en, &e), ST_OK);
	assert_int_equal(enrollment_use_code(en, code, &e), ST_OK);
	assert_int_equal(unit_enroll(w->udb, w->dir, en, w->pass, false, fp, &e), ST_OK);
	enrollment_free(en);
	free(doc);
	char *json = test_file(SAMPLE, &len);
	assert_int_equal(report_from_json(w->udb, json, len, 2024, &r, &e), ST_OK);
	assert_int_equal(store_begin(w->udb, &e), ST_OK);
	assert_int_equal(report_save(w->udb, r, &e), ST_OK);
	assert_int_equal(store_commit(w->udb, &e), ST_OK);
	report_free(r);
	free(json);
	world_pack(w, 2);
}

static void
world_done(struct world *w)
{
	store_close(w->udb);
	central_done(&w->c);
	secret_free(w->pass);
	test_rmtree(w->dir);
	free(w->dir);
	free(w->out);
}

/* The central's receipt for the bundle of revision, carrying rv (may be NULL). */
static unsigned char *
receipt_for(struct world *w, int revision, const struct review *rv, size_t *len)
{
	struct receipt r = {.year = 2024,
			    .revision = revision,
			    .outcome = RO_MERGED,
			    .time = "2024-11-28T09:30:00Z",
			    .review = (struct review *)rv};
	unsigned char *doc;
	char sql[160];
	snprintf(r.unit, sizeof r.unit, "%s", UNIT_A);
	snprintf(sql, sizeof sql, "SELECT id || ' ' || hash FROM bundle WHERE revision = %d",
		 revision);
	char *idhash = test_sql_text(w->udb, sql, NULL, NULL);
	idhash[32] = '\0';
	assert_true(hex_decode(idhash, r.bundle_id, 16));
	assert_true(hex_decode(idhash + 33, r.bundle_hash, HASH_BYTES));
	free(idhash);
	receipt_make(&r, w->c.sk->bytes, &doc, len);
	return doc;
}

static void
open_receipt(struct world *w, const unsigned char *doc, size_t len)
{
	struct receipt r;
	struct err e = {0};
	if (unit_receipt(w->udb, doc, len, &r, &e) != ST_OK)
		fail_msg("unit_receipt: %s", e.msg);
	receipt_free(&r);
}

static struct review_comment comments[] = {
    {.field = "chung.tong_so_nguoi", .text = "Tổng số người không khớp."},
    {.field = "", .text = "Thiếu bản quét có dấu."},
    {.field = "khen_thuong.de_nghi", .text = "Đề nghị thứ hai thiếu thành tích."},
    {.field = "chung.khong_co", .text = "Một mục mẫu không có."},
    {.field = "chung.tong_so_nguoi", .text = "Xem lại cả số nữ."},
};
static const struct review needs_fixing = {
    .state = RV_NEEDS_FIXING, .time = "2024-11-28T08:00:00Z", .comments = comments, .n = 5};

static void
test_kept_once(void **state)
{
	(void)state;
	struct world w;
	size_t len, plain_len;
	world_new(&w);
	unsigned char *doc = receipt_for(&w, 2, &needs_fixing, &len);
	open_receipt(&w, doc, len);
	open_receipt(&w, doc, len); /* the same receipt opened again */
	assert_int_equal(test_sql_int(w.udb, "SELECT count(*) FROM receipt"), 1);
	assert_int_equal(test_sql_int(w.udb, "SELECT count(*) FROM review"), 1);
	assert_int_equal(test_sql_int(w.udb, "SELECT count(*) FROM review_comment"), 5);
	assert_int_equal(test_sql_int(w.udb, "SELECT revision FROM review"), 2);
	assert_int_equal(test_sql_int(w.udb, "SELECT answered_by IS NULL FROM review"), 1);
	assert_int_equal(
	    test_sql_int(w.udb, "SELECT receipt_id = (SELECT id FROM receipt) FROM review"), 1);
	char *s = test_sql_text(w.udb, "SELECT state || '|' || decided_at FROM review", NULL, NULL);
	assert_string_equal(s, "needs_fixing|2024-11-28T08:00:00Z");
	free(s);
	s = test_sql_text(w.udb,
			  "SELECT field_id || '|' || text FROM review_comment WHERE position = 1",
			  NULL, NULL);
	assert_string_equal(s, "|Thiếu bản quét có dấu.");
	free(s);
	/* A receipt without a review keeps none. */
	unsigned char *plain = receipt_for(&w, 2, NULL, &plain_len);
	struct receipt r = {0};
	struct err e = {0};
	assert_int_equal(unit_receipt_check(w.udb, plain, plain_len, &r, &e), ST_OK);
	r.time[0] = 'X'; /* another receipt row: signed at another time */
	assert_int_equal(unit_receipt_record(w.udb, plain, plain_len, &r, &e), ST_OK);
	receipt_free(&r);
	assert_int_equal(test_sql_int(w.udb, "SELECT count(*) FROM receipt"), 2);
	assert_int_equal(test_sql_int(w.udb, "SELECT count(*) FROM review"), 1);
	free(plain);
	free(doc);
	world_done(&w);
}

static void
test_open_review(void **state)
{
	(void)state;
	struct world w;
	struct unit_review rv;
	struct year_status ys;
	struct err e = {0};
	size_t len;
	world_new(&w);
	/* None yet. */
	assert_int_equal(unit_review_open(w.udb, 2024, 0, &rv, &e), ST_OK);
	assert_false(rv.any);
	assert_int_equal(unit_year_status(w.udb, 2024, 0, "2024-11-28", false, &ys, &e), ST_OK);
	assert_false(ys.reviewed);

	unsigned char *doc = receipt_for(&w, 2, &needs_fixing, &len);
	open_receipt(&w, doc, len);
	free(doc);
	assert_int_equal(unit_review_open(w.udb, 2024, 0, &rv, &e), ST_OK);
	assert_true(rv.any);
	assert_int_equal(rv.state, RV_NEEDS_FIXING);
	assert_int_equal(rv.year, 2024);
	assert_int_equal(rv.revision, 2);
	assert_string_equal(rv.decided_at, "2024-11-28T08:00:00Z");
	assert_int_equal(rv.n, 5);
	/* The whole report's first (a field the template does not know among them, its id
	 * kept), then the fields' in the template's order, each in the order staff wrote. */
	int total = template_field(rv.t, "chung.tong_so_nguoi");
	int nominations = template_field(rv.t, "khen_thuong.de_nghi");
	assert_true(total >= 0 && nominations > total);
	assert_int_equal(rv.notes[0].field, -1);
	assert_string_equal(rv.notes[0].text, "Thiếu bản quét có dấu.");
	assert_int_equal(rv.notes[1].field, -1);
	assert_string_equal(rv.notes[1].text, "[chung.khong_co] Một mục mẫu không có.");
	assert_int_equal(rv.notes[2].field, total);
	assert_string_equal(rv.notes[2].text, "Tổng số người không khớp.");
	assert_int_equal(rv.notes[3].field, total);
	assert_string_equal(rv.notes[3].text, "Xem lại cả số nữ.");
	assert_int_equal(rv.notes[4].field, nominations);
	assert_null(unit_review_label(&rv, &rv.notes[0]));
	assert_string_equal(unit_review_label(&rv, &rv.notes[2]),
			    "Tổng số CBCCVC, người lao động của đơn vị");
	assert_int_equal(unit_review_count(&rv, -1), 2);
	assert_int_equal(unit_review_count(&rv, total), 2);
	assert_int_equal(unit_review_count(&rv, nominations), 1);
	unit_review_free(&rv);
	assert_int_equal(unit_year_status(w.udb, 2024, 0, "2024-11-28", false, &ys, &e), ST_OK);
	assert_true(ys.reviewed);
	assert_int_equal(ys.review, RV_NEEDS_FIXING);
	assert_int_equal(ys.review_comments, 5);

	/* By year: another year has none. */
	assert_int_equal(unit_review_open(w.udb, 2023, 0, &rv, &e), ST_OK);
	assert_false(rv.any);

	/* A later review of the same revision is the one open (the staff's newest word). */
	static const struct review approved = {.state = RV_APPROVED,
					       .time = "2024-11-28T09:00:00Z"};
	doc = receipt_for(&w, 2, &approved, &len);
	open_receipt(&w, doc, len);
	free(doc);
	assert_int_equal(unit_review_open(w.udb, 2024, 0, &rv, &e), ST_OK);
	assert_true(rv.any);
	assert_int_equal(rv.state, RV_APPROVED);
	assert_int_equal(rv.n, 0);
	unit_review_free(&rv);
	world_done(&w);
}

static void
test_answered_by_pack(void **state)
{
	(void)state;
	struct world w;
	struct unit_review rv;
	struct year_status ys;
	struct err e = {0};
	size_t len;
	world_new(&w);
	unsigned char *doc = receipt_for(&w, 2, &needs_fixing, &len);
	open_receipt(&w, doc, len);
	world_pack(&w, 3);
	/* Kept, marked answered by revision 3; no longer open. */
	assert_int_equal(test_sql_int(w.udb, "SELECT answered_by FROM review"), 3);
	assert_int_equal(test_sql_int(w.udb, "SELECT count(*) FROM review_comment"), 5);
	assert_int_equal(unit_review_open(w.udb, 2024, 0, &rv, &e), ST_OK);
	assert_false(rv.any);
	assert_int_equal(unit_year_status(w.udb, 2024, 0, "2024-11-28", false, &ys, &e), ST_OK);
	assert_false(ys.reviewed);
	/* The same receipt opened after the pack does not open them again. */
	open_receipt(&w, doc, len);
	assert_int_equal(unit_review_open(w.udb, 2024, 0, &rv, &e), ST_OK);
	assert_false(rv.any);
	free(doc);

	/* A pack that fails (no such folder) answers nothing. */
	doc = receipt_for(&w, 3, &needs_fixing, &len);
	open_receipt(&w, doc, len);
	free(doc);
	struct pack_result res;
	assert_int_not_equal(unit_pack(w.udb, w.dir, 2024, 0, w.pass, "/nonexistent/folder", false,
				       true, "2024-11-28", &res, &e),
			     ST_OK);
	assert_int_equal(unit_review_open(w.udb, 2024, 0, &rv, &e), ST_OK);
	assert_true(rv.any);
	assert_int_equal(rv.revision, 3);
	unit_review_free(&rv);
	world_done(&w);
}

/* A receipt's review is placed the same way, from the receipt alone (xhht receipt). */
static void
test_of_receipt(void **state)
{
	(void)state;
	struct world w;
	struct unit_review rv;
	struct err e = {0};
	struct receipt r = {.year = 2024, .revision = 2, .review = (struct review *)&needs_fixing};
	world_new(&w);
	assert_int_equal(unit_review_of_receipt(w.udb, &r, &rv, &e), ST_OK);
	assert_true(rv.any);
	assert_int_equal(rv.n, 5);
	assert_int_equal(rv.notes[0].field, -1);
	assert_string_equal(rv.notes[1].text, "[chung.khong_co] Một mục mẫu không có.");
	unit_review_free(&rv);
	r.review = NULL;
	assert_int_equal(unit_review_of_receipt(w.udb, &r, &rv, &e), ST_OK);
	assert_false(rv.any);
	world_done(&w);
}


/* The 2023-2025 review packed beside the 2024 report: its own name and revisions; its receipt
 * and the review it carries land on it (found through the bundle's id), not on the yearly
 * report of its last year; the review's next pack answers them. */
static void
test_phase_review_receipt(void **state)
{
	(void)state;
	struct world w;
	struct unit_review rv;
	struct pack_result res;
	struct report *r = NULL;
	struct err e = {0};
	size_t len;
	world_new(&w);
	assert_int_equal(phase_start(w.udb, 2023, 2025, &e), ST_OK);
	assert_int_equal(report_read(w.udb, 2025, 2023, &r, &e), ST_OK);
	static const char *const written[][2] = {{"chung.ngay_bao_cao", "2025-11-20"},
						 {"tieu_chi.danh_gia", "Đạt."},
						 {"kien_nghi.phuong_huong", "Tiếp tục."},
						 {"chung.nguoi_ky", "Trần Văn Ký"},
						 {"chung.chuc_vu_nguoi_ky", "Giám đốc"},
						 {"chung.nguoi_lap", "Lê Lập"},
						 {"chung.dien_thoai", "0241234567"},
						 {"ket_qua.chi_dao", "Đã chỉ đạo."}};
	for (size_t i = 0; i < ARRAY_LEN(written); i++) {
		int f = template_field(r->t, written[i][0]);
		struct value v = {r->t->fields[f].type == F_DATE ? V_DATE : V_TEXT, 0,
				  (char *)written[i][1]};
		if (r->values[f].k == V_NULL)
			assert_int_equal(report_set_value(w.udb, r, f, &v, &e), ST_OK);
	}
	report_free(r);
	assert_int_equal(unit_pack(w.udb, w.dir, 2025, 2023, w.pass, w.out, false, true,
				   "2025-11-28", &res, &e),
			 ST_OK);
	assert_int_equal(res.revision, 1);
	char *name = xasprintf("/XHHT-2023-2025-%s-r1.xhht", UNIT_A);
	assert_non_null(strstr(res.path, name));
	free(name);
	free(res.path);
	assert_int_equal(test_sql_int(w.udb, "SELECT revision FROM report WHERE year = 2024"), 2);

	/* The central's receipt for it, carrying a review. */
	struct receipt rc = {.year = 2025,
			     .revision = 1,
			     .outcome = RO_MERGED,
			     .time = "2025-11-29T09:30:00Z",
			     .review = (struct review *)&needs_fixing};
	unsigned char *doc;
	snprintf(rc.unit, sizeof rc.unit, "%s", UNIT_A);
	char *idhash = test_sql_text(w.udb,
				     "SELECT id || ' ' || hash FROM bundle WHERE phase_first = 2023",
				     NULL, NULL);
	idhash[32] = '\0';
	assert_true(hex_decode(idhash, rc.bundle_id, 16));
	assert_true(hex_decode(idhash + 33, rc.bundle_hash, HASH_BYTES));
	free(idhash);
	receipt_make(&rc, w.c.sk->bytes, &doc, &len);
	open_receipt(&w, doc, len);
	free(doc);
	assert_int_equal(test_sql_int(w.udb, "SELECT phase_first FROM receipt"), 2023);
	assert_int_equal(unit_review_open(w.udb, 2025, 2023, &rv, &e), ST_OK);
	assert_true(rv.any);
	assert_string_equal(rv.t->id, "so-ket-2023-2025");
	char heading[300];
	unit_review_heading(&rv, heading, sizeof heading);
	assert_non_null(strstr(heading, "báo cáo giai đoạn 2023-2025, lần gửi 1"));
	unit_review_free(&rv);
	assert_int_equal(unit_review_open(w.udb, 2025, 0, &rv, &e), ST_OK);
	assert_false(rv.any);
	assert_int_equal(unit_review_open(w.udb, 2024, 0, &rv, &e), ST_OK);
	assert_false(rv.any);
	struct year_status ys;
	assert_int_equal(unit_year_status(w.udb, 2025, 2023, "2025-11-30", false, &ys, &e), ST_OK);
	assert_true(ys.answered);
	assert_true(ys.reviewed);
	assert_int_equal(unit_year_status(w.udb, 2024, 0, "2025-11-30", false, &ys, &e), ST_OK);
	assert_false(ys.answered);
	/* Packed again: revision 2 of the review answers it. */
	assert_int_equal(unit_pack(w.udb, w.dir, 2025, 2023, w.pass, w.out, false, true,
				   "2025-11-30", &res, &e),
			 ST_OK);
	assert_int_equal(res.revision, 2);
	free(res.path);
	assert_int_equal(unit_review_open(w.udb, 2025, 2023, &rv, &e), ST_OK);
	assert_false(rv.any);
	world_done(&w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kept_once),
	    cmocka_unit_test(test_open_review),
	    cmocka_unit_test(test_answered_by_pack),
	    cmocka_unit_test(test_of_receipt),
	    cmocka_unit_test(test_phase_review_receipt),
	};
	return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
