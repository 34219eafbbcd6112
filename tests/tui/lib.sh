# lib.sh: helpers for the full-screen tests (sourced by tests/tui/run.sh): each test runs the
# real xhht in its own tmux server (own socket, no configuration file), sends keys with
# send-keys, reads the screen with capture-pane, and reads the database with xhht's own
# commands (export, check, status), also while the full-screen program runs.
#
# Needs: XHHT (the program), T (a scratch folder), passed/failed counters; TMO (seconds a
# screen may take to show something, larger under the sanitizer).

passed=0
failed=0
xfailed=0
SERVERS=""
ok() { passed=$((passed + 1)); }
bad() {
	failed=$((failed + 1))
	echo "FAIL: [$TEST] $*" >&2
}
# must WHAT CMD...: CMD succeeds (a check that once was a known bug).
must() {
	what=$1
	shift
	if "$@"; then ok; else bad "$what"; fi
}
# A known bug, reported and waiting for its fix: printed, not counted as a failure. When the
# check passes, it says so, so that the marker is removed.
xfail() {
	what=$1
	shift
	if "$@"; then
		echo "XPASS: [$TEST] $what: passes now, remove its TODO mark" >&2
		ok
	else
		xfailed=$((xfailed + 1))
		echo "TODO: [$TEST] known bug, expected to fail: $what" >&2
	fi
}

# tui_start NAME [ARGS...]: a new tmux server and data folder for test NAME, xhht started in it
# with ARGS. Variables read: W, H (size; 100×30), TUI_LANG (C.UTF-8), TUI_TERM (xterm-256color),
# KEEP_DATA (reuse the data folder of the previous run of NAME), TUI_DATA (this data folder
# instead, shared by several tests; kept), TUI_CWD (xhht's working directory, where its file
# choosers start; $T/NAME), TUI_WRAP (a command xhht runs under, e.g. setsid).
# Sets S (the tmux command for this server), D (the data folder), PIDF (xhht's pid file).
tui_start() {
	TEST=$1
	shift
	SOCK="xhht-test-$$-$TEST"
	S="tmux -L $SOCK -f /dev/null"
	D="${TUI_DATA:-$T/$TEST/data}"
	PIDF="$T/$TEST/pid"
	SCR="$T/$TEST/screen"
	if [ -z "${KEEP_DATA:-}" ]; then rm -rf "$T/$TEST"; fi
	mkdir -p "$T/$TEST"
	rm -f "$PIDF"
	# The launcher: a clean locale, the test's terminal type, a fixed today; xhht runs in a
	# child shell that writes its pid and becomes xhht (exec), so the pid is xhht's own. The pane
	# stays open after xhht ends, showing EXITED and the exit status.
	{
		echo '#!/bin/sh'
		echo 'unset LC_ALL LC_CTYPE LC_MESSAGES LANGUAGE XHHT_DATA XDG_DATA_HOME NO_COLOR XHHT_FORCE_UTF8'
		echo "export LANG='${TUI_LANG:-C.UTF-8}' TERM='${TUI_TERM:-xterm-256color}' XHHT_TODAY=2024-11-20"
		echo 'export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}log_path='"$T/$TEST"'/asan"'
		echo 'export UBSAN_OPTIONS="${UBSAN_OPTIONS:-}${UBSAN_OPTIONS:+:}print_stacktrace=1:log_path='"$T/$TEST"'/ubsan"'
		echo "cd '${TUI_CWD:-$T/$TEST}'"
		printf 'sh -c '"'"'echo $$ >"$0"; exec %s "$@"'"'"' "%s" "%s" --data "%s"' "${TUI_WRAP:-}" "$PIDF" "$XHHT" "$D"
		for a in "$@"; do printf " '%s'" "$a"; done
		echo
		echo 'echo "EXITED $?"'
		echo 'exec cat >/dev/null'
	} >"$T/$TEST/launch.sh"
	case " $SERVERS " in *" $SOCK "*) ;; *) SERVERS="$SERVERS $SOCK" ;; esac
	$S new-session -d -x "${W:-100}" -y "${H:-30}" "sh '$T/$TEST/launch.sh'" || {
		bad "tmux did not start"
		return 1
	}
	i=0
	while [ ! -s "$PIDF" ] && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	XPID=$(cat "$PIDF" 2>/dev/null)
}

# Leaks already reported and waiting for their fix (sanitizer build): a leak report in which
# every leak passes through one of these frames (separated by |) is a known bug, not a failure.
# None at the moment.
KNOWN_LEAKS=""
# known_san FILE: FILE is a leak report and every leak in it is a known one.
known_san() {
	[ -n "$KNOWN_LEAKS" ] && grep -q "LeakSanitizer" "$1" && ! grep -q "ERROR: AddressSanitizer\|runtime error" "$1" &&
		awk -v pats="$KNOWN_LEAKS" 'BEGIN { RS = ""; n = split(pats, p, "|"); bad = 0 }
			/^(Direct|Indirect) leak/ { k = 0; for (i = 1; i <= n; i++) if (index($0, p[i])) k = 1; if (!k) bad = 1 }
			END { exit bad }' "$1"
}
# san_status: how this test's sanitizer reports stand: "none", "known" or "new".
san_status() {
	st=none
	for f in "$T/$TEST"/asan* "$T/$TEST"/ubsan*; do
		[ -s "$f" ] || continue
		if known_san "$f"; then [ "$st" = none ] && st=known; else st=new; fi
	done
	echo "$st"
}

