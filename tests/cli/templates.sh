#!/bin/sh
# templates.sh: a new version of the yearly template, from the central to the units and back:
# xhht-central template publish (a signed file, binary and armored), xhht template install
# (unit A from the file, unit B from the armor as pasted from an e-mail), A fills version 2 and
# packs, the central imports it beside unit C's version-1 report of the same year, and its
# exports (JSON, CSV, HTML) are checked value by value for both; the refusals with their
# reasons: another central's signature, one byte altered, a redefined version (at the central
# and at the unit), a unit not enrolled, a template failing the type check, a phase review that
# does not fit the yearly template it is pre-filled from (at the central and at the unit).
# Usage: tests/cli/templates.sh BUILD_DIR
set -u
. "$(dirname "$0")/../lib/harness.sh"
harness_start "$@"
DBCHECK="$PWD/$BUILD/db-check"
need_program "$XHHT" "$CENTRAL" "$DBCHECK"
V2="$PWD/tests/templates/bao-cao-nam-2.json"
SOKET="$PWD/db/templates/so-ket-2023-2025-1.json"
export XHHT_TODAY=2025-03-01 XHHT_NOW=2025-03-01T03:00:00Z
harness_in_scratch
sql() { "$DBCHECK" "$T/central/xhht-central.db" --sql "$1" | tr '\t' ' '; }
# csv_cell FILE UNIT COLUMN: the cell of UNIT's row (first column) under the heading COLUMN of a
# CSV file (quoted cells may hold commas, quotes and line ends).
csv_cell() {
	awk -v unit="$2" -v col="$3" 'BEGIN { RS = "\001" }
	{
		sub(/^\357\273\277/, "")
		n = 0; rec = 0; cell = ""; q = 0
		for (i = 1; i <= length($0); i++) {
			ch = substr($0, i, 1)
			if (q) {
				if (ch == "\"" && substr($0, i + 1, 1) == "\"") { cell = cell "\""; i++ }
				else if (ch == "\"") q = 0
				else cell = cell ch
			} else if (ch == "\"") q = 1
			else if (ch == ",") { f[rec, n++] = cell; cell = "" }
			else if (ch == "\r") continue
			else if (ch == "\n") { f[rec, n++] = cell; cell = ""; w[rec++] = n; n = 0 }
			else cell = cell ch
		}
		for (k = 0; k < w[0]; k++) if (f[0, k] == col) c = k
		if (c == "") { print "NO-COLUMN"; exit }
		for (r = 1; r < rec; r++) if (f[r, 0] == unit) { print f[r, c]; exit }
		print "NO-ROW"
	}' "$1"
}

# json_unit FILE CODE: the lines of the export's unit CODE (its report as it answered it).
json_unit() {
	awk -v code="$2" '/^,?\{"unit":\{"code":/ { on = index($0, "{\"unit\":{\"code\":\"" code "\"") > 0 }
	/^\],"aggregates"/ { on = 0 } on' "$1"
}

# --- the central, three units enrolled (A and B will install version 2; C stays on 1) ----------
expect 0 init $CENTRAL $C init
for u in BVA BVB BVC; do
	expect 0 unit-add-$u $CENTRAL $C unit add $u "Bệnh viện $u" benh_vien
	expect 0 enroll-$u $CENTRAL $C enroll $u -o $u.enr
	code=$(sed -n '$s/^Mã đăng ký: *//p' .out)
	expect 0 xhht-enroll-$u $XHHT --data "$T/$u" --passphrase-file upass enroll $u.enr --code "$code"
done
A="--data $T/BVA --passphrase-file $T/upass"
B="--data $T/BVB --passphrase-file $T/upass"
UC="--data $T/BVC --passphrase-file $T/upass"
# A copy of the central before it publishes: same keys, another history (the unit-side
# redefinition below).
cp -a central central-copy

# --- refusals at the central: nothing written, nothing stored, nothing logged ------------------
sed 's/"version": 2,/"version": 1,/' "$V2" >redefine-1.json
expect 1 publish-redefines $CENTRAL $C --lang en template publish redefine-1.json -o r.tpl
one_line publish-redefines
has .err "redefines version 1 of bao-cao-nam" publish-redefines-says
[ ! -e r.tpl ] && ok || bad "publish-redefines: r.tpl written"
sed -e 's/"version": 2,/"version": 3,/' \
	-e 's/"when": "tuyen_truyen.luot_tham_gia > 0 and tuyen_truyen.so_hoat_dong = 0"/"when": "tuyen_truyen.khong_co > 0"/' \
	"$V2" >bad-3.json
