/* import.c: the central importer: open, trust, merge exactly once, audit, receipt. */
#include "import.h"

#include <errno.h>
#include <fcntl.h>
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
#include "platform.h"
#include "report.h"
#include "review.h"
#include "store.h"
#include "text.h"

/* A mailbox is read whole; bigger than this is not a mailbox anyone sends bundles in. */
#define IMPORT_MAX_FILE (512u * 1024 * 1024)
#define MAX_FOLDER_DEPTH 32


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
			     " revision, outcome, reason, phase_first)"
			     " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
			     e)) == NULL)
		return store_error(im->db, e);
	sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, r->source, -1, SQLITE_STATIC);
	bind_text_or_null(st, 3, r->message_id);
	sqlite3_bind_blob(st, 4, hash, HASH_BYTES, SQLITE_STATIC);
	if (r->known) {
		sqlite3_bind_text(st, 5, r->unit, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 6, r->year);
		sqlite3_bind_int(st, 7, r->revision);
		sqlite3_bind_int(st, 10, r->phase_first);
	}
	sqlite3_bind_text(st, 8, receipt_outcome_name(r->outcome), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, r->outcome == RO_REFUSED ? bundle_error_name(r->error) : r->reason,
			  -1, SQLITE_STATIC);
	enum status rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : store_error(im->db, e);
	store_done(im->db, st);
	return rc;
}

/* What the central holds already of a bundle's unit, period and revision, and when it was
 * seen. */
struct held {
	bool have;          /* this very bundle */
	bool same_revision; /* another of the same revision */
	bool has_merged;
	int merged_rev;
	char observed[32]; /* the time lateness is judged from */
	bool by_mail;      /* observed is the mail server's Received: time */
};

static enum status
look_held(struct store *db, const struct bundle *b, int phase_first, const char *now,
	  const char *received, struct held *h, struct err *e)
{
	const struct bundle_meta *m = &b->meta;
	sqlite3_stmt *st;
	/* Binding the signer's key (after this) changes none of these. */
	if ((st =
		 store_stmt(db,
			    "SELECT EXISTS (SELECT 1 FROM bundle WHERE hash = ?4),"
			    " (SELECT count(*) FROM bundle WHERE unit_code = ?1 AND year = ?2"
			    " AND phase_first = ?5 AND revision = ?3), (SELECT revision FROM merged"
			    " WHERE unit_code = ?1 AND year = ?2 AND phase_first = ?5),"
			    " (SELECT created_at FROM unit WHERE code = ?1)",
			    e)) == NULL)
		return store_error(db, e);
	sqlite3_bind_text(st, 1, m->unit, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, m->year);
	sqlite3_bind_int(st, 3, m->revision);
	sqlite3_bind_blob(st, 4, b->hash, HASH_BYTES, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, phase_first);
	if (sqlite3_step(st) != SQLITE_ROW) {
		enum status rc = store_error(db, e);
		store_done(db, st);
		return rc;
	}
	h->have = sqlite3_column_int(st, 0) != 0;
	h->same_revision = sqlite3_column_int(st, 1) > 0;
	h->has_merged = sqlite3_column_type(st, 2) != SQLITE_NULL;
	h->merged_rev = sqlite3_column_int(st, 2);
	/* Lateness is judged from this, never from the unit's clock (META created): the import,
	 * or the time the mail server received the message when that is earlier. A Received:
	 * time before the unit was registered here is wrong, and not used. */
	const char *unit_since = (const char *)sqlite3_column_text(st, 3);
	snprintf(h->observed, sizeof h->observed, "%s", now);
	h->by_mail = false;
	if (received != NULL && strcmp(received, now) < 0 && unit_since != NULL &&
	    strcmp(received, unit_since) >= 0) {
		snprintf(h->observed, sizeof h->observed, "%s", received);
		h->by_mail = true;
	}
	store_done(db, st);
	return ST_OK;
}

/* The same bundle in a message received earlier than it was first seen. */
static enum status
observed_earlier(struct store *db, const struct bundle *b, const char *observed, struct err *e)
{
	return store_run(db,
			 "UPDATE bundle SET observed_at = ?2, observed_by = 'mail'"
			 " WHERE hash = ?1 AND observed_at > ?2",
			 e, "bt", b->hash, HASH_BYTES, observed);
}

