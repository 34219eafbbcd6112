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
. "$(dirname "$0")/../lib/harness.sh"
harness_start "$@"
GEN="$PWD/$BUILD/gen-bundles"
DBCHECK="$PWD/$BUILD/db-check"
RELEASE="$PWD/$BUILD/release"
FIX="$PWD/tests/fixtures/mail"
need_program "$CENTRAL" "$GEN" "$DBCHECK"
# Packed before the deadline (05/12): units that reported are on time.
export XHHT_NOW=2024-12-01T03:00:00Z
# Commands' output, read below by its relative name (the test runs in $T).
OUT="$T/.out" ERR="$T/.err"

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
# The empty file named like a bundle is a bundle cut short (refused, not skipped) and the link
# is said not to be followed: both make the exit 1.
expect 1 junk-tree $CENTRAL $C import tree
has .out "2 bundles: merged 1, already had 0, older 0, conflicts 0, refused 1; skipped 4 files holding no bundle; 1 not read." junk-tree
has .out "tree/2024/thang-11/sao-luu/XHHT-2024-U0010-r1.xhht: U0010 2024 r1: received and merged" junk-tree-bundle
has .out "tree/2024/rong.xhht: refused — named like a bundle but holds none: damaged or cut short (damaged)" junk-tree-empty-bundle
has .out "tree/lien-ket: not read — a symbolic link, not followed" junk-tree-link
rm tree/2024/rong.xhht tree/lien-ket
# A file the user named that holds no bundle is refused, not skipped.
expect 1 named-junk $CENTRAL $C import tree/README.txt
has .out "not-a-bundle" named-junk
expect 0 empty-folder $CENTRAL $C import tree/trong
has .out "0 bundles: merged 0" empty-folder

# --- file names that would drive the terminal: printed escaped -----------------------------
# ESC [31m would turn the terminal red and U+202E would show "…xhht.exe" as "…exe.thhx…".
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
# Bad base64: garbage in a base64 part named hong.xhht (a bundle damaged on the way: refused,
# not skipped), a bundle with lines lost (refused as damaged), and a good bundle beside them
# (merged). Each refusal names the part and the message, so that the unit can be called.
expect 1 bad-base64 $CENTRAL $C import mail/hostile-base64.eml
has .out "mail/hostile-base64.eml (part 2): refused — an attachment named like a bundle that holds none: damaged on the way? (damaged); Message-ID: <bad-base64@xhht.test>" bad-base64-named
has .out "mail/hostile-base64.eml (part 3): refused" bad-base64-cut
has .out "(damaged); Message-ID: <bad-base64@xhht.test>" bad-base64-damaged
has .out "mail/hostile-base64.eml (part 4): U0018 2024 r1: received and merged" bad-base64-good
has .out "3 bundles: merged 1, already had 0, older 0, conflicts 0, refused 2." bad-base64-summary
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
# at, without harm, and said so (once) with the message's Message-ID.
expect 1 nested $CENTRAL $C import mail/hostile-nested.mbox
has .out "U0021 2024 r1: received and merged" nested-10
hasnt .out "U0020" nested-40
has .out ".2.2.1): not read — e-mail nested deeper than 16 levels: this part was not looked into; Message-ID: <nested-40@xhht.test>" nested-40-said
same "$(grep -c 'not read —' .out)" 1 nested-40-said-once
has .out "1 bundles: merged 1, already had 0, older 0, conflicts 0, refused 0; 1 not read." nested-summary
# A message cut before its closing boundary: the last part still counts.
expect 0 unclosed $CENTRAL $C import mail/hostile-unclosed.eml
has .out "U0022 2024 r1: received and merged" unclosed
# Boundaries "b1" and "b10": the inner message's delimiters are not the outer one's, so the
# bundle is where the message put it, part 2 of part 1.
expect 0 prefix $CENTRAL $C import mail/hostile-prefix.eml
has .out "mail/hostile-prefix.eml (part 1.2): U0026 2024 r1: received and merged" prefix-parts

