/* fuzz_report.c: libFuzzer target: any bytes through report_from_json, validation and back. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "store.h"
#include "validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *db;

static void
die(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_report: %s: %s\n", what, detail);
	abort();
}

/* The database and its template are the same for every input: made once. */
static void
open_db(void)
{
	struct err e = {0};
	if (store_open_memory(STORE_UNIT, &db, &e) != ST_OK)
		die("store_open_memory", e.msg);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct report *r = NULL, *again = NULL;
	struct findings f;
	struct err e = {0};
	struct buf out, out2;
	char *text;

	if (db == NULL)
		open_db();
	/* The reader takes a NUL-terminated text and its length; an input with a NUL inside
	 * must be refused, so the length is the input's, not strlen's. */
	text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	if (report_from_json(db, text, size, 0, &r, &e) != ST_OK) {
		if (r != NULL || e.msg[0] == '\0')
			die("refused without a message or with a report", e.msg);
		free(text);
		return 0;
	}
	validate_report(r, "2024-12-01", &f);
	if (f.errors + f.warnings != f.n)
		die("findings", "counts do not add up");
	for (size_t i = 0; i < f.n; i++)
		if (f.items[i].path == NULL || f.items[i].message == NULL)
			die("findings", "a finding without path or message");
	findings_free(&f);

	/* What the program writes it must read back, to the same bytes. */
	buf_init(&out);
	report_to_json(r, &out);
	if (report_from_json(db, out.data, out.len, r->year, &again, &e) != ST_OK) {
		fprintf(stderr, "%s\n", out.data);
		die("re-reading report_to_json output", e.msg);
	}
	buf_init(&out2);
	report_to_json(again, &out2);
	if (strcmp(out.data, out2.data) != 0) {
		fprintf(stderr, "first:\n%s\nsecond:\n%s\n", out.data, out2.data);
		die("report_to_json", "not stable across a second read");
	}
	buf_free(&out);
	buf_free(&out2);
	report_free(again);
	report_free(r);
	free(text);
	return 0;
}
