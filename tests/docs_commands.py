#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""The commands README.md and docs/*.md show still run.

Every `aulataulu ...` line in their code blocks (with its continuation
lines; comments, pipes and redirections cut off; [optional] parts taken)
is run as written (its own --data-dir replaced) against a fresh data
directory that holds the demo's source, synced, with no input: it must not be refused as usage (exit 2, an unknown command or
option), and the read-only ones (list, board, status, stats, audit, hide
without ID, announce list, demo-feed, config-help, doctor) must succeed
(but for those given a --config of the doc's, which is not here).
Missing input is a failure, never a pass. Prints TAP.
"""
import glob
import os
import re
import shlex
import subprocess
import sys
import tempfile

top = os.environ.get("top_srcdir") or os.path.join(os.path.dirname(__file__), "..")
binary = os.environ.get("AULATAULU_BIN")
docs = [os.path.join(top, "README.md")] + sorted(glob.glob(os.path.join(top, "docs", "*.md")))
if not binary or not os.access(binary, os.X_OK) or not os.path.exists(docs[0]):
    print("Bail out! AULATAULU_BIN or README.md is missing")
    sys.exit(1)

READ_ONLY = ("list", "board", "status", "stats", "audit", "demo-feed", "config-help", "doctor")


def commands(path):
    """(line number, argv) of each aulataulu command in path's code blocks."""
    block, pending, start = False, "", 0
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        if line.startswith("```"):
            block, pending = not block, ""
            continue
        if not block:
            continue
        text = pending + line.rstrip("\n")
        if text.endswith("\\"):
            pending, start = text[:-1] + " ", start or n
            continue
        pending, at = "", start or n
        start = 0
        text = re.sub(r"^\s*(\$ )?(sudo -u \S+ |runuser -u \S+ -- )?", "", text)
        if not re.match(r"(\./)?aulataulu( |$)", text):
            continue
        text = re.split(r"\s(#|\||>|<|&&|;)", " " + text)[0].strip()
        text = re.sub(r"\[([^\]]*)\]", lambda m: m.group(1).split("|")[0], text)
        try:
            argv = shlex.split(text)
        except ValueError:
            yield at, None
            continue
        yield at, argv[1:]


found = [(p, n, argv) for p in docs for n, argv in commands(p)]
if len(found) < 10:
    print(f"Bail out! only {len(found)} commands found in {', '.join(docs)}")
    sys.exit(1)
print(f"1..{len(found)}")
env = dict(os.environ, LC_ALL="C.UTF-8", AULATAULU_LANG="en")
for i, (path, n, argv) in enumerate(found, 1):
    where = f"{os.path.relpath(path, top)}:{n}"
    if argv is None:
        print(f"not ok {i} - {where}: not a shell command line")
        continue
    shown = " ".join(argv)
    # The global options: the doc's data directory is not touched.
    rest, words, k = [], [], 0
    while k < len(argv):
        if argv[k] in ("--data-dir", "--now") and k + 1 < len(argv):
            k += 2
            continue
        if argv[k] in ("--config", "--lang") and k + 1 < len(argv) and not words:
            rest += argv[k:k + 2]
            k += 2
            continue
        if not argv[k].startswith("-"):
            words.append(argv[k])
        rest.append(argv[k])
        k += 1
    if not words:
        print(f"not ok {i} - {where}: {shown}: no command (the kiosk is not run here)")
        continue
    with tempfile.TemporaryDirectory() as tmp:
        env["HOME"] = tmp
        full = [binary, "--data-dir", os.path.join(tmp, "data"),
                "--now", "2026-11-24T09:00:00+02:00"]
        if "--config" not in rest:
            conf = os.path.join(tmp, "aulataulu.conf")
            with open(conf, "w") as f:
                f.write("[kiosk]\nmunicipality = 564\n"
                        "[source demo]\nurl = bundled:demo\nformat = demo\n")
            env["AULATAULU_CONFIG"] = conf
            synced = subprocess.run(full + ["sync"], env=env, stdin=subprocess.DEVNULL,
                                    capture_output=True, text=True, timeout=60)
            if synced.returncode != 0:
                print(f"not ok {i} - {where}: the demo did not sync: {synced.stderr[:300]}")
                continue
        argv = rest
        try:
            r = subprocess.run(full + argv, env=env, stdin=subprocess.DEVNULL,
                               capture_output=True, text=True, timeout=60)
        except subprocess.TimeoutExpired:
            print(f"not ok {i} - {where}: {shown}: still running after 60 s")
            continue
        usage = r.returncode == 2 or re.search(r"unknown (command|option)|unrecognized",
                                               r.stderr)
        read_only = "--config" not in argv and (words[0] in READ_ONLY or words[:2] == ["announce", "list"]
                               or argv == ["hide"])
        if usage:
            print(f"not ok {i} - {where}: {shown}: refused as usage: {r.stderr.strip()[:300]}")
        elif read_only and r.returncode != 0:
            print(f"not ok {i} - {where}: {shown}: exit {r.returncode}: {r.stderr.strip()[:300]}")
        else:
            print(f"ok {i} - {where}: {shown} (exit {r.returncode})")
