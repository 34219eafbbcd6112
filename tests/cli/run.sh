#!/bin/sh
# run.sh: command-line tests of xhht and xhht-central: exit codes, messages, files written,
# and a corpus of malformed reports that must be refused leaving the database unchanged.
# Usage: tests/cli/run.sh BUILD_DIR
set -u
. "$(dirname "$0")/../lib/harness.sh"
harness_start "$@"
harness_wine
need_program "$XHHT" "$CENTRAL"
export XHHT_TODAY=2024-12-01

# --- usage and environment ---------------------------------------------------------------
expect 0 version "$XHHT" --version; has "$T/out" "xhht 0." version
expect 0 help "$XHHT" --help; has "$T/out" "xhht load NĂM" help-vi
expect 0 help-en "$XHHT" --lang en --help; has "$T/out" "xhht load YEAR" help-en
expect 0 central-version "$CENTRAL" --version; has "$T/out" "xhht-central" central-version
expect 0 central-help "$CENTRAL" --help
expect 2 central-unknown "$CENTRAL" --data "$T/c" frobnicate; one_line central-unknown
expect 2 unknown-command "$XHHT" --data "$T/d" frobnicate; one_line unknown-command
has "$T/err" "frobnicate" unknown-command
expect 2 unknown-option "$XHHT" --data "$T/d" --frob status; one_line unknown-option
expect 2 missing-value "$XHHT" --data; one_line missing-value
# Each command takes only its own options (plus those of every command), and its help comes
# from the program's table of commands.
expect 2 option-not-taken "$XHHT" --data "$T/d" load 2024 "$SAMPLE" --armor; one_line option-not-taken
has "$T/err" 'lệnh "load" không nhận tùy chọn --armor' option-not-taken-says
expect 2 option-not-taken-receipts "$XHHT" --data "$T/d" load 2024 "$SAMPLE" --receipts "$T/x"
[ -e "$T/d" ] && bad "a refused option still ran the command" || ok
expect 2 status-no-output "$XHHT" --data "$T/d" status -o "$T/status.txt"; one_line status-no-output
[ -e "$T/status.txt" ] && bad "status -o wrote a file" || ok
expect 2 central-option-not-taken "$CENTRAL" --data "$T/c" --lang en unit list --armor
has "$T/err" 'the command "unit list" takes no option --armor' central-option-not-taken-says
expect 2 too-many-operands "$XHHT" --data "$T/d" check 2024 2025; one_line too-many-operands
has "$T/err" "cách dùng: xhht check NĂM" too-many-operands-usage
expect 2 subcommand-missing "$CENTRAL" --data "$T/c" unit; has "$T/err" "unit add|import|list|show|confirm|revoke" subcommand-missing
expect 0 help-pack-options "$XHHT" --lang en pack --help
has "$OUT" "Usage: xhht pack YEAR|YEAR-YEAR [-o DIR] [--armor] [--accept-warnings]" help-pack-synopsis
has "$OUT" "--accept-warnings" help-pack-option

# command_table PROGRAM COMMAND...: the program's --help lists exactly these commands; each
# command's --help (in both languages) gives the synopsis the program's --help gives it; and
# every option that is neither the command's own (its --help lists them) nor every command's
# is refused before anything runs: exit 2, one line naming the command and the option.
command_table() {
	prog=$1
	pname=$(basename "$prog")
	shift
	"$prog" --lang en --help >"$T/help-all"
	sed -n "s/^  $pname \([a-z][a-z]*\( [a-z][a-z]*\)\{0,1\}\).*/\1/p" "$T/help-all" |
		sed 's/ [A-Z].*//' >"$T/help-commands"
	printf '%s\n' "$@" >"$T/want-commands"
	cmp -s "$T/help-commands" "$T/want-commands" && ok ||
		bad "$pname --help lists $(tr '\n' ',' <"$T/help-commands"), wanted $*"
	for cmd in "$@"; do
		tag=$pname-$(printf '%s' "$cmd" | tr ' ' -)
		# shellcheck disable=SC2086
		expect 0 "help-$tag" "$prog" $cmd --help
		has "$OUT" "Cách dùng: $pname $cmd" "help-$tag-usage-vi"
		# shellcheck disable=SC2086
		expect 0 "help-$tag-en" "$prog" --lang en $cmd --help
		cp "$OUT" "$T/help-cmd"
		synopsis=$(sed -n '1s/^Usage: //p' "$T/help-cmd")
		grep -qF -- "  $synopsis" "$T/help-all" && ok ||
			bad "help-$tag: \"$synopsis\" is not what $pname --help gives"
		refused=0
		for opt in -o --format --receipts --code --armor --accept-warnings --new-central-key \
			--new-passphrase-file --from --keep-figures --email --approve --needs-fixing --comment --reason --year --years \
			--dry-run --refill; do
			grep -qF -- "  $opt " "$T/help-cmd" && continue
			case $opt in --armor | --accept-warnings | --new-central-key | --keep-figures | --approve | --needs-fixing | --dry-run | --refill) value= ;; *) value=x ;; esac
			# shellcheck disable=SC2086
			expect 2 "$tag-refuses$opt" "$prog" --data "$T/never" --lang en $cmd $opt $value
			one_line "$tag-refuses$opt"
			has "$ERR" "the command \"$cmd\" takes no option $opt" "$tag-refuses$opt-says"
			refused=$((refused + 1))
		done
		[ "$refused" -gt 0 ] && ok || bad "$tag: every option is its own?"
	done
	[ -e "$T/never" ] && bad "$pname: a refused option made a data folder" || ok
}
command_table "$XHHT" edit status new phase load check export enroll attach pack receipt "template install" \
	"template list" "template move" passphrase "key new"
