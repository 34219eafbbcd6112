#!/bin/sh
# flow.sh: a mistake does not throw the clerk out of the flow: a refused passphrase is asked
# again in place (what was chosen stays chosen), the last folder chosen is offered next time,
# a unit not enrolled hears so before choosing anything; and after packing the box says where
# to send the bundle (the Ministry's address from the enrollment file, the file's name, size).
# Usage: sh tests/tui/flow.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

clerk_world
# The Ministry's letter gives its address: the enrollment file carries it.
MAIL=baocao@moh.gov.vn
if central enroll BVDKM -o "$E/work/dang-ky.xhht" --email "$MAIL"; then ok; else bad "central enroll --email: $(excerpt "$ERR")"; fi
ECODE=$(sed -n '$s/^Mã đăng ký: *//p' "$OUT")
STARS=$(printf '%s' "$UPASS" | sed 's/./*/g')

# --- not enrolled: packing says so at once ------------------------------------------------------
"$XHHT" --data "$E/fresh" load 2024 "$SAMPLE" >"$OUT" 2>"$ERR" </dev/null && ok || bad "load: $(excerpt "$ERR")"
begin pack-not-enrolled
TUI_DATA="$E/fresh" TUI_CWD="$E/work" tui_start pack-not-enrolled
see "$UI_HOME_UNENROLLED" unenrolled-home
keys F5
see "đơn vị chưa đăng ký" unenrolled-pack-refused
see "$UI_MENU_ENROLL" unenrolled-pack-names-menu-entry
notsee "Sẽ gửi" unenrolled-pack-asks-nothing
notsee "Lưu gói vào đâu?" unenrolled-pack-no-chooser
quit_with F10 unenrolled-quit
end

# --- enrollment: a short passphrase is asked again in place -------------------------------------
begin enroll-retry
clerk enroll-retry
hl_is "$UI_MENU_ENROLL" retry-enroll-item
keys Enter
see "$UI_ENROLL_CHOOSER" retry-chooser
choose dang-ky.xhht retry-choose-file
keys Enter
see "Vân tay khóa của Bộ: $CFP" retry-summary
keys Enter
see "$UI_ENROLL_CODE" retry-code
typ "$ECODE"
keys Enter
see "Đặt cụm mật khẩu cho khóa của đơn vị (ít nhất 8 ký tự):" retry-passphrase
typ "ngắn"
keys Enter
# The same dialog, saying which try and why; the file and the code are kept (not asked again).
see "Lần 2/3 (lần trước cần ít nhất 8 ký tự): nhập lại." retry-second-try
see "Đặt cụm mật khẩu cho khóa của đơn vị" retry-same-dialog
notsee "$UI_ENROLL_CHOOSER" retry-no-chooser
typ "$UPASS"
see "$STARS" retry-all-stars
keys Enter
see "$UI_PASS_REPEAT" retry-repeat
typ "$UPASS"
keys Enter
see "Đã đăng ký" retry-enrolled
see "Đơn vị: BVDKM — Bệnh viện Đa khoa Minh Hòa" retry-enrolled-unit
keys Enter
wait_gone "Đã đăng ký" >/dev/null
quit_with F10 retry-quit
expect_db 0 retry-status status
has "$OUT" "Đơn vị: BVDKM — Bệnh viện Đa khoa Minh Hòa" retry-status-unit
end

# The report filled in and clean (as clerk_reported leaves it).
sed 's/"chung.ngay_bao_cao": "2024-11-25"/"chung.ngay_bao_cao": "2024-11-18"/' "$SAMPLE" >"$T/report.json"
"$XHHT" --data "$E/data" load 2024 "$T/report.json" >"$OUT" 2>"$ERR" </dev/null && ok || bad "load: $(excerpt "$ERR")"

