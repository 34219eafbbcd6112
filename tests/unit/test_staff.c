/* test_staff.c: the staff action log: who, what, on which unit and year, read back newest first. */
#include "testlib.h"

#include "staff.h"

static struct store *
central_db(void)
{
	struct store *db = NULL;
	struct err e = {0};
	if (store_open_memory(STORE_CENTRAL, &db, &e) != ST_OK)
		fail_msg("store_open_memory: %s", e.msg);
	return db;
}

static void
test_log_read_back(void **state)
{
	(void)state;
	struct store *db = central_db();
	struct err e = {0};
	setenv("USER", "nguyenvana", 1);
	assert_int_equal(staff_log(db, SA_UNIT_ADD, "BV01", 0, "Bệnh viện A", &e), ST_OK);
	assert_int_equal(staff_log(db, SA_SETTLE, "BV01", 2026, "lần gửi 2 (abc): gọi điện", &e),
			 ST_OK);
	assert_int_equal(staff_log(db, SA_REVIEW, "BV02", 2026, "", &e), ST_OK);

	struct staff_entry *a;
	size_t n;
	assert_int_equal(staff_entries(db, "BV01", 0, &a, &n, &e), ST_OK);
	assert_int_equal(n, 2);
	assert_string_equal(a[0].action, "settle"); /* newest first */
	assert_int_equal(a[0].period, 2026);
	assert_string_equal(a[0].detail, "lần gửi 2 (abc): gọi điện");
	assert_string_equal(a[0].staff, "nguyenvana");
	assert_string_equal(a[1].action, "unit_add");
	assert_int_equal(a[1].period, 0); /* none: stored as NULL, read as 0 */
	staff_entries_free(a, n);

	assert_int_equal(staff_entries(db, "BV01", 2026, &a, &n, &e), ST_OK);
	assert_int_equal(n, 1);
	staff_entries_free(a, n);
	assert_int_equal(staff_entries(db, NULL, 0, &a, &n, &e), ST_OK);
	assert_int_equal(n, 3);
	assert_string_equal(a[0].unit, "BV02");
	staff_entries_free(a, n);
	store_close(db);
}

static void
test_staff_name_falls_back(void **state)
{
	(void)state;
	setenv("USER", "", 1);
	setenv("LOGNAME", "tranthib", 1);
	assert_string_equal(staff_name(), "tranthib");
	/* An absurd name is not taken: the next source answers. */
	char longname[100];
	memset(longname, 'x', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	setenv("LOGNAME", longname, 1);
	assert_string_not_equal(staff_name(), longname);
	assert_true(staff_name()[0] != '\0');
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_log_read_back),
	    cmocka_unit_test(test_staff_name_falls_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
