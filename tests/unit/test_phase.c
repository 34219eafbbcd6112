/* test_phase.c: the phase reviews: their templates checked against the yearly one, "prefill"
 * refused where it does not fit, and a review pre-filled from yearly reports: sums equal to
 * those computed here from the reports themselves, every row gathered, a missing year said. */
#include "testlib.h"

#include "i18n.h"
#include "phase.h"
#include "report.h"

/* The sample report stored for year y, its figures scaled by factor (each year different). */
static void
load_year(struct store *db, int y, int factor)
{
	size_t len;
	char *text = test_file("tests/data/bao-cao-mau.json", &len);
	struct report *r = NULL;
	struct err e = {0};
	assert_int_equal(report_from_json(db, text, len, 0, &r, &e), ST_OK);
	r->year = y;
	for (size_t i = 0; i < r->t->nfields; i++)
		if ((r->t->fields[i].type == F_INT || r->t->fields[i].type == F_MONEY) &&
		    r->values[i].k == V_INT)
			r->values[i].i = r->values[i].i * factor + y % 10;
	int tc1 = template_field(r->t, "tu_danh_gia.tc1");
	r->values[tc1] = (struct value){V_BOOL, y == 2024, NULL};
	assert_int_equal(store_begin(db, &e), ST_OK);
	assert_int_equal(report_save(db, r, &e), ST_OK);
	assert_int_equal(store_commit(db, &e), ST_OK);
	report_free(r);
	free(text);
}

static void
check_against_years(struct store *db, const struct phase_fill *p, const int *years, size_t n)
{
	const struct template *t = p->r->t;
	for (size_t i = 0; i < t->nfields; i++) {
		const struct field *f = &t->fields[i];
		int64_t want = 0;
		size_t rows = 0, answered = 0;
		if (!f->prefill)
			continue;
		assert_non_null(p->from[i]);
		for (size_t k = 0; k < n; k++) {
			struct report *y = NULL;
			struct err e = {0};
			assert_int_equal(report_read(db, years[k], 0, &y, &e), ST_OK);
			int s = template_field(y->t, f->prefill_from);
			assert_true(s >= 0);
			answered += y->values[s].k != V_NULL;
			if (f->prefill == PF_SUM)
				want += y->values[s].i;
			else if (f->prefill == PF_COUNT)
				want += y->values[s].k == V_BOOL && y->values[s].i;
			else if (f->prefill == PF_ROWS) {
				const struct field *sf = &y->t->fields[s];
				for (size_t j = 0; j < y->tables[s].n; j++, rows++) {
					const struct value *got = p->r->tables[i].rows[rows].cells;
					assert_int_equal(got[f->prefill_year_column].i, years[k]);
					int c = field_column(f, sf->columns[0].id);
					assert_string_equal(got[c].s,
							    y->tables[s].rows[j].cells[0].s);
				}
			}
			report_free(y);
		}
		if (f->prefill == PF_SUM || f->prefill == PF_COUNT) {
			assert_int_equal(p->r->values[i].k, answered ? V_INT : V_NULL);
			assert_int_equal(p->r->values[i].i, want);
		} else if (f->prefill == PF_ROWS)
			assert_int_equal(p->r->tables[i].n, rows);
	}
}

