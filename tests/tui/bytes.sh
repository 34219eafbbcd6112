#!/bin/sh
# bytes.sh: bytes that are not UTF-8, and C1 controls, typed into the full-screen xhht:
# dropped, typing goes on, the stored report stays valid UTF-8.
# Usage: sh tests/tui/bytes.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

# --- 7. invalid bytes as input -----------------------------------------------------------------
begin bytes
tui_start bytes edit 2024 chung.nguoi_ky
see "Người ký" bytes-start
typ "ab"
see "ab" bytes-typed
# Bytes that are not UTF-8: a lone continuation, FF, FE, overlong, a surrogate, above U+10FFFF,
# a truncated sequence; each followed by a pause, the time the reader waits for the rest.
for seq in "ff" "fe" "c0 80" "80" "ed a0 80" "f4 90 80 80" "e0 80 80" "c3"; do
	keys -H $seq
	sleep 0.3
done
typ "cd"
see "abcd" bytes-typing-goes-on
keys Tab
db_see '"chung.nguoi_ky": "abcd"' bytes-stored-clean
utf8_json bytes-json-utf8
alive && ok || bad "bytes: xhht is gone"
# Keys typed right after a bad byte, without a pause.
keys BTab
see "abcd" bytes-back
keys -H ff
typ "12"
sleep 0.4
keys Tab
# Digits, so that the typing method leaves them as they are.
db_see '"chung.nguoi_ky": "abcd12"' bytes-keys-after-invalid-byte
# C1 control characters (valid UTF-8: U+0085, U+009B) typed into the next field.
wait_for "Chức vụ người ký" >/dev/null
keys -H c2 85
keys -H c2 9b
typ "gh"
sleep 0.3
keys Tab
must "C1 control characters are dropped at input" \
	db_wait '"chung.chuc_vu_nguoi_ky": "gh"' 2
utf8_json bytes-json-utf8-2
# Bytes in the long text editor and on the home screen.
keys F10
wait_for EXITED >/dev/null
end
begin bytes-longtext
tui_start bytes-longtext edit 2024 kien_nghi.kho_khan
see "$UI_LONGTEXT_EMPTY" bytes-lt-start
keys Enter
see "0/" bytes-lt-editor
typ "Khos khawn"
see "Khó khăn" bytes-lt-typed
for seq in "ff fe" "c0 af" "ed b0 80" "f8 88 80 80 80" "e2 28 a1"; do
	keys -H $seq
	sleep 0.3
done
typ " xong"
see "xong" bytes-lt-goes-on
esc
see "$UI_TELEX" bytes-lt-back
utf8_json bytes-lt-json-utf8
db_see '"kien_nghi.kho_khan": "Khó khăn' bytes-lt-stored
keys Escape
sleep 0.2
keys -H ff fe c0 80 00 1b 5b 39 39 39 7e
sleep 0.4
alive && ok || bad "bytes: xhht is gone after bytes on the section list"
quit_with F10 bytes-lt-quit
utf8_json bytes-lt-json-after
end

tui_end
