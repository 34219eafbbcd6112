/* import.c: the desk's import: the bundles of a folder, a USB stick or a mailbox taken in with
 * a progress bar, then each bundle's result as xhht-central import prints it; receipts written
 * to a folder staff choose. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "central.h"
#include "crypto.h"
#include "desk.h"
#include "i18n.h"
#include "period.h"
#include "platform.h"
#include "import.h"
#include "summary.h"

/* One line of the results: a bundle's outcome, or something not read. */
struct row {
	char *source, *message_id, *reason, *receipt;
	bool known, unread, late;
	char unit[64];
	int year, revision; /* year: the report's period (PERIOD_KEY) */
	enum receipt_outcome outcome;
	enum bundle_error error;
};

/* The deadlines met so far, by year: lateness as the board judges it (summary_late). */
struct deadline {
	int year;
	char at[32];
};

struct run {
	char *path, *receipts;
	struct importer im;
	size_t files, files_done;  /* files to look at, looked at */
	size_t decided[RO_COUNT];  /* outcomes so far, committed or not */
	size_t late_decided, late; /* merged after the deadline: so far, committed */
	size_t receipts_written;
	struct row *rows;
	size_t nrows;
	struct deadline *dl;
	size_t ndl;
	bool running, stopped;
	char error[1024]; /* the run failed: why (the results before it stay) */
	struct timespec drawn;
	size_t sel, top;
	int list_y;
};

/* Redrawn at most this often while the import runs: a big folder draws, it does not crawl. */
#define DRAW_EVERY_MS 100

static const enum action hints_running[] = {ACT_BACK, ACT_NONE};
static const enum action hints_done[] = {ACT_ENTER, ACT_PAGE_DOWN, ACT_BACK,
					 ACT_HELP,  ACT_QUIT,      ACT_NONE};
static const enum action keys_taken[] = {ACT_ENTER, ACT_NEXT, ACT_PREV, ACT_PAGE_UP, ACT_PAGE_DOWN,
					 ACT_HOME,  ACT_END,  ACT_BACK, ACT_NONE};
static const struct action_info overrides[] = {
    {ACT_ENTER, "Chi tiết", "Details", "Xem đầy đủ dòng kết quả đang chọn",
     "The chosen result in full", NULL},
    {ACT_BACK, "Dừng, về bảng", "Stop, board",
     "Khi đang nhận: dừng sau gói đang xử lý (các gói đã xử lý vẫn được giữ); khi đã xong: về "
     "bảng theo dõi",
     "While importing: stop after the bundle at hand (those done are kept); once done: back to "
     "the board",
     NULL},
    {ACT_HOME, "Đầu danh sách", "First", "Dòng đầu", "The first line", NULL},
    {ACT_END, "Cuối danh sách", "Last", "Dòng cuối", "The last line", NULL},
    {ACT_NONE, NULL, NULL, NULL, NULL, NULL},
};

static long
ms_since(const struct timespec *then)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - then->tv_sec) * 1000 + (now.tv_nsec - then->tv_nsec) / 1000000;
}

static bool
is_late(struct tui *t, struct run *r, const struct import_result *x)
{
	/* A phase review is due by its own template's day. */
	int key = PERIOD_KEY(x->year, x->phase_first);
	if (x->outcome != RO_MERGED || x->observed[0] == '\0')
		return false;
	for (size_t i = 0; i < r->ndl; i++)
		if (r->dl[i].year == key)
			return summary_late(x->observed, r->dl[i].at);
	struct err e = {0};
	char at[32];
	if (summary_deadline_utc(t->db, key, at, &e) != ST_OK)
		return false;
	r->dl = xreallocarray(r->dl, r->ndl + 1, sizeof *r->dl);
	r->dl[r->ndl].year = key;
	snprintf(r->dl[r->ndl++].at, sizeof r->dl[0].at, "%s", at);
	return summary_late(x->observed, at);
}

