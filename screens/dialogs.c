/* dialogs.c: the one-line prompt (also for passphrases) and the file and folder chooser, which
 * lists USB sticks first. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crypto.h"
#include "i18n.h"
#include "ime.h"
#include "text.h"
#include "tui.h"
#include "widgets.h"

/* Draws the screen under a dialog; false (the "too small" notice is up) when the window is too
 * small for it. */
static bool
redraw_below(struct tui *t)
{
	return tui_redraw(t);
}

/* The most a prompt keeps of a paste, in characters (a passphrase file holds 1023 bytes). */
#define PROMPT_MAX 1000

char *
tui_prompt(struct tui *t, const char *title, const char *initial, bool secret)
{
	struct lineedit le;
	char *result = NULL;
	wint_t ch;
	le_init(&le, initial);
	le.secret = secret;
	if (t->ime)
		ime_reset(t->ime); /* a word being typed below does not go on in this box */
	for (;;) {
		int y, x, w = t->cols - 8 < 76 ? t->cols - 8 : 76;
		if (!redraw_below(t)) {
			refresh();
			if (tui_getkey(&ch) == TUI_GONE)
				break;
			continue;
		}
		tui_box(t, 6, w, &y, &x);
		tui_text(t, y + 1, x + 2, w - 4, title);
		tui_text(t, y + 4, x + 2, w - 4, L("Enter: xong   Esc: bỏ qua", "Enter: done   Esc: cancel"));
		curs_set(1);
		le_draw(t, &le, y + 2, x + 2, w - 4, true);
		refresh();
		int r = tui_getkey(&ch);
		if (r == TUI_GONE)
			break;
		if (r == ERR)
			continue;
		if (r == TUI_PASTE) {
			t->message[0] = '\0';
			le_paste(t, &le, PROMPT_MAX);
			tui_paste_wipe();
			continue;
		}
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			getmaxyx(stdscr, t->rows, t->cols);
			continue;
		}
		if ((r == OK && (ch == '\r' || ch == '\n')) || (r == KEY_CODE_YES && ch == KEY_ENTER)) {
			le_finish_word(t, &le);
			result = xstrdup(le.text.data);
			break;
		}
		if (r == OK && ch == 27)
			break;
		if (r == KEY_CODE_YES) {
			enum action a = ch == KEY_LEFT ? ACT_LEFT : ch == KEY_RIGHT ? ACT_RIGHT
					: ch == KEY_HOME ? ACT_HOME : ch == KEY_END ? ACT_END
					: ch == KEY_DC ? ACT_DELETE : ACT_NONE;
			if (ch == KEY_BACKSPACE)
				le_key(t, &le, ACT_NONE, 127, true);
			else
				le_key(t, &le, a, 0, false);
		} else if (r == OK && (ch >= 32 || ch == 127 || ch == 8))
			le_key(t, &le, ACT_NONE, ch, true);
	}
	curs_set(0);
	if (secret)
		sodium_memzero(le.text.data, le.text.cap);
	le_free(&le);
	return result;
}

struct secret *
tui_passphrase(struct tui *t, const char *title, bool is_new)
{
	/* Typing methods never touch passphrases (a secret line edit bypasses them): what is
	 * typed is what is kept. The screens below still draw with the typing method, so it
	 * stays set. */
	struct secret *s = NULL;
	char *a = tui_prompt(t, title, "", true);
	if (a != NULL && is_new) {
		if (utf8_chars(a) < 8)
			tui_message(t, true, "%s", L("Cụm mật khẩu cần ít nhất 8 ký tự.", "The passphrase needs at least 8 characters."));
		else {
			char *b = tui_prompt(t, L("Nhập lại cụm mật khẩu:", "Repeat the passphrase:"), "", true);
			if (b == NULL || strcmp(a, b) != 0)
				tui_message(t, true, "%s", L("Hai lần nhập không khớp.", "The two entries differ."));
			else
				s = passphrase_from_bytes(a, strlen(a));
			if (b) {
				sodium_memzero(b, strlen(b));
				free(b);
			}
		}
	} else if (a != NULL && a[0])
		s = passphrase_from_bytes(a, strlen(a));
	if (a) {
		sodium_memzero(a, strlen(a));
		free(a);
	}
	return s;
}

/* ---- chooser -------------------------------------------------------------------------- */

struct entry {
	char *label;
	char *path;
	bool dir;
	bool usb;
};

