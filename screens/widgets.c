/* widgets.c: the text editor, lists and pages that scroll, and the form of fields used by the
 * editors. */
#include "widgets.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <sodium.h>

#include "i18n.h"
#include "ime.h"
#include "text.h"

void
le_init(struct lineedit *le, const char *initial)
{
	memset(le, 0, sizeof *le);
	buf_init(&le->text);
	le_set(le, initial);
}

void
le_free(struct lineedit *le)
{
	buf_free(&le->text);
	free(le->placeholder);
	le->placeholder = NULL;
}

void
le_set(struct lineedit *le, const char *text)
{
	buf_reset(&le->text);
	buf_adds(&le->text, text ? text : "");
	le->cursor = le->text.len;
	le->scroll = 0;
	le->changed = false;
}

void
le_insert(struct lineedit *le, const char *s)
{
	size_t n = strlen(s);
	buf_reserve(&le->text, n);
	memmove(le->text.data + le->cursor + n, le->text.data + le->cursor,
		le->text.len - le->cursor + 1);
	memcpy(le->text.data + le->cursor, s, n);
	le->text.len += n;
	le->cursor += n;
	le->changed = true;
}

void
le_erase(struct lineedit *le, size_t n)
{
	size_t start = le->cursor;
	while (n-- > 0 && start > 0)
		start = utf8_prev(le->text.data, start);
	memmove(le->text.data + start, le->text.data + le->cursor, le->text.len - le->cursor + 1);
	le->text.len -= le->cursor - start;
	le->cursor = start;
	le->changed = true;
}

static void
apply_edit(struct lineedit *le, const struct ime_edit *ed)
{
	if (ed->del)
		le_erase(le, ed->del);
	if (ed->len)
		le_insert(le, ed->text);
}

void
le_finish_word(struct tui *t, struct lineedit *le)
{
	struct ime_edit ed;
	if (t->ime == NULL || le->secret)
		return;
	ime_commit(t->ime, &ed);
	apply_edit(le, &ed);
}

/* What a number field takes as typed or pasted: digits, and the separators and sign that
 * value_parse reads. */
static bool
number_char(wint_t c)
{
	return (c >= '0' && c <= '9') || c == '.' || c == ',' || c == ' ' || c == '-';
}

bool
le_key(struct tui *t, struct lineedit *le, enum action a, wint_t ch, bool is_text)
{
	if (is_text && (ch == 127 || ch == 8)) {
		struct ime_edit ed;
		/* The typing method knows the word being composed: Backspace undoes the last
		 * letter as the clerk sees it. */
		if (t->ime && !le->secret && ime_backspace(t->ime, &ed))
			apply_edit(le, &ed);
		else
			le_erase(le, 1);
		return true;
	}
	if (is_text) {
		if (le->digits_only && !number_char(ch))
			return true; /* letters cannot go into a number (the form says why) */
		if (t->ime && !le->secret && !le->digits_only) {
			struct ime_edit ed;
			if (ime_key(t->ime, (uint32_t)ch, &ed))
				apply_edit(le, &ed);
		} else {
			char mb[5];
			size_t n = utf8_encode((uint32_t)ch, mb);
			if (n != 0) {
				mb[n] = '\0';
				le_insert(le, mb);
			}
		}
		return true;
	}
	if (t->ime)
		ime_reset(t->ime); /* the cursor moves: a new word starts */
	switch (a) {
	case ACT_LEFT:
		le->cursor = utf8_prev(le->text.data, le->cursor);
		return true;
	case ACT_RIGHT:
		le->cursor = utf8_next(le->text.data, le->text.len, le->cursor);
		return true;
	case ACT_HOME:
		le->cursor = 0;
		return true;
	case ACT_END:
		le->cursor = le->text.len;
		return true;
	case ACT_DELETE:
		if (le->cursor < le->text.len) {
			le->cursor = utf8_next(le->text.data, le->text.len, le->cursor);
			le_erase(le, 1);
		}
		return true;
	default:
		return false;
	}
}

