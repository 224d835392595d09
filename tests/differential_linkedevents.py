#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Linked Events records listed on the dates their servers meant: every
record of the real pages in tests/data/corpus/linkedevents (SOURCES.md
there) and tests/data/samples, read by `aulataulu check --dates`, against
the dates the Linked Events API means by what it writes.

There is no reference library for Linked Events; the reference is the
API's own serializer (City-of-Helsinki/linkedevents, events/serializers.py
and events/importer/base.py), written again here from its rules:
- "start_time" is an instant (UTC), or a date alone when the event has no
  time of day: from that day's midnight in Helsinki;
- "end_time" is an instant, or the last day (through its midnight), or
  null: a dated event then lasts its one day, a timed one has no end to
  show (the server keeps the midnight after its start);
- "start_time" null: a postponed event with no new date yet; it is listed
  without dates, as postponed;
- a deleted event and a draft ("publication_status": "draft", shown only
  to its publisher's key) are not public: never listed, and a draft is
  named in a warning;
- a sub event whose recurring super event is in the same document is a
  date of the super event, with its own status; one of an umbrella event
  (a festival of events of their own) is listed as itself.
Every record is checked: each listed one has exactly its dates, each left
out one is absent. Missing input is a failure, never a pass. Prints TAP.

Usage: differential_linkedevents.py (with AULATAULU_BIN and top_srcdir set,
as make check sets them).
"""
import datetime
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import zoneinfo

top = os.environ.get("top_srcdir") or os.path.join(os.path.dirname(__file__), "..")
binary = os.environ.get("AULATAULU_BIN")
HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
CORPORA = ["tests/data/corpus/linkedevents/*.json", "tests/data/samples/linkedevents_*.json"]
# README and docs/sources.md state them: the records of the corpus, those
# of them with a date, and the public ones among those (each listed on its
# dates, the test asserts).
RECORDS = 11
DATED = 9
PUBLIC_DATED = 8


def day_start(text):
    d = datetime.date.fromisoformat(text)
    return datetime.datetime.combine(d, datetime.time(), HELSINKI)


def day_after(text):
    """The midnight in Helsinki that ends the day text."""
    d = datetime.date.fromisoformat(text) + datetime.timedelta(days=1)
    return datetime.datetime.combine(d, datetime.time(), HELSINKI)


def instant(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def is_date(text):
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text or ""))


def span(event):
    """(start, end or None) as the API means them, or None without a start."""
    s, e = event.get("start_time"), event.get("end_time")
    if not s:
        return None
    start = day_start(s) if is_date(s) else instant(s)
    if e and is_date(e):
        end = day_after(e)
    elif e:
        end = instant(e)
    else:
        end = day_after(s) if is_date(s) else None
    return start, end


def public(event):
    return not event.get("deleted") and event.get("publication_status") != "draft"


def named(event):
    return any((event.get("name") or {}).get(lang) for lang in ("fi", "sv", "en"))


def recurring_supers(records):
    """The ids of the public super events whose sub events are their dates
    (all but umbrella events)."""
    return {r["id"] for r in records if public(r) and r.get("super_event_type") != "umbrella"}


def super_id(event, present):
    ref = (event.get("super_event") or {}).get("@id") or ""
    m = re.search(r"/event/([^/]+)/?$", ref)
    return m.group(1) if m and m.group(1) in present else None


def expected(records):
    """{id: (status, [(start, end, status)])} of the activities the API's
    records mean, and the ids a warning must name (drafts)."""
    present = recurring_supers(records)
    out, warned = {}, set()
    for r in records:
        if r.get("publication_status") == "draft":
            warned.add(r["id"])
        if not public(r) or not named(r) or super_id(r, present):
            continue
        out[r["id"]] = (r.get("event_status") or "EventScheduled", [])
    for r in records:  # a sub event: a date of its super event
        sup = super_id(r, present) if public(r) else None
        if sup in out and span(r):
            out[sup][1].append(span(r) + (r.get("event_status") or "EventScheduled",))
    for r in records:  # an event without sub events here: its own span
        if r["id"] in out and not out[r["id"]][1] and span(r):
            out[r["id"]][1].append(span(r) + (r.get("event_status") or "EventScheduled",))
    return out, warned


def ours(path, conf, now):
    r = subprocess.run([binary, "--config", conf, "--now", now.isoformat(), "check", "--dates",
                        "--format", "linkedevents", path], capture_output=True, text=True,
                       env=dict(os.environ, LC_ALL="C.UTF-8", AULATAULU_LANG="en"), timeout=120)
    if not r.stdout.strip():
        return None, r.stderr
    doc = json.loads(r.stdout)
    got = {}
    for a in doc["activities"]:
        dates = [(instant(d["start"]), instant(d["end"]) if d["end"] else None, d["status"])
                 for d in a["dates"]]
        got[a["id"]] = (a["status"], dates)
    return got, r.stderr


def shown(dates):
    return ", ".join(f"{s.astimezone(HELSINKI):%Y-%m-%d %H:%M}"
                     f"-{e.astimezone(HELSINKI):%Y-%m-%d %H:%M}" if e else
                     f"{s.astimezone(HELSINKI):%Y-%m-%d %H:%M}" for s, e, _ in dates) or "no date"


def main():
    if not binary or not os.access(binary, os.X_OK):
        print("Bail out! AULATAULU_BIN is not set to the program")
        sys.exit(1)
    files = sorted(p for pattern in CORPORA for p in glob.glob(os.path.join(top, pattern)))
    pages = [(p, json.load(open(p, encoding="utf-8"))["data"]) for p in files]
    n_records = sum(len(records) for _, records in pages)
    if n_records != RECORDS:
        print(f"Bail out! {n_records} records in {len(files)} pages under {top}, not {RECORDS}")
        sys.exit(1)
    print(f"1..{n_records + 1}")
    n = dated = listed = 0
    with tempfile.TemporaryDirectory() as tmp:
        conf = os.path.join(tmp, "aulataulu.conf")
        with open(conf, "w") as f:
            f.write("[sync]\nwindow_days = 365\n"
                    "[source x]\nurl = https://example.fi/v1/event/\nformat = linkedevents\n")
        for path, records in pages:
            name = os.path.relpath(path, top)
            want, warned = expected(records)
            starts = [span(r)[0] for r in records if span(r)]
            # The window a sync writes opens at the day of --now: the day
            # before the page's first date.
            first = min(starts).astimezone(HELSINKI).date() if starts else datetime.date(2026, 1, 1)
            now = datetime.datetime.combine(first - datetime.timedelta(days=1),
                                            datetime.time(12), HELSINKI)
            got, err = ours(path, conf, now)
            for r in records:
                n += 1
                rid = r["id"]
                dated += bool(span(r))
                if got is None:
                    print(f"not ok {n} - {name}: {rid}: the page is refused: "
                          f"{err.strip().splitlines()[-1:] or 'no output'}")
                    continue
                if rid in warned:
                    ok = rid not in got and rid in err
                    print(f"{'ok' if ok else 'not ok'} {n} - {name}: {rid}: a draft, left out "
                          f"{'and named' if ok else 'NOT'} in a warning")
                    continue
                if rid not in want:
                    host = super_id(r, recurring_supers(records))
                    ok = rid not in got
                    why = f"a date of {host}" if host else "not public or without a name"
                    print(f"{'ok' if ok else 'not ok'} {n} - {name}: {rid}: {why}, "
                          f"{'not listed on its own' if ok else 'listed on its own'}")
                    continue
                status, dates = want[rid]
                mine = got.get(rid)
                if mine == (status, dates):
                    listed += bool(dates)
                    print(f"ok {n} - {name}: {rid}: {status}, {shown(dates)}")
                elif mine is None:
                    print(f"not ok {n} - {name}: {rid}: not listed; the API means "
                          f"{status}, {shown(dates)}")
                else:
                    print(f"not ok {n} - {name}: {rid}: listed {mine[0]}, {shown(mine[1])}; "
                          f"the API means {status}, {shown(dates)}")
    want_dated = sum(1 for _, records in pages for r in records
                     if span(r) and public(r))
    ok = dated == DATED and want_dated == PUBLIC_DATED and listed == want_dated
    print(f"{'ok' if ok else 'not ok'} {n_records + 1} - {listed} of the {want_dated} public "
          f"records with a date listed on their dates ({DATED} of {RECORDS} records have a "
          f"date, {dated} found)")


main()
