/* test_vectors.c: the committed vectors of tests/vectors opened as MANIFEST.tsv says, each by a
 * central set up from keys.txt; a reader that changes its verdict on any of them fails here. */
#include "testlib.h"

#include <dirent.h>
#include <stdio.h>

#include "armor.h"
#include "bundle.h"
#include "central.h"
#include "signed.h"

#define DIR_ "tests/vectors"

struct kv {
	char name[64], value[160];
};

static struct kv keys[64];
static size_t nkeys;

static const char *
key_text(const char *name)
{
	for (size_t i = 0; i < nkeys; i++)
		if (strcmp(keys[i].name, name) == 0)
			return keys[i].value;
	fail_msg("keys.txt has no %s", name);
	return NULL;
}

static void
key_bytes(const char *name, unsigned char *out, size_t len)
{
	if (!hex_decode(key_text(name), out, len))
		fail_msg("keys.txt: %s is not %zu bytes of hex", name, len);
}

static void
load_keys(void)
{
	char *text = test_file(DIR_ "/keys.txt", NULL), *save = NULL;
	nkeys = 0;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		assert_true(nkeys < ARRAY_LEN(keys));
		if (sscanf(line, "%63s %159s", keys[nkeys].name, keys[nkeys].value) != 2)
			fail_msg("keys.txt: bad line \"%s\"", line);
		nkeys++;
	}
	free(text);
}

/* A central with the vectors' keys and every unit of keys.txt, its keys as setup says. */
static struct store *
central_db(const char *setup)
{
	struct store *db = NULL;
	struct err e = {0};
	if (store_open_memory(STORE_CENTRAL, &db, &e) != ST_OK)
		fail_msg("store_open_memory: %s", e.msg);
	unsigned char box_sk[BOX_SK_BYTES];
	key_bytes("central.box_sk", box_sk, sizeof box_sk);
	if (central_attach_keys(db, box_sk, &e) != ST_OK)
		fail_msg("central_attach_keys: %s", e.msg);
	sodium_memzero(box_sk, sizeof box_sk);
	for (size_t i = 0; i < nkeys; i++) {
		size_t n = strlen(keys[i].name);
		if (strncmp(keys[i].name, "key.", 4) != 0 || n < 5 || strcmp(keys[i].name + n - 5, ".unit"))
			continue;
		/* Units come once each, though several keys may name one. */
		char *known = test_sql_text(db, "SELECT count(*) FROM unit WHERE code = ?1",
					    keys[i].value, NULL);
		if (strcmp(known, "0") == 0 &&
		    central_unit_add(db, keys[i].value, keys[i].value, "", &e) != ST_OK)
			fail_msg("central_unit_add: %s", e.msg);
		free(known);
	}
	if (strcmp(setup, "-") == 0)
		return db;
	char *copy = xstrdup(setup), *save = NULL;
	for (char *tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *colon = strchr(tok, ':'), name[96];
		if (colon == NULL)
			fail_msg("setup \"%s\": no colon in \"%s\"", setup, tok);
		*colon = '\0';
		const char *k = colon + 1;
		struct bundle_meta m = {0};
		snprintf(name, sizeof name, "key.%s.unit", k);
		snprintf(m.unit, sizeof m.unit, "%s", key_text(name));
		snprintf(name, sizeof name, "key.%s.sign_pk", k);
		key_bytes(name, m.signer, SIGN_PK_BYTES);
		if (strcmp(tok, "bound") == 0 || strcmp(tok, "revoked") == 0) {
			bool bound_new;
			if (central_bind(db, &m, &bound_new, &e) != ST_OK)
				fail_msg("central_bind: %s", e.msg);
			size_t n;
			if (strcmp(tok, "revoked") == 0 && central_unit_revoke(db, m.unit, &n, &e) != ST_OK)
				fail_msg("central_unit_revoke: %s", e.msg);
		} else if (strcmp(tok, "enrolled") == 0 || strcmp(tok, "used") == 0) {
			/* What central_enroll records, with the vectors' fixed id and secret. */
			unsigned char secret[ENROLL_SECRET_BYTES];
			sqlite3_stmt *st;
			snprintf(name, sizeof name, "key.%s.enroll_secret", k);
			key_bytes(name, secret, sizeof secret);
			snprintf(name, sizeof name, "key.%s.enroll_id", k);
			assert_int_equal(
			    sqlite3_prepare_v2(db->sql,
					       "INSERT INTO enrollment(id, unit_code, secret_hash,"
					       " created_at, coded, used_at) VALUES (?1, ?2,"
					       " xhht_enrollment_hash(?3),"
					       " '2024-11-01T02:00:00Z', 1, ?4)",
					       -1, &st, NULL),
			    SQLITE_OK);
			sqlite3_bind_text(st, 1, key_text(name), -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, m.unit, -1, SQLITE_STATIC);
			sqlite3_bind_blob(st, 3, secret, sizeof secret, SQLITE_STATIC);
			if (strcmp(tok, "used") == 0)
				sqlite3_bind_text(st, 4, "2024-11-02T02:00:00Z", -1, SQLITE_STATIC);
			assert_int_equal(sqlite3_step(st), SQLITE_DONE);
			sqlite3_finalize(st);
		} else
			fail_msg("setup \"%s\": unknown step \"%s\"", setup, tok);
	}
	free(copy);
	return db;
}

