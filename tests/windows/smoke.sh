#!/bin/sh
# smoke.sh: the Windows libraries of `make windows-libs` (BUILD_DIR/win/prefix) link into one
# 64-bit console program (tests/windows/smoke.c) that runs under Wine: SQLite in memory, a
# libsodium hash, utf8proc's NFC of Vietnamese; the .exe imports only Windows' own DLLs; and,
# with tmux, a curses screen through ncurses' Windows console driver at 80x24 that shows
# Vietnamese and reads a typed Vietnamese letter and Esc (the patch of
# packaging/windows/patches/). Skipped with one line without the cross compiler, Wine or the
# built libraries. Wine's prefix is kept in BUILD_DIR/win/wineprefix (its first start takes
# a while). Usage: sh tests/windows/smoke.sh BUILD_DIR
set -u
SUITE=windows/smoke
BUILD_ARG=${1:-build}
. "$(dirname "$0")/lib.sh"
win_need "$BUILD_ARG" ncursesw sqlite3 sodium utf8proc

. "$(dirname "$0")/../lib/harness.sh"
harness_start "$@"

# The link: static, stripped, a console program.
EXE="$T/smoke.exe"
if $cc -std=c11 -O2 -s -Wall -Wextra -Werror -DNCURSES_STATIC -DNCURSES_WIDECHAR=1 -DSODIUM_STATIC \
	-DUTF8PROC_STATIC -I"$P/include" -I"$P/include/ncursesw" tests/windows/smoke.c -o "$EXE" -L"$P/lib" \
	-lncursesw -lsqlite3 -lsodium -lutf8proc >"$T/cc.out" 2>&1; then ok; else
	bad "link of smoke.exe: $(excerpt "$T/cc.out")"
	harness_end
fi
x86_64-w64-mingw32-objdump -p "$EXE" >"$T/pe"
has "$T/pe" "file format pei-x86-64" pe32plus
has "$T/pe" "(Windows CUI)" console-program
dlls=$(sed -n 's/^[[:space:]]*DLL Name: //p' "$T/pe" | tr 'a-z' 'A-Z' | sort -u | tr '\n' ' ')
extra=$(printf '%s\n' $dlls | grep -vx 'KERNEL32.DLL\|MSVCRT.DLL\|ADVAPI32.DLL\|USER32.DLL')
same "$extra" "" "imports beyond Windows' own DLLs ($dlls)"

# Under Wine, with a prefix of its own; output through a pipe is UTF-8 with CRLF.
win_prefix "$BUILD_ARG"
# Wine's first start in a new prefix sets it up (10 to 30 s); a hang ends after 3 minutes.
timeout 180 "$WINE" "$EXE" </dev/null 2>"$ERR" | tr -d '\r' >"$OUT"
has "$OUT" "sqlite 3.40.1 length 3" sqlite-in-memory
has "$OUT" "blake2b bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319" sodium-hash
has "$OUT" "nfc 54 69 e1 ba bf 6e 67 20 56 69 e1 bb 87 74" utf8proc-nfc
has "$OUT" "smoke: ok" smoke-ok

# The full screen: TERM=#win32con (set by the program), 80x24 in tmux, a Vietnamese letter
# typed (U+1EBF ế) between two ASCII ones, then Esc.
if ! command -v tmux >/dev/null 2>&1; then
	echo "$SUITE: the full-screen part skipped: no tmux"
	harness_end
fi
S="tmux -L xhht-winsmoke-$$ -f /dev/null"
AT_EXIT="$S kill-server 2>/dev/null"
screen_has() { # screen_has TEXT SECONDS
	n=0
	while [ $n -lt $(($2 * 10)) ]; do
		$S capture-pane -p -t 0 >"$T/screen" 2>/dev/null
		grep -qF -- "$1" "$T/screen" && return 0
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}
cd "$T" || exit 2
$S new-session -d -x 80 -y 24 "WINEPREFIX='$WINEPREFIX' WINEDEBUG=-all '$WINE' smoke.exe curses keys.txt; sleep 30"
if screen_has "smoke ready" 60; then ok; else bad "the curses screen did not start: $(excerpt "$T/screen")"; fi
has "$T/screen" "gõ Tiếng Việt" vietnamese-shown
$S send-keys -t 0 -l a
screen_has "last U+0061" 10 || true
$S send-keys -t 0 -l 'ế'
screen_has "last U+1EBF" 10 || true
$S send-keys -t 0 -l b
screen_has "last U+0062" 10 || true
$S send-keys -t 0 Escape
n=0
while [ $n -lt 100 ] && ! grep -q esc keys.txt 2>/dev/null; do sleep 0.1; n=$((n + 1)); done
has keys.txt "char U+0061" ascii-key
has keys.txt "char U+1EBF" vietnamese-key
has keys.txt "char U+0062" key-after-vietnamese
has keys.txt "esc" esc-ends
harness_end
