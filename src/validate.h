/* validate.h: the one validation engine: evaluates a template's rules over a report. */
#ifndef XHHT_VALIDATE_H
#define XHHT_VALIDATE_H

#include "report.h"

enum finding_kind {
	FK_INVALID, /* the value itself is not acceptable (range, length, option): load refuses */
	FK_MISSING, /* a required value is absent */
	FK_RULE,    /* a format or cross-field rule */
};

struct finding {
	enum level level;
	enum finding_kind kind;
	int field;  /* template field */
	int column; /* column of a table field, or -1 */
	int row;    /* 1-based row of a table, or 0 */
	const char *rule_id; /* the template rule, or NULL for built-in checks */
	char *path;    /* "dao_tao.luot_hoc", "khen_thuong.de_nghi[2].chuc_vu" */
	char *message; /* in the interface language, naming the field */
};

struct findings {
	struct finding *items;
	size_t n;
	size_t errors, warnings;
};

/* today is YYYY-MM-DD. Findings come in template order. */
void validate_report(const struct report *r, const char *today, struct findings *out);
void findings_free(struct findings *f);

#endif
