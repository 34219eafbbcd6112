/* units.c: the desk's units and keys: every registered unit with its key's state, fingerprint
 * and alarms, searched like the board; add a unit or a CSV list, write an enrollment file, show
 * a unit's keys, enrollments, alarms and log, confirm a fingerprint heard on the phone, revoke,
 * enroll again. Every change is the core's (central.c), which logs it in the staff action log. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "central.h"
#include "crypto.h"
#include "desk.h"
#include "i18n.h"
#include "staff.h"
#include "store.h"
#include "text.h"
#include "widgets.h"

/* Where a unit's key stands: none bound, bound, bound and its fingerprint confirmed by phone,
 * or revoked (and none bound since). */
enum key_state { KS_NONE, KS_BOUND, KS_CONFIRMED, KS_REVOKED, KS_COUNT };

static const struct {
	const char *vi, *en;
} key_words[KS_COUNT] = {
    [KS_NONE] = {"chưa có", "none"},
    [KS_BOUND] = {"đã gắn", "bound"},
    [KS_CONFIRMED] = {"đã đối chiếu", "confirmed"},
    [KS_REVOKED] = {"đã thu hồi", "revoked"},
};

#define GROUP_ROW(code, vi, en) {#code, vi, en},
static const struct {
	const char *code, *vi, *en;
} groups[] = {UNIT_GROUPS(GROUP_ROW, )};
#undef GROUP_ROW

struct unit_item {
	char *code, *name, *group;
	/* The latest enrollment's state: "open", "used", "superseded"; NULL: none. */
	char *enrollment;
	char fingerprint[48];
	enum key_state key;
	int alarms;
	char *folded; /* "code name", folded for search */
};

struct units {
	struct unit_item *u;
	size_t n;
	size_t *shown, nshown, sel, top;
	struct desk_search search;
	long long version; /* the database's data_version when read */
	int list_y;        /* the screen row of the first unit, for clicks */
};

/* A unit's page: what unit show says, and the unit's lines of the staff action log. */
struct unit_page {
	char *code, *name;
	bool has_key;
	char *text;
	struct buf *out; /* the text being built */
	int top;         /* the text's first row shown */
};

/* The three actions on a unit, on the list and on its page alike. */
/* clang-format off */
#define UNIT_ACTION_OVERRIDES                                                                      \
	{ACT_SAVE, "Tệp đăng ký", "Enrollment",                                                    \
	 "Viết tệp đăng ký cho đơn vị vào thư mục hoặc USB; hiện mã đăng ký để gửi riêng",         \
	 "Write the unit's enrollment file to a folder or USB; show the code to send apart", NULL}, \
	{ACT_CHECK, "Đối chiếu", "Confirm",                                                        \
	 "Đối chiếu vân tay khóa: gõ dãy số người của đơn vị đọc qua điện thoại",                  \
	 "Confirm the key's fingerprint: type the digits the unit reads on the phone", NULL},      \
	{ACT_DELETE, "Thu hồi", "Revoke",                                                          \
	 "Thu hồi khóa của đơn vị, hoặc cấp lại (thu hồi rồi viết tệp đăng ký mới)",               \
	 "Revoke the unit's keys, or enroll it again (revoke, then a new enrollment file)", NULL}
/* clang-format on */

static const enum action hints[] = {ACT_ENTER, ACT_ADD,  ACT_SAVE, ACT_CHECK, ACT_DELETE,
				    ACT_FIND,  ACT_BACK, ACT_HELP, ACT_QUIT,  ACT_NONE};
static const enum action keys_taken[] = {ACT_ENTER,  ACT_NEXT, ACT_PREV, ACT_PAGE_UP, ACT_PAGE_DOWN,
					 ACT_HOME,   ACT_END,  ACT_ADD,  ACT_SAVE,    ACT_CHECK,
					 ACT_DELETE, ACT_FIND, ACT_BACK, ACT_NONE};
static const struct action_info overrides[] = {
    {ACT_ENTER, "Xem", "Open", "Xem khóa, các lần đăng ký, cảnh báo và nhật ký của đơn vị",
     "Show the unit's keys, enrollments, alarms and log", NULL},
    {ACT_ADD, "Thêm", "Add", "Thêm một đơn vị, hoặc nhập danh sách đơn vị từ tệp CSV",
     "Add a unit, or import a list of units from a CSV file", NULL},
    UNIT_ACTION_OVERRIDES,
    {ACT_HOME, "Đầu danh sách", "First unit", "Đơn vị đầu danh sách", "The list's first unit",
     NULL},
    {ACT_END, "Cuối danh sách", "Last unit", "Đơn vị cuối danh sách", "The list's last unit", NULL},
    {ACT_FIND, "Tìm", "Search", "Tìm đơn vị theo mã hoặc tên (gõ có dấu hay không dấu đều được)",
     "Search units by code or name (with or without diacritics)", NULL},
    {ACT_BACK, "Quay lại", "Back", "Bỏ tìm; không còn tìm thì về bảng theo dõi",
     "Clear the search; with none, back to the board", NULL},
    {ACT_NONE, NULL, NULL, NULL, NULL, NULL},
};

static const enum action page_hints[] = {ACT_SAVE, ACT_CHECK, ACT_DELETE, ACT_PAGE_DOWN,
					 ACT_BACK, ACT_HELP,  ACT_QUIT,   ACT_NONE};
static const enum action page_keys[] = {ACT_NEXT,   ACT_PREV, ACT_PAGE_UP, ACT_PAGE_DOWN,
					ACT_HOME,   ACT_END,  ACT_SAVE,    ACT_CHECK,
					ACT_DELETE, ACT_BACK, ACT_NONE};
static const struct action_info page_overrides[] = {
    UNIT_ACTION_OVERRIDES,
    {ACT_BACK, "Quay lại", "Back", "Về danh sách đơn vị", "Back to the list of units", NULL},
    {ACT_NONE, NULL, NULL, NULL, NULL, NULL},
};