char *
paste_fit(const char *s, size_t len, bool multiline, bool digits_only, size_t max, bool *cut)
{
	struct buf b;
	size_t chars = 0, i = 0;
	buf_init(&b);
	buf_reserve(&b, len < 4 * max ? len : 4 * max);
	*cut = false;
	while (i < len) {
		size_t n = utf8_seq((const unsigned char *)s + i, len - i);
		char c = s[i];
		if (n == 0) { /* tui_pasted gives valid UTF-8; anything else is skipped */
			i++;
			continue;
		}
		if (c == '\t' || (c == '\n' && !multiline))
			c = ' ';
		if (digits_only && !(n == 1 && number_char((unsigned char)c))) {
			i += n;
			continue; /* as when typed: letters cannot go into a number */
		}
		if (chars == max) {
			*cut = true;
			break;
		}
		if (n == 1)
			buf_addc(&b, c);
		else
			buf_add(&b, s + i, n);
		chars++;
		i += n;
	}
	return buf_steal(&b);
}

void
paste_notice(struct tui *t, size_t max)
{
	tui_message(t, true,
		    L("Văn bản dán vào dài quá: chỉ giữ %zu ký tự đầu, mức tối đa của ô này.",
		      "The pasted text is too long: only its first %zu characters, this field's "
		      "limit, are kept."),
		    max);
}

void
le_paste(struct tui *t, struct lineedit *le, size_t max)
{
	size_t len, have;
	bool cut, too_long;
	const char *s = tui_pasted(&len, &too_long);
	/* A passphrase copied with its line end: the line end is not part of it. */
	while (le->secret && len > 0 && s[len - 1] == '\n')
		len--;
	/* A word being composed is finished first; what is pasted never goes through the typing
	 * method (it is already composed, and Telex would change "xx" or "oo"). */
	le_finish_word(t, le);
	have = utf8_chars(le->text.data);
	char *fit = paste_fit(s, len, le->multiline, le->digits_only, have < max ? max - have : 0, &cut);
	if (fit[0])
		le_insert(le, fit);
	if (t->ime)
		ime_reset(t->ime);
	if (cut || too_long)
		paste_notice(t, max);
	if (le->secret)
		sodium_memzero(fit, strlen(fit));
	free(fit);
}

void
le_draw(struct tui *t, struct lineedit *le, int y, int x, int width, bool focused)
{
	char saved;
	int before;
	if (width < 2)
		return;
	if (le->secret) {
		int n = (int)utf8_chars(le->text.data);
		for (int i = 0; i < n && i < width; i++)
			mvaddch(y, x + i, '*');
		if (focused)
			move(y, x + (n < width ? n : width - 1));
		return;
	}
	saved = le->text.data[le->cursor];
	le->text.data[le->cursor] = '\0';
	before = tui_width(t, le->text.data);
	le->text.data[le->cursor] = saved;
	if (before - le->scroll >= width)
		le->scroll = before - width + 1;
	if (before < le->scroll)
		le->scroll = before;
	/* Skip scroll columns: whole characters from the start. */
	const char *p = le->text.data, *end = le->text.data + le->text.len;
	int skipped = 0;
	while (*p && skipped < le->scroll) {
		size_t n = utf8_next(p, (size_t)(end - p), 0);
		char one[8];
		memcpy(one, p, n);
		one[n] = '\0';
		skipped += tui_width(t, one);
		p += n;
	}
	if (focused)
		attron(A_UNDERLINE);
	mvhline(y, x, ' ', width);
	tui_text_clip(t, y, x, width, p);
	if (le->text.len == 0 && le->placeholder) {
		attron(A_DIM);
		tui_text(t, y, x, width, le->placeholder);
		attroff(A_DIM);
	}
	if (focused)
		attroff(A_UNDERLINE);
	if (focused)
		move(y, x + before - le->scroll);
}

/* ---- lists and pages ---------------------------------------------------------------- */