expect 1 publish-type-check $CENTRAL $C --lang en template publish bad-3.json -o b.tpl
one_line publish-type-check
has .err "fails the check" publish-type-check-says
has .err "tuyen_truyen.khong_co" publish-type-check-names-field
[ ! -e b.tpl ] && ok || bad "publish-type-check: b.tpl written"
expect 2 publish-no-output $CENTRAL $C template publish "$V2"
one_line publish-no-output
same "$(sql "SELECT count(*) FROM template WHERE version > 1")" 0 refusals-stored-nothing
same "$(sql "SELECT count(*) FROM staff_action WHERE action = 'template_publish'")" 0 refusals-logged-nothing

# --- publish: the file for USB, the armor for e-mail; listed; logged ----------------------------
USER=nguyen.van.a expect 0 publish $CENTRAL $C --lang en template publish "$V2" -o v2.tpl
has .out "Published template bao-cao-nam version 2" publish-says
same "$(head -c 8 v2.tpl | od -An -c | tr -d ' \n')" 'XHHTTPL001' publish-magic-version
USER=nguyen.van.a expect 0 publish-armor $CENTRAL $C template publish "$V2" -o v2.asc --armor
same "$(head -n 1 v2.asc)" "-----BEGIN XHHT TEMPLATE-----" publish-armor-begin
same "$(tail -n 1 v2.asc)" "-----END XHHT TEMPLATE-----" publish-armor-end
same "$(sql "SELECT id, version, published_by FROM template WHERE id = 'bao-cao-nam' ORDER BY version")" \
"bao-cao-nam 1 NULL
bao-cao-nam 2 nguyen.van.a" publish-stored
expect 0 central-template-list $CENTRAL --data "$T/central" --lang en template list
has .out "$(printf 'bao-cao-nam\t1\t')" central-list-v1
has .out "built in" central-list-builtin
has .out "$(printf '\tpublished\t')" central-list-published
has .out "nguyen.van.a" central-list-by-whom
same "$(sql "SELECT staff, action, detail FROM staff_action WHERE action = 'template_publish' ORDER BY id")" \
"nguyen.van.a template_publish template bao-cao-nam version 2; file v2.tpl
nguyen.van.a template_publish mẫu bao-cao-nam phiên bản 2; phát hành lại; tệp v2.asc" publish-logged
expect 0 central-log $CENTRAL --data "$T/central" --lang en log
has .out "template published" central-log-shows

# --- refusals at the unit ---------------------------------------------------------------------
# Signed by another central.
mkdir other && printf 'trung uong khac 123\n' >opass
expect 0 other-init $CENTRAL --data "$T/other" --passphrase-file opass init
expect 0 other-publish $CENTRAL --data "$T/other" --passphrase-file opass template publish "$V2" -o other.tpl
expect 1 install-other-central $XHHT $A --lang en template install other.tpl
one_line install-other-central
has .err "not signed by the Ministry this unit is enrolled with" install-other-central-says
# One byte altered (inside the template's text: the length still holds).
cp v2.tpl altered.tpl
printf 'X' | dd of=altered.tpl bs=1 seek=43 conv=notrunc 2>/dev/null
expect 1 install-altered $XHHT $A --lang en template install altered.tpl
one_line install-altered
has .err "or was altered" install-altered-says
# Truncated.
head -c 200 v2.tpl >short.tpl
expect 1 install-truncated $XHHT $A --lang en template install short.tpl
has .err "damaged" install-truncated-says
# An enrollment file is not a template file.
expect 1 install-not-template $XHHT $A --lang en template install BVA.enr
has .err "not an xhht template file" install-not-template-says
# The same key, another version 2 (the copy of the central published it differently).
sed 's/Lượt người tự học trên nền tảng số của đơn vị/Lượt tự học/' "$V2" >other-2.json
expect 0 copy-publish $CENTRAL --data "$T/central-copy" --passphrase-file cpass template publish other-2.json -o other-2.tpl
# A unit not enrolled yet.
expect 0 fresh-load $XHHT --data "$T/fresh" load 2024 "$SAMPLE"
expect 1 install-not-enrolled $XHHT --data "$T/fresh" --lang en template install v2.tpl
one_line install-not-enrolled
has .err "not enrolled" install-not-enrolled-says
has .err "enroll first" install-not-enrolled-step
has .err "xhht enroll" install-not-enrolled-command

