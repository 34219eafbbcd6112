#!/bin/sh
# import.sh: the central importer from the command line: each merge case, importing the same
# things again (nothing is duplicated), folders with junk, a bundle for another central, and
# e-mail: mbox, maildir, attachments, armor pasted in bodies, forwarded messages, hostile MIME.
# Usage: tests/cli/import.sh BUILD_DIR
#
# The bundles are made by every run (tests/tools/gen-bundles: a fresh central, units enrolled,
# one signing key per unit made in memory), so the e-mail fixtures cannot hold them. The
# fixtures (tests/fixtures/mail/) were written once by Python's email and mailbox packages
# (tests/fixtures/make-mail.py) with one placeholder line where each bundle goes; this script
# puts the bundles in, encoded as that MIME part declares: base64 by coreutils' base64 (76
# columns, what mail programs write), quoted-printable by the small awk encoder below, armor
# as is. Everything else in them (headers, boundaries, nesting, mbox quoting, CRLF, maildir)
# is as the mail tool wrote it, and the test needs no Python.
set -u
BUILD=${1:-build}
CENTRAL="$PWD/$BUILD/xhht-central"
GEN="$PWD/$BUILD/gen-bundles"
DBCHECK="$PWD/$BUILD/db-check"
FIX="$PWD/tests/fixtures/mail"
SAMPLE="$PWD/tests/data/bao-cao-mau.json"
T=$(mktemp -d "${TMPDIR:-/tmp}/xhht-import.XXXXXX")
trap 'rm -rf "$T"' EXIT
unset XHHT_DATA XDG_DATA_HOME XHHT_PASSPHRASE_FILE
# Packed before the deadline (05/12): units that reported are on time.
export XHHT_NOW=2024-12-01T03:00:00Z
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
expect() {
	want=$1 name=$2
	shift 2
	"$@" >"$T/.out" 2>"$T/.err" </dev/null
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else
		bad "$name: exit $got, wanted $want; stderr: $(head -c 400 "$T/.err"); stdout: $(tail -c 400 "$T/.out")"
	fi
}
has() { if grep -qF -- "$2" "$1"; then ok; else bad "$3: no \"$2\" in $(head -c 600 "$1")"; fi; }
hasnt() { if grep -qF -- "$2" "$1"; then bad "$3: \"$2\" in $1"; else ok; fi; }
same() { if [ "$1" = "$2" ]; then ok; else bad "$3: got \"$1\", wanted \"$2\""; fi; }

cd "$T" || exit 2
printf 'cụm mật khẩu trung ương\n' >cpass
C="--lang en --data $T/central --passphrase-file $T/cpass"
DB="$T/central/xhht-central.db"
sql() { "$DBCHECK" "$DB" --sql "$1" | tr '\t' ' '; }
# The JSON status line of one unit.
unit_status() { "$CENTRAL" $C status 2024 --format json | grep "\"code\":\"$1\""; }
bundle() { echo "$T/gen/XHHT-2024-$1-r$2.xhht"; }
receipts() { ls "$T/rc" | grep -c '\.receipt$'; }

expect 0 init $CENTRAL $C init
# U0001..U0030, each with revision 1, revision 2 and a revision 1 of different content.
"$GEN" --sample "$SAMPLE" --second --conflict central cpass 30 gen >/dev/null || bad "gen-bundles"
[ -f "$(bundle U0030 2)" ] && [ -f "$T/gen/XHHT-2024-U0030-r1-conflict.xhht" ] && ok ||
	bad "gen-bundles wrote no bundles"
mkdir -p rc

