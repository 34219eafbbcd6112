#!/bin/sh
# years.sh: xhht-central export --years and proposals --years: every number indicator across
# 2023-2026 (the national total, each unit's figure, the units reporting each year, the change)
# in JSON, CSV and HTML, checked value by value against sums this test makes of the reports the
# units sent (the last revision of each unit-year); a year nobody reported absent, never zero; a
# bad span refused in one line, writing nothing; the Council's report of a phase with each
# proposed unit's figures in its annex.
# Usage: tests/cli/years.sh BUILD_DIR
set -u
. "$(dirname "$0")/../lib/harness.sh"
. "$(dirname "$0")/../lib/years-world.sh"
harness_start "$@"
need_program "$XHHT" "$CENTRAL"
# A unit name that a spreadsheet would take for a formula.
YEARS_VC_NAME="=Viện C"
years_world "$T/w"
cd "$T" || exit 2
C="--data $T/w/central"
YEARS="2023 2024 2025 2026"

IDS=$(sed -n 's/^ *"\([a-z_]*\.[a-z_]*\)": *[0-9][0-9]*,*$/\1/p' "$SAMPLE")
same "$(echo "$IDS" | wc -l | tr -d ' ')" 18 sample-indicators

# --- refusals: one line, exit 2, nothing written -----------------------------------------------
for span in 2026-2023 2023 2023-2040 x 1999-2001 "2023-2025x"; do
	case $span in 2023) continue ;; esac
	expect 2 "bad-span-$span" $CENTRAL $C export --years "$span" --format json -o bad.json
	one_line "bad-span-$span"
	has "$ERR" "--years" "bad-span-$span-names-option"
done
[ ! -e bad.json ] && ok || bad "bad-span: bad.json written"
expect 2 years-and-year $CENTRAL $C export 2024 --years 2023-2026 --format json
one_line years-and-year
expect 2 years-csv-stdout $CENTRAL $C export --years 2023-2026 --format csv
one_line years-csv-stdout
expect 2 council-json $CENTRAL $C proposals --years 2023-2025 --format json -o p.json
one_line council-json
[ ! -e p.json ] && ok || bad "council-json: p.json written"

# --- JSON -------------------------------------------------------------------------------------
expect 0 json $CENTRAL $C export --years 2023-2026 --format json -o y.json
has y.json '"from":2023,"to":2026' json-span
for y in $YEARS; do
	has y.json "{\"year\":$y,\"template\":\"bao-cao-nam\",\"template_version\":1,\"units_reported\":$(years_reported $y)}" "json-reported-$y"
done
for id in $IDS; do
	line=$(grep "^ {\"id\":\"$id\"" y.json)
	[ -n "$line" ] && ok || bad "json: no indicator $id"
	for y in $YEARS; do
		s=$(years_sum "$id" "$y")
		if [ -z "$s" ]; then want="\"$y\":null"; else want="\"$y\":{\"sum\":$s,\"units\":$(years_answered "$id" "$y")}"; fi
		case $line in *"$want"*) ok ;; *) bad "json $id $y: no $want in $line" ;; esac
	done
done
# The change, with its percent; none into the year nobody reported.
a=$(years_sum dao_tao.so_khoa 2023) b=$(years_sum dao_tao.so_khoa 2024)
has y.json "\"2024\":{\"change\":$((b - a)),\"percent\":$(years_pct "$a" "$b")}" json-change
grep '"id":"dao_tao.so_khoa"' y.json | grep -qF '"2026":null}}' && ok || bad "json-change-2026: not null"

# A span of one year nobody reported: every indicator there, every figure null, no unit.
expect 0 json-empty-year $CENTRAL $C export --years 2026 --format json -o e.json
has e.json '{"year":2026,"template":"bao-cao-nam","template_version":1,"units_reported":0}' json-empty-year-reported
same "$(grep -c '"years":{"2026":null},"change":{}}' e.json)" 18 json-empty-year-all-null
has e.json '"units":[
]}' json-empty-year-no-unit

# --- CSV: the totals, each unit's figures, who reported -------------------------------------------
expect 0 csv $CENTRAL $C export --years 2023-2026 --format csv -o y.csv
has "$OUT" "y.don_vi.csv" csv-says-units-file
has "$OUT" "y.nop_bao_cao.csv" csv-says-reported-file
same "$(head -c 3 y.csv | od -An -tx1 | tr -d ' ')" efbbbf csv-bom
for id in $IDS; do
	prev=""
	for y in $YEARS; do
		s=$(years_sum "$id" "$y")
		rest=$(grep "^$id," y.csv | grep -E ",(int|money),$y," | sed "s/^.*,$y,//" | tr -d '\r')
		if [ -z "$s" ]; then
			want="$(years_reported $y),,,,"
		elif [ -z "$prev" ]; then
			want="$(years_reported $y),$s,$(years_answered "$id" "$y"),,"
		else
			want="$(years_reported $y),$s,$(years_answered "$id" "$y"),$((s - prev)),$(years_pct "$prev" "$s")"
		fi
		same "$rest" "$want" "csv-$id-$y"
		prev=$s
	done
