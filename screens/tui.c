/* tui.c: terminal set-up and restore, the key table, the main loop, drawing helpers, dialogs. */
#include "tui.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include <sodium.h>

#include "i18n.h"
#include "ime.h"
#include "settings.h"
#include "text.h"

#define CTRL(c) ((c) & 0x1f)
#define MIN_ROWS 24
#define MIN_COLS 80

/* The one key table: the loop, the status bar and the help screen read it. */
static const struct binding bindings[] = {
	{KEY_F(1), ACT_HELP, "F1"},
	{CTRL('g'), ACT_HELP, "Ctrl-G"},
	{KEY_F(2), ACT_CHECK, "F2"},
	{CTRL('k'), ACT_CHECK, "Ctrl-K"},
	{KEY_F(3), ACT_PREVIEW, "F3"},
	{KEY_F(5), ACT_PACK, "F5"},
	{KEY_F(10), ACT_QUIT, "F10"},
	{CTRL('q'), ACT_QUIT, "Ctrl-Q"},
	{CTRL('t'), ACT_IME, "Ctrl-T"},
	{27, ACT_BACK, "Esc"},
	{'\n', ACT_ENTER, "Enter"},
	{'\r', ACT_ENTER, "Enter"},
	{KEY_ENTER, ACT_ENTER, "Enter"},
	{'\t', ACT_NEXT, "Tab"},
	{KEY_DOWN, ACT_NEXT, "↓"},
	{KEY_BTAB, ACT_PREV, "Shift-Tab"},
	{KEY_UP, ACT_PREV, "↑"},
	{KEY_LEFT, ACT_LEFT, "←"},
	{KEY_RIGHT, ACT_RIGHT, "→"},
	{KEY_PPAGE, ACT_PAGE_UP, "PgUp"},
	{KEY_NPAGE, ACT_PAGE_DOWN, "PgDn"},
	{KEY_HOME, ACT_HOME, "Home"},
	{KEY_END, ACT_END, "End"},
	{KEY_IC, ACT_ADD, "Insert"},
	{CTRL('n'), ACT_ADD, "Ctrl-N"},
	{KEY_DC, ACT_DELETE, "Delete"},
	{CTRL('d'), ACT_DELETE, "Ctrl-D"},
	{CTRL('z'), ACT_UNDO, "Ctrl-Z"},
	{KEY_SR, ACT_MOVE_UP, "Shift-↑"},
	{KEY_SF, ACT_MOVE_DOWN, "Shift-↓"},
};

static const struct {
	const char *vi, *en;
} action_names[ACT_COUNT] = {
	[ACT_QUIT] = {"Thoát (giữ nguyên mọi thứ)", "Quit (everything is kept)"},
	[ACT_HELP] = {"Trợ giúp", "Help"},
	[ACT_CHECK] = {"Lưu và kiểm tra", "Save and check"},
	[ACT_BACK] = {"Quay lại", "Back"},
	[ACT_ENTER] = {"Chọn, sửa", "Open, edit"},
	[ACT_NEXT] = {"Mục sau", "Next"},
	[ACT_PREV] = {"Mục trước", "Previous"},
	[ACT_LEFT] = {"Sang trái", "Left"},
	[ACT_RIGHT] = {"Sang phải", "Right"},
	[ACT_PAGE_UP] = {"Trang trước", "Page up"},
	[ACT_PAGE_DOWN] = {"Trang sau", "Page down"},
	[ACT_HOME] = {"Đầu dòng", "Start of line"},
	[ACT_END] = {"Cuối dòng", "End of line"},
	[ACT_TOGGLE] = {"Đổi Có/Không", "Toggle yes/no"},
	[ACT_IME] = {"Đổi kiểu gõ (Telex, VNI, tắt)", "Typing method (Telex, VNI, off)"},
	[ACT_ADD] = {"Thêm dòng", "Add a row"},
	[ACT_DELETE] = {"Xóa dòng", "Delete the row"},
	[ACT_UNDO] = {"Hoàn tác xóa", "Undo delete"},
	[ACT_MOVE_UP] = {"Chuyển dòng lên", "Move row up"},
	[ACT_MOVE_DOWN] = {"Chuyển dòng xuống", "Move row down"},
	[ACT_PREVIEW] = {"Xem bản in", "Print preview"},
	[ACT_PACK] = {"Đóng gói gửi Bộ", "Pack for the Ministry"},
};

