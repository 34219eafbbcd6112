#!/bin/sh
# static.sh: make static's programs in a chroot made from an empty folder (the two programs,
# /dev/null and /tmp: no library, no terminfo, no locale, no shell), TERM=linux: --version, the
# clerk's and the desk's full-screen interfaces under tmux (running outside), the whole
# enroll → pack → import → receipt cycle; another carried terminal (tmux-256color); an unknown
# TERM said in one line, also by the dynamic program. It builds the static programs itself
# (make static-programs: a link of the release objects, a few seconds). Skipped with one line
# when not root (chroot), without chroot or tmux, without the static libraries, and in the
# sanitizer round (a static program has no sanitizers: the plain round tested it).
# Usage: sh tests/packaging/static.sh BUILD_DIR
set -u
SUITE=packaging/static
skip() {
	echo "$SUITE: skipped: $*"
	exit 0
}
[ "$(id -u)" = 0 ] || skip "the chroot needs root"
CHROOT=$(command -v chroot) || skip "no chroot command"
command -v tmux >/dev/null || skip "no tmux (apt-get install tmux)"
missing=""
for lib in c ncursesw tinfo sqlite3 sodium utf8proc; do
	[ -f "$(${CC:-cc} -print-file-name=lib$lib.a)" ] || missing="$missing lib$lib.a"
done
[ -z "$missing" ] || skip "no$missing to link the static programs (sh packaging/install-deps.sh static)"

. "$(dirname "$0")/../tui/lib.sh"
tui_setup "$@"
[ -z "$SAN_BUILD" ] || skip "a sanitizer build: the static programs are the plain round's"
unset TERMINFO TERMINFO_DIRS LOCPATH

t_build=$(date +%s)
if ${MAKE:-make} --no-print-directory -s BUILD="$BUILD" static-programs >"$T/make.out" 2>&1; then ok; else
	bad "make static-programs: $(tail -c 800 "$T/make.out")"
	harness_end
fi
t_build=$(($(date +%s) - t_build))

# The root: from an empty folder; /dev/null as a device node, else bound from the host's.
R="$T/root"
mkdir -p "$R/dev" "$R/tmp" "$R/w/out" "$R/w/receipts"
chmod 1777 "$R/tmp"
cp "$BUILD/static/xhht" "$BUILD/static/xhht-central" "$R/"
if ! mknod "$R/dev/null" c 1 3 2>/dev/null; then
	: >"$R/dev/null"
	mount --bind /dev/null "$R/dev/null" 2>/dev/null && AT_EXIT="umount '$R/dev/null'; $AT_EXIT"
fi
cp "$SAMPLE" "$R/w/report.json"
printf 'cụm mật khẩu trung ương\n' >"$R/w/cpass"
printf 'mật khẩu đơn vị Minh Hòa\n' >"$R/w/upass"
# Nothing else is there: no lib/, usr/, etc/, no shell.
same "$(cd "$R" && find . | sort | tr '\n' ' ')" \
	". ./dev ./dev/null ./tmp ./w ./w/cpass ./w/out ./w/receipts ./w/report.json ./w/upass ./xhht ./xhht-central " \
	root-is-empty

# in_root CMD...: CMD inside the root, with nothing from this machine's environment but TERM.
in_root() { env -i TERM=linux "$CHROOT" "$R" "$@"; }
# chroot(1) says 125 when the system refuses it (a container without the capability).
env -i "$CHROOT" "$R" /xhht --version >/dev/null 2>&1
[ $? -ne 125 ] || skip "chroot is not permitted here"
C="--data /c --passphrase-file /w/cpass"
U="--data /u --passphrase-file /w/upass"

# --- the programs start: --version --------------------------------------------------------------
expect 0 version in_root /xhht --version; has "$OUT" "xhht " version
expect 0 version-central in_root /xhht-central --version; has "$OUT" "xhht-central " version-central

