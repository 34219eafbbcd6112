#!/bin/sh
# phase.sh: xhht phase: the mid-term review 2023-2025 pre-filled from three yearly reports, its
# sums compared with sums this script computes from each year's own JSON export (awk), its
# rows gathered, each value with the years it came from; a missing year said; the review
# exported, and refusals. Then the review as a report of its own: started (xhht new 2023-2025)
# with its provenance kept, changed, filled again, checked, packed under its own name, imported
# at the central and its receipt landing on it, the 2025 yearly report untouched.
# Usage: tests/cli/phase.sh BUILD_DIR
set -u
. "$(dirname "$0")/../lib/harness.sh"
harness_start "$@"
need_program "$XHHT" "$CENTRAL" "$PWD/$BUILD/db-check"
DBCHECK="$PWD/$BUILD/db-check"
usql() { "$DBCHECK" "$T/unit/xhht.db" --sql "$1"; }
export XHHT_TODAY=2025-12-01 XHHT_NOW=2025-12-01T03:00:00Z
harness_in_scratch

# Three yearly reports from the sample, each year's figures different: 2023 with half the
# training participations and one model less, 2025 with criterion 1 achieved.
sed -e 's/"year": 2024/"year": 2023/' -e 's/"dao_tao.luot_hoc": 5240/"dao_tao.luot_hoc": 2620/' \
	-e 's/"tuyen_truyen.so_hoat_dong": 18/"tuyen_truyen.so_hoat_dong": 7/' \
	-e 's/"nguon_luc.kinh_phi": 3450000000/"nguon_luc.kinh_phi": 1200000000/' \
	-e 's/"chung.nguoi_ky": "Trần Quốc Khánh"/"chung.nguoi_ky": "Lê Văn Tám"/' \
	-e 's/"ngay_bao_cao": "2024-/"ngay_bao_cao": "2023-/' "$SAMPLE" >y2023.json
cp "$SAMPLE" y2024.json
sed -e 's/"year": 2024/"year": 2025/' -e 's/"tu_danh_gia.tc1": false/"tu_danh_gia.tc1": true/' \
	-e 's/"dao_tao.luot_hoc": 5240/"dao_tao.luot_hoc": 6011/' \
	-e 's/"ngay_bao_cao": "2024-/"ngay_bao_cao": "2025-/' "$SAMPLE" >y2025.json
for y in 2023 2024 2025; do
	expect 0 load-$y $XHHT $U load $y y$y.json
	expect 0 export-$y $XHHT $U export $y --format json -o e$y.json
done

# value FILE ID: the number a JSON export gives the field ID ("" when absent).
value() { sed -n "s/^ *\"$2\": \\([0-9]*\\),*\$/\\1/p" "$1"; }
# rows FILE TABLE: the rows of a table in a JSON export (objects opened inside its array).
rows() {
	awk -v t="\"$2\": [" 'index($0, t) { on = 1; d = 0; next }
		on && /^ *\]/ && d == 0 { on = 0 } on && /^ *\{ *$/ { n++ } on && /\{/ { d++ } on && /\}/ { d-- }
		END { print n + 0 }' "$1"
}
# total ID: the sum of ID over the three exports, by awk.
total() { for y in 2023 2024 2025; do value e$y.json "$1"; done | awk '{ s += $1 } END { printf "%.0f\n", s }'; }