const char *
action_label(enum action a)
{
	return a < ACT_COUNT && action_names[a].vi ? L(action_names[a].vi, action_names[a].en) : "";
}

const char *
action_keys(enum action a)
{
	static char keys[64];
	keys[0] = '\0';
	for (size_t i = 0; i < ARRAY_LEN(bindings); i++)
		if (bindings[i].action == a && !strstr(keys, bindings[i].name)) {
			size_t n = strlen(keys);
			snprintf(keys + n, sizeof keys - n, "%s%s", n ? ", " : "", bindings[i].name);
		}
	return keys;
}

/* Short names for the status bar, where space is scarce. */
const char *
action_short(enum action a)
{
	switch (a) {
	case ACT_QUIT:
		return L("Thoát", "Quit");
	case ACT_CHECK:
		return L("Kiểm tra", "Check");
	case ACT_BACK:
		return L("Quay lại", "Back");
	case ACT_ENTER:
		return L("Chọn", "Open");
	case ACT_NEXT:
		return L("Mục sau", "Next");
	case ACT_IME:
		return L("Kiểu gõ", "Typing");
	case ACT_ADD:
		return L("Thêm", "Add");
	case ACT_DELETE:
		return L("Xóa", "Delete");
	case ACT_UNDO:
		return L("Hoàn tác", "Undo");
	case ACT_MOVE_UP:
		return L("Chuyển dòng", "Move row");
	case ACT_PREVIEW:
		return L("Bản in", "Preview");
	case ACT_PACK:
		return L("Đóng gói", "Pack");
	case ACT_LEFT:
		return L("Đổi năm", "Year");
	case ACT_PAGE_DOWN:
		return L("Trang sau", "Page down");
	case ACT_PAGE_UP:
		return L("Trang trước", "Page up");
	default:
		return action_label(a);
	}
}

static enum action
action_of(int key)
{
	for (size_t i = 0; i < ARRAY_LEN(bindings); i++)
		if (bindings[i].key == key)
			return bindings[i].action;
	return ACT_NONE;
}

/* ---- terminal ------------------------------------------------------------------------- */

static volatile sig_atomic_t stop_signal;
static bool curses_on;
static bool terminal_gone;

static void
restore_terminal(void)
{
	if (curses_on) {
		endwin();
		fputs("\033[?2004l", stdout);
		fflush(stdout);
		curses_on = false;
	}
}

static void
on_stop(int sig)
{
	stop_signal = sig;
}

/* A crash must still give the clerk a usable terminal back. */
static void
on_crash(int sig)
{
	if (curses_on) {
		endwin();
		(void)!write(1, "\033[?2004l", 8);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static bool
terminal_shows_vietnamese(void)
{
	const char *term = getenv("TERM");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		return false;
	/* The Linux text console's fonts have no Vietnamese letters. */
	if (term == NULL || strcmp(term, "linux") == 0 || strncmp(term, "vt1", 3) == 0 ||
	    strcmp(term, "dumb") == 0)
		return getenv("XHHT_FORCE_UTF8") != NULL;
	return true;
}

/* ---- keys ----------------------------------------------------------------------------- */

/* A closed terminal (window closed, SSH dropped, tmux killed) makes every read fail at once;
 * without this check a loop waiting for a key would spin at full speed for ever. SIGHUP is not
 * enough: it does not reach a program that is not in the terminal's foreground group. */
static bool
nobody_answers(void)
{
	if (stop_signal || terminal_gone)
		return true;
	struct pollfd p = {.fd = 0, .events = POLLIN};
	if (poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)))
		terminal_gone = true;
	return terminal_gone;
}

/* Reads one key: a curses key code (KEY_CODE_YES) or a character (OK). UTF-8 is decoded here,
 * not by curses: in a C locale curses cannot decode it and would swallow what a client-side
 * input method sends, and after an invalid byte it waits for more. Invalid bytes are dropped
 * and reading goes on with the next byte. */
