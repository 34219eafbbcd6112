#!/bin/sh
# layout.sh: nothing cut at 80×24 (and 100×30): every screen walked with the reference report
# and the template's labels (the longest are 81 characters); a label shows whole (wrapped) or
# ends in "…", a required field's "*" is always there, a long message is shown whole; a dialog
# over Vietnamese text leaves no stray letter beside its border.
# Usage: sh tests/tui/layout.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

# The yearly template's labels and section titles, one a line: "1<TAB>label" for a required field or
# column, "0<TAB>label" for another, "S<TAB>title" for a section.
for f in db/templates/bao-cao-nam-*.json; do # the walk is of the yearly report
	awk '
		function flush() { if (text != "") print kind "\t" text; text = ""; kind = "0"; want = "" }
		/^ *"id": / { flush(); next }
		/^ *"label": \{/ && text == "" { want = "label"; next }
		/^ *"title": \{/ && text == "" && depth_ok { want = "S"; next }
		/^ *"sections": \[/ { depth_ok = 1 }
		/^ *"vi": / && want != "" {
			s = $0
			sub(/^ *"vi": "/, "", s)
			sub(/",? *$/, "", s)
			gsub(/\\"/, "\"", s)
			text = s
			if (want == "S") kind = "S"
			want = ""
			next
		}
		/^ *"required": true/ && kind != "S" { kind = "1" }
		END { flush() }' "$f"
done >"$T/labels"
[ "$(grep -c . "$T/labels")" -gt 50 ] && ok || bad "labels: too few read from db/templates ($(grep -c . "$T/labels"))"

# norm: the screen as shown, attributes left out and the line-drawing characters (which tmux
# gives as letters between SO and SI) as box characters, into $SCR.
norm() {
	$S capture-pane -p -e -t 0 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | awk '
		{
			n = split($0, part, "\016")
			out = part[1]
			for (i = 2; i <= n; i++) {
				k = index(part[i], "\017")
				acs = k ? substr(part[i], 1, k - 1) : part[i]
				gsub(/x/, "│", acs); gsub(/q/, "─", acs); gsub(/[lkmj]/, "+", acs)
				out = out acs (k ? substr(part[i], k + 1) : "")
			}
			print out
		}' >"$SCR"
}

# labels_ok WHAT [marks]: on the screen, each label or section title of the template that shows
# (its first 18 bytes, or all of it) either shows whole, wrapped on the next rows at a space, or
# cut with "…"; with "marks", a required field's label in a form has its "*" (before it, or
# after the whole label).
labels_ok() {
	norm
	res=$(awk -v marks="${2:-}" -v TAB="$(printf '\t')" '
		function rtrim(s) { sub(/ +$/, "", s); return s }
		# The text of line l from byte p up to a border, trimmed.
		function seg(l, p,   s, q) {
			s = substr(line[l], p)
			q = index(s, "│")
			if (q) s = substr(s, 1, q - 1)
			return rtrim(s)
		}
		function ends_ellipsis(s) { return length(s) >= 3 && substr(s, length(s) - 2) == "…" }
		# 1 when label L, found at line l byte p, shows whole or visibly cut; 0 when cut silently;
		# -1 when the text there is not this label (it only starts the same).
		function shown(L, l, p,   s, pre, rest, h, q) {
			for (;;) {
				s = seg(l, p)
				if (substr(s, 1, length(L)) == L) { after[0] = substr(s, length(L) + 1); return 1 }
				if (ends_ellipsis(s)) {
					pre = rtrim(substr(s, 1, length(s) - 3))
					return substr(L, 1, length(pre)) == pre ? 1 : -1
				}
				if (substr(L, 1, length(s)) != s || (s in known)) return -1 # another label
				# A proper start of the label ends the row: it must go on at a space on the next.
				rest = substr(L, length(s) + 1)
				if (substr(rest, 1, 1) != " ") return 0
				sub(/^ +/, "", rest)
				h = substr(rest, 1, 12)
				if (l >= NR || (q = index(line[l + 1], h)) == 0) return 0
				L = rest; l++; p = q
			}
		}
		FILENAME == ARGV[1] {
			k = index($0, TAB)
			kind[++nl] = substr($0, 1, k - 1)
			text[nl] = substr($0, k + 1)
			known[text[nl]] = 1
			next
		}
		{ line[FNR] = $0 }
		END {
			bad = ""
			for (l = 2; l < NR; l++)
				for (i = 1; i <= nl; i++) {
					L = text[i]
					if (length(L) < 6) continue
					h = substr(L, 1, 18)
					p = index(line[l], h)
					if (p == 0) continue
					r = shown(L, l, p)
					if (r == 0) bad = bad "\n  row " l ": \"" L "\" cut without …"
					if (r < 0 || marks == "" || kind[i] != "1") continue
					# A label in a form: nothing but blanks (and the mark) before it on its side of
					# the border.
					before = substr(line[l], 1, p - 1)
					q = 0
					while ((k = index(substr(before, q + 1), "│")) > 0) q += k + 2
					before = substr(before, q + 1)
					if (before !~ /^ *(\* )?$/) continue
					if (before !~ /\* $/ && !(r == 1 && after[0] ~ /^ \*/))
						bad = bad "\n  row " l ": required \"" L "\" without its *"
				}
			printf "%s", bad
		}' "$T/labels" "$SCR")
	if [ -z "$res" ]; then ok; else
		bad "$1 ($W×$H):$res"
		show
	fi
}

# step KEY...: sends the keys and waits for the screen (with its attributes) to change.
step() {
	before=$($S capture-pane -p -e -t 0 2>/dev/null)
	keys "$@"
	poll "$TMO" 0.03 changed_from "$before" || true
}
# ascii_cut: the row's summary, too long for its line, ends in "..." (no-diacritics form).
ascii_cut() { screen; grep -q '^ *To chuc 86 khoa dao tao.*[^.]\.\.\.$' "$SCR"; }
changed_from() { [ "$($S capture-pane -p -e -t 0 2>/dev/null)" != "$1" ]; }

# message_whole TEXT WHAT: the screen holds TEXT whole (rows joined, blanks left out).
message_whole() {
	want=$(printf '%s' "$1" | tr -d ' \n')
	if poll "$TMO" 0.05 joined_has "$want"; then ok; else
		bad "$2 ($W×$H): the message \"$1\" is not shown whole"
		show
	fi
}
joined_has() { norm; tr -d ' \n' <"$SCR" | grep -qF -- "$1"; }

# The reference report, in the clerk's enrolled data folder.
begin layout-world
clerk_reported
KEY=$(ls "$E"/data/unit-*.key 2>/dev/null | head -n 1)
[ -n "$KEY" ] && ok || bad "no unit key file in $E/data"
NFIELDS=$(grep -c '^ *"id": "[a-z_]*\.[a-z_0-9]*",$' db/templates/bao-cao-nam-1.json)

# char_at ROW COL: the character at (0-based) column COL of row ROW (1-based) of $SCR; empty
# past the end of the row.
char_at() { LC_ALL=C.UTF-8 sed -n "$1{s/^.\{$2\}\(.\).*/\1/p;q}" "$SCR"; }
# box_clean WHAT: the dialog box on the screen has blanks in the columns beside its left and
# right borders, on every row: no letter of the screen below runs into it.
box_clean() {
	norm
	top=$(grep -n '+──*+' "$SCR" | head -n 1 | cut -d: -f1)
	if [ -z "$top" ]; then
		bad "$1 ($W×$H): no box on the screen"
		show
		return
	fi
	pre=$(sed -n "${top}p" "$SCR" | sed 's/+──*+.*//')
	left=$(printf '%s' "$pre" | LC_ALL=C.UTF-8 wc -m)
	inner=$(sed -n "${top}p" "$SCR" | sed 's/^[^+]*+\(──*\)+.*/\1/' | LC_ALL=C.UTF-8 wc -m)
	right=$((left + inner + 1))
	r=$top stray=""
	while :; do
		b=$(char_at "$r" "$left")
		case "$b" in "│" | "+") ;; *) break ;; esac
		for c in $((left - 1)) $((right + 1)); do
			[ "$c" -lt 0 ] && continue
			ch=$(char_at "$r" "$c")
			case "$ch" in "" | " ") ;; *) stray="$stray row $r column $c: '$ch';" ;; esac
		done
		[ "$b" = "+" ] && [ "$r" != "$top" ] && break
		r=$((r + 1))
	done
	if [ -z "$stray" ]; then ok; else
		bad "$1 ($W×$H): letters of the screen below beside the box's border:$stray"
		show
	fi
}

# size: the next test's size is the walk's (end sets it back to 100×30).
size() { W=$SW H=$SH; }
# walk W H: every screen at W×H.
walk() {
	SW=$1 SH=$2
	size
	begin "walk-$W"
	clerk "walk$W"
	see "$UI_HOME_UNIT" "home-$W"
	labels_ok "home"
	open_editor
	see "gõ: Telex" "editor-$W"
	labels_ok "sections"
	# Each section's name and help, then every field of the report, one after the other.
	i=0
	while [ $i -lt 10 ]; do
		step Down
		labels_ok "section $i"
		i=$((i + 1))
	done
	step Enter
	labels_ok "fields 0" marks
	i=1
	while [ "$i" -le "$NFIELDS" ]; do
		step Tab
		labels_ok "fields $i" marks
		i=$((i + 1))
	done
	step F1
	see "$UI_HELP_KEYS" "help-$W"
	labels_ok "help"
	esc
	step F2
	see "Kiểm tra báo cáo" "check-$W"
	labels_ok "check"
	esc
	step F3
	see "Bản in" "preview-$W"
	i=0
	while [ $i -lt 8 ]; do
		labels_ok "preview page $i"
		step NPage
		i=$((i + 1))
	done
	end
	# A long text, a table, a row of it and its choice dialog.
	size
	begin "long-$W"
	clerk "long$W" edit 2024 nguon_luc.co_so_vat_chat
	see "Cơ sở vật chất" "longtext-field-$W"
	step Enter
	see "/8000" "longtext-$W"
	labels_ok "long text"
	# The count stays whole whatever the label.
	typ "a"
	see "(đang sửa)" "longtext-count-$W"
	labels_ok "long text, editing"
	end
	size
	begin "table-$W"
	clerk "table$W" edit 2024 khen_thuong.de_nghi
	see "Đề nghị khen thưởng cấp trên" "table-field-$W"
	step Enter
	see "3 dòng" "table-$W"
	labels_ok "table"
	step Enter
	see "Dòng 1" "row-$W"
	labels_ok "row" marks
	for c in 1 2 3 4; do
		step Tab
		labels_ok "row column $c" marks
	done
	step Up Up Up Up Enter
	see "$UI_CHOICE_EMPTY" "row-choice-$W"
	labels_ok "row choice"
	box_clean "choice dialog over a row"
	end
	# Settings and attachments, from the first screen; the passphrase box over the settings.
	size
	begin "settings-$W"
	clerk "settings$W"
	see "$UI_HOME_UNIT" "settings-home-$W"
	typ 8
	see "$UI_SETTINGS_OPEN" "settings-$W"
	labels_ok "settings"
	choose "$UI_PASS_ITEM" "settings-pass-item-$W"
	keys Enter
	see "$UI_PASS_CURRENT" "settings-pass-$W"
	box_clean "passphrase box over the settings"
	# A wrong passphrase: the message names the key file, whole.
	typ "khong phai mat khau"
	keys Enter
	see "Cụm mật khẩu mới" "settings-pass-new-$W"
	typ "mot cum mat khau moi"
	keys Enter
	see "$UI_PASS_REPEAT" "settings-pass-repeat-$W"
	typ "mot cum mat khau moi"
	keys Enter
	message_whole "sai cụm mật khẩu (hoặc tệp khóa $KEY đã bị sửa)" "wrong-passphrase message"
	esc
	see "$UI_HOME_UNIT" "settings-back-$W"
	typ 4
	see "Tệp đính kèm" "attachments-$W"
	labels_ok "attachments"
	esc
	# Packing's question and folder chooser, over the first screen.
	see "$UI_HOME_UNIT" "pack-home-$W"
	keys F5
	see "Sẽ gửi: báo cáo năm 2024" "pack-question-$W"
	labels_ok "pack question"
	box_clean "pack question over the first screen"
	keys Enter
	see "Lưu gói vào đâu?" "pack-chooser-$W"
	labels_ok "pack chooser"
	box_clean "folder chooser over the first screen"
	esc
	end
	# A long label with its reason: the message is shown whole.
	size
	begin "message-$W"
	clerk "message$W" edit 2024 nguon_luc.van_ban_tham_muu
	see "Số văn bản tham mưu" "message-field-$W"
	keys End
	typ "-2"
	keys Tab
	message_whole "Số văn bản tham mưu Bộ Y tế về cơ chế, chính sách học tập suốt đời: chỉ nhập chữ số" "number message"
	labels_ok "fields with a message" marks
	end
}

walk 80 24
walk 100 30

# Without Vietnamese on the terminal the mark of a cut text is "...": a row's long text.
W=80 H=24
begin ascii
TUI_LANG=C clerk ascii edit 2024 khen_thuong.de_nghi
see "De nghi khen thuong cap tren" ascii-field
step Enter
see "3 dong" ascii-table
step Enter
see "Dong 1" ascii-row
must "ascii: a long value cut ends in \"...\"" poll "$TMO" 0.05 ascii_cut
ascii_screen ascii-row
end
tui_end
