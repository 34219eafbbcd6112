/* attachments.c: the files that travel with the report (the scanned, stamped report): add,
 * list, remove. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clerk.h"
#include "i18n.h"
#include "report.h"
#include "unit.h"
#include "widgets.h"

struct attachments {
	int year, phase_first; /* the report's period */
	char **names;
	char **lines;
	int n, sel;
	int cols; /* the width the lines were made for */
};

static const enum action hints[] = {ACT_ADD, ACT_DELETE, ACT_BACK, ACT_HELP, ACT_QUIT, ACT_NONE};
static const enum action keys_taken[] = {ACT_NEXT, ACT_PREV, ACT_ADD, ACT_DELETE, ACT_BACK,
					  ACT_NONE};

static void
att_clear(struct attachments *a)
{
	for (int i = 0; i < a->n; i++) {
		free(a->names[i]);
		free(a->lines[i]);
	}
	free(a->names);
	free(a->lines);
	a->names = a->lines = NULL;
	a->n = 0;
}

static void
load(struct tui *t, struct attachments *a)
{
	struct attachment_row *rows;
	size_t nrows;
	struct err e;
	att_clear(a);
	a->cols = t->cols;
	if (unit_attachments(t->db, a->year, a->phase_first, &rows, &nrows, &e) != ST_OK)
		return;
	for (size_t i = 0; i < nrows; i++) {
		char when[32];
		a->names = xreallocarray(a->names, (size_t)a->n + 1, sizeof *a->names);
		a->lines = xreallocarray(a->lines, (size_t)a->n + 1, sizeof *a->lines);
		time_vietnam(rows[i].added_at, when);
		a->names[a->n] = xstrdup(rows[i].name);
		/* Padded by the columns the name takes, not its bytes (a letter with a diacritic
		 * is two or three): the columns stay aligned. The name gives way first: the type,
		 * size and date (49 columns with the margins) stay whole at 80 columns. */
		int width = t->cols - 49 < 16 ? 16 : t->cols - 49 > 60 ? 60 : t->cols - 49;
		char *name = tui_abbrev(t, rows[i].name, width);
		int pad = width - tui_width(t, name);
		a->lines[a->n] = xasprintf("%s%*s %-16s %8.1f KB  %s", name, pad > 0 ? pad : 0, "",
					   rows[i].type, rows[i].size / 1024.0, when);
		free(name);
		a->n++;
	}
	unit_attachments_free(rows, nrows);
	if (a->sel >= a->n)
		a->sel = a->n > 0 ? a->n - 1 : 0;
}

void
attachments_open(struct tui *t, int year, int phase_first)
{
	struct attachments *a = xcalloc(1, sizeof *a);
	a->year = year;
	a->phase_first = phase_first;
	load(t, a);
	tui_set_help(t, L("Tệp đính kèm", "Attachments"),
		     L("Đính kèm bản quét báo cáo đã ký, đóng dấu (PDF, JPEG hoặc PNG, mỗi tệp tối đa 32 MB). "
		       "Tệp được chép vào dữ liệu của chương trình và đi cùng gói báo cáo.",
		       "Attach the scanned, signed and stamped report (PDF, JPEG or PNG, at most 32 MB "
		       "each). The file is copied into the program's data and travels in the bundle."));
	tui_push(t, &screen_attachments, a);
}

static void
attachments_draw(struct tui *t)
{
	struct attachments *a = tui_state(t);
	char title[100], line[200], name[REPORT_PERIOD_NAME_SIZE];
	report_period_name(a->year, a->phase_first, name);
	snprintf(title, sizeof title, L("Tệp đính kèm báo cáo %s", "Attachments of the %s report"),
		 name);
	tui_chrome(t, title);
	curs_set(0);
	if (a->cols != t->cols) /* resized: the names cut again for the new width */
		load(t, a);
	if (a->n == 0) {
		snprintf(line, sizeof line,
			 L("Chưa có tệp nào. Nhấn %s để thêm bản quét báo cáo.",
			   "No files yet. Press %s to add the scanned report."),
			 action_keys_or(ACT_ADD));
		tui_text(t, 3, 2, t->cols - 4, line);
	}
	for (int i = 0; i < a->n && i < t->rows - 5; i++)
		tui_list_line(t, 2 + i, 0, t->cols, a->lines[i], i == a->sel);
}

static void
add(struct tui *t, struct attachments *a)
{
	static const char *const suffixes[] = {".pdf", ".jpg", ".jpeg", ".png", NULL};
	struct err e;
	char *path = tui_choose_path_kept(t, L("Chọn bản quét báo cáo (PDF, JPEG, PNG)", "Choose the scanned report (PDF, JPEG, PNG)"),
					  false, suffixes, "folder.attach");
	if (path == NULL)
		return;
	if (unit_attach(t->db, a->year, a->phase_first, path, &e) != ST_OK)
		tui_error(t, &e);
	else
		tui_message(t, false, L("Đã đính kèm %s.", "Attached %s."), path);
	free(path);
	load(t, a);
}

static void
remove_one(struct tui *t, struct attachments *a)
{
	struct err e;
	char q[400];
	snprintf(q, sizeof q, L("Bỏ tệp %s khỏi báo cáo?", "Remove %s from the report?"), a->names[a->sel]);
	if (tui_confirm(t, q) && unit_detach(t->db, a->year, a->phase_first, a->names[a->sel], &e) != ST_OK)
		tui_error(t, &e);
	load(t, a);
}

static bool
attachments_key(struct tui *t, enum action act, wint_t ch, bool is_text)
{
	struct attachments *a = tui_state(t);
	(void)ch;
	(void)is_text;
	if (act == ACT_NEXT || act == ACT_PREV)
		return list_move(&a->sel, a->n, 1, act);
	if (act == ACT_ADD)
		add(t, a);
	else if (act == ACT_DELETE && a->n > 0)
		remove_one(t, a);
	return act == ACT_ADD || act == ACT_DELETE;
}

static void
attachments_leave(struct tui *t)
{
	struct attachments *a = tui_state(t);
	att_clear(a);
	free(a);
}

const struct screen screen_attachments = {
	.id = "attachments",
	.draw = attachments_draw,
	.key = attachments_key,
	.leave = attachments_leave,
	.hints = hints,
	.keys = keys_taken,
};
