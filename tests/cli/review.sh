#!/bin/sh
# review.sh: xhht-central review: staff approve a merged report or ask for fixes with comments
# on the whole report or on fields; the state in status; the review rides on the next receipt
# for that report, or goes in a signed review file (a format-2 receipt) with -o; refusals
# record nothing.
# Usage: tests/cli/review.sh BUILD_DIR
set -u
. "$(dirname "$0")/../lib/harness.sh"
harness_start "$@"
DBCHECK="$PWD/$BUILD/db-check"
need_program "$XHHT" "$CENTRAL" "$DBCHECK"
export XHHT_TODAY=2024-12-01 XHHT_NOW=2024-12-01T03:00:00Z
harness_in_scratch
sql() { "$DBCHECK" "$T/central/xhht-central.db" --sql "$1" | tr '\t' ' '; }
# state UNIT: the unit's state in status's CSV.
state() { "$CENTRAL" --data "$T/central" status 2024 --format csv | tr -d '\r' | grep "^$1," | cut -d, -f3; }
# rcp_format FILE: the version byte of an armored receipt (the 8th byte after de-armoring).
rcp_head() { sed '1d;$d' "$1" | base64 -d | head -c 8; }

expect 0 init $CENTRAL $C init
expect 0 unit-add $CENTRAL $C unit add BVDKM "Bệnh viện Đa khoa Minh Hòa" benh_vien
expect 0 unit-add-2 $CENTRAL $C unit add VDT "Viện Đào tạo" vien
expect 0 enroll $CENTRAL $C enroll BVDKM -o bvdkm.enr
CODE=$(sed -n '$s/^Mã đăng ký: *//p' .out)
expect 0 xhht-enroll $XHHT $U enroll bvdkm.enr --code "$CODE"
expect 0 load $XHHT $U load 2024 "$SAMPLE"
mkdir out rc
expect 0 pack $XHHT $U pack 2024 -o out
R=$(ls out | sed -n 's/^XHHT-2024-BVDKM-r\([0-9]*\)\.xhht$/\1/p')
expect 0 import $CENTRAL $C import --receipts rc out
same "$(state BVDKM)" on_time before-review-on-time

# --- refusals: exit 1 or 2, one line, nothing recorded -------------------------------------------
expect 2 review-both $CENTRAL $C review BVDKM 2024 --approve --needs-fixing
one_line review-both
expect 2 review-comment-no-state $CENTRAL $C review BVDKM 2024 --comment "Sửa"
one_line review-comment-no-state
expect 2 review-bad-year $CENTRAL $C review BVDKM 24 --approve
one_line review-bad-year
expect 1 review-no-comment $CENTRAL $C --lang en review BVDKM 2024 --needs-fixing
one_line review-no-comment
has .err "at least one comment" review-no-comment-says
expect 1 review-bad-field $CENTRAL $C --lang en review BVDKM 2024 --needs-fixing --comment "chung.khong_co=Sai"
one_line review-bad-field
has .err 'has no field "chung.khong_co"' review-bad-field-says
expect 1 review-not-received $CENTRAL $C --lang en review VDT 2024 --approve
has .err "unit VDT has no 2024 report" review-not-received-says
expect 1 review-unknown-unit $CENTRAL $C --lang en review KHONGCO 2024 --approve
has .err "no unit KHONGCO" review-unknown-unit-says
printf 'sai mat khau\n' >wrongpass
expect 2 review-wrong-passphrase $CENTRAL --data "$T/central" --passphrase-file wrongpass review BVDKM 2024 --approve -o x.receipt
[ ! -e x.receipt ] && ok || bad "review-wrong-passphrase: x.receipt written"
same "$(sql 'SELECT count(*) FROM review')" 0 refusals-recorded-nothing
same "$(sql "SELECT count(*) FROM staff_action WHERE action = 'review'")" 0 refusals-logged-nothing

# --- needs fixing, with comments on a field and on the whole report --------------------------
expect 0 review-needs-fixing $CENTRAL $C review BVDKM 2024 --needs-fixing \
	--comment "chung.nguoi_ky=Ghi rõ họ tên người ký." --comment "Thiếu dấu của đơn vị." \
	--comment "=Tổng = 0 là sai"
