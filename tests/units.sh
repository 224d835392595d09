#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The systemd units of data/: systemd-analyze verify passes them with
# neither an error nor a warning (an unknown or misspelt key is only a
# warning to it), with ExecStart pointing at the program just built; the
# services built from them name the program where configure puts it; and
# systemd-analyze security rates their exposure (printed) at 2.0 at most
# (the compositor, which needs the GPU and input devices: 3.0);
# promtool check rules accepts the alert rules, and promtool test rules
# shows each firing when it should (tests/data/aulataulu-alerts.test.yml).
# Missing input is a failure, never a pass. Prints TAP.
top=${top_srcdir:-$(dirname "$0")/..}
build=${top_builddir:-.}
units="aulataulu.service aulataulu-cage.service aulataulu-publish.service aulataulu-publish.timer
	aulataulu-out-of-order.service"
echo "1..15"
missing=""
for u in aulataulu.service.in aulataulu-cage.service.in aulataulu-publish.service.in \
	aulataulu-publish.timer aulataulu-out-of-order.service; do
	[ -f "$top/data/$u" ] || missing="$missing $top/data/$u"
done
for u in aulataulu.service aulataulu-cage.service aulataulu-publish.service; do
	[ -f "$build/data/$u" ] || missing="$missing $build/data/$u"
done
[ -x "$build/aulataulu" ] || missing="$missing $build/aulataulu"
command -v systemd-analyze >/dev/null || missing="$missing systemd-analyze (Debian package systemd)"
command -v promtool >/dev/null || missing="$missing promtool (Debian package prometheus)"
for f in data/aulataulu-alerts.yml tests/data/aulataulu-alerts.test.yml; do
	[ -f "$top/$f" ] || missing="$missing $top/$f"
done
if [ -n "$missing" ]; then
	echo "Bail out! missing:$missing"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=$(cd "$build" && pwd)/aulataulu
for u in $units; do
	src="$top/data/$u"
	[ -f "$src.in" ] && src="$src.in"
	sed "s|@bindir@/aulataulu|$bin|" "$src" >"$tmp/$u"
done
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; sed 's/^/# /' "$tmp/out"; }
for u in $units; do
	# The timer is verified with the service it starts.
	case $u in *.timer) with="$tmp/${u%.timer}.service" ;; *) with="" ;; esac
	if (cd "$tmp" && systemd-analyze verify --man=no $with "$tmp/$u") >"$tmp/out" 2>&1 &&
		! [ -s "$tmp/out" ]; then
		ok "$u passes systemd-analyze verify"
	else
		not_ok "$u: systemd-analyze verify says:"
	fi
done
bindir=$(sed -n 's/^bindir = //p' "$build/Makefile")
prefix=$(sed -n 's/^prefix = //p' "$build/Makefile")
bindir=$(echo "$bindir" | sed "s|\${exec_prefix}|$prefix|")
for u in aulataulu.service aulataulu-publish.service; do
	grep -q "^ExecStart=$bindir/aulataulu " "$build/data/$u" >"$tmp/out" 2>&1 &&
		ok "$build/data/$u starts $bindir/aulataulu" ||
		{ grep '^ExecStart' "$build/data/$u" >"$tmp/out"; not_ok "$u does not start $bindir/aulataulu"; }
done
libexecdir=$(sed -n 's/^libexecdir = //p' "$build/Makefile" | sed "s|\${exec_prefix}|$prefix|")
session=$build/data/aulataulu-session
grep -q "^ExecStart=.*/usr/bin/cage .* -- $libexecdir/aulataulu/aulataulu-session " \
	"$build/data/aulataulu-cage.service" >"$tmp/out" 2>&1 &&
	ok "$build/data/aulataulu-cage.service runs $libexecdir/aulataulu/aulataulu-session in cage" ||
	{ grep '^ExecStart' "$build/data/aulataulu-cage.service" >"$tmp/out"; not_ok "aulataulu-cage.service does not run aulataulu-session in cage"; }
# The session: a shell script sh reads, running the program just built in foot.
if sh -n "$session" >"$tmp/out" 2>&1 && grep -q "^bin=\${AULATAULU_BIN:-$bindir/aulataulu}\$" "$session" &&
	grep -q '^	foot --font="\$font" ' "$session"; then
	ok "$session runs $bindir/aulataulu in foot"
else
	not_ok "$session does not run $bindir/aulataulu in foot (or sh -n refuses it)"
fi
for pair in aulataulu-publish.service:2.0 aulataulu.service:2.0 aulataulu-cage.service:3.0 \
	aulataulu-out-of-order.service:2.0; do
	u=${pair%:*} most=${pair#*:}
	(cd "$tmp" && systemd-analyze security --offline=true --threshold=0 "$tmp/$u") >"$tmp/out" 2>&1
	exposure=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' "$tmp/out")
	if [ -n "$exposure" ] && awk "BEGIN {exit !($exposure <= $most)}"; then
		ok "$u: exposure $exposure (at most $most)"
	else
		not_ok "$u: exposure ${exposure:-unknown}, more than $most:"
	fi
done
if promtool check rules "$top/data/aulataulu-alerts.yml" >"$tmp/out" 2>&1 &&
	grep -q "SUCCESS: 6 rules found" "$tmp/out"; then
	ok "data/aulataulu-alerts.yml passes promtool check rules"
else
	not_ok "data/aulataulu-alerts.yml: promtool check rules says:"
fi
(cd "$top/tests/data" && promtool test rules aulataulu-alerts.test.yml) >"$tmp/out" 2>&1 &&
	ok "every alert fires when tests/data/aulataulu-alerts.test.yml says, not a minute before" ||
	not_ok "promtool test rules tests/data/aulataulu-alerts.test.yml says:"
