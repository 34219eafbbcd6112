#!/bin/sh
# cli.sh: the command-line work of xhht.exe and xhht-central.exe (the test clock's build,
# BUILD_DIR/win/test) under Wine, each command run by the Linux program of the same BUILD_DIR
# too, on the same inputs in a folder of its own: load, check, enroll, pack, import, export,
# receipt and the refusals give the same exit code and the same output bytes, and the files
# they write are the same (exports byte for byte). Then across systems: a bundle packed by
# xhht.exe imports into the Linux central, whose receipt xhht.exe reads, and the other way
# round, and the merged reports are the same. Folders, files and passphrases have Vietnamese
# names and text. Skipped with one line without the cross compiler, Wine or the
# libraries of `make windows-libs`; the programs are built (make windows-programs
# WIN_VARIANT=test) when needed. Usage: sh tests/windows/cli.sh BUILD_DIR
set -u
SUITE=windows/cli
. "$(dirname "$0")/../lib/harness.sh"
. "$(dirname "$0")/lib.sh"
win_need "${1:-build}" ncursesw sqlite3 sodium utf8proc
harness_start "$@"
need_program "$XHHT" "$CENTRAL"
started=$(date +%s)
wine_programs
wine_server
export XHHT_TODAY=2024-12-01 XHHT_NOW=2024-12-01T03:00:00Z

# Each side works in its own folder, $T/lin (the Linux programs) and $T/win (the Windows ones),
# on relative names, so that what the programs print is the same on both.
mkdir "$T/lin" "$T/win"
for side in lin win; do
	cp "$SAMPLE" "$T/$side/báo cáo.json"
	printf 'cụm mật khẩu của Bộ Y tế\n' >"$T/$side/mật khẩu trung ương.txt"
	printf 'mật khẩu đơn vị Trung tâm Đào tạo\n' >"$T/$side/mật khẩu đơn vị.txt"
	printf 'sai mật khẩu rồi\n' >"$T/$side/sai.txt"
done
UDATA="Trung tâm Đào tạo" UPASS="mật khẩu đơn vị.txt"
CDATA="Bộ Y tế" CPASS="mật khẩu trung ương.txt"