# --- install: A from the file (twice), B from the armor pasted in an e-mail (CRLF) ---------------
expect 0 install-file $XHHT $A --lang en template install v2.tpl
has .out "Installed template bao-cao-nam version 2" install-file-says
has .out "signature checked" install-file-signature
expect 0 install-again $XHHT $A --lang en template install v2.tpl
has .out "already there" install-again-says
sed 's/$/\r/' v2.asc >pasted.txt
expect 0 install-armor $XHHT $B --lang en template install pasted.txt
has .out "Installed template bao-cao-nam version 2" install-armor-says
expect 1 install-redefined $XHHT $A --lang en template install other-2.tpl
one_line install-redefined
has .err "redefines version 2 of bao-cao-nam" install-redefined-says
expect 0 unit-template-list $XHHT --data "$T/BVA" --lang en template list
has .out "$(printf 'bao-cao-nam\t1\t')" unit-list-v1
has .out "built in" unit-list-builtin
has .out "$(printf '\tinstalled\t-')" unit-list-installed-unused
expect 0 unit-c-template-list $XHHT --data "$T/BVC" --lang en template list
hasnt .out "$(printf 'bao-cao-nam\t2')" unit-c-list-no-v2

# --- a phase review is checked against the yearly template it is pre-filled from ----------------
sed -e 's/"version": 1,/"version": 2,/' \
	-e 's/"from": "tuyen_truyen.luot_tham_gia"/"from": "chung.nguoi_ky"/' "$SOKET" >phase-bad.json
expect 1 publish-phase-misfit $CENTRAL $C --lang en template publish phase-bad.json -o pb.tpl
one_line publish-phase-misfit
has .err "does not fit the yearly template" publish-phase-misfit-says
has .err "sum from chung.nguoi_ky: a field (or column) of another type in bao-cao-nam 2" \
	publish-phase-misfit-names-field
[ ! -e pb.tpl ] && ok || bad "publish-phase-misfit: pb.tpl written"
# Version 2 sums the self-learners only version 2 of the yearly template has: C (on version 1)
# refuses it, naming the field; A (on version 2) installs it.
sed -e 's/"version": 1,/"version": 2,/' \
	-e 's/"from": "tuyen_truyen.luot_tham_gia"/"from": "dao_tao.luot_tu_hoc"/' "$SOKET" >phase-2.json
expect 0 publish-phase $CENTRAL $C --lang en template publish phase-2.json -o phase-2.tpl
expect 1 install-phase-misfit $XHHT $UC --lang en template install phase-2.tpl
one_line install-phase-misfit
has .err "sum from dao_tao.luot_tu_hoc: no such field in bao-cao-nam 1" install-phase-misfit-says
expect 0 install-phase $XHHT $A --lang en template install phase-2.tpl
has .out "Installed template so-ket-2023-2025 version 2" install-phase-says

# --- a new draft answers the newest version -----------------------------------------------------
expect 0 new-2025 $XHHT $A new 2025
expect 0 unit-template-list-2025 $XHHT --data "$T/BVA" --lang en template list
has .out "$(printf '\tinstalled\t2025')" new-draft-answers-v2
expect 0 new-2025-c $XHHT $UC new 2025
expect 0 unit-c-template-list-2025 $XHHT --data "$T/BVC" --lang en template list
has .out "$(printf '\tbuilt in\t2025')" new-draft-c-answers-v1

# --- A fills version 2 and packs; C packs version 1; the central imports both ---------------------
sed -e 's/"template_version": 1,/"template_version": 2,/' \
	-e '/"thi_dua.hoat_dong_quoc_te"/d' \
	-e 's/"tuyen_truyen.so_hoat_dong": 18,/"tuyen_truyen.so_hoat_dong": 25,/' \
	-e 's/"dao_tao.luot_hoc": 5240,/"dao_tao.luot_hoc": 4100,/' \
	-e 's/^\(  "dao_tao.hoc_lieu_so": 24,\)$/\1\n  "dao_tao.luot_tu_hoc": 3150,/' \
	"$SAMPLE" >a-2024.json
expect 0 load-v2 $XHHT $A load 2024 a-2024.json
expect 0 unit-template-list-2024 $XHHT --data "$T/BVA" --lang en template list
has .out "$(printf '\tinstalled\t2024, 2025')" load-answers-v2
expect 0 load-v1 $XHHT $UC load 2024 "$SAMPLE"
mkdir out rc
expect 0 pack-a $XHHT $A pack 2024 -o out --accept-warnings
expect 0 pack-c $XHHT $UC pack 2024 -o out --accept-warnings
expect 0 import $CENTRAL $C --lang en import --receipts rc out
has .out "BVA 2024 r2: received and merged" import-merged-a
has .out "BVC 2024 r2: received and merged" import-merged-c
same "$(sql "SELECT m.unit_code, b.template_version FROM merged m JOIN bundle b ON b.hash = m.bundle_hash ORDER BY 1")" \
"BVA 2
BVC 1" merged-versions

