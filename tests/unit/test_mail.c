/* test_mail.c: the e-mail date reader (mail_date_utc) and the time a message's topmost
 * Received: field hands to the importer. */
#include "testlib.h"

#include <stdio.h>

#include "mail.h"

struct date_case {
	const char *in, *want; /* want NULL: refused */
};

static void
test_date_utc(void **state)
{
	(void)state;
	static const struct date_case cases[] = {
		{"Tue, 3 Dec 2024 10:00:00 +0700", "2024-12-03T03:00:00Z"},
		{" Wed, 04 Dec 2024 09:00:00 +0700 (ICT)", "2024-12-04T02:00:00Z"},
		{"3 Dec 2024 01:30 -0130", "2024-12-03T03:00:00Z"},        /* no weekday, no seconds */
		{"Sun, 1 Dec 2024 00:00:00 +0700", "2024-11-30T17:00:00Z"}, /* the day before in UTC */
		{"Tue, 31 Dec 2024 23:59:60 -0000", "2024-12-31T23:59:59Z"}, /* a leap second */
		{"Thu, 29 Feb 2024 12:00:00 GMT", "2024-02-29T12:00:00Z"},
		{"Thu, 28 Nov 24 10:30:00 EST", "2024-11-28T15:30:00Z"},    /* obsolete year, zone */
		{"Mon (comment) , 2 Dec 2024 (x (nested)) 08:00:00 +0000", "2024-12-02T08:00:00Z"},
		{"Fri, 29 Feb 2023 12:00:00 +0000", NULL}, /* no such day */
		{"Tue, 3 Dec 2024 24:00:00 +0000", NULL},
		{"Tue, 3 Dek 2024 10:00:00 +0000", NULL},
		{"Tue, 3 Dec 2024 10:00:00 +0760", NULL},
		{"Tue, 3 Dec 2024 10:00:00 XYZ", NULL}, /* an unknown zone name */
		{"Tue, 3 Dec 2024 10:00:00", NULL},     /* no zone */
		{"Tue, 3 Dec 2024 10:00:00 +0700 trailing", NULL},
		{"Tue, 3 Dec 12024 10:00:00 +0000", NULL},
		{"Thu, 1 Jan 1960 00:00:00 +0000", NULL},
		{"", NULL},
		{"(unclosed", NULL},
		{"tomorrow", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[32] = "";
		bool ok = mail_date_utc(cases[i].in, out);
		if (cases[i].want == NULL) {
			if (ok)
				fail_msg("\"%s\" read as %s", cases[i].in, out);
		} else if (!ok || strcmp(out, cases[i].want) != 0)
			fail_msg("\"%s\": got %s, wanted %s", cases[i].in, ok ? out : "(refused)",
				 cases[i].want);
	}
}

struct seen {
	int n;
	char received[32];
	bool had;
};

static enum status
found(void *ctx, const unsigned char *data, size_t len, enum mail_found kind, const char *part,
      const char *message_id, const char *received)
{
	struct seen *s = ctx;
	(void)data, (void)len, (void)kind, (void)part, (void)message_id;
	s->n++;
	s->had = received != NULL;
	snprintf(s->received, sizeof s->received, "%s", received ? received : "");
	return ST_OK;
}

static void
scan(const char *msg, struct seen *s)
{
	struct err e = {0};
	memset(s, 0, sizeof *s);
	assert_int_equal(mail_scan_message(msg, strlen(msg), found, s, &e), ST_OK);
	assert_int_equal(s->n, 1);
}

/* Only the topmost Received: field counts; Date: and the hops below it are the sender's. */
static void
test_received_topmost(void **state)
{
	(void)state;
	struct seen s;
	scan("Received: from a by mx.moh.example;\n\tWed, 4 Dec 2024 09:00:00 +0700\n"
	     "Received: from pc by a; Sun, 1 Dec 2024 10:00:00 +0700\n"
	     "Date: Sun, 1 Dec 2024 09:59:00 +0700\nSubject: x\n\nXHHTBDL\001",
	     &s);
	assert_string_equal(s.received, "2024-12-04T02:00:00Z");
	scan("Date: Sun, 1 Dec 2024 09:59:00 +0700\nSubject: x\n\nXHHTBDL\001", &s);
	assert_false(s.had);
	/* A topmost field whose time does not parse: none, not the one below it. */
	scan("Received: by mx.moh.example; yesterday\n"
	     "Received: by a; Sun, 1 Dec 2024 10:00:00 +0700\nSubject: x\n\nXHHTBDL\001",
	     &s);
	assert_false(s.had);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_utc),
		cmocka_unit_test(test_received_topmost),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
