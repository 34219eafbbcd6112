/* store.c: data folder, SQLite settings for durability, numbered migrations from db/. */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "embedded.h"
#include "i18n.h"
#include "period.h"
#include "platform.h"
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
	char *env = plat_getenv("XHHT_DATA");
	if (flag != NULL && flag[0] != '\0')
		*out = xstrdup(flag);
	else if (env != NULL && env[0] != '\0')
		*out = xstrdup(env);
	else if ((*out = plat_data_home(kind_names[kind])) == NULL) {
		free(env);
		err_set(e, L("không biết đặt dữ liệu ở đâu: hãy dùng --data THƯ_MỤC",
			     "no place for the data: use --data DIR"));
		return ST_ENV;
	}
	free(env);
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

/* Another program's transaction outlasted the busy timeout: say which file, not "locked". */
static bool
busy_error(struct store *db, struct err *e)
{
	const char *file = sqlite3_db_filename(db->sql, "main");
	if ((sqlite3_errcode(db->sql) & 0xff) != SQLITE_BUSY)
		return false;
	err_set(e,
		L("cơ sở dữ liệu %s đang bận: một chương trình khác đang ghi vào đó; đã chờ %d giây, "
		  "hãy thử lại sau",
		  "the database %s is busy: another program is writing to it; gave up after %d "
		  "seconds, try again later"),
		file && file[0] ? file : "(memory)", STORE_BUSY_MS / 1000);
	return true;
}

enum status
store_error(struct store *db, struct err *e)
{
	if (!busy_error(db, e))
		err_set(e, L("lỗi cơ sở dữ liệu: %s", "database error: %s"),
			sqlite3_errmsg(db->sql));
	return ST_ENV;
}

enum status
store_exec(struct store *db, const char *sql, struct err *e)
{
	char *msg = NULL;
	if (sqlite3_exec(db->sql, sql, NULL, NULL, &msg) != SQLITE_OK) {
		if (!busy_error(db, e))
			err_set(e, L("lỗi cơ sở dữ liệu: %s", "database error: %s"),
				msg ? msg : sqlite3_errmsg(db->sql));
		sqlite3_free(msg);
		return ST_ENV;
	}
	return ST_OK;
}

enum status
store_begin(struct store *db, struct err *e)
{
	/* IMMEDIATE takes the write lock at once, so a second program waiting on busy_timeout
	 * never fails half-way through a transaction. */
	return store_exec(db, "BEGIN IMMEDIATE", e);
}

enum status
store_commit(struct store *db, struct err *e)
{
	enum status st = store_exec(db, "COMMIT", e);
	if (st != ST_OK)
		store_rollback(db);
	return st;
}

void
store_rollback(struct store *db)
{
	if (!sqlite3_get_autocommit(db->sql))
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
}

static int
pragma_int(struct store *db, const char *sql)
{
	return (int)store_int(db, -1, sql, "");
}

/* Refuses another program's database, or a newer one's, before anything is changed. */
static enum status
refuse_foreign(enum store_kind kind, int have, int appid, int objects, struct err *e)
{
	int want = store_schema_version(kind);
	if (appid != application_ids[kind] && (appid != 0 || objects != 0)) {
		err_set(e, L("tệp cơ sở dữ liệu không phải của %s", "the database file is not %s's"),
			kind_names[kind]);
		return ST_ENV;
	}
	if (have > want) {
		err_set(e,
			L("cơ sở dữ liệu do phiên bản mới hơn của %s tạo ra (lược đồ %d, chương trình "
			  "này chỉ biết đến %d): hãy cài phiên bản mới; dữ liệu được giữ nguyên",
			  "the database was written by a newer %s (schema %d, this program knows up "
			  "to %d): install the newer version; the data was left untouched"),
			kind_names[kind], have, want);
		return ST_ENV;
	}
	return ST_OK;
}

