/* test_store.c: the data folder, opening and migrating databases, refusing foreign files. */
#include "testlib.h"

#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "store.h"
#include "central.h"
#include "period.h"
#include "template.h"

#define APPID_UNIT 0x58484854    /* 'XHHT' */
#define APPID_CENTRAL 0x58484843 /* 'XHHC' */

static char *
path_in(void **state, const char *name)
{
	return xasprintf("%s/%s", (const char *)*state, name);
}

static bool
exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* Runs SQL on a database file with plain SQLite, as another program would. */
static void
raw_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	char *msg = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static char *
pragma_text(struct store *db, const char *sql)
{
	return test_sql_text(db, sql, NULL, NULL);
}

/* Opens and closes a data folder once, so that its database exists. */
static void
open_once(const char *dir, enum store_kind kind)
{
	struct store *db;
	struct err e = {0};
	if (store_open(dir, kind, &db, &e) != ST_OK)
		fail_msg("store_open %s: %s", dir, e.msg);
	store_close(db);
}

/* Opening must be refused with ST_ENV and leave the file exactly as it was. */
static void
assert_refused_untouched(const char *dir, enum store_kind kind, const char *file,
			 const char *want_in_msg)
{
	size_t n0, n1;
	char *before = test_file(file, &n0);
	struct store *db = (struct store *)&n0;
	struct err e = {0};
	char *journal = xasprintf("%s-journal", file), *wal = xasprintf("%s-wal", file);

	assert_int_equal(store_open(dir, kind, &db, &e), ST_ENV);
	assert_null(db);
	if (strstr(e.msg, want_in_msg) == NULL)
		fail_msg("message \"%s\" does not say \"%s\"", e.msg, want_in_msg);
	char *after = test_file(file, &n1);
	assert_int_equal(n0, n1);
	assert_memory_equal(before, after, n0);
	assert_false(exists(journal));
	assert_false(exists(wal));
	free(before);
	free(after);
	free(journal);
	free(wal);
}

