#!/bin/sh
# phase-central.sh: phase reviews at the central: a unit's review 2023-2025 and its yearly
# reports imported in any order are merged apart and answered by receipts named apart; status
# and export of the period value by value against the review sent; a unit that filed only its
# review is still not reported for 2025; a review whose phase does not close in its year is
# refused; staff review it; the Council's report (proposals 2023-2025) groups the reviews'
# proposals by award in tables of separate columns, each proposed unit's yearly figures once in
# an annex, checked against the reports' own values.
# Usage: tests/cli/phase-central.sh BUILD_DIR
set -u
. "$(dirname "$0")/../lib/harness.sh"
harness_start "$@"
DBCHECK="$PWD/$BUILD/db-check"
need_program "$XHHT" "$CENTRAL" "$DBCHECK"
export XHHT_TODAY=2025-12-01 XHHT_NOW=2025-12-01T03:00:00Z
harness_in_scratch
sql() { "$DBCHECK" "$T/central/xhht-central.db" --sql "$1" | tr '\t' ' '; }
# csv_field FILE UNIT COLUMN: the value of COLUMN in UNIT's rows of a CSV export (quoted cells
# read whole; a cell across lines is not).
csv_field() {
	tr -d '\r' <"$1" | sed '1s/^\xef\xbb\xbf//' | awk -v u="$2" -v c="$3" '
		function cells(line, f,    n, i, ch, q, cur) {
			n = 0; cur = ""; q = 0
			for (i = 1; i <= length(line); i++) {
				ch = substr(line, i, 1)
				if (q && ch == "\"" && substr(line, i + 1, 1) == "\"") { cur = cur ch; i++ }
				else if (ch == "\"") q = !q
				else if (ch == "," && !q) { f[++n] = cur; cur = "" }
				else cur = cur ch
			}
			f[++n] = cur
			return n
		}
		NR == 1 { n = cells($0, h); for (i = 1; i <= n; i++) if (h[i] == c) k = i; next }
		{ cells($0, f) } f[1] == u && k { print f[k] }'
}
# state FILE UNIT: the unit's state in a status CSV.
state() { csv_field "$1" "$2" state; }
# value FILE ID: the number a report's JSON gives the field ID ("" when absent).
value() { sed -n "s/^ *\"$2\": \\([0-9]*\\),*\$/\\1/p" "$1"; }

# pack_phase_review FOLDER REVIEW.json OUTDIR TAG: the unit's review 2023-2025 loaded beside its
# yearly reports and packed into OUTDIR.
pack_phase_review() {
	expect 0 "review-load-$4" "$XHHT" --data "$1" --passphrase-file "$T/upass" load 2023-2025 "$2"
	expect 0 "review-pack-$4" "$XHHT" --data "$1" --passphrase-file "$T/upass" pack 2023-2025 -o "$3" --accept-warnings
}

expect 0 init $CENTRAL $C init
expect 0 unit-add $CENTRAL $C unit add BVDKM "Bệnh viện Đa khoa Minh Hòa" benh_vien
expect 0 unit-add-2 $CENTRAL $C unit add VDT "Viện Đào tạo" vien
expect 0 unit-add-3 $CENTRAL $C unit add BVX "Bệnh viện X" benh_vien
expect 0 enroll $CENTRAL $C enroll BVDKM -o bvdkm.enr
CODE=$(sed -n '$s/^Mã đăng ký: *//p' .out)
expect 0 xhht-enroll $XHHT $U enroll bvdkm.enr --code "$CODE"
expect 0 enroll-2 $CENTRAL $C enroll VDT -o vdt.enr
CODE=$(sed -n '$s/^Mã đăng ký: *//p' .out)
expect 0 xhht-enroll-2 $XHHT --data "$T/vdt" --passphrase-file "$T/upass" enroll vdt.enr --code "$CODE"

# BVDKM's yearly reports 2023-2025, each year's figures different.
for y in 2023 2024 2025; do
	sed -e "s/\"year\": 2024/\"year\": $y/" -e "s/\"2024-11-25\"/\"$y-11-25\"/" \
		-e "s/\"dao_tao.luot_hoc\": 5240/\"dao_tao.luot_hoc\": $((y + 3000))/" \
		-e "s/\"tuyen_truyen.so_hoat_dong\": 18/\"tuyen_truyen.so_hoat_dong\": $((y - 2010))/" \
		"$SAMPLE" >y$y.json
	expect 0 load-$y $XHHT $U load $y y$y.json
