/* xhht-central.c: the central office's program: keys, units, enrollment, opening bundles. */
#include <locale.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>

#include "across.h"
#include "armor.h"
#include "bundle.h"
#include "central.h"
#include "cli.h"
#include "desk.h"
#include "i18n.h"
#include "history.h"
#include "import.h"
#include "merged.h"
#include "platform.h"
#include "publish.h"
#include "report.h"
#include "staff.h"
#include "store.h"
#include "remind.h"
#include "review.h"
#include "staff.h"
#include "summary.h"
#include "totals.h"
#include <unistd.h>

static int
cmd_init(const struct cli *c)
{
	struct err e;
	struct secret *pass;
	struct store *db;
	char *dir, sfp[48], bfp[48];
	int rc;
	enum status st;

	/* The passphrase first: without one (no terminal, too short, mistyped) nothing is made,
	 * not even the folder or its database. */
	pass = cli_passphrase(c, L("Đặt cụm mật khẩu cho khóa của văn phòng: ",
				   "New passphrase for the office's keys: "),
			      true, &e);
	if (pass == NULL)
		return cli_fail(c, ST_ENV, &e);
	if ((rc = cli_open_store_mode(c, STORE_CENTRAL, STORE_CREATE, &db, &dir)) != 0) {
		secret_free(pass);
		return rc;
	}
	if ((st = central_init(db, dir, pass, sfp, bfp, &e)) != ST_OK)
		rc = cli_fail(c, st, &e);
	else
		printf(L("Đã tạo khóa của văn phòng trong %s.\n"
			 "Vân tay khóa ký:      %s\n"
			 "Vân tay khóa nhận:    %s\n"
			 "Các đơn vị sẽ đọc lại vân tay khóa ký khi đăng ký; hãy giữ dãy số này.\n",
			 "Made the office's keys in %s.\n"
			 "Signing key fingerprint:   %s\n"
			 "Receiving key fingerprint: %s\n"
			 "Units will read the signing fingerprint back when they enroll; keep it.\n"),
		       cli_safe(dir), sfp, bfp);
	secret_free(pass);
	free(dir);
	store_close(db);
	return rc;
}

static void
print_unit_row(void *ctx, const struct unit_row *u)
{
	(void)ctx;
	const char *key = u->fingerprint[0]	 ? L("đã có khóa", "key bound")
			  : u->revoked && !u->enrollment ? L("khóa đã thu hồi", "key revoked")
			  : u->enrollment == NULL	 ? L("chưa đăng ký", "not enrolled")
			  : strcmp(u->enrollment, "open") == 0
			      ? L("đã gửi tệp đăng ký, chưa có khóa", "enrollment sent, no key yet")
			      : L("chưa có khóa: cần tệp đăng ký mới", "no key: needs a new enrollment");
	printf("%s\t%s\t%s\t%s\t%s\t%s", cli_safe(u->code), cli_safe(u->name), cli_safe(u->group), key,
	       u->fingerprint[0] ? u->fingerprint : "-",
	       !u->fingerprint[0] ? "-"
	       : u->confirmed_at  ? L("đã đối chiếu vân tay", "fingerprint confirmed")
				  : L("chưa đối chiếu vân tay", "fingerprint not confirmed"));
	if (u->alarms)
		printf(L("\tCẢNH BÁO: %d khóa khác dùng lại tệp và mã đăng ký",
			 "\tALARM: %d other keys presented the used enrollment"),
		       u->alarms);
	else
		printf("\t-");
	printf("\n");
}

/* Times as people here read them: Vietnam time, dd/mm/yyyy hh:mm. Two slots, for one printf. */
static const char *
when(const char *iso)
{
	static char slots[2][32];
	static unsigned next;
	char *out = slots[next++ % 2];
	time_vietnam(iso, out);
	return out;
}

static void
print_key_row(void *ctx, const struct key_row *k)
{
	(void)ctx;
	const char *state = strcmp(k->state, "bound") == 0      ? L("đang dùng", "bound")
			    : strcmp(k->state, "replaced") == 0 ? L("đã thay", "replaced")
								: L("đã thu hồi", "revoked");
	printf(L("  khóa %s  %s  từ %s", "  key %s  %s  since %s"), k->fingerprint, state,
	       when(k->bound_at));
	if (k->ended_at)
		printf(L(" đến %s", " until %s"), when(k->ended_at));
	if (k->confirmed_at)
		printf(L(", vân tay đã đối chiếu %s", ", fingerprint confirmed %s"), when(k->confirmed_at));
	else if (strcmp(k->state, "bound") == 0)
		printf(L(", vân tay CHƯA đối chiếu", ", fingerprint NOT confirmed"));
	printf("\n");
}

static void
print_enrollment_row(void *ctx, const struct enrollment_row *en)
{
	(void)ctx;
	printf(L("  tệp đăng ký tạo lúc %s: %s%s  (mã số %.8s)\n",
		 "  enrollment file made %s: %s%s  (id %.8s)\n"),
	       when(en->created_at),
	       en->used_at	? L("đã dùng", "used")
	       : en->superseded ? L("đã bị thay hoặc hủy", "superseded or withdrawn")
				: L("chưa dùng", "not used yet"),
	       en->coded ? "" : L(" (định dạng cũ, không có mã)", " (old format, no code)"), en->id);
	if (en->used_at)
		printf(L("    dùng lúc %s\n", "    used at %s\n"), when(en->used_at));
}

/* Alarms, one heading per unit (and per open or resolved), then a line per other key. */
struct alarm_view {
	FILE *out;
	char unit[64];
	bool resolved, started;
};

static void
print_alarm(void *ctx, const struct alarm_row *a)
{
	struct alarm_view *v = ctx;
	bool resolved = a->resolved_at != NULL;
	if (!v->started || strcmp(v->unit, a->unit) != 0 || v->resolved != resolved) {
		v->started = true;
		v->resolved = resolved;
		snprintf(v->unit, sizeof v->unit, "%s", a->unit);
		if (resolved)
			fprintf(v->out, L("Cảnh báo đã xử lý (thu hồi hoặc đăng ký lại) của đơn vị %s: %d khóa"
					  " khác đã dùng lại tệp và mã đăng ký.\n",
					  "Alarm dealt with (revoked or enrolled again) for unit %s: %d other"
					  " keys presented the used enrollment file and code.\n"),
				cli_safe(a->unit), a->keys);
		else
			fprintf(v->out,
				L("CẢNH BÁO %s: %d khóa khác với khóa đã gắn đã dùng lại tệp và mã đăng ký"
				  " đã dùng, không được nhận.\n"
				  "  Gọi cho đơn vị: nếu đó là máy mới của đơn vị, hay tệp và mã đã lọt ra"
				  " ngoài, chạy \"xhht-central unit revoke %s\" rồi gửi tệp đăng ký mới.\n"
				  "  khóa đã gắn: %s\n",
				  "ALARM %s: %d keys other than the bound one presented the used enrollment"
				  " file and code, and were refused.\n"
				  "  Call the unit: whether it is a new machine of the unit or the file and"
				  " code got out, run \"xhht-central unit revoke %s\" and send a new"
				  " enrollment.\n"
				  "  bound key: %s\n"),
				cli_safe(a->unit), a->keys, cli_safe(a->unit),
				a->bound_fingerprint[0] ? a->bound_fingerprint : "-");
	}
	fprintf(v->out,
		L("  khóa khác: %s — %d lần, lần đầu %s, lần cuối %s, trong %s\n",
		  "  other key: %s — %d times, first %s, last %s, in %s\n"),
		a->new_fingerprint, a->tries, when(a->first_seen), when(a->last_seen),
		cli_safe(a->source));
}