/* What staff typed while it runs: Esc, Ctrl-C or leaving stop it after the bundle at hand. */
static void
poll_keys(struct tui *t, struct run *r)
{
	wint_t ch;
	bool text;
	for (int n = 0; n < 64; n++) {
		timeout(0);
		enum action a = tui_next(t, &ch, &text);
		if (a == ACT_IDLE)
			break;
		if (a == ACT_GONE || a == ACT_BACK || a == ACT_QUIT ||
		    (a == ACT_NONE && !text && ch == TUI_CTRL('c'))) {
			r->im.stop = r->stopped = true;
			if (a == ACT_GONE)
				break;
		}
	}
	timeout(250);
}

/* Now and then, not at every bundle: the keys, then the screen. */
static void
progress(struct tui *t, struct run *r, bool now)
{
	if (!now && ms_since(&r->drawn) < DRAW_EVERY_MS)
		return;
	poll_keys(t, r);
	tui_redraw(t);
	refresh();
	clock_gettime(CLOCK_MONOTONIC, &r->drawn);
}

struct hook {
	struct tui *t;
	struct run *r;
};

static void
on_decided(void *ctx, const struct import_result *x)
{
	struct hook *h = ctx;
	h->r->decided[x->outcome]++;
	h->r->late_decided += is_late(h->t, h->r, x);
	progress(h->t, h->r, false);
}

static void
on_file(void *ctx, size_t n)
{
	struct hook *h = ctx;
	h->r->files_done += n;
	progress(h->t, h->r, false);
}

static struct row *
row_add(struct run *r, const char *source, const char *message_id)
{
	r->rows = xreallocarray(r->rows, r->nrows + 1, sizeof *r->rows);
	struct row *w = &r->rows[r->nrows++];
	*w = (struct row){.source = xstrdup(source),
			  .message_id = message_id ? xstrdup(message_id) : NULL};
	return w;
}

static void
on_result(void *ctx, const struct import_result *x)
{
	struct hook *h = ctx;
	struct row *w = row_add(h->r, x->source, x->message_id);
	w->known = x->known;
	snprintf(w->unit, sizeof w->unit, "%s", x->unit);
	w->year = PERIOD_KEY(x->year, x->phase_first);
	w->revision = x->revision;
	w->outcome = x->outcome;
	w->error = x->error;
	w->late = is_late(h->t, h->r, x);
	h->r->late += w->late;
	w->reason = xstrdup(x->reason);
	w->receipt = x->receipt[0] ? xstrdup(x->receipt) : NULL;
	h->r->receipts_written += x->receipt[0] != '\0';
	progress(h->t, h->r, false);
}

static void
on_unread(void *ctx, const char *source, const char *message_id, const char *why)
{
	struct hook *h = ctx;
	struct row *w = row_add(h->r, source, message_id);
	w->unread = true;
	w->reason = xstrdup(why);
}

/* Where the bundles are: a folder (a USB stick, a maildir) or one file (a bundle, an mbox, a
 * saved e-mail). */
static char *
choose_source(struct tui *t)
{
	const char *labels[] = {
	    L("Một thư mục hoặc USB (mọi gói trong đó và trong thư mục con; cả maildir)",
	      "A folder or USB stick (every bundle in it and its subfolders; a maildir too)"),
	    L("Một tệp: gói (.xhht), hộp thư mbox hoặc thư đã lưu (.eml)",
	      "One file: a bundle (.xhht), an mbox mailbox or a saved e-mail (.eml)"),
	};
	int c = tui_choose(t, L("Nhận gói từ đâu?", "Import bundles from where?"), labels, 2, 0);
	if (c < 0)
		return NULL;
	return tui_choose_path_kept(t,
				    c == 0 ? L("Chọn thư mục có các gói (USB ở đầu danh sách)",
					       "Choose the folder with the bundles (USB sticks first)")
					   : L("Chọn tệp gói, hộp thư hoặc thư (USB ở đầu danh sách)",
					       "Choose the bundle, mailbox or e-mail file (USB sticks first)"),
				    c == 0, NULL, "folder.desk_import");
}

