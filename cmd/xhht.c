/* xhht.c: the unit's program: command line (load, check, export, status) and, bare, the
 * full-screen interface. */
#include <locale.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "cli.h"
#include "i18n.h"
#include "report.h"
#include "store.h"
#include "validate.h"

static void
usage(void)
{
	printf(L("xhht %s: báo cáo xã hội học tập hằng năm của đơn vị thuộc Bộ Y tế\n"
		 "\n"
		 "Cách dùng:\n"
		 "  xhht status                         tình trạng báo cáo các năm, hạn nộp\n"
		 "  xhht load NĂM TỆP.json              nạp báo cáo của NĂM từ tệp JSON (thay bản nháp)\n"
		 "  xhht check NĂM                      kiểm tra báo cáo: lỗi và cảnh báo\n"
		 "  xhht export NĂM --format json [-o TỆP]\n"
		 "                                      xuất báo cáo (ra màn hình hoặc vào TỆP)\n"
		 "\n"
		 "Tùy chọn:\n"
		 "  --data THƯ_MỤC    thư mục dữ liệu (mặc định $XHHT_DATA, rồi\n"
		 "                    $XDG_DATA_HOME/xhht, rồi ~/.local/share/xhht)\n"
		 "  --lang vi|en      ngôn ngữ giao diện (mặc định tiếng Việt)\n"
		 "  --help, --version\n"
		 "\n"
		 "Mã thoát: 0 xong; 1 dữ liệu bị từ chối (lỗi kiểm tra, tệp sai);\n"
		 "          2 sai cách dùng hoặc môi trường (tùy chọn sai, không có thư mục dữ liệu).\n",
		 "xhht %s: yearly learning-society report of a Ministry of Health unit\n"
		 "\n"
		 "Usage:\n"
		 "  xhht status                         state of each year's report, deadline\n"
		 "  xhht load YEAR FILE.json            load YEAR's report from JSON (replaces the draft)\n"
		 "  xhht check YEAR                     check the report: errors and warnings\n"
		 "  xhht export YEAR --format json [-o FILE]\n"
		 "                                      export the report (to stdout or FILE)\n"
		 "\n"
		 "Options:\n"
		 "  --data DIR        data folder (default $XHHT_DATA, then $XDG_DATA_HOME/xhht,\n"
		 "                    then ~/.local/share/xhht)\n"
		 "  --lang vi|en      interface language (Vietnamese by default)\n"
		 "  --help, --version\n"
		 "\n"
		 "Exit status: 0 done; 1 data refused (check errors, bad file);\n"
		 "             2 usage or environment (bad option, no data folder).\n"),
	       XHHT_VERSION);
}

static int
open_store(const struct cli *c, sqlite3 **db)
{
	struct err e;
	char *dir;
	enum status st = store_data_dir(c->data, STORE_UNIT, &dir, &e);
	if (st != ST_OK)
		return cli_fail(c, st, &e);
	st = store_open(dir, STORE_UNIT, db, &e);
	free(dir);
	if (st != ST_OK)
		return cli_fail(c, st, &e);
	return 0;
}

static bool
year_arg(const struct cli *c, const char *s, int *year)
{
	if (report_parse_year(s, year))
		return true;
	cli_usage_error(c, L("năm không hợp lệ \"%s\" (cần một năm từ 2000 đến 2100)",
			     "invalid year \"%s\" (expected a year from 2000 to 2100)"),
			s);
	return false;
}

static int
need_operands(const struct cli *c, int n, const char *synopsis)
{
	if (c->nargs == n + 1)
		return 0;
	return cli_usage_error(c, L("cách dùng: xhht %s", "usage: xhht %s"), synopsis);
}

