#!/usr/bin/python3
"""Builds the font test matrix: one small PDF per way of encoding text
without a ToUnicode map, plus the undecodable and image-only cases, and
expected.json with the text and glyph boxes each must decode to.

Run from this folder with Debian's python3-fonttools and fonts-arphic-uming:
    /usr/bin/python3 gen.py
The outputs are committed, so tests need neither.

Geometry (what expected.json encodes): A4 pages, 12 pt text. Horizontal
text: the glyph box runs from the origin to origin + width, and from 0.88 em
above the baseline to 0.12 em below (the FontDescriptor's Ascent/Descent).
Vertical text (WMode 1, DW2 [880 -1000]): glyphs stand one em apart
downwards, centred on the line, the box 1 em tall from the vertical origin.
Boxes are [x0, y0, x1, y1] in points from the top-left corner.
"""
import json
import re
import zlib

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

UMING = "/usr/share/fonts/truetype/arphic/uming.ttc"
POPPLER = "/usr/share/poppler/cMap/Adobe-GB1/"
PAGE_W, PAGE_H, SIZE = 595, 842, 12
ASCENT, DESCENT = 0.88, -0.12

LINES = ["政府信息公开（一）", "申请数量123"]
VLINE = "申请数量123"  # vertical cases show one column
CHARS = sorted(set("".join(LINES)))


def pdf(objects):
    """Serialise objects (bytes, 1-based ids; object 1 is the catalog)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(data, extra=b"", compress=False):
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def hexstr(b):
    return b"<" + b.hex().upper().encode() + b">"


def doc(font_obj_bodies, content, extra_objects=()):
    """One page showing content with font /F1. font_obj_bodies[0] is the font
    dictionary; further bodies follow it, numbered from 5."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>" % (PAGE_W, PAGE_H),
        stream(content),
    ]
    objs += list(font_obj_bodies) + list(extra_objects)
    return pdf(objs)


def descriptor(name, extra=b""):
    return (b"<< /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [0 -120 1000 880] "
            b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80%s >>" % (name, extra))


def hbox(x, top_baseline, w):
    """Box of a horizontal glyph at origin x, baseline y (top-left coords)."""
    return [round(x, 2), round(top_baseline - ASCENT * SIZE, 2), round(x + w * SIZE, 2), round(top_baseline - DESCENT * SIZE, 2)]


def horizontal(lines_codes, widths):
    """Content and expectations for LINES shown at x=72, baselines 100 and
    130 pt from the top. lines_codes: the bytes of each line; widths: per
    line, the advance of each character in em."""
    content = b"BT /F1 %d Tf\n" % SIZE
    expect = []
    for i, (codes, ws) in enumerate(zip(lines_codes, widths)):
        base = 100 + 30 * i
        content += b"1 0 0 1 72 %d Tm %s Tj\n" % (PAGE_H - base, hexstr(codes))
        x, glyphs = 72.0, []
        for ch, w in zip(LINES[i], ws):
            glyphs.append({"text": ch, "box": hbox(x, base, w)})
            x += w * SIZE
        expect.append({"text": LINES[i], "glyphs": glyphs})
    return content + b"ET\n", expect


def vertical(codes, widths, line=VLINE):
    """Content and expectations for line (VLINE) set top to bottom, its
    vertical origin at x=300, 100 pt from the top."""
    content = b"BT /F1 %d Tf\n1 0 0 1 300 %d Tm %s Tj\nET\n" % (SIZE, PAGE_H - 100, hexstr(codes))
    glyphs = []
    for i, (ch, w) in enumerate(zip(line, widths)):
        y = 100 + i * SIZE
        glyphs.append({"text": ch, "box": [round(300 - w * SIZE / 2, 2), y, round(300 + w * SIZE / 2, 2), y + SIZE]})
    return content, [{"text": line, "glyphs": glyphs, "vertical": True}]


def em(ch):
    return 0.5 if ord(ch) < 128 else 1.0


# ---- predefined CMaps, fonts not embedded (STSong-Light, Adobe-GB1) ----

HALF_W = b"/W [1 95 500 814 939 500 7716 [500]]"


def predefined(cmap, codec, vert):
    font = (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-%s /Encoding /%s "
            b"/DescendantFonts [6 0 R] >>" % (cmap.encode(), cmap.encode()))
    cid = (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
           b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> "
           b"/FontDescriptor 7 0 R /DW 1000 %s >>" % HALF_W)
    if vert:
        content, exp = vertical(codec(VLINE), [em(c) for c in VLINE])
    else:
        content, exp = horizontal([codec(l) for l in LINES], [[em(c) for c in l] for l in LINES])
    return doc([font, cid, descriptor(b"STSong-Light")], content), exp


def embedded_usecmap():
    """An embedded encoding CMap that builds on GBK-EUC-H (usecmap) and
    overrides one code: byte '1' shows CID 836, the half-width '7'."""
    cm = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
          b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> def\n"
          b"/CMapName /XXGK-GBK-Custom def /CMapType 1 def\n/GBK-EUC-H usecmap\n"
          b"1 begincidchar <31> 836 endcidchar\nendcmap CMapName currentdict /CMap defineresource pop end end")
    font = b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding 8 0 R /DescendantFonts [6 0 R] >>"
    cid = (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
           b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> "
           b"/FontDescriptor 7 0 R /DW 1000 %s >>" % HALF_W)
    content, exp = horizontal([l.encode("gbk") for l in LINES], [[em(c) for c in l] for l in LINES])
    exp[1]["text"] = exp[1]["text"].replace("1", "7")
    for g in exp[1]["glyphs"]:
        g["text"] = g["text"].replace("1", "7")
    return doc([font, cid, descriptor(b"STSong-Light"), stream(cm, b" /Type /CMap /CMapName /XXGK-GBK-Custom")], content), exp


