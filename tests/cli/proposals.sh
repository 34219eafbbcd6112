#!/bin/sh
# proposals.sh: xhht-central proposals: the units' nominations of a year grouped by award and
# kind, each breach of the plan's rules marked (the Prime Minister's certificate proposed in a
# year that is not a phase review), as text, CSV and JSON; refusals write nothing; the Council's
# report of a span (--years) in separate columns, each unit's figures once in the annex.
# Usage: tests/cli/proposals.sh BUILD_DIR
set -u
. "$(dirname "$0")/../lib/harness.sh"
harness_start "$@"
need_program "$XHHT" "$CENTRAL"
export XHHT_TODAY=2024-12-01 XHHT_NOW=2024-12-01T03:00:00Z
harness_in_scratch

expect 0 init $CENTRAL $C init
expect 0 unit-add $CENTRAL $C unit add BVDKM "Bệnh viện Đa khoa Minh Hòa" benh_vien
expect 0 enroll $CENTRAL $C enroll BVDKM -o bvdkm.enr
CODE=$(sed -n '$s/^Mã đăng ký: *//p' .out)
expect 0 xhht-enroll $XHHT $U enroll bvdkm.enr --code "$CODE"
# The sample report, its two individuals proposed for the Prime Minister's certificate in 2024: a
# warning the clerk accepted when packing, a breach at the Ministry.
sed 's/"bang_khen_byt"/"bang_khen_ttg"/' "$SAMPLE" >ttg.json
expect 0 load $XHHT $U load 2024 ttg.json
mkdir out
expect 0 pack $XHHT $U pack 2024 -o out --accept-warnings
expect 0 import $CENTRAL $C import out

# --- refusals --------------------------------------------------------------------------------
expect 2 proposals-bad-year $CENTRAL $C proposals 1999
one_line proposals-bad-year
expect 2 proposals-bad-format $CENTRAL $C proposals 2024 --format html -o bad.html
one_line proposals-bad-format
[ ! -e bad.html ] && ok || bad "proposals-bad-format: bad.html written"

# --- text: groups in the template's order, the breach marked ---------------------------------
expect 0 proposals-text $CENTRAL $C proposals 2024
has .out "Đề nghị khen thưởng năm 2024: 3 đề nghị, 2 đề nghị trái quy định" proposals-count
has .out "Bằng khen của Thủ tướng Chính phủ — Cá nhân (2)" proposals-group-ttg
has .out "⚠  1. BVDKM Bệnh viện Đa khoa Minh Hòa: Nguyễn Hữu Phước — Trưởng khoa Cấp cứu" proposals-breach-row
has .out "⚠ Cảnh báo: Đề nghị Bằng khen của Thủ tướng Chính phủ: theo Kế hoạch, hình thức này chỉ được xét khi sơ kết (năm 2025)" proposals-breach-why
has .out "Cờ thi đua của Bộ Y tế — Tập thể (1)" proposals-group-flag
has .out "   1. BVDKM Bệnh viện Đa khoa Minh Hòa: Phòng Chỉ đạo tuyến và Đào tạo" proposals-clean-row
[ "$(grep -n 'Thủ tướng Chính phủ — Cá nhân' .out | cut -d: -f1)" -lt "$(grep -n 'Cờ thi đua' .out | cut -d: -f1)" ] && ok ||
	bad "proposals-order: the Prime Minister's certificate is not listed first"
expect 0 proposals-en $CENTRAL $C --lang en proposals 2024
has .out "Nominations of 2024: 3, of which 2 break the plan's rules" proposals-en-count
has .out "Prime Minister's Certificate of Merit" proposals-en-group

# --- CSV and JSON, to a file ---------------------------------------------------------------
expect 0 proposals-csv $CENTRAL $C proposals 2024 --format csv -o de-nghi.csv
same "$(head -c 3 de-nghi.csv | od -An -tx1 | tr -d ' ')" efbbbf proposals-csv-bom
same "$(wc -l <de-nghi.csv | tr -d ' ')" 4 proposals-csv-rows
has de-nghi.csv ",Bằng khen của Thủ tướng Chính phủ,bang_khen_ttg," proposals-csv-award
has de-nghi.csv ",1,khen_thuong.de_nghi.bang_khen_ttg_ngoai_nam_xet," proposals-csv-breach
expect 0 proposals-json $CENTRAL $C proposals 2024 --format json -o de-nghi.json
has de-nghi.json '"nominations":3,"breaching":2' proposals-json-counts
has de-nghi.json '"rule":"khen_thuong.de_nghi.bang_khen_ttg_ngoai_nam_xet","level":"warning"' proposals-json-rule

# --- a year with no report: none, said --------------------------------------------------------
expect 0 proposals-none $CENTRAL $C proposals 2023
has .out "0 đề nghị" proposals-none-said

# --- the Council's report of a span (proposals --years): Part I by award, Part II the annex ----
expect 0 council-years $CENTRAL $C proposals --years 2023-2025 --format html -o council.html
# Separate columns; BVDKM proposes in two groups, its figures are printed once, in the annex.
has council.html "<td>Nguyễn Hữu Phước</td><td>Trưởng khoa Cấp cứu</td><td>Chủ nhiệm" council-years-columns
same "$(grep -c '<h2>[0-9]\. ' council.html)" 2 council-years-groups
same "$(grep -c 'Số liệu: Phụ lục, mục 1' council.html)" 3 council-years-rows-point-to-annex
same "$(grep -c '<td>Số lượt người được đào tạo, bồi dưỡng</td>' council.html)" 1 council-years-figures-once
# The annex's figure of 2024 is the report's own; 2023 and 2025 have no report: absent, said.
luot=$(sed -n 's/^ *"dao_tao.luot_hoc": \([0-9]*\),*$/\1/p' "$SAMPLE" | sed 's/\([0-9]\)\([0-9][0-9][0-9]\)$/\1.\2/')
has council.html "<td>Số lượt người được đào tạo, bồi dưỡng</td><td>—</td><td>$luot</td><td>—</td>" council-years-figure
has council.html "<p>Không có báo cáo năm: 2023, 2025.</p>" council-years-absent-said
hasnt council.html '<div class="annex wide">' council-years-portrait
# Eight years do not fit a portrait page: the annex goes on landscape pages (a named page).
expect 0 council-8-years $CENTRAL $C proposals --years 2023-2030 --format html -o council8.html
has council8.html '<div class="annex wide">' council-8-years-wide
has council8.html '@page wide { size: A4 landscape;' council-8-years-landscape
has council8.html '<th>Năm 2030</th>' council-8-years-columns
same "$(grep -c '<td>Số lượt người được đào tạo, bồi dưỡng</td>' council8.html)" 1 council-8-years-once
# Twelve years would not fit even a landscape page: two tables of six years, each read alone.
expect 0 council-12-years $CENTRAL $C proposals --years 2023-2034 --format html -o council12.html
same "$(grep -c '<table class="data figures">' council12.html)" 2 council-12-years-two-tables
has council12.html '<th>Năm 2028</th></tr>' council-12-years-first-ends
has council12.html '<th>Chỉ tiêu</th><th>Năm 2029</th>' council-12-years-second-starts

harness_end
