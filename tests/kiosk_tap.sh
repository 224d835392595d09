# SPDX-License-Identifier: EUPL-1.2
# Sourced by the shell tests that run the kiosk for real (screenshots.sh,
# speech.sh): TAP lines and a demo terminal's configuration. $tmp is the
# test's directory; $tmp/out what a failed check prints.
n=0
check() { # check ok|no DESCRIPTION
	n=$((n + 1))
	if [ "$1" = ok ]; then echo "ok $n - $2"; else
		echo "not ok $n - $2"
		sed 's/^/# /' "$tmp/out" 2>/dev/null | head -20
	fi
}
# demo_config FILE: a Finnish terminal on the bundled demo feed.
demo_config() {
	cat >"$1" <<CONF
[kiosk]
idle_timeout = 120
language = fi
municipality = 564
[source demo]
url = bundled:demo
format = demo
CONF
	chmod 644 "$1"
}
