#!/bin/sh
# desk-totals.sh: the central's desk, totals and proposals (the board's F8): the year's
# aggregates with their values, one drilled down to the units behind it, and a unit's report
# opened from there; a criterion as "Đạt x/y đơn vị"; the nominations grouped by award and kind
# with a breach of the plan's rules marked (the Prime Minister's certificate in 2024, not a
# review year), F4 keeping only the breaches; F6 saving the same files as xhht-central export;
# at 80×24, after resizes, without colour or Vietnamese, and in English.
# Usage: sh tests/tui/desk-totals.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

UI_MENU_TOTALS="Số liệu tổng hợp của năm, từng đơn vị góp vào"
UI_MENU_PROPOSALS="Đề nghị khen thưởng theo hình thức, đánh dấu đề nghị trái Kế hoạch"
UI_TOTALS_TITLE="Số liệu tổng hợp năm 2024"
UI_PROPOSALS_TITLE="Đề nghị khen thưởng năm 2024"
UI_BOARD="bảng theo dõi năm 2024"

desk() {
	_xhht=$XHHT
	XHHT=$CENTRAL
	TUI_DATA="$E/central" TUI_CWD="$E/work" tui_start "$@"
	XHHT=$_xhht
}
# down_to TEXT WHAT: Down until the highlighted line holds TEXT.
down_to() {
	i=0
	while ! highlighted | grep -qF -- "$1" && [ $i -lt 60 ]; do
		keys Down
		sleep 0.05
		i=$((i + 1))
	done
	if highlighted | grep -qF -- "$1"; then ok; else bad "$2: no highlighted line with \"$1\""; screen; show; fi
}

# --- the world: two units reported 2024 --------------------------------------------------------
# BVDKM: the sample report, its two individuals proposed for the Prime Minister's certificate
# (a warning the clerk accepted: 2024 is no review year); 86 courses, criterion 1 not met.
# VDD: the sample with 14 courses and criterion 1 met.
# Both dated 18/11/2024, before the tests' today (20/11/2024).
clerk_enrolled
sed 's/"chung.ngay_bao_cao": "2024-11-25"/"chung.ngay_bao_cao": "2024-11-18"/' "$SAMPLE" >"$T/sample.json"
sed 's/"bang_khen_byt"/"bang_khen_ttg"/' "$T/sample.json" >"$T/bvdkm.json"
sed -e 's/"dao_tao.so_khoa": 86/"dao_tao.so_khoa": 14/' -e 's/"tu_danh_gia.tc1": false/"tu_danh_gia.tc1": true/' \
	-e 's/"code": "BVDKM"/"code": "VDD"/' "$T/sample.json" >"$T/vdd.json"
central unit add VDD "Viện Dinh dưỡng" vien && central enroll VDD -o "$E/work/vdd.xhht" && ok ||
	bad "unit add, enroll VDD: $(excerpt "$ERR")"
VCODE=$(sed -n '$s/^Mã đăng ký: *//p' "$OUT")
if "$XHHT" --data "$E/data" load 2024 "$T/bvdkm.json" >"$OUT" 2>"$ERR" </dev/null &&
	"$XHHT" --data "$E/data" --passphrase-file "$E/upass" pack 2024 -o "$E/work/goi" --accept-warnings \
		>"$OUT" 2>"$ERR" </dev/null &&
	"$XHHT" --data "$E/vdd" --passphrase-file "$E/upass" enroll "$E/work/vdd.xhht" --code "$VCODE" \
		>"$OUT" 2>"$ERR" </dev/null &&
	"$XHHT" --data "$E/vdd" load 2024 "$T/vdd.json" >"$OUT" 2>"$ERR" </dev/null &&
	"$XHHT" --data "$E/vdd" --passphrase-file "$E/upass" pack 2024 -o "$E/work/goi" \
		>"$OUT" 2>"$ERR" </dev/null; then ok; else bad "the units' reports: $(excerpt "$ERR")"; fi
central import "$E/work/goi" && ok || bad "import: $(excerpt "$ERR") $(excerpt "$OUT")"
# TDHY: the sample too, packed but imported only while the desk is open (last block).
central unit add TDHY "Trường Đại học Y" truong && central enroll TDHY -o "$E/work/tdhy.xhht" && ok ||
	bad "unit add, enroll TDHY: $(excerpt "$ERR")"
