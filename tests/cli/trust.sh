#!/bin/sh
# trust.sh: the whole chain from the command line: central init → units → enroll → xhht enroll →
# load → attach → pack → import at the central → receipts → xhht receipt; and the refusals on
# the way (wrong passphrase, revoked key, another central, duplicates, older revisions).
# Usage: tests/cli/trust.sh BUILD_DIR
set -u
. "$(dirname "$0")/../lib/harness.sh"
harness_start "$@"
harness_wine
need_program "$XHHT" "$CENTRAL"
UNITS="$PWD/tests/data/don-vi.csv"
export XHHT_TODAY=2024-12-01 XHHT_NOW=2024-12-01T03:00:00Z
harness_in_scratch
printf 'sai mật khẩu rồi\n' >wrong

# --- central: keys, units, enrollment ------------------------------------------------------
expect 0 init $CENTRAL $C init; has .out "Vân tay khóa ký:" init-fingerprint
MFP=$(sed -n 's/^Vân tay khóa ký: *//p' .out)
[ -n "$MFP" ] && ok || bad "init printed no signing fingerprint"
if posix_only "key files' Unix modes (Windows: an owner-only ACL)"; then
	[ "$(stat -c %a central/central.key)" = 600 ] && ok || bad "central.key is not mode 0600"
fi
expect 1 init-again $CENTRAL $C init
expect 0 unit-import $CENTRAL $C unit import "$UNITS"; has .out "Đã thêm" unit-import
expect 0 unit-import-again $CENTRAL $C unit import "$UNITS"; has .out "đã có từ trước" unit-import-idempotent
printf 'ma,ten,nhom\nAAA,Đơn vị A,vien\nBAD CODE,Đơn vị B,vien\n' >bad.csv
expect 1 unit-import-bad $CENTRAL $C unit import bad.csv; has .err "dòng 3" unit-import-line
expect 0 unit-list $CENTRAL $C unit list; hasnt .out "AAA" unit-import-all-or-nothing
expect 0 unit-add $CENTRAL $C unit add KHAC "Đơn vị khác"
# A step the core names (an unknown unit, keys not made) comes with the command that takes it.
expect 1 enroll-unknown-unit $CENTRAL $C enroll CHUACO -o chuaco.enroll
has .err 'chưa có đơn vị CHUACO: thêm bằng "xhht-central unit add" hoặc "unit import"' enroll-unknown-unit-step
mkdir nokeys
expect 2 open-no-keys $CENTRAL --data "$T/nokeys" --lang en open cpass
has .err 'the central keys do not exist yet: run "xhht-central init" first' open-no-keys-step
expect 1 unit-add-dup $CENTRAL $C unit add KHAC "Tên khác"
# The unit code alphabet: A-Z a-z 0-9 - _ . with a letter or digit first, at most 32.
for code in -BV .BV _BV ... 'B V' B/V 'BỆNH' "$(printf 'B\033V')" A23456789012345678901234567890123; do
	expect 1 "unit-add-bad-code [$code]" $CENTRAL $C unit add -- "$code" "Đơn vị"
	if grep -qF -- "$(printf '\033')" .err; then bad "unit-add-bad-code: raw ESC"; else ok; fi
