#!/bin/sh
# bundle-bench.sh: `make bench`, the bundle's part: time to pack the reference report, its size
# (binary and armored) beside its JSON export, and bundle_open per bundle beside the bare
# libsodium work on the same files, measured in the same run. Prints; never fails on a figure.
# Usage: tests/bench/bundle-bench.sh BUILD_DIR [N]   (N bundles to open, default 2,000)
set -u
. "$(dirname "$0")/../lib/harness.sh"
harness_start "${1:-build}"
N=${2:-2000}
B="$PWD/$BUILD"
cd "$T" || exit 2
now_ns() { date +%s%N; }
printf 'cụm mật khẩu trung ương\n' >cpass
printf 'mật khẩu đơn vị\n' >upass
"$B/xhht-central" --data central --passphrase-file cpass init >/dev/null || exit 1
"$B/xhht-central" --data central --passphrase-file cpass unit add BVDKM "Bệnh viện Đa khoa Minh Hòa" >/dev/null
code=$("$B/xhht-central" --data central --passphrase-file cpass enroll BVDKM -o e.enr | tail -n 1 | sed 's/^.*: *//') || exit 1
"$B/xhht" --data unit --passphrase-file upass enroll e.enr --code "$code" >/dev/null 2>&1 || exit 1
"$B/xhht" --data unit load 2024 "$SAMPLE" >/dev/null || exit 1
"$B/xhht" --data unit export 2024 --format json -o report.json || exit 1
mkdir -p out

# Pack: whole command, ten times; the key unlock (Argon2id, 64 MiB) is most of it, so it is
# measured alone too (xhht passphrase with the same passphrase twice unlocks and re-seals).
runs=10 i=0 t0=$(now_ns)
while [ "$i" -lt "$runs" ]; do
	"$B/xhht" --data unit --passphrase-file upass pack 2024 -o out >/dev/null 2>&1 || exit 1
	i=$((i + 1))
done
pack_ns=$(( ($(now_ns) - t0) / runs ))
"$B/xhht" --data unit --passphrase-file upass pack 2024 -o out --armor >armored.path 2>/dev/null || exit 1
bin=$(ls out/*.xhht | head -1)
json_size=$(wc -c <report.json)
bin_size=$(wc -c <"$bin")
arm_size=$(wc -c <"$(cat armored.path)")
awk -v p="$pack_ns" -v j="$json_size" -v b="$bin_size" -v a="$arm_size" 'BEGIN {
	printf "  pack the reference report          %.0f ms per bundle (most of it the key unlock)\n", p / 1e6
	printf "  sizes: JSON export %d B, bundle %d B (%.2f×), armored %d B (%.2f×)\n", j, b, b / j, a, a / j
}'

# Open and verify: bundle_open against the bare cryptography over the same N bundles.
"$B/gen-bundles" --sample "$SAMPLE" central cpass "$N" many >/dev/null || exit 1
t0=$(now_ns)
"$B/bare-open" central cpass many >/dev/null || exit 1
bare_ns=$(($(now_ns) - t0))
t0=$(now_ns)
"$B/open-loop" central cpass many >/dev/null || exit 1
open_ns=$(($(now_ns) - t0))
awk -v b="$bare_ns" -v o="$open_ns" -v n="$N" 'BEGIN {
	printf "  bare libsodium open and verify     %.3f ms per bundle\n", b / n / 1e6
	printf "  bundle_open (all checks, trust)    %.3f ms per bundle (ratio bare/open %.2f)\n", o / n / 1e6, b / o
	printf "  (both include one key unlock of about 0.1 s, spread over %d bundles)\n", n
}'
