/* tasks.c: the clerk's steps that are dialogs rather than screens: open the enrollment file,
 * pack and send, open a receipt or a new template. Each ends with a box saying what happened
 * and what is next. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "armor.h"
#include "clerk.h"
#include "i18n.h"
#include "platform.h"
#include "publish.h"
#include "report.h"
#include "signed.h"
#include "store.h"
#include "unit.h"
#include "validate.h"
#include "widgets.h"

/* A template file opened where the Ministry's files are opened (the enrollment file's entry, the
 * receipt's): it says what it is, once its signature and the type check hold, and installs it
 * when the clerk agrees. Drafts keep their version. */
static void
task_template(struct tui *t, const char *path)
{
	struct template_info info;
	unsigned char *data = NULL;
	size_t len;
	bool already;
	struct err e;
	char what[600];

	if (container_read(path, "TEMPLATE", SIGNED_MAX_BODY + 1024, &data, &len, &e) != ST_OK ||
	    template_file_check(t->db, data, len, &info, &already, &e) != ST_OK) {
		tui_error(t, &e);
		free(data);
		return;
	}
	snprintf(what, sizeof what,
		 L("Mẫu báo cáo %s, phiên bản %d:\n%s\ntừ Bộ Y tế, đã kiểm tra chữ ký.",
		   "Report template %s, version %d:\n%s\nfrom the Ministry, signature checked."),
		 info.id, info.version, info.title);
	template_info_free(&info);
	if (already) {
		const char *lines[] = {what, L("Mẫu này đã được cài, không cần cài lại.",
					       "This template is already installed.")};
		tui_inform(t, L("Mẫu báo cáo", "Report template"), lines, 2);
	} else {
		char *ask = xasprintf("%s\n%s", what, L("Cài mẫu này?", "Install this template?"));
		bool yes = tui_confirm(t, ask);
		free(ask);
		if (yes && template_file_install(t->db, data, len, &info, &already, &e) != ST_OK)
			tui_error(t, &e);
		else if (yes) {
			template_info_free(&info);
			const char *lines[] = {
			    what, "",
			    L("Đã cài. Báo cáo của các năm chưa bắt đầu sẽ theo mẫu mới nhất;",
			      "Installed. Reports of years not started yet answer the newest "
			      "template;"),
			    L("báo cáo đang soạn vẫn giữ mẫu của nó.",
			      "a report being written keeps its own.")};
			tui_inform(t, L("Đã cài mẫu báo cáo", "Template installed"), lines, 4);
		}
	}
	free(data);
}

