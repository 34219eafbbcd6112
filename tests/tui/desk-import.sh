#!/bin/sh
# desk-import.sh: the central's desk imports from the screen (the menu's "Nhận gói"): a folder
# with a good bundle in a mailbox received before the deadline, one imported late, a duplicate,
# a conflict and a tampered one; the passphrase asked again after a wrong one; the progress and
# result screen, the receipts written, the database and the board's counts after; another
# import holding the lock said in one line; then the board's F6 exports the year into a folder,
# byte for byte the files xhht-central export and status write. At 80×24.
# Usage: sh tests/tui/desk-import.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"
GEN="$PWD/$BUILD/gen-bundles"
need_program "$GEN"

UI_IMPORT_ROW="Nhận gói: từ thư mục, USB hoặc hộp thư"
UI_IMPORT_FROM="Nhận gói từ đâu?"
UI_IMPORT_PASS="Cụm mật khẩu của khóa văn phòng"
UI_IMPORT_TOTALS="Tổng cộng 5 gói: đã gộp 2, đã có 1, bản cũ 0, xung đột 1, bị từ chối 1."
UI_IMPORT_DONE="Xong. Nộp muộn (sau hạn): 1. Đã ghi 3 biên nhận."
UI_IMPORT_BUSY="một lần nhận gói khác đang chạy"
UI_SAVE_WHAT="Ghi gì ra tệp? (năm 2024)"

# --- the world: a central with five units (registered 15/11), bundles made by gen-bundles -----
C="$T/central" WK="$T/work"
mkdir -p "$WK/goi" "$WK/bien-nhan" "$WK/xuat" "$T/cli" "$T/rc0"
printf 'mat khau trung uong 2024\n' >"$T/cpass"
central() { "$CENTRAL" --data "$C" --passphrase-file "$T/cpass" "$@" >"$OUT" 2>"$ERR" </dev/null; }
export XHHT_NOW=2024-11-15T03:00:00Z
central init || bad "central init: $(excerpt "$ERR")"
"$GEN" --sample "$SAMPLE" --conflict "$C" "$T/cpass" 5 "$T/gen" >"$OUT" 2>"$ERR" || bad "gen-bundles: $(excerpt "$ERR")"
g() { echo "$T/gen/XHHT-2024-$1.xhht"; }
# Imported on time from the command line on 01/12: U0001 (sent again below: a duplicate) and
# U0002 (its other revision 1 below: a conflict).
XHHT_NOW=2024-12-01T03:00:00Z central import --receipts "$T/rc0" "$(g U0001-r1)" "$(g U0002-r1)" ||
	bad "first import: $(excerpt "$ERR") $(excerpt "$OUT")"
cp "$(g U0001-r1)" "$WK/goi/"
cp "$(g U0002-r1-conflict)" "$WK/goi/"
cp "$(g U0005-r1)" "$WK/goi/" # a file, imported on 10/12: late
# U0004's bundle with one byte changed in its sealed body: refused, the others go on.
cp "$(g U0004-r1)" "$WK/goi/XHHT-2024-U0004-r1.xhht"
size=$(wc -c <"$WK/goi/XHHT-2024-U0004-r1.xhht")
printf '\377' | dd of="$WK/goi/XHHT-2024-U0004-r1.xhht" bs=1 seek=$((size - 40)) conv=notrunc 2>/dev/null
# U0003's bundle in a mailbox the Ministry's mail server received on 04/12 (its topmost
# Received: field): on time, though imported on 10/12.
{
	echo "From MAILER-DAEMON Wed Dec  4 02:00:00 2024"
	echo "Received: from mx.u0003.example by mx.moh.example; Wed, 4 Dec 2024 09:00:00 +0700"
	echo "From: van-thu@u0003.example"
	echo "To: thi-dua@moh.example"
	echo "Subject: Bao cao nam 2024"
	echo "Message-ID: <u0003@xhht.test>"
	echo
	echo '-----BEGIN XHHT BUNDLE-----'
	base64 -w 76 "$(g U0003-r1)"
	echo '-----END XHHT BUNDLE-----'
} >"$WK/goi/thu.mbox"
unset XHHT_NOW

# desk NAME: the desk on the central's folder on 10/12/2024, in the work folder.
desk() {
	_xhht=$XHHT
	XHHT=$CENTRAL
	export XHHT_NOW=2024-12-10T03:00:00Z # the importer's clock, in the tmux server it starts
	TUI_TODAY=2024-12-10 TUI_DATA="$C" TUI_CWD="$WK" tui_start "$@"
	unset XHHT_NOW
	XHHT=$_xhht
}
# menu_import: F8, the import row, a folder.
menu_import() {
	keys F8
	see "Chức năng của bàn làm việc" "$1-menu"
	choose "$UI_IMPORT_ROW" "$1-menu-row"
	keys Enter
}