static enum status
migrate(struct store *db, enum store_kind kind, struct err *e)
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
	if (refuse_foreign(kind, have, appid, objects, e) != ST_OK) {
		store_rollback(db);
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

/* Every connection's settings (busy wait, defensive mode, untrusted schema, extended
 * codes), then what the file holds: its schema version, application id and object count. */
static enum status
connection_look(struct store *db, int *have, int *appid, int *objects, struct err *e)
{
	sqlite3_busy_timeout(db->sql, STORE_BUSY_MS);
	sqlite3_db_config(db->sql, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db->sql, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_extended_result_codes(db->sql, 1);
	if ((*have = pragma_int(db, "PRAGMA user_version")) < 0 ||
	    (*appid = pragma_int(db, "PRAGMA application_id")) == -1 ||
	    (*objects = pragma_int(db, "SELECT count(*) FROM sqlite_schema")) < 0)
		return store_error(db, e);
	return ST_OK;
}

enum status
store_prepare(struct store *db, struct err *e)
{
	enum store_kind kind = db->kind;
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
	/* Look before setting anything: a newer program's database, or another program's, must
	 * not be touched, not even its journal mode. migrate() refuses both. */
	if (connection_look(db, &have, &appid, &objects, e) != ST_OK)
		return ST_ENV;
	if (have > store_schema_version(kind) ||
	    (appid != application_ids[kind] && (appid != 0 || objects != 0)))
		return migrate(db, kind, e);
	if (store_exec(db, pragmas, e) != ST_OK ||
	    store_exec(db, "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;", e) != ST_OK)
		return ST_ENV;
	return migrate(db, kind, e);
}

bool
store_dir_missing(const char *dir)
{
	struct stat sb;
	return plat_lstat(dir, &sb) != 0 && errno == ENOENT;
}

/* The unit's folder lock: shared by commands that write, exclusive for the full-screen
 * program, whose copy of a report would otherwise be saved over a command's change. flock on
 * a file of its own (never the database, whose fcntl locks SQLite owns); the kernel drops it
 * when the process ends, however it ends. Returns the descriptor, or -1 with e filled. */
int
store_lock_open(const char *dir, const char *name, struct err *e)
{
	char *path = xasprintf("%s/%s", dir, name);
	int fd = plat_open_lock(path);
	if (fd < 0)
		err_set(e, L("không mở được tệp khóa %s: %s", "cannot open the lock file %s: %s"), path,
			errno_text(errno));
	free(path);
	return fd;
}

static int
lock_folder(const char *dir, bool exclusive, struct err *e)
{
	int fd = store_lock_open(dir, STORE_LOCK_FILE, e);
	if (fd < 0)
		return -1;
	if (!exclusive) {
		if (plat_lock_file(fd, PLAT_LOCK_SHARED) == 0)
			return fd;
		close(fd);
		err_set(e,
			L("xhht toàn màn hình đang mở thư mục dữ liệu %s: hãy đóng nó rồi thử lại "
			  "(không ghi gì để khỏi ghi đè lên nhau)",
			  "the full-screen xhht is open on the data folder %s: close it and try again "
			  "(nothing was written, so that neither undoes the other)"),
			dir);
		return -1;
	}
	/* Commands hold the lock shared for a moment: wait for them, a bounded time. Another
	 * full-screen program holds it exclusively, for as long as it is open: say so at once. */
	for (int waited = 0;; waited += 50) {
		if (plat_lock_file(fd, PLAT_LOCK_EXCLUSIVE) == 0)
			return fd;
		if (plat_lock_file(fd, PLAT_LOCK_SHARED) != 0) {
			err_set(e,
				L("xhht đã đang mở thư mục dữ liệu %s (ở cửa sổ khác hoặc người dùng "
				  "khác): hãy dùng cửa sổ đó, hoặc đóng nó trước",
				  "xhht is already open on the data folder %s (in another window or by "
				  "another user): use that one, or close it first"),
				dir);
			break;
		}
		plat_lock_file(fd, PLAT_UNLOCK);
		if (waited >= STORE_BUSY_MS) {
			err_set(e,
				L("một lệnh xhht đang ghi vào thư mục dữ liệu %s; đã chờ %d giây, hãy thử "
				  "lại sau",
				  "an xhht command is writing to the data folder %s; gave up after %d "
				  "seconds, try again later"),
				dir, STORE_BUSY_MS / 1000);
			break;
		}
		plat_sleep_ms(50);
	}
	close(fd);
	return -1;
}

static long long
file_size(const char *path)
{
	struct stat sb;
	return plat_lstat(path, &sb) == 0 ? (long long)sb.st_size : -1;
}

/* A key file in the folder: the folder was started, so its database cannot be new. */
static bool
key_file_in(const char *dir, enum store_kind kind, char *name, size_t size)
{
	bool found = false;
	if (kind == STORE_CENTRAL) {
		char *path = xasprintf("%s/central.key", dir);
		found = file_size(path) >= 0;
		free(path);
		snprintf(name, size, "central.key");
		return found;
	}
	struct plat_dir *d = plat_dir_open(dir, false);
	const char *entry;
	if (d == NULL)
		return false;
	while (!found && (entry = plat_dir_next(d)) != NULL) {
		size_t n = strlen(entry);
		if (n > 9 && strncmp(entry, "unit-", 5) == 0 &&
		    strcmp(entry + n - 4, ".key") == 0) {
			snprintf(name, size, "%s", entry);
			found = true;
		}
	}
	plat_dir_close(d);
	return found;
}

/* A new connection on name, opened with flags; NULL with e filled (naming path) when SQLite
 * cannot open it. */
static struct store *
connection_open(const char *name, int flags, enum store_kind kind, const char *path, struct err *e)
{
	sqlite3 *raw = NULL;
	if (sqlite3_open_v2(name, &raw, flags, NULL) != SQLITE_OK) {
		err_set(e,
			L("không mở được cơ sở dữ liệu %s: %s", "cannot open the database %s: %s"),
			path, raw ? sqlite3_errmsg(raw) : errno_text(ENOMEM));
		sqlite3_close(raw);
		return NULL;
	}
	struct store *db = xcalloc(1, sizeof *db);
	db->sql = raw;
	db->kind = kind;
	db->lock_fd = -1;
	return db;
}

/* For a URI filename: the characters a URI gives a meaning to, escaped. */
static char *
uri_path(const char *path)
{
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "file:");
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			buf_printf(&b, "%%%02X", (unsigned char)*p);
		else
			buf_addc(&b, *p);
	}
	buf_adds(&b, "?immutable=1");
	return buf_steal(&b);
}