void
task_enroll(struct tui *t)
{
	static const char *const suffixes[] = {".xhht", ".enr", ".enrollment", ".tpl", ".txt", NULL};
	struct enrollment *en = NULL;
	struct secret *pass = NULL;
	unsigned char *data = NULL;
	size_t len;
	struct err e;
	char fp[48], cfp[48], line1[400], line2[200];

	char *path = tui_choose_path(t, L("Chọn tệp đăng ký do Vụ Tổ chức cán bộ gửi", "Choose the enrollment file from the Ministry"),
				     false, suffixes);
	if (path == NULL)
		return;
	if (template_file_at(path)) {
		task_template(t, path);
		free(path);
		return;
	}
	if (container_read(path, "ENROLLMENT", SIGNED_MAX_BODY + 1024, &data, &len, &e) != ST_OK ||
	    enrollment_read(data, len, &en, &e) != ST_OK) {
		tui_error(t, &e);
		goto done;
	}
	key_fingerprint(en->central_sign, SIGN_PK_BYTES, cfp);
	/* The fingerprint on a line of its own, so that it is never broken when wrapped. */
	snprintf(line1, sizeof line1,
		 L("Tệp đăng ký cho đơn vị %s — %s.\nVân tay khóa của Bộ: %s\n"
		   "So với vân tay trong công văn của Bộ: khác nhau thì nhấn %s và gọi cho Bộ.\n"
		   "Trùng khớp, tiếp tục?",
		   "Enrollment for unit %s — %s.\nMinistry key fingerprint: %s\n"
		   "Compare it with the one in the Ministry's letter: if they differ, press %s and"
		   " call the Ministry.\nThey match, go on?"),
		 en->unit_code, en->unit_name, cfp, action_first_key(ACT_BACK));
	if (!tui_confirm(t, line1))
		goto done;
	/* The code travels apart from the file: without it an intercepted file enrolls nobody. */
	for (;;) {
		char *code = tui_prompt(t, L("Mã đăng ký (12 chữ số, trong công văn của Bộ):",
					     "Enrollment code (12 digits, in the Ministry's letter):"),
					"", false);
		if (code == NULL)
			goto done;
		enum status st = enrollment_use_code(en, code, &e);
		sodium_memzero(code, strlen(code));
		free(code);
		if (st == ST_OK)
			break;
		const char *why[] = {e.msg};
		tui_inform(t, L("Mã đăng ký", "Enrollment code"), why, 1);
	}
	pass = tui_passphrase(t, L("Đặt cụm mật khẩu cho khóa của đơn vị (ít nhất 8 ký tự):",
				   "Choose a passphrase for the unit's key (at least 8 characters):"),
			      true);
	if (pass == NULL)
		goto done;
	if (unit_enroll(t->db, t->dir, en, pass, false, fp, &e) != ST_OK) {
		tui_error(t, &e);
		goto done;
	}
	snprintf(line1, sizeof line1, L("Đơn vị: %s — %s", "Unit: %s — %s"), en->unit_code, en->unit_name);
	snprintf(line2, sizeof line2, L("Vân tay khóa của đơn vị: %s", "Unit key fingerprint: %s"), fp);
	/* Two lines: each short enough to stay whole in the box at 80 columns. */
	const char *lines[] = {line1, line2, "",
			       L("Khi đã gửi báo cáo đầu tiên, hãy gọi cho Vụ Tổ chức cán bộ",
				 "Once the first report is sent, call the Ministry's personnel department"),
			       L("và đọc dãy số trên để hai bên đối chiếu.", "and read these digits out to compare.")};
	tui_inform(t, L("Đã đăng ký", "Enrolled"), lines, 5);
done:
	secret_free(pass);
	enrollment_free(en);
	free(data);
	free(path);
}

/* Packs with the passphrase, asked again in place after a wrong one (three tries in all):
 * the folder and form the clerk chose stay chosen. */
static enum status
pack_with_passphrase(struct tui *t, int year, int phase_first, const char *dest, bool armor, const char *today,
		     struct pack_result *res, struct err *e)
{
	const char *title = L("Cụm mật khẩu của khóa đơn vị:", "Passphrase of the unit key:");
	enum status rc = ST_ENV;
	char why[300] = "";
	for (int try = 1; try <= PASSPHRASE_TRIES; try++) {
		struct secret *pass = try == 1 ? tui_passphrase(t, title, false)
					       : tui_passphrase_again(t, title, try, why);
		if (pass == NULL)
			return ST_ENV; /* cancelled: nothing to say */
		tui_message(t, false, "%s", L("Đang đóng gói...", "Packing..."));
		tui_redraw(t);
		refresh();
		*e = (struct err){0};
		rc = unit_pack(t->db, t->dir, year, phase_first, pass, dest, armor, true, today, res, e);
		secret_free(pass);
		t->message[0] = '\0';
		if (rc == ST_OK || e->code != KEYFILE_WRONG_PASSPHRASE)
			break;
		snprintf(why, sizeof why, "%s", L("sai cụm mật khẩu", "wrong passphrase"));
	}
	if (rc != ST_OK)
		tui_error(t, e);
	return rc;
}

/* Where to send the bundle: the Ministry's address from the enrollment file, the file's name
 * and size, then what comes back. */
