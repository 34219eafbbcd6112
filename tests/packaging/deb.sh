#!/bin/sh
# deb.sh: the Debian packages of `make deb` in a fresh minimal Debian chroot: apt installs both
# with their dependencies from the mirror, both programs run (--version, then enroll → load →
# pack → import → receipt), the manual pages and docs are where Debian puts them, and purge
# (each alone, with --autoremove) and remove (both) leave no file of them. Skipped with one
# line without root, the packaging tools, debootstrap or the mirror.
# Usage: tests/packaging/deb.sh BUILD_DIR
# The chroot (debootstrap --variant=minbase of the host's release, from the first mirror
# /etc/apt/sources.list* names for it, or $XHHT_DEB_MIRROR) is made once and kept as
# BUILD_DIR/chroot/RELEASE-minbase.tar.gz; remove it to make a fresh one.
set -u
. "$(dirname "$0")/../lib/harness.sh"
harness_start "$@"
started=$(date +%s)
SRCDIR=$PWD

skip() {
	echo "$SUITE: skipped: $*"
	exit 0
}

[ "$(id -u)" = 0 ] || skip "not root (debootstrap and chroot need root)"
for tool in dpkg-buildpackage dh lintian fakeroot debootstrap; do
	command -v "$tool" >/dev/null 2>&1 ||
		skip "$tool not found (packaging/install-deps.sh deb installs the packaging tools)"
done
DIST=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
[ -n "$DIST" ] || skip "no VERSION_CODENAME in /etc/os-release: not a Debian-like system"

# host_mirror DIST: the first archive the host's apt sources name for DIST (one-line and
# deb822 files alike).
host_mirror() {
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] && sed -n "s|^deb[ \t]\+\(\[[^]]*\][ \t]\+\)\?\([a-z]\+://[^ \t]*\)[ \t]\+$1[ \t].*|\2|p" "$f"
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] && awk -v dist="$1" '
			function flush() { if (deb && on && index(" " suites " ", " " dist " ") && uri != "") print uri
				deb = 0; on = 1; suites = ""; uri = "" }
			BEGIN { on = 1 }
			/^[ \t]*$/ { flush(); next }
			/^Types:/ { deb = ($0 ~ /[ \t]deb([ \t]|$)/) }
			/^Suites:/ { sub(/^Suites:[ \t]*/, ""); suites = $0 }
			/^URIs:/ { sub(/^URIs:[ \t]*/, ""); split($0, u, /[ \t]+/); uri = u[1] }
			/^Enabled:[ \t]*no/ { on = 0 }
			END { flush() }' "$f"
	done
}
MIRROR=${XHHT_DEB_MIRROR:-$(host_mirror "$DIST" | head -n 1)}
[ -n "$MIRROR" ] || skip "no mirror for $DIST in /etc/apt/sources.list*"
timeout 30 /usr/lib/apt/apt-helper download-file "$MIRROR/dists/$DIST/Release" "$T/Release" \
	>/dev/null 2>&1 || skip "the Debian mirror cannot be reached ($DIST's Release file)"

# --- the packages ------------------------------------------------------------------------
if sh packaging/build-deb.sh "$BUILD" >"$T/build.out" 2>&1; then ok; else
	bad "make deb failed: $(tail -n 20 "$T/build.out")"
	harness_end
fi
built=$(date +%s)
VERSION=$(sed -n '1s/^xhht (\([^)]*\)).*/\1/p' packaging/debian/changelog)
ARCH=$(dpkg --print-architecture)
DEB_XHHT="$BUILD/deb/xhht_${VERSION}_$ARCH.deb"
DEB_CENTRAL="$BUILD/deb/xhht-central_${VERSION}_$ARCH.deb"
[ -f "$DEB_XHHT" ] && [ -f "$DEB_CENTRAL" ] && ok || bad "no $DEB_XHHT or $DEB_CENTRAL"

