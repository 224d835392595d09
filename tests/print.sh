#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# A slip to take home, printed as a lobby prints it: through a CUPS server
# of this test's own (cupsd with its configuration in a temporary
# directory) to a raw queue whose device is a receipt printer on
# 127.0.0.1, played by this test (an AppSocket listener, as an Epson
# TM-T20 on the network is), which keeps what it is sent. What it would
# print is read back from the ESC/POS bytes (tests/escpos.py): the text,
# the large type, the cut, and the QR code's raster, read with zbarimg.
# An office printer (a queue with a PostScript driver, its device a file)
# gets the slip as an A4 PDF page, which CUPS's own filters turn into
# PostScript: ghostscript draws it, zbarimg reads its code. An
# announcement's slip too. A printer that does not answer is given up
# within printer_wait, the job cancelled. The kiosk's Print button, by
# touch, in tmux, on an activity and on an announcement: printed once,
# then "already printed", then the hour's cap; the slips printed are in
# the anonymous statistics. Missing tools are a failure; needs root
# (cupsd). Prints TAP.
top=${top_srcdir:-$(dirname "$0")/..}
build=${top_builddir:-.}
bin=${AULATAULU_BIN:-$build/aulataulu}
echo "1..19"
missing=""
for tool in cupsd lpadmin lpstat zbarimg tmux python3 pdftotext pdftoppm gs; do
	command -v $tool >/dev/null || missing="$missing $tool"
done
# The picture of the paper needs Debian's PIL: Debian's Python reads it
# (make check may find another python3 first), as in differential_ical.py.
pil_python=/usr/bin/python3
[ -x "$pil_python" ] || pil_python=python3
"$pil_python" -c "import PIL" 2>/dev/null || missing="$missing python3-pil"
[ -x "$bin" ] || missing="$missing $bin"
[ "$(id -u)" = 0 ] || missing="$missing root"
id lp >/dev/null 2>&1 || missing="$missing the user lp"
if [ -n "$missing" ]; then
	echo "Bail out! missing:$missing"
	exit 1
fi
tmp=$(mktemp -d)
chmod 755 "$tmp"
cleanup() {
	tmux -S "$tmp/tmux" kill-server 2>/dev/null
	[ -n "${cupsd_pid:-}" ] && kill "$cupsd_pid" 2>/dev/null
	[ -n "${printer_pid:-}" ] && kill "$printer_pid" 2>/dev/null
	sleep 0.3
	rm -rf "$tmp"
}
trap cleanup EXIT
. "$top/tests/kiosk_tap.sh"
demo_config "$tmp/aulataulu.conf"
sed -i 's/^\[kiosk\]$/[kiosk]\nsite = Tuiran hyvinvointikeskus/' "$tmp/aulataulu.conf"
id=demo:omaishoitajien-vertaisryhma
url=https://example.fi/aulataulu/omaishoitajien-vertaisryhma
mkdir -m 700 "$tmp/data"
run() { AULATAULU_LOCALEDIR="$build/po/locale" "$bin" --config "$tmp/aulataulu.conf" \
	--data-dir "$tmp/data" "$@"; }
run sync >/dev/null 2>&1

# read_slip FILE PREFIX LANG: checks what the printer would print; "ok" or why not.
read_slip() {
	case $3 in
	fi) set -- "$1" "$2" Omaishoitajien vertaisryhmä Missä "Kansankatu 55 A, 90100 Oulu" \
		Järjestäjä "Puh. 040 123 4501" Maksuton "Tuiran hyvinvointikeskus" ;;
	sv) set -- "$1" "$2" "Kamratgrupp för" Var Arrangör "Tfn 040 123 4501" Avgiftsfri ;;
	en) set -- "$1" "$2" "Peer group for family" Where Organiser "Tel. 040 123 4501" \
		"Free of charge" ;;
	esac
	file=$1 prefix=$2
	shift 2
	python3 "$top/tests/escpos.py" --check "$file" "$prefix" "$url" " 8.12." "$@"
}

# Without paper: the bytes into a file, in Finnish, Swedish and English.
for lang in fi sv en; do
	run --lang $lang print $id --to "$tmp/slip.$lang" >"$tmp/out" 2>&1 &&
		read_slip "$tmp/slip.$lang" "$tmp/img.$lang." $lang >>"$tmp/out" 2>&1 && r=ok || r=no
	check $r "print --to in $lang: name and dates large, place, organiser, number, free, centre; its code reads"
done

