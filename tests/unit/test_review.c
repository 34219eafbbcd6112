/* test_review.c: the central staff's review of merged reports (review.c): recorded with the
 * staff log, refused when wrong, the board's state of the revision reviewed, and carried back to
 * the unit in the next receipt or a signed review file, read back with receipt_read. */
#include "bundle_fixture.h"

#include <dirent.h>

#include "armor.h"
#include "i18n.h"
#include "import.h"
#include "review.h"
#include "staff.h"
#include "summary.h"

/* A central in memory with UNIT_A's key bound, a folder for receipts and the bundles sent. */
struct world {
	struct central c;
	struct ukey k;
	char *receipts;
	unsigned char *bundle[3]; /* revision n's bundle is bundle[n] */
	size_t len[3];
	unsigned char hash[3][HASH_BYTES];
};

static unsigned char *
pack_revision(struct world *w, int revision, size_t *len, unsigned char hash[HASH_BYTES])
{
	struct pack_request req;
	char *report =
	    xasprintf("{\"template\": \"bao-cao-nam\", \"template_version\": 1,"
		      " \"unit\": {\"code\": \"%s\", \"name\": \"Đơn vị\"}, \"year\": 2024,"
		      " \"revision\": %d}",
		      UNIT_A, revision);
	request(&req, &w->c, &w->k, UNIT_A, report);
	req.meta.revision = revision;
	unsigned char *data = pack(&req, false, len, hash);
	free(report);
	return data;
}

/* Imports revision's bundle (as the importer does, receipts into w->receipts); the outcome. */
static enum receipt_outcome
import_revision(struct world *w, int revision)
{
	struct err e = {0};
	struct importer im = {.db = w->c.db,
			      .sign_sk = w->c.sk->bytes,
			      .box_sk = BOX_SK(&w->c),
			      .receipts_dir = w->receipts};
	memcpy(im.sign_pk, w->c.sign_pk, SIGN_PK_BYTES);
	memcpy(im.box_pk, w->c.box_pk, BOX_PK_BYTES);
	if (import_bundle(&im, w->bundle[revision], w->len[revision], "goi.xhht", NULL, NULL, &e) !=
		ST_OK ||
	    import_finish(&im, &e) != ST_OK)
		fail_msg("import: %s", e.msg);
	for (int o = 0; o < RO_COUNT; o++)
		if (im.counts[o])
			return (enum receipt_outcome)o;
	fail_msg("nothing imported");
	return RO_REFUSED;
}

static void
world_new(struct world *w)
{
	memset(w, 0, sizeof *w);
	central_new(&w->c);
	ukey_new(&w->k);
	bind(&w->c, UNIT_A, w->k.pk);
	w->receipts = test_tmpdir("review");
	for (int r = 1; r <= 2; r++)
		w->bundle[r] = pack_revision(w, r, &w->len[r], w->hash[r]);
	setenv("XHHT_NOW", "2024-12-01T03:00:00Z", 1);
	assert_int_equal(import_revision(w, 1), RO_MERGED);
}

static void
world_done(struct world *w)
{
	unsetenv("XHHT_NOW");
	test_rmtree(w->receipts);
	free(w->receipts);
	for (int r = 1; r <= 2; r++)
		free(w->bundle[r]);
	central_done(&w->c);
}

static long long
count(struct world *w, const char *sql)
{
	return store_int(w->c.db, -1, sql, "");
}

/* The state summary_units gives UNIT_A in 2024. */
static enum unit_state
board_state(struct world *w, size_t *needs, size_t *approved)
{
	struct year_units y;
	struct err e = {0};
	enum unit_state s = US_COUNT;
	assert_int_equal(summary_units(w->c.db, 2024, &y, &e), ST_OK);
	for (size_t i = 0; i < y.n; i++)
		if (strcmp(y.units[i].code, UNIT_A) == 0)
			s = y.units[i].state;
	*needs = y.counts[US_NEEDS_FIXING];
	*approved = y.counts[US_APPROVED];
	summary_units_free(&y);
	return s;
}

