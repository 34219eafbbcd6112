#!/bin/sh
# desk-years.sh: the central's desk, figures across years (the board's F8): each indicator's
# national total per year and the units reporting each year, as this test sums them from the
# reports the units sent (the last revision of each unit-year); a year nobody reported shown
# "—", never 0; the change from the year before; one indicator drilled down to each unit, and a
# unit's report opened from there; ← → moving the span; F6 writing what xhht-central export
# --years writes; at 80×24 and 100×30, after resizes, and in English.
# Usage: sh tests/tui/desk-years.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../lib/years-world.sh"
tui_setup "$@"

UI_MENU_YEARS="Số liệu qua các năm: tổng cả nước, từng đơn vị, tăng giảm"
UI_BOARD_2025="bảng theo dõi năm 2025"
COURSES="Số khóa, lớp đào tạo, bồi dưỡng đã tổ chức"

years_world "$T/w"
export XHHT_TODAY=2024-11-20
mkdir -p "$T/work/xuat" "$T/cli"
# The desk on the world's central, on a day of 2025 (its board's year).
desk() {
	_xhht=$XHHT
	XHHT=$CENTRAL
	TUI_DATA="$T/w/central" TUI_CWD="$T/work" TUI_TODAY=2025-12-01 tui_start "$@"
	XHHT=$_xhht
}
# figures ID Y1 Y2...: the years' national totals of ID as the list shows them, "—" for none.
figures() {
	id=$1
	shift
	out=""
	for y in "$@"; do
		s=$(years_sum "$id" "$y")
		if [ -z "$s" ]; then out="$out —"; else out="$out $(years_dots "$s")"; fi
	done
	echo "$out"
}
# signed N: N as a change is written (+12, -4).
signed() { case $1 in -*) echo "$1" ;; *) echo "+$1" ;; esac; }
# pct_signed PREV CUR: the change in percent as the screen writes it in Vietnamese (+5,0).
pct_signed() { signed "$(years_pct "$1" "$2" | tr . ,)"; }
# row_ends TEXT FIGURES WHAT: the screen's line holding TEXT ends in FIGURES, blanks between.
row_ends() {
	screen
	pat=$(printf '%s\n' "$2" | sed 's/^ //; s/\./\\./g; s/ / +/g')
	if grep -F -- "$1" "$SCR" | grep -qE -- " $pat *\$"; then ok; else
		bad "$3: the line of \"$1\" does not end in \"$2\""
		show
	fi
}
# open_years: the board, F8, the menu's entry.
open_years() {
	see "$UI_BOARD_2025" "$1-board"
	keys F8
	see "Chức năng của bàn làm việc" "$1-menu"
	choose "$UI_MENU_YEARS" "$1-menu-row"
	keys Enter
}

# --- 80×24: totals per year, units reporting, the change, one indicator by unit ---------------
begin desk-years
W=80 H=24
desk desk-years
open_years years
see "Số liệu qua các năm 2022-2025" years-title
row_ends "Số đơn vị có báo cáo" " 0 $(years_reported 2023) $(years_reported 2024) $(years_reported 2025)" years-reported
# 2022: nobody reported: absent, never 0.
row_ends "Số khóa, lớp đào tạo, bồi dưỡng đã" "$(figures dao_tao.so_khoa 2022 2023 2024 2025)" years-courses
row_ends "Số sáng kiến, giải pháp được công n" "$(figures thi_dua.so_sang_kien 2022 2023 2024 2025)" years-initiatives
row_ends "Tổng số CBCCVC, người lao động của" "$(figures chung.tong_so_nguoi 2022 2023 2024 2025)" years-staff
down_to "Số khóa, lớp đào tạo, bồi dưỡng đã"
c23=$(years_sum dao_tao.so_khoa 2023) c24=$(years_sum dao_tao.so_khoa 2024) c25=$(years_sum dao_tao.so_khoa 2025)
see "2023 —; 2024 $(signed $((c24 - c23))) ($(pct_signed "$c23" "$c24")%); 2025 $(signed $((c25 - c24))) ($(pct_signed "$c24" "$c25")%)" years-change
keys Enter
see "Qua các năm 2022-2025 — $COURSES" drill-title
see "2024  $(years_dots "$c24")" drill-2024-total
see "$(years_answered dao_tao.so_khoa 2024)/$(years_reported 2024)" drill-2024-answered
see "2022  —                    0/0" drill-2022-absent
for u in BVA BVB VC; do
	want=""
	for y in 2022 2023 2024 2025; do
		v=""
		[ -f "$YW/merged/$y-$u.json" ] && v=$(years_value "$YW/merged/$y-$u.json" dao_tao.so_khoa)
		want="$want ${v:-—}"
	done
	row_ends "  $u " "$want" "drill-$u"