static void
test_prefill_three_years(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct template *t = NULL;
	struct phase_fill p;
	struct err e = {0};
	int years[] = {2023, 2024, 2025};
	ui_lang = LANG_VI;
	for (size_t k = 0; k < 3; k++)
		load_year(db, years[k], (int)k + 1);
	assert_int_equal(phase_template(db, 2023, 2025, &t, &e), ST_OK);
	assert_string_equal(t->id, "so-ket-2023-2025");
	assert_int_equal(phase_prefill(db, t, &p, &e), ST_OK);
	assert_int_equal(p.r->year, 2025);
	assert_int_equal(p.nmissing, 0);
	check_against_years(db, &p, years, 3);
	int f = template_field(t, "chi_tieu.luot_hoc");
	assert_string_equal(p.from[f], "2023: 5.243, 2024: 10.484, 2025: 15.725");
	assert_int_equal(p.r->values[f].i, 5243 + 10484 + 15725);
	f = template_field(t, "tieu_chi.tc1_so_nam");
	assert_int_equal(p.r->values[f].i, 1);
	/* Its JSON reads back as the review, the report of its closing year only (a bundle's
	 * year is the phase's last). */
	struct buf json;
	struct report *back = NULL;
	buf_init(&json);
	report_to_json(p.r, &json);
	assert_int_equal(report_from_json(db, json.data, json.len, 2025, &back, &e), ST_OK);
	assert_int_equal(report_phase_first(back), 2023);
	assert_int_equal(back->values[f].i, 1);
	report_free(back);
	char *moved = strstr(json.data, "\"year\": 2025");
	assert_non_null(moved);
	memcpy(moved + 8, "2024", 4);
	assert_int_equal(report_from_json(db, json.data, json.len, 0, &back, &e), ST_REFUSED);
	assert_non_null(strstr(e.msg, "giai đoạn 2023-2025, không phải của năm 2024"));
	assert_null(back);
	buf_free(&json);
	f = template_field(t, "kien_nghi.kho_khan");
	assert_non_null(strstr(p.r->values[f].s, "2023: "));
	assert_non_null(strstr(p.r->values[f].s, "\n2025: "));
	phase_fill_free(&p);
	template_free(t);
	store_close(db);
}

static void
test_prefill_missing_year(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct template *t = NULL;
	struct phase_fill p;
	struct err e = {0};
	int years[] = {2023, 2025};
	ui_lang = LANG_VI;
	load_year(db, 2023, 1);
	load_year(db, 2025, 2);
	assert_int_equal(phase_template(db, 2023, 2030, &t, &e), ST_OK);
	assert_int_equal(phase_prefill(db, t, &p, &e), ST_OK);
	assert_int_equal(p.nmissing, 6);
	assert_int_equal(p.missing[0], 2024);
	check_against_years(db, &p, years, 2);
	int f = template_field(t, "chi_tieu.luot_hoc");
	assert_string_equal(p.from[f], "2023: 5.243, 2025: 10.485; thiếu báo cáo năm 2024, 2026, "
				       "2027, 2028, 2029, 2030");
	assert_non_null(strstr(p.sources, "\n2024: chưa có báo cáo\n"));
	f = template_field(t, "chung.nguoi_ky");
	assert_string_equal(p.from[f],
			    "từ năm 2025; thiếu báo cáo năm 2024, 2026, 2027, 2028, 2029, 2030");
	phase_fill_free(&p);
	/* No yearly report at all: nothing filled, every year missing. */
	struct store *empty = test_db();
	assert_int_equal(phase_prefill(empty, t, &p, &e), ST_OK);
	assert_int_equal(p.nmissing, 8);
	assert_int_equal(p.r->values[f].k, V_NULL);
	phase_fill_free(&p);
	store_close(empty);
	template_free(t);
	store_close(db);
}

/* A year on a newer yearly template without one of the fields (renamed in version 2): the
 * field takes the other years and says what that year's template lacks; the rest is read. */
