/* util.h: allocation wrappers, growable buffers and error messages shared by the whole core. */
#ifndef XHHT_UTIL_H
#define XHHT_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Checks a printf-like function's format: on Windows against the C99 printf of MinGW that the
 * programs use (__USE_MINGW_ANSI_STDIO), not msvcrt's, which gcc there would assume. */
#ifdef _WIN32
#define PRINTF_LIKE(fmt, args) __attribute__((format(gnu_printf, fmt, args)))
#else
#define PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#endif

/* Status codes every core function returns; they map onto the programs' exit codes. */
enum status {
	ST_OK = 0,
	ST_REFUSED = 1, /* the data was refused: invalid input, failed checks */
	ST_ENV = 2,     /* usage or environment: missing folder, unreadable file, newer database */
};

/* What the person must do before trying again, where the core knows it. The core names the
 * step; each front end says how to take it (a command to type, a menu entry, a key), so the
 * core's message never names a command or a key. */
#define ERR_NEXT_STEPS(X)                                                                          \
	X(NONE)                                                                                    \
	X(START_UNIT_FOLDER)    /* the unit's data folder does not exist yet */                    \
	X(START_CENTRAL_FOLDER) /* the central's data folder does not exist yet */                 \
	X(CENTRAL_INIT)         /* the central's keys are not made yet */                          \
	X(ADD_UNIT)             /* the unit is not on the central's list */                        \
	X(ENROLL)               /* the unit is not enrolled */                                     \
	X(OPEN_RECEIPT)         /* the Ministry's receipt must be opened first */

#define ERR_NEXT_ENUM(name) ERR_NEXT_##name,
enum err_next { ERR_NEXT_STEPS(ERR_NEXT_ENUM) ERR_NEXT_COUNT };
#undef ERR_NEXT_ENUM

/* An error message filled by the core and shown by the caller (status bar or stderr). */
struct err {
	char msg[1024];
	int code;          /* a class of failure, where the function says it gives one (bundle_open) */
	enum err_next next; /* the step to take first, or ERR_NEXT_NONE; err_set clears it */
};

/* What the system said (errno err), in the interface language: in Vietnamese for the failures a
 * clerk meets (no such file, no permission, a full or write-protected disk…), otherwise, and in
 * English, the system's own words (strerror). */
const char *errno_text(int err);
void err_set(struct err *e, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* Names the step to take before trying again (after err_set, which clears it). */
void err_next(struct err *e, enum err_next next);
/* Adds to the end of an existing message (a front end's hint after the core's words). */
void err_append(struct err *e, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* Puts a prefix in front of an existing message ("tệp X: " + message). */
void err_prefix(struct err *e, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* These abort on out-of-memory or size overflow: no caller can do better, and none must
 * continue with a short allocation. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xreallocarray(void *p, size_t nmemb, size_t size);
/* Sorts n elements of size bytes at base by compare, which is given ctx too (glibc's qsort_r;
 * Windows' C library has the same under another name and argument order). */
void sort_with(void *base, size_t n, size_t size, int (*compare)(const void *, const void *, void *),
	       void *ctx);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);
char *xvasprintf(const char *fmt, va_list ap) PRINTF_LIKE(1, 0);

/* A growable byte string, always NUL-terminated. */
struct buf {
	char *data;
	size_t len, cap;
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
void buf_reserve(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Appends s as one CSV text field, quoted when it must be (RFC 4180); a text that starts with
 * = + - @ TAB or CR is written as "'..." so that spreadsheets take it as text, not a formula.
 * Numbers are written directly, not through this. */
void buf_csv(struct buf *b, const char *s);
/* Gives the string to the caller; the buffer is then as after buf_free. */
char *buf_steal(struct buf *b);

/* Reads a whole file, refusing anything larger than max bytes. */
enum status file_read(const char *path, size_t max, char **out, size_t *len, struct err *e);
/* The rest of an open file (named path in messages), at most max bytes; closes fd. */
enum status file_read_fd(int fd, const char *path, size_t max, char **out, size_t *len,
			 struct err *e);
/* Same for a file holding a secret: like ssh, a symlink, anything but a regular file, or a file
 * that group or others may read or write is refused (ST_ENV) with a message saying how to fix
 * it. */
enum status file_read_secret(const char *path, size_t max, char **out, size_t *len,
			     struct err *e);

/* A file being written under a new temporary name in its destination's folder. The name is
 * created with O_EXCL | O_NOFOLLOW (another is tried when it is taken), so nothing planted
 * there, a symlink least of all, is ever written through; the rename then replaces whatever
 * is at the destination (a symlink itself, never its target). */
struct file_temp {
	int fd;
	char *path, *tmp;
};
enum status file_temp_open(struct file_temp *t, const char *path, int mode, struct err *e);
/* Syncs and closes the file, then gives it its name and syncs the folder. With noreplace an
 * existing destination (even a dangling symlink) is refused, not replaced. On failure the
 * temporary file is removed. Either way t is released. */
enum status file_temp_commit(struct file_temp *t, bool noreplace, struct err *e);
/* False for a file system type (statfs f_type) without Unix modes to trust: FAT, exFAT, NTFS
 * and FUSE (how USB sticks are mounted); the key file check then ignores group and other bits. */
bool fs_type_keeps_modes(unsigned long f_type);
/* Writes all of data and syncs it (so that what depends on the file may be committed before
 * the file takes its name); a failure (a full disk) names the destination. */
enum status file_temp_write(struct file_temp *t, const void *data, size_t len, struct err *e);
/* Removes the temporary file and releases t (nothing after file_temp_commit). */
void file_temp_abort(struct file_temp *t);

/* "28/11/2024 10:30" in Vietnam time (UTC+7) from an ISO 8601 UTC time (anything else as is). */
void time_vietnam(const char *iso, char out[32]);

/* Writes a file durably: temporary name in the same folder (file_temp_open), fsync, rename,
 * fsync of the folder. */
enum status file_write_atomic(const char *path, const void *data, size_t len, struct err *e);
/* Same with the file's mode (0600 for anything holding a secret, even sealed). */
enum status file_write_atomic_mode(const char *path, const void *data, size_t len, int mode,
				   struct err *e);
/* Syncs the folder holding path, so that a rename or a new file in it survives a power cut. */
void file_sync_parent(const char *path);
/* Creates a folder and its parents (mode 0700 for new ones). */
enum status dir_make(const char *path, struct err *e);

/* Little-endian integers of n bytes (n <= 8), as the file formats store sizes and counts. */
void le_put(unsigned char *p, uint64_t v, size_t n);
uint64_t le_get(const unsigned char *p, size_t n);

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
