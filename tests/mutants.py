#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""make mutants: each one-line change of tests/mutants.txt must be caught.

Copies the source tree (without build directories and .git) to a
temporary directory, configures and builds it once, then for each mutant
makes the change, rebuilds, runs `make check TESTS=TEST` and puts the line
back. A mutant is killed when that test fails; one that survives, or whose
line is not found exactly once, fails the run. Not part of make check (a
few minutes). Usage: mutants.py SRCDIR [FILTER] (FILTER: a substring of
the lines to run).
"""
import os
import shutil
import subprocess
import sys
import tempfile

src = os.path.abspath(sys.argv[1])
only = sys.argv[2] if len(sys.argv) > 2 else ""
mutants = []
for n, line in enumerate(open(os.path.join(src, "tests", "mutants.txt"), encoding="utf-8"), 1):
    if not line.strip() or line.startswith("#"):
        continue
    parts = line.rstrip("\n").split("\t")
    if len(parts) != 5:
        sys.exit(f"tests/mutants.txt:{n}: not FILE<TAB>FROM<TAB>TO<TAB>TEST<TAB>WHAT")
    if only in line:
        mutants.append(parts)

work = tempfile.mkdtemp(prefix="aulataulu-mutants-")
tree, build = os.path.join(work, "src"), os.path.join(work, "build")


def skip(where, names):
    """Build directories, .git and objects; not build-aux."""
    top = os.path.abspath(where) == src
    return [n for n in names if n in (".git", "autom4te.cache") or n.endswith((".o", ".a"))
            or (top and (n == "build" or (n.startswith("build-") and n != "build-aux")))]


shutil.copytree(src, tree, ignore=skip, symlinks=True)
os.makedirs(build)


def run(cmd, **kw):
    return subprocess.run(cmd, cwd=build, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, **kw)


jobs = str(os.cpu_count() or 2)


def build_once():
    if not os.path.exists(os.path.join(tree, "configure")):
        subprocess.run(["autoreconf", "-fi"], cwd=tree, check=True, capture_output=True)
    for step in (["sh", os.path.join(tree, "configure"), "--quiet"], ["make", "-j" + jobs]):
        r = run(step)
        if r.returncode:
            print(r.stdout[-3000:])
            sys.exit(f"mutants: {' '.join(step)} failed")


def try_each():
    survived = 0
    for path, old, new, test, what in mutants:
        file = os.path.join(tree, path)
        text = open(file, encoding="utf-8").read()
        if text.count(old) != 1:
            print(f"NOT FOUND {path}: {old!r} occurs {text.count(old)} times")
            survived += 1
            continue
        open(file, "w", encoding="utf-8").write(text.replace(old, new))
        try:
            # One after the other: `make all` recurses, and two makes at once
            # would build libaulataulu.a side by side.
            made = run(["make", "-j" + jobs, "all"])
            if made.returncode == 0:
                made = run(["make", "-j" + jobs, test])
            built = made.returncode == 0
            if not built:
                print(made.stdout[-1500:])
            caught = built and run(["make", "check", "TESTS=" + test]).returncode != 0
        finally:
            open(file, "w", encoding="utf-8").write(text)
        # One that does not build proves nothing of the test: fix its line.
        verdict = "killed   " if caught else "SURVIVED " if built else "NO BUILD "
        print(verdict + f"{path}: {what} ({test})", flush=True)
        survived += not caught
    return survived


try:
    build_once()
    survived = try_each()
finally:
    shutil.rmtree(work)
print(f"{len(mutants) - survived} of {len(mutants)} mutants killed")
sys.exit(1 if survived else 0)