command_table "$CENTRAL" init "unit add" "unit import" "unit list" "unit show" "unit confirm" \
	"unit revoke" enroll open import status export proposals remind review history diff settle log \
	"template publish" "template list" passphrase
# --passphrase-file is every command's, as $XHHT_PASSPHRASE_FILE is.
printf 'khong dung\n' >"$T/unused-pass"
expect 0 passphrase-file-everywhere "$XHHT" --data "$T/pf" --passphrase-file "$T/unused-pass" load 2024 "$SAMPLE"
expect 2 bad-lang "$XHHT" --lang fr status
expect 2 load-no-operands "$XHHT" --data "$T/d" load; one_line load-no-operands
expect 2 bad-year "$XHHT" --data "$T/d" check 24; one_line bad-year
expect 2 export-no-format "$XHHT" --data "$T/d" export 2024
expect 2 missing-file "$XHHT" --data "$T/d" load 2024 "$T/nonexistent.json"; one_line missing-file
has "$T/err" "nonexistent.json" missing-file
# What the system said, in the interface language (errno_text).
has "$T/err" "không có tệp hoặc thư mục này" missing-file-vietnamese
expect 2 missing-file-en "$XHHT" --lang en --data "$T/d" load 2024 "$T/nonexistent.json"
has "$T/err" "No such file or directory" missing-file-english
: >"$T/file"
expect 2 data-is-a-file "$XHHT" --data "$T/file" status; one_line data-is-a-file
mkdir -p "$T/notdb"
echo "this is not a database, just text that happens to be long enough to fill a header" \
	>"$T/notdb/xhht.db"
expect 2 not-a-database "$XHHT" --data "$T/notdb" status; one_line not-a-database
has "$T/err" "xhht.db" not-a-database

# --- data folder resolution ----------------------------------------------------------------
expect 0 xhht-data-env env XHHT_DATA="$T/envdata" "$XHHT" load 2024 "$SAMPLE"
[ -f "$T/envdata/xhht.db" ] && ok || bad "XHHT_DATA folder not used"
if posix_only "XDG_DATA_HOME (Windows: %LOCALAPPDATA%\\xhht)"; then
	expect 0 xdg-data env XDG_DATA_HOME="$T/xdg" "$XHHT" load 2024 "$SAMPLE"
	[ -f "$T/xdg/xhht/xhht.db" ] && ok || bad "XDG_DATA_HOME/xhht not used"
	has "$T/err" "$T/xdg/xhht" xdg-data-said-where
fi
expect 0 flag-wins env XHHT_DATA="$T/ignored" "$XHHT" --data "$T/flag" load 2024 "$SAMPLE"
[ -f "$T/flag/xhht.db" ] && [ ! -e "$T/ignored" ] && ok || bad "--data does not win over XHHT_DATA"

# --- data folders are never guessed (issue 9, point 7) -------------------------------------
# Only the commands that start a folder create one, after saying where; the others name the
# missing folder and create nothing.
for cmd in "status" "check 2024" "export 2024 --format json" "attach 2024 $SAMPLE" "pack 2024" \
	"receipt $SAMPLE" "passphrase" "key new"; do
	# shellcheck disable=SC2086
	expect 2 "missing-folder-$cmd" "$XHHT" --data "$T/typo" $cmd
	one_line "missing-folder-$cmd"
	has "$T/err" "$T/typo" "missing-folder-$cmd"
	has "$T/err" "(xhht enroll TỆP, xhht load hoặc xhht toàn màn hình tạo thư mục mới)" "missing-folder-$cmd-step"
	[ ! -e "$T/typo" ] && ok || bad "missing-folder-$cmd: the folder was created"
