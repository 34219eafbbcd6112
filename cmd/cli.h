/* cli.h: command-line helpers shared by xhht and xhht-central (options, messages, exits). */
#ifndef XHHT_CLI_H
#define XHHT_CLI_H

#include <stdbool.h>

#include "store.h"
#include "util.h"

/* The options either program knows, one bit each: a command lists those it takes. */
enum {
	CLI_DATA = 1u << 0,
	CLI_LANG = 1u << 1,
	CLI_PASSPHRASE = 1u << 2,
	CLI_HELP = 1u << 3,
	CLI_VERSION = 1u << 4,
	CLI_NEW_PASSPHRASE = 1u << 5,
	CLI_FORMAT = 1u << 6,
	CLI_OUTPUT = 1u << 7,
	CLI_RECEIPTS = 1u << 8,
	CLI_CODE = 1u << 9,
	CLI_ARMOR = 1u << 10,
	CLI_ACCEPT_WARNINGS = 1u << 11,
	CLI_NEW_CENTRAL_KEY = 1u << 12,
	CLI_FROM = 1u << 13,
	CLI_KEEP_FIGURES = 1u << 14,
	CLI_EMAIL = 1u << 15,
	CLI_APPROVE = 1u << 16,
	CLI_NEEDS_FIXING = 1u << 17,
	CLI_COMMENT = 1u << 18,
	CLI_REASON = 1u << 19,
	CLI_YEAR = 1u << 20,
	CLI_YEARS = 1u << 21,
	CLI_DRY_RUN = 1u << 22,
	CLI_REFILL = 1u << 23,
	CLI_NOPTIONS = 24,
};
/* Taken by every command: where the data is, the language, the passphrase for scripts (as
 * $XHHT_PASSPHRASE_FILE would be), help and version. */
#define CLI_EVERY_COMMAND (CLI_DATA | CLI_LANG | CLI_PASSPHRASE | CLI_HELP | CLI_VERSION)

struct cli;
/* One command of a program (as tmux's cmd_entry): its name (two words for a subcommand, "unit
 * add"), its operands as the usage shows them, what it does, how many operands it takes after
 * its name (max -1: any number), the options it takes beyond CLI_EVERY_COMMAND, and the
 * function. Usage, per-command help and every check of operands and options come from it. */
struct cli_command {
	const char *name;
	const char *operands_vi, *operands_en;
	const char *help_vi, *help_en;
	int min_operands, max_operands;
	unsigned options;
	int (*exec)(const struct cli *c);
};
struct cli_program {
	const char *name;
	const char *about_vi, *about_en;
	const struct cli_command *commands; /* one named "" runs when no command is given */
	size_t ncommands;
};

/* Options both programs and all their commands share; parsed anywhere on the line. */
struct cli {
	const char *prog;
	const struct cli_program *program;
	const struct cli_command *command; /* the command being run */
	unsigned given;                    /* the options given (CLI_*) */
	const char *given_name[CLI_NOPTIONS];
	const char *data;   /* --data */
	const char *format; /* --format */
	const char *output; /* -o */
	const char *passphrase_file, *new_passphrase_file;
	const char *receipts; /* --receipts */
	const char *code;     /* --code: the enrollment code sent apart from the file */
	const char *from;     /* --from: the year a new report is copied from */
	const char *email;    /* --email: where the enrolled unit sends its bundles */
	const char *reason;   /* --reason: why staff decided as they did (the staff log) */
	const char *year;     /* --year: the year a command narrows to */
	const char *years;    /* --years: a span of years (2023-2026) a command goes across */
	bool help, version;
	bool accept_warnings, armor, new_central_key, keep_figures;
	bool approve, needs_fixing; /* --approve, --needs-fixing */
	bool dry_run;               /* --dry-run: tell, change nothing */
	bool refill;                /* --refill: fill a phase review again from the years */
	const char **comments;      /* each --comment's value, in the order given */
	int ncomments;
	char **args; /* the command and its operands, options removed */
	int nargs;
};

