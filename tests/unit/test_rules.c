/* test_rules.c: every rule of the templates, from the tests/data case files: fires and not. */
#include "testlib.h"

#include <stdio.h>

#include "json.h"
#include "report.h"
#include "template.h"
#include "validate.h"

static bool
has_finding(const struct report *r, const struct findings *f, const char *field, int64_t row,
	    const char *level)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->items[i];
		const struct field *fl = &r->t->fields[x->field];
		char name[256];
		if (x->column >= 0)
			snprintf(name, sizeof name, "%s.%s", fl->id, fl->columns[x->column].id);
		else
			snprintf(name, sizeof name, "%s", fl->id);
		if (strcmp(name, field) == 0 && x->row == row &&
		    strcmp(level, x->level == LV_ERROR ? "error" : "warning") == 0)
			return true;
	}
	return false;
}

static void
describe(const struct findings *f, char *out, size_t n)
{
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < f->n && used < n; i++)
		used += (size_t)snprintf(out + used, n - used, "\n    %s %s: %s",
					 f->items[i].level == LV_ERROR ? "E" : "W", f->items[i].path,
					 f->items[i].message);
}

/* Runs every case of a cases file against a base report; returns the number that failed. */
static int
run_cases(struct store *db, const char *base_path, const char *cases_path)
{
	char *base = test_file(base_path, NULL), *cases = test_file(cases_path, NULL);
	struct jnode *root = NULL;
	struct err e = {0};
	int failed = 0;

	if (json_parse(cases, &root, &e) != ST_OK)
		fail_msg("%s: %s", cases_path, e.msg);
	assert_int_equal(root->type, J_ARRAY);
	assert_true(root->nkids >= 10);
	for (size_t i = 0; i < root->nkids; i++) {
		const struct jnode *c = root->kids[i], *name = json_get(c, "name"),
				   *today = json_get(c, "today");
		const struct jnode *lists[2] = {json_get(c, "expect"), json_get(c, "absent")};
		struct report *r = NULL;
		struct findings f;
		char *text, desc[8192];

		/* Re-serialise the patch through SQLite so json_patch gets it as JSON text. */
		char *path = xasprintf("$[%zu].patch", i);
		char *patch_text = test_sql_text(db, "SELECT json_extract(?1, ?2)", cases, path);
		free(path);
		text = test_sql_text(db, "SELECT json_patch(?1, ?2)", base, patch_text ? patch_text : "{}");
		free(patch_text);
		enum status st = report_from_json(db, text, strlen(text), 0, &r, &e);
		if (st != ST_OK) {
			/* Refused while reading (an impossible date, say): the case holds when it
			 * expects an error and the refusal names the field. */
			bool ok = lists[0] && lists[0]->nkids > 0;
			for (size_t k = 0; ok && k < lists[0]->nkids; k++) {
				const char *fld = json_get(lists[0]->kids[k], "field")->text;
				char table[128];
				snprintf(table, sizeof table, "%s", fld);
				char *dot = strrchr(table, '.');
				ok = strstr(e.msg, fld) != NULL ||
				     (dot && (*dot = '\0', strstr(e.msg, table) != NULL));
			}
			if (!ok) {
				printf("  FAIL %s: %s\n    refused: %s\n", cases_path, name->text, e.msg);
				failed++;
			}
			free(text);
			continue;
		}
		validate_report(r, today ? today->text : "2024-12-01", &f);
		for (int l = 0; l < 2; l++)
			for (size_t k = 0; lists[l] && k < lists[l]->nkids; k++) {
				const struct jnode *x = lists[l]->kids[k];
				const struct jnode *row = json_get(x, "row");
				bool has = has_finding(r, &f, json_get(x, "field")->text,
						       row ? row->i : 0, json_get(x, "level")->text);
				if (has != (l == 0)) {
					describe(&f, desc, sizeof desc);
					printf("  FAIL %s: %s\n    %s %s %s row %lld; findings:%s\n",
					       cases_path, name->text, l == 0 ? "missing" : "unexpected",
					       json_get(x, "level")->text, json_get(x, "field")->text,
					       (long long)(row ? row->i : 0), desc);
					failed++;
				}
			}
		findings_free(&f);
		report_free(r);
		free(text);
	}
	json_free(root);
	free(base);
	free(cases);
	return failed;
}

static void
test_bao_cao_nam_rules(void **state)
{
	(void)state;
	struct store *db = test_db();
	assert_int_equal(run_cases(db, "tests/data/bao-cao-mau.json", "tests/data/rule-cases.json"),
			 0);
	store_close(db);
}

static void
test_second_template_rules(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct err e = {0};
	char *t = test_file("tests/templates/khao-sat-thu-1.json", NULL);
	if (template_install(db, t, &e) != ST_OK)
		fail_msg("%s", e.msg);
	free(t);
	assert_int_equal(run_cases(db, "tests/data/khao-sat-thu.json",
				   "tests/data/khao-sat-thu-cases.json"),
			 0);
	store_close(db);
}

/* The message a clerk reads names both values in their own words. */
static void
test_message_names_values(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct err e = {0};
	struct report *r;
	struct findings f;
	char *base = test_file("tests/data/bao-cao-mau.json", NULL);
	char *text = test_sql_text(db,
				   "SELECT json_patch(?1, '{\"values\":{\"dao_tao.luot_hoc\":860,"
				   "\"dao_tao.luot_ngoai_ngu\":900,\"dao_tao.luot_ky_nang_so\":100}}')",
				   base, NULL);
	assert_int_equal(report_from_json(db, text, strlen(text), 2024, &r, &e), ST_OK);
	validate_report(r, "2024-12-01", &f);
	bool seen = false;
	for (size_t i = 0; i < f.n; i++)
		if (strcmp(f.items[i].path, "dao_tao.luot_ngoai_ngu") == 0) {
			assert_non_null(strstr(f.items[i].message, "(900)"));
			assert_non_null(strstr(f.items[i].message, "(860)"));
			seen = true;
		}
	assert_true(seen);
	findings_free(&f);
	report_free(r);
	free(text);
	free(base);
	store_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bao_cao_nam_rules),
		cmocka_unit_test(test_second_template_rules),
		cmocka_unit_test(test_message_names_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
