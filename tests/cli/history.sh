#!/bin/sh
# history.sh: a unit's report history at the central (xhht-central history), what changed between
# two revisions (diff: fields and table rows), and a conflict settled (settle --reason): the
# chosen bundle merged, the other kept and set aside, the staff log, status and exports after it,
# a later revision superseding as before and a new conflict on it a conflict again.
# Usage: tests/cli/history.sh BUILD_DIR
#
# The conflict is made as a unit makes one: its data folder copied (the same keys), and both
# copies packing a different report under the same next revision.
set -u
. "$(dirname "$0")/../lib/harness.sh"
harness_start "$@"
DBCHECK="$PWD/$BUILD/db-check"
need_program "$XHHT" "$CENTRAL" "$DBCHECK"
export XHHT_TODAY=2024-12-01 XHHT_NOW=2024-12-01T03:00:00Z USER=nguyenvana
harness_in_scratch
sql() { "$DBCHECK" "$T/central/xhht-central.db" --sql "$1" | tr '\t' ' '; }
merged_hash() { sql "SELECT lower(hex(bundle_hash)) FROM merged WHERE unit_code = 'BVDKM'"; }
unit_state() { "$CENTRAL" $C status 2024 --format json | grep '"code":"BVDKM"' | sed 's/.*"state":"\([a-z_]*\)".*/\1/'; }
# pack FOLDER REPORT: loads REPORT into the unit folder FOLDER and packs it into out/.
pack() {
	expect 0 "load-$2" $XHHT --data "$T/$1" --passphrase-file "$T/upass" load 2024 "$2"
	expect 0 "pack-$2" $XHHT --data "$T/$1" --passphrase-file "$T/upass" pack 2024 -o out
}
# report FILE SED: the sample report changed by the sed script SED, written to FILE.
# The sample says revision 1; from 0 the packs are numbered 1, 2, 3.
report() { sed "s/\"revision\": 1,/\"revision\": 0,/; $2" "$SAMPLE" >"$1"; }

expect 0 init $CENTRAL $C init
expect 0 unit-add $CENTRAL $C unit add BVDKM "Bệnh viện Đa khoa Minh Hòa" benh_vien
expect 0 unit-add-2 $CENTRAL $C unit add KHAC "Đơn vị khác"
expect 0 enroll $CENTRAL $C enroll BVDKM -o bvdkm.enr
CODE=$(sed -n '$s/^Mã đăng ký: *//p' .out)
expect 0 xhht-enroll $XHHT $U enroll bvdkm.enr --code "$CODE"
mkdir out
report r1.json ''
pack unit r1.json
expect 0 import-r1 $CENTRAL $C import --receipts rc out

