/* xhht.c: the unit's program: command line (load, check, export, status) and, bare, the
 * full-screen interface. */
#include <locale.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "armor.h"
#include "cli.h"
#include "document.h"
#include "i18n.h"
#include "migrate.h"
#include "phase.h"
#include "platform.h"
#include "publish.h"
#include "report.h"
#include "settings.h"
#include "store.h"
#include "text.h"
#include "clerk.h"
#include "unit.h"
#include "validate.h"
#include <unistd.h>

/* A started phase review's pre-filled fields, each with where its value came from (or that the
 * clerk changed it): what xhht check adds for a review. */
static void
print_provenance(struct store *db, int year, int phase_first)
{
	struct phase_fill p;
	struct err e;
	if (phase_stored(db, phase_first, year, &p, &e) != ST_OK)
		return;
	printf("%s\n", L("Điền sẵn từ báo cáo năm:", "Pre-filled from the yearly reports:"));
	for (size_t i = 0; i < p.r->t->nfields; i++)
		if (p.from[i] != NULL)
			printf("  %s: %s\n", cli_safe(TR(p.r->t->fields[i].label)),
			       cli_safe(p.from[i]));
	phase_fill_free(&p);
}

/* xhht new FIRST-LAST: the phase review started, pre-filled and stored. */
static int
new_phase(const struct cli *c, int year, int phase_first)
{
	struct store *db;
	struct err e = {0};
	char period[REPORT_PERIOD_SIZE];
	int rc;
	enum status st;

	if (c->from || c->keep_figures)
		return cli_usage_error(c, "%s",
				       L("báo cáo giai đoạn được điền sẵn từ các báo cáo năm: không "
					 "dùng --from, --keep-figures",
					 "a phase review is pre-filled from the yearly reports: no "
					 "--from, --keep-figures"));
	if ((rc = cli_open_store(c, STORE_UNIT, &db, NULL)) != 0)
		return rc;
	st = phase_start(db, phase_first, year, &e);
	store_close(db);
	if (st != ST_OK)
		return cli_fail(c, st, &e);
	report_period_text(year, phase_first, period);
	printf(L("Đã bắt đầu báo cáo giai đoạn %s, điền sẵn từ các báo cáo năm (xem: xhht phase "
		 "%s; soạn: xhht edit %s).\n",
		 "Started the %s phase review, pre-filled from the yearly reports (see: xhht phase "
		 "%s; write: xhht edit %s).\n"),
	       period, period, period);
	return 0;
}

static int
cmd_load(const struct cli *c)
{
	struct err e;
	struct report *r = NULL;
	struct findings f;
	struct store *db = NULL;
	char *text = NULL, today[16], name[REPORT_PERIOD_NAME_SIZE];
	size_t len;
	int year, phase_first, rc;
	enum status st;

	if (!cli_period_arg(c, c->args[1], &year, &phase_first))
		return ST_ENV;
	if ((st = file_read(c->args[2], REPORT_MAX_BYTES, &text, &len, &e)) != ST_OK)
		return cli_fail(c, st, &e);
	if ((rc = cli_open_store_mode(c, STORE_UNIT, STORE_CREATE, &db, NULL)) != 0) {
		free(text);
		return rc;
	}
	st = report_from_json(db, text, len, year, &r, &e);
	free(text);
	/* The file's template says which report it is: a review never replaces a year's. */
	if (st == ST_OK && report_phase_first(r) != phase_first) {
		char was[REPORT_PERIOD_NAME_SIZE];
		report_period_name(year, report_phase_first(r), was);
		report_period_name(year, phase_first, name);
		err_set(&e, L("tệp là báo cáo %s, không phải báo cáo %s",
			      "the file is the %s report, not the %s report"),
			was, name);
		report_free(r);
		r = NULL;
		st = ST_REFUSED;
	}
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
	report_period_name(year, phase_first, name);
	printf(L("Đã nạp báo cáo %s: %zu mục, %zu dòng bảng. Kiểm tra: %zu lỗi, %zu cảnh báo.\n",
		 "Loaded the %s report: %zu fields, %zu table rows. Check: %zu errors, %zu warnings.\n"),
	       name, nvalues, nrows, f.errors, f.warnings);
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
	struct store *db;
	char today[16], name[REPORT_PERIOD_NAME_SIZE];
	int year, phase_first, rc;
	enum status st;

	if (!cli_period_arg(c, c->args[1], &year, &phase_first))
		return ST_ENV;
	if ((rc = cli_open_store_mode(c, STORE_UNIT, STORE_READ, &db, NULL)) != 0)
		return rc;
	if ((st = report_read(db, year, phase_first, &r, &e)) != ST_OK) {
		store_close(db);
		return cli_fail(c, st, &e);
	}
	report_period_name(year, phase_first, name);
	store_today(today);
	validate_report(r, today, &f);
	char *place = setting_get(db, "unit.place");
	validate_printed(place, &f);
	free(place);
	for (size_t i = 0; i < f.n; i++) {
		const struct finding *x = &f.items[i];
		printf("%s: [%s] %s: %s\n", level_word(x->level), cli_safe(finding_heading(r, x)),
		       cli_safe(x->path), cli_safe(x->message));
		if (x->kind == FK_SETTING)
			printf("%s\n",
			       L("  (đặt trong giao diện toàn màn hình xhht: màn hình chính, mục "
				 "Cài đặt)",
				 "  (set it in the full-screen xhht: the first screen, Settings)"));
	}
	if (f.errors)
		printf(L("Báo cáo %s: %zu lỗi, %zu cảnh báo. Cần sửa các lỗi trước khi đóng gói.\n",
			 "The %s report: %zu errors, %zu warnings. Fix the errors before packing.\n"),
		       name, f.errors, f.warnings);
	else if (f.warnings)
		printf(L("Báo cáo %s: không có lỗi, %zu cảnh báo. Xem lại các cảnh báo; có thể đóng "
			 "gói sau khi xác nhận.\n",
			 "The %s report: no errors, %zu warnings. Review the warnings; it can be "
			 "packed once you confirm them.\n"),
		       name, f.warnings);
	else
		printf(L("Báo cáo %s: không có lỗi, không có cảnh báo. Sẵn sàng đóng gói.\n",
			 "The %s report: no errors, no warnings. Ready to pack.\n"),
		       name);
	if (phase_first)
		print_provenance(db, year, phase_first);
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
	struct store *db;
	int year, phase_first, rc;
	enum status st;

	if (!cli_period_arg(c, c->args[1], &year, &phase_first))
		return ST_ENV;
	if (c->format == NULL ||
	    (strcmp(c->format, "json") != 0 && strcmp(c->format, "html") != 0 && strcmp(c->format, "csv") != 0))
		return cli_usage_error(c, L("export cần --format json, html hoặc csv",
					    "export needs --format json, html or csv"));
	if ((rc = cli_open_store_mode(c, STORE_UNIT, STORE_READ, &db, NULL)) != 0)
		return rc;
	if ((st = report_read(db, year, phase_first, &r, &e)) != ST_OK) {
		store_close(db);
		return cli_fail(c, st, &e);
	}
	buf_init(&b);
	if (strcmp(c->format, "html") == 0) {
		char *place = setting_get(db, "unit.place");
		document_html(r, place, &b);
		free(place);
	} else if (strcmp(c->format, "csv") == 0)
		report_to_csv(r, &b);
	else
		report_to_json(r, &b);
	st = cli_output(c, b.data, b.len, &e);
	buf_free(&b);
	report_free(r);
	store_close(db);
	return st == ST_OK ? 0 : cli_fail(c, st, &e);
}

