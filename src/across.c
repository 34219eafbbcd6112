/* across.c: the figures across years at the central: each year read by totals_year (the one
 * computation of a year's totals), its number indicators matched by id across the years'
 * templates, each unit's answers lined up by year; a year whose template lacks an indicator, or
 * where nobody answered it, is absent, never zero. Exports (JSON, CSV, HTML) and the phase's
 * report for the Emulation and Commendation Council. */
#include "across.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "i18n.h"
#include "json.h"
#include "merged.h"
#include "report.h"
#include "template.h"

enum status
across_span_parse(const char *s, int *from, int *to, struct err *e)
{
	char *end;
	long a = strtol(s, &end, 10), b = a;
	if (end == s || (*end != '\0' && *end != '-')) {
		err_set(e,
			L("--years cần hai năm dạng 2023-2026, không phải \"%s\"",
			  "--years needs two years such as 2023-2026, not \"%s\""),
			s);
		return ST_ENV;
	}
	if (*end == '-') {
		const char *second = end + 1;
		b = strtol(second, &end, 10);
		if (end == second || *end != '\0') {
			err_set(e,
				L("--years cần hai năm dạng 2023-2026, không phải \"%s\"",
				  "--years needs two years such as 2023-2026, not \"%s\""),
				s);
			return ST_ENV;
		}
	}
	if (a < REPORT_MIN_YEAR || b > REPORT_MAX_YEAR || a > b) {
		err_set(e,
			L("--years %s: cần năm đầu không sau năm cuối, trong khoảng %d-%d",
			  "--years %s: the first year must not be after the last, within %d-%d"),
			s, REPORT_MIN_YEAR, REPORT_MAX_YEAR);
		return ST_ENV;
	}
	if (b - a + 1 > ACROSS_MAX_YEARS) {
		err_set(e, L("--years %s: nhiều nhất %d năm", "--years %s: at most %d years"), s,
			ACROSS_MAX_YEARS);
		return ST_ENV;
	}
	*from = (int)a;
	*to = (int)b;
	return ST_OK;
}

/* The indicators: each number field of the newest year reported first, in its template's order,
 * then those only older years had (a year nobody reported, on the first version, last). */
static void
items_collect(struct across *a)
{
	for (int m = 0; m < 2 * a->nyears; m++) {
		int k = a->nyears - 1 - m % a->nyears;
		const struct year_totals *y = &a->years[k];
		if ((m < a->nyears) != (y->units > 0))
			continue;
		for (size_t i = 0; i < y->n; i++) {
			const struct field *f = y->items[i].f;
			size_t j;
			if (!field_is_figure(f))
				continue;
			for (j = 0; j < a->nitems; j++)
				if (strcmp(a->items[j].f->id, f->id) == 0 &&
				    a->items[j].f->type == f->type)
					break;
			if (j == a->nitems) {
				a->items = xreallocarray(a->items, a->nitems + 1, sizeof *a->items);
				a->items[a->nitems].f = f;
				a->items[a->nitems].at = xmalloc((size_t)a->nyears * sizeof(int));
				for (int w = 0; w < a->nyears; w++)
					a->items[a->nitems].at[w] = -1;
				a->nitems++;
			}
			a->items[j].at[k] = (int)i;
		}
	}
}