# mask FILE: what differs by chance between two runs (fingerprints, enrollment codes, key
# files' names, bundles' ids and hashes) replaced by #.
mask() {
	sed 's/[0-9]\{4\}\([ -][0-9]\{4\}\)\{2,\}/#/g; s/unit-[0-9a-f]\{16\}\.key/unit-#.key/g
		s/[0-9a-f]\{32,\}/#/g' "$1"
}
# on SIDE PROGRAM ARGS...: PROGRAM (xhht, xhht-central, or the Windows xhht.exe,
# xhht-central.exe) run in $T/SIDE (lin or win), stdin /dev/null, its output in $T/SIDE/.out
# and .err; its exit status. Among ARGS, @U stands for the unit's data folder and passphrase
# file, @C for the central's, and %NAME for the content of the side's file .NAME (what each
# side got by chance: an enrollment code).
on() {
	side=$1 prog=$2
	shift 2
	n=$#
	for a; do
		case $a in
		@U) set -- "$@" --data "$UDATA" --passphrase-file "$UPASS" ;;
		@C) set -- "$@" --data "$CDATA" --passphrase-file "$CPASS" ;;
		%*) set -- "$@" "$(cat "$T/$side/.${a#%}")" ;;
		*) set -- "$@" "$a" ;;
		esac
	done
	shift "$n"
	case $prog in
	xhht) set -- "$XHHT" "$@" ;;
	xhht-central) set -- "$CENTRAL" "$@" ;;
	xhht.exe) set -- "$T/wine/run" "$WXHHT" "$@" ;;
	xhht-central.exe) set -- "$T/wine/run" "$WCENTRAL" "$@" ;;
	esac
	(cd "$T/$side" && "$@" >.out 2>.err </dev/null)
}
# twin CODE NAME xhht|xhht-central ARGS...: the Linux program in $T/lin and the Windows one in
# $T/win (`on`); each exits CODE, and their stdout and stderr are the same (masked).
twin() {
	want=$1 name=$2 prog=$3
	shift 3
	pair "$want" "$name" "$prog" "$prog.exe" "$@"
}
# cross CODE NAME xhht|xhht-central ARGS...: twin with the systems crossed: the Windows program
# in $T/lin, the Linux one in $T/win, each working with the other system's central there.
cross() {
	want=$1 name=$2 prog=$3
	shift 3
	pair "$want" "$name" "$prog.exe" "$prog" "$@"
}
# pair CODE NAME PROGRAM-IN-LIN PROGRAM-IN-WIN ARGS...: what twin and cross do.
pair() {
	want=$1 name=$2 in_lin=$3 in_win=$4
	shift 4
	on lin "$in_lin" "$@"
	got_lin=$?
	on win "$in_win" "$@"
	got_win=$?
	check=bad known=$xfailed
	[ -z "$KNOWN" ] || check="xfail_because $name"
	if [ "$got_lin" -eq "$want" ] && [ "$got_win" -eq "$want" ]; then ok; else
		$check "$name: exit $got_lin ($in_lin), $got_win ($in_win), wanted $want; stderr: $(excerpt "$T/win/.err")"
	fi
	for std in out err; do
		mask "$T/lin/.$std" >"$T/lin.$std"
		mask "$T/win/.$std" >"$T/win.$std"
		cmp -s "$T/lin.$std" "$T/win.$std" && ok ||
			$check "$name: std$std differs ($in_lin <, $in_win >): $(diff "$T/lin.$std" "$T/win.$std" | head -n 6)"
	done
	[ -z "$KNOWN" ] || [ "$xfailed" -ne "$known" ] ||
		echo "XPASS: $name: $KNOWN: passes now, remove its KNOWN mark" >&2
}
# A twin whose difference is a known bug of the Windows programs, waiting for its fix: $KNOWN
# says which (set it before, empty it after); twin's failures are then printed, not counted.
KNOWN=
xfail_because() {
	xfail "$1: $KNOWN" false
	echo "  $2" >&2
}
# same_masked NAME FILE: FILE (relative) is the same on both sides but for what mask hides.
same_masked() {
	mask "$T/lin/$2" >"$T/lin.masked"
	mask "$T/win/$2" >"$T/win.masked"
	cmp -s "$T/lin.masked" "$T/win.masked" && ok ||
		bad "$1: $2 differs (Linux <, Windows >): $(diff "$T/lin.masked" "$T/win.masked" | head -n 6 | cut -c 1-300)"
}
# same_file NAME FILE: FILE (relative) is the same on both sides, byte for byte.
same_file() {
	cmp -s "$T/lin/$2" "$T/win/$2" && ok ||
		bad "$1: $2 differs (Linux <, Windows >): $(diff "$T/lin/$2" "$T/win/$2" 2>&1 | head -n 6 | cut -c 1-300)"
}
# keep NAME: on each side, what the last line of the output says after its colon, as %NAME.
keep() {
	for side in lin win; do
		tail -n 1 "$T/$side/.out" | sed 's/^.*: *//' >"$T/$side/.$1"
	done
}
# both CMD...: CMD run in $T/lin and in $T/win (preparing inputs).
both() {
	(cd "$T/lin" && "$@") && (cd "$T/win" && "$@")
}

# --- load, check, export ---------------------------------------------------------------------
twin 0 load xhht --data "$UDATA" load 2024 "báo cáo.json"
twin 0 check xhht --data "$UDATA" check 2024
twin 0 check-en xhht --data "$UDATA" --lang en check 2024
twin 0 status-unenrolled xhht --data "$UDATA" status
both sh -c 'sed "s/\"dao_tao.luot_ngoai_ngu\": *[0-9]*/\"dao_tao.luot_ngoai_ngu\": 99999999/" "báo cáo.json" >"báo cáo lỗi.json"'
twin 0 load-with-errors xhht --data "Đơn vị lỗi" load 2024 "báo cáo lỗi.json"
twin 1 check-errors xhht --data "Đơn vị lỗi" check 2024
twin 1 load-wrong-year xhht --data "Đơn vị lỗi" load 2023 "báo cáo.json"
twin 2 load-missing-file xhht --data "Đơn vị lỗi" load 2024 "không có.json"
twin 1 load-malformed xhht --data "Đơn vị lỗi" load 2024 "mật khẩu đơn vị.txt"
for f in json csv html; do
	twin 0 "export-$f" xhht --data "$UDATA" export 2024 --format $f -o "xuất báo cáo.$f"
	same_file "export-$f" "xuất báo cáo.$f"
done
twin 0 export-stdout xhht --data "$UDATA" export 2024 --format json
# What export gives, load takes back unchanged, across systems too: the Windows export loaded
# by the Linux program and the other way round.
cp "$T/win/xuất báo cáo.json" "$T/lin/từ Windows.json"
cp "$T/lin/xuất báo cáo.json" "$T/win/từ Windows.json"
twin 0 reload xhht --data "Nạp lại" load 2024 "từ Windows.json"
twin 0 reexport xhht --data "Nạp lại" export 2024 --format json -o "xuất lại.json"
same_file reexport "xuất lại.json"
cmp -s "$T/lin/xuất lại.json" "$T/lin/xuất báo cáo.json" && ok || bad "export → load → export is not stable"

