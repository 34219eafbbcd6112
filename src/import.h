/* import.h: the central importer: finds bundles in files, folders and mail, opens them, merges
 * each authentic report exactly once, records every outcome, writes receipts. */
#ifndef XHHT_IMPORT_H
#define XHHT_IMPORT_H

#include "bundle.h"
#include "signed.h"
#include "store.h"

struct import_result {
	const char *source;     /* file, or file plus e-mail part */
	const char *message_id; /* e-mail Message-ID, or NULL */
	bool known;             /* unit, year and revision are authentic */
	char unit[64];
	int year, revision;
	int phase_first; /* the period's: 0 for a yearly report, else the phase's first year
			  * (year is its closing year), from the bundle's template */
	enum receipt_outcome outcome;
	enum bundle_error error; /* when refused */
	char reason[512];        /* for people */
	char receipt[4096];      /* receipt file written, or empty */
	char observed[32];       /* when the central observed it (lateness is judged from it): ""
				  * for a refused bundle */
};

struct importer {
	struct store *db;
	const unsigned char *sign_sk; /* 64 bytes, secure memory */
	const unsigned char *box_sk;  /* 32 bytes, secure memory */
	unsigned char sign_pk[SIGN_PK_BYTES], box_pk[BOX_PK_BYTES];
	const char *receipts_dir; /* NULL: write none */
	size_t counts[RO_COUNT];  /* by receipt_outcome */
	size_t skipped;           /* files that hold no bundle (in folders and mailboxes) */
	size_t found;
	size_t unread;            /* paths and e-mail parts not looked at (reported by on_unread) */
	void (*on_result)(void *ctx, const struct import_result *r);
	/* Something not looked at, in its place among the results: a FIFO, socket or device, a
	 * file that cannot be read, a link met in a folder, a folder or e-mail part past the
	 * limits. why says which, for people. */
	void (*on_unread)(void *ctx, const char *source, const char *message_id, const char *why);
	void (*on_progress)(void *ctx, size_t done); /* once per file looked at */
	/* Once per bundle whose outcome is decided, before its group commits (a progress display;
	 * on_result reports it again once committed). May be NULL. */
	void (*on_decided)(void *ctx, const struct import_result *r);
	void *ctx;
	/* Set (by a hook) to look at nothing more: the walk stops after the file being read;
	 * what was decided is still committed, reported and answered by import_finish. */
	bool stop;
	/* Group commit: bundles are merged each in its own savepoint inside one transaction of up
	 * to IMPORT_BATCH bundles; results are reported, and receipts written, once it commits. */
	bool in_batch;
	struct import_pending *pending;
	size_t npending;
};

#define IMPORT_BATCH 256

/* Imports one bundle (binary form). ST_ENV only when the database or receipts folder fails;
 * a refused bundle is an outcome, not an error. received: for a bundle found in e-mail, the
 * time in the message's topmost Received: field (mail_found_fn), else NULL; it stands for the
 * time the bundle was observed when it is earlier than the import. */
enum status import_bundle(struct importer *im, const unsigned char *data, size_t len,
			  const char *source, const char *message_id, const char *received,
			  struct err *e);
/* Commits what is pending, then writes its receipts and reports its results. Call it after the
 * last import_path (and it is called every IMPORT_BATCH bundles). */
enum status import_finish(struct importer *im, struct err *e);
/* Abandons what is pending (after an environment error): nothing of it was reported. */
void import_abandon(struct importer *im);
/* Removes from a receipts folder the temporary files of receipts whose writer was killed
 * before renaming them (XHHT-*.receipt.tmp-PID, PID gone); they are never a receipt. */
void import_sweep_receipts(const char *dir);
/* Imports everything found at path: a bundle file (binary or armor), a folder (recursively),
 * an mbox file, a maildir, or one e-mail message. named is true for paths the user gave: a
 * named file holding no bundle is refused; in folders such files are skipped, but not one
 * named like a bundle (refused as damaged). Whatever cannot be read is reported (on_unread,
 * or refused when named like a bundle) and the walk goes on: only the database or the
 * receipts folder failing is an error. */
enum status import_path(struct importer *im, const char *path, bool named, struct err *e);

/* How many files import_path will look at under path (for a progress bar): the files of a
 * folder walk, hidden ones left out, as import_path walks it. */
size_t import_count_files(const char *path);
/* The run's totals as the command line ends its output with them, without the final full
 * stop: "N bundles: merged …, refused …; skipped …; … not read". */
void import_totals(const struct importer *im, struct buf *out);

/* One import at a time into a central's folder dir: the command line and the desk each take
 * this lock (a file import.lock there, flock) for their whole run, waiting at most wait_ms
 * for another to finish. Returns the lock's descriptor (close it to give the lock back), or
 * -1 with e naming the import that runs (ST_ENV). */
#define IMPORT_LOCK_FILE "import.lock"
int import_lock(const char *dir, int wait_ms, struct err *e);

#endif
