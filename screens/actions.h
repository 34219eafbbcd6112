/* actions.h: the one action table of the full-screen interface, as an X-macro: for each action
 * its name, its short label (the status bar), its label (the help screen) and its keys. A screen
 * that gives an action another meaning overrides the two labels together (struct action_info). */
#ifndef XHHT_ACTIONS_H
#define XHHT_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#define TUI_CTRL(c) ((c) & 0x1f)

/* X(NAME, short vi, short en, label vi, label en, keys...): each key K(curses code or
 * character, its name as shown). The help screen lists the actions in this order; the first
 * key is the one the status bar names. */
#define TUI_ACTIONS(X, K)                                                                              \
	X(QUIT, "Thoát", "Quit", "Thoát (giữ nguyên mọi thứ)", "Quit (everything is kept)",              \
	  K(KEY_F(10), "F10"), K(TUI_CTRL('q'), "Ctrl-Q"))                                                \
	X(HELP, "Trợ giúp", "Help", "Trợ giúp", "Help", K(KEY_F(1), "F1"), K(TUI_CTRL('g'), "Ctrl-G"))    \
	X(CHECK, "Kiểm tra", "Check", "Lưu và kiểm tra", "Save and check", K(KEY_F(2), "F2"),             \
	  K(TUI_CTRL('k'), "Ctrl-K"))                                                                     \
	X(BACK, "Quay lại", "Back", "Quay lại", "Back", K(27, "Esc"))                                     \
	X(ENTER, "Chọn", "Open", "Chọn, sửa", "Open, edit", K('\n', "Enter"), K('\r', "Enter"),           \
	  K(KEY_ENTER, "Enter"))                                                                          \
	X(TOGGLE, "Đổi", "Toggle", "Đổi có/không, mở danh sách lựa chọn",                                  \
	  "Toggle yes/no, open the list of choices", K(' ', "Space"))                                     \
	X(NEXT, "Mục sau", "Next", "Mục sau", "Next", K('\t', "Tab"), K(KEY_DOWN, "↓"))                   \
	X(PREV, "Mục trước", "Previous", "Mục trước", "Previous", K(KEY_BTAB, "Shift-Tab"),               \
	  K(KEY_UP, "↑"))                                                                                 \
	X(LEFT, "Sang trái", "Left", "Sang trái", "Left", K(KEY_LEFT, "←"))                               \
	X(RIGHT, "Sang phải", "Right", "Sang phải", "Right", K(KEY_RIGHT, "→"))                           \
	X(PAGE_UP, "Trang trước", "Page up", "Trang trước", "Page up", K(KEY_PPAGE, "PgUp"))              \
	X(PAGE_DOWN, "Trang sau", "Page down", "Trang sau", "Page down", K(KEY_NPAGE, "PgDn"))            \
	X(HOME, "Đầu dòng", "Start of line", "Đầu dòng", "Start of line", K(KEY_HOME, "Home"))            \
	X(END, "Cuối dòng", "End of line", "Cuối dòng", "End of line", K(KEY_END, "End"))                 \
	X(IME, "Kiểu gõ", "Typing", "Đổi kiểu gõ (Telex, VNI, tắt)", "Typing method (Telex, VNI, off)",   \
	  K(TUI_CTRL('t'), "Ctrl-T"))                                                                     \
	X(ADD, "Thêm", "Add", "Thêm dòng", "Add a row", K(KEY_IC, "Insert"), K(TUI_CTRL('n'), "Ctrl-N"))  \
	X(DELETE, "Xóa", "Delete", "Xóa dòng", "Delete the row", K(KEY_DC, "Delete"),                     \
	  K(TUI_CTRL('d'), "Ctrl-D"))                                                                     \
	X(UNDO, "Hoàn tác", "Undo", "Hoàn tác xóa", "Undo delete", K(TUI_CTRL('z'), "Ctrl-Z"))            \
	X(MOVE_UP, "Chuyển dòng", "Move row", "Chuyển dòng lên", "Move row up", K(KEY_SR, "Shift-↑"))     \
	X(MOVE_DOWN, "Chuyển dòng xuống", "Move row down", "Chuyển dòng xuống", "Move row down",          \
	  K(KEY_SF, "Shift-↓"))                                                                           \
	X(PREVIEW, "Bản in", "Preview", "Xem bản in", "Print preview", K(KEY_F(3), "F3"))                 \
	X(PACK, "Đóng gói", "Pack", "Đóng gói gửi Bộ", "Pack for the Ministry", K(KEY_F(5), "F5"))        \
	X(FIND, "Tìm mục", "Find", "Tìm một mục theo tên hoặc mã", "Find a field by its label or id",     \
	  K(TUI_CTRL('f'), "Ctrl-F"))                                                                     \
	X(SAVE, "Lưu ra tệp", "Save", "Lưu bản in (HTML, khổ A4) và tệp CSV vào thư mục hoặc USB",         \
	  "Save the printable report (HTML, A4) and the CSV to a folder or USB", K(KEY_F(6), "F6"),       \
	  K(TUI_CTRL('s'), "Ctrl-S"))                                                                     \
	X(SETTINGS, "Cài đặt", "Settings", "Mở cài đặt ở mục cần đặt", "Open the settings on the item",   \
	  K(KEY_F(9), "F9"))                                                                              \
	X(FILTER, "Lọc", "Filter", "Lọc danh sách", "Filter the list", K(KEY_F(4), "F4"))                 \
	X(SORT, "Sắp xếp", "Sort", "Sắp xếp danh sách theo một cột", "Sort the list by a column",          \
	  K(KEY_F(7), "F7"))                                                                              \
	X(VIEWS, "Chức năng", "Menu", "Các chức năng khác (nhận gói, tổng hợp, đơn vị...)",                \
	  "The other views (import, totals, units...)", K(KEY_F(8), "F8"))                               \
	X(HISTORY, "Lịch sử", "History", "Các lần gửi đã nhận và chỗ thay đổi giữa hai lần",              \
	  "Revisions received and what changed between two", K(TUI_CTRL('r'), "Ctrl-R"))                 \
	X(REVIEW, "Duyệt", "Review", "Duyệt báo cáo, hoặc yêu cầu sửa kèm ý kiến",                        \
	  "Approve the report, or ask for fixes with comments", K(TUI_CTRL('e'), "Ctrl-E"))            \
	X(PHASE, "Sơ kết", "Phase review", "Báo cáo sơ kết, tổng kết giai đoạn, điền sẵn từ các năm",     \
	  "The phase review, pre-filled from the yearly reports", K(TUI_CTRL('o'), "Ctrl-O"))          \
	X(REFILL, "Điền lại", "Refill",                                                                   \
	  "Điền lại báo cáo giai đoạn từ các báo cáo năm (giữ các mục đã sửa tay)",                        \
	  "Fill the phase review again from the yearly reports (fields changed by hand kept)",          \
	  K(TUI_CTRL('y'), "Ctrl-Y"))

