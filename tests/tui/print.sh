#!/bin/sh
# print.sh: the printed page, complete and saved from the screen, at 80×24 (issue 11, points 7
# and 8): without a place name the check warns and its key opens the settings on it; money says
# its unit once; from the preview the printable report and the CSV go to a chosen folder, named
# and said where; a browser, when there is one, is started without holding the screen.
# Usage: sh tests/tui/print.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

UI_SAVE_CHOOSER="Lưu bản in và tệp CSV vào đâu?"
UI_OPEN_BROWSER="Mở bản in trong trình duyệt để in?"

clerk_reported
mkdir -p "$E/work/ban-in"
# The command line's check warns as well, naming the setting.
expect 0 print-cli-check "$XHHT" --data "$E/data" check 2024
has "$OUT" "cảnh báo: [Cài đặt] unit.place: chưa đặt địa danh" print-cli-place-warning
has "$OUT" "không có lỗi, 1 cảnh báo" print-cli-place-counted

# --- 7. no place name: the check says so, and its key opens the settings there -------------------
begin print-place
W=80 H=24
clerk print-place
wait_for "$UI_DEADLINE" >/dev/null
keys F2
see "$UI_CHECK_TITLE 0 lỗi, 1 cảnh báo" print-check-counts
see "$UI_PLACE_MISSING" print-check-place
see "F9: mở Cài đặt ở mục này." print-check-detail-key
see "F9 Cài đặt" print-check-hint
keys F9
see "$UI_SETTINGS_OPEN" print-settings-open
hl_is "$UI_PLACE_ITEM (chưa đặt)" print-settings-on-place
keys Enter
see "$UI_PLACE_PROMPT" print-place-prompt
typ "Haf Nooji"
see "Hà Nội" print-place-typed
keys Enter
see "$UI_PLACE_ITEM Hà Nội" print-place-kept
# Back on the check: asked again, clean.
esc
see "$UI_CHECK_CLEAN" print-check-clean
see "$UI_CHECK_TITLE 0 lỗi, 0 cảnh báo" print-check-clean-counts
notsee "F9 Cài đặt" print-check-hint-gone
expect_db 0 print-cli-check-clean check 2024
has "$OUT" "Sẵn sàng đóng gói" print-cli-check-clean
hasnt "$OUT" "unit.place" print-cli-check-no-warning

# --- 7. the preview: the place on the date line, money with one unit -----------------------------
esc
keys F3
see "Hà Nội, ngày 18 tháng 11 năm 2024" print-preview-place
notsee "(đồng)" print-preview-unit-label
i=0
while ! shows "3.450.000.000" && [ $i -lt 12 ]; do
	keys PageDown
	sleep 0.1
	i=$((i + 1))
done
see "3.450.000.000 đồng" print-preview-money
notsee "(đồng)" print-preview-money-label
notsee "3.450.000.000 đ " print-preview-money-short
# The help says how to print from here, not from the command line.
keys F1
see "lưu bản in (tệp HTML, khổ A4)" print-help-save
notsee "xhht export" print-help-no-command
esc

