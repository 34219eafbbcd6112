/* remind.c: the reminders of a year: who has not been heard from, whom each named in its last
 * report, and the letters asking each for its report. */
#include "remind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "merged.h"
#include "report.h"
#include "summary.h"
#include "template.h"

/* Excel reads UTF-8 only when the file starts with a byte-order mark. */
static const char bom[] = "\xef\xbb\xbf";

/* The text of field id in r, a new string ("" when the template has no such field or it is
 * empty): the contact fields are looked up by id, as templates of other years may lack some. */
static char *
contact_field(const struct report *r, const char *id)
{
	int f = r ? template_field(r->t, id) : -1;
	const struct value *v = f >= 0 ? &r->values[f] : NULL;
	return xstrdup(v && v->k == V_TEXT && v->s ? v->s : "");
}

/* Fills row's contact from the unit's merged report of the latest year before year, if any. */
static enum status
row_contact(struct store *db, int year, struct remind_row *row, struct err *e)
{
	struct report *r = NULL;
	struct merged_info info;
	row->last_year =
	    (int)store_int(db, 0,
			   "SELECT max(year) FROM merged WHERE unit_code = ?1 AND year < ?2"
			   " AND phase_first = 0",
			   "ti", row->code, year);
	if (row->last_year > 0 &&
	    merged_report_read(db, row->code, row->last_year, &r, &info, e) != ST_OK)
		return ST_ENV;
	row->signer = contact_field(r, "chung.nguoi_ky");
	row->signer_title = contact_field(r, "chung.chuc_vu_nguoi_ky");
	row->preparer = contact_field(r, "chung.nguoi_lap");
	row->phone = contact_field(r, "chung.dien_thoai");
	row->email = contact_field(r, "chung.email");
	if (r != NULL) {
		report_free(r);
		merged_info_free(&info);
	}
	return ST_OK;
}

enum status
remind_list(struct store *db, int year, struct remind_list *out, struct err *e)
{
	struct year_units y;
	enum status rc = summary_units(db, year, &y, e);
	memset(out, 0, sizeof *out);
	out->year = year;
	out->due_day = y.due_day;
	out->due_month = y.due_month;
	out->days_past = -y.days_left;
	out->units = y.n;
	for (size_t i = 0; i < y.n && rc == ST_OK; i++) {
		const struct unit_status *u = &y.units[i];
		if (u->state != US_NOT_RECEIVED)
			continue;
		out->rows = xreallocarray(out->rows, out->n + 1, sizeof *out->rows);
		struct remind_row *row = &out->rows[out->n++];
		*row = (struct remind_row){
		    .code = xstrdup(u->code), .name = xstrdup(u->name), .group = xstrdup(u->group)};
		rc = row_contact(db, year, row, e);
	}
	summary_units_free(&y);
	return rc;
}

void
remind_list_free(struct remind_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct remind_row *r = &l->rows[i];
		free(r->code);
		free(r->name);
		free(r->group);
		free(r->signer);
		free(r->signer_title);
		free(r->preparer);
		free(r->phone);
		free(r->email);
	}
	free(l->rows);
	memset(l, 0, sizeof *l);
}

void
remind_csv(const struct remind_list *l, struct buf *out)
{
	buf_adds(out, bom);
	buf_adds(out, "unit_code,unit_name,group,year,deadline,days_past,last_report_year,signer,"
		      "signer_title,preparer,phone,email\r\n");
	for (size_t i = 0; i < l->n; i++) {
		const struct remind_row *r = &l->rows[i];
		const char *cells[] = {r->signer, r->signer_title, r->preparer, r->phone, r->email};
		buf_csv(out, r->code);
		buf_addc(out, ',');
		buf_csv(out, r->name);
		buf_addc(out, ',');
		buf_csv(out, r->group);
		buf_printf(out, ",%d,%04d-%02d-%02d,%ld,", l->year, l->year, l->due_month,
			   l->due_day, l->days_past > 0 ? l->days_past : 0);
		if (r->last_year)
			buf_printf(out, "%d", r->last_year);
		for (size_t k = 0; k < ARRAY_LEN(cells); k++) {
			buf_addc(out, ',');
			buf_csv(out, cells[k]);
		}
		buf_adds(out, "\r\n");
	}
}

/* One letter: the header, the unit addressed, the deadline and how late, the request, how to
 * send, the recipients and the signature. */