static void
pack_done(struct tui *t, const struct pack_result *res)
{
	char l1[600], l2[200], l3[600], l4[300];
	const char *name = plat_base_name(res->path);
	char *email = unit_ministry_email(t->db);
	snprintf(l1, sizeof l1,
		 L("Tệp: %s (%.1f KB, lần gửi %d)", "File: %s (%.1f KB, revision %d)"), name,
		 (double)res->size / 1024.0, res->revision);
	/* The folder without the separator before the name ("C:\" keeps its own). */
	int folder = name == res->path ? 1 : (int)(name - res->path) - (name - res->path > 1 &&
									   name[-2] != ':');
	snprintf(l2, sizeof l2, L("Trong thư mục: %.*s", "In the folder: %.*s"), folder,
		 name == res->path ? "." : res->path);
	if (email)
		snprintf(l3, sizeof l3,
			 L("Gửi tệp này tới Vụ Tổ chức cán bộ, Bộ Y tế: thư điện tử tới %s "
			   "(đính kèm tệp), hoặc chép vào USB.",
			   "Send this file to the Ministry's personnel department: e-mail it to "
			   "%s (as an attachment), or copy it to USB."),
			 email);
	else
		snprintf(l3, sizeof l3, "%s",
			 L("Gửi tệp này tới Vụ Tổ chức cán bộ, Bộ Y tế, tới địa chỉ thư điện tử "
			   "trong công văn của Bộ, hoặc chép vào USB.",
			   "Send this file to the Ministry's personnel department, to the e-mail "
			   "address in the Ministry's letter, or copy it to USB."));
	snprintf(l4, sizeof l4, "%s",
		 L("Khi nhận được biên nhận, mở nó ở mục \"Mở biên nhận\".",
		   "When the receipt arrives, open it under \"Open a receipt\"."));
	const char *lines[] = {l1, l2, "", l3, l4};
	tui_inform(t, L("Đã đóng gói", "Packed"), lines, 5);
	free(email);
}

void
task_pack(struct tui *t, int year, int phase_first)
{
	struct report *r = NULL;
	struct findings f = {0};
	struct pack_result res = {0};
	struct err e = {0};
	char today[16], q[400];
	char *dest = NULL;

	/* Not enrolled: said at once, before the clerk chooses anything. */
	if (unit_enrolled(t->db, &e) != ST_OK) {
		tui_error(t, &e);
		return;
	}
	store_today(today);
	if (report_read(t->db, year, phase_first, &r, &e) != ST_OK) {
		tui_error(t, &e);
		return;
	}
	validate_report(r, today, &f);
	if (f.errors) {
		tui_message(t, true, L("Báo cáo còn %zu lỗi: sửa xong mới đóng gói được.", "The report has %zu errors: fix them first."),
			    f.errors);
		goto done;
	}
	if (f.warnings) {
		snprintf(q, sizeof q, L("Báo cáo có %zu cảnh báo. Anh/chị đã xem lại và vẫn muốn gửi như vậy?",
					"The report has %zu warnings. Reviewed, and send it as it is?"),
			 f.warnings);
		if (!tui_confirm(t, q))
			goto done;
	}
	size_t natt = unit_attachment_count(t->db, year, phase_first);
	char name[REPORT_PERIOD_NAME_SIZE];
	report_period_name(year, phase_first, name);
	snprintf(q, sizeof q,
		 L("Sẽ gửi: báo cáo %s của %s, %zu tệp đính kèm, ký bằng khóa của đơn vị và mã hóa "
		   "cho Bộ Y tế. Tiếp tục?",
		   "To send: the %s report of %s, %zu attachments, signed with the unit's key and "
		   "encrypted for the Ministry. Go on?"),
		 name, r->unit_code ? r->unit_code : "?", natt);
	if (natt == 0)
		tui_message(t, false, "%s", L("Chưa đính kèm bản quét báo cáo có dấu (có thể thêm ở mục Tệp đính kèm).",
					      "No scanned, stamped report attached (add it under Attachments)."));
	if (!tui_confirm(t, q))
		goto done;
	dest = tui_choose_path_kept(t,
				    L("Lưu gói vào đâu? (USB ở đầu danh sách)",
				      "Where to save the bundle? (USB sticks first)"),
				    true, NULL, "folder.pack");
	if (dest == NULL)
		goto done;
	const char *forms[] = {L("Tệp để chép vào USB hoặc đính kèm thư điện tử", "A file to copy to USB or attach to e-mail"),
			       L("Văn bản để dán vào nội dung thư điện tử", "Text to paste into an e-mail body")};
	int form = tui_choose(t, L("Dạng gói", "Bundle form"), forms, 2, 0);
	if (form < 0)
		goto done;
	if (pack_with_passphrase(t, year, phase_first, dest, form == 1, today, &res, &e) == ST_OK)
		pack_done(t, &res);
done:
	free(res.path);
	free(dest);
	findings_free(&f);
	report_free(r);
}