static const char *
group_word(const char *code)
{
	for (size_t i = 0; i < ARRAY_LEN(groups); i++)
		if (strcmp(groups[i].code, code) == 0)
			return L(groups[i].vi, groups[i].en);
	return "";
}

static const char *
enrollment_word(const char *state)
{
	return state == NULL                ? L("chưa cấp", "none written")
	       : strcmp(state, "open") == 0 ? L("đã cấp, đơn vị chưa dùng", "written, not used yet")
	       : strcmp(state, "used") == 0 ? L("đã dùng", "used")
					    : L("đã thay hoặc hủy", "superseded or withdrawn");
}

/* ---- the core's help for every action: the office's keys, and the actions themselves ---- */

/* A prompt that takes what is typed as typed: codes and digits, where the typing method would
 * turn "dd" into "đ". */
static char *
prompt_plain(struct tui *t, const char *title, const char *initial)
{
	struct ime *ime = t->ime;
	t->ime = NULL;
	char *s = tui_prompt(t, title, initial, false);
	t->ime = ime;
	return s;
}

/* The office's secret keys, opened with the passphrase staff type (asked again in place after a
 * wrong one, three tries), and the enrollment hash key made from them for the desk's
 * connection; NULL when cancelled or refused (said on the status line). */
static struct secret *
office_keys(struct tui *t)
{
	struct err e = {0};
	struct secret *sk =
	    desk_office_keys(t,
			     L("Cụm mật khẩu của khóa văn phòng (để ký tệp đăng ký):",
			       "Passphrase of the office's keys (to sign the enrollment file):"),
			     NULL);
	if (sk != NULL && central_attach_keys(t->db, sk->bytes + SIGN_SK_BYTES, &e) != ST_OK) {
		secret_free(sk);
		tui_error(t, &e);
		return NULL;
	}
	return sk;
}

static enum status
deliver(void *ctx, const unsigned char *doc, size_t len, struct err *e)
{
	return file_temp_write(ctx, doc, len, e);
}

/* The file written: where it is, the Ministry's fingerprint for the letter, and the code, shown
 * this once (the central keeps only a keyed hash of it), to be sent apart from the file. */
static void
enrollment_said(struct tui *t, const char *code, const char *path, const char *email,
		const char *ecode)
{
	unsigned char sign_pk[SIGN_PK_BYTES], box_pk[BOX_PK_BYTES];
	char fp[48] = "-", l1[1000], l3[80], l5[80], title[200];
	struct err e = {0};
	if (central_public_keys(t->db, sign_pk, box_pk, &e) == ST_OK)
		key_fingerprint(sign_pk, SIGN_PK_BYTES, fp);
	snprintf(title, sizeof title,
		 L("Đã viết tệp đăng ký cho đơn vị %s", "Wrote the enrollment file for unit %s"),
		 code);
	if (email[0])
		snprintf(l1, sizeof l1,
			 L("Tệp: %s (đơn vị gửi gói tới %s)",
			   "File: %s (the unit sends its bundles to %s)"),
			 path, email);
	else
		snprintf(l1, sizeof l1, L("Tệp: %s", "File: %s"), path);
	snprintf(l3, sizeof l3, "    %s", fp);
	snprintf(l5, sizeof l5, L("    Mã đăng ký: %s", "    Enrollment code: %s"), ecode);
	const char *lines[] = {
	    l1,
	    L("Công văn gửi đơn vị ghi vân tay khóa của Bộ để đơn vị đối chiếu khi mở tệp:",
	      "The letter to the unit gives the Ministry key's fingerprint, which the clerk "
	      "compares when opening the file:"),
	    l3,
	    L("và mã đăng ký dưới đây. Gửi mã theo đường khác với tệp (trong công văn, hoặc đọc "
	      "qua điện thoại); chỉ có tệp mà không có mã thì không đăng ký được. Mã chỉ hiện "
	      "lần này: hãy ghi lại ngay.",
	      "and the enrollment code below. Send the code another way than the file (in the "
	      "letter, or read out by phone); the file without the code enrolls nobody. The "
	      "code is shown this once: write it down now."),
	    l5,
	};
	tui_inform(t, title, lines, (int)ARRAY_LEN(lines));
	sodium_memzero(l5, sizeof l5);
	tui_message(t, false,
		    L("Đã viết tệp đăng ký cho đơn vị %s: %s (mã đăng ký đã hiện, gửi riêng).",
		      "Wrote the enrollment file for unit %s: %s (code shown, to send apart)."),
		    code, path);
}

/* The Ministry's address the unit is told to send its bundles to, written into the file (as
 * enroll --email): the last one given is offered, and one that is not an address is asked
 * again in place. "" for none; NULL when cancelled. */
static char *
ask_email(struct tui *t, const char *code)
{
	char title[600];
	const char *why = "";
	char *typed = tui_setting_get(t->db, "desk.enroll_email");
	for (;;) {
		snprintf(
		    title, sizeof title,
		    L("Địa chỉ thư điện tử của Bộ mà đơn vị %s gửi gói tới, ghi vào tệp đăng ký "
		      "(để trống: không ghi):%s%s",
		      "The Ministry's e-mail address unit %s sends its bundles to, written into "
		      "the enrollment file (empty: none):%s%s"),
		    code, why[0] ? "\n" : "", why);
		char *s = prompt_plain(t, title, typed ? typed : "");
		free(typed);
		if ((typed = s) == NULL || s[0] == '\0' || text_email_ok(s))
			break;
		why = L(
		    "Đó không phải địa chỉ thư điện tử (ví dụ: baocao@moh.gov.vn): sửa lại.",
		    "That is not an e-mail address (for example: baocao@moh.gov.vn): correct it.");
	}
	if (typed != NULL && typed[0] != '\0')
		tui_setting_set(t->db, "desk.enroll_email", typed);
	return typed;
}

