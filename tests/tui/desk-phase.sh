#!/bin/sh
# desk-phase.sh: the central's desk and the units' phase reviews: the year board of 2025 still
# shows a unit that sent only its review 2023-2025 as not received; Ctrl-O opens the phase's
# board (who filed, who not), Enter its review on the report screen, Ctrl-E reviews it with a
# comment, which rides on the next receipt for that review; F8 there lists the reviews'
# proposals, whose F6 writes the report for the Emulation and Commendation Council; Ctrl-O
# comes back to the year; a phase with no review yet says so for the phase; a review's text
# taller than the screen opens at its start; the phase's board names its own keys (120×40); a
# conflict in a review imported at the desk (its line names the period) and settled there
# (the question names the period). At 80×24; what the database holds after each step.
# Usage: sh tests/tui/desk-phase.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

# The words of the screens this file looks for.
UI_YEAR_BOARD="bảng theo dõi năm 2025"
UI_PHASE_BOARD="báo cáo sơ kết, tổng kết giai đoạn 2023-2025"
UI_PHASE_LINE="Giai đoạn (← →): [2023-2025] 2023-2030"
UI_REVIEW_VIEW="báo cáo giai đoạn 2023-2025, lần gửi 1"
UI_REVIEW_TITLE="Xem xét báo cáo giai đoạn 2023-2025 của BVDKM"
UI_NEEDS_FIXING="Cần sửa: yêu cầu đơn vị sửa, kèm ý kiến"
UI_NEXT_RECEIPT="Để ý kiến đi kèm biên nhận tiếp theo cho báo cáo này"
UI_PROPOSALS="Đề nghị khen thưởng sơ kết, tổng kết giai đoạn 2023-2025"
UI_COUNCIL_ROW="Báo cáo trình Hội đồng Thi đua - Khen thưởng (HTML, CSV)"

# desk NAME: xhht-central's desk on the Ministry's data folder on 1 December 2025.
desk() { TUI_TODAY=2025-12-01 desk_start "$@"; }
# state PERIOD UNIT: the unit's state in the Ministry's status of PERIOD (the database).
state() {
	central status "$1" --format csv
	tr -d '\r' <"$OUT" | grep "^$2," | cut -d, -f3
}
state_is() { [ "$(state "$1" "$2")" = "$3" ]; }
db_state() { if poll "$TMO" 0.1 state_is "$1" "$2" "$3"; then ok; else bad "$4: $2's state for $1 $(state "$1" "$2"), wanted $3"; fi; }

# --- the state: BVDKM's review 2023-2025 imported (its yearly report of 2025 not); VDT silent --
clerk_enrolled
if central unit add VDT "Viện Đào tạo" vien; then ok; else bad "central unit add VDT: $(excerpt "$ERR")"; fi
export XHHT_TODAY=2025-12-01 XHHT_NOW=2025-12-01T03:00:00Z
if "$XHHT" --data "$E/data" load 2024 "$SAMPLE" >"$OUT" 2>"$ERR" &&
	"$XHHT" --data "$E/data" phase 2023-2025 --format json -o "$T/prefilled.json" >"$OUT" 2>"$ERR"; then ok; else
	bad "the review pre-filled: $(excerpt "$ERR")"
fi
# The leadership's text runs over 30 lines (three years' worth and more): taller than the screen.
LONG=""
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do
	LONG="${LONG}Dòng $i: Đảng ủy ban hành nghị quyết chuyên đề về học tập suốt đời.\\\\n"
done
sed -e '/"values": {/a\  "chung.ngay_bao_cao": "2025-11-28",\n  "tieu_chi.danh_gia": "Đạt.",\n  "kien_nghi.phuong_huong": "Tiếp tục.",' \
	-e "s/\"ket_qua.chi_dao\": \"/\"ket_qua.chi_dao\": \"$LONG/" "$T/prefilled.json" >"$T/review.json"
# pack_phase_review FOLDER REVIEW.json OUTDIR: the review loaded beside the yearly reports and
# packed (as tests/cli/phase-central.sh's).
pack_phase_review() {
	if "$XHHT" --data "$1" load 2023-2025 "$2" >"$OUT" 2>"$ERR" &&
		"$XHHT" --data "$1" --passphrase-file "$E/upass" pack 2023-2025 -o "$3" --accept-warnings >"$OUT" 2>"$ERR"; then ok; else
		bad "the review packed: $(excerpt "$ERR")"
	fi
}
pack_phase_review "$E/data" "$T/review.json" "$E/work/goi"
if central import --receipts "$E/work/bien-nhan" "$E/work/goi"; then ok; else bad "central import: $(excerpt "$ERR")"; fi
has "$OUT" "BVDKM 2023-2025 r1" imported-as-review
unset XHHT_NOW
mkdir -p "$E/work/hoi-dong"

