/* test_document.c: the report as a printed document: the signature kept with the report's last
 * lines, money with one unit, the files saved for printing. */
#include "testlib.h"

#include <sys/stat.h>

#include "document.h"
#include "report.h"
#include "validate.h"

#define SAMPLE "tests/data/bao-cao-mau.json"

static struct report *
sample(struct store *db)
{
	size_t len;
	char *text = test_file(SAMPLE, &len);
	struct report *r = NULL;
	struct err e = {0};
	if (report_from_json(db, text, len, 2024, &r, &e) != ST_OK)
		fail_msg("report_from_json: %s", e.msg);
	free(text);
	free(r->unit_code);
	r->unit_code = xstrdup("BVDKM");
	return r;
}

/* Each test's sample report, its database and a buffer for the document. */
struct doc {
	struct store *db;
	struct report *r;
	struct buf b;
};

static int
doc_setup(void **state)
{
	struct doc *d = xcalloc(1, sizeof *d);
	d->db = test_db();
	d->r = sample(d->db);
	buf_init(&d->b);
	*state = d;
	return 0;
}

static int
doc_teardown(void **state)
{
	struct doc *d = *state;
	buf_free(&d->b);
	report_free(d->r);
	store_close(d->db);
	free(d);
	return 0;
}

static size_t
count(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, what)) != NULL; p += strlen(what))
		n++;
	return n;
}

/* The closing block is inside one block with the report's last paragraph, and that block is
 * one a page does not split: the signature never stands alone on the last page. */
static void
test_signature_kept_with_last_lines(void **state)
{
	struct doc *d = *state;
	struct report *r = d->r;
	struct buf *b = &d->b;
	document_html(r, "Hà Nội", b);
	const char *end = strstr(b->data, "<div class=\"end\">");
	assert_non_null(end);
	assert_int_equal(count(b->data, "<div class=\"end\">"), 1);
	assert_non_null(
	    strstr(b->data, ".end, .foot { page-break-inside: avoid; break-inside: avoid; }"));
	/* The last paragraph of the report (the proposals), then the recipients and signature,
	 * all after the wrapper's start; the wrapper closes after the signer's name. */
	const char *last = strstr(b->data, "Đề nghị Bộ Y tế ban hành hướng dẫn");
	const char *foot = strstr(b->data, "<div class=\"foot\">");
	const char *signer = strstr(b->data, "<b>Trần Quốc Khánh</b>");
	assert_non_null(last);
	assert_non_null(foot);
	assert_non_null(signer);
	assert_true(end < last && last < foot && foot < signer);
	assert_non_null(strstr(signer, "</div>\n</div>\n</div>\n</body>"));
	/* Only the last lines: the body before them is outside. */
	assert_null(strstr(end, "<h2>"));
	assert_non_null(strstr(b->data, "Hà Nội, ngày 25 tháng 11 năm 2024"));
}

/* A report whose last field is a table keeps the table with the signature. */
static void
test_signature_kept_with_last_table(void **state)
{
	struct doc *d = *state;
	struct report *r = d->r;
	size_t table = 0;
	for (size_t i = 0; i < r->t->nfields; i++)
		if (r->tables[i].n > 0)
			table = i;
	assert_true(table > 0);
	for (size_t i = table + 1; i < r->t->nfields; i++)
		if (r->values[i].k != V_NULL && !strstr(r->t->fields[i].id, "nguoi_ky")) {
			free(r->values[i].s);
			r->values[i] = (struct value){V_NULL, 0, NULL};
		}
	struct buf *b = &d->b;
	document_html(r, NULL, b);
	const char *end = strstr(b->data, "<div class=\"end\">");
	assert_non_null(end);
	assert_null(strstr(b->data, "Đề nghị Bộ Y tế ban hành hướng dẫn"));
	/* The table, with its caption, and the signature: one block. */
	assert_non_null(strstr(end, "<p class=\"caption\">"));
	assert_non_null(strstr(end, "<table class=\"data\">"));
	assert_non_null(strstr(strstr(end, "</table>"), "<div class=\"foot\">"));
	/* No place set: the dots the clerk is warned about. */
	assert_non_null(strstr(b->data, ".........., ngày 25 tháng 11 năm 2024"));
}

