/* longtext.c: the framework's editor for a form's long texts: word wrap, cursor by character,
 * word and line, Home/End, PgUp/PgDn; saved every few seconds while typing and on leaving. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "ime.h"
#include "report.h"
#include "text.h"
#include "widgets.h"

#define AUTOSAVE_SECONDS 3

struct vline {
	size_t start, end; /* bytes of text shown on this screen line */
};

struct longtext {
	struct form *form; /* whose value this is: read with its get, stored with its save */
	int key;
	const struct field *field;
	struct lineedit edit; /* the text, its cursor, and whether it changed since it was saved */
	int top;
	time_t last_save;
	struct vline *lines;
	int nlines;
	int want_col; /* column kept while moving up and down */
};

static const enum action hints[] = {ACT_BACK, ACT_PAGE_DOWN, ACT_IME, ACT_HELP, ACT_QUIT, ACT_NONE};
static const enum action keys_taken[] = {ACT_NEXT, ACT_PREV, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME,
					  ACT_END, ACT_LEFT, ACT_RIGHT, ACT_DELETE, ACT_MOVE_UP,
					  ACT_MOVE_DOWN, ACT_ENTER, ACT_CHECK, ACT_BACK, ACT_NONE};

/* In a text, Enter starts a new line, and Shift-arrows go by word. */
static const struct action_info overrides[] = {
	{ACT_ENTER, "Xuống dòng", "New line", "Xuống dòng", "New line", NULL},
	{ACT_MOVE_UP, "Từ trước", "Word back", "Về từ trước", "A word back", NULL},
	{ACT_MOVE_DOWN, "Từ sau", "Word on", "Sang từ sau", "A word on", NULL},
	{ACT_NONE, NULL, NULL, NULL, NULL, NULL},
};

/* Splits the text into screen lines of at most width characters, breaking after spaces. */
static void
wrap(struct longtext *lt, int width)
{
	const char *s = lt->edit.text.data;
	size_t len = lt->edit.text.len, p = 0;
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
	for (size_t p = lt->lines[line].start; p < pos && p < lt->edit.text.len;
	     p = utf8_next(lt->edit.text.data, lt->edit.text.len, p))
		col++;
	return col;
}

static size_t
pos_at(struct longtext *lt, int line, int col)
{
	size_t p = lt->lines[line].start;
	while (col-- > 0 && p < lt->lines[line].end)
		p = utf8_next(lt->edit.text.data, lt->edit.text.len, p);
	return p;
}

static bool
save(struct tui *t, struct longtext *lt)
{
	struct value v;
	const char *why;
	if (!lt->edit.changed)
		return true;
	if (!value_parse(lt->field, lt->edit.text.data, lt->form->report_year, &v, &why)) {
		tui_message(t, true, "%s", why);
		return false;
	}
	bool ok = lt->form->save(t, lt->form->ctx, lt->key, &v); /* says why when it cannot */
	value_clear(&v);
	if (!ok)
		return false;
	lt->edit.changed = false;
	lt->last_save = time(NULL);
	return true;
}

void
longtext_open(struct tui *t, struct form *f, int key)
{
	struct longtext *lt = xcalloc(1, sizeof *lt);
	const struct value *v = f->get(f->ctx, key);
	lt->form = f;
	lt->key = key;
	lt->field = &f->fields[key];
	le_init(&lt->edit, v->k == V_TEXT ? v->s : "");
	lt->edit.multiline = true;
	lt->last_save = time(NULL);
	if (t->ime)
		ime_reset(t->ime);
	tui_push(t, &screen_longtext, lt);
}