has_all() { # has_all FILE TEXT...: true when FILE holds every TEXT
	f=$1
	shift
	for w; do grep -qF "$w" "$f" || return 1; done
}

# An A4 page for other printers: its text, and its code read off the page drawn.
run print $id --to "$tmp/slip.pdf" >"$tmp/out" 2>&1 && pdftotext -layout "$tmp/slip.pdf" "$tmp/slip.txt" &&
	pdftoppm -r 150 -png -singlefile "$tmp/slip.pdf" "$tmp/slip-page" 2>>"$tmp/out" &&
	has_all "$tmp/slip.txt" Omaishoitajien Missä "Kansankatu 55 A, 90100 Oulu" \
		"Puh. 040 123 4501" "Tuiran hyvinvointikeskus" &&
	[ "$(zbarimg -q --raw "$tmp/slip-page.png" 2>>"$tmp/out")" = "$url" ] && r=ok || r=no
cat "$tmp/slip.txt" >>"$tmp/out" 2>/dev/null
check $r "print --to FILE.pdf: an A4 page with the name, place, number and centre; its code reads"

# An announcement's slip: its title large, its text, its code.
notice_url=https://example.fi/kirpputori
run announce add --title "Kirpputori lauantaina" --body "Seurakuntatalolla klo 10–14.
Tuotto lähetystyölle." --url $notice_url --priority 2 >"$tmp/out" 2>&1
# read_notice FILE PREFIX: "ok" or why not.
read_notice() {
	python3 "$top/tests/escpos.py" --check "$1" "$2" "$notice_url" Kirpputori \
		"Seurakuntatalolla klo 10-14." "Tuotto lähetystyölle." "Tuiran hyvinvointikeskus"
}
run print --notice local:1 --to "$tmp/notice.bin" >>"$tmp/out" 2>&1 &&
	read_notice "$tmp/notice.bin" "$tmp/img.notice." >>"$tmp/out" 2>&1 && r=ok || r=no
check $r "print --notice: an announcement's slip, its title large, its text and code"
run print --notice local:9 --to "$tmp/none.bin" >"$tmp/out" 2>&1
[ $? = 1 ] && grep -q "taululla ei ole sellaista tiedotetta" "$tmp/out" && ! [ -e "$tmp/none.bin" ] &&
	r=ok || r=no
check $r "print --notice of an announcement not on the board: said, nothing written"

# A CUPS server of our own, and a receipt printer on loopback.
mkdir -p "$tmp/cups/spool" "$tmp/cups/cache" "$tmp/cups/state" "$tmp/cups/log" "$tmp/got"
chown lp:lp "$tmp/cups/spool" "$tmp/cups/cache"
cat >"$tmp/cups/cupsd.conf" <<EOF
Listen $tmp/cups/cups.sock
LogLevel info
WebInterface No
<Location />
  Order allow,deny
  Allow all
</Location>
EOF
cat >"$tmp/cups/cups-files.conf" <<EOF
ServerRoot $tmp/cups
RequestRoot $tmp/cups/spool
CacheDir $tmp/cups/cache
StateDir $tmp/cups/state
ErrorLog $tmp/cups/log/error_log
AccessLog $tmp/cups/log/access_log
PageLog $tmp/cups/log/page_log
FileDevice Yes
User lp
Group lp
EOF
cupsd -f -c "$tmp/cups/cupsd.conf" -s "$tmp/cups/cups-files.conf" >"$tmp/cups/out" 2>&1 &
cupsd_pid=$!
export CUPS_SERVER="$tmp/cups/cups.sock"
t=0
while [ $t -lt 50 ] && ! lpstat -r >/dev/null 2>&1; do
	sleep 0.1
	t=$((t + 1))
done
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
python3 - "$port" "$tmp/got" <<'EOF' &
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(4)
n = 0
while True:
    c, _ = s.accept()
    data = b""
    while True:
        d = c.recv(65536)
        if not d:
            break
        data += d
    c.close()
    n += 1
    open(f"{sys.argv[2]}/{n}.bin", "wb").write(data)
EOF
printer_pid=$!
dead=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
lpadmin -p kuitti -E -v "socket://127.0.0.1:$port" -m raw >/dev/null 2>&1
lpadmin -p rikki -E -v "socket://127.0.0.1:$dead" -m raw >/dev/null 2>&1
# An office printer: CUPS's generic PostScript driver, its paper a file.
mkdir -p "$tmp/sivu"
chown lp:lp "$tmp/sivu"
lpadmin -p sivu -E -v "file://$tmp/sivu/out.ps" -m drv:///sample.drv/generic.ppd -o PageSize=A4 \
	>"$tmp/lpadmin.out" 2>&1
