/* remind.h: the reminders of a year: the units not heard from (summary_units' "not received"),
 * with the contact each gave in its last earlier report, as a CSV and printable letters. */
#ifndef XHHT_REMIND_H
#define XHHT_REMIND_H

#include "store.h"
#include "util.h"

/* A unit to remind, and whom it named in its last report of an earlier year ("" for each
 * when it never reported, or left the field empty). */
struct remind_row {
	char *code, *name, *group;
	int last_year; /* the year of that report; 0: none */
	char *signer, *signer_title, *preparer, *phone, *email;
};

struct remind_list {
	int year;
	int due_day, due_month; /* the yearly template's */
	long days_past;         /* days since the due day; 0 on it, negative before it */
	size_t units;           /* registered units */
	struct remind_row *rows;
	size_t n;
};

/* The units of year whose state is "not received" (summary_units, the one rule), by code, each
 * with the contact read from its merged report of the latest earlier year. Free with
 * remind_list_free (also after a failure). */
enum status remind_list(struct store *db, int year, struct remind_list *out, struct err *e);
void remind_list_free(struct remind_list *l);

/* The list as a CSV for Excel (byte-order mark, one line per unit, text cells by buf_csv). */
void remind_csv(const struct remind_list *l, struct buf *out);
/* The reminder letters as one HTML document for A4: one page per unit, an administrative
 * letter of the Ministry's personnel department (Decree 30/2020), in Vietnamese. today is the
 * letter's date (ISO). */
void remind_html(const struct remind_list *l, const char *today, struct buf *out);

/* Writes both into folder dir as nhac-nop-YEAR.csv and thu-don-doc-YEAR.html (replacing files
 * of those names; both written under temporary names before either takes its name), letters
 * dated today. *csv and *html (new strings) name the files; *n is the units reminded. */
enum status remind_save(struct store *db, int year, const char *dir, char **csv, char **html,
			size_t *n, struct err *e);

#endif
