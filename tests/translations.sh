#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Every sentence a person sees is translated: each catalogue of po/LINGUAS
# has a translation, neither missing nor fuzzy, of every message marked in
# the sources of po/POTFILES.in (extracted anew, so a string marked since
# the last `make update-po` counts). Missing input fails. Prints TAP.
top=${top_srcdir:-$(dirname "$0")/..}
for tool in xgettext msgcmp msgfmt; do
	if ! command -v "$tool" >/dev/null; then
		echo "Bail out! $tool is missing (the Debian package gettext)"
		exit 1
	fi
done
[ -f "$top/po/LINGUAS" ] && [ -f "$top/po/POTFILES.in" ] || {
	echo "Bail out! po/LINGUAS or po/POTFILES.in is missing"
	exit 1
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$top" && xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 --language=C \
	-o "$tmp/all.pot" -f po/POTFILES.in) || {
	echo "Bail out! xgettext failed"
	exit 1
}
n_marked=$(grep -c '^msgid ' "$tmp/all.pot")
langs=$(cat "$top/po/LINGUAS")
echo "1..$(($(echo $langs | wc -w) * 2))"
i=0
for lang in $langs; do
	po="$top/po/$lang.po"
	i=$((i + 1))
	if msgcmp "$po" "$tmp/all.pot" >"$tmp/cmp" 2>&1; then
		echo "ok $i - $lang.po has all $n_marked marked messages"
	else
		echo "not ok $i - $lang.po lacks marked messages:"
		sed 's/^/# /' "$tmp/cmp" | head -20
	fi
	i=$((i + 1))
	stats=$(msgfmt --statistics -o /dev/null "$po" 2>&1)
	case "$stats" in
	*untranslated* | *fuzzy*) echo "not ok $i - $lang.po: $stats" ;;
	*) echo "ok $i - $lang.po: $stats" ;;
	esac
done
