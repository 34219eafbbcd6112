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
	while ! tmux -L "$SOCK" capture-pane -p 2>/dev/null | grep -qF "$marker"; do :; done
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
	set -- $(measure "LANG=C.UTF-8 exec $MIN" "đã điền đủ")
	total_m=$((total_m + $1)); rss_m=$2
	set -- $(measure "LANG=C.UTF-8 XHHT_TODAY=2024-11-20 exec $XHHT --data $T/d" "Thoát")
	total_x=$((total_x + $1)); rss_x=$2
	i=$((i + 1))
done
awk -v x="$total_x" -v m="$total_m" -v n="$RUNS" -v rx="$rss_x" -v rm="$rss_m" 'BEGIN {
	printf "tui start-up to first full screen: xhht %.1f ms, minimal ncurses %.1f ms (ratio %.2f), %d runs each\n",
	       x / n / 1e6, m / n / 1e6, x / m, n
	printf "tui resident memory (peak): xhht %d kB, minimal ncurses %d kB (ratio %.2f)\n", rx, rm, rx / rm
}'
