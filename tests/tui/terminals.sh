#!/bin/sh
# terminals.sh: terminals without Vietnamese (LANG=C, TERM=vt100, TERM=linux): the
# screens folded to ASCII, the data stored with its diacritics; the home screen in English.
# Usage: sh tests/tui/terminals.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

# --- 6. terminals without Vietnamese: LANG=C, TERM=vt100, TERM=linux -------------------------
begin lang-c
TUI_LANG=C tui_start lang-c
see "$UI_ASCII_UNENROLLED" langc-home-folded
see "$UI_DEADLINE" langc-deadline
see "$UI_ASCII_NOTICE" langc-notice
ascii_screen langc-home-ascii
no_question_marks langc-home-no-qmarks
open_editor
see "$UI_ASCII_TELEX" langc-editor
keys Enter Tab Tab
see "Nguoi ky" langc-fields
typ "Nguyeenx Thij Hoaf"
see "Nguyen Thi Hoa" langc-typed-folded
keys Tab
db_see '"chung.nguoi_ky": "Nguyễn Thị Hòa"' langc-stored-with-diacritics
keys C-t
see "go: VNI" langc-vni
typ "Vie65t Nam"
see "Viet Nam" langc-vni-folded
keys Tab
db_see '"chung.chuc_vu_nguoi_ky": "Việt Nam"' langc-vni-stored
ascii_screen langc-editor-ascii
no_question_marks langc-editor-no-qmarks
keys F1
see "Cac phim" langc-help
ascii_screen langc-help-ascii
no_question_marks langc-help-no-qmarks
must "help screen: key descriptions aligned by columns" \
	help_aligned
esc
see "go: VNI" langc-help-back
# Already composed input (a UTF-8 terminal, an input method on the client side) under LANG=C.
keys C-t C-t
typ "Hà Nội"
sleep 0.4
keys Tab
must "LANG=C: composed UTF-8 input 'Hà Nội' is stored whole" \
	db_wait '"chung.nguoi_lap": "Hà Nội"' 2
NOALT=1 quit_with C-q langc-quit
end

begin vt100
TUI_TERM=vt100 tui_start vt100
see "$UI_ASCII_UNENROLLED" vt100-home-folded
see "$UI_ASCII_NOTICE" vt100-notice
ascii_screen vt100-home-ascii
open_editor
see "$UI_ASCII_TELEX" vt100-editor
keys Enter Tab Tab
see "Nguoi ky" vt100-fields
typ "Traanf Quoocs Khanhs"
see "Tran Quoc Khanh" vt100-typed-folded
keys Tab
db_see '"chung.nguoi_ky": "Trần Quốc Khánh"' vt100-stored
ascii_screen vt100-editor-ascii
keys C-k
see "Kiem tra bao cao" vt100-ctrl-k-check
ascii_screen vt100-check-ascii
no_question_marks vt100-check-no-qmarks
esc
see "$UI_ASCII_TELEX" vt100-check-back
NOALT=1 quit_with C-q vt100-quit
end

begin linux
TUI_TERM=linux tui_start linux
see "$UI_ASCII_UNENROLLED" linux-home-folded
ascii_screen linux-home-ascii
NOALT=1 quit_with C-q linux-quit
end

begin lang-en
tui_start lang-en --lang en
see "Unit: not enrolled with the Ministry" en-home-unit
see "When it arrives (by e-mail or on a USB stick), choose item 7 to open it." en-home-how
see "The 2024 report is due 05/12/2024 — 15 days left." en-home-deadline
see "1. Write the report" en-home-menu
hl_is "7. Open the Ministry's enrollment file" en-home-first-item
see "F1 Help  F10 Quit" en-home-keys
notsee "Soạn báo cáo" en-home-no-vietnamese
quit_with F10 en-quit
end

tui_end