static void
print_unit_details(void *ctx, const struct unit_row *u)
{
	(void)ctx;
	printf(L("Đơn vị %s — %s\n", "Unit %s — %s\n"), cli_safe(u->code), cli_safe(u->name));
	if (u->group[0])
		printf(L("Nhóm: %s\n", "Group: %s\n"), cli_safe(u->group));
	if (u->fingerprint[0])
		printf(L("Vân tay khóa đang dùng: %s (%s)\n", "Fingerprint of the bound key: %s (%s)\n"),
		       u->fingerprint,
		       u->confirmed_at ? L("đã đối chiếu qua điện thoại", "confirmed by phone")
				       : L("chưa đối chiếu: gọi đơn vị, nghe họ đọc rồi chạy"
					   " \"xhht-central unit confirm\"",
					   "not confirmed: call the unit, hear it read out, then run"
					   " \"xhht-central unit confirm\""));
	else
		printf(L("Chưa có khóa nào được gắn.\n", "No key bound.\n"));
}

static int
cmd_unit(const struct cli *c)
{
	struct err e;
	struct store *db;
	int rc;
	enum status st = ST_OK;
	const char *sub = c->args[1]; /* the table matched "unit SUB" */

	/* list and show only read: they work on a read-only folder and never wait on a writer. */
	if ((rc = cli_open_store_mode(c, STORE_CENTRAL,
				      strcmp(sub, "list") && strcmp(sub, "show") ? STORE_WRITE : STORE_READ,
				      &db, NULL)) != 0)
		return rc;
	if (strcmp(sub, "add") == 0) {
		const char *group = c->nargs > 4 ? c->args[4] : "";
		if ((st = central_unit_add(db, c->args[2], c->args[3], group, &e)) == ST_OK)
			printf(group[0] ? L("Đã thêm đơn vị %s (nhóm %s).\n",
					    "Added unit %s (group %s).\n")
					: L("Đã thêm đơn vị %s.\n", "Added unit %s.\n"),
			       cli_safe(c->args[2]), cli_safe(group));
	} else if (strcmp(sub, "import") == 0) {
		size_t added, known;
		if ((st = central_unit_import(db, c->args[2], &added, &known, &e)) == ST_OK)
			printf(L("Đã thêm %zu đơn vị (%zu đơn vị đã có từ trước).\n",
				 "Added %zu units (%zu were already there).\n"),
			       added, known);
	} else if (strcmp(sub, "revoke") == 0) {
		size_t n;
		if ((st = central_unit_revoke(db, c->args[2], &n, &e)) == ST_OK)
			printf(L("Đã thu hồi %zu khóa của đơn vị %s và hủy các tệp đăng ký chưa dùng của đơn"
				 " vị; từ nay gói của đơn vị bị từ chối cho đến khi đăng ký lại: xhht-central"
				 " enroll %s -o TỆP\n",
				 "Revoked %zu keys of unit %s and withdrew its unused enrollment files; its"
				 " bundles are refused until it enrolls again: xhht-central enroll %s -o"
				 " FILE\n"),
			       n, cli_safe(c->args[2]), cli_safe(c->args[2]));
	} else if (strcmp(sub, "show") == 0) {
		if ((st = central_units(db, c->args[2], print_unit_details, NULL, &e)) == ST_OK) {
			printf(L("Các khóa:\n", "Keys:\n"));
			st = central_unit_keys(db, c->args[2], print_key_row, NULL, &e);
		}
		if (st == ST_OK) {
			printf(L("Các lần đăng ký:\n", "Enrollments:\n"));
			st = central_unit_enrollments(db, c->args[2], print_enrollment_row, NULL, &e);
		}
		struct alarm_view v = {.out = stdout};
		if (st == ST_OK)
			st = central_key_alarms(db, c->args[2], 50, print_alarm, &v, &e);
	} else if (strcmp(sub, "confirm") == 0) {
		char fp[48];
		if ((st = central_unit_confirm(db, c->args[2], c->args[3], fp, &e)) == ST_OK)
			printf(L("Đã ghi nhận: vân tay khóa của đơn vị %s (%s) đã được đối chiếu.\n",
				 "Recorded: the fingerprint of unit %s's key (%s) is confirmed.\n"),
			       cli_safe(c->args[2]), fp);
	} else {
		printf(L("mã\ttên\tnhóm\tkhóa\tvân tay khóa\tđối chiếu\tcảnh báo\n",
			 "code\tname\tgroup\tkey\tkey fingerprint\tcompared\talarm\n"));
		st = central_units(db, NULL, print_unit_row, NULL, &e);
		struct alarm_view v = {.out = stdout};
		if (st == ST_OK)
			st = central_key_alarms(db, NULL, 5, print_alarm, &v, &e);
	}
	store_close(db);
	return st == ST_OK ? 0 : cli_fail(c, st, &e);
}

/* The office's secret keys, opened with the passphrase asked for, and the enrollment hash key
 * made from them for db (central_attach_keys). */
static enum status
office_keys(const struct cli *c, struct store *db, const char *dir, struct secret **sk,
	    struct err *e)
{
	struct secret *pass;
	enum status st;
	pass = cli_passphrase(c,
			      L("Cụm mật khẩu của khóa văn phòng: ", "Passphrase of the office's keys: "),
			      false, e);
	if (pass == NULL)
		return ST_ENV;
	st = central_open_keys(dir, pass, sk, e);
	secret_free(pass);
	if (st == ST_OK)
		st = central_attach_keys(db, (*sk)->bytes + SIGN_SK_BYTES, e);
	return st;
}

/* Where xhht-central enroll puts the file: written and synced under a temporary name before
 * the enrollment is committed, named after. */
struct enroll_output {
	struct file_temp t;
	bool armor;
	const char *label; /* the armor's label; NULL: ENROLLMENT (template publish: TEMPLATE) */
};

static enum status
enroll_deliver(void *ctx, const unsigned char *doc, size_t len, struct err *e)
{
	struct enroll_output *o = ctx;
	if (!o->armor)
		return file_temp_write(&o->t, doc, len, e);
	size_t alen;
	char *a = armor_encode(o->label ? o->label : "ENROLLMENT", doc, len, &alen);
	enum status st = file_temp_write(&o->t, a, alen, e);
	sodium_memzero(a, alen);
	free(a);
	return st;
}

static int
cmd_enroll(const struct cli *c)
{
	struct err e;
	struct secret *sk = NULL;
	unsigned char *doc = NULL;
	size_t len;
	struct store *db;
	char *dir, code[ENROLL_CODE_SHOWN + 1] = "";
	int rc;
	enum status st;

	if (c->output == NULL)
		return cli_usage_error(c, L("enroll cần -o TỆP", "enroll needs -o FILE"));
	if ((rc = cli_open_store(c, STORE_CENTRAL, &db, &dir)) != 0)
		return rc;
	if ((st = office_keys(c, db, dir, &sk, &e)) != ST_OK) {
		rc = cli_fail(c, st, &e);
		goto done;
	}
	/* The file holds a one-time secret: only its owner may read it, from the start. A file
	 * that cannot be written leaves the unit's earlier enrollment in force. */
	struct enroll_output out = {.armor = c->armor};
	if ((st = file_temp_open(&out.t, c->output, 0600, &e)) != ST_OK) {
		rc = cli_fail(c, st, &e);
		goto done;
	}
	if ((st = central_enroll_to(db, sk, c->args[1], c->email, c->output, &doc, &len, code,
				    enroll_deliver, &out, &e)) != ST_OK) {
		file_temp_abort(&out.t);
		rc = cli_fail(c, st, &e);
		goto done;
	}
	if ((st = file_temp_commit(&out.t, false, &e)) != ST_OK) {
		/* Committed but not named (very rare): a new enrollment supersedes it. */
		err_prefix(&e, L("đã ghi lần đăng ký nhưng không đặt được tên tệp; chạy lại lệnh: ",
				 "the enrollment was recorded but its file could not be named; run the"
				 " command again: "));
		rc = cli_fail(c, st, &e);
		goto done;
	}
	/* The code is the last line, after a colon: scripts that print the letter read it there. */
	unsigned char sign_pk[SIGN_PK_BYTES], box_pk[BOX_PK_BYTES];
	char sfp[48] = "-";
	if (central_public_keys(db, sign_pk, box_pk, &e) == ST_OK)
		key_fingerprint(sign_pk, SIGN_PK_BYTES, sfp);
	printf(L("Đã viết tệp đăng ký cho đơn vị %s: %s\n"
		 "Công văn gửi đơn vị ghi vân tay khóa của Bộ để đơn vị đối chiếu khi mở tệp:\n"
		 "  %s\n"
		 "và mã đăng ký dưới đây. Gửi mã theo đường khác với tệp (trong công văn, hoặc đọc\n"
		 "qua điện thoại); chỉ có tệp mà không có mã thì không đăng ký được.\n"
		 "Mã đăng ký: %s\n",
		 "Wrote the enrollment file for unit %s: %s\n"
		 "The letter to the unit gives the Ministry key's fingerprint, which the clerk compares\n"
		 "when opening the file:\n"
		 "  %s\n"
		 "and the enrollment code below. Send the code another way than the file (in the\n"
		 "letter, or read out by phone); the file without the code enrolls nobody.\n"
		 "Enrollment code: %s\n"),
	       cli_safe(c->args[1]), cli_safe(c->output), sfp, code);
	sodium_memzero(code, sizeof code);
	rc = 0;
done:
	if (doc != NULL)
		sodium_memzero(doc, len);
	free(doc);
	secret_free(sk);
	free(dir);
	store_close(db);
	return rc;
}