done
# VC's newest report of the span: 2025.
down_to "VC "
keys Enter
see "VC — Viện C — báo cáo năm 2025" drill-opens-newest-report
keys Escape
see "Qua các năm 2022-2025" drill-back
keys Escape
# The span a year later: 2026, nobody yet.
keys Right
see "Số liệu qua các năm 2023-2026" years-right
row_ends "Số đơn vị có báo cáo" " $(years_reported 2023) $(years_reported 2024) $(years_reported 2025) 0" years-right-reported
keys F1
see "Số liệu qua các năm" years-help
see "không phải số 0" years-help-absent
keys Escape
resize_check years-resize "Số liệu qua các năm 2023-2026"
quit_with F10 years-quit
end

# --- 100×30: wider columns, money in full; F6 writes what export --years writes ------------------
begin desk-years-wide
desk desk-years-wide
open_years wide
see "Số liệu qua các năm 2022-2025" wide-title
row_ends "Kinh phí đầu tư cho học tập" "$(figures nguon_luc.kinh_phi 2022 2023 2024 2025)" wide-money-in-full
keys F6
see "Ghi vào thư mục nào?" wide-export-chooser
choose "xuat/" wide-export-folder
keys Enter
see "$T/work/xuat" wide-export-in-folder
keys Enter
see "Đã ghi 5 tệp vào $T/work/xuat" wide-export-said
see "qua-cac-nam-2022-2025.html," wide-export-names-html
see "qua-cac-nam-2022-2025.csv, qua-cac-nam-2022-2025.json." wide-export-names
export XHHT_TODAY=2025-12-01
"$CENTRAL" --data "$T/w/central" export --years 2022-2025 --format html -o "$T/cli/qua-cac-nam-2022-2025.html" >"$OUT" 2>"$ERR" &&
	"$CENTRAL" --data "$T/w/central" export --years 2022-2025 --format csv -o "$T/cli/qua-cac-nam-2022-2025.csv" >"$OUT" 2>"$ERR" &&
	"$CENTRAL" --data "$T/w/central" export --years 2022-2025 --format json -o "$T/cli/qua-cac-nam-2022-2025.json" >"$OUT" 2>"$ERR" &&
	ok || bad "cli export --years: $(excerpt "$ERR")"
export XHHT_TODAY=2024-11-20
for f in qua-cac-nam-2022-2025.html qua-cac-nam-2022-2025.csv qua-cac-nam-2022-2025.don_vi.csv \
	qua-cac-nam-2022-2025.nop_bao_cao.csv qua-cac-nam-2022-2025.json; do
	cmp -s "$T/work/xuat/$f" "$T/cli/$f" && ok || bad "years-export: $f is not what xhht-central export --years writes"
done
quit_with F10 wide-quit
end

# --- without colour or Vietnamese: "—" and the separators still tell the years apart -----------
begin desk-years-ascii
W=80 H=24 TUI_LANG=C TUI_TERM=xterm-mono desk desk-years-ascii
see "bang theo doi nam 2025" ascii-board
keys F8
choose "So lieu qua cac nam: tong ca nuoc, tung don vi, tang giam" ascii-menu-row
keys Enter
see "So lieu qua cac nam 2022-2025" ascii-title
down_to "So khoa, lop dao tao, boi duong d"
see "2023 -; 2024 $(signed $((c24 - c23)))" ascii-change
ascii_screen ascii-years
quit_with F10 ascii-quit
end

# --- in English ------------------------------------------------------------------------------------
begin desk-years-en
W=80 H=24 desk desk-years-en --lang en
see "The desk: the 2025 board" en-board
keys F8
choose "Figures across years: national totals, each unit, the change" en-menu-row
keys Enter
see "xhht-central — Figures 2022-2025" en-title
row_ends "Units reporting" " 0 $(years_reported 2023) $(years_reported 2024) $(years_reported 2025)" en-reported
down_to "Number of training courses"
see "Change from the year before: 2023 —; 2024 $(signed $((c24 - c23))) ($(signed "$(years_pct "$c23" "$c24")")%)" en-change
keys Enter
see "National total" en-drill
quit_with F10 en-quit
end

tui_end
