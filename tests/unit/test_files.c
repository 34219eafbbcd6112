/* test_files.c: files written in shared folders: nothing planted under a temporary or final
 * name is written through, and key files open to others are refused. */
#include "testlib.h"

#include <dirent.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle.h"
#include "crypto.h"
#include "i18n.h"
#include "unit.h"

static const char victim_text[] = "the file a planted link points at\n";

/* A file outside the destination that an attacker would like us to overwrite. */
static char *
make_victim(const char *dir)
{
	char *victim = xasprintf("%s/victim", dir);
	struct err e;
	assert_int_equal(file_write_atomic(victim, victim_text, sizeof victim_text - 1, &e), ST_OK);
	return victim;
}

static void
assert_victim_untouched(const char *victim)
{
	size_t len;
	char *data = test_file(victim, &len);
	assert_int_equal(len, sizeof victim_text - 1);
	assert_memory_equal(data, victim_text, len);
	free(data);
}

static void
assert_regular_with(const char *path, const char *text, unsigned mode)
{
	struct stat st;
	size_t len;
	char *data;
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	if (mode)
		assert_int_equal(st.st_mode & 0777, mode);
	if (text != NULL) {
		data = test_file(path, &len);
		assert_int_equal(len, strlen(text));
		assert_memory_equal(data, text, len);
		free(data);
	}
}

/* A symlink at the predictable temporary name (PATH.tmp-PID) is neither followed nor taken as
 * the file: another name is used, and the link and its target stay as they were. */
static void
test_symlink_at_temp_name(void **state)
{
	const char *dir = *state;
	char *victim = make_victim(dir), *path = xasprintf("%s/export.csv", dir);
	char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid()), link_to[4096];
	struct err e = {0};
	ssize_t n;

	assert_int_equal(symlink(victim, tmp), 0);
	assert_int_equal(file_write_atomic(path, "new,content\n", 12, &e), ST_OK);
	assert_victim_untouched(victim);
	assert_regular_with(path, "new,content\n", 0);
	n = readlink(tmp, link_to, sizeof link_to - 1);
	assert_true(n > 0);
	link_to[n] = '\0';
	assert_string_equal(link_to, victim);
	/* A regular file planted there is not truncated either. */
	assert_int_equal(unlink(tmp), 0);
	assert_int_equal(file_write_atomic(tmp, "planted", 7, &e), ST_OK);
	assert_int_equal(file_write_atomic(path, "again\n", 6, &e), ST_OK);
	assert_regular_with(tmp, "planted", 0);
	assert_regular_with(path, "again\n", 0);
	free(victim);
	free(path);
	free(tmp);
}

/* A symlink at the final name is replaced by the file, never written through. */
static void
test_symlink_at_final_name(void **state)
{
	const char *dir = *state;
	char *victim = make_victim(dir), *path = xasprintf("%s/XHHT-2024-X-r1.receipt", dir);
	struct err e = {0};

	assert_int_equal(symlink(victim, path), 0);
	assert_int_equal(file_write_atomic_mode(path, "receipt", 7, 0600, &e), ST_OK);
	assert_victim_untouched(victim);
	assert_regular_with(path, "receipt", 0600);
	free(victim);
	free(path);
}

/* With noreplace (bundles), whatever is at the final name, a dangling link included, is kept
 * and the write is refused; the temporary file is gone. */
static void
test_noreplace(void **state)
{
	const char *dir = *state;
	char *victim = make_victim(dir), *path = xasprintf("%s/XHHT-2024-X-r2.xhht", dir);
	char *dangling = xasprintf("%s/nowhere", dir);
	struct file_temp t;
	struct err e = {0};
	struct stat st;

	assert_int_equal(symlink(victim, path), 0);
	assert_int_equal(file_temp_open(&t, path, 0644, &e), ST_OK);
	char *tmp = xstrdup(t.tmp);
	assert_int_equal(write(t.fd, "bundle", 6), 6);
	assert_int_equal(file_temp_commit(&t, true, &e), ST_ENV);
	assert_non_null(strstr(e.msg, path));
	assert_int_equal(lstat(tmp, &st), -1);
	assert_victim_untouched(victim);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));

	assert_int_equal(unlink(path), 0);
	assert_int_equal(symlink(dangling, path), 0);
	assert_int_equal(file_temp_open(&t, path, 0644, &e), ST_OK);
	assert_int_equal(file_temp_commit(&t, true, &e), ST_ENV);
	assert_int_equal(lstat(dangling, &st), -1);

	assert_int_equal(unlink(path), 0);
	assert_int_equal(file_temp_open(&t, path, 0644, &e), ST_OK);
	assert_int_equal(write(t.fd, "bundle", 6), 6);
	assert_int_equal(file_temp_commit(&t, true, &e), ST_OK);
	assert_regular_with(path, "bundle", 0644);
	free(tmp);
	free(victim);
	free(path);
	free(dangling);
}

