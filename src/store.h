/* store.h: a connection to a program's SQLite database (struct store): opening, migrating,
 * transactions, and the query helpers every SQL statement of the core goes through. */
#ifndef XHHT_STORE_H
#define XHHT_STORE_H

#include <sqlite3.h>
#include <stdbool.h>

#include "util.h"

enum store_kind { STORE_UNIT, STORE_CENTRAL };

struct kept_stmt;
struct seen_template;

/* One open database: the connection every core function takes as `db`. What a connection
 * keeps for itself lives here, not in globals keyed by its handle, so that two connections
 * (tests, a restore, a tool) never see each other's statements or templates, and store_close
 * frees all of it. The fields are the core's: front ends (cmd/, screens/) never touch them
 * and never see SQLite; tests and test tools may run raw SQL on `sql`. */
struct store {
	sqlite3 *sql; /* the SQLite handle */
	enum store_kind kind;
	/* Statements prepared once and handed out again (store_stmt). */
	struct kept_stmt *kept;
	size_t nkept;
	/* Templates this connection was already asked for (template_get), with a reference. */
	struct seen_template *seen;
	size_t nseen;
	/* The unit folder's lock file (STORE_LOCK_FILE) held until store_close, or -1. */
	int lock_fd;
};

/* Sets SQLite up for this program, before any other SQLite call: one thread, and nobody reads
 * SQLite's memory statistics, so SQLite can skip the locks it takes around every allocation. */
void store_init(void);

/* The data folder: flag (--data), else $XHHT_DATA, else $XDG_DATA_HOME/<program>, else
 * ~/.local/share/<program>. Returns a new string. */
enum status store_data_dir(const char *flag, enum store_kind kind, char **out, struct err *e);

/* How a command opens its data folder.
 * STORE_READ: read-only: SQLITE_OPEN_READONLY (immutable when the folder cannot be written),
 *   no migration, no write lock ever taken or waited for, nothing created; a folder without a
 *   database (and without key files) reads as an empty one.
 * STORE_WRITE: the folder must exist; the database is made when the folder has none.
 * STORE_CREATE: the commands that start a data folder: creates the folder too.
 * STORE_EDIT: the full-screen program: as STORE_CREATE, and holds the folder's lock file
 *   (STORE_LOCK_FILE) exclusively until store_close, so that no command writes under it.
 * The writing modes of the unit's folder hold the lock file shared, and give up at once (the
 * message names the folder) when the full-screen program holds it. A missing or empty database
 * next to key files is refused in every mode: it is never made again from nothing. */
enum store_mode { STORE_READ, STORE_WRITE, STORE_CREATE, STORE_EDIT };
#define STORE_LOCK_FILE "xhht.lock"
/* How long a writer waits for another writer's transaction before giving up, naming the file. */
#define STORE_BUSY_MS 5000
/* A connection that gives up at once, instead of after STORE_BUSY_MS, when another writer
 * holds the database (for a write that may just as well happen later). */
void store_no_wait(struct store *db);
/* Opens (creating) the lock file name in folder dir for flock: the descriptor, or -1 with e
 * naming the file. */
int store_lock_open(const char *dir, const char *name, struct err *e);
enum status store_open_mode(const char *dir, enum store_kind kind, enum store_mode mode,
			    struct store **out, struct err *e);
/* store_open_mode with STORE_CREATE (tests and tools). A database written by a newer program,
 * or a file that is not this program's database, is refused untouched. */
enum status store_open(const char *dir, enum store_kind kind, struct store **out, struct err *e);
/* True when dir does not exist yet (a command that may start it says where first). */
bool store_dir_missing(const char *dir);
/* A new empty database in memory with this program's schema and built-in templates (tests,
 * fuzzers, and the read-only commands' folder that holds no database yet). */
enum status store_open_memory(enum store_kind kind, struct store **out, struct err *e);
/* Brings an open connection's database to this program's schema and settings again (after
 * unit_restore copied an older backup into it); preparing twice is harmless. */