def utf16(s):
    return s.encode("utf-16-be")


PREDEFINED = {
    "GBK-EUC": lambda s: s.encode("gbk"),
    "GB-EUC": lambda s: s.encode("gb2312"),
    "GBpc-EUC": lambda s: s.encode("gb2312"),
    "GBK2K": lambda s: s.encode("gb18030"),
    "UniGB-UCS2": utf16,
    "UniGB-UTF16": utf16,
}

# ---- embedded TrueType subsets of AR PL UMing ----


def subset_font(drop_cmap, symbol_codes=None, chars=CHARS, vert=False):
    """Subsets AR PL UMing to chars. Returns the font program, and per
    character its glyph id and advance in em. With vert, the GSUB 'vert'
    feature stays, and the glyph ids are those of the vertical forms where
    the font has one."""
    font = TTFont(UMING, fontNumber=0, recalcTimestamp=False)
    opts = subset.Options()
    opts.layout_features = ["vert"] if vert else []
    opts.hinting = False
    opts.notdef_outline = True
    opts.name_IDs = [1, 2]
    opts.drop_tables += ["BDF ", "EBDT", "EBLC", "FFTM", "GDEF", "GPOS", "gasp"] + ([] if vert else ["GSUB"])
    s = subset.Subsetter(opts)
    s.populate(unicodes=[ord(c) for c in chars])
    s.subset(font)
    upem = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    glyph = {ch: cmap[ord(ch)] for ch in chars}
    if vert:
        gsub = font["GSUB"].table
        for rec in gsub.FeatureList.FeatureRecord:
            if rec.FeatureTag == "vert":
                for i in rec.Feature.LookupListIndex:
                    for st in gsub.LookupList.Lookup[i].SubTable:
                        glyph = {ch: st.mapping.get(g, g) for ch, g in glyph.items()}
    gids = {ch: font.getGlyphID(g) for ch, g in glyph.items()}
    widths = {ch: font["hmtx"][g][0] / upem for ch, g in glyph.items()}
    if drop_cmap:
        # What WPS embeds: glyph outlines and metrics, no way back to text.
        del font["cmap"]
        font["post"].formatType = 3.0
    if symbol_codes:
        # A (3,0) symbol subtable: code c shows the glyph at 0xF000 + c.
        sub = CmapSubtable.newSubtable(4)
        sub.platformID, sub.platEncID, sub.language = 3, 0, 0
        sub.cmap = {0xF000 + c: cmap[ord(ch)] for ch, c in symbol_codes.items()}
        font["cmap"].tables.append(sub)
    font.save("/tmp/xxgk-subset.ttf")
    return open("/tmp/xxgk-subset.ttf", "rb").read(), gids, widths


