/* staff.c: who acts at the central's desk, and the log of what they decided. */
#include "staff.h"

#ifndef _WIN32
#include <pwd.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "period.h"
#include "platform.h"

static const struct {
	const char *name, *vi, *en;
} staff_actions[SA_COUNT] = {
#define STAFF_ACTION_ROW(id, name, vi, en) [id] = {name, vi, en},
    STAFF_ACTIONS(STAFF_ACTION_ROW)
#undef STAFF_ACTION_ROW
};

const char *
staff_action_name(enum staff_action_kind a)
{
	return staff_actions[a].name;
}

const char *
staff_action_word(enum staff_action_kind a)
{
	return L(staff_actions[a].vi, staff_actions[a].en);
}

const char *
staff_action_word_named(const char *name)
{
	for (int a = 0; a < SA_COUNT; a++)
		if (strcmp(name, staff_actions[a].name) == 0)
			return staff_action_word((enum staff_action_kind)a);
	return name;
}

static bool
login_name_ok(const char *s)
{
	return s != NULL && *s != '\0' && strlen(s) < 64;
}

const char *
staff_name(void)
{
	static const char *const vars[] = {"USER", "LOGNAME", "USERNAME"};
	static char name[64]; /* login_name_ok: shorter than 64 bytes */
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		char *s = plat_getenv(vars[i]); /* UTF-8: a Windows user may be "Đào" */
		bool ok = login_name_ok(s);
		if (ok)
			snprintf(name, sizeof name, "%s", s);
		free(s);
		if (ok)
			return name;
	}
	/* A static build (make static) skips the password database: glibc's static getpwuid would
	 * load the NSS libraries of whatever glibc the machine has, at run time. */
#if !defined(_WIN32) && !defined(XHHT_STATIC)
	const struct passwd *pw = getpwuid(getuid());
	if (pw != NULL && login_name_ok(pw->pw_name))
		return pw->pw_name;
#endif
	return "?";
}

enum status
staff_log(struct store *db, enum staff_action_kind action, const char *unit, int period,
	  const char *detail, struct err *e)
{
	char now[32];
	store_now(now);
	return store_do(
	    db,
	    "INSERT INTO staff_action(at, staff, action, unit_code, year, phase_first, detail)"
	    " VALUES (?1, ?2, ?3, ?4, nullif(?5, 0), ?6, ?7)",
	    e, "ttttpt", now, staff_name(), staff_action_name(action), unit, period,
	    detail != NULL ? detail : "");
}

enum status
staff_entries(struct store *db, const char *unit, int period, struct staff_entry **out, size_t *n,
	      struct err *e)
{
	enum status rc;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_query(db,
				       "SELECT at, staff, action, coalesce(unit_code, ''),"
				       " year, phase_first, detail FROM staff_action"
				       " WHERE (?1 IS NULL OR unit_code = ?1)"
				       " AND (?2 = 0 OR (year = ?2 AND phase_first = ?3))"
				       " ORDER BY id DESC",
				       e, "tp", unit, period);
	while (store_next(db, st, &rc, e)) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		struct staff_entry *a = &(*out)[(*n)++];
		a->at = xstrdup((const char *)sqlite3_column_text(st, 0));
		a->staff = xstrdup((const char *)sqlite3_column_text(st, 1));
		a->action = xstrdup((const char *)sqlite3_column_text(st, 2));
		a->unit = xstrdup((const char *)sqlite3_column_text(st, 3));
		a->period = sqlite3_column_type(st, 4) == SQLITE_NULL
				? 0
				: PERIOD_KEY(sqlite3_column_int(st, 4), sqlite3_column_int(st, 5));
		a->detail = xstrdup((const char *)sqlite3_column_text(st, 6));
	}
	if (rc != ST_OK) {
		staff_entries_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
staff_entries_free(struct staff_entry *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(a[i].at);
		free(a[i].staff);
		free(a[i].action);
		free(a[i].unit);
		free(a[i].detail);
	}
	free(a);
}
