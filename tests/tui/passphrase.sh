#!/bin/sh
# passphrase.sh: passphrases typed at the terminal (no --passphrase-file): xhht passphrase and
# xhht-central passphrase ask without echo, the new one twice; a mismatch changes nothing.
# Usage: sh tests/tui/passphrase.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"

clerk_enrolled

# Passphrases typed at the terminal (no --passphrase-file): `xhht passphrase` and
# `xhht-central passphrase` ask on the terminal without echo, the new one twice.
begin passphrase-tty
clerk passphrase-tty passphrase
see "$UI_PASS_CURRENT" ptty-current
typ "$UPASS"
keys Enter
see "$UI_PASS_NEW" ptty-new
notsee "Minh" ptty-no-echo
typ "mot cum mat khau moi"
keys Enter
see "$UI_PASS_REPEAT" ptty-repeat
typ "mot cum mat khau moi"
keys Enter
see "$UI_PASS_CHANGED" ptty-changed
see "EXITED 0" ptty-exit
notsee "mot cum" ptty-new-no-echo
end
# The new passphrase opens the key and the old one no longer does; then back to the old.
printf 'mot cum mat khau moi\n' >"$T/newpass"
"$XHHT" --data "$E/data" --passphrase-file "$E/upass" --new-passphrase-file "$T/newpass" passphrase \
	>/dev/null 2>&1 </dev/null
[ $? -eq 2 ] && ok || bad "ptty: the old passphrase still opens the unit key"
"$XHHT" --data "$E/data" --passphrase-file "$T/newpass" --new-passphrase-file "$E/upass" passphrase \
	>/dev/null 2>&1 </dev/null && ok || bad "ptty: the new passphrase does not open the unit key"
# Two different entries of the new one: refused, the key unchanged.
begin passphrase-tty-differ
clerk passphrase-tty-differ passphrase
see "$UI_PASS_CURRENT" ptty-differ-current
typ "$UPASS"
keys Enter
see "$UI_PASS_NEW" ptty-differ-new
typ "mot cum mat khau moi"
keys Enter
see "$UI_PASS_REPEAT" ptty-differ-repeat
typ "mot cum khac han"
keys Enter
see "hai lần nhập cụm mật khẩu không khớp" ptty-differ-refused
see "EXITED 2" ptty-differ-exit
end
"$XHHT" --data "$E/data" --passphrase-file "$E/upass" --new-passphrase-file "$E/upass" passphrase \
	>/dev/null 2>&1 </dev/null && ok || bad "ptty: a refused change altered the unit key"
# The Ministry's office keys, likewise.
begin central-passphrase-tty
XHHT_UNIT=$XHHT
XHHT=$CENTRAL TUI_DATA="$E/central" tui_start central-passphrase-tty passphrase
see "$UI_PASS_CURRENT" cptty-current
typ "cụm mật khẩu trung ương"
keys Enter
see "$UI_PASS_NEW" cptty-new
typ "cụm mới của văn phòng"
keys Enter
see "$UI_PASS_REPEAT" cptty-repeat
typ "cụm mới của văn phòng"
keys Enter
see "$UI_PASS_CHANGED" cptty-changed
see "EXITED 0" cptty-exit
end
XHHT=$XHHT_UNIT
printf 'cụm mới của văn phòng\n' >"$T/cnewpass"
"$CENTRAL" --data "$E/central" --passphrase-file "$T/cnewpass" --new-passphrase-file "$E/cpass" passphrase \
	>/dev/null 2>&1 </dev/null && ok || bad "cptty: the new office passphrase does not open the keys"

tui_end
