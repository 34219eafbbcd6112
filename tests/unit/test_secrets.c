/* test_secrets.c: no secret key byte, enrollment secret or passphrase ever reaches the disk in
 * the clear: every file the programs write is scanned for them. */
#include "testlib.h"

#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle.h"
#include "central.h"
#include "platform.h"
#include "report.h"
#include "signed.h"
#include "unit.h"

static char *
temp_dir(void)
{
	char *t = test_tmpdir("secrets");
	assert_non_null(t);
	return t;
}

static bool
contains(const unsigned char *hay, size_t n, const unsigned char *needle, size_t m)
{
	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(hay + i, needle, m) == 0)
			return true;
	return false;
}

/* Fails if any file under dir holds any 12-byte window of secret. */
static void
scan(const char *dir, const unsigned char *secret, size_t len, const char *what)
{
	struct plat_dir *d = plat_dir_open(dir, false);
	const char *name;
	assert_non_null(d);
	while ((name = plat_dir_next(d)) != NULL) {
		char *path = xasprintf("%s/%s", dir, name);
		struct stat st;
		assert_int_equal(stat(path, &st), 0);
		if (S_ISDIR(st.st_mode)) {
			scan(path, secret, len, what);
			free(path);
			continue;
		}
		size_t n;
		char *data = test_file(path, &n);
		for (size_t i = 0; i + 12 <= len; i += 4)
			if (contains((unsigned char *)data, n, secret + i, 12))
				fail_msg("%s: bytes of the %s in the clear", path, what);
		free(data);
		free(path);
	}
	plat_dir_close(d);
}

static void
remove_tree(const char *dir)
{
	assert_int_equal(test_rmtree(dir), 0);
}