static int
write_into(const char *dir, const char *name, const void *data, size_t len, struct err *e)
{
	char *path = xasprintf("%s/%s", dir, name);
	enum status st = file_write_atomic(path, data, len, e);
	free(path);
	return st;
}

static int
cmd_open(const struct cli *c)
{
	struct err e;
	struct secret *sk = NULL;
	struct bundle *b = NULL;
	unsigned char *data = NULL, sign_pk[SIGN_PK_BYTES], box_pk[BOX_PK_BYTES];
	size_t len;
	struct store *db;
	char *dir;
	int rc;
	enum status st;

	if ((rc = cli_open_store(c, STORE_CENTRAL, &db, &dir)) != 0)
		return rc;
	if ((st = central_public_keys(db, sign_pk, box_pk, &e)) != ST_OK) {
		rc = cli_fail(c, st, &e);
		goto done;
	}
	if ((st = container_read(c->args[1], "BUNDLE", BUNDLE_MAX_BYTES, &data, &len, &e)) != ST_OK) {
		rc = cli_fail(c, st, &e);
		goto done;
	}
	if ((st = office_keys(c, db, dir, &sk, &e)) != ST_OK) {
		rc = cli_fail(c, st, &e);
		goto done;
	}
	if (bundle_open(data, len, box_pk, sk->bytes + SIGN_SK_BYTES, central_trust, db, db, &b,
			&e) != ST_OK) {
		const char *detail = bundle_error_detail(&e);
		fprintf(stderr, "xhht-central: %s: %s (%s)%s%s\n", cli_safe(c->args[1]),
			bundle_error_message(e.code), bundle_error_name(e.code),
			detail[0] ? ": " : "", cli_safe(detail));
		rc = ST_REFUSED;
		goto done;
	}
	char hash[65], id[33];
	hex_encode(b->hash, HASH_BYTES, hash);
	hex_encode(b->meta.id, BUNDLE_ID_BYTES, id);
	/* A phase review's period, from its template (the central holds it: the bundle opened). */
	char period[REPORT_PERIOD_SIZE];
	int first = b->parsed != NULL ? b->parsed->t->phase_first : 0;
	report_period_text(b->meta.year, first, period);
	printf(L("%s: hợp lệ. Đơn vị %s, %s %s, lần gửi %d, đóng gói lúc %s, %zu tệp đính kèm.\n"
		 "Mã gói %s, mã băm %s\n",
		 "%s: valid. Unit %s, %s %s, revision %d, packed at %s, %zu attachments.\n"
		 "Bundle id %s, hash %s\n"),
	       cli_safe(c->args[1]), cli_safe(b->meta.unit),
	       first ? L("giai đoạn", "phase") : L("năm", "year"), period, b->meta.revision,
	       cli_safe(b->meta.created), b->natt, id, hash);
	if (c->output != NULL) {
		if ((st = dir_make(c->output, &e)) != ST_OK ||
		    (st = write_into(c->output, "report.json", b->report, b->report_len, &e)) != ST_OK) {
			rc = cli_fail(c, st, &e);
			goto done;
		}
		/* Attachments in their own folder: no name a unit chose can replace the report. */
		char *adir = xasprintf("%s/attachments", c->output);
		if (b->natt > 0 && (st = dir_make(adir, &e)) != ST_OK) {
			free(adir);
			rc = cli_fail(c, st, &e);
			goto done;
		}
		for (size_t i = 0; i < b->natt; i++)
			if ((st = write_into(adir, b->att[i].name, b->att[i].data,
					     (size_t)b->att[i].size, &e)) != ST_OK) {
				free(adir);
				rc = cli_fail(c, st, &e);
				goto done;
			}
		free(adir);
	}
	rc = 0;
done:
	bundle_free(b);
	free(data);
	secret_free(sk);
	free(dir);
	store_close(db);
	return rc;
}

struct import_view {
	bool tty;
	size_t files, done;
	bool bar_shown;
};

static void
clear_bar(struct import_view *v)
{
	if (v->bar_shown) {
		fputs("\r\033[K", stderr);
		v->bar_shown = false;
	}
}

static void
on_progress(void *ctx, size_t n)
{
	struct import_view *v = ctx;
	v->done += n;
	if (!v->tty || v->files < 20)
		return;
	int width = 30, filled = v->files ? (int)(v->done * (size_t)width / v->files) : width;
	if (filled > width)
		filled = width;
	fprintf(stderr, "\r[%.*s%*s] %zu/%zu", filled, "##############################", width - filled,
		"", v->done, v->files);
	fflush(stderr); /* buffered on a Windows console */
	v->bar_shown = true;
}

/* A Message-ID is the sender's text: escaped like everything else from outside. */
static void
print_message_id(const char *id)
{
	printf("; Message-ID: %s", cli_safe(id));
}

static void
on_result(void *ctx, const struct import_result *r)
{
	struct import_view *v = ctx;
	clear_bar(v);
	if (r->known) {
		char period[REPORT_PERIOD_SIZE];
		report_period_text(r->year, r->phase_first, period);
		printf("%s: %s %s r%d: ", cli_safe(r->source), cli_safe(r->unit), period,
		       r->revision);
	} else
		printf("%s: ", cli_safe(r->source));
	printf("%s", receipt_outcome_message(r->outcome));
	if (r->outcome == RO_REFUSED)
		printf(" — %s", cli_safe(r->reason));
	if (r->outcome == RO_REFUSED && r->error == BE_ENROLL_REUSED)
		printf(" (%s)",
		       L("xem \"xhht-central unit show\"", "see \"xhht-central unit show\""));
	if (r->outcome == RO_REFUSED)
		printf(" (%s)", bundle_error_name(r->error));
	/* A refused bundle from e-mail: the message to find and its sender to call. */
	if (r->outcome == RO_REFUSED && r->message_id != NULL)
		print_message_id(r->message_id);
	if (r->receipt[0])
		printf(L("; biên nhận: %s", "; receipt: %s"), cli_safe(r->receipt));
	printf("\n");
	fflush(stdout);
}

static void
on_unread(void *ctx, const char *source, const char *message_id, const char *why)
{
	struct import_view *v = ctx;
	clear_bar(v);
	printf(L("%s: không đọc — %s", "%s: not read — %s"), cli_safe(source), cli_safe(why));
	if (message_id != NULL)
		print_message_id(message_id);
	printf("\n");
	fflush(stdout);
}

