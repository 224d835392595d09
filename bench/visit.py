#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""A patient's visit replayed through the running kiosk, for make bench.

The kiosk runs on a pseudo-terminal of 100x30 (xterm-256color, SGR mouse)
with AULATAULU_TIMING set, so that it says of every input when it was
answered and drawn ("timing: input KIND SCREEN MS": from the input's
reading to the screen's update, in its own event loop). The visit is
written to the terminal an input at a time, each sent once the previous
one was drawn and PACE seconds have passed, as a quick person's taps and
keys come (a tap is its press and then its release, two writes). It goes through every screen a patient opens: the
menu, today's and the week's lists (keys, the wheel, swipes, taps on
rows), an activity, the topics and life situations, the notice board and
an announcement, the search typed a letter at a time, the language
(Swedish and back), the about screen; once in the middle, new data
arrives (a sync run beside the kiosk), and at the end the idle reset.

    visit.py BUILD_DIR CONF DATA_DIR NOW [ROUNDS]   (a table on stdout)
or from bench.py: visit.replay(...).
"""
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import fcntl
import time

ROWS, COLS = 30, 100
PACE = 0.15  # seconds from one input to the next: a quick typist's


def key(k):
    return [("key", k.encode() if isinstance(k, str) else k)]


def keys(text):
    return [("key", c.encode()) for c in text]


def tap(row, col):
    """A finger's press and release at (row, col), 1-based: two writes."""
    return [("press", f"\x1b[<0;{col};{row}M".encode()),
            ("tap", f"\x1b[<0;{col};{row}m".encode())]


def swipe(row_from, row_to, col=20):
    return [("press", f"\x1b[<0;{col};{row_from}M".encode()),
            ("swipe", f"\x1b[<0;{col};{row_to}m".encode())]


def wheel(down, row=12, col=20):
    return [("wheel", f"\x1b[<{65 if down else 64};{col};{row}M".encode())]


# The keys as xterm sends them in keypad mode (the kiosk turns it on).
# Back is the left arrow (a keyboard's back key; on a touch screen the Back
# button): a lone Escape is a key only once no sequence follows it, which a
# terminal cannot say sooner than ESCDELAY (25 ms), whatever the program.
DOWN, UP, PGDN, BACK, ENTER, BACKSPACE = (b"\x1bOB", b"\x1bOA", b"\x1b[6~", b"\x1bOD", b"\r",
                                          b"\x7f")


def round_of_visit():
    """One visit through every screen: about 120 inputs."""
    v = key(" ")                                          # the attract screen: on to the menu
    v += key("1") + key(DOWN) * 12 + key(PGDN) * 2 + key(ENTER)  # today, down the list, open
    v += key(DOWN) * 6 + key(UP) * 2 + key(BACK)           # the activity scrolled, back
    v += tap(9, 20) + key(BACK)                            # a row tapped open, back
    v += key(BACK) + key("2") + wheel(True) * 10 + wheel(False) * 3  # the week by the wheel
    v += swipe(20, 10) + swipe(10, 18) + tap(12, 30) + key(BACK) + key(BACK)
    v += key("3") + key(DOWN) * 3 + key(ENTER) + key(DOWN) * 4 + key(ENTER)  # a topic's list
    v += key(BACK) + key(BACK) + key(BACK)
    v += key("4") + key(DOWN) * 2 + key(ENTER) + wheel(True) * 4 + key(BACK) + key(BACK)
    v += key("5") + key(DOWN) + key(ENTER) + key(DOWN) * 3 + key(UP) + key(BACK) + key(BACK)
    v += key("6") + keys("kahvila") + key(BACKSPACE) * 3 + keys("vla") + key(BACKSPACE) * 7
    v += keys("ryhmä") + key(DOWN) * 2 + key(ENTER) + key(BACK) + key(BACK)  # the search
    v += key("7") + key("2") + key("1") + key(BACK) + key("7") + key("1")  # Svenska, and back
    v += key("8") + key(BACK)                              # about this terminal
    v += tap(6, 10) + key(BACK) + tap(10, 10) + key(BACK)   # menu buttons by touch
    return v


def _set_size(fd):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))


def process_figures(pid):
    """The CPU seconds, wake-ups, bytes written and peak RSS (KiB, VmHWM)
    so far of process pid:
    the sums over its threads of /proc/PID/task/*/schedstat's time on a CPU
    and timeslices (each one begun by a wake-up, or by a preemption), and
    /proc/PID/io's write_bytes (what it sent towards the disk)."""
    cpu_ns = wakeups = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                on_cpu, _, slices = f.read().split()[:3]
        except FileNotFoundError:  # a thread that ended meanwhile
            continue
        cpu_ns += int(on_cpu)
        wakeups += int(slices)
    with open(f"/proc/{pid}/io") as f:
        io = dict(line.split(": ") for line in f.read().splitlines())
    with open(f"/proc/{pid}/status") as f:
        peak = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    return {"cpu": cpu_ns / 1e9, "wakeups": wakeups, "written": int(io["write_bytes"]),
            "peak_rss": peak}