bool
list_move(int *sel, int n, int page, enum action a)
{
	int to;
	switch (a) {
	case ACT_NEXT:
	case ACT_PREV:
		to = *sel + (a == ACT_NEXT ? 1 : -1);
		break;
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
		to = *sel + (a == ACT_PAGE_DOWN ? page : -page);
		break;
	case ACT_HOME:
	case ACT_END:
		to = a == ACT_HOME ? 0 : n - 1;
		break;
	default:
		return false;
	}
	*sel = to >= n ? n - 1 : to;
	if (*sel < 0)
		*sel = 0;
	return true;
}

void
list_scroll(int sel, int *top, int h)
{
	if (sel < *top)
		*top = sel;
	if (sel >= *top + h)
		*top = sel - h + 1;
}

void
pager_add(struct pager *p, const char *line)
{
	p->lines = xreallocarray(p->lines, (size_t)p->n + 1, sizeof *p->lines);
	p->lines[p->n++] = xstrdup(line);
}

void
pager_add_lines(struct pager *p, const char *text)
{
	for (const char *s = text, *nl; s && *s; s = nl ? nl + 1 : NULL) {
		nl = strchr(s, '\n');
		char *line = nl ? xstrndup(s, (size_t)(nl - s)) : xstrdup(s);
		pager_add(p, line);
		free(line);
	}
}

void
pager_clear(struct pager *p)
{
	for (int i = 0; i < p->n; i++)
		free(p->lines[i]);
	free(p->lines);
	p->lines = NULL;
	p->n = 0;
}

bool
pager_screen_key(struct tui *t, enum action a, wint_t ch, bool is_text)
{
	struct pager *p = tui_state(t);
	for (const enum action *c = p->closes; c && *c != ACT_NONE; c++)
		if (*c == a) {
			tui_pop(t);
			return true;
		}
	return pager_key(p, a, ch, is_text, t->rows - 4);
}

void
pager_leave(struct tui *t)
{
	struct pager *p = tui_state(t);
	pager_clear(p);
	free(p);
}

void
pager_draw(struct tui *t, struct pager *p, int y, int x, int w, int h)
{
	for (int i = p->top; i < p->n && i - p->top < h; i++)
		tui_text(t, y + i - p->top, x, w, p->lines[i]);
}

bool
pager_key(struct pager *p, enum action a, wint_t ch, bool is_text, int page)
{
	int max = p->n > page ? p->n - page : 0;
	if (is_text && ch == ' ')
		a = ACT_PAGE_DOWN;
	if (a == ACT_NEXT || a == ACT_PREV)
		p->top += a == ACT_NEXT ? 1 : -1;
	else if (a == ACT_PAGE_DOWN || a == ACT_PAGE_UP)
		p->top += a == ACT_PAGE_DOWN ? page : -page;
	else if (a == ACT_HOME || a == ACT_END)
		p->top = a == ACT_HOME ? 0 : max;
	else
		return false;
	p->top = p->top > max ? max : p->top < 0 ? 0 : p->top;
	return true;
}

/* ---- form ----------------------------------------------------------------------------- */

static const struct field *
fld(struct form *f, int i)
{
	return &f->fields[f->index[i]];
}

/* Long texts, tables and choices are not typed in place. */
static bool
edits_inline(const struct form *f, const struct field *fl)
{
	(void)f;
	return fl->type == F_TEXT || fl->type == F_INT || fl->type == F_MONEY || fl->type == F_DATE;
}

void
form_focus(struct tui *t, struct form *f, int i)
{
	struct buf b;
	if (f->n == 0)
		return;
	if (i < 0)
		i = 0;
	if (i >= f->n)
		i = f->n - 1;
	f->focus = i;
	f->editing = edits_inline(f, fld(f, i));
	if (t->ime)
		ime_reset(t->ime);
	buf_init(&b);
	if (f->editing)
		value_input_text(fld(f, i), f->get(f->ctx, f->index[i]), &b);
	le_set(&f->edit, b.data);
	f->edit.digits_only = fld(f, i)->type == F_INT || fld(f, i)->type == F_MONEY;
	buf_reset(&b);
	validate_expected(fld(f, i), &b);
	free(f->edit.placeholder);
	f->edit.placeholder = b.len ? buf_steal(&b) : NULL;
	buf_free(&b);
}

