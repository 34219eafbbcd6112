/* review.c: the desk's review of a unit's report (Ctrl-E on the report view): approve it or ask
 * for fixes, with comments on the whole report or on the field under the cursor; saved
 * (review_set, in the staff log), then sent back in a signed review file written to a folder
 * staff choose, or left to ride on the next receipt for that report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "central.h"
#include "crypto.h"
#include "desk.h"
#include "i18n.h"
#include "merged.h"
#include "review.h"
#include "template.h"

/* The comments staff have written so far in the dialog. */
struct draft {
	struct review_comment *c;
	size_t n;
};

static void
draft_free(struct draft *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->c[i].text);
	free(d->c);
}

/* Asks one comment's text, on field (-1: the whole report), and adds it. */
static void
draft_add(struct tui *t, struct draft *d, const struct template *tpl, int field)
{
	char title[400];
	if (field >= 0)
		snprintf(title, sizeof title, L("Ý kiến về mục \"%s\":", "Comment on \"%s\":"),
			 TR(tpl->fields[field].label));
	else
		snprintf(title, sizeof title, "%s",
			 L("Ý kiến về cả báo cáo:", "Comment on the whole report:"));
	char *text = tui_prompt(t, title, "", false);
	if (text == NULL || text[strspn(text, " ")] == '\0') {
		free(text);
		return;
	}
	d->c = xreallocarray(d->c, d->n + 1, sizeof *d->c);
	struct review_comment *c = &d->c[d->n++];
	snprintf(c->field, sizeof c->field, "%s", field >= 0 ? tpl->fields[field].id : "");
	c->text = text;
}

/* The comments, one menu after another until staff save (true) or give up (false). */
static bool
draft_write(struct tui *t, struct draft *d, enum review_state state, const struct template *tpl,
	    int field)
{
	enum { ON_FIELD, ON_REPORT, DROP_LAST, SAVE };
	for (;;) {
		char on_field[400], save[120], title[200];
		const char *labels[4];
		int what[4], n = 0, current = 0;
		if (field >= 0) {
			snprintf(on_field, sizeof on_field,
				 L("Thêm ý kiến về mục đang chọn: %s",
				   "Comment on the chosen field: %s"),
				 TR(tpl->fields[field].label));
			what[n] = ON_FIELD;
			labels[n++] = on_field;
		}
		what[n] = ON_REPORT;
		labels[n++] = L("Thêm ý kiến về cả báo cáo", "Comment on the whole report");
		if (d->n > 0) {
			what[n] = DROP_LAST;
			labels[n++] = L("Bỏ ý kiến vừa thêm", "Drop the last comment");
		}
		snprintf(save, sizeof save, L("Lưu: %s, %zu ý kiến", "Save: %s, %zu comments"),
			 review_state_word(state), d->n);
		what[n] = SAVE;
		if (d->n > 0 || state == RV_APPROVED)
			current = n;
		labels[n++] = save;
		snprintf(
		    title, sizeof title,
		    L("Xem xét: %s — ý kiến đã viết: %zu", "Review: %s — comments written: %zu"),
		    review_state_word(state), d->n);
		int k = tui_choose(t, title, labels, n, current);
		if (k < 0)
			return false;
		if (what[k] == SAVE && state == RV_NEEDS_FIXING && d->n == 0)
			tui_message(
			    t, true, "%s",
			    L("Yêu cầu sửa cần ít nhất một ý kiến nói cần sửa gì.",
			      "Needs fixing needs at least one comment saying what to fix."));
		else if (what[k] == SAVE)
			return true;
		else if (what[k] == DROP_LAST)
			free(d->c[--d->n].text);
		else
			draft_add(t, d, tpl, what[k] == ON_FIELD ? field : -1);
	}
}

/* After saving: the signed review file into a folder now, or the next receipt. */
static void
review_send(struct tui *t, const char *unit, int year, const char *saved)
{
	const char *labels[] = {
	    L("Ghi tệp ý kiến có chữ ký vào thư mục hoặc USB để gửi ngay (cần cụm mật khẩu)",
	      "Write the signed review file to a folder or USB to send now (needs the passphrase)"),
	    L("Để ý kiến đi kèm biên nhận tiếp theo cho báo cáo này",
	      "Let it go with the next receipt for this report"),
	};
	struct err e = {0};
	int k = tui_choose(t, L("Gửi ý kiến cho đơn vị thế nào?", "How does the unit get it?"),
			   labels, 2, 0);
	char *dir = k == 0
			? tui_choose_path_kept(t,
					       L("Ghi tệp ý kiến vào đâu? (USB ở đầu danh sách)",
						 "Write the review file where? (USB sticks first)"),
					       true, NULL, "folder.desk_reviews")
			: NULL;
	/* desk_office_keys says why it gives no key, unless staff cancelled. */
	bool refused = false;
	struct secret *sk =
	    dir != NULL
		? desk_office_keys(t,
				   L("Cụm mật khẩu của khóa văn phòng (để ký tệp ý kiến):",
				     "Passphrase of the office's keys (to sign the review file):"),
				   &refused)
		: NULL;
	char *path = NULL;
	if (sk != NULL && review_file_write(t->db, unit, year, sk->bytes, dir, &path, &e) != ST_OK)
		tui_error(t, &e);
	else if (sk != NULL)
		tui_message(t, false,
			    L("%s. Đã ghi tệp ý kiến %s: gửi tệp này cho đơn vị.",
			      "%s. Wrote the review file %s: send it to the unit."),
			    saved, path);
	else if (!refused)
		tui_message(t, false,
			    L("%s. Ý kiến sẽ đi kèm biên nhận tiếp theo cho báo cáo này.",
			      "%s. It goes with the next receipt for this report."),
			    saved);
	free(path);
	secret_free(sk);
	free(dir);
}

bool
desk_review(struct tui *t, const char *unit, int year, int revision, const struct template *tpl,
	    int field)
{
	char title[300], period[PERIOD_WORDS_SIZE];
	const char *states[] = {
	    L("Duyệt: báo cáo đạt", "Approve: the report is fine"),
	    L("Cần sửa: yêu cầu đơn vị sửa, kèm ý kiến", "Needs fixing: ask the unit for fixes"),
	};
	period_key_words(year, period);
	snprintf(
	    title, sizeof title,
	    L("Xem xét báo cáo %s của %s (lần gửi %d)", "Review the %s report of %s (revision %d)"),
	    period, unit, revision);
	int s = tui_choose(t, title, states, 2, 0);
	if (s < 0)
		return false;
	enum review_state state = s == 0 ? RV_APPROVED : RV_NEEDS_FIXING;
	struct draft d = {0};
	struct err e = {0};
	bool saved = draft_write(t, &d, state, tpl, field) &&
		     review_set(t->db, unit, year, revision, state, d.c, d.n, NULL, &e) == ST_OK;
	if (saved) {
		char said[200];
		snprintf(said, sizeof said, L("Đã lưu: %s, %zu ý kiến", "Saved: %s, %zu comments"),
			 review_state_word(state), d.n);
		review_send(t, unit, year, said);
	} else if (e.msg[0])
		tui_error(t, &e);
	else
		tui_message(t, false, "%s", L("Đã bỏ, không lưu gì.", "Given up: nothing saved."));
	draft_free(&d);
	return saved;
}