static int
cmd_enroll(const struct cli *c)
{
	struct err e;
	struct enrollment *en = NULL;
	struct secret *pass = NULL;
	unsigned char *data = NULL;
	size_t len;
	struct store *db = NULL;
	char *dir = NULL, fp[48], cfp[48];
	int rc;
	enum status st;

	/* The file and its code are checked before the data folder is touched: a refused
	 * enrollment starts nothing. */
	if ((st = container_read(c->args[1], "ENROLLMENT", SIGNED_MAX_BODY + 1024, &data, &len, &e)) !=
		ST_OK ||
	    (st = enrollment_read(data, len, &en, &e)) != ST_OK) {
		if (st == ST_REFUSED && strncmp(e.msg, c->args[1], strlen(c->args[1])) != 0)
			err_prefix(&e, "%s: ", c->args[1]);
		rc = cli_fail(c, st, &e);
		goto done;
	}
	key_fingerprint(en->central_sign, SIGN_PK_BYTES, cfp);
	fprintf(stderr, L("Tệp đăng ký cho đơn vị %s — %s.\nVân tay khóa của Bộ Y tế: %s\n"
			  "So dãy số này với vân tay in trong công văn của Bộ trước khi tiếp tục;"
			  " khác nhau thì dừng lại và gọi cho Bộ.\n",
			  "Enrollment for unit %s — %s.\nFingerprint of the Ministry's key: %s\n"
			  "Compare these digits with the fingerprint in the Ministry's official letter"
			  " before going on; if they differ, stop and call the Ministry.\n"),
		cli_safe(en->unit_code), cli_safe(en->unit_name), cfp);
	/* The code comes apart from the file (the letter, a phone call): without it the file
	 * enrolls nobody, so an intercepted file is useless. */
	char typed[64];
	if (c->code != NULL)
		snprintf(typed, sizeof typed, "%s", c->code);
	else if (!cli_ask_line(L("Mã đăng ký (12 chữ số, trong công văn của Bộ): ",
				 "Enrollment code (12 digits, in the Ministry's letter): "),
			       typed, sizeof typed, &e)) {
		err_prefix(&e, L("cần mã đăng ký (--code MÃ): ", "the enrollment code is needed (--code CODE): "));
		rc = cli_fail(c, ST_ENV, &e);
		goto done;
	}
	st = enrollment_use_code(en, typed, &e);
	sodium_memzero(typed, sizeof typed);
	if (st != ST_OK) {
		rc = cli_fail(c, ST_ENV, &e);
		goto done;
	}
	if ((rc = cli_open_store_mode(c, STORE_UNIT, STORE_CREATE, &db, &dir)) != 0)
		goto done;
	pass = cli_passphrase(c, L("Đặt cụm mật khẩu mới cho khóa của đơn vị (ít nhất 8 ký tự): ",
				   "New passphrase for the unit's key (at least 8 characters): "),
			      true, &e);
	if (pass == NULL) {
		rc = cli_fail(c, ST_ENV, &e);
		goto done;
	}
	if ((st = unit_enroll(db, dir, en, pass, c->new_central_key, fp, &e)) != ST_OK) {
		rc = cli_fail(c, st, &e);
		goto done;
	}
	printf(L("Đã đăng ký đơn vị %s — %s.\n"
		 "Vân tay khóa của đơn vị: %s\n"
		 "Khi đã gửi báo cáo đầu tiên, hãy gọi điện cho Vụ Tổ chức cán bộ và đọc dãy số này để\n"
		 "hai bên đối chiếu (\"xhht status\" hiện lại dãy số).\n",
		 "Enrolled unit %s — %s.\n"
		 "Fingerprint of the unit's key: %s\n"
		 "Once the first report is sent, call the Ministry's personnel department and read\n"
		 "these digits out to compare (\"xhht status\" shows them again).\n"),
	       cli_safe(en->unit_code), cli_safe(en->unit_name), fp);
	rc = 0;
done:
	secret_free(pass);
	enrollment_free(en);
	if (data != NULL)
		sodium_memzero(data, len); /* the file holds the enrollment's secret */
	free(data);
	free(dir);
	store_close(db);
	return rc;
}

