#!/bin/sh
# import-bench.sh: `make bench`: imports generated bundles and prints how fast, next to the bare
# cryptography over the same files, plus the importer's peak memory. Prints; never fails on a
# time (machines differ); fails only when something does not work.
# Usage: tests/bench/import-bench.sh BUILD_DIR [N]   (N bundles, default 10,000)
#
# (a) bare-open: for every file, read it, X25519 + BLAKE2b key derivation, secretstream pull of
#     every chunk, Ed25519ph verification: what bundle_open must do in any case.
# (b) xhht-central import of the same folder into a central holding the units and nothing
#     else: everything, with each bundle's merge its own transaction, durable when committed
#     (WAL, synchronous=FULL), as in real use.
# Both are whole runs of a program (key derivation included), timed by the same clock, after
# the files have been read once so that both find them in the page cache. The folders are on
# the disk the temporary folder is on ($TMPDIR), not tmpfs: syncs are part of the cost.
set -u
. "$(dirname "$0")/../lib/harness.sh"
harness_start "${1:-build}" "${TMPDIR:-/var/tmp}"
N=${2:-10000}
GEN="$PWD/$BUILD/gen-bundles"
BARE="$PWD/$BUILD/bare-open"
export XHHT_NOW=2024-12-01T03:00:00Z
cd "$T" || exit 2
printf 'cụm mật khẩu trung ương\n' >pass

now_ms() { echo $(($(date +%s%N) / 1000000)); }
rate() { awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.0f", (ms > 0 ? n * 1000 / ms : 0) }'; }

echo "bench: generating $N bundles (units enrolled, one bundle each)..."
"$CENTRAL" --data central --passphrase-file pass init >/dev/null || exit 1
t0=$(now_ms)
"$GEN" --sample "$SAMPLE" central pass "$N" bundles >/dev/null || exit 1
gen_ms=$(($(now_ms) - t0))
cp -R central fresh
bytes=$(cat bundles/* | wc -c)
cat bundles/* >/dev/null
# What generating wrote is on the disk before anything is timed: both runs pay only their own
# writes.
sync

# (a) the bare loop
t0=$(now_ms)
"$BARE" central pass bundles >bare.out || { cat bare.out; exit 1; }
bare_ms=$(($(now_ms) - t0))

# (b) the importer, with its peak memory
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
	wrap="/usr/bin/time -v"
else
	wrap="$BARE --rusage"
fi
t0=$(now_ms)
$wrap "$CENTRAL" --lang en --data fresh --passphrase-file pass import bundles >import.out 2>import.err
rc=$?
import_ms=$(($(now_ms) - t0))
if [ "$rc" -ne 0 ] || ! grep -q "^$N bundles: merged $N," import.out; then
	echo "bench: the import failed (exit $rc): $(tail -n 2 import.out) $(tail -n 3 import.err)"
	exit 1
fi
# What the central does next with them: the year's status, and the export, which reads every
# merged report again to derive the long form of its values.
year=$(sed -n 's/.*"year": *\([0-9]*\).*/\1/p' "$SAMPLE" | head -n 1)
t0=$(now_ms)
"$CENTRAL" --lang en --data fresh --passphrase-file pass status "$year" >status.out || exit 1
status_ms=$(($(now_ms) - t0))
t0=$(now_ms)
"$CENTRAL" --lang en --data fresh --passphrase-file pass export "$year" --format json -o export.json || exit 1
export_ms=$(($(now_ms) - t0))
rss_kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p; s/^peak_rss_kb //p' import.err)

bare_rate=$(rate "$N" "$bare_ms")
import_rate=$(rate "$N" "$import_ms")
awk -v n="$N" -v bytes="$bytes" -v gen="$gen_ms" -v bare="$bare_ms" -v imp="$import_ms" \
	-v br="$bare_rate" -v ir="$import_rate" -v rss="${rss_kb:-0}" -v st="$status_ms" \
	-v ex="$export_ms" 'BEGIN {
	printf "bench: %d bundles of %.1f KB on average (generated in %.1f s)\n", n, bytes / n / 1024, gen / 1000
	printf "  bare libsodium open and verify  %8.2f s  %7d bundles/s  %6.3f ms each\n", bare / 1000, br, bare / n
	printf "  xhht-central import             %8.2f s  %7d bundles/s  %6.3f ms each\n", imp / 1000, ir, imp / n
	printf "  ratio import / bare             %8.3f (target 0.5 or more)\n", (imp > 0 ? bare / imp : 0)
	printf "  importer peak memory            %8.1f MB\n", rss / 1024
	printf "  status of the year (%d units)   %8.2f s\n", n, st / 1000
	printf "  export json of the year         %8.2f s  %6.3f ms per unit\n", ex / 1000, ex / n
}'
