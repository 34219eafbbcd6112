/* dialogs.c: every dialog of the framework, each a box over the screen of the moment reading
 * keys through the action table (tui_next): yes/no question, choice, one-line prompt (also for
 * passphrases), file and folder chooser (USB sticks first), information box. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crypto.h"
#include "i18n.h"
#include "ime.h"
#include "places.h"
#include "platform.h"
#include "text.h"
#include "tui.h"
#include "widgets.h"

/* Waits for a key in a dialog, drawn (shown) or not: when the window is too small the notice
 * is up instead, and a key only redraws (ACT_IDLE), unless nobody can answer any more. */
static enum action
dialog_key(struct tui *t, bool shown, wint_t *ch, bool *is_text)
{
	refresh();
	enum action a = tui_next(t, ch, is_text);
	return a == ACT_GONE || shown ? a : ACT_IDLE;
}

static int
dialog_width(const struct tui *t, int margin, int most)
{
	return t->cols - margin < most ? t->cols - margin : most;
}

bool
tui_confirm(struct tui *t, const char *question)
{
	for (;;) {
		int y, x, w = dialog_width(t, 10, 70), n;
		char keys[160];
		wint_t ch;
		bool text, shown = tui_redraw(t);
		if (shown) {
			/* The whole question, wrapped: it may end with what the clerk must compare. */
			n = tui_wrap(t, 0, 0, w - 4, t->rows - 6, question, false);
			tui_box(t, n + 4, w, &y, &x);
			tui_wrap(t, y + 1, x + 2, w - 4, n, question, true);
			action_key_line(keys, sizeof keys, ": ", "   ", ACT_ENTER, L("đồng ý", "yes"), ACT_BACK,
					L("không", "no"), ACT_NONE);
			tui_text(t, y + n + 2, x + 2, w - 4, keys);
		}
		enum action a = dialog_key(t, shown, &ch, &text);
		if (a == ACT_GONE || a == ACT_BACK)
			return false;
		if (a == ACT_ENTER)
			return true;
		if (text && key_yes_no(ch) >= 0)
			return key_yes_no(ch) == 1;
	}
}

int
tui_choose(struct tui *t, const char *title, const char *const *labels, int n, int current)
{
	int sel = current >= 0 && current < n ? current : 0;
	for (;;) {
		int y, x, w = dialog_width(t, 10, 70);
		wint_t ch;
		bool text, shown = tui_redraw(t);
		if (shown) {
			tui_box(t, n + 4, w, &y, &x);
			tui_text(t, y + 1, x + 2, w - 4, title);
			for (int i = 0; i < n; i++)
				tui_list_line(t, y + 2 + i, x + 1, w - 2, labels[i], i == sel);
		}
		switch (dialog_key(t, shown, &ch, &text)) {
		case ACT_PREV:
			sel = sel > 0 ? sel - 1 : n - 1;
			break;
		case ACT_NEXT:
			sel = (sel + 1) % n;
			break;
		case ACT_ENTER:
			return sel;
		case ACT_BACK:
		case ACT_GONE:
			return -1;
		default:
			break;
		}
	}
}

void
tui_inform(struct tui *t, const char *title, const char *const *lines, int n)
{
	for (;;) {
		int y, x, w = t->cols - 6, h = 5, row;
		char keys[160];
		wint_t ch;
		bool text, shown = tui_redraw(t);
		if (shown) {
			/* Each line wrapped (a long file name, the advice) and shown whole; an empty
			 * one is a blank row. */
			for (int i = 0; i < n; i++) {
				int r = tui_wrap(t, 0, 0, w - 4, t->rows - 4 - h, lines[i], false);
				h += r > 0 ? r : 1;
			}
			tui_box(t, h, w, &y, &x);
			attron(A_BOLD);
			tui_text(t, y + 1, x + 2, w - 4, title);
			attroff(A_BOLD);
			row = y + 2;
			for (int i = 0; i < n && row < y + h - 3; i++) {
				int r = tui_wrap(t, row, x + 2, w - 4, y + h - 3 - row, lines[i], true);
				row += r > 0 ? r : 1;
			}
			action_key_line(keys, sizeof keys, ": ", "   ", ACT_ENTER, L("đóng", "close"), ACT_NONE);
			tui_text(t, y + h - 2, x + 2, w - 4, keys);
			curs_set(0);
		}
		enum action a = dialog_key(t, shown, &ch, &text);
		if (a == ACT_GONE || a == ACT_ENTER || a == ACT_BACK)
			return;
	}
}

