/* test_history.c: a unit's revisions as the central holds them, the difference between two of
 * them (fields and table rows), and a conflict settled: merged moved, the log written, the
 * unit no longer a conflict; a settlement without a reason, or with no conflict, refused. */
#include "testlib.h"

#include "history.h"
#include "i18n.h"
#include "staff.h"
#include "summary.h"

#define HASH_R1 "1111111111111111111111111111111111111111111111111111111111111111"
#define HASH_R2 "2222222222222222222222222222222222222222222222222222222222222222"
#define HASH_R2B "2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b"
#define HASH_R3 "3333333333333333333333333333333333333333333333333333333333333333"

/* A report of unit A for 2024 with these values and rows of thi_dua.mo_hinh. */
static char *
report_json(int revision, const char *values, const char *rows)
{
	return xasprintf(
	    "{\"template\": \"bao-cao-nam\", \"template_version\": 1,"
	    " \"unit\": {\"code\": \"A\", \"name\": \"Bệnh viện A\"}, \"year\": 2024,"
	    " \"revision\": %d, \"values\": {%s}, \"tables\": {\"thi_dua.mo_hinh\": [%s]}}",
	    revision, values, rows);
}

static void
add_bundle(struct store *db, const char *hex, int revision, const char *state, const char *at,
	   char *report)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(
			     db->sql,
			     "INSERT INTO bundle(hash, id, unit_code, year, revision, packed_at,"
			     " imported_at, signer_pk, template_id, template_version, report,"
			     " state, source, observed_at, observed_by) VALUES (unhex(?1), 'id',"
			     " 'A', 2024, ?2, ?4, ?4, x'00', 'bao-cao-nam', 1, ?5, ?3, 'tep.xhht',"
			     " ?4, 'import')",
			     -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, revision);
	sqlite3_bind_text(st, 3, state, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, report, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	free(report);
}

/* SQLite before 3.41 has no unhex(): the tests' own, on this connection. */
static void
unhex_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	unsigned char out[64];
	size_t n = strlen(s) / 2;
	for (size_t i = 0; i < n && i < sizeof out; i++)
		sscanf(s + 2 * i, "%2hhx", &out[i]);
	sqlite3_result_blob(ctx, out, (int)n, SQLITE_TRANSIENT);
}

static long long
count(struct store *db, const char *sql)
{
	return store_int(db, -1, sql, "");
}

static char *
text(struct store *db, const char *sql)
{
	return store_text(db, sql, "");
}

/* Unit A of 2024: revision 1 (superseded), revision 2 merged and a second revision 2 of
 * other content (a conflict), all before the deadline. */
