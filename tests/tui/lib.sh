# lib.sh: what the full-screen tests share (sourced by each tests/tui/*.sh): each test runs the
# real xhht in its own tmux server (own socket, no configuration file), sends keys with
# send-keys, reads the screen with capture-pane, and reads the database with xhht's own
# commands (export, check, status), also while the full-screen program runs. The counters,
# assertions and summary line are tests/lib/harness.sh's.
#
# A test file: `. "$(dirname "$0")/lib.sh"; tui_setup "$@"`, then blocks `begin NAME;
# tui_start NAME [ARGS...]; see ...; quit_with F10 ...; end`, then `tui_end`. Each file builds
# the state it starts from itself (the command line: xhht load, enroll; xhht-central), in its
# own scratch folder $T, so that any file runs alone: sh tests/tui/pack.sh build.
#
# Each test has its own tmux server (-L xhht-test-PID-NAME, -f /dev/null), a fixed size
# (100×30 unless the test is about size), LANG=C.UTF-8, TERM=xterm-256color, XHHT_TODAY=2024-11-20
# and a fresh data folder unless it says otherwise. Screens are waited for by polling (wait_for,
# TMO seconds at most), never by long sleeps.
#
# A check marked `xfail` is a known bug, reported and waiting for its fix: it prints a TODO line
# and does not fail the file; once the bug is fixed it prints XPASS, and the mark goes.

. "$(dirname "$0")/../lib/harness.sh"

# The screens' wording that several tests look for, named once: when a screen's words change,
# they change here.
UI_DEADLINE="05/12/2024"
UI_UNENROLLED="chưa đăng ký"
UI_HOME_UNENROLLED="Đơn vị: chưa đăng ký với Bộ Y tế"
UI_HOME_UNIT="Đơn vị: BVDKM"
UI_HOME_NO_REPORT="chưa có báo cáo"
UI_NEXT_PACK="Việc tiếp theo: đóng gói và gửi Bộ Y tế (F5)."
UI_MENU_ENROLL="7. Mở tệp đăng ký của Bộ Y tế"
UI_SETTINGS="Cài đặt (ngôn ngữ, kiểu gõ, mật khẩu, sao lưu)"
UI_MENU_SETTINGS="8. $UI_SETTINGS"
UI_TELEX="gõ: Telex"
UI_VNI="gõ: VNI"
UI_HELP_KEYS="Các phím"
UI_TOO_SMALL="Cửa sổ quá nhỏ"
UI_CHECK_TITLE="Kiểm tra báo cáo năm 2024 —"
UI_CHECK_CLEAN="Không có lỗi, không có cảnh báo. Báo cáo sẵn sàng để đóng gói."
UI_PLACE_MISSING="[Cài đặt] chưa đặt địa danh"
UI_LONGTEXT_EMPTY="(trống — Enter để viết)"
UI_LONGTEXT_EDITOR="0/8000 ký tự"
UI_TABLE_FIELD_EMPTY="[0 dòng — Enter để xem, thêm, sửa]"
UI_TABLE_EMPTY="Chưa có dòng nào"
UI_CHOICE_EMPTY="(để trống)"
UI_ENROLL_CHOOSER="Chọn tệp đăng ký do Vụ Tổ chức cán bộ gửi"
UI_ENROLL_CODE="Mã đăng ký (12 chữ số, trong công văn của Bộ):"
UI_CODE_WRONG="mã đăng ký không đúng"
UI_THIS_FOLDER="[Chọn thư mục này]"
UI_PASS_CURRENT="Cụm mật khẩu hiện tại:"
UI_PASS_NEW="Cụm mật khẩu mới:"
UI_PASS_REPEAT="Nhập lại cụm mật khẩu:"
UI_PASS_CHANGED="Đã đổi cụm mật khẩu."
UI_SETTINGS_OPEN="Ngôn ngữ: Tiếng Việt"
UI_PLACE_PROMPT="Địa danh (ví dụ: Hà Nội):"
UI_PLACE_ITEM="Địa danh ghi ở dòng ngày tháng của báo cáo:"
UI_STYLE_NEW="Cách đặt dấu: kiểu mới (hoà, khoẻ, thuỷ)"
UI_PASS_ITEM="Đổi cụm mật khẩu của khóa đơn vị"
UI_BACKUP_ITEM="Sao lưu dữ liệu (vào USB hoặc một thư mục)"
# The same on a terminal that cannot show Vietnamese (diacritics folded away).
UI_ASCII_UNENROLLED="chua dang ky"
UI_ASCII_TELEX="go: Telex"
UI_ASCII_NOTICE="khong hien duoc dau"
# ui_paste_cut N: what a field says when a paste is longer than its N characters.
ui_paste_cut() { echo "chỉ giữ $1 ký tự đầu, mức tối đa của ô này"; }

