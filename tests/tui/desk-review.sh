#!/bin/sh
# desk-review.sh: the central's desk, the review of a unit's report (Ctrl-E on the report view):
# needs fixing with a comment on the field under the cursor, seen under that field, in the
# view's review line and on the board; then approved with a signed review file written to a
# folder (the office's passphrase), which the unit's program reads as a receipt; at 80×24,
# after resizes, without colour; what the database holds after each.
# Usage: sh tests/tui/desk-review.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

# The words of the review screens this file looks for.
UI_BOARD="đơn vị đã nộp"
UI_NOT_REVIEWED="Chưa xem xét lần gửi này"
UI_REVIEW_TITLE="Xem xét báo cáo năm 2024 của BVDKM"
UI_NEEDS_FIXING="Cần sửa: yêu cầu đơn vị sửa, kèm ý kiến"
UI_APPROVE="Duyệt: báo cáo đạt"
UI_ON_FIELD="Thêm ý kiến về mục đang chọn"
UI_NEXT_RECEIPT="Để ý kiến đi kèm biên nhận tiếp theo cho báo cáo này"
UI_WRITE_FILE="Ghi tệp ý kiến có chữ ký vào thư mục hoặc USB"
UI_COMMENT="Ý kiến của Bộ: Ghi ro ho ten nguoi ky"

# desk NAME: xhht-central's desk on the Ministry's data folder, started in the clerk's folder.
desk() { desk_start "$@"; }
# open_report [BOARD VIEW]: from the board (BOARD: its counts' words), Enter on BVDKM's row;
# VIEW: the view's title's words.
open_report() {
	see "${1:-$UI_BOARD}" board-shown
	i=0
	while ! highlighted | grep -qF BVDKM && [ $i -lt 30 ]; do
		keys Down
		sleep 0.05
		i=$((i + 1))
	done
	keys Enter
	see "${2:-báo cáo năm 2024, lần gửi} $REV" view-opened
}
# state: BVDKM's state in the Ministry's status (what the database holds).
state() {
	central status 2024 --format csv
	tr -d '\r' <"$OUT" | grep '^BVDKM,' | cut -d, -f3
}
# db_state WANT WHAT: the database comes to hold BVDKM's state WANT.
db_state_is() { [ "$(state)" = "$1" ]; }
db_state() { if poll "$TMO" 0.1 db_state_is "$1"; then ok; else bad "$2: state $(state), wanted $1"; fi; }

# --- the state: the unit's report packed and imported before the deadline -----------------------
clerk_reported
expect 0 review-pack "$XHHT" --data "$E/data" --passphrase-file "$E/upass" pack 2024 -o "$E/work/goi"
BUNDLE=$(ls "$E/work/goi"/XHHT-2024-BVDKM-r*.xhht 2>/dev/null | head -n 1)
REV=$(basename "$BUNDLE" .xhht | sed 's/.*-r//')
export XHHT_NOW=2024-11-28T03:00:00Z
if central import --receipts "$E/work/bien-nhan" "$E/work/goi"; then ok; else bad "central import: $(excerpt "$ERR")"; fi
unset XHHT_NOW
mkdir -p "$E/work/y-kien"

