/* document.c: renders a report as the unit's printed report: national heading, number, place
 * and date, title, numbered sections, tables, recipients and signature block. */
#include "document.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"

static const char *const roman[] = {"I",   "II",  "III", "IV", "V",	 "VI",	 "VII",
				    "VIII", "IX", "X",	 "XI", "XII", "XIII", "XIV"};

static const struct value *
val(const struct report *r, const char *id)
{
	int f = template_field(r->t, id);
	return f >= 0 ? &r->values[f] : NULL;
}

static const char *
text_of(const struct report *r, const char *id)
{
	const struct value *v = val(r, id);
	return v && v->k == V_TEXT ? v->s : NULL;
}

/* "ngày 05 tháng 01 năm 2025": a leading zero for days under 10 and for January and February. */
static void
date_line(const struct report *r, const char *place, struct buf *b)
{
	const struct value *v = val(r, "chung.ngay_bao_cao");
	document_date_line(place, v && v->k == V_DATE ? v->s : NULL, b);
}

void
document_escape(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		default:
			buf_addc(b, *s);
		}
	}
}

static bool
section_has_content(const struct report *r, const struct section *s)
{
	for (size_t i = s->first; i < s->first + s->count; i++)
		if (r->values[i].k != V_NULL || r->tables[i].n > 0)
			return true;
	return false;
}

/* The fields a printed report shows in its header and signature, not in the body. */
static bool
printed_elsewhere(const char *id)
{
	return strcmp(id, "chung.so_van_ban") == 0 || strcmp(id, "chung.ngay_bao_cao") == 0 ||
	       strcmp(id, "chung.nguoi_ky") == 0 || strcmp(id, "chung.chuc_vu_nguoi_ky") == 0;
}

/* A money field's label loses the unit it names ("… (đồng)"): the document writes the unit
 * once, after the figure ("3.450.000.000 đồng", as Decree 30 writes money), in the preview as
 * on paper. */
static char *
doc_label(const struct field *f)
{
	static const char *const units[] = {" (đồng)", " (đ)", " (VND)"};
	const char *l = TR(f->label);
	size_t n = strlen(l);
	for (size_t i = 0; f->type == F_MONEY && i < sizeof units / sizeof *units; i++) {
		size_t k = strlen(units[i]);
		if (n > k && strcmp(l + n - k, units[i]) == 0)
			return xstrndup(l, n - k);
	}
	return xstrdup(l);
}

/* A value as the document writes it: money with its unit in words (đồng, not đ). */
static void
doc_value(const struct field *f, const struct value *v, struct buf *b)
{
	size_t start = b->len;
	value_format(f, v, b);
	if (f->type == F_MONEY && v->k == V_INT && b->len - start > 3 &&
	    strcmp(b->data + b->len - 3, " đ") == 0) {
		b->len -= 3;
		b->data[b->len] = '\0';
		buf_adds(b, "\xc2\xa0đồng"); /* never a line between the figure and its unit */
	}
}