static int
read_key(wint_t *out)
{
	for (;;) {
		int c = getch();
		if (c == ERR)
			return nobody_answers() ? TUI_GONE : ERR;
		if (c >= KEY_MIN) {
			*out = (wint_t)c;
			return KEY_CODE_YES;
		}
		if (c < 0x80) {
			*out = (wint_t)c;
			return OK;
		}
		int n = (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : (c & 0xf8) == 0xf0 ? 3 : -1;
		if (n < 0)
			continue;
		uint32_t cp = (uint32_t)c & (n == 1 ? 0x1f : n == 2 ? 0x0f : 0x07);
		bool ok = true;
		int d = -1;
		for (int i = 0; i < n && ok; i++) {
			d = getch();
			ok = d != ERR && d < KEY_MIN && (d & 0xc0) == 0x80;
			if (ok)
				cp = cp << 6 | ((uint32_t)d & 0x3f);
		}
		if (!ok) {
			if (d != ERR && d >= 0)
				ungetch(d); /* not a continuation: it starts the next key */
			continue;
		}
		static const uint32_t min[] = {0, 0x80, 0x800, 0x10000};
		if (cp < min[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			continue;
		*out = (wint_t)cp;
		return OK;
	}
}

/* After an Esc: a lone Esc (nothing follows quickly), or a sequence curses did not decode:
 * the bracketed paste markers (ESC [200~ ... ESC [201~), or one to drop, never type (Alt-x,
 * unusual function keys). */
enum escape { ESC_LONE, ESC_PASTE_START, ESC_PASTE_END, ESC_OTHER };

static enum escape
read_escape(void)
{
	wint_t ch;
	char seq[16];
	size_t n = 0;
	timeout(30);
	int r = read_key(&ch);
	if (r == ERR || r == TUI_GONE) {
		timeout(250);
		return ESC_LONE;
	}
	/* Anything but a sequence introducer is a key of its own that came right after Esc (a
	 * second Esc, or a key typed while the program was busy): Esc, then that key. */
	if (!(r == OK && (ch == '[' || ch == 'O'))) {
		/* Back as read_key reads it: a curses key, or UTF-8 bytes (ungetch is last in, first
		 * out, so the last byte goes back first). */
		if (r == KEY_CODE_YES || ch < 0x80)
			ungetch((int)ch);
		else {
			unsigned char u[4];
			int len = ch < 0x800 ? 2 : ch < 0x10000 ? 3 : 4;
			for (int i = len - 1; i > 0; i--, ch >>= 6)
				u[i] = (unsigned char)(0x80 | (ch & 0x3f));
			u[0] = (unsigned char)((len == 2 ? 0xc0 : len == 3 ? 0xe0 : 0xf0) | ch);
			for (int i = len - 1; i >= 0; i--)
				ungetch(u[i]);
		}
		timeout(250);
		return ESC_LONE;
	}
	{
		/* CSI: parameters, then one final byte from '@' to '~'. */
		while ((r = read_key(&ch)) == OK || r == KEY_CODE_YES) {
			if (r == OK && n + 1 < sizeof seq)
				seq[n++] = (char)ch;
			if (r == OK && ch >= '@' && ch <= '~')
				break;
		}
	}
	seq[n] = '\0';
	timeout(250);
	if (strcmp(seq, "200~") == 0)
		return ESC_PASTE_START;
	if (strcmp(seq, "201~") == 0)
		return ESC_PASTE_END;
	return ESC_OTHER;
}

/* The paste start marker as a curses key, for terminals whose description names it (0: none). */
static int paste_key;
static struct buf pasted;
static bool pasted_cut;
/* A paste whose end marker does not come within this many quiet spells of 250 ms is taken as
 * ended: the keys after it must work again. */
#define PASTE_QUIET 8
/* Bytes read past a paste's end marker go back to curses when there are no more than this (its
 * queue holds about 136): keys typed at once after the paste. More cannot have been typed by
 * hand and are taken as more of the paste: text, never keys. */
#define PASTE_GIVE_BACK 128

/* One character of a paste: line ends (CR, LF, CR LF, U+2028, U+2029) become "\n", tabs stay,
 * other control characters are dropped. */
static void
paste_char(uint32_t cp, const unsigned char *mb, size_t n, bool *after_cr)
{
	bool cr = *after_cr;
	*after_cr = cp == '\r';
	if (cp == '\r' || cp == '\n' || cp == 0x2028 || cp == 0x2029) {
		if (cp == '\n' && cr)
			return; /* CR LF is one line end */
		mb = (const unsigned char *)"\n";
		n = 1;
	} else if ((cp < 32 && cp != '\t') || cp == 127 || (cp >= 0x80 && cp <= 0x9f))
		return;
	if (pasted.len + n > TUI_PASTE_MAX)
		pasted_cut = true; /* read on to the end marker, keeping no more */
	else
		buf_add(&pasted, mb, n);
}

/* Reads a bracketed paste up to its end marker into pasted, as text and only text: no key,
 * control character or escape sequence in it is a command. It is read from the terminal in
 * large blocks, not a byte at a time through curses (two system calls a byte: 1 MB took
 * seconds), and given to the screen as one block (a character at a time, with a redraw each,
 * was quadratic). Curses holds no byte of it: it stops reading ahead at the first byte that
 * does not continue a key it knows, and no key goes on after the start marker. */
static int
read_paste(void)
{
	static unsigned char chunk[1 << 16];
	enum { P_TEXT, P_ESC, P_CSI } st = P_TEXT;
	char seq[16];
	size_t nseq = 0, nu8 = 0, want = 0;
	unsigned char u8[4];
	uint32_t cp = 0;
	bool after_cr = false;
	int quiet = 0;
	tui_paste_wipe();
	pasted_cut = false;
	for (;;) {
		struct pollfd p = {.fd = 0, .events = POLLIN};
		int pr = poll(&p, 1, 250);
		if (stop_signal)
			return TUI_GONE;
		if (pr < 0 && errno == EINTR)
			continue;
		if (pr == 0) {
			if (++quiet >= PASTE_QUIET)
				return TUI_PASTE;
			continue;
		}
		ssize_t n = pr > 0 ? read(0, chunk, sizeof chunk) : -1;
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0) {
			terminal_gone = true;
			return TUI_GONE;
		}
		quiet = 0;
		bool done = false;
		for (ssize_t i = 0; i < n && !done; i++) {
			unsigned char c = chunk[i];
			if (st == P_ESC) {
				/* As read_escape: the byte after an Esc goes with it. */
				st = c == '[' || c == 'O' ? P_CSI : P_TEXT;
				nseq = 0;
				continue;
			}
			if (st == P_CSI) {
				if (nseq + 1 < sizeof seq)
					seq[nseq++] = (char)c;
				if (c < '@' || c > '~')
					continue;
				st = P_TEXT;
				seq[nseq] = '\0';
				if (strcmp(seq, "201~") != 0 || n - i - 1 > PASTE_GIVE_BACK)
					continue;
				for (ssize_t j = n - 1; j > i; j--)
					ungetch(chunk[j]);
				done = true;
				continue;
			}
			if (c == 27) {
				st = P_ESC;
				nu8 = 0;
				continue;
			}
			if (nu8 > 0 && (c & 0xc0) == 0x80) {
				u8[nu8++] = c;
				cp = cp << 6 | (c & 0x3f);
				if (nu8 == want) {
					if (utf8_seq(u8, want) == want)
						paste_char(cp, u8, want, &after_cr);
					nu8 = 0;
				}
				continue;
			}
			nu8 = 0; /* a sequence cut short is dropped; this byte starts anew */
			if (c < 0x80) {
				paste_char(c, &c, 1, &after_cr);
				continue;
			}
			want = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
			if (want) {
				u8[0] = c;
				nu8 = 1;
				cp = c & (want == 2 ? 0x1f : want == 3 ? 0x0f : 0x07);
			}
		}
		sodium_memzero(chunk, (size_t)n); /* it may have been a passphrase */
		if (done)
			return TUI_PASTE;
	}
}

const char *
tui_pasted(size_t *len, bool *cut)
{
	if (len)
		*len = pasted.len;
	if (cut)
		*cut = pasted_cut;
	return pasted.data ? pasted.data : "";
}

void
tui_paste_wipe(void)
{
	if (pasted.data)
		sodium_memzero(pasted.data, pasted.cap);
	pasted.len = 0;
}

int
tui_getkey(wint_t *out)
{
	/* Checked before reading too: a hung-up terminal can keep curses answering with
	 * something other than ERR (a size change each time it fails to read the size). */
	if (pasted.len)
		tui_paste_wipe(); /* a paste is the caller's until it asks for the next key */
	if (nobody_answers())
		return TUI_GONE;
	for (;;) {
		int r = read_key(out);
		if (r == KEY_CODE_YES && paste_key && *out == (wint_t)paste_key)
			return read_paste();
		if (r != OK || *out != 27)
			return r;
		switch (read_escape()) {
		case ESC_LONE:
			*out = 27;
			return OK;
		case ESC_PASTE_START:
			return read_paste();
		default:
			continue;
		}
	}
}

/* ---- drawing -------------------------------------------------------------------------- */

int
tui_width(struct tui *t, const char *s)
{
	mbstate_t ms;
	int w = 0;
	size_t n;
	wchar_t wc;
	if (!t->utf8)
		return (int)utf8_chars(s);
	memset(&ms, 0, sizeof ms);
	while (*s && (n = mbrtowc(&wc, s, MB_CUR_MAX, &ms)) != 0 && n != (size_t)-1 &&
	       n != (size_t)-2) {
		char esc[12];
		int cw = text_hostile_cp((uint32_t)wc) && wc != L'\n' && wc != L'\t'
			     ? (int)text_escape_cp((uint32_t)wc, esc)
			     : wcwidth(wc);
		w += cw > 0 ? cw : 0;
		s += n;
	}
	return w;
}

int
tui_text(struct tui *t, int y, int x, int width, const char *s)
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
	mbstate_t ms;
	memset(&ms, 0, sizeof ms);
	move(y, x);
	while (*s) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, MB_CUR_MAX, &ms);
		if (n == 0 || n == (size_t)-1 || n == (size_t)-2)
			break;
		if (wc == L'\n' || wc == L'\t')
			wc = L' ';
		/* Controls and bidi marks from outside text (a unit's name, a file name) are shown
		 * escaped, as the command lines print them: never sent to the terminal. */
		if (text_hostile_cp((uint32_t)wc)) {
			char esc[12];
			int k = (int)text_escape_cp((uint32_t)wc, esc);
			if (used + k > width)
				break;
			addnstr(esc, k);
			used += k;
			s += n;
			continue;
		}
		int cw = wcwidth(wc);
		if (cw < 0)
			cw = 0;
		if (used + cw > width)
			break;
		addnwstr(&wc, 1);
		used += cw;
		s += n;
	}
	return used;
}