begin desk-import
W=80 H=24 desk desk-import
see "2/5 đơn vị đã nộp, 0 nộp muộn, 0 xung đột, 3 chưa nộp" desk-import-board-before
# Another import (the command line's) holds the lock: said in one line, nothing asked.
# (flock holds it while its child runs; the child writes its pid, to be ended below.)
flock "$C/import.lock" sh -c 'echo $$ >"$0"; exec sleep 30' "$T/holder.pid" &
holder=$!
poll 5 0.05 sh -c "! flock -n '$C/import.lock' true" || bad "desk-import-busy: the lock was not taken"
expect 2 desk-import-cli-busy "$CENTRAL" --data "$C" --passphrase-file "$T/cpass" import "$WK/goi"
has "$ERR" "$UI_IMPORT_BUSY" desk-import-cli-busy-says
menu_import desk-import-busy
see "$UI_IMPORT_BUSY" desk-import-busy-says
notsee "$UI_IMPORT_FROM" desk-import-busy-asks-nothing
kill "$(cat "$T/holder.pid")" 2>/dev/null
wait "$holder" 2>/dev/null
# Now the import: a folder, the receipts folder, a wrong passphrase, then the right one.
menu_import desk-import
see "$UI_IMPORT_FROM" desk-import-from
keys Enter
see "Chọn thư mục có các gói" desk-import-chooser
choose "goi/" desk-import-choose-goi
keys Enter
see "$WK/goi" desk-import-in-goi
keys Enter
see "Ghi biên nhận vào thư mục nào?" desk-import-receipts-chooser
choose "bien-nhan/" desk-import-choose-receipts
keys Enter
see "$WK/bien-nhan" desk-import-in-receipts
keys Enter
see "$UI_IMPORT_PASS" desk-import-passphrase
typ "sai mat khau"
keys Enter
see "sai cụm mật khẩu" desk-import-wrong-passphrase
typ "mat khau trung uong 2024"
keys Enter
see "$UI_IMPORT_TOTALS" desk-import-totals
see "$UI_IMPORT_DONE" desk-import-done
see "[########################################] 5/5 tệp đã xem" desk-import-bar
resize_check desk-import-resize "$UI_IMPORT_TOTALS"
$S resize-window -t 0 -x 80 -y 24
see "$UI_IMPORT_DONE" desk-import-done-after-resize
rows_has() { screen; grep -F -- "$1" "$SCR" | grep -qF -- "$2"; }
for pair in "U0001 |đã có" "U0002 |XUNG ĐỘT" "XHHT-2024-U0004-r1.xhht|TỪ CHỐI" "U0005 |gộp, MUỘN" \
	"thu.mbox|U0003" "thu.mbox|đã gộp"; do
	if rows_has "${pair%%|*}" "${pair#*|}"; then ok; else
		bad "desk-import-row: no \"${pair#*|}\" on the line of ${pair%%|*}"
		show
	fi
done
# Enter: a line in full: the tampered bundle's refusal with its class, the late one's receipt.
row_details() {
	keys Home
	i=0
	while ! highlighted | grep -qF "$1" && [ $i -lt 6 ]; do
		keys Down
		sleep 0.1
		i=$((i + 1))
	done
	keys Enter
	see "Kết quả của một gói" "$2"
}
row_details XHHT-2024-U0004-r1.xhht desk-import-details
see "Lý do: gói bị hỏng hoặc bị sửa" desk-import-details-reason
keys Enter
row_details "U0005 " desk-import-details-late
see "nộp muộn (Bộ nhận sau hạn)" desk-import-details-late-says
see "bien-nhan/XHHT-2024-U0005-r1.rec" desk-import-details-receipt
keys Enter
# The receipts, the database.
same "$(ls "$WK/bien-nhan" | sort | tr '\n' ' ')" \
	"XHHT-2024-U0002-r1.receipt XHHT-2024-U0003-r1.receipt XHHT-2024-U0005-r1.receipt " desk-import-receipts
central status 2024 --format json
has "$OUT" '"counts":{"not_received":1,"on_time":2,"late":1,"conflict":1,"needs_fixing":0,"approved":0}' desk-import-status
grep '"code":"U0005"' "$OUT" | grep -q '"state":"late"' && ok || bad "desk-import: U0005 is not late"
grep '"code":"U0003"' "$OUT" | grep -q '"state":"on_time".*"observed_by":"mail"' && ok ||
	bad "desk-import: U0003 is not on time by its mail server's time"
# Back on the board: the counts of the import.
esc
see "4/5 đơn vị đã nộp, 1 nộp muộn, 1 xung đột, 1 chưa nộp" desk-import-board-after