static int
cmd_import(const struct cli *c)
{
	struct err e;
	struct secret *sk = NULL;
	struct importer im = {0};
	struct import_view view = {.tty = plat_is_tty(2)};
	struct store *db;
	char *dir;
	int rc, lock = -1;
	enum status st = ST_OK;

	if (c->receipts != NULL && dir_make(c->receipts, &e) != ST_OK)
		return cli_fail(c, ST_ENV, &e);
	if (c->receipts != NULL)
		import_sweep_receipts(c->receipts);
	if ((rc = cli_open_store(c, STORE_CENTRAL, &db, &dir)) != 0)
		return rc;
	im.db = db;
	/* One import at a time (the desk imports too): the second says so instead of waiting on
	 * the database. */
	if ((lock = import_lock(dir, STORE_BUSY_MS, &e)) < 0) {
		rc = cli_fail(c, ST_ENV, &e);
		goto done;
	}
	if ((st = central_public_keys(db, im.sign_pk, im.box_pk, &e)) != ST_OK) {
		rc = cli_fail(c, st, &e);
		goto done;
	}
	if ((st = office_keys(c, db, dir, &sk, &e)) != ST_OK) {
		rc = cli_fail(c, st, &e);
		goto done;
	}
	im.sign_sk = sk->bytes;
	im.box_sk = sk->bytes + SIGN_SK_BYTES;
	im.receipts_dir = c->receipts;
	im.on_result = on_result;
	im.on_unread = on_unread;
	im.on_progress = on_progress;
	im.ctx = &view;
	if (view.tty)
		for (int i = 1; i < c->nargs; i++)
			view.files += import_count_files(c->args[i]);
	for (int i = 1; i < c->nargs && st == ST_OK; i++)
		st = import_path(&im, c->args[i], true, &e);
	if (st == ST_OK)
		st = import_finish(&im, &e);
	else
		import_abandon(&im);
	clear_bar(&view);
	if (st != ST_OK) {
		rc = cli_fail(c, st, &e);
		goto done;
	}
	struct buf totals;
	buf_init(&totals);
	import_totals(&im, &totals);
	printf("%s.\n", totals.data);
	buf_free(&totals);
	rc = im.counts[RO_REFUSED] || im.unread ? ST_REFUSED : 0;
done:
	if (lock >= 0)
		close(lock);
	secret_free(sk);
	free(dir);
	store_close(db);
	return rc;
}

/* A year's answer as text, CSV or JSON (status, proposals): make writes it into a buffer,
 * printed or written to -o; with alarms, the key alarms follow on stderr. */
/* A period operand as the central's readers take it (PERIOD_KEY: a year stays itself); false
 * after saying what is wrong (exit status 2). */
static bool
period_operand(const struct cli *c, const char *s, int *key)
{
	int year, first;
	if (!cli_period_arg(c, s, &year, &first))
		return false;
	*key = PERIOD_KEY(year, first);
	return true;
}

static int
year_listing(const struct cli *c,
	     enum status (*make)(struct store *db, int year, enum summary_format fmt,
				 struct buf *out, struct err *e),
	     bool alarms)
{
	struct err e;
	struct buf b;
	struct store *db;
	int year, rc, fmt;
	enum status st;

	if (!period_operand(c, c->args[1], &year))
		return ST_ENV;
	if ((fmt = summary_format_parse(c->format, true)) < 0)
		return cli_usage_error(c, L("--format nhận text, csv hoặc json", "--format takes text, csv or json"));
	if ((rc = cli_open_store_mode(c, STORE_CENTRAL, STORE_READ, &db, NULL)) != 0)
		return rc;
	buf_init(&b);
	if ((st = make(db, year, (enum summary_format)fmt, &b, &e)) == ST_OK)
		st = cli_output(c, b.data, b.len, &e);
	/* Alarms go to stderr: they must be seen whatever format a script reads from stdout. */
	if (st == ST_OK && alarms)
		st = central_key_alarms(db, NULL, 5, print_alarm, &(struct alarm_view){.out = stderr}, &e);
	buf_free(&b);
	store_close(db);
	return st == ST_OK ? 0 : cli_fail(c, st, &e);
}

static int
cmd_status(const struct cli *c)
{
	return year_listing(c, summary_status, true);
}

/* Says every file the export wrote, so that none is a surprise beside the one asked for. */
static void
export_files_say(const struct export_files *x, bool csv)
{
	if (x->ntables == 0)
		printf("%s\n", L("Đã ghi 1 tệp:", "Wrote 1 file:"));
	else
		printf(L("Đã ghi %zu tệp:\n", "Wrote %zu files:\n"), x->ntables + 1);
	printf("  %s%s\n", cli_safe(x->main),
	       csv ? L("  (mỗi đơn vị một dòng)", "  (one line per unit)") : "");
	for (size_t i = 0; i < x->ntables; i++)
		printf(L("  %s  (bảng %s: mỗi dòng của bảng một dòng)\n",
			 "  %s  (table %s: one line per row of the table)\n"),
		       cli_safe(x->tables[i]), cli_safe(x->table_ids[i]));
}

/* The span of --years, or one YEAR operand (then *from == 0): exactly one of them; false after
 * saying what is wrong (exit status 2). */
static bool
years_or_year(const struct cli *c, int *from, int *to)
{
	struct err e = {0};
	*from = *to = 0;
	if ((c->years != NULL) == (c->nargs > 1)) {
		cli_command_usage_error(c);
		return false;
	}
	if (c->years == NULL)
		return true;
	if (across_span_parse(c->years, from, to, &e) != ST_OK) {
		cli_usage_error(c, "%s", e.msg);
		return false;
	}
	return true;
}

/* export --years: the figures across years, to a file (CSV: its tables beside it) or stdout. */
static int
export_years(const struct cli *c, int from, int to, int fmt)
{
	struct err e;
	struct store *db;
	enum status st;
	int rc;
	if ((rc = cli_open_store_mode(c, STORE_CENTRAL, STORE_READ, &db, NULL)) != 0)
		return rc;
	if (c->output != NULL && strcmp(c->output, "-") != 0) {
		struct export_files x;
		if ((st = across_export_file(db, from, to, (enum summary_format)fmt, c->output, &x,
					     &e)) == ST_OK) {
			printf(L("Đã ghi %zu tệp (các năm %d-%d):\n", "Wrote %zu files (%d-%d):\n"),
			       x.ntables + 1, from, to);
			printf("  %s\n", cli_safe(x.main));
			for (size_t i = 0; i < x.ntables; i++)
				printf("  %s\n", cli_safe(x.tables[i]));
		}
		export_files_free(&x);
	} else {
		struct buf b;
		buf_init(&b);
		if ((st = across_export(db, from, to, (enum summary_format)fmt, &b, NULL, NULL,
					&e)) == ST_OK)
			st = cli_output(c, b.data, b.len, &e);
		buf_free(&b);
	}
	store_close(db);
	return st == ST_OK ? 0 : cli_fail(c, st, &e);
}

static int
cmd_export(const struct cli *c)
{
	struct err e;
	struct buf b;
	struct store *db;
	int year, rc, fmt, from, to;
	enum status st;

	if (!years_or_year(c, &from, &to))
		return ST_ENV;
	if (from != 0) {
		if ((fmt = summary_format_parse(c->format, false)) < 0)
			return cli_usage_error(c, L("export cần --format json, csv hoặc html",
						    "export needs --format json, csv or html"));
		if (fmt == SF_CSV && (c->output == NULL || strcmp(c->output, "-") == 0))
			return cli_usage_error(
			    c, L("--format csv cần -o TỆP (mỗi bảng được ghi vào một tệp bên cạnh)",
				 "--format csv needs -o FILE (each table goes to a file beside it)"));
		return export_years(c, from, to, fmt);
	}
	if (!period_operand(c, c->args[1], &year))
		return ST_ENV;
	if ((fmt = summary_format_parse(c->format, false)) < 0)
		return cli_usage_error(c, L("export cần --format json, csv hoặc html", "export needs --format json, csv or html"));
	if (fmt == SF_CSV && (c->output == NULL || strcmp(c->output, "-") == 0))
		return cli_usage_error(c, L("--format csv cần -o TỆP (mỗi bảng được ghi vào một tệp bên cạnh)",
					    "--format csv needs -o FILE (each table goes to a file beside it)"));
	if ((rc = cli_open_store_mode(c, STORE_CENTRAL, STORE_READ, &db, NULL)) != 0)
		return rc;
	if (c->output != NULL && strcmp(c->output, "-") != 0) {
		/* Written to a file, not to standard output: say which files. */
		struct export_files x;
		if ((st = summary_export_file(db, year, (enum summary_format)fmt, c->output, &x,
					      &e)) == ST_OK)
			export_files_say(&x, fmt == SF_CSV);
		export_files_free(&x);
	} else {
		buf_init(&b);
		if ((st = summary_export(db, year, (enum summary_format)fmt, &b, NULL, NULL, &e)) ==
		    ST_OK)
			st = cli_output(c, b.data, b.len, &e);
		buf_free(&b);
	}
	store_close(db);
	return st == ST_OK ? 0 : cli_fail(c, st, &e);
}

