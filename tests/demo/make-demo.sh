#!/bin/sh
# make-demo.sh: builds the demo of `make run` and `make run-central`: a demo central (Vụ Tổ chức
# cán bộ) that knows the sample units of tests/data/don-vi.csv, with last year's reports of all
# of them imported and this year's partly in (two on time, one late, two not received), and the
# demo unit BVDKM enrolled with it, its report of this year ready to pack (F5) into the shared
# folder that the central imports from. The passphrases are demo words written into the folder
# (mode 0600) and into demo.txt, which `make run` prints.
#
# Usage: tests/demo/make-demo.sh BUILD_DIR DEMO_DIR
#   BUILD_DIR holds the test builds (xhht, xhht-central with the test clock: XHHT_NOW dates each
#   pack and import, so that "on time" and "late" are true to the template's deadline whatever
#   today is). DEMO_DIR is made; when it already holds a finished demo, nothing is done (delete
#   it, or `make demo-clean`, to build it again). A folder that is not a demo is left alone.
#
# Kept under tests/ because it is built from the test data (tests/data) with the test builds
# (the test clock), never installed; tests/cli/demo.sh builds it into a scratch folder.
set -eu

BUILD=${1:?usage: make-demo.sh BUILD_DIR DEMO_DIR}
DEMO=${2:?usage: make-demo.sh BUILD_DIR DEMO_DIR}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
case $BUILD in /*) ;; *) BUILD=$PWD/$BUILD ;; esac
case $DEMO in /*) ;; *) DEMO=$PWD/$DEMO ;; esac
XHHT=$BUILD/xhht
CENTRAL=$BUILD/xhht-central
for p in "$XHHT" "$CENTRAL"; do
	[ -x "$p" ] || { echo "make-demo: no $p (make first)" >&2; exit 2; }
done
unset XHHT_DATA XDG_DATA_HOME XHHT_PASSPHRASE_FILE XHHT_NOW

# Built once: a finished demo has demo.txt, written last.
if [ -f "$DEMO/demo.txt" ]; then
	exit 0
fi
if [ -e "$DEMO" ] && [ -n "$(ls -A "$DEMO" 2>/dev/null)" ]; then
	echo "make-demo: $DEMO is not empty and holds no demo (no demo.txt); not touching it" >&2
	exit 2
fi

# The years. The deadline is the template's due day (month-day) of the report's year, Vietnam
# time. "This year" is the latest year whose deadline has passed (today or $XHHT_TODAY, Vietnam
# date), so that a late report was received in the past, never in the future.
DUE=$(sed -n 's/^ *"due": *"\([0-9][0-9]-[0-9][0-9]\)".*/\1/p' "$ROOT/db/templates/bao-cao-nam-1.json" | head -n 1)
[ -n "$DUE" ] || { echo "make-demo: no due day in db/templates/bao-cao-nam-1.json" >&2; exit 2; }
TODAY=${XHHT_TODAY:-$(date -u -d "@$(($(date +%s) + 7 * 3600))" +%Y-%m-%d)}
unset XHHT_TODAY # each command's day is its XHHT_NOW
YEAR=${TODAY%%-*}
if [ "$(printf '%s' "$TODAY" | cut -c6- | tr -d -)" -gt "$(printf '%s' "$DUE" | tr -d -)" ]; then
	THIS=$YEAR
else
	THIS=$((YEAR - 1))
fi
LAST=$((THIS - 1))
# day YEAR OFFSET: the date OFFSET days from YEAR's deadline day (-3: three days before).
day() { date -u -d "$1-$DUE $2 days" +%Y-%m-%d; }

umask 077
# Built in place (the programs remember the paths of what they wrote); demo.txt, written last,
# says it is finished. A failed build leaves nothing.
mkdir -p "$DEMO"
trap 'find "$DEMO" -mindepth 1 -delete' EXIT
trap 'exit 2' INT TERM HUP
WORK=$DEMO
mkdir -p "$WORK/shared" "$WORK/units/sent" "$WORK/units/receipts"

# Demo words, not secrets: shown on screen, kept only here.
CPASS="trung uong demo"
UPASS="don vi demo"
printf '%s\n' "$CPASS" >"$WORK/central.pass"
printf '%s\n' "$UPASS" >"$WORK/unit.pass"
chmod 600 "$WORK/central.pass" "$WORK/unit.pass"
LOG=$WORK/build.log
run() { "$@" >>"$LOG" 2>&1 || { echo "make-demo: failed: $*" >&2; tail -n 5 "$LOG" >&2; exit 1; }; }
# central ARGS...: the demo central's command; clerk DIR ARGS...: a demo unit's, in DIR.
central() { run "$CENTRAL" --data "$WORK/central" --passphrase-file "$WORK/central.pass" "$@"; }
clerk() {
	dir=$1
	shift
	run "$XHHT" --data "$dir" --passphrase-file "$WORK/unit.pass" "$@"
}

export XHHT_NOW="${LAST}-10-01T02:00:00Z"
central init
central unit import "$ROOT/tests/data/don-vi.csv"