/* Adds to out, as the notes under a field read, the engine's refusals of value v for field i
 * (FK_INVALID: out of range, too long: what loading a report refuses); true when there is one. */
static bool
refusals(struct form *f, int i, const struct value *v, struct buf *out)
{
	struct findings x;
	char today[16];
	bool refused;
	if (f->report == NULL)
		return false;
	store_today(today);
	if (f->table >= 0)
		validate_field(f->report, f->table, f->index[i], f->table_row, v, today, &x);
	else
		validate_field(f->report, f->index[i], -1, 0, v, today, &x);
	refused = findings_refuse(&x);
	for (size_t k = 0; k < x.n; k++) {
		/* A column's finding starts with its table and row, shown above the form. */
		const char *msg = f->table >= 0 ? strstr(x.items[k].message, ": ") : NULL;
		if (x.items[k].kind == FK_INVALID)
			buf_printf(out, "%s%s", out->len ? " · " : "",
				   msg ? msg + 2 : x.items[k].message);
	}
	findings_free(&x);
	return refused;
}

/* The notes under field i: while the clerk changes the focused field, the engine's refusals of
 * the text typed so far (so an old finding goes as soon as it is fixed); else the findings of
 * the stored value. */
static void
field_notes(struct form *f, int i, struct buf *out, bool *error)
{
	struct value v;
	const char *why;
	*error = false;
	if (i == f->focus && f->editing && f->edit.changed) {
		if (value_parse(fld(f, i), f->edit.text.data, f->report_year, &v, &why)) {
			*error = refusals(f, i, &v, out);
			value_clear(&v);
		}
		return;
	}
	if (f->notes)
		f->notes(f->ctx, f->index[i], out, error);
}

/* Says on the status line what the check now finds in the field just stored: the clerk may be
 * taken on to another section, where its notes are not seen. */
static void
say_notes(struct tui *t, struct form *f)
{
	struct buf b;
	bool error = false;
	const char *label = TR(fld(f, f->focus)->label);
	buf_init(&b);
	if (f->notes)
		f->notes(f->ctx, f->index[f->focus], &b, &error);
	if (b.len && strstr(b.data, label))
		tui_message(t, error, "%s", b.data);
	else if (b.len)
		tui_message(t, error, "%s: %s", label, b.data);
	buf_free(&b);
}

bool
form_commit(struct tui *t, struct form *f)
{
	struct value v;
	const char *why;
	struct buf b;
	if (f->editing)
		le_finish_word(t, &f->edit); /* a word left half-typed is finished as a space would */
	if (!f->editing || !f->edit.changed)
		return true;
	const struct field *fl = fld(f, f->focus);
	if (!value_parse(fl, f->edit.text.data, f->report_year, &v, &why)) {
		tui_message(t, true, "%s: %s", TR(fl->label), why ? why : "");
		return false;
	}
	/* The one engine decides: a value it refuses is not stored, and the clerk stays on it. */
	buf_init(&b);
	if (refusals(f, f->focus, &v, &b)) {
		tui_message(t, true, "%s", b.data);
		buf_free(&b);
		value_clear(&v);
		return false;
	}
	buf_free(&b);
	bool ok = f->save(t, f->ctx, f->index[f->focus], &v);
	value_clear(&v);
	if (ok) {
		f->edit.changed = false;
		say_notes(t, f);
	}
	return ok;
}

bool
form_toggles(const struct form *f)
{
	enum ftype type = f->n > 0 ? f->fields[f->index[f->focus]].type : F_TABLE;
	return !f->editing && (type == F_YESNO || type == F_CHOICE);
}