/* The most a prompt keeps of a paste, in characters (a passphrase file holds 1023 bytes). */
#define PROMPT_MAX 1000

char *
tui_prompt(struct tui *t, const char *title, const char *initial, bool secret)
{
	struct lineedit le;
	char *result = NULL;
	le_init(&le, initial);
	le.secret = secret;
	if (t->ime)
		ime_reset(t->ime); /* a word being typed below does not go on in this box */
	for (;;) {
		int y, x, w = dialog_width(t, 8, 76);
		char keys[160];
		wint_t ch;
		bool text, shown = tui_redraw(t);
		if (shown) {
			/* The title wrapped whole: after a refused try it says why on a line of its
			 * own. */
			int n = tui_wrap(t, 0, 0, w - 4, t->rows - 8, title, false);
			n = n > 0 ? n : 1;
			tui_box(t, 5 + n, w, &y, &x);
			tui_wrap(t, y + 1, x + 2, w - 4, n, title, true);
			action_key_line(keys, sizeof keys, ": ", "   ", ACT_ENTER, L("xong", "done"), ACT_BACK,
					L("bỏ qua", "cancel"), ACT_NONE);
			tui_text(t, y + n + 3, x + 2, w - 4, keys);
			curs_set(1);
			le_draw(t, &le, y + n + 1, x + 2, w - 4, true);
		}
		enum action a = dialog_key(t, shown, &ch, &text);
		if (a == ACT_GONE || a == ACT_BACK)
			break;
		if (a == ACT_ENTER) {
			le_finish_word(t, &le);
			result = xstrdup(le.text.data);
			break;
		}
		if (a == ACT_PASTE) {
			t->message[0] = '\0';
			le_paste(t, &le, PROMPT_MAX);
			tui_paste_wipe();
		} else if (text || a == ACT_LEFT || a == ACT_RIGHT || a == ACT_HOME || a == ACT_END ||
			   a == ACT_DELETE)
			le_key(t, &le, a, ch, text);
	}
	curs_set(0);
	if (secret)
		sodium_memzero(le.text.data, le.text.cap);
	le_free(&le);
	return result;
}

/* The title of try n: after a refused try, which try this is and why the last was refused. */
static void
passphrase_title(char *out, size_t n, const char *title, int try, const char *why)
{
	if (try == 1)
		snprintf(out, n, "%s", title);
	else
		snprintf(out, n,
			 L("%s\nLần %d/%d (lần trước %s): nhập lại.",
			   "%s\nTry %d of %d (the last one: %s): type it again."),
			 title, try, PASSPHRASE_TRIES, why);
}

/* One entry of a new passphrase: typed twice, at least 8 characters. NULL with why set when
 * refused, NULL with why empty when cancelled. */
static struct secret *
passphrase_new(struct tui *t, const char *title, const char **why)
{
	struct secret *s = NULL;
	char *a = tui_prompt(t, title, "", true), *b = NULL;
	*why = "";
	if (a != NULL && utf8_chars(a) < 8)
		*why = L("cần ít nhất 8 ký tự", "it needs at least 8 characters");
	else if (a != NULL) {
		b = tui_prompt(t, L("Nhập lại cụm mật khẩu:", "Repeat the passphrase:"), "", true);
		if (b != NULL && strcmp(a, b) != 0)
			*why = L("hai lần nhập không khớp", "the two entries differed");
		else if (b != NULL)
			s = passphrase_from_bytes(a, strlen(a));
	}
	if (b) {
		sodium_memzero(b, strlen(b));
		free(b);
	}
	if (a) {
		sodium_memzero(a, strlen(a));
		free(a);
	}
	return s;
}

