#!/bin/sh
# log.sh: the staff action log from the command line: every unit and key action (unit add,
# unit import, enroll, unit confirm, unit revoke) leaves a row with the login name and what was
# done, read back with xhht-central log [UNIT] [--year YEAR]; refused actions leave none.
# Usage: tests/cli/log.sh BUILD_DIR
set -u
. "$(dirname "$0")/../lib/harness.sh"
harness_start "$@"
need_program "$XHHT" "$CENTRAL"
export XHHT_TODAY=2024-12-01 XHHT_NOW=2024-12-01T03:00:00Z
harness_in_scratch
# Who acts is the login name the system gives (staff_name): $USER first.
export USER=nguyen.van.an LOGNAME=nguyen.van.an

expect 0 init $CENTRAL $C init
expect 0 log-empty $CENTRAL $C log; has .out "Nhật ký chưa ghi việc nào." log-empty-says
expect 0 unit-add $CENTRAL $C unit add BVDKM "Bệnh viện Đa khoa Minh Hòa" benh_vien
printf 'ma,ten,nhom\nVDD,Viện Dinh dưỡng,vien\nBVDKM,Bệnh viện Đa khoa Minh Hòa,benh_vien\n' >don-vi.csv
expect 0 unit-import $CENTRAL $C unit import don-vi.csv
# Refused: an existing code, a bad row, a wrong fingerprint, an unknown unit: nothing logged.
expect 1 unit-add-dup $CENTRAL $C unit add VDD "Tên khác"
printf 'ma,ten,nhom\nAAA,Đơn vị A,vien\nBAD CODE,Đơn vị B,vien\n' >bad.csv
expect 1 unit-import-bad $CENTRAL $C unit import bad.csv
expect 1 revoke-unknown $CENTRAL $C unit revoke CHUACO
mkdir -p usb out
expect 0 enroll $CENTRAL $C enroll BVDKM -o usb/dang-ky.xhht --email baocao@moh.gov.vn
CODE=$(tail -n 1 .out | sed 's/^.*: *//')
EID=$($CENTRAL $C unit show BVDKM | sed -n 's/.*(mã số \([0-9a-f]*\)).*/\1/p' | tail -n 1)
[ -n "$EID" ] && ok || bad "unit show gives no enrollment id"
expect 0 xhht-enroll $XHHT $U enroll usb/dang-ky.xhht --code "$CODE"
UFP=$(sed -n 's/^Vân tay khóa của đơn vị: *//p' .out)
expect 0 load $XHHT $U load 2024 "$SAMPLE"
expect 0 pack $XHHT $U pack 2024 -o out
expect 0 import $CENTRAL $C import out
expect 1 confirm-wrong $CENTRAL $C unit confirm BVDKM "1111 2222 3333 4444 5555 6666 7777 8888"
expect 0 confirm $CENTRAL $C unit confirm BVDKM "$UFP"
expect 0 revoke $CENTRAL $C unit revoke BVDKM

# The whole log, newest first, one line per action, each with the login name.
expect 0 log $CENTRAL $C log
same "$(sed -n 1p .out)" "$(printf 'lúc\tngười làm\tviệc\tđơn vị\tnăm\tchi tiết')" log-heading
same "$(wc -l <.out | tr -d ' ')" 6 log-five-actions
same "$(sed 1d .out | cut -f2 | sort -u)" nguyen.van.an log-login-name
same "$(sed 1d .out | cut -f3,4 | tr '\t' ' ' | tr '\n' '|')" \
	"thu hồi khóa BVDKM|xác nhận vân tay khóa BVDKM|cấp tệp đăng ký BVDKM|nhập danh sách đơn vị VDD|thêm đơn vị BVDKM|" \
	log-order
has .out "	thêm đơn vị	BVDKM	-	Bệnh viện Đa khoa Minh Hòa; nhóm benh_vien" log-unit-add
has .out "	nhập danh sách đơn vị	VDD	-	Viện Dinh dưỡng; nhóm vien; từ don-vi.csv dòng 2" log-unit-import
grep -q "	cấp tệp đăng ký	BVDKM	-	lần đăng ký $EID[0-9a-f]*; tệp usb/dang-ky.xhht; gửi gói tới baocao@moh.gov.vn$" .out &&
	ok || bad "log-enroll: no line with the enrollment $EID, its file and address: $(excerpt .out)"
has .out "	vân tay $UFP khớp với số đơn vị đọc qua điện thoại" log-confirm
has .out "	thu hồi 1 khóa ($UFP); hủy 0 tệp đăng ký chưa dùng; 0 cảnh báo khóa đã xử lý" log-revoke
hasnt .out "Tên khác" log-refused-add
hasnt .out "AAA" log-refused-import
hasnt .out "CHUACO" log-refused-revoke
hasnt .out "1111" log-refused-confirm
# The code travels apart from the file: the log never holds it.
hasnt .out "$CODE" log-no-enrollment-code
# When, in Vietnam time as every command shows it.
same "$(sed -n 2p .out | cut -f1)" "01/12/2024 10:00" log-time-shown

# One unit's, in English; a year narrows to the actions on that year's reports (none here).
expect 0 log-unit $CENTRAL $C --lang en log VDD
same "$(wc -l <.out | tr -d ' ')" 2 log-unit-one-action
has .out "	units imported	VDD	-	" log-unit-en
expect 0 log-year $CENTRAL $C log BVDKM --year 2024; has .out "Nhật ký chưa ghi việc nào." log-year-none
expect 1 log-unknown-unit $CENTRAL $C log CHUACO; has .err "chưa có đơn vị CHUACO" log-unknown-unit-says
expect 2 log-bad-year $CENTRAL $C log --year 24; one_line log-bad-year
# Read-only: the log is read from a folder nobody may write.
chmod a-w central
expect 0 log-read-only $CENTRAL $C log BVDKM
chmod u+w central
harness_end