/* The receipt's box: what became of the bundle (line), then the Ministry's review it carries:
 * its word, where the comments are shown, and each comment under its field's label (the box
 * shows as many as fit; the editor shows them all, under their fields). */
static void
receipt_said(struct tui *t, const struct receipt *rc, const char *line)
{
	struct unit_review rv;
	struct err e;
	char heading[300];
	if (unit_review_of_receipt(t->db, rc, &rv, &e) != ST_OK || !rv.any) {
		tui_inform(t, L("Biên nhận", "Receipt"), &line, 1);
		return;
	}
	char **lines = xcalloc(rv.n + 3, sizeof *lines);
	int n = 0;
	lines[n++] = xstrdup(line);
	unit_review_heading(&rv, heading, sizeof heading);
	lines[n++] = xstrdup(heading);
	if (rv.n)
		lines[n++] = xasprintf(
		    L("Khi soạn báo cáo, các mục có ý kiến được đánh dấu %s và ý kiến hiện "
		      "ngay dưới mục, cho tới lần đóng gói sau.",
		      "In the report, the commented fields are marked %s with each comment "
		      "under its field, until the next pack."),
		    form_mark(t));
	for (size_t i = 0; i < rv.n; i++) {
		const char *label = unit_review_label(&rv, &rv.notes[i]);
		lines[n++] = xasprintf("%s %s: %s", t->utf8 ? "•" : "*",
				       label ? label : L("Cả báo cáo", "The whole report"),
				       rv.notes[i].text);
	}
	tui_inform(t, L("Biên nhận và ý kiến của Bộ Y tế", "Receipt and the Ministry's review"),
		   (const char *const *)lines, n);
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	unit_review_free(&rv);
}

void
task_receipt(struct tui *t)
{
	static const char *const suffixes[] = {".receipt", ".tpl", ".xhht", ".txt", NULL};
	struct receipt rc;
	unsigned char *data = NULL;
	size_t len;
	struct err e;
	char *path = tui_choose_path(t, L("Chọn tệp biên nhận của Bộ Y tế", "Choose the Ministry's receipt"), false,
				     suffixes);
	if (path == NULL)
		return;
	if (template_file_at(path)) {
		task_template(t, path);
		free(path);
		return;
	}
	if (container_read(path, "RECEIPT", 1u << 20, &data, &len, &e) != ST_OK ||
	    unit_receipt(t->db, data, len, &rc, &e) != ST_OK) {
		tui_error(t, &e);
	} else {
		char when[32], l1[400], name[REPORT_PERIOD_NAME_SIZE];
		time_vietnam(rc.time, when);
		bool ok = receipt_outcome_accepted(rc.outcome);
		report_period_name(rc.year, unit_receipt_phase_first(t->db, &rc), name);
		snprintf(l1, sizeof l1,
			 ok ? L("Bộ Y tế đã nhận báo cáo %s, lần gửi %d, lúc %s (%s).",
				"The Ministry received the %s report, revision %d, at %s (%s).")
			    : L("Bộ Y tế KHÔNG nhận báo cáo %s, lần gửi %d, lúc %s: %s.",
				"The Ministry did NOT accept the %s report, revision %d, at %s: %s."),
			 name, rc.revision, when, ok ? receipt_outcome_message(rc.outcome) : rc.reason);
		receipt_said(t, &rc, l1);
		receipt_free(&rc);
	}
	free(data);
	free(path);
}
