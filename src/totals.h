/* totals.h: the year's totals over the units' merged reports (report-template.md, "What the
 * central makes of it"): each aggregate with the units behind it, and the nominations for
 * higher commendation with the breaches of the plan's rules. The exports and the desk both
 * read them from here. */
#ifndef XHHT_TOTALS_H
#define XHHT_TOTALS_H

#include <stdbool.h>
#include <stdint.h>

#include "report.h"
#include "store.h"
#include "summary.h"
#include "util.h"

/* What one unit's report gave an aggregate. */
struct total_unit {
	char *code, *name;
	bool answered;
	int64_t value; /* yes/no: 1 or 0 */
	int lacks;     /* the version of the unit's template when it has no such field, else 0 */
};

/* An aggregate of one field: numbers (int, money) summed with their lowest and highest; yes/no
 * answers counted ("đạt x/y đơn vị" for a criterion: x = sum, y = answered). */
struct total {
	const struct field *f; /* of the year's template (year_totals.t), or of another version */
	int64_t sum, min, max; /* min and max only when answered > 0 */
	size_t answered;
	size_t lacking;      /* units whose template version has no such field: absent, never 0 */
	int lacking_version; /* the newest of those versions */
	struct total_unit *units; /* every unit counted, by code, answered or not */
	size_t nunits;
};

/* A rule of the template that a nomination breaks, as validation finds it on its row. */
struct breach {
	const char *rule_id; /* the template's rule (khen_thuong.de_nghi.co_thi_dua_chi_tap_the) */
	enum level level;
	char *message; /* what the rule says, its first sentence (the rest is advice to clerks) */
};

/* One row of a table the template groups for the central (group_by: the nominations). */
struct nomination {
	char *unit_code, *unit_name;
	const struct field *table; /* of the year's template */
	int row;                   /* 1-based, in the unit's table */
	struct value *cells;       /* one per column of table */
	struct breach *breaches;
	size_t nbreaches;
	int *rank; /* per group_by column: the value's place among its options (sorting) */
};

struct year_totals {
	int year;
	struct template *t;
	/* Other versions the year's units answered: their fields the year's template lacks are
	 * aggregated after its own (by id), so that no unit's answer is dropped. */
	struct template **others;
	size_t nothers;
	size_t units; /* units whose merged report is counted */
	struct total *items;
	size_t n;
	/* In group order (the options' order in the template: award, then kind), then by unit
	 * and row. */
	struct nomination *noms;
	size_t nnoms;
	size_t breaching; /* nominations with a breach */
};

/* The totals of year over every merged report, read as the importer read it. Free with
 * totals_free (also after a failure). */
enum status totals_year(struct store *db, int year, struct year_totals *out, struct err *e);
void totals_free(struct year_totals *y);

/* A value of the aggregate's field as people read it (1.250.000.000, "Đạt"). */
void total_format(const struct total *x, int64_t v, struct buf *out);
/* Column id of nomination n's table as read, or NULL (no such column or no value). */
const struct value *nomination_cell(const struct nomination *n, const char *column);
/* The group of a nomination as a heading: its group_by columns' labels ("Bằng khen của Thủ
 * tướng Chính phủ — Cá nhân"). */
void nomination_group(const struct nomination *n, struct buf *out);
/* Whether a and b are in the same group. */
bool nomination_same_group(const struct nomination *a, const struct nomination *b);
/* The values of the columns not in the group heading, in the template's order, joined by " — "
 * on one line ("Nguyễn Hữu Phước — Trưởng khoa Cấp cứu — Chủ nhiệm 2 sáng kiến…"). */
void nomination_line(const struct nomination *n, struct buf *out);

/* CSV: the heading of a row of nominations of table (unit, year, row, each column, a choice's
 * code beside its label), and n's cells under it (year: the report's), without line end. */
void nomination_csv_heading(const struct field *table, struct buf *out);
void nomination_csv_cells(const struct nomination *n, int year, struct buf *out);

/* The nominations of year as text (grouped, each breach marked ⚠), CSV for Excel (one row a
 * nomination, its breaches in the last columns) or JSON: xhht-central proposals. */
enum status totals_proposals(struct store *db, int year, enum summary_format fmt, struct buf *out,
			     struct err *e);

#endif
