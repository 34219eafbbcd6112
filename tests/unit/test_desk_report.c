/* test_desk_report.c: the central's merged report of a unit (merged.c: read as the importer read
 * it, observed on time or late, its attachments listed and saved) and the desk's report view
 * drawn on a curses screen into /dev/null: what it shows at 80×24 and after a resize, its keys,
 * and the attachments it saves. */
#include "bundle_fixture.h"

#include <dirent.h>
#include <fcntl.h>
#include <locale.h>
#include <wchar.h>

#include "desk.h"
#include "i18n.h"
#include "import.h"
#include "merged.h"
#include "settings.h"
#include "validate.h"

static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR tiny";
#define PNG_LEN (sizeof png - 1)

/* A central in memory holding UNIT_A's 2024 report (the sample) with a scan and a photo,
 * imported at now. */
struct world {
	struct central c;
	struct ukey k;
	char *dir; /* a folder to save into */
};

static void
world_new(struct world *w, const char *now)
{
	struct pack_request req;
	struct bundle_attachment att[2] = {
	    {.name = "bao-cao-quet.pdf",
	     .type = "application/pdf",
	     .size = sizeof pdf - 1,
	     .read = mem_read,
	     .ctx = (void *)pdf},
	    {.name = "Ảnh hội nghị.png",
	     .type = "image/png",
	     .size = PNG_LEN,
	     .read = mem_read,
	     .ctx = (void *)png},
	};
	struct err e = {0};
	size_t len;
	char *report = test_file(SAMPLE, NULL);
	central_new(&w->c);
	ukey_new(&w->k);
	bind(&w->c, UNIT_A, w->k.pk);
	request(&req, &w->c, &w->k, UNIT_A, report);
	req.att = att;
	req.natt = 2;
	unsigned char *data = pack(&req, false, &len, NULL);
	struct importer im = {.db = w->c.db, .sign_sk = w->c.sk->bytes, .box_sk = BOX_SK(&w->c)};
	memcpy(im.sign_pk, w->c.sign_pk, SIGN_PK_BYTES);
	memcpy(im.box_pk, w->c.box_pk, BOX_PK_BYTES);
	setenv("XHHT_NOW", now, 1);
	if (import_bundle(&im, data, len, "goi/BVDKM.xhht", NULL, NULL, &e) != ST_OK ||
	    import_finish(&im, &e) != ST_OK)
		fail_msg("import: %s", e.msg);
	assert_int_equal(im.counts[RO_MERGED], 1);
	unsetenv("XHHT_NOW");
	free(data);
	free(report);
	w->dir = test_tmpdir("desk-report");
}

static void
world_done(struct world *w)
{
	test_rmtree(w->dir);
	free(w->dir);
	central_done(&w->c);
}

/* ---- the core ------------------------------------------------------------------------------ */

static void
test_merged_report_read(void **state)
{
	(void)state;
	struct world w;
	struct report *r;
	struct merged_info info;
	struct err e = {0};
	world_new(&w, "2024-11-28T03:00:00Z");
	assert_int_equal(merged_report_read(w.c.db, UNIT_A, 2024, &r, &info, &e), ST_OK);
	assert_string_equal(r->unit_code, UNIT_A);
	assert_int_equal(r->revision, 1);
	assert_int_equal(info.revision, 1);
	assert_string_equal(info.unit_name, "Bệnh viện Đa khoa Minh Hòa");
	assert_string_equal(info.observed_at, "2024-11-28T03:00:00Z");
	assert_string_equal(info.deadline, "2024-12-05T17:00:00Z");
	assert_false(info.late);
	assert_false(info.by_mail);
	int f = template_field(r->t, "nguon_luc.kinh_phi");
	assert_int_equal(r->values[f].i, 3450000000LL);
	report_free(r);
	merged_info_free(&info);

	/* No report of that unit or year: refused, naming them, nothing handed out. */
	r = (struct report *)&e;
	assert_int_equal(merged_report_read(w.c.db, UNIT_B, 2024, &r, &info, &e), ST_REFUSED);
	assert_null(r);
	assert_non_null(strstr(e.msg, UNIT_B));
	assert_int_equal(merged_report_read(w.c.db, UNIT_A, 2023, &r, &info, &e), ST_REFUSED);
	assert_non_null(strstr(e.msg, "2023"));
	world_done(&w);

	/* Observed after the deadline (the end of 5 December, Vietnam time): late. */
	world_new(&w, "2024-12-05T17:00:00Z");
	assert_int_equal(merged_report_read(w.c.db, UNIT_A, 2024, &r, &info, &e), ST_OK);
	assert_true(info.late);
	report_free(r);
	merged_info_free(&info);
	world_done(&w);
}

