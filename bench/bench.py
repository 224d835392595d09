#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""make bench: Aulataulu's speed and memory beside newsboat's, on loopback.

    bench.py BUILD_DIR SRC_DIR [N ...]

For each N (default 1000 10000 50000) a synthetic feed of format 1 and the
same items as Atom (tests/genfeed.py) are served on 127.0.0.1 by
tests/feedserver.py. Each figure is the median of 5 runs, with min and max;
peak memory is the maximum resident set size, from 5 more runs under
/usr/bin/time: a child of Python counts Python's own memory (~15 MiB, from
before its exec) in its wait4 figure.
A patient's visit of at least 500 inputs (bench/visit.py) is replayed
through the running kiosk on a pseudo-terminal: every input answered and
drawn, by kind and screen, p50, p99 and max.
Prints the tables and the targets met or missed.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import visit  # noqa: E402

build, src = sys.argv[1], sys.argv[2]
sizes = [int(n) for n in sys.argv[3:]] or [1000, 10000, 50000]
RUNS = 5
NOW = "2026-11-24T09:00:00+02:00"
NEXT_DAY = "2026-11-25T09:00:00+02:00"
aulataulu = os.path.join(build, "aulataulu")
env = dict(os.environ, AULATAULU_LOCALEDIR=os.path.join(build, "po", "locale"), LANG="C.UTF-8",
           AULATAULU_TIMING="1")


for tool, package in (("/usr/bin/time", "time"), ("newsboat", "newsboat")):
    if not shutil.which(tool):
        sys.exit(f"bench: {tool} is missing (apt-get install {package})")

inside = []  # the in-process times ("timing: query N ms") of the last measure()
keystrokes = []  # the slowest keystroke of each typed search ("timing: keystroke N ms")
openings = []  # the search screen opened, reading what it searches ("timing: search opens N ms")
phases = []  # a sync's fetch, parse and save in ms ("timing: sync ...")
written = []  # bytes each run() sent towards the disk (wait4's ru_oublock: write_bytes / 512)


def run(argv, cwd=None, env_extra=None):
    """Runs argv; returns its seconds. Fails loudly."""
    e = dict(env, **(env_extra or {}))
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=e)
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - t0
    written.append(usage.ru_oublock * 512)
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench: {' '.join(argv)} failed:\n{err}")
    for line in err.splitlines():
        if line.startswith("timing: query "):
            inside.append(float(line.split()[2]) / 1000)
        if line.startswith("timing: sync ") and ", save " in line:
            inside.append(float(line.split(", save ")[1].split()[0]) / 1000)
            # "timing: sync fetch and verify F ms, parse P, save S"
            fetch = float(line.split("verify ")[1].split()[0])
            parse = float(line.split(", parse ")[1].split(",")[0])
            phases.append((fetch, parse, float(line.split(", save ")[1].split()[0])))
        if line.startswith("timing: keystroke "):
            keystrokes.append(float(line.split()[2]) / 1000)
        if line.startswith("timing: search opens "):
            openings.append(float(line.split()[3]) / 1000)
    return elapsed


def peak_rss(argv):
    """Peak RSS in KiB of argv, run under GNU time (a small parent)."""
    with tempfile.NamedTemporaryFile("r") as out:
        run(["/usr/bin/time", "-f", "%M", "-o", out.name] + argv)
        return int(out.read().split()[-1])


def measure(make_argv, prepare=None):
    """RUNS timed runs and RUNS for memory; (median, min, max) seconds, the
    peak RSS of each memory run in KiB and the median time inside the
    process, if it said."""
    times = []
    inside.clear()
    for i in range(RUNS):
        if prepare:
            prepare(i)
        times.append(run(make_argv(i)))
    q = statistics.median(inside) if inside else None
    rss = []
    for i in range(RUNS):
        if prepare:
            prepare(i)
        rss.append(peak_rss(make_argv(i)))
    return statistics.median(times), min(times), max(times), rss, q


def fmt_rss(m):
    """Median (min–max) peak RSS in MiB."""
    rss = [k / 1024 for k in m[3]]
    return f"{statistics.median(rss):.1f} ({min(rss):.1f}–{max(rss):.1f})"