enum status store_prepare(struct store *db, struct err *e);
/* Closes a connection and frees all it kept: its statements, its templates, its lock file.
 * NULL is allowed. */
void store_close(struct store *db);

/* Schema version this program writes. */
int store_schema_version(enum store_kind kind);

enum status store_begin(struct store *db, struct err *e);
enum status store_commit(struct store *db, struct err *e);
void store_rollback(struct store *db);
/* Runs SQL without results; fills e on failure. */
enum status store_exec(struct store *db, const char *sql, struct err *e);
/* A prepared statement for sql, kept for the life of the connection and handed out again:
 * for statements run once per bundle, where preparing costs more than running. sql must be a
 * string literal (statements are found by its address, among this connection's). Give it back
 * to the same connection with store_done, which resets it; NULL (and e filled) when SQLite
 * cannot prepare it. */
sqlite3_stmt *store_stmt(struct store *db, const char *sql, struct err *e);
void store_done(struct store *db, sqlite3_stmt *st);
/* Reports a failed SQLite call in e and returns ST_ENV. */
enum status store_error(struct store *db, struct err *e);

/* Parameters for the helpers below, bound to ?1, ?2... in the order of the letters of types:
 * 'i' int, 'I' sqlite3_int64, 't' text (const char *; NULL binds NULL), 'b' blob (const void *,
 * then its size as an int), 'p' a report's period as one int key (period.h): its year and its
 * phase_first bound to TWO consecutive parameters, so that "tp" binds ?1 the text, ?2 the year,
 * ?3 phase_first (the SQL compares plain columns; the key's rule stays in period.h). Text and
 * blobs are not copied: they must outlive the statement's use (until store_done). */
/* sql prepared afresh, its parameters bound; give it back with store_done (which finalizes
 * it). NULL (and e filled) when SQLite cannot prepare it. */
sqlite3_stmt *store_query(struct store *db, const char *sql, struct err *e, const char *types, ...);
/* store_stmt (kept for the connection; sql a string literal) with its parameters bound. */
sqlite3_stmt *store_stmt_bind(struct store *db, const char *sql, struct err *e, const char *types,
			      ...);
/* The row loop: true while st gives a row; at its end, gives st back (store_done) and sets
 * *rc to ST_OK, or to ST_ENV with e filled when SQLite failed on the way:
 *	while (store_next(db, st, &rc, e)) { ...columns of the row... }
 * A loop left early gives st back itself. A NULL st (store_query or store_stmt_bind failed,
 * and filled e) ends the loop at once with ST_ENV. */
bool store_next(struct store *db, sqlite3_stmt *st, enum status *rc, struct err *e);
/* Runs a statement that returns no rows, with its parameters bound. */
enum status store_do(struct store *db, const char *sql, struct err *e, const char *types, ...);
/* store_do through a statement kept for the connection (sql a string literal): for writes run
 * once per bundle, and savepoints. */
enum status store_run(struct store *db, const char *sql, struct err *e, const char *types, ...);
/* The first column of a query's first row: a new string, or NULL when there is no row, the
 * value is NULL or SQLite failed (for answers whose absence means "not set"). */
char *store_text(struct store *db, const char *sql, const char *types, ...);
/* The same as an integer: dflt when there is no row or SQLite failed. */
long long store_int(struct store *db, long long dflt, const char *sql, const char *types, ...);
/* A number that changes when another connection commits to the database (PRAGMA data_version):
 * a screen showing the data compares it to know when to read again. */
long long store_data_version(struct store *db);

/* Current time as ISO 8601 UTC ("2024-11-28T09:30:00Z"), and today's date on this machine
 * (YYYY-MM-DD). In test builds only (XHHT_TEST_CLOCK), $XHHT_NOW and $XHHT_TODAY override
 * them, so that tests can fix the clock (like SOURCE_DATE_EPOCH for builds). */
void store_now(char out[32]);
void store_today(char out[16]);
/* Days from today (store_today) to the given date: 0 on the day, negative after it. */
long store_days_until(int year, int month, int day);

#endif