done
for cmd in "status 2024" "export 2024 --format json" "unit list" "unit add BVDKM x" \
	"enroll BVDKM -o $T/x.enr" "import $T" "passphrase"; do
	# shellcheck disable=SC2086
	expect 2 "central-missing-folder-$cmd" "$CENTRAL" --data "$T/typo" $cmd
	one_line "central-missing-folder-$cmd"
	has "$T/err" "$T/typo" "central-missing-folder-$cmd"
	has "$T/err" "(xhht-central init tạo thư mục mới)" "central-missing-folder-$cmd-step"
	[ ! -e "$T/typo" ] && ok || bad "central-missing-folder-$cmd: the folder was created"
done
expect 0 load-starts-folder "$XHHT" --data "$T/fresh/sub" load 2024 "$SAMPLE"
has "$T/err" "$T/fresh/sub" load-starts-folder
[ -f "$T/fresh/sub/xhht.db" ] && ok || bad "load did not start the folder"
expect 0 load-existing-folder-quiet "$XHHT" --data "$T/fresh/sub" load 2024 "$SAMPLE"
[ -s "$T/err" ] && bad "load into an existing folder said something: $(cat "$T/err")" || ok
# An empty or missing database beside a key is refused, never made again from nothing.
mkdir -p "$T/keyonly"
: >"$T/keyonly/unit-0123456789abcdef.key"
for cmd in "status" "load 2024 $SAMPLE" "check 2024"; do
	# shellcheck disable=SC2086
	expect 2 "key-without-db-$cmd" "$XHHT" --data "$T/keyonly" $cmd
	one_line "key-without-db-$cmd"
	has "$T/err" "xhht.db" "key-without-db-$cmd"
	has "$T/err" "unit-0123456789abcdef.key" "key-without-db-$cmd"
	[ ! -e "$T/keyonly/xhht.db" ] && ok || bad "key-without-db-$cmd: a database was started"
done
: >"$T/keyonly/xhht.db"
expect 2 key-empty-db "$XHHT" --data "$T/keyonly" load 2024 "$SAMPLE"; one_line key-empty-db
[ ! -s "$T/keyonly/xhht.db" ] && ok || bad "key-empty-db: the empty database was filled"

# --- load, check, export round trip ------------------------------------------------------
D="$T/d"
mkdir "$D"
expect 0 status-empty "$XHHT" --data "$D" status; has "$T/out" "chưa đăng ký" status-unenrolled
expect 1 check-nothing "$XHHT" --data "$D" check 2024; has "$T/err" "2024" check-nothing
[ -z "$(ls -A "$D")" ] && ok || bad "read-only commands wrote into an empty folder: $(ls -A "$D")"
expect 0 load "$XHHT" --data "$D" load 2024 "$SAMPLE"; has "$T/out" "0 lỗi, 0 cảnh báo" load
# Clean but for the place name of the date line, a setting: the printed report would show dots
# there, so the check warns and names the setting (set, the check is clean: tests/tui/print.sh).
expect 0 check "$XHHT" --data "$D" check 2024; has "$T/out" "không có lỗi, 1 cảnh báo" check
has "$T/out" "cảnh báo: [Cài đặt] unit.place: chưa đặt địa danh" check-place-warning
has "$T/out" "mục Cài đặt" check-place-where
expect 0 check-en "$XHHT" --data "$D" --lang en check 2024; has "$T/out" "no errors, 1 warnings" check-en
has "$T/out" "warning: [Settings] unit.place: no place name is set" check-en-place-warning
expect 0 status "$XHHT" --data "$D" status; has "$T/out" "30/30" status-progress
expect 0 export "$XHHT" --data "$D" export 2024 --format json; cp "$T/out" "$T/export1.json"
has "$T/export1.json" '"chung.nguoi_ky"' export
has "$T/export1.json" '"khen_thuong.de_nghi"' export-tables
expect 0 export-file "$XHHT" --data "$D" export 2024 --format json -o "$T/export2.json"
cmp -s "$T/export1.json" "$T/export2.json" && ok || bad "export -o differs from stdout"
expect 2 export-bad-dir "$XHHT" --data "$D" export 2024 --format json -o "$T/no/such/dir/x.json"
one_line export-bad-dir
# The printable report (Decree 30 layout) and the CSV for Excel.
expect 0 export-html "$XHHT" --data "$D" export 2024 --format html -o "$T/report.html"
has "$T/report.html" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" html-national-heading
has "$T/report.html" "Độc lập - Tự do - Hạnh phúc" html-motto
has "$T/report.html" "BỆNH VIỆN ĐA KHOA MINH HÒA" html-unit-upper
has "$T/report.html" "ngày 25 tháng 11 năm 2024" html-date-line
has "$T/report.html" "<th>TT</th>" html-table
has "$T/report.html" "Nơi nhận:" html-recipients
has "$T/report.html" "@page" html-a4
expect 0 export-csv "$XHHT" --data "$D" export 2024 --format csv -o "$T/report.csv"
head -c 3 "$T/report.csv" | od -An -tx1 | grep -q "ef bb bf" && ok || bad "unit CSV has no BOM"
has "$T/report.csv" "khen_thuong.de_nghi,1,doi_tuong" csv-table-long-form
expect 2 export-bad-format "$XHHT" --data "$D" export 2024 --format pdf; one_line export-bad-format
# What export gives, load takes back unchanged.
expect 0 reload "$XHHT" --data "$T/d2" load 2024 "$T/export1.json"
expect 0 reexport "$XHHT" --data "$T/d2" export 2024 --format json -o "$T/export3.json"
cmp -s "$T/export1.json" "$T/export3.json" && ok || bad "export → load → export is not stable"
expect 1 wrong-year "$XHHT" --data "$D" load 2023 "$SAMPLE"; one_line wrong-year
has "$T/err" "2024" wrong-year

