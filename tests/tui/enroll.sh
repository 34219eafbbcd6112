#!/bin/sh
# enroll.sh: the unit's enrollment in the full-screen xhht (the Ministry's side from the
# command line): the file chooser, the code, the passphrase; and xhht enroll asking at the terminal.
# Usage: sh tests/tui/enroll.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

# --- the enrollment screens: the clerk's path, step 1 ------------------------------------------
clerk_world
begin clerk-enroll
clerk clerk-enroll
see "$UI_HOME_UNENROLLED" enroll-unenrolled
see "Khi nhận được tệp (qua thư điện tử hoặc USB), chọn mục 7 để mở nó." enroll-how
# The first start offers the enrollment file.
hl_is "$UI_MENU_ENROLL" enroll-first-item
keys Enter
see "$UI_ENROLL_CHOOSER" enroll-chooser
see "$E/work" enroll-chooser-in-cwd
see ".. (thư mục cha)" enroll-chooser-parent
screen
a=$(grep -nF ".. (thư mục cha)" "$SCR" | cut -d: -f1)
b=$(grep -nF "+luu-tru/" "$SCR" | cut -d: -f1)
[ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ] && ok || bad "enroll: the parent folder is not listed before the folders ($a, $b)"
choose dang-ky.xhht enroll-choose-file
keys Enter
see "Tệp đăng ký cho đơn vị BVDKM — Bệnh viện Đa khoa Minh Hòa." enroll-summary-unit
[ -n "$CFP" ] && ok || bad "enroll: no fingerprint in xhht-central init's output"
see "Vân tay khóa của Bộ: $CFP" enroll-summary-ministry-fingerprint
see "So với vân tay trong công văn của Bộ" enroll-compare-with-letter
keys Enter
# The code from the letter: a mistyped one is refused and asked again.
see "$UI_ENROLL_CODE" enroll-code
typ "1234-5678-9093"
keys Enter
see "$UI_CODE_WRONG" enroll-code-wrong
notsee "Đặt cụm mật khẩu" enroll-code-wrong-no-passphrase
keys Enter
see "$UI_ENROLL_CODE" enroll-code-again
typ "$ECODE"
keys Enter
see "Đặt cụm mật khẩu cho khóa của đơn vị (ít nhất 8 ký tự):" enroll-passphrase
# Too short: refused, and asked again in place (the file and the code kept; flow.sh has more).
typ "ngắn"
see "****" enroll-passphrase-stars
keys Enter
see "Lần 2/3 (lần trước cần ít nhất 8 ký tự): nhập lại." enroll-short-refused
notsee "$UI_ENROLL_CHOOSER" enroll-short-no-chooser
see "Đặt cụm mật khẩu cho khóa của đơn vị" enroll-passphrase-again
typ "$UPASS"
see "$(printf '%s' "$UPASS" | sed 's/./*/g')" enroll-passphrase-all-stars
resize_check passphrase "Đặt cụm mật khẩu cho khóa của đơn vị"
keys Enter
see "$UI_PASS_REPEAT" enroll-repeat
typ "$UPASS"
keys Enter
see "Đã đăng ký" enroll-done
see "Đơn vị: BVDKM — Bệnh viện Đa khoa Minh Hòa" enroll-done-unit
see "Vân tay khóa của đơn vị:" enroll-done-fingerprint
see "đọc dãy số trên để hai bên đối chiếu" enroll-done-advice
keys Enter
wait_gone "Đã đăng ký" >/dev/null
see "Đơn vị: BVDKM — Bệnh viện Đa khoa Minh Hòa" enroll-home-unit
notsee "$UI_UNENROLLED" enroll-home-no-longer-unenrolled
# Next, as the screen says, is the report: Enter opens it.
hl_is "1. Soạn báo cáo" enroll-next-item
quit_with F10 enroll-quit
expect_db 0 enroll-status status
has "$OUT" "Đơn vị: BVDKM — Bệnh viện Đa khoa Minh Hòa" enroll-status-unit
ls "$E/data"/unit-*.key >/dev/null 2>&1 && ok || bad "enroll: no sealed unit key in the data folder"
end

# xhht enroll without --code asks for the code at the terminal, after showing the Ministry's
# fingerprint and asking to compare it with the letter's; a mistyped code ends with exit 2.
central unit add BVNM "Bệnh viện Nhi Miền Núi" && central enroll BVNM -o "$E/work/bvnm.xhht" && ok ||
	bad "etty: central enroll: $(excerpt "$ERR")"
NCODE=$(sed -n '$s/^Mã đăng ký: *//p' "$OUT")
begin enroll-tty-wrong
tui_start enroll-tty-wrong enroll "$E/work/bvnm.xhht"
see "So dãy số này với vân tay in trong công văn của Bộ" etty-wrong-compare
see "$UI_ENROLL_CODE" etty-wrong-asked
typ "1234-5678-9093"
keys Enter
see "$UI_CODE_WRONG" etty-wrong-refused
see "EXITED 2" etty-wrong-exit
end
begin enroll-tty
tui_start enroll-tty enroll "$E/work/bvnm.xhht"
see "$UI_ENROLL_CODE" etty-asked
typ "$NCODE"
keys Enter
see "Đặt cụm mật khẩu mới cho khóa của đơn vị (ít nhất 8 ký tự):" etty-passphrase
typ "$UPASS"
keys Enter
see "$UI_PASS_REPEAT" etty-repeat
typ "$UPASS"
keys Enter
see "Đã đăng ký đơn vị BVNM" etty-enrolled
see "EXITED 0" etty-exit
end

tui_end