/* Empties the focused field (Delete; Backspace on a yes/no or a choice) and says so. */
static void
clear_value(struct tui *t, struct form *f)
{
	struct value v = {V_NULL, 0, NULL};
	if (f->save(t, f->ctx, f->index[f->focus], &v))
		tui_message(t, false, L("Đã để trống “%s”.", "“%s” is empty now."),
			    TR(fld(f, f->focus)->label));
}

/* Whether the last paste holds what a number field does not take (tabs and line ends become
 * spaces). */
static bool
pasted_letters(void)
{
	size_t len;
	const char *s = tui_pasted(&len, NULL);
	for (size_t i = 0; i < len; i++)
		if (s[i] != '\t' && s[i] != '\n' && !number_char((unsigned char)s[i]))
			return true;
	return false;
}

/* A key a number field does not take: says why, naming what the field expects. */
static void
say_digits_only(struct tui *t, struct form *f)
{
	struct buf b;
	buf_init(&b);
	validate_expected(fld(f, f->focus), &b);
	tui_message(t, true, L("Ô này chỉ nhận chữ số: %s.", "This field takes digits only: %s."),
		    b.data);
	buf_free(&b);
}

static void
toggle(struct tui *t, struct form *f)
{
	const struct field *fl = fld(f, f->focus);
	const struct value *cur = f->get(f->ctx, f->index[f->focus]);
	if (fl->type == F_YESNO) {
		/* Empty, then yes, then no, then yes...: a first press answers "yes". */
		struct value v = {V_BOOL, cur->k == V_NULL ? 1 : !cur->i, NULL};
		f->save(t, f->ctx, f->index[f->focus], &v);
	} else if (fl->type == F_CHOICE) {
		const char **labels = xcalloc(fl->noptions + 1, sizeof *labels);
		int current = -1;
		for (size_t i = 0; i < fl->noptions; i++) {
			labels[i] = TR(fl->options[i].label);
			if (cur->k == V_TEXT && strcmp(cur->s, fl->options[i].value) == 0)
				current = (int)i;
		}
		labels[fl->noptions] = L("(để trống)", "(empty)");
		int k = tui_choose(t, TR(fl->label), labels, (int)fl->noptions + 1, current);
		free(labels);
		if (k >= 0) {
			struct value v = {V_NULL, 0, NULL};
			if (k < (int)fl->noptions)
				v = (struct value){V_TEXT, 0, fl->options[k].value};
			f->save(t, f->ctx, f->index[f->focus], &v);
		}
	} else if (fl->type == F_LONGTEXT) {
		longtext_open(t, f, f->index[f->focus]);
	} else if (f->open)
		f->open(t, f->ctx, f->index[f->focus]);
}

bool
form_key(struct tui *t, struct form *f, enum action a, wint_t ch, bool is_text)
{
	if (f->n == 0)
		return false;
	if (a == ACT_TOGGLE) { /* the action of Space, which reaches the form as typed text */
		a = ACT_NONE;
		ch = ' ';
		is_text = true;
	}
	if (a == ACT_NONE && !is_text)
		return true;
	const struct field *fl = fld(f, f->focus);
	if (a == ACT_PASTE) {
		/* Only into a field typed in place: a paste never presses a key. */
		if (f->editing)
			le_paste(t, &f->edit, fl->max_length);
		if (f->editing && f->edit.digits_only && !t->message[0] && pasted_letters())
			say_digits_only(t, f); /* what a number does not take was left out */
		return true;
	}
	switch (a) {
	case ACT_NEXT:
	case ACT_ENTER:
		if (a == ACT_ENTER && !f->editing) {
			toggle(t, f);
			return true;
		}
		if (form_commit(t, f))
			form_focus(t, f, f->focus + 1 < f->n ? f->focus + 1 : f->focus);
		return true;
	case ACT_PREV:
		if (form_commit(t, f))
			form_focus(t, f, f->focus - 1);
		return true;
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
		return false;
	default:
		break;
	}
	if (f->editing && is_text && f->edit.digits_only && ch != 127 && ch != 8 &&
	    !number_char(ch)) {
		say_digits_only(t, f);
		return true;
	}
	if (f->editing)
		return le_key(t, &f->edit, a, ch, is_text);
	if (is_text && (ch == 127 || ch == 8) && form_toggles(f)) {
		clear_value(t, f);
		return true;
	}
	if (is_text && ch == ' ') {
		toggle(t, f);
		return true;
	}
	if (fl->type == F_YESNO && is_text) {
		struct value v = {V_BOOL, 0, NULL};
		if (key_yes_no(ch) < 0)
			return true;
		v.i = key_yes_no(ch);
		f->save(t, f->ctx, f->index[f->focus], &v);
		return true;
	}
	if (a == ACT_DELETE && fl->type != F_TABLE) {
		clear_value(t, f);
		return true;
	}
	return false;
}