/* The file for unit code in a folder staff choose, signed with the office's keys; with
 * revoke_first the unit's keys are revoked first (enrolled again). A file that cannot be
 * written leaves the earlier enrollment in force, as on the command line. */
static void
enroll_write(struct tui *t, const char *code, bool revoke_first)
{
	struct err e = {0};
	char title[300], part[80], ecode[ENROLL_CODE_SHOWN + 1] = "";
	snprintf(title, sizeof title,
		 L("Ghi tệp đăng ký của đơn vị %s vào đâu? (USB ở đầu danh sách)",
		   "Write unit %s's enrollment file where? (USB sticks first)"),
		 code);
	char *dir = tui_choose_path_kept(t, title, true, NULL, "folder.desk_enroll"), *email = NULL;
	struct secret *sk = NULL;
	if (dir == NULL || (email = ask_email(t, code)) == NULL || (sk = office_keys(t)) == NULL) {
		free(dir);
		free(email);
		return;
	}
	text_filename_part(code, part, sizeof part);
	char *path = xasprintf("%s/dang-ky-%s.xhht", dir, part);
	struct file_temp f = {.fd = -1};
	unsigned char *doc = NULL;
	size_t len = 0, revoked = 0;
	bool opened, revoked_now = false, enrolled = false;
	enum status rc = file_temp_open(&f, path, 0600, &e);
	opened = rc == ST_OK;
	if (rc == ST_OK && revoke_first)
		revoked_now = (rc = central_unit_revoke(t->db, code, &revoked, &e)) == ST_OK;
	if (rc == ST_OK)
		enrolled = (rc = central_enroll_to(t->db, sk, code, email[0] ? email : NULL, path,
						   &doc, &len, ecode, deliver, &f, &e)) == ST_OK;
	if (opened && !enrolled)
		file_temp_abort(&f);
	if (enrolled && (rc = file_temp_commit(&f, false, &e)) != ST_OK)
		err_prefix(
		    &e,
		    L("đã ghi lần đăng ký nhưng không đặt được tên tệp; viết lại (%s): ",
		      "the enrollment was recorded but its file could not be named; write it "
		      "again (%s): "),
		    action_first_key(ACT_SAVE));
	else if (revoked_now && !enrolled)
		err_prefix(
		    &e,
		    L("đã thu hồi %zu khóa của đơn vị %s nhưng chưa viết được tệp đăng ký mới "
		      "(%s để viết lại): ",
		      "revoked %zu keys of unit %s but the new enrollment file was not written "
		      "(%s to write it): "),
		    revoked, code, action_first_key(ACT_SAVE));
	if (rc == ST_OK)
		enrollment_said(t, code, path, email, ecode);
	else
		tui_error(t, &e);
	sodium_memzero(ecode, sizeof ecode);
	if (doc != NULL)
		sodium_memzero(doc, len);
	free(doc);
	secret_free(sk);
	free(email);
	free(path);
	free(dir);
}

/* F2: staff type the digits the unit's clerk reads on the phone; the core decides whether they
 * are the bound key's (and never shows the right ones: the call must be what proves them). */
static void
confirm_heard(struct tui *t, const char *code, const char *name, bool has_key)
{
	struct err e = {0};
	char fp[48], title[600];
	char *heard = NULL;
	if (has_key) {
		snprintf(
		    title, sizeof title,
		    L("Đối chiếu vân tay khóa của đơn vị %s — %s. Gọi điện cho đơn vị, nghe người "
		      "của đơn vị đọc vân tay khóa trên màn hình của họ (8 nhóm 4 chữ số) và gõ "
		      "lại từng chữ số:",
		      "Confirm the key fingerprint of unit %s — %s. Call the unit, hear its clerk "
		      "read the key fingerprint on their screen (8 groups of 4 digits) and type "
		      "every digit:"),
		    code, name);
		if ((heard = prompt_plain(t, title, "")) == NULL)
			return;
	}
	/* No key bound: the core says so, and that the first bundle has not arrived. */
	if (central_unit_confirm(t->db, code, heard ? heard : "", fp, &e) != ST_OK)
		tui_error(t, &e);
	else
		tui_message(t, false,
			    L("Đã ghi nhận: vân tay khóa của đơn vị %s (%s) đã được đối chiếu.",
			      "Recorded: the fingerprint of unit %s's key (%s) is confirmed."),
			    code, fp);
	free(heard);
}

/* Delete: revoke the unit's keys, or enroll it again (revoke, then a new file), each asked
 * naming the unit. */
