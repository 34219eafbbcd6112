/* store.c: data folder, SQLite settings for durability, numbered migrations from db/. */
#include "store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "embedded.h"
#include "i18n.h"
#include "template.h"

/* 'XHHT' and 'XHHC': tells our databases from any other SQLite file. */
static const int application_ids[] = {0x58484854, 0x58484843};
static const char *const kind_dirs[] = {"migrations/unit/", "migrations/central/"};
static const char *const kind_names[] = {"xhht", "xhht-central"};

void
store_init(void)
{
	sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

enum status
store_data_dir(const char *flag, enum store_kind kind, char **out, struct err *e)
{
	const char *env = getenv("XHHT_DATA"), *xdg = getenv("XDG_DATA_HOME"), *home;
	if (flag != NULL && flag[0] != '\0')
		*out = xstrdup(flag);
	else if (env != NULL && env[0] != '\0')
		*out = xstrdup(env);
	else if (xdg != NULL && xdg[0] == '/')
		*out = xasprintf("%s/%s", xdg, kind_names[kind]);
	else if ((home = getenv("HOME")) != NULL && home[0] == '/')
		*out = xasprintf("%s/.local/share/%s", home, kind_names[kind]);
	else {
		err_set(e, L("không biết đặt dữ liệu ở đâu: hãy dùng --data THƯ_MỤC",
			     "no place for the data: use --data DIR"));
		return ST_ENV;
	}
	return ST_OK;
}

int
store_schema_version(enum store_kind kind)
{
	int n = 0;
	for (const struct embedded_file *f = embedded_files; f->name; f++)
		if (strncmp(f->name, kind_dirs[kind], strlen(kind_dirs[kind])) == 0)
			n++;
	return n;
}

enum status
store_error(sqlite3 *db, struct err *e)
{
	err_set(e, L("lỗi cơ sở dữ liệu: %s", "database error: %s"), sqlite3_errmsg(db));
	return ST_ENV;
}

enum status
store_exec(sqlite3 *db, const char *sql, struct err *e)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		err_set(e, L("lỗi cơ sở dữ liệu: %s", "database error: %s"),
			msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return ST_ENV;
	}
	return ST_OK;
}

enum status
store_begin(sqlite3 *db, struct err *e)
{
	/* IMMEDIATE takes the write lock at once, so a second program waiting on busy_timeout
	 * never fails half-way through a transaction. */
	return store_exec(db, "BEGIN IMMEDIATE", e);
}

enum status
store_commit(sqlite3 *db, struct err *e)
{
	enum status st = store_exec(db, "COMMIT", e);
	if (st != ST_OK)
		store_rollback(db);
	return st;
}

void
store_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

static int
pragma_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static enum status
migrate(sqlite3 *db, enum store_kind kind, struct err *e)
{
	int have, want = store_schema_version(kind), appid, objects;
	const char *dir = kind_dirs[kind];
	size_t dlen = strlen(dir);
	char sql[128];

	if (store_begin(db, e) != ST_OK)
		return ST_ENV;
	have = pragma_int(db, "PRAGMA user_version");
	appid = pragma_int(db, "PRAGMA application_id");
	objects = pragma_int(db, "SELECT count(*) FROM sqlite_schema");
	if (have < 0 || appid == -1 || objects < 0) {
		store_rollback(db);
		return store_error(db, e);
	}
	if (appid != application_ids[kind] && (appid != 0 || objects != 0)) {
		store_rollback(db);
		err_set(e, L("tệp cơ sở dữ liệu không phải của %s", "the database file is not %s's"),
			kind_names[kind]);
		return ST_ENV;
	}
	if (have > want) {
		store_rollback(db);
		err_set(e,
			L("cơ sở dữ liệu do phiên bản mới hơn của %s tạo ra (lược đồ %d, chương trình "
			  "này chỉ biết đến %d): hãy cài phiên bản mới; dữ liệu được giữ nguyên",
			  "the database was written by a newer %s (schema %d, this program knows up "
			  "to %d): install the newer version; the data was left untouched"),
			kind_names[kind], have, want);
		return ST_ENV;
	}
	int n = 0;
	for (const struct embedded_file *f = embedded_files; f->name; f++) {
		if (strncmp(f->name, dir, dlen) != 0)
			continue;
		n++;
		if (atoi(f->name + dlen) != n) { /* a gap would skip a schema change */
			store_rollback(db);
			err_set(e, "migration %s is out of sequence", f->name);
			return ST_ENV;
		}
		if (n <= have)
			continue;
		if (store_exec(db, f->data, e) != ST_OK) {
			store_rollback(db);
			err_prefix(e, "%s: ", f->name);
			return ST_ENV;
		}
	}
	/* Setting them when they are already right would still rewrite the header page. */
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d", want,
		 application_ids[kind]);
	if ((have != want || appid != application_ids[kind]) && store_exec(db, sql, e) != ST_OK) {
		store_rollback(db);
		return ST_ENV;
	}
	for (size_t i = 0; i < template_builtin_count(); i++)
		if (template_install(db, template_builtin_source(i), e) != ST_OK) {
			store_rollback(db);
			return ST_ENV;
		}
	return store_commit(db, e);
}

