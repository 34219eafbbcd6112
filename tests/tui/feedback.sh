#!/bin/sh
# feedback.sh: what a field tells the clerk at once, at 80×24: why a key was refused, the
# engine's error as the field is left (and gone once fixed), what a field expects before the
# clerk errs, Space and Delete named on a yes/no or choice field, a box emptied again (NULL
# stored), rows added from a row's form.
# Usage: sh tests/tui/feedback.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

# The status bar's words for the keys of a yes/no or choice field (actions.h).
UI_HINT_SPACE="Space Đổi"
UI_HINT_DELETE="Delete Xóa"
UI_DIGITS_ONLY="Ô này chỉ nhận chữ số"
UI_EMPTIED="Đã để trống"

# db_lacks TEXT WHAT: the exported report comes not to hold TEXT (a value emptied: NULL is left
# out of the export), and the export itself worked.
db_lacks() {
	if poll "$TMO" 0.1 json_lacks "$1"; then ok; else
		bad "$2: the database still holds $1 ($(excerpt "$T/json.err"))"
		grep -F "$(printf '%s' "$1" | cut -d: -f1)" "$T/json" | head -n 3 >&2
	fi
}
json_lacks() { json && grep -q '"values"' "$T/json" && ! grep -qF -- "$1" "$T/json"; }
# said TEXT WHAT: the message line (above the status bar) comes to show TEXT.
said() {
	if poll "$TMO" 0.05 message_shows "$1"; then ok; else
		bad "$2: the message line does not show \"$1\""
		show
	fi
}
# dim TEXT WHAT: TEXT is drawn dim (a placeholder, not a value).
dim() {
	esc=$(printf '\033')
	if $S capture-pane -p -e -t 0 | grep -aqE "${esc}\[(2|2;[0-9;]*)m$1"; then ok; else
		bad "$2: \"$1\" is not drawn dim"
		screen
		show
	fi
}
# The message is wrapped upwards from the line above the status bar: the texts looked for here
# take at most its last two rows, joined again as one line.
message_shows() {
	screen
	sed -n "$((H - 2)),$((H - 1))p" "$SCR" | sed 's/^ *//; s/ *$//' | paste -sd ' ' |
		grep -qF -- "$1"
}

# editor_80x24 NAME: test NAME's xhht at 80×24, in the report editor.
editor_80x24() {
	W=80 H=24
	tui_start "$1"
	open_editor
	see "$UI_TELEX" "$1-editor"
}

# --- 6. a number field: letters refused with a reason, -5 refused on leaving, 48 kept ---------
begin number
editor_80x24 number
keys Enter
see "* Ngày báo cáo" number-fields
# What a field expects, dim, in the empty field, before anything is typed.
see "dd/mm/yyyy" number-date-placeholder
dim "dd/mm/yyyy" number-date-placeholder-dim
keys Tab Tab
typ "Lan"
keys Tab
db_see '"chung.nguoi_ky": "Lan"' number-first-value
keys Tab Tab Tab Tab
see "* Tổng số CBCCVC, người lao động của đơn vị" number-field
see "số từ 1 đến 1.000.000.000" number-range-placeholder
dim "số từ 1 đến" number-range-placeholder-dim
typ "a"
said "$UI_DIGITS_ONLY: số từ 1 đến 1.000.000.000" number-letter-why
# Nothing typed: the field still shows what it expects.
see "số từ 1 đến 1.000.000.000" number-letter-not-typed
db_lacks '"chung.tong_so_nguoi"' number-letter-not-stored
# Pasted letters too: left out, and said why.
keys Home
wait_gone "$UI_DIGITS_ONLY" >/dev/null
printf 'abc' >"$T/letters"
paste_in "$T/letters"
said "$UI_DIGITS_ONLY" number-paste-why
see "số từ 1 đến 1.000.000.000" number-paste-not-typed
typ "-5"
keys Tab
said "phải từ 1 đến 1.000.000.000 (đang" number-minus-error-on-leaving
# The engine refuses it as loading would: not stored, and the clerk is still on the field.
db_lacks '"chung.tong_so_nguoi"' number-minus-not-stored
see "* Tổng số CBCCVC, người lao động của đơn vị" number-minus-stays
keys BSpace BSpace
typ "48"
wait_gone "(đang là -5)" >/dev/null
notsee "(đang là -" number-fixed-error-gone
keys Tab
db_see '"chung.tong_so_nguoi": 48' number-fixed-stored
see "Đơn vị đã ban hành kế hoạch cụ thể" number-next-section
notsee "phải từ 1 đến" number-no-error-after
quit_with F10 number-quit
end

