/* longtext.c: the editor for long texts: word wrap, cursor by character, word and line,
 * Home/End, PgUp/PgDn; saved every few seconds while typing and on leaving. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "ime.h"
#include "report.h"
#include "text.h"
#include "tui.h"
#include "widgets.h"

#define AUTOSAVE_SECONDS 3


struct vline {
	size_t start, end; /* bytes of text shown on this screen line */
};

struct longtext {
	struct form *form; /* whose value this is: read with its get, stored with its save */
	int key;
	const struct field *field;
	struct buf text;
	size_t cur;
	int top;
	bool dirty;
	time_t last_save;
	struct vline *lines;
	int nlines;
	int want_col; /* column kept while moving up and down */
};

static const enum action hints[] = {ACT_BACK, ACT_PAGE_DOWN, ACT_IME, ACT_HELP, ACT_QUIT, ACT_NONE};

/* Splits the text into screen lines of at most width characters, breaking after spaces. */
static void
wrap(struct longtext *lt, int width)
{
	const char *s = lt->text.data;
	size_t len = lt->text.len, p = 0;
	lt->nlines = 0;
	for (;;) {
		size_t start = p, last_space = 0;
		int cols = 0;
		while (p < len && s[p] != '\n' && cols < width) {
			if (s[p] == ' ')
				last_space = p + 1;
			p = utf8_next(s, len, p);
			cols++;
		}
		size_t end = p;
		if (p < len && s[p] != '\n' && cols >= width && last_space > start) {
			end = last_space;
			p = last_space;
		}
		lt->lines = xreallocarray(lt->lines, (size_t)lt->nlines + 1, sizeof *lt->lines);
		lt->lines[lt->nlines++] = (struct vline){start, end};
		if (p < len && s[p] == '\n')
			p++;
		else if (p >= len)
			break;
		if (p >= len) {
			/* a text ending with a newline has an empty last line */
			lt->lines = xreallocarray(lt->lines, (size_t)lt->nlines + 1, sizeof *lt->lines);
			lt->lines[lt->nlines++] = (struct vline){len, len};
			break;
		}
	}
}

static int
line_of(struct longtext *lt, size_t pos)
{
	for (int i = lt->nlines - 1; i >= 0; i--)
		if (lt->lines[i].start <= pos)
			return i;
	return 0;
}

static int
col_of(struct longtext *lt, int line, size_t pos)
{
	int col = 0;
	for (size_t p = lt->lines[line].start; p < pos && p < lt->text.len;
	     p = utf8_next(lt->text.data, lt->text.len, p))
		col++;
	return col;
}

static size_t
pos_at(struct longtext *lt, int line, int col)
{
	size_t p = lt->lines[line].start;
	while (col-- > 0 && p < lt->lines[line].end)
		p = utf8_next(lt->text.data, lt->text.len, p);
	return p;
}

static bool
save(struct tui *t, struct longtext *lt)
{
	struct value v;
	const char *why;
	if (!lt->dirty)
		return true;
	if (!value_parse(lt->field, lt->text.data, lt->form->report_year, &v, &why)) {
		tui_message(t, true, "%s", why);
		return false;
	}
	bool ok = lt->form->save(t, lt->form->ctx, lt->key, &v); /* says why when it cannot */
	value_clear(&v);
	if (!ok)
		return false;
	lt->dirty = false;
	lt->last_save = time(NULL);
	return true;
}

static void
lt_insert(struct longtext *lt, const char *s)
{
	size_t n = strlen(s);
	buf_reserve(&lt->text, n);
	memmove(lt->text.data + lt->cur + n, lt->text.data + lt->cur, lt->text.len - lt->cur + 1);
	memcpy(lt->text.data + lt->cur, s, n);
	lt->text.len += n;
	lt->cur += n;
	lt->dirty = true;
}

static void
lt_erase(struct longtext *lt, size_t chars)
{
	size_t start = lt->cur;
	while (chars-- > 0 && start > 0)
		start = utf8_prev(lt->text.data, start);
	memmove(lt->text.data + start, lt->text.data + lt->cur, lt->text.len - lt->cur + 1);
	lt->text.len -= lt->cur - start;
	lt->cur = start;
	lt->dirty = true;
}