# --- the merge cases ----------------------------------------------------------------------
# First bundle of a unit: merged (and its key bound through the enrollment secret).
expect 0 merge-first $CENTRAL $C import --receipts rc "$(bundle U0001 1)"
has .out "U0001 2024 r1: received and merged; receipt: rc/XHHT-2024-U0001-r1.receipt" merge-first
has .out "1 bundles: merged 1, already had 0, older 0, conflicts 0, refused 0." merge-first-summary
case "$(unit_status U0001)" in
*'"state":"on_time","revision":1,'*'"receipt_sent":true,"bundles":1}'*) ok ;;
*) bad "status after the first bundle: $(unit_status U0001)" ;;
esac
same "$(sql "SELECT count(*) FROM unit_key WHERE unit_code = 'U0001' AND state = 'bound'")" 1 key-bound
# The same bundle again: "already had it", nothing changes, no second receipt.
before=$(unit_status U0001)
expect 0 merge-duplicate $CENTRAL $C import --receipts rc "$(bundle U0001 1)"
has .out "U0001 2024 r1: already had it (the same bundle again)" merge-duplicate
has .out "1 bundles: merged 0, already had 1," merge-duplicate-summary
same "$(unit_status U0001)" "$before" duplicate-changes-nothing
same "$(sql "SELECT count(*) FROM bundle WHERE unit_code = 'U0001'")" 1 duplicate-not-stored
same "$(receipts)" 1 duplicate-no-second-receipt
# A newer revision: merged, the earlier one kept in history.
expect 0 merge-newer $CENTRAL $C import --receipts rc "$(bundle U0001 2)"
has .out "U0001 2024 r2: received and merged" merge-newer
case "$(unit_status U0001)" in
*'"state":"on_time","revision":2,'*'"bundles":2}'*) ok ;;
*) bad "status after the newer bundle: $(unit_status U0001)" ;;
esac
same "$(sql "SELECT revision, state FROM bundle WHERE unit_code = 'U0001' ORDER BY revision")" \
	"1 superseded
2 merged" history-kept
# An older revision arriving after a newer one: kept in history, not merged.
expect 0 older-first-newer $CENTRAL $C import --receipts rc "$(bundle U0002 2)"
expect 0 merge-older $CENTRAL $C import --receipts rc "$(bundle U0002 1)"
has .out "U0002 2024 r1: received, but a newer revision is held; receipt: rc/XHHT-2024-U0002-r1.receipt" merge-older
has .out "1 bundles: merged 0, already had 0, older 1," merge-older-summary
case "$(unit_status U0002)" in
*'"state":"on_time","revision":2,'*'"bundles":2}'*) ok ;;
*) bad "status after the older bundle: $(unit_status U0002)" ;;
esac
same "$(sql "SELECT state FROM bundle WHERE unit_code = 'U0002' AND revision = 1")" older older-state
# Same revision, different content: a conflict, kept aside, shown, never merged.
expect 0 conflict-first $CENTRAL $C import --receipts rc "$(bundle U0003 1)"
merged_hash=$(sql "SELECT hex(bundle_hash) FROM merged WHERE unit_code = 'U0003'")
expect 0 merge-conflict $CENTRAL $C import --receipts rc "$T/gen/XHHT-2024-U0003-r1-conflict.xhht"
has .out "U0003 2024 r1: conflict: same revision with different content" merge-conflict
has .out "receipt: rc/XHHT-2024-U0003-r1-2.receipt" conflict-receipt
has .out "1 bundles: merged 0, already had 0, older 0, conflicts 1, refused 0." merge-conflict-summary
case "$(unit_status U0003)" in
*'"state":"conflict","revision":1,'*'"bundles":2}'*) ok ;;
*) bad "status after the conflict: $(unit_status U0003)" ;;
esac
expect 0 status-text $CENTRAL $C status 2024
has .out "U0003    CONFLICT" status-shows-conflict
same "$(sql "SELECT hex(bundle_hash) FROM merged WHERE unit_code = 'U0003'")" "$merged_hash" conflict-not-merged
same "$(sql "SELECT state FROM bundle WHERE unit_code = 'U0003' ORDER BY state")" "conflict
merged" conflict-kept-aside
same "$(sql "SELECT outcome FROM audit WHERE unit_code = 'U0003' ORDER BY id")" "merged
conflict" conflict-audit

