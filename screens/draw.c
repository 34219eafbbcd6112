/* draw.c: drawing: Vietnamese text (or its no-diacritics form) and its width, word wrap, the
 * title and status bars, boxes. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#ifdef _WIN32
#include <utf8proc.h>
#endif

#include "i18n.h"
#include "text.h"
#include "tui.h"

/* Columns a character takes, as curses counts them when it places it: the C library's
 * wcwidth on Linux, as ncursesw's; on Windows ncurses measures with a table of its own, which
 * utf8proc's matches for the scripts a report holds, and a character outside the 16-bit
 * wchar_t (an emoji) is drawn as one "?". */
static int
columns(uint32_t cp)
{
#ifdef _WIN32
	return cp > 0xffff ? 1 : utf8proc_charwidth((utf8proc_int32_t)cp);
#else
	return wcwidth((wchar_t)cp);
#endif
}

int
tui_width(struct tui *t, const char *s)
{
	int w = 0;
	size_t n;
	if (!t->utf8)
		return (int)utf8_chars(s);
	for (uint32_t cp; (cp = utf8_decode(s, &n), n != 0); s += n) {
		char esc[12];
		/* A line end or tab is drawn as a space (tui_text). */
		int cw = cp == '\n' || cp == '\t' ? 1
			 : text_hostile_cp(cp)     ? (int)text_escape_cp(cp, esc)
						   : columns(cp);
		w += cw > 0 ? cw : 0;
	}
	return w;
}

/* Draws s as it is, up to width columns: what does not fit is left out. */
static int
draw_clipped(struct tui *t, int y, int x, int width, const char *s)
{
	int used = 0;
	if (width <= 0)
		return 0;
	if (!t->utf8) {
		char *a = text_ascii(s);
		for (const char *p = a; *p && used < width; p++, used++)
			mvaddch(y, x + used, (chtype)(*p == '\n' || *p == '\t' ? ' ' : (unsigned char)*p));
		free(a);
		return used;
	}
	move(y, x);
	for (;;) {
		size_t n;
		uint32_t cp = utf8_decode(s, &n);
		if (n == 0)
			break;
		if (cp == '\n' || cp == '\t')
			cp = ' ';
		/* Controls and bidi marks from outside text (a unit's name, a file name) are shown
		 * escaped, as the command lines print them: never sent to the terminal. */
		if (text_hostile_cp(cp)) {
			char esc[12];
			int k = (int)text_escape_cp(cp, esc);
			if (used + k > width)
				break;
			addnstr(esc, k);
			used += k;
			s += n;
			continue;
		}
		int cw = columns(cp);
		if (cw < 0)
			cw = 0;
		if (used + cw > width)
			break;
		wchar_t wc = cp > WCHAR_MAX ? L'?' : (wchar_t)cp;
		addnwstr(&wc, 1);
		used += cw;
		s += n;
	}
	return used;
}

/* How many bytes of s, whole characters, take at most width columns. */
static size_t
fit_bytes(struct tui *t, const char *s, int width)
{
	size_t end = 0;
	int used = 0;
	while (s[end]) {
		char one[8];
		size_t n = 1;
		while (n < sizeof one - 1 && ((unsigned char)s[end + n] & 0xc0) == 0x80)
			n++;
		memcpy(one, s + end, n);
		one[n] = '\0';
		used += tui_width(t, one);
		if (used > width)
			break;
		end += n;
	}
	return end;
}

const char *
tui_ellipsis(struct tui *t)
{
	return t->utf8 ? "…" : "...";
}

char *
tui_abbrev(struct tui *t, const char *s, int width)
{
	const char *mark = tui_ellipsis(t);
	int mw = tui_width(t, mark);
	if (tui_width(t, s) <= width)
		return xstrdup(s);
	if (width < mw) /* no room even for the mark: what fits */
		return xstrndup(s, fit_bytes(t, s, width));
	size_t keep = fit_bytes(t, s, width - mw);
	while (keep > 0 && (s[keep - 1] == ' ' || s[keep - 1] == '\n' || s[keep - 1] == '\t'))
		keep--; /* "chỉ đạo,…", not "chỉ đạo, …" */
	return xasprintf("%.*s%s", (int)keep, s, mark);
}

int
tui_text(struct tui *t, int y, int x, int width, const char *s)
{
	if (width <= 0)
		return 0;
	char *fit = tui_abbrev(t, s, width);
	int used = draw_clipped(t, y, x, width, fit);
	free(fit);
	return used;
}

