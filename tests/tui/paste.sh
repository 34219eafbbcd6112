#!/bin/sh
# paste.sh: a paste is text, never keys: bracketed pastes into one-line fields, long
# texts, table cells and dialogs, up to a million characters, cut at each field's limit.
# Usage: sh tests/tui/paste.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

# --- 13. a paste is text, never keys ---------------------------------------------------------
# A million characters (1.2 MB) in ten-character pieces "Hòa bình; ".
yes 'Hòa bình;' | head -n 100000 | tr '\n' ' ' >"$T/paste-1mb"
# pieces N: N pieces, the last one without its space (a one-line field drops trailing blanks).
pieces() { printf 'Hòa bình; %.0s' $(seq 2 "$1"); printf 'Hòa bình;'; }
# Line ends, a tab, Ctrl-Q, an arrow, F10, F1 and a second start marker inside a paste: text
# only, never keys; the typing method (Telex here) leaves "Hoaf", "dd", "ww" as they are.
printf 'Nguyễn Văn\nHoaf\tdd\021 ww \033[Bxong \033[21~\033OP\033[200~cuối\r\n' >"$T/paste-keys"

begin paste-line
tui_start paste-line edit 2024 chung.nguoi_ky
see "Người ký (Thủ trưởng đơn vị)" paste-line-start
paste_in "$T/paste-keys"
see "Nguyễn Văn Hoaf dd ww xong cuối" paste-line-shown
must "paste: xhht still runs after Ctrl-Q and F10 inside a paste" alive
notsee "$UI_HELP_KEYS" paste-line-no-help
keys Tab
db_see '"chung.nguoi_ky": "Nguyễn Văn Hoaf dd ww xong cuối"' paste-line-stored
# A million characters into a one-line field of at most 200: in one block (one character at a
# time it took minutes), cut at the limit, and said.
see "Chức vụ người ký" paste-line-next-field
typ "Phos "
paste_in "$T/paste-1mb"
see "$(ui_paste_cut 200)" paste-line-big-notice
must "paste: xhht still runs after a paste of 1 MB" alive
keys Tab
db_see "\"chung.chuc_vu_nguoi_ky\": \"Phó $(printf 'Hòa bình; %.0s' $(seq 1 19))Hòa bì\"" paste-line-big-cut
# A number field keeps what a number takes, as when typed.
keys Tab Tab Tab
see "Tổng số CBCCVC" paste-line-number-field
printf '1.250.000 người\n' >"$T/paste-number"
paste_in "$T/paste-number"
keys Tab
db_see '"chung.tong_so_nguoi": 1250000' paste-line-number-stored
quit_with F10 paste-line-quit
end

# A long text keeps the paste's line ends (its tabs become spaces), and takes a million
# characters at once, cut at its limit.
begin paste-longtext
tui_start paste-longtext edit 2024 kien_nghi.kho_khan
see "$UI_LONGTEXT_EMPTY" paste-lt-start
keys Enter
see "$UI_LONGTEXT_EDITOR" paste-lt-editor
typ "Khos khawn"
see "Khó khăn" paste-lt-typed
printf ': thiếu\nnguoiwf\tdạy\n\nHết\021\033[21~.' >"$T/paste-lines"
paste_in "$T/paste-lines"
see "Hết." paste-lt-shown
must "paste: xhht still runs after Ctrl-Q and F10 in a long text's paste" alive
esc
see "$UI_TELEX" paste-lt-back
db_see '"kien_nghi.kho_khan": "Khó khăn: thiếu\nnguoiwf dạy\n\nHết."' paste-lt-newlines-kept
keys Tab
see "Đề xuất, kiến nghị" paste-lt-next-field
keys Enter
see "$UI_LONGTEXT_EDITOR" paste-lt-editor-2
paste_in "$T/paste-1mb"
see "$(ui_paste_cut 8000)" paste-lt-big-notice
see "8000/8000 ký tự" paste-lt-big-count
must "paste: xhht still runs after a paste of 1 MB into a long text" alive
esc
see "$UI_TELEX" paste-lt-back-2
# 8000 characters kept, less the trailing blank a long text drops when stored.
json
must "paste: the long text holds the first 8000 characters pasted" \
	grep -qF "\"kien_nghi.de_xuat\": \"$(pieces 800)\"" "$T/json"
quit_with F10 paste-lt-quit
end

# A table's cell, and the dialogs: the passphrase box takes a million characters at once and
# stays open (the paste's Esc once cancelled it, and the rest went to the screen below).
begin paste-table
tui_start paste-table edit 2024 khen_thuong.de_nghi
see "$UI_TABLE_FIELD_EMPTY" paste-table-field
keys Enter
see "$UI_TABLE_EMPTY" paste-table-empty
keys IC
see "Dòng 1" paste-table-row
keys Tab
see "Tên tập thể hoặc họ tên cá nhân" paste-table-cell
paste_in "$T/paste-1mb"
see "$(ui_paste_cut 200)" paste-table-big-notice
keys Tab
db_see "\"ten\": \"$(pieces 20)\"" paste-table-cut
quit_with F10 paste-table-quit
end
begin paste-dialog
tui_start paste-dialog
wait_for "$UI_DEADLINE" >/dev/null
# On the home screen a paste is nothing: its "8" and Enter open no menu item.
printf '8\r' >"$T/paste-menu"
paste_in "$T/paste-menu"
choose "$UI_MENU_SETTINGS" paste-dialog-menu
keys Enter
see "$UI_SETTINGS_OPEN" paste-dialog-settings
# A place name pasted with line ends: one line, the Enter inside not taken as Enter.
choose "$UI_PLACE_ITEM (chưa đặt)" paste-dialog-place-item
keys Enter
see "$UI_PLACE_PROMPT" paste-dialog-place
printf 'Haf\nNooji\r' >"$T/paste-place"
paste_in "$T/paste-place"
see "Haf Nooji" paste-dialog-place-pasted
see "$UI_PLACE_PROMPT" paste-dialog-place-still-open
keys BSpace Enter
see "$UI_PLACE_ITEM Haf Nooji" paste-dialog-place-kept
# The passphrase box takes a million characters at once, cut, and stays open.
choose "$UI_PASS_ITEM" paste-dialog-passphrase-item
keys Enter
see "$UI_PASS_CURRENT" paste-dialog-passphrase
paste_in "$T/paste-1mb"
see "$(ui_paste_cut 1000)" paste-dialog-passphrase-notice
see "**********" paste-dialog-passphrase-stars
see "$UI_PASS_CURRENT" paste-dialog-passphrase-still-open
esc
wait_gone "$UI_PASS_CURRENT" >/dev/null
see "$UI_SETTINGS_OPEN" paste-dialog-settings-unchanged
quit_with F10 paste-dialog-quit
end

tui_end