done
has .err "mã đơn vị" unit-add-bad-code-says
expect 0 unit-add-dotted $CENTRAL $C unit add bv-1_a.b "Đơn vị có dấu chấm"
# A unit name with a control character or a bidi override is refused.
expect 1 unit-add-bidi-name $CENTRAL $C unit add KHAC2 "$(printf 'T\342\200\256en')"
expect 2 enroll-wrong-pass $CENTRAL --data "$T/central" --passphrase-file wrong enroll BVDKM -o x.enr
has .err "sai cụm mật khẩu" enroll-wrong-pass
expect 1 enroll-unknown-unit $CENTRAL $C enroll NOPE -o x.enr
expect 0 enroll $CENTRAL $C enroll BVDKM -o bvdkm.enr
# The code that travels apart from the file: the last line, after a colon (scripts read it);
# the Ministry key's fingerprint for the letter, as init printed it.
has .out "$MFP" enroll-prints-ministry-fingerprint
CODE=$(tail -n 1 .out | sed -n 's/^[^:]*: *\([0-9]\{4\}-[0-9]\{4\}-[0-9]\{4\}\)$/\1/p')
[ -n "$CODE" ] && ok || bad "enroll: the last line is not the code: $(tail -n 1 .out)"
hasnt bvdkm.enr "$CODE" enroll-code-not-in-file
# A file that cannot be written records nothing: the one above stays in force (the unit's
# first bundle below binds through it), and no code is printed for a file nobody has.
expect 2 enroll-no-folder $CENTRAL $C enroll BVDKM -o nowhere/x.enr
has .err "nowhere/x.enr" enroll-no-folder-named
hasnt .out "Mã đăng ký" enroll-no-folder-no-code
expect 0 enroll-armor $CENTRAL $C enroll KHAC -o khac.enr --armor; has khac.enr "BEGIN XHHT ENROLLMENT" enroll-armor
KCODE=$(tail -n 1 .out | sed 's/^.*: *//')
expect 0 enroll-en $CENTRAL $C --lang en enroll BVNM -o nhi.enr; has .out "Enrollment code: " enroll-en

# --- unit: enroll, load, attach, pack --------------------------------------------------------
expect 0 load-before-enroll $XHHT $U load 2024 "$SAMPLE"
expect 1 pack-unenrolled $XHHT $U pack 2024 -o .; has .err "chưa đăng ký" pack-unenrolled
printf 'short\n' >shortpass
expect 2 enroll-short-pass $XHHT --data "$T/unit" --passphrase-file shortpass enroll bvdkm.enr --code "$CODE"
# Without its code the file enrolls nobody: no terminal to ask, a mistyped code, nothing made.
expect 2 enroll-no-code setsid -w $XHHT $U enroll bvdkm.enr; has .err "--code" enroll-no-code
expect 2 enroll-wrong-code $XHHT --data "$T/unit-fresh" --passphrase-file upass enroll bvdkm.enr --code 1234-5678-9093
has .err "mã đăng ký không đúng" enroll-wrong-code
has .err "gõ nhầm hoặc hai chữ số đổi chỗ" enroll-wrong-code-slip
expect 2 enroll-short-code $XHHT --data "$T/unit-fresh" --passphrase-file upass enroll bvdkm.enr --code 123
has .err "đã gõ 3 chữ số" enroll-short-code-counted
[ -e unit-fresh ] && bad "a refused enrollment started a data folder" || ok
ls unit/unit-*.key >/dev/null 2>&1 && bad "a key was made without the code" || ok
# A format-1 file (before codes) is refused by name.
cp bvdkm.enr old.enr && printf '\001' | dd of=old.enr bs=1 seek=7 conv=notrunc 2>/dev/null
expect 1 enroll-old-format $XHHT --data "$T/unit-old" --passphrase-file upass enroll old.enr --code "$CODE"
has .err "tệp đăng ký cũ" enroll-old-format
# Someone who intercepted the file but not the code (here: another unit's valid code) makes a
# key and packs, but the central takes the bundle for an outsider's: refused, no receipt,
# nothing of what it claims in the output.
expect 0 thief-enroll $XHHT --data "$T/thief" --passphrase-file upass enroll bvdkm.enr --code "$KCODE"
expect 0 thief-load $XHHT --data "$T/thief" load 2024 "$SAMPLE"
mkdir -p thief-out
expect 0 thief-pack $XHHT --data "$T/thief" --passphrase-file upass pack 2024 -o thief-out
mv thief-out/*.xhht thief-out/goi-la.xhht # the name is the sender's choice, not the bundle's
expect 1 thief-import $CENTRAL $C import --receipts thief-receipts thief-out
has .out "unknown-signer" thief-import-refused
hasnt .out "BVDKM" thief-import-anonymous
hasnt .out "r2" thief-import-no-revision
[ -z "$(ls thief-receipts 2>/dev/null)" ] && ok || bad "an outsider's bundle got a receipt: $(ls thief-receipts)"
expect 0 xhht-enroll $XHHT $U enroll bvdkm.enr --code "$CODE"; has .out "Vân tay khóa của đơn vị" xhht-enroll
UFP=$(sed -n 's/^Vân tay khóa của đơn vị: *//p' .out)
has .err "Vân tay khóa của Bộ Y tế" xhht-enroll-central-fp
has .err "công văn" xhht-enroll-compare-with-letter
expect 0 status-fingerprint $XHHT $U status; has .out "$UFP" status-shows-fingerprint
expect 1 xhht-enroll-twice $XHHT $U enroll bvdkm.enr --code "$CODE"
expect 1 xhht-enroll-other-unit $XHHT $U enroll khac.enr --code "$KCODE"
cp bvdkm.enr tampered.enr && printf 'X' | dd of=tampered.enr bs=1 seek=100 conv=notrunc 2>/dev/null
expect 1 xhht-enroll-tampered $XHHT --data "$T/unit2" --passphrase-file upass enroll tampered.enr --code "$CODE"
expect 0 status-enrolled $XHHT $U status; has .out "BVDKM" status-enrolled
printf '%%PDF-1.4\n%% bản quét báo cáo có dấu đỏ\n' >scan.pdf
expect 0 attach $XHHT $U attach 2024 scan.pdf
printf 'not a scan' >notes.txt
expect 1 attach-text $XHHT $U attach 2024 notes.txt
mkdir -p out usb
expect 2 pack-wrong-pass $XHHT --data "$T/unit" --passphrase-file wrong pack 2024 -o out
has .err "sai cụm mật khẩu" pack-wrong-pass
expect 0 pack $XHHT $U pack 2024 -o out
B1=$(cat .out)
# An enrollment file without the Ministry's address: the letter's address is named instead.
has .err "địa chỉ trong công văn của Bộ" pack-no-email-says-letter
[ -f "$B1" ] && ok || bad "pack did not print the bundle path ($B1)"
# The sample was loaded as revision 1, so the first pack is revision 2.
case "$B1" in out/XHHT-2024-BVDKM-r2.xhht) ok ;; *) bad "bundle name $B1" ;; esac
expect 0 pack-armor $XHHT $U pack 2024 -o usb --armor
B2=$(cat .out)
has "$B2" "BEGIN XHHT BUNDLE" pack-armor
# Nothing inside is readable: not the unit, not a value.
hasnt "$B1" "BVDKM" bundle-opaque-unit
hasnt "$B1" "Minh" bundle-opaque-name