/* What reading one vector gives, as MANIFEST.tsv spells it. */
static const char *
outcome(const char *file, const char *kind, const char *setup)
{
	char *path = xasprintf("%s/%s", DIR_, file);
	unsigned char *data = NULL, box_pk[BOX_PK_BYTES], box_sk[BOX_SK_BYTES], sign_pk[SIGN_PK_BYTES];
	size_t len;
	struct err e = {0};
	const char *label = strcmp(kind, "enrollment") == 0 ? "ENROLLMENT"
			    : strcmp(kind, "receipt") == 0  ? "RECEIPT"
							    : "BUNDLE";
	const char *got = "refused";
	struct store *db = central_db(setup);

	key_bytes("central.box_pk", box_pk, sizeof box_pk);
	key_bytes("central.box_sk", box_sk, sizeof box_sk);
	key_bytes("central.sign_pk", sign_pk, sizeof sign_pk);
	enum status st = container_read(path, label, BUNDLE_MAX_BYTES, &data, &len, &e);
	if (strcmp(kind, "bundle") == 0 && st != ST_OK) {
		/* An armor block that breaks the armor rules is not a bundle (format 7.9). */
		size_t n;
		char *text = test_file(path, &n);
		if (!armor_detect(text, n))
			fail_msg("%s: container_read: %s", file, e.msg);
		free(text);
		got = bundle_error_name(BE_NOT_BUNDLE);
	} else if (strcmp(kind, "bundle") == 0) {
		struct bundle *b = NULL;
		bundle_open(data, len, box_pk, box_sk, central_trust, db, db, &b, &e);
		enum bundle_error be = e.code;
		if ((be == BE_OK) != (b != NULL))
			fail_msg("%s: %s with%s a bundle", file, bundle_error_name(be), b ? "" : "out");
		if (b != NULL)
			assert_memory_equal(b->meta.recipient, box_pk, BOX_PK_BYTES);
		bundle_free(b);
		got = bundle_error_name(be);
	} else if (strcmp(kind, "enrollment") == 0) {
		struct enrollment *en = NULL;
		if (st == ST_OK && enrollment_read(data, len, &en, &e) == ST_OK) {
			got = "ok";
			/* Whole, and the Ministry's: the keys it carries are keys.txt's. */
			assert_memory_equal(en->central_sign, sign_pk, SIGN_PK_BYTES);
			assert_memory_equal(en->central_box, box_pk, BOX_PK_BYTES);
			/* With its code, the file gives the secret the unit's bundles prove. */
			unsigned char want[ENROLL_SECRET_BYTES];
			key_bytes("key.A2.enroll_secret", want, sizeof want);
			assert_int_equal(enrollment_use_code(en, key_text("key.A2.enroll_code"), &e),
					 ST_OK);
			assert_memory_equal(en->secret, want, sizeof want);
		}
		enrollment_free(en);
	} else if (strcmp(kind, "receipt") == 0) {
		struct receipt r;
		if (st == ST_OK && receipt_read(data, len, sign_pk, &r, &e) == ST_OK) {
			got = "ok";
			receipt_free(&r);
		}
	} else
		fail_msg("%s: unknown kind \"%s\"", file, kind);
	sodium_memzero(box_sk, sizeof box_sk);
	free(data);
	free(path);
	store_close(db);
	return got;
}