static int
unit_find(const struct across *a, const char *code)
{
	size_t lo = 0, hi = a->nunits;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int d = strcmp(a->units[mid].code, code);
		if (d == 0)
			return (int)mid;
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int
unit_order(const void *pa, const void *pb)
{
	return strcmp(((const struct across_unit *)pa)->code,
		      ((const struct across_unit *)pb)->code);
}

/* Every unit of any year, by code, with the name of its newest year. Each year lists its units
 * in every aggregate alike (totals_one adds each unit to each), so its first says who reported. */
static void
units_collect(struct across *a)
{
	for (int k = 0; k < a->nyears; k++) {
		const struct year_totals *y = &a->years[k];
		for (size_t u = 0; y->n > 0 && u < y->items[0].nunits; u++) {
			a->units = xreallocarray(a->units, a->nunits + 1, sizeof *a->units);
			a->units[a->nunits++] =
			    (struct across_unit){xstrdup(y->items[0].units[u].code), NULL, NULL};
		}
	}
	if (a->nunits)
		qsort(a->units, a->nunits, sizeof *a->units, unit_order);
	size_t w = 0;
	for (size_t r = 0; r < a->nunits; r++) {
		if (w > 0 && strcmp(a->units[w - 1].code, a->units[r].code) == 0) {
			free(a->units[r].code);
			continue;
		}
		a->units[w] = a->units[r];
		a->units[w].at = xmalloc((size_t)a->nyears * sizeof(int));
		for (int m = 0; m < a->nyears; m++)
			a->units[w].at[m] = -1;
		w++;
	}
	a->nunits = w;
	for (int k = a->nyears - 1; k >= 0; k--) {
		const struct year_totals *y = &a->years[k];
		for (size_t u = 0; y->n > 0 && u < y->items[0].nunits; u++) {
			struct across_unit *x = &a->units[unit_find(a, y->items[0].units[u].code)];
			x->at[k] = (int)u;
			if (x->name == NULL)
				x->name = xstrdup(y->items[0].units[u].name);
		}
	}
}

enum status
across_years(struct store *db, int from, int to, struct across *out, struct err *e)
{
	enum status rc;
	memset(out, 0, sizeof *out);
	if (from < REPORT_MIN_YEAR || to > REPORT_MAX_YEAR || from > to ||
	    to - from + 1 > ACROSS_MAX_YEARS) {
		err_set(e, L("Khoảng năm %d-%d không dùng được", "The span %d-%d cannot be used"),
			from, to);
		return ST_ENV;
	}
	out->from = from;
	out->to = to;
	out->years = xcalloc((size_t)(to - from + 1), sizeof *out->years);
	for (int y = from; y <= to; y++) {
		rc = totals_year(db, y, &out->years[out->nyears++], e);
		if (rc != ST_OK)
			return rc;
	}
	items_collect(out);
	units_collect(out);
	return ST_OK;
}

void
across_free(struct across *a)
{
	for (int k = 0; k < a->nyears; k++)
		totals_free(&a->years[k]);
	free(a->years);
	for (size_t i = 0; i < a->nitems; i++)
		free(a->items[i].at);
	free(a->items);
	for (size_t u = 0; u < a->nunits; u++) {
		free(a->units[u].code);
		free(a->units[u].name);
		free(a->units[u].at);
	}
	free(a->units);
	memset(a, 0, sizeof *a);
}

size_t
across_reported(const struct across *a, int k)
{
	return a->years[k].units;
}

bool
across_sum(const struct across *a, size_t item, int k, int64_t *sum, size_t *answered)
{
	int i = a->items[item].at[k];
	const struct total *x = i >= 0 ? &a->years[k].items[i] : NULL;
	*sum = x ? x->sum : 0;
	*answered = x ? x->answered : 0;
	return x != NULL && x->answered > 0;
}

bool
across_unit_value(const struct across *a, size_t item, int k, size_t unit, int64_t *v)
{
	int i = a->items[item].at[k], u = a->units[unit].at[k];
	*v = 0;
	if (i < 0 || u < 0)
		return false;
	const struct total_unit *tu = &a->years[k].items[i].units[u];
	*v = tu->value;
	return tu->answered;
}

bool
across_change(bool has_prev, int64_t prev, bool has_cur, int64_t cur, int64_t *delta,
	      int64_t *tenths, bool *has_pct)
{
	*delta = *tenths = 0;
	*has_pct = false;
	if (!has_prev || !has_cur)
		return false;
	/* Figures nobody checked (a merged report) may be absurd: saturate, never overflow. */
	if (__builtin_sub_overflow(cur, prev, delta))
		*delta = cur < prev ? INT64_MIN : INT64_MAX;
	if (prev != 0) {
		/* In double, from the figures themselves: a sum of money times 1000 may not fit
		 * 64 bits, and neither may the change or -prev. */
		double p = ((double)cur - (double)prev) * 1000.0 /
			   (prev < 0 ? -(double)prev : (double)prev);
		if (p > (double)ACROSS_PCT_MAX)
			*tenths = ACROSS_PCT_MAX;
		else if (p < -(double)ACROSS_PCT_MAX)
			*tenths = -ACROSS_PCT_MAX;
		else
			*tenths = (int64_t)(p + (p >= 0 ? 0.5 : -0.5));
		*has_pct = true;
	}
	return true;
}

void
across_percent(int64_t tenths, bool machine, struct buf *out)
{
	int64_t m = tenths < 0 ? -tenths : tenths;
	buf_printf(out, "%s%lld%c%lld",
		   tenths < 0 ? "-"
		   : machine  ? ""
			      : "+",
		   (long long)(m / 10), machine ? '.' : L(',', '.'), (long long)(m % 10));
}

void
across_change_format(const struct field *f, int64_t delta, int64_t tenths, bool has_pct,
		     struct buf *out)
{
	struct value v = {V_INT, delta, NULL};
	if (delta >= 0)
		buf_addc(out, '+');
	value_format(f, &v, out);
	if (has_pct) {
		buf_adds(out, " (");
		across_percent(tenths, false, out);
		buf_adds(out, "%)");
	}
}

/* The change of item's national total into year k (k >= 1). */
static bool
item_change(const struct across *a, size_t item, int k, int64_t *delta, int64_t *tenths,
	    bool *has_pct)
{
	int64_t prev, cur;
	size_t n;
	bool hp = across_sum(a, item, k - 1, &prev, &n), hc = across_sum(a, item, k, &cur, &n);
	return across_change(hp, prev, hc, cur, delta, tenths, has_pct);
}

/* ---- JSON ------------------------------------------------------------------------------- */

static const char *
type_name(const struct field *f)
{
	return f->type == F_MONEY ? "money" : "int";
}

static void
json_item(const struct across *a, size_t i, struct buf *out)
{
	const struct field *f = a->items[i].f;
	buf_adds(out, i ? ",\n {\"id\":" : "\n {\"id\":");
	json_write_string(out, f->id);
	buf_adds(out, ",\"label\":");
	json_write_string(out, TR(f->label));
	buf_printf(out, ",\"type\":\"%s\",\"years\":{", type_name(f));
	for (int k = 0; k < a->nyears; k++) {
		int64_t sum;
		size_t n;
		buf_printf(out, "%s\"%d\":", k ? "," : "", a->from + k);
		if (across_sum(a, i, k, &sum, &n))
			buf_printf(out, "{\"sum\":%lld,\"units\":%zu}", (long long)sum, n);
		else
			buf_adds(out, "null");
	}
	buf_adds(out, "},\"change\":{");
	for (int k = 1; k < a->nyears; k++) {
		int64_t d, tenths;
		bool has_pct;
		buf_printf(out, "%s\"%d\":", k > 1 ? "," : "", a->from + k);
		if (!item_change(a, i, k, &d, &tenths, &has_pct)) {
			buf_adds(out, "null");
			continue;
		}
		buf_printf(out, "{\"change\":%lld,\"percent\":", (long long)d);
		if (has_pct)
			across_percent(tenths, true, out);
		else
			buf_adds(out, "null");
		buf_adds(out, "}");
	}
	buf_adds(out, "}}");
}

static void
json_unit(const struct across *a, size_t u, struct buf *out)
{
	buf_adds(out, u ? ",\n {\"code\":" : "\n {\"code\":");
	json_write_string(out, a->units[u].code);
	buf_adds(out, ",\"name\":");
	json_write_string(out, a->units[u].name);
	buf_adds(out, ",\"reported\":[");
	for (int k = 0, c = 0; k < a->nyears; k++)
		if (a->units[u].at[k] >= 0)
			buf_printf(out, "%s%d", c++ ? "," : "", a->from + k);
	buf_adds(out, "],\"values\":{");
	for (size_t i = 0; i < a->nitems; i++) {
		buf_adds(out, i ? "," : "");
		json_write_string(out, a->items[i].f->id);
		buf_adds(out, ":{");
		for (int k = 0; k < a->nyears; k++) {
			int64_t v;
			buf_printf(out, "%s\"%d\":", k ? "," : "", a->from + k);
			if (across_unit_value(a, i, k, u, &v))
				buf_printf(out, "%lld", (long long)v);
			else
				buf_adds(out, "null");
		}
		buf_adds(out, "}");
	}
	buf_adds(out, "}}");
}

static void
across_json(const struct across *a, struct buf *out)
{
	buf_printf(out, "{\"from\":%d,\"to\":%d,\"years\":[", a->from, a->to);
	for (int k = 0; k < a->nyears; k++) {
		const struct year_totals *y = &a->years[k];
		buf_printf(out, "%s\n {\"year\":%d,\"template\":", k ? "," : "", y->year);
		json_write_string(out, y->t->id);
		buf_printf(out, ",\"template_version\":%d,\"units_reported\":%zu}", y->t->version,
			   y->units);
	}
	buf_adds(out, "\n],\"indicators\":[");
	for (size_t i = 0; i < a->nitems; i++)
		json_item(a, i, out);
	buf_adds(out, "\n],\"units\":[");
	for (size_t u = 0; u < a->nunits; u++)
		json_unit(a, u, out);
	buf_adds(out, "\n]}\n");
}

/* ---- CSV -------------------------------------------------------------------------------- */

/* Excel reads UTF-8 only when the file starts with a byte-order mark. */
static const char bom[] = "\xef\xbb\xbf";

static void
csv_totals(const struct across *a, struct buf *out)
{
	buf_adds(out, bom);
	buf_adds(out, "indicator,label,type,year,units_reported,sum,units_answered,change,"
		      "change_percent\r\n");
	for (size_t i = 0; i < a->nitems; i++)
		for (int k = 0; k < a->nyears; k++) {
			const struct field *f = a->items[i].f;
			int64_t sum, d, tenths;
			size_t n;
			bool has_pct;
			buf_csv(out, f->id);
			buf_addc(out, ',');
			buf_csv(out, TR(f->label));
			buf_printf(out, ",%s,%d,%zu,", type_name(f), a->from + k,
				   across_reported(a, k));
			if (across_sum(a, i, k, &sum, &n))
				buf_printf(out, "%lld,%zu", (long long)sum, n);
			else
				buf_adds(out, ",");
			buf_addc(out, ',');
			if (k > 0 && item_change(a, i, k, &d, &tenths, &has_pct)) {
				buf_printf(out, "%lld,", (long long)d);
				if (has_pct)
					across_percent(tenths, true, out);
			} else
				buf_addc(out, ',');
			buf_adds(out, "\r\n");
		}
}

/* Each unit's figures, one row per unit and indicator, a column per year. */
static void
csv_units(const struct across *a, struct buf *out)
{
	buf_adds(out, bom);
	buf_adds(out, "unit_code,unit_name,indicator");
	for (int k = 0; k < a->nyears; k++)
		buf_printf(out, ",%d", a->from + k);
	buf_adds(out, "\r\n");
	for (size_t u = 0; u < a->nunits; u++)
		for (size_t i = 0; i < a->nitems; i++) {
			buf_csv(out, a->units[u].code);
			buf_addc(out, ',');
			buf_csv(out, a->units[u].name);
			buf_addc(out, ',');
			buf_csv(out, a->items[i].f->id);
			for (int k = 0; k < a->nyears; k++) {
				int64_t v;
				buf_addc(out, ',');
				if (across_unit_value(a, i, k, u, &v))
					buf_printf(out, "%lld", (long long)v);
			}
			buf_adds(out, "\r\n");
		}
}

/* Who reported: one row per unit, 1 for each year it reported, 0 otherwise; the count last. */
static void
csv_reported(const struct across *a, struct buf *out)
{
	buf_adds(out, bom);
	buf_adds(out, "unit_code,unit_name");
	for (int k = 0; k < a->nyears; k++)
		buf_printf(out, ",%d", a->from + k);
	buf_adds(out, "\r\n");
	for (size_t u = 0; u < a->nunits; u++) {
		buf_csv(out, a->units[u].code);
		buf_addc(out, ',');
		buf_csv(out, a->units[u].name);
		for (int k = 0; k < a->nyears; k++)
			buf_printf(out, ",%d", a->units[u].at[k] >= 0);
		buf_adds(out, "\r\n");
	}
	buf_adds(out, ",units_reported");
	for (int k = 0; k < a->nyears; k++)
		buf_printf(out, ",%zu", across_reported(a, k));
	buf_adds(out, "\r\n");
}

static enum status
across_csv(const struct across *a, struct buf *out,
	   char *(*table_path)(void *ctx, const char *table_id), void *ctx, struct err *e)
{
	static const char *const tables[] = {"don_vi", "nop_bao_cao"};
	enum status rc = ST_OK;
	csv_totals(a, out);
	for (size_t t = 0; table_path != NULL && t < ARRAY_LEN(tables) && rc == ST_OK; t++) {
		struct buf b;
		buf_init(&b);
		if (t == 0)
			csv_units(a, &b);
		else
			csv_reported(a, &b);
		char *path = table_path(ctx, tables[t]);
		rc = file_write_atomic(path, b.data, b.len, e);
		free(path);
		buf_free(&b);
	}
	return rc;
}

/* ---- HTML ------------------------------------------------------------------------------- */

/* A figure in a table of the printed report: the field's format without " đ" (the label
 * names the unit), "—" when absent. */
static void
html_figure(const struct field *f, bool present, int64_t v, struct buf *out)
{
	struct buf b;
	struct value val = {V_INT, v, NULL};
	if (!present) {
		buf_adds(out, "—");
		return;
	}
	buf_init(&b);
	value_format(f, &val, &b);
	if (f->type == F_MONEY && b.len > 3 && strcmp(b.data + b.len - 3, " đ") == 0)
		b.data[b.len -= 3] = '\0';
	document_escape(out, b.data);
	buf_free(&b);
}

static void
html_year_heads(const struct across *a, struct buf *out)
{
	for (int k = 0; k < a->nyears; k++)
		buf_printf(out, "<th>Năm %d</th>", a->from + k);
}

static void
html_reporting(const struct across *a, struct buf *out)
{
	buf_adds(out, "<h2>I. Số đơn vị gửi báo cáo</h2>\n<table class=\"data\">\n<thead><tr>"
		      "<th>Nội dung</th>");
	html_year_heads(a, out);
	buf_adds(out, "</tr></thead>\n<tbody>\n<tr><td>Số đơn vị có báo cáo được tổng hợp</td>");
	for (int k = 0; k < a->nyears; k++)
		buf_printf(out, "<td>%zu</td>", across_reported(a, k));
	buf_adds(out, "</tr>\n</tbody>\n</table>\n");
}

/* II. Each indicator's national total per year, the change from the year before under it. */
static void
html_figures(const struct across *a, struct buf *out)
{
	buf_adds(out,
		 "<h2>II. Số liệu tổng hợp qua các năm</h2>\n<p>Mỗi ô: tổng số của các đơn vị; "
		 "dòng dưới: tăng (+) hoặc giảm (-) so với năm trước. “—”: mẫu báo cáo "
		 "năm đó không có chỉ tiêu này, hoặc chưa đơn vị nào báo cáo.</p>\n"
		 "<table class=\"data\">\n<thead><tr><th>TT</th><th>Chỉ tiêu</th>");
	html_year_heads(a, out);
	buf_adds(out, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < a->nitems; i++) {
		const struct field *f = a->items[i].f;
		buf_printf(out, "<tr><td>%zu</td><td>", i + 1);
		document_escape(out, TR(f->label));
		buf_adds(out, "</td>");
		for (int k = 0; k < a->nyears; k++) {
			int64_t sum, d, tenths;
			size_t n;
			bool has_pct, present = across_sum(a, i, k, &sum, &n);
			buf_adds(out, "<td>");
			html_figure(f, present, sum, out);
			if (k > 0 && item_change(a, i, k, &d, &tenths, &has_pct)) {
				struct buf c;
				buf_init(&c);
				across_change_format(f, d, tenths, has_pct, &c);
				buf_adds(out, "<br><small>");
				document_escape(out, c.data);
				buf_adds(out, "</small>");
				buf_free(&c);
			}
			buf_adds(out, "</td>");
		}
		buf_adds(out, "</tr>\n");
	}
	buf_adds(out, "</tbody>\n</table>\n");
}

/* The head of a printed report of the span, as the year's consolidated report's. */
static void
html_begin(const char *title, const char *summary, struct buf *out)
{
	struct buf date;
	char today[16];
	buf_init(&date);
	store_today(today);
	document_date_line("Hà Nội", today, &date);
	document_begin(out, title, "Vụ Tổ chức cán bộ", "....../BC-TCCB", date.data);
	buf_free(&date);
	buf_adds(out, "<h1>BÁO CÁO</h1>\n<div class=\"summary\">");
	document_escape(out, summary);
	buf_adds(out, "</div>\n<span class=\"rule\"></span>\n");
}

static void
html_end(const char *to, struct buf *out)
{
	buf_adds(out, "<div class=\"foot\">\n<div class=\"recipients\"><b>Nơi nhận:</b><br>\n"
		      "- Lãnh đạo Bộ (để báo cáo);<br>\n- ");
	buf_adds(out, to);
	buf_adds(out, ";<br>\n- Lưu: VT, TCCB.</div>\n<div class=\"sign\"><b>VỤ TRƯỞNG</b>"
		      "<div class=\"space\"></div><b></b></div>\n</div>\n</body>\n</html>\n");
}

static void
across_html(const struct across *a, struct buf *out)
{
	char *title = xasprintf("Báo cáo tổng hợp các năm %d-%d", a->from, a->to);
	char *summary = xasprintf("Tổng hợp kết quả thực hiện Phong trào thi đua “Cả nước thi đua "
				  "xây dựng xã hội học tập, đẩy mạnh học tập suốt đời” của các đơn "
				  "vị thuộc Bộ Y tế qua các năm %d-%d",
				  a->from, a->to);
	html_begin(title, summary, out);
	html_reporting(a, out);
	html_figures(a, out);
	buf_adds(out, "<p>Số liệu của từng đơn vị qua các năm: tệp CSV (xhht-central export "
		      "--years --format csv).</p>\n");
	html_end("Hội đồng Thi đua - Khen thưởng Bộ Y tế", out);
	free(title);
	free(summary);
}

/* The figures a holds, in one format. */
static enum status
across_render(const struct across *a, enum summary_format fmt, struct buf *out,
	      char *(*table_path)(void *ctx, const char *table_id), void *ctx, struct err *e)
{
	if (fmt == SF_JSON)
		across_json(a, out);
	else if (fmt == SF_HTML)
		across_html(a, out);
	else
		return across_csv(a, out, table_path, ctx, e);
	return ST_OK;
}

enum status
across_export(struct store *db, int from, int to, enum summary_format fmt, struct buf *out,
	      char *(*table_path)(void *ctx, const char *table_id), void *ctx, struct err *e)
{
	struct across a;
	enum status rc = across_years(db, from, to, &a, e);
	if (rc == ST_OK)
		rc = across_render(&a, fmt, out, table_path, ctx, e);
	across_free(&a);
	return rc;
}

/* The figures a holds written to path in one format (a CSV's tables beside it). */
static enum status
across_write(const struct across *a, enum summary_format fmt, const char *path,
	     struct export_files *files, struct err *e)
{
	struct buf b;
	*files = (struct export_files){.main = xstrdup(path)};
	buf_init(&b);
	enum status rc =
	    across_render(a, fmt, &b, fmt == SF_CSV ? export_files_table : NULL, files, e);
	if (rc == ST_OK)
		rc = file_write_atomic(path, b.data, b.len, e);
	buf_free(&b);
	return rc;
}

enum status
across_export_file(struct store *db, int from, int to, enum summary_format fmt, const char *path,
		   struct export_files *files, struct err *e)
{
	struct across a;
	enum status rc = across_years(db, from, to, &a, e);
	if (rc == ST_OK)
		rc = across_write(&a, fmt, path, files, e);
	else
		*files = (struct export_files){.main = xstrdup(path)};
	across_free(&a);
	return rc;
}

/* ---- the phase's report for the Emulation and Commendation Council ----------------------- */

struct phase_nom {
	const struct nomination *n;
	int year;
};

/* What the Council's report of a phase says besides its nominations when they come from the
 * units' phase reviews (NULL: from the yearly reports of the span): the phase, and every unit
 * with its review's state (who filed it, who did not). */
struct council {
	const char *period; /* "2023-2025" */
	const struct year_units *units;
};

/* The group of a nomination (award, then kind) in the order of the template's options, a value
 * it does not know after them. By the table's id, not its field: each year has its template. */
static int
group_cmp(const struct nomination *a, const struct nomination *b)
{
	int d = strcmp(a->table->id, b->table->id);
	for (size_t g = 0; d == 0 && g < a->table->ngroup_by && g < b->table->ngroup_by; g++) {
		const struct value *x = &a->cells[a->table->group_by[g]],
				   *z = &b->cells[b->table->group_by[g]];
		d = a->rank[g] - b->rank[g];
		if (d == 0)
			d = strcmp(x->s ? x->s : "", z->s ? z->s : "");
	}
	return d;
}

static bool
same_group(const struct phase_nom *a, const struct phase_nom *b)
{
	return group_cmp(a->n, b->n) == 0;
}

/* By group, then by unit, year and row: a unit's nominations of a group together. */
static int
phase_order(const void *pa, const void *pb)
{
	const struct phase_nom *a = pa, *b = pb;
	int d;
	if ((d = group_cmp(a->n, b->n)) != 0)
		return d;
	if ((d = strcmp(a->n->unit_code, b->n->unit_code)) != 0)
		return d;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	return a->n->row - b->n->row;
}

static struct phase_nom *
phase_noms(const struct across *a, size_t *n)
{
	struct phase_nom *p = NULL;
	*n = 0;
	for (int k = 0; k < a->nyears; k++)
		for (size_t i = 0; i < a->years[k].nnoms; i++) {
			p = xreallocarray(p, *n + 1, sizeof *p);
			p[(*n)++] = (struct phase_nom){&a->years[k].noms[i], a->from + k};
		}
	if (*n)
		qsort(p, *n, sizeof *p, phase_order);
	return p;
}

/* The proposals of the phase reviews r (their period's totals): each row's year is its "nam"
 * (the year the unit's yearly report proposed it), else the review's closing year. */
static struct phase_nom *
review_noms(const struct year_totals *r, int last, size_t *n)
{
	struct phase_nom *p = NULL;
	*n = 0;
	for (size_t i = 0; i < r->nnoms; i++) {
		const struct value *y = nomination_cell(&r->noms[i], "nam");
		p = xreallocarray(p, *n + 1, sizeof *p);
		p[(*n)++] =
		    (struct phase_nom){&r->noms[i], y != NULL && y->k == V_INT ? (int)y->i : last};
	}
	if (*n)
		qsort(p, *n, sizeof *p, phase_order);
	return p;
}

/* The annex shows years as columns on portrait pages up to this many years; a longer span goes
 * on landscape pages (the named page "wide" of document_css) so that every year still fits. */
#define ANNEX_PORTRAIT_YEARS 4
#define ANNEX_WIDE_YEARS 8

/* A proposed unit of the Council's report: its place in the annex (1-based) is its index + 1. */
struct annex_unit {
	const char *code, *name;
};

static int
annex_cmp(const void *pa, const void *pb)
{
	return strcmp(((const struct annex_unit *)pa)->code, ((const struct annex_unit *)pb)->code);
}

/* The units proposing in p, each once, by code. */
static struct annex_unit *
annex_units(const struct phase_nom *p, size_t n, size_t *count)
{
	struct annex_unit *u = NULL;
	*count = 0;
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		while (k < *count && strcmp(u[k].code, p[i].n->unit_code) != 0)
			k++;
		if (k < *count)
			continue;
		u = xreallocarray(u, *count + 1, sizeof *u);
		u[(*count)++] = (struct annex_unit){p[i].n->unit_code, p[i].n->unit_name};
	}
	if (*count)
		qsort(u, *count, sizeof *u, annex_cmp);
	return u;
}

