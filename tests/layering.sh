#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The layers stay apart: src/ knows nothing of curses, screens/ nothing of
# SQL or HTTP (they ask the model). Checked on what was built, by the
# undefined symbols of each library (nm -u), so that an indirect include or
# a call through another header is caught too; and on the sources'
# includes. Missing input is a failure, never a pass. Prints TAP.
top=${top_srcdir:-$(dirname "$0")/..}
build=${top_builddir:-.}
echo "1..4"
n=0
result() { # ok|not-ok description
	n=$((n + 1))
	if [ "$1" = ok ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
missing=""
for f in "$build/libaulataulu.a" "$build/libscreens.a" "$build/aulataulu"; do
	[ -f "$f" ] || missing="$missing $f"
done
ls "$top"/src/*.c "$top"/screens/*.c >/dev/null 2>&1 || missing="$missing $top/src $top/screens"
command -v nm >/dev/null || missing="$missing nm"
if [ -n "$missing" ]; then
	echo "Bail out! missing:$missing"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Every symbol the curses libraries the program links define.
for lib in $(ldd "$build/aulataulu" | awk '/ncursesw|tinfo|formw/ {print $3}'); do
	nm -D --defined-only "$lib" | awk '{sub(/@.*/, "", $NF); print $NF}'
done | sort -u >"$tmp/curses"
nm -u "$build/libaulataulu.a" 2>/dev/null | awk 'NF {print $NF}' | sort -u >"$tmp/core"
nm -u "$build/libscreens.a" 2>/dev/null | awk 'NF {print $NF}' | sort -u >"$tmp/screens"
if [ ! -s "$tmp/curses" ] || [ ! -s "$tmp/core" ] || [ ! -s "$tmp/screens" ]; then
	echo "Bail out! no symbols read (ldd or nm failed)"
	exit 1
fi
# The check must be able to fail: the screens do call curses.
if [ -z "$(comm -12 "$tmp/screens" "$tmp/curses")" ]; then
	echo "Bail out! the curses symbols were not recognised in libscreens.a"
	exit 1
fi
used=$(comm -12 "$tmp/core" "$tmp/curses")
if [ -z "$used" ]; then
	result ok "libaulataulu.a (src/) calls no curses function"
else
	result not-ok "libaulataulu.a (src/) calls curses: $(echo $used)"
fi
used=$(grep -E '^(sqlite3_|curl_)' "$tmp/screens")
if [ -z "$used" ]; then
	result ok "libscreens.a (screens/) calls neither SQLite nor libcurl"
else
	result not-ok "libscreens.a (screens/) calls SQLite or libcurl: $(echo $used)"
fi
if grep -lE '#include <(n?curses|ncursesw/|form|menu|panel)' "$top"/src/*.c "$top"/src/*.h; then
	result not-ok "src/ includes curses (files above)"
else
	result ok "src/ does not include curses"
fi
if grep -lE '#include <(sqlite3|curl/curl)\.h>|#include "(store|fetch|sync|model_sql)\.h"' \
	"$top"/screens/*.[ch]; then
	result not-ok "screens/ include SQL or HTTP (files above)"
else
	result ok "screens/ include neither SQL nor HTTP"
fi
