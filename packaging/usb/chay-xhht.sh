#!/bin/sh
# chay-xhht.sh: starts the clerk's program from the USB kit, with its data on the stick (portable)
# or installed into the home folder; a menu asks which, in Vietnamese first.
# Usage: sh chay-xhht.sh [--portable | --install | --help] [XHHT ARGUMENTS...]
# Run with `sh`: a FAT stick keeps no execute bits. Exit codes as the program's: 0 done, 1 the
# kit's files do not match SHA256SUMS, 2 usage or environment (a stick that cannot be written).
set -u
VERSION="@VERSION@"
KIT=$(cd "$(dirname "$0")" && pwd) || exit 2
DATA="$KIT/du-lieu"

# The interface language follows the program's own option, so one `--lang en` serves both.
EN=0
prev=""
for a in "$@"; do
	[ "$prev" = "--lang" ] && [ "$a" = "en" ] && EN=1
	prev=$a
done

# say VIETNAMESE ENGLISH: one message in the interface language.
say() { if [ "$EN" = 1 ]; then printf '%s\n' "$2"; else printf '%s\n' "$1"; fi; }
# fail CODE VIETNAMESE ENGLISH: the message on stderr, then exit CODE.
fail() {
	code=$1
	shift
	say "$@" >&2
	exit "$code"
}

