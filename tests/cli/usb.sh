#!/bin/sh
# usb.sh: the USB kit (make usb, packaging/usb/): the folder holds exactly the programs, the start
# script, the guide (text and A4 page) and SHA256SUMS over every other file, which sha256sum -c
# accepts and a changed byte fails; the start script runs the clerk's program with its data on
# the stick (--portable), or installs it into a home folder (--install, or the menu), refuses a
# kit whose files do not match, and says in Vietnamese that a read-only stick cannot be written.
# Built from the release programs (not make static's), in a few seconds.
# Usage: tests/cli/usb.sh BUILD_DIR
set -u
. "$(dirname "$0")/../lib/harness.sh"
harness_start "$@"
need_program "$BUILD/release/xhht" "$BUILD/release/xhht-central"
unset XDG_CACHE_HOME
KIT="$T/usb"
MAKE_KIT="sh packaging/usb/make-kit.sh $BUILD/release $KIT 9.9.9"
export HOME="$T/home"
mkdir -p "$HOME"

# --- the folder --------------------------------------------------------------------------------
expect 0 make-kit $MAKE_KIT
same "$(cd "$KIT" && ls -A | tr '\n' ' ')" \
	"HUONG-DAN.html HUONG-DAN.txt SHA256SUMS chay-xhht.sh xhht xhht-central " kit-files
must kit-same-xhht cmp -s "$KIT/xhht" "$BUILD/release/xhht"
must kit-same-central cmp -s "$KIT/xhht-central" "$BUILD/release/xhht-central"
# Every file but SHA256SUMS itself is listed once, in sha256sum's own format.
for f in $(cd "$KIT" && ls -A); do
	[ "$f" = SHA256SUMS ] && continue
	n=$(grep -c "^[0-9a-f]\{64\}  $f\$" "$KIT/SHA256SUMS")
	same "$n" 1 "sums-list-$f"
done
same "$(wc -l <"$KIT/SHA256SUMS" | tr -d ' ')" 5 sums-lines
(cd "$KIT" && sha256sum -c SHA256SUMS) >"$OUT" 2>"$ERR"
same $? 0 sums-check
same "$(grep -c ': OK$' "$OUT")" 5 sums-check-ok
has "$KIT/chay-xhht.sh" 'VERSION="9.9.9"' script-version
has "$KIT/HUONG-DAN.txt" "xhht 9.9.9" guide-version
has "$KIT/HUONG-DAN.txt" "sha256sum -c SHA256SUMS" guide-says-check
has "$KIT/HUONG-DAN.txt" "sh chay-xhht.sh" guide-says-start
# The printable page is the text's: an A4 page holding every section of the guide.
has "$KIT/HUONG-DAN.html" '<html lang="vi">' html-lang
has "$KIT/HUONG-DAN.html" "size: A4" html-a4
has "$KIT/HUONG-DAN.html" "<pre>sha256sum -c SHA256SUMS</pre>" html-command
sections=$(grep -B1 '^---*$' "$KIT/HUONG-DAN.txt" | grep -v '^--')
[ "$(printf '%s\n' "$sections" | wc -l)" -ge 10 ] && ok || bad "guide-sections: $sections"
printf '%s\n' "$sections" | while IFS= read -r s; do
	grep -qF "<h2>$s</h2>" "$KIT/HUONG-DAN.html" || echo "$s"
done >"$T/missing"
same "$(cat "$T/missing")" "" html-has-every-section
same "$(grep -c '<pre>' "$KIT/HUONG-DAN.html")" "$(grep -c '</pre>' "$KIT/HUONG-DAN.html")" html-pre-closed
hasnt "$KIT/HUONG-DAN.html" "@VERSION@" html-no-placeholder
# Without the programs, one line naming what to do.
expect 2 make-kit-no-programs sh packaging/usb/make-kit.sh "$T/nowhere" "$T/usb2" 1
one_line make-kit-no-programs
has "$ERR" "make static" make-kit-no-programs-says

