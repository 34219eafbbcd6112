#!/bin/sh
# central.sh: the central's small papercuts: unit add with a group from the documented list (the
# CSV's nhom), the CSV export naming every file it writes and holding labels where people read
# them (codes in columns of their own), init without a passphrase source making nothing.
# Usage: tests/cli/central.sh BUILD_DIR
set -u
. "$(dirname "$0")/../lib/harness.sh"
harness_start "$@"
need_program "$XHHT" "$CENTRAL"
export XHHT_TODAY=2024-12-01 XHHT_NOW=2024-12-01T03:00:00Z
harness_in_scratch

# --- init with no terminal and no passphrase file: exit 2, nothing made ----------------------
# No terminal at all (setsid: no controlling terminal; stdin closed by expect).
expect 2 init-no-terminal setsid -w $CENTRAL --data "$T/nowhere" init
has .err "--passphrase-file" init-no-terminal-says
one_line init-no-terminal
[ ! -e "$T/nowhere" ] && ok || bad "init-no-terminal: it left $(ls -A "$T/nowhere" 2>/dev/null | tr '\n' ' ') in a new folder"
mkdir empty
expect 2 init-no-terminal-folder setsid -w $CENTRAL --data "$T/empty" init
same "$(ls -A empty)" "" init-no-terminal-folder-as-it-was
# A passphrase too short: the same.
printf 'ngắn\n' >short
expect 2 init-short-pass $CENTRAL --data "$T/short-pass" --passphrase-file short init
[ ! -e "$T/short-pass" ] && ok || bad "init-short-pass: a folder was made"
expect 0 init $CENTRAL $C init

# --- unit add with a group, the list the CSV's nhom column takes -----------------------------
expect 0 unit-add-group $CENTRAL $C unit add BVDKM "Bệnh viện Đa khoa Minh Hòa" benh_vien
has .out "benh_vien" unit-add-group-said
expect 0 unit-add-no-group $CENTRAL $C unit add KHAC "Đơn vị khác"
expect 1 unit-add-bad-group $CENTRAL $C unit add BVX "Bệnh viện X" hospital
one_line unit-add-bad-group
has .err '"hospital"' unit-add-bad-group-named
has .err "benh_vien (bệnh viện); vien (viện nghiên cứu); truong" unit-add-bad-group-lists
has .err "khac (đơn vị khác)" unit-add-bad-group-lists-all
expect 1 unit-add-bad-group-en $CENTRAL $C --lang en unit add BVX "Bệnh viện X" Benh_Vien
has .err "group \"Benh_Vien\" is not in the list; the groups: benh_vien (hospital)" unit-add-bad-group-en
expect 0 unit-add-help $CENTRAL unit add --help
has .out "benh_vien, vien, truong, trung_tam, vu_cuc, khac" unit-add-help-lists
expect 0 unit-list $CENTRAL $C unit list
same "$(grep '^BVDKM' .out | cut -f3)" "benh_vien" unit-list-group
same "$(grep '^KHAC' .out | cut -f3)" "" unit-list-no-group
hasnt .out "BVX" unit-add-bad-group-not-added
# The CSV's nhom takes the same list, and names it the same way.
printf 'ma,ten,nhom\nVDT,Viện Đào tạo,vien\nTT1,Trung tâm Một,trung_tam_y_te\n' >groups.csv
expect 1 unit-import-bad-group $CENTRAL $C unit import groups.csv
has .err "groups.csv dòng 3: nhóm \"trung_tam_y_te\" không có trong danh sách; các nhóm: benh_vien" unit-import-bad-group
printf 'ma,ten,nhom\nVDT,Viện Đào tạo,vien\nTT1,Trung tâm Một,trung_tam\n' >groups.csv
expect 0 unit-import-groups $CENTRAL $C unit import groups.csv
expect 0 unit-list-2 $CENTRAL $C unit list
same "$(grep '^TT1' .out | cut -f3)" "trung_tam" unit-import-group-listed

# --- a report merged, exported as CSV ---------------------------------------------------------
expect 0 enroll $CENTRAL $C enroll BVDKM -o bvdkm.enr
CODE=$(sed -n '$s/^Mã đăng ký: *//p' .out)
expect 0 xhht-enroll $XHHT $U enroll bvdkm.enr --code "$CODE"
expect 0 load $XHHT $U load 2024 "$SAMPLE"
printf '%%PDF-1.4\n%% bản quét báo cáo có dấu đỏ\n' >scan.pdf
expect 0 attach $XHHT $U attach 2024 scan.pdf
mkdir out
expect 0 pack $XHHT $U pack 2024 -o out
expect 0 import $CENTRAL $C import --receipts receipts out
mkdir exp
expect 0 export-csv $CENTRAL $C export 2024 --format csv -o exp/tong-hop.csv
# Every file written is named on stdout, and exists.
has .out "Đã ghi 3 tệp:" export-csv-count
for f in exp/tong-hop.csv exp/tong-hop.khen_thuong.de_nghi.csv exp/tong-hop.thi_dua.mo_hinh.csv; do
	has .out "$f" "export-csv-names-$f"
	[ -f "$f" ] && ok || bad "export-csv: $f not written"
done
same "$(ls exp | wc -l | tr -d ' ')" 3 export-csv-no-other-file
# Cells hold the template's labels; the codes have a column of their own after them.
NOM=exp/tong-hop.khen_thuong.de_nghi.csv
has $NOM "doi_tuong,doi_tuong_code" export-csv-code-column
has $NOM "hinh_thuc,hinh_thuc_code" export-csv-code-column-2
has $NOM ",Tập thể,tap_the," export-csv-label-doi-tuong
has $NOM ",Cờ thi đua của Bộ Y tế,co_thi_dua_byt" export-csv-label-hinh-thuc
if grep -q ',tap_the,tap_the\|,co_thi_dua_byt,co_thi_dua_byt' $NOM; then bad "export-csv: a code where its label belongs"; else ok; fi
# In English, the English labels.
expect 0 export-csv-en $CENTRAL $C --lang en export 2024 --format csv -o exp/en.csv
has .out "Wrote 3 files:" export-csv-en-count
has exp/en.khen_thuong.de_nghi.csv ",Collective,tap_the," export-csv-en-label
# JSON to a file: its one file named; to stdout: the JSON alone.
expect 0 export-json $CENTRAL $C export 2024 --format json -o exp/tong-hop.json
has .out "exp/tong-hop.json" export-json-named
expect 0 export-json-en $CENTRAL $C --lang en export 2024 --format json -o exp/tong-hop.json
has .out "Wrote 1 file:" export-json-one-file
expect 0 export-json-stdout $CENTRAL $C export 2024 --format json
hasnt .out "Đã ghi" export-json-stdout-only-json

harness_end
