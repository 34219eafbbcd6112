#!/bin/sh
# report.sh: the whole report typed in the full-screen xhht by an enrolled unit (Telex,
# VNI, yes/no, long texts, a table), checked, the planted error fixed; what was typed arrives.
# Usage: sh tests/tui/report.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

# --- the report typed in, checked and fixed: the clerk's path, step 2 ---------------------------
clerk_enrolled
begin clerk-report
clerk clerk-report
see "$UI_HOME_UNIT" report-home
see "Báo cáo năm 2024: $UI_HOME_NO_REPORT" report-home-empty
keys Enter
see "Báo cáo năm 2024 — đã điền 0/30 mục bắt buộc" report-editor
see "$UI_TELEX" report-editor-telex
keys Enter
see "Số hiệu văn bản báo cáo" report-fields
keys Tab
typ "18/11/24"
keys Tab
db_see '"chung.ngay_bao_cao": "2024-11-18"' report-date
typ "Traanf Quoocs Khanhs"
see "Trần Quốc Khánh" report-telex
keys Tab
db_see '"chung.nguoi_ky": "Trần Quốc Khánh"' report-telex-stored
keys C-t
see "$UI_VNI" report-vni
typ "Gia1m d9o6c1"
see "Giám đốc" report-vni-typed
keys Tab
db_see '"chung.chuc_vu_nguoi_ky": "Giám đốc"' report-vni-stored
typ "Vo4 Thi5 Minh Thu7"
see "Võ Thị Minh Thư" report-vni-typed-2
keys Tab
db_see '"chung.nguoi_lap": "Võ Thị Minh Thư"' report-vni-stored-2
keys C-t C-t
see "$UI_TELEX" report-telex-again
typ "0235 3812 456"
keys Tab Tab
db_see '"chung.dien_thoai": "0235 3812 456"' report-phone
typ "1260"
keys Tab
db_see '"chung.tong_so_nguoi": 1260' report-staff
# Past the last field: the next section. Yes/no with Space; a long text in its editor.
see "Đơn vị đã ban hành kế hoạch cụ thể" report-section-2
keys Space
db_see '"chi_dao.co_ke_hoach": true' report-yes
# With a plan, its number and date are required.
keys Tab
typ "Kees hoachj soos 87/KH ngayf 10/6/2024"
see "Kế hoạch số 87/KH ngày 10/6/2024" report-plan-typed
keys Tab
db_see '"chi_dao.van_ban_ke_hoach": "Kế hoạch số 87/KH ngày 10/6/2024"' report-plan-stored
see "$UI_LONGTEXT_EMPTY" report-longtext-field
keys Enter
see "0/8000" report-longtext-editor
typ "Ddangr uyr ban hanhf nghij quyeets chuyeen ddeef."
see "Đảng ủy ban hành nghị quyết chuyên đề." report-longtext-typed
keys Enter
typ "Giao ban hawngf thangs."
see "Giao ban hằng tháng." report-longtext-line-2
esc
see "$UI_TELEX" report-longtext-back
db_see '"chi_dao.ket_qua": "Đảng ủy ban hành nghị quyết chuyên đề.\nGiao ban hằng tháng."' report-longtext-stored
keys Tab
see "Số hoạt động, buổi tuyên truyền đã tổ chức" report-section-3
typ 18
keys Tab
typ 2430
keys Tab
db_see '"tuyen_truyen.luot_tham_gia": 2430' report-participants
# With activities held, what they were is required.
keys Enter
see "0/" report-longtext-2
typ "Nois chuyeenj chuyeen ddeef hangf quys."
see "Nói chuyện chuyên đề hàng quý." report-longtext-2-typed
esc
db_see '"tuyen_truyen.ket_qua": "Nói chuyện chuyên đề hàng quý."' report-longtext-2-stored
keys Tab
see "Số văn bản tham mưu Bộ Y tế" report-section-4
typ 1
keys Tab
typ 4
keys Tab
typ 3450000000
keys Tab Tab
db_see '"nguon_luc.kinh_phi": 3450000000' report-money
see "Có kế hoạch đào tạo, bồi dưỡng cho mọi đối tượng" report-section-5
keys Space Tab
typ 86
keys Tab
typ 5240
keys Tab
typ 1380
keys Tab
# Planted: more foreign-language trainings than trainings in all.
typ 6310
keys Tab
db_see '"dao_tao.luot_ngoai_ngu": 6310' report-planted
see "Số lượt bồi dưỡng ngoại ngữ (6.310) lớn hơn" report-planted-note
keys Tab
see "Số phong trào thi đua" report-section-6
typ 5
keys Tab
typ 37
keys Tab Tab Tab
db_see '"thi_dua.so_sang_kien": 37' report-initiatives
see "Cộng đồng học tập" report-section-7
keys Space Tab
# Recognised: the decision is required.
typ "Quyeets ddinhj soos 112 ngayf 5/9/2024"
see "Quyết định số 112 ngày 5/9/2024" report-decision-typed
keys Tab
typ 812
keys Tab Tab
db_see '"hoc_tap.cong_dan": 812' report-citizens
db_see '"hoc_tap.cong_dong": true' report-community
see "Số tập thể được đơn vị khen thưởng trong năm" report-section-8
typ 14
keys Tab
typ 78
keys Tab
# The nominations: two rows added, kinds and forms from the list dialog, one deleted.
see "$UI_TABLE_FIELD_EMPTY" report-table-field
keys Enter
see "$UI_TABLE_EMPTY" report-table-empty
keys IC
see "Dòng 1" report-row-1
keys Enter
see "$UI_CHOICE_EMPTY" report-row-1-kind-dialog
keys Down Enter
wait_gone "$UI_CHOICE_EMPTY" >/dev/null
db_see '"doi_tuong": "ca_nhan"' report-row-1-kind
keys Tab
typ "Nguyeenx Huwux Phuwowcs"
see "Nguyễn Hữu Phước" report-row-1-name
keys Tab
typ "Truwowngr khoa Caaps cuwus"
see "Trưởng khoa Cấp cứu" report-row-1-position
keys Tab Enter
see "Bằng khen của Bộ Y tế" report-row-1-form-dialog
keys Down Enter
wait_gone "$UI_CHOICE_EMPTY" >/dev/null
db_see '"hinh_thuc": "bang_khen_byt"' report-row-1-form
# The summary of achievements (a long text, required) opens the long-text editor: VNI there.
keys Tab C-t
see "Kiểu gõ: VNI" report-row-1-vni
keys Enter
see "Tóm tắt thành tích — 0/" report-row-1-longtext-editor
typ "Chu3 nhie65m 2 sa1ng kie61n"
see "Chủ nhiệm 2 sáng kiến" report-row-1-achievements
esc
see "Tóm tắt thành tích" report-row-1-back-in-row
see "Chủ nhiệm 2 sáng kiến" report-row-1-achievements-in-row
keys Tab
see "1. Cá nhân — Nguyễn Hữu Phước — Trưởng khoa Cấp cứu — Bằng khen của Bộ Y tế" report-row-1-listed
db_see '"thanh_tich": "Chủ nhiệm 2 sáng kiến"' report-row-1-achievements-stored
keys C-t C-t
see "Kiểu gõ: Telex" report-table-telex
keys IC
see "Dòng 2" report-row-2
keys Enter
see "$UI_CHOICE_EMPTY" report-row-2-kind-dialog
keys Enter
wait_gone "$UI_CHOICE_EMPTY" >/dev/null
keys Tab
typ "Khoa Nooij"
see "Khoa Nội" report-row-2-name
esc
see "2. Tập thể — Khoa Nội" report-row-2-listed
rows_are khen_thuong.de_nghi 2 report-2-rows
keys DC
see "Đã xóa dòng 2" report-row-2-deleted
rows_are khen_thuong.de_nghi 1 report-1-row
db_hasnt "Khoa Nội" report-row-2-gone
db_has '"ten": "Nguyễn Hữu Phước"' report-row-1-kept
esc
see "[1 dòng — Enter để xem, thêm, sửa]" report-table-back
keys Tab
see "Tham mưu cơ chế, chính sách" report-section-9
keys Space Space
db_see '"tu_danh_gia.tc1": false' report-no
for k in 2 3 4 5 6; do
	keys Tab Space
	db_see "\"tu_danh_gia.tc$k\": true" "report-tc$k"