# --- a year's report started from another year's: xhht new ----------------------------------
N="$T/new"
expect 0 new-base "$XHHT" --data "$N" load 2024 "$SAMPLE"
expect 0 new-from "$XHHT" --data "$N" new 2025 --from 2024
has "$T/out" "Đã bắt đầu báo cáo năm 2025: chép từ năm 2024, xóa số liệu và ngày tháng." new-from
expect 0 new-from-export "$XHHT" --data "$N" export 2025 --format json
has "$T/out" '"chung.nguoi_ky": "Trần Quốc Khánh"' new-text-copied
has "$T/out" '"ten": "Mười lăm phút học mỗi sáng"' new-table-copied
has "$T/out" '"revision": 0' new-revision-0
hasnt "$T/out" '"chung.tong_so_nguoi"' new-int-cleared
hasnt "$T/out" '"nguon_luc.kinh_phi"' new-money-cleared
hasnt "$T/out" '"chung.ngay_bao_cao"' new-date-cleared
expect 0 new-keep "$XHHT" --data "$N" new 2026 --from 2024 --keep-figures
expect 0 new-keep-export "$XHHT" --data "$N" export 2026 --format json
has "$T/out" '"chung.tong_so_nguoi": 1260' new-int-kept
has "$T/out" '"nguon_luc.kinh_phi": 3450000000' new-money-kept
hasnt "$T/out" '"chung.ngay_bao_cao"' new-keep-date-cleared
expect 1 new-again "$XHHT" --data "$N" new 2025 --from 2024; one_line new-again
has "$T/err" "đã có báo cáo năm 2025" new-again
expect 0 new-again-unchanged "$XHHT" --data "$N" export 2025 --format json
hasnt "$T/out" '"chung.tong_so_nguoi"' new-again-unchanged
expect 1 new-from-none "$XHHT" --data "$N" new 2027 --from 2020; one_line new-from-none
has "$T/err" "2020" new-from-none
expect 1 new-from-none-stored-nothing "$XHHT" --data "$N" export 2027 --format json
expect 2 new-keep-alone "$XHHT" --data "$N" new 2027 --keep-figures; one_line new-keep-alone
expect 0 new-empty "$XHHT" --data "$N" new 2023
expect 0 new-empty-export "$XHHT" --data "$N" export 2023 --format json
has "$T/out" '"year": 2023' new-empty-stored
hasnt "$T/out" '"chung.nguoi_ky"' new-empty-is-empty

# --- check finds errors and warnings, exit 1 only on errors --------------------------------
sed 's/"dao_tao.luot_ngoai_ngu": *[0-9]*/"dao_tao.luot_ngoai_ngu": 99999999/' "$SAMPLE" >"$T/err.json"
expect 0 load-with-errors "$XHHT" --data "$T/e" load 2024 "$T/err.json"
expect 1 check-errors "$XHHT" --data "$T/e" check 2024
has "$T/out" "lỗi: [" check-errors
has "$T/out" "dao_tao.luot_ngoai_ngu" check-errors-field
has "$T/out" "99.999.999" check-errors-number
sed 's/"chung.ngay_bao_cao": *"[0-9-]*"/"chung.ngay_bao_cao": "2024-12-02"/' "$SAMPLE" >"$T/late.json"
expect 0 load-future-date "$XHHT" --data "$T/f" load 2024 "$T/late.json"
expect 1 check-future-date "$XHHT" --data "$T/f" check 2024
has "$T/out" "chung.ngay_bao_cao" check-future-date
has "$T/out" "02/12/2024" check-future-date-format

