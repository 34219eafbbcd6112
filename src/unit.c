/* unit.c: enrollment, attachments, packing and receipts on the unit's side. */
#include "unit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "armor.h"
#include "i18n.h"
#include "phase.h"
#include "platform.h"
#include "report.h"
#include "store.h"
#include "template.h"
#include "text.h"
#include "validate.h"

static char *
key_file_name(const unsigned char *pk)
{
	unsigned char id[KEY_ID_BYTES];
	char hex[2 * KEY_ID_BYTES + 1];
	key_id(pk, SIGN_PK_BYTES, id);
	hex_encode(id, KEY_ID_BYTES, hex);
	return xasprintf("unit-%s.key", hex);
}

enum status
unit_enroll(struct store *db, const char *dir, const struct enrollment *en,
	    const struct secret *pass, bool allow_new_central, char fingerprint[48], struct err *e)
{
	sqlite3_stmt *st = NULL;
	unsigned char pk[SIGN_PK_BYTES];
	struct secret *sk;
	char *file, *path, now[32];
	enum status rc;

	/* A data folder belongs to one unit: mixing two would sign one unit's report as another. */
	if (sqlite3_prepare_v2(db->sql,
			       "SELECT unit_code, id = ?1 FROM enrollment WHERE current = 1", -1,
			       &st, NULL) != SQLITE_OK)
		return store_error(db, e);
	sqlite3_bind_text(st, 1, en->id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		if (strcmp((const char *)sqlite3_column_text(st, 0), en->unit_code) != 0) {
			err_set(e, L("thư mục dữ liệu này đã đăng ký cho đơn vị %s, tệp đăng ký là của %s",
				     "this data folder is enrolled for unit %s; the file is for %s"),
				sqlite3_column_text(st, 0), en->unit_code);
			sqlite3_finalize(st);
			return ST_REFUSED;
		}
		if (sqlite3_column_int(st, 1)) {
			err_set(e, L("tệp đăng ký này đã được mở rồi", "this enrollment file was already opened"));
			sqlite3_finalize(st);
			return ST_REFUSED;
		}
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db->sql, "SELECT central_sign_pk FROM enrollment WHERE current = 1",
			       -1, &st, NULL) != SQLITE_OK)
		return store_error(db, e);
	if (sqlite3_step(st) == SQLITE_ROW && !allow_new_central &&
	    (sqlite3_column_bytes(st, 0) != SIGN_PK_BYTES ||
	     sodium_memcmp(sqlite3_column_blob(st, 0), en->central_sign, SIGN_PK_BYTES) != 0)) {
		char was[48], now_fp[48];
		if (sqlite3_column_bytes(st, 0) == SIGN_PK_BYTES)
			key_fingerprint(sqlite3_column_blob(st, 0), SIGN_PK_BYTES, was);
		else
			snprintf(was, sizeof was, "?");
		key_fingerprint(en->central_sign, SIGN_PK_BYTES, now_fp);
		err_set(e, L("tệp đăng ký được ký bằng khóa khác của Bộ Y tế (trước: %s; nay: %s). Hãy gọi "
			     "điện cho Vụ Tổ chức cán bộ để xác nhận, rồi chạy lại với --new-central-key",
			     "the enrollment file is signed by another Ministry key (before: %s; now: %s). "
			     "Call the Ministry to confirm, then run again with --new-central-key"),
			was, now_fp);
		sqlite3_finalize(st);
		return ST_REFUSED;
	}
	sqlite3_finalize(st);

	sk = secret_new(SIGN_SK_BYTES + ENROLL_SECRET_BYTES);
	crypto_sign_keypair(pk, sk->bytes);
	memcpy(sk->bytes + SIGN_SK_BYTES, en->secret, ENROLL_SECRET_BYTES);
	file = key_file_name(pk);
	path = xasprintf("%s/%s", dir, file);
	rc = keyfile_write(path, KEYFILE_UNIT, pk, SIGN_PK_BYTES, sk, pass, e);
	secret_free(sk);
	if (rc != ST_OK)
		goto done;

	store_now(now);
	if ((rc = store_begin(db, e)) != ST_OK)
		goto done;
	for (size_t i = 0; i < en->ntemplates; i++)
		if ((rc = template_install(db, en->templates[i], e)) != ST_OK)
			goto rollback;
	rc = ST_ENV;
	if (store_exec(db, "UPDATE enrollment SET current = 0 WHERE current = 1", e) != ST_OK)
		goto rollback;
	if (store_do(db,
		     "INSERT INTO enrollment(id, unit_code, unit_name, central_sign_pk,"
		     " central_box_pk, unit_sign_pk, key_file, enrolled_at, current, central_email)"
		     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9)",
		     e, "tttbbbttt", en->id, en->unit_code, en->unit_name, en->central_sign,
		     SIGN_PK_BYTES, en->central_box, BOX_PK_BYTES, pk, SIGN_PK_BYTES, file, now,
		     en->email[0] ? en->email : NULL) != ST_OK ||
	    store_do(db,
		     "INSERT INTO unit(only, code, name, enrolled_at) VALUES (1, ?1, ?2, ?3)"
		     " ON CONFLICT(only) DO UPDATE SET code = ?1, name = ?2, enrolled_at = ?3",
		     e, "ttt", en->unit_code, en->unit_name, now) != ST_OK)
		goto rollback;
	if ((rc = store_commit(db, e)) != ST_OK)
		goto done;
	key_fingerprint(pk, SIGN_PK_BYTES, fingerprint);
	rc = ST_OK;
	goto done;
rollback:
	store_rollback(db);