# --- a bad file does not stop the good ones, and nothing hangs ---------------------------------
# Each command that could wait forever runs under timeout: a regression fails, never hangs.
"$GEN" --sample "$SAMPLE" --start 41 central cpass 12 bad-gen >/dev/null || bad "gen-bundles for the bad files"
good() { echo "$T/bad-gen/XHHT-2024-U00$1-r1.xhht"; }
mkdir bad bad/folder
# A FIFO named on the command line between two good bundles: said, skipped, never opened to
# wait on; both bundles are merged and the run finishes with exit 1.
mkfifo bad/fifo
expect 1 fifo-named timeout 20 $CENTRAL $C import "$(good 41)" bad/fifo "$(good 42)"
has .out "bad/fifo: not read — a named pipe (FIFO), not a file" fifo-named-said
has .out "U0041 2024 r1: received and merged" fifo-named-before
has .out "U0042 2024 r1: received and merged" fifo-named-after
has .out "2 bundles: merged 2, already had 0, older 0, conflicts 0, refused 0; 1 not read." fifo-named-summary
# The same in a folder, with a good bundle beside it.
mkfifo bad/folder/a-fifo
cp "$(good 43)" bad/folder/
expect 1 fifo-folder timeout 20 $CENTRAL $C import bad/folder
has .out "bad/folder/a-fifo: not read — a named pipe (FIFO), not a file" fifo-folder-said
has .out "bad/folder/XHHT-2024-U0043-r1.xhht: U0043 2024 r1: received and merged" fifo-folder-good
rm bad/folder/a-fifo
# What is not read is named escaped, like everything else from outside.
mkfifo "bad/$(printf 'fifo\033]0;x\007\342\200\256')"
expect 1 fifo-hostile-name timeout 20 $CENTRAL $C import bad
has .out 'fifo\x1b]0;x\x07\u202e: not read' fifo-hostile-name-escaped
if grep -q "$(printf '\033')" .out; then bad "fifo-hostile-name: a raw ESC in the output"; else ok; fi
rm bad/fifo?*
# A device named on the command line, a socket in a folder.
expect 1 device-named timeout 20 $CENTRAL $C import /dev/null "$(good 44)"
has .out "/dev/null: not read — a device, not a file" device-named
has .out "U0044 2024 r1: received and merged" device-named-good
if perl -MSocket -e 'socket(S, PF_UNIX, SOCK_STREAM, 0) && bind(S, sockaddr_un($ARGV[0])) or exit 1' bad/folder/sock 2>/dev/null; then
	expect 1 socket-folder timeout 20 $CENTRAL $C import bad/folder
	has .out "bad/folder/sock: not read — a socket, not a file" socket-folder
	has .out "U0043 2024 r1: already had it" socket-folder-good
	rm -f bad/folder/sock
else
	echo "import.sh: no perl to make a socket: the socket case is not run" >&2