static void
test_prefill_version_without_field(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct template *t = NULL;
	struct phase_fill p;
	struct err e = {0};
	struct buf v2;
	const char *src = NULL;
	ui_lang = LANG_VI;
	for (size_t i = 0; i < template_builtin_count(); i++)
		if (strstr(template_builtin_source(i), "\"id\": \"bao-cao-nam\""))
			src = template_builtin_source(i);
	assert_non_null(src);
	/* Version 2: dao_tao.hoc_lieu_so renamed dao_tao.hoc_lieu_moi. */
	buf_init(&v2);
	for (const char *s = src; *s;) {
		const char *hit = strstr(s, "dao_tao.hoc_lieu_so"),
			   *ver = strstr(s, "\"version\": 1,");
		const char *next = hit && (!ver || hit < ver) ? hit : ver;
		if (next == NULL) {
			buf_adds(&v2, s);
			break;
		}
		buf_add(&v2, s, (size_t)(next - s));
		buf_adds(&v2, next == hit ? "dao_tao.hoc_lieu_moi" : "\"version\": 2,");
		s = next +
		    (next == hit ? strlen("dao_tao.hoc_lieu_so") : strlen("\"version\": 1,"));
	}
	assert_int_equal(template_install(db, v2.data, &e), ST_OK);
	buf_free(&v2);
	load_year(db, 2023, 1);
	load_year(db, 2024, 2);
	/* 2025 started on the newest yearly template (version 2), two figures given. */
	struct report *r = NULL;
	assert_int_equal(report_open_or_new(db, 2025, 0, &r, &e), ST_OK);
	assert_int_equal(r->t->version, 2);
	r->values[template_field(r->t, "dao_tao.luot_hoc")] = (struct value){V_INT, 100, NULL};
	r->values[template_field(r->t, "dao_tao.hoc_lieu_moi")] = (struct value){V_INT, 7, NULL};
	assert_int_equal(store_begin(db, &e), ST_OK);
	assert_int_equal(report_save(db, r, &e), ST_OK);
	assert_int_equal(store_commit(db, &e), ST_OK);
	report_free(r);

	assert_int_equal(phase_template(db, 2023, 2025, &t, &e), ST_OK);
	assert_int_equal(phase_prefill(db, t, &p, &e), ST_OK);
	int f = template_field(t, "chi_tieu.hoc_lieu_so");
	assert_int_equal(p.r->values[f].i, (24 + 3) + (48 + 4));
	assert_string_equal(p.from[f],
			    "2023: 27, 2024: 52, 2025: mẫu bao-cao-nam phiên bản 2 không "
			    "có mục dao_tao.hoc_lieu_so");
	f = template_field(t, "chi_tieu.luot_hoc");
	assert_int_equal(p.r->values[f].i, 5243 + 10484 + 100);
	phase_fill_free(&p);
	template_free(t);
	store_close(db);
}

/* Each built-in phase review fits the built-in yearly template; prefill where it cannot fit is
 * refused with its reason. */
static void
test_prefill_checked(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct template *y = NULL, *t = NULL;
	struct err e = {0};
	assert_int_equal(template_get(db, TEMPLATE_YEARLY, 1, &y, &e), ST_OK);
	for (size_t i = 0; i < template_builtin_count(); i++) {
		assert_int_equal(template_parse(template_builtin_source(i), &t, &e), ST_OK);
		if (t->phase_first)
			assert_int_equal(template_check_prefill(t, y, &e), ST_OK);
		template_free(t);
	}
	static const struct {
		const char *phase, *field, *says;
	} bad[] = {
	    {"", "{\"how\": \"sum\", \"from\": \"a.b\"}", "only on a field of a phase review"},
	    {",\"phase\":{\"first\":2023,\"last\":2025,\"source\":\"bao-cao-nam\"}",
	     "{\"how\": \"rows\", \"from\": \"a.b\"}", "does not fit this type"},
	    {",\"phase\":{\"first\":2023,\"last\":2025,\"source\":\"bao-cao-nam\"}",
	     "{\"how\": \"mean\", \"from\": \"a.b\"}", "unknown \"prefill\" way \"mean\""},
	    {",\"phase\":{\"first\":2025,\"last\":2023,\"source\":\"bao-cao-nam\"}",
	     "{\"how\": \"sum\", \"from\": \"a.b\"}", "\"phase\" needs years"},
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		char *src =
		    xasprintf("{\"format\":1,\"id\":\"x\",\"version\":1,\"title\":{\"vi\":\"x\","
			      "\"en\":\"x\"},\"due\":\"12-05\"%s,\"sections\":[{\"id\":\"s\","
			      "\"title\":{\"vi\":\"s\",\"en\":\"s\"},\"fields\":[{\"id\":\"s.n\","
			      "\"type\":\"int\",\"label\":{\"vi\":\"n\",\"en\":\"n\"},"
			      "\"prefill\":%s}]}]}",
			      bad[i].phase, bad[i].field);
		assert_int_equal(template_parse(src, &t, &e), ST_REFUSED);
		if (strstr(e.msg, bad[i].says) == NULL)
			fail_msg("case %zu: %s", i, e.msg);
		free(src);
	}
	/* A source field the yearly template lacks, or of another type. */
	char *src =
	    xasprintf("{\"format\":1,\"id\":\"x\",\"version\":1,\"title\":{\"vi\":\"x\","
		      "\"en\":\"x\"},\"due\":\"12-05\",\"phase\":{\"first\":2023,\"last\":2025,"
		      "\"source\":\"bao-cao-nam\"},\"sections\":[{\"id\":\"s\",\"title\":{\"vi\":"
		      "\"s\",\"en\":\"s\"},\"fields\":[{\"id\":\"s.n\",\"type\":\"int\",\"label\":"
		      "{\"vi\":\"n\",\"en\":\"n\"},\"prefill\":{\"how\":\"sum\",\"from\":"
		      "\"chung.nguoi_ky\"}},{\"id\":\"s.m\",\"type\":\"int\",\"label\":{\"vi\":"
		      "\"m\",\"en\":\"m\"},\"prefill\":{\"how\":\"sum\",\"from\":\"a.b\"}}]}]}");
	assert_int_equal(template_parse(src, &t, &e), ST_OK);
	assert_int_equal(template_check_prefill(t, y, &e), ST_REFUSED);
	assert_non_null(strstr(
	    e.msg, "mục s.n: \"prefill\" sum từ chung.nguoi_ky: một mục (hoặc cột) khác kiểu"));
	template_free(t);
	free(src);
	template_free(y);
	store_close(db);
}