done:
	if (rc != ST_OK)
		plat_remove(path);
	free(file);
	free(path);
	return rc;
}

static const char *
sniff_type(const unsigned char *p, size_t n)
{
	if (n >= 5 && memcmp(p, "%PDF-", 5) == 0)
		return "application/pdf";
	if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return "image/jpeg";
	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	return NULL;
}

enum status
unit_attach(struct store *db, int year, int phase_first, const char *path, struct err *e)
{
	char *data, now[32];
	size_t len;
	const char *type, *base = plat_base_name(path), *why;
	enum status rc;

	/* The central refuses a bundle holding such a name as damaged: say it now, naming the
	 * file, not at pack time. */
	if (!text_attachment_name_ok(base, &why)) {
		err_set(e,
			L("%s: không đính kèm được với tên này: %s",
			  "%s: cannot be attached under this name: %s"),
			path, why);
		return ST_REFUSED;
	}
	if ((rc = file_read(path, ATTACHMENT_MAX, &data, &len, e)) != ST_OK) {
		if (rc == ST_REFUSED)
			err_set(e, L("%s lớn hơn 32 MB: hãy quét lại với độ phân giải thấp hơn",
				     "%s is over 32 MB: scan it again at a lower resolution"),
				path);
		return rc;
	}
	if ((type = sniff_type((unsigned char *)data, len)) == NULL) {
		free(data);
		err_set(e, L("%s không phải PDF, JPEG hay PNG", "%s is not a PDF, JPEG or PNG file"), path);
		return ST_REFUSED;
	}
	store_now(now);
	rc = store_do(db,
		      "INSERT INTO attachment(year, phase_first, name, type, size, data, added_at)"
		      " SELECT ?1, ?7, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM report"
		      " WHERE year = ?1 AND phase_first = ?7)"
		      " ON CONFLICT(year, phase_first, name) DO UPDATE SET type = ?3, size = ?4,"
		      " data = ?5, added_at = ?6",
		      e, "ittIbti", year, base, type, (sqlite3_int64)len, data, (int)len, now,
		      phase_first);
	free(data);
	if (rc == ST_OK && sqlite3_changes(db->sql) == 0)
		return phase_no_report(db, year, phase_first, e);
	return rc;
}

enum status
unit_attachments(struct store *db, int year, int phase_first, struct attachment_row **out,
		 size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	enum status rc;
	*out = NULL;
	*n = 0;
	st = store_query(db,
			 "SELECT name, type, size, added_at FROM attachment WHERE year = ?1"
			 " AND phase_first = ?2 ORDER BY id",
			 e, "ii", year, phase_first);
	while (store_next(db, st, &rc, e)) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		struct attachment_row *a = &(*out)[(*n)++];
		a->name = xstrdup((const char *)sqlite3_column_text(st, 0));
		a->type = xstrdup((const char *)sqlite3_column_text(st, 1));
		a->size = sqlite3_column_int64(st, 2);
		snprintf(a->added_at, sizeof a->added_at, "%s",
			 (const char *)sqlite3_column_text(st, 3));
	}
	if (rc != ST_OK) {
		unit_attachments_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
unit_attachments_free(struct attachment_row *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(a[i].name);
		free(a[i].type);
	}
	free(a);
}

size_t
unit_attachment_count(struct store *db, int year, int phase_first)
{
	return (size_t)store_int(db, 0,
				 "SELECT count(*) FROM attachment WHERE year = ?1 AND phase_first = ?2",
				 "ii", year, phase_first);
}

/* Streams an attachment out of the database for bundle_pack. */
struct blob_reader {
	struct store *db;
	sqlite3_int64 rowid;
	sqlite3_blob *blob;
};

static bool
blob_read(void *ctx, uint64_t offset, unsigned char *buf, size_t len)
{
	struct blob_reader *r = ctx;
	if (r->blob == NULL && sqlite3_blob_open(r->db->sql, "main", "attachment", "data", r->rowid,
						 0, &r->blob) != SQLITE_OK)
		return false;
	return offset <= INT32_MAX && len <= INT32_MAX &&
	       sqlite3_blob_read(r->blob, buf, (int)len, (int)offset) == SQLITE_OK;
}

struct current_key {
	char id[33], unit[64], *file;
	unsigned char central_box[BOX_PK_BYTES], pk[SIGN_PK_BYTES];
	bool has_change;
	unsigned char old_pk[SIGN_PK_BYTES], change_sig[SIG_BYTES];
};

static enum status
current_key(struct store *db, struct current_key *k, struct err *e)
{
	sqlite3_stmt *st;
	memset(k, 0, sizeof *k);
	if (sqlite3_prepare_v2(
		db->sql,
		"SELECT id, unit_code, central_box_pk, unit_sign_pk, key_file, previous_pk,"
		" key_change_sig FROM enrollment WHERE current = 1",
		-1, &st, NULL) != SQLITE_OK)
		return store_error(db, e);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		err_set(e, L("đơn vị chưa đăng ký: hãy mở tệp đăng ký do Bộ Y tế gửi",
			     "the unit is not enrolled: open the Ministry's enrollment file"));
		err_next(e, ERR_NEXT_ENROLL);
		return ST_REFUSED;
	}
	snprintf(k->id, sizeof k->id, "%s", sqlite3_column_text(st, 0));
	snprintf(k->unit, sizeof k->unit, "%s", sqlite3_column_text(st, 1));
	if (sqlite3_column_bytes(st, 2) == BOX_PK_BYTES)
		memcpy(k->central_box, sqlite3_column_blob(st, 2), BOX_PK_BYTES);
	if (sqlite3_column_bytes(st, 3) == SIGN_PK_BYTES)
		memcpy(k->pk, sqlite3_column_blob(st, 3), SIGN_PK_BYTES);
	k->file = xstrdup((const char *)sqlite3_column_text(st, 4));
	if (sqlite3_column_bytes(st, 5) == SIGN_PK_BYTES && sqlite3_column_bytes(st, 6) == SIG_BYTES) {
		k->has_change = true;
		memcpy(k->old_pk, sqlite3_column_blob(st, 5), SIGN_PK_BYTES);
		memcpy(k->change_sig, sqlite3_column_blob(st, 6), SIG_BYTES);
	}
	sqlite3_finalize(st);
	return ST_OK;
}

