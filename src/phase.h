/* phase.h: a phase review (mid-term 2023-2025, final 2023-2030) pre-filled from the unit's
 * yearly reports of the phase, as its template's "prefill" fields say. */
#ifndef XHHT_PHASE_H
#define XHHT_PHASE_H

#include "report.h"

struct phase_fill {
	struct report *r; /* the review for its last year, pre-filled; values stay editable */
	char **from;      /* per field of r->t: the years the value came from, in the interface
			   * language ("2023: 12, 2024: 15; không có báo cáo năm 2025"); NULL when
			   * the field is not pre-filled */
	char *sources; /* which report of each year was read, a line each ("2023: đã gửi lần
			* 2", "2024: bản nháp chưa gửi", "2025: chưa có báo cáo") */
	int missing[REPORT_MAX_YEAR - REPORT_MIN_YEAR + 1]; /* years without a yearly report */
	size_t nmissing;
};

/* The newest phase review template this database holds for the years first-last (a template
 * with "phase"; first 0: any phase closing in last); ST_REFUSED, naming the phases it holds,
 * when there is none. */
enum status phase_template(struct store *db, int first, int last, struct template **out,
			   struct err *e);
/* Why the unit holds no report of the period year (phase_first 0) or phase_first-year: a phase
 * no template answers is named as such, with the phases held (a typing slip such as 2023-2026
 * is not "not started"); else report_no_report. ST_REFUSED, or ST_ENV on a store failure. */
enum status phase_no_report(struct store *db, int year, int phase_first, struct err *e);
/* A phase a review template answers: its first and closing years. */
struct phase_span {
	int first, last;
};
#define PHASE_SPANS_MAX 32
/* Every phase this database holds a review template for, each once, in order of closing year
 * (then first year); at most PHASE_SPANS_MAX. */
enum status phase_spans(struct store *db, struct phase_span out[PHASE_SPANS_MAX], size_t *n,
			struct err *e);
/* Pre-fills a review of template t (a phase review) from the unit's stored report of each year
 * of the phase: the report as last saved (the last packed revision, and the clerk's changes
 * since, if any). A year without a report on t's source template is skipped and listed in
 * missing; a year whose template version lacks a field (or has it of another type) leaves that
 * field and says so in its provenance. ST_REFUSED when t is not a phase review. Takes a
 * reference to t. */
enum status phase_prefill(struct store *db, struct template *t, struct phase_fill *out,
			  struct err *e);
void phase_fill_free(struct phase_fill *p);
/* Starts the review of the phase first-last (xhht new 2023-2025): pre-filled as phase_prefill
 * does and stored as a draft of its own, each pre-filled field's provenance and the sources
 * kept beside it in both languages. ST_REFUSED, naming the draft, when it is started already. */
enum status phase_start(struct store *db, int first, int last, struct err *e);
/* Fills the stored review again from the yearly reports as they are now, field by field, where
 * the clerk has not changed the pre-filled value (those are counted in kept, never
 * overwritten; the others in filled). */
enum status phase_refill(struct store *db, int first, int last, size_t *filled, size_t *kept,
			 struct err *e);
/* The stored review of the phase with its stored provenance, in the shape phase_prefill gives
 * (a field the clerk changed says so: "đã sửa, điền sẵn là 47 (2023: 12, …)"); ST_REFUSED when
 * it is not started. */
enum status phase_stored(struct store *db, int first, int last, struct phase_fill *out,
			 struct err *e);

#endif