static bool
listed(char **files, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(files[i], name) == 0)
			return true;
	return false;
}

static void
test_manifest(void **state)
{
	(void)state;
	char *text = test_file(DIR_ "/MANIFEST.tsv", NULL), *save = NULL;
	char *files[128];
	size_t nfiles = 0, nlines = 0;
	struct buf wrong;
	buf_init(&wrong);
	load_keys();
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *col[5], *p = line;
		if (line[0] == '#')
			continue;
		for (int i = 0; i < 5; i++) {
			col[i] = p;
			p = strchr(p, '\t');
			if (p == NULL && i < 4)
				fail_msg("MANIFEST.tsv: fewer than 5 columns in \"%s\"", line);
			if (p)
				*p++ = '\0';
		}
		const char *got = outcome(col[0], col[1], col[3]);
		if (strcmp(got, col[2]) != 0)
			buf_printf(&wrong, "  %s (%s, setup %s): %s, wanted %s\n", col[0], col[4], col[3],
				   got, col[2]);
		if (!listed(files, nfiles, col[0])) {
			assert_true(nfiles < ARRAY_LEN(files));
			files[nfiles++] = col[0];
		}
		nlines++;
	}
	if (wrong.len)
		fail_msg("vectors read differently from MANIFEST.tsv:\n%s", wrong.data);
	assert_true(nlines >= 40);

	/* Every file of the folder is a vector the manifest speaks for. */
	DIR *d = opendir(DIR_);
	struct dirent *de;
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		const char *n = de->d_name;
		if (n[0] == '.' || strcmp(n, "MANIFEST.tsv") == 0 || strcmp(n, "keys.txt") == 0 ||
		    strcmp(n, "make-vectors.c") == 0)
			continue;
		if (!listed(files, nfiles, n))
			fail_msg("%s/%s is not in MANIFEST.tsv", DIR_, n);
	}
	closedir(d);
	buf_free(&wrong);
	free(text);
}

/* The receipt vector is for the valid bundle vector: the hash it signs is that file's. */
static void
test_receipt_names_bundle(void **state)
{
	(void)state;
	unsigned char sign_pk[SIGN_PK_BYTES], *doc, *bundle, hash[HASH_BYTES];
	size_t len, blen;
	struct receipt r;
	struct err e = {0};
	struct store *db = test_db();
	load_keys();
	key_bytes("central.sign_pk", sign_pk, sizeof sign_pk);
	assert_int_equal(container_read(DIR_ "/receipt.receipt", "RECEIPT", 1 << 20, &doc, &len, &e),
			 ST_OK);
	assert_int_equal(receipt_read(doc, len, sign_pk, &r, &e), ST_OK);
	assert_int_equal(container_read(DIR_ "/valid.xhht", "BUNDLE", 1 << 20, &bundle, &blen, &e),
			 ST_OK);
	hash_bytes(bundle, blen, hash);
	assert_memory_equal(r.bundle_hash, hash, HASH_BYTES);
	assert_int_equal(r.outcome, RO_MERGED);
	free(bundle);
	free(doc);
	store_close(db);
}

static int
setup_all(void **state)
{
	(void)state;
	return sodium_init() < 0 ? -1 : 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_manifest),
		cmocka_unit_test(test_receipt_names_bundle),
	};
	return cmocka_run_group_tests(tests, setup_all, NULL);
}
