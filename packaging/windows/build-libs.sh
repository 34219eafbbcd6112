#!/bin/sh
# build-libs.sh: cross-builds the Windows programs' libraries (libsodium, SQLite, ncursesw,
# utf8proc) as static x86-64 MinGW archives from Debian's own source packages.
# Usage: packaging/windows/build-libs.sh BUILD_DIR
# Sources: fetched with apt-get source through a private apt configuration under
# BUILD_DIR/win/apt (deb-src lines made from the Debian mirror the host's apt already names; the
# system's apt configuration is never changed), cached in BUILD_DIR/win/src: a second run needs no
# network. Each library is extracted afresh by dpkg-source and built into BUILD_DIR/win/prefix;
# a library whose stamp matches (its source version and this script's and patches' contents) is
# not built again. Installs nothing: packaging/install-deps.sh windows does.
set -eu

[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1"
build=$(cd "$1" && pwd)
win=$build/win
src=$win/src
prefix=$win/prefix
work=$win/work
host=x86_64-w64-mingw32
cc=$host-gcc
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
# The source packages, by their Debian source names (cmocka: the unit tests under Wine).
packages="libsodium sqlite3 ncurses utf8proc cmocka"

die() { echo "build-libs: $*" >&2; exit 1; }
command -v "$cc" >/dev/null 2>&1 ||
	die "$cc not found: run packaging/install-deps.sh windows (gcc-mingw-w64-x86-64)"
for tool in apt-get dpkg-source autoreconf tclsh tic infocmp patch make gpg gpgv; do
	command -v $tool >/dev/null 2>&1 ||
		die "$tool not found: run packaging/install-deps.sh windows"
done

# --- Sources ---------------------------------------------------------------------------------
# The host's Debian entries (one-line .list and deb822 .sources files), as deb-src lines: only
# URIs ending in /debian or /debian-security, so that third-party repositories are never asked.
host_sources() {
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		sed -n 's/^[[:space:]]*deb[[:space:]]\{1,\}\(\[[^]]*\][[:space:]]*\)\{0,1\}\([^[:space:]]*\/debian\(-security\)\{0,1\}\/\{0,1\}\)[[:space:]]\{1,\}\(.*\)$/\2 \4/p' "$f"
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		# One stanza per paragraph: URIs, Suites, Components (Enabled: no skips it).
		awk 'function flush() { if (u != "" && t ~ /(^| )deb( |$)/ && en != "no")
				{ n = split(u, us, " "); m = split(s, ss, " ");
				  for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) print us[i], ss[j], c }
			  u = s = c = t = en = "" }
			/^[[:space:]]*$/ { flush(); next }
			/^#/ { next }
			{ k = tolower($1); v = $0; sub(/^[^:]*:[[:space:]]*/, "", v) }
			k == "types:" { t = v } k == "uris:" { u = v } k == "suites:" { s = v }
			k == "components:" { c = v } k == "enabled:" { en = tolower(v) }
			END { flush() }' "$f" |
			grep -E '^[^ ]*/debian(-security)?/? ' || true
	done
}

# apt with its own lists, caches and sources under $win/apt: reads the host's keyrings, writes
# nothing outside BUILD_DIR. Sources indexes only (no Packages, no translations).
apt_dir=$win/apt
apt_private() {
	apt-get -q -o Dir::Etc::SourceList="$apt_dir/sources.list" \
		-o Dir::Etc::SourceParts="$apt_dir/parts" \
		-o Dir::State::Lists="$apt_dir/lists" -o Dir::Cache="$apt_dir/cache" \
		-o Dir::State::extended_states="$apt_dir/extended_states" \
		-o Acquire::Languages=none -o APT::Sandbox::User="$(id -un)" "$@"
}

fetch_sources() {
	mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" \
		"$apt_dir/parts" "$src"
	host_sources | sort -u | sed 's/^/deb-src /' > "$apt_dir/sources.list"
	[ -s "$apt_dir/sources.list" ] ||
		die "no Debian mirror found in /etc/apt/sources.list*: cannot fetch the sources"
	echo "build-libs: fetching Debian's source lists ($(awk '{print $2, $3}' "$apt_dir/sources.list" | tr '\n' ' '))"
	apt_private update >"$apt_dir/update.log" 2>&1 ||
		{ cat "$apt_dir/update.log" >&2; die "apt-get update of the source lists failed"; }
	# apt-get source checks each file's size and SHA-256 against the Sources index, whose
	# checksums are in the Release file signed by the archive's key (InRelease, checked by
	# apt against the keyrings of the host's entries); --download-only: dpkg-source extracts.
	for p in $packages; do
		(cd "$src" && apt_private source --download-only "$p" >"$apt_dir/source-$p.log" 2>&1) ||
			{ cat "$apt_dir/source-$p.log" >&2; die "apt-get source $p failed"; }
	done
}

# The .dsc of package $1 in the cache (the highest version when several are there).
dsc_of() {
	ls "$src/$1"_*.dsc 2>/dev/null | sort -V | tail -n 1
}

