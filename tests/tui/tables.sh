#!/bin/sh
# tables.sh: a table in the report editor, in tmux: rows added, filled (choices in the
# list dialog), deleted and undone, reordered, edited in place.
# Usage: sh tests/tui/tables.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

# --- 3. tables: add, fill (choices in the list dialog), delete, undo, reorder ---------------
begin table
tui_start table
open_editor
see "$UI_TELEX" table-editor
keys Down Down Down Down Down Down Down
keys Enter
see "Số tập thể được đơn vị khen thưởng trong năm" table-section
keys Tab Tab
see "$UI_TABLE_FIELD_EMPTY" table-field
keys Enter
see "$UI_TABLE_EMPTY" table-empty
keys IC
see "Dòng 1" table-insert
keys Enter
see "$UI_CHOICE_EMPTY" table-choice-dialog
keys Down Enter
wait_gone "$UI_CHOICE_EMPTY" >/dev/null
db_see '"doi_tuong": "ca_nhan"' table-choice-chosen
keys Tab
typ "Nguyeenx Vawn A"
see "Nguyễn Văn A" table-name
keys Tab
typ "Bacs six"
see "Bác sĩ" table-position
keys Tab Enter
see "Bằng khen của Bộ Y tế" table-choice2-dialog
keys Down Enter
wait_gone "$UI_CHOICE_EMPTY" >/dev/null
esc
see "1. Cá nhân — Nguyễn Văn A — Bác sĩ — Bằng khen của Bộ Y tế" table-row1-listed
db_see '"hinh_thuc": "bang_khen_byt"' table-row1-choice-stored
db_see '"doi_tuong": "ca_nhan"' table-row1-kind-stored
keys C-n
see "Dòng 2" table-ctrl-n
keys Enter
see "$UI_CHOICE_EMPTY" table-row2-dialog
keys Enter
wait_gone "$UI_CHOICE_EMPTY" >/dev/null
keys Tab
typ "Khoa Nooij"
see "Khoa Nội" table-row2-name
esc
see "2. Tập thể — Khoa Nội" table-row2-listed
keys C-n
see "Dòng 3" table-row3
keys Enter
see "$UI_CHOICE_EMPTY" table-row3-dialog
keys Enter
wait_gone "$UI_CHOICE_EMPTY" >/dev/null
keys Tab
typ "Phongf Toor chuwcs"
see "Phòng Tổ chức" table-row3-name
esc
see "3. Tập thể — Phòng Tổ chức" table-row3-listed
rows_are khen_thuong.de_nghi 3 table-3-rows
db_order table-order "Nguyễn Văn A" "Khoa Nội" "Phòng Tổ chức"
# Delete the last row, undo; delete the first, undo: back where it was.
keys DC
see "Đã xóa dòng 3" table-deleted
rows_are khen_thuong.de_nghi 2 table-2-rows
db_hasnt "Phòng Tổ chức" table-deleted-from-db
keys C-z
see "3. Tập thể — Phòng Tổ chức" table-undo-listed
rows_are khen_thuong.de_nghi 3 table-undo-rows
keys Up Up
keys DC
see "Đã xóa dòng 1" table-deleted-first
see "1. Tập thể — Khoa Nội" table-first-gone
keys C-z
see "1. Cá nhân — Nguyễn Văn A" table-undo-first
db_order table-undo-order "Nguyễn Văn A" "Khoa Nội" "Phòng Tổ chức"
# Reorder: the first row down, then up again.
keys S-Down
see "2. Cá nhân — Nguyễn Văn A" table-move-down
db_order table-moved-down "Khoa Nội" "Nguyễn Văn A" "Phòng Tổ chức"
keys S-Down
see "3. Cá nhân — Nguyễn Văn A" table-move-down-2
db_order table-moved-last "Khoa Nội" "Phòng Tổ chức" "Nguyễn Văn A"
keys S-Up
see "2. Cá nhân — Nguyễn Văn A" table-move-up
db_order table-moved-up "Khoa Nội" "Nguyễn Văn A" "Phòng Tổ chức"
# Edit a row in place.
keys Enter
see "Dòng 2" table-edit-row
keys Tab
typ "nh"
see "Nguyễn Văn Anh" table-edit-typed
esc
see "2. Cá nhân — Nguyễn Văn Anh" table-edit-listed
db_see '"ten": "Nguyễn Văn Anh"' table-edit-stored
esc
see "[3 dòng — Enter để xem, thêm, sửa]" table-back-to-form
quit_with F10 table-quit
rows_are khen_thuong.de_nghi 3 table-rows-after-quit
end

tui_end
