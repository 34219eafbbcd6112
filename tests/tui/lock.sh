#!/bin/sh
# lock.sh: two writers on one data folder: while the full-screen xhht holds it, xhht load
# and a second full-screen xhht are refused; read-only commands go on.
# Usage: sh tests/tui/lock.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

# --- 12. two writers on one data folder: the full-screen program holds it ---------------------
# The first start says where it started the data folder. While xhht is open, a command that
# writes (xhht load) is refused naming the folder, writing nothing, and a second full-screen
# xhht says the folder is taken; read-only commands go on. After quitting, the load works.
begin lock
tui_start lock
see "Đã tạo thư mục dữ liệu mới: $D" lock-first-start-says-where
see "$UI_UNENROLLED" lock-home
expect_db 2 lock-load --lang en load 2024 "$PWD/tests/data/bao-cao-mau.json"
has "$ERR" "the full-screen xhht is open on the data folder $D" lock-load-refused
[ "$(wc -l <"$ERR")" -eq 1 ] && ok || bad "lock-load: not one line: $(cat "$ERR")"
expect_db 0 lock-status-reads status
has "$OUT" "Chưa có báo cáo nào" lock-load-wrote-nothing
S1=$S SOCK1=$SOCK XPID1=$XPID SCR1=$SCR D1=$D
TUI_DATA=$D1 tui_start lock-second
see "xhht đã đang mở thư mục dữ liệu $D1" lock-second-refused
see "EXITED 2" lock-second-exit
tui_stop
TEST=lock S=$S1 SOCK=$SOCK1 XPID=$XPID1 SCR=$SCR1 D=$D1
quit_with F10 lock-quit
expect_db 0 lock-load-after-quit load 2024 "$PWD/tests/data/bao-cao-mau.json"
end

tui_end