static int
cmd_attach(const struct cli *c)
{
	struct err e;
	struct store *db;
	char name[REPORT_PERIOD_NAME_SIZE];
	int year, phase_first, rc;
	enum status st;

	if (!cli_period_arg(c, c->args[1], &year, &phase_first))
		return ST_ENV;
	if ((rc = cli_open_store(c, STORE_UNIT, &db, NULL)) != 0)
		return rc;
	st = unit_attach(db, year, phase_first, c->args[2], &e);
	store_close(db);
	if (st != ST_OK)
		return cli_fail(c, st, &e);
	report_period_name(year, phase_first, name);
	printf(L("Đã đính kèm %s vào báo cáo %s.\n", "Attached %s to the %s report.\n"),
	       cli_safe(c->args[2]), name);
	return 0;
}

static int
cmd_pack(const struct cli *c)
{
	struct err e;
	struct pack_result res = {0};
	struct secret *pass = NULL;
	struct store *db;
	char *dir, today[16], period[REPORT_PERIOD_SIZE], name[REPORT_PERIOD_NAME_SIZE];
	int year, phase_first, rc;
	enum status st;

	if (!cli_period_arg(c, c->args[1], &year, &phase_first))
		return ST_ENV;
	report_period_text(year, phase_first, period);
	report_period_name(year, phase_first, name);
	if ((st = unit_pack_folder(c->output ? c->output : ".", &e)) != ST_OK)
		return cli_fail(c, st, &e);
	if ((rc = cli_open_store(c, STORE_UNIT, &db, &dir)) != 0)
		return rc;
	/* A period without a report is said before the passphrase is asked for, not after. */
	struct report *r = NULL;
	if ((st = report_read(db, year, phase_first, &r, &e)) != ST_OK) {
		rc = cli_fail(c, st, &e);
		goto done;
	}
	report_free(r);
	pass = cli_passphrase(c, L("Cụm mật khẩu của khóa đơn vị: ", "Passphrase of the unit key: "),
			      false, &e);
	if (pass == NULL) {
		rc = cli_fail(c, ST_ENV, &e);
		goto done;
	}
	store_today(today);
	st = unit_pack(db, dir, year, phase_first, pass, c->output ? c->output : ".", c->armor, c->accept_warnings,
		       today, &res, &e);
	/* The core names the findings; where to see them is this program's to say. */
	if (st == ST_REFUSED && e.code == PACK_HAS_ERRORS)
		err_append(&e,
			   L(": xem và sửa theo \"xhht check %s\" rồi đóng gói lại",
			     ": see \"xhht check %s\", fix them, then pack"),
			   period);
	else if (st == ST_REFUSED && e.code == PACK_HAS_WARNINGS)
		err_append(
		    &e,
		    L(": xem \"xhht check %s\"; nếu đúng như vậy, đóng gói với --accept-warnings",
		      ": see \"xhht check %s\"; if they are right, pack with --accept-warnings"),
		    period);
	if (st != ST_OK) {
		rc = cli_fail(c, st, &e);
		goto done;
	}
	char *email = unit_ministry_email(db);
	fprintf(
	    stderr,
	    L("Đã đóng gói báo cáo %s, lần gửi %d (%llu byte). Hãy gửi tệp này tới Vụ Tổ chức "
	      "cán bộ, Bộ Y tế, bằng USB hoặc thư điện tử tới %s:\n",
	      "Packed the %s report, revision %d (%llu bytes). Send this file to the Ministry's "
	      "personnel department by USB stick or e-mail to %s:\n"),
	    name, res.revision, (unsigned long long)res.size,
	    email ? cli_safe(email)
		  : L("địa chỉ trong công văn của Bộ", "the address in the Ministry's letter"));
	free(email);
	printf("%s\n", cli_safe(res.path));
	rc = 0;
done:
	free(res.path);
	secret_free(pass);
	free(dir);
	store_close(db);
	return rc;
}

/* The Ministry's review (a receipt's, or the open one of a year): its word, then each comment
 * under the label of its field, every text of the staff's through cli_safe, line by line. */
static void
print_review(const struct unit_review *rv, const char *indent)
{
	char heading[300];
	unit_review_heading(rv, heading, sizeof heading);
	printf("%s%s\n", indent, heading);
	for (size_t i = 0; i < rv->n; i++) {
		const char *label = unit_review_label(rv, &rv->notes[i]);
		/* One heading a field: the notes come grouped by field. */
		if (i == 0 || rv->notes[i].field != rv->notes[i - 1].field)
			printf("%s  - %s:\n", indent,
			       label ? cli_safe(label) : L("Cả báo cáo", "The whole report"));
		char *text = xstrdup(rv->notes[i].text), *save = NULL;
		for (char *line = strtok_r(text, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save))
			printf("%s      %s\n", indent, cli_safe(line));
		free(text);
	}
	char period[REPORT_PERIOD_SIZE];
	report_period_text(rv->year, rv->phase_first, period);
	if (rv->state == RV_NEEDS_FIXING)
		printf(L("%sSửa theo các ý kiến rồi đóng gói gửi lại (xhht pack %s).\n",
			 "%sFix what they say, then pack and send it again (xhht pack %s).\n"),
		       indent, period);
}

/* The largest template file read: a template file's body is at most SIGNED_MAX_BODY. */
#define TEMPLATE_FILE_MAX (SIGNED_MAX_BODY + 1024)

