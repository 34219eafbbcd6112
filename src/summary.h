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

/* Every registered unit with its state for year: not received / on time / late / conflict. */
enum status summary_status(struct store *db, int year, enum summary_format fmt, struct buf *out,
			   struct err *e);

/* All merged reports of year with the aggregates. For CSV, out gets the values (one row per
 * unit) and each table is written to its own file named by table_path(table id). HTML is the
 * printable consolidated report: who reported, the figures, and the nominations by award. */
enum status summary_export(struct store *db, int year, enum summary_format fmt, struct buf *out,
			   char *(*table_path)(void *ctx, const char *table_id), void *ctx,
			   struct err *e);

#endif
