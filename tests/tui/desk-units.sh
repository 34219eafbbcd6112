#!/bin/sh
# desk-units.sh: the central's desk, units and keys (the board's F8): add a unit (its code
# checked as the command line checks it), write its enrollment file into a chosen folder with
# the office's passphrase and the code shown apart, which xhht enroll takes; the unit's first
# key bound by an import seen without a key pressed; a second machine's key alarm; a wrong and
# a right fingerprint; the unit's page; revoke; enroll again; each action in the staff action
# log with the login name; a CSV list, a bad one refused naming its line. At 80×24, resized,
# in English on a terminal without colour.
# Usage: sh tests/tui/desk-units.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

UI_UNITS="Bàn làm việc: đơn vị và khóa"
UI_UNITS_MENU="Đơn vị và khóa: thêm, tệp đăng ký, đối chiếu vân tay, thu hồi"
UI_OFFICE_PASS="Cụm mật khẩu của khóa văn phòng"
UI_ENROLL_WRITTEN="Đã viết tệp đăng ký cho đơn vị"

# Who acts is the login name the system gives; the log must say it.
export USER=canbo.vtc LOGNAME=canbo.vtc
clerk_world # the central; BVDKM added, its enrollment written from the command line
mkdir -p "$E/work/usb"
sed 's/"chung.ngay_bao_cao": "2024-11-25"/"chung.ngay_bao_cao": "2024-11-18"/' "$SAMPLE" >"$T/report.json"
# unit_sends FOLDER: a unit machine opens VDD's enrollment file with the code the desk showed,
# loads and packs 2024's report; the central imports it (exit status in $rc).
unit_sends() {
	mkdir -p "$1-goi"
	if "$XHHT" --data "$1" --passphrase-file "$E/upass" enroll "$VFILE" --code "$VCODE" \
		>"$OUT" 2>"$ERR" </dev/null &&
		"$XHHT" --data "$1" load 2024 "$T/report.json" >"$T/load.out" 2>"$ERR" </dev/null &&
		"$XHHT" --data "$1" --passphrase-file "$E/upass" pack 2024 -o "$1-goi" \
			>"$T/pack.out" 2>"$T/pack.err" </dev/null; then ok; else
		bad "$1: xhht enroll with the desk's file and code, load, pack: $(excerpt "$ERR") $(excerpt "$T/pack.err")"
	fi
	central import "$1-goi"
	rc=$?
}