static void
revoke_or_again(struct tui *t, const char *code, const char *name)
{
	struct err e = {0};
	char title[300], q[700];
	const char *labels[] = {
	    L("Thu hồi khóa: gói của đơn vị bị từ chối cho đến khi đăng ký lại",
	      "Revoke the keys: the unit's bundles are refused until it enrolls again"),
	    L("Cấp lại: thu hồi khóa rồi viết tệp đăng ký mới",
	      "Enroll again: revoke the keys, then write a new enrollment file"),
	};
	snprintf(title, sizeof title, L("Đơn vị %s — %s", "Unit %s — %s"), code, name);
	int c = tui_choose(t, title, labels, (int)ARRAY_LEN(labels), 0);
	if (c < 0)
		return;
	snprintf(q, sizeof q,
		 c == 0
		     ? L("Thu hồi mọi khóa của đơn vị %s — %s và hủy các tệp đăng ký chưa dùng? "
			 "Từ nay gói của đơn vị bị từ chối cho đến khi đơn vị đăng ký lại.",
			 "Revoke every key of unit %s — %s and withdraw its unused enrollment "
			 "files? Its bundles are refused from now on until it enrolls again.")
		     : L("Cấp lại cho đơn vị %s — %s: thu hồi mọi khóa và các tệp đăng ký chưa "
			 "dùng, rồi viết tệp đăng ký mới? Gói của đơn vị bị từ chối cho đến khi "
			 "đơn vị mở tệp mới.",
			 "Enroll unit %s — %s again: revoke every key and unused enrollment file, "
			 "then write a new enrollment file? Its bundles are refused until it opens "
			 "the new file."),
		 code, name);
	if (!tui_confirm(t, q))
		return;
	if (c == 1) {
		enroll_write(t, code, true);
		return;
	}
	size_t n;
	if (central_unit_revoke(t->db, code, &n, &e) != ST_OK)
		tui_error(t, &e);
	else
		tui_message(
		    t, false,
		    L("Đã thu hồi %zu khóa của đơn vị %s và hủy các tệp đăng ký chưa dùng; gói "
		      "của đơn vị bị từ chối cho đến khi đăng ký lại (%s: tệp đăng ký mới).",
		      "Revoked %zu keys of unit %s and withdrew its unused enrollment files; "
		      "its bundles are refused until it enrolls again (%s: a new enrollment "
		      "file)."),
		    n, code, action_first_key(ACT_SAVE));
}

/* The actions on one unit, from the list or its page; false for another action. */
static bool
unit_action(struct tui *t, enum action a, const char *code, const char *name, bool has_key)
{
	switch (a) {
	case ACT_SAVE:
		enroll_write(t, code, false);
		return true;
	case ACT_CHECK:
		confirm_heard(t, code, name, has_key);
		return true;
	case ACT_DELETE:
		revoke_or_again(t, code, name);
		return true;
	default:
		return false;
	}
}

/* ---- the list ---------------------------------------------------------------------------- */

static void
collect(void *ctx, const struct unit_row *r)
{
	struct units *s = ctx;
	s->u = xreallocarray(s->u, s->n + 1, sizeof *s->u);
	struct unit_item *u = &s->u[s->n++];
	u->code = xstrdup(r->code);
	u->name = xstrdup(r->name);
	u->group = xstrdup(r->group);
	u->enrollment = r->enrollment ? xstrdup(r->enrollment) : NULL;
	memcpy(u->fingerprint, r->fingerprint, sizeof u->fingerprint);
	u->key = r->fingerprint[0] ? (r->confirmed_at ? KS_CONFIRMED : KS_BOUND)
		 : r->revoked      ? KS_REVOKED
				   : KS_NONE;
	u->alarms = r->alarms;
	char *both = xasprintf("%s %s", r->code, r->name);
	u->folded = text_fold(both);
	free(both);
}

static void
forget(struct units *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->u[i].code);
		free(s->u[i].name);
		free(s->u[i].group);
		free(s->u[i].enrollment);
		free(s->u[i].folded);
	}
	free(s->u);
	free(s->shown);
	s->u = NULL;
	s->shown = NULL;
	s->n = s->nshown = 0;
}

static const struct unit_item *
chosen(const struct units *s)
{
	return s->nshown ? &s->u[s->shown[s->sel]] : NULL;
}

/* The units shown: those the search finds, in code order; keep (a code) stays chosen. */
static void
arrange(struct units *s, const char *keep)
{
	s->nshown = 0;
	s->sel = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (!desk_search_finds(&s->search, s->u[i].folded))
			continue;
		if (keep != NULL && strcmp(s->u[i].code, keep) == 0)
			s->sel = s->nshown;
		s->shown[s->nshown++] = i;
	}
}

/* Reads the units again (after an action, or another program's commit); keep stays chosen
 * (NULL: the unit chosen now). */
static void
load(struct tui *t, struct units *s, const char *keep)
{
	struct err e = {0};
	const struct unit_item *u = chosen(s);
	char *was = xstrdup(keep ? keep : u ? u->code : "");
	forget(s);
	s->version = store_data_version(t->db);
	if (central_units(t->db, NULL, collect, s, &e) != ST_OK)
		tui_error(t, &e);
	s->shown = xcalloc(s->n + 1, sizeof *s->shown);
	arrange(s, was);
	free(was);
}

void
units_open(struct tui *t, int year)
{
	(void)year;
	struct units *s = xcalloc(1, sizeof *s);
	load(t, s, NULL);
	tui_set_help(
	    t, L("Đơn vị và khóa", "Units and keys"),
	    L("Mỗi dòng là một đơn vị đã đăng ký với Bộ: khóa của đơn vị (chưa có, đã gắn khi "
	      "nhận gói đầu tiên, đã đối chiếu vân tay qua điện thoại, đã thu hồi), vân tay khóa "
	      "và cảnh báo khóa (dấu ! ở đầu dòng: một khóa lạ đã dùng lại tệp và mã đăng ký của "
	      "đơn vị; gọi điện cho đơn vị, rồi thu hồi hoặc cấp lại). Thêm đơn vị, viết tệp đăng "
	      "ký (cần cụm mật khẩu của khóa văn phòng; mã đăng ký hiện một lần, gửi riêng với "
	      "tệp), đối chiếu vân tay, thu hồi: mỗi việc được ghi vào nhật ký việc của cán bộ, "
	      "với tên đăng nhập của người làm (xem ở trang của đơn vị, hoặc xhht-central log).",
	      "Each line is a unit registered with the Ministry: its key (none, bound when its "
	      "first bundle arrived, fingerprint confirmed by phone, revoked), the key fingerprint "
	      "and key alarms (a ! at the start: a strange key presented the unit's enrollment "
	      "file and code; call the unit, then revoke or enroll it again). Adding units, "
	      "writing enrollment files (the office's passphrase is needed; the code is shown "
	      "once, to send apart from the file), confirming fingerprints and revoking are each "
	      "written to the staff action log with the login name of who did it (on the unit's "
	      "page, or xhht-central log)."));
	tui_push(t, &screen_units, s);
}

