/* merged.h: a unit's merged report of a year as the central holds it: the report read as the
 * importer checked it, when the central observed it, and the files that came with it. */
#ifndef XHHT_MERGED_H
#define XHHT_MERGED_H

#include <stdbool.h>

#include "report.h"
#include "store.h"

/* A report's period as the central's readers pass it, in one int where they took a year: a
 * yearly report's is its year (2025), a phase review's phase_first * 10000 + its closing year
 * (20232025, the review 2023-2025). Every query of the central's reports by "year" reads it as
 * year = key % 10000 AND phase_first = key / 10000, so that whatever is given a year reads the
 * yearly report alone, never a phase review (design: nothing of a phase review counts for a
 * year). */
#define PERIOD_KEY(year, phase_first) ((phase_first) * 10000 + (year))
#define PERIOD_YEAR(key) ((key) % 10000)
#define PERIOD_FIRST(key) ((key) / 10000)
/* The period of key as people read it ("2025", "2023-2025": report_period_text). */
void period_key_text(int key, char out[REPORT_PERIOD_SIZE]);
/* The period of key as messages name it after "báo cáo" / "the ... report": "năm 2025",
 * "giai đoạn 2023-2025" in Vietnamese; "2025", "2023-2025" in English. */
#define PERIOD_WORDS_SIZE 40
void period_key_words(int key, char out[PERIOD_WORDS_SIZE]);
/* Parses "2025" or "2023-2025" (report_parse_period) into a key. */
bool period_key_parse(const char *s, int *key);

/* Reads the text of a merged report (bundle.report) as the importer read it (report_from_json:
 * the same cleaning, the same template); an error names the unit. Every reader of merged
 * reports goes through here. */
enum status merged_report_parse(struct store *db, const char *unit, const char *text, size_t len,
				int year, struct report **out, struct err *e);

/* Calls fn with each merged report of year, in the order of the units' codes: the unit's code,
 * its name ("" when it is no longer registered) and the report as merged_report_parse reads it
 * (fn must not keep it). Stops at the first failure, fn's or the reading's. The exports' long
 * form and the year's totals (totals.c) both read the year through here. */
enum status merged_reports_each(struct store *db, int year,
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

/* The merged report of unit for year and what the central knows of it. ST_REFUSED (naming the
 * unit and year) when there is none. Free info with merged_info_free. */
enum status merged_report_read(struct store *db, const char *unit, int year, struct report **out,
			       struct merged_info *info, struct err *e);
void merged_info_free(struct merged_info *info);

/* A file that came with a merged report, in the bundle's order. */
struct merged_attachment {
	int position;
	char *name, *type; /* the name the unit gave it; its MIME type */
	long long size;
};
/* The attachments of unit's merged report of year (none when there is no merged report); free
 * them with merged_attachments_free. */
enum status merged_attachments(struct store *db, const char *unit, int year,
			       struct merged_attachment **out, size_t *n, struct err *e);
void merged_attachments_free(struct merged_attachment *a, size_t n);
/* The name an attachment is saved under: UNIT-YEAR-NAME, each part made safe for a file name
 * (text_filename_part), the name's extension kept. A new string. */
char *merged_attachment_filename(const char *unit, int year, const char *name);
/* Writes the attachment at position of unit's merged report of year into folder dir under
 * merged_attachment_filename (a file of that name is replaced), through a temporary name;
 * *path (a new string) names the file written. */
enum status merged_attachment_save(struct store *db, const char *unit, int year, int position,
				   const char *dir, char **path, struct err *e);

#endif