# Ends this test's tmux server (and so the pane's processes); a sanitizer report is a failure,
# unless it is a known one (counted as such).
tui_stop() {
	$S kill-server 2>/dev/null
	# xhht ends on the hang-up; one that does not (a failed test) must not run on and eat the
	# processor of every later test and benchmark.
	i=0
	while [ -n "${XPID:-}" ] && running && [ $i -lt 30 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -n "${XPID:-}" ] && kill -9 "$XPID" 2>/dev/null
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK" # tmux leaves its socket file behind
	for f in "$T/$TEST"/asan* "$T/$TEST"/ubsan*; do
		[ -s "$f" ] || continue
		if known_san "$f"; then
			xfailed=$((xfailed + 1))
			echo "TODO: [$TEST] known bug, expected to fail: sanitizer leak report, every leak through '$KNOWN_LEAKS'" >&2
		else
			bad "sanitizer report: $(head -c 1500 "$f")"
		fi
		rm -f "$f"
	done
}

screen() { $S capture-pane -p -t 0 >"$SCR" 2>/dev/null; }
# highlighted: the text of the lines shown in reverse video (menus, lists, choosers: the chosen
# line), one a line, trimmed; the title bar and the status bar left out.
highlighted() {
	$S capture-pane -p -e -t 0 2>/dev/null | awk '
		{ line[NR] = $0 }
		END {
			rev = 0 # attributes carry over from one line to the next
			for (l = 1; l <= NR; l++) {
				n = split(line[l], part, "\033\\[")
				out = rev ? part[1] : ""
				for (i = 2; i <= n; i++) {
					txt = part[i]
					if (match(txt, /^[0-9;]*m/)) {
						was = rev
						k = split(substr(txt, 1, RLENGTH - 1), p, ";")
						if (k == 0) rev = 0
						for (j = 1; j <= k; j++)
							if (p[j] == "" || p[j] == "0" || p[j] == "27") rev = 0
							else if (p[j] == "7") rev = 1
						if (was && !rev) out = out "\t" # a reversed run ends
						txt = substr(txt, RLENGTH + 1)
					}
					if (rev) out = out txt
				}
				# The longest reversed run of the line: a box drawn over a list may leave
				# a letter of the highlight of the list below beside it.
				m = split(out, runs, "\t")
				out = ""
				for (i = 1; i <= m; i++) {
					gsub(/[\001-\037]/, "", runs[i]) # the line-drawing shifts (SO, SI)
					gsub(/^ +| +$/, "", runs[i])
					if (length(runs[i]) > length(out)) out = runs[i]
				}
				if (l > 1 && l < NR && out != "") print out
			}
		}'
}
# choose TEXT WHAT: in a list (the file chooser), Down until the highlighted line is TEXT, each
# step waiting for the highlight to move; false, with the screen, when it stops moving first
# (the end of the list).
choose() {
	prev=""
	steps=0
	cend=$(($(date +%s) + TMO))
	while :; do
		# A list's highlighted line may show a letter below a box drawn over it: only the
		# longer highlighted lines count.
		cur=$(highlighted | awk 'length > 2' | tail -n 1)
		if [ "$cur" = "$1" ]; then
			ok
			return 0
		fi
		if [ "$cur" != "$prev" ] && [ $steps -lt 100 ]; then
			prev=$cur
			steps=$((steps + 1))
			keys Down
			cend=$(($(date +%s) + TMO))
		elif [ "$(date +%s)" -ge "$cend" ]; then
			break
		fi
		sleep 0.05
	done
	bad "$2: no line \"$1\" to choose (highlighted: \"$cur\")"
	screen
	show
	return 1
}
show() { sed 's/^/    | /' "$SCR" >&2; }

# wait_for TEXT [SECONDS]: polls the screen until it shows TEXT; false on timeout.
wait_for() {
	end=$(($(date +%s) + ${2:-$TMO}))
	while :; do
		screen
		grep -qF -- "$1" "$SCR" && return 0
		[ "$(date +%s)" -ge "$end" ] && return 1
		sleep 0.05
	done
}
# wait_gone TEXT [SECONDS]: polls until the screen no longer shows TEXT.
wait_gone() {
	end=$(($(date +%s) + ${2:-$TMO}))
	while :; do
		screen
		grep -qF -- "$1" "$SCR" || return 0
		[ "$(date +%s)" -ge "$end" ] && return 1
		sleep 0.05
	done
}
# see TEXT WHAT: the screen shows TEXT (waiting for it), else a failure with the screen.
see() {
	if wait_for "$1"; then ok; else
		bad "$2: the screen does not show \"$1\""
		show
	fi
}
# notsee TEXT WHAT: the screen, as it is now, does not show TEXT.
notsee() {
	screen
	if grep -qF -- "$1" "$SCR"; then
		bad "$2: the screen shows \"$1\""
		show
	else ok; fi
}
keys() { $S send-keys -t 0 "$@"; }
typ() { $S send-keys -t 0 -l -- "$1"; }
# esc: Esc alone, then a pause so that the next key is not read as part of an escape sequence
# (Alt-key); callers wait for the screen to change anyway.
esc() {
	$S send-keys -t 0 Escape
	sleep 0.15
}