static void
test_open_creates_folder_and_database(void **state)
{
	char *dir = path_in(state, "a/b/data"), *file = path_in(state, "a/b/data/xhht.db");
	struct store *db;
	struct err e = {0};
	struct stat st;

	assert_false(exists(dir));
	if (store_open(dir, STORE_UNIT, &db, &e) != ST_OK)
		fail_msg("%s", e.msg);
	assert_int_equal(stat(dir, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
#ifndef _WIN32 /* Windows has no such modes: an owner-only ACL (test_platform) */
	assert_int_equal(st.st_mode & 077, 0); /* a clerk's data is not for other users */
#endif
	assert_int_equal(stat(file, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_true(store_schema_version(STORE_UNIT) >= 1);
	assert_int_equal(test_sql_int(db, "PRAGMA user_version"), store_schema_version(STORE_UNIT));
	assert_int_equal(test_sql_int(db, "PRAGMA application_id"), APPID_UNIT);
	/* Migrations ran and the built-in template is stored. */
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM template WHERE id = 'bao-cao-nam'"
					  " AND version = 1"),
			 1);
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM report"), 0);
	store_close(db);
	free(dir);
	free(file);
}

static void
test_reopen_changes_nothing(void **state)
{
	char *dir = path_in(state, "d"), *file = path_in(state, "d/xhht.db");
	size_t n0, n1;
	open_once(dir, STORE_UNIT);
	char *before = test_file(file, &n0);
	assert_true(n0 > 0);
	open_once(dir, STORE_UNIT);
	open_once(dir, STORE_UNIT);
	char *after = test_file(file, &n1);
	assert_int_equal(n0, n1);
	assert_memory_equal(before, after, n0);
	free(before);
	free(after);
	free(dir);
	free(file);
}

/* Data written through one handle is there on the next open. */
static void
test_reopen_keeps_data(void **state)
{
	char *dir = path_in(state, "d");
	struct store *db;
	struct err e = {0};
	assert_int_equal(store_open(dir, STORE_UNIT, &db, &e), ST_OK);
	assert_int_equal(store_begin(db, &e), ST_OK);
	assert_int_equal(store_exec(db, "INSERT INTO setting VALUES ('k', 'v')", &e), ST_OK);
	assert_int_equal(store_commit(db, &e), ST_OK);
	store_close(db);
	assert_int_equal(store_open(dir, STORE_UNIT, &db, &e), ST_OK);
	char *v = test_sql_text(db, "SELECT value FROM setting WHERE key = 'k'", NULL, NULL);
	assert_string_equal(v, "v");
	free(v);
	store_close(db);
	free(dir);
}

static void
test_newer_schema_refused_untouched(void **state)
{
	char *dir = path_in(state, "d"), *file = path_in(state, "d/xhht.db");
	char *sql = xasprintf("PRAGMA user_version = %d", store_schema_version(STORE_UNIT) + 1);
	open_once(dir, STORE_UNIT);
	raw_exec(file, sql);
	assert_refused_untouched(dir, STORE_UNIT, file, "mới hơn");
	/* The message names both schema versions and the file. */
	struct err e = {0};
	struct store *db;
	ui_lang = LANG_EN;
	assert_int_equal(store_open(dir, STORE_UNIT, &db, &e), ST_ENV);
	ui_lang = LANG_VI;
	assert_non_null(strstr(e.msg, "newer"));
	assert_non_null(strstr(e.msg, file));
	int known = store_schema_version(STORE_UNIT);
	char *nums = xasprintf("schema %d, this program knows up to %d", known + 1, known);
	assert_non_null(strstr(e.msg, nums));
	free(nums);
	free(sql);
	free(dir);
	free(file);
}

static void
test_newer_central_refused_untouched(void **state)
{
	char *dir = path_in(state, "c"), *file = path_in(state, "c/xhht-central.db");
	char *sql = xasprintf("PRAGMA user_version = %d", store_schema_version(STORE_CENTRAL) + 7);
	open_once(dir, STORE_CENTRAL);
	raw_exec(file, sql);
	/* A WAL database leaves -wal and -shm files while open; after a clean close the WAL is
	 * checkpointed and removed, so only the main file is compared. */
	assert_refused_untouched(dir, STORE_CENTRAL, file, "mới hơn");
	free(sql);
	free(dir);
	free(file);
}

static void
test_foreign_sqlite_refused_untouched(void **state)
{
	char *dir = path_in(state, "d"), *file = path_in(state, "d/xhht.db");
	assert_int_equal(mkdir(dir, 0700), 0);
	raw_exec(file, "CREATE TABLE notes(x TEXT); INSERT INTO notes VALUES ('hello');");
	assert_refused_untouched(dir, STORE_UNIT, file, "không phải của xhht");
	free(dir);
	free(file);
}

/* Another program's database in WAL mode: switching it to a rollback journal would rewrite
 * its header. */
static void
test_foreign_wal_sqlite_refused_untouched(void **state)
{
	char *dir = path_in(state, "d"), *file = path_in(state, "d/xhht.db");
	assert_int_equal(mkdir(dir, 0700), 0);
	raw_exec(file, "PRAGMA journal_mode = WAL; CREATE TABLE notes(x TEXT);"
		       " INSERT INTO notes VALUES ('hello');");
	assert_refused_untouched(dir, STORE_UNIT, file, "không phải của xhht");
	free(dir);
	free(file);
}

/* The central's WAL setting must not be applied to a file it then refuses. */
static void
test_foreign_sqlite_refused_by_central_untouched(void **state)
{
	char *dir = path_in(state, "c"), *file = path_in(state, "c/xhht-central.db");
	assert_int_equal(mkdir(dir, 0700), 0);
	raw_exec(file, "CREATE TABLE notes(x TEXT); INSERT INTO notes VALUES ('hello');");
	assert_refused_untouched(dir, STORE_CENTRAL, file, "không phải của xhht-central");
	free(dir);
	free(file);
}

/* A central database copied into a unit's folder is not the unit's. */
static void
test_other_program_database_refused(void **state)
{
	char *cdir = path_in(state, "c"), *cfile = path_in(state, "c/xhht-central.db");
	char *dir = path_in(state, "d"), *file = path_in(state, "d/xhht.db");
	size_t n;
	open_once(cdir, STORE_CENTRAL);
	char *bytes = test_file(cfile, &n);
	struct err e = {0};
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(file_write_atomic(file, bytes, n, &e), ST_OK);
	assert_refused_untouched(dir, STORE_UNIT, file, "không phải của xhht");
	free(bytes);
	free(cdir);
	free(cfile);
	free(dir);
	free(file);
}

static void
test_not_sqlite_refused(void **state)
{
	char *dir = path_in(state, "d"), *file = path_in(state, "d/xhht.db");
	static const char text[] = "this is not a database, just text that is long enough to fill "
				   "a header of one hundred bytes or so, and then some more text\n";
	struct err e = {0};
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(file_write_atomic(file, text, sizeof text - 1, &e), ST_OK);
	assert_refused_untouched(dir, STORE_UNIT, file, file);
	free(dir);
	free(file);
}

/* An empty file is what SQLite leaves after creating a database and writing nothing: it is
 * an empty database, not a foreign file. */
static void
test_empty_file_is_migrated(void **state)
{
	char *dir = path_in(state, "d"), *file = path_in(state, "d/xhht.db");
	struct err e = {0};
	struct store *db;
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(file_write_atomic(file, "", 0, &e), ST_OK);
	assert_int_equal(store_open(dir, STORE_UNIT, &db, &e), ST_OK);
	assert_int_equal(test_sql_int(db, "PRAGMA user_version"), store_schema_version(STORE_UNIT));
	store_close(db);
	free(dir);
	free(file);
}

static void
test_data_dir_is_a_file(void **state)
{
	char *file = path_in(state, "plain");
	struct err e = {0};
	struct store *db = NULL;
	assert_int_equal(file_write_atomic(file, "x", 1, &e), ST_OK);
	assert_int_equal(store_open(file, STORE_UNIT, &db, &e), ST_ENV);
	assert_null(db);
	assert_non_null(strstr(e.msg, file));
	free(file);
}

static void
test_unit_pragmas(void **state)
{
	char *dir = path_in(state, "d");
	struct store *db;
	struct err e = {0};
	assert_int_equal(store_open(dir, STORE_UNIT, &db, &e), ST_OK);
	char *mode = pragma_text(db, "PRAGMA journal_mode");
	assert_string_equal(mode, "delete");
	free(mode);
	assert_int_equal(test_sql_int(db, "PRAGMA synchronous"), 3); /* EXTRA */
	assert_int_equal(test_sql_int(db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(test_sql_int(db, "PRAGMA secure_delete"), 1);
	/* Foreign keys are enforced, not only switched on: a report needs its template. */
	assert_int_equal(store_exec(db,
				    "INSERT INTO report(year, template_id, template_version,"
				    " created_at, updated_at) VALUES (2024, 'nope', 9, 'x', 'x')",
				    &e),
			 ST_ENV);
	assert_non_null(strstr(e.msg, "FOREIGN KEY"));
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM report"), 0);
	store_close(db);
	free(dir);
}

static void
test_central_pragmas(void **state)
{
	char *dir = path_in(state, "c"), *file = path_in(state, "c/xhht-central.db");
	struct store *db;
	struct err e = {0};
	assert_int_equal(store_open(dir, STORE_CENTRAL, &db, &e), ST_OK);
	assert_true(exists(file));
	char *mode = pragma_text(db, "PRAGMA journal_mode");
	assert_string_equal(mode, "wal");
	free(mode);
	assert_int_equal(test_sql_int(db, "PRAGMA synchronous"), 2); /* FULL */
	assert_int_equal(test_sql_int(db, "PRAGMA foreign_keys"), 1);
	assert_true(store_schema_version(STORE_CENTRAL) >= 1);
	assert_int_equal(test_sql_int(db, "PRAGMA user_version"),
			 store_schema_version(STORE_CENTRAL));
	assert_int_equal(test_sql_int(db, "PRAGMA application_id"), APPID_CENTRAL);
	store_close(db);
	free(dir);
	free(file);
}

/* The in-memory database of the tests gets the same schema and settings that matter. */
static void
test_prepare_in_memory(void **state)
{
	(void)state;
	struct store *db = test_db();
	assert_int_equal(test_sql_int(db, "PRAGMA user_version"), store_schema_version(STORE_UNIT));
	assert_int_equal(test_sql_int(db, "PRAGMA application_id"), APPID_UNIT);
	assert_int_equal(test_sql_int(db, "PRAGMA foreign_keys"), 1);
	/* Preparing twice is harmless. */
	struct err e = {0};
	assert_int_equal(store_prepare(db, &e), ST_OK);
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM template"), (int64_t)template_builtin_count());
	store_close(db);
}

static void
test_transactions(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct err e = {0};
	assert_int_equal(store_begin(db, &e), ST_OK);
	assert_int_equal(sqlite3_get_autocommit(db->sql), 0);
	assert_int_equal(store_exec(db, "INSERT INTO setting VALUES ('a', '1')", &e), ST_OK);
	store_rollback(db);
	assert_int_equal(sqlite3_get_autocommit(db->sql), 1);
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM setting"), 0);
	store_rollback(db); /* outside a transaction: nothing to do, no error */
	assert_int_equal(store_begin(db, &e), ST_OK);
	assert_int_equal(store_exec(db, "INSERT INTO setting VALUES ('a', '1')", &e), ST_OK);
	assert_int_equal(store_commit(db, &e), ST_OK);
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM setting"), 1);
	/* A failing statement reports SQLite's message and ST_ENV. */
	assert_int_equal(store_exec(db, "INSERT INTO no_such_table VALUES (1)", &e), ST_ENV);
	assert_non_null(strstr(e.msg, "no_such_table"));
	store_close(db);
}

#ifndef _WIN32 /* Windows' data folder: test_platform's test_data_home */
/* The environment variables store_data_dir reads, saved and restored around each check. */
static const char *const env_names[] = {"XHHT_DATA", "XDG_DATA_HOME", "HOME"};

struct dir_case {
	const char *name;
	const char *flag;
	const char *env[3]; /* XHHT_DATA, XDG_DATA_HOME, HOME; NULL = unset */
	enum store_kind kind;
	const char *want; /* NULL: refused */
};

static void
test_data_dir_precedence(void **state)
{
	(void)state;
	static const struct dir_case cases[] = {
		{"flag wins", "/f", {"/e", "/x", "/h"}, STORE_UNIT, "/f"},
		{"flag wins for central", "/f", {"/e", "/x", "/h"}, STORE_CENTRAL, "/f"},
		{"relative flag kept", "rel/dir", {"/e", NULL, "/h"}, STORE_UNIT, "rel/dir"},
		{"empty flag ignored", "", {"/e", "/x", "/h"}, STORE_UNIT, "/e"},
		{"XHHT_DATA next", NULL, {"/e", "/x", "/h"}, STORE_UNIT, "/e"},
		{"XHHT_DATA for central", NULL, {"/e", "/x", "/h"}, STORE_CENTRAL, "/e"},
		{"empty XHHT_DATA ignored", NULL, {"", "/x", "/h"}, STORE_UNIT, "/x/xhht"},
		{"XDG next", NULL, {NULL, "/x", "/h"}, STORE_UNIT, "/x/xhht"},
		{"XDG for central", NULL, {NULL, "/x", "/h"}, STORE_CENTRAL, "/x/xhht-central"},
		{"relative XDG ignored", NULL, {NULL, "x", "/h"}, STORE_UNIT,
		 "/h/.local/share/xhht"},
		{"HOME last", NULL, {NULL, NULL, "/h"}, STORE_UNIT, "/h/.local/share/xhht"},
		{"HOME for central", NULL, {NULL, "", "/h"}, STORE_CENTRAL,
		 "/h/.local/share/xhht-central"},
		{"nothing", NULL, {NULL, NULL, NULL}, STORE_UNIT, NULL},
		{"relative HOME", NULL, {NULL, NULL, "h"}, STORE_UNIT, NULL},
	};
	char *saved[3];
	for (size_t k = 0; k < 3; k++) {
		const char *v = getenv(env_names[k]);
		saved[k] = v ? xstrdup(v) : NULL;
	}
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const struct dir_case *c = &cases[i];
		char *out = NULL;
		struct err e = {0};
		for (size_t k = 0; k < 3; k++)
			if (c->env[k])
				setenv(env_names[k], c->env[k], 1);
			else
				unsetenv(env_names[k]);
		enum status st = store_data_dir(c->flag, c->kind, &out, &e);
		if (c->want == NULL) {
			if (st != ST_ENV)
				fail_msg("%s: gave %s", c->name, out ? out : "?");
			/* The clerk is told how to get out of it. */
			assert_non_null(strstr(e.msg, "--data"));
			continue;
		}
		if (st != ST_OK)
			fail_msg("%s: refused: %s", c->name, e.msg);
		if (strcmp(out, c->want) != 0)
			fail_msg("%s: got %s, wanted %s", c->name, out, c->want);
		free(out);
	}
	for (size_t k = 0; k < 3; k++) {
		if (saved[k])
			setenv(env_names[k], saved[k], 1);
		else
			unsetenv(env_names[k]);
		free(saved[k]);
	}
}
#endif

static void
test_today_override(void **state)
{
	(void)state;
	char day[16], now[32];
	const char *old = getenv("XHHT_TODAY");
	char *saved = old ? xstrdup(old) : NULL;
	setenv("XHHT_TODAY", "2024-12-01", 1);
	store_today(day);
	assert_string_equal(day, "2024-12-01");
	/* Days to the deadline: across a month, a leap day, a year; 0 on the day; after it. */
	assert_int_equal(store_days_until(2024, 12, 5), 4);
	assert_int_equal(store_days_until(2024, 12, 1), 0);
	assert_int_equal(store_days_until(2024, 11, 30), -1);
	assert_int_equal(store_days_until(2025, 12, 5), 369);
	setenv("XHHT_TODAY", "2024-02-28", 1);
	assert_int_equal(store_days_until(2024, 3, 1), 2);
	setenv("XHHT_TODAY", "2024-12-01", 1);
	/* A malformed override is ignored rather than trusted. */
	setenv("XHHT_TODAY", "tomorrow", 1);
	store_today(day);
	assert_int_equal(strlen(day), 10);
	assert_true(day[4] == '-' && day[7] == '-');
	assert_string_not_equal(day, "tomorrow");
	store_now(now);
	assert_int_equal(strlen(now), 20);
	assert_true(now[10] == 'T' && now[19] == 'Z');
	if (saved)
		setenv("XHHT_TODAY", saved, 1);
	else
		unsetenv("XHHT_TODAY");
	free(saved);
}

/* The trial survey's text, or the same id and version under another title (what a second
 * database, a test's or a restored backup's, may hold). */
static char *
survey_text(bool other)
{
	char *read = test_file("tests/templates/khao-sat-thu-1.json", NULL), *src = xstrdup(read);
	free(read);
	char *title = strstr(src, "Trial survey");
	assert_non_null(title);
	if (other)
		memcpy(title, "Other", 5);
	return src;
}

static const char kept_sql[] = "SELECT count(*) FROM template WHERE id = ?1";

/* Each connection keeps its own statements and templates: two databases holding different
 * texts under one template id and version each get their own, asked once or again, and
 * closing one leaves the other whole. */
static void
test_connections_keep_their_own(void **state)
{
	(void)state;
	struct store *a = test_db(), *b = test_db();
	struct err e = {0};
	struct template *ta = NULL, *tb = NULL, *again = NULL;
	char *text_a = survey_text(false), *text_b = survey_text(true);
	enum status rc;

	assert_int_equal(template_install(a, text_a, &e), ST_OK);
	assert_int_equal(template_install(b, text_b, &e), ST_OK);
	for (int round = 0; round < 2; round++) {
		assert_int_equal(template_get(a, "khao-sat-thu", 1, &ta, &e), ST_OK);
		assert_int_equal(template_get(b, "khao-sat-thu", 1, &tb, &e), ST_OK);
		assert_string_equal(ta->source, text_a);
		assert_string_equal(tb->source, text_b);
		assert_non_null(strstr(tb->title.en, "Other"));
		template_free(ta);
		template_free(tb);
	}
	assert_int_equal(a->nseen, 1);
	assert_int_equal(b->nseen, 1);

	/* One SQL text, two statements: each prepared on its own connection. */
	sqlite3_stmt *sa = store_stmt(a, kept_sql, &e), *sb = store_stmt(b, kept_sql, &e);
	assert_non_null(sa);
	assert_non_null(sb);
	assert_ptr_not_equal(sa, sb);
	assert_ptr_equal(sqlite3_db_handle(sa), a->sql);
	assert_ptr_equal(sqlite3_db_handle(sb), b->sql);
	store_done(a, sa);
	store_done(b, sb);
	assert_ptr_equal(store_stmt(a, kept_sql, &e), sa); /* handed out again, not prepared */
	store_done(a, sa);
	assert_int_equal(a->nkept, 1);
	assert_int_equal(b->nkept, 1);

	store_close(a);
	assert_int_equal(template_get(b, "khao-sat-thu", 1, &again, &e), ST_OK);
	assert_string_equal(again->source, text_b);
	template_free(again);
	sb = store_stmt_bind(b, kept_sql, &e, "t", "khao-sat-thu");
	int rows = 0;
	while (store_next(b, sb, &rc, &e))
		rows += sqlite3_column_int(sb, 0);
	assert_int_equal(rc, ST_OK);
	assert_int_equal(rows, 1);
	assert_int_equal(store_exec(b, "INSERT INTO setting VALUES ('a', '1')", &e), ST_OK);
	assert_int_equal(store_int(b, -1, "SELECT count(*) FROM setting", ""), 1);
	store_close(b);
	free(text_a);
	free(text_b);
}

/* store_close frees all a connection kept: statements (one still recursively out and one
 * prepared afresh for it), templates, and the folder's lock file, which the next open takes
 * again. Under SAN=1, LeakSanitizer finds anything left. */
static void
test_close_frees_everything(void **state)
{
	char *dir = path_in(state, "unit");
	struct store *db = NULL, *other = NULL;
	struct err e = {0};
	struct template *t = NULL;

	assert_int_equal(store_open_mode(dir, STORE_UNIT, STORE_EDIT, &db, &e), ST_OK);
	assert_true(db->lock_fd >= 0);
	assert_int_equal(store_open_mode(dir, STORE_UNIT, STORE_WRITE, &other, &e), ST_ENV);
	assert_null(other);
	assert_int_equal(template_get(db, TEMPLATE_YEARLY, 1, &t, &e), ST_OK);
	template_free(t);
	sqlite3_stmt *first = store_stmt(db, kept_sql, &e), *second = store_stmt(db, kept_sql, &e);
	assert_non_null(first);
	assert_non_null(second);
	assert_ptr_not_equal(first, second);
	store_done(db, second); /* prepared afresh for a recursive use: finalized */
	store_done(db, first);
	assert_int_equal(db->nkept, 1);
	assert_int_equal(db->nseen, 1);
	store_close(db);

	assert_int_equal(store_open_mode(dir, STORE_UNIT, STORE_WRITE, &other, &e), ST_OK);
	assert_int_equal(other->nkept, 0);
	assert_int_equal(other->nseen, 0);
	store_close(other);
	store_close(NULL);
	free(dir);
}

#define TMP_TEST(f) cmocka_unit_test_setup_teardown(f, test_setup_tmp, test_teardown_tmp)

/* The core names what is missing and the step to take, never the command or key that takes
 * it: that is each front end's (cli_next_step, the screens). */
static void
test_next_step_named_not_spelt(void **state)
{
	struct err e = {0};
	struct store *db = NULL;
	char *missing = path_in(state, "missing");
	unsigned char sign_pk[SIGN_PK_BYTES], box_pk[BOX_PK_BYTES];

	for (int lang = 0; lang < 2; lang++) {
		ui_lang = lang == 0 ? LANG_VI : LANG_EN;
		assert_int_equal(store_open_mode(missing, STORE_UNIT, STORE_WRITE, &db, &e), ST_ENV);
		assert_int_equal(e.next, ERR_NEXT_START_UNIT_FOLDER);
		char *want = xasprintf(lang == 0 ? "không có thư mục dữ liệu %s"
						 : "the data folder %s does not exist",
				       missing);
		assert_string_equal(e.msg, want);
		assert_int_equal(store_open_mode(missing, STORE_CENTRAL, STORE_READ, &db, &e), ST_ENV);
		assert_int_equal(e.next, ERR_NEXT_START_CENTRAL_FOLDER);
		assert_string_equal(e.msg, want);
		free(want);
	}
	ui_lang = LANG_VI;
	assert_false(exists(missing));
	assert_int_equal(store_open_memory(STORE_CENTRAL, &db, &e), ST_OK);
	assert_int_equal(central_public_keys(db, sign_pk, box_pk, &e), ST_ENV);
	assert_int_equal(e.next, ERR_NEXT_CENTRAL_INIT);
	assert_null(strstr(e.msg, "xhht"));
	/* A later error of its own does not carry the step along. */
	err_set(&e, "%s", "another");
	assert_int_equal(e.next, ERR_NEXT_NONE);
	store_close(db);
	free(missing);
}

/* The letter 'p' binds a period's key as its year and phase_first, two parameters, the letters
 * after it going on from there: the SQL compares plain columns. */
static void
test_period_letter_binds_two(void **state)
{
	(void)state;
	struct store *db;
	struct err e = {0};
	assert_int_equal(store_open_memory(STORE_CENTRAL, &db, &e), ST_OK);
	char *s = store_text(db, "SELECT ?1 || '|' || ?2 || '|' || ?3 || '|' || ?4 || '|' || ?5",
			     "tppi", "u", PERIOD_KEY(2025, 2023), PERIOD_KEY(2024, 0), 7);
	assert_non_null(s);
	assert_string_equal(s, "u|2025|2023|2024|0");
	free(s);
	assert_int_equal(store_int(db, -1, "SELECT ?3", "pi", PERIOD_KEY(2030, 2023), 7), 7);
	store_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    TMP_TEST(test_open_creates_folder_and_database),
	    TMP_TEST(test_reopen_changes_nothing),
	    TMP_TEST(test_reopen_keeps_data),
	    TMP_TEST(test_newer_schema_refused_untouched),
	    TMP_TEST(test_newer_central_refused_untouched),
	    TMP_TEST(test_foreign_sqlite_refused_untouched),
	    TMP_TEST(test_foreign_wal_sqlite_refused_untouched),
	    TMP_TEST(test_foreign_sqlite_refused_by_central_untouched),
	    TMP_TEST(test_other_program_database_refused),
	    TMP_TEST(test_not_sqlite_refused),
	    TMP_TEST(test_empty_file_is_migrated),
	    TMP_TEST(test_data_dir_is_a_file),
	    TMP_TEST(test_unit_pragmas),
	    TMP_TEST(test_central_pragmas),
	    cmocka_unit_test(test_prepare_in_memory),
	    cmocka_unit_test(test_transactions),
#ifndef _WIN32
	    cmocka_unit_test(test_data_dir_precedence),
#endif
	    cmocka_unit_test(test_today_override),
	    cmocka_unit_test(test_connections_keep_their_own),
	    cmocka_unit_test(test_period_letter_binds_two),
	    TMP_TEST(test_close_frees_everything),
	    TMP_TEST(test_next_step_named_not_spelt),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
