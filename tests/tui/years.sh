#!/bin/sh
# years.sh: the years on the home screen at 80×24: ← → reach every year of the movement
# (2023–2030) with or without a report, each with its own state and deadline, and a year
# without a report starts empty or from the previous year's, its figures kept or cleared.
# Usage: sh tests/tui/years.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

# export_year YEAR: the stored report of YEAR as JSON in $T/year.json (exit status kept).
export_year() { "$XHHT" --data "$D" export "$1" --format json >"$T/year.json" 2>"$T/year.err" </dev/null; }
# year_has YEAR TEXT WHAT, year_hasnt YEAR TEXT WHAT: the export of YEAR holds TEXT, or not.
year_has() {
	if export_year "$1" && grep -qF -- "$2" "$T/year.json"; then ok; else
		bad "$3: the $1 report does not hold $2 ($(excerpt "$T/year.err"))"
	fi
}
year_hasnt() {
	if export_year "$1" && ! grep -qF -- "$2" "$T/year.json"; then ok; else
		bad "$3: the $1 report holds $2, or cannot be exported ($(excerpt "$T/year.err"))"
	fi
}
# loaded_2024: a data folder (not enrolled) holding the sample report of 2024.
loaded_2024() {
	mkdir -p "$T/$1"
	if "$XHHT" --data "$T/$1/data" load 2024 "$SAMPLE" >"$OUT" 2>"$ERR" </dev/null; then ok; else
		bad "$1: xhht load 2024: $(excerpt "$ERR")"
	fi
}
UI_START_ASK="Năm 2025 chưa có báo cáo. Bắt đầu thế nào?"
UI_START_KEEP="Chép báo cáo năm 2024, giữ các số liệu"
UI_START_CLEAR="Chép báo cáo năm 2024, xóa các số liệu"

# --- a fresh folder in December 2026: every year of the movement, its own deadline ---------
begin years-walk
W=80 H=24 TUI_TODAY=2026-12-06 tui_start years-walk
see "Báo cáo năm 2026: $UI_HOME_NO_REPORT" walk-opens-this-year
see "Hạn nộp báo cáo năm 2026 (05/12/2026) đã qua 1 ngày." walk-2026-deadline
see "[2026]" walk-2026-marked
# The mid-term review 2023-2025 has its stop after its closing year's report.
keys Left
see "[2023-2025]" walk-left-review-marked
see "Báo cáo giai đoạn 2023-2025: chưa bắt đầu" walk-left-review
keys Left
see "Báo cáo năm 2025: $UI_HOME_NO_REPORT" walk-left-2025
see "Hạn nộp báo cáo năm 2025 (05/12/2025) đã qua 366 ngày." walk-2025-deadline
notsee "05/12/2026" walk-2026-deadline-gone
keys Left
see "Báo cáo năm 2024: $UI_HOME_NO_REPORT" walk-left-2024
see "Hạn nộp báo cáo năm 2024 (05/12/2024) đã qua 731 ngày." walk-2024-deadline
notsee "05/12/2026" walk-2026-deadline-gone-2024
keys Left
see "Hạn nộp báo cáo năm 2023 (05/12/2023) đã qua 1097 ngày." walk-left-2023
# The first year is an end: ← stays there and says so.
keys Left
see "2023 là năm đầu của phong trào (2023–2030)." walk-first-year-said
see "Báo cáo năm 2023: $UI_HOME_NO_REPORT" walk-stays-2023
see "[2023]" walk-2023-marked
for y in 2024 2025 2023-2025 2026 2027 2028 2029 2030; do
	keys Right
	case $y in
	*-*) see "Báo cáo giai đoạn $y: chưa bắt đầu" "walk-right-$y" ;;
	*) see "Báo cáo năm $y: $UI_HOME_NO_REPORT" "walk-right-$y" ;;
	esac
done
see "Hạn nộp báo cáo năm 2030: 05/12/2030 — còn 1460 ngày." walk-2030-deadline
# The final review 2023-2030 comes after 2030's report, the movement's last stop.
keys Right
see "Báo cáo giai đoạn 2023-2030: chưa bắt đầu" walk-right-final-review
see "[2023-2030]" walk-final-review-marked
keys Right
see "2030 là năm cuối của phong trào (2023–2030)." walk-last-year-said
see "[2023-2030]" walk-stays-final-review
see "Báo cáo giai đoạn 2023-2030: chưa bắt đầu" walk-final-review-stays
see "9. Thoát" walk-menu-whole-80x24
quit_with F10 walk-quit
end