def fmt(m):
    med, lo, hi = (x * 1000 for x in m[:3])
    text = f"{med:.1f} ({lo:.1f}–{hi:.1f})"
    return text + (f" [in process {m[4] * 1000:.1f}]" if m[4] is not None else "")


def write_conf(path, name, url, fmt_name="aulataulu"):
    """An Aulataulu configuration of one source, caps raised for the big feeds."""
    with open(path, "w") as f:
        f.write(f"[sync]\nmax_size = 512M\ntimeout = 600\n"
                f"[source {name}]\nurl = {url}\nformat = {fmt_name}\n")


rows, verdicts = [], []  # verdicts: (what, met, the figure)
visits = []  # (activities, [(input kind, screen drawn, ms)])
VISIT_ROUNDS = 5  # of visit.round_of_visit(), about 125 inputs each
split = []  # (activities, [fetch, parse, save] of a full sync in ms)
IDLE_SECONDS = 120  # the idle kiosk's sample, scaled to an hour
day = None  # the day of a terminal at 10,000 activities: figures of its syncs and kiosk
for n in sizes:
    work = tempfile.mkdtemp(prefix="aulataulu-bench-")
    try:
        root = os.path.join(work, "www")
        os.mkdir(root)
        gen = [sys.executable, os.path.join(src, "tests", "genfeed.py"), str(n), "1"]
        with open(os.path.join(root, "feed.json"), "wb") as f:
            subprocess.run(gen, stdout=f, check=True)
        with open(os.path.join(root, "feed.atom"), "wb") as f:
            subprocess.run(gen + ["a-", "--atom"], stdout=f, check=True)
        size = os.path.getsize(os.path.join(root, "feed.json"))
        server = subprocess.Popen([sys.executable, os.path.join(src, "tests", "feedserver.py"), root],
                                  stdout=subprocess.PIPE)
        port = int(server.stdout.readline())
        try:
            conf = os.path.join(work, "aulataulu.conf")
            write_conf(conf, "bench", f"http://127.0.0.1:{port}/feed.json")
            data = lambda i: os.path.join(work, f"data{i}")
            base = lambda i, d=None: [aulataulu, "--config", conf, "--data-dir", d or data(i), "--now", NOW]

            def fresh(i):
                shutil.rmtree(data(i), ignore_errors=True)
                os.mkdir(data(i))

            phases.clear()
            full = measure(lambda i: base(i) + ["sync"], fresh)
            full_phases = [statistics.median(p[k] for p in phases) for k in range(3)]
            last = data(RUNS - 1)
            unchanged = measure(lambda i: base(i, last) + ["sync"])
            # 1 % of the activities changed (their names), the sequence
            # raised: the sync a publisher's ordinary day brings.
            with open(os.path.join(root, "feed.json"), encoding="utf-8") as f:
                doc = json.load(f)
            doc["feed"]["sequence"] += 1
            for a in doc["activities"][:: 100]:
                a["name"]["fi"] += " (muutettu)"
            with open(os.path.join(root, "feed1pct.json"), "w", encoding="utf-8") as f:
                json.dump(doc, f, ensure_ascii=False)
            conf1 = os.path.join(work, "changed.conf")
            write_conf(conf1, "bench", f"http://127.0.0.1:{port}/feed1pct.json")

            def sync_over_last(config, now, name):
                """A sync into a copy of the full sync's cache, made afresh each run."""
                copy = lambda i: os.path.join(work, f"{name}{i}")

                def from_last(i):
                    shutil.rmtree(copy(i), ignore_errors=True)
                    shutil.copytree(last, copy(i))

                return measure(lambda i: [aulataulu, "--config", config, "--data-dir", copy(i),
                                          "--now", now, "sync"], from_last)

            changed = sync_over_last(conf1, NOW, "changed")
            # The next day, the same feed again: every schedule's dates move
            # on with the window (a terminal's first sync of a day).
            next_day = sync_over_last(conf, NEXT_DAY, "nextday")
            week = measure(lambda i: base(i, last) + ["list", "--when", "week"])
            search = measure(lambda i: base(i, last) + ["list", "--when", "all", "--search", "kahvila"])
            startup = measure(lambda i: base(i, last) + ["--bench-startup"])
            # Search as you type in the running kiosk: "kahvila", then the
            # typo "kahvla" (which widens the search), a letter at a time
            # into the search screen, each key answered and drawn.
            slowest = []
            openings.clear()
            for i in range(RUNS):
                keystrokes.clear()
                for word in ("kahvila", "kahvla"):
                    run(base(i, last) + ["--bench-startup"], env_extra={"AULATAULU_BENCH_TYPE": word})
                slowest.append(max(keystrokes))
            typing = statistics.median(slowest)
            opening = statistics.median(openings)

            # A patient's visit through the running kiosk; midway, the
            # publisher's 1 % change arrives (a sync beside the kiosk), at
            # the end the idle reset (idle_timeout 5 s).
            vdir = os.path.join(work, "visit")
            shutil.copytree(last, vdir)
            vconf = os.path.join(work, "visit.conf")
            with open(vconf, "w") as f:
                f.write(f"[kiosk]\nidle_timeout = 5\n[sync]\nmax_size = 512M\ntimeout = 600\n"
                        f"[source bench]\nurl = http://127.0.0.1:{port}/feed.json\n"
                        f"interval = 86400\n")
            timed, kiosk_figures = visit.replay(
                aulataulu, vconf, vdir, NOW, env, VISIT_ROUNDS, idle_wait=5,
                new_data=lambda: run([aulataulu, "--config", conf1, "--data-dir", vdir, "--now",
                                      NOW, "sync"]),
                idle_sample=IDLE_SECONDS if n == 10000 else 0)
            visits.append((n, timed, kiosk_figures["visit"]["peak_rss"]))

            if n == 10000:
                # A terminal's day from 00:30 to 23:30, hourly syncs into a
                # copy of the full sync's cache (made at 09:00 the day
                # before): the one after 09:00 moves every schedule's dates
                # on, at noon the publisher's 1 % change, the rest are
                # unchanged (304). What each sync process wrote; the disk
                # written back before each (an hour apart, it is), or
                # rewriting a page still dirty would count nothing.
                ddir = os.path.join(work, "day")
                shutil.copytree(last, ddir)
                written.clear()
                for hour in range(24):
                    at = f"2026-11-25T{hour:02d}:30:00+02:00"
                    os.sync()
                    run([aulataulu, "--config", conf1 if hour >= 12 else conf, "--data-dir",
                         ddir, "--now", at, "sync"])
                day = {"syncs": list(written), "kiosk": kiosk_figures,
                       "inputs": len(timed)}

            # The peer: newsboat reloading the same items as Atom.
            nb = os.path.join(work, "newsboat")
            os.makedirs(nb, exist_ok=True)
            urls = os.path.join(nb, "urls")
            with open(urls, "w") as f:
                f.write(f"http://127.0.0.1:{port}/feed.atom\n")
            cache = os.path.join(nb, "cache.db")
            nb_argv = lambda i: ["newsboat", "-u", urls, "-c", cache, "-C", os.path.join(nb, "config"), "-x", "reload"]
            open(os.path.join(nb, "config"), "w").close()
            def no_cache(i):
                for suffix in ("", ".lock"):
                    if os.path.exists(cache + suffix):
                        os.remove(cache + suffix)
            cold = measure(nb_argv, no_cache)
            warm = measure(nb_argv)
        finally:
            server.kill()
            server.wait()
        rows.append((n, size, full, changed, next_day, unchanged, week, search, startup, cold, warm))
        split.append((n, full_phases))
        timed_ms = [t[2] for t in visits[-1][1]]
        frame = {10000: 1000 / 60, 50000: 1000 / 30}.get(n)
        if frame:
            slowest = max(visits[-1][1], key=lambda t: t[2])
            verdicts.append((f"every input of a visit answered and drawn within {frame:.1f} ms "
                             f"at the 99th percentile, {n} activities", visit.p99(timed_ms) <= frame,
                             f"p99 {visit.p99(timed_ms):.1f} ms of {len(timed_ms)} inputs; the "
                             f"slowest {slowest[2]:.1f} ms, {slowest[0]} on {slowest[1]}"))
        if n in (10000, 50000):
            verdicts += [
                (f"full sync of {n} ahead of newsboat's cold reload of the same items",
                 cold[0] / full[0] > 1, f"{cold[0] / full[0]:.1f}x"),
                (f"sync of {n} with 1 % changed under half a full sync (whole process)",
                 changed[0] < full[0] / 2, f"{changed[0] * 1000:.1f} ms, half a full sync "
                 f"{full[0] * 500:.1f} ms"),
            ]
        if n == 50000:
            verdicts.append(("peak memory of a sync of 50000 at most 150 MiB",
                             max(full[3]) <= 150 * 1024, f"{max(full[3]) / 1024:.1f} MiB at most"))
        if n == 10000:
            verdicts += [
                ("the save of a sync with 1 % changed under 30 ms in the process",
                 changed[4] < 0.030, f"{changed[4] * 1000:.1f} ms"),
                ("unchanged re-sync (304) under 15 ms (whole process)", unchanged[0] < 0.015,
                 f"{unchanged[0] * 1000:.1f} ms"),
                ("start to first screen under 10 ms (whole process)", startup[0] < 0.010,
                 f"{startup[0] * 1000:.1f} ms; drawing it in the process {startup[4] * 1000:.1f} ms"),
                ("search as you type: every key of \"kahvila\" and \"kahvla\" answered and drawn "
                 "under 10 ms in the process", typing < 0.010,
                 f"the slowest key {typing * 1000:.1f} ms (median of {RUNS} runs); the search "
                 f"screen opened, reading what it searches, in {opening * 1000:.1f} ms"),
            ]
        if n == max(sizes):
            verdicts.append(("peak memory of the UI at start-up under 32 MiB with the largest feed",
                             max(startup[3]) < 32 * 1024, f"{max(startup[3]) / 1024:.1f} MiB at most"))
    finally:
        shutil.rmtree(work, ignore_errors=True)

