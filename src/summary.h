/* summary.h: what the central shows and exports for a year: each unit's state, the merged
 * reports, and the aggregates of report-template.md. */
#ifndef XHHT_SUMMARY_H
#define XHHT_SUMMARY_H

#include <stdbool.h>

#include "store.h"
#include "util.h"

enum summary_format { SF_TEXT, SF_CSV, SF_JSON, SF_HTML };

/* Parses "text", "csv", "json" for status (text_ok), "csv", "json", "html" for exports; -1
 * otherwise. */
int summary_format_parse(const char *s, bool text_ok);

/* The deadline of year: the end of the due day of the yearly template's newest version in
 * Vietnam (UTC+7), as an ISO UTC instant. */
enum status summary_deadline_utc(struct store *db, int year, char out[32], struct err *e);
/* Whether a report the central observed at observed_at (ISO UTC) is late for deadline: judged
 * from what the central observed, never from the unit's clock. */
bool summary_late(const char *observed_at, const char *deadline);

/* A unit's state in a year: X(NAME, the name in CSV and JSON, the word for people vi, en). The
 * status command and the desk's board both say it from summary_units (one rule). The review
 * loop's states (needs fixing, approved) are those of the revision merged now: a newer one is
 * on time or late again, to be reviewed. */
#define UNIT_STATES(X)                                                                             \
	X(NOT_RECEIVED, "not_received", "CHƯA NỘP", "NOT RECEIVED")                                \
	X(ON_TIME, "on_time", "đúng hạn", "on time")                                               \
	X(LATE, "late", "NỘP MUỘN", "LATE")                                                        \
	X(CONFLICT, "conflict", "XUNG ĐỘT", "CONFLICT")                                            \
	X(NEEDS_FIXING, "needs_fixing", "CẦN SỬA", "NEEDS FIXING")                                 \
	X(APPROVED, "approved", "đã duyệt", "approved")
#define UNIT_STATE_ENUM(name, ...) US_##name,
enum unit_state { UNIT_STATES(UNIT_STATE_ENUM) US_COUNT };
#undef UNIT_STATE_ENUM
/* "on_time"; and the word for people in the interface language ("đúng hạn"). */
const char *unit_state_name(enum unit_state s);
const char *unit_state_word(enum unit_state s);

/* One registered unit in a year. Times are as stored (ISO 8601 UTC; packed_at is the unit's
 * clock, as its bundle says); "" where no report is merged. */
struct unit_status {
	char *code, *name, *group; /* group: one of UNIT_GROUPS, or "" */
	enum unit_state state;
	int revision; /* of the merged report; 0: none */
	char *packed_at, *imported_at;
	char *observed_at, *observed_by; /* when the central (or its mail server) first had it */
	bool receipt_sent;
	bool clock_skew; /* the unit's clock disagrees with what the central observed */
	bool late;       /* the merged report was observed after the deadline, whatever its state */
	int bundles;     /* bundles received for the year, whatever became of them */
	int alarms;      /* open key alarms of the unit (central_key_alarms) */
};

/* Every registered unit of a period, ordered by code, with the counts and the deadline. */
struct year_units {
	int period;             /* a key (period.h) */
	int due_day, due_month; /* the yearly template's (its newest version) */
	char deadline[32];      /* the end of the due day in Vietnam, as an ISO UTC instant */
	long days_left;         /* from today to the due day; negative: that many days past */
	struct unit_status *units;
	size_t n;
	size_t counts[US_COUNT];
	size_t alarmed, skewed; /* units with an open key alarm, units with clock skew */
	size_t late;            /* units whose merged report came late, reviewed or not */
};

/* The units of period (a key, period.h) and their states: late when the central observed the bundle
 * after the deadline, whatever the unit's clock wrote; needs fixing or approved when staff reviewed
 * the revision merged now (review.h); a conflict whatever else holds. Free with summary_units_free
 * (also after a failure). */
enum status summary_units(struct store *db, int period, struct year_units *out, struct err *e);
void summary_units_free(struct year_units *y);
/* Units that have sent a report: on time, late, in conflict, needing fixes or approved. */
size_t summary_units_received(const struct year_units *y);

/* Every registered unit with its state for year (summary_units) as text, CSV or JSON. */
enum status summary_status(struct store *db, int year, enum summary_format fmt, struct buf *out,
			   struct err *e);

/* The template most units answered in period (the newest of those equally answered: units may
 * answer different versions), or the yearly template's first version when none did: what the
 * exports and the totals are laid out by. */
struct template;
enum status summary_year_template(struct store *db, int period, struct template **t, struct err *e);
/* The other template versions than t that the period's merged reports answer (units may answer
 * different versions in one year), newest first; each freed with template_free, then the
 * array. */
enum status summary_year_versions(struct store *db, int period, const struct template *t,
				  struct template ***out, size_t *n, struct err *e);

/* All merged reports of year with the aggregates. For CSV, out gets the values (one row per
 * unit) and each table is written to its own file named by table_path(table id). HTML is the
 * printable consolidated report: who reported, the figures, and the nominations by award. */
enum status summary_export(struct store *db, int year, enum summary_format fmt, struct buf *out,
			   char *(*table_path)(void *ctx, const char *table_id), void *ctx,
			   struct err *e);

/* The files an export wrote: the one named, and for CSV each table's file beside it, named
 * from it (tong-hop.csv -> tong-hop.khen_thuong.de_nghi.csv): xhht-central export -o and the
 * desk name them by this one rule. */
struct export_files {
	char *main;
	size_t ntables;
	char **tables, **table_ids; /* each table's file and its id, in the template's order */
};
/* summary_export written to the file path (for CSV, with its tables beside it); files lists
 * what was written. Free it with export_files_free, also after a failure. */
enum status summary_export_file(struct store *db, int year, enum summary_format fmt,
				const char *path, struct export_files *files, struct err *e);
void export_files_free(struct export_files *x);
/* The path of table table_id's CSV file beside files->main (ctx, a struct export_files), noted in
 * its list: for an export of another kind written by the same rule (across.c). A new string. */
char *export_files_table(void *ctx, const char *table_id);

/* What the desk saves of a year into a folder, each under its own name there:
 * X(NAME, file name of the year). The consolidated report (HTML), the values (CSV, with a file
 * per table), the merged reports and aggregates (JSON): xhht-central export's; the year's
 * status list (CSV): xhht-central status --format csv's. */
#define SUMMARY_SAVES(X)                                                                           \
	X(HTML, "tong-hop-%s.html")                                                                \
	X(CSV, "tong-hop-%s.csv")                                                                  \
	X(JSON, "tong-hop-%s.json")                                                                \
	X(STATUS, "trang-thai-%s.csv")
#define SUMMARY_SAVE_ENUM(name, file) SAVE_##name,
enum summary_save { SUMMARY_SAVES(SUMMARY_SAVE_ENUM) SAVE_COUNT };
#undef SUMMARY_SAVE_ENUM
/* The name what of year (a period's key: PERIOD_KEY) gets in the folder ("tong-hop-2024.csv",
 * "tong-hop-2023-2025.csv"); a new string. */
char *summary_save_name(enum summary_save what, int year);
/* Writes what of year into folder dir under its name; files lists what was written (free with
 * export_files_free, also after a failure). */
enum status summary_save(struct store *db, int year, enum summary_save what, const char *dir,
			 struct export_files *files, struct err *e);

#endif
