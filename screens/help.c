/* help.c: the framework's help screen: help for the field or screen of the moment, then every
 * key with what it does on the screen below (the action table and that screen's overrides). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "tui.h"
#include "widgets.h"

struct help {
	struct pager page; /* first: pager_leave frees the state */
	const struct screen *below; /* whose keys are explained */
};

static const enum action closes[] = {ACT_ENTER, ACT_HELP, ACT_NONE};
static const enum action hints[] = {ACT_BACK, ACT_PAGE_DOWN, ACT_QUIT, ACT_NONE};
static const enum action keys_taken[] = {ACT_NEXT, ACT_PREV, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME,
					  ACT_END, ACT_ENTER, ACT_BACK, ACT_NONE};

/* Wraps text at width columns (characters), on spaces. */
static void
add_wrapped(struct pager *p, const char *text, int width)
{
	while (*text) {
		const char *s = text, *cut = NULL;
		int cols = 0;
		while (*s && *s != '\n' && cols < width) {
			if (*s == ' ')
				cut = s;
			s++;
			while ((*s & 0xc0) == 0x80)
				s++;
			cols++;
		}
		if (*s == '\0' || *s == '\n' || cut == NULL)
			cut = s;
		char *line = xstrndup(text, (size_t)(cut - text));
		pager_add(p, line);
		free(line);
		text = cut;
		while (*text == ' ' || *text == '\n')
			text++;
	}
}

void
help_line(struct tui *t, const struct screen *below, enum action a, char *out, size_t n)
{
	const char *keys = action_keys(a);
	/* Padded by columns, not bytes: "↓" is three bytes wide in memory, one on screen. */
	int pad = 24 - tui_width(t, keys);
	snprintf(out, n, "  %s%*s %s", keys, pad > 0 ? pad : 0, "", action_label(below, a));
}

static void
build(struct tui *t, struct help *h)
{
	char line[300];
	int width = t->cols - 4 > 20 ? t->cols - 4 : 20;
	pager_clear(&h->page);
	if (t->help_title) {
		add_wrapped(&h->page, t->help_title, width);
		pager_add(&h->page, "");
		if (t->help_body && t->help_body[0])
			add_wrapped(&h->page, t->help_body, width);
		pager_add(&h->page, "");
	}
	pager_add(&h->page, L("Các phím", "Keys"));
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		if (action_info(h->below, (enum action)a) == NULL || !tui_takes(h->below, (enum action)a))
			continue;
		help_line(t, h->below, (enum action)a, line, sizeof line);
		pager_add(&h->page, line);
	}
	pager_add(&h->page, "");
	add_wrapped(&h->page,
		    L("Mọi thay đổi được lưu ngay khi rời một mục, và trong lúc viết đoạn văn dài cứ vài "
		      "giây lưu một lần; thoát lúc nào cũng không mất gì. Kiểu gõ Telex: s f r x j là dấu "
		      "sắc huyền hỏi ngã nặng, z bỏ dấu, aa ee oo aw ow uw dd; VNI: số 1–5 là dấu, 6 7 8 9 "
		      "là mũ, móc, trăng, đ; 0 bỏ dấu.",
		      "Every change is saved when you leave a field, and every few seconds while you "
		      "write a long text; you can leave at any time without losing anything. Telex: s f "
		      "r x j are the tones, z removes it, aa ee oo aw ow uw dd; VNI: digits 1–5 are the "
		      "tones, 6 7 8 9 the marks and đ, 0 removes the tone."),
		    width);
}

void
help_open(struct tui *t, const struct screen *below)
{
	struct help *h = xcalloc(1, sizeof *h);
	h->page.closes = closes;
	h->below = below;
	build(t, h);
	tui_push(t, &screen_help, h);
}

static void
help_draw(struct tui *t)
{
	struct help *h = tui_state(t);
	tui_chrome(t, L("Trợ giúp", "Help"));
	curs_set(0);
	pager_draw(t, &h->page, 2, 2, t->cols - 4, t->rows - 4);
}

static void
help_resize(struct tui *t)
{
	build(t, tui_state(t));
}

const struct screen screen_help = {
	.id = "help",
	.draw = help_draw,
	.key = pager_screen_key,
	.resize = help_resize,
	.leave = pager_leave,
	.hints = hints,
	.keys = keys_taken,
};
