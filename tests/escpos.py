#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""What an ESC/POS receipt printer would print from the bytes it is sent:
the text (code page PC858, as ESC t 19 selects), which lines were double
size or bold, the raster images (GS v 0) as PGM files, and whether the
paper was cut. Reads the commands tests/print.sh's slips use and refuses
any other, so that a slip with a command a printer would not know fails.

Usage: escpos.py FILE PGM_PREFIX [--png OUT]  -> JSON on stdout; with
--png, also a picture of the paper as a printer at 203 dpi would print it
(the normal font 12x24 dots, DejaVu Sans Mono; python3-pil).
escpos.py --check FILE PGM_PREFIX CODE LARGE TEXT...  -> "ok", or each way
the slip falls short: it must be in code page PC858 and cut, hold every
TEXT, LARGE in double size, and one QR code (read with zbarimg) that
holds CODE."""
import json
import subprocess
import sys


def decode(data, pgm_prefix):
    lines, images, cut = [], [], False
    line, styles, large, bold = bytearray(), set(), False, False
    code_page = None
    i = 0

    def end_line():
        nonlocal line, styles
        lines.append({"text": line.decode("cp858"), "styles": sorted(styles)})
        line, styles = bytearray(), set()

    while i < len(data):
        b = data[i]
        if b == 0x1B:  # ESC
            cmd = data[i + 1]
            if cmd == ord("@"):
                i += 2
            elif cmd == ord("t"):
                code_page = data[i + 2]
                i += 3
            elif cmd == ord("E"):
                bold = data[i + 2] == 1
                i += 3
            elif cmd == ord("a"):
                i += 3
            elif cmd == ord("!"):
                i += 3
            else:
                raise ValueError(f"ESC {cmd:#x} at {i}")
        elif b == 0x1D:  # GS
            cmd = data[i + 1]
            if cmd == ord("!"):
                large = data[i + 2] == 0x11
                i += 3
            elif cmd == ord("v") and data[i + 2] == ord("0"):
                xb = data[i + 4] | data[i + 5] << 8
                h = data[i + 6] | data[i + 7] << 8
                raster = data[i + 8:i + 8 + xb * h]
                name = f"{pgm_prefix}{len(images)}.pgm"
                with open(name, "wb") as f:
                    f.write(b"P5 %d %d 255\n" % (xb * 8, h))
                    for y in range(h):
                        row = raster[y * xb:(y + 1) * xb]
                        f.write(bytes(0 if row[x // 8] & (0x80 >> (x % 8)) else 255
                                      for x in range(xb * 8)))
                images.append(name)
                lines.append({"image": name, "text": "", "styles": []})
                i += 8 + xb * h
            elif cmd == ord("V"):
                cut = True
                i += 4
            else:
                raise ValueError(f"GS {cmd:#x} at {i}")
        elif b == 0x0A:
            end_line()
            i += 1
        elif b < 0x20:
            raise ValueError(f"control byte {b:#x} at {i}")
        else:
            line.append(b)
            if large:
                styles.add("large")
            if bold:
                styles.add("bold")
            i += 1
    if line:
        end_line()
    return {"code_page": code_page, "lines": lines, "images": images, "cut": cut}


def render(slip, out, width_dots=576):
    """The paper, as a PNG: text lines and images, top to bottom."""
    from PIL import Image, ImageDraw, ImageFont
    regular = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
    bold = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
    rows = []
    for line in slip["lines"]:
        if "image" in line:
            rows.append(("image", Image.open(line["image"]).convert("L")))
            continue
        large = "large" in line["styles"]
        size = 40 if large else 20  # 24-dot and 48-dot lines at 203 dpi
        font = ImageFont.truetype(bold if large or "bold" in line["styles"] else regular, size)
        rows.append(("text", (line["text"], font, 48 if large else 24)))
    height = 40 + sum(r[1].height if r[0] == "image" else r[1][2] for r in rows)
    paper = Image.new("L", (width_dots + 40, height), 250)
    draw = ImageDraw.Draw(paper)
    y = 20
    for kind, row in rows:
        if kind == "image":
            paper.paste(row, ((paper.width - row.width) // 2, y))
            y += row.height
        else:
            text, font, h = row
            draw.text((20, y), text, font=font, fill=20)
            y += h
    paper.save(out)


def problems(path, pgm_prefix, code, large, texts):
    """How the slip in file path falls short of what it must say."""
    try:
        with open(path, "rb") as f:
            slip = decode(f.read(), pgm_prefix)
    except (OSError, ValueError, IndexError) as e:
        return [f"not ESC/POS a printer reads: {e}"]
    text = "\n".join(l["text"] for l in slip["lines"])
    big = " ".join(l["text"] for l in slip["lines"] if "large" in l["styles"])
    out = [f"{t!r} not on it" for t in texts if t not in text]
    if large not in big:
        out.append(f"{large!r} not in large type: {big!r}")
    if slip["code_page"] != 19:
        out.append(f"code page {slip['code_page']}, not PC858 (19)")
    if not slip["cut"]:
        out.append("not cut")
    codes = []
    for image in slip["images"]:
        r = subprocess.run(["zbarimg", "-q", "--raw", image], capture_output=True, text=True)
        codes += r.stdout.split()
    if codes != [code]:
        out.append(f"its code reads {codes}")
    return out


if __name__ == "__main__" and sys.argv[1] == "--check":
    found = problems(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6:])
    print("\n".join(found) if found else "ok")
    sys.exit(1 if found else 0)
elif __name__ == "__main__":
    with open(sys.argv[1], "rb") as f:
        slip = decode(f.read(), sys.argv[2])
    if len(sys.argv) > 4 and sys.argv[3] == "--png":
        render(slip, sys.argv[4])
    print(json.dumps(slip, ensure_ascii=False))