static size_t
annex_place(const struct annex_unit *u, size_t count, const char *code)
{
	size_t k = 0;
	while (k < count && strcmp(u[k].code, code) != 0)
		k++;
	return k + 1;
}

/* A proposed unit's figures of years k0..k1-1: one row an indicator, a column a year. */
static void
figures_table(const struct across *a, size_t u, int k0, int k1, struct buf *out)
{
	buf_adds(out, "<table class=\"data figures\">\n<thead><tr><th>TT</th><th>Chỉ tiêu</th>");
	for (int k = k0; k < k1; k++)
		buf_printf(out, "<th>Năm %d</th>", a->from + k);
	buf_adds(out, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < a->nitems; i++) {
		buf_printf(out, "<tr><td>%zu</td><td>", i + 1);
		document_escape(out, TR(a->items[i].f->label));
		buf_adds(out, "</td>");
		for (int k = k0; k < k1; k++) {
			int64_t v;
			bool present = across_unit_value(a, i, k, u, &v);
			buf_adds(out, "<td>");
			html_figure(a->items[i].f, present, v, out);
			buf_adds(out, "</td>");
		}
		buf_adds(out, "</tr>\n");
	}
	buf_adds(out, "</tbody>\n</table>\n");
}

/* A proposed unit's figures over the years, once; the years it has no report of said under
 * them. A landscape page holds ANNEX_WIDE_YEARS columns of money in billions: a longer span
 * is cut into tables of even spans of years. */
