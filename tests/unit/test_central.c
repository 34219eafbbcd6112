/* test_central.c: the central's trust in a bundle's signer: bound keys, key changes,
 * revocation, and enrollment files proving a unit's first key once. */
#include "bundle_fixture.h"

#include "staff.h"
#include "template.h"

static void
test_trust(void **state)
{
	(void)state;
	struct fixture f;
	struct ukey k2, k3, stranger;
	struct pack_request req;
	size_t len;
	unsigned char *data;
	char *report_b = report_json(UNIT_B, 2024);
	fixture_new(&f);
	ukey_new(&k2);
	ukey_new(&k3);
	ukey_new(&stranger);

	request(&req, &f.c, &stranger, UNIT_A, f.report);
	data = pack(&req, false, &len, NULL);
	expect(&f.c, data, len, BE_UNKNOWN_SIGNER, "a key never bound");
	free(data);

	/* Unit A's bound key signing a bundle that says it is unit B's. */
	request(&req, &f.c, &f.k, UNIT_B, report_b);
	data = pack(&req, false, &len, NULL);
	expect(&f.c, data, len, BE_WRONG_UNIT, "another unit's key");
	free(data);

	/* A new key replaces the bound one; the replaced key is refused from then on. */
	bind(&f.c, UNIT_A, k2.pk);
	expect(&f.c, f.valid, f.len, BE_REVOKED, "a replaced key");
	request(&req, &f.c, &k2, UNIT_A, f.report);
	size_t k2_len;
	unsigned char *by_k2 = pack(&req, false, &k2_len, NULL);
	expect(&f.c, by_k2, k2_len, BE_OK, "the replacing key");

	/* A key change announced by the bound key is trusted before it is bound. */
	request(&req, &f.c, &k3, UNIT_A, f.report);
	key_change(&req, &k2);
	data = pack(&req, false, &len, NULL);
	size_t kc_len = len;
	expect(&f.c, data, len, BE_OK, "key change from the bound key");
	/* Announced by unit B's key for unit A. */
	bind(&f.c, UNIT_B, stranger.pk);
	request(&req, &f.c, &k3, UNIT_A, f.report);
	key_change(&req, &stranger);
	unsigned char *kc_b = pack(&req, false, &len, NULL);
	expect(&f.c, kc_b, len, BE_WRONG_UNIT, "key change from another unit's key");
	free(kc_b);

	/* Revoked: every bound key of the unit, and key changes they announced. */
	revoke_unit(&f.c, UNIT_A, 1);
	expect(&f.c, by_k2, k2_len, BE_REVOKED, "a revoked key");
	expect(&f.c, data, kc_len, BE_REVOKED, "key change from a revoked key");
	revoke_unit(&f.c, UNIT_A, 0);
	free(data);
	free(by_k2);
	free(report_b);
	fixture_done(&f);
}