/* Returns ST_ENV after printing one line when an option is unknown or lacks its value. */
enum status cli_parse(struct cli *c, int argc, char **argv);
/* A program's main: parses, finds the command in its table, checks its operands and options
 * (exit 2 with one line when wrong), prints usage and per-command help from the table. */
int cli_main(const struct cli_program *p, int argc, char **argv);
/* "usage: PROG COMMAND OPERANDS" for the command being run; returns the exit status 2. */
int cli_command_usage_error(const struct cli *c);
/* Outside text (file names, unit codes and names, reasons) as it may be printed: controls,
 * DEL, C1 controls, bidi marks and invalid UTF-8 escaped (text_terminal). The result stays
 * valid until a few more calls (a small ring), enough for one printf's arguments. */
const char *cli_safe(const char *s);
/* Adds to e's message how to take, on the command line, the step the core named (e->next). */
void cli_next_step(struct err *e);
/* Prints "prog: message" on stderr, with the step to take (cli_next_step), and returns st; the
 * message is printed as cli_safe does. */
int cli_fail(const struct cli *c, enum status st, const struct err *e);
/* Opens the program's database in its data folder (--data, $XHHT_DATA...) as mode says
 * (store.h: read-only, write, start the folder, full-screen); 0, or the exit status after
 * saying why on stderr. A folder about to be started is named on stderr first. dirp (if not
 * NULL) receives the folder. */
int cli_open_store_mode(const struct cli *c, enum store_kind kind, enum store_mode mode,
			struct store **db, char **dirp);
/* cli_open_store_mode for a command that writes into an existing data folder. */
int cli_open_store(const struct cli *c, enum store_kind kind, struct store **db, char **dirp);
int cli_usage_error(const struct cli *c, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* A year operand (2000 to 2100); false after saying what is wrong (exit status 2). */
bool cli_year_arg(const struct cli *c, const char *s, int *year);
/* A report's period operand: a year (2025: *phase_first 0) or a phase (2023-2025: its first
 * and closing years, report_parse_period); false after saying what is wrong (exit status 2). */
bool cli_period_arg(const struct cli *c, const char *s, int *year, int *phase_first);
struct secret;
/* Reads a passphrase from --passphrase-file (or --new-passphrase-file when is_new),
 * $XHHT_PASSPHRASE_FILE, or the terminal without echo (twice when is_new). */
struct secret *cli_passphrase(const struct cli *c, const char *prompt, bool is_new, struct err *e);

/* What a command does with the current passphrase and a new one (change it, or make a new key
 * under it); ctx is the command's. */
typedef enum status (*cli_rekey_fn)(struct store *db, const char *dir, const struct secret *old,
				    const struct secret *new_pass, void *ctx, struct err *e);
/* The commands that take the current passphrase and a new one: opens the data folder of kind,
 * asks both (the new one twice at a terminal) and runs fn; 0, or the exit status after saying
 * why on stderr. */
int cli_rekey(const struct cli *c, enum store_kind kind, const char *old_prompt,
	      const char *new_prompt, cli_rekey_fn fn, void *ctx);
/* How either program changes the passphrase of its keys in dir. */
typedef enum status (*cli_change_fn)(struct store *db, const char *dir, const struct secret *old,
				     const struct secret *new_pass, struct err *e);
/* The passphrase command of either program: cli_rekey with change, then says it is done. */
int cli_passphrase_command(const struct cli *c, enum store_kind kind, cli_change_fn change);

/* Asks one line at the terminal, with echo (for what is not secret, like the enrollment
 * code); false with e filled when there is no terminal or nothing was typed. */
bool cli_ask_line(const char *prompt, char *buf, size_t size, struct err *e);

/* "template list" of either program: every template of its database, built in or not; the
 * central's with when and by whom it was published, the unit's with the years answering it. */
int cli_template_list(const struct cli *c, enum store_kind kind);

/* Writes text to -o FILE (durably, atomically) or to stdout. */
enum status cli_output(const struct cli *c, const char *text, size_t len, struct err *e);

#endif
