#!/bin/sh
# find.sh: finding a field by its label or id (Ctrl-F) at 80×24: typed without diacritics, the
# matching fields listed with their section, Enter goes to the one chosen and what is typed
# there is stored in that field; no match says so; from the home screen too.
# Usage: sh tests/tui/find.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

UI_FIND_PROMPT="Tìm mục: gõ vài chữ"
UI_FIND_LIST="Các mục khớp với"

# --- in the editor: "nguoi ky" finds "Người ký", Enter goes there --------------------------------
begin find-editor
W=80 H=24
tui_start find-editor edit 2024
see "Thông tin chung" find-editor-open
see "Ctrl-F Tìm mục" find-status-bar
keys C-f
see "$UI_FIND_PROMPT" find-prompt
typ "nguoi ky"
keys Enter
see "$UI_FIND_LIST \"nguoi ky\"" find-chooser
see "Người ký (Thủ trưởng đơn vị) · Thông tin chung" find-chooser-label
see "Chức vụ người ký · Thông tin chung" find-chooser-second
hl_is "Người ký (Thủ trưởng đơn vị) · Thông tin chung" find-chooser-first
keys Enter
wait_gone "$UI_FIND_LIST" >/dev/null
notsee "$UI_FIND_LIST" find-chooser-closed
# The field chosen is the one being edited: what is typed goes into it.
typ "Nguyeenx Vawn Ans"
see "Nguyễn Văn Án" find-field-typed
keys Tab
db_see '"chung.nguoi_ky": "Nguyễn Văn Án"' find-field-stored
# An id, and a field of another section: the editor moves to that section.
keys C-f
see "$UI_FIND_PROMPT" find-prompt-2
typ "tong_so_nguoi"
keys Enter
see "Tổng số CBCCVC, người lao động của đơn vị · Thông tin chung" find-by-id
keys Enter
wait_gone "$UI_FIND_LIST" >/dev/null
typ "1260"
keys Tab
db_see '"chung.tong_so_nguoi": 1260' find-id-stored
keys C-f
see "$UI_FIND_PROMPT" find-prompt-3
typ "luot tham gia"
keys Enter
see "Số lượt người tham gia · Tuyên truyền" find-other-section
keys Enter
wait_gone "$UI_FIND_LIST" >/dev/null
typ "2430"
keys Tab
db_see '"tuyen_truyen.luot_tham_gia": 2430' find-other-section-stored
# No match: said, and the editor stays as it was.
keys C-f
see "$UI_FIND_PROMPT" find-prompt-4
typ "xyz khong co"
keys Enter
see "Không có mục nào khớp với \"xyz khong co\"" find-no-match
notsee "$UI_FIND_LIST" find-no-match-no-list
# Many matches: as many as the screen shows, and the title says how to narrow them; Esc leaves
# the editor where it was.
keys C-f
see "$UI_FIND_PROMPT" find-prompt-5
typ "so"
keys Enter
see "16 mục đầu khớp với \"so\" (gõ thêm chữ để thu hẹp)" find-many
esc
wait_gone "mục đầu khớp" >/dev/null
notsee "mục đầu khớp" find-many-closed
quit_with F10 find-editor-quit
end

# --- from the home screen: the year's editor opens on the field found -------------------------
begin find-home
W=80 H=24
tui_start find-home
see "$UI_DEADLINE" find-home-open
keys C-f
see "$UI_FIND_PROMPT" find-home-prompt
typ "dien thoai"
keys Enter
see "Điện thoại liên hệ · Thông tin chung" find-home-chooser
keys Enter
wait_gone "$UI_FIND_LIST" >/dev/null
see "Báo cáo năm 2024" find-home-editor
typ "0235 3812 456"
keys Tab
db_see '"chung.dien_thoai": "0235 3812 456"' find-home-stored
quit_with F10 find-home-quit
end

tui_end
