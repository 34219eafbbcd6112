#!/bin/sh
# generate.sh BUILD_DIR OUT_DIR: writes the manual pages (OUT_DIR/NAME, OUT_DIR/vi/NAME) from
# the hand-written man/NAME.in and man/vi/NAME.in. A line "@PROGRAM PART [ARGS]@" there is
# replaced by that part as BUILD_DIR/PROGRAM writes it from its own tables (commands, options,
# keys, refusal classes: cmd/cli.c, man_part), in the page's language; @VERSION@ by the
# version.
set -eu
build=$1
out=$2
version=$("$build/xhht" --version | sed 's/^.* //')
mkdir -p "$out/vi"
for in in man/*.in man/vi/*.in; do
	case $in in
	man/vi/*) lang=vi dir=$out/vi ;;
	*) lang=en dir=$out ;;
	esac
	[ -f "$in" ] || continue
	page=$(basename "$in" .in)
	while IFS= read -r line; do
		case $line in
		@*@)
			line=${line#@}
			prog=${line%% *}
			part=${line#* }
			XHHT_MAN=${part%@} "$build/$prog" --lang "$lang" ||
				{ echo "generate.sh: $in: no part \"$line\"" >&2; exit 1; }
			;;
		*) printf '%s\n' "$line" | sed "s/@VERSION@/$version/g" ;;
		esac
	done <"$in" >"$dir/$page.tmp"
	mv "$dir/$page.tmp" "$dir/$page"
done
