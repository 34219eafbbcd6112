/* desk.h: the central office's desk (xhht-central with no command) on the screen framework
 * (tui.h): its screens, each opened by a typed function. */
#ifndef XHHT_DESK_H
#define XHHT_DESK_H

#include "tui.h"

/* Runs the desk on the central's database until staff leave; year is the one to show first
 * (0: the current one). Returns the exit status. */
int desk_run(struct store *db, const char *dir, int year);

/* The year board: every registered unit with its state, counts on top (year 0: this one); for
 * a phase's key (PERIOD_KEY, merged.h) the units' reviews of that phase, over the year's. */
void board_open(struct tui *t, int year);
extern const struct screen screen_board;
/* A unit's merged report of a year, read-only, with its findings and attachments. */
void unit_report_open(struct tui *t, const char *unit, int year);
extern const struct screen screen_unit_report;

/* Ctrl-E on a unit's report: approve it or ask for fixes, with comments on the whole report or
 * on field (an index of tpl's fields, the one under the cursor; -1: none), saved and sent back
 * (a signed review file now, or the next receipt). True when a review was saved. */
struct template;
bool desk_review(struct tui *t, const char *unit, int year, int revision,
		 const struct template *tpl, int field);
/* The history of unit's report of year: every bundle received; two compared; a conflict
 * settled. */
void desk_history_open(struct tui *t, const char *unit, int year);
extern const struct screen screen_history;
/* What changed from bundle old_hash to new_hash (full hex) of unit's report of year, side by
 * side; settle: they are a conflict's candidates, and F2 chooses one. */
void desk_diff_open(struct tui *t, const char *unit, int year, const char *old_hash,
		    const char *new_hash, bool settle);
extern const struct screen screen_diff;
/* Units and keys: every registered unit with its key's state, fingerprint and alarms; add,
 * import a CSV list, write enrollment files, confirm fingerprints, revoke, enroll again (year
 * is the menu's, unused). A unit's page (Enter) shows its keys, enrollments, alarms and log. */
void units_open(struct tui *t, int year);
extern const struct screen screen_units;
extern const struct screen screen_unit_page;

/* The office's secret keys (central_open_keys), opened with the passphrase staff type in a
 * dialog titled title (what the keys are for), asked again in place after a wrong one
 * (PASSPHRASE_TRIES). NULL when staff cancelled, or when the keys cannot be opened: then said
 * on the status line, and *refused (when not NULL) set. */
struct secret;
struct secret *desk_office_keys(struct tui *t, const char *title, bool *refused);
/* A list of units searched by code or name, with or without diacritics (the board, the units
 * and keys): what staff typed and its folded form (text_fold); both NULL when none. */
struct desk_search {
	char *text, *fold;
};
/* The search asked (Ctrl-F, or a letter typed on the list: initial is then that letter); true
 * when staff answered, and s holds the answer (an empty one clears it). */
bool desk_search_ask(struct tui *t, struct desk_search *s, const char *initial);
/* True when the key is a letter typed on the list, which starts a search: typed gets it. */
bool desk_search_typed(wint_t ch, bool is_text, char typed[8]);
/* Whether a unit whose "code name" folds to folded is found by the search. */
bool desk_search_finds(const struct desk_search *s, const char *folded);
void desk_search_clear(struct desk_search *s);

/* The desk's menu (the board's F8): the views beyond the board, each for year. */
void desk_menu(struct tui *t, int year);
/* The year's reminders (the units not heard from as a CSV, and letters to print) written to a
 * folder staff choose. */
void desk_save_reminders(struct tui *t, int year);
/* Import from the screen: bundles from a folder, a USB stick or a mailbox staff choose, with
 * receipts written to a folder they choose; a progress bar, then each bundle's result. */
void desk_import(struct tui *t, int year);
extern const struct screen screen_import;
/* What to save of year (the board's F6): the reminders, or the files xhht-central export and
 * status write (the consolidated report, the values with a file per table, JSON, the status
 * list), into a folder staff choose. */
void desk_export(struct tui *t, int year);

/* The year's totals: each aggregate of the units' reports, Enter: the units behind it. */
void totals_open(struct tui *t, int year);
extern const struct screen screen_totals, screen_total_units;
/* What the totals' views share: year's totals read into y (freed first; an error said on the
 * status line), *version the database's data_version they were read at; and their keys: ← →
 * another year, read again (*reloaded), F6 the year's export (desk_export). False for
 * another key. */
struct year_totals;
void totals_view_load(struct tui *t, int year, struct year_totals *y, long long *version);
bool totals_view_key(struct tui *t, int *year, struct year_totals *y, long long *version,
		     enum action a, bool *reloaded);
/* The desk's views of years (the board, the totals, the years view) and their ← →: the span
 * first..last (one year when both point to it) a year earlier or later; beyond the years a
 * report may have, "There is no year N." on the status line and the span kept. True when a is
 * ← or →; *moved when the span moved (the view reads its figures again). */
bool desk_year_step(struct tui *t, enum action a, int *first, int *last, bool *moved);
/* Whether another program (the importer) committed since the view read at version: each view
 * reads again when idle. */
bool desk_data_changed(struct tui *t, long long version);
/* Every number indicator across a span of four years up to year: national totals, the units
 * reporting, the change; Enter: one indicator each year and each unit. */
void years_open(struct tui *t, int year);
extern const struct screen screen_years, screen_years_units;
/* The year's nominations grouped by award and kind, breaches of the plan's rules marked. */
void proposals_open(struct tui *t, int year);
extern const struct screen screen_proposals;

#endif