static void
letter(const struct remind_list *l, const struct remind_row *r, const char *date, struct buf *out)
{
	struct buf subject;
	buf_init(&subject);
	buf_printf(&subject, "V/v đôn đốc gửi báo cáo năm %d", l->year);
	buf_adds(out, "<div class=\"letter\">\n");
	document_header(out, "Vụ Tổ chức cán bộ", "....../TCCB-TĐKT", subject.data, date);
	buf_free(&subject);
	buf_adds(out, "<div class=\"to\">Kính gửi: <b>");
	document_escape(out, r->name);
	buf_adds(out, "</b></div>\n");
	buf_printf(
	    out,
	    "<p>Thực hiện Kế hoạch của Bộ Y tế về Phong trào thi đua “Cả nước thi đua xây "
	    "dựng xã hội học tập, đẩy mạnh học tập suốt đời”, các đơn vị thuộc Bộ gửi báo cáo "
	    "kết quả thực hiện năm %d về Bộ Y tế (qua Vụ Tổ chức cán bộ) trước ngày %02d tháng "
	    "%s%d năm %d.</p>\n",
	    l->year, l->due_day, l->due_month <= 2 ? "0" : "", l->due_month, l->year);
	buf_adds(out, "<p>");
	if (l->days_past > 0)
		buf_printf(out, "Đến nay đã quá hạn %ld ngày, ", l->days_past);
	else
		buf_adds(out, "Đến nay ");
	buf_printf(out, "Vụ Tổ chức cán bộ chưa nhận được báo cáo năm %d của ", l->year);
	document_escape(out, r->name);
	buf_printf(out, " (mã đơn vị: ");
	document_escape(out, r->code);
	buf_adds(out, ").</p>\n");
	buf_adds(
	    out,
	    "<p>Vụ Tổ chức cán bộ trân trọng đề nghị Quý đơn vị khẩn trương hoàn thành báo cáo "
	    "trên phần mềm báo cáo xã hội học tập, đóng gói báo cáo thành tệp và gửi tệp đó "
	    "về Vụ Tổ chức cán bộ qua thư điện tử hoặc bằng USB. Trường hợp đơn vị đã gửi, "
	    "đề nghị gửi lại tệp báo cáo để Vụ đối chiếu.</p>\n");
	buf_adds(out, "<p>Trân trọng cảm ơn sự phối hợp của Quý đơn vị./.</p>\n");
	buf_adds(out,
		 "<div class=\"foot\">\n<div class=\"recipients\"><b>Nơi nhận:</b><br>\n"
		 "- Như trên;<br>\n- Lưu: VT, TCCB.</div>\n<div class=\"sign\"><b>TL. BỘ TRƯỞNG"
		 "<br>VỤ TRƯỞNG VỤ TỔ CHỨC CÁN BỘ</b><div class=\"space\"></div><b></b></div>\n"
		 "</div>\n</div>\n");
}

void
remind_html(const struct remind_list *l, const char *today, struct buf *out)
{
	struct buf date;
	buf_init(&date);
	document_date_line("Hà Nội", today, &date);
	char *title = xasprintf("Đôn đốc gửi báo cáo năm %d", l->year);
	document_page(out, title);
	free(title);
	for (size_t i = 0; i < l->n; i++)
		letter(l, &l->rows[i], date.data, out);
	if (l->n == 0)
		buf_printf(out, "<p>Tất cả các đơn vị đã gửi báo cáo năm %d.</p>\n", l->year);
	buf_adds(out, "</body>\n</html>\n");
	buf_free(&date);
}

enum status
remind_save(struct store *db, int year, const char *dir, char **csv, char **html, size_t *n,
	    struct err *e)
{
	struct remind_list l;
	struct buf b[2];
	struct file_temp f[2] = {{.fd = -1}, {.fd = -1}};
	char today[16];
	enum status rc = remind_list(db, year, &l, e);
	*n = l.n;
	*csv = xasprintf("%s/nhac-nop-%d.csv", dir, year);
	*html = xasprintf("%s/thu-don-doc-%d.html", dir, year);
	buf_init(&b[0]);
	buf_init(&b[1]);
	store_today(today);
	remind_csv(&l, &b[0]);
	remind_html(&l, today, &b[1]);
	remind_list_free(&l);
	const char *paths[2] = {*csv, *html};
	for (int i = 0; i < 2 && rc == ST_OK; i++)
		if ((rc = file_temp_open(&f[i], paths[i], 0644, e)) == ST_OK)
			rc = file_temp_write(&f[i], b[i].data, b[i].len, e);
	for (int i = 0; i < 2; i++) {
		if (rc == ST_OK)
			rc = file_temp_commit(&f[i], false, e);
		else if (f[i].tmp != NULL)
			file_temp_abort(&f[i]);
		buf_free(&b[i]);
	}
	if (rc != ST_OK) {
		free(*csv);
		free(*html);
		*csv = *html = NULL;
	}
	return rc;
}