# --- 6. a finding of a stored value: said on leaving, gone while the field is fixed -----------
begin finding
editor_80x24 finding
keys Enter
see "8 đến 15 chữ số, ví dụ 024 3869 3731" finding-phone-placeholder
keys Tab Tab Tab Tab Tab
typ "12"
keys Tab
db_see '"chung.dien_thoai": "12"' finding-stored
said "“Điện thoại liên hệ” chỉ gồm chữ số" finding-said-on-leaving
keys BTab
see "có từ 8 đến 15 chữ số (đang là" finding-note-on-return
typ "3 4567 890"
wait_gone "có từ 8 đến 15 chữ số (đang là" >/dev/null
notsee "(đang là" finding-gone-while-fixed
keys Tab
db_see '"chung.dien_thoai": "123 4567 890"' finding-fixed-stored
notsee "chữ số, dấu cách" finding-no-note-after
quit_with F10 finding-quit
end

# --- 6. money: what it expects, in đồng --------------------------------------------------------
begin money
editor_80x24 money
keys Down Down Down Enter
see "Kinh phí đầu tư cho học tập" money-section
see "số tiền (đồng), tối đa 10.000.000.000.000" money-placeholder
dim "số tiền \(đồng\), tối đa" money-placeholder-dim
quit_with F10 money-quit
end

# --- 3. a self-assessment box: Space named, set, emptied again ---------------------------------
begin box
editor_80x24 box
keys Down Down Down Down Down Down Down Down Enter
see "* Tham mưu cơ chế, chính sách" box-section
see "$UI_HINT_SPACE" box-space-hint
see "$UI_HINT_DELETE" box-delete-hint
keys Space
db_see '"tu_danh_gia.tc1": true' box-set
see "[Đạt]" box-shown
keys BSpace
said "$UI_EMPTIED “Tham mưu cơ chế, chính sách”" box-emptied-said
db_lacks '"tu_danh_gia.tc1"' box-emptied-null
keys Space Space
db_see '"tu_danh_gia.tc1": false' box-set-no
keys DC
db_lacks '"tu_danh_gia.tc1"' box-deleted-null
# A text field is typed in: Space is a space there, and the hint goes.
keys Down Down Down Down Down Down
see "Khó khăn, vướng mắc" box-next-section
notsee "$UI_HINT_SPACE" box-no-space-hint-on-text
quit_with F10 box-quit
end

# --- 3. a table row's form: Space on a choice, the choice emptied, rows added from the form -----
begin rowform
editor_80x24 rowform
keys Down Down Down Down Down Down Down Enter
see "Số tập thể được đơn vị khen thưởng trong năm" rowform-section
keys Tab Tab
see "$UI_TABLE_FIELD_EMPTY" rowform-field
keys Enter
see "$UI_TABLE_EMPTY" rowform-empty
keys IC
see "Dòng 1" rowform-row1
see "$UI_HINT_SPACE" rowform-space-hint
keys Space
see "$UI_CHOICE_EMPTY" rowform-space-opens-choices
keys Down Enter
wait_gone "$UI_CHOICE_EMPTY" >/dev/null
db_see '"doi_tuong": "ca_nhan"' rowform-chosen
keys BSpace
said "$UI_EMPTIED “Tập thể / Cá nhân”" rowform-emptied-said
db_lacks '"doi_tuong"' rowform-emptied-null
keys Tab
typ "Nguyeenx Vawn A"
see "Nguyễn Văn A" rowform-typed
# Insert and Ctrl-N in a row's form: the row is kept and a new one opens.
keys IC
see "Dòng 2" rowform-insert
db_see '"ten": "Nguyễn Văn A"' rowform-row1-kept
rows_are khen_thuong.de_nghi 2 rowform-insert-rows
keys C-n
see "Dòng 3" rowform-ctrl-n
rows_are khen_thuong.de_nghi 3 rowform-ctrl-n-rows
quit_with F10 rowform-quit
end

tui_end