TCODE=$(sed -n '$s/^Mã đăng ký: *//p' "$OUT")
sed 's/"code": "BVDKM"/"code": "TDHY"/' "$T/sample.json" >"$T/tdhy.json"
mkdir -p "$E/work/goi2"
if "$XHHT" --data "$E/tdhy" --passphrase-file "$E/upass" enroll "$E/work/tdhy.xhht" --code "$TCODE" \
	>"$OUT" 2>"$ERR" </dev/null &&
	"$XHHT" --data "$E/tdhy" load 2024 "$T/tdhy.json" >"$OUT" 2>"$ERR" </dev/null &&
	"$XHHT" --data "$E/tdhy" --passphrase-file "$E/upass" pack 2024 -o "$E/work/goi2" \
		>"$OUT" 2>"$ERR" </dev/null; then ok; else bad "TDHY's report: $(excerpt "$ERR")"; fi
mkdir -p "$E/work/xuat" "$T/cli"

# --- totals: values, one drilled down, a unit's report ----------------------------------------
begin desk-totals
W=80 H=24
desk desk-totals
see "$UI_BOARD" totals-board
keys F8
see "Chức năng của bàn làm việc" totals-menu
choose "$UI_MENU_TOTALS" totals-menu-row
keys Enter
see "$UI_TOTALS_TITLE" totals-title
see "2 đơn vị có báo cáo được tính" totals-units-counted
down_to "Số khóa, lớp đào tạo, bồi dưỡng đã tổ chức" totals-courses-row
see "Số khóa, lớp đào tạo, bồi dưỡng đã tổ chức         100" totals-courses-sum
see "Tổng 100 — thấp nhất 14 — cao nhất 86 — 2/2 đơn vị trả lời" totals-courses-detail
keys Enter
see "Số liệu năm 2024 — Số khóa, lớp đào tạo, bồi dưỡng đã tổ chức" drill-title
see "BVDKM    Bệnh viện Đa khoa Minh Hòa" drill-bvdkm
see "VDD      Viện Dinh dưỡng" drill-vdd
# The highest first: BVDKM's 86, then VDD's 14.
[ "$(grep -n '^  BVDKM' "$SCR" | cut -d: -f1)" -lt "$(grep -n '^  VDD' "$SCR" | cut -d: -f1)" ] && ok ||
	bad "drill: BVDKM (86) is not listed before VDD (14)"
grep -q '^  BVDKM .* 86 *$' "$SCR" && grep -q '^  VDD .* 14 *$' "$SCR" && ok || { bad "drill: the units' values"; show; }
keys Down
keys Enter
see "VDD — Viện Dinh dưỡng — báo cáo năm 2024" drill-opens-report
keys Escape
see "Số liệu năm 2024 — Số khóa" drill-back
keys Escape
see "$UI_TOTALS_TITLE" totals-back
# A criterion: met by VDD, not by BVDKM.
down_to "Tham mưu cơ chế, chính sách" totals-criterion-row
see "Đạt 1/2 đơn vị" totals-criterion
keys Enter
grep -q '^  VDD .* Đạt *$' "$SCR" && ok || see "VDD      Viện Dinh dưỡng" criterion-vdd
see "Chưa đạt" criterion-bvdkm-not
keys Escape
resize_check totals-resize "$UI_TOTALS_TITLE"
$S resize-window -t 0 -x 80 -y 24
# F6: the year's export into a folder chosen, the same files as xhht-central export.
keys F6
see "Ghi gì ra tệp? (năm 2024)" totals-export-what
keys Up
keys Enter
see "Ghi vào thư mục nào?" totals-export-chooser
choose "xuat/" totals-export-folder
keys Enter
see "$E/work/xuat" totals-export-in-folder
keys Enter
see "Đã ghi 6 tệp vào $E/work/xuat" totals-export-said
export XHHT_TODAY=2024-11-20
central export 2024 --format html -o "$T/cli/tong-hop-2024.html" &&
	central export 2024 --format csv -o "$T/cli/tong-hop-2024.csv" && ok || bad "cli export: $(excerpt "$ERR")"