/* The nominations of a year grouped by award and kind, each breach of the plan's rules marked:
 * what the desk's proposals view shows (totals_proposals). */
static int
cmd_proposals(const struct cli *c)
{
	struct err e;
	struct buf b;
	struct store *db;
	int from, to, fmt, rc, year = 0, first = 0;
	enum status st;
	if (!years_or_year(c, &from, &to))
		return ST_ENV;
	if (from == 0 && !cli_period_arg(c, c->args[1], &year, &first))
		return ST_ENV;
	if (from == 0 && first == 0)
		return year_listing(c, totals_proposals, false);
	/* The phase's report for the Council, from the yearly reports of the span (--years) or
	 * from the units' reviews of the phase: printed (HTML) or for Excel (CSV). */
	fmt = summary_format_parse(c->format, false);
	if (fmt != SF_HTML && fmt != SF_CSV)
		return cli_usage_error(c,
				       L("proposals của một giai đoạn cần --format html hoặc csv",
					 "proposals of a phase needs --format html or csv"));
	if (c->output == NULL || strcmp(c->output, "-") == 0)
		return cli_usage_error(c, L("proposals của một giai đoạn cần -o TỆP",
					    "proposals of a phase needs -o FILE"));
	if ((rc = cli_open_store_mode(c, STORE_CENTRAL, STORE_READ, &db, NULL)) != 0)
		return rc;
	buf_init(&b);
	if (first != 0)
		st = across_review_proposals(db, first, year, (enum summary_format)fmt, &b, &e);
	else
		st = across_proposals(db, from, to, (enum summary_format)fmt, &b, &e);
	char period[REPORT_PERIOD_SIZE];
	report_period_text(year, first, period);
	if (st == ST_OK && (st = cli_output(c, b.data, b.len, &e)) == ST_OK && first != 0)
		printf(L("Đã ghi %s: đề nghị khen thưởng trong báo cáo sơ kết, tổng kết giai đoạn "
			 "%s.\n",
			 "Wrote %s: the proposals of the %s phase reviews.\n"),
		       cli_safe(c->output), period);
	else if (st == ST_OK)
		printf(L("Đã ghi %s: đề nghị khen thưởng các năm %d-%d.\n",
			 "Wrote %s: the nominations of %d-%d.\n"),
		       cli_safe(c->output), from, to);
	buf_free(&b);
	store_close(db);
	return st == ST_OK ? 0 : cli_fail(c, st, &e);
}

static int
cmd_remind(const struct cli *c)
{
	struct err e;
	struct buf b;
	struct store *db;
	struct remind_list l;
	struct file_temp out = {.fd = -1};
	char today[16];
	int year, first, rc, fmt;
	enum status st;

	/* A phase review is not reminded of: say so rather than call 2023-2025 a bad year. */
	if (report_parse_period(c->args[1], &year, &first) && first != 0)
		return cli_usage_error(
		    c,
		    L("thư đôn đốc chỉ dành cho báo cáo năm (như %d); ai chưa gửi báo cáo giai "
		      "đoạn %s: xhht-central status %s",
		      "reminders are for a yearly report (such as %d); who has not sent the %s "
		      "phase review: xhht-central status %s"),
		    year, c->args[1], c->args[1]);
	if (!cli_year_arg(c, c->args[1], &year))
		return ST_ENV;
	fmt = summary_format_parse(c->format, false);
	if (fmt != SF_CSV && fmt != SF_HTML)
		return cli_usage_error(
		    c, L("remind cần --format csv hoặc html", "remind needs --format csv or html"));
	if (c->output == NULL || strcmp(c->output, "-") == 0)
		return cli_usage_error(c, L("remind cần -o TỆP", "remind needs -o FILE"));
	if ((rc = cli_open_store_mode(c, STORE_CENTRAL, STORE_READ, &db, NULL)) != 0)
		return rc;
	buf_init(&b);
	if ((st = remind_list(db, year, &l, &e)) == ST_OK) {
		store_today(today);
		if (fmt == SF_CSV)
			remind_csv(&l, &b);
		else
			remind_html(&l, today, &b);
		if ((st = file_temp_open(&out, c->output, 0644, &e)) == ST_OK &&
		    (st = file_temp_write(&out, b.data, b.len, &e)) == ST_OK)
			st = file_temp_commit(&out, false, &e);
		else if (out.tmp != NULL)
			file_temp_abort(&out);
	}
	if (st == ST_OK)
		printf(fmt == SF_CSV
			   ? L("Đã ghi %s: %zu đơn vị chưa gửi báo cáo năm %d (trên %zu đơn vị).\n",
			       "Wrote %s: %zu units with no %d report (of %zu units).\n")
			   : L("Đã ghi %s: thư đôn đốc cho %zu đơn vị chưa gửi báo cáo năm %d "
			       "(trên %zu đơn vị).\n",
			       "Wrote %s: reminder letters to %zu units with no %d report (of %zu "
			       "units).\n"),
		       cli_safe(c->output), l.n, year, l.units);
	remind_list_free(&l);
	buf_free(&b);
	store_close(db);
	return st == ST_OK ? 0 : cli_fail(c, st, &e);
}

/* "--comment FIELD=TEXT" is on the field when FIELD looks like an id (letters, digits, '_', '.',
 * '-'); any other text is on the whole report, and "=TEXT" says so for a text with '='. */
static void
comment_arg(const char *arg, struct review_comment *c)
{
	size_t n = strcspn(arg, "=");
	bool id = arg[n] == '=' && n < sizeof c->field;
	for (size_t i = 0; i < n && id; i++)
		id = (arg[i] >= 'a' && arg[i] <= 'z') || (arg[i] >= 'A' && arg[i] <= 'Z') ||
		     (arg[i] >= '0' && arg[i] <= '9') || strchr("_.-", arg[i]) != NULL;
	snprintf(c->field, sizeof c->field, "%.*s", id ? (int)n : 0, arg);
	c->text = (char *)(id ? arg + n + 1 : arg);
}

/* A report's reviews, newest first, and whether each went back to the unit. */
static int
print_reviews(const struct cli *c, struct store *db, const char *unit, int year)
{
	struct review_entry *a;
	size_t n;
	struct err e;
	char period[PERIOD_WORDS_SIZE];
	enum status st = review_list(db, unit, year, &a, &n, &e);
	if (st != ST_OK)
		return cli_fail(c, st, &e);
	period_key_words(year, period);
	if (n == 0)
		printf(L("Báo cáo %s của đơn vị %s chưa được xem xét.\n",
			 "The %s report of unit %s has not been reviewed.\n"),
		       period, cli_safe(unit));
	for (size_t i = 0; i < n; i++) {
		printf(L("%s  lần gửi %d: %s, %s%s; ", "%s  revision %d: %s, by %s%s; "),
		       when(a[i].rv.time), a[i].revision, review_state_word(a[i].rv.state),
		       cli_safe(a[i].staff),
		       a[i].current ? L(" (đang áp dụng)", " (current)") : "");
		if (a[i].delivered_in != NULL)
			printf(L("đã gửi đi %s trong %s\n", "sent %s in %s\n"),
			       when(a[i].delivered_at), cli_safe(a[i].delivered_in));
		else
			printf("%s\n", L("chưa gửi đi", "not sent yet"));
		for (size_t k = 0; k < a[i].rv.n; k++)
			printf("    %s: %s\n",
			       a[i].rv.comments[k].field[0] ? cli_safe(a[i].rv.comments[k].field)
							    : L("cả báo cáo", "whole report"),
			       cli_safe(a[i].rv.comments[k].text));
	}
	review_entries_free(a, n);
	return 0;
}

/* Records the review; with -o also writes the signed review file (which needs the office's
 * key); without it the review rides on the next receipt written for that report. */