int
tui_wrap(struct tui *t, int y, int x, int width, int maxrows, const char *s, bool draw)
{
	int rows = 0;
	if (width < 1)
		return 0;
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
		if (draw) {
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
	return rows;
}

void
tui_message(struct tui *t, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->message, sizeof t->message, fmt, ap);
	va_end(ap);
	t->message_error = error;
}

void
tui_chrome(struct tui *t, const char *title)
{
	const struct screen *s = t->stack[t->depth - 1];
	char line[512];
	/* Title bar. */
	attron(A_REVERSE);
	mvhline(0, 0, ' ', t->cols);
	tui_text(t, 0, 1, t->cols - 2, title);
	attroff(A_REVERSE);
	/* Message line, then the keys of the moment. */
	move(t->rows - 2, 0);
	clrtoeol();
	if (t->message[0]) {
		if (t->message_error)
			attron(t->color ? COLOR_PAIR(1) | A_BOLD : A_BOLD);
		tui_text(t, t->rows - 2, 1, t->cols - 2, t->message);
		if (t->message_error)
			attroff(t->color ? COLOR_PAIR(1) | A_BOLD : A_BOLD);
	}
	attron(A_REVERSE);
	mvhline(t->rows - 1, 0, ' ', t->cols);
	/* Help and quit are always shown, at the right; the screen's own keys fill the rest. */
	char tail[160];
	snprintf(tail, sizeof tail, "F1 %s  F10 %s", L("Trợ giúp", "Help"), L("Thoát", "Quit"));
	int tail_w = tui_width(t, tail);
	int x = 1;
	for (const enum action *a = s->hints; a && *a != ACT_NONE; a++) {
		if (*a == ACT_HELP || *a == ACT_QUIT)
			continue;
		const char *keys = action_keys(*a);
		char first[16];
		snprintf(first, sizeof first, "%.*s", (int)strcspn(keys, ","), keys);
		snprintf(line, sizeof line, "%s %s", first, action_short(*a));
		int w = tui_width(t, line);
		if (x + w + 2 > t->cols - tail_w - 1)
			break;
		tui_text(t, t->rows - 1, x, w, line);
		x += w + 2;
	}
	if (t->cols - tail_w - 1 > x)
		tui_text(t, t->rows - 1, t->cols - tail_w - 1, tail_w, tail);
	attroff(A_REVERSE);
}

