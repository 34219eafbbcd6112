/* test_template.c: the built-in template, installing templates, refusing broken ones, and
 * what rule expressions mean once evaluated over a report. */
#include "testlib.h"

#include <stdio.h>

#include "expr.h"
#include "i18n.h"
#include "report.h"
#include "template.h"
#include "validate.h"

/* Templates below are written with ` for JSON's double quote so that they stay readable; '
 * stays free for text literals inside expressions. */
static char *
jq(const char *s)
{
	char *out = xstrdup(s);
	for (char *p = out; *p; p++)
		if (*p == '`')
			*p = '"';
	return out;
}

#define LBL(x) "{`vi`:`" x "`,`en`:`" x "`}"

/* A small template: section s with one field of most types and a table, plus what a case
 * adds. */
static const char mini_fields[] =
	"{`id`:`s.a`,`type`:`int`,`label`:" LBL("A") "},"
	"{`id`:`s.b`,`type`:`int`,`label`:" LBL("B") "},"
	"{`id`:`s.t`,`type`:`text`,`label`:" LBL("T") "},"
	"{`id`:`s.d`,`type`:`date`,`label`:" LBL("D") "},"
	"{`id`:`s.y`,`type`:`yesno`,`label`:" LBL("Y") "},"
	"{`id`:`s.z`,`type`:`yesno`,`label`:" LBL("Z") "},"
	"{`id`:`s.c`,`type`:`choice`,`label`:" LBL("C") ",`options`:["
	"{`value`:`x`,`label`:" LBL("Ix") "},{`value`:`y`,`label`:" LBL("Iy") "},"
	"{`value`:`z`,`label`:" LBL("Iz") "}]},"
	"{`id`:`s.tab`,`type`:`table`,`label`:" LBL("Tab") ",`columns`:["
	"{`id`:`k`,`type`:`choice`,`label`:" LBL("K") ",`options`:["
	"{`value`:`p`,`label`:" LBL("P") "},{`value`:`q`,`label`:" LBL("Q") "}]},"
	"{`id`:`v`,`type`:`int`,`label`:" LBL("V") "}],`row_rules`:[%s]}";

static char *
mini(const char *extra_fields, const char *rules, const char *row_rules)
{
	char *fields = xasprintf(mini_fields, row_rules ? row_rules : "");
	char *s = xasprintf("{`format`:1,`id`:`mini`,`version`:1,`title`:" LBL("Mini")
			    ",`due`:`12-05`,`sections`:[{`id`:`s`,`title`:" LBL("S")
			    ",`fields`:[%s%s%s]}],`rules`:[%s]}",
			    fields, extra_fields ? "," : "", extra_fields ? extra_fields : "",
			    rules ? rules : "");
	char *out = jq(s);
	free(fields);
	free(s);
	return out;
}

/* A warning rule shown on s.a (or, in a row rule, on column v). */
static char *
rule(const char *id, const char *field, const char *when)
{
	return xasprintf("{`id`:`%s`,`field`:`%s`,`level`:`warning`,`when`:`%s`,"
			 "`message`:{`vi`:`m`,`en`:`m`}}",
			 id, field, when);
}

/* The fields of ../shared/spec/report-template.md, in order: the contract with bundles,
 * the central database and exports. */
static const char *const spec_fields[] = {
	"chung.so_van_ban", "chung.ngay_bao_cao", "chung.nguoi_ky", "chung.chuc_vu_nguoi_ky",
	"chung.nguoi_lap", "chung.dien_thoai", "chung.email", "chung.tong_so_nguoi",
	"chi_dao.co_ke_hoach", "chi_dao.van_ban_ke_hoach", "chi_dao.ket_qua",
	"tuyen_truyen.so_hoat_dong", "tuyen_truyen.luot_tham_gia", "tuyen_truyen.ket_qua",
	"nguon_luc.van_ban_tham_muu", "nguon_luc.van_ban_noi_bo", "nguon_luc.kinh_phi",
	"nguon_luc.co_so_vat_chat",
	"dao_tao.co_ke_hoach", "dao_tao.so_khoa", "dao_tao.luot_hoc", "dao_tao.luot_ky_nang_so",
	"dao_tao.luot_ngoai_ngu", "dao_tao.hoc_lieu_so",
	"thi_dua.so_phong_trao", "thi_dua.so_sang_kien", "thi_dua.hoat_dong_quoc_te",
	"thi_dua.mo_hinh",
	"hoc_tap.cong_dong", "hoc_tap.quyet_dinh_cong_dong", "hoc_tap.cong_dan", "hoc_tap.dong_gop",
	"khen_thuong.tap_the", "khen_thuong.ca_nhan", "khen_thuong.de_nghi",
	"tu_danh_gia.tc1", "tu_danh_gia.tc2", "tu_danh_gia.tc3", "tu_danh_gia.tc4",
	"tu_danh_gia.tc5", "tu_danh_gia.tc6",
	"kien_nghi.kho_khan", "kien_nghi.de_xuat",
};

static const struct {
	const char *id;
	size_t count;
} spec_sections[] = {
	{"chung", 8},    {"chi_dao", 3},     {"tuyen_truyen", 3}, {"nguon_luc", 4},
	{"dao_tao", 6},  {"thi_dua", 4},     {"hoc_tap", 4},      {"khen_thuong", 3},
	{"tu_danh_gia", 6}, {"kien_nghi", 2},
};

static const char *
builtin_source(const char *id)
{
	char needle[128];
	snprintf(needle, sizeof needle, "\"id\": \"%s\"", id);
	for (size_t i = 0; i < template_builtin_count(); i++)
		if (strstr(template_builtin_source(i), needle))
			return template_builtin_source(i);
	fail_msg("no built-in template %s", id);
	return NULL;
}

static struct template *
parse_ok(const char *json)
{
	struct template *t = NULL;
	struct err e = {0};
	if (template_parse(json, &t, &e) != ST_OK)
		fail_msg("template_parse: %s", e.msg);
	return t;
}

