#!/bin/sh
# tui.sh: the Windows programs' full screen under Wine, in tmux at 80x24 (ncurses' Windows
# console driver): the clerk's home screen in Vietnamese, a field typed with Telex and a
# Vietnamese letter typed as it is, saved (the Linux program reads the same data folder); a
# clean report packed with F5 through the folder chooser and the passphrase dialog, and the
# bundle imported by the Linux central; the central's desk showing its board. Skipped with one
# line without the cross compiler, Wine, tmux or the libraries of `make windows-libs`; builds
# the test programs ($BUILD/win/test) when they are missing or older than the sources.
# Usage: sh tests/windows/tui.sh BUILD_DIR   (helpers: tests/tui/lib.sh)
set -u
SUITE=windows/tui
BUILD_ARG=${1:-build}
. "$(dirname "$0")/lib.sh"
win_need "$BUILD_ARG" ncursesw sqlite3 sodium utf8proc
command -v tmux >/dev/null 2>&1 || win_skip "no tmux"

. "$(dirname "$0")/../tui/lib.sh"
tui_setup "$@"
# The test programs built when needed (WXHHT, WCENTRAL), one Wine server for the whole file.
wine_programs
wine_server
AT_EXIT="tui_cleanup; $AT_EXIT"
# Wine's first start, and the programs slower under it.
TMO=20
W=80 H=24

# win_start NAME PROGRAM [ARGS...]: PROGRAM (a .exe) under Wine in tmux, as tui_start starts
# the Linux programs (TUI_DATA, TUI_CWD as there).
win_start() {
	_name=$1 _xhht=$XHHT
	XHHT=$2
	shift 2
	TUI_WRAP=$WINE tui_start "$_name" "$@"
	XHHT=$_xhht
}
# exited_0: the pane says the program ended with status 0 (the line may wrap: the driver leaves
# the cursor where it last drew).
exited_0() { screen; tr -d '\n' <"$SCR" | grep -qF "EXITED 0"; }
# win_quit KEY WHAT: leaves with KEY; the program ends with status 0. (The console driver
# leaves its last screen in the pane: Wine's console on a terminal has no second screen.)
win_quit() {
	keys "$1"
	if poll "$TMO" 0.1 exited_0; then ok; else
		bad "$2: the program did not end with status 0 after $1"
		show
	fi
}

# --- a new data folder with a Vietnamese name; a field typed and saved ------------------------
begin win-type
mkdir -p "$T/Trung tâm Đào tạo"
TUI_DATA="$T/Trung tâm Đào tạo/dữ liệu" win_start win-type "$WXHHT"
see "xhht — Báo cáo xã hội học tập của đơn vị" win-home-title
see "$UI_UNENROLLED" win-home-unenrolled
see "Hạn nộp báo cáo năm 2024: 05/12/2024 — còn 15 ngày." win-home-deadline
see "Đã tạo thư mục dữ liệu mới: $T/Trung tâm" win-home-new-folder
[ -s "$T/Trung tâm Đào tạo/dữ liệu/xhht.db" ] && ok || bad "win-type: no xhht.db in the new data folder"
open_editor
see "$UI_TELEX" win-editor
keys Enter
see "Số hiệu văn bản báo cáo" win-editor-fields
keys Tab Tab
typ "Nguyeenx Thij Hoaf"
see "Nguyễn Thị Hòa" win-telex-screen
keys Tab
typ "Phó Giám đốc"
keys Tab
db_see '"chung.nguoi_ky": "Nguyễn Thị Hòa"' win-telex-stored
db_see '"chung.chuc_vu_nguoi_ky": "Phó Giám đốc"' win-letters-stored
keys F1
see "Trợ giúp" win-help
esc
see "Số hiệu văn bản báo cáo" win-help-closed
win_quit F10 win-type-quit
end

# --- the report packed on Windows, imported by the Linux central ----------------------------
clerk_reported
begin win-pack
TUI_DATA="$E/data" TUI_CWD="$E/work" win_start win-pack "$WXHHT"
see "$UI_NEXT_PACK" win-pack-home
keys F5
see "Sẽ gửi: báo cáo năm 2024 của BVDKM" win-pack-summary
keys Enter
see "Lưu gói vào đâu? (USB ở đầu danh sách)" win-pack-chooser
choose "goi/" win-pack-choose-folder
keys Enter
see "$UI_THIS_FOLDER" win-pack-in-folder
keys Enter
see "Dạng gói" win-pack-form
keys Enter
see "Cụm mật khẩu của khóa đơn vị:" win-pack-passphrase
typ "$UPASS"
see "$(printf '%s' "$UPASS" | sed 's/./*/g')" win-pack-passphrase-stars
keys Enter
see "Đã đóng gói" win-pack-done
BUNDLE=$(ls "$E/work/goi"/XHHT-2024-BVDKM-r*.xhht 2>/dev/null)
[ -n "$BUNDLE" ] && [ "$(echo "$BUNDLE" | wc -l)" -eq 1 ] && [ -s "$BUNDLE" ] && ok ||
	bad "win-pack: not one bundle XHHT-2024-BVDKM-r*.xhht in $E/work/goi: $(ls "$E/work/goi")"