static void
longtext_enter(struct tui *t, void *arg)
{
	const struct longtext_arg *oa = arg;
	struct longtext *lt = xcalloc(1, sizeof *lt);
	const struct value *v = oa->form->get(oa->form->ctx, oa->key);
	lt->form = oa->form;
	lt->key = oa->key;
	lt->field = &oa->form->fields[oa->key];
	buf_init(&lt->text);
	if (v->k == V_TEXT)
		buf_adds(&lt->text, v->s);
	lt->cur = lt->text.len;
	lt->last_save = time(NULL);
	tui_set_state(t, lt);
	if (t->ime)
		ime_reset(t->ime);
}

static void
longtext_draw(struct tui *t)
{
	struct longtext *lt = tui_state(t);
	const struct field *f = lt->field;
	int width = t->cols - 4, height = t->rows - 5;
	char title[600];
	snprintf(title, sizeof title, L("%s — %zu/%zu ký tự%s", "%s — %zu/%zu characters%s"), TR(f->label),
		 utf8_chars(lt->text.data), f->max_length, lt->dirty ? L(" (đang sửa)", " (editing)") : "");
	tui_chrome(t, title);
	wrap(lt, width);
	int cl = line_of(lt, lt->cur);
	if (cl < lt->top)
		lt->top = cl;
	if (cl >= lt->top + height)
		lt->top = cl - height + 1;
	for (int i = lt->top; i < lt->nlines && i - lt->top < height; i++) {
		char *s = xstrndup(lt->text.data + lt->lines[i].start, lt->lines[i].end - lt->lines[i].start);
		tui_text(t, 2 + i - lt->top, 2, width, s);
		free(s);
	}
	/* The cursor's column counts the width of what comes before it on its line. */
	char *before = xstrndup(lt->text.data + lt->lines[cl].start, lt->cur - lt->lines[cl].start);
	int x = tui_width(t, before);
	free(before);
	curs_set(1);
	move(2 + cl - lt->top, 2 + x);
}