# --- the same folder twice: nothing duplicated -------------------------------------------------
mkdir twice
for u in U0004 U0005 U0006 U0007 U0008; do cp "$(bundle $u 1)" twice/; done
expect 0 folder-once $CENTRAL $C import --receipts rc twice
has .out "5 bundles: merged 5, already had 0, older 0, conflicts 0, refused 0." folder-once
expect 0 folder-twice $CENTRAL $C import --receipts rc twice
has .out "5 bundles: merged 0, already had 5, older 0, conflicts 0, refused 0." folder-twice
same "$(sql "SELECT count(*) FROM bundle WHERE unit_code BETWEEN 'U0004' AND 'U0008'")" 5 folder-no-duplicate-rows
same "$(sql "SELECT count(*) FROM audit WHERE outcome = 'merged' AND unit_code BETWEEN 'U0004' AND 'U0008'")" 5 folder-merged-once
same "$(ls rc | grep -c 'U000[4-8]')" 5 folder-one-receipt-each
"$CENTRAL" $C status 2024 --format json >st.json
same "$(grep -E '"code":"U000[4-8]"' st.json | grep -c '"state":"on_time","revision":1,.*"bundles":1}')" 5 folder-status

# --- exports: the consolidated figures are those of the merged reports -------------------------
# Computed again here from the reports the database holds (json_extract), not by the exporter.
expect 0 export-json $CENTRAL $C export 2024 --format json -o exp.json
expected=$(sql "SELECT sum(json_extract(b.report, '\$.values.\"chung.tong_so_nguoi\"')) || ',' || count(*)
	FROM merged m JOIN bundle b ON b.hash = m.bundle_hash WHERE m.year = 2024")
got=$(grep -o '"chung.tong_so_nguoi":{"sum":[0-9]*,"min":[0-9]*,"max":[0-9]*,"units":[0-9]*' exp.json |
	sed 's/.*"sum":\([0-9]*\),.*"units":\([0-9]*\)/\1,\2/')
same "$got" "$expected" export-sum-and-units
expected=$(sql "SELECT sum(json_array_length(b.report, '\$.tables.\"khen_thuong.de_nghi\"'))
	FROM merged m JOIN bundle b ON b.hash = m.bundle_hash WHERE m.year = 2024")
same "$(grep -o '{"unit":"' exp.json | wc -l | tr -d ' ')" "$expected" export-every-nomination-grouped
# The conflicting bundle of U0003 is not what the export holds: its merged revision 1 is.
same "$(grep -c '"code":"U0003"' exp.json)" 1 export-conflict-once
expect 0 export-csv $CENTRAL $C export 2024 --format csv -o exp.csv
same "$(grep -c '^U00' exp.csv)" "$(sql "SELECT count(*) FROM merged WHERE year = 2024")" export-csv-one-row-per-unit
same "$(($(wc -l <exp.khen_thuong.de_nghi.csv) - 1))" "$expected" export-csv-table-rows

# The printable consolidated report: who reported, the figures, the nominations by award (in
# Vietnamese, the language of the document).
expect 0 export-html $CENTRAL --data "$T/central" --passphrase-file "$T/cpass" export 2024 --format html -o exp.html
has exp.html "<h1>BÁO CÁO</h1>" export-html-title
has exp.html "VỤ TỔ CHỨC CÁN BỘ" export-html-issuer
received=$(sql "SELECT count(*) FROM merged WHERE year = 2024")
units=$(sql "SELECT count(*) FROM unit")
has exp.html "Đã nhận báo cáo của $received/$units đơn vị" export-html-counts
sum=$(sql "SELECT sum(json_extract(b.report, '\$.values.\"chung.tong_so_nguoi\"'))
	FROM merged m JOIN bundle b ON b.hash = m.bundle_hash WHERE m.year = 2024")
dotted=$(printf '%s' "$sum" | sed -e :a -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|\.\)/\1.\2\3/; ta')
has exp.html "<td>Tổng số CBCCVC, người lao động của đơn vị</td><td>$dotted</td>" export-html-sum
rows=$(awk '/Đề nghị khen thưởng cấp trên<\/h2>/ { f = 1 } f' exp.html | grep -c '^<tr><td>[0-9]')
same "$rows" "$expected" export-html-every-nomination
has exp.html "Bằng khen của Bộ Y tế — Cá nhân" export-html-group-names
has exp.html "Cờ thi đua của Bộ Y tế — Tập thể" export-html-group-names-2
expect 2 export-bad-format $CENTRAL $C export 2024 --format xml
has .err "export needs --format json, csv or html" export-bad-format-says

# A crash after a receipt was written but before that was recorded: the next import answers
# again under the same name, and the unit still has one receipt file.
"$DBCHECK" "$DB" --exec "DELETE FROM receipt_sent WHERE unit_code = 'U0005'" || bad "db-check --exec"
expect 0 receipt-after-crash $CENTRAL $C import --receipts rc twice
has .out "U0005 2024 r1: already had it (the same bundle again); receipt: rc/XHHT-2024-U0005-r1.receipt" receipt-after-crash
same "$(ls rc | grep -c U0005)" 1 receipt-after-crash-one-file
same "$(sql "SELECT count(*) FROM receipt_sent WHERE unit_code = 'U0005'")" 1 receipt-after-crash-recorded

# A receipt being written when its import was killed leaves its temporary file: the next import
# removes it, but not one whose writer still runs, nor anything else in the folder.
sh -c 'exit 0' &
gone=$!
wait $gone
: >"rc/XHHT-2024-U0004-r1.receipt.tmp-$gone"
: >"rc/XHHT-2024-U0005-r1.receipt.tmp-$$"
: >"rc/notes.tmp-$gone"
expect 0 sweep $CENTRAL $C import --receipts rc twice
[ ! -e "rc/XHHT-2024-U0004-r1.receipt.tmp-$gone" ] && ok || bad "sweep: a dead writer's temporary receipt is left"
[ -e "rc/XHHT-2024-U0005-r1.receipt.tmp-$$" ] && ok || bad "sweep: a live writer's temporary receipt was removed"
[ -e "rc/notes.tmp-$gone" ] && ok || bad "sweep: a file not ours was removed"
rm -f "rc/XHHT-2024-U0005-r1.receipt.tmp-$$" "rc/notes.tmp-$gone"

# --- armored bundles, as gen-bundles --armor (and xhht pack --armor) write them ---------------
"$GEN" --sample "$SAMPLE" --armor --start 31 central cpass 3 armored >/dev/null || bad "gen-bundles --armor"
head -n 1 armored/XHHT-2024-U0031-r1.xhht | grep -qx -- '-----BEGIN XHHT BUNDLE-----' && ok ||
	bad "gen-bundles --armor wrote no armor"
expect 0 armored $CENTRAL $C import armored
has .out "3 bundles: merged 3," armored

# --- a folder tree with junk: skipped, exit 0 --------------------------------------------------
mkdir -p tree/2024/thang-11/sao-luu tree/trong
cp "$(bundle U0010 1)" tree/2024/thang-11/sao-luu/
printf 'Ghi chú: báo cáo của các đơn vị.\n' >tree/README.txt
# A "photo": a JPEG header, then bytes that look random (the middle of a bundle).
{ printf '\377\330\377\340\000\020JFIF\000'; tail -c 3000 "$(bundle U0030 2)"; } >tree/2024/anh.jpg
: >tree/2024/rong.xhht
printf 'From here on, notes.\nNo mail in here.\n' >tree/thang-11-notes.txt
# Instructions that name the armor marker inside a sentence: not a bundle.
printf 'Hướng dẫn: dán khối bắt đầu bằng -----BEGIN XHHT BUNDLE----- vào thân thư.\n' >tree/huong-dan.txt
ln -s /etc tree/lien-ket
expect 0 junk-tree $CENTRAL $C import tree
has .out "1 bundles: merged 1, already had 0, older 0, conflicts 0, refused 0; skipped 5 files holding no bundle." junk-tree
has .out "tree/2024/thang-11/sao-luu/XHHT-2024-U0010-r1.xhht: U0010 2024 r1: received and merged" junk-tree-bundle
# A file the user named that holds no bundle is refused, not skipped.
expect 1 named-junk $CENTRAL $C import tree/README.txt
has .out "not-a-bundle" named-junk
expect 0 empty-folder $CENTRAL $C import tree/trong
has .out "0 bundles: merged 0" empty-folder

# --- file names that would drive the terminal: printed escaped -----------------------------
# ESC [31m would turn the terminal red and U+202E would show "…xhht.exe" as "…exe.thhx…".
ESC=$(printf '\033')
RLO=$(printf '\342\200\256')
no_raw() {
	if grep -qF -- "$ESC" "$2" || grep -qF -- "$RLO" "$2"; then bad "$1: raw ESC or U+202E in $2"; else ok; fi
}
mkdir hostile
evil="hostile/$(printf 'evil\033[31m\342\200\256thhx.xhht')"
printf 'no bundle in here\n' >"$evil"
expect 1 hostile-name $CENTRAL $C import "$evil"
has .out 'hostile/evil\x1b[31m\u202ethhx.xhht: refused' hostile-name-escaped
no_raw hostile-name .out
no_raw hostile-name .err
rm "$evil"
cp "$(bundle U0001 2)" "$evil"
expect 0 hostile-name-bundle $CENTRAL $C import hostile
has .out 'hostile/evil\x1b[31m\u202ethhx.xhht: U0001 2024 r2: already had it' hostile-name-bundle-escaped
no_raw hostile-name-bundle .out
expect 0 hostile-name-open $CENTRAL $C open "$evil"
has .out 'evil\x1b[31m\u202ethhx.xhht: valid. Unit U0001' hostile-name-open
no_raw hostile-name-open .out

# --- a bundle for another central: refused, no receipt ------------------------------------
expect 0 other-init $CENTRAL --data "$T/other" --passphrase-file cpass init
"$GEN" --sample "$SAMPLE" other cpass 1 for-other >/dev/null || bad "gen-bundles for the other central"
n=$(receipts)
expect 1 other-central $CENTRAL $C import --receipts rc for-other
has .out "(not-for-us)" other-central
has .out "1 bundles: merged 0, already had 0, older 0, conflicts 0, refused 1." other-central-summary
same "$(receipts)" "$n" other-central-no-receipt
same "$(sql "SELECT outcome, reason FROM audit ORDER BY id DESC LIMIT 1")" "refused not-for-us" other-central-audit

# --- e-mail ------------------------------------------------------------------------------------
# The encodings of each unit's revision 1 that the fixtures ask for.
mkdir enc mail
qp() { # quoted-printable (RFC 2045): "=" escaped, lines at most 76 with soft breaks
	awk '{
		gsub(/=/, "=3D")
		line = $0
		while (length(line) > 76) {
			cut = 75
			if (substr(line, cut, 1) == "=") cut -= 1
			else if (substr(line, cut - 1, 1) == "=") cut -= 2
			print substr(line, 1, cut) "="
			line = substr(line, cut + 1)
		}
		print line
	}'
}
for u in U0009 U0011 U0012 U0013 U0014 U0015 U0016 U0017 U0018 U0019 U0020 U0021 U0022 U0023 \
	U0024 U0025 U0026; do
	f=$(bundle $u 1)
	base64 -w 76 "$f" >"enc/base64-$u"
	{ echo '-----BEGIN XHHT BUNDLE-----'; base64 -w 76 "$f"; echo '-----END XHHT BUNDLE-----'; } \
		>"enc/armor-$u"
	qp <"enc/armor-$u" >"enc/qp-armor-$u"
	# A transfer that lost lines from the middle.
	awk 'NR < 5 || NR > 8' "enc/base64-$u" >"enc/base64-cut-$u"
done
# splice TEMPLATE OUTPUT: each placeholder line becomes the encoding it names, with the
# template's line ends (CRLF in a message saved from SMTP).
splice() {
	awk -v dir="$T/enc" '
	/^@@XHHT [a-z0-9-]+ [A-Z0-9]+@@\r?$/ {
		cr = sub(/\r$/, "") ? "\r" : ""
		split(substr($0, 3, length($0) - 4), f, " ")
		file = dir "/" f[2] "-" f[3]
		if ((getline line < file) <= 0) { print "splice: no " file > "/dev/stderr"; exit 1 }
		do print line cr; while ((getline line < file) > 0)
		close(file)
		next
	}
	{ print }' "$1" >"$2" || bad "splice $1"
}
cp -R "$FIX/maildir" mail/maildir
for f in "$FIX"/*.mbox "$FIX"/*.eml mail/maildir/cur/* mail/maildir/new/*; do
	case "$f" in "$FIX"/hostile-huge.eml) continue ;; esac
	out="mail/$(basename "$f")"
	case "$f" in mail/maildir/*) out="$f.spliced" ;; esac
	splice "$f" "$out"
	case "$f" in mail/maildir/*) mv "$out" "$f" ;; esac
done
grep -l '@@XHHT' mail/* mail/maildir/*/* 2>/dev/null | grep . >/dev/null && bad "placeholders left" || ok

# An mbox: a plain attachment; one inside multipart/mixed inside multipart/alternative; a
# message without a bundle, with a >From line.
expect 0 mbox $CENTRAL $C import mail/attached.mbox
has .out "mail/attached.mbox (part 2): U0011 2024 r1: received and merged" mbox-attached
has .out "mail/attached.mbox (part 2.2): U0012 2024 r1: received and merged" mbox-nested
has .out "2 bundles: merged 2, already had 0, older 0, conflicts 0, refused 0." mbox-summary
same "$(sql "SELECT message_id FROM audit WHERE unit_code = 'U0012'")" "<attached-2@xhht.test>" mbox-message-id
# Armor pasted in a quoted-printable text/plain body.
expect 0 pasted-qp $CENTRAL $C import mail/pasted.eml
has .out "mail/pasted.eml: U0013 2024 r1: received and merged" pasted-qp
# A forwarded message (message/rfc822) carrying the attachment, saved with CRLF line ends.
grep -q "$(printf '\r')$" mail/forwarded.eml && ok || bad "forwarded.eml lost its CRLF"
expect 0 forwarded $CENTRAL $C import mail/forwarded.eml
has .out "mail/forwarded.eml (part 2.2): U0014 2024 r1: received and merged" forwarded
# A maildir: one message in new/ (attached), one read in cur/ (armor pasted, 8bit).
expect 0 maildir $CENTRAL $C import mail/maildir
has .out "2 bundles: merged 2, already had 0, older 0, conflicts 0, refused 0." maildir
has .out "U0015 2024 r1: received and merged" maildir-new
has .out "U0016 2024 r1: received and merged" maildir-cur
# The same bundle three times in one mailbox (attached, pasted, pasted in quoted-printable):
# one merge; and the mailbox again: nothing new.
expect 0 same-three $CENTRAL $C import --receipts rc mail/same-three-times.mbox
has .out "3 bundles: merged 1, already had 2, older 0, conflicts 0, refused 0." same-three
expect 0 same-three-again $CENTRAL $C import --receipts rc mail/same-three-times.mbox
has .out "3 bundles: merged 0, already had 3, older 0, conflicts 0, refused 0." same-three-again
same "$(sql "SELECT count(*) FROM bundle WHERE unit_code = 'U0009'")" 1 same-three-one-row
same "$(sql "SELECT count(*) FROM audit WHERE unit_code = 'U0009' AND outcome = 'merged'")" 1 same-three-merged-once
same "$(sql "SELECT count(*) FROM audit WHERE unit_code = 'U0009' AND outcome = 'duplicate'")" 5 same-three-audited
same "$(ls rc | grep -c U0009)" 1 same-three-one-receipt
case "$(unit_status U0009)" in
*'"bundles":1}'*) ok ;;
*) bad "status of the unit sent three times: $(unit_status U0009)" ;;
esac