struct secret *
tui_passphrase(struct tui *t, const char *title, bool is_new)
{
	/* Typing methods never touch passphrases (a secret line edit bypasses them): what is
	 * typed is what is kept. The screens below still draw with the typing method, so it
	 * stays set. */
	struct secret *s = NULL;
	if (!is_new) {
		char *a = tui_prompt(t, title, "", true);
		if (a != NULL && a[0])
			s = passphrase_from_bytes(a, strlen(a));
		if (a) {
			sodium_memzero(a, strlen(a));
			free(a);
		}
		return s;
	}
	/* A new passphrase refused is asked again in place: what the clerk chose before it
	 * (a file, a code) stays chosen. */
	const char *why = "";
	char shown[600];
	for (int try = 1; s == NULL && try <= PASSPHRASE_TRIES; try++) {
		passphrase_title(shown, sizeof shown, title, try, why);
		s = passphrase_new(t, shown, &why);
		if (s == NULL && why[0] == '\0')
			break;
		if (s == NULL && try == PASSPHRASE_TRIES)
			tui_message(
			    t, true,
			    L("Cụm mật khẩu chưa đặt được: %s.", "No passphrase was set: %s."),
			    why);
	}
	return s;
}

struct secret *
tui_passphrase_again(struct tui *t, const char *title, int try, const char *why)
{
	char shown[600];
	passphrase_title(shown, sizeof shown, title, try, why);
	return tui_passphrase(t, shown, false);
}

/* ---- chooser -------------------------------------------------------------------------- */

struct entry {
	char *label;
	char *path;
	bool dir;
	bool pinned; /* listed first, unsorted: "choose this folder" and the mounted places */
};

