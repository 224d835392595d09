#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""News read as the reference reads it: every well-formed test feed of
feedparser (tests/data/corpus/feedparser, SOURCES.md there) through
`aulataulu check --dates` (all in one run) and through Debian's
python3-feedparser; for each file the items, their titles and their links
must agree, but in the files listed in EXPECTED (each with its reason).

What a lobby board does on purpose, for every file alike:
- an item with neither a title nor any text (once its markup is made
  text) is not shown: the board shows nothing empty, so such entries of the
  reference are not counted;
- an item without a title is headed by the start of its text: the title
  must be how the reference's summary or content begins;
- titles are compared as a person reads them: the reference's markup made
  text (tags dropped, entities read, white space folded);
- a link is the reference's when that is a web address (http, https), and
  none otherwise: only web addresses become codes to scan.

Missing input is a failure, never a pass. Prints TAP.
Usage: differential_rss.py (with AULATAULU_BIN and top_srcdir set, as make
check sets them); under /usr/bin/python3, Debian's.
"""
import glob
import html
import json
import os
import re
import subprocess
import sys
import tempfile

# The reference is Debian's package: Debian's Python reads it (make check
# may run another python3 first).
DEBIAN_PYTHON = "/usr/bin/python3"
if os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PYTHON) and \
        os.path.exists(DEBIAN_PYTHON):
    os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON] + sys.argv)

top = os.environ.get("top_srcdir") or os.path.join(os.path.dirname(__file__), "..")
binary = os.environ.get("AULATAULU_BIN")
try:
    import feedparser
except ImportError as e:
    print(f"Bail out! {e}: apt-get install python3-feedparser")
    sys.exit(1)

CORPUS = "tests/data/corpus/feedparser"
# docs/sources.md states both: the corpus's feeds, and those that agree.
FILES = 1749
AGREE_AT_LEAST = 1708

BINARY = "Atom 1.0 content of a binary media type (application/octet-stream) is no text " \
         "to show; the reference decodes it as text"
CDF = "Microsoft's Channel Definition Format (1997) is neither RSS nor Atom: refused"
SAME_ID = "two entries with neither an id nor a link and the same text: the board " \
          "shows the second as the first again, so it is skipped with a warning"
CRAZY = "HTML built to fool sanitizers: its comments and script are no text; the board " \
        "shows \"Did The Javascript Execute?\" where the reference keeps the markup as text"

# Per file: ("refused" | "differs", why).
EXPECTED = {
    "atom10/entry_content_base64.xml": ("differs", BINARY),
    "atom10/entry_content_base64_2.xml": ("differs", BINARY),
    "atom10/entry_summary_base64.xml": ("differs", BINARY),
    "atom10/entry_summary_base64_2.xml": ("differs", BINARY),
    "atom10/entry_title_base64.xml": ("differs", BINARY),
    "atom10/entry_title_base64_2.xml": ("differs", BINARY),
    "base/cdf_item_abstract_xml_base.xml": ("refused", CDF),
    "cdf/item_abstract_map_description.xml": ("refused", CDF),
    "cdf/item_abstract_map_summary.xml": ("refused", CDF),
    "cdf/item_href_map_link.xml": ("refused", CDF),
    "cdf/item_href_map_links.xml": ("refused", CDF),
    "cdf/item_lastmod.xml": ("refused", CDF),
    "cdf/item_lastmod_parsed.xml": ("refused", CDF),
    "cdf/item_title.xml": ("refused", CDF),
    "lang/entry_content_xml_lang_blank_3.xml": ("differs", SAME_ID),
    "node_precedence/atom10_title.xml": ("differs", SAME_ID),
    "namespace/atomsvgtitle.xml": (
        "differs", "the only text is an SVG drawing's <title> (its name for screen readers): "
                   "no text to show, so no item"),
    "namespace/rss2.0svgtitle.xml": (
        "differs", "the only text is an SVG drawing's <title> (its name for screen readers): "
                   "no text to show, so no item"),
    "rss/item_category_image.xml": (
        "differs", "the item has no title or text of its own; the reference takes the title "
                   "of an <image> inside a <category>"),
    "rss/item_description_not_a_doctype.xml": (
        "differs", "a description of \"<!' <a href=...>\": libxml2's HTML reader takes \"<!\" "
                   "for a declaration and keeps \"!'\"; the reference keeps the characters"),
    "sanitize/entry_title_crazy.xml": ("differs", CRAZY),
    "sanitize/item_fullitem_crazy.xml": ("differs", CRAZY),
    "sanitize/item_description_crazy.xml": ("differs", CRAZY),
    "sanitize/item_content_encoded_crazy.xml": ("differs", CRAZY),
    "sanitize/entry_summary_crazy.xml": ("differs", CRAZY),
    "sanitize/entry_content_crazy.xml": ("differs", CRAZY),
    "sanitize/item_content_encoded_script_nested_cdata.xml": (
        "differs", "a CDATA section inside a CDATA section, holding a script: libxml2's HTML "
                   "reader shows \"![CDATA[]]>\", the reference \"<![CDATA[]]>\""),
}


def as_text(s):
    """Markup made text as a person reads it; white space folded."""
    s = re.sub(r"<[^>]*>", " ", s or "")
    return " ".join(html.unescape(s).split())


def folded(s):
    return " ".join((s or "").split())


def squashed(s):
    return "".join(s.split())


def texts(entry):
    """The reference's summary and content of an entry, as text."""
    out = [as_text(entry.get("summary"))]
    out += [as_text(c.get("value")) for c in entry.get("content", [])]
    return [t for t in out if t]