static void
phase_unit_figures(const struct across *a, size_t u, struct buf *out)
{
	int tables = (a->nyears + ANNEX_WIDE_YEARS - 1) / ANNEX_WIDE_YEARS;
	int per = (a->nyears + tables - 1) / tables;
	for (int k0 = 0; k0 < a->nyears; k0 += per)
		figures_table(a, u, k0, k0 + per < a->nyears ? k0 + per : a->nyears, out);
	bool missing = false;
	for (int k = 0; k < a->nyears; k++)
		if (a->units[u].at[k] < 0) {
			buf_printf(out, "%s%d",
				   missing ? ", " : "<p>Không có báo cáo năm: ", a->from + k);
			missing = true;
		}
	if (missing)
		buf_adds(out, ".</p>\n");
}

/* Part II, the annex: each proposed unit's yearly figures once, whatever awards it proposes. */
static void
phase_annex(const struct across *a, const struct annex_unit *units, size_t count, bool council,
	    struct buf *out)
{
	buf_printf(out,
		   "<div class=\"annex%s\">\n<h2>PHẦN II. PHỤ LỤC: SỐ LIỆU CỦA CÁC ĐƠN VỊ ĐƯỢC "
		   "ĐỀ NGHỊ QUA CÁC NĂM %d-%d</h2>\n<p>Mỗi đơn vị một mục (số mục ghi ở cột "
		   "“Đơn vị đề nghị” của Phần I): số liệu báo cáo hằng năm của đơn vị. “—”: năm "
		   "đó đơn vị không có số liệu của chỉ tiêu này.</p>\n",
		   a->nyears > ANNEX_PORTRAIT_YEARS ? " wide" : "", a->from, a->to);
	for (size_t k = 0; k < count; k++) {
		int u = unit_find(a, units[k].code);
		buf_printf(out, "<p class=\"caption\"><b>%zu. ", k + 1);
		document_escape(out, units[k].code);
		buf_adds(out, " ");
		document_escape(out, units[k].name);
		buf_adds(out, "</b></p>\n");
		if (u >= 0)
			phase_unit_figures(a, (size_t)u, out);
		else if (council)
			buf_printf(out, "<p>Không có báo cáo năm nào trong các năm %d-%d.</p>\n",
				   a->from, a->to);
		else
			buf_adds(out, "<p>Báo cáo năm của đơn vị không có chỉ tiêu số nào.</p>\n");
	}
	buf_adds(out, "</div>\n");
}