static void
units_leave(struct tui *t)
{
	struct units *s = tui_state(t);
	forget(s);
	desk_search_clear(&s->search);
	free(s);
}

/* The columns, in the order drawn: the group and the whole fingerprint only when there is room
 * beside a name of 24 columns (the chosen unit's fingerprint is always whole below the list). */
enum column { U_CODE, U_NAME, U_GROUP, U_KEY, U_FP, U_ALARMS, U_COUNT };
static const struct {
	const char *vi, *en;
	int width; /* 0: what is left (the name) */
} columns[U_COUNT] = {
    [U_CODE] = {"Mã", "Code", 10},           [U_NAME] = {"Tên đơn vị", "Unit", 0},
    [U_GROUP] = {"Nhóm", "Group", 16},       [U_KEY] = {"Khóa", "Key", 12},
    [U_FP] = {"Vân tay", "Fingerprint", 11}, [U_ALARMS] = {"Cảnh báo", "Alarms", 8},
};
#define FP_WHOLE 39

static int
layout(const struct tui *t, enum column *cols, int *x, int *w)
{
	int name_w = t->cols - 3 - 1;
	for (int c = 0; c < U_COUNT; c++)
		if (c != U_GROUP)
			name_w -= columns[c].width + 1;
	bool group = name_w - (columns[U_GROUP].width + 1) >= 24;
	if (group)
		name_w -= columns[U_GROUP].width + 1;
	bool whole = name_w - (FP_WHOLE - columns[U_FP].width) >= 24;
	if (whole)
		name_w -= FP_WHOLE - columns[U_FP].width;
	int n = 0, at = 3;
	for (int c = 0; c < U_COUNT; c++) {
		if (c == U_GROUP && !group)
			continue;
		cols[n] = (enum column)c;
		x[n] = at;
		w[n] = c == U_NAME ? name_w : c == U_FP && whole ? FP_WHOLE : columns[c].width;
		at += w[n] + 1;
		n++;
	}
	return n;
}

static void
cell(const struct unit_item *u, enum column c, char *out, size_t size)
{
	out[0] = '\0';
	switch (c) {
	case U_CODE:
		snprintf(out, size, "%s", u->code);
		break;
	case U_NAME:
		snprintf(out, size, "%s", u->name);
		break;
	case U_GROUP:
		snprintf(out, size, "%s", group_word(u->group));
		break;
	case U_KEY:
		snprintf(out, size, "%s", L(key_words[u->key].vi, key_words[u->key].en));
		break;
	case U_FP:
		snprintf(out, size, "%s", u->fingerprint[0] ? u->fingerprint : "-");
		break;
	case U_ALARMS:
		if (u->alarms)
			snprintf(out, size, "%d", u->alarms);
		break;
	default:
		break;
	}
}

/* "50 đơn vị: 30 đã đối chiếu, 5 đã gắn, 13 chưa có, 2 đã thu hồi; 1 cảnh báo khóa (!)". */
static void
counts_line(const struct units *s, char *line, size_t size)
{
	size_t k[KS_COUNT] = {0};
	for (size_t i = 0; i < s->n; i++)
		k[s->u[i].key]++;
	snprintf(line, size,
		 L("%zu đơn vị — khóa: %zu đã đối chiếu vân tay, %zu đã gắn, %zu chưa có, "
		   "%zu đã thu hồi",
		   "%zu units — keys: %zu confirmed, %zu bound, %zu none, %zu revoked"),
		 s->n, k[KS_CONFIRMED], k[KS_BOUND], k[KS_NONE], k[KS_REVOKED]);
}

/* The alarms first (never cut), then what is shown: "1 đơn vị có cảnh báo khóa (!) — 2/2 đơn
 * vị — gõ mã hoặc tên để tìm (Ctrl-F)". */
static void
search_line(const struct units *s, char *line, size_t size)
{
	size_t alarmed = 0;
	int n = 0;
	for (size_t i = 0; i < s->n; i++)
		alarmed += s->u[i].alarms > 0;
	if (alarmed)
		n = snprintf(
		    line, size,
		    L("%zu đơn vị có cảnh báo khóa (!) — ", "%zu units with key alarms (!) — "),
		    alarmed);
	if (n < 0 || (size_t)n >= size)
		return;
	if (s->search.text)
		snprintf(
		    line + n, size - (size_t)n,
		    L("%zu/%zu đơn vị — tìm (%s): \"%s\"", "%zu/%zu units — search (%s): \"%s\""),
		    s->nshown, s->n, action_first_key(ACT_FIND), s->search.text);
	else
		snprintf(line + n, size - (size_t)n,
			 L("%zu/%zu đơn vị — gõ mã hoặc tên để tìm (%s)",
			   "%zu/%zu units — type a code or name to search (%s)"),
			 s->nshown, s->n, action_first_key(ACT_FIND));
}

/* The chosen unit below the list: its whole fingerprint and its enrollment. */
static void
chosen_line(const struct unit_item *u, char *line, size_t size)
{
	if (u->fingerprint[0])
		snprintf(line, size,
			 L("%s: vân tay %s; tệp đăng ký: %s", "%s: fingerprint %s; enrollment: %s"),
			 u->code, u->fingerprint, enrollment_word(u->enrollment));
	else
		snprintf(line, size,
			 L("%s: chưa có khóa; tệp đăng ký: %s", "%s: no key; enrollment: %s"),
			 u->code, enrollment_word(u->enrollment));
}