enum status
unit_year_status(struct store *db, int year, int phase_first, const char *today, bool or_new,
		 struct year_status *ys, struct err *e)
{
	struct report *r;
	struct findings f;
	sqlite3_stmt *st;
	enum status rc = report_read(db, year, phase_first, &r, e);

	memset(ys, 0, sizeof *ys);
	ys->year = year;
	ys->phase_first = phase_first;
	ys->stored = rc == ST_OK;
	if (rc == ST_REFUSED && or_new)
		rc = report_open_or_new(db, year, phase_first, &r, e);
	if (rc != ST_OK)
		return rc;
	validate_report(r, today, &f);
	for (size_t i = 0; i < r->t->nfields; i++)
		if (r->t->fields[i].required && r->t->fields[i].type != F_TABLE) {
			ys->required++;
			ys->filled += r->values[i].k != V_NULL;
		}
	ys->errors = f.errors;
	ys->warnings = f.warnings;
	ys->due_day = r->t->due_day;
	ys->due_month = r->t->due_month;
	ys->days_left = store_days_until(year, r->t->due_month, r->t->due_day);
	findings_free(&f);
	report_free(r);
	/* The last bundle packed, and the Ministry's last word on it. */
	if ((st = store_query(db,
			      "SELECT b.revision, b.created_at, b.path, r.outcome, r.signed_at FROM bundle b"
			      " LEFT JOIN receipt r ON r.id = (SELECT max(id) FROM receipt WHERE bundle_id ="
			      " b.id) WHERE b.year = ?1 AND b.phase_first = ?2"
			      " ORDER BY b.revision DESC LIMIT 1",
			      e, "ii", year, phase_first)) == NULL)
		return ST_ENV;
	if (sqlite3_step(st) == SQLITE_ROW) {
		ys->packed = true;
		ys->revision = sqlite3_column_int(st, 0);
		snprintf(ys->packed_at, sizeof ys->packed_at, "%s", (const char *)sqlite3_column_text(st, 1));
		snprintf(ys->path, sizeof ys->path, "%s",
			 sqlite3_column_text(st, 2) ? (const char *)sqlite3_column_text(st, 2) : "");
		char when[32];
		int d, m, y;
		time_vietnam(ys->packed_at, when);
		ys->packed_late =
		    sscanf(when, "%2d/%2d/%4d", &d, &m, &y) == 3 &&
		    y * 10000 + m * 100 + d > year * 10000 + ys->due_month * 100 + ys->due_day;
		int o = sqlite3_column_text(st, 3) ? receipt_outcome_parse((const char *)sqlite3_column_text(st, 3)) : -1;
		if (o >= 0) {
			ys->answered = true;
			ys->outcome = (enum receipt_outcome)o;
			snprintf(ys->answered_at, sizeof ys->answered_at, "%s",
				 (const char *)sqlite3_column_text(st, 4));
		}
	}
	sqlite3_finalize(st);
	return unit_review_status(db, ys, e);
}