static struct store *
history_world(void)
{
	struct store *db = NULL;
	struct err e = {0};
	if (store_open_memory(STORE_CENTRAL, &db, &e) != ST_OK)
		fail_msg("store_open_memory: %s", e.msg);
	sqlite3_create_function(db->sql, "unhex", 1, SQLITE_UTF8, NULL, unhex_fn, NULL, NULL);
	assert_int_equal(
	    sqlite3_exec(db->sql,
			 "INSERT INTO unit(code, name, grp, created_at) VALUES ('A', 'Bệnh viện A',"
			 " 'benh_vien', '2024-01-01T00:00:00Z'), ('B', 'Viện B', 'vien',"
			 " '2024-01-01T00:00:00Z')",
			 NULL, NULL, NULL),
	    SQLITE_OK);
	add_bundle(db, HASH_R1, 1, "superseded", "2024-11-01T03:00:00Z",
		   report_json(1,
			       "\"chung.nguoi_ky\": \"Trần Văn Ký\", \"chung.tong_so_nguoi\": 1260",
			       "{\"ten\": \"Mô hình A\", \"hieu_qua\": \"tốt\"},"
			       " {\"ten\": \"Mô hình B\", \"hieu_qua\": \"khá\"},"
			       " {\"ten\": \"Mô hình C\", \"hieu_qua\": \"vừa\"}"));
	add_bundle(db, HASH_R2, 2, "merged", "2024-11-20T03:00:00Z",
		   report_json(2, "\"chung.email\": \"a@b.vn\", \"chung.tong_so_nguoi\": 1300",
			       "{\"ten\": \"Mô hình D\", \"hieu_qua\": \"mới\"},"
			       " {\"ten\": \"Mô hình A\", \"hieu_qua\": \"tốt\"},"
			       " {\"ten\": \"Mô hình B\", \"hieu_qua\": \"rất tốt\"}"));
	add_bundle(db, HASH_R2B, 2, "conflict", "2024-11-21T03:00:00Z",
		   report_json(2, "\"chung.email\": \"a@b.vn\", \"chung.tong_so_nguoi\": 1400",
			       "{\"ten\": \"Mô hình D\", \"hieu_qua\": \"mới\"}"));
	assert_int_equal(sqlite3_exec(db->sql,
				      "INSERT INTO merged(unit_code, year, bundle_hash, revision,"
				      " merged_at) VALUES ('A', 2024, unhex('" HASH_R2
				      "'), 2, 'x')",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	ui_lang = LANG_VI;
	setenv("USER", "nguyenvana", 1);
	return db;
}

static enum unit_state
state_of_a(struct store *db)
{
	struct year_units y;
	struct err e = {0};
	assert_int_equal(summary_units(db, 2024, &y, &e), ST_OK);
	enum unit_state s = y.units[0].state;
	summary_units_free(&y);
	return s;
}

static void
test_history_lists_revisions(void **state)
{
	(void)state;
	struct store *db = history_world();
	struct history h;
	struct err e = {0};
	int i, a, b;
	assert_int_equal(history_read(db, "A", 2024, &h, &e), ST_OK);
	assert_int_equal(h.n, 3);
	/* Newest first: revision, then arrival. */
	assert_string_equal(h.v[0].hash, HASH_R2B);
	assert_int_equal(h.v[0].state, HS_CONFLICT);
	assert_string_equal(h.v[1].hash, HASH_R2);
	assert_int_equal(h.v[1].state, HS_MERGED);
	assert_int_equal(h.v[2].state, HS_SUPERSEDED);
	assert_int_equal(h.merged, 1);
	assert_int_equal(h.conflict_revision, 2);
	assert_string_equal(h.v[2].source, "tep.xhht");
	assert_false(h.v[2].late);
	/* Named by revision (one bundle), or by the start of a hash. */
	assert_int_equal(history_find(&h, "1", &i, &e), ST_OK);
	assert_int_equal(i, 2);
	assert_int_equal(history_find(&h, "2B2B", &i, &e), ST_OK);
	assert_int_equal(i, 0);
	assert_int_equal(history_find(&h, "2", &i, &e), ST_REFUSED);
	assert_non_null(strstr(e.msg, "lần gửi 2 có 2 gói khác nhau"));
	assert_int_equal(history_find(&h, "9999", &i, &e), ST_REFUSED);
	assert_non_null(strstr(e.msg, "không có gói nào bắt đầu bằng 9999"));
	assert_int_equal(history_find(&h, "xyz", &i, &e), ST_REFUSED);
	/* Unnamed: the conflict's candidates, the one in use first. */
	assert_int_equal(history_default_pair(&h, &a, &b, &e), ST_OK);
	assert_int_equal(a, 1);
	assert_int_equal(b, 0);
	history_free(&h);
	/* A unit with nothing sent: an empty history; an unknown one: refused. */
	assert_int_equal(history_read(db, "B", 2024, &h, &e), ST_OK);
	assert_int_equal(h.n, 0);
	assert_int_equal(history_default_pair(&h, &a, &b, &e), ST_REFUSED);
	history_free(&h);
	assert_int_equal(history_read(db, "ZZ", 2024, &h, &e), ST_REFUSED);
	assert_non_null(strstr(e.msg, "ZZ"));
	history_free(&h);
	store_close(db);
}

static const struct history_change *
change_named(const struct history_diff *d, const char *label)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->v[i].label, label) == 0)
			return &d->v[i];
	fail_msg("no change \"%s\"", label);
	return NULL;
}