# JSON: each unit's report as it answered it; the aggregates over both.
expect 0 export-json $CENTRAL --data "$T/central" export 2024 --format json -o e.json
json_unit e.json BVA >a.json
json_unit e.json BVC >c.json
has a.json '"template_version": 2,' json-a-v2
has a.json '"dao_tao.luot_tu_hoc": 3150' json-a-new-field
hasnt a.json '"thi_dua.hoat_dong_quoc_te"' json-a-no-dropped-field
has a.json '"tuyen_truyen.so_hoat_dong": 25' json-a-value
has a.json '"dao_tao.luot_hoc": 4100' json-a-value-2
has c.json '"template_version": 1,' json-c-v1
has c.json '"thi_dua.hoat_dong_quoc_te": 6' json-c-dropped-field
hasnt c.json '"dao_tao.luot_tu_hoc"' json-c-no-new-field
has c.json '"tuyen_truyen.so_hoat_dong": 18' json-c-value
has c.json '"dao_tao.luot_hoc": 5240' json-c-value-2
has e.json '"tuyen_truyen.so_hoat_dong":{"sum":43,"min":18,"max":25,"units":2}' json-sum-both
has e.json '"dao_tao.luot_hoc":{"sum":9340,"min":4100,"max":5240,"units":2}' json-sum-both-2
has e.json '"dao_tao.luot_tu_hoc":{"sum":3150,"min":3150,"max":3150,"units":1,"absent":1}' json-new-field-one-unit
has e.json '"thi_dua.hoat_dong_quoc_te":{"sum":6,"min":6,"max":6,"units":1,"absent":1}' json-dropped-field-one-unit
hasnt e.json '"tuyen_truyen.so_hoat_dong":{"sum":43,"min":18,"max":25,"units":2,"absent"' json-common-field-not-absent

# CSV: a column for every field either version has; a version without it shows it absent (—).
expect 0 export-csv $CENTRAL --data "$T/central" export 2024 --format csv -o e.csv
same "$(csv_cell e.csv BVA tuyen_truyen.so_hoat_dong)" 25 csv-a-so-hoat-dong
same "$(csv_cell e.csv BVC tuyen_truyen.so_hoat_dong)" 18 csv-c-so-hoat-dong
same "$(csv_cell e.csv BVA dao_tao.luot_hoc)" 4100 csv-a-luot-hoc
same "$(csv_cell e.csv BVC dao_tao.luot_hoc)" 5240 csv-c-luot-hoc
same "$(csv_cell e.csv BVA dao_tao.luot_tu_hoc)" 3150 csv-a-new-field
same "$(csv_cell e.csv BVC dao_tao.luot_tu_hoc)" "—" csv-c-new-field-absent
same "$(csv_cell e.csv BVA thi_dua.hoat_dong_quoc_te)" "—" csv-a-dropped-field-absent
same "$(csv_cell e.csv BVC thi_dua.hoat_dong_quoc_te)" 6 csv-c-dropped-field
same "$(csv_cell e.csv BVA chung.nguoi_ky)" "Trần Quốc Khánh" csv-a-text
same "$(csv_cell e.csv BVA chung.email)" "tccb@bvdkminhhoa.vn" csv-a-email
same "$(csv_cell e.csv BVC revision)" 2 csv-c-revision

# HTML: the figures over both units, laid out by the newest version (its reworded label).
expect 0 export-html $CENTRAL --data "$T/central" export 2024 --format html -o e.html
has e.html "<td>Số hoạt động, buổi tuyên truyền về học tập suốt đời đã tổ chức</td><td>43</td><td>18</td><td>25</td><td>2</td>" html-reworded-sum
has e.html "<td>Lượt người tự học trên nền tảng số của đơn vị</td><td>3.150</td><td>3.150</td><td>3.150</td><td>1 (— 1: không có trong mẫu phiên bản 1)</td>" html-new-field-absent-in-v1
has e.html "<td>6</td><td>6</td><td>6</td><td>1 (— 1: không có trong mẫu phiên bản 2)</td>" html-dropped-field-absent-in-v2
has e.html "<td>9.340</td><td>4.100</td><td>5.240</td><td>2</td>" html-luot-hoc-sum

# A unit enrolled after the publication gets version 2 in its enrollment file.
expect 0 unit-add-late $CENTRAL $C unit add BVD "Bệnh viện D" benh_vien
expect 0 enroll-late $CENTRAL $C enroll BVD -o BVD.enr
code=$(sed -n '$s/^Mã đăng ký: *//p' .out)
expect 0 xhht-enroll-late $XHHT --data "$T/BVD" --passphrase-file upass enroll BVD.enr --code "$code"
expect 0 late-template-list $XHHT --data "$T/BVD" --lang en template list
has .out "$(printf 'bao-cao-nam\t2\t')" late-unit-has-v2
harness_end