static void
longtext_draw(struct tui *t)
{
	struct longtext *lt = tui_state(t);
	const struct field *f = lt->field;
	int width = t->cols - 4, height = t->rows - 5;
	char title[600], count[120];
	snprintf(count, sizeof count, L(" — %zu/%zu ký tự%s", " — %zu/%zu characters%s"),
		 utf8_chars(lt->edit.text.data), f->max_length,
		 lt->edit.changed ? L(" (đang sửa)", " (editing)") : "");
	/* The count is always shown whole; a label too long for the rest ends in "…". */
	char *label = tui_abbrev(t, TR(f->label), t->cols - 2 - tui_width(t, count));
	snprintf(title, sizeof title, "%s%s", label, count);
	free(label);
	tui_chrome(t, title);
	wrap(lt, width);
	int cl = line_of(lt, lt->edit.cursor);
	if (cl < lt->top)
		lt->top = cl;
	if (cl >= lt->top + height)
		lt->top = cl - height + 1;
	for (int i = lt->top; i < lt->nlines && i - lt->top < height; i++) {
		char *s = xstrndup(lt->edit.text.data + lt->lines[i].start, lt->lines[i].end - lt->lines[i].start);
		tui_text(t, 2 + i - lt->top, 2, width, s);
		free(s);
	}
	/* The cursor's column counts the width of what comes before it on its line. */
	char *before = xstrndup(lt->edit.text.data + lt->lines[cl].start, lt->edit.cursor - lt->lines[cl].start);
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

/* Saves what was typed once a few seconds have passed since the last save. */
static void
autosave(struct tui *t, struct longtext *lt)
{
	if (lt->edit.changed && time(NULL) - lt->last_save >= AUTOSAVE_SECONDS)
		save(t, lt);
}

/* Idle: what was typed reaches the disk within a few seconds. */
static void
longtext_idle(struct tui *t)
{
	autosave(t, tui_state(t));
}

/* Moves the cursor by a word (back: -1), or by lines (Up, Down, PgUp, PgDn). */
static void
move_word(struct longtext *lt, int by)
{
	const char *s = lt->edit.text.data;
	size_t *cur = &lt->edit.cursor, len = lt->edit.text.len;
	if (by < 0) {
		while (*cur > 0 && !is_word(s, utf8_prev(s, *cur)))
			*cur = utf8_prev(s, *cur);
		while (*cur > 0 && is_word(s, utf8_prev(s, *cur)))
			*cur = utf8_prev(s, *cur);
		return;
	}
	while (*cur < len && is_word(s, *cur))
		*cur = utf8_next(s, len, *cur);
	while (*cur < len && !is_word(s, *cur))
		*cur = utf8_next(s, len, *cur);
}

static void
move_lines(struct longtext *lt, int by)
{
	int cl = line_of(lt, lt->edit.cursor), target = cl + by;
	if (target >= lt->nlines)
		target = lt->nlines - 1;
	if (target < 0)
		target = 0;
	lt->edit.cursor = pos_at(lt, target, col_of(lt, cl, lt->edit.cursor));
}

/* The keys that move in the text as lines and words; false for others. */
static bool
move_key(struct tui *t, struct longtext *lt, enum action a)
{
	int height = t->rows - 5, cl = line_of(lt, lt->edit.cursor);
	if (a == ACT_NEXT || a == ACT_PREV)
		move_lines(lt, a == ACT_NEXT ? 1 : -1);
	else if (a == ACT_PAGE_DOWN || a == ACT_PAGE_UP)
		move_lines(lt, a == ACT_PAGE_DOWN ? height : -height);
	else if (a == ACT_HOME || a == ACT_END)
		lt->edit.cursor = a == ACT_HOME ? lt->lines[cl].start : lt->lines[cl].end;
	else if (a == ACT_MOVE_UP || a == ACT_MOVE_DOWN) /* for terminals without Ctrl-arrows */
		move_word(lt, a == ACT_MOVE_UP ? -1 : 1);
	else
		return false;
	return true;
}

static bool
longtext_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct longtext *lt = tui_state(t);
	/* Typed text, Backspace, a paste and the keys that edit a line are the line editor's;
	 * a paste keeps its line ends. Enter, Esc and F2 end a word being typed as a space
	 * would; moving just forgets it (le_key). */
	if (a == ACT_PASTE)
		le_paste(t, &lt->edit, lt->field->max_length);
	else if (a == ACT_ENTER || a == ACT_BACK || a == ACT_CHECK)
		le_finish_word(t, &lt->edit);
	if (is_text || a == ACT_PASTE || a == ACT_NONE) {
		if (is_text)
			le_key(t, &lt->edit, a, ch, true);
		autosave(t, lt);
		return true;
	}
	if (t->ime && a != ACT_ENTER && a != ACT_BACK && a != ACT_CHECK)
		ime_reset(t->ime);
	if (a == ACT_ENTER)
		le_insert(&lt->edit, "\n");
	else if (a == ACT_BACK || a == ACT_CHECK) {
		if (save(t, lt))
			tui_pop(t);
	} else if (!move_key(t, lt, a))
		le_key(t, &lt->edit, a, ch, false); /* Left, Right, Delete */
	return true;
}

static void
longtext_leave(struct tui *t)
{
	struct longtext *lt = tui_state(t);
	save(t, lt);
	le_free(&lt->edit);
	free(lt->lines);
	free(lt);
}

const struct screen screen_longtext = {
	.id = "longtext",
	.draw = longtext_draw,
	.key = longtext_key,
	.idle = longtext_idle,
	.leave = longtext_leave,
	.hints = hints,
	.overrides = overrides,
	.keys = keys_taken,
};
