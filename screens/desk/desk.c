/* desk.c: the central office's desk started: its struct tui, and how it takes the steps the
 * core names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "central.h"
#include "crypto.h"
#include "desk.h"
#include "i18n.h"
#include "text.h"

struct secret *
desk_office_keys(struct tui *t, const char *title, bool *refused)
{
	char why[300] = "";
	struct err e = {0};
	if (refused != NULL)
		*refused = false;
	for (int try = 1; try <= PASSPHRASE_TRIES; try++) {
		struct secret *pass = try == 1 ? tui_passphrase(t, title, false)
					       : tui_passphrase_again(t, title, try, why);
		struct secret *sk = NULL;
		if (pass == NULL)
			return NULL; /* cancelled: nothing to say */
		e = (struct err){0};
		enum status rc = central_open_keys(t->dir, pass, &sk, &e);
		secret_free(pass);
		if (rc == ST_OK)
			return sk;
		if (e.code != KEYFILE_WRONG_PASSPHRASE)
			break;
		snprintf(why, sizeof why, "%s", L("sai cụm mật khẩu", "wrong passphrase"));
	}
	if (refused != NULL)
		*refused = true;
	tui_error(t, &e);
	return NULL;
}

/* The desk's first screen: the year board of the year the command line asked for, else this
 * year's. */
static void
desk_open(struct tui *t)
{
	board_open(t, t->year);
}

/* The steps the desk has no screen for yet are the command line's: said as its commands. */
static void
desk_next_step(struct tui *t, struct err *e)
{
	(void)t;
	switch (e->next) {
	case ERR_NEXT_CENTRAL_INIT:
		err_append(e, L(" (từ dòng lệnh: xhht-central init)",
				" (on the command line: xhht-central init)"));
		break;
	case ERR_NEXT_ADD_UNIT:
		err_append(e,
			   L(" (%s, \"Đơn vị và khóa\"; hoặc từ dòng lệnh: xhht-central unit add MÃ"
			     " TÊN, hay unit import TỆP.csv)",
			     " (%s, \"Units and keys\"; or on the command line: xhht-central unit add"
			     " CODE NAME, or unit import FILE.csv)"),
			   action_first_key(ACT_VIEWS));
		break;
	default:
		return; /* the others are the unit's program's or the folder's */
	}
	e->next = ERR_NEXT_NONE;
}

void
desk_search_clear(struct desk_search *s)
{
	free(s->text);
	free(s->fold);
	s->text = s->fold = NULL;
}

bool
desk_search_ask(struct tui *t, struct desk_search *s, const char *initial)
{
	char *q = tui_prompt(t,
			     L("Tìm đơn vị theo mã hoặc tên (có dấu hay không dấu):",
			       "Search units by code or name (with or without diacritics):"),
			     initial, false);
	if (q == NULL)
		return false;
	desk_search_clear(s);
	if (q[0] != '\0') {
		s->text = q;
		s->fold = text_fold(q);
	} else
		free(q);
	return true;
}

bool
desk_search_typed(wint_t ch, bool is_text, char typed[8])
{
	if (!is_text || ch <= ' ' || ch == 127)
		return false;
	typed[utf8_encode((uint32_t)ch, typed)] = '\0';
	return true;
}

bool
desk_search_finds(const struct desk_search *s, const char *folded)
{
	return s->fold == NULL || strstr(folded, s->fold) != NULL;
}

/* The desk's views beyond the board, in the order its menu lists them. */
static const struct desk_view {
	const char *vi, *en;
	void (*open)(struct tui *t, int year);
} desk_views[] = {
    {"Nhắc nộp: danh sách đơn vị chưa nộp và thư đôn đốc",
     "Reminders: the units not heard from and letters", desk_save_reminders},
    {"Nhận gói: từ thư mục, USB hoặc hộp thư", "Import: bundles from a folder, USB or a mailbox",
     desk_import},
    {"Xuất số liệu của năm (HTML, CSV, JSON, danh sách trạng thái)",
     "Export the year (HTML, CSV, JSON, status list)", desk_export},
    {"Số liệu tổng hợp của năm, từng đơn vị góp vào", "The year's totals, and the units behind each",
     totals_open},
    {"Đề nghị khen thưởng theo hình thức, đánh dấu đề nghị trái Kế hoạch",
     "Nominations by award, those breaking the plan's rules marked", proposals_open},
    {"Số liệu qua các năm: tổng cả nước, từng đơn vị, tăng giảm",
     "Figures across years: national totals, each unit, the change", years_open},
    {"Đơn vị và khóa: thêm, tệp đăng ký, đối chiếu vân tay, thu hồi",
     "Units and keys: add, enrollment files, fingerprints, revoke", units_open},
};

void
desk_menu(struct tui *t, int year)
{
	const char *labels[ARRAY_LEN(desk_views)];
	for (size_t i = 0; i < ARRAY_LEN(desk_views); i++)
		labels[i] = L(desk_views[i].vi, desk_views[i].en);
	int i = tui_choose(t, L("Chức năng của bàn làm việc", "The desk's views"), labels,
			   (int)ARRAY_LEN(desk_views), 0);
	if (i >= 0)
		desk_views[i].open(t, year);
}

int
desk_run(struct store *db, const char *dir, int year)
{
	struct tui t = {.db = db, .dir = (char *)dir, .year = year, .next_step = desk_next_step};
	return tui_main(&t, desk_open);
}
