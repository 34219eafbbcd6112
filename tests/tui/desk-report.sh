#!/bin/sh
# NEEDS THE BOARD: Enter on a unit's row of the year board (xhht-central with no command) opens its report; until the desk opens, this file says SKIP and passes.
# desk-report.sh: the central's desk, the report view: a unit's merged report, read-only, with
# its header (unit, year, revision, when the Ministry received it, on time), its values as the
# clerk filled them in, a table's rows, its attachment saved to a folder; at 80×24 and after
# resizes; the database unchanged by reading.
# Usage: sh tests/tui/desk-report.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

# The board's words this file looks for (the board's counts line: "1/1 đơn vị đã nộp").
UI_BOARD="đơn vị đã nộp"
UI_VIEW_RECEIVED="Bộ nhận 28/11/2024 10:00 (giờ Việt Nam) — đúng hạn"

# desk NAME: xhht-central's desk on the Ministry's data folder, started in the clerk's folder
# (where its folder chooser starts).
desk() { desk_start "$@"; }
# export_central FILE: the Ministry's export of 2024 (what the database holds).
export_central() { central export 2024 --format json -o "$1"; }

# --- the state: the unit's report, with its scan, packed and imported before the deadline -----
clerk_reported
printf '%%PDF-1.4\n%% bản quét báo cáo có dấu đỏ\n' >"$E/work/bao-cao-quet.pdf"
expect 0 desk-attach "$XHHT" --data "$E/data" attach 2024 "$E/work/bao-cao-quet.pdf"
expect 0 desk-pack "$XHHT" --data "$E/data" --passphrase-file "$E/upass" pack 2024 -o "$E/work/goi"
BUNDLE=$(ls "$E/work/goi"/XHHT-2024-BVDKM-r*.xhht 2>/dev/null | head -n 1)
REV=$(basename "$BUNDLE" .xhht | sed 's/.*-r//')
UI_VIEW_TITLE="BVDKM — Bệnh viện Đa khoa Minh Hòa — báo cáo năm 2024, lần gửi $REV"
export XHHT_NOW=2024-11-28T03:00:00Z
ministry_imports
unset XHHT_NOW
mkdir -p "$E/work/luu-tep"
export_central "$T/before.json"

# --- the report opened from the board -----------------------------------------------------------
begin desk-report
W=80 H=24
desk desk-report
if ! wait_for "$UI_BOARD" 3; then
	screen
	echo "SKIP: desk-report: xhht-central with no command shows no year board (\"$UI_BOARD\") yet: $(grep -m1 . "$SCR")"
	end
	tui_end
fi
# The unit's row: down the board until it is the highlighted one.
i=0
while ! highlighted | grep -qF BVDKM && [ $i -lt 30 ]; do
	keys Down
	sleep 0.05
	i=$((i + 1))
done
hl_shows_unit() { highlighted | grep -qF BVDKM; }
poll "$TMO" 0.05 hl_shows_unit && ok || bad "board: no highlighted row of BVDKM"
keys Enter
see "$UI_VIEW_TITLE" view-header
see "$UI_VIEW_RECEIVED" view-received
see "[1/12] Thông tin chung" view-first-section
see "342/BC-BVĐKMH" view-field-value
# A table's rows, section by section; then the attachments, the last page.
page_to "1. Tên mô hình: Mười lăm phút học mỗi sáng" view-table-row
page_to "[12/12] Tệp đính kèm: 1 tệp" view-attachments
see "bao-cao-quet.pdf — application/pdf" view-attachment
# Saved into a folder chosen in the chooser.
keys F6
see "Lưu tệp đính kèm vào đâu?" save-chooser
choose "luu-tep/" save-choose-folder
keys Enter
see "$E/work/luu-tep" save-in-folder
keys Enter
see "Đã lưu" save-said
cmp -s "$E/work/luu-tep/BVDKM-2024-bao-cao-quet.pdf" "$E/work/bao-cao-quet.pdf" && ok ||
	bad "save: the scan was not written as it came"
# Typed keys change nothing: read-only.
typ "xyz"
keys Delete
keys Space
resize_check view-resize "báo cáo năm 2024, lần gửi $REV"
export_central "$T/after.json"
cmp -s "$T/before.json" "$T/after.json" && ok || bad "view: the database changed while reading the report"
# Back on the board, F1 explains the board again, not the report.
esc
see "đơn vị đã nộp" view-back-on-board
keys F1
see "Mỗi dòng là một đơn vị đã đăng ký với Bộ" view-board-help-again
esc
quit_with F10 view-quit
end

tui_end