# tui_setup BUILD_DIR: the harness (scratch folder, counters), tmux and xhht checked, every
# tmux server of the file ended at exit.
tui_setup() {
	harness_start "$@"
	command -v tmux >/dev/null || {
		echo "$SUITE: tmux is missing (apt-get install tmux)" >&2
		exit 2
	}
	need_program "$XHHT" "$CENTRAL"
	AT_EXIT=tui_cleanup
	unset TMUX
	export XHHT_TODAY=2024-11-20
	# No test starts a browser (the print preview offers one on a desktop) unless it says so.
	export XHHT_NO_BROWSER=1
	# The file chooser lists no mount of the machine running the tests (test builds only).
	export XHHT_TEST_MOUNTINFO="${XHHT_TEST_MOUNTINFO:-/dev/null}"
	# How long a screen may take to appear; the sanitizer build is several times slower.
	TMO=5
	SAN_BUILD=""
	if grep -qa __asan_init "$XHHT" 2>/dev/null; then
		TMO=20
		SAN_BUILD=1
	fi
	W=100 H=30
}
SERVERS=""
tui_cleanup() {
	for s in $SERVERS; do
		tmux -L "$s" kill-server 2>/dev/null
		rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$s"
	done
}
TIMES=""
t0=0
# begin NAME: a test starts (its name in failures and in the times line).
begin() {
	TEST=$1
	t0=$(date +%s.%N)
}
# end: stops the test's tmux server, notes the test's time.
end() {
	tui_stop
	TIMES="$TIMES $TEST=$(echo "$(date +%s.%N) $t0" | awk '{printf "%.1fs", $1 - $2}')"
	W=100 H=30
	unset TUI_LANG TUI_TERM KEEP_DATA NOALT TUI_DATA TUI_CWD TUI_WRAP TUI_TODAY
}
# tui_end: each test's time, the summary line, the exit status.
tui_end() {
	TEST=""
	echo "$SUITE times:$TIMES" >&2
	harness_end
}