/* The units that filed no review of the phase. */
static void
council_missing(const struct council *c, struct buf *out)
{
	size_t n = c->units->counts[US_NOT_RECEIVED], k = 0;
	buf_printf(out, "<h2>Đơn vị chưa gửi báo cáo sơ kết, tổng kết giai đoạn %s (%zu)</h2>\n",
		   c->period, n);
	if (n == 0) {
		buf_adds(out, "<p>Tất cả các đơn vị đã gửi.</p>\n");
		return;
	}
	buf_adds(out, "<table class=\"data\">\n<thead><tr><th>TT</th><th>Mã</th><th>Đơn vị</th>"
		      "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < c->units->n; i++) {
		const struct unit_status *u = &c->units->units[i];
		if (u->state != US_NOT_RECEIVED)
			continue;
		buf_printf(out, "<tr><td>%zu</td><td>", ++k);
		document_escape(out, u->code);
		buf_adds(out, "</td><td>");
		document_escape(out, u->name);
		buf_adds(out, "</td></tr>\n");
	}
	buf_adds(out, "</tbody>\n</table>\n");
}

/* A column of a nomination as text on one line; columns are the template's (ten, chuc_vu,
 * thanh_tich), any other column not in the group heading joins the achievement. */
static void
nom_cell(const struct nomination *n, size_t k, struct buf *out)
{
	struct buf b;
	buf_init(&b);
	value_format(&n->table->columns[k], &n->cells[k], &b);
	document_escape(out, b.data);
	buf_free(&b);
}

