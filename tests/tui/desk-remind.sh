#!/bin/sh
# desk-remind.sh: the central's desk, the board's reminders key: the year's units not heard from
# written as a CSV (with the contact of each one's last earlier report) and printable letters
# into a folder chosen in the chooser, at 80×24.
# Usage: sh tests/tui/desk-remind.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

UI_REMIND_HELP="Ghi danh sách đơn vị chưa nộp"
UI_REMIND_CHOOSER="Ghi thư đôn đốc vào đâu?"

# --- the world: BVDKM sent its 2023 report and not 2024's; VDD never sent one ------------------
clerk_world
central unit add VDD "Viện Dinh dưỡng" vien || bad "unit add VDD: $(excerpt "$ERR")"
sed 's/2024/2023/g' "$SAMPLE" >"$T/report-2023.json"
mkdir -p "$E/goi-2023" "$E/work/nhac"
if "$XHHT" --data "$E/u" --passphrase-file "$E/upass" enroll "$E/work/dang-ky.xhht" --code "$ECODE" \
	>"$OUT" 2>"$ERR" </dev/null &&
	"$XHHT" --data "$E/u" load 2023 "$T/report-2023.json" >"$OUT" 2>"$ERR" </dev/null &&
	"$XHHT" --data "$E/u" --passphrase-file "$E/upass" pack 2023 -o "$E/goi-2023" \
		>"$OUT" 2>"$ERR" </dev/null; then ok; else bad "BVDKM 2023: $(excerpt "$ERR")"; fi
central import "$E/goi-2023" || bad "import 2023: $(excerpt "$ERR") $(excerpt "$OUT")"

desk() { desk_start "$@"; }

begin desk-remind
W=80 H=24 desk desk-remind
see "bảng theo dõi năm 2024" desk-remind-board
keys F1
keys PgDn
see "$UI_REMIND_HELP" desk-remind-help
keys Escape
see "bảng theo dõi năm 2024" desk-remind-back
keys F6
see "Ghi gì ra tệp? (năm 2024)" desk-remind-save-what
keys Enter # the first line: the reminders
see "$UI_REMIND_CHOOSER" desk-remind-chooser
choose "nhac/" desk-remind-choose-folder
keys Enter
see "$E/work/nhac" desk-remind-in-folder
keys Enter
see "thu-don-doc-2024.html: 2" desk-remind-said
CSV="$E/work/nhac/nhac-nop-2024.csv" HTML="$E/work/nhac/thu-don-doc-2024.html"
[ -f "$CSV" ] && [ -f "$HTML" ] && ok || bad "desk-remind: files not written: $(ls "$E/work/nhac")"
grep -q '^BVDKM,Bệnh viện Đa khoa Minh Hòa,,2024,2024-12-05,0,2023,Trần Quốc Khánh,Giám đốc,' "$CSV" && ok ||
	bad "desk-remind-csv: BVDKM's line is not there with its 2023 contact: $(excerpt "$CSV")"
grep -q '^VDD,Viện Dinh dưỡng,vien,2024,' "$CSV" && ok || bad "desk-remind-csv: no VDD line"
same "$(grep -c 'class="letter"' "$HTML")" 2 desk-remind-two-letters
has "$HTML" "Kính gửi: <b>Viện Dinh dưỡng</b>" desk-remind-letter-vdd
# The same from the desk's menu: F8 lists the views, reminders among them.
rm -f "$CSV" "$HTML"
keys F8
see "Chức năng của bàn làm việc" desk-remind-menu
see "Nhắc nộp: danh sách đơn vị chưa nộp" desk-remind-menu-row
keys Enter
see "$UI_REMIND_CHOOSER" desk-remind-menu-chooser
keys Enter
see "thu-don-doc-2024.html: 2" desk-remind-menu-said
[ -f "$CSV" ] && [ -f "$HTML" ] && ok || bad "desk-remind-menu: files not written: $(ls "$E/work/nhac")"
quit_with F10 desk-remind-quit
end

tui_end
