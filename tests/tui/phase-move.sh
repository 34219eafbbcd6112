#!/bin/sh
# phase-move.sh: a newer version of the mid-term review's form on the clerk's screens at 80×24:
# the review's row on the home screen says a new form is there (the 2025 row does not), F8 shows
# the review's plan, Enter moves it and shows the review's own dropped values (the clerk's note
# on models); the database then holds the review on version 2 and the 2025 report on version 1.
# Usage: sh tests/tui/phase-move.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
#
# Version 2 reaches the data folder through the test builds' $XHHT_TEST_TEMPLATE (a template
# file taken as one more built-in one; docs/template-format.md).
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"
V2="$PWD/tests/templates/so-ket-2023-2025-2-move.json"
UI_NEW_FORM="Có mẫu báo cáo mới (phiên bản 2): chuyển bản nháp sang mẫu mới (F8)."
UI_PLAN_TITLE="Chuyển bản nháp giai đoạn 2023-2025 sang mẫu mới (phiên bản 2)"
UI_KEPT_TITLE="Giá trị đã bỏ khi chuyển mẫu — báo cáo giai đoạn 2023-2025"
NOTE="Sáng kiến riêng của đơn vị"

# The three yearly reports, the review started on version 1 with the clerk's note on models,
# then version 2 installed (a write with $XHHT_TEST_TEMPLATE: the note loaded again).
U="$T/pm/data"
mkdir -p "$T/pm"
for y in 2023 2024 2025; do
	sed "s/\"year\": 2024/\"year\": $y/" "$SAMPLE" >"$T/y$y.json"
	expect 0 load-$y "$XHHT" --data "$U" load $y "$T/y$y.json"
done
expect 0 new-review "$XHHT" --data "$U" new 2023-2025
expect 0 export-review "$XHHT" --data "$U" export 2023-2025 --format json -o "$T/review.json"
sed "s/^ \"values\": {\$/ \"values\": {\\
  \"mo_hinh.sang_kien\": \"$NOTE\",/" "$T/review.json" >"$T/written.json"
XHHT_TEST_TEMPLATE="$V2" expect 0 load-written "$XHHT" --data "$U" load 2023-2025 "$T/written.json"
# version FILE: the template version an export names.
version() { sed -n 's/^ *"template_version": \([0-9]*\),$/\1/p' "$1"; }

begin phase-move-80
W=80 H=24 TUI_TODAY=2025-11-20 TUI_DATA="$U" tui_start phase-move-80
see "Báo cáo năm 2025:" home-2025
notsee "Có mẫu báo cáo mới" home-2025-quiet
keys Right
see "Báo cáo giai đoạn 2023-2025:" home-review-row
see "$UI_NEW_FORM" home-review-says-new-form
keys F8
see "$UI_PLAN_TITLE" plan-opens
see "Bản nháp đang theo phiên bản 1." plan-says-version
keys Escape
see "$UI_NEW_FORM" later-home-still-says
expect 0 later-export "$XHHT" --data "$U" export 2023-2025 --format json -o "$T/later.json"
same "$(version "$T/later.json")" 1 later-review-unchanged
keys F8
see "$UI_PLAN_TITLE" plan-again
keys Enter
see "$UI_KEPT_TITLE" moved-shows-kept
see "Số hoạt động tiếp cận kinh nghiệm quốc tế" kept-figure-listed
keys Down
see "[mo_hinh.sang_kien] — phiên" kept-note-listed
see "$NOTE" kept-note-text
expect 0 moved-export "$XHHT" --data "$U" export 2023-2025 --format json -o "$T/moved.json"
same "$(version "$T/moved.json")" 2 moved-review-on-v2
expect 0 year-export "$XHHT" --data "$U" export 2025 --format json -o "$T/year.json"
same "$(version "$T/year.json")" 1 year-report-untouched
keys Escape
see "Báo cáo giai đoạn 2023-2025:" back-home-review
notsee "Có mẫu báo cáo mới" home-review-quiet-after-move
keys Left
see "Báo cáo năm 2025:" back-to-2025
notsee "Có mẫu báo cáo mới" home-2025-still-quiet
keys F8
see "Báo cáo năm 2025 theo mẫu mới nhất; không có giá trị nào bị bỏ" year-has-no-dropped
quit_with F10 phase-move-80-quit
end

tui_end