/* ---- typing method ------------------------------------------------------------------- */

char *
tui_setting_get(sqlite3 *db, const char *key)
{
	return setting_get(db, key);
}

void
tui_setting_set(sqlite3 *db, const char *key, const char *value)
{
	struct err e;
	/* A setting that fails to save only costs the clerk a key press. */
	setting_set(db, key, value, &e);
}

static void
ime_load(struct tui *t)
{
	char *method = tui_setting_get(t->db, "typing.method"), *style = tui_setting_get(t->db, "typing.style");
	char *restore = tui_setting_get(t->db, "typing.restore");
	enum ime_method m = IME_TELEX;
	if (method && strcmp(method, "vni") == 0)
		m = IME_VNI;
	else if (method && strcmp(method, "off") == 0)
		m = IME_OFF;
	t->ime = xcalloc(1, sizeof *t->ime);
	ime_init(t->ime, m, style && strcmp(style, "new") == 0 ? IME_TONE_NEW : IME_TONE_OLD,
		 !(restore && strcmp(restore, "off") == 0));
	free(method);
	free(style);
	free(restore);
}

const char *
tui_ime_name(struct tui *t)
{
	if (t->ime == NULL || t->ime->method == IME_OFF)
		return L("tắt", "off");
	return t->ime->method == IME_TELEX ? "Telex" : "VNI";
}

