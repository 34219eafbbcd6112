#!/bin/sh
# editor.sh: the report editor in tmux: first start, fields, Telex and VNI, the check
# screen, help, long text, xhht edit YEAR FIELD, notes under a field, two Escs at once.
# Usage: sh tests/tui/editor.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

# --- 1. first start, the report editor, typing, check, quit ------------------------------
begin start
tui_start start
see "$UI_UNENROLLED" home-unenrolled
see "05/12/2024 — còn 15 ngày" home-deadline
open_editor
see "$UI_TELEX" editor-title
see "Thông tin chung" editor-sections
keys Enter
see "Số hiệu văn bản báo cáo" editor-fields
# Date, forgiving entry.
keys Tab
typ "1/12/24"
see "1/12/24" date-typed
keys Tab
db_see '"chung.ngay_bao_cao": "2024-12-01"' date-stored
see "01/12/2024" date-shown
# Telex.
typ "Nguyeenx Thij Hoaf"
see "Nguyễn Thị Hòa" telex-screen
keys Tab
db_see '"chung.nguoi_ky": "Nguyễn Thị Hòa"' telex-stored
# VNI, and the title bar says so.
keys C-t
see "$UI_VNI" vni-title
typ "Vie65t Nam"
see "Việt Nam" vni-screen
keys Tab
db_see '"chung.chuc_vu_nguoi_ky": "Việt Nam"' vni-stored
keys C-t
see "gõ: tắt" ime-off-title
keys C-t
see "$UI_TELEX" ime-telex-again
# A number refuses letters, and is shown with dots once left.
keys Tab Tab Tab
typ "12a5b0x0c00"
see "1250000" number-refuses-letters
keys BTab
see "1.250.000" number-shown-with-dots
db_see '"chung.tong_so_nguoi": 1250000' number-stored
# Yes/no with Space (next section: PgDn).
keys NPage
see "[  ]" yesno-empty
keys Space
see "[Có]" yesno-yes
db_see '"chi_dao.co_ke_hoach": true' yesno-yes-stored
keys Space
see "[Không]" yesno-no
db_see '"chi_dao.co_ke_hoach": false' yesno-no-stored
keys Space
see "[Có]" yesno-yes-again
# F2: the check screen, its errors; Enter goes to the field of the chosen line: the date,
# after today, is the first error; fixed there, the next check starts with the missing name.
keys F2
see "$UI_CHECK_TITLE" check-title
see "LỖI" check-errors
screen
first=$(grep -m 1 "LỖI" "$SCR")
case "$first" in *"Ngày báo cáo"*"ở sau ngày hôm nay"*) ok ;; *) bad "check: first finding is not the date after today: $first" ;; esac
# Below the list, the chosen finding whole (a list line is cut at the edge).
see "Lỗi:  [Thông tin chung]" check-detail
keys End
screen
last=$(grep "LỖI\|cảnh báo" "$SCR" | tail -n 1 | sed 's/^ *//')
detail=$(sed -n '/^ *Lỗi:  \[\|^ *Cảnh báo:  \[/,$p' "$SCR" | tr -d '\n' | tr -s ' ')
case "$detail" in *"$(echo "$last" | sed 's/^LỖI *//; s/^cảnh báo *//' | cut -c1-40)"*) ok ;;
*) bad "check: the detail is not the chosen finding: $detail / $last" ;; esac
keys Home
see "Lỗi:  [Thông tin chung] “Ngày báo cáo”" check-detail-first
keys Enter
see "$UI_TELEX" check-jump-back
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
typ "18/11/2024"
see "18/11/2024" check-jump-typed
keys Tab
db_see '"chung.ngay_bao_cao": "2024-11-18"' check-jump-lands-on-date
keys F2
see "$UI_CHECK_TITLE" check-again
screen
first=$(grep -m 1 "LỖI" "$SCR")
case "$first" in *"Người lập báo cáo"*) ok ;; *) bad "check: first finding is not the missing \"Người lập báo cáo\": $first" ;; esac
keys Enter
see "$UI_TELEX" check-jump-back-2
typ "Lee Vawn An"
see "Lê Văn An" check-jump-typed-2
keys Tab
db_see '"chung.nguoi_lap": "Lê Văn An"' check-jump-lands-on-name
# F1: the help for the focused field, then back.
keys F1
see "Điện thoại liên hệ" help-of-field
see "$UI_HELP_KEYS" help-keys
esc
see "$UI_TELEX" help-back
# The status bar at 80×24 names the way out.
# (Polled: the screen may still be the 100-column one for a moment after the resize.)
$S resize-window -t 0 -x 80 -y 24
bar_names_f10() { screen && [ "$(wc -l <"$SCR")" -eq 24 ] && tail -n 1 "$SCR" | grep -qF F10; }
poll "$TMO" 0.05 bar_names_f10 && ok || bad "report editor status bar does not show F10 (Quit) at 80×24: $(tail -n 1 "$SCR")"
$S resize-window -t 0 -x 100 -y 30
quit_with F10 quit-f10
expect_db 1 check-after-quit check 2024
expect_db 0 status-after-quit status
has "$OUT" "đã điền 6/30 mục bắt buộc" status-filled-count
end

