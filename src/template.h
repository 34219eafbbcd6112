/* template.h: the report template (sections, fields, rules) read from its JSON data file. */
#ifndef XHHT_TEMPLATE_H
#define XHHT_TEMPLATE_H

#include <stdbool.h>
#include <stdint.h>

#include "i18n.h"
#include "store.h"
#include "util.h"

struct tr {
	char *vi, *en;
};
#define TR(t) (ui_lang == LANG_EN ? (t).en : (t).vi)

enum ftype { F_TEXT, F_LONGTEXT, F_INT, F_MONEY, F_DATE, F_YESNO, F_CHOICE, F_TABLE };
/* A rule's level: the enum, its keyword in template files, the word for people ("lỗi"), the
 * padded tag of a list line and the heading of a finding's detail, each written once. */
#define FINDING_LEVELS(X)                                                                          \
	X(LV_ERROR, "error", "lỗi", "error", "LỖI     ", "ERROR  ", "Lỗi:", "Error:")              \
	X(LV_WARNING, "warning", "cảnh báo", "warning", "cảnh báo", "warning",                     \
	  "Cảnh báo:", "Warning:")

enum level {
#define FINDING_LEVEL_ENUM(id, name, vi, en, tag_vi, tag_en, head_vi, head_en) id,
	FINDING_LEVELS(FINDING_LEVEL_ENUM)
#undef FINDING_LEVEL_ENUM
};
enum format { FMT_NONE, FMT_PHONE, FMT_EMAIL };
/* How a phase review's field is pre-filled from the unit's yearly reports of the phase
 * (docs/template-format.md, "Phase reviews"): the enum, its keyword in template files, the
 * types of field it fills, each written once. */
#define PREFILL_HOWS(X)                                                                            \
	X(PF_SUM, "sum")     /* int/money: the yearly figures added */                             \
	X(PF_COUNT, "count") /* int: the years a yes/no field was answered yes */                  \
	X(PF_ROWS, "rows")   /* table: every year's rows one after another */                      \
	X(PF_LAST, "last")   /* any but a table: the latest year's value */                        \
	X(PF_YEARS, "years") /* text/longtext: each year's value on a line "2023: ..." */

enum prefill_how {
	PF_NONE,
#define PREFILL_HOW_ENUM(id, name) id,
	PREFILL_HOWS(PREFILL_HOW_ENUM)
#undef PREFILL_HOW_ENUM
};

struct expr;

struct option {
	char *value;
	struct tr label;
};

struct rule {
	char *id;
	int field; /* index of the field (or column, in row rules) the finding is shown on */
	enum level level;
	struct expr *when;
	struct tr message;
};

struct field {
	char *id; /* "dao_tao.luot_hoc", or "ten" for a column */
	int section;
	enum ftype type;
	struct tr label, help;
	bool required;
	struct expr *required_if;
	int64_t min, max;
	size_t max_length;
	enum format format;
	int digits_min, digits_max;
	bool not_after_today;
	struct option *options;
	size_t noptions;
	struct tr yes_label, no_label;
	size_t min_rows, max_rows;
	struct field *columns;
	size_t ncolumns;
	struct rule *row_rules;
	size_t nrow_rules;
	int *group_by; /* table: columns the central groups rows by in exports */
	size_t ngroup_by;
	enum prefill_how prefill; /* a phase review's field: how the yearly reports fill it */
	char *prefill_from;       /* the yearly template's field it is filled from */
	int prefill_year_column;  /* rows: the int column given each row's year, or -1 */
	bool plain_digits;        /* int: written without thousands separators (a year) */
};

struct section {
	char *id;
	struct tr title, help;
	size_t first, count; /* its fields in template.fields */
};

struct template {
	char *id;
	int version;
	struct tr title;
	int due_month, due_day;
	struct section *sections;
	size_t nsections;
	struct field *fields;
	size_t nfields;
	struct rule *rules;
	size_t nrules;
	char *source; /* the JSON text it was read from */
	/* A phase review (mid-term 2023-2025, final 2023-2030): its years, and the id of the yearly
	 * template its fields are pre-filled from; phase_first is 0 for any other template. */
	int phase_first, phase_last;
	char *phase_source;
	int refs;     /* templates are shared (template_get caches them): never modify one */
};

/* Reads and checks a template; every expression is parsed and type-checked here, so that a
 * mistake in a template file is found when it is loaded, not when a clerk checks a report. */
enum status template_parse(const char *json, struct template **out, struct err *e);
/* Drops one reference; the last one frees. */
void template_free(struct template *t);

const char *level_name(enum level lv);    /* "error", as in template files */
int level_parse(const char *name);        /* the level of a name ("warning"), or -1 */
const char *level_word(enum level lv);    /* "lỗi" / "error", in the UI language */
const char *level_tag(enum level lv);     /* the same padded to one width, for lists */
const char *level_heading(enum level lv); /* "Lỗi:" / "Error:" */

/* Index of a field by id, or -1. */
int template_field(const struct template *t, const char *id);
/* The fields a clerk's search finds, in the template's order: each word of query (without
 * diacritics or case: "nguoi ky" finds "Người ký") is part of the field's label, in either
 * language, or of its id. Writes at most max indexes to out; returns how many. */
size_t template_find(const struct template *t, const char *query, int *out, size_t max);
/* Index of a column of a table field by id, or -1. */
int field_column(const struct field *table, const char *id);
const char *ftype_name(enum ftype t);
/* Whether column k of a table is one its rows are grouped by (group_by): the exports and the
 * totals show it in the group's heading, not in each row. */
bool field_grouped_column(const struct field *table, size_t k);
/* Label of a choice value, or the value itself when it is not an option. */
const char *field_option_label(const struct field *f, const char *value);

/* Whether a phase review's pre-filled fields fit the yearly template src they are filled from
 * (each source field there, of a type its way of filling takes); the first misfit named in e. */
enum status template_check_prefill(const struct template *t, const struct template *src,
				   struct err *e);
/* The same against several versions of the yearly template (newest first): each pre-filled
 * field must fit one of them (a phase's years may answer different versions); the misfit said
 * is the first version's. n >= 1. */
enum status template_check_prefill_any(const struct template *t, const struct template *const *src,
				       size_t n, struct err *e);
/* The index in src of the field that fills phase review field f: -1 when src has no such
 * field, -2 when it is (or one of the table's columns is) of a type f cannot take. */
int template_prefill_source(const struct field *f, const struct template *src);
const char *prefill_name(enum prefill_how how); /* "sum", as in template files */

/* Templates built into the program (db/templates/). */
size_t template_builtin_count(void);
const char *template_builtin_source(size_t i);

/* Stores a template in the database unless that id and version is already there; a different
 * text under the same id and version is refused. */
enum status template_install(struct store *db, const char *json, struct err *e);
/* template_install telling whether that very text was there already (*already: nothing done):
 * the one check of a known id and version, made where the caller's transaction stores it. */
enum status template_store(struct store *db, const char *json, bool *already, struct err *e);
/* Reads a stored template. Parsed templates are kept by the hash of their text and shared:
 * the importer reads the same one for every bundle, and parsing it is most of its work. */
/* The id of the Ministry's yearly report template: what a new draft answers (its newest
 * version) and whose due date the central's status counts from. Other templates (tests, future
 * surveys) are read when a report names them. */
#define TEMPLATE_YEARLY "bao-cao-nam"

enum status template_get(struct store *db, const char *id, int version, struct template **out,
			 struct err *e);
/* Drops what template_get remembers of a connection (store_close calls it). */
void template_forget(struct store *db);

#endif
