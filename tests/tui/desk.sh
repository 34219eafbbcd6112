#!/bin/sh
# desk.sh: the central's desk (xhht-central with no command): the year board with units on
# time, late, not received and with a key alarm; counts, states, filter, search without
# diacritics, sort, year switch, leaving with Esc and F10, at 80×24 and 100×30.
# Usage: sh tests/tui/desk.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

# --- the world: four units, built with the command line ----------------------------------------
clerk_world # the central, and BVDKM (Bệnh viện Đa khoa Minh Hòa) added and sent its enrollment
sed 's/"chung.ngay_bao_cao": "2024-11-25"/"chung.ngay_bao_cao": "2024-11-18"/' "$SAMPLE" >"$T/report.json"
central unit add BVBM "Bệnh viện Bạch Mai" benh_vien || bad "unit add BVBM: $(excerpt "$ERR")"
central unit add VDD "Viện Dinh dưỡng" vien || bad "unit add VDD: $(excerpt "$ERR")"
central unit add TDHY "Trường Đại học Y Hà Nội" truong || bad "unit add TDHY: $(excerpt "$ERR")"
# unit_sends CODE FOLDER NOW: the unit enrolls (its enrollment file and code from the central),
# loads and packs 2024's report; the central imports it at NOW (the importer's clock).
unit_sends() {
	if [ "$1" != BVDKM ]; then
		central enroll "$1" -o "$E/work/dang-ky-$1.xhht" || bad "enroll $1: $(excerpt "$ERR")"
		cp "$E/work/dang-ky-$1.xhht" "$E/work/dang-ky.xhht"
		ECODE=$(sed -n '$s/^Mã đăng ký: *//p' "$OUT")
	fi
	mkdir -p "$E/goi-$1"
	if "$XHHT" --data "$2" --passphrase-file "$E/upass" enroll "$E/work/dang-ky.xhht" --code "$ECODE" \
		>"$OUT" 2>"$ERR" </dev/null &&
		"$XHHT" --data "$2" load 2024 "$T/report.json" >"$OUT" 2>"$ERR" </dev/null &&
		XHHT_NOW=$3 "$XHHT" --data "$2" --passphrase-file "$E/upass" pack 2024 -o "$E/goi-$1" \
			>"$OUT" 2>"$ERR" </dev/null; then ok; else
		bad "$1 enroll, load, pack: $(excerpt "$ERR")"
	fi
	if XHHT_NOW=$3 central import --receipts "$E/bien-nhan" "$E/goi-$1"; then ok; else
		bad "$1 import: $(excerpt "$ERR") $(excerpt "$OUT")"
	fi
}
unit_sends BVDKM "$E/u-bvdkm" 2024-12-01T03:00:00Z # on time (due 05/12/2024)
unit_sends BVBM "$E/u-bvbm" 2024-12-10T03:00:00Z   # late
# A second machine presents TDHY's used enrollment file and code: refused, a key alarm.
central enroll TDHY -o "$E/work/dang-ky-TDHY.xhht" || bad "enroll TDHY: $(excerpt "$ERR")"
TCODE=$(sed -n '$s/^Mã đăng ký: *//p' "$OUT")
for m in 1 2; do
	"$XHHT" --data "$E/u-tdhy-$m" --passphrase-file "$E/upass" enroll "$E/work/dang-ky-TDHY.xhht" \
		--code "$TCODE" >"$OUT" 2>"$ERR" </dev/null || bad "TDHY enroll $m: $(excerpt "$ERR")"
done
for m in 1 2; do
	mkdir -p "$E/goi-tdhy-$m"
	"$XHHT" --data "$E/u-tdhy-$m" load 2024 "$T/report.json" >"$OUT" 2>"$ERR" </dev/null &&
		XHHT_NOW=2024-12-02T02:00:00Z "$XHHT" --data "$E/u-tdhy-$m" --passphrase-file "$E/upass" \
			pack 2024 -o "$E/goi-tdhy-$m" >"$OUT" 2>"$ERR" </dev/null || bad "TDHY pack $m: $(excerpt "$ERR")"
