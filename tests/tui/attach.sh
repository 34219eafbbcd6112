#!/bin/sh
# attach.sh: attachments in the full-screen xhht: the chooser (PDF, JPEG, PNG only, hostile
# names escaped), a scan attached, a name the central would refuse refused.
# Usage: sh tests/tui/attach.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

# --- the scan attached: the clerk's path, step 3 -------------------------------------------------
clerk_reported
begin clerk-attach
printf '%%PDF-1.4\n%% bản quét báo cáo có dấu đỏ\n' >"$E/work/bao-cao-quet.pdf"
printf 'ghi chú\n' >"$E/work/ghi-chu.txt"
# A file name with ESC [41m (a red screen) and U+202E (shown backwards): drawn escaped.
EVIL="$(printf 'evil\033[41m\342\200\256fdp.pdf')"
printf '%%PDF-1.4\n' >"$E/work/$EVIL"
clerk clerk-attach
see "$UI_HOME_UNIT" attach-home
typ 4
see "Tệp đính kèm báo cáo năm 2024" attach-screen
see "Chưa có tệp nào" attach-empty
resize_check attachments-empty "Chưa có tệp nào"
keys IC
see "Chọn bản quét báo cáo (PDF, JPEG, PNG)" attach-chooser
notsee "ghi-chu.txt" attach-chooser-filters
see 'evil\x1b[41m\u202efdp.pdf' attach-chooser-escapes-name
choose bao-cao-quet.pdf attach-choose
keys Enter
see "Đã đính kèm /" attach-done
see "bao-cao-quet.pdf" attach-listed
resize_check attachments "bao-cao-quet.pdf"
# That name is refused, as xhht attach refuses it: the central would refuse the bundle.
keys IC
see "Chọn bản quét báo cáo (PDF, JPEG, PNG)" attach-chooser-again
choose 'evil\x1b[41m\u202efdp.pdf' attach-choose-evil
keys Enter
see "không đính kèm được với tên này" attach-evil-refused
see 'evil\x1b[41m\u202efdp.pdf' attach-evil-refused-names-it
esc
see "$UI_HOME_UNIT" attach-back-home
quit_with F10 attach-quit
rm -f "$E/work/$EVIL"
end

# Two names, one with diacritics: the list's columns stay aligned (padded by columns, not bytes).
begin attach-aligned
printf '%%PDF-1.4\n' >"$E/work/Bản quét có dấu.pdf"
expect 0 attach-vietnamese-name "$XHHT" --data "$E/data" attach 2024 "$E/work/Bản quét có dấu.pdf"
clerk attach-aligned
see "$UI_HOME_UNIT" aligned-home
typ 4
see "Bản quét có dấu.pdf" aligned-listed
cols=$(grep -F "application/pdf" "$SCR" | while IFS= read -r l; do
	printf '%s' "${l%%application/pdf*}" | LC_ALL=C tr -d '\200-\277' | wc -c; done | sort -u | wc -l)
same "$cols" 1 attach-columns-aligned
quit_with F10 aligned-quit
end

tui_end