/* Runs the import on the screen already pushed: keys and results through the hooks. */
static void
run(struct tui *t, struct run *r, const struct secret *sk)
{
	struct err e = {0};
	struct hook h = {t, r};
	struct importer *im = &r->im;
	enum status st;
	*im = (struct importer){.db = t->db, .receipts_dir = r->receipts, .on_result = on_result,
				.on_unread = on_unread, .on_progress = on_file,
				.on_decided = on_decided, .ctx = &h};
	im->sign_sk = sk->bytes;
	im->box_sk = sk->bytes + SIGN_SK_BYTES;
	if ((st = central_public_keys(t->db, im->sign_pk, im->box_pk, &e)) == ST_OK &&
	    (st = central_attach_keys(t->db, im->box_sk, &e)) == ST_OK) {
		import_sweep_receipts(r->receipts);
		r->running = true;
		progress(t, r, true); /* shown before a big folder is counted */
		r->files = import_count_files(r->path);
		progress(t, r, true);
		st = import_path(im, r->path, true, &e);
		if (st == ST_OK)
			st = import_finish(im, &e);
		else
			import_abandon(im);
	}
	r->running = false;
	if (st != ST_OK) {
		if (t->next_step)
			t->next_step(t, &e);
		snprintf(r->error, sizeof r->error, "%s", e.msg);
	}
	/* Ended by a stop signal or a hang-up: the program leaves once the import is safe. */
	if (tui_stopped())
		t->quit = true;
}

void
desk_import(struct tui *t, int year)
{
	struct err e = {0};
	char *path = NULL, *receipts = NULL;
	struct secret *sk = NULL;
	(void)year; /* bundles say their year */
	/* Said before anything is asked: another import (the command line's) holds the lock. */
	int lock = import_lock(t->dir, 0, &e);
	if (lock < 0) {
		tui_error(t, &e);
		return;
	}
	if ((path = choose_source(t)) != NULL &&
	    (receipts = tui_choose_path_kept(t,
					     L("Ghi biên nhận vào thư mục nào? (USB ở đầu danh sách)",
					       "Write the receipts into which folder? (USB sticks first)"),
					     true, NULL, "folder.desk_receipts")) != NULL &&
	    (sk = desk_office_keys(
		 t,
		 L("Cụm mật khẩu của khóa văn phòng (để mở gói và ký biên nhận):",
		   "Passphrase of the office's keys (to open bundles and sign receipts):"),
		 NULL)) != NULL) {
		struct run *r = xcalloc(1, sizeof *r);
		r->path = path;
		r->receipts = receipts;
		path = receipts = NULL;
		tui_set_help(
		    t, L("Nhận gói", "Import"),
		    L("Mỗi dòng là một gói tìm thấy (hoặc một tệp không đọc được): tệp, đơn vị, năm, "
		      "lần gửi, kết quả và lý do, như lệnh xhht-central import in ra. Gói bị từ chối "
		      "(hỏng, bị sửa, khóa lạ) được ghi vào nhật ký và không dừng các gói khác. Nộp "
		      "muộn: Bộ nhận gói sau hạn nộp. Biên nhận ký bằng khóa văn phòng được ghi vào "
		      "thư mục đã chọn; gửi lại cho đơn vị. Esc khi đang nhận: dừng sau gói đang xử "
		      "lý; các gói đã xử lý vẫn được giữ.",
		      "Each line is a bundle found (or a file that could not be read): file, unit, "
		      "year, revision, outcome and reason, as xhht-central import prints them. A "
		      "refused bundle (damaged, altered, an unknown key) is logged and does not stop "
		      "the others. Late: the Ministry received it after the deadline. Receipts signed "
		      "with the office's key are written to the chosen folder; send them back to the "
		      "units. Esc while importing: stop after the bundle at hand; those done are "
		      "kept."));
		if (tui_push(t, &screen_import, r)) {
			run(t, r, sk);
			if (!r->error[0])
				tui_message(t, false, "%s",
					    r->stopped ? L("Đã dừng nhận gói theo yêu cầu.",
							   "The import was stopped as asked.")
						       : L("Đã nhận xong.", "The import is done."));
			else
				tui_message(t, true, "%s", r->error);
		}
	}
	secret_free(sk);
	free(path);
	free(receipts);
	close(lock);
}