/* A key file, with links planted at both its temporary and its final name. */
static void
test_keyfile_planted_links(void **state)
{
	const char *dir = *state;
	char *victim = make_victim(dir), *path = xasprintf("%s/unit-0011223344556677.key", dir);
	char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	struct secret *sk = secret_new(SIGN_SK_BYTES + ENROLL_SECRET_BYTES), *got = NULL;
	struct secret *pass = passphrase_from_bytes("cụm mật khẩu dài", strlen("cụm mật khẩu dài"));
	unsigned char pk[SIGN_PK_BYTES], back[SIGN_PK_BYTES];
	struct err e = {0};

	crypto_sign_keypair(pk, sk->bytes);
	assert_int_equal(symlink(victim, tmp), 0);
	assert_int_equal(symlink(victim, path), 0);
	assert_int_equal(keyfile_write(path, KEYFILE_UNIT, pk, SIGN_PK_BYTES, sk, pass, &e), ST_OK);
	assert_victim_untouched(victim);
	assert_regular_with(path, NULL, 0600);
	assert_int_equal(keyfile_read(path, KEYFILE_UNIT, pass, &got, back, SIGN_PK_BYTES, &e), ST_OK);
	assert_memory_equal(back, pk, SIGN_PK_BYTES);
	secret_free(got);
	secret_free(sk);
	secret_free(pass);
	free(victim);
	free(path);
	free(tmp);
}

/* As ssh: a key file open to group or others, a symlink, or a FIFO is refused, saying how to
 * fix it; 0600 and 0400 are fine. */
static void
test_secret_file_permissions(void **state)
{
	const char *dir = *state;
	char *path = xasprintf("%s/central.key", dir), *lnk = xasprintf("%s/link.key", dir);
	char *fifo = xasprintf("%s/fifo.key", dir), *data;
	char want[512];
	size_t len;
	struct err e = {0};
	static const unsigned modes[] = {0644, 0640, 0604, 0660, 0602, 0610};

	ui_lang = LANG_EN;
	assert_int_equal(file_write_atomic_mode(path, "sealed", 6, 0600, &e), ST_OK);
	assert_int_equal(file_read_secret(path, 4096, &data, &len, &e), ST_OK);
	free(data);
	for (size_t i = 0; i < ARRAY_LEN(modes); i++) {
		assert_int_equal(chmod(path, modes[i]), 0);
		assert_int_equal(file_read_secret(path, 4096, &data, &len, &e), ST_ENV);
		snprintf(want, sizeof want, "run chmod 600 %s", path);
		assert_non_null(strstr(e.msg, want));
		assert_non_null(strstr(e.msg, "key file"));
	}
	assert_int_equal(chmod(path, 0400), 0);
	assert_int_equal(file_read_secret(path, 4096, &data, &len, &e), ST_OK);
	free(data);

	assert_int_equal(chmod(path, 0600), 0);
	assert_int_equal(symlink(path, lnk), 0);
	assert_int_equal(file_read_secret(lnk, 4096, &data, &len, &e), ST_ENV);
	assert_non_null(strstr(e.msg, "symbolic link"));
	assert_non_null(strstr(e.msg, lnk));

	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(file_read_secret(fifo, 4096, &data, &len, &e), ST_ENV);
	assert_non_null(strstr(e.msg, "not a regular file"));
	free(path);
	free(lnk);
	free(fifo);
}

/* A backup goes into a folder made for it: one planted under its name (a link to elsewhere)
 * receives nothing. */