static void
nom_cells(const struct nomination *n, const char *which, struct buf *out)
{
	bool any = false;
	for (size_t k = 0; k < n->table->ncolumns; k++) {
		const char *id = n->table->columns[k].id;
		if (field_grouped_column(n->table, k) || n->cells[k].k == V_NULL ||
		    strcmp(id, "nam") == 0)
			continue;
		bool own = strcmp(id, "ten") == 0 || strcmp(id, "chuc_vu") == 0;
		if (which != NULL ? strcmp(id, which) != 0 : own)
			continue;
		if (any)
			buf_adds(out, " — ");
		nom_cell(n, k, out);
		any = true;
	}
}

static void
phase_nom_row(const struct phase_nom *p, size_t number, size_t place, struct buf *out)
{
	buf_printf(out, "<tr><td>%zu</td><td>", number);
	document_escape(out, p->n->unit_code);
	buf_adds(out, " ");
	document_escape(out, p->n->unit_name);
	buf_printf(out, "<br><small>Số liệu: Phụ lục, mục %zu</small></td><td>", place);
	nom_cells(p->n, "ten", out);
	buf_adds(out, "</td><td>");
	nom_cells(p->n, "chuc_vu", out);
	buf_adds(out, "</td><td>");
	nom_cells(p->n, NULL, out);
	buf_printf(out, "</td><td>%d</td><td>", p->year);
	for (size_t b = 0; b < p->n->nbreaches; b++) {
		buf_adds(out, b ? "<br>⚠ " : "⚠ ");
		document_escape(out, p->n->breaches[b].message);
	}
	buf_adds(out, "</td></tr>\n");
}

