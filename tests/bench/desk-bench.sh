#!/bin/sh
# desk-bench.sh: `make bench`: how fast the central's desk answers each kind of key with 1,000
# units and 8 years of reports imported (two revisions each, one figure changed between them),
# against an almost empty desk (one unit, one year) in the same run (desk-bench draws into
# /dev/null at 80×24). Prints figures; never fails on a time.
# Usage: tests/bench/desk-bench.sh BUILD_DIR [UNITS] [YEARS] [ROUNDS]
set -u
. "$(dirname "$0")/../lib/harness.sh"
harness_start "${1:-build}" "${TMPDIR:-/var/tmp}"
UNITS=${2:-1000} YEARS=${3:-8} ROUNDS=${4:-50}
GEN="$PWD/$BUILD/gen-bundles"
BENCH="$PWD/$BUILD/desk-bench"
export XHHT_NOW=2024-12-01T03:00:00Z XHHT_TODAY=2024-12-01
cd "$T" || exit 2
printf 'cụm mật khẩu trung ương\n' >pass
"$CENTRAL" --data empty --passphrase-file pass init >/dev/null 2>&1 &&
	"$CENTRAL" --data loaded --passphrase-file pass init >/dev/null 2>&1 || exit 1
echo "bench: $UNITS units, $YEARS years of reports each, two revisions a year..."
"$GEN" --sample "$SAMPLE" --second-changed --years "$YEARS" loaded pass "$UNITS" bundles >/dev/null &&
	"$GEN" --sample "$SAMPLE" --second-changed empty pass 1 bundles-empty >/dev/null || exit 1
for d in empty loaded; do
	from=bundles
	[ $d = empty ] && from=bundles-empty
	"$CENTRAL" --lang en --data $d --passphrase-file pass import $from >import.out 2>&1 ||
		{ echo "bench: the import failed: $(tail -n 2 import.out)"; exit 1; }
done
tail -n 1 import.out
"$BENCH" loaded empty 2024 "$ROUNDS" || exit 1
