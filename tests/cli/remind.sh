#!/bin/sh
# remind.sh: xhht-central remind: the units not heard from in a year, with the contact of their
# last earlier report, as a CSV and as printable letters; refusals write nothing.
# Usage: tests/cli/remind.sh BUILD_DIR
set -u
. "$(dirname "$0")/../lib/harness.sh"
harness_start "$@"
need_program "$XHHT" "$CENTRAL"
export XHHT_TODAY=2024-12-15 XHHT_NOW=2024-12-15T03:00:00Z
harness_in_scratch

# --- no central yet: exit 2, nothing written ---------------------------------------------------
expect 2 remind-no-central $CENTRAL --data "$T/nowhere" remind 2024 --format csv -o none.csv
one_line remind-no-central
[ ! -e none.csv ] && ok || bad "remind-no-central: none.csv written"

expect 0 init $CENTRAL $C init
expect 0 unit-add $CENTRAL $C unit add BVDKM "Bệnh viện Đa khoa Minh Hòa" benh_vien
expect 0 unit-add-2 $CENTRAL $C unit add VDT "Viện Đào tạo" vien
expect 0 unit-add-3 $CENTRAL $C unit add KHAC "=Đơn vị khác"
# BVDKM reported for 2023 only.
expect 0 enroll $CENTRAL $C enroll BVDKM -o bvdkm.enr
CODE=$(sed -n '$s/^Mã đăng ký: *//p' .out)
expect 0 xhht-enroll $XHHT $U enroll bvdkm.enr --code "$CODE"
sed 's/2024/2023/g' "$SAMPLE" >mau-2023.json
expect 0 load $XHHT $U load 2023 mau-2023.json
mkdir out
expect 0 pack $XHHT $U pack 2023 -o out
expect 0 import $CENTRAL $C import out

# --- refusals: exit 2, nothing written ---------------------------------------------------------
expect 2 remind-bad-year $CENTRAL $C remind 1999 --format csv -o bad.csv
one_line remind-bad-year
expect 2 remind-bad-format $CENTRAL $C remind 2024 --format json -o bad.csv
one_line remind-bad-format
expect 2 remind-no-output $CENTRAL $C remind 2024 --format csv
one_line remind-no-output
same "$(ls | grep -c '^bad')" 0 remind-refused-wrote-nothing

# --- the CSV: one line per unit not heard from, the contact of its last earlier report ---------
expect 0 remind-csv $CENTRAL $C remind 2024 --format csv -o nhac.csv
has .out "nhac.csv" remind-csv-named
has .out "3 đơn vị" remind-csv-count
same "$(head -c 3 nhac.csv | od -An -tx1 | tr -d ' ')" efbbbf remind-csv-bom
same "$(sed -n 1p nhac.csv | tr -d '\r' | sed 's/^\xef\xbb\xbf//')" \
	"unit_code,unit_name,group,year,deadline,days_past,last_report_year,signer,signer_title,preparer,phone,email" \
	remind-csv-header
same "$(wc -l <nhac.csv | tr -d ' ')" 4 remind-csv-rows
same "$(grep '^BVDKM' nhac.csv | tr -d '\r')" \
	"BVDKM,Bệnh viện Đa khoa Minh Hòa,benh_vien,2024,2024-12-05,10,2023,Trần Quốc Khánh,Giám đốc,Võ Thị Minh Thư,0235 3812 456,tccb@bvdkminhhoa.vn" \
	remind-csv-contact
same "$(grep '^VDT' nhac.csv | tr -d '\r')" "VDT,Viện Đào tạo,vien,2024,2024-12-05,10,,,,,," remind-csv-no-contact
# A cell Excel would take for a formula is written as text.
has nhac.csv "KHAC,\"'=Đơn vị khác\"," remind-csv-formula-as-text

# --- the letters: one per unit, its name and the deadline --------------------------------------
expect 0 remind-html $CENTRAL $C remind 2024 --format html -o nhac.html
has .out "nhac.html" remind-html-named
same "$(grep -c 'class="letter"' nhac.html)" 3 remind-html-one-letter-per-unit
for name in "Bệnh viện Đa khoa Minh Hòa" "Viện Đào tạo" "=Đơn vị khác"; do
	has nhac.html "Kính gửi: <b>$name</b>" "remind-html-addressed-$name"
done
has nhac.html "trước ngày 05 tháng 12 năm 2024" remind-html-deadline
has nhac.html "quá hạn 10 ngày" remind-html-days-past
has nhac.html "BỘ Y TẾ" remind-html-header
has nhac.html "thư điện tử hoặc bằng USB" remind-html-how

# --- a year BVDKM reported: it is not reminded -------------------------------------------------
expect 0 remind-2023 $CENTRAL $C --lang en remind 2023 --format csv -o nhac-2023.csv
has .out "2 units" remind-2023-count
hasnt nhac-2023.csv "BVDKM" remind-2023-reported-not-listed
same "$(wc -l <nhac-2023.csv | tr -d ' ')" 3 remind-2023-rows

harness_end