size_t
unit_report_years(struct store *db, int *years, size_t max)
{
	sqlite3_stmt *st;
	size_t n = 0;
	if (sqlite3_prepare_v2(db->sql, "SELECT DISTINCT year FROM report ORDER BY year DESC", -1,
			       &st, NULL) != SQLITE_OK)
		return 0;
	while (n < max && sqlite3_step(st) == SQLITE_ROW)
		years[n++] = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

int
unit_phase_started(struct store *db, int year)
{
	return (int)store_int(db, 0,
			      "SELECT max(phase_first) FROM report WHERE year = ?1 AND phase_first > 0",
			      "i", year);
}

bool
unit_identity(struct store *db, char code[64], char name[512])
{
	sqlite3_stmt *st;
	bool found = false;
	if (sqlite3_prepare_v2(db->sql, "SELECT code, name FROM unit", -1, &st, NULL) != SQLITE_OK)
		return false;
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(code, 64, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(name, 512, "%s", (const char *)sqlite3_column_text(st, 1));
		found = true;
	}
	sqlite3_finalize(st);
	return found;
}

char *
unit_ministry_email(struct store *db)
{
	return store_text(db, "SELECT central_email FROM enrollment WHERE current = 1", "");
}

enum status
unit_enrolled(struct store *db, struct err *e)
{
	char fingerprint[48];
	return unit_fingerprint(db, fingerprint, e);
}

enum status
unit_fingerprint(struct store *db, char fingerprint[48], struct err *e)
{
	struct current_key k;
	enum status rc = current_key(db, &k, e);
	fingerprint[0] = '\0';
	if (rc != ST_OK)
		return rc;
	key_fingerprint(k.pk, SIGN_PK_BYTES, fingerprint);
	free(k.file);
	sodium_memzero(&k, sizeof k);
	return ST_OK;
}

/* Opens the secret key of k, which current_key filled. */
static enum status
open_current_key(struct store *db, const char *dir, const struct secret *pass,
		 struct current_key *k, struct secret **sk, struct err *e)
{
	unsigned char pk[SIGN_PK_BYTES];
	enum status rc;
	char *path = xasprintf("%s/%s", dir, k->file);
	(void)db;
	rc = keyfile_read(path, KEYFILE_UNIT, pass, sk, pk, SIGN_PK_BYTES, e);
	free(path);
	if (rc == ST_OK && sodium_memcmp(pk, k->pk, SIGN_PK_BYTES) != 0) {
		secret_free(*sk);
		*sk = NULL;
		err_set(e, L("tệp khóa %s không khớp với khóa đã đăng ký", "key file %s does not match the enrolled key"),
			k->file);
		return ST_ENV;
	}
	return rc;
}

static void
safe_name(const char *in, char *out, size_t n)
{
	size_t i;
	for (i = 0; in[i] && i + 1 < n; i++) {
		char c = in[i];
		out[i] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
				 c == '-' || c == '_'
			     ? c
			     : '_';
	}
	out[i] = '\0';
}

/* What pack_written needs to record a bundle and commit the revision taken for it. */
struct pack_commit {
	struct store *db;
	const struct pack_request *req;
	int year, phase_first, revision, old_revision;
	const char *path;
	bool armor, committed;
	uint64_t size;
};

/* Called by bundle_pack once the bundle is durably written and has read back, before it takes
 * its name: records it and commits the revision. */
static enum status
pack_written(void *ctx, const unsigned char hash[HASH_BYTES], uint64_t size, struct err *e)
{
	struct pack_commit *c = ctx;
	sqlite3_stmt *st;
	char hexid[33], hexhash[65];
	enum status rc;

	hex_encode(c->req->meta.id, BUNDLE_ID_BYTES, hexid);
	hex_encode(hash, HASH_BYTES, hexhash);
	if (sqlite3_prepare_v2(
		c->db->sql,
		"INSERT INTO bundle(id, year, phase_first, revision, path, size, hash, armored,"
		" created_at) VALUES (?1, ?2, ?9, ?3, ?4, ?5, ?6, ?7, ?8)",
		-1, &st, NULL) != SQLITE_OK)
		return store_error(c->db, e);
	sqlite3_bind_text(st, 1, hexid, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, c->year);
	sqlite3_bind_int(st, 3, c->revision);
	sqlite3_bind_text(st, 4, c->path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)size);
	sqlite3_bind_text(st, 6, hexhash, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, c->armor);
	sqlite3_bind_text(st, 8, c->req->meta.created, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 9, c->phase_first);
	rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : store_error(c->db, e);
	sqlite3_finalize(st);
	if (rc == ST_OK && (rc = store_commit(c->db, e)) == ST_OK) {
		c->committed = true;
		c->size = size;
	}
	return rc;
}

/* The bundle was recorded but could not take its name (the rename failed): nothing was made,
 * so the revision goes back to what it was. */
static void
pack_undo(struct pack_commit *c)
{
	sqlite3_stmt *st = NULL;
	char hexid[33];
	bool ok;

	hex_encode(c->req->meta.id, BUNDLE_ID_BYTES, hexid);
	if (store_begin(c->db, NULL) != ST_OK)
		return;
	ok = sqlite3_prepare_v2(c->db->sql, "DELETE FROM bundle WHERE id = ?1", -1, &st, NULL) ==
		 SQLITE_OK &&
	     sqlite3_bind_text(st, 1, hexid, -1, SQLITE_STATIC) == SQLITE_OK &&
	     sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	st = NULL;
	ok = ok &&
	     sqlite3_prepare_v2(c->db->sql,
				"UPDATE report SET revision = ?1 WHERE year = ?2 AND revision = ?3"
				" AND phase_first = ?4",
				-1, &st, NULL) == SQLITE_OK &&
	     sqlite3_bind_int(st, 1, c->old_revision) == SQLITE_OK &&
	     sqlite3_bind_int(st, 2, c->year) == SQLITE_OK &&
	     sqlite3_bind_int(st, 3, c->revision) == SQLITE_OK &&
	     sqlite3_bind_int(st, 4, c->phase_first) == SQLITE_OK && sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	ok = ok && unit_review_unanswer(c->db, c->year, c->phase_first, c->revision, NULL) == ST_OK;
	if (!ok || store_commit(c->db, NULL) != ST_OK)
		store_rollback(c->db);
}

enum status
unit_pack_folder(const char *outdir, struct err *e)
{
	struct stat sb;
	if (plat_stat(outdir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		err_set(e, L("không có thư mục %s để ghi gói", "there is no folder %s to write the bundle in"),
			outdir);
		return ST_ENV;
	}
	return ST_OK;
}

/* A report with errors is never packed; one with warnings only when they were accepted. The
 * refusal says what is wrong (e->code a pack_refusal); where to look is the front end's hint. */
static enum status
pack_gate(const struct report *r, const char *today, bool accept_warnings, struct findings *f,
	  struct err *e)
{
	char name[REPORT_PERIOD_NAME_SIZE];
	validate_report(r, today, f);
	report_period_name(r->year, report_phase_first(r), name);
	if (f->errors) {
		err_set(e, L("báo cáo %s còn %zu lỗi", "the %s report has %zu errors"), name,
			f->errors);
		e->code = PACK_HAS_ERRORS;
		return ST_REFUSED;
	}
	if (f->warnings && !accept_warnings) {
		err_set(e, L("báo cáo %s có %zu cảnh báo", "the %s report has %zu warnings"), name,
			f->warnings);
		e->code = PACK_HAS_WARNINGS;
		return ST_REFUSED;
	}
	return ST_OK;
}

/* Takes the next revision of the year's report, inside the caller's transaction: one more than
 * any the report or its bundles had. */
static enum status
pack_next_revision(struct store *db, struct report *r, struct err *e)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db->sql,
			       "UPDATE report SET revision = 1 + max(revision, coalesce((SELECT"
			       " max(revision) FROM bundle WHERE year = ?1 AND phase_first = ?2),"
			       " 0)) WHERE year = ?1 AND phase_first = ?2 RETURNING revision",
			       -1, &st, NULL) != SQLITE_OK ||
	    (sqlite3_bind_int(st, 1, r->year), sqlite3_bind_int(st, 2, report_phase_first(r)),
	     sqlite3_step(st)) != SQLITE_ROW) {
		enum status rc = store_error(db, e);
		sqlite3_finalize(st);
		return rc;
	}
	r->revision = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return ST_OK;
}