enum status
store_prepare(sqlite3 *db, enum store_kind kind, struct err *e)
{
	/* The unit's folder may sit on a USB stick that is pulled at any moment: a rollback
	 * journal keeps the database one self-contained file, and synchronous=EXTRA syncs the
	 * journal's deletion too, so a commit that returned is on the stick. The central's
	 * fixed disk gets WAL for concurrent readers and faster imports (docs/architecture.md),
	 * and temporary data in memory: each imported bundle is a savepoint, whose journal of
	 * pages would otherwise go to a temporary file, a dozen writes a bundle. */
	const char *pragmas =
		kind == STORE_UNIT
			? "PRAGMA journal_mode = DELETE; PRAGMA synchronous = EXTRA;"
			: "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;";
	int have, appid, objects;
	sqlite3_busy_timeout(db, 5000);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_extended_result_codes(db, 1);
	/* Look before setting anything: a newer program's database, or another program's, must
	 * not be touched, not even its journal mode. migrate() refuses both. */
	if ((have = pragma_int(db, "PRAGMA user_version")) < 0 ||
	    (appid = pragma_int(db, "PRAGMA application_id")) == -1 ||
	    (objects = pragma_int(db, "SELECT count(*) FROM sqlite_schema")) < 0)
		return store_error(db, e);
	if (have > store_schema_version(kind) ||
	    (appid != application_ids[kind] && (appid != 0 || objects != 0)))
		return migrate(db, kind, e);
	if (store_exec(db, pragmas, e) != ST_OK ||
	    store_exec(db, "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;", e) != ST_OK)
		return ST_ENV;
	return migrate(db, kind, e);
}

enum status
store_open(const char *dir, enum store_kind kind, sqlite3 **out, struct err *e)
{
	char *path;
	sqlite3 *db = NULL;
	enum status st;

	*out = NULL;
	if ((st = dir_make(dir, e)) != ST_OK)
		return st;
	path = xasprintf("%s/%s.db", dir, kind_names[kind]);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
					   SQLITE_OPEN_NOFOLLOW,
			    NULL) != SQLITE_OK) {
		err_set(e, L("không mở được cơ sở dữ liệu %s: %s", "cannot open the database %s: %s"),
			path, db ? sqlite3_errmsg(db) : strerror(ENOMEM));
		sqlite3_close(db);
		free(path);
		return ST_ENV;
	}
	st = store_prepare(db, kind, e);
	if (st != ST_OK) {
		err_prefix(e, "%s: ", path);
		sqlite3_close(db);
		free(path);
		return st;
	}
	free(path);
	*out = db;
	return ST_OK;
}

/* Statements kept prepared, found by connection and SQL address: a lookup compares two
 * pointers, never text. The list is short (the importer's two dozen statements), so a linear
 * search beats anything cleverer. A statement asked for while already out (a recursive use)
 * is prepared afresh and finalized by store_done. */
struct kept_stmt {
	sqlite3 *db;
	const char *sql;
	sqlite3_stmt *st;
	bool out;
};
static struct kept_stmt *kept;
static size_t nkept;

sqlite3_stmt *
store_stmt(sqlite3 *db, const char *sql, struct err *e)
{
	sqlite3_stmt *st = NULL;
	size_t i;
	for (i = 0; i < nkept; i++)
		if (kept[i].db == db && kept[i].sql == sql)
			break;
	if (i < nkept && !kept[i].out) {
		kept[i].out = true;
		return kept[i].st;
	}
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		store_error(db, e);
		return NULL;
	}
	if (i == nkept) {
		if ((nkept & (nkept - 1)) == 0)
			kept = xreallocarray(kept, nkept ? nkept * 2 : 8, sizeof *kept);
		kept[nkept++] = (struct kept_stmt){db, sql, st, true};
	}
	return st;
}

void
store_done(sqlite3_stmt *st)
{
	if (st == NULL)
		return;
	for (size_t i = 0; i < nkept; i++)
		if (kept[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			kept[i].out = false;
			return;
		}
	sqlite3_finalize(st);
}

enum status
store_run(sqlite3 *db, const char *sql, struct err *e)
{
	sqlite3_stmt *st = store_stmt(db, sql, e);
	if (st == NULL)
		return ST_ENV;
	enum status rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : store_error(db, e);
	store_done(st);
	return rc;
}

void
store_close(sqlite3 *db)
{
	size_t j = 0;
	if (db == NULL)
		return;
	for (size_t i = 0; i < nkept; i++) {
		if (kept[i].db == db)
			sqlite3_finalize(kept[i].st);
		else
			kept[j++] = kept[i];
	}
	nkept = j;
	if (nkept == 0) {
		free(kept);
		kept = NULL;
	}
	template_forget(db);
	sqlite3_close(db);
}

/* The test clock ($XHHT_NOW, $XHHT_TODAY) is compiled into test builds only (the Makefile's
 * build tree, -DXHHT_TEST_CLOCK): an installed program takes its time from the system clock
 * alone, so no environment can make a central or a unit write a time of its choosing. */
void
store_now(char out[32])
{
	time_t t = time(NULL);
#ifdef XHHT_TEST_CLOCK
	const char *fixed = getenv("XHHT_NOW");
	if (fixed != NULL && strlen(fixed) == 20 && fixed[19] == 'Z') {
		memcpy(out, fixed, 21);
		return;
	}
#endif
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Days from the civil date to 1970-01-01 (Howard Hinnant's algorithm). */
static long
days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + (yoe * 365 + yoe / 4 - yoe / 100 + doy) - 719468;
}

long
store_days_until(int year, int month, int day)
{
	char today[16];
	store_today(today);
	return days_from_civil(year, month, day) -
	       days_from_civil(atoi(today), atoi(today + 5), atoi(today + 8));
}

void
store_today(char out[16])
{
	time_t t = time(NULL);
	struct tm tm;
#ifdef XHHT_TEST_CLOCK
	const char *fixed = getenv("XHHT_TODAY");
	if (fixed != NULL && strlen(fixed) == 10) {
		memcpy(out, fixed, 11);
		return;
	}
#endif
	localtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}