def replay(aulataulu, conf, data, now, env, rounds=5, new_data=None, idle_wait=None,
           idle_sample=0):
    """Runs the kiosk and replays rounds visits; returns [(kind, screen, ms)]
    and the kiosk's figures (process_figures): "visit" up to the idle reset
    (and, when idle_sample seconds are given, the minute after, when the
    visit's counts are written) and "idle" over idle_sample seconds after
    that.
    new_data: a function run once in the middle (a sync beside the kiosk),
    after which the kiosk must draw the new data; idle_wait: seconds to wait
    at the end for the idle reset."""
    master, slave = pty.openpty()
    _set_size(slave)
    e = dict(env, TERM="xterm-256color", AULATAULU_TIMING="1", LINES=str(ROWS),
             COLUMNS=str(COLS))
    kiosk = subprocess.Popen([aulataulu, "--config", conf, "--data-dir", data, "--now", now],
                             stdin=slave, stdout=slave, stderr=subprocess.PIPE, env=e,
                             start_new_session=True)
    os.close(slave)
    err_fd = kiosk.stderr.fileno()
    pending, timed, log, figures = b"", [], [], {}

    def pump(until, seconds):
        """Reads the terminal (drained: the kiosk must never block on it)
        and the timings until until() or seconds pass."""
        nonlocal pending
        deadline = time.monotonic() + seconds
        while not until():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            ready, _, _ = select.select([master, err_fd], [], [], left)
            if master in ready:
                try:
                    os.read(master, 65536)
                except OSError:
                    return False
            if err_fd in ready:
                chunk = os.read(err_fd, 65536)
                if not chunk:
                    return False
                pending += chunk
                *lines, pending = pending.split(b"\n")
                for line in lines:
                    text = line.decode(errors="replace")
                    if text.startswith("timing: input "):
                        kind, screen, ms = text.split()[2:5]
                        timed.append((kind, screen, float(ms)))
                    else:
                        log.append(text)
        return True

    try:
        # The first screen drawn (the attract screen): the kiosk is up.
        pump(lambda: False, 1.5)
        inputs = round_of_visit() * rounds
        half = len(inputs) // 2
        for i, (kind, data_bytes) in enumerate(inputs):
            if new_data and i == half:
                seen = len(timed)
                new_data()
                if not pump(lambda: any(k == "new-data" for k, _, _ in timed[seen:]), 10):
                    raise RuntimeError("the kiosk never drew the new data")
            seen = len(timed)
            pump(lambda: False, PACE)
            os.write(master, data_bytes)
            if not pump(lambda: len(timed) > seen, 5):
                raise RuntimeError(f"input {i} ({kind} {data_bytes!r}) was never drawn; "
                                   f"the kiosk said: {' '.join(log[-5:])}")
        if idle_wait:
            seen = len(timed)
            if not pump(lambda: any(k == "idle-reset" for k, _, _ in timed[seen:]),
                        idle_wait + 5):
                raise RuntimeError("the idle reset never came")
        if idle_sample:
            # The visit's counts are written at most a minute after its
            # last input (stats_interval): they are the visit's.
            pump(lambda: False, 65)
        figures["visit"] = process_figures(kiosk.pid)
        if idle_sample:
            # Then left alone on its first screen, as a lobby's terminal
            # is most of the day; the terminal still read (drained).
            before = figures["visit"]
            t0 = time.monotonic()
            pump(lambda: False, idle_sample)
            after = process_figures(kiosk.pid)
            figures["idle"] = dict({k: after[k] - before[k] for k in after},
                                   seconds=time.monotonic() - t0)
    finally:
        os.killpg(kiosk.pid, signal.SIGTERM)
        try:
            kiosk.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(kiosk.pid, signal.SIGKILL)
            kiosk.wait()
        os.close(master)
        kiosk.stderr.close()
    return timed, figures


def p99(values):
    s = sorted(values)
    return s[min(len(s) - 1, int(len(s) * 0.99))] if s else 0.0


def table(timed):
    """The markdown table: input kind and screen drawn, count, p50, p99, max."""
    groups = {}
    for kind, screen, ms in timed:
        groups.setdefault((kind, screen), []).append(ms)
    out = ["| input | screen drawn | count | p50 ms | p99 ms | max ms |", "|---|---|---|---|---|---|"]
    for (kind, screen), ms in sorted(groups.items(), key=lambda g: -max(g[1])):
        out.append(f"| {kind} | {screen} | {len(ms)} | {statistics.median(ms):.2f} | "
                   f"{p99(ms):.2f} | {max(ms):.2f} |")
    return "\n".join(out)


if __name__ == "__main__":
    build, conf, data, now = sys.argv[1:5]
    rounds = int(sys.argv[5]) if len(sys.argv) > 5 else 5
    env = dict(os.environ, AULATAULU_LOCALEDIR=os.path.join(build, "po", "locale"),
               LANG="C.UTF-8")
    timed, _ = replay(os.path.join(build, "aulataulu"), conf, data, now, env, rounds)
    print(table(timed))
    ms = [t[2] for t in timed]
    print(f"{len(ms)} inputs: p50 {statistics.median(ms):.2f} ms, p99 {p99(ms):.2f} ms, "
          f"max {max(ms):.2f} ms")