static int
cmd_review(const struct cli *c)
{
	struct err e;
	struct store *db;
	struct secret *sk = NULL;
	char *dir, *written = NULL;
	const char *unit = c->args[1];
	int year, rc;
	enum status st;

	if (!period_operand(c, c->args[2], &year))
		return ST_ENV;
	if (c->approve && c->needs_fixing)
		return cli_usage_error(c, L("chỉ một trong --approve và --needs-fixing",
					    "only one of --approve and --needs-fixing"));
	if (!c->approve && !c->needs_fixing && (c->ncomments || c->output))
		return cli_usage_error(c, L("cần --approve hoặc --needs-fixing",
					    "--approve or --needs-fixing is needed"));
	if (!c->approve && !c->needs_fixing) {
		if ((rc = cli_open_store_mode(c, STORE_CENTRAL, STORE_READ, &db, NULL)) != 0)
			return rc;
		rc = print_reviews(c, db, unit, year);
		store_close(db);
		return rc;
	}
	if ((rc = cli_open_store(c, STORE_CENTRAL, &db, &dir)) != 0)
		return rc;
	struct review_comment *cm = xcalloc((size_t)c->ncomments + 1, sizeof *cm);
	for (int i = 0; i < c->ncomments; i++)
		comment_arg(c->comments[i], &cm[i]);
	enum review_state state = c->approve ? RV_APPROVED : RV_NEEDS_FIXING;
	/* The key first: a wrong passphrase records nothing. */
	if (c->output != NULL && (st = office_keys(c, db, dir, &sk, &e)) != ST_OK)
		rc = cli_fail(c, st, &e);
	else if ((st = review_set(db, unit, year, 0, state, cm, (size_t)c->ncomments, NULL, &e)) !=
		 ST_OK)
		rc = cli_fail(c, st, &e);
	else {
		struct review_entry r;
		bool found;
		char period[PERIOD_WORDS_SIZE];
		if (review_current(db, unit, year, &r, &found, &e) != ST_OK)
			found = false;
		period_key_words(year, period);
		printf(L("Đã ghi: báo cáo %s của đơn vị %s, lần gửi %d — %s, %d ý kiến.\n",
			 "Recorded: the %s report of unit %s, revision %d — %s, %d comments.\n"),
		       period, cli_safe(unit), found ? r.revision : 0, review_state_word(state),
		       c->ncomments);
		review_entry_free(&r);
		if (c->output == NULL)
			printf("%s\n",
			       L("Ý kiến sẽ đi kèm biên nhận tiếp theo cho báo cáo này (hoặc "
				 "dùng -o để ghi tệp ý kiến có chữ ký gửi đơn vị ngay).",
				 "The review goes with the next receipt for this report (or use "
				 "-o to write a signed review file to send the unit now)."));
		else if ((st = review_file_write(db, unit, year, sk->bytes, c->output, &written,
						 &e)) != ST_OK) {
			err_append(&e,
				   L("; ý kiến đã ghi nhận và sẽ đi kèm biên nhận tiếp theo",
				     "; the review is recorded and goes with the next receipt"));
			rc = cli_fail(c, st, &e);
		} else
			printf(
			    L("Đã ghi tệp ý kiến %s: gửi tệp này cho đơn vị (xhht receipt TỆP).\n",
			      "Wrote the review file %s: send it to the unit (xhht receipt "
			      "FILE).\n"),
			    cli_safe(written));
	}
	free(written);
	free(cm);
	secret_free(sk);
	free(dir);
	store_close(db);
	return rc;
}

/* The operands UNIT YEAR of the history commands, and the unit's history; 0, or the exit status
 * after saying why. */
static int
history_open(const struct cli *c, enum store_mode mode, struct store **db, struct history *h)
{
	struct err e;
	int year, rc;
	enum status st;
	memset(h, 0, sizeof *h);
	if (!period_operand(c, c->args[2], &year))
		return ST_ENV;
	if ((rc = cli_open_store_mode(c, STORE_CENTRAL, mode, db, NULL)) != 0)
		return rc;
	if ((st = history_read(*db, c->args[1], year, h, &e)) != ST_OK) {
		store_close(*db);
		*db = NULL;
		return cli_fail(c, st, &e);
	}
	return 0;
}

static int
cmd_history(const struct cli *c)
{
	struct err e;
	struct store *db;
	struct history h;
	struct buf b;
	int rc, fmt;
	enum status st;
	if ((fmt = summary_format_parse(c->format, true)) < 0)
		return cli_usage_error(c, L("--format nhận text, csv hoặc json", "--format takes text, csv or json"));
	if ((rc = history_open(c, STORE_READ, &db, &h)) != 0)
		return rc;
	buf_init(&b);
	history_format(&h, fmt, &b);
	st = cli_output(c, b.data, b.len, &e);
	buf_free(&b);
	history_free(&h);
	store_close(db);
	return st == ST_OK ? 0 : cli_fail(c, st, &e);
}

/* "1.260 → 1.300", each side "(trống)" when empty. */
static void
print_change(const struct history_change *x)
{
	static const char marks[] = {[CH_CHANGED] = '~', [CH_ADDED] = '+', [CH_REMOVED] = '-'};
	const char *none = L("(trống)", "(empty)");
	printf("%c %s: %s", marks[x->kind], cli_safe(x->label),
	       cli_safe(*x->old_text ? x->old_text : none));
	printf(" → %s\n", cli_safe(*x->new_text ? x->new_text : none));
}

static void
print_diff(const struct history *h, const struct history_diff *d)
{
	char period[PERIOD_WORDS_SIZE];
	period_key_words(h->period, period);
	printf(L("Đơn vị %s, %s: từ lần gửi %d (%.12s) đến lần gửi %d (%.12s): %zu thay đổi\n",
		 "Unit %s, %s: from revision %d (%.12s) to revision %d (%.12s): %zu changes\n"),
	       cli_safe(h->unit), period, d->old_revision, d->old_hash, d->new_revision,
	       d->new_hash, d->n);
	for (size_t i = 0; i < d->n; i++) {
		if (i == 0 || d->v[i].section != d->v[i - 1].section)
			printf("== %s ==\n", cli_safe(d->v[i].section_title));
		print_change(&d->v[i]);
	}
}

static int
cmd_diff(const struct cli *c)
{
	struct err e;
	struct store *db;
	struct history h;
	struct history_diff d = {0};
	int rc, a, b;
	enum status st;
	if (c->nargs == 4)
		return cli_usage_error(c, L("cần hai lần gửi để so sánh, hoặc không ghi lần nào",
					    "two revisions to compare are needed, or none"));
	if ((rc = history_open(c, STORE_READ, &db, &h)) != 0)
		return rc;
	if (c->nargs == 5) {
		if ((st = history_find(&h, c->args[3], &a, &e)) == ST_OK)
			st = history_find(&h, c->args[4], &b, &e);
	} else
		st = history_default_pair(&h, &a, &b, &e);
	if (st == ST_OK &&
	    (st = history_diff(db, h.unit, h.period, h.v[a].hash, h.v[b].hash, &d, &e)) == ST_OK)
		print_diff(&h, &d);
	history_diff_free(&d);
	history_free(&h);
	store_close(db);
	return st == ST_OK ? 0 : cli_fail(c, st, &e);
}

static int
cmd_settle(const struct cli *c)
{
	struct err e;
	struct store *db;
	char chosen[65], period[PERIOD_WORDS_SIZE];
	size_t aside;
	int year, rc;
	enum status st;
	if (!period_operand(c, c->args[2], &year))
		return ST_ENV;
	if (c->reason == NULL)
		return cli_usage_error(c, L("settle cần --reason LÝ_DO (ghi vào nhật ký)",
					    "settle needs --reason TEXT (kept in the staff log)"));
	if ((rc = cli_open_store(c, STORE_CENTRAL, &db, NULL)) != 0)
		return rc;
	st = history_settle(db, c->args[1], year, c->args[3], c->reason, chosen, &aside, &e);
	period_key_words(year, period);
	if (st == ST_OK)
		printf(L("Đã chọn gói %.12s làm báo cáo %s của đơn vị %s; %zu gói để riêng"
			 " (vẫn còn trong lịch sử). Đã ghi vào nhật ký: %s.\n",
			 "Chose bundle %.12s as the %s report of unit %s; %zu set aside (still in"
			 " the history). Logged for %s.\n"),
		       chosen, period, cli_safe(c->args[1]), aside, cli_safe(staff_name()));
	store_close(db);
	return st == ST_OK ? 0 : cli_fail(c, st, &e);
}