/* Money says its unit once, the same way on paper and in the preview. */
static void
test_money_unit_once(void **state)
{
	struct doc *d = *state;
	struct report *r = d->r;
	struct buf *b = &d->b;
	document_html(r, "Hà Nội", b);
	/* A no-break space: the figure and its unit never on two lines. */
	assert_non_null(strstr(b->data, "Kinh phí đầu tư cho học tập, đào tạo, bồi dưỡng trong "
					"năm: 3.450.000.000\xc2\xa0đồng."));
	assert_null(strstr(b->data, "(đồng)"));
	assert_null(strstr(b->data, "000 đ<"));
	buf_reset(b);
	document_text(r, "Hà Nội", 200, b);
	assert_non_null(strstr(
	    b->data,
	    "Kinh phí đầu tư cho học tập, đào tạo, bồi dưỡng trong năm: 3.450.000.000 đồng\n"));
	/* Narrow, the unit goes to the next line with its figure. */
	buf_reset(b);
	document_text(r, "Hà Nội", 76, b);
	assert_non_null(strstr(b->data, "\n  3.450.000.000 đồng\n"));
	assert_null(strstr(b->data, "(đồng)"));
	assert_null(strstr(b->data, "000 đ\n"));
}

/* The printable report and the CSV are written into the chosen folder under the year's and
 * the unit's names, replacing an earlier save. */
static void
test_save_files(void **state)
{
	struct doc *d = *state;
	struct report *r = d->r;
	struct err e = {0};
	char *dir = test_tmpdir("document"), *html = NULL, *csv = NULL;
	assert_non_null(dir);
	for (int round = 0; round < 2; round++) {
		if (document_save(r, "Hà Nội", dir, &html, &csv, &e) != ST_OK)
			fail_msg("document_save: %s", e.msg);
		char *want = xasprintf("%s/bao-cao-2024-BVDKM.html", dir);
		assert_string_equal(html, want);
		free(want);
		want = xasprintf("%s/bao-cao-2024-BVDKM.csv", dir);
		assert_string_equal(csv, want);
		free(want);
		size_t len;
		char *text = test_file(html, &len);
		assert_non_null(strstr(text, "Hà Nội, ngày 25 tháng 11 năm 2024"));
		assert_non_null(strstr(text, "<div class=\"end\">"));
		free(text);
		text = test_file(csv, &len);
		assert_non_null(strstr(text, "Trần Quốc Khánh"));
		free(text);
		free(html);
		free(csv);
	}
	/* A folder that is not there: refused, naming the file. */
	char *gone = xasprintf("%s/khong-co", dir);
	assert_int_equal(document_save(r, NULL, gone, &html, &csv, &e), ST_ENV);
	assert_non_null(strstr(e.msg, "bao-cao-2024-BVDKM.html"));
	assert_null(html);
	assert_null(csv);
	free(gone);
	test_rmtree(dir);
	free(dir);
}

/* Without a place name the printed date line is dots: the check warns, once, naming the
 * setting; with one, nothing. */
static void
test_place_warning(void **state)
{
	struct doc *d = *state;
	struct report *r = d->r;
	struct findings f;
	validate_report(r, "2024-12-01", &f);
	assert_int_equal(f.errors + f.warnings, 0);
	validate_printed(NULL, &f);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.warnings, 1);
	assert_int_equal(f.errors, 0);
	assert_int_equal(f.items[0].level, LV_WARNING);
	assert_int_equal(f.items[0].kind, FK_SETTING);
	assert_int_equal(f.items[0].field, -1);
	assert_string_equal(f.items[0].path, "unit.place");
	assert_non_null(strstr(f.items[0].message, "chưa đặt địa danh"));
	assert_string_equal(finding_heading(r, &f.items[0]), "Cài đặt");
	validate_printed("", &f);
	assert_int_equal(f.n, 2);
	findings_free(&f);
	validate_printed("Hà Nội", &f);
	assert_int_equal(f.n, 0);
	assert_int_equal(f.warnings, 0);
	findings_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_signature_kept_with_last_lines, doc_setup,
					    doc_teardown),
	    cmocka_unit_test_setup_teardown(test_signature_kept_with_last_table, doc_setup,
					    doc_teardown),
	    cmocka_unit_test_setup_teardown(test_money_unit_once, doc_setup, doc_teardown),
	    cmocka_unit_test_setup_teardown(test_save_files, doc_setup, doc_teardown),
	    cmocka_unit_test_setup_teardown(test_place_warning, doc_setup, doc_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
