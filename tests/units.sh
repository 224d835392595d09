#!/bin/sh
# The systemd units of data/ pass systemd-analyze verify with neither an
# error nor a warning (an unknown or misspelt key is only a warning to it),
# with ExecStart pointing at the program just built. Missing input is a
# failure, never a pass. Prints TAP.
top=${top_srcdir:-$(dirname "$0")/..}
build=${top_builddir:-.}
units="aulataulu.service aulataulu-publish.service aulataulu-publish.timer"
echo "1..3"
missing=""
for u in $units; do
	[ -f "$top/data/$u" ] || missing="$missing $top/data/$u"
done
[ -x "$build/aulataulu" ] || missing="$missing $build/aulataulu"
command -v systemd-analyze >/dev/null || missing="$missing systemd-analyze (Debian package systemd)"
if [ -n "$missing" ]; then
	echo "Bail out! missing:$missing"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=$(cd "$build" && pwd)/aulataulu
for u in $units; do
	sed "s|/usr/local/bin/aulataulu|$bin|" "$top/data/$u" >"$tmp/$u"
done
n=0
for u in $units; do
	n=$((n + 1))
	# The timer is verified with the service it starts.
	case $u in *.timer) with="$tmp/${u%.timer}.service" ;; *) with="" ;; esac
	if (cd "$tmp" && systemd-analyze verify --man=no $with "$tmp/$u") >"$tmp/out" 2>&1 &&
		! [ -s "$tmp/out" ]; then
		echo "ok $n - $u passes systemd-analyze verify"
	else
		echo "not ok $n - $u: systemd-analyze verify says:"
		sed 's/^/# /' "$tmp/out"
	fi
done