# --- malformed input is refused, exit 1, database unchanged --------------------------------
C="$T/corpus"
mkdir -p "$C"
head -c 700 "$SAMPLE" >"$C/truncated.json"
: >"$C/empty.json"
printf '[1, 2, 3]' >"$C/not-an-object.json"
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{"chung.nguoi_ky":"\377\376"}}' >"$C/invalid-utf8.json"
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{"chung.nguoi_ky":"a\300\200b"}}' >"$C/overlong-utf8.json"
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{"chung.khong_co":1}}' >"$C/unknown-field.json"
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{},"tables":{"thi_dua.mo_hinh":[{"ten":"a","la":"b"}]}}' >"$C/unknown-column.json"
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{},"tables":{"khong.co":[]}}' >"$C/unknown-table.json"
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"extra":1}' >"$C/unknown-top-key.json"
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{"chung.tong_so_nguoi":"nhiều"}}' >"$C/wrong-type-int.json"
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{"chung.tong_so_nguoi":12.5}}' >"$C/wrong-type-real.json"
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{"chi_dao.co_ke_hoach":"có"}}' >"$C/wrong-type-yesno.json"
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{"chung.nguoi_ky":42}}' >"$C/wrong-type-text.json"
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{"chung.ngay_bao_cao":"28/11/2024"}}' >"$C/wrong-date-format.json"
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{"chung.ngay_bao_cao":"2024-02-30"}}' >"$C/impossible-date.json"
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{"nguon_luc.kinh_phi":99999999999999999999999}}' >"$C/huge-number.json"
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{"nguon_luc.kinh_phi":10000000000001}}' >"$C/out-of-range.json"
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{"chung.tong_so_nguoi":-5}}' >"$C/negative.json"
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{"chung.nguoi_ky":"a\\u0000b"}}' >"$C/nul-escape.json"
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{"chung.nguoi_ky":"a\\u0007b"}}' >"$C/control-char.json"
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{"chung.nguoi_ky":"dòng một\\ndòng hai"}}' >"$C/newline-in-line.json"
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{"chung.nguoi_ky":"a","chung.nguoi_ky":"b"}}' >"$C/duplicate-key.json"
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{},"tables":{"khen_thuong.de_nghi":[{"doi_tuong":"ai_do","ten":"x"}]}}' >"$C/bad-choice.json"
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{},"tables":{"thi_dua.mo_hinh":[1,2]}}' >"$C/row-not-object.json"
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":[]}' >"$C/values-not-object.json"
printf '{"template":"khong-co","template_version":1,"year":2024,"values":{}}' >"$C/unknown-template.json"
printf '{"template":"bao-cao-nam","template_version":7,"year":2024,"values":{}}' >"$C/unknown-template-version.json"
printf '{"template":"bao-cao-nam","template_version":1,"year":1850,"values":{}}' >"$C/bad-year.json"
{ printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{},"tables":{"thi_dua.mo_hinh":['
  i=1; while [ $i -le 51 ]; do printf '{"ten":"m%d","mo_ta":"x"},' $i; i=$((i + 1)); done
  printf '{"ten":"last","mo_ta":"x"}]}}'; } >"$C/too-many-rows.json"
{ printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{"chung.nguoi_ky":"'
  head -c 10485760 /dev/zero | tr '\0' 'a'; printf '"}}'; } >"$C/ten-mb-string.json"
{ printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{"kien_nghi.de_xuat":"'
  i=0; while [ $i -lt 90 ]; do printf 'Đề xuất một trăm ký tự để vượt giới hạn tám nghìn ký tự của mục văn bản dài trong báo cáo năm. '; i=$((i + 1)); done
  printf '"}}'; } >"$C/longtext-too-long.json"
{ printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":'
  head -c 100000 /dev/zero | tr '\0' '['; head -c 100000 /dev/zero | tr '\0' ']'; printf '}'; } >"$C/deep-nesting.json"
head -c 40000000 /dev/zero | tr '\0' ' ' >"$C/forty-mb.json"

expect 0 corpus-base "$XHHT" --data "$T/c" load 2024 "$SAMPLE"
"$XHHT" --data "$T/c" export 2024 --format json >"$T/before.json"
sum_before=$(cksum <"$T/c/xhht.db")
for f in "$C"/*.json; do
	name=$(basename "$f" .json)
	expect 1 "corpus $name" "$XHHT" --data "$T/c" load 2024 "$f"
	one_line "corpus $name"
	if grep -q "AddressSanitizer\|runtime error" "$T/err"; then bad "corpus $name: sanitizer report"; fi
done
"$XHHT" --data "$T/c" export 2024 --format json >"$T/after.json"
cmp -s "$T/before.json" "$T/after.json" && ok || bad "refused loads changed the stored report"
[ "$sum_before" = "$(cksum <"$T/c/xhht.db")" ] && ok || bad "refused loads changed the database file"
# Each refusal names what is at fault.
expect 1 names-field "$XHHT" --data "$T/c" load 2024 "$C/unknown-field.json"; has "$T/err" "chung.khong_co" names-field
expect 1 names-type "$XHHT" --data "$T/c" load 2024 "$C/wrong-type-int.json"; has "$T/err" "chung.tong_so_nguoi" names-type
expect 1 names-range "$XHHT" --data "$T/c" load 2024 "$C/out-of-range.json"; has "$T/err" "nguon_luc.kinh_phi" names-range
expect 1 names-length "$XHHT" --data "$T/c" load 2024 "$C/ten-mb-string.json"; has "$T/err" "chung.nguoi_ky" names-length
expect 1 names-utf8 "$XHHT" --data "$T/c" load 2024 "$C/invalid-utf8.json"; has "$T/err" "UTF-8" names-utf8
expect 1 names-column "$XHHT" --data "$T/c" load 2024 "$C/bad-choice.json"; has "$T/err" "doi_tuong" names-column

# --- text is stored as NFC ----------------------------------------------------------------
# "Hòa" typed with a combining grave accent (o + U+0300) must come back precomposed (U+00F2).
printf '{"template":"bao-cao-nam","template_version":1,"year":2025,"values":{"chung.nguoi_ky":"Nguye\314\202\314\203n Ho\314\200a"}}' >"$T/nfd.json"
expect 0 load-nfd "$XHHT" --data "$T/n" load 2025 "$T/nfd.json"
expect 0 export-nfc "$XHHT" --data "$T/n" export 2025 --format json
has "$T/out" "Nguyễn Hòa" nfc-stored

# --- nothing hostile reaches the terminal or a spreadsheet -----------------------------------
# A file name with ESC and U+202E is printed escaped.
hostile="$T/$(printf 'evil\033[31m\342\200\256nosj.json')"
expect 2 hostile-missing-name "$XHHT" --data "$D" load 2024 "$hostile"; one_line hostile-missing-name
has "$T/err" 'evil\x1b[31m\u202enosj.json' hostile-missing-name-escaped
no_raw hostile-missing-name "$T/err"
# Bidi overrides, embeddings and isolates are refused in report text, named by code point.
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{"chung.nguoi_ky":"Tr\\u202en"}}' >"$T/bidi.json"
expect 1 bidi-refused "$XHHT" --data "$T/c" --lang en load 2024 "$T/bidi.json"; one_line bidi-refused
has "$T/err" "chung.nguoi_ky" bidi-refused-field
has "$T/err" "U+202E" bidi-refused-char
no_raw bidi-refused "$T/err"
printf '{"template":"bao-cao-nam","template_version":1,"year":2024,"values":{"chi_dao.ket_qua":"a\342\201\246b"}}' >"$T/bidi-long.json"
expect 1 bidi-isolate-refused "$XHHT" --data "$T/c" load 2024 "$T/bidi-long.json"; one_line bidi-isolate-refused
has "$T/err" "U+2066" bidi-isolate-refused
# Attachment names the central would refuse are refused at attach, naming the file.
printf '%%PDF-1.4\n' >"$T/pdf"
for aname in '-rf.pdf' ' scan.pdf' '...' "$(printf 'evil\033[31m\342\200\256fdp.pdf')" "$(printf 'tab\there.pdf')"; do
	cp "$T/pdf" "$T/$aname"
	expect 1 "attach-refused [$aname]" "$XHHT" --data "$D" --lang en attach 2024 "$T/$aname"
	one_line "attach-refused [$aname]"
	has "$T/err" "cannot be attached under this name" "attach-refused [$aname]"
	no_raw "attach-refused [$aname]" "$T/err"
done
has "$T/err" 'tab\there.pdf' attach-refused-names-file
cp "$T/pdf" "$T/Quyết định khen thưởng.pdf"
expect 0 attach-good-name "$XHHT" --data "$D" attach 2024 "$T/Quyết định khen thưởng.pdf"
# A text cell that is a formula goes to a spreadsheet as text; numbers stay numbers.
sed 's/"chung.nguoi_ky": *"[^"]*"/"chung.nguoi_ky": "=HYPERLINK(\\"http:\/\/x.example\\",\\"Xem\\")"/' "$SAMPLE" >"$T/formula.json"
expect 0 load-formula "$XHHT" --data "$T/csv" load 2024 "$T/formula.json"
expect 0 export-csv-formula "$XHHT" --data "$T/csv" export 2024 --format csv -o "$T/formula.csv"
has "$T/formula.csv" "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"Xem\"\")\"" csv-formula-guarded
if grep -q ',"=HYPERLINK\|,=HYPERLINK' "$T/formula.csv"; then bad "csv formula unguarded"; else ok; fi
grep -q ',chung.tong_so_nguoi,.*,1260.$' "$T/formula.csv" && ok || bad "csv number not a number: $(grep tong_so_nguoi "$T/formula.csv")"

# The printable report escapes what the clerk typed: markup stays text.
sed 's/"chung.nguoi_ky": *"[^"]*"/"chung.nguoi_ky": "<script>alert(1)<\/script> \& <b x=\\"y\\">"/' "$SAMPLE" >"$T/markup.json"
expect 0 load-markup "$XHHT" --data "$T/html" load 2024 "$T/markup.json"
expect 0 export-html-markup "$XHHT" --data "$T/html" export 2024 --format html -o "$T/markup.html"
has "$T/markup.html" "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b x=&quot;y&quot;&gt;" html-escaped
if grep -qF "<script>" "$T/markup.html" || grep -qF '<b x=' "$T/markup.html"; then bad "html: markup not escaped"; else ok; fi

# --- read-only commands, busy writers, the full-screen lock (issue 9, points 7 and 8) --------
# snap DIR: every file of DIR with its size and modification time (to the nanosecond).
snap() { (cd "$1" && for f in * .[!.]*; do [ -e "$f" ] && stat -c '%n %s %y' "$f"; done); }
# elapsed: seconds since $t0.
elapsed() { echo $(($(date +%s) - t0)); }
# wait_held FILE: waits (up to 10 s) for db-check --hold to print "held" into FILE.
wait_held() {
	i=0
	while ! grep -q held "$1" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	grep -q held "$1" && ok || bad "db-check --hold did not take the lock"
}
printf 'cụm mật khẩu trung ương\n' >"$T/cpass"
R="$T/ro-unit" RC="$T/ro-central"
expect 0 ro-base "$XHHT" --data "$R" load 2024 "$SAMPLE"
expect 0 ro-central-init "$CENTRAL" --data "$RC" --passphrase-file "$T/cpass" init
expect 0 ro-central-unit "$CENTRAL" --data "$RC" unit add BVDKM "Bệnh viện Đa khoa Minh Hòa"
# Read-only commands leave every file of the folder as it was, byte and time.
snap "$R" >"$T/snap1"; snap "$RC" >"$T/csnap1"
for cmd in "status" "check 2024" "export 2024 --format json" "export 2024 --format csv" \
	"export 2024 --format html"; do
	# shellcheck disable=SC2086
	expect 0 "ro-$cmd" "$XHHT" --data "$R" $cmd
done
for cmd in "status 2024" "export 2024 --format json" "unit list"; do
	# shellcheck disable=SC2086
	expect 0 "ro-central-$cmd" "$CENTRAL" --data "$RC" $cmd
done
snap "$R" >"$T/snap2"; snap "$RC" >"$T/csnap2"
cmp -s "$T/snap1" "$T/snap2" && ok || bad "read-only commands changed the unit folder: $(diff "$T/snap1" "$T/snap2")"
cmp -s "$T/csnap1" "$T/csnap2" && ok || bad "read-only commands changed the central folder: $(diff "$T/csnap1" "$T/csnap2")"
# A folder of another account, which we may read but not write (run as nobody when root): read
# through its locks, never as an immutable file another account may be writing.
if ! posix_only "another account (setpriv)"; then
	:
elif [ "$(id -u)" -eq 0 ] && setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$CENTRAL" 2>/dev/null; then
	as="setpriv --reuid=65534 --regid=65534 --clear-groups"
	chmod 755 "$T"
	chmod -R a+rX "$R" "$RC"
	expect 0 other-account-status $as "$XHHT" --data "$R" status; has "$T/out" "30/30" other-account-status
	expect 0 other-account-central-status $as "$CENTRAL" --data "$RC" status 2024
	expect 0 other-account-central-list $as "$CENTRAL" --data "$RC" unit list; has "$T/out" "BVDKM" other-account-central-list
	snap "$R" >"$T/snap3"; snap "$RC" >"$T/csnap3"
	cmp -s "$T/snap1" "$T/snap3" && cmp -s "$T/csnap1" "$T/csnap3" && ok ||
		bad "another account's read-only commands changed a folder"
	chmod 700 "$T"
else
	echo "cli: not root or no setpriv: the other-account case is not run" >&2
fi
# On a folder that cannot be written (a read-only bind mount, where the system allows it).
mkdir -p "$T/mnt-u" "$T/mnt-c"
if ! posix_only "a read-only mount (Wine reports no read-only volume)"; then
	:
elif mount --bind "$R" "$T/mnt-u" 2>/dev/null; then
	if mount -o remount,bind,ro "$T/mnt-u" 2>/dev/null && mount --bind "$RC" "$T/mnt-c" 2>/dev/null; then
		if mount -o remount,bind,ro "$T/mnt-c" 2>/dev/null; then
			expect 0 rofs-status "$XHHT" --data "$T/mnt-u" status; has "$T/out" "30/30" rofs-status
			expect 0 rofs-check "$XHHT" --data "$T/mnt-u" check 2024
			expect 0 rofs-export "$XHHT" --data "$T/mnt-u" export 2024 --format json
			has "$T/out" "BVĐKMH" rofs-export
			expect 0 rofs-central-status "$CENTRAL" --data "$T/mnt-c" status 2024; has "$T/out" "BVDKM" rofs-central-status
			expect 0 rofs-central-export "$CENTRAL" --data "$T/mnt-c" export 2024 --format json
			expect 0 rofs-central-list "$CENTRAL" --data "$T/mnt-c" unit list; has "$T/out" "BVDKM" rofs-central-list
			expect 2 rofs-load "$XHHT" --data "$T/mnt-u" load 2024 "$SAMPLE"; one_line rofs-load
			has "$T/err" "$T/mnt-u" rofs-load
		fi
		umount "$T/mnt-c" 2>/dev/null
	fi
	umount "$T/mnt-u"
else
	echo "cli: note: no read-only bind mount here; the read-only folder checks were skipped" >&2
fi
# Another program holds a write transaction: readers go on at once, without waiting on it;
# a writer waits a bounded time, then names the busy file and exits 2.
"$BUILD/db-check" "$R/xhht.db" --hold 30 >"$T/held" &
holder=$!
wait_held "$T/held"
t0=$(date +%s)
expect 0 busy-status "$XHHT" --data "$R" status
expect 0 busy-check "$XHHT" --data "$R" check 2024
expect 0 busy-export "$XHHT" --data "$R" export 2024 --format json
[ "$(elapsed)" -le 2 ] && ok || bad "read-only commands waited on a writer ($(elapsed) s)"
t0=$(date +%s)
expect 2 busy-load "$XHHT" --data "$R" --lang en load 2024 "$SAMPLE"; one_line busy-load
has "$T/err" "$(native "$R/xhht.db") is busy" busy-load
[ "$(elapsed)" -ge 3 ] && [ "$(elapsed)" -le 15 ] && ok || bad "busy-load gave up after $(elapsed) s"
kill "$holder"; wait "$holder" 2>/dev/null
"$BUILD/db-check" "$RC/xhht-central.db" --hold 30 >"$T/cheld" &
holder=$!
wait_held "$T/cheld"
t0=$(date +%s)
expect 0 busy-central-status "$CENTRAL" --data "$RC" status 2024
expect 0 busy-central-list "$CENTRAL" --data "$RC" unit list
[ "$(elapsed)" -le 2 ] && ok || bad "central read-only commands waited on a writer ($(elapsed) s)"
expect 2 busy-central-add "$CENTRAL" --data "$RC" --lang en unit add KHAC "Đơn vị khác"
one_line busy-central-add; has "$T/err" "$(native "$RC/xhht-central.db") is busy" busy-central-add
kill "$holder"; wait "$holder" 2>/dev/null
expect 0 unbusy-central-add "$CENTRAL" --data "$RC" unit add KHAC "Đơn vị khác"
# The central's database lost beside its key: refused, never started again from nothing.
mv "$RC/xhht-central.db" "$T/central-db-saved"
for cmd in "unit add BVX x" "status 2024" "init"; do
	# shellcheck disable=SC2086
	expect 2 "central-key-without-db-$cmd" "$CENTRAL" --data "$RC" --passphrase-file "$T/cpass" $cmd
	one_line "central-key-without-db-$cmd"
	has "$T/err" "xhht-central.db" "central-key-without-db-$cmd"
	has "$T/err" "central.key" "central-key-without-db-$cmd"
	[ ! -e "$RC/xhht-central.db" ] && ok || bad "central-key-without-db-$cmd: a database was started"
done
# The full-screen program holds the folder's lock (tests/tui/lock.sh opens the real one):
# commands that write say so and write nothing; read-only commands still work.
if posix_only "the folder's lock taken by flock(1)" && command -v flock >/dev/null 2>&1; then
	mkfifo "$T/release"
	flock -o -x "$R/xhht.lock" cat "$T/release" &
	holder=$!
	i=0
	while flock -n -s "$R/xhht.lock" true && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	sum_before=$(cksum <"$R/xhht.db")
	expect 2 locked-load "$XHHT" --data "$R" --lang en load 2024 "$SAMPLE"; one_line locked-load
	has "$T/err" "the full-screen xhht is open on the data folder $R" locked-load
	[ "$sum_before" = "$(cksum <"$R/xhht.db")" ] && ok || bad "locked-load changed the database"
	expect 0 locked-status "$XHHT" --data "$R" status
	expect 0 locked-export "$XHHT" --data "$R" export 2024 --format json
	: >"$T/release"
	wait "$holder"
	expect 0 unlocked-load "$XHHT" --data "$R" load 2024 "$SAMPLE"
fi

harness_end