def truetype(kind, drop_cmap=False):
    """Identity-H/V CID TrueType without ToUnicode. kind: "H", "V",
    "V-forms" (vertical text whose 、 and 。 are the font's vertical glyphs,
    as GSUB 'vert' gives them) or "H-gidmap" (CIDs 100, 101, … mapped to
    glyphs by a CIDToGIDMap stream)."""
    vline = VLINE
    if kind == "V-forms":
        vline = "申请、数量。"
        data, gids, widths = subset_font(drop_cmap, chars=sorted(set(vline)), vert=True)
    else:
        data, gids, widths = subset_font(drop_cmap)
    vert = kind.startswith("V")
    if kind == "H-gidmap":
        cids = {ch: 100 + i for i, ch in enumerate(CHARS)}
        gidmap = bytearray(2 * (100 + len(CHARS)))
        for ch, c in cids.items():
            gidmap[2 * c:2 * c + 2] = gids[ch].to_bytes(2, "big")
        tomap = b"9 0 R"
    else:
        cids, gidmap, tomap = gids, None, b"/Identity"
    w = b" ".join(b"%d [%d]" % (cids[ch], round(widths[ch] * 1000)) for ch in sorted(gids))
    font = (b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+UMing /Encoding /Identity-%s "
            b"/DescendantFonts [6 0 R] >>" % (b"V" if vert else b"H"))
    cid = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+UMing "
           b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
           b"/FontDescriptor 7 0 R /DW 1000 /W [%s] /CIDToGIDMap %s >>" % (w, tomap))
    desc = descriptor(b"ABCDEF+UMing", b" /FontFile2 8 0 R")
    extra = [stream(data, b" /Length1 %d" % len(data), compress=True)]
    if gidmap is not None:
        extra.append(stream(bytes(gidmap), compress=True))
    enc = lambda s: b"".join(cids[ch].to_bytes(2, "big") for ch in s)
    # Whole-em rounding keeps expected boxes exact: widths as written in /W.
    wem = lambda ch: round(widths[ch] * 1000) / 1000
    if vert:
        content, exp = vertical(enc(vline), [wem(c) for c in vline], vline)
    else:
        content, exp = horizontal([enc(l) for l in LINES], [[wem(c) for c in l] for l in LINES])
    return doc([font, cid, desc] + extra, content), exp


def symbolic(with_symbol_cmap):
    """A simple TrueType font without /Encoding, flagged symbolic, whose
    codes pick glyphs of the embedded subset: 0x31, 0x32, … in order of
    first use, so that read as Latin-1 they would be the digits "123…".
    With a (3,0) subtable the font says which glyph each code shows, and
    its Unicode subtable which character that is; without one (and without
    any cmap, as WPS subsets) the text is undecodable."""
    text = LINES[1]
    codes = {}
    for ch in text:
        codes.setdefault(ch, 0x31 + len(codes))
    data, _, widths = subset_font(not with_symbol_cmap, codes if with_symbol_cmap else None)
    first, last = min(codes.values()), max(codes.values())
    ws = {c: ch for ch, c in codes.items()}
    font = (b"<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+UMing /FirstChar %d /LastChar %d "
            b"/Widths [%s] /FontDescriptor 6 0 R >>"
            % (first, last, b" ".join(b"%d" % round(widths[ws[c]] * 1000) for c in range(first, last + 1))))
    desc = descriptor(b"ABCDEF+UMing", b" /FontFile2 7 0 R")
    base = 100
    content = b"BT /F1 %d Tf 1 0 0 1 72 %d Tm %s Tj ET\n" % (SIZE, PAGE_H - base, hexstr(bytes(codes[ch] for ch in text)))
    x, gl = 72.0, []
    for ch in text:
        w = round(widths[ch] * 1000) / 1000
        gl.append({"text": ch, "box": hbox(x, base, w)})
        x += w * SIZE
    return doc([font, desc, stream(data, b" /Length1 %d" % len(data), compress=True)], content), [{"text": text, "glyphs": gl}]


