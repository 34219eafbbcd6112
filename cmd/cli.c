/* cli.c: option parsing and error reporting shared by both programs' command lines. */
#include "cli.h"

#include <locale.h>
#include <sodium.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "bundle.h"
#include "i18n.h"
#include "platform.h"
#include "publish.h"
#include "report.h"
#include "signed.h"
#include "text.h"

/* Every option either program knows: one table for parsing, the per-command check and help. */
static const struct option_info {
	const char *name, *alias;
	unsigned bit;
	size_t off;  /* where its value (const char *) or flag (bool) goes in struct cli */
	bool valued;
	const char *arg_vi, *arg_en, *help_vi, *help_en;
} options[] = {
#ifdef _WIN32
	{"--data", NULL, CLI_DATA, offsetof(struct cli, data), true, "THƯ_MỤC", "DIR",
	 "thư mục dữ liệu (mặc định %XHHT_DATA%, rồi du-lieu… cạnh chương trình khi có tệp "
	 "xhht-portable, rồi %LOCALAPPDATA%\\…)",
	 "data folder (default %XHHT_DATA%, then du-lieu… beside the program when xhht-portable is "
	 "there, then %LOCALAPPDATA%\\…)"},
#else
	{"--data", NULL, CLI_DATA, offsetof(struct cli, data), true, "THƯ_MỤC", "DIR",
	 "thư mục dữ liệu (mặc định $XHHT_DATA, rồi $XDG_DATA_HOME/…, rồi ~/.local/share/…)",
	 "data folder (default $XHHT_DATA, then $XDG_DATA_HOME/…, then ~/.local/share/…)"},
#endif
	{"--lang", NULL, CLI_LANG, 0, true, "vi|en", "vi|en", "ngôn ngữ giao diện (mặc định tiếng Việt)",
	 "interface language (Vietnamese by default)"},
	{"--passphrase-file", NULL, CLI_PASSPHRASE, offsetof(struct cli, passphrase_file), true, "TỆP",
	 "FILE", "đọc cụm mật khẩu từ dòng đầu của tệp (cho tập lệnh); hoặc $XHHT_PASSPHRASE_FILE",
	 "read the passphrase from the file's first line (scripts); or $XHHT_PASSPHRASE_FILE"},
	{"--new-passphrase-file", NULL, CLI_NEW_PASSPHRASE, offsetof(struct cli, new_passphrase_file),
	 true, "TỆP", "FILE", "đọc cụm mật khẩu mới từ tệp", "read the new passphrase from a file"},
	{"--format", NULL, CLI_FORMAT, offsetof(struct cli, format), true, "DẠNG", "FORMAT",
	 "dạng xuất", "output format"},
	{"-o", "--output", CLI_OUTPUT, offsetof(struct cli, output), true, "ĐÍCH", "PATH",
	 "ghi vào tệp hoặc thư mục này", "write to this file or folder"},
	{"--receipts", NULL, CLI_RECEIPTS, offsetof(struct cli, receipts), true, "THƯ_MỤC", "DIR",
	 "viết biên nhận vào thư mục này", "write receipts into this folder"},
	{"--code", NULL, CLI_CODE, offsetof(struct cli, code), true, "MÃ", "CODE",
	 "mã đăng ký trong công văn của Bộ (không có thì hỏi)",
	 "the enrollment code from the Ministry's letter (asked when absent)"},
	{"--email", NULL, CLI_EMAIL, offsetof(struct cli, email), true, "ĐỊA_CHỈ", "ADDRESS",
	 "địa chỉ thư điện tử của Bộ mà đơn vị gửi gói tới (ghi vào tệp đăng ký)",
	 "the Ministry's e-mail address the unit sends bundles to (written into the enrollment file)"},
	{"--armor", NULL, CLI_ARMOR, offsetof(struct cli, armor), false, NULL, NULL,
	 "dạng văn bản dán được vào thư điện tử", "as text that can be pasted into an e-mail"},
	{"--accept-warnings", NULL, CLI_ACCEPT_WARNINGS, offsetof(struct cli, accept_warnings), false,
	 NULL, NULL, "đóng gói dù còn cảnh báo", "pack even with warnings left"},
	{"--new-central-key", NULL, CLI_NEW_CENTRAL_KEY, offsetof(struct cli, new_central_key), false,
	 NULL, NULL, "chấp nhận khóa mới của Bộ (đã đối chiếu vân tay)",
	 "accept a new Ministry key (its fingerprint compared)"},
	{"--from", NULL, CLI_FROM, offsetof(struct cli, from), true, "NĂM", "YEAR",
	 "chép báo cáo của năm này sang", "copy that year's report"},
	{"--keep-figures", NULL, CLI_KEEP_FIGURES, offsetof(struct cli, keep_figures), false, NULL,
	 NULL, "giữ các số liệu khi chép (mặc định: xóa)",
	 "keep the figures when copying (default: cleared)"},
	{"--approve", NULL, CLI_APPROVE, offsetof(struct cli, approve), false, NULL, NULL,
	 "duyệt báo cáo", "approve the report"},
	{"--needs-fixing", NULL, CLI_NEEDS_FIXING, offsetof(struct cli, needs_fixing), false, NULL,
	 NULL, "yêu cầu đơn vị sửa báo cáo (cần ít nhất một --comment)",
	 "ask the unit to fix the report (needs at least one --comment)"},
	{"--comment", NULL, CLI_COMMENT, 0, true, "[MỤC=]Ý_KIẾN", "[FIELD=]TEXT",
	 "một ý kiến, về mục MỤC (mã của mục trong mẫu) hoặc cả báo cáo; dùng được nhiều lần",
	 "a comment, on the field FIELD (its id in the template) or the whole report; may repeat"},
	{"--reason", NULL, CLI_REASON, offsetof(struct cli, reason), true, "LÝ_DO", "TEXT",
	 "lý do của quyết định (ghi vào nhật ký của Bộ)",
	 "why it was decided so (kept in the staff log)"},
	{"--year", NULL, CLI_YEAR, offsetof(struct cli, year), true, "NĂM", "YEAR",
	 "chỉ năm này", "only this year"},
	{"--dry-run", NULL, CLI_DRY_RUN, offsetof(struct cli, dry_run), false, NULL, NULL,
	 "chỉ cho xem sẽ làm gì, không thay đổi gì", "only show what would be done, change nothing"},
	{"--refill", NULL, CLI_REFILL, offsetof(struct cli, refill), false, NULL, NULL,
	 "điền lại từ các báo cáo năm những mục chưa sửa tay",
	 "fill again from the yearly reports the fields not changed by hand"},
	{"--years", NULL, CLI_YEARS, offsetof(struct cli, years), true, "NĂM-NĂM", "YEAR-YEAR",
	 "qua các năm này (vd. 2023-2026), thay cho một NĂM",
	 "across these years (such as 2023-2026), instead of one YEAR"},
	{"--help", "-h", CLI_HELP, offsetof(struct cli, help), false, NULL, NULL,
	 "cách dùng (của cả chương trình, hoặc của một lệnh)", "usage (of the program, or of a command)"},
	{"--version", "-V", CLI_VERSION, offsetof(struct cli, version), false, NULL, NULL,
	 "phiên bản", "version"},
};