# --- the central, enrollment ------------------------------------------------------------------
twin 0 central-init xhht-central @C init
twin 0 unit-add xhht-central @C unit add TTDT "Trung tâm Đào tạo"
twin 0 unit-import xhht-central @C unit import "$PWD/tests/data/don-vi.csv"
twin 0 unit-list xhht-central @C unit list
twin 0 enroll xhht-central @C enroll TTDT -o "đăng ký.enr"
keep code
twin 1 enroll-unknown-unit xhht-central @C enroll KHONGCO -o "không có.enr"
one_line enroll-unknown-unit "$T/win/.err"
twin 2 enroll-wrong-passphrase xhht-central --data "$CDATA" --passphrase-file sai.txt enroll TTDT -o x.enr
one_line enroll-wrong-passphrase "$T/win/.err"
twin 2 xhht-enroll-wrong-code xhht --data "Đơn vị khác" --passphrase-file "$UPASS" enroll "đăng ký.enr" --code 1234-5678-9093
[ -e "$T/win/Đơn vị khác" ] && bad "a refused enrollment started a data folder" || ok
twin 0 xhht-enroll xhht @U enroll "đăng ký.enr" --code %code
twin 1 xhht-enroll-twice xhht @U enroll "đăng ký.enr" --code %code
twin 0 status-enrolled xhht @U status

# The data folder and the passphrase file named by the environment, in Vietnamese too.
export XHHT_DATA="$UDATA" XHHT_PASSPHRASE_FILE="$UPASS"
twin 0 status-from-environment xhht status
unset XHHT_DATA XHHT_PASSPHRASE_FILE

# --- pack, import -------------------------------------------------------------------------------
both mkdir "Gửi Bộ" "Thẻ nhớ"
printf '%%PDF-1.4\n%% bản quét báo cáo có dấu đỏ\n' >"$T/lin/bản quét.pdf"
cp "$T/lin/bản quét.pdf" "$T/win/bản quét.pdf"
twin 0 attach xhht @U attach 2024 "bản quét.pdf"
# A Windows path as cmd gives it (a file dragged into the window): backslashes, a drive; the
# attachment takes the file's own name, as the Linux program's does from a Linux path.
on win xhht.exe @U attach 2024 "$(printf 'Z:%s' "$T/win/bản quét.pdf" | tr / '\\\\')"
same "$?" 0 attach-windows-path
has "$T/win/.out" "bản quét.pdf" attach-windows-path-says
on win xhht.exe @U status
hasnt "$T/win/.out" "Z:" attach-windows-path-name
twin 2 pack-wrong-passphrase xhht --data "$UDATA" --passphrase-file sai.txt pack 2024 -o "Gửi Bộ"
one_line pack-wrong-passphrase "$T/win/.err"
twin 2 pack-no-folder xhht @U pack 2024 -o "Không có"
export XHHT_PASSPHRASE_FILE="$UPASS"
twin 0 pack xhht --data "$UDATA" pack 2024 -o "Gửi Bộ"
unset XHHT_PASSPHRASE_FILE
B1=$(cat "$T/lin/.out")
[ -f "$T/win/$B1" ] && ok || bad "pack: no $B1 on Windows"
twin 0 pack-armor xhht @U pack 2024 -o "Thẻ nhớ" --armor
B2=$(cat "$T/lin/.out")
has "$T/win/$B2" "BEGIN XHHT BUNDLE" pack-armor
twin 2 import-wrong-passphrase xhht-central --data "$CDATA" --passphrase-file sai.txt import "Gửi Bộ"
one_line import-wrong-passphrase "$T/win/.err"
twin 0 import xhht-central @C import --receipts "Biên nhận" "$B1"
twin 0 import-folder xhht-central @C import --receipts "Biên nhận" "Gửi Bộ" "$B2"
both cp "$B1" "gói sửa.xhht"
both sh -c 'printf X | dd of="gói sửa.xhht" bs=1 seek=200 conv=notrunc 2>/dev/null'
twin 1 import-tampered xhht-central @C import --receipts "Biên nhận" "gói sửa.xhht"
twin 0 central-status xhht-central @C status 2024
twin 0 central-status-json xhht-central @C status 2024 --format json
# The JSON names each merged bundle by its hash, which differs (each bundle is sealed anew).
twin 0 central-export-json xhht-central @C export 2024 --format json -o "tổng hợp.json"
same_masked central-export-json "tổng hợp.json"
for f in csv html; do
	twin 0 "central-export-$f" xhht-central @C export 2024 --format $f -o "tổng hợp.$f"
	same_file "central-export-$f" "tổng hợp.$f"
