#!/bin/sh
# templates.sh: a new version of the report template opened on the clerk's home screen where
# the Ministry's files are opened (the receipt's entry, the enrollment file's): what it is,
# signature checked, installed on the clerk's word; the armored file again says it is there;
# an altered file and another central's are refused with their reason. The desk's totals of a
# year whose units answered versions 1 and 2: a field one version lacks shown absent for its
# units, never 0. At 80×24.
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
# BVDKM packs its 2024 report on version 1 before the new form arrives.
if "$XHHT" --data "$E/data" --passphrase-file "$E/upass" pack 2024 -o "$E/work/goi" --accept-warnings \
	>"$OUT" 2>"$ERR" </dev/null; then ok; else bad "pack BVDKM: $(excerpt "$ERR")"; fi
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
# The new form is the next step; what was packed stays said (it was hidden behind the hint).
see "Có mẫu báo cáo mới (phiên bản 2): chuyển bản nháp sang mẫu mới" install-home-new-form
see "0 cảnh báo; đã đóng gói" install-home-still-packed
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

# see_joined TEXT WHAT: the screen shows TEXT, wrapped over lines or not.
see_joined() {
	if poll "$TMO" 0.05 joined_shows "$1"; then ok; else bad "$2: the screen does not show \"$1\""; show; fi
}
joined_shows() { screen; tr '\n' ' ' <"$SCR" | sed 's/  */ /g' | grep -qF -- "$1"; }

# --- the desk: BVDKM on version 1, VDD on version 2, the same year --------------------------------
central unit add VDD "Viện Dinh dưỡng" vien && central enroll VDD -o "$E/work/vdd.xhht" && ok ||
	bad "unit add, enroll VDD: $(excerpt "$ERR")"
VCODE=$(sed -n '$s/^Mã đăng ký: *//p' "$OUT")
sed -e 's/"template_version": 1,/"template_version": 2,/' -e '/"thi_dua.hoat_dong_quoc_te"/d' \
	-e 's/"chung.ngay_bao_cao": "2024-11-25"/"chung.ngay_bao_cao": "2024-11-18"/' \
	-e 's/^\(  "dao_tao.hoc_lieu_so": 24,\)$/\1\n  "dao_tao.luot_tu_hoc": 3150,/' "$SAMPLE" >"$T/vdd-2.json"
if "$XHHT" --data "$E/vdd" --passphrase-file "$E/upass" enroll "$E/work/vdd.xhht" --code "$VCODE" \
	>"$OUT" 2>"$ERR" </dev/null &&
	"$XHHT" --data "$E/vdd" template install "$E/work/mau-bao-cao-2.tpl" >"$OUT" 2>"$ERR" </dev/null &&
	"$XHHT" --data "$E/vdd" load 2024 "$T/vdd-2.json" >"$OUT" 2>"$ERR" </dev/null &&
	"$XHHT" --data "$E/vdd" --passphrase-file "$E/upass" pack 2024 -o "$E/work/goi" --accept-warnings \
		>"$OUT" 2>"$ERR" </dev/null; then ok; else bad "VDD's version-2 report: $(excerpt "$ERR")"; fi
central import "$E/work/goi" && ok || bad "import: $(excerpt "$ERR") $(excerpt "$OUT")"
has "$OUT" "VDD 2024 r" desk-imported-vdd
W=80 H=24
begin template-desk
desk_start template-desk
see "bảng theo dõi năm 2024" desk-board
keys F8
see "Chức năng của bàn làm việc" desk-menu
choose "Số liệu tổng hợp của năm, từng đơn vị góp vào" desk-menu-totals
keys Enter
see "Số liệu tổng hợp năm 2024" desk-totals
down_to "Lượt người tự học trên nền tảng số"
see_joined "1/2 đơn vị trả lời — 1 đơn vị: không có trong mẫu phiên bản 1" desk-new-field-absent
keys Enter
see "Số liệu năm 2024 — Lượt người tự học" desk-drill
grep -q '^  BVDKM .*— (phiên bản 1 không có)' "$SCR" && ok || { bad "desk: BVDKM not shown absent"; show; }
grep -q '^  VDD .* 3\.150 *$' "$SCR" && ok || { bad "desk: VDD's 3.150"; show; }
# The answers first: VDD's report (version 2) opens from its row.
keys Enter
see "VDD — Viện Dinh dưỡng — báo cáo năm 2024" desk-report-v2
keys Escape
see "Số liệu năm 2024 — Lượt người tự học" desk-drill-back
keys Escape
see "Số liệu tổng hợp năm 2024" desk-totals-back
down_to "Số hoạt động tiếp cận kinh nghiệm quốc tế"
see_joined "1/2 đơn vị trả lời — 1 đơn vị: không có trong mẫu phiên bản 2" desk-dropped-field-absent
quit_with F10 desk-quit
end

tui_end
