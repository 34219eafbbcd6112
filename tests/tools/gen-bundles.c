/* gen-bundles.c: test tool: registers N units in a central and packs one real bundle per unit. */
/*
 * Usage: gen-bundles [options] CENTRAL_DIR PASSPHRASE_FILE N OUTDIR
 *   --year Y           report year (default 2024, the sample's)
 *   --years K          bundles for the K years up to Y, each unit under one key (default 1)
 *   --revision R       revision of the bundles (default 1)
 *   --second           also revision R+1 of every unit
 *   --second-changed   the same, with one figure changed (a unit that corrected its report)
 *   --conflict         also a bundle of revision R with different content ("-conflict" in the name)
 *   --armor            write armored bundles
 *   --attachments K    K small PDF attachments per bundle (default 0)
 *   --start S          number of the first unit (default 1): U0001, U0002, ...
 *   --sample FILE      the report to copy (default tests/data/bao-cao-mau.json)
 *   --template FILE    install this template in the central first (for a sample of another
 *                      template than the built-in ones)
 *
 * The central's data folder must exist (xhht-central init). Units U<S>..U<S+N-1> are added,
 * each gets an enrollment, a signing key made in memory and bundles packed with bundle_pack
 * exactly as xhht pack writes them: the first bundle of a unit binds its key through the
 * enrollment secret. Files are named like xhht pack names them: XHHT-<year>-<code>-r<rev>.xhht.
 * No unit data folders, no key files and no Argon2 per unit, so 10,000 bundles take seconds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bundle.h"
#include "central.h"
#include "report.h"
#include "signed.h"
#include "store.h"
#include "template.h"

#define SAMPLE "tests/data/bao-cao-mau.json"

/* bundle_pack syncs every file and its folder, as it must on a clerk's USB stick; for test data
 * those syncs would be most of the run (10,000 bundles: 40 s instead of 10). This definition
 * takes the place of the C library's for the core linked into this program only. */
int
fsync(int fd)
{
	(void)fd;
	return 0;
}

struct mem_att {
	unsigned char *data;
};

static bool
mem_read(void *ctx, uint64_t offset, unsigned char *buf, size_t len)
{
	struct mem_att *m = ctx;
	memcpy(buf, m->data + offset, len);
	return true;
}

static void
die(const char *what, const struct err *e)
{
	fprintf(stderr, "gen-bundles: %s%s%s\n", what, e && e->msg[0] ? ": " : "", e ? e->msg : "");
	exit(2);
}

static int
number(const char *s, int lo, int hi)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < lo || v > hi) {
		fprintf(stderr, "gen-bundles: \"%s\" is not a number in %d..%d\n", s, lo, hi);
		exit(2);
	}
	return (int)v;
}

static struct secret *
read_passphrase(const char *path)
{
	char *text;
	size_t len;
	struct err e;
	if (file_read(path, 4096, &text, &len, &e) != ST_OK)
		die("passphrase file", &e);
	/* The first line, as the programs read --passphrase-file. */
	size_t n = strcspn(text, "\r\n");
	struct secret *p = passphrase_from_bytes(text, n);
	sodium_memzero(text, len);
	free(text);
	return p;
}

/* The sample report as this unit's, at this revision; "changed" alters one value, as a unit
 * that edited its report without packing a new revision would (a conflict at the central). */
static void
report_for(struct report *r, const char *code, const char *name, int revision, bool changed,
	   int people_field, int64_t people, struct buf *out)
{
	free(r->unit_code);
	free(r->unit_name);
	r->unit_code = xstrdup(code);
	r->unit_name = xstrdup(name);
	r->revision = revision;
	r->values[people_field].i = changed ? people + 1 : people;
	buf_reset(out);
	report_to_json(r, out);
}