# --- no secret on disk in the clear -------------------------------------------------------
# The secret key's bytes are never written as is: the key file is sealed; nothing else has it.
for f in unit/* central/*; do
	if grep -qa "BEGIN PRIVATE" "$f"; then bad "secret-looking text in $f"; fi
done
ok

# --- central: import, merge, receipts --------------------------------------------------------
expect 2 import-wrong-pass $CENTRAL --data "$T/central" --passphrase-file wrong import out
expect 0 unit-show-before $CENTRAL $C unit show BVDKM
has .out "Chưa có khóa nào được gắn" unit-show-no-key
has .out "chưa dùng" unit-show-enrollment-open
expect 0 import $CENTRAL $C import --receipts receipts out
has .out "BVDKM 2024 r2" import-line
has .out "đã gộp 1" import-summary
R1=receipts/XHHT-2024-BVDKM-r2.receipt
[ -f "$R1" ] && ok || bad "no receipt $R1"
[ "$(ls receipts | wc -l)" -eq 1 ] && ok || bad "receipts: $(ls receipts)"
# The fingerprint the clerk reads out is the one the central shows; staff record the call.
expect 0 unit-list-fingerprint $CENTRAL $C unit list
has .out "$UFP" unit-list-fingerprint
has .out "chưa đối chiếu vân tay" unit-list-not-confirmed
expect 0 unit-show $CENTRAL $C unit show BVDKM
has .out "Vân tay khóa đang dùng: $UFP" unit-show-fingerprint
has .out "đã dùng" unit-show-enrollment-used
expect 1 unit-confirm-wrong $CENTRAL $C unit confirm BVDKM "1111 2222 3333 4444 5555 6666 7777 8888"
has .err "không khớp" unit-confirm-wrong
hasnt .err "$UFP" unit-confirm-wrong-keeps-the-answer
expect 1 unit-confirm-no-key $CENTRAL $C unit confirm KHAC "$UFP"
expect 0 unit-confirm $CENTRAL $C unit confirm BVDKM "$(echo "$UFP" | tr ' ' '-')"
expect 0 unit-list-confirmed $CENTRAL $C unit list; has .out "đã đối chiếu vân tay" unit-list-confirmed
expect 0 unit-show-confirmed $CENTRAL $C unit show BVDKM; has .out "vân tay đã đối chiếu" unit-show-confirmed
# A second key presenting the used enrollment (the file and code on another machine): an
# alarm that staff see, never a quiet refusal and never a receipt.
expect 0 second-enroll $XHHT --data "$T/second" --passphrase-file upass enroll bvdkm.enr --code "$CODE"
SFP=$(sed -n 's/^Vân tay khóa của đơn vị: *//p' .out)
expect 0 second-load $XHHT --data "$T/second" load 2024 "$SAMPLE"
mkdir -p second-out
expect 0 second-pack $XHHT --data "$T/second" --passphrase-file upass pack 2024 -o second-out
expect 1 second-import $CENTRAL $C import --receipts second-receipts second-out
has .out "CẢNH BÁO" second-import-alarm
has .out "BVDKM" second-import-names-unit
[ -z "$(ls second-receipts 2>/dev/null)" ] && ok || bad "a second key got a receipt: $(ls second-receipts)"
expect 0 unit-list-alarm $CENTRAL $C unit list
has .out "CẢNH BÁO BVDKM" unit-list-alarm
has .out "khóa đã gắn: $UFP" unit-list-alarm-bound
has .out "khóa khác: $SFP" unit-list-alarm-second
expect 0 unit-show-alarm $CENTRAL $C unit show BVDKM; has .out "khóa khác: $SFP" unit-show-alarm
expect 0 status-alarm $CENTRAL $C status 2024 --format json
has .err "CẢNH BÁO BVDKM" status-alarm
has .err "$SFP" status-alarm-second-key
# More keys on the same enrollment are counted on the same line: a flood of keys is one alarm.
expect 0 third-enroll $XHHT --data "$T/third" --passphrase-file upass enroll bvdkm.enr --code "$CODE"
TFP=$(sed -n 's/^Vân tay khóa của đơn vị: *//p' .out)
expect 0 third-load $XHHT --data "$T/third" load 2024 "$SAMPLE"
mkdir -p third-out
expect 0 third-pack $XHHT --data "$T/third" --passphrase-file upass pack 2024 -o third-out
expect 1 third-import $CENTRAL $C import third-out
expect 0 unit-list-alarms $CENTRAL $C unit list
[ "$(grep -c "CẢNH BÁO BVDKM" .out)" -eq 1 ] && ok || bad "alarms: not one line: $(grep "CẢNH BÁO" .out)"
has .out "CẢNH BÁO BVDKM: 2 khóa khác" unit-list-alarm-count
# Every other key is named, so that staff can match the digits a caller reads.
has .out "khóa khác: $TFP" unit-list-alarm-third-key
has .out "khóa khác: $SFP" unit-list-alarm-second-key-kept
has .out "xhht-central unit revoke BVDKM" unit-list-alarm-what-to-do
expect 0 import-again $CENTRAL $C import --receipts receipts out usb
has .out "đã gộp 1, đã có 1" import-again-summary
# Reading a receipt only reads: beside an open full-screen xhht (its lock held) it is checked and
# shown at once, and kept the next time it is opened.
if ! posix_only "the folder's lock taken by flock(1)"; then
	:
