#!/bin/sh
# templates.sh: a new version of the report template opened on the clerk's home screen where
# the Ministry's files are opened (the receipt's entry, the enrollment file's): what it is,
# signature checked, installed on the clerk's word; the armored file again says it is there;
# an altered file and another central's are refused with their reason. At 80×24.
# Usage: sh tests/tui/templates.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"
V2="$PWD/tests/templates/bao-cao-nam-2.json"

clerk_reported
# template_list: the clerk's templates as xhht template list gives them, in $OUT.
template_list() { "$XHHT" --data "$E/data" --lang en template list >"$OUT" 2>"$ERR" </dev/null; }
central template publish "$V2" -o "$E/work/mau-bao-cao-2.tpl" && ok || bad "publish: $(excerpt "$ERR")"
central template publish "$V2" -o "$E/work/mau-bao-cao-2.txt" --armor && ok || bad "publish armor: $(excerpt "$ERR")"
cp "$E/work/mau-bao-cao-2.tpl" "$E/work/mau-bi-sua.tpl"
printf 'X' | dd of="$E/work/mau-bi-sua.tpl" bs=1 seek=43 conv=notrunc 2>/dev/null
mkdir "$T/other" && printf 'trung uong khac 123\n' >"$T/opass"
"$CENTRAL" --data "$T/other" --passphrase-file "$T/opass" init >/dev/null 2>&1 &&
	"$CENTRAL" --data "$T/other" --passphrase-file "$T/opass" template publish "$V2" \
		-o "$E/work/mau-noi-khac.tpl" >/dev/null 2>&1 && ok || bad "other central's template"

# --- refused: one byte altered, another central's signature; nothing installed -------------------
W=80 H=24
begin template-refused
clerk template-refused
see "$UI_HOME_UNIT" refused-home
typ 6
see "Chọn tệp biên nhận của Bộ Y tế" refused-chooser
choose mau-bi-sua.tpl refused-choose-altered
keys Enter
see "hoặc đã bị sửa" refused-altered
typ 6
see "Chọn tệp biên nhận của Bộ Y tế" refused-chooser-2
choose mau-noi-khac.tpl refused-choose-other
keys Enter
see "không do Bộ Y tế (nơi đơn vị đã đăng ký) ký" refused-other-central
quit_with F10 refused-quit
template_list
hasnt "$OUT" "$(printf 'bao-cao-nam\t2')" refused-installed-nothing
end

# --- installed from the receipt's entry; the armored copy from the enrollment file's entry ---------
W=80 H=24
begin template-install
clerk template-install
see "$UI_HOME_UNIT" install-home
typ 6
see "Chọn tệp biên nhận của Bộ Y tế" install-chooser
choose mau-bao-cao-2.tpl install-choose
keys Enter
see "Mẫu báo cáo bao-cao-nam, phiên bản 2:" install-what
see "từ Bộ Y tế, đã kiểm tra chữ ký." install-signature
see "Cài mẫu này?" install-ask
keys Enter
see "Đã cài mẫu báo cáo" install-done
see "báo cáo đang soạn vẫn giữ mẫu của nó." install-drafts-kept
keys Enter
wait_gone "Đã cài mẫu báo cáo" >/dev/null
see "$UI_HOME_UNIT" install-home-again
template_list
has "$OUT" "$(printf 'bao-cao-nam\t2\t')" install-stored
has "$OUT" "$(printf '\tinstalled\t-')" install-no-draft-moved
has "$OUT" "$(printf '\tbuilt in\t2024')" install-draft-keeps-v1
typ 7
see "Chọn tệp đăng ký" install-enroll-chooser
choose mau-bao-cao-2.txt install-choose-armor
keys Enter
see "Mẫu báo cáo bao-cao-nam, phiên bản 2:" install-armor-what
see "Mẫu này đã được cài, không cần cài lại." install-armor-already
keys Enter
quit_with F10 install-quit
end

tui_end