static int
template_install_cmd(const struct cli *c)
{
	struct err e;
	struct store *db;
	struct template_info info;
	unsigned char *data;
	size_t len;
	bool already;
	int rc;
	enum status st;

	if ((rc = cli_open_store(c, STORE_UNIT, &db, NULL)) != 0)
		return rc;
	if ((st = container_read(c->args[2], "TEMPLATE", TEMPLATE_FILE_MAX, &data, &len, &e)) !=
	    ST_OK) {
		store_close(db);
		return cli_fail(c, st, &e);
	}
	st = template_file_install(db, data, len, &info, &already, &e);
	free(data);
	store_close(db);
	if (st != ST_OK) {
		if (st == ST_REFUSED && strncmp(e.msg, c->args[2], strlen(c->args[2])) != 0)
			err_prefix(&e, "%s: ", c->args[2]);
		return cli_fail(c, st, &e);
	}
	printf(already ? L("Mẫu %s phiên bản %d (%s) đã có sẵn, không cần cài lại.\n",
			   "Template %s version %d (%s) is already there; nothing to install.\n")
		       : L("Đã cài mẫu %s phiên bản %d (%s), từ Bộ Y tế, đã kiểm tra chữ ký.\n",
			   "Installed template %s version %d (%s), from the Ministry, signature"
			   " checked.\n"),
	       cli_safe(info.id), info.version, cli_safe(info.title));
	template_info_free(&info);
	return 0;
}

static int
cmd_template(const struct cli *c)
{
	if (strcmp(c->command->name, "template install") == 0)
		return template_install_cmd(c);
	return cli_template_list(c, STORE_UNIT);
}

static int
cmd_receipt(const struct cli *c)
{
	struct err e;
	struct receipt r;
	unsigned char *data;
	size_t len;
	struct store *db;
	char when[32], *dir, name[REPORT_PERIOD_NAME_SIZE];
	int rc;
	enum status st;

	/* Reading a receipt only reads: it works on a read-only folder and beside an open
	 * full-screen xhht. Keeping it for status is done after, if the folder lets us. */
	if ((rc = cli_open_store_mode(c, STORE_UNIT, STORE_READ, &db, &dir)) != 0)
		return rc;
	if ((st = container_read(c->args[1], "RECEIPT", 1u << 20, &data, &len, &e)) != ST_OK) {
		store_close(db);
		free(dir);
		return cli_fail(c, st, &e);
	}
	st = unit_receipt_check(db, data, len, &r, &e);
	struct unit_review rv = {0};
	/* Shown as the receipt says it, whether or not it can be kept below. */
	if (st == ST_OK && (st = unit_review_of_receipt(db, &r, &rv, &e)) != ST_OK)
		receipt_free(&r);
	if (st == ST_OK)
		report_period_name(r.year, unit_receipt_phase_first(db, &r), name);
	store_close(db);
	if (st != ST_OK) {
		free(data);
		free(dir);
		err_prefix(&e, "%s: ", c->args[1]);
		return cli_fail(c, st, &e);
	}
	struct err why;
	struct store *wdb;
	if (store_open_mode(dir, STORE_UNIT, STORE_WRITE, &wdb, &why) == ST_OK) {
		store_no_wait(wdb); /* another writer: say so now rather than wait */
		st = unit_receipt_record(wdb, data, len, &r, &why);
		store_close(wdb);
	} else
		st = ST_ENV;
	cli_next_step(&why);
	if (st != ST_OK)
		fprintf(stderr,
			L("%s: chưa lưu được biên nhận vào thư mục dữ liệu (%s); mở lại biên nhận sau"
			  " để \"xhht status\" thấy nó\n",
			  "%s: the receipt could not be kept in the data folder (%s); open it again"
			  " later for \"xhht status\" to show it\n"),
			c->prog, cli_safe(why.msg));
	free(data);
	free(dir);
	time_vietnam(r.time, when);
	if (receipt_outcome_accepted(r.outcome))
		printf(L("Bộ Y tế đã nhận báo cáo %s, lần gửi %d, lúc %s (%s).\n",
			 "The Ministry received the %s report, revision %d, at %s (%s).\n"),
		       name, r.revision, when, receipt_outcome_message(r.outcome));
	else
		printf(L("Bộ Y tế KHÔNG nhận báo cáo %s, lần gửi %d (%s, lúc %s): %s.\n",
			 "The Ministry did NOT accept the %s report, revision %d (%s, at %s): %s.\n"),
		       name, r.revision, receipt_outcome_message(r.outcome), when, cli_safe(r.reason));
	if (rv.any)
		print_review(&rv, "");
	unit_review_free(&rv);
	receipt_free(&r);
	return receipt_outcome_accepted(r.outcome) ? 0 : ST_REFUSED;
}

static int
cmd_passphrase(const struct cli *c)
{
	return cli_passphrase_command(c, STORE_UNIT, unit_change_passphrase);
}

static enum status
new_key(struct store *db, const char *dir, const struct secret *old, const struct secret *new_pass,
	void *fingerprint, struct err *e)
{
	return unit_new_key(db, dir, old, new_pass, fingerprint, e);
}

static int
cmd_key(const struct cli *c)
{
	char fp[48];
	int rc = cli_rekey(
		c, STORE_UNIT, L("Cụm mật khẩu của khóa hiện tại: ", "Passphrase of the current key: "),
		L("Cụm mật khẩu cho khóa mới: ", "Passphrase for the new key: "), new_key, fp);
	if (rc == 0)
		printf(L("Đã tạo khóa mới cho đơn vị, được khóa cũ xác nhận. Vân tay khóa mới: %s\n"
			 "Gói báo cáo tiếp theo sẽ báo cho Bộ Y tế biết khóa mới.\n",
			 "Made a new unit key, vouched for by the old one. New key fingerprint: %s\n"
			 "The next bundle tells the Ministry about the new key.\n"),
		       fp);
	return rc;
}