fi
# A path that is not there is said and skipped too; named like a bundle, it is refused.
expect 1 missing-named timeout 20 $CENTRAL $C import bad/nothing-here "$(good 45)" bad/XHHT-2024-U0099-r1.xhht
has .out "bad/nothing-here: not read — No such file or directory" missing-named
has .out "U0045 2024 r1: received and merged" missing-named-good
has .out "bad/XHHT-2024-U0099-r1.xhht: refused — named like a bundle but cannot be read: No such file or directory (damaged)" missing-bundle-named
# A link in a folder is not followed (not even to a bundle), and said.
mkdir bad/links
ln -s "$(good 46)" bad/links/XHHT-2024-U0046-r1.xhht
expect 1 link-folder timeout 20 $CENTRAL $C import bad/links
has .out "bad/links/XHHT-2024-U0046-r1.xhht: refused — named like a bundle but cannot be read: a symbolic link, not followed (damaged)" link-folder
hasnt .out "U0046 2024 r1" link-folder-not-followed
# Bundles damaged on the way, in a folder: one with bytes put in front (no longer starting with
# the magic), one named XHHT-... without the extension holding text, one cut short under
# another name (it starts with the magic). Each is refused by name, none skipped; the good
# bundle beside them is merged; the audit log has each refusal.
mkdir bad/damaged
{ printf '\357\273\277'; cat "$(good 47)"; } >bad/damaged/XHHT-2024-U0047-r1.xhht
printf 'Xin gửi báo cáo.\n' >bad/damaged/XHHT-2024-U0048-r1
head -c 300 "$(good 49)" >bad/damaged/bao-cao.dat
cp "$(good 50)" bad/damaged/
n=$(sql "SELECT count(*) FROM audit WHERE outcome = 'refused'")
expect 1 damaged-folder timeout 20 $CENTRAL $C import bad/damaged
has .out "bad/damaged/XHHT-2024-U0047-r1.xhht: refused — named like a bundle but holds none: damaged or cut short (damaged)" damaged-prefixed
has .out "bad/damaged/XHHT-2024-U0048-r1: refused — named like a bundle but holds none" damaged-no-extension
has .out "bad/damaged/bao-cao.dat: refused" damaged-magic-other-name
has .out "U0050 2024 r1: received and merged" damaged-folder-good
has .out "4 bundles: merged 1, already had 0, older 0, conflicts 0, refused 3." damaged-folder-summary
same "$(sql "SELECT count(*) FROM audit WHERE outcome = 'refused'")" "$((n + 3))" damaged-audited
# A receipts file beside them is no bundle, whatever its name.
cp rc/XHHT-2024-U0001-r1.receipt bad/damaged/
expect 1 receipt-not-bundle timeout 20 $CENTRAL $C import bad/damaged
hasnt .out "XHHT-2024-U0001-r1.receipt" receipt-not-bundle
has .out "skipped 1 files holding no bundle" receipt-not-bundle-skipped
# An e-mail with more parts than the walker takes (1000): the rest is said not to be looked at;
# the bundle in the first part is merged.
{
	printf 'From: tccb@bvdkminhhoa.vn\nMessage-ID: <many-parts@xhht.test>\nMIME-Version: 1.0\n'
	printf 'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: application/octet-stream\n'
	printf 'Content-Transfer-Encoding: base64\n\n'
	base64 -w 76 "$(good 48)"
	i=0
	while [ $i -lt 1005 ]; do printf -- '--b\nContent-Type: text/plain\n\n%d\n' $i; i=$((i + 1)); done
	printf -- '--b--\n'
} >bad/many-parts.eml
expect 1 many-parts timeout 20 $CENTRAL $C import bad/many-parts.eml
has .out "bad/many-parts.eml (part 1001): not read — e-mail with more than 1000 parts: this part and the rest were not looked into; Message-ID: <many-parts@xhht.test>" many-parts
has .out "bad/many-parts.eml (part 1): U0048 2024 r1: received and merged" many-parts-first
# A folder nested deeper than the walker's limit (32) is said, not silently left.
d=bad/deep
for i in $(seq 34); do d=$d/d; done
mkdir -p "$d"
cp "$(good 51)" "$d/"
expect 1 deep-folder timeout 20 $CENTRAL $C import bad/deep
has .out ": not read — folder nested deeper than 32 levels: not looked into" deep-folder
hasnt .out "U0051" deep-folder-not-walked
# A file that cannot be read (mode 000) named and in a folder: said, and the rest goes on. Root
# reads any file, so as root this runs as nobody on a copy of the central, when it can.
mkdir bad/locked
cp "$(good 51)" bad/locked/
printf 'x\n' >bad/locked/khoa.txt
chmod 000 bad/locked/khoa.txt
as=""
if [ "$(id -u)" -eq 0 ]; then
	if setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$CENTRAL" 2>/dev/null; then
		as="setpriv --reuid=65534 --regid=65534 --clear-groups"
		cp -R central central-nobody
		cp cpass cpass-nobody
		chown -R 65534:65534 central-nobody cpass-nobody bad/locked
		chmod 755 "$T" bad
	fi
fi
if [ "$(id -u)" -ne 0 ] || [ -n "$as" ]; then
	CN="--lang en --data $T/central-nobody --passphrase-file $T/cpass-nobody"
	[ -n "$as" ] || CN=$C
	expect 1 unreadable timeout 20 $as $CENTRAL $CN import bad/locked/khoa.txt bad/locked
	has .out "bad/locked/khoa.txt: not read — Permission denied" unreadable
	has .out "bad/locked/XHHT-2024-U0051-r1.xhht: U0051 2024 r1: received and merged" unreadable-good
	chmod 700 "$T"