static void
draw_list(struct tui *t, struct units *s, int y, int rows)
{
	enum column cols[U_COUNT];
	int x[U_COUNT], w[U_COUNT], n = layout(t, cols, x, w);
	char text[512];
	attron(A_BOLD);
	for (int i = 0; i < n; i++)
		tui_text(t, y, x[i], w[i], L(columns[cols[i]].vi, columns[cols[i]].en));
	attroff(A_BOLD);
	s->list_y = ++y;
	if (rows < 1)
		return;
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + (size_t)rows)
		s->top = s->sel - (size_t)rows + 1;
	if (s->nshown == 0) {
		snprintf(text, sizeof text,
			 s->n == 0 ? L("Chưa có đơn vị nào đăng ký với Bộ: %s để thêm một đơn vị "
				       "hoặc nhập danh sách từ tệp CSV.",
				       "No unit is registered yet: %s to add one or import a list "
				       "from a CSV file.")
				   : L("Không có đơn vị nào khớp với tìm kiếm (%s: bỏ tìm).",
				       "No unit matches the search (%s: clear it)."),
			 action_first_key(s->n == 0 ? ACT_ADD : ACT_BACK));
		tui_wrap(t, y, 2, t->cols - 4, rows, text, true);
	}
	for (size_t r = s->top; r < s->nshown && (int)(r - s->top) < rows; r++, y++) {
		const struct unit_item *u = &s->u[s->shown[r]];
		bool sel = r == s->sel;
		tui_list_line(t, y, 0, t->cols, "", sel);
		if (sel)
			attron(A_REVERSE);
		if (u->alarms)
			attron(A_BOLD);
		if (u->alarms)
			tui_text(t, y, 1, 1, "!");
		for (int i = 0; i < n; i++) {
			cell(u, cols[i], text, sizeof text);
			tui_text(t, y, x[i], w[i], text);
		}
		attroff(A_BOLD | A_REVERSE);
	}
}

static void
units_draw(struct tui *t)
{
	struct units *s = tui_state(t);
	char line[512];
	tui_chrome(t, L("xhht-central — Bàn làm việc: đơn vị và khóa",
			"xhht-central — The desk: units and keys"));
	counts_line(s, line, sizeof line);
	attron(A_BOLD);
	tui_text(t, 1, 1, t->cols - 2, line);
	attroff(A_BOLD);
	search_line(s, line, sizeof line);
	tui_text(t, 2, 1, t->cols - 2, line);
	draw_list(t, s, 3, t->rows - 3 - 5);
	const struct unit_item *u = chosen(s);
	if (u != NULL) {
		chosen_line(u, line, sizeof line);
		tui_text(t, t->rows - 3, 1, t->cols - 2, line);
	}
	curs_set(0);
}

/* Insert: one unit typed in (its code checked as the command line checks it, asked again in
 * place when wrong), or a CSV list chosen in the file chooser. */
static void
add_one(struct tui *t, struct units *s)
{
	struct err e = {0};
	char title[400];
	const char *why = "";
	char *code = NULL, *name = NULL;
	for (;;) {
		snprintf(
		    title, sizeof title, "%s%s%s",
		    L("Mã đơn vị mới (chữ không dấu, số, - _ . ; bắt đầu bằng chữ hoặc số; tối đa "
		      "32 ký tự):",
		      "The new unit's code (letters without marks, digits, - _ . ; a letter or "
		      "digit first; at most 32):"),
		    why[0] ? "\n" : "", why);
		char *typed = prompt_plain(t, title, code ? code : "");
		free(code);
		if ((code = typed) == NULL)
			return;
		if (central_unit_code_ok(code))
			break;
		why = L("Mã vừa gõ không hợp lệ: sửa lại.", "That code is not valid: correct it.");
	}
	snprintf(title, sizeof title, L("Tên đơn vị %s (có dấu):", "The name of unit %s:"), code);
	if ((name = tui_prompt(t, title, "", false)) == NULL) {
		free(code);
		return;
	}
	char texts[ARRAY_LEN(groups) + 1][160];
	const char *labels[ARRAY_LEN(groups) + 1];
	snprintf(texts[0], sizeof texts[0], "%s", L("(không thuộc nhóm nào)", "(no group)"));
	for (size_t i = 0; i < ARRAY_LEN(groups); i++)
		snprintf(texts[i + 1], sizeof texts[0], "%s (%s)", L(groups[i].vi, groups[i].en),
			 groups[i].code);
	for (size_t i = 0; i < ARRAY_LEN(labels); i++)
		labels[i] = texts[i];
	snprintf(title, sizeof title, L("Nhóm của đơn vị %s:", "The group of unit %s:"), code);
	int g = tui_choose(t, title, labels, (int)ARRAY_LEN(labels), 0);
	const char *group = g > 0 ? groups[g - 1].code : "";
	if (g < 0)
		; /* cancelled */
	else if (!central_group_ok(group) ||
		 central_unit_add(t->db, code, name, group, &e) != ST_OK)
		tui_error(t, &e);
	else {
		load(t, s, code);
		if (group[0])
			tui_message(t, false,
				    L("Đã thêm đơn vị %s — %s (nhóm %s).",
				      "Added unit %s — %s (group %s)."),
				    code, chosen(s) ? chosen(s)->name : name, group_word(group));
		else
			tui_message(t, false, L("Đã thêm đơn vị %s — %s.", "Added unit %s — %s."),
				    code, chosen(s) ? chosen(s)->name : name);
	}
	free(code);
	free(name);
}

static void
import_csv(struct tui *t, struct units *s)
{
	static const char *const suffixes[] = {".csv", ".CSV", NULL};
	struct err e = {0};
	size_t added, known;
	char *path = tui_choose_path_kept(t,
					  L("Chọn tệp CSV danh sách đơn vị (các cột ma,ten,nhom)",
					    "Choose the CSV list of units (columns ma,ten,nhom)"),
					  false, suffixes, "folder.desk_units");
	if (path == NULL)
		return;
	if (central_unit_import(t->db, path, &added, &known, &e) != ST_OK)
		tui_error(t, &e);
	else {
		load(t, s, NULL);
		tui_message(t, false,
			    L("Đã thêm %zu đơn vị từ %s (%zu đơn vị đã có từ trước).",
			      "Added %zu units from %s (%zu were already there)."),
			    added, path, known);
	}
	free(path);
}