/* ---- the screen ------------------------------------------------------------------------- */

static void
import_leave(struct tui *t)
{
	struct run *r = tui_state(t);
	for (size_t i = 0; i < r->nrows; i++) {
		free(r->rows[i].source);
		free(r->rows[i].message_id);
		free(r->rows[i].reason);
		free(r->rows[i].receipt);
	}
	free(r->rows);
	free(r->dl);
	free(r->path);
	free(r->receipts);
	free(r);
}

/* The outcome in a word: what staff scan the list for. */
static const char *
outcome_word(const struct row *w)
{
	if (w->unread)
		return L("KHÔNG ĐỌC", "NOT READ");
	switch (w->outcome) {
	case RO_MERGED:
		return w->late ? L("gộp, MUỘN", "merged, LATE") : L("đã gộp", "merged");
	case RO_DUPLICATE:
		return L("đã có", "had it");
	case RO_OLDER:
		return L("bản cũ", "older");
	case RO_CONFLICT:
		return L("XUNG ĐỘT", "CONFLICT");
	default:
		return L("TỪ CHỐI", "REFUSED");
	}
}


/* The reason column: why refused or not read; else the receipt written. */
static void
reason_text(const struct row *w, char *out, size_t n)
{
	if (w->unread || w->outcome == RO_REFUSED)
		snprintf(out, n, "%s%s%s%s", w->reason, w->unread ? "" : " (",
			 w->unread ? "" : bundle_error_name(w->error), w->unread ? "" : ")");
	else if (w->outcome == RO_CONFLICT)
		snprintf(out, n, "%s", receipt_outcome_message(w->outcome));
	else if (w->receipt)
		snprintf(out, n, "%s", plat_base_name(w->receipt));
	else
		out[0] = '\0';
}

/* The columns: file, unit, year, revision, outcome, reason (what is left). */
enum { COL_FILE, COL_UNIT, COL_YEAR, COL_REV, COL_OUTCOME, COL_REASON, NCOL };

static void
columns_at(const struct tui *t, int *x, int *w)
{
	/* The period's room: "2023-2025" beside "2025", never read as the yearly report. */
	static const int widths[NCOL] = {24, 8, 9, 3, 12, 0};
	int at = 1, fixed = 0;
	for (int i = 0; i < NCOL; i++)
		fixed += widths[i] + 1;
	for (int i = 0; i < NCOL; i++) {
		x[i] = at;
		w[i] = widths[i] ? widths[i] : t->cols - 1 - fixed;
		at += w[i] + 1;
	}
}

static void
draw_rows(struct tui *t, struct run *r, int y)
{
	static const char *const head_vi[NCOL] = {"Tệp", "Đơn vị", "Năm", "Lần", "Kết quả", "Lý do, biên nhận"};
	static const char *const head_en[NCOL] = {"File", "Unit", "Year", "Rev", "Outcome", "Reason, receipt"};
	int x[NCOL], w[NCOL];
	char text[1200];
	columns_at(t, x, w);
	attron(A_BOLD);
	for (int i = 0; i < NCOL; i++)
		tui_text(t, y, x[i], w[i], L(head_vi[i], head_en[i]));
	attroff(A_BOLD);
	r->list_y = ++y;
	int rows = t->rows - 2 - y;
	if (rows < 1)
		return;
	if (r->running && r->nrows > (size_t)rows)
		r->sel = r->nrows - 1; /* while it runs, the newest results stay in view */
	if (r->sel < r->top)
		r->top = r->sel;
	if (r->sel >= r->top + (size_t)rows)
		r->top = r->sel - (size_t)rows + 1;
	for (size_t i = r->top; i < r->nrows && (int)(i - r->top) < rows; i++, y++) {
		const struct row *v = &r->rows[i];
		bool chosen = !r->running && i == r->sel;
		tui_list_line(t, y, 0, t->cols, "", chosen);
		if (chosen)
			attron(A_REVERSE);
		if (v->unread || v->late || v->outcome == RO_REFUSED || v->outcome == RO_CONFLICT)
			attron(A_BOLD);
		tui_text(t, y, x[COL_FILE], w[COL_FILE], plat_base_name(v->source));
		if (v->known) {
			tui_text(t, y, x[COL_UNIT], w[COL_UNIT], v->unit);
			period_key_text(v->year, text);
			tui_text(t, y, x[COL_YEAR], w[COL_YEAR], text);
			snprintf(text, sizeof text, "%d", v->revision);
			tui_text(t, y, x[COL_REV], w[COL_REV], text);
		}
		tui_text(t, y, x[COL_OUTCOME], w[COL_OUTCOME], outcome_word(v));
		reason_text(v, text, sizeof text);
		tui_text(t, y, x[COL_REASON], w[COL_REASON], text);
		attroff(A_BOLD | A_REVERSE);
	}
}