static const struct review_comment two[] = {
    {"", "Thiếu chữ ký của thủ trưởng."},
    {"chung.nguoi_ky", "Ghi rõ họ tên người ký."},
};

static void
needs_fixing(struct world *w)
{
	struct err e = {0};
	if (review_set(w->c.db, UNIT_A, 2024, 0, RV_NEEDS_FIXING, two, 2, NULL, &e) != ST_OK)
		fail_msg("review_set: %s", e.msg);
}

static void
test_set_and_read(void **state)
{
	(void)state;
	struct world w;
	struct review_entry r;
	struct err e = {0};
	bool found;
	long long id = 0;
	world_new(&w);
	assert_int_equal(review_current(w.c.db, UNIT_A, 2024, &r, &found, &e), ST_OK);
	assert_false(found);
	setenv("USER", "nguyen.van.a", 1);
	assert_int_equal(review_set(w.c.db, UNIT_A, 2024, 0, RV_NEEDS_FIXING, two, 2, &id, &e),
			 ST_OK);
	assert_true(id > 0);
	assert_int_equal(review_current(w.c.db, UNIT_A, 2024, &r, &found, &e), ST_OK);
	assert_true(found);
	assert_int_equal(r.id, id);
	assert_int_equal(r.rv.state, RV_NEEDS_FIXING);
	assert_int_equal(r.revision, 1);
	assert_memory_equal(r.bundle_hash, w.hash[1], HASH_BYTES);
	assert_string_equal(r.rv.time, "2024-12-01T03:00:00Z");
	assert_string_equal(r.staff, "nguyen.van.a");
	assert_int_equal(r.rv.n, 2);
	assert_string_equal(r.rv.comments[0].field, "");
	assert_string_equal(r.rv.comments[0].text, "Thiếu chữ ký của thủ trưởng.");
	assert_string_equal(r.rv.comments[1].field, "chung.nguoi_ky");
	assert_string_equal(r.rv.comments[1].text, "Ghi rõ họ tên người ký.");
	assert_true(r.current);
	assert_null(r.delivered_in);
	review_entry_free(&r);
	/* Logged in the same transaction, with who decided. */
	assert_int_equal(
	    count(&w, "SELECT count(*) FROM staff_action WHERE action = 'review'"
		      " AND unit_code = 'BVDKM' AND year = 2024 AND staff = 'nguyen.van.a'"),
	    1);
	/* A second review replaces the first for display; the first stays as history. A table id
	 * is a field of the template too. */
	const struct review_comment table[] = {{"khen_thuong.de_nghi", "Đủ hồ sơ."}};
	assert_int_equal(review_set(w.c.db, UNIT_A, 2024, 0, RV_APPROVED, table, 1, NULL, &e),
			 ST_OK);
	assert_int_equal(review_current(w.c.db, UNIT_A, 2024, &r, &found, &e), ST_OK);
	assert_int_equal(r.rv.state, RV_APPROVED);
	assert_int_equal(r.rv.n, 1);
	review_entry_free(&r);
	struct review_entry *all;
	size_t n;
	assert_int_equal(review_list(w.c.db, UNIT_A, 2024, &all, &n, &e), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(all[0].rv.state, RV_APPROVED);
	assert_true(all[0].current);
	assert_int_equal(all[1].rv.state, RV_NEEDS_FIXING);
	assert_false(all[1].current);
	assert_int_equal(all[1].rv.n, 2);
	review_entries_free(all, n);
	/* Approval without a comment is fine. */
	assert_int_equal(review_set(w.c.db, UNIT_A, 2024, 0, RV_APPROVED, NULL, 0, NULL, &e),
			 ST_OK);
	world_done(&w);
}

static void
refused(struct world *w, const char *unit, enum review_state s, const struct review_comment *c,
	size_t n, const char *words)
{
	struct err e = {0};
	assert_int_equal(review_set(w->c.db, unit, 2024, 0, s, c, n, NULL, &e), ST_REFUSED);
	if (strstr(e.msg, words) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", e.msg, words);
}

static void
test_refusals(void **state)
{
	(void)state;
	struct world w;
	world_new(&w);
	ui_lang = LANG_EN;
	const struct review_comment ok[] = {{"", "Sửa lại."}};
	refused(&w, UNIT_B, RV_NEEDS_FIXING, ok, 1, "unit BVB has no 2024 report");
	refused(&w, "KHONGCO", RV_APPROVED, NULL, 0, "no unit KHONGCO");
	refused(&w, UNIT_A, RV_NEEDS_FIXING, NULL, 0, "at least one comment");
	const struct review_comment field[] = {{"", "Sửa lại."}, {"chung.khong_co", "x"}};
	refused(&w, UNIT_A, RV_NEEDS_FIXING, field, 2,
		"comment 2: the report template bao-cao-nam "
		"has no field \"chung.khong_co\"");
	const struct review_comment blank[] = {{"", " \n "}};
	refused(&w, UNIT_A, RV_APPROVED, blank, 1, "comment 1 is empty");
	const struct review_comment control[] = {{"", "a\x1b[2Jb"}};
	refused(&w, UNIT_A, RV_NEEDS_FIXING, control, 1, "comment 1:");
	const struct review_comment bidi[] = {{"", "a\u202eb"}};
	refused(&w, UNIT_A, RV_NEEDS_FIXING, bidi, 1, "comment 1:");
	char *big = xmalloc(REVIEW_MAX_TEXT + 2);
	memset(big, 'a', REVIEW_MAX_TEXT + 1);
	big[REVIEW_MAX_TEXT + 1] = '\0';
	struct review_comment longer[] = {{"", big}};
	refused(&w, UNIT_A, RV_NEEDS_FIXING, longer, 1, "comment 1 is too long: 2001 bytes");
	big[REVIEW_MAX_TEXT] = '\0';
	struct review_comment many[REVIEW_MAX_COMMENTS + 1];
	for (size_t i = 0; i < ARRAY_LEN(many); i++)
		many[i] = (struct review_comment){"", "x"};
	refused(&w, UNIT_A, RV_NEEDS_FIXING, many, ARRAY_LEN(many), "too many comments: 201");
	/* Nothing of a refused review was written, neither the review nor the log. */
	assert_int_equal(count(&w, "SELECT count(*) FROM review"), 0);
	assert_int_equal(count(&w, "SELECT count(*) FROM review_comment"), 0);
	assert_int_equal(count(&w, "SELECT count(*) FROM staff_action WHERE action = 'review'"), 0);
	/* At the limits exactly: accepted. */
	struct err e = {0};
	assert_int_equal(review_set(w.c.db, UNIT_A, 2024, 0, RV_NEEDS_FIXING, longer, 1, NULL, &e),
			 ST_OK);
	assert_int_equal(review_set(w.c.db, UNIT_A, 2024, 0, RV_NEEDS_FIXING, many,
				    REVIEW_MAX_COMMENTS, NULL, &e),
			 ST_OK);
	free(big);
	ui_lang = LANG_VI;
	world_done(&w);
}

static void
test_board_state(void **state)
{
	(void)state;
	struct world w;
	struct review_entry r;
	struct err e = {0};
	size_t needs, approved;
	bool found;
	world_new(&w);
	setenv("XHHT_TODAY", "2024-12-01", 1);
	assert_int_equal(board_state(&w, &needs, &approved), US_ON_TIME);
	needs_fixing(&w);
	assert_int_equal(board_state(&w, &needs, &approved), US_NEEDS_FIXING);
	assert_int_equal(needs, 1);
	assert_int_equal(approved, 0);
	assert_int_equal(review_set(w.c.db, UNIT_A, 2024, 0, RV_APPROVED, NULL, 0, NULL, &e),
			 ST_OK);
	assert_int_equal(board_state(&w, &needs, &approved), US_APPROVED);
	assert_int_equal(needs, 0);
	assert_int_equal(approved, 1);
	/* The status's JSON counts every state. */
	struct buf b;
	buf_init(&b);
	assert_int_equal(summary_status(w.c.db, 2024, SF_JSON, &b, &e), ST_OK);
	assert_non_null(strstr(b.data, "\"state\":\"approved\""));
	assert_non_null(strstr(b.data, "\"needs_fixing\":0,\"approved\":1}"));
	buf_free(&b);
	/* A newer revision is to be reviewed again: late now (after the deadline). */
	setenv("XHHT_NOW", "2024-12-10T03:00:00Z", 1);
	assert_int_equal(import_revision(&w, 2), RO_MERGED);
	assert_int_equal(board_state(&w, &needs, &approved), US_LATE);
	assert_int_equal(approved, 0);
	assert_int_equal(review_current(w.c.db, UNIT_A, 2024, &r, &found, &e), ST_OK);
	assert_false(found);
	/* Staff who read revision 1 while 2 came in are told to read it first. */
	ui_lang = LANG_EN;
	assert_int_equal(review_set(w.c.db, UNIT_A, 2024, 1, RV_NEEDS_FIXING, two, 2, NULL, &e),
			 ST_REFUSED);
	assert_non_null(strstr(e.msg, "has just sent revision 2"));
	ui_lang = LANG_VI;
	assert_int_equal(review_set(w.c.db, UNIT_A, 2024, 2, RV_APPROVED, NULL, 0, NULL, &e),
			 ST_OK);
	assert_int_equal(board_state(&w, &needs, &approved), US_APPROVED);
	/* Approved, and still late: the year's counts and the printed report keep it in the late
	 * list, since lateness is what happened. */
	struct year_units y;
	assert_int_equal(summary_units(w.c.db, 2024, &y, &e), ST_OK);
	assert_int_equal(y.late, 1);
	for (size_t i = 0; i < y.n; i++)
		if (strcmp(y.units[i].code, UNIT_A) == 0)
			assert_true(y.units[i].late);
	summary_units_free(&y);
	buf_init(&b);
	assert_int_equal(summary_export(w.c.db, 2024, SF_HTML, &b, NULL, NULL, &e), ST_OK);
	assert_non_null(strstr(b.data, "Các đơn vị gửi muộn"));
	assert_non_null(strstr(b.data, "0 đơn vị gửi đúng hạn, 1 đơn vị gửi muộn"));
	buf_free(&b);
	unsetenv("XHHT_TODAY");
	world_done(&w);
}

/* The receipt file at path, verified with the central's key. */
static void
read_receipt(struct world *w, const char *path, struct receipt *r, int *format)
{
	unsigned char *data;
	size_t len;
	struct err e = {0};
	if (container_read(path, "RECEIPT", 1u << 20, &data, &len, &e) != ST_OK)
		fail_msg("%s: %s", path, e.msg);
	*format = data[7];
	assert_memory_equal(data, "XHHTRCP", 7);
	if (receipt_read(data, len, w->c.sign_pk, r, &e) != ST_OK)
		fail_msg("receipt_read: %s", e.msg);
	free(data);
}

static void
test_delivered_in_next_receipt(void **state)
{
	(void)state;
	struct world w;
	struct receipt rc;
	struct review_entry r;
	struct err e = {0};
	bool found;
	int format;
	world_new(&w);
	char *path = xasprintf("%s/XHHT-2024-%s-r1.receipt", w.receipts, UNIT_A);
	/* The first receipt had nothing to carry. */
	read_receipt(&w, path, &rc, &format);
	assert_int_equal(format, 1);
	assert_null(rc.review);
	receipt_free(&rc);
	needs_fixing(&w);
	/* The unit sends the same bundle again: answered again, with the review. */
	assert_int_equal(import_revision(&w, 1), RO_DUPLICATE);
	read_receipt(&w, path, &rc, &format);
	assert_int_equal(format, RECEIPT_FORMAT_REVIEW);
	assert_int_equal(rc.outcome, RO_DUPLICATE);
	assert_int_equal(rc.revision, 1);
	assert_memory_equal(rc.bundle_hash, w.hash[1], HASH_BYTES);
	assert_non_null(rc.review);
	assert_int_equal(rc.review->state, RV_NEEDS_FIXING);
	assert_int_equal(rc.review->n, 2);
	assert_string_equal(rc.review->comments[1].field, "chung.nguoi_ky");
	assert_string_equal(rc.review->comments[1].text, "Ghi rõ họ tên người ký.");
	receipt_free(&rc);
	assert_int_equal(review_current(w.c.db, UNIT_A, 2024, &r, &found, &e), ST_OK);
	assert_string_equal(r.delivered_in, path);
	assert_string_equal(r.delivered_at, "2024-12-01T03:00:00Z");
	review_entry_free(&r);
	assert_int_equal(count(&w, "SELECT count(*) FROM receipt_sent"), 2);
	/* Delivered: a third copy of the same bundle gets no receipt again. */
	assert_int_equal(import_revision(&w, 1), RO_DUPLICATE);
	assert_int_equal(count(&w, "SELECT count(*) FROM receipt_sent"), 2);
	/* The newer revision's receipt carries nothing of the review of the older one. */
	assert_int_equal(import_revision(&w, 2), RO_MERGED);
	char *path2 = xasprintf("%s/XHHT-2024-%s-r2.receipt", w.receipts, UNIT_A);
	read_receipt(&w, path2, &rc, &format);
	assert_int_equal(format, 1);
	assert_null(rc.review);
	receipt_free(&rc);
	free(path2);
	free(path);
	world_done(&w);
}

static void
test_review_file(void **state)
{
	(void)state;
	struct world w;
	struct receipt rc;
	struct review_entry r;
	struct err e = {0};
	bool found;
	int format;
	char *written = NULL;
	world_new(&w);
	ui_lang = LANG_EN;
	/* Nothing to write before a review. */
	assert_int_equal(
	    review_file_write(w.c.db, UNIT_A, 2024, w.c.sk->bytes, w.receipts, &written, &e),
	    ST_REFUSED);
	assert_non_null(strstr(e.msg, "has not been reviewed"));
	needs_fixing(&w);
	assert_int_equal(
	    review_file_write(w.c.db, UNIT_A, 2024, w.c.sk->bytes, w.receipts, &written, &e),
	    ST_OK);
	char *want = xasprintf("%s/XHHT-2024-%s-r1-review.receipt", w.receipts, UNIT_A);
	assert_string_equal(written, want);
	read_receipt(&w, written, &rc, &format);
	assert_int_equal(format, RECEIPT_FORMAT_REVIEW);
	assert_int_equal(rc.outcome, RO_MERGED);
	assert_string_equal(rc.unit, UNIT_A);
	assert_int_equal(rc.year, 2024);
	assert_int_equal(rc.revision, 1);
	assert_memory_equal(rc.bundle_hash, w.hash[1], HASH_BYTES);
	assert_int_equal(rc.review->state, RV_NEEDS_FIXING);
	assert_int_equal(rc.review->n, 2);
	assert_string_equal(rc.review->comments[0].text, "Thiếu chữ ký của thủ trưởng.");
	receipt_free(&rc);
	assert_int_equal(review_current(w.c.db, UNIT_A, 2024, &r, &found, &e), ST_OK);
	assert_string_equal(r.delivered_in, want);
	review_entry_free(&r);
	/* Delivered in the file: a duplicate of the bundle is not answered again for it. */
	assert_int_equal(import_revision(&w, 1), RO_DUPLICATE);
	assert_int_equal(count(&w, "SELECT count(*) FROM receipt_sent"), 1);
	free(want);
	free(written);
	ui_lang = LANG_VI;
	world_done(&w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_set_and_read), cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_board_state),  cmocka_unit_test(test_delivered_in_next_receipt),
	    cmocka_unit_test(test_review_file),
	};
	return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