static int
cmd_new(const struct cli *c)
{
	struct store *db;
	struct err e = {0};
	int year, phase_first, from = 0, rc;
	enum status st;

	if (!cli_period_arg(c, c->args[1], &year, &phase_first) ||
	    (c->from && !cli_year_arg(c, c->from, &from)))
		return ST_ENV;
	if (phase_first)
		return new_phase(c, year, phase_first);
	if (c->keep_figures && !c->from)
		return cli_usage_error(c, "%s",
				       L("--keep-figures chỉ dùng cùng --from NĂM",
					 "--keep-figures goes with --from YEAR"));
	if ((rc = cli_open_store(c, STORE_UNIT, &db, NULL)) != 0)
		return rc;
	st = report_start_year(db, year, from, c->keep_figures, &e);
	store_close(db);
	if (st != ST_OK)
		return cli_fail(c, st, &e);
	char told[200];
	report_start_told(year, from, c->keep_figures, told, sizeof told);
	printf("%s\n", told);
	return 0;
}

static int
cmd_edit(const struct cli *c)
{
	struct store *db;
	char *dir;
	int year = 0, phase_first = 0, rc;
	const char *field = NULL;

	if (c->nargs >= 2 && !cli_period_arg(c, c->args[1], &year, &phase_first))
		return ST_ENV;
	if (c->nargs == 3)
		field = c->args[2];
	if (!plat_is_tty(0) || !plat_is_tty(1))
		return cli_usage_error(c, L("giao diện toàn màn hình cần một thiết bị đầu cuối; xem xhht --help",
					    "the full-screen interface needs a terminal; see xhht --help"));
	struct err e;
	bool fresh = store_data_dir(c->data, STORE_UNIT, &dir, &e) == ST_OK && store_dir_missing(dir);
	free(dir);
	if ((rc = cli_open_store_mode(c, STORE_UNIT, STORE_EDIT, &db, &dir)) != 0)
		return rc;
	/* A span no phase has (2023-2026) is refused here: the home screen would open another. */
	struct template *pt = NULL;
	enum status st = phase_first ? phase_template(db, phase_first, year, &pt, &e) : ST_OK;
	template_free(pt);
	if (st != ST_OK) {
		free(dir);
		store_close(db);
		return cli_fail(c, st, &e);
	}
	rc = tui_run(db, dir, year, phase_first, field, fresh);
	free(dir);
	store_close(db);
	return rc;
}

/* The phase review closing in year when it is not started: the home screen's row, here. */
static void
print_phase_due(struct store *db, int year)
{
	struct template *t = NULL;
	struct err ignored = {0};
	char period[REPORT_PERIOD_SIZE];
	if (phase_template(db, 0, year, &t, &ignored) == ST_OK) {
		report_period_text(year, t->phase_first, period);
		printf(L("Giai đoạn %s: chưa bắt đầu; bắt đầu: xhht new %s\n",
			 "%s phase review: not started; start it: xhht new %s\n"),
		       period, period);
	}
	template_free(t);
}

/* A period's report as xhht status tells it; nothing for a year with only its phase review. */
static void
print_status(struct store *db, int year, int phase_first, const char *today, int this_year)
{
	struct year_status ys;
	struct err e;
	char when[32], period[REPORT_PERIOD_SIZE];
	enum status st = unit_year_status(db, year, phase_first, today, false, &ys, &e);

	report_period_text(year, phase_first, period);
	if (st == ST_REFUSED && !phase_first)
		return;
	if (st != ST_OK) {
		char name[REPORT_PERIOD_NAME_SIZE];
		report_period_name(year, phase_first, name);
		printf(L("Báo cáo %s: %s\n", "The %s report: %s\n"), name, cli_safe(e.msg));
		return;
	}
	printf(phase_first ? L("Giai đoạn %s: bản nháp, đã điền %zu/%zu mục bắt buộc; %zu lỗi, %zu "
			       "cảnh báo\n",
			       "%s phase review: draft, %zu/%zu required fields filled; %zu errors, "
			       "%zu warnings\n")
			   : L("Năm %s: bản nháp, đã điền %zu/%zu mục bắt buộc; %zu lỗi, %zu cảnh báo\n",
			       "%s: draft, %zu/%zu required fields filled; %zu errors, %zu warnings\n"),
	       period, ys.filled, ys.required, ys.errors, ys.warnings);
	if (ys.packed) {
		time_vietnam(ys.packed_at, when);
		printf(L("  Đã đóng gói lần %d lúc %s: %s\n", "  Packed revision %d at %s: %s\n"),
		       ys.revision, when, cli_safe(ys.path));
		if (ys.answered) {
			time_vietnam(ys.answered_at, when);
			printf(receipt_outcome_accepted(ys.outcome)
				   ? L("  Bộ Y tế đã nhận (%s) lúc %s.\n",
				       "  The Ministry received it (%s) at %s.\n")
				   : L("  Bộ Y tế KHÔNG nhận lần gửi này (%s), lúc %s.\n",
				       "  The Ministry did NOT accept it (%s), at %s.\n"),
			       receipt_outcome_message(ys.outcome), when);
		} else
			printf("%s", L("  Chưa có biên nhận của Bộ Y tế.\n", "  No receipt from the Ministry yet.\n"));
	}
	int have, newer = move_newer_version(db, ys.year, phase_first, &have);
	if (newer)
		printf(L("  Có mẫu báo cáo mới (phiên bản %d; bản nháp theo phiên bản %d): "
			 "xhht template move %s\n",
			 "  A newer form is installed (version %d; the draft answers "
			 "version %d): "
			 "xhht template move %s\n"),
		       newer, have, period);
	/* The Ministry's word not yet answered by a pack, with its comments. */
	struct unit_review rv;
	if (ys.reviewed && unit_review_open(db, ys.year, phase_first, &rv, &e) == ST_OK) {
		print_review(&rv, "  ");
		unit_review_free(&rv);
	}
	if (ys.year >= this_year) {
		if (ys.days_left >= 0)
			printf(L("  Hạn nộp: %02d/%02d/%d, còn %ld ngày.\n",
				 "  Due: %02d/%02d/%d, %ld days left.\n"),
			       ys.due_day, ys.due_month, ys.year, ys.days_left);
		else
			printf(L("  Hạn nộp %02d/%02d/%d đã qua %ld ngày.\n",
				 "  Due %02d/%02d/%d: %ld days ago.\n"),
			       ys.due_day, ys.due_month, ys.year, -ys.days_left);
	}
}

