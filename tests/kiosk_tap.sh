# SPDX-License-Identifier: EUPL-1.2
# Sourced by the shell tests that run the kiosk for real (screenshots.sh,
# speech.sh, print.sh): TAP lines, a demo terminal's configuration and the
# kiosk in tmux. $tmp is the
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

# The kiosk in tmux (kiosk_start ENV...: TERM xterm-256color, 100x30,
# stderr in $tmp/kiosk.log), its screen, keys and taps.
kiosk_start() {
	tmux -S "$tmp/tmux" new-session -d -s k -x 100 -y 30 \
		"env $* AULATAULU_LOCALEDIR=$build/po/locale TERM=xterm-256color $bin --config $tmp/aulataulu.conf --data-dir $tmp/data 2>$tmp/kiosk.log"
}
screen() { tmux -S "$tmp/tmux" capture-pane -p -t k; }
shows() { # shows TEXT SECONDS: true once TEXT is on the screen
	t=0
	while [ $t -lt $(($2 * 10)) ]; do
		screen | grep -qF "$1" && return 0
		sleep 0.1
		t=$((t + 1))
	done
	return 1
}
keys() { tmux -S "$tmp/tmux" send-keys -t k "$@"; }
tap() { # tap TEXT: a finger's press, then its release, on TEXT's second character (SGR)
	at=$(screen | python3 -c "
import sys
for row, line in enumerate(sys.stdin.read().split('\\n')):
    col = line.find(sys.argv[1])
    if col >= 0:
        print(col + 2, row + 1)
        break" "$1")
	[ -n "$at" ] || return 1
	set -- $at
	tmux -S "$tmp/tmux" send-keys -t k -l "$(printf '\033[<0;%d;%dM' "$1" "$2")"
	sleep 0.15
	tmux -S "$tmp/tmux" send-keys -t k -l "$(printf '\033[<0;%d;%dm' "$1" "$2")"
}
