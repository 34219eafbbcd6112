/* import.c: the central importer: open, trust, merge exactly once, audit, receipt. */
#include "import.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "armor.h"
#include "central.h"
#include "i18n.h"
#include "mail.h"
#include "report.h"
#include "store.h"
#include "text.h"

/* A mailbox is read whole; bigger than this is not a mailbox anyone sends bundles in. */
#define IMPORT_MAX_FILE (512u * 1024 * 1024)
#define MAX_FOLDER_DEPTH 32

static const char *const outcome_names[] = {"merged", "duplicate", "older", "conflict", "refused"};

static int
bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
	return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
}

static enum status
audit(struct importer *im, const struct import_result *r, const unsigned char hash[HASH_BYTES],
      struct err *e)
{
	sqlite3_stmt *st;
	char now[32];
	store_now(now);
	if ((st = store_stmt(im->db,
			       "INSERT INTO audit(at, source, message_id, file_hash, unit_code, year,"
			       " revision, outcome, reason) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)", e)) == NULL)
		return store_error(im->db, e);
	sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, r->source, -1, SQLITE_STATIC);
	bind_text_or_null(st, 3, r->message_id);
	sqlite3_bind_blob(st, 4, hash, HASH_BYTES, SQLITE_STATIC);
	if (r->known) {
		sqlite3_bind_text(st, 5, r->unit, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 6, r->year);
		sqlite3_bind_int(st, 7, r->revision);
	}
	sqlite3_bind_text(st, 8, outcome_names[r->outcome], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, r->outcome == RO_REFUSED ? bundle_error_name(r->error) : r->reason,
			  -1, SQLITE_STATIC);
	enum status rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : store_error(im->db, e);
	store_done(st);
	return rc;
}

