/* test_publish.c: templates the central publishes and what enrollment files carry of them: the
 * newest version of each template (a new version takes no room), at most ENROLL_MAX_TEMPLATES
 * templates, a new one past them refused at publishing with its reason and what to do, and an
 * enrollment file of the most templates read by the unit. */
#include "bundle_fixture.h"
#include "i18n.h"
#include "publish.h"

/* The built-in yearly template's text with replaced put in place of the first find. */
static char *
yearly_with(const char *find, const char *replaced)
{
	for (size_t i = 0; i < template_builtin_count(); i++) {
		const char *src = template_builtin_source(i),
			   *at = strstr(src, "\"id\": \"bao-cao-nam\"");
		if (at == NULL)
			continue;
		at = strstr(src, find);
		assert_non_null(at);
		return xasprintf("%.*s%s%s", (int)(at - src), src, replaced, at + strlen(find));
	}
	fail_msg("no built-in yearly template");
	return NULL;
}

static enum status
publish(struct central *c, const char *json, struct err *e)
{
	struct template_info info = {0};
	enum status rc = template_publish(c->db, c->sk->bytes, json, NULL, NULL, NULL, &info, e);
	template_info_free(&info);
	return rc;
}

/* The enrollment file central_enroll writes now, as the unit reads it. */
static struct enrollment *
enrollment_now(struct central *c)
{
	struct enrollment *en = NULL;
	struct err e = {0};
	unsigned char *doc;
	size_t len;
	char code[ENROLL_CODE_SHOWN + 1];
	if (central_enroll(c->db, c->sk, UNIT_A, NULL, &doc, &len, code, NULL, NULL, &e) != ST_OK)
		fail_msg("central_enroll: %s", e.msg);
	if (enrollment_read(doc, len, &en, &e) != ST_OK)
		fail_msg("enrollment_read: %s", e.msg);
	free(doc);
	return en;
}

static void
test_newest_of_each(void **state)
{
	(void)state;
	struct central c;
	struct err e = {0};
	central_new(&c);
	char *v2 = yearly_with("\"version\": 1,", "\"version\": 2,");
	if (publish(&c, v2, &e) != ST_OK)
		fail_msg("publish v2: %s", e.msg);
	struct enrollment *en = enrollment_now(&c);
	/* Three templates built in, the yearly one now at version 2: three, never four. */
	assert_int_equal(en->ntemplates, template_builtin_count());
	size_t yearly = 0;
	for (size_t i = 0; i < en->ntemplates; i++)
		if (strstr(en->templates[i], "\"id\": \"bao-cao-nam\"") != NULL) {
			yearly++;
			assert_string_equal(en->templates[i], v2);
		}
	assert_int_equal(yearly, 1);
	enrollment_free(en);
	free(v2);
	central_done(&c);
}

static void
test_most_templates(void **state)
{
	(void)state;
	struct central c;
	struct err e = {0};
	char id[64];
	central_new(&c);
	size_t held = template_builtin_count();
	for (int n = 1; held < ENROLL_MAX_TEMPLATES; n++, held++) {
		snprintf(id, sizeof id, "\"id\": \"khao-sat-%d\"", n);
		char *t = yearly_with("\"id\": \"bao-cao-nam\"", id);
		if (publish(&c, t, &e) != ST_OK)
			fail_msg("publish %s: %s", id, e.msg);
		free(t);
	}
	/* The most an enrollment file carries, and the unit reads it. */
	struct enrollment *en = enrollment_now(&c);
	assert_int_equal(en->ntemplates, ENROLL_MAX_TEMPLATES);
	enrollment_free(en);
	/* One more template: refused, saying why and what to do; nothing stored. */
	char *more = yearly_with("\"id\": \"bao-cao-nam\"", "\"id\": \"khao-sat-moi\"");
	ui_lang = LANG_EN;
	assert_int_equal(publish(&c, more, &e), ST_REFUSED);
	ui_lang = LANG_VI;
	assert_non_null(strstr(e.msg, "the central holds 16 templates, the most an enrollment file"
				      " carries, so the new template khao-sat-moi cannot be"
				      " published: publish it as a new version of one it holds"));
	assert_non_null(strstr(e.msg, "bao-cao-nam"));
	assert_null(strchr(e.msg, '\n'));
	assert_int_equal(
	    test_sql_int(c.db, "SELECT count(*) FROM template WHERE id = 'khao-sat-moi'"), 0);
	/* A new version of one held takes no room. */
	char *v2 = yearly_with("\"version\": 1,", "\"version\": 2,");
	if (publish(&c, v2, &e) != ST_OK)
		fail_msg("publish v2: %s", e.msg);
	en = enrollment_now(&c);
	assert_int_equal(en->ntemplates, ENROLL_MAX_TEMPLATES);
	enrollment_free(en);
	free(v2);
	free(more);
	central_done(&c);
}

int
main(void)
{
	ui_lang = LANG_VI;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_newest_of_each),
	    cmocka_unit_test(test_most_templates),
	};
	return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
