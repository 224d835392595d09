#!/bin/sh
# The layers stay apart: src/ knows nothing of curses, screens/ nothing of
# SQL or HTTP (they ask the model). Prints TAP.
top=${top_srcdir:-$(dirname "$0")/..}
echo "1..2"
if grep -lE '#include <(n?curses|ncursesw/|form|menu|panel)' "$top"/src/*.c "$top"/src/*.h 2>/dev/null; then
	echo "not ok 1 - src/ includes curses (files above)"
else
	echo "ok 1 - src/ does not include curses"
fi
if ls "$top"/screens/*.[ch] >/dev/null 2>&1 &&
   grep -lE '#include <(sqlite3|curl/curl)\.h>|#include "(store|fetch|sync)\.h"' "$top"/screens/*.[ch]; then
	echo "not ok 2 - screens/ include SQL or HTTP (files above)"
else
	echo "ok 2 - screens/ include neither SQL nor HTTP"
fi
