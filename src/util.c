/* util.c: allocation wrappers, growable buffers, error messages and durable file writes. */
#include "util.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "platform.h"

static void
die_oom(void)
{
	static const char msg[] = "xhht: hết bộ nhớ (out of memory)\n";
	(void)!write(2, msg, sizeof msg - 1);
	abort();
}

void
err_set(struct err *e, const char *fmt, ...)
{
	va_list ap;
	if (e == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	e->next = ERR_NEXT_NONE;
}

void
le_put(unsigned char *p, uint64_t v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

uint64_t
le_get(const unsigned char *p, size_t n)
{
	uint64_t v = 0;
	while (n-- > 0)
		v = v << 8 | p[n];
	return v;
}

void
err_next(struct err *e, enum err_next next)
{
	if (e != NULL)
		e->next = next;
}

void
err_append(struct err *e, const char *fmt, ...)
{
	va_list ap;
	if (e == NULL)
		return;
	size_t n = strlen(e->msg);
	va_start(ap, fmt);
	vsnprintf(e->msg + n, sizeof e->msg - n, fmt, ap);
	va_end(ap);
}

void
err_prefix(struct err *e, const char *fmt, ...)
{
	char head[512], old[sizeof e->msg];
	va_list ap;
	if (e == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(head, sizeof head, fmt, ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof old);
	snprintf(e->msg, sizeof e->msg, "%s%s", head, old);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		die_oom();
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (p == NULL)
		die_oom();
	return p;
}

void *
xreallocarray(void *p, size_t nmemb, size_t size)
{
	size_t n;
	if (__builtin_mul_overflow(nmemb, size, &n))
		die_oom();
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		die_oom();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p;
	if (n == SIZE_MAX)
		die_oom();
	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	struct buf b;
	buf_init(&b);
	buf_vprintf(&b, fmt, ap);
	return buf_steal(&b);
}

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
	buf_reserve(b, 0);
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	b->data[0] = '\0';
}

void
buf_reserve(struct buf *b, size_t extra)
{
	size_t need;
	if (__builtin_add_overflow(b->len, extra, &need) || need == SIZE_MAX)
		die_oom();
	need++;
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need) {
		if (b->cap > SIZE_MAX / 2)
			die_oom();
		b->cap *= 2;
	}
	b->data = xreallocarray(b->data, b->cap, 1);
	if (b->len == 0)
		b->data[0] = '\0';
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	buf_reserve(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_csv(struct buf *b, const char *s)
{
	/* Excel and LibreOffice run a cell that starts like a formula (=HYPERLINK(...), +, -, @,
	 * or after a TAB or CR): a quote in front makes it text. Numbers are never written
	 * through here, so a negative number stays a number. */
	bool formula = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
	if (!formula && strpbrk(s, ",\"\r\n") == NULL) {
		buf_adds(b, s);
		return;
	}
	buf_addc(b, '"');
	if (formula)
		buf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

char *
buf_steal(struct buf *b)
{
	char *s = b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

enum status
file_read_fd(int fd, const char *path, size_t max, char **out, size_t *len, struct err *e)
{
	struct buf b;
	char chunk[65536];
	ssize_t n;

	buf_init(&b);
	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err_set(e, L("không đọc được tệp %s: %s", "cannot read %s: %s"), path,
				errno_text(errno));
			close(fd);
			buf_free(&b);
			return ST_ENV;
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > max) {
			err_set(e, L("tệp %s quá lớn (giới hạn %zu MB)", "%s is too large (limit %zu MB)"),
				path, max / (1024 * 1024));
			close(fd);
			buf_free(&b);
			return ST_REFUSED;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	close(fd);
	*len = b.len;
	*out = buf_steal(&b);
	return ST_OK;
}

enum status
file_read(const char *path, size_t max, char **out, size_t *len, struct err *e)
{
	int fd;
	struct stat st;

	fd = plat_open_read(path);
	if (fd < 0) {
		err_set(e, L("không mở được tệp %s: %s", "cannot open %s: %s"), path, errno_text(errno));
		return ST_ENV;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		err_set(e, L("%s là thư mục, không phải tệp", "%s is a folder, not a file"), path);
		return ST_ENV;
	}
	return file_read_fd(fd, path, max, out, len, e);
}

bool
fs_type_keeps_modes(unsigned long f_type)
{
	switch (f_type) {
	case 0x4d44UL:     /* MSDOS_SUPER_MAGIC: FAT12/16/32 (vfat) */
	case 0x2011bab0UL: /* EXFAT_SUPER_MAGIC */
	case 0x5346544eUL: /* NTFS_SB_MAGIC (ntfs, ntfs3) */
	case 0x65735546UL: /* FUSE_SUPER_MAGIC: ntfs-3g and exfat-fuse mount sticks this way */
		return false;
	default:
		return true;
	}
}

enum status
file_read_secret(const char *path, size_t max, char **out, size_t *len, struct err *e)
{
	int fd;
	struct stat st;

	/* O_NONBLOCK: a FIFO planted under the name must not hang us before fstat sees it. */
	fd = plat_open_untrusted(path, true);
	if (fd < 0 && errno == ELOOP) {
		err_set(e, L("%s là liên kết tượng trưng, không phải tệp khóa: hãy thay liên kết bằng "
			     "chính tệp đó (chmod 600 sau khi chép)",
			     "%s is a symbolic link, not a key file: put the file itself there "
			     "(and chmod 600 it)"),
			path);
		return ST_ENV;
	}
	if (fd < 0) {
		err_set(e, L("không mở được tệp %s: %s", "cannot open %s: %s"), path, errno_text(errno));
		return ST_ENV;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		err_set(e, L("%s không phải là tệp thường: tệp khóa phải là một tệp thường",
			     "%s is not a regular file: a key file must be one"),
			path);
		return ST_ENV;
	}
	/* As ssh does: a secret others could read (or replace) is no longer only ours. A USB
	 * stick in portable mode (FAT, exFAT, NTFS) shows every file as 0644 or 0755 and cannot
	 * be chmod-ed: there the modes say nothing and are not held against the file. On Windows
	 * the file's DACL says it (the same refusal, with Windows' fix). */
	char who[128];
	if (plat_open_to_others(fd, who, sizeof who)) {
		close(fd);
#ifndef _WIN32
		err_set(e,
			L("tệp khóa %s để người khác đọc hoặc sửa được (quyền %s): hãy chạy "
			  "chmod 600 %s",
			  "key file %s is open to other users (mode %s): run chmod 600 %s"),
			path, who, path);
#else
		err_set(e,
			L("tệp khóa %s để người khác đọc hoặc sửa được (%s có quyền): hãy chạy "
			  "icacls \"%s\" /inheritance:r /grant:r \"%%USERNAME%%:F\" /remove \"%s\"",
			  "key file %s is open to other users (%s has access): run icacls \"%s\" "
			  "/inheritance:r /grant:r \"%%USERNAME%%:F\" /remove \"%s\""),
			path, who, path, who);
#endif
		return ST_ENV;
	}
	if (plat_set_blocking(fd) != 0) {
		err_set(e, L("không đọc được tệp %s: %s", "cannot read %s: %s"), path, errno_text(errno));
		close(fd);
		return ST_ENV;
	}
	return file_read_fd(fd, path, max, out, len, e);
}

static int
write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

void
file_sync_parent(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	if (slash == NULL)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	plat_sync_dir(dir);
	free(dir);
}

/* A name nobody can guess, for when the usual one is taken: something may have been planted
 * there, and trying a fixed sequence would only let it plant the next one too. */
static unsigned long
temp_salt(void)
{
	unsigned long v = 0;
	if (!plat_random(&v, sizeof v)) {
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		v ^= (unsigned long)ts.tv_nsec * 2654435761u ^ (unsigned long)ts.tv_sec;
	}
	return v;
}

enum status
file_temp_open(struct file_temp *t, const char *path, int mode, struct err *e)
{
	t->fd = -1;
	t->path = xstrdup(path);
	t->tmp = NULL;
	/* The first name is PATH.tmp-PID, the one import_sweep_receipts knows to clear after a
	 * crash; O_EXCL and O_NOFOLLOW make it safe even though it is predictable. */
	for (int i = 0; i < 100; i++) {
		free(t->tmp);
		t->tmp = i == 0 ? xasprintf("%s.tmp-%ld", path, plat_pid())
				: xasprintf("%s.tmp-%ld-%016lx", path, plat_pid(), temp_salt());
		t->fd = plat_create_new(t->tmp, mode);
		if (t->fd >= 0)
			return ST_OK;
		if (errno != EEXIST && errno != EINTR)
			break;
	}
	err_set(e, L("không ghi được %s: %s", "cannot write %s: %s"), path, errno_text(errno));
	free(t->tmp);
	free(t->path);
	t->tmp = t->path = NULL;
	return ST_ENV;
}

void
file_temp_abort(struct file_temp *t)
{
	if (t->fd >= 0)
		close(t->fd);
	if (t->tmp != NULL)
		plat_remove(t->tmp);
	free(t->tmp);
	free(t->path);
	t->fd = -1;
	t->tmp = t->path = NULL;
}

enum status
file_temp_commit(struct file_temp *t, bool noreplace, struct err *e)
{
	int fd = t->fd;
	t->fd = -1;
	if (plat_sync_file(fd) != 0) {
		err_set(e, L("không ghi được %s: %s", "cannot write %s: %s"), t->path, errno_text(errno));
		close(fd);
		file_temp_abort(t);
		return ST_ENV;
	}
	if (close(fd) != 0 || (noreplace ? plat_rename_new(t->tmp, t->path)
					 : plat_replace_file(t->tmp, t->path)) != 0) {
		if (errno == EEXIST)
			err_set(e, L("%s đã có: không ghi đè", "%s already exists: not overwriting"),
				t->path);
		else if (errno == EBUSY && !noreplace)
			err_set(e,
				L("không ghi được %s: tệp đang mở trong một chương trình khác (Excel, "
				  "Word…): đóng nó ở đó rồi làm lại",
				  "cannot write %s: the file is open in another program (Excel, Word…): "
				  "close it there and try again"),
				t->path);
		else
			err_set(e, L("không ghi được %s: %s", "cannot write %s: %s"), t->path,
				errno_text(errno));
		file_temp_abort(t);
		return ST_ENV;
	}
	file_sync_parent(t->path);
	free(t->tmp);
	free(t->path);
	t->tmp = t->path = NULL;
	return ST_OK;
}

enum status
file_write_atomic(const char *path, const void *data, size_t len, struct err *e)
{
	return file_write_atomic_mode(path, data, len, 0644, e);
}

enum status
file_temp_write(struct file_temp *t, const void *data, size_t len, struct err *e)
{
	if (write_all(t->fd, data, len) != 0 || plat_sync_data(t->fd) != 0) {
		err_set(e, L("không ghi được %s: %s", "cannot write %s: %s"), t->path, errno_text(errno));
		return ST_ENV;
	}
	return ST_OK;
}

enum status
file_write_atomic_mode(const char *path, const void *data, size_t len, int mode, struct err *e)
{
	struct file_temp t;
	enum status st = file_temp_open(&t, path, mode, e);
	if (st != ST_OK)
		return st;
	if ((st = file_temp_write(&t, data, len, e)) != ST_OK) {
		file_temp_abort(&t);
		return st;
	}
	return file_temp_commit(&t, false, e);
}

enum status
dir_make(const char *path, struct err *e)
{
	char *p = xstrdup(path), *s;
	struct stat st;
	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (plat_make_dir(p) != 0 && errno != EEXIST) {
			err_set(e, L("không tạo được thư mục %s: %s", "cannot create folder %s: %s"), p,
				errno_text(errno));
			free(p);
			return ST_ENV;
		}
		*s = '/';
	}
	if (plat_make_dir(p) != 0 && errno != EEXIST) {
		err_set(e, L("không tạo được thư mục %s: %s", "cannot create folder %s: %s"), p,
			errno_text(errno));
		free(p);
		return ST_ENV;
	}
	if (plat_stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
		err_set(e, L("%s không phải là thư mục", "%s is not a folder"), p);
		free(p);
		return ST_ENV;
	}
	free(p);
	return ST_OK;
}

void
time_vietnam(const char *iso, char out[32])
{
	struct tm tm = {0};
	if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec) != 6) {
		snprintf(out, 32, "%s", iso);
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t t = plat_timegm(&tm) + 7 * 3600;
	plat_gmtime(&t, &tm);
	strftime(out, 32, "%d/%m/%Y %H:%M", &tm);
}

#ifdef _WIN32
struct sort_call {
	int (*compare)(const void *, const void *, void *);
	void *ctx;
};

static int
sort_call_compare(void *call, const void *a, const void *b)
{
	const struct sort_call *c = call;
	return c->compare(a, b, c->ctx);
}
#endif

void
sort_with(void *base, size_t n, size_t size, int (*compare)(const void *, const void *, void *), void *ctx)
{
#ifdef _WIN32
	struct sort_call call = {compare, ctx};
	qsort_s(base, n, size, sort_call_compare, &call);
#else
	qsort_r(base, n, size, compare, ctx);
#endif
}

const char *
errno_text(int err)
{
	const char *vi;
	switch (err) {
	case ENOENT:
		vi = "không có tệp hoặc thư mục này";
		break;
	case EACCES:
	case EPERM:
		vi = "không đủ quyền";
		break;
	case ENOSPC:
#if EDQUOT != ENOSPC /* Windows has no quotas: platform.h makes them the same */
	case EDQUOT:
#endif
		vi = "đĩa đầy";
		break;
	case EROFS:
		vi = "ổ đĩa chỉ cho đọc (USB đang gạt khóa chống ghi?)";
		break;
	case EEXIST:
		vi = "đã có";
		break;
	case EISDIR:
		vi = "là một thư mục";
		break;
	case ENOTDIR:
		vi = "không phải thư mục";
		break;
	case EBUSY:
		vi = "đang được dùng";
		break;
	case EIO:
		vi = "lỗi đọc ghi của thiết bị (USB hỏng hoặc bị rút ra?)";
		break;
	case ENAMETOOLONG:
		vi = "tên quá dài";
		break;
	default:
		return strerror(err);
	}
	return L(vi, strerror(err));
}