int
tui_text_clip(struct tui *t, int y, int x, int width, const char *s)
{
	return draw_clipped(t, y, x, width, s);
}

int
tui_wrap(struct tui *t, int y, int x, int width, int maxrows, const char *s, bool draw)
{
	return tui_wrap_from(t, y, x, width, 0, maxrows, s, draw);
}

int
tui_wrap_from(struct tui *t, int y, int x, int width, int skip, int maxrows, const char *s,
	      bool draw)
{
	int rows = 0;
	if (width < 1)
		return 0;
	maxrows += skip;
	y -= skip;
	while (*s && rows < maxrows) {
		const char *p = s, *cut = NULL, *end;
		int used = 0;
		while (*p && *p != '\n') {
			char one[8];
			size_t n = 1;
			while (n < sizeof one - 1 && ((unsigned char)p[n] & 0xc0) == 0x80)
				n++;
			memcpy(one, p, n);
			one[n] = '\0';
			int cw = tui_width(t, one);
			if (used + cw > width)
				break;
			used += cw;
			p += n;
			if (*p == ' ')
				cut = p;
		}
		end = *p && *p != '\n' && cut ? cut : p;
		if (end == s && *s != '\n') /* a character wider than the box: cut, not looped on */
			while (*++end && ((unsigned char)*end & 0xc0) == 0x80)
				;
		const char *next = end;
		while (*next == ' ' || *next == '\n')
			next++;
		bool shown = draw && rows >= skip; /* the rows above skip are counted, not drawn */
		if (shown && rows == maxrows - 1 && *next) {
			/* The last row there is room for, and text left: what fits of this
			 * paragraph, and "…" (never the next paragraph joined on). */
			const char *stop = strchr(s, '\n');
			char *line = stop ? xstrndup(s, (size_t)(stop - s)) : xstrdup(s);
			tui_text(t, y + rows, x, width, line);
			free(line);
		} else if (shown) {
			char *line = xstrndup(s, (size_t)(end - s));
			tui_text(t, y + rows, x, width, line);
			free(line);
		}
		rows++;
		s = end;
		while (*s == ' ')
			s++;
		if (*s == '\n')
			s++;
	}
	return rows - skip > 0 ? rows - skip : 0;
}

void
tui_message(struct tui *t, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(t->message, sizeof t->message, fmt, ap);
	va_end(ap);
	t->message_error = error;
	if (n < 0 || (size_t)n < sizeof t->message)
		return;
	/* Longer than the line keeps: cut after a whole character, never inside one, with the
	 * mark every cut shows (a half letter would print as an escape). */
	static const char mark[] = "…";
	size_t len = strlen(t->message), end = 0, step;
	while (end < len && (step = utf8_seq((const unsigned char *)t->message + end, len - end)) > 0 &&
	       end + step + sizeof mark <= sizeof t->message)
		end += step;
	memcpy(t->message + end, mark, sizeof mark);
}

void
tui_error(struct tui *t, struct err *e)
{
	if (e->next != ERR_NEXT_NONE && t->next_step != NULL)
		t->next_step(t, e);
	tui_message(t, true, "%s", e->msg);
}

void
tui_hint(const struct screen *s, enum action a, char *out, size_t n)
{
	snprintf(out, n, "%s %s", action_first_key(a), action_short(s, a));
}

const enum action *
tui_hints(struct tui *t)
{
	const struct screen *s = tui_top(t);
	const enum action *now = s && s->hints_of ? s->hints_of(t) : NULL;
	return now ? now : s ? s->hints : NULL;
}

void
tui_chrome(struct tui *t, const char *title)
{
	const struct screen *s = t->stack[t->depth - 1];
	char line[512], help[160], quit[160], tail[330];
	/* Title bar. */
	attron(A_REVERSE);
	mvhline(0, 0, ' ', t->cols);
	tui_text(t, 0, 1, t->cols - 2, title);
	attroff(A_REVERSE);
	/* The message line (tui_draw_message fills it once the screen is drawn), then the keys
	 * of the moment. */
	move(t->rows - 2, 0);
	clrtoeol();
	attron(A_REVERSE);
	mvhline(t->rows - 1, 0, ' ', t->cols);
	/* Help and quit are always shown, at the right; the screen's own keys fill the rest. */
	tui_hint(s, ACT_HELP, help, sizeof help);
	tui_hint(s, ACT_QUIT, quit, sizeof quit);
	snprintf(tail, sizeof tail, "%s  %s", help, quit);
	int tail_w = tui_width(t, tail);
	int x = 1;
	for (const enum action *a = tui_hints(t); a && *a != ACT_NONE; a++) {
		if (*a == ACT_HELP || *a == ACT_QUIT)
			continue;
		tui_hint(s, *a, line, sizeof line);
		int w = tui_width(t, line);
		if (x + w + 2 > t->cols - tail_w - 1)
			break;
		tui_text(t, t->rows - 1, x, w, line);
		x += w + 2;
	}
	if (t->cols - tail_w - 1 >= x)
		tui_text(t, t->rows - 1, t->cols - tail_w - 1, tail_w, tail);
	attroff(A_REVERSE);
}