static const struct field *
field_of(const struct template *t, const char *id)
{
	int i = template_field(t, id);
	if (i < 0)
		fail_msg("no field %s", id);
	return &t->fields[i];
}

static void
test_builtin_ids(void **state)
{
	(void)state;
	struct store *db = test_db();
	assert_true(template_builtin_count() >= 1);
	struct template *t = parse_ok(builtin_source("bao-cao-nam"));

	assert_string_equal(t->id, "bao-cao-nam");
	assert_int_equal(t->version, 1);
	assert_int_equal(t->due_month, 12);
	assert_int_equal(t->due_day, 5);
	assert_int_equal(t->nsections, 10);
	assert_int_equal(t->nsections, ARRAY_LEN(spec_sections));
	size_t first = 0;
	for (size_t i = 0; i < t->nsections; i++) {
		assert_string_equal(t->sections[i].id, spec_sections[i].id);
		assert_int_equal(t->sections[i].first, first);
		assert_int_equal(t->sections[i].count, spec_sections[i].count);
		assert_true(t->sections[i].title.vi[0] != '\0');
		assert_true(t->sections[i].title.en[0] != '\0');
		first += spec_sections[i].count;
	}
	assert_int_equal(t->nfields, ARRAY_LEN(spec_fields));
	for (size_t i = 0; i < t->nfields; i++) {
		assert_string_equal(t->fields[i].id, spec_fields[i]);
		assert_int_equal(template_field(t, spec_fields[i]), (int)i);
		/* Every label exists in both languages, and the help quotes the plan. */
		assert_true(t->fields[i].label.vi[0] != '\0' && t->fields[i].label.en[0] != '\0');
		assert_true(t->fields[i].help.vi[0] != '\0' && t->fields[i].help.en[0] != '\0');
	}
	assert_int_equal(template_field(t, "chung.khong_co"), -1);
	assert_int_equal(t->nrules, 9);
	template_free(t);
	store_close(db);
}

static void
test_builtin_field_types(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct template *t = parse_ok(builtin_source("bao-cao-nam"));
	const struct field *f;

	f = field_of(t, "chung.ngay_bao_cao");
	assert_int_equal(f->type, F_DATE);
	assert_true(f->required);
	assert_true(f->not_after_today);
	f = field_of(t, "chung.dien_thoai");
	assert_int_equal(f->type, F_TEXT);
	assert_int_equal(f->format, FMT_PHONE);
	assert_int_equal(f->digits_min, 8);
	assert_int_equal(f->digits_max, 15);
	assert_int_equal(f->max_length, 200);
	assert_int_equal(field_of(t, "chung.email")->format, FMT_EMAIL);
	assert_false(field_of(t, "chung.email")->required);
	f = field_of(t, "chung.tong_so_nguoi");
	assert_int_equal(f->type, F_INT);
	assert_int_equal(f->min, 1);
	f = field_of(t, "nguon_luc.kinh_phi");
	assert_int_equal(f->type, F_MONEY);
	assert_int_equal(f->min, 0);
	assert_int_equal(f->max, 10000000000000LL);
	f = field_of(t, "chi_dao.ket_qua");
	assert_int_equal(f->type, F_LONGTEXT);
	assert_int_equal(f->max_length, 8000);
	f = field_of(t, "chi_dao.van_ban_ke_hoach");
	assert_false(f->required);
	assert_non_null(f->required_if);
	f = field_of(t, "tu_danh_gia.tc1");
	assert_int_equal(f->type, F_YESNO);
	assert_string_equal(f->yes_label.vi, "Đạt");
	assert_string_equal(f->no_label.vi, "Chưa đạt");
	f = field_of(t, "hoc_tap.cong_dong");
	assert_string_equal(f->yes_label.vi, "Có");
	assert_string_equal(f->no_label.en, "No");

	f = field_of(t, "thi_dua.mo_hinh");
	assert_int_equal(f->type, F_TABLE);
	assert_int_equal(f->min_rows, 0);
	assert_int_equal(f->max_rows, 50);
	assert_int_equal(f->ncolumns, 3);
	assert_string_equal(f->columns[0].id, "ten");
	assert_int_equal(f->columns[1].type, F_LONGTEXT);
	assert_false(f->columns[2].required);

	f = field_of(t, "khen_thuong.de_nghi");
	assert_int_equal(f->type, F_TABLE);
	assert_int_equal(f->max_rows, 100);
	assert_int_equal(f->ncolumns, 5);
	static const char *const cols[] = {"doi_tuong", "ten", "chuc_vu", "hinh_thuc",
					   "thanh_tich"};
	for (size_t i = 0; i < ARRAY_LEN(cols); i++)
		assert_int_equal(field_column(f, cols[i]), (int)i);
	const struct field *c = &f->columns[0];
	assert_int_equal(c->type, F_CHOICE);
	assert_int_equal(c->noptions, 2);
	assert_string_equal(c->options[0].value, "tap_the");
	assert_string_equal(c->options[1].value, "ca_nhan");
	assert_string_equal(field_option_label(c, "ca_nhan"), "Cá nhân");
	assert_string_equal(field_option_label(c, "khong_co"), "khong_co");
	c = &f->columns[3];
	assert_int_equal(c->noptions, 3);
	assert_string_equal(c->options[2].value, "co_thi_dua_byt");
	assert_non_null(f->columns[2].required_if);
	assert_int_equal(f->nrow_rules, 2);
	template_free(t);
	store_close(db);
}