const char document_css[] =
    "@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm;\n"
    "  @top-center { content: counter(page); font-family: 'Times New Roman', serif; font-size: 13pt; } }\n"
    "@page :first { @top-center { content: none; } }\n"
    "body { font-family: 'Times New Roman', 'Liberation Serif', 'DejaVu Serif', serif; font-size: 13pt;"
    " line-height: 1.35; color: #000; margin: 0; }\n"
    ".head { display: table; width: 100%; margin-bottom: 12pt; }\n"
    ".head > div { display: table-cell; text-align: center; vertical-align: top; }\n"
    ".head .left { width: 40%; } .head .right { width: 60%; }\n"
    ".upper { text-transform: none; font-size: 12.5pt; }\n"
    ".rule { display: block; width: 35%; margin: 2pt auto 4pt; border-top: 1px solid #000; }\n"
    ".rule.long { width: 68%; }\n"
    ".date { font-style: italic; margin-top: 6pt; }\n"
    ".subject { font-size: 12pt; margin-top: 4pt; }\n"
    ".letter + .letter { page-break-before: always; break-before: page; }\n"
    ".to { text-align: center; margin: 12pt 0; }\n"
    "h1 { font-size: 14pt; text-align: center; margin: 18pt 0 0; }\n"
    ".summary { text-align: center; font-weight: bold; margin: 2pt 10% 0; }\n"
    "h2 { font-size: 13pt; margin: 12pt 0 6pt; page-break-after: avoid; break-after: avoid; }\n"
    "p { text-align: justify; text-indent: 1.27cm; margin: 0 0 6pt; }\n"
    "table.data { border-collapse: collapse; width: 100%; margin: 6pt 0 10pt; font-size: 12pt; }\n"
    "table.data th, table.data td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }\n"
    "table.data thead { display: table-header-group; }\n"
    "table.data tr { page-break-inside: avoid; break-inside: avoid; }\n"
    ".caption { page-break-after: avoid; break-after: avoid; }\n"
    ".end, .foot { page-break-inside: avoid; break-inside: avoid; }\n"
    ".foot { display: table; width: 100%; margin-top: 18pt; }\n"
    ".foot > div { display: table-cell; vertical-align: top; width: 50%; }\n"
    ".recipients { font-size: 11pt; } .recipients b { font-size: 12pt; font-style: italic; }\n"
    ".sign { text-align: center; } .sign .space { height: 80pt; }\n"
    /* An annex starts on a page of its own; a wide one (many years) on landscape pages. */
    ".annex { page-break-before: always; break-before: page; }\n"
    ".annex.wide { page: wide; } .annex.wide table.figures { font-size: 10pt; }\n"
    "@page wide { size: A4 landscape; margin: 20mm 20mm 20mm 25mm; }\n"
    "table.figures { font-size: 11pt; } table.figures td + td + td { text-align: right; }\n";

void
document_begin(struct buf *out, const char *title, const char *issuer, const char *number,
	       const char *date_line)
{
	document_page(out, title);
	document_header(out, issuer, number, NULL, date_line);
}