static void
test_diff_fields_and_rows(void **state)
{
	(void)state;
	struct store *db = history_world();
	struct history_diff d;
	struct err e = {0};
	assert_int_equal(history_diff(db, "A", 2024, HASH_R1, HASH_R2, &d, &e), ST_OK);
	assert_int_equal(d.old_revision, 1);
	assert_int_equal(d.new_revision, 2);
	/* Fields: removed, added, changed, in template order, with the template's labels. */
	assert_int_equal(d.v[0].kind, CH_REMOVED);
	assert_string_equal(d.v[0].old_text, "Trần Văn Ký");
	assert_string_equal(d.v[0].new_text, "");
	assert_int_equal(d.v[1].kind, CH_ADDED);
	assert_string_equal(d.v[1].new_text, "a@b.vn");
	assert_int_equal(d.v[2].kind, CH_CHANGED);
	assert_string_equal(d.v[2].old_text, "1.260");
	assert_string_equal(d.v[2].new_text, "1.300");
	assert_non_null(d.v[2].label);
	assert_non_null(d.v[2].section_title);
	/* Rows: D added at the top; A moved, unchanged; B matched by its name, one cell changed; C
	 * removed. Nothing else. */
	const struct history_change *c =
	    change_named(&d, "Mô hình hay, cách làm sáng tạo, dòng 1: Tên mô hình");
	assert_int_equal(c->kind, CH_ADDED);
	assert_string_equal(c->new_text, "Mô hình D");
	assert_int_equal(c->old_row, 0);
	c = change_named(&d,
			 "Mô hình hay, cách làm sáng tạo, dòng 3: Hiệu quả, khả năng nhân rộng");
	assert_int_equal(c->kind, CH_CHANGED);
	assert_string_equal(c->old_text, "khá");
	assert_string_equal(c->new_text, "rất tốt");
	assert_int_equal(c->old_row, 2);
	assert_int_equal(c->new_row, 3);
	assert_int_equal(d.v[d.n - 1].kind, CH_REMOVED);
	assert_string_equal(d.v[d.n - 1].old_text, "vừa");
	assert_int_equal(d.v[d.n - 1].old_row, 3);
	assert_int_equal(d.n, 3 + 2 + 1 + 2);
	history_diff_free(&d);
	/* The same bundle against itself: nothing. */
	assert_int_equal(history_diff(db, "A", 2024, HASH_R2, HASH_R2, &d, &e), ST_OK);
	assert_int_equal(d.n, 0);
	history_diff_free(&d);
	/* A bundle of another unit or an unknown one is refused. */
	assert_int_equal(history_diff(db, "B", 2024, HASH_R1, HASH_R2, &d, &e), ST_REFUSED);
	history_diff_free(&d);
	store_close(db);
}

static void
test_settle_moves_merged_and_logs(void **state)
{
	(void)state;
	struct store *db = history_world();
	struct err e = {0};
	char chosen[65];
	size_t aside;
	struct history h;
	assert_int_equal(state_of_a(db), US_CONFLICT);
	assert_int_equal(history_settle(db, "A", 2024, "2b2b2b",
					"Đã gọi điện, đơn vị xác nhận bản sau", chosen, &aside, &e),
			 ST_OK);
	assert_string_equal(chosen, HASH_R2B);
	assert_int_equal(aside, 1);
	/* The chosen one is merged; the other stays, set aside; the unit is no conflict. */
	char *m = text(db, "SELECT lower(hex(bundle_hash)) FROM merged WHERE unit_code = 'A'");
	assert_string_equal(m, HASH_R2B);
	free(m);
	assert_int_equal(count(db, "SELECT count(*) FROM bundle WHERE state = 'merged'"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM bundle_set_aside WHERE bundle_hash ="
				   " unhex('" HASH_R2 "')"),
			 1);
	assert_int_equal(state_of_a(db), US_ON_TIME);
	assert_int_equal(history_read(db, "A", 2024, &h, &e), ST_OK);
	assert_int_equal(h.v[0].state, HS_MERGED);
	assert_int_equal(h.v[1].state, HS_SET_ASIDE);
	assert_int_equal(h.conflict_revision, 0);
	assert_int_equal(h.merged, 0);
	history_free(&h);
	/* Who, what and why, in the log, pointed at by the set-aside row. */
	struct staff_entry *a;
	size_t n;
	assert_int_equal(staff_entries(db, "A", 2024, &a, &n, &e), ST_OK);
	assert_int_equal(n, 1);
	assert_string_equal(a[0].action, "settle");
	assert_string_equal(a[0].staff, "nguyenvana");
	assert_string_equal(a[0].detail, "lần gửi 2: chọn 2b2b2b2b2b2b, để riêng 222222222222; lý"
					 " do: Đã gọi điện, đơn vị xác nhận bản sau");
	staff_entries_free(a, n);
	assert_int_equal(count(db, "SELECT count(*) FROM bundle_set_aside s JOIN staff_action a ON"
				   " a.id = s.action_id WHERE a.action = 'settle'"),
			 1);
	/* Settled once: nothing left to settle. */
	assert_int_equal(history_settle(db, "A", 2024, "2b2b", "lại", chosen, &aside, &e),
			 ST_REFUSED);
	assert_non_null(strstr(e.msg, "không có xung đột"));
	/* A third content of the same revision is a conflict again. */
	add_bundle(db, "2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c", 2,
		   "conflict", "2024-11-22T03:00:00Z", report_json(2, "", ""));
	assert_int_equal(state_of_a(db), US_CONFLICT);
	/* Keeping the one in use: the merged report stays, the newcomer is set aside. */
	assert_int_equal(
	    history_settle(db, "A", 2024, "2b2b", "giữ bản đang dùng", chosen, &aside, &e), ST_OK);
	m = text(db, "SELECT lower(hex(bundle_hash)) FROM merged WHERE unit_code = 'A'");
	assert_string_equal(m, HASH_R2B);
	free(m);
	assert_int_equal(state_of_a(db), US_ON_TIME);
	assert_int_equal(count(db, "SELECT count(*) FROM staff_action"), 2);
	store_close(db);
}