else
	echo "import.sh: root without setpriv: the unreadable-file case is not run" >&2
fi
# A receipts folder that cannot be written: the merge is committed and said to be, with the
# folder named; importing again once it can be written writes the receipt. (/sys takes no new
# file, not even from root.)
ro=/sys
if [ "$(id -u)" -ne 0 ]; then mkdir bad/ro && chmod 555 bad/ro && ro=bad/ro; fi
expect 2 receipts-unwritable timeout 20 $CENTRAL $C import --receipts "$ro" "$(good 52)"
has .out "U0052 2024 r1: received and merged" receipts-unwritable-result
has .err "U0052 2024 r1: received and merged, and recorded in the database; but its receipt could not be written in the folder $ro (" receipts-unwritable-says-merged
same "$(sql "SELECT revision FROM merged WHERE unit_code = 'U0052'")" 1 receipts-unwritable-merged
expect 0 receipts-later timeout 20 $CENTRAL $C import --receipts rc "$(good 52)"
has .out "U0052 2024 r1: already had it (the same bundle again); receipt: rc/XHHT-2024-U0052-r1.receipt" receipts-later
# A full disk is called one, naming the receipts folder or the database (a small file system
# of its own, where this system lets a test mount one).
if unshare -m true 2>/dev/null; then
	mkdir full
	expect 2 full-receipts timeout 20 unshare -m sh -c 'mount -t tmpfs -o size=16k tmpfs "$1" || exit 3
		dd if=/dev/zero of="$1/fill" bs=4k 2>/dev/null; shift; exec "$@"' sh "$T/full" \
		$CENTRAL $C import --receipts "$T/full" "$(good 45)" 
	has .err "disk full — receipts folder $T/full: cannot write $T/full/XHHT-2024-U0045-r1.receipt" full-receipts
	has .err "U0045 2024 r1: already had it" full-receipts-says-recorded
	# The database on a file system with room for it and 128 KiB more, and twice that in
	# bundles to import.
	"$GEN" --sample "$SAMPLE" --attachments 3 --start 61 central cpass 30 big-gen >/dev/null ||
		bad "gen-bundles for the full database"
	expect 2 full-database timeout 60 unshare -m sh -c 'size=$(du -sk "$2" | cut -f1)
		mount -t tmpfs -o size=$((size + 128))k tmpfs "$1" || exit 3
		cp -R "$2" "$1/c" || exit 3; shift 2; exec "$@"' sh "$T/full" "$T/central" \
		$CENTRAL --lang en --data "$T/full/c" --passphrase-file "$T/cpass" import big-gen
	has .err "disk full — database $T/full/c/xhht-central.db: " full-database
else
	echo "import.sh: no mount namespace: the full-disk cases are not run" >&2
fi

# --- all of it again, as one folder: nothing new, nothing duplicated ---------------------------
n=$(sql "SELECT count(*) FROM bundle")
expect 1 everything-again $CENTRAL $C import --receipts rc mail gen/XHHT-2024-U0001-r1.xhht twice tree
has .out "merged 0," everything-again-nothing-merged
same "$(sql "SELECT count(*) FROM bundle")" "$n" everything-again-no-rows
same "$(sql "SELECT count(*) FROM bundle GROUP BY hash HAVING count(*) > 1")" "" no-bundle-twice
same "$(sql "SELECT count(*) FROM (SELECT file_hash FROM audit WHERE outcome = 'merged' GROUP BY file_hash HAVING count(*) > 1)")" 0 no-merge-twice
expect 0 db-check "$DBCHECK" "$DB"

# --- on time means on time: the central's clock, or its mail server's, never the unit's ----------
# Deadline 05/12/2024 24:00 Vietnam time = 2024-12-05T17:00:00Z. U0141..U0146 are packed on
# 01/12 by the unit's clock (a clerk who set it back, or a right one), U0147 on 10/12 (a clock
# ahead). The importer's clock is XHHT_NOW of each import.
XHHT_NOW=2024-12-01T03:00:00Z "$GEN" --sample "$SAMPLE" --start 141 central cpass 6 clock >/dev/null ||
	bad "gen-bundles for the clock tests"
