#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Writes a synthetic feed of format 1 with N activities to standard output.

    genfeed.py N SEQUENCE [PREFIX] [--atom | --ical | --linkedevents K PAGES URL]

Realistic Finnish text; a third of the activities in three languages; half
recurring (weekly schedules), the rest with dated occurrences. Activity ids
start with PREFIX (default "a-"), so tests can tell two feeds apart. With
--atom, the same items as an Atom feed (for the peer comparison in make
bench). With --ical, the same activities as an iCalendar file (weekly ones
as RRULEs in Europe/Helsinki); with --linkedevents, page K of PAGES of a
Linked Events query holding them, its meta.next at URL/le-{K+1}.json.
Deterministic: the same arguments give the same bytes.
"""
import json
import random
import sys

argv = sys.argv[1:]
le_page = le_pages = le_url = None
if "--linkedevents" in argv:
    k = argv.index("--linkedevents")
    le_page, le_pages, le_url = int(argv[k + 1]), int(argv[k + 2]), argv[k + 3]
    argv = argv[:k]
args = [a for a in argv if not a.startswith("--")]
n, seq = int(args[0]), int(args[1])
prefix = args[2] if len(args) > 2 else "a-"
atom = "--atom" in argv
ical = "--ical" in argv
rnd = random.Random(n * 7919 + seq)

what = ["Vertaisryhmä", "Kahvila", "Kerho", "Liikuntaryhmä", "Luento", "Tukipuhelin",
        "Lauluilta", "Käsityöpiiri", "Kävelyryhmä", "Neuvonta", "Ystävätoiminta", "Ruokailu"]
whom = ["omaishoitajille", "ikääntyneille", "nuorille", "lapsiperheille",
        "maahan muuttaneille", "työikäisille", "kaikille", "muistisairaiden läheisille"]
towns = [("Oulu", "564"), ("Kempele", "244"), ("Raahe", "678"), ("Liminka", "425"),
         ("Muhos", "494"), ("Kuusamo", "305")]
words = ("keskustelua jaksamista tietoa tukea yhdessä tekemistä kahvitarjoilu "
         "vapaaehtoiset ohjaaja vertaistuki arki terveys liikunta musiikki kädentaidot "
         "ulkoilu retki luento kysymyksiä tervetuloa maksuton ilmoittautuminen").split()
days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

def text(k):
    return " ".join(rnd.choice(words) for _ in range(k)).capitalize() + "."

orgs = [{"id": f"org-{i}", "kind": "parish" if i % 7 == 0 else "association",
         "name": {"fi": f"{rnd.choice(towns)[0]}n yhdistys {i} ry"}} for i in range(max(5, n // 20))]
places = [{"id": f"place-{i}", "name": {"fi": f"Toimitila {i}"},
           "municipality_code": towns[i % len(towns)][1],
           "street_address": {"fi": f"Kauppakatu {i % 90 + 1}"},
           "address_locality": {"fi": towns[i % len(towns)][0]}} for i in range(max(5, n // 10))]
cats = [{"id": "yso:p12878", "usage": "topic", "name": {"fi": "Vertaistuki"}},
        {"id": "aud:omaishoitajat", "usage": "audience", "name": {"fi": "Omaishoitajat"}},
        {"id": "aud:ikaantyneet", "usage": "audience", "name": {"fi": "Ikääntyneet"}},
        {"id": "topic:liikunta", "usage": "topic", "name": {"fi": "Liikunta"}}]
acts = []
for i in range(n):
    name = f"{rnd.choice(what)} {rnd.choice(whom)} {i}"
    a = {"id": f"{prefix}{i}", "type": "group", "name": {"fi": name},
         "short_description": {"fi": text(8)}, "description": {"fi": text(40)},
         "organizer_id": f"org-{i % len(orgs)}", "place_id": f"place-{i % len(places)}",
         "keywords": ["yso:p12878"] if i % 2 else ["topic:liikunta"],
         "audience": ["aud:omaishoitajat"] if i % 3 == 0 else ["aud:ikaantyneet"],
         "offers": {"is_free": i % 4 != 0}, "info_url": f"https://example.fi/a/{i}"}
    if i % 3 == 0:
        a["name"].update({"sv": f"Grupp {i}", "en": f"Group {i}"})
        a["short_description"].update({"sv": "Samtal och stöd.", "en": "Conversation and support."})
    if i % 2 == 0:
        a["schedule"] = {"rrule": f"FREQ=WEEKLY;BYDAY={days[i % 7]}",
                         "dtstart": f"2026-0{1 + i % 9}-0{1 + i % 9}T{10 + i % 8}:00:00",
                         "duration": "PT1H30M"}
    else:
        a["occurrences"] = [{"start": f"2026-12-{1 + (i + k) % 28:02d}T{10 + k % 8}:00:00+02:00",
                             "end": f"2026-12-{1 + (i + k) % 28:02d}T{11 + k % 8}:30:00+02:00"}
                            for k in range(3)]
    acts.append(a)

if atom:
    print('<?xml version="1.0" encoding="utf-8"?>')
    print('<feed xmlns="http://www.w3.org/2005/Atom"><title>Aulataulu</title>'
          '<id>urn:aulataulu:bench</id><updated>2026-11-23T08:00:00Z</updated>')
    for a in acts:
        print(f'<entry><title>{a["name"]["fi"]}</title><id>urn:aulataulu:{a["id"]}</id>'
              f'<link href="{a["info_url"]}"/><updated>2026-11-23T08:00:00Z</updated>'
              f'<summary>{a["short_description"]["fi"]}</summary>'
              f'<content type="text">{a["description"]["fi"]}</content></entry>')
    print("</feed>")
    sys.exit(0)

if ical:
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Aulataulu//genfeed//FI",
           "X-WR-CALNAME:Testiseurakunta"]
    for a in acts:
        out += ["BEGIN:VEVENT", f"UID:{a['id']}@bench", f"SUMMARY:{a['name']['fi']}",
                f"DESCRIPTION:{a['description']['fi']}", f"LOCATION:Seurakuntatalo {int(a['id'].split('-')[-1]) % 50}",
                "CATEGORIES:Vertaistuki"]
        if "schedule" in a:
            start = a["schedule"]["dtstart"].replace("-", "").replace(":", "")
            out += [f"DTSTART;TZID=Europe/Helsinki:{start}", "DURATION:PT1H30M",
                    f"RRULE:{a['schedule']['rrule']}"]
        else:
            o = a["occurrences"][0]
            out += [f"DTSTART;TZID=Europe/Helsinki:{o['start'][:19].replace('-', '').replace(':', '')}",
                    f"DTEND;TZID=Europe/Helsinki:{o['end'][:19].replace('-', '').replace(':', '')}"]
        out.append("END:VEVENT")
    out.append("END:VCALENDAR")
    sys.stdout.write("\r\n".join(out) + "\r\n")
    sys.exit(0)

if le_page is not None:
    per = (n + le_pages - 1) // le_pages
    data = []
    for a in acts[(le_page - 1) * per:le_page * per]:
        o = (a.get("occurrences") or [{"start": "2026-12-01T10:00:00+02:00",
                                       "end": "2026-12-01T11:30:00+02:00"}])[0]
        data.append({"id": f"bench:{a['id']}", "name": a["name"],
                     "short_description": a["short_description"],
                     "description": {"fi": f"<p>{a['description']['fi']}</p>"},
                     "provider": {"fi": orgs[int(a['id'].split('-')[-1]) % len(orgs)]["name"]["fi"]},
                     "keywords": [{"@id": "https://api.example.fi/v1/keyword/yso:p12878/"}],
                     "offers": [{"is_free": a["offers"]["is_free"]}],
                     "event_status": "EventScheduled", "info_url": {"fi": a["info_url"]},
                     "start_time": o["start"], "end_time": o["end"]})
    nxt = f"{le_url}/le-{le_page + 1}.json" if le_page < le_pages else None
    json.dump({"meta": {"count": n, "next": nxt}, "data": data}, sys.stdout, ensure_ascii=False)
    sys.exit(0)

anns = [{"id": f"n-{i}", "title": {"fi": f"Tiedote {i}: {text(4)}"}, "body": {"fi": text(20)},
         "priority": i % 4, "valid_from": "2026-11-01T00:00:00+02:00",
         "valid_until": "2027-01-01T00:00:00+02:00"} for i in range(max(3, n // 100))]
json.dump({"format": "aulataulu-feed", "format_version": 1,
           "feed": {"id": "synthetic", "sequence": seq, "generated_at": "2026-11-23T08:00:00+02:00",
                    "timezone": "Europe/Helsinki", "publisher": {"name": {"fi": "Testialue"}}},
           "categories": cats, "organizations": orgs, "places": places, "activities": acts,
           "announcements": anns}, sys.stdout, ensure_ascii=False)