static void
test_settle_refused(void **state)
{
	(void)state;
	struct store *db = history_world();
	struct err e = {0};
	char chosen[65];
	size_t aside;
	/* No reason, or only blanks: refused, nothing changed, nothing logged. */
	assert_int_equal(history_settle(db, "A", 2024, "2b2b", NULL, chosen, &aside, &e),
			 ST_REFUSED);
	assert_non_null(strstr(e.msg, "cần ghi lý do"));
	assert_int_equal(history_settle(db, "A", 2024, "2b2b", "   ", chosen, &aside, &e),
			 ST_REFUSED);
	assert_int_equal(count(db, "SELECT count(*) FROM staff_action"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM bundle_set_aside"), 0);
	assert_int_equal(state_of_a(db), US_CONFLICT);
	/* A bundle that is not a candidate: refused, naming the candidates. */
	assert_int_equal(history_settle(db, "A", 2024, "1", "bản cũ", chosen, &aside, &e),
			 ST_REFUSED);
	assert_non_null(strstr(e.msg, "222222222222, 2b2b2b2b2b2b"));
	/* A unit with no conflict: refused. */
	assert_int_equal(history_settle(db, "B", 2024, "1", "không có gì", chosen, &aside, &e),
			 ST_REFUSED);
	assert_non_null(strstr(e.msg, "không có xung đột"));
	assert_int_equal(count(db, "SELECT count(*) FROM staff_action"), 0);
	char *m = text(db, "SELECT lower(hex(bundle_hash)) FROM merged WHERE unit_code = 'A'");
	assert_string_equal(m, HASH_R2);
	free(m);
	store_close(db);
}

/* A conflict of a revision older than the one in use: settled, the merged report stays, the
 * chosen one takes the older one's place in the history. */
static void
test_settle_older_revision(void **state)
{
	(void)state;
	struct store *db = history_world();
	struct err e = {0};
	char chosen[65];
	size_t aside;
	struct history h;
	assert_int_equal(
	    sqlite3_exec(db->sql, "DELETE FROM bundle WHERE state = 'conflict'", NULL, NULL, NULL),
	    SQLITE_OK);
	add_bundle(db, "1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a", 1,
		   "conflict", "2024-11-22T03:00:00Z", report_json(1, "", ""));
	assert_int_equal(state_of_a(db), US_CONFLICT);
	assert_int_equal(history_settle(db, "A", 2024, "1a1a", "bản sửa đúng", chosen, &aside, &e),
			 ST_OK);
	char *m = text(db, "SELECT lower(hex(bundle_hash)) FROM merged WHERE unit_code = 'A'");
	assert_string_equal(m, HASH_R2);
	free(m);
	assert_int_equal(state_of_a(db), US_ON_TIME);
	assert_int_equal(history_read(db, "A", 2024, &h, &e), ST_OK);
	assert_int_equal(h.v[0].state, HS_MERGED);
	assert_int_equal(h.v[1].state, HS_SUPERSEDED);
	assert_string_equal(h.v[1].hash, chosen);
	assert_int_equal(h.v[2].state, HS_SET_ASIDE);
	history_free(&h);
	store_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_history_lists_revisions),
	    cmocka_unit_test(test_diff_fields_and_rows),
	    cmocka_unit_test(test_settle_moves_merged_and_logs),
	    cmocka_unit_test(test_settle_refused),
	    cmocka_unit_test(test_settle_older_revision),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