# --- pack: a wrong passphrase is asked again (three tries), the folder and form kept ----------
begin pack-retry
clerk pack-retry
keys F5
see "Tiếp tục?" pretry-summary
keys Enter
see "Lưu gói vào đâu?" pretry-chooser
choose "goi/" pretry-choose-folder
keys Enter
see "$E/work/goi" pretry-in-folder
keys Enter
see "Dạng gói" pretry-form
keys Enter
see "Cụm mật khẩu của khóa đơn vị:" pretry-passphrase
typ "sai mat khau"
keys Enter
see "Lần 2/3 (lần trước sai cụm mật khẩu): nhập lại." pretry-second
notsee "Lưu gói vào đâu?" pretry-no-chooser
typ "van sai"
keys Enter
see "Lần 3/3 (lần trước sai cụm mật khẩu): nhập lại." pretry-third
typ "$UPASS"
keys Enter
if wait_for "Trong thư mục:" "$((TMO * 3))"; then ok; else
	bad "pack-retry: no after-pack box"
	show
fi
BUNDLE=$(ls "$E/work/goi"/XHHT-2024-BVDKM-r*.xhht 2>/dev/null)
[ -n "$BUNDLE" ] && [ "$(echo "$BUNDLE" | wc -l)" -eq 1 ] && ok ||
	bad "pack-retry: not one bundle in $E/work/goi: $(ls "$E/work/goi")"
# Where to send it: the Ministry's address, the file's name and size.
see "$(basename "$BUNDLE")" pretry-file-name
KB=$(awk -v n="$(stat -c %s "$BUNDLE")" 'BEGIN { printf "%.1f KB", n / 1024 }')
see "$KB" pretry-size
see "Trong thư mục: $E/work/goi" pretry-folder
see "thư điện tử tới $MAIL" pretry-email
keys Enter
quit_with F10 pretry-quit
end

# --- the folder chosen last time is where the chooser opens ----------------------------------------
begin pack-folder-kept
clerk pack-folder-kept
keys F5
see "Tiếp tục?" kept-summary
keys Enter
see "Lưu gói vào đâu?" kept-chooser
see "$E/work/goi" kept-opens-in-last-folder
hl_is "$UI_THIS_FOLDER" kept-this-folder-first
keys Enter
see "Dạng gói" kept-form
keys Enter
see "Cụm mật khẩu của khóa đơn vị:" kept-passphrase
typ "$UPASS"
keys Enter
if wait_for "Trong thư mục:" "$((TMO * 3))"; then ok; else
	bad "pack-folder-kept: no after-pack box"
	show
fi
[ "$(ls "$E/work/goi"/XHHT-2024-BVDKM-r*.xhht | wc -l)" -eq 2 ] && ok ||
	bad "pack-folder-kept: not two bundles in $E/work/goi: $(ls "$E/work/goi")"
keys Enter
quit_with F10 kept-quit
end
# A kept folder that is gone (the USB stick pulled out): the chooser opens where it starts.
rm -rf "$E/work/goi"
begin pack-folder-gone
clerk pack-folder-gone
keys F5
see "Tiếp tục?" gone-summary
keys Enter
see "Lưu gói vào đâu?" gone-chooser
see "+luu-tru/" gone-opens-in-start-folder
keys Escape
quit_with F10 gone-quit
end

# --- the folder of the last attachment is where the chooser opens next time ---------------------
mkdir -p "$E/work/quet"
printf '%%PDF-1.4\n%% bản quét báo cáo có dấu đỏ\n' >"$E/work/quet/ban-quet.pdf"
printf '%%PDF-1.4\n%% trang hai\n' >"$E/work/quet/trang-hai.pdf"
begin attach-folder-kept
clerk attach-folder-kept
typ 4
see "Tệp đính kèm báo cáo năm 2024" afk-screen
keys IC
see "Chọn bản quét báo cáo (PDF, JPEG, PNG)" afk-chooser
choose "quet/" afk-choose-folder
keys Enter
see "$E/work/quet" afk-in-folder
choose ban-quet.pdf afk-choose-file
keys Enter
see "Đã đính kèm $E/work/quet/ban-quet.pdf" afk-attached
keys IC
see "Chọn bản quét báo cáo (PDF, JPEG, PNG)" afk-chooser-again
see "$E/work/quet" afk-opens-in-last-folder
see "trang-hai.pdf" afk-lists-last-folder
esc
esc
quit_with F10 afk-quit
end

tui_end