def gb1_cids():
    """Unicode → Adobe-GB1 CID, read from poppler-data's UniGB-UCS2-H."""
    src = open(POPPLER + "UniGB-UCS2-H").read()
    m = {}
    for lo, hi, cid in re.findall(r"<([0-9a-f]{4})>\s*<([0-9a-f]{4})>\s*(\d+)", src):
        for u in range(int(lo, 16), int(hi, 16) + 1):
            m.setdefault(u, int(cid) + u - int(lo, 16))
    for u, cid in re.findall(r"^<([0-9a-f]{4})>\s+(\d+)$", src, re.M):
        m.setdefault(int(u, 16), int(cid))
    return m


def identity_gb1():
    """Identity-H over a non-embedded Adobe-GB1 CIDFontType0: CIDs are
    Adobe-GB1's own, read through its CID→Unicode table."""
    m = gb1_cids()
    enc = lambda s: b"".join(m[ord(ch)].to_bytes(2, "big") for ch in s)
    font = b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H /DescendantFonts [6 0 R] >>"
    cid = (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
           b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> "
           b"/FontDescriptor 7 0 R /DW 1000 %s >>" % HALF_W)
    content, exp = horizontal([enc(l) for l in LINES], [[em(c) for c in l] for l in LINES])
    return doc([font, cid, descriptor(b"STSong-Light")], content), exp


def differences():
    """A simple font whose /Differences name every glyph: uniXXXX, gbXXXX,
    AGL and afii names."""
    names = {}
    for ch in "".join(LINES):
        if ch.isdigit():
            names[ch] = ["zero", "one", "two", "three"][int(ch)]
        elif ch == "（":
            names[ch] = "parenleft"  # AGL name: reads as ASCII (
        elif ch == "）":
            names[ch] = "parenright"
        elif ch in "政信":
            names[ch] = "gb" + ch.encode("gbk").hex().upper()
        else:
            names[ch] = "uni%04X" % ord(ch)
    names["№"] = "afii61352"
    order = sorted(names)
    codes = {ch: 65 + i for i, ch in enumerate(order)}
    diffs = b" ".join(b"/" + names[ch].encode() for ch in order)
    font = (b"<< /Type /Font /Subtype /TrueType /BaseFont /SimSun /FirstChar 65 /LastChar %d "
            b"/Widths [%s] /FontDescriptor 6 0 R /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding "
            b"/Differences [65 %s] >> >>" % (64 + len(order), b" ".join(b"%d" % (em(ch) * 1000) for ch in order), diffs))
    lines = [l + "№" if i == 1 else l for i, l in enumerate(LINES)]
    content = b"BT /F1 %d Tf\n" % SIZE
    expect = []
    for i, l in enumerate(lines):
        base = 100 + 30 * i
        content += b"1 0 0 1 72 %d Tm %s Tj\n" % (PAGE_H - base, hexstr(bytes(codes[ch] for ch in l)))
        x, glyphs = 72.0, []
        read = {"（": "(", "）": ")"}  # the AGL names read as ASCII
        for ch in l:
            glyphs.append({"text": read.get(ch, ch), "box": hbox(x, base, em(ch))})
            x += em(ch) * SIZE
        expect.append({"text": "".join(read.get(ch, ch) for ch in l), "glyphs": glyphs})
    content += b"ET\n"
    return doc([font, descriptor(b"SimSun")], content), expect


