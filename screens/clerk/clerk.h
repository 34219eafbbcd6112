/* clerk.h: the unit clerk's program on the screen framework (tui.h): its screens, each opened
 * by a typed function, and its steps done in dialogs. */
#ifndef XHHT_CLERK_H
#define XHHT_CLERK_H

#include "tui.h"

struct report;
struct findings;

/* Runs the clerk's interface until the clerk leaves (new_folder: the data folder was just
 * started, which the first screen says). Returns the exit status. */
int tui_run(struct store *db, const char *dir, int year, int phase_first, const char *field,
	    bool new_folder);

void home_open(struct tui *t);
/* How the clerk takes a step the core names (e->next): the first screen's menu entry. */
void clerk_next_step(struct tui *t, struct err *e);
/* The report editor of a year (on t->start_field, when set, once). */
void report_open(struct tui *t, int year, int phase_first);
/* The findings f of r; Enter sets *jump to the chosen finding's field. */
void check_open(struct tui *t, struct report *r, struct findings *f, int *jump);
void preview_open(struct tui *t, int year, int phase_first);
/* Saves r's printable report and CSV into a folder the clerk chooses (the preview's and the
 * phase review's F6). */
void preview_save(struct tui *t, const struct report *r);
/* The phase review closing in year pre-filled from the yearly reports, each value with the
 * years it came from (phase.c); says so on the status line when no phase closes in year. */
void phase_open(struct tui *t, int year);
void attachments_open(struct tui *t, int year, int phase_first);
void settings_open(struct tui *t);
/* The settings screen on the item of setting key ("unit.place"), the first item for another. */
void settings_open_at(struct tui *t, const char *key);
/* Asks words of a field's label (accents optional) or its id, then which of the fields of tp
 * they find (template_find) in a chooser of label and section; the field's index, or -1. */
struct template;
int field_choose(struct tui *t, const struct template *tp, const char *prompt);
/* Moving the period's draft (phase_first 0: the year's report; else the phase review) to a
 * newer version of its template: the plan, then the move, on the clerk's word (move.c); with
 * nothing newer, the values earlier moves kept. */
void move_open(struct tui *t, int year, int phase_first);
/* The values moves of the period kept, each readable whole and copied into a field on Enter. */
void dropped_open(struct tui *t, int year, int phase_first);
/* The table field of r. */
void table_open(struct tui *t, struct report *r, int field);

/* The clerk's steps done in dialogs (tasks.c). */
void task_enroll(struct tui *t);
void task_pack(struct tui *t, int year, int phase_first);
void task_receipt(struct tui *t);

/* The Ministry's review as the screens show it (review.c). */
struct unit_review;
struct year_status;
/* The comments of rv on field (-1: the whole report), one a line, each saying it is the
 * Ministry's. */
void review_comments(const struct unit_review *rv, int field, struct buf *out);
/* Those comments as a quote wrapped in w columns from (y, x), at most max rows, drawn when
 * draw; returns the rows they take (0: none). */
int review_block(struct tui *t, const struct unit_review *rv, int field, int y, int x, int w,
		 int max, bool draw);
/* "Bộ yêu cầu sửa (N ý kiến)", "Bộ đã duyệt", or "" (no review open) for a year. */
void review_word(const struct year_status *ys, char *out, size_t n);

/* Every screen of the clerk's program (for tests of the action table). */
extern const struct screen screen_home, screen_report, screen_check, screen_table,
	screen_attachments, screen_settings, screen_preview, screen_move, screen_dropped, screen_phase;

#endif