void
tui_ime_cycle(struct tui *t)
{
	static const char *const names[] = {"off", "telex", "vni"};
	enum ime_method next = t->ime->method == IME_TELEX ? IME_VNI
			       : t->ime->method == IME_VNI ? IME_OFF
							   : IME_TELEX;
	ime_init(t->ime, next, t->ime->style, t->ime->restore);
	tui_setting_set(t->db, "typing.method", names[next]);
}

/* ---- screens -------------------------------------------------------------------------- */

void home_refresh(struct tui *t);

void
tui_set_help(struct tui *t, const char *title, const char *body)
{
	free(t->help_title);
	free(t->help_body);
	t->help_title = title ? xstrdup(title) : NULL;
	t->help_body = body ? xstrdup(body) : NULL;
}

void
tui_push(struct tui *t, const struct screen *s, void *arg)
{
	if (t->depth == (int)ARRAY_LEN(t->stack))
		return;
	t->stack[t->depth] = s;
	t->state[t->depth] = NULL;
	t->depth++;
	if (s->enter)
		s->enter(t, arg);
}

void
tui_pop(struct tui *t)
{
	const struct screen *s;
	if (t->depth == 0)
		return;
	s = t->stack[t->depth - 1];
	if (s->leave)
		s->leave(t);
	t->depth--;
	if (t->depth == 0)
		t->quit = true;
	else if (t->stack[t->depth - 1] == &screen_home && !t->quit)
		home_refresh(t); /* what the clerk did may change the years' states */
}

void *
tui_state(struct tui *t)
{
	return t->state[t->depth - 1];
}

void
tui_set_state(struct tui *t, void *state)
{
	t->state[t->depth - 1] = state;
}

static bool
too_small(struct tui *t)
{
	if (t->rows >= MIN_ROWS && t->cols >= MIN_COLS)
		return false;
	char line[160];
	erase();
	snprintf(line, sizeof line, L("Cửa sổ quá nhỏ: cần ít nhất %d×%d, đang là %d×%d.",
				      "Window too small: needs at least %d×%d, it is %d×%d."),
		 MIN_COLS, MIN_ROWS, t->cols, t->rows);
	tui_text(t, t->rows / 2 > 0 ? t->rows / 2 - 1 : 0, 0, t->cols, line);
	tui_text(t, t->rows / 2, 0, t->cols,
		 L("Hãy phóng to cửa sổ. F10 hoặc Ctrl-Q để thoát.", "Enlarge the window. F10 or Ctrl-Q quits."));
	refresh();
	return true;
}

static void
draw(struct tui *t)
{
	tui_redraw(t);
	refresh();
}

bool
tui_redraw(struct tui *t)
{
	getmaxyx(stdscr, t->rows, t->cols);
	if (too_small(t))
		return false;
	erase();
	if (t->depth > 0)
		t->stack[t->depth - 1]->draw(t);
	return true;
}

