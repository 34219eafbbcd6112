#!/bin/sh
# unit.sh: the unit tests of the core on Windows: tests/unit/test_*.c of the Makefile's
# WIN_UNIT_TESTS, with the core compiled for Windows (src/platform_win.c) and cmocka, all
# cross-built against the libraries of `make windows-libs` (make win-unit-programs), each run
# under Wine; a test program passes when every case in it passes (cmocka's exit status).
# Skipped with one line without the cross compiler, Wine or the built libraries. Wine's prefix
# is BUILD_DIR/win/wineprefix, as smoke.sh's. Usage: sh tests/windows/unit.sh BUILD_DIR
set -u
SUITE=windows/unit
BUILD_ARG=${1:-build}
. "$(dirname "$0")/lib.sh"
win_need "$BUILD_ARG" sqlite3 sodium utf8proc cmocka

. "$(dirname "$0")/../lib/harness.sh"
harness_start "$@"

# The programs, built (or found up to date) by make: the core's objects for Windows are kept in
# BUILD_DIR/win-unit between runs (not under win/, whose *.d files build-libs.sh forbids).
if ${MAKE:-make} --no-print-directory BUILD="$BUILD_ARG" win-unit-programs >"$T/make.out" 2>&1; then ok; else
	bad "make win-unit-programs: $(grep -m 5 'error' "$T/make.out" || tail -n 5 "$T/make.out")"
	harness_end
fi

win_prefix "$BUILD_ARG"

# A USB stick for test_places: Wine's drive U: made removable for this run ("floppy" in Wine's
# registry, which its server reads when it starts: the server is stopped first), a scratch
# folder whose volume label (Wine reads .windows-label) is Vietnamese. Undone at the end.
WINESERVER=$(command -v wineserver || { [ -x "$(dirname "$WINE")/wineserver" ] && echo "$(dirname "$WINE")/wineserver"; })
if [ -n "$WINESERVER" ] && [ -d "$WINEPREFIX/dosdevices" ] && [ ! -e "$WINEPREFIX/dosdevices/u:" ]; then
	mkdir -p "$T/stick"
	printf 'USB Hà Nội\n' >"$T/stick/.windows-label"
	ln -s "$T/stick" "$WINEPREFIX/dosdevices/u:"
	"$WINE" reg add 'HKLM\Software\Wine\Drives' /v u: /t REG_SZ /d floppy /f >/dev/null 2>&1
	"$WINESERVER" -k 2>/dev/null
	export XHHT_TEST_USB_DRIVE=U
	AT_EXIT="rm -f '$WINEPREFIX/dosdevices/u:'; '$WINE' reg delete 'HKLM\Software\Wine\Drives' /v u: /f >/dev/null 2>&1; '$WINESERVER' -k 2>/dev/null"
else
	echo "$SUITE: no removable drive made for test_places (no wineserver, or U: taken)"
fi
for exe in $(${MAKE:-make} -s --no-print-directory BUILD="$BUILD_ARG" win-unit-names); do
	name=$(basename "$exe" .exe)
	# Wine's first start in a new prefix sets it up (10 to 30 s); a hang ends after 3 minutes.
	timeout 180 "$WINE" "$exe" </dev/null >"$T/$name.out" 2>&1
	rc=$?
	tr -d '\r' <"$T/$name.out" >"$OUT"
	if [ $rc -eq 0 ] && grep -q '^\[  PASSED  \]' "$OUT" && ! grep -q '^\[  FAILED  \]' "$OUT"; then
		ok
	else
		bad "$name under Wine (exit $rc): $(grep -A 2 '^\[  ERROR\|^\[  FAILED' "$OUT" | head -n 20)"
	fi
done
harness_end