/* The read-only commands' connection that SQLite opened read-write (a WAL database in a
 * folder that can be written): no statement may change the database itself; temporary tables
 * (an export's) stay allowed. PRAGMA query_only would forbid those too. It needs nothing of
 * the connection (its user data is NULL); a callback that did would get it there, never from a
 * global (as central_attach_keys' function gets its key). */
static int
deny_main_writes(void *ctx, int action, const char *a, const char *b, const char *db, const char *via)
{
	(void)ctx, (void)a, (void)b, (void)via;
	switch (action) {
	case SQLITE_INSERT:
	case SQLITE_UPDATE:
	case SQLITE_DELETE:
	case SQLITE_CREATE_TABLE:
	case SQLITE_CREATE_INDEX:
	case SQLITE_CREATE_VIEW:
	case SQLITE_CREATE_TRIGGER:
	case SQLITE_DROP_TABLE:
	case SQLITE_DROP_INDEX:
	case SQLITE_DROP_VIEW:
	case SQLITE_DROP_TRIGGER:
	case SQLITE_ALTER_TABLE:
	case SQLITE_ATTACH:
		return db != NULL && strcmp(db, "temp") == 0 ? SQLITE_OK : SQLITE_DENY;
	case SQLITE_PRAGMA:
		return b == NULL ? SQLITE_OK : SQLITE_DENY; /* reading a pragma, never setting one */
	default:
		return SQLITE_OK;
	}
}

/* Read-only: nothing the database holds is changed, no write lock is taken or waited for.
 * The unit's database (rollback journal) reads through SQLITE_OPEN_READONLY as it is. A WAL
 * database (the central's) opened that way leaves a -wal and a -shm behind in the folder, so
 * in a folder that can be written it is opened read-write under an authorizer that refuses
 * every change to it, and its close takes them away again. On a read-only file system,
 * without a WAL or journal left to replay, the file cannot change under us and is opened
 * immutable (no -shm needed, none could be made). A folder only we cannot write (another
 * account's, which may be writing) is read through SQLITE_OPEN_READONLY, with its locks;
 * immutable there only when SQLite cannot open it otherwise (a WAL database whose -shm
 * nobody has made). */