# --- the board's F6: the year's exports, the same bytes as the command line's ---------------
keys F6
see "$UI_SAVE_WHAT" desk-export-what
see "Thư đôn đốc và danh sách đơn vị chưa nộp" desk-export-reminders-row
keys Up # from the first line to the last: all the export files
see "Tất cả các tệp số liệu trên" desk-export-all-row
keys Enter
see "Ghi vào thư mục nào?" desk-export-chooser
choose "xuat/" desk-export-choose
keys Enter
see "$WK/xuat" desk-export-in-folder
keys Enter
see "tệp vào $WK/xuat" desk-export-said
export XHHT_NOW=2024-12-10T03:00:00Z XHHT_TODAY=2024-12-10
central export 2024 --format html -o "$T/cli/tong-hop-2024.html" || bad "export html: $(excerpt "$ERR")"
central export 2024 --format csv -o "$T/cli/tong-hop-2024.csv" || bad "export csv: $(excerpt "$ERR")"
central export 2024 --format json -o "$T/cli/tong-hop-2024.json" || bad "export json: $(excerpt "$ERR")"
central status 2024 --format csv -o "$T/cli/trang-thai-2024.csv" || bad "status csv: $(excerpt "$ERR")"
export XHHT_TODAY=2024-11-20
unset XHHT_NOW
same "$(ls "$WK/xuat" | tr '\n' ' ')" "$(ls "$T/cli" | tr '\n' ' ')" desk-export-same-files
[ "$(ls "$T/cli" | wc -l)" -ge 5 ] && ok || bad "desk-export: the command line wrote $(ls "$T/cli")"
for f in "$T/cli"/*; do
	cmp -s "$f" "$WK/xuat/${f##*/}" && ok || bad "desk-export: ${f##*/} differs from xhht-central's"
done
# The same chooser from the desk's menu.
keys F8
see "Chức năng của bàn làm việc" desk-export-menu
choose "Xuất số liệu của năm (HTML, CSV, JSON, danh sách trạng thái)" desk-export-menu-row
keys Enter
see "$UI_SAVE_WHAT" desk-export-menu-what
esc
wait_gone "$UI_SAVE_WHAT"
quit_with F10 desk-import-quit
end

# --- a long import stopped with Ctrl-C: the bundles done are committed and answered, the rest
# left for the next run ------------------------------------------------------------------------
C2="$T/central2"
mkdir -p "$WK/nhieu" "$WK/bien-nhan-2"
XHHT_NOW=2024-11-15T03:00:00Z "$CENTRAL" --data "$C2" --passphrase-file "$T/cpass" init >"$OUT" 2>"$ERR" </dev/null ||
	bad "central2 init: $(excerpt "$ERR")"
XHHT_NOW=2024-11-15T03:00:00Z "$GEN" --sample "$SAMPLE" "$C2" "$T/cpass" 2000 "$WK/nhieu" >"$OUT" 2>"$ERR" ||
	bad "gen-bundles 2000: $(excerpt "$ERR")"
begin desk-import-stop
_c=$C
C=$C2
W=80 H=24 desk desk-import-stop
C=$_c
menu_import desk-import-stop
see "$UI_IMPORT_FROM" desk-import-stop-from
keys Enter
choose "nhieu/" desk-import-stop-choose
keys Enter
see "$WK/nhieu" desk-import-stop-in
keys Enter
choose "bien-nhan-2/" desk-import-stop-receipts
keys Enter
see "$WK/bien-nhan-2" desk-import-stop-in-receipts
keys Enter
see "$UI_IMPORT_PASS" desk-import-stop-passphrase
typ "mat khau trung uong 2024"
keys Enter
see "Đang nhận…" desk-import-stop-running
keys C-c
see "Đã dừng theo yêu cầu:" desk-import-stop-stopped
done_n=$(sed -n 's/.*Đã dừng theo yêu cầu: \([0-9]*\) gói.*/\1/p' "$SCR")
if [ -n "$done_n" ] && [ "$done_n" -gt 0 ] && [ "$done_n" -lt 2000 ]; then ok; else
	bad "desk-import-stop: $done_n bundles done, wanted some and not all"
	show
fi
see "Tổng cộng $done_n gói: đã gộp $done_n," desk-import-stop-totals
"$CENTRAL" --data "$C2" status 2024 --format json >"$OUT" 2>"$ERR" </dev/null
has "$OUT" "\"late\":$done_n," desk-import-stop-committed # imported on 10/12
same "$(ls "$WK/bien-nhan-2" | grep -c '\.receipt$')" "$done_n" desk-import-stop-receipts-written
quit_with F10 desk-import-stop-quit
end

tui_end