static void
add_units(struct tui *t, struct units *s)
{
	const char *labels[] = {
	    L("Một đơn vị: gõ mã, tên, chọn nhóm",
	      "One unit: type its code and name, choose a group"),
	    L("Danh sách đơn vị từ tệp CSV (ma,ten,nhom)",
	      "A list of units from a CSV file (ma,ten,nhom)"),
	};
	int c = tui_choose(t, L("Thêm đơn vị", "Add units"), labels, (int)ARRAY_LEN(labels), 0);
	if (c == 0)
		add_one(t, s);
	else if (c == 1)
		import_csv(t, s);
}

/* Ctrl-F, or a letter typed on the list (initial), or Esc (clear): the search; the chosen unit
 * stays chosen when still shown. */
static void
search(struct tui *t, struct units *s, const char *initial, bool clear)
{
	const struct unit_item *u = chosen(s);
	char *keep = u ? xstrdup(u->code) : NULL;
	if (clear)
		desk_search_clear(&s->search);
	if (clear || desk_search_ask(t, &s->search, initial))
		arrange(s, keep);
	free(keep);
}

static void unit_page_open(struct tui *t, const struct unit_item *u);

static bool
units_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct units *s = tui_state(t);
	int page = t->rows - 8 > 1 ? t->rows - 8 : 1;
	const struct unit_item *u = chosen(s);
	char typed[8];
	if (desk_search_typed(ch, is_text, typed)) {
		search(t, s, typed, false);
		return true;
	}
	int sel = (int)s->sel;
	if (list_move(&sel, (int)s->nshown, page, a)) {
		s->sel = s->nshown ? (size_t)sel : 0;
		return true;
	}
	switch (a) {
	case ACT_ADD:
		add_units(t, s);
		return true;
	case ACT_FIND:
		search(t, s, s->search.text, false);
		return true;
	case ACT_ENTER:
		if (u != NULL)
			unit_page_open(t, u);
		return true;
	case ACT_SAVE:
	case ACT_CHECK:
	case ACT_DELETE:
		if (u == NULL) {
			tui_message(t, false,
				    L("Chưa chọn đơn vị nào (%s: thêm đơn vị).",
				      "No unit chosen (%s: add a unit)."),
				    action_first_key(ACT_ADD));
			return true;
		}
		{
			char *code = xstrdup(u->code);
			unit_action(t, a, code, u->name, u->fingerprint[0] != '\0');
			load(t, s, code);
			free(code);
		}
		return true;
	case ACT_BACK:
		if (s->search.text == NULL)
			return false; /* back to the board */
		search(t, s, NULL, true);
		tui_message(t, false, "%s",
			    L("Đã bỏ tìm: hiện mọi đơn vị.", "Search cleared: every unit shown."));
		return true;
	default:
		return false;
	}
}

static void
units_click(struct tui *t, int y, int x)
{
	struct units *s = tui_state(t);
	(void)x;
	if (y >= s->list_y && s->top + (size_t)(y - s->list_y) < s->nshown && y < t->rows - 5)
		s->sel = s->top + (size_t)(y - s->list_y);
}

/* Nothing typed for a while: read again when another program (the importer binding a first
 * key, the command line) committed meanwhile. */
static void
units_idle(struct tui *t)
{
	struct units *s = tui_state(t);
	if (store_data_version(t->db) != s->version)
		load(t, s, NULL);
}

/* Back from a unit's page, whose actions may have changed the unit. */
static void
units_resume(struct tui *t)
{
	load(t, tui_state(t), NULL);
}

const struct screen screen_units = {
    .id = "units",
    .draw = units_draw,
    .key = units_key,
    .click = units_click,
    .idle = units_idle,
    .resume = units_resume,
    .leave = units_leave,
    .hints = hints,
    .keys = keys_taken,
    .overrides = overrides,
};

/* ---- a unit's page: as xhht-central unit show, and the unit's log ------------------------ */

static void
page_key_row(void *ctx, const struct key_row *k)
{
	struct buf *b = ctx;
	char from[32], to[32], conf[32];
	time_vietnam(k->bound_at, from);
	buf_printf(b, L("  %s\n    %s, từ %s", "  %s\n    %s, since %s"), k->fingerprint,
		   strcmp(k->state, "bound") == 0      ? L("đang dùng", "bound")
		   : strcmp(k->state, "replaced") == 0 ? L("đã thay", "replaced")
						       : L("đã thu hồi", "revoked"),
		   from);
	if (k->ended_at) {
		time_vietnam(k->ended_at, to);
		buf_printf(b, L(" đến %s", " until %s"), to);
	}
	if (k->confirmed_at) {
		time_vietnam(k->confirmed_at, conf);
		buf_printf(b, L("; vân tay đã đối chiếu %s", "; fingerprint confirmed %s"), conf);
	} else if (strcmp(k->state, "bound") == 0)
		buf_printf(b, "%s", L("; vân tay CHƯA đối chiếu", "; fingerprint NOT confirmed"));
	buf_adds(b, "\n");
}

static void
page_enrollment_row(void *ctx, const struct enrollment_row *en)
{
	struct buf *b = ctx;
	char made[32], used[32];
	time_vietnam(en->created_at, made);
	buf_printf(b, L("  tạo lúc %s (mã số %.8s): %s", "  made %s (id %.8s): %s"), made, en->id,
		   en->used_at      ? L("đã dùng", "used")
		   : en->superseded ? L("đã bị thay hoặc hủy", "superseded or withdrawn")
				    : L("chưa dùng", "not used yet"));
	if (en->used_at) {
		time_vietnam(en->used_at, used);
		buf_printf(b, L(" lúc %s", " at %s"), used);
	}
	buf_adds(b, "\n");
}

