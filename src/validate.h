/* validate.h: the one validation engine: evaluates a template's rules over a report. */
#ifndef XHHT_VALIDATE_H
#define XHHT_VALIDATE_H

#include "report.h"

enum finding_kind {
	FK_INVALID, /* the value itself is not acceptable (range, length, option): load refuses */
	FK_MISSING, /* a required value is absent */
	FK_RULE,    /* a format or cross-field rule */
	FK_SETTING, /* a setting of the unit that the printed report needs: field -1, path the
		       setting's key ("unit.place") */
};

struct finding {
	enum level level;
	enum finding_kind kind;
	int field;  /* template field, or -1 for a setting (FK_SETTING) */
	int column; /* column of a table field, or -1 */
	int row;    /* 1-based row of a table, or 0 */
	const char *rule_id; /* the template rule, or NULL for built-in checks */
	char *path;    /* "dao_tao.luot_hoc", "khen_thuong.de_nghi[2].chuc_vu" */
	char *message; /* in the interface language, naming the field */
	size_t body;   /* where message's own words start, after a table's "label, row N: " */
};

struct findings {
	struct finding *items;
	size_t n;
	size_t errors, warnings;
};

/* today is YYYY-MM-DD. Findings come in template order. */
void validate_report(const struct report *r, const char *today, struct findings *out);
/* What the printed report needs beyond the report itself, appended to out (after
 * validate_report's findings): without a place name (place: the "unit.place" setting, or NULL)
 * the date line prints dots, a warning. The report's data and its bundle do not hold the place,
 * so packing does not ask for it; checking the report does. */
void validate_printed(const char *place, struct findings *out);
/* The heading a finding is listed under: its field's section, or "Cài đặt" for a setting. */
const char *finding_heading(const struct report *r, const struct finding *x);
void findings_free(struct findings *f);
/* Checks value v of one field (or of column `column` of table field `field`, in its 1-based
 * row `row`) by the same
 * built-in checks as validate_report, before it is stored: range, length, format, option,
 * date. The template's rules, which read other fields, and whether it is required are the
 * whole report's check. today is YYYY-MM-DD. */
void validate_field(const struct report *r, int field, int column, int row, const struct value *v,
		    const char *today, struct findings *out);
/* Whether the findings hold a value that is not acceptable at all (FK_INVALID): what loading a
 * report refuses, the form refuses too. */
bool findings_refuse(const struct findings *f);
/* The message of the first finding that refuses (findings_refuse's), or "" when none does. */
const char *findings_refusal(const struct findings *f);
/* What a field expects, for the clerk before typing ("dd/mm/yyyy", "số từ 1 đến 1.000"), in
 * the interface language; nothing for a free text. */
void validate_expected(const struct field *f, struct buf *out);

#endif
