#!/bin/sh
# desk-loop.sh: the whole loop between a unit and the Ministry, on both full-screen programs at
# 80×24. The desk imports a folder holding a unit's new revision, a late bundle, a duplicate, a
# conflicting one and a tampered one; the board's counts say so; staff open the unit's report,
# compare its two revisions, settle the conflict with a reason, ask the unit to fix a field with
# a comment and write the signed review file; then the clerk opens that file in xhht and finds
# the comment under that field. What both databases hold is checked after each step.
# Usage: sh tests/tui/desk-loop.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"
GEN="$PWD/$BUILD/gen-bundles"
DBCHECK="$PWD/$BUILD/db-check"
need_program "$GEN" "$DBCHECK"
export USER=tranthib

UI_IMPORT_ROW="Nhận gói: từ thư mục, USB hoặc hộp thư"
UI_IMPORT_TOTALS="Tổng cộng 5 gói: đã gộp 2, đã có 1, bản cũ 0, xung đột 1, bị từ chối 1."
UI_BOARD_BEFORE="3/5 đơn vị đã nộp, 0 nộp muộn, 0 xung đột, 2 chưa nộp"
UI_BOARD_AFTER="4/5 đơn vị đã nộp, 2 nộp muộn, 1 xung đột, 1 chưa nộp"
UI_HISTORY="BVDKM — Bệnh viện Đa khoa Minh Hòa — lịch sử báo cáo năm 2024"
UI_DIFF="BVDKM — năm 2024 — so sánh hai lần gửi"
UI_COMMENT="Ghi ro so nguoi: 1.300 hay 1.260?"

csql() { "$DBCHECK" "$E/central/xhht-central.db" --sql "$1" | tr '\t' ' '; }
usql() { "$DBCHECK" "$E/data/xhht.db" --sql "$1" | tr '\t' ' '; }
# pack VALUE: the sample report with VALUE people, packed by BVDKM into $E/work/goi.
pack() {
	sed "s/\"revision\": 1,/\"revision\": 0,/; s/\"chung.ngay_bao_cao\": \"2024-11-25\"/\"chung.ngay_bao_cao\": \"2024-11-18\"/; s/\"chung.tong_so_nguoi\": 1260/\"chung.tong_so_nguoi\": $1/" \
		"$SAMPLE" >"$T/r.json"
	if "$XHHT" --data "$E/data" load 2024 "$T/r.json" >"$OUT" 2>"$ERR" </dev/null &&
		"$XHHT" --data "$E/data" --passphrase-file "$E/upass" pack 2024 -o "$E/work/goi" >"$OUT" 2>"$ERR" </dev/null; then ok; else
		bad "BVDKM packs $1: $(excerpt "$ERR")"
	fi
}