# --- hostile MIME ------------------------------------------------------------------------------
# Bad base64: garbage in a base64 part (skipped), a bundle with lines lost (refused as
# damaged), and a good bundle beside them (merged).
expect 1 bad-base64 $CENTRAL $C import mail/hostile-base64.eml
has .out "mail/hostile-base64.eml (part 3): refused" bad-base64-cut
has .out "(damaged)" bad-base64-damaged
has .out "mail/hostile-base64.eml (part 4): U0018 2024 r1: received and merged" bad-base64-good
has .out "2 bundles: merged 1, already had 0, older 0, conflicts 0, refused 1." bad-base64-summary
# A huge part that starts like a bundle: over 80 MiB, refused as too large; the bundle after it
# in the same message still arrives.
{ printf 'XHHTBDL\001'; head -c 83887000 /dev/zero; } | base64 -w 76 >enc/huge-base64-HUGE
splice "$FIX/hostile-huge.eml" mail/hostile-huge.eml
rm -f enc/huge-base64-HUGE
expect 1 huge-part $CENTRAL $C import mail/hostile-huge.eml
has .out "(too-large)" huge-part
has .out "U0023 2024 r1: received and merged" huge-part-next
rm -f mail/hostile-huge.eml
# Attachment names that point outside (../../etc/passwd, /tmp/..., ..\..\): the names are
# never used; the bundles are merged, and nothing is written but the database and receipts.
mkdir -p run/a/b
touch marker
existed=""
for p in /tmp/xhht-evil.xhht /tmp/xhht-evil-2 /etc/xhht-evil; do [ -e "$p" ] && existed="$existed $p"; done
(cd run/a/b && "$CENTRAL" $C import --receipts "$T/rc" "$T/mail/hostile-names.eml" >"$T/.out" 2>"$T/.err")
same "$?" 0 names-exit
has .out "3 bundles: merged 3, already had 0, older 0, conflicts 0, refused 0." names
new=$(find "$T" -newer marker ! -type d | grep -v -e "^$T/central/xhht-central\.db" -e "^$T/rc/XHHT-2024-U00[12][0-9]-r1\.receipt\$" -e "^$T/\.out\$" -e "^$T/\.err\$")
same "$new" "" names-nothing-else-written
for p in /tmp/xhht-evil.xhht /tmp/xhht-evil-2 /etc/xhht-evil "$T/etc/passwd" "$T/run/etc/passwd"; do
	case "$existed" in *"$p"*) continue ;; esac
	[ -e "$p" ] && bad "names: $p was written" || ok
