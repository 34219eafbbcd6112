#!/bin/sh
# template-move.sh: a newer form on the clerk's screens, at 80×24 and 100×30: the home screen
# says a new form is there, F8 shows the plan (kept, dropped with its text, new) before the
# clerk's word, Esc leaves the draft as it was, Enter moves it; the dropped values stay readable
# on their own screen and one is copied into a field. The database is read after each step.
# Usage: sh tests/tui/template-move.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
#
# Version 2 reaches the data folder through the test builds' $XHHT_TEST_TEMPLATE (a template
# file taken as one more built-in one; docs/template-format.md).
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"
V2="$PWD/tests/templates/bao-cao-nam-2-move.json"
UI_NEW_FORM="Có mẫu báo cáo mới (phiên bản 2): chuyển bản nháp sang mẫu mới (F8)."
UI_PLAN_TITLE="Chuyển bản nháp năm 2024 sang mẫu mới (phiên bản 2)"
UI_KEPT_TITLE="Giá trị đã bỏ khi chuyển mẫu — báo cáo năm 2024"
HIEU_QUA_1="Áp dụng tại 27/32 khoa lâm sàng; số sự cố y khoa do thực hiện sai quy trình giảm 18%"

# draft_then_v2 NAME: a data folder $T/NAME/data holding the sample report of 2024 on version 1
# of the form, then version 2 installed (a write with $XHHT_TEST_TEMPLATE: 2025 started on it).
draft_then_v2() {
	mkdir -p "$T/$1"
	if "$XHHT" --data "$T/$1/data" load 2024 "$SAMPLE" >"$OUT" 2>"$ERR" </dev/null &&
		XHHT_TEST_TEMPLATE="$V2" "$XHHT" --data "$T/$1/data" new 2025 >"$OUT" 2>"$ERR" </dev/null; then ok; else
		bad "$1: xhht load, new: $(excerpt "$ERR")"
	fi
}

# --- 80×24: told, the plan, later, then moved; a kept value copied into a field ----------------
begin move-80
draft_then_v2 move-80-data
W=80 H=24 TUI_DATA="$T/move-80-data/data" tui_start move-80
see "$UI_NEW_FORM" home-says-new-form
see "F8 Mẫu mới" home-hint-f8
keys F8
see "$UI_PLAN_TITLE" plan-opens
see "Bản nháp đang theo phiên bản 1." plan-says-version
see "Giữ nguyên:" plan-kept-heading
see "Enter Chuyển" plan-hint-move
see "Esc Để sau" plan-hint-later
# The last row of the page ends its own item: the next one is never joined on after it.
screen
if grep -qE '[^ ]   [^ ].*…$' "$SCR"; then bad "plan-last-row: two items on one row"; show; else ok; fi
keys End
see "Số lượt học trực tuyến" plan-new-required-field
see "Cờ thi đua của Bộ Y tế" plan-dropped-choice
see "Giá trị không còn chỗ trong mẫu mới (4)" plan-dropped-count
keys PageUp
see "Bỏ khỏi mẫu mới:" plan-dropped-heading
# Later: nothing changes.
keys Escape
see "$UI_NEW_FORM" later-home-still-says
db_see '"template_version": 1,' later-draft-unchanged
keys F8
see "$UI_PLAN_TITLE" plan-again
keys Enter
see "$UI_KEPT_TITLE" moved-shows-kept
see "Đã chuyển sang mẫu phiên bản 2; giữ lại 4 giá trị bị bỏ." moved-says
db_see '"template_version": 2,' moved-in-database
db_see '"chi_dao.ket_qua": "Đảng ủy Bệnh viện ban hành Nghị quyết chuyên đề' moved-text-kept
db_see '"chung.tong_so_nguoi": "1260",' moved-figure-as-text
see "Số hoạt động tiếp cận kinh nghiệm quốc tế" kept-first-listed
see "[thi_dua.hoat_dong_quoc_te] — phiên bản 1 → 2" kept-reason
keys Down
see "[thi_dua.mo_hinh[1].hieu_qua] — phiên bản 1 → 2" kept-cell-chosen
see "Áp dụng tại 27/32 khoa lâm sàng; số sự cố y khoa do thực hiện sai quy" kept-cell-text
see "trình giảm 18% so với năm 2023." kept-cell-text-whole
keys Enter
see "Chép vào mục nào?" copy-asks-field
typ "kien khac"
keys Enter
see "Ý kiến khác · " copy-finds-field
keys Enter
see "Đã chép vào “Ý kiến khác”." copy-says
# Into a text, with the label the value had: a bare value would mean nothing in the report.
db_see "\"kien_nghi.y_kien_khac\": \"Mô hình hay, cách làm sáng tạo — Hiệu quả, khả năng nhân rộng, dòng 1: $HIEU_QUA_1" copy-in-database
keys Escape
see "Báo cáo năm 2024:" back-home
notsee "Có mẫu báo cáo mới" home-quiet-after-move
see "F8 Mẫu mới" home-hint-kept-values
keys F8
see "$UI_KEPT_TITLE" home-f8-shows-kept
quit_with F10 move-80-quit
end

# --- 100×30: the plan's dropped texts whole, the move, the kept values read again ---------------
begin move-100
draft_then_v2 move-100-data
W=100 H=30 TUI_DATA="$T/move-100-data/data" tui_start move-100
see "$UI_NEW_FORM" wide-home-says
keys Right
see "2024 [2025]" wide-2025-chosen
notsee "Có mẫu báo cáo mới" wide-2025-on-newest
keys Left
keys F8
see "$UI_PLAN_TITLE" wide-plan
keys End
see "Mục mới bắt buộc:" wide-plan-new-required
see "Ghi nhận hơn 9.400 lượt đăng nhập học tập; dự kiến nhân rộng cho các khoa cận lâm sàng năm" wide-plan-dropped-text
see "[khen_thuong.de_nghi[1].hinh_thuc]" wide-plan-dropped-path
see "Cờ thi đua của Bộ Y tế" wide-plan-dropped-choice
keys Enter
see "$UI_KEPT_TITLE" wide-moved
db_see '"template_version": 2,' wide-moved-in-database
if "$XHHT" --data "$D" check 2024 >"$T/check.txt" 2>&1 </dev/null; then bad "wide-check: the moved draft passed"; else ok; fi
has "$T/check.txt" "dao_tao.luot_truc_tuyen: chưa điền “Số lượt học trực tuyến” (bắt buộc)" wide-check-new-required
quit_with F10 move-100-quit
end

tui_end