begin desk-units
W=80 H=24 desk_start desk-units
see "bảng theo dõi năm 2024" desk-units-board
keys F8
see "$UI_UNITS_MENU" desk-units-menu
choose "$UI_UNITS_MENU" desk-units-menu-choose
keys Enter
see "$UI_UNITS" desk-units-open
see "1 đơn vị — khóa: 0 đã đối chiếu vân tay, 0 đã gắn, 1 chưa có" desk-units-counts
see "BVDKM: chưa có khóa; tệp đăng ký: đã cấp, đơn vị chưa dùng" desk-units-chosen
# Add: a code with a space is refused in place, as unit add refuses it; then right.
keys IC
see "Danh sách đơn vị từ tệp CSV" desk-units-add-choice
keys Enter
see "Mã đơn vị mới" desk-units-add-code
typ "V DD"
keys Enter
see "Mã vừa gõ không hợp lệ: sửa lại." desk-units-add-code-refused
clear_field 4
typ "VDD" # no typing method here: DD stays DD
keys Enter
see "Tên đơn vị VDD (có dấu):" desk-units-add-name
typ "Viện Dinh dưỡng"
keys Enter
see "Nhóm của đơn vị VDD:" desk-units-add-group
choose "viện nghiên cứu (vien)" desk-units-add-group-choose
keys Enter
see "Đã thêm đơn vị VDD — Viện Dinh dưỡng (nhóm viện nghiên cứu)." desk-units-added
see "VDD: chưa có khóa; tệp đăng ký: chưa cấp" desk-units-added-chosen
central unit list
has "$OUT" "VDD	Viện Dinh dưỡng	vien	chưa đăng ký" desk-units-added-db
# F6: the enrollment file into a chosen folder; a wrong passphrase is asked again in place.
keys F6
see "Ghi tệp đăng ký của đơn vị VDD vào đâu?" desk-units-enroll-chooser
choose "usb/" desk-units-enroll-folder
keys Enter
see "$E/work/usb" desk-units-enroll-in-folder
keys Enter
# The Ministry's address for the unit's bundles, as enroll --email: checked as it is there.
see "Địa chỉ thư điện tử của Bộ mà đơn vị VDD gửi gói tới" desk-units-enroll-email
typ "baocao moh.gov.vn"
keys Enter
see "Đó không phải địa chỉ thư điện tử (ví dụ: baocao@moh.gov.vn)" desk-units-enroll-email-refused
clear_field 17
typ "baocao@moh.gov.vn"
keys Enter
see "$UI_OFFICE_PASS" desk-units-enroll-passphrase
typ "không phải mật khẩu"
keys Enter
see "Lần 2/3 (lần trước sai cụm mật khẩu)" desk-units-enroll-wrong-pass
typ "cụm mật khẩu trung ương"
keys Enter
see "$UI_ENROLL_WRITTEN VDD" desk-units-enroll-written
see "Tệp: $E/work/usb/dang-ky-VDD.xhht" desk-units-enroll-path
see "(đơn vị gửi gói tới baocao@moh.gov.vn)" desk-units-enroll-path-email
see "$CFP" desk-units-enroll-ministry-fingerprint
see "Gửi mã theo đường khác với tệp" desk-units-enroll-apart
VCODE=$(sed -n 's/.*Mã đăng ký: \([0-9]\{4\}-[0-9]\{4\}-[0-9]\{4\}\).*/\1/p' "$SCR" | head -n 1)
[ -n "$VCODE" ] && ok || bad "desk-units-enroll: no code shown"
keys Enter
see "$UI_ENROLL_WRITTEN VDD:" desk-units-enroll-said
see "usb/dang-ky-VDD.xhht (mã đăng ký đã" desk-units-enroll-said-file
keys Up Down # the message goes with the next key
see "VDD: chưa có khóa; tệp đăng ký: đã cấp, đơn vị chưa dùng" desk-units-enroll-state
VFILE="$E/work/usb/dang-ky-VDD.xhht"
[ "$(stat -c %a "$VFILE" 2>/dev/null)" = 600 ] && ok || bad "desk-units-enroll: $VFILE missing or not 0600"
hasnt "$VFILE" "$VCODE" desk-units-enroll-code-not-in-file
# The unit takes the file with that code; its first bundle binds its key, which the list shows
# without a key pressed (the importer is another program).
unit_sends "$E/v1"
[ "$rc" = 0 ] && ok || bad "desk-units: VDD's bundle not merged: $(excerpt "$OUT") $(excerpt "$ERR")"
has "$T/pack.err" "thư điện tử tới baocao@moh.gov.vn" desk-units-unit-told-the-address
"$XHHT" --data "$E/v1" status >"$T/status.out" 2>&1
VFP=$(sed -n 's/.*\([0-9]\{4\}\( [0-9]\{4\}\)\{7\}\).*/\1/p' "$T/status.out" | head -n 1)
[ -n "$VFP" ] && ok || bad "desk-units: xhht status gives no key fingerprint: $(excerpt "$T/status.out")"
see "VDD: vân tay $VFP; tệp đăng ký: đã dùng" desk-units-bound-seen
see "1 đã gắn" desk-units-bound-counted
# A second machine with the same file and code: refused, an alarm on the list.
unit_sends "$E/v2"
[ "$rc" = 1 ] && ok || bad "desk-units: the second machine's bundle was not refused ($rc)"
see "1 đơn vị có cảnh báo khóa (!) — 2/2 đơn vị" desk-units-alarm
see "! VDD" desk-units-alarm-mark
# F2: a wrong fingerprint is refused and nothing recorded; the right one confirms.
keys F2
see "Đối chiếu vân tay khóa của đơn vị VDD — Viện Dinh dưỡng" desk-units-confirm-prompt
typ "1111 2222 3333 4444 5555 6666 7777 8888"
keys Enter
see "không khớp với khóa đã gắn cho đơn vị VDD" desk-units-confirm-wrong
notsee "1 đã đối chiếu" desk-units-confirm-wrong-not-recorded
keys F2
typ "$VFP"
keys Enter
see "Đã ghi nhận: vân tay khóa của đơn vị VDD (${VFP%% *}" desk-units-confirmed
see "1 đã đối chiếu vân tay" desk-units-confirmed-counted
# The search, as on the board: without diacritics.
typ "minh hoa"
keys Enter
see "1/2 đơn vị — tìm (Ctrl-F): \"minh hoa\"" desk-units-search
notsee "Viện Dinh dưỡng" desk-units-search-hides
esc
see "Đã bỏ tìm: hiện mọi đơn vị." desk-units-search-cleared
keys End
see "VDD: vân tay" desk-units-end
# The unit's page: as unit show, and its log with who did what.
keys Enter
see "Đơn vị VDD: khóa, đăng ký, cảnh báo, nhật ký" desk-units-page
see "Vân tay khóa đang dùng: $VFP" desk-units-page-key
see "(đã đối chiếu qua điện thoại)" desk-units-page-key-confirmed
see "! khóa lạ" desk-units-page-alarm
keys End
see "Nhật ký việc của cán bộ:" desk-units-page-log
see "canbo.vtc — xác nhận vân tay khóa:" desk-units-page-log-confirm
see "vân tay $VFP khớp" desk-units-page-log-confirm-detail
see "canbo.vtc — thêm đơn vị:" desk-units-page-log-add
see "Viện Dinh dưỡng; nhóm vien" desk-units-page-log-add-detail
# Delete on the page: revoke, asked naming the unit.
keys DC
see "Thu hồi khóa: gói của đơn vị bị từ chối" desk-units-revoke-choice
keys Enter
see "Thu hồi mọi khóa của đơn vị VDD — Viện Dinh dưỡng" desk-units-revoke-question
keys Enter
see "Đã thu hồi 1 khóa của đơn vị VDD" desk-units-revoked
keys Home
see "Chưa có khóa nào đang dùng." desk-units-page-revoked
see "(đã xử lý) khóa lạ" desk-units-page-alarm-resolved
esc
see "1 đã thu hồi" desk-units-revoked-counted
notsee "cảnh báo khóa (!)" desk-units-alarm-gone
# Enroll BVDKM again: revoke, then a new file into the folder chosen last time.
keys Home
see "BVDKM: chưa có khóa" desk-units-home
keys DC
see "Cấp lại: thu hồi khóa rồi viết tệp đăng ký mới" desk-units-again-choice
keys Down Enter
see "Cấp lại cho đơn vị BVDKM — Bệnh viện Đa khoa Minh Hòa" desk-units-again-question
keys Enter
see "$E/work/usb" desk-units-again-kept-folder
keys Enter
see "baocao@moh.gov.vn" desk-units-again-email-kept
keys Enter
see "$UI_OFFICE_PASS" desk-units-again-passphrase
typ "cụm mật khẩu trung ương"
keys Enter
see "$UI_ENROLL_WRITTEN BVDKM" desk-units-again-written
keys Enter
see "$UI_ENROLL_WRITTEN BVDKM:" desk-units-again-said
keys Down Up
see "BVDKM: chưa có khóa; tệp đăng ký: đã cấp, đơn vị chưa dùng" desk-units-again-state
[ -f "$E/work/usb/dang-ky-BVDKM.xhht" ] && ok || bad "desk-units-again: no file"
resize_check desk-units "$UI_UNITS"
quit_with F10 desk-units-quit
end