static int
by_label(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	if (x->usb != y->usb)
		return x->usb ? -1 : 1;
	if (x->dir != y->dir)
		return x->dir ? -1 : 1;
	return strcmp(x->label, y->label);
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

/* Removable media are mounted under /media, /run/media or /mnt by desktops and by hand. */
static void
add_usb(struct entry **e, int *n)
{
	FILE *f = fopen("/proc/mounts", "r");
	char dev[512], mnt[512], fs[64];
	if (f == NULL)
		return;
	while (fscanf(f, "%511s %511s %63s %*[^\n]", dev, mnt, fs) == 3) {
		if (strncmp(mnt, "/media/", 7) != 0 && strncmp(mnt, "/run/media/", 11) != 0 &&
		    strncmp(mnt, "/mnt/", 5) != 0)
			continue;
		*e = xreallocarray(*e, (size_t)*n + 1, sizeof **e);
		(*e)[(*n)++] = (struct entry){xasprintf("[USB] %s", mnt), xstrdup(mnt), true, true};
	}
	fclose(f);
}

static void
free_entries(struct entry *e, int n)
{
	for (int i = 0; i < n; i++) {
		free(e[i].label);
		free(e[i].path);
	}
	free(e);
}

char *
tui_choose_path(struct tui *t, const char *title, bool want_dir, const char *const *suffixes)
{
	char *cwd = getcwd(NULL, 0);
	char *dir = xstrdup(cwd ? cwd : "/");
	char *result = NULL;
	int sel = 0, top = 0;
	free(cwd);
	for (;;) {
		struct entry *e = NULL;
		int n = 0;
		DIR *d = opendir(dir);
		struct dirent *de;
		if (want_dir) {
			e = xreallocarray(e, 1, sizeof *e);
			e[n++] = (struct entry){xstrdup(L("[Chọn thư mục này]", "[Choose this folder]")),
						xstrdup(dir), true, true};
		}
		add_usb(&e, &n);
		if (strcmp(dir, "/") != 0) {
			e = xreallocarray(e, (size_t)n + 1, sizeof *e);
			char *up = xstrdup(dir), *slash = strrchr(up, '/');
			if (slash == up)
				slash[1] = '\0';
			else if (slash)
				*slash = '\0';
			e[n++] = (struct entry){xstrdup(L(".. (thư mục cha)", ".. (parent folder)")), up, true, false};
		}
		while (d && (de = readdir(d)) != NULL) {
			struct stat st;
			if (de->d_name[0] == '.')
				continue;
			char *path = xasprintf("%s%s%s", dir, strcmp(dir, "/") ? "/" : "", de->d_name);
			if (stat(path, &st) != 0 || (!S_ISDIR(st.st_mode) && (want_dir || !S_ISREG(st.st_mode)))) {
				free(path);
				continue;
			}
			bool ok = S_ISDIR(st.st_mode);
			for (const char *const *s = suffixes; !ok && s && *s; s++)
				ok = ends_with(de->d_name, *s);
			if (!ok && !(suffixes == NULL && S_ISREG(st.st_mode))) {
				free(path);
				continue;
			}
			e = xreallocarray(e, (size_t)n + 1, sizeof *e);
			e[n++] = (struct entry){S_ISDIR(st.st_mode) ? xasprintf("%s/", de->d_name)
								 : xstrdup(de->d_name),
						path, S_ISDIR(st.st_mode), false};
		}
		if (d)
			closedir(d);
		int fixed = 0;
		while (fixed < n && e[fixed].usb)
			fixed++;
		if (strcmp(dir, "/") != 0)
			fixed++; /* the parent folder stays first, whatever the names sort after it */
		qsort(e + fixed, (size_t)(n - fixed), sizeof *e, by_label);
		if (sel >= n)
			sel = n - 1;
		if (sel < 0)
			sel = 0;

		int h = t->rows - 6, w = t->cols - 6, y, x;
		if (!redraw_below(t)) {
			refresh();
			wint_t k;
			int gone = tui_getkey(&k) == TUI_GONE;
			free_entries(e, n);
			if (gone)
				break;
			continue;
		}
		tui_box(t, h, w, &y, &x);
		tui_text(t, y + 1, x + 2, w - 4, title);
		tui_text(t, y + 2, x + 2, w - 4, dir);
		int list_h = h - 5;
		if (sel < top)
			top = sel;
		if (sel >= top + list_h)
			top = sel - list_h + 1;
		for (int i = top; i < n && i - top < list_h; i++) {
			if (i == sel)
				attron(A_REVERSE);
			mvhline(y + 3 + i - top, x + 1, ' ', w - 2);
			tui_text(t, y + 3 + i - top, x + 2, w - 4, e[i].label);
			if (i == sel)
				attroff(A_REVERSE);
		}
		tui_text(t, y + h - 2, x + 2, w - 4,
			 L("↑↓ chọn  Enter mở/chọn  Esc bỏ qua", "↑↓ move  Enter open/choose  Esc cancel"));
		refresh();
		wint_t ch;
		int r = tui_getkey(&ch);
		bool done = false;
		if (r == KEY_CODE_YES && ch == KEY_UP)
			sel--;
		else if (r == KEY_CODE_YES && ch == KEY_DOWN)
			sel++;
		else if (r == KEY_CODE_YES && ch == KEY_NPAGE)
			sel += list_h;
		else if (r == KEY_CODE_YES && ch == KEY_PPAGE)
			sel -= list_h;
		else if (r == KEY_CODE_YES && ch == KEY_RESIZE)
			getmaxyx(stdscr, t->rows, t->cols);
		else if ((r == OK && ch == 27) || r == TUI_GONE)
			done = true;
		else if ((r == OK && (ch == '\r' || ch == '\n')) || (r == KEY_CODE_YES && ch == KEY_ENTER)) {
			if (n > 0 && want_dir && sel == 0) {
				result = xstrdup(dir);
				done = true;
			} else if (n > 0 && e[sel].dir) {
				free(dir);
				dir = xstrdup(e[sel].path);
				sel = 0;
				top = 0;
			} else if (n > 0) {
				result = xstrdup(e[sel].path);
				done = true;
			}
		}
		free_entries(e, n);
		if (done)
			break;
	}
	free(dir);
	return result;
}