done
for u in BVA BVB VC; do
	for id in dao_tao.so_khoa nguon_luc.kinh_phi thi_dua.so_sang_kien; do
		want=""
		for y in $YEARS; do
			v=""
			[ -f "$YW/merged/$y-$u.json" ] && v=$(years_value "$YW/merged/$y-$u.json" "$id")
			want="$want,$v"
		done
		same "$(grep "^$u,.*,$id," y.don_vi.csv | sed "s/^.*,$id//" | tr -d '\r')" "$want" "csv-unit-$u-$id"
	done
done
# The name a spreadsheet would run is text.
has y.don_vi.csv "VC,\"'=Viện C\",dao_tao.so_khoa" csv-formula-escaped
hasnt y.don_vi.csv ",=Viện C," csv-formula-not-raw
same "$(tail -n 1 y.nop_bao_cao.csv | tr -d '\r')" ",units_reported,$(years_reported 2023),$(years_reported 2024),$(years_reported 2025),0" csv-reported-counts
same "$(grep '^BVB,' y.nop_bao_cao.csv | tr -d '\r')" "BVB,Bệnh viện B,1,1,0,0" csv-reported-bvb

# --- HTML: the printable report -----------------------------------------------------------------
expect 0 html $CENTRAL $C export --years 2023-2026 --format html -o y.html
has y.html "@page { size: A4" html-a4
has y.html "Báo cáo tổng hợp các năm 2023-2026" html-title
has y.html "<td>Số đơn vị có báo cáo được tổng hợp</td><td>$(years_reported 2023)</td><td>$(years_reported 2024)</td><td>$(years_reported 2025)</td><td>0</td>" html-reported
for id in dao_tao.so_khoa dao_tao.luot_hoc nguon_luc.kinh_phi thi_dua.so_sang_kien; do
	label=$(sed -n "s/^ {\"id\":\"$id\",\"label\":\"\([^\"]*\)\".*/\1/p" y.json)
	row=$(grep "<td>$label</td>" y.html | sed 's|<br><small>[^<]*</small>||g')
	want=""
	for y in $YEARS; do
		s=$(years_sum "$id" "$y")
		if [ -z "$s" ]; then want="$want<td>—</td>"; else want="$want<td>$(years_dots "$s")</td>"; fi
	done
	case $row in *"$want</tr>") ok ;; *) bad "html $id: no $want in $row" ;; esac
done
a=$(years_sum dao_tao.so_khoa 2024) b=$(years_sum dao_tao.so_khoa 2025)
has y.html "<small>$((b - a)) ($(years_pct "$a" "$b" | tr . ,)%)</small>" html-change

# --- the Council's report: nominations by award, the unit's figures beside -------------------------
expect 0 council-csv $CENTRAL $C proposals --years 2023-2025 --format csv -o p.csv
head -n 1 p.csv | grep -qF ",dao_tao.so_khoa:2023,dao_tao.so_khoa:2024,dao_tao.so_khoa:2025," && ok ||
	bad "council-csv: no figure columns in $(head -n 1 p.csv)"
# Each report merged sent the sample's three nominations.
same "$(($(wc -l <p.csv) - 1))" "$((3 * ($(years_reported 2023) + $(years_reported 2024) + $(years_reported 2025))))" council-csv-rows
col=$(head -n 1 p.csv | tr ',' '\n' | grep -n '^dao_tao.so_khoa:2023$' | cut -d: -f1)
for u in BVA BVB VC; do
	want=""
	for y in 2023 2024 2025; do
		v=""
		[ -f "$YW/merged/$y-$u.json" ] && v=$(years_value "$YW/merged/$y-$u.json" dao_tao.so_khoa)
		want="$want,$v"
	done
	want=${want#,}
	# The names hold no comma, the long texts' columns are before: count from the end.
	got=$(grep "^$u," p.csv | head -n 1 | tr -d '\r' | awk -F, -v n="$(head -n 1 p.csv | tr ',' '\n' | wc -l)" -v c="$col" '{ o = NF - n; print $(c + o) "," $(c + o + 1) "," $(c + o + 2) }')
	same "$got" "$want" "council-csv-$u-figures"
done
expect 0 council-html $CENTRAL $C proposals --years 2023-2025 --format html -o p.html
has p.html "Đề nghị khen thưởng giai đoạn 2023-2025" council-html-title
has p.html "1. Bằng khen của Bộ Y tế — Cá nhân" council-html-group
has p.html "BVB Bệnh viện B<br><small>Số liệu: Phụ lục, mục 2</small>" council-html-points-to-annex
has p.html "PHẦN II. PHỤ LỤC: SỐ LIỆU CỦA CÁC ĐƠN VỊ ĐƯỢC ĐỀ NGHỊ QUA CÁC NĂM 2023-2025" council-html-annex

harness_end
