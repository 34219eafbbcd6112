#!/bin/sh
# receipt.sh: the Ministry's receipt opened in the full-screen xhht (the bundle packed and
# imported from the command line); the print preview and the settings of an enrolled unit.
# Usage: sh tests/tui/receipt.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

# --- the receipt opened: the clerk's path, step 5 -----------------------------------------------
clerk_reported
printf '%%PDF-1.4\n%% bản quét báo cáo có dấu đỏ\n' >"$E/work/bao-cao-quet.pdf"
expect 0 receipt-attach "$XHHT" --data "$E/data" attach 2024 "$E/work/bao-cao-quet.pdf"
expect 0 receipt-pack "$XHHT" --data "$E/data" --passphrase-file "$E/upass" pack 2024 -o "$E/work/goi"
BUNDLE=$(ls "$E/work/goi"/XHHT-2024-BVDKM-r*.xhht 2>/dev/null | head -n 1)
begin clerk-receipt
# The Ministry imports the bundle packed above and writes the receipt.
ministry_imports
clerk clerk-receipt
see "Đã đóng gói: gửi tệp cho Bộ Y tế" receipt-home
typ 6
see "Chọn tệp biên nhận của Bộ Y tế" receipt-chooser
choose "bien-nhan/" receipt-choose-folder
keys Enter
see "$E/work/bien-nhan" receipt-in-folder
choose "$(basename "$RECEIPT")" receipt-choose-file
keys Enter
REV=$(basename "$BUNDLE" .xhht | sed 's/.*-r//')
see "Bộ Y tế đã nhận báo cáo năm 2024, lần gửi $REV, lúc" receipt-received
see "(đã nhận và tổng hợp)" receipt-merged
keys Enter
see "Bộ Y tế đã nhận báo cáo lúc" receipt-home-next
quit_with F10 receipt-quit
end

# The screens not on the path: print preview and settings, at every size.
begin clerk-screens
clerk clerk-screens
see "Bộ Y tế đã nhận báo cáo lúc" screens-home-kept
typ 3
see "Bản in báo cáo năm 2024" screens-preview
# The printed report's layout (Decree 30/2020): the heading of the unit and the nation, the
# date line from the report's date, the title, numbered sections, the signer.
see "BỆNH VIỆN ĐA KHOA MINH HÒA" screens-preview-unit
see "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" screens-preview-nation
see "ngày 18 tháng 11 năm 2024" screens-preview-date
see "BÁO CÁO" screens-preview-title
see "I. Thông tin chung" screens-preview-section
keys End
see "GIÁM ĐỐC" screens-preview-signer-title
see "Trần Quốc Khánh" screens-preview-signer-name
resize_check preview "Bản in báo cáo năm 2024"
esc
see "$UI_HOME_UNIT" screens-preview-back
typ 8
see "$UI_SETTINGS_OPEN" screens-settings
resize_check settings "$UI_SETTINGS_OPEN"
esc
see "$UI_HOME_UNIT" screens-settings-back
quit_with F10 screens-quit
end

tui_end