XHHT_NOW=2024-12-10T00:00:00Z "$GEN" --sample "$SAMPLE" --start 147 central cpass 1 clock >/dev/null ||
	bad "gen-bundles for the clock tests (ahead)"
cb() { echo "$T/clock/XHHT-2024-$1-r1.xhht"; }
# mbox FILE UNIT HEADER...: one message with the headers given (topmost first), the bundle
# pasted as armor in its body.
mbox() {
	f=$1 u=$2
	shift 2
	{
		echo "From MAILER-DAEMON Sat Dec  7 02:00:00 2024"
		for h in "$@"; do echo "$h"; done
		echo "From: van-thu@$u.example"
		echo "To: thi-dua@moh.example"
		echo "Subject: Bao cao nam 2024"
		echo "Message-ID: <clock-$u@xhht.test>"
		echo
		echo '-----BEGIN XHHT BUNDLE-----'
		base64 -w 76 "$(cb "$u")"
		echo '-----END XHHT BUNDLE-----'
	} >"$f"
}
late_json() { unit_status "$1" | sed 's/.*"state":"\([a-z_]*\)".*"packed_at":"\([^"]*\)".*"observed_at":"\([^"]*\)","observed_by":"\([a-z]*\)","clock_skew":\([a-z]*\).*/\1 \2 \3 \4 \5/'; }
# A backdated clerk's clock: packed "on 01/12", imported from a file on 07/12: late.
expect 0 backdated-import env XHHT_NOW=2024-12-07T02:00:00Z $CENTRAL $C import "$(cb U0141)"
same "$(late_json U0141)" "late 2024-12-01T03:00:00Z 2024-12-07T02:00:00Z import false" backdated-late
# Received by the Ministry's mail server on 04/12 (its Received: field, the topmost), imported
# on 07/12: on time. Packed three days before the mail server had it: clock skew shown.
mbox mail-on-time.mbox U0142 \
	"Received: from mx.u0042.example by mx.moh.example (Postfix) with ESMTPS id 4Y1;" \
	"	Wed, 4 Dec 2024 09:00:00 +0700 (ICT)" \
	"Received: from pc by mx.u0042.example; Sun, 1 Dec 2024 10:00:00 +0700" \
	"Date: Wed, 4 Dec 2024 08:59:00 +0700"
expect 0 mail-on-time env XHHT_NOW=2024-12-07T02:00:00Z $CENTRAL $C import mail-on-time.mbox
same "$(late_json U0142)" "on_time 2024-12-01T03:00:00Z 2024-12-04T02:00:00Z mail true" mail-received-on-time
# A Date: and a mail server's time later than the import: the import is the observed time.
mbox mail-future.mbox U0143 \
	"Received: from mx.u0043.example by mx.moh.example; Fri, 20 Dec 2024 10:00:00 +0700" \
	"Date: Sat, 21 Dec 2024 10:00:00 +0700"
expect 0 mail-future env XHHT_NOW=2024-12-05T10:00:00Z $CENTRAL $C import mail-future.mbox
same "$(late_json U0143)" "on_time 2024-12-01T03:00:00Z 2024-12-05T10:00:00Z import false" mail-never-after-import
# What the sender writes (Date:, the Received: fields below the topmost) is not believed: sent
# after the deadline with an early Date: and a forged early hop, it is late (and packed six
# days before the mail server had it: clock skew).
mbox mail-forged.mbox U0144 \
	"Received: from mx.u0044.example by mx.moh.example; Sat, 7 Dec 2024 09:00:00 +0700" \
	"Received: from pc by mx.u0044.example; Mon, 2 Dec 2024 08:00:00 +0700" \
	"Date: Mon, 2 Dec 2024 07:59:00 +0700"