sed -i 's/^\[kiosk\]$/[kiosk]\nprinter = kuitti\nprinter_wait = 20\nprints_per_hour = 3/' "$tmp/aulataulu.conf"
cp "$tmp/aulataulu.conf" "$tmp/rikki.conf"
sed -i 's/^printer = kuitti$/printer = rikki/; s/^printer_wait = 20$/printer_wait = 4/' "$tmp/rikki.conf"
cp "$tmp/aulataulu.conf" "$tmp/sivu.conf"
sed -i 's/^printer = kuitti$/printer = sivu/' "$tmp/sivu.conf"

run print $id >"$tmp/out" 2>&1
rc=$?
t=0
while [ $t -lt 50 ] && ! [ -s "$tmp/got/1.bin" ]; do
	sleep 0.1
	t=$((t + 1))
done
[ $rc = 0 ] && cmp -s "$tmp/got/1.bin" "$tmp/slip.fi" && r=ok || r=no
check $r "print through CUPS: the printer got the slip's bytes (status $rc)"
read_slip "$tmp/got/1.bin" "$tmp/img.cups." fi >"$tmp/out" 2>&1 && r=ok || r=no
check $r "what the printer got reads as the slip, its code too"
# The paper itself, drawn at the printer's 203 dpi (README's picture): its code reads.
"$pil_python" "$top/tests/escpos.py" "$tmp/got/1.bin" "$tmp/paper." --png "$tmp/paper.png" >"$tmp/out" 2>&1 &&
	[ "$(zbarimg -q --raw "$tmp/paper.png" 2>>"$tmp/out")" = "$url" ] && r=ok || r=no
check $r "the slip drawn as paper: its code reads with zbarimg"

# The office printer (printer_type auto: not a raw queue, so a page):
# through CUPS's filters the page arrives as PostScript, the slip's job
# on A4; drawn, its code reads. (Its text is drawn as glyph shapes there:
# the PDF's text is read in the test of --to FILE.pdf above.)
AULATAULU_LOCALEDIR="$build/po/locale" "$bin" --config "$tmp/sivu.conf" --data-dir "$tmp/data" \
	print $id >"$tmp/out" 2>&1
rc=$?
cat "$tmp/lpadmin.out" >>"$tmp/out"
[ $rc = 0 ] && [ -s "$tmp/sivu/out.ps" ] && head -c 4 "$tmp/sivu/out.ps" | grep -q '%!' &&
	gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pnggray -r150 -sOutputFile="$tmp/sivu.png" \
		"$tmp/sivu/out.ps" >>"$tmp/out" 2>&1 &&
	grep -aq "^%%Title: (Omaishoitajien" "$tmp/sivu/out.ps" &&
	"$pil_python" -c "import sys; from PIL import Image
sys.exit(Image.open(sys.argv[1]).size != (1240, 1754))" "$tmp/sivu.png" &&
	[ "$(zbarimg -q --raw "$tmp/sivu.png" 2>>"$tmp/out")" = "$url" ] && r=ok || r=no
grep -a "^%%Title" "$tmp/sivu/out.ps" >>"$tmp/out" 2>&1
check $r "an office printer's queue gets the slip's A4 page: PostScript from CUPS's filters, its code reads"

# A printer that does not answer: given up, the job cancelled.
start=$(date +%s)
AULATAULU_LOCALEDIR="$build/po/locale" "$bin" --config "$tmp/rikki.conf" --data-dir "$tmp/data" \
	print $id >"$tmp/out" 2>&1
rc=$?
took=$(($(date +%s) - start))
lpstat -o rikki >>"$tmp/out" 2>&1
[ $rc = 1 ] && grep -q "ei ole käytettävissä" "$tmp/out" && [ -z "$(lpstat -o rikki 2>/dev/null)" ] &&
	[ $took -le 12 ] && r=ok || r=no
check $r "a printer that does not answer: said within printer_wait (${took} s), the job cancelled"