static bool
is_word(const char *s, size_t p)
{
	unsigned char c = (unsigned char)s[p];
	return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* A paste goes in as one block, as it is (not through the typing method), its line ends
 * kept and its tabs made spaces, up to the field's limit. */
static void
paste(struct tui *t, struct longtext *lt)
{
	size_t len, have, max = lt->field->max_length;
	bool cut, too_long;
	const char *s = tui_pasted(&len, &too_long);
	if (t->ime) {
		struct ime_edit ed;
		ime_commit(t->ime, &ed); /* the word being typed ends where the paste starts */
		lt_erase(lt, ed.del);
		lt_insert(lt, ed.text);
		ime_reset(t->ime);
	}
	have = utf8_chars(lt->text.data);
	char *fit = paste_fit(s, len, true, false, have < max ? max - have : 0, &cut);
	if (fit[0])
		lt_insert(lt, fit);
	free(fit);
	if (cut || too_long)
		paste_notice(t, max);
	if (time(NULL) - lt->last_save >= AUTOSAVE_SECONDS)
		save(t, lt);
}

static void
longtext_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct longtext *lt = tui_state(t);
	int height = t->rows - 5;
	int cl = line_of(lt, lt->cur);

	if (a == ACT_NONE && !is_text) {
		/* Idle: what was typed reaches the disk within a few seconds. */
		if (lt->dirty && time(NULL) - lt->last_save >= AUTOSAVE_SECONDS)
			save(t, lt);
		return;
	}
	if (is_text) {
		if (ch == 127 || ch == 8) {
			struct ime_edit ed;
			if (t->ime && ime_backspace(t->ime, &ed)) {
				lt_erase(lt, ed.del);
				lt_insert(lt, ed.text);
			} else
				lt_erase(lt, 1);
		} else if (t->ime) {
			struct ime_edit ed;
			if (ime_key(t->ime, (uint32_t)ch, &ed)) {
				lt_erase(lt, ed.del);
				lt_insert(lt, ed.text);
			}
		} else {
			char mb[8];
			wchar_t wc = (wchar_t)ch;
			mbstate_t ms;
			memset(&ms, 0, sizeof ms);
			size_t n = wcrtomb(mb, wc, &ms);
			if (n != (size_t)-1 && n < sizeof mb) {
				mb[n] = '\0';
				lt_insert(lt, mb);
			}
		}
		if (time(NULL) - lt->last_save >= AUTOSAVE_SECONDS)
			save(t, lt);
		return;
	}
	if (a == ACT_PASTE) {
		paste(t, lt);
		return;
	}
	if (t->ime && a != ACT_IME) {
		/* Enter, Esc and F2 end the word as a space would; moving just forgets it. */
		if (a == ACT_ENTER || a == ACT_BACK || a == ACT_CHECK) {
			struct ime_edit ed;
			ime_commit(t->ime, &ed);
			lt_erase(lt, ed.del);
			lt_insert(lt, ed.text);
		} else
			ime_reset(t->ime);
	}
	switch (a) {
	case ACT_ENTER:
		lt_insert(lt, "\n");
		break;
	case ACT_LEFT:
		lt->cur = utf8_prev(lt->text.data, lt->cur);
		break;
	case ACT_RIGHT:
		lt->cur = utf8_next(lt->text.data, lt->text.len, lt->cur);
		break;
	case ACT_NEXT:
	case ACT_PREV:
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP: {
		int step = a == ACT_NEXT ? 1 : a == ACT_PREV ? -1 : a == ACT_PAGE_DOWN ? height : -height;
		int target = cl + step;
		if (target < 0)
			target = 0;
		if (target >= lt->nlines)
			target = lt->nlines - 1;
		lt->cur = pos_at(lt, target, col_of(lt, cl, lt->cur));
		break;
	}
	case ACT_HOME:
		lt->cur = lt->lines[cl].start;
		break;
	case ACT_END:
		lt->cur = lt->lines[cl].end;
		break;
	case ACT_DELETE:
		if (lt->cur < lt->text.len) {
			lt->cur = utf8_next(lt->text.data, lt->text.len, lt->cur);
			lt_erase(lt, 1);
		}
		break;
	case ACT_MOVE_UP: /* Shift-Up: a word back, for terminals without Ctrl-arrows */
		while (lt->cur > 0 && !is_word(lt->text.data, utf8_prev(lt->text.data, lt->cur)))
			lt->cur = utf8_prev(lt->text.data, lt->cur);
		while (lt->cur > 0 && is_word(lt->text.data, utf8_prev(lt->text.data, lt->cur)))
			lt->cur = utf8_prev(lt->text.data, lt->cur);
		break;
	case ACT_MOVE_DOWN:
		while (lt->cur < lt->text.len && is_word(lt->text.data, lt->cur))
			lt->cur = utf8_next(lt->text.data, lt->text.len, lt->cur);
		while (lt->cur < lt->text.len && !is_word(lt->text.data, lt->cur))
			lt->cur = utf8_next(lt->text.data, lt->text.len, lt->cur);
		break;
	case ACT_IME:
		if (t->ime) {
			tui_ime_cycle(t);
			tui_message(t, false, L("Kiểu gõ: %s", "Typing: %s"), tui_ime_name(t));
		}
		break;
	case ACT_BACK:
	case ACT_CHECK:
		if (save(t, lt))
			tui_pop(t);
		break;
	default:
		break;
	}
}

static void
longtext_leave(struct tui *t)
{
	struct longtext *lt = tui_state(t);
	save(t, lt);
	buf_free(&lt->text);
	free(lt->lines);
	free(lt);
}

const struct screen screen_longtext = {
	.id = "longtext",
	.title_vi = "Viết đoạn văn",
	.title_en = "Long text",
	.enter = longtext_enter,
	.draw = longtext_draw,
	.key = longtext_key,
	.leave = longtext_leave,
	.hints = hints,
};