# Real source formats: a parish's calendar of 5,000 events (half weekly
# rules) and a Linked Events query of 10 pages (5,000 events), served on
# 127.0.0.1 and synced into a fresh cache: the adapters' whole cost.
sources = []
work = tempfile.mkdtemp(prefix="aulataulu-bench-")
try:
    root = os.path.join(work, "www")
    os.mkdir(root)
    server = subprocess.Popen([sys.executable, os.path.join(src, "tests", "feedserver.py"), root],
                              stdout=subprocess.PIPE)
    port = int(server.stdout.readline())
    try:
        gen = [sys.executable, os.path.join(src, "tests", "genfeed.py"), "5000", "1"]
        with open(os.path.join(root, "calendar.ics"), "wb") as f:
            subprocess.run(gen + ["--ical"], stdout=f, check=True)
        url = f"http://127.0.0.1:{port}"
        for k in range(1, 11):
            with open(os.path.join(root, f"le-{k}.json"), "wb") as f:
                subprocess.run(gen + ["--linkedevents", str(k), "10", url], stdout=f, check=True)
        for name, fmt_name, path in (("iCalendar, 5,000 events", "ical", "calendar.ics"),
                                     ("Linked Events, 10 pages of 500 events", "linkedevents",
                                      "le-1.json")):
            conf = os.path.join(work, f"{fmt_name}.conf")
            write_conf(conf, fmt_name, f"{url}/{path}", fmt_name)
            data = lambda i: os.path.join(work, f"{fmt_name}{i}")

            def fresh(i):
                shutil.rmtree(data(i), ignore_errors=True)
                os.mkdir(data(i))

            sources.append((name, measure(lambda i: [aulataulu, "--config", conf, "--data-dir",
                                                     data(i), "--now", NOW, "sync"], fresh)))
    finally:
        server.kill()
        server.wait()