static void
dispatch(struct tui *t, int r, wint_t ch)
{
	const struct screen *s = t->stack[t->depth - 1];
	enum action a;
	bool is_text = false;

	if (r == TUI_PASTE) {
		/* Text for the field being edited; elsewhere nothing at all. */
		if (t->rows >= MIN_ROWS && t->cols >= MIN_COLS) {
			t->message[0] = '\0';
			s->key(t, ACT_PASTE, 0, false);
		}
		tui_paste_wipe();
		return;
	}
	if (r == KEY_CODE_YES)
		a = action_of((int)ch);
	else if (ch < 32 || ch == 127) {
		a = action_of((int)ch);
		if (ch == 127 || ch == 8)
			a = ACT_NONE; /* Backspace reaches the screen as text */
		is_text = a == ACT_NONE && (ch == 127 || ch == 8);
	} else if ((ch >= 0x80 && ch <= 0x9f) || ch == 0x2028 || ch == 0x2029) {
		return; /* control characters a field could not keep: not typed at all */
	} else {
		a = ACT_NONE;
		is_text = true;
	}
	if (r == KEY_CODE_YES && ch == KEY_BACKSPACE) {
		ch = 127;
		is_text = true;
	}
	if (a == ACT_QUIT) {
		t->quit = true;
		return;
	}
	if (t->rows < MIN_ROWS || t->cols < MIN_COLS)
		return;
	if (a == ACT_HELP && s != &screen_help) {
		tui_push(t, &screen_help, (void *)s);
		return;
	}
	t->message[0] = '\0';
	s->key(t, a, ch, is_text);
}

int
tui_run(sqlite3 *db, const char *dir, int year, const char *field, bool new_folder)
{
	struct tui t = {.db = db, .dir = (char *)dir, .year = year, .start_field = field};
	wint_t ch;

	t.utf8 = terminal_shows_vietnamese();
	signal(SIGINT, on_stop);
	signal(SIGTERM, on_stop);
	signal(SIGHUP, on_stop);
	signal(SIGSEGV, on_crash);
	signal(SIGABRT, on_crash);
	signal(SIGBUS, on_crash);
	atexit(restore_terminal);
	if (initscr() == NULL)
		return ST_ENV;
	curses_on = true;
	raw(); /* Ctrl-Q, Ctrl-S and Ctrl-Z reach us, not the terminal driver */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	/* tmux and screen send these for Home and End whatever TERM says. */
	define_key("\033[1~", KEY_HOME);
	define_key("\033[4~", KEY_END);
	define_key("\033[H", KEY_HOME);
	define_key("\033[F", KEY_END);
	paste_key = key_defined("\033[200~") > 0 ? key_defined("\033[200~") : 0;
	buf_init(&pasted);
	buf_reserve(&pasted, 4096); /* a passphrase pasted is not left behind by a realloc */
	timeout(250);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
	if (has_colors() && getenv("NO_COLOR") == NULL) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_RED, -1);
		init_pair(2, COLOR_YELLOW, -1);
		init_pair(3, COLOR_GREEN, -1);
		t.color = true;
	}
	curs_set(0);
	/* Bracketed paste: pasted text arrives marked, and is taken as it is. */
	fputs("\033[?2004h", stdout);
	fflush(stdout);
	if (!t.utf8)
		tui_message(&t, false, "%s",
			    L("Màn hình này không hiện được dấu tiếng Việt: đang hiển thị không dấu; dữ "
			      "liệu vẫn lưu đủ dấu.",
			      "This terminal cannot show Vietnamese letters: shown without diacritics; "
			      "the data keeps them."));
	/* The stderr line says it too, seen after leaving: the terminal's notice goes first. */
	if (new_folder && t.message[0] == '\0')
		tui_message(&t, false, L("Đã tạo thư mục dữ liệu mới: %s", "Started a new data folder: %s"),
			    dir);
	ime_load(&t);
	char *lang = ui_lang_fixed ? NULL : tui_setting_get(db, "ui.lang");
	if (lang != NULL && lang_parse(lang) >= 0)
		ui_lang = (enum lang)lang_parse(lang);
	free(lang);
	tui_push(&t, &screen_home, NULL);
	while (!t.quit && !stop_signal && t.depth > 0) {
		draw(&t);
		int r = tui_getkey(&ch);
		if (r == TUI_GONE)
			break;
		if (r == ERR) {
			const struct screen *s = t.stack[t.depth - 1];
			if (s->key)
				s->key(&t, ACT_NONE, 0, false); /* idle: autosave */
			continue;
		}
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			const struct screen *s = t.stack[t.depth - 1];
			getmaxyx(stdscr, t.rows, t.cols);
			if (s->resize)
				s->resize(&t);
			continue;
		}
		if (r == KEY_CODE_YES && ch == KEY_MOUSE) {
			MEVENT ev;
			const struct screen *s = t.stack[t.depth - 1];
			if (getmouse(&ev) == OK && (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) &&
			    t.rows >= MIN_ROWS && t.cols >= MIN_COLS) {
				t.click_y = ev.y;
				t.click_x = ev.x;
				s->key(&t, ACT_CLICK, 0, false);
			}
			continue;
		}
		dispatch(&t, r, ch);
	}
	/* Leaving from anywhere keeps everything: each screen saves in its leave. */
	while (t.depth > 0)
		tui_pop(&t);
	restore_terminal();
	tui_set_help(&t, NULL, NULL);
	free(t.ime);
	return 0;
}

