#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The Debian package `make deb` built: lintian finds no error and no
# warning that is not explained in debian/aulataulu.lintian-overrides; its
# Depends name the libraries the program opens at run time (dpkg-shlibdeps
# cannot see them) besides those it links; and it holds what an install
# needs, and starts no service. Usage: deb.sh PACKAGE.deb. Missing input is a failure. Prints TAP.
deb=$1
echo "1..7"
missing=""
[ -f "$deb" ] || missing="$missing ${deb:-the .deb}"
for tool in dpkg-deb lintian; do
	command -v $tool >/dev/null || missing="$missing $tool"
done
if [ -n "$missing" ]; then
	echo "Bail out! missing:$missing"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fails=0
check() { # description, then the test's output in $tmp/out
	n=$((n + 1))
	if [ "$1" = ok ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		sed 's/^/# /' "$tmp/out"
		fails=$((fails + 1))
	fi
}
lintian --no-tag-display-limit "$deb" >"$tmp/out" 2>&1
if grep -q '^[EW]: ' "$tmp/out"; then
	check no "lintian: errors or warnings"
else
	check ok "lintian: no errors or warnings"
fi
dpkg-deb -f "$deb" Depends >"$tmp/depends"
result=ok
for lib in 'libcurl4 (>= 7.85)' libical3 libxml2 libicu72 libsqlite3-0 libsodium23 \
	libjansson4 libncursesw6; do
	grep -q "$lib" "$tmp/depends" || { echo "Depends lacks $lib: $(cat "$tmp/depends")"; result=no; }
done >"$tmp/out"
# Speech and printing are opened when used, and recommended: a terminal
# without them has no Listen or Print button.
dpkg-deb -f "$deb" Recommends >"$tmp/recommends"
for lib in libespeak-ng1 libpcaudio0 espeak-ng-data libcups2 libcairo2; do
	grep -q "$lib" "$tmp/recommends" ||
		{ echo "Recommends lacks $lib: $(cat "$tmp/recommends")"; result=no; }
done >>"$tmp/out"
grep -q libsystemd0 "$tmp/depends" &&
	{ echo "Depends names libsystemd0, which nothing links: $(cat "$tmp/depends")"; result=no; } >>"$tmp/out"
check $result "Depends names the libraries linked and opened at run time; Recommends speech and printing's"
dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|' >"$tmp/files"
result=ok
for f in /usr/bin/aulataulu /etc/aulataulu/aulataulu.conf \
	/lib/systemd/system/aulataulu.service /lib/systemd/system/aulataulu-cage.service \
	/lib/systemd/system/aulataulu-publish.service \
	/lib/systemd/system/aulataulu-publish.timer /lib/systemd/system/aulataulu-out-of-order.service \
	/usr/libexec/aulataulu/aulataulu-session \
	/usr/lib/sysusers.d/aulataulu.conf /usr/lib/tmpfiles.d/aulataulu.conf \
	/usr/share/man/man1/aulataulu.1.gz /usr/share/aulataulu/publish.conf.example \
	/usr/share/aulataulu/aulataulu-alerts.yml /usr/share/aulataulu/activities-template.csv \
	/usr/share/locale/fi/LC_MESSAGES/aulataulu.mo /usr/share/locale/sv/LC_MESSAGES/aulataulu.mo \
	/usr/share/doc/aulataulu/copyright; do
	grep -qx "$f" "$tmp/files" || { echo "missing: $f"; result=no; }
done >"$tmp/out"
check $result "the package holds the program, its units, configuration and data"
dpkg-deb -f "$deb" Conffiles >"$tmp/out" 2>&1
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles >"$tmp/out" 2>&1
grep -qx /etc/aulataulu/aulataulu.conf "$tmp/out" && result=ok || result=no
check $result "/etc/aulataulu/aulataulu.conf is a conffile"
dpkg-deb -x "$deb" "$tmp/root"
grep -q '^ExecStart=/usr/bin/aulataulu ' "$tmp/root/lib/systemd/system/aulataulu.service" \
	>"$tmp/out" 2>&1 && result=ok || result=no
check $result "the kiosk's unit starts /usr/bin/aulataulu"
# It starts nothing by itself (the kiosk would take tty1 from its login); an
# upgrade restarts only what was running, and removing it stops them
# (tests/deploy.sh runs all of this under systemd).
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./postinst >"$tmp/postinst" 2>&1
grep -nE "deb-systemd-invoke +(start|restart)|systemctl .*[^-]start" "$tmp/postinst" >"$tmp/out" &&
	result=no || result=ok
check $result "installing it starts no service"
result=ok
for u in aulataulu.service aulataulu-cage.service aulataulu-publish.timer; do
	grep -q "deb-systemd-invoke try-restart .*'$u'" "$tmp/postinst" ||
		{ echo "postinst does not try-restart $u"; result=no; }
done >"$tmp/out"
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./prerm >"$tmp/prerm" 2>/dev/null
grep -q "deb-systemd-invoke stop aulataulu.service" "$tmp/prerm" ||
	{ echo "prerm does not stop the kiosk"; result=no; } >>"$tmp/out"
check $result "an upgrade restarts what ran, removing it stops it"
[ $fails -eq 0 ]