# --- 8. saved from the preview into a chosen folder, said where ----------------------------------
see "F6 Lưu ra tệp" print-preview-hint
keys F6
see "$UI_SAVE_CHOOSER" print-save-chooser
hl_is "$UI_THIS_FOLDER" print-save-chooser-first
choose "ban-in/" print-save-choose-folder
keys Enter
see "$E/work/ban-in" print-save-in-folder
hl_is "$UI_THIS_FOLDER" print-save-this-folder
keys Enter
see "Đã lưu" print-saved
see "bao-cao-2024-BVDKM.html" print-saved-html-named
see "bao-cao-2024-BVDKM.csv" print-saved-csv-named
see "ban-in/" print-saved-folder-named
see "Để in: mở tệp bản in bằng trình duyệt" print-saved-how-to-print
notsee "$UI_OPEN_BROWSER" print-no-browser-offered
HTML="$E/work/ban-in/bao-cao-2024-BVDKM.html"
CSV="$E/work/ban-in/bao-cao-2024-BVDKM.csv"
[ -s "$HTML" ] && [ -s "$CSV" ] && ok || bad "save: not both files in ban-in: $(ls "$E/work/ban-in")"
has "$HTML" "Hà Nội, ngày 18 tháng 11 năm 2024" print-html-place
has "$HTML" '<div class="end">' print-html-signature-kept
has "$HTML" "<b>Trần Quốc Khánh</b>" print-html-signer
has "$HTML" "Nơi nhận:" print-html-recipients
has "$HTML" "$(printf '3.450.000.000\302\240đồng.')" print-html-money
has "$CSV" "Trần Quốc Khánh" print-csv-content
# Nothing else left in the folder (no temporary files).
[ "$(ls "$E/work/ban-in" | wc -l)" -eq 2 ] && ok || bad "save: other files in ban-in: $(ls "$E/work/ban-in")"
keys Enter
see "Đã lưu bao-cao-2024-BVDKM.html và bao-cao-2024-BVDKM.csv vào" print-saved-status
quit_with F10 print-quit
end

# --- 8. a browser on the desktop: offered, started detached, the screen free at once ------------
begin print-browser
mkdir -p "$T/bin"
# A stand-in for xdg-open: notes what it was given, where its output goes and which files it
# holds, then stays a while, as a browser does.
cat >"$T/bin/xdg-open" <<EOF
#!/bin/sh
echo "\$1" >"$T/opened.tmp"
out=\$(readlink /proc/\$\$/fd/1)
echo "\$out" >>"$T/opened.tmp"
ls -l /proc/\$\$/fd/ >"$T/opened-fds"
echo \$\$ >"$T/opened-pid"
mv "$T/opened.tmp" "$T/opened"
exec sleep 4
EOF
chmod +x "$T/bin/xdg-open"
rm -f "$T/opened"
W=80 H=24
OLD_PATH=$PATH
unset XHHT_NO_BROWSER
export DISPLAY=:99 PATH="$T/bin:$PATH"
clerk print-browser
export XHHT_NO_BROWSER=1 PATH="$OLD_PATH"
unset DISPLAY
wait_for "$UI_DEADLINE" >/dev/null
keys F3
see "Hà Nội, ngày 18 tháng 11 năm 2024" print-browser-preview
keys F6
see "$UI_SAVE_CHOOSER" print-browser-chooser
# The chooser opens where the last save went (the setting folder.save).
see "$E/work/ban-in" print-browser-folder-kept
hl_is "$UI_THIS_FOLDER" print-browser-this-folder
keys Enter
see "Tiếp theo: mở bản in trong trình duyệt để in." print-browser-next
keys Enter
see "$UI_OPEN_BROWSER" print-browser-offered
keys Enter
see "Đã mở bao-cao-2024-BVDKM.html trong trình duyệt." print-browser-opened
# The screen answers while the browser still runs.
keys F1
see "$UI_HELP_KEYS" print-browser-not-blocking
poll "$TMO" 0.1 test -s "$T/opened" && ok || bad "browser: xdg-open was not started"
[ "$(sed -n 1p "$T/opened" 2>/dev/null)" = "$HTML" ] && ok || bad "browser: opened $(cat "$T/opened" 2>/dev/null)"
[ "$(sed -n 2p "$T/opened" 2>/dev/null)" = /dev/null ] && ok || bad "browser: output goes to $(sed -n 2p "$T/opened" 2>/dev/null)"
if grep -q "xhht\.lock\|xhht\.db\|/dev/pts" "$T/opened-fds" 2>/dev/null; then
	bad "browser: holds our files: $(cat "$T/opened-fds")"
else ok; fi
kill -0 "$(cat "$T/opened-pid" 2>/dev/null)" 2>/dev/null && ok || bad "browser: the screen waited for it to end"
esc
quit_with F10 print-browser-quit
end
# The stand-in browser started by this test ends by itself; wait for it.
poll 10 0.2 sh -c '! kill -0 "$(cat "'"$T"'/opened-pid" 2>/dev/null)" 2>/dev/null' >/dev/null

tui_end