elif command -v flock >/dev/null; then
	expect 0 receipt-locked flock -x unit/xhht.lock $XHHT $U receipt "$R1"
	has .out "Bộ Y tế đã nhận báo cáo năm 2024, lần gửi 2" receipt-locked-shown
	has .err "chưa lưu được biên nhận" receipt-locked-not-kept
else
	echo "trust: flock missing, receipt-locked skipped" >&2
fi
expect 0 xhht-receipt $XHHT $U receipt "$R1"
[ -s .err ] && bad "xhht-receipt: $(cat .err)" || ok
has .out "Bộ Y tế đã nhận báo cáo năm 2024, lần gửi 2" xhht-receipt
expect 0 xhht-receipt-again $XHHT $U receipt "$R1"
# One base64 character changed: still canonical armor, but the signature no longer matches.
awk 'NR == 3 { c = substr($0, 10, 1); $0 = substr($0, 1, 9) (c == "Q" ? "R" : "Q") substr($0, 11) } { print }' \
	"$R1" >forged.receipt
cmp -s "$R1" forged.receipt && bad "forged receipt equals the original"
expect 1 xhht-receipt-forged $XHHT $U receipt forged.receipt
expect 0 status-received $XHHT $U status
# The last bundle is revision 3, whose receipt the clerk has not opened yet.
has .out "Đã đóng gói lần 3" status-packed
has .out "Chưa có biên nhận" status-no-receipt-yet
expect 0 central-status $CENTRAL $C status 2024
has .out "BVDKM" central-status
has .out "đúng hạn" central-status-on-time
has .out "CHƯA NỘP" central-status-missing
expect 0 central-status-csv $CENTRAL $C status 2024 --format csv
head -c 3 .out | od -An -tx1 | grep -q "ef bb bf" && ok || bad "status CSV has no BOM"
expect 0 central-status-json $CENTRAL $C status 2024 --format json
has .out '"state":"on_time"' central-status-json
expect 0 export-json $CENTRAL $C export 2024 --format json -o tong-hop.json
has tong-hop.json '"dao_tao.so_khoa"' export-aggregates
has tong-hop.json '"hinh_thuc":"co_thi_dua_byt"' export-groups
expect 0 export-csv $CENTRAL $C export 2024 --format csv -o tong-hop.csv
has tong-hop.csv "BVDKM" export-csv
[ -f tong-hop.khen_thuong.de_nghi.csv ] && ok || bad "no table CSV"
has tong-hop.khen_thuong.de_nghi.csv "bang_khen_byt" export-csv-table
expect 0 open $CENTRAL $C open "$B1" -o opened
cmp -s opened/attachments/scan.pdf scan.pdf && ok || bad "attachment changed on the way"
has opened/report.json '"chung.nguoi_ky"' open-report

