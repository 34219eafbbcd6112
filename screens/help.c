/* help.c: help for the field or screen of the moment (the plan's text), then every key, both
 * generated from the key table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "tui.h"

struct help {
	char **lines;
	int n, top;
};

static const enum action hints[] = {ACT_BACK, ACT_PAGE_DOWN, ACT_QUIT, ACT_NONE};

static void
add(struct help *h, const char *s)
{
	h->lines = xreallocarray(h->lines, (size_t)h->n + 1, sizeof *h->lines);
	h->lines[h->n++] = xstrdup(s);
}

/* Wraps text at width columns (characters), on spaces. */
static void
add_wrapped(struct help *h, const char *text, int width)
{
	while (*text) {
		const char *p = text, *cut = NULL;
		int cols = 0;
		while (*p && *p != '\n' && cols < width) {
			if (*p == ' ')
				cut = p;
			p++;
			while ((*p & 0xc0) == 0x80)
				p++;
			cols++;
		}
		if (*p == '\0' || *p == '\n' || cut == NULL)
			cut = p;
		char *line = xstrndup(text, (size_t)(cut - text));
		add(h, line);
		free(line);
		text = cut;
		while (*text == ' ' || *text == '\n')
			text++;
	}
}

static void
build(struct tui *t, struct help *h)
{
	char line[300];
	int width = t->cols - 4 > 20 ? t->cols - 4 : 20;
	for (int i = 0; i < h->n; i++)
		free(h->lines[i]);
	h->n = 0;
	if (t->help_title) {
		add(h, t->help_title);
		add(h, "");
		if (t->help_body && t->help_body[0])
			add_wrapped(h, t->help_body, width);
		add(h, "");
	}
	add(h, L("Các phím", "Keys"));
	for (int a = ACT_QUIT; a < ACT_COUNT; a++) {
		const char *keys = action_keys((enum action)a);
		if (!keys[0])
			continue;
		/* Padded by columns, not bytes: "↓" is three bytes wide in memory, one on screen. */
		int pad = 24 - tui_width(t, keys);
		snprintf(line, sizeof line, "  %s%*s %s", keys, pad > 0 ? pad : 0, "",
			 action_label((enum action)a));
		add(h, line);
	}
	add(h, "");
	add_wrapped(h,
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

static void
help_enter(struct tui *t, void *arg)
{
	struct help *h = xcalloc(1, sizeof *h);
	(void)arg;
	tui_set_state(t, h);
	build(t, h);
}

static void
help_draw(struct tui *t)
{
	struct help *h = tui_state(t);
	tui_chrome(t, L("Trợ giúp", "Help"));
	curs_set(0);
	for (int i = h->top; i < h->n && i - h->top < t->rows - 4; i++)
		tui_text(t, 2 + i - h->top, 2, t->cols - 4, h->lines[i]);
}

static void
help_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct help *h = tui_state(t);
	int page = t->rows - 4;
	(void)ch;
	(void)is_text;
	if (a == ACT_NEXT && h->top + page < h->n)
		h->top++;
	else if (a == ACT_PREV && h->top > 0)
		h->top--;
	else if (a == ACT_PAGE_DOWN)
		h->top = h->top + page < h->n ? h->top + page : h->top;
	else if (a == ACT_PAGE_UP)
		h->top = h->top > page ? h->top - page : 0;
	else if (a == ACT_BACK || a == ACT_ENTER || a == ACT_HELP)
		tui_pop(t);
}

static void
help_resize(struct tui *t)
{
	build(t, tui_state(t));
}

static void
help_leave(struct tui *t)
{
	struct help *h = tui_state(t);
	for (int i = 0; i < h->n; i++)
		free(h->lines[i]);
	free(h->lines);
	free(h);
}

const struct screen screen_help = {
	.id = "help",
	.title_vi = "Trợ giúp",
	.title_en = "Help",
	.enter = help_enter,
	.draw = help_draw,
	.key = help_key,
	.resize = help_resize,
	.leave = help_leave,
	.hints = hints,
};