static void
test_install_twice(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct err e = {0};
	const char *src = builtin_source("bao-cao-nam");
	char *test_t = test_file("tests/templates/khao-sat-thu-1.json", NULL);

	/* store_prepare installed it already; again, twice, is fine and stores nothing new. */
	assert_int_equal(template_install(db, src, &e), ST_OK);
	assert_int_equal(template_install(db, src, &e), ST_OK);
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM template"), (int64_t)template_builtin_count());
	assert_int_equal(template_install(db, test_t, &e), ST_OK);
	assert_int_equal(template_install(db, test_t, &e), ST_OK);
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM template"), (int64_t)template_builtin_count() + 1);

	struct template *t = NULL;
	assert_int_equal(template_get(db, "khao-sat-thu", 1, &t, &e), ST_OK);
	assert_string_equal(t->id, "khao-sat-thu");
	assert_string_equal(t->source, test_t);
	template_free(t);
	assert_int_equal(template_get(db, "khao-sat-thu", 2, &t, &e), ST_REFUSED);
	assert_null(t);
	assert_non_null(strstr(e.msg, "khao-sat-thu"));
	free(test_t);
	store_close(db);
}

static void
test_install_different_text_refused(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct err e = {0};
	const char *src = builtin_source("bao-cao-nam");
	char *changed = xstrdup(src), *due = strstr(changed, "\"due\": \"12-05\"");
	assert_non_null(due);
	due[strlen("\"due\": \"12-0")] = '4'; /* one day earlier: a different template */

	assert_int_equal(template_install(db, changed, &e), ST_REFUSED);
	assert_non_null(strstr(e.msg, "bao-cao-nam"));
	char *stored = test_sql_text(db, "SELECT source FROM template WHERE id = 'bao-cao-nam'",
				     NULL, NULL);
	assert_string_equal(stored, src);
	free(stored);

	/* Even a change that only touches white space is a different text. */
	char *spaced = xasprintf("%s ", src);
	assert_int_equal(template_install(db, spaced, &e), ST_REFUSED);
	/* A new version of the same template is a new template. */
	char *v2 = mini(NULL, NULL, NULL), *v2b = mini(NULL, NULL, NULL);
	char *ver = strstr(v2b, "\"version\":1");
	assert_non_null(ver);
	ver[strlen("\"version\":")] = '2';
	assert_int_equal(template_install(db, v2, &e), ST_OK);
	assert_int_equal(template_install(db, v2b, &e), ST_OK);
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM template WHERE id = 'mini'"), 2);
	free(v2);
	free(v2b);
	free(spaced);
	free(changed);
	store_close(db);
}

struct broken {
	const char *name;
	const char *fields; /* added to section s */
	const char *when;   /* when of rule r1 on s.a */
	const char *msg;    /* message of rule r1 (vi and en) */
	const char *want;   /* in the error message */
	const char *where;  /* also in the error message */
};

static char *
broken_template(const struct broken *b)
{
	char *rules = NULL, *t;
	if (b->when || b->msg)
		rules = xasprintf("{`id`:`r1`,`field`:`s.a`,`level`:`error`,`when`:`%s`,"
				  "`message`:{`vi`:`%s`,`en`:`%s`}}",
				  b->when ? b->when : "s.a > 1", b->msg ? b->msg : "m",
				  b->msg ? b->msg : "m");
	t = mini(b->fields, rules, NULL);
	free(rules);
	return t;
}

static void
expect_refused(struct store *db, const char *name, const char *json, const char *want,
	       const char *where)
{
	struct template *t = (struct template *)&t;
	struct err e = {0};
	enum status st = template_parse(json, &t, &e);
	if (st != ST_REFUSED)
		fail_msg("%s: template_parse gave %d, wanted refusal", name, st);
	assert_null(t);
	if (strstr(e.msg, want) == NULL)
		fail_msg("%s: message \"%s\" does not say \"%s\"", name, e.msg, want);
	if (where && strstr(e.msg, where) == NULL)
		fail_msg("%s: message \"%s\" does not name \"%s\"", name, e.msg, where);
	/* Installing it is refused the same way, and stores nothing. */
	int64_t before = test_sql_int(db, "SELECT count(*) FROM template");
	assert_int_equal(template_install(db, json, &e), ST_REFUSED);
	assert_int_equal(test_sql_int(db, "SELECT count(*) FROM template"), before);
}

