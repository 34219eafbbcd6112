#!/bin/sh
# build-deb.sh: `make deb`: the Debian packages xhht and xhht-central built with dpkg-buildpackage
# from packaging/debian/ on a clean copy of the tree, into BUILD/deb/, then checked by lintian
# (an error fails; warnings are printed).
# Usage: packaging/build-deb.sh [BUILD]   (packaging/install-deps.sh deb installs the tools)
set -eu
out=${1:-build}/deb
version=$(sed -n '1s/^xhht (\([^)]*\)).*/\1/p' packaging/debian/changelog)
src="$out/xhht-${version%-*}"

for tool in dpkg-buildpackage dh lintian fakeroot; do
	command -v "$tool" >/dev/null 2>&1 && continue
	echo "make deb: $tool not found: run packaging/install-deps.sh deb" >&2
	exit 2
done

# The copy: the files git knows (tracked, and new ones not ignored) as they are in the work
# tree, so that nothing built (build/) or left over goes in; a tree without git is copied
# without its build/.
rm -rf "$out"
mkdir -p "$src"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files -z --cached --others --exclude-standard |
		xargs -0 sh -c 'for f; do [ -f "$f" ] && printf "%s\0" "$f"; done' sh |
		tar --null -T - -cf - | tar -xf - -C "$src"
else
	tar --exclude=./build -cf - . | tar -xf - -C "$src"
fi
mv "$src/packaging/debian" "$src/debian"

echo "make deb: dpkg-buildpackage in $src (log: $out/build.log)"
if ! (cd "$src" && dpkg-buildpackage -us -uc -b -J) >"$out/build.log" 2>&1; then
	tail -n 40 "$out/build.log" >&2
	echo "make deb: dpkg-buildpackage failed (log: $out/build.log)" >&2
	exit 1
fi
changes=$(ls "$out"/xhht_"$version"_*.changes)
ls "$out"/*.deb

# lintian: every tag shown (info and pedantic too); only an error fails the build.
echo "make deb: lintian"
lintian -I --pedantic --fail-on error "$changes" || {
	echo "make deb: lintian found errors in the packages (above)" >&2
	exit 1
}