see "$(basename "$BUNDLE")" win-pack-file-named
keys Enter
see "; đã đóng gói lần" win-pack-home-state
win_quit F10 win-pack-quit
end

begin win-pack-arrives
if central import --receipts "$E/work/bien-nhan" "$E/work/goi"; then ok; else
	bad "the Linux central's import of the Windows bundle: $(excerpt "$ERR")"
fi
has "$OUT" "BVDKM 2024 r" win-bundle-imported
central open "$BUNDLE" -o "$E/opened"
has "$E/opened/report.json" "Trần Quốc Khánh" win-bundle-report
end

# --- the central's desk on Windows: the board of the year ----------------------------------
begin win-desk
TUI_DATA="$E/central" TUI_CWD="$E/work" win_start win-desk "$WCENTRAL"
see "BVDKM" win-desk-unit
see "Bệnh viện Đa khoa Minh H…" win-desk-unit-name
win_quit F10 win-desk-quit
end

# --- a passphrase typed at the console (no --passphrase-file): no echo, UTF-8 both ways -------
begin win-passphrase
TUI_DATA="$E/data" TUI_CWD="$E/work" win_start win-passphrase "$WXHHT" passphrase
see "$UI_PASS_CURRENT" win-pass-current
typ "$UPASS"
keys Enter
see "$UI_PASS_NEW" win-pass-new
notsee "Minh" win-pass-no-echo
typ "mật khẩu mới của Đào"
keys Enter
see "$UI_PASS_REPEAT" win-pass-repeat
typ "mật khẩu mới của Đào"
keys Enter
see "$UI_PASS_CHANGED" win-pass-changed
notsee "của Đào" win-pass-new-no-echo
if poll "$TMO" 0.1 exited_0; then ok; else bad "win-passphrase: no exit status 0"; show; fi
# The bytes typed on Windows are the UTF-8 the Linux program reads from a file. (Wine gives the
# key file it rewrote the mode 0750, which Linux's key check refuses; on Windows an ACL guards
# it, on a FAT stick nothing can.)
chmod 600 "$E/data"/unit-*.key
printf 'mật khẩu mới của Đào\n' >"$T/newpass"
if "$XHHT" --data "$E/data" --passphrase-file "$T/newpass" --new-passphrase-file "$E/upass" passphrase \
	>"$OUT" 2>"$ERR" </dev/null; then ok; else bad "win-passphrase: Linux's xhht does not open the key with it: $(excerpt "$ERR")"; fi
end

# --- the USB kit's start file: CHAY-XHHT.bat run by Windows' cmd, as a double-click does -------
begin win-kit
if sh packaging/usb/make-kit.sh "$BUILD" "$T/usb" 9.9.9 "$PWD/$BUILD_ARG/win/test" >"$OUT" 2>"$ERR"; then ok; else
	bad "win-kit: make-kit.sh: $(excerpt "$ERR")"
fi
SOCK="xhht-test-$$-win-kit"
S="tmux -L $SOCK -f /dev/null"
SCR="$T/win-kit.screen"
SERVERS="$SERVERS $SOCK"
XPID=""
$S new-session -d -x 100 -y 30 "cd '$T/usb' && '$WINE' cmd /c CHAY-XHHT.bat; echo EXITED \$?; exec cat >/dev/null"
see "xhht — Báo cáo xã hội học tập của đơn vị" win-kit-home
see "$UI_UNENROLLED" win-kit-unenrolled
[ -s "$T/usb/du-lieu/xhht.db" ] && ok || bad "win-kit: no xhht.db in the stick's folder du-lieu"
win_quit F10 win-kit-quit
end
# xhht.exe opened by itself (a double-click on it, not on the .bat): the data is still the
# stick's, through the file xhht-portable beside it.
begin win-kit-exe
"$XHHT" --data "$T/usb/du-lieu" load 2024 "$SAMPLE" >"$OUT" 2>"$ERR" </dev/null || bad "win-kit-exe: load: $(excerpt "$ERR")"
SOCK="xhht-test-$$-win-kit-exe"
S="tmux -L $SOCK -f /dev/null"
SERVERS="$SERVERS $SOCK"
$S new-session -d -x 80 -y 24 "cd '$T' && '$WINE' '$T/usb/xhht.exe'; echo EXITED \$?; exec cat >/dev/null"
see "Báo cáo năm 2024: đã điền" win-kit-exe-stick-data
win_quit F10 win-kit-exe-quit
end

tui_end