/* Notes under a field (what the check found) take up to this many rows, wrapped. */
#define NOTE_ROWS 3

/* A long label wraps on up to this many rows (then ends in "…"). */
#define LABEL_ROWS 2

/* Comments under a field take up to this many rows, under the focused field more (F1 gives
 * them whole in the report editor). */
#define COMMENT_ROWS 4
#define COMMENT_ROWS_FOCUSED 10

const char *
form_mark(struct tui *t)
{
	return t->utf8 ? "→" : ">";
}

int
form_quote(struct tui *t, int y, int x, int w, int max, const char *text, bool draw)
{
	int n = tui_wrap(t, y, x + 2, w - 2, max, text, draw);
	for (int r = 0; draw && r < n; r++) {
		attron(A_BOLD);
		tui_text(t, y + r, x, 1, t->utf8 ? "│" : "|");
		attroff(A_BOLD);
	}
	return n;
}

/* The rows of field i's comments in a form w wide (0: none); drawn from row y when draw. */
static int
field_comments(struct tui *t, struct form *f, int i, int y, int x, int w, int max, bool draw)
{
	struct buf b;
	int n = 0;
	if (f->comments == NULL || max <= 0)
		return 0;
	buf_init(&b);
	f->comments(f->ctx, f->index[i], &b);
	int most = i == f->focus ? COMMENT_ROWS_FOCUSED : COMMENT_ROWS;
	if (b.len)
		n = form_quote(t, y, x + 2, w - 4, max < most ? max : most, b.data, draw);
	buf_free(&b);
	return n;
}

/* Rows a field's label takes: it is drawn after the required mark's two columns. */
static int
label_rows(struct tui *t, const struct field *fl, int w)
{
	int n = tui_wrap(t, 0, 0, w - 2, LABEL_ROWS, TR(fl->label), false);
	return n > 0 ? n : 1;
}

/* Rows a field takes: its label, its value, its notes, and a blank row. */
static int
field_height(struct tui *t, struct form *f, int i, int w)
{
	struct buf b;
	bool err;
	int h = label_rows(t, fld(f, i), w) + 1;
	buf_init(&b);
	if (f->notes) {
		field_notes(f, i, &b, &err);
		if (b.len) {
			int n = tui_wrap(t, 0, 0, w - 4, NOTE_ROWS, b.data, false);
			h += n > 0 ? n : 1;
		}
	}
	buf_free(&b);
	return h + field_comments(t, f, i, 0, 0, w, COMMENT_ROWS_FOCUSED, false) + 1;
}