def shown(entry):
    return as_text(entry.get("title")) or texts(entry)


def compare(mine, theirs):
    """Why our announcements differ from the reference's entries, or None."""
    theirs = [e for e in theirs if shown(e)]
    if len(mine) != len(theirs):
        return f"{len(mine)} items, the reference {len(theirs)}"
    for k, (a, e) in enumerate(zip(mine, theirs), 1):
        title, ref = folded(a["title"]), as_text(e.get("title"))
        if ref and title != ref:
            return f"item {k}: title {title!r}, the reference {ref!r}"
        # Ignoring white space: markup made text puts a space at every tag.
        head = squashed(title.rstrip("…"))
        if not ref and not any(squashed(t).startswith(head) for t in texts(e)):
            return f"item {k}: heading {title!r} does not begin {texts(e)[:1]!r}"
        link = e.get("link") or ""
        link = link if re.match(r"https?://", link) else None
        if a["url"] != link:
            return f"item {k}: link {a['url']!r}, the reference {link!r}"
    return None


def main():
    if not binary or not os.access(binary, os.X_OK):
        print("Bail out! AULATAULU_BIN is not set to the program")
        sys.exit(1)
    files = sorted(glob.glob(os.path.join(top, CORPUS, "*", "*.xml")))
    if len(files) != FILES:
        print(f"Bail out! {len(files)} feeds under {CORPUS}, not {FILES}")
        sys.exit(1)
    missing = [f for f in EXPECTED if not os.path.exists(os.path.join(top, CORPUS, f))]
    if missing:
        print(f"Bail out! EXPECTED names files that are not there: {missing}")
        sys.exit(1)
    with tempfile.TemporaryDirectory() as tmp:
        conf = os.path.join(tmp, "aulataulu.conf")
        with open(conf, "w") as f:
            f.write("[source x]\nurl = https://example.fi/x.xml\n")
        r = subprocess.run([binary, "--config", conf, "--now", "2026-12-07T12:00:00+02:00",
                            "check", "--dates", "--format", "rss"] + files,
                           capture_output=True, text=True, timeout=600,
                           env=dict(os.environ, LC_ALL="C.UTF-8", AULATAULU_LANG="en"))
    ours = {}
    for line in r.stdout.splitlines():
        doc = json.loads(line)
        ours[doc["file"]] = doc["announcements"]
    print(f"1..{len(files) + 1}")
    agree = 0
    for n, path in enumerate(files, 1):
        name = os.path.relpath(path, os.path.join(top, CORPUS))
        expected = EXPECTED.get(name)
        try:
            theirs = feedparser.parse(path).entries
        except Exception as e:  # the reference fails on it
            print(f"ok {n} - {name}: the reference fails on it ({type(e).__name__})")
            continue
        mine = ours.get(path)
        if mine is None:
            if expected and expected[0] == "refused":
                print(f"ok {n} - {name}: refused on purpose ({expected[1]})")
            elif not any(shown(e) for e in theirs):
                print(f"ok {n} - {name}: refused; the reference finds nothing to show either")
            else:
                why = [l for l in r.stderr.splitlines() if l.startswith(path)]
                print(f"not ok {n} - {name}: refused: {why[-1:] or 'no output'}")
            continue
        why = compare(mine, theirs)
        if why is None and expected:
            print(f"not ok {n} - {name}: agrees now; take it out of EXPECTED")
        elif why is None:
            agree += 1
            print(f"ok {n} - {name}: {len(mine)} items agree")
        elif expected and expected[0] == "differs":
            print(f"ok {n} - {name}: differs on purpose: {why} ({expected[1]})")
        else:
            print(f"not ok {n} - {name}: {why}")
    verdict = "ok" if agree >= AGREE_AT_LEAST else "not ok"
    print(f"{verdict} {len(files) + 1} - {agree} of {len(files)} feeds agree item for item "
          f"(at least {AGREE_AT_LEAST} asserted), {len(EXPECTED)} differ on purpose")


main()