/* Keeps the bundle, its attachments and, when merged, the unit's merged revision. */
static enum status
store_bundle(struct store *db, const struct bundle *b, const struct import_result *r,
	     const char *now, const struct held *h, struct err *e)
{
	const struct bundle_meta *m = &b->meta;
	sqlite3_stmt *st;
	char idhex[33];
	hex_encode(m->id, BUNDLE_ID_BYTES, idhex);
	if ((st =
		 store_stmt(db,
			    "INSERT INTO bundle(hash, id, unit_code, year, revision, packed_at,"
			    " imported_at, signer_pk, template_id, template_version, report, state,"
			    " source, observed_at, observed_by, phase_first)"
			    " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)",
			    e)) == NULL)
		return store_error(db, e);
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
	sqlite3_bind_text(st, 12, receipt_outcome_name(r->outcome), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 13, r->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 14, h->observed, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 15, h->by_mail ? "mail" : "import", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 16, r->phase_first);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto sqlerr;
	store_done(db, st);
	if ((st = store_stmt(
		 db,
		 "INSERT INTO bundle_attachment(bundle_hash, position, name, type, size, data)"
		 " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		 e)) == NULL)
		return store_error(db, e);
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
	store_done(db, st);
	if (r->outcome != RO_MERGED)
		return ST_OK;
	return store_run(db,
			 "INSERT INTO merged(unit_code, year, phase_first, bundle_hash, revision,"
			 " merged_at) VALUES (?1, ?2, ?6, ?3, ?4, ?5)"
			 " ON CONFLICT(unit_code, year, phase_first) DO UPDATE"
			 " SET bundle_hash = ?3, revision = ?4, merged_at = ?5",
			 e, "tibiti", m->unit, m->year, b->hash, HASH_BYTES, m->revision, now,
			 r->phase_first);
sqlerr:;
	enum status rc = store_error(db, e);
	store_done(db, st);
	return rc;
}

/* The phase a refused bundle claims, from the template META names when the central holds it
 * (0 otherwise): its receipt and audit row are named by that period. */
static int
meta_phase(struct store *db, const struct bundle_meta *m)
{
	struct template *t = NULL;
	struct err ignored = {0};
	int first = 0;
	if (template_get(db, m->template_id, m->template_version, &t, &ignored) == ST_OK) {
		first = t->phase_first;
		template_free(t);
	}
	return first;
}

/* Decides and records what becomes of an authentic bundle, inside one transaction. received:
 * the time the central's mail server received the message it came in, or NULL. */
static enum status
merge(struct importer *im, const struct bundle *b, const char *received, struct import_result *r,
      struct err *e)
{
	struct store *db = im->db;
	const struct bundle_meta *m = &b->meta;
	struct report *rep = NULL;
	struct held h;
	char now[32];
	bool bound_new;
	enum status rc;

	store_now(now);
	if ((rc = store_run(db, "SAVEPOINT bundle", e, "")) != ST_OK)
		return rc;
	/* A phase review is merged apart from the yearly report of its closing year. The report
	 * parsed when the bundle was opened, under the template META names, for META's year: a
	 * phase template whose closing year is another was refused there (invalid-report). */
	const struct report *parsed = b->parsed;
	if (parsed == NULL) {
		struct err e2;
		if (report_from_json(db, b->report, b->report_len, m->year, &rep, &e2) != ST_OK) {
			r->outcome = RO_REFUSED;
			r->error = BE_INVALID_REPORT;
			goto record;
		}
		parsed = rep;
	}
	r->phase_first = report_phase_first(parsed);
	/* No second trust check: bundle_open_seen ran central_trust inside this same write
	 * transaction (batch_open comes first), so nothing can have bound or revoked since. */
	if ((rc = look_held(db, b, r->phase_first, now, received, &h, e)) != ST_OK)
		goto fail;
	snprintf(r->observed, sizeof r->observed, "%s", h.observed);
	if (h.have) {
		r->outcome = RO_DUPLICATE;
		if (h.by_mail && (rc = observed_earlier(db, b, h.observed, e)) != ST_OK)
			goto fail;
		goto record;
	}
	if ((rc = central_bind(db, m, &bound_new, e)) != ST_OK)
		goto fail;
	if (h.same_revision)
		r->outcome = RO_CONFLICT; /* same revision, different content: never silently */
	else if (!h.has_merged || m->revision > h.merged_rev)
		r->outcome = RO_MERGED;
	else
		r->outcome = RO_OLDER;

	if (r->outcome == RO_MERGED) {
		/* A unit's first report of the year (most bundles) replaces nothing. */
		if (h.has_merged &&
		    (rc = store_run(db,
				    "UPDATE bundle SET state = 'superseded' WHERE hash = (SELECT"
				    " bundle_hash FROM merged WHERE unit_code = ?1 AND year = ?2"
				    " AND phase_first = ?3)",
				    e, "tii", m->unit, m->year, r->phase_first)) != ST_OK)
			goto fail;
	}
	if ((rc = store_bundle(db, b, r, now, &h, e)) != ST_OK)
		goto fail;
record:
	if (r->outcome == RO_REFUSED) {
		/* Nothing of a refused bundle is kept but the audit line. */
		if ((rc = store_run(db, "ROLLBACK TO bundle", e, "")) != ST_OK)
			goto fail;
	}
	if ((rc = audit(im, r, b->hash, e)) != ST_OK)
		goto fail;
	rc = store_run(db, "RELEASE bundle", e, "");
	report_free(rep);
	return rc;
fail:
	sqlite3_exec(db->sql, "ROLLBACK TO bundle; RELEASE bundle", NULL, NULL, NULL);
	report_free(rep);
	return rc;
}

/* For a bundle seen before: what to answer if no receipt was written for it yet. */
static bool
first_outcome(struct store *db, const unsigned char *hash, enum receipt_outcome *o, bool *sent)
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
		int k = receipt_outcome_parse((const char *)sqlite3_column_text(st, 0));
		if (k >= 0)
			*o = (enum receipt_outcome)k;
		*sent = sqlite3_column_int(st, 1) != 0;
	}
	store_done(db, st);
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
	if (receipt_read(data, len, im->sign_pk, &old, &ignored) == ST_OK) {
		same = sodium_memcmp(old.bundle_hash, hash, HASH_BYTES) == 0;
		receipt_free(&old);
	}
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
	char *text, code[64], *path = NULL, period[REPORT_PERIOD_SIZE];
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
	/* Staff's review of this very bundle, while it is the one merged, rides on its receipt. */
	long long review_id = 0;
	bool review_pending = false;
	if (receipt_outcome_accepted(r->outcome) &&
	    (st = review_for_bundle(im->db, hash, &rc.review, &review_id, &review_pending, e)) !=
		ST_OK)
		return st;
	receipt_make(&rc, im->sign_sk, &doc, &len);
	receipt_free(&rc);
	text = armor_encode("RECEIPT", doc, len, &alen);
	free(doc);
	/* META's code is in the alphabet (6.1); the file name is made safe all the same. */
	text_filename_part(m->unit, code, sizeof code);
	/* One name per unit, period and revision (a phase review's beside the yearly report's of
	 * its closing year); a conflicting bundle's receipt gets a suffix. */
	report_period_text(m->year, r->phase_first, period);
	for (int n = 1; n < 1000; n++) {
		free(path);
		path = n == 1 ? xasprintf("%s/XHHT-%s-%s-r%d.receipt", im->receipts_dir, period,
					  code, m->revision)
			      : xasprintf("%s/XHHT-%s-%s-r%d-%d.receipt", im->receipts_dir, period,
					  code, m->revision, n);
		if (!plat_exists(path) || receipt_names(im, path, hash))
			break;
	}
	st = file_write_atomic(path, text, alen, e);
	free(text);
	if (st == ST_OK) {
		snprintf(r->receipt, sizeof r->receipt, "%s", path);
		store_now(now);
		if ((q = store_stmt(
			 im->db,
			 "INSERT INTO receipt_sent(bundle_hash, unit_code, year, revision,"
			 " outcome, path, written_at, phase_first)"
			 " VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
			 e)) != NULL) {
			sqlite3_bind_blob(q, 1, hash, HASH_BYTES, SQLITE_STATIC);
			sqlite3_bind_text(q, 2, m->unit, -1, SQLITE_STATIC);
			sqlite3_bind_int(q, 3, m->year);
			sqlite3_bind_int(q, 4, m->revision);
			sqlite3_bind_text(q, 5, receipt_outcome_name(r->outcome), -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 6, path, -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 7, now, -1, SQLITE_STATIC);
			sqlite3_bind_int(q, 8, r->phase_first);
			if (sqlite3_step(q) != SQLITE_DONE)
				st = store_error(im->db, e);
			store_done(im->db, q);
		} else
			st = store_error(im->db, e);
		if (st == ST_OK && review_pending)
			st = review_delivered(im->db, review_id, path, e);
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
	char *unread;                 /* not a result: why this was not looked at (on_unread) */
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
		free(im->pending[i].unread);
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
receipt_already_sent(struct store *db, const unsigned char hash[HASH_BYTES])
{
	sqlite3_stmt *st;
	bool sent = false;
	if ((st = store_stmt(db, "SELECT 1 FROM receipt_sent WHERE bundle_hash = ?1", NULL)) != NULL) {
		sqlite3_bind_blob(st, 1, hash, HASH_BYTES, SQLITE_STATIC);
		sent = sqlite3_step(st) == SQLITE_ROW;
		store_done(db, st);
	}
	return sent;
}

/* A full disk is called one, naming what could not be written. The message is what is left of
 * the failure: the SQLite code of the failing call is gone once the rollback after it ran (a
 * write that found no room is SQLITE_FULL, or an I/O error whose system error says so). */
static enum status
say_full_disk(struct importer *im, enum status rc, struct err *e)
{
	if (rc != ST_ENV || strstr(e->msg, L("đĩa đầy", "disk full")) != NULL)
		return rc;
	int sys = sqlite3_system_errno(im->db->sql);
	if (strstr(e->msg, sqlite3_errstr(SQLITE_FULL)) != NULL ||
	    (strstr(e->msg, sqlite3_errstr(SQLITE_IOERR)) != NULL && (sys == ENOSPC || sys == EDQUOT))) {
		const char *db = sqlite3_db_filename(im->db->sql, "main");
		err_prefix(e, L("đĩa đầy — cơ sở dữ liệu %s: ", "disk full — database %s: "),
			   db && db[0] ? db : "?");
	} else if (im->receipts_dir != NULL && (strstr(e->msg, errno_text(ENOSPC)) != NULL ||
						 strstr(e->msg, errno_text(EDQUOT)) != NULL))
		err_prefix(e, L("đĩa đầy — thư mục biên nhận %s: ", "disk full — receipts folder %s: "),
			   im->receipts_dir);
	return rc;
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
			return say_full_disk(im, rc, e);
		}
	}
	/* Receipts written are recorded in the next transaction; one lost in a crash between the
	 * file and its record is written again under the same name (receipt_names). */
	if (im->receipts_dir != NULL)
		rc = batch_open(im, e);
	/* A receipt that cannot be written stops the writing of receipts, not the reporting:
	 * what it answers is committed and must never look lost. */
	struct import_pending *unanswered = NULL;
	size_t nunanswered = 0;
	struct err why;
	for (size_t i = 0; i < im->npending && rc == ST_OK; i++) {
		struct import_pending *p = &im->pending[i];
		if (im->receipts_dir != NULL && p->receipt && unanswered != NULL)
			nunanswered++;
		else if (im->receipts_dir != NULL && p->receipt &&
			 (!receipt_already_sent(im->db, p->hash) ||
			  review_waiting(im->db, p->hash))) {
			enum receipt_outcome shown = p->r.outcome;
			p->r.outcome = p->answer;
			if (write_receipt(im, &p->r, &p->meta, p->hash, &why) != ST_OK) {
				say_full_disk(im, ST_ENV, &why);
				unanswered = p;
				nunanswered++;
			}
			p->r.outcome = shown;
		}
		if (rc == ST_OK && p->unread != NULL) {
			im->unread++;
			if (im->on_unread)
				im->on_unread(im->ctx, p->source, p->message_id, p->unread);
		} else if (rc == ST_OK) {
			im->counts[p->r.outcome]++;
			if (im->on_result)
				im->on_result(im->ctx, &p->r);
		}
	}
	if (rc == ST_OK && im->in_batch) {
		im->in_batch = false;
		rc = store_commit(im->db, e);
	}
	if (rc == ST_OK && unanswered != NULL) {
		const struct import_pending *p = unanswered;
		char period[REPORT_PERIOD_SIZE];
		report_period_text(p->meta.year, p->r.phase_first, period);
		err_set(e,
			L("%s: %s %s r%d: %s, đã ghi vào cơ sở dữ liệu; nhưng không ghi được biên nhận "
			  "vào thư mục %s (%s); %zu biên nhận chưa viết: nhập lại chính các tệp này khi "
			  "thư mục ghi được thì biên nhận sẽ được viết",
			  "%s: %s %s r%d: %s, and recorded in the database; but its receipt could not be "
			  "written in the folder %s (%s); %zu receipts not written: import the same files "
			  "again once the folder is writable to write them"),
			p->r.source, p->meta.unit, period, p->meta.revision,
			receipt_outcome_message(p->r.outcome), im->receipts_dir, why.msg, nunanswered);
		rc = ST_ENV;
	}
	if (rc != ST_OK)
		import_abandon(im);
	pending_free(im);
	return say_full_disk(im, rc, e);
}

/* Queues what is reported in its place among the results once the batch commits, without a
 * commit of its own (a mailbox of a million bad parts costs no million syncs); the texts of
 * p->r (and unread) are copied, for they belong to the caller. */
static enum status
queue(struct importer *im, struct import_pending *p, const char *unread,
      const unsigned char hash[HASH_BYTES], struct err *e)
{
	p->source = xstrdup(p->r.source);
	p->message_id = p->r.message_id ? xstrdup(p->r.message_id) : NULL;
	p->unread = unread ? xstrdup(unread) : NULL;
	p->r.source = p->source;
	p->r.message_id = p->message_id;
	memcpy(p->hash, hash, HASH_BYTES);
	im->pending = xreallocarray(im->pending, im->npending + 1, sizeof *im->pending);
	im->pending[im->npending++] = *p;
	if (unread == NULL && im->on_decided)
		im->on_decided(im->ctx, &p->r);
	if (im->npending >= IMPORT_BATCH)
		return import_finish(im, e);
	return ST_OK;
}

/* The trust decision, and the alarm when a second key proves a used enrollment: recorded in
 * the batch's transaction with the source it came from. */
struct trust_ctx {
	struct importer *im;
	const char *source;
	char alarm_unit[UNIT_CODE_MAX + 1];
	enum status st;
	struct err *e;
};

static enum bundle_error
import_trust(void *ctx, const struct bundle_meta *m, struct err *e)
{
	struct trust_ctx *t = ctx;
	enum bundle_error be = central_trust(t->im->db, m, e);
	if (be == BE_ENROLL_REUSED)
		t->st = central_key_alarm(t->im->db, m, t->source, t->alarm_unit, t->e);
	return be;
}

enum status
import_bundle(struct importer *im, const unsigned char *data, size_t len, const char *source,
	      const char *message_id, const char *received, struct err *e)
{
	struct import_result r = {.source = source, .message_id = message_id};
	struct bundle *b = NULL;
	struct bundle_meta seen;
	unsigned char hash[HASH_BYTES];
	struct err why = {0};
	enum status rc;
	struct import_pending p = {0};

	im->found++;
	memset(&seen, 0, sizeof seen);
	if ((rc = batch_open(im, e)) != ST_OK)
		return rc;
	struct trust_ctx tc = {.im = im, .source = source, .st = ST_OK, .e = e};
	bundle_open_seen(data, len, im->box_pk, im->box_sk, import_trust, &tc, im->db, &b, &seen,
			 &why);
	r.error = (enum bundle_error)why.code;
	if (tc.st != ST_OK) {
		bundle_free(b);
		import_abandon(im);
		return tc.st;
	}
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
			r.phase_first = meta_phase(im->db, &seen);
		}
		/* The alarm names the unit whose enrollment was reused; the front end says where
		 * to look. */
		if (r.error == BE_ENROLL_REUSED)
			snprintf(r.reason, sizeof r.reason, "%s %s", bundle_error_message(r.error),
				 tc.alarm_unit);
		else
			snprintf(r.reason, sizeof r.reason, "%s", why.msg);
		rc = audit(im, &r, hash, e);
		/* Only a signer the central trusts gets an answer (seen is filled only then): an
		 * outsider learns nothing, and nothing it claims is written anywhere. */
		p.receipt = r.known;
		p.answer = RO_REFUSED;
		p.meta = seen;
	} else {
		r.known = true;
		snprintf(r.unit, sizeof r.unit, "%s", b->meta.unit);
		r.year = b->meta.year;
		r.revision = b->meta.revision;
		rc = merge(im, b, received, &r, e);
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
		/* The same bundle again while staff's review of it waits to go back: answered
		 * again, so that the review rides on the answer (write_receipt). */
		if (rc == ST_OK && r.outcome == RO_DUPLICATE && !p.receipt &&
		    review_waiting(im->db, b->hash))
			p.receipt = true;
	}
	bundle_free(b);
	if (rc != ST_OK) {
		import_abandon(im);
		return rc;
	}
	p.r = r;
	return queue(im, &p, NULL, hash, e);
}

