/* staff.h: who acts at the central's desk, and the log of what they decided (staff_action). */
#ifndef XHHT_STAFF_H
#define XHHT_STAFF_H

#include <stddef.h>

#include "store.h"
#include "util.h"

/* What staff do that the log keeps: X(enum, the name stored, the words for people vi, en). */
#define STAFF_ACTIONS(X)                                                                           \
	X(SA_SETTLE, "settle", "chọn bản khi xung đột", "conflict settled")                        \
	X(SA_REVIEW, "review", "xem xét báo cáo", "report reviewed")                               \
	X(SA_UNIT_ADD, "unit_add", "thêm đơn vị", "unit added")                                    \
	X(SA_UNIT_IMPORT, "unit_import", "nhập danh sách đơn vị", "units imported")                \
	X(SA_ENROLL, "enroll", "cấp tệp đăng ký", "enrollment written")                            \
	X(SA_CONFIRM, "confirm", "xác nhận vân tay khóa", "fingerprint confirmed")                 \
	X(SA_REVOKE, "revoke", "thu hồi khóa", "keys revoked")                                     \
	X(SA_TEMPLATE, "template_publish", "phát hành mẫu báo cáo", "template published")

enum staff_action_kind {
#define STAFF_ACTION_ENUM(id, ...) id,
	STAFF_ACTIONS(STAFF_ACTION_ENUM)
#undef STAFF_ACTION_ENUM
	SA_COUNT
};

const char *staff_action_name(enum staff_action_kind a); /* "settle" */
const char *staff_action_word(enum staff_action_kind a); /* in the interface language */
/* The words of an action by its stored name ("settle"); the name itself when it is none of
 * STAFF_ACTIONS (a newer program's). */
const char *staff_action_word_named(const char *name);

/* The login name of whoever runs this program: $USER, $LOGNAME, the password database (not in
 * a static build: make static), or $USERNAME on Windows; "?" when none says. Not a proof of
 * identity: the log says who was logged in, as the operating system told. */
const char *staff_name(void);

/* Adds a row to the log: action on unit (NULL: none) and period (0: none; a period's key,
 * period.h: a year, or a phase review's), detail in words.
 * Runs inside the caller's transaction when there is one, so that the log and the change it
 * explains are written together or not at all. */
enum status staff_log(struct store *db, enum staff_action_kind action, const char *unit, int period,
		      const char *detail, struct err *e);

/* One row of the log. */
struct staff_entry {
	char *at, *staff, *action, *unit, *detail; /* unit: "" when none */
	int period;                                /* a key (period.h), 0 when none */
};
/* The log, newest first: all of it (unit NULL), or of one unit (and of one period, a key of
 * period.h, when period is not 0). Free with staff_entries_free. */
enum status staff_entries(struct store *db, const char *unit, int period, struct staff_entry **out,
			  size_t *n, struct err *e);
void staff_entries_free(struct staff_entry *a, size_t n);

#endif