/* The central holds the phase reviews too (built in), so that it can read them when they come. */
static void
test_central_holds_them(void **state)
{
	(void)state;
	struct store *db = NULL;
	struct template *t = NULL;
	struct err e = {0};
	assert_int_equal(store_open_memory(STORE_CENTRAL, &db, &e), ST_OK);
	assert_int_equal(phase_template(db, 2023, 2025, &t, &e), ST_OK);
	assert_string_equal(t->id, "so-ket-2023-2025");
	template_free(t);
	assert_int_equal(phase_template(db, 0, 2030, &t, &e), ST_OK);
	assert_string_equal(t->id, "tong-ket-2023-2030");
	template_free(t);
	assert_int_equal(phase_template(db, 0, 2024, &t, &e), ST_REFUSED);
	assert_non_null(strstr(e.msg, "2023-2025, 2023-2030"));
	/* The phases held, each once, by closing year (the desk's phase board steps through them). */
	struct phase_span spans[PHASE_SPANS_MAX];
	size_t n = 0;
	assert_int_equal(phase_spans(db, spans, &n, &e), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(spans[0].first, 2023);
	assert_int_equal(spans[0].last, 2025);
	assert_int_equal(spans[1].first, 2023);
	assert_int_equal(spans[1].last, 2030);
	store_close(db);
}


/* Started, the review keeps its provenance in both languages; a field the clerk sets says it
 * was changed from the sum, and filling again after a yearly report changed takes the new
 * figures everywhere else, never over what the clerk typed (nor their rows). */
static void
test_start_and_refill(void **state)
{
	(void)state;
	struct store *db = test_db();
	struct phase_fill p;
	struct report *r = NULL;
	struct err e = {0};
	size_t filled, kept;
	ui_lang = LANG_VI;
	load_year(db, 2023, 1);
	load_year(db, 2024, 2);
	load_year(db, 2025, 3);
	assert_int_equal(phase_start(db, 2023, 2025, &e), ST_OK);
	assert_int_equal(phase_stored(db, 2023, 2025, &p, &e), ST_OK);
	int sum = template_field(p.r->t, "chi_tieu.luot_hoc"),
	    kinh_phi = template_field(p.r->t, "chi_tieu.kinh_phi"),
	    rows = template_field(p.r->t, "mo_hinh.danh_sach");
	assert_int_equal(p.r->values[sum].i, 5243 + 10484 + 15725);
	assert_string_equal(p.from[sum], "2023: 5.243, 2024: 10.484, 2025: 15.725");
	assert_non_null(strstr(p.sources, "2025: bản nháp chưa gửi"));
	size_t nrows = p.r->tables[rows].n;
	phase_fill_free(&p);
	ui_lang = LANG_EN;
	assert_int_equal(phase_stored(db, 2023, 2025, &p, &e), ST_OK);
	assert_string_equal(p.from[sum], "2023: 5,243, 2024: 10,484, 2025: 15,725");
	phase_fill_free(&p);
	ui_lang = LANG_VI;

	/* The clerk sets the amount and empties the models; 2025's report then changes. */
	assert_int_equal(report_read(db, 2025, 2023, &r, &e), ST_OK);
	int64_t was = r->values[kinh_phi].i;
	struct value v = {V_INT, 42, NULL};
	assert_int_equal(report_set_value(db, r, kinh_phi, &v, &e), ST_OK);
	report_free(r);
	assert_int_equal(report_read(db, 2025, 2023, &r, &e), ST_OK);
	for (size_t j = 0; j < r->tables[rows].n; j++) {
		for (size_t c = 0; c < r->t->fields[rows].ncolumns; c++)
			value_clear(&r->tables[rows].rows[j].cells[c]);
		free(r->tables[rows].rows[j].cells);
	}
	free(r->tables[rows].rows);
	r->tables[rows] = (struct rows){NULL, 0};
	assert_int_equal(report_save_table(db, r, rows, &e), ST_OK);
	report_free(r);
	assert_int_equal(phase_stored(db, 2023, 2025, &p, &e), ST_OK);
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "đã sửa, điền sẵn là ");
	value_format(&p.r->t->fields[kinh_phi], &(struct value){V_INT, was, NULL}, &b);
	assert_true(strncmp(p.from[kinh_phi], b.data, b.len) == 0);
	buf_free(&b);
	assert_non_null(strstr(p.from[rows], "đã sửa"));
	assert_string_equal(p.from[sum], "2023: 5.243, 2024: 10.484, 2025: 15.725");
	phase_fill_free(&p);
	assert_int_equal(report_read(db, 2025, 0, &r, &e), ST_OK);
	r->values[template_field(r->t, "dao_tao.luot_hoc")].i = 20000;
	assert_int_equal(store_begin(db, &e), ST_OK);
	assert_int_equal(report_save(db, r, &e), ST_OK);
	assert_int_equal(store_commit(db, &e), ST_OK);
	report_free(r);

	assert_int_equal(phase_refill(db, 2023, 2025, &filled, &kept, &e), ST_OK);
	assert_int_equal(kept, 2);
	assert_true(filled > 10);
	assert_int_equal(phase_stored(db, 2023, 2025, &p, &e), ST_OK);
	assert_int_equal(p.r->values[sum].i, 5243 + 10484 + 20000);
	assert_string_equal(p.from[sum], "2023: 5.243, 2024: 10.484, 2025: 20.000");
	assert_int_equal(p.r->values[kinh_phi].i, 42);
	assert_int_equal(p.r->tables[rows].n, 0);
	assert_true(nrows > 0);
	phase_fill_free(&p);
	store_close(db);
}