void
tui_draw_message(struct tui *t)
{
	int cy, cx, width = t->cols - 2;
	if (!t->message[0] || width < 1)
		return;
	/* Wrapped upwards from the message line over the screen's last rows, so that a long
	 * message (a path, a reason) is read whole; the next key clears it. */
	int n = tui_wrap(t, 0, 0, width, t->rows / 3 > 1 ? t->rows / 3 : 1, t->message, false);
	int top = t->rows - 1 - (n > 0 ? n : 1);
	getyx(stdscr, cy, cx);
	for (int r = top; r < t->rows - 1; r++)
		mvhline(r, 0, ' ', t->cols);
	int attr = t->message_error ? (t->color ? COLOR_PAIR(1) | A_BOLD : A_BOLD) : A_NORMAL;
	attron(attr);
	tui_wrap(t, top, 1, width, n, t->message, true);
	attroff(attr);
	move(cy, cx); /* the cursor stays in the field being edited */
}

/* Columns the character in cell (y, x) takes (curses gives both halves of a double-width
 * character the same character). */
static int
cell_width(int y, int x)
{
	cchar_t c;
	wchar_t wc[CCHARW_MAX + 1];
	attr_t attr;
	short pair;
	if (mvin_wch(y, x, &c) == ERR || getcchar(&c, wc, &attr, &pair, NULL) == ERR)
		return 1;
	return columns((uint32_t)wc[0]) > 1 ? 2 : 1;
}

/* Whether cell (y, x) holds the first half of a double-width character. */
static bool
wide_starts(int y, int x)
{
	int c = 0;
	while (c < x)
		c += cell_width(y, c);
	return c == x && cell_width(y, x) > 1;
}

/* Blanks columns x0 to x1 - 1 of row y, and the halves of double-width characters the edges
 * cut: half a character left on the terminal shows as a stray letter past a box's border. */
static void
blank_span(struct tui *t, int y, int x0, int x1)
{
	if (t->utf8 && x0 > 0 && wide_starts(y, x0 - 1))
		x0--;
	if (t->utf8 && x1 < t->cols && wide_starts(y, x1 - 1))
		x1++;
	mvhline(y, x0, ' ', x1 - x0);
}

void
tui_box(struct tui *t, int h, int w, int *y, int *x)
{
	/* Line-drawing characters need a terminal that shows them; ASCII always works. */
	chtype hl = t->utf8 ? ACS_HLINE : '-', vl = t->utf8 ? ACS_VLINE : '|';
	*y = (t->rows - h) / 2;
	*x = (t->cols - w) / 2;
	/* Everything the box covers is cleared, and a column on each side, so that the text
	 * below never runs into its border; then the border is drawn. */
	int x0 = *x > 0 ? *x - 1 : 0, x1 = *x + w < t->cols ? *x + w + 1 : t->cols;
	for (int i = 0; i < h; i++)
		blank_span(t, *y + i, x0, x1);
	mvhline(*y, *x, hl, w);
	mvhline(*y + h - 1, *x, hl, w);
	mvvline(*y, *x, vl, h);
	mvvline(*y, *x + w - 1, vl, h);
	mvaddch(*y, *x, t->utf8 ? ACS_ULCORNER : '+');
	mvaddch(*y, *x + w - 1, t->utf8 ? ACS_URCORNER : '+');
	mvaddch(*y + h - 1, *x, t->utf8 ? ACS_LLCORNER : '+');
	mvaddch(*y + h - 1, *x + w - 1, t->utf8 ? ACS_LRCORNER : '+');
}

void
tui_list_line(struct tui *t, int y, int x, int w, const char *text, bool selected)
{
	if (selected)
		attron(A_REVERSE);
	mvhline(y, x, ' ', w);
	tui_text(t, y, x + 1, w - 2, text);
	if (selected)
		attroff(A_REVERSE);
}
