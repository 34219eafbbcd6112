/* util.c: allocation wrappers, growable buffers, error messages and durable file writes. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

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
	struct buf b;
	va_list ap;
	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
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
file_read(const char *path, size_t max, char **out, size_t *len, struct err *e)
{
	struct buf b;
	char chunk[65536];
	int fd;
	ssize_t n;
	struct stat st;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err_set(e, L("không mở được tệp %s: %s", "cannot open %s: %s"), path, strerror(errno));
		return ST_ENV;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		err_set(e, L("%s là thư mục, không phải tệp", "%s is a folder, not a file"), path);
		return ST_ENV;
	}
	buf_init(&b);
	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err_set(e, L("không đọc được tệp %s: %s", "cannot read %s: %s"), path,
				strerror(errno));
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
	int fd;
	if (slash == NULL)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

enum status
file_write_atomic(const char *path, const void *data, size_t len, struct err *e)
{
	return file_write_atomic_mode(path, data, len, 0644, e);
}

enum status
file_write_atomic_mode(const char *path, const void *data, size_t len, int mode, struct err *e)
{
	char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, (mode_t)mode);
	if (fd < 0) {
		err_set(e, L("không ghi được %s: %s", "cannot write %s: %s"), path, strerror(errno));
		free(tmp);
		return ST_ENV;
	}
	if (write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		err_set(e, L("không ghi được %s: %s", "cannot write %s: %s"), path, strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return ST_ENV;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		err_set(e, L("không ghi được %s: %s", "cannot write %s: %s"), path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return ST_ENV;
	}
	file_sync_parent(path);
	free(tmp);
	return ST_OK;
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
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			err_set(e, L("không tạo được thư mục %s: %s", "cannot create folder %s: %s"), p,
				strerror(errno));
			free(p);
			return ST_ENV;
		}
		*s = '/';
	}
	if (mkdir(p, 0700) != 0 && errno != EEXIST) {
		err_set(e, L("không tạo được thư mục %s: %s", "cannot create folder %s: %s"), p,
			strerror(errno));
		free(p);
		return ST_ENV;
	}
	if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
		err_set(e, L("%s không phải là thư mục", "%s is not a folder"), p);
		free(p);
		return ST_ENV;
	}
	free(p);
	return ST_OK;
}