/* A unit with the three yearly reports of 2023-2025 (figures scaled 1, 2, 3), its mid-term
 * review started when started; the interface in Vietnamese. */
static struct store *
three_years(bool started)
{
	struct store *db = test_db();
	struct err e = {0};
	ui_lang = LANG_VI;
	load_year(db, 2023, 1);
	load_year(db, 2024, 2);
	load_year(db, 2025, 3);
	if (started)
		assert_int_equal(phase_start(db, 2023, 2025, &e), ST_OK);
	return db;
}

/* The review saved whole, as `xhht load 2023-2025` saves a file. */
static void
save_whole(struct store *db, struct report *r)
{
	struct err e = {0};
	assert_int_equal(store_begin(db, &e), ST_OK);
	assert_int_equal(report_save(db, r, &e), ST_OK);
	assert_int_equal(store_commit(db, &e), ST_OK);
}

/* A review loaded from a file and never started here has no pre-fill recorded: every value is
 * the clerk's, so filling again is refused, saying so, and the values stay. */
static void
test_refill_after_load_never_started(void **state)
{
	(void)state;
	struct store *db = three_years(false);
	struct template *t = NULL;
	struct phase_fill p;
	struct report *r = NULL;
	struct err e = {0};
	size_t filled, kept;
	assert_int_equal(phase_template(db, 2023, 2025, &t, &e), ST_OK);
	assert_int_equal(phase_prefill(db, t, &p, &e), ST_OK);
	int sum = template_field(t, "chi_tieu.luot_hoc"),
	    kinh_phi = template_field(t, "chi_tieu.kinh_phi");
	p.r->values[sum].i = 77;
	p.r->values[kinh_phi].i = 99;
	save_whole(db, p.r);
	phase_fill_free(&p);
	template_free(t);

	assert_int_equal(phase_refill(db, 2023, 2025, &filled, &kept, &e), ST_REFUSED);
	assert_non_null(strstr(e.msg, "2023-2025"));
	assert_non_null(strstr(e.msg, "chưa từng được điền sẵn"));
	assert_int_equal(report_read(db, 2025, 2023, &r, &e), ST_OK);
	assert_int_equal(r->values[sum].i, 77);
	assert_int_equal(r->values[kinh_phi].i, 99);
	report_free(r);
	assert_int_equal(store_int(db, -1, "SELECT count(*) FROM prefill_source", ""), 0);
	store_close(db);
}

