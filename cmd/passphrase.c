/* passphrase.c: reading passphrases from a file or the terminal (no echo) into secure memory. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "crypto.h"
#include "i18n.h"
#include "platform.h"
#include "text.h"

#define PASS_MAX 1024
#define PASS_MIN_CHARS 8

static struct plat_tty *tty;

static void
restore_tty(int sig)
{
	if (tty != NULL)
		plat_tty_restore(tty);
	signal(sig, SIG_DFL);
	raise(sig);
}

static struct secret *
from_file(const char *path, struct err *e)
{
	struct secret *s = secret_new(PASS_MAX + 1);
	int fd = plat_open_read(path);
	ssize_t n, total = 0;
	if (fd < 0) {
		err_set(e, L("không đọc được tệp cụm mật khẩu %s: %s", "cannot read passphrase file %s: %s"),
			path, errno_text(errno));
		secret_free(s);
		return NULL;
	}
	while (total <= PASS_MAX && (n = read(fd, s->bytes + total, (size_t)(PASS_MAX + 1 - total))) > 0)
		total += n;
	close(fd);
	/* The first line is the passphrase; its line end is not part of it. */
	size_t len = 0;
	while (len < (size_t)total && s->bytes[len] != '\n')
		len++;
	if (len > 0 && s->bytes[len - 1] == '\r')
		len--;
	if (len == 0 || len > PASS_MAX - 1) {
		err_set(e, L("tệp cụm mật khẩu %s trống hoặc quá dài", "passphrase file %s is empty or too long"),
			path);
		secret_free(s);
		return NULL;
	}
	s->len = len;
	return s;
}

static struct secret *
from_tty(const char *prompt, struct err *e)
{
	struct secret *s;
	size_t len = 0;
	char c;

	tty = plat_tty_open();
	if (tty == NULL) {
		err_set(e, L("cần cụm mật khẩu nhưng không có thiết bị đầu cuối: dùng --passphrase-file TỆP",
			     "a passphrase is needed but there is no terminal: use --passphrase-file FILE"));
		return NULL;
	}
	s = secret_new(PASS_MAX + 1);
	plat_on_stop(restore_tty);
	plat_tty_write(tty, prompt, strlen(prompt));
	plat_tty_hide_input(tty);
	bool too_long = false;
	while (plat_tty_getc(tty, &c) && c != '\n') {
		if (len < PASS_MAX - 1)
			s->bytes[len++] = (unsigned char)c;
		else
			too_long = true; /* refused below, like an over-long passphrase file */
	}
	plat_tty_restore(tty);
	plat_on_stop(NULL);
	plat_tty_write(tty, "\n", 1);
	plat_tty_close(tty);
	tty = NULL;
	sodium_memzero(&c, sizeof c);
	if (len > 0 && s->bytes[len - 1] == '\r')
		len--;
	s->len = len;
	if (too_long) {
		err_set(e, L("cụm mật khẩu quá dài", "the passphrase is too long"));
		secret_free(s);
		return NULL;
	}
	if (len == 0) {
		err_set(e, L("chưa nhập cụm mật khẩu", "no passphrase given"));
		secret_free(s);
		return NULL;
	}
	return s;
}

struct secret *
cli_passphrase(const struct cli *c, const char *prompt, bool is_new, struct err *e)
{
	/* A new passphrase comes from --new-passphrase-file, or, for commands that only set one
	 * (init, enroll), from --passphrase-file. */
	const char *file = is_new && c->new_passphrase_file ? c->new_passphrase_file
							    : c->passphrase_file;
	struct secret *s, *again;
	/* The variable's path may hold Vietnamese: read in UTF-8 on Windows too. Kept until the
	 * program ends, as the options' values are. */
	static char *from_env;

	if (file == NULL && from_env == NULL)
		from_env = plat_getenv("XHHT_PASSPHRASE_FILE");
	if (file == NULL)
		file = from_env;
	s = file ? from_file(file, e) : from_tty(prompt, e);
	if (s == NULL)
		return NULL;
	if (!utf8_valid((const char *)s->bytes, s->len)) {
		err_set(e, L("cụm mật khẩu không phải văn bản UTF-8", "the passphrase is not UTF-8 text"));
		secret_free(s);
		return NULL;
	}
	if (!is_new)
		return s;
	s->bytes[s->len] = '\0';
	if (utf8_chars((const char *)s->bytes) < PASS_MIN_CHARS) {
		err_set(e, L("cụm mật khẩu mới phải có ít nhất %d ký tự", "a new passphrase needs at least %d characters"),
			PASS_MIN_CHARS);
		secret_free(s);
		return NULL;
	}
	if (file != NULL)
		return s;
	again = from_tty(L("Nhập lại cụm mật khẩu: ", "Repeat the passphrase: "), e);
	if (again == NULL || again->len != s->len || sodium_memcmp(again->bytes, s->bytes, s->len) != 0) {
		if (again != NULL)
			err_set(e, L("hai lần nhập cụm mật khẩu không khớp", "the two passphrases differ"));
		secret_free(again);
		secret_free(s);
		return NULL;
	}
	secret_free(again);
	return s;
}

int
cli_rekey(const struct cli *c, enum store_kind kind, const char *old_prompt, const char *new_prompt,
	  cli_rekey_fn fn, void *ctx)
{
	struct err e;
	struct secret *old = NULL, *new_pass = NULL;
	struct store *db;
	char *dir;
	int rc;
	enum status st;

	if ((rc = cli_open_store(c, kind, &db, &dir)) != 0)
		return rc;
	old = cli_passphrase(c, old_prompt, false, &e);
	if (old != NULL)
		new_pass = cli_passphrase(c, new_prompt, true, &e);
	if (old == NULL || new_pass == NULL)
		rc = cli_fail(c, ST_ENV, &e);
	else if ((st = fn(db, dir, old, new_pass, ctx, &e)) != ST_OK)
		rc = cli_fail(c, st, &e);
	secret_free(old);
	secret_free(new_pass);
	free(dir);
	store_close(db);
	return rc;
}

/* A function pointer travels through cli_rekey's ctx inside a struct. */
struct passphrase_change {
	cli_change_fn change;
};

static enum status
run_change(struct store *db, const char *dir, const struct secret *old,
	   const struct secret *new_pass, void *ctx, struct err *e)
{
	return ((struct passphrase_change *)ctx)->change(db, dir, old, new_pass, e);
}

int
cli_passphrase_command(const struct cli *c, enum store_kind kind, cli_change_fn change)
{
	struct passphrase_change pc = {change};
	int rc = cli_rekey(c, kind, L("Cụm mật khẩu hiện tại: ", "Current passphrase: "),
			   L("Cụm mật khẩu mới: ", "New passphrase: "), run_change, &pc);
	if (rc == 0)
		printf(L("Đã đổi cụm mật khẩu.\n", "The passphrase was changed.\n"));
	return rc;
}

bool
cli_ask_line(const char *prompt, char *buf, size_t size, struct err *e)
{
	struct plat_tty *t = plat_tty_open();
	size_t len = 0;
	char c;
	if (t == NULL) {
		err_set(e, L("không có thiết bị đầu cuối để hỏi: %s", "no terminal to ask: %s"), prompt);
		return false;
	}
	plat_tty_write(t, prompt, strlen(prompt));
	while (plat_tty_getc(t, &c) && c != '\n')
		if (len + 1 < size && c != '\r')
			buf[len++] = c;
	buf[len] = '\0';
	plat_tty_close(t);
	if (len == 0) {
		err_set(e, L("chưa nhập gì", "nothing was typed"));
		return false;
	}
	return true;
}