# --- 2025 started from 2024, figures cleared ---------------------------------------------
begin years-clear
loaded_2024 years-clear
W=80 H=24 TUI_TODAY=2025-11-20 KEEP_DATA=1 tui_start years-clear
see "Báo cáo năm 2025: $UI_HOME_NO_REPORT" clear-2025-empty
see "Hạn nộp báo cáo năm 2025: 05/12/2025 — còn 15 ngày." clear-2025-deadline
keys Left
see "Báo cáo năm 2024: đã điền" clear-2024-stored
see "Hạn nộp báo cáo năm 2024 (05/12/2024) đã qua 350 ngày." clear-2024-deadline
keys Right
see "Báo cáo năm 2025: $UI_HOME_NO_REPORT" clear-back-2025
typ 1
see "$UI_START_ASK" clear-asked
see "Báo cáo trống" clear-offers-empty
see "$UI_START_KEEP" clear-offers-keep
choose "$UI_START_CLEAR" clear-choose
keys Enter
see "Đã bắt đầu báo cáo năm 2025: chép từ năm 2024, xóa số liệu và ngày tháng." clear-said
year_has 2025 '"chung.nguoi_ky": "Trần Quốc Khánh"' clear-text-copied
year_has 2025 '"chi_dao.co_ke_hoach": true' clear-yesno-copied
year_has 2025 '"ten": "Mười lăm phút học mỗi sáng"' clear-table-copied
year_has 2025 '"doi_tuong": "tap_the"' clear-choice-in-table-copied
year_has 2025 '"revision": 0' clear-revision-0
year_hasnt 2025 '"chung.tong_so_nguoi"' clear-int-cleared
year_hasnt 2025 '"nguon_luc.kinh_phi"' clear-money-cleared
year_hasnt 2025 '"chung.ngay_bao_cao"' clear-date-cleared
year_has 2024 '"chung.tong_so_nguoi": 1260' clear-2024-untouched
# Back home, 2025 has a report now: writing it again opens it, no question.
esc
see "Báo cáo năm 2025: đã điền" clear-home-2025-stored
typ 1
wait_for "Thông tin chung" >/dev/null
notsee "Bắt đầu thế nào" clear-no-second-offer
quit_with F10 clear-quit
end

# --- 2025 started from 2024, figures kept --------------------------------------------------
begin years-keep
loaded_2024 years-keep
W=80 H=24 TUI_TODAY=2025-11-20 KEEP_DATA=1 tui_start years-keep
see "Báo cáo năm 2025: $UI_HOME_NO_REPORT" keep-2025-empty
typ 1
see "$UI_START_ASK" keep-asked
choose "$UI_START_KEEP" keep-choose
keys Enter
see "Đã bắt đầu báo cáo năm 2025: chép từ năm 2024, giữ số liệu, xóa ngày tháng." keep-said
year_has 2025 '"chung.tong_so_nguoi": 1260' keep-int-kept
year_has 2025 '"nguon_luc.kinh_phi": 3450000000' keep-money-kept
year_has 2025 '"chung.nguoi_ky": "Trần Quốc Khánh"' keep-text-copied
year_hasnt 2025 '"chung.ngay_bao_cao"' keep-date-cleared
quit_with F10 keep-quit
end

# --- the offer cancelled: nothing stored; started empty: a report with nothing in it ------
begin years-cancel
loaded_2024 years-cancel
W=80 H=24 TUI_TODAY=2025-11-20 KEEP_DATA=1 tui_start years-cancel
see "Báo cáo năm 2025: $UI_HOME_NO_REPORT" cancel-2025-empty
typ 1
see "$UI_START_ASK" cancel-asked
esc
see "Chưa bắt đầu báo cáo năm 2025." cancel-said
see "Báo cáo năm 2025: $UI_HOME_NO_REPORT" cancel-still-none
if export_year 2025; then bad "cancel: a 2025 report was stored"; else ok; fi
typ 1
see "$UI_START_ASK" cancel-asked-again
keys Enter
see "Đã bắt đầu báo cáo năm 2025: trống." cancel-empty-said
year_hasnt 2025 '"chung.nguoi_ky"' cancel-empty-has-nothing
year_has 2025 '"year": 2025' cancel-empty-stored
quit_with F10 cancel-quit
end

tui_end