static enum status
open_readonly(const char *dir, const char *path, enum store_kind kind, struct store **out,
	      struct err *e)
{
	char *wal = xasprintf("%s-wal", path), *journal = xasprintf("%s-journal", path), *name;
	bool writable = plat_can_write(dir), pending = file_size(wal) > 0;
	bool replay = pending || file_size(journal) >= 0;
	bool frozen = plat_fs_read_only(dir);
	int flags, have, appid, objects;
	struct store *db = NULL;

	free(wal);
	free(journal);
again:
	flags = SQLITE_OPEN_NOFOLLOW;
	if (!writable && !replay && frozen) {
		name = uri_path(path);
		flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
	} else {
		name = xstrdup(path);
		/* A WAL with frames in it (a writer at work, or one that died) has its -shm: read
		 * it read-only, for a read-write handle closing last would checkpoint it. */
		flags |= kind == STORE_CENTRAL && writable && !pending ? SQLITE_OPEN_READWRITE
								       : SQLITE_OPEN_READONLY;
	}
	db = connection_open(name, flags, kind, path, e);
	free(name);
	if (db == NULL)
		return ST_ENV;
	if (connection_look(db, &have, &appid, &objects, e) != ST_OK) {
		int code = sqlite3_errcode(db->sql) & 0xff;
		if (!frozen && !writable && !replay && (code == SQLITE_CANTOPEN || code == SQLITE_READONLY)) {
			/* A WAL database whose -shm we may not make: read it as it stands. */
			store_close(db);
			db = NULL;
			frozen = true;
			goto again;
		}
		goto fail;
	}
	if (refuse_foreign(kind, have, appid, objects, e) != ST_OK)
		goto fail;
	if (have < store_schema_version(kind)) {
		err_set(e,
			L("cơ sở dữ liệu do phiên bản cũ hơn của %s ghi (lược đồ %d, phiên bản này "
			  "dùng %d); lệnh chỉ đọc không cập nhật nó: hãy chạy một lệnh ghi (như %s) "
			  "một lần; dữ liệu được giữ nguyên",
			  "the database was written by an older %s (schema %d, this one uses %d), and a "
			  "read-only command does not update it: run a command that writes (such as "
			  "%s) once; the data was left untouched"),
			kind_names[kind], have, store_schema_version(kind),
			kind == STORE_UNIT ? "xhht load" : "xhht-central import");
		goto fail;
	}
	if (flags & SQLITE_OPEN_READWRITE)
		sqlite3_set_authorizer(db->sql, deny_main_writes, NULL);
	*out = db;
	return ST_OK;
fail:
	err_prefix(e, "%s: ", path);
	store_close(db);
	return ST_ENV;
}

enum status
store_open_mode(const char *dir, enum store_kind kind, enum store_mode mode, struct store **out,
		struct err *e)
{
	char *path, key[256];
	struct store *db = NULL;
	enum status st;
	struct stat sb;
	int lock = -1;