static void
record_check(sqlite3 *db, int year, const struct findings *f)
{
	sqlite3_stmt *st;
	char now[32];
	store_now(now);
	if (sqlite3_prepare_v2(db,
			       "UPDATE report SET checked_at = ?2, check_errors = ?3, check_warnings = ?4"
			       " WHERE year = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)f->errors);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)f->warnings);
	sqlite3_step(st); /* a record of the last check is a convenience, not data */
	sqlite3_finalize(st);
}

static int
cmd_load(const struct cli *c)
{
	struct err e;
	struct report *r = NULL;
	struct findings f;
	sqlite3 *db = NULL;
	char *text = NULL, today[16];
	size_t len;
	int year, rc;
	enum status st;

	if ((rc = need_operands(c, 2, L("load NĂM TỆP.json", "load YEAR FILE.json"))) != 0)
		return rc;
	if (!year_arg(c, c->args[1], &year))
		return ST_ENV;
	if ((st = file_read(c->args[2], REPORT_MAX_BYTES, &text, &len, &e)) != ST_OK)
		return cli_fail(c, st, &e);
	if ((rc = open_store(c, &db)) != 0) {
		free(text);
		return rc;
	}
	st = report_from_json(db, text, len, year, &r, &e);
	free(text);
	if (st != ST_OK) {
		err_prefix(&e, "%s: ", c->args[2]);
		store_close(db);
		return cli_fail(c, st, &e);
	}
	store_today(today);
	validate_report(r, today, &f);
	for (size_t i = 0; i < f.n; i++)
		if (f.items[i].kind == FK_INVALID) {
			err_set(&e, "%s: %s: %s", c->args[2], f.items[i].path, f.items[i].message);
			findings_free(&f);
			report_free(r);
			store_close(db);
			return cli_fail(c, ST_REFUSED, &e);
		}
	if ((st = store_begin(db, &e)) != ST_OK || (st = report_save(db, r, &e)) != ST_OK ||
	    (st = store_commit(db, &e)) != ST_OK) {
		store_rollback(db);
		findings_free(&f);
		report_free(r);
		store_close(db);
		return cli_fail(c, st, &e);
	}
	size_t nvalues = 0, nrows = 0;
	for (size_t i = 0; i < r->t->nfields; i++) {
		nvalues += r->values[i].k != V_NULL;
		nrows += r->tables[i].n;
	}
	printf(L("Đã nạp báo cáo năm %d: %zu mục, %zu dòng bảng. Kiểm tra: %zu lỗi, %zu cảnh báo.\n",
		 "Loaded the %d report: %zu fields, %zu table rows. Check: %zu errors, %zu warnings.\n"),
	       year, nvalues, nrows, f.errors, f.warnings);
	findings_free(&f);
	report_free(r);
	store_close(db);
	return 0;
}

static int
cmd_check(const struct cli *c)
{
	struct err e;
	struct report *r;
	struct findings f;
	sqlite3 *db;
	char today[16];
	int year, rc;
	enum status st;

	if ((rc = need_operands(c, 1, L("check NĂM", "check YEAR"))) != 0)
		return rc;
	if (!year_arg(c, c->args[1], &year))
		return ST_ENV;
	if ((rc = open_store(c, &db)) != 0)
		return rc;
	if ((st = report_read(db, year, &r, &e)) != ST_OK) {
		store_close(db);
		return cli_fail(c, st, &e);
	}
	store_today(today);
	validate_report(r, today, &f);
	for (size_t i = 0; i < f.n; i++) {
		const struct finding *x = &f.items[i];
		printf("%s: [%s] %s: %s\n",
		       x->level == LV_ERROR ? L("lỗi", "error") : L("cảnh báo", "warning"),
		       TR(r->t->sections[r->t->fields[x->field].section].title), x->path, x->message);
	}
	if (f.errors)
		printf(L("Báo cáo năm %d: %zu lỗi, %zu cảnh báo. Cần sửa các lỗi trước khi đóng gói.\n",
			 "The %d report: %zu errors, %zu warnings. Fix the errors before packing.\n"),
		       year, f.errors, f.warnings);
	else if (f.warnings)
		printf(L("Báo cáo năm %d: không có lỗi, %zu cảnh báo. Xem lại các cảnh báo; có thể đóng "
			 "gói sau khi xác nhận.\n",
			 "The %d report: no errors, %zu warnings. Review the warnings; it can be "
			 "packed once you confirm them.\n"),
		       year, f.warnings);
	else
		printf(L("Báo cáo năm %d: không có lỗi, không có cảnh báo. Sẵn sàng đóng gói.\n",
			 "The %d report: no errors, no warnings. Ready to pack.\n"),
		       year);
	record_check(db, year, &f);
	rc = f.errors ? ST_REFUSED : ST_OK;
	findings_free(&f);
	report_free(r);
	store_close(db);
	return rc;
}

static int
cmd_export(const struct cli *c)
{
	struct err e;
	struct report *r;
	struct buf b;
	sqlite3 *db;
	int year, rc;
	enum status st;

	if ((rc = need_operands(c, 1, L("export NĂM --format json [-o TỆP]",
					"export YEAR --format json [-o FILE]"))) != 0)
		return rc;
	if (!year_arg(c, c->args[1], &year))
		return ST_ENV;
	if (c->format == NULL || strcmp(c->format, "json") != 0)
		return cli_usage_error(c, L("export cần --format json", "export needs --format json"));
	if ((rc = open_store(c, &db)) != 0)
		return rc;
	if ((st = report_read(db, year, &r, &e)) != ST_OK) {
		store_close(db);
		return cli_fail(c, st, &e);
	}
	buf_init(&b);
	report_to_json(r, &b);
	st = cli_output(c, b.data, b.len, &e);
	buf_free(&b);
	report_free(r);
	store_close(db);
	return st == ST_OK ? 0 : cli_fail(c, st, &e);
}

/* Days from the civil date to 1970-01-01 (Howard Hinnant's algorithm). */
static long
days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
cmd_status(const struct cli *c)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char *dir, today[16];
	struct err e;
	int rc, years = 0;

	if ((rc = need_operands(c, 0, "status")) != 0)
		return rc;
	if (store_data_dir(c->data, STORE_UNIT, &dir, &e) != ST_OK)
		return cli_fail(c, ST_ENV, &e);
	if ((rc = open_store(c, &db)) != 0) {
		free(dir);
		return rc;
	}
	printf(L("Thư mục dữ liệu: %s\n", "Data folder: %s\n"), dir);
	free(dir);
	if (sqlite3_prepare_v2(db, "SELECT code, name FROM unit", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		printf(L("Đơn vị: %s — %s\n", "Unit: %s — %s\n"), sqlite3_column_text(st, 0),
		       sqlite3_column_text(st, 1));
	else
		printf(L("Đơn vị: chưa đăng ký (chưa mở tệp đăng ký do Bộ Y tế gửi)\n",
			 "Unit: not enrolled (no enrollment file from the Ministry opened yet)\n"));
	sqlite3_finalize(st);

	store_today(today);
	int ty = atoi(today), tm = atoi(today + 5), td = atoi(today + 8);
	if (sqlite3_prepare_v2(db,
			       "SELECT r.year, r.revision, r.updated_at, r.checked_at, r.check_errors,"
			       " r.check_warnings, t.source FROM report r JOIN template t"
			       " ON t.id = r.template_id AND t.version = r.template_version"
			       " ORDER BY r.year DESC",
			       -1, &st, NULL) != SQLITE_OK) {
		store_close(db);
		return cli_fail(c, store_error(db, &e), &e);
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		int year = sqlite3_column_int(st, 0);
		struct report *r;
		struct findings f;
		years++;
		if (report_read(db, year, &r, &e) != ST_OK) {
			printf(L("Năm %d: %s\n", "%d: %s\n"), year, e.msg);
			continue;
		}
		validate_report(r, today, &f);
		size_t required = 0, filled = 0;
		for (size_t i = 0; i < r->t->nfields; i++) {
			const struct field *fl = &r->t->fields[i];
			if (!fl->required || fl->type == F_TABLE)
				continue;
			required++;
			filled += r->values[i].k != V_NULL;
		}
		printf(L("Năm %d: bản nháp, đã điền %zu/%zu mục bắt buộc; %zu lỗi, %zu cảnh báo",
			 "%d: draft, %zu/%zu required fields filled; %zu errors, %zu warnings"),
		       year, filled, required, f.errors, f.warnings);
		printf("\n");
		if (year >= ty) {
			long left = days_from_civil(year, r->t->due_month, r->t->due_day) -
				    days_from_civil(ty, tm, td);
			if (left >= 0)
				printf(L("  Hạn nộp: %02d/%02d/%d, còn %ld ngày.\n",
					 "  Due: %02d/%02d/%d, %ld days left.\n"),
				       r->t->due_day, r->t->due_month, year, left);
			else
				printf(L("  Hạn nộp %02d/%02d/%d đã qua %ld ngày.\n",
					 "  Due %02d/%02d/%d: %ld days ago.\n"),
				       r->t->due_day, r->t->due_month, year, -left);
		}
		findings_free(&f);
		report_free(r);
	}
	sqlite3_finalize(st);
	if (years == 0)
		printf(L("Chưa có báo cáo nào. Nạp một báo cáo: xhht load NĂM TỆP.json\n",
			 "No reports yet. Load one: xhht load YEAR FILE.json\n"));
	store_close(db);
	return 0;
}

int
main(int argc, char **argv)
{
	struct cli c = {.prog = "xhht"};
	const struct rlimit no_core = {0, 0};
	int rc;

	setlocale(LC_ALL, "");
	/* Key material will pass through this process: never leave it in a core file. */
	setrlimit(RLIMIT_CORE, &no_core);
	if (cli_parse(&c, argc, argv) != ST_OK) {
		free(c.args);
		return ST_ENV;
	}
	if (sodium_init() < 0) {
		fprintf(stderr, "xhht: %s\n", L("không khởi tạo được libsodium", "libsodium failed to start"));
		return ST_ENV;
	}
	if (c.version) {
		printf("xhht %s\n", XHHT_VERSION);
		rc = 0;
	} else if (c.help)
		usage(), rc = 0;
	else if (c.nargs == 0 || strcmp(c.args[0], "status") == 0)
		rc = cmd_status(&c);
	else if (strcmp(c.args[0], "load") == 0)
		rc = cmd_load(&c);
	else if (strcmp(c.args[0], "check") == 0)
		rc = cmd_check(&c);
	else if (strcmp(c.args[0], "export") == 0)
		rc = cmd_export(&c);
	else
		rc = cli_usage_error(&c, L("không có lệnh \"%s\" (xem xhht --help)",
					   "unknown command \"%s\" (see xhht --help)"),
				     c.args[0]);
	free(c.args);
	return rc;
}