void
form_draw(struct tui *t, struct form *f, int y, int x, int h, int w)
{
	int row = y, cursor_y = -1, cursor_x = -1;
	/* Keep the focused field on screen. */
	if (f->focus < f->top)
		f->top = f->focus;
	for (;;) {
		int need = 0;
		for (int i = f->top; i <= f->focus; i++)
			need += field_height(t, f, i, w);
		if (need <= h || f->top >= f->focus)
			break;
		f->top++;
	}
	for (int i = 0; i < (int)ARRAY_LEN(f->shown_y); i++)
		f->shown_y[i] = -1;
	for (int i = f->top; i < f->n && row < y + h; i++) {
		const struct field *fl = fld(f, i);
		if (i - f->top < (int)ARRAY_LEN(f->shown_y))
			f->shown_y[i - f->top] = row;
		const struct value *v = f->get(f->ctx, f->index[i]);
		bool focused = i == f->focus, dim = false;
		struct buf b;
		buf_init(&b);
		/* The required mark first, where no cut reaches it; the label after it, wrapped. */
		int lr = label_rows(t, fl, w);
		if (focused)
			attron(A_BOLD);
		if (field_comments(t, f, i, 0, 0, w, 1, false))
			tui_text(t, row, x - 1, 1, form_mark(t));
		tui_text(t, row, x, 2, fl->required ? "* " : "");
		tui_wrap(t, row, x + 2, w - 2, lr < y + h - row ? lr : y + h - row, TR(fl->label),
			 true);
		if (focused)
			attroff(A_BOLD);
		row += lr;
		if (row >= y + h) {
			buf_free(&b);
			break;
		}
		if (focused && f->editing) {
			le_draw(t, &f->edit, row, x + 2, w - 4, true);
			getyx(stdscr, cursor_y, cursor_x);
		} else {
			if (fl->type == F_TABLE) {
				buf_printf(&b, L("[%zu dòng — %s để xem, thêm, sửa]",
						 "[%zu rows — %s to view, add, edit]"),
					   f->rows ? f->rows(f->ctx, f->index[i]) : 0, action_first_key(ACT_ENTER));
			} else if (fl->type == F_LONGTEXT) {
				if (v->k == V_NULL)
					buf_printf(&b, L("(trống — %s để viết)", "(empty — %s to write)"),
						   action_first_key(ACT_ENTER));
				else
					buf_printf(&b, "%s", v->s);
			} else if (fl->type == F_YESNO) {
				buf_printf(&b, "[%s]", v->k == V_NULL ? "  " : v->i ? TR(fl->yes_label) : TR(fl->no_label));
			} else if (v->k == V_NULL) {
				/* What it expects, dim, before the clerk errs. */
				validate_expected(fl, &b);
				dim = b.len > 0;
				if (!dim)
					buf_adds(&b, "—");
			} else
				value_format(fl, v, &b);
			if (focused)
				attron(A_REVERSE);
			if (dim)
				attron(A_DIM);
			tui_text(t, row, x + 2, w - 4, b.data);
			if (dim)
				attroff(A_DIM);
			if (focused)
				attroff(A_REVERSE);
		}
		row++;
		buf_reset(&b);
		if (f->notes && row < y + h) {
			bool err = false;
			field_notes(f, i, &b, &err);
			if (b.len) {
				int attr = t->color ? COLOR_PAIR(err ? 1 : 2) : A_BOLD;
				int room = y + h - row < NOTE_ROWS ? y + h - row : NOTE_ROWS;
				attron(attr);
				int n = tui_wrap(t, row, x + 2, w - 4, room, b.data, true);
				attroff(attr);
				row += n > 0 ? n : 1;
			}
		}
		if (row < y + h)
			row += field_comments(t, f, i, row, x, w, y + h - row, true);
		row++;
		buf_free(&b);
	}
	if (cursor_y >= 0) {
		curs_set(1);
		move(cursor_y, cursor_x);
	} else
		curs_set(0);
}

bool
form_click(struct tui *t, struct form *f, int y)
{
	for (int k = (int)ARRAY_LEN(f->shown_y) - 1; k >= 0; k--) {
		if (f->shown_y[k] < 0 || f->shown_y[k] > y)
			continue;
		if (f->top + k >= f->n)
			return false;
		if (f->top + k != f->focus && form_commit(t, f))
			form_focus(t, f, f->top + k);
		return true;
	}
	return false;
}
