#!/bin/sh
# man.sh: the manual pages (man/*.1 man/*.5 man/vi/*) are what `make man` makes of the
# programs' tables today, say what --help says of every command and option in both languages,
# render without a warning, and install where the packaging looks for them.
. "$(dirname "$0")/../lib/harness.sh"
harness_start "$@"
need_program "$XHHT" "$CENTRAL"

PAGES="xhht.1 xhht-central.1 xhht-bundle.5"

# --- current: regenerated from the tables, they are the committed pages byte for byte ---------
if sh man/generate.sh "$BUILD" "$T/man" 2>"$ERR"; then ok; else bad "generate.sh: $(excerpt "$ERR")"; fi
for page in $PAGES vi/xhht.1 vi/xhht-central.1 vi/xhht-bundle.5; do
	if cmp -s "$T/man/$page" "man/$page"; then ok; else
		diff "man/$page" "$T/man/$page" | sed 's/\\f[BIR]//g; s/\\-/-/g; s/\\/\\\\/g' |
			head -4 | tr '\n' ' ' >"$T/diff"
		bad "man/$page is not what the programs' tables give now: run make man ($(cat "$T/diff"))"
	fi
done

# --- what --help says: every command's synopsis and every option it names, in each language ----
# plain PAGE: the page's text lines without font changes and with '-' unescaped.
plain() { sed 's/\\f[BIR]//g; s/\\-/-/g' "$1"; }
plain man/xhht.1 >"$T/en-xhht"
plain man/xhht-central.1 >"$T/en-xhht-central"
plain man/vi/xhht.1 >"$T/vi-xhht"
plain man/vi/xhht-central.1 >"$T/vi-xhht-central"
for prog in "$XHHT" "$CENTRAL"; do
	pname=$(basename "$prog")
	for lang in vi en; do
		case $lang in vi) usage="Cách dùng: " ;; *) usage="Usage: " ;; esac
		"$prog" --lang $lang --help >"$T/help-all"
		sed -n "s/^  $pname \([a-z][a-z]*\( [a-z][a-z]*\)\{0,1\}\).*/\1/p" "$T/help-all" |
			sed 's/ [A-ZĐ[].*//' >"$T/help-commands"
		[ -s "$T/help-commands" ] && ok || bad "$pname --lang $lang --help: no command read"
		while IFS= read -r cmd; do
			# shellcheck disable=SC2086
			"$prog" --lang $lang $cmd --help >"$T/help-cmd"
			synopsis=$(sed -n "1s/^$usage//p" "$T/help-cmd")
			grep -qxF -- "$synopsis" "$T/$lang-$pname" && ok ||
				bad "man/$lang $pname: no synopsis \"$synopsis\""
			grep -o '^  -[-a-z]*' "$T/help-cmd" | while read -r opt; do
				grep -q -- "^$opt\( \|,\|\$\)" "$T/$lang-$pname" ||
					echo "man/$lang $pname: no option $opt (of $cmd)"
			done >"$T/missing"
			[ -s "$T/missing" ] && bad "$(cat "$T/missing")" || ok
		done <"$T/help-commands"
	done
done
# The Vietnamese pages are in Vietnamese: the synopsis, the headings, the tables' texts.
has man/vi/xhht.1 '\fBxhht pack\fR NĂM|NĂM\-NĂM [\-o THƯ_MỤC] [\-\-armor] [\-\-accept\-warnings]' vi-synopsis
has man/vi/xhht-central.1 '\fBxhht\-central enroll\fR MÃ \-o TỆP [\-\-email ĐỊA_CHỈ] [\-\-armor]' vi-central-synopsis
has man/vi/xhht.1 '.SH TÙY CHỌN' vi-heading
has man/vi/xhht.1 'Lưu và kiểm tra' vi-keys
has man/vi/xhht-bundle.5 'chữ ký không khớp với nội dung' vi-refusals
hasnt man/vi/xhht.1 'YEAR' vi-no-english-operand
# The keys of the full-screen interface and the refusal classes come from their tables.
has man/xhht.1 '\fBF10, Ctrl\-Q\fR' keys-from-table
has man/xhht-central.1 '\fBCtrl\-E\fR' desk-keys-from-table
hasnt man/xhht.1 'Ctrl\-E' clerk-without-desk-keys
has man/xhht-bundle.5 '\fBenrollment\-reused\fR' refusal-classes
has man/xhht-bundle.5 '\fBduplicate\fR' receipt-outcomes
# The parts are asked for by name; an unknown one is an error, never an empty page.
XHHT_MAN=nothing "$XHHT" >"$OUT" 2>"$ERR"
same "$?" 2 unknown-part-exit
one_line unknown-part

# --- rendering: no warning from groff, nor from mandoc's lint where it is installed ---------------
for page in $PAGES vi/xhht.1 vi/xhht-central.1 vi/xhht-bundle.5; do
	if command -v groff >/dev/null 2>&1; then
		groff -ww -k -man -Tutf8 -z "man/$page" >"$OUT" 2>"$ERR"
		[ -s "$ERR" ] && bad "groff man/$page: $(excerpt "$ERR")" || ok
	fi
	if command -v mandoc >/dev/null 2>&1; then
		mandoc -Tlint -W warning "man/$page" >"$OUT" 2>&1 && ok || bad "mandoc man/$page: $(excerpt "$OUT")"
	fi
done
command -v groff >/dev/null 2>&1 || echo "man: groff not installed: rendering not checked (packaging/install-deps.sh man)"
command -v mandoc >/dev/null 2>&1 || echo "man: mandoc not installed: lint skipped (packaging/install-deps.sh man)"

# --- installed where man finds them, in both languages ------------------------------------------
if make --no-print-directory install-man DESTDIR="$T/root" PREFIX=/usr >"$OUT" 2>"$ERR"; then ok; else
	bad "make install-man: $(excerpt "$ERR")"
fi
for f in man1/xhht.1 man1/xhht-central.1 man5/xhht-bundle.5 vi/man1/xhht.1 vi/man1/xhht-central.1 \
	vi/man5/xhht-bundle.5; do
	[ -f "$T/root/usr/share/man/$f" ] && ok || bad "make install-man: no /usr/share/man/$f"
done

harness_end