/* The report names the enrolled unit, whatever its draft said. */
static void
pack_unit_names(struct store *db, struct report *r, const char *unit)
{
	sqlite3_stmt *un;
	free(r->unit_code);
	free(r->unit_name);
	r->unit_code = xstrdup(unit);
	if (sqlite3_prepare_v2(db->sql, "SELECT unit_name FROM enrollment WHERE current = 1", -1,
			       &un, NULL) == SQLITE_OK &&
	    sqlite3_step(un) == SQLITE_ROW)
		r->unit_name = xstrdup((const char *)sqlite3_column_text(un, 0));
	else
		r->unit_name = NULL;
	sqlite3_finalize(un);
}

/* The year's attachments, read from their blobs while packing (one more than the limit is
 * listed, so that bundle_pack refuses too many instead of packing some). */
struct pack_files {
	struct bundle_attachment *att;
	struct blob_reader *readers;
	size_t n;
};

static enum status
pack_files_list(struct store *db, int year, int phase_first, struct pack_files *pf, struct err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->sql,
			       "SELECT id, name, type, size FROM attachment WHERE year = ?1"
			       " AND phase_first = ?2 ORDER BY id",
			       -1, &st, NULL) != SQLITE_OK)
		return store_error(db, e);
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_int(st, 2, phase_first);
	while (sqlite3_step(st) == SQLITE_ROW && pf->n < BUNDLE_MAX_ATTACHMENTS + 1) {
		pf->att = xreallocarray(pf->att, pf->n + 1, sizeof *pf->att);
		pf->readers = xreallocarray(pf->readers, pf->n + 1, sizeof *pf->readers);
		pf->n++;
	}
	sqlite3_reset(st);
	for (size_t i = 0; i < pf->n && sqlite3_step(st) == SQLITE_ROW; i++) {
		pf->readers[i] = (struct blob_reader){db, sqlite3_column_int64(st, 0), NULL};
		pf->att[i] = (struct bundle_attachment){
		    .name = xstrdup((const char *)sqlite3_column_text(st, 1)),
		    .type = xstrdup((const char *)sqlite3_column_text(st, 2)),
		    .size = (uint64_t)sqlite3_column_int64(st, 3),
		    .read = blob_read,
		    .ctx = &pf->readers[i],
		};
	}
	sqlite3_finalize(st);
	return ST_OK;
}

static void
pack_files_free(struct pack_files *pf)
{
	for (size_t i = 0; i < pf->n; i++) {
		free(pf->att[i].name);
		free(pf->att[i].type);
		if (pf->readers[i].blob)
			sqlite3_blob_close(pf->readers[i].blob);
	}
	free(pf->att);
	free(pf->readers);
}

/* The signed header: the unit, its key and enrollment (and key change), the recipient. */
static void
pack_meta(struct bundle_meta *m, const struct current_key *k, const struct secret *sk,
	  const struct report *r)
{
	snprintf(m->unit, sizeof m->unit, "%s", k->unit);
	m->year = r->year;
	m->revision = r->revision;
	memcpy(m->recipient, k->central_box, BOX_PK_BYTES);
	memcpy(m->signer, k->pk, SIGN_PK_BYTES);
	snprintf(m->template_id, sizeof m->template_id, "%s", r->t->id);
	m->template_version = r->t->version;
	m->has_enroll = true;
	snprintf(m->enroll_id, sizeof m->enroll_id, "%s", k->id);
	memcpy(m->enroll_secret, sk->bytes + SIGN_SK_BYTES, ENROLL_SECRET_BYTES);
	if (k->has_change) {
		m->has_key_change = true;
		memcpy(m->old_signer, k->old_pk, SIGN_PK_BYTES);
		memcpy(m->key_change_sig, k->change_sig, SIG_BYTES);
	}
}

enum status
unit_pack(struct store *db, const char *dir, int year, int phase_first, const struct secret *pass,
	  const char *outdir, bool armor, bool accept_warnings, const char *today,
	  struct pack_result *res, struct err *e)
{
	struct report *r = NULL;
	struct findings f = {0};
	struct current_key k = {0};
	struct secret *sk = NULL;
	struct pack_request req = {0};
	struct pack_files pf = {0};
	struct buf json;
	struct pack_commit pc = {0};
	struct stat sb;
	unsigned char hash[HASH_BYTES];
	char code[64], period[REPORT_PERIOD_SIZE];
	bool in_tx = false;
	enum status rc;