/* ---- dialogs -------------------------------------------------------------------------- */

void
tui_box(struct tui *t, int h, int w, int *y, int *x)
{
	/* Line-drawing characters need a terminal that shows them; ASCII always works. */
	chtype hl = t->utf8 ? ACS_HLINE : '-', vl = t->utf8 ? ACS_VLINE : '|';
	*y = (t->rows - h) / 2;
	*x = (t->cols - w) / 2;
	for (int i = 0; i < h; i++)
		mvhline(*y + i, *x, ' ', w);
	mvhline(*y, *x, hl, w);
	mvhline(*y + h - 1, *x, hl, w);
	mvvline(*y, *x, vl, h);
	mvvline(*y, *x + w - 1, vl, h);
	mvaddch(*y, *x, t->utf8 ? ACS_ULCORNER : '+');
	mvaddch(*y, *x + w - 1, t->utf8 ? ACS_URCORNER : '+');
	mvaddch(*y + h - 1, *x, t->utf8 ? ACS_LLCORNER : '+');
	mvaddch(*y + h - 1, *x + w - 1, t->utf8 ? ACS_LRCORNER : '+');
}

bool
tui_confirm(struct tui *t, const char *question)
{
	wint_t ch;
	for (;;) {
		int y, x, w = t->cols - 10 < 70 ? t->cols - 10 : 70, n;
		if (!tui_redraw(t)) {
			refresh();
			if (tui_getkey(&ch) == TUI_GONE)
				return false;
			continue;
		}
		/* The whole question, wrapped: it may end with what the clerk must compare. */
		n = tui_wrap(t, 0, 0, w - 4, t->rows - 6, question, false);
		tui_box(t, n + 4, w, &y, &x);
		tui_wrap(t, y + 1, x + 2, w - 4, n, question, true);
		tui_text(t, y + n + 2, x + 2, w - 4, L("Enter: đồng ý   Esc: không", "Enter: yes   Esc: no"));
		refresh();
		int r = tui_getkey(&ch);
		if (r == TUI_GONE)
			return false;
		if (r == ERR)
			continue;
		if (r == OK && (ch == '\r' || ch == '\n' || ch == 'c' || ch == 'C' || ch == 'y'))
			return true;
		if (r == OK && (ch == 27 || ch == 'k' || ch == 'K' || ch == 'n'))
			return false;
	}
}

int
tui_choose(struct tui *t, const char *title, const char *const *labels, int n, int current)
{
	wint_t ch;
	int sel = current >= 0 && current < n ? current : 0;
	for (;;) {
		int y, x, w = t->cols - 10 < 70 ? t->cols - 10 : 70, h = n + 4;
		if (!tui_redraw(t)) {
			refresh();
			if (tui_getkey(&ch) == TUI_GONE)
				return -1;
			continue;
		}
		tui_box(t, h, w, &y, &x);
		tui_text(t, y + 1, x + 2, w - 4, title);
		for (int i = 0; i < n; i++) {
			if (i == sel)
				attron(A_REVERSE);
			mvhline(y + 2 + i, x + 1, ' ', w - 2);
			tui_text(t, y + 2 + i, x + 2, w - 4, labels[i]);
			if (i == sel)
				attroff(A_REVERSE);
		}
		refresh();
		int r = tui_getkey(&ch);
		if (r == TUI_GONE)
			return -1;
		if (r == ERR)
			continue;
		if (r == KEY_CODE_YES && ch == KEY_UP)
			sel = sel > 0 ? sel - 1 : n - 1;
		else if ((r == KEY_CODE_YES && ch == KEY_DOWN) || (r == OK && ch == '\t'))
			sel = (sel + 1) % n;
		else if ((r == OK && (ch == '\r' || ch == '\n')) || (r == KEY_CODE_YES && ch == KEY_ENTER))
			return sel;
		else if (r == OK && ch == 27)
			return -1;
	}
}