# --- revisions: older, newer, conflict; revoked keys ---------------------------------------
expect 0 pack-r4 $XHHT $U pack 2024 -o out
B4=$(cat .out)
expect 0 import-r4 $CENTRAL $C import --receipts receipts "$B4"
has .out "r4: đã nhận và tổng hợp" import-r4
expect 0 import-r3-again $CENTRAL $C import "$B2"
has .out "đã có" import-r3-dup
# An older revision that never came before is kept in history, not merged.
expect 0 pack-r5 $XHHT $U pack 2024 -o out
B5=$(cat .out)
expect 0 pack-r6 $XHHT $U pack 2024 -o out
B6=$(cat .out)
expect 0 import-r6 $CENTRAL $C import "$B6"
expect 0 import-r5-older $CENTRAL $C import --receipts receipts "$B5"
has .out "r5: đã nhận, nhưng đã có lần gửi mới hơn" import-older
expect 0 status-r6 $CENTRAL $C status 2024 --format json
has .out '"revision":6' status-keeps-newest
expect 0 revoke $CENTRAL $C unit revoke BVDKM; has .out "Đã thu hồi 1" revoke
# Revoking the unit deals with its alarm: no longer shown by status, kept in its history.
expect 0 status-after-revoke $CENTRAL $C status 2024; hasnt .err "CẢNH BÁO" status-alarm-resolved
expect 0 unit-show-resolved $CENTRAL $C unit show BVDKM; has .out "Cảnh báo đã xử lý" unit-show-alarm-resolved
hasnt .out "CẢNH BÁO" unit-show-resolved-not-shouted
expect 1 revoke-unknown $CENTRAL $C unit revoke NOPE
expect 0 pack-r7 $XHHT $U pack 2024 -o out
B7=$(cat .out)
expect 1 import-revoked $CENTRAL $C import --receipts receipts "$B7"
has .out "revoked-key" import-revoked
# A revoked key is no longer trusted: it gets no answer.
[ -f receipts/XHHT-2024-BVDKM-r7.receipt ] && bad "a revoked key got a receipt" || ok
# Another central cannot read it.
expect 0 other-init $CENTRAL --data "$T/other" --passphrase-file cpass init
expect 1 other-import $CENTRAL --data "$T/other" --passphrase-file cpass import "$B1"
has .out "not-for-us" other-import
# An enrollment signed by another central key is refused unless the clerk confirms.
expect 0 other-unit $CENTRAL --data "$T/other" --passphrase-file cpass unit add BVDKM "Bệnh viện Đa khoa Minh Hòa"
expect 0 other-enroll $CENTRAL --data "$T/other" --passphrase-file cpass enroll BVDKM -o other.enr
OCODE=$(tail -n 1 .out | sed 's/^.*: *//')
cp -R unit unit-copy
expect 1 enroll-other-central $XHHT $U enroll other.enr --code "$OCODE"; has .err "--new-central-key" enroll-other-central
expect 0 enroll-other-central-confirmed $XHHT --data "$T/unit-copy" --passphrase-file upass enroll other.enr --new-central-key --code "$OCODE"
# Re-enrollment after revocation: a new key, bound by the new secret.
expect 0 reenroll $CENTRAL $C enroll BVDKM -o again.enr
expect 0 xhht-reenroll $XHHT $U enroll again.enr --code "$(tail -n 1 .out | sed 's/^.*: *//')"
expect 0 pack-r8 $XHHT $U pack 2024 -o out
expect 0 import-r8 $CENTRAL $C import "$(cat .out)"
has .out "r8: đã nhận và tổng hợp" import-r8
# The old, revoked key stays refused.
expect 1 import-revoked-again $CENTRAL $C import "$B7"

