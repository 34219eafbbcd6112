#!/bin/sh
# settings.sh: the settings screen in tmux: language, place name, tone placement, the
# passphrase box, backup and restore; settings outlive the program.
# Usage: sh tests/tui/settings.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

# --- 11. settings: language, place name, tone placement, backup and restore ------------------
begin settings
tui_start settings edit 2024 chung.nguoi_lap
see "Người lập báo cáo" settings-editor
typ "Phajm Thu Trang"
see "Phạm Thu Trang" settings-typed
esc
see "Khen thưởng" settings-sections
esc
see "$UI_SETTINGS" settings-home
choose "$UI_MENU_SETTINGS" settings-menu
keys Enter
see "$UI_SETTINGS_OPEN" settings-open
# The language changes the whole screen at once, and back.
keys Enter
see "Language: English" settings-english
see "Vietnamese typing: Telex" settings-english-labels
keys Enter
see "$UI_SETTINGS_OPEN" settings-vietnamese-again
# The place name is typed with the typing method and kept.
choose "$UI_PLACE_ITEM (chưa đặt)" settings-place-item
keys Enter
see "$UI_PLACE_PROMPT" settings-place-prompt
typ "Haf Nooji"
see "Hà Nội" settings-place-typed
keys Enter
see "$UI_PLACE_ITEM Hà Nội" settings-place-kept
# Too long: said, and the old name kept.
keys Enter
see "$UI_PLACE_PROMPT" settings-place-prompt-2
typ "$(printf '1%.0s' $(seq 1 101))"
keys Enter
see "Địa danh dài quá (tối đa 100 ký tự)." settings-place-too-long
see "$UI_PLACE_ITEM Hà Nội" settings-place-unchanged
# Tone placement: the old style first; the new one puts the mark on the second vowel of "hoa".
choose "Cách đặt dấu: kiểu cũ (hòa, khỏe, thủy)" settings-style-item
keys Enter
see "$UI_STYLE_NEW" settings-style-new
# The passphrase box draws over the settings, which show the typing method's options: they
# stay drawn (a crash once), and what is typed is shown as stars, never typed with Telex.
choose "$UI_PASS_ITEM" settings-passphrase-item
keys Enter
see "$UI_PASS_CURRENT" settings-passphrase-prompt
see "$UI_STYLE_NEW" settings-passphrase-over-list
typ "ddaay"
see "*****" settings-passphrase-stars
notsee "đây" settings-passphrase-no-telex
esc
see "$UI_BACKUP_ITEM" settings-passphrase-cancelled
must "settings: xhht still runs after the passphrase box" alive
# A backup into the folder the program started in.
choose "$UI_BACKUP_ITEM" settings-backup-item
keys Enter
see "Sao lưu vào đâu?" settings-backup-chooser
hl_is "$UI_THIS_FOLDER" settings-backup-here
keys Enter
see "Đã sao lưu vào $T/settings/xhht-sao-luu-" settings-backed-up
BK=$(ls -d "$T/settings"/xhht-sao-luu-* 2>/dev/null | head -n 1)
[ -n "$BK" ] && [ -s "$BK/xhht.db" ] && ok || bad "settings: no backup folder with a database in $T/settings"
esc
see "$UI_SETTINGS" settings-home-again
# The old tone placement in a field; the place name on the printed date line.
open_editor
see "Thông tin chung" settings-editor-again
keys Enter
see "Số hiệu văn bản báo cáo" settings-field
typ "hoaf"
see "hoà" settings-new-style-typed
esc
esc
see "$UI_SETTINGS" settings-home-3
db_see '"chung.so_van_ban": "hoà"' settings-field-kept
typ 3
see "Hà Nội, ngày" settings-preview-place
esc
# Restore: the field goes back to what the backup holds.
choose "$UI_MENU_SETTINGS" settings-menu-2
keys Enter
choose "Khôi phục từ một bản sao lưu" settings-restore-item
keys Enter
see "Chọn thư mục sao lưu" settings-restore-chooser
choose "$(basename "$BK")/" settings-restore-folder
keys Enter
hl_is "$UI_THIS_FOLDER" settings-restore-inside
keys Enter
see "Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu này?" settings-restore-confirm
keys Enter
see "Đã khôi phục dữ liệu." settings-restored
json
if grep -qF '"chung.so_van_ban"' "$T/json"; then bad "settings: the restored data still holds the field typed after the backup"; else ok; fi
db_see '"chung.nguoi_lap": "Phạm Thu Trang"' settings-restored-value
quit_with F10 settings-quit
# Settings outlive the program: a new start keeps the place name and the tone placement.
KEEP_DATA=1 tui_start settings
see "$UI_SETTINGS" settings-restart
choose "$UI_MENU_SETTINGS" settings-menu-3
keys Enter
see "$UI_PLACE_ITEM Hà Nội" settings-place-after-restart
see "$UI_STYLE_NEW" settings-style-after-restart
quit_with F10 settings-quit-2
end

tui_end