expect 0 mail-forged env XHHT_NOW=2024-12-08T02:00:00Z $CENTRAL $C import mail-forged.mbox
same "$(late_json U0144)" "late 2024-12-01T03:00:00Z 2024-12-07T02:00:00Z mail true" mail-date-not-believed
# A mail server's time before the unit was even registered here is wrong: the import counts.
mbox mail-absurd.mbox U0145 "Received: by mx.moh.example; Mon, 1 Jan 2024 09:00:00 +0700"
expect 0 mail-absurd env XHHT_NOW=2024-12-07T02:00:00Z $CENTRAL $C import mail-absurd.mbox
same "$(late_json U0145)" "late 2024-12-01T03:00:00Z 2024-12-07T02:00:00Z import false" mail-before-registration
# Imported from a file after the deadline (late), then found in the mailbox the Ministry's
# server received it in on 03/12: the earlier observation counts.
expect 0 file-then-mail env XHHT_NOW=2024-12-07T02:00:00Z $CENTRAL $C import "$(cb U0146)"
mbox mail-earlier.mbox U0146 "Received: by mx.moh.example; Tue, 3 Dec 2024 09:00:00 +0700"
expect 0 mail-earlier env XHHT_NOW=2024-12-08T02:00:00Z $CENTRAL $C import mail-earlier.mbox
has .out "U0146 2024 r1: already had it" mail-earlier-duplicate
same "$(late_json U0146)" "on_time 2024-12-01T03:00:00Z 2024-12-03T02:00:00Z mail false" mail-earlier-counts
# A clock ahead: packed "on 10/12", imported on 04/12: on time, clock skew shown.
expect 0 ahead-import env XHHT_NOW=2024-12-04T00:00:00Z $CENTRAL $C import "$(cb U0147)"
same "$(late_json U0147)" "on_time 2024-12-10T00:00:00Z 2024-12-04T00:00:00Z import true" ahead-on-time-skew
# The same in the text and CSV formats.
expect 0 clock-status-text $CENTRAL $C status 2024
grep '^U0142 ' .out >line.txt
has line.txt "on time" clock-text-on-time
has line.txt "mail server received 04/12/2024 09:00" clock-text-mail-server
has line.txt "CLOCK SKEW" clock-text-skew
grep '^U0141 ' .out >line.txt
has line.txt "LATE" clock-text-late
hasnt line.txt "CLOCK SKEW" clock-text-no-skew
has .out "Clock skew at 3 units" clock-text-legend
expect 0 clock-status-csv $CENTRAL $C status 2024 --format csv
has .out "unit_code,unit_name,state,revision,packed_at,imported_at,receipt_sent,bundles,observed_at,observed_by,clock_skew" clock-csv-header
same "$(grep '^U0147,' .out | tr -d '\r' | cut -d, -f3,9-)" "on_time,2024-12-04T00:00:00Z,import,yes" clock-csv-skew
same "$(grep '^U0141,' .out | tr -d '\r' | cut -d, -f3,9-)" "late,2024-12-07T02:00:00Z,import,no" clock-csv-late

# --- the installed programs (make release, make install) have no test clock ------------------
# The test builds read $XHHT_NOW (this script relies on it); the release builds do not even
# hold the name, and a release central importing under XHHT_NOW writes today's time.
[ -x "$RELEASE/xhht-central" ] && [ -x "$RELEASE/xhht" ] && ok || bad "no release build in $RELEASE (make release)"
same "$(grep -ac XHHT_NOW "$CENTRAL")" 1 test-build-has-test-clock
for p in "$RELEASE/xhht-central" "$RELEASE/xhht"; do
	same "$(grep -ac -e XHHT_NOW -e XHHT_TODAY "$p")" 0 "release-no-test-clock $(basename "$p")"
done
expect 0 release-init env XHHT_NOW=2024-12-01T03:00:00Z XHHT_TODAY=2024-12-01 "$RELEASE/xhht-central" \
	--data "$T/rel" --passphrase-file cpass init
"$GEN" --sample "$SAMPLE" rel cpass 1 rel-gen >/dev/null || bad "gen-bundles for the release central"
expect 0 release-import env XHHT_NOW=2024-12-01T03:00:00Z "$RELEASE/xhht-central" --data "$T/rel" \
	--passphrase-file cpass import rel-gen
same "$("$DBCHECK" "$T/rel/xhht-central.db" --sql "SELECT substr(imported_at, 1, 10) FROM bundle")" \
	"$(date -u +%Y-%m-%d)" release-import-time-is-now

harness_end
