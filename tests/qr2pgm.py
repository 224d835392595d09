#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Turns a QR code drawn with half blocks in a tmux capture into a PGM image
that zbarimg can read, as a phone camera would read the screen."""
import sys
# Reads a tmux capture (text) and writes the QR area as a PGM: each cell is
# one module wide and two high (half blocks); spaces inside the code's box
# are light, and a light margin is added around it.
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
blocks = {"█": (1, 1), "▀": (1, 0), "▄": (0, 1)}
cells = [(y, x) for y, l in enumerate(lines) for x, c in enumerate(l) if c in blocks]
y0 = min(y for y, _ in cells); y1 = max(y for y, _ in cells)
x0 = min(x for _, x in cells); x1 = max(x for _, x in cells)
rows = []
for y in range(y0, y1 + 1):
    top, bottom = [], []
    l = lines[y]
    for x in range(x0, x1 + 1):
        c = l[x] if x < len(l) else " "
        t, b = blocks.get(c, (0, 0))
        top.append(t); bottom.append(b)
    rows += [top, bottom]
scale, margin = 8, 8
w = (x1 - x0 + 1 + 2 * margin) * scale
h = (len(rows) + 2 * margin) * scale
out = bytearray()
for r in range(-margin, len(rows) + margin):
    line = bytearray()
    for c in range(-margin, x1 - x0 + 1 + margin):
        dark = 0 <= r < len(rows) and 0 <= c < len(rows[0]) and rows[r][c]
        line += bytes([0 if dark else 255]) * scale
    out += line * scale
open(sys.argv[2], "wb").write(b"P5 %d %d 255\n" % (w, h) + out)
