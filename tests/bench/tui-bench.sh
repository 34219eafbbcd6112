#!/bin/sh
# tui-bench.sh: start-up time of the full-screen xhht to its first full screen, and its resident
# memory, as ratios to a minimal ncursesw program drawing one screen, measured in the same run
# through the same tmux. Prints figures; asserts nothing.
# Usage: tests/bench/tui-bench.sh BUILD_DIR RUNS
set -u
. "$(dirname "$0")/../lib/harness.sh"
harness_start "${1:-build}"
RUNS=${2:-20}
MIN="$PWD/$BUILD/min-curses"
SOCK="xhht-bench-$$"
AT_EXIT='tmux -L "$SOCK" kill-server 2>/dev/null'
"$XHHT" --data "$T/d" load 2024 tests/data/bao-cao-mau.json >/dev/null || exit 1

now_ns() { date +%s%N; }

# measure CMD MARKER: nanoseconds from launch until MARKER is on the screen; RSS (kB) then.
measure() {
	cmd=$1 marker=$2
	tmux -L "$SOCK" -f /dev/null kill-server 2>/dev/null
	start=$(now_ns)
	tmux -L "$SOCK" -f /dev/null new-session -d -x 100 -y 30 "$cmd"
	# A program that dies before its screen shows would be waited for for ever: 30 s at most.
	limit=$((start + 30000000000))
	while ! tmux -L "$SOCK" capture-pane -p 2>/dev/null | grep -qF "$marker"; do
		if [ "$(now_ns)" -gt "$limit" ]; then
			echo "bench: \"$marker\" never showed: $(tmux -L "$SOCK" capture-pane -p 2>/dev/null | head -n 3)" >&2
			tmux -L "$SOCK" kill-server 2>/dev/null
			exit 1
		fi
	done
	end=$(now_ns)
	pane=$(tmux -L "$SOCK" list-panes -F '#{pane_pid}')
	pid=$(pgrep -P "$pane" | head -1)
	[ -n "$pid" ] || pid=$pane
	rss=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
	tmux -L "$SOCK" kill-server 2>/dev/null
	echo "$((end - start)) ${rss:-0}"
}

total_x=0 total_m=0 rss_x=0 rss_m=0
i=0
while [ "$i" -lt "$RUNS" ]; do
	r=$(measure "LANG=C.UTF-8 exec $MIN" "đã điền đủ") || exit 1
	set -- $r
	total_m=$((total_m + $1)); rss_m=$2
	r=$(measure "LANG=C.UTF-8 XHHT_TODAY=2024-11-20 exec $XHHT --data $T/d" "Thoát") || exit 1
	set -- $r
	total_x=$((total_x + $1)); rss_x=$2
	i=$((i + 1))
done
awk -v x="$total_x" -v m="$total_m" -v n="$RUNS" -v rx="$rss_x" -v rm="$rss_m" 'BEGIN {
	printf "tui start-up to first full screen: xhht %.1f ms, minimal ncurses %.1f ms (ratio %.2f), %d runs each\n",
	       x / n / 1e6, m / n / 1e6, x / m, n
	printf "tui resident memory (peak): xhht %d kB, minimal ncurses %d kB (ratio %.2f)\n", rx, rm, rx / rm
}'

# The static programs (make static) beside the dynamic release programs built from the same
# objects: file sizes (the dynamic ones with the shared libraries they load), and start-up to
# the first full screen, the clerk's home and the desk's board.
STATIC="$PWD/$BUILD/static" REL="$PWD/$BUILD/release"
if [ ! -x "$STATIC/xhht" ] || [ ! -x "$REL/xhht" ]; then
	echo "static programs: not built (make static and make release)"
	exit 0
fi
printf 'cụm mật khẩu trung ương\n' >"$T/cpass"
"$REL/xhht-central" --data "$T/c" --passphrase-file "$T/cpass" init >/dev/null 2>&1 || exit 1
kb() { du -kL "$@" | awk '{ s += $1 } END { print s }'; }
for p in xhht xhht-central; do
	data="$T/d"
	[ "$p" = xhht-central ] && data="$T/c"
	total_s=0 total_d=0 i=0
	while [ "$i" -lt "$RUNS" ]; do
		r=$(measure "LANG=C.UTF-8 exec $STATIC/$p --data $data" "Thoát") || exit 1
		set -- $r
		total_s=$((total_s + $1))
		r=$(measure "LANG=C.UTF-8 exec $REL/$p --data $data" "Thoát") || exit 1
		set -- $r
		total_d=$((total_d + $1))
		i=$((i + 1))
	done
	strip -o "$T/stripped" "$REL/$p"
	libs=$(ldd "$REL/$p" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }')
	# shellcheck disable=SC2086
	awk -v p="$p" -v s="$total_s" -v d="$total_d" -v n="$RUNS" -v ks="$(kb "$STATIC/$p")" \
		-v kd="$(kb "$T/stripped")" -v kl="$(kb $libs)" 'BEGIN {
		printf "%s static: %d kB, start-up %.1f ms; dynamic: %d kB stripped + %d kB of shared libraries, start-up %.1f ms (ratio %.2f), %d runs each\n",
		       p, ks, s / n / 1e6, kd, kl, d / n / 1e6, s / d, n
	}'
done