/* "[#########           ] 12/40 tệp đã xem". */
static void
draw_bar(struct tui *t, const struct run *r, int y)
{
	char line[200], bar[64];
	int width = t->cols - 30 < 40 ? t->cols - 30 : 40;
	size_t done = r->running ? r->files_done : r->files;
	int filled = r->files ? (int)(done * (size_t)width / r->files) : width;
	if (filled > width)
		filled = width;
	memset(bar, '#', (size_t)filled);
	memset(bar + filled, ' ', (size_t)(width - filled));
	bar[width] = '\0';
	snprintf(line, sizeof line, L("[%s] %zu/%zu tệp đã xem", "[%s] %zu/%zu files looked at"),
		 bar, r->files_done, r->files);
	tui_text(t, y, 1, t->cols - 2, line);
}

static void
draw_counts(struct tui *t, const struct run *r, int y)
{
	char line[600];
	if (r->running) {
		const size_t *d = r->decided;
		snprintf(line, sizeof line,
			 L("Đã thấy %zu gói: gộp %zu (muộn %zu), đã có %zu, bản cũ %zu, xung đột %zu, "
			   "từ chối %zu",
			   "%zu bundles found: merged %zu (late %zu), had %zu, older %zu, conflicts %zu, "
			   "refused %zu"),
			 r->im.found, d[RO_MERGED], r->late_decided, d[RO_DUPLICATE], d[RO_OLDER],
			 d[RO_CONFLICT], d[RO_REFUSED]);
	} else {
		struct buf b;
		buf_init(&b);
		import_totals(&r->im, &b);
		snprintf(line, sizeof line, "%s.", b.data);
		buf_free(&b);
	}
	attron(A_BOLD);
	tui_text(t, y, 1, t->cols - 2, line);
	attroff(A_BOLD);
}

static void
import_draw(struct tui *t)
{
	struct run *r = tui_state(t);
	char line[1400];
	tui_chrome(t, L("xhht-central — Nhận gói", "xhht-central — Import"));
	snprintf(line, sizeof line, L("Từ: %s", "From: %s"), r->path);
	tui_text(t, 1, 1, t->cols - 2, line);
	snprintf(line, sizeof line, L("Biên nhận ghi vào: %s", "Receipts written to: %s"), r->receipts);
	tui_text(t, 2, 1, t->cols - 2, line);
	draw_bar(t, r, 3);
	draw_counts(t, r, 4);
	if (r->running)
		snprintf(line, sizeof line,
			 r->stopped ? L("Đang dừng: xong gói đang xử lý thì dừng…",
					"Stopping after the bundle at hand…")
				    : L("Đang nhận… %s hoặc Ctrl-C: dừng (các gói đã xử lý vẫn được giữ)",
					"Importing… %s or Ctrl-C: stop (bundles done are kept)"),
			 action_first_key(ACT_BACK));
	else if (r->stopped)
		snprintf(line, sizeof line,
			 L("Đã dừng theo yêu cầu: %zu gói đã xử lý được giữ, các tệp còn lại chưa xem.",
			   "Stopped as asked: the %zu bundles done are kept; the other files were not "
			   "looked at."),
			 r->im.found);
	else
		snprintf(line, sizeof line,
			 L("Xong. Nộp muộn (sau hạn): %zu. Đã ghi %zu biên nhận.",
			   "Done. Late (after the deadline): %zu. %zu receipts written."),
			 r->late, r->receipts_written);
	if (r->error[0])
		snprintf(line, sizeof line, "%s", r->error);
	tui_text(t, 5, 1, t->cols - 2, line);
	draw_rows(t, r, 6);
	curs_set(0);
}