	*out = NULL;
	if (mode >= STORE_CREATE) {
		if ((st = dir_make(dir, e)) != ST_OK)
			return st;
	} else if (plat_stat(dir, &sb) != 0) {
		if (errno == ENOENT) {
			err_set(e, L("không có thư mục dữ liệu %s", "the data folder %s does not exist"), dir);
			err_next(e, kind == STORE_UNIT ? ERR_NEXT_START_UNIT_FOLDER : ERR_NEXT_START_CENTRAL_FOLDER);
		} else
			err_set(e, L("không mở được thư mục dữ liệu %s: %s", "cannot open the data folder %s: %s"),
				dir, errno_text(errno));
		return ST_ENV;
	} else if (!S_ISDIR(sb.st_mode)) {
		err_set(e, L("%s không phải là thư mục", "%s is not a folder"), dir);
		return ST_ENV;
	}
	if (mode != STORE_READ && !plat_can_write(dir)) {
		err_set(e, L("không ghi được vào thư mục dữ liệu %s: %s", "cannot write to the data folder %s: %s"),
			dir, errno_text(errno));
		return ST_ENV;
	}
	if (kind == STORE_UNIT && mode != STORE_READ && (lock = lock_folder(dir, mode == STORE_EDIT, e)) < 0)
		return ST_ENV;
	path = xasprintf("%s/%s.db", dir, kind_names[kind]);
	char *wal = xasprintf("%s-wal", path);
	bool empty = file_size(path) <= 0 && file_size(wal) <= 0;
	free(wal);
	if (empty && key_file_in(dir, kind, key, sizeof key)) {
		err_set(e,
			L("%s: không có cơ sở dữ liệu %s (hoặc tệp rỗng) dù thư mục có khóa %s: không tạo "
			  "cơ sở dữ liệu mới bên cạnh khóa; hãy chép lại %s từ bản sao lưu",
			  "%s: the database %s is missing or empty, yet the folder holds the key %s: no "
			  "new database is started beside it; restore %s from a backup"),
			dir, strrchr(path, '/') + 1, key, strrchr(path, '/') + 1);
		st = ST_ENV;
		goto fail;
	}
	if (mode == STORE_READ) {
		/* Nothing started here yet: an empty database in memory answers "nothing yet". */
		if (empty) {
			if ((st = store_open_memory(kind, &db, e)) != ST_OK)
				goto fail;
		} else if ((st = open_readonly(dir, path, kind, &db, e)) != ST_OK)
			goto fail;
		free(path);
		*out = db;
		return ST_OK;
	}
	db = connection_open(
	    path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW, kind, path, e);
	if (db == NULL) {
		st = ST_ENV;
		goto fail;
	}
	st = store_prepare(db, e);
	if (st != ST_OK) {
		if ((sqlite3_errcode(db->sql) & 0xff) !=
		    SQLITE_BUSY) /* that message names the file */
			err_prefix(e, "%s: ", path);
		goto fail;
	}
	free(path);
	db->lock_fd = lock;
	*out = db;
	return ST_OK;
fail:
	store_close(db);
	if (lock >= 0)
		close(lock);
	free(path);
	return st;
}

enum status
store_open(const char *dir, enum store_kind kind, struct store **out, struct err *e)
{
	return store_open_mode(dir, kind, STORE_CREATE, out, e);
}

enum status
store_open_memory(enum store_kind kind, struct store **out, struct err *e)
{
	struct store *db = connection_open(":memory:", SQLITE_OPEN_READWRITE, kind, ":memory:", e);
	enum status st = db == NULL ? ST_ENV : store_prepare(db, e);
	if (st != ST_OK) {
		store_close(db);
		db = NULL;
	}
	*out = db;
	return st;
}

/* Statements kept prepared, found by SQL address in the connection's list: a lookup compares
 * pointers, never text. The list is short (the importer's two dozen statements), so a linear
 * search beats anything cleverer. A statement asked for while already out (a recursive use)
 * is prepared afresh and finalized by store_done. */
struct kept_stmt {
	const char *sql;
	sqlite3_stmt *st;
	bool out;
};

sqlite3_stmt *
store_stmt(struct store *db, const char *sql, struct err *e)
{
	sqlite3_stmt *st = NULL;
	size_t i;
	for (i = 0; i < db->nkept; i++)
		if (db->kept[i].sql == sql)
			break;
	if (i < db->nkept && !db->kept[i].out) {
		db->kept[i].out = true;
		return db->kept[i].st;
	}
	if (sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) !=
	    SQLITE_OK) {
		store_error(db, e);
		return NULL;
	}
	if (i == db->nkept) {
		if ((db->nkept & (db->nkept - 1)) == 0)
			db->kept = xreallocarray(db->kept, db->nkept ? db->nkept * 2 : 8,
						 sizeof *db->kept);
		db->kept[db->nkept++] = (struct kept_stmt){sql, st, true};
	}
	return st;
}

