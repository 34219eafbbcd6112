#!/bin/sh
# template-move.sh: a draft moved to a newer version of its template (xhht template move): the
# plan (--dry-run changes nothing), the move keeping every surviving value (the exports compared
# value by value), the dropped values listed and kept, a second move and a move with nothing
# newer doing nothing (exit 0), status telling of the newer version, check against it, and the
# next pack answering it while the earlier bundle stays as it was sent. Then a phase review
# (xhht template move 2023-2025): moved apart from the 2025 report, its dropped values its own,
# a pre-filled field new in the version filled by the next refill.
# Usage: tests/cli/template-move.sh BUILD_DIR
#
# Version 2 reaches the data folders through the test builds' $XHHT_TEST_TEMPLATE (a template
# file taken as one more built-in one; docs/template-format.md), not through the signed
# template files a real unit installs.
set -u
. "$(dirname "$0")/../lib/harness.sh"
harness_start "$@"
need_program "$XHHT" "$CENTRAL"
export XHHT_TODAY=2024-12-01 XHHT_NOW=2024-12-01T03:00:00Z USER=nguyenvana
V2="$PWD/tests/templates/bao-cao-nam-2-move.json"
PHASE_V2="$PWD/tests/templates/so-ket-2023-2025-2-move.json"
harness_in_scratch

