#!/bin/sh
# unit-review.sh: the unit's half of the review loop on the command line: a receipt carrying the
# Ministry's review (approved or needs fixing, comments on the whole report or on fields) is
# printed by xhht receipt with the fields' labels, kept once, told by xhht status until the next
# pack, and every text of the staff's reaches the terminal neutralised.
# Usage: tests/cli/unit-review.sh BUILD_DIR
set -u
. "$(dirname "$0")/../lib/harness.sh"
harness_start "$@"
need_program "$XHHT" "$CENTRAL" "$PWD/$BUILD/review-receipt" "$PWD/$BUILD/db-check"
REVIEW="$PWD/$BUILD/review-receipt"
DBCHECK="$PWD/$BUILD/db-check"
export XHHT_TODAY=2024-11-28 XHHT_NOW=2024-11-28T03:00:00Z
harness_in_scratch
usql() { "$DBCHECK" "$T/unit/xhht.db" --sql "$1"; }

# The unit packs its 2024 report (the sample's revision is 1: this is revision 2); the Ministry imports it and writes the receipt.
expect 0 init $CENTRAL $C init
expect 0 unit-add $CENTRAL $C unit add BVDKM "Bệnh viện Đa khoa Minh Hòa"
expect 0 enroll $CENTRAL $C enroll BVDKM -o bvdkm.enr
CODE=$(sed -n '$s/^Mã đăng ký: *//p' .out)
expect 0 xhht-enroll $XHHT $U enroll bvdkm.enr --code "$CODE"
expect 0 load $XHHT $U load 2024 "$SAMPLE"
mkdir out receipts
expect 0 pack $XHHT $U pack 2024 -o out
expect 0 import $CENTRAL $C import --receipts receipts out
R1=$(ls receipts/*.receipt | head -n 1)

# --- needs fixing: the comments under their fields' labels ----------------------------------
expect 0 make-review "$REVIEW" central cpass "$R1" review.receipt needs_fixing 2024-11-27T08:00:00Z \
	"=Thiếu bản quét có dấu đỏ." \
	"chung.tong_so_nguoi=Tổng số người không khớp với báo cáo nhân sự." \
	"khen_thuong.de_nghi=Đề nghị thứ hai thiếu thành tích." \
	"chung.khong_co=Mục này mẫu không có."
expect 0 receipt-review $XHHT $U receipt review.receipt
has .out "Bộ Y tế đã nhận báo cáo năm 2024, lần gửi 2" review-receipt-line
has .out "Bộ Y tế yêu cầu sửa báo cáo năm 2024, lần gửi 2" review-needs-fixing
has .out "4 ý kiến:" review-count
has .out "  - Cả báo cáo:" review-whole-report
has .out "      Thiếu bản quét có dấu đỏ." review-whole-text
has .out "  - Tổng số CBCCVC, người lao động của đơn vị:" review-field-label
has .out "      Tổng số người không khớp với báo cáo nhân sự." review-field-text
has .out "  - Đề nghị khen thưởng cấp trên:" review-table-label
# A field the template does not know: on the whole report, its id kept, never dropped.
has .out "      [chung.khong_co] Mục này mẫu không có." review-unknown-field
[ "$(grep -n 'Cả báo cáo' .out | head -n 1 | cut -d: -f1)" -lt "$(grep -n 'Tổng số CBCCVC' .out | cut -d: -f1)" ] &&
	ok || bad "review-order: the whole report's comments do not come first: $(cat .out)"
has .out "xhht pack 2024" review-next-step
[ -s .err ] && bad "receipt-review: $(cat .err)" || ok
same "$(usql "SELECT year, revision, state, decided_at, answered_by IS NULL FROM review")" \
	"$(printf '2024\t2\tneeds_fixing\t2024-11-27T08:00:00Z\t1')" review-kept
same "$(usql "SELECT count(*) FROM review_comment")" 4 review-comments-kept
same "$(usql "SELECT field_id FROM review_comment ORDER BY position LIMIT 1")" "" review-whole-kept-empty

# Opened again: nothing added.
expect 0 receipt-review-again $XHHT $U receipt review.receipt
same "$(usql "SELECT count(*) FROM review")/$(usql "SELECT count(*) FROM review_comment")" 1/4 review-once

# In English, the labels too.
expect 0 receipt-review-en $XHHT $U --lang en receipt review.receipt
has .out "The Ministry asks for the 2024 report, revision 2, to be fixed" review-en
has .out "  - Total number of officials, civil servants, public employees and workers of the unit:" review-en-label
has .out "  - The whole report:" review-en-whole

# --- xhht status: the year needs fixing, with its comments --------------------------------------
expect 0 status-needs-fixing $XHHT $U status
has .out "  Bộ Y tế yêu cầu sửa báo cáo năm 2024, lần gửi 2" status-needs-fixing-said
has .out "4 ý kiến:" status-count
has .out "Tổng số người không khớp" status-comment

# --- hostile bytes in a comment and a field id: neutralised ------------------------------------
expect 0 make-hostile "$REVIEW" central cpass "$R1" hostile.receipt needs_fixing 2024-11-27T09:00:00Z \
	"$(printf 'chung.ten\033]0;pwned\007=Sửa\033[2J ngay\342\200\256lại')" \
	"$(printf '=Dòng một\nDòng hai\033[31m')"
expect 0 receipt-hostile $XHHT $U receipt hostile.receipt
no_raw receipt-hostile-out .out
if grep -q "$(printf '\007')" .out; then bad "receipt-hostile: raw BEL"; else ok; fi
has .out 'Sửa\x1b[2J ngay\u202elại' receipt-hostile-escaped
has .out '[chung.ten\x1b]0;pwned\x07]' receipt-hostile-field-escaped
# A comment of several lines: each on a line of its own, under its label.
has .out "      Dòng một" receipt-hostile-line-1
has .out '      Dòng hai\x1b[31m' receipt-hostile-line-2
expect 0 status-hostile $XHHT $U status
no_raw status-hostile-out .out

# --- the next pack answers them: kept, marked with the revision; status says nothing more -----
expect 0 pack-2 $XHHT $U pack 2024 -o out
same "$(usql "SELECT group_concat(answered_by) FROM review")" "3,3" review-answered-by-pack
same "$(usql "SELECT count(*) FROM review_comment")" 6 review-comments-still-kept
expect 0 status-answered $XHHT $U status
hasnt .out "yêu cầu sửa" status-answered-quiet
# The same review opened again after the pack: not open again.
expect 0 receipt-after-pack $XHHT $U receipt review.receipt
has .out "Bộ Y tế yêu cầu sửa báo cáo năm 2024, lần gửi 2" receipt-after-pack-shown
same "$(usql "SELECT count(*) FROM review WHERE answered_by IS NULL")" 0 receipt-after-pack-not-reopened

# --- approved -----------------------------------------------------------------------------------
expect 0 import-2 $CENTRAL $C import --receipts receipts out
R2=receipts/XHHT-2024-BVDKM-r3.receipt
expect 0 make-approved "$REVIEW" central cpass "$R2" approved.receipt approved 2024-11-28T01:00:00Z
expect 0 receipt-approved $XHHT $U receipt approved.receipt
has .out "Bộ Y tế đã duyệt báo cáo năm 2024, lần gửi 3" receipt-approved-said
hasnt .out "ý kiến" receipt-approved-no-comments
expect 0 status-approved $XHHT $U status
has .out "  Bộ Y tế đã duyệt báo cáo năm 2024, lần gửi 3" status-approved

# A receipt without a review says nothing of one, and keeps none.
expect 0 receipt-plain $XHHT $U receipt "$R1"
hasnt .out "duyệt" receipt-plain-no-review
hasnt .out "yêu cầu sửa" receipt-plain-no-fixing
same "$(usql "SELECT count(*) FROM review")" 3 receipt-plain-keeps-none

harness_end
