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


# --- the Windows programs under Wine (tests/windows/) ------------------------------------------
# wine_runner: $T/wine/run EXE ARGS..., which runs EXE under Wine. Wine ends a run now and then
# (3 times in about 9,000 starts here) with exit 1 before the program has written anything,
# which the programs never do (each refusal says why): with stdout and stderr regular files
# still empty (nothing can have been read from them, nothing is lost), such a run is made
# again, once, and named in $AGAIN ($XHHT_WINE_AGAIN when a parent gave it, as suites.sh does),
# which wine_said_again prints.
wine_runner() {
	mkdir -p "$T/wine"
	AGAIN=${XHHT_WINE_AGAIN:-$T/wine/again}
	cat >"$T/wine/run" <<-RUN
		#!/bin/sh
		"$WINE" "\$@"
		rc=\$?
		if [ \$rc = 1 ] && [ -f /dev/stdout ] && [ ! -s /dev/stdout ] && [ -f /dev/stderr ] && [ ! -s /dev/stderr ]; then
			echo "\$*" >>"$AGAIN"
			"$WINE" "\$@"
			rc=\$?
		fi
		exit \$rc
	RUN
	chmod +x "$T/wine/run"
}
# wine_said_again: one line saying how many runs wine_runner made again, if any.
wine_said_again() {
	[ -s "$AGAIN" ] || return 0
	echo "$SUITE: Wine ended $(wc -l <"$AGAIN") runs with exit 1 before they wrote anything; each was made again: $(head -c 300 "$AGAIN" | tr '\n' ';')" >&2
}
# harness_wine (after harness_start): with XHHT_WINE=1 (tests/windows/suites.sh), XHHT and
# CENTRAL are BUILD/win/test's xhht.exe and xhht-central.exe under Wine (wine_runner); without
# it, nothing changes.
harness_wine() {
	[ "${XHHT_WINE:-}" = 1 ] || return 0
	. "$(dirname "$0")/../windows/lib.sh"
	win_need "$BUILD"
	need_program "$PWD/$BUILD/win/test/xhht.exe" "$PWD/$BUILD/win/test/xhht-central.exe"
	win_prefix "$BUILD"
	wine_runner
	for p in xhht xhht-central; do
		printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$T/wine/run" "$PWD/$BUILD/win/test/$p.exe" >"$T/wine/$p"
		chmod +x "$T/wine/$p"
	done
	XHHT="$T/wine/xhht" CENTRAL="$T/wine/xhht-central"
}
# posix_only WHAT: true but under Wine (XHHT_WINE=1), where it says in one line that WHAT is not
# checked there (Unix modes, links, FIFOs, flock, other accounts: docs/windows.md, "Tests").
posix_only() {
	[ "${XHHT_WINE:-}" = 1 ] || return 0
	echo "$SUITE: under Wine, not checked: $*" >&2
	return 1
}
# native PATH: PATH as the programs print a file's full name: as it is on Linux; under Wine
# the Windows form SQLite gives it (Z:\tmp\...).
native() {
	if [ "${XHHT_WINE:-}" = 1 ]; then printf 'Z:%s' "$1" | tr / '\\'; else printf '%s' "$1"; fi
}
# wine_programs (after harness_start): BUILD/win/test/xhht.exe and xhht-central.exe built when
# needed (make windows-programs WIN_VARIANT=test), as WXHHT and WCENTRAL; a failed build ends
# the suite.
wine_programs() {
	WXHHT="$PWD/$BUILD/win/test/xhht.exe" WCENTRAL="$PWD/$BUILD/win/test/xhht-central.exe"
	make --no-print-directory windows-programs WIN_VARIANT=test BUILD="$BUILD" >"$T/make.out" 2>&1 &&
		return 0
	bad "make windows-programs WIN_VARIANT=test: $(tail -c 600 "$T/make.out")"
	harness_end
}
# wine_server (after win_need, tests/windows/lib.sh): Wine's settings (win_prefix),
# $T/wine/run (wine_runner) and one wineserver for the whole file, stopped at its end: a Wine
# start then takes about 50 ms instead of 400. The first start in a new prefix sets it up (10 to
# 30 s): a hang ends after 3 minutes.
wine_server() {
	win_prefix "$BUILD"
	wine_runner
	WINESERVER=$(dirname "$WINE")/wineserver
	[ -x "$WINESERVER" ] || WINESERVER=$(command -v wineserver) || {
		bad "no wineserver beside $WINE"
		harness_end
	}
	"$WINESERVER" -p
	AT_EXIT="'$WINESERVER' -k 2>/dev/null"
	timeout 180 "$T/wine/run" "$WXHHT" --version >"$OUT" 2>"$ERR" </dev/null && return 0
	bad "xhht.exe --version under Wine: $(excerpt "$ERR")"
	harness_end
}