# --- what the database holds: the keys, and the staff action log -------------------------------
central unit show VDD
has "$OUT" "$VFP  đã thu hồi" desk-units-db-revoked
has "$OUT" "vân tay đã đối chiếu" desk-units-db-confirmed
central log VDD
same "$(sed 1d "$OUT" | cut -f2,3 | tr '\t' ' ' | tr '\n' '|')" \
	"canbo.vtc thu hồi khóa|canbo.vtc xác nhận vân tay khóa|canbo.vtc cấp tệp đăng ký|canbo.vtc thêm đơn vị|" \
	desk-units-db-log
has "$OUT" "thu hồi 1 khóa ($VFP); hủy 0 tệp đăng ký chưa dùng; 1 cảnh báo khóa đã xử lý" desk-units-db-log-revoke
has "$OUT" "; tệp $E/work/usb/dang-ky-VDD.xhht; gửi gói tới baocao@moh.gov.vn" desk-units-db-log-enroll-file
hasnt "$OUT" "$VCODE" desk-units-db-log-no-code
central log BVDKM
same "$(sed 1d "$OUT" | cut -f3 | tr '\n' '|')" "cấp tệp đăng ký|thu hồi khóa|cấp tệp đăng ký|thêm đơn vị|" desk-units-db-log-again
has "$OUT" "hủy 1 tệp đăng ký chưa dùng" desk-units-db-log-again-withdrew

