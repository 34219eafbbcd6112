/* export.c: the year's export from the desk's views: the same files as xhht-central export
 * (summary_export): the printable consolidated report (HTML) and the CSV for Excel with a file
 * per table beside it, written into a folder staff choose. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"
#include "i18n.h"
#include "summary.h"

/* Where the files go: tong-hop-YEAR.html, tong-hop-YEAR.csv, and each table's CSV beside it
 * (tong-hop-YEAR.TABLE.csv, as the command line names it beside -o). */
struct export_to {
	const char *dir;
	int year;
	struct buf said; /* the names written, for the message */
	size_t n;
};

static void
export_said(struct export_to *x, const char *path)
{
	const char *slash = strrchr(path, '/');
	buf_printf(&x->said, "%s%s", x->n++ ? ", " : "", slash ? slash + 1 : path);
}

static char *
export_table_path(void *ctx, const char *table_id)
{
	struct export_to *x = ctx;
	char *path = xasprintf("%s/tong-hop-%d.%s.csv", x->dir, x->year, table_id);
	export_said(x, path);
	return path;
}

/* One format of the export written to dir. */
static enum status
export_one(struct tui *t, struct export_to *x, enum summary_format fmt, struct err *e)
{
	struct buf b;
	char *path =
	    xasprintf("%s/tong-hop-%d.%s", x->dir, x->year, fmt == SF_HTML ? "html" : "csv");
	buf_init(&b);
	enum status rc =
	    summary_export(t->db, x->year, fmt, &b, fmt == SF_CSV ? export_table_path : NULL, x, e);
	if (rc == ST_OK && (rc = file_write_atomic(path, b.data, b.len, e)) == ST_OK)
		export_said(x, path);
	buf_free(&b);
	free(path);
	return rc;
}

void
desk_export_year(struct tui *t, int year)
{
	struct err e = {0};
	char *dir = tui_choose_path_kept(
	    t,
	    L("Lưu báo cáo tổng hợp (HTML, CSV) vào đâu? (USB ở đầu danh sách)",
	      "Save the consolidated report (HTML, CSV) where? (USB sticks first)"),
	    true, NULL, "folder.desk_export");
	if (dir == NULL)
		return;
	struct export_to x = {.dir = dir, .year = year};
	buf_init(&x.said);
	if (export_one(t, &x, SF_HTML, &e) != ST_OK || export_one(t, &x, SF_CSV, &e) != ST_OK)
		tui_error(t, &e);
	else
		tui_message(t, false,
			    L("Đã ghi %zu tệp tổng hợp năm %d vào %s: %s",
			      "Wrote %zu files of the %d totals in %s: %s"),
			    x.n, year, dir, x.said.data);
	buf_free(&x.said);
	free(dir);
}