/* Something not looked at, reported in its place and counted: the run goes on and ends with
 * exit 1. */
static enum status
not_read(struct importer *im, const char *source, const char *message_id, const char *why,
	 struct err *e)
{
	struct import_pending p = {.r = {.source = source, .message_id = message_id}};
	unsigned char none[HASH_BYTES] = {0};
	return queue(im, &p, why, none, e);
}

/* A file or part refused before any bundle was read from it: named by the user but holding
 * none, or named like a bundle but holding none or unreadable (a unit whose bundle was damaged
 * on the way must be called, not taken to be late). Reported in its place and audited by the
 * hash of its bytes (zeros when there are none). */
static enum status
refuse_file(struct importer *im, const char *source, const char *message_id,
	    const unsigned char *data, size_t len, enum bundle_error error, const char *reason,
	    struct err *e)
{
	struct import_result r = {.source = source, .message_id = message_id,
				  .outcome = RO_REFUSED, .error = error};
	unsigned char hash[HASH_BYTES] = {0};
	enum status rc;

	if (data != NULL)
		hash_bytes(data, len, hash);
	snprintf(r.reason, sizeof r.reason, "%s", reason);
	im->found++;
	if ((rc = batch_open(im, e)) != ST_OK || (rc = audit(im, &r, hash, e)) != ST_OK) {
		import_abandon(im);
		return rc;
	}
	struct import_pending p = {.r = r};
	return queue(im, &p, NULL, hash, e);
}

