#!/bin/sh
# make-kit.sh: the USB kit (`make usb`): a fresh folder to copy onto a stick as it is, holding
# the two programs, the start script, the clerk's guide as text and as a printable A4 page, and
# SHA256SUMS over every other file of the folder; with WINDOWS_DIR, the Windows programs too
# (xhht.exe, xhht-central.exe: make windows's), their start file CHAY-XHHT.bat and the file
# xhht-portable, which keeps xhht.exe's data on the stick.
# Usage: sh packaging/usb/make-kit.sh PROGRAMS_DIR KIT_DIR VERSION [WINDOWS_DIR]
# PROGRAMS_DIR holds xhht and xhht-central (make static's; make release's for tests). Nothing
# else goes in: the folder is made anew, so no data folder, key or passphrase left there by a
# trial run (du-lieu/) ever reaches a stick.
set -eu
[ $# -eq 3 ] || [ $# -eq 4 ] ||
	{ echo "usage: sh packaging/usb/make-kit.sh PROGRAMS_DIR KIT_DIR VERSION [WINDOWS_DIR]" >&2; exit 2; }
programs=$1 kit=$2 version=$3 windows=${4:-}
here=$(dirname "$0")

for p in xhht xhht-central; do
	[ -x "$programs/$p" ] && continue
	echo "usb: no $programs/$p: run make static first (or name other programs with USB_PROGRAMS=DIR)" >&2
	exit 2
done
for p in xhht.exe xhht-central.exe; do
	[ -z "$windows" ] || [ -f "$windows/$p" ] && continue
	echo "usb: no $windows/$p: run make windows first (or USB_WINDOWS= for a kit without them)" >&2
	exit 2
done
command -v sha256sum >/dev/null 2>&1 || { echo "usb: sha256sum not found: install coreutils" >&2; exit 2; }
# A kit from dynamically linked programs runs only where their libraries are installed.
if command -v readelf >/dev/null 2>&1 && readelf -l "$programs/xhht" 2>/dev/null | grep -q 'program interpreter'; then
	echo "usb: note: $programs/xhht is dynamically linked: this kit runs only where its libraries are installed" >&2
fi

rm -rf "$kit" "$kit.tmp"
mkdir -p "$kit.tmp"
cp "$programs/xhht" "$programs/xhht-central" "$kit.tmp/"
chmod 755 "$kit.tmp/xhht" "$kit.tmp/xhht-central"
sed "s/@VERSION@/$version/g" "$here/chay-xhht.sh" >"$kit.tmp/chay-xhht.sh"
sed "s/@VERSION@/$version/g" "$here/HUONG-DAN.txt" >"$kit.tmp/HUONG-DAN.txt"
awk -f "$here/guide-html.awk" "$kit.tmp/HUONG-DAN.txt" >"$kit.tmp/HUONG-DAN.html"
chmod 755 "$kit.tmp/chay-xhht.sh"
if [ -n "$windows" ]; then
	cp "$windows/xhht.exe" "$windows/xhht-central.exe" "$kit.tmp/"
	# Windows' cmd reads a batch file with CRLF line ends.
	sed "s/@VERSION@/$version/g; s/\$/\r/" "$here/CHAY-XHHT.bat" >"$kit.tmp/CHAY-XHHT.bat"
	# Its presence makes xhht.exe keep its data in du-lieu beside it, even when opened by a
	# double-click on the program rather than on CHAY-XHHT.bat (src/platform_win.c).
	printf '%s\r\n' \
		"Tệp này cho xhht.exe biết: dữ liệu lưu trong thư mục du-lieu bên cạnh. Đừng xóa." \
		"This file tells xhht.exe to keep its data in the folder du-lieu beside it. Keep it." \
		>"$kit.tmp/xhht-portable"
	chmod 644 "$kit.tmp/xhht.exe" "$kit.tmp/xhht-central.exe" "$kit.tmp/CHAY-XHHT.bat" \
		"$kit.tmp/xhht-portable"
fi
chmod 644 "$kit.tmp/HUONG-DAN.txt" "$kit.tmp/HUONG-DAN.html"
# Every file but SHA256SUMS itself, by name, in a fixed order.
(cd "$kit.tmp" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort |
	while IFS= read -r f; do sha256sum -- "$f"; done >SHA256SUMS)
chmod 644 "$kit.tmp/SHA256SUMS"
mv "$kit.tmp" "$kit"
echo "usb: $kit ($(du -sh "$kit" | cut -f1)): copy the folder's files onto a stick"