# --- the year board, the phase's board, the review reviewed, at 80×24 --------------------------
begin desk-phase-review
W=80 H=24
desk desk-phase-review
see "$UI_YEAR_BOARD" year-board
# Only the review came: not received for the year.
see "0/2 đơn vị đã nộp" year-board-nothing-received
keys C-o
see "$UI_PHASE_BOARD" phase-board
see "$UI_PHASE_LINE" phase-line
see "1/2 đơn vị đã nộp" phase-counts
see "CHƯA NỘP" phase-vdt-not-received
down_to BVDKM
see "đúng hạn" phase-bvdkm-on-time
keys Enter
see "$UI_REVIEW_VIEW" review-view
see "Chưa xem xét lần gửi này" review-not-reviewed
keys C-e
see "$UI_REVIEW_TITLE" review-dialog
keys Down
hl_is "$UI_NEEDS_FIXING" review-choose-needs-fixing
keys Enter
see "Thêm ý kiến về mục đang chọn" review-comment-offered
keys Enter
typ "Neu ro phuong huong"
keys Enter
see "Lưu: cần sửa, 1 ý kiến" review-save-offered
hl_is "Lưu: cần sửa, 1 ý kiến" review-save-chosen
keys Enter
see "$UI_NEXT_RECEIPT" review-send-asked
keys Down
keys Enter
see "Đã lưu: cần sửa, 1 ý kiến" review-saved
db_state 2023-2025 BVDKM needs_fixing db-review-needs-fixing
db_state 2025 BVDKM not_received db-year-untouched
central --lang en review BVDKM 2023-2025
has "$OUT" "Neu ro phuong huong" db-comment
has "$OUT" "not sent yet" db-pending
esc
see "$UI_PHASE_BOARD" back-to-phase-board
see "CẦN SỬA" phase-board-needs-fixing
see "1 cần sửa, 0 đã duyệt" phase-board-review-counts
resize_check phase-resize "$UI_PHASE_BOARD"
# Ctrl-O again: the year's board, unchanged.
keys C-o
see "$UI_YEAR_BOARD" year-board-again
see "0/2 đơn vị đã nộp" year-board-still-nothing
quit_with F10 phase-quit
end

# The review rides on the next receipt for the review's bundle (the same one imported again).
if central import --receipts "$E/work/bien-nhan" "$E/work/goi"; then ok; else bad "central import again: $(excerpt "$ERR")"; fi
RCPT="$E/work/bien-nhan/XHHT-2023-2025-BVDKM-r1.receipt"
[ -s "$RCPT" ] && ok || bad "no receipt $RCPT: $(ls "$E/work/bien-nhan")"
central --lang en review BVDKM 2023-2025
has "$OUT" "sent" db-review-delivered
has "$OUT" "XHHT-2023-2025-BVDKM-r1.receipt" db-review-in-receipt

# --- the phase's proposals and the Council's report, written to a folder ------------------------
begin desk-phase-council
W=80 H=24
desk desk-phase-council
see "$UI_YEAR_BOARD" council-year-board
keys C-o
see "$UI_PHASE_BOARD" council-phase-board
keys F8
see "Đề nghị khen thưởng trong báo cáo sơ kết, tổng kết" council-menu
keys Enter
see "$UI_PROPOSALS" council-proposals
see "Nguyễn Hữu Phước" council-proposal-shown
keys Right
see "đổi giai đoạn ở bảng sơ kết" council-no-year-step
keys F6
see "$UI_COUNCIL_ROW" council-save-row
hl_is "$UI_COUNCIL_ROW" council-save-row-first
keys Enter
see "Ghi vào thư mục nào?" council-chooser
choose "hoi-dong/" council-choose-folder
keys Enter
see "$E/work/hoi-dong" council-in-folder
keys Enter
see "de-nghi-2023-2025.html, de-nghi-2023-2025.csv" council-written
F="$E/work/hoi-dong/de-nghi-2023-2025.html"
[ -s "$F" ] && ok || bad "council: $F not written"
has "$F" "Đề nghị khen thưởng sơ kết, tổng kết giai đoạn 2023-2025" council-file-title
has "$F" "Đơn vị chưa gửi báo cáo sơ kết, tổng kết giai đoạn 2023-2025 (1)" council-file-unfiled
has "$F" "Viện Đào tạo" council-file-vdt
central proposals 2023-2025 --format html -o "$T/council.html"
# The same report as the command line's, but for the day's date line.
same "$(grep -v 'ngày' "$F" | cksum)" "$(grep -v 'ngày' "$T/council.html" | cksum)" council-same-as-cli
esc
see "$UI_PHASE_BOARD" council-back-to-phase
quit_with F10 council-quit
end

# --- a long text of the review (taller than the screen) opens at its start, Tab scrolls it ------
begin desk-phase-long
W=80 H=24
desk desk-phase-long
keys C-o
see "$UI_PHASE_BOARD" long-phase-board
down_to BVDKM
keys Enter
see "$UI_REVIEW_VIEW" long-review-view
keys PgDn PgDn PgDn
see "Kết quả thực hiện các nội dung" long-section
see "▸ Lãnh đạo, chỉ đạo, triển khai trong giai đoạn" long-label-shown
see "Dòng 1: Đảng ủy" long-text-start
notsee "Dòng 30:" long-text-end-below
keys Tab
see "Dòng 30: Đảng ủy" long-tab-scrolls
notsee "Dòng 1: Đảng ủy" long-tab-start-gone
quit_with F10 long-quit
end