/* Enter: the result in full, as the command line's line says it. */
static void
show_row(struct tui *t, const struct row *w)
{
	char l[6][1400], reason[1200];
	const char *lines[6];
	int n = 0;
	snprintf(l[n++], sizeof l[0], L("Tệp: %s", "File: %s"), w->source);
	char period[PERIOD_WORDS_SIZE];
	period_key_words(w->year, period);
	if (w->known)
		snprintf(
		    l[n++], sizeof l[0],
		    L("Đơn vị %s, báo cáo %s, lần gửi %d", "Unit %s, the %s report, revision %d"),
		    w->unit, period, w->revision);
	snprintf(l[n++], sizeof l[0], L("Kết quả: %s%s", "Outcome: %s%s"),
		 w->unread ? L("không đọc", "not read") : receipt_outcome_message(w->outcome),
		 w->late ? L(" — nộp muộn (Bộ nhận sau hạn)", " — late (received after the deadline)")
			 : "");
	if (w->unread || w->outcome == RO_REFUSED) {
		reason_text(w, reason, sizeof reason);
		snprintf(l[n++], sizeof l[0], L("Lý do: %s", "Reason: %s"), reason);
	}
	if (w->message_id)
		snprintf(l[n++], sizeof l[0], "Message-ID: %s", w->message_id);
	if (w->receipt)
		snprintf(l[n++], sizeof l[0], L("Biên nhận: %s", "Receipt: %s"), w->receipt);
	for (int i = 0; i < n; i++)
		lines[i] = l[i];
	tui_inform(t, L("Kết quả của một gói", "One bundle's result"), lines, n);
}

static bool
import_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct run *r = tui_state(t);
	long page = t->rows - 9 > 1 ? t->rows - 9 : 1, to = (long)r->sel;
	(void)ch;
	(void)is_text;
	switch (a) {
	case ACT_NEXT:
	case ACT_PREV:
		to += a == ACT_NEXT ? 1 : -1;
		break;
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
		to += a == ACT_PAGE_DOWN ? page : -page;
		break;
	case ACT_HOME:
	case ACT_END:
		to = a == ACT_HOME ? 0 : (long)r->nrows - 1;
		break;
	case ACT_ENTER:
		if (r->nrows)
			show_row(t, &r->rows[r->sel]);
		return true;
	default:
		return false; /* Esc: back to the board, which reads the units again */
	}
	if (r->nrows)
		r->sel = to < 0 ? 0 : (size_t)to >= r->nrows ? r->nrows - 1 : (size_t)to;
	return true;
}

static void
import_click(struct tui *t, int y, int x)
{
	struct run *r = tui_state(t);
	(void)x;
	if (y >= r->list_y && y < t->rows - 2 && r->top + (size_t)(y - r->list_y) < r->nrows)
		r->sel = r->top + (size_t)(y - r->list_y);
}

static const enum action *
import_hints(struct tui *t)
{
	struct run *r = tui_state(t);
	return r->running ? hints_running : hints_done;
}

const struct screen screen_import = {
    .id = "import",
    .draw = import_draw,
    .key = import_key,
    .click = import_click,
    .leave = import_leave,
    .hints = hints_done,
    .hints_of = import_hints,
    .keys = keys_taken,
    .overrides = overrides,
};