done
keys Tab
see "Khó khăn, vướng mắc" report-section-10
keys Enter
see "0/" report-longtext-vni-editor
keys C-t
see "Kiểu gõ: VNI" report-longtext-vni
typ "Thie61u nha6n lu75c d9ie62u du7o74ng."
see "Thiếu nhân lực điều dưỡng." report-longtext-vni-typed
esc
db_see '"kien_nghi.kho_khan": "Thiếu nhân lực điều dưỡng."' report-longtext-vni-stored
keys C-t C-t
see "đã điền 30/30 mục bắt buộc — 1 lỗi, 0 cảnh báo" report-all-filled
# F2: the planted error, Enter goes to its field; fixed, the check is clean.
keys F2
see "Kiểm tra báo cáo năm 2024 — 1 lỗi, 1 cảnh báo" report-check
# The line is cut at the screen's edge (the message is longer than a line).
see "LỖI       [Đào tạo, bồi dưỡng, năng lực số] Số lượt bồi dưỡng ngoại ngữ (6.310) lớn hơn" report-check-lists-planted
keys Enter
see "Trong đó: số lượt bồi dưỡng ngoại ngữ" report-check-jump
clear_field 8
typ 310
keys Tab
db_see '"dao_tao.luot_ngoai_ngu": 310' report-fixed
keys F2
# Clean but for the place name, a setting (set from there: tests/tui/print.sh).
see "Kiểm tra báo cáo năm 2024 — 0 lỗi, 1 cảnh báo" report-check-clean
see "$UI_PLACE_MISSING" report-check-clean-but-place
expect_db 0 report-cli-check check 2024
esc
see "đã điền 30/30 mục bắt buộc — 0 lỗi, 0 cảnh báo" report-editor-clean
esc
esc
see "đã điền 30/30 mục bắt buộc; 0 lỗi, 0 cảnh báo" report-home-clean
see "$UI_NEXT_PACK" report-home-next
quit_with F10 report-quit
end

# What was typed arrives at the Ministry: the report packed from the command line, opened there.
begin report-arrives
if "$XHHT" --data "$E/data" --passphrase-file "$E/upass" pack 2024 -o "$E/work/goi" >"$OUT" 2>"$ERR" </dev/null; then ok; else
	bad "xhht pack: $(excerpt "$ERR")"
fi
BUNDLE=$(ls "$E/work/goi"/XHHT-2024-BVDKM-r*.xhht 2>/dev/null | head -n 1)
central open "$BUNDLE" -o "$E/opened"
has "$E/opened/report.json" "Trần Quốc Khánh" report-bundle-telex
has "$E/opened/report.json" "Võ Thị Minh Thư" report-bundle-vni
has "$E/opened/report.json" "Nguyễn Hữu Phước" report-bundle-nomination
has "$E/opened/report.json" "Thiếu nhân lực điều dưỡng." report-bundle-longtext-vni
end

tui_end