done
# Its review pre-filled from them, completed (a date, an assessment, the way ahead), and a
# proposal for the Prime Minister's certificate added; VDT's review is a copy under its code
# with other figures.
expect 0 phase-json $XHHT $U phase 2023-2025 --format json -o prefilled.json
sed -e '/"values": {/a\  "chung.ngay_bao_cao": "2025-11-28",\n  "tieu_chi.danh_gia": "Đạt phần lớn tiêu chí.",\n  "kien_nghi.phuong_huong": "Tiếp tục.",' \
	-e '/"de_nghi.danh_sach": \[/a\   {"nam": 2025, "doi_tuong": "tap_the", "ten": "Bệnh viện Đa khoa Minh Hòa", "hinh_thuc": "bang_khen_ttg", "thanh_tich": "Dẫn đầu phong trào 2023 - 2025."},' \
	prefilled.json >review-bvdkm.json
sed -e 's/"code": "BVDKM", "name": "Bệnh viện Đa khoa Minh Hòa"/"code": "VDT", "name": "Viện Đào tạo"/' \
	-e 's/"chi_tieu.luot_hoc": [0-9]*/"chi_tieu.luot_hoc": 777/' -e '/"hinh_thuc": "bang_khen_ttg"/d' \
	review-bvdkm.json >review-vdt.json
mkdir outy outr outv outr2 rc
pack_phase_review "$T/unit" review-bvdkm.json outr bvdkm
pack_phase_review "$T/vdt" review-vdt.json outv vdt
expect 0 pack-2023 $XHHT $U pack 2023 -o outy --accept-warnings
expect 0 pack-2024 $XHHT $U pack 2024 -o outy --accept-warnings

expect 0 open-review $CENTRAL $C open outr/XHHT-2023-2025-BVDKM-r1.xhht
has .out "Đơn vị BVDKM, giai đoạn 2023-2025, lần gửi 1" open-review-period
# --- any order: the review first, then the yearly reports; 2025's last -----------------------
expect 0 import-review $CENTRAL $C import --receipts rc outr
has .out "BVDKM 2023-2025 r1: " import-review-says-period
expect 0 import-years $CENTRAL $C import --receipts rc outy
expect 0 pack-2025 $XHHT $U pack 2025 -o outy --accept-warnings
R25=$(ls outy | sed -n 's/^XHHT-2025-BVDKM-r\([0-9]*\)\.xhht$/\1/p')
expect 0 import-2025 $CENTRAL $C import --receipts rc outy/XHHT-2025-BVDKM-r$R25.xhht
has .out "BVDKM 2025 r$R25: " import-2025-says-year
expect 0 import-vdt $CENTRAL $C import --receipts rc outv
# Merged apart, each answered by a receipt of its own name.
same "$(sql "SELECT phase_first, revision FROM merged WHERE unit_code = 'BVDKM' AND year = 2025 ORDER BY phase_first" | tr '\n' ';')" \
	"0 $R25;2023 1;" merged-apart
same "$(sql "SELECT count(*) FROM merged WHERE year = 2025")" 3 merged-count
[ -f rc/XHHT-2023-2025-BVDKM-r1.receipt ] && ok || bad "no receipt rc/XHHT-2023-2025-BVDKM-r1.receipt: $(ls rc)"
[ -f rc/XHHT-2025-BVDKM-r$R25.receipt ] && ok || bad "no receipt rc/XHHT-2025-BVDKM-r$R25.receipt: $(ls rc)"
[ -f rc/XHHT-2023-2025-VDT-r1.receipt ] && ok || bad "no receipt rc/XHHT-2023-2025-VDT-r1.receipt: $(ls rc)"
same "$(sql "SELECT phase_first FROM receipt_sent WHERE path LIKE '%XHHT-2023-2025-BVDKM-r1.receipt'")" 2023 receipt-recorded-period
# The unit takes each receipt as its answer (it finds the report by the bundle's id).
expect 0 unit-reads-review-receipt "$XHHT" --data "$T/unit" receipt rc/XHHT-2023-2025-BVDKM-r1.receipt
expect 0 unit-reads-year-receipt "$XHHT" --data "$T/unit" receipt rc/XHHT-2025-BVDKM-r$R25.receipt
# The same review again: already had, not a new report of 2025.
expect 0 import-again $CENTRAL $C import --receipts rc outr
has .out "BVDKM 2023-2025 r1: " import-again-period
same "$(sql "SELECT count(*) FROM bundle WHERE unit_code = 'BVDKM' AND year = 2025")" 2 bundles-kept

