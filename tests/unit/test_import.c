/* test_import.c: what the importer gives a front end that shows it going (the desk's import
 * screen): each bundle as it is decided, when the central observed it, a stop that still
 * commits what was decided, the files a walk will look at, the totals line, and the lock that
 * lets one import run at a time. */
#include "bundle_fixture.h"

#include "i18n.h"
#include "import.h"
#include "merged.h"
#include "summary.h"

/* A folder with three bundles, one a file each: UNIT_A's and UNIT_B's (keys bound), and
 * UNIT_A's again under another name (a duplicate). */
struct world {
	struct central c;
	struct ukey a, b;
	char *dir;
};

/* A bundle of unit packed for year under template (revision 1) into the world's folder as
 * name: a phase review when template is a phase's. */
static void
period_file(struct world *w, const struct ukey *k, const char *unit, int year, const char *template,
	    const char *name)
{
	struct pack_request req;
	struct err e = {0};
	size_t len;
	char *report = xasprintf("{\"template\": \"%s\", \"template_version\": 1,"
				 " \"unit\": {\"code\": \"%s\", \"name\": \"Đơn vị %s\"},"
				 " \"year\": %d, \"revision\": 1}",
				 template, unit, unit, year);
	request(&req, &w->c, k, unit, report);
	req.meta.year = year;
	snprintf(req.meta.template_id, sizeof req.meta.template_id, "%s", template);
	unsigned char *data = pack(&req, false, &len, NULL);
	char *path = xasprintf("%s/%s", w->dir, name);
	if (file_write_atomic(path, data, len, &e) != ST_OK)
		fail_msg("write %s: %s", path, e.msg);
	free(path);
	free(data);
	free(report);
}

static void
bundle_file(struct world *w, const struct ukey *k, const char *unit, const char *name)
{
	period_file(w, k, unit, 2024, "bao-cao-nam", name);
}

static void
world_new(struct world *w)
{
	central_new(&w->c);
	ukey_new(&w->a);
	ukey_new(&w->b);
	bind(&w->c, UNIT_A, w->a.pk);
	bind(&w->c, UNIT_B, w->b.pk);
	w->dir = test_tmpdir("import");
	bundle_file(w, &w->a, UNIT_A, "1-a.xhht");
	bundle_file(w, &w->b, UNIT_B, "2-b.xhht");
	char *from = xasprintf("%s/1-a.xhht", w->dir), *to = xasprintf("%s/3-a-again.xhht", w->dir);
	char *data;
	size_t len;
	struct err e = {0};
	if (file_read(from, 1 << 22, &data, &len, &e) != ST_OK ||
	    file_write_atomic(to, data, len, &e) != ST_OK)
		fail_msg("copy: %s", e.msg);
	free(data);
	free(from);
	free(to);
}

static void
world_done(struct world *w)
{
	test_rmtree(w->dir);
	free(w->dir);
	central_done(&w->c);
}

struct seen {
	struct importer *im;
	size_t decided, results;
	size_t stop_after; /* 0: never */
	char observed[32];
};

static void
decided(void *ctx, const struct import_result *r)
{
	struct seen *s = ctx;
	s->decided++;
	snprintf(s->observed, sizeof s->observed, "%s", r->observed);
	if (s->stop_after && s->decided == s->stop_after)
		s->im->stop = true;
}

static void
result(void *ctx, const struct import_result *r)
{
	struct seen *s = ctx;
	(void)r;
	s->results++;
}

static void
importer_for(struct importer *im, struct world *w, struct seen *s)
{
	*im = (struct importer){.db = w->c.db, .sign_sk = w->c.sk->bytes, .box_sk = BOX_SK(&w->c),
			       .on_decided = decided, .on_result = result, .ctx = s};
	memcpy(im->sign_pk, w->c.sign_pk, SIGN_PK_BYTES);
	memcpy(im->box_pk, w->c.box_pk, BOX_PK_BYTES);
	s->im = im;
}

/* Stopped after the first bundle: it is committed and reported, the other files are not
 * looked at; the next run takes them (the first again as a duplicate). */
static void
test_decided_and_stop(void **state)
{
	(void)state;
	struct world w;
	struct importer im;
	struct seen s = {.stop_after = 1};
	struct err e = {0};
	world_new(&w);
	setenv("XHHT_NOW", "2024-12-10T03:00:00Z", 1);
	importer_for(&im, &w, &s);
	assert_int_equal(import_path(&im, w.dir, true, &e), ST_OK);
	assert_int_equal(import_finish(&im, &e), ST_OK);
	assert_int_equal(s.decided, 1);
	assert_int_equal(s.results, 1);
	assert_int_equal(im.found, 1);
	assert_int_equal(im.counts[RO_MERGED], 1);
	assert_string_equal(s.observed, "2024-12-10T03:00:00Z");
	assert_int_equal(store_int(w.c.db, -1, "SELECT count(*) FROM merged", ""), 1);

	struct seen all = {0};
	importer_for(&im, &w, &all);
	assert_int_equal(import_path(&im, w.dir, true, &e), ST_OK);
	assert_int_equal(import_finish(&im, &e), ST_OK);
	assert_int_equal(all.decided, 3);
	assert_int_equal(all.results, 3);
	assert_int_equal(im.counts[RO_MERGED], 1);
	assert_int_equal(im.counts[RO_DUPLICATE], 2);
	assert_int_equal(store_int(w.c.db, -1, "SELECT count(*) FROM merged", ""), 2);

	/* The totals line, as the command line ends with it. */
	struct buf b;
	buf_init(&b);
	ui_lang = LANG_EN;
	import_totals(&im, &b);
	assert_string_equal(b.data,
			    "3 bundles: merged 1, already had 2, older 0, conflicts 0, refused 0");
	ui_lang = LANG_VI;
	unsetenv("XHHT_NOW");
	buf_free(&b);
	world_done(&w);
}