/* What cannot be read at all: refused when named like a bundle, else not read. */
static enum status
cannot_read(struct importer *im, const char *path, const char *why, struct err *e)
{
	if (!mail_bundle_name(path))
		return not_read(im, path, NULL, why, e);
	char *reason = xasprintf(L("tên như một gói nhưng không đọc được: %s",
				   "named like a bundle but cannot be read: %s"), why);
	enum status rc = refuse_file(im, path, NULL, NULL, 0, BE_DAMAGED, reason, e);
	free(reason);
	return rc;
}

static const char *
not_a_file(mode_t mode)
{
	if (S_ISFIFO(mode))
		return L("là một ống dẫn có tên (FIFO), không phải tệp",
			 "a named pipe (FIFO), not a file");
	if (S_ISSOCK(mode))
		return L("là một socket, không phải tệp", "a socket, not a file");
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return L("là một thiết bị, không phải tệp", "a device, not a file");
	if (S_ISLNK(mode))
		return L("là một liên kết tượng trưng, không đi theo", "a symbolic link, not followed");
	return L("không phải tệp thông thường", "not a regular file");
}

struct found_ctx {
	struct importer *im;
	const char *path;
	size_t n;      /* candidate bundles */
	size_t unread; /* e-mail parts past the limits */
	enum status st;
	struct err *e;
};

