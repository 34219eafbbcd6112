# lib.sh: what the Windows tests (smoke.sh, unit.sh, tui.sh, cli.sh, suites.sh) share: the
# cross compiler, Wine and the libraries of `make windows-libs` found, or the suite skipped
# with one line; Wine's settings.
# win_need BUILD_DIR LIB...: sets cc, WINE and P (BUILD_DIR/win/prefix), or skips the suite
# ($SUITE) without the cross compiler, Wine or one of the archives P/lib/libLIB.a.
win_need() {
	build=$1
	shift
	cc=x86_64-w64-mingw32-gcc
	command -v $cc >/dev/null 2>&1 || win_skip "no $cc (sh packaging/install-deps.sh windows)"
	WINE=$(command -v wine64 || command -v wine || { [ -x /usr/lib/wine/wine64 ] && echo /usr/lib/wine/wine64; }) ||
		win_skip "no Wine (sh packaging/install-deps.sh windows)"
	P="$PWD/$build/win/prefix"
	for lib in "$@"; do
		[ -f "$P/lib/lib$lib.a" ] || win_skip "no $P/lib/lib$lib.a (make windows-libs)"
	done
}

win_skip() {
	echo "$SUITE: skipped: $*"
	exit 0
}

# win_prefix BUILD_DIR: Wine with the prefix BUILD_DIR/win/wineprefix (made at its first start,
# 10 to 30 s), quiet, without the .NET and HTML installers it would offer.
win_prefix() {
	export WINEPREFIX="$PWD/$1/win/wineprefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
	mkdir -p "$WINEPREFIX"
}
