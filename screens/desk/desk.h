/* desk.h: the central office's desk (xhht-central with no command) on the screen framework
 * (tui.h): its screens, each opened by a typed function. */
#ifndef XHHT_DESK_H
#define XHHT_DESK_H

#include "tui.h"

/* Runs the desk on the central's database until staff leave; year is the one to show first
 * (0: the current one). Returns the exit status. */
int desk_run(struct store *db, const char *dir, int year);

/* The year board: every registered unit with its state, counts on top (year 0: this one). */
void board_open(struct tui *t, int year);
extern const struct screen screen_board;
/* A unit's merged report of a year, read-only, with its findings and attachments. */
void unit_report_open(struct tui *t, const char *unit, int year);
extern const struct screen screen_unit_report;

/* Units and keys: every registered unit with its key's state, fingerprint and alarms; add,
 * import a CSV list, write enrollment files, confirm fingerprints, revoke, enroll again (year
 * is the menu's, unused). A unit's page (Enter) shows its keys, enrollments, alarms and log. */
void units_open(struct tui *t, int year);
extern const struct screen screen_units;
extern const struct screen screen_unit_page;

/* The desk's menu (the board's F8): the views beyond the board, each for year. */
void desk_menu(struct tui *t, int year);
/* The year's reminders (the units not heard from as a CSV, and letters to print) written to a
 * folder staff choose. */
void desk_save_reminders(struct tui *t, int year);

#endif
