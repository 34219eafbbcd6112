#!/bin/sh
# resize.sh: the full-screen xhht resized at every screen, too small and back, in tmux;
# keys while too small are not taken.
# Usage: sh tests/tui/resize.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

# --- 5. resize at every screen; too small ----------------------------------------------------
begin resize
tui_start resize
see "$UI_DEADLINE" resize-start
resize_check home "$UI_DEADLINE"
# Tiny sizes, once.
for sz in "1 1" "2 30" "200 2" "79 24" "80 23"; do
	set -- $sz
	$S resize-window -t 0 -x "$1" -y "$2"
	sleep 0.1
done
$S resize-window -t 0 -x 100 -y 30
see "$UI_DEADLINE" resize-tiny-back
open_editor
see "$UI_TELEX" resize-editor
resize_check sections "Thông tin chung"
keys Enter
see "Ngày báo cáo" resize-fields
typ "ab"
# Shown before the screen gets too small, where keys are not taken (the status bar's "Tab" holds
# "ab" too: the field's line ends with it).
line_ends() { screen; grep -q -- "$1\$" "$SCR"; }
must "resize: the typed value is shown before resizing" poll "$TMO" 0.05 line_ends " ab"
resize_check fields "Ngày báo cáo"
# Keys while too small are not taken; the half-typed value is kept.
$S resize-window -t 0 -x 79 -y 23
see "$UI_TOO_SMALL" resize-small-again
typ "zz"
$S resize-window -t 0 -x 100 -y 30
see "Ngày báo cáo" resize-fields-back
keys Tab
db_see '"chung.so_van_ban": "ab"' resize-value-kept
keys F1
see "$UI_HELP_KEYS" resize-help
resize_check help "$UI_HELP_KEYS"
esc
see "$UI_TELEX" resize-help-back
keys F2
see "Kiểm tra báo cáo" resize-check
resize_check check "Kiểm tra báo cáo"
esc
see "$UI_TELEX" resize-check-back
keys NPage Tab Tab Enter
see "0/8000" resize-longtext
typ "Mootj hai ba"
see "Một hai ba" resize-longtext-typed
resize_check longtext "Một hai ba"
esc
see "$UI_TELEX" resize-longtext-back
keys NPage NPage NPage NPage NPage NPage
see "Số tập thể được đơn vị khen thưởng" resize-khen-thuong
keys Tab Tab Enter
see "$UI_TABLE_EMPTY" resize-table
resize_check table "$UI_TABLE_EMPTY"
keys IC
see "Dòng 1" resize-row
resize_check row "Dòng 1"
keys Enter
see "$UI_CHOICE_EMPTY" resize-dialog
resize_check dialog "$UI_CHOICE_EMPTY"
for sz in "1 1" "5 3" "9 30" "100 4"; do
	set -- $sz
	$S resize-window -t 0 -x "$1" -y "$2"
	sleep 0.1
done
$S resize-window -t 0 -x 100 -y 30
see "$UI_CHOICE_EMPTY" resize-dialog-tiny-back
alive && ok || bad "resize: xhht is gone after tiny sizes with a dialog open"
esc
wait_gone "$UI_CHOICE_EMPTY" >/dev/null
esc
see "1. " resize-row-listed
quit_with F10 resize-quit
db_see '"chi_dao.ket_qua": "Một hai ba"' resize-longtext-stored
end

tui_end