done
# The first bundle binds TDHY's key and is merged; the second machine's is refused (exit 1).
XHHT_NOW=2024-12-02T03:00:00Z central import "$E/goi-tdhy-1" "$E/goi-tdhy-2"
has "$OUT" "enrollment-reused" desk-world-alarm
central status 2024 --format json
has "$OUT" '"counts":{"not_received":1,"on_time":2,"late":1,"conflict":0,"needs_fixing":0,"approved":0}' desk-world-status

# desk NAME: the desk on the central's folder ($CENTRAL started as tui_start starts xhht).
desk() {
	_xhht=$XHHT
	XHHT=$CENTRAL
	TUI_DATA="$E/central" tui_start "$@"
	XHHT=$_xhht
}

# --- the board at 80×24: counts, states, deadline, alarm --------------------------------------
begin desk-board
W=80 H=24 desk desk-board
see "xhht-central — Bàn làm việc: bảng theo dõi năm 2024" desk-title
see "3/4 đơn vị đã nộp, 1 nộp muộn, 0 xung đột, 1 chưa nộp, 1 cảnh báo khóa (!)" desk-counts
see "hạn nộp 05/12/2024: còn 15 ngày" desk-days-left
see "2023 [2024] 2025" desk-years
rows_state() { screen; grep -F -- "$1" "$SCR" | grep -qF -- "$2"; }
for pair in "BVDKM|đúng hạn" "BVBM|NỘP MUỘN" "VDD|CHƯA NỘP" "TDHY|đúng hạn"; do
	code=${pair%%|*} state=${pair#*|}
	if poll "$TMO" 0.1 rows_state "$code " "$state"; then ok; else bad "desk-state-$code: no \"$state\""; show; fi
done
# Times in Vietnam time: BVBM was received 10/12/2024 03:00 UTC, 10:00 there.
rows_state "BVBM " "10/12/2024 10:00" && ok || bad "desk-received-time: BVBM not received at 10:00 Vietnam time"
rows_state "BVDKM " "đã gửi" && ok || bad "desk-receipt: BVDKM's receipt not shown as sent"
rows_state "! TDHY" "TDHY" && ok || bad "desk-alarm-mark: TDHY's line has no !"
see "F4 Lọc" desk-hint-filter
resize_check desk "bảng theo dõi năm 2024"
quit_with F10 desk-f10
end

# --- filter, search, sort, years at 100×30 ---------------------------------------------------
begin desk-filter
desk desk-filter
see "3/4 đơn vị đã nộp" desk-filter-open
see "Đóng gói lúc" desk-wide-packed # the packing time has room at 100 columns
keys F4
see "Lọc danh sách đơn vị" desk-filter-chooser
choose "Trạng thái: NỘP MUỘN (1)" desk-filter-late
keys Enter
see "1/4 đơn vị — sắp xếp" desk-filter-count
see "BVBM" desk-filter-shows
wait_gone "BVDKM" && ok || bad "desk-filter-hides: BVDKM still shown with the late filter"
keys Escape
see "Đã bỏ lọc" desk-filter-cleared
see "4/4 đơn vị — sắp xếp" desk-filter-all
keys F4
choose "Nhóm: bệnh viện (1)" desk-filter-group
keys Enter
see "1/4 đơn vị — sắp xếp" desk-group-count
see "nhóm bệnh viện" desk-group-line
wait_gone "VDD " && ok || bad "desk-group-hides: VDD shown with the hospital group"
keys Escape
see "4/4 đơn vị — sắp xếp" desk-group-cleared
# Search without diacritics: "bach mai" finds Bạch Mai; typing starts the search.
typ "b"
see "Tìm đơn vị theo mã hoặc tên" desk-search-prompt
typ "ach mai"
keys Enter
see 'tìm "bach mai"' desk-search-line
see "1/4 đơn vị — sắp xếp" desk-search-count
see "Bệnh viện Bạch Mai" desk-search-found
keys Escape
see "4/4 đơn vị — sắp xếp" desk-search-cleared
# Sort by state: NOT RECEIVED first (VDD), then again for the other way round.
keys F7
see "Sắp xếp theo cột" desk-sort-chooser
choose "Trạng thái" desk-sort-state
keys Enter
see "sắp xếp (F7): Trạng thái ↑" desk-sort-line

first_unit() { screen; sed -n '6p' "$SCR" | grep -qF -- "$1"; }
poll "$TMO" 0.1 first_unit "VDD" && ok || { bad "desk-sort-first: VDD is not first by state"; show; }
keys F7
choose "Trạng thái (đang dùng, tăng dần: chọn để đảo)" desk-sort-again
keys Enter
see "Trạng thái ↓" desk-sort-down
poll "$TMO" 0.1 first_unit "BVBM" && ok || { bad "desk-sort-down-first: BVBM (late) is not first"; show; }
# The year before: nothing received in 2023, one key away; and back.
keys Left
see "bảng theo dõi năm 2023" desk-year-before
see "0/4 đơn vị đã nộp" desk-year-2023-counts
see "đã quá hạn" desk-year-2023-past
keys Right
see "3/4 đơn vị đã nộp" desk-year-back
# Esc on the whole list asks, and leaves.
keys Escape
see "Rời bàn làm việc?" desk-esc-asks
quit_with Enter desk-esc-leaves
end

# --- the importer writes while the desk is open: never blocked, and the board follows --------------
begin desk-live
desk desk-live
see "3/4 đơn vị đã nộp" desk-live-before
unit_sends VDD "$E/u-vdd" 2024-12-03T03:00:00Z
see "4/4 đơn vị đã nộp, 1 nộp muộn" desk-live-after
rows_state "VDD " "đúng hạn" && ok || { bad "desk-live-state: VDD not on time"; show; }
quit_with F10 desk-live-f10
end

# --- a terminal without Vietnamese: the board without diacritics, nothing shown as '?' ------------
begin desk-ascii
W=80 H=24 TUI_LANG=C desk desk-ascii
see "4/4 don vi da nop, 1 nop muon" desk-ascii-counts # VDD came in desk-live
see "NOP MUON" desk-ascii-state
see "Benh vien Bach Mai" desk-ascii-name
ascii_screen desk-ascii
no_question_marks desk-ascii
quit_with F10 desk-ascii-f10
end

# --- an empty central, in English: the step to add units is said --------------------------------
begin desk-empty
central_empty="$T/empty-central"
"$CENTRAL" --data "$central_empty" --passphrase-file "$E/cpass" init >"$OUT" 2>"$ERR" </dev/null || bad "init: $(excerpt "$ERR")"
_xhht=$XHHT
XHHT=$CENTRAL
TUI_DATA="$central_empty" tui_start desk-empty --lang en
XHHT=$_xhht
see "0/0 units reported" desk-empty-counts
see "xhht-central unit add CODE NAME" desk-empty-step
see 'F8, "Units and keys", then Insert' desk-empty-step-desk
quit_with F10 desk-empty-f10
end

# --- no terminal: as before, a command is needed -------------------------------------------------
expect 2 desk-no-terminal "$CENTRAL" --data "$E/central"
one_line desk-no-terminal
has "$ERR" "cần một lệnh" desk-no-terminal-says
# What the board said, status says.
expect 0 desk-status-after "$CENTRAL" --data "$E/central" status 2024
has "$OUT" "Chưa nộp 0, đúng hạn 3, nộp muộn 1, xung đột 0, cần sửa 0, đã duyệt 0." desk-status-same

tui_end
