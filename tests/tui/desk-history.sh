#!/bin/sh
# desk-history.sh: the central's desk, a unit's report history: from the report view (Ctrl-R) the
# list of bundles received, two revisions compared side by side (label | older | newer), a
# conflict's two candidates opened, one chosen with a reason typed in a dialog and confirmed;
# then the history, the report view and the board say so, and the database holds the chosen
# bundle as merged, the other set aside and the staff log's row. At 80×24, and after resizes.
# Usage: sh tests/tui/desk-history.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"
DBCHECK="$PWD/$BUILD/db-check"
need_program "$DBCHECK"
export USER=nguyenvana

# The words of these screens this file looks for.
UI_BOARD="đơn vị đã nộp"
UI_HISTORY_TITLE="BVDKM — Bệnh viện Đa khoa Minh Hòa — lịch sử báo cáo năm 2024"
UI_HISTORY_CONFLICT="XUNG ĐỘT ở lần gửi 2"
UI_DIFF_TITLE="BVDKM — năm 2024 — so sánh hai lần gửi"
UI_SETTLE_TITLE="BVDKM — năm 2024 — xung đột ở lần gửi 2: chọn một bản"
UI_SET_ASIDE="để riêng khi chọn bản"

desk() { desk_start "$@"; }
sql() { "$DBCHECK" "$E/central/xhht-central.db" --sql "$1" | tr '\t' ' '; }
# pack_from FOLDER SED: the sample report (revision 0) changed by SED, loaded into the unit's
# data folder FOLDER and packed into $E/work/goi.
pack_from() {
	sed "s/\"revision\": 1,/\"revision\": 0,/; s/\"chung.ngay_bao_cao\": \"2024-11-25\"/\"chung.ngay_bao_cao\": \"2024-11-18\"/; $2" "$SAMPLE" >"$T/r.json"
	if "$XHHT" --data "$1" load 2024 "$T/r.json" >"$OUT" 2>"$ERR" </dev/null &&
		"$XHHT" --data "$1" --passphrase-file "$E/upass" pack 2024 -o "$E/work/goi" >"$OUT" 2>"$ERR" </dev/null; then ok; else
		bad "load and pack in $1: $(excerpt "$ERR")"
	fi
}
imports() {
	if central import --receipts "$E/work/bien-nhan" "$E/work/goi"; then ok; else bad "import: $(excerpt "$ERR")"; fi
	rm -f "$E/work/goi"/*
}

# --- the state: revision 1, revision 2, and a copy of the unit's folder packing another 2 ------
clerk_enrolled
export XHHT_NOW=2024-11-18T03:00:00Z
pack_from "$E/data" ''
imports
cp -a "$E/data" "$E/data-b"
export XHHT_NOW=2024-11-19T03:00:00Z
pack_from "$E/data" 's/"chung.tong_so_nguoi": 1260/"chung.tong_so_nguoi": 1300/; s/Ghi nhận hơn 9.400 lượt/Ghi nhận hơn 9.900 lượt/'
imports
export XHHT_NOW=2024-11-20T03:00:00Z
pack_from "$E/data-b" 's/"chung.tong_so_nguoi": 1260/"chung.tong_so_nguoi": 1350/'
imports
unset XHHT_NOW
FIRST=$(sql "SELECT lower(hex(bundle_hash)) FROM merged")
OTHER=$(sql "SELECT lower(hex(hash)) FROM bundle WHERE state = 'conflict'")
[ -n "$FIRST" ] && [ -n "$OTHER" ] && ok || bad "no conflict made: merged '$FIRST', conflict '$OTHER'"

# --- the report, its history, two revisions compared -------------------------------------------
begin desk-history
W=80 H=24
desk desk-history
see "$UI_BOARD" board
see "1 xung đột" board-conflict
down_to BVDKM
keys Enter
see "BVDKM — Bệnh viện Đa khoa Minh Hòa — báo cáo năm 2024, lần gửi 2" report
see "Bộ nhận 19/11/2024 10:00" report-in-use
see "Ctrl-R Lịch sử" report-hint
keys C-r
see "$UI_HISTORY_TITLE" history
see "3 lần gửi; đang dùng: lần gửi 2 (gói $(echo "$FIRST" | cut -c1-12))" history-summary
see "$UI_HISTORY_CONFLICT" history-conflict
see "F2 Xử lý xung đột" history-settle-hint
see "$(echo "$OTHER" | cut -c1-12)" history-conflict-row
see "đã có lần gửi mới hơn" history-older-row
resize_check history-resize "$UI_HISTORY_CONFLICT"
$S resize-window -t 0 -x 80 -y 24
# Enter on revision 1: against the one in use.
keys End
keys Enter
see "$UI_DIFF_TITLE" diff
see "Lần gửi 1 · " diff-old-column
see "Lần gửi 2 · $(echo "$FIRST" | cut -c1-12)" diff-new-column
see "Thông tin chung" diff-section
see "1.260" diff-old-value
see "1.300" diff-new-value
notsee "1.350" diff-not-the-conflict
# The changed cell of a table row, further down.
i=0
while ! shows "Ghi nhận hơn 9.900" && [ $i -lt 10 ]; do keys PgDn; sleep 0.1; i=$((i + 1)); done
see "Ghi nhận hơn 9.900" diff-table-cell
see "Mô hình hay" diff-table-label
esc
see "$UI_HISTORY_TITLE" diff-back
# Its help again, not the comparison's.
keys F1
see "Mọi lần gửi báo cáo năm này của đơn vị" history-help
esc
see "$UI_HISTORY_TITLE" history-help-closed
# Any two: Space on the conflicting one, Space on revision 1.
keys Home
keys Space
see "Đã chọn lần gửi 2 (gói $(echo "$OTHER" | cut -c1-12))" history-picked
keys End
keys Space
see "$UI_DIFF_TITLE" diff-two
see "1.350" diff-two-conflict-value
see "1.260" diff-two-first-value
resize_check diff-resize "$UI_DIFF_TITLE"
$S resize-window -t 0 -x 80 -y 24
esc
see "$UI_HISTORY_TITLE" diff-two-back

# --- the conflict settled: side by side, a choice, a reason, a confirmation ----------------------
keys F2
see "$UI_SETTLE_TITLE" settle-screen
see "1.300" settle-in-use
see "1.350" settle-other
see "F2 Chọn bản" settle-hint
keys F2
see "Dùng bản nào làm báo cáo của đơn vị?" settle-choose
keys Down Enter
see "Lý do chọn bản này" settle-reason
# An empty reason is not taken.
keys Enter
see "Cần ghi lý do" settle-reason-needed
typ "Don vi goi dien xac nhan ban moi"
keys Enter
see "Dùng gói $(echo "$OTHER" | cut -c1-12) làm báo cáo năm 2024 của đơn vị BVDKM?" settle-confirm
keys Enter
see "Đã chọn gói $(echo "$OTHER" | cut -c1-12) làm báo cáo của đơn vị BVDKM" settle-done
see "$UI_HISTORY_TITLE" settle-back-to-history
see "$UI_SET_ASIDE" history-set-aside
notsee "$UI_HISTORY_CONFLICT" history-no-conflict
# The database: the chosen bundle merged, the other set aside, who and why in the staff log.
same "$(sql "SELECT lower(hex(bundle_hash)) FROM merged")" "$OTHER" db-merged
same "$(sql "SELECT lower(hex(bundle_hash)) FROM bundle_set_aside")" "$FIRST" db-set-aside
same "$(sql "SELECT staff, action, unit_code, year FROM staff_action WHERE action = 'settle'")" "nguyenvana settle BVDKM 2024" db-logged
case "$(sql "SELECT detail FROM staff_action WHERE action = 'settle'")" in
*"lý do: Don vi goi dien xac nhan ban moi") ok ;;
*) bad "db-logged-reason: $(sql "SELECT detail FROM staff_action WHERE action = 'settle'")" ;;
esac
central status 2024 --format json
has "$OUT" '"conflict":0,' db-status-no-conflict
# Back on the report: the chosen one's figures; on the board: no conflict.
esc
see "BVDKM — Bệnh viện Đa khoa Minh Hòa — báo cáo năm 2024, lần gửi 2" report-again
see "Bộ nhận 20/11/2024 10:00" report-shows-chosen
esc
see "$UI_BOARD" board-again
see "0 xung đột" board-no-conflict
# Ctrl-R on the board's unit: its history at once.
down_to BVDKM
keys C-r
see "$UI_HISTORY_TITLE" board-history
see "$UI_SET_ASIDE" board-history-set-aside
quit_with F10 desk-history
end

# --- without diacritics (a terminal that cannot show them): the history and a comparison -------
begin desk-history-ascii
W=80 H=24 TUI_LANG=C desk desk-history-ascii
see "don vi da nop" ascii-board
down_to BVDKM
keys C-r
see "lich su bao cao nam 2024" ascii-history
see "de rieng khi chon ban" ascii-set-aside
keys End
keys Enter
see "so sanh hai lan gui" ascii-diff
see "|" ascii-diff-rule
ascii_screen desk-history-ascii
no_question_marks desk-history-ascii
quit_with F10 desk-history-ascii
end

tui_end
