/* test_validate.c: one field's value checked before it is stored (validate_field), by the same
 * checks as the whole report's, and what a field expects (validate_expected). */
#include "testlib.h"

#include "i18n.h"
#include "report.h"
#include "template.h"
#include "validate.h"

static struct report *
empty_report(struct store *db)
{
	struct report *r;
	struct err e = {0};
	assert_int_equal(report_open_or_new(db, 2024, 0, &r, &e), ST_OK);
	return r;
}

/* -5 in a field whose minimum is 1 is refused with the words validate_report uses for it; 48 is
 * fine; an empty value is never refused, even in a required field. */
static void
test_field_range(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct report *r = empty_report(db);
	int f = template_field(r->t, "chung.tong_so_nguoi");
	struct value v = {V_INT, -5, NULL};
	struct findings x, all;
	assert_true(f >= 0);
	ui_lang = LANG_VI;
	validate_field(r, f, -1, 0, &v, "2024-11-20", &x);
	assert_int_equal(x.n, 1);
	assert_int_equal(x.errors, 1);
	assert_true(findings_refuse(&x));
	assert_non_null(strstr(x.items[0].message, "phải từ 1 đến"));
	assert_string_equal(x.items[0].path, "chung.tong_so_nguoi");
	/* The same sentence as the whole report's check. */
	r->values[f] = v;
	validate_report(r, "2024-11-20", &all);
	bool same = false;
	for (size_t i = 0; i < all.n; i++)
		same |= strcmp(all.items[i].message, x.items[0].message) == 0;
	assert_true(same);
	r->values[f] = (struct value){V_NULL, 0, NULL};
	findings_free(&all);
	findings_free(&x);

	v.i = 48;
	validate_field(r, f, -1, 0, &v, "2024-11-20", &x);
	assert_int_equal(x.n, 0);
	assert_false(findings_refuse(&x));
	v = (struct value){V_NULL, 0, NULL};
	validate_field(r, f, -1, 0, &v, "2024-11-20", &x);
	assert_int_equal(x.n, 0);
	report_free(r);
	store_close(db);
}

/* A format rule (a phone number) is a finding, not a refusal; a date after today too; a column
 * of a table is named with its table and row. */
static void
test_field_rules_and_columns(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct report *r = empty_report(db);
	struct value v = {V_TEXT, 0, "12"};
	struct findings x;
	ui_lang = LANG_EN;
	validate_field(r, template_field(r->t, "chung.dien_thoai"), -1, 0, &v, "2024-11-20", &x);
	assert_int_equal(x.n, 1);
	assert_int_equal(x.items[0].kind, FK_RULE);
	assert_false(findings_refuse(&x));
	findings_free(&x);
	v = (struct value){V_DATE, 0, "2024-12-01"};
	validate_field(r, template_field(r->t, "chung.ngay_bao_cao"), -1, 0, &v, "2024-11-20", &x);
	assert_int_equal(x.n, 1);
	assert_non_null(strstr(x.items[0].message, "after today"));
	findings_free(&x);
	int table = template_field(r->t, "khen_thuong.de_nghi");
	const struct field *tf = &r->t->fields[table];
	int col = field_column(tf, "ten");
	char *long_name = xmalloc(tf->columns[col].max_length + 2);
	memset(long_name, 'a', tf->columns[col].max_length + 1);
	long_name[tf->columns[col].max_length + 1] = '\0';
	v = (struct value){V_TEXT, 0, long_name};
	validate_field(r, table, col, 3, &v, "2024-11-20", &x);
	assert_int_equal(x.n, 1);
	assert_true(findings_refuse(&x));
	assert_string_equal(x.items[0].path, "khen_thuong.de_nghi[3].ten");
	assert_int_equal(x.items[0].row, 3);
	assert_int_equal(x.items[0].column, col);
	assert_non_null(strstr(x.items[0].message, ", row 3: "));
	findings_free(&x);
	free(long_name);
	ui_lang = LANG_VI;
	report_free(r);
	store_close(db);
}

static char *
expected(const struct report *r, const char *id)
{
	struct buf b;
	buf_init(&b);
	validate_expected(&r->t->fields[template_field(r->t, id)], &b);
	return buf_steal(&b);
}

/* What a field expects, from its type and the template's bounds. */
static void
test_expected(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct report *r = empty_report(db);
	char *s;
	ui_lang = LANG_VI;
	s = expected(r, "chung.ngay_bao_cao");
	assert_string_equal(s, "dd/mm/yyyy, không sau hôm nay");
	free(s);
	s = expected(r, "chung.tong_so_nguoi");
	assert_string_equal(s, "số từ 1 đến 1.000.000.000");
	free(s);
	s = expected(r, "nguon_luc.kinh_phi");
	assert_string_equal(s, "số tiền (đồng), tối đa 10.000.000.000.000");
	free(s);
	s = expected(r, "chung.dien_thoai");
	assert_non_null(strstr(s, "8 đến 15 chữ số"));
	free(s);
	s = expected(r, "chung.nguoi_ky");
	assert_string_equal(s, "");
	free(s);
	ui_lang = LANG_EN;
	s = expected(r, "nguon_luc.kinh_phi");
	assert_string_equal(s, "amount in đồng, at most 10,000,000,000,000");
	free(s);
	ui_lang = LANG_VI;
	report_free(r);
	store_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_field_range),
		cmocka_unit_test(test_field_rules_and_columns),
		cmocka_unit_test(test_expected),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