# --- a second revision: history and diff ----------------------------------------------------
# A figure, a cell of a table row, and a person's name (another row: one removed, one added).
report r2.json 's/"chung.tong_so_nguoi": 1260/"chung.tong_so_nguoi": 1300/; s/Ghi nhận hơn 9.400 lượt/Ghi nhận hơn 9.900 lượt/; s/Lê Thị Hồng Nhung/Lê Thị Hồng Nhung Anh/'
cp -a unit unit-b
pack unit r2.json
expect 0 import-r2 $CENTRAL $C import --receipts rc out
expect 0 history $CENTRAL $C history BVDKM 2024
has .out "Đơn vị BVDKM (Bệnh viện Đa khoa Minh Hòa), báo cáo năm 2024: 2 lần gửi" history-heading
same "$(sed -n '3p' .out | cut -f1,3)" "2	đang dùng (đã hợp nhất)" history-newest-first
same "$(sed -n '4p' .out | cut -f1,3)" "1	đã có lần gửi mới hơn" history-older
same "$(sed -n '3p' .out | cut -f2)" "$(merged_hash | cut -c1-12)" history-hash
expect 0 history-json $CENTRAL $C history BVDKM 2024 --format json
has .out "\"merged\":\"$(merged_hash)\",\"conflict_revision\":0" history-json-merged
has .out '"revision":1,"hash":"' history-json-r1
expect 0 history-csv $CENTRAL $C history BVDKM 2024 --format csv -o h.csv
has h.csv "revision,hash,state,packed_at,observed_at,observed_by,late,source" history-csv-head
has h.csv "2,$(merged_hash),merged," history-csv-row
expect 0 history-en $CENTRAL $C --lang en history BVDKM 2024
has .out "merged (in use)" history-en
# With no revisions named: the merged one against the one before it.
expect 0 diff $CENTRAL $C diff BVDKM 2024
has .out "Đơn vị BVDKM, năm 2024: từ lần gửi 1 (" diff-heading
has .out "~ Tổng số CBCCVC, người lao động của đơn vị: 1.260 → 1.300" diff-field
has .out "~ Mô hình hay, cách làm sáng tạo, dòng 2: Hiệu quả, khả năng nhân rộng: Ghi nhận hơn 9.400" diff-cell
has .out "→ Ghi nhận hơn 9.900" diff-cell-new
has .out "- Đề nghị khen thưởng cấp trên, dòng 3: Tên tập thể hoặc họ tên cá nhân: Lê Thị Hồng Nhung → (trống)" diff-row-removed
has .out "+ Đề nghị khen thưởng cấp trên, dòng 3: Tên tập thể hoặc họ tên cá nhân: (trống) → Lê Thị Hồng Nhung Anh" diff-row-added
has .out "== Thông tin chung ==" diff-section
hasnt .out "Mười lăm phút" diff-unchanged-rows-left-out
same "$(grep -c '^[~+-] ' .out)" "$(sed -n '1s/.*: \([0-9]*\) thay đổi$/\1/p' .out)" diff-count
# Named: by revision and by the start of a hash; the same result.
cp .out diff-default
expect 0 diff-named $CENTRAL $C diff BVDKM 2024 1 "$(merged_hash | cut -c1-6)"
same "$(cat .out)" "$(cat diff-default)" diff-named-same
expect 0 diff-reversed $CENTRAL $C diff BVDKM 2024 2 1
has .out "~ Tổng số CBCCVC, người lao động của đơn vị: 1.300 → 1.260" diff-reversed
expect 2 diff-one-revision $CENTRAL $C diff BVDKM 2024 1
one_line diff-one-revision
expect 1 diff-no-revision $CENTRAL $C diff BVDKM 2024 1 7
has .err "đơn vị BVDKM không có lần gửi 7 cho năm 2024" diff-no-revision
one_line diff-no-revision
expect 1 diff-bad-name $CENTRAL $C diff BVDKM 2024 1 "zz;"
one_line diff-bad-name
expect 1 history-unknown-unit $CENTRAL $C history NOPE 2024
has .err "không có đơn vị NOPE" history-unknown-unit
expect 1 diff-nothing-sent $CENTRAL $C diff KHAC 2024
one_line diff-nothing-sent
expect 0 history-nothing-sent $CENTRAL $C history KHAC 2024
has .out "0 lần gửi" history-nothing-sent