usage() {
	say "Cách dùng: sh chay-xhht.sh [--portable | --install] [lệnh của xhht...]
  (không có gì)  hỏi cách chạy bằng một danh sách chọn
  --portable     chạy từ USB, dữ liệu lưu trong thư mục du-lieu trên USB
  --install      cài xhht vào ~/.local/bin (dữ liệu ở thư mục thường dùng của máy) rồi chạy
Những gì theo sau được chuyển cho xhht, ví dụ: sh chay-xhht.sh --portable status" \
	    "Usage: sh chay-xhht.sh [--portable | --install] [xhht arguments...]
  (nothing)      asks how to run with a menu
  --portable     run from the stick, the data in the folder du-lieu on the stick
  --install      install xhht into ~/.local/bin (the data in the machine's usual place), then run
What follows goes to xhht, e.g.: sh chay-xhht.sh --portable status"
}

# check_sums: every file of the kit is as it was made (SHA256SUMS): a stick that lost or
# changed a byte must not run, nor be installed.
check_sums() {
	if ! command -v sha256sum >/dev/null 2>&1; then
		say "(Máy không có sha256sum: bỏ qua bước kiểm tra các tệp trên USB.)" \
		    "(No sha256sum on this machine: the stick's files are not checked.)" >&2
		return 0
	fi
	[ -f "$KIT/SHA256SUMS" ] || fail 1 \
	    "Trên USB thiếu tệp SHA256SUMS: bộ cài không đầy đủ. Hãy xin bộ cài khác." \
	    "SHA256SUMS is missing from the stick: the kit is incomplete. Get another copy."
	if ! bad=$(cd "$KIT" && LC_ALL=C sha256sum -c --quiet SHA256SUMS 2>/dev/null); then
		bad=$(printf '%s\n' "$bad" | sed -n 's/: FAILED.*$//p' | tr '\n' ' ')
		fail 1 "Tệp trên USB bị hỏng hoặc đã bị sửa: ${bad:-SHA256SUMS}. Đừng dùng USB này: hãy xin bộ cài khác." \
		    "Files on the stick are damaged or were changed: ${bad:-SHA256SUMS}. Do not use this stick: get another copy."
	fi
}

# runnable FILE: FILE itself when it may be run; otherwise (a FAT stick shows no execute bits)
# a copy of it in the home folder's cache, which may.
runnable() {
	if [ -x "$1" ]; then
		printf '%s\n' "$1"
		return 0
	fi
	cache=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/xhht-usb
	mkdir -p "$cache" && cp "$1" "$cache/.xhht.tmp-$$" && chmod 755 "$cache/.xhht.tmp-$$" &&
		mv -f "$cache/.xhht.tmp-$$" "$cache/xhht" || {
		rm -f "$cache/.xhht.tmp-$$"
		fail 2 "Không chạy được chương trình trên USB và không chép được nó vào $cache." \
		    "Cannot run the program on the stick, nor copy it to $cache."
	}
	printf '%s\n' "$cache/xhht"
}

# start PROGRAM [ARGS...]: the program with ARGS; with none, its full-screen interface when
# there is a terminal, else a line saying how to open it.
start() {
	prog=$1
	shift
	if [ $# -eq 0 ] && ! { [ -t 0 ] && [ -t 1 ]; }; then
		say "Mở chương trình: $prog" "To open the program: $prog"
		exit 0
	fi
	exec "$prog" "$@"
}

# portable [ARGS...]: the program on the stick, its data in du-lieu/ beside it. The stick is
# written to for real first: a write-protected, full or read-only-mounted stick is said so
# here, in words, before the program starts.
portable() {
	probe="$DATA/.thu-ghi-$$"
	if ! { mkdir -p "$DATA" 2>/dev/null && : >"$probe" 2>/dev/null; }; then
		rm -f "$probe" 2>/dev/null
		fail 2 "USB không ghi được ($KIT): có thể USB đang gạt khóa chống ghi, đã đầy hoặc bị hỏng, nên không lưu được dữ liệu trên USB. Hãy gạt khóa chống ghi rồi cắm lại, hoặc chọn cài vào máy (sh chay-xhht.sh --install)." \
		    "The stick cannot be written ($KIT): it may be write-protected, full or damaged, so the data cannot be kept on it. Slide its lock off and plug it in again, or install into this machine (sh chay-xhht.sh --install)."
	fi
	rm -f "$probe"
	prog=$(runnable "$KIT/xhht") || exit 2
	start "$prog" --data "$DATA" "$@"
}

# data_home: where the installed program keeps its data (src/store.c's store_data_dir).
data_home() {
	if [ -n "${XHHT_DATA:-}" ]; then
		printf '%s\n' "$XHHT_DATA"
	else
		case ${XDG_DATA_HOME:-} in
		/*) printf '%s\n' "$XDG_DATA_HOME/xhht" ;;
		*) printf '%s\n' "$HOME/.local/share/xhht" ;;
		esac
	fi
}

# install_home [ARGS...]: xhht copied into ~/.local/bin (under a temporary name, then renamed,
# so a copy cut short never replaces a working one), then run from there.
install_home() {
	case ${HOME:-} in
	/*) ;;
	*) fail 2 "Không biết thư mục nhà (HOME) ở đâu: không cài được." \
	       "HOME is not set: cannot install." ;;
	esac
	bin="$HOME/.local/bin"
	tmp="$bin/.xhht.tmp-$$"
	if ! { mkdir -p "$bin" && cp "$KIT/xhht" "$tmp" && chmod 755 "$tmp" &&
		cmp -s "$KIT/xhht" "$tmp" && mv -f "$tmp" "$bin/xhht"; } 2>/dev/null; then
		rm -f "$tmp"
		fail 2 "Không cài được xhht vào $bin (thư mục không ghi được hoặc đĩa đầy)." \
		    "Cannot install xhht into $bin (the folder cannot be written, or the disk is full)."
	fi
	say "Đã cài xhht $VERSION vào $bin/xhht. Dữ liệu sẽ lưu trong $(data_home)." \
	    "Installed xhht $VERSION as $bin/xhht. Its data goes in $(data_home)."
	case ":${PATH:-}:" in
	*":$bin:"*) say "Lần sau, mở chương trình bằng lệnh: xhht" "Next time, open it with: xhht" ;;
	*) say "Lần sau, mở chương trình bằng lệnh: $bin/xhht (hoặc xhht, sau khi đăng xuất rồi đăng nhập lại)" \
	       "Next time, open it with: $bin/xhht (or xhht, after logging out and in again)" ;;
	esac
	if [ -n "$(ls -A "$DATA" 2>/dev/null)" ]; then
		say "Lưu ý: dữ liệu đã lưu trên USB (thư mục du-lieu) không được chép vào máy. Muốn dùng tiếp dữ liệu đó trên máy này: chạy từ USB, vào Cài đặt, Sao lưu dữ liệu; rồi mở chương trình đã cài, vào Cài đặt, Khôi phục từ bản sao lưu đó." \
		    "Note: the data kept on the stick (du-lieu) is not copied. To go on with it on this machine: run from the stick, Settings, Back up; then in the installed program, Settings, Restore from that backup."
	fi
	start "$bin/xhht" "$@"
}

# menu: the choice, read from the terminal (or stdin): 1 portable, 2 install, 3 quit.
menu() {
	say "xhht $VERSION: chương trình lập báo cáo xã hội học tập của đơn vị (bộ cài trên USB)" \
	    "xhht $VERSION: the unit's learning-society report program (USB kit)"
	say "  1. Chạy từ USB: dữ liệu lưu trên USB (thư mục du-lieu)" \
	    "  1. Run from the stick: the data stays on the stick (folder du-lieu)"
	say "  2. Cài vào máy này: chương trình vào ~/.local/bin, dữ liệu lưu trên máy" \
	    "  2. Install into this machine: the program into ~/.local/bin, the data on the machine"
	say "  3. Thoát" "  3. Quit"
	for _ in 1 2 3; do
		printf '%s' "$(say "Chọn 1, 2 hoặc 3 rồi bấm Enter: " "Type 1, 2 or 3, then Enter: ")"
		read -r choice || { echo; usage >&2; exit 2; }
		case $choice in
		1) MODE=portable; return 0 ;;
		2) MODE=install; return 0 ;;
		3) exit 0 ;;
		esac
	done
	usage >&2
	exit 2
}

MODE=""
case ${1:-} in
--portable) MODE=portable; shift ;;
--install) MODE=install; shift ;;
--help | -h) usage; exit 0 ;;
esac
check_sums
[ -n "$MODE" ] || menu
if [ "$MODE" = portable ]; then portable "$@"; else install_home "$@"; fi