static int
cmd_status(const struct cli *c)
{
	struct store *db;
	char *dir, today[16], code[64], name[512], fp[48];
	struct err e;
	int rc, years[64];

	if (store_data_dir(c->data, STORE_UNIT, &dir, &e) != ST_OK)
		return cli_fail(c, ST_ENV, &e);
	if ((rc = cli_open_store_mode(c, STORE_UNIT, STORE_READ, &db, NULL)) != 0) {
		free(dir);
		return rc;
	}
	printf(L("Thư mục dữ liệu: %s\n", "Data folder: %s\n"), cli_safe(dir));
	free(dir);
	if (unit_identity(db, code, name))
		printf(L("Đơn vị: %s — %s\n", "Unit: %s — %s\n"), cli_safe(code), cli_safe(name));
	else
		printf(L("Đơn vị: chưa đăng ký (chưa mở tệp đăng ký do Bộ Y tế gửi)\n",
			 "Unit: not enrolled (no enrollment file from the Ministry opened yet)\n"));
	if (unit_fingerprint(db, fp, &e) == ST_OK)
		printf(L("Vân tay khóa của đơn vị (đọc cho Bộ khi gọi đối chiếu): %s\n",
			 "Fingerprint of the unit's key (read it to the Ministry when comparing): %s\n"),
		       fp);

	store_today(today);
	int this_year = atoi(today);
	size_t n = unit_report_years(db, years, ARRAY_LEN(years));
	for (size_t i = 0; i < n; i++) {
		int first = unit_phase_started(db, years[i]);
		/* The year's yearly report, then the phase review filed in it. */
		print_status(db, years[i], 0, today, this_year);
		if (first)
			print_status(db, years[i], first, today, this_year);
		else if (years[i] == this_year)
			print_phase_due(db, this_year);
	}
	if (n == 0)
		printf(L("Chưa có báo cáo nào. Nạp một báo cáo: xhht load NĂM TỆP.json\n",
			 "No reports yet. Load one: xhht load YEAR FILE.json\n"));
	store_close(db);
	return 0;
}

/* A text from the draft, indented, each of its lines made safe for the terminal. */
static void
print_text(const char *indent, const char *text)
{
	char *copy = xstrdup(text), *line = copy, *nl;
	do {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		printf("%s%s\n", indent, cli_safe(line));
		line = nl + 1;
	} while (nl != NULL);
	free(copy);
}

/* Lines the core wrote for people, each made safe for the terminal. */
static void
print_lines(struct buf *b)
{
	if (b->len > 0 && b->data[b->len - 1] == '\n')
		b->data[b->len - 1] = '\0';
	if (b->len > 0)
		print_text("", b->data);
}

/* xhht template move YEAR|YEAR-YEAR [--dry-run]: the plan of moving the period's draft (a
 * year's report or a phase review) to the newest version of its template, then the move.
 * Nothing to move is not an error (exit 0): a second move is the same as the first's result. */
static int
cmd_template_move(const struct cli *c)
{
	struct store *db;
	struct move_plan p;
	struct err e = {0};
	int year, phase_first, rc;
	enum status st;
	char period[REPORT_PERIOD_SIZE], *what;

	if (!cli_period_arg(c, c->args[2], &year, &phase_first))
		return ST_ENV;
	report_period_text(year, phase_first, period);
	/* "Báo cáo năm 2025 ..." / "Báo cáo giai đoạn 2023-2025 ..." */
	what = phase_first ? xasprintf(L("giai đoạn %s", "%s phase review"), period)
			   : xasprintf(L("năm %s", "%s report"), period);
	if ((rc = c->dry_run ? cli_open_store_mode(c, STORE_UNIT, STORE_READ, &db, NULL)
			     : cli_open_store(c, STORE_UNIT, &db, NULL)) != 0)
		return rc;
	st = c->dry_run ? move_plan(db, year, phase_first, &p, &e)
			: move_draft(db, year, phase_first, &p, &e);
	if (st != ST_OK) {
		free(what);
		store_close(db);
		return cli_fail(c, st, &e);
	}
	if (p.to == p.from) {
		printf(L("Báo cáo %s đã theo mẫu %s phiên bản %d, mới nhất đã cài: không có gì "
			 "để chuyển.\n",
			 "The %s already answers template %s version %d, the newest "
			 "installed: nothing to move.\n"),
		       what, cli_safe(p.draft->t->id), p.from);
		struct dropped *d;
		size_t n;
		if (dropped_list(db, year, phase_first, &d, &n, &e) == ST_OK) {
			struct buf b;
			buf_init(&b);
			dropped_write(d, n, &b);
			print_lines(&b);
			buf_free(&b);
			dropped_free(d, n);
		}
	} else {
		printf(L("Báo cáo %s: từ mẫu %s phiên bản %d sang phiên bản %d.\n",
			 "The %s: from template %s version %d to version %d.\n"),
		       what, cli_safe(p.draft->t->id), p.from, p.to);
		struct buf b;
		buf_init(&b);
		move_plan_write(&p, &b);
		print_lines(&b);
		buf_free(&b);
		if (c->dry_run)
			printf("%s",
			       L("Chưa chuyển gì (--dry-run).\n", "Nothing moved (--dry-run).\n"));
		else
			printf(L("Đã chuyển. Kiểm tra lại theo mẫu mới: xhht check %s\n",
				 "Moved. Check it against the new version: xhht check %s\n"),
			       period);
	}
	free(what);
	move_plan_free(&p);
	store_close(db);
	return 0;
}