int
main(int argc, char **argv)
{
	int year = 2024, years = 1, revision = 1, natt = 0, start = 1, pos = 0;
	bool second = false, second_changed = false, conflict = false, armor = false;
	const char *operand[4], *sample = SAMPLE, *template_file = NULL;
	struct err e = {0};

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool has_value = i + 1 < argc;
		if (strcmp(a, "--second") == 0)
			second = true;
		else if (strcmp(a, "--second-changed") == 0)
			second = second_changed = true;
		else if (strcmp(a, "--conflict") == 0)
			conflict = true;
		else if (strcmp(a, "--armor") == 0)
			armor = true;
		else if (strcmp(a, "--year") == 0 && has_value)
			year = number(argv[++i], REPORT_MIN_YEAR, REPORT_MAX_YEAR);
		else if (strcmp(a, "--years") == 0 && has_value)
			years = number(argv[++i], 1, 50);
		else if (strcmp(a, "--revision") == 0 && has_value)
			revision = number(argv[++i], 1, 999999);
		else if (strcmp(a, "--attachments") == 0 && has_value)
			natt = number(argv[++i], 0, BUNDLE_MAX_ATTACHMENTS);
		else if (strcmp(a, "--start") == 0 && has_value)
			start = number(argv[++i], 1, 9999999);
		else if (strcmp(a, "--sample") == 0 && has_value)
			sample = argv[++i];
		else if (strcmp(a, "--template") == 0 && has_value)
			template_file = argv[++i];
		else if (a[0] == '-' || pos == 4) {
			fprintf(stderr, "usage: gen-bundles [--year Y] [--years K] [--revision R] [--second | --second-changed]"
					" [--conflict] [--armor] [--attachments K] [--start S]"
					" [--sample FILE] [--template FILE]"
					" CENTRAL_DIR PASSPHRASE_FILE N OUTDIR\n");
			return 2;
		} else
			operand[pos++] = a;
	}
	if (pos != 4 || year - years + 1 < REPORT_MIN_YEAR) {
		fprintf(stderr, "gen-bundles: needs CENTRAL_DIR PASSPHRASE_FILE N OUTDIR\n");
		return 2;
	}
	int count = number(operand[2], 0, 9999999);
	const char *outdir = operand[3];
	if (sodium_init() < 0)
		die("libsodium failed to start", NULL);

	struct store *db;
	struct secret *pass = read_passphrase(operand[1]), *central_sk, *unit_sk;
	unsigned char sign_pk[SIGN_PK_BYTES], box_pk[BOX_PK_BYTES], hash[HASH_BYTES];
	if (store_open(operand[0], STORE_CENTRAL, &db, &e) != ST_OK)
		die("central database", &e);
	if (central_public_keys(db, sign_pk, box_pk, &e) != ST_OK ||
	    central_open_keys(operand[0], pass, &central_sk, &e) != ST_OK ||
	    central_attach_keys(db, central_sk->bytes + SIGN_SK_BYTES, &e) != ST_OK)
		die("central keys", &e);
	secret_free(pass);
	/* Test data, not records: a power cut may lose it, so spare the thousands of syncs. */
	sqlite3_exec(db->sql, "PRAGMA synchronous = OFF", NULL, NULL, NULL);
	if (dir_make(outdir, &e) != ST_OK)
		die("output folder", &e);

	char *text;
	size_t tlen;
	struct report *r;
	if (template_file != NULL) {
		if (file_read(template_file, 1u << 20, &text, &tlen, &e) != ST_OK ||
		    template_install(db, text, &e) != ST_OK)
			die(template_file, &e);
		free(text);
	}
	if (file_read(sample, 1u << 20, &text, &tlen, &e) != ST_OK ||
	    report_from_json(db, text, tlen, 0, &r, &e) != ST_OK)
		die(sample, &e);
	free(text);
	r->year = year;
	/* The conflicting bundle changes the first whole number of the report. */
	int people = -1;
	for (size_t k = 0; k < r->t->nfields && people < 0; k++)
		if (r->t->fields[k].type == F_INT && r->values[k].k == V_INT)
			people = (int)k;
	if (people < 0)
		die("the sample has no whole number to vary", NULL);
	int64_t people_value = r->values[people].i;

	/* Attachments: small PDF-looking files, different for every unit. */
	struct bundle_attachment att[BUNDLE_MAX_ATTACHMENTS];
	struct mem_att mem[BUNDLE_MAX_ATTACHMENTS];
	char att_name[BUNDLE_MAX_ATTACHMENTS][32];
	for (int k = 0; k < natt; k++) {
		snprintf(att_name[k], sizeof att_name[k], "ban-quet-%d.pdf", k + 1);
		mem[k].data = xmalloc(1024);
		att[k] = (struct bundle_attachment){.name = att_name[k], .type = "application/pdf",
						    .size = 1024, .read = mem_read, .ctx = &mem[k]};
	}

	unit_sk = secret_new(SIGN_SK_BYTES);
	struct buf json;
	buf_init(&json);
	for (int i = 0; i < count; i++) {
		char code[32], name[96];
		unsigned char *enr;
		size_t enrlen;
		struct enrollment *en;
		int u = start + i;

		snprintf(code, sizeof code, "U%04d", u);
		snprintf(name, sizeof name, "Đơn vị thử nghiệm số %d", u);
		if (central_unit_add(db, code, name, "", &e) != ST_OK)
			die(code, &e);
		char ecode[ENROLL_CODE_SHOWN + 1];
		if (central_enroll(db, central_sk, code, NULL, &enr, &enrlen, ecode, NULL, NULL, &e) != ST_OK)
			die(code, &e);
		/* Read back, as the unit's program would: the secret comes from the file and the
		 * code. */
		if (enrollment_read(enr, enrlen, &en, &e) != ST_OK ||
		    enrollment_use_code(en, ecode, &e) != ST_OK)
			die(code, &e);
		free(enr);

		struct pack_request req = {0};
		snprintf(req.meta.unit, sizeof req.meta.unit, "%s", code);
		req.meta.year = year;
		memcpy(req.meta.recipient, en->central_box, BOX_PK_BYTES);
		crypto_sign_keypair(req.meta.signer, unit_sk->bytes);
		snprintf(req.meta.template_id, sizeof req.meta.template_id, "%s", r->t->id);
		req.meta.template_version = r->t->version;
		req.meta.has_enroll = true;
		snprintf(req.meta.enroll_id, sizeof req.meta.enroll_id, "%s", en->id);
		memcpy(req.meta.enroll_secret, en->secret, ENROLL_SECRET_BYTES);
		enrollment_free(en);
		req.sign_sk = unit_sk->bytes;
		req.att = att;
		req.natt = (size_t)natt;
		for (int k = 0; k < natt; k++) {
			memset(mem[k].data, ' ', 1024);
			int n = snprintf((char *)mem[k].data, 1024,
					 "%%PDF-1.4\n%% %s, trang %d\n", code, k + 1);
			mem[k].data[n] = ' ';
			memcpy(mem[k].data + 1024 - 6, "%%EOF\n", 6);
		}

		/* The bundle, then the optional newer revision and the conflicting one. */
		struct {
			bool want;
			int rev;
			bool changed;
			const char *suffix;
		} jobs[3] = {{true, revision, false, ""},
			     {second, revision + 1, second_changed, ""},
			     {conflict, revision, true, "-conflict"}};
		for (int y = year - years + 1; y <= year; y++)
			for (int j = 0; j < 3; j++) {
				if (!jobs[j].want)
					continue;
				r->year = req.meta.year = y;
				report_for(r, code, name, jobs[j].rev, jobs[j].changed, people,
					   people_value, &json);
				req.meta.revision = jobs[j].rev;
				req.report = json.data;
				req.report_len = json.len;
				char *path = xasprintf("%s/XHHT-%d-%s-r%d%s.xhht", outdir, y, code,
						       jobs[j].rev, jobs[j].suffix);
				if (bundle_pack(&req, path, armor, hash, &e) != ST_OK)
					die(path, &e);
				free(path);
			}
		sodium_memzero(&req.meta, sizeof req.meta);
	}
	printf("gen-bundles: %d units, %d bundles in %s\n", count,
	       count * years * (1 + second + conflict), outdir);
	buf_free(&json);
	for (int k = 0; k < natt; k++)
		free(mem[k].data);
	report_free(r);
	secret_free(unit_sk);
	secret_free(central_sk);
	store_close(db);
	return 0;
}
