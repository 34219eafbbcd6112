/* review.c: the Ministry's review as the clerk's screens show it: the comments on a field (or
 * on the whole report) as a quote behind a bar, and the word the home screen gives a year. */
#include <stdio.h>

#include "clerk.h"
#include "i18n.h"
#include "unit.h"
#include "widgets.h"

void
review_comments(const struct unit_review *rv, int field, struct buf *out)
{
	for (size_t i = 0; i < rv->n; i++)
		if (rv->notes[i].field == field)
			buf_printf(out, "%s%s: %s", out->len ? "\n" : "",
				   field < 0 ? L("Bộ Y tế, về cả báo cáo",
						 "The Ministry, on the whole report")
					     : L("Bộ Y tế", "The Ministry"),
				   rv->notes[i].text);
}

int
review_block(struct tui *t, const struct unit_review *rv, int field, int y, int x, int w, int max,
	     bool draw)
{
	struct buf b;
	int n = 0;
	buf_init(&b);
	review_comments(rv, field, &b);
	if (b.len && max > 0)
		n = form_quote(t, y, x, w, max, b.data, draw);
	buf_free(&b);
	return n;
}

void
review_word(const struct year_status *ys, char *out, size_t n)
{
	if (!ys->reviewed)
		out[0] = '\0';
	else if (ys->review == RV_APPROVED)
		snprintf(out, n, "%s", L("Bộ đã duyệt", "Approved by the Ministry"));
	else
		snprintf(
		    out, n,
		    L("Bộ yêu cầu sửa (%zu ý kiến)", "The Ministry asks for fixes (%zu comments)"),
		    ys->review_comments);
}