static void
test_nothing_secret_on_disk(void **state)
{
	(void)state;
	char *top = temp_dir(), *cdir = xasprintf("%s/central", top), *udir = xasprintf("%s/unit", top);
	char *out = xasprintf("%s/out", top), sfp[48], bfp[48], fp[48];
	static const char cpass_text[] = "cụm mật khẩu trung ương", upass_text[] = "mật khẩu đơn vị";
	struct secret *cpass = passphrase_from_bytes(cpass_text, strlen(cpass_text));
	struct secret *upass = passphrase_from_bytes(upass_text, strlen(upass_text));
	struct secret *csk, *usk;
	struct err e = {0};
	struct store *cdb, *udb;
	unsigned char *doc;
	size_t len;
	struct enrollment *en;

	assert_int_equal(store_open(cdir, STORE_CENTRAL, &cdb, &e), ST_OK);
	assert_int_equal(central_init(cdb, cdir, cpass, sfp, bfp, &e), ST_OK);
	assert_int_equal(central_unit_add(cdb, "BVDKM", "Bệnh viện Đa khoa Minh Hòa", "", &e), ST_OK);
	assert_int_equal(central_open_keys(cdir, cpass, &csk, &e), ST_OK);
	assert_int_equal(central_attach_keys(cdb, csk->bytes + SIGN_SK_BYTES, &e), ST_OK);
	char ecode[ENROLL_CODE_SHOWN + 1];
	assert_int_equal(central_enroll(cdb, csk, "BVDKM", NULL, &doc, &len, ecode, NULL, NULL, &e), ST_OK);

	assert_int_equal(store_open(udir, STORE_UNIT, &udb, &e), ST_OK);
	assert_int_equal(enrollment_read(doc, len, &en, &e), ST_OK);
	assert_int_equal(enrollment_use_code(en, ecode, &e), ST_OK);
	assert_int_equal(unit_enroll(udb, udir, en, upass, false, fp, &e), ST_OK);
	size_t rlen;
	char *report = test_file("tests/data/bao-cao-mau.json", &rlen);
	struct report *r;
	assert_int_equal(report_from_json(udb, report, rlen, 2024, &r, &e), ST_OK);
	assert_int_equal(store_begin(udb, &e), ST_OK);
	assert_int_equal(report_save(udb, r, &e), ST_OK);
	assert_int_equal(store_commit(udb, &e), ST_OK);
	report_free(r);
	free(report);
	assert_int_equal(mkdir(out, 0700), 0);
	struct pack_result res;
	if (unit_pack(udb, udir, 2024, 0, upass, out, false, false, "2024-12-01", &res, &e) != ST_OK)
		fail_msg("%s", e.msg);
	free(res.path);

	/* The unit's key file, opened with the passphrase, gives the secrets to look for. */
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(udb->sql,
					    "SELECT key_file FROM enrollment WHERE current = 1", -1,
					    &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	char *kpath = xasprintf("%s/%s", udir, sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	unsigned char pk[SIGN_PK_BYTES];
	assert_int_equal(keyfile_read(kpath, KEYFILE_UNIT, upass, &usk, pk, sizeof pk, &e), ST_OK);
	free(kpath);
	store_close(udb);
	store_close(cdb);

	scan(top, usk->bytes, 32, "unit signing seed");
	scan(top, usk->bytes + SIGN_SK_BYTES, ENROLL_SECRET_BYTES, "enrollment secret");
	scan(top, csk->bytes, 32, "central signing seed");
	scan(top, csk->bytes + SIGN_SK_BYTES, BOX_SK_BYTES, "central receiving key");
	scan(top, (const unsigned char *)cpass_text, strlen(cpass_text), "central passphrase");
	scan(top, (const unsigned char *)upass_text, strlen(upass_text), "unit passphrase");

	/* The enrollment file carries the one-time secret (that is its point), but no key. */
	for (size_t i = 0; i + 12 <= 32; i += 4)
		assert_false(contains(doc, len, csk->bytes + i, 12));

	secret_free(usk);
	secret_free(csk);
	secret_free(cpass);
	secret_free(upass);
	enrollment_free(en);
	free(doc);
	remove_tree(top);
	free(top);
	free(cdir);
	free(udir);
	free(out);
}

/* Key files are created 0600 and a wrong passphrase is refused as an environment problem. */
static void
test_key_file_mode_and_wrong_passphrase(void **state)
{
	(void)state;
	char *top = temp_dir(), *path = xasprintf("%s/k.key", top);
	struct secret *sk = secret_new(SIGN_SK_BYTES + ENROLL_SECRET_BYTES), *back;
	struct secret *pass = passphrase_from_bytes("đúng rồi đấy", strlen("đúng rồi đấy"));
	struct secret *wrong = passphrase_from_bytes("sai rồi đấy", strlen("sai rồi đấy"));
	unsigned char pk[SIGN_PK_BYTES], pk2[SIGN_PK_BYTES];
	struct err e = {0};
	struct stat st;

	crypto_sign_keypair(pk, sk->bytes);
	assert_int_equal(keyfile_write(path, KEYFILE_UNIT, pk, sizeof pk, sk, pass, &e), ST_OK);
	assert_int_equal(stat(path, &st), 0);
#ifndef _WIN32 /* on Windows the key check reads its DACL: keyfile_read below would refuse it */
	assert_int_equal(st.st_mode & 0777, 0600);
#endif
	assert_int_equal(keyfile_read(path, KEYFILE_UNIT, wrong, &back, pk2, sizeof pk2, &e), ST_ENV);
	assert_null(back);
	assert_non_null(strstr(e.msg, "sai cụm mật khẩu"));
	assert_int_equal(keyfile_read(path, KEYFILE_UNIT, pass, &back, pk2, sizeof pk2, &e), ST_OK);
	assert_memory_equal(back->bytes, sk->bytes, sk->len);
	assert_memory_equal(pk, pk2, sizeof pk);
	/* Changing the passphrase keeps the key. */
	assert_int_equal(keyfile_change_passphrase(path, KEYFILE_UNIT, pass, wrong, &e), ST_OK);
	secret_free(back);
	assert_int_equal(keyfile_read(path, KEYFILE_UNIT, pass, &back, pk2, sizeof pk2, &e), ST_ENV);
	assert_int_equal(keyfile_read(path, KEYFILE_UNIT, wrong, &back, pk2, sizeof pk2, &e), ST_OK);
	assert_memory_equal(back->bytes, sk->bytes, sk->len);
	secret_free(back);
	secret_free(sk);
	secret_free(pass);
	secret_free(wrong);
	remove_tree(top);
	free(top);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nothing_secret_on_disk),
		cmocka_unit_test(test_key_file_mode_and_wrong_passphrase),
	};
	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
