/* cli.c: option parsing and error reporting shared by both programs' command lines. */
#include "cli.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"

static const char *
value_of(const char *arg, const char *name, int *i, int argc, char **argv, bool *ok)
{
	size_t n = strlen(name);
	*ok = true;
	if (strncmp(arg, name, n) == 0 && arg[n] == '=')
		return arg + n + 1;
	if (strcmp(arg, name) != 0)
		return NULL;
	if (*i + 1 >= argc) {
		*ok = false;
		return NULL;
	}
	return argv[++*i];
}

enum status
cli_parse(struct cli *c, int argc, char **argv)
{
	static const struct {
		const char *name;
		size_t off;
	} valued[] = {
		{"--data", offsetof(struct cli, data)},
		{"--format", offsetof(struct cli, format)},
		{"-o", offsetof(struct cli, output)},
		{"--output", offsetof(struct cli, output)},
		{"--passphrase-file", offsetof(struct cli, passphrase_file)},
		{"--new-passphrase-file", offsetof(struct cli, new_passphrase_file)},
		{"--receipts", offsetof(struct cli, receipts)},
		{"--code", offsetof(struct cli, code)},
	};
	bool only_operands = false;

	/* The language comes first so that every later message is in it. */
	for (int i = 1; i < argc; i++) {
		const char *lang = NULL;
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			lang = argv[i + 1];
		else if (strncmp(argv[i], "--lang=", 7) == 0)
			lang = argv[i] + 7;
		if (lang && lang_parse(lang) >= 0) {
			ui_lang = (enum lang)lang_parse(lang);
			ui_lang_fixed = true;
		}
	}
	c->args = calloc((size_t)argc + 1, sizeof *c->args);
	if (c->args == NULL)
		abort();
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		bool ok, matched = false;
		if (only_operands || a[0] != '-' || strcmp(a, "-") == 0) {
			c->args[c->nargs++] = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_operands = true;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			c->help = true;
			continue;
		}
		if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
			c->version = true;
			continue;
		}
		if (strcmp(a, "--accept-warnings") == 0) {
			c->accept_warnings = true;
			continue;
		}
		if (strcmp(a, "--armor") == 0) {
			c->armor = true;
			continue;
		}
		if (strcmp(a, "--new-central-key") == 0) {
			c->new_central_key = true;
			continue;
		}
		if ((v = value_of(a, "--lang", &i, argc, argv, &ok)) != NULL || !ok) {
			if (!ok || lang_parse(v) < 0)
				return (enum status)cli_usage_error(
				    c, L("--lang cần \"vi\" hoặc \"en\"", "--lang takes \"vi\" or \"en\""));
			continue;
		}
		for (size_t k = 0; k < ARRAY_LEN(valued) && !matched; k++) {
			v = value_of(a, valued[k].name, &i, argc, argv, &ok);
			if (!ok)
				return (enum status)cli_usage_error(
				    c, L("%s cần một giá trị", "%s needs a value"), valued[k].name);
			if (v != NULL) {
				*(const char **)((char *)c + valued[k].off) = v;
				matched = true;
			}
		}
		if (!matched)
			return (enum status)cli_usage_error(
			    c, L("không có tùy chọn %s (xem %s --help)", "unknown option %s (see %s --help)"),
			    a, c->prog);
	}
	return ST_OK;
}

const char *
cli_safe(const char *s)
{
	static char *ring[8];
	static unsigned next;
	char **slot = &ring[next++ % ARRAY_LEN(ring)];
	free(*slot);
	*slot = text_terminal(s ? s : "");
	return *slot;
}

int
cli_fail(const struct cli *c, enum status st, const struct err *e)
{
	/* Messages quote file names, codes and reasons from outside: none may drive the
	 * terminal. */
	fprintf(stderr, "%s: %s\n", c->prog, cli_safe(e->msg));
	return (int)st;
}

int
cli_usage_error(const struct cli *c, const char *fmt, ...)
{
	va_list ap;
	struct buf b;
	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap); /* operands may be names a shell glob found */
	va_end(ap);
	fprintf(stderr, "%s: %s\n", c->prog, cli_safe(b.data));
	buf_free(&b);
	return ST_ENV;
}

enum status
cli_output(const struct cli *c, const char *text, size_t len, struct err *e)
{
	if (c->output == NULL || strcmp(c->output, "-") == 0) {
		if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
			err_set(e, L("không ghi được ra đầu ra chuẩn", "cannot write to standard output"));
			return ST_ENV;
		}
		return ST_OK;
	}
	return file_write_atomic(c->output, text, len, e);
}

int
cli_open_store_mode(const struct cli *c, enum store_kind kind, enum store_mode mode, sqlite3 **db,
		    char **dirp)
{
	struct err e;
	char *dir;
	enum status st = store_data_dir(c->data, kind, &dir, &e);
	if (st != ST_OK)
		return cli_fail(c, st, &e);
	/* A folder is started only where the user can see it: a mistyped --data is not guessed. */
	if (mode >= STORE_CREATE && store_dir_missing(dir))
		fprintf(stderr, L("%s: tạo thư mục dữ liệu mới %s\n", "%s: starting a new data folder %s\n"),
			c->prog, dir);
	if ((st = store_open_mode(dir, kind, mode, db, &e)) != ST_OK) {
		free(dir);
		return cli_fail(c, st, &e);
	}
	if (dirp)
		*dirp = dir;
	else
		free(dir);
	return 0;
}

int
cli_open_store(const struct cli *c, enum store_kind kind, sqlite3 **db, char **dirp)
{
	return cli_open_store_mode(c, kind, STORE_WRITE, db, dirp);
}