# flat FILE: an exported report, one value a line, "path<TAB>value", sorted: fields by id,
# table cells as table[row].column.
flat() {
	awk '
	/^ "values": \{/ { sec = "v"; next }
	/^ "tables": \{/ { sec = "t"; next }
	/^ [}\]]/ { sec = "" }
	function kv(line, prefix) {
		sub(/^ +/, "", line); sub(/,$/, "", line)
		k = line; sub(/": .*/, "", k); sub(/^"/, "", k)
		v = line; sub(/^"[^"]*": /, "", v)
		print prefix k "\t" v
	}
	sec == "v" && /^  "/ { kv($0, ""); next }
	sec == "t" && /^  "[^"]*": \[/ { tab = $0; sub(/^  "/, "", tab); sub(/".*/, "", tab); row = 0; next }
	sec == "t" && /^   \{/ { row++; next }
	sec == "t" && /^    "/ { kv($0, tab "[" row "].") }
	' "$1" | sort
}

# --- a version-1 draft, packed once ---------------------------------------------------------
expect 0 init $CENTRAL $C init
expect 0 unit-add $CENTRAL $C unit add BVDKM "Bệnh viện Đa khoa Minh Hòa" benh_vien
expect 0 enroll $CENTRAL $C enroll BVDKM -o bvdkm.enr
CODE=$(sed -n '$s/^Mã đăng ký: *//p' .out)
expect 0 xhht-enroll $XHHT $U enroll bvdkm.enr --code "$CODE"
expect 0 load $XHHT $U load 2024 "$SAMPLE"
mkdir out
expect 0 pack-v1 $XHHT $U pack 2024 -o out
V1_BUNDLE=$(ls out)
cp "out/$V1_BUNDLE" v1-bundle.copy
expect 0 export-before $XHHT $U export 2024 --format json -o before.json

# --- nothing newer: nothing to move, exit 0 ---------------------------------------------------
expect 0 move-nothing-newer $XHHT $U template move 2024
has .out "không có gì để chuyển" move-nothing-newer-says
has .out "phiên bản 1" move-nothing-newer-version
expect 1 move-no-report $XHHT $U template move 2026
has .err "chưa có báo cáo năm 2026" move-no-report-says
one_line move-no-report-one-line
expect 2 move-bad-year $XHHT $U template move 20x4
expect 2 move-no-year $XHHT $U template move

# --- version 2 installed: status says so, --dry-run shows the plan and changes nothing --------
export XHHT_TEST_TEMPLATE="$V2"
expect 0 new-2025 $XHHT $U new 2025
expect 0 status-newer $XHHT $U status
has .out "Có mẫu báo cáo mới (phiên bản 2; bản nháp theo phiên bản 1): xhht template move 2024" status-newer-says
hasnt .out "template move 2025" status-new-draft-is-newest
expect 0 dry-run $XHHT $U template move 2024 --dry-run
has .out "Báo cáo năm 2024: từ mẫu bao-cao-nam phiên bản 1 sang phiên bản 2." dry-run-heading
has .out "Chưa chuyển gì (--dry-run)." dry-run-says
has .out "Số hoạt động tiếp cận kinh nghiệm quốc tế" dry-run-dropped-field
has .out "Mục mới bắt buộc:" dry-run-new-required-heading
has .out "  Số lượt học trực tuyến" dry-run-new-required
has .out "  Ý kiến khác" dry-run-new
has .out "(kiểu: int → text)" dry-run-type-changed
has .out "(bỏ lựa chọn: “Cờ thi đua của Bộ Y tế”): 1/3 giá trị" dry-run-choice-removed
has .out "(tên cũ “Đề xuất, kiến nghị”)" dry-run-label-changed
expect 0 export-after-dry-run $XHHT $U export 2024 --format json -o dry.json
must dry-run-changes-nothing cmp -s before.json dry.json

# --- the move ---------------------------------------------------------------------------------
expect 0 move $XHHT $U template move 2024
cp .out move.txt
has move.txt "Đã chuyển. Kiểm tra lại theo mẫu mới: xhht check 2024" move-says
has move.txt "Giá trị không còn chỗ trong mẫu mới (4)" move-dropped-count
has move.txt "[thi_dua.hoat_dong_quoc_te] (mục không còn trong mẫu mới):" move-dropped-field
has move.txt "[thi_dua.mo_hinh[2].hieu_qua]" move-dropped-cell
has move.txt "    Ghi nhận hơn 9.400 lượt đăng nhập học tập; dự kiến nhân rộng cho các khoa cận lâm sàng năm 2025." move-dropped-text
has move.txt "[khen_thuong.de_nghi[1].hinh_thuc] (lựa chọn này không còn trong mẫu mới):" move-dropped-choice
expect 0 export-after $XHHT $U export 2024 --format json -o after.json
has after.json '"template_version": 2,' export-answers-v2
# Value by value: every value of version 1 is in version 2 as it was, but for the four dropped
# and the figure that became text.
flat before.json | grep -v -e '^thi_dua\.hoat_dong_quoc_te	' -e '\.hieu_qua	' \
	-e '^khen_thuong\.de_nghi\[1\]\.hinh_thuc	' |
	sed 's/^\(chung\.tong_so_nguoi	\)\(.*\)$/\1"\2"/' >want.txt
flat after.json >got.txt
must values-kept cmp -s want.txt got.txt
[ -s want.txt ] && [ "$(wc -l <got.txt)" -gt 40 ] && ok || bad "values-compared: $(wc -l <got.txt) values"
same "$(flat before.json | wc -l)" "$(($(wc -l <got.txt) + 4))" nothing-else-lost
# Every dropped value is kept: the next run lists them, with their values.
expect 0 move-again $XHHT $U template move 2024
has .out "đã theo mẫu bao-cao-nam phiên bản 2, mới nhất đã cài: không có gì để chuyển." move-again-no-op
has .out "Giá trị đã bỏ khi chuyển mẫu, vẫn giữ lại (4):" move-again-lists-kept
has .out "[thi_dua.hoat_dong_quoc_te] (phiên bản 1 → 2" move-again-field
has .out "    6" move-again-value
has .out "    Áp dụng tại 27/32 khoa lâm sàng; số sự cố y khoa do thực hiện sai quy trình giảm 18% so với năm 2023." move-again-cell
has .out "    Cờ thi đua của Bộ Y tế" move-again-choice
expect 0 export-again $XHHT $U export 2024 --format json -o again.json
must second-move-changes-nothing cmp -s after.json again.json
expect 0 move-again-en $XHHT $U --lang en template move 2024
has .out "Values dropped when the draft was moved, still kept (4):" move-again-en
expect 0 status-after $XHHT $U status
hasnt .out "Có mẫu báo cáo mới" status-after-quiet

# --- check and pack answer version 2; the version-1 bundle stays as sent -----------------------
expect 1 check-v2 $XHHT $U check 2024
has .out "dao_tao.luot_truc_tuyen: chưa điền “Số lượt học trực tuyến” (bắt buộc)" check-new-required
has .out "khen_thuong.de_nghi[1].hinh_thuc" check-choice-to-choose-again
sed 's/"dao_tao.hoc_lieu_so": 24,/"dao_tao.hoc_lieu_so": 24, "dao_tao.luot_truc_tuyen": 900,/;
     s/"ten": "Phòng Chỉ đạo tuyến và Đào tạo",/&\n    "hinh_thuc": "bang_khen_byt",/' after.json >filled.json
expect 0 load-filled $XHHT $U load 2024 filled.json
expect 0 check-filled $XHHT $U check 2024
expect 0 pack-v2 $XHHT $U pack 2024 -o out
must v1-bundle-as-sent cmp -s "out/$V1_BUNDLE" v1-bundle.copy
expect 0 import $CENTRAL $C import --receipts rc out
expect 0 central-export $CENTRAL $C export 2024 --format json -o central.json
has central.json '"template_version":2' central-has-v2
has central.json '"dao_tao.luot_truc_tuyen": 900' central-new-value
# --- a phase review moves too, apart from its closing year's report ---------------------------
# Version 2 of the mid-term review drops a figure and the clerk's note on models, and adds a
# figure pre-filled from the years.
unset XHHT_TEST_TEMPLATE
U3="--data $T/unit3 --passphrase-file $T/upass"
for y in 2023 2024 2025; do
	sed "s/\"year\": 2024/\"year\": $y/" "$SAMPLE" >y$y.json
	expect 0 p-load-$y $XHHT $U3 load $y y$y.json
done
expect 0 p-new $XHHT $U3 new 2023-2025
expect 0 p-move-nothing $XHHT $U3 template move 2023-2025
has .out "Báo cáo giai đoạn 2023-2025 đã theo mẫu so-ket-2023-2025 phiên bản 1, mới nhất đã cài" p-move-nothing-says
expect 0 p-export $XHHT $U3 export 2023-2025 --format json -o p-review.json
sed 's/^ "values": {$/ "values": {\
  "mo_hinh.sang_kien": "Sáng kiến riêng của đơn vị",/' p-review.json >p-written.json
export XHHT_TEST_TEMPLATE="$PHASE_V2"
expect 0 p-load-written $XHHT $U3 load 2023-2025 p-written.json
expect 0 p-status $XHHT $U3 status
has .out "Có mẫu báo cáo mới (phiên bản 2; bản nháp theo phiên bản 1): xhht template move 2023-2025" p-status-says
hasnt .out "xhht template move 2025" p-status-year-quiet
expect 0 p-dry-run $XHHT $U3 template move 2023-2025 --dry-run
has .out "Báo cáo giai đoạn 2023-2025: từ mẫu so-ket-2023-2025 phiên bản 1 sang phiên bản 2." p-dry-run-heading
has .out "Sáng kiến riêng của đơn vị" p-dry-run-dropped
expect 0 p-move $XHHT $U3 template move 2023-2025
has .out "xhht check 2023-2025" p-move-check-it
expect 0 p-move-again $XHHT $U3 template move 2023-2025
has .out "đã theo mẫu so-ket-2023-2025 phiên bản 2" p-move-again-no-op
has .out "[mo_hinh.sang_kien] (phiên bản 1 → 2" p-move-again-kept
has .out "    Sáng kiến riêng của đơn vị" p-move-again-value
expect 0 p-move-2025 $XHHT $U3 template move 2025
has .out "Báo cáo năm 2025 đã theo mẫu bao-cao-nam phiên bản 1" p-year-untouched
hasnt .out "Sáng kiến riêng" p-year-keeps-no-drops
# The new pre-filled figure is filled by a refill; the rest as the years give it.
expect 0 p-refill $XHHT $U3 phase 2023-2025 --refill --format json -o p-refilled.json
fig() { sed -n "s/^ *\"$1\": \\([0-9]*\\),*\$/\\1/p" p-refilled.json; }
[ -n "$(fig chi_tieu.luot_hoc)" ] && [ "$(fig chi_tieu.luot_hoc_moi)" = "$(fig chi_tieu.luot_hoc)" ] && ok ||
	bad "p-refill: chi_tieu.luot_hoc_moi \"$(fig chi_tieu.luot_hoc_moi)\", luot_hoc \"$(fig chi_tieu.luot_hoc)\""
harness_end
