#!/bin/sh
# pack.sh: packing in the full-screen xhht (a clean report, a scan attached from the
# command line): summary, folder chooser, form, passphrase; the bundle the Ministry imports.
# Usage: sh tests/tui/pack.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

# --- the report packed: the clerk's path, step 4 -------------------------------------------------
clerk_reported
printf '%%PDF-1.4\n%% bản quét báo cáo có dấu đỏ\n' >"$E/work/bao-cao-quet.pdf"
expect 0 pack-attach "$XHHT" --data "$E/data" attach 2024 "$E/work/bao-cao-quet.pdf"
begin clerk-pack
clerk clerk-pack
see "$UI_NEXT_PACK" pack-home
keys F5
see "Sẽ gửi: báo cáo năm 2024 của BVDKM, 1 tệp đính kèm" pack-summary
see "Tiếp tục?" pack-summary-whole
keys Enter
see "Lưu gói vào đâu? (USB ở đầu danh sách)" pack-chooser
hl_is "$UI_THIS_FOLDER" pack-chooser-first
resize_check chooser "Lưu gói vào đâu?"
choose "goi/" pack-choose-folder
keys Enter
see "$E/work/goi" pack-chooser-in-folder
hl_is "$UI_THIS_FOLDER" pack-chooser-this-folder
keys Enter
see "Dạng gói" pack-form
hl_is "Tệp để chép vào USB hoặc đính kèm thư điện tử" pack-form-file
keys Enter
see "Cụm mật khẩu của khóa đơn vị:" pack-passphrase
typ "$UPASS"
# All of it taken before the screen gets too small, where keys are not taken.
see "$(printf '%s' "$UPASS" | sed 's/./*/g')" pack-passphrase-all-stars
resize_check pack-passphrase "Cụm mật khẩu của khóa đơn vị:"
keys Enter
if wait_for "Đã đóng gói" "$((TMO * 3))"; then ok; else
	bad "pack: no \"Đã đóng gói\""
	show
fi
# One bundle in the chosen folder, named on the screen.
BUNDLE=$(ls "$E/work/goi"/XHHT-2024-BVDKM-r*.xhht 2>/dev/null)
[ -n "$BUNDLE" ] && [ "$(echo "$BUNDLE" | wc -l)" -eq 1 ] && [ -s "$BUNDLE" ] && ok ||
	bad "pack: not one bundle XHHT-2024-BVDKM-r*.xhht in $E/work/goi: $(ls "$E/work/goi")"
see "Trong thư mục: $E/work/goi" pack-folder-shown
see "$(basename "$BUNDLE")" pack-file-name-shown
# The advice, longer than the box is wide, wrapped and whole.
see 'mở nó ở mục "Mở biên nhận".' pack-advice-whole
resize_check packed "Đã đóng gói"
keys Enter
see "Đã đóng gói: gửi tệp cho Bộ Y tế, rồi mở biên nhận khi nhận được." pack-home-next
see "; đã đóng gói lần" pack-home-state
quit_with F10 pack-quit
# The passphrase as typed in the dialogs, byte for byte: the typing method left it alone.
"$XHHT" --data "$E/data" --passphrase-file "$E/upass" --new-passphrase-file "$E/upass" passphrase \
	>"$OUT" 2>"$ERR" </dev/null && ok || bad "pack: the typed passphrase is not the file's: $(excerpt "$ERR")"
end

# F5 packs from the report editor too, as its help says (issue 11, point 4): the same summary,
# and Esc there leaves everything as it was.
begin pack-from-editor
clerk pack-from-editor
open_editor
see "$UI_TELEX" pack-from-editor-editor
keys Enter
see "Số hiệu văn bản báo cáo" pack-from-editor-fields
keys F5
see "Sẽ gửi: báo cáo năm 2024 của BVDKM, 1 tệp đính kèm" pack-from-editor-summary
esc
see "Số hiệu văn bản báo cáo" pack-from-editor-back
[ "$(ls "$E/work/goi" | wc -l)" -eq 1 ] && ok || bad "pack-from-editor: a bundle was written: $(ls "$E/work/goi")"
quit_with F10 pack-from-editor-quit
end

# The Ministry imports the bundle the screens packed: what was in the report and the scan arrived.
begin pack-arrives
ministry_imports
end

tui_end
