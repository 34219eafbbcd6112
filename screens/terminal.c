/* terminal.c: the terminal: set-up and restore (also on a crash), stop signals and hang-ups,
 * reading a key (UTF-8 decoded here), Esc sequences, bracketed paste, and what a key means. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#ifdef _WIN32
#include <windows.h>
#else
#include <langinfo.h>
#include <poll.h>
#endif

#include "i18n.h"
#include "platform.h"
#include "text.h"
#include "tui.h"
#ifdef XHHT_STATIC
#include <limits.h>

#include "static/terminfo.h"
#endif

static volatile sig_atomic_t stop_signal;
static bool curses_on;
static bool terminal_gone;

static void
restore_terminal(void)
{
	if (curses_on) {
		endwin();
#ifndef _WIN32
		fputs("\033[?2004l", stdout);
		fflush(stdout);
#endif
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
#ifndef _WIN32
		(void)!write(1, "\033[?2004l", 8);
#endif
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

#ifdef _WIN32
/* A Windows console draws every letter through the wide calls; only its old raster fonts
 * ("Terminal", the choice of some copied shortcuts: not TrueType) have no Vietnamese letters.
 * A console that names no font (Wine's, a pseudo-console) is taken to show them. */
static bool
terminal_shows_vietnamese(void)
{
	CONSOLE_FONT_INFOEX font = {.cbSize = sizeof font};
	if (getenv("XHHT_FORCE_UTF8") != NULL)
		return true;
	if (!GetCurrentConsoleFontEx(GetStdHandle(STD_OUTPUT_HANDLE), FALSE, &font) ||
	    font.FaceName[0] == L'\0')
		return true;
	return wcscmp(font.FaceName, L"Terminal") != 0 && (font.FontFamily & TMPF_TRUETYPE);
}
#else
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
#endif

/* ---- keys ----------------------------------------------------------------------------- */

/* A closed terminal (window closed, SSH dropped, tmux killed) makes every read fail at once;
 * without this check a loop waiting for a key would spin at full speed for ever. SIGHUP is not
 * enough: it does not reach a program that is not in the terminal's foreground group. */
static bool
nobody_answers(void)
{
	if (stop_signal || terminal_gone)
		return true;
#ifdef _WIN32
	return false; /* a closed console window ends the process (CTRL_CLOSE_EVENT) */
#else
	struct pollfd p = {.fd = 0, .events = POLLIN};
	if (poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)))
		terminal_gone = true;
	return terminal_gone;
#endif
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
			char u[4];
			size_t len = utf8_encode((uint32_t)ch, u);
			for (size_t i = len; i > 0; i--)
				ungetch((unsigned char)u[i - 1]);
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

#ifdef _WIN32
/* A Windows console types a paste as keys: no marker ever starts one. */
static int
read_paste(void)
{
	return ERR;
}
#else
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

#endif

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

/* ---- set-up --------------------------------------------------------------------------- */

/* Curses on the terminal TERM names, or one line saying why not (initscr would print its own
 * English line and exit). A static build (make static) falls back on the descriptions it
 * carries when the machine's terminfo database lacks TERM or there is none. */
static bool
terminal_open(void)
{
#ifdef _WIN32
	/* ncurses' Windows console driver: TERM names the terminfo entry it would use, and a
	 * Windows console has none (tmux's TERM, under Wine, gave escape codes as text). */
	_putenv("TERM=#win32con");
#endif
	const char *term = getenv("TERM");
	if (term == NULL || *term == '\0') {
		fprintf(stderr, "%s: %s\n", plat_program_name(),
			L("biến TERM chưa đặt: không biết loại màn hình (ví dụ: TERM=xterm)",
			  "TERM is not set: the terminal type is unknown (e.g. TERM=xterm)"));
		return false;
	}
	/* What the program said before (a new data folder) comes before the screen, not after. */
	fflush(stdout);
	fflush(stderr);
	SCREEN *screen = newterm(term, stdout, stdin);
#ifdef XHHT_STATIC
	char dir[PATH_MAX];
	if (screen == NULL && terminfo_carried(term, dir)) {
		screen = newterm(term, stdout, stdin);
		terminfo_forget(dir);
	}
#endif
	if (screen == NULL) {
		fprintf(stderr, "%s: ", plat_program_name());
		fprintf(stderr,
			L("không biết loại màn hình TERM=%s: không có mô tả terminfo cho nó (thử "
			  "TERM=xterm hoặc TERM=linux)\n",
			  "unknown terminal type TERM=%s: no terminfo description for it (try "
			  "TERM=xterm or TERM=linux)\n"),
			term);
		return false;
	}
	return true;
}

bool
tui_terminal_start(struct tui *t)
{
	t->utf8 = terminal_shows_vietnamese();
	signal(SIGINT, on_stop);
	signal(SIGTERM, on_stop);
	signal(SIGSEGV, on_crash);
	signal(SIGABRT, on_crash);
#ifndef _WIN32
	signal(SIGHUP, on_stop);
	signal(SIGBUS, on_crash);
#endif
	atexit(restore_terminal);
	if (!terminal_open())
		return false;
	curses_on = true;
	raw(); /* Ctrl-Q, Ctrl-S and Ctrl-Z reach us, not the terminal driver */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
#ifdef _WIN32
	/* The console driver hands a Vietnamese letter on as its UTF-8 bytes, which curses cuts
	 * to seven bits unless told the terminal sends eight (terminfo says so elsewhere). */
	meta(stdscr, TRUE);
#endif
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
		t->color = true;
	}
	curs_set(0);
#ifndef _WIN32
	/* Bracketed paste: pasted text arrives marked, and is taken as it is. */
	fputs("\033[?2004h", stdout);
	fflush(stdout);
#endif
	return true;
}

void
tui_terminal_stop(void)
{
	restore_terminal();
}

bool
tui_stopped(void)
{
	return stop_signal != 0;
}

/* ---- what a key means ----------------------------------------------------------------- */

enum action
tui_next(struct tui *t, wint_t *ch, bool *is_text)
{
	*is_text = false;
	for (;;) {
		int r = tui_getkey(ch);
		if (r == TUI_GONE)
			return ACT_GONE;
		if (r == ERR)
			return ACT_IDLE;
		if (r == TUI_PASTE)
			return ACT_PASTE;
		if (r == KEY_CODE_YES && *ch == KEY_RESIZE) {
			getmaxyx(stdscr, t->rows, t->cols);
			return ACT_RESIZE;
		}
		if (r == KEY_CODE_YES && *ch == KEY_MOUSE) {
			MEVENT ev;
			if (getmouse(&ev) != OK || !(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
				continue;
			t->click_y = ev.y;
			t->click_x = ev.x;
			return ACT_CLICK;
		}
		if (r == KEY_CODE_YES && *ch == KEY_BACKSPACE)
			*ch = 127;
		else if (r == KEY_CODE_YES)
			return action_of(r, *ch);
		/* Control characters a field could not keep are not typed at all. */
		if ((*ch >= 0x80 && *ch <= 0x9f) || *ch == 0x2028 || *ch == 0x2029)
			continue;
		enum action a = action_of(OK, *ch);
		/* Backspace reaches the screen as text, as typed characters do. */
		*is_text = a == ACT_NONE && (*ch >= 32 || *ch == 8);
		return a;
	}
}
