#!/bin/sh
# install-deps.sh: installs what building (run) or testing (check) xhht needs, via apt or dnf.
# Usage: packaging/install-deps.sh run|check|man|static|deb|windows
# deb: what `make deb` and its chroot test need besides (Debian's packaging tools, lintian,
# debootstrap, and the unit tests' cmocka run during the package build); apt only.
# Quiet and quick when everything is there; otherwise installs as root or through sudo, or
# stops with one line naming exactly what to install.
set -u
want=${1:-check}

missing_debian=""
missing_fedora=""
need() { # need DEBIAN-PACKAGE FEDORA-PACKAGE
	missing_debian="$missing_debian $1"
	missing_fedora="$missing_fedora $2"
}
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_pc() { have_cmd pkg-config && pkg-config --exists "$1" 2>/dev/null; }
have_header() { # have_header HEADER: compiles a file that includes it
	printf '#include <%s>\nint main(void){return 0;}\n' "$1" |
		${CC:-cc} -x c -o /dev/null - >/dev/null 2>&1
}
have_fuzzer() { # clang links a libFuzzer target with ASan and UBSan
	echo 'int LLVMFuzzerTestOneInput(void) { return 0; }' |
		clang -x c -fsanitize=fuzzer,address,undefined -o /dev/null - >/dev/null 2>&1
}

have_cmd cc || have_cmd gcc || need gcc gcc
have_cmd make || need make make
have_cmd pkg-config || need pkg-config pkgconf-pkg-config
have_pc ncursesw || need libncurses-dev ncurses-devel
have_pc sqlite3 || need libsqlite3-dev sqlite-devel
have_pc libsodium || need libsodium-dev libsodium-devel
have_pc libutf8proc || have_header utf8proc.h || need libutf8proc-dev utf8proc-devel
if [ "$want" = check ]; then
	have_pc cmocka || need libcmocka-dev libcmocka-devel
	have_cmd tmux || need tmux tmux
	# The sanitizer runtimes come with gcc on Debian; nothing more to install for them.
	# make check fuzzes each reader for a few seconds with clang's libFuzzer, whose runtime
	# Debian 12 and later ship in libclang-rt-dev, which clang only recommends.
	have_cmd clang || need clang clang
	have_fuzzer || need libclang-rt-dev compiler-rt
fi
# man: what tests/cli/man.sh lints the manual pages with (it skips the lint without it).
if [ "$want" = man ]; then
	have_cmd mandoc || need mandoc mandoc
	have_cmd groff || need groff-base groff-base
fi

# make static: the libraries' static archives (the -dev packages above ship them; glibc's may be
# missing elsewhere) and tic/infocmp for the terminal descriptions carried.
have_static() { # have_static NAME: libNAME.a where the compiler looks
	lib=$(${CC:-cc} -print-file-name="lib$1.a" 2>/dev/null)
	[ -f "$lib" ]
}
if [ "$want" = static ]; then
	have_static c || need libc6-dev glibc-static
	for lib in ncursesw tinfo sqlite3 sodium utf8proc; do
		have_static $lib || echo "xhht: lib$lib.a not found: make static cannot link it" >&2
	done
	have_cmd tic || need ncurses-bin ncurses
	# The descriptions carried (the Makefile's STATIC_TERMS): those ncurses-base lacks on older
	# releases are in ncurses-term.
	for t in tmux-256color rxvt-unicode-256color xterm-mono; do
		infocmp "$t" >/dev/null 2>&1 || { need ncurses-term ncurses-term; break; }
	done
fi
if [ "$want" = deb ]; then
	have_cmd apt-get || { echo "xhht: make deb cần Debian hoặc Ubuntu (needs apt)" >&2; exit 1; }
	have_pc cmocka || need libcmocka-dev libcmocka-devel
	have_cmd dpkg-buildpackage || need dpkg-dev dpkg-dev
	have_cmd dh || need debhelper debhelper
	have_cmd fakeroot || need fakeroot fakeroot
	have_cmd lintian || need lintian lintian
	have_cmd debootstrap || need debootstrap debootstrap
	dpkg -s build-essential >/dev/null 2>&1 || need build-essential build-essential
fi

# windows: what `make windows-libs` (packaging/windows/build-libs.sh) and tests/windows/smoke.sh
# need: the MinGW-w64 cross compiler, apt-get source's dpkg-source, autoreconf for libsodium,
# tclsh for SQLite's amalgamation, tic and infocmp for ncurses' fallback entries, patch, Wine
# to run the result, and Debian's keyring of maintainers' keys; apt only (the sources are
# Debian's).
if [ "$want" = windows ]; then
	have_cmd apt-get || { echo "xhht: make windows-libs cần Debian hoặc Ubuntu (needs apt)" >&2; exit 1; }
	have_cmd x86_64-w64-mingw32-gcc || need gcc-mingw-w64-x86-64 mingw64-gcc
	have_cmd dpkg-source || need dpkg-dev dpkg-dev
	have_cmd autoreconf || need autoconf autoconf
	have_cmd automake || need automake automake
	have_cmd libtoolize || need libtool libtool
	have_cmd tclsh || need tcl tcl
	have_cmd tic || need ncurses-bin ncurses
	have_cmd patch || need patch patch
	have_cmd make || need make make
	have_cmd wine64 || have_cmd wine || [ -x /usr/lib/wine/wine64 ] || need wine64 wine
	# Debian's maintainers' keys: dpkg-source checks each .dsc's signature with them.
	[ -f /usr/share/keyrings/debian-keyring.gpg ] || need debian-keyring debian-keyring
	have_cmd gpg || need gpg gnupg2
	have_cmd gpgv || need gpgv gnupg2
fi

[ -z "$missing_debian" ] && exit 0

if have_cmd apt-get; then
	pm=apt
	pkgs=$missing_debian
elif have_cmd dnf; then
	pm=dnf
	pkgs=$missing_fedora
else
	echo "xhht: cần cài (please install):$missing_debian" >&2
	exit 1
fi

if [ "$(id -u)" = 0 ]; then
	sudo=""
elif have_cmd sudo && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
	sudo="sudo"
else
	echo "xhht: cần quyền root hoặc sudo để cài:$pkgs (need root or sudo to install them)" >&2
	exit 1
fi

echo "xhht: đang cài (installing):$pkgs" >&2
if [ "$pm" = apt ]; then
	export DEBIAN_FRONTEND=noninteractive
	# The package lists of a fresh machine are often empty or stale.
	$sudo apt-get update -qq >/dev/null 2>&1 || $sudo apt-get update -qq
	# A release whose clang still carries the runtime has no libclang-rt-dev.
	apt-cache show libclang-rt-dev >/dev/null 2>&1 || pkgs=$(echo "$pkgs" | sed 's/ libclang-rt-dev//')
	[ -n "$pkgs" ] || exit 0
	# shellcheck disable=SC2086
	$sudo apt-get install -y -qq --no-install-recommends $pkgs >/dev/null ||
		{ echo "xhht: apt-get không cài được:$pkgs (apt-get failed)" >&2; exit 1; }
else
	# shellcheck disable=SC2086
	$sudo dnf install -y -q $pkgs ||
		{ echo "xhht: dnf không cài được:$pkgs (dnf failed)" >&2; exit 1; }
fi
