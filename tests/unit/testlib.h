/* testlib.h: helpers for the unit tests: a fresh in-memory database, files, JSON cases. */
#ifndef XHHT_TESTLIB_H
#define XHHT_TESTLIB_H

#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "util.h"

/* A migrated in-memory unit database with the built-in templates. */
static inline struct store *
test_db(void)
{
	struct store *db = NULL;
	struct err e = {0};
	if (store_open_memory(STORE_UNIT, &db, &e) != ST_OK)
		fail_msg("store_open_memory: %s", e.msg);
	return db;
}

/* A new folder for a test's files ("$TMPDIR/xhht-WHAT.XXXXXX"), or NULL. */
static inline char *
test_tmpdir(const char *what)
{
	const char *base = getenv("TMPDIR");
	char *dir = xasprintf("%s/xhht-%s.XXXXXX", base && base[0] ? base : "/tmp", what);
	if (mkdtemp(dir) == NULL) {
		free(dir);
		return NULL;
	}
	return dir;
}

static inline int
test_remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Removes a test's folder and all in it (links removed, never followed). */
static inline int
test_rmtree(const char *dir)
{
	return nftw(dir, test_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* cmocka fixtures: each test gets its own folder (*state), removed afterwards. */
static inline int
test_setup_tmp(void **state)
{
	return (*state = test_tmpdir("test")) == NULL ? -1 : 0;
}

static inline int
test_teardown_tmp(void **state)
{
	int rc = test_rmtree(*state);
	free(*state);
	return rc;
}

/* Reads a file of the repository (tests run from its top folder). */
static inline char *
test_file(const char *path, size_t *len)
{
	char *text = NULL;
	size_t n = 0;
	struct err e = {0};
	if (file_read(path, 64u << 20, &text, &n, &e) != ST_OK)
		fail_msg("%s", e.msg);
	if (len)
		*len = n;
	return text;
}

/* Runs one SQL expression returning text (for JSON work with SQLite's functions). */
static inline char *
test_sql_text(struct store *db, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *st;
	char *out;
	assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
	if (a)
		sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	out = sqlite3_column_type(st, 0) == SQLITE_NULL
		  ? NULL
		  : xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

static inline int64_t
test_sql_int(struct store *db, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v;
	assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

#endif