# --- with the Windows programs (make windows's; stand-ins here) ---------------------------------
mkdir -p "$T/win"
printf 'MZ xhht' >"$T/win/xhht.exe"
printf 'MZ xhht-central' >"$T/win/xhht-central.exe"
expect 0 make-kit-windows sh packaging/usb/make-kit.sh "$BUILD/release" "$T/usbw" 9.9.9 "$T/win"
same "$(cd "$T/usbw" && ls -A | tr '\n' ' ')" \
	"CHAY-XHHT.bat HUONG-DAN.html HUONG-DAN.txt SHA256SUMS chay-xhht.sh xhht xhht-central xhht-central.exe xhht-portable xhht.exe " \
	kit-windows-files
must kit-windows-same-exe cmp -s "$T/usbw/xhht.exe" "$T/win/xhht.exe"
(cd "$T/usbw" && sha256sum -c SHA256SUMS) >"$OUT" 2>"$ERR"
same "$(grep -c ': OK$' "$OUT")" 9 kit-windows-sums
# cmd reads batch files with CRLF line ends: every line has one.
same "$(grep -c "$(printf '\r')\$" "$T/usbw/CHAY-XHHT.bat")" "$(wc -l <"$T/usbw/CHAY-XHHT.bat" | tr -d ' ')" bat-crlf
has "$T/usbw/CHAY-XHHT.bat" "title xhht 9.9.9" bat-version
has "$T/usbw/CHAY-XHHT.bat" '"%KIT%xhht.exe" --data "%KIT%du-lieu" %*' bat-data-on-stick
rm "$T/win/xhht-central.exe"
expect 2 make-kit-windows-missing sh packaging/usb/make-kit.sh "$BUILD/release" "$T/usbw2" 9.9.9 "$T/win"
one_line make-kit-windows-missing
has "$ERR" "make windows" make-kit-windows-missing-says
[ -e "$T/usbw2" ] && bad "a kit was made without xhht-central.exe" || ok

# --- a changed byte -----------------------------------------------------------------------------
cp -R "$KIT" "$T/bad"
printf 'X' | dd of="$T/bad/HUONG-DAN.txt" bs=1 seek=100 conv=notrunc 2>/dev/null
(cd "$T/bad" && sha256sum -c SHA256SUMS) >"$OUT" 2>"$ERR"
[ $? -ne 0 ] && ok || bad "sums-changed-byte: sha256sum -c passed"
has "$OUT" "HUONG-DAN.txt: FAILED" sums-changed-names-file
expect 1 start-changed-byte sh "$T/bad/chay-xhht.sh" --portable status
has "$ERR" "Tệp trên USB bị hỏng hoặc đã bị sửa: HUONG-DAN.txt" start-changed-says
one_line start-changed-byte
[ ! -e "$T/bad/du-lieu" ] && ok || bad "start-changed-byte: made a data folder"

# --- portable: the data on the stick ----------------------------------------------------------
STICK="$T/USB của tôi" # a label with a space, as sticks have
cp -R "$KIT" "$STICK"
expect 0 portable-status sh "$STICK/chay-xhht.sh" --portable status
has "$OUT" "Thư mục dữ liệu: $STICK/du-lieu" portable-data-on-stick
expect 0 portable-load sh "$STICK/chay-xhht.sh" --portable load 2024 "$SAMPLE"
must portable-db-on-stick test -s "$STICK/du-lieu/xhht.db"
expect 0 portable-english sh "$STICK/chay-xhht.sh" --portable --lang en status
has "$OUT" "2024" portable-sees-report
# The data folder is not a kit file: the sums still pass with it there.
(cd "$STICK" && sha256sum -c --quiet SHA256SUMS) >"$OUT" 2>&1
same $? 0 portable-sums-still-pass
# A FAT stick shows no execute bits: the program runs from a copy in the home folder's cache.
chmod 644 "$STICK/xhht"
expect 0 portable-no-exec-bit sh "$STICK/chay-xhht.sh" --portable status
has "$OUT" "Thư mục dữ liệu: $STICK/du-lieu" portable-no-exec-data
must portable-no-exec-copy cmp -s "$HOME/.cache/xhht-usb/xhht" "$KIT/xhht"
# The menu, from stdin: 1 is portable.
printf '1\n' | sh "$STICK/chay-xhht.sh" status >"$OUT" 2>"$ERR"
same $? 0 menu-portable
has "$OUT" "1. Chạy từ USB" menu-shows-portable
has "$OUT" "2. Cài vào máy này" menu-shows-install
has "$OUT" "Thư mục dữ liệu: $STICK/du-lieu" menu-portable-data
printf '3\n' | sh "$STICK/chay-xhht.sh" >"$OUT" 2>"$ERR"
same $? 0 menu-quit
expect 2 menu-no-answer sh "$STICK/chay-xhht.sh"
printf 'x\n\n9\n' | sh "$STICK/chay-xhht.sh" >"$OUT" 2>"$ERR"
same $? 2 menu-three-wrong-answers
has "$ERR" "Cách dùng: sh chay-xhht.sh" menu-wrong-usage
has "$ERR" "Cách dùng: sh chay-xhht.sh" menu-no-answer-usage

