/* cli.h: command-line helpers shared by xhht and xhht-central (options, messages, exits). */
#ifndef XHHT_CLI_H
#define XHHT_CLI_H

#include <stdbool.h>

#include "store.h"
#include "util.h"

/* Options both programs and all their commands share; parsed anywhere on the line. */
struct cli {
	const char *prog;
	const char *data;   /* --data */
	const char *format; /* --format */
	const char *output; /* -o */
	const char *passphrase_file, *new_passphrase_file;
	const char *receipts; /* --receipts */
	const char *code;     /* --code: the enrollment code sent apart from the file */
	bool help, version;
	bool accept_warnings, armor, new_central_key;
	char **args; /* the command and its operands, options removed */
	int nargs;
};

/* Returns ST_ENV after printing one line when an option is unknown or lacks its value. */
enum status cli_parse(struct cli *c, int argc, char **argv);
/* Outside text (file names, unit codes and names, reasons) as it may be printed: controls,
 * DEL, C1 controls, bidi marks and invalid UTF-8 escaped (text_terminal). The result stays
 * valid until a few more calls (a small ring), enough for one printf's arguments. */
const char *cli_safe(const char *s);
/* Prints "prog: message" on stderr and returns st; the message is printed as cli_safe does. */
int cli_fail(const struct cli *c, enum status st, const struct err *e);
/* Opens the program's database in its data folder (--data, $XHHT_DATA...) as mode says
 * (store.h: read-only, write, start the folder, full-screen); 0, or the exit status after
 * saying why on stderr. A folder about to be started is named on stderr first. dirp (if not
 * NULL) receives the folder. */
int cli_open_store_mode(const struct cli *c, enum store_kind kind, enum store_mode mode, sqlite3 **db,
			char **dirp);
/* cli_open_store_mode for a command that writes into an existing data folder. */
int cli_open_store(const struct cli *c, enum store_kind kind, sqlite3 **db, char **dirp);
int cli_usage_error(const struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
struct secret;
/* Reads a passphrase from --passphrase-file (or --new-passphrase-file when is_new),
 * $XHHT_PASSPHRASE_FILE, or the terminal without echo (twice when is_new). */
struct secret *cli_passphrase(const struct cli *c, const char *prompt, bool is_new, struct err *e);

/* Asks one line at the terminal, with echo (for what is not secret, like the enrollment
 * code); false with e filled when there is no terminal or nothing was typed. */
bool cli_ask_line(const char *prompt, char *buf, size_t size, struct err *e);

/* Writes text to -o FILE (durably, atomically) or to stdout. */
enum status cli_output(const struct cli *c, const char *text, size_t len, struct err *e);

#endif