expect 0 phase-json $XHHT $U phase 2023-2025 --format json -o review.json
has review.json '"template": "so-ket-2023-2025"' phase-template
has review.json '"year": 2025' phase-year
for pair in chi_tieu.luot_hoc:dao_tao.luot_hoc chi_tieu.so_hoat_dong_tuyen_truyen:tuyen_truyen.so_hoat_dong \
	chi_tieu.kinh_phi:nguon_luc.kinh_phi chi_tieu.so_khoa:dao_tao.so_khoa \
	chi_tieu.so_sang_kien:thi_dua.so_sang_kien chi_tieu.khen_ca_nhan:khen_thuong.ca_nhan; do
	same "$(value review.json "${pair%%:*}")" "$(total "${pair#*:}")" "sum-${pair%%:*}"
done
same "$(value review.json chi_tieu.luot_hoc)" "13871" sum-by-hand
# Criterion 1 achieved only in 2025; criterion 2 every year.
same "$(value review.json tieu_chi.tc1_so_nam)" 1 count-tc1
same "$(value review.json tieu_chi.tc2_so_nam)" 3 count-tc2
# Rows gathered: every year's models and nominations, each with its year.
want=$(for y in 2023 2024 2025; do rows e$y.json thi_dua.mo_hinh; done | awk '{ s += $1 } END { printf "%.0f\n", s }')
same "$(rows review.json mo_hinh.danh_sach)" "$want" rows-models
want=$(for y in 2023 2024 2025; do rows e$y.json khen_thuong.de_nghi; done | awk '{ s += $1 } END { printf "%.0f\n", s }')
same "$(rows review.json de_nghi.danh_sach)" "$want" rows-nominations
has review.json '"nam": 2023' rows-year-2023
has review.json '"nam": 2025' rows-year-2025
# The last value: the signatory of 2025, not 2023's.
has review.json '"chung.nguoi_ky": "Trần Quốc Khánh"' last-value

# The text: each figure with the years it came from, and which report of each year was read
# (2024 packed, 2023 packed and edited since; the sample is at revision 1, so each packs 2).
expect 0 init $CENTRAL $C init
expect 0 unit-add $CENTRAL $C unit add BVDKM "Bệnh viện Đa khoa Minh Hòa" benh_vien
expect 0 enroll $CENTRAL $C enroll BVDKM -o bvdkm.enr
CODE=$(sed -n '$s/^Mã đăng ký: *//p' "$OUT")
expect 0 xhht-enroll $XHHT $U enroll bvdkm.enr --code "$CODE"
mkdir out
expect 0 pack-2024 $XHHT $U pack 2024 -o out --accept-warnings
expect 0 pack-2023 $XHHT $U pack 2023 -o out --accept-warnings
export XHHT_NOW=2025-12-02T03:00:00Z
expect 0 reload-2023 $XHHT $U load 2023 y2023.json
expect 0 phase-text $XHHT $U phase 2023-2025
has "$OUT" "  2023: đã gửi lần 2, có sửa sau đó" text-source-edited
has "$OUT" "  2024: đã gửi lần 2" text-source-packed
has "$OUT" "  2025: bản nháp chưa gửi" text-source-draft
has "$OUT" "chi_tieu.luot_hoc  Số lượt người được đào tạo, bồi dưỡng (cộng 2023 - 2025): 13.871" text-sum
has "$OUT" "    2023: 2.620, 2024: 5.240, 2025: 6.011" text-provenance
has "$OUT" "    từ năm 2025" text-last
expect 0 phase-en $XHHT $U --lang en phase 2023-2025
has "$OUT" "    2023: 2,620, 2024: 5,240, 2025: 6,011" text-provenance-en

# The exports of the review: HTML and CSV.
expect 0 phase-html $XHHT $U phase 2023-2025 --format html -o review.html
has review.html "Báo cáo sơ kết giai đoạn 2023 - 2025" html-title
# The rows' years are years, not amounts ("2024", never "2.024").
has review.html "<td>2024</td>" html-year-plain
hasnt review.html "2.02" html-year-no-separator
expect 0 phase-csv $XHHT $U phase 2023-2025 --format csv -o review.csv
has review.csv "chi_tieu.luot_hoc" csv-field

# A missing year: the final review 2023-2030 has three of eight years.
expect 0 final-text $XHHT $U phase 2023-2030
has "$OUT" "  2026: chưa có báo cáo" final-missing-source
has "$OUT" "    2023: 2.620, 2024: 5.240, 2025: 6.011; thiếu báo cáo năm 2026, 2027, 2028, 2029, 2030" final-missing
expect 0 final-json $XHHT $U phase 2023-2030 --format json -o final.json
same "$(value final.json chi_tieu.luot_hoc)" "13871" final-sum

# The exported review is not a year's report: loading it as 2025's is refused and 2025's stays.
expect 1 load-review $XHHT $U load 2025 review.json
one_line load-review
has "$ERR" 'tệp là báo cáo giai đoạn 2023-2025, không phải báo cáo năm 2025' load-review-says
expect 0 export-2025-after $XHHT $U export 2025 --format json -o after2025.json
cmp -s e2025.json after2025.json && ok || bad "load-review: the 2025 report changed"

# Refusals: one line each, nothing written.
expect 1 phase-none $XHHT $U phase 2023-2024
one_line phase-none
has "$ERR" "không có mẫu báo cáo giai đoạn 2023-2024 (có: 2023-2025, 2023-2030)" phase-none-says
expect 2 phase-bad $XHHT $U phase 2025 -o bad.json
one_line phase-bad
# The whole operand is the span: what follows it is not dropped.
expect 2 phase-trailing $XHHT $U phase 2023-20251
one_line phase-trailing
expect 2 phase-trailing-letters $XHHT $U phase 2023-2025abc
expect 2 phase-bad-format $XHHT $U phase 2023-2025 --format pdf -o bad.json
one_line phase-bad-format
[ ! -e bad.json ] && ok || bad "phase refusals: bad.json written"

# --- The review as a report of its own ------------------------------------------------------
# Before: the 2025 yearly report's state, bundles and revision, to compare after.
expect 0 status-before $XHHT $U status
# year_lines: the lines xhht status gives the 2025 yearly report (its heading, then indented).
year_lines() { awk '/^[^ ]/ { on = /^Năm 2025:/ } on' "$OUT"; }
year_lines >status2025-before.txt
has status2025-before.txt "Năm 2025: bản nháp" status-before-2025
has "$OUT" "Giai đoạn 2023-2025: chưa bắt đầu; bắt đầu: xhht new 2023-2025" status-before-review-due
y2025_before=$(usql "SELECT revision || '/' || (SELECT count(*) FROM bundle WHERE year = 2025)
	|| '/' || (SELECT count(*) FROM receipt WHERE year = 2025) FROM report WHERE year = 2025
	AND phase_first = 0")
# Before it is started the review is "not started"; a span no phase has is named as such.
expect 1 check-not-started $XHHT $U check 2023-2025
has "$ERR" "chưa bắt đầu báo cáo giai đoạn 2023-2025" check-not-started-says
expect 1 check-no-phase $XHHT $U check 2023-2026
one_line check-no-phase
has "$ERR" "không có mẫu báo cáo giai đoạn 2023-2026 (có: 2023-2025, 2023-2030)" check-no-phase-says
expect 1 export-no-phase $XHHT $U export 2023-2026 --format json
has "$ERR" "không có mẫu báo cáo giai đoạn 2023-2026" export-no-phase-says
printf '%%PDF-1.4\n' >early.pdf
expect 1 attach-no-phase $XHHT $U attach 2023-2026 early.pdf
has "$ERR" "không có mẫu báo cáo giai đoạn 2023-2026" attach-no-phase-says
# Packing says so before it asks for the passphrase (no terminal here: asking would fail).
expect 1 pack-no-phase setsid -w $XHHT --data "$T/unit" pack 2023-2026 -o .
has "$ERR" "không có mẫu báo cáo giai đoạn 2023-2026" pack-no-phase-says
hasnt "$ERR" "passphrase-file" pack-no-phase-not-asked
expect 1 pack-not-started setsid -w $XHHT --data "$T/unit" pack 2023-2025 -o .
has "$ERR" "chưa bắt đầu báo cáo giai đoạn 2023-2025" pack-not-started-says
expect 0 new-review $XHHT $U new 2023-2025
has "$OUT" "Đã bắt đầu báo cáo giai đoạn 2023-2025" new-review-says
expect 1 new-review-again $XHHT $U new 2023-2025
one_line new-review-again
has "$ERR" "đã có báo cáo giai đoạn 2023-2025 (bản nháp)" new-review-again-names-it
expect 2 new-review-from $XHHT $U new 2023-2025 --from 2024
expect 1 new-review-none $XHHT $U new 2023-2024
# Stored: its values are the shell's sums of the three years, its provenance kept.
expect 0 export-review $XHHT $U export 2023-2025 --format json -o stored.json
# Its CSV lines name the period, not 2025 alone: in one sheet with the 2025 report's they stay apart.
expect 0 export-review-csv $XHHT $U export 2023-2025 --format csv -o stored.csv
has stored.csv "BVDKM,2023-2025,chi_tieu.luot_hoc,,," csv-review-period
hasnt stored.csv "BVDKM,2025," csv-review-not-2025
expect 0 export-2025-csv $XHHT $U export 2025 --format csv -o y2025.csv
has y2025.csv "BVDKM,2025,dao_tao.luot_hoc,,," csv-year-kept
for pair in chi_tieu.luot_hoc:dao_tao.luot_hoc chi_tieu.kinh_phi:nguon_luc.kinh_phi \
	chi_tieu.so_sang_kien:thi_dua.so_sang_kien chi_tieu.khen_ca_nhan:khen_thuong.ca_nhan; do
	same "$(value stored.json "${pair%%:*}")" "$(total "${pair#*:}")" "stored-${pair%%:*}"
done
same "$(rows stored.json mo_hinh.danh_sach)" "$(rows review.json mo_hinh.danh_sach)" stored-rows
same "$(usql "SELECT count(*) FROM report WHERE year = 2025")" 2 stored-beside-2025
same "$(usql "SELECT from_vi FROM prefill WHERE phase_first = 2023 AND field_id = 'chi_tieu.luot_hoc'")" \
	"2023: 2.620, 2024: 5.240, 2025: 6.011" stored-provenance
expect 0 review-text $XHHT $U phase 2023-2025
has "$OUT" "    2023: 2.620, 2024: 5.240, 2025: 6.011" review-text-provenance

# The clerk writes what the years cannot give and changes one figure: the provenance then says
# it was changed from the sum.
sed -e 's/^ "values": {$/ "values": {\
  "chung.ngay_bao_cao": "2025-11-30",\
  "tieu_chi.danh_gia": "Đạt các tiêu chí chính qua ba năm.",\
  "kien_nghi.phuong_huong": "Tiếp tục mở rộng đào tạo trực tuyến.",/' \
	-e 's/"chi_tieu.so_sang_kien": [0-9]*/"chi_tieu.so_sang_kien": 99/' \
	-e 's/"chung.nguoi_ky": "[^"]*"/"chung.nguoi_ky": "Nguyễn Thị Hoa"/' stored.json >written.json
expect 0 load-written $XHHT $U load 2023-2025 written.json
expect 0 review-changed $XHHT $U phase 2023-2025
has "$OUT" "đã sửa, điền sẵn là $(total thi_dua.so_sang_kien)" review-changed-says
# A text taken from the latest year, changed: it names that year once.
has "$OUT" "    đã sửa, điền sẵn từ năm 2025" review-changed-signer
hasnt "$OUT" "từ từ" review-changed-signer-once
expect 0 review-changed-en $XHHT $U --lang en phase 2023-2025
has "$OUT" "    changed, pre-filled from 2025" review-changed-signer-en
has "$OUT" "changed, pre-filled as $(total thi_dua.so_sang_kien) (" review-changed-figure-en
# A yearly report changed since: filling again takes it where the clerk did not write, never
# over what they wrote.
sed -e 's/"dao_tao.luot_hoc": 6011/"dao_tao.luot_hoc": 6100/' y2025.json >y2025b.json
expect 0 reload-2025 $XHHT $U load 2025 y2025b.json
expect 0 refill $XHHT $U phase 2023-2025 --refill --format json -o refilled.json
has "$ERR" "giữ nguyên" refill-says
same "$(value refilled.json chi_tieu.luot_hoc)" "$((2620 + 5240 + 6100))" refill-takes-new-year
same "$(value refilled.json chi_tieu.so_sang_kien)" 99 refill-keeps-typed
has refilled.json '"kien_nghi.phuong_huong": "Tiếp tục mở rộng đào tạo trực tuyến."' refill-keeps-text

printf '%%PDF-1.4\n%% bản quét báo cáo sơ kết có dấu đỏ\n' >scan.pdf
expect 0 attach-review $XHHT $U attach 2023-2025 scan.pdf
same "$(usql "SELECT count(*) FROM attachment WHERE year = 2025 AND phase_first = 2023")" 1 attach-on-review
# Checked, packed under its own name, its revisions counted apart from the year's.
expect 0 check-review $XHHT $U check 2023-2025
has "$OUT" "Báo cáo giai đoạn 2023-2025: không có lỗi" check-review-says
has "$OUT" "đã sửa, điền sẵn là" check-review-provenance
expect 0 pack-review $XHHT $U pack 2023-2025 -o out --accept-warnings
has "$OUT" "out/XHHT-2023-2025-BVDKM-r1.xhht" pack-review-name
[ -s out/XHHT-2023-2025-BVDKM-r1.xhht ] && ok || bad "pack-review: no XHHT-2023-2025-BVDKM-r1.xhht"
expect 0 status-review $XHHT $U status
has "$OUT" "Giai đoạn 2023-2025: bản nháp" status-lists-review
hasnt "$OUT" "Giai đoạn 2023-2025: chưa bắt đầu" status-review-started
has "$OUT" "Đã đóng gói lần 1" status-review-packed

# Imported at the central; its receipt lands on the review, not on the 2025 yearly report.
mkdir receipts
expect 0 import-review $CENTRAL $C import --receipts receipts out/XHHT-2023-2025-BVDKM-r1.xhht
R=$(ls receipts/*.receipt | head -n 1)
[ -n "$R" ] && ok || bad "import-review: no receipt written"
expect 0 receipt-review $XHHT $U receipt "$R"
has "$OUT" "Bộ Y tế đã nhận báo cáo giai đoạn 2023-2025, lần gửi 1" receipt-review-says
same "$(usql "SELECT phase_first FROM receipt ORDER BY id DESC LIMIT 1")" 2023 receipt-on-review
expect 0 status-after $XHHT $U status
year_lines >status2025-after.txt
cmp -s status2025-before.txt status2025-after.txt && ok ||
	bad "status: the 2025 report's lines changed: $(diff status2025-before.txt status2025-after.txt)"
same "$(usql "SELECT revision || '/' || (SELECT count(*) FROM bundle WHERE year = 2025 AND
	phase_first = 0) || '/' || (SELECT count(*) FROM receipt WHERE year = 2025 AND
	phase_first = 0) FROM report WHERE year = 2025 AND phase_first = 0")" "$y2025_before" 2025-untouched
# A review loaded from a file and never started here (the reviewer's case): no pre-fill is
# recorded, so every value is the clerk's; filling again is refused in one line naming the
# review, and the loaded figures stay (they once became 13871 and the years' sum).
U2="--data $T/unit2 --passphrase-file $T/upass"
for y in 2023 2024 2025; do
	expect 0 u2-load-$y $XHHT $U2 load $y y$y.json
done
sed -e 's/"chi_tieu.luot_hoc": [0-9]*/"chi_tieu.luot_hoc": 77/' \
	-e 's/"chi_tieu.so_sang_kien": [0-9]*/"chi_tieu.so_sang_kien": 99/' review.json >loaded.json
expect 0 u2-load-review $XHHT $U2 load 2023-2025 loaded.json
expect 1 u2-refill $XHHT $U2 phase 2023-2025 --refill
one_line u2-refill
has "$ERR" "báo cáo giai đoạn 2023-2025 chưa từng được điền sẵn ở đây" u2-refill-says
expect 0 u2-export $XHHT $U2 export 2023-2025 --format json -o u2.json
same "$(value u2.json chi_tieu.luot_hoc)" 77 u2-refill-keeps-77
same "$(value u2.json chi_tieu.so_sang_kien)" 99 u2-refill-keeps-99
harness_end