static void
unit_known(void *ctx, const struct unit_row *u)
{
	(void)ctx;
	(void)u;
}

/* The staff action log, newest first: who did what to which unit, as the log keeps it. */
static int
cmd_log(const struct cli *c)
{
	struct err e;
	struct store *db;
	struct staff_entry *a = NULL;
	size_t n = 0;
	int year = 0, rc;
	enum status st = ST_OK;
	const char *unit = c->nargs > 1 ? c->args[1] : NULL;

	if (c->year != NULL && !period_operand(c, c->year, &year))
		return ST_ENV;
	if ((rc = cli_open_store_mode(c, STORE_CENTRAL, STORE_READ, &db, NULL)) != 0)
		return rc;
	if (unit != NULL)
		st = central_units(db, unit, unit_known, NULL, &e);
	if (st == ST_OK)
		st = staff_entries(db, unit, year, &a, &n, &e);
	if (st == ST_OK && n == 0)
		printf("%s\n", L("Nhật ký chưa ghi việc nào.", "The log holds nothing yet."));
	else if (st == ST_OK)
		printf("%s\n", L("lúc\tngười làm\tviệc\tđơn vị\tnăm\tchi tiết",
				  "when\tstaff\taction\tunit\tyear\tdetail"));
	for (size_t i = 0; i < n; i++) {
		const char *what = staff_action_word_named(a[i].action);
		char y[16] = "-";
		if (a[i].period)
			period_key_text(a[i].period, y);
		printf("%s\t%s\t%s\t%s\t%s\t%s\n", when(a[i].at), cli_safe(a[i].staff), what,
		       a[i].unit[0] ? cli_safe(a[i].unit) : "-", y, cli_safe(a[i].detail));
	}
	staff_entries_free(a, n);
	store_close(db);
	return st == ST_OK ? 0 : cli_fail(c, st, &e);
}

/* The largest template text publish reads: enrollment files carry every template within 4 MiB. */
#define TEMPLATE_MAX_BYTES (1u << 20)

static int
template_publish_cmd(const struct cli *c)
{
	struct err e;
	struct secret *sk = NULL;
	struct store *db;
	struct template_info info = {0};
	char *dir, *json = NULL;
	size_t len;
	int rc;
	enum status st;

	if (c->output == NULL)
		return cli_usage_error(
		    c, L("template publish cần -o TỆP", "template publish needs -o FILE"));
	if ((st = file_read(c->args[2], TEMPLATE_MAX_BYTES, &json, &len, &e)) != ST_OK ||
	    strlen(json) != len) {
		if (st == ST_OK)
			err_set(&e,
				L("%s: không phải tệp văn bản JSON", "%s: not a JSON text file"),
				c->args[2]);
		free(json);
		return cli_fail(c, st == ST_OK ? ST_REFUSED : st, &e);
	}
	if ((rc = cli_open_store(c, STORE_CENTRAL, &db, &dir)) != 0) {
		free(json);
		return rc;
	}
	struct enroll_output out = {.armor = c->armor, .label = "TEMPLATE"};
	if ((st = office_keys(c, db, dir, &sk, &e)) != ST_OK ||
	    (st = file_temp_open(&out.t, c->output, 0644, &e)) != ST_OK) {
		rc = cli_fail(c, st, &e);
		goto done;
	}
	if ((st = template_publish(db, sk->bytes, json, c->output, enroll_deliver, &out, &info,
				   &e)) != ST_OK) {
		file_temp_abort(&out.t);
		if (st == ST_REFUSED && strncmp(e.msg, c->args[2], strlen(c->args[2])) != 0)
			err_prefix(&e, "%s: ", c->args[2]);
		rc = cli_fail(c, st, &e);
		goto done;
	}
	if ((st = file_temp_commit(&out.t, false, &e)) != ST_OK) {
		rc = cli_fail(c, st, &e);
		goto done;
	}
	printf(L("Đã phát hành mẫu %s phiên bản %d (%s): %s\n"
		 "Gửi tệp này cho các đơn vị như tệp đăng ký (USB hoặc thư điện tử); đơn vị cài bằng"
		 " \"xhht template install TỆP\" hoặc mở tệp trên màn hình chính.\n",
		 "Published template %s version %d (%s): %s\n"
		 "Send this file to the units as an enrollment file is sent (USB or e-mail); a unit"
		 " installs it with \"xhht template install FILE\" or opens it on the home screen.\n"),
	       cli_safe(info.id), info.version, cli_safe(info.title), cli_safe(c->output));
	rc = 0;
done:
	template_info_free(&info);
	free(json);
	secret_free(sk);
	free(dir);
	store_close(db);
	return rc;
}

static int
cmd_template(const struct cli *c)
{
	if (strcmp(c->command->name, "template publish") == 0)
		return template_publish_cmd(c);
	return cli_template_list(c, STORE_CENTRAL);
}

/* The office's keys sit in one sealed file of the data folder. */
static enum status
change_office_passphrase(struct store *db, const char *dir, const struct secret *old,
			 const struct secret *new_pass, struct err *e)
{
	char *path = xasprintf("%s/%s", dir, CENTRAL_KEY_FILE);
	enum status st = keyfile_change_passphrase(path, KEYFILE_CENTRAL, old, new_pass, e);
	(void)db;
	free(path);
	return st;
}

static int
cmd_passphrase(const struct cli *c)
{
	return cli_passphrase_command(c, STORE_CENTRAL, change_office_passphrase);
}

/* No command: the desk on a terminal. It opens the folder to write (the settings, and later the
 * desk's own changes) but never waits for the importer: its writes give up at once when the
 * importer holds the database (store_no_wait), and its reads, in WAL, never block a writer.
 * Without a terminal, as before: a command is needed. */
static int
cmd_bare(const struct cli *c)
{
	struct store *db;
	char *dir;
	int rc;
	if (!plat_is_tty(0) || !plat_is_tty(1))
		return cli_usage_error(c, L("cần một lệnh (xem %s --help)", "a command is needed (see %s --help)"),
				       c->prog);
	if ((rc = cli_open_store(c, STORE_CENTRAL, &db, &dir)) != 0)
		return rc;
	store_no_wait(db);
	rc = desk_run(db, dir, 0);
	free(dir);
	store_close(db);
	return rc;
}

