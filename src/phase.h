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
/* Pre-fills a review of template t (a phase review) from the unit's stored report of each year
 * of the phase: the report as last saved (the last packed revision, and the clerk's changes
 * since, if any). A year without a report on t's source template is skipped and listed in
 * missing; a year whose template version lacks a field (or has it of another type) leaves that
 * field and says so in its provenance. ST_REFUSED when t is not a phase review. Takes a
 * reference to t. */
enum status phase_prefill(struct store *db, struct template *t, struct phase_fill *out,
			  struct err *e);
void phase_fill_free(struct phase_fill *p);

#endif