static void
test_broken_templates(void **state)
{
	(void)state;
	static const struct broken cases[] = {
		{"unknown field in expression", NULL, "s.zz > 1", NULL, "unknown field 's.zz'",
		 "rule r1"},
		{"int compared with text", NULL, "s.a = 'abc'", NULL, "cannot compare integer",
		 "rule r1"},
		{"text ordered against int", NULL, "s.t < 3", NULL, "cannot order text", "rule r1"},
		{"booleans ordered", NULL, "s.y < s.z", NULL, "cannot order boolean", "rule r1"},
		{"choice literal not an option", NULL, "s.c = 'w'", NULL,
		 "'w' is not an option of that field", "rule r1"},
		{"choice literal not an option, reversed", NULL, "'w' != s.c", NULL,
		 "'w' is not an option", "rule r1"},
		{"choice list item not an option", NULL, "s.c in ('x', 'w')", NULL,
		 "'w' is not an option", "rule r1"},
		{"expression not boolean", NULL, "s.a + 1", NULL,
		 "\"when\" must be a true/false expression", "rule r1"},
		{"text expression not boolean", NULL, "s.t", NULL,
		 "must be a true/false expression", "rule r1"},
		{"unterminated string", NULL, "s.t = 'abc", NULL, "unterminated text", "rule r1"},
		{"trailing garbage", NULL, "s.a > 1 s.b", NULL, "unexpected text after the end",
		 "rule r1"},
		{"trailing parenthesis", NULL, "s.a > 1)", NULL, "unexpected text after the end",
		 NULL},
		{"missing parenthesis", NULL, "(s.a > 1", NULL, "expected \")\"", NULL},
		{"empty expression", NULL, "", NULL, "unexpected end", NULL},
		{"unexpected character", NULL, "s.a > #", NULL, "unexpected character", NULL},
		{"unknown function", NULL, "len(s.t) > 1", NULL, "unknown function 'len'", NULL},
		{"year of a number", NULL, "year(s.a) = 2024", NULL, "year() takes a date", NULL},
		{"rows of a non-table", NULL, "rows(s.a) > 1", NULL, "rows() needs a table field",
		 NULL},
		{"table used as a value", NULL, "s.tab = 1", NULL, "'s.tab' is a table", NULL},
		{"and on numbers", NULL, "s.a and s.b", NULL, "and/or need true/false", NULL},
		{"not on a number", NULL, "not s.a", NULL, "'not' needs true/false", NULL},
		{"minus on text", NULL, "-s.t = 1", NULL, "'-' needs a number", NULL},
		{"arithmetic on text", NULL, "s.t + 1 = 2", NULL, "arithmetic needs numbers", NULL},
		{"number too large", NULL, "s.a > 99999999999999999999", NULL, "number too large",
		 NULL},
		{"in list of another type", NULL, "s.a in (1, 'x')", NULL,
		 "list item of another type", NULL},
		{"message names unknown field", NULL, NULL, "{s.zz} sai",
		 "message names unknown field {s.zz}", "rule r1"},
		{"message names a table", NULL, NULL, "{s.tab}",
		 "message names unknown field {s.tab}", NULL},
		{"message with unclosed brace", NULL, NULL, "{value", "unclosed {", NULL},
		{"unknown type", "{`id`:`s.q`,`type`:`float`,`label`:" LBL("Q") "}",
		 NULL, NULL, "unknown type \"float\"", "field s.q"},
		{"table as column", "{`id`:`s.q`,`type`:`table`,`label`:" LBL("Q") ",`columns`:["
		 "{`id`:`w`,`type`:`table`,`label`:" LBL("W") "}]}",
		 NULL, NULL, "unknown type \"table\"", "column w"},
		{"duplicate field id", "{`id`:`s.a`,`type`:`int`,`label`:" LBL("A2") "}", NULL,
		 NULL, "field given twice", "field s.a"},
		{"field id without section", "{`id`:`t.q`,`type`:`int`,`label`:" LBL("Q") "}",
		 NULL, NULL, "a field id must be <section id>.<name>", "field t.q"},
		{"field id of another section sharing the prefix",
		 "{`id`:`sx.q`,`type`:`int`,`label`:" LBL("Q") "}", NULL, NULL,
		 "a field id must be <section id>.<name>", "field sx.q"},
		{"field id without dot", "{`id`:`sq`,`type`:`int`,`label`:" LBL("Q") "}", NULL,
		 NULL, "<section id>.<name>", NULL},
		{"field id in capitals", "{`id`:`s.Q`,`type`:`int`,`label`:" LBL("Q") "}", NULL,
		 NULL, "<section id>.<name>", NULL},
		{"min above max", "{`id`:`s.q`,`type`:`int`,`label`:" LBL("Q") ",`min`:5,`max`:1}",
		 NULL, NULL, "\"min\" is larger than \"max\"", "field s.q"},
		{"max below default min", "{`id`:`s.q`,`type`:`money`,`label`:" LBL("Q")
		 ",`max`:-1}", NULL, NULL, "\"min\" is larger than \"max\"", NULL},
		{"min on text", "{`id`:`s.q`,`type`:`text`,`label`:" LBL("Q") ",`min`:1}", NULL,
		 NULL, "only for int and money", NULL},
		{"format on int", "{`id`:`s.q`,`type`:`int`,`label`:" LBL("Q")
		 ",`format`:`phone`}", NULL, NULL, "\"format\" only for text fields", "field s.q"},
		{"format on longtext", "{`id`:`s.q`,`type`:`longtext`,`label`:" LBL("Q")
		 ",`format`:`email`}", NULL, NULL, "\"format\" only for text fields", NULL},
		{"unknown format", "{`id`:`s.q`,`type`:`text`,`label`:" LBL("Q")
		 ",`format`:`url`}", NULL, NULL, "unknown format \"url\"", NULL},
		{"digits without phone", "{`id`:`s.q`,`type`:`text`,`label`:" LBL("Q")
		 ",`digits`:[8,15]}", NULL, NULL, "\"digits\" must be [min, max] on a phone field",
		 NULL},
		{"missing vi label", "{`id`:`s.q`,`type`:`int`,`label`:{`en`:`Q`}}", NULL, NULL,
		 "\"label\" must be {\"vi\": text, \"en\": text}", "field s.q"},
		{"missing label", "{`id`:`s.q`,`type`:`int`}", NULL, NULL, "missing \"label\"",
		 NULL},
		{"label not text", "{`id`:`s.q`,`type`:`int`,`label`:{`vi`:1,`en`:`Q`}}", NULL,
		 NULL, "\"label\" must be", NULL},
		{"choice without options", "{`id`:`s.q`,`type`:`choice`,`label`:" LBL("Q") "}",
		 NULL, NULL, "non-empty \"options\"", NULL},
		{"option twice", "{`id`:`s.q`,`type`:`choice`,`label`:" LBL("Q") ",`options`:["
		 "{`value`:`o`,`label`:" LBL("O") "},{`value`:`o`,`label`:" LBL("O") "}]}",
		 NULL, NULL, "option \"o\" given twice", NULL},
		{"options on int", "{`id`:`s.q`,`type`:`int`,`label`:" LBL("Q") ",`options`:[]}",
		 NULL, NULL, "\"options\" only for choice fields", NULL},
		{"not_after_today on text", "{`id`:`s.q`,`type`:`text`,`label`:" LBL("Q")
		 ",`not_after_today`:true}", NULL, NULL, "only for dates", NULL},
		{"required not boolean", "{`id`:`s.q`,`type`:`int`,`label`:" LBL("Q")
		 ",`required`:1}", NULL, NULL, "\"required\" must be true or false", NULL},
		{"required_if not boolean", "{`id`:`s.q`,`type`:`int`,`label`:" LBL("Q")
		 ",`required_if`:`s.a`}", NULL, NULL, "\"required_if\" must be a true/false", NULL},
		{"required_if unknown field", "{`id`:`s.q`,`type`:`int`,`label`:" LBL("Q")
		 ",`required_if`:`s.nope = 1`}", NULL, NULL, "unknown field 's.nope'", "field s.q"},
		{"table without columns", "{`id`:`s.q`,`type`:`table`,`label`:" LBL("Q") "}", NULL,
		 NULL, "non-empty \"columns\"", NULL},
		{"columns on a non-table", "{`id`:`s.q`,`type`:`int`,`label`:" LBL("Q")
		 ",`columns`:[]}", NULL, NULL, "only for tables", NULL},
		{"column twice", "{`id`:`s.q`,`type`:`table`,`label`:" LBL("Q") ",`columns`:["
		 "{`id`:`w`,`type`:`int`,`label`:" LBL("W") "},{`id`:`w`,`type`:`int`,`label`:"
		 LBL("W") "}]}", NULL, NULL, "column \"w\" given twice", NULL},
		{"rows out of order", "{`id`:`s.q`,`type`:`table`,`label`:" LBL("Q")
		 ",`min_rows`:5,`max_rows`:2,`columns`:[{`id`:`w`,`type`:`int`,`label`:" LBL("W")
		 "}]}", NULL, NULL, "min_rows <= max_rows", NULL},
		{"max_length zero",
		 "{`id`:`s.q`,`type`:`text`,`label`:" LBL("Q") ",`max_length`:0}", NULL, NULL,
		 "\"max_length\" must be 1..100000", NULL},
	};
	struct store *db = test_db();
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *json = broken_template(&cases[i]);
		expect_refused(db, cases[i].name, json, cases[i].want, cases[i].where);
		free(json);
	}
	store_close(db);
}