static void
page_alarm_row(void *ctx, const struct alarm_row *a)
{
	struct buf *b = ctx;
	char first[32], last[32];
	time_vietnam(a->first_seen, first);
	time_vietnam(a->last_seen, last);
	buf_printf(b,
		   L("  %skhóa lạ %s\n    %d lần, lần đầu %s, lần cuối %s, trong %s\n",
		     "  %sstrange key %s\n    %d times, first %s, last %s, in %s\n"),
		   a->resolved_at ? L("(đã xử lý) ", "(dealt with) ") : "! ", a->new_fingerprint,
		   a->tries, first, last, a->source);
}

static void
page_unit_row(void *ctx, const struct unit_row *u)
{
	struct unit_page *p = ctx;
	struct buf *b = p->out;
	p->has_key = u->fingerprint[0] != '\0';
	buf_printf(b, L("Đơn vị %s — %s\n", "Unit %s — %s\n"), u->code, u->name);
	if (u->group[0])
		buf_printf(b, L("Nhóm: %s\n", "Group: %s\n"), group_word(u->group));
	if (u->fingerprint[0])
		buf_printf(b,
			   L("Vân tay khóa đang dùng: %s\n  (%s)\n",
			     "Fingerprint of the bound key: %s\n  (%s)\n"),
			   u->fingerprint,
			   u->confirmed_at ? L("đã đối chiếu qua điện thoại", "confirmed by phone")
					   : L("chưa đối chiếu", "not confirmed"));
	else
		buf_printf(b, "%s\n", L("Chưa có khóa nào đang dùng.", "No key bound."));
}

/* The page's text, read again: after an action, or when the page opens. */
static void
page_build(struct tui *t, struct unit_page *p)
{
	struct err e = {0};
	struct buf b;
	struct staff_entry *log = NULL;
	size_t n = 0;
	buf_init(&b);
	p->out = &b;
	enum status rc = central_units(t->db, p->code, page_unit_row, p, &e);
	buf_printf(&b, "\n%s\n", L("Các khóa:", "Keys:"));
	if (rc == ST_OK)
		rc = central_unit_keys(t->db, p->code, page_key_row, &b, &e);
	buf_printf(&b, "\n%s\n", L("Các lần đăng ký:", "Enrollments:"));
	if (rc == ST_OK)
		rc = central_unit_enrollments(t->db, p->code, page_enrollment_row, &b, &e);
	buf_printf(&b, "\n%s\n",
		   L("Cảnh báo khóa (khóa lạ dùng lại tệp và mã đăng ký đã dùng):",
		     "Key alarms (strange keys presenting the used enrollment file and code):"));
	if (rc == ST_OK)
		rc = central_key_alarms(t->db, p->code, 50, page_alarm_row, &b, &e);
	buf_printf(&b, "\n%s\n", L("Nhật ký việc của cán bộ:", "The staff action log:"));
	if (rc == ST_OK)
		rc = staff_entries(t->db, p->code, 0, &log, &n, &e);
	for (size_t i = 0; i < n; i++) {
		char at[32];
		time_vietnam(log[i].at, at);
		buf_printf(&b, "  %s  %s — %s:\n    %s\n", at, log[i].staff,
			   staff_action_word_named(log[i].action), log[i].detail);
	}
	staff_entries_free(log, n);
	if (rc != ST_OK)
		tui_error(t, &e);
	free(p->text);
	p->text = buf_steal(&b);
	p->out = NULL;
}

static void
unit_page_open(struct tui *t, const struct unit_item *u)
{
	struct unit_page *p = xcalloc(1, sizeof *p);
	p->code = xstrdup(u->code);
	p->name = xstrdup(u->name);
	page_build(t, p);
	tui_push(t, &screen_unit_page, p);
}

static int
page_rows(struct tui *t, const struct unit_page *p)
{
	return tui_wrap(t, 0, 0, t->cols - 4, INT_MAX / 2, p->text, false);
}

static void
page_draw(struct tui *t)
{
	struct unit_page *p = tui_state(t);
	char title[200];
	snprintf(title, sizeof title,
		 L("xhht-central — Đơn vị %s: khóa, đăng ký, cảnh báo, nhật ký",
		   "xhht-central — Unit %s: keys, enrollments, alarms, log"),
		 p->code);
	tui_chrome(t, title);
	int h = t->rows - 4, max = page_rows(t, p) - h;
	if (p->top > max)
		p->top = max;
	if (p->top < 0)
		p->top = 0;
	tui_wrap_from(t, 2, 2, t->cols - 4, p->top, h, p->text, true);
	curs_set(0);
}

static bool
page_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct unit_page *p = tui_state(t);
	int page = t->rows - 5 > 1 ? t->rows - 5 : 1;
	(void)ch;
	(void)is_text;
	switch (a) {
	case ACT_NEXT:
	case ACT_PREV:
		p->top += a == ACT_NEXT ? 1 : -1;
		return true;
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
		p->top += a == ACT_PAGE_DOWN ? page : -page;
		return true;
	case ACT_HOME:
	case ACT_END:
		p->top = a == ACT_HOME ? 0 : INT_MAX / 2; /* the draw keeps it in the text */
		return true;
	default:
		break;
	}
	if (!unit_action(t, a, p->code, p->name, p->has_key))
		return false;
	page_build(t, p);
	return true;
}

static void
page_leave(struct tui *t)
{
	struct unit_page *p = tui_state(t);
	free(p->code);
	free(p->name);
	free(p->text);
	free(p);
}

const struct screen screen_unit_page = {
    .id = "unit_page",
    .draw = page_draw,
    .key = page_key,
    .leave = page_leave,
    .hints = page_hints,
    .keys = page_keys,
    .overrides = page_overrides,
};
