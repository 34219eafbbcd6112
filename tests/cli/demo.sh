#!/bin/sh
# demo.sh: the demo of `make run` and `make run-central` (tests/demo/make-demo.sh), built into a
# scratch folder: the demo unit enrolled with the demo central, the central holding the sample
# units with last year's reports merged and this year's partly in (two on time, one late), a
# bundle packed by the demo unit imported by the demo central (the whole loop), the passphrase
# files mode 0600 and shown in demo.txt, a second build changing nothing, a folder that is not a
# demo left alone. Checks data, never a screen.
# Usage: tests/cli/demo.sh BUILD_DIR
set -u
. "$(dirname "$0")/../lib/harness.sh"
harness_start "$@"
need_program "$XHHT" "$CENTRAL"
MAKE_DEMO="$PWD/tests/demo/make-demo.sh"
D="$T/demo"

# counts YEAR: the central's counts of YEAR, as status's JSON gives them.
counts() {
	"$CENTRAL" --data "$D/central" status "$1" --format json | sed -n 's/.*"counts":\({[^}]*}\).*/\1/p'
}
# state CODE YEAR: CODE's state in YEAR.
state() {
	"$CENTRAL" --data "$D/central" status "$2" --format json |
		sed -n "s/.*\"code\":\"$1\",.*\"state\":\"\([a-z_]*\)\".*/\1/p"
}

# --- built on a day after this year's deadline (05/12): this year is 2025 ----------------------
export XHHT_TODAY=2025-12-20
expect 0 build sh "$MAKE_DEMO" "$BUILD" "$D"
same "$(counts 2024)" '{"not_received":0,"on_time":5,"late":0,"conflict":0,"needs_fixing":0,"approved":0}' last-year-all-merged
same "$(counts 2025)" '{"not_received":2,"on_time":2,"late":1,"conflict":0,"needs_fixing":0,"approved":0}' this-year-partly
same "$(state CQLM 2025)" late this-year-one-late
same "$(state BVDKM 2025)" not_received this-year-demo-unit-not-yet
expect 0 units "$CENTRAL" --data "$D/central" unit list
for u in BVDKM BVNM VDTM CQLM TTKT; do has "$OUT" "$u" "units-$u"; done

# The demo unit: enrolled, its report of this year ready, last year's received.
expect 0 unit-status "$XHHT" --data "$D/unit" status
has "$OUT" "Đơn vị: BVDKM" unit-enrolled
has "$OUT" "Năm 2025: bản nháp, đã điền 30/30 mục bắt buộc; 0 lỗi" unit-this-year-ready
has "$OUT" "Bộ Y tế đã nhận" unit-last-year-receipt

# The passphrases: files of mode 0600 in the demo folder, and shown in demo.txt.
for f in unit.pass central.pass demo.txt; do
	same "$(stat -c %a "$D/$f")" 600 "mode-$f"
done
has "$D/demo.txt" "$(head -n 1 "$D/unit.pass")" demo-txt-unit-passphrase
has "$D/demo.txt" "$(head -n 1 "$D/central.pass")" demo-txt-central-passphrase
has "$D/demo.txt" "import --receipts $D/shared $D/shared" demo-txt-the-loop

# --- a second build changes nothing ----------------------------------------------------------
snapshot() { (cd "$D" && find . -exec ls -ld --time-style=+%s.%N {} + | sort -k7 && find . -type f -exec cksum {} + | sort -k3); }
snapshot >"$T/before"
expect 0 build-again sh "$MAKE_DEMO" "$BUILD" "$D"
snapshot >"$T/after"
if cmp -s "$T/before" "$T/after"; then ok; else bad "build-again: changed $(diff "$T/before" "$T/after" | head -n 4)"; fi

# --- the loop: the demo unit packs into the shared folder, the central imports it ----------------
unset XHHT_TODAY
export XHHT_NOW=2025-12-22T02:00:00Z
expect 0 pack "$XHHT" --data "$D/unit" --passphrase-file "$D/unit.pass" pack 2025 -o "$D/shared"
expect 0 import "$CENTRAL" --data "$D/central" --passphrase-file "$D/central.pass" import \
	--receipts "$D/shared" "$D/shared"
has "$OUT" "BVDKM 2025" import-names-it
same "$(state BVDKM 2025)" late loop-arrived
same "$(counts 2025)" '{"not_received":1,"on_time":2,"late":2,"conflict":0,"needs_fixing":0,"approved":0}' loop-counts
# ... and back: the receipt, in the shared folder, opened by the unit.
has "$D/demo.txt" "$D/shared/XHHT-2025-BVDKM-r2.receipt" demo-txt-names-the-receipt
expect 0 receipt "$XHHT" --data "$D/unit" receipt "$D/shared/XHHT-2025-BVDKM-r2.receipt"
expect 0 unit-status-after "$XHHT" --data "$D/unit" status
same "$(sed -n '/^Năm 2025/,/^Năm 2024/p' "$OUT" | grep -c 'Bộ Y tế đã nhận')" 1 loop-receipt-back
unset XHHT_NOW

# --- built before this year's deadline: this year is last year's (its late report in the past) --
D="$T/demo-spring"
export XHHT_TODAY=2026-03-10
expect 0 build-spring sh "$MAKE_DEMO" "$BUILD" "$D"
same "$(counts 2025)" '{"not_received":2,"on_time":2,"late":1,"conflict":0,"needs_fixing":0,"approved":0}' spring-this-year
same "$(counts 2024)" '{"not_received":0,"on_time":5,"late":0,"conflict":0,"needs_fixing":0,"approved":0}' spring-last-year

# --- a folder that is not a demo is left alone ----------------------------------------------
mkdir "$T/mine" && echo keep >"$T/mine/file"
expect 2 not-a-demo sh "$MAKE_DEMO" "$BUILD" "$T/mine"
same "$(ls -A "$T/mine")" file not-a-demo-untouched

harness_end