# --- status: a unit with only a review is not reported for 2025 ------------------------------
expect 0 status-2025 $CENTRAL $C status 2025 --format csv -o s2025.csv
same "$(state s2025.csv BVDKM)" on_time status-2025-bvdkm
same "$(csv_field s2025.csv BVDKM revision)" "$R25" status-2025-bvdkm-revision
same "$(state s2025.csv VDT)" not_received status-2025-review-only-not-reported
same "$(csv_field s2025.csv VDT bundles)" 0 status-2025-review-only-no-bundle
same "$(state s2025.csv BVX)" not_received status-2025-bvx
expect 0 remind-2025 $CENTRAL $C remind 2025 --format csv -o remind.csv
has remind.csv "VDT" remind-review-only-reminded
# Reminders are the yearly report's: a period is answered with where to look, in one line.
expect 2 remind-phase $CENTRAL $C remind 2023-2025 --format csv -o remind-phase.csv
has .err "thư đôn đốc chỉ dành cho báo cáo năm (như 2025)" remind-phase-says
has .err "xhht-central status 2023-2025" remind-phase-points-to-status
one_line remind-phase
expect 0 status-phase $CENTRAL $C status 2023-2025 --format csv -o sphase.csv
same "$(state sphase.csv BVDKM)" on_time status-phase-bvdkm
same "$(csv_field sphase.csv BVDKM revision)" 1 status-phase-bvdkm-revision
same "$(csv_field sphase.csv BVDKM observed_at)" 2025-12-01T03:00:00Z status-phase-observed
same "$(state sphase.csv VDT)" on_time status-phase-vdt
same "$(state sphase.csv BVX)" not_received status-phase-bvx
expect 0 status-phase-text $CENTRAL $C status 2023-2025
has .out "Giai đoạn 2023-2025 — hạn nộp báo cáo sơ kết, tổng kết 05/12/2025" status-phase-heading
expect 0 status-phase-json $CENTRAL $C status 2023-2025 --format json
has .out '{"period":"2023-2025","year":2025,"phase_first":2023,"deadline":"2025-12-05T17:00:00Z"' status-phase-json-head
# Filed after the review's due day: late.
export XHHT_NOW=2025-12-07T03:00:00Z
pack_phase_review "$T/unit" review-bvdkm.json outr2 bvdkm-r2
expect 0 import-review-r2 $CENTRAL $C import --receipts rc outr2
has .out "BVDKM 2023-2025 r2: " import-review-r2-period
expect 0 status-phase-late $CENTRAL $C status 2023-2025 --format csv -o slate.csv
same "$(state slate.csv BVDKM)" late status-phase-late
same "$(csv_field slate.csv BVDKM revision)" 2 status-phase-r2
expect 0 status-2025-after $CENTRAL $C status 2025 --format csv -o s2025b.csv
same "$(csv_field s2025b.csv BVDKM revision)" "$R25" status-2025-untouched-by-review
same "$(sql "SELECT state FROM bundle WHERE unit_code = 'BVDKM' AND phase_first = 0 AND year = 2025")" merged yearly-not-superseded
# The review's history holds its two revisions; the year's, the yearly report alone.
expect 0 history-phase $CENTRAL $C history BVDKM 2023-2025 --format json
has .out '"year":2025,"phase_first":2023,' history-phase-json
same "$(grep -o '"revision":[0-9]*' .out | tr '\n' ' ')" '"revision":2 "revision":1 ' history-phase-revisions
expect 0 history-year $CENTRAL $C history BVDKM 2025 --format json
same "$(grep -o '"revision":[0-9]*' .out | tr '\n' ' ')" "\"revision\":$R25 " history-year-revisions
expect 0 diff-phase $CENTRAL $C diff BVDKM 2023-2025
has .out "Đơn vị BVDKM, giai đoạn 2023-2025: từ lần gửi 1" diff-phase-heading