static void
phase_html(const struct across *a, const struct phase_nom *p, size_t n, const struct council *c,
	   struct buf *out)
{
	char *title = c ? xasprintf("Đề nghị khen thưởng sơ kết, tổng kết giai đoạn %s", c->period)
			: xasprintf("Đề nghị khen thưởng giai đoạn %d-%d", a->from, a->to);
	char *summary =
	    c ? xasprintf("Tổng hợp đề nghị khen thưởng trong báo cáo sơ kết, tổng kết giai đoạn "
			  "%s của các đơn vị thuộc Bộ Y tế, kèm số liệu báo cáo hằng năm của đơn "
			  "vị (trình Hội đồng Thi đua - Khen thưởng Bộ Y tế)",
			  c->period)
	      : xasprintf("Tổng hợp đề nghị khen thưởng của các đơn vị thuộc Bộ Y tế giai "
			  "đoạn %d-%d, kèm số liệu của đơn vị qua các năm (trình Hội đồng "
			  "Thi đua - Khen thưởng Bộ Y tế)",
			  a->from, a->to);
	size_t breaching = 0, groups = 0, in_group = 0;
	struct buf head;
	buf_init(&head);
	for (size_t i = 0; i < n; i++)
		breaching += p[i].n->nbreaches > 0;
	html_begin(title, summary, out);
	if (c)
		buf_printf(
		    out,
		    "<p>Giai đoạn %s: %zu/%zu đơn vị đã gửi báo cáo sơ kết, tổng kết, với "
		    "%zu đề nghị khen thưởng; %zu đề nghị trái quy định của Kế hoạch (⚠).</p>\n",
		    c->period, summary_units_received(c->units), c->units->n, n, breaching);
	else
		buf_printf(out,
			   "<p>Các năm %d-%d có %zu đề nghị khen thưởng trong báo cáo hằng năm của "
			   "các đơn vị; %zu đề nghị trái quy định của Kế hoạch (⚠).</p>\n",
			   a->from, a->to, n, breaching);
	size_t nunits;
	struct annex_unit *units = annex_units(p, n, &nunits);
	buf_adds(out, "<h2>PHẦN I. ĐỀ NGHỊ KHEN THƯỞNG THEO HÌNH THỨC</h2>\n");
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || !same_group(&p[i], &p[i - 1])) {
			size_t count = 0;
			for (size_t j = i; j < n && same_group(&p[i], &p[j]); j++)
				count++;
			buf_reset(&head);
			nomination_group(p[i].n, &head);
			if (i > 0)
				buf_adds(out, "</tbody>\n</table>\n");
			buf_printf(out, "<h2>%zu. ", ++groups);
			document_escape(out, head.data);
			buf_printf(out,
				   " (%zu)</h2>\n<table class=\"data\">\n<thead><tr><th>TT</th>"
				   "<th>Đơn vị đề nghị</th><th>Tên tập thể, cá nhân</th>"
				   "<th>Chức vụ</th><th>Thành tích</th><th>Năm</th><th>Lưu ý</th>"
				   "</tr></thead>\n<tbody>\n",
				   count);
			in_group = 0;
		}
		phase_nom_row(&p[i], ++in_group, annex_place(units, nunits, p[i].n->unit_code),
			      out);
	}
	if (n > 0) {
		buf_adds(out, "</tbody>\n</table>\n");
		phase_annex(a, units, nunits, c != NULL, out);
	} else
		buf_adds(out, "<p>Không có đề nghị khen thưởng.</p>\n");
	free(units);
	if (c)
		council_missing(c, out);
	html_end("Hội đồng Thi đua - Khen thưởng Bộ Y tế (để xem xét)", out);
	buf_free(&head);
	free(title);
	free(summary);
}

/* One row a nomination; the proposed unit's figures in columns ID:YEAR after the breaches. */
static void
phase_csv(const struct across *a, const struct phase_nom *p, size_t n, struct buf *out)
{
	const struct field *table = NULL;
	buf_adds(out, bom);
	for (size_t i = 0; i < n; i++) {
		/* A unit whose years hold no figure (a form without any) has no column of its own. */
		int u = unit_find(a, p[i].n->unit_code);
		if (table == NULL || strcmp(p[i].n->table->id, table->id) != 0) {
			table = p[i].n->table;
			nomination_csv_heading(table, out);
			buf_adds(out, ",breach,breach_rules");
			for (size_t x = 0; x < a->nitems; x++)
				for (int k = 0; k < a->nyears; k++)
					buf_printf(out, ",%s:%d", a->items[x].f->id, a->from + k);
			buf_adds(out, "\r\n");
		}
		nomination_csv_cells(p[i].n, p[i].year, out);
		struct buf ids;
		buf_init(&ids);
		for (size_t b = 0; b < p[i].n->nbreaches; b++)
			buf_printf(&ids, "%s%s", b ? ";" : "", p[i].n->breaches[b].rule_id);
		buf_printf(out, ",%d,", p[i].n->nbreaches > 0);
		buf_csv(out, ids.len ? ids.data : "");
		buf_free(&ids);
		for (size_t x = 0; x < a->nitems; x++)
			for (int k = 0; k < a->nyears; k++) {
				int64_t v;
				buf_addc(out, ',');
				if (u >= 0 && across_unit_value(a, x, k, (size_t)u, &v))
					buf_printf(out, "%lld", (long long)v);
			}
		buf_adds(out, "\r\n");
	}
	if (table == NULL)
		buf_adds(out, "unit_code,unit_name,year,table,row,breach,breach_rules\r\n");
}