# report CODE NAME YEAR DATE N: the sample report as CODE's of YEAR, signed on DATE, its figures
# varied by N (a few units differ from each other, and a year from the last).
report() {
	sed -e "s/\"code\": \"BVDKM\"/\"code\": \"$1\"/" \
	    -e "s/\"name\": \"Bệnh viện Đa khoa Minh Hòa\"/\"name\": \"$2\"/" \
	    -e "s/\"year\": 2024/\"year\": $3/" \
	    -e "s/\"chung.ngay_bao_cao\": \"[0-9-]*\"/\"chung.ngay_bao_cao\": \"$4\"/" \
	    -e "s/\"chung.tong_so_nguoi\": 1260/\"chung.tong_so_nguoi\": $((1260 - 180 * $5))/" \
	    -e "s/\"dao_tao.so_khoa\": 86/\"dao_tao.so_khoa\": $((86 - 9 * $5))/" \
	    -e "s/\"dao_tao.luot_hoc\": 5240/\"dao_tao.luot_hoc\": $((5240 - 610 * $5))/" \
	    -e "s/\"thi_dua.so_sang_kien\": 37/\"thi_dua.so_sang_kien\": $((37 - 4 * $5))/" \
	    -e "s/\"hoc_tap.cong_dan\": 812/\"hoc_tap.cong_dan\": $((812 - 120 * $5))/" \
	    -e "s/\"khen_thuong.ca_nhan\": 78/\"khen_thuong.ca_nhan\": $((78 - 7 * $5))/" \
	    "$ROOT/tests/data/bao-cao-mau.json"
}

# unit CODE DIR: DIR enrolled as CODE with the demo central.
unit() {
	central enroll "$1" -o "$WORK/units/$1.enr"
	secret=$(sed -n 's/^Mã đăng ký: *//p' "$LOG" | tail -n 1)
	clerk "$2" enroll "$WORK/units/$1.enr" \
		--code "$secret"
	rm -f "$WORK/units/$1.enr"
}

# send CODE DIR NAME YEAR N PACKED IMPORTED: CODE's report of YEAR signed and packed on day
# PACKED, received by the central on day IMPORTED (offsets from YEAR's deadline day).
send() {
	signed=$(day "$4" "$6")
	report "$1" "$3" "$4" "$signed" "$5" >"$WORK/units/$1-$4.json"
	export XHHT_NOW="${signed}T02:00:00Z"
	clerk "$2" load "$4" "$WORK/units/$1-$4.json"
	# What a unit sent stays where its program says it packed it.
	out=$WORK/units/sent/$1-$4
	mkdir "$out"
	clerk "$2" pack "$4" -o "$out" --accept-warnings
	XHHT_NOW="$(day "$4" "$7")T03:00:00Z"
	central import --receipts "$WORK/units/receipts" "$out"
	rm -f "$WORK/units/$1-$4.json"
}

n=0
tail -n +2 "$ROOT/tests/data/don-vi.csv" | while IFS= read -r line; do
	code=${line%%,*}
	name=$(printf '%s\n' "$line" | sed 's/^[^,]*,//; s/,[^,]*$//; s/^"//; s/"$//')
	if [ "$code" = BVDKM ]; then dir=$WORK/unit; else dir=$WORK/units/$code; fi
	export XHHT_NOW="${LAST}-10-0$((n + 2))T02:00:00Z"
	unit "$code" "$dir"
	# Last year: everyone, on time (from 12 to 2 days before the deadline).
	send "$code" "$dir" "$name" "$LAST" "$n" "-$((12 - 2 * n))" "-$((10 - 2 * n))"
	# This year: two on time, one late (three days after the deadline); BVDKM (the demo
	# unit: its report is ready, for the newcomer to send) and TTKT not received.
	case $code in
	BVNM) send "$code" "$dir" "$name" "$THIS" "$((n + 1))" -14 -12 ;;
	VDTM) send "$code" "$dir" "$name" "$THIS" "$((n + 1))" -4 -2 ;;
	CQLM) send "$code" "$dir" "$name" "$THIS" "$((n + 1))" 1 3 ;;
	BVDKM)
		signed=$(day "$THIS" -1)
		export XHHT_NOW="${signed}T02:00:00Z"
		report "$code" "$name" "$THIS" "$signed" 1 >"$WORK/units/$code-$THIS.json"
		clerk "$dir" load "$THIS" "$WORK/units/$code-$THIS.json"
		rm -f "$WORK/units/$code-$THIS.json"
		# Last year's receipt opened: the demo unit's home shows that report received.
		clerk "$dir" receipt "$WORK/units/receipts/XHHT-$LAST-$code-r2.receipt"
		;;
	esac
	n=$((n + 1))
done
# A failure inside the loop (a subshell) ends it with a status: stop here too.
[ -d "$WORK/unit" ] || exit 1

cat >"$WORK/demo.txt" <<TXT
Bản trình diễn / Demo: $DEMO
  Đơn vị mẫu BVDKM / demo unit:  make run          (xhht --data $DEMO/unit)
      cụm mật khẩu / passphrase: $UPASS
  Trung ương mẫu / demo central: make run-central  (xhht-central --data $DEMO/central)
      cụm mật khẩu / passphrase: $CPASS
  Năm $THIS: đúng hạn BVNM, VDTM; muộn CQLM; chưa nộp BVDKM, TTKT. Năm $LAST: đủ 5 đơn vị.
  Year $THIS: on time BVNM, VDTM; late CQLM; not received BVDKM, TTKT. Year $LAST: all 5 units.
  Gửi thử / try the loop:
    1. xhht: năm / year $THIS, F5, [Chọn thư mục này / Choose this folder] = $DEMO/shared
    2. xhht-central --data $DEMO/central import --receipts $DEMO/shared $DEMO/shared
    3. xhht: 6. Mở biên nhận / Open a receipt: $DEMO/shared/XHHT-$THIS-BVDKM-r2.receipt
TXT
chmod 600 "$WORK/demo.txt"
trap - EXIT