# --- needs fixing, with a comment on the field under the cursor, at 80×24 ------------------------
begin desk-review-needs-fixing
W=80 H=24
desk desk-review-needs-fixing
open_report
see "$UI_NOT_REVIEWED" view-not-reviewed
see "Duyệt" view-hint-review
# The section's third field, the signer: the cursor on it.
keys Tab
keys Tab
hl_shows_signer() { highlighted | grep -qF "Người ký"; }
poll "$TMO" 0.05 hl_shows_signer && ok || bad "view: the signer's field is not the chosen one"
keys C-e
see "$UI_REVIEW_TITLE" review-dialog
see "$UI_NEEDS_FIXING" review-states
keys Down
hl_is "$UI_NEEDS_FIXING" review-choose-needs-fixing
keys Enter
see "$UI_ON_FIELD: Người ký" review-on-field-offered
hl_is "$UI_ON_FIELD: Người ký (Thủ trưởng đơn vị)" review-on-field-first
keys Enter
see "Ý kiến về mục \"Người ký" review-comment-prompt
typ "Ghi ro ho ten nguoi ky"
keys Enter
see "Lưu: cần sửa, 1 ý kiến" review-save-offered
hl_is "Lưu: cần sửa, 1 ý kiến" review-save-chosen
keys Enter
see "$UI_NEXT_RECEIPT" review-send-asked
keys Down
hl_is "$UI_NEXT_RECEIPT" review-next-receipt-chosen
keys Enter
see "Đã lưu: cần sửa, 1 ý kiến" review-saved-said
see "$UI_COMMENT" review-comment-under-field
see "Xem xét: CẦN SỬA — 1 ý kiến" review-line
see "chưa gửi đơn vị" review-line-not-sent
db_state needs_fixing db-needs-fixing
central --lang en review BVDKM 2024
has "$OUT" "chung.nguoi_ky: Ghi ro ho ten nguoi ky" db-comment-on-field
has "$OUT" "not sent yet" db-pending
resize_check review-resize "$UI_COMMENT"
# The board: the unit's state and the counts.
esc
see "CẦN SỬA" board-state
see "1 cần sửa, 0 đã duyệt" board-counts
quit_with F10 review-quit
end

# --- in English on a terminal without colour or Vietnamese: the review, folded -----------------
begin desk-review-vt100
W=80 H=24 TUI_TERM=vt100
desk desk-review-vt100 --lang en
open_report "units reported" "2024 report, revision"
see "Review: NEEDS FIXING - comments: 1" vt100-review-line
see "The Ministry's comment: Ghi ro ho ten nguoi ky" vt100-comment
keys C-e
see "Review the 2024 report of BVDKM" vt100-dialog
see "Needs fixing: ask the unit for fixes" vt100-states
keys Enter
see "Save: approved, 0 comments" vt100-comments-menu
ascii_screen vt100-ascii
esc
see "Given up: nothing saved." vt100-given-up
db_state needs_fixing vt100-db-unchanged
NOALT=1 quit_with C-q vt100-quit
end

# --- approved, with the signed review file written to a folder ---------------------------------
begin desk-review-file
W=80 H=24
desk desk-review-file
open_report
see "Xem xét: CẦN SỬA" view-reopened-review
see "$UI_COMMENT" view-reopened-comment
keys C-e
see "$UI_APPROVE" file-review-dialog
keys Enter
see "Lưu: đã duyệt, 0 ý kiến" file-save-offered
hl_is "Lưu: đã duyệt, 0 ý kiến" file-save-chosen
keys Enter
see "$UI_WRITE_FILE" file-send-asked
keys Enter
see "Ghi tệp ý kiến vào đâu?" file-chooser
choose "y-kien/" file-choose-folder
keys Enter
see "$E/work/y-kien" file-in-folder
keys Enter
see "Cụm mật khẩu của khóa văn phòng" file-passphrase
typ "sai mat khau"
keys Enter
see "sai cụm mật khẩu" file-wrong-passphrase
typ "$(cat "$E/cpass")"
keys Enter
F="$E/work/y-kien/XHHT-2024-BVDKM-r$REV-review.receipt"
see "Đã ghi tệp ý kiến" file-written-said
[ -s "$F" ] && ok || bad "file: $F not written"
same "$(sed '1d;$d' "$F" | base64 -d | head -c 8 | tail -c 1 | od -An -tx1 | tr -d ' ')" 02 file-format-2
see "Xem xét: đã duyệt — 0 ý kiến" file-review-line
see "đã gửi đơn vị" file-review-line-sent
notsee "$UI_COMMENT" file-old-comment-gone
db_state approved db-approved
central --lang en review BVDKM 2024
has "$OUT" "approved, by" db-approved-listed
has "$OUT" "sent" db-delivered
# The unit's program takes the file as the Ministry's receipt for its bundle.
expect 0 unit-reads-review-file "$XHHT" --data "$E/data" receipt "$F"
quit_with F10 file-quit
end

tui_end