# --- the chroot: debootstrap once, then a copy of the cached tarball each run ----------------
CACHE="$BUILD/chroot/$DIST-minbase.tar.gz"
if [ ! -f "$CACHE" ]; then
	mkdir -p "$BUILD/chroot" "$T/boot"
	debootstrap --variant=minbase "$DIST" "$T/boot" "$MIRROR" >"$T/debootstrap.log" 2>&1 ||
		skip "debootstrap $DIST failed: $(tail -n 1 "$T/debootstrap.log")"
	# The downloaded .deb files are not needed again (the lists are: no update each run).
	rm -f "$T/boot"/var/cache/apt/archives/*.deb "$T/boot"/var/cache/apt/*.bin
	tar -czf "$CACHE.tmp" -C "$T/boot" . && mv "$CACHE.tmp" "$CACHE" || bad "cannot cache $CACHE"
	rm -rf "${T:?}/boot"
fi
R="$T/root"
mkdir "$R" && tar -xzf "$CACHE" -C "$R" || bad "cannot unpack $CACHE"
chroot "$R" /bin/true 2>/dev/null || skip "chroot does not work here"
# in_root CMD...: CMD in the chroot with a clean environment, as root there.
in_root() {
	chroot "$R" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
		DEBIAN_FRONTEND=noninteractive "$@"
}
mkdir -p "$R/tmp/debs" "$R/tmp/work"
cp "$DEB_XHHT" "$DEB_CENTRAL" "$R/tmp/debs/"
cp "$SAMPLE" "$R/tmp/work/report.json"
printf 'cụm mật khẩu trung ương\n' >"$R/tmp/work/cpass"
printf 'mật khẩu đơn vị Minh Hòa\n' >"$R/tmp/work/upass"

# install_debs FILE...: apt-get install of .deb files (paths in the chroot), their dependencies
# from the mirror; the lists cached with the chroot may be stale: then they are read again.
install_debs() {
	in_root apt-get install -y --no-install-recommends "$@" >>"$T/install.log" 2>&1 ||
		{ in_root apt-get update >>"$T/install.log" 2>&1 &&
			in_root apt-get install -y --no-install-recommends "$@" >>"$T/install.log" 2>&1; }
}
installed() { in_root dpkg-query -W -f '${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
# own_files PACKAGE...: every file dpkg -L lists for them (not their folders, which may be
# shared: /usr/bin).
own_files() {
	in_root dpkg -L "$@" 2>"$ERR" | while read -r f; do [ -d "$R$f" ] || echo "$f"; done
}
# left WHEN LIST: no file of LIST is still there.
left() {
	while read -r f; do [ -e "$R$f" ] || [ -L "$R$f" ] && echo "$f"; done <"$2" >"$T/left"
	[ -s "$T/left" ] && bad "$1: still there: $(head -n 5 "$T/left" | tr '\n' ' ')" || ok
}
DEBS_IN_ROOT="/tmp/debs/${DEB_XHHT##*/} /tmp/debs/${DEB_CENTRAL##*/}"

# --- each package alone: what it depends on is enough to run it; purge leaves nothing -----
TEST=alone
installed libsodium23 && bad "the fresh chroot already has libsodium23: the installs prove nothing" || ok
for p in xhht xhht-central; do
	install_debs "/tmp/debs/${p}_${VERSION}_$ARCH.deb" && ok ||
		bad "$p: apt-get install: $(tail -n 5 "$T/install.log")"
	expect 0 "$p-version" in_root "$p" --version
	has "$OUT" "$p ${VERSION%-*}" "$p-version"
	own_files "$p" >"$T/own-$p"
	has "$T/own-$p" "/usr/bin/$p" "$p-files-listed"
	expect 0 "$p-purge" in_root apt-get purge -y --autoremove "$p"
	left "$p after apt-get purge" "$T/own-$p"
	in_root dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q ' installed$\|config-files' &&
		bad "$p: dpkg still knows it after purge" || ok
	ls "$R/var/lib/dpkg/info/$p".* >/dev/null 2>&1 &&
		bad "$p: dpkg's files of it left: $(ls "$R/var/lib/dpkg/info/$p".*)" || ok
	installed libsodium23 && bad "$p: purge --autoremove left its dependency libsodium23" || ok
done

# --- both: the dependencies from the mirror -------------------------------------------------
TEST=install
# shellcheck disable=SC2086
install_debs $DEBS_IN_ROOT && ok || bad "apt-get install of both: $(tail -n 5 "$T/install.log")"
for dep in libsodium23 libsqlite3-0 libutf8proc2 libncursesw6 sensible-utils; do
	installed "$dep" && ok || bad "the dependency $dep was not installed"
done

# --- run: --version, then the command-line cycle of tests/cli/trust.sh --------------------
TEST=run
expect 0 xhht-version in_root xhht --version; has "$OUT" "xhht ${VERSION%-*}" xhht-version
expect 0 central-version in_root xhht-central --version
has "$OUT" "xhht-central ${VERSION%-*}" central-version
C="--data /tmp/work/central --passphrase-file /tmp/work/cpass"
U="--data /tmp/work/unit --passphrase-file /tmp/work/upass"
expect 0 central-init in_root xhht-central $C init
expect 0 unit-add in_root xhht-central $C unit add BVDKM "Bệnh viện Đa khoa Minh Hòa"
expect 0 central-enroll in_root xhht-central $C enroll BVDKM -o /tmp/work/bvdkm.enr
CODE=$(sed -n '$s/^[^:]*: *\([0-9-]*\)$/\1/p' "$OUT")
[ -n "$CODE" ] && ok || bad "central-enroll: no code on the last line: $(tail -n 1 "$OUT")"
expect 0 xhht-enroll in_root xhht $U enroll /tmp/work/bvdkm.enr --code "$CODE"
expect 0 xhht-load in_root xhht $U load 2024 /tmp/work/report.json
mkdir "$R/tmp/work/out"
expect 0 xhht-pack in_root xhht $U pack 2024 -o /tmp/work/out
expect 0 central-import in_root xhht-central $C import --receipts /tmp/work/receipts /tmp/work/out
has "$OUT" "BVDKM 2024 r2" central-import
RECEIPT=$(cd "$R/tmp/work/receipts" 2>/dev/null && ls | head -n 1)
[ -n "$RECEIPT" ] && ok || bad "central-import wrote no receipt"
expect 0 xhht-receipt in_root xhht $U receipt "/tmp/work/receipts/$RECEIPT"
has "$OUT" "Bộ Y tế đã nhận báo cáo năm 2024, lần gửi 2" xhht-receipt

# --- where Debian puts things: docs and copyright always, manual pages for each in man/ ---------
TEST=files
for p in xhht xhht-central; do
	for f in copyright changelog.Debian.gz README.md.gz README.vi.md.gz docs/bundle-format.md.gz; do
		[ -f "$R/usr/share/doc/$p/$f" ] && ok || bad "$p: no /usr/share/doc/$p/$f"
	done
done
for page in "$SRCDIR"/man/*.[1-8] "$SRCDIR"/man/vi/*.[1-8]; do
	[ -f "$page" ] || continue
	name=${page##*/}
	case $page in */man/vi/*) dir=/usr/share/man/vi ;; *) dir=/usr/share/man ;; esac
	[ -f "$R$dir/man${name##*.}/$name.gz" ] && ok || bad "no manual page $dir/man${name##*.}/$name.gz"
done
own_files xhht xhht-central >"$T/own"
[ "$(wc -l <"$T/own")" -ge 10 ] && ok || bad "dpkg -L lists too few files: $(cat "$T/own") $(excerpt "$ERR")"

# --- remove: nothing of the packages left (no conffiles: dpkg forgets them) ---------------------
TEST=remove
expect 0 apt-remove in_root apt-get remove -y xhht xhht-central
left "after apt-get remove" "$T/own"
[ -e "$R/usr/share/doc/xhht" ] && bad "/usr/share/doc/xhht left after remove" || ok
installed xhht && bad "xhht still installed after apt-get remove" || ok

TEST=""
now=$(date +%s)
echo "$SUITE: $((now - started)) s (packages and lintian $((built - started)) s, chroot $((now - built)) s)"
harness_end