# --- exports of the period, value by value against the reviews sent -------------------------
expect 0 export-phase $CENTRAL $C export 2023-2025 --format csv -o phase.csv
has .out "phase.de_nghi.danh_sach.csv" export-phase-table-file
n=0
for id in $(sed -n 's/^ *"\([a-z_]*\.[a-z_0-9]*\)": [0-9][0-9]*,*$/\1/p' review-bvdkm.json); do
	same "$(csv_field phase.csv BVDKM "$id")" "$(value review-bvdkm.json "$id")" "export-bvdkm-$id"
	same "$(csv_field phase.csv VDT "$id")" "$(value review-vdt.json "$id")" "export-vdt-$id"
	n=$((n + 1))
done
[ "$n" -ge 20 ] && ok || bad "export-phase: only $n numbers compared"
same "$(csv_field phase.csv VDT chi_tieu.luot_hoc)" 777 export-vdt-own-figure
same "$(csv_field phase.csv BVDKM year)" 2023-2025 export-phase-period-column
same "$(csv_field phase.csv BVDKM revision)" 2 export-phase-revision
hasnt phase.csv "BVX" export-phase-no-unfiled
expect 0 export-phase-json $CENTRAL $C export 2023-2025 --format json -o phase.json
has phase.json '{"period":"2023-2025","year":2025,"phase_first":2023,"template":"so-ket-2023-2025"' export-phase-json-head
expect 0 export-phase-html $CENTRAL $C export 2023-2025 --format html -o phase.html
has phase.html "Báo cáo tổng hợp giai đoạn 2023-2025" export-phase-html-title
# The year's export holds the yearly reports alone.
expect 0 export-2025 $CENTRAL $C export 2025 --format json -o y2025.json
same "$(value y2025.json dao_tao.luot_hoc)" 5025 export-2025-yearly-value
has y2025.json '"unit":{"code":"BVDKM","name":"Bệnh viện Đa khoa Minh Hòa"},"revision":'"$R25," export-2025-yearly-revision
hasnt y2025.json '"code":"VDT"' export-2025-no-review

# --- staff review the review; it goes back in a file of its period's name --------------------
expect 0 review-phase $CENTRAL $C review BVDKM 2023-2025 --needs-fixing --comment "kien_nghi.phuong_huong=Nêu cụ thể." -o rc
has .out "báo cáo giai đoạn 2023-2025 của đơn vị BVDKM, lần gửi 2" review-phase-says
[ -f rc/XHHT-2023-2025-BVDKM-r2-review.receipt ] && ok || bad "no review file rc/XHHT-2023-2025-BVDKM-r2-review.receipt: $(ls rc)"
same "$(sql "SELECT year, phase_first, revision FROM review")" "2025 2023 2" review-stored-period
expect 0 unit-reads-review-file "$XHHT" --data "$T/unit" receipt rc/XHHT-2023-2025-BVDKM-r2-review.receipt
has .out "Nêu cụ thể." unit-reads-review-comment
expect 0 log-phase $CENTRAL $C log BVDKM --year 2023-2025
has .out "	BVDKM	2023-2025	cần sửa, lần gửi 2, 1 ý kiến" log-phase-row
expect 0 log-year $CENTRAL $C log BVDKM --year 2025
has .out "Nhật ký chưa ghi việc nào." log-year-apart
expect 0 reviews-2025 $CENTRAL $C review BVDKM 2025
has .out "Báo cáo năm 2025 của đơn vị BVDKM chưa được xem xét." review-2025-apart
expect 0 status-phase-reviewed $CENTRAL $C status 2023-2025 --format csv -o srev.csv
same "$(state srev.csv BVDKM)" needs_fixing status-phase-needs-fixing
expect 1 review-unfiled $CENTRAL $C --lang en review BVX 2023-2025 --approve
has .err "unit BVX has no 2023-2025 report here" review-unfiled-says
expect 2 review-bad-period $CENTRAL $C review BVDKM 2025-2023 --approve
one_line review-bad-period
expect 1 status-no-phase $CENTRAL $C --lang en status 2023-2024
has .err "no phase review template for 2023-2024" status-no-phase-says