static enum status
on_found(void *ctx, const unsigned char *data, size_t len, enum mail_found kind,
	 const char *part, const char *message_id, const char *received)
{
	struct found_ctx *f = ctx;
	char *source = part && part[0] ? xasprintf(L("%s (phần %s)", "%s (part %s)"), f->path, part)
				       : xstrdup(f->path);
	char *why = NULL;
	enum status st;
	if (f->im->stop) {
		free(source);
		return ST_OK; /* staff stopped the run: the rest of the mailbox is not looked at */
	}
	if (kind == MAIL_TOO_DEEP || kind == MAIL_TOO_MANY) {
		f->unread++;
		why = kind == MAIL_TOO_DEEP
			      ? xasprintf(L("thư lồng quá %d tầng: phần này không được xem",
					    "e-mail nested deeper than %d levels: this part was not looked into"),
					  MAIL_MAX_DEPTH)
			      : xasprintf(L("thư có hơn %d phần: phần này và các phần sau không được xem",
					    "e-mail with more than %d parts: this part and the rest were not "
					    "looked into"),
					  MAIL_MAX_PARTS);
		st = not_read(f->im, source, message_id, why, f->e);
		free(why);
		free(source);
		return st;
	}
	f->n++;
	if (kind == MAIL_NAMED) {
		st = refuse_file(f->im, source, message_id, data, len, BE_DAMAGED,
				 L("tệp đính kèm mang tên một gói nhưng không chứa gói nào: gói bị hỏng "
				   "trên đường gửi?",
				   "an attachment named like a bundle that holds none: damaged on the way?"),
				 f->e);
	} else if (kind == MAIL_ARMOR) {
		unsigned char *bin;
		size_t blen;
		struct err why_armor;
		if (armor_decode((const char *)data, len, "BUNDLE", &bin, &blen, &why_armor) != ST_OK) {
			/* A damaged armor block is a refused bundle, recorded by its text. */
			st = import_bundle(f->im, data, len, source, message_id, received, f->e);
		} else {
			st = import_bundle(f->im, bin, blen, source, message_id, received, f->e);
			free(bin);
		}
	} else
		st = import_bundle(f->im, data, len, source, message_id, received, f->e);
	free(source);
	return st;
}