done
same_file central-export-csv-table "tổng hợp.khen_thuong.de_nghi.csv"
twin 0 central-open xhht-central @C open "$B1" -o "đã mở"
same_file central-open-attachment "đã mở/attachments/bản quét.pdf"
same_file central-open-report "đã mở/report.json"

# --- receipts -------------------------------------------------------------------------------------
R1="Biên nhận/$(basename "$B1" .xhht).receipt"
[ -f "$T/win/$R1" ] && ok || bad "no receipt $R1 on Windows: $(ls "$T/win/Biên nhận")"
twin 0 receipt xhht @U receipt "$R1"
twin 0 status-received xhht @U status
awk 'NR == 3 { c = substr($0, 10, 1); $0 = substr($0, 1, 9) (c == "Q" ? "R" : "Q") substr($0, 11) } { print }' \
	"$T/lin/$R1" >"$T/lin/giả.receipt"
cp "$T/lin/giả.receipt" "$T/win/giả.receipt"
twin 1 receipt-forged xhht @U receipt "giả.receipt"

# --- across systems ----------------------------------------------------------------------------
# The central of each side enrolls one more unit, whose clerk works with the other system's
# xhht: the Windows xhht with the Linux central in $T/lin, the Linux xhht with the Windows
# central in $T/win. Their bundles, receipts and merged reports are then what twin compared.
X="Bệnh viện Đa khoa Minh Hòa"
twin 0 enroll-second xhht-central @C enroll BVDKM -o "đăng ký BVDKM.enr"
keep code2
cross 0 cross-enroll xhht --data "$X" --passphrase-file "$UPASS" enroll "đăng ký BVDKM.enr" --code %code2
cross 0 cross-load xhht --data "$X" load 2024 "báo cáo.json"
both mkdir "Gửi Bộ BVDKM"
cross 0 cross-pack xhht --data "$X" --passphrase-file "$UPASS" pack 2024 -o "Gửi Bộ BVDKM"
B3=$(cat "$T/lin/.out")
# Each central imports the bundle the other system's xhht packed, and its receipt goes back.
twin 0 cross-import xhht-central @C import --receipts "Biên nhận" "$B3"
has "$T/lin/.out" "BVDKM 2024 r2: đã nhận và tổng hợp" cross-import-merged
R3="Biên nhận/$(basename "$B3" .xhht).receipt"
cross 0 cross-receipt xhht --data "$X" receipt "$R3"
cross 0 cross-status xhht --data "$X" status
has "$T/lin/.out" "Bộ Y tế đã nhận" cross-status-received
# The merged reports: the same at both centrals (the JSON but for the bundles' hashes), and the
# report each bundle carries byte for byte.
twin 0 cross-export-json xhht-central @C export 2024 --format json -o "tổng hợp 2.json"
same_masked cross-export-json "tổng hợp 2.json"
has "$T/win/tổng hợp 2.json" '"code":"BVDKM"' cross-export-has-unit
for f in csv html; do
	twin 0 "cross-export-$f" xhht-central @C export 2024 --format $f -o "tổng hợp 2.$f"
	same_file "cross-export-$f" "tổng hợp 2.$f"
done
twin 0 cross-open xhht-central @C open "$B3" -o "đã mở BVDKM"
same_file cross-open-report "đã mở BVDKM/report.json"
# A bundle for the other central is refused by each, the same way.
cp "$T/lin/$B3" "$T/win/gói của trung ương khác.xhht"
cp "$T/win/$B3" "$T/lin/gói của trung ương khác.xhht"
twin 1 import-other-central xhht-central @C import "gói của trung ương khác.xhht"
has "$T/win/.out" "not-for-us" import-other-central-says

# The files each side made: the same names (Vietnamese ones included), the key files' aside.
for side in lin win; do
	(cd "$T/$side" && find . ! -name '.*' | sed 's/unit-[0-9a-f]\{16\}\.key/unit-#.key/' | LC_ALL=C sort) >"$T/$side.files"
done
cmp -s "$T/lin.files" "$T/win.files" && ok || bad "files made: $(diff "$T/lin.files" "$T/win.files" | head -n 8)"

wine_said_again
echo "$SUITE: $(($(date +%s) - started)) s" >&2
harness_end