	memset(res, 0, sizeof *res);
	e->code = 0;
	if ((rc = unit_pack_folder(outdir, e)) != ST_OK)
		return rc;
	buf_init(&json);
	if ((rc = current_key(db, &k, e)) != ST_OK)
		goto done;
	if ((rc = report_read(db, year, phase_first, &r, e)) != ST_OK)
		goto done;
	if ((rc = pack_gate(r, today, accept_warnings, &f, e)) != ST_OK)
		goto done;
	res->warnings = f.warnings;
	if ((rc = open_current_key(db, dir, pass, &k, &sk, e)) != ST_OK)
		goto done;

	/* The revision is taken in a transaction that pack_written commits only once the bundle
	 * is durably written and has read back: a pack that fails before (folder missing or
	 * full, a write error) leaves the revision and the database as they were. */
	if ((rc = store_begin(db, e)) != ST_OK)
		goto done;
	in_tx = true;
	pc.old_revision = r->revision;
	if ((rc = pack_next_revision(db, r, e)) != ST_OK)
		goto done;
	/* The Ministry's comments are answered by this revision: they go with its commit. */
	if ((rc = unit_review_answer(db, year, phase_first, r->revision, e)) != ST_OK)
		goto done;
	pack_unit_names(db, r, k.unit);
	report_to_json(r, &json);
	if ((rc = pack_files_list(db, year, phase_first, &pf, e)) != ST_OK)
		goto done;
	pack_meta(&req.meta, &k, sk, r);
	req.report = json.data;
	req.report_len = json.len;
	req.att = pf.att;
	req.natt = pf.n;
	req.sign_sk = sk->bytes;

	safe_name(k.unit, code, sizeof code);
	/* The period names the file: XHHT-2023-2025-BVDKM-r1.xhht beside XHHT-2025-BVDKM-r3.xhht
	 * (docs/bundle-format.md 7.8). */
	report_period_text(year, phase_first, period);
	res->path = xasprintf("%s/XHHT-%s-%s-r%d.xhht", outdir, period, code, r->revision);
	if (plat_lstat(res->path, &sb) == 0) {
		err_set(e, L("%s đã có: không ghi đè", "%s already exists: not overwriting"), res->path);
		rc = ST_ENV;
		goto done;
	}
	pc.db = db;
	pc.req = &req;
	pc.year = year;
	pc.phase_first = phase_first;
	pc.revision = r->revision;
	pc.path = res->path;
	pc.armor = armor;
	req.written = pack_written;
	req.written_ctx = &pc;
	rc = bundle_pack(&req, res->path, armor, hash, e);
	if (rc != ST_OK && pc.committed)
		pack_undo(&pc);
	if (rc != ST_OK)
		goto done;
	res->revision = r->revision;
	res->size = pc.size;
done:
	if (in_tx && !pc.committed)
		store_rollback(db);
	sodium_memzero(&req.meta, sizeof req.meta);
	pack_files_free(&pf);
	secret_free(sk);
	free(k.file);
	buf_free(&json);
	findings_free(&f);
	report_free(r);
	return rc;
}

enum status
unit_receipt_check(struct store *db, const unsigned char *data, size_t len, struct receipt *r,
		   struct err *e)
{
	sqlite3_stmt *st;
	struct err last = {0};
	bool verified = false;
	char id[33], hash[65];

	/* Any central key this unit was ever enrolled with may sign receipts for its bundles. */
	if (sqlite3_prepare_v2(
		db->sql, "SELECT DISTINCT central_sign_pk FROM enrollment ORDER BY current DESC",
		-1, &st, NULL) != SQLITE_OK)
		return store_error(db, e);
	while (!verified && sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_bytes(st, 0) != SIGN_PK_BYTES)
			continue;
		verified = receipt_read(data, len, sqlite3_column_blob(st, 0), r, &last) == ST_OK;
	}
	sqlite3_finalize(st);
	if (!verified) {
		if (last.msg[0] == '\0')
			err_set(e, L("đơn vị chưa đăng ký nên chưa kiểm tra được biên nhận",
				     "the unit is not enrolled, so receipts cannot be checked"));
		else
			*e = last;
		return ST_REFUSED;
	}
	hex_encode(r->bundle_id, 16, id);
	hex_encode(r->bundle_hash, HASH_BYTES, hash);
	if (sqlite3_prepare_v2(
		db->sql,
		"SELECT hash = ?2 AND year = ?3 AND revision = ?4 FROM bundle WHERE id = ?1", -1,
		&st, NULL) != SQLITE_OK) {
		receipt_free(r);
		return store_error(db, e);
	}
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, r->year);
	sqlite3_bind_int(st, 4, r->revision);
	int step = sqlite3_step(st);
	bool match = step == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
	sqlite3_finalize(st);
	if (step != SQLITE_ROW || !match)
		receipt_free(r); /* refused: nothing for the caller to free */
	if (step != SQLITE_ROW) {
		err_set(e, L("biên nhận cho một gói không do chương trình này đóng gói (năm %d, lần gửi %d)",
			     "the receipt is for a bundle this program did not pack (%d, revision %d)"),
			r->year, r->revision);
		return ST_REFUSED;
	}
	if (!match) {
		err_set(e, L("biên nhận không khớp với gói đã đóng gói (mã băm, năm hoặc lần gửi khác)",
			     "the receipt does not match the packed bundle (hash, year or revision)"));
		return ST_REFUSED;
	}
	return ST_OK;
}

int
unit_receipt_phase_first(struct store *db, const struct receipt *r)
{
	char id[33];
	hex_encode(r->bundle_id, 16, id);
	return (int)store_int(db, 0, "SELECT phase_first FROM bundle WHERE id = ?1", "t", id);
}

