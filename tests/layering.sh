#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The layers stay apart: src/ knows nothing of curses, screens/ nothing of
# SQL or HTTP (they ask the model), and src/'s folders build on those below
# them only, in this order: util feed store local sync model publish app cli
# (feed/ never reaches store/, the store never the model or the CLI). Checked on what was built, by the
# undefined symbols of each library (nm -u), so that an indirect include or
# a call through another header is caught too; and on the sources'
# includes. Missing input is a failure, never a pass. Prints TAP.
top=${top_srcdir:-$(dirname "$0")/..}
build=${top_builddir:-.}
echo "1..6"
layers="util feed store local sync model publish app cli"
n=0
result() { # ok|not-ok description
	n=$((n + 1))
	if [ "$1" = ok ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
missing=""
for f in "$build/libaulataulu.a" "$build/libscreens.a" "$build/aulataulu"; do
	[ -f "$f" ] || missing="$missing $f"
done
for layer in $layers; do
	ls "$top/src/$layer"/*.c "$build/src/$layer"/libaulataulu_a-*.o >/dev/null 2>&1 ||
		missing="$missing $top/src/$layer $build/src/$layer/*.o"
done
ls "$top"/src/*/*.c "$top"/screens/*.c >/dev/null 2>&1 || missing="$missing $top/src $top/screens"
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
if grep -lE '#include <(n?curses|ncursesw/|form|menu|panel)' "$top"/src/*/*.c "$top"/src/*/*.h; then
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
# A folder's includes and calls reach only its own layer and those below.
# Calls: what a folder's objects leave undefined is defined by no object of
# a layer above it (nm, so a call declared by hand is caught too).
below=""
bad_includes=""
bad_calls=""
for layer in $layers; do
	below="$below $layer"
	above=$(echo "$layers" | sed "s/.*\b$layer\b//")
	for higher in $above; do
		hits=$(grep -lE "#include \"$higher/" "$top/src/$layer"/*.[ch])
		[ -z "$hits" ] || bad_includes="$bad_includes $layer->$higher:($(echo $hits | sed "s|$top/||g"))"
		nm --defined-only "$build/src/$higher"/libaulataulu_a-*.o 2>/dev/null |
			awk '$2 ~ /^[TDBR]$/ {print $3}' | sort -u >"$tmp/defined"
		nm -u "$build/src/$layer"/libaulataulu_a-*.o 2>/dev/null | awk 'NF == 2 {print $2}' |
			sort -u >"$tmp/undefined"
		calls=$(comm -12 "$tmp/undefined" "$tmp/defined")
		[ -z "$calls" ] || bad_calls="$bad_calls $layer->$higher:($(echo $calls))"
	done
done
if [ -z "$bad_includes" ]; then
	result ok "src/'s folders include only their own layer and those below"
else
	result not-ok "a folder includes a layer above it:$bad_includes"
fi
# The check must be able to fail: the CLI does call the store.
nm --defined-only "$build/src/store"/libaulataulu_a-*.o | awk '$2 == "T" {print $3}' | sort -u >"$tmp/defined"
nm -u "$build/src/cli"/libaulataulu_a-*.o | awk 'NF == 2 {print $2}' | sort -u >"$tmp/undefined"
if [ -z "$(comm -12 "$tmp/undefined" "$tmp/defined")" ]; then
	echo "Bail out! the calls of src/cli/ into src/store/ were not recognised"
	exit 1
fi
if [ -z "$bad_calls" ]; then
	result ok "src/'s folders call only their own layer and those below"
else
	result not-ok "a folder calls a layer above it:$bad_calls"
fi