/* The pre-filled values of a phase review, each with the years it came from. */
static void
print_phase(const struct phase_fill *p)
{
	const struct report *r = p->r;
	struct buf b;
	buf_init(&b);
	printf("%s (%s, %s %d)\n", cli_safe(TR(r->t->title)), r->t->id, L("phiên bản", "version"),
	       r->t->version);
	printf("%s\n", L("Điền sẵn từ báo cáo năm:", "Pre-filled from the yearly reports:"));
	for (const char *l = p->sources; *l;) {
		size_t n = strcspn(l, "\n");
		printf("  %.*s\n", (int)n, l);
		l += n + (l[n] == '\n');
	}
	for (size_t i = 0; i < r->t->nfields; i++) {
		const struct field *f = &r->t->fields[i];
		if (!f->prefill)
			continue;
		buf_reset(&b);
		if (f->type == F_TABLE)
			buf_printf(&b, L("%zu dòng", "%zu rows"), r->tables[i].n);
		else if (f->type == F_LONGTEXT)
			buf_printf(&b, L("%zu ký tự", "%zu characters"),
				   r->values[i].s ? utf8_chars(r->values[i].s) : 0);
		else
			value_format(f, &r->values[i], &b);
		printf("%s  %s: %s\n", f->id, cli_safe(TR(f->label)),
		       cli_safe(b.data ? b.data : ""));
		printf("    %s\n", cli_safe(p->from[i]));
	}
	buf_free(&b);
}

/* xhht phase FIRST-LAST: the unit's phase review pre-filled from its yearly reports. */
static int
cmd_phase(const struct cli *c)
{
	struct err e = {0};
	struct store *db;
	struct template *t = NULL;
	struct phase_fill p;
	int first, last, rc;
	enum status st;

	if (!report_parse_period(c->args[1], &last, &first) || first == 0)
		return cli_usage_error(c, L("cần một giai đoạn NĂM-NĂM (vd. 2023-2025), không phải \"%s\"",
					    "expected a phase YEAR-YEAR (e.g. 2023-2025), not \"%s\""),
				       c->args[1]);
	if (c->format != NULL && strcmp(c->format, "json") != 0 && strcmp(c->format, "html") != 0 &&
	    strcmp(c->format, "csv") != 0)
		return cli_usage_error(c, L("phase nhận --format json, html hoặc csv",
					    "phase takes --format json, html or csv"));
	if ((rc = c->refill ? cli_open_store(c, STORE_UNIT, &db, NULL)
			    : cli_open_store_mode(c, STORE_UNIT, STORE_READ, &db, NULL)) != 0)
		return rc;
	size_t filled, kept;
	if (c->refill && (st = phase_refill(db, first, last, &filled, &kept, &e)) != ST_OK) {
		store_close(db);
		return cli_fail(c, st, &e);
	}
	if (c->refill)
		fprintf(stderr,
			L("Đã điền lại %zu mục từ các báo cáo năm; giữ nguyên %zu mục đã sửa tay.\n",
			  "Filled %zu fields again from the yearly reports; kept %zu changed by "
			  "hand.\n"),
			filled, kept);
	/* Once started, the review as stored, with the provenance kept when it was filled. */
	if (unit_phase_started(db, last) == first)
		st = phase_stored(db, first, last, &p, &e);
	else if ((st = phase_template(db, first, last, &t, &e)) == ST_OK)
		st = phase_prefill(db, t, &p, &e);
	template_free(t);
	if (st != ST_OK) {
		store_close(db);
		return cli_fail(c, st, &e);
	}
	struct buf b;
	buf_init(&b);
	if (c->format == NULL)
		print_phase(&p);
	else if (strcmp(c->format, "html") == 0) {
		char *place = setting_get(db, "unit.place");
		document_html(p.r, place, &b);
		free(place);
	} else if (strcmp(c->format, "csv") == 0)
		report_to_csv(p.r, &b);
	else
		report_to_json(p.r, &b);
	st = c->format ? cli_output(c, b.data, b.len, &e) : ST_OK;
	buf_free(&b);
	phase_fill_free(&p);
	store_close(db);
	return st == ST_OK ? 0 : cli_fail(c, st, &e);
}

/* With no command: the full-screen program on a terminal, the status otherwise. */
static int
cmd_bare(const struct cli *c)
{
	return plat_is_tty(0) && plat_is_tty(1) ? cmd_edit(c) : cmd_status(c);
}

