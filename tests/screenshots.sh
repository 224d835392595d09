#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Real pixels: the kiosk as aulataulu-session runs it (foot at the size
# `aulataulu font foot` chooses), in sway's headless output at a lobby
# panel's resolution (cage's headless output cannot set one), grabbed
# with grim. On a 24-inch 1080p panel and a 12-inch 1280x800 one: the
# grid the kiosk has is the one chosen and at least 80x24; a text line,
# measured in pixels (the header bar's height), is the chosen cell and on
# the 24-inch panel at least 11 mm; the QR code on an activity reads with
# zbarimg; A+ (its key, F12: a headless sway has no pointer) starts foot again larger,
# on the same activity, whose code still reads. docs/kiosk.md's
# screenshot is the 24-inch one (SCREENSHOT_DIR=DIR keeps them).
#
# Missing tools or input is a failure (.ci/install-deps installs them).
# Run as root, sway runs as nobody (it refuses root). Prints TAP.
top=${top_srcdir:-$(dirname "$0")/..}
build=${top_builddir:-.}
bin=${AULATAULU_BIN:-$build/aulataulu}
session=$build/data/aulataulu-session
echo "1..12"
missing=""
for tool in sway foot grim zbarimg wtype setpriv python3 fc-match; do
	command -v $tool >/dev/null || missing="$missing $tool"
done
[ -x "$bin" ] || missing="$missing $bin"
[ -f "$session" ] || missing="$missing $session"
[ "$(id -u)" = 0 ] || missing="$missing root"
command -v fc-match >/dev/null && ! fc-match -f '%{family}' 'DejaVu Sans Mono' | grep -q 'DejaVu Sans Mono' &&
	missing="$missing fonts-dejavu-core"
if [ -n "$missing" ]; then
	echo "Bail out! missing:$missing"
	exit 1
fi
tmp=$(mktemp -d)
chmod 755 "$tmp"
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
cleanup() {
	[ -n "${sway_pid:-}" ] && kill "$sway_pid" 2>/dev/null
	# Whatever still runs as nobody from here: the kiosk, its session, sway.
	pkill -u 65534 -f -- "$tmp/" 2>/dev/null
	sleep 0.5
	rm -rf "$tmp"
}
trap cleanup EXIT
. "$top/tests/kiosk_tap.sh"
demo_config "$tmp/aulataulu.conf"

# pixels FILE.ppm: "WIDTH HEIGHT BAND": the height of the band of the
# top-left pixel's colour down the left edge (the header bar: one line).
pixels() {
	python3 - "$1" <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
fields, pos = [], 0
while len(fields) < 4:
    while data[pos:pos + 1].isspace():
        pos += 1
    end = pos
    while not data[end:end + 1].isspace():
        end += 1
    fields.append(data[pos:end])
    pos = end
w, h = int(fields[1]), int(fields[2])
pix = data[pos + 1:]
at = lambda x, y: pix[(y * w + x) * 3:(y * w + x) * 3 + 3]
band = 0
while band < h and at(1, band) == at(1, 0):
    band += 1
print(w, h, band)
EOF
}

