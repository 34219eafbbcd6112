# harness.sh: what every shell test shares (tests/cli, tests/tui, tests/crash; the set-up of
# tests/bench): the programs, a scratch folder removed at the end, a clean environment, the
# pass/fail counters and the assertions, and one summary line "NAME: N passed, M failed" with
# the exit status (0 when nothing failed, 1 otherwise; 2 for a missing program or tool).
#
# A test file:
#	. "$(dirname "$0")/../lib/harness.sh"
#	harness_start "$@"          # BUILD_DIR first; sets BUILD, XHHT, CENTRAL, SAMPLE, T, OUT, ERR
#	expect 0 load "$XHHT" --data "$T/d" load 2024 "$SAMPLE"; has "$OUT" "..." load-says
#	harness_end
# NAME is the file's path below tests/ without .sh (cli/run, tui/pack); SUITE=... before
# harness_start names it otherwise. AT_EXIT holds a command the exit runs before removing $T.

passed=0
failed=0
xfailed=0
AT_EXIT=":"

# harness_start [BUILD_DIR] [TMP_BASE]: the programs of BUILD_DIR (default build) and a fresh
# scratch folder $T below TMP_BASE (default $TMPDIR or /tmp); what commands print goes to $OUT
# and $ERR. Variables that would point the programs at another data folder or passphrase are
# unset.
harness_start() {
	BUILD=${1:-build}
	XHHT="$PWD/$BUILD/xhht"
	CENTRAL="$PWD/$BUILD/xhht-central"
	SAMPLE="$PWD/tests/data/bao-cao-mau.json"
	: "${SUITE:=$(printf '%s\n' "$0" | sed 's|^.*tests/||; s|\.sh$||')}"
	T=$(mktemp -d "${2:-${TMPDIR:-/tmp}}/xhht-$(printf '%s' "$SUITE" | tr / -).XXXXXX") || {
		echo "$SUITE: no scratch folder" >&2
		exit 2
	}
	OUT="$T/out"
	ERR="$T/err"
	TEST="" # the test under way, in failures (tests/tui names each block)
	trap 'eval "$AT_EXIT"; rm -rf "$T"' EXIT
	trap 'exit 2' INT TERM HUP
	unset XHHT_DATA XDG_DATA_HOME XHHT_PASSPHRASE_FILE
}

# harness_in_scratch: the test works inside $T, where commands' output is read by relative
# name (.out, .err), with the central's and the unit's passphrase files (cpass, upass) and their
# folders' options: $C (the central) and $U (the unit).
harness_in_scratch() {
	OUT="$T/.out" ERR="$T/.err"
	cd "$T" || exit 2
	printf 'cụm mật khẩu trung ương\n' >cpass
	printf 'mật khẩu đơn vị Minh Hòa\n' >upass
	C="--data $T/central --passphrase-file $T/cpass"
	U="--data $T/unit --passphrase-file $T/upass"
}

# need_program FILE...: each FILE is an executable (built), else exit 2 saying what to do.
need_program() {
	for p in "$@"; do
		[ -x "$p" ] && continue
		echo "$SUITE: no $p (make first)" >&2
		exit 2
	done
}

# harness_end: the summary line, and the exit status.
harness_end() {
	[ "$xfailed" -eq 0 ] || echo "$SUITE: $xfailed known bugs marked TODO (see above)" >&2
	echo "$SUITE: $passed passed, $failed failed"
	[ "$failed" -eq 0 ] && exit 0
	exit 1
}

ok() { passed=$((passed + 1)); }
# bad WHAT: a failed check, named (with the test's name, $TEST, when there is one).
bad() {
	failed=$((failed + 1))
	echo "FAIL: ${TEST:+[$TEST] }$*" >&2
}
# excerpt FILE: the start of FILE, for a failure's message.
excerpt() { head -c 400 "$1" 2>/dev/null; }

# must WHAT CMD...: CMD succeeds.
must() {
	what=$1
	shift
	if "$@"; then ok; else bad "$what"; fi
}
# xfail WHAT CMD...: a known bug, reported and waiting for its fix: printed, not counted as a
# failure. When the check passes, it says so, so that the marker is removed.
xfail() {
	what=$1
	shift
	if "$@"; then
		echo "XPASS: ${TEST:+[$TEST] }$what: passes now, remove its TODO mark" >&2
		ok
	else
		xfailed=$((xfailed + 1))
		echo "TODO: ${TEST:+[$TEST] }known bug, expected to fail: $what" >&2
	fi
}

# expect CODE NAME COMMAND...: COMMAND (stdin /dev/null) exits CODE; its output is kept in $OUT
# and $ERR.
expect() {
	want=$1 name=$2
	shift 2
	"$@" >"$OUT" 2>"$ERR" </dev/null
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else
		bad "$name: exit $got, wanted $want; stderr: $(excerpt "$ERR"); stdout: $(tail -c 400 "$OUT")"
	fi
}
# has FILE TEXT NAME: FILE contains TEXT. hasnt: it does not.
has() { if grep -qF -- "$2" "$1"; then ok; else bad "$3: no \"$2\" in $(excerpt "$1")"; fi; }
hasnt() { if grep -qF -- "$2" "$1"; then bad "$3: \"$2\" in $1"; else ok; fi; }
# same GOT WANT NAME: two strings are equal.
same() { if [ "$1" = "$2" ]; then ok; else bad "$3: got \"$1\", wanted \"$2\""; fi; }
# one_line NAME [FILE]: the error output (or FILE) is exactly one line.
one_line() {
	n=$(wc -l <"${2:-$ERR}")
	if [ "$n" -eq 1 ]; then ok; else bad "$1: ${2:-stderr} has $n lines: $(excerpt "${2:-$ERR}")"; fi
}
# no_raw NAME FILE: FILE holds no ESC and no U+202E (right-to-left override) as such: names
# that would drive the terminal are printed escaped.
no_raw() {
	if grep -qF -- "$(printf '\033')" "$2" || grep -qF -- "$(printf '\342\200\256')" "$2"; then
		bad "$1: raw ESC or U+202E in $2"
	else ok; fi
}

