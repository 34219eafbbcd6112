/* report.h: one unit's report for one year: reading it from JSON and the database, writing
 * it back, and formatting values the way a clerk reads them. */
#ifndef XHHT_REPORT_H
#define XHHT_REPORT_H

#include "expr.h"
#include "store.h"
#include "template.h"

struct row {
	struct value *cells; /* one per column of the table */
};

struct rows {
	struct row *rows;
	size_t n;
};

struct report {
	struct template *t; /* owned */
	int year;
	int revision;
	char *unit_code, *unit_name; /* may be NULL */
	struct value *values;        /* one per template field; unused for tables */
	struct rows *tables;         /* one per template field; used for tables only */
};

/* Largest report file read; far above any real report (100 rows of 8000-character texts). */
#define REPORT_MAX_BYTES (32u * 1024 * 1024)
#define REPORT_MAX_YEAR 2100
#define REPORT_MIN_YEAR 2000
/* The years the movement runs, each with its yearly report: "triển khai thực hiện từ năm 2023
 * đến năm 2030" (the Ministry's plan, section VI; report-template.md). The home screen offers
 * every one of them, with or without a report. */
#define MOVEMENT_FIRST_YEAR 2023
#define MOVEMENT_LAST_YEAR 2030

/* Reads the JSON shape of product.md. Structure and types are checked here (unknown ids,
 * wrong types, invalid UTF-8 or dates); whether the values are acceptable is validation's
 * job. year > 0 requires the file to be for that year. */
enum status report_from_json(struct store *db, const char *text, size_t len, int year,
			     struct report **out, struct err *e);
/* Canonical JSON: template order, absent values left out, 1-space indentation. */
void report_to_json(const struct report *r, struct buf *b);
/* Table f's rows on one line, as report_to_json writes them (each row's non-empty cells by
 * column id): the same rows give the same text, so a stored copy shows whether they changed. */
void report_table_json(const struct field *f, const struct rows *t, struct buf *b);

/* CSV for Excel (UTF-8 with a byte-order mark): one value a line, tables with row and column. */
void report_to_csv(const struct report *r, struct buf *b);

/* Replaces the stored draft for r->year with r, inside the caller's transaction. The stored
 * revision never goes down. */
enum status report_save(struct store *db, const struct report *r, struct err *e);
/* Binds a value to a statement's parameter col (numbers and yes/no as integers, the rest as
 * text, not copied: the value must outlive the step). */
void value_bind(sqlite3_stmt *st, int col, const struct value *v);
/* Reads the stored report of the period (year, phase_first: 0 for the yearly report, else the
 * phase review closing in year); ST_REFUSED when there is none. The unit comes from
 * enrollment when the program is enrolled. */
enum status report_read(struct store *db, int year, int phase_first, struct report **out,
			struct err *e);
/* Says in e that the period has no report ("no report for 2025", "the 2023-2025 phase review
 * is not started"). */
void report_no_report(int year, int phase_first, struct err *e);
/* A report's period is its year and its template's phase (0: a yearly report). */
static inline int
report_phase_first(const struct report *r)
{
	return r->t->phase_first;
}
void report_free(struct report *r);
/* An empty report of year on template t, whose reference it takes. */
struct report *report_empty(struct template *t, int year);
/* An empty report of t (which it takes a reference to, freed with it). */
struct report *report_new(struct template *t);

void value_clear(struct value *v);
/* A copy of from into to (its text duplicated). */
void value_copy(struct value *to, const struct value *from);
/* A value as a clerk reads it: 1.250.000.000, 28/11/2024, Có, the option's label. */
void value_format(const struct field *f, const struct value *v, struct buf *b);
/* The stored report of the period; for a year without one, a new empty draft on the newest
 * yearly template (a phase review is started by phase_start, never empty). */
enum status report_open_or_new(struct store *db, int year, int phase_first, struct report **out,
			       struct err *e);
/* Stores one value (V_NULL clears it) in its own transaction, then updates r. */
enum status report_set_value(struct store *db, struct report *r, int field, const struct value *v,
			     struct err *e);
/* Stores the rows of one table of r in one transaction. */
enum status report_save_table(struct store *db, struct report *r, int field, struct err *e);
/* Reads what a clerk typed into a field: numbers with separators, dates as d/m/yy or
 * dd/mm/yyyy, text cleaned to NFC. Empty input gives V_NULL. why explains a refusal. */
bool value_parse(const struct field *f, const char *input, int report_year, struct value *out,
		 const char **why);
/* A value as the clerk edits it (1.250.000.000 without the unit; 28/11/2024). */
void value_input_text(const struct field *f, const struct value *v, struct buf *b);
/* A figure of the year: a count or an amount (int and money fields, and such columns of a
 * table), told by the template's type; what a report started from last year's may clear. */
bool field_is_figure(const struct field *f);
/* Starts year's report, in one transaction: empty (from_year 0), or from from_year's report on
 * the newest yearly template: texts, choices, yes/no answers and table rows copied, figures
 * kept or cleared (keep_figures), dates cleared (they are the year's own). The unit is kept,
 * the revision is 0, no bundle and no attachment come along. ST_REFUSED when year already has
 * a report or from_year has none. */
enum status report_start_year(struct store *db, int year, int from_year, bool keep_figures,
			      struct err *e);
/* What report_start_year did, as one sentence for the clerk (the screen and xhht new). */
void report_start_told(int year, int from_year, bool keep_figures, char *out, size_t size);
/* The nearest year before year with a stored report, or 0. */
int report_year_before(struct store *db, int year);
/* Parses a year argument (2000..2100). */
bool report_parse_year(const char *s, int *year);
/* What a report answers, its period: the yearly report of a year ("2025": phase_first 0), or
 * the review of a phase ("2023-2025": phase_first 2023, year 2025, the phase's closing year, in
 * which the review is filed). Command lines take it where they take a year; names of files and
 * messages write it with report_period_text. */
#define REPORT_PERIOD_SIZE 16
bool report_parse_period(const char *s, int *year, int *phase_first);
void report_period_text(int year, int phase_first, char out[REPORT_PERIOD_SIZE]);
/* The period in a sentence about a report, in the interface language: "năm 2025", "giai đoạn
 * 2023-2025" ("báo cáo %s"); "2025", "2023-2025 phase" ("the %s report"). */
#define REPORT_PERIOD_NAME_SIZE 48
void report_period_name(int year, int phase_first, char out[REPORT_PERIOD_NAME_SIZE]);

#endif