/* Broken at the top level, or in rules rather than fields. */
static void
test_broken_template_structure(void **state)
{
	(void)state;
	static const struct {
		const char *name, *json, *want;
	} cases[] = {
		{"not JSON", "{`format`:1,", "template: "},
		{"not an object", "[1, 2]", "must be a JSON object"},
		{"wrong format", "{`format`:2,`id`:`m`}", "\"format\" must be 1"},
		{"bad id", "{`format`:1,`id`:`Mini`}", "bad id \"Mini\""},
		{"bad version", "{`format`:1,`id`:`m`,`version`:0}",
		 "\"version\" must be a positive"},
		{"bad due", "{`format`:1,`id`:`m`,`version`:1,`title`:" LBL("M") ",`due`:`13-01`}",
		 "\"due\" must be MM-DD"},
		{"no sections", "{`format`:1,`id`:`m`,`version`:1,`title`:" LBL("M")
		 ",`due`:`12-05`,`sections`:[]}",
		 "non-empty \"sections\""},
		{"empty section", "{`format`:1,`id`:`m`,`version`:1,`title`:" LBL("M")
		 ",`due`:`12-05`,`sections`:[{`id`:`s`,`title`:" LBL("S") ",`fields`:[]}]}",
		 "non-empty \"fields\""},
		{"section twice", "{`format`:1,`id`:`m`,`version`:1,`title`:" LBL("M")
		 ",`due`:`12-05`,`sections`:[{`id`:`s`,`title`:" LBL("S") ",`fields`:["
		 "{`id`:`s.a`,`type`:`int`,`label`:" LBL("A") "}]},{`id`:`s`,`title`:" LBL("S")
		 ",`fields`:[{`id`:`s.b`,`type`:`int`,`label`:" LBL("B") "}]}]}",
		 "section given twice"},
		{"duplicate JSON key", "{`format`:1,`format`:1}", "xuất hiện hai lần"},
	};
	struct store *db = test_db();
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *json = jq(cases[i].json);
		expect_refused(db, cases[i].name, json, cases[i].want, NULL);
		free(json);
	}
	/* Rules: level, field, duplicate ids, row rules naming a column that is not there. */
	char *r1 = rule("r1", "s.a", "s.a > 1"), *r2 = rule("r1", "s.b", "s.b > 1");
	char *both = xasprintf("%s,%s", r1, r2), *json = mini(NULL, both, NULL);
	expect_refused(db, "rule given twice", json, "rule \"r1\" given twice", NULL);
	free(json);
	free(both);
	char *unknown = rule("r9", "s.nope", "s.a > 1");
	json = mini(NULL, unknown, NULL);
	expect_refused(db, "rule on unknown field", json, "unknown field \"s.nope\"", "rule r9");
	free(json);
	free(unknown);
	char *lv = jq("{`id`:`r1`,`field`:`s.a`,`level`:`fatal`,`when`:`true`,"
		      "`message`:{`vi`:`m`,`en`:`m`}}");
	json = mini(NULL, lv, NULL);
	expect_refused(db, "unknown level", json, "level must be \"error\" or \"warning\"", NULL);
	free(json);
	free(lv);
	char *nowhen =
		jq("{`id`:`r1`,`field`:`s.a`,`level`:`error`,`message`:{`vi`:`m`,`en`:`m`}}");
	json = mini(NULL, nowhen, NULL);
	expect_refused(db, "rule without when", json, "missing \"when\"", NULL);
	free(json);
	free(nowhen);
	char *rr = rule("rr", "v", "nope > 1");
	json = mini(NULL, NULL, rr);
	expect_refused(db, "row rule on unknown column", json, "unknown field 'nope'", NULL);
	free(json);
	free(rr);
	/* A column is not visible outside its table's row rules. */
	char *outside = rule("r1", "s.a", "v > 1");
	json = mini(NULL, outside, NULL);
	expect_refused(db, "column outside its table", json, "unknown field 'v'", NULL);
	free(json);
	free(outside);
	free(r1);
	free(r2);
	store_close(db);
}

static char *
repeat(const char *unit, size_t n)
{
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < n; i++)
		buf_adds(&b, unit);
	return buf_steal(&b);
}

