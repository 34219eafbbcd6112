/* across.h: the movement's figures across years at the central: every number indicator of the
 * yearly template per year (the national total and each unit's), the units that reported each
 * year, the change from year to year; exported (xhht-central export --years), shown on the
 * desk, and in the annex of a phase's proposals (xhht-central proposals --years). */
#ifndef XHHT_ACROSS_H
#define XHHT_ACROSS_H

#include <stdbool.h>
#include <stdint.h>

#include "store.h"
#include "summary.h"
#include "totals.h"
#include "util.h"

/* The longest span one table holds: the movement's eight years and a little more. */
#define ACROSS_MAX_YEARS 12

/* An indicator: a number field (int or money) of some year's template, matched by id and type
 * across the years. */
struct across_item {
	const struct field *f; /* of the newest year whose template has it */
	int *at; /* per year: its index in that year's totals, -1: the year lacks it */
};

/* A unit that reported in at least one year of the span. */
struct across_unit {
	char *code, *name;
	int *at; /* per year: its place in that year's units (total.units), -1: no report */
};

struct across {
	int from, to, nyears;
	struct year_totals *years; /* one per year, from first: totals_year's */
	/* The newest template's order, then what older years alone had. */
	struct across_item *items;
	size_t nitems;
	struct across_unit *units; /* by code */
	size_t nunits;
};

/* "2023-2026" (or one year): the span of years, first to last, within the years a report may
 * have and at most ACROSS_MAX_YEARS long; ST_ENV with one sentence naming what is wrong. */
enum status across_span_parse(const char *s, int *from, int *to, struct err *e);
/* The figures of every year from from to to, each year's as totals_year reads it (the merged
 * reports: each unit's last merged revision). Free with across_free, also after a failure. */
enum status across_years(struct store *db, int from, int to, struct across *out, struct err *e);
void across_free(struct across *a);

/* Units whose report of year k (0: from) is counted. */
size_t across_reported(const struct across *a, int k);
/* The national total of item in year k and the units that answered it; false when absent: the
 * year's template lacks the indicator, or no unit answered it (never a zero). */
bool across_sum(const struct across *a, size_t item, int k, int64_t *sum, size_t *answered);
/* What unit u gave item in year k; false when absent (no report, no such field, no answer). */
bool across_unit_value(const struct across *a, size_t item, int k, size_t unit, int64_t *v);
/* The largest change in tenths of a percent said (a hundred thousand billion percent): larger
 * ones are said as this, with their sign. */
#define ACROSS_PCT_MAX 1000000000000000LL
/* The change of a series from year k-1 to year k (prev, cur; has_prev, has_cur: present):
 * false when either is absent; *delta saturates at INT64_MIN/INT64_MAX, *tenths is the change
 * in tenths of a percent (within ±ACROSS_PCT_MAX), and *has_pct false when the year before
 * was 0. */
bool across_change(bool has_prev, int64_t prev, bool has_cur, int64_t cur, int64_t *delta,
		   int64_t *tenths, bool *has_pct);
/* "+12 (+5,0%)" (the decimal comma in Vietnamese, a point in English or for machines when
 * point): the change as people read it; a number formatted as item's field. */
void across_change_format(const struct field *f, int64_t delta, int64_t tenths, bool has_pct,
			  struct buf *out);
/* Tenths of a percent as "+5,0" (comma) or "5.0" (machine: point, no plus sign). */
void across_percent(int64_t tenths, bool machine, struct buf *out);

/* The span's figures as JSON, CSV for Excel (out gets the national totals, one row per
 * indicator and year; table_path names the file of each other table: "don_vi", each unit's
 * figures by year, and "nop_bao_cao", the units that reported each year) or the printable
 * report in HTML: xhht-central export --years. */
enum status across_export(struct store *db, int from, int to, enum summary_format fmt,
			  struct buf *out, char *(*table_path)(void *ctx, const char *table_id),
			  void *ctx, struct err *e);
/* across_export written to path (for CSV, its tables beside it, named as summary_export_file
 * names them); files lists what was written (export_files_free, also after a failure). */
enum status across_export_file(struct store *db, int from, int to, enum summary_format fmt,
			       const char *path, struct export_files *files, struct err *e);
/* The name the desk saves the span's export under in a folder ("qua-cac-nam-2023-2026.html");
 * a new string. */
char *across_save_name(int from, int to, enum summary_format fmt);
/* The names across_save gives its files, for people ("qua-cac-nam-2023-2026.html, …csv,
 * …json": a CSV's tables beside it not named); a new string. */
char *across_save_names(int from, int to);
/* The span's HTML, CSV (with its tables beside it) and JSON written into folder dir under
 * across_save_name; *files counts the files written. */
enum status across_save(struct store *db, int from, int to, const char *dir, size_t *files,
			struct err *e);
/* The phase's consolidated report for the Emulation and Commendation Council: every nomination
 * of the yearly reports of from..to grouped by award and kind (Part I: a table a group, name,
 * position and achievement in columns of their own, each row naming the annex item of its
 * unit), each proposed unit's figures over the years once in Part II, the annex (landscape
 * pages past 4 years, tables of at most 8 years); HTML to print or CSV (one row a nomination,
 * the unit's figures in columns "ID:YEAR"): xhht-central proposals --years. */
enum status across_proposals(struct store *db, int from, int to, enum summary_format fmt,
			     struct buf *out, struct err *e);
/* The same report of the phase first..last from the units' phase reviews (merged by period):
 * the proposals of their tables grouped by award and kind, each proposed unit's yearly
 * figures of the phase once in the annex (its merged yearly reports; the years it has none
 * said), and the units that filed no review: xhht-central proposals 2023-2025. */
enum status across_review_proposals(struct store *db, int first, int last, enum summary_format fmt,
				    struct buf *out, struct err *e);
/* The same in HTML and CSV written into folder dir as de-nghi-2023-2025.html and .csv (the
 * desk's F6 on a phase); *names (a new string) lists the files written. */
enum status across_review_save(struct store *db, int first, int last, const char *dir, char **names,
			       struct err *e);

#endif
