#!/bin/sh
# import-kill.sh: kills `xhht-central import` with SIGKILL at random moments, 200 times, and checks
# after each kill that the database is whole and holds every bundle fully or not at all, then
# that re-running the import finishes the job with every bundle merged, and answered, once.
# Usage: tests/crash/import-kill.sh BUILD_DIR [SAN]
#
# Each iteration copies a fresh snapshot of a central (300 units enrolled, no bundle yet),
# starts the import of 300 bundles (2 attachments each) with --receipts in the background,
# kills it at a point drawn from a PRNG seeded by the iteration number, then:
#   - db-check: integrity_check, foreign keys, and each bundle all there (row, attachments,
#     audit line, merged report and values) or absent;
#   - no receipt names a bundle the database does not hold (receipts follow commits);
#   - the import again, to the end: exit 0, nothing older, in conflict or refused;
#   - 300 bundles, each merged exactly once (audit), status JSON with 300 units on time and one
#     bundle each, and exactly one receipt file per bundle.
# Kill points: 10% of iterations during the start (key derivation, first bundle: before any
# commit), 10% in the first tenth of the bundles, 15% in the last tenth (near the end), the rest
# anywhere; within a bundle, a random few milliseconds after the previous one's line.
# Iterations run in parallel, one per CPU (at most 4), each in its own folder.
#
# The folders go to /dev/shm when it is there: a SIGKILL ends the process, not the machine,
# so what reaches the disk is not in question (the kernel keeps every write the process made);
# what is tested is that SQLite's transactions and the importer's order of work leave no
# half-done bundle. On tmpfs the syncs cost nothing and more kills fit in the time.
#
# The bundles are real (units enrolled, keys bound by their first bundle) but carry a report of
# the small test template (tests/templates/khao-sat-thu-1.json, values and a table): the year's
# template takes milliseconds to parse, three times per bundle, which would make 200 runs of 300
# bundles take several times longer; XHHT_CRASH_TEMPLATE=year uses it all the same.
#
# A failure prints the iteration and its kill point; XHHT_CRASH_ONLY=I runs only iteration I
# (the kill lands near the same point; timing decides the rest). XHHT_CRASH_ITERATIONS and
# XHHT_CRASH_BUNDLES change the counts. Under SAN=1 the test is skipped: the sanitizer build
# is several times slower, and the same code runs under it in tests/cli/import.sh.
set -u
. "$(dirname "$0")/../lib/harness.sh"
SAN=${2:-0}
ITER=${XHHT_CRASH_ITERATIONS:-200}
N=${XHHT_CRASH_BUNDLES:-300}
ONLY=${XHHT_CRASH_ONLY:-}
base=${TMPDIR:-/tmp}
[ -d /dev/shm ] && [ -w /dev/shm ] && base=/dev/shm
harness_start "${1:-build}" "$base"
if [ "$SAN" = 1 ]; then
	echo "import crash test: skipped under SAN=1 (too slow there; it runs in the normal build)"
	harness_end
fi
SRC="$PWD/$BUILD"
if [ "${XHHT_CRASH_TEMPLATE:-}" = year ]; then
	GEN_REPORT="--sample $SAMPLE"
else
	GEN_REPORT="--sample $PWD/tests/data/khao-sat-thu.json --template $PWD/tests/templates/khao-sat-thu-1.json"
fi
# Packed on 01/12: every unit is on time.
export XHHT_NOW=2024-12-01T03:00:00Z
cd "$T" || exit 2
# Copies: a rebuild while the test runs (make in another window) must not swap the programs.
mkdir bin && cp "$SRC/xhht-central" "$SRC/gen-bundles" "$SRC/db-check" bin/ || exit 2
CENTRAL="$T/bin/xhht-central"
GEN="$T/bin/gen-bundles"
DBCHECK="$T/bin/db-check"
printf 'cụm mật khẩu trung ương thử nghiệm\n' >pass
started=$(date +%s)

# --- once: the central, its units, the bundles --------------------------------------------
"$CENTRAL" --data snap --passphrase-file pass init >/dev/null || exit 2
"$GEN" $GEN_REPORT --attachments 2 snap pass "$N" bundles >/dev/null || exit 2

now_us() { echo $(($(date +%s%N) / 1000)); }