enum status
unit_receipt_record(struct store *db, const unsigned char *data, size_t len,
		    const struct receipt *r, struct err *e)
{
	char id[33], now[32];
	enum status rc;

	hex_encode(r->bundle_id, 16, id);
	store_now(now);
	if ((rc = store_begin(db, e)) != ST_OK)
		return rc;
	if ((rc = store_do(
		 db,
		 "INSERT INTO receipt(bundle_id, year, phase_first, revision, outcome, reason,"
		 " signed_at, document, recorded_at) VALUES (?1, ?2, (SELECT phase_first FROM"
		 " bundle WHERE id = ?1), ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING",
		 e, "tiitttbt", id, r->year, r->revision, receipt_outcome_name(r->outcome),
		 r->reason, r->time, data, (int)len, now)) != ST_OK ||
	    (rc = unit_review_keep(db, r, e)) != ST_OK || (rc = store_commit(db, e)) != ST_OK) {
		store_rollback(db);
		return rc;
	}
	return ST_OK;
}

enum status
unit_receipt(struct store *db, const unsigned char *data, size_t len, struct receipt *r,
	     struct err *e)
{
	enum status rc = unit_receipt_check(db, data, len, r, e);
	return rc == ST_OK ? unit_receipt_record(db, data, len, r, e) : rc;
}

enum status
unit_change_passphrase(struct store *db, const char *dir, const struct secret *old,
		       const struct secret *new_pass, struct err *e)
{
	struct current_key k;
	enum status rc = current_key(db, &k, e);
	if (rc != ST_OK)
		return rc;
	char *path = xasprintf("%s/%s", dir, k.file);
	rc = keyfile_change_passphrase(path, KEYFILE_UNIT, old, new_pass, e);
	free(path);
	free(k.file);
	return rc;
}

enum status
unit_new_key(struct store *db, const char *dir, const struct secret *old_pass,
	     const struct secret *new_pass, char fingerprint[48], struct err *e)
{
	struct current_key k;
	struct secret *old_sk = NULL, *sk = NULL;
	unsigned char pk[SIGN_PK_BYTES], msg[19 + 64 + SIGN_PK_BYTES], sig[SIG_BYTES];
	size_t mlen;
	sqlite3_stmt *st;
	char *file = NULL, *path = NULL, now[32];
	enum status rc;

	if ((rc = current_key(db, &k, e)) != ST_OK)
		return rc;
	/* The central follows one change at a time, from the key it holds: a second change before
	 * it has taken the first would leave the unit unknown to it. It has taken the first once
	 * a bundle packed since got a receipt that is not a refusal. */
	if ((st = store_query(db,
			      "SELECT key_changed_at FROM enrollment e WHERE current = 1 AND"
			      " key_change_after_bundle IS NOT NULL AND NOT EXISTS (SELECT 1 FROM"
			      " receipt r JOIN bundle b ON b.id = r.bundle_id WHERE r.outcome != 'refused'"
			      " AND b.rowid > e.key_change_after_bundle)",
			      e, "")) == NULL) {
		rc = ST_ENV;
		goto done;
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		char when[32];
		time_vietnam((const char *)sqlite3_column_text(st, 0), when);
		err_set(e, L("Bộ Y tế chưa ghi nhận lần đổi khóa trước (%s): hãy đóng gói, gửi một báo "
			     "cáo và mở biên nhận của Bộ rồi mới đổi khóa lần nữa",
			     "the Ministry has not taken the previous key change (%s) yet: pack and send "
			     "a report and open the Ministry's receipt before changing the key again"),
			when);
		err_next(e, ERR_NEXT_OPEN_RECEIPT);
		sqlite3_finalize(st);
		rc = ST_REFUSED;
		goto done;
	}
	sqlite3_finalize(st);
	if ((rc = open_current_key(db, dir, old_pass, &k, &old_sk, e)) != ST_OK)
		goto done;
	/* The new key is announced under the old one, so the central can follow the change
	 * without a new enrollment (docs/bundle-format.md, "Key change"). */
	sk = secret_new(SIGN_SK_BYTES + ENROLL_SECRET_BYTES);
	crypto_sign_keypair(pk, sk->bytes);
	memcpy(sk->bytes + SIGN_SK_BYTES, old_sk->bytes + SIGN_SK_BYTES, ENROLL_SECRET_BYTES);
	key_change_message(k.unit, pk, msg, &mlen);
	crypto_sign_detached(sig, NULL, msg, mlen, old_sk->bytes);
	file = key_file_name(pk);
	path = xasprintf("%s/%s", dir, file);
	if ((rc = keyfile_write(path, KEYFILE_UNIT, pk, SIGN_PK_BYTES, sk, new_pass, e)) != ST_OK)
		goto done;
	store_now(now);
	rc = store_do(db,
		      "UPDATE enrollment SET previous_pk = unit_sign_pk, key_change_sig = ?1,"
		      " unit_sign_pk = ?2, key_file = ?3, key_changed_at = ?4,"
		      " key_change_after_bundle = (SELECT coalesce(max(rowid), 0) FROM bundle)"
		      " WHERE current = 1",
		      e, "bbtt", sig, SIG_BYTES, pk, SIGN_PK_BYTES, file, now);
	if (rc != ST_OK) {
		plat_remove(path);
		goto done;
	}
	key_fingerprint(pk, SIGN_PK_BYTES, fingerprint);
done:
	secret_free(old_sk);
	secret_free(sk);
	free(file);
	free(path);
	free(k.file);
	return rc;
}