wait_for() { # wait_for SECONDS COMMAND...: true once COMMAND is
	t=$(($1 * 10))
	shift
	while [ $t -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		t=$((t - 1))
	done
	return 1
}

k=0
for panel in 1920x1080@527x296 1280x800@261x163; do
	k=$((k + 1))
	res=${panel%@*}
	rt=$tmp/rt$k data=$tmp/data$k sess=$tmp/session$k
	mkdir -m 700 "$rt" "$data" "$sess"
	chown 65534:65534 "$rt" "$data" "$sess"
	printf 'output HEADLESS-1 resolution %s position 0 0\ndefault_border none\n' "$res" >"$tmp/sway$k"
	chmod 644 "$tmp/sway$k"
	export XDG_RUNTIME_DIR="$rt" WAYLAND_DISPLAY=wayland-1
	# setpriv itself, not the function: a function run in the background
	# is a subshell, and $! would be its pid, not sway's (killed, it left
	# sway running).
	setpriv --reuid=65534 --regid=65534 --clear-groups env WLR_BACKENDS=headless \
		WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 \
		sway -c "$tmp/sway$k" >"$tmp/sway$k.log" 2>&1 &
	sway_pid=$!
	wait_for 10 test -S "$rt/wayland-1" || {
		cp "$tmp/sway$k.log" "$tmp/out"
		echo "Bail out! sway did not start"
		exit 1
	}
	export SWAYSOCK
	SWAYSOCK=$(ls "$rt"/sway-ipc.*.sock 2>/dev/null | head -1)
	run() { as_nobody env AULATAULU_OUTPUT="$panel" AULATAULU_LOCALEDIR="$build/po/locale" \
		"$bin" --config "$tmp/aulataulu.conf" --data-dir "$data" "$@"; }
	as_nobody env RUNTIME_DIRECTORY="$sess" AULATAULU_OUTPUT="$panel" AULATAULU_BIN="$bin" \
		AULATAULU_LOCALEDIR="$build/po/locale" \
		"$session" --config "$tmp/aulataulu.conf" --data-dir "$data" >"$tmp/session$k.log" 2>&1 &
	up() { run screen --json >"$tmp/screen.json" 2>/dev/null && grep -q '"answered": true' "$tmp/screen.json"; }
	wait_for 20 up
	# What the session chose, and what the kiosk got.
	run font foot --json >"$tmp/font.json" 2>"$tmp/out"
	grid() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["cols"], d["rows"], d.get("cell_height_px", 0), d.get("zoom_max", 0), d.get("cell_width_px", 0))' "$1"; }
	set -- $(grid "$tmp/font.json"); cols=$1 rows=$2 cell=$3 zmax=$4 cw=$5
	set -- $(grid "$tmp/screen.json"); got_cols=$1 got_rows=$2
	{ cat "$tmp/font.json" "$tmp/screen.json" "$tmp/session$k.log"; } >"$tmp/out" 2>&1
	[ "$got_cols" = "$cols" ] && [ "$got_rows" = "$rows" ] && [ "$cols" -ge 80 ] && [ "$rows" -ge 24 ] &&
		r=ok || r=no
	check $r "$panel: the kiosk has the chosen grid, ${got_cols}x${got_rows} (chosen ${cols}x${rows}), at least 80x24"
	# The attract screen, then an activity of today with its code.
	# (Each wtype's first key is lost while its keyboard's keymap is set up.)
	wtype -k Shift_L -s 700 x -s 700 1 -s 700 1 -s 1000
	grim -t ppm "$tmp/shot$k.ppm" 2>"$tmp/out"
	set -- $(pixels "$tmp/shot$k.ppm"); band=$3
	mm=${panel#*@} ; height_mm=${mm#*x}
	# 11 mm in this panel's pixels, rounded up (the 24-inch: 41).
	need=$(python3 -c "import math; print(math.ceil(11 * ${res#*x} / $height_mm))")
	echo "header bar $band px; chosen cell $cell px; 11 mm = $need px" >"$tmp/out"
	if [ "$band" = "$cell" ] && { [ $k != 1 ] || [ "$band" -ge "$need" ]; }; then r=ok; else r=no; fi
	check $r "$panel: a line of text is $band px tall, the chosen cell$([ $k = 1 ] && echo ", at least 11 mm ($need px)")"
	zbarimg -q --raw "$tmp/shot$k.ppm" >"$tmp/qr" 2>"$tmp/out"
	grep -q '^https://' "$tmp/qr" && r=ok || r=no
	check $r "$panel: the activity's code reads: $(head -1 "$tmp/qr")"
	[ $k = 1 ] && [ -n "${SCREENSHOT_DIR:-}" ] && grim -t png "$SCREENSHOT_DIR/kiosk-$res.png"
	if [ "$zmax" -ge 1 ]; then
		# A+ on a keyboard (F12); the tap on the button: tests/test_kiosk_tmux.c.
		# A headless sway has no pointer to tap with.
		run font foot --zoom 1 --json >"$tmp/font1.json" 2>/dev/null
		set -- $(grid "$tmp/font1.json"); cell1=$3 cols1=$1 rows1=$2
		wtype -k Shift_L -s 300 -k F12
		# The new foot's first grid is its own (30x11) until sway makes it
		# full screen (seen in CI): wait for the grid of the larger step.
		bigger() { up && set -- $(grid "$tmp/screen.json") && [ "$1" = "$cols1" ] &&
			[ "$2" = "$rows1" ]; }
		wait_for 20 bigger
		set -- $(grid "$tmp/screen.json"); now_cols=$1 now_rows=$2
		sleep 1
		grim -t ppm "$tmp/zoom$k.ppm"
		set -- $(pixels "$tmp/zoom$k.ppm"); band1=$3
		echo "after A+: ${now_cols}x${now_rows}, header bar $band1 px, chosen ${cols1}x${rows1} at $cell1 px" >"$tmp/out"
		[ "$band1" = "$cell1" ] && [ "$band1" -gt "$band" ] && [ "$now_cols" = "$cols1" ] &&
			[ "$now_rows" = "$rows1" ] && [ "$now_cols" -ge 80 ] && [ "$now_rows" -ge 24 ] && r=ok || r=no
		check $r "$panel: A+ starts foot again with $band1 px lines (from $band), ${now_cols}x${now_rows}"
		zbarimg -q --raw "$tmp/zoom$k.ppm" >"$tmp/qr1" 2>"$tmp/out"
		[ -s "$tmp/qr1" ] && cmp -s "$tmp/qr" "$tmp/qr1" && r=ok || r=no
		check $r "$panel: after A+ the same activity is shown and its code reads"
		[ -n "${SCREENSHOT_DIR:-}" ] && grim -t png "$SCREENSHOT_DIR/kiosk-$res-a-plus.png"
	else
		echo "largest step already: zoom_max $zmax" >"$tmp/out"
		check ok "$panel: the chosen size is already the largest with 80x24 (no A+)"
		check ok "$panel: (no A+ to tap)"
	fi
	# The session ends with the kiosk.
	kill -TERM "$(cat "$data/kiosk.lock" 2>/dev/null)" 2>/dev/null
	ended() { ! pgrep -u 65534 -f "$session --config $tmp/" >/dev/null; }
	wait_for 10 ended && [ "$(cat "$sess/kiosk-status" 2>/dev/null)" = 0 ] && r=ok || r=no
	cp "$tmp/session$k.log" "$tmp/out"
	check $r "$panel: a stop ends the kiosk (status 0) and its session"
	kill "$sway_pid"
	wait "$sway_pid" 2>/dev/null
	sway_pid=""
done