# --- a review whose phase does not close in its year: refused --------------------------------
# Today's clerk's program packs one loaded as 2024's report; a program that keeps reviews by
# period refuses it itself (then test_import's crafted bundle is the central's test alone).
cp -a "$T/vdt" "$T/vdt-2024"
sed -e 's/"year": 2025/"year": 2024/' -e 's/"2025-11-28"/"2024-11-28"/' review-vdt.json >review-2024.json
mkdir out24
if "$XHHT" --data "$T/vdt-2024" --passphrase-file "$T/upass" load 2024 review-2024.json >/dev/null 2>&1 &&
	"$XHHT" --data "$T/vdt-2024" --passphrase-file "$T/upass" pack 2024 -o out24 --accept-warnings >/dev/null 2>&1; then
	expect 1 import-wrong-year $CENTRAL $C import --receipts rc out24
	has .out "(invalid-report)" import-wrong-year-refused
fi
same "$(sql "SELECT count(*) FROM bundle WHERE unit_code = 'VDT' AND year = 2024")" 0 wrong-year-kept-nothing

# --- the Council's report from the reviews ----------------------------------------------------
expect 0 council-html $CENTRAL $C proposals 2023-2025 --format html -o council.html
has .out "giai đoạn 2023-2025" council-says
text() { sed 's/<[^>]*>/ /g' "$1" | tr -s ' '; }
text council.html >council.txt
# awards AWARD: the proposals of that award in the two reviews sent.
awards() { cat review-bvdkm.json review-vdt.json | grep -c "\"hinh_thuc\": \"$1\""; }
all=$(cat review-bvdkm.json review-vdt.json | grep -c '"hinh_thuc": ')
has council.txt "Giai đoạn 2023-2025: 2/3 đơn vị đã gửi báo cáo sơ kết, tổng kết, với $all đề nghị khen thưởng" council-counts
# Groups in the template's order of awards: the Prime Minister's certificate first.
grep -n "^ *[0-9]\. " council.txt | sed 's/^[0-9]*: *//' >groups.txt
same "$(sed -n 1p groups.txt)" "1. Bằng khen của Thủ tướng Chính phủ — Tập thể ($(awards bang_khen_ttg)) " council-group-ttg
same "$(sed -n 2p groups.txt)" "2. Bằng khen của Bộ Y tế — Cá nhân ($(awards bang_khen_byt)) " council-group-byt
same "$(sed -n 3p groups.txt)" "3. Cờ thi đua của Bộ Y tế — Tập thể ($(awards co_thi_dua_byt)) " council-group-flag
has council.txt "Dẫn đầu phong trào 2023 - 2025." council-ttg-proposal
# Part I: each group a table of separate columns (unit, name, position, achievement, year,
# note); the year has its column, the achievement does not open with it again.
has council.html "<th>TT</th><th>Đơn vị đề nghị</th><th>Tên tập thể, cá nhân</th><th>Chức vụ</th><th>Thành tích</th><th>Năm</th><th>Lưu ý</th>" council-columns
has council.html "<td>Bệnh viện Đa khoa Minh Hòa</td><td></td><td>Dẫn đầu phong trào 2023 - 2025.</td><td>2025</td>" council-collective-row
has council.html "<td>Nguyễn Hữu Phước</td><td>Trưởng khoa Cấp cứu</td><td>Chủ nhiệm 2 sáng kiến" council-individual-row
hasnt council.html "<td>2025 — " council-no-year-in-text
# Each proposal names where its unit's figures are: the annex's item, by unit code.
has council.html "<td>1</td><td>BVDKM Bệnh viện Đa khoa Minh Hòa<br><small>Số liệu: Phụ lục, mục 1</small></td>" council-row-points-to-annex
has council.html "VDT Viện Đào tạo<br><small>Số liệu: Phụ lục, mục 2</small>" council-row-points-to-annex-2
# Part II, the annex: BVDKM's yearly figures once although it proposes in three groups, each
# year's its own report's value.
same "$(grep -c '<h2>PHẦN II. PHỤ LỤC' council.html)" 1 council-annex
same "$(grep -c 'Phụ lục, mục 1' council.html)" "$(grep -c '<td>BVDKM ' council.html)" council-every-row-points
same "$(grep -c '<b>1. BVDKM Bệnh viện Đa khoa Minh Hòa</b>' council.html)" 1 council-annex-unit-once
same "$(grep -c '<td>Số lượt người được đào tạo, bồi dưỡng</td>' council.html)" 1 council-figures-once
same "$(grep -c '<table class="data figures">' council.html)" 1 council-one-figures-table
# Three years fit a portrait page: years as columns, no landscape annex.
hasnt council.html '<div class="annex wide">' council-annex-portrait
# figures ID: the values of ID in the three yearly reports, as the report prints them.
figures() { for y in 2023 2024 2025; do value y$y.json "$1"; done | sed 's/\([0-9]\)\([0-9][0-9][0-9]\)$/\1.\2/' | tr '\n' ' '; }
has council.txt "Số lượt người được đào tạo, bồi dưỡng $(figures dao_tao.luot_hoc)" council-figures-by-year
has council.txt "Số hoạt động, buổi tuyên truyền đã tổ chức $(figures tuyen_truyen.so_hoat_dong)" council-figures-by-year-2
same "$(figures dao_tao.luot_hoc)" "5.023 5.024 5.025 " council-figures-own
# VDT filed a review but no yearly report: said; BVX filed nothing: listed.
has council.txt " 2. VDT Viện Đào tạo " council-annex-vdt
has council.txt "Không có báo cáo năm nào trong các năm 2023-2025." council-no-yearly
has council.txt "Đơn vị chưa gửi báo cáo sơ kết, tổng kết giai đoạn 2023-2025 (1)" council-unfiled-heading
has council.txt "1 BVX Bệnh viện X" council-unfiled-unit
expect 0 council-csv $CENTRAL $C proposals 2023-2025 --format csv -o council.csv
same "$(tr -d '\r' <council.csv | grep -c '^BVDKM,')" 10 council-csv-bvdkm-rows
same "$(tr -d '\r' <council.csv | grep -c '^VDT,')" 9 council-csv-vdt-rows
same "$(csv_field council.csv BVDKM dao_tao.luot_hoc:2024 | sort -u)" "$(value y2024.json dao_tao.luot_hoc)" council-csv-figure
same "$(csv_field council.csv VDT dao_tao.luot_hoc:2024 | sort -u)" "" council-csv-no-yearly
# A year's proposals stay the yearly reports' (text): BVDKM's 2025 alone.
expect 0 proposals-2025 $CENTRAL $C proposals 2025 --format csv -o p2025.csv
same "$(tr -d '\r' <p2025.csv | grep -c '^BVDKM,')" 3 proposals-2025-yearly
expect 2 council-needs-file $CENTRAL $C proposals 2023-2025 --format html
one_line council-needs-file