/* Enrollment files made by the central prove a unit's first key, once. */
static void
test_enrollment_trust(void **state)
{
	(void)state;
	struct central c;
	struct ukey k1, k2, k3;
	struct enrollment *en = NULL, *en2 = NULL;
	struct pack_request req;
	struct err e = {0};
	unsigned char *doc, *data;
	size_t len, doclen;
	bool bound_new;
	char *report = report_json(UNIT_A, 2024), *report_b = report_json(UNIT_B, 2024);
	struct bundle *b;
	central_new(&c);
	ukey_new(&k1);
	ukey_new(&k2);
	ukey_new(&k3);

	char ecode[ENROLL_CODE_SHOWN + 1];
	if (central_enroll(c.db, c.sk, UNIT_A, NULL, &doc, &doclen, ecode, NULL, NULL, &e) != ST_OK)
		fail_msg("central_enroll: %s", e.msg);
	if (enrollment_read(doc, doclen, &en, &e) != ST_OK)
		fail_msg("enrollment_read: %s", e.msg);
	/* The file's secret alone proves nothing: the code turns it into the one bundles prove. */
	unsigned char file_secret[ENROLL_SECRET_BYTES];
	memcpy(file_secret, en->secret, sizeof file_secret);
	if (enrollment_use_code(en, ecode, &e) != ST_OK)
		fail_msg("enrollment_use_code: %s", e.msg);
	assert_memory_not_equal(file_secret, en->secret, sizeof file_secret);
	/* The central keeps a hash keyed by its own secret key: a copy of its database and an
	 * intercepted file are not enough to try codes offline. */
	{
		unsigned char plain[HASH_BYTES], key[ENROLL_HASH_KEY_BYTES], keyed[HASH_BYTES];
		static const char what[] = "xhht enrollment hash key v1";
		sqlite3_stmt *q;
		hash_bytes(en->secret, ENROLL_SECRET_BYTES, plain);
		crypto_generichash(key, sizeof key, (const unsigned char *)what, sizeof what - 1,
				   BOX_SK(&c), BOX_SK_BYTES);
		crypto_generichash(keyed, sizeof keyed, en->secret, ENROLL_SECRET_BYTES, key,
				   sizeof key);
		assert_int_equal(sqlite3_prepare_v2(
				     c.db->sql, "SELECT secret_hash FROM enrollment WHERE id = ?1",
				     -1, &q, NULL),
				 SQLITE_OK);
		sqlite3_bind_text(q, 1, en->id, -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(q), SQLITE_ROW);
		assert_int_equal(sqlite3_column_bytes(q, 0), HASH_BYTES);
		assert_memory_not_equal(sqlite3_column_blob(q, 0), plain, HASH_BYTES);
		assert_memory_equal(sqlite3_column_blob(q, 0), keyed, HASH_BYTES);
		sqlite3_finalize(q);
	}
	free(doc);
	assert_string_equal(en->unit_code, UNIT_A);
	assert_memory_equal(en->central_sign, c.sign_pk, SIGN_PK_BYTES);
	assert_memory_equal(en->central_box, c.box_pk, BOX_PK_BYTES);
	assert_int_equal(en->ntemplates, template_builtin_count());

	request(&req, &c, &k1, UNIT_A, report);
	req.meta.has_enroll = true;
	memcpy(req.meta.enroll_id, en->id, sizeof en->id);
	memcpy(req.meta.enroll_secret, en->secret, ENROLL_SECRET_BYTES);
	data = pack(&req, false, &len, NULL);
	assert_int_equal(open_as(&c, data, len, &b), BE_OK);
	/* The secret claimed for unit B. */
	struct pack_request rb;
	request(&rb, &c, &k2, UNIT_B, report_b);
	rb.meta.has_enroll = true;
	memcpy(rb.meta.enroll_id, en->id, sizeof en->id);
	memcpy(rb.meta.enroll_secret, en->secret, ENROLL_SECRET_BYTES);
	unsigned char *for_b = pack(&rb, false, &len, NULL);
	expect(&c, for_b, len, BE_WRONG_UNIT, "unit A's enrollment claimed for unit B");
	free(for_b);
	/* A wrong secret for the right enrollment. */
	req.meta.enroll_secret[0] ^= 1;
	unsigned char *wrong = pack(&req, false, &len, NULL);
	expect(&c, wrong, len, BE_UNKNOWN_SIGNER, "wrong enrollment secret");
	free(wrong);
	req.meta.enroll_secret[0] ^= 1;
	/* The file's secret without the code proves nothing (an intercepted file). */
	struct pack_request rf;
	request(&rf, &c, &k2, UNIT_A, report);
	rf.meta.has_enroll = true;
	memcpy(rf.meta.enroll_id, en->id, sizeof en->id);
	memcpy(rf.meta.enroll_secret, file_secret, ENROLL_SECRET_BYTES);
	unsigned char *no_code = pack(&rf, false, &len, NULL);
	expect(&c, no_code, len, BE_UNKNOWN_SIGNER, "the file's secret without the code");
	free(no_code);

	if (central_bind(c.db, &b->meta, &bound_new, &e) != ST_OK)
		fail_msg("central_bind: %s", e.msg);
	assert_true(bound_new);
	bundle_free(b);
	free(data);

	/* The secret is used up: another new key cannot prove it again. */
	request(&req, &c, &k2, UNIT_A, report);
	req.meta.has_enroll = true;
	memcpy(req.meta.enroll_id, en->id, sizeof en->id);
	memcpy(req.meta.enroll_secret, en->secret, ENROLL_SECRET_BYTES);
	data = pack(&req, false, &len, NULL);
	expect(&c, data, len, BE_ENROLL_REUSED, "a used enrollment secret");
	/* An enrollment of format 1 (no code) is proven by its file alone: a second key on it is
	 * anyone's, not an alarm in the unit's name. */
	char *sql = sqlite3_mprintf("UPDATE enrollment SET coded = 0 WHERE id = '%q'", en->id);
	assert_int_equal(sqlite3_exec(c.db->sql, sql, NULL, NULL, NULL), SQLITE_OK);
	expect(&c, data, len, BE_UNKNOWN_SIGNER, "a used enrollment of format 1");
	sqlite3_free(sql);
	sql = sqlite3_mprintf("UPDATE enrollment SET coded = 1 WHERE id = '%q'", en->id);
	assert_int_equal(sqlite3_exec(c.db->sql, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_free(sql);
	free(data);

	/* A new enrollment supersedes the old one (which was never used by k3). */
	if (central_enroll(c.db, c.sk, UNIT_A, NULL, &doc, &doclen, ecode, NULL, NULL, &e) != ST_OK ||
	    enrollment_read(doc, doclen, &en2, &e) != ST_OK || enrollment_use_code(en2, ecode, &e) != ST_OK)
		fail_msg("enrolling again: %s", e.msg);
	free(doc);
	assert_string_not_equal(en2->id, en->id);
	if (central_enroll(c.db, c.sk, UNIT_A, NULL, &doc, &doclen, ecode, NULL, NULL, &e) != ST_OK)
		fail_msg("enrolling a third time: %s", e.msg);
	free(doc);
	request(&req, &c, &k3, UNIT_A, report);
	req.meta.has_enroll = true;
	memcpy(req.meta.enroll_id, en2->id, sizeof en2->id);
	memcpy(req.meta.enroll_secret, en2->secret, ENROLL_SECRET_BYTES);
	data = pack(&req, false, &len, NULL);
	expect(&c, data, len, BE_REVOKED, "a superseded enrollment");
	free(data);
	enrollment_free(en);
	enrollment_free(en2);
	en = en2 = NULL;

	/* Revoking the unit supersedes its unused enrollment too: its holder cannot bind a key
	 * after the revocation. */
	size_t n;
	if (central_enroll(c.db, c.sk, UNIT_A, NULL, &doc, &doclen, ecode, NULL, NULL, &e) != ST_OK ||
	    enrollment_read(doc, doclen, &en, &e) != ST_OK || enrollment_use_code(en, ecode, &e) != ST_OK)
		fail_msg("enrolling a fourth time: %s", e.msg);
	free(doc);
	assert_int_equal(central_unit_revoke(c.db, UNIT_A, &n, &e), ST_OK);
	assert_int_equal(n, 1); /* k1 */
	request(&req, &c, &k3, UNIT_A, report);
	req.meta.has_enroll = true;
	memcpy(req.meta.enroll_id, en->id, sizeof en->id);
	memcpy(req.meta.enroll_secret, en->secret, ENROLL_SECRET_BYTES);
	data = pack(&req, false, &len, NULL);
	expect(&c, data, len, BE_REVOKED, "an enrollment issued before the revocation");
	free(data);
	enrollment_free(en);
	assert_int_equal(central_unit_revoke(c.db, "KHONG-CO", &n, &e), ST_REFUSED);
	assert_int_equal(n, 0);

	/* A key accepted through a key change burns no enrollment, even one it names. */
	struct ukey k4, k5;
	ukey_new(&k4);
	ukey_new(&k5);
	bind(&c, UNIT_B, k4.pk);
	if (central_enroll(c.db, c.sk, UNIT_B, NULL, &doc, &doclen, ecode, NULL, NULL, &e) != ST_OK ||
	    enrollment_read(doc, doclen, &en, &e) != ST_OK || enrollment_use_code(en, ecode, &e) != ST_OK)
		fail_msg("enrolling unit B: %s", e.msg);
	free(doc);
	request(&req, &c, &k5, UNIT_B, report_b);
	key_change(&req, &k4);
	req.meta.has_enroll = true;
	memcpy(req.meta.enroll_id, en->id, sizeof en->id);
	randombytes_buf(req.meta.enroll_secret, ENROLL_SECRET_BYTES); /* not the secret */
	data = pack(&req, false, &len, NULL);
	assert_int_equal(open_as(&c, data, len, &b), BE_OK);
	if (central_bind(c.db, &b->meta, &bound_new, &e) != ST_OK)
		fail_msg("central_bind: %s", e.msg);
	bundle_free(b);
	free(data);
	struct ukey k6;
	ukey_new(&k6);
	request(&req, &c, &k6, UNIT_B, report_b);
	req.meta.has_enroll = true;
	memcpy(req.meta.enroll_id, en->id, sizeof en->id);
	memcpy(req.meta.enroll_secret, en->secret, ENROLL_SECRET_BYTES);
	data = pack(&req, false, &len, NULL);
	expect(&c, data, len, BE_OK, "the enrollment named by a key change is still unused");
	free(data);
	enrollment_free(en);
	free(report);
	free(report_b);
	central_done(&c);
}

/* A unit's group is one of the documented list, or none; another is refused naming the list,
 * and the unit is not added. */
static void
test_unit_groups(void **state)
{
	(void)state;
	struct store *db;
	struct err e = {0};
	assert_int_equal(store_open_memory(STORE_CENTRAL, &db, &e), ST_OK);
	assert_true(central_group_ok(""));
	assert_true(central_group_ok("benh_vien"));
	assert_true(central_group_ok("khac"));
	assert_false(central_group_ok("Benh_vien"));
	assert_false(central_group_ok("benh_vien "));
	assert_false(central_group_ok("hospital"));
	assert_int_equal(central_unit_add(db, "BV1", "Bệnh viện Một", "vu_cuc", &e), ST_OK);
	assert_int_equal(central_unit_add(db, "BV2", "Bệnh viện Hai", "benh-vien", &e), ST_REFUSED);
	assert_non_null(strstr(e.msg, "\"benh-vien\""));
	assert_non_null(strstr(e.msg, "benh_vien ("));
	assert_non_null(strstr(e.msg, "khac ("));
	assert_int_equal(central_unit_add(db, "BV2", "Bệnh viện Hai", "", &e), ST_OK);
	assert_string_equal(UNIT_GROUP_CODES, "benh_vien, vien, truong, trung_tam, vu_cuc, khac");
	store_close(db);
}

/* How many rows the staff action log holds (every unit). */
static size_t
log_rows(struct store *db)
{
	struct staff_entry *a;
	size_t n;
	struct err e = {0};
	assert_int_equal(staff_entries(db, NULL, 0, &a, &n, &e), ST_OK);
	staff_entries_free(a, n);
	return n;
}

static enum status
deliver_fails(void *ctx, const unsigned char *doc, size_t len, struct err *e)
{
	(void)ctx;
	(void)doc;
	(void)len;
	err_set(e, "the stick is full");
	return ST_ENV;
}

/* Every unit and key action is in the staff action log, with the login name and what was done
 * in words, written with the change: a refused or failed action leaves no row. */
static void
test_unit_actions_logged(void **state)
{
	(void)state;
	struct central c;
	struct err e = {0};
	struct staff_entry *a;
	size_t n;
	setenv("USER", "canbo.vtc", 1);
	central_new(&c); /* adds UNIT_A and UNIT_B */
	assert_int_equal(log_rows(c.db), 2);

	/* Refused: nothing logged. */
	assert_int_equal(central_unit_add(c.db, UNIT_A, "Bệnh viện Đa khoa Minh Hòa", "", &e),
			 ST_REFUSED);
	assert_int_equal(central_unit_add(c.db, "BV X", "Tên", "", &e), ST_REFUSED);
	char *csv = tmp_path("csv");
	FILE *f = fopen(csv, "w");
	fputs("ma,ten,nhom\nBVC,Bệnh viện C,vien\nBVD,Bệnh viện D,nhom-la\n", f);
	fclose(f);
	size_t added, known;
	assert_int_equal(central_unit_import(c.db, csv, &added, &known, &e), ST_REFUSED);
	assert_int_equal(log_rows(c.db), 2);
	/* One row per unit added, naming the file and line; a unit already there adds none. */
	f = fopen(csv, "w");
	fputs("ma,ten,nhom\nBVDKM,Bệnh viện Đa khoa Minh Hòa,\nBVC,Bệnh viện C,vien\n", f);
	fclose(f);
	assert_int_equal(central_unit_import(c.db, csv, &added, &known, &e), ST_OK);
	assert_int_equal(added, 1);
	assert_int_equal(staff_entries(c.db, "BVC", 0, &a, &n, &e), ST_OK);
	assert_int_equal(n, 1);
	assert_string_equal(a[0].action, "unit_import");
	assert_string_equal(a[0].staff, "canbo.vtc");
	assert_non_null(strstr(a[0].detail, "Bệnh viện C; nhóm vien; từ "));
	assert_non_null(strstr(a[0].detail, "dòng 3"));
	staff_entries_free(a, n);
	free(csv);

	/* An enrollment whose file could not be written is not logged either. */
	unsigned char *doc = NULL;
	size_t len;
	char code[ENROLL_CODE_SHOWN + 1];
	assert_int_equal(central_enroll_to(c.db, c.sk, UNIT_A, NULL, "/media/usb/dk.xhht", &doc, &len,
					   code, deliver_fails, NULL, &e),
			 ST_ENV);
	assert_int_equal(log_rows(c.db), 3);
	assert_int_equal(central_enroll_to(c.db, c.sk, UNIT_A, "baocao@moh.gov.vn",
					   "/media/usb/dk.xhht", &doc, &len, code, NULL, NULL, &e),
			 ST_OK);
	free(doc);

	/* Confirmed: the fingerprint heard; a wrong one refused and not logged. */
	struct ukey k;
	ukey_new(&k);
	bind(&c, UNIT_A, k.pk);
	char fp[48], heard[48];
	key_fingerprint(k.pk, SIGN_PK_BYTES, heard);
	assert_int_equal(central_unit_confirm(c.db, UNIT_A, "1234", fp, &e), ST_REFUSED);
	assert_int_equal(central_unit_confirm(c.db, UNIT_A, heard, fp, &e), ST_OK);
	size_t revoked;
	assert_int_equal(central_unit_revoke(c.db, UNIT_A, &revoked, &e), ST_OK);

	assert_int_equal(staff_entries(c.db, UNIT_A, 0, &a, &n, &e), ST_OK);
	assert_int_equal(n, 4); /* newest first */
	assert_string_equal(a[0].action, "revoke");
	assert_non_null(strstr(a[0].detail, "thu hồi 1 khóa ("));
	assert_non_null(strstr(a[0].detail, heard));
	assert_string_equal(a[1].action, "confirm");
	assert_non_null(strstr(a[1].detail, heard));
	assert_string_equal(a[2].action, "enroll");
	assert_non_null(strstr(a[2].detail, "tệp /media/usb/dk.xhht"));
	assert_non_null(strstr(a[2].detail, "gửi gói tới baocao@moh.gov.vn"));
	assert_string_equal(a[3].action, "unit_add");
	assert_string_equal(a[3].detail, "Bệnh viện Đa khoa Minh Hòa");
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(a[i].staff, "canbo.vtc");
		assert_string_equal(a[i].unit, UNIT_A);
		assert_int_equal(a[i].period, 0);
	}
	/* The enrollment's id as unit show gives it. */
	char *id = store_text(c.db, "SELECT id FROM enrollment WHERE unit_code = ?1 AND used_at IS"
				    " NULL ORDER BY rowid DESC LIMIT 1", "t", UNIT_A);
	assert_non_null(id);
	assert_non_null(strstr(a[2].detail, id));
	free(id);
	/* What the log's readers show for a stored name: the words, or a newer program's name. */
	assert_string_equal(staff_action_word_named(a[0].action), "thu hồi khóa");
	assert_string_equal(staff_action_word_named("later_action"), "later_action");
	staff_entries_free(a, n);
	central_done(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_trust),
	    cmocka_unit_test(test_enrollment_trust),
	    cmocka_unit_test(test_unit_groups),
	    cmocka_unit_test(test_unit_actions_logged),
	};
	return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
