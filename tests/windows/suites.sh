#!/bin/sh
# suites.sh: the Linux command-line suites tests/cli/run.sh and tests/cli/trust.sh again, with
# XHHT and CENTRAL the Windows programs of BUILD_DIR/win/test under Wine (XHHT_WINE=1, see
# harness_wine): the same 2,300 checks, but for those that cannot hold on Windows, each skipped
# with one line naming it (posix_only: Unix modes, symbolic links, flock(1), other accounts,
# read-only mounts). About 70 s. Skipped with one line without the cross compiler, Wine or the
# libraries of `make windows-libs`; the programs are built when needed.
# Usage: sh tests/windows/suites.sh BUILD_DIR
set -u
SUITE=windows/suites
. "$(dirname "$0")/../lib/harness.sh"
. "$(dirname "$0")/lib.sh"
win_need "${1:-build}" ncursesw sqlite3 sodium utf8proc
harness_start "$@"
wine_programs
wine_server
for suite in run trust; do
	if XHHT_WINE=1 WINE="$WINE" XHHT_WINE_AGAIN="$AGAIN" sh "tests/cli/$suite.sh" "$BUILD"; then ok; else
		bad "tests/cli/$suite.sh with the Windows programs (above)"
	fi
done
wine_said_again
harness_end