done
# Deep nesting: ten levels are walked; forty are past the walker's limit (16) and not looked
# at, without harm.
expect 0 nested $CENTRAL $C import mail/hostile-nested.mbox
has .out "U0021 2024 r1: received and merged" nested-10
hasnt .out "U0020" nested-40
has .out "1 bundles: merged 1," nested-summary
# A message cut before its closing boundary: the last part still counts.
expect 0 unclosed $CENTRAL $C import mail/hostile-unclosed.eml
has .out "U0022 2024 r1: received and merged" unclosed
# Boundaries "b1" and "b10": the inner message's delimiters are not the outer one's, so the
# bundle is where the message put it, part 2 of part 1.
expect 0 prefix $CENTRAL $C import mail/hostile-prefix.eml
has .out "mail/hostile-prefix.eml (part 1.2): U0026 2024 r1: received and merged" prefix-parts

# --- all of it again, as one folder: nothing new, nothing duplicated ---------------------------
n=$(sql "SELECT count(*) FROM bundle")
expect 1 everything-again $CENTRAL $C import --receipts rc mail gen/XHHT-2024-U0001-r1.xhht twice tree
has .out "merged 0," everything-again-nothing-merged
same "$(sql "SELECT count(*) FROM bundle")" "$n" everything-again-no-rows
same "$(sql "SELECT count(*) FROM bundle GROUP BY hash HAVING count(*) > 1")" "" no-bundle-twice
same "$(sql "SELECT count(*) FROM (SELECT file_hash FROM audit WHERE outcome = 'merged' GROUP BY file_hash HAVING count(*) > 1)")" 0 no-merge-twice
expect 0 db-check "$DBCHECK" "$DB"

echo "import cli tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