# --- 2. long text ----------------------------------------------------------------------------
begin longtext
tui_start longtext edit 2024 chi_dao.ket_qua
see "$UI_LONGTEXT_EMPTY" longtext-empty
keys Enter
see "$UI_LONGTEXT_EDITOR" longtext-editor
typ "Dongf mootj"
keys Enter
typ "Dongf hai"
keys Enter
typ "Dongf ba"
see "Dòng ba" longtext-typed
# Up, then End (as an xterm sends it in keypad mode), then more text at the end of line 2;
# Down, Home, a dash at the start of line 3.
keys Up
keys -H 1b 4f 46
typ " nuwax"
see "Dòng hai nữa" longtext-up-end
keys Down
keys -H 1b 4f 48
typ "- "
see "- Dòng ba" longtext-down-home
esc
see "$UI_TELEX" longtext-esc-back
db_see '"chi_dao.ket_qua": "Dòng một\nDòng hai nữa\n- Dòng ba"' longtext-newlines-stored
# A pasted paragraph (already composed) arrives as it is.
keys Tab Tab Tab
see "Hình thức, nội dung, kết quả tuyên truyền" longtext-next-field
keys Enter
see "$UI_LONGTEXT_EDITOR" longtext-editor-2
PASTE='Tổ chức 6 buổi nói chuyện chuyên đề "Học tập suốt đời trong ngành y", đăng 12 tin bài trên trang thông tin điện tử; treo băng rôn, áp phích tại các khu điều trị.'
$S set-buffer -b p -- "$PASTE"
$S paste-buffer -b p -t 0
see "các khu điều trị." longtext-paste-shown
esc
see "$UI_TELEX" longtext-paste-back
db_see "\"tuyen_truyen.ket_qua\": \"$(printf '%s' "$PASTE" | sed 's/"/\\"/g')\"" longtext-paste-stored
quit_with F10 longtext-quit
end

# --- 4. xhht edit YEAR FIELD ------------------------------------------------------------------
begin edit-field
tui_start edit-field edit 2024 dao_tao.luot_hoc
see "Số lượt người được đào tạo, bồi dưỡng" edit-field-shown
see "$UI_TELEX" edit-field-editor
typ "345"
see "345" edit-field-typed
keys Tab
db_see '"dao_tao.luot_hoc": 345' edit-field-lands
keys BTab F1
see "một người học nhiều khóa được tính nhiều lượt" edit-field-help
esc
quit_with C-q edit-field-quit-ctrl-q
end
begin edit-unknown
tui_start edit-unknown edit 2024 khong.co_muc_nay
see 'không có mục "khong.co_muc_nay"' edit-unknown-field
quit_with F10 edit-unknown-quit
end

# What the check says under a field is wrapped, not cut at the edge of a narrow screen.
begin notes-wrap
W=80 H=24 tui_start notes-wrap edit 2024 chung.dien_thoai
see "Điện thoại liên hệ" notes-wrap-start
typ "12"
keys Tab
keys BTab
see "“Điện thoại liên hệ” chỉ gồm chữ số" notes-wrap-first-line
see "“12”)" notes-wrap-last-line
quit_with F10 notes-wrap-quit
end

# Two Esc keys that reach the program at once (a busy machine, a fast hand) are two Escs, not
# one escape sequence to drop: back two screens; a letter right after Esc is typed too.
begin esc-esc
tui_start esc-esc edit 2024 chung.nguoi_lap
see "Người lập báo cáo" esc-esc-editor
keys Escape Escape
see "$UI_MENU_ENROLL" esc-esc-home
quit_with F10 esc-esc-quit
end

tui_end