# --- the cycle: the central's keys, enrollment, the unit's report packed, imported, receipted ------
expect 0 central-init in_root /xhht-central $C init; has "$OUT" "Vân tay khóa ký:" central-init
expect 0 unit-add in_root /xhht-central $C unit add BVDKM "Bệnh viện Đa khoa Minh Hòa"
expect 0 enroll in_root /xhht-central $C enroll BVDKM -o /w/dang-ky.xhht
CODE=$(sed -n '$s/^Mã đăng ký: *//p' "$OUT")
[ -n "$CODE" ] && ok || bad "enroll: no code on the last line: $(tail -n 1 "$OUT")"
expect 0 xhht-enroll in_root /xhht $U enroll /w/dang-ky.xhht --code "$CODE"
has "$OUT" "Đã đăng ký đơn vị BVDKM" xhht-enroll
expect 0 load in_root /xhht --data /u load 2024 /w/report.json; has "$OUT" "0 lỗi" load
expect 0 pack in_root /xhht $U pack 2024 -o /w/out
BUNDLE=/w/out/$(ls "$R/w/out" 2>/dev/null)
[ "$BUNDLE" != /w/out/ ] && ok || bad "pack: no bundle in /w/out"
expect 0 import in_root /xhht-central $C import --receipts /w/receipts /w/out
has "$OUT" "$BUNDLE: BVDKM 2024 r" import; has "$OUT" "đã gộp 1" import-merged
RECEIPT=$(ls "$R/w/receipts" 2>/dev/null)
[ -n "$RECEIPT" ] && ok || bad "import: no receipt in /w/receipts"
expect 0 receipt in_root /xhht $U receipt "/w/receipts/$RECEIPT"
has "$OUT" "Bộ Y tế đã nhận báo cáo năm 2024, lần gửi" receipt
expect 0 status in_root /xhht --data /u status; has "$OUT" "Bộ Y tế đã nhận" status-receipt-kept

# --- the full-screen programs in the root, under tmux (outside it), TERM=linux ---------------------
XHHT=/xhht
begin static-clerk
W=80 H=24 TUI_TERM=linux TUI_WRAP="$CHROOT $R" TUI_DATA=/u tui_start static-clerk
see "Don vi: BVDKM - Benh vien Da khoa Minh Hoa" static-clerk-home
see "$UI_ASCII_NOTICE" static-clerk-notice
NOALT=1 quit_with F10 static-clerk-quit
end

begin static-desk
XHHT=/xhht-central
W=80 H=24 TUI_TERM=linux TUI_WRAP="$CHROOT $R" TUI_DATA=/c tui_start static-desk
XHHT=/xhht
see "xhht-central - Ban lam viec: bang theo doi nam" static-desk-board
see "BVDKM    Benh vien Da khoa M" static-desk-unit
NOALT=1 quit_with F10 static-desk-quit
end

# Another terminal the programs carry, with colours and the alternate screen.
begin static-tmux
W=80 H=24 TUI_TERM=tmux-256color TUI_WRAP="$CHROOT $R" TUI_DATA=/u tui_start static-tmux
see "Don vi: BVDKM" static-tmux-home
quit_with F10 static-tmux-quit
end
[ -z "$(ls -A "$R/tmp")" ] && ok || bad "the carried descriptions were left in /tmp: $(ls -A "$R/tmp")"

# An unknown terminal: one line naming it, exit 2; the static program and the dynamic one.
begin static-unknown-term
TUI_TERM=no-such-term TUI_WRAP="$CHROOT $R" TUI_DATA=/u tui_start static-unknown-term
see "xhht: không biết loại màn hình TERM=no-such-term" static-unknown-term
see "EXITED 2" static-unknown-term-exit
end
begin dynamic-unknown-term
XHHT="$PWD/$BUILD/xhht"
TUI_TERM=no-such-term tui_start dynamic-unknown-term
see "xhht: không biết loại màn hình TERM=no-such-term" dynamic-unknown-term
see "EXITED 2" dynamic-unknown-term-exit
notsee "Error opening terminal" dynamic-unknown-term-no-curses-line
end

echo "$SUITE: static build ${t_build} s; xhht $(wc -c <"$R/xhht") bytes," \
	"xhht-central $(wc -c <"$R/xhht-central") bytes" >&2
tui_end