# --- a phase with no review yet: its proposals say so for the phase, not for a year ------------
begin desk-phase-empty
W=80 H=24
desk desk-phase-empty
keys C-o
see "$UI_PHASE_BOARD" empty-phase-board
keys Right
see "Giai đoạn (← →): 2023-2025 [2023-2030]" empty-final-phase
keys F8
see "Đề nghị khen thưởng trong báo cáo sơ kết, tổng kết" empty-menu
keys Enter
see "Đề nghị khen thưởng sơ kết, tổng kết giai đoạn 2023-2030" empty-proposals
see "Chưa báo cáo sơ kết, tổng kết giai đoạn 2023-2030 nào đề nghị khen thưởng." empty-proposals-say-phase
notsee "trong năm này" empty-proposals-no-year
# A review's proposal line opens with its year: the heading names it.
see "Năm — tên — chức vụ — thành tích" empty-proposals-heading
quit_with F10 empty-quit
end

# --- the phase's board names its own keys: ← → step phases, Ctrl-O goes back (120×40) ---------
begin desk-phase-keys
W=120 H=40
desk desk-phase-keys
keys C-o
see "$UI_PHASE_BOARD" keys-phase-board
see "← Giai đoạn trước" keys-bar-phase-before
notsee "Năm trước" keys-bar-no-year
keys F1
see "Bảng của giai đoạn trước" keys-help-left
see "Về bảng theo dõi năm" keys-help-back
see "Ghi báo cáo trình Hội đồng Thi đua - Khen thưởng" keys-help-save
notsee "thư đôn đốc" keys-help-no-reminders
esc
keys C-o
see "$UI_YEAR_BOARD" keys-year-board
see "← Năm trước" keys-year-bar-unchanged
quit_with F10 keys-quit
end

# --- a conflict in BVDKM's review, settled at the desk: the question names the period ----------
# Revision 2 of the review packed from two copies of the unit's folder, different figures.
cp -a "$E/data" "$E/data-copy"
sed 's/"chi_tieu.luot_hoc": [0-9]*/"chi_tieu.luot_hoc": 1111/' "$T/review.json" >"$T/review-a.json"
sed 's/"chi_tieu.luot_hoc": [0-9]*/"chi_tieu.luot_hoc": 2222/' "$T/review.json" >"$T/review-b.json"
mkdir -p "$E/work/goi-a" "$E/work/goi-b"
pack_phase_review "$E/data" "$T/review-a.json" "$E/work/goi-a"
pack_phase_review "$E/data-copy" "$T/review-b.json" "$E/work/goi-b"
if central import --receipts "$E/work/bien-nhan" "$E/work/goi-a"; then ok; else bad "conflict import: $(excerpt "$ERR")"; fi
has "$OUT" "BVDKM 2023-2025 r2" conflict-imported
begin desk-phase-settle
W=80 H=24
desk desk-phase-settle
# The other copy imported at the desk (F8, a folder): its line names the period, not 2025 alone.
keys F8
choose "Nhận gói: từ thư mục, USB hoặc hộp thư" import-menu-row
keys Enter
see "Nhận gói từ đâu?" import-from
keys Enter
choose "goi-b/" import-choose-folder
keys Enter
see "$E/work/goi-b" import-in-folder
keys Enter
see "Ghi biên nhận vào thư mục nào?" import-receipts-chooser
choose "bien-nhan/" import-choose-receipts
keys Enter
keys Enter
see "Cụm mật khẩu của khóa văn phòng" import-passphrase
typ "cụm mật khẩu trung ương"
keys Enter
see "Tổng cộng 1 gói: đã gộp 0, đã có 0, bản cũ 0, xung đột 1, bị từ chối 0." import-totals
see "BVDKM    2023-2025 2   XUNG ĐỘT" import-row-period
esc
db_state 2023-2025 BVDKM conflict db-conflict
keys C-o
see "$UI_PHASE_BOARD" settle-phase-board
down_to BVDKM
see "XUNG ĐỘT" settle-phase-conflict
keys Enter
see "báo cáo giai đoạn 2023-2025, lần gửi 2" settle-review-view
keys C-r
see "lịch sử báo cáo giai đoạn 2023-2025" settle-history
keys F2
see "xung đột ở lần gửi 2: chọn một bản" settle-screen
keys F2
see "Dùng bản nào làm báo cáo của đơn vị?" settle-choose
keys Down Enter
see "Lý do chọn bản này" settle-reason
typ "Don vi xac nhan ban sau"
keys Enter
see "làm báo cáo giai đoạn 2023-2025 của đơn vị" settle-confirm-names-period
notsee "20232025" settle-confirm-no-key
keys Enter
see "làm báo cáo của đơn vị BVDKM" settle-done
db_state 2023-2025 BVDKM late db-settled
quit_with F10 settle-quit
end

tui_end