have_all=yes
for p in $packages; do [ -n "$(dsc_of "$p")" ] || have_all=no; done
[ $have_all = yes ] || fetch_sources
for p in $packages; do [ -n "$(dsc_of "$p")" ] || die "no $p source package in $src"; done

# dpkg-source checks the sizes and checksums of the .dsc's files and, when Debian's keyring of
# maintainers' keys is installed (debian-keyring), requires a valid signature of the .dsc.
if [ -f /usr/share/keyrings/debian-keyring.gpg ]; then
	sig=--require-valid-signature
	verified="apt: InRelease signature, Sources and file SHA-256; dpkg-source: .dsc signature (debian-keyring) and checksums; upstream tarball signatures"
else
	sig=
	verified="apt: InRelease signature, Sources and file SHA-256; dpkg-source: .dsc checksums (signature NOT checked: no debian-keyring); upstream tarball signatures"
	echo "build-libs: the .dsc signatures are not checked: debian-keyring is not installed" >&2
fi
extract() { # extract PACKAGE: prints the fresh source tree's path
	rm -rf "${work:?}/$1"
	mkdir -p "$work/$1"
	dpkg-source $sig -x "$(dsc_of "$1")" "$work/$1/tree" >"$work/$1.extract.log" 2>&1 ||
		{ cat "$work/$1.extract.log" >&2; die "dpkg-source -x $(dsc_of "$1") failed"; }
	upstream_signature "$1" "$work/$1/tree"
	echo "$work/$1/tree"
}
# The upstream tarball's signature (ncurses ships one) checked against the upstream key the
# Debian package carries (debian/upstream/signing-key.asc), as dpkg-source does when building.
upstream_signature() { # upstream_signature PACKAGE TREE
	key=$2/debian/upstream/signing-key.asc
	for asc in "$src/$1"_*.orig.tar.*.asc; do
		[ -f "$asc" ] && [ -f "$key" ] || continue
		gpg --batch --quiet --dearmor <"$key" >"$work/$1/upstream-key.gpg" &&
			gpgv --keyring "$work/$1/upstream-key.gpg" "$asc" "${asc%.asc}" \
				>>"$work/$1.extract.log" 2>&1 ||
			die "the upstream signature $asc does not verify with $key"
	done
}
version_of() { sed -n 's/^Version: //p' "$(dsc_of "$1")"; }

