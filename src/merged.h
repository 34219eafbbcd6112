/* merged.h: a unit's merged report of a year as the central holds it: the report read as the
 * importer checked it, when the central observed it, and the files that came with it. */
#ifndef XHHT_MERGED_H
#define XHHT_MERGED_H

#include <stdbool.h>

#include "period.h"
#include "report.h"
#include "store.h"

/* Reads the text of a merged report (bundle.report) as the importer read it (report_from_json:
 * the same cleaning, the same template); an error names the unit. Every reader of merged
 * reports goes through here. */
enum status merged_report_parse(struct store *db, const char *unit, const char *text, size_t len,
				int year, struct report **out, struct err *e);

/* Calls fn with each merged report of period (a key, period.h), in the order of the units' codes:
 * the unit's code, its name ("" when it is no longer registered) and the report as
 * merged_report_parse reads it (fn must not keep it). Stops at the first failure, fn's or the
 * reading's. The exports' long form and the year's totals (totals.c) both read the year through
 * here. */
enum status merged_reports_each(struct store *db, int period,
				enum status (*fn)(void *ctx, const char *unit, const char *name,
						  const struct report *r, struct err *e),
				void *ctx, struct err *e);

/* What the central knows of a merged report besides its values. */
struct merged_info {
	char *unit_name;
	int revision;
	char observed_at[32]; /* ISO 8601 UTC: when the central (or its mail server) first had it */
	bool by_mail;         /* observed_at is the mail server's Received: time */
	char deadline[32];    /* the year's deadline, ISO 8601 UTC */
	bool late;            /* observed after the deadline */
};

/* The merged report of unit for period and what the central knows of it. ST_REFUSED (naming the
 * unit and period) when there is none. Free info with merged_info_free. */
enum status merged_report_read(struct store *db, const char *unit, int period, struct report **out,
			       struct merged_info *info, struct err *e);
void merged_info_free(struct merged_info *info);

/* A file that came with a merged report, in the bundle's order. */
struct merged_attachment {
	int position;
	char *name, *type; /* the name the unit gave it; its MIME type */
	long long size;
};
/* The attachments of unit's merged report of period (none when there is no merged report); free
 * them with merged_attachments_free. */
enum status merged_attachments(struct store *db, const char *unit, int period,
			       struct merged_attachment **out, size_t *n, struct err *e);
void merged_attachments_free(struct merged_attachment *a, size_t n);
/* The name an attachment is saved under: UNIT-YEAR-NAME, each part made safe for a file name
 * (text_filename_part), the name's extension kept. A new string. */
char *merged_attachment_filename(const char *unit, int year, const char *name);
/* Writes the attachment at position of unit's merged report of period into folder dir under
 * merged_attachment_filename (a file of that name is replaced), through a temporary name;
 * *path (a new string) names the file written. */
enum status merged_attachment_save(struct store *db, const char *unit, int period, int position,
				   const char *dir, char **path, struct err *e);

#endif