# --- the world: BVDKM (a real unit folder) and four generated units ------------------------------
clerk_enrolled
mkdir -p "$E/work/y-kien"
export XHHT_NOW=2024-11-18T03:00:00Z
pack 1260
central import --receipts "$E/work/bien-nhan" "$E/work/goi" || bad "import of revision 1: $(excerpt "$ERR")"
rm -f "$E/work/goi"/*
export XHHT_NOW=2024-11-19T03:00:00Z
pack 1300 # revision 2: in the folder the desk imports, after the deadline
"$GEN" --sample "$SAMPLE" --conflict "$E/central" "$E/cpass" 4 "$T/gen" >"$OUT" 2>"$ERR" ||
	bad "gen-bundles: $(excerpt "$ERR")"
g() { echo "$T/gen/XHHT-2024-$1.xhht"; }
XHHT_NOW=2024-12-01T03:00:00Z central import "$(g U0001-r1)" "$(g U0002-r1)" ||
	bad "import of U0001, U0002: $(excerpt "$ERR")"
cp "$(g U0001-r1)" "$(g U0002-r1-conflict)" "$(g U0003-r1)" "$E/work/goi/"
cp "$(g U0004-r1)" "$E/work/goi/XHHT-2024-U0004-r1.xhht"
size=$(wc -c <"$E/work/goi/XHHT-2024-U0004-r1.xhht")
printf '\377' | dd of="$E/work/goi/XHHT-2024-U0004-r1.xhht" bs=1 seek=$((size - 40)) conv=notrunc 2>/dev/null
unset XHHT_NOW
R1=$(csql "SELECT lower(hex(hash)) FROM bundle WHERE unit_code = 'U0002'")

# --- the desk on 10/12/2024: import, counts, diff, settle, review ------------------------------
begin desk-loop
W=80 H=24
export XHHT_NOW=2024-12-10T03:00:00Z # the importer's clock, in the tmux server it starts
TUI_TODAY=2024-12-10 desk_start desk-loop
unset XHHT_NOW
see "$UI_BOARD_BEFORE" loop-board-before
keys F8
see "Chức năng của bàn làm việc" loop-menu
choose "$UI_IMPORT_ROW" loop-menu-import
keys Enter
see "Nhận gói từ đâu?" loop-import-from
keys Enter
choose "goi/" loop-import-choose-goi
keys Enter
see "$E/work/goi" loop-import-in-goi
keys Enter
see "Ghi biên nhận vào thư mục nào?" loop-import-receipts
choose "bien-nhan/" loop-import-choose-receipts
keys Enter
keys Enter
see "Cụm mật khẩu của khóa văn phòng" loop-import-passphrase
typ "$(cat "$E/cpass")"
keys Enter
see "$UI_IMPORT_TOTALS" loop-import-totals
see "Nộp muộn (sau hạn): 2." loop-import-late
esc
see "$UI_BOARD_AFTER" loop-board-after
same "$(csql "SELECT count(*) FROM bundle")" 6 loop-db-bundles
same "$(csql "SELECT count(*) FROM audit WHERE outcome = 'refused'")" 1 loop-db-refused

# BVDKM's report: its two revisions compared.
down_to BVDKM
keys Enter
see "BVDKM — Bệnh viện Đa khoa Minh Hòa — báo cáo năm 2024, lần gửi 2" loop-report
see "NỘP MUỘN" loop-report-late
keys C-r
see "$UI_HISTORY" loop-history
see "2 lần gửi; đang dùng: lần gửi 2" loop-history-two
keys End
keys Enter
see "$UI_DIFF" loop-diff
see "1.260" loop-diff-old
see "1.300" loop-diff-new
esc
see "$UI_HISTORY" loop-diff-closed
esc
see "báo cáo năm 2024, lần gửi 2" loop-report-again

# Needs fixing, with a comment on the number of people (the section's fourth field).
i=0
while ! highlighted | grep -qF "Tổng số CBCCVC" && [ $i -lt 12 ]; do keys Tab; sleep 0.05; i=$((i + 1)); done
hl_is "▸ Tổng số CBCCVC, người lao động của đơn vị" loop-review-field
keys C-e
see "Xem xét báo cáo năm 2024 của BVDKM" loop-review
keys Down
keys Enter
see "Thêm ý kiến về mục đang chọn: Tổng số CBCCVC" loop-review-on-field
keys Enter
typ "$UI_COMMENT"
keys Enter
hl_is "Lưu: cần sửa, 1 ý kiến" loop-review-save
keys Enter
see "Ghi tệp ý kiến có chữ ký vào thư mục hoặc USB" loop-review-send
keys Enter
see "Ghi tệp ý kiến vào đâu?" loop-review-chooser
choose "y-kien/" loop-review-folder
keys Enter
keys Enter
see "Cụm mật khẩu của khóa văn phòng" loop-review-passphrase
typ "$(cat "$E/cpass")"
keys Enter
see "Đã ghi tệp ý kiến" loop-review-written
# The message may cover the field's last lines; the next key clears it.
keys Up
keys Down
see "Ý kiến của Bộ: $UI_COMMENT" loop-review-under-field
REVIEW_FILE="$E/work/y-kien/XHHT-2024-BVDKM-r2-review.receipt"
[ -s "$REVIEW_FILE" ] && ok || bad "loop-review-file: $REVIEW_FILE not written: $(ls "$E/work/y-kien")"
esc
see "CẦN SỬA" loop-board-needs-fixing

# The conflict of U0002 settled from the board (Ctrl-R on its row).
down_to U0002
keys C-r
see "U0002 — Đơn vị thử nghiệm số 2 — lịch sử báo cáo năm 2024" loop-conflict-history
see "XUNG ĐỘT ở lần gửi 1" loop-conflict-said
keys F2
see "xung đột ở lần gửi 1: chọn một bản" loop-settle
keys F2
see "Dùng bản nào làm báo cáo của đơn vị?" loop-settle-choose
keys Down Enter
see "Lý do chọn bản này" loop-settle-reason
typ "Don vi xac nhan ban sau qua dien thoai"
keys Enter
see "làm báo cáo năm 2024 của đơn vị U0002?" loop-settle-confirm
keys Enter
see "Đã chọn gói" loop-settle-done
esc
# Late: BVDKM (reviewed since), U0003, and U0002's bundle chosen (it came on 10/12).
see "4/5 đơn vị đã nộp, 3 nộp muộn, 0 xung đột" loop-board-settled
quit_with F10 loop-desk-quit
end

# The Ministry's database: U0002's other bundle merged and the first set aside; the review kept
# with its comment on the field and delivered in the file; both decisions logged by who made them.
same "$(csql "SELECT lower(hex(bundle_hash)) FROM bundle_set_aside")" "$R1" loop-db-set-aside
same "$(csql "SELECT count(*) FROM merged WHERE unit_code = 'U0002' AND lower(hex(bundle_hash)) <> '$R1'")" 1 loop-db-settled
same "$(csql "SELECT field, text FROM review_comment")" "chung.tong_so_nguoi $UI_COMMENT" loop-db-comment
same "$(csql "SELECT count(*) FROM review WHERE delivered_in IS NOT NULL")" 1 loop-db-review-delivered
same "$(csql "SELECT staff, action, unit_code FROM staff_action WHERE action IN ('settle', 'review') ORDER BY id")" \
	"tranthib review BVDKM
tranthib settle U0002" loop-db-logged

# --- the clerk opens the review file and finds the comment under the field ----------------------
begin desk-loop-clerk
W=80 H=24
clerk desk-loop-clerk
typ 6
see "Chọn tệp biên nhận của Bộ Y tế" loop-clerk-chooser
choose "y-kien/" loop-clerk-folder
keys Enter
choose "XHHT-2024-BVDKM-r2-review.receipt" loop-clerk-file
keys Enter
see "Bộ Y tế yêu cầu sửa báo cáo năm 2024, lần gửi 2" loop-clerk-needs-fixing
see "• Tổng số CBCCVC, người lao động của đơn vị: Ghi ro so nguoi: 1.300" loop-clerk-comment-in-box
keys Enter
see "Bộ yêu cầu sửa (1 ý kiến)" loop-clerk-home
same "$(usql "SELECT field_id, text FROM review_comment")" "chung.tong_so_nguoi $UI_COMMENT" loop-clerk-db
open_editor
see "→ Thông tin chung" loop-clerk-section-marked
keys Enter
keys C-f
see "Tìm mục: gõ vài chữ" loop-clerk-find
typ "tong_so_nguoi"
keys Enter
keys Enter
see "→* Tổng số CBCCVC" loop-clerk-field-marked
see "│ Bộ Y tế: $UI_COMMENT" loop-clerk-comment-under-field
quit_with F10 loop-clerk-quit
end

tui_end