# A library is built again when its source version, this script (but for its comments) or the
# patches changed.
recipe=$({ grep -v '^[[:space:]]*#' "$0"; cat "$here"/patches/*; } 2>/dev/null | sha256sum |
	cut -c1-16)
stamp_ok() { [ "$(cat "$prefix/.stamp-$1" 2>/dev/null)" = "$(version_of "$1") $recipe" ]; }
stamp_set() { echo "$(version_of "$1") $recipe" > "$prefix/.stamp-$1"; }
mkdir -p "$prefix/lib" "$prefix/include"

# --- Libraries -------------------------------------------------------------------------------
# Each writes its log to $work/NAME.log; a failure shows the log's end.
run_logged() { # run_logged NAME COMMAND...
	log=$work/$1.log
	shift
	"$@" >>"$log" 2>&1 || { tail -n 40 "$log" >&2; die "$1 failed (log $log)"; }
}
cross_flags="-O2"

# libsodium: Debian's tree regenerated by autoreconf (its configure predates some of what
# MinGW's autoconf checks need), the static archive only.
build_libsodium() {
	t=$(extract libsodium)
	cd "$t"
	run_logged libsodium autoreconf -fi
	run_logged libsodium ./configure --host=$host --prefix="$prefix" --disable-shared \
		--enable-static --disable-dependency-tracking CFLAGS="$cross_flags"
	run_logged libsodium make -j"$jobs"
	run_logged libsodium make install
}

# SQLite: the amalgamation (sqlite3.c) generated natively, which needs tclsh, then compiled
# for the target. The options: what src/store.c relies on is in every build (RETURNING,
# VACUUM INTO, the backup and blob APIs, SQLITE_DBCONFIG_DEFENSIVE, SQLITE_OPEN_NOFOLLOW;
# sqlite3_config(SQLITE_CONFIG_MULTITHREAD) needs a thread-safe build, the default); nothing
# loads an extension, so the loader is left out; the maths functions as in Debian's build.
sqlite_options="-DSQLITE_THREADSAFE=1 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_ENABLE_MATH_FUNCTIONS \
	-DSQLITE_ENABLE_API_ARMOR"
build_sqlite3() {
	t=$(extract sqlite3)
	# Its web pages are not needed, and their search.d would be taken for a dependency file by
	# the Makefile's include of $(BUILD)'s *.d files.
	rm -rf "$t/www"
	mkdir -p "$work/sqlite3/native"
	cd "$work/sqlite3/native"
	run_logged sqlite3 "$t/configure" --disable-tcl --disable-readline
	run_logged sqlite3 make sqlite3.c
	# shellcheck disable=SC2086
	run_logged sqlite3 $cc $cross_flags $sqlite_options -c sqlite3.c -o sqlite3.o
	rm -f "$prefix/lib/libsqlite3.a"
	run_logged sqlite3 $host-ar rcs "$prefix/lib/libsqlite3.a" sqlite3.o
	cp sqlite3.h sqlite3ext.h "$prefix/include/"
}

# utf8proc: its two .c files (utf8proc_data.c is included by utf8proc.c) compiled directly;
# UTF8PROC_STATIC keeps its declarations free of dllimport.
build_utf8proc() {
	t=$(extract utf8proc)
	cd "$t"
	run_logged utf8proc $cc $cross_flags -DUTF8PROC_STATIC -c utf8proc.c -o utf8proc.o
	rm -f "$prefix/lib/libutf8proc.a"
	run_logged utf8proc $host-ar rcs "$prefix/lib/libutf8proc.a" utf8proc.o
	cp utf8proc.h "$prefix/include/"
}

# cmocka (the unit tests run under Wine, tests/windows/unit.sh): its one file src/cmocka.c
# compiled directly, as utf8proc; CMake's configuration checks give nothing MinGW needs but
# these: the headers it has, struct timespec. Without HAVE_SIGLONGJMP it uses setjmp/longjmp.
# Its messages go through MinGW's C99 printf (msvcrt's knows no %zu), and the installed
# header checks them as such (gnu_printf: on MinGW, printf in a format attribute means msvcrt's).
build_cmocka() {
	t=$(extract cmocka)
	cd "$t"
	run_logged cmocka $cc $cross_flags -D__USE_MINGW_ANSI_STDIO=1 -DHAVE_SIGNAL_H \
		-DHAVE_MALLOC_H -DHAVE_INTTYPES_H -DHAVE_STRUCT_TIMESPEC -Iinclude \
		-c src/cmocka.c -o cmocka.o
	rm -f "$prefix/lib/libcmocka.a"
	run_logged cmocka $host-ar rcs "$prefix/lib/libcmocka.a" cmocka.o
	sed 's/__format__ (__printf__, a, b)/__format__ (__gnu_printf__, a, b)/' include/cmocka.h \
		>"$prefix/include/cmocka.h"
	grep -q __gnu_printf__ "$prefix/include/cmocka.h" || die "cmocka.h: no printf attribute to change"
}

# ncursesw: wide characters, the terminal driver (ncurses' Windows console driver, chosen by
# TERM=#win32con, and terminfo for the others), the SP functions; no programs, no terminfo
# database (a folder of terminal descriptions means nothing on a stick): the descriptions of
# WIN_FALLBACKS compiled in from the host's (tic and infocmp). Then our patch of the console
# driver's keys (packaging/windows/patches/). Headers in include/ncursesw.
fallbacks=${WIN_FALLBACKS:-xterm-256color,tmux-256color,screen-256color,vt100}
build_ncurses() {
	t=$(extract ncurses)
	cd "$t"
	for f in "$here"/patches/ncurses-*.patch; do
		[ -f "$f" ] || continue
		run_logged ncurses patch -p1 --no-backup-if-mismatch -i "$f"
	done
	run_logged ncurses ./configure --host=$host --prefix="$prefix" --without-shared \
		--with-normal --without-debug --without-ada --without-cxx --without-cxx-binding \
		--without-progs --without-tests --without-manpages --disable-db-install \
		--enable-widec --enable-term-driver --enable-sp-funcs --enable-ext-colors \
		--enable-ext-mouse --disable-database --disable-home-terminfo --disable-termcap \
		--with-fallbacks="$fallbacks" --with-tic-path="$(command -v tic)" \
		--with-infocmp-path="$(command -v infocmp)" --disable-rpath --without-pkg-config \
		--disable-pc-files CFLAGS="$cross_flags"
	# D: archives without dates or owners (ncurses asks ar for U), so that they are reproducible
	# (without u, which D excludes).
	run_logged ncurses make -j"$jobs" libs ARFLAGS=-crvD
	run_logged ncurses make install.libs ARFLAGS=-crvD
}

# --- Main ------------------------------------------------------------------------------------
start=$(date +%s)
for p in ${WIN_LIBS:-$packages}; do
	if stamp_ok "$p"; then
		echo "build-libs: $p $(version_of "$p") already built"
		continue
	fi
	echo "build-libs: building $p $(version_of "$p") for $host"
	rm -f "$work/$p.log"
	(build_"$p")
	stamp_set "$p"
	rm -rf "${work:?}/$p" # the tree and dpkg-source's copies of the tarballs; the logs stay
done
# The Makefile includes every file named *.d under BUILD_DIR as make's dependencies: only the
# programs' own (win/release, win/test: make windows-programs) may be there.
stray=$(find "$win" \( -path "$win/release" -o -path "$win/test" \) -prune -o -type f -name '*.d' -print |
	head -n 1)
[ -z "$stray" ] || die "$stray: a name ending in .d under $build breaks the Makefile's include"
{
	echo "# The libraries in this folder, built by packaging/windows/build-libs.sh for $host"
	echo "# with $($cc --version | head -n 1)"
	echo "# verified: $verified"
	for p in $packages; do echo "$p $(version_of "$p")"; done
} > "$prefix/VERSIONS"
echo "build-libs: done in $(($(date +%s) - start)) s: $prefix"