# The terminal state of the pane: alternate screen, cursor shown, mouse reporting.
pane_flag() { $S display-message -p -t 0 "#{$1}"; }

# running: xhht has not ended. Once its shell is gone xhht's parent is the machine's first
# process, which may be slow to reap it: a zombie has ended.
# One read of the stat file: a process reaped between a look at the file and a grep of it made
# the grep fail, which read as "still running".
running() {
	_stat=$(cat "/proc/$XPID/stat" 2>/dev/null) && [ -n "$_stat" ] &&
		! printf '%s\n' "$_stat" | grep -q '^[0-9]* ([^)]*) Z'
}
# alive: xhht is still running.
alive() { [ -n "${XPID:-}" ] && kill -0 "$XPID" 2>/dev/null; }

# quit_with KEY WHAT: leaves with KEY and checks xhht ended with status 0 and gave the terminal
# back: the normal screen, the cursor shown, no mouse reporting, no screen of ours left. NOALT=1:
# the terminal has no alternate screen (vt100, linux), so what was drawn stays; not checked.
quit_with() {
	keys "$1"
	if wait_for "EXITED" "$((TMO * 2))"; then
		if grep -qF "EXITED 0" "$SCR"; then ok
		elif [ "$(san_status)" = known ]; then
			ok # the known leak's report sets the exit status; tui_stop counts it
		else
			bad "$2: xhht exit status: $(grep EXITED "$SCR")"
			show
		fi
	else
		bad "$2: xhht did not end after $1"
		show
		return 1
	fi
	[ "$(pane_flag alternate_on)" = 0 ] && ok || bad "$2: the terminal is left on the alternate screen"
	[ "$(pane_flag cursor_flag)" = 1 ] && ok || bad "$2: the cursor is left hidden"
	[ "$(pane_flag mouse_any_flag)$(pane_flag mouse_standard_flag)" = 00 ] && ok ||
		bad "$2: mouse reporting left on"
	[ "$(pane_flag keypad_cursor_flag)" = 0 ] && ok || bad "$2: cursor keys left in application mode"
	[ -n "${NOALT:-}" ] && return 0
	if grep -qE "g[õo]: |xhht (—|\?|-) " "$SCR"; then
		bad "$2: the program's screen is left on the terminal"
		show
	else ok; fi
}

# --- the database ---------------------------------------------------------------------------
# json: exports the year's report to $T/json (also while the full-screen program runs).
json() { "$XHHT" --data "$D" export 2024 --format json >"$T/json" 2>"$T/json.err"; }
# db_has TEXT WHAT: the exported report holds TEXT.
db_has() {
	json
	if grep -qF -- "$1" "$T/json"; then ok; else
		bad "$2: the database does not hold $1 ($(head -c 300 "$T/json.err"))"
		grep -F "$(printf '%s' "$1" | cut -d: -f1)" "$T/json" | head -3 >&2
	fi
}
db_hasnt() {
	json
	if grep -qF -- "$1" "$T/json"; then
		bad "$2: the database holds $1"
	else ok; fi
}
# db_wait TEXT [SECONDS]: polls the database until the export holds TEXT.
db_wait() {
	end=$(($(date +%s) + ${2:-$TMO}))
	while :; do
		json
		grep -qF -- "$1" "$T/json" && return 0
		[ "$(date +%s)" -ge "$end" ] && return 1
		sleep 0.1
	done
}
# db_order WHAT TEXT...: the texts appear in the export in this order, each once.
db_order() {
	what=$1
	shift
	json
	prev=0
	for s in "$@"; do
		n=$(grep -nF -- "$s" "$T/json" | cut -d: -f1)
		if [ -z "$n" ] || [ "$(printf '%s\n' "$n" | wc -l)" -ne 1 ] || [ "$n" -le "$prev" ]; then
			bad "$what: \"$s\" not once and in order (lines: $(echo $n))"
			sed -n '/de_nghi/,/\]/p' "$T/json" | head -40 >&2
			return
		fi
		prev=$n
	done
	ok
}
# rows FIELD: how many rows the table FIELD holds in the export.
rows() {
	json
	if grep -qF "\"$1\": []" "$T/json"; then
		echo 0
		return
	fi
	sed -n "/\"$1\": \[/,/^  \]/p" "$T/json" | grep -c '^   {'
}