void
store_done(struct store *db, sqlite3_stmt *st)
{
	if (st == NULL)
		return;
	for (size_t i = 0; i < db->nkept; i++)
		if (db->kept[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			db->kept[i].out = false;
			return;
		}
	sqlite3_finalize(st);
}

/* Binds ?1, ?2... by the letters of types (store.h); a 'p' takes two parameters. */
static void
bind_args(sqlite3_stmt *st, const char *types, va_list ap)
{
	for (int i = 1; *types != '\0'; i++)
		switch (*types++) {
		case 'p': {
			int key = va_arg(ap, int);
			sqlite3_bind_int(st, i, PERIOD_YEAR(key));
			sqlite3_bind_int(st, ++i, PERIOD_FIRST(key));
			break;
		}
		case 'i':
			sqlite3_bind_int(st, i, va_arg(ap, int));
			break;
		case 'I':
			sqlite3_bind_int64(st, i, va_arg(ap, sqlite3_int64));
			break;
		case 't':
			sqlite3_bind_text(st, i, va_arg(ap, const char *), -1, SQLITE_STATIC);
			break;
		case 'b': {
			const void *p = va_arg(ap, const void *);
			sqlite3_bind_blob(st, i, p, va_arg(ap, int), SQLITE_STATIC);
			break;
		}
		default:
			abort(); /* a letter store.h does not know: a mistake in the caller */
		}
}

static sqlite3_stmt *
query_v(struct store *db, const char *sql, struct err *e, const char *types, va_list ap)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) {
		store_error(db, e);
		return NULL;
	}
	bind_args(st, types, ap);
	return st;
}

sqlite3_stmt *
store_query(struct store *db, const char *sql, struct err *e, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *st = query_v(db, sql, e, types, ap);
	va_end(ap);
	return st;
}

sqlite3_stmt *
store_stmt_bind(struct store *db, const char *sql, struct err *e, const char *types, ...)
{
	sqlite3_stmt *st = store_stmt(db, sql, e);
	va_list ap;
	if (st == NULL)
		return NULL;
	va_start(ap, types);
	bind_args(st, types, ap);
	va_end(ap);
	return st;
}

bool
store_next(struct store *db, sqlite3_stmt *st, enum status *rc, struct err *e)
{
	if (st == NULL) { /* its preparation failed and said why */
		*rc = ST_ENV;
		return false;
	}
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		return true;
	*rc = step == SQLITE_DONE ? ST_OK : store_error(db, e);
	store_done(db, st);
	return false;
}

enum status
store_do(struct store *db, const char *sql, struct err *e, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *st = query_v(db, sql, e, types, ap);
	va_end(ap);
	if (st == NULL)
		return ST_ENV;
	enum status rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : store_error(db, e);
	sqlite3_finalize(st);
	return rc;
}

enum status
store_run(struct store *db, const char *sql, struct err *e, const char *types, ...)
{
	sqlite3_stmt *st = store_stmt(db, sql, e);
	if (st == NULL)
		return ST_ENV;
	va_list ap;
	va_start(ap, types);
	bind_args(st, types, ap);
	va_end(ap);
	enum status rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : store_error(db, e);
	store_done(db, st);
	return rc;
}

/* sql with its parameters, stepped to its first row: the statement (to finalize), or NULL when
 * there is no row or SQLite failed. */
static sqlite3_stmt *
first_row(struct store *db, const char *sql, const char *types, va_list ap)
{
	struct err ignored;
	sqlite3_stmt *st = query_v(db, sql, &ignored, types, ap);
	if (st != NULL && sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		st = NULL;
	}
	return st;
}

char *
store_text(struct store *db, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *st = first_row(db, sql, types, ap);
	va_end(ap);
	char *v = st && sqlite3_column_type(st, 0) != SQLITE_NULL
			  ? xstrdup((const char *)sqlite3_column_text(st, 0))
			  : NULL;
	sqlite3_finalize(st);
	return v;
}

long long
store_data_version(struct store *db)
{
	return store_int(db, 0, "PRAGMA data_version", "");
}

long long
store_int(struct store *db, long long dflt, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *st = first_row(db, sql, types, ap);
	va_end(ap);
	long long v = st ? sqlite3_column_int64(st, 0) : dflt;
	sqlite3_finalize(st);
	return v;
}

void
store_close(struct store *db)
{
	if (db == NULL)
		return;
	for (size_t i = 0; i < db->nkept; i++)
		sqlite3_finalize(db->kept[i].st);
	free(db->kept);
	template_forget(db);
	sqlite3_close(db->sql);
	if (db->lock_fd >= 0)
		close(db->lock_fd);
	free(db);
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
	plat_gmtime(&t, &tm);
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
	plat_localtime(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

void
store_no_wait(struct store *db)
{
	sqlite3_busy_timeout(db->sql, 0);
}