unset XHHT_TODAY
for f in tong-hop-2024.html tong-hop-2024.csv tong-hop-2024.khen_thuong.de_nghi.csv tong-hop-2024.thi_dua.mo_hinh.csv; do
	cmp -s "$E/work/xuat/$f" "$T/cli/$f" && ok || bad "totals-export: $f is not what xhht-central export writes"
done
quit_with F10 totals-quit
end

# --- proposals: grouped, the breach marked, F4, a unit's report ---------------------------------
begin desk-proposals
W=80 H=24
desk desk-proposals
see "$UI_BOARD" proposals-board
keys F8
choose "$UI_MENU_PROPOSALS" proposals-menu-row
keys Enter
see "$UI_PROPOSALS_TITLE" proposals-title
see "6 đề nghị, 2 trái Kế hoạch (⚠)" proposals-counts
see "Bằng khen của Thủ tướng Chính phủ — Cá nhân (2)" proposals-group-ttg
see "Bằng khen của Bộ Y tế — Cá nhân (2)" proposals-group-byt
see "Cờ thi đua của Bộ Y tế — Tập thể (2)" proposals-group-flag
see "⚠ BVDKM    Nguyễn Hữu Phước — Trưởng khoa Cấp cứu" proposals-breach-marked
see "  VDD      Nguyễn Hữu Phước — Trưởng khoa Cấp cứu" proposals-clean-unmarked
see "⚠ Cảnh báo: Đề nghị Bằng khen của Thủ tướng Chính phủ: theo Kế hoạch" proposals-breach-why
keys F4
see "lọc (F4): chỉ đề nghị sai" proposals-filter
wait_gone "Cờ thi đua của Bộ Y tế — Tập thể" && ok || bad "proposals-filter: the flag's group is still shown"
notsee "  VDD      " proposals-filter-no-vdd
keys Enter
see "BVDKM — Bệnh viện Đa khoa Minh Hòa — báo cáo năm 2024" proposals-opens-report
keys Escape
see "$UI_PROPOSALS_TITLE" proposals-back
keys F4
see "Cờ thi đua của Bộ Y tế — Tập thể (2)" proposals-unfiltered
resize_check proposals-resize "$UI_PROPOSALS_TITLE"
quit_with F10 proposals-quit
end

# --- without colour (xterm-mono: its F-keys are xterm's) or Vietnamese: the mark in ASCII -------------------------------------------
begin desk-proposals-ascii
W=80 H=24 TUI_LANG=C TUI_TERM=xterm-mono desk desk-proposals-ascii
see "bang theo doi nam 2024" ascii-board
keys F8
choose "De nghi khen thuong theo hinh thuc, danh dau de nghi trai Ke hoach" ascii-menu-row
keys Enter
see "6 de nghi, 2 trai Ke hoach (!)" ascii-counts
see "! BVDKM    Nguyen Huu Phuoc" ascii-breach-marked
see "! Canh bao: De nghi Bang khen cua Thu tuong Chinh phu" ascii-breach-why
ascii_screen ascii-proposals
keys Escape
keys F8
choose "So lieu tong hop cua nam, tung don vi gop vao" ascii-menu-totals
keys Enter
see "So lieu tong hop nam 2024" ascii-totals
ascii_screen ascii-totals-only
quit_with F10 ascii-quit
end

# --- in English; a report imported while the desk is open ------------------------------------
begin desk-totals-en
W=80 H=24 desk desk-totals-en --lang en
see "The desk: the 2024 board" en-board
keys F8
choose "The year's totals, and the units behind each" en-menu-row
keys Enter
see "The 2024 totals" en-title
down_to "Number of training courses" en-courses-row
see "Sum 100 — lowest 14 — highest 86 — 2/2 units answered" en-detail
keys Escape
keys F8
choose "Nominations by award, those breaking the plan's rules marked" en-menu-proposals
keys Enter
see "6 nominations, 2 breaking the plan (⚠)" en-counts
see "Prime Minister's Certificate of Merit" en-group
# A report imported while the list is open appears without a key.
central import "$E/work/goi2" && ok || bad "import TDHY: $(excerpt "$ERR") $(excerpt "$OUT")"
see "9 nominations, 2 breaking the plan (⚠)" en-refreshed
quit_with F10 en-quit
end

tui_end
