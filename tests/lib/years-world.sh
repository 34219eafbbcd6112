# years-world.sh: a central holding several years of real reports, for the tests across years
# (tests/cli/years.sh, tests/tui/desk-years.sh): units BVA, BVB and VC enrolled and packing with
# the clerk's program, their reports the sample's with figures varied by unit and year.
#	2023: BVA, BVB        2024: BVA, BVB (revision 2 changed: the last merged counts), VC
#	2025: BVA, VC        2026: nobody
# Each report merged is kept as merged/YEAR-CODE.json, so that a test computes its sums itself.
# Usage: years_world DIR (after harness_start: XHHT, CENTRAL, SAMPLE; $YEARS_VC_NAME names VC
# otherwise than "Viện C"); passphrase files DIR/cpass,
# DIR/upass; the central in DIR/central. Exits 2 when a step fails.

# years_report CODE YEAR N: the sample as CODE's report of YEAR, its figures varied by N.
years_report() {
	sed -e "s/\"code\": \"BVDKM\"/\"code\": \"$1\"/" \
	    -e "s/\"year\": 2024/\"year\": $2/" \
	    -e "s/\"chung.ngay_bao_cao\": \"[0-9-]*\"/\"chung.ngay_bao_cao\": \"$2-11-20\"/" \
	    -e "s/\"dao_tao.so_khoa\": 86/\"dao_tao.so_khoa\": $((86 - 9 * $3))/" \
	    -e "s/\"dao_tao.luot_hoc\": 5240/\"dao_tao.luot_hoc\": $((5240 - 300 * $3))/" \
	    -e "s/\"nguon_luc.kinh_phi\": 3450000000/\"nguon_luc.kinh_phi\": $((3450000000 - 250000000 * $3))/" \
	    -e "s/\"thi_dua.so_sang_kien\": 37/\"thi_dua.so_sang_kien\": $((37 + 4 * $3))/" \
	    "$SAMPLE"
}

# years_value FILE ID: the number FILE gives ID ("" when it has none).
years_value() {
	sed -n "s/^ *\"$2\": *\([0-9-]*\),*$/\1/p" "$1"
}

# years_sum ID YEAR: the sum of ID over the reports merged for YEAR, as the test computes it from
# the reports the units sent ("" when none gives it); years_answered ID YEAR: how many give it;
# years_reported YEAR: the units whose report of YEAR is merged.
years_sum() {
	s=""
	for f in "$YW"/merged/"$2"-*.json; do
		[ -f "$f" ] || continue
		v=$(years_value "$f" "$1")
		[ -n "$v" ] && s=$((${s:-0} + v))
	done
	echo "$s"
}
years_answered() {
	n=0
	for f in "$YW"/merged/"$2"-*.json; do
		[ -f "$f" ] && [ -n "$(years_value "$f" "$1")" ] && n=$((n + 1))
	done
	echo $n
}
years_reported() { ls "$YW"/merged/"$1"-*.json 2>/dev/null | wc -l | tr -d ' '; }
# years_dots N: N as the screens and the printed report write it (1.250.000).
years_dots() { printf '%s\n' "$1" | sed -e :a -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|\.\)/\1.\2\3/; ta'; }
# years_pct PREV CUR: the change in percent with one decimal, half away from zero.
years_pct() { awk -v p="$1" -v c="$2" 'BEGIN { x = (c - p) * 100 / p; printf "%.1f\n", x + (x >= 0 ? 1e-9 : -1e-9) }'; }

years_world() {
	YW=$1
	mkdir -p "$YW/merged" "$YW/out"
	printf 'cụm mật khẩu trung ương\n' >"$YW/cpass"
	printf 'mật khẩu đơn vị\n' >"$YW/upass"
	yc() { "$CENTRAL" --data "$YW/central" --passphrase-file "$YW/cpass" "$@" >>"$YW/log" 2>&1 ||
		{ echo "years-world: failed: xhht-central $*" >&2; tail -n 3 "$YW/log" >&2; exit 2; }; }
	yu() { d=$1; shift; "$XHHT" --data "$YW/$d" --passphrase-file "$YW/upass" "$@" >>"$YW/log" 2>&1 ||
		{ echo "years-world: failed: xhht $*" >&2; tail -n 3 "$YW/log" >&2; exit 2; }; }
	export XHHT_NOW=2023-10-01T02:00:00Z XHHT_TODAY=2023-10-01
	yc init
	yc unit add BVA "Bệnh viện A" benh_vien
	yc unit add BVB "Bệnh viện B" benh_vien
	yc unit add VC "${YEARS_VC_NAME:-Viện C}" vien
	for u in BVA BVB VC; do
		yc enroll $u -o "$YW/$u.enr"
		code=$(sed -n 's/^Mã đăng ký: *//p' "$YW/log" | tail -n 1)
		yu $u enroll "$YW/$u.enr" --code "$code"
	done
	# send CODE YEAR N: CODE's report of YEAR packed and imported in November of YEAR.
	send() {
		export XHHT_NOW=$2-11-21T02:00:00Z XHHT_TODAY=$2-11-21
		years_report "$1" "$2" "$3" >"$YW/merged/$2-$1.json"
		yu "$1" load "$2" "$YW/merged/$2-$1.json"
		rm -rf "$YW/out" && mkdir "$YW/out"
		yu "$1" pack "$2" -o "$YW/out" --accept-warnings
		yc import "$YW/out"
	}
	send BVA 2023 0
	send BVB 2023 1
	send BVA 2024 2
	send BVB 2024 3
	send BVB 2024 4
	send VC 2024 5
	send BVA 2025 6
	send VC 2025 7
	unset XHHT_NOW XHHT_TODAY
}