enum status
across_proposals(struct store *db, int from, int to, enum summary_format fmt, struct buf *out,
		 struct err *e)
{
	struct across a;
	enum status rc = across_years(db, from, to, &a, e);
	if (rc == ST_OK) {
		size_t n;
		struct phase_nom *p = phase_noms(&a, &n);
		if (fmt == SF_CSV)
			phase_csv(&a, p, n, out);
		else
			phase_html(&a, p, n, NULL, out);
		free(p);
	}
	across_free(&a);
	return rc;
}

/* What the Council's report of a phase is made of: the yearly reports of its years, the units'
 * reviews and who filed one. */
struct review_parts {
	struct across a;
	struct year_totals r;
	struct year_units units;
};

static enum status
review_parts_read(struct store *db, int first, int last, struct review_parts *p, struct err *e)
{
	int key = PERIOD_KEY(last, first);
	memset(&p->r, 0, sizeof p->r);
	memset(&p->units, 0, sizeof p->units);
	enum status rc = across_years(db, first, last, &p->a, e);
	if (rc == ST_OK && (rc = totals_year(db, key, &p->r, e)) == ST_OK)
		rc = summary_units(db, key, &p->units, e);
	return rc;
}

static void
review_parts_free(struct review_parts *p)
{
	summary_units_free(&p->units);
	totals_free(&p->r);
	across_free(&p->a);
}

static void
review_parts_write(struct review_parts *p, int first, int last, enum summary_format fmt,
		   struct buf *out)
{
	size_t n;
	char period[REPORT_PERIOD_SIZE];
	struct phase_nom *noms = review_noms(&p->r, last, &n);
	report_period_text(last, first, period);
	struct council c = {period, &p->units};
	if (fmt == SF_CSV)
		phase_csv(&p->a, noms, n, out);
	else
		phase_html(&p->a, noms, n, &c, out);
	free(noms);
}

/* dir/name, without a second separator when dir ends in one. */
static char *
path_in(const char *dir, const char *name)
{
	return xasprintf("%s%s%s", dir, dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/", name);
}

enum status
across_review_proposals(struct store *db, int first, int last, enum summary_format fmt,
			struct buf *out, struct err *e)
{
	struct review_parts p;
	enum status rc = review_parts_read(db, first, last, &p, e);
	if (rc == ST_OK)
		review_parts_write(&p, first, last, fmt, out);
	review_parts_free(&p);
	return rc;
}

enum status
across_review_save(struct store *db, int first, int last, const char *dir, char **names,
		   struct err *e)
{
	static const enum summary_format formats[] = {SF_HTML, SF_CSV};
	char period[REPORT_PERIOD_SIZE];
	struct review_parts p;
	struct buf list;
	buf_init(&list);
	report_period_text(last, first, period);
	enum status rc = review_parts_read(db, first, last, &p, e);
	for (size_t i = 0; i < ARRAY_LEN(formats) && rc == ST_OK; i++) {
		struct buf b;
		char *name =
		    xasprintf("de-nghi-%s.%s", period, formats[i] == SF_HTML ? "html" : "csv");
		char *path = path_in(dir, name);
		buf_init(&b);
		review_parts_write(&p, first, last, formats[i], &b);
		if ((rc = file_write_atomic(path, b.data, b.len, e)) == ST_OK)
			buf_printf(&list, "%s%s", list.len ? ", " : "", name);
		buf_free(&b);
		free(path);
		free(name);
	}
	review_parts_free(&p);
	*names = xstrdup(list.len ? list.data : "");
	buf_free(&list);
	return rc;
}

char *
across_save_name(int from, int to, enum summary_format fmt)
{
	return xasprintf("qua-cac-nam-%d-%d.%s", from, to,
			 fmt == SF_HTML  ? "html"
			 : fmt == SF_CSV ? "csv"
					 : "json");
}

/* What across_save writes, in this order. */
static const enum summary_format save_formats[] = {SF_HTML, SF_CSV, SF_JSON};

char *
across_save_names(int from, int to)
{
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < ARRAY_LEN(save_formats); i++) {
		char *name = across_save_name(from, to, save_formats[i]);
		buf_printf(&b, "%s%s", i ? ", " : "", name);
		free(name);
	}
	return buf_steal(&b);
}

enum status
across_save(struct store *db, int from, int to, const char *dir, size_t *files, struct err *e)
{
	struct across a;
	*files = 0;
	enum status rc = across_years(db, from, to, &a, e);
	for (size_t i = 0; i < ARRAY_LEN(save_formats) && rc == ST_OK; i++) {
		struct export_files x;
		char *name = across_save_name(from, to, save_formats[i]);
		char *path = path_in(dir, name);
		if ((rc = across_write(&a, save_formats[i], path, &x, e)) == ST_OK)
			*files += 1 + x.ntables;
		export_files_free(&x);
		free(path);
		free(name);
	}
	across_free(&a);
	return rc;
}