static const struct cli_command commands[] = {
	{"", "", "", "bàn làm việc toàn màn hình: bảng theo dõi các đơn vị", "the full-screen desk: the units' board",
	 0, 0, 0, cmd_bare},
	{"init", "", "", "tạo khóa của văn phòng (một lần)", "make the office's keys (once)", 0, 0,
	 CLI_NEW_PASSPHRASE, cmd_init},
	{"unit add", "MÃ TÊN [NHÓM]", "CODE NAME [GROUP]",
	 "thêm một đơn vị; NHÓM (như cột nhom của CSV): " UNIT_GROUP_CODES,
	 "add a unit; GROUP (as the CSV's nhom column): " UNIT_GROUP_CODES, 2, 3, 0, cmd_unit},
	{"unit import", "TỆP.csv", "FILE.csv", "thêm các đơn vị từ tệp CSV (ma,ten,nhom)",
	 "add units from a CSV file (ma,ten,nhom)", 1, 1, 0, cmd_unit},
	{"unit list", "", "", "danh sách đơn vị, vân tay khóa, cảnh báo",
	 "list the units, key fingerprints, alarms", 0, 0, 0, cmd_unit},
	{"unit show", "MÃ", "CODE", "khóa, các lần đăng ký và cảnh báo của đơn vị",
	 "the unit's keys, enrollments and alarms", 1, 1, 0, cmd_unit},
	{"unit confirm", "MÃ \"VÂN TAY\"", "CODE \"FINGERPRINT\"",
	 "ghi nhận đã đối chiếu vân tay khóa của đơn vị qua điện thoại",
	 "record that the unit key's fingerprint was compared by phone", 2, 2, 0, cmd_unit},
	{"unit revoke", "MÃ", "CODE", "thu hồi khóa của đơn vị (phải đăng ký lại)",
	 "revoke the unit's keys (it must enroll again)", 1, 1, 0, cmd_unit},
	{"enroll", "MÃ -o TỆP [--email ĐỊA_CHỈ] [--armor]", "CODE -o FILE [--email ADDRESS] [--armor]",
	 "viết tệp đăng ký cho đơn vị; in mã đăng ký để gửi riêng (công văn hoặc điện thoại)",
	 "write an enrollment file for the unit; print the code to send apart (letter or phone)", 1,
	 1, CLI_OUTPUT | CLI_EMAIL | CLI_ARMOR, cmd_enroll},
	{"open", "GÓI [-o THƯ_MỤC]", "BUNDLE [-o DIR]",
	 "mở, kiểm tra một gói; lưu báo cáo và tệp đính kèm",
	 "open and verify a bundle; save its report and files", 1, 1, CLI_OUTPUT, cmd_open},
	{"import", "[--receipts THƯ_MỤC] ĐƯỜNG_DẪN...", "[--receipts DIR] PATH...",
	 "nhận các gói trong tệp, thư mục, hộp thư (mbox, maildir); gộp báo cáo; viết biên nhận",
	 "take the bundles in files, folders, mailboxes (mbox, maildir); merge the reports; write"
	 " receipts",
	 1, -1, CLI_RECEIPTS, cmd_import},
	{"status", "KỲ [--format text|csv|json] [-o TỆP]",
	 "PERIOD [--format text|csv|json] [-o FILE]",
	 "đơn vị nào đã nộp báo cáo năm (2025) hoặc sơ kết, tổng kết giai đoạn (2023-2025),"
	 " đúng hạn hay muộn, chưa nộp; cảnh báo khóa",
	 "which units filed the yearly report (2025) or the phase review (2023-2025), on time or"
	 " late, or not; key alarms", 1, 1, CLI_FORMAT | CLI_OUTPUT,
	 cmd_status},
	{"export", "KỲ|--years NĂM-NĂM --format json|csv|html -o TỆP",
	 "PERIOD|--years YEAR-YEAR --format json|csv|html -o FILE",
	 "xuất báo cáo đã gộp (của năm, hoặc sơ kết, tổng kết giai đoạn) và số liệu tổng hợp;"
	 " --years: số liệu qua các năm, từng đơn vị, xu hướng",
	 "export the merged reports (of a year, or the phase reviews) and the aggregates; --years:"
	 " the figures across years, per unit, the trend",
	 0, 1, CLI_FORMAT | CLI_OUTPUT | CLI_YEARS, cmd_export},
	{"proposals",
	 "NĂM [--format text|csv|json] [-o TỆP] | GIAI_ĐOẠN|--years NĂM-NĂM --format html|csv"
	 " -o TỆP",
	 "YEAR [--format text|csv|json] [-o FILE] | PHASE|--years YEAR-YEAR --format html|csv"
	 " -o FILE",
	 "các đề nghị khen thưởng của đơn vị theo hình thức, đối tượng; đánh dấu đề nghị trái Kế hoạch;"
	 " GIAI_ĐOẠN (2023-2025): báo cáo trình Hội đồng Thi đua - Khen thưởng từ báo cáo sơ kết,"
	 " tổng kết của đơn vị; --years: từ báo cáo hằng năm",
	 "the units' nominations by award and kind; those breaking the plan's rules marked; PHASE"
	 " (2023-2025): the report for the Emulation and Commendation Council from the units' phase"
	 " reviews; --years: from the yearly reports",
	 0, 1, CLI_FORMAT | CLI_OUTPUT | CLI_YEARS, cmd_proposals},
	{"remind", "NĂM --format csv|html -o TỆP", "YEAR --format csv|html -o FILE",
	 "đơn vị chưa gửi báo cáo, người liên hệ (CSV) và thư đôn đốc để in (HTML)",
	 "units not heard from with their contacts (CSV), and reminder letters to print (HTML)", 1,
	 1, CLI_FORMAT | CLI_OUTPUT, cmd_remind},
	{"review", "MÃ KỲ [--approve | --needs-fixing] [--comment [MỤC=]Ý_KIẾN]... [-o ĐÍCH]",
	 "CODE PERIOD [--approve | --needs-fixing] [--comment [FIELD=]TEXT]... [-o PATH]",
	 "duyệt báo cáo hoặc yêu cầu sửa kèm ý kiến (đi kèm biên nhận tiếp theo, hoặc -o ghi tệp "
	 "ý kiến có chữ ký); không có --approve/--needs-fixing: các lần xem xét",
	 "approve a report or ask for fixes with comments (sent with the next receipt, or -o writes "
	 "a signed review file); without --approve/--needs-fixing: the reviews so far",
	 2, 2, CLI_APPROVE | CLI_NEEDS_FIXING | CLI_COMMENT | CLI_OUTPUT, cmd_review},
	{"history", "MÃ KỲ [--format text|csv|json] [-o TỆP]",
	 "CODE PERIOD [--format text|csv|json] [-o FILE]",
	 "mọi lần gửi báo cáo của đơn vị trong kỳ (năm hoặc giai đoạn): bản đang dùng, bản cũ, bản"
	 " xung đột",
	 "every bundle of the unit's report of the period (year or phase): the one in use, older"
	 " ones, conflicts",
	 2,
	 2, CLI_FORMAT | CLI_OUTPUT, cmd_history},
	{"diff", "MÃ KỲ [LẦN_A LẦN_B]", "CODE PERIOD [REV_A REV_B]",
	 "những gì thay đổi giữa hai lần gửi (số lần gửi hoặc đầu mã gói); mặc định: bản đang dùng"
	 " và bản trước nó, hoặc hai bản xung đột",
	 "what changed between two revisions (numbers or starts of bundle hashes); by default the"
	 " one in use and the one before it, or the two in conflict",
	 2, 4, 0, cmd_diff},
	{"settle", "MÃ KỲ MÃ_GÓI --reason LÝ_DO", "CODE PERIOD HASH --reason TEXT",
	 "xử lý xung đột: chọn bản này làm báo cáo của đơn vị; bản kia để riêng; ghi vào nhật ký",
	 "settle a conflict: this bundle becomes the unit's report, the other is set aside; logged",
	 3, 3, CLI_REASON, cmd_settle},
	{"log", "[MÃ] [--year KỲ]", "[CODE] [--year PERIOD]",
	 "nhật ký việc của cán bộ: ai thêm, cấp tệp đăng ký, đối chiếu, thu hồi, lúc nào",
	 "the staff action log: who added, enrolled, confirmed, revoked, and when", 0, 1, CLI_YEAR,
	 cmd_log},
	{"template publish", "TỆP.json -o TỆP_RA [--armor]", "FILE.json -o OUT [--armor]",
	 "kiểm tra và phát hành phiên bản mới của mẫu báo cáo: tệp có chữ ký của Bộ gửi các đơn vị",
	 "check and publish a new version of a report template: a file signed by the Ministry for"
	 " the units",
	 1, 1, CLI_OUTPUT | CLI_ARMOR, cmd_template},
	{"template list", "", "", "các mẫu báo cáo văn phòng biết: có sẵn hoặc đã phát hành",
	 "the report templates the office knows: built in or published", 0, 0, 0, cmd_template},
	{"passphrase", "", "", "đổi cụm mật khẩu của khóa", "change the key's passphrase", 0, 0,
	 CLI_NEW_PASSPHRASE, cmd_passphrase},
};

static const struct cli_program program = {
	"xhht-central",
	"nhận, kiểm tra và tổng hợp báo cáo xã hội học tập của các đơn vị",
	"receive, verify and consolidate units' learning-society reports",
	commands,
	ARRAY_LEN(commands),
};

int
main(int argc, char **argv)
{
	return cli_main(&program, argc, argv);
}