/* A unit's review 2023-2025 and its 2025 report, both revision 1, imported review first: merged
 * apart (its period from its template), each answered by a receipt named by its period; a unit
 * with only its review is not reported for 2025; a review whose phase does not close in its
 * year is refused as an invalid report. */
static void
test_phase_review_apart(void **state)
{
	(void)state;
	struct world w;
	struct importer im;
	struct seen s = {0};
	struct err e = {0};
	world_new(&w);
	test_rmtree(w.dir);
	assert_int_equal(mkdir(w.dir, 0700), 0);
	char *receipts = test_tmpdir("import-receipts");
	period_file(&w, &w.a, UNIT_A, 2025, "so-ket-2023-2025", "1-review.xhht");
	period_file(&w, &w.a, UNIT_A, 2025, "bao-cao-nam", "2-year.xhht");
	period_file(&w, &w.b, UNIT_B, 2025, "so-ket-2023-2025", "3-review-b.xhht");
	period_file(&w, &w.b, UNIT_B, 2024, "so-ket-2023-2025", "4-review-2024.xhht");
	importer_for(&im, &w, &s);
	im.receipts_dir = receipts;
	assert_int_equal(import_path(&im, w.dir, true, &e), ST_OK);
	assert_int_equal(import_finish(&im, &e), ST_OK);
	assert_int_equal(im.counts[RO_MERGED], 3);
	assert_int_equal(im.counts[RO_REFUSED], 1);
	assert_int_equal(
	    store_int(w.c.db, -1,
		      "SELECT count(*) FROM merged WHERE unit_code = ?1 AND year = 2025", "t",
		      UNIT_A),
	    2);
	assert_int_equal(
	    store_int(w.c.db, -1,
		      "SELECT b.phase_first FROM bundle b JOIN merged m ON m.bundle_hash ="
		      " b.hash WHERE b.template_id = 'so-ket-2023-2025' AND b.unit_code = ?1",
		      "t", UNIT_A),
	    2023);
	assert_int_equal(
	    store_int(w.c.db, -1, "SELECT count(*) FROM bundle WHERE state = 'merged'", ""), 3);
	assert_int_equal(
	    store_int(w.c.db, -1,
		      "SELECT count(*) FROM audit WHERE outcome = 'refused' AND reason ="
		      " 'invalid-report' AND year = 2024 AND phase_first = 2023",
		      ""),
	    1);
	const char *names[] = {"XHHT-2023-2025-%s-r1.receipt", "XHHT-2025-%s-r1.receipt"};
	for (size_t i = 0; i < 2; i++) {
		char *name = xasprintf(names[i], UNIT_A),
		     *path = xasprintf("%s/%s", receipts, name);
		if (access(path, F_OK) != 0)
			fail_msg("no receipt %s", path);
		assert_int_equal(store_int(w.c.db, -1,
					   "SELECT phase_first FROM receipt_sent WHERE path = ?1",
					   "t", path),
				 i == 0 ? 2023 : 0);
		free(name);
		free(path);
	}
	struct year_units y;
	assert_int_equal(summary_units(w.c.db, 2025, &y, &e), ST_OK);
	for (size_t i = 0; i < y.n; i++)
		if (strcmp(y.units[i].code, UNIT_B) == 0) {
			assert_int_equal(y.units[i].state, US_NOT_RECEIVED);
			assert_int_equal(y.units[i].bundles, 0);
		} else
			assert_int_equal(y.units[i].revision, 1);
	summary_units_free(&y);
	assert_int_equal(summary_units(w.c.db, PERIOD_KEY(2025, 2023), &y, &e), ST_OK);
	assert_int_equal(summary_units_received(&y), 2);
	summary_units_free(&y);
	test_rmtree(receipts);
	free(receipts);
	world_done(&w);
}

/* The files a walk looks at: hidden ones left out, subfolders counted. */
static void
test_count_files(void **state)
{
	(void)state;
	struct world w;
	struct err e = {0};
	world_new(&w);
	char *sub = xasprintf("%s/muc-con", w.dir), *f1 = xasprintf("%s/muc-con/x.txt", w.dir),
	     *f2 = xasprintf("%s/.an", w.dir), *f3 = xasprintf("%s/1-a.xhht", w.dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	assert_int_equal(file_write_atomic(f1, "x", 1, &e), ST_OK);
	assert_int_equal(file_write_atomic(f2, "x", 1, &e), ST_OK);
	assert_int_equal(import_count_files(w.dir), 4);
	assert_int_equal(import_count_files(f3), 1);
	free(sub);
	free(f1);
	free(f2);
	free(f3);
	world_done(&w);
}

/* One import at a time: the second is told, naming the folder; once the first gives the lock
 * back it is free again. */
static void
test_lock(void **state)
{
	(void)state;
	struct err e = {0};
	char *dir = test_tmpdir("import-lock");
	int fd = import_lock(dir, 0, &e);
	assert_true(fd >= 0);
	ui_lang = LANG_EN;
	assert_int_equal(import_lock(dir, 100, &e), -1);
	assert_non_null(strstr(e.msg, "another import is running on the folder"));
	assert_non_null(strstr(e.msg, dir));
	ui_lang = LANG_VI;
	close(fd);
	fd = import_lock(dir, 0, &e);
	assert_true(fd >= 0);
	close(fd);
	test_rmtree(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_decided_and_stop),
	    cmocka_unit_test(test_count_files),
	    cmocka_unit_test(test_lock),
	    cmocka_unit_test(test_phase_review_apart),
	};
	return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