# The kiosk: Print on an activity, by touch; in a cage session (A+ and
# A- start it again at another size).
mkdir -m 700 "$tmp/session"
session="CUPS_SERVER=$CUPS_SERVER AULATAULU_SESSION_DIR=$tmp/session AULATAULU_OUTPUT=1920x1080@527x296"
kiosk_start $session
shows "Paina mitä tahansa" 10
keys x && shows "Mitä haluat löytää?" 5 && keys 6 && shows "Haku" 5
keys -l "omaishoitajien vertais"
keys Enter
shows "Tulosta" 5 && r=ok || r=no
screen >"$tmp/out"
check $r "an activity's detail shows Print when a printer is configured"
tap Tulosta && shows "Tulostettu: ota lappu mukaasi." 25 && [ -s "$tmp/got/2.bin" ] && r=ok || r=no
{ screen; cat "$tmp/kiosk.log"; ls -la "$tmp/got"; } >"$tmp/out"
check $r "a tap on Print prints the slip and says so"
tap Tulosta && shows "Tämä lappu on jo tulostettu." 5 && sleep 1 && ! [ -e "$tmp/got/3.bin" ] && r=ok || r=no
{ screen; ls -la "$tmp/got"; } >"$tmp/out"
check $r "a second tap in the same visit prints nothing more"
# A+ (F12): the session starts the kiosk again, larger, on the same
# activity; its slip is still printed this visit, and the hour's count
# (the next checks) goes on.
keys F12
t=0
while [ $t -lt 50 ] && tmux -S "$tmp/tmux" has-session -t k 2>/dev/null; do
	sleep 0.1
	t=$((t + 1))
done
kiosk_start $session AULATAULU_ZOOM=1
shows "Omaishoitajien vertaisryhmä" 10 && shows "Tulosta" 10 && tap Tulosta &&
	shows "Tämä lappu on jo tulostettu." 5 &&
	sleep 1 && ! [ -e "$tmp/got/3.bin" ] && r=ok || r=no
{ screen; ls -la "$tmp/got" "$tmp/session"; cat "$tmp/kiosk.log"; } >"$tmp/out"
check $r "after A+ restarts the kiosk the visit's slip is still printed: nothing more"
# An announcement's Print, on the notice board.
tap Valikko && shows "Mitä haluat löytää?" 5 && keys 5 && shows "Kirpputori lauantaina" 5 &&
	tap "Kirpputori lauantaina" && shows "Tulosta" 5 && tap Tulosta &&
	shows "Tulostettu: ota lappu mukaasi." 25 && [ -s "$tmp/got/3.bin" ] &&
	read_notice "$tmp/got/3.bin" "$tmp/img.kiosk-notice." >"$tmp/out" 2>&1 && r=ok || r=no
{ screen; ls -la "$tmp/got"; } >>"$tmp/out"
check $r "a tap on an announcement's Print prints its slip"
# F6 prints as the button does.
tap Valikko && shows "Mitä haluat löytää?" 5 && keys 6 && shows "Haku" 5 && keys -l "klubitalo" && keys Enter &&
	shows "Klubitalo" 5 && keys F6 && shows "Tulostettu: ota lappu mukaasi." 25 &&
	[ -s "$tmp/got/4.bin" ] && grep -q "Klubitalo" "$tmp/got/4.bin" && r=ok || r=no
{ screen; ls -la "$tmp/got"; } >"$tmp/out"
check $r "F6 on an activity prints its slip"
# The hour's slips (prints_per_hour = 3 here; the first before the restart):
# another activity's slip waits.
tap Valikko && shows "Mitä haluat löytää?" 5 && keys 6 && shows "Haku" 5 && keys -l "kävelyryhmä" && keys Enter &&
	shows "Kävelyryhmä" 5 && tap Tulosta && shows "Tulostin lepää" 5 && sleep 1 &&
	! [ -e "$tmp/got/5.bin" ] && r=ok || r=no
{ screen; ls -la "$tmp/got"; } >"$tmp/out"
check $r "past prints_per_hour (3 here, one before A+ restarted the kiosk) the printer rests"

# The slips printed, in the anonymous statistics once the kiosk has ended.
tmux -S "$tmp/tmux" kill-server 2>/dev/null
t=0
until run stats --by day --json >"$tmp/stats.json" 2>"$tmp/out" &&
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(sum(r['slips_printed'] for r in d['rows']) != 3)" \
		"$tmp/stats.json"; do
	[ $t -ge 50 ] && break
	sleep 0.1
	t=$((t + 1))
done
run stats --by organization --csv >"$tmp/stats.csv" 2>>"$tmp/out"
cat "$tmp/stats.json" "$tmp/stats.csv" >>"$tmp/out"
[ $t -lt 50 ] && [ "$(grep -c ',1$' "$tmp/stats.csv")" = 2 ] && r=ok || r=no
check $r "the statistics count 3 slips that day, each activity's organiser 1"