void
document_page(struct buf *out, const char *title)
{
	buf_adds(out, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	document_escape(out, title);
	buf_adds(out, "</title>\n<style>\n");
	buf_adds(out, document_css);
	buf_adds(out, "</style>\n</head>\n<body>\n");
}

void
document_header(struct buf *out, const char *issuer, const char *number, const char *subject,
		const char *date_line)
{
	char *issuer_up = text_upper(issuer);
	buf_adds(out, "<div class=\"head\">\n<div class=\"left\">\n");
	buf_adds(out, "<div class=\"upper\">BỘ Y TẾ</div>\n<div class=\"upper\"><b>");
	document_escape(out, issuer_up);
	buf_adds(out, "</b></div>\n<span class=\"rule\"></span>\n<div>Số: ");
	document_escape(out, number ? number : "......");
	buf_adds(out, "</div>\n");
	if (subject != NULL) {
		buf_adds(out, "<div class=\"subject\">");
		document_escape(out, subject);
		buf_adds(out, "</div>\n");
	}
	buf_adds(out, "</div>\n<div class=\"right\">\n");
	buf_adds(out, "<div class=\"upper\"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></div>\n");
	buf_adds(out, "<div><b>Độc lập - Tự do - Hạnh phúc</b></div>\n<span class=\"rule long\"></span>\n");
	buf_adds(out, "<div class=\"date\">");
	document_escape(out, date_line);
	buf_adds(out, "</div>\n</div>\n</div>\n");
	free(issuer_up);
}

void
document_date_line(const char *place, const char *iso_date, struct buf *b)
{
	buf_printf(b, "%s, ", place && place[0] ? place : "..........");
	if (iso_date != NULL && strlen(iso_date) >= 10) {
		int y = atoi(iso_date), m = atoi(iso_date + 5), d = atoi(iso_date + 8);
		buf_printf(b, m <= 2 ? "ngày %02d tháng %02d năm %d" : "ngày %02d tháng %d năm %d", d, m, y);
	} else
		buf_adds(b, "ngày ...... tháng ...... năm ......");
}

/* One field of the body in HTML; *last is where its last block starts in out (the last
 * paragraph of a long text, a table with its caption), the lines kept with the signature when
 * the field ends the report. */
static void
html_field(const struct report *r, size_t i, struct buf *tmp, struct buf *out, size_t *last)
{
	const struct field *f = &r->t->fields[i];
	const struct value *v = &r->values[i];
	char *label = doc_label(f);
	if (f->type == F_TABLE && r->tables[i].n > 0) {
		const struct rows *rs = &r->tables[i];
		*last = out->len;
		buf_adds(out, "<p class=\"caption\">");
		document_escape(out, label);
		buf_adds(out, ":</p>\n<table class=\"data\">\n<thead><tr><th>TT</th>");
		for (size_t k = 0; k < f->ncolumns; k++) {
			char *col = doc_label(&f->columns[k]);
			buf_adds(out, "<th>");
			document_escape(out, col);
			buf_adds(out, "</th>");
			free(col);
		}
		buf_adds(out, "</tr></thead>\n<tbody>\n");
		for (size_t j = 0; j < rs->n; j++) {
			buf_printf(out, "<tr><td>%zu</td>", j + 1);
			for (size_t k = 0; k < f->ncolumns; k++) {
				buf_reset(tmp);
				if (rs->rows[j].cells[k].k != V_NULL)
					doc_value(&f->columns[k], &rs->rows[j].cells[k], tmp);
				buf_adds(out, "<td>");
				document_escape(out, tmp->data);
				buf_adds(out, "</td>");
			}
			buf_adds(out, "</tr>\n");
		}
		buf_adds(out, "</tbody>\n</table>\n");
	} else if (f->type != F_TABLE && v->k != V_NULL) {
		buf_reset(tmp);
		doc_value(f, v, tmp);
		*last = out->len;
		buf_adds(out, f->type == F_LONGTEXT ? "<p class=\"caption\"><i>" : "<p>");
		document_escape(out, label);
		if (f->type == F_LONGTEXT) {
			buf_adds(out, ":</i></p>\n");
			/* One paragraph per line the clerk wrote; the last one kept with the end. */
			for (char *p = tmp->data, *nl; p && *p; p = nl ? nl + 1 : NULL) {
				nl = strchr(p, '\n');
				if (nl)
					*nl = '\0';
				if (*p) {
					if (p != tmp->data)
						*last = out->len;
					buf_adds(out, "<p>");
					document_escape(out, p);
					buf_adds(out, "</p>\n");
				}
			}
		} else {
			buf_adds(out, ": ");
			document_escape(out, tmp->data);
			buf_adds(out, ".</p>\n");
		}
	}
	free(label);
}

/* The closing block: recipients on the left, the signer's title, room to sign and the name. */
static void
html_foot(const struct report *r, struct buf *out)
{
	const char *signer = text_of(r, "chung.nguoi_ky"), *title = text_of(r, "chung.chuc_vu_nguoi_ky");
	char *title_up = text_upper(title ? title : "THỦ TRƯỞNG ĐƠN VỊ");
	buf_adds(out, "<div class=\"foot\">\n<div class=\"recipients\"><b>Nơi nhận:</b><br>\n"
		      "- Bộ Y tế (Vụ Tổ chức cán bộ);<br>\n- Lưu: VT, TCCB.</div>\n<div class=\"sign\"><b>");
	document_escape(out, title_up);
	buf_adds(out, "</b><div class=\"space\"></div><b>");
	document_escape(out, signer ? signer : "");
	buf_adds(out, "</b></div>\n</div>\n");
	free(title_up);
}

void
document_html(const struct report *r, const char *place, struct buf *out)
{
	const struct template *t = r->t;
	const char *unit = r->unit_name ? r->unit_name : (r->unit_code ? r->unit_code : "");
	const char *number = text_of(r, "chung.so_van_ban");
	struct buf tmp, body, title_text, date;
	int sec_no = 0;
	size_t last = 0;

	buf_init(&tmp);
	buf_init(&body);
	buf_init(&title_text);
	buf_init(&date);
	if (t->phase_first) /* a phase review: its years, and its own title below */
		buf_printf(&title_text, "Báo cáo giai đoạn %d - %d — %s", t->phase_first,
			   t->phase_last, unit);
	else
		buf_printf(&title_text, "Báo cáo năm %d — %s", r->year, unit);
	date_line(r, place, &date);
	document_begin(out, title_text.data, unit, number, date.data);
	buf_free(&title_text);
	buf_free(&date);
	buf_adds(out, "<h1>BÁO CÁO</h1>\n<div class=\"summary\">");
	if (t->phase_first) {
		document_escape(out, t->title.vi);
		buf_adds(out, "</div>\n<span class=\"rule\"></span>\n");
	} else
		buf_printf(out, "Kết quả thực hiện Phong trào thi đua “Cả nước thi đua xây dựng xã hội học tập, "
			"đẩy mạnh học tập suốt đời” năm %d</div>\n<span class=\"rule\"></span>\n",
		   r->year);

	for (size_t s = 0; s < t->nsections; s++) {
		const struct section *sec = &t->sections[s];
		if (!section_has_content(r, sec))
			continue; /* an empty section leaves no empty heading */
		buf_printf(&body, "<h2>%s. ", roman[sec_no < 14 ? sec_no : 13]);
		sec_no++;
		document_escape(&body, TR(sec->title));
		buf_adds(&body, "</h2>\n");
		for (size_t i = sec->first; i < sec->first + sec->count; i++)
			if (!printed_elsewhere(t->fields[i].id))
				html_field(r, i, &tmp, &body, &last);
	}
	/* The signature never stands alone on the last page: the report's last lines and the
	 * closing block are one block that a page does not split. */
	buf_add(out, body.data, last);
	buf_adds(out, "<div class=\"end\">\n");
	buf_add(out, body.data + last, body.len - last);
	html_foot(r, out);
	buf_adds(out, "</div>\n</body>\n</html>\n");
	buf_free(&body);
	buf_free(&tmp);
}

/* ---- plain text ----------------------------------------------------------------------- */

static void
line_centered(struct buf *out, const char *s, int width)
{
	int n = (int)utf8_chars(s);
	int pad = n < width ? (width - n) / 2 : 0;
	for (int i = 0; i < pad; i++)
		buf_addc(out, ' ');
	buf_adds(out, s);
	buf_addc(out, '\n');
}

/* Word-wraps s at width characters, each line starting with indent spaces. */
static void
wrapped(struct buf *out, const char *s, int width, int indent, int first_indent)
{
	int col = 0;
	bool first = true;
	while (*s) {
		const char *w = s;
		while (*s && *s != ' ' && *s != '\n')
			s++;
		char *word = xstrndup(w, (size_t)(s - w));
		int n = (int)utf8_chars(word);
		int ind = first ? first_indent : indent;
		if (col == 0) {
			for (int i = 0; i < ind; i++)
				buf_addc(out, ' ');
			col = ind;
		} else if (col + 1 + n > width) {
			buf_addc(out, '\n');
			first = false;
			for (int i = 0; i < indent; i++)
				buf_addc(out, ' ');
			col = indent;
		} else {
			buf_addc(out, ' ');
			col++;
		}
		/* A no-break space holds a word to the next (a figure to its unit); on the screen
		 * it is a space. */
		for (char *p = word, *nb; *p; p = nb + 2) {
			if ((nb = strstr(p, "\xc2\xa0")) == NULL) {
				buf_adds(out, p);
				break;
			}
			buf_add(out, p, (size_t)(nb - p));
			buf_addc(out, ' ');
		}
		col += n;
		free(word);
		if (*s == '\n') {
			buf_addc(out, '\n');
			col = 0;
			first = true;
		}
		while (*s == ' ' || *s == '\n')
			s++;
	}
	if (col > 0)
		buf_addc(out, '\n');
}

void
document_text(const struct report *r, const char *place, int width, struct buf *out)
{
	const struct template *t = r->t;
	const char *unit = r->unit_name ? r->unit_name : (r->unit_code ? r->unit_code : "");
	char *unit_up = text_upper(unit);
	const char *number = text_of(r, "chung.so_van_ban"), *signer = text_of(r, "chung.nguoi_ky");
	const char *title = text_of(r, "chung.chuc_vu_nguoi_ky");
	struct buf tmp;
	int sec_no = 0;

	buf_init(&tmp);
	line_centered(out, "BỘ Y TẾ", width);
	line_centered(out, unit_up, width);
	buf_printf(&tmp, "Số: %s", number ? number : "......");
	line_centered(out, tmp.data, width);
	buf_addc(out, '\n');
	line_centered(out, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", width);
	line_centered(out, "Độc lập - Tự do - Hạnh phúc", width);
	buf_reset(&tmp);
	date_line(r, place, &tmp);
	line_centered(out, tmp.data, width);
	buf_addc(out, '\n');
	line_centered(out, "BÁO CÁO", width);
	buf_reset(&tmp);
	if (t->phase_first) /* a phase review: its own title, as the HTML print has it */
		buf_adds(&tmp, t->title.vi);
	else
		buf_printf(
		    &tmp,
		    "Kết quả thực hiện Phong trào thi đua “Cả nước thi đua xây dựng xã hội học "
		    "tập, đẩy mạnh học tập suốt đời” năm %d",
		    r->year);
	wrapped(out, tmp.data, width, 4, 4);
	buf_addc(out, '\n');
	for (size_t s = 0; s < t->nsections; s++) {
		const struct section *sec = &t->sections[s];
		if (!section_has_content(r, sec))
			continue;
		buf_printf(out, "%s. %s\n", roman[sec_no < 14 ? sec_no : 13], TR(sec->title));
		sec_no++;
		for (size_t i = sec->first; i < sec->first + sec->count; i++) {
			const struct field *f = &t->fields[i];
			const struct value *v = &r->values[i];
			if (printed_elsewhere(f->id))
				continue;
			buf_reset(&tmp);
			if (f->type == F_TABLE) {
				const struct rows *rs = &r->tables[i];
				if (rs->n == 0)
					continue;
				char *label = doc_label(f);
				buf_printf(&tmp, "%s:", label);
				free(label);
				wrapped(out, tmp.data, width, 2, 2);
				for (size_t j = 0; j < rs->n; j++) {
					for (size_t k = 0; k < f->ncolumns; k++) {
						const struct value *c = &rs->rows[j].cells[k];
						if (c->k == V_NULL)
							continue;
						char *col = doc_label(&f->columns[k]);
						buf_reset(&tmp);
						if (k == 0)
							buf_printf(&tmp, "%zu. %s: ", j + 1, col);
						else
							buf_printf(&tmp, "%s: ", col);
						free(col);
						doc_value(&f->columns[k], c, &tmp);
						wrapped(out, tmp.data, width, 7, k == 0 ? 4 : 7);
					}
				}
				continue;
			}
			if (v->k == V_NULL)
				continue;
			char *label = doc_label(f);
			buf_printf(&tmp, "%s: ", label);
			free(label);
			doc_value(f, v, &tmp);
			wrapped(out, tmp.data, width, 2, 2);
		}
		buf_addc(out, '\n');
	}
	buf_adds(out, "Nơi nhận:\n- Bộ Y tế (Vụ Tổ chức cán bộ);\n- Lưu: VT, TCCB.\n\n");
	char *title_up = text_upper(title ? title : "THỦ TRƯỞNG ĐƠN VỊ");
	line_centered(out, title_up, width);
	buf_adds(out, "\n\n\n");
	line_centered(out, signer ? signer : "", width);
	free(title_up);
	free(unit_up);
	buf_free(&tmp);
}

enum status
document_save(const struct report *r, const char *place, const char *dir, char **html, char **csv,
	      struct err *e)
{
	char unit[64];
	struct buf doc[2];
	struct file_temp out[2] = {{.fd = -1}, {.fd = -1}};
	enum status st = ST_OK;
	*html = *csv = NULL;
	text_filename_part(r->unit_code ? r->unit_code : "don-vi", unit, sizeof unit);
	/* A phase review is named by its template (so-ket-2023-2025-BVDKM.html), beside the
	 * closing year's own report. */
	char *path[2] = {r->t->phase_first ? xasprintf("%s/%s-%s.html", dir, r->t->id, unit)
					   : xasprintf("%s/bao-cao-%d-%s.html", dir, r->year, unit),
			 r->t->phase_first ? xasprintf("%s/%s-%s.csv", dir, r->t->id, unit)
					   : xasprintf("%s/bao-cao-%d-%s.csv", dir, r->year, unit)};
	buf_init(&doc[0]);
	buf_init(&doc[1]);
	document_html(r, place, &doc[0]);
	report_to_csv(r, &doc[1]);
	/* Both written under temporary names before either takes its name: a full stick leaves
	 * neither half. */
	for (int i = 0; i < 2 && st == ST_OK; i++)
		if ((st = file_temp_open(&out[i], path[i], 0644, e)) == ST_OK)
			st = file_temp_write(&out[i], doc[i].data, doc[i].len, e);
	for (int i = 0; i < 2; i++) {
		if (st == ST_OK)
			st = file_temp_commit(&out[i], false, e);
		else if (out[i].tmp != NULL)
			file_temp_abort(&out[i]);
		buf_free(&doc[i]);
	}
	if (st == ST_OK) {
		*html = path[0];
		*csv = path[1];
	} else {
		free(path[0]);
		free(path[1]);
	}
	return st;
}