# --- a CSV list: a bad line refuses the whole file, naming it; a good one adds its units ---------
printf 'ma,ten,nhom\nTDHY,Trường Đại học Y Hà Nội,truong\nBAD CODE,Đơn vị B,vien\n' >"$E/work/usb/xau.csv"
printf 'ma,ten,nhom\nTDHY,Trường Đại học Y Hà Nội,truong\nVDD,Viện Dinh dưỡng,vien\n' >"$E/work/usb/don-vi.csv"
begin desk-units-csv
W=80 H=24 desk_start desk-units-csv
keys F8
see "$UI_UNITS_MENU" desk-units-csv-menu
choose "$UI_UNITS_MENU" desk-units-csv-menu-choose
keys Enter
see "$UI_UNITS" desk-units-csv-open
keys IC
see "Danh sách đơn vị từ tệp CSV" desk-units-csv-choice
keys Down Enter
see "Chọn tệp CSV danh sách đơn vị" desk-units-csv-chooser
choose "usb/" desk-units-csv-folder
keys Enter
choose "xau.csv" desk-units-csv-bad-file
keys Enter
see "xau.csv dòng 3: mã đơn vị \"BAD" desk-units-csv-refused
see "2 đơn vị — khóa" desk-units-csv-refused-nothing-added
keys C-n # Insert's second key
keys Down Enter
see "$E/work/usb" desk-units-csv-kept-folder
choose "don-vi.csv" desk-units-csv-good-file
keys Enter
see "Đã thêm 1 đơn vị từ" desk-units-csv-added
see "(1 đơn vị đã có từ trước)." desk-units-csv-known
see "TDHY       Trường Đại học Y Hà Nội" desk-units-csv-listed
quit_with F10 desk-units-csv-quit
end
central log TDHY
has "$OUT" "canbo.vtc	nhập danh sách đơn vị	TDHY	-	Trường Đại học Y Hà Nội; nhóm truong; từ $E/work/usb/don-vi.csv dòng 2" desk-units-csv-logged

# --- in English, on a terminal without colour (xterm-mono) --------------------------------------------
begin desk-units-en
TUI_TERM=xterm-mono W=80 H=24 desk_start desk-units-en --lang en
see "board" desk-units-en-board
keys F8
choose "Units and keys: add, enrollment files, fingerprints, revoke" desk-units-en-menu
keys Enter
see "The desk: units and keys" desk-units-en-open
see "3 units — keys: 0 confirmed, 0 bound, 2 none, 1 revoked" desk-units-en-counts
see "revoked" desk-units-en-state
keys C-k # the second key of the action: F2 is not this terminal's
see "has no bound key: its first bundle has not arrived" desk-units-en-confirm-no-key
quit_with F10 desk-units-en-quit
end

tui_end