/* Deep nesting is refused with a message; it must never exhaust the stack. */
static void
test_deep_expressions(void **state)
{
	(void)state;
	struct store *db = test_db();
	char *open = repeat("(", 200), *close = repeat(")", 200);
	char *when = xasprintf("%ss.a > 1%s", open, close);
	char *r = rule("r1", "s.a", when), *json = mini(NULL, r, NULL);
	expect_refused(db, "200 parentheses", json, "nested too deeply", NULL);
	free(json);
	free(r);
	free(when);

	/* Unbalanced, and very deep: still a message, not a crash. */
	free(open);
	open = repeat("(", 100000);
	when = xasprintf("%ss.a > 1", open);
	r = rule("r1", "s.a", when);
	json = mini(NULL, r, NULL);
	expect_refused(db, "100000 open parentheses", json, "longer than 4096", NULL);
	free(json);
	free(r);
	free(when);

	char *nots = repeat("not ", 200);
	when = xasprintf("%ss.a > 1", nots);
	r = rule("r1", "s.a", when);
	json = mini(NULL, r, NULL);
	expect_refused(db, "200 nots", json, "nested too deeply", NULL);
	free(json);
	free(r);
	free(when);
	free(nots);

	char *minus = repeat("-", 100000);
	when = xasprintf("%s1 > 1", minus);
	r = rule("r1", "s.a", when);
	json = mini(NULL, r, NULL);
	expect_refused(db, "100000 minus signs", json, "longer than 4096", NULL);
	free(json);
	free(r);
	free(when);
	free(minus);

	/* Nesting within the limit is fine. */
	free(open);
	free(close);
	open = repeat("(", 30);
	close = repeat(")", 30);
	when = xasprintf("%ss.a > 1%s", open, close);
	r = rule("r1", "s.a", when);
	json = mini(NULL, r, NULL);
	struct template *t = parse_ok(json);
	template_free(t);
	free(json);
	free(r);
	free(when);
	free(open);
	free(close);
	store_close(db);
}

/* Installs a mini template with these rules and row rules on a fresh database. */
static struct store *
db_with(const char *rules, const char *row_rules)
{
	struct store *db = test_db();
	struct err e = {0};
	char *json = mini(NULL, rules, row_rules);
	if (template_install(db, json, &e) != ST_OK)
		fail_msg("%s", e.msg);
	free(json);
	return db;
}

/* Loads a report of the mini template (values and tables as JSON members, ` for ") and
 * returns the ids of the rules it raises, in order, joined by spaces. */
static char *
fired(struct store *db, const char *members)
{
	char *raw = xasprintf("{`template`:`mini`,`template_version`:1,`year`:2024%s%s}",
			      members[0] ? "," : "", members);
	char *text = jq(raw);
	struct report *r = NULL;
	struct err e = {0};
	struct findings f;
	struct buf b;
	if (report_from_json(db, text, strlen(text), 2024, &r, &e) != ST_OK)
		fail_msg("report_from_json(%s): %s", text, e.msg);
	validate_report(r, "2024-12-01", &f);
	buf_init(&b);
	buf_adds(&b, "");
	for (size_t i = 0; i < f.n; i++)
		if (f.items[i].rule_id)
			buf_printf(&b, "%s%s", b.len ? " " : "", f.items[i].rule_id);
	findings_free(&f);
	report_free(r);
	free(text);
	free(raw);
	return buf_steal(&b);
}

struct eval_case {
	const char *members;
	const char *want;
};

static void
run_eval(const char *const *whens, size_t nwhens, const struct eval_case *cases, size_t ncases)
{
	struct buf rules;
	buf_init(&rules);
	for (size_t i = 0; i < nwhens; i++) {
		char id[16];
		snprintf(id, sizeof id, "r%zu", i + 1);
		char *r = rule(id, "s.a", whens[i]);
		buf_printf(&rules, "%s%s", i ? "," : "", r);
		free(r);
	}
	struct store *db = db_with(rules.data, NULL);
	for (size_t i = 0; i < ncases; i++) {
		char *got = fired(db, cases[i].members);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("values %s: rules raised \"%s\", wanted \"%s\"", cases[i].members,
				 got, cases[i].want);
		free(got);
	}
	buf_free(&rules);
	store_close(db);
}

/* A rule over an absent value waits: null propagates through comparison and arithmetic. */
static void
test_eval_null(void **state)
{
	(void)state;
	static const char *const whens[] = {
		"s.a > 1",          /* r1 */
		"not (s.a > 1)",    /* r2 */
		"s.a != 5",         /* r3 */
		"s.a + 1 > 0",      /* r4 */
		"-s.a < 0",         /* r5 */
		"s.t = 'abc'",      /* r6 */
		"s.d < '2024-06-01'", /* r7 */
		"s.y = true",       /* r8 */
	};
	static const struct eval_case cases[] = {
		{"", ""},
		{"`values`:{`s.a`:null,`s.t`:``,`s.d`:``}", ""},
		{"`values`:{`s.a`:2}", "r1 r3 r4 r5"},
		{"`values`:{`s.a`:0}", "r2 r3 r4"},
		{"`values`:{`s.a`:5}", "r1 r4 r5"},
		{"`values`:{`s.t`:`abc`,`s.d`:`2024-01-31`,`s.y`:true}", "r6 r7 r8"},
		{"`values`:{`s.t`:`abd`,`s.d`:`2024-06-01`,`s.y`:false}", ""},
	};
	run_eval(whens, ARRAY_LEN(whens), cases, ARRAY_LEN(cases));
}

