#!/bin/sh
# phase.sh: the phase review on the clerk's screens at 80×24: in 2025 (the mid-term review's
# closing year) the home screen offers it; Ctrl-O opens it pre-filled from the yearly reports
# of 2023-2025 with each figure's years (the provenance line) and the year without a report
# said, and F6 saves it as a printable review and a CSV; in a year that closes no phase the
# status line says so; the yearly reports are left as they were.
# Usage: sh tests/tui/phase.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

# The data folder: the sample report loaded for 2023 and 2025 (2024 missing), figures of 2023
# halved.
DATA="$T/phase-data"
sed -e 's/"year": 2024/"year": 2023/' -e 's/"dao_tao.luot_hoc": 5240/"dao_tao.luot_hoc": 2620/' \
	-e 's/"ngay_bao_cao": "2024-/"ngay_bao_cao": "2023-/' "$SAMPLE" >"$T/y2023.json"
sed -e 's/"year": 2024/"year": 2025/' -e 's/"ngay_bao_cao": "2024-/"ngay_bao_cao": "2025-/' \
	"$SAMPLE" >"$T/y2025.json"
for y in 2023 2025; do
	if "$XHHT" --data "$DATA" load $y "$T/y$y.json" >"$OUT" 2>"$ERR" </dev/null; then ok; else
		bad "load $y: $(excerpt "$ERR")"
	fi
done
"$XHHT" --data "$DATA" export 2025 --format json >"$T/before.json" 2>/dev/null </dev/null

mkdir -p "$T/work/ban-in"
UI_SAVE_CHOOSER="Lưu bản in và tệp CSV vào đâu?"
begin phase-open
W=80 H=24 TUI_DATA="$DATA" TUI_CWD="$T/work" TUI_TODAY=2025-11-20 tui_start phase-open
see "Báo cáo năm 2025:" opens-2025
see "Báo cáo giai đoạn 2023-2025: Ctrl-O xem nguồn điền sẵn, điền lại." home-offers
keys C-o
see "Báo cáo giai đoạn 2023-2025, điền sẵn" review-title
see "  2024: chưa có báo cáo" review-sources
see "  Người ký (Thủ trưởng đơn vị): Trần Quốc Khánh" review-last-value
see "      từ năm 2025; thiếu báo cáo năm 2024" review-last-provenance
# Down to the totals: the provenance line of the training participations.
i=0
while ! shows "2023: 2.620, 2025: 5.240; thiếu báo cáo năm 2024" && [ $i -lt 12 ]; do
	keys PageDown
	i=$((i + 1))
done
see "  Số lượt người được đào tạo, bồi dưỡng (cộng 2023 - 2025): 7.860" review-sum
see "      2023: 2.620, 2025: 5.240; thiếu báo cáo năm 2024" review-provenance
# F6: the printable review and its CSV saved into a chosen folder, named by the review.
keys F6
see "$UI_SAVE_CHOOSER" save-chooser
choose "ban-in/" save-choose-folder
keys Enter
see "$T/work/ban-in" save-in-folder
hl_is "$UI_THIS_FOLDER" save-this-folder
keys Enter
see "so-ket-2023-2025-BVDKM.html" saved-html-named
keys Enter
see "Đã lưu so-ket-2023-2025-BVDKM.html và so-ket-2023-2025-BVDKM.csv vào" saved-status
HTML="$T/work/ban-in/so-ket-2023-2025-BVDKM.html"
has "$HTML" "Báo cáo sơ kết giai đoạn 2023 - 2025 Phong trào thi đua" saved-html-title
has "$HTML" "7.860" saved-html-sum
has "$T/work/ban-in/so-ket-2023-2025-BVDKM.csv" "chi_tieu.luot_hoc" saved-csv
keys Escape
see "Báo cáo năm 2025:" back-home
# 2024 closes no phase: not offered, and Ctrl-O says which years do.
keys Left
see "Báo cáo năm 2024:" left-2024
notsee "Báo cáo giai đoạn" not-offered-2024
keys C-o
see "không có báo cáo sơ kết, tổng kết giai đoạn nào kết thúc năm 2024" none-said
quit_with F10
end
# Nothing stored: the yearly reports are as they were, and no report of another year appeared.
"$XHHT" --data "$DATA" export 2025 --format json >"$T/after.json" 2>/dev/null </dev/null
if cmp -s "$T/before.json" "$T/after.json"; then ok; else bad "the 2025 report changed"; fi
"$XHHT" --data "$DATA" status >"$OUT" 2>"$ERR" </dev/null
hasnt "$OUT" "2024:" no-2024-report
tui_end
