#!/usr/bin/python3
"""Writes agl.bin, the subset of the Adobe Glyph List that package glyphnames
embeds, from the copy in Debian's python3-fonttools (fontTools.agl).

Run from this folder: /usr/bin/python3 gen.py  (go generate does).

Kept: names of Latin, Greek, Cyrillic (the afii1xxxx names), general
punctuation, letterlike symbols, arrows, maths, box drawing, CJK symbols and
full-width forms: what report tables and their labels print. Left out:
uniXXXX-style names (decoded from the name itself), Adobe's private-use
small caps and old-style figures, and scripts reports never use. Format:
raw deflate of lines "name<TAB>hex code point".
"""
import zlib
from fontTools.agl import LEGACY_AGL2UV

KEEP = [(0x0000, 0x05FF), (0x2000, 0x27FF), (0x3000, 0x33FF), (0xFE30, 0xFFEF)]

lines = []
for name, cps in sorted(LEGACY_AGL2UV.items()):
    cp = cps[0]  # the first is the preferred reading of a name with several
    if name.startswith("uni") or not any(lo <= cp <= hi for lo, hi in KEEP):
        continue
    lines.append("%s\t%04X" % (name, cp))
data = ("\n".join(lines) + "\n").encode()
c = zlib.compressobj(9, zlib.DEFLATED, -15)
with open("agl.bin", "wb") as f:
    f.write(c.compress(data) + c.flush())
print(len(lines), "names,", len(data), "bytes before compression")