/* and/or follow three-valued logic: false and null is false, true or null is true. */
static void
test_eval_three_valued(void **state)
{
	(void)state;
	static const char *const whens[] = {
		"not (s.y and s.a > 0)", /* r1: false when s.y = true and a > 0 */
		"s.y or s.a > 0",        /* r2 */
		"s.y and s.a > 0",       /* r3 */
		"not (s.y or s.a > 0)",  /* r4 */
		"s.a > 0 and s.y",       /* r5: the same from the other side */
		"s.a > 0 or s.y",        /* r6 */
		"not (s.a > 0 and s.y)", /* r7 */
	};
	static const struct eval_case cases[] = {
		/* y false, a null: false and null = false; false or null = null. */
		{"`values`:{`s.y`:false}", "r1 r7"},
		/* y true, a null: true and null = null; true or null = true. */
		{"`values`:{`s.y`:true}", "r2 r6"},
		/* both null: everything null. */
		{"", ""},
		{"`values`:{`s.y`:true,`s.a`:1}", "r2 r3 r5 r6"},
		{"`values`:{`s.y`:false,`s.a`:0}", "r1 r4 r7"},
		{"`values`:{`s.y`:false,`s.a`:1}", "r1 r2 r6 r7"},
		/* y null, a decides alone when it is false or true enough. */
		{"`values`:{`s.a`:0}", "r1 r7"},
		{"`values`:{`s.a`:3}", "r2 r6"},
	};
	run_eval(whens, ARRAY_LEN(whens), cases, ARRAY_LEN(cases));
}

static void
test_eval_in(void **state)
{
	(void)state;
	static const char *const whens[] = {
		"s.c in ('x', 'y')",     /* r1 */
		"s.c not in ('x', 'y')", /* r2 */
		"s.b in (1, 2, 3)",      /* r3 */
		"s.b not in (1, 2, 3)",  /* r4 */
		"s.b in (s.a, s.a + 1)", /* r5: items are expressions */
		"s.t in ('a')",          /* r6 */
		"s.b not in (s.a, 1)",   /* r7: an absent item makes it unknown, not true */
	};
	static const struct eval_case cases[] = {
		{"`values`:{`s.c`:`x`,`s.b`:1}", "r1 r3"},
		{"`values`:{`s.c`:`y`,`s.b`:3}", "r1 r3"},
		{"`values`:{`s.c`:`z`,`s.b`:4}", "r2 r4"},
		{"`values`:{`s.b`:4,`s.a`:3}", "r4 r5 r7"},
		{"`values`:{`s.b`:5,`s.a`:3,`s.t`:`a`}", "r4 r6 r7"},
		{"`values`:{`s.b`:1,`s.a`:3}", "r3"},
		/* Absent on the left, or an absent item: null, neither in nor not in. */
		{"", ""},
		{"`values`:{`s.b`:9}", "r4"},
		{"`values`:{`s.t`:`b`}", ""},
	};
	run_eval(whens, ARRAY_LEN(whens), cases, ARRAY_LEN(cases));
}

static void
test_eval_functions(void **state)
{
	(void)state;
	static const char *const whens[] = {
		"year(s.d) = report_year",     /* r1 */
		"year(s.d) = report_year + 1", /* r2 */
		"present(s.a)",                /* r3 */
		"not present(s.a)",            /* r4 */
		"present(s.a + s.b)",          /* r5 */
		"rows(s.tab) = 2",             /* r6 */
		"rows(s.tab) = 0",             /* r7 */
		"s.d > today",                 /* r8 */
		"year(today) = 2024",          /* r9 */
	};
	static const struct eval_case cases[] = {
		{"", "r4 r7 r9"},
		{"`values`:{`s.d`:`2024-03-01`,`s.a`:0}", "r1 r3 r7 r9"},
		{"`values`:{`s.d`:`2025-01-02`,`s.a`:1,`s.b`:2},`tables`:{`s.tab`:[{},{}]}",
		 "r2 r3 r5 r6 r8 r9"},
		{"`values`:{`s.d`:`2023-12-31`},`tables`:{`s.tab`:[{`k`:`p`}]}", "r4 r9"},
		{"`tables`:{`s.tab`:null}", "r4 r7 r9"},
	};
	run_eval(whens, ARRAY_LEN(whens), cases, ARRAY_LEN(cases));
}

/* Arithmetic that overflows gives null: no finding, and no undefined behaviour. */
static void
test_eval_overflow(void **state)
{
	(void)state;
	static const char *const whens[] = {
		"s.b * s.b > 0",     /* r1 */
		"s.b + s.b > 0",     /* r2 */
		"0 - s.b - s.b < 0", /* r3 */
		"-s.b < 0",          /* r4 */
		"s.b * 0 = 0",       /* r5 */
		"s.b - 1 < s.b",     /* r6 */
	};
	static const struct eval_case cases[] = {
		{"`values`:{`s.b`:3}", "r1 r2 r3 r4 r5 r6"},
		{"`values`:{`s.b`:9000000000000000000}", "r4 r5 r6"},
		{"`values`:{`s.b`:9223372036854775807}", "r4 r5 r6"},
		{"`values`:{`s.b`:-9223372036854775808}", "r5"},
		{"`values`:{`s.b`:4294967296}", "r2 r3 r4 r5 r6"},
	};
	run_eval(whens, ARRAY_LEN(whens), cases, ARRAY_LEN(cases));
}

/* The Ministry's own rule multiplies a clerk's number by 50: a huge staff count must not
 * crash it or raise it. */
static void
test_builtin_rule_overflow(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct err e = {0};
	struct report *r;
	struct findings f;
	char *base = test_file("tests/data/bao-cao-mau.json", NULL);
	char *text = test_sql_text(db,
				   "SELECT json_patch(?1, '{\"values\":{"
				   "\"chung.tong_so_nguoi\":9223372036854775807,"
				   "\"dao_tao.luot_hoc\":9223372036854775807}}')",
				   base, NULL);
	assert_int_equal(report_from_json(db, text, strlen(text), 2024, &r, &e), ST_OK);
	validate_report(r, "2024-12-01", &f);
	for (size_t i = 0; i < f.n; i++)
		if (f.items[i].rule_id)
			assert_string_not_equal(f.items[i].rule_id, "dao_tao.luot_hoc_qua_lon");
	/* The values are out of range, which validation says. */
	assert_true(f.errors >= 2);
	findings_free(&f);
	report_free(r);
	free(text);
	free(base);
	store_close(db);
}