static void
test_backup_planted_folder(void **state)
{
	const char *dir = *state;
	char *elsewhere = xasprintf("%s/elsewhere", dir), *planted, *made = NULL, *db_copy;
	struct store *db = test_db();
	struct err e = {0};
	struct stat st;

	setenv("XHHT_NOW", "2024-11-28T09:30:00Z", 1);
	assert_int_equal(mkdir(elsewhere, 0700), 0);
	planted = xasprintf("%s/xhht-sao-luu-20241128-093000", dir);
	assert_int_equal(symlink(elsewhere, planted), 0);
	if (unit_backup(db, dir, dir, &made, &e) != ST_OK)
		fail_msg("unit_backup: %s", e.msg);
	assert_string_not_equal(made, planted);
	db_copy = xasprintf("%s/xhht.db", elsewhere);
	assert_int_equal(lstat(db_copy, &st), -1);
	free(db_copy);
	db_copy = xasprintf("%s/xhht.db", made);
	assert_int_equal(lstat(db_copy, &st), 0);
	assert_int_equal(lstat(made, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0700);
	unsetenv("XHHT_NOW");
	free(db_copy);
	free(made);
	free(planted);
	free(elsewhere);
	store_close(db);
}

/* bundle_pack hands the bundle over (req->written) only once it is written and read back, and
 * gives it its name only after that: a failed hand-over leaves no file, and a file that appears
 * under the name meanwhile (a race, a planted link) is kept and the pack refused. */
struct handover {
	const char *path, *plant;
	enum status answer;
	int calls;
	bool tmp_complete;
};

static enum status
handover(void *ctx, const unsigned char hash[HASH_BYTES], uint64_t size, struct err *e)
{
	struct handover *h = ctx;
	struct stat st;
	(void)hash;
	h->calls++;
	/* Not there yet under its name: only the temporary file, whole. */
	h->tmp_complete = lstat(h->path, &st) != 0 && size > 72;
	if (h->plant != NULL)
		assert_int_equal(symlink(h->plant, h->path), 0);
	if (h->answer != ST_OK)
		err_set(e, "the database said no");
	return h->answer;
}

static void
no_temp_left(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		if (strstr(de->d_name, ".tmp-") != NULL)
			fail_msg("a temporary file is left: %s", de->d_name);
	closedir(d);
}

static void
test_bundle_handover(void **state)
{
	const char *dir = *state;
	char *victim = make_victim(dir), *path = xasprintf("%s/XHHT-2024-X-r1.xhht", dir);
	static const char report[] = "{\"year\": 2024}";
	unsigned char pk[SIGN_PK_BYTES], sk[SIGN_SK_BYTES], box_sk[BOX_SK_BYTES], hash[HASH_BYTES];
	struct pack_request req;
	struct handover h = {.path = path, .answer = ST_ENV};
	struct err e = {0};
	struct stat st;

	crypto_sign_keypair(pk, sk);
	memset(&req, 0, sizeof req);
	snprintf(req.meta.unit, sizeof req.meta.unit, "X");
	req.meta.year = 2024;
	req.meta.revision = 1;
	randombytes_buf(box_sk, sizeof box_sk);
	crypto_scalarmult_base(req.meta.recipient, box_sk);
	memcpy(req.meta.signer, pk, SIGN_PK_BYTES);
	snprintf(req.meta.template_id, sizeof req.meta.template_id, "bao-cao-nam");
	req.meta.template_version = 1;
	req.report = report;
	req.report_len = strlen(report);
	req.sign_sk = sk;
	req.written = handover;
	req.written_ctx = &h;

	assert_int_equal(bundle_pack(&req, path, false, hash, &e), ST_ENV);
	assert_string_equal(e.msg, "the database said no");
	assert_int_equal(h.calls, 1);
	assert_true(h.tmp_complete);
	assert_int_equal(lstat(path, &st), -1);
	no_temp_left(dir);

	h.answer = ST_OK;
	h.plant = victim;
	assert_int_equal(bundle_pack(&req, path, false, hash, &e), ST_ENV);
	assert_non_null(strstr(e.msg, path));
	assert_victim_untouched(victim);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	no_temp_left(dir);

	assert_int_equal(unlink(path), 0);
	h.plant = NULL;
	assert_int_equal(bundle_pack(&req, path, true, hash, &e), ST_OK);
	assert_regular_with(path, NULL, 0);
	no_temp_left(dir);
	free(victim);
	free(path);
}

/* Portable mode: on a stick's FAT, exFAT or NTFS every file shows 0644 and chmod does nothing;
 * the key file check ignores modes there, and only there. */
static void
test_fs_without_modes(void **state)
{
	(void)state;
	assert_false(fs_type_keeps_modes(0x4d44UL));     /* vfat */
	assert_false(fs_type_keeps_modes(0x2011bab0UL)); /* exfat */
	assert_false(fs_type_keeps_modes(0x5346544eUL)); /* ntfs3 */
	assert_false(fs_type_keeps_modes(0x65735546UL)); /* fuseblk (ntfs-3g) */
	assert_true(fs_type_keeps_modes(0xef53UL));      /* ext2/3/4 */
	assert_true(fs_type_keeps_modes(0x01021994UL));  /* tmpfs */
	assert_true(fs_type_keeps_modes(0x9123683eUL));  /* btrfs */
	assert_true(fs_type_keeps_modes(0x58465342UL));  /* xfs */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_symlink_at_temp_name, test_setup_tmp, test_teardown_tmp),
		cmocka_unit_test_setup_teardown(test_symlink_at_final_name, test_setup_tmp, test_teardown_tmp),
		cmocka_unit_test_setup_teardown(test_noreplace, test_setup_tmp, test_teardown_tmp),
		cmocka_unit_test_setup_teardown(test_keyfile_planted_links, test_setup_tmp, test_teardown_tmp),
		cmocka_unit_test_setup_teardown(test_secret_file_permissions, test_setup_tmp, test_teardown_tmp),
		cmocka_unit_test_setup_teardown(test_backup_planted_folder, test_setup_tmp, test_teardown_tmp),
		cmocka_unit_test_setup_teardown(test_bundle_handover, test_setup_tmp, test_teardown_tmp),
		cmocka_unit_test(test_fs_without_modes),
	};
	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