# --- passphrase change --------------------------------------------------------------------
printf 'một cụm mật khẩu mới dài\n' >newpass
expect 0 passphrase $XHHT $U --new-passphrase-file newpass passphrase
expect 2 pack-old-pass $XHHT $U pack 2024 -o out
expect 0 pack-new-pass $XHHT --data "$T/unit" --passphrase-file newpass pack 2024 -o out

# --- key change: a new key vouched for by the bound one -----------------------------------
expect 0 key-new $XHHT --data "$T/unit" --passphrase-file newpass --new-passphrase-file upass key new
has .out "Vân tay khóa mới" key-new
expect 0 pack-new-key $XHHT $U pack 2024 -o out
expect 0 import-new-key $CENTRAL $C import "$(cat .out)"
has .out "đã nhận và tổng hợp" import-new-key
expect 0 unit-list-after-change $CENTRAL $C unit list
has .out "đã có khóa" key-bound
# A second change before the Ministry has taken the first (no receipt yet for a bundle packed
# since): refused, the key unchanged.
B_NEWKEY=$(ls -t out/*.xhht | head -n 1)
expect 1 key-new-again $XHHT $U --new-passphrase-file upass key new
has .err "Bộ Y tế chưa ghi nhận lần đổi khóa trước" key-new-again-says
expect 0 pack-after-refused-change $XHHT $U pack 2024 -o out
expect 0 import-after-refused-change $CENTRAL $C import "$(cat .out)"
has .out "đã nhận và tổng hợp" import-after-refused-change
# The receipt for a bundle under the new key: the next change may go ahead, and the central
# follows it.
expect 0 import-new-key-receipt $CENTRAL $C import --receipts rk "$B_NEWKEY"
expect 0 receipt-new-key $XHHT $U receipt "$(ls rk/*.receipt | head -n 1)"
expect 0 key-new-second $XHHT $U --new-passphrase-file upass key new
expect 0 pack-second-key $XHHT $U pack 2024 -o out
expect 0 import-second-key $CENTRAL $C import "$(cat .out)"
has .out "đã nhận và tổng hợp" import-second-key

# --- English ---------------------------------------------------------------------------------
expect 0 status-en $CENTRAL $C --lang en status 2024; has .out "on time" status-en
# A bundle the central takes after 05/12 (Vietnam time) is late (tests/cli/import.sh has the
# cases where the unit's clock and the central's disagree).
expect 0 pack-late env XHHT_NOW=2024-12-05T17:00:00Z $XHHT $U pack 2024 -o out
expect 0 import-late env XHHT_NOW=2024-12-05T17:00:00Z $CENTRAL $C import "$(cat .out)"
expect 0 status-late $CENTRAL $C status 2024 --format json; has .out '"state":"late"' status-late

# --- a failed pack costs nothing; key files open to others are refused ------------------------
# Each failure leaves the database byte for byte as it was, so the next pack that succeeds gets
# the revision the failed one would have got.
db_sum() { sha256sum unit/xhht.db | cut -d' ' -f1; }
last_rev() { $XHHT $U status 2>/dev/null | sed -n 's/.*Đã đóng gói lần \([0-9]*\).*/\1/p' | head -n 1; }
REV=$(last_rev)
NEXT=$((REV + 1))
SUM=$(db_sum)
unchanged() {
	[ "$(db_sum)" = "$SUM" ] && ok || bad "$1: the database changed"
	[ "$(last_rev)" = "$REV" ] && ok || bad "$1: status shows revision $(last_rev), not $REV"
}
expect 2 pack-fail-no-folder $XHHT $U pack 2024 -o nowhere; has .err "nowhere" pack-fail-no-folder-says
# The folder is looked at before the passphrase is asked: a typo costs no typing.
expect 2 pack-no-folder-before-passphrase setsid -w $XHHT --data "$T/unit" pack 2024 -o nowhere
has .err "nowhere" pack-no-folder-before-passphrase
hasnt .err "passphrase-file" pack-no-folder-before-passphrase-asked
unchanged pack-fail-no-folder
printf 'x' >afile
expect 2 pack-fail-file-as-folder $XHHT $U pack 2024 -o afile; unchanged pack-fail-file-as-folder
expect 2 pack-fail-folder-in-file $XHHT $U pack 2024 -o afile/sub; unchanged pack-fail-folder-in-file
# A folder nobody may write in (root may write anywhere but in /proc).
mkdir ro && chmod 555 ro
RO=ro; [ "$(id -u)" = 0 ] && RO=/proc
expect 2 pack-fail-read-only $XHHT $U pack 2024 -o $RO; unchanged pack-fail-read-only
has .err "XHHT-2024-BVDKM-r$NEXT.xhht" pack-fail-read-only-says
expect 2 pack-fail-wrong-pass $XHHT --data "$T/unit" --passphrase-file wrong pack 2024 -o out
has .err "sai cụm mật khẩu" pack-fail-wrong-pass-says; unchanged pack-fail-wrong-pass
# A full disk while the bundle is written (a file size limit does the same to write(2)): a
# large attachment makes the bundle outgrow the limit long before the database's journal does.
head -c 300000 /dev/urandom >big.bin && { printf '%%PDF-1.4\n'; cat big.bin; } >big.pdf
expect 0 attach-big $XHHT $U attach 2024 big.pdf
SUM=$(db_sum)
mkdir full
expect 2 pack-fail-full sh -c "trap '' XFSZ; ulimit -f 200; exec \"\$0\" \"\$@\"" $XHHT $U pack 2024 -o full
has .err "đĩa đầy" pack-fail-full-says; unchanged pack-fail-full
[ -z "$(ls -A full)" ] && ok || bad "pack-fail-full left files: $(ls -A full)"
# Something planted under the bundle's name, a link to another file, is never written through
# nor replaced.
printf 'not yours\n' >victim
ln -s "$T/victim" "out/XHHT-2024-BVDKM-r$NEXT.xhht"
expect 2 pack-fail-planted-link $XHHT $U pack 2024 -o out; has .err "không ghi đè" pack-fail-planted-link-says
unchanged pack-fail-planted-link
[ "$(cat victim)" = "not yours" ] && ok || bad "pack wrote through a planted link"
rm "out/XHHT-2024-BVDKM-r$NEXT.xhht"
ls out full | grep -q '\.tmp-' && bad "a temporary file was left behind: $(ls out full | grep '\.tmp-')" || ok
# A unit key open to others: refused (as ssh does) with the fix, the database untouched.
KEY=$(ls -t unit/unit-*.key | head -n 1)
if posix_only "a unit key file's Unix mode (Windows: an owner-only ACL)"; then
	for k in unit/unit-*.key; do chmod 644 "$k"; done
	expect 2 pack-key-0644 $XHHT $U pack 2024 -o out
	has .err "chmod 600 $T/$KEY" pack-key-0644-says-how
	[ "$(wc -l <.err)" -eq 1 ] && ok || bad "pack-key-0644: more than one line: $(cat .err)"
	unchanged pack-key-0644
	for k in unit/unit-*.key; do chmod 600 "$k"; done
fi
expect 0 pack-after-failures $XHHT $U pack 2024 -o out
has .out "out/XHHT-2024-BVDKM-r$NEXT.xhht" pack-after-failures-next-revision
[ "$(last_rev)" = "$NEXT" ] && ok || bad "after the failures, status shows revision $(last_rev), not $NEXT"
# The central's key too, and a symlink in place of a key file.
if posix_only "the central key's Unix mode, a symbolic link in place of a key file"; then
	chmod 640 central/central.key
	expect 2 central-key-0640 $CENTRAL $C enroll BVDKM -o again2.enr
	has .err "chmod 600 $T/central/central.key" central-key-0640-says-how
	chmod 600 central/central.key
	mv "$KEY" unit/moved.key && ln -s moved.key "$KEY"
	expect 2 pack-key-symlink $XHHT $U pack 2024 -o out; has .err "$KEY" pack-key-symlink-says
	rm "$KEY" && mv unit/moved.key "$KEY"
fi
expect 0 central-key-600 $CENTRAL $C --lang en enroll BVDKM -o again2.enr

# --- the Ministry's e-mail address in the enrollment file -------------------------------------
# Given to enroll, checked for its form before anything is written; the unit keeps it and pack
# names it.
expect 2 enroll-email-bad $CENTRAL $C enroll BVNM -o mail-bad.enr --email "baocao moh.gov.vn"
has .err '"baocao moh.gov.vn" không phải địa chỉ thư điện tử' enroll-email-bad-named
[ -e mail-bad.enr ] && bad "a refused address left an enrollment file" || ok
expect 0 enroll-email $CENTRAL $C enroll BVNM -o mail.enr --email baocao@moh.gov.vn
MCODE=$(tail -n 1 .out | sed 's/.*: *//')
expect 0 enroll-email-help $CENTRAL enroll --help; has .out "--email" enroll-email-help
expect 0 xhht-enroll-email $XHHT --data "$T/unit-mail" --passphrase-file upass enroll mail.enr --code "$MCODE"
expect 0 load-email $XHHT --data "$T/unit-mail" load 2024 "$SAMPLE"
mkdir -p out-mail
expect 0 pack-email $XHHT --data "$T/unit-mail" --passphrase-file upass pack 2024 -o out-mail --accept-warnings
has .err "thư điện tử tới baocao@moh.gov.vn" pack-names-email

harness_end