static enum status
exec1(sqlite3 *db, const char *sql, const char *unit, int year, struct err *e)
{
	sqlite3_stmt *st = store_stmt(db, sql, e);
	if (st == NULL)
		return ST_ENV;
	sqlite3_bind_text(st, 1, unit, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	enum status rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : store_error(db, e);
	store_done(st);
	return rc;
}

/* Decides and records what becomes of an authentic bundle, inside one transaction. */
static enum status
merge(struct importer *im, const struct bundle *b, struct import_result *r, struct err *e)
{
	sqlite3 *db = im->db;
	const struct bundle_meta *m = &b->meta;
	sqlite3_stmt *st = NULL;
	struct report *rep = NULL;
	char now[32], idhex[33];
	bool bound_new;
	enum status rc;

	store_now(now);
	if ((rc = store_run(db, "SAVEPOINT bundle", e)) != ST_OK)
		return rc;
	/* No second trust check: bundle_open_seen ran central_trust inside this same write
	 * transaction (batch_open comes first), so nothing can have bound or revoked since. */
	/* What the central holds already: this very bundle, another of the same revision, and
	 * the revision merged (binding the signer's key below changes none of them). */
	if ((st = store_stmt(db,
			     "SELECT EXISTS (SELECT 1 FROM bundle WHERE hash = ?4),"
			     " (SELECT count(*) FROM bundle WHERE unit_code = ?1 AND year = ?2"
			     " AND revision = ?3), (SELECT revision FROM merged WHERE unit_code = ?1"
			     " AND year = ?2)",
			     e)) == NULL)
		goto sqlerr;
	sqlite3_bind_text(st, 1, m->unit, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, m->year);
	sqlite3_bind_int(st, 3, m->revision);
	sqlite3_bind_blob(st, 4, b->hash, HASH_BYTES, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW)
		goto sqlerr;
	bool have = sqlite3_column_int(st, 0) != 0;
	bool same_revision = sqlite3_column_int(st, 1) > 0;
	bool has_merged = sqlite3_column_type(st, 2) != SQLITE_NULL;
	int merged_rev = sqlite3_column_int(st, 2);
	store_done(st);
	st = NULL;
	if (have) {
		r->outcome = RO_DUPLICATE;
		goto record;
	}
	if ((rc = central_bind(db, m, &bound_new, e)) != ST_OK)
		goto fail;
	if (same_revision)
		r->outcome = RO_CONFLICT; /* same revision, different content: never silently */
	else if (!has_merged || m->revision > merged_rev)
		r->outcome = RO_MERGED;
	else
		r->outcome = RO_OLDER;

	if (r->outcome == RO_MERGED) {
		struct err e2;
		if (b->parsed == NULL &&
		    report_from_json(db, b->report, b->report_len, m->year, &rep, &e2) != ST_OK) {
			r->outcome = RO_REFUSED;
			r->error = BE_INVALID_REPORT;
			goto record;
		}
		/* A unit's first report of the year (most bundles) replaces nothing. */
		if (has_merged &&
		    (rc = exec1(db, "UPDATE bundle SET state = 'superseded' WHERE hash = (SELECT"
				    " bundle_hash FROM merged WHERE unit_code = ?1 AND year = ?2)",
				m->unit, m->year, e)) != ST_OK)
			goto fail;
	}
	hex_encode(m->id, BUNDLE_ID_BYTES, idhex);
	if ((st = store_stmt(db,
			       "INSERT INTO bundle(hash, id, unit_code, year, revision, packed_at,"
			       " imported_at, signer_pk, template_id, template_version, report, state,"
			       " source) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)", e)) == NULL)
		goto sqlerr;
	sqlite3_bind_blob(st, 1, b->hash, HASH_BYTES, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, idhex, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, m->unit, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, m->year);
	sqlite3_bind_int(st, 5, m->revision);
	sqlite3_bind_text(st, 6, m->created, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, now, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 8, m->signer, SIGN_PK_BYTES, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, m->template_id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 10, m->template_version);
	sqlite3_bind_text(st, 11, b->report, (int)b->report_len, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, outcome_names[r->outcome], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 13, r->source, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto sqlerr;
	store_done(st);
	st = NULL;
	if ((st = store_stmt(db,
			       "INSERT INTO bundle_attachment(bundle_hash, position, name, type, size, data)"
			       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", e)) == NULL)
		goto sqlerr;
	for (size_t i = 0; i < b->natt; i++) {
		sqlite3_reset(st);
		sqlite3_bind_blob(st, 1, b->hash, HASH_BYTES, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, (int)i + 1);
		sqlite3_bind_text(st, 3, b->att[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, b->att[i].type, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, (sqlite3_int64)b->att[i].size);
		sqlite3_bind_blob64(st, 6, b->att[i].data, b->att[i].size, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto sqlerr;
	}
	store_done(st);
	st = NULL;
	if (r->outcome == RO_MERGED) {
		if ((st = store_stmt(db,
				       "INSERT INTO merged(unit_code, year, bundle_hash, revision, merged_at)"
				       " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(unit_code, year) DO UPDATE"
				       " SET bundle_hash = ?3, revision = ?4, merged_at = ?5", e)) == NULL)
			goto sqlerr;
		sqlite3_bind_text(st, 1, m->unit, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, m->year);
		sqlite3_bind_blob(st, 3, b->hash, HASH_BYTES, SQLITE_STATIC);
		sqlite3_bind_int(st, 4, m->revision);
		sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto sqlerr;
		store_done(st);
		st = NULL;
	}
record:
	if (r->outcome == RO_REFUSED) {
		/* Nothing of a refused bundle is kept but the audit line. */
		if ((rc = store_run(db, "ROLLBACK TO bundle", e)) != ST_OK)
			goto fail;
	}
	if ((rc = audit(im, r, b->hash, e)) != ST_OK)
		goto fail;
	rc = store_run(db, "RELEASE bundle", e);
	report_free(rep);
	return rc;
sqlerr:
	rc = store_error(db, e);
fail:
	store_done(st);
	sqlite3_exec(db, "ROLLBACK TO bundle; RELEASE bundle", NULL, NULL, NULL);
	report_free(rep);
	return rc;
}

/* For a bundle seen before: what to answer if no receipt was written for it yet. */
static bool
first_outcome(sqlite3 *db, const unsigned char *hash, enum receipt_outcome *o, bool *sent)
{
	sqlite3_stmt *st;
	*sent = false;
	if ((st = store_stmt(db,
			       "SELECT (SELECT outcome FROM audit WHERE file_hash = ?1 AND outcome NOT IN"
			       " ('duplicate', 'refused') ORDER BY id LIMIT 1),"
			       " EXISTS (SELECT 1 FROM receipt_sent WHERE bundle_hash = ?1)", NULL)) == NULL)
		return false;
	sqlite3_bind_blob(st, 1, hash, HASH_BYTES, SQLITE_STATIC);
	bool ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL;
	if (ok) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		for (int i = 0; i < 5; i++)
			if (strcmp(name, outcome_names[i]) == 0)
				*o = (enum receipt_outcome)i;
		*sent = sqlite3_column_int(st, 1) != 0;
	}
	store_done(st);
	return ok;
}

/* True when path holds a receipt this central signed for the bundle hash: one written just
 * before a crash, whose writing was never recorded. Its name is taken again, so that the
 * bundle still has one receipt file, not a second one with a suffix. */
static bool
receipt_names(struct importer *im, const char *path, const unsigned char hash[HASH_BYTES])
{
	unsigned char *data;
	size_t len;
	struct receipt old;
	struct err ignored;
	bool same = false;
	if (container_read(path, "RECEIPT", 1u << 20, &data, &len, &ignored) != ST_OK)
		return false;
	if (receipt_read(data, len, im->sign_pk, &old, &ignored) == ST_OK)
		same = sodium_memcmp(old.bundle_hash, hash, HASH_BYTES) == 0;
	free(data);
	return same;
}

static enum status
write_receipt(struct importer *im, struct import_result *r, const struct bundle_meta *m,
	      const unsigned char hash[HASH_BYTES], struct err *e)
{
	struct receipt rc = {0};
	unsigned char *doc;
	size_t len, alen;
	char *text, code[64], *path = NULL;
	enum status st;
	sqlite3_stmt *q;
	char now[32];

	memcpy(rc.bundle_id, m->id, BUNDLE_ID_BYTES);
	memcpy(rc.bundle_hash, hash, HASH_BYTES);
	snprintf(rc.unit, sizeof rc.unit, "%s", m->unit);
	rc.year = m->year;
	rc.revision = m->revision;
	rc.outcome = r->outcome;
	if (r->outcome == RO_REFUSED)
		snprintf(rc.reason, sizeof rc.reason, "%s", bundle_error_name(r->error));
	store_now(rc.time);
	receipt_make(&rc, im->sign_sk, &doc, &len);
	text = armor_encode("RECEIPT", doc, len, &alen);
	free(doc);
	/* META's code is in the alphabet (6.1); the file name is made safe all the same. */
	text_filename_part(m->unit, code, sizeof code);
	/* One name per unit, year and revision; a conflicting bundle's receipt gets a suffix. */
	for (int n = 1; n < 1000; n++) {
		free(path);
		path = n == 1 ? xasprintf("%s/XHHT-%d-%s-r%d.receipt", im->receipts_dir, m->year, code,
					  m->revision)
			      : xasprintf("%s/XHHT-%d-%s-r%d-%d.receipt", im->receipts_dir, m->year, code,
					  m->revision, n);
		if (access(path, F_OK) != 0 || receipt_names(im, path, hash))
			break;
	}
	st = file_write_atomic(path, text, alen, e);
	free(text);
	if (st == ST_OK) {
		snprintf(r->receipt, sizeof r->receipt, "%s", path);
		store_now(now);
		if ((q = store_stmt(im->db,
				       "INSERT INTO receipt_sent(bundle_hash, unit_code, year, revision,"
				       " outcome, path, written_at) VALUES (?1,?2,?3,?4,?5,?6,?7)", e)) != NULL) {
			sqlite3_bind_blob(q, 1, hash, HASH_BYTES, SQLITE_STATIC);
			sqlite3_bind_text(q, 2, m->unit, -1, SQLITE_STATIC);
			sqlite3_bind_int(q, 3, m->year);
			sqlite3_bind_int(q, 4, m->revision);
			sqlite3_bind_text(q, 5, outcome_names[r->outcome], -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 6, path, -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 7, now, -1, SQLITE_STATIC);
			if (sqlite3_step(q) != SQLITE_DONE)
				st = store_error(im->db, e);
			store_done(q);
		} else
			st = store_error(im->db, e);
	}
	free(path);
	return st;
}

/* A bundle whose outcome is decided but not committed yet. */
struct import_pending {
	struct import_result r;
	char *source, *message_id;
	struct bundle_meta meta;
	unsigned char hash[HASH_BYTES];
	bool receipt;                 /* an answer is due */
	enum receipt_outcome answer;  /* what it says */
};

static enum status
batch_open(struct importer *im, struct err *e)
{
	if (im->in_batch)
		return ST_OK;
	enum status rc = store_begin(im->db, e);
	im->in_batch = rc == ST_OK;
	return rc;
}

static void
pending_free(struct importer *im)
{
	for (size_t i = 0; i < im->npending; i++) {
		free(im->pending[i].source);
		free(im->pending[i].message_id);
		sodium_memzero(&im->pending[i].meta, sizeof im->pending[i].meta);
	}
	free(im->pending);
	im->pending = NULL;
	im->npending = 0;
}

void
import_abandon(struct importer *im)
{
	if (im->in_batch)
		store_rollback(im->db);
	im->in_batch = false;
	pending_free(im);
}

static bool
receipt_already_sent(sqlite3 *db, const unsigned char hash[HASH_BYTES])
{
	sqlite3_stmt *st;
	bool sent = false;
	if ((st = store_stmt(db, "SELECT 1 FROM receipt_sent WHERE bundle_hash = ?1", NULL)) != NULL) {
		sqlite3_bind_blob(st, 1, hash, HASH_BYTES, SQLITE_STATIC);
		sent = sqlite3_step(st) == SQLITE_ROW;
		store_done(st);
	}
	return sent;
}

enum status
import_finish(struct importer *im, struct err *e)
{
	enum status rc = ST_OK;
	if (!im->in_batch && im->npending == 0)
		return ST_OK;
	/* Durable first: a receipt never answers a merge that a crash could still undo. */
	if (im->in_batch) {
		im->in_batch = false;
		if ((rc = store_commit(im->db, e)) != ST_OK) {
			pending_free(im);
			return rc;
		}
	}
	/* Receipts written are recorded in the next transaction; one lost in a crash between the
	 * file and its record is written again under the same name (receipt_names). */
	if (im->receipts_dir != NULL)
		rc = batch_open(im, e);
	for (size_t i = 0; i < im->npending && rc == ST_OK; i++) {
		struct import_pending *p = &im->pending[i];
		if (im->receipts_dir != NULL && p->receipt && !receipt_already_sent(im->db, p->hash)) {
			enum receipt_outcome shown = p->r.outcome;
			p->r.outcome = p->answer;
			rc = write_receipt(im, &p->r, &p->meta, p->hash, e);
			p->r.outcome = shown;
		}
		if (rc == ST_OK) {
			im->counts[p->r.outcome]++;
			if (im->on_result)
				im->on_result(im->ctx, &p->r);
		}
	}
	if (rc == ST_OK && im->in_batch) {
		im->in_batch = false;
		rc = store_commit(im->db, e);
	}
	if (rc != ST_OK)
		import_abandon(im);
	pending_free(im);
	return rc;
}

enum status
import_bundle(struct importer *im, const unsigned char *data, size_t len, const char *source,
	      const char *message_id, struct err *e)
{
	struct import_result r = {.source = source, .message_id = message_id};
	struct bundle *b = NULL;
	struct bundle_meta seen;
	unsigned char hash[HASH_BYTES];
	struct err why = {{0}};
	enum status rc;
	struct import_pending p = {0};

	im->found++;
	memset(&seen, 0, sizeof seen);
	if ((rc = batch_open(im, e)) != ST_OK)
		return rc;
	r.error = bundle_open_seen(data, len, im->box_pk, im->box_sk, central_trust, im->db, im->db,
				   &b, &seen, &why);
	/* The file's hash names it in the audit log; an opened bundle has computed it already. */
	if (b != NULL)
		memcpy(hash, b->hash, HASH_BYTES);
	else
		hash_bytes(data, len, hash);
	if (r.error != BE_OK) {
		r.outcome = RO_REFUSED;
		if (seen.unit[0] != '\0') {
			r.known = true;
			snprintf(r.unit, sizeof r.unit, "%s", seen.unit);
			r.year = seen.year;
			r.revision = seen.revision;
		}
		snprintf(r.reason, sizeof r.reason, "%s%s%s", bundle_error_message(r.error),
			 why.msg[0] ? ": " : "", why.msg);
		rc = audit(im, &r, hash, e);
		/* An authentic header gets an answer; anything else may be anyone's. */
		p.receipt = r.known && r.error != BE_NOT_FOR_US;
		p.answer = RO_REFUSED;
		p.meta = seen;
	} else {
		r.known = true;
		snprintf(r.unit, sizeof r.unit, "%s", b->meta.unit);
		r.year = b->meta.year;
		r.revision = b->meta.revision;
		rc = merge(im, b, &r, e);
		if (rc == ST_OK && r.outcome == RO_REFUSED)
			snprintf(r.reason, sizeof r.reason, "%s", bundle_error_message(r.error));
		p.meta = b->meta;
		p.answer = r.outcome;
		p.receipt = r.outcome != RO_DUPLICATE;
		/* A duplicate whose first receipt was never written (a crash in between) gets the
		 * answer it should have had. */
		enum receipt_outcome first = RO_DUPLICATE;
		bool sent;
		if (rc == ST_OK && r.outcome == RO_DUPLICATE &&
		    first_outcome(im->db, b->hash, &first, &sent) && !sent) {
			p.receipt = true;
			p.answer = first;
		}
	}
	bundle_free(b);
	if (rc != ST_OK) {
		import_abandon(im);
		return rc;
	}
	p.r = r;
	p.source = xstrdup(source);
	p.message_id = message_id ? xstrdup(message_id) : NULL;
	p.r.source = p.source;
	p.r.message_id = p.message_id;
	memcpy(p.hash, hash, HASH_BYTES);
	im->pending = xreallocarray(im->pending, im->npending + 1, sizeof *im->pending);
	im->pending[im->npending++] = p;
	if (im->npending >= IMPORT_BATCH)
		return import_finish(im, e);
	return ST_OK;
}

struct found_ctx {
	struct importer *im;
	const char *path;
	size_t n;
	enum status st;
	struct err *e;
};

static enum status
on_found(void *ctx, const unsigned char *data, size_t len, bool armored, const char *part,
	 const char *message_id)
{
	struct found_ctx *f = ctx;
	char *source = part && part[0] ? xasprintf(L("%s (phần %s)", "%s (part %s)"), f->path, part)
				       : xstrdup(f->path);
	enum status st;
	f->n++;
	if (armored) {
		unsigned char *bin;
		size_t blen;
		struct err why;
		if (armor_decode((const char *)data, len, "BUNDLE", &bin, &blen, &why) != ST_OK) {
			/* A damaged armor block is a refused bundle, recorded by its text. */
			st = import_bundle(f->im, data, len, source, message_id, f->e);
		} else {
			st = import_bundle(f->im, bin, blen, source, message_id, f->e);
			free(bin);
		}
	} else
		st = import_bundle(f->im, data, len, source, message_id, f->e);
	free(source);
	return st;
}

static enum status
import_file(struct importer *im, const char *path, bool named, struct err *e)
{
	char *text;
	size_t len;
	struct found_ctx f = {im, path, 0, ST_OK, e};
	enum status rc;

	if ((rc = file_read(path, IMPORT_MAX_FILE, &text, &len, e)) != ST_OK) {
		if (rc == ST_REFUSED && !named) {
			im->skipped++;
			return ST_OK;
		}
		return rc == ST_REFUSED ? ST_OK : rc;
	}
	if (len >= 7 && memcmp(text, "XHHTBDL", 7) == 0)
		rc = on_found(&f, (unsigned char *)text, len, false, NULL, NULL);
	else if (mail_looks_like_mbox(text, len))
		rc = mail_scan_mbox(text, len, on_found, &f, e);
	else if (mail_looks_like_message(text, len))
		rc = mail_scan_message(text, len, on_found, &f, e);
	else
		rc = mail_scan_text(text, len, NULL, NULL, on_found, &f, e);
	free(text);
	if (rc == ST_OK && f.n == 0) {
		if (named) {
			/* The user pointed at this file: say that it holds nothing. */
			struct import_result r = {.source = path, .outcome = RO_REFUSED,
						  .error = BE_NOT_BUNDLE};
			unsigned char hash[HASH_BYTES] = {0};
			snprintf(r.reason, sizeof r.reason, "%s", bundle_error_message(BE_NOT_BUNDLE));
			if ((rc = import_finish(im, e)) == ST_OK && (rc = store_begin(im->db, e)) == ST_OK &&
			    (rc = audit(im, &r, hash, e)) == ST_OK)
				rc = store_commit(im->db, e);
			else
				store_rollback(im->db);
			im->found++;
			im->counts[RO_REFUSED]++;
			if (im->on_result)
				im->on_result(im->ctx, &r);
		} else
			im->skipped++;
	}
	if (im->on_progress)
		im->on_progress(im->ctx, 1);
	return rc;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static enum status
import_dir(struct importer *im, const char *path, int depth, struct err *e)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;
	enum status rc = ST_OK;

	if (depth > MAX_FOLDER_DEPTH)
		return ST_OK;
	if ((d = opendir(path)) == NULL) {
		err_set(e, L("không mở được thư mục %s: %s", "cannot open folder %s: %s"), path,
			strerror(errno));
		return ST_ENV;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue; /* ".", "..", hidden files and maildir's own dot-folders */
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xasprintf("%s/%s", path, de->d_name);
	}
	closedir(d);
	/* In name order, so two runs over the same folder do the same thing in the same order. */
	if (n > 1) /* qsort wants a non-NULL array, even of nothing (an empty folder) */
		qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n && rc == ST_OK; i++) {
		struct stat st;
		if (lstat(names[i], &st) != 0 || S_ISLNK(st.st_mode))
			continue; /* links could loop, or lead out of what the user pointed at */
		if (S_ISDIR(st.st_mode))
			rc = import_dir(im, names[i], depth + 1, e);
		else if (S_ISREG(st.st_mode))
			rc = import_file(im, names[i], false, e);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

void
import_sweep_receipts(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		const char *tmp = strstr(de->d_name, ".receipt.tmp-");
		char *end;
		if (strncmp(de->d_name, "XHHT-", 5) != 0 || tmp == NULL)
			continue;
		long pid = strtol(tmp + 13, &end, 10);
		if (*end != '\0' || pid <= 0)
			continue;
		/* Only a writer that is gone: another import may be writing this very file. */
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		char *path = xasprintf("%s/%s", dir, de->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
}

enum status
import_path(struct importer *im, const char *path, bool named, struct err *e)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		err_set(e, L("không tìm thấy %s: %s", "cannot find %s: %s"), path, strerror(errno));
		return ST_ENV;
	}
	if (S_ISDIR(st.st_mode))
		return import_dir(im, path, 0, e);
	return import_file(im, path, named, e);
}
