/* db-check.c: test tool: checks a central database after a crash, and answers SQL counts. */
/*
 * Usage: db-check DB [--attachments K]    integrity, and every bundle fully there or absent
 *        db-check DB --sql QUERY          prints the rows, columns separated by tabs
 *        db-check DB --exec SQL           changes the database (a test makes the state a
 *                                         crash would have left)
 *        db-check DB --hold SECONDS       holds a write transaction (BEGIN IMMEDIATE) that
 *                                         long, after printing "held": the other writer
 *                                         of a test of waiting on the lock
 *
 * The first form prints one line per problem and exits 1 when there is any, else prints "ok"
 * and exits 0. It opens the file the way the programs do (a WAL left by a killed importer is
 * recovered), but through plain SQLite, so that a fault in the store code cannot hide one in
 * the file. Tests do not depend on the sqlite3 shell: --sql is the "count the rows" helper.
 */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int problems;

static void
problem(const char *what, const char *detail)
{
	problems++;
	printf("db-check: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
}

/* Runs a query whose every row is a problem, described by its first column. */
static void
none(sqlite3 *db, const char *what, const char *sql, int bind)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		problem(what, sqlite3_errmsg(db));
		return;
	}
	if (bind >= 0)
		sqlite3_bind_int(st, 1, bind);
	int rc, shown = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (shown++ < 5)
			problem(what, (const char *)sqlite3_column_text(st, 0));
		else
			problems++;
	if (rc != SQLITE_DONE)
		problem(what, sqlite3_errmsg(db));
	sqlite3_finalize(st);
}

static int
run_sql(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "db-check: %s\n", sqlite3_errmsg(db));
		return 2;
	}
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(st); i++) {
			const unsigned char *v = sqlite3_column_text(st, i);
			printf("%s%s", i ? "\t" : "", v ? (const char *)v : "NULL");
		}
		printf("\n");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "db-check: %s\n", sqlite3_errmsg(db));
		return 2;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	sqlite3 *db;
	int attachments = -1;

	bool exec = argc == 4 && strcmp(argv[2], "--exec") == 0;
	if (argc == 4 && strcmp(argv[2], "--hold") == 0) {
		if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
		    sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
			fprintf(stderr, "db-check: cannot hold %s: %s\n", argv[1], sqlite3_errmsg(db));
			return 2;
		}
		printf("held\n");
		fflush(stdout);
		sleep((unsigned)atoi(argv[3]));
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(db);
		return 0;
	}
	if (argc < 2 || (argc != 2 && argc != 4) ||
	    (argc == 4 && strcmp(argv[2], "--sql") != 0 && strcmp(argv[2], "--attachments") != 0 &&
	     !exec)) {
		fprintf(stderr, "usage: db-check DB [--attachments K] | db-check DB --sql QUERY |"
				" db-check DB --exec SQL | db-check DB --hold SECONDS\n");
		return 2;
	}
	/* Read-only, so that checking a killed importer's database leaves its WAL for the next
	 * import to recover, as it would find it. */
	if (sqlite3_open_v2(argv[1], &db, exec ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY,
			    NULL) != SQLITE_OK) {
		fprintf(stderr, "db-check: cannot open %s: %s\n", argv[1], sqlite3_errmsg(db));
		return 2;
	}
	sqlite3_busy_timeout(db, 5000);
	if (argc == 4 && (strcmp(argv[2], "--sql") == 0 || exec)) {
		int rc = run_sql(db, argv[3]);
		sqlite3_close(db);
		return rc;
	}
	if (argc == 4)
		attachments = atoi(argv[3]);

	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW ||
	    strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0)
		problem("integrity_check", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	none(db, "foreign_key_check",
	     "SELECT \"table\" || ' row ' || rowid FROM pragma_foreign_key_check", -1);

	/* A bundle row comes with everything of its transaction, or not at all. */
	if (attachments >= 0)
		none(db, "bundle without all its attachments",
		     "SELECT hex(hash) FROM bundle b WHERE (SELECT count(*) FROM"
		     " bundle_attachment a WHERE a.bundle_hash = b.hash) != ?1",
		     attachments);
	none(db, "attachment without its bundle",
	     "SELECT hex(bundle_hash) FROM bundle_attachment a WHERE NOT EXISTS (SELECT 1 FROM"
	     " bundle b WHERE b.hash = a.bundle_hash)",
	     -1);
	none(db, "bundle without its audit line",
	     "SELECT hex(hash) FROM bundle b WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE"
	     " a.file_hash = b.hash AND a.outcome IN ('merged', 'older', 'conflict'))",
	     -1);
	none(db, "audit line without its bundle",
	     "SELECT id || ' ' || outcome FROM audit a WHERE outcome IN ('merged', 'older',"
	     " 'conflict') AND NOT EXISTS (SELECT 1 FROM bundle b WHERE b.hash = a.file_hash)",
	     -1);
	none(db, "bundle accepted twice",
	     "SELECT hex(file_hash) FROM audit WHERE outcome IN ('merged', 'older', 'conflict')"
	     " GROUP BY file_hash HAVING count(*) > 1",
	     -1);
	none(db, "merged report without its bundle",
	     "SELECT m.unit_code FROM merged m LEFT JOIN bundle b ON b.hash = m.bundle_hash"
	     " WHERE b.hash IS NULL OR b.state != 'merged' OR b.unit_code != m.unit_code OR"
	     " b.year != m.year OR b.revision != m.revision",
	     -1);
	none(db, "merged bundle not the unit's report",
	     "SELECT unit_code FROM bundle b WHERE state = 'merged' AND NOT EXISTS (SELECT 1 FROM"
	     " merged m WHERE m.bundle_hash = b.hash)",
	     -1);
	none(db, "receipt recorded for a bundle not held",
	     "SELECT path FROM receipt_sent r WHERE outcome != 'refused' AND NOT EXISTS (SELECT 1"
	     " FROM bundle b WHERE b.hash = r.bundle_hash)",
	     -1);
	none(db, "bound key whose enrollment is not marked used",
	     "SELECT k.unit_code FROM unit_key k JOIN enrollment n ON n.id = k.enrollment_id"
	     " WHERE n.used_at IS NULL",
	     -1);
	none(db, "accepted bundle whose signer is not a unit key",
	     "SELECT unit_code FROM bundle b WHERE NOT EXISTS (SELECT 1 FROM unit_key k WHERE"
	     " k.pk = b.signer_pk AND k.unit_code = b.unit_code)",
	     -1);
	sqlite3_close(db);
	if (problems == 0)
		printf("ok\n");
	return problems ? 1 : 0;
}