# --- a conflict in a review, settled: the message names the period, not a year -------------
# VDT's review 2023-2025 revision 2 packed from two copies of its folder with different figures.
cp -a "$T/vdt" "$T/vdt-copy"
sed 's/"chi_tieu.luot_hoc": [0-9]*/"chi_tieu.luot_hoc": 1111/' review-vdt.json >review-vdt-a.json
sed 's/"chi_tieu.luot_hoc": [0-9]*/"chi_tieu.luot_hoc": 2222/' review-vdt.json >review-vdt-b.json
mkdir outc1 outc2
pack_phase_review "$T/vdt" review-vdt-a.json outc1 vdt-a
pack_phase_review "$T/vdt-copy" review-vdt-b.json outc2 vdt-b
expect 0 import-conflict-1 $CENTRAL $C import --receipts rc outc1
expect 0 import-conflict-2 $CENTRAL $C import --receipts rc outc2
has .out "VDT 2023-2025 r2: " import-conflict-period
same "$(sql "SELECT count(*) FROM bundle WHERE unit_code = 'VDT' AND phase_first = 2023 AND state = 'conflict'")" 1 conflict-kept
HASH=$(sql "SELECT lower(hex(hash)) FROM bundle WHERE unit_code = 'VDT' AND phase_first = 2023 AND state = 'conflict'")
expect 0 settle-phase $CENTRAL $C settle VDT 2023-2025 "$HASH" --reason "Đơn vị xác nhận bản sau."
has .out "làm báo cáo giai đoạn 2023-2025 của đơn vị VDT" settle-phase-says-period
hasnt .out "20232025" settle-phase-no-key
same "$(sql "SELECT lower(hex(hash)) FROM bundle WHERE unit_code = 'VDT' AND phase_first = 2023 AND state = 'merged'")" "$HASH" settle-phase-chosen

harness_end