/* A merged report whose stored text no longer reads is named with its unit, as exports say. */
static void
test_merged_report_damaged(void **state)
{
	(void)state;
	struct world w;
	struct report *r;
	struct merged_info info;
	struct err e = {0};
	world_new(&w, "2024-11-28T03:00:00Z");
	assert_int_equal(
	    sqlite3_exec(w.c.db->sql, "UPDATE bundle SET report = '{'", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(merged_report_read(w.c.db, UNIT_A, 2024, &r, &info, &e), ST_ENV);
	assert_null(r);
	assert_non_null(strstr(e.msg, "báo cáo đã hợp nhất của đơn vị " UNIT_A));
	world_done(&w);
}

static void
test_merged_attachments(void **state)
{
	(void)state;
	struct world w;
	struct merged_attachment *a;
	size_t n;
	struct err e = {0};
	char *path;
	world_new(&w, "2024-11-28T03:00:00Z");
	assert_int_equal(merged_attachments(w.c.db, UNIT_A, 2024, &a, &n, &e), ST_OK);
	assert_int_equal(n, 2);
	assert_string_equal(a[0].name, "bao-cao-quet.pdf");
	assert_string_equal(a[0].type, "application/pdf");
	assert_int_equal(a[0].size, sizeof pdf - 1);
	assert_string_equal(a[1].name, "Ảnh hội nghị.png");
	assert_int_equal(a[1].size, PNG_LEN);

	/* Saved under the unit, the year and the name made safe, the bytes as they came. */
	assert_int_equal(
	    merged_attachment_save(w.c.db, UNIT_A, 2024, a[1].position, w.dir, &path, &e), ST_OK);
	char *want = xasprintf("%s/BVDKM-2024-___nh_h___i_ngh___.png", w.dir);
	assert_string_equal(path, want);
	size_t len;
	char *got = test_file(path, &len);
	assert_int_equal(len, PNG_LEN);
	assert_memory_equal(got, png, PNG_LEN);
	free(got);
	free(want);
	free(path);
	/* Saving again replaces the file; no temporary file is left. */
	assert_int_equal(
	    merged_attachment_save(w.c.db, UNIT_A, 2024, a[0].position, w.dir, &path, &e), ST_OK);
	free(path);
	assert_int_equal(
	    merged_attachment_save(w.c.db, UNIT_A, 2024, a[0].position, w.dir, &path, &e), ST_OK);
	got = test_file(path, &len);
	assert_int_equal(len, sizeof pdf - 1);
	free(got);
	DIR *d = opendir(w.dir);
	struct dirent *de;
	int files = 0;
	while ((de = readdir(d)) != NULL)
		files += de->d_name[0] != '.';
	closedir(d);
	assert_int_equal(files, 2);
	free(path);
	/* A folder that is not there: an error naming it, no file. */
	char *gone = xasprintf("%s/khong-co", w.dir);
	assert_int_not_equal(
	    merged_attachment_save(w.c.db, UNIT_A, 2024, a[0].position, gone, &path, &e), ST_OK);
	assert_null(path);
	free(gone);
	/* An attachment that is not there. */
	assert_int_equal(merged_attachment_save(w.c.db, UNIT_A, 2024, 99, w.dir, &path, &e),
			 ST_REFUSED);
	merged_attachments_free(a, n);
	/* None for a unit without a report. */
	assert_int_equal(merged_attachments(w.c.db, UNIT_B, 2024, &a, &n, &e), ST_OK);
	assert_int_equal(n, 0);
	merged_attachments_free(a, n);
	world_done(&w);
}

static void
test_attachment_filename(void **state)
{
	(void)state;
	char *s = merged_attachment_filename("BV-01", 2024, "quet.pdf");
	assert_string_equal(s, "BV-01-2024-quet.pdf");
	free(s);
	s = merged_attachment_filename("BV", 2024, "../../etc/passwd");
	assert_null(strchr(s, '/'));
	free(s);
	s = merged_attachment_filename("BV", 2024, ".hidden");
	assert_string_equal(s, "BV-2024-_hidden");
	free(s);
	s = merged_attachment_filename("BV", 2024, "-rf.pdf");
	assert_string_equal(s, "BV-2024-_rf.pdf");
	free(s);
}

/* ---- the screen ---------------------------------------------------------------------------- */

/* The screen runs on curses drawing into /dev/null; keys a dialog reads come from a pipe the
 * test writes (keys_in), never closed: a closed terminal would end every later dialog. */
static bool have_curses;
static int keys_fd = -1;

static void
curses_start(void)
{
	int fds[2];
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return;
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	if (pipe(fds) != 0 || dup2(fds[0], 0) < 0)
		return;
	keys_fd = fds[1];
	FILE *out = fopen("/dev/null", "w"), *in = fdopen(0, "r");
	SCREEN *sc = out && in ? newterm("xterm", out, in) : NULL;
	if (sc == NULL && out && in)
		sc = newterm("vt100", out, in);
	have_curses = sc != NULL;
}

static void
keys_in(const char *keys)
{
	assert_int_equal(write(keys_fd, keys, strlen(keys)), (ssize_t)strlen(keys));
}

/* What the screen shows, rows joined by newlines. */
static char *
screen_text(void)
{
	struct buf b;
	wchar_t row[512];
	char mb[2048];
	buf_init(&b);
	for (int y = 0; y < LINES; y++) {
		int n = mvinnwstr(y, 0, row, COLS < 511 ? COLS : 511);
		row[n > 0 ? n : 0] = L'\0';
		size_t k = wcstombs(mb, row, sizeof mb - 1);
		buf_add(&b, mb, k == (size_t)-1 ? 0 : k);
		buf_addc(&b, '\n');
	}
	return buf_steal(&b);
}

/* The same with every run of blanks and line ends one space: a wrapped text reads whole. */
static char *
flat(const char *s)
{
	struct buf b;
	buf_init(&b);
	for (; *s; s++) {
		bool blank = *s == ' ' || *s == '\n';
		if (blank && (b.len == 0 || b.data[b.len - 1] == ' '))
			continue;
		buf_addc(&b, blank ? ' ' : *s);
	}
	if (b.len == 0)
		buf_adds(&b, "");
	return buf_steal(&b);
}

struct desk {
	struct world w;
	struct tui t;
	struct buf seen; /* every screen shown while walking the report */
};

static void
desk_new(struct desk *d, const char *now)
{
	memset(d, 0, sizeof *d);
	ui_lang = LANG_VI;
	world_new(&d->w, now);
	d->t.db = d->w.c.db;
	d->t.dir = d->w.dir;
	d->t.utf8 = true;
	getmaxyx(stdscr, d->t.rows, d->t.cols);
	buf_init(&d->seen);
}

static void
desk_done(struct desk *d)
{
	while (d->t.depth > 0)
		tui_pop(&d->t);
	tui_set_help(&d->t, NULL, NULL);
	buf_free(&d->seen);
	world_done(&d->w);
}

/* Draws the screen and keeps what it shows; returns it flattened (to free). */
static char *
look(struct desk *d)
{
	tui_redraw(&d->t);
	char *s = screen_text(), *f = flat(s);
	buf_adds(&d->seen, f);
	buf_addc(&d->seen, '\n');
	free(s);
	return f;
}

static void
send(struct desk *d, enum action a)
{
	tui_redraw(&d->t);
	d->t.message[0] = '\0';
	tui_dispatch(&d->t, a, 0, false);
}

static void
assert_shows(const char *screen, const char *text)
{
	char *want = flat(text);
	if (strstr(screen, want) == NULL)
		fail_msg("the screen does not show \"%s\":\n%s", want, screen);
	free(want);
}

/* The header: unit, name, year, revision, when the Ministry received it (Vietnam time), on
 * time; the first section's first field and its value. */
static void
test_view_header(void **state)
{
	(void)state;
	struct desk d;
	if (!have_curses)
		skip();
	desk_new(&d, "2024-11-28T03:00:00Z");
	unit_report_open(&d.t, UNIT_A, 2024);
	assert_ptr_equal(tui_top(&d.t), &screen_unit_report);
	char *s = look(&d);
	assert_shows(s, "BVDKM — Bệnh viện Đa khoa Minh Hòa — báo cáo năm 2024, lần gửi 1");
	assert_shows(s, "Bộ nhận 28/11/2024 10:00 (giờ Việt Nam) — đúng hạn");
	assert_shows(s, "2 tệp");
	assert_shows(s, "342/BC-BVĐKMH");
	assert_shows(s, "[1/");
	free(s);
	desk_done(&d);

	desk_new(&d, "2024-12-06T02:00:00Z");
	unit_report_open(&d.t, UNIT_A, 2024);
	s = look(&d);
	assert_shows(s, "Bộ nhận 06/12/2024 09:00 (giờ Việt Nam) — NỘP MUỘN");
	free(s);
	/* A unit without a report: nothing opens, the status line says why. */
	unit_report_open(&d.t, UNIT_B, 2024);
	assert_ptr_equal(tui_top(&d.t), &screen_unit_report);
	assert_non_null(strstr(d.t.message, UNIT_B));
	desk_done(&d);
}

/* The stored report's text, to see that no key changed it. */
static char *
stored_report(struct desk *d)
{
	return test_sql_text(d->t.db, "SELECT report FROM bundle", NULL, NULL);
}

/* Without diacritics (a terminal that cannot show Vietnamese): ASCII only, nothing turned into
 * '?'; in English: the same header in English. */
static void
test_view_ascii_and_english(void **state)
{
	(void)state;
	struct desk d;
	if (!have_curses)
		skip();
	desk_new(&d, "2024-11-28T03:00:00Z");
	d.t.utf8 = false;
	unit_report_open(&d.t, UNIT_A, 2024);
	for (int i = 0; i < 40; i++) {
		char *s = look(&d);
		for (const char *c = s; *c; c++)
			if ((unsigned char)*c >= 0x80 || *c == '?')
				fail_msg("not plain ASCII at \"%.20s\":\n%s", c, s);
		free(s);
		send(&d, i % 2 ? ACT_NEXT : ACT_PAGE_DOWN);
	}
	assert_shows(d.seen.data, "Benh vien Da khoa Minh Hoa");
	desk_done(&d);

	desk_new(&d, "2024-11-28T03:00:00Z");
	ui_lang = LANG_EN;
	unit_report_open(&d.t, UNIT_A, 2024);
	char *s = look(&d);
	assert_shows(s, "BVDKM — Bệnh viện Đa khoa Minh Hòa — 2024 report, revision 1");
	assert_shows(s, "Received 28/11/2024 10:00 (Vietnam time) — on time");
	free(s);
	ui_lang = LANG_VI;
	desk_done(&d);
}

/* Tab walks every field of every section in the template's order: each value as the clerk's
 * screens show it, long texts whole, tables row by row, the engine's findings beside their
 * field; then the list of findings and the attachments. */
static void
test_view_walk(void **state)
{
	(void)state;
	struct desk d;
	struct findings f;
	struct report *r;
	struct merged_info info;
	struct err e;
	char today[16];
	if (!have_curses)
		skip();
	desk_new(&d, "2024-11-28T03:00:00Z");
	char *before = stored_report(&d);
	assert_int_equal(merged_report_read(d.t.db, UNIT_A, 2024, &r, &info, &e), ST_OK);
	unit_report_open(&d.t, UNIT_A, 2024);
	free(look(&d));
	for (int i = 0; i < 200; i++) {
		send(&d, ACT_NEXT);
		free(look(&d));
	}
	const char *all = d.seen.data;
	assert_shows(all, "3.450.000.000 đ"); /* money with dots */
	assert_shows(all, "25/11/2024");      /* a date */
	assert_shows(all, "1.260");           /* a count */
	assert_shows(all, "Kế hoạch số 87/KH-BVĐKMH ngày 10/6/2024");
	/* A long text whole, both its paragraphs. */
	assert_shows(all,
		     "Đảng ủy Bệnh viện ban hành Nghị quyết chuyên đề về xây dựng đơn vị học tập;");
	assert_shows(
	    all, "100% trưởng khoa, phòng tham gia ít nhất một khóa bồi dưỡng quản lý trong năm.");
	/* A table's rows, each numbered, its cells by column label; a choice by its label. */
	int models = template_field(r->t, "thi_dua.mo_hinh");
	const struct field *mf = &r->t->fields[models];
	char *row1 = xasprintf("1. %s: Mười lăm phút học mỗi sáng", TR(mf->columns[0].label));
	char *row2 = xasprintf("2. %s: Góc học tập số tại khoa", TR(mf->columns[0].label));
	assert_shows(all, row1);
	assert_shows(all, row2);
	free(row1);
	free(row2);
	assert_shows(all, "Nguyễn Hữu Phước");
	int nom = template_field(r->t, "khen_thuong.de_nghi");
	const struct field *fl = &r->t->fields[nom];
	assert_shows(
	    all, field_option_label(&fl->columns[field_column(fl, "hinh_thuc")], "bang_khen_byt"));
	/* Yes/no by its label. */
	int yes = template_field(r->t, "chi_dao.co_ke_hoach");
	assert_shows(all, TR(r->t->fields[yes].yes_label));
	/* Every finding of the one engine is shown. */
	store_today(today);
	validate_report(r, today, &f);
	assert_true(f.n > 0);
	for (size_t i = 0; i < f.n; i++)
		assert_shows(all, f.items[i].message);
	/* The attachments page: name, type, size. */
	assert_shows(all, "bao-cao-quet.pdf — application/pdf — 0.1 KB");
	assert_shows(all, "Ảnh hội nghị.png — image/png");
	/* Nothing cut without its mark: no row ends in a half word past the edge. */
	assert_null(strstr(all, "??"));
	/* No key changed the report: read-only. */
	char *after = stored_report(&d);
	assert_string_equal(before, after);
	free(before);
	free(after);
	findings_free(&f);
	report_free(r);
	merged_info_free(&info);
	desk_done(&d);
}

/* PgDn and PgUp go from section to section, and round to the attachments; Enter on a finding
 * opens its field's section; a resize redraws at the new size; Esc closes the view. */
static void
test_view_keys(void **state)
{
	(void)state;
	struct desk d;
	struct report *r;
	struct merged_info info;
	struct err e;
	if (!have_curses)
		skip();
	desk_new(&d, "2024-11-28T03:00:00Z");
	assert_int_equal(merged_report_read(d.t.db, UNIT_A, 2024, &r, &info, &e), ST_OK);
	int npages = (int)r->t->nsections + 2;
	unit_report_open(&d.t, UNIT_A, 2024);
	send(&d, ACT_PAGE_DOWN);
	char *s = look(&d), *want = xasprintf("[2/%d] %s", npages, TR(r->t->sections[1].title));
	assert_shows(s, want);
	free(want);
	free(s);
	send(&d, ACT_PAGE_UP);
	send(&d, ACT_PAGE_UP);
	s = look(&d);
	want = xasprintf("[%d/%d] Tệp đính kèm: 2 tệp", npages, npages);
	assert_shows(s, want);
	free(want);
	free(s);
	/* The list of findings: Enter goes to the first one's field. */
	send(&d, ACT_PAGE_UP);
	s = look(&d);
	assert_shows(s, "Kết quả kiểm tra:");
	free(s);
	struct findings f;
	char today[16];
	store_today(today);
	validate_report(r, today, &f);
	assert_true(f.n > 0);
	send(&d, ACT_ENTER);
	s = look(&d);
	const struct field *fl = &r->t->fields[f.items[0].field];
	want =
	    xasprintf("[%d/%d] %s", fl->section + 1, npages, TR(r->t->sections[fl->section].title));
	assert_shows(s, want);
	free(want);
	want = xasprintf("▸ %s", TR(fl->label));
	assert_shows(s, want);
	free(want);
	free(s);
	findings_free(&f);
	/* Larger, then 80×24 again: the header whole each time. */
	resizeterm(30, 100);
	getmaxyx(stdscr, d.t.rows, d.t.cols);
	s = look(&d);
	assert_shows(s, "Bộ nhận 28/11/2024 10:00 (giờ Việt Nam) — đúng hạn");
	free(s);
	resizeterm(24, 80);
	getmaxyx(stdscr, d.t.rows, d.t.cols);
	s = look(&d);
	assert_shows(s, "báo cáo năm 2024, lần gửi 1");
	free(s);
	/* Esc closes the view (over the board that opened it; never the first screen). */
	unit_report_open(&d.t, UNIT_A, 2024);
	assert_int_equal(d.t.depth, 2);
	send(&d, ACT_BACK);
	assert_int_equal(d.t.depth, 1);
	report_free(r);
	merged_info_free(&info);
	desk_done(&d);
}

/* F6 saves the attachments into the folder chosen (the one kept from last time, chosen with
 * Enter): all of them from a section, the chosen one from the attachments page. */
static void
test_view_saves(void **state)
{
	(void)state;
	struct desk d;
	struct err e;
	size_t len;
	if (!have_curses)
		skip();
	desk_new(&d, "2024-11-28T03:00:00Z");
	char *all = xasprintf("%s/tat-ca", d.w.dir), *one = xasprintf("%s/mot", d.w.dir);
	assert_int_equal(mkdir(all, 0700), 0);
	assert_int_equal(mkdir(one, 0700), 0);
	assert_int_equal(setting_set(d.t.db, "folder.desk_attachments", all, &e), ST_OK);
	unit_report_open(&d.t, UNIT_A, 2024);
	keys_in("\n"); /* the folder chooser: "choose this folder" */
	send(&d, ACT_SAVE);
	assert_false(d.t.message_error);
	assert_non_null(strstr(d.t.message, "Đã lưu 2 tệp vào"));
	char *pdf_path = xasprintf("%s/BVDKM-2024-bao-cao-quet.pdf", all);
	char *got = test_file(pdf_path, &len);
	assert_int_equal(len, sizeof pdf - 1);
	assert_memory_equal(got, pdf, len);
	free(got);
	char *png_path = xasprintf("%s/BVDKM-2024-___nh_h___i_ngh___.png", all);
	got = test_file(png_path, &len);
	assert_int_equal(len, PNG_LEN);
	free(got);

	/* The second file alone, from the attachments page, into another folder. */
	assert_int_equal(setting_set(d.t.db, "folder.desk_attachments", one, &e), ST_OK);
	send(&d, ACT_PAGE_UP);
	send(&d, ACT_NEXT);
	keys_in("\n\n"); /* "the chosen file only", then "choose this folder" */
	send(&d, ACT_SAVE);
	assert_non_null(strstr(d.t.message, "Đã lưu"));
	assert_non_null(strstr(d.t.message, "BVDKM-2024-___nh_h___i_ngh___.png"));
	char *lone = xasprintf("%s/BVDKM-2024-___nh_h___i_ngh___.png", one);
	char *absent = xasprintf("%s/BVDKM-2024-bao-cao-quet.pdf", one);
	got = test_file(lone, &len);
	assert_memory_equal(got, png, PNG_LEN);
	free(got);
	assert_int_not_equal(access(absent, F_OK), 0);
	/* The folder is kept for next time. */
	char *kept = setting_get(d.t.db, "folder.desk_attachments");
	assert_string_equal(kept, one);
	free(kept);
	free(lone);
	free(absent);
	free(pdf_path);
	free(png_path);
	free(all);
	free(one);
	desk_done(&d);
}

/* Every action the status bar shows (in both states) has a key and is among the view's keys;
 * every override gives both labels in both languages. */
static void
test_view_actions(void **state)
{
	(void)state;
	const struct screen *s = &screen_unit_report;
	for (const enum action *a = s->hints; *a != ACT_NONE; a++) {
		assert_true(action_first_key(*a)[0] != '\0');
		assert_true(tui_takes(s, *a));
	}
	for (const struct action_info *o = s->overrides; o->action != ACT_NONE; o++) {
		assert_ptr_equal(action_info(s, o->action), o);
		assert_null(o->keys);
		assert_true(o->short_vi[0] && o->short_en[0] && o->label_vi[0] && o->label_en[0]);
	}
	/* Read-only: no action that edits is taken. */
	assert_false(tui_takes(s, ACT_ADD));
	assert_false(tui_takes(s, ACT_DELETE));
	assert_false(tui_takes(s, ACT_TOGGLE));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_merged_report_read),
	    cmocka_unit_test(test_merged_report_damaged),
	    cmocka_unit_test(test_merged_attachments),
	    cmocka_unit_test(test_attachment_filename),
	    cmocka_unit_test(test_view_actions),
	    cmocka_unit_test(test_view_header),
	    cmocka_unit_test(test_view_ascii_and_english),
	    cmocka_unit_test(test_view_walk),
	    cmocka_unit_test(test_view_keys),
	    cmocka_unit_test(test_view_saves),
	};
	setenv("XHHT_TODAY", "2024-11-20", 1);
	curses_start();
	return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