/* Row rules see the row's columns; messages fill their placeholders. */
static void
test_row_rules_and_messages(void **state)
{
	(void)state;
	char *rr = jq("{`id`:`rr`,`field`:`v`,`level`:`error`,`when`:`k = 'q' and v > 10`,"
		      "`message`:{`vi`:`dòng {row}: {label:k} {k}, {label} {value}, A {s.a}`,"
		      "`en`:`row {row}: {label:k} {k}, {label} {value}, A {s.a}`}}");
	char *r1 = jq("{`id`:`r1`,`field`:`s.a`,`level`:`warning`,`when`:`s.a > s.b`,"
		      "`message`:{`vi`:`{label}={value}; {label:s.b}={s.b}; {label:s.c}={s.c}`,"
		      "`en`:`{label}={value}; {label:s.b}={s.b}`}}");
	struct store *db = db_with(r1, rr);
	char *text = jq("{`template`:`mini`,`template_version`:1,`year`:2024,"
			"`values`:{`s.a`:1500,`s.b`:-2,`s.c`:`y`},"
			"`tables`:{`s.tab`:[{`k`:`q`,`v`:5},{`k`:`q`,`v`:11},{`k`:`p`,`v`:99},"
			"{`v`:50}]}}");
	struct report *r;
	struct err e = {0};
	struct findings f;
	assert_int_equal(report_from_json(db, text, strlen(text), 2024, &r, &e), ST_OK);
	validate_report(r, "2024-12-01", &f);
	size_t seen = 0;
	for (size_t i = 0; i < f.n; i++) {
		const struct finding *x = &f.items[i];
		if (x->rule_id == NULL)
			continue;
		seen++;
		if (strcmp(x->rule_id, "rr") == 0) {
			assert_int_equal(x->level, LV_ERROR);
			assert_int_equal(x->row, 2);
			assert_int_equal(x->column, 1);
			assert_string_equal(x->path, "s.tab[2].v");
			assert_string_equal(x->message, "Tab, dòng 2: dòng 2: K Q, V 11, A 1.500");
		} else {
			assert_string_equal(x->rule_id, "r1");
			assert_int_equal(x->level, LV_WARNING);
			assert_string_equal(x->path, "s.a");
			assert_string_equal(x->message, "A=1.500; B=-2; C=Iy");
		}
	}
	assert_int_equal(seen, 2);
	findings_free(&f);
	report_free(r);
	free(text);
	free(rr);
	free(r1);
	store_close(db);
}

/* The clerk's search: the ids of what query finds in the yearly template, joined by spaces. */
static char *
found(const struct template *t, const char *query, size_t max)
{
	int idx[64];
	struct buf b;
	buf_init(&b);
	size_t n = template_find(t, query, idx, max < 64 ? max : 64);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? " " : "", t->fields[idx[i]].id);
	return b.data ? b.data : xstrdup("");
}

static void
test_find_field(void **state)
{
	(void)state;
	struct template *t = parse_ok(builtin_source("bao-cao-nam"));
	char *s;
	/* Without diacritics, with them, in capitals: the same fields. */
	s = found(t, "nguoi ky", 64);
	assert_string_equal(s, "chung.nguoi_ky chung.chuc_vu_nguoi_ky");
	free(s);
	s = found(t, "NGƯỜI KÝ", 64);
	assert_string_equal(s, "chung.nguoi_ky chung.chuc_vu_nguoi_ky");
	free(s);
	s = found(t, "Người Ký (Thủ", 64);
	assert_string_equal(s, "chung.nguoi_ky");
	free(s);
	/* Đ is a letter of its own, folded to d. */
	s = found(t, "dien thoai", 64);
	assert_string_equal(s, "chung.dien_thoai");
	free(s);
	/* By id, whole or in part, and by the English label. */
	s = found(t, "chung.email", 64);
	assert_string_equal(s, "chung.email");
	free(s);
	s = found(t, "tu_danh_gia.tc3", 64);
	assert_string_equal(s, "tu_danh_gia.tc3");
	free(s);
	s = found(t, "signatory", 64);
	assert_string_equal(s, "chung.chuc_vu_nguoi_ky");
	free(s);
	/* Several words, each anywhere in the label, in any order. */
	s = found(t, "  khen   tap the  ", 64);
	assert_string_equal(s, "khen_thuong.tap_the");
	free(s);
	s = found(t, "ky nang so luot", 64);
	assert_string_equal(s, "dao_tao.luot_ky_nang_so");
	free(s);
	/* No match, an empty query, and a cap on how many are written. */
	s = found(t, "khong co muc nay", 64);
	assert_string_equal(s, "");
	free(s);
	s = found(t, "   ", 64);
	assert_string_equal(s, "");
	free(s);
	s = found(t, "so", 2);
	assert_int_equal(strchr(s, ' ') != NULL && strchr(strchr(s, ' ') + 1, ' ') == NULL, 1);
	free(s);
	template_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_ids),
		cmocka_unit_test(test_builtin_field_types),
		cmocka_unit_test(test_install_twice),
		cmocka_unit_test(test_install_different_text_refused),
		cmocka_unit_test(test_broken_templates),
		cmocka_unit_test(test_broken_template_structure),
		cmocka_unit_test(test_deep_expressions),
		cmocka_unit_test(test_eval_null),
		cmocka_unit_test(test_eval_three_valued),
		cmocka_unit_test(test_eval_in),
		cmocka_unit_test(test_eval_functions),
		cmocka_unit_test(test_eval_overflow),
		cmocka_unit_test(test_builtin_rule_overflow),
		cmocka_unit_test(test_row_rules_and_messages),
		cmocka_unit_test(test_find_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