/* Reads a whole regular file without ever waiting on it: the open cannot block (a FIFO swapped
 * in since the look opens at once, O_NONBLOCK) nor, in a folder, follow a link swapped in
 * since (O_NOFOLLOW), and what was opened is checked again to be a regular file. False, with
 * why, when it cannot be read. */
static bool
read_regular(const char *path, bool nofollow, char **out, size_t *len, char *why, size_t whylen)
{
	struct stat st;
	struct err e;
	int fd = plat_open_untrusted(path, nofollow);

	if (fd < 0) {
		snprintf(why, whylen, "%s", nofollow && errno == ELOOP ? not_a_file(S_IFLNK)
								       : errno_text(errno));
		return false;
	}
	if (fstat(fd, &st) != 0)
		st.st_mode = 0;
	if (!S_ISREG(st.st_mode)) {
		snprintf(why, whylen, "%s", not_a_file(st.st_mode));
		close(fd);
		return false;
	}
	if (file_read_fd(fd, path, IMPORT_MAX_FILE, out, len, &e) != ST_OK) {
		snprintf(why, whylen, "%s", e.msg);
		return false;
	}
	return true;
}

static void
looked_at(struct importer *im)
{
	if (im->on_progress)
		im->on_progress(im->ctx, 1);
}

static enum status
import_file(struct importer *im, const char *path, bool named, struct err *e)
{
	char *text;
	size_t len;
	char why[512];
	struct found_ctx f = {im, path, 0, 0, ST_OK, e};
	enum status rc;

	if (!read_regular(path, !named, &text, &len, why, sizeof why)) {
		rc = cannot_read(im, path, why, e);
		looked_at(im);
		return rc;
	}
	if (len >= 7 && memcmp(text, "XHHTBDL", 7) == 0)
		rc = on_found(&f, (unsigned char *)text, len, MAIL_BINARY, NULL, NULL, NULL);
	else if (mail_looks_like_mbox(text, len))
		rc = mail_scan_mbox(text, len, on_found, &f, e);
	else if (mail_looks_like_message(text, len))
		rc = mail_scan_message(text, len, on_found, &f, e);
	else
		rc = mail_scan_text(text, len, NULL, NULL, on_found, &f, e);
	if (rc == ST_OK && f.n == 0 && f.unread == 0) {
		if (mail_bundle_name(path))
			/* A bundle file damaged or cut short (empty, say) is a unit to call. */
			rc = refuse_file(im, path, NULL, (unsigned char *)text, len, BE_DAMAGED,
					 L("tên như một gói nhưng không chứa gói nào: hỏng hoặc bị cắt",
					   "named like a bundle but holds none: damaged or cut short"),
					 e);
		else if (named)
			/* The user pointed at this file: say that it holds nothing. */
			rc = refuse_file(im, path, NULL, (unsigned char *)text, len, BE_NOT_BUNDLE,
					 bundle_error_message(BE_NOT_BUNDLE), e);
		else
			im->skipped++;
	}
	free(text);
	looked_at(im);
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
	struct plat_dir *d;
	const char *name;
	char **names = NULL;
	size_t n = 0;
	enum status rc = ST_OK;

	if (depth > MAX_FOLDER_DEPTH) {
		char *why = xasprintf(L("thư mục lồng quá %d tầng: không được xem",
					"folder nested deeper than %d levels: not looked into"),
				      MAX_FOLDER_DEPTH);
		rc = not_read(im, path, NULL, why, e);
		free(why);
		return rc;
	}
	/* A folder met in a walk is not followed if a link was swapped in for it since the look. */
	if ((d = plat_dir_open(path, depth > 0)) == NULL) {
		char *why = xasprintf(L("không mở được thư mục: %s", "cannot open the folder: %s"),
				      errno_text(errno));
		rc = not_read(im, path, NULL, why, e);
		free(why);
		return rc;
	}
	while ((name = plat_dir_next(d)) != NULL) {
		if (name[0] == '.')
			continue; /* hidden files and maildir's own dot-folders */
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xasprintf("%s/%s", path, name);
	}
	plat_dir_close(d);
	/* In name order, so two runs over the same folder do the same thing in the same order. */
	if (n > 1) /* qsort wants a non-NULL array, even of nothing (an empty folder) */
		qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n && rc == ST_OK && !im->stop; i++) {
		struct stat st;
		if (plat_lstat(names[i], &st) != 0) {
			rc = not_read(im, names[i], NULL, errno_text(errno), e);
			looked_at(im);
		} else if (S_ISDIR(st.st_mode))
			rc = import_dir(im, names[i], depth + 1, e);
		else if (S_ISREG(st.st_mode))
			rc = import_file(im, names[i], false, e);
		else {
			/* Links could loop, or lead out of what the user pointed at; anything else
			 * is no file to read, and opening it could wait forever (a FIFO). */
			rc = cannot_read(im, names[i], not_a_file(st.st_mode), e);
			looked_at(im);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

void
import_sweep_receipts(const char *dir)
{
	struct plat_dir *d = plat_dir_open(dir, false);
	const char *name;
	if (d == NULL)
		return;
	while ((name = plat_dir_next(d)) != NULL) {
		const char *tmp = strstr(name, ".receipt.tmp-");
		char *end;
		if (strncmp(name, "XHHT-", 5) != 0 || tmp == NULL)
			continue;
		long pid = strtol(tmp + 13, &end, 10);
		if (*end != '\0' || pid <= 0)
			continue;
		/* Only a writer that is gone: another import may be writing this very file. */
		if (plat_process_alive(pid))
			continue;
		char *path = xasprintf("%s/%s", dir, name);
		plat_remove(path);
		free(path);
	}
	plat_dir_close(d);
}

enum status
import_path(struct importer *im, const char *path, bool named, struct err *e)
{
	struct stat st;
	enum status rc;
	if (im->stop)
		return ST_OK;
	/* A link the user names is followed: they pointed at it. */
	if (plat_stat(path, &st) != 0) {
		rc = cannot_read(im, path, errno_text(errno), e);
		looked_at(im);
	} else if (S_ISDIR(st.st_mode))
		rc = import_dir(im, path, 0, e);
	else if (!S_ISREG(st.st_mode)) {
		rc = cannot_read(im, path, not_a_file(st.st_mode), e);
		looked_at(im);
	} else
		rc = import_file(im, path, named, e);
	return say_full_disk(im, rc, e);
}

int
import_lock(const char *dir, int wait_ms, struct err *e)
{
	int fd = store_lock_open(dir, IMPORT_LOCK_FILE, e);
	if (fd < 0)
		return -1;
	for (int waited = 0;; waited += 50) {
		if (plat_lock_file(fd, PLAT_LOCK_EXCLUSIVE) == 0)
			return fd;
		if (errno != EWOULDBLOCK) {
			err_set(e, L("không khóa được %s/%s: %s", "cannot lock %s/%s: %s"), dir,
				IMPORT_LOCK_FILE, errno_text(errno));
			close(fd);
			return -1;
		}
		if (waited >= wait_ms)
			break;
		plat_sleep_ms(50);
	}
	close(fd);
	err_set(e,
		L("một lần nhận gói khác đang chạy trên thư mục %s (lệnh xhht-central import hoặc bàn "
		  "làm việc): chờ nó xong rồi nhận lại",
		  "another import is running on the folder %s (xhht-central import or the desk): "
		  "import again once it has finished"),
		dir);
	return -1;
}

/* As import_dir walks: hidden names left out, no deeper than it goes. */
static size_t
count_files(const char *path, int depth)
{
	struct stat st;
	if (depth > MAX_FOLDER_DEPTH || plat_lstat(path, &st) != 0)
		return 0;
	if (!S_ISDIR(st.st_mode))
		return 1;
	size_t n = 0;
	struct plat_dir *d = plat_dir_open(path, false);
	const char *name;
	if (d == NULL)
		return 0;
	while ((name = plat_dir_next(d)) != NULL) {
		if (name[0] == '.')
			continue;
		char *sub = xasprintf("%s/%s", path, name);
		n += count_files(sub, depth + 1);
		free(sub);
	}
	plat_dir_close(d);
	return n;
}

size_t
import_count_files(const char *path)
{
	return count_files(path, 0);
}

void
import_totals(const struct importer *im, struct buf *out)
{
	buf_printf(out,
		   L("Tổng cộng %zu gói: đã gộp %zu, đã có %zu, bản cũ %zu, xung đột %zu, bị từ chối "
		     "%zu",
		     "%zu bundles: merged %zu, already had %zu, older %zu, conflicts %zu, refused %zu"),
		   im->found, im->counts[RO_MERGED], im->counts[RO_DUPLICATE], im->counts[RO_OLDER],
		   im->counts[RO_CONFLICT], im->counts[RO_REFUSED]);
	if (im->skipped)
		buf_printf(out, L("; bỏ qua %zu tệp không chứa gói", "; skipped %zu files holding no bundle"),
			   im->skipped);
	if (im->unread)
		buf_printf(out, L("; %zu mục không đọc được", "; %zu not read"), im->unread);
}