has .out "lần gửi $R — cần sửa, 3 ý kiến" review-needs-fixing-says
has .out "biên nhận tiếp theo" review-needs-fixing-rides-next
same "$(state BVDKM)" needs_fixing status-needs-fixing
"$CENTRAL" --data "$T/central" status 2024 --format json >st.json
has st.json '"needs_fixing":1,"approved":0}' status-json-counts
"$CENTRAL" --data "$T/central" status 2024 >st.txt
has st.txt "cần sửa 1, đã duyệt 0." status-text-counts
has st.txt "CẦN SỬA" status-text-state
same "$(sql "SELECT position, field, text FROM review_comment ORDER BY position")" \
"0 chung.nguoi_ky Ghi rõ họ tên người ký.
1  Thiếu dấu của đơn vị.
2  Tổng = 0 là sai" comments-stored
same "$(sql "SELECT unit_code, year, revision, state, delivered_at IS NULL FROM review")" \
	"BVDKM 2024 $R needs_fixing 1" review-stored-pending
same "$(sql "SELECT count(*) FROM staff_action WHERE action = 'review' AND unit_code = 'BVDKM'")" 1 review-logged
expect 0 export-html $CENTRAL $C export 2024 --format html -o tong-hop.html
has tong-hop.html "Các đơn vị được yêu cầu sửa báo cáo" export-html-needs-fixing

# --- the reviews so far ----------------------------------------------------------------------
expect 0 review-list $CENTRAL $C --lang en review BVDKM 2024
has .out "revision $R: needs fixing" review-list-state
has .out "(current)" review-list-current
has .out "not sent yet" review-list-pending
has .out "chung.nguoi_ky: Ghi rõ họ tên người ký." review-list-comment

# --- the same bundle sent again: answered again, with the review --------------------------------
expect 0 import-again $CENTRAL $C --lang en import --receipts rc out
has .out "receipt: rc/XHHT-2024-BVDKM-r$R.receipt" import-again-receipt
same "$(rcp_head rc/XHHT-2024-BVDKM-r$R.receipt | head -c 7)" XHHTRCP receipt-magic
same "$(rcp_head rc/XHHT-2024-BVDKM-r$R.receipt | tail -c 1 | od -An -tx1 | tr -d ' ')" 02 receipt-format-2
same "$(sql "SELECT delivered_in FROM review")" "rc/XHHT-2024-BVDKM-r$R.receipt" review-delivered-in
# The unit's program reads it as a receipt of the Ministry.
expect 0 unit-reads-receipt $XHHT $U receipt rc/XHHT-2024-BVDKM-r$R.receipt
expect 0 import-third $CENTRAL $C --lang en import --receipts rc out
hasnt .out "receipt:" delivered-not-answered-again

# --- approved, with -o: a signed review file now -------------------------------------------------
mkdir gui
expect 0 review-approve $CENTRAL $C review BVDKM 2024 --approve --comment "Báo cáo đầy đủ." -o gui
has .out "gui/XHHT-2024-BVDKM-r$R-review.receipt" review-file-named
same "$(state BVDKM)" approved status-approved
F=gui/XHHT-2024-BVDKM-r$R-review.receipt
head -1 "$F" | grep -q "BEGIN" && ok || bad "review-file: not armored"
same "$(rcp_head "$F" | head -c 7)" XHHTRCP review-file-magic
same "$(rcp_head "$F" | tail -c 1 | od -An -tx1 | tr -d ' ')" 02 review-file-format-2
expect 0 unit-reads-review-file $XHHT $U receipt "$F"
same "$(sql "SELECT state, delivered_in FROM review ORDER BY id DESC LIMIT 1")" \
	"approved $F" review-file-delivered
same "$(sql 'SELECT count(*) FROM review')" 2 review-history-kept
# -o naming a file writes that file.
expect 0 review-approve-file $CENTRAL $C review BVDKM 2024 --approve -o mot-tep.receipt
same "$(rcp_head mot-tep.receipt | tail -c 1 | od -An -tx1 | tr -d ' ')" 02 review-file-as-named

# --- a newer revision is to be reviewed again --------------------------------------------------
expect 0 load-2 $XHHT $U load 2024 "$SAMPLE"
mkdir out2
expect 0 pack-2 $XHHT $U pack 2024 -o out2
R2=$(ls out2 | sed -n 's/^XHHT-2024-BVDKM-r\([0-9]*\)\.xhht$/\1/p')
expect 0 import-2 $CENTRAL $C import --receipts rc out2
same "$(state BVDKM)" on_time newer-revision-to-review
same "$(rcp_head rc/XHHT-2024-BVDKM-r$R2.receipt | tail -c 1 | od -An -tx1 | tr -d ' ')" 01 newer-receipt-format-1

harness_end
