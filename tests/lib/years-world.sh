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

years_world() {
	W=$1
	mkdir -p "$W/merged" "$W/out"
	printf 'cụm mật khẩu trung ương\n' >"$W/cpass"
	printf 'mật khẩu đơn vị\n' >"$W/upass"
	yc() { "$CENTRAL" --data "$W/central" --passphrase-file "$W/cpass" "$@" >>"$W/log" 2>&1 ||
		{ echo "years-world: failed: xhht-central $*" >&2; tail -n 3 "$W/log" >&2; exit 2; }; }
	yu() { d=$1; shift; "$XHHT" --data "$W/$d" --passphrase-file "$W/upass" "$@" >>"$W/log" 2>&1 ||
		{ echo "years-world: failed: xhht $*" >&2; tail -n 3 "$W/log" >&2; exit 2; }; }
	export XHHT_NOW=2023-10-01T02:00:00Z XHHT_TODAY=2023-10-01
	yc init
	yc unit add BVA "Bệnh viện A" benh_vien
	yc unit add BVB "Bệnh viện B" benh_vien
	yc unit add VC "${YEARS_VC_NAME:-Viện C}" vien
	for u in BVA BVB VC; do
		yc enroll $u -o "$W/$u.enr"
		code=$(sed -n 's/^Mã đăng ký: *//p' "$W/log" | tail -n 1)
		yu $u enroll "$W/$u.enr" --code "$code"
	done
	# send CODE YEAR N: CODE's report of YEAR packed and imported in November of YEAR.
	send() {
		export XHHT_NOW=$2-11-21T02:00:00Z XHHT_TODAY=$2-11-21
		years_report "$1" "$2" "$3" >"$W/merged/$2-$1.json"
		yu "$1" load "$2" "$W/merged/$2-$1.json"
		rm -rf "$W/out" && mkdir "$W/out"
		yu "$1" pack "$2" -o "$W/out" --accept-warnings
		yc import "$W/out"
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