def type3():
    """A Type3 font (each glyph a filled square) with a ToUnicode map."""
    chars = sorted(set(LINES[1]))
    codes = {ch: 1 + i for i, ch in enumerate(chars)}
    procs = b" ".join(b"/g%d %d 0 R" % (codes[ch], 7 + i) for i, ch in enumerate(chars))
    diffs = b" ".join(b"/g%d" % codes[ch] for ch in chars)
    bf = b"\n".join(b"<%02X> <%04X>" % (codes[ch], ord(ch)) for ch in chars)
    tounicode = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                 b"/CMapName /T3 def 1 begincodespacerange <00> <FF> endcodespacerange\n"
                 b"%d beginbfchar\n%s\nendbfchar endcmap CMapName currentdict /CMap defineresource pop end end" % (len(chars), bf))
    font = (b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] "
            b"/CharProcs << %s >> /Encoding << /Type /Encoding /Differences [1 %s] >> /FirstChar 1 /LastChar %d "
            b"/Widths [%s] /Resources << >> /ToUnicode 6 0 R >>"
            % (procs, diffs, len(chars), b" ".join(b"%d" % (em(ch) * 1000) for ch in chars)))
    glyphs = [stream(b"%d 0 0 0 %d 800 d1 50 0 %d 800 re f" % (em(ch) * 1000, em(ch) * 1000, em(ch) * 1000 - 100)) for ch in chars]
    base = 100
    content = b"BT /F1 %d Tf 1 0 0 1 72 %d Tm %s Tj ET\n" % (SIZE, PAGE_H - base, hexstr(bytes(codes[ch] for ch in LINES[1])))
    # Type3 fonts have no FontDescriptor: boxes use the interpreter's
    # default ascent and descent, which are these same 0.88 and -0.12.
    x, gl = 72.0, []
    for ch in LINES[1]:
        gl.append({"text": ch, "box": hbox(x, base, em(ch))})
        x += em(ch) * SIZE
    return doc([font, stream(tounicode)] + glyphs, content), [{"text": LINES[1], "glyphs": gl}]


def image_only(pages=3):
    """Pages that only paint an image, as scanners produce."""
    kids = b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(pages))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages)]
    img_id = 3 + 2 * pages
    for i in range(pages):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>"
                    % (PAGE_W, PAGE_H, img_id, 4 + 2 * i))
        objs.append(stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q\n"))
    pixels = bytes([0xFF, 0x00] * 32)
    objs.append(stream(pixels, b" /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8"))
    return pdf(objs)


def main():
    expected = {}

    def emit(name, data_exp):
        data, exp = data_exp
        open(name + ".pdf", "wb").write(data)
        expected[name] = exp

    for base, codec in PREDEFINED.items():
        emit(base + "-H", predefined(base + "-H", codec, False))
        emit(base + "-V", predefined(base + "-V", codec, True))
    emit("Identity-H-truetype", truetype("H"))
    emit("Identity-V-truetype", truetype("V"))
    emit("Identity-V-truetype-vertical-forms", truetype("V-forms"))
    emit("Identity-H-truetype-gidmap", truetype("H-gidmap"))
    emit("Identity-H-gb1", identity_gb1())
    emit("embedded-usecmap-GBK-EUC-H", embedded_usecmap())
    emit("differences", differences())
    emit("type3-tounicode", type3())
    emit("symbolic-truetype", symbolic(True))
    open("undecodable-symbolic.pdf", "wb").write(symbolic(False)[0])
    data, _ = truetype("H", drop_cmap=True)
    open("undecodable-wps-like.pdf", "wb").write(data)
    open("image-only.pdf", "wb").write(image_only())
    with open("expected.json", "w") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    # The font programs alone, for the sfnt tests.
    open("uming-subset.ttf", "wb").write(subset_font(False)[0])
    open("uming-subset-nocmap.ttf", "wb").write(subset_font(True)[0])
    vert, gids, _ = subset_font(False, chars="、。", vert=True)
    open("uming-subset-vert.ttf", "wb").write(vert)
    with open("uming-subset-vert.json", "w") as f:
        json.dump({ch: gids[ch] for ch in sorted(gids)}, f, ensure_ascii=False)
        f.write("\n")


main()