#define TUI_ACTION_ENUM(name, ...) ACT_##name,
#define TUI_ACTION_NO_KEY(code, name)

/* What a key means. ACT_NONE: a key of no action (typed text, or a key nothing uses); the
 * actions after the table's come from the terminal, not from a key of the table. */
enum action {
	ACT_NONE,
	TUI_ACTIONS(TUI_ACTION_ENUM, TUI_ACTION_NO_KEY) ACT_PASTE, /* a bracketed paste: tui_pasted() */
	ACT_CLICK,  /* a mouse click at tui.click_y, click_x */
	ACT_RESIZE, /* the window changed size (dialogs redraw) */
	ACT_IDLE,   /* no key came in time */
	ACT_GONE,   /* nobody can answer any more: a stop signal, or the terminal hung up */
	ACT_COUNT
};

struct key_name {
	int code; /* curses key code or character; 0 ends a list */
	const char *name;
};

/* An action's labels and keys: the table's entry, or a screen's override of it. */
struct action_info {
	enum action action;
	const char *short_vi, *short_en; /* the status bar */
	const char *label_vi, *label_en; /* the help screen */
	const struct key_name *keys;     /* NULL in an override: the table's */
};

struct screen;

/* The table's entry of a, or screen s's override of it (s may be NULL). NULL for actions
 * without an entry (ACT_NONE and those after the table's). */
const struct action_info *action_info(const struct screen *s, enum action a);
/* The labels of a on s, in the language of the moment; "" without an entry. */
const char *action_label(const struct screen *s, enum action a);
const char *action_short(const struct screen *s, enum action a);
/* Every key of a, named and joined with ", " ("F10, Ctrl-Q"); its first key alone. */
const char *action_keys(enum action a);
const char *action_first_key(enum action a);
/* Every key of a joined with "or" in the language of the moment ("F10 hoặc Ctrl-Q"), for a
 * sentence. */
const char *action_keys_or(enum action a);
/* The name of key code when a has it ("↑" of PREV), else a's first key: a hint that names a
 * particular key of an action stays right when that key is bound elsewhere. */
const char *action_key_name(enum action a, int code);
/* A dialog's line of keys, named from the table: pairs of an action (as int) and its label,
 * ended by ACT_NONE, each written as its first key, sep, the label, and joined by gap:
 * (": ", "   ", ACT_ENTER, "đồng ý", ACT_BACK, "không", ACT_NONE) gives
 * "Enter: đồng ý   Esc: không". */
void action_key_line(char *out, size_t size, const char *sep, const char *gap, ...);
/* The action of a key read by tui_getkey (its result r and the key or character). */
enum action action_of(int r, wint_t ch);
/* What a typed character means to a yes/no question: 1 yes (c, y, d: có, yes, đúng), 0 no
 * (k, n: không, no), -1 neither. */
int key_yes_no(wint_t ch);

#endif
