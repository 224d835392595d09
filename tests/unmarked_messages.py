#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Every sentence a person may see is marked for translation.

Reads every C file of src/*/ and screens/ and reports each string literal
(adjacent literals joined, as the compiler joins them) that reads as words
of a sentence -- two words or more, besides format directives -- and is not
the argument of _(), N_() or ngettext(). Not sentences: SQL, FTS5 queries,
#include lines, and the literals listed with their reasons in
tests/data/untranslated.txt ("FILE<TAB>TEXT<TAB>WHY" lines). Prints TAP."""
import glob, os, re, sys

top = os.environ.get("top_srcdir") or os.path.join(os.path.dirname(__file__), "..")
TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|/\*.*?\*/|//[^\n]*|\'(?:[^\'\\\n]|\\.)*\'|#\s*include[^\n]*|[A-Za-z_]\w*|\S', re.S)
SQL = re.compile(r'\b(SELECT|INSERT|UPDATE|DELETE|FROM|WHERE|JOIN|ORDER BY|GROUP BY|CREATE|PRAGMA|'
                 r'BEGIN|COMMIT|ROLLBACK|ATTACH|VALUES|EXISTS|AND|OR NOT|LIMIT|UNION|MATCH|VACUUM|AS)\b|json_object\(|:[a-z_]+\b')
FORMAT = re.compile(r'%[-+ #0-9.*]*(?:hh|h|ll|l|z|j|t)?[a-zA-Z%]')
WORDS = re.compile(r'[^\W\d_]{2,}[,;:)"\']?\s+[("\']?[^\W\d_]{2,}')


def literals(path):
    """(line, text, marked) of each joined string literal of a C file."""
    s = open(path, encoding="utf-8").read()
    toks = [(m.group(0), m.start()) for m in TOKEN.finditer(s)
            if not m.group(0).startswith(("/*", "//", "#"))]
    i = 0
    while i < len(toks):
        if not toks[i][0].startswith('"'):
            i += 1
            continue
        j = i
        while j < len(toks) and toks[j][0].startswith('"'):
            j += 1
        text = "".join(t[0][1:-1] for t in toks[i:j])
        before = [t[0] for t in toks[max(0, i - 2):i]]
        marked = before[-2:] in (["_", "("], ["N_", "("], ["ngettext", "("])
        if not marked and before[-1:] == [","]:  # ngettext's plural
            k = i - 2
            while k >= 0 and toks[k][0].startswith('"'):
                k -= 1
            marked = k >= 1 and toks[k][0] == "(" and toks[k - 1][0] == "ngettext"
        yield s.count("\n", 0, toks[i][1]) + 1, text, marked
        i = j


def sentence(text):
    bare = FORMAT.sub(" ", re.sub(r"\\[nt\"\\]", " ", text))
    return WORDS.search(bare) and not SQL.search(text)


allowed = set()
allow_file = os.path.join(top, "tests", "data", "untranslated.txt")
if not os.path.exists(allow_file):
    print("Bail out! %s is missing" % allow_file)
    sys.exit(1)
for line in open(allow_file, encoding="utf-8"):
    if line.strip() and not line.startswith("#"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 3 or not parts[2].strip():
            print("Bail out! %s: not FILE<TAB>TEXT<TAB>WHY: %r" % (allow_file, line))
            sys.exit(1)
        allowed.add((parts[0], parts[1]))

files = sorted(glob.glob(os.path.join(top, "src", "*", "*.c")) + glob.glob(os.path.join(top, "screens", "*.c")))
if len(files) < 20:
    print("Bail out! no sources under %s" % top)
    sys.exit(1)
print("1..%d" % len(files))
unused = set(allowed)
for n, path in enumerate(files, 1):
    rel = os.path.relpath(path, top)
    bad = []
    for line, text, marked in literals(path):
        if marked or not sentence(text):
            continue
        if (rel, text) in allowed:
            unused.discard((rel, text))
            continue
        bad.append("%s:%d: \"%s\"" % (rel, line, text))
    if bad:
        print("not ok %d - %s: %d sentences not marked for translation" % (n, rel, len(bad)))
        for b in bad:
            print("# " + b)
    else:
        print("ok %d - %s" % (n, rel))
if unused:
    for rel, text in sorted(unused):
        print("# %s: \"%s\" is allowed in tests/data/untranslated.txt but not there" % (rel, text))