static const struct cli_command commands[] = {
	{"", "", "", "giao diện toàn màn hình", "the full-screen interface", 0, 0, 0, cmd_bare},
	{"edit", "[NĂM|NĂM-NĂM [MÃ_MỤC]]", "[YEAR|YEAR-YEAR [FIELD_ID]]", "soạn báo cáo của NĂM (mở ngay mục MÃ_MỤC)",
	 "edit YEAR's report (opened on FIELD_ID)", 0, 2, 0, cmd_edit},
	{"status", "", "", "tình trạng báo cáo các năm, hạn nộp", "state of each year's report, deadline",
	 0, 0, 0, cmd_status},
	{"new", "NĂM|NĂM-NĂM [--from NĂM] [--keep-figures]",
	 "YEAR|YEAR-YEAR [--from YEAR] [--keep-figures]",
	 "bắt đầu báo cáo của NĂM: trống, hoặc chép từ báo cáo năm khác (số liệu xóa hoặc giữ); "
	 "báo cáo giai đoạn NĂM-NĂM: điền sẵn từ các báo cáo năm",
	 "start YEAR's report: empty, or copied from another year's (figures cleared or kept); "
	 "a phase review YEAR-YEAR: pre-filled from the yearly reports", 1, 1,
	 CLI_FROM | CLI_KEEP_FIGURES, cmd_new},
	{"phase", "NĂM-NĂM [--refill] [--format json|html|csv] [-o TỆP]",
	 "YEAR-YEAR [--refill] [--format json|html|csv] [-o FILE]",
	 "báo cáo sơ kết, tổng kết giai đoạn, điền sẵn từ các báo cáo năm",
	 "the phase review (mid-term, final), pre-filled from the yearly reports", 1, 1,
	 CLI_FORMAT | CLI_OUTPUT | CLI_REFILL, cmd_phase},
	{"load", "NĂM|NĂM-NĂM TỆP.json", "YEAR|YEAR-YEAR FILE.json", "nạp báo cáo của NĂM từ tệp JSON (thay bản nháp)",
	 "load YEAR's report from JSON (replaces the draft)", 2, 2, 0, cmd_load},
	{"check", "NĂM|NĂM-NĂM", "YEAR|YEAR-YEAR", "kiểm tra báo cáo: lỗi và cảnh báo", "check the report: errors and warnings",
	 1, 1, 0, cmd_check},
	{"export", "NĂM|NĂM-NĂM --format json|html|csv [-o TỆP]",
	 "YEAR|YEAR-YEAR --format json|html|csv [-o FILE]",
	 "xuất báo cáo: JSON, bản in HTML (A4), CSV cho Excel",
	 "export the report: JSON, printable HTML (A4), CSV", 1, 1, CLI_FORMAT | CLI_OUTPUT, cmd_export},
	{"enroll", "TỆP [--code MÃ] [--new-central-key]", "FILE [--code CODE] [--new-central-key]",
	 "mở tệp đăng ký do Bộ Y tế gửi (với mã đăng ký trong công văn), tạo khóa của đơn vị",
	 "open the Ministry's enrollment file (with the code in its letter), make the unit key", 1, 1,
	 CLI_CODE | CLI_NEW_CENTRAL_KEY | CLI_NEW_PASSPHRASE, cmd_enroll},
	{"attach", "NĂM|NĂM-NĂM TỆP", "YEAR|YEAR-YEAR FILE", "đính kèm bản quét báo cáo (PDF, JPEG, PNG)",
	 "attach the scanned report (PDF, JPEG, PNG)", 2, 2, 0, cmd_attach},
	{"pack", "NĂM|NĂM-NĂM [-o THƯ_MỤC] [--armor] [--accept-warnings]",
	 "YEAR|YEAR-YEAR [-o DIR] [--armor] [--accept-warnings]", "ký, mã hóa và đóng gói báo cáo để gửi Bộ Y tế",
	 "sign, encrypt and pack the report for the Ministry", 1, 1,
	 CLI_OUTPUT | CLI_ARMOR | CLI_ACCEPT_WARNINGS, cmd_pack},
	{"receipt", "TỆP", "FILE", "mở biên nhận của Bộ Y tế", "open a receipt from the Ministry", 1, 1, 0,
	 cmd_receipt},
	{"template install", "TỆP", "FILE",
	 "cài phiên bản mới của mẫu báo cáo do Bộ Y tế gửi (tệp hoặc đoạn dán từ thư điện tử)",
	 "install a new report template version from the Ministry (the file, or pasted from an"
	 " e-mail)",
	 1, 1, 0, cmd_template},
	{"template list", "", "", "các mẫu báo cáo: có sẵn hay đã cài, báo cáo năm nào dùng",
	 "the report templates: built in or installed, which years' reports use them", 0, 0, 0,
	 cmd_template},
	{"template move", "NĂM|NĂM-NĂM [--dry-run]", "YEAR|YEAR-YEAR [--dry-run]",
	 "chuyển bản nháp của NĂM (hoặc báo cáo giai đoạn) sang phiên bản mới nhất của mẫu (giá "
	 "trị bị bỏ được giữ lại)",
	 "move YEAR's draft (or a phase review) to the newest version of its template (dropped "
	 "values kept)", 1, 1,
	 CLI_DRY_RUN, cmd_template_move},
	{"passphrase", "", "", "đổi cụm mật khẩu của khóa", "change the key's passphrase", 0, 0,
	 CLI_NEW_PASSPHRASE, cmd_passphrase},
	{"key new", "", "", "thay khóa của đơn vị (khóa cũ xác nhận khóa mới)",
	 "replace the unit key (the old key vouches for it)", 0, 0, CLI_NEW_PASSPHRASE, cmd_key},
};

static const struct cli_program program = {
	"xhht",
	"báo cáo xã hội học tập hằng năm của đơn vị thuộc Bộ Y tế",
	"yearly learning-society report of a Ministry of Health unit",
	commands,
	ARRAY_LEN(commands),
};

int
main(int argc, char **argv)
{
	return cli_main(&program, argc, argv);
}