# Runs the import to the end in folder $1 and checks everything; prints problems, returns 1.
finish_and_check() {
	w=$1
	"$CENTRAL" --lang en --data "$w/c" --passphrase-file pass import --receipts "$w/r" bundles \
		>"$w/rerun.out" 2>"$w/rerun.err"
	rc=$?
	[ "$rc" -eq 0 ] || { echo "re-run exit $rc: $(tail -n 3 "$w/rerun.err" "$w/rerun.out")"; return 1; }
	grep -q "^$N bundles: merged [0-9]*, already had [0-9]*, older 0, conflicts 0, refused 0" \
		"$w/rerun.out" || { echo "re-run summary: $(tail -n 1 "$w/rerun.out")"; return 1; }
	out=$("$DBCHECK" "$w/c/xhht-central.db" --attachments 2) || { echo "after re-run: $out"; return 1; }
	got=$("$DBCHECK" "$w/c/xhht-central.db" --sql "SELECT (SELECT count(*) FROM bundle),
		(SELECT count(*) FROM bundle WHERE state = 'merged'),
		(SELECT count(*) || '/' || count(DISTINCT file_hash) FROM audit WHERE outcome = 'merged'),
		(SELECT count(*) || '/' || count(DISTINCT bundle_hash) FROM receipt_sent)" | tr '\t' ' ')
	[ "$got" = "$N $N $N/$N $N/$N" ] ||
		{ echo "bundles, merged, merges in the audit, receipts recorded: $got (want $N each)"; return 1; }
	"$CENTRAL" --data "$w/c" status 2024 --format json >"$w/status.json" ||
		{ echo "status failed"; return 1; }
	grep -q "\"counts\":{\"not_received\":0,\"on_time\":$N,\"late\":0,\"conflict\":0,\"needs_fixing\":0,\"approved\":0}" \
		"$w/status.json" || { echo "status counts: $(tail -n 1 "$w/status.json")"; return 1; }
	ones=$(grep -c '"bundles":1}' "$w/status.json")
	[ "$ones" -eq "$N" ] || { echo "units with exactly one bundle: $ones"; return 1; }
	files=$(ls "$w/r" | grep -c '^XHHT-2024-U[0-9]*-r1\.receipt$')
	others=$(ls "$w/r" | grep '\.receipt$' | grep -vc '^XHHT-2024-U[0-9]*-r1\.receipt$')
	[ "$files" -eq "$N" ] && [ "$others" -eq 0 ] ||
		{ echo "receipt files: $files named once, $others more ($(ls "$w/r" | grep -v '^XHHT-2024-U[0-9]*-r1\.receipt$' | head -n 3 | tr '\n' ' '))"; return 1; }
	return 0
}

# Checks the state a kill left in folder $1; prints problems, returns 1.
check_killed() {
	w=$1
	out=$("$DBCHECK" "$w/c/xhht-central.db" --attachments 2) || { echo "after the kill: $out"; return 1; }
	# A receipt is written only after its bundle's merge is committed.
	"$DBCHECK" "$w/c/xhht-central.db" --sql "SELECT unit_code FROM bundle ORDER BY 1" >"$w/held"
	ls "$w/r" | sed -n 's/^XHHT-2024-\(U[0-9]*\)-r1\.receipt$/\1/p' | sort >"$w/answered"
	early=$(comm -23 "$w/answered" "$w/held" | head -n 3 | tr '\n' ' ')
	[ -z "$early" ] || { echo "receipts for bundles the database does not hold: $early"; return 1; }
	return 0
}

# Where iteration $1 kills: "LINES MICROSECONDS", after the importer has reported LINES bundles
# (a line follows each bundle's commit and receipt), that much later again. Counting lines, not
# time, keeps the spread when the machine is busy with something else.
kill_point() {
	r=$(($1 * 7919 + 17))
	for _ in 1 2 3; do r=$(((r * 1103515245 + 12345) % 2147483648)); done
	kind=$((r % 100))
	r=$(((r * 1103515245 + 12345) % 2147483648))
	if [ "$kind" -lt 10 ]; then
		lines=0
	elif [ "$kind" -lt 20 ]; then
		lines=$((r % (N / 10)))
	elif [ "$kind" -lt 35 ]; then
		lines=$((N - 2 - r % (N / 10)))
	else
		lines=$((r % N))
	fi
	r=$(((r * 1103515245 + 12345) % 2147483648))
	# Before the first line: anywhere in the start (key derivation) and the first bundle;
	# after one: anywhere in the next bundle or two.
	[ "$lines" -eq 0 ] && echo "0 $((r % 150000))" || echo "$lines $((r % 4000))"
}

iteration() {
	i=$1 w=$2
	rm -rf "$w" && mkdir -p "$w/r" && cp -R snap "$w/c" || return 1
	set -- $(kill_point "$i")
	lines=$1 extra=$2
	: >"$w/kill.out"
	"$CENTRAL" --data "$w/c" --passphrase-file pass import --receipts "$w/r" bundles \
		>>"$w/kill.out" 2>&1 &
	pid=$!
	while [ "$(wc -l <"$w/kill.out")" -lt "$lines" ] && kill -0 "$pid" 2>/dev/null; do
		sleep 0.01
	done
	sleep "0.$(printf '%06d' "$extra")"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rc=$?
	[ "$rc" -eq 137 ] && echo k >>"$w/../kills.$$" || echo f >>"$w/../kills.$$"
	held=$("$DBCHECK" "$w/c/xhht-central.db" --sql "SELECT count(*) FROM bundle" 2>&1)
	echo "$held" >>"$w/../held.$$"
	msg=$(check_killed "$w") && msg=$(finish_and_check "$w") && return 0
	keep="${TMPDIR:-/tmp}/xhht-crash-failed-$i"
	rm -rf "$keep" && cp -R "$w" "$keep" 2>/dev/null
	echo "FAIL: iteration $i (killed $extra us after line $lines, $held bundles held): $msg" \
		"(its folder is kept in $keep)" >&2
	return 1
}

# --- a run without a kill, timed; its end state is checked like the others' ------------------
workers=$(nproc 2>/dev/null || echo 1)
[ "$workers" -gt 4 ] && workers=4
[ -n "$ONLY" ] && workers=1
uninterrupted() {
	w="$T/m$1"
	rm -rf "$w" && mkdir -p "$w/r" && cp -R snap "$w/c"
	t0=$(now_us)
	"$CENTRAL" --data "$w/c" --passphrase-file pass import --receipts "$w/r" bundles >/dev/null 2>&1
	echo $(($(now_us) - t0)) >"$T/m$1.us"
	finish_and_check "$w" >"$T/m$1.err" || echo "FAIL: the uninterrupted run: $(cat "$T/m$1.err")" >&2
}
uninterrupted 0
full=$(cat "$T/m0.us")
failed=0
[ -s "$T/m0.err" ] && failed=1

# --- the kills ------------------------------------------------------------------------------
mkdir -p "$T/w"
: >"$T/w/kills.$$"
: >"$T/w/held.$$"
if [ -n "$ONLY" ]; then
	iteration "$ONLY" "$T/w/0" || failed=$((failed + 1))
	ITER=1
else
	k=0
	while [ "$k" -lt "$workers" ]; do
		(
			bad=0
			i=$k
			while [ "$i" -lt "$ITER" ]; do
				iteration "$i" "$T/w/$k" || bad=$((bad + 1))
				i=$((i + workers))
			done
			echo "$bad" >"$T/w/bad.$k"
		) &
		k=$((k + 1))
	done
	wait
	for f in "$T"/w/bad.*; do failed=$((failed + $(cat "$f"))); done
fi
kills=$(grep -c k "$T/w/kills.$$")
none=$(grep -cx 0 "$T/w/held.$$")
all=$(grep -cx "$N" "$T/w/held.$$")
spread=$(sort -n "$T/w/held.$$" | awk '{ h[NR] = $1 } END { printf "%d/%d/%d", h[int(NR / 4) + 1], h[int(NR / 2) + 1], h[int(NR * 3 / 4) + 1] }')
echo "import crash test: $ITER kills of an import of $N bundles (full run $((full / 1000)) ms," \
	"$workers at a time): $kills killed mid-way, $((ITER - kills)) finished first;" \
	"bundles held at the kill: none $none times, all $all times, quartiles $spread;" \
	"$(($(date +%s) - started)) s"
# Each iteration, and the uninterrupted run, is one check.
passed=$((ITER + 1 - failed))
harness_end