# tui_start NAME [ARGS...]: a new tmux server and data folder for test NAME, xhht started in it
# with ARGS. Variables read: W, H (size; 100×30), TUI_LANG (C.UTF-8), TUI_TERM (xterm-256color),
# KEEP_DATA (reuse the data folder of the previous run of NAME), TUI_DATA (this data folder
# instead, shared by several tests; kept), TUI_CWD (xhht's working directory, where its file
# choosers start; $T/NAME), TUI_WRAP (a command xhht runs under, e.g. setsid), TUI_TODAY
# (today's date for xhht; 2024-11-20).
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
		echo "export LANG='${TUI_LANG:-C.UTF-8}' TERM='${TUI_TERM:-xterm-256color}' XHHT_TODAY=${TUI_TODAY:-2024-11-20}"
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
# line), one a line, trimmed; the title bar and the status bar left out. ncurses' Windows
# console driver draws reverse video as black on a white background (SGR 47; the programs'
# own colours keep the default background, 49).
highlighted() {
	$S capture-pane -p -e -t 0 2>/dev/null | awk '
		{ line[NR] = $0 }
		END {
			rev = rev7 = white = 0 # attributes carry over from one line to the next
			for (l = 1; l <= NR; l++) {
				n = split(line[l], part, "\033\\[")
				out = rev ? part[1] : ""
				for (i = 2; i <= n; i++) {
					txt = part[i]
					if (match(txt, /^[0-9;]*m/)) {
						was = rev
						k = split(substr(txt, 1, RLENGTH - 1), p, ";")
						if (k == 0) rev7 = white = 0
						for (j = 1; j <= k; j++)
							if (p[j] == "" || p[j] == "0") rev7 = white = 0
							else if (p[j] == "27") rev7 = 0
							else if (p[j] == "7") rev7 = 1
							else if (p[j] == "47") white = 1
							else if (p[j] == "49") white = 0
						rev = rev7 || white
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
		# A list's highlighted line may show a letter below a box drawn over it (the "▸" of
		# a field): only the longer highlighted lines count, in characters (mawk's length
		# counts bytes).
		cur=$(highlighted | LC_ALL=C.UTF-8 grep -v -E '^.{0,2}$' | tail -n 1)
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
wait_for() { poll "${2:-$TMO}" 0.05 shows "$1"; }
# wait_gone TEXT [SECONDS]: polls until the screen no longer shows TEXT.
wait_gone() { poll "${2:-$TMO}" 0.05 hides "$1"; }
# poll SECONDS PAUSE CMD...: CMD, again every PAUSE seconds until it succeeds (true) or SECONDS
# have passed (false).
poll() {
	pend=$(($(date +%s) + $1)) pause=$2
	shift 2
	while :; do
		"$@" && return 0
		[ "$(date +%s)" -ge "$pend" ] && return 1
		sleep "$pause"
	done
}
# shows TEXT, hides TEXT: the screen, now, shows TEXT; does not.
shows() { screen; grep -qF -- "$1" "$SCR"; }
hides() { screen; ! grep -qF -- "$1" "$SCR"; }
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
		bad "$2: the database does not hold $1 ($(excerpt "$T/json.err"))"
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
db_wait() { poll "${2:-$TMO}" 0.1 json_holds "$1"; }
json_holds() { json; grep -qF -- "$1" "$T/json"; }
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

# --- helpers of several files ---------------------------------------------------------------
# open_editor: from the home screen to the report editor: the menu line "N. Soạn báo cáo"
# (its number key), or Enter on a home screen without a menu.
open_editor() {
	wait_for "$UI_DEADLINE" >/dev/null
	n=$(sed -n 's/^ *\([1-9]\)\. So[ạa]n b[áa]o c[áa]o.*/\1/p' "$SCR" | head -n 1)
	if [ -n "$n" ]; then typ "$n"; else keys Enter; fi
}
# ascii_screen WHAT: the screen holds printable ASCII only.
ascii_screen() {
	screen
	if LC_ALL=C grep -q '[^ -~]' "$SCR"; then
		bad "$1: bytes outside printable ASCII on the screen"
		LC_ALL=C grep -n '[^ -~]' "$SCR" | head -n 3 >&2
	else ok; fi
}
# no_question_marks WHAT: no character was replaced by '?' (no screen text holds one).
no_question_marks() {
	screen
	if grep -qF '?' "$SCR"; then
		bad "$1: '?' on the screen (a character without an ASCII form?)"
		grep -nF '?' "$SCR" | head -n 3 >&2
	else ok; fi
}
# help_aligned: on the help screen (ASCII), the description after "Tab, …" starts in the same
# column as the one after "F10, Ctrl-Q".
help_aligned() {
	screen
	a=$(awk '/F10, Ctrl-Q/ { print index($0, "Thoat") }' "$SCR")
	b=$(awk '/ Tab, / { print index($0, "Muc sau") }' "$SCR")
	[ -n "$a" ] && [ "$a" = "$b" ]
}
# utf8_json WHAT: the exported report is valid UTF-8 and the export succeeded.
utf8_json() {
	if json && iconv -f UTF-8 -t UTF-8 "$T/json" >/dev/null 2>&1; then ok; else
		bad "$1: the export failed or is not valid UTF-8: $(excerpt "$T/json.err")"
	fi
}
# expect_db STATUS WHAT ARGS...: xhht ARGS on this test's data folder exits STATUS (output in
# $OUT, $ERR).
expect_db() {
	want=$1 what=$2
	shift 2
	expect "$want" "$what" "$XHHT" --data "$D" "$@"
}
db_see() { if db_wait "$1" "${3:-$TMO}"; then ok; else
	bad "$2: the database does not hold $1"
	grep -F "$(printf '%s' "$1" | cut -d: -f1)" "$T/json" | head -n 3 >&2
fi; }
rows_are() {
	n=$(rows "$1")
	if [ "$n" = "$2" ]; then ok; else bad "$3: $n rows in $1, wanted $2"; fi
}

# resize_check WHAT TEXT: too small (79×23) shows the notice, and each size after it redraws the
# screen with TEXT; the program is alive after each.
resize_check() {
	$S resize-window -t 0 -x 79 -y 23
	see "$UI_TOO_SMALL" "$1-79x23"
	$S resize-window -t 0 -x 80 -y 24
	see "$2" "$1-80x24"
	notsee "$UI_TOO_SMALL" "$1-80x24-notice-gone"
	$S resize-window -t 0 -x 20 -y 6
	wait_for "Cửa sổ" >/dev/null
	$S resize-window -t 0 -x 160 -y 50
	see "$2" "$1-160x50"
	$S resize-window -t 0 -x 100 -y 30
	see "$2" "$1-100x30"
	alive && ok || bad "$1: xhht is gone after resizing"
}
# hl_is TEXT WHAT: the highlighted line (menu, list) comes to be TEXT.
hl_is() {
	poll "$TMO" 0.05 hl_shows "$1" && { ok; return 0; }
	bad "$2: the highlighted line is not \"$1\" but \"$(highlighted | tr '\n' '|')\""
	screen
	show
	return 1
}
hl_shows() { highlighted | grep -qxF -- "$1"; }
# clear_field N: End, then N Backspaces (a text or number field emptied by hand).
clear_field() {
	keys End
	i=0
	while [ $i -lt "$1" ]; do
		keys BSpace
		i=$((i + 1))
	done
}

# paste_in FILE: the file's bytes as one bracketed paste (tmux adds the markers because xhht
# asks for them, and sends each line end as CR).
paste_in() { $S load-buffer "$1" && $S paste-buffer -p -d -t 0; }
# The clerk's world, for the files that start from an enrolled unit: the Ministry's data folder
# ($E/central, driven from the command line as tests/cli/trust.sh does), the unit's ($E/data),
# and the clerk's folder ($E/work) where the full-screen program starts (clerk NAME), where the
# enrollment file, the scan, the bundle folder and the receipts are, and where its file
# choosers start. A folder whose name sorts before ".." is still listed after it.
# clerk_world: the folders and passphrase files; the Ministry's keys made (xhht-central init,
# its signing fingerprint in CFP); BVDKM added and its enrollment file written to
# $E/work/dang-ky.xhht, its code in ECODE.
clerk_world() {
	E="$T/clerk"
	mkdir -p "$E/work/goi" "$E/work/bien-nhan" "$E/work/+luu-tru"
	printf 'cụm mật khẩu trung ương\n' >"$E/cpass"
	# Typed in the passphrase dialogs: Telex keys stay as they are there (no typing method).
	UPASS='maajt khaaur Minh Hoaf 2024'
	printf '%s\n' "$UPASS" >"$E/upass"
	if central init; then ok; else bad "central init: $(excerpt "$ERR")"; fi
	CFP=$(sed -n 's/^Vân tay khóa ký: *//p' "$OUT")
	if central unit add BVDKM "Bệnh viện Đa khoa Minh Hòa" && central enroll BVDKM -o "$E/work/dang-ky.xhht"; then ok; else
		bad "central unit add, enroll: $(excerpt "$ERR")"
	fi
	ECODE=$(sed -n '$s/^Mã đăng ký: *//p' "$OUT")
	[ -n "$ECODE" ] && ok || bad "enroll: no code on the last line of xhht-central enroll's output"
}
# clerk_enrolled: the clerk's world with the unit enrolled from the command line (xhht enroll
# --code, the unit key sealed with $UPASS), as the enrollment screens leave it.
clerk_enrolled() {
	clerk_world
	if "$XHHT" --data "$E/data" --passphrase-file "$E/upass" enroll "$E/work/dang-ky.xhht" --code "$ECODE" \
		>"$OUT" 2>"$ERR" </dev/null; then ok; else bad "xhht enroll: $(excerpt "$ERR")"; fi
}
# clerk_reported: an enrolled unit with 2024's report filled in and clean, as the report
# screens leave it: the sample report dated 18/11/2024.
clerk_reported() {
	clerk_enrolled
	sed 's/"chung.ngay_bao_cao": "2024-11-25"/"chung.ngay_bao_cao": "2024-11-18"/' "$SAMPLE" >"$T/report.json"
	if "$XHHT" --data "$E/data" load 2024 "$T/report.json" >"$OUT" 2>"$ERR" </dev/null &&
		"$XHHT" --data "$E/data" check 2024 >"$OUT" 2>"$ERR" </dev/null; then ok; else
		bad "xhht load, check of the report: $(excerpt "$ERR") $(excerpt "$OUT")"
	fi
}
# ministry_imports: the Ministry imports the bundles of $E/work/goi, its receipts written to
# $E/work/bien-nhan (RECEIPT: the first), and opens $BUNDLE: the report and the scan arrived.
ministry_imports() {
	if central import --receipts "$E/work/bien-nhan" "$E/work/goi"; then ok; else
		bad "central import: $(excerpt "$ERR")"
	fi
	has "$OUT" "BVDKM 2024 r" receipt-imported
	RECEIPT=$(ls "$E/work/bien-nhan"/*.receipt 2>/dev/null | head -n 1)
	[ -n "$RECEIPT" ] && ok || bad "receipt: none written"
	central open "$BUNDLE" -o "$E/opened"
	has "$E/opened/report.json" "Trần Quốc Khánh" receipt-bundle-telex
	has "$E/opened/report.json" "Võ Thị Minh Thư" receipt-bundle-vni
	has "$E/opened/report.json" "Nguyễn Hữu Phước" receipt-bundle-nomination
	cmp -s "$E/opened/attachments/bao-cao-quet.pdf" "$E/work/bao-cao-quet.pdf" && ok ||
		bad "receipt: the scan changed on the way"
}
# central ARGS...: xhht-central on the Ministry's data folder; output in $OUT and $ERR.
central() { "$CENTRAL" --data "$E/central" --passphrase-file "$E/cpass" "$@" >"$OUT" 2>"$ERR" </dev/null; }
# clerk NAME [ARGS...]: xhht on the clerk's data folder, in the clerk's folder.
clerk() { TUI_DATA="$E/data" TUI_CWD="$E/work" tui_start "$@"; }
# desk_start NAME [ARGS...]: xhht-central's desk on the Ministry's data folder of the clerk's
# world ($E/central), started in the clerk's folder ($E/work), where its file choosers start.
desk_start() {
	_xhht=$XHHT
	XHHT=$CENTRAL
	TUI_DATA="$E/central" TUI_CWD="$E/work" tui_start "$@"
	XHHT=$_xhht
}
# down_to TEXT: Down until the highlighted row holds TEXT (lists of the desk).
down_to() {
	i=0
	while ! highlighted | grep -qF -- "$1" && [ $i -lt 30 ]; do
		keys Down
		sleep 0.05
		i=$((i + 1))
	done
	highlighted | grep -qF -- "$1" && ok || bad "no highlighted row with \"$1\": $(highlighted | tr '\n' '|')"
}
# page_to TEXT WHAT: PgDn, page after page (at most 12), until the screen shows TEXT.
page_to() {
	i=0
	while ! shows "$1" && [ $i -lt 12 ]; do
		keys PgDn
		sleep 0.1
		i=$((i + 1))
	done
	see "$1" "$2"
}