/* A row added to a pre-filled table by a file loaded over a started review (report_save, which
 * marks nothing) is the clerk's: filling again keeps the table with its row. */
static void
test_refill_after_load_with_table_row(void **state)
{
	(void)state;
	struct store *db = three_years(true);
	struct report *r = NULL;
	struct err e = {0};
	size_t filled, kept;
	assert_int_equal(report_read(db, 2025, 2023, &r, &e), ST_OK);
	int rows = template_field(r->t, "mo_hinh.danh_sach");
	const struct field *f = &r->t->fields[rows];
	struct rows *tb = &r->tables[rows];
	size_t n = tb->n;
	assert_true(n > 0);
	tb->rows = xreallocarray(tb->rows, n + 1, sizeof *tb->rows);
	tb->rows[n].cells = xcalloc(f->ncolumns, sizeof *tb->rows[n].cells);
	for (size_t c = 0; c < f->ncolumns; c++)
		value_copy(&tb->rows[n].cells[c], &tb->rows[0].cells[c]);
	tb->n++;
	save_whole(db, r);
	report_free(r);

	assert_int_equal(phase_refill(db, 2023, 2025, &filled, &kept, &e), ST_OK);
	assert_int_equal(kept, 1);
	assert_true(filled > 10);
	assert_int_equal(report_read(db, 2025, 2023, &r, &e), ST_OK);
	assert_int_equal(r->tables[rows].n, n + 1);
	report_free(r);
	store_close(db);
}

/* Reading whether the clerk changed a field is refused by SQLite. */
static int
deny_changed(void *arg, int action, const char *a, const char *b, const char *c, const char *d)
{
	(void)arg;
	(void)c;
	(void)d;
	return action == SQLITE_READ && a && b && strcmp(a, "prefill") == 0 &&
		       strcmp(b, "changed") == 0
		   ? SQLITE_DENY
		   : SQLITE_OK;
}

/* A refill that cannot read what the clerk changed writes nothing: their value stays. */
static void
test_refill_query_failure(void **state)
{
	(void)state;
	struct store *db = three_years(true);
	struct report *r = NULL;
	struct err e = {0};
	size_t filled, kept;
	assert_int_equal(report_read(db, 2025, 2023, &r, &e), ST_OK);
	int kinh_phi = template_field(r->t, "chi_tieu.kinh_phi");
	struct value v = {V_INT, 42, NULL};
	assert_int_equal(report_set_value(db, r, kinh_phi, &v, &e), ST_OK);
	report_free(r);
	load_year(db, 2025, 5);

	sqlite3_set_authorizer(db->sql, deny_changed, NULL);
	assert_int_equal(phase_refill(db, 2023, 2025, &filled, &kept, &e), ST_ENV);
	sqlite3_set_authorizer(db->sql, NULL, NULL);
	assert_int_equal(report_read(db, 2025, 2023, &r, &e), ST_OK);
	assert_int_equal(r->values[kinh_phi].i, 42);
	report_free(r);
	store_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_prefill_three_years),
	    cmocka_unit_test(test_prefill_missing_year),
	    cmocka_unit_test(test_prefill_version_without_field),
	    cmocka_unit_test(test_prefill_checked),
	    cmocka_unit_test(test_start_and_refill),
	    cmocka_unit_test(test_refill_after_load_never_started),
	    cmocka_unit_test(test_refill_after_load_with_table_row),
	    cmocka_unit_test(test_refill_query_failure),
	    cmocka_unit_test(test_central_holds_them),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