/* The option a word names (NAME, ALIAS, or NAME=VALUE for a valued one), or NULL. */
static const struct option_info *
option_named(const char *a, const char **inline_value)
{
	*inline_value = NULL;
	for (size_t k = 0; k < ARRAY_LEN(options); k++) {
		const struct option_info *o = &options[k];
		const char *names[] = {o->name, o->alias};
		for (size_t j = 0; j < 2; j++) {
			size_t n = names[j] ? strlen(names[j]) : 0;
			if (n == 0 || strncmp(a, names[j], n) != 0)
				continue;
			if (a[n] == '\0')
				return o;
			if (a[n] == '=' && o->valued) {
				*inline_value = a + n + 1;
				return o;
			}
		}
	}
	return NULL;
}

enum status
cli_parse(struct cli *c, int argc, char **argv)
{
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
	c->comments = calloc((size_t)argc + 1, sizeof *c->comments);
	if (c->args == NULL || c->comments == NULL)
		abort();
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		if (only_operands || a[0] != '-' || strcmp(a, "-") == 0) {
			c->args[c->nargs++] = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_operands = true;
			continue;
		}
		const struct option_info *o = option_named(a, &v);
		if (o == NULL)
			return (enum status)cli_usage_error(
			    c, L("không có tùy chọn %s (xem %s --help)", "unknown option %s (see %s --help)"),
			    a, c->prog);
		if (o->valued && v == NULL) {
			if (i + 1 >= argc)
				return (enum status)cli_usage_error(
				    c, L("%s cần một giá trị", "%s needs a value"), o->name);
			v = argv[++i];
		}
		c->given |= o->bit;
		c->given_name[__builtin_ctz(o->bit)] = o->name;
		if (o->bit == CLI_LANG) {
			if (lang_parse(v) < 0)
				return (enum status)cli_usage_error(
				    c, L("--lang cần \"vi\" hoặc \"en\"", "--lang takes \"vi\" or \"en\""));
		} else if (o->bit == CLI_COMMENT) /* the one option given again and again */
			c->comments[c->ncomments++] = v;
		else if (o->valued)
			*(const char **)((char *)c + o->off) = v;
		else
			*(bool *)((char *)c + o->off) = true;
	}
	return ST_OK;
}

