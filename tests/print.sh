#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# A slip to take home, printed as a lobby prints it: through a CUPS server
# of this test's own (cupsd with its configuration in a temporary
# directory) to a raw queue whose device is a receipt printer on
# 127.0.0.1, played by this test (an AppSocket listener, as an Epson
# TM-T20 on the network is), which keeps what it is sent. What it would
# print is read back from the ESC/POS bytes (tests/escpos.py): the text,
# the large type, the cut, and the QR code's raster, read with zbarimg.
# A printer that does not answer is given up within printer_wait, the
# job cancelled. The kiosk's Print button, by touch, in tmux: printed
# once, then "already printed". Missing tools are a failure; needs root
# (cupsd). Prints TAP.
top=${top_srcdir:-$(dirname "$0")/..}
build=${top_builddir:-.}
bin=${AULATAULU_BIN:-$build/aulataulu}
echo "1..10"
missing=""
for tool in cupsd lpadmin lpstat zbarimg tmux python3; do
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

# read_slip FILE PREFIX: checks what the printer would print; "ok" or why not.
read_slip() {
	python3 - "$1" "$2" "$top/tests/escpos.py" "$3" <<'EOF'
import importlib.util, json, subprocess, sys
spec = importlib.util.spec_from_file_location("escpos", sys.argv[3])
escpos = importlib.util.module_from_spec(spec)
spec.loader.exec_module(escpos)
want_lang = sys.argv[4]
try:
    slip = escpos.decode(open(sys.argv[1], "rb").read(), sys.argv[2])
except (OSError, ValueError, IndexError) as e:
    print(f"not ESC/POS a printer reads: {e}")
    sys.exit(1)
text = "\n".join(l["text"] for l in slip["lines"])
large = " ".join(l["text"] for l in slip["lines"] if "large" in l["styles"])
want = {"fi": ["Omaishoitajien", "vertaisryhmä", "Missä", "Kansankatu 55 A, 90100 Oulu",
               "Järjestäjä", "Puh. 040 123 4501", "Maksuton", "Tuiran hyvinvointikeskus"],
        "sv": ["Kamratgrupp för", "Var", "Arrangör", "Tfn 040 123 4501", "Avgiftsfri"]}[want_lang]
problems = [f"{w!r} not on it" for w in want if w not in text]
if slip["code_page"] != 19:
    problems.append(f"code page {slip['code_page']}, not PC858 (19)")
if "ti 8.12." not in large and "tis 8.12." not in large and " 8.12." not in large:
    problems.append(f"no date in large type: {large!r}")
if not slip["cut"]:
    problems.append("not cut")
codes = []
for image in slip["images"]:
    r = subprocess.run(["zbarimg", "-q", "--raw", image], capture_output=True, text=True)
    codes += r.stdout.split()
if codes != ["https://example.fi/aulataulu/omaishoitajien-vertaisryhma"]:
    problems.append(f"its code reads {codes}")
print("\n".join(problems) if problems else "ok")
sys.exit(1 if problems else 0)
EOF
}

# Without paper: the bytes into a file, in Finnish and Swedish.
for lang in fi sv; do
	run --lang $lang print $id --to "$tmp/slip.$lang" >"$tmp/out" 2>&1 &&
		read_slip "$tmp/slip.$lang" "$tmp/img.$lang." $lang >>"$tmp/out" 2>&1 && r=ok || r=no
	check $r "print --to in $lang: name and dates large, place, organiser, number, free, centre; its code reads"
done

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
sed -i 's/^\[kiosk\]$/[kiosk]\nprinter = kuitti\nprinter_wait = 20\nprints_per_hour = 1/' "$tmp/aulataulu.conf"
cp "$tmp/aulataulu.conf" "$tmp/rikki.conf"
sed -i 's/^printer = kuitti$/printer = rikki/; s/^printer_wait = 20$/printer_wait = 4/' "$tmp/rikki.conf"

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

# The kiosk: Print on an activity, by touch.
kiosk_start CUPS_SERVER=$CUPS_SERVER
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
# The hour's slips (prints_per_hour = 1 here): another activity's slip waits.
tap Valikko && shows "Mitä haluat löytää?" 5 && keys 6 && shows "Haku" 5 && keys -l "klubitalo" && keys Enter &&
	shows "Klubitalo" 5 && tap Tulosta && shows "Tulostin lepää" 5 && sleep 1 &&
	! [ -e "$tmp/got/3.bin" ] && r=ok || r=no
{ screen; ls -la "$tmp/got"; } >"$tmp/out"
check $r "past prints_per_hour (1 here) the printer rests and prints nothing"