static int
by_label(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	if (x->pinned != y->pinned)
		return x->pinned ? -1 : 1;
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

/* The mounted places: USB media (as the kernel tells them) marked so, the others by path; on
 * Windows the drives, "[USB] E:\\ (label)" first. */
static void
add_places(struct entry **e, int *n)
{
	struct place *p;
	char *mountinfo = NULL;
#ifdef XHHT_TEST_CLOCK
	/* Tests only: $XHHT_TEST_MOUNTINFO stands for the mount table, so that the machine's own
	 * mounts (a CI runner's, a sandbox's) stay out of the lists a test walks. */
	mountinfo = plat_getenv("XHHT_TEST_MOUNTINFO");
#endif
	size_t np = places_list("/sys", mountinfo ? mountinfo : "/proc/self/mountinfo", &p);
	free(mountinfo);
	for (size_t i = 0; i < np; i++) {
		char *name = p[i].label != NULL ? xasprintf("%s (%s)", p[i].path, p[i].label)
						: xstrdup(p[i].path);
		*e = xreallocarray(*e, (size_t)*n + 1, sizeof **e);
		(*e)[(*n)++] =
		    (struct entry){p[i].removable ? xasprintf("[USB] %s", name) : xstrdup(name),
				   xstrdup(p[i].path), true, true};
		free(name);
	}
	places_free(p, np);
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

/* The entries of folder dir: "choose this folder" (want_dir), mounted places, the parent folder,
 * then its folders and the files with one of the suffixes (NULL: any), sorted. Names come in
 * UTF-8 on both systems (plat_dir). */
static struct entry *
list_dir(const char *dir, bool want_dir, const char *const *suffixes, int *count)
{
	struct entry *e = NULL;
	int n = 0;
	struct plat_dir *d = plat_dir_open(dir, false);
	const char *name;
	size_t len = strlen(dir);
	/* A root ends with its separator already ("/", "E:\\"). */
	const char *sep = len > 0 && plat_is_separator(dir[len - 1]) ? "" : "/";
	char *parent = plat_parent_dir(dir);
	if (want_dir) {
		e = xreallocarray(e, 1, sizeof *e);
		e[n++] = (struct entry){xstrdup(L("[Chọn thư mục này]", "[Choose this folder]")),
					xstrdup(dir), true, true};
	}
	add_places(&e, &n);
	if (parent != NULL) {
		e = xreallocarray(e, (size_t)n + 1, sizeof *e);
		e[n++] = (struct entry){xstrdup(L(".. (thư mục cha)", ".. (parent folder)")),
					parent, true, false};
	}
	while (d && (name = plat_dir_next(d)) != NULL) {
		struct stat st;
		if (name[0] == '.')
			continue;
		char *path = xasprintf("%s%s%s", dir, sep, name);
		bool ok = plat_stat(path, &st) == 0 &&
			  (S_ISDIR(st.st_mode) || (!want_dir && S_ISREG(st.st_mode)));
		bool wanted = ok && (S_ISDIR(st.st_mode) || suffixes == NULL);
		for (const char *const *s = suffixes; ok && !wanted && *s; s++)
			wanted = ends_with(name, *s);
		if (!wanted) {
			free(path);
			continue;
		}
		e = xreallocarray(e, (size_t)n + 1, sizeof *e);
		e[n++] =
		    (struct entry){S_ISDIR(st.st_mode) ? xasprintf("%s/", name) : xstrdup(name),
				   path, S_ISDIR(st.st_mode), false};
	}
	plat_dir_close(d);
	int fixed = 0;
	while (fixed < n && e[fixed].pinned)
		fixed++;
	if (parent != NULL)
		fixed++; /* the parent folder stays first, whatever the names sort after it */
	qsort(e + fixed, (size_t)(n - fixed), sizeof *e, by_label);
	*count = n;
	return e;
}

static void
draw_chooser(struct tui *t, const char *title, const char *dir, const struct entry *e, int n,
	     int sel, int *top)
{
	int h = t->rows - 6, w = t->cols - 6, y, x, list_h = h - 5;
	char keys[200], line[260];
	tui_box(t, h, w, &y, &x);
	tui_text(t, y + 1, x + 2, w - 4, title);
	tui_text(t, y + 2, x + 2, w - 4, dir);
	if (sel < *top)
		*top = sel;
	if (sel >= *top + list_h)
		*top = sel - list_h + 1;
	for (int i = *top; i < n && i - *top < list_h; i++)
		tui_list_line(t, y + 3 + i - *top, x + 1, w - 2, e[i].label, i == sel);
	action_key_line(keys, sizeof keys, " ", "  ", ACT_ENTER, L("mở/chọn", "open/choose"), ACT_BACK,
			L("bỏ qua", "cancel"), ACT_NONE);
	snprintf(line, sizeof line, "%s%s %s  %s", action_key_name(ACT_PREV, KEY_UP),
		 action_key_name(ACT_NEXT, KEY_DOWN), L("chọn", "move"), keys);
	tui_text(t, y + h - 2, x + 2, w - 4, line);
}

/* The chooser, opening on folder start (NULL: the current folder). */
static char *
choose_path(struct tui *t, const char *title, bool want_dir, const char *const *suffixes,
	    const char *start)
{
	char *cwd = start ? NULL : plat_current_dir();
	char *dir = xstrdup(start ? start : cwd ? cwd : "/");
	char *result = NULL;
	int sel = 0, top = 0;
	bool done = false;
	free(cwd);
	while (!done) {
		int n, list_h = t->rows - 11;
		struct entry *e = list_dir(dir, want_dir, suffixes, &n);
		wint_t ch;
		bool text;
		sel = sel >= n ? n - 1 : sel;
		sel = sel < 0 ? 0 : sel;
		bool shown = tui_redraw(t);
		if (shown)
			draw_chooser(t, title, dir, e, n, sel, &top);
		enum action a = dialog_key(t, shown, &ch, &text);
		if (a == ACT_PREV || a == ACT_NEXT)
			sel += a == ACT_NEXT ? 1 : -1;
		else if (a == ACT_PAGE_UP || a == ACT_PAGE_DOWN)
			sel += a == ACT_PAGE_DOWN ? list_h : -list_h;
		else if (a == ACT_BACK || a == ACT_GONE)
			done = true;
		else if (a == ACT_ENTER && n > 0 && e[sel].dir && !(want_dir && sel == 0)) {
			free(dir);
			dir = xstrdup(e[sel].path);
			sel = top = 0;
		} else if (a == ACT_ENTER && n > 0) {
			result = xstrdup(want_dir && sel == 0 ? dir : e[sel].path);
			done = true;
		}
		free_entries(e, n);
	}
	free(dir);
	return result;
}

char *
tui_choose_path(struct tui *t, const char *title, bool want_dir, const char *const *suffixes)
{
	return choose_path(t, title, want_dir, suffixes, NULL);
}

char *
tui_choose_path_kept(struct tui *t, const char *title, bool want_dir, const char *const *suffixes,
		     const char *key)
{
	struct stat st;
	char *kept = tui_setting_get(t->db, key);
	/* A folder that is gone (a USB stick pulled out) falls back to the current folder. */
	bool there = kept && kept[0] && plat_stat(kept, &st) == 0 && S_ISDIR(st.st_mode);
	char *path = choose_path(t, title, want_dir, suffixes, there ? kept : NULL);
	free(kept);
	if (path != NULL) {
		char *folder = want_dir ? xstrdup(path) : plat_dir_name(path);
		tui_setting_set(t->db, key, folder);
		free(folder);
	}
	return path;
}