/* The words of a command's name ("unit add" is two) match the operands at the start. */
static size_t
name_words(const char *name)
{
	size_t n = name[0] != '\0';
	for (const char *p = name; *p; p++)
		n += *p == ' ';
	return n;
}

static bool
command_matches(const struct cli_command *cmd, const struct cli *c)
{
	const char *p = cmd->name;
	for (int w = 0; *p; w++) {
		size_t n = strcspn(p, " ");
		if (w >= c->nargs || strlen(c->args[w]) != n || strncmp(c->args[w], p, n) != 0)
			return false;
		p += n + (p[n] == ' ');
	}
	return true;
}

/* Appends text from column at (the line so far is that wide), wrapped at 79 columns with the
 * next lines indented to indent, then a line end. */
static void
add_wrapped(struct buf *b, const char *text, size_t at, size_t indent)
{
	const char *p = text;
	while (*p) {
		/* The most words that fit, or one long word alone. */
		const char *end = p, *q = p;
		size_t width = at;
		while (*q) {
			const char *w = q + strcspn(q, " ");
			char *word = xstrndup(q, (size_t)(w - q));
			size_t ww = utf8_chars(word);
			free(word);
			if (end != p && width + 1 + ww > 79)
				break;
			width += (end != p) + ww;
			end = w;
			q = *w ? w + 1 : w;
		}
		buf_add(b, p, (size_t)(end - p));
		buf_addc(b, '\n');
		p = *end ? end + 1 : end;
		if (*p) {
			buf_printf(b, "%*s", (int)indent, "");
			at = indent;
		}
	}
	if (*text == '\0')
		buf_addc(b, '\n');
}

/* "xhht pack NĂM [-o THƯ_MỤC] …": the command's synopsis line. */
static void
synopsis(struct buf *b, const struct cli_program *p, const struct cli_command *cmd)
{
	buf_printf(b, "%s%s%s", p->name, cmd->name[0] ? " " : "", cmd->name);
	const char *ops = L(cmd->operands_vi, cmd->operands_en);
	if (ops && ops[0])
		buf_printf(b, " %s", ops);
}

static void
program_usage(const struct cli_program *p)
{
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "%s %s: %s\n\n%s\n", p->name, XHHT_VERSION, L(p->about_vi, p->about_en),
		   L("Cách dùng:", "Usage:"));
	for (size_t i = 0; i < p->ncommands; i++) {
		const struct cli_command *cmd = &p->commands[i];
		size_t at = b.len;
		buf_adds(&b, "  ");
		synopsis(&b, p, cmd);
		/* The help in a column; a long synopsis puts it on the next line. */
		size_t width = utf8_chars(b.data + at);
		if (width < 38)
			buf_printf(&b, "%*s", (int)(38 - width), "");
		else
			buf_printf(&b, "\n%38s", "");
		add_wrapped(&b, L(cmd->help_vi, cmd->help_en), 38, 38);
	}
	buf_printf(&b, "\n%s\n", L("Tùy chọn của mọi lệnh:", "Options of every command:"));
	for (size_t k = 0; k < ARRAY_LEN(options); k++)
		if (options[k].bit & CLI_EVERY_COMMAND) {
			const struct option_info *o = &options[k];
			size_t at = b.len;
			buf_printf(&b, "  %s%s%s%s%s", o->name, o->alias ? ", " : "", o->alias ? o->alias : "",
				   o->valued ? " " : "", o->valued ? L(o->arg_vi, o->arg_en) : "");
			size_t width = utf8_chars(b.data + at);
			buf_printf(&b, "%*s", width < 26 ? (int)(26 - width) : 1, "");
			add_wrapped(&b, L(o->help_vi, o->help_en), width < 26 ? 26 : width + 1, 26);
		}
	buf_printf(&b, "%s\n\n%s\n",
		   L("Tùy chọn riêng của từng lệnh: xem \"LỆNH --help\".",
		     "Each command's own options: see \"COMMAND --help\"."),
		   L("Mã thoát: 0 xong; 1 dữ liệu bị từ chối; 2 sai cách dùng hoặc môi trường.",
		     "Exit status: 0 done; 1 data refused; 2 usage or environment."));
	fputs(b.data, stdout);
	buf_free(&b);
}