# --- a conflict: the copy packs revision 2 with other content ---------------------------------
report r2b.json 's/"chung.tong_so_nguoi": 1260/"chung.tong_so_nguoi": 1350/'
rm out/*
pack unit-b r2b.json
expect 0 import-conflict $CENTRAL $C import --receipts rc out
has .out "xung đột 1" import-conflict
first=$(merged_hash)
other=$(sql "SELECT lower(hex(hash)) FROM bundle WHERE state = 'conflict'")
same "$(unit_state)" conflict conflict-before
expect 0 history-conflict $CENTRAL $C history BVDKM 2024
has .out "Lần gửi 2 có các bản khác nhau (xung đột): cần chọn một bản." history-conflict-says
same "$(sed -n '3p' .out | cut -f1-3)" "2	$(echo "$other" | cut -c1-12)	XUNG ĐỘT" history-conflict-row
# Unnamed, diff compares the two candidates, the one in use first.
expect 0 diff-conflict $CENTRAL $C diff BVDKM 2024
has .out "từ lần gửi 2 ($(echo "$first" | cut -c1-12)) đến lần gửi 2 ($(echo "$other" | cut -c1-12))" diff-conflict-pair
has .out "1.300 → 1.350" diff-conflict-figure

# --- settle: refusals first, nothing changed by them ------------------------------------------
expect 2 settle-no-reason $CENTRAL $C settle BVDKM 2024 "$(echo "$other" | cut -c1-8)"
has .err "--reason" settle-no-reason
one_line settle-no-reason
expect 1 settle-empty-reason $CENTRAL $C settle BVDKM 2024 "$(echo "$other" | cut -c1-8)" --reason "  "
has .err "cần ghi lý do" settle-empty-reason
one_line settle-empty-reason
expect 1 settle-not-candidate $CENTRAL $C settle BVDKM 2024 1 --reason "bản cũ"
has .err "không phải một trong các bản xung đột của lần gửi 2" settle-not-candidate
expect 1 settle-no-conflict $CENTRAL $C settle KHAC 2024 1 --reason "không có gì"
has .err "không có xung đột nào cần xử lý" settle-no-conflict
expect 1 settle-ambiguous $CENTRAL $C settle BVDKM 2024 2 --reason "lần gửi 2"
has .err "lần gửi 2 có 2 gói khác nhau" settle-ambiguous
same "$(merged_hash)" "$first" refusals-leave-merged
same "$(sql "SELECT count(*) FROM staff_action WHERE action = 'settle'")" 0 refusals-log-nothing
same "$(unit_state)" conflict refusals-leave-conflict

# --- settle: the copy's bundle chosen ------------------------------------------------------------
expect 0 settle $CENTRAL $C settle BVDKM 2024 "$(echo "$other" | cut -c1-8)" --reason "Đã gọi điện: đơn vị xác nhận 1.350 người"
has .out "Đã chọn gói $(echo "$other" | cut -c1-12) làm báo cáo năm 2024 của đơn vị BVDKM; 1 gói để riêng" settle-says
has .out "nguyenvana" settle-says-who
same "$(merged_hash)" "$other" settle-merged
same "$(sql "SELECT state FROM bundle WHERE lower(hex(hash)) = '$other'")" merged settle-state
same "$(sql "SELECT lower(hex(bundle_hash)) FROM bundle_set_aside")" "$first" settle-set-aside
same "$(sql "SELECT staff, action, unit_code, year, at FROM staff_action WHERE action = 'settle'")" \
	"nguyenvana settle BVDKM 2024 2024-12-01T03:00:00Z" settle-logged
has_detail=$(sql "SELECT detail FROM staff_action WHERE action = 'settle'")
case "$has_detail" in *"lý do: Đã gọi điện: đơn vị xác nhận 1.350 người"*) ok ;; *) bad "settle-logged-reason: $has_detail" ;; esac
same "$(sql "SELECT count(*) FROM bundle WHERE unit_code = 'BVDKM'")" 3 settle-keeps-every-bundle
# The board, status and exports say what was chosen.
same "$(unit_state)" on_time settle-status
expect 0 status-after $CENTRAL $C status 2024 --format json
has .out '"conflict":0,' settle-counts
expect 0 export-after $CENTRAL $C export 2024 --format json -o tong-hop.json
has tong-hop.json '"chung.tong_so_nguoi": 1350' settle-exported
has tong-hop.json "\"bundle\":\"$other\"" settle-exported-bundle
expect 0 history-settled $CENTRAL $C history BVDKM 2024
same "$(sed -n '3p' .out | cut -f1,3)" "2	đang dùng (đã hợp nhất)" history-settled-chosen
same "$(sed -n '4p' .out | cut -f1,3)" "2	để riêng khi chọn bản" history-settled-aside
hasnt .out "xung đột" history-settled-no-conflict
expect 1 settle-again $CENTRAL $C settle BVDKM 2024 "$(echo "$first" | cut -c1-8)" --reason "đổi ý"
has .err "không có xung đột" settle-again
# The set-aside bundle imported again: already had, still settled.
expect 0 import-again $CENTRAL $C import --receipts rc out
has .out "đã có 1" import-again-dup
same "$(unit_state)" on_time import-again-settled

# --- a later revision supersedes as before; a conflict on it is a conflict again ---------------
report r3.json 's/"chung.tong_so_nguoi": 1260/"chung.tong_so_nguoi": 1400/'
rm out/*
pack unit r3.json
expect 0 import-r3 $CENTRAL $C import --receipts rc out
same "$(sql "SELECT revision FROM merged")" 3 r3-merged
same "$(sql "SELECT state FROM bundle WHERE lower(hex(hash)) = '$other'")" superseded r3-supersedes-chosen
same "$(unit_state)" on_time r3-status
report r3b.json 's/"chung.tong_so_nguoi": 1260/"chung.tong_so_nguoi": 1450/'
rm out/*
pack unit-b r3b.json
expect 0 import-r3-conflict $CENTRAL $C import --receipts rc out
same "$(unit_state)" conflict r3-conflict-again
expect 0 diff-r3 $CENTRAL $C diff BVDKM 2024
has .out "1.400 → 1.450" diff-r3-candidates

harness_end
