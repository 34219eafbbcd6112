/* clerk.h: the unit clerk's program on the screen framework (tui.h): its screens, each opened
 * by a typed function, and its steps done in dialogs. */
#ifndef XHHT_CLERK_H
#define XHHT_CLERK_H

#include "tui.h"

struct report;
struct findings;

/* Runs the clerk's interface until the clerk leaves (new_folder: the data folder was just
 * started, which the first screen says). Returns the exit status. */
int tui_run(struct store *db, const char *dir, int year, const char *field, bool new_folder);

void home_open(struct tui *t);
/* How the clerk takes a step the core names (e->next): the first screen's menu entry. */
void clerk_next_step(struct tui *t, struct err *e);
/* The report editor of a year (on t->start_field, when set, once). */
void report_open(struct tui *t, int year);
/* The findings f of r; Enter sets *jump to the chosen finding's field. */
void check_open(struct tui *t, struct report *r, struct findings *f, int *jump);
void preview_open(struct tui *t, int year);
void attachments_open(struct tui *t, int year);
void settings_open(struct tui *t);
/* The settings screen on the item of setting key ("unit.place"), the first item for another. */
void settings_open_at(struct tui *t, const char *key);
/* The table field of r. */
void table_open(struct tui *t, struct report *r, int field);

/* The clerk's steps done in dialogs (tasks.c). */
void task_enroll(struct tui *t);
void task_pack(struct tui *t, int year);
void task_receipt(struct tui *t);

/* Every screen of the clerk's program (for tests of the action table). */
extern const struct screen screen_home, screen_report, screen_check, screen_table,
	screen_attachments, screen_settings, screen_preview;

#endif