enum status
unit_detach(struct store *db, int year, int phase_first, const char *name, struct err *e)
{
	enum status rc = store_do(
	    db, "DELETE FROM attachment WHERE year = ?1 AND phase_first = ?3 AND name = ?2", e,
	    "iti", year, name, phase_first);
	if (rc == ST_OK && sqlite3_changes(db->sql) == 0) {
		err_set(e, L("không có tệp đính kèm \"%s\"", "no attachment \"%s\""), name);
		return ST_REFUSED;
	}
	return rc;
}

enum status
unit_backup(struct store *db, const char *dir, const char *into, char **made, struct err *e)
{
	char stamp[32], *folder, *path;
	sqlite3_stmt *st;
	enum status rc;
	store_now(stamp);
	/* 2024-11-28T09:30:00Z -> 20241128-0930 */
	char name[32];
	snprintf(name, sizeof name, "%.4s%.2s%.2s-%.2s%.2s%.2s", stamp, stamp + 5, stamp + 8, stamp + 11,
		 stamp + 14, stamp + 17);
	if ((rc = dir_make(into, e)) != ST_OK)
		return rc;
	/* A folder of our own, made now: one planted under the name (or a symlink to elsewhere)
	 * would receive the database and the key files. Two backups in one second get a number. */
	for (int n = 1;; n++) {
		folder = n == 1 ? xasprintf("%s/xhht-sao-luu-%s", into, name)
				: xasprintf("%s/xhht-sao-luu-%s-%d", into, name, n);
		if (plat_make_dir(folder) == 0)
			break;
		if (errno != EEXIST || n == 100) {
			err_set(e, L("không tạo được thư mục %s: %s", "cannot create folder %s: %s"), folder,
				errno_text(errno));
			free(folder);
			return ST_ENV;
		}
		free(folder);
	}
	/* VACUUM INTO writes a consistent copy even while the database is in use. */
	path = xasprintf("%s/xhht.db", folder);
	if (sqlite3_prepare_v2(db->sql, "VACUUM INTO ?1", -1, &st, NULL) != SQLITE_OK) {
		free(path);
		free(folder);
		return store_error(db, e);
	}
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : store_error(db, e);
	sqlite3_finalize(st);
	free(path);
	/* The key files go too: they stay sealed under the passphrase. */
	if (rc == ST_OK && sqlite3_prepare_v2(db->sql, "SELECT key_file FROM enrollment", -1, &st,
					      NULL) == SQLITE_OK) {
		while (rc == ST_OK && sqlite3_step(st) == SQLITE_ROW) {
			char *src = xasprintf("%s/%s", dir, sqlite3_column_text(st, 0));
			char *dst = xasprintf("%s/%s", folder, sqlite3_column_text(st, 0));
			char *data;
			size_t len;
			if (file_read(src, 1u << 20, &data, &len, e) == ST_OK) {
				rc = file_write_atomic_mode(dst, data, len, 0600, e);
				free(data);
			}
			free(src);
			free(dst);
		}
		sqlite3_finalize(st);
	}
	if (rc == ST_OK)
		*made = folder;
	else
		free(folder);
	return rc;
}

enum status
unit_restore(struct store *db, const char *dir, const char *from, struct err *e)
{
	char *path = xasprintf("%s/xhht.db", from);
	sqlite3 *src = NULL;
	sqlite3_backup *bk;
	enum status rc = ST_OK;
	struct err e2;

	/* The backup must be one of ours, of a schema this program knows: open and check it
	 * (as a copy would be opened) before anything of the current data is touched. */
	if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		err_set(e, L("không mở được bản sao lưu %s", "cannot open the backup %s"), path);
		sqlite3_close(src);
		free(path);
		return ST_REFUSED;
	}
	sqlite3_stmt *st;
	int appid = -1, version = -1;
	if (sqlite3_prepare_v2(src, "SELECT (SELECT application_id FROM pragma_application_id),"
				    " (SELECT user_version FROM pragma_user_version)",
			       -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW) {
			appid = sqlite3_column_int(st, 0);
			version = sqlite3_column_int(st, 1);
		}
		sqlite3_finalize(st);
	}
	if (appid != 0x58484854 || version < 1 || version > store_schema_version(STORE_UNIT)) {
		err_set(e, L("%s không phải bản sao lưu của xhht (hoặc của phiên bản mới hơn)",
			     "%s is not an xhht backup (or one from a newer version)"),
			path);
		sqlite3_close(src);
		free(path);
		return ST_REFUSED;
	}
	bk = sqlite3_backup_init(db->sql, "main", src, "main");
	if (bk == NULL || sqlite3_backup_step(bk, -1) != SQLITE_DONE)
		rc = store_error(db, e);
	sqlite3_backup_finish(bk);
	sqlite3_close(src);
	free(path);
	if (rc != ST_OK)
		return rc;
	/* The connection now holds the backup's templates: what it remembers of the old ones goes.
	 * An older backup is brought up to this program's schema. */
	template_forget(db);
	if ((rc = store_prepare(db, &e2)) != ST_OK) {
		*e = e2;
		return rc;
	}
	if (sqlite3_prepare_v2(db->sql, "SELECT key_file FROM enrollment", -1, &st, NULL) ==
	    SQLITE_OK) {
		while (rc == ST_OK && sqlite3_step(st) == SQLITE_ROW) {
			char *s = xasprintf("%s/%s", from, sqlite3_column_text(st, 0));
			char *d = xasprintf("%s/%s", dir, sqlite3_column_text(st, 0));
			char *data;
			size_t len;
			if (!plat_exists(d) && file_read(s, 1u << 20, &data, &len, &e2) == ST_OK) {
				rc = file_write_atomic_mode(d, data, len, 0600, e);
				free(data);
			}
			free(s);
			free(d);
		}
		sqlite3_finalize(st);
	}
	return rc;
}
