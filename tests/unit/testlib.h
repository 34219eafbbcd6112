/* testlib.h: helpers for the unit tests: a fresh in-memory database, files, JSON cases. */
#ifndef XHHT_TESTLIB_H
#define XHHT_TESTLIB_H

#ifndef _WIN32
#include <ftw.h>
#endif
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "store.h"
#include "template.h"
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

#ifndef _WIN32
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

/* Sets or (value NULL) removes a variable of the environment. */
static inline void
test_setenv(const char *name, const char *value)
{
	if (value != NULL)
		setenv(name, value, 1);
	else
		unsetenv(name);
}
#else
#define WIN32_LEAN_AND_MEAN /* no winsock: its bind is not the fixtures' */
#include <windows.h>

/* UTF-8 to UTF-16 for the wide calls, allocated (Windows keeps no other kind of name). */
static inline wchar_t *
test_wide(const char *s)
{
	int n = MultiByteToWideChar(CP_UTF8, 0, s, -1, NULL, 0);
	wchar_t *w = xreallocarray(NULL, (size_t)(n > 0 ? n : 1), sizeof *w);
	w[0] = 0;
	MultiByteToWideChar(CP_UTF8, 0, s, -1, w, n);
	return w;
}

/* A new folder for a test's files (%TEMP%\xhht-WHAT.NNNNNNNN), or NULL. */
static inline char *
test_tmpdir(const char *what)
{
	const char *base = getenv("TEMP");
	for (int tries = 0; tries < 100; tries++) {
		char *dir =
		    xasprintf("%s\\xhht-%s.%08lx", base && base[0] ? base : ".", what,
			      (unsigned long)(GetTickCount() * 2654435761u + (unsigned)tries));
		wchar_t *w = test_wide(dir);
		bool made = CreateDirectoryW(w, NULL) != 0;
		free(w);
		if (made)
			return dir;
		free(dir);
	}
	return NULL;
}

/* Removes a test's folder and all in it, Vietnamese names included (the wide calls). */
static inline int
test_rmtree_w(const wchar_t *dir)
{
	size_t len = wcslen(dir);
	wchar_t *pattern = xreallocarray(NULL, len + 3, sizeof *pattern);
	WIN32_FIND_DATAW f;
	int rc = 0;
	swprintf(pattern, len + 3, L"%ls\\*", dir);
	HANDLE h = FindFirstFileW(pattern, &f);
	free(pattern);
	while (h != INVALID_HANDLE_VALUE) {
		if (wcscmp(f.cFileName, L".") != 0 && wcscmp(f.cFileName, L"..") != 0) {
			size_t n = len + wcslen(f.cFileName) + 2;
			wchar_t *path = xreallocarray(NULL, n, sizeof *path);
			swprintf(path, n, L"%ls\\%ls", dir, f.cFileName);
			SetFileAttributesW(path, FILE_ATTRIBUTE_NORMAL);
			if (f.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
				rc |= test_rmtree_w(path);
			else if (!DeleteFileW(path))
				rc = -1;
			free(path);
		}
		if (!FindNextFileW(h, &f)) {
			FindClose(h);
			break;
		}
	}
	return RemoveDirectoryW(dir) ? rc : -1;
}

static inline int
test_rmtree(const char *dir)
{
	wchar_t *w = test_wide(dir);
	int rc = test_rmtree_w(w);
	free(w);
	return rc;
}

/* Sets or (value NULL) removes a variable of the environment, in UTF-8 (the wide table, which
 * _wgetenv reads and the narrow one follows). */
static inline void
test_setenv(const char *name, const char *value)
{
	wchar_t *n = test_wide(name), *v = test_wide(value ? value : "");
	_wputenv_s(n, v);
	free(n);
	free(v);
}

/* The POSIX calls the tests make, on Windows. */
#include <direct.h>
static inline int
setenv(const char *name, const char *value, int overwrite)
{
	if (overwrite || getenv(name) == NULL)
		test_setenv(name, value);
	return 0;
}

static inline int
unsetenv(const char *name)
{
	test_setenv(name, NULL);
	return 0;
}
#define mkdir(path, mode) ((void)(mode), _mkdir(path))

static inline void *
memmem(const void *hay, size_t n, const void *needle, size_t m)
{
	const char *h = hay;
	for (size_t i = 0; m <= n && i <= n - m; i++)
		if (memcmp(h + i, needle, m) == 0)
			return (void *)(h + i);
	return NULL;
}
#endif

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

/* The value of field id in r (a field, not a table); the test fails when r's template has no
 * such field. */
static inline const struct value *
value_of(const struct report *r, const char *id)
{
	int f = template_field(r->t, id);
	if (f < 0)
		fail_msg("no field %s", id);
	return &r->values[f];
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
