#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Our dates against the reference's: every calendar of the corpora,
read by `aulataulu check --dates` and by Debian's python3-recurring-ical-
events (with python3-icalendar), over the year from its first event.

A date is a (UID, start) pair; starts are compared as instants (a DATE
and a floating time are in Europe/Helsinki, the feed's zone). Every file
agrees exactly with the reference but those listed in EXPECTED (with the
reason for each: what the program refuses on purpose, where the
reference is wrong). The share of the reference's dates the program
lists, over all files, is asserted as README's figure. Missing input is a
failure, never a pass. Prints TAP.

Usage: differential_ical.py (with AULATAULU_BIN and top_srcdir set, as
make check sets them); under /usr/bin/python3, Debian's.
"""
import collections
import datetime
import glob
import json
import os
import subprocess
import sys
import tempfile
import zoneinfo

# The references are Debian's packages: Debian's Python reads them (make
# check may run another python3 first).
DEBIAN_PYTHON = "/usr/bin/python3"
if os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PYTHON) and \
        os.path.exists(DEBIAN_PYTHON):
    os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON] + sys.argv)

top = os.environ.get("top_srcdir") or os.path.join(os.path.dirname(__file__), "..")
binary = os.environ.get("AULATAULU_BIN")
try:
    import icalendar
    import recurring_ical_events
except ImportError as e:
    print(f"Bail out! {e}: apt-get install python3-recurring-ical-events python3-icalendar")
    sys.exit(1)

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
CORPORA = ["tests/data/corpus/ical/*.ics", "tests/fuzz/corpus/ical/*.ics",
           "tests/data/samples/*.ics"]
# The share of all the reference's dates that the program lists, the files
# below that differ included (those it refuses on purpose, and those where
# the reference is wrong, are not counted):
# docs/sources.md states it. Every other file agrees date for date.
AGREEMENT = 0.995
# The calendars of the corpora (docs/sources.md states it).
CALENDARS = 102

# file: (what differs, why). "refused": the program refuses the whole file;
# "differs": the dates differ as said.
EXPECTED = {
    "alarm_absolute_edited.ics": (
        "differs", "one event twice, SEQUENCE 0 and 1 at the same time: the newest is read, "
        "once; the reference lists both"),
    "issue_107_omitting_last_event.ics": (
        "refused", "its one event has no SUMMARY: a lobby lists no event without a name "
        "(skipped with a warning), so nothing of the file is listed"),
    "issue_75_range_parameter.ics": (
        "reference wrong", "RANGE=THISANDFUTURE moves that date and every later one, as RFC "
        "5545 3.8.4.4 says and the reference's own later versions test (test_issue_75: 17.9. "
        "at 09:00-16:00 UTC, 24.9. at 14:22-16:13; tests/test_feed_ical.c checks the same); "
        "Debian's 2.0.1 moves the one date only"),
    "google_helsinki_spring_forward.ics": (
        "reference wrong", "03:30 on 31 October 2027 occurs twice in Helsinki (the clocks go "
        "back at 04:00): RFC 5545 3.3.5 says it is the first, summer time (00:30 UTC), as "
        "Python's own zoneinfo reads it (fold 0); the reference's zone, built from the "
        "file's VTIMEZONE, gives the second (01:30 UTC). The spring-forward dates in the "
        "same file agree (tests/test_recur.c checks both)"),
    "issue_148_exdate_and_rdate_updated.ics": (
        "differs", "two versions of UID 111, SEQUENCE 1 and 2: the newest is read (its "
        "EXDATE and RDATE); the reference mixes the two"),
    "issue_148_ignored_exdate.ics": (
        "differs", "two versions of UID 111, the later DTSTAMP with an EXDATE: the newest is "
        "read; the reference reads the older"),
    "issue_201_mixed_datetime_and_date.ics": (
        "differs", "DTSTART a DATE, DTEND a UTC time: the event starts on its day (local "
        "midnight); the reference makes the day UTC midnight"),
    "issue_201_test_matrix.ics": (
        "refused", "END:VTOOD closes a BEGIN:VTODO: a calendar whose components do not pair "
        "up is refused whole, as events after it would be lost"),
    "outlook.ics": (
        "differs", "an event without SUMMARY (skipped) and a second event of the same UID "
        "and SEQUENCE (the first is read): the reference lists both"),
}


# Rules more frequent than daily are refused on purpose (a lobby lists no
# event every second; libical searched centuries for some): the reference
# is not asked to expand them (one of every second for a year fills 11 GB).
REFUSED_FREQ = {"SECONDLY", "MINUTELY", "HOURLY"}


def refused_on_purpose(event):
    rule = event.get("RRULE")
    return rule is not None and str(rule.get("FREQ", [""])[0]).upper() in REFUSED_FREQ


def reference(path, start, end):
    """The reference's (uid, start) pairs between start and end."""
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    gone = {str(e.get("UID", "")) for e in cal.walk("VEVENT") if refused_on_purpose(e)}
    cal.subcomponents = [c for c in cal.subcomponents
                         if not (c.name == "VEVENT" and str(c.get("UID", "")) in gone)]
    pairs = []
    for e in recurring_ical_events.of(cal).between(start, end):
        t = e.decoded("DTSTART")
        if isinstance(t, datetime.datetime):
            t = t if t.tzinfo else t.replace(tzinfo=HELSINKI)
        else:
            t = datetime.datetime.combine(t, datetime.time(), HELSINKI)
        pairs.append((str(e.get("UID", "")), int(t.timestamp())))
    return sorted(pairs)


def stamp(t):
    """An instant for people: Helsinki's time."""
    return datetime.datetime.fromtimestamp(t, HELSINKI).strftime("%Y-%m-%d %H:%M")


def first_start(path):
    """The earliest DTSTART of the file's events, as a Helsinki date."""
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    days = []
    for e in cal.walk("VEVENT"):
        if "DTSTART" not in e:
            continue
        t = e.decoded("DTSTART")
        if isinstance(t, datetime.datetime):
            t = (t if t.tzinfo else t.replace(tzinfo=HELSINKI)).astimezone(HELSINKI).date()
        days.append(t)
    return min(days) if days else None


def ours(path, now, conf):
    """(our (uid, start) pairs, the window, the output) of check --dates."""
    r = subprocess.run([binary, "--config", conf, "--now", now, "check", "--dates",
                        "--format", "ical", path], capture_output=True, text=True,
                       env=dict(os.environ, LC_ALL="C.UTF-8", AULATAULU_LANG="en"), timeout=120)
    if not r.stdout.strip():
        return None, None, r.stderr
    doc = json.loads(r.stdout)
    pairs = []
    for a in doc["activities"]:
        uid = "" if a["id"].startswith("VEVENT ") else a["id"]
        for d in a["dates"]:
            pairs.append((uid, int(datetime.datetime.fromisoformat(d["start"]).timestamp())))
    window = (datetime.datetime.fromisoformat(doc["from"]),
              datetime.datetime.fromisoformat(doc["until"]))
    return sorted(pairs), window, r.stderr


def main():
    if not binary or not os.access(binary, os.X_OK):
        print("Bail out! AULATAULU_BIN is not set to the program")
        sys.exit(1)
    files = sorted(p for pattern in CORPORA for p in glob.glob(os.path.join(top, pattern)))
    if len(files) != CALENDARS:
        print(f"Bail out! {len(files)} calendars found under {top}, not {CALENDARS}")
        sys.exit(1)
    print(f"1..{len(files) + 1}")
    matched = total = 0
    with tempfile.TemporaryDirectory() as tmp:
        conf = os.path.join(tmp, "aulataulu.conf")
        with open(conf, "w") as f:
            f.write("[sync]\nwindow_days = 365\n[source x]\nurl = https://example.fi/x.ics\n")
        for n, path in enumerate(files, 1):
            name = os.path.relpath(path, top)
            base = os.path.basename(path)
            expected = EXPECTED.get(base)
            try:
                day = first_start(path)
            except Exception as e:  # the reference cannot read it
                day = None
                ref_error = f"{type(e).__name__}: {e}"
            else:
                ref_error = None
            now = (day or datetime.date(2026, 11, 24)) + datetime.timedelta(days=1)
            mine, window, err = ours(path, now.isoformat() + "T12:00:00+02:00", conf)
            if mine is None:
                verdict = "refused"
                why = err.strip().splitlines()[-1] if err.strip() else "no output"
                if expected and expected[0] == "refused":
                    print(f"ok {n} - {name}: refused on purpose ({expected[1]})")
                elif ref_error or day is None:
                    print(f"ok {n} - {name}: refused; the reference reads no event either")
                else:
                    print(f"not ok {n} - {name}: refused: {why}")
                continue
            if ref_error:
                print(f"ok {n} - {name}: the reference cannot read it ({ref_error[:80]})")
                continue
            if expected and expected[0] == "refused":
                verdict = "ok" if not mine else "not ok"
                print(f"{verdict} {n} - {name}: {len(mine)} dates listed; none on purpose "
                      f"({expected[1]})")
                continue
            try:
                theirs = reference(path, *window)
            except Exception as e:  # the reference fails on it
                print(f"ok {n} - {name}: the reference fails on it ({type(e).__name__}: "
                      f"{str(e)[:60]})")
                continue
            a, b = collections.Counter(mine), collections.Counter(theirs)
            common = sum((a & b).values())
            # Where the reference is wrong, its dates are no measure.
            if not (expected and expected[0] == "reference wrong"):
                total += len(theirs)
                matched += common
            if mine == theirs and expected:
                print(f"not ok {n} - {name}: agrees now; take it out of EXPECTED")
            elif mine == theirs:
                print(f"ok {n} - {name}: {len(mine)} dates agree")
            elif expected and expected[0] in ("differs", "reference wrong"):
                print(f"ok {n} - {name}: {common} of {len(theirs)} agree; {expected[0]} "
                      f"({expected[1]})")
            else:
                missing = [(u, stamp(t)) for u, t in list((b - a).elements())[:3]]
                extra = [(u, stamp(t)) for u, t in list((a - b).elements())[:3]]
                print(f"not ok {n} - {name}: {common} of {len(theirs)} agree; "
                      f"missing {missing}, extra {extra}")
    share = matched / total if total else 0
    verdict = "ok" if total and share >= AGREEMENT else "not ok"
    print(f"{verdict} {len(files) + 1} - {matched} of the reference's {total} dates listed "
          f"({100 * share:.1f} %, at least {100 * AGREEMENT:.1f} % asserted)")


main()
