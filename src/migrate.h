/* migrate.h: moving a year's draft to a newer version of its template: the plan (what becomes
 * of each field and column), the move, and the values the new version could not take, kept. */
#ifndef XHHT_MIGRATE_H
#define XHHT_MIGRATE_H

#include "report.h"

/* What becomes of a field or column of the draft's version in the newer one: its name in the
 * plan's lists, the heading people read. */
#define MOVE_KINDS(X)                                                                              \
	X(MV_KEPT, "kept", "Giữ nguyên", "Kept")                                                   \
	X(MV_CHANGED, "changed", "Giữ, mẫu mới đã đổi", "Kept, changed in the new version")        \
	X(MV_DROPPED, "dropped", "Bỏ khỏi mẫu mới", "Dropped from the new version")                \
	X(MV_NEW, "new", "Mục mới", "New")                                                         \
	X(MV_NEW_REQUIRED, "new-required", "Mục mới bắt buộc", "New and required")

enum move_kind {
#define MOVE_KIND_ENUM(id, name, vi, en) id,
	MOVE_KINDS(MOVE_KIND_ENUM)
#undef MOVE_KIND_ENUM
};

/* Why a value of the draft cannot go into the new version: its name as stored
 * (dropped_value.reason) and the phrase people read. */
#define DROP_REASONS(X)                                                                            \
	X(DR_REMOVED, "removed", "mục không còn trong mẫu mới",                                    \
	  "the field is not in the new version")                                                   \
	X(DR_TYPE, "type", "kiểu mới của mục không giữ nguyên được giá trị",                       \
	  "the field's new type cannot hold the value as it is")                                   \
	X(DR_OPTION, "option", "lựa chọn này không còn trong mẫu mới",                             \
	  "the choice is no longer offered")                                                       \
	X(DR_CHECK, "check", "giá trị vượt giới hạn mới của mục",                                  \
	  "the value is outside the field's new limits")

enum drop_reason {
#define DROP_REASON_ENUM(id, name, vi, en) id,
	DROP_REASONS(DROP_REASON_ENUM)
#undef DROP_REASON_ENUM
};

/* What changed in a field kept (MV_CHANGED), as bits. */
enum { MC_TYPE = 1, MC_OPTIONS = 2, MC_LIMITS = 4, MC_LABEL = 8 };

struct move_item {
	enum move_kind kind;
	const struct field *from, *to; /* in the draft's and the new version; NULL where absent */
	const struct field *table_from, *table_to; /* a column's table; NULL for a field */
	unsigned changes;                          /* MC_* */
	size_t values, dropped; /* values the draft holds there; of those, kept as dropped */
};

/* One value of the draft the new version cannot take. */
struct move_drop {
	size_t item; /* in move_plan.items */
	int row;     /* 1-based row of its table, 0 for a field */
	enum drop_reason why;
	const struct value *v; /* in the plan's draft */
};

struct move_plan {
	int year, phase_first;        /* the draft's period: phase_first 0 for a yearly report */
	int from, to;                 /* versions; equal when there is nothing to move */
	struct report *draft, *moved; /* the draft as stored, and as it becomes */
	struct move_item *items;      /* the draft's fields in order, then the new ones */
	size_t nitems;
	struct move_drop *drops;
	size_t ndrops;
};

/* The plan of moving the draft of the period (year, phase_first: 0 for the yearly report, the
 * phase's first year for a phase review) to the newest stored version of its template; nothing
 * is written. ST_REFUSED when the period has no report, or when the newer version of a phase
 * review answers another phase. p->to == p->from: it answers the newest. */
enum status move_plan(struct store *db, int year, int phase_first, struct move_plan *p,
		      struct err *e);
/* Moves year's draft, in one transaction: the draft answers the newest version, every value the
 * new version takes is kept (converted only without loss), every other one is kept in the
 * dropped values of the year. p (zeroed first) receives the plan that was carried out; nothing
 * happens when there is nothing to move. */
enum status move_draft(struct store *db, int year, int phase_first, struct move_plan *p,
		       struct err *e);
void move_plan_free(struct move_plan *p);

/* The newest stored version of the template of the period's report when it is newer than the
 * report's (which goes into *draft_version when not NULL), else 0. */
int move_newer_version(struct store *db, int year, int phase_first, int *draft_version);

const char *move_kind_word(enum move_kind k);
const char *drop_reason_name(enum drop_reason r);
const char *drop_reason_word(enum drop_reason r);
/* A field's or column's label as the clerk reads it ("Mô hình — Tên mô hình"), from the new
 * version when it has one. */
void move_item_label(const struct move_item *it, struct buf *b);
/* What changed in a field kept, in a few words ("kiểu: số nguyên → văn bản"). */
void move_item_changes(const struct move_item *it, struct buf *b);
/* A dropped value as the clerk read it in the draft. */
void move_drop_text(const struct move_plan *p, const struct move_drop *d, struct buf *b);

/* The plan for people, one line each (the command line prints it, the clerk's screen shows
 * it): each kind's heading and its fields and columns, then every value the new version cannot
 * take: where it was ("[thi_dua.mo_hinh[2].hieu_qua]"), why, and the value, its lines indented.
 * Texts from the template and the draft are as they are: the front end makes them safe. */
void move_plan_write(const struct move_plan *p, struct buf *b);

/* A value kept by a move, as the year's dropped values hold it. */
struct dropped {
	int64_t id;
	int old_version, new_version;
	char *field_id, *column_id; /* column_id NULL for a field */
	int row;                    /* 1-based row of the old table, 0 for a field */
	char *label;                /* in the interface language, with the row */
	char *text;                 /* as the clerk read it */
	char *input;                /* as it is typed into a field (value_input_text) */
	enum drop_reason why;
	char moved_at[32];
};

/* The dropped values of the period (every move), oldest first. */
enum status dropped_list(struct store *db, int year, int phase_first, struct dropped **out,
			 size_t *n, struct err *e);
/* How many values the period's draft keeps dropped (the home screen's hint). */
size_t dropped_count(struct store *db, int year, int phase_first);
void dropped_free(struct dropped *d, size_t n);
/* Those values for people, as move_plan_write writes its drops (nothing when n is 0). */
void dropped_write(const struct dropped *d, size_t n, struct buf *b);

#endif