# A kit made again leaves nothing of a trial run in it: no data folder, key or database.
sh "$KIT/chay-xhht.sh" --portable load 2024 "$SAMPLE" >"$OUT" 2>"$ERR"
must trial-made-data test -s "$KIT/du-lieu/xhht.db"
expect 0 make-kit-again $MAKE_KIT
[ ! -e "$KIT/du-lieu" ] && ok || bad "make-kit-again: du-lieu kept in the kit"

# --- a read-only stick ----------------------------------------------------------------------------
# As root, modes do not stop writing: the start script then runs as nobody (setpriv).
RO="$T/ro"
cp -R "$KIT" "$RO"
chmod 755 "$T"
chmod 555 "$RO"
as_user=""
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
	else
		echo "$SUITE: read-only stick skipped: running as root without setpriv" >&2
		as_user=skip
	fi
fi
if [ "$as_user" != skip ]; then
	expect 2 readonly-stick $as_user sh "$RO/chay-xhht.sh" --portable status
	has "$ERR" "USB không ghi được ($RO)" readonly-says
	has "$ERR" "sh chay-xhht.sh --install" readonly-says-install
	one_line readonly-stick
	[ ! -e "$RO/du-lieu" ] && ok || bad "readonly-stick: made a data folder"
	expect 2 readonly-stick-en $as_user sh "$RO/chay-xhht.sh" --portable --lang en status
	has "$ERR" "The stick cannot be written" readonly-says-en
fi
chmod 755 "$RO"

# --- install: into the home folder ---------------------------------------------------------------
expect 0 install sh "$STICK/chay-xhht.sh" --install
must install-copied cmp -s "$HOME/.local/bin/xhht" "$KIT/xhht"
must install-executable test -x "$HOME/.local/bin/xhht"
has "$OUT" "Đã cài xhht 9.9.9 vào $HOME/.local/bin/xhht" install-says
has "$OUT" "$HOME/.local/share/xhht" install-says-data
# The stick already holds data: the clerk is told it stays there, and how to move it.
has "$OUT" "không được chép vào máy" install-says-stick-data
expect 0 install-load sh "$STICK/chay-xhht.sh" --install load 2024 "$SAMPLE"
must install-data-home test -s "$HOME/.local/share/xhht/xhht.db"
expect 0 installed-runs "$HOME/.local/bin/xhht" status
has "$OUT" "Thư mục dữ liệu: $HOME/.local/share/xhht" installed-data-home
# The menu's 2 installs too; XDG_DATA_HOME moves the data, as the program does.
rm -rf "$HOME/.local/bin"
printf '2\n' | XDG_DATA_HOME="$T/xdg" sh "$STICK/chay-xhht.sh" >"$OUT" 2>"$ERR"
same $? 0 menu-install
must menu-install-copied cmp -s "$HOME/.local/bin/xhht" "$KIT/xhht"
has "$OUT" "$T/xdg/xhht" menu-install-says-xdg
expect 2 install-no-home env HOME= sh "$STICK/chay-xhht.sh" --install
one_line install-no-home

harness_end