static void
command_usage(const struct cli_program *p, const struct cli_command *cmd)
{
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "%s ", L("Cách dùng:", "Usage:"));
	synopsis(&b, p, cmd);
	buf_printf(&b, "\n%s\n", L(cmd->help_vi, cmd->help_en));
	if (cmd->options) {
		buf_printf(&b, "\n%s\n", L("Tùy chọn:", "Options:"));
		for (size_t k = 0; k < ARRAY_LEN(options); k++)
			if (options[k].bit & cmd->options) {
				const struct option_info *o = &options[k];
				size_t at = b.len;
				buf_printf(&b, "  %s%s%s", o->name, o->valued ? " " : "",
					   o->valued ? L(o->arg_vi, o->arg_en) : "");
				size_t width = utf8_chars(b.data + at);
				buf_printf(&b, "%*s", width < 26 ? (int)(26 - width) : 1, "");
				add_wrapped(&b, L(o->help_vi, o->help_en), width < 26 ? 26 : width + 1, 26);
			}
	}
	buf_printf(&b, "%s\n", L("Và mọi tùy chọn chung (xem --help của chương trình).",
				 "And every common option (see the program's --help)."));
	fputs(b.data, stdout);
	buf_free(&b);
}

/* "add|import|list" for the commands whose first word is word, or NULL when none has more. */
static char *
subcommands(const struct cli_program *p, const char *word)
{
	struct buf b;
	size_t n = strlen(word);
	buf_init(&b);
	for (size_t i = 0; i < p->ncommands; i++) {
		const char *name = p->commands[i].name;
		if (strncmp(name, word, n) == 0 && name[n] == ' ')
			buf_printf(&b, "%s%s", b.len ? "|" : "", name + n + 1);
	}
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

int
cli_command_usage_error(const struct cli *c)
{
	struct buf b;
	buf_init(&b);
	synopsis(&b, c->program, c->command);
	int rc = cli_usage_error(c, L("cách dùng: %s", "usage: %s"), b.data);
	buf_free(&b);
	return rc;
}

/* ---- manual pages ---------------------------------------------------------------------- */
/* `make man` (man/generate.sh) asks each program, through $XHHT_MAN, for the parts of its
 * manual pages that --help also shows or that come from the core's tables, in roff (man(7)),
 * so that the pages cannot drift from the tables; the rest of a page is written by hand in
 * the man/ files NAME.in. Not for users: nothing documents it. */

/* Text as a roff text line takes it: backslashes and '-' escaped, a leading '.' or '\''
 * (which would start a request) guarded. */
static void
man_text(struct buf *b, const char *s)
{
	if (*s == '.' || *s == '\'')
		buf_adds(b, "\\&");
	for (; *s; s++)
		if (*s == '\\')
			buf_adds(b, "\\e");
		else if (*s == '-')
			buf_adds(b, "\\-");
		else
			buf_addc(b, *s);
}

/* "\fBxhht pack\fR NĂM [\-o THƯ_MỤC]": a command as its synopsis line shows it. */
static void
man_synopsis(struct buf *b, const struct cli_program *p, const struct cli_command *cmd)
{
	buf_adds(b, "\\fB");
	man_text(b, p->name);
	if (cmd->name[0]) {
		buf_addc(b, ' ');
		man_text(b, cmd->name);
	}
	buf_adds(b, "\\fR");
	const char *ops = L(cmd->operands_vi, cmd->operands_en);
	if (ops && ops[0]) {
		buf_addc(b, ' ');
		man_text(b, ops);
	}
	buf_addc(b, '\n');
}

/* ".TP" with "\fB\-o\fR, \fB\-\-output\fR \fIĐÍCH\fR" and the option's help. */
static void
man_option(struct buf *b, const struct option_info *o)
{
	buf_adds(b, ".TP\n\\fB");
	man_text(b, o->name);
	buf_adds(b, "\\fR");
	if (o->alias) {
		buf_adds(b, ", \\fB");
		man_text(b, o->alias);
		buf_adds(b, "\\fR");
	}
	if (o->valued) {
		buf_adds(b, " \\fI");
		man_text(b, L(o->arg_vi, o->arg_en));
		buf_adds(b, "\\fR");
	}
	buf_addc(b, '\n');
	man_text(b, L(o->help_vi, o->help_en));
	buf_addc(b, '\n');
}

/* Each command with what it does and its own options, as --help and COMMAND --help say. */
static void
man_commands(struct buf *b, const struct cli_program *p)
{
	for (size_t i = 0; i < p->ncommands; i++) {
		const struct cli_command *cmd = &p->commands[i];
		buf_adds(b, ".TP\n");
		man_synopsis(b, p, cmd);
		man_text(b, L(cmd->help_vi, cmd->help_en));
		buf_addc(b, '\n');
		if (cmd->options == 0)
			continue;
		buf_adds(b, ".RS\n");
		for (size_t k = 0; k < ARRAY_LEN(options); k++)
			if (options[k].bit & cmd->options)
				man_option(b, &options[k]);
		buf_adds(b, ".RE\n");
	}
}

/* The keys of the full-screen interface, from the one action table (screens/actions.h), but
 * those of the actions leave_out names ("-FILTER -SORT": the other program's); false when it
 * names an action the table does not have. */
static bool
man_keys(struct buf *b, const char *leave_out)
{
#define MAN_ACTION_NAME(name, ...) "-" #name,
	static const char *const names[] = {"", TUI_ACTIONS(MAN_ACTION_NAME, TUI_ACTION_NO_KEY)};
#undef MAN_ACTION_NAME
	bool left[ARRAY_LEN(names)] = {false};
	for (const char *p = leave_out + strspn(leave_out, " "); *p; p += strspn(p, " ")) {
		size_t n = strcspn(p, " "), a = 1;
		while (a < ARRAY_LEN(names) &&
		       (strlen(names[a]) != n || strncmp(p, names[a], n) != 0))
			a++;
		if (a == ARRAY_LEN(names))
			return false;
		left[a] = true;
		p += n;
	}
	for (size_t a = 1; a < ARRAY_LEN(names); a++) {
		if (left[a] || action_info(NULL, (enum action)a) == NULL)
			continue;
		buf_adds(b, ".TP\n\\fB");
		man_text(b, action_keys((enum action)a));
		buf_adds(b, "\\fR\n");
		man_text(b, action_label(NULL, (enum action)a));
		buf_addc(b, '\n');
	}
	return true;
}

/* A ".TP" list of names and what they mean. */
static void
man_named(struct buf *b, const char *name, const char *meaning)
{
	buf_adds(b, ".TP\n\\fB");
	man_text(b, name);
	buf_adds(b, "\\fR\n");
	man_text(b, meaning);
	buf_addc(b, '\n');
}

/* Writes the part of p's manual page that $XHHT_MAN names (its first word; what follows is
 * the part's), in the interface language; the exit status. */
static int
man_part(const struct cli_program *p, const char *spec)
{
	struct buf b;
	char part[32];
	bool known = true;
	snprintf(part, sizeof part, "%.*s", (int)strcspn(spec, " "), spec);
	buf_init(&b);
	if (strcmp(part, "name") == 0) {
		man_text(&b, p->name);
		buf_adds(&b, " \\- ");
		man_text(&b, L(p->about_vi, p->about_en));
		buf_addc(&b, '\n');
	} else if (strcmp(part, "synopsis") == 0) {
		/* One line each: a long one wraps without being spread to the margin. */
		buf_adds(&b, ".ad l\n");
		for (size_t i = 0; i < p->ncommands; i++) {
			buf_adds(&b, i ? ".br\n" : "");
			man_synopsis(&b, p, &p->commands[i]);
		}
		buf_adds(&b, ".ad\n");
	} else if (strcmp(part, "commands") == 0)
		man_commands(&b, p);
	else if (strcmp(part, "options") == 0) {
		for (size_t k = 0; k < ARRAY_LEN(options); k++)
			if (options[k].bit & CLI_EVERY_COMMAND)
				man_option(&b, &options[k]);
	} else if (strcmp(part, "keys") == 0)
		known = man_keys(&b, spec + strcspn(spec, " "));
	else if (strcmp(part, "refusals") == 0) {
		for (int be = BE_OK + 1; be <= BE_LAST; be++)
			man_named(&b, bundle_error_name((enum bundle_error)be),
				  bundle_error_message((enum bundle_error)be));
	} else if (strcmp(part, "outcomes") == 0) {
		for (int o = 0; o < RO_COUNT; o++)
			man_named(&b, receipt_outcome_name((enum receipt_outcome)o),
				  receipt_outcome_message((enum receipt_outcome)o));
	} else
		known = false;
	if (!known) {
		fprintf(stderr, "%s: XHHT_MAN: no part \"%s\"\n", p->name, cli_safe(spec));
		buf_free(&b);
		return ST_ENV;
	}
	fputs(b.data, stdout);
	buf_free(&b);
	return fflush(stdout) == 0 ? 0 : ST_ENV;
}

int
cli_main(const struct cli_program *p, int argc, char **argv)
{
	struct cli c = {.prog = p->name, .program = p};
	int rc;

	plat_program_start(&argc, &argv);
#ifndef _WIN32
	/* Curses needs the terminal's character set (Windows' C library has no UTF-8 locale: the
	 * programs never lean on it). */
	setlocale(LC_ALL, "");
#endif
	/* Key material passes through these programs: never leave it in a core file. */
	plat_no_core_dumps();
	if (cli_parse(&c, argc, argv) != ST_OK) {
		free(c.args);
		free(c.comments);
		return ST_ENV;
	}
	const char *man = getenv("XHHT_MAN");
	if (man != NULL) {
		free(c.args);
		free(c.comments);
		return man_part(p, man);
	}
	store_init();
	if (sodium_init() < 0) {
		fprintf(stderr, "%s: %s\n", p->name, L("không khởi tạo được libsodium", "libsodium failed to start"));
		free(c.args);
		free(c.comments);
		return ST_ENV;
	}
	/* The command: the longest name its first operands spell ("unit add" before "unit"). */
	const struct cli_command *cmd = NULL;
	size_t words = 0;
	for (size_t i = 0; i < p->ncommands; i++) {
		size_t w = name_words(p->commands[i].name);
		/* The nameless entry is what the program does with no command at all. */
		if (w == 0 ? c.nargs == 0 && cmd == NULL : w > words && command_matches(&p->commands[i], &c)) {
			cmd = &p->commands[i];
			words = w;
		}
	}
	c.command = cmd;
	if (c.version) {
		printf("%s %s\n", p->name, XHHT_VERSION);
		rc = 0;
	} else if (c.help && cmd != NULL && cmd->name[0]) {
		command_usage(p, cmd);
		rc = 0;
	} else if (c.help) {
		program_usage(p);
		rc = 0;
	} else if (cmd == NULL && c.nargs == 0) {
		rc = cli_usage_error(&c, L("cần một lệnh (xem %s --help)", "a command is needed (see %s --help)"),
				     p->name);
	} else if (cmd == NULL) {
		/* "unit" alone: say which words may follow. */
		char *subs = subcommands(p, c.args[0]);
		if (subs != NULL)
			rc = cli_usage_error(&c, L("cách dùng: %s %s %s ...", "usage: %s %s %s ..."),
					     p->name, c.args[0], subs);
		else
			rc = cli_usage_error(&c, L("không có lệnh \"%s\" (xem %s --help)",
						   "unknown command \"%s\" (see %s --help)"),
					     c.args[0], p->name);
		free(subs);
	} else if ((c.given & ~(cmd->options | CLI_EVERY_COMMAND)) != 0) {
		unsigned extra = c.given & ~(cmd->options | CLI_EVERY_COMMAND);
		rc = cli_usage_error(&c, L("lệnh \"%s\" không nhận tùy chọn %s (xem %s %s --help)",
					   "the command \"%s\" takes no option %s (see %s %s --help)"),
				     cmd->name, c.given_name[__builtin_ctz(extra)], p->name, cmd->name);
	} else if ((int)(c.nargs - words) < cmd->min_operands ||
		   (cmd->max_operands >= 0 && (int)(c.nargs - words) > cmd->max_operands)) {
		rc = cli_command_usage_error(&c);
	} else
		rc = cmd->exec(&c);
	free(c.args);
	free(c.comments);
	return rc;
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

/* How to take, on the command line, the step the core named (ERR_NEXT_*). */
void
cli_next_step(struct err *e)
{
	switch (e->next) {
	case ERR_NEXT_NONE:
	case ERR_NEXT_COUNT:
		break;
	case ERR_NEXT_START_UNIT_FOLDER:
		err_append(e, L(" (xhht enroll TỆP, xhht load hoặc xhht toàn màn hình tạo thư mục mới)",
				" (xhht enroll FILE, xhht load or the full-screen xhht start one)"));
		break;
	case ERR_NEXT_START_CENTRAL_FOLDER:
		err_append(e, L(" (xhht-central init tạo thư mục mới)", " (xhht-central init starts one)"));
		break;
	case ERR_NEXT_CENTRAL_INIT:
		err_append(e, L(": chạy \"xhht-central init\" trước", ": run \"xhht-central init\" first"));
		break;
	case ERR_NEXT_ADD_UNIT:
		err_append(e, L(": thêm bằng \"xhht-central unit add\" hoặc \"unit import\"",
				": add it with \"xhht-central unit add\" or \"unit import\""));
		break;
	case ERR_NEXT_ENROLL:
		err_append(e, L(" (xhht enroll TỆP)", " (xhht enroll FILE)"));
		break;
	case ERR_NEXT_OPEN_RECEIPT:
		err_append(e, L(" (xhht receipt TỆP)", " (xhht receipt FILE)"));
		break;
	}
	e->next = ERR_NEXT_NONE;
}

int
cli_fail(const struct cli *c, enum status st, const struct err *e)
{
	/* Messages quote file names, codes and reasons from outside: none may drive the
	 * terminal. */
	struct err shown = *e;
	cli_next_step(&shown);
	fprintf(stderr, "%s: %s\n", c->prog, cli_safe(shown.msg));
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

bool
cli_year_arg(const struct cli *c, const char *s, int *year)
{
	if (report_parse_year(s, year))
		return true;
	cli_usage_error(c, L("năm không hợp lệ \"%s\" (cần một năm từ 2000 đến 2100)",
			     "invalid year \"%s\" (expected a year from 2000 to 2100)"),
			s);
	return false;
}

bool
cli_period_arg(const struct cli *c, const char *s, int *year, int *phase_first)
{
	if (report_parse_period(s, year, phase_first))
		return true;
	cli_usage_error(c,
			L("kỳ báo cáo không hợp lệ \"%s\" (cần một năm như 2025 hoặc một giai đoạn "
			  "như 2023-2025)",
			  "invalid period \"%s\" (expected a year such as 2025 or a phase such as "
			  "2023-2025)"),
			s);
	return false;
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
cli_open_store_mode(const struct cli *c, enum store_kind kind, enum store_mode mode,
		    struct store **db, char **dirp)
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
cli_open_store(const struct cli *c, enum store_kind kind, struct store **db, char **dirp)
{
	return cli_open_store_mode(c, kind, STORE_WRITE, db, dirp);
}

int
cli_template_list(const struct cli *c, enum store_kind kind)
{
	struct err e;
	struct store *db;
	struct template_info *a;
	size_t n;
	int rc;
	bool central = kind == STORE_CENTRAL;

	if ((rc = cli_open_store_mode(c, kind, STORE_READ, &db, NULL)) != 0)
		return rc;
	enum status st = template_infos(db, &a, &n, &e);
	store_close(db);
	if (st != ST_OK)
		return cli_fail(c, st, &e);
	/* The central says when and by whom each was published; the unit which years answer it. */
	printf("%s\n", central ? L("mẫu\tphiên bản\ttên\tnguồn\tlúc\tngười phát hành",
				   "template\tversion\ttitle\tsource\twhen\tpublished by")
			       : L("mẫu\tphiên bản\ttên\tnguồn\tbáo cáo các năm",
				   "template\tversion\ttitle\tsource\treports of"));
	for (size_t i = 0; i < n; i++) {
		char when[32];
		printf("%s\t%d\t%s\t%s\t", cli_safe(a[i].id), a[i].version, cli_safe(a[i].title),
		       a[i].builtin ? L("có sẵn trong chương trình", "built in")
		       : central    ? L("đã phát hành", "published")
				    : L("đã cài", "installed"));
		time_vietnam(a[i].stored_at, when);
		if (central)
			printf("%s\t%s\n", when,
			       a[i].published_by ? cli_safe(a[i].published_by) : "-");
		else
			printf("%s\n", a[i].years[0] ? a[i].years : "-");
	}
	template_infos_free(a, n);
	return 0;
}