finally:
    shutil.rmtree(work, ignore_errors=True)

print(f"Aulataulu bench: median of {RUNS} runs in ms (min–max) of whole processes, start-up "
      f"included, [the query, first screen or a sync's save inside the process]; peak RSS in MiB")
print(f"machine: {os.cpu_count()} cores, {os.uname().sysname} {os.uname().release} {os.uname().machine}")
print()
print("| activities | feed | full sync | sync RSS | 1 % changed | next day (new dates) | unchanged (304) | list week | search | start to screen | UI RSS | newsboat cold | newsboat warm | cold ÷ our sync |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for n, size, full, changed, next_day, unchanged, week, search, startup, cold, warm in rows:
    print(f"| {n} | {size / 1e6:.1f} MB | {fmt(full)} | {fmt_rss(full)} | {fmt(changed)} | {fmt(next_day)} | {fmt(unchanged)} | "
          f"{fmt(week)} | {fmt(search)} | {fmt(startup)} | {fmt_rss(startup)} | {fmt(cold)} | "
          f"{fmt(warm)} | {cold[0] / full[0]:.1f}x |")
print()
for n, (fetch, parse, save) in split:
    print(f"full sync of {n} in the process (median): fetch and verify {fetch:.1f} ms, "
          f"parse {parse:.1f}, save {save:.1f}")
for name, m in sources:
    print(f"source {name}: full sync {fmt(m)}, peak RSS {fmt_rss(m)} MiB")
if day:
    syncs, kiosk, idle = day["syncs"], day["kiosk"]["visit"], day["kiosk"]["idle"]
    per_hour = 3600 / idle["seconds"]
    kiosk_day = kiosk["written"] + idle["written"] * per_hour * 24
    total = sum(syncs) + kiosk_day
    print()
    unchanged_syncs = syncs[:9] + syncs[10:12] + syncs[13:]
    print(f"A terminal's day at 10000 activities, bytes written towards the disk (write_bytes): "
          f"{len(syncs)} hourly syncs {sum(syncs) / 1e6:.1f} MB (09:30, every schedule's dates "
          f"moved on, {syncs[9] / 1e6:.1f} MB; the publisher's 1 % change at noon "
          f"{syncs[12] / 1e6:.1f} MB; the 22 unchanged {sum(unchanged_syncs) / 1e6:.2f} MB, at "
          f"most {max(unchanged_syncs) / 1e3:.0f} kB); the kiosk {kiosk['written'] / 1e6:.2f} MB "
          f"through the visit of {day['inputs']} inputs and {idle['written'] * per_hour / 1e3:.0f} kB "
          f"an idle hour; the day {total / 1e6:.1f} MB")
    print(f"The idle kiosk ({idle['seconds']:.0f} s on its first screen, scaled to an hour): "
          f"{idle['cpu'] * per_hour:.2f} CPU seconds, {idle['wakeups'] * per_hour:.0f} wake-ups")
    verdicts += [
        ("at most 50 MB written a day by a terminal at 10000 activities (hourly syncs, one 1 % "
         "change, the next day's dates, the kiosk)", total <= 50e6, f"{total / 1e6:.1f} MB"),
        ("an idle kiosk at most 1 CPU second an hour", idle["cpu"] * per_hour <= 1,
         f"{idle['cpu'] * per_hour:.2f} s"),
        ("an idle kiosk at most 4,000 wake-ups an hour", idle["wakeups"] * per_hour <= 4000,
         f"{idle['wakeups'] * per_hour:.0f}"),
    ]
for n, timed, peak_rss in visits:
    ms = [t[2] for t in timed]
    print()
    print(f"A visit through the running kiosk, {n} activities: {len(ms)} inputs, p50 "
          f"{statistics.median(ms):.2f} ms, p99 {visit.p99(ms):.2f} ms, max {max(ms):.2f} ms "
          f"(from reading the input to the screen's update; slowest first); the kiosk's "
          f"peak RSS {peak_rss / 1024:.1f} MiB")
    print()
    print(visit.table(timed))
print()
for what, ok, value in verdicts:
    print(f"{'met   ' if ok else 'MISSED'}  {what}: {value}")
