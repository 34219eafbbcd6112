/* export.c: what the desk saves of a year (the board's F6, the menu's export): the reminders,
 * or the files xhht-central export and status write, named by the core (summary_save), into a
 * folder staff choose. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "across.h"
#include "desk.h"
#include "i18n.h"
#include "merged.h"
#include "summary.h"

/* What each export is, for people, in the order of SUMMARY_SAVES. */
static const struct {
	const char *vi, *en;
} kinds[SAVE_COUNT] = {
    [SAVE_HTML] = {"Báo cáo tổng hợp để in (HTML)", "The consolidated report to print (HTML)"},
    [SAVE_CSV] = {"Số liệu cho Excel (CSV, mỗi bảng một tệp)",
		  "The values for Excel (CSV, a file per table)"},
    [SAVE_JSON] = {"Báo cáo đã gộp và số tổng hợp (JSON)",
		   "The merged reports and aggregates (JSON)"},
    [SAVE_STATUS] = {"Danh sách trạng thái các đơn vị (CSV)", "The units' status list (CSV)"},
};

/* The chooser's lines: the reminders, each export with its file's name, then all of them. */
enum { ROW_REMIND, ROW_FIRST_SAVE, ROW_ALL = ROW_FIRST_SAVE + SAVE_COUNT, NROWS };

/* Writes the exports from..to (inclusive) into dir; says the files, or the first failure. */
static void
save_into(struct tui *t, int year, int from, int to, const char *dir)
{
	struct err e = {0};
	size_t files = 0;
	char names[600] = "";
	for (int k = from; k <= to; k++) {
		struct export_files x;
		if (summary_save(t->db, year, (enum summary_save)k, dir, &x, &e) != ST_OK) {
			export_files_free(&x);
			tui_error(t, &e);
			return;
		}
		files += 1 + x.ntables;
		char *name = summary_save_name((enum summary_save)k, year);
		size_t used = strlen(names);
		snprintf(names + used, sizeof names - used, "%s%s", used ? ", " : "", name);
		free(name);
		export_files_free(&x);
	}
	tui_message(t, false, L("Đã ghi %zu tệp vào %s: %s.", "Wrote %zu files into %s: %s."),
		    files, dir, names);
}

/* The Council's report of a phase from its reviews, HTML and CSV, into dir. */
static void
save_council(struct tui *t, int key, const char *dir)
{
	struct err e = {0};
	char *names = NULL;
	if (across_review_save(t->db, PERIOD_FIRST(key), PERIOD_YEAR(key), dir, &names, &e) !=
	    ST_OK)
		tui_error(t, &e);
	else
		tui_message(t, false, L("Đã ghi vào %s: %s.", "Wrote into %s: %s."), dir, names);
	free(names);
}

void
desk_export(struct tui *t, int year)
{
	char texts[NROWS][200];
	const char *labels[NROWS];
	/* A phase's first row is the Council's report from its reviews, not reminders. */
	bool phase = PERIOD_FIRST(year) != 0;
	if (phase)
		snprintf(texts[ROW_REMIND], sizeof texts[0], "%s",
			 L("Báo cáo trình Hội đồng Thi đua - Khen thưởng (HTML, CSV)",
			   "The report for the Emulation and Commendation Council (HTML, CSV)"));
	else
		snprintf(texts[ROW_REMIND], sizeof texts[0], "%s",
			 L("Thư đôn đốc và danh sách đơn vị chưa nộp (HTML, CSV)",
			   "Reminder letters and the units not heard from (HTML, CSV)"));
	for (int k = 0; k < SAVE_COUNT; k++) {
		char *name = summary_save_name((enum summary_save)k, year);
		snprintf(texts[ROW_FIRST_SAVE + k], sizeof texts[0], "%s: %s",
			 L(kinds[k].vi, kinds[k].en), name);
		free(name);
	}
	snprintf(texts[ROW_ALL], sizeof texts[0], "%s",
		 L("Tất cả các tệp số liệu trên", "All the export files above"));
	for (int i = 0; i < NROWS; i++)
		labels[i] = texts[i];
	char title[120], words[PERIOD_WORDS_SIZE];
	period_key_words(year, words);
	snprintf(title, sizeof title, L("Ghi gì ra tệp? (%s)", "Save what? (%s)"), words);
	int c = tui_choose(t, title, labels, NROWS, 0);
	if (c < 0)
		return;
	if (c == ROW_REMIND && !phase) {
		desk_save_reminders(t, year);
		return;
	}
	char *dir = tui_choose_path_kept(t,
					 L("Ghi vào thư mục nào? (USB ở đầu danh sách)",
					   "Write into which folder? (USB sticks first)"),
					 true, NULL, "folder.desk_export");
	if (dir == NULL)
		return;
	if (c == ROW_REMIND)
		save_council(t, year, dir);
	else if (c == ROW_ALL)
		save_into(t, year, 0, SAVE_COUNT - 1, dir);
	else
		save_into(t, year, c - ROW_FIRST_SAVE, c - ROW_FIRST_SAVE, dir);
	free(dir);
}
